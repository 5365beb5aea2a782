"""Exact analogues of Figures 3–5 of the slides: full-rank and global-minimum fractions on a grid.

The slides sample random regions; here every non-empty region is counted
exactly (over sets of rows, see :mod:`exactrelu.kmtm.jacobian`).  Data sets are
deterministic: ``points(n, d0, seed)`` draws integer coordinates in
``[−9, 9]`` (distinct points; for ``d0 = 1`` distinct integers) from
``random.Random(seed)`` and is recorded in every table.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from fractions import Fraction

from ..core.instance import Instance, instance_from_mapping
from ..core.progress import NO_PROGRESS, Ticker
from .globalmin import count_global_minima
from .jacobian import count_full_rank, unit_rows

__all__ = ["points", "grid_instance", "FullRankRow", "fullrank_table", "GlobalMinRow", "globalmin_table",
           "minimal_d1"]

Points = tuple[tuple[int, ...], ...]


def points(n: int, d0: int, seed: int = 0) -> list[list[int]]:
    """The ``n`` distinct integer data points of ``[−9, 9]^{d0}`` of the KMTM tables (Figures 3–5 of the slides),
    drawn by a generator seeded by ``(n, d0, seed)``; 1-D points are sorted.

    >>> points(3, 1) == points(3, 1) and len({tuple(p) for p in points(4, 2)}) == 4
    True
    """
    rng = random.Random(f"exactrelu-{n}-{d0}-{seed}")
    if d0 == 1:
        return [[x] for x in sorted(rng.sample(range(-9, 10), n))]
    out: list[list[int]] = []
    while len(out) < n:
        p = [rng.randint(-9, 9) for _ in range(d0)]
        if p not in out:
            out.append(p)
    return out


def grid_instance(
    n: int, d0: int, d1: int, seed: int = 0, bias: bool = True, signs: tuple[int, int] | None = None
) -> Instance:
    """Points from :func:`points`; output weights ``+1`` (or ``d+`` ones then ``d−`` minus ones); targets ``1..n``."""
    out = [1] * d1 if signs is None else [1] * signs[0] + [-1] * signs[1]
    return instance_from_mapping(
        {
            "name": f"grid-n{n}-d0{d0}-d1{d1}-s{seed}",
            "data": {"points": points(n, d0, seed), "targets": list(range(1, n + 1)), "bias": bias},
            "network": {"hidden": [len(out)], "output": out},
        }
    )


@dataclass(frozen=True)
class FullRankRow:
    """A row of Figure 3: on the grid instance ``(n, d0, d1)`` the exact fraction of non-empty regions with
    ``rank ∇_W F = n``; ``points`` are the instance's data (:func:`points`)."""

    n: int
    d0: int
    d1: int
    fraction: Fraction
    points: Points


@dataclass(frozen=True)
class GlobalMinRow:
    """A row of Figures 4–5: on the grid instance with ``n`` points and ``d+ = d− = k`` units, the exact fraction of
    non-empty regions containing global minimisers of codimension ``n`` (Theorem 8); ``points`` as in
    :class:`FullRankRow`."""

    n: int
    k: int
    fraction: Fraction
    points: Points


def _points_tuple(n: int, d0: int, seed: int) -> Points:
    return tuple(tuple(x) for x in points(n, d0, seed))


def fullrank_table(ns: list[int], d0s: list[int], d1s: list[int], seed: int = 0,
                   alpha: Fraction = Fraction(0), progress: Ticker = NO_PROGRESS) -> list[FullRankRow]:
    """Exact fraction of non-empty regions with rank ``n`` (Figure 3), for every grid point.

    ``alpha`` is a leaky slope (the Jacobian blocks of :func:`exactrelu.kmtm.jacobian.row_block`); the regions
    themselves are the same for ReLU and leaky units.  ``progress`` (:mod:`exactrelu.core.progress`) is ticked once
    per row, its stage line showing the row's search.
    """
    rows = []
    for n in ns:
        for d0 in d0s:
            base = grid_instance(n, d0, 1, seed)
            topes = unit_rows(base)
            for d1 in d1s:
                frac = count_full_rank(base.points, topes, d1, alpha, progress).fraction
                rows.append(FullRankRow(n, d0, d1, frac, _points_tuple(n, d0, seed)))
                progress()
    return rows


def minimal_d1(rows: list[FullRankRow], threshold: Fraction = Fraction(1, 2)) -> dict[tuple[int, int], int | None]:
    """Least ``d1`` on the grid at which at least ``threshold`` of the non-empty regions have full rank.

    With bias the fraction is never 1: the all-inactive pattern (``w = 0, b < 0``) is a
    non-empty region of rank 0, so "every non-empty region has full rank" never happens.
    """
    out: dict[tuple[int, int], int | None] = {}
    for r in rows:
        key = (r.n, r.d0)
        out.setdefault(key, None)
        if r.fraction >= threshold and (out[key] is None or r.d1 < out[key]):  # type: ignore[operator]
            out[key] = r.d1
    return out


def globalmin_table(ns: list[int], dpm: list[int], seed: int = 0, d0: int = 1,
                    progress: Ticker = NO_PROGRESS) -> list[GlobalMinRow]:
    """Exact fraction of non-empty regions with a codimension-``n`` set of global minima (Figure 4), ``d+ = d− = k``;
    ``progress`` is ticked once per row, its stage line showing the row's LPs."""
    rows = []
    for n in ns:
        for k in dpm:
            inst = grid_instance(n, d0, 2 * k, seed, signs=(k, k))
            rows.append(GlobalMinRow(n, k, count_global_minima(inst, progress).fraction, _points_tuple(n, d0, seed)))
            progress()
    return rows
