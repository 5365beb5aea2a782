"""Certificates for Laurent–von Brecht's results: the producer side of :mod:`exactrelu.kernel.lvb`.

One function per result type of :mod:`exactrelu.lvb`, each reading only the frozen result value (and the
instance and point it was computed on): the Clarke verdict of Definition 2 (:func:`clarke_evidence`,
:func:`clarke_certificate`), Definition 1's rare/generic verdict (:func:`rarity_certificate`), linear separability
(:func:`separability_certificate`), Theorem 7's exact penalty (:func:`penalty_certificate`) and everything decided
at a point (:func:`analysis_certificate`).  Sign vectors are written ``+``/``-``/``0`` (:func:`sign_string`).  The
``--json`` bodies of the same results are :mod:`exactrelu.render.lvb`'s.
"""

from __future__ import annotations

from collections.abc import Collection
from fractions import Fraction
from typing import Any

from ..core.instance import Instance
from ..core.point import Point, point_to_mapping
from ..core.rationals import format_rational, format_vector
from ..lvb.clarke import Adjacency, ClarkeVerdict, Criticality
from ..lvb.generic import Rarity, slots
from ..lvb.penalty import PenaltyCheck, Replicates
from ..lvb.separability import Separability
from ..lvb.theorems import MinimalityCase, MinimumType, PointVerdicts
from .certificates import certificate, rank_evidence, sign_string

__all__ = [
    "clarke_evidence",
    "clarke_excluded",
    "clarke_certificate",
    "rarity_certificate",
    "separability_certificate",
    "penalty_certificate",
    "analysis_certificate",
]


# ---------------------------------------------------------------- Definition 2: Clarke criticality
def clarke_excluded(v: ClarkeVerdict, taus: Collection[tuple[int, ...]] | None = None) -> dict[str, Any]:
    """The not-adjacent cells (all, or those whose τ is in ``taus``) keyed by sign string, with their Motzkin
    multipliers on the zero entries affine near ω (in order): the kernel's ``excluded`` evidence."""
    return {sign_string(c.tau): {"strict": format_vector([m for m, f in zip(c.multipliers, v.affine, strict=True)
                                                          if f]),
                                 "weak": [], "equal": []}
            for c in v.cells if c.status == Adjacency.NOT_ADJACENT and (taus is None or c.tau in taus)}


def clarke_evidence(v: ClarkeVerdict) -> dict[str, Any]:
    """The kernel's evidence (format 2): adjacent cells by their rays with convex weights, or a descent direction
    with the cells proved empty (keyed by their signs on the zero entries) by Motzkin multipliers on their zero
    entries affine near ω.  An undecided verdict has none (``ValueError``)."""
    if v.verdict == Criticality.CRITICAL:
        weights = dict(v.weights)
        return {"cells": [{"ray": format_vector(c.ray), "weight": format_rational(weights[c.tau])}
                          for c in v.cells if c.tau in weights]}
    if v.verdict == Criticality.NOT_CRITICAL:
        return {"direction": format_vector(v.direction), "excluded": clarke_excluded(v)}
    raise ValueError(f"an undecided point has no certificate: {v.reason}")


def clarke_certificate(v: ClarkeVerdict, inst: Instance, p: Point) -> dict[str, Any]:
    """Claim ``clarke-critical`` or ``not-clarke-critical`` at ω (Definition 2 of Laurent–von Brecht)."""
    claim = {"kind": "clarke-critical" if v.verdict == Criticality.CRITICAL else "not-clarke-critical",
             "point": point_to_mapping(p), "loss": format_rational(v.loss)}
    return certificate(claim, clarke_evidence(v), inst)


# ---------------------------------------------------------------- Definition 1: rare vs generic data
ALPHA_POWER_BITS = 1200
"""The kernel reads ``rare-data``/``generic-data`` only when ``L · bits(denominator of α) ≤ 1200`` (``α^L`` within its
digit limit, docs/certificates-lvb.md); :func:`certifiable_slope` says whether a pair qualifies."""


def certifiable_slope(alpha: Fraction, depth: int) -> bool:
    """Whether ``α^L`` stays within the kernel's digit limit (:data:`ALPHA_POWER_BITS`).

    >>> certifiable_slope(Fraction(1, 2), 64), certifiable_slope(Fraction(1, 10**100), 32)
    (True, False)
    """
    return depth * alpha.denominator.bit_length() <= ALPHA_POWER_BITS


