"""Sweeps: one statement over every instance of a grid, streamed to an append-only results file.

Execution is sequential (``workers=1``), on a local process pool (default: all
cores), or on a Dask distributed cluster (``scheduler="tcp://host:port"`` or a
``distributed.Client``).  Every finished instance is appended to the results
file (JSON lines) as one complete line, so an interrupted sweep resumes where it
stopped: instances whose key is already in the file are skipped, and a torn
last line (a kill during a write) is dropped.  Nothing is computed twice and
nothing is lost.

Results file: a header line ``{"type": "header", "format": "exactrelu-sweep", ...}``
then one line per instance::

    {"type": "result", "key", "index", "weight", "instance", "status",
     "hypotheses", "conclusion", "detail", "certificate", "error"}

``status`` is ``holds``, ``counterexample``, ``hypothesis-not-met`` or ``error``.
"""

from __future__ import annotations

import json
import os
import sys
import time
import traceback
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .certificates import write_json
from .grids import Grid, GridInstance, Recipe, build, instance_key, recipes
from .instance import Instance, instance_to_mapping
from .statements import COUNTEREXAMPLE, ERROR, HOLDS, OUTSIDE, Statement, get

__all__ = [
    "SweepError",
    "SweepResult",
    "sweep",
    "read_results",
    "run_one",
    "summary_rows",
    "FORMAT",
]

FORMAT = "exactrelu-sweep"
STATUS_ORDER = (COUNTEREXAMPLE, ERROR, OUTSIDE, HOLDS)


class SweepError(ValueError):
    """A results file that belongs to another sweep, or is damaged beyond its last line."""


@dataclass(frozen=True)
class SweepResult:
    statement: str
    grid: str
    rows: tuple[dict[str, Any], ...]  # every result row, sorted by index
    computed: int  # rows computed in this run (the rest came from the file)
    path: str | None

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r["status"] == status)

    @property
    def counterexamples(self) -> list[dict[str, Any]]:
        return [r for r in self.rows if r["status"] == COUNTEREXAMPLE]


# ---------------------------------------------------------------- one instance
def run_one(
    statement: Statement | str,
    item: GridInstance,
    certificates: str | None = None,
    key: str | None = None,
) -> dict[str, Any]:
    """Check one instance and return its result row (an exception becomes an ``error`` row)."""
    stmt = get(statement) if isinstance(statement, str) else statement
    inst = item.instance
    row: dict[str, Any] = {
        "type": "result",
        "key": key or instance_key(inst),
        "index": item.index,
        "weight": item.weight,
        "instance": instance_to_mapping(inst),
    }
    try:
        verdict = stmt.check(inst, certificates is not None)
    except Exception as exc:  # noqa: BLE001 - an instance that breaks a check is a finding, kept in the file
        last = traceback.extract_tb(exc.__traceback__)[-1]
        row.update(
            status=ERROR,
            hypotheses=None,
            conclusion=None,
            detail={},
            certificate=None,
            error=f"{type(exc).__name__}: {exc} ({Path(last.filename).name}:{last.lineno})",
        )
        return row
    cert_path = None
    if certificates is not None and verdict.certificate is not None:
        cert_path = str(Path(certificates) / f"{stmt.name.replace(':', '_')}-{item.index:06d}.json")
        write_json(cert_path, verdict.certificate)
    row.update(
        status=verdict.status,
        hypotheses=verdict.hypotheses,
        conclusion=verdict.conclusion,
        detail=dict(verdict.detail),
        certificate=cert_path,
        error=None,
    )
    return row


def _run_recipes(
    statement: Statement | str, grid: Grid, batch: Sequence[Recipe], certificates: str | None
) -> list[dict[str, Any]]:
    """A worker's task: build each instance from its recipe (here, not in the parent) and check it."""
    stmt = get(statement) if isinstance(statement, str) else statement
    return [run_one(stmt, build(grid, r), certificates) for r in batch]


def _warm(statement: Statement | str) -> None:
    """Import the statement's module on a worker once, before the timed tasks arrive."""
    if isinstance(statement, str):
        get(statement)


