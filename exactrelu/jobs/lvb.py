"""Catalogue entries for Laurent–von Brecht (SPEC §5): Figure-4 minima, leaky non-criticality, Definition 1."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from ..instance import instance_from_mapping
from ..reproduce import Catalogue

FIG4 = {"name": "lvb-fig4", "data": {"points": [[2, 0], [3, 1], [-2, 0], [-3, -1], [1, -4], [-1, -4], [2, -5]],
                                     "targets": [1, 1, -1, -1, 1, -1, 1], "bias": True},
        "network": {"hidden": [2], "output": "trainable", "activation": "relu", "loss": "hinge"}}
RARE = {"name": "lvb-rare", "data": {"points": [[0, 0], [2, 2], [1, 1], [1, 1], [5, 1]], "targets": [1, 1, -1, -1, 1]},
        "network": {"hidden": [1], "loss": "hinge"}}
GENERIC = {"name": "lvb-generic", "data": {"points": [[0, 0], [2, "7/3"], [1, 1], [1, "6/5"], [5, 1]],
                                           "targets": [1, 1, -1, -1, 1]}, "network": {"hidden": [1], "loss": "hinge"}}


def run(cat: Catalogue) -> None:
    from ..generic import rarity
    from ..lvb import blind_minimum, classify
    from ..lvbplot import figure4_bytes
    from ..separability import separability

    sec = "Laurent–von Brecht (SPEC §5)"
    inst = instance_from_mapping(FIG4)
    cat.add("lvb/fig4-separable.json", separability(inst).certificate(inst), section=sec, instance=inst.name,
            claim="data linearly separable (hypothesis of Theorems 4–6)", result="separable")
    for tag, dead in (("flat", {4, 5}), ("sharp", {4, 5, 6})):
        p = blind_minimum(inst, dead)
        a = classify(inst, p)
        cat.add(f"lvb/fig4-{tag}-clarke.json", a.clarke.certificate(inst, p), section=sec, instance=inst.name,
                claim=f"Figure-4 point, dead {sorted(dead)}: Clarke critical with loss > 0 (Theorem 6 holds)",
                result=f"{a.clarke.verdict}, loss {a.loss}, {a.kind}, violations {len(a.violations)}")
        leaky = replace(inst, alpha=Fraction(1, 10))
        b = classify(leaky, p)
        if b.clarke.verdict == "not-critical":
            cat.add(f"lvb/fig4-{tag}-leaky.json", b.clarke.certificate(leaky, p), section=sec,
                    instance=f"{inst.name} (leaky 1/10)", claim="same point not critical for leaky ReLU (Theorem 4)",
                    result="not critical")
        cat.add_file(f"lvb/fig4-{tag}.png", figure4_bytes(inst, p))
    for spec in (RARE, GENERIC):
        data = instance_from_mapping(spec)
        r = rarity(data, Fraction(1, 2), 1, evidence=True)
        cat.add(f"lvb/{data.name}.json", r.certificate(data, Fraction(1, 2), 1), section=sec, instance=data.name,
                claim="Definition 1 with α = 1/2, L = 1", result=f"{'rare' if r.rare else 'generic'} "
                f"({r.examined} combinations examined)")
