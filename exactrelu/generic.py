"""Rare versus generic weighted data (Laurent–von Brecht Definition 1), decided exactly.

Unknowns: ``ε^(i,r) ∈ {0,1}`` for the classes ``r ≠ r0(i)`` (only these enter
system (7); with ``ε^(i,r0)`` counted every data set would be rare, so the
tool reads "non-zero" on these ``N(R−1)`` entries).  For fixed
``λ ∈ {1, α, …, α^L}^N`` system (7) is ``M_λ ε = 0`` with one row per class
``r`` and coordinate of ``(x, 1)``.  Binary data are the case ``R = 2``
(class +1 is ``r = 0``, class −1 is ``r = 1``).

Search.  *Naive*: every λ and every non-zero ε, ``(L+1)^N (2^{N(R−1)} − 1)``
combinations.  *Pruned*: (a) the system is homogeneous in λ, so only λ with
``min exponent = 0`` are needed; (b) per λ, ε must lie in ``ker M_λ``: with the
rref (FLINT) a 0/1 solution is fixed by its free coordinates, so only
``2^{dim ker}`` assignments are examined (none when the kernel is 0).
Both report the number of combinations examined.

>>> from exactrelu.instance import instance_from_mapping
>>> inst = instance_from_mapping({"data": {"points": [[1], [1]], "targets": [1, -1]},
...        "network": {"hidden": [1], "loss": "hinge"}})
>>> rarity(inst, Fraction(1, 2), 1).rare   # equal weights, equal points: λ = (1, 1), ε = (1, 1)
True
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from . import linalg
from .certificates import certificate
from .instance import Instance
from .jacobian import rank_evidence
from .rationals import format_rational

__all__ = ["Rarity", "rarity", "rarity_naive", "system_matrix", "slots"]


def _r0(inst: Instance, i: int) -> int:
    if inst.onehot is not None:
        return inst.onehot[i].index(1)
    return 0 if inst.targets[i] == 1 else 1


def slots(inst: Instance) -> list[tuple[int, int]]:
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
    rare: bool
    examined: int
    lambda_exponents: tuple[int, ...] = ()
    epsilon: tuple[tuple[int, ...], ...] = ()
    systems: tuple[Any, ...] = ()          # per normalised λ: rank evidence (generic certificate)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"rare": self.rare, "examined": self.examined}
        if self.rare:
            out |= {"lambda_exponents": list(self.lambda_exponents), "epsilon": [list(r) for r in self.epsilon]}
        return out

    def certificate(self, inst: Instance, alpha: Fraction, depth: int) -> dict[str, Any]:
        claim = {"alpha": format_rational(alpha), "depth": depth}
        if self.rare:
            return certificate({"kind": "rare-data", **claim}, {"lambda_exponents": list(self.lambda_exponents),
                                                               "epsilon": [list(r) for r in self.epsilon]}, inst)
        if not self.systems:
            raise ValueError("run rarity(..., evidence=True) for a generic-data certificate")
        return certificate({"kind": "generic-data", **claim}, {"systems": list(self.systems)}, inst,
                           info={"examined": self.examined})


def _epsilon(inst: Instance, flat: list[int]) -> tuple[tuple[int, ...], ...]:
    eps = [[0] * inst.classes for _ in range(inst.n)]
    for (i, r), v in zip(slots(inst), flat, strict=True):
        eps[i][r] = v
    return tuple(tuple(r) for r in eps)


def _check(inst: Instance) -> None:
    from .point import check_lvb_instance

    check_lvb_instance(inst)


def rarity(inst: Instance, alpha: Fraction, depth: int, evidence: bool = False) -> Rarity:
    """Pruned exact decision of Definition 1; ``evidence`` collects a generic-data certificate."""
    _check(inst)
    m = len(slots(inst))
    examined, systems = 0, []
    for ks in itertools.product(range(depth + 1), repeat=inst.n):
        if min(ks) != 0:
            continue
        M = system_matrix(inst, tuple(alpha ** k for k in ks))
        rref, pivots = linalg.rref(M)
        free = [j for j in range(m) if j not in pivots]
        if evidence:
            ev = rank_evidence(M, m)
            systems.append({"rank": ev.rank, **ev.to_json()})
        for t in itertools.product((0, 1), repeat=len(free)):
            examined += 1
            if not any(t):
                continue
            eps = [Fraction(0)] * m
            for j, v in zip(free, t, strict=True):
                eps[j] = Fraction(v)
            for row, p in zip(rref, pivots, strict=False):
                eps[p] = -sum((row[j] * eps[j] for j in free), Fraction(0))
            if all(v in (0, 1) for v in eps):
                return Rarity(True, examined, ks, _epsilon(inst, [int(v) for v in eps]))
    return Rarity(False, examined, systems=tuple(systems))


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
