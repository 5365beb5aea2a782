"""Tope enumeration: cocircuit engine vs the naive baseline (one exact LP per sign vector).

Run:  .venv/bin/python benchmarks/regions.py [--quick] [--max-n 16]

For each (n, d) it draws integer points in general position (seeded), times

* engine:   exactrelu.topes.count_topes (cocircuits + FLINT, no LP at all),
* naive:    2^n cdd LPs, one per sign vector (the route the brief calls naive),
* walls:    breadth-first search over the tope graph, one LP per (tope, wall)
            (exactrelu.wallcrossing; skipped with --no-walls),
* certify:  the complete `topes-complete` evidence (witnesses + a Motzkin LP per
            missing wall-neighbour), which is what `--certificate` costs,

and prints the times, the ratio naive/engine, and LPs per region of each route.
"""

from __future__ import annotations

import argparse
import itertools
import random
import time

from exactrelu.feasibility import LinearSystem, LPCounter, decide
from exactrelu.regions import general_position, prop3_count, topes_evidence
from exactrelu.topes import count_topes
from exactrelu.wallcrossing import wall_crossing_topes


def points_in_general_position(n: int, d: int, seed: int) -> list[list[int]]:
    rng = random.Random(seed)
    while True:
        pts = [[rng.randint(-20, 20) for _ in range(d)] for _ in range(n)]
        if general_position(pts) is None:
            return pts


def naive(points: list[list[int]], counter: LPCounter) -> int:
    found = 0
    for signs in itertools.product((1, -1), repeat=len(points)):
        if decide(LinearSystem.open_cone(points, signs), counter).feasible:
            found += 1
    return found


def timed(fn, *args, repeat: int = 1):  # type: ignore[no-untyped-def]
    best, out = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn(*args)
        best = min(best, time.perf_counter() - t)
    return best, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="n = 8, 10, 12 only")
    ap.add_argument("--max-n", type=int, default=16)
    args = ap.parse_args()
    ns = [8, 10, 12] if args.quick else [n for n in (8, 10, 12, 14, 16) if n <= args.max_n]
    print(f"{'n':>3} {'d':>2} {'regions':>8} {'engine s':>10} {'naive s':>9} {'ratio':>8} "
          f"{'naive LP/region':>16} {'walls s':>8} {'ratio':>6} {'walls LP/region':>16} "
          f"{'certify s':>10} {'cert LP/region':>15}")
    for n in ns:
        for d in (3, 4, 5):
            pts = points_in_general_position(n, d, seed=1000 * n + d)
            t_engine, count = timed(count_topes, pts, repeat=5)
            assert count == prop3_count(n, d, 1)
            lp = LPCounter()
            t_naive, found = timed(naive, pts, lp)
            assert found == count
            walls_lp = LPCounter()
            t_walls, by_walls = timed(wall_crossing_topes, pts, walls_lp)
            assert len(by_walls) == count
            cert_lp = LPCounter()
            t_cert, _ = timed(topes_evidence, pts, None, cert_lp)
            ratio, walls_ratio = t_naive / t_engine, t_walls / t_engine  # display-only
            print(f"{n:>3} {d:>2} {count:>8} {t_engine:>10.4f} {t_naive:>9.2f} {ratio:>8.0f} "
                  f"{lp.count / count:>16.1f} {t_walls:>8.2f} {walls_ratio:>6.0f} {walls_lp.count / count:>16.1f} "
                  f"{t_cert:>10.2f} {cert_lp.count / count:>15.2f}")  # display-only


if __name__ == "__main__":
    main()
