"""Region certificates at the speed of the enumeration (issue 11), and the enumeration engine itself.

Run:  .venv/bin/python benchmarks/regions.py            # certificates: n = 20 in Z^5 and n = 30 in Z^4
      .venv/bin/python benchmarks/regions.py --engine   # engine vs naive LPs vs wall crossing (slow)

Certificates.  Seeded random integer points (``random.Random(0)``, coordinates in [-9, 9]; for n = 20,
d = 5 that is the issue's instance with 10,066 regions).  In one run, per instance:

* enumerate: ``exactrelu.arrangements.topes.topes`` — the tope list with witnesses, what ``exactrelu regions`` computes;
* produce:   ``region_count_certificate`` and its JSON text (what ``regions --certificate`` writes);
* check:     ``exactrelu.kernel.check_text`` on that text (what ``exactrelu check`` does);

and prints the times, the ratios produce/enumerate and check/produce (goal: ≤ 2 each), the file size
(goal at n = 20, d = 5: ≤ 8 MB) and how many exact LPs the producer fell back to (0 in general position).
Then the same three as whole commands (``regions --list``, ``regions --certificate``, ``check``), the way the
issue measured them (35 s and 29 s against 0.7 s to list).
Times are wall-clock on a shared machine: read the ratios, which the same run measures side by side.

Engine (``--engine``).  For each (n, d), points in general position; times the cocircuit engine
(``count_topes``, no LP), the naive route (2^n cdd LPs), breadth-first wall crossing (one LP per tope and
wall) and prints the ratios and LPs per region.
"""

from __future__ import annotations

import argparse
import itertools
import random
import time

from exactrelu import kernel
from exactrelu.arrangements.regions import general_position, prop3_count
from exactrelu.arrangements.topes import count_topes, topes
from exactrelu.arrangements.wallcrossing import wall_crossing_topes
from exactrelu.certify.certificates import dumps
from exactrelu.certify.regions import region_count_certificate
from exactrelu.core.feasibility import LinearSystem, LPCounter, decide
from exactrelu.core.instance import instance_from_mapping


def random_points(n: int, d: int, seed: int = 0, bound: int = 9) -> list[list[int]]:
    rng = random.Random(seed)
    return [[rng.randint(-bound, bound) for _ in range(d)] for _ in range(n)]


def points_in_general_position(n: int, d: int, seed: int) -> list[list[int]]:
    rng = random.Random(seed)
    while True:
        pts = [[rng.randint(-20, 20) for _ in range(d)] for _ in range(n)]
        if general_position(pts) is None:
            return pts


def timed(fn, *args, repeat: int = 1):  # type: ignore[no-untyped-def]
    best, out = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn(*args)
        best = min(best, time.perf_counter() - t)
    return best, out


def certificates(cases: list[tuple[int, int]], repeat: int) -> None:
    import exactrelu.arrangements.completeness as completeness

    original = completeness.topes_proof
    print(f"{'n':>3} {'d':>2} {'regions':>8} {'enumerate s':>12} {'produce s':>10} {'check s':>8} "
          f"{'produce/enum':>13} {'check/produce':>14} {'MB':>6} {'circuits':>9} {'LPs':>4}")
    for n, d in cases:
        pts = random_points(n, d)
        inst = instance_from_mapping({"data": {"points": pts, "targets": [0] * n}, "network": {"hidden": [1]}})
        t_enum, ts = timed(topes, pts, repeat=repeat)
        lp = LPCounter()
        # count the fallback LPs of this run (the certificate passes no counter of its own)
        completeness.topes_proof = lambda points, counter=None, advance=None, lp=lp: original(points, lp, advance)
        try:
            t_prod, text = timed(lambda inst=inst: dumps(region_count_certificate(inst)), repeat=repeat)
        finally:
            completeness.topes_proof = original
        t_check, (checked, _) = timed(kernel.check_text, text, repeat=repeat)
        assert checked[-1].statement.startswith(f"exactly {len(ts)} ")
        circuits = len(region_count_certificate(inst)["steps"][0]["evidence"]["circuits"])
        print(f"{n:>3} {d:>2} {len(ts):>8} {t_enum:>12.3f} {t_prod:>10.3f} {t_check:>8.3f} "
              f"{t_prod / t_enum:>13.2f} {t_check / t_prod:>14.2f} {len(text) / 1e6:>6.2f} {circuits:>9} "
              f"{lp.count // repeat:>4}")  # display-only


