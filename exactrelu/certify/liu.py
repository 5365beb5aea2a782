"""Certificates for Liu's landscape: the producer side of :mod:`exactrelu.kernel.liu`.

Each function returns a ``(claim, evidence)`` pair (or a whole document) whose
claim names the pattern as 0/1 strings, one per unit (SPEC §2 convention), from the result values of
:mod:`exactrelu.liu` (cells, saddles, non-differentiable minima), one function per result type.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from ..core.feasibility import Infeasibility
from ..core.instance import Instance
from ..core.rationals import format_matrix, format_rational, format_vector
from ..liu.cells import Atlas
from ..liu.minima import CellMinimum, DiscrepancySource, GenuineVerdict, Pattern, PrintedVerdict, pattern_strings
from ..liu.nondifferentiable import NondiffVerdict
from ..liu.saddles import NondiffSystem, Saddle, SaddleOutcome
from .certificates import certificate, sign_string, step, system_evidence

__all__ = [
    "minimum_claim",
    "genuine_claim",
    "printed_claim",
    "cell_claim",
    "cell_document",
    "discrepancy_document",
    "nondiff_claim",
    "saddle_certificate",
    "nondiff_certificate",
    "cell_list_steps",
    "atlas_certificate",
    "discrepancy_certificates",
]

Claim = tuple[dict[str, Any], dict[str, Any]]


def _refutations(refs: Sequence[tuple[tuple[int, ...], Infeasibility]]) -> list[dict[str, Any]]:
    return [{"signs": sign_string(s), **system_evidence(a)} for s, a in refs]


def minimum_claim(cm: CellMinimum) -> Claim:
    """``liu-cell-minimum``: ``M⁺y``, a basis of ``ker M`` and the loss; evidence ``M⁺`` (Penrose) and the rows of
    the basis's identity block."""
    claim = {
        "kind": "liu-cell-minimum",
        "pattern": pattern_strings(cm.pattern),
        "minimizer": format_vector(cm.particular),
        "basis": format_matrix(cm.basis),
        "loss": format_rational(cm.loss),
    }
    # linalg.nullspace puts an identity block on the free columns: name them
    rows = [
        next(
            i for i, v in enumerate(b) if v == 1 and all(c[i] == 0 for c in cm.basis if c is not b)
        )
        for b in cm.basis
    ]
    return claim, {"pinv": format_matrix(cm.pinv), "basis_rows": rows}


def genuine_claim(v: GenuineVerdict, loss: Fraction) -> Claim:
    """``liu-genuine``: a point ``(W, z)`` of the open cell (``genuine: true``) or one refutation per sign choice."""
    claim: dict[str, Any] = {"kind": "liu-genuine", "pattern": pattern_strings(v.pattern), "genuine": v.genuine}
    if v.genuine:
        assert v.weights is not None and v.output is not None
        claim["loss"] = format_rational(loss)
        return claim, {"weights": format_matrix(v.weights), "output": format_vector(v.output)}
    return claim, {"refutations": _refutations(v.refutations)}


def printed_claim(v: PrintedVerdict) -> Claim:
    """Claim and evidence ``liu-printed``: Liu's printed criterion (Theorem 1) in one cell, with its sign choice
    and point when it holds, else the refutation of every sign choice.
    """
    claim = {"kind": "liu-printed", "pattern": pattern_strings(v.pattern), "holds": v.holds}
    if v.holds:
        assert v.point is not None
        return claim, {"signs": sign_string(v.signs or ()), "point": format_vector(v.point)}
    return claim, {"refutations": _refutations(v.refutations)}


def cell_claim(pattern: Pattern, witnesses: Sequence[Sequence[Fraction]]) -> Claim:
    """Claim and evidence ``region-nonempty`` for a cell of Liu's atlas: the pattern and a witness weight per unit."""
    return (
        {"kind": "region-nonempty", "pattern": pattern_strings(pattern)},
        {"weights": format_matrix(witnesses)},
    )


