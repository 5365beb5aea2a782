"""Where Liu's Theorem 3 misses a non-differentiable local minimum (issue 16, SPEC §8).

Liu's Theorem 3 says: unit ``m`` on the wall ``<w_m, x_n> = 0`` of the cell ``A`` (``A_mn = 0``), every other
unit in its open cell, is a non-differentiable local minimum *if and only if* ``D R = d`` and the strict sign
conditions (29) ``z_m g·x_n < 0``, (30) ``z_m (g·x_n + e_n|x_n|²) > 0`` hold with the cell conditions off
``(m, n)`` (:mod:`exactrelu.liu.nondifferentiable`).  The "if" is right.  The "only if" is not: when a one-sided slope
``z_m g·x_n`` is ``0`` there is no strict solution, yet the point can be a local minimum.

A *miss* is a local-minimum class of the exact landscape (:func:`exactrelu.landscape.minima.minimum_classes`, whose
conditions are necessary and sufficient) in which exactly one unit ``m`` (with ``z_m ≠ 0``) lies on exactly one
wall ``n`` and every other unit lies in an open cell (Liu's setting), while no point of that wall of that cell
meets Liu's conditions (:func:`exactrelu.liu.nondifferentiable.decide_nondiff` refutes every sign choice).  A point
``x_p = 0`` lies on every wall, so Liu's cell conditions (strict on every point) never hold there; instances
with a zero point are outside the statement.

Issue 16's example: ``x = (0,2,2), (−1,2,1), (1,0,1)``, ``y = (1,−1,1)``, one unit, no bias: at ``z = 1``,
``w = (1, 1/2, 0)`` (on the wall of ``x_2``) the loss is ``1/2``, a local minimum, below the least loss ``1`` of
a differentiable (genuine) minimum, and Liu's strict conditions have no solution on that wall.

>>> from exactrelu.core.instance import instance_from_mapping
>>> inst = instance_from_mapping({"data": {"points": [[0, 2, 2], [-1, 2, 1], [1, 0, 1]], "targets": [1, -1, 1]},
...                               "network": {"hidden": [1]}})
>>> [(m.unit, m.point, str(m.cls.loss), m.pattern) for m in theorem3_misses(inst)]
[(0, 1, '1/2', ((1, 0, 1),)), (0, 0, '1', ((0, 1, 0),)), (0, 1, '3/2', ((0, 0, 0),)), (0, 2, '3/2', ((0, 0, 0),))]
>>> str(least_genuine_loss(minimum_classes(inst)))
'1'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from ..core.instance import Instance
from ..core.model import require
from ..landscape.minima import MinimumClass, minimum_classes
from .minima import MODEL as LIU_MODEL
from .minima import Pattern
from .nondifferentiable import NondiffVerdict, decide_nondiff

__all__ = ["Miss", "single_wall", "in_liu_setting", "is_open", "liu_pattern", "theorem3_misses",
           "least_genuine_loss"]


@dataclass(frozen=True)
class Miss:
    """A local-minimum class with unit ``unit`` on the wall of ``point`` that Liu's Theorem 3 does not find:
    ``liu`` is the exact verdict on Liu's conditions for ``(pattern, unit, point)`` (``liu.minimum`` is false)."""

    cls: MinimumClass
    unit: int
    point: int
    pattern: Pattern
    liu: NondiffVerdict


def _one_wall(faces: Sequence[Sequence[int]], signs: Sequence[int]) -> tuple[int, int] | None:
    walls = [(j, [i for i, s in enumerate(face) if s == 0]) for j, face in enumerate(faces)]
    on = [(j, w) for j, w in walls if w]
    if len(on) != 1 or len(on[0][1]) != 1 or signs[on[0][0]] == 0:
        return None
    return on[0][0], on[0][1][0]


def single_wall(inst: Instance, c: MinimumClass) -> tuple[int, int] | None:
    """``(m, n)`` when Liu's Theorem 3 speaks about the class: unit ``m`` (``z_m ≠ 0``) on the wall of exactly one
    point ``x_n``, every other unit off every wall; else ``None``."""
    return _one_wall(c.faces, c.signs)


def in_liu_setting(faces: Sequence[Sequence[int]], signs: Sequence[int]) -> bool:
    """A stratum filter for :func:`~exactrelu.landscape.minima.minimum_classes`: the strata
    :func:`single_wall` accepts."""
    return _one_wall(faces, signs) is not None


def is_open(faces: Sequence[Sequence[int]], signs: Sequence[int]) -> bool:
    """A stratum filter: every unit in an open cell (the differentiable classes, Liu's genuine minima)."""
    return all(all(f) for f in faces)


def liu_pattern(c: MinimumClass) -> Pattern:
    """Liu's cell 1 of the class: ``A_up = 1`` where ``<w_u, x_p> > 0``, else ``0`` (so ``A_mn = 0`` on the wall)."""
    return tuple(tuple(int(s > 0) for s in face) for face in c.faces)


def theorem3_misses(inst: Instance, classes: Sequence[MinimumClass] | None = None) -> tuple[Miss, ...]:
    """Every local-minimum class in Liu's Theorem-3 setting on whose wall Liu's strict conditions have no solution.

    ReLU, trainable output (Liu's model); an instance with a zero point has no Liu wall minimum at all and is
    refused by the caller (:func:`exactrelu.sweeps.statements` marks it vacuous)."""
    require(inst, LIU_MODEL, "Liu's Theorem 3 against the exact landscape")
    classes = minimum_classes(inst, keep=in_liu_setting) if classes is None else classes
    decided: dict[tuple[Pattern, int, int], NondiffVerdict] = {}
    out = []
    for c in classes:
        wall = single_wall(inst, c)
        if wall is None:
            continue
        m, n = wall
        pattern = liu_pattern(c)
        key = (pattern, m, n)
        if key not in decided:
            # other units are in open cones: their class witnesses serve for Liu's z_u = 0 branches
            decided[key] = decide_nondiff(inst, pattern, m, n, c.weights)
        if not decided[key].minimum:
            out.append(Miss(c, m, n, pattern, decided[key]))
    return tuple(sorted(out, key=lambda v: (v.cls.loss, v.point, v.cls.faces, v.cls.signs)))


def least_genuine_loss(classes: Sequence[MinimumClass]) -> Fraction | None:
    """The least loss of a differentiable local minimum (Liu's genuine minima, Theorem 1 with the ``z_j = 0``
    branch), or ``None`` when there is none."""
    return min((c.loss for c in classes if c.differentiable), default=None)
