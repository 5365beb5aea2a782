"""exactrelu.certify.lvb: ``exactrelu lvb --certificate`` (claim ``lvb-analysis``, the verdicts the kernel re-derives
at a point, encoded from :func:`exactrelu.lvb.theorems.point_verdicts`), Definition 1's ``generic-data`` evidence
(the rank evidence of ``M_1``) and the sweep statements' failed hypotheses (``hypothesis-not-met``)."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from fractions import Fraction as F

import pytest
from conftest import mutated
from hypothesis import given, settings
from hypothesis import strategies as st

from exactrelu import kernel
from exactrelu.certify.certificates import rank_evidence
from exactrelu.certify.lvb import analysis_certificate, rarity_certificate
from exactrelu.cli.main import main
from exactrelu.core.instance import instance_from_mapping, load_instance
from exactrelu.core.point import flatten, load_point, point_from_mapping, unflatten
from exactrelu.lvb.clarke import loss_value
from exactrelu.lvb.generic import rarity, system_matrix
from exactrelu.lvb.theorems import point_verdicts
from exactrelu.sweeps.statements import get


def fig4(point: str):
    inst = load_instance("examples/lvb/fig4.toml")
    return inst, load_point(f"examples/lvb/{point}.toml", inst)


def rejected(doc, match=None):
    with pytest.raises(kernel.Reject, match=match):
        kernel.check_document(doc)


@pytest.fixture(scope="module")
def flat_doc():
    inst, p = fig4("fig4_point")
    return analysis_certificate(point_verdicts(inst, p), inst, p)


def test_cli_writes_the_analysis(tmp_path, capsys):
    cert = tmp_path / "c.json"
    assert main(["lvb", "examples/lvb/fig4.toml", "--point", "examples/lvb/fig4_sharp_point.toml",
                 "--certificate", str(cert)]) == 0
    capsys.readouterr()
    checked, sha = kernel.check_file(str(cert))
    assert [c.kind for c in checked] == ["lvb-analysis"] and len(sha) == 64
    claim = json.loads(cert.read_text())["claim"]
    # the kink of Figure 4(b): c = 1 puts the dead class −1 points exactly at their hinge (two zero entries)
    assert claim["signature"].count("0") == 2 and claim["hessian"] is None and claim["clarke"] == "critical"


def test_flat_minimum_every_field(flat_doc):
    claim = flat_doc["claim"]
    assert [c.kind for c in kernel.check_document(flat_doc)] == ["lvb-analysis"]
    # Figure 4(a): 7 points, μ = 1/7; the two dead points have hinge argument 1 (c = 0), the live ones < 0
    assert (claim["hessian"], claim["clarke"], claim["loss"]) == ("zero", "critical", "2/7")
    assert claim["theorem6_violations"] == [] and "0" not in claim["signature"]


@pytest.mark.parametrize("key, value, match", [
    ("loss", "1/7", "loss misreported"),
    ("hessian", "indefinite", "Hessian verdict"),
    ("hessian", None, "Hessian verdict"),
    ("clarke", "not-critical", "opposite"),
    ("theorem6_violations", [[0, 0]], "Theorem 6"),
    ("theorem6_violations", None, "Theorem 6"),
])
def test_flat_corruptions_rejected(flat_doc, key, value, match):
    bad = mutated(flat_doc, ("claim", key), value)
    rejected(bad, match)


def test_signature_and_evidence_corruptions(flat_doc):
    bad = copy.deepcopy(flat_doc)
    s = bad["claim"]["signature"]
    bad["claim"]["signature"] = ("-" if s[0] == "+" else "+") + s[1:]
    rejected(bad, "signature")
    bad = copy.deepcopy(flat_doc)
    bad["claim"]["clarke"] = "undecided"  # evidence left over: an unread key
    rejected(bad, "not in the schema")
    bad = copy.deepcopy(flat_doc)
    bad["claim"]["point"]["output"]["c"] = ["1/2"]  # the cell is flat: μ(1 − c) + μ(1 + c) = 2/7 stays, all true
    assert kernel.check_document(bad)[-1].kind == "lvb-analysis"
    bad["claim"]["point"]["output"]["c"] = ["2"]  # the dead +1 point's hinge 1 − 2 < 0: another signature
    rejected(bad, "signature")


def test_indefinite_hessian_and_not_critical():
    # L = −vw/2 + 1 on the cell of w = v = 1/2 (docstring of exactrelu.lvb.multilinear): H = [[0, −½], [−½, 0]].
    inst = instance_from_mapping({"data": {"points": [[1], [-1]], "targets": [1, -1]},
                                  "network": {"hidden": [1], "loss": "hinge"}})
    p = point_from_mapping({"layers": [{"W": [["1/2"]]}], "output": {"V": [["1/2"]]}}, inst)
    doc = analysis_certificate(point_verdicts(inst, p), inst, p)
    checked = kernel.check_document(doc)
    assert [c.kind for c in checked] == ["lvb-analysis"] and "Hessian indefinite" in checked[0].statement
    # by hand, μ = ½: point 0: ŷ = ¼, hinge ¾; point 1: σ(−½) = 0, ŷ = 0, hinge 1.  L = ½(¾ + 1) = 7/8.
    assert doc["claim"]["loss"] == "7/8" and doc["claim"]["clarke"] == "not-critical"
    assert doc["claim"]["theorem6_violations"] == [[0, 0]]   # point 0 unsolved (ŷ = 1/4), unit active, v ≠ 0
    bad = mutated(doc, ("claim", "hessian"), "zero")
    rejected(bad, "Hessian verdict")
    bad = mutated(doc, ("claim", "theorem6_violations"), [])
    rejected(bad, "Theorem 6")
    bad = mutated(doc, ("evidence", "clarke", "direction"), ["0", "0"])
    rejected(bad, "not negative")


def test_critical_kink_that_is_not_a_minimum_gets_no_type():
    # L(w, v) = ½σ(1 − vσ(w)) + ½σ(1 − vσ(−w)) at (0, 1) is Clarke critical (gradients (∓½, 0) on the adjacent
    # cells +−, −+), and the flat cells ++, −− are empty; but it is no local minimum: for w > 0,
    # L = 1 − vw/2 < 1.  The old analysis called it "type II"; now the type is reported at proved minima only.
    inst = instance_from_mapping({"data": {"points": [[1], [-1]], "targets": [1, 1]},
                                  "network": {"hidden": [1], "loss": "hinge"}})
    p = point_from_mapping({"layers": [{"W": [["0"]]}], "output": {"V": [["1"]]}}, inst)
    r = point_verdicts(inst, p)
    a = r.analysis
    assert a.clarke.verdict == "critical" and a.minimum is False and a.case == "descent" and a.kind == "-"
    # an independent check of the descent ray: the exact loss a small step along it is below L(ω) = 1
    step = unflatten(inst, [x + F(1, 100) * d for x, d in zip(flatten(p), a.descent, strict=True)])
    assert loss_value(inst, step) < 1
    doc = analysis_certificate(r, inst, p)
    assert kernel.check_document(doc)[-1].kind == "lvb-analysis"
    bad = copy.deepcopy(doc)
    bad["evidence"]["clarke"]["cells"].pop()  # one side only: Σ θ ∇L = (∓½, 0) ≠ 0
    rejected(bad, "Σ θ")


def test_sharp_point_exclusion_uses_a_hinge_entry():
    # The kink of Figure 4(b): the zero entries are hinge arguments 1 − c of dead points (affine near ω), so the
    # producer proves the flat cells +−, −+ empty near ω with multipliers on those hinge rows.
    inst, p = fig4("fig4_sharp_point")
    r = point_verdicts(inst, p)
    a = r.analysis
    assert a.kind == "type II" and {t for t, _ in a.excluded} == {(1, -1), (-1, 1)}
    kernel.check_document(analysis_certificate(r, inst, p))


@settings(max_examples=12, deadline=None)
@given(st.lists(st.integers(-2, 2), min_size=4, max_size=4), st.lists(st.sampled_from([1, -1]), min_size=2,
                                                                      max_size=2))
def test_random_points_certify(ws, ys):
    inst = instance_from_mapping({"data": {"points": [[1, 0], [0, 1]], "targets": ys, "bias": True},
                                  "network": {"hidden": [1], "loss": "hinge"}})
    p = point_from_mapping({"layers": [{"W": [[str(ws[0]), str(ws[1])]], "b": [str(ws[2])]}],
                            "output": {"V": [[str(ws[3])]], "c": ["0"]}}, inst)
    doc = analysis_certificate(point_verdicts(inst, p), inst, p)
    assert kernel.check_document(doc)[-1].kind == "lvb-analysis"


def _three_points(network, **data):
    return instance_from_mapping({"data": {"points": [[1, 0], [0, 1], [1, 1]], "targets": [1, -1, 1], **data},
                                  "network": network})


@pytest.mark.parametrize("name, instance, hypothesis", [
    ("lvb-multilinear", _three_points({"hidden": [2], "loss": "squared"}), "hinge-loss"),
    ("lvb-multilinear", _three_points({"hidden": [2], "loss": "hinge", "output": [1, -1]}), "trainable-output"),
    ("lvb-thm6", _three_points({"hidden": [3], "loss": "hinge"}, bias=True), "hidden"),
    ("lvb-thm6", _three_points({"hidden": [2], "loss": "hinge"}), "bias"),
    ("lvb-thm6", _three_points({"hidden": [2], "loss": "squared"}, bias=True), "hinge-loss"),
    ("lvb-thm6", instance_from_mapping({"data": {"points": [[1], [2]], "onehot": [[1, 0], [0, 1]], "bias": True},
                                        "network": {"hidden": [2], "loss": "hinge"}}), "binary-targets"),
])
def test_failed_hypothesis_certified(name, instance, hypothesis):
    v = get(name).check(instance, True)
    assert v.hypotheses is False and v.certificate["claim"]["hypothesis"] == hypothesis
    assert [c.kind for c in kernel.check_document(v.certificate)] == ["hypothesis-not-met"]
    assert kernel.check_document(v.certificate)[-1].statement.startswith(
        f"the instance does not meet the hypothesis '{hypothesis}'")


def test_binary_targets_rejected_on_binary_data():
    v = get("lvb-thm6").check(instance_from_mapping({"data": {"points": [[1], [2]], "onehot": [[1, 0], [0, 1]],
                                                               "bias": True},
                                                      "network": {"hidden": [2], "loss": "hinge"}}), True)
    bad = copy.deepcopy(v.certificate)
    bad["instance"]["data"].pop("onehot")
    bad["instance"]["data"]["targets"] = ["1", "-1"]
    with pytest.raises(kernel.Reject, match="meets the hypothesis 'binary-targets'"):
        kernel.check_document(bad)
    wide = _three_points({"hidden": [3], "loss": "hinge"}, bias=True)
    bad = copy.deepcopy(get("lvb-thm6").check(wide, True).certificate)
    bad["instance"]["network"]["hidden"] = [2]
    with pytest.raises(kernel.Reject, match="meets the hypothesis 'hidden'"):
        kernel.check_document(bad)


def test_analysis_certificate_encodes_the_given_verdicts_only():
    # L = 1 − vw/2 at w = v = ½ (no bias): inside the cell ++-+, Hessian [[0, −½], [−½, 0]] indefinite, loss 7/8
    inst = instance_from_mapping({"data": {"points": [[1], [-1]], "targets": [1, -1]},
                                  "network": {"hidden": [1], "loss": "hinge"}})
    p = point_from_mapping({"layers": [{"W": [["1/2"]]}], "output": {"V": [["1/2"]]}}, inst)
    r = point_verdicts(inst, p)
    doc = analysis_certificate(r, inst, p)
    assert (doc["claim"]["signature"], doc["claim"]["loss"], doc["claim"]["hessian"]) == ("++-+", "7/8", "indefinite")
    assert kernel.check_document(doc)[-1].kind == "lvb-analysis"
    # the encoder writes what it is given, nothing recomputed: a value without the Hessian verdict gives a claim
    # without it, which the kernel refuses at a point inside a cell
    forged = analysis_certificate(replace(r, hessian=None), inst, p)
    assert forged["claim"]["hessian"] is None
    rejected(forged)


def test_generic_data_evidence_is_the_rank_evidence_of_m1():
    # x = 1, 2 with opposite classes: M_1 (4 × 2) has independent columns, rank 2, so ε = 0 only: generic
    inst = instance_from_mapping({"data": {"points": [[1], [2]], "targets": [1, -1], "bias": True},
                                  "network": {"hidden": [1], "loss": "hinge"}})
    r = rarity(inst, F(1, 2), 1, evidence=True)
    doc = rarity_certificate(r, inst, F(1, 2), 1)
    ev = r.systems[0]
    assert ev.rank == 2 and len(system_matrix(inst, (F(1), F(1)))) == 4
    assert doc["evidence"] == {"rank": 2, **rank_evidence(ev)} and doc["claim"]["kind"] == "generic-data"
    assert kernel.check_document(doc)[-1].kind == "generic-data"
    bad = mutated(doc, ("evidence", "rank"), 1)
    rejected(bad)
    with pytest.raises(ValueError, match="evidence=True"):
        rarity_certificate(rarity(inst, F(1, 2), 1), inst, F(1, 2), 1)
