"""What an analysis models, and the closed vocabulary of theorem verdicts.

Every command and library entry point declares one :class:`Model`: the
activations, losses, depths, output layers, biases and target kinds whose
mathematics it implements.  :func:`require` refuses an instance outside it
*before any work*, with an :class:`~exactrelu.core.instance.InstanceError` naming the
instance key (exit 2 on the command line), so no analysis ever computes a
different network than the one it was given (a leaky network as ReLU, a deep
one as its first layer).

Theorem checks answer with a :class:`Verdict`: ``holds`` (hypotheses met,
conclusion verified), ``fails`` (hypotheses met, conclusion refuted),
``vacuous`` (a hypothesis fails, or the bound is ≥ 1: the theorem says nothing
here) or ``undecided`` (the tool could not decide; a reason is given).

>>> from exactrelu.core.instance import instance_from_mapping
>>> inst = instance_from_mapping({"data": {"points": [[1, 0], [0, 1]], "targets": [1, 1]},
...                               "network": {"hidden": [1, 1], "activation": "leaky:1/2"}})
>>> try:
...     require(inst, Model(activations=RELU), "jacobian")
... except InstanceError as exc:
...     print(exc.key)
network.activation
>>> str(Verdict.VACUOUS)
'vacuous'
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .instance import Instance, InstanceError

__all__ = ["Model", "Verdict", "require", "violation", "RELU", "LEAKY", "ANY_ACTIVATION", "SQUARED", "HINGE",
           "ANY_LOSS", "FIXED", "TRAINABLE", "ANY_OUTPUT", "ANY_BIAS", "WITH_BIAS", "REAL", "BINARY", "ONEHOT",
           "ANY_TARGETS"]

RELU = frozenset({"relu"})
LEAKY = frozenset({"leaky"})
ANY_ACTIVATION = frozenset({"relu", "leaky"})
SQUARED = frozenset({"squared"})
HINGE = frozenset({"hinge"})
ANY_LOSS = frozenset({"squared", "hinge"})
FIXED = frozenset({"fixed"})
TRAINABLE = frozenset({"trainable"})
ANY_OUTPUT = frozenset({"fixed", "trainable"})
ANY_BIAS = frozenset({True, False})
WITH_BIAS = frozenset({True})
REAL = frozenset({"real", "binary"})
"""Any rational targets (±1 included)."""
BINARY = frozenset({"binary"})
"""Targets in {−1, +1}."""
ONEHOT = frozenset({"onehot"})
ANY_TARGETS = frozenset({"real", "binary", "onehot"})


class Verdict(StrEnum):
    """The four answers of a theorem check (issue 12: a closed vocabulary, hypotheses first)."""

    HOLDS = "holds"
    FAILS = "fails"
    VACUOUS = "vacuous"
    UNDECIDED = "undecided"


def _words(values: frozenset[str]) -> str:
    return " or ".join(sorted(values))


@dataclass(frozen=True)
class Model:
    """The networks an analysis is written for (one per command / entry point).

    ``deep`` is whether networks with more than one hidden layer are modelled;
    ``bias`` the allowed values of ``data.bias``; ``targets`` among ``real``
    (any rationals), ``binary`` (±1) and ``onehot``.
    """

    activations: frozenset[str] = ANY_ACTIVATION
    losses: frozenset[str] = ANY_LOSS
    deep: bool = False
    outputs: frozenset[str] = ANY_OUTPUT
    bias: frozenset[bool] = ANY_BIAS
    targets: frozenset[str] = ANY_TARGETS
    note: str = ""

    def describe(self) -> str:
        """One line for ``--help``: what is modelled."""
        act = " or ".join({"relu": "ReLU", "leaky": "leaky ReLU (slope α)"}[a] for a in sorted(self.activations,
                                                                                                reverse=True))
        bias = "with or without bias" if len(self.bias) == 2 else ("bias" if True in self.bias else "no bias")
        tg = {ANY_TARGETS: "any targets", REAL: "rational targets", BINARY: "targets ±1", ONEHOT: "one-hot targets",
              REAL | ONEHOT: "any targets"}.get(self.targets, _words(self.targets) + " targets")
        text = (f"models: {act}; {_words(self.losses)} loss; "
                f"{'any number of hidden layers' if self.deep else 'one hidden layer'}; "
                f"{_words(self.outputs)} output weights; {bias}; {tg}")
        return text + (f" ({self.note})" if self.note else "")


def _target_kind(inst: Instance) -> frozenset[str]:
    """The kinds the instance's targets belong to (±1 targets are also rational)."""
    if inst.onehot is not None:
        return ONEHOT
    return frozenset({"real", "binary"}) if all(t in (1, -1) for t in inst.targets) else frozenset({"real"})


