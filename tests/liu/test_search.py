"""exactrelu.liu.search: the first small instances where Liu's printed criterion is wrong."""

from __future__ import annotations

from exactrelu.liu.minima import DiscrepancySource, decide_printed


def test_search_finds_both_kinds_of_discrepancy_first_in_order() -> None:
    """The deterministic search of exactrelu.liu.search: the first "zero-output" cell is x = (−1,−1), (−1,0),
    y = (−1, 0), cell 01 (the minimiser on x_2 has <R, x_2> = 0 = y_2: only z = 0 realises it); the first
    "boundary" cell has three points, all targets −1, cell 101, where Liu's printed criterion holds but no
    minimiser lies in the open cell."""
    from exactrelu.liu.search import find_discrepancies

    found = find_discrepancies()
    assert sorted(found) == ["boundary", "zero-output"]
    zero, wall = found["zero-output"], found["boundary"]
    assert zero.source is DiscrepancySource.ZERO_OUTPUT and wall.source is DiscrepancySource.BOUNDARY
    assert all(isinstance(k, DiscrepancySource) for k in found)
    assert zero.instance.raw_points == ((-1, -1), (-1, 0)) and zero.instance.targets == (-1, 0)
    assert zero.pattern == ((0, 1),)
    assert wall.instance.raw_points == ((-1, -1), (-1, 0), (0, -1)) and set(wall.instance.targets) == {-1}
    assert wall.pattern == ((1, 0, 1),)
    assert decide_printed(wall.instance, wall.pattern).holds
