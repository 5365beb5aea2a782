"""Kernel claims for the Jacobian results of Karhadkar–Murray–Tseran–Montúfar (SPEC §3).

Every checker rebuilds ``∇_W F = [(v ⊙ a^(j)) ⊗ x_j]_j`` from the instance and
the claimed pattern; nothing in the evidence is trusted but replayed.

* ``jacobian-rank``: ``{pattern, rank}``, evidence as SPEC §6 rank evidence.
* ``fullrank-count``: ``{rows, count, total}``: among the ``|T|^{d1}`` tuples of
  rows from ``T`` (``"all"`` = ``{0,1}^n``, or the unit topes listed, proved
  complete by an earlier ``topes-complete`` step), ``count`` have rank ``n``.
  The kernel itself walks the depth-first search over sets of distinct rows
  (the rank depends only on that set); evidence gives, for every visited set
  in order, a full-rank minor or a kernel vector.
* ``global-minimum-region``: ``{pattern, nonempty, rank}``: the global
  minimisers in the region ``{W ∈ S^A : F(W, X) = y}`` are (non-)empty, via
  the mixed system's point or Motzkin multipliers; with ``rank`` the Jacobian
  rank (so the set has codimension ``rank``).
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from itertools import combinations
from math import comb
from typing import Any

from .base import (
    Context,
    array,
    augmented_points,
    check_rank,
    check_system,
    dot,
    fail,
    field,
    identity,
    indices,
    integer,
    matmul,
    need,
    rational,
    sign,
    vector,
)

Matrix = list[list[Fraction]]



def _claimed_count(claim: Mapping[str, Any], count: int, total: int, count_check: str, total_check: str) -> None:
    """The claim's ``count`` and ``total`` (decimal strings) equal the values the kernel recomputed."""
    need(field(claim, "count", "claim") == str(count), count_check, "claim.count", str(count), claim.get("count"))
    need(field(claim, "total", "claim") == str(total), total_check, "claim.total", str(total), claim.get("total"))

def _network(ctx: Context) -> tuple[Matrix, list[Fraction], int]:
    pts = augmented_points(ctx.instance)
    net = field(ctx.instance, "network", "instance")
    hidden = array(field(net, "hidden", "instance.network"), "instance.network.hidden")
    need(len(hidden) == 1, "Jacobian claims are about one hidden layer", "instance.network.hidden", 1, len(hidden))
    d1 = integer(hidden[0], "instance.network.hidden[0]", 1)
    out = field(net, "output", "instance.network")
    if out == "trainable":
        v = [Fraction(1)] * d1
    else:
        v = vector(out, "instance.network.output", d1)
        need(all(v), "output weights must be nonzero", "instance.network.output")
    return pts, v, d1


def _rows(value: Any, path: str, n: int, count: int | None = None) -> list[list[int]]:
    out = []
    for i, r in enumerate(array(value, path, count)):
        if not isinstance(r, str) or len(r) != n or set(r) - {"0", "1"}:
            raise fail("a pattern row is a 0/1 string with one entry per point", f"{path}[{i}]", n, r)
        out.append([int(c) for c in r])
    return out


def _block(pts: Matrix, a: list[int]) -> Matrix:
    d = len(pts[0])
    return [[x[k] if aj else Fraction(0) for x, aj in zip(pts, a, strict=True)] for k in range(d)]


def jacobian(pts: Matrix, v: list[Fraction], pattern: list[list[int]]) -> Matrix:
    """Row ``i·d + k`` is ``(v_i A_ij x_j[k])_j``."""
    return [[vi * c for c in row] for vi, a in zip(v, pattern, strict=True) for row in _block(pts, a)]


