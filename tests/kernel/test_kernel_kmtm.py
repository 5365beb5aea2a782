"""The kernel's KMTM semantics (exactrelu/kernel/kmtm.py): the instance fields it models, and what it refuses.

Every expected value is worked out by hand in the comments (leaky slopes, areas, counts) or comes from a second
route (brute-force enumeration of patterns).  Certificates are built by hand where the producer does not (yet)
model a field, so these tests do not depend on the producer.
"""

from __future__ import annotations

import itertools
import json
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exactrelu import kernel
from exactrelu.certify.kmtm import count_certificate, jacobian_rank_certificate, theorem_certificates
from exactrelu.core.instance import instance_from_mapping
from exactrelu.kernel import kmtm
from exactrelu.kmtm.jacobian import all_rows, count_full_rank_bruteforce, unit_rows

ENVELOPE = {"format": "exactrelu-certificate", "version": "2.0"}


def instance(points, targets=None, *, hidden=(1,), output=("1",), bias=False, activation="relu", loss="squared"):
    return {"data": {"points": [[str(c) for c in p] for p in points], "targets": [str(t) for t in targets or
                                                                                  [1] * len(points)], "bias": bias},
            "network": {"hidden": list(hidden), "output": output if output == "trainable" else list(output),
                        "activation": activation, "loss": loss}}


def cert(inst, claim, evidence, steps=()):
    doc = {**ENVELOPE, "instance": inst, "claim": claim, "evidence": evidence}
    if steps:
        doc["steps"] = list(steps)
    return doc


def check(doc):
    """What the kernel proved last, via the text route (strict parser included)."""
    return kernel.check_text(json.dumps(doc))[0][-1]


def rejects(doc, kind=None, where=None):
    with pytest.raises(kernel.Reject) as err:
        check(doc)
    if kind:
        assert err.value.kind == kind, err.value
    if where:
        assert where in err.value.path, err.value
    return err.value


# ---------------------------------------------------------------- leaky ReLU (issue 11, hole 3)
LEAKY = instance([[1, 0], [0, 1]], activation="leaky:1/10")


def test_leaky_jacobian_rank_is_two_not_the_relu_rank():
    # pattern 10: columns (v·c_j) x_j with c = (1, α): J = [[1, 0], [0, 1/10]], rank 2 (ReLU: [[1, 0], [0, 0]], 1)
    full = {"rows": [0, 1], "columns": [0, 1], "inverse": [["1", "0"], ["0", "10"]], "kernel": [], "kernel_rows": []}
    got = check(cert(LEAKY, {"kind": "jacobian-rank", "pattern": ["10"], "rank": 2}, full))
    assert "rank ∇_W F = 2" in got.statement and "leaky ReLU (α = 1/10)" in got.statement
    # the ReLU computation's certificate (rank 1, kernel vector (0, 1)) is a false claim here
    relu = {"rows": [0], "columns": [0], "inverse": [["1"]], "kernel": [["0"], ["1"]], "kernel_rows": [1]}
    rejects(cert(LEAKY, {"kind": "jacobian-rank", "pattern": ["10"], "rank": 1}, relu), "invalid")
    relu_inst = instance([[1, 0], [0, 1]])
    assert "rank ∇_W F = 1" in check(cert(relu_inst, {"kind": "jacobian-rank", "pattern": ["10"], "rank": 1},
                                          relu)).statement


def _diag_node(c0, c1):
    return {"rank": 2, "rows": [0, 1], "columns": [0, 1], "inverse": [[str(1 / Fraction(c0)), "0"],
                                                                      ["0", str(1 / Fraction(c1))]],
            "kernel": [], "kernel_rows": []}


def test_leaky_fullrank_count_over_all_rows():
    # one unit, points e1, e2: row a has the block diag(c(a_1), c(a_2)), c ∈ {1, α}: every row has rank 2 when
    # leaky (4 of 4); with ReLU only 11 does (1 of 4)
    a = Fraction(1, 10)
    nodes = [_diag_node(a if x == 0 else 1, a if y == 0 else 1) for x, y in itertools.product((0, 1), repeat=2)]
    claim = {"kind": "fullrank-count", "rows": "all", "count": "4", "total": "4"}
    assert "count 4 of 4" in check(cert(LEAKY, claim, {"nodes": nodes})).statement
    rejects(cert(LEAKY, {**claim, "count": "1"}, {"nodes": nodes}), "invalid", "claim.count")
    relu = instance([[1, 0], [0, 1]])
    rejects(cert(relu, claim, {"nodes": nodes}), "invalid")  # diag(0, 1)·B ≠ I: the ReLU block of 01 is singular


