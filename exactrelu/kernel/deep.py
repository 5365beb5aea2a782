"""Kernel claims for Theorem 10 (deep networks) and Proposition 13's "no" answers (Karhadkar et al.).

Deep networks: ``f_0(x) = x`` (augmented), ``f_l(x) = σ(W_l f_{l−1}(x))``,
``F = vᵀ f_{L−1}`` with the instance's fixed nonzero ``v``.  A pattern is one
list of 0/1 row strings per hidden layer (``A_l[i][j] = 1`` iff unit ``i`` of
layer ``l`` is active on ``x_j``).  Everything is rebuilt from the instance and
the claim; the evidence only carries hints.

* ``deep-pattern-empty`` ``{pattern}``: evidence ``{"unit": i, "multipliers": y}``
  — Motzkin for row ``i`` of ``A_1`` (``y ≥ 0``, ``y ≠ 0``, ``Σ y_j s_j x_j = 0``
  with ``s_j = 2A_1[i][j] − 1``): no ``w`` has ``s_j <w, x_j> > 0`` for all ``j``;
  or ``{"layer": l, "point": j}`` (``l`` 1-based, ``l < L−1``) — column ``j`` of
  ``A_l`` is zero, so ``f_l(x_j) = 0`` and every unit of layer ``l+1`` has
  pre-activation exactly 0 on ``x_j``, never of the strict sign the pattern asks.
* ``deep-pattern-nonempty`` ``{pattern}``: evidence ``{"weights": [W_1, …]}``; the
  kernel runs the forward pass and checks every pre-activation has the strict
  sign ``2A_l[i][j] − 1``.
* ``deep-jacobian-rank`` ``{pattern, weights, rank}``: ``weights`` is a point of
  ``S^A`` (as above) and ``∇_W F`` there, rebuilt by back-propagation
  (``δ_{L−1} = v ⊙ A_{L−1}[:,j]``, ``δ_l = (W_{l+1}ᵀ δ_{l+1}) ⊙ A_l[:,j]``, rows
  ``(layer, unit, input)``), has rank ``rank`` (SPEC §6 rank evidence).
* ``deep-pattern-count`` ``{patterns, empty, nonempty_full_rank_at_witness,
  nonempty_deficient_at_witness, undecided}``: evidence ``classes``, one entry
  per pattern in the kernel's own enumeration order (layer by layer, units in
  order, rows as binary numbers): the id of an earlier ``deep-pattern-empty``
  or ``deep-jacobian-rank`` step about that very pattern, or ``"undecided"``
  (counted as undecided — neither verdict is claimed).  The kernel recounts.
* ``relu-not-representable`` ``{points, target, m, signed}`` (sorted distinct
  ``x``): no ``y = Σ_{i ≤ m} c_i σ(w_i x + b_i)`` (``c_i = 1``, or ``±1`` when
  ``signed``; ``m = null``: any number, unsigned).  Why finitely many LPs
  suffice: ``w x + b`` is monotone in ``x``, so every ``(w, b)`` lies in the
  closed cone ``K(a) = {(w, b): (2a_j − 1)(w x_j + b) ≥ 0}`` of a step row ``a``
  (a prefix or suffix of ones), where ``σ(w x_j + b) = a_j (w x_j + b)``; units
  with the same ``(c, a)`` add up inside ``K(a)``, and the all-zero row
  contributes nothing.  So ``y`` is representable iff for some set ``S`` of
  ``min(m, #choices)`` choices ``(c, a)`` (``a`` a nonzero step row) the LP
  ``Σ_{(c,a) ∈ S} c a ⊙ (w_S x + b_S) = y``, ``(w_S, b_S) ∈ K(a)`` is feasible.
  Evidence ``lps``: per set, in the kernel's order (``itertools.combinations``
  of the choices: ``(+1, a)`` for the sorted nonzero step rows, then
  ``(−1, a)`` when signed), Motzkin/Farkas multipliers ``{weak, equal}`` of
  that LP, whose rows the kernel builds itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from itertools import combinations, product
from typing import Any

from .base import (
    Context,
    array,
    augmented_points,
    check_rank,
    check_system,
    dot,
    fail,
    field,
    integer,
    matrix,
    need,
    sign,
    vector,
)

Matrix = list[list[Fraction]]
Pattern = list[list[list[int]]]


def deep_network(ctx: Context) -> tuple[Matrix, list[Fraction], list[int]]:
    """Augmented points, fixed output weights ``v`` and the hidden widths of the certificate's instance."""
    pts = augmented_points(ctx.instance)
    net = field(ctx.instance, "network", "instance")
    hidden = array(field(net, "hidden", "instance.network"), "instance.network.hidden")
    need(len(hidden) >= 1, "a network needs a hidden layer", "instance.network.hidden")
    widths = [integer(h, f"instance.network.hidden[{k}]", 1) for k, h in enumerate(hidden)]
    out = field(net, "output", "instance.network")
    need(out != "trainable", "Theorem 10 claims need fixed output weights", "instance.network.output", "[...]", out)
    v = vector(out, "instance.network.output", widths[-1])
    need(all(v), "output weights must be nonzero", "instance.network.output")
    return pts, v, widths


