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

``status`` is the closed vocabulary of :class:`exactrelu.core.model.Verdict`: ``holds``
(hypotheses met, conclusion verified), ``fails`` (hypotheses met, conclusion refuted),
``vacuous`` (a hypothesis fails, or the bound says nothing) or ``undecided`` (the check could
not decide; a check that raised is undecided with its ``error``).  Files written with the
older words (``counterexample``, ``hypothesis-not-met``, ``error``) are read as these.
"""

from __future__ import annotations

import json
import os
import pickle
import traceback
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..certify.certificates import write_json
from ..core.instance import Instance, instance_to_mapping
from ..core.progress import NO_PROGRESS
from ..core.progress import progress as show_progress
from .grids import Grid, GridInstance, Recipe, build, instance_key, recipes
from .statements import COUNTEREXAMPLE, ERROR, LEGACY_STATUS, STATUSES, Statement, get

__all__ = [
    "SweepError",
    "SweepResult",
    "sweep",
    "read_results",
    "run_one",
    "summary_rows",
    "FORMAT",
    "DASK_CONFIG",
    "describe_instance",
]

FORMAT = "exactrelu-sweep"

#: Dask settings for a cluster that runs sweeps (``dask.config.set(DASK_CONFIG)`` before starting it).
#: Sweep tasks are long, uniform, pure-Python loops: the statistical profiler (a stack sample every
#: 10 ms), work stealing, the 20 ms event-loop tick and the 100 ms memory/system monitors only cost
#: CPU that the two cores' workers need (an idle 2-worker LocalCluster: 0.07 -> 0.01 CPU-s/s).
DASK_CONFIG: dict[str, Any] = {
    "distributed.worker.profile.enabled": False,
    "distributed.scheduler.work-stealing": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.admin.system-monitor.gil.enabled": False,
    "distributed.worker.memory.monitor-interval": "5s",
}
STATUS_ORDER = STATUSES
"""``fails``, ``undecided``, ``vacuous``, ``holds``: the closed vocabulary, the ones to look at first."""


class SweepError(ValueError):
    """A results file that belongs to another sweep, or is damaged beyond its last line."""


@dataclass(frozen=True)
class SweepResult:
    """One sweep's outcome: every result row of ``statement`` over ``grid``, how many this run computed, and the
    results file."""

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


def _line(row: dict[str, Any]) -> bytes:
    """A row as one results-file line (sorted keys, newline-terminated)."""
    return (json.dumps(row, sort_keys=True) + "\n").encode()


def _run_lines(
    statement: Statement | str, grid: Grid, batch: Sequence[Recipe], certificates: str | None
) -> bytes:
    """A worker's task: build each instance from its recipe (here, not in the parent), check it, and
    return its rows *and* their finished results-file lines, pickled together into one ``bytes``:
    cheaper to size and send than a list of nested dicts, the JSON encoding runs in parallel (not in
    the parent), and unpickling the rows costs the parent several times less than decoding the JSON."""
    stmt = get(statement) if isinstance(statement, str) else statement
    rows = [run_one(stmt, build(grid, r), certificates) for r in batch]
    return pickle.dumps((rows, b"".join(map(_line, rows))), protocol=pickle.HIGHEST_PROTOCOL)


def _run_pickled(batch: bytes, statement: Statement | str, grid: Grid, certificates: str | None) -> bytes:
    """:func:`_run_lines` on a pickled batch: Dask scans plain arguments for futures, not ``bytes``."""
    return _run_lines(statement, grid, pickle.loads(batch), certificates)


_POOL: dict[str, Any] = {}  # a pool worker's statement, grid, recipes and certificate directory, set once


def _pool_init(statement: Statement | str, grid: Grid, todo: list[Recipe], certificates: str | None) -> None:
    _POOL.update(statement=statement, grid=grid, todo=todo, certs=certificates)
    _warm(statement)


def _pool_range(start: int, stop: int) -> bytes:
    """A pool task is an index range into the recipes every worker received once at start-up."""
    return _run_lines(_POOL["statement"], _POOL["grid"], _POOL["todo"][start:stop], _POOL["certs"])


def _warm(statement: Statement | str) -> None:
    """Import the statement's module on a worker once, before the timed tasks arrive."""
    if isinstance(statement, str):
        get(statement)


