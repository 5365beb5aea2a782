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
  ``G ∩ S^A`` is not a non-empty affine set of codimension ``n``; its "moreover" (all
  global minima of ``L`` have zero loss) against the exact global minimum of ``L``
  (:func:`zero_loss_global_minimum`).

>>> lo, hi = exp_bounds(Fraction(1), 10)
>>> Fraction(27182, 10000) < lo < hi < Fraction(27183, 10000)
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from math import factorial
from typing import Any

from .globalmin import GlobalMinCount, count_global_minima, global_min_certificate
from .instance import Instance
from .jacobian import count_certificate, output_weights, pattern_string
from .model import FIXED, REAL, RELU, SQUARED, TRAINABLE, Model, Verdict, require
from .rationals import format_rational
from .tables import decimal

__all__ = ["exp_bounds", "exceeds_exp", "MODELS", "TheoremReport",
           "theorem2", "corollary5", "theorem7", "theorem8", "zero_loss_global_minimum", "THEOREMS"]


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
    """A theorem checked on one instance: its hypotheses (each decided exactly), the measured numbers and a
    :class:`~exactrelu.model.Verdict` from the closed vocabulary with the reason for it."""

    theorem: str
    statement: str
    numbers: dict[str, str]
    verdict: Verdict
    reason: str
    hypotheses: dict[str, bool] = field(default_factory=dict)
    certificates: dict[str, dict[str, Any]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"theorem": self.theorem, "statement": self.statement, "numbers": self.numbers,
                "hypotheses": self.hypotheses, "verdict": self.verdict.value, "reason": self.reason}


def _frac(q: Fraction) -> str:
    return f"{format_rational(q)} ≈ {decimal(q)}"  # decimal is display-only


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
"""Hypotheses the kernel can re-check from the instance alone (``hypothesis-not-met``, kernel/hypotheses.py)."""


def _hypothesis_certificates(instance: Instance, hyps: dict[str, bool]) -> dict[str, dict[str, Any]]:
    """A ``hypothesis-not-met`` certificate for the first failed hypothesis the kernel knows (else none)."""
    from .statements import hypothesis_certificate

    name = next((_KERNEL_HYPOTHESIS[h] for h in _failed(hyps) if h in _KERNEL_HYPOTHESIS), None)
    return {"hypothesis-not-met": hypothesis_certificate(instance, name)} if name else {}


def _one_d_hypotheses(instance: Instance) -> dict[str, bool]:
    return {
        "ReLU activation": instance.alpha == 0,
        "d0 = 1": instance.d0 == 1,
        "bias": instance.bias,
        "distinct points": len(set(instance.raw_points)) == instance.n,
    }


def _general_position(instance: Instance) -> bool:
    from .regions import general_position

    return general_position(instance.points) is None


def _free_epsilon(bad: Fraction, hyps: dict[str, bool]) -> tuple[Verdict, str]:
    """Theorem 2 / Corollary 5: the ``Ω(·)`` constant is unspecified, so ``d1`` implies no ε."""
    if _failed(hyps):
        return Verdict.VACUOUS, _vacuous(hyps)
    if bad == 0:
        return Verdict.HOLDS, "no rank-deficient pattern: the conclusion holds for every ε > 0"
    if bad >= 1:
        return Verdict.VACUOUS, "every pattern is rank deficient: only ε ≥ 1 is consistent (no content)"
    return Verdict.UNDECIDED, (f"the Ω constant is unspecified, so d1 implies no ε; the conclusion holds exactly "
                               f"for ε ≥ {format_rational(bad)}")


def theorem2(instance: Instance) -> TheoremReport:
    """Theorem 2 (slides): the full-rank fraction of all ``2^{d1·n}`` patterns (leaky slopes modelled)."""
    require(instance, MODELS["2"], _what("2"))
    relu = instance.alpha == 0
    result, doc = count_certificate(instance, "all")  # leaky slopes included (the kernel models them)
    certs = {"fullrank-all": doc}
    bad = 1 - result.fraction
    hyps = {"ReLU activation": relu, "general position": _general_position(instance),
            "d0·d1 ≥ n": instance.d0 * instance.d1 >= instance.n}
    verdict, reason = _free_epsilon(bad, hyps)
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
            "d0*d1>=n": str(hyps["d0·d1 ≥ n"]),
        },
        verdict, reason, hyps, certs,
    )


