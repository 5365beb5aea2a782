"""The landscape claim kinds (exactrelu/kernel/landscape.py): real certificates from exactrelu/certify/landscape.py are
accepted with hand-computed values, false ones are rejected, and the face enumeration's two facts hold."""

from __future__ import annotations

import itertools
import json
import random
import subprocess
import sys
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from conftest import mutated

from exactrelu import kernel
from exactrelu.arrangements.topes import covectors, topes
from exactrelu.certify.certificates import certificate, dumps
from exactrelu.certify.landscape import (
    global_minimum_claim,
    landscape_certificate,
    local_minimum_certificate,
)
from exactrelu.core.instance import instance_from_mapping
from exactrelu.landscape.minima import landscape

ROOT = Path(__file__).parents[2]
ISSUE16 = {"name": "issue16", "data": {"points": [[1], [-1]], "targets": [2, 1]}, "network": {"hidden": [1]}}
THEOREM3 = {"name": "theorem3", "data": {"points": [[0, 2, 2], [-1, 2, 1], [1, 0, 1]], "targets": [1, -1, 1]},
            "network": {"hidden": [1]}}
NO_SPURIOUS = {"name": "no-spurious", "data": {"points": [[-1], [1]], "targets": [-2, 2]}, "network": {"hidden": [1]}}


def check(doc: dict[str, Any]) -> list[kernel.Checked]:
    return kernel.check_text(dumps(doc))[0]


def test_issue16_instance_hand_worked() -> None:
    """x = 1, −1, y = (2, 1), one unit: w > 0 fits y_1 and misses y_2 (loss ½·1² = 1/2, global); w < 0, z > 0
    fits y_2 and misses y_1 (½·2² = 2); w = 0, z < 0 outputs 0 and every nearby output is ≤ 0 where the targets
    are positive (½(4 + 1) = 5/2).  Both are spurious: the certificate's steps say so."""
    got = check(landscape_certificate(instance_from_mapping(ISSUE16)))
    assert [c.kind for c in got] == ["landscape-global-minimum", "landscape-local-minimum", "landscape-local-minimum"]
    assert "global minimum of the loss ½Σ(F(x_i) − y_i)² is 1/2" in got[0].statement
    assert "W = (-1), z = (1) is a local minimum with loss 2 (spurious: loss 1/2" in got[1].statement
    assert "W = (0), z = (-1) is a local minimum with loss 5/2 (spurious" in got[2].statement


def test_no_spurious_hand_worked() -> None:
    """x = −1, 1, y = (−2, 2): one unit is active on one side only, so fits one target and outputs 0 on the other:
    the least loss is ½·2² = 2 either way, and every local minimum has it."""
    got = check(landscape_certificate(instance_from_mapping(NO_SPURIOUS)))
    assert [c.kind for c in got] == ["landscape-global-minimum", "landscape-no-spurious"]
    assert "is 2," in got[0].statement and "every local minimum has loss 2" in got[1].statement


def test_theorem3_only_if_counterexample() -> None:
    """Issue 16: z = 1, w = (1, 1/2, 0) lies on the wall of x_2 (<w, x_2> = −1 + 1 + 0 = 0) with loss 1/2
    (F = (1, 0, 1), y = (1, −1, 1): ½·1² = 1/2); it is a local minimum, and a global one."""
    inst = instance_from_mapping(THEOREM3)
    w = [[Fraction(1), Fraction(1, 2), Fraction(0)]]
    got = check(local_minimum_certificate(inst, w, [Fraction(1)], spurious=False))
    assert got[-1].statement == "W = (1, 1/2, 0), z = (1) is a local minimum with loss 1/2"
    assert "is 1/2," in check(certificate(*global_minimum_claim(inst), inst))[-1].statement


