"""Certificates of the landscape (SPEC §8, docs/certificates-landscape.md): the global minimum, a (spurious) local
minimum, and the absence of spurious local minima, written for the kernel's ``landscape-*`` claim kinds.

The producer side only: it never imports :mod:`exactrelu.kernel`, and decides nothing: the proofs are values of
:mod:`exactrelu.landscape.minima` (the global minimum's pieces) and :mod:`exactrelu.landscape.proofs` (a local
minimum's multipliers, every stratum's answer), whose linear systems are the kernel's row for row; this module
encodes them, one function per result type.

>>> from exactrelu.core.instance import instance_from_mapping
>>> inst = instance_from_mapping({"data": {"points": [[1], [-1]], "targets": [2, 1]}, "network": {"hidden": [1]}})
>>> doc = landscape_certificate(inst)
>>> [s["claim"]["kind"] for s in doc["steps"]], doc["claim"]["kind"], doc["claim"]["loss"]
(['landscape-global-minimum', 'landscape-local-minimum'], 'landscape-local-minimum', '5/2')
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

from ..core.instance import Instance
from ..core.rationals import format_matrix, format_rational, format_vector
from ..landscape.minima import GlobalMinimum, Landscape, global_minimum, landscape, require_landscape_setting
from ..landscape.proofs import LocalMinimumProof, NoSpuriousProof, local_minimum_proof, no_spurious_proof
from .certificates import certificate, sign_string, step, system_evidence
from .regions import topes_evidence

__all__ = ["global_minimum_claim", "local_minimum_claim", "no_spurious_claim", "landscape_certificate",
           "local_minimum_certificate", "local_minimum_proof_claim", "no_spurious_proof_claim"]

Claim = tuple[dict[str, Any], dict[str, Any]]


def _point(inst: Instance, weights: Sequence[Sequence[Fraction]], output: Sequence[Fraction]) -> dict[str, Any]:
    out: dict[str, Any] = {"weights": format_matrix(weights)}
    if inst.output == "trainable":
        out["output"] = format_vector(output)
    return out


def global_minimum_claim(inst: Instance, g: GlobalMinimum | None = None,
                         topes_ev: dict[str, Any] | None = None) -> Claim:
    """``landscape-global-minimum``: the value, a point attaining it, and per piece ``R`` with KKT multipliers."""
    g = g or global_minimum(inst)
    fixed = inst.output != "trainable"
    pieces = []
    for p in g.pieces:
        e: dict[str, Any] = {"faces": [sign_string(t) for t in p.topes]}
        if not fixed:
            e["signs"] = sign_string(p.signs)
        pieces.append({**e, "R": format_matrix(p.R), "multipliers": format_matrix(p.multipliers)})
    return ({"kind": "landscape-global-minimum", "value": format_rational(g.value)},
            {"topes": topes_ev or topes_evidence(inst.points), "attained": _point(inst, g.weights, g.output),
             "pieces": pieces})


def local_minimum_proof_claim(inst: Instance, p: LocalMinimumProof, topes_ev: dict[str, Any] | None = None) -> Claim:
    """``landscape-local-minimum`` of a :class:`~exactrelu.landscape.proofs.LocalMinimumProof`: the point, its loss,
    the solution ``(R, μ)`` of its pinned stratum system, and (spurious) the lower point."""
    claim = {"kind": "landscape-local-minimum", **_point(inst, p.weights, p.output), "loss": format_rational(p.loss),
             "spurious": p.spurious}
    ev: dict[str, Any] = {"topes": topes_ev or topes_evidence(inst.points), "point": format_vector(p.multipliers.point)}
    if p.lower is not None:
        ev["lower"] = _point(inst, *p.lower)
    return claim, ev


def local_minimum_claim(inst: Instance, weights: Sequence[Sequence[Fraction]], output: Sequence[Fraction] | None,
                        lower: tuple[Sequence[Sequence[Fraction]], Sequence[Fraction]] | None = None,
                        topes_ev: dict[str, Any] | None = None) -> Claim:
    """``landscape-local-minimum`` at ``(weights, output)`` (``output`` ignored for fixed output weights); with
    ``lower`` (a point of smaller loss, e.g. the global minimum's) the claim says *spurious*.  Raises
    :class:`~exactrelu.core.instance.InstanceError` if the point is not a local minimum, or ``lower`` is not lower
    (:func:`~exactrelu.landscape.proofs.local_minimum_proof` decides)."""
    return local_minimum_proof_claim(inst, local_minimum_proof(inst, weights, output, lower), topes_ev)


def no_spurious_proof_claim(inst: Instance, p: NoSpuriousProof, global_ref: str = "global",
                            topes_ev: dict[str, Any] | None = None) -> Claim:
    """``landscape-no-spurious`` of a :class:`~exactrelu.landscape.proofs.NoSpuriousProof`: the faces with their
    witnesses, and per stratum a solution ``point`` or Motzkin ``multipliers``; the value is the global minimum
    proved by the step ``global_ref``."""
    strata = []
    for s in p.strata:
        e: dict[str, Any] = {"faces": [sign_string(f) for f in s.faces]}
        if inst.output == "trainable":
            e["signs"] = sign_string(s.signs)
        strata.append(e | system_evidence(s.answer))  # a solution (R, μ) or Motzkin multipliers
    return ({"kind": "landscape-no-spurious"},
            {"global": global_ref, "topes": topes_ev or topes_evidence(inst.points),
             "faces": {sign_string(f.signs): format_vector(f.witness) for f in p.faces}, "strata": strata})


def no_spurious_claim(inst: Instance, value: Fraction, global_ref: str = "global",
                      topes_ev: dict[str, Any] | None = None, advance: Callable[[], None] | None = None) -> Claim:
    """``landscape-no-spurious``: every stratum infeasible (multipliers) or a solution of loss ``value`` (the
    global minimum, proved by the step ``global_ref``).  Raises :class:`~exactrelu.core.instance.InstanceError` if
    some stratum carries a local minimum of another loss (:func:`~exactrelu.landscape.proofs.no_spurious_proof`
    decides)."""
    return no_spurious_proof_claim(inst, no_spurious_proof(inst, value, advance), global_ref, topes_ev)


def landscape_certificate(inst: Instance, a: Landscape | None = None,
                          advance: Callable[[], None] | None = None) -> dict[str, Any]:
    """One certificate of the whole answer: a ``landscape-global-minimum`` step, one ``landscape-local-minimum``
    step (spurious, with the global minimum's point as the lower one) per spurious class, the last of them the
    certificate's claim; when there is none, the claim is ``landscape-no-spurious``."""
    require_landscape_setting(inst)
    a = a or landscape(inst, advance)
    g = a.global_min
    tev = topes_evidence(inst.points)
    steps = [step("global", *global_minimum_claim(inst, g, tev))]
    for i, c in enumerate(sorted(a.spurious, key=lambda c: (c.loss, c.faces, c.signs))):
        steps.append(step(f"spurious-{i + 1}", *local_minimum_claim(inst, c.weights, c.output,
                                                                     (g.weights, g.output), tev)))
    info = {"instance_name": inst.name, "spurious_classes": str(len(a.spurious))}
    if a.spurious:
        last = steps.pop()
        return certificate(last["claim"], last["evidence"], inst, steps, info)
    claim, ev = no_spurious_claim(inst, g.value, "global", tev, advance)
    return certificate(claim, ev, inst, steps, info)


def local_minimum_certificate(inst: Instance, weights: Sequence[Sequence[Fraction]],
                              output: Sequence[Fraction] | None, spurious: bool = True) -> dict[str, Any]:
    """A certificate that ``(weights, output)`` is a local minimum, and (``spurious``) not a global one: the lower
    point is the global minimum's, proved by a ``landscape-global-minimum`` step."""
    tev = topes_evidence(inst.points)
    if not spurious:
        return certificate(*local_minimum_claim(inst, weights, output, None, tev), inst)
    g = global_minimum(inst)
    claim, ev = local_minimum_claim(inst, weights, output, (g.weights, g.output), tev)
    return certificate(claim, ev, inst, [step("global", *global_minimum_claim(inst, g, tev))])
