"""What every command shares: loading instances, JSON output, certificate files."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ...certify.certificates import write_json
from ...core.instance import Instance, load_instance
from ...core.progress import progress

__all__ = ["add_instance_argument", "add_output_options", "load", "emit_json", "save_certificate", "progress",
           "output_file", "output_dir"]


def add_instance_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("instance", metavar="INSTANCE",
                   help="instance file (.toml or .json, docs/spec.md §1) or @NAME from the catalogue")


def add_output_options(p: argparse.ArgumentParser, certificate: bool = True) -> None:
    p.add_argument("--json", action="store_true", help="print machine-readable JSON (keys in docs/)")
    if certificate:
        p.add_argument("--certificate", metavar="OUT", help="write a certificate JSON file (atomically)")


def load(path: str) -> Instance:
    """An instance file, or ``@NAME`` for an instance of the embedded catalogue."""
    if path.startswith("@"):
        from ...catalogue import catalogue_instance

        return catalogue_instance(path[1:])
    return load_instance(path)


def emit_json(obj: Any, command: str, inst: Instance | None = None,
              stream: tuple[str, Iterable[Any]] | None = None) -> None:
    """Print the ``--json`` document of ``command`` (the contract of docs/json.md,
    :mod:`exactrelu.render.jsoncontract`): its name, the instance's name and fingerprint,
    and ``obj`` in the contract's vocabulary.

    ``stream = (key, items)`` adds the list ``key`` written item by item as ``items`` yields them (a listing of
    millions of rows is never held; the document is the same JSON as with the list in ``obj``)."""
    from ...render.jsoncontract import document, normalize

    if stream is None:
        json.dump(document(command, inst, obj), sys.stdout, indent=1)
        sys.stdout.write("\n")
        return
    key, items = stream
    marker = "@@streamed-list@@"
    head, tail = json.dumps(document(command, inst, {**obj, key: marker}), indent=1).split(json.dumps(marker), 1)
    sys.stdout.write(head + "[")
    sep = "\n  "
    for item in items:
        sys.stdout.write(sep + json.dumps(normalize(item)))
        sep = ",\n  "
    sys.stdout.write("\n ]" + tail + "\n")


def save_certificate(path: str | None, doc: dict[str, Any]) -> None:
    if path:
        write_json(Path(path), doc)
        print(f"certificate written to {path}", file=sys.stderr)


def output_file(path: str | None, option: str, args: argparse.Namespace | None = None) -> str | None:
    """Check, before any work is done, that the file ``path`` given to ``option`` can be written.

    Its directory must exist and be writable (probed by creating and removing a temporary file, which
    is the only test that also holds for root and for /proc); the path itself must not be a directory.
    With ``args``, an input file of the command (instance, point, grid, results) is never overwritten.
    Raises :class:`~exactrelu.cli.main.UsageError` (exit 2, one line with a fix).
    """
    _not_empty(path, option)
    if path:
        p = Path(path)
        if p.is_dir():
            raise _usage(f"{option} {path}: is a directory, expected a file name "
                         f"(fix: e.g. {option} {os.path.join(path, 'out' + (p.suffix or '.json'))})")
        _writable_directory(p.parent, option, path)
        for name, given in _inputs(args):
            if p.exists() and os.path.samefile(p, given):
                raise _usage(f"{option} {path}: is the {name} file this command reads; writing would destroy it "
                             "(fix: choose another output name)")
    return path


def _inputs(args: argparse.Namespace | None) -> list[tuple[str, str]]:
    """The existing input files named on the command line."""
    out = []
    for name in ("instance", "point", "grid", "results"):
        values = getattr(args, name, None)
        for v in values if isinstance(values, list) else [values]:
            if isinstance(v, str) and v and not v.startswith("@") and Path(v).is_file():
                out.append((name, v))
    return out


def output_dir(path: str | None, option: str) -> str | None:
    """Check, before any work is done, that the directory ``path`` can be created (its parent exists) or
    written into.  Raises :class:`~exactrelu.cli.main.UsageError` (exit 2, one line with a fix)."""
    _not_empty(path, option)
    if path:
        p = Path(path)
        if p.exists() and not p.is_dir():
            raise _usage(f"{option} {path}: is a file, expected a directory (fix: give a new or existing directory)")
        _writable_directory(p if p.exists() else p.parent, option, path)
    return path


def _not_empty(path: str | None, option: str) -> None:
    if path is not None and not path.strip():
        raise _usage(f"{option}: empty path (fix: give a file or directory name, e.g. {option} out)")


def _usage(message: str) -> Exception:
    from ..main import UsageError

    return UsageError(message)


def _writable_directory(d: Path, option: str, path: str) -> None:
    d = d if str(d) else Path(".")
    if not d.is_dir():
        blocker = next((a for a in [d, *d.parents] if a.exists()), None)
        if blocker is not None and not blocker.is_dir():
            raise _usage(f"{option} {path}: {blocker} is a file, not a directory "
                         "(fix: choose a path that is not inside a file)")
        raise _usage(f"{option} {path}: the directory {d} does not exist (fix: mkdir -p {d})")
    try:
        fd, probe = tempfile.mkstemp(dir=d, prefix=".exactrelu-probe-")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise _usage(f"{option} {path}: cannot write in {d} ({exc.strerror or exc}) "
                     "(fix: choose a writable directory)") from None

