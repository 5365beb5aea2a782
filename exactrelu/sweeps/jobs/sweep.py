"""Main-job sweeps: the region statements on every small data set, as shipped tables in ``proofs/sweeps/``.

Each sweep is exhaustive up to symmetry and takes seconds on one core.  The
tables list counterexamples first (none are expected: Propositions 3–4 and
Lemma 6 are theorems); the certificates of a few instances, among them one
where Proposition 3's closed form differs from the exact count because the
points are not in general position, go into the catalogue and are re-checked
by the kernel.
"""

from __future__ import annotations

import io
from typing import Any

from ...core.instance import instance_from_mapping
from ...render.tables import render
from ..grids import grid_from_mapping
from ..statements import COUNTEREXAMPLE, HOLDS, OUTSIDE, get
from ..sweep import summary_rows, sweep

ALL = {"permutations": True, "flips": True, "scaling": True, "coordinates": True}

SWEEPS: list[tuple[str, dict[str, Any]]] = [
    (
        "prop3",
        {
            "name": "prop3-n4-box2-d2-h2",
            "kind": "exhaustive",
            "data": {"n": 4, "dim": 2, "box": [-2, 2]},
            "network": {"hidden": [2]},
            "symmetry": ALL,
        },
    ),
    (
        "prop3",
        {
            "name": "prop3-n5-box1-d3",
            "kind": "exhaustive",
            "data": {"n": 5, "dim": 3, "box": [-1, 1], "distinct": True},
            "network": {"hidden": [1]},
            "symmetry": ALL,
        },
    ),
    (
        "prop4",
        {
            "name": "prop4-n4-box2-d2",
            "kind": "exhaustive",
            "data": {"n": 4, "dim": 2, "box": [-2, 2], "distinct": True},
            "network": {"hidden": [1]},
            "symmetry": ALL,
        },
    ),
    (
        "lemma6",
        {
            "name": "lemma6-n4-box3-h2",
            "kind": "exhaustive",
            "data": {"n": 4, "dim": 1, "box": [-3, 3], "distinct": True, "bias": True},
            "network": {"hidden": [2]},
            "symmetry": {"permutations": True, "coordinates": True},
        },
    ),
    (
        "lvb-thm6",
        {
            "name": "lvb-thm6-n3-box1",
            "kind": "exhaustive",
            "data": {"n": 3, "dim": 2, "box": [0, 1], "distinct": True, "bias": True,
                     "targets": {"values": [-1, 1]}},
            "network": {"hidden": [2], "loss": "hinge"},
            "symmetry": {"permutations": True},
        },
    ),
]

CURVE_WIDTHS = (1, 2, 3)
"""Figure 3 analogue from sweeps: ``kmtm-fullrank-count`` on examples/grids/kmtm-fullrank-n3-d1-*.toml."""


