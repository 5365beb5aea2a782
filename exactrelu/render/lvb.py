"""Figure-4-like PNG: 2-D data, the units' lines, solved (green) and unsolved (red) points. Display only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..core.instance import Instance
from ..core.point import Point
from ..lvb.multilinear import pre_activations

__all__ = ["figure4", "figure4_png", "figure4_bytes"]


def figure4_png(inst: Instance, p: Point, out: str | Path) -> None:
    """:func:`figure4` written atomically to ``out``, mode 0644."""
    from .plotting import save_figure

    save_figure(figure4(inst, p), out)


def figure4(inst: Instance, p: Point) -> Any:
    """Laurent–von Brecht's Figure 4 for one point ω: the data (circle = class +1, triangle = class −1; filled
    green when solved, red when unsolved, i.e. the hinge argument of the point is positive), and each hidden
    unit's line ``<w_k, x> + b_k = 0`` in its own colour and line style, with a legend, axis labels and a title."""
    from matplotlib.lines import Line2D

    from .plotting import COLOURS, pyplot

    if inst.d0 != 2 or inst.onehot is not None or len(inst.hidden) != 1:
        raise ValueError("the Figure-4 plot needs 2-D binary data and one hidden layer")
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(5.5, 4.5), layout="constrained")
    xs = [float(x[0]) for x in inst.raw_points]  # display-only
    ys = [float(x[1]) for x in inst.raw_points]  # display-only
    for i, per in enumerate(pre_activations(inst, p)):
        colour = "tab:red" if per[-1][0] > 0 else "tab:green"
        ax.scatter(xs[i], ys[i], c=colour, marker="o" if inst.targets[i] == 1 else "^", s=70, edgecolors="black",
                   zorder=3)
    lo, hi = min(xs + ys) - 1, max(xs + ys) + 1  # display-only
    handles = []
    for k, (w, b) in enumerate(zip(p.layers[0].W, p.layers[0].b or (0,) * len(p.layers[0].W), strict=True)):
        w0, w1, b0 = float(w[0]), float(w[1]), float(b)  # display-only
        style = {"color": COLOURS[k % len(COLOURS)], "linestyle": ("-", "--", "-.", ":")[k % 4], "lw": 2}
        if w1:
            ax.plot([lo, hi], [-(w0 * lo + b0) / w1, -(w0 * hi + b0) / w1], **style)  # display-only
        elif w0:
            ax.axvline(-b0 / w0, **style)  # display-only
        handles.append(Line2D([], [], label=f"unit {k + 1}: <w, x> + b = 0", **style))
    for label, marker, colour in (("class +1", "o", "white"), ("class −1", "^", "white"),
                                  ("solved", "s", "tab:green"), ("unsolved", "s", "tab:red")):
        handles.append(Line2D([], [], marker=marker, color="none", markerfacecolor=colour, markeredgecolor="black",
                              markersize=8, label=label))
    ax.set_xlim(lo, hi)
    ax.set_ylim(lo, hi)
    ax.set_xlabel("x₁")
    ax.set_ylabel("x₂")
    ax.legend(handles=handles, fontsize=8, loc="center left", bbox_to_anchor=(1.01, 0.5))
    ax.set_title(f"{inst.name}: hidden units and solved points\n(Figure 4 of Laurent–von Brecht)", fontsize=9)
    return fig


def figure4_bytes(inst: Instance, p: Point) -> bytes:
    """:func:`figure4` as PNG bytes (the figures of ``exactrelu reproduce``'s lvb/ folder)."""
    from .plotting import figure_bytes

    return figure_bytes(figure4(inst, p))