def test_the_producers_leaky_certificates_check():
    # the producer (FLINT ranks of its own leaky blocks) and the kernel agree on the hand values above
    from exactrelu.kmtm.jacobian import jacobian_rank

    inst = instance_from_mapping(LEAKY)
    doc = jacobian_rank_certificate(inst, jacobian_rank(inst, ((1, 0),)))
    assert doc["claim"]["rank"] == 2 and check(doc).kind == "jacobian-rank"
    _, doc = count_certificate(inst, "all")
    assert (doc["claim"]["count"], doc["claim"]["total"]) == ("4", "4") and check(doc).kind == "fullrank-count"


def test_leaky_global_minimum_region_is_nonempty_where_relu_is_empty():
    # x = 1, v = 1, y = −1, pattern 0 (w < 0): F = α w = −1 at w = −2 (leaky α = 1/2); ReLU: F = 0 ≠ −1
    leaky = instance([[1]], [-1], activation="leaky:1/2")
    rank = {"rows": [0], "columns": [0], "inverse": [["2"]], "kernel": [], "kernel_rows": []}
    claim = {"kind": "global-minimum-region", "pattern": ["0"], "nonempty": True, "rank": 1}
    assert "non-empty" in check(cert(leaky, claim, {"point": ["-2"], **rank})).statement
    # the ReLU proof of emptiness (strict −w > 0, equal 0·w = −1: λ = (0; −1)) does not hold for the leaky rows
    empty = {"multipliers": {"strict": ["0"], "weak": [], "equal": ["-1"]}}
    relu_rank = {"rows": [], "columns": [], "inverse": [], "kernel": [["1"]], "kernel_rows": [0]}
    rejects(cert(leaky, {**claim, "nonempty": False, "rank": 0}, {**empty, **relu_rank}), "invalid")
    relu = instance([[1]], [-1])
    assert "empty" in check(cert(relu, {**claim, "nonempty": False, "rank": 0}, {**empty, **relu_rank})).statement


def test_deep_zero_column_empties_nothing_under_leaky_relu():
    # x = 1 (no bias), widths 1, 1, v = 1, pattern A1 = 0, A2 = 1: ReLU f_1 = 0, so layer 2 sees 0 — empty;
    # leaky α = 1/2: W1 = −1, W2 = −1 give pre-activations −1 < 0 and (−1)(−1/2) = 1/2 > 0 — non-empty
    pattern = [["0"], ["1"]]
    relu, leaky = (instance([[1]], hidden=(1, 1), activation=a) for a in ("relu", "leaky:1/2"))
    zero = {"layer": 1, "point": 0}
    assert check(cert(relu, {"kind": "deep-pattern-empty", "pattern": pattern}, zero)).kind == "deep-pattern-empty"
    rejects(cert(leaky, {"kind": "deep-pattern-empty", "pattern": pattern}, zero), "invalid", "layer")
    weights = {"weights": [[["-1"]], [["-1"]]]}
    assert check(cert(leaky, {"kind": "deep-pattern-nonempty", "pattern": pattern}, weights)).kind == \
        "deep-pattern-nonempty"
    rejects(cert(relu, {"kind": "deep-pattern-nonempty", "pattern": pattern}, weights), "invalid")


def test_deep_jacobian_uses_the_leaky_slope():
    # same network at W1 = W2 = −1: h1 = −1/2; ∂F/∂W2 = h1 = −1/2, ∂F/∂W1 = W2·α·x = −1/2: rank 1
    leaky = instance([[1]], hidden=(1, 1), activation="leaky:1/2")
    claim = {"kind": "deep-jacobian-rank", "pattern": [["0"], ["1"]], "weights": [[["-1"]], [["-1"]]], "rank": 1}
    ev = {"rows": [0], "columns": [0], "inverse": [["-2"]], "kernel": [], "kernel_rows": []}
    assert "rank ∇_W F = 1" in check(cert(leaky, claim, ev)).statement
    ev = {"rows": [1], "columns": [0], "inverse": [["-2"]], "kernel": [], "kernel_rows": []}
    assert check(cert(leaky, claim, ev)).kind == "deep-jacobian-rank"  # the W1 row is −1/2 too
    rejects(cert(leaky, {**claim, "rank": 0}, {"rows": [], "columns": [], "inverse": [], "kernel": [["1"]],
                                                 "kernel_rows": [0]}), "invalid")


