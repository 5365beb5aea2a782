"""Sweep "holds" verdicts certified: ``liu-printed`` (``liu-printed-agreement``), ``lvb-multilinear``
(``lvb-multilinear-cells``)."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from exactrelu.instance import instance_from_mapping, load_instance
from exactrelu.kernel import Reject as CheckFailure
from exactrelu.kernel import check_document
from exactrelu.statements import get

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _rejects(doc) -> None:
    with pytest.raises(CheckFailure):
        check_document(doc)


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


def test_lvb_multilinear_holds_bundles_one_analysis_per_point() -> None:
    v = get("lvb-multilinear").check(_hinge_instance(), True)
    assert v.status == "holds"
    doc = v.certificate
    kinds = check_document(doc)
    assert kinds[-1] == "lvb-multilinear-cells" and kinds.count("lvb-analysis") == 3
    assert doc["claim"]["points"] == 3 and doc["claim"]["cells"] == v.detail["cells"]
    assert doc["claim"]["failures"] == 0
    for key in ("points", "cells", "indefinite_hessians", "failures"):
        _rejects(_mutated(doc, lambda d, k=key: d["claim"].__setitem__(k, d["claim"][k] + 1)))
    _rejects(_mutated(doc, lambda d: d["evidence"]["analyses"].pop()))
    _rejects(_mutated(doc, lambda d: d["evidence"]["analyses"].__setitem__(0, "p0.clarke")))
    # the cell facts are re-derived: claiming a cell is not multilinear fails inside its lvb-analysis step
    k = next(i for i, s in enumerate(doc["evidence"]["steps"])
             if s["claim"]["kind"] == "lvb-analysis" and s["claim"]["cell"] is not None)
    _rejects(_mutated(doc, lambda d: d["evidence"]["steps"][k]["claim"]["cell"].__setitem__("multilinear", False)))


def test_lvb_multilinear_hand_worked_boundary_point_has_no_cell() -> None:
    # a zero parameter point has every pre-activation 0: it lies on the boundary set N, so no cell is counted
    from exactrelu.certificates import certificate, step
    from exactrelu.lvb import analysis_certificate
    from exactrelu.point import parameter_names, unflatten

    inst = _hinge_instance()
    zero = unflatten(inst, [0] * len(parameter_names(inst)))
    a = analysis_certificate(inst, zero)
    assert a["claim"]["cell"] is None
    steps = [step(f"p0.{s['id']}", s["claim"], s["evidence"]) for s in a["evidence"].pop("steps", [])]
    ev = {key: f"p0.{v}" if key in ("hessian", "clarke") else v for key, v in a["evidence"].items()}
    steps.append(step("p0", a["claim"], ev))
    claim = {"kind": "lvb-multilinear-cells", "points": 1, "cells": 0, "indefinite_hessians": 0, "failures": 0}
    doc = certificate(claim, {"analyses": ["p0"]}, inst, steps=steps)
    assert check_document(doc)[-1] == "lvb-multilinear-cells"
    _rejects(_mutated(doc, lambda d: d["claim"].__setitem__("cells", 1)))
