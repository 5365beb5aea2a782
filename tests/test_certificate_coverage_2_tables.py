"""``exactrelu table fullrank|globalmin --certificate DIR``: one certificate per row, all checking."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

from exactrelu import kernel
from exactrelu.cli.main import main


def kinds(doc):
    """The claim kinds the kernel proved (steps first, the claim last); raises ``kernel.Reject``."""
    return [c.kind for c in kernel.check_document(doc)]

def file_kinds(path):
    return [c.kind for c in kernel.check_file(str(path))[0]]

@pytest.mark.parametrize("which, grid, claim", [
    ("fullrank", ["--n", "2,3", "--d0", "1,2", "--d1", "1,2"], "fullrank-count"),
    ("globalmin", ["--n", "2,3", "--d1", "1,2"], "globalmin-count"),
])
def test_every_row_certified(tmp_path, capsys, which, grid, claim):
    out = tmp_path / "certs"
    assert main(["table", which, *grid, "--format", "csv", "--certificate", str(out)]) == 0
    table = capsys.readouterr().out.strip().splitlines()[1:]
    index = json.loads((out / "index.json").read_text())
    assert index["table"] == which and len(index["rows"]) == len(table) == (8 if which == "fullrank" else 4)
    for row, line in zip(index["rows"], table, strict=True):
        assert file_kinds(str(out / row["file"]))[-1] == claim
        doc = json.loads((out / row["file"]).read_text())
        assert Fraction(int(doc["claim"]["count"]), int(doc["claim"]["total"])) == Fraction(row["fraction"])
        assert row["fraction"] in line.split(",")
    # by hand: n = 2 distinct points (x, 1) are independent, so one unit has 4 topes 00, 01, 10, 11 and
    # ∇_w F = diag(a)·X has rank 2 only for a = 11: fraction 1/4.
    first = index["rows"][0]
    assert (first["n"], first["fraction"]) == ("2", "1/4")
    doc = json.loads((out / first["file"]).read_text())
    doc["claim"]["count"] = str(int(doc["claim"]["count"]) + 1)
    with pytest.raises(kernel.Reject):
        kinds(doc)

def test_certificate_path_must_be_a_directory(tmp_path, capsys):
    f = tmp_path / "file"
    f.write_text("x")
    assert main(["table", "fullrank", "--n", "2", "--d0", "1", "--d1", "1", "--certificate", str(f)]) == 2
    assert "directory" in capsys.readouterr().err
