"""Counting regions of structured arrangements: characteristic polynomial vs enumeration vs naive vs SageMath.

Run:  .venv/bin/python benchmarks/counting.py [--quick] [--timeout 300] [--sage PYTHON]

Each (instance, route) runs in a fresh subprocess, so the peak memory reported
(``resource.getrusage(RUSAGE_SELF).ru_maxrss`` of that process) belongs to that
route alone; times exclude interpreter start-up and imports.  Routes:

* count:    exactrelu.arrangements.counting.count_regions — Zaslavsky's |χ(−1)| from Weisner's
            recursion over orbits of flats (never lists a region),
* nosym:    the same without symmetry (every flat expanded once),
* enum:     exactrelu.arrangements.topes.count_topes — the cocircuit enumeration (lists every tope),
* naive:    Whitney's formula χ(t) = Σ_{B ⊆ A} (−1)^{|B|} t^{d − rank B}, one FLINT rank per
            subset of hyperplanes (2^n; only for n ≤ 16),
* sage:     SageMath's ``HyperplaneArrangements(QQ, …)(…).n_regions()`` through the
            passagemath wheels, run by another interpreter (``--sage``, default
            ``../sagevenv/bin/python`` beside the checkout); "sage: not installed" otherwise.

Listing with witnesses (``--listing`` selects these routes):

* sweep:    exactrelu.arrangements.listing.list_topes — one hyperplane at a time, streamed in blocks of about
            ``--block`` topes (default exactrelu.arrangements.listing.BLOCK; one block below it), every Tope built,
* batch:    exactrelu.arrangements.listing.list_topes_batch — the same sweep holding every tope at once (before
            streaming; skipped above 2 million regions for memory),
* topes:    exactrelu.arrangements.topes.topes — the cocircuit enumeration with witnesses (before issue 14),
* sage-regions: SageMath's ``regions()`` (each region a polyhedron).

Every result is compared with the closed form or the OEIS value of the instance.
Ratios are route time / time of the first route (count; sweep with --listing), display-only floats.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import resource
import subprocess
import sys
import time
from math import comb, factorial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def resonance(n: int) -> list[list[int]]:
    return [list(p) for p in itertools.product((0, 1), repeat=n) if any(p)]


def threshold(k: int) -> list[list[int]]:
    return [[*p, 1] for p in itertools.product((0, 1), repeat=k)]


def braid(n: int) -> list[list[int]]:
    return [[int(k == i) - int(k == j) for k in range(n)] for i, j in itertools.combinations(range(n), 2)]


def type_b(n: int) -> list[list[int]]:
    unit = [[int(k == i) for k in range(n)] for i in range(n)]
    return unit + [[int(k == i) + s * int(k == j) for k in range(n)]
                   for i, j in itertools.combinations(range(n), 2) for s in (1, -1)]


def random_points(n: int, d: int, seed: int, bound: int) -> list[list[int]]:
    """Integer points with entries in [−bound, bound] in general position (seeded; the first seed that gives it)."""
    from exactrelu.arrangements.regions import general_position

    rng = random.Random(seed)
    while True:
        pts = [[rng.randint(-bound, bound) for _ in range(d)] for _ in range(n)]
        if general_position(pts) is None:
            return pts


def prop3(n: int, d: int) -> int:
    return 2 * sum(comb(n - 1, k) for k in range(d))


# name → (points, expected count, why)
INSTANCES: dict[str, tuple] = {
    "random 20 in Z^5": (lambda: random_points(20, 5, 7, 20), prop3(20, 5), "Prop 3"),
    "random 40 in Z^4": (lambda: random_points(40, 4, 8, 1000), prop3(40, 4), "Prop 3"),
    "braid A_6 (Q^7)": (lambda: braid(7), factorial(7), "7!"),
    "type B_5 (Q^5)": (lambda: type_b(5), 2**5 * factorial(5), "2^5 5!"),
    "threshold {0,1}^4 (Q^5)": (lambda: threshold(4), 1882, "A000609"),
    "threshold {0,1}^5 (Q^6)": (lambda: threshold(5), 94572, "A000609"),
    "threshold {0,1}^6 (Q^7)": (lambda: threshold(6), 15028134, "A000609"),
    "resonance Q^5": (lambda: resonance(5), 11292, "A034997"),
    "resonance Q^6": (lambda: resonance(6), 1066044, "A034997"),
    "resonance Q^7": (lambda: resonance(7), 347326352, "A034997"),
}
QUICK = ["random 20 in Z^5", "braid A_6 (Q^7)", "threshold {0,1}^4 (Q^5)", "resonance Q^5", "resonance Q^6"]
# the enumeration lists every region: skip it where that would take minutes (issue 14 measured 111 µs per region)
ENUM_LIMIT = 200_000
# the batch sweep keeps one mask and one witness row per region at its last step (about 500 bytes each);
# the streaming sweep has no limit
SWEEP_LIMIT = 2_000_000
NAIVE_LIMIT = 16

SAGE_WORKER = r"""
import json, resource, sys, time
try:
    from sage.all import QQ, HyperplaneArrangements
