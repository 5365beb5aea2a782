"""Results of Karhadkar–Murray–Tseran–Montúfar ("KMTM"), checked exactly on an instance.

Each result is turned into an exact statement about this instance's numbers and returned as a
:class:`TheoremReport`: hypotheses decided exactly, the measured numbers as a value type (Fractions, ints,
bools, :class:`EpsilonBound`), a :class:`~exactrelu.core.model.Verdict` and its reason.

* Theorem 2 (:func:`theorem2`): the fraction of *all* ``2^{d1·n}`` patterns (empty regions included)
  whose Jacobian has rank ``n``.  The slides print the number of bad regions as
  ``⌈ε 2^{d1}⌉``; the number of patterns is ``2^{d1·n}``, so the bad count is
  compared with ``⌈ε 2^{d1·n}⌉``.  The ``Ω(·)`` hides a constant, so no ``ε`` is
  implied by ``d1``; we report the smallest ``ε`` for which the conclusion holds
  (the bad fraction itself) and check the precondition ``d0·d1 ≥ n``.
* Corollary 5 (:func:`corollary5`): the same fraction among the non-empty regions.
* Theorem 7 (:func:`theorem7`, ``d0 = 1``, distinct points): if ``d1 ≥ 2n ln(n/ε)`` then at most an
  ``ε`` fraction of the non-empty regions is rank deficient.  The least such
  ``ε`` is ``ε_T = n·e^{−d1/(2n)}``; we decide ``bad ≤ ε_T`` exactly with rational
  bounds on ``e^t`` (``e^t`` is irrational for rational ``t ≠ 0``, so the
  comparison is never an equality and the refinement terminates).
* Theorem 8 (:func:`theorem8`, ``d0 = 1``): the same with ``2n ln(2n/ε)`` against ``min(d+, d−)``,
  ``ε_T = 2n·e^{−min(d+,d−)/(2n)}``, for the fraction of non-empty regions whose
  ``G ∩ S^A`` is not a non-empty affine set of codimension ``n``; its "moreover" (all
  global minima of ``L`` have zero loss) against the exact global minimum of ``L``
  (:func:`zero_loss_global_minimum`).
* Theorem 9 (:func:`theorem9`): regions where every local minimum is global, decided per region.
* Theorem 10 (:func:`theorem10`): every pattern of a small deep network.
* Proposition 11 (:func:`proposition11`): the measure of the full-rank regions in the box.
* Theorem 12 (:func:`theorem12_report`, :mod:`exactrelu.kmtm.theorem12`): rank ``n`` for random ``(W, v)``.
* Proposition 13 (:func:`proposition13`): the cone of one-ReLU functions on 1-D data.

>>> lo, hi = exp_bounds(Fraction(1), 10)
>>> Fraction(27182, 10000) < lo < hi < Fraction(27183, 10000)
True
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from math import factorial
from typing import Any, Generic, TypeVar

from ..core.instance import Instance
from ..core.model import FIXED, REAL, RELU, SQUARED, TRAINABLE, Model, Verdict, require
from ..core.progress import NO_PROGRESS, Ticker
from .globalmin import GlobalMinCount, count_global_minima
from .jacobian import FullRankCount, count_instance, output_weights
from .relucone import Representation

__all__ = ["exp_bounds", "exceeds_exp", "MODELS", "EpsilonBound", "Row", "Numbers", "TheoremReport",
           "Theorem2Numbers", "Corollary5Numbers", "Theorem7Numbers", "Theorem8Numbers", "Theorem9Numbers",
           "Theorem10Numbers", "Proposition11Numbers", "Proposition13Numbers", "Theorem12Numbers",
           "Proposition13Answers",
           "theorem2", "corollary5", "theorem7", "theorem8", "zero_loss_global_minimum", "theorem9", "theorem10",
           "proposition11", "theorem12_report", "proposition13", "THEOREMS"]


def exp_bounds(t: Fraction, terms: int) -> tuple[Fraction, Fraction]:
    """Rationals ``lo ≤ e^t ≤ hi`` for ``t ≥ 0``: the Taylor sum to ``terms`` (at least ``2t + 2``) and the sum
    plus a geometric bound on the tail.

    >>> exp_bounds(Fraction(0), 1)
    (Fraction(1, 1), Fraction(1, 1))
    """
    if t < 0:
        raise ValueError("exp_bounds needs t ≥ 0")
    terms = max(terms, int(2 * t) + 2)
    lo = sum((t**k / factorial(k) for k in range(terms + 1)), Fraction(0))
    first = t ** (terms + 1) / factorial(terms + 1)
    return lo, lo + first / (1 - t / (terms + 2))


def exceeds_exp(q: Fraction, t: Fraction) -> bool:
    """Exactly whether ``q > e^t`` (``t ≥ 0`` rational, ``q`` rational), refining :func:`exp_bounds` until
    decided (terminates for ``t ≠ 0``: ``e^t`` is irrational, Lindemann).  Used for every ``ε_T`` of KMTM.

    >>> exceeds_exp(Fraction(2718, 1000), Fraction(1)), exceeds_exp(Fraction(2719, 1000), Fraction(1))
    (False, True)
    """
    if t == 0:
        return q > 1
    terms = 8
    while True:
        lo, hi = exp_bounds(t, terms)
        if q > hi:
            return True
        if q < lo:
            return False
        terms *= 2


Row = tuple[int, ...]
"""A unit's activation row ``(1[<w, x_j> > 0])_j``."""


