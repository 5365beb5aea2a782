"""No traceback, ever (issue 12): every subcommand, driven through malformed instances, options and
output paths, exits 2 with one line on stderr naming the file, key or option, and writes no file.

Most cases call :func:`exactrelu.cli.main.main` in-process (fast); a few run ``python -m exactrelu`` to prove
that nothing reaches the terminal but that one line.  Exit 1 is reserved for "a certificate did not
check", exit 3 for an internal error (a bug), so neither may appear here.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import os
from pathlib import Path
from typing import Any

import conftest
import pytest
from conftest import ROOT, run_cli
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from exactrelu.cli.main import main
from exactrelu.core.instance import MAX_WIDTH

POINT = str(ROOT / "examples" / "lvb" / "fig4_point.toml")
GRID_TEXT = """\
name = "tiny"
kind = "exhaustive"
[data]
n = 2
dim = 1
box = [-1, 1]
[network]
hidden = [2]
"""

# every subcommand that reads an instance, with the options it needs besides the instance
INSTANCE_COMMANDS: dict[str, list[str]] = {
    "regions": ["regions"],
    "regions --list": ["regions", "--list"],
    "jacobian": ["jacobian"],
    **{f"theorem {k}": ["theorem", k] for k in ["2", "5", "7", "8", "9", "10", "11", "13"]},
    "liu": ["liu"],
    "lvb": ["lvb", "--point", POINT],
    "generic": ["generic", "--alpha", "1/2", "--depth", "1"],
    "separable": ["separable"],
    "penalty": ["penalty", "--point", POINT, "--gamma", "1"],
}


def instance_argv(command: str, path: str) -> list[str]:
    head = INSTANCE_COMMANDS[command]
    k = 2 if head[0] == "theorem" else 1
    return [*head[:k], path, *head[k:]]


def run(argv: list[str], cwd: Path) -> tuple[int, str, str]:
    """``exactrelu ARGV`` in-process in ``cwd``: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    old = os.getcwd()
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as exc:  # argparse
                code = exc.code if isinstance(exc.code, int) else 2
    finally:
        os.chdir(old)
    return code, out.getvalue(), err.getvalue()


