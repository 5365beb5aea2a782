"""Instances: data points, targets and a network, read from TOML or JSON (SPEC §1).

An :class:`Instance` is an immutable, validated value.  All numbers are
:class:`fractions.Fraction`.  ``bias = true`` appends a constant coordinate 1
to every point; :attr:`Instance.points` is the augmented configuration in
``Q^d`` on which all geometry happens.

>>> inst = instance_from_mapping({"data": {"points": [[1, 0], [0, 1]], "targets": [1, 1]},
...                               "network": {"hidden": [1]}})
>>> inst.d, inst.n, inst.widths
(2, 2, (1,))
"""

from __future__ import annotations

import json
import sys
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal

from .rationals import RationalSyntaxError, format_rational, parse_rational

__all__ = ["Instance", "InstanceError", "MAX_WIDTH", "FloatLiteral", "float_literal_error", "read_document",
           "load_instance", "instance_from_mapping", "instance_to_mapping"]

MAX_WIDTH = 1000
"""Largest hidden width accepted (``network.hidden``).  The analyses enumerate per-unit rows and print
exact counts such as ``T^d1``; far wider layers only produce numbers too long to print or read."""

Vector = tuple[Fraction, ...]


class InstanceError(ValueError):
    """Bad input: names the file, the key, what was expected and a fix."""

    def __init__(self, source: str, key: str, expected: str, fix: str = "") -> None:
        self.source, self.key, self.expected, self.fix = source, key, expected, fix
        msg = f"{source}: key '{key}': {expected}"
        if fix:
            msg += f" (fix: {fix})"
        super().__init__(msg)


class FloatLiteral(str):
    """The source text of a float literal, kept so the error can show the exact string."""


_FloatLiteral = FloatLiteral


def float_literal_error(source: str, key: str, literal: str) -> InstanceError:
    """The error for a float literal where an exact rational is expected (a float has lost the exact value).

    ``nan`` and ``inf`` are not rationals at all; a finite literal's exact value is suggested as the fix
    unless it is too long to be of use (e.g. ``1e100000``).
    """
    text = literal.strip().lower().lstrip("+-")
    if text in ("nan", "inf", "infinity"):
        return InstanceError(source, key, f"non-finite number {literal} is not a rational",
                             "write an exact rational: an integer, \"p/q\" or \"0.25\"")
    try:
        exact = Fraction(literal)
        suggestion = format_rational(exact)
        if len(suggestion) > 40:
            raise ValueError(suggestion)
    except (ValueError, ZeroDivisionError, OverflowError):
        return InstanceError(source, key, f"float literal {literal} is not exact",
                             "write an exact rational as a string, e.g. \"1/3\" or \"0.25\"")
    return InstanceError(source, key, f"float literal {literal} is not exact",
                         f"write the string \"{suggestion}\" (or \"{literal}\") instead")


def read_document(path: Path, what: str, *, error: type[InstanceError] | None = None,
                  fix: str = "check the path", parse_float: Any = None) -> Any:
    """The parsed TOML (or, for ``.json``, JSON) content of a user file, or one :class:`InstanceError` line.

    A leading UTF-8 byte-order mark is accepted (editors on Windows write one).  ``parse_float`` is
    passed to the parser (and, for JSON, also receives ``NaN``/``Infinity``).
    """
    err = error or InstanceError
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise err(source, "<file>", f"{what} not found", fix) from None
    except IsADirectoryError:
        raise err(source, "<file>", f"is a directory, not a file (expected the {what})", fix) from None
    except UnicodeDecodeError as exc:
        raise err(source, "<file>", f"not UTF-8 text (byte {exc.start} is {exc.object[exc.start]:#04x})",
                  "save the file as UTF-8") from None
    except OSError as exc:
        raise err(source, "<file>", f"cannot read the {what} ({exc.strerror or exc})", fix) from None
    is_json = path.suffix.lower() == ".json"
    try:
        if is_json:
            return json.loads(text, parse_float=parse_float, parse_constant=parse_float)
        return tomllib.loads(text, parse_float=parse_float or float)
    except json.JSONDecodeError as exc:
        raise err(source, "<file>", f"invalid JSON at line {exc.lineno}: {exc.msg}") from None
    except tomllib.TOMLDecodeError as exc:
        raise err(source, "<file>", f"invalid TOML: {exc}") from None
    except ValueError as exc:  # an integer literal beyond Python's digit limit for str -> int
        if "digits" not in str(exc):
            raise
        raise err(source, "<file>", f"a number with more than {sys.get_int_max_str_digits()} digits",
                  "use shorter numbers") from None
    except RecursionError:
        raise err(source, "<file>", "arrays or tables nested too deeply", "flatten the file") from None


