"""``exactrelu jacobian``, ``exactrelu theorem`` and ``exactrelu table fullrank|globalmin`` (docs/spec.md §3)."""

from __future__ import annotations

import argparse
import sys
from fractions import Fraction
from typing import Any

from ...certify.kmtm import jacobian_rank_certificate, theorem_certificates
from ...core.instance import MAX_WIDTH
from ...core.model import require
from ...core.rationals import format_rational
from ...kmtm.jacobian import CERTIFICATE_MODEL, MODEL, jacobian_rank, parse_pattern, pattern_string, unit_rows
from ...render.tables import FORMATS
from ...render.theorems import THEOREM_NAMES, approx, numbers_json, theorem_json, theorem_text
from ..main import UsageError
from .common import (
    add_instance_argument,
    add_output_options,
    emit_json,
    load,
    output_dir,
    output_file,
    progress,
    save_certificate,
)

JACOBIAN_HELP = """\
Exact rank of the Jacobian ∇_W F of a one-hidden-layer network with fixed output
weights on its activation regions S^A (docs/spec.md §3; Karhadkar–Murray–Tseran–
Montúfar, "KMTM").  Without --pattern: how many non-empty regions have full rank
n (Corollary 5's count, one rank per tuple of tope rows); with --pattern: the
rank on one region A (rows = units) and whether that region is non-empty.  With a
leaky slope α the columns are (v ⊙ (a + α(1 − a))) ⊗ x_j.

Examples:
  exactrelu jacobian @fig1-fan
  exactrelu jacobian examples/jacobian/line3.toml --json
  exactrelu jacobian @oned-bias --pattern 1100,0011 --certificate rank.json

"""

THEOREM_HELP = """\
Check one result of Karhadkar–Murray–Tseran–Montúfar ("KMTM", docs/spec.md
§3, Sources) exactly on one instance: NUMBER is 2 = Theorem 2, 5 = Corollary 5,
7–10 = Theorems 7–10, 11 = Proposition 11, 12 = Theorem 12, 13 = Proposition 13
(KMTM's numbering; Laurent–von Brecht's Theorem 7 is `exactrelu penalty`).
The result's hypotheses are decided first; the verdict is one of
  holds      hypotheses met, conclusion verified
  fails      hypotheses met, conclusion refuted (a certified counterexample)
  vacuous    a hypothesis fails or the bound ε_T is ≥ 1: the theorem says nothing
             here (the measured numbers are still printed)
  undecided  the tool could not decide (the reason is printed)
An instance outside what the check models is refused (exit 2).

Examples:
  exactrelu theorem 2 @fig1-fan
  exactrelu theorem 11 @oned-bias --json
  exactrelu theorem 7 @oned-bias --certificate thm7.json

Each check models:
"""

