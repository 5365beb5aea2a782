"""The KMTM and Laurent–von Brecht statements of the sweep registry: hand values, certificates, hypotheses."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

from exactrelu import kernel
from exactrelu.core.instance import instance_from_mapping
from exactrelu.sweeps.grids import grid_from_mapping
from exactrelu.sweeps.statements import COUNTEREXAMPLE, HOLDS, OUTSIDE, get, names
from exactrelu.sweeps.sweep import sweep

NEW = {"kmtm-fullrank-count", "kmtm-globalmin-count", "kmtm-thm7", "kmtm-thm8", "lvb-multilinear", "lvb-thm6"}


def _one_d(xs, hidden, output, targets=None):
    return instance_from_mapping(
        {
            "data": {"points": [[x] for x in xs], "targets": targets or [1] * len(xs), "bias": True},
            "network": {"hidden": [hidden], "output": output},
        }
    )


def _checked(doc):
    copy = json.loads(json.dumps(doc))
    kernel.check_document(copy)
    return copy


def test_new_statements_are_registered_lazily():
    assert NEW <= set(names())


def test_fullrank_count_hand_values():
    # x = 1, 2 with bias: augmented (1,1), (2,1) are independent, so the regions' rows are 00, 01, 10, 11
    # and a row set is full rank iff it contains 11 or both 10 and 01.
    v = get("kmtm-fullrank-count").check(_one_d([1, 2], 1, [1]), True)
    assert v.status == HOLDS and (v.detail["regions"], v.detail["full_rank"]) == ("4", "1")
    v = get("kmtm-fullrank-count").check(_one_d([1, 2], 2, [1, -1]), True)
    # 16 − 9 tuples contain 11; 2 more are (10, 01), (01, 10)
    assert (v.detail["full_rank"], v.detail["brute_force"], v.detail["fraction"]) == ("9", "9", "9/16")
    doc = _checked(v.certificate)
    doc["claim"]["count"] = "10"
    with pytest.raises(Exception):  # noqa: B017 - any kernel rejection
        kernel.check_document(doc)


def test_theorem7_non_vacuous_hand_value():
    # d1 = 4, n = 2: rows from {00, 10, 01} without both 10 and 01: 3^4 − 50 = 31 bad tuples of 256;
    # ε_T = 2 e^(−1) ≈ 0.74 ≥ 31/256.
    v = get("kmtm-thm7").check(_one_d([1, 2], 4, [1, 1, 1, 1]), True)
    assert v.status == HOLDS and v.detail["vacuous"] is False
    assert (v.detail["regions"], v.detail["fraction"]) == ("256", "225/256")
    _checked(v.certificate)
    v = get("kmtm-thm7").check(_one_d([1, 2], 1, [1]), False)
    assert v.status == "vacuous" and v.detail["vacuous"] is True  # ε_T = 2 e^(−1/4) > 1: says nothing


def test_hypotheses_are_checked():
    trainable = instance_from_mapping({"data": {"points": [[1], [2]], "targets": [1, 1]}, "network": {"hidden": [1]}})
    for name in ("kmtm-fullrank-count", "kmtm-globalmin-count", "kmtm-thm7", "kmtm-thm8"):
        assert get(name).check(trainable, False).status == OUTSIDE
    two_d = instance_from_mapping(
        {"data": {"points": [[1, 0], [0, 1]], "targets": [1, 1]}, "network": {"hidden": [1], "output": [1]}}
    )
    assert get("kmtm-thm7").check(two_d, False).status == OUTSIDE
    assert get("kmtm-fullrank-count").check(two_d, False).status == HOLDS
    assert get("lvb-multilinear").check(two_d, False).status == OUTSIDE  # squared loss


def test_globalmin_count_equals_brute_force_with_certificate():
    v = get("kmtm-globalmin-count").check(_one_d([1, 2], 2, [1, -1], targets=[1, -1]), True)
    assert v.status == HOLDS and v.detail["good"] == v.detail["brute_force"]
    _checked(v.certificate)
    res = sweep(
        "kmtm-thm8",
        grid_from_mapping(
            {
                "name": "t8",
                "kind": "exhaustive",
                "data": {"n": 2, "dim": 1, "box": [-2, 2], "distinct": True, "bias": True, "targets": [1, -1]},
                "network": {"hidden": [2], "output": [1, -1]},
                "symmetry": {"coordinates": True},
            }
        ),
    )
    # 20 ordered pairs of distinct points up to x -> -x; min(d+, d−) = 1 gives ε_T = 4e^(−1/4) > 1: the theorem
    # says nothing on any of them (issue 12: these were once counted as "holds")
    assert res.count("vacuous") == len(res.rows) == 10 and res.count(HOLDS) == 0
    assert all(Fraction(r["detail"]["fraction"]) <= 1 for r in res.rows)


def test_lvb_statements_on_small_data():
    xor = instance_from_mapping(
        {
            "data": {"points": [[0, 0], [1, 1], [1, 0], [0, 1]], "targets": [1, 1, -1, -1], "bias": True},
            "network": {"hidden": [2], "loss": "hinge"},
        }
    )
    v = get("lvb-thm6").check(xor, True)
    assert v.status == OUTSIDE and v.detail["reason"] == "not linearly separable"
    _checked(v.certificate)
    sep = instance_from_mapping(
        {
            "data": {"points": [[0, 0], [1, 0], [0, 1]], "targets": [1, 1, -1], "bias": True},
            "network": {"hidden": [2], "loss": "hinge"},
        }
    )
    v = get("lvb-thm6").check(sep, True)
    assert v.status == HOLDS and v.detail["critical"] >= 1 and v.detail["violations"] == 0
    _checked(v.certificate)
    v = get("lvb-multilinear").check(sep, True)
    assert v.status == HOLDS and v.detail["failures"] == 0 and v.detail["cells"] >= 1
    assert v.detail["indefinite_hessians"] >= 1
    doc = _checked(v.certificate)
    doc["claim"]["indefinite_hessians"] = str(v.detail["indefinite_hessians"] - 1)
    with pytest.raises(kernel.Reject, match="indefinite_hessians"):
        kernel.check_document(doc)
    assert v == get("lvb-multilinear").check(sep, True)  # the points are seeded by the instance


def test_a_failing_conclusion_is_a_counterexample(monkeypatch):
    from exactrelu.kmtm import jacobian

    # an off-by-one in the fast count must show up as a counterexample, not pass silently
    real = jacobian.count_full_rank

    def wrong(points, rows, d1, alpha=0):
        r = real(points, rows, d1, alpha)
        return type(r)(r.rows, r.d1, r.count + 1, r.nodes)

    monkeypatch.setattr(jacobian, "count_full_rank", wrong)
    assert get("kmtm-fullrank-count").check(_one_d([1, 2], 1, [1]), False).status == COUNTEREXAMPLE


def test_report_curve_over_d1_matches_hand_count(tmp_path, capsys):
    from exactrelu.cli.main import main

    # 1-D, bias, 3 distinct points: 6 step-vector rows; d1 = 1 can never reach rank 3 (d = 2), and for
    # d1 = 2 exactly 7 sets of two rows are full rank ({111, x} for the 4 rows x ∉ {000, 111}, {110, 011},
    # {110, 001}, {100, 011}): 14 of 36 ordered pairs.
    files = []
    for h in (1, 2):
        out = tmp_path / f"r{h}.jsonl"
        grid = f"examples/grids/kmtm-fullrank-n3-d1-{h}.toml"
        assert main(["sweep", "kmtm-fullrank-count", "--grid", grid, "--out", str(out), "--workers", "1"]) == 0
        files.append(str(out))
    capsys.readouterr()
    png = tmp_path / "fig3.png"
    assert main(["report", *files, "--curve", "fraction", "--by", "d1", "--format", "csv", "--plot", str(png)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert [line.split(",")[:3] for line in lines[1:]] == [["n=3", "1", "0"], ["n=3", "2", "7/18"]]
    assert png.read_bytes()[:4] == b"\x89PNG"
    assert main(["report", *files, "--curve", "no-such-key"]) == 2
