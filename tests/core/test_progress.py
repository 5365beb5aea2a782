"""Progress on stderr (issue 13): a rich bar when stderr is a terminal, nothing otherwise, stdout untouched.

A terminal is faked by an in-memory stderr whose ``isatty()`` is true (what :func:`exactrelu.core.progress.enabled`
asks); a silent run is the same command with pytest's captured (non-terminal) stderr.  The tick totals are
checked against independent counts (the search tree's size, the combinations the search reports examining).
"""

from __future__ import annotations

import io
import sys
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exactrelu.cli.main import main
from exactrelu.core import progress as prog


class _Terminal(io.StringIO):
    """An in-memory stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


class _Count:
    """A ticker stand-in that records its stages' totals and the ticks."""

    def __init__(self) -> None:
        self.ticks = 0
        self.totals: list[int | None] = []

    def __call__(self, n: int = 1) -> None:
        self.ticks += n

    def stage(self, description: str, total: int | None = None) -> _Count:
        self.totals.append(total)
        return self

    def note(self, text: str) -> None:
        pass


def _run(argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
         terminal: bool) -> tuple[int, str, str]:
    """Run the CLI; with ``terminal`` stderr is a fake terminal.  Returns (exit code, stdout, stderr)."""
    capsys.readouterr()
    fake = _Terminal()
    with monkeypatch.context() as m:
        if terminal:
            m.setenv("TERM", "xterm-256color")  # rich draws nothing live on a "dumb" terminal
            m.setattr(sys, "stderr", fake)
        code = main(argv)
    out, err = capsys.readouterr()
    return code, out, fake.getvalue() if terminal else err


def test_the_helper_draws_on_a_terminal_and_is_silent_otherwise(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "xterm-256color")
    fake = _Terminal()
    monkeypatch.setattr(sys, "stderr", fake)
    with prog.progress(3, "counting things", unit="things") as tick:
        assert tick is not prog.NO_PROGRESS
        tick.stage("inner phase", 2)(2)
        tick(3)
    shown = fake.getvalue()
    assert "counting things" in shown and "inner phase" in shown and "\x1b[" in shown

    quiet = io.StringIO()  # not a terminal
    monkeypatch.setattr(sys, "stderr", quiet)
    with prog.progress(3, "counting things") as tick:
        assert tick is prog.NO_PROGRESS
        assert tick.stage("inner", 2) is prog.NO_PROGRESS
        tick(3)
    assert quiet.getvalue() == ""


def test_the_null_ticker_ignores_everything() -> None:
    t = prog.NO_PROGRESS
    t()
    t(5)
    t.note("x")
    assert t.stage("y", 3) is t


# commands that can run for minutes on plausible inputs, each on a small instance (fast here); the bar's
# description must appear on a terminal, and stdout must be byte-for-byte the silent run's
LONG_RUNS = [
    (["liu", "examples/liu/two-units.toml"], "liu: atlas"),
    (["liu", "examples/liu/fig2.toml", "--format", "latex"], "liu: atlas"),
    (["jacobian", "@oned-bias"], "Corollary 5"),
    (["theorem", "8", "@oned-bias"], "one LP per pair"),
    (["theorem", "7", "@oned-bias", "--json"], "full-rank search"),
    (["table", "globalmin", "--n", "2", "--d1", "1,2", "--format", "csv"], "table globalmin"),
    (["table", "fullrank", "--n", "2,3", "--d0", "1", "--d1", "1,2"], "table fullrank"),
    (["generic", "examples/lvb/fig4.toml", "--alpha", "1/2", "--depth", "2"], "Definition 1"),
    (["regions", "@fig1-fan", "--certificate", "{tmp}/c.json"], "certifying the tope list"),
    (["landscape", "examples/liu/fig2.toml"], "landscape"),
    (["regions", "@fig1-fan", "--covectors"], "covectors"),
    (["regions", "@fig1-fan", "--zonotope"], "Proposition 4"),
]


