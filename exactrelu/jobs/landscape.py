"""Catalogue job for SPEC §8: the smallest instances with a spurious local minimum, for both sweep statements.

For each setting (input dimension d0, bias, width d1) the search walks exhaustive grids up to point
permutations and signed coordinate permutations — fewest points first, then the box radius of the integer
coordinates, targets in {−1, 0, 1, 2} — and stops at the first orbit whose landscape
(:func:`exactrelu.landscape.landscape`) has a spurious local minimum; the grids searched before are listed,
so a "none" is a statement about exactly those grids.
"""

from __future__ import annotations

from ..grids import grid_from_mapping, instances
from ..rationals import format_rational
from ..reproduce import Catalogue
from ..statements import get
from ..tables import render

SECTION = "The landscape (SPEC §8)"
STATEMENTS = ("landscape-no-spurious", "landscape-no-spurious-live")
SETTINGS = [(d0, bias, d1) for d1 in (1, 2) for d0 in (1, 2) for bias in (False, True)] + [(1, False, 3)]
"""Each (d0, bias, d1) searched; d1 = 3 beyond 1-D data without bias takes minutes (docs/landscape.md)."""
TARGETS = [-1, 0, 1, 2]


def smallest(statement: str, d0: int, bias: bool, d1: int, max_n: int = 3, radii: tuple[int, ...] = (1, 2)):
    """``(instance, verdict, grids searched before it)`` for the first failing orbit, or ``(None, None, grids)``."""
    check = get(statement).check
    searched: list[str] = []
    for n in range(1, max_n + 1):
        for r in radii:
            g = grid_from_mapping({
                "name": f"n{n}-box{r}", "kind": "exhaustive",
                "data": {"n": n, "dim": d0, "box": [-r, r], "targets": {"values": TARGETS}, "bias": bias},
                "network": {"hidden": [d1], "output": "trainable"},
                "symmetry": {"permutations": True, "coordinates": True}})
            orbits = 0
            for gi in instances(g):
                orbits += 1
                v = check(gi.instance, False)
                if v.status == "fails":
                    return gi.instance, v, searched
            searched.append(f"{g.name} ({orbits} orbits)")
    return None, None, searched


def run(cat: Catalogue) -> None:
    header = ["statement", "d0", "bias", "d1", "smallest instance x", "y", "global min", "spurious minimum",
              "grids without one, searched first"]
    rows = []
    for statement in STATEMENTS:
        for d0, bias, d1 in SETTINGS:
            inst, v, searched = smallest(statement, d0, bias, d1)
            pts = "none" if inst is None else " ".join("(" + ",".join(format_rational(c) for c in p) + ")"
                                                      for p in inst.raw_points)
            ys = "" if inst is None else ",".join(format_rational(t) for t in inst.targets)
            rows.append([statement, str(d0), "yes" if bias else "no", str(d1), pts, ys,
                         "" if v is None else v.detail["global_minimum"], "" if v is None else v.detail["first"],
                         "; ".join(searched) or "—"])
    text = ("# The smallest instances with a spurious local minimum\n\n"
            "One hidden layer, squared loss, ReLU, trainable output (`exactrelu landscape`, docs/landscape.md). "
            "Targets in {-1, 0, 1, 2}; grids up to point permutations and signed coordinate permutations, "
            "fewest points first, then the box radius; the first failing orbit in the grid's order.\n\n"
            + render(header, rows, "markdown") + "\n")
    cat.add_file("landscape/smallest-counterexamples.md", text)
    cat.add_file("landscape/smallest-counterexamples.csv", render(header, rows, "csv") + "\n")
