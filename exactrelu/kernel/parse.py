"""Layer 1 of the kernel: strict JSON and a schema reader that never trusts its input.

Trusted: Python's ``json`` module for tokenising (with every hook below), and
``fractions.Fraction`` for the numbers.  Everything else a certificate says is
data, read through :class:`Obj`, which rejects what is not in the schema:

- duplicate object keys (a reader keeping the first would see another claim);
- JSON numbers with a fraction or an exponent, ``NaN`` and ``Infinity``;
- integers and rationals with more than ``MAX_DIGITS`` digits (any longer run of
  digits in the text is refused before ``int()`` sees it), and any digit that is
  not ASCII ``0-9`` (``"1١"`` is not 11);
- nesting deeper than ``MAX_DEPTH``;
- a vector or matrix whose entries' common denominator has more than ``MAX_DIGITS`` digits;
- keys a rule did not read (:meth:`Obj.done`).

Every failure is a :class:`Reject`; nothing else escapes :func:`loads`.

>>> loads('{"a": "1/2"}')["a"]
'1/2'
>>> loads('{"a": 1, "a": 2}')
Traceback (most recent call last):
...
exactrelu.kernel.parse.Reject: parse error at $: duplicate key 'a'
>>> Obj({"x": "-3/6"}, "$").rational("x")
Traceback (most recent call last):
...
exactrelu.kernel.parse.Reject: schema error at $.x: rational not in lowest terms (expected '-1/2', found '-3/6')
"""

from __future__ import annotations

import gc
import json
import json.scanner
import re
from collections.abc import Callable
from fractions import Fraction
from functools import partialmethod
from math import lcm
from typing import Any

# digits per integer, numerator or denominator; nesting of arrays and objects; bytes of a certificate
MAX_DIGITS, MAX_DEPTH, MAX_BYTES = 400, 32, 256 * 2**20

_COUNT = re.compile(f"0|[1-9][0-9]{{0,{MAX_DIGITS - 1}}}", re.ASCII)  # at most MAX_DIGITS digits
_LONG = re.compile(f"[\\[,:]\\s*-?[0-9]{{{MAX_DIGITS + 1},}}", re.ASCII)  # a number token, not "0101…"
_RATIONAL = re.compile(r"(0|-?[1-9][0-9]*)(?:/([1-9][0-9]*))?", re.ASCII)


class Reject(Exception):
    """A certificate the kernel does not accept: the layer (parse, schema, version, invalid, refused),
    the JSON path, what failed, and the expected vs found value."""

    def __init__(self, kind: str, path: str, check: str, expected: object = None, found: object = None):
        self.kind, self.path, self.check, msg = kind, path, check, f"{kind} error at {path}: {check}"
        if expected is not None or found is not None:
            msg += f" (expected {_short(expected)}, found {_short(found)})"
        super().__init__(printable(msg))


def printable(s: str) -> str:
    """``s`` with every non-printable character escaped: a key, a step id or a claim string may hold newlines
    (a forged "ok" line), terminal escapes or lone surrogates (which cannot even be printed)."""
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in s)


def expect(ok: object, path: str, check: str, expected: object = None, found: object = None, kind: str = "schema"):
    """Raise a :class:`Reject` of ``kind`` unless ``ok`` (the schema's :func:`~exactrelu.kernel.rules.need`)."""
    if not ok:
        raise Reject(kind, path, check, expected, found)


def _short(v: object) -> str:
    s = repr(v)
    return s if len(s) <= 100 else s[:97] + "..."


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in pairs:
        expect(k not in out, "$", f"duplicate key {k!r}", kind="parse")
        out[k] = v
    return out


def _no_float(text: str) -> Any:
    raise Reject("parse", "$", "JSON numbers with a fraction, an exponent, NaN or Infinity are not allowed; "
                 "write rationals as strings \"p/q\"", None, text)


def _depth(doc: Any) -> None:
    level, depth = [doc], 1
    while level:
        expect(depth <= MAX_DEPTH, "$", f"nesting deeper than {MAX_DEPTH}", kind="parse")
        level = [x for v in level for x in (v.values() if type(v) is dict else v) if type(x) is list or type(x) is dict]
        depth += 1


def loads(text: str) -> Any:
    """Parse a certificate's text strictly (see the module docstring)."""
    expect(len(text) <= MAX_BYTES, "$", "file too large", f"at most {MAX_BYTES} bytes", len(text), "parse")
    if long := _LONG.search(text):  # json reads only ASCII digits into numbers; a long run is refused before int()
        raise Reject("parse", "$", f"a number with more than {MAX_DIGITS} digits", None, long.group()[:20] + "…")
    # only C's scanner reads just ASCII 0-9 into numbers ("1١" fails)
    expect(json.scanner.c_make_scanner, "$", "no C JSON scanner here (needed to refuse non-ASCII digits)", kind="parse")
    collecting = gc.isenabled()
    gc.disable()  # a large certificate is millions of small containers: collecting while they are built is quadratic
    try:
        doc = json.loads(text, object_pairs_hook=_pairs, parse_float=_no_float, parse_constant=_no_float)
    except RecursionError:
        raise Reject("parse", "$", f"nesting deeper than {MAX_DEPTH}") from None
    except (ValueError, TypeError) as exc:  # json.JSONDecodeError is a ValueError
        raise Reject("parse", "$", f"invalid JSON: {exc}") from None
    finally:
        if collecting:
            gc.enable()
    _depth(doc)
    return doc


