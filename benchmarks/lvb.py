"""Definition 1 (rare/generic) with vs without pruning, N = 4…10: time and combinations, printing ratios.

Run: ``.venv/bin/python benchmarks/lvb.py [NMAX] [--quick]`` (default 9, --quick 6; the naive search is exponential,
~1 min at N = 10).
The pruned route is one FLINT nullspace plus the subset search of ``exactrelu.lvb.generic.search``.
"""

from __future__ import annotations

import time
from fractions import Fraction

from exactrelu.core.instance import instance_from_mapping
from exactrelu.lvb.generic import rarity, rarity_naive


def instance(n: int):
    # generic-looking data: points (k, k² mod 7 + 1/k), alternating labels
    pts = [[k, str(Fraction(k * k % 7) + Fraction(1, k))] for k in range(1, n + 1)]
    return instance_from_mapping({"data": {"points": pts, "targets": [(-1) ** k for k in range(n)], "bias": True},
                                  "network": {"hidden": [1], "loss": "hinge"}})


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("nmax", type=int, nargs="?", default=9, help="largest N (default 9)")
    parser.add_argument("--quick", action="store_true", help="N up to 6 only (a smoke run)")
    args = parser.parse_args()
    nmax = 6 if args.quick else args.nmax
    print(f"{'N':>3} {'verdict':>8} {'pruned combos':>14} {'naive combos':>13} "
          f"{'pruned s':>9} {'naive s':>8} {'ratio':>7}")
    for n in range(4, nmax + 1):
        inst = instance(n)
        t0 = time.perf_counter()
        a = rarity(inst, Fraction(1, 2), 1)
        t1 = time.perf_counter()
        b = rarity_naive(inst, Fraction(1, 2), 1)
        t2 = time.perf_counter()
        assert a.rare == b.rare
        print(f"{n:>3} {'rare' if a.rare else 'generic':>8} {a.examined:>14} {b.examined:>13} {t1 - t0:>9.3f} "
              f"{t2 - t1:>8.3f} {(t2 - t1) / max(t1 - t0, 1e-9):>7.1f}")


if __name__ == "__main__":
    main()
