"""Local minimality and the Clarke verdicts of issue 16 (Laurent–von Brecht): the cases that are a finite check.

Hand-worked instances, the issue's two "undecided" examples (a null entry of a bias-free deep net; a cell reached
only at second order), and property tests against independent exact routes (the loss evaluated at nearby points).
"""

from __future__ import annotations

import copy
import json
from fractions import Fraction as F

import pytest
from conftest import mutated
from hypothesis import given, settings
from hypothesis import strategies as st

from exactrelu import kernel
from exactrelu.certify.certificates import sign_string
from exactrelu.certify.lvb import analysis_certificate
from exactrelu.core.instance import instance_from_mapping
from exactrelu.core.point import flatten, point_from_mapping, unflatten
from exactrelu.lvb.clarke import cell_gradients, clarke, full_cell, loss_value
from exactrelu.lvb.multilinear import signature, symbols
from exactrelu.lvb.theorems import MinimalityCase, MinimumType, classify, point_verdicts


def net(points, targets, hidden, act="relu", bias=False, weights=None):
    data = {"points": points, "targets": targets, "bias": bias} | ({"weights": weights} if weights else {})
    return instance_from_mapping({"data": data, "network": {"hidden": hidden, "loss": "hinge", "activation": act}})


def moved(inst, p, delta, t):
    return unflatten(inst, [x + t * d for x, d in zip(flatten(p), delta, strict=True)])


def certify(inst, p, a=None):
    """The ``lvb-analysis`` certificate at ``p``, checked by the kernel; ``a`` (if given) is the analysis the
    certificate must encode."""
    r = point_verdicts(inst, p)
    assert a is None or r.analysis == a
    doc = json.loads(json.dumps(analysis_certificate(r, inst, p)))
    assert kernel.check_document(doc)[-1].kind == "lvb-analysis"
    return doc


def rejected(doc, match=None):
    with pytest.raises(kernel.Reject, match=match):
        kernel.check_document(doc)


# ---------------------------------------------------------------- issue 16, example (b): a null entry
def example_b():
    # x = 1, y = −1, hidden [1, 1], ReLU, no bias: W1 = −1/2 kills the first unit (pre −1/2 < 0), so the second
    # unit's pre-activation W2·σ(W1 x) is 0 on a whole neighbourhood: N has interior (LvB's Lemma 1 needs biases).
    inst = net([[1]], [-1], [1, 1])
    return inst, unflatten(inst, [F(-1, 2), F(2), F(-1, 2)])


def test_example_b_null_entry_is_decided():
    inst, p = example_b()
    assert signature(inst, p) == (-1, 0, 1)
    grads, _ = cell_gradients(inst, p, (-1, 1, 1))
    assert not any(grads[1])  # the first-order part of the zero entry vanishes: the old analysis was stuck here
    a = classify(inst, p)
    # by hand: near ω, σ(W1 x) = 0, so ŷ = V σ(0) = 0 and L ≡ μ (1 − y·0) = 1: locally constant
    assert a.clarke.nulls == (1,) and a.clarke.zeros == () and a.clarke.verdict == "critical"
    assert a.loss == 1 and a.minimum is True and a.case == "cell" and a.kind == "type I"
    doc = certify(inst, p, a)
    assert doc["claim"]["signature"] == "-0+" and doc["claim"]["hessian"] == "zero"
    assert doc["claim"]["minimum"] is True and doc["claim"]["type"] is None  # no bias: no type
    bad = mutated(doc, ("claim", "minimum"), False)
    rejected(bad, "unproved")


@settings(max_examples=30, deadline=None)
@given(st.lists(st.fractions(min_value=-F(1, 5), max_value=F(1, 5), max_denominator=7), min_size=3, max_size=3))
def test_example_b_loss_is_constant_nearby(delta):
    inst, p = example_b()
    assert loss_value(inst, moved(inst, p, delta, F(1))) == 1


