"""The characteristic-polynomial route (exactrelu.arrangements.counting) against the enumeration, closed forms
and OEIS."""

from __future__ import annotations

import itertools
import json
from fractions import Fraction
from math import comb, factorial

import pytest
from conftest import configurations, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from exactrelu.arrangements import regions
from exactrelu.arrangements.counting import Route, characteristic_polynomial, count_regions, line_symmetries
from exactrelu.arrangements.regions import CountMismatch, analyse, general_position, prop3_count
from exactrelu.arrangements.topes import count_topes
from exactrelu.core.instance import instance_from_mapping


def poly_from_roots(roots: list[int]) -> tuple[int, ...]:
    """Coefficients (highest degree first) of ``Π (t − root)``."""
    coeffs = [1]
    for a in roots:
        coeffs = [c - a * p for c, p in zip(coeffs + [0], [0] + coeffs, strict=True)]
    return tuple(coeffs)


def resonance(n: int) -> list[tuple[int, ...]]:
    """All nonzero 0/1 vectors of Q^n (the resonance arrangement; OEIS A034997)."""
    return [p for p in itertools.product((0, 1), repeat=n) if any(p)]


def threshold(k: int) -> list[tuple[int, ...]]:
    """The cube {0,1}^k with a bias coordinate: one ReLU unit on Boolean inputs (OEIS A000609)."""
    return [(*p, 1) for p in itertools.product((0, 1), repeat=k)]


def braid(n: int) -> list[tuple[int, ...]]:
    """``e_i − e_j`` in Q^n (type A_{n−1})."""
    return [tuple(int(k == i) - int(k == j) for k in range(n)) for i, j in itertools.combinations(range(n), 2)]


def type_b(n: int) -> list[tuple[int, ...]]:
    """``e_i`` and ``e_i ± e_j`` in Q^n (type B_n)."""
    unit = [tuple(int(k == i) for k in range(n)) for i in range(n)]
    pairs = [tuple(int(k == i) + s * int(k == j) for k in range(n))
             for i, j in itertools.combinations(range(n), 2) for s in (1, -1)]
    return unit + pairs


# ---------------------------------------------------------------- against the enumeration
@st.composite
def degenerate_configurations(draw: st.DrawFn) -> list[list[int]]:
    """Points built from a few base vectors: repeated, parallel, antiparallel, zero, and in common planes."""
    d = draw(st.integers(1, 5))
    vec = st.lists(st.integers(-3, 3), min_size=d, max_size=d)
    base = draw(st.lists(vec, min_size=1, max_size=4))
    points = []
    for _ in range(draw(st.integers(1, 9))):
        kind = draw(st.sampled_from(["copy", "scaled", "plane", "free", "zero"]))
        u = draw(st.sampled_from(base))
        if kind == "copy":
            points.append(list(u))
        elif kind == "scaled":  # parallel (c > 0) or antiparallel (c < 0)
            c = draw(st.sampled_from([2, 3, -1, -2]))
            points.append([c * x for x in u])
        elif kind == "plane":  # a collinear subset on the sphere: a point of span{u, v}
            v = draw(st.sampled_from(base))
            a, b = draw(st.integers(-2, 2)), draw(st.integers(-2, 2))
            points.append([a * x + b * y for x, y in zip(u, v, strict=True)])
        elif kind == "free":
            points.append(draw(vec))
        else:
            points.append([0] * d)
    return points


@settings(max_examples=150, deadline=None)
@given(degenerate_configurations())
def test_degenerate_data_agree_with_the_enumeration(points):
    counted = count_regions(points)
    assert counted.regions == count_topes(points)
    assert count_regions(points, symmetry=False).whitney == counted.whitney  # symmetry changes nothing
    assert counted.zero_points == tuple(j for j, p in enumerate(points) if not any(p))
    chi = counted.characteristic_polynomial()
    if counted.lines:
        assert sum(chi) == 0  # χ(1) = 0 for a non-empty central arrangement
        assert counted.whitney[1] == counted.lines  # b_1 = number of distinct hyperplanes
    assert abs(sum(c * (-1)**(len(chi) - 1 - i) for i, c in enumerate(chi))) == counted.regions  # |χ(−1)|