def run(catalogue: Any) -> None:
    """The sweeps/ folder: each region statement on every small data set of its grid, as a table and a plot."""
    from ..report import plot, report_table

    overview = []
    first: list[dict[str, Any]] = []
    for name, mapping in SWEEPS:
        grid = grid_from_mapping(mapping, source=f"jobs/sweep.py:{mapping['name']}")
        res = sweep(name, grid, workers=1)
        first = first or list(res.rows)
        base = f"sweeps/{name}-{grid.name}"
        counts = {row[0]: row for row in summary_rows(res.rows)}
        overview.append(
            [
                name,
                grid.name,
                ", ".join(sorted(grid.symmetries)),
                counts["total"][1],
                counts["total"][2],
                counts["holds"][2],
                counts["vacuous"][2],
                counts["undecided"][2],
                counts["fails"][2],
            ]
        )
        stmt = get(name)
        text = (
            f"# {stmt.title}\n\n{stmt.source}. Hypotheses: {stmt.hypotheses}. "
            f"Conclusion: {stmt.conclusion}.\n\nGrid `{grid.name}`, exhaustive up to "
            f"{', '.join(sorted(grid.symmetries))}; weight = number of raw data sets in the orbit.\n\n"
            + render(["status", "orbits", "raw data sets"], summary_rows(res.rows), "markdown")
            + "\n\n"
            + report_table(list(res.rows), "markdown")
            + "\n"
        )
        catalogue.add_file(f"{base}.md", text)
        catalogue.add_file(f"{base}.csv", report_table(list(res.rows), "csv") + "\n")
        catalogue.add_file(f"{base}.tex", report_table(list(res.rows), "latex") + "\n")
        for label, row in _examples(res.rows):
            inst = instance_from_mapping(row["instance"], source=base)
            verdict = stmt.check(inst, True)
            if verdict.certificate is None:
                continue
            catalogue.add(
                f"{base}-{label}-{row['index']}.json",
                verdict.certificate,
                section="Sweeps",
                instance=f"{grid.name} #{row['index']}",
                claim=f"{name} ({label})",
                result=f"{verdict.status}: "
                + ", ".join(f"{k}={v}" for k, v in verdict.detail.items() if k in ("regions", "closed_form", "topes")),
            )
    header = [
        "statement",
        "grid",
        "symmetries",
        "orbits",
        "raw data sets",
        "holds",
        "vacuous",
        "undecided",
        "fails",
    ]
    _curve(catalogue)
    catalogue.add_file("sweeps/SUMMARY.md", "# Sweeps\n\n" + render(header, overview, "markdown") + "\n")
    catalogue.add_file("sweeps/summary.tex", render(header, overview, "latex") + "\n")
    buf = io.BytesIO()
    name, mapping = SWEEPS[0]
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "plot.png"
        plot(first, str(path), by="topes", title=f"{name} on {mapping['name']}: verdicts against the number of topes")
        buf.write(path.read_bytes())
    catalogue.add_file(f"sweeps/{name}-{mapping['name']}-by-topes.png", buf.getvalue())


def _examples(rows: Any) -> list[tuple[str, dict[str, Any]]]:
    """A holding instance, a non-general one where the closed form differs, and every counterexample."""
    out = []
    holds = [r for r in rows if r["status"] == HOLDS]
    if holds:
        out.append(("holds", holds[-1]))
    differ = [
        r
        for r in rows
        if r["status"] == OUTSIDE and r["conclusion"] is False and r["detail"].get("regions") not in (None, "0")
    ]
    if differ:
        out.append(("form-differs", differ[0]))
    out += [("counterexample", r) for r in rows if r["status"] == COUNTEREXAMPLE]
    return out


def _curve(catalogue: Any) -> None:
    """The mean full-rank fraction against d1 (exact), as the slides' Figure 3, from one sweep per width."""
    import tempfile
    from pathlib import Path

    from ...render.tables import decimal
    from ..report import curve, plot_curves

    rows: list[dict[str, Any]] = []
    for h in CURVE_WIDTHS:
        mapping = {
            "name": f"kmtm-fullrank-n3-d1-{h}",
            "kind": "random",
            "data": {"n": 3, "dim": 1, "bias": True, "distinct": True, "targets": [1, 2, 3], "count": 6,
                     "seed": 3, "numerators": [-9, 9], "denominators": [1, 1]},
            "network": {"hidden": [h], "output": [1] * h},
        }
        res = sweep("kmtm-fullrank-count", grid_from_mapping(mapping, source=f"jobs/sweep.py:{mapping['name']}"))
        rows += res.rows
    series = curve(rows, "fraction", "d1")
    body = [[label, str(x), str(m), decimal(m), str(k)] for label, pts in series.items() for x, m, k in pts]
    header = ["series", "d1", "mean fraction full rank", "decimal", "instances"]
    text = (
        "# Full-rank fraction of the non-empty regions against d1 (Figure 3 analogue)\n\n"
        "kmtm-fullrank-count on 6 seeded 1-D data sets with bias (n = 3) per width; every count is "
        "also checked against one Jacobian rank per pattern.\n\n" + render(header, body, "markdown") + "\n"
    )
    catalogue.add_file("sweeps/kmtm-fullrank-curve.md", text)
    catalogue.add_file("sweeps/kmtm-fullrank-curve.tex", render(header, body, "latex") + "\n")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "curve.png"
        plot_curves(series, str(path), "d1", "fraction", "mean full-rank fraction of the non-empty regions against d1 "
                    "(exact; 6 seeded 1-D data sets with bias per width, n = 3)")
        catalogue.add_file("sweeps/kmtm-fullrank-curve.png", path.read_bytes())
