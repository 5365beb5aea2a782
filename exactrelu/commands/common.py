"""What every command shares: loading instances, JSON output, certificate files."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from rich.progress import Progress

from ..certificates import write_json
from ..instance import Instance, load_instance

__all__ = ["add_instance_argument", "add_output_options", "load", "emit_json", "save_certificate", "progress"]


def add_instance_argument(p: argparse.ArgumentParser) -> None:
    p.add_argument("instance", metavar="INSTANCE", help="instance file (.toml or .json, see README)")


def add_output_options(p: argparse.ArgumentParser, certificate: bool = True) -> None:
    p.add_argument("--json", action="store_true", help="print machine-readable JSON (keys in README)")
    if certificate:
        p.add_argument("--certificate", metavar="OUT", help="write a certificate JSON file (atomically)")


def load(path: str) -> Instance:
    return load_instance(path)


def emit_json(obj: Any) -> None:
    json.dump(obj, sys.stdout, indent=1)
    sys.stdout.write("\n")


def save_certificate(path: str | None, doc: dict[str, Any]) -> None:
    if path:
        write_json(Path(path), doc)
        print(f"certificate written to {path}", file=sys.stderr)


def progress(total: int | None, description: str) -> Progress:
    """A rich progress bar on stderr when it is a terminal; silent otherwise.

    Use as ``with progress(n, "…") as bar: task = bar.add_task("…", total=n); bar.advance(task)``.
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                    console=Console(stderr=True), disable=not sys.stderr.isatty(), transient=True)
