"""The Jacobian of a two-layer ReLU net on an activation region, and its rank over Q (SPEC §3).

On the open region ``S^A`` the prediction vector ``F(W, X)`` is linear in ``W``
and (slides, "Activation regions and Jacobian")

    ∇_W F(W, X) = [(v ⊙ a^(j)) ⊗ x_j]_j ,

a ``(d1·d) × n`` matrix whose row ``(i, k)`` is ``(v_i A_ij x_j[k])_j``.  The
rows of unit ``i`` form the block ``v_i · B(a_i)`` with ``B(a)[k][j] = a_j x_j[k]``;
since every ``v_i ≠ 0`` the row space is the sum of the row spaces of the
blocks of the *distinct* rows of ``A``.  So the rank depends only on the set
``S`` of distinct rows of ``A`` — the fact every count below exploits.

Leaky ReLU ``σ(t) = max(t, αt)``: on ``S^A`` unit ``i`` outputs
``(a_ij + α(1 − a_ij))·<w_i, x_j>``, still linear in ``W``, so the columns are
``(v ⊙ (a^(j) + α(1 − a^(j)))) ⊗ x_j`` and ``B(a)[k][j] = c_j x_j[k]`` with
``c_j = 1`` on active and ``α`` on inactive points.  Everything below (rank by
sets of distinct rows, the counts) carries over with these blocks, and so do
the certificates: the kernel rebuilds the blocks with the instance's slope.

>>> from exactrelu.core.instance import instance_from_mapping
>>> inst = instance_from_mapping({"data": {"points": [[1, 0], [0, 1]], "targets": [1, 1]},
...                               "network": {"hidden": [2], "output": [1, -1]}})
>>> jacobian_rank(inst, ((1, 0), (0, 1))).rank, jacobian_rank(inst, ((1, 1), (1, 1))).rank
(2, 2)
>>> jacobian_rank(inst, ((1, 0), (1, 0))).rank
1
>>> leaky = instance_from_mapping({"data": {"points": [[1, 0], [0, 1]], "targets": [1, 1]},
...                                "network": {"hidden": [1], "output": [1], "activation": "leaky:1/10"}})
>>> jacobian_matrix(leaky, ((1, 0),))   # rows (1, 0) and (0, 1/10): rank 2
[[Fraction(1, 1), Fraction(0, 1)], [Fraction(0, 1), Fraction(1, 10)]]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from math import comb
from typing import Any

from ..core import linalg
from ..core.instance import Instance
from ..core.linalg import RankEvidence, rank_evidence
from ..core.model import Model, require
from ..core.progress import NO_PROGRESS, Ticker

__all__ = [
    "MODEL",
    "CERTIFICATE_MODEL",
    "Pattern",
    "RankEvidence",
    "JacobianRank",
    "FullRankCount",
    "output_weights",
    "jacobian_matrix",
    "row_block",
    "rank_evidence",
    "jacobian_rank",
    "set_is_full_rank",
    "surjections",
    "count_full_rank",
    "count_full_rank_bruteforce",
    "pattern_string",
    "parse_pattern",
    "all_rows",
    "unit_rows",
    "search_rank_evidence",
    "count_instance",
    "superset_count",
]

Row = tuple[int, ...]
Pattern = tuple[Row, ...]
Point = Sequence[Fraction]

MODEL = Model(deep=False, note="the Jacobian of F, so any loss and targets; trainable output is read as v = 1, "
                               "which has the rank of every v without zero entries")
"""What :func:`jacobian_rank` and the counts model: one hidden layer, ReLU or leaky ReLU."""
CERTIFICATE_MODEL = MODEL
"""What a ``jacobian-rank`` / ``fullrank-count`` certificate can state: the kernel (format 2) rebuilds the blocks
with the instance's leaky slope and reads trainable output as "every ``v`` without zero entries"."""


