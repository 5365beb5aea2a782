"""The instance fingerprint: SHA-256 of the canonical instance (docs/json.md).

The canonical instance is the instance with every field explicit and every rational in lowest terms, exactly
as the certificate kernel (``exactrelu.kernel.front.canonical``) defines it, so that a ``--json`` document and
a certificate of the same instance carry the same fingerprint.  This module re-states that definition on
:class:`exactrelu.core.instance.Instance` rather than importing the kernel: the producer never depends on the
checker (tests/render/test_json_contract.py checks that both agree).
"""

from __future__ import annotations

import hashlib
import json
from fractions import Fraction
from typing import Any

from .instance import Instance
from .rationals import format_rational

__all__ = ["canonical", "fingerprint"]


def canonical(inst: Instance) -> dict[str, Any]:
    """The canonical instance: data (points without the bias coordinate, targets, bias, hinge weights, one-hot
    rows) and network (widths, ``relu`` or ``leaky:p/q``, loss, ``trainable`` or the fixed output weights).

    >>> from exactrelu.core.instance import instance_from_mapping
    >>> canonical(instance_from_mapping({"data": {"points": [["0.5"]], "targets": [1]}, "network": {"hidden": [1]}}))
    {'data': {'points': [['1/2']], 'targets': ['1'], 'bias': False, 'weights': ['1'], 'onehot': None}, \
    'network': {'hidden': [1], 'activation': 'relu', 'loss': 'squared', 'output': 'trainable'}}
    """
    weights = inst.weights if inst.weights is not None else (Fraction(1, inst.n),) * inst.n
    onehot = None if inst.onehot is None else [list(r) for r in inst.onehot]
    act = "leaky:" + format_rational(inst.alpha) if inst.alpha else "relu"
    return {"data": {"points": [[format_rational(c) for c in p] for p in inst.raw_points],
                     "targets": [format_rational(t) for t in inst.targets], "bias": bool(inst.bias),
                     "weights": [format_rational(w) for w in weights], "onehot": onehot},
            "network": {"hidden": list(inst.hidden), "activation": act, "loss": inst.loss,
                        "output": "trainable" if inst.output == "trainable"
                        else [format_rational(v) for v in inst.output]}}


def fingerprint(inst: Instance) -> str:
    """``sha256`` (hex) of the canonical instance as compact JSON with sorted keys; the name is not hashed.

    >>> from dataclasses import replace
    >>> from exactrelu.catalogue import catalogue_instance
    >>> fan = catalogue_instance("fig1-fan")
    >>> len(fingerprint(fan)), fingerprint(replace(fan, name="renamed")) == fingerprint(fan)
    (64, True)
    """
    text = json.dumps(canonical(inst), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()
