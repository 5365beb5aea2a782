"""Kernel claims closing the last certificate gaps: Proposition 13's generators, and two sweep bundles.

Standard library only.

* ``relu-cone-generators`` ``{points, vertices, rays_equal_vertices,
  hull_extreme_rays_equal_vertices}`` — Proposition 13 of Karhadkar et al.
  (sorted distinct ``x_1 < … < x_n``, ``n ≥ 2``, one ReLU with bias,
  ``f(w, b) = (σ(w x_j + b))_j``).  The kernel recomputes the stated polyline
  vertices ``−x̄^{(i)} X_{≥i}`` (``j ≥ i``: ``x_j − x_i``; ``i = n−1 … 1``, 1-based)
  then ``x̄^{(i)} X_{≤i}`` (``j ≤ i``: ``x_i − x_j``; ``i = n … 2``) and requires
  ``vertices`` to be exactly these.  Argument:

  1. *Topes.*  ``w x + b`` is affine in ``x``, so ``{j : w x_j + b > 0}`` is a
     prefix or a suffix of ``1 … n`` (possibly empty or all): every ``(w, b)``
     lies in the closed cone ``K(a) = {(w, b) : (2a_j − 1)(w x_j + b) ≥ 0 ∀j}``
     of a step row ``a`` (``a_j = [w x_j + b > 0]``).  The kernel enumerates
     all ``2n`` step rows itself.
  2. *Rays.*  Evidence ``topes[k] = {row, rays: [r1, r2]}`` for the ``k``-th
     step row in the kernel's order (rows as 0/1 tuples, sorted).  Checked:
     ``r1, r2 ∈ K(a)``; ``det(r1, r2) ≠ 0``; each ``r_i`` makes some defining
     inequality tight.  Every defining normal ``±(x_j, 1)`` is nonzero, so a
     tight ``r_i`` lies on a supporting line of ``K(a)``, i.e. on its
     boundary.  ``K(a) ⊇ cone{r1, r2}`` is 2-dimensional; a 2-dimensional
     cone in ``R²`` is the plane (no boundary), a half-plane (boundary a line,
     on which no two independent vectors lie) or pointed, whose boundary is
     its two extreme rays.  Hence ``K(a)`` is pointed, ``r1, r2`` span its
     two extreme rays, and ``K(a) = cone{r1, r2}``.
  3. *Images.*  On ``K(a)``, ``σ(w x_j + b) = a_j (w x_j + b)`` (``a_j = 1``:
     the argument is ``≥ 0``; ``a_j = 0``: it is ``≤ 0``), a linear map, so
     ``f(K(a)) = cone{f(r1), f(r2)}`` and the one-ReLU functions are the union
     of these cones.  ``rays_equal_vertices``: the set of nonzero images
     ``f(r_i)`` over all topes equals the vertex set, both up to positive
     scaling (recomputed).
  4. *Hull.*  The convex cone ``H`` of all one-ReLU functions is then
     ``cone(G) = cone(V)`` (``G`` the nonzero images, ``V`` the vertices, equal
     as sets of rays).  ``hull_extreme_rays_equal_vertices``: evidence
     ``separators[k] = c`` per vertex ``v_k`` with ``c·v_k = 0`` and
     ``c·v > 0`` for every other vertex.  Then ``c ≥ 0`` on ``H`` and
     ``{c·h = 0} ∩ H = cone{v_k}`` (a combination with a positive weight on
     another vertex has ``c·h > 0``): a 1-dimensional face, so ``v_k`` spans an
     extreme ray (and ``H`` is pointed).  Every extreme ray of a finitely
     generated cone is spanned by one of its generators, so the extreme rays
     of ``H`` are exactly the vertices.  (It also forces the vertices to be
     pairwise non-parallel.)

  Both booleans must be ``true``: a ``false`` would contradict Proposition 13
  and has no evidence.

* ``proposition-13`` ``{points, target, m, sum, signed_sum, cone, linear}`` —
  the whole ``exactrelu theorem 13`` report.  Evidence names earlier steps:
  ``generators`` (``relu-cone-generators`` on the same points) and, for
  ``sum`` (``m`` ReLUs), ``signed_sum`` (``m`` signed), ``cone`` (any number,
  unsigned), ``linear`` (any number, signed), a ``relu-representation`` step
  when the boolean is ``true`` and a ``relu-not-representable`` step when
  ``false``, each with the same points, target, ``m`` and ``signed``.  With an
  instance, ``points`` are its (1-D) points sorted, ``target`` its targets in
  that order and ``m`` its hidden width.

* ``liu-printed-agreement`` ``{cells, disagreements}`` — sweep statement
  ``liu-printed`` (Liu's printed genuine-minimum criterion (16)-(18) against
  the exact condition of SPEC §4, one hidden layer of width ``d1``).
  Evidence ``topes`` (an earlier ``topes-complete`` step: ``T`` unit topes)
  and ``cells``: per cell the ids ``{cell, exact, printed}`` of a
  ``region-nonempty``, a ``liu-genuine``/``liu-not-genuine`` and a
  ``liu-printed`` step, all about one pattern.  A pattern is non-empty iff
  each of its ``d1`` rows is a unit tope, so there are ``T^{d1}`` non-empty
  cells (0 with a zero point); the kernel requires exactly that many listed,
  pairwise distinct, each certified non-empty — so no cell is missing — and
  recounts the cells where "exact genuine" and "printed holds" differ.  The
  statement holds iff ``disagreements = 0``.

* ``lvb-multilinear-cells`` ``{points, cells, indefinite_hessians, failures}``
  — sweep statement ``lvb-multilinear`` (Laurent–von Brecht, Theorem 1 /
  Corollary 2) at the listed parameter points.  Evidence ``analyses``: one
  earlier ``lvb-analysis`` step id per point (that kernel re-derives the
  signature, the cell polynomial with its ``multilinear`` / ``harmonic``
  facts, and the Hessian verdict ``zero`` or ``indefinite`` with a
  ``hessian-indefinite`` step).  A point on the boundary set ``N`` (``cell``
  null) has no cell; every other point is a cell, a failure unless
  multilinear, harmonic and with a zero or indefinite Hessian.  The kernel
  recounts all four numbers; the statement holds iff ``failures = 0``.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from .base import Context, array, field, integer, need, vector

Vector = list[Fraction]


# ---------------------------------------------------------------- Proposition 13, generators
def polyline_vertices(xs: list[Fraction]) -> list[Vector]:
    """Proposition 13's nonzero polyline vertices, in the order the producer lists them."""
    n = len(xs)
    right = [[xs[j] - xs[i] if j >= i else Fraction(0) for j in range(n)] for i in range(n - 2, -1, -1)]
    left = [[xs[i] - xs[j] if j <= i else Fraction(0) for j in range(n)] for i in range(n - 1, 0, -1)]
    return right + left