def corollary5(instance: Instance) -> TheoremReport:
    """Corollary 5: the full-rank fraction among the non-empty regions (leaky slopes modelled)."""
    require(instance, MODELS["5"], _what("5"))
    relu = instance.alpha == 0
    result, doc = count_certificate(instance, "topes")  # leaky slopes included (the kernel models them)
    certs = {"fullrank-topes": doc}
    bad = 1 - result.fraction if result.total else Fraction(0)
    hyps = {"ReLU activation": relu, "general position": _general_position(instance),
            "d ≥ n": instance.d >= instance.n, "d0·d1 ≥ n": instance.d0 * instance.d1 >= instance.n,
            "a non-empty region": result.total > 0}
    verdict, reason = _free_epsilon(bad, hyps)
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
        verdict, reason, hyps, certs,
    )


def _bound_verdict(bad: Fraction, n: int, scale: int, t: Fraction,
                   hyps: dict[str, bool]) -> tuple[str, Verdict, str]:
    """``ε_T = scale·n·e^{−t}``; decide ``bad ≤ ε_T`` ⇔ ``bad·e^t ≤ scale·n`` exactly (hypotheses first)."""
    eps_desc = f"{scale * n}·e^(−{format_rational(t)})"
    if _failed(hyps):
        return eps_desc, Verdict.VACUOUS, _vacuous(hyps)
    if t == 0 or exceeds_exp(Fraction(scale * n), t):  # scale·n ≥ e^t ⇔ ε_T ≥ 1 (never equal for t ≠ 0)
        return eps_desc, Verdict.VACUOUS, f"ε_T = {eps_desc} ≥ 1: d1 is too small for the theorem to say anything"
    ok = bad == 0 or exceeds_exp(Fraction(scale * n) / bad, t)
    return eps_desc, (Verdict.HOLDS if ok else Verdict.FAILS), \
        f"bad fraction {'≤' if ok else '>'} ε_T = {eps_desc} (decided with rational bounds on e^t)"


def theorem7(instance: Instance) -> TheoremReport:
    """Theorem 7 on the instance (hypotheses: ReLU, d0 = 1, bias, distinct points; ε_T < 1)."""
    require(instance, MODELS["7"], _what("7"))
    result, doc = count_certificate(instance, "topes")  # leaky slopes included (the kernel models them)
    certs = {"fullrank-topes": doc}
    bad = 1 - result.fraction if result.total else Fraction(1)
    hyps = _one_d_hypotheses(instance)
    eps, verdict, reason = _bound_verdict(bad, instance.n, 1, Fraction(instance.d1, 2 * instance.n), hyps)
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
        verdict, reason, hyps, certs,
    )


def zero_loss_global_minimum(instance: Instance, result: GlobalMinCount) -> tuple[Fraction | None, str]:
    """Theorem 8's "moreover": the exact global minimum of ``L`` over ``W`` (``v`` fixed), with how it was found.

    ``L ≥ 0``, so a region whose ``G ∩ S^A`` is non-empty (its LP's point, re-checked here by a forward pass)
    proves ``min L = 0``.  Otherwise the minimum is the least piece minimum of
    :func:`exactrelu.landscape.global_minimum` (closed cells included, so a zero loss reached only on a wall is
    found too); ``None`` when that would exceed :data:`exactrelu.landscape.MAX_PIECES` pieces.
    """
    from .instance import InstanceError
    from .landscape import global_minimum, loss

    v = output_weights(instance)
    d = instance.d
    for reg in result.regions:
        if reg.nonempty:
            point = reg.answer.point  # type: ignore[union-attr]
            weights = [tuple(point[i * d:(i + 1) * d]) for i in range(len(v))]
            if loss(instance, weights, v) != 0:  # pragma: no cover - two routes to one number
                raise AssertionError("a point of G ∩ S^A with nonzero loss")
            return Fraction(0), f"a zero-loss point in region {' '.join(pattern_string(reg.pattern))}"
    try:
        g = global_minimum(instance)
    except InstanceError as exc:
        return None, f"not computed ({exc.expected})"
    return g.value, f"no region reaches 0; least of {len(g.pieces)} closed-piece minima"


