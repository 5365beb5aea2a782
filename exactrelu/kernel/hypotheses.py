"""Kernel claims for failed hypotheses: a sweep's ``hypothesis-not-met`` verdicts, replayed.

* ``dependent-set`` ``{points: [j…]}``: at most ``d`` of the augmented points are
  linearly dependent (so the data are not in general position, Proposition 3):
  evidence ``coefficients`` ``y ≠ 0`` with ``Σ y_k x_{j_k} = 0``.
* ``hypothesis-not-met`` ``{hypothesis}``: the instance fails one named hypothesis,
  read off the instance itself (evidence only names the offending indices):

  ============================  ==================================================
  ``one-dimensional``           the raw points do not have exactly one coordinate
  ``bias``                      ``data.bias`` is false
  ``distinct-points``           evidence ``points [j, k]``: ``x_j = x_k`` (raw), j ≠ k
  ``no-zero-point``             evidence ``point j``: augmented ``x_j = 0``
  ``no-parallel-points``        evidence ``points [j, k]``, ``factor c``: ``x_j = c x_k``
  ``one-hidden-layer``          ``network.hidden`` has not exactly one width
  ``fixed-nonzero-output``      ``output`` is ``"trainable"``, or evidence ``unit i`` with ``v_i = 0``
  ``trainable-output``          ``output`` is fixed
  ``squared-loss`` / ``hinge-loss``  ``network.loss`` is the other one
  ``relu``                      ``network.activation`` is not ``"relu"``
  ``hidden`` (claim ``widths``)  ``network.hidden`` differs from the claimed widths
  ``binary-targets``            ``data.onehot`` is given (multiclass targets)
  ============================  ==================================================
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from .base import Context, array, augmented_points, fail, field, indices, integer, matrix, need, rational, vector


def dependent_set(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    pts = augmented_points(ctx.instance)
    d = len(pts[0])
    js = indices(field(claim, "points", "claim"), "claim.points", len(pts))
    need(1 <= len(js) <= d and len(set(js)) == len(js), "the set must name 1..d distinct points", "claim.points",
         f"at most {d} distinct", js)
    y = vector(field(ev, "coefficients", "evidence"), "evidence.coefficients", len(js))
    need(any(y), "the coefficients must not all be zero", "evidence.coefficients")
    for k in range(d):
        total = sum((c * pts[j][k] for c, j in zip(y, js, strict=True)), Fraction(0))
        need(total == 0, "Σ y_k x_(j_k) ≠ 0", "evidence.coefficients", "0", f"coordinate {k}")


def _pair(ev: Any, n: int) -> tuple[int, int]:
    js = indices(field(ev, "points", "evidence"), "evidence.points", n)
    need(len(js) == 2 and js[0] != js[1], "name two different points", "evidence.points", 2, js)
    return js[0], js[1]


def not_met(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    inst = ctx.instance
    hyp = field(claim, "hypothesis", "claim")
    data = field(inst, "data", "instance")
    net = field(inst, "network", "instance")
    raw = matrix(field(data, "points", "instance.data"), "instance.data.points")
    if hyp == "one-dimensional":
        need(any(len(p) != 1 for p in raw), "the points are one-dimensional", "instance.data.points")
    elif hyp == "bias":
        need(data.get("bias", False) is False, "bias is true", "instance.data.bias", False, data.get("bias"))
    elif hyp == "distinct-points":
        j, k = _pair(ev, len(raw))
        need(raw[j] == raw[k], "the two points differ", "evidence.points")
    elif hyp == "no-zero-point":
        pts = augmented_points(inst)
        j = integer(field(ev, "point", "evidence"), "evidence.point", 0, len(pts) - 1)
        need(not any(pts[j]), "that point is not zero", "evidence.point")
    elif hyp == "no-parallel-points":
        pts = augmented_points(inst)
        j, k = _pair(ev, len(pts))
        c = rational(field(ev, "factor", "evidence"), "evidence.factor")
        need(c != 0 and any(pts[k]) and pts[j] == [c * t for t in pts[k]], "x_j ≠ c·x_k (or zero)",
             "evidence.factor")
    elif hyp == "one-hidden-layer":
        hidden = array(field(net, "hidden", "instance.network"), "instance.network.hidden")
        need(len(hidden) != 1, "there is one hidden layer", "instance.network.hidden")
    elif hyp == "fixed-nonzero-output":
        out = field(net, "output", "instance.network")
        if out != "trainable":
            v = vector(out, "instance.network.output")
            i = integer(field(ev, "unit", "evidence"), "evidence.unit", 0, len(v) - 1)
            need(v[i] == 0, "that output weight is nonzero", "evidence.unit")
    elif hyp == "trainable-output":
        need(field(net, "output", "instance.network") != "trainable", "the output is trainable", "instance.network")
    elif hyp in ("squared-loss", "hinge-loss"):
        want = hyp.split("-")[0]
        need(net.get("loss", "squared") != want, f"the loss is {want}", "instance.network.loss")
    elif hyp == "relu":
        need(net.get("activation", "relu") != "relu", "the activation is ReLU", "instance.network.activation")
    elif hyp == "hidden":
        widths = [integer(w, f"claim.widths[{i}]", 1) for i, w in enumerate(array(claim.get("widths"), "claim.widths"))]
        need(field(net, "hidden", "instance.network") != widths, "the widths are the claimed ones",
             "instance.network.hidden")
    elif hyp == "binary-targets":
        need("onehot" in data, "the targets are binary (no data.onehot)", "instance.data.onehot")
    else:
        raise fail("unknown hypothesis", "claim.hypothesis", "a hypothesis named in kernel/hypotheses.py", hyp)


CLAIMS = {"dependent-set": dependent_set, "hypothesis-not-met": not_met}
