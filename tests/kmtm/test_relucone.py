"""Proposition 13 of Karhadkar et al. (:mod:`exactrelu.kmtm.relucone`): the cone of one-ReLU functions on
1-D data, its generators and exact (non-)representations."""

from __future__ import annotations

from fractions import Fraction

import pytest
from conftest import kernel_kinds as kinds
from conftest import mutated
from hypothesis import given, settings
from hypothesis import strategies as st

from exactrelu import kernel
from exactrelu.certify.kmtm import representation_certificate
from exactrelu.kmtm.relucone import (
    cdd_rays,
    hull_generators,
    polyline_vertices,
    primitive,
    relu_values,
    represent,
    segments,
)

F = Fraction


# ------------------------------------------------------------------ Proposition 13
def test_polyline_vertices_are_the_hinges():
    xs = [F(0), F(1), F(3)]
    verts = polyline_vertices(xs)
    hinges_right = [tuple(max(x - xi, 0) for x in xs) for xi in xs[:-1]]
    hinges_left = [tuple(max(xi - x, 0) for x in xs) for xi in xs[1:]]
    assert set(verts) == set(hinges_right) | set(hinges_left)


@settings(max_examples=15, deadline=None)
@given(st.lists(st.fractions(-3, 3, max_denominator=4), min_size=2, max_size=5, unique=True))
def test_cdd_generators_equal_stated_vertices(xs):
    xs = sorted(xs)
    stated = {primitive(v) for v in polyline_vertices(xs)}
    assert cdd_rays(xs) == stated == hull_generators(xs)
    order = [primitive(v) for v in polyline_vertices(xs)]
    for seg in segments(xs):  # each tope's cone maps onto a segment between consecutive vertices
        idx = sorted(order.index(primitive(v)) for v in seg.images)
        assert len(idx) == 1 and idx[0] in (0, len(order) - 1) or idx[1] - idx[0] == 1


def test_represent_hand_cases():
    xs = [0, 1, 2]
    assert not represent(xs, [1, 0, 1], m=1).representable  # convex V: needs two kinks
    two = represent(xs, [1, 0, 1], m=2)
    assert two.representable and two.check()
    hat = [0, 1, 0]  # concave: no non-negative combination, but σ(x) − σ(2x − 2)
    assert not represent(xs, hat).representable
    signed = represent(xs, hat, m=2, signed=True)
    assert signed.representable and signed.check()
    assert not represent(xs, hat, m=1, signed=True).representable
    doc = representation_certificate(signed)
    assert kinds(doc) == ["relu-representation"]
    with pytest.raises(kernel.Reject):
        kinds(mutated(doc, ("claim", "target", 1), "2"))
    with pytest.raises(kernel.Reject):
        kinds(mutated(doc, ("claim", "signed"), False))


@settings(max_examples=15, deadline=None)
@given(st.lists(st.tuples(st.integers(-3, 3), st.integers(-3, 3)), min_size=1, max_size=2))
def test_sums_of_relus_are_found(units):
    xs = [F(0), F(1), F(2), F(4)]
    y = [sum((max(w * x + b, 0) for w, b in units), F(0)) for x in xs]
    rep = represent(xs, y, m=len(units))
    assert rep.representable and rep.check()
    assert relu_values(xs, F(1), F(0)) == (0, 1, 2, 4)


