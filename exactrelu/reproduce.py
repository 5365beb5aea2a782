"""The main job: run the embedded catalogue and write ``proofs/`` atomically.

Every job module (:mod:`exactrelu.jobs`) adds certificates and summary rows to
a :class:`Catalogue`; nothing touches the output directory until every job has
finished and every certificate has passed the kernel.  Then the new directory
replaces the old one in one rename, so a failed or interrupted run leaves the
previous ``proofs/`` intact and never a partial one.
"""

from __future__ import annotations

import importlib
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import kernel
from .certificates import atomic_write_text, dumps

__all__ = ["Catalogue", "SummaryRow", "reproduce"]


@dataclass(frozen=True)
class SummaryRow:
    """One line of ``proofs/SUMMARY.md``."""

    section: str
    instance: str
    claim: str
    result: str
    certificate: str


@dataclass
class Catalogue:
    files: dict[str, str] = field(default_factory=dict)
    rows: list[SummaryRow] = field(default_factory=list)
    extra: dict[str, bytes] = field(default_factory=dict)

    def add(self, relpath: str, doc: dict[str, Any], *, section: str, instance: str, claim: str, result: str) -> None:
        """Add a certificate (checked by the kernel now, so a bad one stops the run)."""
        if relpath in self.files:
            raise ValueError(f"two certificates named {relpath}")
        kernel.check_document(doc)
        self.files[relpath] = dumps(doc)
        self.rows.append(SummaryRow(section, instance, claim, result, relpath))

    def add_file(self, relpath: str, content: str | bytes) -> None:
        """A non-certificate output (a table, a plot)."""
        self.extra[relpath] = content.encode() if isinstance(content, str) else content


def _summary(cat: Catalogue) -> str:
    lines = ["# exactrelu proofs", "",
             "Written by `exactrelu reproduce`. Every certificate below re-checks with",
             "`exactrelu check proofs/**/*.json` (a stdlib-only kernel).", ""]
    section = None
    for row in cat.rows:
        if row.section != section:
            section = row.section
            lines += ["", f"## {section}", "", "| instance | claim | result | certificate |", "|---|---|---|---|"]
        lines.append(f"| {row.instance} | {row.claim} | {row.result} | [{row.certificate}]({row.certificate}) |")
    extras = sorted(p for p in cat.extra if not p.endswith(".md") or p != "SUMMARY.md")
    if extras:
        lines += ["", "## Tables and figures", ""] + [f"- [{p}]({p})" for p in extras]
    return "\n".join(lines) + "\n"


def reproduce(out: str | Path, modules: list[str] | None = None,
              log: Callable[[str], None] = lambda s: None) -> Catalogue:
    """Run the catalogue's jobs and replace ``out`` with the result."""
    from .jobs import MODULES

    cat = Catalogue()
    for name in modules or MODULES:
        try:
            job = importlib.import_module(f"exactrelu.jobs.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"exactrelu.jobs.{name}":
                continue  # a concept whose job is not written yet
            raise
        before = len(cat.files)
        job.run(cat)
        log(f"{name}: {len(cat.files) - before} certificates")
    out = Path(out).resolve()
    staging = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.new."))
    try:
        mask = os.umask(0)
        os.umask(mask)
        staging.chmod(0o777 & ~mask)  # mkdtemp makes the directory private; proofs/ is for everyone
        for rel, text in cat.files.items():
            p = staging / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(text, encoding="utf-8")
        for rel, data in cat.extra.items():
            p = staging / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(data)
        atomic_write_text(staging / "SUMMARY.md", _summary(cat))
        old = out.with_name(f".{out.name}.old")
        if old.exists():
            shutil.rmtree(old)
        if out.exists():
            os.replace(out, old)
        os.replace(staging, out)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return cat
