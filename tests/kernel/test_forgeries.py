"""The attacker's corpus: every file in tests/kernel/forgeries/ is a certificate of a FALSE claim (or a malformed one).

Each file's ``info`` says why its claim is false (``"forgery"``, one line) and which attack class it belongs to
(``"attack"``: 1 completeness premise, 2 composite list, 3 instance field ignored, 4 wrong value / empty cone,
5 parsing, 6 resources).  The kernel must reject every one; together they cover every claim kind and every class.
Files ending in ``.txt`` are raw texts (parser attacks) with the reason on their first line after ``#``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from exactrelu import kernel

CORPUS = Path(__file__).parent / "forgeries"
FILES = sorted(p for p in CORPUS.rglob("*") if p.suffix in (".json", ".txt"))


def _meta(path: Path) -> tuple[str, int, str | None]:
    """(why the claim is false, attack class, claim kind or None)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix == ".txt":
        head, _, _ = text.partition("\n")
        attack, _, why = head.lstrip("# ").partition(" ")
        return why, int(attack), None
    doc = json.loads(text)
    info = doc["info"]
    kind = doc.get("claim", {}).get("kind") if isinstance(doc.get("claim"), dict) else None
    return info["forgery"], int(info["attack"]), kind


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(CORPUS)) for p in FILES])
def test_forgery_is_rejected(path: Path) -> None:
    why, attack, _ = _meta(path)
    assert why.strip() and "\n" not in why, "each forgery says in one line why its claim is false"
    assert 1 <= attack <= 6
    text = path.read_text(encoding="utf-8", errors="surrogateescape") if path.suffix == ".txt" else \
        path.read_text(encoding="utf-8")
    if path.suffix == ".txt":
        text = text.partition("\n")[2]
    with pytest.raises(kernel.Reject):
        kernel.check_text(text)


def test_corpus_covers_every_claim_kind_and_attack_class() -> None:
    metas = [_meta(p) for p in FILES]
    kinds = {k for _, _, k in metas if k}
    missing = sorted(set(kernel.RULES) - kinds)
    assert not missing, f"claim kinds without a forged certificate: {missing}"
    assert {a for _, a, _ in metas} == {1, 2, 3, 4, 5, 6}