except ImportError:  # the modular passagemath wheels: no sage.all without passagemath-standard
    from sage.all__sagemath_polyhedra import QQ, HyperplaneArrangements
pts = json.load(sys.stdin)
d = len(pts[0])
H = HyperplaneArrangements(QQ, tuple(f"w{i}" for i in range(d)))
t = time.perf_counter()
A = H(*[[0] + list(p) for p in pts])
count = len(A.regions()) if sys.argv[-1] == "regions" else int(A.n_regions())
elapsed = time.perf_counter() - t
print(json.dumps({"count": count, "seconds": elapsed,
                  "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def naive_whitney(points: list[list[int]]) -> int:
    """|χ(−1)| by Whitney's formula: Σ over all subsets B of the hyperplanes of (−1)^{|B|}(−1)^{d − rank B}."""
    from flint import fmpz_mat

    from exactrelu.core.rationals import integer_scaling

    lines = []
    for p in points:
        v = integer_scaling(p)
        if any(v):
            lead = next(x for x in v if x)
            v = v if lead > 0 else tuple(-x for x in v)
            if v not in lines:
                lines.append(v)
    d = len(points[0])
    total = 0
    for size in range(len(lines) + 1):
        for subset in itertools.combinations(lines, size):
            rk = fmpz_mat([list(v) for v in subset]).rank() if subset else 0
            total += (-1)**size * (-1)**(d - rk)
    return abs(total)


def worker(route: str, name: str, repeat: int = 1, block: int | None = None) -> None:
    """Run one route on one instance in this process (best of ``repeat``) and print its JSON result line."""
    points = INSTANCES[name][0]()
    if route in ("count", "nosym"):
        from exactrelu.arrangements.counting import count_regions

        def fn() -> int:
            return count_regions(points, symmetry=route == "count").regions
    elif route == "enum":
        from exactrelu.arrangements.topes import count_topes

        def fn() -> int:
            return count_topes(points)
    elif route == "sweep":
        from exactrelu.arrangements.listing import BLOCK, list_topes

        def fn() -> int:
            return sum(1 for _ in list_topes(points, block or BLOCK))
    elif route == "batch":
        from exactrelu.arrangements.listing import list_topes_batch

        def fn() -> int:
            return sum(1 for _ in list_topes_batch(points))
    elif route == "topes":
        from exactrelu.arrangements.topes import topes

        def fn() -> int:
            return len(topes(points))
    else:
        def fn() -> int:
            return naive_whitney(points)
    base_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # the interpreter, its imports and the points
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        count = fn()
        best = min(best, time.perf_counter() - t)
    print(json.dumps({"count": count, "seconds": best, "base_kb": base_kb,
                      "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))


def run_route(route: str, name: str, timeout: float, sage: str | None, repeat: int = 1,
              block: int | None = None) -> dict | str:
    """One route in a fresh process: its JSON result, or a short reason it did not run."""
    if route in ("sage", "sage-regions"):
        if sage is None:
            return "not installed"
        cmd, stdin = [sage, "-c", SAGE_WORKER, route.removeprefix("sage-")], json.dumps(INSTANCES[name][0]())
    else:
        cmd, stdin = [sys.executable, __file__, "--worker", route, name, "--repeat", str(repeat)], ""
        cmd += ["--block", str(block)] if block else []
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    try:
        out = subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        return f">{timeout:.0f} s"
    if out.returncode != 0:
        return "failed: " + (out.stderr.strip().splitlines() or ["?"])[-1][:60]
    return json.loads(out.stdout.strip().splitlines()[-1])


def sage_python(arg: str | None) -> str | None:
    """The interpreter that has passagemath-polyhedra, or ``None`` if there is none."""
    candidates = [arg] if arg else [str(ROOT.parent / "sagevenv" / "bin" / "python")]
    for c in candidates:
        if c and Path(c).exists():
            probe = subprocess.run([c, "-c", "from sage.all__sagemath_polyhedra import HyperplaneArrangements"],
                                   capture_output=True)
            if probe.returncode == 0:
                return c
    return None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="the small instances only")
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds per (instance, route)")
    ap.add_argument("--sage", metavar="PYTHON", help="an interpreter with passagemath-polyhedra installed")
    ap.add_argument("--routes", help="comma-separated routes to run (default count,nosym,enum,naive,sage)")
    ap.add_argument("--listing", action="store_true", help="listing with witnesses: sweep,batch,topes,sage-regions")
    ap.add_argument("--only", metavar="NAME", help="run the instances whose name contains NAME")
    ap.add_argument("--repeat", type=int, default=1, help="best of this many runs (exactrelu routes; not sage)")
    ap.add_argument("--block", type=int, help="topes per block of the streamed sweep (default: the library's)")
    ap.add_argument("--worker", nargs=2, metavar=("ROUTE", "INSTANCE"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        worker(*args.worker, repeat=args.repeat, block=args.block)
        return
    if args.routes is None:
        args.routes = "sweep,batch,topes,sage-regions" if args.listing else "count,nosym,enum,naive,sage"
    sage = sage_python(args.sage) if "sage" in args.routes else None
    if "sage" in args.routes and sage is None:
        print("sage: not installed (pip install passagemath-polyhedra into a separate venv; pass --sage PYTHON)")
    routes = args.routes.split(",")
    names = QUICK if args.quick else list(INSTANCES)
    if args.only:
        names = [n for n in names if args.only in n]
    print(f"{'instance':<26} {'regions':>11} {'route':<6} {'seconds':>9} {'/first':>8} {'peak MB':>8} "
          f"{'(start)':>8}  check")
    for name in names:
        builder, expected, why = INSTANCES[name]
        n = len(builder())
        base = None
        for route in routes:
            if route in ("enum", "topes", "sage-regions") and expected > ENUM_LIMIT:
                res: dict | str = f"skipped (> {ENUM_LIMIT} regions: lists each one)"
            elif route == "batch" and expected > SWEEP_LIMIT:
                res = f"skipped (> {SWEEP_LIMIT} regions: memory)"
            elif route == "naive" and n > NAIVE_LIMIT:
                res = f"skipped (2^{n} subsets)"
            else:
                res = run_route(route, name, args.timeout, sage, args.repeat, args.block)
            if isinstance(res, str):
                print(f"{name:<26} {expected:>11} {route:<6} {res}")
                continue
            if route in ("count", "sweep"):
                base = res["seconds"]
            ratio = f"{res['seconds'] / base:8.1f}" if base else f"{'':>8}"  # display-only
            ok = "ok" if res["count"] == expected else f"MISMATCH {res['count']}"
            print(f"{name:<26} {expected:>11} {route:<6} {res['seconds']:>9.3f} {ratio} "
                  f"{res['maxrss_kb'] / 1024:>8.0f} {res.get('base_kb', 0) / 1024:>8.0f}  {ok} ({why})",
                  flush=True)  # display-only


if __name__ == "__main__":
    main()
