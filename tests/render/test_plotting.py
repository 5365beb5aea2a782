"""Plots a reader can use (issue 13): one style per curve, integer ticks, labels and legends, files 0644."""

from __future__ import annotations

import os
import stat
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from exactrelu.cli.main import main
from exactrelu.render import kmtm as figures
from exactrelu.render import plotting


@pytest.fixture
def umask_022() -> Any:
    old = os.umask(0o022)
    yield
    os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("argv", [
    ["table", "fullrank", "--n", "2,3", "--d0", "1", "--d1", "1,2,3", "--plot", "{out}"],
    ["lvb", "examples/lvb/fig4.toml", "--point", "examples/lvb/fig4_point.toml", "--plot", "{out}"],
    ["liu", "examples/liu/two-units.toml", "--plot", "{out}"],
])
def test_png_files_are_0644(argv: list[str], tmp_path: Path, umask_022: None) -> None:
    out = tmp_path / "p.png"
    assert main([a.replace("{out}", str(out)) for a in argv]) == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert _mode(out) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["p.png"]  # no temporary file left behind


def test_report_plot_is_0644(tmp_path: Path, umask_022: None) -> None:
    results = tmp_path / "r.jsonl"
    assert main(["sweep", "prop3", "--grid", "examples/grids/prop3-n4-box2-d2.toml", "--workers", "1",
                 "--out", str(results)]) == 0
    assert main(["report", str(results), "--plot", str(tmp_path / "r.png")]) == 0
    assert _mode(tmp_path / "r.png") == 0o644


def test_the_png_writer_respects_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o077)
    try:
        plt = plotting.pyplot()
        fig, _ = plt.subplots()
        plotting.save_figure(fig, tmp_path / "private.png")
    finally:
        os.umask(old)
    assert _mode(tmp_path / "private.png") == 0o600


