"""The main job: run the embedded catalogue and write its certificates into an output directory.

Every job module (:mod:`exactrelu.sweeps.jobs`) is a *part* that owns one folder of
the output directory (``regions/``, ``jacobian/``, …, see
:data:`exactrelu.sweeps.jobs.FOLDERS`) and adds certificates and summary rows to a
:class:`Catalogue`.  Nothing touches the output directory until every job has
finished and every certificate has passed the kernel.  Then each rewritten
part's folder is swapped in by a rename and ``SUMMARY.md`` is rewritten
atomically with the rows of the parts that were not run kept as they were, so
``--only regions`` leaves every other part's files (and any file of the user's)
untouched, and a failed or interrupted run leaves the previous directory intact.
"""

from __future__ import annotations

import importlib
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import kernel
from ..certify.certificates import dumps
from ..core.files import atomic_write_text
from ..core.progress import NO_PROGRESS, Ticker

__all__ = ["Catalogue", "ReproduceError", "SummaryRow", "parse_summary", "reproduce"]

SUMMARY = "SUMMARY.md"
HEADING = "# exactrelu proofs"
FIGURES = "Tables and figures"


class ReproduceError(ValueError):
    """A bad ``--only`` part or ``--out`` directory (the CLI reports it in one line, exit 2)."""


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
    """What the main job writes: certificates (``files``), summary ``rows``, extra tables and figures (``extra``),
    and the folder the running job owns."""

    files: dict[str, str] = field(default_factory=dict)
    rows: list[SummaryRow] = field(default_factory=list)
    extra: dict[str, bytes] = field(default_factory=dict)
    folder: str | None = None
    """While a job runs: the folder it owns; every path it adds must lie inside it."""
    kept: int = 0
    """After :func:`reproduce`: files of parts that were not run, left as they were."""
    tick: Callable[[], None] = field(default=NO_PROGRESS, repr=False, compare=False)
    """Called once per certificate or file added (the progress line of the part being run)."""

    def _own(self, relpath: str) -> None:
        if self.folder is not None and not relpath.startswith(self.folder + "/"):
            raise ValueError(f"{relpath}: a job writing into {self.folder}/ may not add files elsewhere")

    def add(self, relpath: str, doc: dict[str, Any], *, section: str, instance: str, claim: str, result: str) -> None:
        """Add a certificate (checked by the kernel now, so a bad one stops the run)."""
        self._own(relpath)
        if relpath in self.files:
            raise ValueError(f"two certificates named {relpath}")
        kernel.check_document(doc)
        self.files[relpath] = dumps(doc)
        self.rows.append(SummaryRow(section, instance, claim, result, relpath))
        self.tick()

    def add_file(self, relpath: str, content: str | bytes) -> None:
        """A non-certificate output (a table, a plot)."""
        self._own(relpath)
        self.extra[relpath] = content.encode() if isinstance(content, str) else content
        self.tick()


def _cell(text: str) -> str:
    """A table cell: backslashes and pipes escaped (GFM), so :func:`parse_summary` reads it back exactly."""
    return text.replace("\\", "\\\\").replace("|", "\\|")


