"""Layer 2 of the kernel: the primitive rules, each a theorem of linear algebra checked by substitution.

Trusted: ``fractions.Fraction`` arithmetic and the four facts quoted below.

1. *Mixed linear systems* (:func:`system`).  ``a_i·x > b_i`` (strict), ``≥``
   (weak), ``=`` (equal).  A point satisfying every row proves it feasible.
   Multipliers ``λ`` (``≥ 0`` on inequalities) with ``Σ λ_i a_i = 0`` and either
   ``Σ λ_i b_i > 0``, or ``Σ λ_i b_i = 0`` with some strict ``λ_i > 0``, prove it
   infeasible (Motzkin's transposition theorem; a linear system ``A x = b`` is
   the case with only equal rows, and ``Σ λ b ≠ 0`` proves it insoluble).
2. *Rank* (:func:`rank`).  ``B·A[I, J] = I_r`` gives rank ≥ r; ``A·K = 0`` with an
   identity block in ``K`` gives a kernel of dimension ≥ cols − r, so rank ≤ r.
3. *Moore–Penrose inverse* (:func:`penrose`): the four Penrose equations have
   exactly one solution ``X = A⁺``.
4. *Complete tope lists* (:func:`topes`).  The regions of a central arrangement
   are connected through their walls, so a non-empty list of witnessed regions
   in which every region's neighbour across every hyperplane is listed or
   proved empty is the list of all regions.  The kernel computes the zero
   points and the parallel classes (the hyperplanes) itself.

Every rule raises :class:`~exactrelu.kernel.parse.Reject` or returns.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from math import lcm

from .parse import Obj, Reject, array, fmt, integer, rational, vector

Vector = list[Fraction]
Matrix = list[list[Fraction]]
ZERO = Fraction(0)


def need(ok: bool, path: str, check: str, expected: object = None, found: object = None) -> None:
    if not ok:
        raise Reject("invalid", path, check, expected, found)


def dot(a: Sequence[Fraction], b: Sequence[Fraction]) -> Fraction:
    return sum((x * y for x, y in zip(a, b, strict=True)), ZERO)


def sign(q: Fraction | int) -> int:
    return (q > 0) - (q < 0)


def transpose(a: Matrix, cols: int) -> Matrix:
    return [[r[j] for r in a] for j in range(cols)]


def matmul(a: Matrix, b: Matrix, cols: int) -> Matrix:
    bt = transpose(b, cols)
    return [[dot(r, c) for c in bt] for r in a]


def identity(r: int) -> Matrix:
    return [[Fraction(int(i == j)) for j in range(r)] for i in range(r)]


def sign_string(s: Sequence[int]) -> str:
    return "".join("+" if x > 0 else "-" if x < 0 else "0" for x in s)


# ---------------------------------------------------------------- 1. mixed linear systems
def system(strict: Matrix, weak: Matrix, equal: Matrix, k: int, ev: Obj) -> bool:
    """Rows ``[a_1 … a_k, b]``.  Evidence ``point`` (→ True) or ``multipliers {strict, weak, equal}`` (→ False)."""
    if ev.has("point"):
        x = ev.vector("point", k)
        for name, rows, ok in (("strict", strict, Fraction.__gt__), ("weak", weak, Fraction.__ge__),
                               ("equal", equal, Fraction.__eq__)):
            for i, r in enumerate(rows):
                need(ok(dot(r[:k], x), r[k]), f"{ev.path}.point", f"the point violates {name} row {i}")
        return True
    m = ev.obj("multipliers")
    ls, lw, le = m.vector("strict", len(strict)), m.vector("weak", len(weak)), m.vector("equal", len(equal))
    m.done()
    need(all(v >= 0 for v in ls + lw), m.path, "inequality multipliers must be ≥ 0")
    rows, lam = strict + weak + equal, ls + lw + le
    for c in range(k):
        need(dot(lam, [r[c] for r in rows]) == 0, m.path, f"Σ λ_i a_i ≠ 0 in coordinate {c}")
    rhs = dot(lam, [r[k] for r in rows])
    need(rhs > 0 or (rhs == 0 and any(ls)), m.path,
         "the multipliers prove nothing: need Σλb > 0, or Σλb = 0 with a positive strict multiplier")
    return False


def cone_rows(points: Matrix, s: Sequence[int]) -> tuple[Matrix, Matrix]:
    """The open face ``{w : s_j<w, x_j> > 0 (s_j ≠ 0), <w, x_j> = 0 (s_j = 0)}`` as strict and equal rows."""
    strict = [[c * s[j] for c in x] + [ZERO] for j, x in enumerate(points) if s[j]]
    equal = [[*x, ZERO] for j, x in enumerate(points) if not s[j]]
    return strict, equal


def cone(points: Matrix, s: Sequence[int], ev: Obj) -> bool:
    """Rule 1 on the open face of sign vector ``s``: non-empty (a point) or empty (Motzkin multipliers)."""
    strict, equal = cone_rows(points, s)
    return system(strict, [], equal, len(points[0]), ev)


# ---------------------------------------------------------------- 2. rank, 3. Penrose
def rank(a: Matrix, cols: int, r: int, ev: Obj) -> None:
    """Evidence ``rows`` I, ``columns`` J, ``inverse`` B (``B·A[I,J] = I_r``), ``kernel`` K (cols × (cols − r))
    with ``A·K = 0`` and ``kernel_rows`` L where ``K[L] = I``."""
    m, p = len(a), ev.path
    ri, cj = ev.indices("rows", max(m, 1)), ev.indices("columns", max(cols, 1))
    need(len(ri) == r == len(cj) and len(set(ri)) == r == len(set(cj)), f"{p}.rows",
         "I and J must be r distinct indices", r, (len(ri), len(cj)))
    b = ev.matrix("inverse", r, r)
    need(matmul(b, [[a[i][j] for j in cj] for i in ri], r) == identity(r), f"{p}.inverse",
         "B·A[I,J] is not the identity (the minor is singular)")
    k = cols - r
    kern = ev.matrix("kernel", cols if k else 0, k)
    rows_l = ev.indices("kernel_rows", max(cols, 1))
    need(len(rows_l) == k == len(set(rows_l)), f"{p}.kernel_rows", "kernel_rows names cols − r distinct rows",
         k, len(rows_l))
    need([kern[i] for i in rows_l] == identity(k), f"{p}.kernel", "kernel rows L do not form an identity block")
    if k:
        need(matmul(a, kern, k) == [[ZERO] * k for _ in a], f"{p}.kernel", "A·K ≠ 0")


def penrose(a: Matrix, x: Matrix, m: int, k: int, path: str) -> None:
    """``X`` (k × m) is ``A⁺`` for ``A`` (m × k): AXA = A, XAX = X, (AX)ᵀ = AX, (XA)ᵀ = XA."""
    need(len(x) == k and all(len(r) == m for r in x), path, "X must be cols × rows", (k, m))
    if not m or not k:
        return
    ax, xa = matmul(a, x, m), matmul(x, a, k)
    need(matmul(ax, a, k) == a and matmul(xa, x, m) == x, path, "Penrose equation AXA = A or XAX = X fails")
    need(transpose(ax, m) == ax and transpose(xa, k) == xa, path, "Penrose equation (AX)ᵀ = AX or (XA)ᵀ = XA fails")


# ---------------------------------------------------------------- 4. complete tope lists
def classes(points: Matrix) -> tuple[list[int], list[list[tuple[int, int]]]]:
    """Zero points, and the nonzero points grouped by line: ``[(j, ±1), …]`` with the sign of ``x_j`` relative
    to the class's first point.  Computed here from the points, never read from a certificate."""
    zeros, groups, key_of = [], [], {}
    for j, x in enumerate(points):
        lead = next((c for c in x if c), None)
        if lead is None:
            zeros.append(j)
            continue
        key = tuple(c / abs(lead) for c in x)  # equal for x and c·x with c > 0
        neg = tuple(-c for c in key)
        if key in key_of:
            groups[key_of[key]].append((j, 1))
        elif neg in key_of:
            groups[key_of[neg]].append((j, -1))
        else:
            key_of[key] = len(groups)
            groups.append([(j, 1)])
    return zeros, groups


