"""Non-differentiable local minima on a cell wall (Theorem 3 of Liu, eqs. 27–30), decided exactly.

Unit ``m`` sits on the wall ``<w_m, x_n> = 0`` between cell 1 (the pattern ``A``,
``A_mn = 0``) and cell 2 (``A_mn = 1``).  With ``R_u = z_u w_u``, residuals
``e_i = M_i R − y_i`` (``M`` of cell 1; ``R_m·x_n = 0`` makes both cells agree) and
``g = Σ_{i≠n} A_im e_i x_i`` (Liu's ``∂L/∂w_m|_1 / z_m``), Liu's conditions are

* ``D R = d`` (eqs. 27–28 = (38), (41), (42)): ``∂L/∂R_j = 0`` for ``j ≠ m``,
  ``g ∥ x_n`` and ``R_m·x_n = 0``;
* (29) ``z_m (g·x_n) < 0`` and (30) ``z_m (g·x_n + e_n |x_n|²) > 0``;
* the cell conditions: ``w_m`` strictly on its side of every ``x_p``, ``p ≠ n``,
  and every other unit in its open cone.

Exact decision (as for genuine minima, SPEC §4): one mixed linear system in
``R ∈ Q^{d1·d}`` per sign choice, ``s_m ∈ {+, −}`` (``z_m ≠ 0`` is forced by (29))
and ``s_j ∈ {+, −, 0}`` for ``j ≠ m`` (``s_j = 0``: ``z_j = 0``, ``R_j = 0``, ``w_j``
anywhere in its cone).  The answer is a rational parameter point ``(W, z)`` or one
Motzkin refutation per sign choice.

Such a point *is* a local minimum of the network loss (so the conditions are
sufficient, as Liu states): ``L_1``, ``L_2`` (the cells' quadratics in ``R``) are
convex, their gradients at ``R*`` vanish off block ``m`` and are ``g`` and
``g + e_n x_n`` (both ``∥ x_n``) on block ``m``; for ``(W, z)`` near the point with
``w_m·x_n ≤ 0``, ``L = L_1(R) ≥ L* + g·z_m w_m = L* − (z_m/z*_m) α (x_n·w_m) ≥ L*``
with ``z*_m g = −α x_n``, ``α > 0`` by (29); symmetrically on ``w_m·x_n ≥ 0`` by (30).

Leaky ReLU of slope ``a``: every inactive point enters ``M``, ``g`` and the gradients
with weight ``a`` (on the wall ``x_n`` too), so the one-sided slopes are
``z_m (g·x_n + a e_n|x_n|²)`` (inactive side, (29)) and ``z_m (g·x_n + e_n|x_n|²)``
(active side, (30)); the sufficiency argument above is unchanged.  (``a = 0`` is Liu's
ReLU case.)

``D R = d`` alone is *always* soluble (``D D⁺ d = d``): it is the KKT system of
minimising the convex quadratic ``L_1`` on the subspace ``R_m·x_n = 0``, which is
bounded below and so attains its minimum.  Liu's "iff ``D R = d`` is solvable" thus
carries no information; the sign conditions (29)–(30) and the cells decide.

>>> from exactrelu.core.instance import instance_from_mapping
>>> inst = instance_from_mapping({"data": {"points": [[1, 0], [1, 1], [-1, 1]], "targets": [-3, 2, 0]},
...                               "network": {"hidden": [1]}})
>>> v = decide_nondiff(inst, ((0, 1, 1),), 0, 0, ((-1, 2),))
>>> v.minimum, v.signs, v.weights, v.output, str(v.loss)
(True, (1,), ((Fraction(0, 1), Fraction(1, 1)),), (Fraction(1, 1),), '11/2')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import product

from ..core.feasibility import FeasiblePoint, Infeasibility, LinearSystem, LPCounter, decide
from ..core.instance import Instance
from ..core.model import require
from .minima import HALF, MODEL, Pattern, liu_matrix
from .saddles import nondiff_matrix

__all__ = [
    "NondiffVerdict",
    "nondiff_branches",
    "nondiff_inequalities",
    "nondiff_branch_system",
    "decide_nondiff",
]

Vector = tuple[Fraction, ...]


def _dot(a: Sequence[Fraction], b: Sequence[Fraction]) -> Fraction:
    return sum((x * y for x, y in zip(a, b, strict=True)), Fraction(0))


def nondiff_branches(d1: int, m: int) -> list[tuple[int, ...]]:
    """Sign choices: ``s_m ∈ {+, −}``, the other units ``{+, −, 0}`` (``+`` first)."""
    return [s for s in product((1, -1, 0), repeat=d1) if s[m] != 0]


def nondiff_inequalities(inst: Instance, pattern: Pattern, m: int, n: int) -> tuple[tuple[Vector, Fraction], ...]:
    """``g·x_n + α e_n|x_n|²`` and ``g·x_n + e_n |x_n|²`` (the slopes ``∂L/∂w_m · x_n`` on the inactive and the
    active side of the wall; ``α = 0`` for ReLU) as affine forms ``(c, c0)`` of ``R`` (value ``c·R − c0``).

    (29) is ``z_m (c·R − c0) < 0`` for the first, (30) ``z_m (c·R − c0) > 0`` for the second.
    """
    pts, y, alpha = inst.points, inst.targets, inst.alpha
    mat = liu_matrix(pts, pattern, alpha)
    xn = pts[n]
    k = len(mat[0])
    c = [Fraction(0)] * k
    c0 = Fraction(0)
    for i, x in enumerate(pts):  # g·x_n + α e_n|x_n|² (the slope on the inactive side; α = 0 for ReLU)
        f = _dot(x, xn) * (Fraction(1) if pattern[m][i] else alpha)
        c = [a + f * b for a, b in zip(c, mat[i], strict=True)]
        c0 += f * y[i]
    nn = _dot(xn, xn) * (1 - alpha)
    c2 = [a + nn * b for a, b in zip(c, mat[n], strict=True)]
    return (tuple(c), c0), (tuple(c2), c0 + nn * y[n])


def nondiff_branch_system(inst: Instance, pattern: Pattern, m: int, n: int, signs: Sequence[int]) -> LinearSystem:
    """One sign choice of Theorem 3 as a mixed system in ``R`` (the kernel rebuilds these rows).

    Equalities: ``D R = d`` (rows of eqs. 27–28 in order), then ``R_j = 0`` coordinate by
    coordinate for each ``s_j = 0``.  Strict: (29) ``−s_m(g·x_n) > 0``, (30)
    ``s_m(g·x_n + e_n|x_n|²) > 0``, then ``s_u (2A_up − 1)<R_u, x_p> > 0`` unit by unit,
    point by point (point ``n`` skipped for unit ``m``).
    """
    d, k = inst.d, len(pattern) * inst.d
    dm, dv = nondiff_matrix(inst, pattern, m, n)
    equal = list(zip(dm, dv, strict=True))
    (c1, b1), (c2, b2) = nondiff_inequalities(inst, pattern, m, n)
    sm = signs[m]
    strict = [(tuple(-sm * a for a in c1), -sm * b1), (tuple(sm * a for a in c2), sm * b2)]
    for u, s in enumerate(signs):
        block = [Fraction(0)] * k
        if s == 0:
            for i in range(d):
                row = list(block)
                row[u * d + i] = Fraction(1)
                equal.append((tuple(row), Fraction(0)))
            continue
        for p, x in enumerate(inst.points):
            if u == m and p == n:
                continue
            row = list(block)
            row[u * d : (u + 1) * d] = [s * (2 * pattern[u][p] - 1) * v for v in x]
            strict.append((tuple(row), Fraction(0)))
    return LinearSystem.build(k, strict=strict, equal=equal)


@dataclass(frozen=True)
class NondiffVerdict:
    """Theorem 3 for unit ``m`` on the wall of point ``n`` of one cell: a minimum or refutations."""

    pattern: Pattern
    unit: int
    point: int
    minimum: bool
    signs: tuple[int, ...] | None = None
    weights: tuple[Vector, ...] | None = None
    output: Vector | None = None
    loss: Fraction | None = None
    refutations: tuple[tuple[tuple[int, ...], Infeasibility], ...] = ()


def decide_nondiff(
    inst: Instance,
    pattern: Pattern,
    m: int,
    n: int,
    cone_witnesses: Sequence[Sequence[Fraction]],
    counter: LPCounter | None = None,
) -> NondiffVerdict:
    """Decide Liu's Theorem 3 conditions exactly (``cone_witnesses[u] ∈ C(a_u)`` for ``z_u = 0``)."""
    require(inst, MODEL, "Liu's Theorem 3 (wall minima)")
    d = inst.d
    refutations = []
    for s in nondiff_branches(inst.d1, m):
        ans = decide(nondiff_branch_system(inst, pattern, m, n, s), counter)
        if isinstance(ans, FeasiblePoint):
            r = ans.point
            w = tuple(
                tuple(v * r[u * d + i] for i in range(d)) if v else tuple(Fraction(c) for c in cone_witnesses[u])
                for u, v in enumerate(s)
            )
            fitted = [_dot(row, r) for row in liu_matrix(inst.points, pattern, inst.alpha)]
            loss = HALF * sum(((f - t) ** 2 for f, t in zip(fitted, inst.targets, strict=True)), Fraction(0))
            return NondiffVerdict(pattern, m, n, True, s, w, tuple(Fraction(v) for v in s), loss)
        refutations.append((s, ans))
    return NondiffVerdict(pattern, m, n, False, refutations=tuple(refutations))
