"""Proposition 11 of Karhadkar–Murray–Tseran–Montúfar: exact volume of the full-rank regions in the box.

For data in ``Q^2`` (1-D data with bias: ``x_j = (t_j, 1)``) and width ``d1``,
``S^A ∩ [−1,1]^{2 d1} = Π_i (C(a_i) ∩ [−1,1]^2)`` (SPEC §2), so

    μ(S^A ∩ box) = Π_i vol(a_i),   vol(a) = area(closure(C(a)) ∩ [−1,1]^2)

(the boundary has measure zero).  Each ``closure(C(a)) ∩ [−1,1]^2`` is a
convex polygon: its vertices come from cdd's V-representation, are ordered
counterclockwise exactly (half-plane test, then cross products around the
vertex mean) and the area is the shoelace sum.  The union of the full-rank
regions has measure ``Σ_{A full rank} Π_i vol(a_i)``; since the rank depends
only on the set ``S`` of distinct rows, the sum runs over sets: the tuples
with values in ``S ∪ L`` that use every row of ``S`` weigh

    Σ_{T ⊆ S} (−1)^{|S|−|T|} (vol(T) + vol(L))^{d1}        (inclusion–exclusion)

which is the weighted form of the surjection count used by
:func:`exactrelu.kmtm.jacobian.count_full_rank` (same depth-first search).

>>> from fractions import Fraction
>>> polygon_area([(0, 0), (1, 0), (1, 1), (0, 1)])
Fraction(1, 1)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cmp_to_key
from itertools import product

import cdd.gmp as cdd

from ..core.instance import Instance
from ..core.model import RELU, Model, require
from .jacobian import FullRankCount, count_full_rank, set_is_full_rank, unit_rows

__all__ = [
    "MODEL",
    "Polygon",
    "box_constraints",
    "cone_polygon",
    "ccw_order",
    "polygon_area",
    "fan_area",
    "unit_volumes",
    "weighted_full_rank",
    "weighted_full_rank_bruteforce",
    "VolumeReport",
    "fullrank_volume",
]

Point2 = tuple[Fraction, Fraction]
Row = tuple[int, ...]

MODEL = Model(activations=RELU, deep=False, note="1-D data with bias (d = 2)")
"""What the volume of the full-rank regions models (Proposition 11)."""


def box_constraints(points: Sequence[Sequence[Fraction]], a: Row) -> list[tuple[Fraction, Fraction, Fraction]]:
    """Rows ``(c, u0, u1)`` meaning ``c + u·w ≥ 0``: the four box sides, then ``(2a_j−1)<w, x_j> ≥ 0``.

    This is the constraint order the ``polygon-area`` claim indexes.
    """
    one, zero = Fraction(1), Fraction(0)
    rows = [(one, -one, zero), (one, one, zero), (one, zero, -one), (one, zero, one)]
    for x, aj in zip(points, a, strict=True):
        s = 2 * aj - 1
        rows.append((zero, s * Fraction(x[0]), s * Fraction(x[1])))
    return rows


def _cross(o: Point2, p: Point2, q: Point2) -> Fraction:
    return (p[0] - o[0]) * (q[1] - o[1]) - (p[1] - o[1]) * (q[0] - o[0])


def ccw_order(vertices: Sequence[Point2]) -> list[Point2]:
    """Vertices of a convex polygon in counterclockwise order, exactly (no angles).

    Sorted around the vertex mean ``c`` (an interior point): first by the half-plane
    of ``v − c`` (upper: ``y > 0`` or ``y = 0, x > 0``), then by the sign of the cross product.

    >>> F = Fraction
    >>> ccw_order([(F(1), F(1)), (F(0), F(0)), (F(0), F(1)), (F(1), F(0))]) == [(1, 1), (0, 1), (0, 0), (1, 0)]
    True
    """
    m = len(vertices)
    c = (sum((v[0] for v in vertices), Fraction(0)) / m, sum((v[1] for v in vertices), Fraction(0)) / m)

    def upper(v: Point2) -> bool:
        dy, dx = v[1] - c[1], v[0] - c[0]
        return dy > 0 or (dy == 0 and dx > 0)

    def cmp(p: Point2, q: Point2) -> int:
        up, uq = upper(p), upper(q)
        if up != uq:
            return -1 if up else 1
        cr = _cross(c, p, q)
        return -1 if cr > 0 else (1 if cr < 0 else 0)

    return sorted(vertices, key=cmp_to_key(cmp))


def polygon_area(ccw: Sequence[Sequence[Fraction | int]]) -> Fraction:
    """Shoelace: ``½ Σ_k (x_k y_{k+1} − x_{k+1} y_k)`` over counterclockwise vertices."""
    m = len(ccw)
    twice = sum(
        (Fraction(ccw[k][0]) * ccw[(k + 1) % m][1] - Fraction(ccw[(k + 1) % m][0]) * ccw[k][1] for k in range(m)),
        Fraction(0),
    )
    return twice / 2


@dataclass(frozen=True)
class Polygon:
    """``closure(C(a)) ∩ [−1,1]^2``: counterclockwise vertices, per edge a constraint tight at both ends."""

    row: Row
    vertices: tuple[Point2, ...]
    edges: tuple[int, ...]

    @property
    def area(self) -> Fraction:
        return polygon_area(self.vertices)


def cone_polygon(points: Sequence[Sequence[Fraction]], a: Row) -> Polygon:
    """The polygon of row ``a`` via cdd's V-representation (vertices and their incidences).

    >>> cone_polygon([(Fraction(0), Fraction(1)), (Fraction(1), Fraction(1))], (1, 1)).area  # b > 0, w + b > 0
    Fraction(3, 2)
    """
    if any(len(x) != 2 for x in points):
        raise ValueError("volumes are implemented for d = 2 (1-D data with bias)")
    rows = box_constraints(points, a)
    poly = cdd.polyhedron_from_matrix(cdd.matrix_from_array([list(r) for r in rows], rep_type=cdd.RepType.INEQUALITY))
    gens = cdd.copy_generators(poly)
    incidence = cdd.copy_incidence(poly)
    verts = [(Fraction(g[1]), Fraction(g[2])) for g in gens.array if g[0] == 1]
    if len(verts) < 3:
        raise ValueError(f"row {''.join(map(str, a))}: the polygon is degenerate (not a tope?)")
    tight = {v: set(incidence[k]) for k, v in enumerate((Fraction(g[1]), Fraction(g[2])) for g in gens.array)}
    order = ccw_order(verts)
    edges = []
    for k, v in enumerate(order):
        common = tight[v] & tight[order[(k + 1) % len(order)]]
        edges.append(min(common))
    return Polygon(tuple(a), tuple(order), tuple(edges))


def _perimeter(q: Point2) -> Fraction:
    """Position of a point of the square's boundary along it, counterclockwise from ``(1, 0)``: monotone in angle."""
    x, y = q
    if x == 1 and y >= 0:
        return y
    if y == 1:
        return 2 - x
    if x == -1:
        return 4 - y
    if y == -1:
        return 6 + x
    return 8 + y


