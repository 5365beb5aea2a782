"""Liu's landscape at the edge: the atlas's table rows and ``--json`` documents, and a picture of its cells.

Tables and JSON (``exactrelu liu``, docs/liu.md), one function per result type of :mod:`exactrelu.liu.cells`:
:func:`atlas_rows` / :func:`atlas_json` for the ReLU :class:`~exactrelu.liu.cells.Atlas` (columns
:data:`HEADER`), :func:`leaky_rows` / :func:`leaky_json` for the :class:`~exactrelu.liu.cells.LeakyAtlas` of a
leaky network (columns :data:`CELL_HEADER`).  Rationals are written ``p/q``, sign vectors ``+``/``-``/``0``.

The picture (:func:`cells_figure`): Liu's cells in the ``w`` plane (2-D data without bias), as in his Fig. 2.
Display only: coordinates are converted to floats for matplotlib after every
verdict has been decided exactly.  Each point ``x_p`` draws its wall
``<w, x_p> = 0``, named ``x_p`` at its end, with an arrow along ``x_p`` from the origin; each non-empty
unit cone is labelled with its row and, for one unit, its minimal loss; a star marks the ``w_u`` of a
genuine minimum's witness (one colour per unit, :data:`exactrelu.render.plotting.COLOURS`; hollow when
``z_u = 0``) and a black diamond a Theorem-3 minimum's ``w_m`` on its wall; axis labels, a title and a
legend name them (the pairing of two units' stars into one minimum is in the atlas table, not on the
picture, where indices would overlap).  The names sit outside the ring of stars (walls' ends at radius 1.8, rows
at 1.5, stars within 0.7), so no text covers a marker.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

from ..core.rationals import format_rational, format_vector, sign_string
from ..liu.cells import Atlas, LeakyAtlas
from ..liu.minima import CellMinimum, pattern_strings

__all__ = [
    "HEADER",
    "CELL_HEADER",
    "minimiser_set",
    "atlas_rows",
    "atlas_json",
    "leaky_rows",
    "leaky_json",
    "cells_figure",
    "plot_bytes",
    "plot_cells",
]

HEADER = [
    "cell A",
    "min loss",
    "minimisers",
    "genuine (exact)",
    "signs",
    "printed (16)-(18)",
    "disagreement",
    "saddles J (Thm 2)",
    "D R = d soluble (m,n) (Thm 3)",
    "non-diff minima (m,n) s (Thm 3)",
]
"""The columns of ``exactrelu liu``'s table (:func:`atlas_rows`)."""

CELL_HEADER = ["cell A", "min loss", "minimisers", "genuine (exact)", "signs"]
"""The columns of ``exactrelu liu``'s table on a leaky network (:func:`leaky_rows`)."""


def _fmt(q: Fraction | None) -> str | None:
    return None if q is None else format_rational(q)


def minimiser_set(cm: CellMinimum) -> str:
    """The shape of the minimiser set of ``L_A`` (Liu's Theorem 1, eq. 13): ``point`` when ``M`` has full column
    rank, else ``flat (dim k)`` with ``k = dim ker M``.

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> from exactrelu.liu.minima import cell_minimum
    >>> fig2 = instance_from_mapping({"data": {"points": [[1, 0], [0, 1]], "targets": [1, 1]},
    ...                               "network": {"hidden": [1]}})
    >>> [minimiser_set(cell_minimum(fig2, p)) for p in (((0, 0),), ((0, 1),), ((1, 1),))]  # M = 0, diag(0,1), I
    ['flat (dim 2)', 'flat (dim 1)', 'point']
    """
    return "point" if cm.unique else f"flat (dim {len(cm.basis)})"


def atlas_rows(a: Atlas) -> list[list[str]]:
    """The text/markdown/CSV rows of ``exactrelu liu`` (columns :data:`HEADER`), one per cell, rationals as ``p/q``.

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> from exactrelu.liu.cells import atlas
    >>> a = atlas(instance_from_mapping({"data": {"points": [[1, 0], [0, 1]], "targets": [1, -1]},
    ...                                 "network": {"hidden": [1]}}))
    >>> atlas_rows(a)[1]  # cell 01: M = diag(0, 1), R_2 = -1 and R_1 free (loss ½); R = z w with z < 0 < w_2
    ['01', '1/2', 'flat (dim 1)', 'yes', '-', 'yes', '', '', '(0,0)', '']
    """
    return [
        [
            c.pattern_text,
            format_rational(c.minimum.loss),
            minimiser_set(c.minimum),
            "yes" if c.exact.genuine else "no",
            sign_string(c.exact.signs or ()) or "n/a",
            "yes" if c.printed.holds else "no",
            c.source or "",
            " ".join("{" + ",".join(map(str, j)) + "}" for j in c.saddle_subsets),
            " ".join(f"({m},{n})" for m, n in c.nondiff_soluble),
            " ".join(f"({v.unit},{v.point}){sign_string(v.signs or ())}" for v in c.nondiff_minima),
        ]
        for c in a.cells
    ]


