"""Exact linear algebra over Q, delegated to FLINT (python-flint's ``fmpq_mat``).

Matrices cross this module's boundary as tuples of rows of
:class:`fractions.Fraction`; inside, every operation (rank, rref, inverse,
products) is one FLINT call.  Kernels and particular solutions are read off the
reduced row echelon form that FLINT computes.

>>> rank([[1, 2], [2, 4]])
1
>>> nullspace([[1, 2], [2, 4]])
((Fraction(-2, 1), Fraction(1, 1)),)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from flint import fmpq, fmpq_mat

__all__ = [
    "Matrix",
    "to_fmpq_mat",
    "from_fmpq_mat",
    "rank",
    "rref",
    "pivot_columns",
    "nullspace",
    "solve",
    "inverse",
    "matmul",
    "transpose",
    "pseudo_inverse",
    "substitute_solutions",
    "RankEvidence",
    "rank_evidence",
]

Vector = tuple[Fraction, ...]
Matrix = tuple[Vector, ...]
MatrixLike = Sequence[Sequence[Fraction | int]]


def _fraction(q: fmpq) -> Fraction:
    return Fraction(int(q.p), int(q.q))


def to_fmpq_mat(rows: MatrixLike, ncols: int | None = None) -> fmpq_mat:
    """A FLINT rational matrix; ``ncols`` is needed only for a matrix with no rows."""
    m = len(rows)
    k = len(rows[0]) if m else (ncols or 0)
    flat = []
    for r in rows:
        for x in r:
            if type(x) is int:  # the common case in the LP systems: no Fraction round trip
                flat.append(fmpq(x))
                continue
            x = Fraction(x)
            flat.append(fmpq(x.numerator, x.denominator))
    return fmpq_mat(m, k, flat)


def from_fmpq_mat(mat: fmpq_mat) -> Matrix:
    """A FLINT ``fmpq_mat`` as a tuple of rows of Fractions.

    >>> from_fmpq_mat(to_fmpq_mat([[1, 2], [3, 4]]))
    ((Fraction(1, 1), Fraction(2, 1)), (Fraction(3, 1), Fraction(4, 1)))
    """
    k = mat.ncols()
    entries = [_fraction(q) for q in mat.entries()]
    return tuple(tuple(entries[i * k:(i + 1) * k]) for i in range(mat.nrows()))


def rank(rows: MatrixLike) -> int:
    """The rank over Q.

    >>> rank([[1, 2], [2, 4]]), rank([[1, 0], [0, 1]])
    (1, 2)
    """
    if not rows or not len(rows[0]):
        return 0
    return to_fmpq_mat(rows).rank()


def rref(rows: MatrixLike) -> tuple[Matrix, tuple[int, ...]]:
    """Reduced row echelon form and its pivot columns.

    >>> rref([[2, 4], [1, 3]])
    (((Fraction(1, 1), Fraction(0, 1)), (Fraction(0, 1), Fraction(1, 1))), (0, 1))
    """
    if not rows:
        return (), ()
    reduced, r = to_fmpq_mat(rows).rref()
    mat = from_fmpq_mat(reduced)
    pivots = []
    for i in range(r):
        pivots.append(next(j for j, x in enumerate(mat[i]) if x != 0))
    return mat, tuple(pivots)


def pivot_columns(rows: MatrixLike) -> tuple[int, ...]:
    """Indices of a maximal set of linearly independent columns (the first in order).

    >>> pivot_columns([[1, 2, 0], [2, 4, 1]])  # column 1 is twice column 0
    (0, 2)
    """
    return rref(rows)[1]


def nullspace(rows: MatrixLike, ncols: int | None = None) -> Matrix:
    """A basis of ``{v : A v = 0}``, one vector per free column of the rref.

    >>> nullspace([[1, 1, 0]])  # x + y = 0: (−1, 1, 0) and the free z-axis
    ((Fraction(-1, 1), Fraction(1, 1), Fraction(0, 1)), (Fraction(0, 1), Fraction(0, 1), Fraction(1, 1)))
    """
    k = len(rows[0]) if rows else (ncols or 0)
    if not rows:
        return tuple(tuple(Fraction(int(i == j)) for j in range(k)) for i in range(k))
    mat, pivots = rref(rows)
    free = [j for j in range(k) if j not in pivots]
    basis = []
    for f in free:
        v = [Fraction(0)] * k
        v[f] = Fraction(1)
        for i, p in enumerate(pivots):
            v[p] = -mat[i][f]
        basis.append(tuple(v))
    return tuple(basis)


def solve(rows: MatrixLike, rhs: Sequence[Fraction | int]) -> Vector | None:
    """One solution of ``A x = b`` (free variables 0), or ``None`` if there is none.

    >>> solve([[1, 1], [1, -1]], [3, 1]), solve([[1, 1], [2, 2]], [1, 3])
    ((Fraction(2, 1), Fraction(1, 1)), None)
    """
    k = len(rows[0]) if rows else 0
    if not rows:
        return tuple(Fraction(0) for _ in range(k))
    aug = [list(r) + [b] for r, b in zip(rows, rhs, strict=True)]
    mat, pivots = rref(aug)
    if k in pivots:
        return None
    x = [Fraction(0)] * k
    for i, p in enumerate(pivots):
        x[p] = mat[i][k]
    return tuple(x)


def inverse(rows: MatrixLike) -> Matrix:
    """The inverse of a square non-singular matrix (raises ``ZeroDivisionError`` if singular).

    >>> inverse([[2, 0], [0, 4]])
    ((Fraction(1, 2), Fraction(0, 1)), (Fraction(0, 1), Fraction(1, 4)))
    """
    return from_fmpq_mat(to_fmpq_mat(rows).inv())


def matmul(a: MatrixLike, b: MatrixLike) -> Matrix:
    """The exact product ``a·b`` (FLINT).

    >>> matmul([[1, 2]], [[3], [4]])
    ((Fraction(11, 1),),)
    """
    if not a or not b:
        return tuple(() for _ in a)
    return from_fmpq_mat(to_fmpq_mat(a) * to_fmpq_mat(b))


def transpose(a: MatrixLike, ncols: int | None = None) -> Matrix:
    """``aᵀ`` as Fractions (``ncols`` gives the width of an empty ``a``).

    >>> transpose([[1, 2]])
    ((Fraction(1, 1),), (Fraction(2, 1),))
    """
    k = len(a[0]) if a else (ncols or 0)
    return tuple(tuple(Fraction(a[i][j]) for i in range(len(a))) for j in range(k))


def pseudo_inverse(rows: MatrixLike, ncols: int | None = None) -> Matrix:
    """The Moore–Penrose inverse ``A^+`` over Q.

    With the rank factorisation ``A = C F`` (``C`` the pivot columns of ``A``,
    ``F`` the non-zero rows of its rref, both of full rank ``r``),
    ``A^+ = F^T (F F^T)^{-1} (C^T C)^{-1} C^T`` (Ben-Israel & Greville, Thm 1.3.2).

    >>> pseudo_inverse([[1, 1]])
    ((Fraction(1, 2),), (Fraction(1, 2),))
    """
    m = len(rows)
    k = len(rows[0]) if m else (ncols or 0)
    if m == 0 or k == 0:
        return tuple(tuple(Fraction(0) for _ in range(m)) for _ in range(k))
    a = to_fmpq_mat(rows)
    reduced, r = a.rref()
    if r == 0:
        return tuple(tuple(Fraction(0) for _ in range(m)) for _ in range(k))
    red = from_fmpq_mat(reduced)
    pivots = [next(j for j, x in enumerate(red[i]) if x != 0) for i in range(r)]
    f = to_fmpq_mat(red[:r])
    c = to_fmpq_mat([[row[p] for p in pivots] for row in rows])
    ft, ct = f.transpose(), c.transpose()
    result = ft * (f * ft).inv() * (ct * c).inv() * ct
    return from_fmpq_mat(result)


def substitute_solutions(equations: MatrixLike, rhs: Sequence[Fraction | int], rows: MatrixLike,
                         ncols: int) -> tuple[Matrix, Vector, int] | None:
    """``(A N, A x_0, dim)`` for the solutions ``x = x_0 + N c`` of ``E x = e`` (``dim`` columns in ``N``), or
    ``None`` if there are none.

    One rref of ``[E | e]`` gives ``x_0`` (free unknowns 0) and a nullspace basis ``N`` (one column per free
    unknown); the product with the rows ``A`` stays in FLINT, so substituting the solution set into a system's
    other rows costs one rref and one product.  ``ncols`` is the number of unknowns.

    >>> substitute_solutions([[1, 1, 0]], [2], [[1, 0, 0], [0, 0, 1]], 3)  # x = 2 − y: x ↦ −y + 2, z ↦ z
    (((Fraction(-1, 1), Fraction(0, 1)), (Fraction(0, 1), Fraction(1, 1))), (Fraction(2, 1), Fraction(0, 1)), 2)
    >>> substitute_solutions([[1, 1], [1, 1]], [0, 1], [[1, 0]], 2) is None
    True
    """
    k = ncols
    red, r = to_fmpq_mat([[*e, b] for e, b in zip(equations, rhs, strict=True)], k + 1).rref() if equations \
        else (fmpq_mat(0, k + 1), 0)
    pivots = [next(j for j in range(k + 1) if red[i, j] != 0) for i in range(r)]
    if pivots and pivots[-1] == k:  # a row 0 = 1
        return None
    free = [j for j in range(k) if j not in set(pivots)]
    m = len(free)
    grid = [[fmpq(0)] * (m + 1) for _ in range(k)]
    for c, f in enumerate(free):
        grid[f][c] = fmpq(1)
    for i, p in enumerate(pivots):
        for c, f in enumerate(free):
            grid[p][c] = -red[i, f]
        grid[p][m] = red[i, k]
    if not rows:
        return (), (), m
    prod = from_fmpq_mat(to_fmpq_mat(rows, k) * fmpq_mat(k, m + 1, [v for row in grid for v in row]))
    return tuple(row[:m] for row in prod), tuple(row[m] for row in prod), m


@dataclass(frozen=True)
class RankEvidence:
    """SPEC §6 rank evidence for a matrix with ``cols`` columns.

    ``inverse · A[rows, columns] = I_r`` (rank ≥ r) and ``A · kernel = 0`` where
    the ``kernel`` rows ``kernel_rows`` are an identity block (rank ≤ r).
    ``kernel`` is stored as a list of ``cols`` rows with ``cols − r`` entries.
    """

    rank: int
    rows: tuple[int, ...]
    columns: tuple[int, ...]
    inverse: Matrix
    kernel: Matrix
    kernel_rows: tuple[int, ...]


def rank_evidence(a: Sequence[Sequence[Fraction]], cols: int) -> RankEvidence:
    """Rank of ``a`` with a nonzero ``r × r`` minor and a kernel basis (all by FLINT): the rank evidence of SPEC §6.

    >>> ev = rank_evidence([[1, 2], [2, 4]], 2)
    >>> ev.rank, ev.columns, ev.kernel_rows, ev.kernel
    (1, (0,), (1,), ((Fraction(-2, 1),), (Fraction(1, 1),)))
    """
    if not a or cols == 0:
        ident = tuple(tuple(Fraction(int(i == j)) for j in range(cols)) for i in range(cols))
        return RankEvidence(0, (), (), (), ident, tuple(range(cols)))
    _, pivots = rref(a)
    r = len(pivots)
    sub_t = [[a[i][j] for i in range(len(a))] for j in pivots]  # columns J as rows
    rows = pivot_columns(sub_t)  # independent rows of A[:, J]
    inv = inverse([[a[i][j] for j in pivots] for i in rows]) if r else ()
    basis = nullspace(a)  # one vector per free column, 1 there
    free = tuple(j for j in range(cols) if j not in pivots)
    kernel = tuple(tuple(basis[c][t] for c in range(len(basis))) for t in range(cols)) if basis else ()
    return RankEvidence(r, tuple(rows), tuple(pivots), inv, kernel, free)
