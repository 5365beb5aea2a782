"""Exact core: FLINT linear algebra against sympy, cdd feasibility against its own certificates."""

from __future__ import annotations

from fractions import Fraction

import sympy
from conftest import small_rationals
from hypothesis import given, settings
from hypothesis import strategies as st

from exactrelu.core.feasibility import FeasiblePoint, LinearSystem, decide
from exactrelu.core.linalg import matmul, nullspace, pseudo_inverse, rank, solve
from exactrelu.core.rationals import format_rational, integer_scaling, parse_rational
from exactrelu.render.tables import decimal, render

matrices = st.integers(1, 4).flatmap(lambda k: st.lists(st.lists(small_rationals(), min_size=k, max_size=k),
                                                        min_size=1, max_size=4))


@settings(max_examples=60, deadline=None)
@given(matrices)
def test_rank_and_nullspace_match_sympy(a):
    m = sympy.Matrix(a)
    assert rank(a) == m.rank()
    basis = nullspace(a)
    assert len(basis) == len(a[0]) - m.rank()
    for v in basis:
        assert all(sum(r[i] * v[i] for i in range(len(v))) == 0 for r in a)


@settings(max_examples=60, deadline=None)
@given(matrices)
def test_pseudo_inverse_matches_sympy(a):
    x = pseudo_inverse(a)
    expected = sympy.Matrix(a).pinv()
    assert [[sympy.Rational(v.numerator, v.denominator) for v in row] for row in x] == expected.tolist()
    assert matmul(matmul(a, x), a) == tuple(tuple(Fraction(v) for v in r) for r in a)


@settings(max_examples=60, deadline=None)
@given(matrices, st.data())
def test_solve(a, data):
    b = data.draw(st.lists(small_rationals(), min_size=len(a), max_size=len(a)))
    x = solve(a, b)
    soluble = sympy.Matrix(a).rank() == sympy.Matrix([list(r) + [bb] for r, bb in zip(a, b, strict=True)]).rank()
    assert (x is not None) == soluble
    if x is not None:
        assert all(sum(r[i] * x[i] for i in range(len(x))) == bb for r, bb in zip(a, b, strict=True))


systems = st.integers(1, 3).flatmap(lambda k: st.tuples(
    st.just(k),
    *(st.lists(st.tuples(st.lists(small_rationals(), min_size=k, max_size=k), small_rationals()), max_size=3)
      for _ in range(3))))


@settings(max_examples=80, deadline=None)
@given(systems)
def test_decide_returns_a_proof_either_way(spec):
    k, strict, weak, equal = spec
    system = LinearSystem.build(k, strict, weak, equal)
    ans = decide(system)
    if isinstance(ans, FeasiblePoint):
        assert system.satisfied_by(ans.point)
    else:
        assert ans.proves(system)


def test_motzkin_for_a_hand_example():
    # x > 0 and -x > -0 (i.e. x < 0): multipliers (1, 1)
    ans = decide(LinearSystem.build(1, strict=[([1], 0), ([-1], 0)]))
    assert not ans.feasible and ans.strict[0] == ans.strict[1] > 0


def test_rationals():
    assert parse_rational("-6/4") == Fraction(-3, 2) and parse_rational("0.125") == Fraction(1, 8)
    assert format_rational(Fraction(-3, 2)) == "-3/2" and format_rational(4) == "4"
    assert integer_scaling([Fraction(2, 3), Fraction(-4, 9)]) == (3, -2)


def test_tables_and_decimal():
    assert decimal(Fraction(1, 3), 3) == "0.333" and decimal(Fraction(-2, 3), 2) == "-0.67"
    assert render(["a", "b"], [["1/2", "x_1"]], "latex").splitlines()[2] == "a & b \\\\"
    assert render(["a"], [["1"]], "csv") == "a\n1"
