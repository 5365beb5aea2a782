"""The loss landscape of a one-hidden-layer network with squared loss, decided exactly (SPEC §8).

Network ``F(x) = Σ_j z_j σ(<w_j, x>)`` with ReLU or leaky ReLU ``σ`` (slope α
on the negative side), loss ``L = ½ Σ_i (F(x_i) − y_i)²``, output weights
``z`` trainable or fixed.  Write ``R_j = z_j w_j`` and ``r = F(X) − y``.

**Pieces and the global minimum.**  On the closed cone
``K(t) = {w : (2t_i − 1)<w, x_i> ≥ 0}`` of a tope ``t`` the unit computes
``σ(<w, x_i>) = c_i(t)<w, x_i>`` with ``c_i = 1`` (``t_i = 1``) or ``α``
(``t_i = 0``); the closed tope cones cover ``Q^d``.  So every parameter point
lies in a *piece* — a tope ``t_j`` and an output sign ``s_j`` per unit — on which
``R_j`` ranges over the closed polyhedral cone ``s_j K(t_j)`` and ``L`` is the
convex quadratic ``½||M_t R − y||²``.  Its minimum over the cone is attained
(Frank–Wolfe) and rational; the global minimum of ``L`` is the least piece
minimum.  A piece minimum is computed by exact non-negative least squares over
the cone's generators (Lawson–Hanson, every step exact) and certified by KKT
multipliers ``μ ≥ 0`` with ``∇_R L_t(R) = Gᵀμ``, ``μᵀ G R = 0`` (``G R ≥ 0`` the
cone), which make ``L_t(R') ≥ L_t(R)`` on the whole cone by convexity.

**Local minima, exactly.**  Fix a point; for unit ``j`` let ``W_j`` be the
points on whose wall ``w_j`` lies and ``t`` range over the topes adjacent to
``w_j`` (those agreeing with ``sign <w_j, x_i>`` off ``W_j``);
``g_j(t) = Σ_i c_i(t) r_i x_i``.  The point is a local minimum iff for every unit

* ``z_j ≠ 0`` (or ``z`` fixed): ``g_j(t) ∈ cone{s_j (2t_i − 1) x_i : i ∈ W_j}`` for
  every adjacent ``t`` — the KKT condition of each convex piece at ``R`` (every
  ``R'_j ∈ s_j K(t)`` near ``R_j`` is reached by ``z_j``, ``R'_j / z_j``);
* ``z_j = 0``: ``g_j(t) = 0`` for every adjacent ``t`` (moving ``z_j`` and
  ``w_j`` together reaches ``z'·c(t)⊙(X w')`` for ``w'`` in a full-dimensional
  tangent cone; any ``η`` with ``<r, c(t)⊙Xη> ≠ 0`` gives a descent of order
  ``z'·|η|`` that the ``z'²`` term cannot repair).

Each condition says ``<r, δ> ≥ 0`` for every output change ``δ`` one unit can
make, so together they give ``L(p') − L(p) = <r, δ> + ½||δ||² ≥ 0``: they are
necessary and sufficient.  On a *stratum* — per unit a face (covector) of the
arrangement for ``w_j`` and a sign ``s_j ∈ {+, −, 0}`` for ``z_j`` — ``r`` is
affine in ``R`` and every condition is linear in ``R`` and the multipliers, so
the local minima of a stratum are the solutions of one mixed linear system,
decided exactly by cdd.  A connected set of local minima has one loss value
(each is ≥ its neighbours'), so a stratum's local minima form a *class* with
one loss; it is *spurious* when that loss exceeds the global minimum.

>>> from exactrelu.core.instance import instance_from_mapping
>>> inst = instance_from_mapping({"data": {"points": [[1], [-1]], "targets": [2, 1]},
...                               "network": {"hidden": [1]}})
>>> g = global_minimum(inst)
>>> str(g.value)
'1/2'
>>> sorted({(str(c.loss), c.spurious) for c in minimum_classes(inst, g.value)})
[('1/2', False), ('2', True), ('5/2', True)]
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from itertools import combinations_with_replacement, product

import cdd
import cdd.gmp as cddg

from ..arrangements.topes import Tope, covectors, topes
from ..core import linalg
from ..core.feasibility import FeasiblePoint, LinearSystem, Number, decide
from ..core.instance import Instance, InstanceError
from ..core.model import REAL, SQUARED, Model, require

__all__ = ["MODEL", "require_landscape_setting", "Piece", "GlobalMinimum", "MinimumClass", "Landscape", "piece_minimum",
           "global_minimum", "minimum_classes", "is_local_minimum", "landscape", "loss", "MAX_PIECES", "cell_loss",
           "MAX_STRATA", "strata_count", "projected_dimension", "face_dimension", "class_dimension",
           "open_region_minimum", "nnls", "stratum_system", "local_minimum_solution",
]

Vector = tuple[Fraction, ...]
Signs = tuple[int, ...]
MAX_PIECES = 200_000  # refuse (exit 2) rather than run for hours
MAX_STRATA = 20_000  # what `liu` computes beside Liu's Theorem 3 without asking
ZERO = Fraction(0)


MODEL = Model(losses=SQUARED, deep=False, targets=REAL)
"""What the landscape analysis models: ReLU or leaky ReLU, squared loss, one hidden layer, fixed or trainable
output weights, with or without bias, rational targets."""


def require_landscape_setting(inst: Instance) -> None:
    """Refuse (exit 2 on the command line) an instance outside :data:`MODEL`, the networks this module solves."""
    require(inst, MODEL, "landscape")


def _dot(a: Sequence[Fraction], b: Sequence[Fraction]) -> Fraction:
    return sum((x * y for x, y in zip(a, b, strict=True)), ZERO)


def _slope(sign: int, alpha: Fraction) -> Fraction:
    """``c_i``: the unit's slope on point ``i`` on the closed side ``sign`` (1 active, α inactive)."""
    return Fraction(1) if sign > 0 else alpha


