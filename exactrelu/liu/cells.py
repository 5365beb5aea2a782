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

from ..core.feasibility import LPCounter
from ..core.instance import Instance
from ..core.progress import NO_PROGRESS
from .minima import (
    CellMinimum,
    DiscrepancySource,
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
    "wall_verdicts",
    "LeakyCell",
    "LeakyAtlas",
    "leaky_cells",
]

Vector = tuple[Fraction, ...]


@dataclass(frozen=True)
class CellReport:
    """One non-empty cell of Liu's atlas: its activation ``pattern`` with a witness per unit, the Moore–Penrose
    minimum of the loss inside it (Theorem 1), the exact genuine-minimum verdict and Liu's printed criterion
    (16)–(18), the saddles of Theorem 2 and the walls decided by Theorem 3."""

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
    def source(self) -> DiscrepancySource | None:
        return discrepancy_source(self.exact, self.printed)


class _CellLosses:
    """The two losses read off a list of cells, each with its Moore–Penrose ``minimum`` and ``exact`` verdict."""

    cells: tuple[CellReport, ...] | tuple[LeakyCell, ...]

    @property
    def min_loss(self) -> Fraction | None:
        """The least minimal loss over all non-empty cells (``None`` without cells)."""
        return min((c.minimum.loss for c in self.cells), default=None)

    @property
    def best_genuine_loss(self) -> Fraction | None:
        """The least loss of a genuine differentiable local minimum, attained (``None`` if no cell has one)."""
        return min((c.minimum.loss for c in self.cells if c.exact.genuine), default=None)


@dataclass(frozen=True)
class Atlas(_CellLosses):
    """Liu Part 1 on one instance: every non-empty cell (:class:`CellReport`), and the exact LPs it took."""

    instance: Instance
    cells: tuple[CellReport, ...]
    lps: int

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


def wall_verdicts(a: Atlas) -> tuple[tuple[NondiffVerdict, ...], ...]:
    """Liu's Theorem 3 decided on *every* wall of every cell: per cell (in atlas order) one verdict per ``(m, n)``
    with ``A_mn = 0``, ``m`` then ``n`` ascending (the ``liu-theorem3`` steps of the atlas certificate).

    Walls with a non-empty face reuse the atlas's verdicts; a wall whose face is empty (``<w_m, x_n> = 0`` meets
    no other sign of the cell) is decided here: it is refuted, one Motzkin refutation per sign choice, which the
    certificate carries so the kernel sees every wall.  Only a certificate needs these, so the atlas does not
    compute them.

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> a = atlas(instance_from_mapping({"data": {"points": [[1, 0], [0, 1]], "targets": [1, -1]},
    ...                                 "network": {"hidden": [1]}}))
    >>> [[(v.unit, v.point, v.minimum) for v in cell] for cell in wall_verdicts(a)]  # cells 00, 01, 10, 11
    [[(0, 0, False), (0, 1, False)], [(0, 0, False)], [(0, 1, False)], []]
    """
    out = []
    for c in a.cells:
        decided = {(v.unit, v.point): v for v in c.nondiff_verdicts}
        out.append(tuple(decided.get((m, n)) or decide_nondiff(a.instance, c.pattern, m, n, c.witnesses)
                         for m, row in enumerate(c.pattern) for n, active in enumerate(row) if not active))
    return tuple(out)


# ---------------------------------------------------------------- leaky units: the part of the atlas that carries over
@dataclass(frozen=True)
class LeakyCell:
    """One non-empty cell of a leaky network: its Moore–Penrose minimum (Theorem 1) and exact genuine verdict."""

    pattern: Pattern
    minimum: CellMinimum
    exact: GenuineVerdict


@dataclass(frozen=True)
class LeakyAtlas(_CellLosses):
    """The part of the atlas that carries over to leaky units (docs/liu.md): every non-empty cell's minimum and
    exact genuine verdict, without Liu's printed criterion or Theorems 2–3 (ReLU statements)."""

    instance: Instance
    cells: tuple[LeakyCell, ...]


def leaky_cells(inst: Instance, advance: Callable[[], None] = NO_PROGRESS) -> LeakyAtlas:
    """Theorem 1 and the exact genuine-minimum condition in every non-empty cell of a leaky (or ReLU) network.

    This is what carries over to leaky units (:data:`exactrelu.liu.minima.CELL_MODEL`, docs/liu.md); the printed
    criterion and Theorems 2–3 are not computed.  ``advance`` is called once per cell.

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> la = leaky_cells(instance_from_mapping({"data": {"points": [[1, 0], [0, 1]], "targets": [1, -1]},
    ...                                         "network": {"hidden": [1], "activation": "leaky:1/2"}}))
    >>> [(c.pattern, str(c.minimum.loss), c.exact.genuine) for c in la.cells]
    [(((0, 0),), '0', False), (((0, 1),), '0', True), (((1, 0),), '0', True), (((1, 1),), '0', False)]

    (``M = diag(a_1, a_2)`` with ``a_p ∈ {1, 1/2}`` is invertible in every cell, so ``R* = (1/a_1, −1/a_2)`` fits
    exactly; ``R* = z w`` puts ``w`` in the cell of signs ``(+, −)`` for ``z > 0`` and ``(−, +)`` for ``z < 0``:
    only cells 10 and 01 hold a genuine minimum.)
    """
    from ..core.model import require
    from .minima import CELL_MODEL

    require(inst, CELL_MODEL, "Liu's cell analysis")
    counter = LPCounter()
    out = []
    for pattern, wit in cells(inst):
        out.append(LeakyCell(pattern, cell_minimum(inst, pattern), decide_genuine(inst, pattern, wit, counter)))
        advance()
    return LeakyAtlas(inst, tuple(out))
