"""Every docstring example in the package runs (the examples are part of the documentation)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from pathlib import Path

import pytest

import exactrelu

MODULES = sorted(m.name for m in pkgutil.walk_packages(exactrelu.__path__, "exactrelu.")
                 if not m.name.endswith("__main__"))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} docstring example(s) of {name} failed"


def test_every_module_is_collected() -> None:
    """The walk reaches every module of every sub-package (a package without ``__init__.py`` would be skipped)."""
    root = Path(exactrelu.__file__).parent
    files = {".".join(("exactrelu", *p.relative_to(root).with_suffix("").parts)).removesuffix(".__init__")
             for p in root.rglob("*.py") if p.name != "__main__.py"}
    assert files - {"exactrelu"} == set(MODULES)
    assert {"exactrelu.core.rationals", "exactrelu.liu.cells", "exactrelu.cli.commands.check",
            "exactrelu.sweeps.jobs.liu", "exactrelu.kernel.rules"} <= set(MODULES)