def loss(inst: Instance, weights: Sequence[Vector], output: Sequence[Fraction]) -> Fraction:
    """``½ Σ_i (F(x_i) − y_i)²`` by a plain forward pass (the independent route every answer is checked by).

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> inst = instance_from_mapping({"data": {"points": [[1], [-1]], "targets": [2, 1]},
    ...                               "network": {"hidden": [1], "output": "trainable"}})
    >>> loss(inst, [(Fraction(2),)], [Fraction(1)])  # F = (2, 0): ½(0² + 1²)
    Fraction(1, 2)
    """
    total = ZERO
    for x, y in zip(inst.points, inst.targets, strict=True):
        f = ZERO
        for w, z in zip(weights, output, strict=True):
            s = _dot(w, x)
            f += z * (s if s > 0 else inst.alpha * s)
        total += (f - y) ** 2
    return total / 2


def _fixed_output(inst: Instance) -> tuple[Fraction, ...] | None:
    return None if inst.output == "trainable" else tuple(inst.output)


# ---------------------------------------------------------------- pieces
def _cone_generators(rows: Sequence[Sequence[Fraction]], d: int) -> list[Vector]:
    """Generators of ``{w : a·w ≥ 0 for every row a}``: extreme rays, and ± each lineality vector (cdd)."""
    if not rows:
        units = [tuple(Fraction(int(i == k)) for k in range(d)) for i in range(d)]
        return units + [tuple(-c for c in u) for u in units]
    mat = cddg.matrix_from_array([[0, *r] for r in rows], rep_type=cdd.RepType.INEQUALITY)
    gens = cddg.copy_generators(cddg.polyhedron_from_matrix(mat))
    out = []
    for i, g in enumerate(gens.array):
        v = tuple(Fraction(c) for c in g[1:])
        if g[0] != 0 or not any(v):
            continue  # the apex
        out.append(v)
        if i in gens.lin_set:
            out.append(tuple(-c for c in v))
    return out


def nnls(columns: Sequence[Vector], f: Vector) -> list[Fraction]:
    """``argmin_{λ ≥ 0} ||Σ_k λ_k c_k − f||`` by Lawson–Hanson's active-set method in exact arithmetic.

    Every iterate is exact, so the method's finite termination holds literally; the passive columns stay
    linearly independent, so each least-squares step is a unique solve.

    >>> [str(v) for v in nnls([(Fraction(1), Fraction(0)), (Fraction(-1), Fraction(0))], (Fraction(-3), Fraction(4)))]
    ['0', '3']
    """
    m = len(columns)
    lam = [ZERO] * m
    passive: list[int] = []
    while True:
        r = [fi - sum((lam[k] * columns[k][i] for k in passive), ZERO) for i, fi in enumerate(f)]
        grad = [_dot(c, r) for c in columns]
        enter = max((k for k in range(m) if k not in passive and grad[k] > 0), key=lambda k: grad[k], default=None)
        if enter is None:
            return lam
        passive.append(enter)
        while True:
            gram = [[_dot(columns[a], columns[b]) for b in passive] for a in passive]
            sol = linalg.solve(gram, [_dot(columns[a], f) for a in passive])
            if sol is None:  # pragma: no cover - Lawson–Hanson keeps the passive columns independent
                raise AssertionError("dependent passive columns in NNLS")
            s = dict(zip(passive, sol, strict=True))
            if all(v > 0 for v in s.values()):
                lam = [s.get(k, ZERO) for k in range(m)]
                break
            step = min(lam[k] / (lam[k] - s[k]) for k in passive if s[k] <= 0)
            lam = [lam[k] + step * (s.get(k, ZERO) - lam[k]) for k in range(m)]
            passive = [k for k in passive if lam[k] > 0]
            lam = [lam[k] if k in passive else ZERO for k in range(m)]


