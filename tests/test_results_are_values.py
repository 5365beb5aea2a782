"""Results are values (issue 15): the analysis packages return frozen dataclasses and never encode them.

Read from the source with :mod:`ast` (nothing is imported): a module of a package in :data:`VALUE_PACKAGES`
may not import an encoder (``format_rational``, ``format_vector``, ``format_matrix``, ``sign_string``), ``json``,
matplotlib, or anything of ``certify`` / ``render``, and may not define ``to_json``, ``to_mapping``, ``claim`` or
``evidence`` (the JSON is built in ``certify/`` and ``render/``, one function per result type).  The packages are
listed as they are converted; the others join when theirs are.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "exactrelu"

VALUE_PACKAGES = ("liu", "lvb")
"""The analysis packages that return values only (issue 15, phase 2)."""

ENCODERS = {"format_rational", "format_vector", "format_matrix", "sign_string"}
FORBIDDEN_MODULES = ("json", "matplotlib", "exactrelu.certify", "exactrelu.render")
FORBIDDEN_METHODS = {"to_json", "to_mapping", "claim", "evidence"}


def encoding_in(source: str, package: str = "exactrelu.liu") -> list[str]:
    """What in ``source`` (a module of ``package``) encodes instead of returning values."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [f"import {a.name}" for a in node.names if a.name.startswith(FORBIDDEN_MODULES)]
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            if target.startswith(FORBIDDEN_MODULES):
                found.append(f"from {target} import …")
            found += [f"imports {a.name}" for a in node.names if a.name in ENCODERS]
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name in FORBIDDEN_METHODS:
            found.append(f"defines {node.name}")
    return found


def test_the_check_finds_encoding() -> None:
    """On made-up modules: each kind of encoding is found, a module of values passes."""
    assert encoding_in("from ..core.rationals import format_rational\n") == ["imports format_rational"]
    assert encoding_in("import json\n") == ["import json"]
    assert encoding_in("from ..render.tables import render\n") == ["from exactrelu.render.tables import …"]
    assert encoding_in("class A:\n    def to_json(self):\n        return {}\n") == ["defines to_json"]
    assert encoding_in("from ..core.linalg import rank_evidence\nx = f'{1}'\n") == []


def test_analysis_packages_return_values() -> None:
    bad = {}
    for name in VALUE_PACKAGES:
        for path in sorted((PACKAGE / name).rglob("*.py")):
            module = "exactrelu." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
            found = encoding_in(path.read_text(encoding="utf-8"), module.rsplit(".", 1)[0])
            if found:
                bad[module] = found
    assert not bad, f"analysis modules that encode (move it to certify/ or render/): {bad}"
