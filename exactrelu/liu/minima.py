"""Liu's landscape inside a cell: exact Moore–Penrose minima and genuine minima (SPEC §4).

Setting (Bo Liu, *Understanding Global Loss Landscape of One-hidden-layer ReLU
Networks, Part 1*): one hidden layer of ``d1`` units, trainable output weights
``z``, squared loss ``½ Σ_p (F(x_p) − y_p)²``.  With ``R_u = z_u w_u`` the loss
inside the cell of the activation pattern ``A`` (``A[u][p] = 1`` iff unit ``u``
is active on point ``p``) is the convex quadratic ``L_A(R) = ½ ||M R − y||²``,
where row ``p`` of the ``n × (d1·d)`` matrix ``M`` is ``(A_1p x_pᵀ, …, A_{d1}p x_pᵀ)``
(Liu's eq. 11).

* Theorem 1 / eqs. 12–14: the minimisers of ``L_A`` form the affine set
  ``R* = M⁺y + (I − M⁺M) c`` and the minimal loss is ``½ ||M M⁺ y − y||²``.
* Genuine minimum (eqs. 15–18, exact form of SPEC §4): the open cell contains a
  differentiable local minimum iff some minimiser ``R`` and some sign choice
  ``s ∈ {+, −, 0}^{d1}`` satisfy ``s_u (2A_up − 1) <R_u, x_p> > 0`` for all ``p``
  when ``s_u ≠ 0`` and ``R_u = 0`` when ``s_u = 0``.  (Then ``z_u = s_u``,
  ``w_u = s_u R_u``, or ``z_u = 0`` and ``w_u`` any point of the cone.)
* Liu's printed criterion (16)–(18): ``s ∈ {+, −}^{d1}``, ``s_u <R_u, x_p> > 0`` on
  active points and ``≤ 0`` on inactive ones.  It misses the ``z_u = 0`` branch
  and accepts minimisers on the cell's boundary; :func:`discrepancy` reports both.

The minimiser set is written by the normal equations ``MᵀM R = Mᵀy`` (the
kernel rebuilds exactly these rows), so every sign choice is one mixed linear
system decided by :func:`exactrelu.core.feasibility.decide`.

Leaky ReLU (slope ``α``).  In a cell unit ``u`` outputs ``z_u (A_up + α(1 − A_up)) <w_u, x_p>``, still
linear in ``R_u = z_u w_u``: the cell loss is ``½ ||M_α R − y||²`` with ``M_α``'s entries ``α x_p`` (not ``0``) on
inactive points, and the genuine-minimum condition is unchanged (its proof only uses that the loss is a convex
quadratic in ``R`` on the open cell and that ``±C(a_u)`` spans ``Q^d``).  So :func:`cell_minimum`,
:func:`genuine_system` and :func:`decide_genuine` take leaky instances (:data:`CELL_MODEL`).  Liu's printed
criterion, Theorem 2's saddles and Theorem 3's wall minima are ReLU statements (at a wall a leaky unit keeps a
nonzero slope on both sides), so the atlas (:data:`MODEL`) refuses leaky instances.

>>> from exactrelu.core.instance import instance_from_mapping
>>> inst = instance_from_mapping({"data": {"points": [[1, 0], [0, 1]], "targets": [1, 1]},
...                               "network": {"hidden": [1]}})
>>> [str(cell_minimum(inst, ((a, b),)).loss) for a, b in ((0, 0), (0, 1), (1, 0), (1, 1))]
['1', '1/2', '1/2', '0']
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from itertools import product

from ..core import linalg
from ..core.feasibility import FeasiblePoint, Infeasibility, LinearSystem, LPCounter, decide
from ..core.instance import Instance
from ..core.model import REAL, RELU, SQUARED, TRAINABLE, Model, require

__all__ = [
    "MODEL",
    "CELL_MODEL",
    "Pattern",
    "require_liu_setting",
    "unit_rows",
    "cells",
    "liu_matrix",
    "CellMinimum",
    "cell_minimum",
    "genuine_system",
    "printed_system",
    "GenuineVerdict",
    "PrintedVerdict",
    "decide_genuine",
    "decide_printed",
    "DiscrepancySource",
    "discrepancy_source",
    "pattern_strings",
    "sign_choices",
]

Vector = tuple[Fraction, ...]
Matrix = tuple[Vector, ...]
Pattern = tuple[tuple[int, ...], ...]
HALF = Fraction(1, 2)


MODEL = Model(activations=RELU, losses=SQUARED, deep=False, outputs=TRAINABLE, targets=REAL,
              note="Liu's atlas: cell minima, genuine minima, printed criterion, Theorems 2–3")
"""What ``exactrelu liu`` (the whole atlas) models.  The printed criterion (16)–(18), the saddles of Theorem 2
and the wall minima of Theorem 3 are ReLU statements, and the kernel's Liu claims recompute ReLU matrices."""

