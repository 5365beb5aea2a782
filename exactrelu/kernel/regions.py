"""Semantics of the claims about cones, topes and activation regions (SPEC §2), and of failed hypotheses.

Trusted: rules 1 and 4 of :mod:`.rules`.  An activation region ``S^A`` of the
first (and only) hidden layer is the product of the open cones of its rows, so
it is the same set for ReLU and leaky ReLU, whatever the loss and the output.
The arrangement's topes depend on the data alone.

* ``cone-nonempty`` / ``cone-empty`` ``{signs}``: the open face of a sign vector
  over ``+ - 0`` (a point, or Motzkin multipliers).
* ``topes-complete`` ``{count}``: the arrangement ``{<w, x_j> = 0}`` has exactly
  ``count`` regions (rule 4: witnesses, and a table of linear dependencies whose
  signs prove every missing neighbour empty).
* ``region-count`` ``{count}``: ``T^{d1}`` non-empty activation regions, 0 with a
  zero point; evidence ``topes``: an earlier ``topes-complete`` step.
* ``region-nonempty`` / ``region-empty`` ``{pattern}`` (``d1`` rows of 0/1):
  ``weights`` (one witness per unit), or ``unit`` with Motzkin multipliers.
* ``dependent-set`` ``{points}``: at most ``d`` augmented points are linearly
  dependent (``coefficients``), so the data are not in general position.
* ``hypothesis-not-met`` ``{hypothesis}``: a named hypothesis fails, read off the
  instance (evidence names the offending indices).
"""

from __future__ import annotations

from fractions import Fraction

from . import Context, Rule
from .model import Instance, model
from .parse import Obj, integer
from .rules import ZERO, bits, cone, counts, need, topes, unit_cone

ANY_DATA = model(activation="relu leaky", loss="squared hinge", depth="shallow deep", output="fixed trainable",
                 bias="True False", targets="real onehot")
FIRST_LAYER = model(activation="relu leaky", loss="squared hinge", depth="shallow", output="fixed trainable",
                    bias="True False", targets="real onehot")


def _cone(want: bool):
    def check(inst: Instance, claim: Obj, ev: Obj, ctx: Context) -> str:
        s = claim.signs("signs", inst.n)
        need(any(s), claim.path, "the all-zero sign vector is not an open cone claim")
        ctx.spend(inst.n * inst.d)
        need(cone(inst.points, s, ev) == want, ev.path, "the evidence proves the opposite")
        signs, verdict = claim.value["signs"], "non-" * want + "empty"
        if 0 in s:  # a face: s_j = 0 asks for <w, x_j> = 0
            return f"the face {{w : sign <w, x_j> = s_j for every j}}, s = {signs}, is {verdict}"
        return f"the open cone {{w : s_j<w, x_j> > 0, s = {signs}}} is {verdict}"
    return check


def topes_complete(inst: Instance, claim: Obj, ev: Obj, ctx: Context) -> str:
    found = len(topes(inst.points, ev, ctx.spend))
    counts(claim, count=found)
    return f"the arrangement of the {inst.n} points in Q^{inst.d} has exactly {found} regions (topes)"


def region_count(inst: Instance, claim: Obj, ev: Obj, ctx: Context) -> str:
    t = ctx.step(ev.raw("topes"), f"{ev.path}.topes", "topes-complete").count("count")
    zero = any(not any(x) for x in inst.points)
    need(claim.count("count") == (0 if zero else t ** inst.d1), f"{claim.path}.count",
         "the count is not T^d1 (0 with a zero point)", "0" if zero else f"{t}^{inst.d1}", claim.value["count"])
    return f"exactly {claim.value['count']} non-empty activation regions S^A for d1 = {inst.d1} ({t} topes per unit)"


def _pattern(inst: Instance, claim: Obj) -> list[list[int]]:
    return bits(claim.raw("pattern"), f"{claim.path}.pattern", inst.n, inst.d1)


def region_nonempty(inst: Instance, claim: Obj, ev: Obj, ctx: Context) -> str:
    ctx.spend(inst.d1 * inst.n * inst.d)
    for i, (a, w) in enumerate(zip(_pattern(inst, claim), ev.array("weights", inst.d1), strict=True)):
        need(unit_cone(inst.points, a, Obj({"point": w}, f"{ev.path}.weights[{i}]")), ev.path,
             "a witness must be a point")
    return f"S^A is non-empty for A = {','.join(claim.value['pattern'])}"


