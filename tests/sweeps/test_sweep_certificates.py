"""The sweep registry's verdicts are certified: "holds" (``liu-printed-agreement``, ``lvb-multilinear-cells``),
failed hypotheses (``hypothesis-not-met``), dependent sets and Liu's discrepancies; every certificate checks and a
corrupted one is rejected."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from exactrelu.core.instance import instance_from_mapping, load_instance
from exactrelu.kernel import Reject, check_document
from exactrelu.sweeps.statements import get

# ---------------------------------------------------------------- failed hypotheses, dependent sets, discrepancies

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
    zero = _inst([[-1, -1], [-1, 0]], [-1, 0])  # tests/liu/test_minima.py: Liu's zero-output discrepancy
    v = get("liu-printed").check(zero, True)
    assert v.status == "fails"
    assert check_document(v.certificate)[-1].kind == "liu-discrepancy"
    bad = copy.deepcopy(v.certificate)
    bad["claim"]["printed"] = not bad["claim"]["printed"]
    _rejects(bad)



# ---------------------------------------------------------------- "holds" verdicts

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _mutated(doc, fn):
    bad = copy.deepcopy(doc)
    fn(bad)
    return bad


# ---------------------------------------------------------------- liu-printed
def test_liu_printed_holds_is_certified_on_every_cell() -> None:
    # Liu Fig. 2 with y2 = −1: two points (1,0), (0,1), one unit, no bias — 4 quadrant cells (2^2 topes, d1 = 1)
    v = get("liu-printed").check(load_instance(EXAMPLES / "liu" / "fig2-y2neg.toml"), True)
    assert v.status == "holds" and v.detail["cells"] == 4
    doc = v.certificate
    checked = check_document(doc)
    kinds = [c.kind for c in checked]
    assert kinds[:2] == ["topes-complete", "region-count"] and kinds[-1] == "liu-printed-agreement"
    assert doc["claim"] == {"kind": "liu-printed-agreement", "cells": "4", "disagreements": "0"}
    assert kinds.count("region-nonempty") == kinds.count("liu-printed") == 4 == kinds.count("liu-genuine")
    # both exact verdicts occur (the both-active cell has none: R* = (1, −1)), and the printed one agrees on each
    assert {s["claim"]["genuine"] for s in doc["steps"] if s["claim"]["kind"] == "liu-genuine"} == {True, False}
    cells = doc["evidence"]["cells"]
    corruptions = [
        lambda d: d["claim"].__setitem__("disagreements", "1"),
        lambda d: d["claim"].__setitem__("cells", "3"),
        lambda d: d["evidence"]["cells"].pop(),  # a cell missing
        lambda d: d["evidence"]["cells"].__setitem__(1, dict(cells[0])),  # a cell twice, another missing
        lambda d: d["evidence"]["cells"][0].__setitem__("printed", cells[1]["printed"]),  # another cell's verdict
        lambda d: d["evidence"]["cells"][0].__setitem__("exact", cells[0]["printed"]),  # wrong kind
        lambda d: d["steps"][0]["claim"].__setitem__("count", "3"),  # the tope list
        lambda d: d["steps"][1]["claim"].__setitem__("count", "3"),  # the region count
    ]
    for fn in corruptions:
        _rejects(_mutated(doc, fn))
    # flipping a printed verdict inside its step is caught by the liu-printed replay
    step = next(s for s in doc["steps"] if s["claim"]["kind"] == "liu-printed")
    _rejects(_mutated(doc, lambda d: next(s for s in d["steps"] if s["id"] == step["id"])["claim"]
                      .__setitem__("holds", not step["claim"]["holds"])))


def test_liu_printed_counterexample_keeps_its_discrepancy_certificate() -> None:
    v = get("liu-printed").check(load_instance(EXAMPLES / "liu" / "nondiff.toml"), True)
    assert v.status == "fails"
    assert check_document(v.certificate)[-1].kind == "liu-discrepancy"


# ---------------------------------------------------------------- lvb-multilinear
def _hinge_instance():
    return instance_from_mapping({"data": {"points": [[0, 0], [1, 0], [0, 1]], "targets": [1, 1, -1], "bias": True},
                                  "network": {"hidden": [2], "loss": "hinge"}})


def test_lvb_multilinear_holds_lists_its_points() -> None:
    v = get("lvb-multilinear").check(_hinge_instance(), True)
    assert v.status == "holds"
    doc = v.certificate
    assert [c.kind for c in check_document(doc)] == ["lvb-multilinear-cells"]
    assert len(doc["claim"]["points"]) == 3 and doc["claim"]["cells"] == str(v.detail["cells"])
    assert doc["claim"]["failures"] == "0"
    for key in ("cells", "indefinite_hessians", "failures"):
        _rejects(_mutated(doc, lambda d, k=key: d["claim"].__setitem__(k, str(int(d["claim"][k]) + 1))))
    # issue 11: one point listed three times is not "3 points"
    _rejects(_mutated(doc, lambda d: d["claim"].__setitem__("points", [d["claim"]["points"][0]] * 3)))
    _rejects(_mutated(doc, lambda d: d["claim"].__setitem__("points", [])))


def test_lvb_multilinear_hand_worked_points() -> None:
    # the zero point has every pre-activation 0: it lies on the boundary set N, so no cell is counted.
    # W = [[1,0],[0,1]], b = (1, 1), V = (1, 1), c = 0 on (0,0), (1,0), (0,1) (targets +, +, −): pre-activations
    # (1,1), (2,1), (1,2) all > 0; hinge args 1 − ŷ = −1, −2 and 1 + 3 = 4: a cell.  L_u = ⅓(1 + ŷ_3) with
    # ŷ_3 = v_1(w_12 + b_1) + v_2(w_22 + b_2) + c: H ≠ 0 (∂²/∂v_1∂b_1 = ⅓), zero diagonal: indefinite.
    from exactrelu.certify.certificates import certificate
    from exactrelu.core.point import parameter_names, point_to_mapping, unflatten

    inst = _hinge_instance()
    zero = unflatten(inst, [0] * len(parameter_names(inst)))
    live = unflatten(inst, [1, 0, 0, 1, 1, 1, 1, 1, 0])
    pts = [point_to_mapping(zero), point_to_mapping(live)]
    claim = {"kind": "lvb-multilinear-cells", "points": pts, "cells": "1", "indefinite_hessians": "1",
             "failures": "0"}
    doc = certificate(claim, {}, inst)
    assert "2 listed distinct points" in check_document(doc)[-1].statement
    _rejects(_mutated(doc, lambda d: d["claim"].__setitem__("cells", "2")))
    _rejects(_mutated(doc, lambda d: d["claim"].__setitem__("indefinite_hessians", "0")))
