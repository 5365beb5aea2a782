"""Deep activation patterns (:mod:`exactrelu.kmtm.deep`, Theorem 10 of Karhadkar et al.): the Jacobian of all
layers, the pattern decisions and counts."""

from __future__ import annotations

import copy
import itertools
from fractions import Fraction

from exactrelu.core.instance import instance_from_mapping
from exactrelu.kmtm.deep import count_deep, decide_deep, deep_jacobian
from exactrelu.kmtm.jacobian import count_full_rank, jacobian_matrix, unit_rows

F = Fraction


def line(xs, d1, out=None, targets=None):
    return instance_from_mapping(
        {
            "data": {"points": [[x] for x in xs], "targets": targets or [0] * len(xs), "bias": True},
            "network": {"hidden": [d1], "output": out or [1] * d1},
        }
    )


# ------------------------------------------------------------------ Theorem 10
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


def test_itertools_product_of_patterns_is_complete():
    from exactrelu.kmtm.deep import all_deep_patterns

    assert sum(1 for _ in all_deep_patterns(2, [1, 1])) == 16 == len(list(itertools.product(range(4), repeat=2)))


def test_region_status_is_an_enum_with_the_certificate_vocabulary():
    """``DeepVerdict.status`` is a :class:`RegionStatus` whose values are the strings the ``deep-pattern-count``
    claim counts by (docs/certificates-kmtm.md: empty / nonempty, else undecided)."""
    from exactrelu.kmtm.deep import RegionStatus

    assert [s.value for s in RegionStatus] == ["nonempty", "empty", "undecided"]
    pts = [(F(0), F(1)), (F(1), F(1))]
    # by hand: w_1 = (0, 1) fires on both points (f_1 = (1, 1)), any w_2 > 0 fires on both again
    full = decide_deep(pts, [F(1)], (((1, 1),), ((1, 1),)))
    empty = decide_deep(pts, [F(1)], (((1, 0), (1, 0)), ((1, 1),)))
    assert isinstance(full.status, RegionStatus) and full.status is RegionStatus.NONEMPTY
    assert empty.status is RegionStatus.EMPTY and f"{empty.status}" == "empty"