# ---------------------------------------------------------------- results file
def read_results(
    path: str | Path, *, repair: bool = False
) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    """The header and result rows of a results file.

    A torn last line (no newline, or not JSON) is ignored, and cut off when ``repair``.
    A damaged line anywhere else is an error naming the line.
    """
    path = Path(path)
    if not path.exists():
        return None, []
    data = path.read_bytes()
    lines = data.split(b"\n")
    good_end = 0
    header, rows = None, []
    offset = 0
    for i, line in enumerate(lines):
        end = offset + len(line) + 1
        last = i == len(lines) - 1
        if not line.strip():
            offset = end
            if not last:
                good_end = end
            continue
        try:
            rec = json.loads(line)
            if last:
                raise ValueError("no newline")  # a line is complete only with its newline
        except ValueError:
            if last or i == len(lines) - 2 and not lines[-1]:
                break
            raise SweepError(
                f"{path}: line {i + 1}: damaged results line (expected one JSON object); "
                "move the file away to start over"
            ) from None
        if not isinstance(rec, dict) or rec.get("type") not in ("header", "result"):
            raise SweepError(f"{path}: line {i + 1}: expected a header or result record")
        if rec["type"] == "header":
            if header is not None:
                raise SweepError(f"{path}: line {i + 1}: a second header")
            header = rec
        else:
            rows.append(rec)
        good_end = end
        offset = end
    if repair and good_end < len(data):
        with open(path, "r+b") as fh:
            fh.truncate(good_end)
    return header, rows


