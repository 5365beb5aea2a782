"""Theorem 12 of Karhadkar–Murray–Tseran–Montúfar, exactly, where the measure is rational.

Setting: one-dimensional data with bias (``x_j = (t_j, 1)``, distinct ``t_j``), ReLU,
one hidden layer of width ``d1``; each unit's ``(w_i, b_i)`` is uniform on
``[−1, 1]^2`` (Proposition 11's measure) and ``v`` is drawn from any continuous
distribution (so it is nonzero almost surely).

* **Anticoncentration.**  ``D_X`` is the law of one unit's activation row
  ``a = (1[w t_j + b > 0])_j``; ``P(a) = area(C(a) ∩ [−1,1]^2)/4`` is a rational
  polygon area (:mod:`exactrelu.kmtm.volume`).  ``X`` is ``γ``-anticoncentrated iff
  ``P(uᵀa = 0) ≤ 1 − γ`` for every nonzero ``u``, so the exact constant is
  ``γ = 1 − max_H P(a ∈ H)`` over hyperplanes ``H`` through 0.  If the rows of
  positive probability span ``Q^n``, a heaviest ``H`` can be taken spanned by
  ``n − 1`` of them (extend the rows it holds by independent rows, which only
  adds mass), so the maximum is over finitely many ``H``.
* **The rank.**  ``∇_v F`` has the rows ``(A_ij <w_i, x_j>)_j = Σ_k w_ik (A_ij x_jk)_j``,
  combinations of the rows of ``∇_W F`` divided by ``v_i``; so
  ``rank ∇_(W,v) F = rank [a^{(j)} ⊗ x_j]_j`` and ``P(rank = n)`` is Proposition 11's
  full-rank volume over ``4^{d1}``.
* **The bound.**  If ``d1 ≥ (8/γ²) ln(d0/ε) + (2/γ)(n/d0 + 1)`` then
  ``P(rank n) ≥ 1 − ε``.  The least ``ε`` the hypothesis allows is
  ``ε_T = d0·e^{−t}``, ``t = (γ²/8)(d1 − (2/γ)(n/d0 + 1))``; the theorem says
  nothing when ``t ≤ 0`` or ``ε_T ≥ 1`` (verdict ``vacuous``), and otherwise
  ``holds`` iff ``1 − P(rank n) ≤ ε_T``, decided exactly through rational bounds
  on ``e^t``.

>>> from exactrelu.core.instance import instance_from_mapping
>>> r = theorem12(instance_from_mapping({"data": {"points": [[0], [1]], "targets": [0, 0], "bias": True},
...                                      "network": {"hidden": [2]}}))
>>> str(r.gamma), str(r.verdict)
('1/4', 'vacuous')
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations

from ..core import linalg
from ..core.instance import Instance, InstanceError
from ..core.model import ANY_TARGETS, RELU, TRAINABLE, Model, Verdict, require
from .theorems import EpsilonBound, exceeds_exp
from .volume import fullrank_volume, unit_volumes

__all__ = ["MODEL", "Theorem12", "hypotheses", "anticoncentration", "theorem12"]

Row = tuple[int, ...]


@dataclass(frozen=True)
class Theorem12:
    """Theorem 12 on one instance: the exact ``γ``, ``P(rank n)`` and the verdict."""

    probabilities: tuple[tuple[Row, Fraction], ...]  # P(a) per activation row of one unit
    gamma: Fraction
    heaviest: tuple[Row, ...]  # the rows of positive probability on a heaviest hyperplane
    fullrank: Fraction  # P(rank ∇_(W,v) F = n)
    t: Fraction  # ε_T = d0·e^{−t}
    verdict: Verdict
    reason: str
    hypotheses: dict[str, bool]


MODEL = Model(activations=RELU, deep=False, outputs=TRAINABLE, targets=ANY_TARGETS,
              note="(w_i, b_i) uniform on [−1, 1]², v continuous; the targets play no role")
"""What :func:`theorem12` models; the theorem's own hypotheses (d0 = 1, bias, n ≥ 2 distinct points) are decided
on the instance and make the verdict ``vacuous`` when they fail."""


def hypotheses(inst: Instance) -> dict[str, bool]:
    """The hypotheses of Theorem 12 of Karhadkar–Murray–Tseran–Montúfar that the instance decides: ``d0 = 1``,
    bias, ``n ≥ 2`` distinct points.
    """
    return {"d0 = 1": inst.d0 == 1, "bias": inst.bias,
            "n ≥ 2 distinct (generic) points": inst.n >= 2 and len(set(inst.raw_points)) == inst.n}


def anticoncentration(inst: Instance) -> tuple[Fraction, tuple[Row, ...], tuple[tuple[Row, Fraction], ...]]:
    """``(γ, rows on a heaviest hyperplane, P(a) per row)`` for Proposition 11's measure (d0 = 1 with bias).

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> g, heaviest, probs = anticoncentration(instance_from_mapping(
    ...     {"data": {"points": [[0], [1]], "targets": [0, 0], "bias": True}, "network": {"hidden": [1]}}))
    >>> g, heaviest, dict(probs)[(0, 1)]  # P(01) = P(b ≤ 0 < w + b) = (1/2)/4; the line {00, 11} weighs 3/4
    (Fraction(1, 4), ((0, 0), (1, 1)), Fraction(1, 8))
    """
    require(inst, MODEL, "theorem 12")
    if not all(hypotheses(inst).values()):
        raise InstanceError(inst.source, "data.points", "the anticoncentration of Proposition 11's measure is "
                            "computed for n ≥ 2 distinct one-dimensional points with bias", "bias = true")
    probs = tuple((a, p.area / 4) for a, p in unit_volumes(inst).items() if p.area)
    rows = [a for a, _ in probs if any(a)]
    mass = dict(probs)
    n = inst.n
    if linalg.rank(rows) < n:
        return Fraction(0), tuple(a for a, _ in probs), probs
    best, heaviest = Fraction(-1), ()
    for basis in combinations(rows, n - 1):
        normal = linalg.nullspace(basis, ncols=n)
        if len(normal) != 1:
            continue
        on = tuple(a for a, _ in probs if sum(u * x for u, x in zip(normal[0], a, strict=True)) == 0)
        weight = sum((mass[a] for a in on), Fraction(0))
        if weight > best:
            best, heaviest = weight, on
    return 1 - best, heaviest, probs


def theorem12(inst: Instance) -> Theorem12:
    """Decide Theorem 12 on the instance exactly (see the module docstring); hypotheses first."""
    require(inst, MODEL, "theorem 12")
    hyps = hypotheses(inst)
    if not all(hyps.values()):
        failed = ", ".join(k for k, ok in hyps.items() if not ok)
        return Theorem12((), Fraction(0), (), Fraction(0), Fraction(0), Verdict.VACUOUS,
                         f"hypothesis not met: {failed} (the theorem says nothing here)", hyps)
    gamma, heaviest, probs = anticoncentration(inst)
    fullrank = fullrank_volume(inst).fraction
    n, d0, d1 = inst.n, inst.d0, inst.d1
    if gamma == 0:
        return Theorem12(probs, gamma, heaviest, fullrank, Fraction(0), Verdict.VACUOUS,
                         "γ = 0: the data are not anticoncentrated for any γ ∈ (0, 1)", hyps)
    t = gamma**2 / 8 * (d1 - 2 / gamma * (Fraction(n, d0) + 1))
    if t <= 0 or exceeds_exp(Fraction(d0), t):  # ε_T ≥ 1 ⇔ d0 ≥ e^t (never equal: e^t is irrational for t ≠ 0)
        return Theorem12(probs, gamma, heaviest, fullrank, t, Verdict.VACUOUS,
                         f"ε_T = {EpsilonBound(d0, -t)} ≥ 1: d1 = {d1} is too small for the theorem to "
                         "say anything", hyps)
    bad = 1 - fullrank
    ok = bad == 0 or exceeds_exp(Fraction(d0) / bad, t)  # bad ≤ d0·e^{−t} ⇔ d0/bad ≥ e^t (equality impossible)
    return Theorem12(probs, gamma, heaviest, fullrank, t, Verdict.HOLDS if ok else Verdict.FAILS,
                     f"P(rank < n) = {bad} {'≤' if ok else '>'} ε_T = {EpsilonBound(d0, -t)}",
                     hyps)