@dataclass(frozen=True)
class Piece:
    """Unit ``j`` in the closed cone ``K(t_j)`` with output sign ``s_j``: the piece minimum ``loss`` at
    ``R = (z_j w_j)_j``, with KKT multipliers ``μ_j`` (one per point, ``0`` off the active rows)."""

    topes: tuple[Signs, ...]
    signs: Signs
    loss: Fraction
    R: tuple[Vector, ...]
    multipliers: tuple[Vector, ...]

    def parameters(self, inst: Instance) -> tuple[tuple[Vector, ...], tuple[Fraction, ...]]:
        """A parameter point ``(W, z)`` of the piece with ``z_j w_j = R_j`` (``z`` as the instance fixes it)."""
        fixed = _fixed_output(inst)
        if fixed is not None:
            return tuple(tuple(c / v for c in r) for r, v in zip(self.R, fixed, strict=True)), fixed
        return tuple(tuple(s * c for c in r) for r, s in zip(self.R, self.signs, strict=True)), \
            tuple(Fraction(s) for s in self.signs)


def _rows(inst: Instance, t: Signs, s: int) -> list[tuple[int, Vector]]:
    """The constraint rows ``s (2t_i − 1) x_i`` of ``s K(t)`` on the nonzero points."""
    return [(i, tuple(s * ti * c for c in x)) for i, (x, ti) in enumerate(zip(inst.points, t, strict=True)) if ti]


def piece_minimum(inst: Instance, piece_topes: Sequence[Signs], signs: Sequence[int],
                  generators: Callable[[Signs, int], list[Vector]] | None = None) -> Piece:
    """The minimum of ``½||M_t R − y||²`` over ``∏_j s_j K(t_j)``, with its KKT certificate."""
    d, n = inst.d, inst.n
    gens = generators or (lambda t, s: _cone_generators([r for _, r in _rows(inst, t, s)], d))
    columns, owner = [], []
    for j, (t, s) in enumerate(zip(piece_topes, signs, strict=True)):
        for g in gens(t, s):
            columns.append(tuple(_slope(t[i], inst.alpha) * _dot(g, x) for i, x in enumerate(inst.points)))
            owner.append((j, g))
    lam = nnls(columns, tuple(inst.targets))
    R = [[ZERO] * d for _ in piece_topes]
    for v, (j, g) in zip(lam, owner, strict=True):
        if v:
            R[j] = [a + v * b for a, b in zip(R[j], g, strict=True)]
    F = [sum((_slope(t[i], inst.alpha) * _dot(Rj, x) for Rj, t in zip(R, piece_topes, strict=True)), ZERO)
         for i, x in enumerate(inst.points)]
    r = [f - y for f, y in zip(F, inst.targets, strict=True)]
    mus = []
    for Rj, t, s in zip(R, piece_topes, signs, strict=True):
        grad = [sum((_slope(t[i], inst.alpha) * r[i] * x[k] for i, x in enumerate(inst.points)), ZERO)
                for k in range(d)]
        active = [(i, a) for i, a in _rows(inst, t, s) if _dot(a, Rj) == 0]
        mu = [ZERO] * n
        if active:
            system = LinearSystem.build(len(active), weak=[(tuple(int(u == v) for v in range(len(active))), 0)
                                                           for u in range(len(active))],
                                        equal=[(tuple(a[k] for _, a in active), grad[k]) for k in range(d)])
            ans = decide(system)
            if not isinstance(ans, FeasiblePoint):  # pragma: no cover - KKT holds at a constrained minimum
                raise AssertionError("no KKT multipliers at a piece minimum")
            for (i, _), v in zip(active, ans.point, strict=True):
                mu[i] = v
        elif any(grad):  # pragma: no cover
            raise AssertionError("nonzero gradient at an unconstrained piece minimum")
        mus.append(tuple(mu))
    value = sum((v * v for v in r), ZERO) / 2
    return Piece(tuple(piece_topes), tuple(signs), value, tuple(tuple(x) for x in R), tuple(mus))


def _pieces(inst: Instance, ts: Sequence[Tope]) -> Iterator[tuple[tuple[Signs, ...], Signs]]:
    """Every piece up to permuting interchangeable units (all units when ``z`` is trainable; units with equal
    fixed ``v_j`` otherwise)."""
    fixed = _fixed_output(inst)
    rows = [t.signs for t in ts]
    if fixed is None:
        for combo in combinations_with_replacement([(t, s) for t in rows for s in (1, -1)], inst.d1):
            yield tuple(t for t, _ in combo), tuple(s for _, s in combo)
        return
    groups: dict[Fraction, list[int]] = {}
    for j, v in enumerate(fixed):
        groups.setdefault(v, []).append(j)
    for choice in product(*(combinations_with_replacement(rows, len(g)) for g in groups.values())):
        assigned: dict[int, Signs] = {}
        for g, ts_g in zip(groups.values(), choice, strict=True):
            assigned.update(zip(g, ts_g, strict=True))
        yield tuple(assigned[j] for j in range(inst.d1)), tuple(1 if v > 0 else -1 for v in fixed)