class _Appender:
    """Appends whole lines with one ``write`` each (O_APPEND): a kill tears at most the last one."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)

    def write(self, rec: dict[str, Any]) -> None:
        os.write(self.fd, (json.dumps(rec, sort_keys=True) + "\n").encode())

    def close(self) -> None:
        os.fsync(self.fd)
        os.close(self.fd)


def _header(stmt: Statement, grid: Grid) -> dict[str, Any]:
    return {
        "type": "header",
        "format": FORMAT,
        "version": 1,
        "statement": stmt.name,
        "grid": grid.name,
        "grid_fingerprint": grid.fingerprint(),
        "grid_kind": grid.kind,
        "symmetries": sorted(grid.symmetries),
        "statement_info": stmt.describe(),
    }


# ---------------------------------------------------------------- executors
def _batches(items: Iterable[Recipe], size: int) -> Iterator[list[Recipe]]:
    batch: list[Recipe] = []
    for it in items:
        batch.append(it)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _sequential(stmt: Statement, grid: Grid, todo: Iterable[Recipe], certs: str | None):  # type: ignore[no-untyped-def]
    for r in todo:
        yield [run_one(stmt, build(grid, r), certs)]


def _reference(stmt: Statement) -> Statement | str:
    """Registered statements travel by name (the worker imports the registry); others by pickle."""
    return stmt.name if ":" not in stmt.name and _is_registered(stmt) else stmt


def _pool(
    stmt: Statement,
    grid: Grid,
    todo: Iterable[Recipe],
    certs: str | None,
    workers: int,
    batch: int,
):  # type: ignore[no-untyped-def]
    ref = _reference(stmt)
    with ProcessPoolExecutor(max_workers=workers) as ex:
        pending: set[Any] = set()
        it = iter(_batches(todo, batch))
        exhausted = False
        while pending or not exhausted:
            while not exhausted and len(pending) < 4 * workers:
                b = next(it, None)
                if b is None:
                    exhausted = True
                    break
                pending.add(ex.submit(_run_recipes, ref, grid, b, certs))
            if not pending:
                break
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for f in done:
                yield f.result()


def _dask(
    stmt: Statement,
    grid: Grid,
    todo: Iterable[Recipe],
    certs: str | None,
    scheduler: Any,
    batch: int,
):  # type: ignore[no-untyped-def]
    """Tasks carry recipes (a few hundred bytes per batch), never instances; the grid is scattered once."""
    from distributed import Client, as_completed

    client = scheduler if isinstance(scheduler, Client) else Client(scheduler, set_as_default=False)
    ref = _reference(stmt)
    try:
        nworkers = max(1, len(client.scheduler_info().get("workers", {})))
        client.run(_warm, ref)
        [grid_ref] = client.scatter([grid], broadcast=True, hash=False)
        it = iter(_batches(todo, batch))
        first = [
            client.submit(_run_recipes, ref, grid_ref, b, certs, pure=False)
            for b in (next(it, None) for _ in range(2 * nworkers))
            if b is not None
        ]
        queue = as_completed(first)
        for fut in queue:
            rows = fut.result()
            fut.release()
            b = next(it, None)
            if b is not None:
                queue.add(client.submit(_run_recipes, ref, grid_ref, b, certs, pure=False))
            yield rows
    finally:
        if client is not scheduler:
            client.close()


def _is_registered(stmt: Statement) -> bool:
    try:
        return get(stmt.name) is stmt
    except Exception:  # noqa: BLE001
        return False


# ---------------------------------------------------------------- the sweep
def sweep(
    statement: Statement | str,
    grid: Grid,
    out: str | Path | None = None,
    *,
    workers: int | None = 1,
    scheduler: Any = None,
    certificates: str | Path | None = None,
    progress: bool = False,
    batch: int | None = None,
    limit: int | None = None,
) -> SweepResult:
    """Run ``statement`` on every instance of ``grid`` (see the module doc).

    ``workers=None`` uses every core; ``scheduler`` (an address or a ``distributed.Client``)
    sends the work to Dask instead.  With ``out``, rows already in the file are kept
    and skipped (resume); ``limit`` stops after that many new instances (for tests).
    """
    stmt = get(statement) if isinstance(statement, str) else statement
    extra = grid.symmetries - stmt.symmetries
    if extra:
        raise SweepError(
            f"{grid.source}: key 'symmetry': statement {stmt.name!r} does not allow "
            f"{', '.join(sorted(extra))} "
            f"(it allows {', '.join(sorted(stmt.symmetries)) or 'none'}) "
            f"(fix: set {sorted(extra)[0]} = false)"
        )
    header = _header(stmt, grid)
    done: dict[str, dict[str, Any]] = {}
    appender = None
    if out is not None:
        out = Path(out)
        old_header, old_rows = read_results(out, repair=True)
        if old_header is not None:
            for k in ("statement", "grid_fingerprint"):
                if old_header.get(k) != header[k]:
                    raise SweepError(
                        f"{out}: written by another sweep ({k} {old_header.get(k)!r}, "
                        f"now {header[k]!r}); use another --out or --restart"
                    )
        elif old_rows:
            raise SweepError(f"{out}: result rows without a header; use another --out")
        for r in old_rows:
            done.setdefault(r["key"], r)
        appender = _Appender(out)
        if old_header is None:
            appender.write(header)
    certs = str(certificates) if certificates is not None else None
    # The header pins the grid's fingerprint and the enumeration is deterministic, so an index
    # names one instance: resume skips done indices without building them (keys still dedupe).
    done_index = {int(r["index"]) for r in done.values()}
    todo = [r for r in recipes(grid) if r[0] not in done_index]
    if limit is not None:
        todo = todo[:limit]
    computed: dict[str, dict[str, Any]] = {}
    nworkers = workers or os.cpu_count() or 1
    size = batch or max(1, min(64, len(todo) // (8 * nworkers) or 1))
    if scheduler is not None:
        stream = _dask(stmt, grid, todo, certs, scheduler, size)
    elif nworkers <= 1 or len(todo) <= 1:
        stream = _sequential(stmt, grid, todo, certs)
    else:
        stream = _pool(stmt, grid, todo, certs, nworkers, size)
    bar = _Bar(len(todo), f"{stmt.name} on {grid.name}", enabled=progress)
    try:
        with bar:
            for rows in stream:
                for r in rows:
                    if r["key"] in computed or r["key"] in done:
                        continue
                    if appender is not None:
                        appender.write(r)
                    computed[r["key"]] = r
                bar.advance(rows)
    finally:
        if appender is not None:
            appender.close()
    merged = {**done, **computed}
    ordered = tuple(sorted(merged.values(), key=lambda r: (r["index"], r["key"])))
    return SweepResult(
        stmt.name, grid.name, ordered, len(computed), str(out) if out is not None else None
    )


class _Bar:
    """A rich progress bar (instances/s, ETA, counterexamples so far); silent unless on a tty."""

    def __init__(self, total: int, desc: str, enabled: bool) -> None:
        self.on = enabled and sys.stderr.isatty()
        self.bad = 0
        self.start = time.monotonic()
        if self.on:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            self.progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]} inst/s"),
                TimeRemainingColumn(),
                TextColumn("[red]{task.fields[bad]} counterexamples"),
                transient=True,
            )
            self.task = self.progress.add_task(desc, total=total, rate="-", bad=0)

    def __enter__(self) -> _Bar:
        if self.on:
            self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.on:
            self.progress.stop()

    def advance(self, rows: Sequence[dict[str, Any]]) -> None:
        self.bad += sum(1 for r in rows if r["status"] == COUNTEREXAMPLE)
        if self.on:
            task = self.progress.tasks[0]
            elapsed = max(time.monotonic() - self.start, 1e-9)  # display-only
            rate = f"{(task.completed + len(rows)) / elapsed:.1f}"  # display-only
            self.progress.update(self.task, advance=len(rows), rate=rate, bad=self.bad)


def summary_rows(rows: Sequence[dict[str, Any]]) -> list[list[str]]:
    """Counts per status (instances = orbits, weighted = raw data sets), counterexamples first."""
    out = []
    for status in STATUS_ORDER:
        sel = [r for r in rows if r["status"] == status]
        out.append([status, str(len(sel)), str(sum(int(r.get("weight", 1)) for r in sel))])
    out.append(["total", str(len(rows)), str(sum(int(r.get("weight", 1)) for r in rows))])
    return out


def describe_instance(inst: Instance | dict[str, Any]) -> str:
    """Points and targets in one short line, for reports."""
    m = inst if isinstance(inst, dict) else instance_to_mapping(inst)
    pts = " ".join("(" + ",".join(p) + ")" for p in m["data"]["points"])
    ts = ",".join(m["data"]["targets"])
    return f"{pts} y=({ts})"
