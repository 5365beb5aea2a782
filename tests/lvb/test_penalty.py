"""Theorem 7 of Laurent–von Brecht (exact penalty, loss (13)) at rational points, with kernel replays."""

from __future__ import annotations

import copy
import json
from fractions import Fraction as F

import pytest
from conftest import mutated
from hypothesis import given, settings
from hypothesis import strategies as st

from exactrelu import kernel
from exactrelu.certify.lvb import penalty_certificate
from exactrelu.cli.main import main
from exactrelu.core.instance import instance_from_mapping
from exactrelu.lvb.clarke import Criticality
from exactrelu.lvb.penalty import check_penalty, replicates_from_mapping

INST = instance_from_mapping({"data": {"points": [[1], [2], [3]], "onehot": [[1, 0, 0], [0, 1, 0], [0, 0, 1]]},
                              "network": {"hidden": [1], "loss": "hinge", "output": "trainable"}})


def reps(ws, vs, inst=INST):
    return replicates_from_mapping({"classes": [{"layers": [{"W": [[str(w)]]}], "output": {"V": [[str(v)]]}}
                                                for w, v in zip(ws, vs, strict=True)]}, inst)


def test_unequal_replicates_by_hand_and_corruption():
    # γ = 1/2, R = 3: s_r = 2γR/(R−1)(w_r − w̄) = (3/2)(w_r − 1/3), so s_0 = 1, s_1 = s_2 = −1/2.
    # Class 0 (targets +,−,−), w = 1, v = 0: ∂L/∂w = 0, ∂L/∂v = −⅓(1 − 2 − 3) = 4/3; interior point.
    # E_γ = 3 (every hinge is 1) + γ·(3/2)·((2/3)² + 2(1/3)²) = 3 + 1/2.
    r = reps((1, 0, 0), (0, 0, 0))
    c = check_penalty(INST, r, F(1, 2))
    assert c.loss == F(7, 2) and not c.equal and c.critical == "not-critical" and c.theorem7 == "vacuous"
    assert c.penalised[0].cells[0].gradient == (F(1), F(4, 3))
    assert [v.verdict for v in c.two_class] == ["not-critical", "critical", "critical"]
    assert c.critical is Criticality.NOT_CRITICAL and all(isinstance(v.verdict, Criticality) for v in c.two_class)
    doc = penalty_certificate(c, INST, r)
    assert kernel.check_document(doc)[-1].kind == "exact-penalty"
    for path, value, match in ((("claim", "loss"), "3", "E_γ"), (("claim", "equal_replicates"), True, "(i)"),
                               (("claim", "penalised"), [True, True, True], "opposite"),
                               (("claim", "gamma"), "1", "E_γ")):
        bad = copy.deepcopy(doc)
        bad[path[0]][path[1]] = value
        with pytest.raises(kernel.Reject, match=match):
            kernel.check_document(bad)
    bad = copy.deepcopy(doc)  # the unshifted gradient (0, 4/3) would make g = (−1, 0) look flat
    bad["evidence"]["penalised"][0]["direction"] = ["0", "-1"]
    kernel.check_document(bad)  # (1, 4/3)·(0, −1) < 0 is also a valid descent direction
    bad["evidence"]["penalised"][0]["direction"] = ["1", "0"]
    with pytest.raises(kernel.Reject, match="not negative"):
        kernel.check_document(bad)
    bad = mutated(doc, ("claim", "two_class", 1), False)
    with pytest.raises(kernel.Reject):
        kernel.check_document(bad)


def test_equal_trivial_point_is_critical_and_theorem_holds():
    # w = 0, v = 0: every cell's gradient vanishes (v = 0 and σ(0) = 0), penalty gradient 0; E = 3.
    r = reps((0, 0, 0), (0, 0, 0))
    c = check_penalty(INST, r, F(2))
    assert c.critical == "critical" and c.equal and c.theorem7 == "holds" and c.loss == 3
    doc = penalty_certificate(c, INST, r)
    kernel.check_document(doc)
    bad = mutated(doc, ("evidence", "penalised", 0, "cells", 0, "weight"), "1/2")
    with pytest.raises(kernel.Reject, match="sum to 1"):
        kernel.check_document(bad)
    bad = mutated(doc, ("claim", "replicates", 1, "output", "V"), [["1"]])
    kernel.check_document(bad)  # still critical: at w = 0 the cell w < 0 has gradient 0 (a true statement)
    bad["claim"]["replicates"][1]["layers"][0]["W"] = [["1"]]
    with pytest.raises(kernel.Reject):
        kernel.check_document(bad)


def test_equal_replicates_not_critical_when_a_two_class_relation_fails():
    # w = 1 for all, v = 0: class 0 has ∂L/∂v = 4/3, class 1 has −⅓(−1 + 2 − 3) = 2/3, class 2 has 0.
    r = reps((1, 1, 1), (0, 0, 0))
    c = check_penalty(INST, r, F(1, 2))
    assert c.equal and c.critical == "not-critical"
    assert [v.cells[0].gradient for v in c.two_class] == [(0, F(4, 3)), (0, F(2, 3)), (0, 0)]
    kernel.check_document(penalty_certificate(c, INST, r))


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.integers(-1, 1), st.integers(-1, 1)), min_size=3, max_size=3),
       st.booleans(), st.sampled_from([F(1, 2), F(3)]))
def test_theorem7_never_violated_and_certified(params, equal, gamma):
    ws = [params[0][0]] * 3 if equal else [w for w, _ in params]
    r = reps(ws, [v for _, v in params])
    c = check_penalty(INST, r, gamma)
    assert c.theorem7 != "violated"
    if c.equal:  # no shift: E_γ critical iff every (ii) holds
        two = [v.verdict for v in c.two_class]
        if "undecided" not in two:
            assert (c.critical == "critical") == all(v == "critical" for v in two)
    if c.critical != "undecided":
        kernel.check_document(penalty_certificate(c, INST, r))


def test_penalty_cli(tmp_path, capsys):
    cert = tmp_path / "p.json"
    assert main(["penalty", "examples/lvb/multiclass.toml", "--point", "examples/lvb/multiclass_unequal.toml",
                 "--gamma", "1/2", "--json", "--certificate", str(cert)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["critical"] is False and out["equal_replicates"] is False and out["loss"] == "7/2"
    assert kernel.check_file(str(cert))[0][-1].kind == "exact-penalty"
    assert main(["penalty", "examples/lvb/multiclass.toml", "--point", "examples/lvb/multiclass_unequal.toml",
                 "--gamma", "0"]) == 2
    assert "--gamma" in capsys.readouterr().err
    assert main(["penalty", "examples/lvb/multiclass.toml", "--point", "examples/lvb/fig4_point.toml",
                 "--gamma", "1"]) == 2
    assert "classes" in capsys.readouterr().err
    assert main(["penalty", "examples/lvb/fig4.toml", "--point", "examples/lvb/multiclass_unequal.toml",
                 "--gamma", "1"]) == 2
    assert "onehot" in capsys.readouterr().err