def _count_pieces(inst: Instance, t: int) -> int:
    from math import comb

    fixed = _fixed_output(inst)
    if fixed is None:
        return comb(2 * t + inst.d1 - 1, inst.d1)
    total = 1
    for v in set(fixed):
        total *= comb(t + list(fixed).count(v) - 1, list(fixed).count(v))
    return total


@dataclass(frozen=True)
class GlobalMinimum:
    """``min L`` over all parameters, attained at ``(weights, output)`` (a point of piece ``best``)."""

    value: Fraction
    weights: tuple[Vector, ...]
    output: tuple[Fraction, ...]
    best: Piece
    pieces: tuple[Piece, ...]


def global_minimum(inst: Instance, advance: Callable[[], None] | None = None) -> GlobalMinimum:
    """The exact global minimum of the loss: the least piece minimum (see the module docstring).

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> g = global_minimum(instance_from_mapping({"data": {"points": [[1], [-1]], "targets": [2, 1]},
    ...                                           "network": {"hidden": [1], "output": "trainable"}}))
    >>> g.value, g.weights, g.output  # fit x = 1 exactly, leave ½·1² on x = −1
    (Fraction(1, 2), ((Fraction(2, 1),),), (Fraction(1, 1),))
    """
    require_landscape_setting(inst)
    ts = topes(inst.points)
    count = _count_pieces(inst, len(ts))
    if count > MAX_PIECES:
        raise InstanceError(inst.source, "network.hidden", f"{count} pieces to solve (more than {MAX_PIECES})",
                            "use fewer units or points")
    cache: dict[tuple[Signs, int], list[Vector]] = {}

    def gens(t: Signs, s: int) -> list[Vector]:
        if (t, s) not in cache:
            cache[(t, s)] = _cone_generators([r for _, r in _rows(inst, t, s)], inst.d)
        return cache[(t, s)]

    pieces = []
    for pt, ps in _pieces(inst, ts):
        pieces.append(piece_minimum(inst, pt, ps, gens))
        if advance is not None:
            advance()
    best = min(pieces, key=lambda p: p.loss)
    weights, output = best.parameters(inst)
    if loss(inst, weights, output) != best.loss:  # pragma: no cover - two routes to one number
        raise AssertionError("the forward pass disagrees with the piece minimum")
    return GlobalMinimum(best.loss, weights, output, best, tuple(pieces))


# ---------------------------------------------------------------- local minima
def strata_count(inst: Instance) -> int:
    """How many strata :func:`minimum_classes` decides: faces × z signs per unit, up to interchangeable units."""
    from math import comb

    c = len(covectors(inst.points))
    return comb(3 * c + inst.d1 - 1, inst.d1) if _fixed_output(inst) is None else c ** inst.d1


@dataclass(frozen=True)
class MinimumClass:
    """The local minima with ``w_j`` on the face ``faces[j]`` and ``sign z_j = signs[j]``: one loss value.

    ``dimension`` is the dimension of that set of local minima in parameter space ``(W, z)``
    (:func:`class_dimension`); ``None`` where it was not computed (:func:`open_region_minimum`)."""

    faces: tuple[Signs, ...]
    signs: Signs
    loss: Fraction
    weights: tuple[Vector, ...]
    output: tuple[Fraction, ...]
    spurious: bool
    dimension: int | None = None

    @property
    def differentiable(self) -> bool:
        """Every ``w_j`` in an open cell (no wall): Liu's differentiable (genuine) minima."""
        return all(all(f) for f in self.faces)


def _adjacent(face: Signs, ts: Sequence[Tope]) -> list[Signs]:
    return [t.signs for t in ts if all(c == 0 or c == s for c, s in zip(face, t.signs, strict=True))]


def _num(q: Fraction) -> Fraction | int:
    """An int when ``q`` is integral (the LP rows are built faster from ints)."""
    return q.numerator if q.denominator == 1 else q


Rows = list[tuple[list[Fraction | int], Fraction | int]]


def stratum_system(inst: Instance, faces: Sequence[Signs], signs: Sequence[int],
                    ts: Sequence[Tope], memo: dict | None = None) -> tuple[LinearSystem, int]:
    """The mixed linear system of the local minima of one stratum, unknowns ``R`` (unit-major) then ``μ``.

    ``memo`` (one dict per instance, kept by a caller deciding many strata) caches the per-unit parts: the
    adjacent topes of a face and the blocks of the gradients below, which depend on one unit's face only.
    """
    k, strict, weak, equal, k_r = _stratum_rows(inst, faces, signs, ts, memo)
    return LinearSystem.build(k, strict=strict, weak=weak, equal=equal), k_r


