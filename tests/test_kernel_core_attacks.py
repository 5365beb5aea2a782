"""Attacks on the kernel's core that the forgery harness (tests/test_forgeries.py) cannot see by itself: how a
rejection is reported (printable, never a traceback) and that ``check_document`` raises nothing but ``Reject``."""

from __future__ import annotations

import json
from itertools import combinations
from math import gcd
from pathlib import Path

import pytest

from exactrelu import kernel
from exactrelu.kernel.parse import Obj, Reject, vector

CORE = Path(__file__).parent / "forgeries" / "core"


@pytest.mark.parametrize("name", ["print-injection-newline-key", "crash-lone-surrogate-key"])
def test_rejection_of_a_hostile_key_prints_on_one_line(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown key holding a newline (a fake "ok" line) or a lone surrogate is escaped in the FAILED line."""
    path = CORE / f"{name}.json"
    assert kernel.main([str(path)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("FAILED") and out.count("\n") == 1 and "\nok" not in out
    with pytest.raises(Reject) as info:
        kernel.check_file(str(path))
    assert str(info.value).isprintable()


@pytest.mark.parametrize("name", ["crash-region-count-huge-power", "crash-onehot-row-not-array"])
def test_check_document_raises_only_reject(name: str) -> None:
    """16^4096 (4,932 digits) is never str()-ed; a non-array one-hot row is a schema error, not a TypeError."""
    doc = json.loads((CORE / f"{name}.json").read_text(encoding="utf-8"))
    with pytest.raises(Reject) as info:
        kernel.check_document(doc)
    assert info.value.kind in ("invalid", "schema")


def test_common_denominator_bound() -> None:
    """Entries with coprime denominators: 1/p_k for three 200-digit p_k have a 600-digit common denominator
    (refused), while the same 200-digit denominator shared by a thousand entries is fine."""
    p = [10**199 + k for k in (7, 9, 13)]
    assert all(gcd(a, b) == 1 for a, b in combinations(p, 2))
    with pytest.raises(Reject, match="common denominator"):
        vector([f"1/{q}" for q in p], "$.v")
    assert len(vector([f"1/{p[0]}"] * 1000, "$.v")) == 1000
    with pytest.raises(Reject, match="common denominator"):
        Obj({"m": [[f"1/{q}"] for q in p]}, "$").matrix("m")  # one denominator per row, coprime down the column
