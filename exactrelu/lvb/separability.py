"""Linear separability of binary data (the hypothesis of Laurent–von Brecht Theorems 4–6), exactly.

The data are separable iff ``{(w, b) : y_i(<w, x_i> + b) > 0 ∀i}`` is non-empty,
an open polyhedral cone decided by an exact LP (cdd via
:func:`exactrelu.core.feasibility.decide`).  Otherwise Motzkin's theorem gives
``m ≥ 0, m ≠ 0`` with ``Σ m_i y_i (x_i, 1) = 0``.

>>> from exactrelu.core.instance import instance_from_mapping
>>> xor = instance_from_mapping({"data": {"points": [[0, 0], [1, 1], [1, 0], [0, 1]], "targets": [1, 1, -1, -1]},
...        "network": {"hidden": [1], "loss": "hinge"}})
>>> separability(xor).separable
False
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from ..core.feasibility import FeasiblePoint, LinearSystem, decide
from ..core.instance import Instance
from ..core.model import BINARY, Model, require

__all__ = ["MODEL", "Separability", "separability"]


@dataclass(frozen=True)
class Separability:
    """Affine separability of the binary data: a point ``(w, b)`` with ``y_i(<w, x_i> + b) > 0`` for every ``i``
    (``separable``), or Motzkin multipliers ``m ≥ 0, m ≠ 0`` with ``Σ m_i y_i (x_i, 1) = 0``."""

    separable: bool
    w: tuple[Fraction, ...] = ()
    b: Fraction = Fraction(0)
    multipliers: tuple[Fraction, ...] = ()


MODEL = Model(deep=True, targets=BINARY, note="a property of the data alone: the network does not enter")
"""Separability reads only the points and the ±1 targets."""


def separability(inst: Instance) -> Separability:
    """Decide affine separability of the binary data (raw points, with an offset ``b``).

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> sep = separability(instance_from_mapping({"data": {"points": [[1], [2], [3]], "targets": [1, -1, 1]},
    ...                                           "network": {"hidden": [1], "loss": "hinge"}}))
    >>> sep.separable, sep.multipliers  # +, −, + on a line: ¼x_1 − ½x_2 + ¼x_3 = 0 with weights summing to 0
    (False, (Fraction(1, 4), Fraction(1, 2), Fraction(1, 4)))
    """
    require(inst, MODEL, "separability")
    rows = [([y * v for v in (*x, Fraction(1))], 0) for x, y in zip(inst.raw_points, inst.targets, strict=True)]
    answer = decide(LinearSystem.build(inst.d0 + 1, strict=rows))
    if isinstance(answer, FeasiblePoint):
        return Separability(True, answer.point[:-1], answer.point[-1])
    return Separability(False, multipliers=answer.strict)
