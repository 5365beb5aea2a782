"""Topes and covectors of a vector configuration, enumerated by cocircuits (SPEC §2).

For points ``x_1 … x_n ∈ Q^d`` the *topes* are the sign vectors
``(sign <w, x_j>)_j`` of the open regions of the central arrangement
``{<w, x_j> = 0}``; the *covectors* are the sign vectors of all its faces.
An activation row ``a ∈ {0,1}^n`` has a non-empty open cone ``C(a)`` exactly
when ``2a − 1`` is a tope (SPEC §2).

Algorithm (output-sensitive, no LP).  Reduce the configuration to its span
(keep a maximal independent set of coordinates: topes are the sign vectors of
the column space, which the pivot columns already span).  Now every region is
a pointed cone, so it has an extreme ray, and every extreme ray is spanned by a
*cocircuit* ``c``: a vector orthogonal to ``r − 1`` independent points.  Near
``c`` the arrangement looks like the arrangement of the points ``Z`` on the
hyperplane of ``c``, a configuration of rank ``r − 1``.  Hence::

    topes(C) = { sign(±c) with Z replaced by τ : c cocircuit, τ ∈ topes(C_Z) }

and ``w = N·(±c) + u`` is an exact integer witness for the tope, where ``u``
witnesses ``τ`` and the integer ``N`` exceeds ``|<u, x_j>| / |<c, x_j>|`` off
``Z``.  Independent configurations (every sign vector is a tope) end the
recursion with one matrix inverse.  The work is proportional to
(number of cocircuits × 2^{r−1}) in general position — output-sensitive, never
``2^n``.

>>> sorted(t.signs for t in topes([[1, 0], [0, 1], [1, 1]]))
[(-1, -1, -1), (-1, 1, -1), (-1, 1, 1), (1, -1, -1), (1, -1, 1), (1, 1, 1)]

References: Björner, Las Vergnas, Sturmfels, White, Ziegler, *Oriented
Matroids* (1999), §4.1 (topes), Prop. 3.8.2 (regions are determined by their
cocircuits); Karhadkar et al., Prop. 3 and Lemma 6 (region counts).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations
from math import gcd

import networkx as nx
from flint import fmpq_mat, fmpz_mat

from ..core.progress import NO_PROGRESS, Ticker
from ..core.rationals import integer_scaling

__all__ = ["Tope", "Configuration", "Structure", "structure", "topes", "count_topes", "tope_graph", "covectors",
           "flats", "parallel_classes", "sign_vector"]

Signs = tuple[int, ...]
IntVector = tuple[int, ...]


@dataclass(frozen=True)
class Tope:
    """A tope: its sign vector and a witness ``w`` with ``sign <w, x_j> = signs[j]``."""

    signs: Signs
    witness: tuple[Fraction, ...]


@dataclass(frozen=True)
class Configuration:
    """Points scaled to primitive integer vectors (same rays, same signs) with their structure."""

    points: tuple[IntVector, ...]
    zero_points: tuple[int, ...]
    classes: tuple[tuple[int, ...], ...]  # nonzero points on one line; representative first

    @staticmethod
    def of(points: Sequence[Sequence[Fraction | int]]) -> Configuration:
        ints = tuple(integer_scaling(p) for p in points)
        zero = tuple(j for j, p in enumerate(ints) if not any(p))
        return Configuration(ints, zero, parallel_classes(ints))


def sign_vector(w: Sequence[Fraction | int], points: Iterable[Sequence[Fraction | int]]) -> Signs:
    """``(sign <w, x_j>)_j``.

    >>> sign_vector([1, -1], [[1, 0], [0, 1], [1, 1]])
    (1, -1, 0)
    """
    out = []
    for x in points:
        s = sum(a * b for a, b in zip(w, x, strict=True))
        out.append((s > 0) - (s < 0))
    return tuple(out)


def parallel_classes(points: Sequence[Sequence[int]]) -> tuple[tuple[int, ...], ...]:
    """Nonzero points grouped by the line they span (first index of each line first).

    >>> parallel_classes([[1, 0], [0, 1], [2, 0], [-3, 0]])
    ((0, 2, 3), (1,))
    """
    lines: dict[IntVector, list[int]] = {}
    for j, p in enumerate(points):
        prim = integer_scaling(p)
        if not any(prim):
            continue
        lead = next(x for x in prim if x)
        key = prim if lead > 0 else tuple(-x for x in prim)
        lines.setdefault(key, []).append(j)
    return tuple(tuple(v) for v in lines.values())


def topes(points: Sequence[Sequence[Fraction | int]]) -> tuple[Tope, ...]:
    """All topes of the configuration, each with an exact witness (sorted by sign vector).

    Zero points get sign 0 in every tope.  A configuration of zero points only
    has one tope, the all-zero sign vector.

    >>> [t.signs for t in topes([[1, 0], [0, 1]])]  # the four quadrants
    [(-1, -1), (-1, 1), (1, -1), (1, 1)]
    """
    conf = Configuration.of(points)
    n = len(conf.points)
    d = len(conf.points[0]) if n else 0
    nonzero = [j for j in range(n) if j not in conf.zero_points]
    found = _reduced_topes([conf.points[j] for j in nonzero], d)
    result = []
    for mask, (cols, v) in found.items():
        w = [0] * d
        for c, x in zip(cols, v, strict=True):
            w[c] = x
        signs = [0] * n
        for bit, j in enumerate(nonzero):
            signs[j] = 1 if mask >> bit & 1 else -1
        result.append(Tope(tuple(signs), tuple(Fraction(x) for x in w)))
    result.sort(key=lambda t: t.signs)
    return tuple(result)


def count_topes(points: Sequence[Sequence[Fraction | int]]) -> int:
    """The number of topes, without building sign vectors or witnesses' fractions.

    >>> count_topes([[1, 0], [0, 1], [1, 1]])  # three lines through 0 cut the plane into 6 sectors
    6
    """
    conf = Configuration.of(points)
    rows = [p for j, p in enumerate(conf.points) if j not in conf.zero_points]
    return len(_reduced_topes(rows, len(conf.points[0]), witnesses=False))


@dataclass(frozen=True)
class Structure:
    """The cocircuit enumeration with its by-products, for rows on distinct lines (a completeness certificate
    needs them: :func:`exactrelu.arrangements.completeness.topes_proof`).  Topes are positive bitmasks over the rows."""

    rows: tuple[IntVector, ...]  # the rows on the pivot columns (they span Q^rank there)
    pivots: tuple[int, ...]
    rank: int
    topes: dict[int, IntVector]  # tope → integer witness on the pivot columns
    cocircuits: list[tuple[IntVector, list[int], list[int]]]  # (c_k, <c_k, row_j>_j, zero set of c_k)
    rays: dict[int, list[int]]  # tope → its extreme rays: 2k for c_k, 2k + 1 for −c_k


def structure(rows: Sequence[Sequence[int]]) -> Structure:
    """Topes, witnesses, cocircuits and each tope's extreme rays of nonzero integer rows on distinct lines.

    Every extreme ray of a tope's closed cone is a cocircuit conforming to it, and the enumeration visits each
    (cocircuit, tope) incidence once, so ``rays`` is complete.

    >>> s = structure([(1, 0), (0, 1), (1, 1)])
    >>> [s.cocircuits[k // 2][0] for k in sorted(s.rays[0b111])]   # the tope +++ lies between (0, 1) and (1, 0)
    [(0, 1), (1, 0)]
    """
    if not rows:
        return Structure((), (), 0, {0: ()}, [], {})
    red, _, rk = fmpz_mat([list(r) for r in rows]).rref()
    pivots = _pivots(red, rk)
    reduced = [tuple(int(r[c]) for c in pivots) for r in rows]
    rays: dict[int, list[int]] = {}
    table: list[tuple[IntVector, list[int], list[int]]] = []
    found = _full_rank_topes(reduced, rk, True, rays, table)
    return Structure(tuple(reduced), pivots, rk, found, table, rays)  # type: ignore[arg-type]


# Internally a tope of m nonzero points is the bitmask of its positive entries
# (a tope has no zero entry there), which makes the union over cocircuits a set
# of integers instead of a set of m-tuples.
Found = dict[int, tuple[tuple[int, ...], IntVector]]


def _reduced_topes(rows: list[IntVector], d: int, witnesses: bool = True) -> Found:
    """Topes of nonzero integer ``rows`` in ``Z^d`` → (pivot columns, integer witness on them)."""
    if not rows:
        return {0: ((), ())}
    red, _, rk = fmpz_mat([list(r) for r in rows]).rref()
    pivots = _pivots(red, rk)
    reduced = [tuple(r[c] for c in pivots) for r in rows]
    return {s: (pivots, w) for s, w in _full_rank_topes(reduced, rk, witnesses).items()}  # type: ignore[misc]


def _pivots(red: fmpz_mat, rk: int) -> tuple[int, ...]:
    """Pivot columns of a matrix in reduced row echelon form."""
    return tuple(next(j for j in range(red.ncols()) if red[i, j] != 0) for i in range(rk))


def _full_rank_topes(rows: list[IntVector], r: int, witnesses: bool = True,
                     rays: dict[int, list[int]] | None = None,
                     table: list[tuple[IntVector, list[int], list[int]]] | None = None) -> dict[int, IntVector | None]:
    """Topes (positive bitmasks) of nonzero integer rows spanning ``Q^r``, with integer witnesses.

    With ``witnesses=False`` only the set of topes is computed (values are ``None``).  With ``rays`` and
    ``table`` (see :func:`structure`) it also records every cocircuit ``(c, <c, row_j>_j, zero set)`` and, for
    every tope, its extreme rays ``2k`` (``c_k``) or ``2k + 1`` (``−c_k``).
    """
    m = len(rows)
    full = (1 << m) - 1
    if r == 1:
        pos = sum(1 << j for j, row in enumerate(rows) if row[0] > 0)
        return {pos: (1,), full ^ pos: (-1,)}
    if m == r:
        if not witnesses:
            return dict.fromkeys(range(1 << m))
        dual = _dual_basis(rows, list(range(m)), r)
        return {sub: _combine(dual, sub, m, r) for sub in range(1 << m)}
    normals: dict[IntVector, None] = {}
    for subset in combinations(range(m), r - 1):
        basis, nullity = fmpz_mat([list(rows[i]) for i in subset]).nullspace()
        if nullity == 1:
            c = [int(basis[k, 0]) for k in range(r)]
            g = gcd(*c) * (1 if next(x for x in c if x) > 0 else -1)
            normals[tuple(x // g for x in c)] = None
    cocircuits = list(normals)  # distinct hyperplanes spanned by the points (one normal each)
    sup = [max(abs(x) for x in row) for row in rows]
    flat = (fmpz_mat([list(c) for c in cocircuits]) * fmpz_mat([list(x) for x in rows]).transpose()).entries()
    found: dict[int, IntVector | None] = {}
    for h, c in enumerate(cocircuits):
        vals = [int(v) for v in flat[h * m:(h + 1) * m]]
        zset = [j for j in range(m) if vals[j] == 0]
        pos = sum(1 << j for j in range(m) if vals[j] > 0)
        neg = full ^ pos ^ sum(1 << j for j in zset)
        general = len(zset) == r - 1  # independent points on the hyperplane: every local sign pattern occurs
        local = None if general else _reduced_topes([rows[j] for j in zset], r)
        subs = range(1 << len(zset)) if local is None else list(local)
        on_z = _spread_bits(zset)
        if rays is not None and table is not None:
            table.append((c, vals, zset))
            for sub in subs:
                rays.setdefault(pos | on_z[sub], []).append(2 * h)
                rays.setdefault(neg | on_z[sub], []).append(2 * h + 1)
        if not witnesses:
            found.update(dict.fromkeys(pos | on_z[sub] for sub in subs))
            found.update(dict.fromkeys(neg | on_z[sub] for sub in subs))
            continue
        new = [(sub, eps, key) for sub in subs for eps, key in ((1, pos | on_z[sub]), (-1, neg | on_z[sub]))
               if key not in found]
        if not new:
            continue
        off = [j for j in range(m) if vals[j] != 0]
        if local is None:
            dual = _dual_basis(rows, zset, r, c)
            # |<Σ±D_k, x_j>| ≤ Σ_k ||D_k||_1 · ||x_j||_∞: one bound for all local topes.
            spread = sum(sum(abs(x) for x in dk) for dk in dual)
            big = max(spread * sup[j] // abs(vals[j]) for j in off) + 1
        for sub, eps, key in new:
            if local is None:
                u = _combine(dual, sub, len(zset), r)
                scale = big
            else:
                u = _lift(*local[sub], r)
                scale = max(abs(sum(a * b for a, b in zip(u, rows[j], strict=True))) // abs(vals[j])
                            for j in off) + 1
            found[key] = tuple(scale * eps * ci + ui for ci, ui in zip(c, u, strict=True))
    return found


def _spread_bits(positions: list[int]) -> list[int]:
    """``out[sub]`` = the mask with bit ``positions[k]`` set for every bit ``k`` of ``sub``."""
    out = [0]
    for j in positions:
        out += [x | 1 << j for x in out]
    return out


def _dual_basis(rows: list[IntVector], idx: list[int], r: int, normal: IntVector | None = None) -> list[IntVector]:
    """Integer vectors ``D_k`` with ``<D_k, x_j>`` = δ_kj · D (D > 0) for the independent rows ``idx``.

    With ``r − 1`` rows the square matrix is completed by their common normal.
    """
    square = [list(rows[j]) for j in idx] + ([list(normal)] if normal is not None else [])
    inv = fmpq_mat(fmpz_mat(square)).inv()
    num, den = inv.numer_denom()
    cols = [[int(num[i, k]) for i in range(r)] for k in range(len(idx))]
    return [tuple(col) for col in cols] if den > 0 else [tuple(-x for x in col) for col in cols]


def _combine(dual: list[IntVector], sub: int, k: int, r: int) -> IntVector:
    """``Σ_k ±D_k``, + where bit k of ``sub`` is set: positive exactly on those rows."""
    out = [0] * r
    for t in range(k):
        dk = dual[t]
        if sub >> t & 1:
            for i in range(r):
                out[i] += dk[i]
        else:
            for i in range(r):
                out[i] -= dk[i]
    return tuple(out)


def _lift(cols: tuple[int, ...], v: IntVector, r: int) -> IntVector:
    u = [0] * r
    for col, x in zip(cols, v, strict=True):
        u[col] = x
    return tuple(u)


def tope_graph(points: Sequence[Sequence[Fraction | int]]) -> nx.Graph:
    """The tope graph: topes adjacent when they differ across exactly one wall.

    Nodes are sign vectors (tuples); points on one line form one wall.  The
    graph of a central arrangement is connected (Björner et al., Prop. 4.2.3).

    >>> g = tope_graph([[1, 0], [0, 1], [1, 1]])  # 6 sectors around the origin: a 6-cycle
    >>> g.number_of_nodes(), g.number_of_edges()
    (6, 6)
    """
    conf = Configuration.of(points)
    ts = topes(points)
    g = nx.Graph()
    present = {t.signs for t in ts}
    for t in ts:
        g.add_node(t.signs, witness=t.witness)
    for t in ts:
        for wall, cls in enumerate(conf.classes):
            nb = list(t.signs)
            for j in cls:
                nb[j] = -nb[j]
            nbt = tuple(nb)
            if nbt in present:
                g.add_edge(t.signs, nbt, wall=wall)
    return g


def flats(points: Sequence[Sequence[Fraction | int]]) -> tuple[frozenset[int], ...]:
    """All flats of the configuration's matroid (zero sets of the faces), by closure.

    >>> sorted(sorted(f) for f in flats([[1, 0], [0, 1], [1, 1]]))  # any two points span the plane
    [[], [0], [0, 1, 2], [1], [2]]
    """
    conf = Configuration.of(points)
    n = len(conf.points)

    def closure(s: frozenset[int]) -> frozenset[int]:
        if not s:
            return frozenset(conf.zero_points)
        base = fmpz_mat([list(conf.points[j]) for j in s])
        rk = base.rank()
        return frozenset(j for j in range(n)
                         if j in s or fmpz_mat([list(conf.points[i]) for i in (*s, j)]).rank() == rk)

    start = closure(frozenset())
    seen = {start}
    frontier = [start]
    while frontier:
        nxt = []
        for f in frontier:
            for j in range(n):
                if j not in f:
                    g = closure(f | {j})
                    if g not in seen:
                        seen.add(g)
                        nxt.append(g)
        frontier = nxt
    return tuple(sorted(seen, key=lambda f: (len(f), sorted(f))))


def covectors(points: Sequence[Sequence[Fraction | int]], progress: Ticker = NO_PROGRESS) -> tuple[Tope, ...]:
    """All covectors (faces of the arrangement) with witnesses, the zero vector included.

    A covector with zero set ``F`` (a flat) is a tope of the configuration
    restricted to the subspace ``{w : <w, x_j> = 0, j ∈ F}`` (Björner et al., §4.1).
    ``progress`` (:mod:`exactrelu.core.progress`) is ticked once per flat.

    >>> len(covectors([[1, 0], [0, 1]]))  # 4 quadrants, 4 half-axes, the origin
    9
    """
    from ..core.linalg import nullspace

    conf = Configuration.of(points)
    n = len(conf.points)
    d = len(conf.points[0])
    out: list[Tope] = []
    all_flats = flats(points)
    tick = progress.stage("topes of the restriction to each flat", len(all_flats))
    for flat in all_flats:
        tick()
        rows = [conf.points[j] for j in flat]
        basis = nullspace(rows, ncols=d) if rows else tuple(
            tuple(Fraction(int(i == k)) for k in range(d)) for i in range(d))
        rest = [j for j in range(n) if j not in flat]
        if not basis:
            if not rest:
                out.append(Tope((0,) * n, (Fraction(0),) * d))
            continue
        projected = [[sum(b[k] * conf.points[j][k] for k in range(d)) for b in basis] for j in rest]
        for t in topes(projected) if rest else (Tope((), tuple(Fraction(0) for _ in basis)),):
            w = tuple(sum((t.witness[i] * basis[i][k] for i in range(len(basis))), Fraction(0)) for k in range(d))
            signs = [0] * n
            for j, s in zip(rest, t.signs, strict=True):
                signs[j] = s
            out.append(Tope(tuple(signs), w))
    out.sort(key=lambda t: t.signs)
    return tuple(out)
