"""exactrelu.liu.minima: the Moore–Penrose minimum against sympy, the exact genuine-minimum verdict against an
independent parametrised route, and Liu's printed criterion where it is wrong (both discrepancy sources)."""

from __future__ import annotations

import copy
from fractions import Fraction
from itertools import product

import pytest
import sympy
from conftest import kernel_kinds as kinds
from conftest import liu_net as inst
from hypothesis import given, settings
from hypothesis import strategies as st

from exactrelu import kernel
from exactrelu.certify.liu import discrepancy_certificates
from exactrelu.core import linalg
from exactrelu.core.feasibility import LinearSystem, decide
from exactrelu.kernel import Reject as CheckFailure
from exactrelu.liu.cells import atlas
from exactrelu.liu.minima import (
    DiscrepancySource,
    cell_minimum,
    cells,
    decide_genuine,
    decide_printed,
    liu_matrix,
    unit_rows,
)

F = Fraction


# ---------------------------------------------------------------- Penrose vs sympy
rat = st.fractions(min_value=-3, max_value=3, max_denominator=3)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 4), st.integers(1, 4), st.data())
def test_pinv_matches_sympy_and_penrose(m, k, data):
    a = [[data.draw(rat) for _ in range(k)] for _ in range(m)]
    if data.draw(st.booleans()) and m > 1:  # force rank deficiency sometimes
        a[-1] = [2 * v for v in a[0]]
    x = linalg.pseudo_inverse(a, k)
    ref = sympy.Matrix([[sympy.Rational(v.numerator, v.denominator) for v in r] for r in a]).pinv()
    assert [[F(int(sympy.fraction(v)[0]), int(sympy.fraction(v)[1])) for v in ref.row(i)] for i in range(k)] == [
        list(r) for r in x
    ]
    kernel.rules.penrose([list(map(F, r)) for r in a], [list(r) for r in x], m, k, "x")


# ---------------------------------------------------------------- exact verdict vs an independent route
def _brute_genuine(instance, pattern, wit):  # type: ignore[no-untyped-def]
    """Independent route: parametrise R = M⁺y + (I − M⁺M)c with sympy's pinv, one LP per sign vector."""
    m = liu_matrix(instance.points, pattern)
    k = instance.d1 * instance.d
    sm = sympy.Matrix([[sympy.Rational(v.numerator, v.denominator) for v in r] for r in m])
    pinv = sm.pinv()
    y = sympy.Matrix([sympy.Rational(t.numerator, t.denominator) for t in instance.targets])
    r0 = pinv * y
    proj = sympy.eye(k) - pinv * sm

    def q(v):  # type: ignore[no-untyped-def]
        n, dd = sympy.fraction(sympy.nsimplify(v))
        return F(int(n), int(dd))

    for s in product((1, -1, 0), repeat=instance.d1):
        strict, equal = [], []
        for u, su in enumerate(s):
            for i in range(instance.d):
                row = u * instance.d + i
                if su == 0:
                    equal.append(([q(v) for v in proj.row(row)], -q(r0[row])))
            if su:
                for p, x in enumerate(instance.points):
                    coef = [F(0)] * k
                    const = F(0)
                    for i, xi in enumerate(x):
                        row = u * instance.d + i
                        sg = su * (2 * pattern[u][p] - 1) * xi
                        coef = [c + sg * q(v) for c, v in zip(coef, proj.row(row), strict=True)]
                        const += sg * q(r0[row])
                    strict.append((coef, -const))
        if decide(LinearSystem.build(k, strict=strict, equal=equal)).feasible:
            return True
    return False


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 3), st.integers(1, 2), st.data())
def test_exact_verdict_matches_parametrised_brute_force(n, d1, data):
    small = st.integers(-2, 2)
    pts = [[data.draw(small) for _ in range(2)] for _ in range(n)]
    if any(not any(p) for p in pts):
        pts = [[p[0] or 1, p[1]] for p in pts]
    ys = [data.draw(small) for _ in range(n)]
    instance = inst(pts, ys, d1)
    for pattern, wit in list(cells(instance))[:6]:
        exact = decide_genuine(instance, pattern, wit)
        assert exact.genuine == _brute_genuine(instance, pattern, wit)
        printed = decide_printed(instance, pattern)
        if exact.genuine and 0 not in exact.signs:
            assert printed.holds  # strict conditions imply the printed ones


# ---------------------------------------------------------------- discrepancies
def test_both_discrepancy_sources_certified():
    zero = inst([[-1, -1], [-1, 0]], [-1, 0])  # the search's first zero-output case
    boundary = inst([[-1, -1], [-1, 0], [0, -1]], [-1, -1, -1])  # R* = (0, 1) lies on the wall of x2
    assert [c.source for c in atlas(zero).discrepancies] == [DiscrepancySource.ZERO_OUTPUT]
    assert {c.source for c in atlas(boundary).discrepancies} == {DiscrepancySource.BOUNDARY}
    found = {}
    for instance in (zero, boundary):
        for doc in discrepancy_certificates(atlas(instance)).values():
            assert kinds(doc)[-1] == "liu-discrepancy"
            found.setdefault(doc["claim"]["source"], doc)
    assert set(found) == {"zero-output", "boundary"} == {s.value for s in DiscrepancySource}  # docs/certificates-liu.md
    assert found["zero-output"]["claim"]["pattern"] == ["01"]
    assert found["boundary"]["claim"]["pattern"] == ["101"]
    bad = copy.deepcopy(found["boundary"])
    bad["claim"]["source"] = "zero-output"
    with pytest.raises(CheckFailure):
        kernel.check_document(bad)
    bad = copy.deepcopy(found["zero-output"])
    bad["claim"]["printed"] = True
    with pytest.raises(CheckFailure):
        kernel.check_document(bad)


def test_hand_boundary_case():
    """x1=(1,0), x2=(0,1) active, x3=(1,−1) inactive, y=(1,1,·): R* = (1,1) is on the wall of x3."""
    instance = inst([[1, 0], [0, 1], [1, -1]], [1, 1, 5])
    pattern = ((1, 1, 0),)
    wit = dict(unit_rows(instance))[(1, 1, 0)]
    assert decide_printed(instance, pattern).holds
    assert not decide_genuine(instance, pattern, (wit,)).genuine
    assert cell_minimum(instance, pattern).loss == F(25, 2)
