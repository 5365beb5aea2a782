"""Rare versus generic weighted data (Laurent–von Brecht Definition 1), decided exactly.

Unknowns: ``ε^(i,r) ∈ {0,1}`` for the classes ``r ≠ r0(i)`` (only these enter
system (7); with ``ε^(i,r0)`` counted every data set would be rare, so the
tool reads "non-zero" on these ``N(R−1)`` entries).  For fixed
``λ ∈ {1, α, …, α^L}^N`` system (7) is ``M_λ ε = 0`` with one row per class
``r`` and coordinate of ``(x, 1)``.  Binary data are the case ``R = 2``
(class +1 is ``r = 0``, class −1 is ``r = 1``).

Search.  *Naive*: every λ and every non-zero ε, ``(L+1)^N (2^{N(R−1)} − 1)``
combinations.  *Pruned* (:func:`rarity`): ``M_λ`` is ``M_1`` with its columns
scaled by λ, so one FLINT nullspace of ``M_1`` serves every λ; a 0/1 solution
is fixed by its free coordinates ``t`` and the λ of the points they touch, the
pivot coordinates (and their points' λ) follow, with early exit.  Both report
the number of combinations examined.

>>> from exactrelu.core.instance import instance_from_mapping
>>> inst = instance_from_mapping({"data": {"points": [[1], [1]], "targets": [1, -1], "bias": True},
...        "network": {"hidden": [1], "loss": "hinge"}})
>>> rarity(inst, Fraction(1, 2), 1).rare   # equal weights, equal points: λ = (1, 1), ε = (1, 1)
True
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..core.instance import Instance
from ..core.linalg import RankEvidence, rank_evidence
from ..core.model import ANY_LOSS, BINARY, ONEHOT, TRAINABLE, WITH_BIAS, Model, require
from ..core.progress import NO_PROGRESS, Ticker

__all__ = ["MODEL", "Rarity", "rarity", "rarity_naive", "search", "system_matrix", "slots"]


def _r0(inst: Instance, i: int) -> int:
    if inst.onehot is not None:
        return inst.onehot[i].index(1)
    return 0 if inst.targets[i] == 1 else 1


def slots(inst: Instance) -> list[tuple[int, int]]:
    """The unknowns ``ε^(i,r)`` of Laurent–von Brecht's system (7): one per point ``i`` and class ``r ≠ r0(i)``.

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> slots(instance_from_mapping({"data": {"points": [[1], [2]], "targets": [1, -1], "bias": True},
    ...                              "network": {"hidden": [1], "loss": "hinge"}}))
    [(0, 1), (1, 0)]
    """
    return [(i, r) for i in range(inst.n) for r in range(inst.classes) if r != _r0(inst, i)]


def system_matrix(inst: Instance, lam: tuple[Fraction, ...]) -> list[list[Fraction]]:
    """``M_λ``: rows (class r, coordinate of (x, 1)), columns the slots ``(i, r)``."""
    mu, sl = inst.hinge_weights, slots(inst)
    ext = [(*x, Fraction(1)) for x in inst.raw_points]
    rows = []
    for r in range(inst.classes):
        for c in range(inst.d0 + 1):
            rows.append([lam[i] * mu[i] * ext[i][c] * (1 if _r0(inst, i) == r else -1 if rr == r else 0)
                         for i, rr in sl])
    return rows


@dataclass(frozen=True)
class Rarity:
    """Definition 1's verdict: rare (a solution ``λ`` = powers ``α^k``, ``ε ≠ 0`` of system (7), with ``ε`` per point
    and class) or generic, and how many combinations the search examined."""

    rare: bool
    examined: int
    lambda_exponents: tuple[int, ...] = ()
    epsilon: tuple[tuple[int, ...], ...] = ()
    systems: tuple[RankEvidence, ...] = ()   # rank evidence of M_1 (the generic-data certificate)


def _epsilon(inst: Instance, flat: list[int]) -> tuple[tuple[int, ...], ...]:
    eps = [[0] * inst.classes for _ in range(inst.n)]
    for (i, r), v in zip(slots(inst), flat, strict=True):
        eps[i][r] = v
    return tuple(tuple(r) for r in eps)


MODEL = Model(losses=ANY_LOSS, deep=True, outputs=TRAINABLE, bias=WITH_BIAS, targets=BINARY | ONEHOT,
              note="Definition 1 with α and L from the command line; its system (7) has the bias coordinate")
"""Definition 1 of Laurent–von Brecht is stated for networks with biases: the scalar equation of system (7) is the
bias coordinate, which a bias-free network does not have, so bias-free data are refused, not judged."""


def _check(inst: Instance) -> None:
    require(inst, MODEL, "Definition 1 (generic)")


def rarity(inst: Instance, alpha: Fraction, depth: int, evidence: bool = False,
           progress: Ticker = NO_PROGRESS) -> Rarity:
    """Pruned exact decision of Definition 1 (one FLINT nullspace for all λ); ``evidence`` adds the certificate.

    ``M_λ = M_1 D_λ`` with ``D_λ`` the diagonal of the slots' ``λ_{i}``, so
    ``M_λ ε = 0`` iff ``D_λ ε ∈ ker M_1 = K·ℝ^f``, where ``K`` has an identity
    block on the free columns ``F``.  Hence a solution is fixed by its free part
    ``t = ε_F ∈ {0,1}^f`` and the λ of the points carrying a ``t_j = 1``: every
    pivot slot ``p`` then needs ``s_p = Σ_j K[p, j] λ_j t_j`` to be ``0``
    (``ε_p = 0``) or a power ``α^k`` equal to its point's λ (``ε_p = 1``).  Only
    ``Σ_t (L+1)^{#points(t)} ≤ (L+2)^f`` combinations are examined, against
    ``(L+1)^N (2^m − 1)`` naively; no linear algebra per λ.  ``progress`` (:mod:`exactrelu.core.progress`) shows
    the combinations examined.
    """
    _check(inst)
    sl = slots(inst)
    m = len(sl)
    M = system_matrix(inst, (Fraction(1),) * inst.n)
    ev = rank_evidence(M, m)
    systems = (ev,) if evidence else ()
    found, examined = search(ev.kernel, ev.kernel_rows, [i for i, _ in sl], alpha, depth, progress)
    if found is None:
        return Rarity(False, examined, systems=systems)
    ks, flat = found
    return Rarity(True, examined, tuple(ks), _epsilon(inst, flat))


def search(K: Any, free: Any, point_of: list[int], alpha: Fraction, depth: int,
           progress: Ticker = NO_PROGRESS) -> tuple[tuple[list[int], list[int]] | None, int]:
    """The subset search of :func:`rarity` over a kernel basis ``K`` (identity on rows ``free``).

    Returns ``((λ exponents per point, ε per slot), examined)`` for the first
    solution, or ``(None, examined)``.  Points not in the support get exponent 0.
    """
    power = {alpha ** k: k for k in range(depth + 1)}
    m, f = len(point_of), len(free)
    pivots = [p for p in range(m) if p not in set(free)]
    examined = 0
    # the number of combinations the search examines when it finds nothing (a generator: 2^f supports)
    total = sum((depth + 1) ** len({point_of[free[c]] for c in range(f) if t[c]})
                for t in itertools.product((0, 1), repeat=f) if any(t))
    tick = progress.stage("combinations (ε free part, λ exponents)", total)
    for t in itertools.product((0, 1), repeat=f):
        on = [c for c in range(f) if t[c]]
        if not on:
            continue
        pts = sorted({point_of[free[c]] for c in on})
        for ks in itertools.product(range(depth + 1), repeat=len(pts)):
            examined += 1
            tick()
            lam = dict(zip(pts, ks, strict=True))
            eps = [0] * m
            for c in on:
                eps[free[c]] = 1
            for p in pivots:
                s = sum((K[p][c] * alpha ** lam[point_of[free[c]]] for c in on), Fraction(0))
                if not s:
                    continue
                k = power.get(s)
                i = point_of[p]
                if k is None or lam.setdefault(i, k) != k:
                    break
                eps[p] = 1
            else:
                return ([lam.get(i, 0) for i in range(max(point_of) + 1)], eps), examined
    return None, examined


def rarity_naive(inst: Instance, alpha: Fraction, depth: int) -> Rarity:
    """The unpruned search over every λ and every non-zero ε (the benchmark's baseline)."""
    _check(inst)
    m = len(slots(inst))
    examined = 0
    for ks in itertools.product(range(depth + 1), repeat=inst.n):
        M = system_matrix(inst, tuple(alpha ** k for k in ks))
        for eps in itertools.product((0, 1), repeat=m):
            if not any(eps):
                continue
            examined += 1
            if all(sum((a for a, e in zip(row, eps, strict=True) if e), Fraction(0)) == 0 for row in M):
                return Rarity(True, examined, ks, _epsilon(inst, list(eps)))
    return Rarity(False, examined)
