"""Exact feasibility of mixed linear systems, decided by cdd's exact (GMP) LP solver.

A :class:`LinearSystem` in the unknowns ``x ∈ Q^k`` has strict rows ``a·x > b``,
weak rows ``a·x ≥ b`` and equations ``a·x = b``.  :func:`decide` returns either

* a :class:`FeasiblePoint` — a rational ``x`` satisfying every row, or
* an :class:`Infeasibility` — Motzkin multipliers ``λ`` (``λ ≥ 0`` on the
  inequalities, free on the equations) with ``Σ λ_i a_i = 0`` and either
  ``Σ λ_i b_i > 0``, or ``Σ λ_i b_i ≥ 0`` with some strict multiplier positive.
  Summing the rows with these weights gives ``0 > 0`` or ``0 ≥ ε > 0``:
  Motzkin's transposition theorem, the strict-row form of Farkas' lemma.

Both answers are re-verified in exact arithmetic before they are returned, so
cdd is trusted for the search only, never for the verdict.

>>> sys = LinearSystem.open_cone([[1, 0], [-1, 0]], [1, 1])   # x1 > 0 and -x1 > 0
>>> decide(sys).feasible
False
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from math import lcm

import cdd
import cdd.gmp as cddg

__all__ = ["Row", "LinearSystem", "FeasiblePoint", "Infeasibility", "decide", "LPCounter"]

Vector = tuple[Fraction, ...]
Number = int | Fraction


def _exact(x: object) -> Number:
    """An int when the value is integral (integer arithmetic is several times faster than Fraction's)."""
    if type(x) is int:
        return x
    if type(x) is Fraction:  # no new object for a Fraction already in lowest terms
        return x.numerator if x.denominator == 1 else x
    q = Fraction(x)  # type: ignore[arg-type]
    return q.numerator if q.denominator == 1 else q


def _integral(v: Sequence[Number]) -> tuple[list[int], int]:
    """``(D·v, D)`` with ``D > 0`` the least common denominator: the same ray, in integers."""
    den = lcm(*(Fraction(x).denominator for x in v)) if v else 1
    return [int(x * den) for x in v], den


@dataclass(frozen=True)
class Row:
    """``a·x (>, ≥, =) b``."""

    a: tuple[Number, ...]
    b: Number = 0


@dataclass(frozen=True)
class LinearSystem:
    """Strict rows ``a·x > b``, weak rows ``a·x ≥ b`` and equations ``a·x = b`` in the unknowns ``x ∈ Q^k``."""

    k: int
    strict: tuple[Row, ...] = ()
    weak: tuple[Row, ...] = ()
    equal: tuple[Row, ...] = ()

    @staticmethod
    def build(k: int, strict: Sequence[tuple[Sequence, object]] = (),
              weak: Sequence[tuple[Sequence, object]] = (),
              equal: Sequence[tuple[Sequence, object]] = ()) -> LinearSystem:
        def rows(spec: Sequence[tuple[Sequence, object]]) -> tuple[Row, ...]:
            out = []
            for a, b in spec:
                vec = tuple(_exact(x) for x in a)
                if len(vec) != k:
                    raise ValueError(f"row of length {len(vec)} in a system with {k} unknowns")
                out.append(Row(vec, _exact(b)))
            return tuple(out)

        return LinearSystem(k, rows(strict), rows(weak), rows(equal))

    @staticmethod
    def open_cone(points: Sequence[Sequence], signs: Sequence[int]) -> LinearSystem:
        """``{w : s_j <w, x_j> > 0}``; a sign 0 asks for ``<w, x_j> = 0`` (a covector's face)."""
        k = len(points[0])
        strict = [([s * c for c in p], 0) for p, s in zip(points, signs, strict=True) if s]
        equal = [(p, 0) for p, s in zip(points, signs, strict=True) if not s]
        return LinearSystem.build(k, strict=strict, equal=equal)

    def satisfied_by(self, x: Sequence[Number]) -> bool:
        xs, den = _integral(x)  # a·x ≷ b  ⇔  a·(Dx) ≷ D·b  (D > 0)

        def val(r: Row) -> Number:
            return sum(ai * xi for ai, xi in zip(r.a, xs, strict=True))

        return (all(val(r) > den * r.b for r in self.strict) and all(val(r) >= den * r.b for r in self.weak)
                and all(val(r) == den * r.b for r in self.equal))


@dataclass(frozen=True)
class FeasiblePoint:
    """A rational ``point`` satisfying every row of the system it answers."""

    point: Vector
    feasible: bool = True


@dataclass(frozen=True)
class Infeasibility:
    """Motzkin multipliers, one per strict, weak and equal row: their combination of the rows reads ``0 > 0``
    or ``0 ≥ ε > 0`` (Motzkin's transposition theorem), so the system has no solution."""

    strict: Vector
    weak: Vector
    equal: Vector
    feasible: bool = False

    def proves(self, system: LinearSystem) -> bool:
        """Exact check of the Motzkin conditions against ``system``."""
        rows = (*system.strict, *system.weak, *system.equal)
        lam, _ = _integral((*self.strict, *self.weak, *self.equal))  # a positive multiple proves the same
        if len(lam) != len(rows) or any(v < 0 for v in lam[:len(system.strict) + len(system.weak)]):
            return False
        pairs = [(lv, r) for lv, r in zip(lam, rows, strict=True) if lv]
        if any(sum(lv * r.a[i] for lv, r in pairs) for i in range(system.k)):
            return False
        rhs = sum(lv * r.b for lv, r in pairs)
        return rhs > 0 or (rhs == 0 and any(v > 0 for v in lam[:len(system.strict)]))


@dataclass
class LPCounter:
    """Counts LP solves (for benchmarks: LPs per region)."""

    count: int = 0


def _solve(array: list[list[Number]], obj: cdd.LPObjType) -> cddg.LinProg:
    lp = cddg.linprog_from_array(array, obj)
    cddg.linprog_solve(lp)
    return lp


def decide(system: LinearSystem, counter: LPCounter | None = None) -> FeasiblePoint | Infeasibility:
    """Decide ``system`` exactly; the answer carries its own proof (see module doc).

    >>> a = decide(LinearSystem.build(2, strict=[([1, 0], 0), ([0, 1], 0)], weak=[([-1, -1], -1)]))
    >>> type(a).__name__, a.point  # x > 0, y > 0, x + y ≤ 1
    ('FeasiblePoint', (Fraction(1, 2), Fraction(1, 2)))
    >>> b = decide(LinearSystem.build(1, strict=[([1], 0)], weak=[([-1], 0)]))  # x > 0 and x ≤ 0
    >>> type(b).__name__, b.strict, b.weak  # Motzkin: 1·(x) + 1·(−x) = 0 with a positive strict multiplier
    ('Infeasibility', (Fraction(1, 1),), (Fraction(1, 1),))
    """
    k = system.k
    # max t  s.t.  a·x − t ≥ b (strict rows),  a·x ≥ b (weak),  a·x = b,  t ≤ 1
    arr: list[list[Number]] = []
    for r in system.strict:
        arr.append([-r.b, *r.a, -1])
    for r in system.weak:
        arr.append([-r.b, *r.a, 0])
    for r in system.equal:
        arr.append([-r.b, *r.a, 0])
        arr.append([r.b, *(-x for x in r.a), 0])
    arr.append([1] + [0] * k + [-1])
    arr.append([0] * (k + 1) + [1])
    lp = _solve(arr, cdd.LPObjType.MAX)
    if counter is not None:
        counter.count += 1
    if lp.status == cdd.LPStatusType.OPTIMAL and lp.obj_value > 0:
        x = tuple(Fraction(v) for v in lp.primal_solution[:k])
        if system.satisfied_by(x):
            return FeasiblePoint(x)
        raise ArithmeticError("cdd returned a point that does not satisfy the system")  # pragma: no cover
    if lp.status == cdd.LPStatusType.OPTIMAL:
        cert = _from_dual(system, dict(lp.dual_solution))
        if cert is not None:
            return cert
    cert = _motzkin_lp(system, counter)
    if cert is None:  # pragma: no cover - would contradict Motzkin's theorem
        raise ArithmeticError(f"cdd gave no verdict for the system (status {lp.status!r})")
    return cert


def _split(system: LinearSystem, lam: Sequence[Fraction]) -> Infeasibility:
    s, w = len(system.strict), len(system.weak)
    return Infeasibility(tuple(lam[:s]), tuple(lam[s:s + w]), tuple(lam[s + w:]))


def _from_dual(system: LinearSystem, dual: dict[int, Fraction]) -> Infeasibility | None:
    s, w, e = len(system.strict), len(system.weak), len(system.equal)
    lam = [Fraction(dual.get(i, 0)) for i in range(s + w)]
    for j in range(e):
        lam.append(Fraction(dual.get(s + w + 2 * j, 0)) - Fraction(dual.get(s + w + 2 * j + 1, 0)))
    cert = _split(system, lam)
    return cert if cert.proves(system) else None


def _motzkin_lp(system: LinearSystem, counter: LPCounter | None) -> Infeasibility | None:
    """Find multipliers directly: λ ≥ 0 (free on equations), Σλa = 0, Σλb ≥ 0, Σλ_strict + Σλb = 1."""
    rows = (*system.strict, *system.weak, *system.equal)
    m, s, ineq = len(rows), len(system.strict), len(system.strict) + len(system.weak)
    arr: list[list[Fraction]] = []
    for i in range(ineq):
        arr.append([Fraction(0)] + [Fraction(int(i == j)) for j in range(m)])
    for c in range(system.k):
        col = [r.a[c] for r in rows]
        arr.append([Fraction(0), *col])
        arr.append([Fraction(0), *(-v for v in col)])
    bs = [r.b for r in rows]
    arr.append([Fraction(0), *bs])
    norm = [Fraction(int(i < s)) + bs[i] for i in range(m)]
    arr.append([Fraction(-1), *norm])
    arr.append([Fraction(1), *(-v for v in norm)])
    arr.append([Fraction(0)] * (m + 1))
    lp = _solve(arr, cdd.LPObjType.MAX)
    if counter is not None:
        counter.count += 1
    if lp.status != cdd.LPStatusType.OPTIMAL:
        return None
    cert = _split(system, [Fraction(v) for v in lp.primal_solution])
    return cert if cert.proves(system) else None
