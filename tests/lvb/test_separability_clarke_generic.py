"""Separability, Clarke criticality and Definition 1 (Laurent–von Brecht), with kernel replays."""

from __future__ import annotations

import copy
from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exactrelu import kernel
from exactrelu.certify.lvb import clarke_certificate, rarity_certificate, separability_certificate
from exactrelu.core.instance import instance_from_mapping
from exactrelu.core.point import point_from_mapping
from exactrelu.lvb.clarke import clarke
from exactrelu.lvb.generic import rarity, rarity_naive
from exactrelu.lvb.separability import separability


def binary(points, targets, bias=False, act="relu", hidden=(1,), weights=None):
    data = {"points": points, "targets": targets, "bias": bias}
    if weights:
        data["weights"] = weights
    return instance_from_mapping({"data": data, "network": {"hidden": list(hidden), "loss": "hinge",
                                                            "activation": act}})


def brute_separable_1d(xs, ys):
    """Threshold classifiers on the line: all of one class strictly left of all of the other."""
    plus = [x for x, y in zip(xs, ys, strict=True) if y == 1]
    minus = [x for x, y in zip(xs, ys, strict=True) if y == -1]
    if not plus or not minus:
        return True
    return max(plus) < min(minus) or max(minus) < min(plus)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(-3, 3), st.sampled_from([1, -1])), min_size=1, max_size=5))
def test_separability_matches_brute_force_and_kernel(data):
    xs, ys = [d[0] for d in data], [d[1] for d in data]
    inst = binary([[x] for x in xs], ys)
    sep = separability(inst)
    assert sep.separable == brute_separable_1d(xs, ys)
    doc = separability_certificate(sep, inst)
    assert kernel.check_document(doc)[-1].kind == ("separable" if sep.separable else "not-separable")


def test_xor_not_separable_certificate_corrupted():
    inst = binary([[0, 0], [1, 1], [1, 0], [0, 1]], [1, 1, -1, -1])
    sep = separability(inst)
    assert not sep.separable
    doc = separability_certificate(sep, inst)
    kernel.check_document(doc)
    bad = copy.deepcopy(doc)
    bad["evidence"]["multipliers"]["strict"][0] = "7"
    with pytest.raises(kernel.Reject):
        kernel.check_document(bad)
    good = binary([[0, 0], [1, 1]], [1, -1])
    doc = separability_certificate(separability(good), good)
    bad = copy.deepcopy(doc)
    bad["evidence"]["point"] = ["0", "0", "0"]
    with pytest.raises(kernel.Reject, match="violates strict row"):
        kernel.check_document(bad)


# ---------------------------------------------------------------- Clarke
def one_unit_point(w, v):
    inst = binary([[1], [-1]], [1, 1])
    return inst, point_from_mapping({"layers": [{"W": [[w]]}], "output": {"V": [[v]]}}, inst)


def test_clarke_by_hand_kink_at_origin():
    # L(w, v) = ½σ(1 − vσ(w)) + ½σ(1 − vσ(−w)); at (0, 1): gradients (∓½, 0) on the two sides.
    inst, p = one_unit_point("0", "1")
    ver = clarke(inst, p)
    assert ver.verdict == "critical" and ver.loss == 1
    grads = {c.tau: c.gradient for c in ver.cells if c.status == "adjacent"}
    assert grads == {(1, -1): (F(-1, 2), F(0)), (-1, 1): (F(1, 2), F(0))}
    assert {c.tau for c in ver.cells if c.status == "not-adjacent"} == {(1, 1), (-1, -1)}
    doc = clarke_certificate(ver, inst, p)
    kernel.check_document(doc)
    bad = copy.deepcopy(doc)
    bad["evidence"]["cells"][0]["weight"] = "1/3"
    with pytest.raises(kernel.Reject):
        kernel.check_document(bad)
    bad = copy.deepcopy(doc)
    bad["evidence"]["cells"][0]["ray"] = ["0", "1"]  # w stays 0: the ray enters no open cell
    with pytest.raises(kernel.Reject, match="ray"):
        kernel.check_document(bad)
    bad = copy.deepcopy(doc)
    bad["evidence"]["cells"][1]["ray"] = doc["evidence"]["cells"][0]["ray"]  # one cell twice: Σ θ ∇L = ∓½ ≠ 0
    with pytest.raises(kernel.Reject, match="Σ θ"):
        kernel.check_document(bad)
    bad = copy.deepcopy(doc)
    bad["claim"]["loss"] = "1/2"
    with pytest.raises(kernel.Reject, match="loss"):
        kernel.check_document(bad)