def test_half_null_region_is_adjacent_and_not_a_minimum():
    # x = −1, y = 1, no bias, W1 = 0, W2 = V = 1/2: for W1 > 0 the first unit is dead and the second entry is ≡ 0
    # there (L = 1, gradient 0); for W1 < 0, L = 1 + V W2 W1 (gradient (1/4, 0, 0)): 0 ∈ conv, critical; L < 1 for
    # W1 < 0, so no minimum.
    inst = net([[-1]], [1], [1, 1])
    p = unflatten(inst, [F(0), F(1, 2), F(1, 2)])
    a = classify(inst, p)
    assert a.clarke.verdict == "critical" and a.minimum is False and a.case == "descent"
    assert {c.gradient for c in a.clarke.cells if c.status == "adjacent"} == {(F(1, 4), F(0), F(0)), (F(0),) * 3}
    assert loss_value(inst, moved(inst, p, a.descent, F(1, 1000))) < 1
    certify(inst, p, a)


# ---------------------------------------------------------------- issue 16, example (a): second-order adjacency
def example_a():
    # two hidden layers [1, 2], leaky 1/2, no bias, x = 1 and −1 (both y = −1, μ = 1/2), ω: W1 = 0, W2 = (0, 1/2),
    # V = (0, −2).  Every pre-activation is 0 and ŷ = 0, so L = 1 + (ŷ(1) + ŷ(−1))/2 near ω.  The entry a·σ(w x)
    # (a = W2[0]) has zero gradient at ω: its sign is sign(δa·δw·x) at second order.
    inst = net([[1], [-1]], [-1, -1], [1, 2], act="leaky:1/2")
    return inst, unflatten(inst, [F(0), F(0), F(1, 2), F(0), F(-2)])


def test_example_a_cells_adjacent_at_second_order_average_to_zero():
    inst, p = example_a()
    ver = clarke(inst, p)
    assert ver.zeros == (0, 1, 2, 4, 5, 6) and ver.verdict == "critical"
    # by hand: for w > 0, ∂L/∂w = ½(v2·b·1·1·1 + v2·b·½·½·(−1)) = ½(−1 + ¼) = −3/8; for w < 0 it is +3/8
    grads = {sign_string(c.tau): c.gradient for c in ver.cells if c.tau in dict(ver.weights)}
    assert grads == {"+-+-+-": (F(-3, 8), 0, 0, 0, 0), "---+++": (F(3, 8), 0, 0, 0, 0)}
    assert {w for _, w in ver.weights} == {F(1, 2)}
    for c in ver.cells:
        if c.tau in dict(ver.weights):
            e = ver.zeros[1]  # a·σ(w x) on point 1: no first-order part in this cell
            assert not any(cell_gradients(inst, p, full_cell(ver.signature, (), ver.zeros, c.tau))[0][e])
            # independent check of the ray: the exact signature a small step along it is the cell's
            u = full_cell(ver.signature, (), ver.zeros, c.tau)
            assert signature(inst, moved(inst, p, c.ray, F(1, 1000))) == u
    a = classify(inst, p)
    assert a.minimum is False and a.case == "descent"
    assert loss_value(inst, moved(inst, p, a.descent, F(1, 1000))) < loss_value(inst, p) == 1
    doc = certify(inst, p, a)
    bad = copy.deepcopy(doc)
    bad["evidence"]["clarke"]["cells"][0]["ray"] = ["1", "0", "0", "0", "0"]  # first order only: a·σ(w x) stays 0
    rejected(bad, "open cell")


# ---------------------------------------------------------------- hand-worked minima (the convex case, type I/II)
def dead(targets, c, weights=None, act="relu"):
    # one ReLU unit with bias, W = 0, b = −1: every point dead, ŷ = c, L = Σ μ_i max(0, 1 − y_i c)
    inst = net([[k + 1] for k in range(len(targets))], targets, [1], act=act, bias=True, weights=weights)
    return inst, point_from_mapping({"layers": [{"W": [["0"]], "b": ["-1"]}],
                                     "output": {"V": [["1"]], "c": [str(c)]}}, inst)


