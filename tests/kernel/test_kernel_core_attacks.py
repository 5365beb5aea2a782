"""Attacks on the kernel's core that the forgery harness (tests/kernel/test_forgeries.py) cannot see by itself: how a
rejection is reported (printable, never a traceback) and that ``check_document`` raises nothing but ``Reject``."""

from __future__ import annotations

import json
from itertools import combinations
from math import gcd
from pathlib import Path

import pytest

from exactrelu import kernel
from exactrelu.kernel.model import read_instance
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


@pytest.mark.parametrize("name", ["crash-onehot-row-not-array", "crash-witness-with-space", "crash-circuit-with-space"])
def test_check_document_raises_only_reject(name: str) -> None:
    """A non-array one-hot row, a witness entry "1 2", a multiplier "-1 1": schema errors, never a TypeError or
    ValueError (check_text would mask them as "malformed"; check_document must not raise them)."""
    doc = json.loads((CORE / f"{name}.json").read_text(encoding="utf-8"))
    with pytest.raises(Reject):
        kernel.check_document(doc)


def test_long_sign_strings_are_not_numbers() -> None:
    """A 0/1 pattern of 401 points is a string, not a 401-digit number: the region (w = (1, 1) is inside it)
    is accepted."""
    n = 401
    doc = {"format": "exactrelu-certificate", "version": "2.0",
           "instance": {"data": {"points": [[str(j + 1), "1"] for j in range(n)], "targets": ["0"] * n},
                        "network": {"hidden": [1]}},
           "claim": {"kind": "region-nonempty", "pattern": ["1" * n]}, "evidence": {"weights": [["1", "1"]]}}
    checked, _ = kernel.check_text(json.dumps(doc))
    assert checked[-1].kind == "region-nonempty"


def test_region_count_never_prints_t_to_the_d1() -> None:
    """16^4096 has 4,932 digits (more than str() converts): a wrong count is a clean rejection naming 16^4096.
    The topes-complete step (16 topes: the coordinate arrangement of Q^4) is taken as proved."""
    inst = read_instance({"data": {"points": [[str(int(i == j)) for j in range(4)] for i in range(4)],
                                   "targets": ["0"] * 4}, "network": {"hidden": [4096]}})
    ctx = kernel.Context(inst, 10**6)
    ctx.proved["t"] = ("topes-complete", {"kind": "topes-complete", "count": "16"})
    claim, ev = Obj({"kind": "region-count", "count": "1"}, "$.claim"), Obj({"topes": "t"}, "$.evidence")
    with pytest.raises(Reject) as info:
        kernel.RULES["region-count"].check(inst, claim, ev, ctx)
    assert info.value.kind == "invalid" and "16^4096" in str(info.value)
    assert 16**4096 > 10**4300  # beyond Python's default int → str limit: str() would raise ValueError


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