def output_weights(instance: Instance) -> tuple[Fraction, ...]:
    """The fixed output weights ``v``; with trainable output ``v = 1``.

    The rank is the same for every ``v`` without zero entries.

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> output_weights(instance_from_mapping({"data": {"points": [[1]], "targets": [1]},
    ...                                       "network": {"hidden": [2], "output": [1, "-1/2"]}}))
    (Fraction(1, 1), Fraction(-1, 2))
    """
    if instance.output == "trainable":
        return (Fraction(1),) * instance.hidden[-1]
    return tuple(instance.output)


def row_block(points: Sequence[Point], a: Row, alpha: Fraction = Fraction(0)) -> list[list[Fraction]]:
    """``B(a)``: ``d`` rows, ``B(a)[k][j] = c_j x_j[k]``, ``c_j = 1`` if ``a_j`` else the leaky slope ``α``.

    >>> row_block([(0, 1), (1, 1)], (0, 1))  # x_1 = (0, 1) inactive: its column is 0
    [[Fraction(0, 1), Fraction(1, 1)], [Fraction(0, 1), Fraction(1, 1)]]
    """
    d = len(points[0])
    alpha = Fraction(alpha)
    return [[Fraction(x[k]) if aj else alpha * x[k] for x, aj in zip(points, a, strict=True)] for k in range(d)]


def jacobian_matrix(instance: Instance, pattern: Pattern) -> list[list[Fraction]]:
    """``∇_W F`` on ``S^A``: row ``i·d + k`` is ``(v_i (A_ij + α(1 − A_ij)) x_j[k])_j`` (``α = 0``: ReLU)."""
    require(instance, MODEL, "the Jacobian ∇_W F")
    points, v = instance.points, output_weights(instance)
    _check_pattern(pattern, len(v), instance.n)
    return [[vi * c for c in row] for vi, a in zip(v, pattern, strict=True)
            for row in row_block(points, a, instance.alpha)]


def _check_pattern(pattern: Pattern, d1: int, n: int) -> None:
    if len(pattern) != d1 or any(len(r) != n or set(r) - {0, 1} for r in pattern):
        raise ValueError(f"a pattern is {d1} rows of {n} entries 0/1")


def pattern_string(pattern: Pattern) -> list[str]:
    """The certificate spelling of a pattern: one 0/1 string per unit.

    >>> pattern_string(((1, 0, 1), (0, 1, 1)))
    ['101', '011']
    """
    return ["".join(str(c) for c in r) for r in pattern]


def parse_pattern(text: str | Iterable[str], n: int) -> Pattern:
    """``"101,011"`` or ``["101", "011"]`` → ``((1, 0, 1), (0, 1, 1))``.

    >>> parse_pattern("101,011", 3)
    ((1, 0, 1), (0, 1, 1))
    """
    rows = text.split(",") if isinstance(text, str) else list(text)
    out = []
    for r in rows:
        r = r.strip()
        if len(r) != n or set(r) - {"0", "1"}:
            raise ValueError(f"pattern row {r!r} is not a 0/1 string of length {n}")
        out.append(tuple(int(c) for c in r))
    return tuple(out)


@dataclass(frozen=True)
class JacobianRank:
    """The rank of ``∇_W F`` on ``S^A`` with its evidence."""

    pattern: Pattern
    n: int
    evidence: RankEvidence

    @property
    def rank(self) -> int:
        return self.evidence.rank

    @property
    def full(self) -> bool:
        """Rank ``n``: by Lemma 1 of the slides every differentiable critical point in ``S^A`` is a global minimum."""
        return self.rank == self.n


def jacobian_rank(instance: Instance, pattern: Pattern) -> JacobianRank:
    """The rank over Q of ``∇_W F`` on ``S^A`` (whether or not ``S^A`` is empty).

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> inst = instance_from_mapping({"data": {"points": [[0], [1]], "targets": [0, 0], "bias": True},
    ...                               "network": {"hidden": [2], "output": [1, -1]}})
    >>> jacobian_rank(inst, ((1, 1), (0, 0))).rank, jacobian_rank(inst, ((0, 1), (0, 1))).rank
    (2, 1)
    """
    jac = jacobian_matrix(instance, pattern)
    return JacobianRank(tuple(tuple(r) for r in pattern), instance.n, rank_evidence(jac, instance.n))


