"""``exactrelu reproduce``: the main job — write the certificate catalogue."""

from __future__ import annotations

import argparse
import sys
import time

HELP = """\
Run every analysis of the embedded catalogue (regions, Jacobian ranks, Liu's
minima, Laurent–von Brecht's cells, small sweeps), check every certificate with
the kernel, and write OUT (default proofs/): one JSON certificate per claim in
one folder per part (regions/, jacobian/, liu/, lvb/, sweeps/) plus SUMMARY.md.

Each part run replaces its own folder by a rename; every other file in OUT is
left untouched, and SUMMARY.md keeps the rows of the parts not run, so
`--only regions` refreshes regions/ and its rows only.  Nothing is written
until every certificate has checked: a failed run leaves OUT as it was.

Examples:
  exactrelu reproduce --only regions --out proofs-regions
  exactrelu reproduce --only lvb --out proofs-lvb && exactrelu check proofs-lvb/lvb/*.json
"""


def register(sub: argparse._SubParsersAction) -> None:
    from ...sweeps.jobs import MODULES

    p = sub.add_parser("reproduce", help="write the certificate catalogue to proofs/ (the main job)",
                       description=HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", default="proofs", help="output directory (default: proofs)")
    p.add_argument("--only", nargs="+", metavar="PART",
                   help=f"run only these parts ({', '.join(MODULES)}); the others' files stay as they are")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ...sweeps.jobs import FOLDERS
    from ...sweeps.reproduce import ReproduceError, reproduce
    from ..main import UsageError
    from .common import output_dir

    output_dir(args.out, "--out")
    start = time.perf_counter()
    from ...sweeps.jobs import MODULES
    from .common import progress

    try:
        with progress(len(set(args.only or MODULES)), "reproduce", unit="parts") as tick:
            cat = reproduce(args.out, args.only, log=lambda s: print(f"  {s}", file=sys.stderr), progress=tick)
    except ReproduceError as exc:
        raise UsageError(str(exc)) from None
    secs = time.perf_counter() - start  # display-only
    out = args.out.rstrip("/") or "/"
    parts = list(dict.fromkeys(args.only)) if args.only else None
    folders = ", ".join(f"{out}/{FOLDERS.get(p, p)}/" for p in parts) if parts else f"every part folder of {out}/"
    print(f"wrote {len(cat.files)} certificates (all checked by the kernel) and {len(cat.extra)} tables/figures "
          f"into {folders}; updated {out}/SUMMARY.md; {cat.kept} files of other parts kept as they were "
          f"({secs:.1f} s)")  # display-only
    return 0
