"""Proposition 11 (volumes), Proposition 13 (one-ReLU cone), Theorems 9 and 10 of Karhadkar et al."""

from __future__ import annotations

import copy
import itertools
import json
from fractions import Fraction

import pytest
from conftest import mutated
from hypothesis import given, settings
from hypothesis import strategies as st

from exactrelu import kernel
from exactrelu.certify.kmtm import polygon_certificate, representation_certificate, volume_certificate
from exactrelu.cli.main import main
from exactrelu.core.instance import instance_from_mapping
from exactrelu.kmtm.deep import count_deep, decide_deep, deep_jacobian
from exactrelu.kmtm.jacobian import count_full_rank, jacobian_matrix, unit_rows
from exactrelu.kmtm.relucone import (
    cdd_rays,
    hull_generators,
    polyline_vertices,
    primitive,
    relu_values,
    represent,
    segments,
)
from exactrelu.kmtm.theorems import proposition11, theorem9, theorem10
from exactrelu.kmtm.volume import (
    cone_polygon,
    fan_area,
    fullrank_volume,
    unit_volumes,
    weighted_full_rank,
    weighted_full_rank_bruteforce,
)

F = Fraction

def kinds(doc):
    """The claim kinds the kernel proved (steps first, the claim last); raises ``kernel.Reject``."""
    return [c.kind for c in kernel.check_document(doc)]


def file_kinds(path):
    return [c.kind for c in kernel.check_file(str(path))[0]]



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


# ------------------------------------------------------------------ Theorems 9 and 10
def test_deep_jacobian_one_layer_matches_shallow():
    i = line([0, 1, 3], 2, out=["1", "-2"])
    pat = ((1, 1, 0), (0, 1, 1))
    w = ((F(-1), F(2)), (F(1), F(-1, 2)))
    assert deep_jacobian(i.points, [F(1), F(-2)], [w], [pat]) == jacobian_matrix(i, pat)


def test_deep_jacobian_is_the_derivative():
    pts = [(F(0), F(1)), (F(1), F(1)), (F(2), F(1))]
    v = [F(1), F(-1)]
    pat = (((1, 1, 1), (0, 1, 1)), ((1, 1, 1), (1, 1, 1)))
    ver = decide_deep(pts, v, pat)
    assert ver.status == "nonempty"
    ws = [list(map(list, w)) for w in ver.weights]
    jac = deep_jacobian(pts, v, ver.weights, pat)

    def forward(weights):
        from exactrelu.kmtm.deep import _forward

        return [sum((vi * h for vi, h in zip(v, hl, strict=True)), F(0)) for hl in _forward(pts, weights)[-1]]

    base = forward(ver.weights)
    t, row = F(1, 10**9), 0
    for lay, w in enumerate(ws):
        for i, r in enumerate(w):
            for k in range(len(r)):
                moved = copy.deepcopy(ws)
                moved[lay][i][k] += t
                # F is affine in each single weight inside the region: the difference quotient is exact
                assert [(a - b) / t for a, b in zip(forward(moved), base, strict=True)] == jac[row]
                row += 1


def test_deep_counts_reduce_to_shallow_for_one_layer():
    i = line([0, 1, 3], 2)
    c = count_deep(i.points, [F(1), F(1)], [2])
    rows = unit_rows(i)
    assert c.undecided == 0 and c.full_at_witness + c.deficient_at_witness == len(rows) ** 2
    assert c.full_at_witness == count_full_rank(i.points, rows, 2).count
    assert c.total == 2**6


def test_deep_zero_column_is_empty():
    pts = [(F(0), F(1)), (F(1), F(1))]
    ver = decide_deep(pts, [F(1)], (((1, 0), (1, 0)), ((1, 1),)))
    assert ver.status == "empty" and "column 1" in ver.reason


def test_theorem9_and_10_reports():
    i = line([0, 1], 8)
    rep = theorem9(i)
    # y = 0: every local minimum fits it; the rank condition alone proves 65536 − 511 regions good
    assert rep.numbers.bad_regions == 0 and rep.numbers.proved_good_by_rank == 65025
    assert rep.verdict == "holds"
    # y = (1, -1): exactly the 511 regions the rank condition misses carry a spurious minimum
    rep = theorem9(line([0, 1], 8, targets=[1, -1]))
    assert (rep.numbers.bad_regions, rep.numbers.global_minimum, rep.verdict) == (511, 0, "holds")
    deep = instance_from_mapping(
        {
            "data": {"points": [[0], [1]], "targets": [0, 0], "bias": True},
            "network": {"hidden": [2, 2], "output": [1, -1]},
        }
    )
    r10 = theorem10(deep)
    n = r10.numbers
    assert n.patterns == 256
    assert n.empty + n.nonempty_full_rank_at_witness + n.nonempty_deficient_at_witness + n.undecided == 256
    lo, hi = n.nonempty_patterns_bounds
    assert hi - lo == n.undecided and (n.nonempty_patterns is None) == (n.undecided > 0)


def test_cli_theorems_9_10_11_13(tmp_path, capsys):
    f = tmp_path / "i.json"
    f.write_text(
        json.dumps(
            {
                "data": {"points": [[1], [-1], [0]], "targets": [1, 1, 0], "bias": True},
                "network": {"hidden": [2], "output": [1, -1]},
            }
        )
    )
    for t in ("9", "10", "11", "13"):
        assert main(["theorem", t, str(f), "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["theorem"] == t
    cert = tmp_path / "c.json"
    assert main(["theorem", "11", str(f), "--certificate", str(cert)]) == 0
    assert file_kinds(str(cert))[-1] == "fullrank-volume"
    g = tmp_path / "g.json"
    g.write_text(
        json.dumps(
            {"data": {"points": [[3], [0]], "targets": [1, 1], "bias": True}, "network": {"hidden": [1], "output": [1]}}
        )
    )
    assert main(["theorem", "11", str(g)]) == 0
    assert "verdict: vacuous (hypothesis not met: |x_j| ≤ 1" in capsys.readouterr().out


def test_itertools_product_of_patterns_is_complete():
    from exactrelu.kmtm.deep import all_deep_patterns

    assert sum(1 for _ in all_deep_patterns(2, [1, 1])) == 16 == len(list(itertools.product(range(4), repeat=2)))