def files_under(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


def assert_refused(argv: list[str], cwd: Path, needle: str = "") -> str:
    """Exit 2, one line on stderr starting with the program name, no traceback, no new file in ``cwd``."""
    before = files_under(cwd)
    code, _, err = run(argv, cwd)
    assert code == 2, (argv, code, err)
    assert "Traceback" not in err, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("exactrelu"), err
    assert needle in err, (needle, err)
    assert files_under(cwd) == before, (argv, files_under(cwd) - before)
    return lines[0]


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory holding the inputs; every case checks that nothing new appears in it."""
    d = tmp_path_factory.mktemp("robust")
    (d / "ok.toml").write_text(BASE_TOML)
    (d / "afile").write_text("a regular file\n")
    (d / "grid.toml").write_text(GRID_TEXT)
    one = {"layers": [{"W": [["1"]]}], "output": {"V": [["1"]]}}
    (d / "replicates.json").write_text(json.dumps({"classes": [one, one, one]}))  # examples/lvb/multiclass.toml
    return d


BASE: dict[str, Any] = {
    "data": {"points": [[1, 0], [0, 1], [1, 1]], "targets": [1, -1, 1], "bias": False},
    "network": {"hidden": [2], "output": "trainable", "activation": "relu", "loss": "squared"},
}
BASE_TOML = """\
[data]
points = [[1, 0], [0, 1], [1, 1]]
targets = [1, -1, 1]
[network]
hidden = [2]
"""


def toml_value(v: Any) -> str:
    """A TOML literal (nan and inf included, which JSON cannot say)."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return repr(v)
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return json.dumps(v)
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    return "{" + ", ".join(f"{json.dumps(k)} = {toml_value(x)}" for k, x in v.items()) + "}"


def to_toml(m: dict[str, Any]) -> str:
    lines = [f"{json.dumps(k)} = {toml_value(v)}" for k, v in m.items() if not isinstance(v, dict)]
    for k, v in m.items():
        if isinstance(v, dict):
            lines.append(f"[{json.dumps(k)}]")
            lines += [f"{json.dumps(kk)} = {toml_value(vv)}" for kk, vv in v.items()]
    return "\n".join(lines) + "\n"


def mutated(path: tuple[str, ...], value: Any) -> dict[str, Any]:
    """The base instance with one entry replaced."""
    return conftest.mutated(BASE, path, value)


NAN, INF = float("nan"), float("inf")

# (name, instance text as TOML, a word the message must contain): every one is invalid input
MALFORMED: list[tuple[str, str, str]] = [
    ("nan-coordinate", to_toml(mutated(("data", "points"), [[1, NAN], [0, 1], [1, 1]])), "data.points[0][1]"),
    ("inf-target", to_toml(mutated(("data", "targets"), [1, INF, 1])), "data.targets[1]"),
    ("minus-inf-output", to_toml(mutated(("network", "output"), [1, -INF])), "network.output[1]"),
    ("float-coordinate", to_toml(mutated(("data", "points"), [[0.1, 0], [0, 1], [1, 1]])), "1/10"),
    ("float-1e100000", BASE_TOML.replace("targets = [1, -1, 1]", "targets = [1, -1, 1e100000]"), "targets[2]"),
    ("huge-width", to_toml(mutated(("network", "hidden"), [1_000_000])), "network.hidden[0]"),
    ("width-over-limit", to_toml(mutated(("network", "hidden"), [MAX_WIDTH + 1])), f"{MAX_WIDTH}"),
    ("zero-width", to_toml(mutated(("network", "hidden"), [0])), "network.hidden"),
    ("hidden-not-list", to_toml(mutated(("network", "hidden"), "2")), "network.hidden"),
    ("hidden-bool", to_toml(mutated(("network", "hidden"), [True])), "network.hidden"),
    ("hidden-empty", to_toml(mutated(("network", "hidden"), [])), "network.hidden"),
    ("5000-digit-integer", BASE_TOML.replace("[1, -1, 1]", f"[1, -1, {'9' * 5000}]"), "digits"),
    ("5000-digit-string", to_toml(mutated(("data", "targets"), [1, -1, "9" * 5000])), "digits"),
    ("4400-digit-fraction", to_toml(mutated(("data", "targets"), [1, -1, "1/" + "3" * 4400])), "digits"),
    ("points-string", to_toml(mutated(("data", "points"), "abc")), "expected a list of points"),
    ("points-empty", to_toml(mutated(("data", "points"), [])), "empty data"),
    ("point-empty", to_toml(mutated(("data", "points"), [[], [0, 1], [1, 1]])), "data.points[0]"),
    ("ragged", to_toml(mutated(("data", "points"), [[1, 0], [0], [1, 1]])), "ragged"),
    ("coordinate-word", to_toml(mutated(("data", "points"), [[1, "x"], [0, 1], [1, 1]])), "data.points[0][1]"),
    ("coordinate-bool", to_toml(mutated(("data", "points"), [[True, 0], [0, 1], [1, 1]])), "data.points[0][0]"),
    ("coordinate-zero-denominator", to_toml(mutated(("data", "points"), [["1/0", 0], [0, 1], [1, 1]])),
     "zero denominator"),
    ("targets-short", to_toml(mutated(("data", "targets"), [1])), "data.targets"),
    ("targets-string", to_toml(mutated(("data", "targets"), "1,2,3")), "data.targets"),
    ("bias-string", to_toml(mutated(("data", "bias"), "yes")), "data.bias"),
    ("unknown-top-key", to_toml({**BASE, "nework": {"hidden": [2]}}), "nework"),
    ("unknown-data-key", to_toml(mutated(("data", "pionts"), [[1]])), "data.pionts"),
    ("unknown-network-key", to_toml(mutated(("network", "widths"), [2])), "network.widths"),
    ("activation-word", to_toml(mutated(("network", "activation"), "sigmoid")), "network.activation"),
    ("activation-leaky-no-slope", to_toml(mutated(("network", "activation"), "leaky")), "network.activation"),
    ("activation-leaky-2", to_toml(mutated(("network", "activation"), "leaky:2")), "network.activation"),
    ("activation-leaky-0", to_toml(mutated(("network", "activation"), "leaky:0")), "network.activation"),
    ("activation-leaky-over-0", to_toml(mutated(("network", "activation"), "leaky:1/0")), "network.activation"),
    ("activation-number", to_toml(mutated(("network", "activation"), 5)), "network.activation"),
    ("loss-word", to_toml(mutated(("network", "loss"), "abs")), "network.loss"),
    ("output-short", to_toml(mutated(("network", "output"), [1])), "network.output"),
    ("output-zero", to_toml(mutated(("network", "output"), [1, 0])), "network.output[1]"),
    ("output-word", to_toml(mutated(("network", "output"), "fixed")), "network.output"),
    ("weights-negative", to_toml(mutated(("data", "weights"), [1, -1, 1])), "data.weights"),
    ("data-not-table", 'data = 3\n[network]\nhidden = [2]\n', "data"),
    ("no-network", "[data]\npoints = [[1]]\ntargets = [1]\n", "network"),
    ("empty-file", "", "data"),
    ("toml-syntax", "[data\npoints = [[1]]\n", "invalid TOML"),
    ("deep-nesting", "x = " + "[" * 3000 + "]" * 3000 + "\n", "<file>"),
]


@pytest.mark.parametrize("command", list(INSTANCE_COMMANDS))
@pytest.mark.parametrize("name, text, needle", MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_instance_is_refused_by_every_command(work, command, name, text, needle):
    path = work / f"{name}.toml"
    path.write_text(text)
    line = assert_refused(instance_argv(command, str(path)), work, needle)
    assert str(path) in line or needle == "<file>" and "<file>" in line


@pytest.mark.parametrize("command", list(INSTANCE_COMMANDS))
@pytest.mark.parametrize("content, needle", [
    (b"\xff\xfe[data]\n", "not UTF-8"),
    (json.dumps({"data": {"points": [[1, float("nan")]], "targets": [1]}, "network": {"hidden": [2]}}).encode(),
     "non-finite number NaN"),
    (b'{"data": {"points": [[1, 2]], "targets": [1]}, "network": {"hidden": [2]}', "invalid JSON"),
    (b'{"data": {"points": [[1, ' + b"7" * 5000 + b']], "targets": [1]}, "network": {"hidden": [2]}}', "digits"),
], ids=["non-utf8", "json-nan", "json-syntax", "json-5000-digits"])
def test_malformed_json_instance(work, command, content, needle):
    path = work / "bad.json"
    path.write_bytes(content)
    assert_refused(instance_argv(command, str(path)), work, needle)


def test_missing_and_directory_instance(work):
    assert_refused(["regions", str(work / "nope.toml")], work, "file not found")
    assert_refused(["jacobian", str(work)], work, "is a directory")


def test_embedded_examples_work_for_every_instance_command(work):
    """``@NAME`` (the catalogue) is accepted wherever an instance is."""
    code, out, err = run(["jacobian", "@fig1-fan"], work)
    assert (code, err) == (0, "") and out.startswith("fig1-fan: non-empty regions 6")


def test_byte_order_mark_is_accepted(work):
    plain = run(["regions", str(work / "ok.toml")], work)
    bom = work / "bom.toml"
    bom.write_bytes(b"\xef\xbb\xbf" + BASE_TOML.encode())
    code, out, err = run(["regions", str(bom)], work)
    assert (code, err) == (0, "")
    assert out.replace("instance bom", "instance ok") == plain[1]


# ---------------------------------------------------------------- hypothesis: random damage to an instance
JUNK = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),  # a float literal is never exact input
    st.booleans(),
    st.sampled_from(["", "abc", "1/0", "--1", "0x10", "1e5", "nan", "9" * 5000, "leaky:", "∞"]),
    st.builds(dict),
    st.lists(st.floats(allow_nan=True), min_size=1, max_size=3),
)
PLACES = [("data", "points", 0, 0), ("data", "points", 1), ("data", "targets", 2), ("data", "targets"),
          ("data", "points"), ("network", "hidden", 0), ("network", "hidden"), ("network", "activation"),
          ("data", "bias"), ("network", "loss")]


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(command=st.sampled_from(list(INSTANCE_COMMANDS)), place=st.sampled_from(PLACES), junk=JUNK,
       as_json=st.booleans(), extra_key=st.one_of(st.none(), st.from_regex(r"[a-z]{1,8}", fullmatch=True)))