def jacobian_rank(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    pts, v, d1 = _network(ctx)
    pattern = _rows(field(claim, "pattern", "claim"), "claim.pattern", len(pts), d1)
    r = integer(field(claim, "rank", "claim"), "claim.rank", 0, len(pts))
    check_rank(jacobian(pts, v, pattern), len(pts), r, ev, "evidence")


def surjections(m: int, s: int) -> int:
    return sum((-1) ** k * comb(s, k) * (s - k) ** m for k in range(s + 1))


def _all_rows(n: int) -> list[list[int]]:
    return [[(t >> (n - 1 - j)) & 1 for j in range(n)] for t in range(2**n)]


def _topes(claim: Mapping[str, Any], ev: Any, ctx: Context, pts: Matrix) -> list[list[int]]:
    """The claimed rows are all the unit topes: each witnessed, as many as a proved complete list."""
    n, d = len(pts), len(pts[0])
    rows = _rows(field(claim, "rows", "claim"), "claim.rows", n)
    topes = ctx.step(field(ev, "topes", "evidence"), "topes-complete", "evidence.topes")
    if topes.get("zero_points"):
        need(not rows, "with a zero point no open cone is non-empty", "claim.rows", 0, len(rows))
        return rows
    need(len(rows) == topes.get("count"), "rows must be all the topes", "claim.rows", topes.get("count"), len(rows))
    need(len({tuple(r) for r in rows}) == len(rows), "a row is listed twice", "claim.rows")
    ws = array(field(ev, "witnesses", "evidence"), "evidence.witnesses", len(rows))
    for i, a in enumerate(rows):
        w = vector(ws[i], f"evidence.witnesses[{i}]", d)
        for j, x in enumerate(pts):
            need(
                sign(dot(w, x)) == 2 * a[j] - 1,
                "witness does not realise the row",
                f"evidence.witnesses[{i}]",
                2 * a[j] - 1,
                f"point {j}",
            )
    return rows


def _walk(pts: Matrix, rows: list[list[int]], nodes: list[Any], d1: int) -> list[tuple[tuple[int, ...], bool]]:
    """Replay the depth-first search over sets ``{i1 < … < is}``, ``s ≤ d1``, in lexicographic pre-order.

    A full-rank set closes its branch (supersets are full rank), a deficient one is
    refined.  Returns every visited set with its verified rank status.
    """
    n = len(pts)
    blocks = [_block(pts, a) for a in rows]
    out: list[tuple[tuple[int, ...], bool]] = []
    pos = 0
    stack: list[tuple[int, ...]] = [()]
    while stack:
        chosen = stack.pop()
        if chosen:
            path = f"evidence.nodes[{pos}]"
            need(
                pos < len(nodes),
                "the search visits more sets than the evidence lists",
                "evidence.nodes",
                pos + 1,
                len(nodes),
            )
            node = nodes[pos]
            pos += 1
            need(
                indices(field(node, "set", path), f"{path}.set", max(len(rows), 1)) == list(chosen),
                "evidence lists the sets out of search order",
                f"{path}.set",
                list(chosen),
                node.get("set"),
            )
            stacked = [r for i in chosen for r in blocks[i]]
            if "inverse" in node:
                sel = indices(field(node, "rows", path), f"{path}.rows", len(stacked))
                need(len(sel) == n, "a full-rank minor has n rows", f"{path}.rows", n, len(sel))
                b = [
                    vector(r, f"{path}.inverse[{i}]", n)
                    for i, r in enumerate(array(node["inverse"], f"{path}.inverse", n))
                ]
                need(
                    matmul(b, [stacked[i] for i in sel]) == identity(n),
                    "B·J[I,:] is not the identity",
                    f"{path}.inverse",
                )
                out.append((chosen, True))
                continue
            u = vector(field(node, "kernel", path), f"{path}.kernel", n)
            need(any(u), "a kernel vector must be nonzero", f"{path}.kernel")
            need(all(dot(r, u) == 0 for r in stacked), "J·u ≠ 0", f"{path}.kernel")
            out.append((chosen, False))
        if len(chosen) < d1:
            start = chosen[-1] + 1 if chosen else 0
            stack.extend((*chosen, t) for t in range(len(rows) - 1, start - 1, -1))
    need(pos == len(nodes), "evidence lists sets the search never visits", "evidence.nodes", pos, len(nodes))
    return out


def fullrank_count(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    pts, _, d1 = _network(ctx)
    rows = _all_rows(len(pts)) if field(claim, "rows", "claim") == "all" else _topes(claim, ev, ctx, pts)
    nodes = array(field(ev, "nodes", "evidence"), "evidence.nodes")
    count = 0
    for chosen, full in _walk(pts, rows, nodes, d1):
        if full:
            later = len(rows) - 1 - chosen[-1]
            count += sum(
                comb(later, u) * surjections(d1, len(chosen) + u) for u in range(min(later, d1 - len(chosen)) + 1)
            )
    _claimed_count(claim, count, len(rows) ** d1, "full-rank count differs", "total is |rows|^d1")


# ------------------------------------------------------------------ Proposition 11: volumes
def _polygon_constraints(pts: Matrix, a: list[int]) -> list[tuple[Fraction, Fraction, Fraction]]:
    """``c + u·w ≥ 0``: the four sides of ``[−1,1]^2``, then ``(2a_j−1)<w, x_j> ≥ 0``."""
    one, zero = Fraction(1), Fraction(0)
    rows = [(one, -one, zero), (one, one, zero), (one, zero, -one), (one, zero, one)]
    rows += [(zero, (2 * aj - 1) * x[0], (2 * aj - 1) * x[1]) for x, aj in zip(pts, a, strict=True)]
    return rows


def polygon_area(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    """``area(closure(C(a)) ∩ [−1,1]^2)``.  Evidence: counterclockwise ``vertices`` and per edge
    ``k → k+1`` a constraint tight at both ends.  Every vertex feasible ⇒ conv(V) ⊆ P; the
    polygon strictly convex and each edge on a constraint line (whose half-plane holds the
    other vertices, so it is the edge's inner side) ⇒ P ⊆ conv(V).  Then shoelace."""
    pts = augmented_points(ctx.instance)
    n = len(pts)
    need(len(pts[0]) == 2, "polygon areas are for d = 2", "instance", 2, len(pts[0]))
    a = _rows([field(claim, "row", "claim")], "claim.row", n)[0]
    cons = _polygon_constraints(pts, a)
    raw = array(field(ev, "vertices", "evidence"), "evidence.vertices")
    m = len(raw)
    need(m >= 3, "a polygon has at least three vertices", "evidence.vertices", 3, m)
    vs = [vector(v, f"evidence.vertices[{k}]", 2) for k, v in enumerate(raw)]
    edges = indices(field(ev, "edges", "evidence"), "evidence.edges", len(cons))
    need(len(edges) == m, "one constraint per edge", "evidence.edges", m, len(edges))

    def value(c: tuple[Fraction, Fraction, Fraction], v: list[Fraction]) -> Fraction:
        return c[0] + c[1] * v[0] + c[2] * v[1]

    for k, v in enumerate(vs):
        for i, c in enumerate(cons):
            need(value(c, v) >= 0, "vertex violates a constraint", f"evidence.vertices[{k}]", f"constraint {i} ≥ 0")
        p = vs[(k + 1) % m]
        for t, q in enumerate(vs):
            if t not in (k, (k + 1) % m):
                turn = (p[0] - v[0]) * (q[1] - v[1]) - (p[1] - v[1]) * (q[0] - v[0])
                # every vertex strictly left of every edge: a convex polygon traversed once, counterclockwise
                need(
                    turn > 0,
                    "vertices are not in strictly convex counterclockwise order",
                    f"evidence.vertices[{t}]",
                    f"left of edge {k}",
                    turn,
                )
        c = cons[edges[k]]
        need(
            value(c, v) == 0 and value(c, p) == 0 and (c[1], c[2]) != (0, 0),
            "edge constraint is not tight at both ends",
            f"evidence.edges[{k}]",
        )
    twice = sum((vs[k][0] * vs[(k + 1) % m][1] - vs[(k + 1) % m][0] * vs[k][1] for k in range(m)), Fraction(0))
    area = rational(field(claim, "area", "claim"), "claim.area")
    need(area == twice / 2, "area differs from the shoelace sum", "claim.area", str(twice / 2), claim.get("area"))


def fullrank_volume(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    """Proposition 11: ``μ(∪_{A full rank} S^A ∩ [−1,1]^{2 d1}) = Σ_{A} Π_i area(a_i)``, summed over
    the search's full-rank sets ``S`` with later rows ``L`` by inclusion–exclusion:
    ``Σ_{T⊆S} (−1)^{|S∖T|} (area(T) + area(L))^{d1}``."""
    pts, _, d1 = _network(ctx)
    rows = _topes(claim, ev, ctx, pts)
    refs = array(field(ev, "areas", "evidence"), "evidence.areas", len(rows))
    areas = []
    for i, a in enumerate(rows):
        st = ctx.step(refs[i], "polygon-area", f"evidence.areas[{i}]")
        need(st.get("row") == "".join(map(str, a)), "area step is for another row", f"evidence.areas[{i}]")
        areas.append(rational(st.get("area"), f"evidence.areas[{i}]"))
    need(sum(areas, Fraction(0)) == 4 or not rows, "tope areas must tile the square", "evidence.areas", "4")
    nodes = array(field(ev, "nodes", "evidence"), "evidence.nodes")
    volume = Fraction(0)
    for chosen, full in _walk(pts, rows, nodes, d1):
        if full:
            rest = sum(areas[chosen[-1] + 1 :], Fraction(0))
            for mask in range(1 << len(chosen)):
                t = sum((areas[i] for b, i in enumerate(chosen) if mask >> b & 1), Fraction(0))
                volume += (-1) ** (len(chosen) - bin(mask).count("1")) * (t + rest) ** d1
    got = rational(field(claim, "volume", "claim"), "claim.volume")
    need(got == volume, "full-rank volume differs", "claim.volume", str(volume), claim.get("volume"))
    need(field(claim, "box", "claim") == str(4**d1), "box volume is 4^d1", "claim.box", str(4**d1), claim.get("box"))


def global_minimum_system(
    pts: Matrix, v: list[Fraction], pattern: list[list[int]], y: list[Fraction]
) -> tuple[Matrix, Matrix]:
    """Rows ``[a…, b]`` in the unknowns ``W`` (unit-major): strict ``(2A_ij−1)<w_i,x_j> > 0`` and ``F(W,x_j) = y_j``."""
    d, d1 = len(pts[0]), len(pattern)
    k = d * d1
    strict, equal = [], []
    for i, a in enumerate(pattern):
        for j, x in enumerate(pts):
            row = [Fraction(0)] * (k + 1)
            for c in range(d):
                row[i * d + c] = (2 * a[j] - 1) * x[c]
            strict.append(row)
    for j, x in enumerate(pts):
        row = [Fraction(0)] * k + [y[j]]
        for i, a in enumerate(pattern):
            if a[j]:
                for c in range(d):
                    row[i * d + c] = v[i] * x[c]
        equal.append(row)
    return strict, equal


def global_minimum_region(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    pts, v, d1 = _network(ctx)
    n, d = len(pts), len(pts[0])
    pattern = _rows(field(claim, "pattern", "claim"), "claim.pattern", n, d1)
    y = vector(field(field(ctx.instance, "data", "instance"), "targets", "instance.data"), "instance.data.targets", n)
    strict, equal = global_minimum_system(pts, v, pattern, y)
    nonempty = field(claim, "nonempty", "claim")
    need(isinstance(nonempty, bool), "nonempty must be true or false", "claim.nonempty")
    got = check_system(strict, [], equal, d * d1, field(ev, "system", "evidence"), "evidence.system")
    need(got == nonempty, "evidence proves the opposite verdict", "claim.nonempty", got, nonempty)
    r = integer(field(claim, "rank", "claim"), "claim.rank", 0, n)
    check_rank(jacobian(pts, v, pattern), n, r, field(ev, "rank", "evidence"), "evidence.rank")
    if "codimension" in claim:
        need(
            nonempty and claim["codimension"] == r,
            "a non-empty minimiser set has codimension rank J",
            "claim.codimension",
            r,
            claim["codimension"],
        )


def _sets(size: int, units: int) -> list[tuple[int, ...]]:
    if units == 0:
        return [()]
    out: list[tuple[int, ...]] = []
    for s in range(1, min(size, units) + 1):
        out.extend(combinations(range(size), s))
    return out


def globalmin_count(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    """Theorem 8's count.  Whether ``G ∩ S^A`` is non-empty depends only on the row sets
    ``(S+, S−)`` of the units with ``v_i > 0`` / ``< 0`` (a sum of copies of one convex cone
    is that cone), and the rank only on ``S+ ∪ S−``; so one proved region per pair of sets,
    weighted by ``surj(d+, |S+|)·surj(d−, |S−|)``, decides every pattern."""
    pts, v, d1 = _network(ctx)
    rows = _topes(claim, ev, ctx, pts)
    pos = [i for i, x in enumerate(v) if x > 0]
    neg = [i for i, x in enumerate(v) if x < 0]
    refs = array(field(ev, "regions", "evidence"), "evidence.regions")
    count, k = 0, 0
    for plus in _sets(len(rows), len(pos)):
        for minus in _sets(len(rows), len(neg)):
            path = f"evidence.regions[{k}]"
            need(k < len(refs), "a pair of row sets has no region step", "evidence.regions", k + 1, len(refs))
            reg = ctx.step(refs[k], "global-minimum-region", path)
            k += 1
            rep = [""] * d1
            for units, chosen in ((pos, plus), (neg, minus)):
                for t, i in enumerate(units):
                    rep[i] = "".join(map(str, rows[chosen[min(t, len(chosen) - 1)]]))
            need(
                reg.get("pattern") == rep, "region step is not the pair's representative", path, rep, reg.get("pattern")
            )
            if reg.get("nonempty") is True and reg.get("rank") == len(pts):
                count += surjections(len(pos), len(plus)) * surjections(len(neg), len(minus))
    need(k == len(refs), "more region steps than pairs of row sets", "evidence.regions", k, len(refs))
    _claimed_count(claim, count, len(rows) ** d1, "global-minimum count differs", "total is |topes|^d1")


def relu_representation(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    """Proposition 13 (witness side): ``y_j = Σ_i c_i σ(w_i x_j + b_i)`` with at most ``m`` units and
    ``c_i = 1`` (or ``c_i = ±1`` when ``signed``)."""
    xs = vector(field(claim, "points", "claim"), "claim.points")
    y = vector(field(claim, "target", "claim"), "claim.target", len(xs))
    m = claim.get("m")
    signed = field(claim, "signed", "claim")
    need(isinstance(signed, bool), "signed must be true or false", "claim.signed")
    units = array(field(ev, "units", "evidence"), "evidence.units")
    if m is not None:
        need(len(units) <= integer(m, "claim.m", 0), "more units than m", "evidence.units", m, len(units))
    total = [Fraction(0)] * len(xs)
    for k, u in enumerate(units):
        c, w, b = vector(u, f"evidence.units[{k}]", 3)
        need(
            c in ((1, -1) if signed else (1,)), "unit coefficient", f"evidence.units[{k}][0]", "±1" if signed else 1, c
        )
        for j, x in enumerate(xs):
            total[j] += c * max(w * x + b, Fraction(0))
    need(
        total == y, "the units do not sum to the target", "evidence.units", [str(t) for t in y], [str(t) for t in total]
    )


CLAIMS = {
    "relu-representation": relu_representation,
    "globalmin-count": globalmin_count,
    "jacobian-rank": jacobian_rank,
    "fullrank-count": fullrank_count,
    "global-minimum-region": global_minimum_region,
    "polygon-area": polygon_area,
    "fullrank-volume": fullrank_volume,
}
