"""Theorems 2–6 of Laurent–von Brecht on instances: local minimality and type I/II, Figure-4 minima, blind sides.

**Local minimality** (issue 16).  The hinge loss ``L`` is continuous and piecewise
polynomial; near ω it agrees with the cell polynomial ``L_u`` on every cell ``u``
adjacent to ω.  :func:`classify` decides "ω is a local minimum" exactly in these
cases, tried in this order (``Analysis.case``), and otherwise says
``undecided`` with the reason:

1. ``zero``: ``L(ω) = 0``.  ``L ≥ 0``, so ω is a global minimum.
2. ``not-critical``: ω is not Clarke critical.  A local minimum is Clarke
   critical (Laurent–von Brecht §3, Borwein–Lewis p. 125): not a minimum.
3. ``cell``: every zero entry of ``S(ω)`` is *null* (vanishes identically near
   ω, see :mod:`exactrelu.lvb.clarke`), so ``L = L_u`` on a ball around ω.  ``L_u``
   is a sum of multilinear forms (Theorem 1), hence harmonic; by the strong
   maximum principle a harmonic function with a local minimum at an interior
   point is constant on a ball, hence (a polynomial) constant.  So ω is a local
   minimum iff ``L_u`` is constant (Corollary 1).  Finite check: ``L_u − const =
   Σ_{i,r} κ_ir ŷ_ir`` and, path by path through the units, its monomials are
   distinct, so it vanishes iff every path's weights ``κ_ir Π λ_i`` sum to 0 at
   every bias and are orthogonal to the data at the input (sympy's expansion
   here, the kernel's path sums in the certificate).
4. ``convex``: every point with a hinge argument ``≥ 0`` at ω (``r ≠ r0``; the
   other points contribute 0 near ω) has its last hidden layer ``≡ 0`` near ω
   (ReLU units with pre-activation ``< 0``, or null units).  Then near ω
   ``L(ω') = Σ_i μ_i Σ_{r≠r0} max(0, 1 + c'_r − c'_{r0})`` (binary:
   ``max(0, 1 − y_i c')``) over those points, a convex function of the output
   bias ``c`` alone (a constant without bias).  A local minimum of a convex
   function is global and is where 0 lies in its subdifferential, which is the
   Clarke subdifferential; so ω is a local minimum iff it is Clarke critical.
   Figure 4's flat and sharp minima are of this kind.
5. ``descent``: a ray ``ω + tδ`` entering an open cell along which the loss series
   (exact on that cell) has ``c1 < 0``, or ``c1 = 0 > c2``, so ``L(ω + tδ) < L(ω)``
   for small ``t > 0``: not a minimum.  Rays tried: the adjacent cells' rays, then
   :func:`exactrelu.lvb.clarke.candidate_rays` (unit and pair directions ``e_a ± e_b``,
   which contain Corollary 2's negative direction of a nonzero Hessian, then small
   integer rays).

``undecided`` remains for a critical point on N at which some contributing point
passes through a live last hidden layer (``L`` is not piecewise linear near ω) and
no listed ray descends to order ``t²`` (``undecided-clarke`` when Clarke
criticality itself is undecided and no ray descends).

**Type I / II** are Laurent–von Brecht's classes (§1): "Type I (Flat): Local
minima that occur in a flat (i.e. constant loss) cell or on the boundary of a flat
cell.  Type II (Sharp): Local minima on N that are not on the boundary of any flat
cell."  They are reported only at a *proved* local minimum and only with biases
(their Lemma 1, N a null set, assumes biases): type I if ω is inside a flat cell
or some adjacent cell (a ray enters it) has a constant polynomial; type II if every
candidate cell with a constant polynomial is proved empty near ω (Motzkin
multipliers on the zero entries affine near ω); ``undecided`` if a flat cell's
adjacency is unknown.  Everything decided here is in the ``lvb-analysis``
certificate (:func:`exactrelu.certify.lvb.analysis_certificate` of :func:`point_verdicts`).

:func:`blind_minimum` builds, for binary data in the plane and a chosen set of
*dead* points, an exact point ω of loss (9) with two hidden ReLUs (``bias =
true``) like Figure 4(b): unit 1 fires exactly on the live class +1 points,
unit 2 exactly on the live class −1 points (exact LPs), ``v = (s, −s)`` with
margins ``y ŷ > 1`` on live points, and ``c = 0`` when the dead points are
balanced (``Σ_dead μ_i y_i = 0``; a flat cell, type I) or ``c = ±1`` otherwise
(the majority dead class sits exactly at its hinge: a kink, type II).
:func:`theorem6_violations` lists the pairs (unsolved point, active unit)
that are *not* on the blind side; Theorem 6 says there are none at a Clarke
critical point of separable data.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from ..core.feasibility import FeasiblePoint, LinearSystem, decide
from ..core.instance import Instance
from ..core.model import require
from ..core.point import LVB_MODEL, Layer, Point, flatten
from .clarke import (
    Adjacency,
    ClarkeVerdict,
    Criticality,
    along,
    candidate_rays,
    clarke,
    enters,
    full_cell,
    local_structure,
    loss_value,
    open_cell,
)
from .multilinear import (
    CellPolynomial,
    Indefinite,
    Signature,
    cell_polynomial,
    hessian_verdict,
    pre_activations,
    zero_entries,
)

__all__ = ["MinimalityCase", "MinimumType", "blind_minimum", "theorem6_violations", "classify", "Analysis",
           "PointVerdicts", "point_verdicts",
           "BlindCandidate", "equal_class_weights",
           "theorem5_search"]


def _unit(inst: Instance, on: set[int]) -> tuple[Fraction, ...]:
    rows = [([(1 if i in on else -1) * v for v in (*x, Fraction(1))], 0) for i, x in enumerate(inst.raw_points)]
    ans = decide(LinearSystem.build(inst.d0 + 1, strict=rows))
    if not isinstance(ans, FeasiblePoint):
        raise ValueError(f"no hyperplane fires exactly on points {sorted(on)}")
    return ans.point


def blind_minimum(inst: Instance, dead: set[int]) -> Point:
    """An exact Figure-4 configuration (needs ``hidden = [2]``, ``bias = true``, binary targets)."""
    if inst.hidden != (2,) or not inst.bias or inst.onehot is not None:
        raise ValueError("blind_minimum needs hidden = [2], bias = true and binary targets")
    live_pos = {i for i in range(inst.n) if i not in dead and inst.targets[i] == 1}
    live_neg = {i for i in range(inst.n) if i not in dead and inst.targets[i] == -1}
    h1, h2 = _unit(inst, live_pos), _unit(inst, live_neg)
    mu = inst.hinge_weights
    tilt = sum((mu[i] * inst.targets[i] for i in dead), Fraction(0))
    c = Fraction((tilt > 0) - (tilt < 0))
    pres = [sum((a * b for a, b in zip(h, (*inst.raw_points[i], 1), strict=True)), Fraction(0))
            for h, group in ((h1, live_pos), (h2, live_neg)) for i in group]
    s = (2 / min(pres) + 1) if pres else Fraction(1)
    W = (h1[:-1], h2[:-1])
    return Point((Layer(W, (h1[-1], h2[-1])),), ((s, -s),), (c,))


def theorem6_violations(inst: Instance, p: Point) -> list[tuple[int, int]]:
    """Pairs (i, k): point i unsolved (hinge argument > 0), unit k active on it (pre > 0) with v_k ≠ 0."""
    out = []
    for i, per in enumerate(pre_activations(inst, p)):
        if per[-1][0] > 0:
            out += [(i, k) for k, pre in enumerate(per[0]) if pre > 0 and p.V[0][k] != 0]
    return out


class MinimalityCase(StrEnum):
    """Which case of :func:`classify` decided "ω is a local minimum", or why it stayed undecided (the numbered cases of
    the module docstring, tried in this order).

    - ``ZERO`` (``"zero"``): ``L(ω) = 0 = min L``, a global minimum;
    - ``NOT_CRITICAL`` (``"not-critical"``): ω is not Clarke critical (Definition 2), so not a local minimum;
    - ``CELL`` (``"cell"``): ω is inside an open cell, where ``L = L_u`` is harmonic (Theorem 1): a local minimum iff
      ``L_u`` is constant (Corollary 1);
    - ``CONVEX`` (``"convex"``): every contributing point is dead in the last hidden layer, ``L`` is convex near ω:
      a local minimum iff Clarke critical;
    - ``DESCENT`` (``"descent"``): a ray entering an open cell along which ``L`` decreases: not a local minimum;
    - ``UNDECIDED`` (``"undecided"``): Clarke critical, none of the cases applies and no listed ray descends;
    - ``UNDECIDED_CLARKE`` (``"undecided-clarke"``): Clarke criticality itself is undecided and no ray descends.

    >>> [str(c) for c in MinimalityCase][-2:]
    ['undecided', 'undecided-clarke']
    """

    ZERO = "zero"
    NOT_CRITICAL = "not-critical"
    CELL = "cell"
    CONVEX = "convex"
    DESCENT = "descent"
    UNDECIDED = "undecided"
    UNDECIDED_CLARKE = "undecided-clarke"


class MinimumType(StrEnum):
    """Laurent–von Brecht's two classes of local minima (§1, defined with biases), at a proved local minimum.

    - ``TYPE_I`` (``"type I"``, flat): ω lies in a flat (constant-loss) cell or on the boundary of one (a ray enters
      an adjacent flat cell);
    - ``TYPE_II`` (``"type II"``, sharp): ω lies on N and on the boundary of no flat cell (every flat candidate cell
      is proved not adjacent by Motzkin multipliers);
    - ``UNDECIDED`` (``"undecided"``): a proved local minimum whose type is open (a flat cell of unknown adjacency,
      or Clarke criticality undecided);
    - ``NOT_A_MINIMUM`` (``"-"``): ω is not a proved local minimum, so the type is not defined.

    >>> str(MinimumType.TYPE_I), str(MinimumType.NOT_A_MINIMUM)
    ('type I', '-')
    """

    TYPE_I = "type I"
    TYPE_II = "type II"
    UNDECIDED = "undecided"
    NOT_A_MINIMUM = "-"


@dataclass(frozen=True)
class Analysis:
    """The verdicts of ``exactrelu lvb`` at ω (see the module docstring for the cases of local minimality)."""

    clarke: ClarkeVerdict
    loss: Fraction
    kind: MinimumType
    violations: tuple[tuple[int, int], ...]
    # type II evidence: each flat cell, not adjacent, with Motzkin multipliers on zero entries affine near ω
    excluded: tuple[tuple[tuple[int, ...], tuple[Fraction, ...]], ...] = ()
    minimum: bool | None = None           # local minimum: proved (True), refuted (False), undecided (None)
    case: MinimalityCase = MinimalityCase.UNDECIDED  # which case decided it, or why it is undecided
    descent: tuple[Fraction, ...] = ()    # a ray entering an open cell along which L decreases
    flat_ray: tuple[Fraction, ...] = ()   # type I: a ray entering a flat cell (empty when ω is inside it)


def _descent(inst: Instance, p: Point, ver: ClarkeVerdict) -> tuple[Fraction, ...]:
    """A ray entering an open cell along which ``L(ω + tδ) < L(ω)`` for small ``t > 0``, from the adjacent cells'
    rays and :func:`candidate_rays`; empty if none descends."""
    rays = [c.ray for c in ver.cells if c.status == Adjacency.ADJACENT]
    for delta in itertools.chain(rays, candidate_rays(len(flatten(p)))):
        a = along(inst, p, delta)
        if enters(a) and (a.loss[1] < 0 or (a.loss[1] == 0 and a.loss[2] < 0)):
            return tuple(delta)
    return ()


def _minimum(inst: Instance, p: Point, ver: ClarkeVerdict,
             loss: Fraction) -> tuple[bool | None, MinimalityCase, tuple[Fraction, ...]]:
    """Local minimality at ω: (verdict, case, descent ray)."""
    if loss == 0:
        return True, MinimalityCase.ZERO, ()
    if ver.verdict == Criticality.NOT_CRITICAL:
        return False, MinimalityCase.NOT_CRITICAL, ()
    if not ver.zeros and ver.verdict == Criticality.CRITICAL:
        return cell_polynomial(inst, full_cell(ver.signature, ver.nulls, (), ())).constant, MinimalityCase.CELL, ()
    if ver.verdict == Criticality.CRITICAL and all(local_structure(inst, p).quiet):
        return True, MinimalityCase.CONVEX, ()
    ray = _descent(inst, p, ver)
    if ray:
        return False, MinimalityCase.DESCENT, ray
    if ver.verdict == Criticality.CRITICAL:
        return None, MinimalityCase.UNDECIDED, ()
    return None, MinimalityCase.UNDECIDED_CLARKE, ()


def classify(inst: Instance, p: Point) -> Analysis:
    """Clarke verdict, loss, local minimality, type I/II and Theorem 6's check at ω.

    Local minimality is decided in the cases of the module docstring (``Analysis.case``).  The type is
    reported only at a proved local minimum with biases (Laurent–von Brecht's setting): type I if ω lies in
    a flat cell or some adjacent cell (a ray enters it) is flat; type II if every flat cell is proved not
    adjacent (Motzkin multipliers on the zero entries affine near ω); ``undecided`` if a flat cell's adjacency
    is unknown.
    """
    require(inst, LVB_MODEL, "the Laurent–von Brecht analysis")
    ver = clarke(inst, p)
    loss = loss_value(inst, p)
    minimum, case, descent = _minimum(inst, p, ver, loss)
    kind, excluded, flat_ray = MinimumType.NOT_A_MINIMUM, [], ()
    if minimum and ver.verdict != Criticality.UNDECIDED:
        kind = MinimumType.TYPE_II
        for c in ver.cells:
            if not cell_polynomial(inst, full_cell(ver.signature, ver.nulls, ver.zeros, c.tau)).constant:
                continue
            if c.status == Adjacency.ADJACENT:
                kind, excluded, flat_ray = MinimumType.TYPE_I, [], c.ray
                break
            if c.status == Adjacency.UNKNOWN:
                kind = MinimumType.UNDECIDED
            else:
                excluded.append((c.tau, c.multipliers))
    elif minimum:
        kind = MinimumType.UNDECIDED
    viol = tuple(theorem6_violations(inst, p)) if inst.onehot is None and len(inst.hidden) == 1 else ()
    return Analysis(ver, loss, kind, viol, tuple(excluded) if kind == MinimumType.TYPE_II else (), minimum, case,
                    descent, tuple(flat_ray))


@dataclass(frozen=True)
class PointVerdicts:
    """Everything ``exactrelu lvb`` decides at ω: the signature ``S(ω)`` (eq. 6); when ω lies in an open cell
    (every zero entry null, :func:`exactrelu.lvb.clarke.open_cell`) that cell's polynomial (Theorem 1) and the
    Hessian's verdict (Corollary 2), else ``None`` for both (ω on the boundary set N); and the :class:`Analysis`
    (Definition 2, local minimality, type I/II, Theorem 6)."""

    cell: CellPolynomial | None
    hessian: Indefinite | None
    analysis: Analysis

    @property
    def signature(self) -> Signature:
        """``S(ω)``, as the Clarke verdict read it."""
        return self.analysis.clarke.signature

    @property
    def zero_entries(self) -> tuple[int, ...]:
        """The entries of ``S(ω)`` that are 0: ω lies on N iff there is one."""
        return zero_entries(self.signature)


def point_verdicts(inst: Instance, p: Point) -> PointVerdicts:
    """The signature, the open cell's polynomial and Hessian verdict (if ω is inside a cell) and
    :func:`classify` at ω, each computed once (the ``lvb`` command's text, ``--json`` and certificate read them).

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> from exactrelu.core.point import point_from_mapping
    >>> inst = instance_from_mapping({"data": {"points": [[1], [-1]], "targets": [1, -1], "bias": True},
    ...        "network": {"hidden": [1], "loss": "hinge"}})
    >>> p = point_from_mapping({"layers": [{"W": [["1"]], "b": ["0"]}], "output": {"V": [["2"]], "c": ["-1"]}}, inst)
    >>> r = point_verdicts(inst, p)  # entries per point: pre-activation x, hinge argument 1 − y ŷ
    >>> r.zero_entries, r.cell is None, str(r.analysis.loss), r.analysis.minimum, str(r.analysis.case)
    ((1, 3), True, '0', True, 'zero')

    (``ŷ = 2·max(0, x) − 1 = (1, −1)``: pre-activations ``(1, −1)``, both hinge arguments 0, so ω is on N with
    loss 0, a global minimum.)
    """
    poly, ind = hessian_verdict(inst, p) if open_cell(inst, p) is not None else (None, None)
    return PointVerdicts(poly, ind, classify(inst, p))


@dataclass(frozen=True)
class BlindCandidate:
    """One Figure-4 construction in the Theorem 5 search: its dead set, point, loss and Clarke verdict."""

    dead: tuple[int, ...]
    point: Point
    verdict: ClarkeVerdict


def equal_class_weights(inst: Instance) -> Instance:
    """The same data with ``μ_i = 1/(2 N_±)``: both classes weigh 1/2 (the hypothesis of Theorem 5)."""
    from dataclasses import replace

    npos = sum(1 for y in inst.targets if y == 1)
    nneg = inst.n - npos
    return replace(inst, weights=tuple(Fraction(1, 2 * (npos if y == 1 else nneg)) for y in inst.targets))


def theorem5_search(inst: Instance, max_dead: int | None = None) -> list[BlindCandidate]:
    """Every Figure-4 (blind-side) construction over ``inst``'s data, with its exact Clarke verdict.

    Searched: each dead set ``D ⊆ [N]`` with ``|D| ≤ max_dead`` for which
    :func:`blind_minimum` exists (the live points of each class are cut off
    exactly by one hyperplane, decided by an exact LP); the point is judged
    with ``inst``'s activation and weights.  Theorem 5 (leaky, separable,
    equal class weights) predicts that no candidate with loss > 0 is critical.
    """
    import itertools

    out = []
    top = inst.n if max_dead is None else max_dead
    for k in range(top + 1):
        for dead in itertools.combinations(range(inst.n), k):
            try:
                p = blind_minimum(inst, set(dead))
            except ValueError:
                continue
            out.append(BlindCandidate(dead, p, clarke(inst, p)))
    return out