def test_random_damage_is_refused(work, command, place, junk, as_json, extra_key):
    assume(not (place == ("data", "bias") and isinstance(junk, bool)))  # true/false is a valid bias
    m = mutated(place, junk)
    if extra_key is not None and extra_key not in ("points", "targets", "bias", "weights", "onehot"):
        m["data"][extra_key] = 1
    path = work / ("damaged.json" if as_json else "damaged.toml")
    path.write_text(json.dumps(m) if as_json else to_toml(m))
    assert_refused(instance_argv(command, str(path)), work, str(path))


# ---------------------------------------------------------------- malformed options, one list per command
def _options(work: Path) -> list[tuple[list[str], str]]:
    ok, grid = str(work / "ok.toml"), str(work / "grid.toml")
    return [
        ([], ""),
        (["nosuch"], "invalid choice"),
        (["regions", ok, "--bogus"], "--bogus"),
        (["regions"], "INSTANCE"),
        (["regions", "@no-such-example"], "no such embedded instance"),
        (["regions", ok, "--pattern", "1x1"], "--pattern"),
        (["regions", ok, "--pattern", "111,111,111,111"], "--pattern"),
        (["regions", ok, "--cone", "+-"], "--cone"),
        (["regions", ok, "--cone", ""], "--cone"),
        (["regions", ok, "--pattern", ""], "--pattern"),
        (["regions", ok, "--pattern", "111", "--cone", "+++"], "not allowed with"),
        (["regions", ok, "--certificate", ""], "empty path"),
        (["jacobian", ok, "--pattern", ""], "--pattern"),
        (["jacobian", ok, "--pattern", "12"], "--pattern"),
        (["jacobian", ok, "--pattern", "111"], "--pattern"),
        (["theorem", "99", ok], "invalid choice"),
        (["theorem", "8", ok], "network.output"),
        (["table", "sideways"], "invalid choice"),
        (["table", "fullrank", "--n", "40"], "--n"),
        (["table", "globalmin", "--n", "20"], "--n"),
        (["table", "fullrank", "--n", "0"], "--n"),
        (["table", "fullrank", "--n", "two"], "--n"),
        (["table", "fullrank", "--d1", str(MAX_WIDTH + 1)], "--d1"),
        (["table", "fullrank", "--d0", "10000"], "--d0"),
        (["table", "globalmin", "--d0", "1,2"], "--d0"),
        (["table", "fullrank", "--seed", "x"], "--seed"),
        (["table", "fullrank", "--format", "docx"], "--format"),
        (["liu", ok, "--format", "docx"], "--format"),
        (["liu", str(ROOT / "examples" / "liu" / "line-bias.toml"), "--plot", "x.png"], "--plot"),
        (["lvb", ok], "--point"),
        (["lvb", str(ROOT / "examples" / "lvb" / "fig4.toml"), "--point", str(work / "nope.toml")], "nope.toml"),
        (["lvb", str(ROOT / "examples" / "lvb" / "fig4.toml"), "--point", ok], "layers"),
        (["generic", ok, "--alpha", "2", "--depth", "1"], "--alpha"),
        (["generic", ok, "--alpha", "x", "--depth", "1"], "--alpha"),
        (["generic", ok, "--alpha", "1/2", "--depth", "0"], "--depth"),
        (["generic", ok, "--alpha", "1/2", "--depth", "x"], "--depth"),
        (["generic", ok, "--alpha", "1/2", "--depth", "100000"], "--depth"),
        (["generic", ok, "--alpha", "1/" + "3" * 5000, "--depth", "1"], "--alpha"),
        (["penalty", ok, "--point", POINT, "--gamma", "0"], "--gamma"),
        (["penalty", ok, "--point", POINT, "--gamma", "nan"], "--gamma"),
        (["check"], "CERT"),
        (["check", str(work / "nope.json")], "no such file"),
        (["check", str(work)], "is a directory"),
        (["reproduce", "--only", "nosuch", "--out", str(work / "p")], "unknown part"),
        (["reproduce", "--only"], "--only"),
        (["reproduce", "--only=--", "--out", str(work / "p")], "expected a value"),
        (["regions", ok, "--pattern=--"], "expected a value"),
        (["reproduce", "--only", "regions", "--out", ""], "empty path"),
        (["check", "/dev/null"], "not a regular file"),
        (["sweep"], "STATEMENT"),
        (["sweep", "nosuch", "--grid", grid], "nosuch"),
        (["sweep", "prop3", "--grid", str(work / "nope.toml")], "not found"),
        (["sweep", "prop3", "--grid", ok], "kind"),
        (["sweep", "prop3", "--grid", grid, "--workers", "0"], "--workers"),
        (["sweep", "prop3", "--grid", grid, "--workers", "many"], "--workers"),
        (["sweep", "prop3", "--grid", grid, "--scheduler", "garbage", "--out", str(work / "s.jsonl")],
         "--scheduler"),
        (["report"], "RESULTS"),
        (["report", str(work / "nope.jsonl")], "not found"),
        (["report", str(work)], "directory"),
        (["report", ok], "results"),
        (["report", ok, "--status", "maybe"], "--status"),
    ]