def test_sharp_minimum_at_a_hinge_kink_is_type_two():
    # L(c) = ⅔ max(0, 1 − c) + ⅓ max(0, 1 + c): slope −1/3 on (−1, 1), +1/3 for c > 1: a sharp minimum at c = 1
    inst, p = dead([1, 1, -1], 1)
    a = classify(inst, p)
    assert a.loss == F(2, 3) and a.minimum is True and a.case == "convex" and a.kind == "type II"
    doc = certify(inst, p, a)
    assert doc["claim"]["type"] == "II" and doc["evidence"]["sharp"]
    bad = mutated(doc, ("evidence", "sharp"), {})
    rejected(bad, "flat cell is not excluded")
    bad = mutated(doc, ("claim", "type"), "I")
    del bad["evidence"]["sharp"]
    bad["evidence"]["flat"] = ["0", "0", "0", "-1"]  # the ray into c < 1: slope −1/3, not flat
    rejected(bad, "no flat cell")
    # c = 0: slope −1/3, not critical, no minimum
    inst, p = dead([1, 1, -1], 0)
    assert classify(inst, p).minimum is False
    certify(inst, p)


def test_balanced_dead_points_flat_minima_are_type_one():
    # L(c) = ½ max(0, 1 − c) + ½ max(0, 1 + c) = 1 on [−1, 1]: c = 0 is inside a flat cell, c = 1 on its boundary
    inst, p = dead([1, -1], 0)
    a = classify(inst, p)
    assert a.minimum is True and a.case == "cell" and a.kind == "type I" and not a.clarke.zeros
    certify(inst, p, a)
    inst, p = dead([1, -1], 1)
    a = classify(inst, p)
    assert a.minimum is True and a.case == "convex" and a.kind == "type I" and a.loss == 1
    doc = certify(inst, p, a)
    assert doc["claim"]["type"] == "I" and F(doc["evidence"]["flat"][3]) < 0  # the flat side is c < 1
    bad = copy.deepcopy(doc)
    bad["evidence"]["flat"][3] = "1"  # c > 1: slope ½, not flat
    rejected(bad, "no flat cell")


def test_undecided_minimum_states_why():
    # x = 1 twice with y = ±1 (μ = ½), a live unit: L = ½σ(1 − ŷ) + ½σ(1 + ŷ) with ŷ = v σ(w + b) + c = 1 at ω:
    # L ≥ 1 nearby (a local minimum), but point 0 contributes through a live unit, so no case applies
    inst = net([[1], [1]], [1, -1], [1], bias=True)
    p = point_from_mapping({"layers": [{"W": [["1"]], "b": ["0"]}], "output": {"V": [["1"]], "c": ["0"]}}, inst)
    a = classify(inst, p)
    assert a.clarke.verdict == "critical" and a.minimum is None and a.case == "undecided" and a.kind == "-"
    doc = certify(inst, p, a)
    assert doc["claim"]["minimum"] is None and doc["claim"]["type"] is None
    bad = mutated(doc, ("claim", "minimum"), True)
    rejected(bad, "unproved")


def test_a_type_needs_a_proved_minimum_and_biases():
    inst, p = example_b()
    doc = certify(inst, p)
    bad = copy.deepcopy(doc)
    bad["claim"]["type"] = "I"  # locally constant, but LvB's types are defined with biases
    rejected(bad, "with bias")


# ---------------------------------------------------------------- property tests against exact evaluation
@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from([1, -1]), min_size=1, max_size=4), st.integers(-3, 3),
       st.lists(st.sampled_from(["1", "2", "3"]), min_size=4, max_size=4))
def test_convex_case_matches_one_sided_slopes(ys, c2, ws):
    """Dead points: L is piecewise linear in c with kinks at ±1 only, so with c ∈ ½Z, L(c ± 1/100) ≥ L(c) decides
    local minimality exactly; the analysis must agree, and the kernel must accept its certificate."""
    inst, p = dead(ys, F(c2, 2), weights=ws[:len(ys)])
    a = classify(inst, p)
    around = [loss_value(inst, dead(ys, F(c2, 2) + h, weights=ws[:len(ys)])[1]) for h in (F(1, 100), F(-1, 100))]
    assert a.minimum is (min(around) >= a.loss)
    certify(inst, p, a)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(-2, 2), min_size=7, max_size=7), st.sampled_from(["relu", "leaky:1/2"]),
       st.sampled_from([(1, -1), (1, 1)]))
