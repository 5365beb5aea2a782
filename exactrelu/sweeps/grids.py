"""Grids of instances for sweeps: exhaustive integer boxes up to symmetry, or random families.

A grid file (TOML) fixes the network and says how the data vary::

    name = "prop3-n4-box1-d2"
    kind = "exhaustive"            # or "random"
    [data]
    n = 4                          # points per data set
    dim = 2                        # raw input dimension d0
    box = [-1, 1]                  # integer coordinates lo..hi (exhaustive)
    distinct = true                # points pairwise distinct (default false)
    targets = [1, 1, 1, 1]         # fixed targets, or targets = { values = [-1, 1] } to enumerate
    bias = false
    [network]                      # as in an instance file (SPEC §1)
    hidden = [1]
    [symmetry]                     # exhaustive grids: what the statement lets us quotient by
    permutations = true            # reorder the points (with their targets)
    flips = true                   # x_j -> -x_j   (needs bias = false and a symmetric box)
    scaling = true                 # x_j -> c x_j, c > 0 (needs bias = false): primitive points only
    coordinates = true             # permute coordinates (and flip signs if the box is symmetric)

A random grid replaces ``box`` by ``count``, ``seed``, ``numerators = [lo, hi]`` and
``denominators = [lo, hi]``; its rationals come from :class:`random.Random` (seeded,
so the family is the same on every machine) and are exact.

Orbits.  Two data sets are equivalent when one becomes the other after the chosen
symmetries; each :class:`GridInstance` is one orbit with its ``weight``, the number of
raw data sets (ordered tuples of box points) in the orbit, so that
``Σ weight = |box|^(n·d0)`` (times the target choices) — see :func:`raw_count`.

>>> g = grid_from_mapping({"name": "t", "kind": "exhaustive",
...     "data": {"n": 2, "dim": 1, "box": [-1, 1], "targets": [1, 1]},
...     "network": {"hidden": [1]}, "symmetry": {"permutations": True, "flips": True}})
>>> [(i.instance.raw_points, i.weight) for i in instances(g)]  # doctest: +NORMALIZE_WHITESPACE
[(((Fraction(0, 1),), (Fraction(0, 1),)), 1), (((Fraction(0, 1),), (Fraction(1, 1),)), 4),
 (((Fraction(1, 1),), (Fraction(1, 1),)), 4)]
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import random
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from ..core.instance import Instance, InstanceError, instance_from_mapping, read_document
from ..core.rationals import format_rational

__all__ = [
    "Grid",
    "GridInstance",
    "GridError",
    "SYMMETRIES",
    "load_grid",
    "grid_from_mapping",
    "instances",
    "recipes",
    "build",
    "canonical",
    "raw_count",
    "instance_key",
]

SYMMETRIES = ("permutations", "flips", "scaling", "coordinates")

Point = tuple[int, ...]
Unit = tuple[Point, int]  # a point with the index of its target value


MAX_N, MAX_DIM, MAX_COUNT = 1000, 100, 10**7
"""Most points per data set, input dimension and random instances of a grid (documented in docs/sweep.md)."""
MAX_BOX_POINTS, MAX_RAW = 10**5, 10**9
"""Most points of an exhaustive box and raw data sets of an exhaustive grid (the largest example has 6·10^6);
beyond them the orbit enumeration, which holds every orbit in memory, would not finish."""


class GridError(InstanceError):
    """A malformed grid file (same one-line form as an instance error: file, key, expected, fix)."""


@dataclass(frozen=True)
class Grid:
    """A parsed grid: how the data vary, and the fixed network."""

    name: str
    kind: str  # "exhaustive" | "random"
    n: int
    dim: int
    bias: bool
    distinct: bool
    network: Mapping[str, Any]
    target_values: tuple[Fraction, ...]  # enumerated target values (one value = constant targets)
    fixed_targets: tuple[Fraction, ...] | None  # a fixed target list, or None when enumerated
    box: tuple[int, int] = (0, 0)
    symmetries: frozenset[str] = frozenset()
    count: int = 0
    seed: int = 0
    numerators: tuple[int, int] = (0, 0)
    denominators: tuple[int, int] = (1, 1)
    source: str = "<memory>"

    def fingerprint(self) -> str:
        """A hash of everything that decides the grid's instances (not its name or file)."""
        doc = {k: v for k, v in self.__dict__.items() if k not in ("name", "source")}
        text = json.dumps(
            doc, sort_keys=True, default=lambda o: sorted(o) if isinstance(o, frozenset) else str(o)
        )
        return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class GridInstance:
    """One orbit representative: its position, the instance and the orbit size."""

    index: int
    instance: Instance
    weight: int


