"""Landscape certificates (exactrelu/certify/landscape.py): the encoders of the proof values of
exactrelu/landscape/proofs.py on hand-worked values; the kernel accepts what they write and rejects a one-field
mutation."""

from __future__ import annotations

import copy
from fractions import Fraction
from typing import Any

import pytest

from exactrelu import kernel
from exactrelu.certify.certificates import certificate, dumps, step
from exactrelu.certify.landscape import (
    global_minimum_claim,
    local_minimum_claim,
    local_minimum_proof_claim,
    no_spurious_claim,
    no_spurious_proof_claim,
)
from exactrelu.core.feasibility import FeasiblePoint
from exactrelu.core.instance import InstanceError, instance_from_mapping
from exactrelu.landscape.proofs import LocalMinimumProof, no_spurious_proof

F = Fraction
ISSUE16 = {"name": "issue16", "data": {"points": [[1], [-1]], "targets": [2, 1]}, "network": {"hidden": [1]}}
NO_SPURIOUS = {"name": "no-spurious", "data": {"points": [[-1], [1]], "targets": [-2, 2]}, "network": {"hidden": [1]}}


def check(doc: dict[str, Any]) -> list[kernel.Checked]:
    return kernel.check_text(dumps(doc))[0]


def test_local_minimum_encoded_from_a_hand_made_proof() -> None:
    """w = −1, z = 1 on x = 1, −1, y = (2, 1): F = (0, 1), loss ½·2² = 2, R = −1 (no wall, no multiplier); the
    global minimum w = 2, z = 1 (loss 1/2) is the lower point."""
    inst = instance_from_mapping(ISSUE16)
    proof = LocalMinimumProof(((F(-1),),), (F(1),), F(2), FeasiblePoint((F(-1),)), (((F(2),),), (F(1),)))
    claim, ev = local_minimum_proof_claim(inst, proof)
    assert claim == {"kind": "landscape-local-minimum", "weights": [["-1"]], "output": ["1"], "loss": "2",
                     "spurious": True}
    assert ev["point"] == ["-1"] and ev["lower"] == {"weights": [["2"]], "output": ["1"]}
    assert (claim, ev) == local_minimum_claim(inst, [[F(-1)]], [F(1)], ([[F(2)]], [F(1)]))  # the analysis agrees
    doc = certificate(claim, ev, inst, [step("global", *global_minimum_claim(inst))])
    assert check(doc)[-1].statement.startswith("W = (-1), z = (1) is a local minimum with loss 2 (spurious")
    for path, value in [(("claim", "loss"), "5/2"), (("evidence", "point"), ["-2"]),
                        (("evidence", "lower"), {"weights": [["-1"]], "output": ["1"]})]:
        forged = copy.deepcopy(doc)
        forged[path[0]][path[1]] = value
        with pytest.raises(kernel.Reject):
            check(forged)


def test_fixed_output_writes_no_output() -> None:
    """Fixed v = −1: the claim names the weights only; w = 0 gives F = 0 and loss ½(2² + 1²) = 5/2."""
    inst = instance_from_mapping({**ISSUE16, "network": {"hidden": [1], "output": ["-1"]}})
    claim, _ = local_minimum_claim(inst, [[0]], None)
    assert claim == {"kind": "landscape-local-minimum", "weights": [["0"]], "loss": "5/2", "spurious": False}
    check(certificate(*local_minimum_claim(inst, [[0]], None), inst))


def test_no_spurious_encoded() -> None:
    """x = −1, 1, y = (−2, 2): faces +- (w < 0), -+ (w > 0), 00 with witnesses; 9 strata, the two feasible ones
    (w > 0, z > 0 and w < 0, z < 0) with R = 2, the other seven with Motzkin multipliers."""
    inst = instance_from_mapping(NO_SPURIOUS)
    g = step("global", *global_minimum_claim(inst))
    assert g["claim"]["value"] == "2"
    claim, ev = no_spurious_proof_claim(inst, no_spurious_proof(inst, F(2)))
    assert claim == {"kind": "landscape-no-spurious"} and ev["global"] == "global"
    assert set(ev["faces"]) == {"+-", "-+", "00"} and ev["faces"]["00"] == ["0"]
    assert [(s["faces"], s["signs"], s["point"]) for s in ev["strata"] if "point" in s] == \
        [(["-+"], "+", ["2"]), (["+-"], "-", ["2"])]
    assert sum("multipliers" in s for s in ev["strata"]) == 7
    assert (claim, ev) == no_spurious_claim(inst, F(2))
    doc = certificate(claim, ev, inst, [g])
    assert check(doc)[-1].kind == "landscape-no-spurious"
    dropped = copy.deepcopy(doc)
    dropped["evidence"]["strata"].pop()
    moved = copy.deepcopy(doc)
    next(s for s in moved["evidence"]["strata"] if "point" in s)["point"] = ["3"]
    for forged in (dropped, moved):
        with pytest.raises(kernel.Reject):
            check(forged)


def test_no_spurious_refused_when_there_is_one() -> None:
    with pytest.raises(InstanceError, match="no spurious"):
        no_spurious_claim(instance_from_mapping(ISSUE16), F(1, 2))