CELL_MODEL = Model(losses=SQUARED, deep=False, outputs=TRAINABLE, targets=REAL,
                   note="the cell quadratic with M's entries α on inactive points; the genuine-minimum condition")
"""What :func:`cell_minimum` and :func:`decide_genuine` model: ReLU or leaky ReLU (see the module docstring)."""


def require_liu_setting(inst: Instance) -> None:
    """Liu's atlas needs one hidden layer, trainable output weights, ReLU and squared loss (:data:`MODEL`)."""
    require(inst, MODEL, "Liu's analysis (exactrelu liu)")


def unit_rows(inst: Instance) -> tuple[tuple[tuple[int, ...], Vector], ...]:
    """The rows ``a`` with non-empty open cone ``C(a)``, each with a witness ``w ∈ C(a)``.

    From the region engine when it is available; otherwise from the tope
    enumerator (:func:`exactrelu.arrangements.topes.topes`).  A zero point leaves no row.
    """
    try:
        from ..arrangements import regions  # type: ignore[attr-defined]

        wit = regions.unit_witnesses(inst)
        return tuple(
            (tuple(a), tuple(Fraction(x) for x in wit[a])) for a in regions.unit_topes(inst)
        )
    except (ImportError, AttributeError):
        from ..arrangements.topes import topes

        out = []
        for t in topes(inst.points):
            if 0 in t.signs:
                return ()
            out.append((tuple((s + 1) // 2 for s in t.signs), t.witness))
        return tuple(out)


def cells(inst: Instance) -> Iterator[tuple[Pattern, tuple[Vector, ...]]]:
    """Every non-empty cell (pattern, one witness per unit), units in lexicographic order.

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> fig2 = instance_from_mapping({"data": {"points": [[1, 0], [0, 1]], "targets": [1, 1]},
    ...                               "network": {"hidden": [1]}})
    >>> [p for p, _ in cells(fig2)]
    [((0, 0),), ((0, 1),), ((1, 0),), ((1, 1),)]
    """
    rows = unit_rows(inst)
    for combo in product(rows, repeat=inst.d1):
        yield tuple(a for a, _ in combo), tuple(w for _, w in combo)


def pattern_strings(pattern: Pattern) -> list[str]:
    """An activation pattern as 0/1 strings, one per unit (Liu's cell label).

    >>> pattern_strings(((0, 1), (1, 1)))
    ['01', '11']
    """
    return ["".join(str(b) for b in row) for row in pattern]


def liu_matrix(points: Sequence[Sequence[Fraction]], pattern: Pattern, alpha: Fraction = Fraction(0)) -> Matrix:
    """Liu's eq. 11: row ``p`` is ``(c_1p x_pᵀ, …, c_{d1}p x_pᵀ)``, ``c = A + α(1 − A)`` (``α = 0``: ReLU).

    >>> liu_matrix([[1, 0], [0, 1]], ((0, 1),))  # only x_2 active
    ((Fraction(0, 1), Fraction(0, 1)), (Fraction(0, 1), Fraction(1, 1)))
    """
    alpha = Fraction(alpha)
    return tuple(
        tuple((Fraction(1) if row[p] else alpha) * Fraction(c) for row in pattern for c in x)
        for p, x in enumerate(points)
    )


@dataclass(frozen=True)
class CellMinimum:
    """Theorem 1 of Liu in one cell: ``R* = M⁺y + span(basis)`` and the minimal loss."""

    pattern: Pattern
    matrix: Matrix
    pinv: Matrix
    particular: Vector
    basis: Matrix
    loss: Fraction

    @property
    def unique(self) -> bool:
        """A single point iff rank ``M = d1·d`` (eq. 13)."""
        return not self.basis


def cell_minimum(inst: Instance, pattern: Pattern) -> CellMinimum:
    """Eqs. 12–14 exactly: ``M⁺`` by FLINT, the kernel of ``M`` and ``½ ||M M⁺ y − y||²`` (:data:`CELL_MODEL`).

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> fig2 = instance_from_mapping({"data": {"points": [[1, 0], [0, 1]], "targets": [1, 1]},
    ...                               "network": {"hidden": [1]}})
    >>> [cell_minimum(fig2, p).loss for p in (((0, 0),), ((0, 1),), ((1, 1),))]  # Liu's Fig. 2: 1, 1/2, 0
    [Fraction(1, 1), Fraction(1, 2), Fraction(0, 1)]
    """
    require(inst, CELL_MODEL, "Liu's cell minimum")
    m = liu_matrix(inst.points, pattern, inst.alpha)
    k = inst.d1 * inst.d
    pinv = linalg.pseudo_inverse(m, k)
    y = inst.targets
    r0 = tuple(sum((a * b for a, b in zip(row, y, strict=True)), Fraction(0)) for row in pinv)
    fitted = [sum((a * b for a, b in zip(row, r0, strict=True)), Fraction(0)) for row in m]
    loss = HALF * sum(((f - t) ** 2 for f, t in zip(fitted, y, strict=True)), Fraction(0))
    basis = linalg.nullspace(m, k)
    return CellMinimum(pattern, m, pinv, r0, basis, loss)


def _normal_equations(inst: Instance, pattern: Pattern) -> list[tuple[Vector, Fraction]]:
    m = liu_matrix(inst.points, pattern, inst.alpha)
    k = len(pattern) * inst.d
    mt = linalg.transpose(m, k)
    mtm = linalg.matmul(mt, m)
    mty = [sum((a * b for a, b in zip(row, inst.targets, strict=True)), Fraction(0)) for row in mt]
    return [(mtm[i], mty[i]) for i in range(k)]


def _block(vec: Sequence[Fraction], u: int, d: int, k: int) -> Vector:
    out = [Fraction(0)] * k
    out[u * d : (u + 1) * d] = vec
    return tuple(out)


def genuine_system(inst: Instance, pattern: Pattern, signs: Sequence[int]) -> LinearSystem:
    """The exact system of SPEC §4 for one sign choice, in the unknowns ``R ∈ Q^{d1·d}``.

    Rows, in this order (the kernel rebuilds the same): equalities ``MᵀM R = Mᵀy``,
    then ``R_u = 0`` (coordinate by coordinate) for each unit with ``s_u = 0``;
    strict rows ``s_u (2A_up − 1) <R_u, x_p> > 0`` for each unit with ``s_u ≠ 0``
    and each point ``p``.
    """
    d, k = inst.d, len(pattern) * inst.d
    equal = _normal_equations(inst, pattern)
    strict = []
    for u, s in enumerate(signs):
        if s == 0:
            equal += [
                (_block([Fraction(int(c == i)) for c in range(d)], u, d, k), Fraction(0))
                for i in range(d)
            ]
        else:
            strict += [
                (_block([s * (2 * pattern[u][p] - 1) * c for c in x], u, d, k), Fraction(0))
                for p, x in enumerate(inst.points)
            ]
    return LinearSystem.build(k, strict=strict, equal=equal)


def printed_system(inst: Instance, pattern: Pattern, signs: Sequence[int]) -> LinearSystem:
    """Liu's printed criterion (16)/(17) with (18): ``s ∈ {±1}^{d1}``.

    Equalities ``MᵀM R = Mᵀy``; strict ``s_u <R_u, x_p> > 0`` for active ``p``;
    weak ``−s_u <R_u, x_p> ≥ 0`` for inactive ``p`` (units in order, points in order).
    """
    d, k = inst.d, inst.d1 * inst.d
    strict, weak = [], []
    for u, s in enumerate(signs):
        for p, x in enumerate(inst.points):
            row = _block([s * c for c in x], u, d, k)
            if pattern[u][p]:
                strict.append((row, Fraction(0)))
            else:
                weak.append((tuple(-c for c in row), Fraction(0)))
    return LinearSystem.build(k, strict=strict, weak=weak, equal=_normal_equations(inst, pattern))


def sign_choices(d1: int, zero: bool = True) -> list[tuple[int, ...]]:
    """``{+, −, 0}^{d1}`` (or ``{+, −}^{d1}``) in a fixed order: ``+`` first."""
    alphabet = (1, -1, 0) if zero else (1, -1)
    return list(product(alphabet, repeat=d1))


@dataclass(frozen=True)
class GenuineVerdict:
    """Exact answer: a witness ``(W, z)`` in the open cell, or one refutation per sign choice."""

    pattern: Pattern
    genuine: bool
    signs: tuple[int, ...] | None = None
    weights: tuple[Vector, ...] | None = None
    output: Vector | None = None
    refutations: tuple[tuple[tuple[int, ...], Infeasibility], ...] = ()


@dataclass(frozen=True)
class PrintedVerdict:
    """Liu's printed criterion: a minimiser ``R`` with signs, or refutations for all signs."""

    pattern: Pattern
    holds: bool
    signs: tuple[int, ...] | None = None
    point: Vector | None = None
    refutations: tuple[tuple[tuple[int, ...], Infeasibility], ...] = ()


def decide_genuine(
    inst: Instance,
    pattern: Pattern,
    cone_witnesses: Sequence[Vector],
    counter: LPCounter | None = None,
) -> GenuineVerdict:
    """Decide SPEC §4's exact genuine-minimum condition for one non-empty cell.

    ``cone_witnesses[u]`` is a point of ``C(a_u)`` (used for units with ``z_u = 0``).  ReLU or leaky
    (:data:`CELL_MODEL`).
    """
    require(inst, CELL_MODEL, "Liu's genuine-minimum condition")
    d = inst.d
    refutations = []
    for s in sign_choices(inst.d1):
        ans = decide(genuine_system(inst, pattern, s), counter)
        if isinstance(ans, FeasiblePoint):
            r = ans.point
            z = tuple(Fraction(v) for v in s)
            w = tuple(
                tuple(v * r[u * d + i] for i in range(d)) if v else tuple(cone_witnesses[u])
                for u, v in enumerate(s)
            )
            return GenuineVerdict(pattern, True, s, w, z)
        refutations.append((s, ans))
    return GenuineVerdict(pattern, False, refutations=tuple(refutations))


def decide_printed(
    inst: Instance, pattern: Pattern, counter: LPCounter | None = None
) -> PrintedVerdict:
    """Evaluate Liu's criterion (16)–(18) exactly as printed (a ReLU statement: :data:`MODEL`).

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> neg = instance_from_mapping({"data": {"points": [[1, 0], [0, 1]], "targets": [1, -1]},
    ...                              "network": {"hidden": [1]}})
    >>> decide_printed(neg, ((1, 1),)).holds, decide_printed(neg, ((1, 0),)).holds  # Liu §IV-C: R* = (1, −1) ∉ cell 11
    (False, True)
    """
    require(inst, MODEL, "Liu's printed criterion")
    refutations = []
    for s in sign_choices(inst.d1, zero=False):
        ans = decide(printed_system(inst, pattern, s), counter)
        if isinstance(ans, FeasiblePoint):
            return PrintedVerdict(pattern, True, s, ans.point)
        refutations.append((s, ans))
    return PrintedVerdict(pattern, False, refutations=tuple(refutations))


class DiscrepancySource(StrEnum):
    """Why Liu's printed criterion (16)–(18) and the exact genuine-minimum condition (SPEC §4) disagree on a cell.

    - ``ZERO_OUTPUT`` (``"zero-output"``): the cell has a genuine minimum, but only through ``z_u = 0`` (``R_u = 0``),
      a branch the printed criterion (signs ``s ∈ {+, −}^{d1}``) does not have;
    - ``BOUNDARY`` (``"boundary"``): the printed criterion holds, but only for minimisers with ``<R_u, x_p> = 0`` on
      an inactive point, i.e. on a wall of the cell, outside the open cell.

    >>> [str(s) for s in DiscrepancySource]
    ['zero-output', 'boundary']
    """

    ZERO_OUTPUT = "zero-output"
    BOUNDARY = "boundary"


def discrepancy_source(exact: GenuineVerdict, printed: PrintedVerdict) -> DiscrepancySource | None:
    """``None`` if they agree; :attr:`DiscrepancySource.ZERO_OUTPUT` (exact yes only through ``z_u = 0``) or
    :attr:`DiscrepancySource.BOUNDARY` (printed yes only with a minimiser on a wall of the cell)."""
    if exact.genuine == printed.holds:
        return None
    return DiscrepancySource.ZERO_OUTPUT if exact.genuine else DiscrepancySource.BOUNDARY
