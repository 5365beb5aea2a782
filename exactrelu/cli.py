"""The ``exactrelu`` command line: a thin layer over the library.

Each sub-command lives in :mod:`exactrelu.commands`.  Errors in the user's
input are reported as one line naming the file and key, with exit code 2;
a certificate that fails to check exits 1.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from .instance import InstanceError

DESCRIPTION = """\
exactrelu decides statements about ReLU-network loss landscapes exactly over Q
and backs every verdict with a JSON certificate that `exactrelu check`
re-verifies with a small kernel using only the Python standard library.

Start here:
  exactrelu regions @fig1-fan                    count activation regions (SPEC §2)
  exactrelu regions INSTANCE --certificate c.json && exactrelu check c.json
  exactrelu reproduce                            write the certificate catalogue to proofs/

Instances are TOML or JSON files (see README, "Instance format"); every
number is exact: 3, "1/3" or "0.25" (a float literal like 0.1 is rejected).
@NAME names an embedded example: {names}.
"""


class UsageError(Exception):
    """A bad command-line value (exit 2, one line, no traceback)."""


def build_parser() -> argparse.ArgumentParser:
    from .catalogue import catalogue_names
    from .commands import MODULES

    description = DESCRIPTION.format(names=", ".join("@" + n for n in catalogue_names()))
    parser = argparse.ArgumentParser(prog="exactrelu", description=description,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version="exactrelu 0.1.0")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in MODULES:
        try:
            mod = importlib.import_module(f"exactrelu.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"exactrelu.commands.{name}":
                continue  # a concept whose command is not written yet
            raise
        mod.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["check"] and len(argv) > 1 and not any(a.startswith("-") for a in argv[1:]):
        # checking must not load FLINT, cdd, sympy, networkx or numpy: go straight to the stdlib-only kernel
        from .kernel import main as check

        return check(argv[1:])
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except (InstanceError, UsageError) as exc:
        print(f"exactrelu: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("exactrelu: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader (e.g. `| head`) went away: stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
