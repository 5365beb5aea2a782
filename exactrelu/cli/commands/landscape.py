"""``exactrelu landscape``: the exact global minimum and every local-minimum class, spurious ones marked."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ...catalogue import catalogue_instance
from ...core.instance import Instance, load_instance
from ...core.rationals import format_rational, sign_string
from ...landscape.minima import MODEL, Landscape, MinimumClass, landscape, require_landscape_setting
from ...liu.minima import pattern_strings
from ...liu.saddles import MAX_SADDLE_CELLS, SaddleClasses, saddle_classes
from ...render.tables import FORMATS, render
from ..main import UsageError
from .common import emit_json, output_file, progress, save_certificate

HELP = """\
Does this network, on these data, have a spurious local minimum?  Decided
exactly for one hidden layer, squared loss ½ Σ (F(x_i) − y_i)², ReLU or leaky
ReLU, trainable or fixed output weights (docs/spec.md §8).

The global minimum of the loss is the least minimum over the pieces (a closed
tope cone and an output sign per unit), each a convex quadratic on a polyhedral
cone solved by exact non-negative least squares with KKT multipliers.  Every
local minimum is classified by its stratum (a face of the arrangement for each
w_j, a sign of each z_j): the exact first-order conditions of every adjacent
piece are linear there, so each stratum's local minima are the solutions of
one exact linear system; each class has one loss, and it is spurious when that
loss exceeds the global minimum.  Classes where some unit is active on no point
(dead-unit plateaus) are marked, since researchers often set them apart.  Each
class's "dim" is the dimension of its set of local minima in parameter space
(W, z), computed exactly (docs/landscape.md).

A second table lists the saddle classes of Liu's Theorem 2 (ReLU, trainable
output, no zero point): per cell A (rows = units, up to permuting units) and
subset J of units at a stationary point of their cell quadratic (the others
have z = 0 on a hyperplane of their cell), the loss and a witness; at most
{max_cells} cells, else a note says why they were not computed (with --format,
the saddle table goes to stderr with the notes).

Examples:
  exactrelu landscape examples/landscape/spurious.toml
  exactrelu landscape examples/liu/fig2.toml --json
  exactrelu landscape examples/liu/fig2-y2neg.toml
  exactrelu landscape examples/landscape/spurious.toml --format csv
  exactrelu landscape examples/liu/fig2.toml --plot fig2-landscape.png
  exactrelu landscape examples/landscape/spurious.toml --certificate c.json && exactrelu check c.json

--certificate OUT writes one kernel-checked certificate (docs/certificates-landscape.md):
a step proving the global minimum (a point attaining it, and a dual lower bound on
every piece), one step per spurious class proving it a local minimum whose loss
is above a lower point's, and, when there is no spurious class, the claim that
every local minimum is global (every stratum refuted or of the global loss).
With --format markdown|csv|latex only the table goes to stdout (notes to stderr).
"""

HEADER = ["w faces", "z signs", "loss", "dim", "kind", "units all active", "witness w", "witness z"]
SADDLE_HEADER = ["cell A", "J", "loss", "witness w", "witness z"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("landscape", help="exact global minimum and spurious local minima (one hidden layer)",
                       description=HELP.replace("{max_cells}", str(MAX_SADDLE_CELLS)) + "\n" + MODEL.describe(),
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("instance", metavar="INSTANCE", help="instance file (.toml/.json) or @NAME from the catalogue")
    p.add_argument("--json", action="store_true", help="print machine-readable JSON (keys in docs/landscape.md)")
    p.add_argument("--format", choices=FORMATS, default=None,
                   help="print only the table, in this format, on stdout (notes go to stderr); "
                        "default: a markdown table between the notes")
    p.add_argument("--plot", metavar="PNG", help="also draw the local minima in the w-plane (d ≤ 2, the bias "
                                                 "coordinate counted; PNG, or SVG/PDF by extension)")
    p.add_argument("--certificate", metavar="OUT",
                   help="write a certificate (global minimum, each spurious class, or no spurious minimum) atomically")
    p.set_defaults(func=run)


def _vec(v: tuple[Any, ...]) -> str:
    return "(" + ", ".join(format_rational(c) for c in v) + ")"


def _kind(c: MinimumClass) -> str:
    return ("spurious" if c.spurious else "global") + (" (differentiable)" if c.differentiable else "")


def _all_active(c: MinimumClass) -> bool:
    return all(1 in f for f in c.faces)


def _subset(j: tuple[int, ...]) -> str:
    return "{" + ",".join(map(str, j)) + "}"


def saddles_json(sc: SaddleClasses) -> dict[str, Any]:
    """Liu's Theorem 2 saddle classes as JSON (``note`` says why they were not computed, else ``null``)."""
    return {"computed": sc.computed, "note": sc.note, "cells": str(sc.cells),
            "classes": [{"pattern": pattern_strings(c.pattern), "subset": [str(j) for j in c.subset],
                         "loss": format_rational(c.loss), "w": [[format_rational(x) for x in w] for w in c.weights],
                         "z": [format_rational(z) for z in c.output]} for c in sc.classes]}


