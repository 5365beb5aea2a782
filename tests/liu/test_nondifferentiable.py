"""exactrelu.liu.nondifferentiable: Theorem 3 of Liu in full (eqs. 27–30): the hand-worked wall minimum and its
refutation, one-sided slopes by a forward pass, and the always-soluble system D R = d."""

from __future__ import annotations

import copy
from fractions import Fraction
from itertools import islice

import pytest
from conftest import kernel_kinds as kinds
from conftest import liu_net as inst
from conftest import mutated
from hypothesis import given, settings
from hypothesis import strategies as st

from exactrelu import kernel
from exactrelu.core import linalg
from exactrelu.kernel import Reject as CheckFailure
from exactrelu.liu.minima import cells

F = Fraction


# ---------------------------------------------------------------- Theorem 3 in full (eqs. 27–30)
# Hand case: x_1 = (1,0) (the wall), x_2 = (1,1), x_3 = (−1,1), one unit, cell 011, w on x_1's wall.
# D R = d gives R = (0, r) with e_2 + e_3 = 0, so r = (y_2 + y_3)/2 = 1; g·x_1 = e_2 − e_3 = −2 and
# (30) needs −2 − y_1 > 0: a minimum for y_1 = −3 (loss ½(9 + 1 + 1) = 11/2), none for y_1 = −1.
NONDIFF = inst([[1, 0], [1, 1], [-1, 1]], [-3, 2, 0])
NONDIFF_NO = inst([[1, 0], [1, 1], [-1, 1]], [-1, 2, 0])


def _net_loss(instance, w, z):  # type: ignore[no-untyped-def]
    """½ Σ (Σ_u z_u relu(w_u·x) − y)², straight from the network (an independent route)."""
    out = F(0)
    for x, y in zip(instance.points, instance.targets, strict=True):
        f = sum(
            (
                zu * max(F(0), sum((a * b for a, b in zip(wu, x, strict=True)), F(0)))
                for wu, zu in zip(w, z, strict=True)
            ),
            F(0),
        )
        out += (f - y) ** 2
    return out / 2


def _one_sided_slope(instance, w, z, m, direction):  # type: ignore[no-untyped-def]
    """Exact right derivative of t ↦ L(w_m + t·direction) at 0: L is quadratic on [0, 2h] for an h
    small enough that no other point changes side (so three exact values determine the slope)."""

    def dot_(a, b):  # type: ignore[no-untyped-def]
        return sum((p * q for p, q in zip(a, b, strict=True)), F(0))

    margins = [abs(dot_(wu, x)) for wu in w for x in instance.points if dot_(wu, x)]
    speed = max([abs(dot_(direction, x)) for x in instance.points] + [F(1)])
    h = min(margins + [F(1)]) / (4 * speed)

    def at(t):  # type: ignore[no-untyped-def]
        moved = [list(r) for r in w]
        moved[m] = [a + t * b for a, b in zip(w[m], direction, strict=True)]
        return _net_loss(instance, moved, z)

    l0 = at(F(0))
    return (4 * (at(h) - l0) - (at(2 * h) - l0)) / (2 * h)