# ---------------------------------------------------------------- parsing
def load_grid(path: str | Path) -> Grid:
    """Read a grid TOML file; raise :class:`GridError` naming the key on any problem."""
    path = Path(path)
    source = str(path)
    data = read_document(path, "grid file", error=GridError, fix="check the path (see examples/grids/)")
    return grid_from_mapping(data, source=source, default_name=path.stem)


def _int(
    source: str,
    table: Mapping[str, Any],
    key: str,
    where: str,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
    default: int | None = None,
) -> int:
    value = table.get(key, default)
    if value is None:
        raise GridError(source, f"{where}.{key}", "missing integer", f"add {key} = ...")
    if not isinstance(value, int) or isinstance(value, bool):
        raise GridError(source, f"{where}.{key}", f"expected an integer, found {value!r}")
    if minimum is not None and value < minimum:
        raise GridError(
            source, f"{where}.{key}", f"expected an integer >= {minimum}, found {value}"
        )
    if maximum is not None and value > maximum:
        raise GridError(
            source, f"{where}.{key}", f"at most {maximum} is supported, found {value}",
            f"{key} = {min(maximum, 4)}",
        )
    return value


def _range(source: str, table: Mapping[str, Any], key: str, where: str) -> tuple[int, int]:
    value = table.get(key)
    ok = (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        and value[0] <= value[1]
    )
    if not ok:
        raise GridError(
            source,
            f"{where}.{key}",
            f"expected [lo, hi] with integers lo <= hi, found {value!r}",
            f"{key} = [-2, 2]",
        )
    return (value[0], value[1])


