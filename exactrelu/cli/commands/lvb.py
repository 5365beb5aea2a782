"""``exactrelu lvb`` / ``generic`` / ``separable`` / ``penalty``: Laurent–von Brecht analyses.

See docs/spec.md §5 and docs/lvb.md.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ...core.rationals import RationalSyntaxError, format_rational, parse_rational
from ..main import UsageError
from .common import (
    add_instance_argument,
    add_output_options,
    emit_json,
    load,
    output_file,
    progress,
    save_certificate,
)

MAX_DEPTH = 32
"""Largest ``generic --depth``: the search of Definition 1 examines up to ``(L + 2)^f`` slopes combinations."""


EXAMPLES = {
    "lvb": """\
Laurent–von Brecht ("LvB", docs/spec.md §5) at one parameter point ω of a hinge-loss
network: the signature S(ω) (signs of every pre-activation and hinge argument),
inside a cell the cell's loss polynomial (multilinear and harmonic, Theorem 1 /
Corollary 1) and the Hessian's verdict (Corollary 2), the exact loss L(ω) and
whether 0 ∈ ∂L(ω) (Clarke criticality, Definition 2).

Examples:
  exactrelu lvb examples/lvb/fig4.toml --point examples/lvb/fig4_point.toml
  exactrelu lvb examples/lvb/fig4.toml --point examples/lvb/fig4_sharp_point.toml --json
  exactrelu lvb examples/lvb/fig4.toml --point examples/lvb/fig4_point.toml --plot fig4.png --certificate lvb.json
""",
    "generic": """\
Definition 1 of Laurent–von Brecht (docs/spec.md §5): the weighted data are rare
for a leaky slope α and depth L when system (7) has a solution λ (powers of α)
and ε ≠ 0, generic otherwise.  A property of the data (points, targets or one-hot
classes, bias) alone: any loss is accepted; --alpha defaults to the instance's
leaky slope.  --certificate needs loss = "hinge" (the kernel's rare-data /
generic-data claims model the hinge loss only).

Examples:
  exactrelu generic examples/lvb/fig4.toml --alpha 1/2 --depth 1
  exactrelu generic examples/lvb/fig4.toml --alpha 1/3 --depth 2 --json
  exactrelu generic examples/lvb/fig4.toml --alpha 1/2 --depth 1 --certificate generic.json
""",
    "separable": """\
Exact affine separability of ±1-labelled data (docs/spec.md §5; LvB Theorems 4–6
assume it): either a separating (w, b) with y_i(<w, x_i> + b) > 0, or Motzkin
multipliers proving no such (w, b) exists.  A property of the data alone: the
network and the loss do not enter.

Examples:
  exactrelu separable examples/lvb/fig4.toml
  exactrelu separable @fig1-fan --json
  exactrelu separable examples/lvb/fig4.toml --certificate sep.json
""",
    "penalty": """\
