"""``exactrelu landscape --plot`` (issue 16): the w-plane picture for d ≤ 2, refused for d > 2."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli

from exactrelu.cli.main import main
from exactrelu.core.instance import load_instance
from exactrelu.landscape.minima import landscape
from exactrelu.render import plotting
from exactrelu.render.landscape import plot_landscape


@pytest.fixture
def umask_022() -> Any:
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.mark.parametrize("example", ["examples/landscape/spurious.toml", "examples/liu/fig2.toml",
                                     "examples/liu/line-bias.toml"])
def test_png_is_written_0644(example: str, tmp_path: Path, umask_022: None) -> None:
    out = tmp_path / "w.png"
    assert main(["landscape", example, "--plot", str(out)]) == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["w.png"]  # no temporary file left behind


def test_refused_for_d_above_two(tmp_path: Path) -> None:
    out = tmp_path / "w.png"
    res = run_cli("landscape", "examples/liu/theorem3-misses.toml", "--plot", str(out))
    assert res.returncode == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and "--plot" in lines[0] and "d = 3" in lines[0] and "fix:" in lines[0]
    assert "Traceback" not in res.stderr and not out.exists()


def _captured(monkeypatch: pytest.MonkeyPatch, example: str, tmp_path: Path) -> Any:
    captured: dict[str, Any] = {}
    monkeypatch.setattr(plotting, "save_figure", lambda fig, path: captured.setdefault("fig", fig))
    inst = load_instance(example)
    plot_landscape(inst, landscape(inst), tmp_path / "w.png")
    return captured["fig"].axes[0]


def _marked(ax: Any, prefix: str) -> set[tuple[float, float]]:
    line = next(ln for ln in ax.get_lines() if ln.get_label().startswith(prefix))
    return set(zip(line.get_xdata(), line.get_ydata(), strict=True))


def test_one_dimensional_picture_marks_each_class_at_its_loss(monkeypatch: pytest.MonkeyPatch,
                                                                tmp_path: Path) -> None:
    # one unit, x = 1, −1, y = (2, 1) (SPEC §8): by hand, w > 0 fits y_1 (loss ½·1² = 1/2, global, e.g. w = 2,
    # z = 1); w < 0 fits y_2 (loss ½·2² = 2, spurious); w = 0 with z < 0 predicts 0 and every move makes an
    # output negative (loss ½(4 + 1) = 5/2, spurious)
    ax = _captured(monkeypatch, "examples/landscape/spurious.toml", tmp_path)
    assert {y for _, y in _marked(ax, "global minimum class")} == {0.5}
    assert {y for _, y in _marked(ax, "spurious minimum class")} == {2.0, 2.5}
    assert (0.0, 2.5) in _marked(ax, "spurious minimum class")  # the dead unit sits on the wall w = 0
    star = _marked(ax, "global minimum 1/2 attained")
    assert len(star) == 1 and next(iter(star))[0] > 0 and next(iter(star))[1] == 0.5
    assert ax.get_xlabel().startswith("w") and "loss" in ax.get_ylabel()
    assert "spurious" in ax.get_title() and ax.get_legend() is not None


def test_two_dimensional_picture_draws_the_walls_and_the_classes(monkeypatch: pytest.MonkeyPatch,
                                                                   tmp_path: Path) -> None:
    # Liu's Fig. 2: x = e1, e2, y = (1, 1), one unit: the walls are the two axes; the global class (loss 0) has
    # w in the open quadrant w > 0; the one-active cells (loss 1/2) are spurious (SPEC §8)
    ax = _captured(monkeypatch, "examples/liu/fig2.toml", tmp_path)
    walls = [ln for ln in ax.get_lines() if len(ln.get_xdata()) == 2 and ln.get_color() == "grey"]
    directions = {(bool(ln.get_xdata()[0]), bool(ln.get_ydata()[0])) for ln in walls}
    assert directions == {(False, True), (True, False)}  # <w, e1> = 0 is the w2 axis, <w, e2> = 0 the w1 axis
    (gx, gy), = _marked(ax, "global minimum class")
    assert gx > 0 and gy > 0
    spurious = _marked(ax, "spurious minimum class")
    assert any(x > 0 > y for x, y in spurious) and any(x < 0 < y for x, y in spurious)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any(t.startswith("global minimum 0 attained") for t in labels)
    assert ax.get_xlabel().startswith("w₁") and ax.get_ylabel() == "w₂"
    texts = {t.get_text() for t in ax.texts}
    assert {"x1", "x2", "L=0", "L=1/2"} <= texts
