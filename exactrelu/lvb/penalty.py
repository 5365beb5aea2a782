"""Theorem 7 of Laurent–von Brecht (exact penalty, the penalised loss (13)), checked at a rational point.

Multiclass data with one-hot targets ``y^(i) ∈ {0,1}^R``.  Each class ``r`` has
its own replicate ``ω^(r) = (W^(ℓ,r), b^(ℓ,r) for ℓ ∈ [L], v_r, c_r)`` and the
one-versus-all loss (12)::

    L^(r)(ω^(r)) = Σ_i μ_i σ(1 − t_i^r ŷ_r^(i)),   t_i^r = +1 if y_r^(i) = 1 else −1

which is exactly the binary loss (9) of the network with one output, targets
``t^r`` and weights ``μ_i`` (the instance weights; the tool takes
``μ^(i,r) = μ_i``).  The penalised loss (13) is
``E_γ = Σ_r L^(r)(ω^(r)) + γ R/(R−1) Σ_ℓ Σ_r ‖ω̌^(ℓ,r) − ω̌̄^(ℓ)‖²`` over the
hidden-layer blocks ``ω̌ = (W, b)``.

Why the check is exact.  The ``L^(r)`` act on disjoint variables, so their
limiting gradients combine independently and ``∂_0 Σ_r L^(r) = Π_r ∂_0 L^(r)``;
the penalty ``𝓡`` is smooth, so ``∂_0 E_γ = Π_r ∂_0 L^(r) + ∇(γ𝓡)`` with
``∇_{ω̌^(r)}(γ𝓡) = 2γR/(R−1) (ω̌^(r) − ω̌̄)`` (the terms through the mean cancel).
Hence ``0 ∈ ∂_0 E_γ`` iff for every ``r``: ``0 ∈ ∂_0 L^(r)(ω^(r)) + s_r`` with
``s_r`` that gradient padded by zeros on ``(v_r, c_r)`` — one exact Clarke
decision per class (:func:`exactrelu.lvb.clarke.clarke` with ``shift``).

Theorem 7 says: at any critical point of ``E_γ`` (γ > 0), (i) the replicates
agree and (ii) ``0 ∈ ∂_0 L^(r)(ω̌, v_r, c_r)`` for every ``r``.  The tool
decides all three facts at the given point (for (ii) at replicate ``r``'s own
hidden parameters, which are the common ``ω̌`` whenever (i) holds).

POINT file (TOML/JSON), one ``[[classes]]`` table per class, each a binary
POINT (docs/lvb.md) with a one-row output ``V = [[v_r]]``, ``c = [c_r]``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path
from typing import Any

from ..core.instance import FloatLiteral, Instance, InstanceError, read_document
from ..core.model import HINGE, ONEHOT, TRAINABLE, Model, Verdict, require
from ..core.point import Point, flatten, point_from_mapping
from .clarke import ClarkeVerdict, Criticality, clarke, loss_value

__all__ = ["MODEL", "Replicates", "PenaltyCheck", "class_instance", "load_replicates", "replicates_from_mapping",
           "penalty_gradients", "penalised_loss", "check_penalty"]


def class_instance(inst: Instance, r: int) -> Instance:
    """The binary instance of ``L^(r)``: targets ``+1`` on class ``r``, ``−1`` elsewhere, same weights."""
    assert inst.onehot is not None
    targets = tuple(Fraction(1 if row[r] == 1 else -1) for row in inst.onehot)
    return replace(inst, onehot=None, targets=targets, weights=inst.hinge_weights)


@dataclass(frozen=True)
class Replicates:
    """``(ω^(1), …, ω^(R))``: one binary point per class."""

    points: tuple[Point, ...]


MODEL = Model(losses=HINGE, deep=True, outputs=TRAINABLE, targets=ONEHOT,
              note="the penalised loss (13) of multiclass one-hot data, one replicate per class")
"""What Theorem 7 of Laurent–von Brecht (the exact penalty) is checked on."""


def _check(inst: Instance, source: str) -> None:
    require(inst, MODEL, "the penalised loss (13)")


def replicates_from_mapping(data: Any, inst: Instance, *, source: str = "<memory>") -> Replicates:
    """The replicates of Laurent–von Brecht Theorem 7 from a parsed mapping (see :func:`load_replicates`)."""
    _check(inst, inst.source)
    if not isinstance(data, Mapping) or not isinstance(data.get("classes"), list) \
            or len(data["classes"]) != inst.classes:
        raise InstanceError(source, "classes", f"expected {inst.classes} [[classes]] tables (one replicate per class)",
                            "add [[classes]] with [[classes.layers]] W (b) and [classes.output] V = [[...]] (c)")
    pts = []
    for r, table in enumerate(data["classes"]):
        try:
            pts.append(point_from_mapping(table, class_instance(inst, r), source=source))
        except InstanceError as exc:
            raise InstanceError(source, f"classes[{r}].{exc.key}", exc.expected, exc.fix) from None
    return Replicates(tuple(pts))


def load_replicates(path: str | Path, inst: Instance) -> Replicates:
    """The replicates ``(ω^(1), …, ω^(R))`` of Laurent–von Brecht Theorem 7 read from a point file (one
    ``[[classes]]`` table per class; errors name the file and key, :class:`~exactrelu.core.instance.InstanceError`).
    """
    path = Path(path)
    data = read_document(path, "point file", parse_float=FloatLiteral)
    return replicates_from_mapping(data, inst, source=str(path))


def _hidden(inst: Instance, p: Point) -> list[Fraction]:
    """The hidden-layer block ``ω̌`` of a flat point (everything before ``V``)."""
    k = len(p.V[0]) + (1 if p.c is not None else 0)
    return list(flatten(p)[:-k])


def penalty_gradients(inst: Instance, reps: Replicates, gamma: Fraction) -> list[list[Fraction]]:
    """``∇_{ω^(r)}(γ𝓡)`` for every ``r``: ``2γR/(R−1)(ω̌^(r) − ω̌̄)`` and zeros on ``(v_r, c_r)``."""
    R = len(reps.points)
    hid = [_hidden(inst, p) for p in reps.points]
    mean = [sum(col, Fraction(0)) / R for col in zip(*hid, strict=True)]
    scale = 2 * gamma * R / (R - 1)
    out = []
    for p, h in zip(reps.points, hid, strict=True):
        tail = len(flatten(p)) - len(h)
        out.append([scale * (a - m) for a, m in zip(h, mean, strict=True)] + [Fraction(0)] * tail)
    return out


def penalised_loss(inst: Instance, reps: Replicates, gamma: Fraction) -> Fraction:
    """``E_γ`` (eq. 13) at the point, exactly."""
    R = len(reps.points)
    hid = [_hidden(inst, p) for p in reps.points]
    mean = [sum(col, Fraction(0)) / R for col in zip(*hid, strict=True)]
    pen = Fraction(R, R - 1) * sum((sum(((a - m) ** 2 for a, m in zip(h, mean, strict=True)), Fraction(0))
                                    for h in hid), Fraction(0))
    return sum((loss_value(class_instance(inst, r), p) for r, p in enumerate(reps.points)), Fraction(0)) + gamma * pen


@dataclass(frozen=True)
class PenaltyCheck:
    """Theorem 7 of Laurent–von Brecht at one point: the penalised loss ``E_γ``, whether the replicates agree (i),
    and per class the Clarke verdicts of the penalised and the two-class losses (ii)."""

    gamma: Fraction
    loss: Fraction
    equal: bool                              # (i): all replicates' hidden parameters agree
    penalised: tuple[ClarkeVerdict, ...]     # per class: 0 ∈ ∂_0 L^(r) + s_r ?
    two_class: tuple[ClarkeVerdict, ...]     # per class: 0 ∈ ∂_0 L^(r) ?  (ii)

    @property
    def critical(self) -> Criticality:
        """Clarke criticality of ``E_γ``: critical iff every class's penalised loss is, not critical iff some class's
        is not (``∂_0 E_γ = Π_r (∂_0 L^(r) + s_r)``, module docstring), else undecided."""
        verdicts = [v.verdict for v in self.penalised]
        if Criticality.NOT_CRITICAL in verdicts:
            return Criticality.NOT_CRITICAL
        if all(v == Criticality.CRITICAL for v in verdicts):
            return Criticality.CRITICAL
        return Criticality.UNDECIDED

    @property
    def theorem7(self) -> Verdict:
        """``holds`` (critical, (i) and (ii) hold), ``vacuous`` (not critical: the hypothesis fails),
        ``undecided`` or ``fails``."""
        if self.critical != Criticality.CRITICAL:
            return Verdict.VACUOUS if self.critical == Criticality.NOT_CRITICAL else Verdict.UNDECIDED
        if not self.equal or any(v.verdict == Criticality.NOT_CRITICAL for v in self.two_class):
            return Verdict.FAILS
        return Verdict.HOLDS if all(v.verdict == Criticality.CRITICAL for v in self.two_class) else Verdict.UNDECIDED


def check_penalty(inst: Instance, reps: Replicates, gamma: Fraction) -> PenaltyCheck:
    """Decide criticality of ``E_γ``, the equalities (i) and the relations (ii) of Theorem 7 at the point."""
    _check(inst, inst.source)
    if gamma <= 0:
        raise ValueError("Theorem 7 needs γ > 0")
    shifts = penalty_gradients(inst, reps, gamma)
    pen, two = [], []
    for r, (p, s) in enumerate(zip(reps.points, shifts, strict=True)):
        ci = class_instance(inst, r)
        pen.append(clarke(ci, p, shift=s))
        two.append(clarke(ci, p))
    hid = [_hidden(inst, p) for p in reps.points]
    return PenaltyCheck(gamma, penalised_loss(inst, reps, gamma), all(h == hid[0] for h in hid),
                        tuple(pen), tuple(two))
