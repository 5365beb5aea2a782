"""KMTM certificates (:mod:`exactrelu.certify.kmtm`): the encoders of each result value on hand-worked values
(Jacobian ranks, the full-rank search, global minima per region, deep verdicts and counts, representations), Theorem
10 (deep patterns), Proposition 13 (representations, "no" answers, the cone's generators, the whole report) and the
Figure 3–5 tables; every certificate checks and a corrupted one is rejected."""

from __future__ import annotations

import copy
import json
from fractions import Fraction
from fractions import Fraction as F

import pytest
from conftest import kernel_kinds as kinds
from conftest import mutated
from hypothesis import given, settings
from hypothesis import strategies as st

from exactrelu import kernel
from exactrelu.certify.certificates import certificate
from exactrelu.certify.kmtm import deep_count_certificate as count_certificate
from exactrelu.certify.kmtm import (
    deep_count_claim,
    deep_nonempty_claim,
    fullrank_count_certificate,
    generators_certificate,
    jacobian_rank_certificate,
    jacobian_rank_claim,
    region_minimum_certificate,
    region_minimum_claim,
    representation_certificate,
    representation_evidence,
    search_evidence,
    theorem_certificates,
)
from exactrelu.certify.kmtm import deep_verdict_certificate as verdict_certificate
from exactrelu.cli.main import main
from exactrelu.core.instance import instance_from_mapping, load_instance
from exactrelu.kmtm.deep import NotATope, ZeroColumn, count_deep, decide_deep, deep_jacobian
from exactrelu.kmtm.globalmin import region_minimum
from exactrelu.kmtm.jacobian import count_instance, jacobian_rank, output_weights, search_rank_evidence
from exactrelu.kmtm.relucone import RepresentationPoint, represent, representation_point, tope_rays
from exactrelu.kmtm.theorems import proposition13

DEEP2 = "examples/jacobian/deep2.toml"


def file_kinds(path):
    return [c.kind for c in kernel.check_file(str(path))[0]]


def _rejects(doc: dict) -> None:
    with pytest.raises(kernel.Reject):
        kinds(doc)


def _deep3() -> object:
    return instance_from_mapping({"data": {"points": [[0], [1], [2]], "targets": [0, 1, 0], "bias": True},
                                  "network": {"hidden": [2, 1], "output": [1]}})


def _line(xs, out, targets) -> object:
    return instance_from_mapping({"data": {"points": [[x] for x in xs], "targets": targets, "bias": True},
                                  "network": {"hidden": [len(out)], "output": out}})


# ------------------------------------------------------------------ the encoders, one per result value
def test_jacobian_rank_claim_hand_worked() -> None:
    # points 0, 1 with bias, v = (1, -1); rows 11 and 01: blocks [[0, 1], [1, 1]] and -[[0, 1], [0, 1]], rank 2
    inst = _line([0, 1], [1, -1], [0, 0])
    jr = jacobian_rank(inst, ((1, 1), (0, 1)))
    assert jacobian_rank_claim(jr) == {"kind": "jacobian-rank", "pattern": ["11", "01"], "rank": 2}
    doc = jacobian_rank_certificate(inst, jr)
    assert kinds(doc) == ["jacobian-rank"]
    _rejects(mutated(doc, ("claim", "rank"), 1))


def test_search_evidence_hand_worked() -> None:
    # points 0, 1 with bias, d1 = 1 over all four rows: the search visits 00, 01, 10, 11 with ranks 0, 1, 1, 2;
    # B(11) = [[0, 1], [1, 1]] (rows: input coordinates, columns: points) has inverse [[-1, 1], [1, 0]]
    inst = _line([0, 1], [1], [0, 0])
    result = count_instance(inst, "all")
    nodes = search_evidence(search_rank_evidence(inst.points, result))
    assert [result.rows[s[0]] for s, _ in result.nodes] == [(0, 0), (0, 1), (1, 0), (1, 1)]
    assert [node["rank"] for node in nodes] == [0, 1, 1, 2]
    assert nodes[3] == {"rank": 2, "rows": [0, 1], "columns": [0, 1], "inverse": [["-1", "1"], ["1", "0"]],
                        "kernel": [], "kernel_rows": []}
    doc = fullrank_count_certificate(inst, result, "all")
    assert doc["evidence"]["nodes"] == nodes and doc["claim"]["count"] == "1" and kinds(doc)[-1] == "fullrank-count"
    _rejects(mutated(doc, ("evidence", "nodes", 3, "inverse", 0, 0), "1"))


