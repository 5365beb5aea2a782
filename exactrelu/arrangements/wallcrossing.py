"""Topes by graph search across walls: one exact LP per (tope, wall).

The tope graph of a central arrangement is connected (Björner et al.,
*Oriented Matroids*, Prop. 4.2.3), so breadth-first search from one tope,
crossing each wall (a line of parallel points) with one cdd LP, finds every
tope.  The number of LPs is (number of topes × number of walls) — output
sensitive, but still an LP per edge.  It shares no code with the cocircuit
engine of :mod:`exactrelu.arrangements.topes` and serves as its independent cross-check
(and as the middle baseline of ``benchmarks/regions.py``).

>>> sorted(wall_crossing_topes([[1, 0], [0, 1]]))
[(-1, -1), (-1, 1), (1, -1), (1, 1)]
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from fractions import Fraction

from ..core.feasibility import FeasiblePoint, LinearSystem, LPCounter, decide
from .topes import Configuration, sign_vector

__all__ = ["wall_crossing_topes"]


def wall_crossing_topes(points: Sequence[Sequence[Fraction | int]],
                        counter: LPCounter | None = None) -> dict[tuple[int, ...], tuple[Fraction, ...]]:
    """Every tope with an LP witness, found by BFS over the tope graph.

    >>> sorted(wall_crossing_topes([[1, 0], [0, 1], [1, 1]]))
    [(-1, -1, -1), (-1, 1, -1), (-1, 1, 1), (1, -1, -1), (1, -1, 1), (1, 1, 1)]
    """
    conf = Configuration.of(points)
    d = len(points[0])
    # a generic start: w = (1, t, t^2, …) with t beyond every root misses all hyperplanes
    t = 1 + max((abs(Fraction(c)) for p in conf.points for c in p), default=1) * 2
    start = tuple(t**k for k in range(d))
    s0 = sign_vector(start, conf.points)
    if any(s == 0 for j, s in enumerate(s0) if j not in conf.zero_points):  # pragma: no cover - not generic
        raise ArithmeticError("start point lies on a wall")
    found = {s0: tuple(Fraction(x) for x in start)}
    queue = deque([s0])
    while queue:
        tope = queue.popleft()
        for cls in conf.classes:
            nb = list(tope)
            for j in cls:
                nb[j] = -nb[j]
            key = tuple(nb)
            if key in found:
                continue
            ans = decide(LinearSystem.open_cone(conf.points, key), counter)
            if isinstance(ans, FeasiblePoint):
                found[key] = ans.point
                queue.append(key)
    return found