def theorem8(instance: Instance) -> TheoremReport:
    """Theorem 8 on the instance (fixed output weights; hypotheses as Theorem 7, ε_T < 1), with its "moreover":
    all global minima of ``L`` have zero loss, checked against the exact global minimum of ``L``."""
    require(instance, MODELS["8"], _what("8"))
    v = output_weights(instance)
    dp, dm = sum(1 for x in v if x > 0), sum(1 for x in v if x < 0)
    result = count_global_minima(instance)
    doc = global_min_certificate(instance, result)
    bad = 1 - result.fraction if result.total else Fraction(1)
    hyps = _one_d_hypotheses(instance)
    eps, verdict, reason = _bound_verdict(bad, instance.n, 2, Fraction(min(dp, dm), 2 * instance.n), hyps)
    gmin, how = zero_loss_global_minimum(instance, result)
    if gmin is None:
        reason += f"; the global minimum of L was {how}"
        verdict = Verdict.UNDECIDED if verdict is not Verdict.VACUOUS else verdict
    elif verdict is Verdict.VACUOUS:
        reason += f"; the exact global minimum of L is {format_rational(gmin)} (the theorem claims 0 only under " \
                  "its hypotheses)"
    elif gmin == 0:
        reason += "; all global minima have zero loss (exact global minimum of L: 0)"
    else:
        verdict = Verdict.FAILS
        reason += f"; but the exact global minimum of L is {format_rational(gmin)} > 0, so not all global minima " \
                  "have zero loss"
    return TheoremReport(
        "8",
        "d0 = 1, distinct points, d+ = #{v_i > 0}, d− = #{v_i < 0} ≥ 2n ln(2n/ε): all but at most an ε fraction "
        "of the non-empty regions contain a non-empty affine set G ∩ S^A of global minimisers of codimension n.  "
        "Moreover, all global minima of L have zero loss (checked against the exact global minimum of L over W).  "
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
            "global_minimum": "not computed" if gmin is None else format_rational(gmin),
            "global_minimum_zero": f"{gmin == 0} ({how})",
        },
        verdict, reason, hyps, {"globalmin-topes": doc},
    )


THEOREMS = {"2": theorem2, "5": corollary5, "7": theorem7, "8": theorem8}


def proposition11(instance: Instance) -> TheoremReport:
    """Proposition 11: with ``|x_j| ≤ 1``, separation ``φ`` and ``d1 ≥ (4/φ) ln(n/ε)``, the full-rank
    regions fill at least ``(1 − ε)·2^{2 d1}`` of the box.  Least ε allowed: ``ε_T = n·e^{−φ d1/4}``.

    The measure is computed for 1-D data with bias only (the box is a product of planar polygons); outside
    that the verdict is ``vacuous`` with no measurement."""
    from .volume import fullrank_volume, volume_certificate

    require(instance, MODELS["11"], _what("11"))
    statement = ("n ≥ 2, |x_j| ≤ 1, |x_j − x_k| ≥ φ: if d1 ≥ (4/φ) ln(n/ε) then the union of the full-rank regions "
                 "inside [−1,1]^{d1} × [−1,1]^{d1} has measure ≥ (1 − ε)·2^{2 d1}.  Least ε allowed: "
                 "ε_T = n·e^(−φ·d1/4).")
    hyps = _one_d_hypotheses(instance)
    hyps["n ≥ 2"] = instance.n >= 2
    hyps["|x_j| ≤ 1"] = all(abs(c) <= 1 for p in instance.raw_points for c in p)
    if not (hyps["d0 = 1"] and hyps["bias"] and hyps["distinct points"] and hyps["n ≥ 2"]):
        return TheoremReport("11", statement, {}, Verdict.VACUOUS, _vacuous(hyps) + "; the measure is computed "
                             "only for n ≥ 2 distinct 1-D points with bias", hyps,
                             _hypothesis_certificates(instance, hyps))
    xs = [p[0] for p in instance.raw_points]
    phi = min(b - a for a, b in zip(sorted(xs), sorted(xs)[1:], strict=False))
    rep = fullrank_volume(instance)
    doc = volume_certificate(instance, rep)
    bad = 1 - rep.fraction
    eps, verdict, reason = _bound_verdict(bad, instance.n, 1, phi * instance.d1 / 4, hyps)
    return TheoremReport(
        "11",
        statement,
        {
            "phi": format_rational(phi),
            "unit_areas": ", ".join(f"{''.join(map(str, p.row))}:{format_rational(p.area)}" for p in rep.polygons),
            "fullrank_volume": _frac(rep.volume),
            "box_volume": str(rep.box),
            "fraction_full_rank": _frac(rep.fraction),
            "fraction_bad": _frac(bad),
            "epsilon_T": eps,
        },
        verdict, reason, hyps, {"fullrank-volume": doc},
    )


