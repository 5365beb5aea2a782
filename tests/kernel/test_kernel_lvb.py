"""The Laurent–von Brecht semantics of the kernel (exactrelu/kernel/lvb.py) against independent routes.

The kernel's forward pass over truncated series in t is compared with sympy's cell polynomial (the producer's
route), the rules are tried outside their models, and replays that would be exponential are refused, not run.
"""

from __future__ import annotations

import copy
import json
from fractions import Fraction as F

import pytest
import sympy
from conftest import mutated
from hypothesis import given, settings
from hypothesis import strategies as st

from exactrelu import kernel
from exactrelu.certify.certificates import certificate
from exactrelu.certify.certificates import rank_evidence as encode_rank_evidence
from exactrelu.certify.lvb import analysis_certificate, clarke_certificate
from exactrelu.core.instance import instance_from_mapping, instance_to_mapping
from exactrelu.core.linalg import rank_evidence
from exactrelu.core.point import flatten, point_from_mapping, point_to_mapping, unflatten
from exactrelu.core.rationals import format_vector
from exactrelu.kernel import lvb as klvb
from exactrelu.kernel.model import read_instance
from exactrelu.lvb.clarke import clarke, loss_value
from exactrelu.lvb.multilinear import cell_polynomial, gradient_at, hessian_at, signature, symbols
from exactrelu.lvb.theorems import point_verdicts

rationals = st.fractions(min_value=-2, max_value=2, max_denominator=3)


def _kernel_instance(inst):
    return read_instance(json.loads(json.dumps(instance_to_mapping(inst))))


def _ctx(inst):
    return kernel.Context(_kernel_instance(inst), 10**9)


def _unit(p, n):
    return [F(int(k == p)) for k in range(n)]


@settings(max_examples=15, deadline=None)
@given(st.lists(rationals, min_size=21, max_size=21), st.lists(st.sampled_from([-1, 1]), min_size=10, max_size=10),
       st.sampled_from(["relu", "leaky:1/4"]), st.booleans())
def test_series_derivatives_equal_sympy(vals, cell, act, onehot):
    """c1 along e_p is ∂L_u/∂ω_p and 2·c2 along e_a + e_b is the polarised Hessian, as sympy differentiates them."""
    data = {"points": [["1", "-1"], ["2", "1"]], "bias": True}
    data |= {"onehot": [[1, 0], [0, 1]]} if onehot else {"targets": [1, -1], "weights": ["1/3", "2/3"]}
    inst = instance_from_mapping({"data": data, "network": {"hidden": [2, 1], "loss": "hinge", "activation": act}})
    P = len(symbols(inst))
    p = unflatten(inst, vals[:P])
    width = 2 + 1 + (2 if onehot else 1)
    u = tuple(cell[:2 * width])
    poly = cell_polynomial(inst, u)
    grad, hess = gradient_at(inst, poly, p), hessian_at(inst, poly, p)
    ki, ctx, flat = _kernel_instance(inst), _ctx(inst), list(flatten(p))
    assert [klvb._run(ctx, ki, flat, _unit(q, P), list(u))[1][1] for q in range(P)] == list(grad)
    a, b = 0, P - 2
    d = [F(int(k in (a, b))) for k in range(P)]
    assert 2 * klvb._run(ctx, ki, flat, d, list(u))[1][2] == hess[a][a] + 2 * hess[a][b] + hess[b][b]
    assert klvb._run(ctx, ki, flat, [F(0)] * P, list(u))[1][0] == sympy.Rational(
        str(poly.expr.subs(dict(zip(symbols(inst), flat, strict=True)))))


def test_signature_and_loss_by_hand():
    # 1-D, no bias, W = 1/2, V = 1/2, points 1 (+1) and −1 (−1), μ = 1/2: pre-activations ½, −½; outputs ¼, 0;
    # hinge arguments 1 − ¼ = ¾ and 1 + 0 = 1; L = ½(¾ + 1) = 7/8; signature + + − +.
    inst = instance_from_mapping({"data": {"points": [[1], [-1]], "targets": [1, -1]},
                                  "network": {"hidden": [1], "loss": "hinge"}})
    sig, loss, _ = klvb._run(_ctx(inst), _kernel_instance(inst), [F(1, 2), F(1, 2)], [F(0), F(0)])
    assert sig == [1, 1, -1, 1] and loss == [F(7, 8), 0, 0]
    # along δ = (1, 0): L(½ + t, ½) = ½(1 − ½(½ + t)) + ½ = 7/8 − t/4 on this cell: c1 = −1/4, c2 = 0
    assert klvb._run(_ctx(inst), _kernel_instance(inst), [F(1, 2), F(1, 2)], [F(1), F(0)])[1] == [F(7, 8), F(-1, 4), 0]


def _point_doc(inst, p, kind, **claim):
    return certificate({"kind": kind, "point": point_to_mapping(p), **claim}, {}, inst)