def _stratum_rows(inst: Instance, faces: Sequence[Signs], signs: Sequence[int], ts: Sequence[Tope],
                  memo: dict | None = None) -> tuple[int, Rows, Rows, Rows, int]:
    """The rows of :func:`stratum_system` as lists ``(k, strict, weak, equal, k_r)`` (no :class:`LinearSystem`
    built: most strata are refuted from the rows directly, see :func:`_refuted`)."""
    memo = {} if memo is None else memo
    if "points" not in memo:  # integral coordinates as ints: the rows below are built and converted faster
        memo["points"] = [tuple(_num(v) for v in x) for x in inst.points]
    d, d1, pts, alpha = inst.d, inst.d1, memo["points"], inst.alpha

    def adjacent(face: Signs) -> list[Signs]:
        key = ("adjacent", face)
        if key not in memo:
            memo[key] = _adjacent(face, ts)
        return memo[key]

    k_r = d1 * d
    blocks = []  # (unit, adjacent tope, wall points) needing multipliers
    for j, (face, s) in enumerate(zip(faces, signs, strict=True)):
        if s:
            walls = [i for i, c in enumerate(face) if c == 0 and any(pts[i])]
            blocks += [(j, t, walls) for t in adjacent(face)]
    k = k_r + sum(len(w) for _, _, w in blocks)

    def unit_row(j: int, vec: Sequence[Fraction | int]) -> list[Fraction | int]:
        row: list[Fraction | int] = [0] * k  # int zeros: LinearSystem.build keeps ints as they are (fast)
        row[j * d:(j + 1) * d] = vec
        return row

    strict, weak, equal = [], [], []
    for j, (face, s) in enumerate(zip(faces, signs, strict=True)):
        for x, c in zip(pts, face, strict=True):
            if s == 0 or not any(x):
                continue  # z_j = 0 pins R_j = 0 below; a zero point constrains nothing
            if c:
                strict.append((unit_row(j, [s * c * v for v in x]), 0))
            else:
                equal.append((unit_row(j, list(x)), 0))
        if s == 0:
            equal += [(unit_row(j, [int(a == b) for a in range(d)]), 0) for b in range(d)]

    # r_i = Σ_j c_i(face_j) <R_j, x_i> − y_i, so g(t)_m = Σ_i c_i(t) x_im r_i has the coefficient
    # Σ_i c_i(t) c_i(face_j) x_im x_i on R_j (a d×d block of one unit's face) and the constant −Σ_i c_i(t) x_im y_i
    def block(t: Signs, face: Signs) -> list[list[Fraction | int]]:
        key = ("block", t, face)
        if key not in memo:
            memo[key] = [[_num(sum((_slope(t[i], alpha) * _slope(face[i], alpha) * x[m] * x[c]
                                    for i, x in enumerate(pts)), ZERO)) for c in range(d)] for m in range(d)]
        return memo[key]

    def constant(t: Signs) -> list[Fraction | int]:
        key = ("constant", t)
        if key not in memo:
            memo[key] = [_num(-sum((_slope(t[i], alpha) * x[m] * y for i, (x, y) in
                                    enumerate(zip(pts, inst.targets, strict=True))), ZERO)) for m in range(d)]
        return memo[key]

    pad = [0] * (k - k_r)

    def gradient(t: Signs) -> list[tuple[list[Fraction | int], Fraction | int]]:
        """``g(t) = Σ_i c_i(t) r_i x_i`` per coordinate, affine in the unknowns: (coefficients, constant)."""
        parts = [block(t, face) for face in faces]
        return [([v for b in parts for v in b[m]] + pad, constant(t)[m]) for m in range(d)]

    col = k_r
    for j, t, walls in blocks:
        s = signs[j]
        for m, (coeff, const) in enumerate(gradient(t)):
            row = list(coeff)
            for u, i in enumerate(walls):
                row[col + u] -= s * t[i] * pts[i][m]
            equal.append((row, -const))
        for u in range(len(walls)):
            weak.append(([int(v == col + u) for v in range(k)], 0))
        col += len(walls)
    for face, s in zip(faces, signs, strict=True):
        if s == 0:
            for t in adjacent(face):
                equal += [(coeff, -const) for coeff, const in gradient(t)]
    return k, strict, weak, equal, k_r


def _eliminated(k: int, strict: Rows, weak: Rows, equal: Rows) -> LinearSystem | None:
    """The system ``a·x > b`` (strict), ``a·x ≥ b`` (weak), ``a·x = b`` (equal) in ``k`` unknowns, on its
    equations' solution set: ``x = x_0 + N c`` (FLINT: one solution and a nullspace basis) substituted into the
    inequalities, unknowns ``c``; ``None`` when the equations have no solution.

    The substitution is exact and onto the equations' solution set, so the system is feasible iff the result is
    (and ``x_0 + N c`` maps its points to the system's).  The LP of the reduced system is much smaller: the
    stratum systems carry many equations (every gradient condition), which cdd's LP otherwise sees as pairs of
    inequalities.
    """
    ineq = [*strict, *weak]
    sub = linalg.substitute_solutions([a for a, _ in equal], [b for _, b in equal], [a for a, _ in ineq], k)
    if sub is None:  # inconsistent equations (exact): no point at all
        return None
    reduced, at_x0, m = sub
    rows_c = [(row, b - v) for row, v, (_, b) in zip(reduced, at_x0, ineq, strict=True)]
    return LinearSystem.build(m, strict=rows_c[:len(strict)], weak=rows_c[len(strict):])


