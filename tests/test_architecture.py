"""The package layout is the architecture (issue 15): imports run one way only, read from the import graph.

The graph is built from the source with :mod:`ast` (no module is imported, so nothing runs), every ``import``
and ``from … import`` counted, including the lazy ones inside functions.  The layers, top to bottom::

    cli  →  sweeps  →  certify | render  →  kmtm | liu | lvb  →  landscape  →  arrangements  →  core

A module may import its own package and any package of a lower layer; the three papers do not import each
other; ``certify`` (results → certificate documents) and ``render`` (results → text, tables, plots, ``--json``)
are used only by ``cli`` and ``sweeps`` and not by each other; the kernel
(``exactrelu.kernel``, the stand-alone certificate checker) imports nothing of the package, and nothing imports
it but ``exactrelu check``.  ``catalogue`` and ``schemas`` are data packages just above ``core``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "exactrelu"

RANK = {
    "core": 0,
    "catalogue": 1, "schemas": 1,
    "arrangements": 2,
    "landscape": 3,
    "kmtm": 4, "liu": 4, "lvb": 4,
    "certify": 5, "render": 5,
    "sweeps": 6,
    "cli": 7,
    "__main__": 8,
}
"""The layer of each package; ``kernel`` stands apart (see :func:`test_the_kernel_stands_alone`)."""

EXCEPTIONS: dict[tuple[str, str], str] = {
    # (importer, imported) → why an import may break the layering.  None today: every certificate is built in
    # exactrelu/certify/ from result values.  test_no_stale_exception fails on a line left behind.
}

KERNEL_USERS = {"exactrelu.cli.commands.check", "exactrelu.sweeps.reproduce"}
"""``exactrelu check`` runs the kernel, and the main job (``exactrelu reproduce``) re-checks every certificate
with it before writing it, so a catalogue never holds a certificate that fails; no other module may import it."""


def module_name(path: Path) -> str:
    parts = ("exactrelu", *path.relative_to(PACKAGE).with_suffix("").parts)
    return ".".join(parts[:-1]) if parts[-1] == "__init__" else ".".join(parts)


def _is_module(name: str) -> bool:
    p = PACKAGE.parent / name.replace(".", "/")
    return p.with_suffix(".py").is_file() or (p / "__init__.py").is_file()


def imports_of(path: Path) -> set[str]:
    """The ``exactrelu`` modules ``path`` imports (``from pkg import mod`` counts as ``pkg.mod``)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.split(".")[0] == "exactrelu")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "exactrelu":
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                out.add(sub if _is_module(sub) else target)
    return out


def import_graph() -> dict[str, set[str]]:
    return {module_name(p): imports_of(p) for p in sorted(PACKAGE.rglob("*.py"))}


def package_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def violations(graph: dict[str, Iterable[str]]) -> set[tuple[str, str]]:
    """The edges ``(importer, imported)`` against the layering of the module docstring."""
    bad = set()
    for src, targets in graph.items():
        ps = package_of(src)
        for dst in targets:
            pd = package_of(dst)
            if ps == pd or pd == "":  # the own package; the root (only ``__version__``)
                continue
            if pd == "kernel" or ps == "kernel":
                if ps == "kernel" or src not in KERNEL_USERS:
                    bad.add((src, dst))
                continue
            if ps == "" or RANK[pd] >= RANK[ps]:
                bad.add((src, dst))
    return bad


def test_the_graph_is_read() -> None:
    """A check on nothing passes vacuously: the graph must hold the edges everyone knows are there."""
    graph = import_graph()
    assert len(graph) > 60
    assert "exactrelu.core.rationals" in graph["exactrelu.core.instance"]
    assert "exactrelu.liu.minima" in graph["exactrelu.liu.cells"]
    assert "exactrelu.kernel" in graph["exactrelu.cli.commands.check"]  # a lazy import inside a function
    assert "exactrelu.arrangements.regions" in graph["exactrelu.sweeps.statements"]  # ``from .. import regions``


def test_violations_are_found() -> None:
    """The rule itself, on made-up edges: upwards, sideways between papers, and into the kernel are refused."""
    fake = {
        "exactrelu.core.instance": {"exactrelu.arrangements.topes"},  # up
        "exactrelu.liu.cells": {"exactrelu.kmtm.jacobian", "exactrelu.landscape.minima"},  # sideways; down
        "exactrelu.lvb.clarke": {"exactrelu.certify.certificates"},  # a paper building a certificate
        "exactrelu.sweeps.sweep": {"exactrelu.kernel.front", "exactrelu.cli.main"},  # kernel; up
        "exactrelu.kernel.front": {"exactrelu.core.rationals"},  # the kernel importing the producer
        "exactrelu.cli.commands.check": {"exactrelu.kernel", "exactrelu.sweeps.sweep"},  # allowed
    }
    assert violations(fake) == {
        ("exactrelu.core.instance", "exactrelu.arrangements.topes"),
        ("exactrelu.liu.cells", "exactrelu.kmtm.jacobian"),
        ("exactrelu.lvb.clarke", "exactrelu.certify.certificates"),
        ("exactrelu.sweeps.sweep", "exactrelu.kernel.front"),
        ("exactrelu.sweeps.sweep", "exactrelu.cli.main"),
        ("exactrelu.kernel.front", "exactrelu.core.rationals"),
    }


def test_every_package_has_a_layer() -> None:
    packages = {package_of(module_name(p)) for p in PACKAGE.rglob("*.py")} - {"", "kernel"}
    assert packages == set(RANK)


def test_imports_run_one_way() -> None:
    bad = violations(import_graph()) - set(EXCEPTIONS)
    assert not bad, "imports against the layering (tests/test_architecture.py docstring):\n" + "\n".join(
        f"  {a} imports {b}" for a, b in sorted(bad))


def test_no_stale_exception() -> None:
    """An exception that no longer happens is deleted, so the list only shrinks."""
    stale = set(EXCEPTIONS) - violations(import_graph())
    assert not stale, f"no longer needed, delete from EXCEPTIONS: {sorted(stale)}"


def test_the_kernel_stands_alone() -> None:
    """The kernel imports nothing of the producer; only ``exactrelu check`` (and the recorded exception) runs it."""
    graph = import_graph()
    for src, targets in graph.items():
        if package_of(src) == "kernel":
            assert all(package_of(t) == "kernel" for t in targets), f"{src} imports {targets}"
    users = {src for src, targets in graph.items() if package_of(src) != "kernel"
             and any(package_of(t) == "kernel" for t in targets)}
    assert users == KERNEL_USERS | {a for a, b in EXCEPTIONS if b == "exactrelu.kernel"}
