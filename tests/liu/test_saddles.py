"""exactrelu.liu.saddles: Theorem 2 saddles and the Theorem-3 linear system D R = d, with kernel replays."""

from __future__ import annotations

from fractions import Fraction

import pytest
from conftest import kernel_kinds as kinds
from conftest import liu_net as inst
from conftest import mutated

from exactrelu import kernel
from exactrelu.kernel import Reject as CheckFailure
from exactrelu.liu.minima import unit_rows

F = Fraction

FIG2NEG = inst([[1, 0], [0, 1]], [1, -1])


# ---------------------------------------------------------------- saddles (Theorem 2) and Theorem 3
def test_fig2_negative_saddle_at_zero_output_and_corruption():
    from exactrelu.certify.liu import saddle_certificate
    from exactrelu.liu.saddles import SaddleOutcome, saddles

    wit = dict(unit_rows(FIG2NEG))[(1, 1)]
    (sd,) = saddles(FIG2NEG, ((1, 1),), (wit,))
    # J = {}: e = −y = (−1, 1), g = (−1, 1), w on g·w = 0 inside the cell: w ∥ (1, 1), z = 0
    assert sd.genuine and sd.output == (F(0),) and sd.weights[0][0] == sd.weights[0][1] > 0
    doc = saddle_certificate(FIG2NEG, sd)
    assert kinds(doc) == ["liu-saddle"] and doc["claim"]["saddle"] is True
    bad = mutated(doc, ("evidence", "weights", 0), ["2", "1"])
    with pytest.raises(CheckFailure):
        kernel.check_document(bad)
    # in the plateau cell 00 the gradient vanishes: no saddle, certified
    (flat,) = saddles(FIG2NEG, ((0, 0),), (dict(unit_rows(FIG2NEG))[(0, 0)],))
    assert not flat.genuine and flat.reason == "zero-gradient"
    assert flat.reason is SaddleOutcome.ZERO_GRADIENT and sd.reason is SaddleOutcome.SADDLE
    doc = saddle_certificate(FIG2NEG, flat)
    assert kinds(doc) == ["liu-saddle"] and doc["claim"]["saddle"] is False
    bad = mutated(doc, ("claim", "saddle"), True)
    with pytest.raises(CheckFailure):
        kernel.check_document(bad)


def test_theorem3_system_rebuilt_and_certified():
    from exactrelu.certify.liu import nondiff_certificate
    from exactrelu.liu.saddles import nondiff_matrix, nondiff_system

    d, rhs = nondiff_matrix(FIG2NEG, ((0, 1),), 0, 0)
    # block m: Σ_{i≠n} I_im y_i ((x_i·x_n) x_n − |x_n|² x_i) = −1·(0 − (0, 1)) = (0, 1); last row x_1ᵀ
    assert rhs == (F(0), F(1), F(0)) and d[-1] == (F(1), F(0))
    s = nondiff_system(FIG2NEG, ((0, 1),), 0, 0)
    assert s.soluble and kernel.check_document(nondiff_certificate(FIG2NEG, s))
    doc = nondiff_certificate(FIG2NEG, s)
    bad = mutated(doc, ("evidence", "point", 1), "5")
    with pytest.raises(CheckFailure):
        kernel.check_document(bad)


def test_saddle_outcome_values_are_the_certificate_reasons():
    """``Saddle.reason`` is a :class:`SaddleOutcome`; its non-saddle values are the ``reason`` strings of a
    ``liu-saddle`` certificate (docs/certificates-liu.md: ``zero-gradient``, ``cone``, ``signs``)."""
    from exactrelu.liu.saddles import SaddleOutcome, saddles

    assert [o.value for o in SaddleOutcome] == ["saddle", "zero-gradient", "cone", "signs"]
    # FIG2NEG's four cells, J = {} (d1 = 1): e = −y = (−1, 1), g = Σ_p A_p e_p x_p.  By hand: cell 00 has g = 0;
    # cell 10 has g = (−1, 0), so w_1 = 0, outside the cone w_1 > 0; cell 01 likewise (w_2 = 0); cell 11 has
    # g = (−1, 1) and w ∥ (1, 1) lies in its cone: a saddle.
    outcomes = {pattern: s.reason for pattern, wit in unit_rows(FIG2NEG) for s in saddles(FIG2NEG, (pattern,), (wit,))}
    assert outcomes == {(0, 0): SaddleOutcome.ZERO_GRADIENT, (1, 0): SaddleOutcome.CONE, (0, 1): SaddleOutcome.CONE,
                        (1, 1): SaddleOutcome.SADDLE}
    assert all(isinstance(o, SaddleOutcome) for o in outcomes.values())
