"""Theorems 2, 5, 7 and 8 of Karhadkar–Murray–Tseran–Montúfar, checked exactly on an instance.

Each theorem is turned into an exact statement about this instance's numbers:

* Theorem 2: the fraction of *all* ``2^{d1·n}`` patterns (empty regions included)
  whose Jacobian has rank ``n``.  The slides print the number of bad regions as
  ``⌈ε 2^{d1}⌉``; the number of patterns is ``2^{d1·n}``, so the bad count is
  compared with ``⌈ε 2^{d1·n}⌉``.  The ``Ω(·)`` hides a constant, so no ``ε`` is
  implied by ``d1``; we report the smallest ``ε`` for which the conclusion holds
  (the bad fraction itself) and check the precondition ``d0·d1 ≥ n``.
* Corollary 5: the same fraction among the non-empty regions.
* Theorem 7 (``d0 = 1``, distinct points): if ``d1 ≥ 2n ln(n/ε)`` then at most an
  ``ε`` fraction of the non-empty regions is rank deficient.  The least such
  ``ε`` is ``ε_T = n·e^{−d1/(2n)}``; we decide ``bad ≤ ε_T`` exactly with rational
  bounds on ``e^t`` (``e^t`` is irrational for rational ``t ≠ 0``, so the
  comparison is never an equality and the refinement terminates).
* Theorem 8 (``d0 = 1``): the same with ``2n ln(2n/ε)`` against ``min(d+, d−)``,
  ``ε_T = 2n·e^{−min(d+,d−)/(2n)}``, for the fraction of non-empty regions whose
  ``G ∩ S^A`` is not a non-empty affine set of codimension ``n``.

>>> lo, hi = exp_bounds(Fraction(1), 10)
>>> Fraction(27182, 10000) < lo < hi < Fraction(27183, 10000)
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from math import factorial
from typing import Any

from .globalmin import count_global_minima, global_min_certificate
from .instance import Instance
from .jacobian import count_certificate, output_weights
from .rationals import format_rational
from .tables import decimal

__all__ = ["exp_bounds", "exceeds_exp", "TheoremReport", "theorem2", "corollary5", "theorem7", "theorem8", "THEOREMS"]


def exp_bounds(t: Fraction, terms: int) -> tuple[Fraction, Fraction]:
    """Rationals ``lo ≤ e^t ≤ hi`` for ``t ≥ 0``: the Taylor sum and the sum plus a geometric tail bound."""
    if t < 0:
        raise ValueError("exp_bounds needs t ≥ 0")
    terms = max(terms, int(2 * t) + 2)
    lo = sum((t**k / factorial(k) for k in range(terms + 1)), Fraction(0))
    first = t ** (terms + 1) / factorial(terms + 1)
    return lo, lo + first / (1 - t / (terms + 2))


def exceeds_exp(q: Fraction, t: Fraction) -> bool:
    """Exactly whether ``q > e^t`` (``t ≥ 0`` rational, ``q`` rational), refining until decided."""
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


@dataclass(frozen=True)
class TheoremReport:
    theorem: str
    statement: str
    numbers: dict[str, str]
    verdict: str
    certificates: dict[str, dict[str, Any]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"theorem": self.theorem, "statement": self.statement, "numbers": self.numbers, "verdict": self.verdict}


def _frac(q: Fraction) -> str:
    return f"{format_rational(q)} ≈ {decimal(q)}"  # decimal is display-only


def theorem2(instance: Instance) -> TheoremReport:
    result, doc = count_certificate(instance, "all")
    bad = 1 - result.fraction
    pre = instance.d0 * instance.d1 >= instance.n
    return TheoremReport(
        "2",
        "For d1 ≥ max(n/d0, Ω(log(n/(ε d0)))) and generic data, all but an ε fraction of all 2^{d1·n} activation "
        "patterns (empty ones included) have rank ∇F = n.  (Slides print the bad count as ⌈ε 2^{d1}⌉; the number of "
        "patterns is 2^{d1·n}, which is what is checked.)",
        {
            "patterns": str(result.total),
            "full_rank": str(result.count),
            "fraction_full_rank": _frac(result.fraction),
            "fraction_bad": _frac(bad),
            "d0*d1>=n": str(pre),
        },
        f"holds for every ε ≥ {format_rational(bad)} (bad count ≤ ⌈ε·2^(d1·n)⌉); "
        f"precondition d0·d1 ≥ n {'met' if pre else 'NOT met'}; the Ω constant is unspecified",
        {"fullrank-all": doc},
    )


def corollary5(instance: Instance) -> TheoremReport:
    result, doc = count_certificate(instance, "topes")
    bad = 1 - result.fraction if result.total else Fraction(0)
    return TheoremReport(
        "5",
        "If moreover d ≥ n and X is in general position, all but an ε fraction of the non-empty regions have "
        "rank ∇F = n (every differentiable critical point there is a zero-loss global minimum).",
        {
            "nonempty_regions": str(result.total),
            "full_rank": str(result.count),
            "fraction_full_rank": _frac(result.fraction),
            "fraction_bad": _frac(bad),
            "d>=n": str(instance.d >= instance.n),
        },
        f"holds for every ε ≥ {format_rational(bad)}",
        {"fullrank-topes": doc},
    )


def _bound_verdict(bad: Fraction, n: int, scale: int, t: Fraction) -> tuple[str, str]:
    """``ε_T = scale·n·e^{−t}``; decide ``bad ≤ ε_T`` ⇔ ``bad·e^t ≤ scale·n`` exactly."""
    eps_desc = f"{scale * n}·e^(−{format_rational(t)})"
    if exceeds_exp(Fraction(scale * n), t):
        return eps_desc, f"vacuous: ε_T = {eps_desc} > 1 (d1 too small for the theorem to say anything)"
    ok = bad == 0 or exceeds_exp(Fraction(scale * n) / bad, t)
    return eps_desc, ("CONFIRMED" if ok else "VIOLATED") + f": bad fraction {'≤' if ok else '>'} ε_T = {eps_desc}"


def theorem7(instance: Instance) -> TheoremReport:
    if instance.d0 != 1 or len(set(instance.raw_points)) != instance.n:
        raise ValueError("Theorem 7 is about distinct one-dimensional points (d0 = 1)")
    result, doc = count_certificate(instance, "topes")
    bad = 1 - result.fraction
    eps, verdict = _bound_verdict(bad, instance.n, 1, Fraction(instance.d1, 2 * instance.n))
    return TheoremReport(
        "7",
        "d0 = 1, distinct points: if d1 ≥ 2n ln(n/ε) then all but at most an ε fraction of the non-empty "
        "regions have rank ∇F = n.  Least ε allowed by d1: ε_T = n·e^(−d1/(2n)).",
        {
            "nonempty_regions": str(result.total),
            "full_rank": str(result.count),
            "fraction_full_rank": _frac(result.fraction),
            "fraction_bad": _frac(bad),
            "epsilon_T": eps,
        },
        verdict,
        {"fullrank-topes": doc},
    )


def theorem8(instance: Instance) -> TheoremReport:
    if instance.d0 != 1 or len(set(instance.raw_points)) != instance.n:
        raise ValueError("Theorem 8 is about distinct one-dimensional points (d0 = 1)")
    v = output_weights(instance)
    dp, dm = sum(1 for x in v if x > 0), sum(1 for x in v if x < 0)
    result = count_global_minima(instance)
    doc = global_min_certificate(instance, result)
    bad = 1 - result.fraction
    eps, verdict = _bound_verdict(bad, instance.n, 2, Fraction(min(dp, dm), 2 * instance.n))
    return TheoremReport(
        "8",
        "d0 = 1, distinct points, d+ = #{v_i > 0}, d− = #{v_i < 0} ≥ 2n ln(2n/ε): all but at most an ε fraction "
        "of the non-empty regions contain a non-empty affine set G ∩ S^A of global minimisers of codimension n.  "
        "Least ε allowed: ε_T = 2n·e^(−min(d+,d−)/(2n)).",
        {
            "nonempty_regions": str(result.total),
            "good": str(result.count),
            "fraction_good": _frac(result.fraction),
            "fraction_bad": _frac(bad),
            "d+": str(dp),
            "d-": str(dm),
            "epsilon_T": eps,
            "lps_solved": str(len(result.regions)),
        },
        verdict,
        {"globalmin-topes": doc},
    )


THEOREMS = {"2": theorem2, "5": corollary5, "7": theorem7, "8": theorem8}
