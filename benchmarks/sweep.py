"""Sweep throughput: sequential vs process pool vs Dask LocalCluster (2 workers), and symmetry reduction.

Run: ``.venv/bin/python benchmarks/sweep.py``.  Prints instances/s and ratios; asserts only that the three runs agree.
Targets (issue 7): symmetry reduction >= 10x on exhaustive grids of 5+ points; parallel efficiency
>= 80 % on 2 cores.
"""

from __future__ import annotations

import os
import time

from exactrelu.arrangements.regions import topes_of
from exactrelu.sweeps.grids import grid_from_mapping, instances, raw_count
from exactrelu.sweeps.sweep import DASK_CONFIG, sweep

REPEAT = int(os.environ.get("EXACTRELU_BENCH_REPEAT", "2"))
ALL = {"permutations": True, "flips": True, "scaling": True, "coordinates": True}


def timed(fn):  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t  # display-only


def main() -> None:
    grid = grid_from_mapping(
        {
            "name": "bench",
            "kind": "exhaustive",
            "data": {"n": 5, "dim": 3, "box": [-1, 1], "distinct": True},
            "network": {"hidden": [1]},
            "symmetry": ALL,
        }
    )
    orbits = len(list(instances(grid)))
    print(
        f"symmetry reduction on 5 points in {{-1,0,1}}^3: {raw_count(grid)} raw data sets -> {orbits} orbits "
        f"= {raw_count(grid) / orbits:.0f}x fewer checks (target >= 10x)"
    )  # display-only
    plain = grid_from_mapping(
        {
            "name": "bench-perm",
            "kind": "exhaustive",
            "data": {"n": 4, "dim": 2, "box": [-1, 1], "distinct": True},
            "network": {"hidden": [1]},
            "symmetry": {"permutations": True},
        }
    )
    full = grid_from_mapping(
        {
            "name": "bench-all",
            "kind": "exhaustive",
            "data": {"n": 4, "dim": 2, "box": [-1, 1], "distinct": True},
            "network": {"hidden": [1]},
            "symmetry": ALL,
        }
    )
    _, t_plain = timed(lambda: sweep("prop3", plain, workers=1))
    _, t_full = timed(lambda: sweep("prop3", full, workers=1))
    print(
        f"prop3, 4 points in {{-1,0,1}}^2: permutations only {t_plain:.2f}s, all symmetries {t_full:.2f}s, "
        f"speed-up {t_plain / t_full:.1f}x"
    )  # display-only

    import dask
    from distributed import Client, LocalCluster

    dask.config.set(DASK_CONFIG)  # profiler, work stealing, 20 ms tick and 100 ms monitors off/slowed
    print(f"machine load: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (wall-clock efficiency needs idle cores)")
    # a sweep cluster is started once and reused (as an existing --scheduler cluster is): not per-sweep cost
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cl,
        Client(cl) as client,
    ):
        sweep("prop3", plain, scheduler=client)  # warm: the workers import the region modules once
        for label, n in (("", 5), (" (larger parallel part: fixed start-up costs amortised as in a real sweep)", 6)):
            compare(exhaustive(n), client, label)


def exhaustive(n: int):  # type: ignore[no-untyped-def]
    return grid_from_mapping(
        {
            "name": f"bench-work-{n}",
            "kind": "exhaustive",
            "data": {"n": n, "dim": 3, "box": [-1, 1], "distinct": True},
            "network": {"hidden": [1]},
            "symmetry": {"permutations": True, "flips": True, "scaling": True},
        }
    )


def compare(work, client, label: str, repeat: int = REPEAT) -> None:  # type: ignore[no-untyped-def]
    """prop3 on ``work``: sequential, process pool (2), Dask (2 workers); wall-clock and CPU efficiency.

    Each run is repeated ``repeat`` times, interleaved, and the least wall / CPU time kept: on a
    shared machine the fastest repetition is the one least disturbed by other users' load.
    """
    walls: dict[str, list[float]] = {"seq": [], "pool": [], "dask": []}
    cpus: dict[str, list[float]] = {"seq": [], "pool": [], "dask": []}
    for _ in range(repeat):
        topes_of.cache_clear()  # forked pool workers would inherit the sequential run's tope cache
        c0 = cpu()
        seq, t = timed(lambda: sweep("prop3", work, workers=1))
        walls["seq"].append(t)
        cpus["seq"].append(cpu() - c0)
        topes_of.cache_clear()
        c0 = cpu(children=True)
        pool, t = timed(lambda: sweep("prop3", work, workers=2))
        walls["pool"].append(t)
        cpus["pool"].append(cpu(children=True) - c0)
        client.run(topes_of.cache_clear)
        w0, c0 = sum(client.run(cpu).values()), cpu()
        dsk, t = timed(lambda: sweep("prop3", work, scheduler=client))
        walls["dask"].append(t)
        # workers + client + in-process scheduler and nannies
        cpus["dask"].append(sum(client.run(cpu).values()) - w0 + cpu() - c0)
        assert pool.rows == seq.rows == dsk.rows  # identical results on every path
    w = {k: min(v) for k, v in walls.items()}
    c = {k: min(v) for k, v in cpus.items()}
    n = len(seq.rows)
    print(
        f"{n} instances ({work.n} points in {{-1,0,1}}^3){label}, best of {repeat}, load {os.getloadavg()[0]:.1f}: "
        f"sequential {n / w['seq']:.0f}/s, pool(2) {n / w['pool']:.0f}/s, dask(2) {n / w['dask']:.0f}/s"
    )  # display-only
    print(
        f"  parallel efficiency on 2 cores (wall clock): pool {w['seq'] / w['pool'] / 2:.0%}, "
        f"dask {w['seq'] / w['dask'] / 2:.0%} (target >= 80 %; only meaningful on an idle machine)"
    )  # display-only
    print(
        f"  work efficiency (sequential CPU-s / total CPU-s of all processes, load-independent): "
        f"pool {c['seq'] / c['pool']:.0%}, dask {c['seq'] / c['dask']:.0%}"
    )  # display-only


def cpu(children: bool = False) -> float:
    """CPU seconds of this process (and of its reaped children)."""
    t = os.times()
    return t.user + t.system + (t.children_user + t.children_system if children else 0.0)  # display-only


if __name__ == "__main__":
    main()