@dataclass(frozen=True)
class EpsilonBound:
    """The least ``ε`` a theorem's width hypothesis allows, ``ε_T = factor·e^{exponent}`` (exact: ``e^t`` is
    irrational for rational ``t ≠ 0``, so it is kept as this pair, never rounded).

    >>> eps = EpsilonBound(3, Fraction(-2, 3))  # Theorem 7 with n = 3, d1 = 4: ε_T = 3·e^(−2/3)
    >>> str(eps), eps.at_least_one(), eps.exceeds(Fraction(1, 2))
    ('3·e^(−2/3)', True, True)
    """

    factor: int
    exponent: Fraction

    def __str__(self) -> str:
        return f"{self.factor}·e^({str(Fraction(self.exponent)).replace('-', '−')})"

    def exceeds(self, q: Fraction | int) -> bool:
        """Exactly whether ``ε_T > q`` (``q ≥ 0`` rational), refining rational bounds on ``e^t``
        (:func:`exceeds_exp`; ``ε_T = q`` is impossible unless the exponent is 0)."""
        q = Fraction(q)
        if q < 0:
            raise ValueError("EpsilonBound.exceeds needs q ≥ 0")
        if self.factor <= 0 or q == 0:
            return self.factor > 0
        if self.exponent == 0:
            return self.factor > q
        if self.exponent > 0:  # factor·e^x > q ⇔ q/factor < e^x
            return not exceeds_exp(q / self.factor, self.exponent)
        return exceeds_exp(self.factor / q, -self.exponent)  # factor·e^{−t} > q ⇔ factor/q > e^t

    def at_least_one(self) -> bool:
        """``ε_T ≥ 1``: the theorem allows no ``ε < 1`` and says nothing."""
        return self.factor >= 1 if self.exponent == 0 else self.exceeds(1)


@dataclass(frozen=True)
class Theorem2Numbers:
    """Theorem 2 of KMTM on an instance: the patterns among all ``2^{d1·n}`` whose ``∇_W F`` has rank ``n``."""

    patterns: int
    full_rank_count: int
    fraction_full_rank: Fraction
    fraction_bad: Fraction
    d0_d1_ge_n: bool


@dataclass(frozen=True)
class Corollary5Numbers:
    """Corollary 5 of KMTM: the non-empty regions whose ``∇_W F`` has rank ``n``."""

    nonempty_regions: int
    full_rank_count: int
    fraction_full_rank: Fraction
    fraction_bad: Fraction
    d_ge_n: bool


@dataclass(frozen=True)
class Theorem7Numbers:
    """Theorem 7 of KMTM: Corollary 5's count beside ``ε_T = n·e^{−d1/(2n)}``."""

    nonempty_regions: int
    full_rank_count: int
    fraction_full_rank: Fraction
    fraction_bad: Fraction
    epsilon_t: EpsilonBound


@dataclass(frozen=True)
class Theorem8Numbers:
    """Theorem 8 of KMTM: the non-empty regions containing global minimisers of codimension ``n``, the counts
    ``d+ = #{v_i > 0}``, ``d− = #{v_i < 0}``, ``ε_T = 2n·e^{−min(d+,d−)/(2n)}`` and the LPs solved."""

    nonempty_regions: int
    good: int
    fraction_good: Fraction
    fraction_bad: Fraction
    d_plus: int
    d_minus: int
    epsilon_t: EpsilonBound
    lps_solved: int
    global_minimum: Fraction | None
    """The exact global minimum of ``L`` over ``W`` (Theorem 8's "moreover"); ``None`` past the piece limit."""
    global_minimum_zero: bool | None
    zero_loss_region: tuple[Row, ...] | None
    """The region whose ``G ∩ S^A`` proved ``min L = 0`` (else ``None``)."""
    pieces_solved: int | None
    """How many closed-piece minima the landscape compared when no region reaches 0."""


@dataclass(frozen=True)
class Theorem9Numbers:
    """Theorem 9 of KMTM: the regions carrying a non-global local minimum (*bad*), the global minimum of the loss,
    the regions the rank condition proves good, and ``ε_T = n·e^{−d1/(2n)}``."""

    nonempty_regions: int
    global_minimum: Fraction
    bad_regions: int
    fraction_bad: Fraction
    proved_good_by_rank: int
    epsilon_t: EpsilonBound


@dataclass(frozen=True)
class Theorem10Numbers:
    """Theorem 10 of KMTM on a deep network: every pattern empty (proved), non-empty with ``∇_W F`` of rank ``n``
    or below at a rational witness, or undecided."""

    patterns: int
    empty: int
    nonempty_full_rank_at_witness: int
    nonempty_deficient_at_witness: int
    undecided: int
    fraction_proved_good_empty: Fraction
    fraction_refuted: Fraction  # witness rank < n

    @property
    def nonempty_patterns_bounds(self) -> tuple[int, int]:
        """``(lo, hi)``: the non-empty patterns are at least the decided ones, at most those plus the undecided."""
        lo = self.nonempty_full_rank_at_witness + self.nonempty_deficient_at_witness
        return lo, lo + self.undecided

    @property
    def nonempty_patterns(self) -> int | None:
        """The number of non-empty patterns when every pattern is decided, else ``None``."""
        lo, hi = self.nonempty_patterns_bounds
        return lo if lo == hi else None


@dataclass(frozen=True)
class Proposition11Numbers:
    """Proposition 11 of KMTM: the separation ``φ``, each unit tope's area in ``[−1,1]^2``, the measure of the
    full-rank regions in the box ``[−1,1]^{2 d1}`` and ``ε_T = n·e^{−φ d1/4}``."""

    phi: Fraction
    unit_areas: tuple[tuple[Row, Fraction], ...]
    fullrank_volume: Fraction
    box_volume: int
    fraction_full_rank: Fraction
    fraction_bad: Fraction
    epsilon_t: EpsilonBound


@dataclass(frozen=True)
class Proposition13Numbers:
    """Proposition 13 of KMTM on sorted 1-D data: the polyline's vertices (primitive integer vectors), whether
    cdd's generators of the cone equal them, and whether the targets ``y`` are a sum / signed sum of ``m``
    ReLUs, a non-negative or a linear combination of one-ReLU functions (the last always: they span ``Q^n``)."""

    polyline_vertices: tuple[tuple[int, ...], ...]
    cdd_rays_equal_vertices: bool
    hull_extreme_rays_equal_vertices: bool
    m: int
    sum_of_m_relus: bool
    sum_lps: int
    signed_sum_of_m_relus: bool
    signed_lps: int
    nonnegative_combination: bool
    linear_combination: bool


