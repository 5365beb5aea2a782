"""``exactrelu lvb --certificate`` covers every printed verdict (claim ``lvb-analysis``)."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exactrelu import kernel
from exactrelu.cli import main
from exactrelu.instance import instance_from_mapping, load_instance
from exactrelu.kernel.base import CheckFailure
from exactrelu.lvb import analysis_certificate, classify
from exactrelu.point import load_point, point_from_mapping


def fig4(point: str):
    inst = load_instance("examples/lvb/fig4.toml")
    return inst, load_point(f"examples/lvb/{point}.toml", inst)


def rejected(doc, match=None):
    with pytest.raises(CheckFailure, match=match):
        kernel.check_document(doc)


@pytest.fixture(scope="module")
def flat_doc():
    inst, p = fig4("fig4_point")
    return analysis_certificate(inst, p)


def test_cli_writes_the_composite(tmp_path, capsys):
    cert = tmp_path / "c.json"
    assert main(["lvb", "examples/lvb/fig4.toml", "--point", "examples/lvb/fig4_sharp_point.toml",
                 "--certificate", str(cert)]) == 0
    assert "type II" in capsys.readouterr().out
    assert kernel.check_file(str(cert)) == ["clarke-critical", "lvb-analysis"]
    claim = json.loads(cert.read_text())["claim"]
    assert claim["type"] == "type II" and claim["cell"] is None and claim["hessian"] is None


def test_flat_minimum_every_field(flat_doc):
    claim = flat_doc["claim"]
    assert kernel.check_document(flat_doc) == ["clarke-critical", "lvb-analysis"]
    # the Figure-4 flat cell: L_u ≡ 2/7 (3 dead points of 7 … by hand: μ = 1/7, dead hinge args 1, 1)
    assert claim["cell"]["terms"] == [{"monomial": [], "coefficient": "2/7"}]
    assert claim["cell"]["multilinear"] and claim["cell"]["harmonic"] and claim["cell"]["constant"]
    assert (claim["hessian"], claim["clarke"], claim["type"], claim["loss"]) == ("zero", "critical", "type I", "2/7")


@pytest.mark.parametrize("where, value, match", [
    (("cell", "multilinear"), False, "multilinear"),
    (("cell", "harmonic"), False, "harmonic"),
    (("cell", "constant"), False, "constant"),
    (("cell", "terms"), [{"monomial": [], "coefficient": "1/7"}], "polynomial"),
    (("loss",), "1/7", "loss"),
    (("type",), "type II", "flat"),
    (("theorem6_violations",), [[0, 0]], "Theorem 6"),
    (("clarke",), "not-critical", "wrong kind"),
    (("hessian",), "indefinite", "evidence"),
])
def test_flat_corruptions_rejected(flat_doc, where, value, match):
    bad = copy.deepcopy(flat_doc)
    target = bad["claim"]
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = value
    rejected(bad, match)


def test_signature_and_type_ray_corruptions(flat_doc):
    bad = copy.deepcopy(flat_doc)
    s = bad["claim"]["signature"]
    bad["claim"]["signature"] = ("-" if s[0] == "+" else "+") + s[1:]
    rejected(bad, "signature")
    bad = copy.deepcopy(flat_doc)
    bad["evidence"]["steps"][0]["claim"]["point"]["output"]["c"] = ["1/2"]
    rejected(bad)


def test_indefinite_hessian_and_not_critical():
    # L = −vw/2 + 1 on the cell of w = v = 1/2 (docstring of exactrelu.multilinear): H = [[0, −½], [−½, 0]].
    inst = instance_from_mapping({"data": {"points": [[1], [-1]], "targets": [1, -1]},
                                  "network": {"hidden": [1], "loss": "hinge"}})
    p = point_from_mapping({"layers": [{"W": [["1/2"]]}], "output": {"V": [["1/2"]]}}, inst)
    doc = analysis_certificate(inst, p)
    assert kernel.check_document(doc) == ["hessian-indefinite", "not-clarke-critical", "lvb-analysis"]
    terms = {tuple(map(tuple, t["monomial"])): t["coefficient"] for t in doc["claim"]["cell"]["terms"]}
    assert terms == {(): "1", ((0, 1), (1, 1)): "-1/2"}
    assert doc["claim"]["theorem6_violations"] == [[0, 0]]   # point 0 unsolved (ŷ = 1/4), unit active, v ≠ 0
    bad = copy.deepcopy(doc)
    bad["claim"]["hessian"] = "zero"
    rejected(bad, "second derivative")
    bad = copy.deepcopy(doc)
    bad["claim"]["theorem6_violations"] = []
    rejected(bad, "Theorem 6")


def test_type_two_needs_every_flat_cell_excluded():
    # L(w, v) = ½σ(1 − vσ(w)) + ½σ(1 − vσ(−w)) at (0, 1): the adjacent cells +−, −+ are not flat; the
    # cells ++ and −− are flat (L ≡ 1) but empty: w > 0 and −w > 0 cannot both hold.
    inst = instance_from_mapping({"data": {"points": [[1], [-1]], "targets": [1, 1]},
                                  "network": {"hidden": [1], "loss": "hinge"}})
    p = point_from_mapping({"layers": [{"W": [["0"]]}], "output": {"V": [["1"]]}}, inst)
    a = classify(inst, p)
    assert a.kind == "type II" and {t for t, _ in a.excluded} == {(1, 1), (-1, -1)}
    doc = analysis_certificate(inst, p, a)
    kernel.check_document(doc)
    bad = copy.deepcopy(doc)
    bad["evidence"]["type"]["excluded"].pop()
    rejected(bad, "flat")
    bad = copy.deepcopy(doc)
    bad["evidence"]["type"]["excluded"][0]["multipliers"] = ["1", "2"]
    rejected(bad)
    bad = copy.deepcopy(doc)
    bad["claim"]["type"] = "type I"
    bad["evidence"]["type"] = {"signs": "+-", "ray": ["1", "0"]}
    rejected(bad, "constant")


def test_sharp_point_exclusion_uses_a_hinge_entry():
    # The kink of Figure 4(b): the zero entries are hinge arguments 1 − c of dead points (affine near ω).
    inst, p = fig4("fig4_sharp_point")
    doc = analysis_certificate(inst, p)
    kernel.check_document(doc)
    assert doc["claim"]["type"] == "type II"
    assert {e["signs"] for e in doc["evidence"]["type"]["excluded"]} == {"+-", "-+"}


@settings(max_examples=12, deadline=None)
@given(st.lists(st.integers(-2, 2), min_size=4, max_size=4), st.lists(st.sampled_from([1, -1]), min_size=2,
                                                                      max_size=2))
def test_random_points_certify(ws, ys):
    inst = instance_from_mapping({"data": {"points": [[1, 0], [0, 1]], "targets": ys, "bias": True},
                                  "network": {"hidden": [1], "loss": "hinge"}})
    p = point_from_mapping({"layers": [{"W": [[str(ws[0]), str(ws[1])]], "b": [str(ws[2])]}],
                            "output": {"V": [[str(ws[3])]], "c": ["0"]}}, inst)
    doc = analysis_certificate(inst, p)
    assert kernel.check_document(doc)[-1] == "lvb-analysis"
    if doc["claim"]["cell"] is not None:
        assert doc["claim"]["cell"]["multilinear"] and doc["claim"]["cell"]["harmonic"]   # Theorem 1
