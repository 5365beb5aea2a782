"""The one-layer region count (:class:`~exactrelu.arrangements.regions.RegionReport`) for people: the sentences that
explain a difference from Proposition 3, and the ``--json`` of ``exactrelu regions`` (docs/json.md)."""

from __future__ import annotations

from typing import Any

from ..arrangements.regions import CERTIFY_LIMIT, ENUMERATION_ROUTE, RegionReport
from ..core.rationals import format_rational

__all__ = ["region_notes", "region_report_json"]


def region_notes(rep: RegionReport) -> tuple[str, ...]:
    """Why the exact count differs from Proposition 3, one sentence per cause: a zero point empties every open
    region; parallel points force equal (or opposite) entries, so only the distinct lines count; a dependent
    set; and, beyond :data:`~exactrelu.arrangements.regions.CERTIFY_LIMIT` topes, that the count is not
    certified and which routes produced it.

    >>> from exactrelu.arrangements.regions import analyse
    >>> from exactrelu.core.instance import instance_from_mapping
    >>> rep = analyse(instance_from_mapping({"data": {"points": [[1, 0], [-2, 0], [0, 1]], "targets": [0, 0, 0]},
    ...                                      "network": {"hidden": [1]}}))
    >>> region_notes(rep)[0]
    'x_1 = -2·x_0: entries 0 and 1 are forced opposite; the count is that of the 2 distinct lines'
    """
    notes = [f"x_{j} = 0: <w, x_{j}> = 0 for every w, so every open region is empty" for j in rep.zero_points]
    for cls, factors in zip(rep.parallel, rep.parallel_factors, strict=True):
        first = cls[0]
        for k, c in zip(cls[1:], factors[1:], strict=True):
            rel = "equal" if c > 0 else "opposite"
            notes.append(f"x_{k} = {format_rational(c)}·x_{first}: entries {first} and {k} are forced {rel}; "
                         f"the count is that of the {rep.lines} distinct lines")
    dep = rep.dependent_set
    if dep is not None and rep.prop3 != rep.region_count and len(dep) > 1:
        notes.append(f"not in general position: points {', '.join(f'x_{j}' for j in dep)} are linearly "
                     f"dependent, so Proposition 3 ({rep.prop3}) does not apply")
    counted = rep.arrangement_regions or 0
    if counted > CERTIFY_LIMIT:
        if ENUMERATION_ROUTE in rep.count_routes:
            how = "two independent routes agree (characteristic polynomial and enumeration)"
        elif rep.listing:
            how = ("two independent routes: the characteristic polynomial, and the listing of the rows, "
                   "checked against it when the listing ends")
        else:
            how = "one route ran (the characteristic polynomial; no region was listed)"
        notes.append(f"{counted} topes: beyond {CERTIFY_LIMIT} no tope list is certified, so this count is "
                     f"not certified; {how}")
    return tuple(notes)


def region_report_json(rep: RegionReport) -> dict[str, Any]:
    """The fields of ``exactrelu regions --json`` for a one-layer count (the command adds ``rows``,
    ``prop4_agrees`` and the envelope; counts are strings or integers as the JSON contract coerces them).

    >>> from exactrelu.arrangements.regions import RegionReport
    >>> region_report_json(RegionReport("t", 2, 1, 1, 2, 2, (), ((0, 1),), (0, 1), 2, 1, ((1, -1),)))["notes"]
    ['x_1 = -1·x_0: entries 0 and 1 are forced opposite; the count is that of the 1 distinct lines']
    """
    return {"instance": rep.name, "n": rep.n, "d": rep.d, "d1": rep.d1, "topes": rep.tope_count,
            "regions": str(rep.region_count), "zero_points": list(rep.zero_points),
            "parallel_classes": [list(c) for c in rep.parallel], "general_position": rep.general_position,
            "dependent_set": list(rep.dependent_set) if rep.dependent_set else None,
            "prop3_closed_form": str(rep.prop3), "prop3_agrees": rep.prop3 == rep.region_count,
            "notes": list(region_notes(rep)), "count_routes": list(rep.count_routes)}
