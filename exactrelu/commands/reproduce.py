"""``exactrelu reproduce``: the main job — write the certificate catalogue."""

from __future__ import annotations

import argparse
import sys
import time

HELP = """\
Run every analysis of the embedded catalogue (regions, Jacobian ranks, Liu's
minima, Laurent–von Brecht's cells, small sweeps), check every certificate with
the kernel, and replace OUT (default proofs/) in one atomic rename: one JSON
certificate per claim plus SUMMARY.md.  A failed run leaves OUT untouched.
"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("reproduce", help="write the certificate catalogue to proofs/ (the main job)",
                       description=HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", default="proofs", help="output directory (default: proofs)")
    p.add_argument("--only", nargs="+", metavar="JOB", help="run only these jobs (regions, jacobian, liu, lvb, sweep)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..reproduce import reproduce

    start = time.perf_counter()
    cat = reproduce(args.out, args.only, log=lambda s: print(f"  {s}", file=sys.stderr))
    secs = time.perf_counter() - start  # display-only
    print(f"wrote {len(cat.files)} certificates (all checked by the kernel) and {args.out}/SUMMARY.md "
          f"in {secs:.1f} s")  # display-only
    return 0