@dataclass(frozen=True)
class Theorem12Numbers:
    """Theorem 12 of KMTM: ``P(a)`` per activation row of one random unit, the anticoncentration constant ``γ``
    with a heaviest hyperplane's rows, ``P(rank ∇_(W,v) F = n)`` and ``ε_T = d0·e^{−t}``."""

    row_probabilities: tuple[tuple[Row, Fraction], ...]
    gamma: Fraction
    heaviest_hyperplane_rows: tuple[Row, ...]
    probability_full_rank: Fraction
    t: Fraction
    epsilon_t: EpsilonBound


Numbers = (Theorem2Numbers | Corollary5Numbers | Theorem7Numbers | Theorem8Numbers | Theorem9Numbers
           | Theorem10Numbers | Proposition11Numbers | Proposition13Numbers | Theorem12Numbers)
"""The measured numbers of one result (``None`` in a report when nothing was measured)."""

N = TypeVar("N", Theorem2Numbers, Corollary5Numbers, Theorem7Numbers, Theorem8Numbers, Theorem9Numbers,
            Theorem10Numbers, Proposition11Numbers, Proposition13Numbers, Theorem12Numbers)


@dataclass(frozen=True)
class Proposition13Answers:
    """Proposition 13 on sorted 1-D points ``xs`` and targets ``y`` with ``m = d1`` units: the stated generators
    agree with cdd's, and the four answers (a sum / signed sum of ``m`` ReLUs, a non-negative and a linear
    combination), each a :class:`~exactrelu.kmtm.relucone.Representation`."""

    xs: tuple[Fraction, ...]
    y: tuple[Fraction, ...]
    m: int
    sum: Representation
    signed: Representation
    cone: Representation
    linear: Representation


@dataclass(frozen=True)
class TheoremReport(Generic[N]):
    """A result of KMTM checked on one instance: its hypotheses (each decided exactly), the measured numbers (a
    value type per result, Fractions and ints; ``None`` when a hypothesis prevents measuring) and a
    :class:`~exactrelu.core.model.Verdict` from the closed vocabulary with the reason for it.  Text and JSON are
    rendered from it by ``exactrelu theorem`` (:mod:`exactrelu.render.theorems`).

    ``results`` holds the result values behind the verdict, keyed by the certificate each becomes
    (:func:`exactrelu.certify.kmtm.theorem_certificates` builds the documents, in this order)."""

    theorem: str
    statement: str
    numbers: N | None
    verdict: Verdict
    reason: str
    hypotheses: dict[str, bool] = field(default_factory=dict)
    results: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)


# ---------------------------------------------------------------- what each check models (refused outside)
MODELS: dict[str, Model] = {
    "2": Model(deep=False, note="the rank of ∇_W F, leaky slopes included; the theorem itself is about ReLU"),
    "5": Model(deep=False, note="the rank of ∇_W F, leaky slopes included; the theorem itself is about ReLU"),
    "7": Model(deep=False, note="the rank of ∇_W F, leaky slopes included; the theorem itself is about ReLU"),
    "8": Model(activations=RELU, losses=SQUARED, deep=False, outputs=FIXED, targets=REAL),
    "9": Model(activations=RELU, losses=SQUARED, deep=False, targets=REAL),
    "10": Model(activations=RELU, deep=True, outputs=FIXED, note="the rank of ∇_W F over all layers"),
    "11": Model(activations=RELU, deep=False, note="the rank of ∇_W F"),
    "13": Model(activations=RELU, deep=False, targets=REAL, note="the targets are the function to represent"),
    "12": Model(activations=RELU, deep=False, outputs=TRAINABLE, note="(w_i, b_i) uniform on [−1, 1]², v random"),
}
"""The networks each ``exactrelu theorem N`` computes correctly; any other instance is refused (exit 2)."""


def _what(number: str) -> str:
    return f"theorem {number}"


def _failed(hyps: dict[str, bool]) -> list[str]:
    return [k for k, ok in hyps.items() if not ok]


def _vacuous(hyps: dict[str, bool]) -> str:
    return "hypothesis not met: " + ", ".join(_failed(hyps)) + " (the theorem says nothing here)"


_KERNEL_HYPOTHESIS = {"d0 = 1": "one-dimensional", "bias": "bias", "distinct points": "distinct-points",
                      "ReLU activation": "relu"}
"""Hypotheses the kernel can re-check from the instance alone (``hypothesis-not-met``, exactrelu/kernel/regions.py)."""


def _hypothesis_not_met(hyps: dict[str, bool]) -> dict[str, str]:
    """``{"hypothesis-not-met": name}``: the kernel's name of the first failed hypothesis it can re-check (a
    ``hypothesis-not-met`` certificate), else nothing."""
    name = next((_KERNEL_HYPOTHESIS[h] for h in _failed(hyps) if h in _KERNEL_HYPOTHESIS), None)
    return {"hypothesis-not-met": name} if name else {}


def _one_d_hypotheses(instance: Instance) -> dict[str, bool]:
    return {
        "ReLU activation": instance.alpha == 0,
        "d0 = 1": instance.d0 == 1,
        "bias": instance.bias,
        "distinct points": len(set(instance.raw_points)) == instance.n,
    }


def _general_position(instance: Instance) -> bool:
    from ..arrangements.regions import general_position

    return general_position(instance.points) is None


def _fullrank_count(
    instance: Instance, theorem: str, rows: str, progress: Ticker
) -> tuple[FullRankCount, dict[str, Any]]:
    """Theorems 2, 5 and 7: check the theorem's model, then count the patterns (over all rows or unit topes)
    on which ``∇_W F`` has rank ``n``; returns the count and the report's results (``fullrank-ROWS``)."""
    require(instance, MODELS[theorem], _what(theorem))
    result = count_instance(instance, rows, progress)  # leaky slopes included (the kernel models them)
    return result, {f"fullrank-{rows}": result}


