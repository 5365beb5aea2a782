"""Exact rational numbers: parsing the instance syntax and the certificate syntax.

Instances accept integers, strings ``"p/q"`` and exact decimals ``"0.25"``.
Certificates are stricter (see :mod:`exactrelu.kernel.base`): every rational is a
string ``"p/q"`` or ``"p"`` in lowest terms.  Nothing here ever touches a float.

>>> parse_rational("-3/6")
Fraction(-1, 2)
>>> format_rational(Fraction(6, 4))
'3/2'
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Sequence
from fractions import Fraction

__all__ = [
    "sign_string",
    "RationalSyntaxError",
    "parse_rational",
    "format_rational",
    "format_vector",
    "format_matrix",
    "integer_scaling",
]

_FRACTION = re.compile(r"[+-]?\d+(/\d+)?")
_DECIMAL = re.compile(r"[+-]?\d+\.\d+")


class RationalSyntaxError(ValueError):
    """A value that is not an exact rational in the accepted syntax."""


def parse_rational(value: object) -> Fraction:
    """Read an integer, a string ``"p/q"`` or an exact decimal string ``"0.25"``.

    Floats, booleans and anything else are rejected: a float has already lost
    the exact value the user meant.

    >>> parse_rational("0.25"), parse_rational("-3/6"), parse_rational(7)
    (Fraction(1, 4), Fraction(-1, 2), Fraction(7, 1))
    """
    if isinstance(value, bool):
        raise RationalSyntaxError("a boolean is not a rational")
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, Fraction):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            if _FRACTION.fullmatch(text):
                num, _, den = text.partition("/")
                if den and int(den) == 0:
                    raise RationalSyntaxError(f"zero denominator in {_show(value)}")
                return Fraction(int(num), int(den) if den else 1)
            if _DECIMAL.fullmatch(text):
                return Fraction(text)
        except RationalSyntaxError:
            raise
        except ValueError:  # beyond Python's digit limit for str -> int (sys.get_int_max_str_digits)
            raise RationalSyntaxError(f"{_show(value)} has more than {sys.get_int_max_str_digits()} digits") from None
        raise RationalSyntaxError(f"{_show(value)} is not of the form p, p/q or an exact decimal")
    raise RationalSyntaxError(f"{_show(value)} ({type(value).__name__}) is not a rational")


def _show(value: object, limit: int = 40) -> str:
    """A short ``repr`` for an error message (a pasted megabyte stays out of it)."""
    try:
        text = repr(value)
    except ValueError:
        return "a number too long to show"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def format_rational(q: Fraction | int) -> str:
    """The canonical certificate spelling: ``"p"`` or ``"p/q"`` in lowest terms.

    >>> format_rational(Fraction(6, -4)), format_rational(Fraction(5))
    ('-3/2', '5')
    """
    q = Fraction(q)
    return str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"


def sign_string(signs: Iterable[int]) -> str:
    """A sign vector as the certificates write it: ``+``, ``-`` or ``0`` per entry.

    >>> sign_string([1, -1, 0])
    '+-0'
    """
    return "".join("+" if s > 0 else "-" if s < 0 else "0" for s in signs)


def format_vector(v: Iterable[Fraction | int]) -> list[str]:
    """A vector as ``p/q`` strings.

    >>> format_vector([Fraction(1, 2), 3])
    ['1/2', '3']
    """
    return [format_rational(x) for x in v]


def format_matrix(rows: Iterable[Iterable[Fraction | int]]) -> list[list[str]]:
    """A matrix as rows of ``p/q`` strings.

    >>> format_matrix([[Fraction(-1, 3)]])
    [['-1/3']]
    """
    return [format_vector(r) for r in rows]


def integer_scaling(v: Sequence[Fraction | int]) -> tuple[int, ...]:
    """The primitive integer vector on the ray of ``v`` (same signs, same ray).

    >>> integer_scaling([Fraction(1, 2), Fraction(-1, 3)])
    (3, -2)
    """
    from math import gcd, lcm

    if all(isinstance(x, int) for x in v):
        g = gcd(*v)  # type: ignore[arg-type]
        return tuple(int(x) // g for x in v) if g > 1 else tuple(int(x) for x in v)
    fr = [Fraction(x) for x in v]
    den = lcm(*(x.denominator for x in fr)) if fr else 1
    ints = [int(x * den) for x in fr]
    g = gcd(*ints) if ints else 0
    return tuple(i // g for i in ints) if g > 1 else tuple(ints)
