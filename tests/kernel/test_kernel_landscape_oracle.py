"""The landscape kernel's global minimum against a closed form it does not use (one input, no bias).

For points ``x_i ∈ Q`` without bias every unit is positively homogeneous: ``σ(w x) = x σ(w)`` for ``x > 0`` and
``|x| σ(−w)`` for ``x < 0``, so ``F(x) = x A`` (``x > 0``), ``|x| B`` (``x < 0``), ``0`` (``x = 0``) with
``(A, B) = Σ_j z_j (σ(w_j), σ(−w_j))``.  Unit ``j`` contributes a point of the rays ``z_j w⁺ (1, −α)`` and
``z_j w⁻ (−α, 1)`` (``w = w⁺ ≥ 0`` or ``w = −w⁻ ≤ 0``): the rays ``±g`` for trainable ``z_j``, ``sign(v_j) g`` for
fixed ``v_j``.  The reachable ``(A, B)`` are the union, over one generator per unit, of the cones they span, and
with points on both sides the loss is a strictly convex quadratic in ``(A, B)``: its minimum over a cone is the
least over the faces spanned by linearly independent generators with non-negative unconstrained coefficients
(and the apex).  The kernel must accept the producer's certificate and its value must be that minimum.
"""

from __future__ import annotations

import itertools
import json
import random
from fractions import Fraction as Q

import pytest

from exactrelu import kernel
from exactrelu.certify.landscape import landscape_certificate
from exactrelu.core.instance import instance_from_mapping

Ray = tuple[Q, Q]


def _generators(alpha: Q, v: Q | None) -> list[Ray]:
    rays = [(Q(1), -alpha), (-alpha, Q(1))]
    if v is None:  # trainable z_j: either sign
        return rays + [(-a, -b) for a, b in rays]
    return [(a * (1 if v > 0 else -1), b * (1 if v > 0 else -1)) for a, b in rays]


def closed_form_minimum(points: list[Q], targets: list[Q], gens: list[list[Ray]]) -> Q:
    """``min ½ Σ (F(x_i) − y_i)²`` over the reachable ``(A, B)`` (points on both sides of 0)."""
    def loss(A: Q, B: Q) -> Q:
        return sum(((x * A if x > 0 else -x * B if x < 0 else Q(0)) - y) ** 2
                   for x, y in zip(points, targets, strict=True)) / 2
    # ½(a A² − 2bA) + ½(c B² − 2eB) + const: the quadratic's coefficients
    a = sum((x * x for x in points if x > 0), Q(0))
    b = sum((x * y for x, y in zip(points, targets, strict=True) if x > 0), Q(0))
    c = sum((x * x for x in points if x < 0), Q(0))
    e = sum((-x * y for x, y in zip(points, targets, strict=True) if x < 0), Q(0))
    best = loss(Q(0), Q(0))
    for choice in itertools.product(*gens):
        for k in (1, 2):
            for sub in itertools.combinations(sorted(set(choice)), k):
                H = [[g[0] * a * h[0] + g[1] * c * h[1] for h in sub] for g in sub]
                r = [g[0] * b + g[1] * e for g in sub]
                det = H[0][0] if k == 1 else H[0][0] * H[1][1] - H[0][1] * H[1][0]
                if det == 0:
                    continue
                t = [r[0] / det] if k == 1 else [(r[0] * H[1][1] - r[1] * H[0][1]) / det,
                                                 (H[0][0] * r[1] - H[1][0] * r[0]) / det]
                if all(ti >= 0 for ti in t):
                    best = min(best, loss(sum((ti * g[0] for ti, g in zip(t, sub, strict=True)), Q(0)),
                                          sum((ti * g[1] for ti, g in zip(t, sub, strict=True)), Q(0))))
    return best


def test_closed_form_by_hand() -> None:
    # issue 16: x = 1, −1, y = (2, 1), one ReLU unit, trainable: (A, B) on the axes, best A = 2, B = 0: loss ½
    assert closed_form_minimum([Q(1), Q(-1)], [Q(2), Q(1)], [_generators(Q(0), None)]) == Q(1, 2)
    # two units: both fitted
    assert closed_form_minimum([Q(1), Q(-1)], [Q(2), Q(1)], [_generators(Q(0), None)] * 2) == 0


@pytest.mark.parametrize("seed", range(16))
def test_kernel_global_minimum_equals_closed_form(seed: int) -> None:
    rng = random.Random(seed)
    n = rng.randint(2, 4)
    points = [Q(-1), Q(1)] + [Q(rng.choice([-2, -1, 0, 1, 2, 3])) for _ in range(n - 2)]
    targets = [Q(rng.randint(-3, 3), rng.choice([1, 2])) for _ in range(n)]
    d1, alpha = rng.choice([1, 2]), rng.choice([Q(0), Q(1, 2), Q(1, 3)])
    fixed = [Q(rng.choice([-2, -1, 1, 2])) for _ in range(d1)] if rng.random() < 0.5 else None
    mapping = {"data": {"points": [[str(p)] for p in points], "targets": [str(y) for y in targets], "bias": False},
               "network": {"hidden": [d1], "output": [str(v) for v in fixed] if fixed else "trainable",
                           "activation": "relu" if not alpha else f"leaky:{alpha}", "loss": "squared"}}
    doc = json.loads(json.dumps(landscape_certificate(instance_from_mapping(mapping))))
    kernel.check_document(doc)
    value = next(Q(s["claim"]["value"]) for s in [*doc.get("steps", []), doc]
                 if s["claim"]["kind"] == "landscape-global-minimum")
    gens = [_generators(alpha, fixed[j] if fixed else None) for j in range(d1)]
    assert value == closed_form_minimum(points, targets, gens)
