"""`reproduce --only PART` rewrites that part's folder and SUMMARY rows only (issue 12: no data loss)."""

from __future__ import annotations

import shutil

import pytest
from conftest import ROOT
from hypothesis import given
from hypothesis import strategies as st

from exactrelu.cli.main import main
from exactrelu.sweeps.reproduce import SummaryRow, _summary, parse_summary


def _tree(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_only_regions_keeps_every_other_file_and_row(tmp_path, capsys):
    out = tmp_path / "proofs"
    shutil.copytree(ROOT / "proofs", out)
    (out / "notes.txt").write_text("the user's own file")
    (out / "regions" / "stale.json").write_text("{}")  # a file of the part being rewritten: it goes
    before = _tree(out)
    assert main(["reproduce", "--only", "regions", "--out", str(out)]) == 0
    after = _tree(out)
    assert set(after) == set(before) - {"regions/stale.json"}
    # the shipped catalogue is what the code writes, so every byte is as before, SUMMARY.md included:
    # the regions rows were rewritten in place and every other part's rows were kept
    assert all(after[k] == before[k] for k in after), [k for k in after if after[k] != before[k]]
    said = capsys.readouterr().out
    assert "into " + str(out) + "/regions/" in said and "updated " + str(out) + "/SUMMARY.md" in said
    assert not list(out.glob(".reproduce.*"))  # no staging directory left behind


def test_only_into_a_new_directory_and_twice(tmp_path):
    out = tmp_path / "new"
    assert main(["reproduce", "--only", "regions", "--out", str(out)]) == 0
    (out / "mine.txt").write_text("keep me")
    assert main(["reproduce", "--only", "regions", "--out", str(out)]) == 0
    assert (out / "mine.txt").read_text() == "keep me"
    rows, extras = parse_summary((out / "SUMMARY.md").read_text())
    assert {r.certificate.split("/")[0] for r in rows} == {"regions"} and extras == []
    assert len(rows) == len(list((out / "regions").glob("*.json")))


@pytest.mark.parametrize("argv, needle", [
    (["--only", "nosuch"],
     "--only: unknown part nosuch (fix: choose from regions, jacobian, liu, lvb, landscape, sweep)"),
    (["--only", "regions", "bogus"], "unknown part bogus"),
])
def test_unknown_part_exits_2_and_writes_nothing(tmp_path, capsys, argv, needle):
    out = tmp_path / "out"
    assert main(["reproduce", *argv, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert needle in err and err.count("\n") == 1
    assert not out.exists()


def test_refuses_folders_that_are_not_its_own(tmp_path, capsys):
    (tmp_path / "regions").mkdir()
    (tmp_path / "regions" / "thesis.tex").write_text("mine")
    assert main(["reproduce", "--only", "regions", "--out", str(tmp_path)]) == 2
    assert "not ours to replace" in capsys.readouterr().err
    assert (tmp_path / "regions" / "thesis.tex").read_text() == "mine"


cell = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1,
               max_size=12).map(str.strip).filter(bool)


@given(st.lists(st.tuples(st.sampled_from(["Regions", "Liu | atlas"]), cell, cell, cell,
                          st.from_regex(r"[a-z]{1,5}/[a-z0-9.+-]{1,8}\.json", fullmatch=True)), max_size=6),
       st.lists(st.from_regex(r"[a-z]{1,5}/[a-z0-9-]{1,8}\.(md|png)", fullmatch=True), max_size=3, unique=True))
def test_parse_summary_inverts_summary(rows, extras):
    """Pipes and backslashes in cells are escaped, so a merged SUMMARY.md reads back exactly the rows written."""
    rows = sorted((SummaryRow(*r) for r in rows), key=lambda r: r.section)
    got_rows, got_extras = parse_summary(_summary(rows, extras))
    assert got_rows == rows
    assert got_extras == sorted(extras)