def _refuted(k: int, strict: Rows, weak: Rows, equal: Rows) -> bool:
    """``True`` when the system (as in :func:`_eliminated`) is proved infeasible on its equations' solution set:
    inconsistent equations, or the reduced system's Motzkin multipliers (checked exactly by :func:`decide`)."""
    reduced = _eliminated(k, strict, weak, equal)
    if reduced is None:
        return True
    if reduced.k == 0:
        return not reduced.satisfied_by(())
    return not decide(reduced).feasible


def projected_dimension(system: LinearSystem, k_r: int) -> int:
    """``dim proj_R(S)`` for the solution set ``S`` of ``system`` (non-empty), ``R`` its first ``k_r`` unknowns.

    Let ``P`` be the closed polyhedron of the same rows with every strict row made weak.  ``S`` is dense in ``P``:
    for ``x ∈ P`` and ``s ∈ S`` the point ``(1 − t)x + ts`` meets every strict row strictly for ``t ∈ (0, 1]``,
    so ``P`` is the closure of ``S`` and the two have one affine hull; a linear map commutes with affine hulls,
    so ``dim proj_R(S) = dim proj_R(P)``.  ``P = conv(V) + cone(rays) + span(lines)`` (Minkowski–Weyl; cdd's
    exact V-representation), so ``aff proj_R(P) = proj_R(v_0) + span{proj_R(v − v_0), proj_R(rays),
    proj_R(lines)}`` and its dimension is that span's rank (FLINT).

    >>> square = LinearSystem.build(3, strict=[([1, 0, 0], 0), ([0, 1, 0], 0)], equal=[([1, 1, -1], 1)])
    >>> projected_dimension(square, 2), projected_dimension(square, 1)  # x, y > 0 free; t = x + y − 1 follows
    (2, 1)
    """
    arr: list[list[Number]] = [[-r.b, *r.a] for r in (*system.strict, *system.weak)]
    lin = list(range(len(arr), len(arr) + len(system.equal)))
    arr += [[-r.b, *r.a] for r in system.equal]
    if not arr:
        return k_r
    mat = cddg.matrix_from_array(arr, lin_set=lin, rep_type=cdd.RepType.INEQUALITY)
    gens = cddg.copy_generators(cddg.polyhedron_from_matrix(mat))
    points, directions = [], []
    for g in gens.array:
        head = Fraction(g[0])
        v = [Fraction(c) for c in g[1:k_r + 1]]
        if head:
            points.append([c / head for c in v])
        else:
            directions.append(v)  # a ray, or a line (lin_set): only its span matters here
    if not points:  # cdd lists no point for a cone (every row homogeneous): its apex, the origin, is one
        if any(r.b for r in (*system.strict, *system.weak, *system.equal)):  # pragma: no cover
            raise AssertionError("cdd returned no point of a non-empty polyhedron")
        points.append([ZERO] * k_r)
    base = points[0]
    spans = [[a - b for a, b in zip(v, base, strict=True)] for v in points[1:]] + directions
    return linalg.rank(spans) if spans else 0


def face_dimension(inst: Instance, face: Signs) -> int:
    """The dimension of the relatively open face ``{w : sign <w, x_i> = face_i}``: ``d − rank{x_i : face_i = 0}``.

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> inst = instance_from_mapping({"data": {"points": [[1, 0], [0, 1]], "targets": [1, 1]},
    ...                               "network": {"hidden": [1]}})
    >>> face_dimension(inst, (-1, -1)), face_dimension(inst, (0, -1)), face_dimension(inst, (0, 0))
    (2, 1, 0)
    """
    walls = [x for x, c in zip(inst.points, face, strict=True) if c == 0]
    return inst.d - (linalg.rank(walls) if walls else 0)


def class_dimension(inst: Instance, faces: Sequence[Signs], signs: Sequence[int], system: LinearSystem,
                    k_r: int) -> int:
    """The dimension, in parameter space ``(W, z)``, of the local minima of one stratum (``system`` feasible).

    The stratum's local minima in ``(R, μ)`` are the solutions ``S`` of :func:`stratum_system`; their ``R``
    have dimension ``dim proj_R(S)`` (:func:`projected_dimension`).  The conditions involve the parameters
    only through ``R`` and the strata of ``w_j`` and ``z_j``, so the set of local minima is the preimage of
    ``proj_R(S)`` under ``(W, z) ↦ R`` inside the stratum, and each unit adds its fibre:

    * ``z_j ≠ 0`` trainable: ``(w_j, z_j) ↦ (z_j w_j, z_j)`` is a diffeomorphism of ``{sign z_j = s_j}``, and
      ``R_j ∈ s_j·face_j`` iff ``w_j ∈ face_j`` (a face is a cone), so the fibre is ``(R_j / c, c)``,
      ``c s_j > 0``: one dimension;
    * ``z_j = 0``: ``R_j = 0`` and ``w_j`` ranges over the whole relatively open face (the conditions of
      ``z_j = 0`` ask only about the adjacent topes): :func:`face_dimension`;
    * ``z`` fixed: ``w_j = R_j / v_j``, no fibre.

    So the set is a product of a relatively open convex set, open half-lines and relatively open faces (up to
    the diffeomorphism), a manifold of dimension ``dim proj_R(S) + #{j : z_j ≠ 0} + Σ_{z_j = 0} dim face_j``.
    """
    fibres = 0
    if _fixed_output(inst) is None:
        fibres = sum(1 if s else face_dimension(inst, f) for f, s in zip(faces, signs, strict=True))
    return projected_dimension(system, k_r) + fibres


