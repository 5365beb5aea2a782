"""Search small rational data for cells where Liu's printed criterion is wrong.

Liu's criterion (16)–(18) and the exact condition of SPEC §4 can disagree in
two ways (see :func:`exactrelu.liu.minima.discrepancy_source`):

* ``zero-output``: the only genuine minima have ``z_u = 0`` (so ``R_u = 0``), a
  branch the printed criterion does not have;
* ``boundary``: the printed criterion is met only by minimisers with
  ``<R_u, x_p> = 0`` on an inactive point, i.e. on a wall, outside the open cell.

The search walks one-unit instances without bias in a fixed order (few points,
entries in ``{−1, 0, 1}``, targets in ``{−1, 0, 1}``, not all zero) and returns
the first instance and cell of each kind.  It is deterministic, so the
catalogue's counterexamples are reproducible.

>>> found = find_discrepancies(100)  # the first kind; the full search also finds a "boundary" cell (tests/liu/)
>>> ce = found[DiscrepancySource.ZERO_OUTPUT]
>>> [[str(c) for c in p] for p in ce.instance.raw_points], [str(t) for t in ce.instance.targets], ce.pattern
([['-1', '-1'], ['-1', '0']], ['-1', '0'], ((0, 1),))
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import product

from ..core.instance import Instance, instance_from_mapping
from .minima import DiscrepancySource, Pattern, cells, decide_genuine, decide_printed, discrepancy_source

__all__ = ["Counterexample", "find_discrepancies", "small_instances"]


@dataclass(frozen=True)
class Counterexample:
    """A cell where Liu's printed criterion and the exact genuine-minimum verdict disagree, and why."""

    instance: Instance
    pattern: Pattern
    source: DiscrepancySource


def small_instances(max_points: int = 3, d: int = 2, entries: tuple[int, ...] = (-1, 0, 1)) -> Iterator[Instance]:
    """One-unit instances in a fixed order: fewer points first, nonzero distinct points."""
    vectors = [v for v in product(entries, repeat=d) if any(v)]
    for n in range(1, max_points + 1):
        for pts in product(vectors, repeat=n):
            if len(set(pts)) < n:
                continue
            for y in product(entries, repeat=n):
                if not any(y):
                    continue
                yield instance_from_mapping(
                    {
                        "name": f"liu-search-n{n}",
                        "data": {"points": [list(p) for p in pts], "targets": list(y)},
                        "network": {"hidden": [1]},
                    }
                )


def find_discrepancies(limit: int = 5000) -> dict[DiscrepancySource, Counterexample]:
    """The first counterexample of each source among :func:`small_instances` (at most ``limit``)."""
    found: dict[DiscrepancySource, Counterexample] = {}
    for count, inst in enumerate(small_instances()):
        if count >= limit or len(found) == 2:
            break
        for pattern, wit in cells(inst):
            exact = decide_genuine(inst, pattern, wit)
            printed = decide_printed(inst, pattern)
            source = discrepancy_source(exact, printed)
            if source and source not in found:
                found[source] = Counterexample(inst, pattern, source)
    return found