@pytest.mark.parametrize("network, field", [
    ({"hidden": [1], "loss": "squared"}, "network.loss"),
    ({"hidden": [1], "loss": "hinge", "output": ["1"]}, "network.output"),
])
def test_lvb_kinds_refuse_what_they_do_not_model(network, field):
    inst = instance_from_mapping({"data": {"points": [[1], [-1]], "targets": [1, -1]}, "network": network})
    doc = {"format": "exactrelu-certificate", "version": "2.0", "instance": instance_to_mapping(inst),
           "claim": {"kind": "lvb-analysis"}, "evidence": {}}
    with pytest.raises(kernel.Reject, match=field.replace(".", r"\.")):
        kernel.check_document(doc)


def test_definition1_refuses_bias_free_data_and_penalty_binary_data():
    plain = instance_from_mapping({"data": {"points": [[1], [1]], "targets": [1, -1]},
                                   "network": {"hidden": [1], "loss": "hinge"}})
    doc = certificate({"kind": "rare-data", "alpha": "1/2", "depth": 1},
                      {"lambda_exponents": [0, 0], "epsilon": "11"}, plain)
    with pytest.raises(kernel.Reject, match=r"data\.bias"):
        kernel.check_document(doc)
    doc["claim"]["kind"] = "exact-penalty"
    with pytest.raises(kernel.Reject, match=r"data\.onehot"):
        kernel.check_document(doc)
    biased = instance_from_mapping({"data": {"points": [[1], [1]], "targets": [1, -1], "bias": True},
                                    "network": {"hidden": [1], "loss": "hinge"}})
    doc = certificate({"kind": "rare-data", "alpha": "1/2", "depth": 1},
                      {"lambda_exponents": [0, 0], "epsilon": "11"}, biased)
    assert "rare" in kernel.check_document(doc)[-1].statement
    # the weights μ enter system (7): with μ = (1/3, 2/3) the same λ = (1, 1) no longer balances
    doc["instance"]["data"]["weights"] = ["1/3", "2/3"]
    with pytest.raises(kernel.Reject, match="system"):
        kernel.check_document(doc)


def test_zero_point_without_bias_excludes_no_cell():
    # x_0 = 0 and no bias: its pre-activation is identically 0, so "0 > 0 is infeasible" proves no cell empty.
    # At w = 1, v = 0 the only other point is x = 1 (target −1): L = ½σ(1) + ½σ(1 + v w) has ∂L/∂v = ½ w ≠ 0.
    inst = instance_from_mapping({"data": {"points": [[0], [1]], "targets": [1, -1]},
                                  "network": {"hidden": [1], "loss": "hinge"}})
    p = point_from_mapping({"layers": [{"W": [["1"]]}], "output": {"V": [["0"]]}}, inst)
    ver = clarke(inst, p)
    assert ver.verdict == "not-critical" and all(c.status != "not-adjacent" for c in ver.cells)
    doc = clarke_certificate(ver, inst, p)
    kernel.check_document(doc)
    forged = mutated(doc, ("evidence", "excluded"), {"+": {"strict": [], "weak": [], "equal": []}})
    with pytest.raises(kernel.Reject):
        kernel.check_document(forged)


# ---------------------------------------------------------------- bounded work (issue 11, attack class 6)
def test_generic_data_with_depth_64_is_refused_not_run():
    # 12 generic points on a line with bias (generic for L = 1 after 59,048 combinations): M_1 has 4 rows and 12
    # columns, so 2^8 free 0/1 patterns and 65 choices of λ per touched point for L = 64: far beyond what a
    # few-KB certificate pays for.
    primes = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37]
    inst = instance_from_mapping({"data": {"points": [[f"{k * k + 1}/{q}"] for k, q in enumerate(primes)],
                                           "targets": [1, -1] * 6, "bias": True, "weights": [f"1/{q}" for q in primes]},
                                  "network": {"hidden": [1], "loss": "hinge"}})
    from exactrelu.lvb.generic import slots, system_matrix

    ev = rank_evidence(system_matrix(inst, (F(1),) * 12), len(slots(inst)))
    doc = certificate({"kind": "generic-data", "alpha": "1/2", "depth": 64},
                      {"rank": ev.rank, **encode_rank_evidence(ev)}, inst)
    with pytest.raises(kernel.Reject, match="work bound"):
        kernel.check_text(json.dumps(doc))


def test_wide_network_hessian_is_refused_not_run():
    # a 16-wide two-layer network on 16-dimensional data: 561 parameters, a Hessian of 157,641 entries
    inst = instance_from_mapping({"data": {"points": [[1] * 16, [-1] * 16], "targets": [1, -1], "bias": True},
                                  "network": {"hidden": [16, 16], "loss": "hinge"}})
    n = len(symbols(inst))
    p = unflatten(inst, [F(1, 1 + k % 3) for k in range(n)])
    sig = signature(inst, p)
    assert 0 not in sig
    claim = {"signature": "".join("+" if s > 0 else "-" for s in sig), "loss": str(loss_value(inst, p)),
             "hessian": "indefinite", "clarke": "undecided", "theorem6_violations": None}
    with pytest.raises(kernel.Reject, match="work bound"):
        kernel.check_text(json.dumps(_point_doc(inst, p, "lvb-analysis", **claim)))


