"""Parameter points ω of a Laurent–von Brecht network and its exact forward pass (eqs. 4–6).

Network (Laurent–von Brecht eq. 4), on the *raw* points ``x^(i)``::

    x^(i,ℓ) = σ_α(W^(ℓ) x^(i,ℓ−1) + b^(ℓ))   (ℓ = 1..L),   ŷ^(i) = V x^(i,L) + c

The biases ``b^(ℓ)`` and ``c`` exist iff the instance has ``bias = true``.
The output has one row (binary hinge, targets ±1) or ``R`` rows (one-hot
targets).  A POINT file (TOML or JSON)::

    [[layers]]              # one table per hidden layer, in order
    W = [[1, 0], [0, 1]]    # d_ℓ × d_{ℓ−1}
    b = [0, "1/2"]          # only when the instance has bias = true
    [output]
    V = [[1, -1]]           # 1 × d_L (binary) or R × d_L (one-hot)
    c = [0]                 # only when bias = true

The flat parameter order (used by directions and gradients in certificates):
for each layer ``W`` row-major then ``b``; then ``V`` row-major then ``c``.

>>> from exactrelu.core.instance import instance_from_mapping
>>> inst = instance_from_mapping({"data": {"points": [[1], [2]], "targets": [1, -1]},
...        "network": {"hidden": [1], "loss": "hinge"}})
>>> p = point_from_mapping({"layers": [{"W": [[1]]}], "output": {"V": [[1]]}}, inst)
>>> [o[0] for o in outputs(inst, p)]
[Fraction(1, 1), Fraction(2, 1)]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from .instance import FloatLiteral, Instance, InstanceError, float_literal_error, read_document
from .model import BINARY, HINGE, ONEHOT, TRAINABLE, Model, require
from .rationals import RationalSyntaxError, format_rational, parse_rational

__all__ = ["Layer", "Point", "load_point", "point_from_mapping", "point_to_mapping", "flatten", "unflatten",
           "parameter_names", "out_dim", "sigma", "outputs", "check_lvb_instance", "LVB_MODEL"]

Matrix = tuple[tuple[Fraction, ...], ...]
Vector = tuple[Fraction, ...]


@dataclass(frozen=True)
class Layer:
    """One layer of a parameter point: the weight matrix ``W^(l)`` (a row per unit) and its biases ``b^(l)``
    (``None`` without bias)."""

    W: Matrix
    b: Vector | None


@dataclass(frozen=True)
class Point:
    """ω = (W^(1), b^(1), …, W^(L), b^(L), V, c)."""

    layers: tuple[Layer, ...]
    V: Matrix
    c: Vector | None


def out_dim(inst: Instance) -> int:
    """``d_{L+1}``: R for one-hot targets, 1 for the binary hinge loss (9)."""
    return inst.classes if inst.onehot is not None else 1


LVB_MODEL = Model(losses=HINGE, deep=True, outputs=TRAINABLE, targets=BINARY | ONEHOT,
                  note="the network as given: biases on or off; type I/II only with bias")
"""The setting of Laurent–von Brecht's loss (9): hinge loss, trainable output layer, ReLU or leaky, any depth."""


def check_lvb_instance(inst: Instance) -> None:
    """The setting of Laurent–von Brecht (:data:`LVB_MODEL`): hinge loss and a trainable output layer."""
    require(inst, LVB_MODEL, "Laurent–von Brecht's analysis")


def _dims(inst: Instance) -> list[int]:
    return [inst.d0, *inst.hidden]


def parameter_names(inst: Instance) -> tuple[str, ...]:
    """Names in the flat order: ``W1[i,j]``, ``b1[i]``, …, ``V[r,k]``, ``c[r]``."""
    dims, names = _dims(inst), []
    for ell in range(1, len(dims)):
        names += [f"W{ell}[{i},{j}]" for i in range(dims[ell]) for j in range(dims[ell - 1])]
        if inst.bias:
            names += [f"b{ell}[{i}]" for i in range(dims[ell])]
    names += [f"V[{r},{k}]" for r in range(out_dim(inst)) for k in range(dims[-1])]
    if inst.bias:
        names += [f"c[{r}]" for r in range(out_dim(inst))]
    return tuple(names)


def flatten(p: Point) -> Vector:
    """The parameters of ``p`` as one vector, layer by layer (``W`` row-major, then ``b``), then ``V`` and ``c``:
    the order of :func:`parameter_names` and :func:`unflatten`.
    """
    out: list[Fraction] = []
    for layer in p.layers:
        out += [x for row in layer.W for x in row]
        out += list(layer.b or ())
    out += [x for row in p.V for x in row]
    out += list(p.c or ())
    return tuple(out)


def unflatten(inst: Instance, flat: Sequence[Any], convert: bool = True) -> Point:
    """Inverse of :func:`flatten` (``convert=False`` keeps the entries as given, e.g. dual numbers)."""
    dims, pos = _dims(inst), 0

    def take(k: int) -> Vector:
        nonlocal pos
        pos += k
        return tuple(Fraction(x) if convert else x for x in flat[pos - k:pos])

    layers = []
    for ell in range(1, len(dims)):
        W = tuple(take(dims[ell - 1]) for _ in range(dims[ell]))
        layers.append(Layer(W, take(dims[ell]) if inst.bias else None))
    V = tuple(take(dims[-1]) for _ in range(out_dim(inst)))
    c = take(out_dim(inst)) if inst.bias else None
    if pos != len(flat):
        raise ValueError(f"expected {pos} parameters, found {len(flat)}")
    return Point(tuple(layers), V, c)


