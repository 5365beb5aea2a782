"""The certificate checker kernel: re-verifies exactrelu certificates from scratch.

It imports nothing but the Python standard library and nothing else of
exactrelu, so a verdict it accepts does not depend on FLINT, cdd, sympy or on
the code that produced the certificate.  The producer searches; the kernel only
replays (substitutions and products over ``fractions.Fraction``).

Envelope (SPEC §6)::

    {"format": "exactrelu-certificate", "version": "1.0",
     "claim": {"kind": ..., ...}, "instance": {...},
     "evidence": {..., "steps": [{"id", "claim", "evidence"}, ...]},
     "info": {...}}          # ignored

Steps are checked in order; a claim may refer only to earlier step ids.

>>> check_document({"format": "exactrelu-certificate", "version": "1.0",
...   "claim": {"kind": "rank", "rows": 1, "cols": 2, "matrix": [["1", "2"]], "rank": 1},
...   "evidence": {"rows": [0], "columns": [0], "inverse": [["1"]], "kernel": [["-2"], ["1"]],
...                "kernel_rows": [1]}})
['rank']
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from typing import Any

from . import coverage, deep, hypotheses, jacobian, linear, liu, lvb, lvb_analysis, regions
from .base import CheckFailure, Context, array, field

__all__ = ["CheckFailure", "CHECKERS", "check_document", "check_file", "main"]

FORMAT = "exactrelu-certificate"
SUPPORTED_MAJOR = 1

CHECKERS = {**regions.CLAIMS, **linear.CLAIMS, **jacobian.CLAIMS, **liu.CLAIMS, **lvb.CLAIMS,
            **deep.CLAIMS, **hypotheses.CLAIMS, **lvb_analysis.CLAIMS, **coverage.CLAIMS}


def _check_claim(claim: Any, evidence: Any, ctx: Context, path: str) -> str:
    if not isinstance(claim, Mapping):
        raise CheckFailure("schema", "claim must be an object", f"{path}.claim")
    kind = claim.get("kind")
    checker = CHECKERS.get(kind)  # type: ignore[arg-type]
    if checker is None:
        raise CheckFailure("schema", "unknown claim kind", f"{path}.claim.kind", sorted(CHECKERS), kind)
    if not isinstance(evidence, Mapping):
        raise CheckFailure("schema", "evidence must be an object", f"{path}.evidence")
    try:
        checker(claim, evidence, ctx)
    except (TypeError, KeyError, IndexError, ValueError, AttributeError, ZeroDivisionError) as exc:
        # a malformed document that slipped past the schema checks: still a clean rejection
        what = f"malformed certificate ({type(exc).__name__}: {exc})"
        raise CheckFailure("schema", what, f"{path}.evidence") from None
    except CheckFailure as exc:
        if path != "$":
            exc.path = f"{path}.{exc.path}"
            exc.args = (f"{exc.kind} error at {exc.path}: {exc.check}",)
        raise
    return kind  # type: ignore[return-value]


def check_document(doc: Any) -> list[str]:
    """Check a parsed certificate; return the claim kinds checked (steps first)."""
    if not isinstance(doc, Mapping) or doc.get("format") != FORMAT:
        raise CheckFailure("schema", f"not an {FORMAT}", "$.format", FORMAT,
                           doc.get("format") if isinstance(doc, Mapping) else type(doc).__name__)
    version = doc.get("version")
    if not isinstance(version, str) or not version.split(".")[0].isdigit():
        raise CheckFailure("version", "version must be a string \"MAJOR.MINOR\"", "$.version", "1.x", version)
    if int(version.split(".")[0]) != SUPPORTED_MAJOR:
        raise CheckFailure("version", "unsupported major version", "$.version", f"{SUPPORTED_MAJOR}.x", version)
    evidence = field(doc, "evidence", "$")
    ctx = Context(doc.get("instance"), {})
    kinds = []
    steps = evidence.get("steps", []) if isinstance(evidence, Mapping) else []
    for i, step in enumerate(array(steps, "$.evidence.steps")):
        path = f"$.evidence.steps[{i}]"
        sid = field(step, "id", path)
        if not isinstance(sid, str) or sid in ctx.proved:
            raise CheckFailure("schema", "step ids are unique strings", f"{path}.id", "new id", sid)
        kinds.append(_check_claim(step.get("claim"), step.get("evidence"), ctx, path))
        ctx.proved[sid] = step["claim"]
    kinds.append(_check_claim(doc.get("claim"), evidence, ctx, "$"))
    return kinds


def check_file(path: str) -> list[str]:
    try:
        with open(path, encoding="utf-8") as fh:
            doc = json.load(fh, parse_float=_reject_float, parse_constant=_reject_float)
    except (OSError, UnicodeDecodeError) as exc:
        raise CheckFailure("parse", f"cannot read file: {exc}", path) from None
    except json.JSONDecodeError as exc:
        raise CheckFailure("parse", f"invalid JSON: {exc.msg} at line {exc.lineno}", path) from None
    return check_document(doc)


def _reject_float(text: str) -> Any:
    raise CheckFailure("parse", "JSON numbers with a fraction or exponent are not allowed; write rationals as \"p/q\"",
                       "$", "string", text)


def main(argv: list[str] | None = None) -> int:
    """``python -m exactrelu.kernel FILE...``: exit 0 if all check, 1 otherwise."""
    files = sys.argv[1:] if argv is None else argv
    if not files:
        print("usage: python -m exactrelu.kernel CERTIFICATE.json...", file=sys.stderr)
        return 2
    bad = 0
    for f in files:
        try:
            kinds = check_file(f)
            print(f"ok      {f}  ({kinds[-1]}, {len(kinds)} claim(s) checked)")
        except CheckFailure as exc:
            bad += 1
            print(f"FAILED  {f}: {exc}")
    return 1 if bad else 0