@dataclass(frozen=True)
class Instance:
    """Data plus a network (SPEC §1)."""

    name: str
    raw_points: tuple[Vector, ...]
    targets: Vector
    bias: bool
    hidden: tuple[int, ...]
    output: Literal["trainable"] | Vector
    alpha: Fraction = Fraction(0)
    loss: Literal["squared", "hinge"] = "squared"
    weights: Vector | None = None
    source: str = field(default="<memory>", compare=False)
    onehot: tuple[tuple[int, ...], ...] | None = None
    targets_given: bool = field(default=True, compare=False)
    """False when the file has no ``data.targets`` (squared loss only): ``targets`` are then zeros, which the
    analyses that ignore targets (regions, Jacobian ranks, Theorem 2, ...) accept; every analysis whose model
    reads the targets refuses the instance with "data.targets: missing" (:func:`exactrelu.core.model.violation`)."""

    @property
    def classes(self) -> int:
        """Number of classes ``R``: the one-hot width (multiclass hinge, Laurent–von Brecht eq. 5), else 2."""
        return len(self.onehot[0]) if self.onehot is not None else 2

    @property
    def points(self) -> tuple[Vector, ...]:
        """The augmented points ``x_j`` in ``Q^d`` (a trailing 1 when ``bias``)."""
        if not self.bias:
            return self.raw_points
        return tuple(p + (Fraction(1),) for p in self.raw_points)

    @property
    def n(self) -> int:
        return len(self.raw_points)

    @property
    def d0(self) -> int:
        return len(self.raw_points[0])

    @property
    def d(self) -> int:
        return self.d0 + (1 if self.bias else 0)

    @property
    def widths(self) -> tuple[int, ...]:
        return self.hidden

    @property
    def d1(self) -> int:
        return self.hidden[0]

    @property
    def activation(self) -> str:
        return "relu" if self.alpha == 0 else f"leaky:{format_rational(self.alpha)}"

    @property
    def trainable_output(self) -> bool:
        return self.output == "trainable"

    @property
    def hinge_weights(self) -> Vector:
        """The weights ``μ_j`` of the hinge loss (default ``1/n``)."""
        return self.weights if self.weights is not None else (Fraction(1, self.n),) * self.n


def load_instance(path: str | Path) -> Instance:
    """Read and validate an instance file (``.toml`` or ``.json``).

    Raises :class:`InstanceError` with the file, the key and the expected form.
    """
    path = Path(path)
    data = read_document(path, "instance file", fix="check the path; instances are .toml or .json files",
                         parse_float=FloatLiteral)
    source = str(path)
    return instance_from_mapping(data, source=source, default_name=path.stem)


