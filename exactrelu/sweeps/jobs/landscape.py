"""Catalogue job for SPEC §8: the smallest instances with a spurious local minimum, for both sweep statements,
and the smallest instances where Liu's Theorem 3 misses a local minimum on a wall (issue 16).

For each setting (input dimension d0, bias, width d1) the search walks exhaustive grids up to point
permutations and signed coordinate permutations — fewest points first, then the box radius of the integer
coordinates, targets in {−1, 0, 1, 2} — and stops at the first orbit whose landscape
(:func:`exactrelu.landscape.minima.landscape`) has a spurious local minimum; the grids searched before are listed,
so a "none" is a statement about exactly those grids.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ...certify.certificates import step
from ...certify.liu import nondiff_claim
from ...core.instance import Instance, instance_from_mapping
from ...core.rationals import format_rational
from ...render.tables import render
from ..grids import grid_from_mapping, instances
from ..reproduce import Catalogue
from ..statements import get

SECTION = "The landscape (SPEC §8)"
STATEMENTS = ("landscape-no-spurious", "landscape-no-spurious-live")
SETTINGS = [(d0, bias, d1) for d1 in (1, 2) for d0 in (1, 2) for bias in (False, True)] + [(1, False, 3)]
"""Each (d0, bias, d1) searched; d1 = 3 beyond 1-D data without bias takes minutes (docs/landscape.md)."""
TARGETS = [-1, 0, 1, 2]
THEOREM3_STATEMENTS = ("liu-theorem3-only-if", "liu-theorem3-only-if-below-genuine")
THEOREM3_SETTINGS = [(1, False, 1), (1, True, 1), (2, False, 1)]
"""One unit.  Left to ``exactrelu sweep`` to keep ``reproduce`` fast (docs/landscape.md): 2-D data with bias
(~6 s for the sharper statement; its smallest instance is x = (−1,−1), (−1,0), (−1,1) with bias, y = (−1,1,2),
three points) and two units on 1-D data with bias (~60 s; none up to three points in the box [−2, 2])."""
ISSUE_EXAMPLE = {"name": "theorem3-misses",
                 "data": {"points": [[0, 2, 2], [-1, 2, 1], [1, 0, 1]], "targets": [1, -1, 1]},
                 "network": {"hidden": [1]}}
"""Issue 16's example (examples/liu/theorem3-misses.toml): the loss 1/2 at z = 1, w = (1, 1/2, 0)."""


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


def _points(inst: Instance) -> str:
    return " ".join("(" + ",".join(format_rational(c) for c in p) + ")" for p in inst.raw_points)


def _vec(v: Any) -> str:
    return "(" + ", ".join(format_rational(c) for c in v) + ")"


def _link(path: str) -> str:
    """A Markdown link from a table in landscape/ to a certificate beside it."""
    return f"[{path.split('/', 1)[1]}]({path.split('/', 1)[1]})"


def theorem3_certificate(cat: Catalogue, inst: Instance, label: str, path: str) -> tuple[str, str]:
    """Certify the first miss of ``inst`` (:func:`exactrelu.liu.theorem3_gap.theorem3_misses`) in one certificate: its
    claim that the wall point is a local minimum (``landscape-local-minimum``; spurious, with a
    ``landscape-global-minimum`` step, when its loss is above the global minimum), and a step ``liu`` proving that
    no point of that wall of that cell meets Liu's strict conditions (``liu-theorem3``, holds false).  Returns a
    description of the miss and the certificate's path."""
    from ...certify.landscape import local_minimum_certificate
    from ...landscape.minima import global_minimum
    from ...liu.theorem3_gap import theorem3_misses

    v = theorem3_misses(inst)[0]
    spurious = v.cls.loss > global_minimum(inst).value
    doc = local_minimum_certificate(inst, v.cls.weights, v.cls.output, spurious=spurious)
    doc["steps"] = [step("liu", *nondiff_claim(v.liu)), *doc.get("steps", [])]
    cell = " ".join("".join(map(str, r)) for r in v.pattern)
    cat.add(path, doc, section=SECTION, instance=inst.name,
            claim=f"{label}: a {'spurious ' if spurious else ''}local minimum on the wall of x_{v.point} that "
                  f"Liu's Theorem 3 misses (cell {cell}, unit {v.unit})",
            result=f"local minimum of loss {format_rational(v.cls.loss)}; no point meets Liu's (27)-(30)")
    what = (f"unit {v.unit + 1} on the wall of x_{v.point + 1}: loss {format_rational(v.cls.loss)}"
            f"{' (spurious)' if spurious else ' (global)'} at w = "
            + " ".join(_vec(w) for w in v.cls.weights) + ", z = " + _vec(v.cls.output))
    return what, path


