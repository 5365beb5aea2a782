"""The region family of the kernel (kernel/regions.py, rule 4 of kernel/rules.py) and its producer.

Counts are compared with closed forms (Proposition 3 of Karhadkar et al. in general position) or with the
naive route (one exact LP per sign vector, tests/conftest.py), never with the engine that wrote the
certificate.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from conftest import brute_force_topes
from test_kernel import all_true

from exactrelu import kernel
from exactrelu.arrangements.regions import prop3_count
from exactrelu.certify.regions import region_count_certificate
from exactrelu.core.instance import instance_from_mapping

FORGERIES = sorted((Path(__file__).parent / "forgeries" / "regions").glob("*.json"))


def _inst(points, bias=False, hidden=(1,)):
    return instance_from_mapping({"data": {"points": points, "targets": [0] * len(points), "bias": bias},
                                  "network": {"hidden": list(hidden)}})


@pytest.mark.parametrize("path", FORGERIES, ids=lambda p: p.stem)
def test_forgery_is_false_and_rejected_for_its_reason(path: Path) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    info = doc["info"]
    if info["attack"] in (1, 2, 4):  # well-formed instances: decide the claims independently
        assert not all_true(doc), f"{path.name} claims only true things: it forges nothing"
    with pytest.raises(kernel.Reject) as err:
        kernel.check_text(path.read_text(encoding="utf-8"))
    assert info["expect"] in str(err.value), f"{path.name} rejected for another reason: {err.value}"


def test_general_position_count_is_proposition_3() -> None:
    """12 integer points in Z^4 (seeded, general position): 2·Σ_{k<4} C(11, k) = 464 topes, 464^2 regions."""
    rng = random.Random(0)
    pts = [[rng.randint(-9, 9) for _ in range(4)] for _ in range(12)]
    doc = region_count_certificate(_inst(pts, hidden=(2,)))
    assert doc["claim"]["count"] == str(prop3_count(12, 4, 2)) == str(464**2)
    assert kernel.check_document(doc)[-1].statement.startswith(f"exactly {464**2} ")
    ev = doc["steps"][0]["evidence"]
    entries = sum(len(t["empty"]) for t in ev["topes"])
    assert 0 < len(ev["circuits"]) < entries  # one dependency serves several missing neighbours


@pytest.mark.parametrize("points", [
    [[0, 0], [1, 0], [0, 1], [1, 1], [2, 1], [1, 2], [2, 2]],  # a grid: many collinear triples through w = 0
    [[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0], [1, 0, 1], [0, 1, 1], [1, 1, 1], [1, -1, 0]],
    [["1/2", "1/3"], ["-2/5", 1], [3, "-1/7"], [1, 1], [2, 2]],  # rationals, two parallel points
])
def test_degenerate_configurations_are_accepted(points) -> None:
    """Degenerate faces (tests/arrangements/test_completeness.py): the certificate counts the naive route's
    topes and the kernel accepts it."""
    inst = _inst(points, bias=True)
    truth = brute_force_topes([list(p) for p in inst.points])
    doc = region_count_certificate(inst)
    assert {tuple({"+": 1, "-": -1, "0": 0}[c] for c in t["signs"]) for t in doc["steps"][0]["evidence"]["topes"]} \
        == truth
    assert kernel.check_document(doc)[-1].statement.startswith(f"exactly {len(truth)} ")


def test_a_zero_point_leaves_no_region() -> None:
    """x_1 = 0: <w, x_1> > 0 never holds, so every S^A is empty; the topes carry 0 there."""
    doc = region_count_certificate(_inst([[1, 0], [0, 0], [0, 1]], hidden=(3,)))
    assert doc["claim"]["count"] == "0"
    assert all(t["signs"][1] == "0" for t in doc["steps"][0]["evidence"]["topes"])
    assert kernel.check_document(doc)[-1].statement.startswith("exactly 0 ")
    doc["claim"]["count"] = str(4**3)  # the 4 topes of the other two points, cubed: false
    with pytest.raises(kernel.Reject, match="T\\^d1"):
        kernel.check_document(doc)


def test_a_circuit_not_matching_its_neighbour_is_rejected() -> None:
    """Point an 'empty' entry at a hyperplane the dependency does not separate: rejected."""
    doc = region_count_certificate(_inst([[1, 0], [0, 1], [1, 1]]))
    topes = doc["steps"][0]["evidence"]["topes"]
    entry = next(t for t in topes if t["empty"])
    j = entry["empty"][0][0]
    entry["empty"][0][0] = (j + 1) % 3
    with pytest.raises(kernel.Reject, match="do not agree|not closed"):
        kernel.check_document(doc)