def sigma(s: Fraction, alpha: Fraction) -> Fraction:
    """Leaky ReLU ``σ_α(s) = max(s, αs)`` (ReLU when α = 0).

    >>> sigma(Fraction(-2), Fraction(1, 4)), sigma(Fraction(3), Fraction(1, 4))
    (Fraction(-1, 2), Fraction(3, 1))
    """
    return s if s > 0 else alpha * s


def outputs(inst: Instance, p: Point) -> tuple[Vector, ...]:
    """The network outputs ``ŷ^(i)`` (eq. 4), exactly."""
    res = []
    for x in inst.raw_points:
        h: Vector = x
        for layer in p.layers:
            h = tuple(sigma(pre, inst.alpha) for pre in _affine(layer.W, layer.b, h))
        res.append(_affine(p.V, p.c, h))
    return tuple(res)


def _affine(W: Matrix, b: Vector | None, h: Vector) -> Vector:
    return tuple(sum((w * x for w, x in zip(row, h, strict=True)), Fraction(0)) + (b[i] if b else 0)
                 for i, row in enumerate(W))


# ---------------------------------------------------------------- loading
def load_point(path: str | Path, inst: Instance) -> Point:
    """Read a POINT file (format in the module docstring); errors name file and key."""
    path = Path(path)
    source = str(path)
    data = read_document(path, "point file", parse_float=FloatLiteral)
    return point_from_mapping(data, inst, source=source)


def point_from_mapping(data: Any, inst: Instance, *, source: str = "<memory>") -> Point:
    """Validate ``{"layers": [{"W", "b"}...], "output": {"V", "c"}}`` against the instance's shapes."""
    check_lvb_instance(inst)
    if not isinstance(data, Mapping):
        raise InstanceError(source, "<root>", "expected a table with [[layers]] and [output]")
    dims = _dims(inst)
    layers_raw = data.get("layers")
    if not isinstance(layers_raw, list) or len(layers_raw) != len(inst.hidden):
        raise InstanceError(source, "layers", f"expected {len(inst.hidden)} [[layers]] tables (one per hidden layer)",
                            "add [[layers]] with W (and b when bias = true)")
    layers = []
    for ell, lay in enumerate(layers_raw):
        key = f"layers[{ell}]"
        if not isinstance(lay, Mapping):
            raise InstanceError(source, key, "expected a table with W (and b)")
        W = _matrix(source, f"{key}.W", lay.get("W"), dims[ell + 1], dims[ell])
        b = _bias(source, f"{key}.b", lay, dims[ell + 1], inst.bias)
        layers.append(Layer(W, b))
    out = data.get("output")
    if not isinstance(out, Mapping):
        raise InstanceError(source, "output", "missing table [output] with V (and c)", "add [output] V = [[...]]")
    V = _matrix(source, "output.V", out.get("V"), out_dim(inst), dims[-1])
    c = _bias(source, "output.c", out, out_dim(inst), inst.bias)
    return Point(tuple(layers), V, c)


def _bias(source: str, key: str, table: Mapping[str, Any], n: int, bias: bool) -> Vector | None:
    name = key.rsplit(".", 1)[-1]
    if not bias:
        if name in table:
            raise InstanceError(source, key, "the instance has bias = false, so there is no bias parameter",
                                f"remove {name} or set bias = true in the instance")
        return None
    return _matrix(source, key, [table.get(name)] if name in table else None, 1, n)[0]


def _matrix(source: str, key: str, value: Any, rows: int, cols: int) -> Matrix:
    if not isinstance(value, list) or len(value) != rows:
        raise InstanceError(source, key, f"expected {rows} row(s) of {cols} rationals, found {value!r}")
    out = []
    for i, row in enumerate(value):
        if not isinstance(row, list) or len(row) != cols:
            raise InstanceError(source, f"{key}[{i}]", f"expected {cols} rationals, found {row!r}")
        out.append(tuple(_rational(source, f"{key}[{i}][{j}]", x) for j, x in enumerate(row)))
    return tuple(out)


def _rational(source: str, key: str, x: Any) -> Fraction:
    if isinstance(x, FloatLiteral):
        raise float_literal_error(source, key, x)
    try:
        return parse_rational(x)
    except RationalSyntaxError as exc:
        raise InstanceError(source, key, f"expected a rational: {exc}") from None


def point_to_mapping(p: Point) -> dict[str, Any]:
    """The point in the file format, rationals as strings (the kernel reads this)."""
    def mat(m: Matrix) -> list[list[str]]:
        return [[format_rational(x) for x in row] for row in m]

    layers = []
    for layer in p.layers:
        t: dict[str, Any] = {"W": mat(layer.W)}
        if layer.b is not None:
            t["b"] = [format_rational(x) for x in layer.b]
        layers.append(t)
    out: dict[str, Any] = {"V": mat(p.V)}
    if p.c is not None:
        out["c"] = [format_rational(x) for x in p.c]
    return {"layers": layers, "output": out}