def _free_epsilon(bad: Fraction, hyps: dict[str, bool]) -> tuple[Verdict, str]:
    """Theorem 2 / Corollary 5: the ``Ω(·)`` constant is unspecified, so ``d1`` implies no ε."""
    if _failed(hyps):
        return Verdict.VACUOUS, _vacuous(hyps)
    if bad == 0:
        return Verdict.HOLDS, "no rank-deficient pattern: the conclusion holds for every ε > 0"
    if bad >= 1:
        return Verdict.VACUOUS, "every pattern is rank deficient: only ε ≥ 1 is consistent (no content)"
    return Verdict.UNDECIDED, (f"the Ω constant is unspecified, so d1 implies no ε; the conclusion holds exactly "
                               f"for ε ≥ {bad}")


def theorem2(instance: Instance, progress: Ticker = NO_PROGRESS) -> TheoremReport[Theorem2Numbers]:
    """Theorem 2 of Karhadkar–Murray–Tseran–Montúfar (slides): the fraction of *all* ``2^{d1·n}`` activation
    patterns (empty ones included) on which ``∇_W F`` has rank ``n`` (leaky slopes modelled).

    The ``Ω(·)`` constant is unspecified, so the verdict is ``undecided`` unless no pattern is deficient; the
    least ε for which the conclusion holds is the bad fraction.  Two points ``1, 3`` without bias, ``d1 = 2``:
    ``∇_W F`` has rank 2 iff the ``2 × 2`` pattern is invertible, for 6 of the ``2^4 = 16`` patterns.

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> inst = instance_from_mapping({"data": {"points": [[1], [3]], "targets": [0, 1], "bias": False},
    ...                               "network": {"hidden": [2], "output": [1, 1]}})
    >>> r = theorem2(inst)
    >>> r.numbers.patterns, r.numbers.full_rank_count, r.numbers.fraction_bad, r.verdict
    (16, 6, Fraction(5, 8), <Verdict.UNDECIDED: 'undecided'>)
    """
    result, results = _fullrank_count(instance, "2", "all", progress)
    relu = instance.alpha == 0
    bad = 1 - result.fraction
    hyps = {"ReLU activation": relu, "general position": _general_position(instance),
            "d0·d1 ≥ n": instance.d0 * instance.d1 >= instance.n}
    verdict, reason = _free_epsilon(bad, hyps)
    return TheoremReport(
        "2",
        "For d1 ≥ max(n/d0, Ω(log(n/(ε d0)))) and generic data, all but an ε fraction of all 2^{d1·n} activation "
        "patterns (empty ones included) have rank ∇F = n.  (Slides print the bad count as ⌈ε 2^{d1}⌉; the number of "
        "patterns is 2^{d1·n}, which is what is checked.)",
        Theorem2Numbers(result.total, result.count, result.fraction, bad, hyps["d0·d1 ≥ n"]),
        verdict, reason, hyps, results,
    )


def corollary5(instance: Instance, progress: Ticker = NO_PROGRESS) -> TheoremReport[Corollary5Numbers]:
    """Corollary 5 of Karhadkar–Murray–Tseran–Montúfar: the fraction of the *non-empty* activation regions on
    which ``∇_W F`` has rank ``n`` (leaky slopes modelled; hypotheses ``d ≥ n``, general position).

    Two points ``0, 1`` with bias, ``d1 = 2``: every row ``00, 01, 10, 11`` is a unit tope, so there are
    ``4^2 = 16`` regions; a pair of rows has rank 2 unless it avoids ``11`` and misses ``01`` or ``10``
    (``2·2^2 − 1 = 7`` pairs), so 9 have full rank.

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> inst = instance_from_mapping({"data": {"points": [[0], [1]], "targets": [0, 1], "bias": True},
    ...                               "network": {"hidden": [2], "output": [1, -1]}})
    >>> r = corollary5(inst)
    >>> r.numbers.nonempty_regions, r.numbers.full_rank_count, r.numbers.fraction_full_rank, r.verdict
    (16, 9, Fraction(9, 16), <Verdict.UNDECIDED: 'undecided'>)
    """
    result, results = _fullrank_count(instance, "5", "topes", progress)
    relu = instance.alpha == 0
    bad = 1 - result.fraction if result.total else Fraction(0)
    hyps = {"ReLU activation": relu, "general position": _general_position(instance),
            "d ≥ n": instance.d >= instance.n, "d0·d1 ≥ n": instance.d0 * instance.d1 >= instance.n,
            "a non-empty region": result.total > 0}
    verdict, reason = _free_epsilon(bad, hyps)
    return TheoremReport(
        "5",
        "If moreover d ≥ n and X is in general position, all but an ε fraction of the non-empty regions have "
        "rank ∇F = n (every differentiable critical point there is a zero-loss global minimum).",
        Corollary5Numbers(result.total, result.count, result.fraction, bad, instance.d >= instance.n),
        verdict, reason, hyps, results,
    )


def _bound_verdict(bad: Fraction, eps: EpsilonBound, hyps: dict[str, bool]) -> tuple[Verdict, str]:
    """Decide ``bad ≤ ε_T`` exactly (hypotheses first; ``ε_T ≥ 1`` says nothing).  ``bad = ε_T`` is impossible
    for a non-zero exponent (``e^t`` is irrational), so ``bad ≤ ε_T ⇔ ε_T > bad``."""
    if _failed(hyps):
        return Verdict.VACUOUS, _vacuous(hyps)
    if eps.at_least_one():
        return Verdict.VACUOUS, f"ε_T = {eps} ≥ 1: d1 is too small for the theorem to say anything"
    ok = eps.exceeds(bad)
    return (Verdict.HOLDS if ok else Verdict.FAILS), \
        f"bad fraction {'≤' if ok else '>'} ε_T = {eps} (decided with rational bounds on e^t)"


