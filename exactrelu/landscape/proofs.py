"""The proofs behind the landscape's answers, as values (SPEC §8; docs/certificates-landscape.md).

The analysis of :mod:`exactrelu.landscape.minima` decides; this module keeps what makes each answer checkable
by someone who re-derives the linear systems (the kernel's ``landscape-*`` claim kinds):

* **a local minimum** ``(W, z)``: a solution ``(R, μ)`` of its stratum system with ``R = z ⊙ W`` — the
  multipliers ``μ ≥ 0`` are the first-order (KKT) conditions of every convex piece meeting the point, which
  are necessary and sufficient (the module docstring of :mod:`~exactrelu.landscape.minima`); and, for a
  *spurious* one, a point of smaller loss;
* **no spurious local minimum**: per stratum (a face of the arrangement and a sign of ``z_j`` per unit, up to
  interchangeable units) either Motzkin multipliers proving its system infeasible, or a solution ``(R, μ)`` whose
  loss ``½ Σ_i (Σ_j c_i(f_j)<R_j, x_i> − y_i)²`` is the global minimum (a stratum's local minima have one loss).

Multipliers are per row, so the rows and their order are exactly :func:`~exactrelu.landscape.minima.stratum_system`'s
with the adjacent topes in the kernel's order (:func:`kernel_topes`: their sign strings sorted), and the strata
are listed in the kernel's order (:func:`kernel_strata`).  The proofs raise :class:`InstanceError` where the
claim is false: the point is no local minimum, the lower point is not lower, a stratum has local minima of
another loss (a spurious one).

>>> from exactrelu.core.instance import instance_from_mapping
>>> inst = instance_from_mapping({"data": {"points": [[1], [-1]], "targets": [2, 1]}, "network": {"hidden": [1]}})
>>> p = local_minimum_proof(inst, [[Fraction(-1)]], [Fraction(1)], ([[Fraction(2)]], [Fraction(1)]))
>>> p.loss, p.multipliers.point  # F = (0, 1): ½(2² + 0²); R = −1 with no multiplier (no wall)
(Fraction(2, 1), (Fraction(-1, 1),))
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import combinations_with_replacement, product

from ..arrangements.topes import Tope, covectors, topes
from ..core.feasibility import FeasiblePoint, Infeasibility, decide
from ..core.instance import Instance, InstanceError
from .minima import local_minimum_solution, loss, require_landscape_setting, stratum_system

__all__ = ["LocalMinimumProof", "StratumProof", "NoSpuriousProof", "kernel_topes", "kernel_strata",
           "local_minimum_proof", "no_spurious_proof", "stratum_loss"]

Vector = tuple[Fraction, ...]
Signs = tuple[int, ...]
Point = tuple[tuple[Vector, ...], tuple[Fraction, ...]]
"""A parameter point ``(W, z)``."""

_SIGN_RANK = {1: 0, -1: 1, 0: 2}
"""The order of the characters ``+``, ``-``, ``0`` of a sign string (ASCII), by which the kernel sorts."""

_SIGN_CHAR = {1: "+", -1: "-", 0: "0"}


def kernel_topes(inst: Instance) -> list[Tope]:
    """The topes of the points in the kernel's order: their sign strings sorted (``+`` < ``-`` < ``0``).

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> inst = instance_from_mapping({"data": {"points": [[1], [-1]], "targets": [2, 1]}, "network": {"hidden": [1]}})
    >>> [t.signs for t in kernel_topes(inst)]
    [(1, -1), (-1, 1)]
    """
    return sorted(topes(inst.points), key=lambda t: [_SIGN_RANK[c] for c in t.signs])


def kernel_strata(inst: Instance, items: Sequence[Signs], signs: Sequence[int]) -> Iterator[tuple[Signs, ...]]:
    """Per unit an item (a face) and a sign of ``z_j``, up to permuting interchangeable units, as the kernel
    counts them: multisets of (item, sign) pairs for trainable ``z``; for fixed ``z`` multisets of items per group
    of equal ``v_j``, the signs those of ``v``.  Yields ``(items, signs)``.

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> inst = instance_from_mapping({"data": {"points": [[1], [-1]], "targets": [2, 1]}, "network": {"hidden": [1]}})
    >>> list(kernel_strata(inst, [(1, -1), (0, 0)], (1, 0)))
    [(((1, -1),), (1,)), (((1, -1),), (0,)), (((0, 0),), (1,)), (((0, 0),), (0,))]
    """
    if inst.output == "trainable":
        for combo in combinations_with_replacement([(f, s) for f in items for s in signs], inst.d1):
            yield tuple(f for f, _ in combo), tuple(s for _, s in combo)
        return
    groups: dict[Fraction, list[int]] = {}
    for j, v in enumerate(inst.output):
        groups.setdefault(v, []).append(j)
    for choice in product(*(combinations_with_replacement(items, len(g)) for g in groups.values())):
        assigned = {j: f for g, fs in zip(groups.values(), choice, strict=True) for j, f in zip(g, fs, strict=True)}
        yield tuple(assigned[j] for j in range(inst.d1)), tuple((v > 0) - (v < 0) for v in inst.output)


def stratum_loss(inst: Instance, faces: Sequence[Signs], R: Sequence[Sequence[Fraction]]) -> Fraction:
    """``½ Σ_i (Σ_j c_i(f_j) <R_j, x_i> − y_i)²``, the loss on the stratum of ``faces`` at ``R`` (a wall point's
    slope does not matter: ``<R_j, x_i> = 0`` there).

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> inst = instance_from_mapping({"data": {"points": [[1], [-1]], "targets": [2, 1]}, "network": {"hidden": [1]}})
    >>> stratum_loss(inst, [(1, -1)], [(Fraction(2),)])  # F = (2, 0) against y = (2, 1)
    Fraction(1, 2)
    """
    total = Fraction(0)
    for i, (x, y) in enumerate(zip(inst.points, inst.targets, strict=True)):
        f = sum(((1 if face[i] > 0 else inst.alpha) * sum(a * b for a, b in zip(r, x, strict=True))
                 for face, r in zip(faces, R, strict=True)), Fraction(0))
        total += (f - y) ** 2
    return total / 2


@dataclass(frozen=True)
class LocalMinimumProof:
    """``(weights, output)`` is a local minimum of loss ``loss``: ``multipliers`` solves its stratum system with
    ``R = z ⊙ W`` (adjacent topes in :func:`kernel_topes` order); ``lower``, when given, is a point of smaller
    loss (so the minimum is spurious).  ``output`` is the instance's for fixed output weights."""

    weights: tuple[Vector, ...]
    output: tuple[Fraction, ...]
    loss: Fraction
    multipliers: FeasiblePoint
    lower: Point | None = None

    @property
    def spurious(self) -> bool:
        return self.lower is not None


