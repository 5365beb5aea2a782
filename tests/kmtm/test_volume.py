"""Proposition 11 of Karhadkar et al. (:mod:`exactrelu.kmtm.volume`): exact areas of the unit cones in
[−1, 1]², the measure of the full-rank regions and its certificates."""

from __future__ import annotations

from fractions import Fraction

import pytest
from conftest import kernel_kinds as kinds
from conftest import mutated
from hypothesis import given, settings
from hypothesis import strategies as st

from exactrelu import kernel
from exactrelu.certify.kmtm import polygon_certificate, volume_certificate
from exactrelu.core.instance import instance_from_mapping
from exactrelu.kmtm.jacobian import count_full_rank
from exactrelu.kmtm.theorems import proposition11
from exactrelu.kmtm.volume import (
    cone_polygon,
    fan_area,
    fullrank_volume,
    unit_volumes,
    weighted_full_rank,
    weighted_full_rank_bruteforce,
)

F = Fraction


def line(xs, d1, out=None, targets=None):
    return instance_from_mapping(
        {
            "data": {"points": [[x] for x in xs], "targets": targets or [0] * len(xs), "bias": True},
            "network": {"hidden": [d1], "output": out or [1] * d1},
        }
    )


# ------------------------------------------------------------------ Proposition 11
def test_unit_areas_hand_worked():
    # x = 0, 1/2, 1 with bias: all-active cone {b > 0, w + b > 0} ∩ box: ∫_0^1 (1 + b) db = 3/2;
    # only x = 1 active: {b < 0, w/2 + b < 0 < w + b}: 1/8 + 1/8 = 1/4.
    polys = unit_volumes(line([0, "1/2", 1], 1))
    assert polys[(1, 1, 1)].area == F(3, 2) == polys[(0, 0, 0)].area
    assert polys[(0, 0, 1)].area == F(1, 4)
    assert sum(p.area for p in polys.values()) == 4


@settings(max_examples=20, deadline=None)
@given(st.lists(st.fractions(-1, 1, max_denominator=6), min_size=2, max_size=4, unique=True))
def test_areas_tile_the_square_and_agree_with_fan_route(xs):
    i = line(xs, 1)
    polys = unit_volumes(i)
    assert sum(p.area for p in polys.values()) == 4
    for a, p in polys.items():
        assert p.area == fan_area(i.points, a)


@settings(max_examples=15, deadline=None)
@given(st.lists(st.integers(-4, 4), min_size=2, max_size=3, unique=True), st.integers(1, 3))
def test_set_structured_volume_equals_tuple_enumeration(xs, d1):
    i = line([F(x, 4) for x in xs], d1)
    rep = fullrank_volume(i)
    areas = [p.area for p in rep.polygons]
    assert rep.volume == weighted_full_rank_bruteforce(i.points, rep.rows, areas, d1)
    # unit weights give back the count; total weight is the box 4^d1
    assert weighted_full_rank(rep.count, [F(1)] * len(areas)) == rep.count.count
    assert weighted_full_rank(count_full_rank(i.points, [(0,) * len(xs)], d1), [F(4)]) == 0


def test_two_points_closed_form():
    # x = −1, 1: topes 00, 11 of area 1, 01, 10 of area 1 (quadrants cut by b = ±w). A set is full rank
    # iff it contains 11 or both 01 and 10; d1 = 1: μ = area(11) = 1.
    i = line([-1, 1], 1)
    assert {a: p.area for a, p in unit_volumes(i).items()} == {(0, 0): 1, (0, 1): 1, (1, 0): 1, (1, 1): 1}
    assert fullrank_volume(i).volume == 1
    # d1 = 2: 16 − (tuples avoiding 11 missing 01 or 10) = 16 − (2·2² − 1) = 9
    assert fullrank_volume(line([-1, 1], 2)).volume == 9


def test_volume_certificate_and_corruptions():
    i = line([-1, 0, 1], 2)
    doc = volume_certificate(i)
    assert kinds(doc)[-1] == "fullrank-volume"
    rep = fullrank_volume(i)
    assert doc["claim"]["volume"] == str(rep.volume) and doc["claim"]["box"] == "16"
    for path, value in [
        (("claim", "volume"), "1"),
        (("claim", "box"), "15"),
        (("evidence", "nodes", 0, "rank"), 3),
        (("evidence", "witnesses", 0), ["1", "1"]),
        (("claim", "rows"), doc["claim"]["rows"][:-1]),
    ]:
        with pytest.raises(kernel.Reject):
            kinds(mutated(doc, path, value))


def test_polygon_area_certificates_match_the_fan_areas():
    # x = −1, 1 with bias: the four quadrants cut by b = ±w, each of area 1 in [−1,1]² (test_two_points_closed_form)
    i = line([-1, 1], 1)
    for poly in unit_volumes(i).values():
        doc = polygon_certificate(i, poly)
        assert kinds(doc) == ["polygon-area"] and doc["claim"]["area"] == "1"
        with pytest.raises(kernel.Reject):
            kinds(mutated(doc, ("claim", "area"), "3/2"))
    # x = −1, 0, 1: row 011 is the cone b ≥ 0, w + b ≥ 0, −w + b ≤ 0, i.e. 0 ≤ b ≤ w: the triangle (0,0), (1,0),
    # (1,1) of area 1/2; the kernel clips the square itself
    doc = polygon_certificate(line([-1, 0, 1], 1), cone_polygon(line([-1, 0, 1], 1).points, (0, 1, 1)))
    assert doc["claim"]["area"] == "1/2" and kinds(doc) == ["polygon-area"]


def test_proposition11_report():
    rep = proposition11(line([-1, 0, 1], 12))
    assert rep.numbers.phi == 1 and rep.numbers.box_volume == 4**12
    assert rep.verdict == "holds"  # bad ≈ 0.00096 ≤ 3e^{-3}
    # |x| > 1: a hypothesis fails, so the proposition says nothing (the measure is still reported)
    far = proposition11(line([0, 2], 1))
    assert far.verdict == "vacuous" and not far.hypotheses["|x_j| ≤ 1"] and far.numbers.box_volume == 4


def test_polygon_vertices_are_ccw():
    p = cone_polygon(line([0, 1], 1).points, (1, 1))
    assert p.area > 0 and len(p.vertices) >= 3


