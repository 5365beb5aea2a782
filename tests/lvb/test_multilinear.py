"""Signatures, cell polynomials (Theorem 1), harmonicity and Corollary 2 of Laurent–von Brecht."""

from __future__ import annotations

import copy
from fractions import Fraction as F

import pytest
import sympy
from conftest import mutated
from hypothesis import given, settings
from hypothesis import strategies as st

from exactrelu import kernel
from exactrelu.certify.lvb import analysis_certificate
from exactrelu.core.instance import instance_from_mapping
from exactrelu.core.point import point_from_mapping
from exactrelu.lvb.multilinear import (
    cell_polynomial,
    entry_labels,
    gradient_at,
    hessian_verdict,
    signature,
    symbols,
    zero_entries,
)
from exactrelu.lvb.theorems import point_verdicts


def one_unit(bias: bool = False, alpha: str = "relu"):
    return instance_from_mapping({"data": {"points": [[1], [-1]], "targets": [1, -1], "bias": bias},
                                  "network": {"hidden": [1], "loss": "hinge", "activation": alpha}})


def test_signature_and_polynomial_by_hand():
    # x = (1, -1), y = (1, -1), w = 1/2, v = 1/2: point 1 active (pre 1/2, hinge 1 - 1/4 > 0);
    # point 2 dead (pre -1/2, output 0, hinge 1). L = 1/2 (1 - v w) + 1/2 = 1 - vw/2.
    inst = one_unit()
    p = point_from_mapping({"layers": [{"W": [["1/2"]]}], "output": {"V": [["1/2"]]}}, inst)
    assert signature(inst, p) == (1, 1, -1, 1)
    assert entry_labels(inst) == ("0:1:0", "0:2:0", "1:1:0", "1:2:0")
    poly = cell_polynomial(inst, signature(inst, p))
    w, v = symbols(inst)
    assert sympy.expand(poly.expr - (1 - v * w / 2)) == 0
    assert poly.forms[0] == -v * w / 2 and poly.forms[-1] == 1      # φ_0(W, V) and the constant
    assert poly.multilinear and poly.harmonic and not poly.constant
    assert gradient_at(inst, poly, p) == (F(-1, 4), F(-1, 4))


def test_leaky_bias_signature_by_hand():
    # w = 1, b = 1/2, v = 1/4, c = 0, α = 1/2: pre = (3/2, -1/2), ŷ = (3/8, -1/16), hinges (5/8, 15/16).
    inst = one_unit(bias=True, alpha="leaky:1/2")
    p = point_from_mapping({"layers": [{"W": [["1"]], "b": ["1/2"]}], "output": {"V": [["1/4"]], "c": ["0"]}}, inst)
    assert signature(inst, p) == (1, 1, -1, 1)


def test_leaky_bias_cell_polynomial():
    inst = one_unit(bias=True, alpha="leaky:1/2")
    w, b, v, c = symbols(inst)
    cell = (1, 1, -1, 1)
    poly = cell_polynomial(inst, cell)
    want = F(1, 2) * (1 - (v * (w + b) + c)) + F(1, 2) * (1 + (v * (b - w) / 2 + c))
    assert sympy.expand(poly.expr - sympy.nsimplify(want)) == 0
    # Theorem 1 split: φ_0(W, V), φ_1(b, V), φ_2(c), constant.
    assert sympy.expand(poly.forms[0] - (-v * w / 2 - v * w / 4)) == 0
    assert sympy.expand(poly.forms[1] - (-v * b / 2 + v * b / 4)) == 0
    assert poly.forms[2] == 0 and poly.forms[3] == 1
    assert poly.multilinear and poly.harmonic


def test_boundary_point_has_zero_entries_and_no_hessian():
    inst = one_unit()
    p = point_from_mapping({"layers": [{"W": [["0"]]}], "output": {"V": [["1"]]}}, inst)
    assert zero_entries(signature(inst, p)) == (0, 2)
    with pytest.raises(ValueError, match="boundary"):
        hessian_verdict(inst, p)


