"""Proposition 4 of Karhadkar et al.: topes as vertices of a zonotope (second route).

Row ``a ∈ {0,1}^n`` is a tope iff ``Σ_{j: a_j = 1} x_j`` is a vertex of the
zonotope ``Z = Σ_j conv{0, x_j}``.  We build ``Z`` as a V-polytope, one
Minkowski summand at a time, ``Z_k = conv(Z_{k-1} ∪ (Z_{k-1} + x_k))``, and let
cdd's exact redundancy removal keep only vertices.  Every candidate carries the
subset that produced it, so each surviving vertex names its activation row.

This route shares nothing with :mod:`exactrelu.arrangements.topes` (no cocircuits, no
witnesses) and is used to cross-check it.  It applies when no point is zero and
no two points are parallel (otherwise different rows give the same sum).

>>> sorted(zonotope_rows([[1, 0], [0, 1], [1, 1]]))   # the square's six neighbours of 0
[(0, 0, 0), (0, 1, 0), (0, 1, 1), (1, 0, 0), (1, 0, 1), (1, 1, 1)]
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import cdd
import cdd.gmp as cddg

from .topes import Configuration

__all__ = ["zonotope_vertices", "zonotope_rows", "applies"]


def applies(points: Sequence[Sequence[Fraction | int]]) -> bool:
    """No zero point and no two parallel points."""
    conf = Configuration.of(points)
    return not conf.zero_points and all(len(c) == 1 for c in conf.classes)


def zonotope_vertices(points: Sequence[Sequence[Fraction | int]]) -> dict[tuple[Fraction, ...], tuple[int, ...]]:
    """Vertices of ``Σ_j conv{0, x_j}``, each with the 0/1 row whose points sum to it.

    >>> sorted(zonotope_vertices([[1, 0], [0, 1]]).values())  # the unit square: every row
    [(0, 0), (0, 1), (1, 0), (1, 1)]
    """
    if not applies(points):
        raise ValueError("Proposition 4's route needs nonzero, pairwise non-parallel points")
    d = len(points[0])
    n = len(points)
    current: dict[tuple[Fraction, ...], tuple[int, ...]] = {tuple(Fraction(0) for _ in range(d)): ()}
    for x in points:
        xk = [Fraction(c) for c in x]
        cand: dict[tuple[Fraction, ...], tuple[int, ...]] = {}
        for v, row in current.items():
            cand.setdefault(v, row + (0,))
            cand.setdefault(tuple(a + b for a, b in zip(v, xk, strict=True)), row + (1,))
        keys = list(cand)
        mat = cddg.matrix_from_array([[Fraction(1), *v] for v in keys], rep_type=cdd.RepType.GENERATOR)
        redundant = cddg.redundant_rows(mat)
        current = {keys[i]: cand[keys[i]] for i in range(len(keys)) if i not in redundant}
    return {v: row for v, row in current.items() if len(row) == n}


def zonotope_rows(points: Sequence[Sequence[Fraction | int]]) -> set[tuple[int, ...]]:
    """The activation rows that Proposition 4 declares non-empty.

    >>> sorted(zonotope_rows([[1, 0], [0, 1], [1, 1]]))  # 6 of the 8 rows: 110 and 001 are empty
    [(0, 0, 0), (0, 1, 0), (0, 1, 1), (1, 0, 0), (1, 0, 1), (1, 1, 1)]
    """
    return set(zonotope_vertices(points).values())