def test_malformed_options_exit_2(work):
    failures = []
    for argv, needle in _options(work):
        if not argv:
            code, out, _ = run(argv, work)
            assert code == 2 and "usage" in out
            continue
        try:
            assert_refused(argv, work, needle)
        except AssertionError as exc:
            failures.append(f"{argv}: {exc}")
    assert not failures, "\n".join(failures)


GRID_DAMAGE = [
    (GRID_TEXT.replace("n = 2", "n = nan"), "data.n"),
    (GRID_TEXT.replace("n = 2", "n = 1.5"), "data.n"),
    (GRID_TEXT.replace("n = 2", f"n = {'9' * 5000}"), "digits"),
    (GRID_TEXT.replace("hidden = [2]", "hidden = [1000000]"), "network.hidden"),
    (GRID_TEXT.replace("box = [-1, 1]", "box = [-1, inf]"), "data.box"),
    (GRID_TEXT.replace('kind = "exhaustive"', 'kind = "sideways"'), "kind"),
    (GRID_TEXT + "surprise = 1\n", "surprise"),
    (GRID_TEXT.replace("[data]", "[data"), "invalid TOML"),
    (GRID_TEXT.replace("n = 2", "n = 20").replace("dim = 1", "dim = 3").replace("[-1, 1]", "[-9, 9]"), "10^"),
    (GRID_TEXT.replace("dim = 1", "dim = 1000"), "data.dim"),
    (GRID_TEXT.replace("n = 2", "n = 1000000"), "data.n"),
    (GRID_TEXT.replace("box = [-1, 1]", "box = [-1000, 1000]").replace("dim = 1", "dim = 3"), "data.box"),
    ('name = "r"\nkind = "random"\n[data]\nn = 2\ndim = 1\ncount = 1000000000000\nseed = 1\n'
     'numerators = [-9, 9]\ndenominators = [1, 1]\n[network]\nhidden = [1]\n', "data.count"),
]