def rarity_certificate(r: Rarity, inst: Instance, alpha: Fraction, depth: int) -> dict[str, Any]:
    """Claim ``rare-data`` (the exponents of λ and ε on the slots ``r ≠ r0(i)`` of system (7)) or ``generic-data``
    (the rank evidence of ``M_1``; needs ``rarity(..., evidence=True)``), Definition 1 of Laurent–von Brecht."""
    claim = {"alpha": format_rational(alpha), "depth": depth}
    if r.rare:
        eps = "".join(str(r.epsilon[i][s]) for i, s in slots(inst))  # ε on the slots r ≠ r0(i) of (7)
        return certificate({"kind": "rare-data", **claim},
                           {"lambda_exponents": list(r.lambda_exponents), "epsilon": eps}, inst)
    if not r.systems:
        raise ValueError("run rarity(..., evidence=True) for a generic-data certificate")
    ev = r.systems[0]
    return certificate({"kind": "generic-data", **claim}, {"rank": ev.rank, **rank_evidence(ev)}, inst,
                       info={"examined": r.examined})


# ---------------------------------------------------------------- Theorems 4–6's hypothesis: separability
def separability_certificate(s: Separability, inst: Instance) -> dict[str, Any]:
    """Claim ``separable`` (the point ``(w, b)``) or ``not-separable`` (Gordan multipliers on the signed points)."""
    if s.separable:
        return certificate({"kind": "separable"}, {"point": format_vector((*s.w, s.b))}, inst)
    return certificate({"kind": "not-separable"}, {"multipliers": {"strict": format_vector(s.multipliers),
                                                                   "weak": [], "equal": []}}, inst)


# ---------------------------------------------------------------- Theorem 7: the exact penalty
def penalty_certificate(c: PenaltyCheck, inst: Instance, reps: Replicates) -> dict[str, Any]:
    """Claim ``exact-penalty``: per class the decided criticality of ``E_γ``'s factor (``penalised``), (i), and
    each decided (ii) (``two_class``), with their evidence; ``E_γ`` is critical iff every factor is."""
    if c.critical == Criticality.UNDECIDED:
        reasons = "; ".join(v.reason for v in c.penalised if v.verdict == Criticality.UNDECIDED)
        raise ValueError(f"criticality of E_γ is undecided: {reasons}")
    def decided(vs: tuple[ClarkeVerdict, ...]) -> tuple[list[bool | None], list[dict[str, Any] | None]]:
        return ([None if v.verdict == Criticality.UNDECIDED else v.verdict == Criticality.CRITICAL for v in vs],
                [None if v.verdict == Criticality.UNDECIDED else clarke_evidence(v) for v in vs])

    (pen, pen_ev), (two, two_ev) = decided(c.penalised), decided(c.two_class)
    claim = {"kind": "exact-penalty", "replicates": [point_to_mapping(q) for q in reps.points],
             "gamma": format_rational(c.gamma), "loss": format_rational(c.loss),
             "equal_replicates": c.equal, "penalised": pen, "two_class": two}
    ev = {"penalised": pen_ev, "two_class": two_ev}
    return certificate(claim, ev, inst)


# ---------------------------------------------------------------- Theorems 2–6: the analysis of a point
def analysis_certificate(r: PointVerdicts, inst: Instance, p: Point) -> dict[str, Any]:
    """Claim ``lvb-analysis``: the verdicts of ``exactrelu lvb`` at ω that the kernel re-derives (signature, loss,
    the Hessian verdict inside a cell, the Clarke verdict with its evidence, local minimality and the type with
    theirs, Theorem 6's pairs), read from ``r = point_verdicts(inst, p)`` (:mod:`exactrelu.lvb.theorems`)."""
    a = r.analysis
    shallow_binary = inst.onehot is None and len(inst.hidden) == 1
    kind = {MinimumType.TYPE_I: "I", MinimumType.TYPE_II: "II"}.get(a.kind) if inst.bias else None
    claim: dict[str, Any] = {"kind": "lvb-analysis", "point": point_to_mapping(p),
                             "signature": sign_string(r.signature), "loss": format_rational(a.loss),
                             "hessian": None, "clarke": a.clarke.verdict.value, "minimum": a.minimum, "type": kind,
                             "theorem6_violations": [list(v) for v in a.violations] if shallow_binary else None}
    if r.hessian is not None:  # ω is in an open cell (every zero entry null): L = L_u near ω
        claim["hessian"] = "zero" if r.hessian.zero else "indefinite"
    ev: dict[str, Any] = {"clarke": clarke_evidence(a.clarke)} if a.clarke.verdict != Criticality.UNDECIDED else {}
    if a.minimum is False and a.case == MinimalityCase.DESCENT:
        ev["descent"] = format_vector(a.descent)
    if kind == "I" and a.clarke.zeros:
        ev["flat"] = format_vector(a.flat_ray)
    if kind == "II":
        ev["sharp"] = clarke_excluded(a.clarke, {t for t, _ in a.excluded})
    return certificate(claim, ev, inst)
