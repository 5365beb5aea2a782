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
    sign,
    vector,
)

Matrix = list[list[Fraction]]


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


def fullrank_count(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    pts, _, d1 = _network(ctx)
    n = len(pts)
    rows = _all_rows(n) if field(claim, "rows", "claim") == "all" else _topes(claim, ev, ctx, pts)
    nodes = array(field(ev, "nodes", "evidence"), "evidence.nodes")
    blocks = [_block(pts, a) for a in rows]
    count = 0
    pos = 0
    # Depth-first over sets {i1 < … < is}, s ≤ d1, in lexicographic pre-order; a full-rank
    # set closes its branch (supersets are full rank), a deficient one is refined.
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
                later = len(rows) - 1 - chosen[-1]
                count += sum(
                    comb(later, u) * surjections(d1, len(chosen) + u) for u in range(min(later, d1 - len(chosen)) + 1)
                )
                continue
            u = vector(field(node, "kernel", path), f"{path}.kernel", n)
            need(any(u), "a kernel vector must be nonzero", f"{path}.kernel")
            need(all(dot(r, u) == 0 for r in stacked), "J·u ≠ 0", f"{path}.kernel")
        if len(chosen) < d1:
            start = chosen[-1] + 1 if chosen else 0
            stack.extend((*chosen, t) for t in range(len(rows) - 1, start - 1, -1))
    need(pos == len(nodes), "evidence lists sets the search never visits", "evidence.nodes", pos, len(nodes))
    need(
        field(claim, "count", "claim") == str(count),
        "full-rank count differs",
        "claim.count",
        str(count),
        claim.get("count"),
    )
    total = len(rows) ** d1
    need(
        field(claim, "total", "claim") == str(total),
        "total is |rows|^d1",
        "claim.total",
        str(total),
        claim.get("total"),
    )


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
    need(
        field(claim, "count", "claim") == str(count),
        "global-minimum count differs",
        "claim.count",
        str(count),
        claim.get("count"),
    )
    total = len(rows) ** d1
    need(
        field(claim, "total", "claim") == str(total),
        "total is |topes|^d1",
        "claim.total",
        str(total),
        claim.get("total"),
    )


CLAIMS = {
    "globalmin-count": globalmin_count,
    "jacobian-rank": jacobian_rank,
    "fullrank-count": fullrank_count,
    "global-minimum-region": global_minimum_region,
}