# ------------------------------------------------------------------ counting over sets of rows
def set_is_full_rank(points: Sequence[Point], rows: Iterable[Row], alpha: Fraction = Fraction(0)) -> bool:
    """Whether the blocks ``B(a)``, ``a ∈ S``, stacked have rank ``n``.

    >>> set_is_full_rank([(0, 1), (1, 1)], [(1, 1)]), set_is_full_rank([(0, 1), (1, 1)], [(0, 1)])
    (True, False)
    """
    stacked = [r for a in rows for r in row_block(points, a, alpha)]
    return bool(stacked) and linalg.rank(stacked) == len(points)


def surjections(m: int, s: int) -> int:
    """Number of maps from an ``m``-set onto an ``s``-set: ``Σ_k (−1)^k C(s,k) (s−k)^m``.

    >>> surjections(3, 2), surjections(2, 3), surjections(0, 0)
    (6, 0, 1)
    """
    return sum((-1) ** k * comb(s, k) * (s - k) ** m for k in range(s + 1))


@dataclass(frozen=True)
class FullRankCount:
    """How many ``d1``-tuples of rows from ``rows`` give a full-rank Jacobian.

    ``nodes`` is the depth-first search over sets of rows: each visited set with
    ``True`` (full rank: every superset is full rank, counted by formula) or
    ``False`` (deficient; its children are visited).
    """

    rows: tuple[Row, ...]
    d1: int
    count: int
    nodes: tuple[tuple[tuple[int, ...], bool], ...]

    @property
    def total(self) -> int:
        return len(self.rows) ** self.d1

    @property
    def fraction(self) -> Fraction:
        return Fraction(self.count, self.total) if self.total else Fraction(0)


def superset_count(size: int, later: int, d1: int) -> int:
    """Tuples of length ``d1`` whose row set is ``S ∪ U``.

    ``|S| = size`` and ``U`` is any subset of the ``later`` rows after ``max S``.
    """
    return sum(comb(later, u) * surjections(d1, size + u) for u in range(0, min(later, d1 - size) + 1))


def search_size(rows: int, d1: int) -> int:
    """Sets of at most ``d1`` of ``rows`` rows, ``Σ_{1≤s≤d1} C(rows, s)``: the nodes of the search of
    :func:`count_full_rank` before pruning (its progress total)."""
    return sum(comb(rows, s) for s in range(1, d1 + 1))


def count_full_rank(points: Sequence[Point], rows: Sequence[Row], d1: int,
                    alpha: Fraction = Fraction(0), progress: Ticker = NO_PROGRESS) -> FullRankCount:
    """Count full-rank ``d1``-tuples over the row set ``rows``, by sets of distinct rows.

    Depth-first over sets ``S = {t_{i1} < … < t_{is}}``, ``s ≤ d1``: full rank is
    inherited by supersets, so at the first full-rank set on a branch all its
    extensions by later rows are counted at once,
    ``Σ_u C(later, u) · surj(d1, s + u)``; a deficient set is refined.
    Each tuple is counted once, under its own set of rows.  ``alpha`` is the leaky slope (blocks of
    :func:`row_block`; 0 for ReLU).  ``progress`` (:mod:`exactrelu.core.progress`) shows the sets visited or pruned
    out of :func:`search_size`.

    >>> c = count_full_rank([(0, 1), (1, 1)], [(0, 0), (0, 1), (1, 0), (1, 1)], 2)  # 0, 1 with bias
    >>> c.count, c.total  # deficient pairs avoid 11 and miss 01 or 10: 2·2² − 1 = 7
    (9, 16)
    """
    rows = tuple(tuple(r) for r in rows)
    n = len(points)
    tick = progress.stage("full-rank search over sets of rows", search_size(len(rows), d1))
    blocks = [row_block(points, a, alpha) for a in rows]
    nodes: list[tuple[tuple[int, ...], bool]] = []
    count = 0
    stack: list[tuple[tuple[int, ...], list[list[Fraction]]]] = [((), [])]
    while stack:
        chosen, basis = stack.pop()
        if chosen:
            stacked = basis + blocks[chosen[-1]]
            _, piv = linalg.rref([list(r) for r in zip(*stacked, strict=True)])  # independent rows of stacked
            basis = [stacked[i] for i in piv]
            full = len(basis) == n
            nodes.append((chosen, full))
            later = len(rows) - 1 - chosen[-1]
            # this set, and when full rank its pruned supersets (by up to d1 - |S| later rows) as well
            tick(1 + (sum(comb(later, u) for u in range(1, d1 - len(chosen) + 1)) if full else 0))
            if full:
                count += superset_count(len(chosen), later, d1)
                continue
        if len(chosen) < d1:
            start = chosen[-1] + 1 if chosen else 0
            for t in range(len(rows) - 1, start - 1, -1):
                stack.append(((*chosen, t), basis))
    return FullRankCount(rows, d1, count, tuple(nodes))


