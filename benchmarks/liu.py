"""Benchmark for Liu's atlas (SPEC §4): whole-atlas time, and FLINT vs sympy pseudo-inverses.

Run: ``.venv/bin/python benchmarks/liu.py [--quick]``.  Prints, for n = 4…8
points in d = 2…3 (random small integers, fixed seed) and d1 = 1…3 units, the
number of cells, LPs and the whole-atlas time (Theorems 1–3, printed criterion; saddle
and wall-face LPs are not counted in the LP column) (the largest grids are sampled: the
time of the first 50 cells, scaled, is marked ``~``); then the ratio of
``sympy.Matrix.pinv`` to FLINT's rank-factorisation pseudo-inverse
(:func:`exactrelu.core.linalg.pseudo_inverse`) on the cells' matrices ``M``.
"""

from __future__ import annotations

import random
import sys
import time
from itertools import islice

import sympy

from exactrelu.core import linalg
from exactrelu.core.feasibility import LPCounter
from exactrelu.core.instance import instance_from_mapping
from exactrelu.liu.cells import analyse_cell
from exactrelu.liu.minima import cells, liu_matrix

SAMPLE = 50


def instance(n: int, d: int, d1: int, rng: random.Random):  # type: ignore[no-untyped-def]
    pts = [[rng.randint(-3, 3) or 1 for _ in range(d)] for _ in range(n)]
    return instance_from_mapping(
        {"data": {"points": pts, "targets": [rng.randint(-2, 2) for _ in range(n)]}, "network": {"hidden": [d1]}}
    )


def main(quick: bool) -> None:
    rng = random.Random(5)
    print(f"{'n':>2} {'d':>2} {'d1':>2} {'cells':>8} {'LPs':>7} {'atlas s':>10}")
    grid = [(n, d, d1) for n in range(4, 9) for d in (2, 3) for d1 in (1, 2, 3)]
    if quick:
        grid = grid[:6]
    for n, d, d1 in grid:
        inst = instance(n, d, d1, rng)
        total = sum(1 for _ in cells(inst))
        counter = LPCounter()
        t = time.perf_counter()
        for pattern, wit in islice(cells(inst), SAMPLE):
            analyse_cell(inst, pattern, wit, counter)
        dt = time.perf_counter() - t
        mark = "~" if total > SAMPLE else " "
        print(f"{n:>2} {d:>2} {d1:>2} {total:>8} {counter.count:>7} {mark}{dt * max(1, total / SAMPLE):>9.3f}")
    print("\npseudo-inverse of M: sympy.Matrix.pinv / FLINT (rank factorisation)")
    for n, d, d1 in ((4, 2, 1), (6, 3, 2), (8, 3, 3)):
        inst = instance(n, d, d1, rng)
        pattern, _ = next(islice(cells(inst), 3, None))
        m = liu_matrix(inst.points, pattern)
        t = time.perf_counter()
        for _ in range(20):
            linalg.pseudo_inverse(m, d * d1)
        flint = (time.perf_counter() - t) / 20
        sm = sympy.Matrix([[sympy.Rational(v.numerator, v.denominator) for v in r] for r in m])
        t = time.perf_counter()
        sm.pinv()
        naive = time.perf_counter() - t
        print(
            f"  M is {n}×{d * d1}: flint {flint * 1e3:.3f} ms, sympy {naive * 1e3:.1f} ms, ratio {naive / flint:.0f}×"
        )


if __name__ == "__main__":
    main("--quick" in sys.argv)