# ---------------------------------------------------------------- output, loss, bias: modelled or refused
def test_trainable_output_rank_claims_hold_for_every_v_region_claims_are_refused():
    inst = instance([[1, 0], [0, 1]], output="trainable")
    ev = {"rows": [0], "columns": [0], "inverse": [["1"]], "kernel": [["0"], ["1"]], "kernel_rows": [1]}
    got = check(cert(inst, {"kind": "jacobian-rank", "pattern": ["10"], "rank": 1}, ev))
    assert "all v_i ≠ 0" in got.statement
    claim = {"kind": "global-minimum-region", "pattern": ["10"], "nonempty": True, "rank": 1}
    rejects(cert(inst, claim, {"point": ["1", "-1"], **ev}), "refused", "network.output")


def test_hinge_loss_is_refused_for_global_minimisers():
    # x = 1, 2, v = 1, y = (1, 1): F = (w, 2w) = y has no solution, but under hinge loss every w ≥ 1 is a
    # global minimiser (loss 0) inside S^{11}: "no global minimiser there" would be false
    inst = instance([[1], [2]], hidden=(1,), loss="hinge")
    claim = {"kind": "global-minimum-region", "pattern": ["11"], "nonempty": False, "rank": 1}
    ev = {"multipliers": {"strict": ["0", "0"], "weak": [], "equal": ["2", "-1"]}, "rows": [0], "columns": [0],
          "inverse": [["1"]], "kernel": [["-2"], ["1"]], "kernel_rows": [1]}  # J = (1 2): rank 1, kernel (−2, 1)
    rejects(cert(inst, claim, ev), "refused", "network.loss")
    assert check(cert(instance([[1], [2]]), claim, ev)).kind == "global-minimum-region"  # squared: true


def test_proposition13_needs_the_bias():
    # with bias σ(0·x + 1) = 1 represents y = (1, 1) on x = 1, 2; without bias σ(w x) = (w, 2w)^+ cannot
    from exactrelu.kmtm.theorems import proposition13

    inst = instance_from_mapping(instance([[1], [2]], [1, 1], bias=True))
    doc = theorem_certificates(inst, proposition13(inst))["proposition-13"]
    assert check(doc).kind == "proposition-13" and doc["claim"]["sum"] is True
    doc["instance"]["data"]["bias"] = False
    rejects(doc, "refused", "data.bias")


# ---------------------------------------------------------------- polygon areas and work bounds (holes 4 and 6)
def test_polygon_area_of_an_empty_cone_is_zero():
    # a zero point empties every open cone: area(closure C(10)) = 0, not the 2 of the half-square w1 ≥ 0
    inst = instance([[1, 0], [0, 0]])
    rejects(cert(inst, {"kind": "polygon-area", "row": "10", "area": "2"}, {}), "invalid", "claim.area")
    assert check(cert(inst, {"kind": "polygon-area", "row": "10", "area": "0"}, {})).statement.startswith(
        "area(closure(C(a)) ∩ [−1,1]²) = 0")
    # without the zero point: the half-square {w1 ≥ 0, w2 ≤ 0}... of row 1 on x = (1, 0) alone is area 2
    assert "= 2" in check(cert(instance([[1, 0]]), {"kind": "polygon-area", "row": "1", "area": "2"}, {})).statement
    # x = (1, 1), (1, −1), row 11: |w2| < w1, a triangle (0,0), (1,−1), (1,1) of area 1
    assert "= 1" in check(cert(instance([[1, 1], [1, -1]]), {"kind": "polygon-area", "row": "11", "area": "1"},
                               {})).statement


def test_all_rows_over_28_points_is_refused_not_run():
    inst = instance([[j + 1] for j in range(28)])
    claim = {"kind": "fullrank-count", "rows": "all", "count": "0", "total": str(2**28)}
    err = rejects(cert(inst, claim, {"nodes": []}), "refused")
    assert "work bound" in str(err)