def integral(x: Vector) -> list[int]:
    """``x`` times the least common multiple of its denominators: the same signs of every ``<x, ·>``."""
    m = lcm(*(c.denominator for c in x)) if x else 1
    return [int(c * m) for c in x]


def topes(points: Matrix, ev: Obj, spend) -> list[str]:
    """Rule 4.  Evidence ``topes``: ``[{signs, point, empty}]`` where ``point`` is a witness and ``empty`` lists,
    for each hyperplane whose crossing leaves the list, ``[j, [i…], [y…]]``: the neighbour across the hyperplane
    of point ``j`` is empty by the Motzkin multipliers ``y`` on the points ``i`` (sparse, at most d+1 of them).
    Returns the sign strings (zero points carry ``0``)."""
    n, d = len(points), len(points[0])
    zero_list, groups = classes(points)
    zeros = set(zero_list)  # a list would make the check below O(n·zeros) per tope
    cls = {j: g for g in groups for j, _ in g}
    ipts = [integral(x) for x in points]
    entries = ev.array("topes")
    need(len(entries) > 0, f"{ev.path}.topes", "a tope list is never empty")
    spend(len(entries) * (n * d + len(groups) * n))
    listed: dict[str, int] = {}
    for t, raw in enumerate(entries):
        e = Obj(raw, f"{ev.path}.topes[{t}]")
        s = e.signs("signs", n)
        key = sign_string(s)
        need(key not in listed, f"{e.path}.signs", "tope listed twice", None, key)
        need(all((s[j] == 0) == (j in zeros) for j in range(n)), f"{e.path}.signs",
             "a tope is 0 exactly on the zero points")
        w = integral(e.vector("point", d))
        for j in range(n):
            if s[j]:
                need(sign(sum(a * b for a, b in zip(w, ipts[j], strict=True))) == s[j], f"{e.path}.point",
                     f"the witness has the wrong sign on x_{j}")
        listed[key] = t
        e.raw("empty", [])  # read below, after the whole list is known
        e.done()
    for key, t in listed.items():
        e = Obj(entries[t], f"{ev.path}.topes[{t}]")
        e.raw("signs"), e.raw("point")
        proved = set()
        for q, raw in enumerate(array(e.raw("empty", []), f"{e.path}.empty")):
            p = f"{e.path}.empty[{q}]"
            item = array(raw, p, 3)
            j = integer(item[0], f"{p}[0]", 0, n - 1)
            need(j in cls, f"{p}[0]", "a zero point is no hyperplane")
            need(id(cls[j]) not in proved, f"{p}[0]", "one proof per hyperplane")  # so g·n (spent above) pays flips
            flip = _flip(key, cls[j])
            idx = [integer(i, f"{p}[1][{u}]", 0, n - 1) for u, i in enumerate(array(item[1], f"{p}[1]"))]
            y = vector(item[2], f"{p}[2]", len(idx))
            need(len(set(idx)) == len(idx), f"{p}[1]", "distinct points")
            spend(len(idx) * d)
            need(all(v >= 0 for v in y) and any(y) and all(flip[i] != "0" for i in idx), f"{p}[2]",
                 "Motzkin multipliers are ≥ 0, not all zero, on nonzero points")
            sgn = [1 if flip[i] == "+" else -1 for i in idx]
            for c in range(d):
                need(sum((v * g * points[i][c] for v, g, i in zip(y, sgn, idx, strict=True)), ZERO) == 0, p,
                     f"Σ y_i s_i x_i ≠ 0 in coordinate {c}: the neighbour {flip} is not proved empty")
            proved.add(id(cls[j]))
        for g in groups:
            if id(g) not in proved:
                need(_flip(key, g) in listed, e.path, "the list is not closed: a neighbour is neither listed nor "
                     "proved empty", "listed or in 'empty'", f"{_flip(key, g)} (across x_{g[0][0]})")
    return list(listed)


def _flip(key: str, group: list[tuple[int, int]]) -> str:
    chars = list(key)
    for j, _ in group:
        chars[j] = "-" if chars[j] == "+" else "+"
    return "".join(chars)


def rationals(values: Sequence[Fraction]) -> list[str]:
    return [fmt(v) for v in values]


__all__ = ["Reject", "rational", "need", "dot", "sign", "matmul", "transpose", "identity", "system", "cone",
           "cone_rows", "rank", "penrose", "classes", "topes", "integral", "sign_string"]
