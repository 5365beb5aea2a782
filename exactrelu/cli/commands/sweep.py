"""``exactrelu sweep STATEMENT --grid GRID.toml`` and ``exactrelu report RESULTS.jsonl``."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from ...core.files import atomic_write_text
from ...render.tables import FORMATS, render
from ...sweeps.grids import load_grid
from ...sweeps.report import ReportError, _xvalue, curve, detail_cell, plot, plot_curves, report_table
from ...sweeps.statements import COUNTEREXAMPLE, StatementError, get, statements
from ...sweeps.sweep import STATUS_ORDER, SweepError, describe_instance, read_results, summary_rows, sweep
from ..main import UsageError
from .common import emit_json, output_dir, output_file, progress

__all__ = ["register"]


SWEEP_HELP = """\
Check a registered statement on every instance of a grid (exhaustive up to
symmetry, or seeded random; docs/sweep.md); results stream to a JSON-lines file
and a rerun resumes where it stopped.  `exactrelu sweep --list` shows the
statements with the networks each models (an instance outside a statement's
model is vacuous).  Verdicts: holds, fails, vacuous, undecided.

Examples:
  exactrelu sweep --list
  exactrelu sweep prop3 --grid examples/grids/prop3-n4-box2-d2.toml --workers 1 --out prop3.jsonl
  exactrelu sweep lemma6 --grid examples/grids/lemma6-n5-box4.toml --workers 1 --out lemma6.jsonl --json
"""

REPORT_HELP = """\
Render a sweep's results file (docs/sweep.md): fails (counterexamples) first,
then undecided, vacuous, holds; exact values as p/q.  With --format markdown|csv|
latex only the tables go to stdout; --curve averages one rational detail exactly
against --by (Figures 3–5 of the KMTM slides), and --plot draws it.

Examples (in order: the first writes the results file the others read):
  exactrelu sweep prop3 --grid examples/grids/prop3-n4-box2-d2.toml --workers 1 --out r.jsonl
  exactrelu report r.jsonl --summary
  exactrelu report r.jsonl --status holds --format csv
