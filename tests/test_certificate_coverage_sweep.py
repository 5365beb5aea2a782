"""Sweep verdicts without a certificate before: failed hypotheses, dependent sets, Liu discrepancies."""

from __future__ import annotations

import copy

import pytest

from exactrelu.core.instance import instance_from_mapping
from exactrelu.kernel import Reject, check_document
from exactrelu.sweeps.statements import get


def _inst(points, targets=None, bias=False, hidden=(1,), output="trainable", loss="squared"):
    return instance_from_mapping({
        "data": {"points": points, "targets": targets or [1] * len(points), "bias": bias},
        "network": {"hidden": list(hidden), "output": output, "loss": loss},
    })


def _rejects(doc, reason: str = "") -> None:
    with pytest.raises(Reject) as err:
        check_document(doc)
    assert reason in str(err.value), err.value


def _kinds(doc) -> list[str]:
    return [c.kind for c in check_document(doc)]


def test_prop3_dependent_set_and_count() -> None:
    v = get("prop3").check(_inst([[1, 0], [2, 0], [0, 1]]), True)
    assert v.status == "vacuous"
    kinds = _kinds(v.certificate)
    assert kinds[-1] == "region-count" and "dependent-set" in kinds
    dep = next(s for s in v.certificate["steps"] if s["id"] == "dependent")
    assert dep["claim"]["points"] == [0, 1]
    y = [int(c) for c in dep["evidence"]["coefficients"]]
    assert y[0] == -2 * y[1] != 0  # by hand: 2·(1,0) − (2,0) = 0
    for bad_points, bad_y, reason in (([0, 2], None, "Σ y x ≠ 0"), (None, ["1", "1"], "Σ y x ≠ 0"),
                                      (None, ["0", "0"], "not all zero"), ([0, 1, 2], None, "1..d distinct")):
        bad = copy.deepcopy(v.certificate)
        step = next(s for s in bad["steps"] if s["id"] == "dependent")
        if bad_points:
            step["claim"]["points"] = bad_points
        if bad_y:
            step["evidence"]["coefficients"] = bad_y
        _rejects(bad, reason)


@pytest.mark.parametrize(("statement", "inst", "hypothesis"), [
    ("lemma6", _inst([[0], [0], [1]], bias=True), "distinct-points"),
    ("lemma6", _inst([[0], [1]]), "bias"),
    ("lemma6", _inst([[0, 1], [1, 0]], bias=True), "one-dimensional"),
    ("prop4", _inst([[1, 0], [2, 0], [0, 1]]), "no-parallel-points"),
    ("prop4", _inst([[1, 0], [0, 0]]), "no-zero-point"),
    ("liu-printed", _inst([[1, 0], [0, 1]], output=[1]), "trainable-output"),
    ("liu-printed", _inst([[1, 0], [0, 1]], loss="hinge"), "squared-loss"),
    ("liu-printed", _inst([[1, 0], [0, 1]], hidden=(1, 1)), "one-hidden-layer"),
    ("kmtm-fullrank-count", _inst([[1, 0], [0, 1]]), "fixed-nonzero-output"),
    ("kmtm-globalmin-count", _inst([[1, 0], [0, 1]], hidden=(1, 1), output=[1]), "one-hidden-layer"),
    ("kmtm-thm7", _inst([[1, 0], [0, 1]], output=[1]), "one-dimensional"),
    ("kmtm-thm8", _inst([[0], [0]], bias=True, output=[1]), "distinct-points"),
])
def test_failed_hypotheses_certified(statement, inst, hypothesis) -> None:
    v = get(statement).check(inst, True)
    assert v.status == "vacuous"
    assert v.certificate["claim"] == {"kind": "hypothesis-not-met", "hypothesis": hypothesis}
    assert _kinds(v.certificate) == ["hypothesis-not-met"]
    # the same claim and evidence about an instance that meets the hypothesis is refused
    good = _inst([[-1], [1], [2]], [1, 1, 1], bias=True, output=[1, -1] if statement != "liu-printed" else
                 "trainable", hidden=(2,))
    bad = copy.deepcopy(v.certificate)
    bad["instance"] = check_ready(good)
    _rejects(bad, f"meets the hypothesis '{hypothesis}'")


def check_ready(inst):
    from exactrelu.core.instance import instance_to_mapping

    return instance_to_mapping(inst)


def test_liu_printed_counterexample_certified() -> None:
    zero = _inst([[-1, -1], [-1, 0]], [-1, 0])  # tests/test_liu.py: Liu's zero-output discrepancy
    v = get("liu-printed").check(zero, True)
    assert v.status == "fails"
    assert check_document(v.certificate)[-1].kind == "liu-discrepancy"
    bad = copy.deepcopy(v.certificate)
    bad["claim"]["printed"] = not bad["claim"]["printed"]
    _rejects(bad)
