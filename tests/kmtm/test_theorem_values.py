"""The KMTM results are values (issue 13): ε_T decided exactly, every result type rendered once for text and JSON."""

from __future__ import annotations

import typing
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exactrelu.core.instance import Instance, instance_from_mapping
from exactrelu.kmtm import theorems as kmtm
from exactrelu.kmtm.theorems import EpsilonBound
from exactrelu.render.jsoncontract import document, violations
from exactrelu.render.theorems import number_lines, numbers_json, theorem_json, theorem_text


def _epsilon_decimal(eps: EpsilonBound) -> Decimal:
    """``factor·e^exponent`` to 60 digits by the decimal module (correctly rounded exp): a second route."""
    with localcontext() as ctx:
        ctx.prec = 60
        x = Decimal(eps.exponent.numerator) / Decimal(eps.exponent.denominator)
        return Decimal(eps.factor) * x.exp()


@settings(max_examples=200, deadline=None)
@given(st.integers(1, 20), st.fractions(min_value=-6, max_value=6, max_denominator=50),
       st.fractions(min_value=0, max_value=50, max_denominator=1000))
def test_epsilon_exceeds_agrees_with_decimal_exp(factor: int, exponent: Fraction, q: Fraction) -> None:
    eps = EpsilonBound(factor, exponent)
    ref = _epsilon_decimal(eps)
    qd = Decimal(q.numerator) / Decimal(q.denominator)
    if abs(ref - qd) > Decimal(10) ** -40:  # the decimal route decides this case beyond doubt
        assert eps.exceeds(q) == (ref > qd)
        assert eps.at_least_one() == (ref >= 1)


def test_epsilon_closed_cases() -> None:
    # ε_T = 2·e^(−2) ≈ 0.2707 (Theorem 7, n = 2, d1 = 8) exceeds 511/65536 and 27/100, not 271/1000
    eps = EpsilonBound(2, Fraction(-2))
    assert eps.exceeds(Fraction(511, 65536)) and eps.exceeds(Fraction(27, 100)) and not eps.exceeds(Fraction(271, 1000))
    assert not eps.at_least_one()
    assert EpsilonBound(3, Fraction(0)).at_least_one() and not EpsilonBound(3, Fraction(0)).exceeds(3)
    assert str(EpsilonBound(6, Fraction(-1, 3))) == "6·e^(−1/3)"
    assert str(EpsilonBound(1, Fraction(11, 64))) == "1·e^(11/64)"
    with pytest.raises(ValueError):
        eps.exceeds(Fraction(-1))


NUMBER_TYPES = typing.get_args(kmtm.Numbers)


def test_every_result_type_is_a_frozen_value_of_exact_fields() -> None:
    assert len(NUMBER_TYPES) == 9
    for cls in NUMBER_TYPES:
        assert is_dataclass(cls) and cls.__dataclass_params__.frozen, cls
        for f in fields(cls):
            assert "str" not in str(f.type) and "float" not in str(f.type), (cls.__name__, f.name, f.type)


def _line(points: list[list[int]], hidden: list[int], output: list[int] | str, targets: list[int] | None = None,
          bias: bool = True) -> Instance:
    return instance_from_mapping({"data": {"points": points, "targets": targets or [0] * len(points), "bias": bias},
                                  "network": {"hidden": hidden, "output": output}})


CASES = [
    ("2", lambda: kmtm.theorem2(_line([[1], [3]], [2], [1, 1], bias=False))),
    ("5", lambda: kmtm.corollary5(_line([[0], [1]], [2], [1, -1]))),
    ("7", lambda: kmtm.theorem7(_line([[0], [1]], [3], [1, -1, 1]))),
    ("8", lambda: kmtm.theorem8(_line([[1]], [2], [1, -1], [1]))),
    ("9", lambda: kmtm.theorem9(_line([[0], [1]], [2], [1, -1], [1, -1]))),
    ("10", lambda: kmtm.theorem10(_line([[0], [1]], [1, 1], [1]))),
    ("11", lambda: kmtm.proposition11(_line([[0], [1]], [1], [1]))),
    ("12", lambda: kmtm.theorem12_report(_line([[0], [1]], [2], "trainable"))),
    ("13", lambda: kmtm.proposition13(_line([[0], [1], [2]], [2], [1, -1], [0, 1, 0]))),
]


@pytest.mark.parametrize("number, run", CASES, ids=[c[0] for c in CASES])
def test_each_result_renders_to_text_and_json_from_its_values(number: str, run: Callable[[], Any]) -> None:
    rep = run()
    assert rep.theorem == number and type(rep.numbers) in NUMBER_TYPES
    lines = number_lines(rep.numbers)
    assert lines and len({line.label for line in lines}) == len(lines)
    text = theorem_text(rep)
    assert all(f"  {line.label}: {line.text}" in text for line in lines)
    assert "True" not in text and "False" not in text and "Fraction(" not in text
    doc = document("theorem", None, theorem_json(rep))
    assert violations(doc) == []
    assert set(doc["numbers"]) == set(numbers_json(rep.numbers))


def test_text_and_json_carry_the_same_exact_values() -> None:
    rep = kmtm.corollary5(_line([[0], [1]], [2], [1, -1]))  # 9 of 16 regions full rank (docstring of corollary5)
    body = document("theorem", None, theorem_json(rep))["numbers"]
    assert body == {"nonempty_regions": "16", "full_rank_count": "9", "fraction_full_rank": "9/16",
                    "fraction_bad": "7/16", "d_ge_n": True}
    text = theorem_text(rep)
    assert "  full_rank: 9\n" in text and "  fraction_full_rank: 9/16 ≈ 0.562500\n" in text and "  d>=n: yes\n" in text
    assert rep.numbers == kmtm.Corollary5Numbers(16, 9, Fraction(9, 16), Fraction(7, 16), True)


def test_nothing_measured_is_none_and_renders_nothing() -> None:
    rep = kmtm.proposition13(_line([[0], [0]], [1], [1]))  # equal points: the polyline is undefined
    assert rep.numbers is None and rep.verdict == "vacuous"
    assert number_lines(None) == [] and theorem_json(rep)["numbers"] == {}


def test_epsilon_text_spells_the_exponent_exactly() -> None:
    # the reason sentences show Fractions as p/q (the certificate spelling), with a typographic minus in ε_T
    assert str(EpsilonBound(2, Fraction(-3))) == "2·e^(−3)"
    assert str(EpsilonBound(4, Fraction(-6, 4))) == "4·e^(−3/2)"
    assert str(EpsilonBound(1, Fraction(5, 7))) == "1·e^(5/7)"
