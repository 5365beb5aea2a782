"""exactrelu.lvb.separability: exact linear separability (the hypothesis of Laurent–von Brecht Theorems 4–6),
against brute force on the line, with kernel replays."""

from __future__ import annotations

import pytest
from conftest import hinge_net as binary
from conftest import mutated
from hypothesis import given, settings
from hypothesis import strategies as st

from exactrelu import kernel
from exactrelu.certify.lvb import separability_certificate
from exactrelu.lvb.separability import separability


def brute_separable_1d(xs, ys):
    """Threshold classifiers on the line: all of one class strictly left of all of the other."""
    plus = [x for x, y in zip(xs, ys, strict=True) if y == 1]
    minus = [x for x, y in zip(xs, ys, strict=True) if y == -1]
    if not plus or not minus:
        return True
    return max(plus) < min(minus) or max(minus) < min(plus)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(-3, 3), st.sampled_from([1, -1])), min_size=1, max_size=5))
def test_separability_matches_brute_force_and_kernel(data):
    xs, ys = [d[0] for d in data], [d[1] for d in data]
    inst = binary([[x] for x in xs], ys)
    sep = separability(inst)
    assert sep.separable == brute_separable_1d(xs, ys)
    doc = separability_certificate(sep, inst)
    assert kernel.check_document(doc)[-1].kind == ("separable" if sep.separable else "not-separable")


def test_xor_not_separable_certificate_corrupted():
    inst = binary([[0, 0], [1, 1], [1, 0], [0, 1]], [1, 1, -1, -1])
    sep = separability(inst)
    assert not sep.separable
    doc = separability_certificate(sep, inst)
    kernel.check_document(doc)
    bad = mutated(doc, ("evidence", "multipliers", "strict", 0), "7")
    with pytest.raises(kernel.Reject):
        kernel.check_document(bad)
    good = binary([[0, 0], [1, 1]], [1, -1])
    doc = separability_certificate(separability(good), good)
    bad = mutated(doc, ("evidence", "point"), ["0", "0", "0"])
    with pytest.raises(kernel.Reject, match="violates strict row"):
        kernel.check_document(bad)
