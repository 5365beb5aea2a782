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

from collections.abc import Callable, Sequence
from fractions import Fraction
from functools import partial
from math import lcm
from operator import eq, ge, gt, mul

from .parse import Obj, array, count, expect, fmt, indices, integer, signs, vector

Vector = list[Fraction]
Matrix = list[list[Fraction]]
ZERO, ONE = Fraction(0), Fraction(1)


need = partial(expect, kind="invalid")  # need(ok, path, check, expected, found): an invalid claim unless ok


def dot(a: Sequence[Fraction], b: Sequence[Fraction]) -> Fraction:
    return sum((x * y for x, y in zip(a, b, strict=True)), ZERO)


def sign(q: Fraction | int) -> int:
    return (q > 0) - (q < 0)


def transpose(a: Matrix, cols: int) -> Matrix:
    return [[r[j] for r in a] for j in range(cols)]


def matmul(a: Matrix, b: Matrix, cols: int) -> Matrix:
    return [[dot(r, c) for c in transpose(b, cols)] for r in a]


def identity(r: int) -> Matrix:
    return [[Fraction(int(i == j)) for j in range(r)] for i in range(r)]


def sign_string(s: Sequence[int]) -> str:
    return "".join("+" if x > 0 else "-" if x < 0 else "0" for x in s)


def block(vec: Sequence[Fraction], at: int, k: int) -> Vector:
    """A homogeneous row ``[0…0, vec, 0…0 | 0]`` of a ``k``-variable system (rule 1): ``vec`` on the variables
    ``at, at + 1, …``, zero on the others and on the right-hand side."""
    return [ZERO] * at + list(vec) + [ZERO] * (k + 1 - at - len(vec))


# ---------------------------------------------------------------- 1. mixed linear systems
def system(strict: Matrix, weak: Matrix, equal: Matrix, k: int, ev: Obj) -> bool:
    """Rows ``[a_1 … a_k, b]``.  Evidence ``point`` (→ True) or ``multipliers {strict, weak, equal}`` (→ False)."""
    if ev.has("point"):
        x = ev.vector("point", k)
        for name, rows, ok in (("strict", strict, gt), ("weak", weak, ge), ("equal", equal, eq)):
            for i, r in enumerate(rows):
                need(ok(dot(r[:k], x), r[k]), f"{ev.path}.point", f"the point violates {name} row {i}")
        return True
    m = ev.obj("multipliers")
    ls, lw, le = m.vector("strict", len(strict)), m.vector("weak", len(weak)), m.vector("equal", len(equal))
    m.done()
    need(all(v >= 0 for v in ls + lw), m.path, "inequality multipliers must be ≥ 0")
    lam = ls + lw + le
    *sums, rhs = [dot(lam, col) for col in transpose(strict + weak + equal, k + 1)]
    need(not any(sums), m.path, "Σ λ_i a_i ≠ 0", "0 in every coordinate", [fmt(v) for v in sums])
    need(rhs > 0 or (rhs == 0 and any(ls)), m.path,
         "the multipliers prove nothing: need Σλb > 0, or Σλb = 0 with a positive strict multiplier")
    return False


def cone(points: Matrix, s: Sequence[int], ev: Obj) -> bool:
    """Rule 1 on the open face ``{w : s_j<w, x_j> > 0 (s_j ≠ 0), <w, x_j> = 0 (s_j = 0)}`` of sign vector ``s``:
    non-empty (a point) or empty (Motzkin multipliers)."""
    strict = [[c * s[j] for c in x] + [ZERO] for j, x in enumerate(points) if s[j]]
    return system(strict, [], [[*x, ZERO] for j, x in enumerate(points) if not s[j]], len(points[0]), ev)


def bits(value: object, path: str, n: int, count: int | None = None) -> list[list[int]]:
    """A list of ``count`` 0/1 strings of length ``n`` (an activation pattern: one row per unit)."""
    return [signs(r, f"{path}[{i}]", n, "01") for i, r in enumerate(array(value, path, count))]


