"""The tope engine against independent routes: LP brute force, zonotope vertices, closed forms."""

from __future__ import annotations

from fractions import Fraction
from math import comb

import networkx as nx
import pytest
from conftest import brute_force_topes, configurations
from hypothesis import given, settings
from hypothesis import strategies as st

from exactrelu.arrangements.regions import (
    analyse,
    general_position,
    nonempty_patterns,
    prop3_count,
    region_count,
    step_vectors,
    unit_topes,
)
from exactrelu.arrangements.topes import Configuration, count_topes, covectors, sign_vector, tope_graph, topes
from exactrelu.arrangements.zonotope import applies, zonotope_rows
from exactrelu.core.instance import instance_from_mapping


def inst(points, hidden=1, bias=False):
    return instance_from_mapping({"data": {"points": points, "targets": [0] * len(points), "bias": bias},
                                  "network": {"hidden": [hidden]}})


@settings(max_examples=60, deadline=None)
@given(configurations())
def test_topes_equal_lp_brute_force(points):
    found = topes(points)
    assert {t.signs for t in found} == brute_force_topes(points)
    for t in found:
        assert sign_vector(t.witness, points) == t.signs
    assert count_topes(points) == len(found)


@settings(max_examples=40, deadline=None)
@given(configurations(max_n=6, max_d=3))
def test_prop4_zonotope_route_agrees(points):
    if not applies(points):
        return
    rows = {tuple(int(s > 0) for s in t.signs) for t in topes(points)}
    assert zonotope_rows(points) == rows


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 4).flatmap(lambda d: st.lists(st.lists(st.integers(-9, 9), min_size=d, max_size=d),
                                                     min_size=1, max_size=7)))
def test_prop3_closed_form_in_general_position(points):
    if general_position(points) is not None:
        return
    n, d = len(points), len(points[0])
    assert count_topes(points) == prop3_count(n, d, 1)
    # a closed form computed a second way: Zaslavsky / Cover's count of regions of a central arrangement
    assert count_topes(points) == 2 * sum(comb(n - 1, k) for k in range(d))


@pytest.mark.parametrize("xs", [[0], [0, 1], [-1, 0, Fraction(1, 2), 2], [3, -7, 1, 0, 5]])
@pytest.mark.parametrize("d1", [1, 2, 3])
def test_lemma6_step_vectors(xs, d1):
    i = inst([[x] for x in xs], hidden=d1, bias=True)
    rows = set(unit_topes(i))
    assert rows == step_vectors([Fraction(x) for x in xs])
    assert region_count(i) == (2 * len(xs))**d1


def test_hand_worked_three_lines():
    # three lines through 0 in the plane: 6 sectors, 6 rays and the origin = 13 faces
    pts = [[1, 0], [0, 1], [1, 1]]
    assert len(topes(pts)) == 6
    assert len(covectors(pts)) == 13
    assert (1, -1, 0) in {c.signs for c in covectors(pts)}  # the ray w = (1, -1)
    for c in covectors(pts):
        assert sign_vector(c.witness, pts) == c.signs


def test_tope_graph_is_a_cycle_in_the_plane():
    g = tope_graph([[1, 0], [0, 1], [1, 1]])
    assert nx.is_connected(g) and g.number_of_nodes() == 6
    assert all(deg == 2 for _, deg in g.degree())


@settings(max_examples=30, deadline=None)
@given(configurations(max_n=5, max_d=3))
def test_tope_graph_connected_and_edges_cross_one_wall(points):
    g = tope_graph(points)
    assert nx.is_connected(g)
    walls = {frozenset(c) for c in Configuration.of(points).classes}
    for a, b in g.edges:
        diff = frozenset(j for j in range(len(points)) if a[j] != b[j])
        assert diff in walls  # adjacent topes differ on exactly one line of points


def test_zero_point_empties_every_region():
    i = inst([[0, 0], [1, 0], [0, 1]], hidden=2)
    assert unit_topes(i) == () and region_count(i) == 0
    rep = analyse(i)
    assert rep.zero_points == (0,) and rep.tope_count == rep.region_count == 0
    assert rep.arrangement_regions == 4  # the two other lines still cut the plane in 4


def test_parallel_points_count_distinct_lines():
    # x1 = 2 x0 (same direction), x3 = -x2 (opposite): 3 distinct lines -> 6 topes, not Prop 3's 10
    i = inst([[1, 0], [2, 0], [0, 1], [0, -1], [1, 1]])
    rep = analyse(i)
    assert rep.tope_count == 6 == count_topes([[1, 0], [0, 1], [1, 1]])
    assert rep.prop3 == 10 and not rep.general_position
    assert rep.parallel == ((0, 1), (2, 3)) and rep.lines == 3
    assert rep.parallel_factors == ((1, 2), (1, -1))
    assert all(r[0] == r[1] and r[2] != r[3] for r in unit_topes(i))


def test_dependent_subset_is_reported():
    i = inst([[0, 0], [1, 1], [2, 2]], bias=True)
    rep = analyse(i)
    assert rep.dependent_set == (0, 1, 2) and rep.tope_count == 6 and rep.prop3 == 8


def test_patterns_are_products_of_rows():
    i = inst([[1, 0], [0, 1], [1, 1]], hidden=2)
    pats = list(nonempty_patterns(i))
    assert len(pats) == 36 == region_count(i) == prop3_count(3, 2, 2)
    assert len(set(pats)) == 36


@settings(max_examples=25, deadline=None)
@given(configurations(max_n=4, max_d=3))
def test_covectors_equal_lp_decisions_of_every_sign_vector(points):
    import itertools

    from exactrelu.arrangements.regions import decide_cone

    i = inst(points)
    faces = {c.signs for c in covectors(points)}
    for c in covectors(points):
        assert sign_vector(c.witness, points) == c.signs
    for s in itertools.product((-1, 0, 1), repeat=len(points)):
        assert decide_cone(i, s).nonempty == (s in faces)


@settings(max_examples=25, deadline=None)
@given(st.integers(2, 4).flatmap(lambda d: st.lists(st.lists(st.integers(-4, 4), min_size=d, max_size=d),
                                                     min_size=6, max_size=11)))
def test_topes_equal_wall_crossing_lp_search_on_larger_configurations(points):
    from exactrelu.arrangements.wallcrossing import wall_crossing_topes

    found = wall_crossing_topes(points)
    assert set(found) == {t.signs for t in topes(points)}
    assert all(sign_vector(w, points) == s for s, w in found.items())