def cell_document(inst: Instance, cm: CellMinimum, exact: GenuineVerdict) -> dict[str, Any]:
    """One cell: its minimum (step ``minimum``) and the exact genuine verdict (top claim)."""
    mc, me = minimum_claim(cm)
    gc, ge = genuine_claim(exact, cm.loss)
    return certificate(gc, ge, inst, steps=[step("minimum", mc, me)])


def discrepancy_document(
    inst: Instance,
    cm: CellMinimum,
    witnesses: Sequence[Sequence[Fraction]],
    exact: GenuineVerdict,
    printed: PrintedVerdict,
    source: DiscrepancySource,
) -> dict[str, Any]:
    """A certified counterexample to Liu's printed criterion on one non-empty cell."""
    steps = [
        step("cell", *cell_claim(cm.pattern, witnesses)),
        step("minimum", *minimum_claim(cm)),
        step("exact", *genuine_claim(exact, cm.loss)),
        step("printed", *printed_claim(printed)),
    ]
    claim = {
        "kind": "liu-discrepancy",
        "pattern": pattern_strings(cm.pattern),
        "exact": exact.genuine,
        "printed": printed.holds,
        "source": str(source),
    }
    return certificate(
        claim,
        {"cell": "cell", "exact": "exact", "printed": "printed"},
        inst,
        steps=steps,
        info={"note": "Liu's printed criterion (16)-(18) vs the exact condition of SPEC §4"},
    )


def nondiff_claim(v: NondiffVerdict) -> Claim:
    """``liu-theorem3``: a point meeting Liu's conditions (``holds: true``) or one refutation per sign choice
    (``holds: false``: no point meets Liu's strict conditions on this wall; degenerate minima are not excluded)."""
    claim: dict[str, Any] = {"kind": "liu-theorem3", "pattern": pattern_strings(v.pattern), "unit": v.unit,
                             "point": v.point, "holds": v.minimum}
    if v.minimum:
        assert v.weights is not None and v.output is not None and v.loss is not None
        claim["loss"] = format_rational(v.loss)
        return claim, {"weights": format_matrix(v.weights), "output": format_vector(v.output)}
    return claim, {"refutations": _refutations(v.refutations)}


def saddle_certificate(inst: Instance, s: Saddle) -> dict[str, Any]:
    """``liu-saddle`` for one subset: a stationary non-minimum in the open cell (``saddle: true``) or the reason
    there is none (``saddle: false``)."""
    claim = {"kind": "liu-saddle", "pattern": pattern_strings(s.pattern), "subset": list(s.subset),
             "saddle": s.genuine}
    if s.genuine:
        assert s.weights is not None and s.output is not None
        return certificate(claim, {"weights": format_matrix(s.weights), "output": format_vector(s.output)}, inst)
    ev: dict[str, Any] = {"solution": format_vector(s.solution), "reason": s.reason.value}
    if s.reason in (SaddleOutcome.ZERO_GRADIENT, SaddleOutcome.CONE):
        ev["unit"] = s.unit
    if s.cone is not None:
        ev["multipliers"] = {"strict": format_vector(s.cone.strict), "weak": [], "equal": format_vector(s.cone.equal)}
    if s.reason == SaddleOutcome.SIGNS:
        ev["refutations"] = _refutations(s.refutations)
    return certificate(claim, ev, inst)


def nondiff_certificate(inst: Instance, s: NondiffSystem) -> dict[str, Any]:
    """A ``liu-nondiff-system`` certificate (Liu's Theorem 3, the linear system of a wall ``(unit, point)``):
    a solution as a point of the equality system, or multipliers ``u`` with ``uᵀD = 0``, ``uᵀd = 1`` (Fredholm).
    """
    claim = {
        "kind": "liu-nondiff-system",
        "pattern": pattern_strings(s.pattern),
        "unit": s.unit,
        "point": s.point,
        "soluble": s.soluble,
    }
    # format 2: a solution is a point of the equal-only system; u (uᵀD = 0, uᵀd = 1) its Motzkin multipliers
    ev = ({"point": format_vector(s.solution or ())} if s.soluble else
          {"multipliers": {"strict": [], "weak": [], "equal": format_vector(s.u or ())}})
    return certificate(claim, ev, inst)