def instance_from_mapping(data: Any, *, source: str = "<memory>", default_name: str = "instance") -> Instance:
    """Validate a parsed mapping with the keys of SPEC §1 into an :class:`Instance`.

    >>> inst = instance_from_mapping({"data": {"points": [[1, 0], ["1/2", 1]], "targets": [1, -1], "bias": True},
    ...                               "network": {"hidden": [3]}})
    >>> inst.n, inst.d0, inst.d, inst.d1, inst.points[1]  # with bias the points gain a coordinate 1
    (2, 2, 3, 3, (Fraction(1, 2), Fraction(1, 1), Fraction(1, 1)))
    """
    v = _Validator(source)
    if not isinstance(data, Mapping):
        raise InstanceError(source, "<root>", "expected a table with [data] and [network]")
    known = {"name", "data", "network", "description"}
    for key in data:
        if key not in known:
            raise InstanceError(source, str(key), "unknown top-level key",
                                f"use only {', '.join(sorted(known))}")
    name = data.get("name", default_name)
    if not isinstance(name, str) or not name:
        raise InstanceError(source, "name", "expected a non-empty string")
    dat = v.table(data, "data")
    net = v.table(data, "network")
    v.only(dat, "data", {"points", "targets", "bias", "weights", "onehot"})
    v.only(net, "network", {"hidden", "output", "activation", "loss"})

    points = v.matrix(dat, "data.points")
    n = len(points)
    bias = dat.get("bias", False)
    if not isinstance(bias, bool):
        raise InstanceError(source, "data.bias", f"expected true or false, found {_short(bias)}")
    onehot = v.onehot(dat, n) if "onehot" in dat else None
    targets_given = "targets" in dat or onehot is not None
    if onehot is not None and "targets" not in dat:
        targets = tuple(Fraction(row.index(1)) for row in onehot)
    elif "targets" not in dat and net.get("loss", "squared") != "hinge":
        # regions and Jacobian ranks never read the targets: a file may leave them out (zeros stand in)
        targets = tuple(Fraction(0) for _ in range(n))
    else:
        targets = v.vector(dat, "data.targets")
    if onehot is not None and targets != tuple(Fraction(row.index(1)) for row in onehot):
        raise InstanceError(source, "data.targets",
                            "with data.onehot, targets must be the class indices 0..R-1 of the one-hot rows",
                            "omit data.targets (it is derived from data.onehot)")
    if len(targets) != n:
        raise InstanceError(source, "data.targets", f"expected {n} targets (one per point), found {len(targets)}")

    hidden_raw = net.get("hidden")
    if (not isinstance(hidden_raw, list) or not hidden_raw
            or not all(isinstance(h, int) and not isinstance(h, bool) and h > 0 for h in hidden_raw)):
        raise InstanceError(source, "network.hidden",
                            f"expected a non-empty list of positive integers, found {_short(hidden_raw)}",
                            "hidden = [2]")
    hidden = tuple(hidden_raw)
    for i, h in enumerate(hidden):
        if h > MAX_WIDTH:
            raise InstanceError(source, f"network.hidden[{i}]",
                                f"width {h} exceeds the supported maximum {MAX_WIDTH}",
                                f"use at most {MAX_WIDTH} units per layer")

    activation = net.get("activation", "relu")
    alpha = v.activation(activation)
    loss = net.get("loss", "squared")
    if loss not in ("squared", "hinge"):
        raise InstanceError(source, "network.loss", f"expected \"squared\" or \"hinge\", found {_short(loss)}")

    output_raw = net.get("output", "trainable")
    output: Literal["trainable"] | Vector
    if output_raw == "trainable":
        output = "trainable"
    elif isinstance(output_raw, list):
        output = v.vector(net, "network.output")
        if len(output) != hidden[-1]:
            raise InstanceError(source, "network.output",
                                f"expected {hidden[-1]} fixed output weights (the last hidden width), "
                                f"found {len(output)}")
        for i, w in enumerate(output):
            if w == 0:
                raise InstanceError(source, f"network.output[{i}]", "fixed output weights must be nonzero",
                                    "use \"trainable\" or a nonzero rational")
    else:
        raise InstanceError(source, "network.output",
                            f"expected \"trainable\" or a list of nonzero rationals, found {_short(output_raw)}")

    weights = None
    if "weights" in dat:
        weights = v.vector(dat, "data.weights")
        if len(weights) != n:
            raise InstanceError(source, "data.weights", f"expected {n} weights (one per point), found {len(weights)}")
        if any(w <= 0 for w in weights):
            raise InstanceError(source, "data.weights", "expected positive rationals")
    if onehot is not None and loss != "hinge":
        raise InstanceError(source, "network.loss", f"one-hot targets need the hinge loss, found {_short(loss)}",
                            "loss = \"hinge\"")
    if loss == "hinge" and onehot is None:
        for j, t in enumerate(targets):
            if t not in (1, -1):
                raise InstanceError(source, f"data.targets[{j}]",
                                    f"hinge loss needs targets in {{-1, 1}}, found {format_rational(t)}")

    return Instance(name=name, raw_points=tuple(points), targets=targets, bias=bias, hidden=hidden,
                    output=output, alpha=alpha, loss=loss, weights=weights, source=source, onehot=onehot,
                    targets_given=targets_given)


def instance_to_mapping(inst: Instance) -> dict[str, Any]:
    """The instance in the file format, every rational as a string (JSON-safe, exact).

    >>> inst = instance_from_mapping({"data": {"points": [["1/2"]], "targets": [1]}, "network": {"hidden": [1]}})
    >>> instance_to_mapping(inst)["data"]["points"]
    [['1/2']]
    """
    data: dict[str, Any] = {
        "points": [[format_rational(c) for c in p] for p in inst.raw_points],
        "targets": [format_rational(t) for t in inst.targets],
        "bias": inst.bias,
    }
    if inst.weights is not None:
        data["weights"] = [format_rational(w) for w in inst.weights]
    if inst.onehot is not None:
        data["onehot"] = [list(row) for row in inst.onehot]
    output: Any = "trainable" if inst.output == "trainable" else [format_rational(w) for w in inst.output]
    return {"name": inst.name, "data": data,
            "network": {"hidden": list(inst.hidden), "output": output,
                        "activation": inst.activation, "loss": inst.loss}}


