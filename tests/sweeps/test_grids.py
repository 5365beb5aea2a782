"""Grids: orbit enumeration against brute force, and clear errors for malformed grid files."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exactrelu.cli.main import main
from exactrelu.sweeps.grids import (
    GridError,
    _box_points,
    _Canon,
    canonical,
    grid_from_mapping,
    instances,
    load_grid,
    raw_count,
)


def _grid(n, dim, box, sym=(), distinct=False, targets=None, bias=False, hidden=(1,)):
    return grid_from_mapping(
        {
            "kind": "exhaustive",
            "data": {
                "n": n,
                "dim": dim,
                "box": list(box),
                "distinct": distinct,
                "bias": bias,
                "targets": targets if targets is not None else [1] * n,
            },
            "network": {"hidden": list(hidden)},
            "symmetry": {s: True for s in sym},
        }
    )


def _brute(grid):
    """Every ordered raw data set, mapped to its canonical form: class sizes by brute force."""
    canon = _Canon(grid)
    classes: dict = {}
    tvals = range(len(grid.target_values))
    for tup in itertools.product(_box_points(grid), repeat=grid.n):
        if grid.distinct and len({canon.point(p) for p in tup}) < grid.n:
            continue
        if grid.fixed_targets is not None:
            tchoices = [[grid.target_values.index(t) for t in grid.fixed_targets]]
        else:
            tchoices = itertools.product(tvals, repeat=grid.n)
        for ts in tchoices:
            key = canon(list(zip(tup, ts, strict=False)))
            classes[key] = classes.get(key, 0) + 1
    return classes


def _enumerated(grid):
    out = {}
    for gi in instances(grid):
        units = [
            (tuple(int(c) for c in p), grid.target_values.index(t))
            for p, t in zip(gi.instance.raw_points, gi.instance.targets, strict=False)
        ]
        assert canonical(grid, units) == tuple(units) or "permutations" not in grid.symmetries
        out[canonical(grid, units)] = gi.weight
    return out


def test_hand_counted_orbits():
    # two points in {-1,0,1} up to order and x -> -x: {0,0}, {0,±1}, {±1,±1}
    g = _grid(2, 1, (-1, 1), ("permutations", "flips"))
    assert [(tuple(int(p[0]) for p in gi.instance.raw_points), gi.weight) for gi in instances(g)] == [
        ((0, 0), 1),
        ((0, 1), 4),
        ((1, 1), 4),
    ]
    # 3 points in the square {-1,0,1}^2, all symmetries, pairwise distinct lines: five orbits
    g = _grid(3, 2, (-1, 1), ("permutations", "flips", "scaling", "coordinates"), distinct=True)
    assert len(list(instances(g))) == 5


@pytest.mark.parametrize(
    "sym", [(), ("permutations",), ("coordinates", "scaling"), ("permutations", "flips", "scaling", "coordinates")]
)
@pytest.mark.parametrize("distinct", [False, True])
def test_orbits_match_brute_force(sym, distinct):
    g = _grid(3, 2, (-1, 1), sym, distinct)
    got = _enumerated(g)
    assert got == _brute(g)
    assert sum(got.values()) == raw_count(g)


@settings(max_examples=25, deadline=None)
@given(
    n=st.integers(1, 3),
    dim=st.integers(1, 2),
    hi=st.integers(1, 2),
    asym=st.booleans(),
    sym=st.sets(st.sampled_from(["permutations", "flips", "scaling", "coordinates"])),
    distinct=st.booleans(),
    enum_targets=st.booleans(),
)
def test_orbits_property(n, dim, hi, asym, sym, distinct, enum_targets):
    lo = -hi + 1 if asym else -hi
    if asym:
        sym = sym - {"flips"}
    if dim == 2 and hi == 2 and n == 3 and enum_targets:
        enum_targets = False  # keep the brute force small
    g = _grid(n, dim, (lo, hi), tuple(sym), distinct, {"values": [-1, 1]} if enum_targets else None)
    got = _enumerated(g)
    assert got == _brute(g)
    assert sum(got.values()) == raw_count(g)


def test_symmetry_reduction_is_large():
    g = _grid(5, 3, (-1, 1), ("permutations", "flips", "scaling", "coordinates"), distinct=True)
    orbits = list(instances(g))
    assert raw_count(g) == sum(gi.weight for gi in orbits) == 6314880
    assert raw_count(g) // len(orbits) >= 10


def test_random_grid_is_seeded_and_exact():
    m = {
        "kind": "random",
        "data": {"n": 3, "dim": 2, "count": 5, "seed": 3, "numerators": [-4, 4], "denominators": [1, 3]},
        "network": {"hidden": [1]},
    }
    a = [gi.instance for gi in instances(grid_from_mapping(m))]
    b = [gi.instance for gi in instances(grid_from_mapping(m))]
    assert a == b and len(a) == 5
    assert all(isinstance(c, Fraction) for inst in a for p in inst.raw_points for c in p)
    m["data"]["seed"] = 4
    assert [gi.instance for gi in instances(grid_from_mapping(m))] != a


BAD = [
    ("kind = 'grid'\n", "kind"),
    ("kind = 'exhaustive'\n[data]\nn = 2\ndim = 1\nbox = [2, -2]\n[network]\nhidden = [1]\n", "data.box"),
    ("kind = 'exhaustive'\n[data]\nn = 0\ndim = 1\nbox = [-1, 1]\n[network]\nhidden = [1]\n", "data.n"),
    (
        "kind = 'exhaustive'\n[data]\nn = 2\ndim = 1\nbox = [-1, 1]\n[network]\nhidden = [1]\n"
        "[symmetry]\nrotations = true\n",
        "symmetry.rotations",
    ),
    (
        "kind = 'exhaustive'\n[data]\nn = 2\ndim = 1\nbox = [-1, 1]\nbias = true\n[network]\nhidden = [1]\n"
        "[symmetry]\nflips = true\n",
        "symmetry",
    ),
    (
        "kind = 'exhaustive'\n[data]\nn = 2\ndim = 1\nbox = [0, 2]\n[network]\nhidden = [1]\n"
        "[symmetry]\nflips = true\n",
        "symmetry.flips",
    ),
    (
        "kind = 'exhaustive'\n[data]\nn = 2\ndim = 1\nbox = [-1, 1]\ntargets = [0.5, 1]\n[network]\nhidden = [1]\n",
        "data.targets[0]",
    ),
    ("kind = 'exhaustive'\n[data]\nn = 2\ndim = 1\nbox = [-1, 1]\n[network]\nhidden = [0]\n", "network.hidden"),
    ("kind = 'exhaustive'\n[data]\nn = 2\ndim = 1\nbox = [-1, 1]\ncount = 3\n[network]\nhidden = [1]\n", "data.count"),
    (
        "kind = 'random'\n[data]\nn = 2\ndim = 1\ncount = 3\nnumerators = [0, 1]\ndenominators = [0, 2]\n"
        "[network]\nhidden = [1]\n",
        "data.denominators",
    ),
    ("kind = 'exhaustive'\n[data\n", "<file>"),
]


@pytest.mark.parametrize("text,key", BAD)
def test_malformed_grids_name_the_key(tmp_path, capsys, text, key):
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(GridError) as err:
        load_grid(path)
    assert err.value.key == key
    assert str(path) in str(err.value)
    assert main(["sweep", "prop3", "--grid", str(path), "--out", str(tmp_path / "r.jsonl")]) == 2
    msg = capsys.readouterr().err
    assert msg.count("\n") == 1 and f"key '{key}'" in msg and "Traceback" not in msg