def test_verdicts_agree_with_the_loss_nearby(ws, act, ys):
    """Whatever is decided is consistent with exact evaluations of L: a descent ray descends, a proved minimum is
    not beaten at sampled nearby points; every certificate checks."""
    inst = net([[1, 0], [0, 1]], list(ys), [1], act=act, bias=True)
    p = unflatten(inst, [F(w, 2) for w in ws[:len(symbols(inst))]])
    a = classify(inst, p)
    if a.minimum is False and a.descent:
        assert loss_value(inst, moved(inst, p, a.descent, F(1, 10**4))) < a.loss
    if a.minimum:
        for k in range(len(ws)):
            for s in (1, -1):
                step = [F(0)] * len(flatten(p))
                step[k % len(step)] = F(s, 10**4)
                assert loss_value(inst, moved(inst, p, step, F(1))) >= a.loss
    certify(inst, p, a)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(-2, 2), min_size=3, max_size=3), st.sampled_from(["relu", "leaky:1/2"]),
       st.lists(st.sampled_from([[1], [-1], [2], [0]]), min_size=1, max_size=2),
       st.lists(st.sampled_from([1, -1]), min_size=2, max_size=2))
def test_deep_bias_free_verdicts_agree_with_the_loss_nearby(ws, act, points, ys):
    """Two hidden layers without bias (null entries, second-order adjacency): a critical verdict's weights combine
    gradients of regions its rays really enter (exact signatures a small step along each ray), a descent ray
    descends, a proved minimum is not beaten at nearby points; every certificate checks."""
    inst = net(points, ys[:len(points)], [1, 1], act=act)
    p = unflatten(inst, [F(w, 2) for w in ws])
    a = classify(inst, p)
    if a.clarke.verdict == "critical":
        for c in a.clarke.cells:
            if c.tau in dict(a.clarke.weights):
                q = moved(inst, p, c.ray, F(1, 10**4))
                at = signature(inst, q)
                for e, s in zip(a.clarke.zeros, c.tau, strict=True):
                    # the cell's sign, or an entry null on the region: 0 on a neighbourhood of the step point
                    assert at[e] == s or all(signature(inst, moved(inst, q, [h * (j == k) for j in range(3)], F(1)))[e]
                                             == 0 for k in range(3) for h in (F(1, 10**6), F(-1, 10**6)))
    if a.minimum is False and a.descent:
        assert loss_value(inst, moved(inst, p, a.descent, F(1, 10**4))) < a.loss
    if a.minimum:
        for k in range(3):
            for s in (F(1, 10**3), F(-1, 10**3)):
                assert loss_value(inst, moved(inst, p, [s * (q == k) for q in range(3)], F(1))) >= a.loss
    certify(inst, p, a)


def test_minimality_case_and_type_are_enums_with_the_documented_values():
    """``Analysis.case`` is a :class:`MinimalityCase` whose values are exactly the ``minimality_case`` strings of
    docs/json.md (read from the page), ``Analysis.kind`` a :class:`MinimumType` ("type I", "type II" and
    "undecided", which ``lvb --json`` shortens to ``I`` / ``II`` / ``undecided``, and "-" when no minimum is proved)."""
    import re
    from pathlib import Path

    page = (Path(__file__).parents[2] / "docs" / "json.md").read_text(encoding="utf-8")
    listed = re.search(r"`minimality_case` \(string: ([^;]*);", page)
    assert listed is not None
    assert {c.value for c in MinimalityCase} == set(re.findall(r"`([a-z-]+)`", listed.group(1)))
    assert [k.value for k in MinimumType] == ["type I", "type II", "undecided", "-"]
    inst, p = example_b()  # by hand (test_example_b_null_entry_is_decided): L ≡ 1 near ω, a flat cell
    a = classify(inst, p)
    assert isinstance(a.case, MinimalityCase) and a.case is MinimalityCase.CELL
    assert isinstance(a.kind, MinimumType) and a.kind is MinimumType.TYPE_I
    assert a.clarke.verdict == "critical" and f"{a.case}, {a.kind}" == "cell, type I"