def test_theorem3_hand_case_minimum_and_refutation():
    from exactrelu.certify.certificates import certificate
    from exactrelu.certify.liu import nondiff_claim
    from exactrelu.liu.nondifferentiable import decide_nondiff

    pat, wit = ((0, 1, 1),), ((F(-1), F(2)),)
    v = decide_nondiff(NONDIFF, pat, 0, 0, wit)
    assert v.minimum and v.signs == (1,) and v.loss == F(11, 2)
    assert v.weights == ((F(0), F(1)),) and v.output == (F(1),)
    # independent route: both one-sided slopes across the wall are positive, and exactly
    # −z g·x_1 = 2 into cell 1 and z(g·x_1 + e_1|x_1|²) = −2 + 3 = 1 into cell 2
    assert _one_sided_slope(NONDIFF, v.weights, v.output, 0, (F(-1), F(0))) == 2
    assert _one_sided_slope(NONDIFF, v.weights, v.output, 0, (F(1), F(0))) == 1
    assert _net_loss(NONDIFF, v.weights, v.output) == F(11, 2)
    doc = certificate(*nondiff_claim(v), NONDIFF)
    assert kinds(doc) == ["liu-theorem3"] and doc["claim"]["holds"] is True
    for corrupt in (
        lambda d: d["evidence"]["weights"][0].__setitem__(0, "1/100"),  # off the wall
        lambda d: d["evidence"]["output"].__setitem__(0, "2"),  # D R = d fails
        lambda d: d["claim"].__setitem__("loss", "5"),
        lambda d: d["claim"].__setitem__("pattern", ["111"]),  # A_mn must be 0
        lambda d: d["instance"]["data"]["targets"].__setitem__(0, "-1"),  # (30) fails
    ):
        bad = copy.deepcopy(doc)
        corrupt(bad)
        with pytest.raises(CheckFailure):
            kernel.check_document(bad)
    # y_1 = −1: (30) reads −2 + 1 > 0, false; z < 0 needs r < 0 but r = 1: both branches refuted
    no = decide_nondiff(NONDIFF_NO, pat, 0, 0, wit)
    assert not no.minimum and [s for s, _ in no.refutations] == [(1,), (-1,)]
    assert _one_sided_slope(NONDIFF_NO, ((F(0), F(1)),), (F(1),), 0, (F(1), F(0))) == -1  # descent into cell 2
    doc = certificate(*nondiff_claim(no), NONDIFF_NO)
    assert kinds(doc) == ["liu-theorem3"] and doc["claim"]["holds"] is False
    bad = mutated(doc, ("evidence", "refutations", 0, "multipliers", "equal", -1), "-3")
    with pytest.raises(CheckFailure):
        kernel.check_document(bad)
    bad = copy.deepcopy(doc)
    del bad["evidence"]["refutations"][1]
    with pytest.raises(CheckFailure):
        kernel.check_document(bad)
    # the same refutations do not transfer to the instance that has a minimum
    bad = mutated(doc, ("instance", "data", "targets", 0), "-3")
    with pytest.raises(CheckFailure):
        kernel.check_document(bad)


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_theorem3_system_always_soluble_and_matches_slopes(data):
    """D R = d is the KKT system of min L_1 on R_m·x_n = 0, so it is always soluble; and every
    Theorem-3 point found has positive one-sided slopes across its wall (network forward pass)."""
    from exactrelu.liu.nondifferentiable import decide_nondiff
    from exactrelu.liu.saddles import nondiff_system, wall_faces

    n = data.draw(st.integers(2, 4))
    d1 = data.draw(st.integers(1, 2))
    ent = st.integers(-2, 2)
    pts = data.draw(st.lists(st.tuples(ent, ent).filter(any), min_size=n, max_size=n, unique=True))
    y = data.draw(st.lists(st.integers(-3, 3), min_size=n, max_size=n))
    instance = inst([list(p) for p in pts], y, d1)
    for pattern, wit in islice(cells(instance), 12):
        for m, p in wall_faces(instance, pattern):
            assert nondiff_system(instance, pattern, m, p).soluble
            v = decide_nondiff(instance, pattern, m, p, wit)
            if v.minimum:
                xn = instance.points[p]
                assert _one_sided_slope(instance, v.weights, v.output, m, xn) > 0
                assert _one_sided_slope(instance, v.weights, v.output, m, [-c for c in xn]) > 0


def test_theorem3_insoluble_claim_rejected_since_d_r_d_always_soluble():
    """No u with uᵀD = 0, uᵀd = 1 exists (D R = d is a KKT system), so `soluble: false` never checks."""
    from exactrelu.certify.liu import nondiff_certificate
    from exactrelu.liu.saddles import nondiff_matrix, nondiff_system

    s = nondiff_system(NONDIFF, ((0, 1, 1),), 0, 0)
    assert s.soluble and s.solution == (F(0), F(1))
    dm, dv = nondiff_matrix(NONDIFF, ((0, 1, 1),), 0, 0)
    doc = nondiff_certificate(NONDIFF, s)
    doc["claim"]["soluble"] = False
    del doc["evidence"]["point"]
    for u in ([F(1), F(0), F(0)], [F(0), F(-1), F(0)], [F(0), F(0), F(1)]):
        doc["evidence"]["multipliers"] = {"strict": [], "weak": [], "equal": [str(v) for v in u]}
        with pytest.raises(CheckFailure):
            kernel.check_document(doc)
    # the u a broken producer might emit for d: the column space of D contains d, so uᵀd = 0 whenever uᵀD = 0
    for u in linalg.nullspace([tuple(dm[i][c] for i in range(len(dm))) for c in range(len(dm[0]))], len(dm)):
        assert sum((a * b for a, b in zip(u, dv, strict=True)), F(0)) == 0
