"""Clarke criticality at a rational point (Laurent–von Brecht Definition 2, eq. 8), exactly.

The Clarke subdifferential of the loss at ω is ``conv{∇L_u(ω) : Ω_u adjacent to ω}``,
where ``L_u`` is the polynomial of the cell ``u`` (Theorem 1) and a cell is
adjacent when ω lies in its closure.  Candidate cells replace each zero entry
of ``S(ω)`` by a sign ``τ``.  Exactly decided:

- **adjacent**: a ray ``ω + tδ`` enters ``Ω_u`` for all small ``t > 0``; found by
  an exact LP on the first-order parts ``τ_z ∇e_z(ω)·δ > 0`` of the zero entries
  ``e_z`` (computed in the cell ``u``), re-checked by the kernel through the
  lowest-order coefficients of every entry along the ray;
- **not adjacent**: the first-layer zero entries alone (affine in ω) have no
  solution with signs ``τ`` (Motzkin multipliers);
- **unknown**: neither (a zero hinge or deep entry whose first-order part is
  degenerate; the cell may be reached along curves only).

Verdicts: *critical* if ``0 ∈ conv`` of the adjacent cells' gradients (convex
weights); *not critical* if a direction ``g`` has ``∇L_u(ω)·g < 0`` on every
adjacent *or unknown* cell (Gordan); otherwise *undecided*, with the reason.
No verdict is ever guessed.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from .certificates import certificate, sign_string
from .feasibility import FeasiblePoint, LinearSystem, decide
from .instance import Instance
from .multilinear import Signature, signature, zero_entries
from .point import Point, flatten, out_dim, point_to_mapping, unflatten
from .rationals import format_rational, format_vector

__all__ = ["CellGradient", "ClarkeVerdict", "clarke", "cell_gradients", "MAX_ZEROS", "loss_value"]

MAX_ZEROS = 12


class _Dual:
    """``v + g·dω``: a value and its exact gradient in the parameters."""

    __slots__ = ("v", "g")

    def __init__(self, v: Fraction, g: list[Fraction]):
        self.v, self.g = v, g

    def __add__(self, o: _Dual) -> _Dual:
        return _Dual(self.v + o.v, [a + b for a, b in zip(self.g, o.g, strict=True)])

    def __mul__(self, o: _Dual) -> _Dual:
        return _Dual(self.v * o.v, [self.v * b + o.v * a for a, b in zip(self.g, o.g, strict=True)])

    def scale(self, s: Fraction) -> _Dual:
        return _Dual(s * self.v, [s * a for a in self.g])


def cell_gradients(inst: Instance, p: Point, cell: Signature) -> tuple[list[list[Fraction]], list[Fraction]]:
    """``∇e(ω)`` for every signature entry and ``∇L_u(ω)``, with the nonlinearities fixed by ``cell``."""
    flat = flatten(p)
    P = len(flat)
    params = [_Dual(v, [Fraction(int(q == k)) for q in range(P)]) for k, v in enumerate(flat)]
    net = unflatten(inst, params, convert=False)  # type: ignore[arg-type]

    def const(v: Fraction) -> _Dual:
        return _Dual(Fraction(v), [Fraction(0)] * P)

    grads: list[list[Fraction]] = []
    loss = const(Fraction(0))
    mu = inst.hinge_weights
    for i, x in enumerate(inst.raw_points):
        h = [const(v) for v in x]
        for layer in net.layers:
            new = []
            for k, row in enumerate(layer.W):
                pre = const(Fraction(0))
                for w, v in zip(row, h, strict=True):
                    pre = pre + w * v  # type: ignore[operator]
                if layer.b is not None:
                    pre = pre + layer.b[k]  # type: ignore[operator]
                s = cell[len(grads)]
                grads.append(pre.g)
                new.append(pre if s > 0 else pre.scale(inst.alpha))
            h = new
        yhat = []
        for r, row in enumerate(net.V):
            o = const(Fraction(0))
            for w, v in zip(row, h, strict=True):
                o = o + w * v  # type: ignore[operator]
            yhat.append(o + net.c[r] if net.c is not None else o)  # type: ignore[operator]
        if inst.onehot is None:
            args = [const(Fraction(1)) + yhat[0].scale(-inst.targets[i])]
            r0 = -1
        else:
            r0 = inst.onehot[i].index(1)
            args = [const(Fraction(1)) + yhat[r] + yhat[r0].scale(Fraction(-1)) for r in range(out_dim(inst))]
        for r, a in enumerate(args):
            s = cell[len(grads)]
            grads.append(a.g)
            if s > 0 and r != r0:
                loss = loss + a.scale(mu[i])
    return grads, loss.g


@dataclass(frozen=True)
class CellGradient:
    tau: tuple[int, ...]                      # signs on the zero entries
    status: str                               # "adjacent", "not-adjacent", "unknown"
    gradient: tuple[Fraction, ...]
    ray: tuple[Fraction, ...] = ()
    multipliers: tuple[Fraction, ...] = ()    # Motzkin, on the zero entries (first layer only)


@dataclass(frozen=True)
class ClarkeVerdict:
    verdict: str                              # "critical", "not-critical", "undecided"
    signature: Signature
    zeros: tuple[int, ...]
    cells: tuple[CellGradient, ...] = ()
    weights: dict[tuple[int, ...], Fraction] = field(default_factory=dict)
    direction: tuple[Fraction, ...] = ()
    reason: str = ""
    loss: Fraction = Fraction(0)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"verdict": self.verdict, "signature": sign_string(self.signature),
                               "zero_entries": list(self.zeros), "loss": format_rational(self.loss),
                               "cells": [{"signs": sign_string(c.tau), "status": c.status,
                                          "gradient": format_vector(c.gradient)} for c in self.cells]}
        if self.weights:
            out["weights"] = {sign_string(t): format_rational(w) for t, w in self.weights.items()}
        if self.direction:
            out["direction"] = format_vector(self.direction)
        if self.reason:
            out["reason"] = self.reason
        return out

    def evidence(self, inst: Instance) -> dict[str, Any]:
        """The kernel's evidence (format 2): adjacent cells by their rays with convex weights, or a descent
        direction with the cells proved empty (keyed by their signs on the zero entries) by Motzkin multipliers on
        their first-layer zero entries."""
        if self.verdict == "critical":
            return {"cells": [{"ray": format_vector(c.ray), "weight": format_rational(self.weights[c.tau])}
                              for c in self.cells if c.tau in self.weights]}
        if self.verdict == "not-critical":
            first = _first_layer(inst, self.zeros)
            return {"direction": format_vector(self.direction),
                    "excluded": {sign_string(c.tau): {"strict": format_vector([m for m, f in zip(c.multipliers, first,
                                                                                                 strict=True) if f]),
                                                      "weak": [], "equal": []}
                                 for c in self.cells if c.status == "not-adjacent"}}
        raise ValueError(f"an undecided point has no certificate: {self.reason}")

    def certificate(self, inst: Instance, p: Point) -> dict[str, Any]:
        claim = {"kind": "clarke-critical" if self.verdict == "critical" else "not-clarke-critical",
                 "point": point_to_mapping(p), "loss": format_rational(self.loss)}
        return certificate(claim, self.evidence(inst), inst)


def loss_value(inst: Instance, p: Point) -> Fraction:
    """The hinge loss ``Σ_i μ_i Σ_{r ≠ r0} σ(arg)`` at ω (eq. 9 or eq. 2 weighted)."""
    from .multilinear import pre_activations

    total = Fraction(0)
    for i, per in enumerate(pre_activations(inst, p)):
        r0 = inst.onehot[i].index(1) if inst.onehot is not None else -1
        hinge = (max(a, Fraction(0)) for r, a in enumerate(per[-1]) if r != r0)
        total += inst.hinge_weights[i] * sum(hinge, Fraction(0))
    return total


def _first_layer(inst: Instance, zeros: Sequence[int]) -> list[bool]:
    """The zero entries affine in ω that bound a cell: first-layer entries of a nonzero (augmented) point.  A zero
    point without bias has a pre-activation that vanishes identically, which excludes no cell."""
    D = sum(inst.hidden) + out_dim(inst)
    return [e % D < inst.hidden[0] and (inst.bias or any(inst.raw_points[e // D])) for e in zeros]


def clarke(inst: Instance, p: Point, shift: Sequence[Fraction] | None = None) -> ClarkeVerdict:
    """Decide ``0 ∈ ∂_0 L(ω)`` exactly, or say why it cannot be decided.

    With ``shift = s`` it decides ``0 ∈ ∂_0 L(ω) + s``, i.e. Clarke criticality of
    ``L + <s, ·>`` (used for a smooth penalty: ``∂_0(L + G) = ∂_0 L + ∇G``); the
    reported gradients then include ``s``.
    """
    sig = signature(inst, p)
    zeros = zero_entries(sig)
    loss = loss_value(inst, p)
    if len(zeros) > MAX_ZEROS:
        return ClarkeVerdict("undecided", sig, zeros, reason=f"{len(zeros)} zero entries (> {MAX_ZEROS}): "
                             "too many candidate cells", loss=loss)
    first = _first_layer(inst, zeros)
    P = len(flatten(p))
    cells = []
    for tau in itertools.product((1, -1), repeat=len(zeros)):
        u = list(sig)
        for e, s in zip(zeros, tau, strict=True):
            u[e] = s
        grads, g_loss = cell_gradients(inst, p, tuple(u))
        if shift is not None:
            g_loss = [a + b for a, b in zip(g_loss, shift, strict=True)]
        rows = [([s * v for v in grads[e]], 0) for e, s in zip(zeros, tau, strict=True)]
        answer = decide(LinearSystem.build(P, strict=rows))
        if isinstance(answer, FeasiblePoint):
            cells.append(CellGradient(tau, "adjacent", tuple(g_loss), ray=answer.point))
            continue
        only_first = LinearSystem.build(P, strict=[r for r, f in zip(rows, first, strict=True) if f])
        first_answer = decide(only_first) if only_first.strict else None
        if first_answer is not None and not isinstance(first_answer, FeasiblePoint):
            it = iter(first_answer.strict)
            mult = tuple(next(it) if f else Fraction(0) for f in first)
            cells.append(CellGradient(tau, "not-adjacent", tuple(g_loss), multipliers=mult))
        else:
            cells.append(CellGradient(tau, "unknown", tuple(g_loss)))
    adjacent = [c for c in cells if c.status == "adjacent"]
    possible = [c for c in cells if c.status != "not-adjacent"]
    base = dict(signature=sig, zeros=zeros, cells=tuple(cells), loss=loss)
    if adjacent:
        k = len(adjacent)
        eq = [([c.gradient[q] for c in adjacent], 0) for q in range(P)] + [([Fraction(1)] * k, 1)]
        weak = [([Fraction(int(a == b)) for b in range(k)], 0) for a in range(k)]
        hull = decide(LinearSystem.build(k, weak=weak, equal=eq))
        if isinstance(hull, FeasiblePoint):
            weights = {c.tau: w for c, w in zip(adjacent, hull.point, strict=True) if w}
            return ClarkeVerdict("critical", weights=weights, **base)  # type: ignore[arg-type]
    sep = decide(LinearSystem.build(P, strict=[([-v for v in c.gradient], 0) for c in possible]))
    if isinstance(sep, FeasiblePoint):
        return ClarkeVerdict("not-critical", direction=sep.point, **base)  # type: ignore[arg-type]
    unknown = [sign_string(c.tau) for c in cells if c.status == "unknown"]
    return ClarkeVerdict("undecided", reason="0 lies in the hull only once cells of undetermined adjacency "
                         f"({', '.join(unknown)}) are included", **base)  # type: ignore[arg-type]