def fan_area(points: Sequence[Sequence[Fraction]], a: Row) -> Fraction:
    """Independent route (no cdd, no sorting around a centroid): a fan of triangles from the origin.

    The closed cone is pointed; its extreme rays are among ``±x_j^⊥``.  Walk the
    square's boundary counterclockwise from the first ray's exit to the second's,
    through the corners inside the cone; sum the triangle areas ``½ det(q_k, q_{k+1})``.
    """
    signs = [2 * aj - 1 for aj in a]

    def inside(w: Sequence[Fraction]) -> bool:
        return all(s * (w[0] * x[0] + w[1] * x[1]) >= 0 for s, x in zip(signs, points, strict=True))

    rays = []
    for x in points:
        for r in ((-Fraction(x[1]), Fraction(x[0])), (Fraction(x[1]), -Fraction(x[0]))):
            if inside(r):
                m = max(abs(r[0]), abs(r[1]))
                e = (r[0] / m, r[1] / m)
                if e not in rays:
                    rays.append(e)
    if len(rays) != 2:
        raise ValueError("fan_area needs a pointed two-dimensional cone")
    r1, r2 = rays
    if r1[0] * r2[1] - r1[1] * r2[0] < 0:
        r1, r2 = r2, r1
    t0 = _perimeter(r1)
    corners = [(Fraction(cx), Fraction(cy)) for cx, cy in ((1, 1), (-1, 1), (-1, -1), (1, -1))]
    pts = [r1, r2] + [c for c in corners if inside(c) and c not in (r1, r2)]
    pts.sort(key=lambda q: (_perimeter(q) - t0) % 8)
    return sum((pts[k][0] * pts[k + 1][1] - pts[k][1] * pts[k + 1][0] for k in range(len(pts) - 1)), Fraction(0)) / 2