def grid_from_mapping(data: Any, *, source: str = "<memory>", default_name: str = "grid") -> Grid:
    """Validate a parsed grid mapping (see the module doc for the keys)."""
    if not isinstance(data, Mapping):
        raise GridError(source, "<root>", "expected a table")
    known = {"name", "kind", "description", "data", "network", "symmetry"}
    for key in data:
        if key not in known:
            raise GridError(
                source, str(key), "unknown top-level key", f"use only {', '.join(sorted(known))}"
            )
    name = data.get("name", default_name)
    if not isinstance(name, str) or not name:
        raise GridError(source, "name", "expected a non-empty string")
    kind = data.get("kind")
    if kind not in ("exhaustive", "random"):
        raise GridError(
            source,
            "kind",
            f'expected "exhaustive" or "random", found {kind!r}',
            'kind = "exhaustive"',
        )
    dat = data.get("data")
    if not isinstance(dat, Mapping):
        raise GridError(
            source,
            "data",
            "missing table [data]",
            "add [data] with n, dim and box (see docs/sweep.md)",
        )
    net = data.get("network")
    if not isinstance(net, Mapping):
        raise GridError(
            source, "network", "missing table [network]", "add [network] with hidden = [1]"
        )
    allowed = {"n", "dim", "bias", "distinct", "targets"} | (
        {"box"} if kind == "exhaustive" else {"count", "seed", "numerators", "denominators"}
    )
    for key in dat:
        if key not in allowed:
            raise GridError(
                source,
                f"data.{key}",
                f"unknown key for a {kind} grid",
                f"use only {', '.join(sorted(allowed))}",
            )
    n = _int(source, dat, "n", "data", minimum=1, maximum=MAX_N)
    dim = _int(source, dat, "dim", "data", minimum=1, maximum=MAX_DIM)
    bias = dat.get("bias", False)
    if not isinstance(bias, bool):
        raise GridError(source, "data.bias", f"expected true or false, found {bias!r}")
    distinct = dat.get("distinct", False)
    if not isinstance(distinct, bool):
        raise GridError(source, "data.distinct", f"expected true or false, found {distinct!r}")

    targets_raw = dat.get("targets", [1] * n)
    fixed: tuple[Fraction, ...] | None
    if isinstance(targets_raw, Mapping):
        values_raw = targets_raw.get("values")
        if set(targets_raw) != {"values"} or not isinstance(values_raw, list) or not values_raw:
            raise GridError(
                source,
                "data.targets",
                "expected a list of n targets or { values = [...] }",
                "targets = { values = [-1, 1] }",
            )
        values = tuple(
            _rational(source, v, f"data.targets.values[{i}]") for i, v in enumerate(values_raw)
        )
        if len(set(values)) != len(values):
            raise GridError(source, "data.targets.values", "values must be distinct")
        fixed = None
    elif isinstance(targets_raw, list):
        if len(targets_raw) != n:
            raise GridError(
                source,
                "data.targets",
                f"expected {n} targets (one per point), found {len(targets_raw)}",
            )
        fixed = tuple(_rational(source, v, f"data.targets[{i}]") for i, v in enumerate(targets_raw))
        values = tuple(sorted(set(fixed)))
    else:
        raise GridError(
            source,
            "data.targets",
            f"expected a list or {{ values = [...] }}, found {targets_raw!r}",
        )

    sym_raw = data.get("symmetry", {})
    if not isinstance(sym_raw, Mapping):
        raise GridError(source, "symmetry", "expected a table [symmetry]")
    for key, value in sym_raw.items():
        if key not in SYMMETRIES:
            raise GridError(
                source, f"symmetry.{key}", "unknown symmetry", f"use only {', '.join(SYMMETRIES)}"
            )
        if not isinstance(value, bool):
            raise GridError(source, f"symmetry.{key}", f"expected true or false, found {value!r}")
    symmetries = frozenset(k for k, v in sym_raw.items() if v)

    kw: dict[str, Any] = {}
    if kind == "exhaustive":
        box = _range(source, dat, "box", "data")
        kw["box"] = box
        if symmetries & {"flips", "scaling"} and bias:
            raise GridError(
                source,
                "symmetry",
                "flips and scaling of raw points change the augmented points when bias = true",
                "set flips = false and scaling = false",
            )
        if "flips" in symmetries and box[0] != -box[1]:
            raise GridError(
                source,
                "symmetry.flips",
                f"flips need a symmetric box, found {list(box)}",
                f"box = [-{max(-box[0], box[1])}, {max(-box[0], box[1])}]",
            )
        if "permutations" in symmetries and fixed is not None and len(set(fixed)) > 1:
            raise GridError(
                source,
                "symmetry.permutations",
                "permuting points needs constant or enumerated targets",
                "targets = { values = [...] } or permutations = false",
            )
    else:
        if symmetries:
            raise GridError(
                source, "symmetry", "random grids take no symmetry", "remove [symmetry]"
            )
        kw["count"] = _int(source, dat, "count", "data", minimum=1, maximum=MAX_COUNT)
        kw["seed"] = _int(source, dat, "seed", "data", default=0)
        kw["numerators"] = _range(source, dat, "numerators", "data")
        kw["denominators"] = _range(source, dat, "denominators", "data")
        if kw["denominators"][0] < 1:
            raise GridError(
                source, "data.denominators", "denominators must be >= 1", "denominators = [1, 4]"
            )
    grid = Grid(
        name=name,
        kind=kind,
        n=n,
        dim=dim,
        bias=bias,
        distinct=distinct,
        network=dict(net),
        target_values=values,
        fixed_targets=fixed,
        symmetries=symmetries,
        source=source,
        **kw,
    )
    if kind == "exhaustive":
        lo, hi = grid.box
        if (hi - lo + 1) ** dim > MAX_BOX_POINTS:
            raise GridError(source, "data.box", f"the box has {hi - lo + 1}^{dim} points, more than "
                            f"{MAX_BOX_POINTS}", "a smaller box or dim")
        tchoices = 1 if fixed is not None else len(values)
        upper = ((hi - lo + 1) ** dim * tchoices) ** n  # raw_count without `distinct`, an upper bound
        # with `distinct` and n > 64 the exact count is at least n! > 10^89 whenever it is not 0
        raw = upper if upper <= MAX_RAW or n > 64 else raw_count(grid)
        if raw > MAX_RAW:
            raise GridError(source, "data.n", f"the grid stands for about 10^{int(raw.bit_length() * 0.30103)} "
                            f"raw data sets, more than 10^9: its orbits would not fit in memory",
                            "a smaller n, dim or box")
    # validate the network once, on a dummy data set, so a bad [network] fails before the sweep
    _build(grid, [((0,) * dim, 0)] * n)
    if kind == "random" and grid.distinct:
        (nlo, nhi), (dlo, dhi) = grid.numerators, grid.denominators
        if (
            len({Fraction(a, b) for a in range(nlo, nhi + 1) for b in range(dlo, dhi + 1)}) ** dim
            < n
        ):
            raise GridError(
                source,
                "data.numerators",
                f"too few distinct points for n = {n}",
                "widen the ranges",
            )
    return grid