def theorem7(instance: Instance, progress: Ticker = NO_PROGRESS) -> TheoremReport[Theorem7Numbers]:
    """Theorem 7 of Karhadkar–Murray–Tseran–Montúfar: for ``d0 = 1`` with bias and distinct points, if
    ``d1 ≥ 2n ln(n/ε)`` at most an ``ε`` fraction of the non-empty regions is rank deficient.  The least ``ε``
    allowed is ``ε_T = n·e^{−d1/(2n)}``; ``bad ≤ ε_T`` is decided exactly (``vacuous`` when ``ε_T ≥ 1``).

    Two points ``0, 1`` with bias and ``d1 = 8``: of the ``4^8`` tuples of rows, the deficient ones avoid ``11``
    and miss ``01`` or ``10`` (``2·2^8 − 1 = 511``), and ``511/4^8 ≤ 2·e^{−2}``.

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> inst = instance_from_mapping({"data": {"points": [[0], [1]], "targets": [0, 1], "bias": True},
    ...                               "network": {"hidden": [8], "output": [1, -1] * 4}})
    >>> r = theorem7(inst)
    >>> r.numbers.fraction_bad == Fraction(511, 4**8), str(r.numbers.epsilon_t), r.verdict
    (True, '2·e^(−2)', <Verdict.HOLDS: 'holds'>)
    """
    result, results = _fullrank_count(instance, "7", "topes", progress)
    bad = 1 - result.fraction if result.total else Fraction(1)
    hyps = _one_d_hypotheses(instance)
    eps = EpsilonBound(instance.n, -Fraction(instance.d1, 2 * instance.n))
    verdict, reason = _bound_verdict(bad, eps, hyps)
    return TheoremReport(
        "7",
        "d0 = 1, distinct points: if d1 ≥ 2n ln(n/ε) then all but at most an ε fraction of the non-empty "
        "regions have rank ∇F = n.  Least ε allowed by d1: ε_T = n·e^(−d1/(2n)).",
        Theorem7Numbers(result.total, result.count, result.fraction, bad, eps),
        verdict, reason, hyps, results,
    )


def zero_loss_global_minimum(instance: Instance, result: GlobalMinCount, progress: Ticker = NO_PROGRESS
                             ) -> tuple[Fraction | None, tuple[Row, ...] | None, int | None]:
    """Theorem 8's "moreover": the exact global minimum of ``L`` over ``W`` (``v`` fixed), with how it was found:
    ``(value, region, pieces)``.

    ``L ≥ 0``, so a region whose ``G ∩ S^A`` is non-empty (its LP's point, re-checked here by a forward pass)
    proves ``min L = 0`` (``region`` is its pattern).  Otherwise the minimum is the least of ``pieces`` closed-piece
    minima of :func:`exactrelu.landscape.minima.global_minimum` (closed cells included, so a zero loss reached only on a
    wall is found too); ``(None, None, None)`` when that would exceed :data:`exactrelu.landscape.minima.MAX_PIECES`.
    """
    from ..core.instance import InstanceError
    from ..landscape.minima import global_minimum, loss

    v = output_weights(instance)
    d = instance.d
    for reg in result.regions:
        if reg.nonempty:
            point = reg.answer.point  # type: ignore[union-attr]
            weights = [tuple(point[i * d:(i + 1) * d]) for i in range(len(v))]
            if loss(instance, weights, v) != 0:  # pragma: no cover - two routes to one number
                raise AssertionError("a point of G ∩ S^A with nonzero loss")
            return Fraction(0), tuple(tuple(r) for r in reg.pattern), None
    try:
        g = global_minimum(instance, progress.stage("global minimum of L (closed pieces)"))
    except InstanceError:
        return None, None, None
    return g.value, None, len(g.pieces)


def theorem8(instance: Instance, progress: Ticker = NO_PROGRESS) -> TheoremReport[Theorem8Numbers]:
    """Theorem 8 of Karhadkar–Murray–Tseran–Montúfar (fixed output weights ``v``, ``d0 = 1``, bias, distinct
    points): if ``min(d+, d−) ≥ 2n ln(2n/ε)`` then all but an ``ε`` fraction of the non-empty regions contain a
    non-empty affine set ``G ∩ S^A`` of global minimisers of codimension ``n``; ``ε_T = 2n·e^{−min(d+,d−)/(2n)}``.
    Moreover all global minima of ``L`` have zero loss: checked against the exact global minimum of ``L``
    (:func:`zero_loss_global_minimum`); a positive minimum under the hypotheses makes the verdict *fails*.

    One point ``x = 1`` with bias, ``v = (1, −1)``, target 1: of the ``2^2 = 4`` regions (units on/off) the
    positive unit alone and both units fit the target on a codimension-1 affine set; all off gives ``F = 0`` and
    the negative unit alone ``F < 0``.

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> inst = instance_from_mapping({"data": {"points": [[1]], "targets": [1], "bias": True},
    ...                               "network": {"hidden": [2], "output": [1, -1]}})
    >>> r = theorem8(inst)
    >>> r.numbers.nonempty_regions, r.numbers.good, r.numbers.d_plus, str(r.numbers.epsilon_t), r.verdict
    (4, 2, 1, '2·e^(−1/2)', <Verdict.VACUOUS: 'vacuous'>)
    """
    require(instance, MODELS["8"], _what("8"))
    v = output_weights(instance)
    dp, dm = sum(1 for x in v if x > 0), sum(1 for x in v if x < 0)
    result = count_global_minima(instance, progress)
    bad = 1 - result.fraction if result.total else Fraction(1)
    hyps = _one_d_hypotheses(instance)
    eps = EpsilonBound(2 * instance.n, -Fraction(min(dp, dm), 2 * instance.n))
    verdict, reason = _bound_verdict(bad, eps, hyps)
    gmin, region, pieces = zero_loss_global_minimum(instance, result, progress)
    if gmin is None:
        reason += "; the global minimum of L was not computed (too many pieces)"
        verdict = Verdict.UNDECIDED if verdict is not Verdict.VACUOUS else verdict
    elif verdict is Verdict.VACUOUS:
        reason += f"; the exact global minimum of L is {gmin} (the theorem claims 0 only under " \
                  "its hypotheses)"
    elif gmin == 0:
        reason += "; all global minima have zero loss (exact global minimum of L: 0)"
    else:
        verdict = Verdict.FAILS
        reason += f"; but the exact global minimum of L is {gmin} > 0, so not all global minima " \
                  "have zero loss"
    return TheoremReport(
        "8",
        "d0 = 1, distinct points, d+ = #{v_i > 0}, d− = #{v_i < 0} ≥ 2n ln(2n/ε): all but at most an ε fraction "
        "of the non-empty regions contain a non-empty affine set G ∩ S^A of global minimisers of codimension n.  "
        "Moreover, all global minima of L have zero loss (checked against the exact global minimum of L over W).  "
        "Least ε allowed: ε_T = 2n·e^(−min(d+,d−)/(2n)).",
        Theorem8Numbers(result.total, result.count, result.fraction, bad, dp, dm, eps, len(result.regions),
                        gmin, None if gmin is None else gmin == 0, region, pieces),
        verdict, reason, hyps, {"globalmin-topes": result},
    )