THEOREMS["11"] = proposition11


def theorem9(instance: Instance) -> TheoremReport:
    """Theorem 9, decided exactly per region.

    In ``S^A × Q^{d1}`` (``v`` trainable: the theorem's ``R^{d1}`` factor, whatever the instance fixes) every
    unit sits in an open cell, so a point is a local minimum iff the normal equations ``M_Aᵀ r = 0`` hold with
    ``R_j = v_j w_j`` realisable in the region (:func:`exactrelu.landscape.open_region_minimum`, necessary and
    sufficient): its loss is the cell minimum ``½||M M⁺ y − y||²``.  A region is *bad* iff it carries such a
    point with loss above the global minimum of ``L`` (0 when some region's local minimum fits ``y``, else the
    exact global minimum of :func:`exactrelu.landscape.global_minimum`).  Regions are counted as ordered
    tuples of unit topes (``T^{d1}``), each multiset once with its number of orderings.

    The rank sufficient condition (``[a^(j) ⊗ x_j]`` of rank ``n`` forces ``r = 0`` at every local minimum) is
    reported beside it with its certificate (a ``fullrank-count``), as a certified lower bound on the good
    regions.
    """
    from dataclasses import replace
    from itertools import combinations_with_replacement
    from math import factorial

    from .landscape import cell_loss, global_minimum, open_region_minimum
    from .topes import topes

    require(instance, MODELS["9"], _what("9"))
    trainable = replace(instance, output="trainable")
    hyps = _one_d_hypotheses(instance)
    result, doc = count_certificate(instance, "topes")
    ts = topes(instance.points)
    multisets = [] if any(not any(x) for x in instance.points) else list(
        combinations_with_replacement([t.signs for t in ts], instance.d1))

    def orderings(combo: tuple) -> int:
        out = factorial(len(combo))
        for t in set(combo):
            out //= factorial(combo.count(t))
        return out

    losses = {combo: cell_loss(trainable, combo) for combo in multisets}
    found: dict[tuple, Fraction | None] = {}
    for combo in sorted(multisets, key=lambda c: losses[c]):  # fitting regions first: they settle the minimum
        if losses[combo] == 0:
            m = open_region_minimum(trainable, combo, ts)
            found[combo] = None if m is None else m.loss
            if m is not None:
                break
    gmin = Fraction(0) if any(v == 0 for v in found.values()) else global_minimum(trainable).value
    bad = 0
    for combo in multisets:
        if losses[combo] > gmin:
            if combo not in found:
                m = open_region_minimum(trainable, combo, ts)
                found[combo] = None if m is None else m.loss
            bad += orderings(combo) * (found[combo] is not None)
    total = len(ts) ** instance.d1 if multisets else 0
    frac_bad = Fraction(bad, total) if total else Fraction(1)
    eps, verdict, reason = _bound_verdict(frac_bad, instance.n, 1, Fraction(instance.d1, 2 * instance.n), hyps)
    return TheoremReport(
        "9",
        "If d1 ≥ 2n ln(n/ε) then in all but at most an ε fraction of non-empty regions A every local minimum of L "
        "in S^A × R^{d1} is global.  Decided exactly per region (local minima there are Liu's genuine minima, with "
        "the cell's minimal loss); ε_T = n·e^(−d1/(2n)).",
        {
            "nonempty_regions": str(total),
            "global_minimum": format_rational(gmin),
            "bad_regions": str(bad),
            "fraction_bad": _frac(frac_bad),
            "proved_good_by_rank": str(result.count),
            "epsilon_T": eps,
        },
        verdict, reason, hyps, {"fullrank-topes": doc},
    )


