"""Resume after a killed run: kill the sweeping process group mid-sweep, resume, compare with a plain loop."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from exactrelu.sweeps.grids import grid_from_mapping, instances
from exactrelu.sweeps.statements import Statement, get
from exactrelu.sweeps.sweep import read_results, run_one, sweep


def _slow(inst, certify):
    if os.environ.get("EXACTRELU_TEST_SLEEP"):
        time.sleep(float(os.environ["EXACTRELU_TEST_SLEEP"]))
    return get("selftest").check(inst, certify)


SLOW = Statement(
    "test_sweep_kill:SLOW", "slow self-test", "test", "none", "as selftest", _slow, frozenset({"permutations"})
)
GRID = {
    "name": "kill",
    "kind": "exhaustive",
    "data": {"n": 3, "dim": 2, "box": [-1, 1]},
    "network": {"hidden": [1]},
    "symmetry": {"permutations": True},
}

CHILD = """
import sys
from exactrelu.sweeps.grids import grid_from_mapping
from exactrelu.sweeps.sweep import sweep
from test_sweep_kill import GRID
sweep("test_sweep_kill:SLOW", grid_from_mapping(GRID), sys.argv[1], workers=int(sys.argv[2]), batch=1)
"""


def _lines(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


def _run_and_kill(out: Path, workers: int) -> int:
    env = {
        **os.environ,
        "EXACTRELU_TEST_SLEEP": "0.01",
        "PYTHONPATH": os.pathsep.join([str(Path(__file__).parent), os.environ.get("PYTHONPATH", "")]),
    }
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(out), str(workers)],
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    try:
        while _lines(out) < 25 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)  # the child's own session: only what this test started
        proc.wait()
        proc.stderr.close()
    return _lines(out)


def test_killed_sweep_resumes_without_duplicates(tmp_path):
    grid = grid_from_mapping(GRID)
    total = len(list(instances(grid)))
    for workers in (1, 2):
        out = tmp_path / f"r{workers}.jsonl"
        written = _run_and_kill(out, workers)
        assert 2 <= written < total + 1, "the child was killed mid-sweep"
        res = sweep(SLOW, grid, out, workers=1)
        assert res.computed == total - (written - 1)  # the header is one of the lines written
        _, rows = read_results(out)
        keys = [r["key"] for r in rows]
        assert len(keys) == len(set(keys)) == total
        plain = [run_one(SLOW, gi) for gi in instances(grid)]
        got = sorted(rows, key=lambda r: r["index"])
        assert [(r["key"], r["status"], r["detail"]) for r in got] == [
            (r["key"], r["status"], r["detail"]) for r in plain
        ]
