"""The documentation: no link points outside the repository, and every worked certificate checks."""

from __future__ import annotations

import re
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


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_worked_example_checks(path: Path) -> None:
    checked, _ = kernel.check_text(path.read_text(encoding="utf-8"))
    assert checked[-1].kind == path.stem, "docs/examples/<kind>.json holds a certificate of that kind"


def test_every_claim_kind_has_a_worked_example() -> None:
    missing = sorted(set(kernel.RULES) - {p.stem for p in EXAMPLES})
    assert not missing, f"claim kinds without docs/examples/<kind>.json: {missing}"
