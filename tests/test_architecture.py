"""The package layout is the architecture (issue 15): imports run one way only, read from the import graph.

The graph is built from the source with :mod:`ast` (no module is imported, so nothing runs), every ``import``
and ``from … import`` counted, including the lazy ones inside functions.  The layers, top to bottom::

    cli  →  sweeps  →  certify | render  →  kmtm | liu | lvb  →  landscape  →  arrangements  →  core

A module may import its own package and any package of a lower layer; the three papers do not import each
other; ``certify`` (results → certificate documents) and ``render`` (results → text, tables, plots, ``--json``)
are used only by ``cli`` and ``sweeps`` and not by each other; the kernel
(``exactrelu.kernel``, the stand-alone certificate checker) imports nothing of the package, and nothing imports
it but ``exactrelu check``.  ``catalogue`` and ``schemas`` are data packages just above ``core``.

Results are values (LAYOUT of issue 15): in the *analysis* packages (``arrangements``, ``landscape``, ``kmtm``,
``liu``, ``lvb`` and ``core`` but for its file-format modules) no module imports ``json``, ``matplotlib``,
``exactrelu.render``, ``exactrelu.certify`` or an encoder of rationals (``format_rational``, ``format_vector``,
``format_matrix``, ``sign_string``), no class has a ``to_json``, ``claim`` or ``evidence`` method, and every
dataclass is frozen: an analysis returns a value, and ``certify``/``render`` encode it, one function per result.
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


# ------------------------------------------------------------------ results are values
ANALYSIS_PACKAGES = {"core", "arrangements", "landscape", "kmtm", "liu", "lvb"}
FILE_FORMATS = {f"exactrelu.core.{m}" for m in ("rationals", "instance", "point", "fingerprint", "files")}
"""The modules of ``core`` that read and write files (instances, points, certificates' rationals): they encode."""

ENCODER_MODULES = ("json", "matplotlib", "exactrelu.render", "exactrelu.certify")
ENCODERS = {"format_rational", "format_vector", "format_matrix", "sign_string"}
ENCODING_METHODS = {"to_json", "to_mapping", "claim", "evidence"}

MUTABLE: dict[tuple[str, str], str] = {
    # (module, class) → why this dataclass may be mutable.
    ("exactrelu.core.feasibility", "LPCounter"): "a tally that decide() increments (benchmarks count LPs with it); "
                                                 "an instrument handed in, never a result",
}

MUTABLE_FIELDS: dict[tuple[str, str], str] = {
    # (module, "Class.field") → why a frozen dataclass may hold a dict, list or set.
    ("exactrelu.arrangements.topes", "Structure.topes"): "the cocircuit enumeration's working tables, read by "
                                                         "completeness.topes_proof; hundreds of thousands of entries, "
                                                         "built once and never handed to a user",
    ("exactrelu.arrangements.topes", "Structure.cocircuits"): "as Structure.topes",
    ("exactrelu.arrangements.topes", "Structure.rays"): "as Structure.topes",
    ("exactrelu.kmtm.theorems", "TheoremReport.hypotheses"): "hypothesis → decided bool, read by name "
                                                              "(README: rep.hypotheses['d ≥ n'])",
    ("exactrelu.kmtm.theorems", "TheoremReport.results"): "certificate kind → result value, in certificate order",
    ("exactrelu.kmtm.theorem12", "Theorem12.hypotheses"): "as TheoremReport.hypotheses",
}
MUTABLE_TYPES = ("dict", "list", "set", "bytearray")


def is_analysis(module: str) -> bool:
    return package_of(module) in ANALYSIS_PACKAGES and module not in FILE_FORMATS


def _dataclass_frozen(decorator: ast.expr) -> bool | None:
    """None if ``decorator`` is not ``dataclass``/``dataclasses.dataclass``, else whether it says frozen=True."""
    call = decorator if isinstance(decorator, ast.Call) else None
    target = call.func if call else decorator
    name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", None)
    if name != "dataclass":
        return None
    return call is not None and any(k.arg == "frozen" and isinstance(k.value, ast.Constant) and k.value.value is True
                                    for k in call.keywords)


def encoding_offences(module: str, source: str, imported: Iterable[str] = ()) -> set[tuple[str, str]]:
    """What in ``source`` (the module ``module``; ``imported``: its ``exactrelu`` imports, resolved) encodes
    results or keeps them mutable: ``(module, "imports X" | "defines C.m" | "mutable dataclass C")``."""
    out: set[tuple[str, str]] = set()

    def encoder_module(name: str) -> bool:
        return any(name == m or name.startswith(m + ".") for m in ENCODER_MODULES)

    tree = ast.parse(source)
    out.update((module, f"defines {f.name}") for f in tree.body
               if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef) and f.name in ENCODING_METHODS)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update((module, f"imports {a.name}") for a in node.names if encoder_module(a.name))
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0 and encoder_module(node.module or ""):
                out.add((module, f"imports {node.module}"))
            out.update((module, f"imports {a.name}") for a in node.names if a.name in ENCODERS)
        elif isinstance(node, ast.Attribute) and node.attr in ENCODERS:  # rationals.format_rational(...)
            out.add((module, f"imports {node.attr}"))
        elif isinstance(node, ast.ClassDef):
            out.update((module, f"defines {node.name}.{f.name}") for f in node.body
                       if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef) and f.name in ENCODING_METHODS)
            if any(_dataclass_frozen(d) is False for d in node.decorator_list):
                out.add((module, f"mutable dataclass {node.name}"))
            if any(_dataclass_frozen(d) is not None for d in node.decorator_list):
                out.update((module, f"mutable field {node.name}.{f.target.id}") for f in node.body
                           if isinstance(f, ast.AnnAssign) and isinstance(f.target, ast.Name)
                           and ast.unparse(f.annotation).split("[")[0] in MUTABLE_TYPES)
    out.update((module, f"imports {name}") for name in imported if encoder_module(name))
    return out