@pytest.mark.parametrize("mapping, value, spurious", [
    ({"data": {"points": [[1], [-1], [2]], "targets": [1, 2, 0], "bias": True},
      "network": {"hidden": [2], "activation": "leaky:1/2"}}, "0", True),
    ({"data": {"points": [[2]], "targets": [2]}, "network": {"hidden": [1], "activation": "leaky:1/2"}}, "0", False),
    ({"data": {"points": [[-1], [1]], "targets": [-2, 2]}, "network": {"hidden": [2], "output": ["1", "1"]}},
     "2", False),
    ({"data": {"points": [[1], [-1]], "targets": [2, 1]}, "network": {"hidden": [1], "output": ["-1"]}},
     "5/2", False),
    ({"data": {"points": [[2], [2], [-2]], "targets": [1, -1, 0], "bias": True}, "network": {"hidden": [1]}},
     "1", False),
])
def test_settings(mapping: dict[str, Any], value: str, spurious: bool) -> None:
    """Leaky, bias, fixed output, repeated points.  Hand values: leaky one point x = 2, y = 2 is fitted (0);
    fixed v = (1, 1) outputs F ≥ 0, so y_1 = −2 costs ½·4 = 2; fixed v = −1 outputs F ≤ 0, best F = 0 (½(4 + 1));
    two copies of x = 2 with y = ±1 cost at least ½(1 + 1) = 1."""
    got = check(landscape_certificate(instance_from_mapping(mapping)))
    assert f"is {value}," in got[0].statement
    assert (got[-1].kind == "landscape-local-minimum") == spurious


def test_random_instances_agree_with_the_analysis() -> None:
    """Small random instances: the certificate is accepted and proves what exactrelu.landscape.minima answers."""
    rng = random.Random(16)
    for _ in range(6):
        n = rng.randint(1, 3)
        m = {"data": {"points": [[rng.randint(-2, 2)] for _ in range(n)], "targets": [rng.randint(-2, 2)
                                                                                       for _ in range(n)],
                      "bias": rng.random() < 0.5},
             "network": {"hidden": [1], "activation": rng.choice(["relu", "leaky:1/3"])}}
        inst = instance_from_mapping(m)
        a = landscape(inst)
        got = check(landscape_certificate(inst, a))
        assert f"is {a.global_min.value}," in got[0].statement.replace("Fraction", "")
        assert len(got) == 1 + max(len(a.spurious), 1)


def test_kernel_rejects_a_moved_point() -> None:
    """The spurious minimum w = −1 moved to w = −2 (still loss 2: F(−1) = 2 overshoots y_2 = 1 by 1, y_1 missed by
    2: ½(4 + 1) = 5/2 — so the loss must be changed too, and the point is then no local minimum)."""
    doc = landscape_certificate(instance_from_mapping(ISSUE16))
    step = next(s for s in doc["steps"] if s["claim"]["kind"] == "landscape-local-minimum")
    forged = certificate(step["claim"], step["evidence"], instance_from_mapping(ISSUE16))
    forged["claim"]["weights"], forged["claim"]["loss"] = [["-2"]], "5/2"
    with pytest.raises(kernel.Reject, match="violates"):
        check(forged)


def test_kernel_refuses_unmodelled_instances() -> None:
    doc = landscape_certificate(instance_from_mapping(NO_SPURIOUS))
    deep = mutated(doc, ("instance", "network", "hidden"), [1, 1])
    with pytest.raises(kernel.Reject, match="does not model"):
        check(deep)


def _compose(x: tuple[int, ...], t: tuple[int, ...]) -> tuple[int, ...]:
    return tuple(a if a else b for a, b in zip(x, t, strict=True))


CONFIGS = [[[1, 0], [2, 0], [0, 1], [0, -1], [1, 1]],  # parallel and antiparallel
           [[1, 1], [1, 1], [0, 0], [-1, 2]],  # repeated and zero points
           [[0, 0], [0, 0]], [[1], [-2], [3]], [[1, 0, 0], [0, 1, 0], [1, 1, 0], [0, 0, 1], [1, 1, 1]]]


