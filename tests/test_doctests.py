"""Every docstring example in the package runs (the examples are part of the documentation)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import exactrelu

MODULES = sorted(m.name for m in pkgutil.walk_packages(exactrelu.__path__, "exactrelu.")
                 if not m.name.endswith("__main__"))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} docstring example(s) of {name} failed"