def _setting_instance(inst: Instance, statement: str, d0: int, bias: bool, d1: int) -> Instance:
    """The smallest instance found for ``statement`` in a setting, named after both (its certificate's name)."""
    return replace(inst, name=f"{statement}-d0-{d0}{'-bias' if bias else ''}-d1-{d1}")


def _add_table(cat: Catalogue, stem: str, intro: str, header: list[str], rows: list[list[str]]) -> None:
    """Catalogue a results table twice: ``STEM.md`` (``intro`` then the markdown table) and ``STEM.csv``."""
    cat.add_file(f"{stem}.md", intro + render(header, rows, "markdown") + "\n")
    cat.add_file(f"{stem}.csv", render(header, rows, "csv") + "\n")


def run_theorem3(cat: Catalogue) -> None:
    """The smallest instances where Liu's Theorem 3 "only if" fails, with certificates (issue 16)."""
    from ...landscape.minima import minimum_classes
    from ...liu.theorem3_gap import least_genuine_loss

    header = ["statement", "d0", "bias", "d1", "smallest instance x", "y", "missed local minimum (on a wall)",
              "least genuine loss", "grids without one, searched first", "certificates"]
    rows = []
    for statement in THEOREM3_STATEMENTS:
        for d0, bias, d1 in THEOREM3_SETTINGS:
            inst, v, searched = smallest(statement, d0, bias, d1)
            row = [statement, str(d0), "yes" if bias else "no", str(d1)]
            if inst is None:
                rows.append(row + ["none", "", "", "", "; ".join(searched) or "—", ""])
                continue
            inst = _setting_instance(inst, statement, d0, bias, d1)
            what, path = theorem3_certificate(cat, inst, "smallest " + statement,
                                             f"landscape/{inst.name}.json")
            genuine = least_genuine_loss(minimum_classes(inst))
            rows.append(row + [_points(inst), ",".join(format_rational(t) for t in inst.targets), what,
                               "none" if genuine is None else format_rational(genuine),
                               "; ".join(searched) or "—", _link(path)])
    issue = instance_from_mapping(ISSUE_EXAMPLE)
    what, path = theorem3_certificate(cat, issue, "issue 16's example",
                                      "landscape/theorem3-issue16-example.json")
    genuine = least_genuine_loss(minimum_classes(issue))
    rows.append(["issue 16's example", "3", "no", "1", _points(issue),
                 ",".join(format_rational(t) for t in issue.targets), what,
                 "none" if genuine is None else format_rational(genuine), "(not a search)", _link(path)])
    intro = ("# Where Liu's Theorem 3 misses a local minimum\n\n"
             "Liu's Theorem 3 states that unit m on the wall <w_m, x_n> = 0 (the other units in open cells) is a "
             "non-differentiable local minimum *if and only if* D R = d and the strict sign conditions (29)-(30) "
             "hold. The \"only if\" fails when a one-sided slope is 0: the exact landscape (`exactrelu landscape`, "
             "docs/landscape.md) finds local minima there that satisfy no strict condition. "
             "`liu-theorem3-only-if` fails on an instance with such a missed minimum; the sharper "
             "`liu-theorem3-only-if-below-genuine` fails when a missed minimum's loss is below the least loss of every "
             "differentiable (genuine) minimum, so Liu's atlas shows nothing at that loss. "
             "ReLU, trainable output, one unit, targets in {-1, 0, 1, 2}, no zero point; grids up to point "
             "permutations and signed coordinate permutations, fewest points first, then the box radius; the first "
             "failing orbit in the grid's order; the grids searched before it, where none exists, are listed (every "
             "orbit checked), and a setting without one in any grid reads \"none\". "
             "Each certificate proves both halves: the wall point is a local "
             "minimum (kernel claim `landscape-local-minimum`, spurious with a `landscape-global-minimum` step when "
             "its loss is above the global minimum), and its step `liu` proves that no point of that wall of that "
             "cell meets Liu's strict conditions (kernel claim `liu-theorem3`, holds false).\n\n")
    _add_table(cat, "landscape/theorem3-misses", intro, header, rows)


