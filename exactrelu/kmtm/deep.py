"""Theorem 10 of Karhadkar–Murray–Tseran–Montúfar (deep networks): activation patterns ``(A_1, …, A_{L−1})``.

``f_l(x) = σ(W_l f_{l−1}(x))``, ``F = vᵀ f_{L−1}`` with fixed nonzero ``v``.  The
pattern's open set ``S^A`` asks ``(2A_l[i,j] − 1)·<w_{l,i}, f_{l−1}(x_j)> > 0``;
``f_{l−1}(x_j) = A_{l−1}[:,j] ⊙ W_{l−1} f_{l−2}(x_j)`` depends on earlier
weights, so the constraints are bilinear.  Once ``W_1 … W_{l−1}`` are fixed
they are *linear* in ``W_l`` (one open cone per unit, on the points
``f_{l−1}(x_j)``).  What is decided exactly, and nothing more:

* **non-empty**: layer by layer, each ``W_l`` an exact LP solution given rational
  earlier weights (the tope witnesses of ``A_1``'s rows, a few fixed positive
  rescalings of its units tried) — the weights are a point of ``S^A``;
* **empty**: a row of ``A_1`` is not a tope (Motzkin multipliers), or a column of
  some ``A_l``, ``l < L−1``, is zero: then ``f_l(x_j) = 0`` and every unit of layer
  ``l+1`` has pre-activation exactly ``0`` on ``x_j``, never ``> 0`` or ``< 0``;
* otherwise **undecided** (no witness found; emptiness not proved).

For a non-empty pattern the Jacobian ``∇_W F`` (all layers) is evaluated at the
witness and its rank computed exactly: rank ``n`` there (hence on a
neighbourhood of it in ``S^A``) or rank ``< n`` — an exact counterexample to
"rank ``n`` for all ``W ∈ S^A``" for that pattern.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction
from itertools import product
from typing import Any

from ..core import linalg
from ..core.feasibility import FeasiblePoint, Infeasibility, LinearSystem, decide
from ..core.instance import Instance, InstanceError
from ..core.model import RELU, Model, require
from ..core.progress import NO_PROGRESS
from .jacobian import RankEvidence, output_weights, rank_evidence

__all__ = ["MODEL", "PATTERN_LIMIT", "require_enumerable", "DeepRegions", "count_regions",
           "ZeroColumn", "NotATope", "RegionStatus", "DeepVerdict", "decide_deep", "deep_jacobian",
           "witness_rank_evidence",
           "DeepCount", "count_deep", "all_deep_patterns"]

Matrix = tuple[tuple[Fraction, ...], ...]
Layer = tuple[tuple[int, ...], ...]

MODEL = Model(activations=RELU, deep=True, note="f_l = σ(W_l f_(l−1)), the bias a coordinate of the input only; "
                                                "loss, targets and output do not enter the patterns")
"""What the pattern decisions model: ReLU networks of any depth (a leaky unit has a different forward pass)."""

PATTERN_LIMIT = 1 << 14
"""The most patterns ``2^{n Σ d_l}`` enumerated one by one (each costs up to a few exact LPs)."""


def require_enumerable(instance: Instance, limit: int = PATTERN_LIMIT) -> int:
    """``2^{n Σ d_l}``, the number of patterns, or an :class:`InstanceError` on ``network.hidden`` when it exceeds
    ``limit`` (checked on the exponent first, so a huge width never builds a huge integer)."""
    require(instance, MODEL, "the deep pattern enumeration")
    exponent = instance.n * sum(instance.hidden)
    if exponent > limit.bit_length() - 1 or (1 << exponent) > limit:
        raise InstanceError(instance.source, "network.hidden",
                            f"2^(n·Σd_l) = 2^{exponent} activation patterns exceed the limit {limit} "
                            f"(n = {instance.n}, hidden = {list(instance.hidden)}); they are decided one by one",
                            "use fewer points or narrower layers")
    return 1 << exponent


@dataclass(frozen=True)
class ZeroColumn:
    """Why a pattern is empty: column ``point`` of ``A_layer`` is zero (``layer < L−1``), so ``f_layer(x_point) = 0``
    and every unit of the next layer has pre-activation exactly ``0`` on it, never ``> 0`` or ``< 0``."""

    layer: int
    point: int


@dataclass(frozen=True)
class NotATope:
    """Why a pattern is empty: row ``unit`` of ``A_1`` is not a tope; ``multipliers`` are Motzkin multipliers of
    its open cone ``(2A_1[unit, j] − 1)<w, x_j> > 0`` (:mod:`exactrelu.core.feasibility`; all rows strict)."""

    unit: int
    multipliers: tuple[Fraction, ...]


class RegionStatus(StrEnum):
    """What is decided about the activation region ``S^A`` of a deep pattern ``A = (A_1, …, A_{L−1})`` (Theorem 10 of
    KMTM; module docstring).

    - ``NONEMPTY`` (``"nonempty"``): exact weights in ``S^A`` were built layer by layer (``DeepVerdict.weights``);
    - ``EMPTY`` (``"empty"``): a row of ``A_1`` is not a tope, or a column of some ``A_l`` (``l < L−1``) is zero
      (the proof in ``DeepVerdict.evidence``);
    - ``UNDECIDED`` (``"undecided"``): no witness found and emptiness not proved.

    >>> [str(s) for s in RegionStatus]
    ['nonempty', 'empty', 'undecided']
    """

    NONEMPTY = "nonempty"
    EMPTY = "empty"
    UNDECIDED = "undecided"


@dataclass(frozen=True)
class DeepVerdict:
    """The decision on one pattern's region ``S^A``: its :class:`RegionStatus`, with the witness ``weights`` (and the
    Jacobian's ``rank`` there) when non-empty, the ``reason`` and the proof in ``evidence`` when empty."""

    pattern: tuple[Layer, ...]
    status: RegionStatus
    weights: tuple[Matrix, ...] | None = None
    reason: str = ""
    rank: int | None = None
    evidence: ZeroColumn | NotATope | None = None  # the empty verdict's proof (a deep-pattern-empty certificate)


