"""``exactrelu liu``: the landscape atlas of Liu's Part 1 (docs/spec.md §4)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ...catalogue import catalogue_instance
from ...certify.certificates import write_json
from ...certify.liu import atlas_certificate, discrepancy_certificates
from ...core.instance import Instance, load_instance
from ...core.model import require
from ...core.rationals import format_rational
from ...liu.cells import atlas, wall_verdicts
from ...liu.minima import MODEL
from ...render.liu import HEADER, atlas_json, atlas_rows
from ...render.tables import FORMATS, render
from ..main import UsageError
from .common import emit_json, output_dir, output_file, progress

HELP = """\
Liu's landscape, cell by cell (one hidden layer, trainable output weights z,
squared loss ½ Σ (F(x_p) − y_p)²).  For every non-empty cell A: the exact
Moore–Penrose minimum of L_A(R) = ½||M R − y||² (Liu's Theorem 1, eqs. 12–14) as
a point or a flat, whether the open cell really contains a differentiable local
minimum (exact, sign choices s_u ∈ {+,−,0}, docs/spec.md §4), and whether Liu's printed
criterion (16)–(18) says so; every disagreement is named (zero-output / boundary).
Also Theorem 2 saddles per unit subset and Theorem 3 non-differentiable minima per
wall (D R = d with the sign conditions (29)–(30) and the cells, decided exactly).

With --format markdown|csv|latex only the table goes to stdout (notes to stderr).

Examples:
  exactrelu liu examples/liu/fig2.toml
  exactrelu liu examples/liu/fig2-y2neg.toml --format latex
  exactrelu liu examples/liu/fig2.toml --json
  exactrelu liu examples/liu/nondiff.toml         a minimum on the wall of x_1
  exactrelu liu examples/liu/fig2.toml --certificate out && exactrelu check out/atlas.json
  exactrelu liu examples/liu/two-units.toml --plot cells.png   2-D data without bias, 1–2 units

{model}
Leaky ReLU (activation = "leaky:p/q"): the cell quadratic (M with entries α·x_p
on inactive points) and the exact genuine-minimum condition carry over and are
computed; Liu's printed criterion and Theorems 2–3 (saddles, wall minima) are
ReLU statements and are not computed; --certificate and --plot are ReLU only
(docs/liu.md).
The atlas visits every one of the T^d1 non-empty cells (T = topes per unit);
instances with more than {max_cells} cells are refused (exit 2) rather than left
to run for hours: use fewer hidden units or points.
"""

MAX_CELLS = 2000
"""Most non-empty cells (T^d1) the atlas will visit (each costs several exact LPs; ~1000 cells a minute)."""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "liu",
        help="Liu's landscape atlas: cell minima, genuine minima, printed criterion (docs/spec.md §4)",
        description=HELP.replace("{model}", MODEL.describe()).replace("{max_cells}", str(MAX_CELLS)),
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
        "--format", choices=FORMATS, default=None,
        help="print only the table, in this format, on stdout (notes go to stderr); "
             "default: a markdown table between the notes"
    )
    p.add_argument(
        "--plot", metavar="PNG", help="draw the cells in the w-plane (2-D data, no bias, d1 ≤ 2)"
    )
    p.set_defaults(func=run)


def _resolve(path: str) -> Instance:
    return catalogue_instance(path[1:]) if path.startswith("@") else load_instance(path)


def _leaky(args: argparse.Namespace, inst: Instance) -> int:
    """The part of the atlas that carries over to leaky units (docs/liu.md)."""
    from ...liu.cells import leaky_cells
    from ...liu.minima import CELL_MODEL
    from ...render.liu import CELL_HEADER, leaky_json, leaky_rows

    require(inst, CELL_MODEL, "liu")
    if args.plot:
        raise UsageError(f"--plot: ReLU only (the w-plane picture draws ReLU cells); network.activation = "
                         f"{inst.activation!r} in {inst.source} (fix: drop --plot)")
    output_dir(args.certificate, "--certificate")
    with progress(_cell_count(inst), "liu: cells", unit="cells") as tick:
        la = leaky_cells(inst, tick)
    if args.certificate:  # one certificate per cell: its Moore–Penrose minimum and the exact genuine verdict
        from ...certify.liu import cell_document

        out = Path(args.certificate)
        for c in la.cells:
            write_json(out / f"cell-{'-'.join(''.join(map(str, r)) for r in c.pattern)}.json",
                       cell_document(inst, c.minimum, c.exact))
        print(f"{len(la.cells)} cell certificates written to {out}/", file=sys.stderr)
    if args.json:
        emit_json(leaky_json(la), "liu", inst)
        return 0
    notes = sys.stderr if args.format else sys.stdout  # an explicit --format: only the table on stdout
    print(f"instance {inst.name}: n = {inst.n}, d = {inst.d}, d1 = {inst.d1}, {inst.activation}; "
          f"{len(la.cells)} non-empty cells (cell matrix M with α·x_p on inactive points)", file=notes)
    print(render(CELL_HEADER, leaky_rows(la), args.format or "markdown"))
    low, best = la.min_loss, la.best_genuine_loss
    print(f"least cell-minimal loss: {'none' if low is None else format_rational(low)}; least loss of a genuine "
          f"minimum: {'none' if best is None else format_rational(best)}", file=notes)
    print("not computed for leaky units: Liu's printed criterion (16)-(18), Theorems 2-3 (ReLU statements)",
          file=notes)
    return 0


def _exact_wall_minima(inst: Instance) -> str:
    """The exact answer beside Liu's Theorem 3: every class of local minima with some w_j on a wall, from the
    landscape's necessary-and-sufficient conditions (docs/landscape.md), when the strata are few enough."""
    from ...landscape.minima import MAX_STRATA, landscape, strata_count

    if strata_count(inst) > MAX_STRATA:
        return f"exact: not computed here ({strata_count(inst)} strata; run exactrelu landscape)"
    from ...liu.theorem3_gap import theorem3_misses

    with progress(None, "liu: exact wall minima (landscape)", unit="solved") as tick:
        a = landscape(inst, tick)
    walls = sorted({c.loss for c in a.classes if not c.differentiable})
    shown = ", ".join(format_rational(v) for v in walls)
    text = (f"exact (exactrelu landscape): {sum(not c.differentiable for c in a.classes)} class(es) of local minima "
            f"with a unit on a wall{' (losses ' + shown + ')' if walls else ''}; global minimum "
            f"{format_rational(a.global_min.value)}")
    if inst.alpha == 0 and all(any(x) for x in inst.points):  # Liu's setting (a zero point empties his cells)
        misses = theorem3_misses(inst, a.classes)
        lost = ", ".join(format_rational(v) for v in sorted({m.cls.loss for m in misses}))
        text += (f"\nexact: {len(misses)} of them in Liu's Theorem-3 setting (one unit on one wall) that his strict "
                 f"conditions miss{' (losses ' + lost + ')' if misses else ''} (docs/landscape.md)")
    return text


def _cell_count(inst: Instance) -> int:
    """The number ``T^d1`` of non-empty cells (``T`` topes per unit)."""
    from ...arrangements.regions import unit_witnesses

    return len(unit_witnesses(inst)) ** inst.d1


def _check_size(inst: Instance) -> int:
    """Refuse an atlas of more than ``MAX_CELLS`` cells before starting it; the number of cells ``T^d1``."""
    from ...arrangements.regions import unit_witnesses

    topes = len(unit_witnesses(inst))
    if topes ** inst.d1 > MAX_CELLS:
        raise UsageError(
            f"{inst.source}: key 'network.hidden': the atlas would visit T^d1 = {topes}^{inst.d1} cells, "
            f"more than the {MAX_CELLS} it accepts (fix: fewer hidden units or points)"
        )
    return topes ** inst.d1


def run(args: argparse.Namespace) -> int:
    output_dir(args.certificate, "--certificate")
    output_file(args.plot, "--plot", args)
    inst = _resolve(args.instance)
    if inst.alpha != 0:
        return _leaky(args, inst)
    require(inst, MODEL, "liu")
    if args.plot and (inst.bias or inst.d0 != 2 or inst.d1 > 2):
        raise UsageError(
            f"--plot: needs 2-D data without bias and at most 2 units, found d = {inst.d} "
            f"(bias {'on' if inst.bias else 'off'}), d1 = {inst.d1} (fix: drop --plot)"
        )
    with progress(_check_size(inst), "liu: atlas", unit="cells") as tick:
        a = atlas(inst, tick)
    if args.json:
        emit_json(atlas_json(a), "liu", inst)
    else:
        notes = sys.stderr if args.format else sys.stdout  # an explicit --format: only the table on stdout
        print(
            f"instance {inst.name}: n = {inst.n}, d = {inst.d}, d1 = {inst.d1}; "
            f"{len(a.cells)} non-empty cells (pattern rows are units, columns points)", file=notes,
        )
        print(render(HEADER, atlas_rows(a), args.format or "markdown"))
        best = "none" if a.best_genuine_loss is None else format_rational(a.best_genuine_loss)
        low = "none" if a.min_loss is None else format_rational(a.min_loss)
        print(f"least cell-minimal loss: {low}; least loss of a genuine minimum: {best}", file=notes)
        # Liu's (29)-(30) are strict: they find non-differentiable minima but miss degenerate ones (issue 16)
        print(f"Theorem 3: Liu's conditions (27)-(30) hold on {a.nondiff_count} wall(s), each a non-differentiable "
              "local minimum (degenerate minima with a zero one-sided slope are not searched)", file=notes)
        print(_exact_wall_minima(inst), file=notes)
        if a.discrepancies:
            print(
                f"Liu's printed criterion disagrees with the exact one on "
                f"{len(a.discrepancies)} cell(s)", file=notes,
            )
    if args.certificate:
        out = Path(args.certificate)
        if out.exists() and not out.is_dir():
            raise UsageError(
                f"--certificate: {out} is a file; expected a directory "
                "(fix: give a new or existing directory)"
            )
        docs = {"atlas": atlas_certificate(a, wall_verdicts(a)), **discrepancy_certificates(a)}
        for stem, doc in docs.items():
            write_json(out / f"{stem}.json", doc)
        print(f"{len(docs)} certificates written to {out}/ (atlas.json"
              f"{' and one per discrepancy' if len(docs) > 1 else ''})", file=sys.stderr)
    if args.plot:
        from ...render.liu import plot_cells

        plot_cells(a, args.plot)
        print(f"plot written to {args.plot}", file=sys.stderr)
    return 0
