"""Saddles (Liu's Theorem 2) and non-differentiable minima systems (Theorem 3), exactly.

Theorem 2 (eqs. 19–21).  For a proper subset ``J`` of units with ``∂L/∂R_j = 0``
(``j ∈ J``) the others have ``z_k = 0``.  Then ``R̃`` solves ``B R̃ = b`` with
``B = M_Jᵀ M_J``, ``b = M_Jᵀ y``, the residual ``e = M_J R̃ − y`` is the same for
every solution, and each ``k ∉ J`` needs ``g_k = M_kᵀ e ≠ 0`` and ``w_k`` on the
hyperplane ``g_k · w = 0`` inside its open cone.  The saddle is genuine when
all pieces meet their cells: for ``J`` exactly as for genuine minima (signs
``{+, −, 0}``), for ``k ∉ J`` an exact LP with one equality.  Such a point is
stationary and not a local minimum (perturb ``z_k = ε``, ``w_k −= t g_k``).

Theorem 3 (eqs. 27–28).  ``w_m`` on the wall of ``x_n``: the linear system
``D R = d`` is solvable iff ``D D⁺ d = d``; certified by a solution or by ``u``
with ``uᵀD = 0``, ``uᵀd = 1``.

>>> from exactrelu.core.instance import instance_from_mapping
>>> inst = instance_from_mapping({"data": {"points": [[1, 0], [0, 1]], "targets": [1, -1]},
...                               "network": {"hidden": [1]}})
>>> [s.genuine for s in saddles(inst, ((1, 1),), ((1, 1),))]
[True]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from itertools import combinations, combinations_with_replacement
from math import comb

from ..core import linalg
from ..core.feasibility import FeasiblePoint, Infeasibility, LinearSystem, decide
from ..core.instance import Instance
from ..core.model import require, violation
from .minima import MODEL, Pattern, genuine_system, liu_matrix, sign_choices

__all__ = ["SaddleOutcome", "Saddle", "saddles", "SaddleClass", "SaddleClasses", "saddle_classes", "MAX_SADDLE_CELLS",
           "NondiffSystem", "nondiff_system",
           "nondiff_matrix", "wall_faces"]

Vector = tuple[Fraction, ...]


def _dot(a: Sequence[Fraction], b: Sequence[Fraction]) -> Fraction:
    return sum((x * y for x, y in zip(a, b, strict=True)), Fraction(0))


class SaddleOutcome(StrEnum):
    """How Theorem 2 of Liu (eqs. 19–21) was decided for one subset ``J`` of units in one cell: a genuine saddle, or
    the first condition that fails (checked in this order).

    - ``SADDLE`` (``"saddle"``): every piece meets its cell: a stationary point that is not a local minimum
      (``Saddle.weights``, ``Saddle.output``);
    - ``ZERO_GRADIENT`` (``"zero-gradient"``): for a unit ``k ∉ J`` the gradient block ``g_k = M_kᵀ e`` is zero, so
      ``w_k`` has no hyperplane ``g_k · w = 0`` (``Saddle.unit``);
    - ``CONE`` (``"cone"``): the hyperplane ``g_k · w = 0`` misses the open cone of unit ``k ∉ J`` (Motzkin
      multipliers, ``Saddle.cone``);
    - ``SIGNS`` (``"signs"``): no sign choice ``s ∈ {+, −, 0}^J`` puts the units of ``J`` in their cells (one
      infeasibility per choice, ``Saddle.refutations``).

    >>> [str(o) for o in SaddleOutcome]
    ['saddle', 'zero-gradient', 'cone', 'signs']
    """

    SADDLE = "saddle"
    ZERO_GRADIENT = "zero-gradient"
    CONE = "cone"
    SIGNS = "signs"


@dataclass(frozen=True)
class Saddle:
    """One subset ``J`` of Theorem 2 in one cell, decided (``genuine`` iff ``reason`` is
    :attr:`SaddleOutcome.SADDLE`)."""

    pattern: Pattern
    subset: tuple[int, ...]
    genuine: bool
    reason: SaddleOutcome
    weights: tuple[Vector, ...] | None = None
    output: Vector | None = None
    solution: Vector = ()
    unit: int | None = None
    cone: Infeasibility | None = None
    refutations: tuple[tuple[tuple[int, ...], Infeasibility], ...] = ()


def _residual(inst: Instance, pattern: Pattern, subset: Sequence[int]) -> tuple[Vector, Vector]:
    """A solution ``R̃`` of ``B R̃ = b`` (``R̃ = B⁺b``) and the residual ``e``."""
    sub = tuple(pattern[j] for j in subset)
    if not sub:
        return (), tuple(-t for t in inst.targets)
    mj = liu_matrix(inst.points, sub, inst.alpha)
    k = len(sub) * inst.d
    mt = linalg.transpose(mj, k)
    b = [_dot(r, inst.targets) for r in mt]
    bmat = linalg.matmul(mt, mj)
    r = tuple(_dot(row, b) for row in linalg.pseudo_inverse(bmat, k))
    e = tuple(_dot(row, r) - t for row, t in zip(mj, inst.targets, strict=True))
    return r, e


def _gradient_block(inst: Instance, row: Sequence[int], e: Sequence[Fraction]) -> Vector:
    """``M_kᵀ e = Σ_p e_p c_kp x_p`` (``c_kp = A_kp``, or ``α`` on inactive points for a leaky ReLU)."""
    slope = [Fraction(1) if a else inst.alpha for a in row]
    return tuple(sum((e[p] * slope[p] * x[c] for p, x in enumerate(inst.points)), Fraction(0)) for c in range(inst.d))


def _hyperplane_cone(inst: Instance, row: Sequence[int], g: Vector) -> LinearSystem:
    """``{w : (2a_p − 1)<w, x_p> > 0, g·w = 0}``."""
    strict = [([(2 * row[p] - 1) * c for c in x], 0) for p, x in enumerate(inst.points)]
    return LinearSystem.build(inst.d, strict=strict, equal=[(g, 0)])


def saddles(inst: Instance, pattern: Pattern, witnesses: Sequence[Vector]) -> list[Saddle]:
    """Theorem 2 for every proper subset ``J`` (by size, then lexicographically)."""
    require(inst, MODEL, "Liu's Theorem 2 (saddles)")
    d1, d = inst.d1, inst.d
    out = []
    for size in range(d1):
        for subset in combinations(range(d1), size):
            r, e = _residual(inst, pattern, subset)
            others = [k for k in range(d1) if k not in subset]
            hyper: dict[int, Vector] = {}
            verdict: Saddle | None = None
            for k in others:
                g = _gradient_block(inst, pattern[k], e)
                if not any(g):
                    verdict = Saddle(pattern, subset, False, SaddleOutcome.ZERO_GRADIENT, solution=r, unit=k)
                    break
                ans = decide(_hyperplane_cone(inst, pattern[k], g))
                if isinstance(ans, Infeasibility):
                    verdict = Saddle(pattern, subset, False, SaddleOutcome.CONE, solution=r, unit=k, cone=ans)
                    break
                hyper[k] = ans.point
            if verdict is None:
                verdict = _subset_signs(inst, pattern, subset, witnesses, hyper, r, d)
            out.append(verdict)
    return out


def _subset_signs(inst, pattern, subset, witnesses, hyper, r, d):  # type: ignore[no-untyped-def]
    sub = tuple(pattern[j] for j in subset)
    refutations = []
    for s in sign_choices(len(subset)) if subset else [()]:
        if subset:
            ans = decide(genuine_system(inst, sub, s))
            if isinstance(ans, Infeasibility):
                refutations.append((s, ans))
                continue
            point = ans.point
        else:
            point = ()
        w: list[Vector] = []
        z: list[Fraction] = []
        for u in range(inst.d1):
            if u in subset:
                i = subset.index(u)
                su = s[i]
                z.append(Fraction(su))
                w.append(tuple(su * point[i * d + c] for c in range(d)) if su else tuple(witnesses[u]))
            else:
                z.append(Fraction(0))
                w.append(hyper[u])
        return Saddle(pattern, subset, True, SaddleOutcome.SADDLE, tuple(w), tuple(z), solution=r)
    return Saddle(pattern, subset, False, SaddleOutcome.SIGNS, solution=r, refutations=tuple(refutations))


MAX_SADDLE_CELLS = 2_000
"""The most cells (up to unit permutations) :func:`saddle_classes` examines without being asked to by ``liu``."""


@dataclass(frozen=True)
class SaddleClass:
    """A genuine saddle class of Liu's Theorem 2: cell ``pattern``, units ``subset`` = ``J`` at a stationary
    point of their cell quadratic, the others ``z_k = 0`` on the hyperplane ``g_k·w = 0``; one loss
    ``½||e||²`` (the residual ``e`` is the same for every solution of ``B R̃ = b``) and a witness."""

    pattern: Pattern
    subset: tuple[int, ...]
    loss: Fraction
    weights: tuple[Vector, ...]
    output: Vector


@dataclass(frozen=True)
class SaddleClasses:
    """Every genuine saddle class of Liu's Theorem 2, or ``note``: why they were not computed (the instance is
    outside Theorem 2's setting, or more than :data:`MAX_SADDLE_CELLS` cells)."""

    classes: tuple[SaddleClass, ...]
    cells: int
    note: str | None = None

    @property
    def computed(self) -> bool:
        return self.note is None


