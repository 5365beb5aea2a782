"""Clarke criticality at a rational point (Laurent–von Brecht Definition 2, eq. 8), exactly.

The Clarke subdifferential of the loss at ω is ``conv{∇L_u(ω) : Ω_u adjacent to ω}``,
where ``L_u`` is the polynomial of the cell ``u`` (Theorem 1) and a cell is
adjacent when ω lies in its closure.  Candidate cells replace each zero entry
of ``S(ω)`` by a sign ``τ``.  Exactly decided:

- **adjacent**: a ray ``ω + tδ`` enters ``Ω_u`` for all small ``t > 0``; found by
  an exact LP on the first-order parts ``τ_z ∇e_z(ω)·δ > 0`` of the zero entries
  ``e_z`` (computed in the cell ``u``), re-checked by the kernel through the
  lowest-order coefficients of every entry along the ray;
- **not adjacent**: the first-layer zero entries alone (affine in ω) have no
  solution with signs ``τ`` (Motzkin multipliers);
- **adjacent at higher order**: when the first-order LP fails (a deep or hinge
  entry whose first-order part vanishes on the candidate directions), a finite
  deterministic list of small integer rays is tried; a ray whose entries all have
  a nonzero sign for small ``t > 0`` (read off the lowest nonzero coefficient of
  their Taylor series to order ``t²``, the kernel's rule) enters the cell;
- **not adjacent**: the zero entries *affine near ω* alone have no solution with
  signs ``τ`` (Motzkin multipliers).  Affine near ω: a first-layer entry, or an
  entry whose inputs vanish identically near ω (every unit of the previous layer
  is dead, ``α = 0`` and pre-activation ``< 0`` at ω, or null), e.g. the hinge
  argument ``1 − y c`` of a point dead in the last hidden layer;
- **unknown**: neither (the cell may be reached along curves only, or only along
  rays the finite list misses).

**Null entries** (issue 16; Laurent–von Brecht's Lemma 1 assumes biases): without
biases an entry whose inputs vanish identically near ω (a zero data point, or a
point on which every unit of the previous layer is dead or null) is ``≡ 0`` on a
whole neighbourhood of ω: the boundary set N then has interior and no open cell
is adjacent there.  Both signs of a null entry give the same polynomial ``L_u``
(``σ_α(0) = 0``), so Clarke's limiting gradients are those of the cells with the
null entries set to ``+`` and the other zeros to ``τ``: null entries are not
enumerated, and a ray "enters a cell" when its *non-null* entries are nonzero.

Verdicts: *critical* if ``0 ∈ conv`` of the adjacent cells' gradients (convex
weights); *not critical* if a direction ``g`` has ``∇L_u(ω)·g < 0`` on every
adjacent *or unknown* cell (Gordan); otherwise *undecided*, with the reason.
No verdict is ever guessed.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from fractions import Fraction

from ..core.feasibility import FeasiblePoint, LinearSystem, decide
from ..core.instance import Instance
from ..core.point import Point, flatten, out_dim, unflatten
from .multilinear import Signature, signature, zero_entries

__all__ = ["Adjacency", "Criticality", "CellGradient", "ClarkeVerdict", "clarke", "cell_gradients", "MAX_ZEROS",
           "Local", "local_structure",
           "along", "Along", "candidate_rays", "open_cell", "full_cell", "enters", "loss_value"]

MAX_ZEROS = 12
MAX_RAYS = 3 ** 7
"""The higher-order adjacency search tries at most this many rays (all of {−1, 0, 1}^P when P ≤ 7)."""


class _Dual:
    """``v + g·dω``: a value and its exact gradient in the parameters."""

    __slots__ = ("v", "g")

    def __init__(self, v: Fraction, g: list[Fraction]):
        self.v, self.g = v, g

    def __add__(self, o: _Dual) -> _Dual:
        return _Dual(self.v + o.v, [a + b for a, b in zip(self.g, o.g, strict=True)])

    def __mul__(self, o: _Dual) -> _Dual:
        return _Dual(self.v * o.v, [self.v * b + o.v * a for a, b in zip(self.g, o.g, strict=True)])

    def scale(self, s: Fraction) -> _Dual:
        return _Dual(s * self.v, [s * a for a in self.g])


def cell_gradients(inst: Instance, p: Point, cell: Signature) -> tuple[list[list[Fraction]], list[Fraction]]:
    """``∇e(ω)`` for every signature entry and ``∇L_u(ω)``, with the nonlinearities fixed by ``cell``."""
    flat = flatten(p)
    P = len(flat)
    params = [_Dual(v, [Fraction(int(q == k)) for q in range(P)]) for k, v in enumerate(flat)]
    net = unflatten(inst, params, convert=False)  # type: ignore[arg-type]

    def const(v: Fraction) -> _Dual:
        return _Dual(Fraction(v), [Fraction(0)] * P)

    grads: list[list[Fraction]] = []
    loss = const(Fraction(0))
    mu = inst.hinge_weights
    for i, x in enumerate(inst.raw_points):
        h = [const(v) for v in x]
        for layer in net.layers:
            new = []
            for k, row in enumerate(layer.W):
                pre = const(Fraction(0))
                for w, v in zip(row, h, strict=True):
                    pre = pre + w * v  # type: ignore[operator]
                if layer.b is not None:
                    pre = pre + layer.b[k]  # type: ignore[operator]
                s = cell[len(grads)]
                grads.append(pre.g)
                new.append(pre if s > 0 else pre.scale(inst.alpha))
            h = new
        yhat = []
        for r, row in enumerate(net.V):
            o = const(Fraction(0))
            for w, v in zip(row, h, strict=True):
                o = o + w * v  # type: ignore[operator]
            yhat.append(o + net.c[r] if net.c is not None else o)  # type: ignore[operator]
        if inst.onehot is None:
            args = [const(Fraction(1)) + yhat[0].scale(-inst.targets[i])]
            r0 = -1
        else:
            r0 = inst.onehot[i].index(1)
            args = [const(Fraction(1)) + yhat[r] + yhat[r0].scale(Fraction(-1)) for r in range(out_dim(inst))]
        for r, a in enumerate(args):
            s = cell[len(grads)]
            grads.append(a.g)
            if s > 0 and r != r0:
                loss = loss + a.scale(mu[i])
    return grads, loss.g


@dataclass(frozen=True)
class Local:
    """What is constant near ω, read off the values at ω (ReLU dead units: pre-activation < 0).

    ``null[e]``: entry e vanishes identically near ω (no bias, inputs ≡ 0); ``affine[e]``: entry e is an affine
    function of ω near ω (first layer, or inputs ≡ 0); ``quiet[i]``: near ω point i contributes to L a function of
    the output bias c alone (its last hidden layer is ≡ 0) or nothing (every hinge argument r ≠ r0 is < 0)."""

    null: tuple[bool, ...]
    affine: tuple[bool, ...]
    quiet: tuple[bool, ...]


def local_structure(inst: Instance, p: Point) -> Local:
    """Which entries vanish identically, which are affine, and which points are quiet near ``ω`` (:class:`Local`)."""
    from .multilinear import pre_activations

    null: list[bool] = []
    affine: list[bool] = []
    quiet = []
    for i, per in enumerate(pre_activations(inst, p)):
        zero, const = not any(inst.raw_points[i]), True   # the inputs of the next layer: ≡ 0, constant
        for pre in per[:-1]:
            null += [zero and not inst.bias] * len(pre)
            affine += [const] * len(pre)
            zero = const = all((inst.alpha == 0 and s < 0) or (zero and not inst.bias) for s in pre)
        null += [False] * len(per[-1])
        affine += [zero] * len(per[-1])
        r0 = inst.onehot[i].index(1) if inst.onehot is not None else -1
        quiet.append(zero or all(a < 0 for r, a in enumerate(per[-1]) if r != r0))
    return Local(tuple(null), tuple(affine), tuple(quiet))


class _Series:
    """``c0 + c1 t + c2 t²`` modulo ``t³``: a value along the ray ``ω + tδ``."""

    __slots__ = ("c",)

    def __init__(self, *c: Fraction):
        self.c = c

    def __add__(self, o: _Series) -> _Series:
        return _Series(*(a + b for a, b in zip(self.c, o.c, strict=True)))

    def __mul__(self, o: _Series) -> _Series:
        a, b = self.c, o.c
        return _Series(a[0] * b[0], a[0] * b[1] + a[1] * b[0], a[0] * b[2] + a[1] * b[1] + a[2] * b[0])

    def scale(self, s: Fraction) -> _Series:
        return _Series(*(s * a for a in self.c))

    def sign(self) -> int:
        return next(((c > 0) - (c < 0) for c in self.c if c), 0)


@dataclass(frozen=True)
class Along:
    """Along ``ω + tδ``: every entry's sign for small ``t > 0`` (its lowest nonzero Taylor coefficient up to t²;
    0 if all three vanish), which entries are *null on the region the ray enters* (no bias, and every unit of the
    previous layer has sign − (ReLU) or is null there: the entry's inputs are the zero polynomial, so it is ≡ 0 on
    that region and its sign is irrelevant), and the loss series ``(L(ω), c1, c2)`` with the nonlinearities following
    the signs.  If every non-null entry has a nonzero sign (:func:`enters`), the ray enters the open region where the
    non-null entries have those signs, ``L`` there is ``L_u`` for ``u`` = those signs (null entries either sign), and
    the series is exact."""

    signs: tuple[int, ...]
    null: tuple[bool, ...]
    loss: tuple[Fraction, Fraction, Fraction]


def along(inst: Instance, p: Point, delta: Sequence[Fraction]) -> Along:
    """The signs, null entries and loss series of the network along the ray ``ω + tδ`` (:class:`Along`), exactly:
    every quantity a Taylor polynomial of degree 2 in ``t``."""
    one = _Series(Fraction(1), Fraction(0), Fraction(0))
    net = unflatten(inst, [_Series(w, Fraction(d), Fraction(0)) for w, d in zip(flatten(p), delta, strict=True)],
                    convert=False)
    signs: list[int] = []
    null: list[bool] = []
    loss = one.scale(Fraction(0))
    for i, x in enumerate(inst.raw_points):
        h, zero = [one.scale(v) for v in x], not any(x)    # zero: the layer's inputs are ≡ 0 on the region
        for layer in net.layers:
            new = []
            for k, row in enumerate(layer.W):
                pre = one.scale(Fraction(0))
                for w, v in zip(row, h, strict=True):
                    pre = pre + w * v  # type: ignore[operator]
                if layer.b is not None:
                    pre = pre + layer.b[k]  # type: ignore[operator]
                signs.append(pre.sign())
                null.append(zero and not inst.bias)
                new.append(pre if signs[-1] > 0 else pre.scale(inst.alpha))
            zero = all((inst.alpha == 0 and s < 0) or n for s, n in zip(signs[-len(new):], null[-len(new):],
                                                                         strict=True))
            h = new
        yhat = []
        for r, row in enumerate(net.V):
            o = one.scale(Fraction(0))
            for w, v in zip(row, h, strict=True):
                o = o + w * v  # type: ignore[operator]
            yhat.append(o + net.c[r] if net.c is not None else o)  # type: ignore[operator]
        r0 = inst.onehot[i].index(1) if inst.onehot is not None else -1
        args = [one + yhat[0].scale(-inst.targets[i])] if r0 < 0 else \
            [one + yhat[r] + yhat[r0].scale(Fraction(-1)) for r in range(out_dim(inst))]
        for r, a in enumerate(args):
            signs.append(a.sign())
            null.append(False)
            if signs[-1] > 0 and r != r0:
                loss = loss + a.scale(inst.hinge_weights[i])
    return Along(tuple(signs), tuple(null), loss.c)  # type: ignore[arg-type]


def candidate_rays(P: int) -> Iterator[tuple[Fraction, ...]]:
    """A fixed finite list of small integer directions: ``±e_a`` and ``e_a ± e_b`` (Corollary 2's directions of a
    nonzero Hessian), then {−1, 0, 1}^P for P ≤ 7, else ``MAX_RAYS`` seeded draws from {−2, …, 2}^P (deterministic,
    so verdicts are reproducible)."""
    def ray(pairs: dict[int, int]) -> tuple[Fraction, ...]:
        return tuple(Fraction(pairs.get(k, 0)) for k in range(P))

    for a in range(P):
        yield from (ray({a: 1}), ray({a: -1}))
    for a, b in itertools.combinations(range(P), 2):
        yield from (ray({a: s, b: t}) for s in (1, -1) for t in (1, -1))
    if 3 ** P <= MAX_RAYS:
        yield from (tuple(map(Fraction, d)) for d in itertools.product((1, -1, 0), repeat=P) if any(d))
        return
    rng = random.Random(P)
    for _ in range(MAX_RAYS):
        yield tuple(Fraction(rng.randint(-2, 2)) for _ in range(P))


class Adjacency(StrEnum):
    """Whether the candidate cell ``Ω_u`` (the zero entries of ``S(ω)`` replaced by the signs ``τ``) is adjacent to ω,
    i.e. ω lies in its closure; the Clarke subdifferential of Laurent–von Brecht's Definition 2 is the convex hull of
    the adjacent cells' gradients (module docstring).

    - ``ADJACENT`` (``"adjacent"``): a ray ``ω + tδ`` enters ``Ω_u`` for all small ``t > 0`` (``CellGradient.ray``);
    - ``NOT_ADJACENT`` (``"not-adjacent"``): the zero entries affine near ω have no solution with signs ``τ``
      (Motzkin multipliers, ``CellGradient.multipliers``);
    - ``UNKNOWN`` (``"unknown"``): neither was found (the cell may be reached along curves only).

    >>> str(Adjacency.NOT_ADJACENT), Adjacency("unknown") is Adjacency.UNKNOWN
    ('not-adjacent', True)
    """

    ADJACENT = "adjacent"
    NOT_ADJACENT = "not-adjacent"
    UNKNOWN = "unknown"


class Criticality(StrEnum):
    """The answer to "is ω Clarke critical, ``0 ∈ ∂_0 L(ω)``?" (Laurent–von Brecht Definition 2, eq. 8).

    - ``CRITICAL`` (``"critical"``): 0 is a convex combination of the adjacent cells' gradients
      (``ClarkeVerdict.weights``);
    - ``NOT_CRITICAL`` (``"not-critical"``): a direction ``g`` has ``∇L_u(ω)·g < 0`` on every adjacent or
      unknown cell (Gordan; ``ClarkeVerdict.direction``);
    - ``UNDECIDED`` (``"undecided"``): neither, with the reason (``ClarkeVerdict.reason``); never guessed.

    >>> str(Criticality.NOT_CRITICAL), Criticality("critical") == "critical"
    ('not-critical', True)
    """

    CRITICAL = "critical"
    NOT_CRITICAL = "not-critical"
    UNDECIDED = "undecided"


@dataclass(frozen=True)
class CellGradient:
    """One cell ``u`` around ω (signs ``tau`` on the zero entries): whether it is adjacent to ω, the gradient of
    its polynomial ``L_u`` at ω, and the evidence (an entering ray, or Motzkin multipliers refuting adjacency)."""

    tau: tuple[int, ...]                      # signs on the zero entries
    status: Adjacency
    gradient: tuple[Fraction, ...]
    ray: tuple[Fraction, ...] = ()
    multipliers: tuple[Fraction, ...] = ()    # Motzkin, on the zero entries (those affine near ω only)


@dataclass(frozen=True)
class ClarkeVerdict:
    """Laurent–von Brecht Definition 2 decided at ω: the :class:`Criticality`, the signature and the adjacent cells,
    with the convex ``weights`` of a critical point or the descent ``direction`` of a non-critical one."""

    verdict: Criticality
    signature: Signature
    zeros: tuple[int, ...]
    cells: tuple[CellGradient, ...] = ()
    weights: tuple[tuple[tuple[int, ...], Fraction], ...] = ()  # (cell τ, its convex weight > 0), critical only
    direction: tuple[Fraction, ...] = ()
    reason: str = ""
    loss: Fraction = Fraction(0)
    nulls: tuple[int, ...] = ()               # zero entries vanishing identically near ω (not enumerated)
    affine: tuple[bool, ...] = ()             # per entry of ``zeros``: affine near ω (a row of the exclusions)


def loss_value(inst: Instance, p: Point) -> Fraction:
    """The hinge loss ``Σ_i μ_i Σ_{r ≠ r0} σ(arg)`` at ω (eq. 9 or eq. 2 weighted)."""
    from .multilinear import pre_activations

    total = Fraction(0)
    for i, per in enumerate(pre_activations(inst, p)):
        r0 = inst.onehot[i].index(1) if inst.onehot is not None else -1
        hinge = (max(a, Fraction(0)) for r, a in enumerate(per[-1]) if r != r0)
        total += inst.hinge_weights[i] * sum(hinge, Fraction(0))
    return total


def clarke(inst: Instance, p: Point, shift: Sequence[Fraction] | None = None) -> ClarkeVerdict:
    """Decide ``0 ∈ ∂_0 L(ω)`` exactly, or say why it cannot be decided.

    With ``shift = s`` it decides ``0 ∈ ∂_0 L(ω) + s``, i.e. Clarke criticality of
    ``L + <s, ·>`` (used for a smooth penalty: ``∂_0(L + G) = ∂_0 L + ∇G``); the
    reported gradients then include ``s``.
    """
    sig = signature(inst, p)
    loc = local_structure(inst, p)
    nulls = tuple(e for e in zero_entries(sig) if loc.null[e])
    zeros = tuple(e for e in zero_entries(sig) if not loc.null[e])
    loss = loss_value(inst, p)
    if len(zeros) > MAX_ZEROS:
        return ClarkeVerdict(Criticality.UNDECIDED, sig, zeros, reason=f"{len(zeros)} zero entries (> {MAX_ZEROS}): "
                             "too many candidate cells", loss=loss, nulls=nulls)
    affine = [loc.affine[e] for e in zeros]
    P = len(flatten(p))
    cells = []
    for tau in itertools.product((1, -1), repeat=len(zeros)):
        grads, g_loss = cell_gradients(inst, p, full_cell(sig, nulls, zeros, tau))
        if shift is not None:
            g_loss = [a + b for a, b in zip(g_loss, shift, strict=True)]
        rows = [([s * v for v in grads[e]], 0) for e, s in zip(zeros, tau, strict=True)]
        answer = decide(LinearSystem.build(P, strict=rows))
        if isinstance(answer, FeasiblePoint):
            cells.append(CellGradient(tau, Adjacency.ADJACENT, tuple(g_loss), ray=answer.point))
            continue
        only_affine = LinearSystem.build(P, strict=[r for r, f in zip(rows, affine, strict=True) if f])
        affine_answer = decide(only_affine) if only_affine.strict else None
        if affine_answer is not None and not isinstance(affine_answer, FeasiblePoint):
            it = iter(affine_answer.strict)
            mult = tuple(next(it) if f else Fraction(0) for f in affine)
            cells.append(CellGradient(tau, Adjacency.NOT_ADJACENT, tuple(g_loss), multipliers=mult))
        else:
            cells.append(CellGradient(tau, Adjacency.UNKNOWN, tuple(g_loss)))
    cells = _higher_order(inst, p, zeros, cells)
    adjacent = [c for c in cells if c.status == Adjacency.ADJACENT]
    possible = [c for c in cells if c.status != Adjacency.NOT_ADJACENT]
    base = dict(signature=sig, zeros=zeros, cells=tuple(cells), loss=loss, nulls=nulls, affine=tuple(affine))
    if adjacent:
        k = len(adjacent)
        eq = [([c.gradient[q] for c in adjacent], 0) for q in range(P)] + [([Fraction(1)] * k, 1)]
        weak = [([Fraction(int(a == b)) for b in range(k)], 0) for a in range(k)]
        hull = decide(LinearSystem.build(k, weak=weak, equal=eq))
        if isinstance(hull, FeasiblePoint):
            weights = tuple((c.tau, w) for c, w in zip(adjacent, hull.point, strict=True) if w)
            return ClarkeVerdict(Criticality.CRITICAL, weights=weights, **base)  # type: ignore[arg-type]
    sep = decide(LinearSystem.build(P, strict=[([-v for v in c.gradient], 0) for c in possible]))
    if isinstance(sep, FeasiblePoint):
        return ClarkeVerdict(Criticality.NOT_CRITICAL, direction=sep.point, **base)  # type: ignore[arg-type]
    unknown = ["".join("+" if s > 0 else "-" if s < 0 else "0" for s in c.tau)
               for c in cells if c.status == Adjacency.UNKNOWN]
    return ClarkeVerdict(Criticality.UNDECIDED, reason="0 lies in the hull only once cells of undetermined adjacency "
                         f"({', '.join(unknown)}) are included: neither a first-order direction nor one of the "
                         f"{MAX_RAYS} small integer rays enters them to order t², and the entries affine near ω do "
                         "not exclude them", **base)  # type: ignore[arg-type]


def open_cell(inst: Instance, p: Point) -> Signature | None:
    """The cell whose polynomial is ``L`` on a whole neighbourhood of ω: ``S(ω)`` with its null entries ← ``+``, or
    None when a zero entry is not null (ω on the boundary set N proper)."""
    sig, null = signature(inst, p), local_structure(inst, p).null
    if any(s == 0 and not n for s, n in zip(sig, null, strict=True)):
        return None
    return tuple(s or 1 for s in sig)


def full_cell(sig: Signature, nulls: Sequence[int], zeros: Sequence[int], tau: Sequence[int]) -> Signature:
    """``S(ω)`` with the zero entries ← ``τ`` and the null entries ← ``+`` (either sign gives the same ``L_u``)."""
    u = list(sig)
    for e in nulls:
        u[e] = 1
    for e, s in zip(zeros, tau, strict=True):
        u[e] = s
    return tuple(u)


def enters(a: Along) -> bool:
    """The ray enters an open region of constant signs: every entry but the null ones has a nonzero sign."""
    return all(s or n for s, n in zip(a.signs, a.null, strict=True))


def _higher_order(inst: Instance, p: Point, zeros: Sequence[int], cells: list[CellGradient]) -> list[CellGradient]:
    """Resolve cells of unknown adjacency by the rays of :func:`candidate_rays`: a ray entering the region of signs
    ``τ`` to order t² proves it adjacent (the first-order LP misses regions reached only through second-order terms,
    and those where an entry is null); an entry null on the region matches either sign of ``τ``."""
    unknown = {c.tau for c in cells if c.status == Adjacency.UNKNOWN}
    found: dict[tuple[int, ...], tuple[Fraction, ...]] = {}
    for delta in candidate_rays(len(flatten(p))) if unknown else ():
        a = along(inst, p, delta)
        if not enters(a):
            continue
        for tau in unknown - found.keys():
            if all(a.null[e] or a.signs[e] == s for e, s in zip(zeros, tau, strict=True)):
                found[tau] = delta
        if len(found) == len(unknown):
            break
    return [replace(c, status=Adjacency.ADJACENT, ray=found[c.tau]) if c.tau in found else c for c in cells]
