"""Certificates of the one-layer region results (:mod:`exactrelu.arrangements.regions`), one function per result.

* :func:`pattern_certificate`: ``region-nonempty`` / ``region-empty`` from a
  :class:`~exactrelu.arrangements.regions.PatternVerdict` (weights inside ``S^A``, or Motzkin multipliers of the
  empty unit cone);
* :func:`cone_certificate`: ``cone-nonempty`` / ``cone-empty`` from a
  :class:`~exactrelu.arrangements.regions.ConeVerdict`;
* :func:`topes_step`: a ``topes-complete`` step (the complete tope list) for composite certificates;
* :func:`region_count_certificate`: ``region-count``, ``T^{d1}`` regions (Proposition 3 of KMTM as the closed
  form beside it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

from ..arrangements import regions
from ..arrangements.counting import count_regions
from ..arrangements.regions import MODEL, ConeVerdict, CountMismatch, PatternVerdict, prop3_count
from ..core.instance import Instance
from ..core.model import require
from ..core.rationals import format_vector, sign_string
from .certificates import certificate, step

__all__ = ["pattern_certificate", "cone_certificate", "topes_step", "region_count_certificate"]


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


def topes_step(points: Sequence[Sequence[Fraction | int]], sid: str = "topes") -> dict[str, Any]:
    """A ``topes-complete`` step (the complete tope list of ``points``) for a composite certificate to refer to."""
    ev = regions.topes_evidence(points)
    return step(sid, {"kind": "topes-complete", "count": str(len(ev["topes"]))}, ev)


def region_count_certificate(inst: Instance, advance: Callable[[], None] | None = None) -> dict[str, Any]:
    """A ``region-count`` certificate: the complete tope list as a step, then ``T^{d1}`` (0 with a zero point).

    ``advance`` is called once per tope (for a progress bar).  One hidden layer (:data:`MODEL`).
    """
    require(inst, MODEL, "a region-count certificate")
    ev = regions.topes_evidence(inst.points, advance=advance)  # via the module: benchmarks wrap it
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