def minimum_classes(inst: Instance, global_value: Fraction | None = None,
                    advance: Callable[[], None] | None = None,
                    keep: Callable[[tuple[Signs, ...], Signs], bool] | None = None) -> tuple[MinimumClass, ...]:
    """Every stratum that carries local minima, with its loss and a witness (see the module docstring); with
    ``keep``, only the strata ``(faces, z signs)`` it accepts are decided (a caller asking about some strata only,
    e.g. the open ones or those on one wall, skips the others' LPs)."""
    require_landscape_setting(inst)
    ts = topes(inst.points)
    faces = covectors(inst.points)
    witness = {f.signs: f.witness for f in faces}
    fixed = _fixed_output(inst)
    if fixed is None:
        items = [(f.signs, s) for f in faces for s in (1, -1, 0)]
        strata = (tuple(zip(*c, strict=True)) for c in combinations_with_replacement(items, inst.d1))
    else:
        strata = ((c, tuple(1 if v > 0 else -1 for v in fixed)) for c in product([f.signs for f in faces],
                                                                                 repeat=inst.d1))
    out = []
    memo: dict = {}  # per-unit parts of the stratum systems, shared by all strata
    for fs, ss in strata:
        if advance is not None:
            advance()
        if keep is not None and not keep(tuple(fs), tuple(ss)):
            continue
        k, strict, weak, equal, k_r = _stratum_rows(inst, fs, ss, ts, memo)
        if _refuted(k, strict, weak, equal):  # most strata: a small LP after eliminating the equations
            continue
        system = LinearSystem.build(k, strict=strict, weak=weak, equal=equal)
        ans = decide(system)  # the feasible ones: the full system's LP gives the witness
        if not isinstance(ans, FeasiblePoint):  # pragma: no cover - the reduction is exact
            raise AssertionError("a stratum feasible after eliminating its equations is infeasible")
        R = [ans.point[j * inst.d:(j + 1) * inst.d] for j in range(inst.d1)]
        if fixed is not None:
            weights = tuple(tuple(c / v for c in r) for r, v in zip(R, fixed, strict=True))
            output = fixed
        else:
            weights = tuple(tuple(s * c for c in r) if s else witness[f] for r, s, f in zip(R, ss, fs, strict=True))
            output = tuple(Fraction(s) for s in ss)
        value = loss(inst, weights, output)
        out.append(MinimumClass(tuple(fs), tuple(ss), value, weights, output,
                                global_value is not None and value > global_value,
                                class_dimension(inst, fs, ss, system, k_r)))
    return tuple(out)


def local_minimum_solution(inst: Instance, weights: Sequence[Vector], output: Sequence[Fraction],
                           ts: Sequence[Tope]) -> FeasiblePoint | None:
    """A solution ``(R, μ)`` of the point's stratum system (:func:`stratum_system`, adjacent topes in the order
    of ``ts``) with ``R = z ⊙ W`` appended as equations, or ``None``: the point is not a local minimum.

    The conditions of the module docstring at one point are that system with ``R`` fixed; the multipliers ``μ``
    are the first-order proof (SPEC §8).  The equations come after the system's rows, in the order of ``R``
    (unit-major), so a checker deriving the same rows re-derives the same system.
    """
    faces = tuple(tuple((v > 0) - (v < 0) for v in (_dot(w, x) for x in inst.points)) for w in weights)
    system, _ = stratum_system(inst, faces, tuple((z > 0) - (z < 0) for z in output), ts)
    fix = [(tuple(Fraction(int(a == b)) for a in range(system.k)), v)
           for b, v in enumerate(z * c for w, z in zip(weights, output, strict=True) for c in w)]
    ans = decide(LinearSystem(system.k, system.strict, system.weak,
                              system.equal + LinearSystem.build(system.k, equal=fix).equal))
    return ans if isinstance(ans, FeasiblePoint) else None