def deep_instance():
    return instance_from_mapping({"data": {"points": [[1, 2], [-1, 1], [0, -1]], "targets": [1, -1, 1], "bias": True},
                                  "network": {"hidden": [2, 2], "loss": "hinge", "activation": "leaky:1/3"}})


DEEP_POINT = {"layers": [{"W": [["1/2", 1], [2, -1]], "b": [2, "1/3"]}, {"W": [["1/2", 1], [2, -1]], "b": [1, "1/5"]}],
              "output": {"V": [["1/5", "-1/7"]], "c": ["1/11"]}}


def test_hessian_certificate_checks_and_corruptions_fail():
    # the Hessian verdict is certified by lvb-analysis (the whole Hessian, with Theorem 1's zeros)
    inst = deep_instance()
    p = point_from_mapping(DEEP_POINT, inst)
    poly, verdict = hessian_verdict(inst, p)
    assert poly.multilinear and poly.harmonic and not verdict.zero
    assert verdict.uHu > 0 > verdict.vHv and verdict.uHu == -verdict.vHv
    doc = analysis_certificate(point_verdicts(inst, p), inst, p)
    assert doc["claim"]["hessian"] == "indefinite" and kernel.check_document(doc)[-1].kind == "lvb-analysis"
    bad = mutated(doc, ("claim", "hessian"), "zero")
    with pytest.raises(kernel.Reject, match="Hessian verdict wrong"):
        kernel.check_document(bad)
    bad = copy.deepcopy(doc)
    bad["claim"]["point"]["layers"][0]["b"][0] = "1"      # moves point 3 onto a wall (pre = 0)
    with pytest.raises(kernel.Reject, match="signature or loss"):
        kernel.check_document(bad)


def test_multiclass_polynomial_by_hand():
    # one point x = 1 of class 0 out of 2 (one-hot), no hidden bias, W = 1, V = (1, 2):
    # ŷ = (1, 2), hinge args (1, 1 + 2 - 1 = 2) → L = μ (1 + v_1 w - v_0 w), μ = 1.
    inst = instance_from_mapping({"data": {"points": [[1]], "onehot": [[1, 0]]},
                                  "network": {"hidden": [1], "loss": "hinge"}})
    p = point_from_mapping({"layers": [{"W": [["1"]]}], "output": {"V": [["1"], ["2"]]}}, inst)
    assert signature(inst, p) == (1, 1, 1)
    w, v0, v1 = symbols(inst)
    assert sympy.expand(cell_polynomial(inst, (1, 1, 1)).expr - (1 + v1 * w - v0 * w)) == 0


rationals = st.fractions(min_value=-3, max_value=3, max_denominator=4)


@settings(max_examples=25, deadline=None)
@given(st.lists(rationals, min_size=19, max_size=19), st.lists(st.sampled_from([-1, 1]), min_size=15, max_size=15),
       st.sampled_from(["relu", "leaky:1/4"]))
def test_random_cells_are_multilinear_and_harmonic(vals, cell, act):
    """Theorem 1 on random cells of a 2-2-2-1 network, and the kernel's u,v route agrees with sympy's Hessian."""
    pts = [[vals[0], vals[1]], [vals[2], vals[3]], [vals[4], F(1)]]
    inst = instance_from_mapping({"data": {"points": [[str(x) for x in q] for q in pts], "targets": [1, -1, 1],
                                           "bias": True},
                                  "network": {"hidden": [2, 2], "loss": "hinge", "activation": act}})
    poly = cell_polynomial(inst, tuple(cell))
    assert poly.multilinear and poly.harmonic
    lap = sum(sympy.diff(poly.expr, s, 2) for s in symbols(inst))
    assert sympy.expand(lap) == 0
    recombined = sum(poly.forms, sympy.Integer(0))
    assert sympy.expand(recombined - poly.expr) == 0
