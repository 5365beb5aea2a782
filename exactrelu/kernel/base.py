"""The kernel's trusted base: strict parsing and exact replay primitives.

Standard library only (``fractions``, ``re``).  Every function here either
returns a value or raises :class:`CheckFailure` naming the kind of failure,
the check, the JSON path, and the expected vs found value.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from typing import Any

Vector = list[Fraction]
Matrix = list[list[Fraction]]

SUPPORTED_MAJOR = 1
_RATIONAL = re.compile(r"(0|-?[1-9]\d*)(/([1-9]\d*))?")
_SIGNS = re.compile(r"[-+0]*")


class CheckFailure(Exception):
    """A certificate that does not check; ``kind`` is parse, schema, version or invalid."""

    def __init__(self, kind: str, check: str, path: str, expected: object = None, found: object = None):
        self.kind, self.check, self.path, self.expected, self.found = kind, check, path, expected, found
        msg = f"{kind} error at {path}: {check}"
        if expected is not None or found is not None:
            msg += f" (expected {_short(expected)}, found {_short(found)})"
        super().__init__(msg)


def _short(v: object) -> str:
    s = repr(v)
    return s if len(s) <= 120 else s[:117] + "..."


def fail(check: str, path: str, expected: object = None, found: object = None) -> CheckFailure:
    return CheckFailure("invalid", check, path, expected, found)


def need(cond: bool, check: str, path: str, expected: object = None, found: object = None) -> None:
    if not cond:
        raise fail(check, path, expected, found)


# ---------------------------------------------------------------- parsing
def rational(v: Any, path: str) -> Fraction:
    """A rational written as a string ``"p"`` or ``"p/q"`` in lowest terms, ``q > 1``."""
    if not isinstance(v, str):
        raise CheckFailure("schema", "rationals must be JSON strings \"p/q\"", path, "string", type(v).__name__)
    m = _RATIONAL.fullmatch(v)
    if not m:
        raise CheckFailure("schema", "malformed rational", path, "\"p\" or \"p/q\"", v)
    q = Fraction(v)
    if m.group(3) and (q.denominator != int(m.group(3)) or q.denominator == 1):
        raise CheckFailure("schema", "rational not in lowest terms", path, _fmt(q), v)
    return q


def _fmt(q: Fraction) -> str:
    return str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"


def field(obj: Any, key: str, path: str) -> Any:
    if not isinstance(obj, Mapping):
        raise CheckFailure("schema", "expected an object", path, "object", type(obj).__name__)
    if key not in obj:
        raise CheckFailure("schema", f"missing key '{key}'", f"{path}.{key}")
    return obj[key]


def array(v: Any, path: str, length: int | None = None) -> list[Any]:
    if not isinstance(v, list):
        raise CheckFailure("schema", "expected an array", path, "array", type(v).__name__)
    if length is not None and len(v) != length:
        raise CheckFailure("schema", "wrong array length", path, length, len(v))
    return v


def vector(v: Any, path: str, length: int | None = None) -> Vector:
    return [rational(x, f"{path}[{i}]") for i, x in enumerate(array(v, path, length))]


def matrix(v: Any, path: str, rows: int | None = None, cols: int | None = None) -> Matrix:
    return [vector(r, f"{path}[{i}]", cols) for i, r in enumerate(array(v, path, rows))]


def integer(v: Any, path: str, lo: int | None = None, hi: int | None = None) -> int:
    if not isinstance(v, int) or isinstance(v, bool):
        raise CheckFailure("schema", "expected an integer", path, "integer", v)
    if (lo is not None and v < lo) or (hi is not None and v > hi):
        raise CheckFailure("schema", "integer out of range", path, f"[{lo}, {hi}]", v)
    return v


def indices(v: Any, path: str, bound: int) -> list[int]:
    return [integer(x, f"{path}[{i}]", 0, bound - 1) for i, x in enumerate(array(v, path))]


def signs(v: Any, path: str, length: int) -> list[int]:
    """A sign vector written as a string over ``+``, ``-``, ``0``."""
    if not isinstance(v, str) or not _SIGNS.fullmatch(v) or len(v) != length:
        raise CheckFailure("schema", "expected a sign string over '+-0'", path, f"{length} signs", v)
    return [{"+": 1, "-": -1, "0": 0}[c] for c in v]


def sign_string(s: Sequence[int]) -> str:
    return "".join("+" if x > 0 else "-" if x < 0 else "0" for x in s)


# ---------------------------------------------------------------- arithmetic
def dot(a: Sequence[Fraction], b: Sequence[Fraction]) -> Fraction:
    return sum((x * y for x, y in zip(a, b, strict=True)), Fraction(0))


def sign(q: Fraction) -> int:
    return (q > 0) - (q < 0)


def matmul(a: Matrix, b: Matrix, inner: int | None = None) -> Matrix:
    cols = len(b[0]) if b else 0
    bt = [[b[i][j] for i in range(len(b))] for j in range(cols)]
    return [[dot(r, c) for c in bt] for r in a]


def transpose(a: Matrix, cols: int) -> Matrix:
    return [[a[i][j] for i in range(len(a))] for j in range(cols)]


def identity(r: int) -> Matrix:
    return [[Fraction(int(i == j)) for j in range(r)] for i in range(r)]


# ---------------------------------------------------------------- instance
def augmented_points(instance: Any, path: str = "instance") -> Matrix:
    """The points ``x_j`` of SPEC §1, with the constant 1 appended when ``bias``."""
    data = field(instance, "data", path)
    pts = matrix(field(data, "points", f"{path}.data"), f"{path}.data.points")
    if not pts:
        raise CheckFailure("schema", "an instance needs at least one point", f"{path}.data.points")
    d0 = len(pts[0])
    for i, p in enumerate(pts):
        if len(p) != d0:
            raise CheckFailure("schema", "ragged points", f"{path}.data.points[{i}]", d0, len(p))
    bias = data.get("bias", False)
    if not isinstance(bias, bool):
        raise CheckFailure("schema", "bias must be true or false", f"{path}.data.bias", "boolean", bias)
    return [p + [Fraction(1)] for p in pts] if bias else pts


Checker = Callable[[Mapping[str, Any], Any, Mapping[str, Any], "Context"], None]


class Context:
    """What a checker may use besides its own claim: the instance and earlier proved steps."""

    def __init__(self, instance: Any, proved: dict[str, Mapping[str, Any]]):
        self.instance = instance
        self.proved = proved

    def step(self, ref: Any, kind: str, path: str) -> Mapping[str, Any]:
        """The claim of an earlier, already checked step of the given kind."""
        if not isinstance(ref, str) or ref not in self.proved:
            raise fail("reference to a step that is not earlier in the certificate", path, "an earlier step id", ref)
        claim = self.proved[ref]
        need(claim.get("kind") == kind, "referenced step has the wrong kind", path, kind, claim.get("kind"))
        return claim


# ---------------------------------------------------------------- reusable replays
def check_rank(a: Matrix, cols: int, r: int, ev: Mapping[str, Any], path: str) -> None:
    """SPEC §6: rank ``= r``.

    Evidence ``rows`` I, ``columns`` J, ``inverse`` B with ``B·A[I,J] = I_r``
    (so rank ≥ r) and ``kernel`` K (cols × (cols − r)) with ``A·K = 0`` whose
    rows ``kernel_rows`` L form an identity block (so the kernel has dimension
    ≥ cols − r, rank ≤ r).
    """
    m = len(a)
    rows_i = indices(field(ev, "rows", path), f"{path}.rows", max(m, 1))
    cols_j = indices(field(ev, "columns", path), f"{path}.columns", max(cols, 1))
    need(len(rows_i) == r == len(cols_j), "minor size differs from the claimed rank", f"{path}.rows", r, len(rows_i))
    need(len(set(rows_i)) == r and len(set(cols_j)) == r, "repeated row or column index", f"{path}.rows")
    b = matrix(field(ev, "inverse", path), f"{path}.inverse", r, r)
    sub = [[a[i][j] for j in cols_j] for i in rows_i]
    need(matmul(b, sub) == identity(r), "B·A[I,J] is not the identity (minor singular)", f"{path}.inverse")
    k = cols - r
    kern = matrix(field(ev, "kernel", path), f"{path}.kernel", cols, k) if k else []
    lrows = indices(field(ev, "kernel_rows", path), f"{path}.kernel_rows", max(cols, 1)) if k else []
    need(len(lrows) == k and len(set(lrows)) == k, "kernel_rows must name cols − r distinct rows",
         f"{path}.kernel_rows", k, len(lrows))
    if k:
        need([kern[i] for i in lrows] == identity(k), "kernel rows L do not form an identity block", f"{path}.kernel")
        for i, row in enumerate(a):
            for c in range(k):
                column = [kern[t][c] for t in range(cols)]
                need(dot(row, column) == 0, "A·K ≠ 0", f"{path}.kernel[*][{c}]", "0", f"row {i}")


def check_solution(a: Matrix, rhs: Vector, x: Vector, path: str) -> None:
    for i, row in enumerate(a):
        need(dot(row, x) == rhs[i], "A·x ≠ b", f"{path}[{i}]", _fmt(rhs[i]), _fmt(dot(row, x)))


def check_insoluble(a: Matrix, rhs: Vector, u: Vector, cols: int, path: str) -> None:
    """``uᵀA = 0`` and ``uᵀb = 1``: then ``A x = b`` has no solution."""
    need(len(u) == len(a), "u must have one entry per row", path, len(a), len(u))
    for c in range(cols):
        need(dot(u, [row[c] for row in a]) == 0, "uᵀA ≠ 0", f"{path} (column {c})")
    need(dot(u, rhs) == 1, "uᵀb ≠ 1", path, "1", _fmt(dot(u, rhs)))


def check_penrose(a: Matrix, x: Matrix, m: int, k: int, path: str) -> None:
    """The four Penrose equations: AXA = A, XAX = X, (AX)ᵀ = AX, (XA)ᵀ = XA."""
    need(len(x) == k and all(len(r) == m for r in x), "X must be cols × rows", path, (k, m))
    ax, xa = matmul(a, x), matmul(x, a)
    need(matmul(ax, a) == a if m and k else True, "Penrose equation AXA = A fails", path)
    need(matmul(xa, x) == x if m and k else True, "Penrose equation XAX = X fails", path)
    need(transpose(ax, m) == ax, "Penrose equation (AX)ᵀ = AX fails", path)
    need(transpose(xa, k) == xa, "Penrose equation (XA)ᵀ = XA fails", path)


def check_system(strict: Matrix, weak: Matrix, equal: Matrix, k: int, ev: Mapping[str, Any], path: str) -> bool:
    """Replay a mixed system's verdict; rows are ``[a_1 … a_k, b]`` for ``a·x (>, ≥, =) b``.

    Evidence ``{"point": x}`` proves it feasible (returns True);
    ``{"multipliers": {"strict", "weak", "equal"}}`` proves it infeasible by
    Motzkin's theorem (returns False).
    """
    if "point" in ev:
        x = vector(ev["point"], f"{path}.point", k)
        for name, rows, ok in (("strict", strict, lambda v, b: v > b), ("weak", weak, lambda v, b: v >= b),
                               ("equal", equal, lambda v, b: v == b)):
            for i, r in enumerate(rows):
                need(ok(dot(r[:k], x), r[k]), f"the point violates {name} row {i}", f"{path}.point")
        return True
    mult = field(ev, "multipliers", path)
    ls = vector(field(mult, "strict", f"{path}.multipliers"), f"{path}.multipliers.strict", len(strict))
    lw = vector(field(mult, "weak", f"{path}.multipliers"), f"{path}.multipliers.weak", len(weak))
    le = vector(field(mult, "equal", f"{path}.multipliers"), f"{path}.multipliers.equal", len(equal))
    need(all(v >= 0 for v in ls + lw), "inequality multipliers must be ≥ 0", f"{path}.multipliers")
    rows = strict + weak + equal
    lam = ls + lw + le
    for c in range(k):
        need(dot(lam, [r[c] for r in rows]) == 0, "Σ λ_i a_i ≠ 0", f"{path}.multipliers", "0", f"column {c}")
    rhs = dot(lam, [r[k] for r in rows])
    need(rhs > 0 or (rhs == 0 and any(v > 0 for v in ls)),
         "multipliers prove nothing: need Σλb > 0, or Σλb = 0 with a positive strict multiplier", f"{path}.multipliers")
    return False
