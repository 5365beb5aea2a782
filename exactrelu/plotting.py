"""What every plot shares: matplotlib without a display, distinct styles per curve, one atomic writer.

Display only: the numbers drawn were decided exactly before any float is made for matplotlib.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from .certificates import atomic_write_bytes

__all__ = ["pyplot", "save_figure", "STYLES", "COLOURS"]

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


def save_figure(fig: Any, path: str | Path) -> None:
    """Write ``fig`` atomically to ``path`` (PNG, or SVG/PDF by extension), mode 0666 less the umask (0644),
    everything (labels, legend) inside the canvas; the figure is closed."""
    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    fmt = fmt if fmt in ("png", "svg", "pdf") else "png"
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, dpi=100, bbox_inches="tight", pad_inches=0.1)
    pyplot().close(fig)
    atomic_write_bytes(path, buf.getvalue())
