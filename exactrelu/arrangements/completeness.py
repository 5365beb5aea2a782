"""A proof that a tope list is complete: every missing neighbour of a listed tope is empty (``topes-complete``).

The topes of nonzero points ``x_1 … x_n ∈ Q^d`` (sign vectors ``s`` with a ``w`` such that
``sign <w, x_j> = s_j`` for all ``j``, :mod:`exactrelu.arrangements.topes`) are the vertices of a connected graph:
two topes are adjacent when they differ across one hyperplane ``<w, x_j> = 0`` (one line of points).  So a list
of topes that contains each of its members' neighbours is complete, and it suffices to prove, for every listed
tope ``t`` and every hyperplane ``h`` whose crossing leaves the list, that the neighbour ``t'`` across ``h`` is
empty.  Each such proof is a *circuit*: integers ``y`` with ``Σ_i y_i x_i = 0`` whose signs agree with ``t'`` on
their support, up to one global sign — then ``|y_i|`` are Motzkin multipliers proving the open cone of ``t'``
empty (``Σ |y_i| s'_i <w, x_i> = ±<w, Σ y_i x_i> = 0`` would be a sum of positive terms).  Most circuits serve
many (tope, hyperplane) pairs, so they are listed once and referred to by index.

How the circuits are found, with no LP in general position.  The hyperplanes a tope ``t`` cannot cross are its
non-facets; such a row ``a_h = t_h x_h`` lies in the cone ``C*`` spanned by the facet rows (Farkas).  Pull
``C*`` from a facet row ``a_0``: with ``λ = min a_h·c / a_0·c`` over the extreme rays ``c`` of ``t`` off ``a_0``
(cocircuits; the enumeration lists each tope's rays), ``a_h − λ a_0`` lies on the face ``c^⊥ ∩ C*``, spanned by
the ``r − 1`` rows through the minimising ``c`` in general position.  So ``a_h`` is a non-negative combination
of ``a_0`` and those rows, and the ``r + 1`` points carry one dependency, whose coefficients are ``r × r``
determinants (Cramer).  Björner et al., *Oriented Matroids*, Prop. 3.8.2 (rays are cocircuits).  On a
degenerate face (more rows through ``c``) some ``r − 1`` of them work (Carathéodory), found by trying; one exact
LP is the last resort.  Most pairs need no new dependency at all: topes are visited breadth first and a
dependency that proved a neighbour's crossing of ``h`` empty proves this tope's too unless the wall between them
is in its support (its signs are checked, exactly).

>>> p = topes_proof([[1, 0], [0, 1], [1, 1]])   # three lines through 0: 6 of the 8 sign vectors are topes
>>> [t.signs for t in p.topes][:2], p.circuits   # x_0 + x_1 − x_2 = 0 forbids (+, +, −) and (−, −, +)
([(1, 1, 1), (1, -1, 1)], (Circuit(indices=(0, 1, 2), multipliers=(-1, -1, 1)),))
>>> [t.empty for t in p.topes]   # (hyperplane crossed, circuit): each tope borders one of the two missing
[((2, 0),), ((0, 0),), ((1, 0),), ((1, 0),), ((0, 0),), ((2, 0),)]
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations, islice
from math import gcd, lcm
from operator import itemgetter
from typing import NamedTuple

from flint import fmpz_mat

from ..core.feasibility import LinearSystem, LPCounter, decide
from .topes import Configuration, structure

__all__ = ["Circuit", "ProvedTope", "TopesProof", "topes_proof"]


class Circuit(NamedTuple):
    """A dependency ``Σ_i multipliers_i · x_{indices_i} = 0`` of the points: integers, gcd 1, none zero."""

    indices: tuple[int, ...]
    multipliers: tuple[int, ...]


class ProvedTope(NamedTuple):
    """A tope with an integer witness, and the proofs that its missing neighbours are empty.

    ``signs``: ``sign <w, x_j>`` per point (``0`` at a zero point); ``witness``: an integer ``w`` with those
    signs; ``empty``: the pairs ``(j, c)``, one per hyperplane (the line of ``x_j``, ``j`` the first point on
    it) whose crossing leaves the list, ``c`` the index of the circuit whose signs agree with the neighbour's.
    (A named tuple, not a dataclass: a proof holds up to a million of them.)
    """

    signs: tuple[int, ...]
    witness: tuple[int, ...]
    empty: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class TopesProof:
    """The complete tope list with its proof (:func:`topes_proof`): the topes in the order of their sign
    strings (``+ < − < 0`` entry by entry, the certificates' order) and the circuits they refer to."""

    topes: tuple[ProvedTope, ...]
    circuits: tuple[Circuit, ...]


Dep = tuple[int, int, int, int]  # a dependency: (index in the table, its + mask, its − mask, its support mask)


def topes_proof(points: Sequence[Sequence[Fraction | int]], counter: LPCounter | None = None,
                advance: Callable[[], None] | None = None) -> TopesProof:
    """Every tope of ``points`` with a proof that no other exists (module docstring), from one cocircuit
    enumeration and no LP in general position.

    ``counter`` counts the fallback LPs; ``advance`` is called once per tope (for a progress bar).

    >>> p = topes_proof([[1], [-2], [0]])   # one dimension: x_1 = −2·x_0, x_2 = 0; two topes, none missing
    >>> [(t.signs, t.witness, t.empty) for t in p.topes], p.circuits
    ([((1, -1, 0), (1,), ()), ((-1, 1, 0), (-1,), ())], ())
    """
    collecting = gc.isenabled()
    gc.disable()  # hundreds of thousands of small tuples: collecting while they are built is quadratic
    try:
        return _topes_proof(points, counter, advance)
    finally:
        if collecting:
            gc.enable()


def _bit_signs(n: int) -> Callable[[int], tuple[int, ...]]:
    """``t ↦ (±1 per bit of t, bit j set ↦ +1)`` over ``n`` bits, by tables of eight bits (a tope is built per
    visit: this is the inner loop of a million-tope certificate)."""
    def table(width: int) -> tuple[tuple[int, ...], ...]:
        return tuple(tuple(1 if b >> i & 1 else -1 for i in range(width)) for b in range(1 << width))

    tables = [(lo, table(min(8, n - lo))) for lo in range(0, n, 8)]
    if len(tables) == 1:
        return tables[0][1].__getitem__

    def signs(t: int) -> tuple[int, ...]:
        out: tuple[int, ...] = ()
        for lo, chunk in tables:
            out += chunk[t >> lo & 255]
        return out

    return signs


def _topes_proof(points: Sequence[Sequence[Fraction | int]], counter: LPCounter | None,
                 advance: Callable[[], None] | None) -> TopesProof:
    conf = Configuration.of(points)
    n, d = len(points), len(points[0])
    reps = [c[0] for c in conf.classes]
    cls = {j: q for q, c in enumerate(conf.classes) for j in c}
    flipped = {j: conf.points[j] != conf.points[reps[cls[j]]] for j in cls}  # x_j points against its class
    scale = [lcm(*(Fraction(c).denominator for c in points[j])) for j in reps]  # z = L·x is integral
    integral = all(L == 1 for L in scale)
    st = structure([tuple(int(Fraction(c) * L) for c in points[j]) for j, L in zip(reps, scale, strict=True)])
    m, r, found = len(reps), st.rank, st.topes
    bits = [1 << q for q in range(m)]
    absval = [[abs(v) for v in vals] for _, vals, _ in st.cocircuits]
    zmask = [sum(bits[j] for j in zset) for _, _, zset in st.cocircuits]
    dets: dict[int, int] = {}
    new = tuple.__new__  # Circuit(…), ProvedTope(…) without their Python-level __new__: a million of them
    circuits: list[Circuit] = []
    by_support: dict[int, Dep | None] = {}  # support → (index, + mask, − mask, support mask)

    def register(pairs: list[tuple[int, int]]) -> Dep:
        """Add the dependency ``Σ y x_j = 0`` given as (original index, y) pairs, sorted, scaled to gcd 1."""
        g = gcd(*(v for _, v in pairs))
        circuits.append(new(Circuit, (tuple([j for j, _ in pairs]), tuple([v // g for _, v in pairs]))))
        pos = sum(bits[cls[j]] for j, v in pairs if (v > 0) != flipped[j])
        neg = sum(bits[cls[j]] for j, v in pairs if (v > 0) == flipped[j])
        return len(circuits) - 1, pos, neg, pos | neg

    def cramer(key: int, support: list[int]) -> Dep | None:
        """The dependency of the ``r + 1`` representatives ``support`` (sorted; ``key`` their mask):
        ``y_i = (−1)^i det(rows without i)``."""
        y = []
        for i, q in enumerate(support):
            minor = key ^ bits[q]
            v = dets.get(minor)
            if v is None:
                v = dets[minor] = int(fmpz_mat([st.rows[p] for p in support if p != q]).det())
            y.append(-v if i & 1 else v)
        if not any(y):
            return None
        if not integral:
            y = [v * scale[q] for v, q in zip(y, support, strict=True)]
        g = gcd(*y)
        circuits.append(new(Circuit, (tuple([reps[q] for q, v in zip(support, y, strict=True) if v]),
                                      tuple([v // g for v in y if v]))))
        pos = sum(bits[q] for q, v in zip(support, y, strict=True) if v > 0)
        neg = sum(bits[q] for q, v in zip(support, y, strict=True) if v < 0)
        return len(circuits) - 1, pos, neg, pos | neg

    def nullspace(support: list[int]) -> Dep | None:
        """The dependency on ``support`` if it is unique up to scale, else None."""
        basis, nullity = fmpz_mat([[st.rows[q][i] for q in support] for i in range(r)]).nullspace()
        y = [int(basis[u, 0]) * scale[q] for u, q in enumerate(support)]
        return register(sorted((reps[q], v) for q, v in zip(support, y, strict=True) if v)) if nullity == 1 else None

    def conforms(dep: Dep | None, t: int) -> bool:
        """Do the dependency's signs agree with ``t`` (over representatives), up to one global sign?"""
        return dep is not None and (t & dep[3]) in (dep[1], dep[2]) and not dep[1] & dep[2]

    def certify(t: int, h: int, f0: int, k: int) -> Dep:
        """A dependency proving the neighbour ``t ^ bit h`` empty, pulled from ``f0`` through ray ``k``."""
        flip, zset = t ^ bits[h], st.cocircuits[k][2]
        if len(zset) == r - 1:
            key = bits[h] | bits[f0] | zmask[k]
            if key not in by_support:
                by_support[key] = cramer(key, sorted((h, f0, *zset)))
            if conforms(by_support[key], flip):
                return by_support[key]  # type: ignore[return-value]
        head = [h] if h in zset else [h, f0]  # a_h on the face itself needs no a_0
        for sub in islice(combinations([q for q in zset if q != h], r - 1), 64):
            key = sum(bits[q] for q in (*head, *sub))
            if key not in by_support:
                by_support[key] = nullspace(sorted((*head, *sub)))
            if conforms(by_support[key], flip):
                return by_support[key]  # type: ignore[return-value]
        return by_lp(flip)

    def by_lp(flip: int) -> Dep:
        s = signs_of(flip)
        ans = decide(LinearSystem.open_cone(points, s), counter)
        if ans.feasible:  # pragma: no cover - would mean the engine missed a tope
            raise AssertionError(f"tope {s} missing from the enumeration")
        mu = iter(ans.strict)  # type: ignore[union-attr]
        ys = [(j, next(mu) * s[j]) for j in range(n) if s[j]]
        den = lcm(*(v.denominator for _, v in ys))
        return register([(j, int(v * den)) for j, v in ys if v])

    # The signs of a mask over the representatives, per point: its representative's sign, the opposite one when
    # it points the other way, 0 at a zero point (by tables: a tope is built per visit).
    full_m = (1 << m) - 1
    rep_signs = _bit_signs(m)
    if reps == list(range(n)):  # no zero point, no two points on one line: a tope's bits are its signs
        signs_of = rep_signs
        tope_signs = rep_signs
        # the certificates' order of the topes, their sign strings (+ < −), first point first
        order = {t: format(full_m ^ t, f"0{n}b")[::-1] for t in found}
    else:
        where = [cls[j] + (m if flipped[j] else 0) if j in cls else 2 * m for j in range(n)]
        pick = itemgetter(*where) if n > 1 else lambda ext: (ext[where[0]],)

        def signs_of(t: int) -> tuple[int, ...]:
            return pick(rep_signs(t) + rep_signs(full_m ^ t) + (0,))  # type: ignore[no-any-return]

        rank_of = {1: 0, -1: 1, 0: 2}.__getitem__  # the sign strings' order: + < − < 0
        computed = {t: signs_of(t) for t in found}
        tope_signs = computed.__getitem__
        order = {t: tuple(map(rank_of, s)) for t, s in computed.items()}  # type: ignore[misc]
    lift = (lambda w: w) if st.pivots == tuple(range(d)) else (
        lambda w: tuple(dict(zip(st.pivots, w, strict=True)).get(col, 0) for col in range(d)))
    # Breadth first over the tope graph; for each hyperplane h try the dependencies of the neighbours already
    # visited and the last one used for h before pulling a new one.
    none = (-1, -1, -1, full_m)  # conforms to nothing
    recent = [none] * m
    proofs: dict[int, list[Dep]] = {}
    root = min(found, key=order.__getitem__)
    queue, parent = [root], {root: root}
    for t in queue:
        if advance is not None:
            advance()
        mine, f0, near = [none] * m, -1, []
        for q in range(m):
            nb = t ^ bits[q]
            if nb in found:
                if nb in proofs:
                    near.append(proofs[nb])
                elif nb not in parent:
                    parent[nb] = t
                    queue.append(nb)
        for h in range(m):
            flip = t ^ bits[h]
            if flip in found:
                continue
            for p in near:  # a dependency proves flip empty iff flip's + entries on its support are its + or its −
                dep = p[h]
                x = flip & dep[3]
                if x == dep[1] or x == dep[2]:
                    break
            else:
                dep = recent[h]
                x = flip & dep[3]
                if x != dep[1] and x != dep[2]:  # none proves it: pull a new one
                    if f0 < 0:
                        f0 = next(q for q in range(m) if t ^ bits[q] in found)
                        cand = [(k, absval[k]) for code in st.rays[t] if absval[k := code >> 1][f0]]
                    best, a = cand[0]
                    bh, b0 = a[h], a[f0]
                    for k, a in cand:
                        if a[h] * b0 < bh * a[f0]:
                            best, bh, b0 = k, a[h], a[f0]
                    dep = certify(t, h, f0, best)
            recent[h] = mine[h] = dep
        proofs[t] = mine
    return TopesProof(
        tuple([new(ProvedTope, (tope_signs(t), lift(found[t]),
                                tuple([(reps[h], dep[0]) for h, dep in enumerate(proofs[t]) if dep[0] >= 0])))
               for t in sorted(found, key=order.__getitem__)]),
        tuple(circuits))
