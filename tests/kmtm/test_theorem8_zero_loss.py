"""Theorem 8's "moreover" (KMTM: all global minima of L have zero loss) against the exact global minimum (issue 16)."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
from conftest import run_cli

from exactrelu.core.instance import instance_from_mapping
from exactrelu.core.model import Verdict
from exactrelu.kmtm import theorems as kmtm
from exactrelu.landscape.minima import global_minimum


def make(points: list[list[int]], targets: list[int], output: list[int]):
    return instance_from_mapping({"data": {"points": points, "targets": targets, "bias": True},
                                  "network": {"hidden": [len(output)], "output": output}})


def test_holds_with_zero_loss() -> None:
    # one point x = 0 (with bias: (0, 1)), y = 3, v = (1, 1, −1, −1): unit i computes v_i relu(b_i).  By hand:
    # G ∩ S^A ≠ ∅ iff a positive unit is active (Σ_active v_i b_i = 3 needs one), i.e. 16 − 4 = 12 of the 16
    # regions; bad fraction 1/4 ≤ ε_T = 2·e^(−1) (n = 1, min(d+, d−) = 2), and min L = 0
    inst = make([[0]], [3], [1, 1, -1, -1])
    rep = kmtm.theorem8(inst)
    assert rep.numbers.good == 12 and rep.numbers.nonempty_regions == 16
    assert rep.numbers.global_minimum == 0
    assert rep.numbers.global_minimum_zero and rep.numbers.zero_loss_region is not None
    assert rep.verdict is Verdict.HOLDS and "all global minima have zero loss" in rep.reason
    assert global_minimum(inst).value == 0  # the landscape's pieces agree


def test_positive_global_minimum_is_reported_when_vacuous() -> None:
    # v = (1): F ≥ 0, so with y = (−1, −1) the best is F = 0 and min L = ½(1 + 1) = 1; d− = 0 makes
    # ε_T = 2n·e^0 = 4 ≥ 1 (vacuous), and no region reaches zero loss
    rep = kmtm.theorem8(make([[0], [1]], [-1, -1], [1]))
    assert rep.numbers.good == 0
    assert rep.numbers.global_minimum == 1
    assert rep.numbers.global_minimum_zero is False and rep.numbers.zero_loss_region is None
    assert rep.verdict is Verdict.VACUOUS and "global minimum of L is 1" in rep.reason


def test_zero_loss_reached_only_on_a_wall() -> None:
    # one unit relu(w t + b), v = 1, t = 0, 1, 2, y = (0, 1, 2): by hand F = y forces b ≤ 0 (t = 0), then
    # w + b = 1 and 2w + b = 2, so w = 1, b = 0: the only zero-loss point lies on the wall of t = 0.  No open
    # region holds it (good = 0), yet min L = 0: the closed pieces of the landscape find it
    rep = kmtm.theorem8(make([[0], [1], [2]], [0, 1, 2], [1]))
    assert rep.numbers.good == 0
    assert rep.numbers.global_minimum == 0
    assert rep.numbers.global_minimum_zero and rep.numbers.zero_loss_region is None and rep.numbers.pieces_solved
    g = global_minimum(make([[0], [1], [2]], [0, 1, 2], [1]))
    assert g.weights == ((Fraction(1), Fraction(0)),)


def test_a_positive_minimum_under_the_hypotheses_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    # the "moreover" is false iff min L > 0 while the hypotheses hold: the verdict must then be fails (the
    # theorem is true, so the positive minimum is injected here to test the decision, not the mathematics)
    monkeypatch.setattr(kmtm, "zero_loss_global_minimum", lambda inst, result, progress=None: (Fraction(1, 2), None, 7))
    rep = kmtm.theorem8(make([[0]], [3], [1, 1, -1, -1]))
    assert rep.verdict is Verdict.FAILS and "1/2 > 0" in rep.reason


def test_cli_json_keys() -> None:
    res = run_cli("theorem", "8", "examples/jacobian/line3.toml", "--json")
    assert res.returncode == 0, res.stderr
    numbers = json.loads(res.stdout)["numbers"]
    # kmtm-line3: y = (1, −1, 2) on t = 0, 1, 2 with v = (1, 1, −1, −1) is fitted exactly in an open region
    assert numbers["global_minimum"] == "0" and numbers["global_minimum_zero"] is True
    assert numbers["global_minimum_zero_note"].startswith("a zero-loss point in region")