def test_many_zero_entries_are_refused_not_enumerated():
    # W = 0 on 24 points: 24 zero first-layer entries, 2^24 candidate cells
    inst = instance_from_mapping({"data": {"points": [[k + 1] for k in range(24)], "targets": [1] * 24},
                                  "network": {"hidden": [1], "loss": "hinge"}})
    p = point_from_mapping({"layers": [{"W": [["0"]]}], "output": {"V": [["1"]]}}, inst)
    doc = certificate({"kind": "not-clarke-critical", "point": point_to_mapping(p), "loss": "1"},
                      {"direction": format_vector([F(1), F(0)]), "excluded": {}}, inst)
    with pytest.raises(kernel.Reject, match="work bound"):
        kernel.check_text(json.dumps(doc))


# ---------------------------------------------------------------- random certificates, mutated
@settings(max_examples=20, deadline=None)
@given(st.lists(st.integers(-2, 2), min_size=9, max_size=9), st.sampled_from(["relu", "leaky:1/3"]),
       st.sampled_from([(1, -1, 1), (1, 1, -1)]))
def test_random_analyses_check_and_mutations_fail(ws, act, ys):
    inst = instance_from_mapping({"data": {"points": [[0, 0], [1, 0], [0, 1]], "targets": list(ys), "bias": True,
                                           "weights": ["1/2", "1/4", "1/4"]},
                                  "network": {"hidden": [2], "loss": "hinge", "activation": act}})
    p = unflatten(inst, [F(w, 2) for w in ws])
    doc = json.loads(json.dumps(analysis_certificate(point_verdicts(inst, p), inst, p)))
    assert kernel.check_document(doc)[-1].kind == "lvb-analysis"
    bad = copy.deepcopy(doc)
    bad["claim"]["loss"] = str(F(bad["claim"]["loss"]) + F(1, 4))
    with pytest.raises(kernel.Reject):
        kernel.check_document(bad)
    bad = copy.deepcopy(doc)
    bad["instance"]["data"]["weights"] = ["1/4", "1/4", "1/2"]   # the same claim about other weights μ
    if loss_value(inst, p) != loss_value(instance_from_mapping(bad["instance"]), p):
        with pytest.raises(kernel.Reject):
            kernel.check_document(bad)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(-2, 2), min_size=9, max_size=9), st.integers(0, 8), st.sampled_from([F(-1, 2), F(1)]),
       st.sampled_from(["relu", "leaky:1/3"]))
def test_moved_point_accepted_only_if_the_producer_agrees(ws, k, step, act):
    """Move one parameter of a certified point: the kernel may accept the old claim only where it is still true,
    as the producer (cdd LPs over its own gradients) decides independently."""
    inst = instance_from_mapping({"data": {"points": [[0, 0], [1, 0], [0, 1]], "targets": [1, 1, -1], "bias": True},
                                  "network": {"hidden": [2], "loss": "hinge", "activation": act}})
    p = unflatten(inst, [F(w, 2) for w in ws])
    ver = clarke(inst, p)
    if ver.verdict == "undecided":
        return
    doc = json.loads(json.dumps(clarke_certificate(ver, inst, p)))
    moved = list(flatten(p))
    moved[k] += step
    q = unflatten(inst, moved)
    doc["claim"]["point"] = point_to_mapping(q)
    try:
        kernel.check_document(doc)
    except kernel.Reject:
        return
    again = clarke(inst, q)
    assert again.loss == ver.loss and again.verdict == ver.verdict


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([-1, -1, 1]), min_size=12, max_size=12), st.sampled_from(["relu", "leaky:1/2"]),
       st.booleans(), st.booleans(), st.sampled_from([[1], [2], [1, 1]]))
def test_flat_cell_equals_sympy_constant(cell, act, onehot, bias, hidden):
    """The kernel's path sums decide "L_u is constant" as sympy's expanded cell polynomial does (issue 16).  Data
    with repeated points and balanced weights make constant cells common (e.g. dead units, cancelling hinges)."""
    data = {"points": [["1"], ["1"], ["-1"]], "bias": bias}
    data |= {"onehot": [[1, 0], [0, 1], [1, 0]]} if onehot else {"targets": [1, -1, 1], "weights": ["1", "1", "2"]}
    inst = instance_from_mapping({"data": data, "network": {"hidden": hidden, "loss": "hinge", "activation": act}})
    width = sum(hidden) + (2 if onehot else 1)
    u = tuple(cell[:3 * width])
    assert klvb._flat(_ctx(inst), _kernel_instance(inst), list(u)) == cell_polynomial(inst, u).constant