@pytest.mark.parametrize(("argv", "shown"), LONG_RUNS, ids=[" ".join(a[:2]) for a, _ in LONG_RUNS])
def test_long_runs_show_progress_on_a_terminal_only(argv: list[str], shown: str, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    code, out, err = _run(argv, capsys, monkeypatch, terminal=False)
    assert code == 0 and shown not in err and "\x1b[" not in err  # not a terminal: no bar
    code_t, out_t, err_t = _run(argv, capsys, monkeypatch, terminal=True)
    assert code_t == 0 and shown in err_t
    assert out_t == out and "\x1b[" not in out_t  # the results (table, JSON) are untouched by the bar


def test_sweep_progress_is_on_stderr_not_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    argv = ["sweep", "prop3", "--grid", "examples/grids/prop3-n4-box2-d2.toml", "--workers", "1",
            "--out", str(tmp_path / "r.jsonl"), "--json"]
    code, out, err = _run(argv, capsys, monkeypatch, terminal=True)
    assert code == 0 and "sweep prop3 on prop3-n4-box2-d2" in err and "instances" in err
    assert "━" not in out and "\x1b[" not in out  # the bar used to be drawn on stdout
    assert out.lstrip().startswith("{")
    report = ["report", str(tmp_path / "r.jsonl"), "--format", "csv"]
    code, out, err = _run(report, capsys, monkeypatch, terminal=False)
    code_t, out_t, err_t = _run(report, capsys, monkeypatch, terminal=True)
    assert code == code_t == 0 and "report: checking the results" in err_t and "checking the results" not in err
    assert out_t == out and out.startswith("#,status")


def test_deep_regions_show_the_patterns(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    inst = tmp_path / "deep.toml"
    inst.write_text('[data]\npoints = [[1, 0], [0, 1], [1, 1]]\ntargets = [0, 1, 1]\n[network]\nhidden = [1, 1]\n')
    code, out, err = _run(["regions", str(inst)], capsys, monkeypatch, terminal=True)
    assert code == 0 and "regions: deep patterns" in err and "/64 patterns" in err  # 2^(3·2) patterns
    assert "patterns (A_1, …, A_2): 64" in out


# ---------------------------------------------------------------- the totals are the work done
@pytest.mark.parametrize("name", ["fig1-fan", "oned-bias", "three-points-bias", "collinear-bias"])
@pytest.mark.parametrize("d1", [1, 2, 3, 4])
def test_full_rank_search_ticks_every_set_once(name: str, d1: int) -> None:
    """Visited sets plus the supersets pruned under full-rank sets are all Σ_{s ≤ d1} C(T, s) sets of rows."""
    from math import comb

    from exactrelu.catalogue import catalogue_instance
    from exactrelu.kmtm.jacobian import count_full_rank, search_size, unit_rows

    inst = catalogue_instance(name)
    rows = unit_rows(inst)
    t = _Count()
    count_full_rank(inst.points, rows, d1, progress=t)
    assert t.totals == [search_size(len(rows), d1)] == [sum(comb(len(rows), s) for s in range(1, d1 + 1))]
    assert t.ticks == t.totals[0]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(-4, 4), min_size=2, max_size=4, unique=True), st.integers(1, 4))
def test_full_rank_search_ticks_on_random_1d_data(xs: list[int], d1: int) -> None:
    from exactrelu.core.instance import instance_from_mapping
    from exactrelu.kmtm.jacobian import count_full_rank, search_size, unit_rows

    inst = instance_from_mapping({"data": {"points": [[x] for x in xs], "targets": [0] * len(xs), "bias": True},
                                  "network": {"hidden": [d1]}})
    rows = unit_rows(inst)
    t = _Count()
    count_full_rank(inst.points, rows, d1, progress=t)
    assert t.ticks == search_size(len(rows), d1)


def test_generic_search_total_is_what_it_examines_when_nothing_is_found() -> None:
    from exactrelu.core.instance import load_instance
    from exactrelu.lvb.generic import rarity

    inst = load_instance("examples/lvb/fig4.toml")
    for depth in (1, 2, 3):
        t = _Count()
        r = rarity(inst, Fraction(1, 2), depth, progress=t)
        assert not r.rare and t.totals == [r.examined] and t.ticks == r.examined


def test_liu_atlas_ticks_once_per_cell() -> None:
    from exactrelu.core.instance import load_instance
    from exactrelu.liu.cells import atlas

    t = _Count()
    a = atlas(load_instance("examples/liu/two-units.toml"), t)
    assert t.ticks == len(a.cells) == 36  # 6 topes of three lines in the plane, two units: 6^2


def test_globalmin_ticks_once_per_lp(monkeypatch: Any) -> None:
    from exactrelu.catalogue import catalogue_instance
    from exactrelu.kmtm.globalmin import count_global_minima

    t = _Count()
    result = count_global_minima(catalogue_instance("oned-bias"), t)
    assert t.totals == [len(result.regions)] and t.ticks == len(result.regions)


def test_check_shows_elapsed_time_on_a_terminal_with_the_standard_library_only(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    # the kernel's check must not load rich: its progress is a stdlib ticker (file i/N and seconds), drawn only
    # on a terminal; a slow check is simulated so the ticker draws at least once; stdout is the same either way
    import time

    from exactrelu import kernel

    cert = str(Path(__file__).resolve().parents[2] / "docs" / "examples" / "cone-nonempty.json")
    real = kernel.main
    monkeypatch.setattr(kernel, "main", lambda files: (time.sleep(0.7), real(files))[1])
    code, out_tty, err_tty = _run(["check", cert, cert], capsys, monkeypatch, terminal=True)
    code2, out_quiet, err_quiet = _run(["check", cert, cert], capsys, monkeypatch, terminal=False)
    assert code == code2 == 0 and out_tty == out_quiet and out_tty.count("ok ") == 2
    assert "checking 1/2" in err_tty and "checking 2/2" in err_tty and " s" in err_tty
    assert err_quiet == ""
