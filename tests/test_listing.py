"""The streaming sweep (exactrelu.listing.list_topes) against the cocircuit enumeration and the batch sweep.

The streamed topes must be the topes of :func:`exactrelu.topes.topes` (same sign
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

from exactrelu.counting import count_regions
from exactrelu.listing import _Prefixes, cone_topes, list_topes, list_topes_batch
from exactrelu.topes import sign_vector, topes


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
                             (type_b(3), 2**3 * 6)]:
        for chunk in (8, 4096):  # many small pieces, and one piece
            streamed = list(list_topes(points, chunk))
            assert len(streamed) == expected == len({t.signs for t in streamed})
            assert [t.signs for t in streamed] == [t.signs for t in list_topes_batch(points)]
            assert all(sign_vector(t.witness, points) == t.signs for t in streamed)


def test_a_cone_of_the_braid_arrangement_holds_the_permutations_with_that_prefix():
    # braid A_2 in Q^3: lines e0−e1, e0−e2, e1−e2; the region w0 > w1 of the first line holds the
    # 3 orderings with w0 > w1 (hand count): w0>w1>w2, w0>w2>w1, w2>w0>w1
    lines = ((1, -1, 0), (1, 0, -1), (0, 1, -1))
    masks, wit = cone_topes(lines, 3, 1, 0b1, np.array([1, -1, 0]), _Prefixes())
    assert sorted(masks) == sorted([0b111, 0b011, 0b001])
    for m, w in zip(masks, wit.tolist(), strict=True):
        assert all((sum(a * b for a, b in zip(w, h, strict=True)) > 0) == bool(m >> i & 1) for i, h in enumerate(lines))


def _peak_bytes(points: list, lister) -> tuple[int, int]:
    """Regions listed and the tracemalloc peak while consuming the stream one tope at a time."""
    count_regions(points)  # warm the imports and caches of the count outside the measurement
    tracemalloc.start()
    try:
        listed = sum(1 for _ in lister(points))
        return listed, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_streaming_memory_does_not_grow_with_the_number_of_regions():
    small, large = resonance(4), resonance(5)  # 370 and 11,292 regions: 30 times more
    lister = lambda pts: list_topes(pts, 1024)  # noqa: E731 - pieces of about 1024 topes
    n_small, peak_small = _peak_bytes(small, lister)
    n_large, peak_large = _peak_bytes(large, lister)
    n_batch, peak_batch = _peak_bytes(large, list_topes_batch)
    assert (n_small, n_large, n_batch) == (A034997[3], A034997[4], A034997[4])
    # the batch sweep holds every region (hundreds of bytes each); the stream holds a piece and the
    # restrictions of the arrangement, whose size depends on the lines, not on the regions
    assert peak_batch > 200 * n_large
    assert peak_large < 0.6 * peak_batch  # measured 1.4 MB against 3.5 MB
    assert peak_large < 10 * peak_small  # measured 7.7 times, for 30 times the regions
    first = [t.signs for t in itertools.islice(list_topes(large, 512), 3)]  # a stream: the first rows at once
    assert first == [t.signs for t in topes(large)[:3]]
