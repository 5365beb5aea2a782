"""The streaming sweep (exactrelu.arrangements.listing.list_topes) against the cocircuit enumeration and the
batch sweep.

The streamed topes must be the topes of :func:`exactrelu.arrangements.topes.topes` (same sign
vectors, same order — ``regions --list`` prints them as they come), every
witness must have exactly the listed signs, and the memory held while streaming
must not grow like the number of regions (the batch sweep holds every one).
"""

from __future__ import annotations

import itertools
import tracemalloc

import numpy as np
from conftest import configurations
from hypothesis import given, settings
from hypothesis import strategies as st
from test_counting import A000609, A034997, braid, degenerate_configurations, resonance, threshold, type_b

from exactrelu.arrangements import listing
from exactrelu.arrangements.counting import count_regions
from exactrelu.arrangements.listing import (
    _lines_of,
    _order_key,
    list_topes,
    list_topes_batch,
    sweep_blocks,
    sweep_topes,
)
from exactrelu.arrangements.topes import sign_vector, topes


@settings(max_examples=80, deadline=None)
@given(degenerate_configurations(), st.sampled_from([1, 2, 4096]))
def test_streamed_topes_are_the_cocircuit_topes_in_order_with_exact_witnesses(points, chunk):
    streamed = list(list_topes(points, chunk))
    assert [t.signs for t in streamed] == [t.signs for t in topes(points)]
    assert all(sign_vector(t.witness, points) == t.signs for t in streamed)
    assert all(x.denominator == 1 for t in streamed for x in t.witness)  # integer witnesses


@settings(max_examples=40, deadline=None)
@given(configurations(max_n=8, max_d=4), st.sampled_from([1, 3]))
def test_streamed_topes_on_random_rational_data(points, chunk):
    streamed = list(list_topes(points, chunk))
    assert [t.signs for t in streamed] == [t.signs for t in topes(points)]
    assert all(sign_vector(t.witness, points) == t.signs for t in streamed)


def test_streamed_structured_arrangements_match_the_closed_forms_and_the_batch_sweep():
    for points, expected in [(threshold(4), A000609[4]), (resonance(4), A034997[3]), (braid(5), 120),
                             (braid(6), 720), (type_b(3), 2**3 * 6), (type_b(4), 2**4 * 24)]:
        for block in (8, 100, 4096):  # many small blocks, a few, and one
            streamed = list(list_topes(points, block))
            assert len(streamed) == expected == len({t.signs for t in streamed})
            assert [t.signs for t in streamed] == [t.signs for t in list_topes_batch(points)]
            assert all(sign_vector(t.witness, points) == t.signs for t in streamed)


def test_a_cone_of_the_braid_arrangement_holds_the_permutations_with_that_prefix():
    # braid A_2 in Q^3: lines e0−e1, e0−e2, e1−e2; the region w0 > w1 of the first line holds the
    # 3 orderings with w0 > w1 (hand count): w0>w1>w2, w0>w2>w1, w2>w0>w1
    lines = [(1, -1, 0), (1, 0, -1), (0, 1, -1)]
    masks, wit = sweep_topes(lines, 3, {}, 1, ([0b1], np.array([[1, -1, 0]])), {})
    assert sorted(masks.tolist()) == sorted([0b111, 0b011, 0b001])
    for m, w in zip(masks.tolist(), wit.tolist(), strict=True):
        assert all((sum(a * b for a, b in zip(w, h, strict=True)) > 0) == bool(m >> i & 1) for i, h in enumerate(lines))


def _blocks(points: list, block: int) -> list[tuple[list[int], list]]:
    lines, of_point = _lines_of(points)
    total = count_regions(points).regions
    return [(m.tolist(), w.tolist()) for m, w in
            sweep_blocks(lines, len(points[0]), total, _order_key(len(points), lines, of_point), block)]


def test_the_blocks_partition_the_topes_and_each_is_about_one_block():
    for points, expected in [(resonance(5), A034997[4]), (threshold(4), A000609[4]), (braid(5), 120)]:
        lines, _ = _lines_of(points)
        batch, _ = sweep_topes(lines, len(points[0]))
        for block in (64, 1024):
            blocks = _blocks(points, block)
            masks = [m for b, _ in blocks for m in b]
            assert len(masks) == expected == len(set(masks))
            assert set(masks) == set(batch.tolist())
            assert len(blocks) >= expected // (3 * block) and (len(blocks) > 1) == (expected > block)
            # the runs are sized from the block before: measured at most 3.7 blocks on these data
            assert max(len(b) for b, _ in blocks) <= 4 * block
            for b, w in blocks:  # witnesses realise their masks
                for m, x in zip(b, w, strict=True):
                    assert all((sum(a * c for a, c in zip(x, h, strict=True)) > 0) == bool(m >> i & 1)
                               for i, h in enumerate(lines))


def test_the_stream_sweeps_one_block_at_a_time(monkeypatch):
    points = resonance(5)  # 11,292 topes, about 11 blocks of 1024
    lines, _ = _lines_of(points)
    swept = []
    real = listing.sweep_topes

    def counting(sub, d, cache=None, j=0, starts=None, tables=None, shared=None):
        if starts is not None and len(sub) == len(lines):
            swept.append(len(starts[0]))  # one block of the whole arrangement
        return real(sub, d, cache, j, starts, tables, shared)

    monkeypatch.setattr(listing, "sweep_topes", counting)
    stream = list_topes(points, 1024)
    first = [t.signs for t in itertools.islice(stream, 3)]
    assert first == [t.signs for t in topes(points)[:3]]  # rows come before the rest is swept
    assert len(swept) == 1
    rest = sum(1 for _ in stream)
    assert rest + 3 == A034997[4] and len(swept) >= 11


def _peak_bytes(points: list, lister) -> tuple[int, int]:
    """Regions listed and the tracemalloc peak while consuming the stream one tope at a time."""
    count_regions(points)  # warm the imports and caches of the count outside the measurement
    tracemalloc.start()
    try:
        listed = sum(1 for _ in lister(points))
        return listed, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_streaming_holds_less_than_the_batch_sweep():
    n_stream, peak_stream = _peak_bytes(resonance(5), lambda pts: list_topes(pts, 1024))
    n_batch, peak_batch = _peak_bytes(resonance(5), list_topes_batch)
    assert n_stream == n_batch == A034997[4]
    assert peak_stream < 0.5 * peak_batch  # measured 0.83 MB against 2.4 MB (traced allocations, not RSS)
