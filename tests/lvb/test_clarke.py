"""exactrelu.lvb.clarke: Clarke criticality (Laurent–von Brecht Definition 2) by hand, with kernel replays."""

from __future__ import annotations

import copy
from fractions import Fraction as F

import pytest
from conftest import hinge_net as binary
from conftest import mutated

from exactrelu import kernel
from exactrelu.certify.lvb import clarke_certificate
from exactrelu.core.point import point_from_mapping
from exactrelu.lvb.clarke import Adjacency, Criticality, clarke


def one_unit_point(w, v):
    inst = binary([[1], [-1]], [1, 1])
    return inst, point_from_mapping({"layers": [{"W": [[w]]}], "output": {"V": [[v]]}}, inst)


def test_clarke_by_hand_kink_at_origin():
    # L(w, v) = ½σ(1 − vσ(w)) + ½σ(1 − vσ(−w)); at (0, 1): gradients (∓½, 0) on the two sides.
    inst, p = one_unit_point("0", "1")
    ver = clarke(inst, p)
    assert ver.verdict == "critical" and ver.loss == 1
    grads = {c.tau: c.gradient for c in ver.cells if c.status == "adjacent"}
    assert grads == {(1, -1): (F(-1, 2), F(0)), (-1, 1): (F(1, 2), F(0))}
    assert {c.tau for c in ver.cells if c.status == "not-adjacent"} == {(1, 1), (-1, -1)}
    doc = clarke_certificate(ver, inst, p)
    kernel.check_document(doc)
    bad = mutated(doc, ("evidence", "cells", 0, "weight"), "1/3")
    with pytest.raises(kernel.Reject):
        kernel.check_document(bad)
    bad = copy.deepcopy(doc)
    bad["evidence"]["cells"][0]["ray"] = ["0", "1"]  # w stays 0: the ray enters no open cell
    with pytest.raises(kernel.Reject, match="ray"):
        kernel.check_document(bad)
    bad = copy.deepcopy(doc)
    bad["evidence"]["cells"][1]["ray"] = doc["evidence"]["cells"][0]["ray"]  # one cell twice: Σ θ ∇L = ∓½ ≠ 0
    with pytest.raises(kernel.Reject, match="Σ θ"):
        kernel.check_document(bad)
    bad = mutated(doc, ("claim", "loss"), "1/2")
    with pytest.raises(kernel.Reject, match="loss"):
        kernel.check_document(bad)


def test_not_critical_inside_a_cell_and_corruption():
    # w = 1, v = 0: inside a cell, gradient (0, -1/2) ≠ 0.
    inst, p = one_unit_point("1", "0")
    ver = clarke(inst, p)
    assert ver.verdict == "not-critical" and not ver.zeros
    assert ver.cells[0].gradient == (F(0), F(-1, 2))
    doc = clarke_certificate(ver, inst, p)
    kernel.check_document(doc)
    bad = mutated(doc, ("evidence", "direction"), ["1", "-1"])
    with pytest.raises(kernel.Reject, match="not negative"):
        kernel.check_document(bad)


def test_sharp_minimum_at_margin_is_critical():
    # w = 1, v = 1: point 1 exactly at margin (hinge 0); cells: active gradient (−½, −½), inactive 0.
    inst, p = one_unit_point("1", "1")
    ver = clarke(inst, p)
    assert ver.verdict == "critical" and ver.loss == F(1, 2)
    assert ver.weights == (((-1,), F(1)),)
    kernel.check_document(clarke_certificate(ver, inst, p))


def test_excluded_cell_certificate_corrupted():
    # a not-critical boundary point: w = 0, v = 1 with targets (1, -1) → gradients (−½,0) and (−½,0)
    inst = binary([[1], [-1]], [1, -1])
    p = point_from_mapping({"layers": [{"W": [["0"]]}], "output": {"V": [["1"]]}}, inst)
    ver = clarke(inst, p)
    assert ver.verdict == "not-critical"
    doc = clarke_certificate(ver, inst, p)
    kernel.check_document(doc)
    assert doc["evidence"]["excluded"]
    bad = copy.deepcopy(doc)
    key = next(iter(doc["evidence"]["excluded"]))
    bad["evidence"]["excluded"][key]["strict"] = ["1", "0"]
    with pytest.raises(kernel.Reject, match="Σ λ_i a_i ≠ 0"):
        kernel.check_document(bad)


def test_clarke_vocabularies_are_enums_with_the_documented_values():
    """``ClarkeVerdict.verdict`` is a :class:`Criticality` (values: the ``clarke`` claim of an ``lvb-analysis``
    certificate, docs/certificates-lvb.md) and each cell's ``status`` an :class:`Adjacency` (values: the ``status``
    of ``clarke_detail.cells`` in ``lvb --json``); the members format, compare and encode as those strings."""
    import json

    assert [c.value for c in Criticality] == ["critical", "not-critical", "undecided"]
    assert [a.value for a in Adjacency] == ["adjacent", "not-adjacent", "unknown"]
    inst, p = one_unit_point("0", "1")  # the kink of test_clarke_by_hand_kink_at_origin: critical
    ver = clarke(inst, p)
    assert isinstance(ver.verdict, Criticality) and ver.verdict is Criticality.CRITICAL
    status = {c.tau: c.status for c in ver.cells}
    assert all(isinstance(s, Adjacency) for s in status.values())
    assert status[(1, -1)] is Adjacency.ADJACENT and status[(1, 1)] is Adjacency.NOT_ADJACENT
    assert json.dumps([ver.verdict, status[(1, 1)]]) == '["critical", "not-adjacent"]'
    assert f"{ver.verdict}" == "critical" and str(Criticality.NOT_CRITICAL) == "not-critical"
