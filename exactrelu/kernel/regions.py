"""Semantics of the claims about cones, topes and activation regions (SPEC §2), and of failed hypotheses.

Trusted: rules 1 and 4 of :mod:`.rules`.  An activation region ``S^A`` of the
first (and only) hidden layer is the product of the open cones of its rows, so
it is the same set for ReLU and leaky ReLU, whatever the loss and the output.
The arrangement's topes depend on the data alone.  The cell rules shared with
:mod:`.kmtm` and :mod:`.liu` live here: a witness point per unit (``_witnessed``),
an empty unit cone (``_empty_unit``) and the open cell as a mixed system over a
sign choice per unit (``_signed``).

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

from collections.abc import Callable
from functools import partial

from . import Context, Rule
from .model import Instance, model
from .parse import Obj, integer
from .rules import Matrix, agree, bits, block, cone, dot, identity, need, topes

_ANY = {"activation": "relu leaky", "loss": "squared hinge", "output": "fixed trainable", "bias": "True False",
        "targets": "real onehot"}
ANY_DATA, FIRST_LAYER = model(**_ANY, depth="shallow deep"), model(**_ANY, depth="shallow")


def cone_claim(want: bool, inst: Instance, claim: Obj, ev: Obj, ctx: Context) -> str:
    s = claim.signs("signs", inst.n)
    need(any(s), claim.path, "the all-zero sign vector is not an open cone claim")
    ctx.spend(inst.n * inst.d)
    need(cone(inst.points, s, ev) == want, ev.path, "the evidence proves the opposite")
    signs, verdict = claim.value["signs"], "non-" * want + "empty"
    if 0 in s:  # a face: s_j = 0 asks for <w, x_j> = 0
        return f"the face {{w : sign <w, x_j> = s_j for every j}}, s = {signs}, is {verdict}"
    return f"the open cone {{w : s_j<w, x_j> > 0, s = {signs}}} is {verdict}"


def topes_complete(inst: Instance, claim: Obj, ev: Obj, ctx: Context) -> str:
    found = len(topes(inst.points, ev, ctx.spend))
    agree(claim, count=found)
    return f"the arrangement of the {inst.n} points in Q^{inst.d} has exactly {found} regions (topes)"


def region_count(inst: Instance, claim: Obj, ev: Obj, ctx: Context) -> str:
    t = ctx.step(ev.raw("topes"), f"{ev.path}.topes", "topes-complete").count("count")
    zero = any(not any(x) for x in inst.points)
    need(claim.count("count") == (0 if zero else t ** inst.d1), f"{claim.path}.count",
         "the count is not T^d1 (0 with a zero point)", "0" if zero else f"{t}^{inst.d1}", claim.value["count"])
    return f"exactly {claim.value['count']} non-empty activation regions S^A for d1 = {inst.d1} ({t} topes per unit)"


def _pattern(inst: Instance, claim: Obj) -> list[list[int]]:
    return bits(claim.raw("pattern"), f"{claim.path}.pattern", inst.n, inst.d1)


def _witnessed(inst: Instance, rows: list[list[int]], ev: Obj, key: str, ctx: Context,
               wall: tuple[int, int] | None = None) -> None:
    """``ev[key][i]`` is a point of the open unit cone of ``rows[i]``, for every ``i`` (but ``<w, x_p> = 0`` if
    ``(i, p)`` is the ``wall``)."""
    ctx.spend(len(rows) * inst.n * inst.d)
    for i, (a, w) in enumerate(zip(rows, ev.array(key, len(rows)), strict=True)):
        s = [0 if (i, p) == wall else 2 * c - 1 for p, c in enumerate(a)]
        cone(inst.points, s, Obj({"point": w}, f"{ev.path}.{key}[{i}]"))


def _empty_unit(inst: Instance, rows: list[list[int]], ev: Obj, ctx: Context) -> int:
    """Evidence ``unit`` and Motzkin ``multipliers`` proving that unit's open cone empty."""
    unit = ev.integer("unit", 0, len(rows) - 1)
    ctx.spend(inst.n * inst.d)
    need(not cone(inst.points, [2 * c - 1 for c in rows[unit]], Obj({"multipliers": ev.raw("multipliers")}, ev.path)),
         ev.path, "the evidence must be Motzkin multipliers")
    return unit