def rational(v: Any, path: str) -> Fraction:
    """``"p"`` or ``"p/q"``: ASCII digits, lowest terms, ``q > 1``, at most ``MAX_DIGITS`` digits each."""
    expect(isinstance(v, str), path, "a rational is a JSON string \"p/q\"", "string", type(v).__name__)
    m = _RATIONAL.fullmatch(v)
    expect(m, path, "malformed rational", "\"p\" or \"p/q\" in ASCII digits", v)
    digits = len(m.group(1)) <= MAX_DIGITS + 1 and len(m.group(2) or "") <= MAX_DIGITS
    expect(digits, path, f"a numerator or denominator with more than {MAX_DIGITS} digits")
    q = Fraction(int(m.group(1)), int(m.group(2) or 1))
    expect(not m.group(2) or q.denominator == int(m.group(2)) > 1, path, "rational not in lowest terms", fmt(q), v)
    return q


def fmt(q: Fraction | int) -> str:
    """``"p"`` or ``"p/q"`` in lowest terms (what :func:`rational` reads)."""
    return str(Fraction(q))


def integer(v: Any, path: str, lo: int = 0, hi: int | None = None) -> int:
    ok = isinstance(v, int) and not isinstance(v, bool) and lo <= v and (hi is None or v <= hi)
    expect(ok, path, "integer out of range", f"[{lo}, {hi if hi is not None else '∞'}]", v)
    return v


def count(v: Any, path: str) -> int:
    """A count: a decimal string (counts may exceed a double's range)."""
    expect(isinstance(v, str) and _COUNT.fullmatch(v), path,
           f"a count is a decimal string (not one with more than {MAX_DIGITS} digits)", '"12"', v)
    return int(v)


def boolean(v: Any, path: str) -> bool:
    expect(isinstance(v, bool), path, "expected true or false", "boolean", v)
    return v


def string(v: Any, path: str, choices: tuple[str, ...] | None = None) -> str:
    expect(isinstance(v, str) and (choices is None or v in choices), path, "unexpected value", choices or "string", v)
    return v


def array(v: Any, path: str, length: int | None = None) -> list[Any]:
    expect(isinstance(v, list), path, "expected an array", "array", type(v).__name__)
    expect(length is None or len(v) == length, path, "wrong array length", length, len(v))
    return v


def vector(v: Any, path: str, length: int | None = None) -> list[Fraction]:
    return common([rational(x, f"{path}[{i}]") for i, x in enumerate(array(v, path, length))], path)


def matrix(v: Any, path: str, rows: int | None = None, cols: int | None = None) -> list[list[Fraction]]:
    m = [vector(r, f"{path}[{i}]", cols) for i, r in enumerate(array(v, path, rows))]
    common([q for r in m for q in r], path)
    return m


def indices(v: Any, path: str, bound: int) -> list[int]:
    return [integer(x, f"{path}[{i}]", 0, bound - 1) for i, x in enumerate(array(v, path))]


def signs(v: Any, path: str, length: int, alphabet: str = "+-0") -> list[int]:
    """A sign string over ``alphabet`` (``+ - 0`` → 1, −1, 0; ``1 0`` → 1, 0)."""
    ok = isinstance(v, str) and len(v) == length and not set(v) - set(alphabet)
    expect(ok, path, f"expected a string of {length} characters from '{alphabet}'", None, v)
    return [{"+": 1, "-": -1, "0": 0, "1": 1}[c] for c in v]


def common(qs: list[Fraction], path: str) -> list[Fraction]:
    """Bound the common denominator of a vector or matrix by ``MAX_DIGITS`` digits: k entries with coprime
    denominators would make a dot product's denominator k·MAX_DIGITS digits long (work and memory superlinear)."""
    m = 1
    for q in qs:
        if m % q.denominator:
            m = lcm(m, q.denominator)
            expect(m < 10**MAX_DIGITS, path, f"the entries' common denominator has more than {MAX_DIGITS} digits")
    return qs


class Obj:
    """A JSON object read by a rule: each accessor validates one key; :meth:`done` rejects the rest.

    The typed accessors are the readers above applied to a key's value and path (:meth:`read`):
    ``obj.integer("rank", 0, n)`` is ``integer(obj.raw("rank"), obj.path + ".rank", 0, n)``."""

    def __init__(self, value: Any, path: str):
        expect(isinstance(value, dict), path, "expected an object", "object", type(value).__name__)
        self.value, self.path, self.seen = value, path, set()

    def has(self, key: str) -> bool:
        return key in self.value

    def raw(self, key: str, default: Any = ...) -> Any:
        expect(key in self.value or default is not ..., f"{self.path}.{key}", f"missing key '{key}'")
        self.seen.add(key)
        return self.value.get(key, default)

    def done(self) -> None:
        extra = sorted(set(self.value) - self.seen)  # the path names the first
        expect(not extra, f"{self.path}.{''.join(extra[:1])}", "key not in the schema of this claim", None, extra)

    def obj(self, key: str) -> Obj:
        return Obj(self.raw(key), f"{self.path}.{key}")

    def read(self, reader: Callable[..., Any], key: str, *args: Any) -> Any:
        """``reader(value, path, *args)`` on the value of ``key``."""
        return reader(self.raw(key), f"{self.path}.{key}", *args)

    # obj.rational(key), obj.integer(key, lo, hi), obj.count(key), …, obj.signs(key, length, alphabet)
    rational, integer, count = partialmethod(read, rational), partialmethod(read, integer), partialmethod(read, count)
    boolean, string, array = partialmethod(read, boolean), partialmethod(read, string), partialmethod(read, array)
    vector, matrix, indices = partialmethod(read, vector), partialmethod(read, matrix), partialmethod(read, indices)
    signs = partialmethod(read, signs)
