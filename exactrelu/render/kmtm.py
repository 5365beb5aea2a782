"""KMTM results rendered: the slides' Figures 3–5 (the exact tables of :mod:`exactrelu.kmtm.figures`, their
``--json`` and their curves) and the deep-network region count of :mod:`exactrelu.kmtm.deep`."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..core.rationals import format_rational
from ..kmtm.deep import DeepRegions
from ..kmtm.figures import FullRankRow, GlobalMinRow, Points, minimal_d1
from .tables import decimal, render

__all__ = ["render_fullrank", "render_globalmin", "fullrank_json", "globalmin_json", "deep_regions_count",
           "deep_regions_json", "curves_figure", "plot"]


def _points_text(points: Points) -> str:
    """A row's data points as ``(-4) (-3)`` for a table.

    >>> _points_text(((-4,), (-3,))), _points_text(((1, -2), (0, 9)))
    ('(-4) (-3)', '(1, -2) (0, 9)')
    """
    return " ".join("(" + ", ".join(str(c) for c in x) + ")" for x in points)


def _points_json(points: Points) -> str:
    """A row's data points as the ``--json`` of ``table`` writes them (docs/json.md): the text of a list of lists.

    >>> _points_json(((-4,), (-3,))), _points_json(((1, -2), (0, 9)))
    ('[[-4], [-3]]', '[[1, -2], [0, 9]]')
    """
    return str([list(x) for x in points])


def render_fullrank(rows: list[FullRankRow], fmt: str) -> str:
    """Figure 3 of the KMTM slides as a table (``fmt`` of :func:`exactrelu.render.tables.render`): per
    ``(n, d0, d1)`` the exact fraction of non-empty regions with ``rank ∇_W F = n``, its decimal (display only)
    and the least ``d1`` reaching one half (:func:`minimal_d1`).
    """
    mins = minimal_d1(rows)
    body = [
        [
            str(r.n),
            str(r.d0),
            str(r.d1),
            format_rational(r.fraction),
            decimal(r.fraction),
            str(mins[(r.n, r.d0)] or "-"),
            _points_text(r.points),
        ]
        for r in rows
    ]
    return render(
        ["n", "d0", "d1", "fraction full rank", "decimal", "min d1 with fraction ≥ 1/2", "points"], body, fmt
    )


def render_globalmin(rows: list[GlobalMinRow], fmt: str) -> str:
    """Figures 4–5 of the KMTM slides as a table: per ``(n, d+ = d−)`` the exact fraction of non-empty regions
    containing global minimisers of codimension ``n`` (Theorem 8), its decimal (display only) and the data points.
    """
    body = [[str(r.n), str(r.k), str(r.k), format_rational(r.fraction), decimal(r.fraction), _points_text(r.points)]
            for r in rows]
    return render(["n", "d+", "d-", "fraction with global min", "decimal", "points"], body, fmt)


def fullrank_json(rows: list[FullRankRow], seed: int, activation: str) -> dict[str, Any]:
    """The ``--json`` body of ``table fullrank`` (before :func:`exactrelu.render.jsoncontract.normalize`).

    >>> fullrank_json([FullRankRow(2, 1, 1, Fraction(1, 3), ((-4,), (-3,)))], 0, "relu")["rows"]
    [{'n': 2, 'd0': 1, 'd1': 1, 'fraction': Fraction(1, 3), 'points': '[[-4], [-3]]'}]
    """
    return {"table": "fullrank", "seed": seed, "activation": activation,
            "rows": [{"n": r.n, "d0": r.d0, "d1": r.d1, "fraction": r.fraction, "points": _points_json(r.points)}
                     for r in rows]}


def globalmin_json(rows: list[GlobalMinRow], seed: int, d0: int) -> dict[str, Any]:
    """The ``--json`` body of ``table globalmin`` (before :func:`exactrelu.render.jsoncontract.normalize`).

    >>> globalmin_json([GlobalMinRow(2, 1, Fraction(1, 2), ((-4,), (-3,)))], 0, 1)["rows"]
    [{'n': 2, 'd_plus': 1, 'd_minus': 1, 'fraction': Fraction(1, 2), 'points': '[[-4], [-3]]'}]
    """
    return {"table": "globalmin", "seed": seed, "d0": d0,
            "rows": [{"n": r.n, "d_plus": r.k, "d_minus": r.k, "fraction": r.fraction, "points": _points_json(r.points)}
                     for r in rows]}


def deep_regions_count(rep: DeepRegions) -> str:
    """The number of non-empty regions of a deep network as printed: exact, or the interval with the undecided.

    >>> deep_regions_count(DeepRegions(16, 5, 11, 0)), deep_regions_count(DeepRegions(16, 5, 9, 2))
    ('5', '[5, 7] (2 undecided)')
    """
    lo, hi = rep.interval
    return str(lo) if rep.exact else f"[{lo}, {hi}] ({rep.undecided} undecided)"


def deep_regions_json(rep: DeepRegions) -> dict[str, Any]:
    """The deep-network keys of the ``--json`` of ``regions`` (counts as decimal strings, docs/json.md).

    >>> deep_regions_json(DeepRegions(16, 5, 9, 2))  # doctest: +NORMALIZE_WHITESPACE
    {'patterns': '16', 'nonempty_proved': '5', 'empty_proved': '9', 'undecided': '2', 'exact': False,
     'regions': None, 'regions_interval': ['5', '7']}
    """
    lo, hi = rep.interval
    return {"patterns": str(rep.total), "nonempty_proved": str(rep.nonempty), "empty_proved": str(rep.empty),
            "undecided": str(rep.undecided), "exact": rep.exact,
            "regions": str(lo) if rep.exact else None, "regions_interval": [str(lo), str(hi)]}


def curves_figure(series: dict[str, list[tuple[int, Fraction]]], xlabel: str, ylabel: str, title: str = "") -> Any:
    """The figure of :func:`plot` (floats here are display-only): one style per curve (colour, marker, line style
    and marker size differ, so equal curves stay visible), integer ticks at the integer parameter's values, the
    wrapped y-label, the title and the legend inside the canvas."""
    import textwrap

    from .plotting import STYLES, pyplot

    plt = pyplot()
    fig, ax = plt.subplots(figsize=(6, 4), layout="constrained")
    xs: set[int] = set()
    for i, (label, pts) in enumerate(series.items()):
        xs |= {x for x, _ in pts}
        ax.plot([x for x, _ in pts], [float(y) for _, y in pts], label=label, **STYLES[i % len(STYLES)])  # display-only
    ax.set_xticks(sorted(xs))  # integer parameters: a tick at each value, never 1.5
    ax.set_xlabel(xlabel)
    ax.set_ylabel("\n".join(textwrap.wrap(ylabel, 32)))
    ax.set_ylim(-0.03, 1.05)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, loc="center left", bbox_to_anchor=(1.01, 0.5))
    if title:
        ax.set_title("\n".join(textwrap.wrap(title, 60)), fontsize=10)
    return fig


def plot(series: dict[str, list[tuple[int, Fraction]]], xlabel: str, ylabel: str, path: str, title: str = "") -> None:
    """A PNG of the exact curves (:func:`curves_figure`), written atomically, mode 0644."""
    from .plotting import save_figure

    save_figure(curves_figure(series, xlabel, ylabel, title), path)
