"""Region certificates (exactrelu/certify/regions.py): the ``topes-complete`` encoder on hand-worked values, and
the kernel accepting what it writes and rejecting a one-field change."""

from __future__ import annotations

import copy
from fractions import Fraction

import pytest

from exactrelu import kernel
from exactrelu.arrangements.completeness import Circuit, ProvedTope, TopesProof, topes_proof
from exactrelu.certify.regions import region_count_certificate, topes_complete_evidence, topes_evidence, topes_step
from exactrelu.core.instance import instance_from_mapping

FAN = [[1, 0], [0, 1], [1, 1]]  # three lines through 0: six sectors, x_0 + x_1 = x_2


def _inst(points, hidden=1):
    return instance_from_mapping({"data": {"points": points, "targets": [0] * len(points)},
                                  "network": {"hidden": [hidden]}})


def test_the_encoding_of_a_hand_made_proof() -> None:
    """Signs as +/−/0 strings, witnesses and multipliers as integer strings, indices as JSON integers."""
    proof = TopesProof((ProvedTope((1, -1, 0), (3, -2), ()), ProvedTope((-1, 1, 0), (-3, 2), ((0, 0), (1, 1)))),
                       (Circuit((0, 1), (2, -5)), Circuit((1, 2, 3), (1, 1, -1))))
    assert topes_complete_evidence(proof) == {
        "topes": [{"signs": "+-0", "point": ["3", "-2"], "empty": []},
                  {"signs": "-+0", "point": ["-3", "2"], "empty": [[0, 0], [1, 1]]}],
        "circuits": [[[0, 1], ["2", "-5"]], [[1, 2, 3], ["1", "1", "-1"]]],
    }


def test_the_fan_by_hand() -> None:
    """The six sectors of the fan in the order of their sign strings, each bordering one of the two empty sign
    vectors (+, +, −), (−, −, +), both refuted by the circuit −x_0 − x_1 + x_2 = 0."""
    ev = topes_evidence([[Fraction(c) for c in x] for x in FAN])
    assert [t["signs"] for t in ev["topes"]] == ["+++", "+-+", "+--", "-++", "-+-", "---"]
    assert ev["circuits"] == [[[0, 1, 2], ["-1", "-1", "1"]]]
    assert [t["empty"] for t in ev["topes"]] == [[[2, 0]], [[0, 0]], [[1, 0]], [[1, 0]], [[0, 0]], [[2, 0]]]
    for t in ev["topes"]:  # each witness w has the tope's signs
        w = [int(c) for c in t["point"]]
        assert "".join("+" if v > 0 else "-" for v in (w[0], w[1], w[0] + w[1])) == t["signs"]
    step = topes_step(FAN)
    assert step["claim"] == {"kind": "topes-complete", "count": "6"} and step["evidence"] == ev


def test_region_count_certificate_is_accepted_and_a_changed_field_rejected() -> None:
    doc = region_count_certificate(_inst(FAN, hidden=2))
    assert doc["claim"] == {"kind": "region-count", "count": "36"} and doc["info"]["topes"] == 6
    assert kernel.check_document(doc)[-1].statement.startswith("exactly 36 ")
    forged = copy.deepcopy(doc)
    forged["steps"][0]["evidence"]["circuits"][0][1][2] = "2"  # −x_0 − x_1 + 2x_2 ≠ 0
    with pytest.raises(kernel.Reject):
        kernel.check_document(forged)
    dropped = copy.deepcopy(doc)
    dropped["steps"][0]["evidence"]["topes"].pop()  # one sector fewer: its neighbours' crossings are unproved
    with pytest.raises(kernel.Reject):
        kernel.check_document(dropped)


def test_encoder_and_proof_agree_in_size() -> None:
    pts = [[Fraction(c) for c in x] for x in ([1, 0, 1], [0, 1, 1], [1, 1, 1], [2, 1, 1], [-1, 0, 1])]
    proof = topes_proof(pts)
    ev = topes_complete_evidence(proof)
    assert len(ev["topes"]) == len(proof.topes) and len(ev["circuits"]) == len(proof.circuits)
    assert sum(len(t["empty"]) for t in ev["topes"]) == sum(len(t.empty) for t in proof.topes)
