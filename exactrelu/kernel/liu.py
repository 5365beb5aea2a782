"""Kernel claims for Liu's landscape (SPEC §4): cell minima, genuine minima, the printed criterion.

Every checker rebuilds Liu's matrix ``M`` (eq. 11: row ``p`` is
``(A_1p x_pᵀ, …, A_{d1}p x_pᵀ)``) from the certificate's instance and the
claimed pattern, never from the evidence.  Unknowns ``R = (R_1, …, R_{d1})``,
``R_u = z_u w_u``; loss ``½ ||M R − y||²``.

* ``liu-cell-minimum``: ``M⁺`` by the four Penrose equations, ``R0 = M⁺y``,
  ``loss = ½ ||M R0 − y||²``, and a basis of ``ker M`` (independent, in the
  kernel, as many as ``trace(I − M⁺M) = dim ker M``).
* ``liu-genuine``: a parameter point ``(W, z)`` inside the open cell with
  ``Mᵀ(M R − y) = 0`` at ``R = z ⊙ W``; by convexity of ``L_A`` (Liu, Lemma 2) it is a
  minimum of ``L_A`` and so a differentiable local minimum of the network loss.
* ``liu-not-genuine``: for every sign choice ``s ∈ {+, −, 0}^{d1}`` a Motzkin
  refutation of the system of SPEC §4 (rows rebuilt here).
* ``liu-printed``: Liu's printed criterion (16)–(18): a point, or refutations of
  all ``s ∈ {±}^{d1}``.
* ``liu-discrepancy``: an earlier exact verdict and printed verdict for the same
  non-empty cell that disagree.
* ``liu-atlas``: a table of cells with the minimum of their minimal losses (and the
  number of Theorem-3 walls carrying a non-differentiable minimum).
* ``liu-nondiff-system``: Liu's ``D R = d`` (eqs. 27–28) soluble or not.
* ``liu-nondiff-minimum`` / ``liu-no-nondiff-minimum``: Theorem 3 in full (``D R = d``,
  the sign conditions (29)–(30) and the cell conditions) met by a point ``(W, z)`` with
  ``w_m`` on the wall of ``x_n``, or refuted for every sign choice.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from itertools import product
from typing import Any

from .base import (
    Context,
    array,
    augmented_points,
    check_insoluble,
    check_penrose,
    check_solution,
    check_system,
    dot,
    fail,
    field,
    identity,
    indices,
    integer,
    matmul,
    matrix,
    need,
    rational,
    sign_string,
    signs,
    transpose,
    vector,
)

Vec = list[Fraction]
Mat = list[list[Fraction]]
HALF = Fraction(1, 2)


def _fmt(q: Fraction) -> str:
    return str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"


class _Setting:
    """The instance read for Liu: points, targets, width; refuses other settings."""

    def __init__(self, ctx: Context):
        inst = ctx.instance
        self.points = augmented_points(inst)
        self.n, self.d = len(self.points), len(self.points[0])
        data = field(inst, "data", "instance")
        self.y = vector(field(data, "targets", "instance.data"), "instance.data.targets", self.n)
        net = field(inst, "network", "instance")
        hidden = array(field(net, "hidden", "instance.network"), "instance.network.hidden", 1)
        self.d1 = integer(hidden[0], "instance.network.hidden[0]", 1)
        self.k = self.d1 * self.d
        need(
            net.get("output", "trainable") == "trainable",
            "Liu's claims need trainable output weights",
            "instance.network.output",
            "trainable",
            net.get("output"),
        )
        need(
            net.get("loss", "squared") == "squared",
            "Liu's claims need the squared loss",
            "instance.network.loss",
            "squared",
            net.get("loss"),
        )
        need(
            net.get("activation", "relu") == "relu",
            "Liu's claims need ReLU",
            "instance.network.activation",
            "relu",
            net.get("activation"),
        )

    def pattern(self, claim: Mapping[str, Any], key: str = "pattern") -> list[list[int]]:
        rows = array(field(claim, key, "claim"), f"claim.{key}", self.d1)
        out = []
        for i, r in enumerate(rows):
            if not isinstance(r, str) or len(r) != self.n or set(r) - {"0", "1"}:
                raise fail(
                    "a pattern row is a 0/1 string with one entry per point",
                    f"claim.{key}[{i}]",
                    self.n,
                    r,
                )
            out.append([int(c) for c in r])
        return out

    def matrix(self, pat: list[list[int]]) -> Mat:
        return [[Fraction(row[p]) * c for row in pat for c in x] for p, x in enumerate(self.points)]

    def normal_rows(self, pat: list[list[int]]) -> Mat:
        """``MᵀM R = Mᵀy`` as rows ``[a…, b]``."""
        m = self.matrix(pat)
        mt = transpose(m, self.k)
        mtm = matmul(mt, m)
        return [mtm[i] + [dot(mt[i], self.y)] for i in range(self.k)]

    def block(self, vec: Vec, u: int) -> Vec:
        out = [Fraction(0)] * self.k
        out[u * self.d : (u + 1) * self.d] = vec
        return out

    def genuine_rows(self, pat: list[list[int]], s: list[int]) -> tuple[Mat, Mat, Mat]:
        """SPEC §4, same order as :func:`exactrelu.liu.genuine_system` (strict, weak, equal)."""
        equal = self.normal_rows(pat)
        strict: Mat = []
        for u, su in enumerate(s):
            if su == 0:
                equal += [
                    self.block([Fraction(int(c == i)) for c in range(self.d)], u) + [Fraction(0)] for i in range(self.d)
                ]
            else:
                strict += [
                    self.block([su * (2 * pat[u][p] - 1) * c for c in x], u) + [Fraction(0)]
                    for p, x in enumerate(self.points)
                ]
        return strict, [], equal

    def printed_rows(self, pat: list[list[int]], s: list[int]) -> tuple[Mat, Mat, Mat]:
        """Liu (16)/(17)/(18), same order as :func:`exactrelu.liu.printed_system`."""
        strict: Mat = []
        weak: Mat = []
        for u, su in enumerate(s):
            for p, x in enumerate(self.points):
                row = self.block([su * c for c in x], u)
                if pat[u][p]:
                    strict.append(row + [Fraction(0)])
                else:
                    weak.append([-c for c in row] + [Fraction(0)])
        return strict, weak, self.normal_rows(pat)

    def residual(self, pat: list[list[int]], r: Vec) -> Vec:
        return [dot(row, r) - t for row, t in zip(self.matrix(pat), self.y, strict=True)]

    def gradient(self, pat: list[list[int]], r: Vec) -> Vec:
        """``Mᵀ(M R − y)`` (Liu's ``∂L/∂R`` without the factor ``2/N``)."""
        e = self.residual(pat, r)
        return [dot([row[c] for row in self.matrix(pat)], e) for c in range(self.k)]

    def loss(self, pat: list[list[int]], r: Vec) -> Fraction:
        return HALF * sum((v * v for v in self.residual(pat, r)), Fraction(0))

    def in_open_cell(self, pat: list[list[int]], w: Mat, path: str) -> None:
        for u, wu in enumerate(w):
            for p, x in enumerate(self.points):
                v = dot(wu, x)
                need(
                    v > 0 if pat[u][p] else v < 0,
                    f"unit {u} is not strictly on its side of point {p}",
                    f"{path}[{u}]",
                    "active" if pat[u][p] else "inactive",
                    _fmt(v),
                )


def _loss_claim(claim: Mapping[str, Any], value: Fraction) -> None:
    found = rational(field(claim, "loss", "claim"), "claim.loss")
    need(
        found == value,
        "claimed loss differs from ½||M R − y||²",
        "claim.loss",
        _fmt(value),
        _fmt(found),
    )


def _refutations(ev: Any, alphabet: str, d1: int, rows: Any, k: int) -> None:
    refs = array(field(ev, "refutations", "evidence"), "evidence.refutations")
    wanted = {"".join(t) for t in product(alphabet, repeat=d1)}
    seen = set()
    for i, entry in enumerate(refs):
        path = f"evidence.refutations[{i}]"
        s = signs(field(entry, "signs", path), f"{path}.signs", d1)
        key = sign_string(s)
        need(
            key in wanted and key not in seen,
            "sign choice repeated or outside the alphabet",
            f"{path}.signs",
            f"one of {sorted(wanted)}",
            key,
        )
        seen.add(key)
        feasible = check_system(*rows(s), k, entry, path)
        need(not feasible, "a refutation must carry multipliers, not a point", path)
    need(
        seen == wanted,
        "every sign choice must be refuted",
        "evidence.refutations",
        sorted(wanted),
        sorted(seen),
    )


def cell_minimum(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    st = _Setting(ctx)
    pat = st.pattern(claim)
    m = st.matrix(pat)
    x = matrix(field(claim, "pinv", "claim"), "claim.pinv", st.k, st.n)
    check_penrose(m, x, st.n, st.k, "claim.pinv")
    r0 = vector(field(claim, "minimizer", "claim"), "claim.minimizer", st.k)
    need(r0 == [dot(row, st.y) for row in x], "minimizer is not M⁺y", "claim.minimizer")
    need(not any(st.gradient(pat, r0)), "Mᵀ(M R0 − y) ≠ 0", "claim.minimizer")
    _loss_claim(claim, st.loss(pat, r0))
    basis = matrix(field(claim, "basis", "claim"), "claim.basis", None, st.k)
    xm = matmul(x, m)
    dim = st.k - sum((xm[i][i] for i in range(st.k)), Fraction(0))  # rank of the projector I − M⁺M
    need(
        Fraction(len(basis)) == dim,
        "basis size differs from dim ker M = trace(I − M⁺M)",
        "claim.basis",
        _fmt(dim),
        len(basis),
    )
    for i, b in enumerate(basis):
        need(not any(dot(row, b) for row in m), "basis vector not in ker M", f"claim.basis[{i}]")
    if basis:
        lrows = indices(field(ev, "basis_rows", "evidence"), "evidence.basis_rows", st.k)
        need(
            len(lrows) == len(basis),
            "basis_rows names one coordinate per basis vector",
            "evidence.basis_rows",
        )
        need(
            [[b[i] for b in basis] for i in lrows] == identity(len(basis)),
            "basis vectors are not independent (no identity block at basis_rows)",
            "evidence.basis_rows",
        )
    unique = field(claim, "unique", "claim")
    need(
        unique is (not basis),
        "unique iff the kernel of M is zero",
        "claim.unique",
        not basis,
        unique,
    )


def genuine(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    st = _Setting(ctx)
    pat = st.pattern(claim)
    w = matrix(field(ev, "weights", "evidence"), "evidence.weights", st.d1, st.d)
    z = vector(field(ev, "output", "evidence"), "evidence.output", st.d1)
    st.in_open_cell(pat, w, "evidence.weights")
    r = [z[u] * c for u in range(st.d1) for c in w[u]]
    g = st.gradient(pat, r)
    need(not any(g), "∂L/∂R ≠ 0 at R = z ⊙ W", "evidence", "0", [_fmt(v) for v in g])
    _loss_claim(claim, st.loss(pat, r))


def not_genuine(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    st = _Setting(ctx)
    pat = st.pattern(claim)
    _refutations(ev, "+-0", st.d1, lambda s: st.genuine_rows(pat, s), st.k)


def printed(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    st = _Setting(ctx)
    pat = st.pattern(claim)
    holds = field(claim, "holds", "claim")
    need(isinstance(holds, bool), "holds must be true or false", "claim.holds")
    if holds:
        s = signs(field(ev, "signs", "evidence"), "evidence.signs", st.d1)
        need(0 not in s, "the printed criterion has no sign 0", "evidence.signs")
        check_system(*st.printed_rows(pat, s), st.k, {"point": field(ev, "point", "evidence")}, "evidence")
    else:
        _refutations(ev, "+-", st.d1, lambda s: st.printed_rows(pat, s), st.k)


def discrepancy(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    """The exact verdict and Liu's printed criterion disagree on one non-empty cell."""
    exact = field(claim, "exact", "claim")
    shown = field(claim, "printed", "claim")
    need(
        isinstance(exact, bool) and isinstance(shown, bool) and exact != shown,
        "a discrepancy needs two different verdicts",
        "claim",
        "true/false",
        (exact, shown),
    )
    e = ctx.step(
        field(ev, "exact", "evidence"),
        "liu-genuine" if exact else "liu-not-genuine",
        "evidence.exact",
    )
    p = ctx.step(field(ev, "printed", "evidence"), "liu-printed", "evidence.printed")
    c = ctx.step(field(ev, "cell", "evidence"), "region-nonempty", "evidence.cell")
    pat = field(claim, "pattern", "claim")
    for name, other in (("exact", e), ("printed", p), ("cell", c)):
        need(
            other.get("pattern") == pat,
            f"the {name} step is about another pattern",
            f"evidence.{name}",
            pat,
            other.get("pattern"),
        )
    need(p.get("holds") is shown, "printed verdict differs from the printed step", "claim.printed")
    source = field(claim, "source", "claim")
    need(
        source == ("zero-output" if exact else "boundary"),
        "wrong source of disagreement",
        "claim.source",
        "zero-output" if exact else "boundary",
        source,
    )


def atlas(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    """Per cell: a ``liu-cell-minimum`` and an exact verdict; the minimum of the cell losses."""
    st = _Setting(ctx)
    entries = array(field(ev, "cells", "evidence"), "evidence.cells")
    seen: set[str] = set()
    losses, genuine_losses = [], []
    nondiff_count = 0
    for i, entry in enumerate(entries):
        path = f"evidence.cells[{i}]"
        mini = ctx.step(field(entry, "minimum", path), "liu-cell-minimum", f"{path}.minimum")
        ref = field(entry, "exact", path)
        kind = ctx.proved.get(ref, {}).get("kind") if isinstance(ref, str) else None
        verdict = ctx.step(
            ref,
            kind if kind in ("liu-genuine", "liu-not-genuine") else "liu-genuine",
            f"{path}.exact",
        )
        need(
            verdict.get("pattern") == mini.get("pattern"),
            "steps of one cell disagree on the pattern",
            path,
        )
        key = "|".join(mini["pattern"])
        need(key not in seen, "cell listed twice", path)
        seen.add(key)
        walls: set[tuple[int, int]] = set()
        for j, ref3 in enumerate(array(entry.get("nondiff", []), f"{path}.nondiff")):
            kind3 = ctx.proved.get(ref3, {}).get("kind") if isinstance(ref3, str) else None
            wall = ctx.step(
                ref3,
                kind3 if kind3 in ("liu-nondiff-minimum", "liu-no-nondiff-minimum") else "liu-nondiff-minimum",
                f"{path}.nondiff[{j}]",
            )
            need(wall.get("pattern") == mini.get("pattern"), "a Theorem-3 step is about another cell", path)
            key3 = (wall.get("unit"), wall.get("point"))
            need(key3 not in walls, "wall listed twice", f"{path}.nondiff[{j}]")
            walls.add(key3)  # type: ignore[arg-type]
            nondiff_count += kind3 == "liu-nondiff-minimum"
        loss = rational(mini["loss"], f"{path}.minimum.loss")
        losses.append(loss)
        if kind == "liu-genuine":
            genuine_losses.append(loss)
    count = integer(field(claim, "cells", "claim"), "claim.cells", 0)
    need(
        count == len(entries),
        "cell count differs from the listed cells",
        "claim.cells",
        len(entries),
        count,
    )
    if "topes" in ev:
        topes = ctx.step(ev["topes"], "topes-complete", "evidence.topes")
        expected = 0 if topes["zero_points"] else topes["count"] ** st.d1
        need(
            count == expected,
            "the atlas misses cells: (number of topes)^d1 expected",
            "claim.cells",
            expected,
            count,
        )
    if "nondiff_minima" in claim:
        found3 = integer(claim["nondiff_minima"], "claim.nondiff_minima", 0)
        need(
            found3 == nondiff_count,
            "claimed number of non-differentiable minima differs from the liu-nondiff-minimum steps",
            "claim.nondiff_minima",
            nondiff_count,
            found3,
        )
    for key, values in (("min_loss", losses), ("best_genuine_loss", genuine_losses)):
        found = field(claim, key, "claim")
        want = _fmt(min(values)) if values else None
        need(
            found == want,
            f"claimed {key} is not the minimum over the listed cells",
            f"claim.{key}",
            want,
            found,
        )


def nondiff_system(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    """Liu's Theorem 3 system ``D R = d`` (eqs. 27–28), rebuilt here; soluble by a solution,
    insoluble by ``u`` with ``uᵀD = 0``, ``uᵀd = 1``."""
    st = _Setting(ctx)
    pat = st.pattern(claim)
    m = integer(field(claim, "unit", "claim"), "claim.unit", 0, st.d1 - 1)
    n = integer(field(claim, "point", "claim"), "claim.point", 0, st.n - 1)
    dmat, dvec = nondiff_rows(st.points, st.y, pat, m, n)
    soluble = field(claim, "soluble", "claim")
    need(isinstance(soluble, bool), "soluble must be true or false", "claim.soluble")
    if soluble:
        check_solution(
            dmat,
            dvec,
            vector(field(ev, "solution", "evidence"), "evidence.solution", st.k),
            "evidence.solution",
        )
    else:
        check_insoluble(
            dmat,
            dvec,
            vector(field(ev, "u", "evidence"), "evidence.u", len(dmat)),
            st.k,
            "evidence.u",
        )


def nondiff_rows(points: Mat, y: Vec, pat: list[list[int]], m: int, n: int) -> tuple[Mat, Vec]:
    """``D`` ((d1·d + 1) × d1·d) and ``d`` of Liu's eqs. 27–28.

    The last block of ``D`` is the single row ``x_nᵀ`` (``w_m`` on the wall of ``x_n``).
    """
    d1, d = len(pat), len(points[0])
    xn = points[n]
    nn = dot(xn, xn)
    rows: Mat = []
    rhs: Vec = []
    for j in range(d1):
        for r in range(d):
            row = [Fraction(0)] * (d1 * d)
            b = Fraction(0)
            for i, x in enumerate(points):
                if j == m:
                    if i == n or not pat[m][i]:
                        continue
                    v = dot(x, xn) * xn[r] - nn * x[r]
                else:
                    if not pat[j][i]:
                        continue
                    v = x[r]
                b += v * y[i]
                for k in range(d1):
                    if pat[k][i]:
                        for c in range(d):
                            row[k * d + c] += v * x[c]
            rows.append(row)
            rhs.append(b)
    last = [Fraction(0)] * (d1 * d)
    last[m * d : (m + 1) * d] = xn
    rows.append(last)
    rhs.append(Fraction(0))
    return rows, rhs


def _wall(st: _Setting, claim: Mapping[str, Any]) -> tuple[list[list[int]], int, int]:
    """Pattern (cell 1), unit ``m`` and point ``n`` with ``A_mn = 0`` (the wall convention of Theorem 3)."""
    pat = st.pattern(claim)
    m = integer(field(claim, "unit", "claim"), "claim.unit", 0, st.d1 - 1)
    n = integer(field(claim, "point", "claim"), "claim.point", 0, st.n - 1)
    need(pat[m][n] == 0, "the claimed cell must have unit m inactive on x_n (cell 1)", "claim.pattern", 0, 1)
    return pat, m, n


def _nondiff_forms(st: _Setting, pat: list[list[int]], m: int, n: int) -> tuple[Vec, Vec]:
    """``g·x_n`` and ``g·x_n + e_n|x_n|²`` as rows ``[c…, c0]`` (value ``c·R − c0``), with
    ``g = Σ_{i≠n} A_im e_i x_i`` and ``e = M R − y`` (Liu eqs. 29–30)."""
    mat = st.matrix(pat)
    xn = st.points[n]
    first = [Fraction(0)] * (st.k + 1)
    for i, x in enumerate(st.points):
        if i != n and pat[m][i]:
            f = dot(x, xn)
            first = [a + f * b for a, b in zip(first, mat[i] + [st.y[i]], strict=True)]
    nn = dot(xn, xn)
    second = [a + nn * b for a, b in zip(first, mat[n] + [st.y[n]], strict=True)]
    return first, second


def _nondiff_branch_rows(st: _Setting, pat: list[list[int]], m: int, n: int, s: list[int]) -> tuple[Mat, Mat, Mat]:
    """Same rows and order as :func:`exactrelu.liu_nondiff.nondiff_branch_system`."""
    dmat, dvec = nondiff_rows(st.points, st.y, pat, m, n)
    equal = [row + [b] for row, b in zip(dmat, dvec, strict=True)]
    first, second = _nondiff_forms(st, pat, m, n)
    strict = [[-s[m] * v for v in first], [s[m] * v for v in second]]
    for u, su in enumerate(s):
        if su == 0:
            equal += [st.block([Fraction(int(c == i)) for c in range(st.d)], u) + [Fraction(0)] for i in range(st.d)]
            continue
        strict += [
            st.block([su * (2 * pat[u][p] - 1) * c for c in x], u) + [Fraction(0)]
            for p, x in enumerate(st.points)
            if not (u == m and p == n)
        ]
    return strict, [], equal


def nondiff_minimum(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    """Liu's Theorem 3 met by a parameter point: ``w_m`` on the wall of ``x_n`` and strictly on its
    side of every other point, the other units in their open cones, ``z_m ≠ 0``, ``D R = d`` at
    ``R = z ⊙ W`` (rebuilt), (29) ``z_m g·x_n < 0`` and (30) ``z_m (g·x_n + e_n|x_n|²) > 0``."""
    st = _Setting(ctx)
    pat, m, n = _wall(st, claim)
    w = matrix(field(ev, "weights", "evidence"), "evidence.weights", st.d1, st.d)
    z = vector(field(ev, "output", "evidence"), "evidence.output", st.d1)
    if "signs" in ev:
        s = signs(ev["signs"], "evidence.signs", st.d1)
        need(s == [(v > 0) - (v < 0) for v in z], "signs differ from the signs of z", "evidence.signs")
    need(z[m] != 0, "z_m = 0: not a non-differentiable point (Liu, proof of Thm 3)", "evidence.output", "≠ 0", "0")
    for u, wu in enumerate(w):
        for p, x in enumerate(st.points):
            v = dot(wu, x)
            if u == m and p == n:
                need(v == 0, "w_m is not on the wall of x_n", f"evidence.weights[{m}]", "0", _fmt(v))
            else:
                need(
                    v > 0 if pat[u][p] else v < 0,
                    f"unit {u} is not strictly on its side of point {p}",
                    f"evidence.weights[{u}]",
                    "active" if pat[u][p] else "inactive",
                    _fmt(v),
                )
    r = [z[u] * c for u in range(st.d1) for c in w[u]]
    dmat, dvec = nondiff_rows(st.points, st.y, pat, m, n)
    check_solution(dmat, dvec, r, "evidence (D R = d at R = z ⊙ W)")
    first, second = _nondiff_forms(st, pat, m, n)
    v29 = z[m] * (dot(first[: st.k], r) - first[st.k])
    v30 = z[m] * (dot(second[: st.k], r) - second[st.k])
    need(v29 < 0, "Liu (29) fails: z_m g·x_n must be < 0", "evidence", "< 0", _fmt(v29))
    need(v30 > 0, "Liu (30) fails: z_m (g·x_n + e_n|x_n|²) must be > 0", "evidence", "> 0", _fmt(v30))
    _loss_claim(claim, st.loss(pat, r))


def no_nondiff_minimum(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    """No Theorem-3 point on this wall: every sign choice (``s_m ∈ {+,−}``, others ``{+,−,0}``)
    refuted by Motzkin multipliers for the rebuilt system."""
    st = _Setting(ctx)
    pat, m, n = _wall(st, claim)
    wanted = {"".join(t) for t in product("+-0", repeat=st.d1) if t[m] != "0"}
    refs = array(field(ev, "refutations", "evidence"), "evidence.refutations")
    seen: set[str] = set()
    for i, entry in enumerate(refs):
        path = f"evidence.refutations[{i}]"
        s = signs(field(entry, "signs", path), f"{path}.signs", st.d1)
        key = sign_string(s)
        need(
            key in wanted and key not in seen,
            "sign choice repeated or not allowed (s_m ≠ 0)",
            f"{path}.signs",
            "a new choice with s_m in +-",
            key,
        )
        seen.add(key)
        feasible = check_system(*_nondiff_branch_rows(st, pat, m, n, s), st.k, entry, path)
        need(not feasible, "a refutation must carry multipliers, not a point", path)
    need(seen == wanted, "every sign choice must be refuted", "evidence.refutations", sorted(wanted), sorted(seen))


def _subset(st: _Setting, claim: Mapping[str, Any]) -> list[int]:
    sub = indices(field(claim, "subset", "claim"), "claim.subset", st.d1)
    need(
        sub == sorted(set(sub)) and len(sub) < st.d1,
        "subset: distinct increasing units, a proper subset",
        "claim.subset",
        "proper subset",
        sub,
    )
    return sub


def saddle(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    """Liu's Theorem 2: ``(W, z)`` in the open cell, stationary (``g_u·w_u = 0``, ``z_u g_u = 0``
    with ``g = Mᵀ(M R − y)``), and ``g_u ≠ 0`` exactly off ``subset`` (there ``z_u = 0``; moving
    ``z_u = ε``, ``w_u −= t g_u`` lowers the loss, so it is a saddle, not a minimum)."""
    st = _Setting(ctx)
    pat = st.pattern(claim)
    sub = _subset(st, claim)
    w = matrix(field(ev, "weights", "evidence"), "evidence.weights", st.d1, st.d)
    z = vector(field(ev, "output", "evidence"), "evidence.output", st.d1)
    st.in_open_cell(pat, w, "evidence.weights")
    r = [z[u] * c for u in range(st.d1) for c in w[u]]
    g = st.gradient(pat, r)
    for u in range(st.d1):
        gu = g[u * st.d : (u + 1) * st.d]
        need(
            dot(gu, w[u]) == 0 and (z[u] == 0 or not any(gu)),
            "not stationary: ∂L/∂z_u or ∂L/∂w_u ≠ 0",
            f"evidence.weights[{u}]",
        )
        need(any(gu) == (u not in sub), "∂L/∂R_u = 0 exactly on the claimed subset", "claim.subset", sub, u)


def no_saddle(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    """No Theorem-2 saddle for ``subset`` in the open cell: a unit off the subset has ``g_k = 0``,
    or its hyperplane misses its cone, or every sign choice on the subset is refuted."""
    st = _Setting(ctx)
    pat = st.pattern(claim)
    sub = _subset(st, claim)
    subpat = [pat[j] for j in sub]
    k = len(sub) * st.d
    r = vector(field(ev, "solution", "evidence"), "evidence.solution", k)
    if sub:
        sub_st = _Sub(st, len(sub))
        rows = sub_st.normal_rows(subpat)
        check_solution([row[:k] for row in rows], [row[k] for row in rows], r, "evidence.solution")
        e = [dot(row, r) - t for row, t in zip(sub_st.matrix(subpat), st.y, strict=True)]
    else:
        e = [-t for t in st.y]
    reason = field(ev, "reason", "evidence")
    if reason in ("zero-gradient", "cone"):
        u = integer(field(ev, "unit", "evidence"), "evidence.unit", 0, st.d1 - 1)
        need(u not in sub, "the unit must lie off the subset", "evidence.unit")
        g = [sum((e[p] * pat[u][p] * x[c] for p, x in enumerate(st.points)), Fraction(0)) for c in range(st.d)]
        if reason == "zero-gradient":
            need(not any(g), "∂L/∂R_u ≠ 0", "evidence.unit")
        else:
            strict = [[(2 * pat[u][p] - 1) * c for c in x] + [Fraction(0)] for p, x in enumerate(st.points)]
            ok = check_system(strict, [], [g + [Fraction(0)]], st.d, ev, "evidence")
            need(not ok, "a refutation must carry multipliers", "evidence")
    elif reason == "signs":
        need(bool(sub), "the empty subset has no sign choices", "evidence.reason")
        sub_st = _Sub(st, len(sub))
        _refutations(ev, "+-0", len(sub), lambda s: sub_st.genuine_rows(subpat, s), k)
    else:
        raise fail("unknown reason", "evidence.reason", "zero-gradient, cone or signs", reason)


class _Sub(_Setting):
    """The same data with only ``width`` units (for Theorem 2's subsets)."""

    def __init__(self, st: _Setting, width: int):  # noqa: D107 - no super(): nothing to re-read
        self.__dict__.update(st.__dict__)
        self.d1, self.k = width, width * st.d


CLAIMS = {
    "liu-saddle": saddle,
    "liu-no-saddle": no_saddle,
    "liu-cell-minimum": cell_minimum,
    "liu-genuine": genuine,
    "liu-not-genuine": not_genuine,
    "liu-printed": printed,
    "liu-discrepancy": discrepancy,
    "liu-atlas": atlas,
    "liu-nondiff-system": nondiff_system,
    "liu-nondiff-minimum": nondiff_minimum,
    "liu-no-nondiff-minimum": no_nondiff_minimum,
}