def is_local_minimum(inst: Instance, weights: Sequence[Sequence[Fraction]], output: Sequence[Fraction]) -> bool:
    """Decide whether one parameter point is a local minimum (the conditions of the module docstring).

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> inst = instance_from_mapping({"data": {"points": [[1], [-1]], "targets": [2, 1]},
    ...                               "network": {"hidden": [1], "output": "trainable"}})
    >>> is_local_minimum(inst, [(Fraction(2),)], [Fraction(1)]), is_local_minimum(inst, [(Fraction(1),)], [Fraction(1)])
    (True, False)
    """
    require_landscape_setting(inst)
    fixed = _fixed_output(inst)
    ws = [tuple(Fraction(c) for c in w) for w in weights]
    zs = list(fixed) if fixed is not None else [Fraction(z) for z in output]
    return local_minimum_solution(inst, ws, zs, topes(inst.points)) is not None


@dataclass(frozen=True)
class Landscape:
    """The whole answer: the global minimum and every local-minimum class, spurious ones marked."""

    global_min: GlobalMinimum
    classes: tuple[MinimumClass, ...]

    @property
    def spurious(self) -> tuple[MinimumClass, ...]:
        return tuple(c for c in self.classes if c.spurious)


def landscape(inst: Instance, advance: Callable[[], None] | None = None) -> Landscape:
    """Global minimum by pieces; local-minimum classes by strata; the two routes must agree on the minimum.

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> a = landscape(instance_from_mapping({"data": {"points": [[1], [-1]], "targets": [2, 1]},
    ...                                     "network": {"hidden": [1], "output": "trainable"}}))
    >>> a.global_min.value, sorted((c.loss, c.spurious) for c in a.classes)  # w < 0 and the dead unit: spurious
    (Fraction(1, 2), [(Fraction(1, 2), False), (Fraction(2, 1), True), (Fraction(5, 2), True)])
    """
    g = global_minimum(inst, advance)
    classes = minimum_classes(inst, g.value, advance)
    least = min((c.loss for c in classes), default=None)
    if least != g.value:  # pragma: no cover - the global minimum is a local minimum of some stratum
        raise AssertionError(f"the least local minimum {least} differs from the global minimum {g.value}")
    return Landscape(g, classes)


# ---------------------------------------------------------------- open regions (Theorem 9 of KMTM)
def cell_loss(inst: Instance, rows: Sequence[Signs]) -> Fraction:
    """``min_R ½||M_A R − y||² = ½||M M⁺ y − y||²`` for the open region of the rows (sign vectors), unconstrained.

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> inst = instance_from_mapping({"data": {"points": [[1], [-1]], "targets": [2, 1]},
    ...                               "network": {"hidden": [1], "output": "trainable"}})
    >>> cell_loss(inst, [(1, -1)]), cell_loss(inst, [(-1, 1)]), cell_loss(inst, [(-1, -1)])  # fit one point, or none
    (Fraction(1, 2), Fraction(2, 1), Fraction(5, 2))
    """
    m = [[_slope(t[i], inst.alpha) * c for t in rows for c in x] for i, x in enumerate(inst.points)]
    pinv = linalg.pseudo_inverse(m, len(rows) * inst.d)
    r0 = [_dot(row, inst.targets) for row in pinv]
    return sum(((_dot(row, r0) - y) ** 2 for row, y in zip(m, inst.targets, strict=True)), ZERO) / 2


def open_region_minimum(inst: Instance, rows: Sequence[Signs], ts: Sequence[Tope]) -> MinimumClass | None:
    """A local minimum with every ``w_j`` in the open cone of its row and ``z`` trainable, or ``None``.

    In an open region every unit has one adjacent tope and no wall, so the conditions of the module docstring
    are the normal equations ``M_Aᵀ r = 0`` with ``R_j ∈ s_j C(a_j)`` (``s_j = ±``) or ``R_j = 0``: Liu's
    genuine minimum, whose loss is the cell minimum.  Units with equal rows add their ``R_j``; for a group of
    two or more the signs ``+, −`` make the group's sum free (``C − C = Q^d``), so only units whose row is
    unique need a sign choice.
    """
    trainable = replace(inst, output="trainable")
    groups: dict[Signs, list[int]] = {}
    for j, t in enumerate(rows):
        groups.setdefault(t, []).append(j)
    base = [0] * len(rows)
    singles = []
    for members in groups.values():
        if len(members) == 1:
            singles.append(members[0])
        else:
            base[members[0]], base[members[1]] = 1, -1
    for choice in product((1, -1, 0), repeat=len(singles)):
        signs = list(base)
        for j, s in zip(singles, choice, strict=True):
            signs[j] = s
        system, _ = stratum_system(trainable, tuple(rows), tuple(signs), ts)
        ans = decide(system)
        if isinstance(ans, FeasiblePoint):
            d = inst.d
            R = [ans.point[j * d:(j + 1) * d] for j in range(len(rows))]
            wit = {t.signs: t.witness for t in ts}
            weights = tuple(tuple(s * c for c in r) if s else wit[t] for r, s, t in zip(R, signs, rows, strict=True))
            output = tuple(Fraction(s) for s in signs)
            return MinimumClass(tuple(rows), tuple(signs), loss(trainable, weights, output), weights, output, False)
    return None
