"""exactrelu.lvb.generic: rare vs generic data (Laurent–von Brecht Definition 1), pruned search against the
naive one, with kernel replays."""

from __future__ import annotations

from fractions import Fraction as F

import pytest
from conftest import hinge_net as binary
from conftest import mutated
from hypothesis import given, settings
from hypothesis import strategies as st

from exactrelu import kernel
from exactrelu.certify.lvb import rarity_certificate
from exactrelu.core.instance import instance_from_mapping
from exactrelu.lvb.generic import rarity, rarity_naive

RARE = {"points": [[0, 0], [2, 2], [1, 1], [1, 1], [5, 1]], "targets": [1, 1, -1, -1, 1]}


def test_rare_on_purpose_and_generic_perturbation():
    # (x_0 + x_1)/5 = (x_2 + x_3)/5 with equal weights and λ = 1: rare by construction (Definition 1).
    inst = binary(RARE["points"], RARE["targets"], bias=True)
    r = rarity(inst, F(1, 2), 1)
    assert r.rare
    doc = rarity_certificate(r, inst, F(1, 2), 1)
    kernel.check_document(doc)
    bad = mutated(doc, ("evidence", "epsilon"), "0" + doc["evidence"]["epsilon"][1:])
    with pytest.raises(kernel.Reject, match="system"):
        kernel.check_document(bad)
    bad = mutated(doc, ("evidence", "epsilon"), "00000")
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
    bad = mutated(doc, ("instance",), rarity_certificate(r, inst, F(1, 2), 1)["instance"])
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
    bad = mutated(doc, ("evidence", "kernel", 0, 0), "12345")
    with pytest.raises(kernel.Reject, match="A·K"):
        kernel.check_document(bad)
    bad = mutated(doc, ("claim", "alpha"), "1")
    with pytest.raises(kernel.Reject, match="α"):
        kernel.check_document(bad)
