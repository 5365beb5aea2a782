"""Figure 5 of the slides (global minima with two-dimensional inputs), against per-pattern brute force."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest

from exactrelu.kmtm import globalmin
from exactrelu.kmtm.figures import globalmin_table, grid_instance


@pytest.mark.parametrize("n,k", [(2, 1), (3, 1)])
def test_d0_2_table_equals_one_lp_per_pattern(n, k):
    (row,) = globalmin_table([n], [k], d0=2)
    inst = grid_instance(n, 2, 2 * k, 0, signs=(k, k))
    rows = globalmin.count_global_minima(inst).rows
    good = sum(globalmin.region_minimum(inst, p).good for p in itertools.product(rows, repeat=inst.d1))
    assert row.fraction == Fraction(good, len(rows) ** inst.d1)


def test_two_points_one_unit_each_sign_hand_count():
    # n = 2 with bias: two independent vectors of Q^3, so all 4 rows are topes and there are 4·4 = 16 regions.
    # Targets are y = (1, 2) > 0 and the second unit has output weight −1, so it can only subtract:
    # a point where the positive unit is inactive has F(x_j) ≤ 0 ≠ y_j.  With the positive unit active on
    # both points, <w+, x_j> = y_j + a−_j <w−, x_j> > 0 is solvable for any negative pattern and the
    # Jacobian has rank 2.  So exactly 4 of the 16 regions are good: 1/4.
    (row,) = globalmin_table([2], [1], d0=2)
    assert row.fraction == Fraction(1, 4)
    inst = grid_instance(2, 2, 2, 0, signs=(1, 1))
    assert len(globalmin.count_global_minima(inst).rows) == 4