def theorem10(instance: Instance, limit: int = 1 << 14) -> TheoremReport:
    """Theorem 10 on every pattern of a small deep network (see :mod:`exactrelu.deep` for what is exact)."""
    from .deep import count_certificate, count_deep, require_enumerable

    require(instance, MODELS["10"], _what("10"))
    widths = instance.hidden
    total = require_enumerable(instance, limit)
    c = count_deep(instance.points, output_weights(instance), widths)
    refuted = c.deficient_at_witness
    hyps = {"ReLU activation": instance.alpha == 0, "distinct points": len(set(instance.raw_points)) == instance.n}
    if _failed(hyps):
        verdict, reason = Verdict.VACUOUS, _vacuous(hyps)
    else:
        reason = (f"the Ω constants are unspecified, so the widths imply no ε; {refuted} non-empty patterns have a "
                  f"witness of rank < n, so 'rank n for all W ∈ S^A' holds here at best for ε ≥ "
                  f"{format_rational(Fraction(refuted, total))}; {c.undecided} patterns undecided, "
                  f"{c.full_at_witness} of rank n at the witness only")
        verdict = Verdict.UNDECIDED
    nonempty = c.full_at_witness + refuted
    numbers = {k: str(val) for k, val in c.to_json().items()}
    numbers["nonempty_patterns"] = (str(nonempty) if not c.undecided
                                    else f"[{nonempty}, {nonempty + c.undecided}] ({c.undecided} undecided)")
    return TheoremReport(
        "10",
        "Distinct data, d_l = Ω(log(n/(εL))) for l ≤ L−2 and d_{L−1} = n + Ω(log 1/ε): for ≥ (1−ε) of all patterns "
        "A = (A_1,…,A_{L−1}), ∇_W F has rank n for all W ∈ S^A.  Empty patterns satisfy this vacuously.  Exact: "
        "empty (Motzkin / zero column), non-empty (rational witness, rank at the witness), else undecided.",
        {
            **numbers,
            "fraction_proved_good(empty)": _frac(Fraction(c.empty, total)),
            "fraction_refuted(witness rank < n)": _frac(Fraction(refuted, total)),
        },
        verdict, reason, hyps, {"deep-count": count_certificate(instance, c)},
    )


THEOREMS["9"] = theorem9
THEOREMS["10"] = theorem10