def spurious_certificate(cat: Catalogue, statement: str, inst: Instance) -> str:
    """Certify the spurious class the statement reports first (least loss, then faces and signs, as in
    :mod:`exactrelu.sweeps.statements`): a ``landscape-local-minimum`` claim with ``spurious`` true, its lower point
    the global minimum's, proved by a ``landscape-global-minimum`` step.  Returns the certificate's path."""
    from ...certify.landscape import local_minimum_certificate
    from ...landscape.minima import landscape

    a = landscape(inst)
    live_only = statement.endswith("-live")
    c = min((c for c in a.spurious if not live_only or all(1 in f for f in c.faces)),
            key=lambda c: (c.loss, c.faces, c.signs))
    path = f"landscape/{inst.name}.json"
    cat.add(path, local_minimum_certificate(inst, c.weights, c.output, spurious=True), section=SECTION,
            instance=inst.name, claim=f"smallest {statement} counterexample: a spurious local minimum",
            result=f"loss {format_rational(c.loss)} > global minimum {format_rational(a.global_min.value)}")
    return path


def run(cat: Catalogue) -> None:
    """The landscape/ folder: the smallest instances with a spurious local minimum per setting, each certified,
    and the grids searched before them."""
    header = ["statement", "d0", "bias", "d1", "smallest instance x", "y", "global min", "spurious minimum",
              "grids without one, searched first", "certificate"]
    rows = []
    for statement in STATEMENTS:
        for d0, bias, d1 in SETTINGS:
            inst, v, searched = smallest(statement, d0, bias, d1)
            pts = "none" if inst is None else _points(inst)
            ys = "" if inst is None else ",".join(format_rational(t) for t in inst.targets)
            cert = ""
            if inst is not None:
                inst = _setting_instance(inst, statement, d0, bias, d1)
                cert = _link(spurious_certificate(cat, statement, inst))
            rows.append([statement, str(d0), "yes" if bias else "no", str(d1), pts, ys,
                         "" if v is None else v.detail["global_minimum"], "" if v is None else v.detail["first"],
                         "; ".join(searched) or "—", cert])
    intro = ("# The smallest instances with a spurious local minimum\n\n"
             "One hidden layer, squared loss, ReLU, trainable output (`exactrelu landscape`, docs/landscape.md). "
             "Targets in {-1, 0, 1, 2}; grids up to point permutations and signed coordinate permutations, "
             "fewest points first, then the box radius; the first failing orbit in the grid's order. "
             "The column \"grids without one, searched first\" reports the grids where none exists: each was "
             "searched exhaustively (every orbit, count shown) and the statement holds on all of it; a setting with no "
             "counterexample in any grid reads \"none\" with every grid searched. "
             "Each certificate proves the spurious minimum shown: a local minimum (kernel claim "
             "`landscape-local-minimum`, spurious true) whose loss is above the global minimum's point, with the "
             "global minimum itself proved in a `landscape-global-minimum` step.\n\n")
    _add_table(cat, "landscape/smallest-counterexamples", intro, header, rows)
    run_theorem3(cat)