def test_not_critical_inside_a_cell_and_corruption():
    # w = 1, v = 0: inside a cell, gradient (0, -1/2) ≠ 0.
    inst, p = one_unit_point("1", "0")
    ver = clarke(inst, p)
    assert ver.verdict == "not-critical" and not ver.zeros
    assert ver.cells[0].gradient == (F(0), F(-1, 2))
    doc = clarke_certificate(ver, inst, p)
    kernel.check_document(doc)
    bad = copy.deepcopy(doc)
    bad["evidence"]["direction"] = ["1", "-1"]
    with pytest.raises(kernel.Reject, match="not negative"):
        kernel.check_document(bad)


def test_sharp_minimum_at_margin_is_critical():
    # w = 1, v = 1: point 1 exactly at margin (hinge 0); cells: active gradient (−½, −½), inactive 0.
    inst, p = one_unit_point("1", "1")
    ver = clarke(inst, p)
    assert ver.verdict == "critical" and ver.loss == F(1, 2)
    assert ver.weights == {(-1,): F(1)}
    kernel.check_document(clarke_certificate(ver, inst, p))


def test_excluded_cell_certificate_corrupted():
    # a not-critical boundary point: w = 0, v = 1 with targets (1, -1) → gradients (−½,0) and (−½,0)
    inst = binary([[1], [-1]], [1, -1])
    p = point_from_mapping({"layers": [{"W": [["0"]]}], "output": {"V": [["1"]]}}, inst)
    ver = clarke(inst, p)
    assert ver.verdict == "not-critical"
    doc = clarke_certificate(ver, inst, p)
    kernel.check_document(doc)
    assert doc["evidence"]["excluded"]
    bad = copy.deepcopy(doc)
    key = next(iter(doc["evidence"]["excluded"]))
    bad["evidence"]["excluded"][key]["strict"] = ["1", "0"]
    with pytest.raises(kernel.Reject, match="Σ λ_i a_i ≠ 0"):
        kernel.check_document(bad)


# ---------------------------------------------------------------- Definition 1
RARE = {"points": [[0, 0], [2, 2], [1, 1], [1, 1], [5, 1]], "targets": [1, 1, -1, -1, 1]}


def test_rare_on_purpose_and_generic_perturbation():
    # (x_0 + x_1)/5 = (x_2 + x_3)/5 with equal weights and λ = 1: rare by construction (Definition 1).
    inst = binary(RARE["points"], RARE["targets"], bias=True)
    r = rarity(inst, F(1, 2), 1)
    assert r.rare
    doc = rarity_certificate(r, inst, F(1, 2), 1)
    kernel.check_document(doc)
    bad = copy.deepcopy(doc)
    bad["evidence"]["epsilon"] = "0" + doc["evidence"]["epsilon"][1:]
    with pytest.raises(kernel.Reject, match="system"):
        kernel.check_document(bad)
    bad = copy.deepcopy(doc)
    bad["evidence"]["epsilon"] = "00000"
    with pytest.raises(kernel.Reject, match="non-zero"):
        kernel.check_document(bad)
    # perturb two points slightly: generic (checked against the naive search and certified).
    pert = binary([[0, 0], [2, "7/3"], [1, 1], [1, "6/5"], [5, 1]], RARE["targets"], bias=True)
    r2 = rarity(pert, F(1, 2), 1, evidence=True)
    assert not r2.rare and not rarity_naive(pert, F(1, 2), 1).rare
    assert r2.examined < rarity_naive(pert, F(1, 2), 1).examined
    doc = rarity_certificate(r2, pert, F(1, 2), 1)
    kernel.check_document(doc)
    # the generic certificate replayed against the rare instance must fail
    bad = copy.deepcopy(doc)
    bad["instance"] = rarity_certificate(r, inst, F(1, 2), 1)["instance"]
    with pytest.raises(kernel.Reject):
        kernel.check_document(bad)


