"""Layer 3a of the kernel: the instance a claim is about, and what each claim kind models of it.

Trusted: nothing but the parser.  :func:`read_instance` reads every field of
an instance (SPEC §1) strictly; :class:`Model` is a claim kind's declaration
of the values of each field its semantics is correct for.  A certificate whose
instance has a value outside its claim kind's model is refused, naming the
field: a ReLU rule applied to a leaky instance would be a false acceptance.

>>> inst = read_instance({"data": {"points": [["1"], ["-1"]], "targets": ["2", "1"]},
...                       "network": {"hidden": [1]}})
>>> inst.d, inst.alpha, inst.output, inst.loss
(1, Fraction(0, 1), None, 'squared')
>>> relu_squared = model(activation="relu", loss="squared", depth="shallow", output="fixed trainable",
...                      bias="True False", targets="real")
>>> relu_squared.admit(read_instance({"data": {"points": [["1"]], "targets": ["1"]},
...     "network": {"hidden": [1], "activation": "leaky:1/2"}}), "liu-genuine")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
exactrelu.kernel.parse.Reject: refused error at $.instance.network.activation: liu-genuine does not model ...
"""

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, NamedTuple

from .parse import Obj, expect, fmt, indices, integer, rational

MAX_WIDTH, MAX_DEPTH = 4096, 16


@dataclass(frozen=True)
class Instance:
    """Data plus a network (SPEC §1), every field explicit."""

    raw: list[list[Fraction]]
    targets: list[Fraction]
    bias: bool
    hidden: list[int]
    output: list[Fraction] | None  # None: trainable
    alpha: Fraction  # 0 for ReLU
    loss: str
    weights: list[Fraction]  # hinge weights μ (default 1/n)
    onehot: list[list[int]] | None

    # the augmented points in Q^d, their number, the dimension, the first width
    points = property(lambda self: [[*p, Fraction(1)] for p in self.raw] if self.bias else self.raw)
    n = property(lambda self: len(self.raw))
    d = property(lambda self: len(self.raw[0]) + self.bias)
    d1 = property(lambda self: self.hidden[0])


def read_instance(value: Any, path: str = "$.instance") -> Instance:
    """Read an instance mapping (the tool's file format, rationals as strings) strictly."""
    top = Obj(value, path)
    # "name" is a label: not part of the mathematics, not in the fingerprint
    data, net, _ = top.obj("data"), top.obj("network"), top.raw("name", None)
    top.done()
    n = len(raw := data.matrix("points"))
    ragged = not n or not raw[0] or any(len(p) != len(raw[0]) for p in raw)
    expect(not ragged, f"{data.path}.points", "a non-empty list of points of one positive dimension")
    targets, bias = data.vector("targets", n), data.boolean("bias") if data.has("bias") else False
    weights = data.vector("weights", n) if data.has("weights") else [Fraction(1, n)] * n
    expect(all(w > 0 for w in weights), f"{data.path}.weights", "hinge weights are positive")
    onehot = [indices(row, f"{data.path}.onehot[{i}]", 2) for i, row in enumerate(data.array("onehot", n))] \
        if data.has("onehot") else None  # rows of 0/1
    ok = onehot is None or all(len(r) == len(onehot[0]) >= 2 and sum(r) == 1 for r in onehot)
    expect(ok, f"{data.path}.onehot", "one-hot rows of one length R ≥ 2 with a single 1")
    data.done()
    hidden = [integer(h, f"{net.path}.hidden[{i}]", 1, MAX_WIDTH) for i, h in enumerate(net.array("hidden"))]
    expect(1 <= len(hidden) <= MAX_DEPTH, f"{net.path}.hidden", f"1 to {MAX_DEPTH} hidden widths", None, len(hidden))
    output = None if net.raw("output", "trainable") == "trainable" else net.vector("output", hidden[-1])
    expect(output is None or all(output), f"{net.path}.output", "fixed output weights are nonzero")
    act = net.raw("activation", "relu")
    leaky = isinstance(act, str) and act.startswith("leaky:")
    expect(act == "relu" or leaky, f"{net.path}.activation", "\"relu\" or \"leaky:p/q\"", None, act)
    alpha = Fraction(0) if act == "relu" else rational(act[6:], f"{net.path}.activation")
    expect(act == "relu" or 0 < alpha < 1, f"{net.path}.activation", "leaky slope strictly between 0 and 1", None, act)
    loss = net.string("loss", ("squared", "hinge")) if net.has("loss") else "squared"
    net.done()
    ok = loss != "hinge" or onehot is not None or all(t in (1, -1) for t in targets)
    expect(ok, f"{data.path}.targets", "hinge loss needs targets ±1")
    return Instance(raw, targets, bias, hidden, output, alpha, loss, weights, onehot)


class Model(NamedTuple):
    """What a claim kind's semantics is correct for: per field, the values it models, every field stated (``ANY``
    where it is irrelevant).  ``activation``: {"relu", "leaky"}; ``loss``: {"squared", "hinge"}; ``depth``:
    {"shallow", "deep"}; ``output``: {"fixed", "trainable"}; ``bias``: {"True", "False"}; ``targets``: {"real",
    "onehot"}."""

    values: dict[str, frozenset[str]]

    def admit(self, inst: Instance | None, kind: str) -> None:
        expect(inst is not None, "$.instance", f"{kind} is a claim about an instance; the certificate has none")
        output = "trainable" if inst.output is None else "fixed"
        values = {"network.activation": ("activation", "relu" if not inst.alpha else "leaky",
                                         "relu" if not inst.alpha else f"leaky:{fmt(inst.alpha)}"),
                  "network.loss": ("loss", inst.loss, inst.loss),
                  "network.hidden": ("depth", "shallow" if len(inst.hidden) == 1 else "deep", inst.hidden),
                  "network.output": ("output", output, output), "data.bias": ("bias", str(inst.bias), inst.bias),
                  "data.onehot": ("targets", "real" if inst.onehot is None else "onehot",
                                  "absent" if inst.onehot is None else "present")}
        for key, (name, value, shown) in values.items():
            models = sorted(self.values[name])
            expect(value in models, f"$.instance.{key}", f"{kind} does not model this value", models, shown, "refused")


def model(*, activation: str, loss: str, depth: str, output: str, bias: str, targets: str) -> Model:
    """A :class:`Model` from space-separated values.  No defaults: every claim kind states every field."""
    fields = dict(activation=activation, loss=loss, depth=depth, output=output, bias=bias, targets=targets)
    return Model({name: frozenset(values.split()) for name, values in fields.items()})
