"""Every notebook in notebooks/ runs top to bottom (nbclient, a kernel on this interpreter)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).parent.parent / "notebooks").glob("*.ipynb"))


def test_there_are_notebooks():
    names = {p.stem for p in NOTEBOOKS}
    assert {"kmtm", "liu", "lvb", "find_counterexample"} <= names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs(path):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    from jupyter_client.kernelspec import NATIVE_KERNEL_NAME

    nb = nbformat.read(path, as_version=4)
    # the native "python3" kernel is this interpreter (ipykernel is installed in the venv)
    client = nbclient.NotebookClient(
        nb, timeout=120, kernel_name=NATIVE_KERNEL_NAME, resources={"metadata": {"path": str(path.parent)}}
    )
    client.km = client.create_kernel_manager()
    client.km.kernel_cmd = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    client.execute()
    errors = [
        o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.get("output_type") == "error"
    ]
    assert not errors