def test_region_minimum_claim_hand_worked() -> None:
    # x = 1 with bias, v = (1, -1), y = 1: pattern (1; 0) asks w1 + b1 = 1 > 0 and w2 + b2 < 0, solvable; the
    # Jacobian has the rows (1), (1) of the active unit: rank 1 = n
    inst = _line([1], [1, -1], [1])
    good = region_minimum(inst, ((1,), (0,)))
    assert region_minimum_claim(good) == {"kind": "global-minimum-region", "pattern": ["1", "0"], "nonempty": True,
                                          "rank": 1}
    doc = region_minimum_certificate(inst, good)
    assert kinds(doc) == ["global-minimum-region"]
    _rejects(mutated(doc, ("claim", "nonempty"), False))
    # pattern (0; 1): F(x) = -(w2 + b2) < 0 never equals 1: empty (Motzkin multipliers)
    bad = region_minimum(inst, ((0,), (1,)))
    assert region_minimum_claim(bad)["nonempty"] is False and kinds(region_minimum_certificate(inst, bad))


def test_deep_count_claim_is_the_count() -> None:
    inst = load_instance(DEEP2)
    c = count_deep(inst.points, output_weights(inst), inst.hidden)
    claim = deep_count_claim(c)
    assert claim["kind"] == "deep-pattern-count" and claim["patterns"] == "256"
    assert sum(int(claim[k]) for k in ("empty", "nonempty_full_rank_at_witness", "nonempty_deficient_at_witness",
                                       "undecided")) == 256
    assert claim["empty"] == str(sum(v.status == "empty" for v in c.verdicts))


def test_representation_evidence_of_the_hat_by_hand() -> None:
    # the hat (0, 1, 0) on 0, 1, 2 is σ(x) − σ(2x − 2): step rows 011 (choice 1 of 001 < 011 < 100 < 110 < 111)
    # and 001 with sign − (choice 5 + 0); the point lists (w, b) per choice
    xs = [F(0), F(1), F(2)]
    point = representation_point(xs, True, [(F(1), F(1), F(0)), (F(-1), F(2), F(-2))])
    assert point == RepresentationPoint((1, 5), (F(1), F(0), F(2), F(-2)))
    assert representation_evidence(point) == {"choices": [1, 5], "point": ["1", "0", "2", "-2"]}
    doc = representation_certificate(represent(xs, [0, 1, 0], m=2, signed=True))
    hand = {**doc, "evidence": representation_evidence(point)}
    assert kinds(hand) == ["relu-representation"]
    _rejects(mutated(hand, ("evidence", "point", 3), "-1"))  # σ(2x − 1) is 1 at x = 1: the hat is missed


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
    bad = mutated(doc, ("claim", "empty"), str(c.empty + 1))
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
    assert ver.status == "empty" and ver.evidence == ZeroColumn(1, 0)
    doc = verdict_certificate(inst, ver)
    assert kinds(doc)[-1] == "deep-pattern-empty"
    bad = copy.deepcopy(doc)
    bad["claim"]["pattern"][0] = ["10", "10"]  # column 0 no longer zero
    _rejects(bad)
    # 0 < 1 < 2 with bias: the row +,-,+ is not a tope; by hand y = (1, 2, 1): (0,1) - 2(1,1) + (2,1) = 0
    d3 = _deep3()
    ver = decide_deep(d3.points, output_weights(d3), (((1, 0, 1), (0, 1, 0)), ((1, 1, 1),)))
    assert ver.status == "empty" and isinstance(ver.evidence, NotATope) and ver.evidence.unit == 0
    doc = verdict_certificate(d3, ver)
    assert kinds(doc)[-1] == "deep-pattern-empty"
    hand = mutated(doc, ("evidence",), {"unit": 0, "multipliers": {"strict": ["1", "2", "1"], "weak": [], "equal": []}})
    kinds(hand)
    for y in (["1", "1", "1"], ["-1", "-2", "-1"], ["0", "0", "0"]):
        bad = mutated(hand, ("evidence", "multipliers", "strict"), y)
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
    bad = mutated(hand, ("claim", "rank"), 1)
    _rejects(bad)
    bad = copy.deepcopy(hand)
    bad["claim"]["weights"][1][1] = ["-1", "1"]  # unit 2 of layer 2 now active on x_1: wrong pattern
    _rejects(bad)
    nd = certificate(*deep_nonempty_claim(ver), inst)
    assert kinds(nd)[-1] == "deep-pattern-nonempty"
    bad = mutated(nd, ("evidence", "weights", 0, 0), ["1", "1/2"])
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
    doc = representation_certificate(rep)
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
        bad = mutated(doc, ("claim", "m"), m + 1)
        _rejects(bad)
    bad = mutated(doc, ("claim", "points"), ["0", "2", "1"])
    _rejects(bad)


def test_forged_non_representation_rejected() -> None:
    # (1, 0, 1) IS a sum of two ReLUs: no multipliers can prove otherwise; zero multipliers are refused
    doc = representation_certificate(represent([0, 1, 2], (1, 0, 1), 1))
    forged = copy.deepcopy(doc)
    forged["claim"]["m"] = 2
    forged["evidence"]["lps"] = [{"multipliers": {"weak": ["0"] * 12, "equal": ["0"] * 3}} for _ in range(10)]
    _rejects(forged)


