"""The landscape's proofs as values (exactrelu/landscape/proofs.py): local-minimum multipliers and per-stratum
answers on hand-worked instances, the claims they refuse, the kernel's orders, and agreement with the strata
that :func:`exactrelu.landscape.minima.minimum_classes` decides by another route (elimination, then LP)."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exactrelu.arrangements.topes import covectors, topes
from exactrelu.core.feasibility import FeasiblePoint, Infeasibility
from exactrelu.core.instance import InstanceError, instance_from_mapping
from exactrelu.kernel.rules import sign_string as kernel_sign_string
from exactrelu.landscape.minima import landscape, minimum_classes, stratum_system
from exactrelu.landscape.proofs import (
    LocalMinimumProof,
    kernel_strata,
    kernel_topes,
    local_minimum_proof,
    no_spurious_proof,
    stratum_loss,
)

F = Fraction
ISSUE16 = {"data": {"points": [[1], [-1]], "targets": [2, 1]}, "network": {"hidden": [1]}}
NO_SPURIOUS = {"data": {"points": [[-1], [1]], "targets": [-2, 2]}, "network": {"hidden": [1]}}


def test_spurious_minimum_w_negative_hand_worked() -> None:
    """x = 1, −1, y = (2, 1), w = −1, z = 1: F = (0, 1), loss ½(2² + 0²) = 2.  No point is on a wall of w, so
    the stratum system has no multipliers and its only unknown is R = z·w = −1; the lower point w = 2, z = 1
    has loss ½(0² + 1²) = 1/2 < 2."""
    inst = instance_from_mapping(ISSUE16)
    p = local_minimum_proof(inst, [[F(-1)]], [F(1)], ([[F(2)]], [F(1)]))
    assert p == LocalMinimumProof(((F(-1),),), (F(1),), F(2), FeasiblePoint((F(-1),)), (((F(2),),), (F(1),)))
    assert p.spurious


def test_dead_unit_multipliers_hand_worked() -> None:
    """w = 0, z = −1 on x = 1, −1, y = (2, 1): F = 0, r = F − y = (−2, −1), loss ½(4 + 1) = 5/2.  Both points are
    walls; the adjacent topes in the kernel's order are +- then -+.  Stationarity g(t) = Σ c_i(t) r_i x_i =
    Σ_i μ_{t,i} s t_i x_i with s = −1: for t = +-, g = r_1 = −2 = −μ_1 − μ_2; for t = -+, g = −r_2 = 1 =
    μ_1 + μ_2.  So the unknowns (R, μ_{+-,1}, μ_{+-,2}, μ_{-+,1}, μ_{-+,2}) have R = 0, μ ≥ 0, the first pair
    summing to 2 and the second to 1."""
    inst = instance_from_mapping(ISSUE16)
    assert [t.signs for t in kernel_topes(inst)] == [(1, -1), (-1, 1)]
    p = local_minimum_proof(inst, [[0]], [-1])
    assert (p.loss, p.spurious, p.lower) == (F(5, 2), False, None)
    r, m1, m2, m3, m4 = p.multipliers.point
    assert r == 0 and min(m1, m2, m3, m4) >= 0 and m1 + m2 == 2 and m3 + m4 == 1


def test_fixed_output_ignores_the_given_output() -> None:
    """Fixed v = −1: F ≤ 0 everywhere, so w = 0 (F = 0, loss ½(4 + 1) = 5/2) is a minimum; the output argument
    is the instance's whatever is passed."""
    inst = instance_from_mapping({**ISSUE16, "network": {"hidden": [1], "output": ["-1"]}})
    p = local_minimum_proof(inst, [[0]], [F(7)])
    assert (p.output, p.loss) == ((F(-1),), F(5, 2))


def test_refusals() -> None:
    inst = instance_from_mapping(ISSUE16)
    with pytest.raises(InstanceError, match="not one"):  # F(1) = 1 < 2: the loss decreases along w
        local_minimum_proof(inst, [[F(1)]], [F(1)])
    with pytest.raises(InstanceError, match="below 1/2"):  # w = 2, z = 1 is the global minimum: nothing is lower
        local_minimum_proof(inst, [[F(2)]], [F(1)], ([[F(-1)]], [F(1)]))
    with pytest.raises(InstanceError, match="weight vectors"):
        local_minimum_proof(inst, [[F(2), F(0)]], [F(1)])
    with pytest.raises(InstanceError, match="loss 2"):  # the stratum of w < 0, z > 0 is spurious
        no_spurious_proof(inst, F(1, 2))