@pytest.mark.parametrize("text, needle", GRID_DAMAGE)
def test_malformed_grid_exits_2(work, text, needle):
    grid = work / "damaged-grid.toml"
    grid.write_text(text)
    assert_refused(["sweep", "prop3", "--grid", str(grid), "--workers", "1", "--out", str(work / "r.jsonl")],
                   work, needle)


RESULTS_DAMAGE = [
    '{"type": "header", "statement": "prop3", "grid": "g"}\n{"type": "result", "index": 0}\n',
    '{"type": "header", "statement": "prop3", "grid": "g"}\n{"type": "result", "index": 0, "status": "holds", '
    '"instance": {"data": {"points": [[1]], "targets": [1]}, "network": {"hidden": [1]}}, "weight": "x"}\n',
    '{"type": "header", "statement": "prop3", "grid": "g"}\n{"type": "result", "index": 0, "status": "holds", '
    '"instance": {"data": {"points": [[NaN]], "targets": [1]}, "network": {"hidden": [1]}}}\n',
    '{"type": "header"}\nnot json at all\n{"type": "result"}\n',
    '[1, 2]\n\n',
]


@pytest.mark.parametrize("text", RESULTS_DAMAGE)
def test_malformed_results_exit_2(work, text):
    """``report`` refuses a damaged results file, and so does a ``sweep`` asked to resume it (unchanged)."""
    res = work / "res.jsonl"
    res.write_text(text)
    assert_refused(["report", str(res)], work)
    assert_refused(["sweep", "prop3", "--grid", str(work / "grid.toml"), "--workers", "1", "--out", str(res)], work)
    assert res.read_text() == text


