"""``exactrelu check``: re-verify certificates with the stdlib-only kernel."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

HELP = """\
Re-verify certificate files with the small checker kernel (exactrelu.kernel),
which imports only the Python standard library: it re-derives each claim from
the instance and the evidence and never trusts a verdict written in the file.
Exit 0 when every file checks, 1 when any fails (the failing step, JSON path,
expected and found value are printed).  Equivalent: python -m exactrelu.kernel FILE...

Examples:
  exactrelu regions @fig1-fan --certificate c.json && exactrelu check c.json
  exactrelu separable examples/lvb/fig4.toml --certificate s.json && exactrelu check s.json
"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="re-verify certificates with the stdlib-only kernel", description=HELP,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("files", nargs="+", metavar="CERT", help="certificate JSON files")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    return check_files(args.files)


def check_files(files: list[str]) -> int:
    """Exit 0 if every file checks, 1 if any certificate does not, 2 if a path is not a readable file.

    Loads nothing but the standard-library kernel (no FLINT, cdd, sympy, networkx or numpy)."""
    import sys
    from pathlib import Path

    from ... import kernel

    for f in files:  # a path that is not a readable file is bad input (2), not a failed certificate (1)
        p = Path(f)
        what = None
        if not p.is_file():
            what = "is a directory" if p.is_dir() else "not a regular file" if p.exists() else "no such file"
        else:
            try:
                with p.open("rb"):
                    pass
            except OSError as exc:
                what = f"cannot be read ({exc.strerror or exc})"
        if what:
            print(f"exactrelu: error: {f}: {what}, expected a certificate JSON file (fix: check the path)",
                  file=sys.stderr)
            return 2
    status = 0
    for i, f in enumerate(files, 1):  # one file at a time, so a long check shows which file it is on
        with _elapsed(f"checking {i}/{len(files)} {f}"):
            status = max(status, kernel.main([f]))
    return status


@contextmanager
def _elapsed(what: str) -> Iterator[None]:
    """``what`` and the seconds spent, redrawn on stderr twice a second while the kernel checks, then erased.

    The progress of ``check``: on a terminal only (silent when stderr is piped or captured, like
    :mod:`exactrelu.progress`), and with the standard library only, because ``check`` must not load rich or any
    other heavy library beside the kernel.  Display only."""
    import sys
    import threading
    import time

    try:
        tty = sys.stderr.isatty()
    except (AttributeError, ValueError):
        tty = False
    if not tty:
        yield
        return
    done, start = threading.Event(), time.monotonic()

    def draw() -> None:
        while not done.wait(0.5):
            sys.stderr.write(f"\r{what} … {time.monotonic() - start:.0f} s\x1b[K")
            sys.stderr.flush()

    thread = threading.Thread(target=draw, daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        thread.join()
        sys.stderr.write("\r\x1b[K")
        sys.stderr.flush()
