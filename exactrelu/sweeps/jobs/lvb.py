"""Catalogue entries for Laurent–von Brecht (SPEC §5): Figure-4 minima, leaky non-criticality, Definition 1."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from ...certify.lvb import clarke_certificate, penalty_certificate, rarity_certificate, separability_certificate
from ...core.instance import instance_from_mapping
from ..reproduce import Catalogue

FIG4 = {"name": "lvb-fig4", "data": {"points": [[2, 0], [3, 1], [-2, 0], [-3, -1], [1, -4], [-1, -4], [2, -5]],
                                     "targets": [1, 1, -1, -1, 1, -1, 1], "bias": True},
        "network": {"hidden": [2], "output": "trainable", "activation": "relu", "loss": "hinge"}}
# Definition 1 is stated for networks with biases (system (7) has the bias coordinate): bias = true
RARE = {"name": "lvb-rare", "data": {"points": [[0, 0], [2, 2], [1, 1], [1, 1], [5, 1]], "targets": [1, 1, -1, -1, 1],
                                     "bias": True},
        "network": {"hidden": [1], "loss": "hinge"}}
GENERIC = {"name": "lvb-generic", "data": {"points": [[0, 0], [2, "7/3"], [1, 1], [1, "6/5"], [5, 1]],
                                           "targets": [1, 1, -1, -1, 1], "bias": True},
           "network": {"hidden": [1], "loss": "hinge"}}


MULTICLASS = {"name": "lvb-multiclass", "data": {"points": [[1], [2], [3]],
                                                "onehot": [[1, 0, 0], [0, 1, 0], [0, 0, 1]]},
              "network": {"hidden": [1], "output": "trainable", "loss": "hinge"}}
THEOREM5_MAX_DEAD = 2   # the full search (all 2^7 dead sets) takes ~7 s: see docs/lvb.md


def _words(value: bool | None) -> str:
    return {True: "yes", False: "no", None: "undecided"}[value]


def _replicates(ws: tuple[int, ...], vs: tuple[int, ...]) -> dict:
    return {"classes": [{"layers": [{"W": [[str(w)]]}], "output": {"V": [[str(v)]]}}
                        for w, v in zip(ws, vs, strict=True)]}


def run(cat: Catalogue) -> None:
    """The lvb/ folder: the Figure-4 minima, leaky non-criticality, rare and generic data (Definition 1)."""
    from ...lvb.clarke import Criticality
    from ...lvb.generic import rarity
    from ...lvb.separability import separability
    from ...lvb.theorems import MinimumType, blind_minimum, classify
    from ...render.lvb import figure4_bytes

    sec = "Laurent–von Brecht (SPEC §5)"
    inst = instance_from_mapping(FIG4)
    cat.add("lvb/fig4-separable.json", separability_certificate(separability(inst), inst), section=sec,
            instance=inst.name, claim="data linearly separable (hypothesis of Theorems 4–6)", result="separable")
    for tag, dead in (("flat", {4, 5}), ("sharp", {4, 5, 6})):
        p = blind_minimum(inst, dead)
        a = classify(inst, p)
        cat.add(f"lvb/fig4-{tag}-clarke.json", clarke_certificate(a.clarke, inst, p), section=sec, instance=inst.name,
                claim=f"Figure-4 point, dead {sorted(dead)}: Clarke critical with loss > 0 (Theorem 6 holds)",
                result=f"Clarke {a.clarke.verdict}, local minimum {_words(a.minimum)} ({a.case}), loss {a.loss}, "
                f"{'flat adjacent cell, ' if a.kind == MinimumType.TYPE_I else ''}{a.kind}, "
                f"violations {len(a.violations)}")
        leaky = replace(inst, alpha=Fraction(1, 10))
        b = classify(leaky, p)
        if b.clarke.verdict == Criticality.NOT_CRITICAL:
            cat.add(f"lvb/fig4-{tag}-leaky.json", clarke_certificate(b.clarke, leaky, p), section=sec,
                    instance=f"{inst.name} (leaky 1/10)", claim="same point not critical for leaky ReLU (Theorem 4)",
                    result="not critical")
        cat.add_file(f"lvb/fig4-{tag}.png", figure4_bytes(inst, p))
    for spec in (RARE, GENERIC):
        data = instance_from_mapping(spec)
        r = rarity(data, Fraction(1, 2), 1, evidence=True)
        cat.add(f"lvb/{data.name}.json", rarity_certificate(r, data, Fraction(1, 2), 1), section=sec,
                instance=data.name, claim="Definition 1 with α = 1/2, L = 1",
                result=f"{'rare' if r.rare else 'generic'} ({r.examined} combinations examined)")
    _theorem5(cat, inst, sec)
    _theorem7(cat, sec)


def _theorem5(cat: Catalogue, inst, sec: str) -> None:
    from ...core.rationals import format_rational
    from ...lvb.clarke import Criticality
    from ...lvb.theorems import equal_class_weights, theorem5_search
    from ...render.tables import render

    eq = replace(equal_class_weights(inst), alpha=Fraction(1, 10))
    rows, found = [], 0
    for c in theorem5_search(eq, THEOREM5_MAX_DEAD):
        v = c.verdict
        tag = "-".join(map(str, c.dead)) or "none"
        rows.append([tag, format_rational(v.loss), v.verdict])
        if v.loss > 0:
            found += v.verdict == Criticality.CRITICAL
            cat.add(f"lvb/theorem5/dead-{tag}.json", clarke_certificate(v, eq, c.point), section=sec,
                    instance=f"{inst.name} (equal class weights, leaky 1/10)",
                    claim=f"Theorem 5: Figure-4 point with dead points {list(c.dead)}, loss > 0, is not critical",
                    result=v.verdict)
    header = ["dead points", "loss", "Clarke verdict (leaky 1/10, equal class weights)"]
    cat.add_file("lvb/theorem5.md", f"Theorem 5 search: every blind-side construction with at most "
                 f"{THEOREM5_MAX_DEAD} dead points; sub-optimal critical points found: {found}\n\n"
                 + render(header, rows, "markdown"))


def _theorem7(cat: Catalogue, sec: str) -> None:
    from ...lvb.penalty import check_penalty, replicates_from_mapping

    inst = instance_from_mapping(MULTICLASS)
    for tag, ws, vs in (("trivial", (0, 0, 0), (0, 0, 0)), ("unequal", (1, 0, 0), (0, 0, 0))):
        reps = replicates_from_mapping(_replicates(ws, vs), inst)
        res = check_penalty(inst, reps, Fraction(1, 2))
        cat.add(f"lvb/penalty-{tag}.json", penalty_certificate(res, inst, reps), section=sec, instance=inst.name,
                claim=f"Theorem 7 at replicates w = {list(ws)}, v = {list(vs)}, γ = 1/2",
                # str(): the list shows its items' reprs, and a Criticality's repr is not its value
                result=f"E_γ {res.critical}, (i) {res.equal}, (ii) {[str(v.verdict) for v in res.two_class]}: "
                f"Theorem 7 {res.theorem7}")
