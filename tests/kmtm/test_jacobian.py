"""Jacobian rank on activation regions (SPEC §3) and set-of-rows counting, with certificates."""

from __future__ import annotations

import itertools
from fractions import Fraction
from math import comb

import pytest
from conftest import kernel_kinds as kinds
from conftest import mutated
from hypothesis import given, settings
from hypothesis import strategies as st

from exactrelu import kernel
from exactrelu.certify.kmtm import count_certificate, jacobian_rank_certificate
from exactrelu.core.instance import instance_from_mapping
from exactrelu.kmtm.jacobian import (
    all_rows,
    count_full_rank,
    count_full_rank_bruteforce,
    jacobian_matrix,
    jacobian_rank,
    parse_pattern,
    surjections,
    unit_rows,
)


def file_kinds(path):
    return [c.kind for c in kernel.check_file(str(path))[0]]



def inst(points, d1, bias=False, out=None, targets=None):
    return instance_from_mapping(
        {
            "data": {"points": points, "targets": targets or [1] * len(points), "bias": bias},
            "network": {"hidden": [d1], "output": out or [1] * d1},
        }
    )


# ------------------------------------------------------------------ hand-worked ranks
def test_identity_data_n_equals_d0_d1():
    # n = d0·d1 = 2: x = e1, e2, one unit active on both: J = [e1 e2], rank 2.
    i = inst([[1, 0], [0, 1]], 1, out=["-3"])
    assert jacobian_matrix(i, ((1, 1),)) == [[-3, 0], [0, -3]]
    assert jacobian_rank(i, ((1, 1),)).rank == 2
    assert jacobian_rank(i, ((1, 0),)).rank == 1
    assert jacobian_rank(i, ((0, 0),)).rank == 0


def test_n_equals_d0_d1_with_two_units():
    # d0 = 1, d1 = 2, n = 2, points 1 and 2: rank 2 iff the columns a^(1), a^(2) are independent.
    i = inst([[1], [2]], 2, out=["1", "-1/2"])
    assert jacobian_rank(i, ((1, 0), (0, 1))).rank == 2
    assert jacobian_rank(i, ((1, 1), (0, 1))).rank == 2
    assert jacobian_rank(i, ((1, 1), (1, 1))).rank == 1  # equal columns
    assert jacobian_rank(i, ((1, 0), (1, 0))).rank == 1  # second column zero


def test_duplicate_points_rank_drops_in_every_nonempty_region():
    # x_1 = x_2: in a non-empty region both copies have the same activation, so the
    # Jacobian has two equal columns and is never of full rank.
    i = inst([[1, 2], [1, 2], [0, 1]], 3)
    rows = unit_rows(i)
    assert all(a[0] == a[1] for a in rows)
    assert count_full_rank(i.points, rows, 3).count == 0
    # ...while over all patterns (empty ones included) full rank does occur.
    assert count_full_rank(i.points, all_rows(3), 3).count > 0


def test_1d_bias_two_points_closed_form():
    # x1 < x2 with bias: topes 00, 01, 10, 11; a set is full rank iff it contains 11
    # or both 01 and 10.  d1 = 1: 1/4;  d1 = 2: (16 − 9) + 2 = 9 of 16.
    for d1, expected in ((1, 1), (2, 9)):
        i = inst([[0], [5]], d1, bias=True)
        assert unit_rows(i) == ((0, 0), (0, 1), (1, 0), (1, 1))
        assert count_full_rank(i.points, unit_rows(i), d1).count == expected


def test_all_patterns_d0_1_closed_form():
    # d = 1, n = 2: rank 2 iff the two columns of A ∈ {0,1}^{d1×2} are nonzero and distinct.
    for d1 in (1, 2, 3, 4):
        i = inst([[1], [3]], d1)
        got = count_full_rank(i.points, all_rows(2), d1)
        assert got.count == (2**d1 - 1) * (2**d1 - 2)
        assert got.total == 2 ** (2 * d1)


def test_surjections_sum_to_all_maps():
    for m in range(5):
        for big in range(5):
            assert sum(comb(big, s) * surjections(m, s) for s in range(big + 1)) == big**m


def test_parse_pattern():
    assert parse_pattern("10,01", 2) == ((1, 0), (0, 1))
    with pytest.raises(ValueError):
        parse_pattern("12", 2)


