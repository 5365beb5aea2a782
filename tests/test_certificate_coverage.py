"""Theorem 10 (deep patterns) and Proposition 13 "no" answers are certified; corrupted certificates fail."""

from __future__ import annotations

import copy
from fractions import Fraction as F

import pytest

from exactrelu import kernel
from exactrelu.certify.certificates import certificate
from exactrelu.core.instance import instance_from_mapping, load_instance
from exactrelu.kmtm.deep import (
    count_certificate,
    count_deep,
    decide_deep,
    deep_jacobian,
    nonempty_claim,
    verdict_certificate,
)
from exactrelu.kmtm.jacobian import output_weights
from exactrelu.kmtm.relucone import represent

DEEP2 = "examples/jacobian/deep2.toml"

def kinds(doc):
    """The claim kinds the kernel proved (steps first, the claim last); raises ``kernel.Reject``."""
    return [c.kind for c in kernel.check_document(doc)]


def file_kinds(path):
    return [c.kind for c in kernel.check_file(str(path))[0]]



def _rejects(doc: dict) -> None:
    with pytest.raises(kernel.Reject):
        kinds(doc)


def _deep3() -> object:
    return instance_from_mapping({"data": {"points": [[0], [1], [2]], "targets": [0, 1, 0], "bias": True},
                                  "network": {"hidden": [2, 1], "output": [1]}})


@pytest.fixture(scope="module")
def deep2_count():
    inst = load_instance(DEEP2)
    c = count_deep(inst.points, output_weights(inst), inst.hidden)
    return inst, c, count_certificate(inst, c)


def test_count_certificate_checks_and_matches(deep2_count) -> None:
    inst, c, doc = deep2_count
    proved = kinds(doc)
    assert proved[-1] == "deep-pattern-count"
    # every decided pattern has its own step, undecided ones none
    assert len(proved) - 1 == c.total - c.undecided
    claim = doc["claim"]
    assert claim["patterns"] == "256" and claim["undecided"] == str(c.undecided)
    assert c.empty + c.full_at_witness + c.deficient_at_witness + c.undecided == 256


def test_count_certificate_corruptions(deep2_count) -> None:
    _, c, doc = deep2_count
    bad = copy.deepcopy(doc)
    bad["claim"]["empty"] = str(c.empty + 1)
    _rejects(bad)
    # calling a decided pattern "undecided" changes the recount
    bad = copy.deepcopy(doc)
    k = next(i for i, r in enumerate(bad["evidence"]["classes"]) if r != "undecided")
    bad["evidence"]["classes"][k] = "undecided"
    _rejects(bad)
    # a step about another pattern
    bad = copy.deepcopy(doc)
    refs = [r for r in bad["evidence"]["classes"] if r != "undecided"]
    i, j = bad["evidence"]["classes"].index(refs[0]), bad["evidence"]["classes"].index(refs[1])
    bad["evidence"]["classes"][i], bad["evidence"]["classes"][j] = refs[1], refs[0]
    _rejects(bad)
    # an undecided pattern cannot be certified as anything
    ver = next(v for v in c.verdicts if v.status == "undecided")
    with pytest.raises(ValueError):
        verdict_certificate(load_instance(DEEP2), ver)


def test_zero_column_and_motzkin_empty() -> None:
    inst = load_instance(DEEP2)
    ver = decide_deep(inst.points, output_weights(inst), (((0, 0), (0, 0)), ((1, 1), (1, 1))))
    assert ver.status == "empty" and ver.evidence == {"layer": 1, "point": 0}
    doc = verdict_certificate(inst, ver)
    assert kinds(doc)[-1] == "deep-pattern-empty"
    bad = copy.deepcopy(doc)
    bad["claim"]["pattern"][0] = ["10", "10"]  # column 0 no longer zero
    _rejects(bad)
    # 0 < 1 < 2 with bias: the row +,-,+ is not a tope; by hand y = (1, 2, 1): (0,1) - 2(1,1) + (2,1) = 0
    d3 = _deep3()
    ver = decide_deep(d3.points, output_weights(d3), (((1, 0, 1), (0, 1, 0)), ((1, 1, 1),)))
    assert ver.status == "empty" and ver.evidence["unit"] == 0
    doc = verdict_certificate(d3, ver)
    assert kinds(doc)[-1] == "deep-pattern-empty"
    hand = copy.deepcopy(doc)
    hand["evidence"] = {"unit": 0, "multipliers": {"strict": ["1", "2", "1"], "weak": [], "equal": []}}
    kinds(hand)
    for y in (["1", "1", "1"], ["-1", "-2", "-1"], ["0", "0", "0"]):
        bad = copy.deepcopy(hand)
        bad["evidence"]["multipliers"]["strict"] = y
        _rejects(bad)