def agree(claim: Obj, reader: Callable[..., object] = count, **values: object) -> None:
    """Each ``claim[key]`` (a count, or what ``reader`` reads) equals the kernel's own ``value``."""
    for key, value in values.items():
        need(claim.read(reader, key) == value, f"{claim.path}.{key}", "recomputed", str(value), claim.value[key])


# ---------------------------------------------------------------- 2. rank, 3. Penrose
def rank(a: Matrix, cols: int, r: int, ev: Obj) -> None:
    """Evidence ``rows`` I, ``columns`` J, ``inverse`` B (``B·A[I,J] = I_r``), ``kernel`` K (cols × (cols − r))
    with ``A·K = 0`` and ``kernel_rows`` L where ``K[L] = I``."""
    p, ri, cj = ev.path, ev.indices("rows", max(len(a), 1)), ev.indices("columns", max(cols, 1))
    need(len(ri) == r == len(cj) and len(set(ri)) == r == len(set(cj)), f"{p}.rows",
         "I and J must be r distinct indices", r, (len(ri), len(cj)))
    need(matmul(ev.matrix("inverse", r, r), [[a[i][j] for j in cj] for i in ri], r) == identity(r), f"{p}.inverse",
         "B·A[I,J] is not the identity (the minor is singular)")
    kern, rows_l = ev.matrix("kernel", cols if (k := cols - r) else 0, k), ev.indices("kernel_rows", max(cols, 1))
    need(len(rows_l) == k == len(set(rows_l)) and [kern[i] for i in rows_l] == identity(k), f"{p}.kernel_rows",
         "kernel_rows L must be cols − r distinct rows where K is the identity")
    need(matmul(a, kern, k) == [[ZERO] * k for _ in a], f"{p}.kernel", "A·K ≠ 0")  # k = 0: rows of length 0


def penrose(a: Matrix, x: Matrix, m: int, k: int, path: str) -> None:
    """``X`` (k × m) is ``A⁺`` for ``A`` (m × k): AXA = A, XAX = X, (AX)ᵀ = AX, (XA)ᵀ = XA (with m or k = 0 they
    hold for the empty ``X``)."""
    need(len(x) == k and all(len(r) == m for r in x), path, "X must be cols × rows", (k, m))
    ax, xa = matmul(a, x, m), matmul(x, a, k)
    need(matmul(ax, a, k) == a and matmul(xa, x, m) == x, path, "Penrose equation AXA = A or XAX = X fails")
    need(transpose(ax, m) == ax and transpose(xa, k) == xa, path, "Penrose equation (AX)ᵀ = AX or (XA)ᵀ = XA fails")


# ---------------------------------------------------------------- 4. complete tope lists
def classes(points: Matrix) -> tuple[list[int], list[list[int]]]:
    """Zero points, and the indices of the nonzero points grouped by line (a hyperplane ``x_j^⊥`` of the
    arrangement per class).  Computed here from the points, never read from a certificate."""
    zeros, groups = [j for j, x in enumerate(points) if not any(x)], {}
    for j, x in enumerate(points):
        if lead := next((c for c in x if c), None):  # the same key for x and c·x, c ≠ 0
            groups.setdefault(tuple(c / lead for c in x), []).append(j)
    return zeros, list(groups.values())


def integral(x: Vector) -> list[int]:
    """``x`` times the least common multiple of its denominators: the same signs of every ``<x, ·>``."""
    m = lcm(*(c.denominator for c in x)) if x else 1
    return [int(c * m) for c in x]