def landscape_json(inst: Instance, a: Landscape, sc: SaddleClasses | None = None) -> dict[str, Any]:
    """The answer as JSON: rationals as "p/q" strings, counts as decimal strings, booleans, ``null`` for none."""
    g = a.global_min
    return {
        "instance": inst.name,
        "global_minimum": format_rational(g.value),
        "attained_at": {"w": [[format_rational(c) for c in w] for w in g.weights],
                        "z": [format_rational(z) for z in g.output]},
        "pieces": str(len(g.pieces)),
        "classes": [{"w_faces": [sign_string(f) for f in c.faces], "z_signs": sign_string(c.signs),
                     "loss": format_rational(c.loss), "dimension": str(c.dimension), "spurious": c.spurious,
                     "differentiable": c.differentiable, "all_units_active": _all_active(c),
                     "w": [[format_rational(x) for x in w] for w in c.weights],
                     "z": [format_rational(z) for z in c.output]} for c in a.classes],
        "spurious": any(c.spurious for c in a.classes),
        "spurious_with_all_units_active": any(c.spurious and _all_active(c) for c in a.classes),
        "saddles": saddles_json(sc if sc is not None else saddle_classes(inst)),
        "verdict": "fails" if any(c.spurious for c in a.classes) else "holds",
    }


def _check_plot(args: argparse.Namespace, inst: Instance) -> None:
    """Refuse ``--plot`` before any work when the picture cannot be drawn (one line, exit 2)."""
    from ...render.landscape import MAX_D

    if args.plot and inst.d > MAX_D:
        raise UsageError(f"--plot: the w-plane picture needs d ≤ {MAX_D} (input dimension with the bias "
                         f"coordinate), found d = {inst.d} (d0 = {inst.d0}, bias {'on' if inst.bias else 'off'}) "
                         f"in {inst.source} (fix: drop --plot)")


def run(args: argparse.Namespace) -> int:
    output_file(args.plot, "--plot", args)
    output_file(args.certificate, "--certificate", args)
    inst = catalogue_instance(args.instance[1:]) if args.instance.startswith("@") else load_instance(args.instance)
    require_landscape_setting(inst)
    _check_plot(args, inst)
    with progress(None, "landscape: pieces and strata", unit="solved") as tick:
        a = landscape(inst, tick)
        sc = saddle_classes(inst, tick)
        if args.certificate:
            from ...certify.landscape import landscape_certificate

            save_certificate(args.certificate, landscape_certificate(inst, a, tick))
    if args.plot:
        from ...render.landscape import plot_landscape

        plot_landscape(inst, a, args.plot)
    if args.json:
        emit_json(landscape_json(inst, a, sc), "landscape", inst)
        return 0
    g = a.global_min
    notes = sys.stderr if args.format else sys.stdout  # an explicit --format: only the table on stdout
    print(f"instance {inst.name}: n = {inst.n}, d = {inst.d}, d1 = {inst.d1}, activation {inst.activation}, "
          f"output {'trainable' if inst.output == 'trainable' else 'fixed'}", file=notes)
    print(f"global minimum of the loss: {format_rational(g.value)} (least of {len(g.pieces)} piece minima), "
          f"attained at w = {', '.join(_vec(w) for w in g.weights)}, z = {_vec(g.output)}", file=notes)
    rows = [[" ".join(sign_string(f) for f in c.faces), sign_string(c.signs), format_rational(c.loss), str(c.dimension),
             _kind(c),
             "yes" if _all_active(c) else "no", " ".join(_vec(w) for w in c.weights), _vec(c.output)]
            for c in sorted(a.classes, key=lambda c: (c.loss, c.faces, c.signs))]
    print(render(HEADER, rows, args.format or "markdown"))
    spurious = a.spurious
    live = [c for c in spurious if _all_active(c)]
    if sc.computed and sc.classes:
        print("saddle classes of Liu's Theorem 2 (z_k = 0 off J):", file=notes)
        srows = [[" ".join(pattern_strings(c.pattern)), _subset(c.subset), format_rational(c.loss),
                  " ".join(_vec(w) for w in c.weights), _vec(c.output)]
                 for c in sorted(sc.classes, key=lambda c: (c.loss, c.pattern, c.subset))]
        print(render(SADDLE_HEADER, srows, args.format or "markdown"), file=notes)
    elif not sc.computed:
        print(sc.note, file=notes)
    saddle_text = (f"; saddle classes (Liu's Theorem 2): {len(sc.classes)} in {sc.cells} cells" if sc.computed
                   else "; saddle classes (Liu's Theorem 2): not computed")
    print(f"local-minimum classes: {len(a.classes)}; spurious: {len(spurious)} "
          f"({len(live)} with every unit active on some point){saddle_text}", file=notes)
    print("verdict: " + ("fails — a spurious local minimum exists" if spurious else
                         "holds — every local minimum is global"), file=notes)
    return 0