def proposition13(instance: Instance) -> TheoremReport:
    """Proposition 13 on the instance's (sorted) 1-D points and targets ``y``."""
    from .relucone import cdd_rays, hull_generators, polyline_vertices, primitive, represent

    require(instance, MODELS["13"], _what("13"))
    statement = ("Sorted distinct 1-D data: the functions one ReLU represents form the cone over the polyline with "
                 "vertices x̄_i X_≤i and −x̄_i X_≥i; a sum of m ReLUs gives non-negative multiples of convex "
                 "combinations of m polyline points, a linear combination of m ReLUs multiples of affine combinations.")
    hyps = {"d0 = 1": instance.d0 == 1, "distinct points": len(set(instance.raw_points)) == instance.n,
            "n ≥ 2": instance.n >= 2}
    if _failed(hyps):
        return TheoremReport("13", statement, {}, Verdict.VACUOUS,
                             _vacuous(hyps) + "; the polyline is defined only for n ≥ 2 distinct 1-D points", hyps,
                             _hypothesis_certificates(instance, hyps))
    order = sorted(range(instance.n), key=lambda j: instance.raw_points[j][0])
    xs = [instance.raw_points[j][0] for j in order]
    y = [instance.targets[j] for j in order]
    stated = {primitive(v) for v in polyline_vertices(xs)}
    agree = stated == cdd_rays(xs) == hull_generators(xs)
    m = instance.d1
    plus = represent(xs, y, m)
    signed = represent(xs, y, m, signed=True)
    cone = represent(xs, y)
    linear = represent(xs, y, None, signed=True)  # always a witness: the hinges span Q^n
    # a "no" is certified too (relu-not-representable: Farkas multipliers of every LP)
    certs = {k: r.certificate() for k, r in (("sum", plus), ("signed", signed), ("cone", cone), ("linear", linear))}
    if agree:  # a disagreement would contradict the proposition: no evidence exists for it
        certs = {"proposition-13": _proposition13_certificate(instance, xs, y, m, certs), **certs}
    return TheoremReport(
        "13",
        statement,
        {
            "polyline_vertices": "; ".join(",".join(map(str, v)) for v in sorted(stated)),
            "cdd_rays_equal_vertices": str(stated == cdd_rays(xs)),
            "hull_extreme_rays_equal_vertices": str(stated == hull_generators(xs)),
            f"y_sum_of_{m}_relus": f"{plus.representable} ({plus.lps} exact LPs)",
            f"y_signed_sum_of_{m}_relus": f"{signed.representable} ({signed.lps} exact LPs)",
            "y_nonnegative_combination": str(cone.representable),
            "y_linear_combination": f"{linear.representable} (the one-ReLU functions span Q^n)",
        },
        Verdict.HOLDS if agree else Verdict.FAILS,
        "cdd's generators " + ("equal" if agree else "differ from") + " the stated polyline vertices",
        hyps,
        certs,
    )


def _proposition13_certificate(instance: Instance, xs: list[Fraction], y: list[Fraction], m: int,
                               answers: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Claim ``proposition-13``: the generators (``relu-cone-generators``) and the four yes/no answers as steps."""
    from .certificates import certificate, step
    from .relucone import generators_certificate

    gens = generators_certificate(xs)
    steps = [step("generators", gens["claim"], gens["evidence"])]
    claim: dict[str, Any] = {"kind": "proposition-13", "points": gens["claim"]["points"],
                             "target": [format_rational(t) for t in y], "m": m}
    ev = {"generators": "generators"}
    for key, name in (("sum", "sum"), ("signed", "signed_sum"), ("cone", "cone"), ("linear", "linear")):
        doc = answers[key]
        steps.append(step(name, doc["claim"], doc["evidence"]))
        claim[name] = doc["claim"]["kind"] == "relu-representation"
        ev[name] = name
    return certificate(claim, ev, instance, steps=steps)


THEOREMS["13"] = proposition13


def theorem12_report(instance: Instance) -> TheoremReport:
    """Theorem 12 (rank n for random (W, v) under γ-anticoncentration), exactly: :mod:`exactrelu.theorem12`."""
    from .theorem12 import theorem12

    r = theorem12(instance)
    numbers = {} if not r.probabilities else {
        "row_probabilities": ", ".join(f"{''.join(map(str, a))}:{format_rational(p)}" for a, p in r.probabilities),
        "gamma": format_rational(r.gamma),
        "heaviest_hyperplane_rows": ", ".join("".join(map(str, a)) for a in r.heaviest),
        "probability_full_rank": _frac(r.fullrank),
        "t": format_rational(r.t),
        "epsilon_T": f"{instance.d0}·e^({format_rational(-r.t)})",
    }
    statement = ("X generic and γ-anticoncentrated: if d1 ≥ (8/γ²) ln(d0/ε) + (2/γ)(n/d0 + 1) then ∇_(W,v) F has rank "
                 "n with probability ≥ 1 − ε ((w_i, b_i) uniform on [−1,1]², v continuous).  Least ε allowed: "
                 "ε_T = d0·e^(−t), t = (γ²/8)(d1 − (2/γ)(n/d0 + 1)).")
    return TheoremReport("12", statement, numbers, r.verdict, r.reason, r.hypotheses)


THEOREMS["12"] = theorem12_report