def _fmt(q: Fraction | None) -> str | None:
    return None if q is None else format_rational(q)


def cell_list_steps(inst: Instance, cells: Sequence[tuple[Pattern, Sequence[Sequence[Fraction]]]]
                    ) -> list[dict[str, Any]]:
    """Steps proving the cell list complete: ``topes`` (the unit topes), ``regions`` (``region-count``: the kernel's
    ``T^{d1}``, 0 with a zero point) and ``cell{i}`` (``region-nonempty``) per cell."""
    from ..arrangements.topes import topes
    from .regions import topes_evidence

    ts = topes(inst.points)
    head = [
        step("topes", {"kind": "topes-complete", "count": str(len(ts))}, topes_evidence(inst.points)),
        step("regions", {"kind": "region-count", "count": str(len(cells))}, {"topes": "topes"}),
    ]
    return head + [step(f"cell{i}", *cell_claim(p, w)) for i, (p, w) in enumerate(cells)]


def atlas_certificate(a: Atlas, walls: Sequence[Sequence[NondiffVerdict]]) -> dict[str, Any]:
    """``liu-atlas``: the complete cell list, then per cell its minimum, its exact verdict and one ``liu-theorem3``
    step for every ``(m, n)`` with ``A_mn = 0`` (walls whose face is empty get their refutation too): ``walls`` are
    those verdicts per cell, :func:`exactrelu.liu.cells.wall_verdicts` of ``a``."""
    inst = a.instance
    steps = cell_list_steps(inst, [(c.pattern, c.witnesses) for c in a.cells])
    entries = []
    for i, (c, verdicts) in enumerate(zip(a.cells, walls, strict=True)):
        steps.append(step(f"min{i}", *minimum_claim(c.minimum)))
        steps.append(step(f"exact{i}", *genuine_claim(c.exact, c.minimum.loss)))
        names = [f"thm3.{i}.{v.unit}.{v.point}" for v in verdicts]
        steps += [step(name, *nondiff_claim(v)) for name, v in zip(names, verdicts, strict=True)]
        entries.append({"cell": f"cell{i}", "minimum": f"min{i}", "exact": f"exact{i}", "walls": names})
        for j, sd in enumerate(c.saddles):
            sub = saddle_certificate(inst, sd)
            steps.append(step(f"saddle{i}.{j}", sub["claim"], sub["evidence"]))
        for j, nd in enumerate(c.nondiff):
            sub = nondiff_certificate(inst, nd)
            steps.append(step(f"nondiff{i}.{j}", sub["claim"], sub["evidence"]))
    claim = {
        "kind": "liu-atlas",
        "cells": str(len(a.cells)),
        "min_loss": _fmt(a.min_loss),
        "best_genuine_loss": _fmt(a.best_genuine_loss),
        "walls": str(sum(len(vs) for vs in walls)),
        "liu_walls": str(sum(v.minimum for vs in walls for v in vs)),
    }
    return certificate(claim, {"regions": "regions", "cells": entries}, inst, steps=steps)


def discrepancy_certificates(a: Atlas) -> dict[str, dict[str, Any]]:
    """One ``liu-discrepancy`` certificate per disagreeing cell, keyed by a file stem."""
    out = {}
    for c in a.discrepancies:
        stem = "discrepancy-" + "-".join(pattern_strings(c.pattern))
        assert c.source is not None  # a discrepancy has a source
        out[stem] = discrepancy_document(a.instance, c.minimum, c.witnesses, c.exact, c.printed, c.source)
    return out
