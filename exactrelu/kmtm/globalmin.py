"""Global minimisers inside an activation region (Lemma 1, Theorem 8 of Karhadkar et al.; SPEC §3).

On ``S^A`` the predictions ``F(W, X)_j = Σ_i v_i A_ij <w_i, x_j>`` are linear in
``W``, so the global minimisers of zero loss in the region,
``G ∩ S^A = {W ∈ S^A : F(W, X) = y}``, are the solutions of a mixed system:
``n`` equations and ``d1·n`` strict inequalities.  When non-empty, the set is a
relatively open subset of the affine space ``{F(W, X) = y}``, so its
codimension in ``Q^{d1×d}`` is ``rank ∇_W F`` — it is ``n`` exactly when the
Jacobian has full rank (Theorem 8's "non-empty affine set of codimension n").

Feasibility depends on ``A`` only through the pair of row sets
``(S+, S−)`` = the distinct rows of the units with ``v_i > 0`` and with
``v_i < 0``: the reachable predictions are ``Σ_{a∈S+} K(a) − Σ_{a∈S−} K(a)``
for the open cones ``K(a) = {(a_j <w, x_j>)_j : w ∈ C(a)}``, and a sum of copies
of one convex cone is that cone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations

from ..core.feasibility import FeasiblePoint, Infeasibility, LinearSystem, decide
from ..core.instance import Instance
from ..core.model import FIXED, REAL, RELU, SQUARED, Model, require
from ..core.progress import NO_PROGRESS, Ticker
from .jacobian import (
    Pattern,
    RankEvidence,
    Row,
    jacobian_matrix,
    output_weights,
    rank_evidence,
    surjections,
    unit_rows,
)

__all__ = [
    "MODEL",
    "RegionMinimum",
    "global_minimum_system",
    "region_minimum",
    "GlobalMinCount",
    "count_global_minima",
    "representative",
]


MODEL = Model(activations=RELU, losses=SQUARED, deep=False, outputs=FIXED, targets=REAL,
              note="global minimisers are the zero-loss set F(W, X) = y")
"""What the global-minimum LPs model (Theorem 8): ReLU, one hidden layer, fixed output weights, squared loss."""


def global_minimum_system(instance: Instance, pattern: Pattern) -> LinearSystem:
    """Unknowns ``W`` unit-major; strict ``(2A_ij − 1)<w_i, x_j> > 0``, equations ``F(W, x_j) = y_j``."""
    require(instance, MODEL, "the global-minimum count")
    pts, v, y = instance.points, output_weights(instance), instance.targets
    d, d1 = instance.d, len(pattern)
    k = d * d1
    strict, equal = [], []
    for i, a in enumerate(pattern):
        for j, x in enumerate(pts):
            row = [Fraction(0)] * k
            row[i * d : (i + 1) * d] = [(2 * a[j] - 1) * c for c in x]
            strict.append((row, 0))
    for j, x in enumerate(pts):
        row = [Fraction(0)] * k
        for i, a in enumerate(pattern):
            if a[j]:
                row[i * d : (i + 1) * d] = [v[i] * c for c in x]
        equal.append((row, y[j]))
    return LinearSystem.build(k, strict=strict, equal=equal)


@dataclass(frozen=True)
class RegionMinimum:
    """``G ∩ S^A``: non-empty (with a point ``W``) or empty (Motzkin multipliers); its codimension."""

    pattern: Pattern
    answer: FeasiblePoint | Infeasibility
    rank: RankEvidence
    n: int

    @property
    def nonempty(self) -> bool:
        return self.answer.feasible

    @property
    def codimension(self) -> int | None:
        return self.rank.rank if self.nonempty else None

    @property
    def good(self) -> bool:
        """Theorem 8's event: a non-empty affine set of global minimisers of codimension ``n``."""
        return self.nonempty and self.rank.rank == self.n


def region_minimum(instance: Instance, pattern: Pattern) -> RegionMinimum:
    """Decide ``G ∩ S^A ≠ ∅`` exactly (cdd, re-verified) and the Jacobian rank (FLINT)."""
    pattern = tuple(tuple(r) for r in pattern)
    answer = decide(global_minimum_system(instance, pattern))
    return RegionMinimum(pattern, answer, rank_evidence(jacobian_matrix(instance, pattern), instance.n), instance.n)


def representative(rows: Sequence[Row], v: Sequence[Fraction], plus: Sequence[int], minus: Sequence[int]) -> Pattern:
    """A pattern whose positive units have row set ``plus`` and negative units ``minus`` (indices into ``rows``):
    the ``k``-th unit of a sign class gets the ``min(k, |S| − 1)``-th row of its set."""
    pos = [i for i, vi in enumerate(v) if vi > 0]
    neg = [i for i, vi in enumerate(v) if vi < 0]
    out: list[Row] = [()] * len(v)
    for units, chosen in ((pos, plus), (neg, minus)):
        for k, i in enumerate(units):
            out[i] = rows[chosen[min(k, len(chosen) - 1)]]
    return tuple(out)


def _sets(size: int, units: int) -> list[tuple[int, ...]]:
    if units == 0:
        return [()]
    return [c for s in range(1, min(size, units) + 1) for c in combinations(range(size), s)]


@dataclass(frozen=True)
class GlobalMinCount:
    """How many of the ``|rows|^{d1}`` activation patterns ``A`` carry global minimisers of codimension ``n``
    (Theorem 8 of Karhadkar et al.), with the decided sets ``G ∩ S^A`` it was counted from."""

    rows: tuple[Row, ...]
    d1: int
    count: int
    regions: tuple[RegionMinimum, ...]

    @property
    def total(self) -> int:
        return len(self.rows) ** self.d1

    @property
    def fraction(self) -> Fraction:
        return Fraction(self.count, self.total) if self.total else Fraction(0)


def count_global_minima(instance: Instance, progress: Ticker = NO_PROGRESS) -> GlobalMinCount:
    """Theorem 8, exactly: non-empty regions whose ``G ∩ S^A`` is non-empty of codimension ``n``.

    One LP per pair of row sets ``(S+, S−)``; each pair stands for
    ``surj(d+, |S+|) · surj(d−, |S−|)`` patterns.  ``progress`` (:mod:`exactrelu.core.progress`) shows the LPs.

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> inst = instance_from_mapping({"data": {"points": [[1]], "targets": [1], "bias": True},
    ...                               "network": {"hidden": [2], "output": [1, -1]}})
    >>> c = count_global_minima(inst)  # F = 1 needs the positive unit on: (on, off) and (on, on)
    >>> c.count, c.total
    (2, 4)
    """
    require(instance, MODEL, "the global-minimum count")
    v = output_weights(instance)
    rows = unit_rows(instance)
    dp, dm = sum(1 for x in v if x > 0), sum(1 for x in v if x < 0)
    count, regions = 0, []
    pluses, minuses = _sets(len(rows), dp), _sets(len(rows), dm)
    tick = progress.stage("one LP per pair of row sets (S+, S-)", len(pluses) * len(minuses))
    for plus in pluses:
        for minus in minuses:
            reg = region_minimum(instance, representative(rows, v, plus, minus))
            regions.append(reg)
            tick()
            if reg.good:
                count += surjections(dp, len(plus)) * surjections(dm, len(minus))
    return GlobalMinCount(rows, len(v), count, tuple(regions))
