"""``exactrelu liu``: the landscape atlas of Liu's Part 1 (SPEC §4)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..catalogue import catalogue_instance
from ..certificates import write_json
from ..cli import UsageError
from ..instance import Instance, load_instance
from ..liu_atlas import (
    HEADER,
    atlas,
    atlas_certificate,
    atlas_json,
    atlas_rows,
    discrepancy_certificates,
)
from ..rationals import format_rational
from ..tables import FORMATS, render
from .common import emit_json

HELP = """\
Liu's landscape, cell by cell (one hidden layer, trainable output weights z,
squared loss ½ Σ (F(x_p) − y_p)²).  For every non-empty cell A: the exact
Moore–Penrose minimum of L_A(R) = ½||M R − y||² (Liu's Theorem 1, eqs. 12–14) as
a point or a flat, whether the open cell really contains a differentiable local
minimum (exact, sign choices s_u ∈ {+,−,0}, SPEC §4), and whether Liu's printed
criterion (16)–(18) says so; every disagreement is named (zero-output / boundary).
Also Theorem 2 saddles per unit subset and Theorem 3 non-differentiable minima per
wall (D R = d with the sign conditions (29)–(30) and the cells, decided exactly).

  exactrelu liu examples/liu/fig2.toml
  exactrelu liu examples/liu/fig2-y2neg.toml --format latex
  exactrelu liu data.toml --json
  exactrelu liu examples/liu/nondiff.toml   (a minimum on the wall of x_1)
  exactrelu liu data.toml --certificate out/ && exactrelu check out/*.json
  exactrelu liu examples/liu/fig2.toml --plot cells.png   (2-D data without bias, 1–2 units)
"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "liu",
        help="Liu's landscape atlas: cell minima, genuine minima, printed criterion (SPEC §4)",
        description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "instance",
        metavar="INSTANCE",
        help="instance file (.toml/.json) or @NAME from the catalogue",
    )
    p.add_argument(
        "--json", action="store_true", help="print machine-readable JSON (keys in docs/liu.md)"
    )
    p.add_argument(
        "--certificate",
        metavar="DIR",
        help="write atlas.json and one file per discrepancy into DIR",
    )
    p.add_argument(
        "--format", choices=FORMATS, default="markdown", help="table format (default markdown)"
    )
    p.add_argument(
        "--plot", metavar="PNG", help="draw the cells in the w-plane (2-D data, no bias, d1 ≤ 2)"
    )
    p.set_defaults(func=run)


def _resolve(path: str) -> Instance:
    return catalogue_instance(path[1:]) if path.startswith("@") else load_instance(path)


def run(args: argparse.Namespace) -> int:
    inst = _resolve(args.instance)
    if args.plot and (inst.bias or inst.d0 != 2 or inst.d1 > 2):
        raise UsageError(
            f"--plot: needs 2-D data without bias and at most 2 units, found d = {inst.d} "
            f"(bias {'on' if inst.bias else 'off'}), d1 = {inst.d1} (fix: drop --plot)"
        )
    a = atlas(inst)
    if args.json:
        emit_json(atlas_json(a))
    else:
        print(
            f"instance {inst.name}: n = {inst.n}, d = {inst.d}, d1 = {inst.d1}; "
            f"{len(a.cells)} non-empty cells (pattern rows are units, columns points)"
        )
        print(render(HEADER, atlas_rows(a), args.format))
        best = "none" if a.best_genuine_loss is None else format_rational(a.best_genuine_loss)
        low = "none" if a.min_loss is None else format_rational(a.min_loss)
        print(f"least cell-minimal loss: {low}; least loss of a genuine minimum: {best}")
        # Liu's (29)-(30) are strict: they find non-differentiable minima but miss degenerate ones (issue 16)
        print(f"Theorem 3: Liu's conditions (27)-(30) hold on {a.nondiff_count} wall(s), each a non-differentiable "
              "local minimum (degenerate minima with a zero one-sided slope are not searched)")
        if a.discrepancies:
            print(
                f"Liu's printed criterion disagrees with the exact one on "
                f"{len(a.discrepancies)} cell(s)"
            )
    if args.certificate:
        out = Path(args.certificate)
        if out.exists() and not out.is_dir():
            raise UsageError(
                f"--certificate: {out} is a file; expected a directory "
                "(fix: give a new or existing directory)"
            )
        write_json(out / "atlas.json", atlas_certificate(a))
        for stem, doc in discrepancy_certificates(a).items():
            write_json(out / f"{stem}.json", doc)
        print(f"certificates written to {out}/", file=sys.stderr)
    if args.plot:
        from ..liu_plot import plot_cells

        plot_cells(a, args.plot)
        print(f"plot written to {args.plot}", file=sys.stderr)
    return 0