def proposition11(instance: Instance, progress: Ticker = NO_PROGRESS) -> TheoremReport[Proposition11Numbers]:
    """Proposition 11 of Karhadkar–Murray–Tseran–Montúfar: with ``|x_j| ≤ 1``, separation ``φ`` and
    ``d1 ≥ (4/φ) ln(n/ε)``, the full-rank regions fill at least ``(1 − ε)·2^{2 d1}`` of the box
    ``[−1,1]^{2 d1}``.  Least ε allowed: ``ε_T = n·e^{−φ d1/4}``.

    The measure is computed for 1-D data with bias only (the box is a product of planar polygons); outside
    that the verdict is ``vacuous`` with no measurement (``numbers`` is ``None``).  Points ``0, 1`` with bias,
    ``d1 = 1``: the tope ``01`` (``b ≤ 0 < w + b``) has area ``∫_{−1}^0 (1 + b) db = 1/2``; one unit has rank 2
    only on ``11`` (``b > 0``, ``w + b > 0``: area ``3/2``), so the full-rank fraction is ``(3/2)/4``.

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> inst = instance_from_mapping({"data": {"points": [[0], [1]], "targets": [0, 1], "bias": True},
    ...                               "network": {"hidden": [1], "output": [1]}})
    >>> r = proposition11(inst)
    >>> dict(r.numbers.unit_areas)[(0, 1)], r.numbers.box_volume, r.numbers.fraction_full_rank, r.verdict
    (Fraction(1, 2), 4, Fraction(3, 8), <Verdict.VACUOUS: 'vacuous'>)
    """
    from .volume import fullrank_volume

    require(instance, MODELS["11"], _what("11"))
    statement = ("n ≥ 2, |x_j| ≤ 1, |x_j − x_k| ≥ φ: if d1 ≥ (4/φ) ln(n/ε) then the union of the full-rank regions "
                 "inside [−1,1]^{d1} × [−1,1]^{d1} has measure ≥ (1 − ε)·2^{2 d1}.  Least ε allowed: "
                 "ε_T = n·e^(−φ·d1/4).")
    hyps = _one_d_hypotheses(instance)
    hyps["n ≥ 2"] = instance.n >= 2
    hyps["|x_j| ≤ 1"] = all(abs(c) <= 1 for p in instance.raw_points for c in p)
    if not (hyps["d0 = 1"] and hyps["bias"] and hyps["distinct points"] and hyps["n ≥ 2"]):
        return TheoremReport("11", statement, None, Verdict.VACUOUS, _vacuous(hyps) + "; the measure is computed "
                             "only for n ≥ 2 distinct 1-D points with bias", hyps,
                             _hypothesis_not_met(hyps))
    xs = [p[0] for p in instance.raw_points]
    phi = min(b - a for a, b in zip(sorted(xs), sorted(xs)[1:], strict=False))
    rep = fullrank_volume(instance)
    bad = 1 - rep.fraction
    eps = EpsilonBound(instance.n, -phi * instance.d1 / 4)
    verdict, reason = _bound_verdict(bad, eps, hyps)
    return TheoremReport(
        "11",
        statement,
        Proposition11Numbers(phi, tuple((tuple(p.row), p.area) for p in rep.polygons), rep.volume, rep.box,
                             rep.fraction, bad, eps),
        verdict, reason, hyps, {"fullrank-volume": rep},
    )


