"""Proposition 13 of Karhadkar–Murray–Tseran–Montúfar: the functions one ReLU represents on 1-D data.

For sorted distinct ``x_1 < … < x_n`` (with bias), one ReLU gives the vector
``f(w, b) = (σ(w x_j + b))_j``.  On the closed cone of a tope ``a`` (a step
vector, Lemma 6) ``f = a ⊙ (w x + b)`` is linear in ``(w, b)``, so the image is
the cone spanned by the images of the cone's extreme rays.  Proposition 13:
the set of such ``f`` is ``{α f : α ≥ 0, f on the polyline}`` with vertices
``x̄^{(i)} X_{≤i}`` and ``−x̄^{(i)} X_{≥i}`` where ``x̄^{(i)} = [x_i, −1]`` and
``X_{≥i}`` has the columns ``(1, x_j)`` for ``j ≥ i`` and zero columns before
(read: the hinges ``(x_i − x_j)_+`` and ``(x_j − x_i)_+``).  Here the rays
are computed by cdd per tope and compared with those vertices.

Sums of ``m`` ReLUs: ``Σ_i f(w_i, b_i)`` ranges over sums of ``m`` points of the
union of the segment cones; a sum of cones is the cone of their generators and
``cone(s) + cone(s) = cone(s)``, so ``y`` is a sum of ``m`` ReLUs iff ``y`` lies
in ``cone(gens of a set of min(m, #segments) segments)`` — finitely many exact
LPs.  Signed sums ``Σ c_i σ(·)`` use ``c σ(u) = sign(c) σ(|c| u)``: segments
with a sign.

>>> [list(map(int, v)) for v in polyline_vertices([0, 1, 2])]
[[0, 0, 1], [0, 1, 2], [2, 1, 0], [1, 0, 0]]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations
from math import gcd

import cdd.gmp as cdd

from ..core import linalg
from ..core.feasibility import FeasiblePoint, Infeasibility, LinearSystem, decide

__all__ = [
    "polyline_vertices",
    "Segment",
    "segments",
    "cdd_rays",
    "hull_generators",
    "tope_rays",
    "ConeGenerators",
    "cone_generators",
    "Representation",
    "represent",
    "relu_values",
    "primitive",
    "linear_span_solution",
    "non_representation_multipliers",
    "RepresentationPoint",
    "representation_point",
]

Vector = tuple[Fraction, ...]


def _sorted(xs: Sequence[Fraction | int]) -> list[Fraction]:
    pts = [Fraction(x) for x in xs]
    if pts != sorted(pts) or len(set(pts)) != len(pts):
        raise ValueError("Proposition 13 needs distinct points sorted increasingly")
    return pts


def polyline_vertices(xs: Sequence[Fraction | int]) -> list[Vector]:
    """The nonzero vertices of the proposition's polyline, in order along it.

    ``−x̄^{(i)} X_{≥i}`` for ``i = n−1 … 1`` then ``x̄^{(i)} X_{≤i}`` for ``i = n … 2``
    (``−x̄^{(n)} X_{≥n}`` and ``x̄^{(1)} X_{≤1}`` are zero), literally as stated.

    >>> [tuple(map(int, v)) for v in polyline_vertices([0, 1, 2])]
    [(0, 0, 1), (0, 1, 2), (2, 1, 0), (1, 0, 0)]
    """
    pts = _sorted(xs)
    n = len(pts)

    def xbar_times(i: int, keep: range, sign: int) -> Vector:
        xbar = (pts[i], Fraction(-1))
        return tuple(sign * (xbar[0] * 1 + xbar[1] * pts[j]) if j in keep else Fraction(0) for j in range(n))

    right = [xbar_times(i, range(i, n), -1) for i in range(n - 2, -1, -1)]
    left = [xbar_times(i, range(0, i + 1), 1) for i in range(n - 1, 0, -1)]
    return right + left


def primitive(v: Sequence[Fraction]) -> tuple[int, ...]:
    """The primitive integer vector on the ray of ``v`` (rays compared up to positive scaling).

    >>> primitive([Fraction(1, 2), Fraction(-3, 4)])
    (2, -3)
    """
    den = 1
    for q in v:
        den = den * Fraction(q).denominator // gcd(den, Fraction(q).denominator)
    ints = [int(Fraction(q) * den) for q in v]
    g = 0
    for k in ints:
        g = gcd(g, k)
    return tuple(k // g for k in ints) if g else tuple(ints)


def relu_values(xs: Sequence[Fraction], w: Fraction, b: Fraction) -> Vector:
    """``(σ(w x_j + b))_j``.

    >>> relu_values([Fraction(0), Fraction(1), Fraction(2)], Fraction(2), Fraction(-2))
    (Fraction(0, 1), Fraction(0, 1), Fraction(2, 1))
    """
    return tuple(max(w * x + b, Fraction(0)) for x in xs)


@dataclass(frozen=True)
class Segment:
    """A tope ``a`` of one ReLU: the extreme rays ``(w, b)`` of its closed cone (cdd) and their images."""

    row: tuple[int, ...]
    rays: tuple[tuple[Fraction, Fraction], ...]
    images: tuple[Vector, ...]


def _step_rows(n: int) -> list[tuple[int, ...]]:
    rows = {tuple(int(j >= k) for j in range(n)) for k in range(n + 1)}
    rows |= {tuple(int(j < k) for j in range(n)) for k in range(n + 1)}
    return sorted(rows)


def tope_rays(xs: Sequence[Fraction | int]) -> list[tuple[tuple[int, ...], tuple[tuple[Fraction, Fraction], ...]]]:
    """Per step row ``a`` (all ``2n``, sorted), the cdd extreme rays of ``{(w,b) : (2a_j−1)(w x_j + b) ≥ 0}``."""
    pts = _sorted(xs)
    out = []
    for a in _step_rows(len(pts)):
        rows = [[0, (2 * aj - 1) * x, 2 * aj - 1] for x, aj in zip(pts, a, strict=True)]
        gens = cdd.copy_generators(
            cdd.polyhedron_from_matrix(cdd.matrix_from_array(rows, rep_type=cdd.RepType.INEQUALITY))
        )
        if gens.lin_set:
            raise ValueError(f"the closed cone of tope {a} contains a line")
        # rows with g[0] ≠ 0 are the apex 0
        out.append((a, tuple((Fraction(g[1]), Fraction(g[2])) for g in gens.array if g[0] == 0)))
    return out


def segments(xs: Sequence[Fraction | int]) -> list[Segment]:
    """Per step-vector tope (Lemma 6), the cdd extreme rays of ``{(w,b) : (2a_j−1)(w x_j + b) ≥ 0}``
    with nonzero image ``a ⊙ (w x + b)``."""
    pts = _sorted(xs)
    out = []
    for a, cone_rays in tope_rays(pts):
        rays, images = [], []
        for w, b in cone_rays:
            img = tuple(aj * (w * x + b) for x, aj in zip(pts, a, strict=True))
            if any(img):
                rays.append((w, b))
                images.append(img)
        out.append(Segment(a, tuple(rays), tuple(images)))
    return [s for s in out if s.images]


def cdd_rays(xs: Sequence[Fraction | int]) -> set[tuple[int, ...]]:
    """All ray images of all topes, as primitive integer vectors.

    >>> sorted(cdd_rays([0, 1, 2]))  # the polyline's vertices (Proposition 13)
    [(0, 0, 1), (0, 1, 2), (1, 0, 0), (2, 1, 0)]
    """
    return {primitive(v) for s in segments(xs) for v in s.images}


def hull_generators(xs: Sequence[Fraction | int]) -> set[tuple[int, ...]]:
    """Extreme rays of the convex cone generated by all one-ReLU functions (cdd redundancy removal)."""
    gens = sorted(cdd_rays(xs))
    mat = cdd.matrix_from_array([[0, *g] for g in gens], rep_type=cdd.RepType.GENERATOR)
    cdd.matrix_canonicalize(mat)
    return {tuple(int(c) for c in row[1:]) for row in mat.array}


def _separator(verts: Sequence[Vector], k: int) -> Vector | None:
    """``c`` with ``c·v_k = 0`` and ``c·v ≥ 1`` on every other vertex (one exact LP), or ``None``."""
    n = len(verts[k])
    weak = [(list(v), Fraction(1)) for t, v in enumerate(verts) if t != k]
    ans = decide(LinearSystem.build(n, weak=weak, equal=[(list(verts[k]), Fraction(0))]))
    return tuple(ans.point) if isinstance(ans, FeasiblePoint) else None


@dataclass(frozen=True)
class ConeGenerators:
    """Proposition 13 of KMTM checked on sorted 1-D points: the images of the tope cones' rays are the polyline
    vertices, each vertex extreme in their hull (a separating vector per vertex)."""

    points: tuple[Fraction, ...]
    vertices: tuple[Vector, ...]
    tope_rays: tuple[tuple[tuple[int, ...], tuple[tuple[Fraction, Fraction], ...]], ...]
    separators: tuple[Vector, ...]


def cone_generators(xs: Sequence[Fraction | int]) -> ConeGenerators:
    """The generators of the cone of one-ReLU functions on ``xs`` (Proposition 13 of KMTM), with the evidence
    that they are the stated polyline vertices: two extreme rays per tope cone and a separator per vertex.

    Raises ``ValueError`` if cdd's answer contradicts Proposition 13 (there is then nothing to certify).
    """
    pts = _sorted(xs)
    verts = polyline_vertices(pts)
    rays_of = []
    for a, rays in tope_rays(pts):
        if len(rays) != 2:
            raise ValueError(f"the closed cone of tope {a} has {len(rays)} extreme rays, not 2")
        rays_of.append((a, rays))
    if {primitive(v) for v in verts} != cdd_rays(pts):
        raise ValueError("cdd's ray images differ from the stated polyline vertices")
    seps = []
    for k in range(len(verts)):
        c = _separator(verts, k)
        if c is None:
            raise ValueError(f"polyline vertex {k} is not extreme in the hull")
        seps.append(c)
    return ConeGenerators(tuple(pts), tuple(verts), tuple(rays_of), tuple(seps))


@dataclass(frozen=True)
class Representation:
    """``y = Σ_i c_i σ(w_i x + b_i)`` with ``len(units) ≤ m`` (``c_i = ±1``), or ``None`` units when impossible."""

    xs: tuple[Fraction, ...]
    y: Vector
    m: int | None
    signed: bool
    units: tuple[tuple[Fraction, Fraction, Fraction], ...] | None
    lps: int

    @property
    def representable(self) -> bool:
        return self.units is not None

    def check(self) -> bool:
        if self.units is None:
            return False
        total = [Fraction(0)] * len(self.xs)
        for c, w, b in self.units:
            for j, v in enumerate(relu_values(self.xs, w, b)):
                total[j] += c * v
        return tuple(total) == self.y


def _try(
    signed_segs: Sequence[tuple[int, Segment]], y: Vector
) -> tuple[tuple[Fraction, Fraction, Fraction], ...] | None:
    """``y ∈ Σ s·cone(segment)``: one exact LP in the ray multipliers ``λ ≥ 0``."""
    cols = [(s, seg, k) for s, seg in signed_segs for k in range(len(seg.images))]
    n = len(y)
    equal = [([s * seg.images[k][j] for s, seg, k in cols], y[j]) for j in range(n)]
    weak = [([Fraction(int(t == c)) for t in range(len(cols))], 0) for c in range(len(cols))]
    ans = decide(LinearSystem.build(len(cols), weak=weak, equal=equal))
    if not isinstance(ans, FeasiblePoint):
        return None
    units = []
    t = 0
    for s, seg in signed_segs:
        w = b = Fraction(0)
        for k in range(len(seg.images)):
            w += ans.point[t] * seg.rays[k][0]
            b += ans.point[t] * seg.rays[k][1]
            t += 1
        if w or b:
            units.append((Fraction(s), w, b))
    return tuple(units)


def represent(
    xs: Sequence[Fraction | int], y: Sequence[Fraction | int], m: int | None = None, signed: bool = False
) -> Representation:
    """Decide exactly whether ``y`` is a sum (``signed``: a ±-combination) of ``m`` ReLUs on ``xs``.

    ``m = None``: any number of ReLUs (one LP over all segments; with ``signed`` a linear solve,
    since the one-ReLU functions span ``Q^n``).  Exhaustive over sets of ``min(m, #choices)``
    segments, every LP exact and self-verified.

    >>> # the hat (0, 1, 0) on 0, 1, 2: no sum of ReLUs (each is convex), but σ(x) − σ(2x − 2)
    >>> represent([0, 1, 2], [0, 1, 0], 2).representable, represent([0, 1, 2], [0, 1, 0], 2, signed=True).representable
    (False, True)
    """
    pts = tuple(_sorted(xs))
    target = tuple(Fraction(v) for v in y)
    if len(target) != len(pts):
        raise ValueError("y needs one value per point")
    segs = segments(pts)
    choices = [(1, s) for s in segs] + ([(-1, s) for s in segs] if signed else [])
    if m is None:
        units = _try(choices, target)
        return Representation(pts, target, None, signed, units, 1)
    if not any(target):
        return Representation(pts, target, m, signed, (), 0)
    lps = 0
    for subset in combinations(choices, min(m, len(choices))):
        lps += 1
        units = _try(subset, target)
        if units is not None:
            return Representation(pts, target, m, signed, units, lps)
    return Representation(pts, target, m, signed, None, lps)


@dataclass(frozen=True)
class RepresentationPoint:
    """A representation ``y = Σ_i c_i σ(w_i x + b_i)`` as a point of one LP of ``relu-not-representable``.

    Each unit ``c σ(w x + b)`` lies in the closed cone ``K(a)`` of its step row ``a_j = [w x_j + b > 0]``, where
    it equals ``c a ⊙ (w x + b)``; units with one ``(c, a)`` add up inside ``K(a)`` and the zero row adds nothing.
    ``choices`` index the kernel's list (``(+1, a)`` for the sorted nonzero step rows, then ``(−1, a)`` when
    signed), increasingly; ``point`` is ``(w_s, b_s)`` per choice, in that order.
    """

    choices: tuple[int, ...]
    point: tuple[Fraction, ...]


def representation_point(xs: Sequence[Fraction], signed: bool,
                         units: Sequence[tuple[Fraction, Fraction, Fraction]]) -> RepresentationPoint:
    """The :class:`RepresentationPoint` of the units ``(c, w, b)`` on the sorted points ``xs`` (Proposition 13).

    The hat ``(0, 1, 0) = σ(x) − σ(2x − 2)`` on ``0, 1, 2``: the units' step rows are ``011`` (choice 1 of the
    five nonzero rows ``001 < 011 < 100 < 110 < 111``, sign ``+``) and ``001`` (choice ``5 + 0``, sign ``−``).

    >>> F = Fraction
    >>> representation_point([F(0), F(1), F(2)], True, [(F(1), F(1), F(0)), (F(-1), F(2), F(-2))])
    RepresentationPoint(choices=(1, 5), point=(Fraction(1, 1), Fraction(0, 1), Fraction(2, 1), Fraction(-2, 1)))
    """
    rows = sorted(r for r in _step_rows(len(xs)) if any(r))
    choices = [(1, a) for a in rows] + ([(-1, a) for a in rows] if signed else [])
    summed: dict[int, list[Fraction]] = {}
    for c, w, b in units:
        a = tuple(int(w * x + b > 0) for x in xs)
        if any(a):
            acc = summed.setdefault(choices.index((int(c), a)), [Fraction(0), Fraction(0)])
            acc[0], acc[1] = acc[0] + w, acc[1] + b
    return RepresentationPoint(tuple(sorted(summed)), tuple(t for k in sorted(summed) for t in summed[k]))


def _unit_system(xs: Sequence[Fraction], y: Vector, chosen: Sequence[tuple[int, tuple[int, ...]]]) -> LinearSystem:
    """The LP of ``relu-not-representable`` in the units themselves: ``(w_s, b_s)`` in the closed cone of
    step row ``a_s`` and ``Σ_s c_s a_s ⊙ (w_s x + b_s) = y`` (rows exactly as the kernel builds them)."""
    k = 2 * len(chosen)
    weak, equal = [], []
    for s, (_, a) in enumerate(chosen):
        for j, x in enumerate(xs):
            row = [Fraction(0)] * k
            row[2 * s], row[2 * s + 1] = (2 * a[j] - 1) * x, Fraction(2 * a[j] - 1)
            weak.append((row, Fraction(0)))
    for j, x in enumerate(xs):
        row = [Fraction(0)] * k
        for s, (c, a) in enumerate(chosen):
            row[2 * s], row[2 * s + 1] = c * a[j] * x, Fraction(c * a[j])
        equal.append((row, y[j]))
    return LinearSystem.build(k, weak=weak, equal=equal)


def non_representation_multipliers(rep: Representation) -> tuple[Infeasibility, ...]:
    """Why ``y`` is not representable: for every set of ``min(m, #choices)`` signed nonzero step rows (the
    kernel's order), Farkas multipliers of the unit LP.  Raises if some LP is feasible (then ``y`` is
    representable and ``rep`` is wrong)."""
    if rep.units is not None:
        raise ValueError("y is representable: write the relu-representation certificate instead")
    rows = sorted(r for r in _step_rows(len(rep.xs)) if any(r))
    choices = [(1, a) for a in rows] + ([(-1, a) for a in rows] if rep.signed else [])
    sets = [choices] if rep.m is None else list(combinations(choices, min(rep.m, len(choices))))
    out = []
    for chosen in sets:
        ans = decide(_unit_system(rep.xs, rep.y, chosen))
        if isinstance(ans, FeasiblePoint):
            raise ValueError(f"inconsistent: y is a sum over {chosen}")
        out.append(ans)
    return tuple(out)


def linear_span_solution(xs: Sequence[Fraction | int], y: Sequence[Fraction | int]) -> Vector | None:
    """Coefficients of ``y`` over the polyline vertices (FLINT solve), or ``None`` outside their span."""
    verts = polyline_vertices(xs)
    mat = [[v[j] for v in verts] for j in range(len(verts[0]))]
    sol = linalg.solve(mat, [Fraction(t) for t in y])
    return None if sol is None else tuple(sol)