"""


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "sweep",
        help="check one statement on every instance of a grid",
        description=SWEEP_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "statement",
        nargs="?",
        metavar="STATEMENT",
        help="a registered name (see --list) or package.module:attribute",
    )
    p.add_argument("--grid", metavar="GRID.toml", help="grid file (see docs/sweep.md)")
    p.add_argument(
        "--out", metavar="RESULTS.jsonl", help="results file (default: sweep-STATEMENT-GRID.jsonl)"
    )
    p.add_argument(
        "--workers",
        type=int,
        default=None,
        help="local processes (default: all cores; 1 = sequential)",
    )
    p.add_argument(
        "--scheduler", metavar="tcp://HOST:PORT", help="run on an existing Dask distributed cluster"
    )
    p.add_argument(
        "--certificates", metavar="DIR", help="write each instance's certificate into DIR"
    )
    p.add_argument(
        "--restart",
        action="store_true",
        help="discard an existing results file instead of resuming",
    )
    p.add_argument("--list", action="store_true", help="list the registered statements and exit")
    p.add_argument("--json", action="store_true", help="print the summary as JSON")
    p.set_defaults(func=_sweep)

    r = sub.add_parser(
        "report",
        help="render a sweep's results as a table (and a plot)",
        description=REPORT_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    r.add_argument(
        "results",
        metavar="RESULTS.jsonl",
        nargs="+",
        help="one or more results files (e.g. one per hidden width, for --curve ... --by d1)",
    )
    r.add_argument("--format", choices=FORMATS, default="markdown", help="table format (default markdown)")
    r.add_argument(
        "--status",
        action="append",
        choices=STATUS_ORDER,
        help="only rows with this status (repeatable; default: all)",
    )
    r.add_argument(
        "--decimal", action="store_true", help="add a decimal column next to every p/q detail"
    )
    r.add_argument("--summary", action="store_true", help="only the counts per status")
    r.add_argument("--json", action="store_true", help="print the report as JSON (keys in docs/json.md)")
    r.add_argument(
        "--out", metavar="FILE", help="write the table to FILE (atomically) instead of stdout"
    )
    r.add_argument("--plot", metavar="PNG", help="also draw a plot (PNG or SVG by extension)")
    r.add_argument(
        "--by",
        metavar="KEY",
        default="n",
        help="x axis of the plot: n, d, or a numeric detail key (default n)",
    )
    r.add_argument(
        "--curve",
        metavar="KEY",
        help="table (and with --plot, lines) of the exact orbit-weighted mean of the rational detail KEY "
        "against --by, one curve per n: e.g. --curve fraction --by d1 (Figures 3-5 of the slides)",
    )
    r.set_defaults(func=_report)


def _sweep(args: argparse.Namespace) -> int:
    if args.list and args.json:
        emit_json({"statements": [
            {"name": s.name, "title": s.title, "hypotheses": s.hypotheses, "conclusion": s.conclusion,
             "symmetries": sorted(s.symmetries), "model": s.model.describe()} for s in statements()]}, "sweep_list")
        return 0
    if args.list:
        for s in statements():
            print(
                f"{s.name:10} {s.title}\n{'':10} hypotheses: {s.hypotheses}\n{'':10} conclusion: "
                f"{s.conclusion}\n{'':10} symmetries: {', '.join(sorted(s.symmetries)) or 'none'}"
                f"\n{'':10} {s.model.describe()} (other instances: vacuous)"
            )
        return 0
    if not args.statement or not args.grid:
        raise UsageError("sweep needs STATEMENT and --grid GRID.toml (see exactrelu sweep --list)")
    try:
        stmt = get(args.statement)
    except StatementError as exc:
        raise UsageError(str(exc)) from None
    output_dir(args.certificates, "--certificates")
    grid = load_grid(args.grid)
    if args.workers is not None and args.workers < 1:
        raise UsageError(f"--workers: expected a positive integer, found {args.workers}")
    out = Path(args.out or f"sweep-{stmt.name.replace(':', '_')}-{grid.name}.jsonl")
    output_file(str(out), "--out", args)
    if args.restart and out.exists():
        os.replace(out, out.with_name(out.name + ".old"))
    existed = out.exists()
    try:
        res = sweep(
            stmt,
            grid,
            out,
            workers=args.workers,
            scheduler=args.scheduler,
            certificates=args.certificates,
            progress=True,
        )
    except SweepError as exc:
        _drop_new_header_only(out, existed)
        raise UsageError(str(exc)) from None
    except (OSError, ValueError, TimeoutError) as exc:
        _drop_new_header_only(out, existed)
        if args.scheduler:
            raise UsageError(
                f"--scheduler {args.scheduler}: cannot reach the Dask scheduler ({exc})"
            ) from None
        raise
    if args.json:
        emit_json(
            {
                "statement": res.statement,
                "grid": res.grid,
                "results": str(res.path),
                "computed": res.computed,
                "counts": _counts(res.rows),
                "counterexamples": [
                    {"index": r["index"], "instance": _instance_ref(r["instance"]), "certificate": r["certificate"],
                     "detail": r["detail"]}
                    for r in res.counterexamples
                ],
            },
            "sweep",
        )
        return 0
    print(
        f"{stmt.name} on {grid.name}: {len(res.rows)} instances ({res.computed} computed now, "
        f"{len(res.rows) - res.computed} resumed); "
        f"symmetries: {', '.join(sorted(grid.symmetries)) or 'none'}"
    )
    print(f"results: {res.path}")
    if args.certificates:
        n_cert = sum(1 for r in res.rows if r.get("certificate"))
        print(f"{n_cert} certificates in {args.certificates}/", file=sys.stderr)
    for r in res.counterexamples[:20]:
        cert = f" certificate {r['certificate']}" if r["certificate"] else ""
        print(
            f"FAILS (counterexample) #{r['index']}: {describe_instance(r['instance'])} "
            f"{_detail(r['detail'])}{cert}"
        )
    if len(res.counterexamples) > 20:
        print(
            f"... {len(res.counterexamples) - 20} more "
            f"(exactrelu report {res.path} --status fails)"
        )
    print(
        render(
            ["status", "instances", "weighted (raw data sets)"], summary_rows(res.rows), "markdown"
        )
    )
    return 0


def _drop_new_header_only(out: Path, existed: bool) -> None:
    """A sweep that failed before its first result leaves no results file it created (only a header)."""
    if not existed and out.is_file():
        head, rows = read_results(out)
        if not rows:
            out.unlink()


def _detail(detail: dict[str, Any]) -> str:
    return " ".join(f"{k}={detail_cell(v)}" for k, v in detail.items())


def _checked_row(path: str, r: dict[str, Any]) -> dict[str, Any]:
    """A result record of a results file, validated (a hand-edited or foreign file is bad input, exit 2),
    with its instance in the canonical file form that the table and plots read."""
    from ...core.instance import InstanceError, instance_from_mapping, instance_to_mapping

    where = f"{path}: result #{r.get('index', '?')}"
    if not isinstance(r.get("index"), int) or r.get("status") not in STATUS_ORDER:
        raise UsageError(f"{where}: expected an integer 'index' and a 'status' in {', '.join(STATUS_ORDER)} "
                         "(fix: rerun exactrelu sweep to rewrite the file)")
    weight = r.get("weight", 1)
    if not isinstance(weight, int) or isinstance(weight, bool) or weight < 1:
        raise UsageError(f"{where}: 'weight' must be a positive integer, found {weight!r}")
    if not isinstance(r.get("detail") or {}, dict):
        raise UsageError(f"{where}: 'detail' must be a table of values")
    try:
        inst = instance_from_mapping(r.get("instance"), source=where)
    except InstanceError as exc:
        raise UsageError(f"{exc} (fix: rerun exactrelu sweep to rewrite the file)") from None
    return {**r, "instance": instance_to_mapping(inst)}


def _report(args: argparse.Namespace) -> int:
    try:
        return _report_rows(args)
    except ReportError as exc:  # a bad --by or --curve for these results
        raise UsageError(str(exc)) from None


def _report_rows(args: argparse.Namespace) -> int:
    output_file(args.out, "--out", args)
    output_file(args.plot, "--plot", args)
    if args.plot and Path(args.plot).suffix.lower() not in (".png", ".svg"):
        raise UsageError(f"--plot {args.plot}: expected a .png or .svg file name (fix: --plot report.png)")
    read: list[tuple[str, list[dict[str, Any]]]] = []
    header = None
    for path in args.results:
        if not Path(path).is_file():
            p = Path(path)
            what = ("a directory, expected a results file" if p.is_dir()
                    else "not a regular file" if p.exists() else "results file not found")
            raise UsageError(f"{path}: {what} (run exactrelu sweep ... --out {path})")
        try:
            head, more = read_results(path)
        except SweepError as exc:
            raise UsageError(str(exc)) from None
        if head is None:
            raise UsageError(f"{path}: not a sweep results file (no header line)")
        header = header or head
        read.append((path, more))
    assert header is not None
    rows: list[dict[str, Any]] = []
    with progress(sum(len(more) for _, more in read), "report: checking the results", unit="rows") as tick:
        for path, more in read:
            for r in more:
                rows.append(_checked_row(path, r))
                tick()
    if args.status:
        rows = [r for r in rows if r["status"] in args.status]
    series = None
    if args.curve:
        from ...render.tables import decimal as dec

        series = curve(rows, args.curve, args.by)
        body = [
            [label, str(x), str(m), dec(m), str(k)]  # decimal: display-only
            for label, pts in series.items()
            for x, m, k in pts
        ]
        text = render(["series", args.by, f"mean {args.curve}", "decimal", "instances"], body, args.format)
    elif args.summary:
        text = render(["status", "instances", "weighted"], summary_rows(rows), args.format)
    else:
        text = report_table(rows, args.format, args.decimal)
    if args.plot and series is None:
        for r in rows:  # a bad --by is refused before any file is written
            _xvalue(r, args.by, rows)
    if args.json:
        text = json.dumps(_report_json(header, rows, series, args), indent=1)
    if args.out:
        atomic_write_text(args.out, text + "\n")
        print(f"table written to {args.out}", file=sys.stderr)
    else:
        print(text)
    if args.plot:
        what = f"{header.get('statement', '?')} on {header.get('grid', '?')}"
        if len(args.results) > 1:
            what += f" and {len(args.results) - 1} more results file{'s' if len(args.results) > 2 else ''}"
        if series is not None:
            plot_curves(series, args.plot, args.by, args.curve, f"exact mean {args.curve} against {args.by} ({what})")
        else:
            plot(rows, args.plot, args.by, f"verdicts against {args.by} ({what})")
        print(f"plot written to {args.plot}", file=sys.stderr)
    n_bad = sum(1 for r in rows if r["status"] == COUNTEREXAMPLE)
    print(
        f"{header.get('statement', '?')} on {header.get('grid', '?')}: {len(rows)} rows, {n_bad} fail "
        "(counterexamples)",
        file=sys.stderr,
    )
    return 0


def _counts(rows: list[dict[str, Any]]) -> dict[str, dict[str, str]]:
    """Instances and weighted raw data sets per status (verdict), and the total, as decimal strings."""
    return {row[0]: {"instances": str(row[1]), "weighted": str(row[2])} for row in summary_rows(rows)}


def _instance_ref(mapping: Any) -> dict[str, str] | None:
    """A results row's instance as the JSON contract's ``{"name", "fingerprint"}``."""
    from ...core.instance import instance_from_mapping
    from ...render.jsoncontract import instance_ref

    try:
        return instance_ref(instance_from_mapping(mapping))
    except Exception:  # a row whose instance could not be rebuilt (an error row): no fingerprint to give
        return None


def _report_json(header: dict[str, Any], rows: list[dict[str, Any]], series: Any,
                 args: argparse.Namespace) -> dict[str, Any]:
    """The ``report --json`` document (docs/json.md): counts per verdict, then the rows (or the curve)."""
    from ...render.jsoncontract import document

    body: dict[str, Any] = {"statement": header.get("statement"), "grid": header.get("grid"),
                            "counts": _counts(rows)}
    if series is not None:
        body["curve"] = {"key": args.curve, "by": args.by,
                         "series": [{"label": label, "points": [{"x": x, "mean": m, "instances": k}
                                                                for x, m, k in pts]}
                                    for label, pts in series.items()]}
    elif not args.summary:
        body["rows"] = [{"index": r["index"], "verdict": r["status"], "instance": _instance_ref(r.get("instance")),
                         "weight": r.get("weight"), "detail": r.get("detail"), "certificate": r.get("certificate"),
                         "error": r.get("error")} for r in rows]
    return document("report", None, body)