def _forward(points: Sequence[Sequence[Fraction]], weights: Sequence[Matrix]) -> list[list[tuple[Fraction, ...]]]:
    """``f_l(x_j)`` for ``l = 0 … len(weights)``."""
    hs = [[tuple(Fraction(c) for c in x) for x in points]]
    for w in weights:
        hs.append(
            [
                tuple(max(sum((a * b for a, b in zip(row, h, strict=True)), Fraction(0)), Fraction(0)) for row in w)
                for h in hs[-1]
            ]
        )
    return hs


def deep_jacobian(
    points: Sequence[Sequence[Fraction]], v: Sequence[Fraction], weights: Sequence[Matrix], pattern: Sequence[Layer]
) -> list[list[Fraction]]:
    """``∇_W F`` at ``W``: rows are parameters (layer, unit, input), columns points.

    ``∂F/∂W_l = δ_l ⊗ f_{l−1}`` with ``δ_{L−1} = v ⊙ A_{L−1}[:,j]``, ``δ_l = (W_{l+1}ᵀ δ_{l+1}) ⊙ A_l[:,j]``.
    """
    hs = _forward(points, weights)
    depth = len(weights)
    cols = []
    for j in range(len(points)):
        deltas: list[list[Fraction]] = [[]] * depth
        deltas[-1] = [Fraction(vi) * pattern[-1][i][j] for i, vi in enumerate(v)]
        for lay in range(depth - 2, -1, -1):
            nxt, w = deltas[lay + 1], weights[lay + 1]
            deltas[lay] = [
                sum((w[k][i] * nxt[k] for k in range(len(nxt))), Fraction(0)) * pattern[lay][i][j]
                for i in range(len(weights[lay]))
            ]
        col = []
        for lay in range(depth):
            col += [d * h for d in deltas[lay] for h in hs[lay][j]]
        cols.append(col)
    return [list(r) for r in zip(*cols, strict=True)]


def _layer(points: Sequence[Sequence[Fraction]], a: Layer) -> Matrix | tuple[int, Infeasibility]:
    """Each unit's open cone on ``points``; else the first unit whose cone is empty, with Motzkin multipliers."""
    rows = []
    for i, row in enumerate(a):
        ans = decide(LinearSystem.open_cone(points, [2 * x - 1 for x in row]))
        if not isinstance(ans, FeasiblePoint):
            return i, ans
        rows.append(ans.point)
    return tuple(rows)


def decide_deep(
    points: Sequence[Sequence[Fraction]], v: Sequence[Fraction], pattern: Sequence[Layer], tries: int = 3
) -> DeepVerdict:
    """Decide ``S^A ≠ ∅`` where it is exactly decidable (module docstring); rank at the witness."""
    pat = tuple(tuple(tuple(r) for r in a) for a in pattern)
    n = len(points)
    for lay, a in enumerate(pat[:-1]):
        for j in range(n):
            if not any(r[j] for r in a):
                return DeepVerdict(pat, RegionStatus.EMPTY,
                                   reason=f"column {j} of A_{lay + 1} is zero: f_{lay + 1}(x_{j}) = 0",
                                   evidence=ZeroColumn(lay + 1, j))
    w1 = _layer(points, pat[0])
    if isinstance(w1[0], int):
        unit, ans = w1
        return DeepVerdict(pat, RegionStatus.EMPTY, reason=f"row {unit} of A_1 is not a tope (Motzkin multipliers)",
                           evidence=NotATope(unit, tuple(ans.strict)))
    for t in range(tries):
        scaled = tuple(tuple(c * (1 + (i * t) % (len(w1) + 1)) for c in row) for i, row in enumerate(w1))
        weights: list[Matrix] = [scaled]
        for a in pat[1:]:
            hs = _forward(points, weights)[-1]
            nxt = _layer(hs, a)
            if isinstance(nxt[0], int):
                break
            weights.append(nxt)  # type: ignore[arg-type]
        else:
            jac = deep_jacobian(points, v, weights, pat)
            return DeepVerdict(pat, RegionStatus.NONEMPTY, weights=tuple(weights), rank=linalg.rank(jac))
    return DeepVerdict(pat, RegionStatus.UNDECIDED,
                       reason=f"no witness with {tries} choices of W_1; emptiness not proved")


