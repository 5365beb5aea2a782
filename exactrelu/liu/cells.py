"""The landscape atlas of Liu's Part 1: every non-empty cell, analysed and certified.

Per cell (pattern ``A``): the minimal loss of ``L_A`` and the shape of its
minimiser set (Theorem 1, eqs. 12–14), the exact genuine-minimum verdict
(SPEC §4), Liu's printed criterion (16)–(18) and, where they disagree, the
source of the disagreement.  Over all cells: the least cell-minimal loss and the
least loss of a genuine differentiable minimum.

The atlas certificate (``liu-atlas``) bundles, as steps, the complete tope list
and a ``region-count`` (so the kernel knows there are exactly ``T^{d1}`` cells),
then per cell a ``region-nonempty``, a ``liu-cell-minimum``, an exact verdict and
one ``liu-theorem3`` step per ``(m, n)`` with ``A_mn = 0``.  A ``liu-theorem3``
refutation says only that no point meets Liu's strict conditions (29)–(30) on
that wall: degenerate non-differentiable minima are not excluded.

>>> from exactrelu.core.instance import instance_from_mapping
>>> inst = instance_from_mapping({"data": {"points": [[1, 0], [0, 1]], "targets": [1, -1]},
...                               "network": {"hidden": [1]}})
>>> a = atlas(inst)
>>> [(c.pattern_text, str(c.minimum.loss), c.exact.genuine) for c in a.cells]
[('00', '1', True), ('01', '1/2', True), ('10', '1/2', True), ('11', '0', False)]
>>> str(a.min_loss), str(a.best_genuine_loss)
('0', '1/2')
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..core.feasibility import LPCounter
from ..core.instance import Instance
from ..core.progress import NO_PROGRESS
from ..core.rationals import format_rational, format_vector
from .minima import (
    CellMinimum,
    GenuineVerdict,
    Pattern,
    PrintedVerdict,
    cell_minimum,
    cells,
    decide_genuine,
    decide_printed,
    discrepancy_source,
    pattern_strings,
    require_liu_setting,
)
from .nondifferentiable import NondiffVerdict, decide_nondiff
from .saddles import (
    NondiffSystem,
    Saddle,
    nondiff_system,
    saddles,
    wall_faces,
)

__all__ = [
    "CellReport",
    "Atlas",
    "atlas",
    "analyse_cell",
    "atlas_rows",
    "atlas_json",
    "HEADER",
    "CELL_HEADER",
    "leaky_cells",
    "leaky_rows",
    "leaky_json",
]

Vector = tuple[Fraction, ...]


@dataclass(frozen=True)
class CellReport:
    pattern: Pattern
    witnesses: tuple[Vector, ...]
    minimum: CellMinimum
    exact: GenuineVerdict
    printed: PrintedVerdict
    saddles: tuple[Saddle, ...] = ()
    nondiff: tuple[NondiffSystem, ...] = ()
    nondiff_verdicts: tuple[NondiffVerdict, ...] = ()

    @property
    def saddle_subsets(self) -> list[tuple[int, ...]]:
        return [s.subset for s in self.saddles if s.genuine]

    @property
    def nondiff_soluble(self) -> list[tuple[int, int]]:
        return [(s.unit, s.point) for s in self.nondiff if s.soluble]

    @property
    def nondiff_minima(self) -> list[NondiffVerdict]:
        """Walls ``(m, n)`` of this cell carrying a Theorem-3 local minimum."""
        return [v for v in self.nondiff_verdicts if v.minimum]

    @property
    def pattern_text(self) -> str:
        return "|".join(pattern_strings(self.pattern))

    @property
    def source(self) -> str | None:
        return discrepancy_source(self.exact, self.printed)


@dataclass(frozen=True)
class Atlas:
    instance: Instance
    cells: tuple[CellReport, ...]
    lps: int

    @property
    def min_loss(self) -> Fraction | None:
        """The least minimal loss over all non-empty cells (``None`` without cells)."""
        return min((c.minimum.loss for c in self.cells), default=None)

    @property
    def best_genuine_loss(self) -> Fraction | None:
        """The least loss of a genuine differentiable local minimum (attained)."""
        return min((c.minimum.loss for c in self.cells if c.exact.genuine), default=None)

    @property
    def nondiff_count(self) -> int:
        """Number of (cell, wall) pairs with a Theorem-3 non-differentiable local minimum."""
        return sum(len(c.nondiff_minima) for c in self.cells)

    @property
    def discrepancies(self) -> tuple[CellReport, ...]:
        return tuple(c for c in self.cells if c.source)


def atlas(inst: Instance, advance: Callable[[], None] = NO_PROGRESS) -> Atlas:
    """Analyse every non-empty cell of a Liu instance (raises ``InstanceError`` otherwise); ``advance`` is
    called once per cell (a progress ticker, :mod:`exactrelu.core.progress`).

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> a = atlas(instance_from_mapping({"data": {"points": [[1, 0], [0, 1]], "targets": [1, -1]},
    ...                                 "network": {"hidden": [1]}}))
    >>> len(a.cells), a.min_loss, a.best_genuine_loss  # cell 11 reaches 0 only outside itself
    (4, Fraction(0, 1), Fraction(1, 2))
    """
    require_liu_setting(inst)
    counter = LPCounter()
    out = []
    for pattern, wit in cells(inst):
        out.append(analyse_cell(inst, pattern, wit, counter))
        advance()
    return Atlas(inst, tuple(out), counter.count)


def analyse_cell(
    inst: Instance, pattern: Pattern, wit: tuple[Vector, ...], counter: LPCounter | None = None
) -> CellReport:
    """Everything the atlas says about one non-empty cell (Theorems 1–3, printed criterion)."""
    cm = cell_minimum(inst, pattern)
    exact = decide_genuine(inst, pattern, wit, counter)
    printed = decide_printed(inst, pattern, counter)
    sad = tuple(saddles(inst, pattern, wit))
    walls = wall_faces(inst, pattern)
    nd = tuple(nondiff_system(inst, pattern, m, n) for m, n in walls)
    nv = tuple(decide_nondiff(inst, pattern, m, n, wit, counter) for m, n in walls)
    return CellReport(pattern, wit, cm, exact, printed, sad, nd, nv)


def _fmt(q: Fraction | None) -> str | None:
    return None if q is None else format_rational(q)


HEADER = [
    "cell A",
    "min loss",
    "minimisers",
    "genuine (exact)",
    "signs",
    "printed (16)-(18)",
    "disagreement",
    "saddles J (Thm 2)",
    "D R = d soluble (m,n) (Thm 3)",
    "non-diff minima (m,n) s (Thm 3)",
]


def _signs(s: tuple[int, ...] | None) -> str:
    return "".join("+" if v > 0 else "-" if v < 0 else "0" for v in s or ())


def atlas_rows(a: Atlas) -> list[list[str]]:
    """The text/markdown/CSV rows of ``exactrelu liu`` (columns :data:`HEADER`), one per cell, rationals as ``p/q``."""
    rows = []
    for c in a.cells:
        signs = "".join("+" if s > 0 else "-" if s < 0 else "0" for s in (c.exact.signs or ()))
        rows.append(
            [
                c.pattern_text,
                format_rational(c.minimum.loss),
                c.minimum.kind,
                "yes" if c.exact.genuine else "no",
                signs or "n/a",
                "yes" if c.printed.holds else "no",
                c.source or "",
                " ".join("{" + ",".join(map(str, j)) + "}" for j in c.saddle_subsets),
                " ".join(f"({m},{n})" for m, n in c.nondiff_soluble),
                " ".join(f"({v.unit},{v.point}){_signs(v.signs)}" for v in c.nondiff_minima),
            ]
        )
    return rows


def atlas_json(a: Atlas) -> dict[str, Any]:
    """The ``--json`` document of ``exactrelu liu`` (keys documented in docs/liu.md)."""
    cells = []
    for c in a.cells:
        cells.append(
            {
                "pattern": pattern_strings(c.pattern),
                "min_loss": format_rational(c.minimum.loss),
                "unique": c.minimum.unique,
                "flat_dimension": len(c.minimum.basis),
                "minimizer": format_vector(c.minimum.particular),
                "genuine": c.exact.genuine,
                "genuine_signs": "".join("+-0"[[1, -1, 0].index(s)] for s in c.exact.signs or ()) or None,
                "genuine_weights": [format_vector(w) for w in c.exact.weights] if c.exact.weights else None,
                "genuine_output": format_vector(c.exact.output) if c.exact.output else None,
                "printed": c.printed.holds,
                "discrepancy": c.source,
                "saddle_subsets": [list(j) for j in c.saddle_subsets],
                "nondiff_soluble": [list(p) for p in c.nondiff_soluble],
                "nondiff_minima": [
                    {
                        "unit": v.unit,
                        "point": v.point,
                        "signs": _signs(v.signs),
                        "weights": [format_vector(w) for w in v.weights or ()],
                        "output": format_vector(v.output or ()),
                        "loss": _fmt(v.loss),
                    }
                    for v in c.nondiff_minima
                ],
            }
        )
    return {
        "instance": a.instance.name,
        "cells": cells,
        "cell_count": len(a.cells),
        "min_loss": _fmt(a.min_loss),
        "best_genuine_loss": _fmt(a.best_genuine_loss),
        "discrepancies": len(a.discrepancies),
        "nondiff_minima": a.nondiff_count,
        "lps": a.lps,
    }


# ---------------------------------------------------------------- leaky units: the part of the atlas that carries over
CELL_HEADER = ["cell A", "min loss", "minimisers", "genuine (exact)", "signs"]


def leaky_cells(inst: Instance, advance: Callable[[], None] = NO_PROGRESS
                ) -> tuple[tuple[Pattern, CellMinimum, GenuineVerdict], ...]:
    """Theorem 1 and the exact genuine-minimum condition in every non-empty cell of a leaky (or ReLU) network.

    This is what carries over to leaky units (:data:`exactrelu.liu.minima.CELL_MODEL`, docs/liu.md); the printed
    criterion and Theorems 2–3 are not computed.  ``advance`` is called once per cell.
    """
    from ..core.model import require
    from .minima import CELL_MODEL

    require(inst, CELL_MODEL, "Liu's cell analysis")
    counter = LPCounter()
    out = []
    for pattern, wit in cells(inst):
        out.append((pattern, cell_minimum(inst, pattern), decide_genuine(inst, pattern, wit, counter)))
        advance()
    return tuple(out)


def leaky_rows(table: tuple[tuple[Pattern, CellMinimum, GenuineVerdict], ...]) -> list[list[str]]:
    """The rows of ``exactrelu liu`` on a leaky network (columns :data:`CELL_HEADER`), one per cell."""
    return [["|".join(pattern_strings(p)), format_rational(cm.loss), cm.kind, "yes" if g.genuine else "no",
             _signs(g.signs) or "n/a"] for p, cm, g in table]


def leaky_json(inst: Instance, table: tuple[tuple[Pattern, CellMinimum, GenuineVerdict], ...]) -> dict[str, Any]:
    """``exactrelu liu --json`` on a leaky instance: the atlas keys that carry over; the others are ``null``."""
    out = [{"pattern": pattern_strings(p), "min_loss": format_rational(cm.loss), "unique": cm.unique,
            "flat_dimension": len(cm.basis), "minimizer": format_vector(cm.particular), "genuine": g.genuine,
            "genuine_signs": _signs(g.signs) or None,
            "genuine_weights": [format_vector(w) for w in g.weights] if g.weights else None,
            "genuine_output": format_vector(g.output) if g.output else None,
            "printed": None, "discrepancy": None, "saddle_subsets": None, "nondiff_soluble": None,
            "nondiff_minima": None} for p, cm, g in table]
    genuine = [cm.loss for _, cm, g in table if g.genuine]
    return {"instance": inst.name, "activation": inst.activation, "cells": out, "cell_count": len(out),
            "min_loss": _fmt(min((cm.loss for _, cm, _ in table), default=None)),
            "best_genuine_loss": _fmt(min(genuine, default=None)), "discrepancies": None, "nondiff_minima": None,
            "not_modelled": "Liu's printed criterion (16)-(18) and Theorems 2-3 are ReLU statements"}
