"""The benchmarks run: each script in benchmarks/ completes its ``--quick`` smoke run (exit 0, a table printed).

Only that they run is asserted — never a time (the brief: performance is measured by the benchmarks themselves,
tests never assert wall times).  A benchmark left behind by a change of the package (a renamed function, a model
that now refuses its instance) fails here instead of in front of a reader.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = sorted((ROOT / "benchmarks").glob("*.py"))


def test_there_are_benchmarks() -> None:
    assert {p.stem for p in SCRIPTS} >= {"counting", "regions", "jacobian", "liu", "lvb", "sweep"}


@pytest.mark.parametrize("script", SCRIPTS, ids=[p.stem for p in SCRIPTS])
def test_quick_run_completes(script: Path) -> None:
    run = subprocess.run([sys.executable, str(script), "--quick"], capture_output=True, text=True, cwd=ROOT,
                         timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    assert len(run.stdout.splitlines()) >= 3, run.stdout