def atlas_json(a: Atlas) -> dict[str, Any]:
    """The ``--json`` body of ``exactrelu liu`` (keys documented in docs/liu.md)."""
    cells = [
        {
            "pattern": pattern_strings(c.pattern),
            "min_loss": format_rational(c.minimum.loss),
            "unique": c.minimum.unique,
            "flat_dimension": len(c.minimum.basis),
            "minimizer": format_vector(c.minimum.particular),
            "genuine": c.exact.genuine,
            "genuine_signs": sign_string(c.exact.signs or ()) or None,
            "genuine_weights": [format_vector(w) for w in c.exact.weights] if c.exact.weights else None,
            "genuine_output": format_vector(c.exact.output) if c.exact.output else None,
            "printed": c.printed.holds,
            "discrepancy": c.source,
            "saddle_subsets": [list(j) for j in c.saddle_subsets],
            "nondiff_soluble": [list(p) for p in c.nondiff_soluble],
            "nondiff_minima": [
                {
                    "unit": v.unit,
                    "point": v.point,
                    "signs": sign_string(v.signs or ()),
                    "weights": [format_vector(w) for w in v.weights or ()],
                    "output": format_vector(v.output or ()),
                    "loss": _fmt(v.loss),
                }
                for v in c.nondiff_minima
            ],
        }
        for c in a.cells
    ]
    return {
        "instance": a.instance.name,
        "cells": cells,
        "cell_count": len(a.cells),
        "min_loss": _fmt(a.min_loss),
        "best_genuine_loss": _fmt(a.best_genuine_loss),
        "discrepancies": len(a.discrepancies),
        "nondiff_minima": a.nondiff_count,
        "lps": a.lps,
    }


def leaky_rows(a: LeakyAtlas) -> list[list[str]]:
    """The rows of ``exactrelu liu`` on a leaky network (columns :data:`CELL_HEADER`), one per cell."""
    return [["|".join(pattern_strings(c.pattern)), format_rational(c.minimum.loss), minimiser_set(c.minimum),
             "yes" if c.exact.genuine else "no", sign_string(c.exact.signs or ()) or "n/a"] for c in a.cells]


def leaky_json(a: LeakyAtlas) -> dict[str, Any]:
    """``exactrelu liu --json`` on a leaky instance: the atlas keys that carry over; the others are ``null``."""
    inst = a.instance
    cells = [{"pattern": pattern_strings(c.pattern), "min_loss": format_rational(c.minimum.loss),
              "unique": c.minimum.unique, "flat_dimension": len(c.minimum.basis),
              "minimizer": format_vector(c.minimum.particular), "genuine": c.exact.genuine,
              "genuine_signs": sign_string(c.exact.signs or ()) or None,
              "genuine_weights": [format_vector(w) for w in c.exact.weights] if c.exact.weights else None,
              "genuine_output": format_vector(c.exact.output) if c.exact.output else None,
              "printed": None, "discrepancy": None, "saddle_subsets": None, "nondiff_soluble": None,
              "nondiff_minima": None} for c in a.cells]
    return {"instance": inst.name, "activation": inst.activation, "cells": cells, "cell_count": len(cells),
            "min_loss": _fmt(a.min_loss), "best_genuine_loss": _fmt(a.best_genuine_loss), "discrepancies": None,
            "nondiff_minima": None,
            "not_modelled": "Liu's printed criterion (16)-(18) and Theorems 2-3 are ReLU statements"}


