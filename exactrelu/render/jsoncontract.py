"""The one JSON contract of every ``--json`` output (docs/json.md).

Every document is an object with ``"command"`` (which output it is, the name of its schema in
``exactrelu/schemas/``), ``"instance"`` (``{"name", "fingerprint"}``, see :mod:`exactrelu.core.fingerprint`) when the
command reads an instance, and the command's own keys, in one vocabulary:

- rationals are ``"p/q"`` strings in lowest terms (``"3"``, ``"-1/2"``); a decimal, if any, is display only and
  never in the JSON;
- counts (and every other integer) are decimal strings (``"1296"``), so no reader rounds them;
- booleans are JSON ``true``/``false``, "none" is ``null``;
- keys are snake_case (``[a-z0-9_]``, starting with a letter or digit);
- where a statement is judged, ``verdict`` is one of ``holds``, ``fails``, ``vacuous``, ``undecided``.

:func:`document` builds a document and :func:`normalize` maps Python values to the vocabulary;
:func:`violations` lists where a document breaks it (used by the tests).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from enum import Enum
from fractions import Fraction
from typing import Any

from ..core.instance import Instance
from ..core.rationals import format_rational

__all__ = ["VERDICTS", "document", "normalize", "snake", "epsilon_power", "violations", "instance_ref"]

VERDICTS = ("holds", "fails", "vacuous", "undecided")

# display text the older outputs carried: "535/648 ≈ 0.825617" (a decimal beside the exact value)
_APPROX = re.compile(r"^(-?\d+(?:/\d+)?) ≈ \S+$")
# "False (5 exact LPs)": a boolean with a note
_BOOL_NOTE = re.compile(r"^(True|False) \((.*)\)$")
_KEY_OPS = [(">=", "_ge_"), ("≥", "_ge_"), ("<=", "_le_"), ("≤", "_le_"), ("<", "_lt_"), (">", "_gt_"),
            ("=", "_eq_"), ("+", "_plus"), ("−", "_minus"), ("*", "_"), ("·", "_")]
SNAKE = re.compile(r"^[a-z0-9][a-z0-9_]*$")


def snake(key: str) -> str:
    """``key`` as snake_case: ``"d>=n"`` → ``"d_ge_n"``, ``"ReLU activation"`` → ``"relu_activation"``,
    ``"d-"`` → ``"d_minus"``, ``"fraction_refuted(witness rank < n)"`` → ``"fraction_refuted_witness_rank_lt_n"``.

    >>> [snake(k) for k in ("d>=n", "d0·d1 ≥ n", "d+", "d-", "n ≥ 2", "a non-empty region")]
    ['d_ge_n', 'd0_d1_ge_n', 'd_plus', 'd_minus', 'n_ge_2', 'a_non_empty_region']
    """
    if SNAKE.match(key):
        return key
    k = key
    if k.endswith("-"):
        k = k[:-1] + "_minus"
    for op, word in _KEY_OPS:
        k = k.replace(op, word)
    k = re.sub(r"[^A-Za-z0-9]+", "_", k).strip("_").lower()
    return k or "_"


def epsilon_power(factor: int | Fraction, exponent: Fraction) -> dict[str, str]:
    """``factor · e^exponent`` as ``{"factor": "p/q", "exponent": "p/q"}`` (an ε_T of Karhadkar et al.).

    >>> epsilon_power(3, Fraction(-2, 3))
    {'factor': '3', 'exponent': '-2/3'}
    """
    return {"factor": format_rational(factor), "exponent": format_rational(exponent)}


def normalize(value: Any) -> Any:
    """``value`` in the contract's vocabulary: Fractions and integers as strings, enums by value, mappings with
    snake_case keys, tuples and sets as lists; display strings of older outputs (``"p/q ≈ x"``, ``"True"``,
    ``"False (note)"``) become the exact value (and a ``*_note`` key).  A float is refused: it is not exact.

    >>> normalize({"d>=n": False, "fraction": Fraction(3, 8), "count": 1296, "rows": ("01", "11")})
    {'d_ge_n': False, 'fraction': '3/8', 'count': '1296', 'rows': ['01', '11']}
    """
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, Enum):
        return normalize(value.value)
    if isinstance(value, int | Fraction):
        return format_rational(value)
    if isinstance(value, float):
        raise TypeError(f"a float ({value!r}) in a JSON document: the contract holds exact values only")
    if isinstance(value, str):
        m = _APPROX.match(value)
        if m:
            return m.group(1)
        return {"True": True, "False": False}.get(value, value)
    if isinstance(value, Mapping):
        out: dict[str, Any] = {}
        for k, v in value.items():
            key = snake(str(k))
            if isinstance(v, str) and (m := _BOOL_NOTE.match(v)):
                out[key] = m.group(1) == "True"
                out[key + "_note"] = m.group(2)
            else:
                out[key] = normalize(v)
        return out
    if isinstance(value, Iterable):
        return [normalize(v) for v in value]
    raise TypeError(f"{type(value).__name__} is not part of the JSON contract")


def instance_ref(inst: Instance) -> dict[str, str]:
    """``{"name", "fingerprint"}`` of an instance (the fingerprint of :mod:`exactrelu.core.fingerprint`)."""
    from ..core.fingerprint import fingerprint

    return {"name": inst.name, "fingerprint": fingerprint(inst)}


def document(command: str, inst: Instance | None, body: Mapping[str, Any]) -> dict[str, Any]:
    """The ``--json`` document of ``command``: its name, the instance reference (when there is an instance) and
    ``body`` normalised (an ``instance`` key of ``body``, the bare name in older outputs, is replaced).

    >>> document("example", None, {"fraction_bad": Fraction(23, 128), "d>=n": True})
    {'command': 'example', 'fraction_bad': '23/128', 'd_ge_n': True}
    """
    doc: dict[str, Any] = {"command": command}
    if inst is not None:
        doc["instance"] = instance_ref(inst)
    for k, v in normalize({k: v for k, v in body.items() if not (k == "instance" and inst is not None)}).items():
        doc[k] = v
    return doc


def violations(doc: Any, path: str = "$") -> list[str]:
    """Where ``doc`` breaks the vocabulary: keys not snake_case, numbers (JSON numbers are never used),
    ``"True"``/``"False"`` strings, ``"≈"`` display text, a ``verdict`` outside the closed set.

    >>> for v in violations({"Bad Key": "1", "x": "3/8 ≈ 0.375", "n": 2}):
    ...     print(v)
    $: key 'Bad Key' is not snake_case
    $.x: display text '3/8 ≈ 0.375' (≈)
    $.n: JSON number 2; counts and rationals are strings
    """
    out: list[str] = []
    if isinstance(doc, dict):
        for k, v in doc.items():
            if not SNAKE.match(k):
                out.append(f"{path}: key {k!r} is not snake_case")
            if k == "verdict" and v not in VERDICTS and not isinstance(v, dict):
                out.append(f"{path}.verdict: {v!r} is not one of {', '.join(VERDICTS)}")
            out += violations(v, f"{path}.{k}")
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            out += violations(v, f"{path}[{i}]")
    elif isinstance(doc, bool) or doc is None:
        pass
    elif isinstance(doc, int | float):
        out.append(f"{path}: JSON number {doc!r}; counts and rationals are strings")
    elif isinstance(doc, str):
        if "≈" in doc:
            out.append(f"{path}: display text {doc!r} (≈)")
        if doc in ("True", "False", "true", "false"):
            out.append(f"{path}: boolean as the string {doc!r}")
    return out
