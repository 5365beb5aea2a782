"""Catalogue job for SPEC §4 (Liu): Fig. 2 with both targets and certified counterexamples.

* ``liu/fig2*.atlas.json``: the four cells of Liu's Section IV-B (losses 1, 1/2,
  1/2, 0) and, with ``y_2 = −1``, the both-active cell without a genuine minimum
  (``R* = (1, −1)`` outside it, refuted for every sign choice).
* ``liu/counterexample-*.json``: the first small instances (found by
  :func:`exactrelu.liu.search.find_discrepancies`) where Liu's printed criterion
  (16)–(18) disagrees with the exact condition, one per source.
* ``liu/liu-nondiff*.json``: Liu's Theorem 3 in full on a hand-worked instance: a
  non-differentiable local minimum on the wall of ``x_1`` (``y_1 = −3``) and, with
  ``y_1 = −1``, its refutation (sign condition (30) fails), plus the atlas.
"""

from __future__ import annotations

from ...certify.certificates import certificate
from ...certify.liu import atlas_certificate, cell_document, discrepancy_document, nondiff_claim
from ...core.instance import instance_from_mapping
from ...core.rationals import format_rational
from ...liu.cells import Atlas, atlas, wall_verdicts
from ...liu.minima import cell_minimum, decide_genuine, decide_printed, pattern_strings, unit_rows
from ...liu.nondifferentiable import decide_nondiff
from ...liu.search import find_discrepancies
from ...render.liu import HEADER, atlas_rows, plot_bytes
from ...render.tables import render
from ..reproduce import Catalogue

SECTION = "Liu's landscape (SPEC §4)"


def fig2(y2: int):  # type: ignore[no-untyped-def]
    """The data of Fig. 2 of Liu (Section IV-B) with the second target ``y2`` (``±1``)."""
    name = "liu-fig2" if y2 == 1 else "liu-fig2-y2neg"
    return instance_from_mapping(
        {
            "name": name,
            "data": {"points": [[1, 0], [0, 1]], "targets": [1, y2]},
            "network": {"hidden": [1]},
        }
    )


def nondiff_instance(y1: int):  # type: ignore[no-untyped-def]
    """``x = (1,0), (1,1), (−1,1)``, ``y = (y1, 2, 0)``: cell ``011``, ``w`` on the wall of ``x_1``."""
    return instance_from_mapping(
        {
            "name": "liu-nondiff" if y1 == -3 else "liu-nondiff-none",
            "data": {"points": [[1, 0], [1, 1], [-1, 1]], "targets": [y1, 2, 0]},
            "network": {"hidden": [1]},
        }
    )


def _add_atlas(cat: Catalogue, a: Atlas, claim: str, result: str) -> None:
    """Catalogue Liu's cell atlas of ``a.instance``: its certificate ``liu/NAME.atlas.json`` and its table
    ``liu/NAME.md`` (one row per cell)."""
    name = a.instance.name
    cat.add(f"liu/{name}.atlas.json", atlas_certificate(a, wall_verdicts(a)), section=SECTION, instance=name,
            claim=claim, result=result)
    cat.add_file(f"liu/{name}.md", render(HEADER, atlas_rows(a), "markdown") + "\n")


def theorem3(cat: Catalogue) -> None:
    """Liu's Theorem 3 decided on the wall of ``x1`` in cell 011 for ``y1 = −3, −1`` (certified either way), and
    the atlas and picture of the first instance."""
    for y1 in (-3, -1):
        inst = nondiff_instance(y1)
        pattern = ((0, 1, 1),)
        v = decide_nondiff(inst, pattern, 0, 0, (dict(unit_rows(inst))[pattern[0]],))
        result = (
            f"yes: w = (0, 1), z = 1, loss {format_rational(v.loss)}"
            if v.minimum and v.loss is not None
            else "no: (29)-(30) refuted for z > 0 and z < 0"
        )
        cat.add(
            f"liu/{inst.name}.wall.json",
            certificate(*nondiff_claim(v), inst),
            section=SECTION,
            instance=inst.name,
            claim="Theorem 3: does a point meet Liu's conditions (27)-(30) on the wall of x1, cell 011?",
            result=result,
        )
    inst = nondiff_instance(-3)
    a = atlas(inst)
    _add_atlas(
        cat,
        a,
        claim="cells, genuine and non-differentiable minima",
        result=f"{len(a.cells)} cells, Liu's Theorem-3 conditions hold on {a.nondiff_count} wall",
    )
    cat.add_file(f"liu/{inst.name}.png", plot_bytes(a))


def run(cat: Catalogue) -> None:
    """The liu/ folder: Fig. 2 with both targets (atlas, discrepancies, picture) and Theorem 3."""
    for y2 in (1, -1):
        inst = fig2(y2)
        a = atlas(inst)
        losses = ", ".join(format_rational(c.minimum.loss) for c in a.cells)
        _add_atlas(cat, a, "cells, minimal losses, genuine minima", f"{len(a.cells)} cells, losses {losses}")
        both = next(c for c in a.cells if c.pattern == ((1, 1),))
        r_star = ", ".join(map(format_rational, both.minimum.particular))
        verdict = "yes" if both.exact.genuine else "no"
        cat.add(
            f"liu/{inst.name}.cell11.json",
            cell_document(inst, both.minimum, both.exact),
            section=SECTION,
            instance=inst.name,
            claim="both-active cell: genuine minimum?",
            result=f"{verdict}, R* = ({r_star})",
        )
        cat.add_file(f"liu/{inst.name}.png", plot_bytes(a))
    for source, ce in sorted(find_discrepancies().items()):
        inst = ce.instance
        witnesses = dict(unit_rows(inst))
        wit = tuple(witnesses[row] for row in ce.pattern)
        cm = cell_minimum(inst, ce.pattern)
        doc = discrepancy_document(
            inst,
            cm,
            wit,
            decide_genuine(inst, ce.pattern, wit),
            decide_printed(inst, ce.pattern),
            source,
        )
        cat.add(
            f"liu/counterexample-{source}.json",
            doc,
            section=SECTION,
            instance=inst.name,
            claim=f"Liu's printed criterion on cell {'|'.join(pattern_strings(ce.pattern))}",
            result=f"wrong ({source}): exact {'yes' if source == 'zero-output' else 'no'}, "
            f"printed {'no' if source == 'zero-output' else 'yes'}",
        )
    theorem3(cat)