def _rows(blob: bytes) -> list[tuple[dict[str, Any], bytes]]:
    """A worker's rows, each with its line (written as is)."""
    rows, lines = pickle.loads(blob)
    return list(zip(rows, [ln + b"\n" for ln in lines.split(b"\n")[:-1]], strict=True))


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
        if rec["type"] == "result" and not (isinstance(rec.get("key"), str) and isinstance(rec.get("index"), int)):
            raise SweepError(f"{path}: line {i + 1}: a result record needs a string 'key' and an integer 'index' "
                             "(fix: move the file away and rerun the sweep)")
        if rec["type"] == "header":
            if header is not None:
                raise SweepError(f"{path}: line {i + 1}: a second header")
            header = rec
        else:
            if rec.get("status") in LEGACY_STATUS:  # a file written before the closed vocabulary
                rec["status"] = LEGACY_STATUS[rec["status"]]
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
        self.write_lines(_line(rec))

    def write_lines(self, data: bytes) -> None:
        """Whole lines in one ``write``: a kill tears at most the last line, which resume drops."""
        while data:
            data = data[os.write(self.fd, data) :]

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
def _chunks(n: int, workers: int, batch: int | None) -> list[tuple[int, int]]:
    """Index ranges ``[start, stop)`` covering ``range(n)``: ``batch`` each if given, else guided.

    Guided self-scheduling: each chunk is ``ceil(remaining / (2·workers))`` instances, but at least
    ``ceil(n / (16·workers))``: few large tasks first (little per-task cost), small ones at the end
    (a worker that finishes early waits for at most one small chunk of the other).
    """
    if batch is not None:
        return [(i, min(i + batch, n)) for i in range(0, n, max(1, batch))]
    floor = max(1, -(-n // (16 * workers)))
    out, start = [], 0
    while start < n:
        size = max(floor, -(-(n - start) // (2 * workers)))
        out.append((start, min(start + size, n)))
        start += size
    return out


Lines = list[tuple[dict[str, Any], bytes | None]]  # result rows, each with its results-file line if known


def _sequential(stmt: Statement, grid: Grid, todo: Iterable[Recipe], certs: str | None) -> Iterator[Lines]:
    for r in todo:
        yield [(run_one(stmt, build(grid, r), certs), None)]


def _reference(stmt: Statement) -> Statement | str:
    """Registered statements travel by name (the worker imports the registry); others by pickle."""
    return stmt.name if ":" not in stmt.name and _is_registered(stmt) else stmt


def _pool(
    stmt: Statement,
    grid: Grid,
    todo: list[Recipe],
    certs: str | None,
    workers: int,
    batch: int | None,
) -> Iterator[Lines]:
    """Each worker receives the statement, grid and recipes once (initializer); tasks are index ranges."""
    ranges = iter(_chunks(len(todo), workers, batch))
    init = (_reference(stmt), grid, todo, certs)
    with ProcessPoolExecutor(max_workers=workers, initializer=_pool_init, initargs=init) as ex:
        pending: set[Any] = set()
        exhausted = False
        while pending or not exhausted:
            while not exhausted and len(pending) < 2 * workers:
                r = next(ranges, None)
                if r is None:
                    exhausted = True
                    break
                pending.add(ex.submit(_pool_range, *r))
            if not pending:
                break
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for f in done:
                yield _rows(f.result())


def _dask(
    stmt: Statement,
    grid: Grid,
    todo: list[Recipe],
    certs: str | None,
    scheduler: Any,
    batch: int | None,
) -> Iterator[Lines]:
    """All tasks are submitted at once (one graph update) with guided sizes; the scheduler's queue
    hands them out as workers free up.  A task carries its recipes pickled to ``bytes`` (Dask does
    not traverse them) and the grid by a scattered reference; it returns its rows with their
    results-file lines."""
    from distributed import Client, as_completed

    client = scheduler if isinstance(scheduler, Client) else Client(scheduler, set_as_default=False)
    ref = _reference(stmt)
    try:
        nworkers = max(1, sum(client.nthreads().values()))  # threads of every worker (scheduler_info lists a few)
        client.run(_warm, ref)
        [grid_ref] = client.scatter([grid], broadcast=True, hash=False)
        ranges = _chunks(len(todo), nworkers, batch)
        blobs = [pickle.dumps(todo[a:b], protocol=pickle.HIGHEST_PROTOCOL) for a, b in ranges]
        futures = client.map(_run_pickled, blobs, statement=ref, grid=grid_ref, certificates=certs, pure=False)
        for fut, blob in as_completed(futures, loop=client.loop, with_results=True):  # not the default client
            fut.release()
            yield _rows(blob)
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
    stream: Iterator[Lines]
    if scheduler is not None:
        stream = _dask(stmt, grid, todo, certs, scheduler, batch)
    elif nworkers <= 1 or len(todo) <= 1:
        stream = _sequential(stmt, grid, todo, certs)
    else:
        stream = _pool(stmt, grid, todo, certs, nworkers, batch)
    # a bar on a terminal's stderr (instances/s, ETA, counterexamples so far), silent otherwise
    shown = show_progress(len(todo), f"sweep {stmt.name} on {grid.name}", unit="instances") if progress \
        else nullcontext(NO_PROGRESS)
    bad = 0
    try:
        with shown as tick:
            for lines in stream:
                fresh = []
                for r, line in lines:
                    if r["key"] in computed or r["key"] in done:
                        continue
                    computed[r["key"]] = r
                    fresh.append(line or _line(r))
                if appender is not None and fresh:
                    appender.write_lines(b"".join(fresh))
                tick(len(lines))
                new_bad = sum(1 for r, _ in lines if r["status"] == COUNTEREXAMPLE)
                if new_bad:
                    bad += new_bad
                    tick.note(f"[red]{bad} counterexample{'s' if bad > 1 else ''}")
    finally:
        if appender is not None:
            appender.close()
    merged = {**done, **computed}
    ordered = tuple(sorted(merged.values(), key=lambda r: (r["index"], r["key"])))
    return SweepResult(
        stmt.name, grid.name, ordered, len(computed), str(out) if out is not None else None
    )


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