# ---------------------------------------------------------------- hypothesis: random option values
OPTION_TEXT = st.one_of(
    st.text(alphabet="01+-/,.x ", max_size=12),
    st.text(max_size=8),
    st.sampled_from(["", " ", "nan", "inf", "-1", "0", "1/0", "9" * 5000, "1," * 50, "@", "--", "-h"]),
)
# options whose valid values are cheap, so a random value that happens to be valid still runs quickly
FUZZED_OPTIONS: list[tuple[list[str], str, list[str]]] = [
    (["regions", "@fig1-fan"], "--pattern", []),
    (["regions", "@fig1-fan"], "--cone", []),
    (["jacobian", "@fig1-fan"], "--pattern", []),
    (["generic", str(ROOT / "examples" / "lvb" / "fig4.toml")], "--alpha", ["--depth", "1"]),
    (["generic", str(ROOT / "examples" / "lvb" / "fig4.toml")], "--depth", ["--alpha", "1/2"]),
    (["table", "fullrank", "--n", "2"], "--d1", []),
    (["table", "globalmin", "--d1", "1"], "--n", []),
    (["table", "fullrank", "--n", "2", "--d1", "1"], "--d0", []),
    (["theorem"], "", ["@fig1-fan"]),
]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=st.sampled_from(FUZZED_OPTIONS), value=OPTION_TEXT)
def test_random_option_values_never_crash(work, case, value):
    """Whatever the value: 0 (it was valid) or 2 with one line; never 1, 3 or a traceback; no file."""
    head, option, tail = case
    if head == ["table", "fullrank", "--n", "2"] or head[:2] == ["table", "globalmin"]:
        # a valid --n or --d1 is a real table; keep it small (the time grows fast in n)
        if value.strip().isascii() and value.strip().isdigit() and (len(value.strip()) > 2 or int(value) > 4):
            return
    argv = [*head, value, *tail] if not option else [*head, f"{option}={value}", *tail]
    before = files_under(work)
    code, _, err = run(argv, work)
    assert code in (0, 2), (argv, code, err)
    assert "Traceback" not in err
    if code == 2:
        assert len(err.strip().splitlines()) == 1, err
    assert files_under(work) == before


# ---------------------------------------------------------------- output paths
def _writers(work: Path, results_ok: str) -> list[tuple[list[str], str, str]]:
    """(argv without the path, option, kind) for every option that writes a file or a directory."""
    ok, grid = str(work / "ok.toml"), str(work / "grid.toml")
    fig4, multi = str(ROOT / "examples" / "lvb" / "fig4.toml"), str(ROOT / "examples" / "lvb" / "multiclass.toml")
    results = str(work / "results.jsonl")
    return [
        (["regions", ok], "--certificate", "file"),
        (["jacobian", ok], "--certificate", "file"),
        (["theorem", "2", ok], "--certificate", "file"),
        (["table", "fullrank", "--n", "2", "--d1", "1"], "--plot", "file"),
        (["table", "fullrank", "--n", "2", "--d1", "1"], "--certificate", "dir"),
        (["liu", str(ROOT / "examples" / "liu" / "fig2.toml")], "--certificate", "dir"),
        (["liu", str(ROOT / "examples" / "liu" / "fig2.toml")], "--plot", "file"),
        (["lvb", fig4, "--point", POINT], "--png", "file"),
        (["lvb", fig4, "--point", POINT], "--certificate", "file"),
        (["generic", fig4, "--alpha", "1/2", "--depth", "1"], "--certificate", "file"),
        (["separable", fig4], "--certificate", "file"),
        (["penalty", multi, "--point", str(work / "replicates.json"), "--gamma", "1"], "--certificate", "file"),
        (["sweep", "prop3", "--grid", grid, "--workers", "1"], "--out", "file"),
        (["sweep", "prop3", "--grid", grid, "--workers", "1", "--out", results], "--certificates", "dir"),
        (["report", results_ok], "--out", "file"),
        (["report", results_ok], "--plot", "file"),
        (["reproduce", "--only", "regions"], "--out", "dir"),
    ]


@pytest.fixture(scope="module")
def results_ok(work: Path) -> str:
    code, _, err = run(["sweep", "prop3", "--grid", str(work / "grid.toml"), "--workers", "1",
                        "--out", "ok-results.jsonl"], work)
    assert code == 0, err
    return str(work / "ok-results.jsonl")


BAD_PATHS = {
    "under-a-file": ("afile/out.json", "is a file, not a directory"),
    "missing-parent": ("no/such/dir/out.json", "does not exist"),
    "in-proc": ("/proc/exactrelu-test.json", "cannot write"),
    "under-proc": ("/proc/exactrelu-no-dir/out.json", "does not exist"),
}