def commands(cases: list[tuple[int, int]], repeat: int) -> None:
    """The same comparison as whole commands, which is how the issue measured it: ``regions --list`` (the
    enumeration with witnesses, printed), ``regions --certificate`` (enumeration, evidence, JSON file) and
    ``check`` (a fresh interpreter loading only the kernel).  CPU seconds of the child (user + sys), best of
    ``repeat``."""
    import json
    import os
    import resource
    import subprocess
    import sys
    import tempfile

    def cpu(argv: list[str]) -> float:
        best = float("inf")
        for _ in range(repeat):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run([sys.executable, "-m", "exactrelu", *argv], check=True, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            best = min(best, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        return best

    print(f"\nwhole commands (CPU s, best of {repeat})")
    print(f"{'n':>3} {'d':>2} {'regions --list':>15} {'--certificate':>14} {'check':>7} {'cert/list':>10} "
          f"{'check/cert':>11} {'MB':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        for n, d in cases:
            data = os.path.join(tmp, f"r{n}-{d}.json")
            cert = os.path.join(tmp, f"r{n}-{d}.cert.json")
            with open(data, "w") as fh:
                json.dump({"data": {"points": random_points(n, d), "targets": [0] * n}, "network": {"hidden": [1]}},
                          fh)
            t_list = cpu(["regions", data, "--list"])
            t_cert = cpu(["regions", data, "--certificate", cert])
            t_check = cpu(["check", cert])
            print(f"{n:>3} {d:>2} {t_list:>15.2f} {t_cert:>14.2f} {t_check:>7.2f} {t_cert / t_list:>10.2f} "
                  f"{t_check / t_cert:>11.2f} {os.path.getsize(cert) / 1e6:>6.2f}")  # display-only


def naive(points: list[list[int]], counter: LPCounter) -> int:
    found = 0
    for signs in itertools.product((1, -1), repeat=len(points)):
        if decide(LinearSystem.open_cone(points, signs), counter).feasible:
            found += 1
    return found


def engine(ns: list[int]) -> None:
    print(f"{'n':>3} {'d':>2} {'regions':>8} {'engine s':>10} {'naive s':>9} {'ratio':>8} "
          f"{'naive LP/region':>16} {'walls s':>8} {'ratio':>6} {'walls LP/region':>16}")
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
            ratio, walls_ratio = t_naive / t_engine, t_walls / t_engine  # display-only
            print(f"{n:>3} {d:>2} {count:>8} {t_engine:>10.4f} {t_naive:>9.2f} {ratio:>8.0f} "
                  f"{lp.count / count:>16.1f} {t_walls:>8.2f} {walls_ratio:>6.0f} {walls_lp.count / count:>16.1f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--engine", action="store_true", help="the engine vs naive LP comparison instead")
    ap.add_argument("--quick", action="store_true", help="small instances only (n = 12, d = 4)")
    ap.add_argument("--repeat", type=int, default=1, help="best of this many runs per measurement")
    ap.add_argument("--max-n", type=int, default=16, help="with --engine: largest n")
    args = ap.parse_args()
    if args.engine:
        engine([8, 10, 12] if args.quick else [n for n in (8, 10, 12, 14, 16) if n <= args.max_n])
    else:
        cases = [(12, 4)] if args.quick else [(20, 5), (30, 4)]
        certificates(cases, args.repeat)
        commands(cases, max(args.repeat, 3))


if __name__ == "__main__":
    main()
