"""Certificates of the one-layer region results (:mod:`exactrelu.arrangements.regions`), one function per result.

* :func:`pattern_certificate`: ``region-nonempty`` / ``region-empty`` from a
  :class:`~exactrelu.arrangements.regions.PatternVerdict` (weights inside ``S^A``, or Motzkin multipliers of the
  empty unit cone);
* :func:`cone_certificate`: ``cone-nonempty`` / ``cone-empty`` from a
  :class:`~exactrelu.arrangements.regions.ConeVerdict`;
* :func:`topes_complete_evidence`: the evidence of ``topes-complete`` from a
  :class:`~exactrelu.arrangements.completeness.TopesProof` (:func:`topes_evidence` computes and encodes it), and
  :func:`topes_step`, that claim as a step of a composite certificate;
* :func:`region_count_certificate`: ``region-count``, ``T^{d1}`` regions (Proposition 3 of KMTM as the closed
  form beside it).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

from ..arrangements import completeness
from ..arrangements.completeness import TopesProof
from ..arrangements.counting import count_regions
from ..arrangements.regions import MODEL, ConeVerdict, CountMismatch, PatternVerdict, prop3_count
from ..core.feasibility import LPCounter
from ..core.instance import Instance
from ..core.model import require
from ..core.rationals import format_vector, sign_string
from .certificates import certificate, step

__all__ = ["pattern_certificate", "cone_certificate", "topes_complete_evidence", "topes_evidence", "topes_step",
           "region_count_certificate"]


def pattern_certificate(verdict: PatternVerdict) -> dict[str, Any]:
    """``region-nonempty`` (one weight vector per unit) or ``region-empty`` (the unit whose open cone is empty,
    with its Motzkin multipliers)."""
    claim: dict[str, Any] = {"kind": "region-nonempty" if verdict.nonempty else "region-empty",
                             "pattern": ["".join(map(str, r)) for r in verdict.pattern]}
    if verdict.nonempty:
        ev: dict[str, Any] = {"weights": [format_vector(w) for w in verdict.weights or ()]}
    else:
        ev = {"unit": verdict.unit, "multipliers": {"strict": format_vector(verdict.multipliers or ()), "weak": [],
                                                    "equal": []}}
    return certificate(claim, ev, verdict.instance)


def cone_certificate(verdict: ConeVerdict) -> dict[str, Any]:
    """``cone-nonempty`` (a point of the face) or ``cone-empty`` (multipliers: strict rows, then the walls)."""
    if verdict.nonempty:
        return certificate({"kind": "cone-nonempty", "signs": sign_string(verdict.signs)},
                           {"point": format_vector(verdict.point or ())}, verdict.instance)
    y = verdict.multipliers or ()
    mult = {"strict": format_vector([v for v, s in zip(y, verdict.signs, strict=True) if s]), "weak": [],
            "equal": format_vector([v for v, s in zip(y, verdict.signs, strict=True) if not s])}
    return certificate({"kind": "cone-empty", "signs": sign_string(verdict.signs)}, {"multipliers": mult},
                       verdict.instance)


_SIGN = ("0", "+", "-")  # a sign s ∈ {0, 1, −1} is _SIGN[s]


def topes_complete_evidence(proof: TopesProof) -> dict[str, Any]:
    """The evidence of ``topes-complete`` (format 2): per tope its sign string, its integer witness as ``point``
    and ``empty``, the pairs ``[j, c]`` (hyperplane of ``x_j``, circuit ``c``); ``circuits``: ``[[i…], [y…]]``
    with ``Σ y_i x_i = 0``, the ``y`` as integer strings (:mod:`exactrelu.arrangements.completeness`).

    >>> from exactrelu.arrangements.completeness import Circuit, ProvedTope, TopesProof
    >>> topes_complete_evidence(TopesProof((ProvedTope((1, 0, -1), (2, -1), ((2, 0),)),),
    ...                                    (Circuit((0, 2), (1, -3)),)))
    {'topes': [{'signs': '+0-', 'point': ['2', '-1'], 'empty': [[2, 0]]}], 'circuits': [[[0, 2], ['1', '-3']]]}
    """
    sign = _SIGN.__getitem__
    collecting = gc.isenabled()
    gc.disable()  # up to a million small lists: collecting while they are built is quadratic
    try:
        topes = [{"signs": "".join(map(sign, t.signs)), "point": list(map(str, t.witness)),
                  "empty": list(map(list, t.empty))} for t in proof.topes]
        circuits = [[list(c.indices), list(map(str, c.multipliers))] for c in proof.circuits]
    finally:
        if collecting:
            gc.enable()
    return {"topes": topes, "circuits": circuits}


def topes_evidence(points: Sequence[Sequence[Fraction | int]], counter: LPCounter | None = None,
                   advance: Callable[[], None] | None = None) -> dict[str, Any]:
    """The ``topes-complete`` evidence of ``points``: :func:`~exactrelu.arrangements.completeness.topes_proof`
    (``counter`` counts its fallback LPs, ``advance`` is called once per tope), encoded by
    :func:`topes_complete_evidence`."""
    collecting = gc.isenabled()
    gc.disable()  # one pause for both: collecting between them would scan the whole proof once more
    try:
        # completeness.topes_proof looked up in the module: benchmarks/regions.py wraps it to count the LPs
        return topes_complete_evidence(completeness.topes_proof(points, counter, advance))
    finally:
        if collecting:
            gc.enable()


def topes_step(points: Sequence[Sequence[Fraction | int]], sid: str = "topes") -> dict[str, Any]:
    """A ``topes-complete`` step (the complete tope list of ``points``) for a composite certificate to refer to."""
    ev = topes_evidence(points)
    return step(sid, {"kind": "topes-complete", "count": str(len(ev["topes"]))}, ev)


def region_count_certificate(inst: Instance, advance: Callable[[], None] | None = None) -> dict[str, Any]:
    """A ``region-count`` certificate: the complete tope list as a step, then ``T^{d1}`` (0 with a zero point).

    ``advance`` is called once per tope (for a progress bar).  One hidden layer (:data:`MODEL`).
    """
    require(inst, MODEL, "a region-count certificate")
    ev = topes_evidence(inst.points, advance=advance)
    t = len(ev["topes"])
    counted = count_regions(inst.points).regions
    if t != counted:  # the listed topes and the characteristic polynomial must agree
        raise CountMismatch(f"internal error: {inst.name}: the characteristic polynomial gives {counted} regions, "
                            f"the enumeration lists {t}; please report this instance")
    zero = any(not any(x) for x in inst.points)
    count = 0 if zero else t**inst.d1
    claim = {"kind": "region-count", "count": str(count)}
    info = {"topes": t, "prop3_closed_form": str(prop3_count(inst.n, inst.d, inst.d1))}
    return certificate(claim, {"topes": "topes"}, inst,
                       steps=[step("topes", {"kind": "topes-complete", "count": str(t)}, ev)], info=info)