@settings(max_examples=60, deadline=None)
@given(configurations(max_n=8, max_d=4))
def test_rational_data_agree_with_the_enumeration(points):
    assert count_regions(points).regions == count_topes(points)


@settings(max_examples=30, deadline=None)
@given(degenerate_configurations(), st.integers(40, 90))
def test_huge_entries_leave_machine_integers_and_stay_exact(points, bits):
    # entries beyond 2^62 force the elimination onto Python integers; a generic huge coordinate
    # change keeps the count (regions are invariant under GL_d(Q))
    d = len(points[0])
    big = [[x * 2**bits + (k + 1) * y for k, (x, y) in enumerate(zip(p, p[1:] + p[:1], strict=True))]
           for p in points] if d > 1 else [[x * 2**bits] for x, in points]
    assert count_regions(big).regions == count_topes(big)


def test_analyse_compares_the_routes_and_a_disagreement_is_an_internal_error(monkeypatch):
    inst = instance_from_mapping({"data": {"points": [[1, 0], [0, 1], [1, 1]], "targets": [0, 0, 0]},
                                  "network": {"hidden": [2]}})
    assert analyse(inst).count_routes == ("characteristic-polynomial",)
    both = analyse(inst, enumerate_topes=True)
    assert both.count_routes == ("characteristic-polynomial", "enumeration") and both.region_count == 36
    assert all(isinstance(r, Route) for r in both.count_routes)  # the members, encoded as the strings above
    assert [r.value for r in Route] == ["characteristic-polynomial", "enumeration", "sweep"]
    # 3 points in general position in the plane: the enumeration lists the rows, degenerate data are swept
    assert regions.listing_route(both) is Route.ENUMERATION

    class Wrong:
        regions = 7

    monkeypatch.setattr(regions, "count_regions", lambda pts: Wrong())
    assert analyse(inst).tope_count == 7  # one route alone cannot notice
    with pytest.raises(CountMismatch, match="characteristic polynomial gives 7 regions, the enumeration lists 6"):
        analyse(inst, enumerate_topes=True)


# ---------------------------------------------------------------- closed forms
@settings(max_examples=40, deadline=None)
@given(st.integers(1, 5).flatmap(lambda d: st.lists(st.lists(st.integers(-9, 9), min_size=d, max_size=d),
                                                     min_size=1, max_size=9)))
def test_prop3_in_general_position(points):
    if general_position(points) is not None:
        return
    n, d = len(points), len(points[0])
    counted = count_regions(points)
    assert counted.regions == prop3_count(n, d, 1)
    # every set of fewer than d points is a flat with |μ| = 1 (it is independent and closed)
    assert counted.whitney[:min(n, d - 1) + 1] == tuple(comb(n, k) for k in range(min(n, d - 1) + 1))


@pytest.mark.parametrize("xs", [[0], [3, -1], [0, 1, 2, 3, 4], [Fraction(1, 2), -7, 5, Fraction(1, 3)]])
def test_lemma6_one_dimensional_data_with_bias(xs):
    points = [[x, 1] for x in xs]
    assert count_regions(points).regions == 2 * len(xs)
    # repeated abscissae are one hyperplane
    assert count_regions(points + points[:1]).regions == 2 * len(xs)


@pytest.mark.parametrize("n", range(2, 8))
def test_braid_arrangement(n):
    counted = count_regions(braid(n))
    assert counted.regions == factorial(n)
    assert counted.characteristic_polynomial() == poly_from_roots(list(range(n)))  # t(t−1)…(t−n+1)


@pytest.mark.parametrize("n", range(1, 6))
def test_type_b_arrangement(n):
    counted = count_regions(type_b(n))
    assert counted.regions == 2**n * factorial(n)
    assert counted.characteristic_polynomial() == poly_from_roots([2 * i - 1 for i in range(1, n + 1)])