def _parameters(inst: Instance, weights: Sequence[Sequence[Fraction | int]],
                output: Sequence[Fraction | int] | None) -> Point:
    ws = tuple(tuple(Fraction(c) for c in w) for w in weights)
    zs = tuple(inst.output) if inst.output != "trainable" else tuple(Fraction(v) for v in output or ())
    return ws, zs


def local_minimum_proof(inst: Instance, weights: Sequence[Sequence[Fraction | int]],
                        output: Sequence[Fraction | int] | None,
                        lower: tuple[Sequence[Sequence[Fraction | int]], Sequence[Fraction | int] | None] | None = None,
                        ) -> LocalMinimumProof:
    """The proof that ``(weights, output)`` is a local minimum (``output`` ignored for fixed output weights), and
    with ``lower`` (e.g. the global minimum's point) a spurious one.  Raises :class:`InstanceError` if the point
    is not a local minimum, or ``lower`` is not lower.

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> inst = instance_from_mapping({"data": {"points": [[1], [-1]], "targets": [2, 1]}, "network": {"hidden": [1]}})
    >>> p = local_minimum_proof(inst, [[0]], [-1], ([[2]], [1]))  # the dead unit: F = 0, ½(2² + 1²)
    >>> p.loss, p.spurious, p.lower
    (Fraction(5, 2), True, (((Fraction(2, 1),),), (Fraction(1, 1),)))
    >>> local_minimum_proof(inst, [[1]], [1])
    Traceback (most recent call last):
    exactrelu.core.instance.InstanceError: ...
    """
    require_landscape_setting(inst)
    ws, zs = _parameters(inst, weights, output)
    if len(ws) != inst.d1 or len(zs) != inst.d1 or any(len(w) != inst.d for w in ws):
        raise InstanceError(inst.source, "weights", f"{inst.d1} weight vectors of length {inst.d} and as many outputs")
    ans = local_minimum_solution(inst, ws, zs, kernel_topes(inst))
    if ans is None:
        raise InstanceError(inst.source, "weights", "a local minimum (this point is not one)")
    value = loss(inst, ws, zs)
    low = None
    if lower is not None:
        low = _parameters(inst, *lower)
        if not loss(inst, *low) < value:
            raise InstanceError(inst.source, "lower", f"a point of loss below {value}")
    return LocalMinimumProof(ws, zs, value, ans, low)