def topes(points: Matrix, ev: Obj, spend: Callable[[int], None]) -> list[str]:
    """Rule 4.  Evidence ``circuits``: ``[[[i…], [y…]], …]``, each a dependency ``Σ y_i x_i = 0`` with nonzero
    integers ``y`` on distinct nonzero points; ``topes``: ``[{signs, point, empty}]`` where ``point`` is a
    witness and ``empty`` lists, for each hyperplane whose crossing leaves the list, ``[j, c]``: the signs of
    circuit ``c`` agree (up to one global sign) with the neighbour across the hyperplane of ``x_j``, so
    ``|y|`` are Motzkin multipliers proving that neighbour empty.  Returns the sign strings (``0`` on zero points).

    Sign vectors are handled as the bit masks of their ``+`` entries (the zero entries are fixed)."""
    n, d = len(points), len(points[0])
    zeros, groups = classes(points)
    cls = {j: q for q, g in enumerate(groups) for j in g}
    gmask = [sum(1 << j for j in g) for g in groups]  # a class's bits (O(n·|g|) each: O(n²) in all)
    ipts = [integral(x) for x in points]
    xs, deps = [[int(c) for c in x] if all(c.denominator == 1 for c in x) else x for x in points], []
    for c, raw in enumerate(ev.array("circuits")):
        p = f"{ev.path}.circuits[{c}]"
        idx = indices(array(raw, p, 2)[0], f"{p}[0]", n)
        ys = [int(y) for y in vector(raw[1], f"{p}[1]", len(idx)) if y and y.denominator == 1]
        need(len(ys) == len(idx), f"{p}[1]", "the coefficients are nonzero integers")
        spend(len(idx) * d + 1)
        need(len(set(idx)) == len(idx) > 0 and all(i in cls for i in idx), f"{p}[0]", "distinct nonzero points")
        need(not any(map(sum, zip(*([y * v for v in xs[i]] for y, i in zip(ys, idx, strict=True)), strict=True))), p,
             "Σ y_i x_i ≠ 0: not a linear dependency")
        # the bit masks of the points with y_i > 0 and with y_i < 0
        deps.append([sum(1 << i for i, y in zip(idx, ys, strict=True) if (y > 0) == up) for up in (True, False)])
    entries = ev.array("topes")
    need(len(entries) > 0, f"{ev.path}.topes", "a tope list is never empty")
    spend(len(entries) * (n * d + len(groups)))
    plus = str.maketrans("+-0", "100")
    listed: dict[int, int] = {}
    for t, raw in enumerate(entries):
        e = Obj(raw, f"{ev.path}.topes[{t}]")
        s, mask = e.signs("signs", n), int(e.value["signs"][::-1].translate(plus), 2)
        need(mask not in listed, f"{e.path}.signs", "tope listed twice", None, e.value["signs"])
        need([j for j, c in enumerate(s) if not c] == zeros, f"{e.path}.signs", "a tope is 0 just on the zero points")
        w = integral(e.vector("point", d))
        bad = [j for j, x in enumerate(ipts) if sign(sum(map(mul, w, x))) != s[j]]
        need(not bad, f"{e.path}.point", "the witness has the wrong sign on a point", None, bad[0] if bad else None)
        listed[mask] = t
        e.raw("empty")  # read below, once the whole list is known
        e.done()
    for mask, t in listed.items():
        path = f"{ev.path}.topes[{t}].empty"
        items, proved = array(entries[t]["empty"], path), set()
        for k, it in enumerate(items):
            j, c = array(it, f"{path}[{k}]", 2)
            need(integer(j, f"{path}[{k}][0]", 0, n - 1) in cls, f"{path}[{k}][0]", "a zero point is no hyperplane")
            pos, neg = deps[integer(c, f"{path}[{k}][1]", 0, len(deps) - 1)]
            flip = mask ^ gmask[cls[j]]
            need(not (pos & ~flip | neg & flip) or not (pos & flip | neg & ~flip), f"{path}[{k}]",
                 "the circuit's signs do not agree with the neighbour across x_j: it proves nothing")
            proved.add(cls[j])
        spend(len(items))
        for q, g in enumerate(gmask):
            need(q in proved or mask ^ g in listed, path, "the list is not closed: a neighbour is neither listed "
                 "nor proved empty", "listed or in 'empty'", f"the neighbour across x_{groups[q][0]}")
    return [entries[t]["signs"] for t in listed.values()]  # validated above: O(n) each, no list scan or shifts
