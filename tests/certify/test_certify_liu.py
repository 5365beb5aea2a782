"""exactrelu.certify.liu: the ``liu-atlas`` certificate is encoded from an atlas and its wall verdicts.

The wall verdicts (:func:`exactrelu.liu.cells.wall_verdicts`) are computed by the caller and passed in, so the
encoder runs no analysis; the kernel still sees one ``liu-theorem3`` step per ``(m, n)`` with ``A_mn = 0``.
"""

from __future__ import annotations

import pytest
from conftest import mutated

from exactrelu import kernel
from exactrelu.certify.liu import atlas_certificate
from exactrelu.core.instance import instance_from_mapping
from exactrelu.liu.cells import atlas, wall_verdicts

FIG2NEG = instance_from_mapping({"name": "fig2neg", "data": {"points": [[1, 0], [0, 1]], "targets": [1, -1]},
                                 "network": {"hidden": [1]}})
NONDIFF = instance_from_mapping({"name": "nondiff", "data": {"points": [[1, 0], [1, 1], [-1, 1]],
                                                             "targets": [-3, 2, 0]}, "network": {"hidden": [1]}})


def test_atlas_claim_by_hand_and_kernel_accepts() -> None:
    # Fig. 2 with y = (1, −1): cells 00, 01, 10, 11 have 2, 1, 1, 0 inactive entries: 4 walls; cell losses 1, ½, ½, 0
    # and the genuine minima are in cells 00, 01, 10 (11's R* = (1, −1) lies outside it): least genuine loss ½
    a = atlas(FIG2NEG)
    doc = atlas_certificate(a, wall_verdicts(a))
    assert doc["claim"] == {"kind": "liu-atlas", "cells": "4", "min_loss": "0", "best_genuine_loss": "1/2",
                            "walls": "4", "liu_walls": "0"}
    assert [e["walls"] for e in doc["evidence"]["cells"]] == [["thm3.0.0.0", "thm3.0.0.1"], ["thm3.1.0.0"],
                                                              ["thm3.2.0.1"], []]
    assert kernel.check_document(doc)[-1].kind == "liu-atlas"
    bad = mutated(doc, ("claim", "walls"), "3")
    with pytest.raises(kernel.Reject):
        kernel.check_document(bad)


def test_the_wall_minimum_is_counted() -> None:
    # x = (1,0), (1,1), (−1,1), y = (−3, 2, 0): w = (0, 1), z = 1 on the wall of x_1 in cell 011 meets Liu's (27)-(30)
    a = atlas(NONDIFF)
    doc = atlas_certificate(a, wall_verdicts(a))
    assert doc["claim"]["liu_walls"] == "1"
    assert doc["claim"]["walls"] == str(sum(row.count(0) for c in a.cells for row in c.pattern))
    assert kernel.check_document(doc)[-1].kind == "liu-atlas"
    bad = mutated(doc, ("claim", "liu_walls"), "0")
    with pytest.raises(kernel.Reject):
        kernel.check_document(bad)


def test_a_missing_wall_is_refused() -> None:
    a = atlas(FIG2NEG)
    walls = list(wall_verdicts(a))
    walls[0] = walls[0][:1]  # cell 00 without its wall (0, 1): the encoder writes what it gets …
    doc = atlas_certificate(a, walls)
    assert doc["claim"]["walls"] == "3"
    with pytest.raises(kernel.Reject):  # … and the kernel, which knows every A_mn = 0, refuses it
        kernel.check_document(doc)
    with pytest.raises(ValueError):  # one tuple of verdicts per cell, or nothing is encoded
        atlas_certificate(a, walls[:-1])