def test_rare_data_with_lambda_alpha():
    # x_0 of class +1 with μ = 1/3, x_1 of class -1 with μ = 2/3, x_0 = x_1: λ = (1, α) with α = 1/2 balances.
    inst = binary([[1, 1], [1, 1]], [1, -1], bias=True, weights=["1/3", "2/3"])
    r = rarity(inst, F(1, 2), 1)
    assert r.rare and r.lambda_exponents == (0, 1)
    kernel.check_document(rarity_certificate(r, inst, F(1, 2), 1))
    assert not rarity(inst, F(1, 3), 1).rare


@settings(max_examples=20, deadline=None)
@given(st.lists(st.tuples(st.integers(-2, 2), st.sampled_from([1, -1]), st.sampled_from(["1", "2"])),
                min_size=2, max_size=4),
       st.sampled_from([F(1, 2), F(1, 3)]), st.sampled_from([1, 2]))
def test_pruned_agrees_with_naive(data, alpha, depth):
    inst = binary([[x] for x, _, _ in data], [y for _, y, _ in data], bias=True, weights=[w for _, _, w in data])
    a, b = rarity(inst, alpha, depth, evidence=True), rarity_naive(inst, alpha, depth)
    assert a.rare == b.rare
    kernel.check_document(rarity_certificate(a, inst, alpha, depth))


def multiclass(points, classes, R, weights):
    onehot = [[int(r == c) for r in range(R)] for c in classes]
    return instance_from_mapping({"data": {"points": points, "onehot": onehot, "weights": weights, "bias": True},
                                  "network": {"hidden": [1], "loss": "hinge", "output": "trainable"}})


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.integers(-1, 1), st.integers(-1, 1), st.integers(0, 2), st.sampled_from(["1", "2"])),
                min_size=2, max_size=3),
       st.sampled_from([2, 3]), st.sampled_from([F(1, 2), F(2, 3)]), st.sampled_from([1, 2]))
def test_pruned_agrees_with_naive_plane_and_multiclass(data, R, alpha, depth):
    pts, ws = [[x, y] for x, y, _, _ in data], [w for *_, w in data]
    inst = (binary(pts, [1 if c == 0 else -1 for _, _, c, _ in data], bias=True, weights=ws) if R == 2
            else multiclass(pts, [c for _, _, c, _ in data], R, ws))
    a, b = rarity(inst, alpha, depth, evidence=True), rarity_naive(inst, alpha, depth)
    assert a.rare == b.rare
    kernel.check_document(rarity_certificate(a, inst, alpha, depth))
    if not a.rare:
        assert a.examined <= b.examined


def test_generic_certificate_corrupted():
    pert = binary([[0, 0], [2, "7/3"], [1, 1], [1, "6/5"], [5, 1]], RARE["targets"], bias=True)
    doc = rarity_certificate(rarity(pert, F(1, 2), 1, evidence=True), pert, F(1, 2), 1)
    kernel.check_document(doc)
    bad = copy.deepcopy(doc)
    bad["evidence"]["kernel"][0][0] = "12345"
    with pytest.raises(kernel.Reject, match="A·K"):
        kernel.check_document(bad)
    bad = copy.deepcopy(doc)
    bad["claim"]["alpha"] = "1"
    with pytest.raises(kernel.Reject, match="α"):
        kernel.check_document(bad)