def saddle_classes(inst: Instance, advance: Callable[[], None] | None = None,
                   max_cells: int = MAX_SADDLE_CELLS) -> SaddleClasses:
    """Liu's Theorem 2 on every cell up to permutations of the units (:func:`saddles`), genuine saddles only.

    Cells are multisets of unit rows; a saddle ``(pattern, J)`` is kept once per multiset of ``(row, j ∈ J)``
    pairs (permuting units maps saddles to saddles of the same loss).  Outside Theorem 2's setting
    (:data:`exactrelu.liu.minima.MODEL`: ReLU, trainable output, squared loss, one hidden layer; and no zero point,
    which lies on every wall and leaves no open cell) nothing is computed and ``note`` says why.

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> inst = instance_from_mapping({"data": {"points": [[1, 0], [0, 1]], "targets": [1, -1]},
    ...                               "network": {"hidden": [1]}})
    >>> [(c.pattern, c.subset, str(c.loss)) for c in saddle_classes(inst).classes]  # z = 0, w = (1, 1)
    [(((1, 1),), (), '1')]
    """
    from ..landscape.minima import loss
    from .minima import unit_rows

    bad = violation(inst, MODEL)
    if bad is not None:
        key, found, supported = bad
        return SaddleClasses((), 0, f"Liu's Theorem 2 does not model this instance: {key} is {found} "
                                    f"(Theorem 2 is stated for {supported})")
    zero = [i for i, x in enumerate(inst.points) if not any(x)]
    if zero:
        return SaddleClasses((), 0, f"Liu's Theorem 2 does not model this instance: x_{zero[0]} = 0 lies on every "
                                    "wall, so no open cell exists (Liu's cells need nonzero points)")
    rows = unit_rows(inst)
    count = comb(len(rows) + inst.d1 - 1, inst.d1)
    if count > max_cells:
        return SaddleClasses((), count, f"Liu's Theorem 2 saddles not computed: {count} cells up to unit "
                                        f"permutations (more than {max_cells}); exactrelu liu decides them "
                                        "cell by cell")
    seen: set[tuple[tuple[tuple[int, ...], bool], ...]] = set()
    out = []
    for combo in combinations_with_replacement(rows, inst.d1):
        pattern = tuple(a for a, _ in combo)
        wits = tuple(w for _, w in combo)
        for sd in saddles(inst, pattern, wits):
            key = tuple(sorted((row, j in sd.subset) for j, row in enumerate(pattern)))
            if not sd.genuine or key in seen:
                continue
            seen.add(key)
            assert sd.weights is not None and sd.output is not None
            out.append(SaddleClass(pattern, sd.subset, loss(inst, sd.weights, sd.output), sd.weights, sd.output))
        if advance is not None:
            advance()
    return SaddleClasses(tuple(out), count)