def region_empty(inst: Instance, claim: Obj, ev: Obj, ctx: Context) -> str:
    unit = ev.integer("unit", 0, inst.d1 - 1)
    ctx.spend(inst.n * inst.d)
    need(not unit_cone(inst.points, _pattern(inst, claim)[unit], Obj({"multipliers": ev.raw("multipliers")}, ev.path)),
         ev.path, "the evidence must be Motzkin multipliers")
    return f"S^A is empty for A = {','.join(claim.value['pattern'])} (the cone of unit {unit} is empty)"


def dependent_set(inst: Instance, claim: Obj, ev: Obj, ctx: Context) -> str:
    js = claim.indices("points", inst.n)
    need(1 <= len(js) <= inst.d and len(set(js)) == len(js), f"{claim.path}.points", "1..d distinct points")
    y = ev.vector("coefficients", len(js))
    need(any(y), f"{ev.path}.coefficients", "the coefficients are not all zero")
    for k in range(inst.d):
        need(sum((c * inst.points[j][k] for c, j in zip(y, js, strict=True)), ZERO) == 0, ev.path, f"Σ y x ≠ 0 at {k}")
    return f"the points {js} are linearly dependent: the data are not in general position"


def hypothesis_not_met(inst: Instance, claim: Obj, ev: Obj, ctx: Context) -> str:
    hyp = claim.string("hypothesis", tuple(HYPOTHESES))
    need(HYPOTHESES[hyp](inst, claim, ev), ev.path, f"the instance meets the hypothesis '{hyp}'")
    widths = f" (widths {claim.value['widths']})" if hyp == "hidden" else ""  # which widths were refuted
    return f"the instance does not meet the hypothesis '{hyp}'{widths}"


def _pair(inst: Instance, ev: Obj) -> tuple[int, int]:
    js = ev.indices("points", inst.n)
    need(len(js) == 2 and js[0] != js[1], f"{ev.path}.points", "two different points")
    return js[0], js[1]


def _widths(inst: Instance, claim: Obj, ev: Obj) -> bool:
    return inst.hidden != [integer(w, f"{claim.path}.widths[{i}]", 1) for i, w in enumerate(claim.array("widths"))]


def _parallel(inst: Instance, claim: Obj, ev: Obj) -> bool:
    j, k = _pair(inst, ev)
    c: Fraction = ev.rational("factor")
    return c != 0 and any(inst.points[k]) and inst.points[j] == [c * t for t in inst.points[k]]


HYPOTHESES = {  # hypothesis → whether the instance (with the evidence's indices) fails it
    "one-dimensional": lambda inst, claim, ev: len(inst.raw[0]) != 1, "bias": lambda inst, claim, ev: not inst.bias,
    "distinct-points": lambda inst, claim, ev: (lambda j, k: inst.raw[j] == inst.raw[k])(*_pair(inst, ev)),
    "no-zero-point": lambda inst, claim, ev: not any(inst.points[ev.integer("point", 0, inst.n - 1)]),
    "no-parallel-points": _parallel, "one-hidden-layer": lambda inst, claim, ev: len(inst.hidden) != 1,
    "fixed-nonzero-output": lambda inst, claim, ev: inst.output is None,
    "trainable-output": lambda inst, claim, ev: inst.output is not None,
    "squared-loss": lambda inst, claim, ev: inst.loss != "squared",
    "hinge-loss": lambda inst, claim, ev: inst.loss != "hinge", "relu": lambda inst, claim, ev: inst.alpha != 0,
    "hidden": _widths, "binary-targets": lambda inst, claim, ev: inst.onehot is not None,
}

RULES = {k: Rule(m, f) for k, m, f in (
    ("cone-nonempty", ANY_DATA, _cone(True)), ("cone-empty", ANY_DATA, _cone(False)),
    ("topes-complete", ANY_DATA, topes_complete), ("region-count", FIRST_LAYER, region_count),
    ("region-nonempty", FIRST_LAYER, region_nonempty), ("region-empty", FIRST_LAYER, region_empty),
    ("dependent-set", ANY_DATA, dependent_set), ("hypothesis-not-met", ANY_DATA, hypothesis_not_met))}