# ------------------------------------------------------------------ certificates
def test_rank_certificate_checks_and_corruptions_fail():
    i = inst([[1], [2], [3]], 2, bias=True, out=["2", "-1"])
    jr = jacobian_rank(i, ((1, 1, 1), (1, 1, 1)))  # rows (1,2,3), (1,1,1)
    assert jr.rank == 2
    doc = jacobian_rank_certificate(i, jr)
    assert kinds(doc) == ["jacobian-rank"]
    for path, value in [
        (("claim", "rank"), 3),
        (("claim", "rank"), 1),
        (("claim", "pattern"), ["111", "011"]),
        (("evidence", "inverse", 0, 0), "7"),
        (("evidence", "kernel", 0, 0), "5"),
        (("evidence", "kernel_rows"), [1]),
        (("instance", "data", "points", 2, 0), "4"),
    ]:
        with pytest.raises(kernel.Reject):
            kinds(mutated(doc, path, value))


@pytest.mark.parametrize("rows", ["topes", "all"])
def test_count_certificate_checks_and_corruptions_fail(rows):
    i = inst([[0], [1], [3]], 2, bias=True)
    result, doc = count_certificate(i, rows)
    assert kinds(doc)[-1] == "fullrank-count"
    assert result.count == count_full_rank_bruteforce(i.points, result.rows, 2)
    nodes = doc["evidence"]["nodes"]
    full = next(k for k, nd in enumerate(nodes) if nd["rank"] == 3)
    ones = result.rows.index((1, 1, 1))
    # the search visits the singleton {111} (rank 2: points 0, 1, 3 with bias span a plane) in its pre-order
    deficient = next(k for k, (chosen, _) in enumerate(result.nodes) if chosen == (ones,))
    assert nodes[deficient]["rank"] == 2
    bad_docs = [
        mutated(doc, ("claim", "count"), str(result.count + 1)),
        mutated(doc, ("claim", "total"), str(result.total - 1)),
        mutated(doc, ("evidence", "nodes", full, "inverse", 0, 0), "1/7"),
        mutated(doc, ("evidence", "nodes", deficient, "kernel"), [["1"], ["1"], ["1"]]),
        mutated(doc, ("evidence", "nodes", deficient, "rank"), 3),
        mutated(doc, ("evidence", "nodes"), nodes[:-1]),
        mutated(doc, ("evidence", "nodes"), [*nodes, nodes[-1]]),
    ]
    if rows == "topes":
        bad_docs.append(mutated(doc, ("claim", "rows"), doc["claim"]["rows"][:-1]))
        bad_docs.append(mutated(doc, ("evidence", "witnesses", 0), ["1", "1"]))
    for bad in bad_docs:
        with pytest.raises(kernel.Reject):
            kinds(bad)


# ------------------------------------------------------------------ property: sets of rows = brute force
small = st.integers(-3, 3)


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 2), st.integers(2, 4), st.integers(1, 3), st.booleans(), st.data())
def test_set_of_rows_count_equals_bruteforce(d0, n, d1, bias, data):
    pts = [[data.draw(small) for _ in range(d0)] for _ in range(n)]
    i = inst(pts, d1, bias=bias)
    for rows in (unit_rows(i), all_rows(n)):
        if len(rows) ** d1 > 5000:
            continue
        assert count_full_rank(i.points, rows, d1).count == count_full_rank_bruteforce(i.points, rows, d1)


@settings(max_examples=20, deadline=None)
@given(st.integers(1, 3), st.integers(1, 4), st.data())
def test_rank_is_a_function_of_the_row_set(d1, n, data):
    pts = [[Fraction(data.draw(small)), Fraction(data.draw(small))] for _ in range(n)]
    i = inst(pts, d1 + 1)
    pattern = tuple(tuple(data.draw(st.integers(0, 1)) for _ in range(n)) for _ in range(d1))
    doubled = (*pattern, pattern[0])  # repeat a unit: same set of rows
    perm = tuple(reversed(doubled))
    ranks = {jacobian_rank(i, doubled).rank, jacobian_rank(i, perm).rank}
    assert len(ranks) == 1
    assert kinds(jacobian_rank_certificate(i, jacobian_rank(i, doubled))) == ["jacobian-rank"]


def test_all_rows_order_is_the_kernels_product_order():
    # the kernel replays the search over {0,1}^n in itertools.product order: the producer must list the same
    assert list(all_rows(3)) == list(itertools.product((0, 1), repeat=3))