TABLE_HELP = """\
Exact tables over generated instances (Figures 3–5 of the KMTM slides, docs/spec.md
§3): n distinct integer data points of [−9, 9]^d0 seeded by --seed, with bias and
fixed output weights.  `fullrank` is the fraction of non-empty activation regions
on which ∇_W F has full rank n, per (n, d0, d1); `globalmin` the fraction of
non-empty regions containing global minimisers of codimension n, per (n, d+ = d−).
Every fraction is exact (p/q); --certificate writes one certificate per row.
--format markdown|csv|latex prints only the table on stdout.

Examples:
  exactrelu table fullrank --n 2,3 --d0 1 --d1 1,2,3
  exactrelu table fullrank --n 2,3 --d0 1 --d1 1,2,3 --format latex --plot fullrank.png
  exactrelu table globalmin --n 2,3 --d1 1,2 --certificate tables

"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("jacobian",
                       help="exact rank of the Jacobian ∇_W F on activation regions (KMTM, docs/spec.md §3)",
                       description=JACOBIAN_HELP + MODEL.describe()
                                   + "\n--certificate " + CERTIFICATE_MODEL.describe()
                                   + " (the kernel's Jacobian claims are ReLU)",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    add_instance_argument(p)
    p.add_argument(
        "--pattern",
        help="rows of A as 0/1 strings, comma separated, e.g. 110,011 "
        "(default: count full-rank patterns over all non-empty regions)",
    )
    add_output_options(p)
    p.set_defaults(func=run_jacobian)

    from ...kmtm.globalmin import MODEL as GLOBALMIN
    from ...kmtm.theorems import MODELS

    t = sub.add_parser("theorem",
                       help="check Thm 2, Cor 5, Thms 7–10, 12, Props 11, 13 of Karhadkar et al. (KMTM) exactly",
                       description=THEOREM_HELP + "\n".join(f"  {k:>2} ({THEOREM_NAMES[k]}): {m.describe()}"
                                                        for k, m in MODELS.items()),
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    t.add_argument("number", choices=list(THEOREM_NAMES), metavar="NUMBER",
                   help="2, 5, 7, 8, 9, 10, 11, 12 or 13: " + ", ".join(f"{k} = {v}" for k, v in THEOREM_NAMES.items()))
    add_instance_argument(t)
    add_output_options(t)
    t.set_defaults(func=run_theorem)

    tb = sub.add_parser("table", help="exact tables (Figures 3–5 of the KMTM slides): fullrank | globalmin",
                        description=TABLE_HELP + "Models:\n  fullrank:  " + MODEL.describe()
                                    + " (--activation)\n  globalmin: " + GLOBALMIN.describe(),
                        formatter_class=argparse.RawDescriptionHelpFormatter)
    tb.add_argument("which", choices=["fullrank", "globalmin"])
    tb.add_argument("--n", default="2,3,4", help="comma-separated numbers of points")
    tb.add_argument("--d0", default=None,
                    help="input dimensions: a list for fullrank (default 1,2); one value for globalmin "
                         "(default 1 = Figure 4; 2 or 5 = Figure 5)")
    tb.add_argument("--d1", default="1,2,3,4", help="widths (fullrank) or d+ = d− values (globalmin)")
    tb.add_argument("--seed", type=int, default=0, help="seed of the generated data points (default 0)")
    tb.add_argument("--activation", default="relu", metavar="relu|leaky:p/q",
                    help="fullrank only: the hidden units (default relu)")
    tb.add_argument("--format", choices=FORMATS, default="markdown",
                    help="table format (default markdown); only the table goes to stdout")
    tb.add_argument("--json", action="store_true", help="print the table as JSON (keys in docs/json.md)")
    tb.add_argument("--plot", metavar="PNG", help="also write a PNG of the curves")
    tb.add_argument("--certificate", metavar="DIR",
                    help="write one certificate per row (fullrank-count / globalmin-count) and index.json to DIR")
    tb.set_defaults(func=run_table)


def _ints(text: str, name: str, most: int | None = None, why: str = "") -> list[int]:
    """Comma-separated positive integers ``≤ most`` (``why`` says where the bound comes from)."""
    try:
        vals = [int(x) for x in text.split(",") if x.strip()]
    except ValueError:
        raise UsageError(f"--{name}: expected comma-separated integers, found {text[:40]!r} "
                         f"(fix: e.g. --{name} 1,2,3)") from None
    if not vals or min(vals) < 1:
        raise UsageError(f"--{name}: expected positive integers, found {text[:40]!r} (fix: e.g. --{name} 1,2,3)")
    if most is not None and max(vals) > most:
        raise UsageError(f"--{name}: at most {most}{why}, found {max(vals)} (fix: --{name} {min(most, 4)})")
    return vals


MAX_TABLE_D0 = 100
"""Largest input dimension of a table (the data are random integer points; wider ones only cost time)."""


def _table_ns(text: str, d0s: list[int]) -> list[int]:
    """``--n``: the data are distinct integer points of ``[−9, 9]^d0``, so ``n ≤ 19^d0``."""
    most = 19 ** min(min(d0s), 3)
    return _ints(text, "n", most, f" (the data are distinct integer points of [-9, 9]^{min(d0s)})")


def run_jacobian(args: argparse.Namespace) -> int:
    output_file(args.certificate, "--certificate", args)
    inst = load(args.instance)
    require(inst, MODEL, "jacobian")
    if args.certificate:
        require(inst, CERTIFICATE_MODEL, "jacobian --certificate")
    if args.pattern is not None:
        try:
            pattern = parse_pattern(args.pattern, inst.n)
        except ValueError as exc:
            raise UsageError(f"--pattern: {exc}") from None
        if len(pattern) != inst.d1:
            raise UsageError(f"--pattern: expected {inst.d1} rows (network.hidden), found {len(pattern)}")
        jr = jacobian_rank(inst, pattern)
        out: dict[str, Any] = {
            "instance": inst.name,
            "pattern": pattern_string(jr.pattern),
            "rank": jr.rank,
            "n": inst.n,
            "full_rank": jr.full,
            "nonempty": all(r in set(unit_rows(inst)) for r in pattern),
        }
        if args.json:
            emit_json(out, "jacobian", inst)
        else:
            print(
                f"{inst.name}: pattern {','.join(out['pattern'])}: rank ∇_W F = {jr.rank} of n = {inst.n} "
                f"({'full' if jr.full else 'deficient'}); region {'non-empty' if out['nonempty'] else 'empty'}"
            )
        if args.certificate:
            save_certificate(args.certificate, jacobian_rank_certificate(inst, jr))
        return 0
    from ...kmtm.theorems import corollary5

    with progress(None, f"jacobian {inst.name}: Corollary 5 count") as tick:
        rep = corollary5(inst, tick)
        docs = theorem_certificates(inst, rep, tick) if args.certificate else {}
    x = rep.numbers
    assert x is not None  # Corollary 5 always measures
    if args.json:
        emit_json(numbers_json(x), "jacobian", inst)
    else:
        print(f"{inst.name}: non-empty regions {x.nonempty_regions}, full rank {x.full_rank_count} "
              f"(fraction {approx(x.fraction_full_rank)})")
    if args.certificate:
        save_certificate(args.certificate, docs["fullrank-topes"])
    return 0


def run_theorem(args: argparse.Namespace) -> int:
    from ...kmtm.theorems import MODELS, THEOREMS

    output_file(args.certificate, "--certificate", args)
    inst = load(args.instance)
    require(inst, MODELS[args.number], f"theorem {args.number}")
    if args.certificate and args.number in ("2", "5", "7"):
        require(inst, CERTIFICATE_MODEL, f"theorem {args.number} --certificate")
    with progress(None, f"theorem {args.number} on {inst.name}") as tick:
        rep = THEOREMS[args.number](inst, progress=tick)
        docs = theorem_certificates(inst, rep, tick) if args.certificate else {}
    if args.json:
        emit_json(theorem_json(rep), "theorem", inst)
    else:
        print(theorem_text(rep))
    if args.certificate:
        _save_all(args.certificate, docs)
    return 0


def _save_all(path: str, docs: dict[str, Any]) -> None:
    """The first certificate to ``path``, every further one (e.g. Proposition 13's four answers) to
    ``STEM.KEY.json`` beside it, so each printed verdict has its file."""
    from pathlib import Path

    if not docs:
        raise UsageError("--certificate: this verdict has no certificate (nothing was measured and the failed "
                         "hypothesis is not one the kernel re-checks; drop --certificate)")
    items = list(docs.items())
    save_certificate(path, items[0][1])
    out = Path(path)
    for key, doc in items[1:]:
        save_certificate(str(out.with_name(f"{out.stem}.{key}.json")), doc)


def _activation(text: str) -> Fraction:
    """``relu`` → 0, ``leaky:p/q`` → the slope (0 < p/q < 1)."""
    from ...core.rationals import RationalSyntaxError, parse_rational

    if text == "relu":
        return Fraction(0)
    try:
        alpha = parse_rational(text[len("leaky:"):]) if text.startswith("leaky:") else Fraction(-1)
    except RationalSyntaxError:
        alpha = Fraction(-1)
    if not 0 < alpha < 1:
        raise UsageError(f"--activation: expected relu or leaky:p/q with 0 < p/q < 1, found {text!r} "
                         "(fix: --activation leaky:1/10)")
    return alpha


def run_table(args: argparse.Namespace) -> int:
    from ...certify.kmtm import fullrank_certificates, globalmin_certificates
    from ...kmtm import figures
    from ...render import kmtm as render_kmtm

    output_file(args.plot, "--plot", args)
    output_dir(args.certificate, "--certificate")
    alpha = _activation(args.activation)
    if alpha and args.which != "fullrank":
        raise UsageError(f"--activation {args.activation}: table globalmin models ReLU only (fix: drop --activation)")
    if args.which == "fullrank":
        d0s = _ints(args.d0 or "1,2", "d0", MAX_TABLE_D0)
        ns, d1s = _table_ns(args.n, d0s), _ints(args.d1, "d1", MAX_WIDTH, " units (network.hidden limit)")
        with progress(len(ns) * len(d0s) * len(d1s), "table fullrank", unit="rows") as tick:
            rows = figures.fullrank_table(ns, d0s, d1s, args.seed, alpha, tick)
        if args.json:
            emit_json(render_kmtm.fullrank_json(rows, args.seed, args.activation), "table")
        else:
            print(render_kmtm.render_fullrank(rows, args.format))
        if args.plot:
            series: dict[str, list] = {}
            for r in rows:
                series.setdefault(f"n={r.n}, d0={r.d0}", []).append((r.d1, r.fraction))
            leaky = f", leaky slope {format_rational(alpha)}" if alpha else ""
            render_kmtm.plot(series, "d1 (hidden units)", "fraction of non-empty regions with full rank", args.plot,
                         f"Jacobian of full rank n on the non-empty regions (KMTM slides' Figure 3, exact; "
                         f"seed {args.seed}{leaky})")
            print(f"plot written to {args.plot}", file=sys.stderr)
        if args.certificate:
            with progress(len(rows), "table fullrank: certificates", unit="rows") as tick:
                certs = fullrank_certificates(rows, args.seed, alpha, tick)
            _save_table(args.certificate, "fullrank", certs)
    else:
        d0s = _ints(args.d0 or "1", "d0", MAX_TABLE_D0)
        ns, d1s = _table_ns(args.n, d0s), _ints(args.d1, "d1", MAX_WIDTH // 2, " (d+ + d- units, network.hidden limit)")
        if len(d0s) != 1:
            raise UsageError(f"--d0: table globalmin takes one input dimension, found {args.d0!r} "
                             "(fix: run it once per d0, e.g. --d0 2)")
        d0 = d0s[0]
        with progress(len(ns) * len(d1s), "table globalmin", unit="rows") as tick:
            grows = figures.globalmin_table(ns, d1s, args.seed, d0=d0, progress=tick)
        if args.json:
            emit_json(render_kmtm.globalmin_json(grows, args.seed, d0), "table")
        else:
            print(render_kmtm.render_globalmin(grows, args.format))
        if args.plot:
            gseries: dict[str, list] = {}
            for g in grows:
                gseries.setdefault(f"n={g.n}", []).append((g.k, g.fraction))
            render_kmtm.plot(gseries, "d+ = d− (units with output weight +1, and −1)",
                         "fraction of non-empty regions containing global minima", args.plot,
                         f"Regions containing global minima of codimension n (KMTM slides' Figures 4–5, exact; "
                         f"d0 = {d0}, seed {args.seed})")
            print(f"plot written to {args.plot}", file=sys.stderr)
        if args.certificate:
            with progress(len(grows), "table globalmin: certificates", unit="rows") as tick:
                gcerts = globalmin_certificates(grows, args.seed, d0=d0, progress=tick)
            _save_table(args.certificate, "globalmin", gcerts)
    return 0


def _save_table(directory: str, which: str, items: list[tuple[str, dict, dict]]) -> None:
    """Every row's certificate into ``directory``, then ``index.json`` listing file, grid point and fraction."""
    from pathlib import Path

    from ...certify.certificates import write_json

    out = Path(directory)
    if out.exists() and not out.is_dir():
        raise UsageError(f"--certificate: expected a directory, found the file {directory!r} (fix: give a new path)")
    for name, doc, _ in items:
        write_json(out / name, doc)
    from ...render.jsoncontract import normalize

    # the JSON contract (docs/json.md): counts as decimal strings, snake_case keys (d_plus, d_minus)
    write_json(out / "index.json", normalize({"table": which, "rows": [entry for _, _, entry in items]}))
    print(f"{len(items)} certificates and index.json written to {directory}", file=sys.stderr)
