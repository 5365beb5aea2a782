"""Optional plug-in modules: a command (``exactrelu.cli.commands.NAME``) or a catalogue job
(``exactrelu.sweeps.jobs.NAME``) listed before it is written."""

from __future__ import annotations

import importlib
from types import ModuleType


def optional_module(name: str) -> ModuleType | None:
    """Import the module ``name``, or ``None`` when that module itself does not exist (a concept whose command or
    job is not written yet).  A missing module *imported by* ``name`` is a real error and propagates."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name == name:
            return None
        raise