def test_table_plot_styles_ticks_and_labels(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    captured: dict[str, Any] = {}

    def keep(fig: Any, path: Any) -> None:
        captured["fig"] = fig

    monkeypatch.setattr(plotting, "save_figure", keep)
    # two equal curves: the second must still show (different marker, line style, colour)
    series = {"n=2, d0=1": [(1, Fraction(1, 4)), (2, Fraction(9, 16))],
              "n=2, d0=2": [(1, Fraction(1, 4)), (2, Fraction(9, 16))],
              "n=3, d0=1": [(1, Fraction(0)), (2, Fraction(7, 18))]}
    figures.plot(series, "d1", "fraction of non-empty regions with full rank", str(tmp_path / "t.png"))
    ax = captured["fig"].axes[0]
    lines = ax.get_lines()
    assert len({(ln.get_color(), ln.get_marker(), ln.get_linestyle()) for ln in lines}) == 3
    assert len({ln.get_color() for ln in lines}) == 3 and len({ln.get_marker() for ln in lines}) == 3
    assert list(ax.get_xticks()) == [1, 2]  # integer parameter: no tick at 1.5
    assert " ".join(ax.get_ylabel().split()) == "fraction of non-empty regions with full rank"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == list(series)
    # the whole y-label lies inside the saved canvas
    fig = captured["fig"]
    fig.canvas.draw()
    box = ax.yaxis.label.get_window_extent()
    assert box.x0 >= 0 and box.y0 >= 0 and box.y1 <= fig.bbox.height


def test_lvb_plot_one_colour_per_unit_and_a_legend(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from exactrelu.core.instance import load_instance
    from exactrelu.core.point import load_point
    from exactrelu.render.lvb import figure4_png

    captured: dict[str, Any] = {}
    monkeypatch.setattr(plotting, "save_figure", lambda fig, path: captured.setdefault("fig", fig))
    inst = load_instance("examples/lvb/fig4.toml")
    figure4_png(inst, load_point("examples/lvb/fig4_point.toml", inst), tmp_path / "f.png")
    ax = captured["fig"].axes[0]
    units = [ln for ln in ax.get_lines() if len(ln.get_xdata()) == 2]  # the units' lines (fig4: two units)
    assert len(units) == 2 and units[0].get_color() != units[1].get_color()
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[:2] == ["unit 1: <w, x> + b = 0", "unit 2: <w, x> + b = 0"] and "unsolved" in labels
    assert ax.get_xlabel() and ax.get_ylabel()


def test_liu_plot_has_axis_labels_a_legend_and_no_index_labels(monkeypatch: pytest.MonkeyPatch) -> None:
    import matplotlib.pyplot as plt

    from exactrelu.core.instance import load_instance
    from exactrelu.liu.cells import atlas
    from exactrelu.render.liu import plot_bytes

    figs: list[Any] = []
    monkeypatch.setattr(plt, "close", lambda fig: figs.append(fig))
    plot_bytes(atlas(load_instance("examples/liu/two-units.toml")))
    ax = figs[0].axes[0]
    assert ax.get_xlabel().startswith("w₁") and ax.get_ylabel() == "w₂"
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "genuine minimum: w of unit 1" in labels and "genuine minimum: w of unit 2" in labels
    # every text on the axes is a wall name (x1..x3) or a unit row (three 0/1 digits): no tiny cell indices
    texts = [t.get_text() for t in ax.texts]
    assert texts and all(t in {"x1", "x2", "x3"} or (len(t) == 3 and set(t) <= {"0", "1"}) for t in texts)


# ---------------------------------------------------------------- every plot type, through the command that writes it
def _figures(argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Run a command with ``--plot`` and return the matplotlib figures it saved (instead of writing them)."""
    figs: list[Any] = []
    monkeypatch.setattr(plotting, "save_figure", lambda fig, path: figs.append(fig))
    assert main([a.replace("{tmp}", str(tmp_path)) for a in argv]) == 0
    assert figs
    return figs


def _texts_inside(fig: Any) -> None:
    """Title and axis labels are set and lie wholly inside the canvas (nothing cut)."""
    fig.canvas.draw()
    ax = fig.axes[0]
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    for text in (ax.title, ax.xaxis.label, ax.yaxis.label):
        box = text.get_window_extent()
        assert box.x0 >= 0 and box.y0 >= 0 and box.x1 <= fig.bbox.width and box.y1 <= fig.bbox.height


def _distinct_lines(ax: Any) -> None:
    lines = [ln for ln in ax.get_lines() if ln.get_label() and not ln.get_label().startswith("_")]
    assert len({ln.get_color() for ln in lines}) == len(lines)  # one colour per curve
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [ln.get_label() for ln in lines]


def test_table_globalmin_plot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (fig,) = _figures(["table", "globalmin", "--n", "2,3", "--d1", "1,2", "--plot", "{tmp}/g.png"], tmp_path,
                      monkeypatch)
    ax = fig.axes[0]
    _texts_inside(fig)
    _distinct_lines(ax)
    assert list(ax.get_xticks()) == [1, 2]  # d+ = d- is an integer: no tick at 1.5
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["n=2", "n=3"]
    assert "d0 = 1" in ax.get_title() and "seed 0" in ax.get_title()


def test_table_fullrank_plot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (fig,) = _figures(["table", "fullrank", "--n", "2,3", "--d0", "1,2", "--d1", "1,2,3", "--plot", "{tmp}/f.png"],
                      tmp_path, monkeypatch)
    ax = fig.axes[0]
    _texts_inside(fig)
    _distinct_lines(ax)
    assert list(ax.get_xticks()) == [1, 2, 3]
    assert len(ax.get_lines()) == 4  # (n, d0) in {2, 3} x {1, 2}
    # curves with equal values (n = 2, d0 = 1 and 2 here) differ in marker and line style too
    assert len({(ln.get_marker(), ln.get_linestyle()) for ln in ax.get_lines()}) == 4


def test_report_plots(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    results = []
    for h in (1, 2, 3):
        out = tmp_path / f"k{h}.jsonl"
        assert main(["sweep", "kmtm-fullrank-count", "--grid", f"examples/grids/kmtm-fullrank-n3-d1-{h}.toml",
                     "--workers", "1", "--out", str(out)]) == 0
        results.append(str(out))
    (bars,) = _figures(["report", results[0], "--by", "d1", "--plot", "{tmp}/b.png"], tmp_path, monkeypatch)
    ax = bars.axes[0]
    _texts_inside(bars)
    legend = ax.get_legend()
    assert legend.get_title().get_text() == "verdict"
    labels = [t.get_text() for t in legend.get_texts()]
    assert labels and set(labels) <= {"fails", "undecided", "vacuous", "holds"}
    assert len({p.get_facecolor() for p in ax.patches}) == len(labels)  # one colour per verdict
    (curves,) = _figures(["report", *results, "--curve", "fraction", "--by", "d1", "--plot", "{tmp}/c.png"],
                         tmp_path, monkeypatch)
    ax = curves.axes[0]
    _texts_inside(curves)
    assert list(ax.get_xticks()) == [1, 2, 3]  # d1 is an integer
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["n=3"]
    assert "kmtm-fullrank-count" in ax.get_title()


def test_lvb_plot_title_and_labels(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (fig,) = _figures(["lvb", "examples/lvb/fig4.toml", "--point", "examples/lvb/fig4_point.toml",
                       "--plot", "{tmp}/l.png"], tmp_path, monkeypatch)
    _texts_inside(fig)


@pytest.mark.parametrize(("path", "units"), [("examples/liu/two-units.toml", 2), ("examples/liu/fig2.toml", 1),
                                             ("examples/liu/nondiff.toml", 1)])
def test_liu_plot_one_colour_per_unit_and_no_text_on_a_marker(path: str, units: int) -> None:
    from exactrelu.core.instance import load_instance
    from exactrelu.liu.cells import atlas
    from exactrelu.render.liu import cells_figure

    fig = cells_figure(atlas(load_instance(path)))
    _texts_inside(fig)
    ax = fig.axes[0]
    stars = [ln for ln in ax.get_lines() if ln.get_marker() == "*"]
    assert stars and len({ln.get_color() for ln in stars}) == units  # one colour per unit
    legend = {t.get_text() for t in ax.get_legend().get_texts()}
    assert {f"genuine minimum: w of unit {u + 1}" for u in range(units)} <= legend
    # no label (wall name, unit row, minimal loss) covers a star or a diamond
    markers = [ln for ln in ax.get_lines() if ln.get_marker() in ("*", "D")]
    for text in ax.texts:
        box = text.get_window_extent()
        for ln in markers:
            x, y = ax.transData.transform((ln.get_xdata()[0], ln.get_ydata()[0]))
            assert not box.contains(x, y), (text.get_text(), ln.get_xdata(), ln.get_ydata())


@pytest.mark.parametrize("path", ["examples/liu/two-units.toml", "examples/liu/fig2.toml",
                                  "examples/landscape/spurious.toml"])
def test_landscape_plot_labels_never_overlap(path: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (fig,) = _figures(["landscape", path, "--plot", "{tmp}/w.png"], tmp_path, monkeypatch)
    _texts_inside(fig)
    ax = fig.axes[0]
    labels = {t.get_text() for t in ax.get_legend().get_texts()}
    assert any(label.startswith("global minimum class") for label in labels)
    renderer = fig.canvas.get_renderer()
    boxes = [t.get_window_extent(renderer) for t in ax.texts]
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])  # two-units: 40 markers


def test_drop_overlapping_keeps_the_first_of_two_clashing_labels() -> None:
    plt = plotting.pyplot()
    fig, ax = plt.subplots()
    texts = [ax.text(0.5, 0.5, "first"), ax.text(0.5, 0.5, "second"), ax.text(0.1, 0.9, "apart")]
    assert plotting.drop_overlapping(fig, texts) == 1
    assert [t.get_text() for t in ax.texts] == ["first", "apart"]
    plt.close(fig)