@pytest.mark.parametrize("kind", list(BAD_PATHS))
def test_bad_output_paths_exit_2_before_any_work(work, results_ok, kind):
    rel, needle = BAD_PATHS[kind]
    for argv, option, what in _writers(work, results_ok):
        target = rel if rel.startswith("/") else str(work / rel)
        if kind == "in-proc" and what == "dir":
            target = "/proc/exactrelu-test-dir"
        line = assert_refused([*argv, option, target], work, needle)
        assert option in line
    assert not Path("/proc/exactrelu-test.json").exists()


def test_file_option_given_a_directory_and_dir_option_given_a_file(work, results_ok):
    for argv, option, kind in _writers(work, results_ok):
        if kind == "file":
            assert_refused([*argv, option, str(work)], work, "is a directory")
        else:
            assert_refused([*argv, option, str(work / "afile")], work, "is a file")


def test_every_writer_says_what_it_wrote(work, results_ok, tmp_path):
    """With a good path each output option writes its file or directory and names it in one line."""
    for i, (argv, option, kind) in enumerate(_writers(work, results_ok)):
        target = tmp_path / (f"out{i}" + (".png" if option in ("--plot", "--png") else ".json")
                             if kind == "file" else f"dir{i}")
        code, out, err = run([*argv, option, str(target)], work)
        assert code == 0, (argv, option, err)
        assert target.is_file() if kind == "file" else any(target.iterdir()), (argv, option)
        said = [line for line in (out + err).splitlines() if str(target) in line]
        assert said, (argv, option, out, err)


def test_an_output_never_overwrites_an_input(work, results_ok):
    ok = str(work / "ok.toml")
    for argv in (["regions", ok, "--certificate", ok], ["theorem", "2", ok, "--certificate", ok],
                 ["report", results_ok, "--out", results_ok],
                 ["sweep", "prop3", "--grid", str(work / "grid.toml"), "--out", str(work / "grid.toml")]):
        before = {p: p.read_bytes() for p in work.iterdir() if p.is_file()}
        assert_refused(argv, work, "this command reads")
        assert {p: p.read_bytes() for p in work.iterdir() if p.is_file()} == before


# ---------------------------------------------------------------- the last resort
def test_an_internal_error_is_one_line_exit_3(work, monkeypatch):
    import exactrelu.cli.commands.regions as regions

    def broken(_args: Any) -> int:
        raise RuntimeError("a bug\nover two lines")

    monkeypatch.setattr(regions, "run", broken)
    code, _, err = run(["regions", str(work / "ok.toml")], work)
    assert code == 3 and "Traceback" not in err
    assert err.count("\n") == 1
    assert err.startswith("exactrelu: error: internal error: RuntimeError: a bug over two lines")
    assert "please report" in err


def test_a_result_too_long_to_print_is_a_size_limit(work, monkeypatch):
    """T^d1 with more than 4300 digits (about 20000 topes and 1000 units) is refused as too large (2)."""
    import exactrelu.cli.commands.regions as regions

    def huge(_args: Any) -> int:
        print(20001 ** 1000)
        return 0

    monkeypatch.setattr(regions, "run", huge)
    line = assert_refused(["regions", str(work / "ok.toml")], work, "has more than 4300 digits")
    assert "network.hidden" in line


# ---------------------------------------------------------------- a few through a real terminal process
@pytest.mark.parametrize("argv, needle", [
    (["table", "fullrank", "--n", "40"], "--n: at most 19"),
    (["regions", "{nan}"], "non-finite number nan"),
    (["regions", "@fig1-fan", "--certificate", "{afile}/c.json"], "is a file, not a directory"),
    (["regions", "@fig1-fan", "--certificate", "/proc/c.json"], "cannot write in /proc"),
    (["reproduce", "--only", "nosuch", "--out", "{tmp}/p"], "unknown part nosuch"),
])
def test_subprocess_shows_one_line_and_no_traceback(tmp_path, argv, needle):
    (tmp_path / "afile").write_text("x")
    (tmp_path / "nan.toml").write_text(BASE_TOML.replace("[1, -1, 1]", "[1, -1, nan]"))
    subs = {"{nan}": str(tmp_path / "nan.toml"), "{afile}": str(tmp_path / "afile"), "{tmp}": str(tmp_path)}
    args = []
    for a in argv:
        for k, v in subs.items():
            a = a.replace(k, v)
        args.append(a)
    res = run_cli(*args, cwd=tmp_path)
    assert res.returncode == 2
    assert "Traceback" not in res.stderr + res.stdout
    assert len(res.stderr.strip().splitlines()) == 1 and needle in res.stderr, res.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile", "nan.toml"]
