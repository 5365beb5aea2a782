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

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from itertools import combinations, product
from math import comb

from ..core.feasibility import FeasiblePoint, LinearSystem, decide
from ..core.instance import Instance
from ..core.linalg import rank
from ..core.model import Model, require
from .counting import ROUTE as COUNT_ROUTE
from .counting import Route, count_regions
from .listing import list_topes
from .topes import Configuration, Tope, topes

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
    "topes_of",
    "CountMismatch",
    "stream_unit_witnesses",
    "listing_route",
    "ENUMERATION_ROUTE",
    "SWEEP_ROUTE",
    "CERTIFY_LIMIT",
]

#: Name of the cocircuit enumeration (:func:`~exactrelu.arrangements.topes.topes`, behind certificates) in
#: ``count_routes``.
ENUMERATION_ROUTE = Route.ENUMERATION
#: Name of the hyperplane-by-hyperplane listing (:func:`exactrelu.arrangements.listing.list_topes`, behind ``--list``).
SWEEP_ROUTE = Route.SWEEP
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
def topes_of(points: tuple[tuple[Fraction, ...], ...]) -> tuple[Tope, ...]:
    """:func:`exactrelu.arrangements.topes.topes` of ``points`` (a tuple of tuples), remembered for the next
    caller: a region count, its listing and its certificates all ask for the same topes."""
    return topes(points)




def _rows(inst: Instance) -> tuple[Tope, ...]:
    return topes_of(tuple(inst.points))


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


def listing_route(rep: RegionReport) -> Route:
    """The faster lister for these data (measured in ``benchmarks/counting.py --listing``).

    In general position every cocircuit sees all ``2^{r−1}`` local sign
    patterns and the cocircuit enumeration is the fastest; on degenerate data
    many cocircuits see the same topes and the sweep (one hyperplane at a
    time, :mod:`exactrelu.arrangements.listing`) is many times faster.
    """
    return ENUMERATION_ROUTE if rep.general_position else SWEEP_ROUTE


def stream_unit_witnesses(inst: Instance, expected: int,
                          route: Route = SWEEP_ROUTE) -> Iterator[tuple[Row, tuple[Fraction, ...]]]:
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
    """Exact count of activation regions, and what makes it differ from Proposition 3's closed form: zero
    points, parallel points, a dependent set (the sentences: :func:`exactrelu.render.regions.region_notes`)."""

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
    lines: int  # the distinct lines through 0 of the nonzero points: the hyperplanes {<w, x_j> = 0}
    parallel_factors: tuple[tuple[Fraction, ...], ...]  # per class of ``parallel``: c_k with x_k = c_k·x_first
    count_routes: tuple[Route, ...] = (COUNT_ROUTE,)  # the routes that produced ``tope_count`` (and agreed)
    arrangement_regions: int | None = None  # regions of {<w, x_j> = 0}, zero points ignored
    listing: bool = False  # the caller lists the rows afterwards and checks their number against the count

    @property
    def general_position(self) -> bool:
        return self.dependent_set is None


def analyse(inst: Instance, enumerate_topes: bool = False, listing: bool = False) -> RegionReport:
    """Count the regions exactly and say what makes the count differ from Proposition 3.

    The tope count comes from the characteristic polynomial
    (:func:`exactrelu.arrangements.counting.count_regions`, Zaslavsky), which never lists a
    region.  With ``enumerate_topes`` the topes are also listed
    (:func:`exactrelu.arrangements.topes.topes`) and the two independent counts must agree:
    a difference raises :class:`CountMismatch` (a bug, not a property of the data).
    ``listing`` says that the caller streams the rows afterwards and checks
    their number (:func:`stream_unit_witnesses`); it is recorded in the report.

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> r = analyse(instance_from_mapping({"data": {"points": [[1, 0], [2, 0], [0, 1]], "targets": [1, 1, 1]},
    ...                                    "network": {"hidden": [1]}}))
    >>> r.region_count, r.prop3, r.parallel, r.parallel_factors  # x_1 = 2·x_0: two lines, 4 regions, not 6
    (4, 6, ((0, 1),), ((Fraction(1, 1), Fraction(2, 1)),))
    """
    require(inst, MODEL, "the region count")
    pts = inst.points
    conf = Configuration.of(pts)
    counted = count_regions(pts).regions
    routes: tuple[Route, ...] = (COUNT_ROUTE,)
    if enumerate_topes:
        listed = len(_rows(inst))
        if listed != counted:
            raise CountMismatch(f"internal error: {inst.name}: the characteristic polynomial gives {counted} "
                                f"regions, the enumeration lists {listed}; please report this instance")
        routes = (COUNT_ROUTE, ENUMERATION_ROUTE)
    parallel = tuple(c for c in conf.classes if len(c) > 1)
    factors = tuple(tuple(next(a / b for a, b in zip(pts[k], pts[c[0]], strict=True) if b != 0) for k in c)
                    for c in parallel)
    count = 0 if conf.zero_points else counted**inst.d1
    return RegionReport(inst.name, inst.n, inst.d, inst.d1, 0 if conf.zero_points else counted, count,
                        conf.zero_points, parallel, general_position(pts), prop3_count(inst.n, inst.d, inst.d1),
                        len(conf.classes), factors, routes, counted, listing)


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
