"""``exactrelu regions``: count, list and decide activation regions (docs/spec.md §2)."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace

from ...arrangements.regions import (
    CERTIFY_LIMIT,
    ENUMERATION_ROUTE,
    analyse,
    decide_cone,
    decide_pattern,
    listing_route,
    stream_unit_witnesses,
    tope_total,
    unit_witnesses,
)
from ...arrangements.topes import covectors
from ...arrangements.zonotope import applies, zonotope_rows
from ...catalogue import catalogue_instance
from ...certify.regions import cone_certificate, pattern_certificate, region_count_certificate
from ...core.instance import Instance, load_instance
from ...core.model import require
from ...core.rationals import format_vector, sign_string
from ...render.regions import region_notes, region_report_json
from ..main import UsageError
from .common import add_output_options, emit_json, output_file, progress, save_certificate

HELP = """\
Count the non-empty activation regions S^A of a one-hidden-layer ReLU network
exactly: they are products of the per-unit topes (rows a with a non-empty open
cone), so the count is T^d1.  Also decides general position exactly and prints
Proposition 3's closed form beside the exact count, explaining any difference
(zero points, parallel points, a dependent subset).

The instance's `targets` are not used here and may be left out (squared loss).
--list, --pattern, --cone and --covectors each ask one question (one per run):
--cone SIGNS decides whether the sign vector s ∈ {+,-,0}^n is a covector, i.e.
whether the face {w : sign<w,x_j> = s_j for all j} of the hyperplane
arrangement is non-empty (a witness w, or Motzkin multipliers proving it empty);
--covectors lists every face of the arrangement (every covector) with a witness.

Examples:
  exactrelu regions @fig1-fan                     count the regions of an embedded example
  exactrelu regions @fig1-fan --list              list the non-empty rows with witnesses w
  exactrelu regions @oned-bias --pattern 1100,0011   decide one pattern A (rows = units)
  exactrelu regions @fig1-fan --cone +-0          is {w : sign<w,x_j> = s_j} non-empty? (a face)
  exactrelu regions @fig1-fan --covectors         every face of the arrangement, with witnesses
  exactrelu regions @fig1-fan --certificate c.json && exactrelu check c.json

