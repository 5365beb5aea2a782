"""Shared strategies and helpers for the test suite."""

from __future__ import annotations

import copy
import itertools
import json
import os
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st

from exactrelu.core.feasibility import LinearSystem, decide

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

# CI replays a fixed set of examples (a red CI run is then always reproducible); local runs keep
# exploring new random examples, which is where property tests find bugs.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


def small_rationals(bound: int = 3) -> st.SearchStrategy[Fraction]:
    return st.builds(Fraction, st.integers(-bound, bound), st.integers(1, 3))


def configurations(max_n: int = 6, max_d: int = 4, bound: int = 3) -> st.SearchStrategy[list[list[Fraction]]]:
    """Small rational point configurations (zero and parallel points allowed)."""
    return st.integers(1, max_d).flatmap(
        lambda d: st.lists(st.lists(small_rationals(bound), min_size=d, max_size=d), min_size=1, max_size=max_n))


def brute_force_topes(points: list[list[Fraction]]) -> set[tuple[int, ...]]:
    """The naive route: one exact LP per sign vector (2^n LPs), independent of the cocircuit engine."""
    zeros = {j for j, p in enumerate(points) if not any(p)}
    free = [j for j in range(len(points)) if j not in zeros]
    out = set()
    for choice in itertools.product((1, -1), repeat=len(free)):
        signs = [0] * len(points)
        for j, s in zip(free, choice, strict=True):
            signs[j] = s
        if decide(LinearSystem.open_cone(points, signs)).feasible:
            out.add(tuple(signs))
    return out


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "exactrelu", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT, timeout=300)


def load_json(path: Path) -> dict:
    return json.loads(path.read_text())


def mutated(doc: dict, path: tuple, value: object) -> dict:
    """A deep copy of ``doc`` with the entry at ``path`` (keys and list indices) set to ``value``: one forgery."""
    new = copy.deepcopy(doc)
    target = new
    for k in path[:-1]:
        target = target[k]
    target[path[-1]] = value
    return new


def hinge_net(points: list, targets: list, bias: bool = False, act: str = "relu", hidden: tuple[int, ...] = (1,),
              weights: list | None = None):  # type: ignore[no-untyped-def]
    """A binary hinge-loss instance (Laurent–von Brecht's loss 9) on ``points`` with ``targets`` ±1."""
    from exactrelu.core.instance import instance_from_mapping

    data = {"points": points, "targets": targets, "bias": bias} | ({"weights": weights} if weights else {})
    return instance_from_mapping({"data": data, "network": {"hidden": list(hidden), "loss": "hinge",
                                                            "activation": act}})


def liu_net(points: list, targets: list, d1: int = 1, bias: bool = False):  # type: ignore[no-untyped-def]
    """An instance of Liu's setting (ReLU, squared loss, one hidden layer of ``d1`` units, trainable output)."""
    from exactrelu.core.instance import instance_from_mapping

    return instance_from_mapping({"name": "t", "data": {"points": points, "targets": targets, "bias": bias},
                                  "network": {"hidden": [d1]}})


def kernel_kinds(doc: dict) -> list[str]:
    """The claim kinds the kernel accepted in ``doc``, steps first (it raises ``Reject`` otherwise)."""
    from exactrelu import kernel

    return [c.kind for c in kernel.check_document(doc)]
