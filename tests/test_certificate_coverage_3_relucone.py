"""Proposition 13's generator verdicts (``relu-cone-generators``) and the whole report (``proposition-13``)."""

from __future__ import annotations

import copy
import json
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exactrelu import kernel
from exactrelu.core.instance import instance_from_mapping
from exactrelu.kmtm.relucone import generators_certificate, tope_rays
from exactrelu.kmtm.theorems import proposition13


def kinds(doc):
    """The claim kinds the kernel proved (steps first, the claim last); raises ``kernel.Reject``."""
    return [c.kind for c in kernel.check_document(doc)]


def file_kinds(path):
    return [c.kind for c in kernel.check_file(str(path))[0]]



def _rejects(doc) -> None:
    with pytest.raises(kernel.Reject):
        kinds(doc)


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
    rep = proposition13(_instance([2, 0, 1], [0, 0, 1], 1))  # sorted: y = (0, 1, 0), the hat
    doc = rep.certificates["proposition-13"]
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
