"""Every notebook in notebooks/ runs top to bottom and shows, committed, exactly the text a fresh run prints.

The notebooks are committed with their outputs so a reader sees them without running anything; the values are
exact (Fractions, counts, certificates), so a fresh run must reproduce every text output character for
character.  Images (``image/*``) are exempt, and execution counts and metadata are ignored.

``python tests/test_notebooks.py [NAME ...]`` (PYTHONPATH = the checkout) re-executes the notebooks and writes
them back with their outputs: do that after changing a notebook or an output on purpose, and review the diff.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest

NOTEBOOKS = sorted((Path(__file__).parent.parent / "notebooks").glob("*.ipynb"))


def execute(path: Path) -> Any:
    """The notebook at ``path`` executed top to bottom by a kernel on this interpreter (no timing metadata)."""
    import nbclient
    import nbformat
    from jupyter_client.kernelspec import NATIVE_KERNEL_NAME

    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name=NATIVE_KERNEL_NAME, record_timing=False,
                                     resources={"metadata": {"path": str(path.parent)}})
    client.km = client.create_kernel_manager()
    # the native "python3" kernel is this interpreter (ipykernel is installed in the venv); a fixed hash seed
    # keeps the order of any set of strings a cell shows the same from run to run
    client.km.kernel_cmd = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    checkout = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (checkout, env.get("PYTHONPATH")) if p)
    client.execute(env=env)
    return nb


def text_outputs(nb: Any) -> list[list[tuple[str, str]]]:
    """Per code cell, its outputs as ``(kind, text)``: streams by name, results and displays by their
    ``text/plain``, errors by name and value; images and other rich data are left out."""
    cells = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        out: list[tuple[str, str]] = []
        for o in cell.get("outputs", []):
            kind = o.get("output_type")
            if kind == "stream":
                out.append((o["name"], "".join(o["text"])))
            elif kind in ("execute_result", "display_data"):
                text = o.get("data", {}).get("text/plain")
                if text is not None and not any(k.startswith("image/") for k in o.get("data", {})):
                    out.append(("result", "".join(text)))
            elif kind == "error":
                out.append(("error", f"{o['ename']}: {o['evalue']}"))
        # consecutive pieces of one stream are one text (the kernel may flush a print in several messages)
        merged: list[tuple[str, str]] = []
        for k, t in out:
            if merged and merged[-1][0] == k and k in ("stdout", "stderr"):
                merged[-1] = (k, merged[-1][1] + t)
            else:
                merged.append((k, t))
        cells.append(merged)
    return cells


def test_there_are_notebooks() -> None:
    names = {p.stem for p in NOTEBOOKS}
    assert {"kmtm", "liu", "lvb", "find_counterexample", "landscape"} <= names


def test_text_outputs_ignore_images_and_merge_streams() -> None:
    nbformat = pytest.importorskip("nbformat")
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="a"),
                    nbformat.v4.new_output("stream", name="stdout", text="b\n"),
                    nbformat.v4.new_output("display_data", data={"image/png": "AAAA", "text/plain": "<Figure>"}),
                    nbformat.v4.new_output("execute_result", data={"text/plain": "Fraction(3, 8)"}, execution_count=1)]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("m"), cell])
    assert text_outputs(nb) == [[("stdout", "ab\n"), ("result", "Fraction(3, 8)")]]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_is_committed_with_its_fresh_outputs(path: Path) -> None:
    nbformat = pytest.importorskip("nbformat")
    pytest.importorskip("nbclient")
    committed = text_outputs(nbformat.read(path, as_version=4))
    fresh = text_outputs(execute(path))
    assert not [o for cell in fresh for o in cell if o[0] == "error"], "the notebook raises"
    assert any(committed), f"{path.name} is committed without outputs (run: python tests/test_notebooks.py)"
    for i, (old, new) in enumerate(zip(committed, fresh, strict=True)):
        assert old == new, (f"{path.name}, code cell {i}: the committed output differs from a fresh run "
                            "(re-run python tests/test_notebooks.py and review the diff)")


def coalesce_streams(nb: Any) -> Any:
    """``nb`` with consecutive pieces of one stream joined (the kernel may split a print): a stable file."""
    for cell in nb.cells:
        outputs: list[Any] = []
        for o in cell.get("outputs", []):
            if (o.get("output_type") == "stream" and outputs and outputs[-1].get("output_type") == "stream"
                    and outputs[-1]["name"] == o["name"]):
                outputs[-1]["text"] = "".join(outputs[-1]["text"]) + "".join(o["text"])
            else:
                outputs.append(o)
        if cell.cell_type == "code":
            cell.outputs = outputs
    return nb


def main(names: list[str]) -> None:
    """Execute the notebooks (all, or those named) and write them back with their outputs."""
    import nbformat

    for path in NOTEBOOKS:
        if names and path.stem not in names:
            continue
        nb = coalesce_streams(execute(path))
        nbformat.write(nb, path)
        print(f"{path.name}: {sum(len(c) for c in text_outputs(nb))} text output(s)")


if __name__ == "__main__":
    main(sys.argv[1:])