{model}
Deep networks (hidden = [d1, d2, ...], ReLU): every pattern (A_1, ..., A_L) is
decided where possible (a rational witness proves it non-empty; Motzkin
multipliers or a zero column prove it empty); the count is exact only when all
are decided, else printed as [proved non-empty, proved non-empty + undecided].
At most {limit} patterns (2^(n·Σd_l)) are enumerated; more are refused.
"""


def resolve(path: str) -> Instance:
    """A file path, or ``@NAME`` for an instance of the embedded catalogue."""
    return catalogue_instance(path[1:]) if path.startswith("@") else load_instance(path)


def register(sub: argparse._SubParsersAction) -> None:
    from ...arrangements.regions import MODEL
    from ...kmtm.deep import PATTERN_LIMIT

    p = sub.add_parser("regions", help="count/list/decide activation regions (docs/spec.md §2)",
                       description=HELP.replace("{model}", MODEL.describe()).replace("{limit}", str(PATTERN_LIMIT)),
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("instance", metavar="INSTANCE", help="instance file (.toml/.json) or @NAME from the catalogue")
    mode = p.add_mutually_exclusive_group()  # one question per run
    mode.add_argument("--list", action="store_true", help="list every non-empty row (tope) with a witness w")
    mode.add_argument("--pattern", metavar="ROWS", help="decide one pattern: comma-separated 0/1 rows, one per unit")
    mode.add_argument("--cone", metavar="SIGNS",
                      help="decide one sign vector over +,-,0, one character per point: is it a covector, "
                      "i.e. is the face {w : sign<w,x_j> = s_j} non-empty? (witness or Motzkin multipliers)")
    mode.add_argument("--covectors", action="store_true",
                      help="list every covector (every face of the hyperplane arrangement {<w,x_j> = 0}) "
                      "with a witness w")
    p.add_argument("--zonotope", action="store_true", help="also run Proposition 4's zonotope route and compare")
    add_output_options(p)
    p.set_defaults(func=run)


def _parse_pattern(text: str, inst: Instance) -> list[list[int]]:
    rows = [r.strip() for r in text.split(",")]
    if len(rows) != inst.d1 or any(len(r) != inst.n or set(r) - {"0", "1"} for r in rows):
        raise UsageError(f"--pattern: expected {inst.d1} comma-separated rows of {inst.n} digits 0/1, "
                         f"found {text!r} (fix: e.g. --pattern {','.join(['1' * inst.n] * inst.d1)})")
    return [[int(c) for c in r] for r in rows]


def _parse_signs(text: str, inst: Instance) -> tuple[int, ...]:
    if len(text) != inst.n or set(text) - set("+-0"):
        raise UsageError(f"--cone: expected {inst.n} characters from '+', '-', '0', found {text!r} "
                         f"(fix: e.g. --cone {'+' * inst.n})")
    return tuple({"+": 1, "-": -1, "0": 0}[c] for c in text)


def _cone(args: argparse.Namespace, inst: Instance) -> int:
    verdict = decide_cone(inst, _parse_signs(args.cone, inst))
    if args.json:
        emit_json({"instance": inst.name, "signs": args.cone, "nonempty": verdict.nonempty,
                   "point": format_vector(verdict.point) if verdict.point else None,
                   "multipliers": format_vector(verdict.multipliers) if verdict.multipliers else None},
                  "regions", inst)
    elif verdict.nonempty:
        print(f"{args.cone} is a covector: w = ({', '.join(format_vector(verdict.point or ()))})")
    else:
        multipliers = ", ".join(format_vector(verdict.multipliers or ()))
        print(f"{args.cone} is not a covector (Motzkin multipliers {multipliers})")
    save_certificate(args.certificate, cone_certificate(verdict))
    return 0


def _covectors(args: argparse.Namespace, inst: Instance) -> int:
    with progress(None, "regions: covectors (faces of the arrangement)") as tick:
        faces = covectors(inst.points, tick)
    if args.json:
        rows = [{"signs": sign_string(f.signs), "witness": format_vector(f.witness)} for f in faces]
        emit_json({"covectors": rows}, "regions", inst)
    else:
        print(f"{len(faces)} covectors of {inst.name} (faces of the arrangement <w, x_j> = 0):")
        for f in faces:
            print(f"  {sign_string(f.signs)}   w = ({', '.join(format_vector(f.witness))})")
    return 0


def _deep(args: argparse.Namespace, inst: Instance) -> int:
    """Regions of a deep network: every pattern decided where possible, the count exact or an interval."""
    from ...kmtm.deep import count_regions, require_enumerable
    from ...render.kmtm import deep_regions_count, deep_regions_json

    for flag, name in ((args.list, "--list"), (args.pattern, "--pattern"), (args.zonotope, "--zonotope"),
                       (args.certificate, "--certificate")):
        if flag:
            fix = ("exactrelu theorem 10 --certificate certifies every decided pattern (fixed output weights)"
                   if name == "--certificate" else f"drop {name}")
            raise UsageError(f"{name}: one hidden layer only; network.hidden = {list(inst.hidden)} in "
                             f"{inst.source} (fix: {fix})")
    with progress(require_enumerable(inst), "regions: deep patterns", unit="patterns") as tick:
        rep = count_regions(inst, advance=tick)
    if args.json:
        emit_json({"n": inst.n, "d": inst.d, "hidden": list(inst.hidden), **deep_regions_json(rep)}, "regions", inst)
        return 0
    print(f"instance {inst.name}: n = {inst.n} points in Q^{inst.d} (bias: {'yes' if inst.bias else 'no'}), "
          f"hidden widths {list(inst.hidden)} ({len(inst.hidden)} hidden layers)")
    print(f"patterns (A_1, …, A_{len(inst.hidden)}): {rep.total} = 2^(n·Σd_l)")
    print(f"proved non-empty (rational witness):          {rep.nonempty}")
    print(f"proved empty (Motzkin multipliers / zero column): {rep.empty}")
    print(f"undecided (no witness found, emptiness not proved): {rep.undecided}")
    print(f"non-empty activation regions: {deep_regions_count(rep)}"
          + ("" if rep.exact else " — an interval, not a count"))
    return 0


def _routes_text(routes: tuple[str, ...]) -> str:
    """Which independent routes produced the tope count, in words."""
    names = {"characteristic-polynomial": "the characteristic polynomial |χ(−1)| (Zaslavsky; no listing)",
             "enumeration": "the tope enumeration (cocircuits)",
             "sweep": "the sweep listing (one hyperplane at a time)"}
    text = " and ".join(names.get(r, r) for r in routes)
    return text + (" — they agree" if len(routes) > 1 else "")


def run(args: argparse.Namespace) -> int:
    from ...arrangements.regions import MODEL as ONE_LAYER

    output_file(args.certificate, "--certificate", args)
    inst = resolve(args.instance)
    if len(inst.hidden) > 1 and args.cone is None and not args.covectors:
        return _deep(args, inst)
    if args.cone is None and not args.covectors:  # faces of the arrangement of the points: any network
        require(inst, ONE_LAYER, "regions")
    if args.cone is not None:
        return _cone(args, inst)
    if args.covectors:
        return _covectors(args, inst)
    if args.pattern is not None:
        verdict = decide_pattern(inst, _parse_pattern(args.pattern, inst))
        if args.json:
            emit_json({"instance": inst.name, "pattern": args.pattern.split(","), "nonempty": verdict.nonempty,
                       "weights": [format_vector(w) for w in verdict.weights] if verdict.weights else None,
                       "empty_unit": verdict.unit,
                       # an empty region's proof: the Motzkin multipliers of its empty unit cone (SPEC §2)
                       "multipliers": format_vector(verdict.multipliers) if verdict.multipliers else None},
                      "regions", inst)
        elif verdict.nonempty:
            print("S^A is non-empty; weights inside it (one row per unit): "
                  + "; ".join("(" + ", ".join(format_vector(w)) + ")" for w in verdict.weights or ()))
        else:
            print(f"S^A is empty: the open cone of unit {verdict.unit} is empty (Motzkin multipliers "
                  f"{', '.join(format_vector(verdict.multipliers or ()))})")
        save_certificate(args.certificate, pattern_certificate(verdict))
        return 0
    rep = analyse(inst, listing=args.list)  # the count: characteristic polynomial, no listing
    if args.certificate and (rep.arrangement_regions or 0) > CERTIFY_LIMIT:
        raise UsageError(f"--certificate: {inst.name} has {rep.arrangement_regions} topes, more than the "
                         f"{CERTIFY_LIMIT} a certificate lists (fix: run without --certificate; the count is then "
                         f"reported, not certified)")
    doc = None
    if args.certificate:  # enumerates the topes once; raises CountMismatch unless they agree with the polynomial
        with progress(tope_total(inst), "regions: certifying the tope list", unit="topes") as tick:
            doc = region_count_certificate(inst, advance=tick)
        rep = replace(rep, count_routes=(*rep.count_routes, ENUMERATION_ROUTE))
    zono = None
    if args.zonotope:
        if applies(inst.points):
            rows = set(unit_witnesses(inst))
            with progress(None, "regions: Proposition 4 (zonotope vertices via cdd, one call)"):
                zono = zonotope_rows(inst.points) == rows
        else:
            print("note: Proposition 4's route needs nonzero, pairwise non-parallel points; skipped", file=sys.stderr)
    if args.json:
        out = region_report_json(rep)
        rows = None
        if args.list:  # written as the lister produces them (a CountMismatch at the end is an internal error)
            route = listing_route(rep)
            rows = ("rows", ({"row": "".join(map(str, r)), "witness": format_vector(w)}
                             for r, w in stream_unit_witnesses(inst, rep.tope_count, route)))
            out["count_routes"] = list(dict.fromkeys([*rep.count_routes, route]))  # they agree, else CountMismatch
        if zono is not None:
            out["prop4_agrees"] = zono
        emit_json(out, "regions", inst, stream=rows)
    else:
        print(f"instance {inst.name}: n = {inst.n} points in Q^{inst.d} (bias: {'yes' if inst.bias else 'no'}), "
              f"d1 = {inst.d1} hidden unit{'s' if inst.d1 > 1 else ''}")
        print(f"topes (non-empty rows per unit): {rep.tope_count}")
        print(f"non-empty activation regions:    {rep.region_count}")
        print(f"counted by: {_routes_text(rep.count_routes)}")
        dependent = ", ".join(f"x_{j}" for j in rep.dependent_set or ())
        gp = "yes" if rep.general_position else f"no (dependent: {dependent})"
        agree = "agrees" if rep.prop3 == rep.region_count else "differs"
        print(f"general position: {gp}; Proposition 3 closed form: {rep.prop3} ({agree})")
        for note in region_notes(rep):
            print(f"  - {note}")
        if zono is not None:
            print(f"Proposition 4 (zonotope vertices via cdd): {'same rows' if zono else 'DIFFERENT rows'}")
        if args.list:  # written as the lister produces them
            route = listing_route(rep)
            for r, w in stream_unit_witnesses(inst, rep.tope_count, route):
                print(f"  {''.join(map(str, r))}   w = ({', '.join(format_vector(w))})")
            print(f"listed {rep.tope_count} rows by {_routes_text((route,))}: the same count as the "
                  f"characteristic polynomial")
    if doc is not None:
        save_certificate(args.certificate, doc)
    return 0
