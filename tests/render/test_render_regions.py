"""The region count for people (exactrelu/render/regions.py): the sentences explaining a difference from
Proposition 3 and the ``--json`` fields, on hand-worked instances and reports."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from exactrelu.arrangements.regions import CERTIFY_LIMIT, ENUMERATION_ROUTE, RegionReport, analyse
from exactrelu.core.instance import instance_from_mapping
from exactrelu.render.regions import region_notes, region_report_json


def _inst(points, hidden=1, bias=False):
    return instance_from_mapping({"data": {"points": points, "targets": [0] * len(points), "bias": bias},
                                  "network": {"hidden": [hidden]}})


def test_a_zero_point() -> None:
    rep = analyse(_inst([[0, 0], [1, 0], [0, 1]], hidden=2))
    assert region_notes(rep) == ("x_0 = 0: <w, x_0> = 0 for every w, so every open region is empty",)


def test_parallel_points() -> None:
    """x_1 = 2·x_0 (same direction), x_3 = −x_2 (opposite): the three distinct lines count, 6 topes."""
    rep = analyse(_inst([[1, 0], [2, 0], [0, 1], [0, -1], [1, 1]]))
    assert region_notes(rep)[:2] == (
        "x_1 = 2·x_0: entries 0 and 1 are forced equal; the count is that of the 3 distinct lines",
        "x_3 = -1·x_2: entries 2 and 3 are forced opposite; the count is that of the 3 distinct lines",
    )


def test_a_rational_factor_is_written_p_over_q() -> None:
    rep = analyse(_inst([[2, 4], [-1, -2], [0, 1]]))
    assert region_notes(rep)[0].startswith("x_1 = -1/2·x_0: entries 0 and 1 are forced opposite")


def test_a_dependent_set() -> None:
    """(0, 0, 1), (1, 1, 1), (2, 2, 1) with bias: x_0 − 2x_1 + x_2 = 0, 6 topes, not Proposition 3's 8."""
    rep = analyse(_inst([[0, 0], [1, 1], [2, 2]], bias=True))
    assert region_notes(rep) == ("not in general position: points x_0, x_1, x_2 are linearly dependent, so "
                                 "Proposition 3 (8) does not apply",)


def test_general_position_needs_no_note() -> None:
    assert region_notes(analyse(_inst([[1, 0], [0, 1], [1, 1]], hidden=2))) == ()


def test_beyond_the_certificate_limit_each_route_is_named() -> None:
    """A report (made up: the routes only change the wording) with more topes than a certificate lists."""
    big = CERTIFY_LIMIT + 1
    rep = RegionReport("big", 3, 2, 1, big, big, (), (), None, big, 3, (), arrangement_regions=big)
    head = f"{big} topes: beyond {CERTIFY_LIMIT} no tope list is certified, so this count is not certified; "
    assert region_notes(rep) == (head + "one route ran (the characteristic polynomial; no region was listed)",)
    assert region_notes(replace(rep, listing=True))[0] == head + (
        "two independent routes: the characteristic polynomial, and the listing of the rows, checked against it "
        "when the listing ends")
    both = replace(rep, count_routes=(*rep.count_routes, ENUMERATION_ROUTE))
    assert region_notes(both)[0] == head + "two independent routes agree (characteristic polynomial and enumeration)"
    assert region_notes(replace(rep, arrangement_regions=CERTIFY_LIMIT)) == ()


def test_the_json_fields() -> None:
    """x_1 = 2·x_0 in the plane with x_2: two lines, 4 topes, 16 regions for two units; Proposition 3 says 36."""
    rep = analyse(_inst([[1, 0], [2, 0], [0, 1]], hidden=2))
    assert rep.parallel_factors == ((Fraction(1), Fraction(2)),)
    assert region_report_json(rep) == {
        "instance": rep.name, "n": 3, "d": 2, "d1": 2, "topes": 4, "regions": "16", "zero_points": [],
        "parallel_classes": [[0, 1]], "general_position": False, "dependent_set": [0, 1],
        "prop3_closed_form": "36", "prop3_agrees": False,
        "notes": ["x_1 = 2·x_0: entries 0 and 1 are forced equal; the count is that of the 2 distinct lines",
                  "not in general position: points x_0, x_1 are linearly dependent, so Proposition 3 (36) does not "
                  "apply"],
        "count_routes": ["characteristic-polynomial"],
    }
