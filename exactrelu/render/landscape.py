"""The w-plane picture of ``exactrelu landscape --plot`` (issue 16), for ``d ≤ 2`` (bias coordinate included).

Display only: every loss, class and verdict drawn was decided exactly by :mod:`exactrelu.landscape.minima`; floats are
made here for matplotlib alone.

* ``d = 2``: the plane of one unit's weight vector ``w``.  Each nonzero point ``x_i`` draws its wall
  ``{w : <w, x_i> = 0}`` (a line through the origin, labelled ``x_i``); each local-minimum class marks its
  witness ``w_j`` for every unit ``j`` — global classes and spurious classes in distinct colours and markers —
  and a star marks the ``w`` of the point attaining the global minimum.
* ``d = 1``: the weight ``w`` is a number and every wall is ``w = 0``; the horizontal axis is ``w`` and the
  vertical axis the class's loss, so the picture also reads as "which losses the local minima take".
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path

from ..core.instance import Instance
from ..core.rationals import format_rational
from ..landscape.minima import Landscape

__all__ = ["MAX_D", "plot_landscape"]

MAX_D = 2
"""The picture needs every ``w_j`` in the plane (``d ≤ 2``, the bias coordinate counted)."""

GLOBAL = {"color": "tab:green", "marker": "o", "linestyle": "none", "markersize": 15, "markerfacecolor": "none",
          "markeredgewidth": 2}
SPURIOUS = {"color": "tab:red", "marker": "X", "linestyle": "none", "markersize": 8}
ATTAINED = {"color": "black", "marker": "*", "linestyle": "none", "markersize": 11, "markerfacecolor": "gold"}
"""A hollow green ring for a global class, a red cross for a spurious one, a gold star (drawn inside the ring)
for the point attaining the global minimum: distinct in colour and in shape."""


def _extent(vectors: Sequence[Sequence[Fraction]]) -> float:
    """Half-width of the square drawn: a margin beyond the largest coordinate of any marked ``w``."""
    big = max((abs(c) for v in vectors for c in v), default=Fraction(1))
    return 1.3 * float(max(big, Fraction(1)))  # display-only


def plot_landscape(inst: Instance, a: Landscape, path: str | Path) -> None:
    """Draw the w-plane picture of the landscape ``a`` of ``inst`` and write it to ``path`` (mode 0644 under the
    usual umask, via :func:`exactrelu.render.plotting.save_figure`).  ``inst.d`` must be at most :data:`MAX_D`."""
    from .plotting import pyplot, save_figure

    if inst.d > MAX_D:
        raise ValueError(f"the w-plane picture needs d ≤ {MAX_D}, found d = {inst.d}")
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(6.5, 5), layout="constrained")
    dropped = 0
    g = a.global_min
    global_classes = [c for c in a.classes if not c.spurious]
    spurious_classes = [c for c in a.classes if c.spurious]
    if inst.d == 2:
        r = _extent([w for c in a.classes for w in c.weights] + list(g.weights))
        for i, x in enumerate(inst.points):
            if not any(x):
                continue  # x_i = 0 has no wall
            dx, dy = -float(x[1]), float(x[0])  # display-only: the wall's direction
            s = r / max(abs(dx), abs(dy))  # display-only
            ax.plot([-s * dx, s * dx], [-s * dy, s * dy], color="grey", lw=1, zorder=1)
            ax.annotate(f"x{i + 1}", (0.92 * s * dx, 0.92 * s * dy), color="dimgrey", fontsize=8)
        for classes, style, label in ((global_classes, GLOBAL, "global minimum class: each unit's w_j"),
                                      (spurious_classes, SPURIOUS, "spurious minimum class: each unit's w_j")):
            pts = [(float(w[0]), float(w[1])) for c in classes for w in c.weights]  # display-only
            ax.plot([p[0] for p in pts], [p[1] for p in pts], **style, label=label, zorder=3)
        # each marked w_j with its class's loss (once per place and loss: classes often share a witness)
        seen: dict[tuple[Fraction, Fraction], list[str]] = {}
        for c in a.classes:
            for w in c.weights:
                text = format_rational(c.loss)
                if text not in seen.setdefault((w[0], w[1]), []):
                    seen[(w[0], w[1])].append(text)
        labels = [ax.annotate("L=" + ", ".join(texts), (float(u), float(v)),  # display-only
                              textcoords="offset points", xytext=(7, 5), fontsize=7) for (u, v), texts in seen.items()]
        att = [(float(w[0]), float(w[1])) for w in g.weights]  # display-only
        ax.plot([p[0] for p in att], [p[1] for p in att], **ATTAINED, zorder=4,
                label=f"global minimum {format_rational(g.value)} attained: w_j")
        ax.plot([], [], color="grey", lw=1, label="wall <w, x_i> = 0 (labelled x_i)")
        ax.set_xlim(-r, r)
        ax.set_ylim(-r, r)
        ax.set_aspect("equal")
        names = ("w₁", "w₂ (bias)") if inst.bias else ("w₁", "w₂")
        ax.set_xlabel(f"{names[0]} (first coordinate of a unit's weight vector w_j)")
        ax.set_ylabel(names[1])
    else:
        r = _extent([w for c in a.classes for w in c.weights] + list(g.weights))
        ax.axvline(0, color="grey", lw=1, zorder=1, label="wall w = 0 (every point's)")
        for classes, style, label in ((global_classes, GLOBAL, "global minimum class: each unit's w_j"),
                                      (spurious_classes, SPURIOUS, "spurious minimum class: each unit's w_j")):
            pts = [(float(w[0]), float(c.loss)) for c in classes for w in c.weights]  # display-only
            ax.plot([p[0] for p in pts], [p[1] for p in pts], **style, label=label, zorder=3)
        att = [(float(w[0]), float(g.value)) for w in g.weights]  # display-only
        ax.plot([p[0] for p in att], [p[1] for p in att], **ATTAINED, zorder=4,
                label=f"global minimum {format_rational(g.value)} attained: w_j")
        ax.set_xlim(-r, r)
        ax.set_xlabel("w (a unit's weight)")
        ax.set_ylabel("loss of the local-minimum class")
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    if inst.d == 2:  # losses of crowded markers would print over each other: keep those that fit
        from .plotting import drop_overlapping

        ax.set_xlim(-r, r)  # the final limits, so the boxes measured are the drawn ones
        dropped = drop_overlapping(fig, labels)
    ax.set_title(f"{inst.name}: local minima in the w-plane\n({len(spurious_classes)} spurious of {len(a.classes)} "
                 f"classes){chr(10) + 'losses L of crowded markers: in the table' if dropped else ''}", fontsize=9)
    save_figure(fig, path)
