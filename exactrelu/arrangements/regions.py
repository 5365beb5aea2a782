"""Activation regions of a one-hidden-layer ReLU network (SPEC §2).

``S^A = {W : (2A_ij − 1)·<w_i, x_j> > 0}`` is the product over hidden units of
the open cones ``C(a_i)`` of the rows of ``A``, so it is non-empty iff every
row is a tope of the configuration ``x_1 … x_n`` (see :mod:`exactrelu.arrangements.topes`).
The number of non-empty regions is therefore ``T^{d1}`` with ``T`` the number
of topes — counted here without materialising the product.

Proposition 3 of Karhadkar et al.: for points in general position in ``Q^d``
the count is ``(2 Σ_{k<d} C(n−1, k))^{d1}``.  Lemma 6: for distinct 1-D data
with bias the topes are the ``2n`` step vectors.

>>> from exactrelu.core.instance import instance_from_mapping
>>> inst = instance_from_mapping({"data": {"points": [[1, 0], [0, 1], [1, 1]], "targets": [0, 0, 0]},
...                               "network": {"hidden": [2]}})
>>> analyse(inst).region_count, prop3_count(3, 2, 2)
(36, 36)
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from itertools import combinations, islice, product
from math import comb, gcd, lcm
from typing import Any

from flint import fmpz_mat

from ..core.feasibility import FeasiblePoint, LinearSystem, LPCounter, decide
from ..core.instance import Instance
from ..core.linalg import rank
from ..core.model import Model, require
from ..core.rationals import format_rational, sign_string
from .counting import ROUTE as COUNT_ROUTE
from .counting import count_regions
from .listing import list_topes
from .topes import Configuration, Tope, structure, topes

__all__ = [
    "MODEL",
    "Pattern",
    "RegionReport",
    "PatternVerdict",
    "analyse",
    "unit_topes",
    "unit_witnesses",
    "region_count",
    "nonempty_patterns",
    "decide_pattern",
    "ConeVerdict",
    "decide_cone",
    "tope_total",
    "general_position",
    "prop3_count",
    "step_vectors",
    "topes_evidence",
    "CountMismatch",
    "stream_unit_witnesses",
    "listing_route",
    "ENUMERATION_ROUTE",
    "SWEEP_ROUTE",
    "CERTIFY_LIMIT",
]

#: Name of the cocircuit enumeration (:func:`~exactrelu.arrangements.topes.topes`, behind certificates) in
#: ``count_routes``.
ENUMERATION_ROUTE = "enumeration"
#: Name of the hyperplane-by-hyperplane listing (:func:`exactrelu.arrangements.listing.list_topes`, behind ``--list``).
SWEEP_ROUTE = "sweep"
#: Above this many topes no complete tope list is written: the count is reported, not certified.
CERTIFY_LIMIT = 1_000_000


class CountMismatch(RuntimeError):
    """The two independent counting routes disagree: a bug in one of them, never a property of the data."""

Row = tuple[int, ...]
Pattern = tuple[Row, ...]

MODEL = Model(deep=False, note="a region is a sign pattern of pre-activations, the same for ReLU and leaky units; "
                               "loss, output and targets do not enter")
"""What the one-layer region count models (deep networks: :mod:`exactrelu.kmtm.deep`)."""


def prop3_count(n: int, d: int, d1: int) -> int:
    """Proposition 3: ``(2 Σ_{k=0}^{d−1} C(n−1, k))^{d1}`` regions in general position.

    >>> prop3_count(4, 2, 1)   # four lines through 0 in the plane: 8 sectors
    8
    """
    return (2 * sum(comb(n - 1, k) for k in range(d)))**d1


def general_position(points: Sequence[Sequence[Fraction | int]]) -> tuple[int, ...] | None:
    """``None`` if every set of at most ``d`` points is linearly independent, else a minimal dependent set.

    >>> general_position([[1, 0], [2, 0], [0, 1]])
    (0, 1)
    """
    n, d = len(points), len(points[0])
    for size in range(1, min(n, d) + 1):
        for subset in combinations(range(n), size):
            if rank([points[j] for j in subset]) < size:
                return subset
    return None


def step_vectors(xs: Sequence[Fraction]) -> set[Row]:
    """Lemma 6: the rows ``[x_j > t]`` and ``[x_j < t]`` over all thresholds ``t``.

    For distinct 1-D points with bias these are exactly the topes (``2n`` of them).

    >>> sorted(step_vectors([0, 1]))
    [(0, 0), (0, 1), (1, 0), (1, 1)]
    """
    order = sorted(set(xs))
    cuts = [order[0] - 1] + [(a + b) / 2 for a, b in zip(order, order[1:], strict=False)] + [order[-1] + 1]
    rows = set()
    for t in cuts:
        rows.add(tuple(int(x > t) for x in xs))
        rows.add(tuple(int(x < t) for x in xs))
    return rows


@lru_cache(maxsize=32)  # bounded: a sweep visits many configurations once each
def _topes_of(points: tuple[tuple[Fraction, ...], ...]) -> tuple[Tope, ...]:
    return topes(points)


def _rows(inst: Instance) -> tuple[Tope, ...]:
    return _topes_of(tuple(inst.points))


def unit_topes(inst: Instance) -> tuple[Row, ...]:
    """Rows ``a ∈ {0,1}^n`` with non-empty open cone ``C(a)`` (none if a point is zero).

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> unit_topes(instance_from_mapping({"data": {"points": [[0], [1]], "targets": [0, 0], "bias": True},
    ...                                    "network": {"hidden": [1]}}))
    ((0, 0), (0, 1), (1, 0), (1, 1))
    """
    ts = _rows(inst)
    if any(0 in t.signs for t in ts[:1]):
        return ()
    return tuple(tuple(int(s > 0) for s in t.signs) for t in ts)


def unit_witnesses(inst: Instance) -> dict[Row, tuple[Fraction, ...]]:
    """Each non-empty row with a weight vector ``w`` in its open cone."""
    return {tuple(int(s > 0) for s in t.signs): t.witness for t in _rows(inst) if 0 not in t.signs}


def listing_route(rep: RegionReport) -> str:
    """The faster lister for these data (measured in ``benchmarks/counting.py --listing``).

    In general position every cocircuit sees all ``2^{r−1}`` local sign
    patterns and the cocircuit enumeration is the fastest; on degenerate data
    many cocircuits see the same topes and the sweep (one hyperplane at a
    time, :mod:`exactrelu.arrangements.listing`) is many times faster.
    """
    return ENUMERATION_ROUTE if rep.general_position else SWEEP_ROUTE


def stream_unit_witnesses(inst: Instance, expected: int,
                          route: str = SWEEP_ROUTE) -> Iterator[tuple[Row, tuple[Fraction, ...]]]:
    """The non-empty rows with witnesses, in the order of :func:`unit_witnesses`, from ``route``.

    ``route`` is :data:`SWEEP_ROUTE` (:func:`exactrelu.arrangements.listing.list_topes`,
    each row built as it is consumed) or :data:`ENUMERATION_ROUTE` (the
    cocircuit enumeration).  ``expected`` is the count from the characteristic
    polynomial; when the stream ends, the number of rows listed must equal it,
    else :class:`CountMismatch` (the routes are independent).
    """
    listed = 0
    for t in (list_topes(inst.points) if route == SWEEP_ROUTE else _rows(inst)):
        if 0 in t.signs:  # a zero point: every open cone is empty
            continue
        listed += 1
        yield tuple(int(s > 0) for s in t.signs), t.witness
    if listed != expected:
        raise CountMismatch(f"internal error: {inst.name}: the characteristic polynomial gives {expected} "
                            f"non-empty rows, the {route} lists {listed}; please report this instance")


def tope_total(inst: Instance) -> int:
    """The number of topes of the configuration (rows of a certificate's tope list).

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> tope_total(instance_from_mapping({"data": {"points": [[1, 0], [0, 1], [1, 1]], "targets": [1, 1, 1]},
    ...                                    "network": {"hidden": [2]}}))  # per unit, not per region
    6
    """
    return len(_rows(inst))


def region_count(inst: Instance) -> int:
    """The number of non-empty open activation regions, ``T^{d1}``.

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> region_count(instance_from_mapping({"data": {"points": [[1, 0], [0, 1], [1, 1]], "targets": [1, 1, 1]},
    ...                                      "network": {"hidden": [2]}}))  # 6 topes per unit, 6² regions
    36
    """
    return len(unit_topes(inst))**inst.d1


def nonempty_patterns(inst: Instance) -> Iterator[Pattern]:
    """Every non-empty pattern ``A`` (rows are units), lazily: ``T^{d1}`` of them."""
    return product(unit_topes(inst), repeat=inst.d1)


@dataclass(frozen=True)
class RegionReport:
    """Exact count of activation regions and how it compares with Proposition 3."""

    name: str
    n: int
    d: int
    d1: int
    tope_count: int
    region_count: int
    zero_points: tuple[int, ...]
    parallel: tuple[tuple[int, ...], ...]
    dependent_set: tuple[int, ...] | None
    prop3: int
    notes: tuple[str, ...]
    count_routes: tuple[str, ...] = (COUNT_ROUTE,)  # the routes that produced ``tope_count`` (and agreed)
    arrangement_regions: int | None = None  # regions of {<w, x_j> = 0}, zero points ignored

    @property
    def general_position(self) -> bool:
        return self.dependent_set is None

    def to_json(self) -> dict[str, Any]:
        return {"instance": self.name, "n": self.n, "d": self.d, "d1": self.d1, "topes": self.tope_count,
                "regions": str(self.region_count), "zero_points": list(self.zero_points),
                "parallel_classes": [list(c) for c in self.parallel], "general_position": self.general_position,
                "dependent_set": list(self.dependent_set) if self.dependent_set else None,
                "prop3_closed_form": str(self.prop3), "prop3_agrees": self.prop3 == self.region_count,
                "notes": list(self.notes), "count_routes": list(self.count_routes)}


def analyse(inst: Instance, enumerate_topes: bool = False, listing: bool = False) -> RegionReport:
    """Count the regions exactly and explain any difference from Proposition 3.

    The tope count comes from the characteristic polynomial
    (:func:`exactrelu.arrangements.counting.count_regions`, Zaslavsky), which never lists a
    region.  With ``enumerate_topes`` the topes are also listed
    (:func:`exactrelu.arrangements.topes.topes`) and the two independent counts must agree:
    a difference raises :class:`CountMismatch` (a bug, not a property of the data).
    ``listing`` says that the caller streams the rows afterwards and checks
    their number (:func:`stream_unit_witnesses`); it only changes the wording.

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> r = analyse(instance_from_mapping({"data": {"points": [[1, 0], [2, 0], [0, 1]], "targets": [1, 1, 1]},
    ...                                    "network": {"hidden": [1]}}))
    >>> r.region_count, r.prop3, r.parallel  # x_0 ∥ x_1: two lines, 4 regions, not Proposition 3's 6
    (4, 6, ((0, 1),))
    """
    require(inst, MODEL, "the region count")
    pts = inst.points
    conf = Configuration.of(pts)
    counted = count_regions(pts).regions
    routes = (COUNT_ROUTE,)
    if enumerate_topes:
        listed = len(_rows(inst))
        if listed != counted:
            raise CountMismatch(f"internal error: {inst.name}: the characteristic polynomial gives {counted} "
                                f"regions, the enumeration lists {listed}; please report this instance")
        routes = (COUNT_ROUTE, ENUMERATION_ROUTE)
    dep = general_position(pts)
    notes: list[str] = []
    for j in conf.zero_points:
        notes.append(f"x_{j} = 0: <w, x_{j}> = 0 for every w, so every open region is empty")
    parallel = tuple(c for c in conf.classes if len(c) > 1)
    for cls in parallel:
        rep = cls[0]
        for k in cls[1:]:
            ratio = next(a / b for a, b in zip(pts[k], pts[rep], strict=True) if b != 0)
            rel = "equal" if ratio > 0 else "opposite"
            notes.append(f"x_{k} = {format_rational(ratio)}·x_{rep}: entries {rep} and {k} are forced {rel}; "
                         f"the count is that of the {len(conf.classes)} distinct lines")
    count = 0 if conf.zero_points else counted**inst.d1
    p3 = prop3_count(inst.n, inst.d, inst.d1)
    if dep is not None and p3 != count and len(dep) > 1:
        notes.append(f"not in general position: points {', '.join(f'x_{j}' for j in dep)} are linearly "
                     f"dependent, so Proposition 3 ({p3}) does not apply")
    if counted > CERTIFY_LIMIT:
        if enumerate_topes:
            how = "two independent routes agree (characteristic polynomial and enumeration)"
        elif listing:
            how = ("two independent routes: the characteristic polynomial, and the listing of the rows, "
                   "checked against it when the listing ends")
        else:
            how = "one route ran (the characteristic polynomial; no region was listed)"
        notes.append(f"{counted} topes: beyond {CERTIFY_LIMIT} no tope list is certified, so this count is "
                     f"not certified; {how}")
    return RegionReport(inst.name, inst.n, inst.d, inst.d1, 0 if conf.zero_points else counted, count,
                        conf.zero_points, parallel, dep, p3, tuple(notes), routes, counted)


# ---------------------------------------------------------------- single patterns
@dataclass(frozen=True)
class PatternVerdict:
    """Whether ``S^A`` is non-empty: weights ``W`` inside it, or a unit whose cone is empty."""

    instance: Instance
    pattern: Pattern
    nonempty: bool
    weights: tuple[tuple[Fraction, ...], ...] | None = None
    unit: int | None = None
    multipliers: tuple[Fraction, ...] | None = None


def decide_pattern(inst: Instance, pattern: Sequence[Sequence[int]]) -> PatternVerdict:
    """Decide ``S^A ≠ ∅`` with one exact LP per unit (independent of the tope engine; :data:`MODEL`).

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> fan = instance_from_mapping({"data": {"points": [[1, 0], [0, 1], [1, 1]], "targets": [1, 1, 1]},
    ...                              "network": {"hidden": [1]}})
    >>> decide_pattern(fan, [(1, 0, 1)]).weights  # <w, x_1> > 0 ≥ <w, x_2>, <w, x_3> > 0
    ((Fraction(2, 1), Fraction(-1, 1)),)
    >>> v = decide_pattern(fan, [(1, 1, 0)])  # x_1 + x_2 − x_3 = 0 forbids <w, x_3> ≤ 0 < <w, x_1>, <w, x_2>
    >>> v.nonempty, v.multipliers
    (False, (Fraction(1, 3), Fraction(1, 3), Fraction(1, 3)))
    """
    require(inst, MODEL, "the pattern decision")
    pat = tuple(tuple(int(a) for a in row) for row in pattern)
    if len(pat) != inst.d1 or any(len(r) != inst.n or set(r) - {0, 1} for r in pat):
        raise ValueError(f"a pattern has {inst.d1} rows of {inst.n} entries in {{0, 1}}")
    weights = []
    for i, row in enumerate(pat):
        signs = [2 * a - 1 for a in row]
        ans = decide(LinearSystem.open_cone(inst.points, signs))
        if isinstance(ans, FeasiblePoint):
            weights.append(ans.point)
        else:
            return PatternVerdict(inst, pat, False, unit=i, multipliers=ans.strict)
    return PatternVerdict(inst, pat, True, weights=tuple(weights))


# ---------------------------------------------------------------- single cones (faces)
@dataclass(frozen=True)
class ConeVerdict:
    """Whether ``{w : sign <w, x_j> = s_j for all j}`` is non-empty (``s_j = 0`` asks for a wall)."""

    instance: Instance
    signs: tuple[int, ...]
    nonempty: bool
    point: tuple[Fraction, ...] | None = None
    multipliers: tuple[Fraction, ...] | None = None


def decide_cone(inst: Instance, signs: Sequence[int]) -> ConeVerdict:
    """Decide a sign vector: is it a covector of the configuration (SPEC §2)?

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> i = instance_from_mapping({"data": {"points": [[1, 0], [0, 1], [1, 1]], "targets": [0, 0, 0]},
    ...                            "network": {"hidden": [1]}})
    >>> decide_cone(i, (1, -1, 0)).nonempty, decide_cone(i, (1, 1, 0)).nonempty
    (True, False)
    """
    s = tuple(int(x) for x in signs)
    if len(s) != inst.n or set(s) - {-1, 0, 1}:
        raise ValueError(f"a sign vector has {inst.n} entries in {{+, -, 0}}")
    if not any(s):
        return ConeVerdict(inst, s, True, point=tuple(Fraction(0) for _ in range(inst.d)))
    ans = decide(LinearSystem.open_cone(inst.points, s))
    if isinstance(ans, FeasiblePoint):
        return ConeVerdict(inst, s, True, point=ans.point)
    strict, equal = iter(ans.strict), iter(ans.equal)
    y = tuple(next(strict) if x else next(equal) for x in s)
    return ConeVerdict(inst, s, False, multipliers=y)


# ---------------------------------------------------------------- certificates
Dep = tuple[int, int, int, int]  # a dependency: (index in the table, its + mask, its − mask, its support mask)


def topes_evidence(points: Sequence[Sequence[Fraction | int]], ts: Sequence[Tope] | None = None,
                   counter: LPCounter | None = None, advance: Callable[[], None] | None = None) -> dict[str, Any]:
    """Evidence for ``topes-complete`` (format 2), from one cocircuit enumeration and no LP in general position.

    ``topes``: per tope its sign string, an integer witness and ``empty``: ``[[j, c], …]``, one pair per
    hyperplane (the line of ``x_j``) whose crossing leaves the list, naming the dependency ``c`` of
    ``circuits`` (``[[i…], [y…]]``: ``Σ y_i x_i = 0`` in integers) whose signs agree, up to one global sign,
    with the neighbour across that hyperplane: Motzkin multipliers ``|y_i|`` proving it empty.

    Why no LP is needed.  The hyperplanes a tope ``t`` cannot cross are its non-facets; such a row
    ``a_h = t_h x_h`` lies in the cone ``C*`` spanned by the facet rows (Farkas).  Pull ``C*`` from a facet row
    ``a_0``: with ``λ = min a_h·c / a_0·c`` over the extreme rays ``c`` of ``t`` off ``a_0`` (cocircuits; the
    enumeration lists each tope's rays), ``a_h − λ a_0`` lies on the face ``c^⊥ ∩ C*``, spanned by the ``r − 1``
    rows through the minimising ``c`` in general position.  So ``a_h`` is a non-negative combination of ``a_0``
    and those rows, and the ``r + 1`` points carry one dependency, whose coefficients are ``r × r``
    determinants (Cramer).  Björner et al., *Oriented Matroids*, Prop. 3.8.2 (rays are cocircuits).  On a
    degenerate face (more rows through ``c``) some ``r − 1`` of them work (Carathéodory), found by trying; one
    exact LP is the last resort.  Most pairs need no new dependency at all: topes are visited breadth first
    and a dependency that proved a neighbour's crossing of ``h`` empty proves this tope's too unless the wall
    between them is in its support (its signs are checked, exactly).  ``ts`` is ignored (the enumeration is
    redone, recording the rays); ``counter`` counts fallback LPs; ``advance`` is called once per tope.
    """
    collecting = gc.isenabled()
    gc.disable()  # hundreds of thousands of small lists: collecting while they are built is quadratic
    try:
        return _topes_evidence(points, counter, advance)
    finally:
        if collecting:
            gc.enable()


def _topes_evidence(points: Sequence[Sequence[Fraction | int]], counter: LPCounter | None,
                    advance: Callable[[], None] | None) -> dict[str, Any]:
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
    circuits: list[list[Any]] = []
    by_support: dict[int, Dep | None] = {}  # support → (index, + mask, − mask, support mask)

    def register(pairs: list[tuple[int, int]]) -> Dep:
        """Add the dependency ``Σ y x_j = 0`` given as (original index, y) pairs, sorted, scaled to gcd 1."""
        g = gcd(*(v for _, v in pairs))
        circuits.append([[j for j, _ in pairs], [str(v // g) for _, v in pairs]])
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
        circuits.append([[reps[q] for q, v in zip(support, y, strict=True) if v], [str(v // g) for v in y if v]])
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

    def signs_of(t: int) -> list[int]:
        return [0 if j not in cls else (1 if (t >> cls[j] & 1) != flipped[j] else -1) for j in range(n)]

    def by_lp(flip: int) -> Dep:
        s = signs_of(flip)
        ans = decide(LinearSystem.open_cone(points, s), counter)
        if ans.feasible:  # pragma: no cover - would mean the engine missed a tope
            raise AssertionError(f"tope {sign_string(s)} missing from the enumeration")
        mu = iter(ans.strict)  # type: ignore[union-attr]
        ys = [(j, next(mu) * s[j]) for j in range(n) if s[j]]
        den = lcm(*(v.denominator for _, v in ys))
        return register([(j, int(v * den)) for j, v in ys if v])

    if reps == list(range(n)):  # no zero point, no two points on one line: a tope's bits are its signs
        plus = str.maketrans("10", "+-")
        names = {t: format(t, f"0{n}b")[::-1].translate(plus) for t in found}
    else:
        names = {t: sign_string(signs_of(t)) for t in found}
    lift = (lambda w: w) if st.pivots == tuple(range(d)) else (
        lambda w: [dict(zip(st.pivots, w, strict=True)).get(col, 0) for col in range(d)])
    # Breadth first over the tope graph; for each hyperplane h try the dependencies of the neighbours already
    # visited and the last one used for h before pulling a new one.
    full = (1 << m) - 1
    none = (-1, -1, -1, full)  # conforms to nothing
    recent = [none] * m
    proofs: dict[int, list[Dep]] = {}
    root = min(found, key=names.__getitem__)
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
                        cand = [(k, absval[k]) for k in (code >> 1 for code in st.rays[t]) if absval[k][f0]]
                    best, a = cand[0]
                    bh, b0 = a[h], a[f0]
                    for k, a in cand:
                        if a[h] * b0 < bh * a[f0]:
                            best, bh, b0 = k, a[h], a[f0]
                    dep = certify(t, h, f0, best)
            recent[h] = mine[h] = dep
        proofs[t] = mine
    out = []
    for t in sorted(found, key=names.__getitem__):
        empty = [[reps[h], dep[0]] for h, dep in enumerate(proofs[t]) if dep[0] >= 0]
        out.append({"signs": names[t], "point": [str(x) for x in lift(found[t])], "empty": empty})
    return {"topes": out, "circuits": circuits}
