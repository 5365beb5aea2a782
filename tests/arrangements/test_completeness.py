"""The proof that a tope list is complete (exactrelu/arrangements/completeness.py), checked here from scratch.

The topes are compared with the naive route (one exact LP per sign vector, tests/conftest.py); every circuit is
re-summed over the original points; every (tope, line) pair is checked: the neighbour across the line is listed,
or the circuit named for it agrees with the neighbour's signs up to one global sign (Motzkin: then the
neighbour's open cone is empty).
"""

from __future__ import annotations

from fractions import Fraction
from math import gcd

import pytest
from conftest import brute_force_topes, configurations
from hypothesis import given, settings

from exactrelu.arrangements.completeness import Circuit, TopesProof, topes_proof
from exactrelu.arrangements.topes import sign_vector
from exactrelu.core.feasibility import LPCounter
from exactrelu.core.linalg import rank


def lines_of(points: list[list[Fraction]]) -> list[tuple[int, ...]]:
    """The nonzero points grouped by the line through 0 they span (rank of a pair 1), first index first."""
    out: list[list[int]] = []
    for j, x in enumerate(points):
        if not any(x):
            continue
        line = next((g for g in out if rank([points[g[0]], x]) == 1), None)
        if line is None:
            out.append([j])
        else:
            line.append(j)
    return [tuple(g) for g in out]


def check(points: list[list[Fraction]], proof: TopesProof) -> None:
    """Everything the kernel checks of a ``topes-complete`` step, on the value."""
    truth = brute_force_topes(points)
    signs = [t.signs for t in proof.topes]
    assert len(signs) == len(set(signs)) and set(signs) == truth
    assert signs == sorted(signs, key=lambda s: [{1: 0, -1: 1, 0: 2}[x] for x in s])  # "+" < "-" < "0"
    for c in proof.circuits:
        assert len(c.indices) == len(c.multipliers) and all(c.multipliers)
        assert gcd(*c.multipliers) == 1
        assert all(sum(y * points[i][k] for i, y in zip(c.indices, c.multipliers, strict=True)) == 0
                   for k in range(len(points[0])))
    lines = lines_of(points)
    for t in proof.topes:
        assert all(isinstance(v, int) for v in t.witness) and sign_vector(t.witness, points) == t.signs
        proved = dict(t.empty)
        assert len(proved) == len(t.empty)
        missing = set()
        for line in lines:
            nb = tuple(-s if k in line else s for k, s in enumerate(t.signs))
            if nb in truth:
                continue
            missing.add(line[0])
            c = proof.circuits[proved[line[0]]]
            agree = {(y > 0) == (nb[i] > 0) for i, y in zip(c.indices, c.multipliers, strict=True)}
            assert len(agree) == 1 and all(nb[i] for i in c.indices)  # one global sign; no zero entry
        assert set(proved) == missing


def test_three_lines_in_the_plane() -> None:
    """x_0 = (1, 0), x_1 = (0, 1), x_2 = (1, 1): six sectors; the two missing sign vectors (+, +, −) and
    (−, −, +) are forbidden by x_0 + x_1 − x_2 = 0, and each listed tope borders one of them."""
    pts = [[Fraction(1), Fraction(0)], [Fraction(0), Fraction(1)], [Fraction(1), Fraction(1)]]
    proof = topes_proof(pts)
    assert proof.circuits == (Circuit((0, 1, 2), (-1, -1, 1)),)
    assert [t.signs for t in proof.topes] == [(1, 1, 1), (1, -1, 1), (1, -1, -1), (-1, 1, 1), (-1, 1, -1),
                                              (-1, -1, -1)]
    assert all(len(t.empty) == 1 for t in proof.topes)
    check(pts, proof)


@settings(max_examples=40, deadline=None)
@given(configurations(max_n=6, max_d=3))
def test_every_proof_checks(points) -> None:
    """Random small rational configurations, zero and parallel points included."""
    check(points, topes_proof(points))


@pytest.mark.parametrize("points", [
    [[0, 0, 1], [1, 0, 1], [0, 1, 1], [1, 1, 1], [2, 1, 1], [1, 2, 1], [2, 2, 1]],  # a grid, with bias
    [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0], [1, 0, 1], [0, 1, 1], [1, 1, 1], [1, -1, 0]],
    [["1/2", "1/3", 1], ["-2/5", 1, 1], [3, "-1/7", 1], [1, 1, 1], [2, 2, 1]],  # rationals
])
def test_degenerate_configurations_without_lp(points) -> None:
    """Degenerate faces (more than r − 1 rows through a ray) are handled by exact pivots, not LPs."""
    pts = [[Fraction(c) for c in x] for x in points]
    lps = LPCounter()
    proof = topes_proof(pts, counter=lps)
    assert lps.count == 0
    check(pts, proof)


def test_circuits_on_rational_points() -> None:
    """The circuits are integer dependencies of the original (rational, unscaled) points."""
    pts = [[Fraction(1, 2), Fraction(1, 3)], [Fraction(-2, 5), Fraction(1)], [Fraction(3), Fraction(-1, 7)],
           [Fraction(1), Fraction(1)], [Fraction(0), Fraction(1, 2)]]
    proof = topes_proof(pts)
    assert proof.circuits
    check(pts, proof)


def test_zero_and_parallel_points() -> None:
    """A zero point carries 0 in every tope; x_2 = −3·x_0 flips with it; one proof per line, named by its
    first point."""
    pts = [[Fraction(1), Fraction(0)], [Fraction(0), Fraction(0)], [Fraction(-3), Fraction(0)],
           [Fraction(0), Fraction(1)], [Fraction(1), Fraction(1)]]
    proof = topes_proof(pts)
    assert len(proof.topes) == 6 and all(t.signs[1] == 0 and t.signs[2] == -t.signs[0] for t in proof.topes)
    assert {j for t in proof.topes for j, _ in t.empty} <= {0, 3, 4}
    check(pts, proof)


def test_advance_is_called_once_per_tope() -> None:
    ticks = []
    proof = topes_proof([[1, 0], [0, 1], [1, 1], [1, -1]], advance=lambda: ticks.append(1))
    assert len(ticks) == len(proof.topes) == 8
