"""The regions / check command line: documented JSON keys, bad options, exit codes."""

from __future__ import annotations

import json

import pytest
from conftest import run_cli

README_KEYS = {"command", "instance", "n", "d", "d1", "topes", "regions", "zero_points", "parallel_classes",
               "general_position", "dependent_set", "prop3_closed_form", "prop3_agrees", "notes",
               "count_routes"}


def test_regions_json_has_the_documented_keys():
    out = run_cli("regions", "@parallel", "--json", "--list")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert README_KEYS | {"rows"} == set(doc)
    assert doc["regions"] == "36" and doc["topes"] == "6" and doc["prop3_closed_form"] == "100"
    assert doc["parallel_classes"] == [["0", "1"], ["2", "3"]]
    assert len(doc["rows"]) == 6


def test_zonotope_flag_reports_agreement():
    doc = json.loads(run_cli("regions", "@fig2-zonotope", "--zonotope", "--json").stdout)
    assert doc["prop4_agrees"] is True


def test_cone_and_covectors(tmp_path):
    out = run_cli("regions", "@fig1-fan", "--cone", "+0-", "--json", "--certificate", str(tmp_path / "c.json"))
    assert json.loads(out.stdout)["nonempty"] is True
    assert run_cli("check", str(tmp_path / "c.json")).returncode == 0
    faces = json.loads(run_cli("regions", "@fig1-fan", "--covectors", "--json").stdout)["covectors"]
    assert len(faces) == 13  # 6 sectors, 6 rays, the origin


@pytest.mark.parametrize("args,needle", [
    (["regions", "@oned-bias", "--pattern", "1010"], "--pattern: expected 2 comma-separated rows of 4"),
    (["regions", "@oned-bias", "--pattern", "1012,0011"], "--pattern"),
    (["regions", "@fig1-fan", "--cone", "+-"], "--cone: expected 3 characters"),
    (["regions", "@no-such-example"], "no such embedded instance"),
    (["regions", "/nonexistent.toml"], "file not found"),
])
def test_bad_options_exit_2_with_one_line(args, needle):
    out = run_cli(*args)
    assert out.returncode == 2
    assert needle in out.stderr and "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_check_rejects_non_json_and_missing_files(tmp_path):
    junk = tmp_path / "junk.json"
    junk.write_text("{not json")
    out = run_cli("check", str(junk), str(junk))
    assert out.returncode == 1 and "Traceback" not in out.stdout + out.stderr
    assert out.stdout.count("FAILED") == 2 and "parse error" in out.stdout
    # a path that is not a file is bad input (exit 2), not a certificate that failed to check (exit 1)
    out = run_cli("check", str(junk), str(tmp_path / "missing.json"))
    assert out.returncode == 2 and "Traceback" not in out.stdout + out.stderr
    assert out.stderr.strip() == f"exactrelu: error: {tmp_path / 'missing.json'}: no such file, expected a " \
        "certificate JSON file (fix: check the path)"


def test_help_teaches():
    out = run_cli("--help")
    assert out.returncode == 0 and "@fig1-fan" in out.stdout and "exactrelu check" in out.stdout
    sub = run_cli("regions", "--help")
    assert "Proposition 3" in sub.stdout and "--certificate" in sub.stdout


def test_readme_documents_every_claim_kind():
    from conftest import ROOT

    from exactrelu.kernel import RULES

    readme = (ROOT / "README.md").read_text()
    missing = [kind for kind in RULES if f"`{kind}`" not in readme]
    assert not missing, f"README's certificate section lacks {missing}"


@pytest.mark.parametrize("args,kind,statement", [
    (["@parallel"], "region-count", "exactly 36 non-empty activation regions S^A for d1 = 2 (6 topes per unit)"),
    (["@fig2-zonotope", "--pattern", "101,011"], "region-empty", "S^A is empty for A = 101,011"),
    (["@fig2-zonotope", "--pattern", "110,011"], "region-nonempty", "S^A is non-empty for A = 110,011"),
    (["@fig1-fan", "--cone", "+0+"], "cone-empty", "the face {w : sign <w, x_j> = s_j for every j}, s = +0+, is empty"),
])
def test_certificates_round_trip_through_check(tmp_path, args, kind, statement):
    cert = tmp_path / "c.json"
    out = run_cli("regions", *args, "--certificate", str(cert))
    assert out.returncode == 0, out.stderr
    checked = run_cli("check", str(cert))
    assert checked.returncode == 0 and f"{kind}: {statement}" in checked.stdout


def test_a_streamed_json_list_is_the_same_document_as_a_whole_one(capsys):
    from exactrelu.cli.commands.common import emit_json

    rows = [{"row": "0110", "witness": ["1/2", "-3"]}, {"row": "1001", "witness": ["0", "7"]}]
    emit_json({"topes": 2, "notes": ["a"]}, "regions", None, stream=("rows", iter(rows)))
    streamed = json.loads(capsys.readouterr().out)
    emit_json({"topes": 2, "notes": ["a"], "rows": rows}, "regions")
    assert streamed == json.loads(capsys.readouterr().out)
    assert streamed["rows"] == rows and streamed["topes"] == "2"
    emit_json({"topes": 0}, "regions", None, stream=("rows", iter([])))  # an empty stream is an empty list
    assert json.loads(capsys.readouterr().out)["rows"] == []