def test_nonempty_witness_and_rank_by_hand() -> None:
    inst = load_instance(DEEP2)  # x = 0, 1 with bias, v = (1, -1)
    pat = (((1, 0), (0, 1)), ((1, 1), (1, 0)))
    w = ((( F(-1), F(1, 2)), (F(1), F(-1, 2))), ((F(1), F(1)), (F(1), F(-1))))
    jac = deep_jacobian(inst.points, output_weights(inst), w, pat)
    # worked by hand: columns (x_0, x_1); rows W_1 (unit, input) then W_2 (unit, input)
    half = F(1, 2)
    assert jac == [[0, 0], [0, 0], [0, 1], [0, 1], [half, 0], [0, half], [-half, 0], [0, 0]]
    ver = decide_deep(inst.points, output_weights(inst), pat)
    assert ver.status == "nonempty" and ver.rank == 2
    doc = verdict_certificate(inst, ver)
    assert kinds(doc)[-1] == "deep-jacobian-rank"
    hand = copy.deepcopy(doc)
    hand["claim"]["weights"] = [[["-1", "1/2"], ["1", "-1/2"]], [["1", "1"], ["1", "-1"]]]
    hand["evidence"] = {"rows": [4, 5], "columns": [0, 1], "inverse": [["2", "0"], ["0", "2"]],
                        "kernel": [], "kernel_rows": []}
    kinds(hand)
    bad = copy.deepcopy(hand)
    bad["claim"]["rank"] = 1
    _rejects(bad)
    bad = copy.deepcopy(hand)
    bad["claim"]["weights"][1][1] = ["-1", "1"]  # unit 2 of layer 2 now active on x_1: wrong pattern
    _rejects(bad)
    nd = certificate(*nonempty_claim(ver), inst)
    assert kinds(nd)[-1] == "deep-pattern-nonempty"
    bad = copy.deepcopy(nd)
    bad["evidence"]["weights"][0][0] = ["1", "1/2"]
    _rejects(bad)


def test_cli_theorem10_certificate(tmp_path, capsys) -> None:
    from exactrelu.cli.main import main

    out = tmp_path / "t10.json"
    assert main(["theorem", "10", DEEP2, "--certificate", str(out)]) == 0
    assert file_kinds(str(out))[-1] == "deep-pattern-count"


@pytest.mark.parametrize(("y", "m", "signed", "ok"), [
    ((1, 0, 1), 1, False, False),  # one ReLU on sorted points is monotone
    ((1, 0, 1), 2, False, True),  # (1 − x)_+ + (x − 1)_+
    ((0, 1, 0), 2, False, False),  # sums of ReLUs are convex
    ((0, 1, 0), 2, True, True),  # x_+ − 2 (x − 1)_+
    ((0, 1, 0), None, False, False),
])
def test_proposition13_answers_certified(y, m, signed, ok) -> None:
    rep = represent([0, 1, 2], y, m, signed)
    assert rep.representable == ok
    doc = rep.certificate()
    assert kinds(doc)[-1] == ("relu-representation" if ok else "relu-not-representable")
    if ok:
        return
    bad = copy.deepcopy(doc)
    bad["claim"]["target"] = ["0", "1", "2"]  # x_+: representable, so no proof can check
    _rejects(bad)
    bad = copy.deepcopy(doc)
    eq = bad["evidence"]["lps"][0]["multipliers"]["equal"]
    k = next(i for i, t in enumerate(eq) if t != "0")
    eq[k] = "0" if eq[k] != "0" else "1"
    _rejects(bad)
    if m is not None:
        bad = copy.deepcopy(doc)
        bad["claim"]["m"] = m + 1
        _rejects(bad)
    bad = copy.deepcopy(doc)
    bad["claim"]["points"] = ["0", "2", "1"]
    _rejects(bad)


def test_forged_non_representation_rejected() -> None:
    # (1, 0, 1) IS a sum of two ReLUs: no multipliers can prove otherwise; zero multipliers are refused
    doc = represent([0, 1, 2], (1, 0, 1), 1).certificate()
    forged = copy.deepcopy(doc)
    forged["claim"]["m"] = 2
    forged["evidence"]["lps"] = [{"multipliers": {"weak": ["0"] * 12, "equal": ["0"] * 3}} for _ in range(10)]
    _rejects(forged)