def cells_figure(a: Atlas) -> Any:
    """The matplotlib figure of the atlas's cells in the ``w`` plane (module docstring)."""
    from matplotlib.lines import Line2D

    from .plotting import COLOURS, pyplot

    plt = pyplot()
    fig, ax = plt.subplots(figsize=(6.5, 5), layout="constrained")
    for p, x in enumerate(a.instance.points):
        nx_, ny_ = float(x[0]), float(x[1])  # display-only
        norm = (nx_ * nx_ + ny_ * ny_) ** 0.5 or 1.0  # display-only
        tx, ty = -ny_ / norm, nx_ / norm  # display-only
        ax.plot([-1.6 * tx, 1.6 * tx], [-1.6 * ty, 1.6 * ty], color="grey", lw=1)
        # the wall's name just past its end, far outside the stars (radius ≤ 0.7) and the row labels (1.5)
        ax.annotate(f"x{p + 1}", (1.8 * tx, 1.8 * ty), color="dimgrey", ha="center", va="center",
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8})
        ax.arrow(0, 0, 0.4 * nx_ / norm, 0.4 * ny_ / norm, head_width=0.04, color="grey")
    labelled = set()
    for c in a.cells:
        for row, w in zip(c.pattern, c.witnesses, strict=True):
            if row in labelled:
                continue
            labelled.add(row)
            wx, wy = float(w[0]), float(w[1])  # display-only
            s = (wx * wx + wy * wy) ** 0.5 or 1.0  # display-only
            text = "".join(map(str, row))
            if a.instance.d1 == 1:
                text += f"\nL*={format_rational(c.minimum.loss)}"
            ax.annotate(text, (1.5 * wx / s, 1.5 * wy / s), ha="center", fontsize=8)
    # genuine minima: each unit's w direction (colour and radius = unit); z_u = 0 units are hollow (w_u is free)
    colours = COLOURS
    for c in a.cells:
        if not (c.exact.genuine and c.exact.weights and c.exact.output):
            continue
        for u, (w, z) in enumerate(zip(c.exact.weights, c.exact.output, strict=True)):
            wx, wy = float(w[0]), float(w[1])  # display-only
            s = max(abs(wx), abs(wy), 1e-9)  # display-only
            r = 0.7 if u == 0 else 0.55
            face = colours[u % len(colours)] if z else "none"
            ax.plot([r * wx / s], [r * wy / s], marker="*", color=colours[u % len(colours)], mfc=face, ms=12,
                    linestyle="none")
    # Theorem-3 minima: w_m on the wall of x_n
    for c in a.cells:
        for v in c.nondiff_minima:
            w = (v.weights or ())[v.unit]
            wx, wy = float(w[0]), float(w[1])  # display-only
            s = max(abs(wx), abs(wy), 1e-9)  # display-only
            ax.plot([0.85 * wx / s], [0.85 * wy / s], marker="D", color="black", ms=7, linestyle="none")
    ax.set_xlim(-2, 2)
    ax.set_ylim(-2, 2)
    ax.set_aspect("equal")
    ax.set_xlabel("w₁ (first coordinate of a unit's weight vector)")
    ax.set_ylabel("w₂")
    handles = [Line2D([], [], color="grey", lw=1, label="wall <w, x_p> = 0, named x_p (arrow: x_p)")]
    handles += [Line2D([], [], marker="*", color="none", markerfacecolor=colours[u], markeredgecolor=colours[u],
                       ms=12, label=f"genuine minimum: w of unit {u + 1}") for u in range(a.instance.d1)]
    handles.append(Line2D([], [], marker="*", color="none", markerfacecolor="none", markeredgecolor="black", ms=12,
                          label="hollow: output z_u = 0"))
    handles.append(Line2D([], [], marker="D", color="none", markerfacecolor="black", ms=7,
                          label="Theorem 3 minimum on a wall"))
    ax.legend(handles=handles, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    ax.set_title(f"{a.instance.name}: cells in the w-plane\n(labels: unit rows"
                 f"{', minimal loss L*' if a.instance.d1 == 1 else ''})", fontsize=9)
    return fig


def plot_bytes(a: Atlas) -> bytes:
    """:func:`cells_figure` as PNG bytes (the figure of ``exactrelu reproduce``'s liu/ folder)."""
    from .plotting import figure_bytes

    return figure_bytes(cells_figure(a))


def plot_cells(a: Atlas, path: str | Path) -> None:
    """Write :func:`cells_figure` atomically to ``path``, mode 0666 less the umask (0644)."""
    from .plotting import save_figure

    save_figure(cells_figure(a), path)