def test_hand_worked_generators_on_0_1_2() -> None:
    doc = generators_certificate([0, 1, 2])
    assert kinds(doc) == ["relu-cone-generators"]
    # hinges (x − x_i)_+ for x_i = 1, 0, then (x_i − x)_+ for x_i = 2, 1, worked out by hand
    assert doc["claim"]["vertices"] == [["0", "0", "1"], ["0", "1", "2"], ["2", "1", "0"], ["1", "0", "0"]]
    assert doc["evidence"] == {"separators": doc["evidence"]["separators"]}  # the kernel recomputes the rays
    topes = {"".join(map(str, a)): rays for a, rays in tope_rays([0, 1, 2])}
    assert sorted(topes) == ["000", "001", "011", "100", "110", "111"]  # the 2n step rows
    # tope 001: b ≤ 0, w + b ≤ 0, 2w + b ≥ 0 — rays (1, −1) and (1, −2) (up to scaling)
    got = {(Fraction(w) / abs(Fraction(w)), Fraction(b) / abs(Fraction(w))) for w, b in topes["001"]}
    assert got == {(1, -1), (1, -2)}


@settings(max_examples=15, deadline=None)
@given(st.sets(st.fractions(min_value=-4, max_value=4, max_denominator=3), min_size=2, max_size=5))
def test_generators_certificate_checks_on_random_data(points) -> None:
    assert kinds(generators_certificate(sorted(points)))[-1] == "relu-cone-generators"


def _mutate(doc, fn):
    bad = copy.deepcopy(doc)
    fn(bad)
    return bad


def test_corrupted_generators_rejected() -> None:
    doc = generators_certificate([0, 1, 2])
    ev = lambda d: d["evidence"]  # noqa: E731
    corruptions = [
        lambda d: d["claim"]["vertices"][1].__setitem__(2, "3"),  # not the stated vertex
        lambda d: d["claim"]["vertices"].pop(),  # a vertex missing
        lambda d: d["claim"].__setitem__("points", ["0", "2", "1"]),
        lambda d: d["claim"].__setitem__("points", ["0", "1", "3"]),  # other points: other vertices
        lambda d: ev(d)["separators"][0].__setitem__(0, "0"),  # c·(1,0,0) = 0 too
        lambda d: ev(d)["separators"][1].__setitem__(1, "-5"),
        lambda d: ev(d)["separators"].pop(),
        lambda d: ev(d).__setitem__("topes", []),  # format 1 evidence: not in the schema
    ]
    for fn in corruptions:
        _rejects(_mutate(doc, fn))


def _instance(points, targets, m):
    return instance_from_mapping({"name": "p13", "data": {"points": [[p] for p in points], "targets": targets,
                                                          "bias": True},
                                  "network": {"hidden": [m], "output": [1] * m}})


def test_proposition13_composite_includes_generators_and_answers() -> None:
    hat = _instance([2, 0, 1], [0, 0, 1], 1)  # sorted: y = (0, 1, 0), the hat
    doc = theorem_certificates(hat, proposition13(hat))["proposition-13"]
    proved = kinds(doc)
    assert proved[0] == "relu-cone-generators" and proved[-1] == "proposition-13"
    # the hat is not one ReLU (not monotone), not a nonnegative combination (not convex) but a signed one? m = 1: no
    assert (doc["claim"]["sum"], doc["claim"]["signed_sum"], doc["claim"]["cone"], doc["claim"]["linear"]) == (
        False, False, False, True)
    assert doc["claim"]["target"] == ["0", "1", "0"]
    for key, value in (("sum", True), ("linear", False), ("m", 2), ("target", ["0", "0", "1"])):
        _rejects(_mutate(doc, lambda d, k=key, v=value: d["claim"].__setitem__(k, v)))
    _rejects(_mutate(doc, lambda d: d["instance"]["data"]["targets"].__setitem__(0, "1")))
    _rejects(_mutate(doc, lambda d: d["evidence"].__setitem__("generators", "sum")))


def test_cli_theorem13_certificate(tmp_path, capsys) -> None:
    from exactrelu.cli.main import main

    f = tmp_path / "i.json"
    f.write_text(json.dumps({"data": {"points": [[1], [-1], [0]], "targets": [1, 1, 0], "bias": True},
                             "network": {"hidden": [2], "output": [1, -1]}}))
    out = tmp_path / "t13.json"
    assert main(["theorem", "13", str(f), "--certificate", str(out)]) == 0
    proved = file_kinds(str(out))
    assert "relu-cone-generators" in proved and proved[-1] == "proposition-13"
    assert file_kinds(str(tmp_path / "t13.signed.json"))[-1] == "relu-representation"


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