def theorem9(instance: Instance, progress: Ticker = NO_PROGRESS) -> TheoremReport[Theorem9Numbers]:
    """Theorem 9 of Karhadkar–Murray–Tseran–Montúfar (if ``d1 ≥ 2n ln(n/ε)``, in all but an ``ε`` fraction of
    the non-empty regions every local minimum of ``L`` in ``S^A × R^{d1}`` is global), decided exactly per region.

    In ``S^A × Q^{d1}`` (``v`` trainable: the theorem's ``R^{d1}`` factor, whatever the instance fixes) every
    unit sits in an open cell, so a point is a local minimum iff the normal equations ``M_Aᵀ r = 0`` hold with
    ``R_j = v_j w_j`` realisable in the region (:func:`exactrelu.landscape.minima.open_region_minimum`, necessary and
    sufficient): its loss is the cell minimum ``½||M M⁺ y − y||²``.  A region is *bad* iff it carries such a
    point with loss above the global minimum of ``L`` (0 when some region's local minimum fits ``y``, else the
    exact global minimum of :func:`exactrelu.landscape.minima.global_minimum`).  Regions are counted as ordered
    tuples of unit topes (``T^{d1}``), each multiset once with its number of orderings.

    The rank sufficient condition (``[a^(j) ⊗ x_j]`` of rank ``n`` forces ``r = 0`` at every local minimum) is
    reported beside it with its certificate (a ``fullrank-count``), as a certified lower bound on the good
    regions.  Points ``0, 1`` with bias, ``d1 = 2``, targets ``(1, −1)``: the global minimum is 0, the rank
    condition proves 9 of the 16 regions good (see :func:`corollary5`) and each of the other 7 carries a local
    minimum of positive loss.

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> inst = instance_from_mapping({"data": {"points": [[0], [1]], "targets": [1, -1], "bias": True},
    ...                               "network": {"hidden": [2], "output": [1, -1]}})
    >>> r = theorem9(inst)
    >>> r.numbers.global_minimum, r.numbers.bad_regions, r.numbers.proved_good_by_rank, r.verdict
    (Fraction(0, 1), 7, 9, <Verdict.VACUOUS: 'vacuous'>)
    """
    from dataclasses import replace
    from itertools import combinations_with_replacement
    from math import factorial

    from ..arrangements.topes import topes
    from ..landscape.minima import cell_loss, global_minimum, open_region_minimum

    require(instance, MODELS["9"], _what("9"))
    trainable = replace(instance, output="trainable")
    hyps = _one_d_hypotheses(instance)
    result = count_instance(instance, "topes", progress)
    ts = topes(instance.points)
    multisets = [] if any(not any(x) for x in instance.points) else list(
        combinations_with_replacement([t.signs for t in ts], instance.d1))

    def orderings(combo: tuple) -> int:
        out = factorial(len(combo))
        for t in set(combo):
            out //= factorial(combo.count(t))
        return out

    tick = progress.stage("cell losses ½||M M⁺y − y||²", len(multisets))
    losses = {}
    for combo in multisets:
        losses[combo] = cell_loss(trainable, combo)
        tick()
    found: dict[tuple, Fraction | None] = {}
    for combo in sorted(multisets, key=lambda c: losses[c]):  # fitting regions first: they settle the minimum
        if losses[combo] == 0:
            m = open_region_minimum(trainable, combo, ts)
            found[combo] = None if m is None else m.loss
            if m is not None:
                break
    gmin = Fraction(0) if any(v == 0 for v in found.values()) else \
        global_minimum(trainable, progress.stage("global minimum of L (pieces)")).value
    bad = 0
    tick = progress.stage("regions above the global minimum: local minima", len(multisets))
    for combo in multisets:
        tick()
        if losses[combo] > gmin:
            if combo not in found:
                m = open_region_minimum(trainable, combo, ts)
                found[combo] = None if m is None else m.loss
            bad += orderings(combo) * (found[combo] is not None)
    total = len(ts) ** instance.d1 if multisets else 0
    frac_bad = Fraction(bad, total) if total else Fraction(1)
    eps = EpsilonBound(instance.n, -Fraction(instance.d1, 2 * instance.n))
    verdict, reason = _bound_verdict(frac_bad, eps, hyps)
    return TheoremReport(
        "9",
        "If d1 ≥ 2n ln(n/ε) then in all but at most an ε fraction of non-empty regions A every local minimum of L "
        "in S^A × R^{d1} is global.  Decided exactly per region (local minima there are Liu's genuine minima, with "
        "the cell's minimal loss); ε_T = n·e^(−d1/(2n)).",
        Theorem9Numbers(total, Fraction(gmin), bad, frac_bad, result.count, eps),
        verdict, reason, hyps, {"fullrank-topes": result},
    )


def theorem10(instance: Instance, limit: int = 1 << 14,
              progress: Ticker = NO_PROGRESS) -> TheoremReport[Theorem10Numbers]:
    """Theorem 10 of Karhadkar–Murray–Tseran–Montúfar (deep networks: for ``≥ 1 − ε`` of all patterns
    ``A = (A_1, …, A_{L−1})``, ``∇_W F`` has rank ``n`` for all ``W ∈ S^A``) on every pattern of a small deep
    network: each pattern is proved empty, non-empty with the rank at a rational witness, or undecided (see
    :mod:`exactrelu.kmtm.deep` for what is exact).  The ``Ω`` constants are unspecified: the verdict is ``undecided``
    with the least ε consistent with the refuted patterns.  Refused beyond ``limit`` patterns.

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> inst = instance_from_mapping({"data": {"points": [[0], [1]], "targets": [0, 1], "bias": True},
    ...                               "network": {"hidden": [1, 1], "output": [1]}})
    >>> n = theorem10(inst).numbers
    >>> n.patterns, n.empty + n.nonempty_full_rank_at_witness + n.nonempty_deficient_at_witness + n.undecided
    (16, 16)
    """
    from .deep import count_deep, require_enumerable

    require(instance, MODELS["10"], _what("10"))
    widths = instance.hidden
    total = require_enumerable(instance, limit)
    c = count_deep(instance.points, output_weights(instance), widths, progress.stage("patterns", total))
    refuted = c.deficient_at_witness
    hyps = {"ReLU activation": instance.alpha == 0, "distinct points": len(set(instance.raw_points)) == instance.n}
    if _failed(hyps):
        verdict, reason = Verdict.VACUOUS, _vacuous(hyps)
    else:
        reason = (f"the Ω constants are unspecified, so the widths imply no ε; {refuted} non-empty patterns have a "
                  f"witness of rank < n, so 'rank n for all W ∈ S^A' holds here at best for ε ≥ "
                  f"{Fraction(refuted, total)}; {c.undecided} patterns undecided, "
                  f"{c.full_at_witness} of rank n at the witness only")
        verdict = Verdict.UNDECIDED
    return TheoremReport(
        "10",
        "Distinct data, d_l = Ω(log(n/(εL))) for l ≤ L−2 and d_{L−1} = n + Ω(log 1/ε): for ≥ (1−ε) of all patterns "
        "A = (A_1,…,A_{L−1}), ∇_W F has rank n for all W ∈ S^A.  Empty patterns satisfy this vacuously.  Exact: "
        "empty (Motzkin / zero column), non-empty (rational witness, rank at the witness), else undecided.",
        Theorem10Numbers(c.total, c.empty, c.full_at_witness, c.deficient_at_witness, c.undecided,
                         Fraction(c.empty, total), Fraction(refuted, total)),
        verdict, reason, hyps, {"deep-count": c},
    )


