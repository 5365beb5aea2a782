"""Catalogue job for SPEC §4 (Liu): Fig. 2 with both targets and certified counterexamples.

* ``liu/fig2*.atlas.json``: the four cells of Liu's Section IV-B (losses 1, 1/2,
  1/2, 0) and, with ``y_2 = −1``, the both-active cell without a genuine minimum
  (``R* = (1, −1)`` outside it, refuted for every sign choice).
* ``liu/counterexample-*.json``: the first small instances (found by
  :func:`exactrelu.liu_search.find_discrepancies`) where Liu's printed criterion
  (16)–(18) disagrees with the exact condition, one per source.
"""

from __future__ import annotations

from ..instance import instance_from_mapping
from ..liu import cell_minimum, decide_genuine, decide_printed, pattern_strings, unit_rows
from ..liu_atlas import HEADER, atlas, atlas_certificate, atlas_rows
from ..liu_certs import cell_document, discrepancy_document
from ..liu_plot import plot_bytes
from ..liu_search import find_discrepancies
from ..rationals import format_rational
from ..reproduce import Catalogue
from ..tables import render

SECTION = "Liu's landscape (SPEC §4)"


def fig2(y2: int):  # type: ignore[no-untyped-def]
    name = "liu-fig2" if y2 == 1 else "liu-fig2-y2neg"
    return instance_from_mapping(
        {
            "name": name,
            "data": {"points": [[1, 0], [0, 1]], "targets": [1, y2]},
            "network": {"hidden": [1]},
        }
    )


def run(cat: Catalogue) -> None:
    for y2 in (1, -1):
        inst = fig2(y2)
        a = atlas(inst)
        losses = ", ".join(format_rational(c.minimum.loss) for c in a.cells)
        cat.add(
            f"liu/{inst.name}.atlas.json",
            atlas_certificate(a),
            section=SECTION,
            instance=inst.name,
            claim="cells, minimal losses, genuine minima",
            result=f"{len(a.cells)} cells, losses {losses}",
        )
        cat.add_file(f"liu/{inst.name}.md", render(HEADER, atlas_rows(a), "markdown") + "\n")
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