def all_step_rows(n: int) -> list[tuple[int, ...]]:
    """The ``2n`` step rows (prefixes and suffixes of ones, the zero and the all-ones row), sorted."""
    rows = {tuple(int(j >= k) for j in range(n)) for k in range(n + 1)}
    rows |= {tuple(int(j < k) for j in range(n)) for k in range(n + 1)}
    return sorted(rows)


def direction(v: Vector) -> tuple[Fraction, ...]:
    """``v`` scaled by ``1/|first nonzero entry|``: equal for two nonzero vectors iff one is a positive multiple."""
    first = next(abs(t) for t in v if t)
    return tuple(t / first for t in v)


def sorted_points(claim: Mapping[str, Any]) -> list[Fraction]:
    xs = vector(field(claim, "points", "claim"), "claim.points")
    need(len(xs) >= 2 and all(a < b for a, b in zip(xs, xs[1:], strict=False)),
         "Proposition 13 needs n ≥ 2 distinct points sorted increasingly", "claim.points")
    return xs


def cone_generators(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    xs = sorted_points(claim)
    n = len(xs)
    verts = polyline_vertices(xs)
    listed = array(field(claim, "vertices", "claim"), "claim.vertices", len(verts))
    for k, v in enumerate(verts):
        need(vector(listed[k], f"claim.vertices[{k}]", n) == v, "not the stated polyline vertex",
             f"claim.vertices[{k}]", [str(t) for t in v], listed[k])
    for key in ("rays_equal_vertices", "hull_extreme_rays_equal_vertices"):
        need(field(claim, key, "claim") is True, "only the true verdict has evidence (false contradicts Prop. 13)",
             f"claim.{key}", True, claim.get(key))
    rows = all_step_rows(n)
    topes = array(field(ev, "topes", "evidence"), "evidence.topes", len(rows))
    images: set[tuple[Fraction, ...]] = set()
    for k, a in enumerate(rows):
        path = f"evidence.topes[{k}]"
        want = "".join(map(str, a))
        need(field(topes[k], "row", path) == want, "topes are listed in the kernel's order", f"{path}.row",
             want, topes[k].get("row"))
        rays = [vector(r, f"{path}.rays[{i}]", 2)
                for i, r in enumerate(array(field(topes[k], "rays", path), f"{path}.rays", 2))]
        for i, (w, b) in enumerate(rays):
            values = [(2 * aj - 1) * (w * x + b) for x, aj in zip(xs, a, strict=True)]
            need(all(t >= 0 for t in values), "the ray leaves the tope's closed cone", f"{path}.rays[{i}]")
            need(any(t == 0 for t in values), "the ray makes no defining inequality tight", f"{path}.rays[{i}]")
            img = [aj * (w * x + b) for x, aj in zip(xs, a, strict=True)]
            if any(img):
                images.add(direction(img))
        (w1, b1), (w2, b2) = rays
        need(w1 * b2 - w2 * b1 != 0, "the two rays are linearly dependent", f"{path}.rays")
    stated = {direction(v) for v in verts}
    need(images == stated, "the ray images are not the stated polyline vertices", "evidence.topes",
         len(stated), len(images))
    seps = array(field(ev, "separators", "evidence"), "evidence.separators", len(verts))
    for k in range(len(verts)):
        c = vector(seps[k], f"evidence.separators[{k}]", n)
        for t, u in enumerate(verts):
            value = sum((ci * ui for ci, ui in zip(c, u, strict=True)), Fraction(0))
            ok = value == 0 if t == k else value > 0
            need(ok, "c·v = 0 on its vertex and > 0 on every other vertex", f"evidence.separators[{k}]",
                 "0" if t == k else "> 0", f"{value} on vertex {t}")


# ---------------------------------------------------------------- Proposition 13, the whole report
ANSWERS = (("sum", False, True), ("signed_sum", True, True), ("cone", False, False), ("linear", True, False))


def _bind_instance(ctx: Context, xs: list[Fraction], y: list[Fraction], m: int) -> None:
    data = field(ctx.instance, "data", "instance")
    raw = [vector(p, f"instance.data.points[{j}]", 1)[0] for j, p in enumerate(array(
        field(data, "points", "instance.data"), "instance.data.points"))]
    targets = vector(field(data, "targets", "instance.data"), "instance.data.targets", len(raw))
    order = sorted(range(len(raw)), key=lambda j: raw[j])
    need([raw[j] for j in order] == xs, "claim.points are not the instance's points sorted", "claim.points")
    need([targets[j] for j in order] == y, "claim.target is not the instance's targets in sorted order",
         "claim.target")
    hidden = array(field(field(ctx.instance, "network", "instance"), "hidden", "instance.network"),
                   "instance.network.hidden")
    need(len(hidden) >= 1 and hidden[0] == m, "claim.m is not the instance's first hidden width", "claim.m",
         hidden[0] if hidden else None, m)


def proposition13(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    xs = sorted_points(claim)
    y = vector(field(claim, "target", "claim"), "claim.target", len(xs))
    m = integer(field(claim, "m", "claim"), "claim.m", 1)
    if ctx.instance is not None:
        _bind_instance(ctx, xs, y, m)
    points = field(claim, "points", "claim")
    gens = ctx.step(field(ev, "generators", "evidence"), "relu-cone-generators", "evidence.generators")
    need(gens.get("points") == points, "the generators step is about other points", "evidence.generators")
    for key, signed, bounded in ANSWERS:
        answer = field(claim, key, "claim")
        need(isinstance(answer, bool), "a yes/no answer is true or false", f"claim.{key}", "boolean", answer)
        kind = "relu-representation" if answer else "relu-not-representable"
        other = ctx.step(field(ev, key, "evidence"), kind, f"evidence.{key}")
        expected = {"points": points, "target": claim["target"], "m": m if bounded else None, "signed": signed}
        for name, want in expected.items():
            need(other.get(name) == want, f"the {key} step is about another {name}", f"evidence.{key}", want,
                 other.get(name))


# ---------------------------------------------------------------- Liu: printed vs exact, every cell
def printed_agreement(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    """Sweep statement ``liu-printed``: in every non-empty cell, Liu's printed criterion vs the exact verdict."""
    setting = _LiuSetting(ctx)
    topes = ctx.step(field(ev, "topes", "evidence"), "topes-complete", "evidence.topes")
    expected = 0 if topes["zero_points"] else integer(topes["count"], "evidence.topes (count)", 0) ** setting.d1
    entries = array(field(ev, "cells", "evidence"), "evidence.cells", expected)
    seen: set[tuple[str, ...]] = set()
    disagreements = 0
    for i, entry in enumerate(entries):
        path = f"evidence.cells[{i}]"
        cell = ctx.step(field(entry, "cell", path), "region-nonempty", f"{path}.cell")
        pattern = cell.get("pattern")
        key = tuple(array(pattern, f"{path}.cell (pattern)", setting.d1))
        need(key not in seen, "cell listed twice", path, "distinct patterns", list(key))
        seen.add(key)
        ref = field(entry, "exact", path)
        kind = ctx.proved.get(ref, {}).get("kind") if isinstance(ref, str) else None
        exact = ctx.step(ref, kind if kind in ("liu-genuine", "liu-not-genuine") else "liu-genuine", f"{path}.exact")
        printed = ctx.step(field(entry, "printed", path), "liu-printed", f"{path}.printed")
        for name, other in (("exact", exact), ("printed", printed)):
            need(other.get("pattern") == pattern, f"the {name} step is about another cell", f"{path}.{name}",
                 pattern, other.get("pattern"))
        disagreements += (kind == "liu-genuine") != (printed.get("holds") is True)
    need(integer(field(claim, "cells", "claim"), "claim.cells", 0) == expected,
         "cells = (number of unit topes)^d1", "claim.cells", expected, claim.get("cells"))
    need(integer(field(claim, "disagreements", "claim"), "claim.disagreements", 0) == disagreements,
         "disagreements recounted from the steps", "claim.disagreements", disagreements, claim.get("disagreements"))


class _LiuSetting:
    """One hidden layer of width ``d1`` (the Liu steps check the rest of the setting themselves)."""

    def __init__(self, ctx: Context):
        net = field(ctx.instance, "network", "instance")
        hidden = array(field(net, "hidden", "instance.network"), "instance.network.hidden", 1)
        self.d1 = integer(hidden[0], "instance.network.hidden[0]", 1)


# ---------------------------------------------------------------- LvB Theorem 1 / Corollary 2 at listed points
def multilinear_cells(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    """Sweep statement ``lvb-multilinear``: the recounted cell facts of one ``lvb-analysis`` step per point."""
    refs = array(field(ev, "analyses", "evidence"), "evidence.analyses")
    need(len(refs) >= 1, "at least one point is checked", "evidence.analyses")
    counts = {"points": len(refs), "cells": 0, "indefinite_hessians": 0, "failures": 0}
    for k, ref in enumerate(refs):
        a = ctx.step(ref, "lvb-analysis", f"evidence.analyses[{k}]")
        cell = a.get("cell")
        if cell is None:
            continue  # on the boundary set N (signature has a zero entry, re-derived by the step): no cell
        counts["cells"] += 1
        counts["indefinite_hessians"] += a.get("hessian") == "indefinite"
        ok = cell.get("multilinear") is True and cell.get("harmonic") is True and a.get("hessian") in (
            "zero", "indefinite")
        counts["failures"] += not ok
    for key, value in counts.items():
        need(integer(field(claim, key, "claim"), f"claim.{key}", 0) == value, f"{key} recounted from the steps",
             f"claim.{key}", value, claim.get(key))


CLAIMS = {
    "lvb-multilinear-cells": multilinear_cells,
    "relu-cone-generators": cone_generators,
    "proposition-13": proposition13,
    "liu-printed-agreement": printed_agreement,
}