def proposition13(instance: Instance, progress: Ticker = NO_PROGRESS) -> TheoremReport[Proposition13Numbers]:
    """Proposition 13 of Karhadkar–Murray–Tseran–Montúfar on the instance's (sorted) 1-D points and targets
    ``y``: the functions one ReLU represents form the cone over a polyline; cdd's generators of that cone are
    compared with the stated vertices, and ``y`` is tested (exact LPs) as a sum / signed sum of ``d1`` ReLUs, a
    non-negative and a linear combination.  The verdict is ``holds`` iff the generators equal the vertices.

    The hat ``(0, 1, 0)`` on ``0, 1, 2`` is ``σ(x) − σ(2x − 2)`` (a signed sum of 2) but no sum of ReLUs (each
    is convex):

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> inst = instance_from_mapping({"data": {"points": [[0], [1], [2]], "targets": [0, 1, 0], "bias": True},
    ...                               "network": {"hidden": [2], "output": [1, -1]}})
    >>> n = proposition13(inst).numbers
    >>> n.polyline_vertices, n.sum_of_m_relus, n.signed_sum_of_m_relus
    (((0, 0, 1), (0, 1, 2), (1, 0, 0), (2, 1, 0)), False, True)
    """
    from .relucone import cdd_rays, hull_generators, polyline_vertices, primitive, represent

    require(instance, MODELS["13"], _what("13"))
    statement = ("Sorted distinct 1-D data: the functions one ReLU represents form the cone over the polyline with "
                 "vertices x̄_i X_≤i and −x̄_i X_≥i; a sum of m ReLUs gives non-negative multiples of convex "
                 "combinations of m polyline points, a linear combination of m ReLUs multiples of affine combinations.")
    hyps = {"d0 = 1": instance.d0 == 1, "distinct points": len(set(instance.raw_points)) == instance.n,
            "n ≥ 2": instance.n >= 2}
    if _failed(hyps):
        return TheoremReport("13", statement, None, Verdict.VACUOUS,
                             _vacuous(hyps) + "; the polyline is defined only for n ≥ 2 distinct 1-D points", hyps,
                             _hypothesis_not_met(hyps))
    order = sorted(range(instance.n), key=lambda j: instance.raw_points[j][0])
    xs = [instance.raw_points[j][0] for j in order]
    y = [instance.targets[j] for j in order]
    stated = {primitive(v) for v in polyline_vertices(xs)}
    rays, hull = cdd_rays(xs), hull_generators(xs)
    agree = stated == rays == hull
    m = instance.d1
    plus = represent(xs, y, m)
    signed = represent(xs, y, m, signed=True)
    cone = represent(xs, y)
    linear = represent(xs, y, None, signed=True)  # always a witness: the hinges span Q^n
    # a "no" is certified too (relu-not-representable: Farkas multipliers of every LP)
    answers: dict[str, Any] = {"sum": plus, "signed": signed, "cone": cone, "linear": linear}
    if agree:  # a disagreement would contradict the proposition: no evidence exists for it
        answers = {"proposition-13": Proposition13Answers(tuple(xs), tuple(y), m, plus, signed, cone, linear),
                   **answers}
    return TheoremReport(
        "13",
        statement,
        Proposition13Numbers(tuple(sorted(stated)), stated == rays, stated == hull, m, plus.representable, plus.lps,
                             signed.representable, signed.lps, cone.representable, linear.representable),
        Verdict.HOLDS if agree else Verdict.FAILS,
        "cdd's generators " + ("equal" if agree else "differ from") + " the stated polyline vertices",
        hyps,
        answers,
    )


def theorem12_report(instance: Instance, progress: Ticker = NO_PROGRESS) -> TheoremReport[Theorem12Numbers]:
    """Theorem 12 of Karhadkar–Murray–Tseran–Montúfar (rank ``n`` for random ``(W, v)`` under
    ``γ``-anticoncentration), exactly: :func:`exactrelu.kmtm.theorem12.theorem12` as a :class:`TheoremReport`
    (``numbers`` is ``None`` when a hypothesis fails).

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> r = theorem12_report(instance_from_mapping({"data": {"points": [[0], [1]], "targets": [0, 0], "bias": True},
    ...                                            "network": {"hidden": [2]}}))
    >>> r.numbers.gamma, r.numbers.probability_full_rank, str(r.numbers.epsilon_t), r.verdict
    (Fraction(1, 4), Fraction(41, 64), '1·e^(11/64)', <Verdict.VACUOUS: 'vacuous'>)
    """
    from .theorem12 import theorem12

    r = theorem12(instance)
    numbers = None if not r.probabilities else Theorem12Numbers(
        r.probabilities, r.gamma, r.heaviest, r.fullrank, r.t, EpsilonBound(instance.d0, -r.t))
    statement = ("X generic and γ-anticoncentrated: if d1 ≥ (8/γ²) ln(d0/ε) + (2/γ)(n/d0 + 1) then ∇_(W,v) F has rank "
                 "n with probability ≥ 1 − ε ((w_i, b_i) uniform on [−1,1]², v continuous).  Least ε allowed: "
                 "ε_T = d0·e^(−t), t = (γ²/8)(d1 − (2/γ)(n/d0 + 1)).")
    return TheoremReport("12", statement, numbers, r.verdict, r.reason, r.hypotheses)


THEOREMS: dict[str, Callable[..., TheoremReport[Any]]] = {
    "2": theorem2, "5": corollary5, "7": theorem7, "8": theorem8, "9": theorem9, "10": theorem10,
    "11": proposition11, "12": theorem12_report, "13": proposition13,
}
"""``exactrelu theorem NUMBER`` → the function checking that result of KMTM on an instance (each also takes
``progress``, a :class:`exactrelu.core.progress.Ticker`)."""
