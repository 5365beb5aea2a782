"""``exactrelu lvb`` / ``generic`` / ``separable`` / ``penalty``: Laurent–von Brecht analyses.

See docs/spec.md §5 and docs/lvb.md.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..cli import UsageError
from ..rationals import RationalSyntaxError, format_rational, parse_rational
from .common import add_instance_argument, add_output_options, emit_json, load, output_file, save_certificate

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
"""Each command's paragraph and runnable examples (tests/test_help_examples.py runs them)."""


def _parser(sub: Any, name: str, help: str, model: Any, extra: str = "") -> Any:
    """A sub-parser whose description states the model (refused outside it, exit 2)."""
    return sub.add_parser(name, help=help, description=f"{EXAMPLES[name]}\n{model.describe()}{extra}",
                          formatter_class=argparse.RawDescriptionHelpFormatter)


def register(sub: Any) -> None:
    from ..generic import MODEL as GENERIC
    from ..penalty import MODEL as PENALTY
    from ..point import LVB_MODEL
    from ..separability import MODEL as SEPARABLE

    p = _parser(sub, "lvb", "signature, cell polynomial, Hessian and Clarke verdicts at a parameter point", LVB_MODEL,
                "\nOnly Clarke criticality is certified, never minimality; type I/II (a flat adjacent cell or "
                "not)\nis Laurent–von Brecht's vocabulary for networks with biases and is reported only with bias.")
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
    from ..lvb import analysis_certificate, classify
    from ..multilinear import hessian_verdict, signature, zero_entries
    from ..point import check_lvb_instance, load_point

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
    sig = signature(inst, p)
    out: dict[str, Any] = {"signature": "".join("+" if s > 0 else "-" if s < 0 else "0" for s in sig),
                           "zero_entries": list(zero_entries(sig))}
    if not zero_entries(sig):
        poly, ind = hessian_verdict(inst, p)
        out["cell"] = poly.to_json()
        out["hessian"] = "zero" if ind.zero else "indefinite"
    else:
        out["cell"] = None
        out["hessian"] = "none (boundary point)"
    analysis = classify(inst, p)
    out |= analysis.to_json()
    # only Clarke criticality is proved, never minimality; type I/II is LvB's vocabulary for biased networks
    out["minimality"] = "not certified"
    if not inst.bias:
        out["type"] = "not applicable (no bias)"
    out["clarke_detail"] = analysis.clarke.to_json()
    if args.plot:
        from ..lvbplot import figure4_png
        figure4_png(inst, p, args.plot)
        print(f"plot written to {args.plot}", file=sys.stderr)
    if args.json:
        emit_json(lvb_json(out, inst.bias), "lvb", inst)
    else:
        zeros = ", ".join(str(k) for k in out["zero_entries"]) or "none"
        print(f"signature S(ω) = {out['signature']}  (zero entries: {zeros})")
        if out["cell"]:
            print(f"cell loss = {out['cell']['polynomial']}")
            # decided exactly (sympy), but the certificate does not carry these polynomial identities: say so
            print(f"multilinear: {_words(out['cell']['multilinear'])}, harmonic: {_words(out['cell']['harmonic'])}, "
                  f"constant (Corollary 1): {_words(out['cell']['constant'])} (exact; not in the certificate)")
        print(f"Hessian: {out['hessian']}")
        print(f"loss = {out['loss']}; Clarke: {out['clarke']} {analysis.clarke.reason}")
        print(_type_line(out["clarke"], analysis.kind, inst.bias))
        if analysis.violations:
            print("Theorem 6 blind-side violations (point, unit): "
                  + ", ".join(f"({_words(v[0])}, {_words(v[1])})" if isinstance(v, tuple) and len(v) == 2
                              else _words(v) for v in analysis.violations))
    if args.certificate:
        save_certificate(args.certificate, analysis_certificate(inst, p, analysis))
    return 0


_CRITICAL = {"critical": True, "not-critical": False, "undecided": None}


def clarke_json(detail: dict[str, Any]) -> dict[str, Any]:
    """A Clarke verdict (``critical`` | ``not-critical`` | ``undecided``) as the JSON contract's boolean
    ``critical`` (``null``: undecided), as its certificate states it."""
    out = {"critical": _CRITICAL[detail["verdict"]]}
    out.update((k, v) for k, v in detail.items() if k != "verdict")
    if "weights" in out:  # keyed by sign strings of the zero entries: data, not keys (keys are snake_case)
        out["weights"] = [{"signs": t, "weight": w} for t, w in out["weights"].items()]
    return out


