"""The KMTM slides' Figures 3–5 rendered: the exact tables of :mod:`exactrelu.kmtm.figures` and their curves."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..core.rationals import format_rational
from ..kmtm.figures import FullRankRow, minimal_d1
from .tables import decimal, render

__all__ = ["render_fullrank", "render_globalmin", "curves_figure", "plot"]


def _points_text(points: str) -> str:
    """``[[-4], [-3]]`` (the rows' points as stored) as ``(-4) (-3)`` for a table: no Python lists in print."""
    import ast

    return " ".join("(" + ", ".join(str(c) for c in x) + ")" for x in ast.literal_eval(points))


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


def render_globalmin(rows: list[tuple[int, int, Fraction, str]], fmt: str) -> str:
    """Figures 4–5 of the KMTM slides as a table: per ``(n, d+ = d−)`` the exact fraction of non-empty regions
    containing global minimisers of codimension ``n`` (Theorem 8), its decimal (display only) and the data points.
    """
    body = [[str(n), str(k), str(k), format_rational(f), decimal(f), _points_text(p)] for n, k, f, p in rows]
    return render(["n", "d+", "d-", "fraction with global min", "decimal", "points"], body, fmt)


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
