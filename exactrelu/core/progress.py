"""Progress of long runs: a rich bar on stderr when stderr is a terminal, nothing otherwise (issue 13).

One way everywhere.  A command wraps its long computation in :func:`progress`, which yields a
:class:`Ticker`; the library functions it calls take that ticker (or any callable, for the older
``advance=`` hooks) and call it once per unit of work::

    with progress(len(cells), "liu atlas", unit="cells") as tick:
        a = atlas(inst, tick)          # atlas calls tick() once per cell

A computation with phases whose sizes it only learns itself (count, then certify) reports them on a
second line with ``tick.stage(description, total)``; ``tick.note(text)`` shows a running remark
(counterexamples so far).  Output on stdout is never touched: a piped or redirected stderr (a script, CI,
a test) gets no bar at all, and on a terminal the bar is erased when the run ends.  Display only: nothing
here decides anything.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["Ticker", "NO_PROGRESS", "progress", "enabled"]

_FLUSH_SECONDS = 0.05
"""A ticker hands its count to rich at most this often, so a hot loop pays one clock read per tick."""


def enabled() -> bool:
    """Whether a bar is drawn: stderr is a terminal (piped, redirected or captured stderr: silent)."""
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # no stderr, or a closed one
        return False


class Ticker:
    """One line of a progress display; calling it records ``n`` units of work done.

    The null ticker (:data:`NO_PROGRESS`, or any ticker of a silent run) ignores every call, so library code
    calls its ticker unconditionally.
    """

    __slots__ = ("_bar", "_task", "_pending", "_last", "_child")

    def __init__(self, bar: Any = None, task: Any = None) -> None:
        self._bar, self._task = bar, task
        self._pending = 0
        self._last = 0.0
        self._child: Ticker | None = None

    def __call__(self, n: int = 1) -> None:
        if self._bar is None:
            return
        self._pending += n
        now = time.monotonic()  # display-only
        if now - self._last >= _FLUSH_SECONDS:
            self._flush(now)

    def _flush(self, now: float | None = None) -> None:
        if self._bar is not None and self._pending:
            self._bar.update(self._task, advance=self._pending)
            self._pending = 0
        self._last = time.monotonic() if now is None else now  # display-only

    def stage(self, description: str, total: int | None = None) -> Ticker:
        """A ticker for one phase of this line's work, shown on the line below it (reused by the next phase)."""
        if self._bar is None:
            return NO_PROGRESS
        if self._child is None:
            self._child = Ticker(self._bar, self._bar.add_task(f"  {description}", total=total, note=""))
        else:
            self._child._pending = 0
            self._bar.reset(self._child._task, total=total, description=f"  {description}", note="")
        return self._child

    def note(self, text: str) -> None:
        """A short remark shown at the end of the line (e.g. ``3 counterexamples``)."""
        if self._bar is not None:
            self._bar.update(self._task, note=text)

    def close(self) -> None:
        self._flush()
        if self._child is not None:
            self._child.close()


NO_PROGRESS = Ticker()
"""The ticker that shows nothing (the default of every library function that reports progress)."""


def _columns(unit: str) -> list[Any]:
    from rich.progress import BarColumn, ProgressColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn
    from rich.text import Text

    suffix = f" {unit}" if unit else ""

    class Count(ProgressColumn):
        """``done/total unit``; ``done unit`` while the total is unknown; nothing before the first unit."""

        def render(self, task: Any) -> Text:
            done = int(task.completed)
            if task.total is None:
                return Text(f"{done}{suffix}" if done else "", style="progress.download")
            return Text(f"{done}/{int(task.total)}{suffix}", style="progress.download")

    class Rate(ProgressColumn):
        """Units per second (rich's own estimate over the last 30 s)."""

        def render(self, task: Any) -> Text:
            return Text("" if not task.speed else f"{task.speed:.1f}/s", style="progress.data.speed")  # display-only

    class Time(ProgressColumn):
        """Time left while the total is known, else time spent so far."""

        def __init__(self) -> None:
            super().__init__()
            self.left, self.spent = TimeRemainingColumn(), TimeElapsedColumn()

        def render(self, task: Any) -> Any:
            return self.spent.render(task) if task.total is None else self.left.render(task)

    return [TextColumn("{task.description}"), BarColumn(), Count(), Rate(), Time(), TextColumn("{task.fields[note]}")]


@contextmanager
def progress(total: int | None, description: str, unit: str = "") -> Iterator[Ticker]:
    """A progress line ``description`` for ``total`` units (``None``: unknown, a pulsing bar) on stderr while
    the ``with`` block runs, erased at its end; when stderr is not a terminal nothing is shown and
    :data:`NO_PROGRESS` is yielded."""
    if not enabled():
        yield NO_PROGRESS
        return
    from rich.console import Console
    from rich.progress import Progress

    # stdout is never redirected into the bar's console: it carries the results (tables, JSON) and must stay
    # byte-for-byte what a silent run writes; lines printed to stderr meanwhile appear above the bar
    bar = Progress(*_columns(unit), console=Console(file=sys.stderr, force_terminal=True), transient=True,
                   redirect_stdout=False)
    tick = Ticker(bar, bar.add_task(description, total=total, note=""))
    with bar:
        try:
            yield tick
        finally:
            tick.close()