def lvb_json(out: dict[str, Any], bias: bool) -> dict[str, Any]:
    """The ``lvb --json`` body (docs/json.md): Clarke criticality as a boolean (``null``: undecided), the
    Hessian as ``zero`` | ``indefinite`` | ``null`` (boundary point), Laurent–von Brecht's type as ``I`` |
    ``II`` | ``undecided`` | ``null`` (not critical, or no bias: the types are defined for biased networks)."""
    kind = {"type I": "I", "type II": "II", "undecided": "undecided"}.get(out["type"]) if bias else None
    return {"signature": out["signature"], "zero_entries": out["zero_entries"], "cell": out["cell"],
            "hessian": out["hessian"] if out["hessian"] in ("zero", "indefinite") else None,
            "loss": out["loss"], "clarke_critical": _CRITICAL[out["clarke"]],
            "type": kind if out["clarke"] == "critical" else None,
            "theorem6_violations": out["theorem6_violations"], "minimality_certified": False,
            "clarke_detail": clarke_json(out["clarke_detail"])}


def penalty_json(out: dict[str, Any]) -> dict[str, Any]:
    """The ``penalty --json`` body: criticality of ``E_γ`` and each class's (ii) as booleans (``null``:
    undecided), as in the ``exact-penalty`` certificate; ``verdict`` is Theorem 7's."""
    return {"gamma": out["gamma"], "loss": out["loss"], "critical": _CRITICAL[out["critical"]],
            "equal_replicates": out["equal_replicates"], "two_class": [_CRITICAL[v] for v in out["two_class"]],
            "verdict": out["verdict"],
            "classes": [{"penalised": clarke_json(c["penalised"]), "two_class": clarke_json(c["two_class"])}
                        for c in out["classes"]]}


def _type_line(clarke: str, kind: str, bias: bool) -> str:
    """The critical point's kind in words that claim no more than is proved (Clarke criticality only)."""
    if clarke != "critical":
        return f"critical point: {'no' if clarke == 'not-critical' else 'undecided'} (Clarke)"
    if not bias:
        return ("critical point: Clarke critical; minimality not certified; type I/II not applicable "
                "(Laurent–von Brecht's networks have biases; data.bias = false)")
    flat = {"type I": "an adjacent cell is flat (type I)", "type II": "no adjacent cell is flat (type II)"}
    return f"critical point: Clarke critical; minimality not certified; {flat.get(kind, 'type undecided')}"


def _words(value: Any) -> str:
    """Text for a reader: yes/no for booleans, items joined for lists and tuples, key: value for mappings,
    never a Python repr."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None:
        return "none"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_words(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return "(" + ", ".join(_words(v) for v in value) + ")"
    return str(value)


def run_generic(args: argparse.Namespace) -> int:
    from ..generic import MODEL, rarity
    from ..model import require

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
    r = rarity(inst, alpha, args.depth, evidence=bool(args.certificate))
    if args.json:
        emit_json(r.to_json(), "generic", inst)
    else:
        word = "rare" if r.rare else "generic"
        print(f"{word} (Definition 1, α = {args.alpha}, L = {args.depth}); combinations examined: {r.examined}")
        if r.rare:
            eps = "; ".join(" ".join(str(e) for e in row) for row in r.epsilon)
            print(f"λ exponents ({', '.join(str(k) for k in r.lambda_exponents)}), ε rows: {eps}")
    if args.certificate:
        save_certificate(args.certificate, r.certificate(inst, alpha, args.depth))
    return 0


def run_separable(args: argparse.Namespace) -> int:
    from ..model import require
    from ..separability import MODEL, separability

    output_file(args.certificate, "--certificate", args)
    inst = load(args.instance)
    require(inst, MODEL, "separable")
    s = separability(inst)
    if args.json:
        emit_json(s.to_json(), "separable", inst)
    else:
        if s.separable:
            print(f"separable: y_i(<w, x_i> + b) > 0 for w = ({', '.join(format_rational(v) for v in s.w)}), "
                  f"b = {format_rational(s.b)}")
        else:
            print("not separable: Motzkin multipliers "
                  f"({', '.join(format_rational(v) for v in s.multipliers)}) prove no (w, b) exists")
    save_certificate(args.certificate, s.certificate(inst))
    return 0


def run_penalty(args: argparse.Namespace) -> int:
    from ..model import require
    from ..penalty import MODEL, check_penalty, load_replicates

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
    out = res.to_json()
    if args.json:
        emit_json(penalty_json(out), "penalty", inst)
    else:
        print(f"E_γ = {out['loss']} (γ = {out['gamma']}); Clarke critical: {_words(out['critical'])}")
        print(f"(i) replicates equal: {_words(out['equal_replicates'])}; (ii) 0 ∈ ∂L^(r) per class: "
              f"{_words(out['two_class'])}")
        print(f"Theorem 7 (Laurent–von Brecht): {_words(out['theorem7'])}")
    if args.certificate:
        try:
            doc = res.certificate(inst, reps)
        except ValueError as exc:
            raise UsageError(f"no certificate: {exc}") from None
        save_certificate(args.certificate, doc)
    return 0
