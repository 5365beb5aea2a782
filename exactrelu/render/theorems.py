"""Text and JSON of a :class:`~exactrelu.kmtm.theorems.TheoremReport` (the edge: the results themselves are values).

One function per result type lists its measured numbers as :class:`Line`\\ s — the label of the text output,
its text, and the keys and values of the ``--json`` document (docs/json.md: rationals ``"p/q"``, counts as
strings, booleans, ``ε_T = c·e^t`` as ``{"factor": "c", "exponent": "t"}``).  Text shows each fraction exactly
with a 6-digit decimal beside it (display only) and booleans as yes/no.

>>> from fractions import Fraction
>>> from exactrelu.kmtm.theorems import Corollary5Numbers
>>> for line in number_lines(Corollary5Numbers(9, 2, Fraction(2, 9), Fraction(7, 9), False)):
...     print(f"{line.label}: {line.text}", line.json)
nonempty_regions: 9 {'nonempty_regions': 9}
full_rank: 2 {'full_rank_count': 2}
fraction_full_rank: 2/9 ≈ 0.222222 {'fraction_full_rank': Fraction(2, 9)}
fraction_bad: 7/9 ≈ 0.777778 {'fraction_bad': Fraction(7, 9)}
d>=n: no {'d_ge_n': False}
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..core.rationals import format_rational
from ..kmtm.theorems import (
    Corollary5Numbers,
    EpsilonBound,
    Numbers,
    Proposition11Numbers,
    Proposition13Numbers,
    Row,
    Theorem2Numbers,
    Theorem7Numbers,
    Theorem8Numbers,
    Theorem9Numbers,
    Theorem10Numbers,
    Theorem12Numbers,
    TheoremReport,
)
from .jsoncontract import epsilon_power
from .tables import decimal

__all__ = ["THEOREM_NAMES", "Line", "approx", "yes_no", "number_lines", "numbers_json", "theorem_json",
           "theorem_text"]

THEOREM_NAMES = {
    "2": "Theorem 2", "5": "Corollary 5", "7": "Theorem 7", "8": "Theorem 8", "9": "Theorem 9",
    "10": "Theorem 10", "11": "Proposition 11", "12": "Theorem 12", "13": "Proposition 13",
}
"""What each ``exactrelu theorem NUMBER`` is in Karhadkar–Murray–Tseran–Montúfar (results 11 and 13 are
propositions, 5 a corollary)."""


@dataclass(frozen=True)
class Line:
    """One measured number: ``label: text`` in the text output, ``json`` (key → value, before
    :func:`exactrelu.render.jsoncontract.normalize`) in the ``--json`` document."""

    label: str
    text: str
    json: dict[str, Any]


def approx(q: Fraction | int) -> str:
    """``q`` exactly, with a 6-digit decimal beside it for the reader (display only).

    >>> approx(Fraction(3, 8))
    '3/8 ≈ 0.375000'
    """
    return f"{format_rational(q)} ≈ {decimal(Fraction(q))}"  # the decimal is display-only


def yes_no(b: bool) -> str:
    """A boolean as text (never Python's ``True``/``False``)."""
    return "yes" if b else "no"


def _count(label: str, key: str, k: int) -> Line:
    return Line(label, str(k), {key: k})


def _fraction(label: str, key: str, q: Fraction) -> Line:
    return Line(label, approx(q), {key: q})


def _exact(label: str, key: str, q: Fraction) -> Line:
    return Line(label, format_rational(q), {key: q})


def _flag(label: str, key: str, b: bool | None, note: str | None = None) -> Line:
    text = "undecided" if b is None else yes_no(b)
    if note is None:
        return Line(label, text, {key: b})
    return Line(label, f"{text} ({note})", {key: b, key + "_note": note})


def _epsilon(eps: EpsilonBound) -> Line:
    return Line("epsilon_T", str(eps), {"epsilon_t": epsilon_power(eps.factor, eps.exponent)})


def _row(r: Row) -> str:
    return "".join(map(str, r))


def _by_row(label: str, key: str, items: Sequence[tuple[Row, Fraction]]) -> Line:
    return Line(label, ", ".join(f"{_row(r)}:{format_rational(q)}" for r, q in items),
                {key: {_row(r): q for r, q in items}})


def _theorem2(x: Theorem2Numbers) -> list[Line]:
    return [_count("patterns", "patterns", x.patterns), _count("full_rank", "full_rank_count", x.full_rank_count),
            _fraction("fraction_full_rank", "fraction_full_rank", x.fraction_full_rank),
            _fraction("fraction_bad", "fraction_bad", x.fraction_bad), _flag("d0*d1>=n", "d0_d1_ge_n", x.d0_d1_ge_n)]


def _corollary5(x: Corollary5Numbers) -> list[Line]:
    return [_count("nonempty_regions", "nonempty_regions", x.nonempty_regions),
            _count("full_rank", "full_rank_count", x.full_rank_count),
            _fraction("fraction_full_rank", "fraction_full_rank", x.fraction_full_rank),
            _fraction("fraction_bad", "fraction_bad", x.fraction_bad), _flag("d>=n", "d_ge_n", x.d_ge_n)]


def _theorem7(x: Theorem7Numbers) -> list[Line]:
    return [_count("nonempty_regions", "nonempty_regions", x.nonempty_regions),
            _count("full_rank", "full_rank_count", x.full_rank_count),
            _fraction("fraction_full_rank", "fraction_full_rank", x.fraction_full_rank),
            _fraction("fraction_bad", "fraction_bad", x.fraction_bad), _epsilon(x.epsilon_t)]


def _theorem8(x: Theorem8Numbers) -> list[Line]:
    return [_count("nonempty_regions", "nonempty_regions", x.nonempty_regions), _count("good", "good", x.good),
            _fraction("fraction_good", "fraction_good", x.fraction_good),
            _fraction("fraction_bad", "fraction_bad", x.fraction_bad), _count("d+", "d_plus", x.d_plus),
            _count("d-", "d_minus", x.d_minus), _epsilon(x.epsilon_t), _count("lps_solved", "lps_solved", x.lps_solved),
            Line("global_minimum", "not computed" if x.global_minimum is None else format_rational(x.global_minimum),
                 {"global_minimum": x.global_minimum}),
            _flag("global_minimum_zero", "global_minimum_zero", x.global_minimum_zero, _zero_loss_note(x))]


def _zero_loss_note(x: Theorem8Numbers) -> str:
    if x.zero_loss_region is not None:
        return f"a zero-loss point in region {' '.join(map(_row, x.zero_loss_region))}"
    if x.pieces_solved is not None:
        return f"no region reaches 0; least of {x.pieces_solved} closed-piece minima"
    return "not computed: more pieces than landscape.MAX_PIECES"


def _theorem9(x: Theorem9Numbers) -> list[Line]:
    return [_count("nonempty_regions", "nonempty_regions", x.nonempty_regions),
            _exact("global_minimum", "global_minimum", x.global_minimum),
            _count("bad_regions", "bad_regions", x.bad_regions),
            _fraction("fraction_bad", "fraction_bad", x.fraction_bad),
            _count("proved_good_by_rank", "proved_good_by_rank", x.proved_good_by_rank), _epsilon(x.epsilon_t)]


def _theorem10(x: Theorem10Numbers) -> list[Line]:
    lo, hi = x.nonempty_patterns_bounds
    nonempty = (Line("nonempty_patterns", str(lo), {"nonempty_patterns": lo}) if lo == hi else
                Line("nonempty_patterns", f"[{lo}, {hi}] ({x.undecided} undecided)",
                     {"nonempty_patterns": None, "nonempty_patterns_interval": [lo, hi]}))
    return [_count("patterns", "patterns", x.patterns), _count("empty", "empty", x.empty),
            _count("nonempty_full_rank_at_witness", "nonempty_full_rank_at_witness", x.nonempty_full_rank_at_witness),
            _count("nonempty_deficient_at_witness", "nonempty_deficient_at_witness", x.nonempty_deficient_at_witness),
            _count("undecided", "undecided", x.undecided), nonempty,
            _fraction("fraction_proved_good(empty)", "fraction_proved_good_empty", x.fraction_proved_good_empty),
            _fraction("fraction_refuted(witness rank < n)", "fraction_refuted_witness_rank_lt_n", x.fraction_refuted)]


def _proposition11(x: Proposition11Numbers) -> list[Line]:
    return [_exact("phi", "phi", x.phi), _by_row("unit_areas", "unit_areas", x.unit_areas),
            _fraction("fullrank_volume", "fullrank_volume", x.fullrank_volume),
            _count("box_volume", "box_volume", x.box_volume),
            _fraction("fraction_full_rank", "fraction_full_rank", x.fraction_full_rank),
            _fraction("fraction_bad", "fraction_bad", x.fraction_bad), _epsilon(x.epsilon_t)]


def _proposition13(x: Proposition13Numbers) -> list[Line]:
    m = x.m
    return [Line("polyline_vertices", "; ".join(",".join(map(str, v)) for v in x.polyline_vertices),
                 {"polyline_vertices": x.polyline_vertices}),
            _flag("cdd_rays_equal_vertices", "cdd_rays_equal_vertices", x.cdd_rays_equal_vertices),
            _flag("hull_extreme_rays_equal_vertices", "hull_extreme_rays_equal_vertices",
                  x.hull_extreme_rays_equal_vertices),
            _flag(f"y_sum_of_{m}_relus", f"y_sum_of_{m}_relus", x.sum_of_m_relus, f"{x.sum_lps} exact LPs"),
            _flag(f"y_signed_sum_of_{m}_relus", f"y_signed_sum_of_{m}_relus", x.signed_sum_of_m_relus,
                  f"{x.signed_lps} exact LPs"),
            _flag("y_nonnegative_combination", "y_nonnegative_combination", x.nonnegative_combination),
            _flag("y_linear_combination", "y_linear_combination", x.linear_combination,
                  "the one-ReLU functions span Q^n")]


def _theorem12(x: Theorem12Numbers) -> list[Line]:
    return [_by_row("row_probabilities", "row_probabilities", x.row_probabilities), _exact("gamma", "gamma", x.gamma),
            Line("heaviest_hyperplane_rows", ", ".join(map(_row, x.heaviest_hyperplane_rows)),
                 {"heaviest_hyperplane_rows": [_row(r) for r in x.heaviest_hyperplane_rows]}),
            _fraction("probability_full_rank", "probability_full_rank", x.probability_full_rank),
            _exact("t", "t", x.t), _epsilon(x.epsilon_t)]


_LINES: dict[type, Callable[[Any], list[Line]]] = {
    Theorem2Numbers: _theorem2, Corollary5Numbers: _corollary5, Theorem7Numbers: _theorem7,
    Theorem8Numbers: _theorem8, Theorem9Numbers: _theorem9, Theorem10Numbers: _theorem10,
    Proposition11Numbers: _proposition11, Proposition13Numbers: _proposition13, Theorem12Numbers: _theorem12,
}


def number_lines(numbers: Numbers | None) -> list[Line]:
    """The measured numbers of one result, in print order (none when nothing was measured)."""
    return [] if numbers is None else _LINES[type(numbers)](numbers)


def numbers_json(numbers: Numbers | None) -> dict[str, Any]:
    """The ``numbers`` object of ``theorem --json`` (and the body of ``jacobian --json``), before normalising."""
    return {k: v for line in number_lines(numbers) for k, v in line.json.items()}


def theorem_json(rep: TheoremReport[Any]) -> dict[str, Any]:
    """The ``theorem --json`` body: statement, hypotheses (snake_case once normalised), numbers
    (:func:`numbers_json`), ``verdict`` (holds | fails | vacuous | undecided) and its reason."""
    return {"theorem": rep.theorem, "statement": rep.statement, "hypotheses": rep.hypotheses,
            "numbers": numbers_json(rep.numbers), "verdict": rep.verdict.value, "reason": rep.reason}


def theorem_text(rep: TheoremReport[Any]) -> str:
    """The text output of ``exactrelu theorem``: the statement, the hypotheses, one line per number, the verdict."""
    out = [f"{THEOREM_NAMES.get(rep.theorem, 'Theorem ' + rep.theorem)} (KMTM): {rep.statement}"]
    if rep.hypotheses:
        out.append("  hypotheses: " + "; ".join(f"{k}: {'yes' if ok else 'NO'}" for k, ok in rep.hypotheses.items()))
    out += [f"  {line.label}: {line.text}" for line in number_lines(rep.numbers)]
    out.append(f"verdict: {rep.verdict} ({rep.reason})")
    return "\n".join(out)