def test_deep_pattern_space_is_paid_for():
    inst = instance([[1], [2], [3], [4]], hidden=(8, 8), output=["1"] * 8)  # 2^(4·16) patterns
    claim = {"kind": "deep-pattern-count", "patterns": str(2**64), "empty": "0", "nonempty_full_rank_at_witness": "0",
             "nonempty_deficient_at_witness": "0", "undecided": str(2**64)}
    rejects(cert(inst, claim, {"classes": []}), "refused")


# ---------------------------------------------------------------- the producer's certificates, against brute force
small = st.integers(-2, 2)


@settings(max_examples=15, deadline=None)
@given(st.integers(2, 3), st.integers(1, 2), st.booleans(), st.data())
def test_fullrank_counts_check_and_equal_brute_force(n, d1, bias, data):
    pts = [[data.draw(small)] for _ in range(n)]
    inst = instance_from_mapping(instance(pts, hidden=(d1,), output=["1"] * d1, bias=bias))
    for rows, allowed in (("all", all_rows(n)), ("topes", unit_rows(inst))):
        result, doc = count_certificate(inst, rows)
        got = check(doc)
        assert got.kind == "fullrank-count"
        assert int(doc["claim"]["count"]) == count_full_rank_bruteforce(inst.points, allowed, d1)
        assert doc["claim"]["total"] == str(len(allowed) ** d1)
        doc["claim"]["count"] = str(result.count + 1)
        rejects(doc, "invalid", "claim.count")


# ---------------------------------------------------------------- the worked examples of docs/certificates-kmtm.md
EXAMPLES = Path(__file__).parents[2] / "docs" / "examples"


@pytest.mark.parametrize("kind", sorted(kmtm.RULES))
def test_worked_example_is_a_real_certificate_the_kernel_accepts(kind):
    checked, sha = kernel.check_file(str(EXAMPLES / f"{kind}.json"))
    assert checked[-1].kind == kind
    assert (sha is None) == (kind in ("relu-representation", "relu-not-representable", "relu-cone-generators"))


# ---------------------------------------------------------------- the attacker's corpus: rejected for the stated reason
FORGERIES = sorted((Path(__file__).parent / "forgeries" / "kmtm").glob("*.json"))


@pytest.mark.parametrize("path", FORGERIES, ids=[p.stem for p in FORGERIES])
def test_forgery_is_rejected_for_its_reason(path):
    """Each forgery's ``info.rejected_by`` names the failing check: a typo elsewhere would prove nothing."""
    text = path.read_text(encoding="utf-8")
    with pytest.raises(kernel.Reject) as err:
        kernel.check_text(text)
    assert json.loads(text)["info"]["rejected_by"] in str(err.value)


def test_corpus_covers_every_kmtm_kind_and_attack_class():
    infos = [json.loads(p.read_text(encoding="utf-8")) for p in FORGERIES]
    assert {d["claim"]["kind"] for d in infos} == set(kmtm.RULES)
    assert {d["info"]["attack"] for d in infos} == {1, 2, 3, 4, 5, 6}


@settings(max_examples=10, deadline=None)
@given(st.lists(st.integers(-3, 3), min_size=2, max_size=3, unique=True), st.lists(st.sampled_from([1, -1, 2]),
       min_size=1, max_size=2), st.data())
def test_globalmin_counts_check_and_equal_the_tuple_enumeration(xs, v, data):
    # the kernel counts one region step per pair of row sets (S+, S−); the producer's brute route decides every tuple
    from exactrelu.certify.kmtm import global_min_certificate
    from exactrelu.kmtm.globalmin import region_minimum

    y = [data.draw(st.integers(-2, 2)) for _ in xs]
    inst = instance_from_mapping(instance([[x] for x in xs], y, hidden=(len(v),), output=v, bias=True))
    doc = global_min_certificate(inst)
    assert check(doc).kind == "globalmin-count"
    rows = unit_rows(inst)
    brute = sum(region_minimum(inst, t).good for t in itertools.product(rows, repeat=len(v)))
    assert doc["claim"]["count"] == str(brute) and doc["claim"]["total"] == str(len(rows) ** len(v))