def test_hand_example_three_coplanar_lines_and_one_more():
    # e1, e2, e1 + e2 span one rank-2 flat with |μ| = 2; the other three rank-2 flats have |μ| = 1:
    # χ = t³ − 4t² + 5t − 2 = (t − 1)²(t − 2), 12 regions (6 sectors in the plane times 2 sides of e3)
    points = [[1, 0, 0], [0, 1, 0], [1, 1, 0], [0, 0, 1]]
    assert characteristic_polynomial(points) == (1, -4, 5, -2)
    assert count_regions(points).regions == 12 == count_topes(points)


def test_degenerate_corner_cases():
    assert count_regions([[0, 0, 0]]).regions == 1  # no hyperplane: the whole space
    assert count_regions([[0, 0], [0, 0]]).characteristic_polynomial() == (1, 0, 0)
    # rank 2 in Q^4: χ = t²·(t − 1)(t − 3), 2·3 regions
    flat = [[1, 0, 0, 0], [0, 1, 0, 0], [1, -1, 0, 0], [2, 0, 0, 0], [-1, 1, 0, 0]]
    counted = count_regions(flat)
    assert (counted.rank, counted.lines, counted.regions) == (2, 3, 6)
    assert counted.characteristic_polynomial() == (1, -3, 2, 0, 0)


# ---------------------------------------------------------------- published values (OEIS)
A000609 = [2, 4, 14, 104, 1882, 94572, 15028134]  # threshold functions of k variables, k = 0 … 6
A034997 = [2, 6, 32, 370, 11292, 1066044, 347326352]  # resonance arrangement in Q^n, n = 1 … 7


@pytest.mark.parametrize("k", range(7))
def test_threshold_arrangement_oeis_a000609(k):
    assert count_regions(threshold(k)).regions == A000609[k]


@pytest.mark.parametrize("n", range(1, 8))
def test_resonance_arrangement_oeis_a034997(n):
    assert count_regions(resonance(n)).regions == A034997[n - 1]


def test_small_oeis_values_agree_with_the_enumeration():
    assert count_topes(threshold(4)) == A000609[4]
    assert count_topes(resonance(4)) == A034997[3]


# ---------------------------------------------------------------- symmetry
def test_symmetry_groups_are_groups_of_line_permutations():
    lines = [tuple(v) for v in braid(4)]
    group = line_symmetries(lines)
    assert len(group) == 24  # S_4 permuting coordinates; −1 fixes every line
    assert sorted(map(sorted, group)) == [list(range(6))] * 24  # every element is a permutation of the 6 lines
    assert len(set(group)) == 24 and all(tuple(g[h] for h in range(6)) in set(group) for g in group)
    b3 = [tuple(v) for v in type_b(3)]
    assert len(line_symmetries(b3)) == 2**3 * 6 // 2  # signed permutations modulo −1
    assert len(line_symmetries(b3, cap=10)) <= 10


