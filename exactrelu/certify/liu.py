"""Certificates for Liu's landscape: the producer side of :mod:`exactrelu.kernel.liu`.

Each function returns a ``(claim, evidence)`` pair (or a whole document) whose
claim names the pattern as 0/1 strings, one per unit (SPEC §2 convention).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from ..core.feasibility import Infeasibility
from ..core.instance import Instance
from ..core.rationals import format_matrix, format_rational, format_vector
from ..liu.minima import CellMinimum, GenuineVerdict, Pattern, PrintedVerdict, pattern_strings
from .certificates import certificate, sign_string, step

__all__ = [
    "minimum_claim",
    "genuine_claim",
    "printed_claim",
    "cell_claim",
    "cell_document",
    "discrepancy_document",
]

Claim = tuple[dict[str, Any], dict[str, Any]]


def _multipliers(ans: Infeasibility) -> dict[str, Any]:
    return {
        "strict": format_vector(ans.strict),
        "weak": format_vector(ans.weak),
        "equal": format_vector(ans.equal),
    }


def _refutations(refs: Sequence[tuple[tuple[int, ...], Infeasibility]]) -> list[dict[str, Any]]:
    return [{"signs": sign_string(s), "multipliers": _multipliers(a)} for s, a in refs]


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
    source: str,
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
        "source": source,
    }
    return certificate(
        claim,
        {"cell": "cell", "exact": "exact", "printed": "printed"},
        inst,
        steps=steps,
        info={"note": "Liu's printed criterion (16)-(18) vs the exact condition of SPEC §4"},
    )
