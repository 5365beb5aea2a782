"""Benchmarks for SPEC §3: FLINT rank vs sympy, set-of-rows counting vs tuple enumeration.

Run: ``.venv/bin/python benchmarks/jacobian.py``.  Prints wall times and ratios;
nothing here is asserted by the test-suite.
"""

from __future__ import annotations

import random
import time
from fractions import Fraction

import sympy

from exactrelu.core import linalg
from exactrelu.kmtm.figures import grid_instance
from exactrelu.kmtm.jacobian import count_full_rank, count_full_rank_bruteforce, unit_rows


def _matrix(size: int, rng: random.Random) -> list[list[Fraction]]:
    # rank-deficient by construction (last row = sum of two others) so both routes do full work
    rows = [[Fraction(rng.randint(-9, 9), rng.randint(1, 5)) for _ in range(size)] for _ in range(size - 1)]
    rows.append([a + b for a, b in zip(rows[0], rows[1], strict=True)])
    return rows


def rank_benchmark(full: bool) -> None:
    rng = random.Random(1)
    print("size  flint_s    sympy_s    ratio")
    for size in (20, 60, 120):
        m = _matrix(size, rng)
        t = time.perf_counter()
        r1 = linalg.rank(m)
        tf = time.perf_counter() - t
        if size <= (60 if full else 20):
            sm = sympy.Matrix([[sympy.Rational(x.numerator, x.denominator) for x in row] for row in m])
            t = time.perf_counter()
            r2 = sm.rank()
            ts = time.perf_counter() - t
            assert r1 == r2 == size - 1
            print(f"{size:4d}  {tf:.5f}  {ts:9.4f}  {ts / tf:8.1f}x")
        else:
            print(f"{size:4d}  {tf:.5f}  (sympy skipped; --full runs it at 60)")


def count_benchmark() -> None:
    inst = grid_instance(4, 1, 1)
    rows = unit_rows(inst)
    for d1 in (3, 4):
        t = time.perf_counter()
        fast = count_full_rank(inst.points, rows, d1).count
        tf = time.perf_counter() - t
        t = time.perf_counter()
        slow = count_full_rank_bruteforce(inst.points, rows, d1)
        ts = time.perf_counter() - t
        assert fast == slow
        print(f"n=4 d0=1 d1={d1}: sets {tf:.3f}s  tuples {ts:.3f}s  ratio {ts / tf:.1f}x  ({len(rows) ** d1} patterns)")
    big = grid_instance(6, 1, 6)
    t = time.perf_counter()
    res = count_full_rank(big.points, unit_rows(big), 6)
    print(
        f"n=6 d0=1 d1=6: {res.total} patterns, full rank {res.count} = {res.fraction}, "
        f"{len(res.nodes)} sets visited, {time.perf_counter() - t:.2f}s"
    )


if __name__ == "__main__":
    import sys

    rank_benchmark("--full" in sys.argv)
    count_benchmark()