def _rows(value: Any, path: str, n: int, count: int) -> list[list[int]]:
    out = []
    for i, r in enumerate(array(value, path, count)):
        if not isinstance(r, str) or len(r) != n or set(r) - {"0", "1"}:
            raise fail("a pattern row is a 0/1 string with one entry per point", f"{path}[{i}]", n, r)
        out.append([int(c) for c in r])
    return out


def deep_pattern(value: Any, path: str, n: int, widths: list[int]) -> Pattern:
    layers = array(value, path, len(widths))
    return [_rows(layer, f"{path}[{k}]", n, widths[k]) for k, layer in enumerate(layers)]


def _weights(value: Any, path: str, d: int, widths: list[int]) -> list[Matrix]:
    ws = array(value, path, len(widths))
    out, prev = [], d
    for k, w in enumerate(ws):
        out.append(matrix(w, f"{path}[{k}]", widths[k], prev))
        prev = widths[k]
    return out


def forward_in_region(pts: Matrix, weights: list[Matrix], pattern: Pattern, path: str) -> list[Matrix]:
    """``f_l(x_j)`` for every layer, checking each pre-activation has the pattern's strict sign."""
    hs = [pts]
    for lay, w in enumerate(weights):
        nxt = []
        for j, h in enumerate(hs[-1]):
            pre = [dot(row, h) for row in w]
            for i, p in enumerate(pre):
                want = 2 * pattern[lay][i][j] - 1
                need(sign(p) == want, "a pre-activation does not have the pattern's strict sign",
                     f"{path}[{lay}][{i}]", want, f"sign {sign(p)} on point {j}")
            nxt.append([max(p, Fraction(0)) for p in pre])
        hs.append(nxt)
    return hs


def deep_jacobian(pts: Matrix, v: list[Fraction], weights: list[Matrix], pattern: Pattern, hs: list[Matrix]) -> Matrix:
    """``∇_W F`` (rows: layer, unit, input; columns: points), by back-propagation in the region."""
    depth = len(weights)
    cols = []
    for j in range(len(pts)):
        deltas: list[list[Fraction]] = [[] for _ in range(depth)]
        deltas[-1] = [vi * pattern[-1][i][j] for i, vi in enumerate(v)]
        for lay in range(depth - 2, -1, -1):
            nxt, w = deltas[lay + 1], weights[lay + 1]
            deltas[lay] = [sum((w[k][i] * nxt[k] for k in range(len(nxt))), Fraction(0)) * pattern[lay][i][j]
                           for i in range(len(weights[lay]))]
        col: list[Fraction] = []
        for lay in range(depth):
            col += [dl * h for dl in deltas[lay] for h in hs[lay][j]]
        cols.append(col)
    return [list(r) for r in zip(*cols, strict=True)]


def _claim_pattern(claim: Mapping[str, Any], ctx: Context) -> tuple[Matrix, list[Fraction], list[int], Pattern]:
    pts, v, widths = deep_network(ctx)
    return pts, v, widths, deep_pattern(field(claim, "pattern", "claim"), "claim.pattern", len(pts), widths)