# ---------------------------------------------------------------- the command line
def test_cli_reports_routes_and_refuses_an_uncertifiable_certificate(tmp_path):
    points = [list(p) for p in resonance(6)]
    path = tmp_path / "res6.json"
    path.write_text(json.dumps({"name": "resonance-6", "data": {"points": points, "targets": [0] * len(points)},
                                "network": {"hidden": [1]}}))
    out = run_cli("regions", str(path), "--json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["topes"] == "1066044" and doc["count_routes"] == ["characteristic-polynomial"]
    assert any("not certified" in note and "one route" in note for note in doc["notes"])
    text = run_cli("regions", str(path)).stdout
    assert "counted by: the characteristic polynomial" in text and "not certified" in text
    cert = tmp_path / "c.json"
    refused = run_cli("regions", str(path), "--certificate", str(cert))
    assert refused.returncode == 2 and "--certificate" in refused.stderr and "Traceback" not in refused.stderr
    assert not cert.exists()
    small = run_cli("regions", "@parallel", "--list")
    assert "counted by: the characteristic polynomial" in small.stdout
    assert "listed 6 rows by the sweep listing (one hyperplane at a time): the same count" in small.stdout
    generic = run_cli("regions", "@fig1-fan", "--list", "--json")  # general position: the cocircuit enumeration
    assert json.loads(generic.stdout)["count_routes"] == ["characteristic-polynomial", "enumeration"]
    listed = json.loads(run_cli("regions", "@parallel", "--list", "--json").stdout)
    assert listed["count_routes"] == ["characteristic-polynomial", "sweep"] and len(listed["rows"]) == 6


@settings(max_examples=100, deadline=None)
@given(degenerate_configurations())
def test_the_sweep_lists_the_cocircuit_topes_in_the_same_order_with_valid_witnesses(points):
    from exactrelu.arrangements.listing import list_topes
    from exactrelu.arrangements.topes import sign_vector, topes

    swept = list(list_topes(points))
    assert [t.signs for t in swept] == [t.signs for t in topes(points)]
    assert all(sign_vector(t.witness, points) == t.signs for t in swept)


@settings(max_examples=40, deadline=None)
@given(configurations(max_n=7, max_d=4))
def test_the_sweep_on_rational_data(points):
    from exactrelu.arrangements.listing import list_topes
    from exactrelu.arrangements.topes import sign_vector

    swept = list(list_topes(points))
    assert len(swept) == count_regions(points).regions
    assert all(sign_vector(t.witness, points) == t.signs for t in swept)


def test_the_sweep_on_structured_arrangements():
    from exactrelu.arrangements.listing import list_topes
    from exactrelu.arrangements.topes import sign_vector

    for points, expected in [(threshold(4), A000609[4]), (resonance(4), A034997[3]), (braid(5), 120)]:
        swept = list(list_topes(points))
        assert len(swept) == expected == len({t.signs for t in swept})
        assert all(sign_vector(t.witness, points) == t.signs for t in swept)


def test_a_stream_that_disagrees_with_the_count_is_an_internal_error():
    from exactrelu.arrangements.regions import stream_unit_witnesses

    inst = instance_from_mapping({"data": {"points": [[1, 0], [0, 1], [1, 1]], "targets": [0, 0, 0]},
                                  "network": {"hidden": [1]}})
    assert len(list(stream_unit_witnesses(inst, 6))) == 6
    with pytest.raises(CountMismatch, match="gives 5 non-empty rows, the sweep lists 6"):
        list(stream_unit_witnesses(inst, 5))
    with pytest.raises(CountMismatch, match="gives 7 non-empty rows, the enumeration lists 6"):
        list(stream_unit_witnesses(inst, 7, "enumeration"))


def test_machine_integers_switch_to_python_integers_mid_way():
    import numpy as np

    from exactrelu.arrangements.counting import _eliminate, _matrix

    rng = __import__("random").Random(5)
    points = [[rng.randint(2**29, 2**30) * rng.choice((1, -1)) for _ in range(4)] for _ in range(9)]
    q = _matrix([tuple(p) for p in points])
    assert q.dtype == np.int64
    once = _eliminate(q, q[0])
    assert _eliminate(once, once[1]).dtype == object  # the second step's products would pass 2^62
    assert count_regions(points).regions == count_topes(points) == prop3_count(9, 4, 1)


@pytest.mark.parametrize("points,expected", [(resonance(5), 11292), (threshold(4), 1882), (type_b(4), 384)])
def test_a_subset_of_the_group_is_still_sound(monkeypatch, points, expected):
    # keys are minima over any set of symmetries containing the identity: one orbit may then get several keys
    # (fractional shares of |μ|), but equal keys still mean one orbit and the totals stay exact
    import exactrelu.arrangements.counting as counting

    full = counting.line_symmetries

    def some(lines, cap=counting.GROUP_CAP):
        group = full(lines, cap)
        return group[:1] + group[3::7]

    monkeypatch.setattr(counting, "line_symmetries", some)
    assert count_regions(points).regions == expected
