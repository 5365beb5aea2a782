"""The documentation: no link points outside the repository, and every worked certificate checks."""

from __future__ import annotations

import doctest
import re
import tempfile
from pathlib import Path

import pytest

from exactrelu import kernel

ROOT = Path(__file__).parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
EXAMPLES = sorted((ROOT / "docs" / "examples").glob("*.json"))
LINK = re.compile(r"\[[^\]]*\]\(([^)#\s]+)(?:#[^)]*)?\)")


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_links_stay_inside_the_repository(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    assert "../shared" not in text, f"{page.name} points outside the repository"
    for target in LINK.findall(text):
        if "://" in target or target.startswith("mailto:"):
            continue
        resolved = (page.parent / target).resolve()
        assert ROOT.resolve() in resolved.parents or resolved == ROOT.resolve(), f"{page.name}: {target} leaves"
        assert resolved.exists(), f"{page.name} links to {target}, which does not exist"


SOURCE_PATH = re.compile(r"(?<![\w/.])((?:exactrelu|tests|benchmarks)/[\w/]+\.py)\b")
MODULE = re.compile(r"(?<![\w.])(exactrelu(?:\.\w+)+)")


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_named_files_and_modules_exist(page: Path) -> None:
    """A page that names a source file or a module (``exactrelu/kernel/liu.py``, ``exactrelu.liu.cells``) names one
    that exists: after a file moves, its old path in the docs fails here."""
    text = page.read_text(encoding="utf-8")
    missing = [p for p in SOURCE_PATH.findall(text) if not (ROOT / p).exists()]
    for dotted in MODULE.findall(text):
        parts = dotted.split(".")
        # the longest prefix that is a module or package; what follows may name a function or class in it
        known = [k for k in range(len(parts), 0, -1) if ROOT.joinpath(*parts[:k]).with_suffix(".py").is_file()
                 or (ROOT.joinpath(*parts[:k]) / "__init__.py").is_file()]
        if not known or known[0] < len(parts) - 2:
            missing.append(dotted)
    assert not missing, f"{page.name} names files or modules that do not exist: {sorted(set(missing))}"


def test_source_names_files_that_exist() -> None:
    """Docstrings and comments that name a source file (``tests/render/test_json_contract.py``) name one that
    exists."""
    sources = [p for d in ("exactrelu", "tests", "benchmarks") for p in sorted((ROOT / d).rglob("*.py"))]
    missing = {f"{p.relative_to(ROOT)}: {name}" for p in sources
               for name in SOURCE_PATH.findall(p.read_text(encoding="utf-8")) if not (ROOT / name).exists()}
    assert not missing, f"names of files that do not exist: {sorted(missing)}"


def test_the_name_check_sees_names() -> None:
    """Not vacuous: the patterns find file paths and dotted modules in prose."""
    text = "see `exactrelu/kernel/liu.py` and :func:`exactrelu.liu.cells.atlas`, then exactrelu/x.toml"
    assert SOURCE_PATH.findall(text) == ["exactrelu/kernel/liu.py"]
    assert MODULE.findall(text) == ["exactrelu.liu.cells.atlas"]


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_worked_example_checks(path: Path) -> None:
    checked, _ = kernel.check_text(path.read_text(encoding="utf-8"))
    assert checked[-1].kind == path.stem, "docs/examples/<kind>.json holds a certificate of that kind"


def test_every_claim_kind_has_a_worked_example() -> None:
    missing = sorted(set(kernel.RULES) - {p.stem for p in EXAMPLES})
    assert not missing, f"claim kinds without docs/examples/<kind>.json: {missing}"


PYCON = re.compile(r"^```pycon\n(.*?)^```", re.S | re.M)


def test_readme_python_session_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's Python API session is a doctest: every shown value is what the API returns today."""
    sessions = PYCON.findall((ROOT / "README.md").read_text(encoding="utf-8"))
    assert sessions, "README.md has no ```pycon session"
    monkeypatch.chdir(ROOT)  # the session reads examples/ relative to the repository root
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # and writes its certificate under tmp_path
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for i, text in enumerate(sessions):
        test = doctest.DocTestParser().get_doctest(text, {}, f"README.md session {i}", "README.md", 0)
        assert len(test.examples) > 5
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} example(s) of the README's Python session failed"
    assert list(tmp_path.glob("*/fan.json")), "the session writes its certificate"