def violation(instance: Instance, model: Model) -> tuple[str, str, str] | None:
    """The first instance key outside ``model``: ``(key, found, supported)``, or ``None``.

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> inst = instance_from_mapping({"data": {"points": [[1]], "targets": [1]},
    ...                               "network": {"hidden": [1], "loss": "hinge"}})
    >>> violation(inst, Model(losses=SQUARED))
    ('network.loss', "'hinge'", '"squared"')
    """
    act = "relu" if instance.alpha == 0 else "leaky"
    if act not in model.activations:
        return "network.activation", repr(instance.activation), _words(frozenset(
            {"relu": '"relu"', "leaky": '"leaky:p/q"'}[a] for a in model.activations))
    if instance.loss not in model.losses:
        return "network.loss", repr(instance.loss), _words(frozenset(f'"{x}"' for x in model.losses))
    if len(instance.hidden) > 1 and not model.deep:
        return "network.hidden", str(list(instance.hidden)), "one hidden layer (a single width, e.g. hidden = [2])"
    out = "trainable" if instance.trainable_output else "fixed"
    if out not in model.outputs:
        return ("network.output", '"trainable"' if out == "trainable" else "fixed weights",
                "fixed output weights (output = [1, -1])" if "fixed" in model.outputs else 'output = "trainable"')
    if instance.bias not in model.bias:
        want = next(iter(model.bias))
        return "data.bias", str(instance.bias).lower(), f"bias = {str(want).lower()}"
    if not getattr(instance, "targets_given", True) and model.targets != ANY_TARGETS:
        want = {"real": "rational targets", "binary": "targets in {-1, 1}", "onehot": "data.onehot rows"}
        return "data.targets", "none (the key is missing)", " or ".join(
            want[t] for t in sorted(model.targets) if not ("real" in model.targets and t == "binary"))
    if not (_target_kind(instance) & model.targets):
        found = "one-hot rows" if instance.onehot is not None else \
            "[" + ", ".join(f"{t}" for t in instance.targets[:4]) + (", …]" if instance.n > 4 else "]")
        want = {"real": "rational targets", "binary": "targets in {-1, 1}", "onehot": "data.onehot rows"}
        key = "data.onehot" if instance.onehot is not None else "data.targets"
        return key, found, " or ".join(want[t] for t in sorted(model.targets) if not ("real" in model.targets
                                                                                      and t == "binary"))
    return None


_SUGGEST = {
    ("network.activation", '"relu"'): 'activation = "relu"',
    ("network.loss", '"squared"'): 'loss = "squared"',
    ("network.loss", '"hinge"'): 'loss = "hinge" with targets ±1',
    ("network.hidden", "one hidden layer (a single width, e.g. hidden = [2])"): "hidden = [2]",
    ("network.output", 'output = "trainable"'): 'output = "trainable"',
    ("network.output", "fixed output weights (output = [1, -1])"): "output = [1, -1] (one nonzero weight per unit)",
    ("data.bias", "bias = true"): "bias = true",
    ("data.bias", "bias = false"): "bias = false",
}


def require(instance: Instance, model: Model, what: str) -> None:
    """Refuse ``instance`` unless ``model`` covers it: an :class:`InstanceError` naming the key (exit 2).

    Called before any work, so nothing is computed for a network the analysis does not model.
    """
    bad = violation(instance, model)
    if bad is None:
        return
    key, found, supported = bad
    fix = f"add targets = [y_1, ..., y_{instance.n}] (one per point) to [data]" if found.startswith("none") else \
        _SUGGEST.get((key, supported), "change " + key)
    raise InstanceError(instance.source, key, f"{what} needs {supported}, found {found}" if found.startswith("none")
                        else f"{what} supports {supported}, found {found}", f"{fix}; {what} {model.describe()}")
