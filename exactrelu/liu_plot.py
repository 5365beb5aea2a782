"""A picture of Liu's cells in the ``w`` plane (2-D data without bias), as in his Fig. 2.

Display only: coordinates are converted to floats for matplotlib after every
verdict has been decided exactly.  Each point ``x_p`` draws its wall
``<w, x_p> = 0``; each non-empty unit cone is labelled with its row and, for one
unit, its minimal loss; a star marks the ``w_u`` of a genuine minimum's witness (per unit,
red = unit 1, blue = unit 2, hollow when ``z_u = 0``) and a diamond a Theorem-3 minimum's
``w_m`` on its wall; axis labels and a legend name them (the pairing of two units' stars into
one minimum is in the atlas table, not on the picture, where indices would overlap).
"""

from __future__ import annotations

import io
from pathlib import Path

from .liu_atlas import Atlas
from .rationals import format_rational


def plot_bytes(a: Atlas) -> bytes:
    from matplotlib.lines import Line2D

    from .plotting import pyplot

    plt = pyplot()
    fig, ax = plt.subplots(figsize=(6.5, 5))
    for p, x in enumerate(a.instance.points):
        nx_, ny_ = float(x[0]), float(x[1])  # display-only
        norm = (nx_ * nx_ + ny_ * ny_) ** 0.5 or 1.0  # display-only
        tx, ty = -ny_ / norm, nx_ / norm  # display-only
        ax.plot([-2 * tx, 2 * tx], [-2 * ty, 2 * ty], color="grey", lw=1)
        ax.annotate(f"x{p + 1}", (nx_ / norm, ny_ / norm), color="grey")
        ax.arrow(0, 0, 0.5 * nx_ / norm, 0.5 * ny_ / norm, head_width=0.04, color="grey")
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
    # genuine minima: each unit's w direction (colour = unit; with two units the cell's index
    # is written next to it, since a minimum is the pair); z_u = 0 units are hollow (w_u is free)
    colours = ("red", "blue")
    for c in a.cells:
        if not (c.exact.genuine and c.exact.weights and c.exact.output):
            continue
        for u, (w, z) in enumerate(zip(c.exact.weights, c.exact.output, strict=True)):
            wx, wy = float(w[0]), float(w[1])  # display-only
            s = max(abs(wx), abs(wy), 1e-9)  # display-only
            r = 0.7 if u == 0 else 0.55
            face = colours[u % 2] if z else "none"
            ax.plot([r * wx / s], [r * wy / s], marker="*", color=colours[u % 2], mfc=face, ms=12)
    # Theorem-3 minima: w_m on the wall of x_n
    for c in a.cells:
        for v in c.nondiff_minima:
            w = (v.weights or ())[v.unit]
            wx, wy = float(w[0]), float(w[1])  # display-only
            s = max(abs(wx), abs(wy), 1e-9)  # display-only
            ax.plot([0.85 * wx / s], [0.85 * wy / s], marker="D", color="black", ms=7)
    ax.set_xlim(-2, 2)
    ax.set_ylim(-2, 2)
    ax.set_aspect("equal")
    ax.set_xlabel("w₁ (first coordinate of a unit's weight vector)")
    ax.set_ylabel("w₂")
    handles = [Line2D([], [], color="grey", lw=1, label="wall <w, x_p> = 0 (arrow: x_p)")]
    handles += [Line2D([], [], marker="*", color="none", markerfacecolor=colours[u], markeredgecolor=colours[u],
                       ms=12, label=f"genuine minimum: w of unit {u + 1}") for u in range(min(a.instance.d1, 2))]
    handles.append(Line2D([], [], marker="*", color="none", markerfacecolor="none", markeredgecolor="black", ms=12,
                          label="hollow: output z_u = 0"))
    handles.append(Line2D([], [], marker="D", color="none", markerfacecolor="black", ms=7,
                          label="Theorem 3 minimum on a wall"))
    ax.legend(handles=handles, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    ax.set_title(f"{a.instance.name}: cells in the w-plane (labels: unit rows"
                 f"{', minimal loss L*' if a.instance.d1 == 1 else ''})", fontsize=9)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100, bbox_inches="tight", pad_inches=0.1)
    plt.close(fig)
    return buf.getvalue()


def plot_cells(a: Atlas, path: str | Path) -> None:
    """Write :func:`plot_bytes` atomically to ``path``, mode 0666 less the umask (0644)."""
    from .certificates import atomic_write_bytes

    atomic_write_bytes(path, plot_bytes(a))