@dataclass(frozen=True)
class StratumProof:
    """One stratum (a face and a sign of ``z_j`` per unit): ``answer`` is a solution ``(R, μ)`` of its system (of
    the global minimum's loss) or Motzkin multipliers proving it has no solution."""

    faces: tuple[Signs, ...]
    signs: Signs
    answer: FeasiblePoint | Infeasibility


@dataclass(frozen=True)
class NoSpuriousProof:
    """Every local minimum has loss ``value``: ``faces`` are the covectors (with witnesses) and ``strata`` every
    stratum over them, in the kernel's order, each decided (:class:`StratumProof`)."""

    value: Fraction
    faces: tuple[Tope, ...]
    strata: tuple[StratumProof, ...]


def no_spurious_proof(inst: Instance, value: Fraction, advance: Callable[[], None] | None = None) -> NoSpuriousProof:
    """The proof that every local minimum has loss ``value`` (the global minimum): each stratum's system decided
    exactly (``advance`` is called once per stratum).  Raises :class:`InstanceError` if some stratum carries local
    minima of another loss (a spurious one).

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> inst = instance_from_mapping({"data": {"points": [[-1], [1]], "targets": [-2, 2]}, "network": {"hidden": [1]}})
    >>> p = no_spurious_proof(inst, Fraction(2))  # x = −1, 1; y = −2, 2: fit one side, miss the other
    >>> len(p.faces), len(p.strata), sum(s.answer.feasible for s in p.strata)  # w > 0, z > 0 and w < 0, z < 0
    (3, 9, 2)
    """
    require_landscape_setting(inst)
    ts = kernel_topes(inst)
    faces = covectors(inst.points)
    strata = []
    for fs, ss in kernel_strata(inst, [f.signs for f in faces], (1, -1, 0)):
        if advance is not None:
            advance()
        system, _ = stratum_system(inst, fs, ss, ts)
        ans = decide(system)
        if isinstance(ans, FeasiblePoint):
            R = [ans.point[j * inst.d:(j + 1) * inst.d] for j in range(inst.d1)]
            got = stratum_loss(inst, fs, R)
            if got != value:
                names = " ".join("".join(_SIGN_CHAR[c] for c in f) for f in fs)
                raise InstanceError(inst.source, "data", f"no spurious local minimum (the stratum {names} has "
                                    f"local minima of loss {got})")
        strata.append(StratumProof(fs, ss, ans))
    return NoSpuriousProof(value, faces, tuple(strata))