@dataclass(frozen=True)
class NondiffSystem:
    """Liu's Theorem 3 system for unit ``m`` on the wall of point ``n``."""

    pattern: Pattern
    unit: int
    point: int
    soluble: bool
    solution: Vector | None = None
    u: Vector | None = None


def nondiff_matrix(inst: Instance, pattern: Pattern, m: int, n: int) -> tuple[list[Vector], Vector]:
    """``D`` and ``d`` of eqs. 27–28 (block rows ``j ≠ m``: normal equations; block ``m``:
    the projection of ``∂L/∂w_m|_1`` off ``x_n``; last row ``x_nᵀ`` on block ``m``).  A leaky ReLU weighs
    the inactive points by ``α`` (in ``M`` and in the gradients)."""
    d1, d, pts, y = inst.d1, inst.d, inst.points, inst.targets
    mat = liu_matrix(pts, pattern, inst.alpha)
    xn = pts[n]
    nn = _dot(xn, xn)
    rows: list[Vector] = []
    rhs: list[Fraction] = []
    for j in range(d1):
        for r in range(d):
            coef = [Fraction(0)] * (d1 * d)
            b = Fraction(0)
            for i, x in enumerate(pts):
                slope = Fraction(1) if pattern[j][i] else inst.alpha
                if not slope or (j == m and i == n):
                    continue
                v = slope * (_dot(x, xn) * xn[r] - nn * x[r] if j == m else x[r])
                b += v * y[i]
                coef = [a + v * q for a, q in zip(coef, mat[i], strict=True)]
            rows.append(tuple(coef))
            rhs.append(b)
    last = [Fraction(0)] * (d1 * d)
    last[m * d : (m + 1) * d] = xn
    rows.append(tuple(last))
    rhs.append(Fraction(0))
    return rows, tuple(rhs)


