"""Figure-4-like PNG: 2-D data, the units' lines, solved (green) and unsolved (red) points. Display only."""

from __future__ import annotations

from pathlib import Path

from .instance import Instance
from .multilinear import pre_activations
from .point import Point


def figure4_png(inst: Instance, p: Point, out: str | Path) -> None:
    import io
    import os
    import tempfile

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    if inst.d0 != 2 or inst.onehot is not None or len(inst.hidden) != 1:
        raise ValueError("the Figure-4 plot needs 2-D binary data and one hidden layer")
    fig, ax = plt.subplots(figsize=(4, 4))
    xs = [float(x[0]) for x in inst.raw_points]  # display-only
    ys = [float(x[1]) for x in inst.raw_points]  # display-only
    for i, per in enumerate(pre_activations(inst, p)):
        colour = "red" if per[-1][0] > 0 else "green"
        ax.scatter(xs[i], ys[i], c=colour, marker="o" if inst.targets[i] == 1 else "^", s=60)
    lo, hi = min(xs + ys) - 1, max(xs + ys) + 1  # display-only
    for k, (w, b) in enumerate(zip(p.layers[0].W, p.layers[0].b or (0,) * len(p.layers[0].W), strict=True)):
        w0, w1, b0 = float(w[0]), float(w[1]), float(b)  # display-only
        if w1:
            ax.plot([lo, hi], [-(w0 * lo + b0) / w1, -(w0 * hi + b0) / w1], label=f"unit {k}")  # display-only
        elif w0:
            ax.axvline(-b0 / w0, label=f"unit {k}")  # display-only
    ax.set_xlim(lo, hi)
    ax.set_ylim(lo, hi)
    ax.legend(fontsize=7)
    ax.set_title("solved (green) / unsolved (red)")
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=80)
    plt.close(fig)
    out = Path(out)
    fd, tmp = tempfile.mkstemp(dir=out.parent or ".", prefix=f".{out.name}.")
    with os.fdopen(fd, "wb") as fh:
        fh.write(buf.getvalue())
    os.replace(tmp, out)


def figure4_bytes(inst: Instance, p: Point) -> bytes:
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "fig.png"
        figure4_png(inst, p, path)
        return path.read_bytes()
