"""The ``exactrelu`` command line: a thin layer over the library.

Each sub-command lives in :mod:`exactrelu.cli.commands`.  Exit codes:

- 0: done;
- 1: a certificate failed to check (and nothing else);
- 2: bad input — an instance/point/grid file, a key in it, an option or an output
  path — reported as one line naming it and a fix, never a traceback;
- 3: an internal error (a bug in exactrelu): one line asking for a report;
- 130 / 141: interrupted / the output pipe was closed.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from typing import Any, NoReturn

from ..core.instance import InstanceError

__all__ = ["UsageError", "build_parser", "main"]

DESCRIPTION = """\
exactrelu decides statements about ReLU-network loss landscapes exactly over Q
and backs every verdict with a JSON certificate that `exactrelu check`
re-verifies with a small kernel using only the Python standard library.

Start here:
  exactrelu regions @fig1-fan                    count activation regions (docs/spec.md §2)
  exactrelu regions INSTANCE --certificate c.json && exactrelu check c.json
  exactrelu reproduce                            write the certificate catalogue to proofs/

Instances are TOML or JSON files (docs/spec.md §1); every
number is exact: 3, "1/3" or "0.25" (a float literal like 0.1 is rejected).
@NAME names an embedded example: {names}.
"KMTM" is Karhadkar–Murray–Tseran–Montúfar, "LvB" Laurent–von Brecht: `theorem 7`
is KMTM's Theorem 7, `penalty` LvB's Theorem 7 (docs/spec.md, Sources).
"""


EXIT_OK, EXIT_CHECK_FAILED, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


class UsageError(Exception):
    """A bad command-line value (exit 2, one line, no traceback)."""


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (``exactrelu regions: error: … (see … --help)``), exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {_one_line(message)} (see {self.prog} --help)\n")

    def _get_values(self, action: argparse.Action, arg_strings: list[str]) -> Any:
        # argparse drops a value "--" (``--pattern=--``) and hands the command an empty list instead
        # of a string; refuse it here rather than let a list reach code expecting one value
        values = super()._get_values(action, arg_strings)
        if action.nargs in (None, "+") and values == []:
            self.error(f"argument {'/'.join(action.option_strings) or action.metavar or action.dest}: "
                       "expected a value, found '--'")
        return values


def _one_line(text: str, limit: int = 1000) -> str:
    """Messages are one line: newlines folded, a pasted megabyte cut."""
    text = " ".join(str(text).split("\n")).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def build_parser() -> argparse.ArgumentParser:
    """The ``exactrelu`` argument parser: one sub-command per module of :mod:`exactrelu.cli.commands`."""
    from ..catalogue import catalogue_names
    from .commands import MODULES

    description = DESCRIPTION.format(names=", ".join("@" + n for n in catalogue_names()))
    parser = _Parser(prog="exactrelu", description=description,
                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version="exactrelu 0.2.0")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in MODULES:
        importlib.import_module(f"exactrelu.cli.commands.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; every failure ends as one line on stderr and an exit code (module docstring)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["check"] and len(argv) > 1 and not any(a.startswith("-") for a in argv[1:]):
        # checking must not load FLINT, cdd, sympy, networkx or numpy: go straight to the stdlib-only kernel
        from .commands.check import check_files

        return check_files(argv[1:])
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if not getattr(args, "func", None):
            parser.print_help()
            return EXIT_USAGE
        return int(args.func(args) or 0)
    except (InstanceError, UsageError) as exc:
        return _fail(str(exc), EXIT_USAGE)
    except KeyboardInterrupt:
        print("exactrelu: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader (e.g. `| head`) went away: stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except OSError as exc:
        if exc.filename is None:
            return _internal(exc)
        # a path the user named (or one inside it) could not be read or written
        return _fail(f"{exc.filename}: {exc.strerror or exc} (fix: check the path and its directory)", EXIT_USAGE)
    except ValueError as exc:
        if "integer string conversion" not in str(exc):
            return _internal(exc)
        # a number read or printed (an exact count such as T^d1) beyond Python's limit for converting
        # integers to and from text (sys.get_int_max_str_digits): a documented size limit, not a bug
        return _fail(f"a number has more than {sys.get_int_max_str_digits()} digits, Python's limit for integers "
                     "as text (fix: shorter numbers in the input files, or fewer hidden units (network.hidden, "
                     "--d1) or points)", EXIT_USAGE)
    except Exception as exc:  # the last resort: a bug must not look like a verdict (exit 1) or a traceback
        return _internal(exc)


def _fail(message: str, code: int) -> int:
    print(f"exactrelu: error: {_one_line(message)}", file=sys.stderr)
    return code


def _internal(exc: BaseException) -> int:
    where = ""
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    if tb is not None:
        where = f" at {os.path.basename(tb.tb_frame.f_code.co_filename)}:{tb.tb_lineno}"
    return _fail(f"internal error: {type(exc).__name__}: {exc}{where}; please report it with the command line "
                 "and input files at the exactrelu issue tracker", EXIT_INTERNAL)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