def pattern_empty(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    pts, _, widths, pat = _claim_pattern(claim, ctx)
    n = len(pts)
    if "layer" in ev:
        lay = integer(ev["layer"], "evidence.layer", 1, len(widths) - 1)
        j = integer(field(ev, "point", "evidence"), "evidence.point", 0, n - 1)
        need(not any(r[j] for r in pat[lay - 1]), "that column of A_l is not zero", f"claim.pattern[{lay - 1}]",
             "0 in column", j)
        return
    i = integer(field(ev, "unit", "evidence"), "evidence.unit", 0, widths[0] - 1)
    y = vector(field(ev, "multipliers", "evidence"), "evidence.multipliers", n)
    need(all(t >= 0 for t in y) and any(y), "Motzkin multipliers must be ≥ 0 and not all zero", "evidence.multipliers")
    s = [2 * a - 1 for a in pat[0][i]]
    for k in range(len(pts[0])):
        total = sum((y[j] * s[j] * pts[j][k] for j in range(n)), Fraction(0))
        need(total == 0, "Σ y_j s_j x_j ≠ 0", "evidence.multipliers", "0", f"coordinate {k}")


def pattern_nonempty(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    pts, _, widths, pat = _claim_pattern(claim, ctx)
    weights = _weights(field(ev, "weights", "evidence"), "evidence.weights", len(pts[0]), widths)
    forward_in_region(pts, weights, pat, "evidence.weights")


def jacobian_rank(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    pts, v, widths, pat = _claim_pattern(claim, ctx)
    weights = _weights(field(claim, "weights", "claim"), "claim.weights", len(pts[0]), widths)
    hs = forward_in_region(pts, weights, pat, "claim.weights")
    r = integer(field(claim, "rank", "claim"), "claim.rank", 0, len(pts))
    check_rank(deep_jacobian(pts, v, weights, pat, hs), len(pts), r, ev, "evidence")


def all_patterns(n: int, widths: list[int]) -> Any:
    """Every pattern, in the producer's documented order (``itertools.product`` of rows, then of layers)."""
    rows = [[int(c) for c in format(t, f"0{n}b")] for t in range(2**n)]
    return product(*[product(rows, repeat=w) for w in widths])


def pattern_count(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    pts, _, widths = deep_network(ctx)
    n = len(pts)
    total = 2 ** (n * sum(widths))
    classes = array(field(ev, "classes", "evidence"), "evidence.classes", total)
    counts = {"empty": 0, "full": 0, "deficient": 0, "undecided": 0}
    for k, pat in enumerate(all_patterns(n, widths)):
        ref, path = classes[k], f"evidence.classes[{k}]"
        if ref == "undecided":
            counts["undecided"] += 1
            continue
        proved = ctx.proved.get(ref) if isinstance(ref, str) else None
        kind = proved.get("kind") if isinstance(proved, Mapping) else None
        need(kind in ("deep-pattern-empty", "deep-jacobian-rank"), "expected an earlier empty or rank step",
             path, "step id or 'undecided'", ref)
        assert proved is not None
        want = [["".join(map(str, r)) for r in layer] for layer in pat]
        need(proved.get("pattern") == want, "the step is about another pattern", path, want, proved.get("pattern"))
        if kind == "deep-pattern-empty":
            counts["empty"] += 1
        else:
            counts["full" if proved.get("rank") == n else "deficient"] += 1
    found = {"patterns": total, "empty": counts["empty"], "nonempty_full_rank_at_witness": counts["full"],
             "nonempty_deficient_at_witness": counts["deficient"], "undecided": counts["undecided"]}
    for key, val in found.items():
        need(field(claim, key, "claim") == str(val), f"{key} differs", f"claim.{key}", str(val), claim.get(key))


# ---------------------------------------------------------------- Proposition 13, "no"
def step_rows(n: int) -> list[tuple[int, ...]]:
    """The nonzero step rows (prefixes and suffixes of ones) on ``n`` sorted points, sorted."""
    rows = {tuple(int(j >= k) for j in range(n)) for k in range(n + 1)}
    rows |= {tuple(int(j < k) for j in range(n)) for k in range(n + 1)}
    return sorted(r for r in rows if any(r))


def representation_system(xs: list[Fraction], y: list[Fraction],
                          chosen: list[tuple[int, tuple[int, ...]]]) -> tuple[Matrix, Matrix]:
    """Rows ``[a…, b]`` of ``(w_S, b_S) ∈ K(a)`` (weak) and ``Σ c a ⊙ (w_S x + b_S) = y`` (equal)."""
    k = 2 * len(chosen)
    weak, equal = [], []
    for s, (_, a) in enumerate(chosen):
        for j, x in enumerate(xs):
            row = [Fraction(0)] * (k + 1)
            row[2 * s], row[2 * s + 1] = (2 * a[j] - 1) * x, Fraction(2 * a[j] - 1)
            weak.append(row)
    for j, x in enumerate(xs):
        row = [Fraction(0)] * (k + 1)
        for s, (c, a) in enumerate(chosen):
            row[2 * s], row[2 * s + 1] = c * a[j] * x, Fraction(c * a[j])
        row[k] = y[j]
        equal.append(row)
    return weak, equal


def representation_choices(n: int, signed: bool) -> list[tuple[int, tuple[int, ...]]]:
    rows = step_rows(n)
    return [(1, a) for a in rows] + ([(-1, a) for a in rows] if signed else [])


def not_representable(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    xs = vector(field(claim, "points", "claim"), "claim.points")
    need(len(xs) >= 1 and all(a < b for a, b in zip(xs, xs[1:], strict=False)),
         "points must be distinct and sorted increasingly", "claim.points")
    y = vector(field(claim, "target", "claim"), "claim.target", len(xs))
    signed = field(claim, "signed", "claim")
    need(isinstance(signed, bool), "signed must be true or false", "claim.signed")
    m = field(claim, "m", "claim")
    choices = representation_choices(len(xs), signed)
    if m is None:
        sets = [choices]
    else:
        size = min(integer(m, "claim.m", 0), len(choices))
        sets = [list(c) for c in combinations(choices, size)]
    lps = array(field(ev, "lps", "evidence"), "evidence.lps", len(sets))
    for t, chosen in enumerate(sets):
        weak, equal = representation_system(xs, y, chosen)
        mult = field(lps[t], "multipliers", f"evidence.lps[{t}]")
        feasible = check_system([], weak, equal, 2 * len(chosen), {"multipliers": {"strict": [], **mult}},
                                f"evidence.lps[{t}]")
        need(not feasible, "expected an infeasibility proof", f"evidence.lps[{t}]")


CLAIMS = {
    "deep-pattern-empty": pattern_empty,
    "deep-pattern-nonempty": pattern_nonempty,
    "deep-jacobian-rank": jacobian_rank,
    "deep-pattern-count": pattern_count,
    "relu-not-representable": not_representable,
}
