"""What every plot shares: matplotlib without a display, distinct styles per curve, one atomic writer.

Display only: the numbers drawn were decided exactly before any float is made for matplotlib.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from ..core.files import atomic_write_bytes

__all__ = ["pyplot", "figure_bytes", "save_figure", "drop_overlapping", "STYLES", "COLOURS"]

COLOURS = ("tab:blue", "tab:orange", "tab:green", "tab:red", "tab:purple", "tab:brown", "tab:pink", "tab:olive")
"""One colour per curve or unit (matplotlib's colour-blind friendlier tab10 order)."""

STYLES = tuple(
    {"color": COLOURS[i % len(COLOURS)], "marker": "osD^vP*X"[i % 8], "linestyle": ("-", "--", ":", "-.")[i % 4],
     "markersize": 8 - 1.2 * (i % 4), "markerfacecolor": "none" if i % 2 else None}
    for i in range(16)
)
"""Curve ``i``'s style: colour, marker, line style and a shrinking marker size all differ from curve to curve,
so a curve lying exactly on another (equal exact values) still shows through it."""


def pyplot() -> Any:
    """``matplotlib.pyplot`` on the Agg backend (no display needed)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def figure_bytes(fig: Any, fmt: str = "png") -> bytes:
    """``fig`` rendered as ``fmt`` (png, svg or pdf) with everything (title, labels, legend) inside the canvas
    (a tight bounding box); the figure is closed."""
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, dpi=100, bbox_inches="tight", pad_inches=0.1)
    pyplot().close(fig)
    return buf.getvalue()


def save_figure(fig: Any, path: str | Path) -> None:
    """Write ``fig`` atomically to ``path`` (PNG, or SVG/PDF by extension), mode 0666 less the umask (0644),
    everything (labels, legend) inside the canvas; the figure is closed."""
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    atomic_write_bytes(path, figure_bytes(fig, fmt if fmt in ("png", "svg", "pdf") else "png"))


def drop_overlapping(fig: Any, texts: list[Any]) -> int:
    """Remove every text of ``texts`` (in order) whose box overlaps a text kept before it, so that labels of
    nearby markers never print over each other; the number removed (say on the picture that some are left
    out, and where to read them)."""
    fig.canvas.draw()  # the final layout (constrained layout runs at draw time), so the boxes are the drawn ones
    renderer = fig.canvas.get_renderer()
    kept: list[Any] = []
    dropped = 0
    for t in texts:
        box = t.get_window_extent(renderer)
        if any(box.overlaps(k) for k in kept):
            t.remove()
            dropped += 1
        else:
            kept.append(box)
    return dropped