def _signed(inst: Instance, pat: list[list[int]], k: int, equal: Matrix, wall: tuple[int, int] | None = None,
            extra: Callable[[list[int]], Matrix] = lambda s: [], weak: bool = False) -> Callable:
    """The open cell of ``pat`` in the variables ``R = (R_u)_u`` (``d`` per unit, ``k`` in all; ``R_u = z_u w_u``
    for Liu, ``w_u`` for KMTM) as the system of a sign choice ``s``: strict rows ``extra(s)`` and
    ``s_u (2A_up − 1)<R_u, x_p> > 0`` (``s_u ≠ 0``, ``(u, p)`` off ``wall``; ``≥ 0`` on inactive points if
    ``weak``, Liu's printed (18)); equal rows ``equal`` and ``R_u = 0`` (``s_u = 0``)."""
    def rows(s: list[int]) -> tuple[Matrix, Matrix, Matrix]:
        pairs = [(pat[u][p] or not weak, block([su * (2 * pat[u][p] - 1) * v for v in x], u * inst.d, k))
                 for u, su in enumerate(s) if su for p, x in enumerate(inst.points) if (u, p) != wall]
        zero = [block(row, u * inst.d, k) for u, su in enumerate(s) if not su for row in identity(inst.d)]
        return extra(s) + [r for a, r in pairs if a], [r for a, r in pairs if not a], equal + zero
    return rows


def region(nonempty: bool, inst: Instance, claim: Obj, ev: Obj, ctx: Context) -> str:
    pat, name = _pattern(inst, claim), ",".join(claim.value["pattern"])
    if nonempty:
        return _witnessed(inst, pat, ev, "weights", ctx) or f"S^A is non-empty for A = {name}"
    return f"S^A is empty for A = {name} (the cone of unit {_empty_unit(inst, pat, ev, ctx)} is empty)"


def dependent_set(inst: Instance, claim: Obj, ev: Obj, ctx: Context) -> str:
    js = claim.indices("points", inst.n)
    need(1 <= len(js) <= inst.d and len(set(js)) == len(js), f"{claim.path}.points", "1..d distinct points")
    y = ev.vector("coefficients", len(js))
    need(any(y), f"{ev.path}.coefficients", "the coefficients are not all zero")
    need(not any(dot(y, [inst.points[j][k] for j in js]) for k in range(inst.d)), ev.path, "Σ y x ≠ 0")
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
    (j, k), c = _pair(inst, ev), ev.rational("factor")
    return c != 0 and any(inst.points[k]) and inst.points[j] == [c * t for t in inst.points[k]]


HYPOTHESES = {  # hypothesis → whether the instance (with the evidence's indices) fails it
    "one-dimensional": lambda inst, *_: len(inst.raw[0]) != 1, "bias": lambda inst, *_: not inst.bias,
    "distinct-points": lambda inst, claim, ev: (lambda j, k: inst.raw[j] == inst.raw[k])(*_pair(inst, ev)),
    "no-zero-point": lambda inst, claim, ev: not any(inst.points[ev.integer("point", 0, inst.n - 1)]),
    "no-parallel-points": _parallel, "one-hidden-layer": lambda inst, *_: len(inst.hidden) != 1,
    "fixed-nonzero-output": lambda inst, *_: inst.output is None, "hidden": _widths,
    "trainable-output": lambda inst, *_: inst.output is not None, "relu": lambda inst, *_: inst.alpha != 0,
    "squared-loss": lambda inst, *_: inst.loss != "squared", "hinge-loss": lambda inst, *_: inst.loss != "hinge",
    "binary-targets": lambda inst, *_: inst.onehot is not None}

RULES = {k: Rule(m, f) for k, m, f in (
    ("cone-nonempty", ANY_DATA, partial(cone_claim, True)), ("cone-empty", ANY_DATA, partial(cone_claim, False)),
    ("topes-complete", ANY_DATA, topes_complete), ("region-count", FIRST_LAYER, region_count),
    ("region-nonempty", FIRST_LAYER, partial(region, True)), ("region-empty", FIRST_LAYER, partial(region, False)),
    ("dependent-set", ANY_DATA, dependent_set), ("hypothesis-not-met", ANY_DATA, hypothesis_not_met))}