def analysis_offences() -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        name = module_name(path)
        if is_analysis(name):
            found |= encoding_offences(name, path.read_text(encoding="utf-8"), imports_of(path))
    return found - {(m, f"mutable dataclass {c}") for m, c in MUTABLE} \
        - {(m, f"mutable field {f}") for m, f in MUTABLE_FIELDS}


def test_offences_are_found() -> None:
    """The check on made-up modules: each kind of offence is caught, relative imports included, and a module
    that only computes values passes."""
    bad = """
import json
from matplotlib import pyplot
from ..core.rationals import format_rational
from ..core import rationals
from dataclasses import dataclass
import dataclasses


@dataclass
class Loose:
    x: int


@dataclasses.dataclass(frozen=False)
class AlsoLoose:
    x: int


@dataclass(frozen=True)
class Result:
    x: int
    table: dict[str, int]

    def to_json(self):
        return {"x": rationals.format_vector([self.x])}

    @property
    def claim(self):
        return {}


def evidence(result):
    return {}
"""
    m = "exactrelu.liu.fake"
    assert encoding_offences(m, bad, {"exactrelu.render.liu", "exactrelu.certify", "exactrelu.core.rationals"}) == {
        (m, "imports json"), (m, "imports matplotlib"), (m, "imports format_rational"),
        (m, "imports format_vector"), (m, "imports exactrelu.render.liu"), (m, "imports exactrelu.certify"),
        (m, "mutable dataclass Loose"), (m, "mutable dataclass AlsoLoose"), (m, "defines Result.to_json"),
        (m, "defines Result.claim"), (m, "defines evidence"), (m, "mutable field Result.table"),
    }
    good = """
from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True)
class Result:
    evidence: tuple[Fraction, ...]  # a field may be called evidence: it holds values

    def reason(self) -> str:
        return f"the loss is {self.evidence[0]}"
"""
    assert encoding_offences(m, good, {"exactrelu.core.linalg"}) == set()


def test_the_analysis_packages_are_scanned() -> None:
    """Not vacuous: the scan covers every analysis package and leaves the file-format modules out."""
    names = {module_name(p) for p in PACKAGE.rglob("*.py")}
    analysed = {n for n in names if is_analysis(n)}
    assert {package_of(n) for n in analysed} == ANALYSIS_PACKAGES
    assert "exactrelu.arrangements.completeness" in analysed and "exactrelu.core.linalg" in analysed
    assert not analysed & FILE_FORMATS and FILE_FORMATS <= names


def _source(module: str) -> str:
    p = PACKAGE.parent / module.replace(".", "/")
    return (p.with_suffix(".py") if p.with_suffix(".py").is_file() else p / "__init__.py").read_text(encoding="utf-8")


def test_analyses_return_values() -> None:
    bad = analysis_offences()
    assert not bad, "an analysis module encodes its results (build text/JSON in render/ or certify/ instead):\n" \
        + "\n".join(f"  {m}: {what}" for m, what in sorted(bad))


def test_no_stale_mutable() -> None:
    """A dataclass that is frozen now is deleted from MUTABLE, so the table only shrinks."""
    for module, cls in MUTABLE:
        assert (module, f"mutable dataclass {cls}") in encoding_offences(module, _source(module)), \
            f"{module}.{cls} is frozen now: delete it from MUTABLE"
    for module, fld in MUTABLE_FIELDS:
        assert (module, f"mutable field {fld}") in encoding_offences(module, _source(module)), \
            f"{module}.{fld} holds no dict/list/set now: delete it from MUTABLE_FIELDS"


# ------------------------------------------------------------------ every public object says what it is
DOCUMENTED = ("core", "arrangements", "landscape", "kmtm", "liu", "lvb", "certify", "render", "sweeps")
"""The packages whose every module, public function and public class carries a docstring (the mathematical object
and the result it comes from).  The kernel documents each claim kind in its module docstrings instead, and the
command modules by their ``--help``."""


def undocumented(module: str, source: str) -> list[str]:
    """The module itself and the public top-level functions and classes of ``source`` without a docstring."""
    tree = ast.parse(source)
    out = [] if ast.get_docstring(tree) else [module]
    out += [f"{module}.{n.name}" for n in tree.body if isinstance(n, ast.FunctionDef | ast.ClassDef)
            and not n.name.startswith("_") and not ast.get_docstring(n)]
    return out


def test_undocumented_objects_are_found() -> None:
    src = '"""A module."""\n\ndef f():\n    return 1\n\n\ndef _g():\n    return 2\n\n\nclass C:\n    """A class."""\n'
    assert undocumented("m", src) == ["m.f"]
    assert undocumented("m", "x = 1\n") == ["m"]


def test_every_public_object_is_documented() -> None:
    modules = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
    missing = [name for m, p in modules.items() if package_of(m) in DOCUMENTED
               for name in undocumented(m, p.read_text(encoding="utf-8"))]
    assert not missing, f"without a docstring: {missing}"