def test_no_spurious_hand_worked() -> None:
    """x = −1, 1, y = (−2, 2): 3 faces (w > 0, w < 0, w = 0) × 3 signs of z = 9 strata; only w > 0, z > 0
    (R = 2 fits y_2) and w < 0, z < 0 (R = 2: F(x_1) = −2) carry minima, both of loss ½·2² = 2."""
    inst = instance_from_mapping(NO_SPURIOUS)
    p = no_spurious_proof(inst, F(2))
    assert {f.signs for f in p.faces} == {(-1, 1), (1, -1), (0, 0)} and len(p.strata) == 9
    feasible = {(s.faces, s.signs): s.answer.point for s in p.strata if isinstance(s.answer, FeasiblePoint)}
    assert feasible == {(((-1, 1),), (1,)): (F(2),), (((1, -1),), (-1,)): (F(2),)}
    assert all(isinstance(s.answer, Infeasibility) for s in p.strata if (s.faces, s.signs) not in feasible)


def test_stratum_loss_leaky() -> None:
    """Leaky slope 1/2, face (+, −): F(x_i) = c_i R x_i = (3·1, ½·3·(−1)) for R = 3, y = (2, 1):
    ½((3 − 2)² + (−3/2 − 1)²) = ½(1 + 25/4) = 29/8."""
    inst = instance_from_mapping({**ISSUE16, "network": {"hidden": [1], "activation": "leaky:1/2"}})
    assert stratum_loss(inst, [(1, -1)], [(F(3),)]) == F(29, 8)


def test_kernel_strata_fixed_output_groups() -> None:
    """Fixed v = (1, 1, −1): units 1 and 2 are interchangeable, unit 3 is not: with 2 faces, C(2 + 1, 2)·2 = 6
    strata, each with the signs of v."""
    inst = instance_from_mapping({**ISSUE16, "network": {"hidden": [3], "output": ["1", "1", "-1"]}})
    got = list(kernel_strata(inst, [(1,), (0,)], (1, -1, 0)))
    assert len(got) == 6 and all(s == (1, 1, -1) for _, s in got)
    assert len({(min(f[:2]), max(f[:2]), f[2]) for f, _ in got}) == 6


@pytest.mark.parametrize("points", [[[1, 0], [0, 1], [1, 1]], [[1], [-2], [0]], [[1, 1], [1, 1], [-1, 2]]])
def test_kernel_topes_sort_as_the_kernel_sorts(points: list[list[int]]) -> None:
    """The adjacent-tope order (the order of the multiplier blocks) is the kernel's: sign strings sorted."""
    ts = kernel_topes(instance_from_mapping({"data": {"points": points, "targets": [0] * len(points)},
                                             "network": {"hidden": [1]}}))
    assert [kernel_sign_string(t.signs) for t in ts] == sorted(kernel_sign_string(t.signs) for t in topes(points))


small = st.integers(-2, 2)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(small, small), min_size=1, max_size=3), st.booleans(),
       st.sampled_from(["relu", "leaky:1/3"]))
def test_strata_agree_with_minimum_classes(data: list[tuple[int, int]], bias: bool, activation: str) -> None:
    """Trainable output, one unit: the strata whose full system is feasible are exactly the classes
    minimum_classes finds (elimination first), each solution satisfies its system, and no_spurious_proof
    succeeds iff the landscape has no spurious class."""
    inst = instance_from_mapping({"data": {"points": [[x] for x, _ in data], "targets": [y for _, y in data],
                                           "bias": bias}, "network": {"hidden": [1], "activation": activation}})
    a = landscape(inst)
    if a.spurious:
        with pytest.raises(InstanceError, match="no spurious"):
            no_spurious_proof(inst, a.global_min.value)
        return
    p = no_spurious_proof(inst, a.global_min.value)
    assert {f.signs for f in p.faces} == {f.signs for f in covectors(inst.points)}
    ts = kernel_topes(inst)
    feasible = set()
    for s in p.strata:
        if isinstance(s.answer, FeasiblePoint):
            assert stratum_system(inst, s.faces, s.signs, ts)[0].satisfied_by(s.answer.point)
            feasible.add((s.faces, s.signs))
    assert feasible == {(c.faces, c.signs) for c in minimum_classes(inst)}