def all_deep_patterns(n: int, widths: Sequence[int]) -> Any:
    """Every ``(A_1, …, A_{L−1})``: ``2^{n Σ d_l}`` of them."""
    layers = [list(product(list(product((0, 1), repeat=n)), repeat=d)) for d in widths]
    return product(*layers)


@dataclass(frozen=True)
class DeepCount:
    """Theorem 10 on a small deep network: of the ``total`` patterns, how many are proved empty, non-empty with
    ``rank ∇_W F = n`` or ``< n`` at the witness, or undecided; ``verdicts`` one per pattern, in enumeration order."""

    total: int
    empty: int
    full_at_witness: int
    deficient_at_witness: int
    undecided: int
    verdicts: tuple[DeepVerdict, ...] = field(default=(), compare=False, repr=False)


def count_deep(points: Sequence[Sequence[Fraction]], v: Sequence[Fraction], widths: Sequence[int],
               advance: Callable[[], None] = NO_PROGRESS) -> DeepCount:
    """Classify every pattern of a small deep network (exhaustive; ``2^{n Σ d_l}`` patterns); ``advance`` is
    called once per pattern (a progress ticker, :mod:`exactrelu.core.progress`).

    >>> c = count_deep([(Fraction(0), Fraction(1)), (Fraction(1), Fraction(1))], [Fraction(1)], [1, 1])
    >>> c.total, c.empty + c.full_at_witness + c.deficient_at_witness + c.undecided  # 2^(n·(1 + 1)) patterns
    (16, 16)
    """
    n = len(points)
    counts = {"empty": 0, "full": 0, "deficient": 0, "undecided": 0}
    total = 0
    verdicts = []
    for pat in all_deep_patterns(n, widths):
        total += 1
        ver = decide_deep(points, v, pat)
        verdicts.append(ver)
        advance()
        if ver.status == RegionStatus.NONEMPTY:
            counts["full" if ver.rank == n else "deficient"] += 1
        else:
            counts[ver.status] += 1
    return DeepCount(total, counts["empty"], counts["full"], counts["deficient"], counts["undecided"], tuple(verdicts))


def witness_rank_evidence(points: Sequence[Sequence[Fraction]], v: Sequence[Fraction],
                          verdict: DeepVerdict) -> RankEvidence:
    """The rank evidence of ``∇_W F`` (all layers, :func:`deep_jacobian`) at a non-empty verdict's witness weights
    (a ``deep-jacobian-rank`` certificate states it)."""
    if verdict.weights is None:
        raise ValueError(f"a {verdict.status} pattern has no witness weights")
    return rank_evidence(deep_jacobian(points, v, verdict.weights, verdict.pattern), len(points))


@dataclass(frozen=True)
class DeepRegions:
    """The non-empty patterns ``(A_1, …, A_{L−1})`` of a deep network, as far as they are decided.

    ``nonempty`` patterns have a rational witness, ``empty`` ones a proof of emptiness; the number of non-empty
    patterns is exact only when ``undecided == 0``, else it lies in :attr:`interval`.
    """

    total: int
    nonempty: int
    empty: int
    undecided: int
    verdicts: tuple[DeepVerdict, ...] = field(default=(), compare=False, repr=False)

    @property
    def exact(self) -> bool:
        return self.undecided == 0

    @property
    def interval(self) -> tuple[int, int]:
        """``[proved non-empty, proved non-empty + undecided]``."""
        return self.nonempty, self.nonempty + self.undecided


def count_regions(instance: Instance, limit: int = PATTERN_LIMIT,
                  advance: Callable[[], None] = NO_PROGRESS) -> DeepRegions:
    """Decide every pattern of ``instance`` (:data:`MODEL`; refused beyond ``limit`` patterns, never a hang);
    ``advance`` is called once per pattern."""
    require_enumerable(instance, limit)
    c = count_deep(instance.points, output_weights(instance), instance.hidden, advance)
    return DeepRegions(c.total, c.full_at_witness + c.deficient_at_witness, c.empty, c.undecided, c.verdicts)
