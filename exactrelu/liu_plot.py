"""A picture of Liu's cells in the ``w`` plane (2-D data without bias), as in his Fig. 2.

Display only: coordinates are converted to floats for matplotlib after every
verdict has been decided exactly.  Each point ``x_p`` draws its wall
``<w, x_p> = 0``; each non-empty unit cone is labelled with its row and, for one
unit, its minimal loss; a star marks the ``w`` of a genuine minimum's witness.
"""

from __future__ import annotations

import io
from pathlib import Path

from .liu_atlas import Atlas
from .rationals import format_rational


def plot_bytes(a: Atlas) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5, 5))
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
        if (
            a.instance.d1 == 1
            and c.exact.genuine
            and c.exact.weights
            and c.exact.output
            and c.exact.output[0]
        ):
            wx, wy = float(c.exact.weights[0][0]), float(c.exact.weights[0][1])  # display-only
            s = max(abs(wx), abs(wy), 1e-9)  # display-only
            ax.plot([0.7 * wx / s], [0.7 * wy / s], marker="*", color="red", ms=12)
    ax.set_xlim(-2, 2)
    ax.set_ylim(-2, 2)
    ax.set_aspect("equal")
    ax.set_title(f"{a.instance.name}: cells in the w-plane (* genuine minimum)")
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    plt.close(fig)
    return buf.getvalue()


def plot_cells(a: Atlas, path: str | Path) -> None:
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(plot_bytes(a))
    tmp.replace(path)