def unit_volumes(instance: Instance) -> dict[Row, Polygon]:
    """The polygon (and so the area) of every unit tope.

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> inst = instance_from_mapping({"data": {"points": [[0], [1]], "targets": [0, 0], "bias": True},
    ...                               "network": {"hidden": [1], "output": [1]}})
    >>> {"".join(map(str, a)): p.area for a, p in sorted(unit_volumes(inst).items())}  # 01: ∫_{−1}^0 (1 + b) db
    {'00': Fraction(3, 2), '01': Fraction(1, 2), '10': Fraction(1, 2), '11': Fraction(3, 2)}
    """
    return {a: cone_polygon(instance.points, a) for a in unit_rows(instance)}


def _cover_weight(ws: Sequence[Fraction], rest: Fraction, d1: int) -> Fraction:
    """Σ over ``d1``-tuples in ``S ∪ L`` using every row of ``S`` of the product of weights (inclusion–exclusion)."""
    s = len(ws)
    total = Fraction(0)
    for mask in range(1 << s):
        t = sum((ws[i] for i in range(s) if mask >> i & 1), Fraction(0))
        total += (-1) ** (s - bin(mask).count("1")) * (t + rest) ** d1
    return total


def weighted_full_rank(result: FullRankCount, weight: Sequence[Fraction]) -> Fraction:
    """``Σ_{full-rank tuples} Π_i weight(a_i)`` from the depth-first search's closed (full-rank) sets."""
    suffix = [Fraction(0)] * (len(weight) + 1)
    for k in range(len(weight) - 1, -1, -1):
        suffix[k] = suffix[k + 1] + weight[k]
    total = Fraction(0)
    for chosen, full in result.nodes:
        if full:
            total += _cover_weight([weight[i] for i in chosen], suffix[chosen[-1] + 1], result.d1)
    return total


def weighted_full_rank_bruteforce(
    points: Sequence[Sequence[Fraction]], rows: Sequence[Row], weight: Sequence[Fraction], d1: int
) -> Fraction:
    """The naive route: every tuple, one rank each (tests only)."""
    total = Fraction(0)
    for t in product(range(len(rows)), repeat=d1):
        if set_is_full_rank(points, {rows[i] for i in t}):
            p = Fraction(1)
            for i in t:
                p *= weight[i]
            total += p
    return total


@dataclass(frozen=True)
class VolumeReport:
    """Proposition 11 of Karhadkar et al.: the exact ``volume`` of the full-rank regions inside the box
    ``[−1, 1]^{2·d1}`` (of volume ``4^{d1}``), from the per-unit polygons and the full-rank count."""

    rows: tuple[Row, ...]
    polygons: tuple[Polygon, ...]
    d1: int
    count: FullRankCount
    volume: Fraction

    @property
    def box(self) -> int:
        return 4**self.d1

    @property
    def fraction(self) -> Fraction:
        return self.volume / self.box


def fullrank_volume(instance: Instance) -> VolumeReport:
    """``μ(∪{S^A ∩ [−1,1]^{2 d1} : rank ∇F = n on S^A})`` exactly.

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> r = fullrank_volume(instance_from_mapping({"data": {"points": [[0], [1]], "targets": [0, 0], "bias": True},
    ...                                           "network": {"hidden": [1], "output": [1]}}))
    >>> r.volume, r.box, r.fraction  # one unit has rank 2 only on row 11 (area 3/2 of 4)
    (Fraction(3, 2), 4, Fraction(3, 8))
    """
    require(instance, MODEL, "the full-rank volume")
    if instance.d != 2:
        raise ValueError("Proposition 11 volumes need d = 2 (1-D data with bias)")
    polys = unit_volumes(instance)
    rows = tuple(polys)
    count = count_full_rank(instance.points, rows, instance.d1)
    vol = weighted_full_rank(count, [polys[a].area for a in rows])
    return VolumeReport(rows, tuple(polys[a] for a in rows), instance.d1, count, vol)