Theorem 7 of Laurent–von Brecht (not KMTM's Theorem 7, see `exactrelu theorem`):
for one-hot data and the penalised loss (13) E_γ = Σ_r L^(r) + γ𝓡 at one replicate
per class, whether the point is Clarke critical, whether (i) the replicates are
equal and (ii) 0 ∈ ∂L^(r) holds for every class; all exact (docs/spec.md §5).

Examples:
  exactrelu penalty examples/lvb/multiclass.toml --point examples/lvb/multiclass_unequal.toml --gamma 1/2
  exactrelu penalty examples/lvb/multiclass.toml --point examples/lvb/multiclass_unequal.toml --gamma 1 --json
""",
}
"""Each command's paragraph and runnable examples (tests/cli/test_help_examples.py runs them)."""


MINIMALITY_NOTE = """
Local minimality is decided (and certified) in the cases of docs/lvb.md: L(ω) = 0; inside a
cell (a minimum iff the cell's loss is constant); every contributing point dead in the last
hidden layer (then a minimum iff Clarke critical); a descent ray.  Otherwise "critical,
minimality undecided" with the reason.  Type I/II (Laurent–von Brecht's flat/sharp minima,
defined with biases) is printed only at a proved local minimum of a network with biases."""


def _parser(sub: Any, name: str, help: str, model: Any, extra: str = "") -> Any:
    """A sub-parser whose description states the model (refused outside it, exit 2)."""
    return sub.add_parser(name, help=help, description=f"{EXAMPLES[name]}\n{model.describe()}{extra}",
                          formatter_class=argparse.RawDescriptionHelpFormatter)


def register(sub: Any) -> None:
    from ...core.point import LVB_MODEL
    from ...lvb.generic import MODEL as GENERIC
    from ...lvb.penalty import MODEL as PENALTY
    from ...lvb.separability import MODEL as SEPARABLE

    p = _parser(sub, "lvb", "signature, cell polynomial, Hessian, Clarke and local-minimum verdicts at a point",
                LVB_MODEL, MINIMALITY_NOTE)
    add_instance_argument(p)
    p.add_argument("--point", required=True, metavar="POINT.toml", help="parameter point (format in docs/lvb.md)")
    p.add_argument("--plot", metavar="PNG", help="Figure-4-like plot (2-D data, one hidden layer)")
    p.add_argument("--png", help=argparse.SUPPRESS)  # the old name of --plot, kept as an alias
    add_output_options(p)
    p.set_defaults(func=run_lvb)
    g = _parser(sub, "generic", "Definition 1: are the weighted data rare or generic?", GENERIC)
    add_instance_argument(g)
    g.add_argument("--alpha", metavar="p/q",
                   help="leaky slope 0 < α < 1 (default: the instance's, network.activation = \"leaky:p/q\")")
    g.add_argument("--depth", required=True, type=int, metavar="L", help=f"number of hidden layers 1 ≤ L ≤ {MAX_DEPTH}")
    add_output_options(g)
    g.set_defaults(func=run_generic)
    s = _parser(sub, "separable", "exact linear separability of binary data (Theorems 4–6)", SEPARABLE)
    add_instance_argument(s)
    add_output_options(s)
    s.set_defaults(func=run_separable)
    q = _parser(sub, "penalty", "LvB Theorem 7: criticality, equalities (i) and relations (ii) for the loss (13)",
                PENALTY)
    add_instance_argument(q)
    q.add_argument("--point", required=True, metavar="REPLICATES.toml",
                   help="one [[classes]] replicate per class (format in docs/lvb.md)")
    q.add_argument("--gamma", required=True, metavar="p/q", help="penalty strength γ > 0")
    add_output_options(q)
    q.set_defaults(func=run_penalty)


def run_lvb(args: argparse.Namespace) -> int:
    from ...certify.lvb import analysis_certificate
    from ...core.point import check_lvb_instance, load_point
    from ...lvb.theorems import point_verdicts
    from ...render.lvb import point_json, point_text

    # --png is the old name of --plot: messages name the option the user typed
    option = "--png" if args.png and not args.plot else "--plot"
    args.plot = args.plot or args.png
    output_file(args.plot, option, args)
    output_file(args.certificate, "--certificate", args)
    inst = load(args.instance)
    check_lvb_instance(inst)
    if args.plot and (inst.d0 != 2 or inst.onehot is not None or len(inst.hidden) != 1):
        onehot = ", one-hot targets" if inst.onehot else ""
        raise UsageError(f"{option}: the Figure-4 plot needs 2-D binary data and one hidden layer; {inst.source} has "
                         f"d0 = {inst.d0}, {len(inst.hidden)} hidden layer(s){onehot} (fix: drop {option})")
    p = load_point(args.point, inst)
    r = point_verdicts(inst, p)
    if args.plot:
        from ...render.lvb import figure4_png
        figure4_png(inst, p, args.plot)
        print(f"plot written to {args.plot}", file=sys.stderr)
    if args.json:
        emit_json(point_json(r, inst.bias), "lvb", inst)
    else:
        print("\n".join(point_text(r, inst.bias)))
    if args.certificate:
        save_certificate(args.certificate, analysis_certificate(r, inst, p))
    return 0


def run_generic(args: argparse.Namespace) -> int:
    from ...certify.lvb import ALPHA_POWER_BITS, certifiable_slope, rarity_certificate
    from ...core.model import require
    from ...lvb.generic import MODEL, rarity
    from ...render.lvb import rarity_json, rarity_text

    output_file(args.certificate, "--certificate", args)
    inst = load(args.instance)
    if args.alpha is None:
        if not inst.alpha:
            raise UsageError(f"--alpha: {inst.source} has ReLU units (no leaky slope) and no --alpha was given "
                             "(fix: --alpha 1/2, or activation = \"leaky:1/2\" in [network])")
        args.alpha = format_rational(inst.alpha)
    try:
        alpha = parse_rational(args.alpha)
    except RationalSyntaxError:
        alpha = None
    if alpha is None or not 0 < alpha < 1:
        raise UsageError(f"--alpha: expected a rational 0 < p/q < 1, found {args.alpha[:40]!r} (fix: --alpha 1/2)")
    if not 1 <= args.depth <= MAX_DEPTH:
        raise UsageError(f"--depth: expected an integer 1 ≤ L ≤ {MAX_DEPTH}, found {str(args.depth)[:40]} "
                         "(fix: --depth 1)")
    require(inst, MODEL, "generic")
    if args.certificate and inst.loss != "hinge":
        raise UsageError(f"--certificate: the kernel's rare-data/generic-data claims model the hinge loss only; "
                         f"{inst.source} has loss = {inst.loss!r} (fix: drop --certificate, or loss = \"hinge\")")
    if args.certificate and not certifiable_slope(alpha, args.depth):
        raise UsageError(f"--certificate: α^L is longer than the kernel reads (L · bits of α's denominator = "
                         f"{args.depth * alpha.denominator.bit_length()} > {ALPHA_POWER_BITS}; fix: a shorter --alpha "
                         "or a smaller --depth)")
    with progress(None, f"generic {inst.name}: Definition 1 search (α = {args.alpha}, L = {args.depth})") as tick:
        r = rarity(inst, alpha, args.depth, evidence=bool(args.certificate), progress=tick)
    if args.json:
        emit_json(rarity_json(r), "generic", inst)
    else:
        print("\n".join(rarity_text(r, args.alpha, args.depth)))
    if args.certificate:
        save_certificate(args.certificate, rarity_certificate(r, inst, alpha, args.depth))
    return 0


def run_separable(args: argparse.Namespace) -> int:
    from ...certify.lvb import separability_certificate
    from ...core.model import require
    from ...lvb.separability import MODEL, separability
    from ...render.lvb import separability_json, separability_text

    output_file(args.certificate, "--certificate", args)
    inst = load(args.instance)
    require(inst, MODEL, "separable")
    s = separability(inst)
    if args.json:
        emit_json(separability_json(s), "separable", inst)
    else:
        print(separability_text(s))
    save_certificate(args.certificate, separability_certificate(s, inst))
    return 0


def run_penalty(args: argparse.Namespace) -> int:
    from ...certify.lvb import penalty_certificate
    from ...core.model import require
    from ...lvb.penalty import MODEL, check_penalty, load_replicates
    from ...render.lvb import penalty_json, penalty_text

    output_file(args.certificate, "--certificate", args)
    try:
        gamma = parse_rational(args.gamma)
    except RationalSyntaxError:
        gamma = None
    if gamma is None or gamma <= 0:
        raise UsageError(f"--gamma: expected a rational γ > 0, found {args.gamma[:40]!r} (fix: --gamma 1/2)")
    inst = load(args.instance)
    require(inst, MODEL, "penalty")
    reps = load_replicates(args.point, inst)
    res = check_penalty(inst, reps, gamma)
    if args.json:
        emit_json(penalty_json(res), "penalty", inst)
    else:
        print("\n".join(penalty_text(res)))
    if args.certificate:
        try:
            doc = penalty_certificate(res, inst, reps)
        except ValueError as exc:
            raise UsageError(f"no certificate: {exc}") from None
        save_certificate(args.certificate, doc)
    return 0