def nondiff_system(inst: Instance, pattern: Pattern, m: int, n: int) -> NondiffSystem:
    """Solve ``D R = d`` exactly; otherwise find ``u`` with ``uᵀD = 0``, ``uᵀd = 1`` (FLINT)."""
    require(inst, MODEL, "Liu's Theorem 3 (wall minima)")
    dm, dv = nondiff_matrix(inst, pattern, m, n)
    sol = linalg.solve(dm, dv)
    if sol is not None:
        return NondiffSystem(pattern, m, n, True, solution=sol)
    k = len(dm[0])
    stacked = [tuple(dm[i][c] for i in range(len(dm))) for c in range(k)] + [dv]
    u = linalg.solve(stacked, [Fraction(0)] * k + [Fraction(1)])
    assert u is not None  # Fredholm alternative
    return NondiffSystem(pattern, m, n, False, u=u)


def wall_faces(inst: Instance, pattern: Pattern) -> list[tuple[int, int]]:
    """``(m, n)`` with ``A[m][n] = 0`` whose wall face (``<w, x_n> = 0``, other signs kept) is non-empty."""
    out = []
    for m, row in enumerate(pattern):
        for n in range(inst.n):
            if row[n]:
                continue
            signs = [0 if p == n else 2 * row[p] - 1 for p in range(inst.n)]
            if isinstance(decide(LinearSystem.open_cone(inst.points, signs)), FeasiblePoint):
                out.append((m, n))
    return out