def _rational(source: str, v: Any, key: str) -> Fraction:
    if isinstance(v, bool) or not isinstance(v, int | str):
        raise GridError(source, key, f'expected an integer or a string "p/q", found {v!r}')
    try:
        return Fraction(v)
    except ValueError:
        raise GridError(
            source, key, f'expected an integer or a string "p/q", found {v!r}'
        ) from None


# ---------------------------------------------------------------- symmetry
def _primitive(p: Point) -> Point:
    g = math.gcd(*p)
    return p if g <= 1 else tuple(c // g for c in p)


def _flip_normal(p: Point) -> Point:
    for c in p:
        if c:
            return p if c > 0 else tuple(-x for x in p)
    return p


def _coordinate_maps(dim: int, signed: bool) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    signs = list(itertools.product((1, -1), repeat=dim)) if signed else [(1,) * dim]
    return [(perm, s) for perm in itertools.permutations(range(dim)) for s in signs]


def _apply(m: tuple[tuple[int, ...], tuple[int, ...]], p: Point) -> Point:
    perm, s = m
    return tuple(s[i] * p[perm[i]] for i in range(len(p)))


class _Canon:
    """The canonical form of a data set (a tuple of units) under a grid's symmetries."""

    def __init__(self, grid: Grid) -> None:
        self.sym = grid.symmetries
        lo, hi = grid.box
        self.maps = (
            _coordinate_maps(grid.dim, lo == -hi)
            if "coordinates" in self.sym
            else [tuple((tuple(range(grid.dim)), (1,) * grid.dim))]
        )

    def point(self, p: Point) -> Point:
        if "scaling" in self.sym:
            p = _primitive(p)
        if "flips" in self.sym:
            p = _flip_normal(p)
        return p

    def normal(self, units: Sequence[Unit]) -> tuple[Unit, ...]:
        out = tuple((self.point(p), t) for p, t in units)
        return tuple(sorted(out)) if "permutations" in self.sym else out

    def images(self, units: Sequence[Unit]) -> set[tuple[Unit, ...]]:
        return {self.normal([(_apply(m, p), t) for p, t in units]) for m in self.maps}  # type: ignore[arg-type]

    def __call__(self, units: Sequence[Unit]) -> tuple[Unit, ...]:
        if len(self.maps) == 1:
            return self.normal(units)
        return min(self.images(units))


def canonical(grid: Grid, units: Sequence[Unit]) -> tuple[Unit, ...]:
    """The orbit representative of a data set: ``units`` are (integer point, target index) pairs."""
    return _Canon(grid)(units)


def _box_points(grid: Grid) -> list[Point]:
    lo, hi = grid.box
    return list(itertools.product(range(lo, hi + 1), repeat=grid.dim))


def _multiplicity(grid: Grid, p: Point) -> int:
    """How many box points normalise to the canonical point ``p`` (scaling and flips)."""
    lo, hi = grid.box
    if not any(p):
        return 1
    count = 1
    if "scaling" in grid.symmetries:
        count = sum(
            1 for c in range(1, max(abs(lo), abs(hi)) + 1) if all(lo <= c * x <= hi for x in p)
        )
    if "flips" in grid.symmetries:
        count *= 2
    return count


def _orbits(grid: Grid) -> list[tuple[tuple[Unit, ...], int]]:
    """Every orbit of an exhaustive grid, with its size, built level by level.

    Each orbit of ``k``-unit data sets contains an extension of a canonical
    ``(k−1)``-unit set by one canonical unit (remove one unit, map to the
    canonical form, put the image of the removed unit back), so extending the
    level ``k−1`` representatives by every canonical unit and canonicalising
    reaches every orbit; a set removes repeats.
    """
    canon = _Canon(grid)
    pts = sorted({canon.point(p) for p in _box_points(grid)})
    units = (
        [(p, t) for p in pts for t in range(len(grid.target_values))]
        if grid.fixed_targets is None
        else None
    )
    level: set[tuple[Unit, ...]] = {()}
    for k in range(grid.n):
        nxt: set[tuple[Unit, ...]] = set()
        choices = (
            units
            if units is not None
            else [(p, grid.target_values.index(grid.fixed_targets[k])) for p in pts]
        )  # type: ignore[index]
        for rep in level:
            used = {u[0] for u in rep}
            for u in choices:
                if grid.distinct and u[0] in used:
                    continue
                nxt.add(canon((*rep, u)))
        level = nxt
    out = []
    for rep in sorted(level):
        images = canon.images(rep) if len(canon.maps) > 1 else {rep}
        arrangements = 1
        if "permutations" in grid.symmetries:
            arrangements = math.factorial(grid.n)
            for c in _counts(rep).values():
                arrangements //= math.factorial(c)
        per_point = math.prod(_multiplicity(grid, p) for p, _ in rep)
        out.append((rep, len(images) * arrangements * per_point))
    return out


def _counts(rep: Sequence[Unit]) -> dict[Unit, int]:
    counts: dict[Unit, int] = {}
    for u in rep:
        counts[u] = counts.get(u, 0) + 1
    return counts


def raw_count(grid: Grid) -> int:
    """The number of raw data sets an exhaustive grid stands for (ordered tuples, all targets).

    With ``distinct``, points must differ after the per-point symmetries (no two
    on one ray with scaling, one line with flips and scaling): the count is
    ``n! · e_n(m_1, m_2, …)``, the elementary symmetric polynomial of the class sizes.

    >>> raw_count(grid_from_mapping({"kind": "exhaustive", "data": {"n": 2, "dim": 1, "box": [-1, 1]},
    ...                              "network": {"hidden": [1]}}))  # ordered pairs of points of {−1, 0, 1}
    9
    """
    lo, hi = grid.box
    side = (hi - lo + 1) ** grid.dim
    tchoices = 1 if grid.fixed_targets is not None else len(grid.target_values)
    if not grid.distinct:
        return (side * tchoices) ** grid.n
    canon = _Canon(grid)
    sizes: dict[Point, int] = {}
    for p in _box_points(grid):
        q = canon.point(p)
        sizes[q] = sizes.get(q, 0) + 1
    e = [1] + [0] * grid.n  # e[k] = elementary symmetric polynomial of degree k
    for m in sizes.values():
        for k in range(grid.n, 0, -1):
            e[k] += e[k - 1] * m
    return math.factorial(grid.n) * e[grid.n] * tchoices**grid.n


# ---------------------------------------------------------------- instances
def _build(grid: Grid, units: Sequence[tuple[Sequence[Any], int]]) -> Instance:
    targets = (
        grid.fixed_targets
        if grid.fixed_targets is not None
        else tuple(grid.target_values[t] for _, t in units)
    )
    mapping = {
        "name": grid.name,
        "data": {
            "points": [[format_rational(Fraction(c)) for c in p] for p, _ in units],
            "targets": [format_rational(t) for t in targets],
            "bias": grid.bias,
        },
        "network": dict(grid.network),
    }
    try:
        return instance_from_mapping(mapping, source=grid.source)
    except InstanceError as exc:
        if exc.key.startswith("network"):
            raise GridError(grid.source, exc.key, exc.expected, exc.fix) from None
        raise


Recipe = tuple[int, tuple[Unit, ...], int]
"""``(index, units, weight)``: an instance in a few small integers and rationals, cheap to send to a worker."""


def recipes(grid: Grid) -> Iterator[Recipe]:
    """The grid's instances as recipes, in the order of :func:`instances` (build with :func:`build`)."""
    if grid.kind == "exhaustive":
        for index, (rep, weight) in enumerate(_orbits(grid)):
            yield index, rep, weight
        return
    rng = random.Random(grid.seed)
    (nlo, nhi), (dlo, dhi) = grid.numerators, grid.denominators
    for index in range(grid.count):
        pts: list[tuple[Fraction, ...]] = []
        while len(pts) < grid.n:
            p = tuple(
                Fraction(rng.randint(nlo, nhi), rng.randint(dlo, dhi)) for _ in range(grid.dim)
            )
            if not (grid.distinct and p in pts):
                pts.append(p)
        ts = (
            [0] * grid.n
            if grid.fixed_targets is not None
            else [rng.randrange(len(grid.target_values)) for _ in range(grid.n)]
        )
        yield index, tuple(zip(pts, ts, strict=True)), 1  # type: ignore[misc]


def build(grid: Grid, recipe: Recipe) -> GridInstance:
    """The :class:`GridInstance` of a recipe."""
    index, units, weight = recipe
    return GridInstance(index, _build(grid, units), weight)


def instances(grid: Grid) -> Iterator[GridInstance]:
    """The grid's instances in a fixed order (orbit representatives for exhaustive grids)."""
    for recipe in recipes(grid):
        yield build(grid, recipe)


def instance_key(inst: Instance) -> str:
    """A stable key of an instance's content (the resume key of a results file)."""
    from ..core.instance import instance_to_mapping

    m = instance_to_mapping(inst)
    m.pop("name", None)
    return hashlib.sha256(json.dumps(m, sort_keys=True).encode()).hexdigest()[:20]