def _cells(text: str) -> list[str]:
    """Split ``a | b | c`` at the unescaped `` | `` separators and undo :func:`_cell`."""
    cells, cur, i = [], [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            cur.append(text[i + 1])
            i += 2
        elif text.startswith(" | ", i):
            cells.append("".join(cur))
            cur, i = [], i + 3
        else:
            cur.append(text[i])
            i += 1
    return [*cells, "".join(cur)]


def _summary(rows: list[SummaryRow], extras: list[str]) -> str:
    lines = [HEADING, "",
             "Written by `exactrelu reproduce`. Every certificate below re-checks with",
             "`exactrelu check proofs/**/*.json` (a stdlib-only kernel).", ""]
    section = None
    for row in rows:
        if row.section != section:
            section = row.section
            lines += ["", f"## {section}", "", "| instance | claim | result | certificate |", "|---|---|---|---|"]
        lines.append(f"| {_cell(row.instance)} | {_cell(row.claim)} | {_cell(row.result)} "
                     f"| [{row.certificate}]({row.certificate}) |")
    extras = sorted(p for p in extras if p != SUMMARY)
    if extras:
        lines += ["", f"## {FIGURES}", ""] + [f"- [{p}]({p})" for p in extras]
    return "\n".join(lines) + "\n"


_ROW = re.compile(r"\| (?P<cells>.*) \| \[(?P<cert>[^\]]+)\]\((?P=cert)\) \|")
_EXTRA = re.compile(r"- \[(?P<path>[^\]]+)\]\((?P=path)\)")


def parse_summary(text: str) -> tuple[list[SummaryRow], list[str]]:
    """The rows and the table/figure paths of a ``SUMMARY.md`` written by :func:`_summary` (its inverse)."""
    rows: list[SummaryRow] = []
    extras: list[str] = []
    section = ""
    for line in text.splitlines():
        if line.startswith("## "):
            section = line[3:]
        elif section == FIGURES and (m := _EXTRA.fullmatch(line)):
            extras.append(m["path"])
        elif m := _ROW.fullmatch(line):
            cells = _cells(m["cells"])
            if len(cells) == 3:
                rows.append(SummaryRow(section, *cells, m["cert"]))
    return rows, extras


def _check_out(out: Path, folders: list[str]) -> None:
    """Refuse an output directory whose files this run would clobber without their being ours."""
    if out.exists() and not out.is_dir():
        raise ReproduceError(f"--out {out}: is a file, expected a directory (fix: give a new or existing directory)")
    if not out.exists():
        if not out.parent.is_dir():
            raise ReproduceError(f"--out {out}: the parent directory {out.parent} does not exist "
                                 f"(fix: mkdir -p {out.parent})")
        return
    summary = out / SUMMARY
    ours = summary.is_file() and summary.read_text(encoding="utf-8", errors="replace").startswith(HEADING)
    if summary.exists() and not ours:
        raise ReproduceError(f"--out {out}: {summary} was not written by exactrelu reproduce and would be "
                             "overwritten (fix: choose another --out directory)")
    clash = [f for f in folders if (out / f).exists()]
    if clash and not ours:
        raise ReproduceError(f"--out {out}: holds {', '.join(f + '/' for f in clash)} but no SUMMARY.md of "
                             "exactrelu reproduce, so those folders are not ours to replace "
                             "(fix: choose a new or empty --out directory)")


def reproduce(out: str | Path, modules: list[str] | None = None,
              log: Callable[[str], None] = lambda s: None, progress: Ticker = NO_PROGRESS) -> Catalogue:
    """Run the named parts (default: all) and install their folders and the merged summary into ``out``;
    ``progress`` (:mod:`exactrelu.core.progress`) is ticked once per part, its stage line counting the part's files."""
    from .jobs import FOLDERS, MODULES

    parts = list(dict.fromkeys(modules or MODULES))
    unknown = [p for p in parts if p not in MODULES]
    if unknown:
        raise ReproduceError(f"--only: unknown part{'s' if len(unknown) > 1 else ''} {', '.join(unknown)} "
                             f"(fix: choose from {', '.join(MODULES)})")
    folders = [FOLDERS.get(p, p) for p in parts]
    out = Path(out)
    _check_out(out, folders)
    cat = Catalogue()
    for name in parts:
        job = importlib.import_module(f"exactrelu.sweeps.jobs.{name}")
        before = len(cat.files)
        cat.folder = FOLDERS.get(name, name)
        cat.tick = progress.stage(f"{name}: certificates and figures")
        job.run(cat)
        progress()
        log(f"{name}: {len(cat.files) - before} certificates")
    cat.folder = None
    cat.tick = NO_PROGRESS
    _install(out.resolve(), cat, folders, [FOLDERS.get(m, m) for m in MODULES])
    return cat


def _install(out: Path, cat: Catalogue, folders: list[str], order: list[str]) -> None:
    """Swap each rewritten folder in by a rename, then rewrite SUMMARY.md with the other parts' rows kept."""
    created = not out.exists()
    out.mkdir(exist_ok=True)
    old_rows: list[SummaryRow] = []
    old_extras: list[str] = []
    if (out / SUMMARY).is_file():
        old_rows, old_extras = parse_summary((out / SUMMARY).read_text(encoding="utf-8"))

    def kept(rel: str) -> bool:
        return rel.split("/", 1)[0] not in folders and (out / rel).is_file()

    def rank(row: SummaryRow) -> int:  # SUMMARY.md lists the parts in the order of jobs.MODULES
        top = row.certificate.split("/", 1)[0]
        return order.index(top) if top in order else len(order)

    rows = sorted([r for r in old_rows if kept(r.certificate)] + cat.rows, key=rank)
    extras = [p for p in old_extras if kept(p)] + list(cat.extra)
    cat.kept = len({r.certificate for r in rows if kept(r.certificate)} | {p for p in extras if kept(p)})
    staging = Path(tempfile.mkdtemp(dir=out, prefix=".reproduce."))
    moved: list[str] = []
    try:
        mask = os.umask(0)
        os.umask(mask)
        staging.chmod(0o777 & ~mask)  # mkdtemp makes the directory private; proofs/ is for everyone
        new, old = staging / "new", staging / "old"
        new.mkdir()
        old.mkdir()
        for folder in folders:
            (new / folder).mkdir()
        for rel, text in cat.files.items():
            p = new / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(text, encoding="utf-8")
        for rel, data in cat.extra.items():
            p = new / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(data)
        for folder in folders:
            if (out / folder).exists():
                os.replace(out / folder, old / folder)
            moved.append(folder)
            if any((new / folder).iterdir()):
                os.replace(new / folder, out / folder)
        atomic_write_text(out / SUMMARY, _summary(rows, extras))
    except BaseException:
        for folder in reversed(moved):  # put the previous folders back: a failed run changes nothing
            shutil.rmtree(out / folder, ignore_errors=True)
            if (old / folder).exists():
                os.replace(old / folder, out / folder)
        shutil.rmtree(staging, ignore_errors=True)
        if created:
            shutil.rmtree(out, ignore_errors=True)
        raise
    shutil.rmtree(staging, ignore_errors=True)