@pytest.mark.parametrize("points", CONFIGS + [[[random.Random(s).randint(-2, 2) for _ in range(3)] for _ in range(5)]
                                              for s in range(4)])
def test_faces_are_the_witnessed_meets_of_topes(points: list[list[int]]) -> None:
    """The kernel's face enumeration: every covector is the meet of two topes, X = (X∘T) ∧ (X∘(−T)); a meet that
    is no covector has some X∘T that is no tope; and Mandel's theorem (A. Mandel, thesis, Waterloo 1982; the
    tope set determines the covectors in Björner–Las Vergnas–Sturmfels–White–Ziegler, *Oriented Matroids*;
    tested here, not trusted by the kernel): X is a covector iff X∘T is a tope for every tope T, checked
    exhaustively over {+, −, 0}^n against exactrelu.arrangements.topes.covectors."""
    ts = {t.signs for t in topes(points)}
    faces = {f.signs for f in covectors(points)}
    meets = {tuple(a if a == b else 0 for a, b in zip(s, t, strict=True)) for s in ts for t in ts}
    assert faces <= meets
    for x in meets - faces:
        assert any(_compose(x, t) not in ts for t in ts)
    for x in itertools.product((1, -1, 0), repeat=len(points)):
        assert (x in faces) == all(_compose(x, t) in ts for t in ts)


def test_cli_certificate(tmp_path: Path) -> None:
    out = tmp_path / "c.json"
    src = tmp_path / "i.json"
    src.write_text(json.dumps(ISSUE16))
    run = subprocess.run([sys.executable, "-m", "exactrelu", "landscape", str(src), "--certificate", str(out)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert check(json.loads(out.read_text()))[-1].kind == "landscape-local-minimum"
    bad = subprocess.run([sys.executable, "-m", "exactrelu", "landscape", str(src), "--certificate",
                          str(tmp_path / "missing" / "c.json")], capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 2 and "--certificate" in bad.stderr and "Traceback" not in bad.stderr


def _one_sided(points: list[int], targets: list[int], side: int) -> Fraction:
    """Least ½Σ(F − y)² for F(x) = R·x on the points with side·x > 0 and 0 elsewhere (R free): least squares."""
    on = [(Fraction(x), Fraction(y)) for x, y in zip(points, targets, strict=True) if side * x > 0]
    off = sum((Fraction(y) ** 2 for x, y in zip(points, targets, strict=True) if side * x <= 0), Fraction(0))
    sxx, sxy = sum((x * x for x, _ in on), Fraction(0)), sum((x * y for x, y in on), Fraction(0))
    rest = sum((y * y for _, y in on), Fraction(0)) - (sxy * sxy / sxx if sxx else 0)
    return (off + rest) / 2


def test_global_minimum_closed_form_one_unit_one_dimension() -> None:
    """One ReLU unit on 1-D data without bias: F(x) = z·relu(w x) is R·x on the side sign(w) of 0 and 0 on the
    other, R = z|w| free, so min L is the smaller one-sided least-squares residual (w = 0 is R = 0 on either
    side) — an independent route to the value the certificate proves."""
    rng = random.Random(7)
    for _ in range(8):
        n = rng.randint(1, 4)
        xs, ys = [rng.choice([-3, -2, -1, 0, 1, 2]) for _ in range(n)], [rng.randint(-3, 3) for _ in range(n)]
        inst = instance_from_mapping({"data": {"points": [[x] for x in xs], "targets": ys}, "network": {"hidden": [1]}})
        want = min(_one_sided(xs, ys, 1), _one_sided(xs, ys, -1))
        doc = certificate(*global_minimum_claim(inst), inst)
        assert doc["claim"]["value"] == (str(want.numerator) if want.denominator == 1 else str(want))
        check(doc)
        wrong = mutated(doc, ("claim", "value"), str(want + 1))
        with pytest.raises(kernel.Reject):
            check(wrong)