def _short(value: Any, limit: int = 60) -> str:
    """``repr(value)``, cut to ``limit`` characters so an error stays one readable line."""
    try:
        text = repr(value)
    except ValueError:  # an integer beyond the digit limit for int -> str
        return "a number too long to show"
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Validator:
    def __init__(self, source: str) -> None:
        self.source = source

    def table(self, data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
        value = data.get(key)
        if value is None:
            raise InstanceError(self.source, key, f"missing table [{key}]",
                                f"add a [{key}] table (see docs/spec.md §1)")
        if not isinstance(value, Mapping):
            raise InstanceError(self.source, key, "expected a table")
        return value

    def only(self, table: Mapping[str, Any], where: str, keys: set[str]) -> None:
        for key in table:
            if key not in keys:
                raise InstanceError(self.source, f"{where}.{key}", "unknown key", f"use only {', '.join(sorted(keys))}")

    def rational(self, value: Any, key: str) -> Fraction:
        if isinstance(value, FloatLiteral):
            raise float_literal_error(self.source, key, value)
        try:
            return parse_rational(value)
        except RationalSyntaxError as exc:
            expected = f"expected a rational (integer, \"p/q\" or \"0.25\"): {exc}"
            raise InstanceError(self.source, key, expected) from None

    def vector(self, table: Mapping[str, Any], key: str) -> Vector:
        value = table.get(key.rsplit(".", 1)[-1])
        if value is None:
            raise InstanceError(self.source, key, "missing", "add it (see docs/spec.md §1)")
        if not isinstance(value, list):
            raise InstanceError(self.source, key, f"expected a list of rationals, found {_short(value)}")
        return tuple(self.rational(x, f"{key}[{i}]") for i, x in enumerate(value))

    def matrix(self, table: Mapping[str, Any], key: str) -> list[Vector]:
        value = table.get(key.rsplit(".", 1)[-1])
        if value is None:
            raise InstanceError(self.source, key, "missing", "add points = [[1, 0], [0, 1]]")
        if not isinstance(value, list):
            raise InstanceError(self.source, key,
                                f"expected a list of points (lists of rationals), found {_short(value)}",
                                "points = [[1, 0], [0, 1]]")
        if not value:
            raise InstanceError(self.source, key, "expected a non-empty list of points (empty data)",
                                "add at least one point, e.g. points = [[1, 0]]")
        rows: list[Vector] = []
        for i, row in enumerate(value):
            if not isinstance(row, list) or not row:
                raise InstanceError(self.source, f"{key}[{i}]",
                                    f"expected a non-empty list of coordinates, found {_short(row)}")
            if rows and len(row) != len(rows[0]):
                raise InstanceError(self.source, f"{key}[{i}]",
                                    f"ragged rows: expected {len(rows[0])} coordinates like row 0, found {len(row)}")
            rows.append(tuple(self.rational(x, f"{key}[{i}][{k}]") for k, x in enumerate(row)))
        return rows

    def onehot(self, table: Mapping[str, Any], n: int) -> tuple[tuple[int, ...], ...]:
        """Multiclass targets (Laurent–von Brecht eq. 3): one row per point, a single 1 among R ≥ 2 entries."""
        value = table["onehot"]
        if not isinstance(value, list) or len(value) != n:
            raise InstanceError(self.source, "data.onehot", f"expected {n} one-hot rows (one per point)",
                                "onehot = [[1, 0, 0], [0, 1, 0]]")
        rows = []
        for i, row in enumerate(value):
            ok = (isinstance(row, list) and len(row) >= 2 and all(isinstance(c, int) and not isinstance(c, bool)
                                                                  and c in (0, 1) for c in row) and sum(row) == 1)
            if not ok or len(row) != len(value[0]):
                raise InstanceError(self.source, f"data.onehot[{i}]",
                                    "expected a row of R ≥ 2 integers 0/1 with exactly one 1 (R as in row 0), "
                                    f"found {_short(row)}",
                                    "e.g. [0, 1, 0] for class 1 of 3")
            rows.append(tuple(row))
        return tuple(rows)

    def activation(self, value: Any) -> Fraction:
        if value == "relu":
            return Fraction(0)
        if isinstance(value, str) and value.startswith("leaky:"):
            try:
                alpha = parse_rational(value[len("leaky:"):])
            except RationalSyntaxError:
                alpha = Fraction(-1)
            if 0 < alpha < 1:
                return alpha
        raise InstanceError(self.source, "network.activation",
                            f"expected \"relu\" or \"leaky:p/q\" with 0 < p/q < 1, found {_short(value)}",
                            "activation = \"leaky:1/10\"")