def count_full_rank_bruteforce(points: Sequence[Point], rows: Sequence[Row], d1: int,
                               alpha: Fraction = Fraction(0)) -> int:
    """The naive route: every ``d1``-tuple, one rank each (for tests and benchmarks)."""
    from itertools import product

    return sum(set_is_full_rank(points, set(t), alpha) for t in product(rows, repeat=d1))


def all_rows(n: int) -> tuple[Row, ...]:
    """``{0,1}^n`` in lexicographic order (rows of all patterns, empty regions included)."""
    from itertools import product

    return tuple(product((0, 1), repeat=n))


# ------------------------------------------------------------------ certificates for counts
def unit_rows(instance: Instance) -> tuple[Row, ...]:
    """The rows ``a`` with non-empty open cone ``C(a)`` (unit topes), lexicographically; none with a zero point.

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> unit_rows(instance_from_mapping({"data": {"points": [[1], [3]], "targets": [0, 0]},
    ...                                   "network": {"hidden": [1], "output": [1]}}))  # w > 0 or w < 0
    ((0, 0), (1, 1))
    """
    from ..arrangements.regions import unit_topes

    return tuple(sorted(unit_topes(instance)))


def search_rank_evidence(points: Sequence[Point], result: FullRankCount, alpha: Fraction = Fraction(0),
                         progress: Ticker = NO_PROGRESS) -> tuple[RankEvidence, ...]:
    """The rank evidence (:func:`exactrelu.core.linalg.rank_evidence`) of every set visited by the search of
    :func:`count_full_rank`, in its order: the stacked blocks ``B(a)`` (leaky slope ``alpha``), ``a`` in the set.
    A ``fullrank-count`` certificate lists them (:func:`exactrelu.certify.kmtm.fullrank_count_certificate`).

    >>> pts = [(0, 1), (1, 1)]  # the points 0, 1 with bias, d1 = 1: the search visits {01}, then {11}
    >>> [ev.rank for ev in search_rank_evidence(pts, count_full_rank(pts, [(0, 1), (1, 1)], 1))]
    [1, 2]
    """
    out: list[RankEvidence] = []
    tick = progress.stage("rank evidence for the certificate", len(result.nodes))
    for chosen, _ in result.nodes:
        out.append(rank_evidence([r for i in chosen for r in row_block(points, result.rows[i], alpha)], len(points)))
        tick()
    return tuple(out)


def count_instance(instance: Instance, rows: str = "topes", progress: Ticker = NO_PROGRESS) -> FullRankCount:
    """Count full-rank patterns of ``instance`` (ReLU or leaky, :data:`MODEL`) over all rows (``"all"``)
    or unit topes (``"topes"``), without a certificate."""
    require(instance, MODEL, "the full-rank count")
    allowed = all_rows(instance.n) if rows == "all" else unit_rows(instance)
    return count_full_rank(instance.points, allowed, instance.d1, instance.alpha, progress)


def _topes(instance: Instance) -> tuple[Any, ...]:
    from ..arrangements.regions import topes_of

    return topes_of(tuple(instance.points))
