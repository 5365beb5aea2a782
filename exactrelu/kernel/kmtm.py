"""Semantics of the claims of Karhadkar–Murray–Tseran–Montúfar (the slides; SPEC §3).

Trusted: rules 1, 2 and 4 of :mod:`.rules` (mixed systems, rank, complete tope
lists, the last through an earlier ``topes-complete`` step), ``math.comb`` and
the facts stated per kind below.  Everything else is rebuilt from the instance.

The instance's fields change the mathematics and are read wherever they do:

* activation: on ``S^A`` unit ``i`` computes ``c_ij <w_i, x_j>`` with
  ``c_ij = 1`` if ``A_ij = 1`` and ``c_ij = α`` otherwise (``α = 0``: ReLU), so
  ``∇_W F`` has the columns ``(v ⊙ c^(j)) ⊗ x_j`` and ``F(W, x_j) = Σ_i v_i c_ij
  <w_i, x_j>``.  A leaky instance (points (1,0),(0,1), one unit, ``v = 1``,
  ``α = 1/10``, pattern ``10``) has rank 2, not the ReLU rank 1;
* output: fixed ``v`` is used; with trainable output the rank claims are about
  ``∇_W F`` for *every* ``v`` without zero entries (row ``i`` of the Jacobian is
  scaled by ``v_i ≠ 0``, which changes no rank), the region and deep claims
  refuse it;
* loss: the Jacobian and pattern claims do not depend on it; the global-minimum
  claims are about zero *squared* loss and refuse hinge loss;
* bias: through the augmented points; Proposition 13 needs it (``σ(wx + b)``).

Claim kinds (patterns ``A`` are lists of 0/1 strings, one per unit, ``A_ij = 1`` iff
unit ``i`` is active on ``x_j``):

* ``jacobian-rank`` ``{pattern, rank}``: rank ``∇_W F = rank`` on ``S^A`` (rank evidence).
* ``fullrank-count`` ``{rows, count, total}``: of the ``|rows|^{d1}`` patterns with rows
  from ``rows`` (``"all"``: ``{0,1}^n``, Theorem 2; else the unit topes, Corollary 5 /
  Theorem 7), ``count`` have rank ``n``.  The rank depends only on the *set* of
  distinct rows (the Jacobian's row space is the sum of the units' row spaces, each
  scaled by ``v_i ≠ 0``), and full rank passes to supersets; the kernel walks the
  depth-first search over sets ``{i1 < … < is}``, ``s ≤ d1``, in lexicographic
  pre-order (a full set closes its branch), evidence ``nodes``: ``rank`` and rank
  evidence per visited set, and counts the tuples of a full set ``S`` and any later
  rows ``L`` that use every row of ``S``: ``Σ_{T ⊆ S} (−1)^{|S∖T|} (|T| + |L|)^{d1}``.
  Topes rows: evidence ``topes`` (an earlier ``topes-complete`` step) and
  ``witnesses``; the rows are distinct, witnessed and as many as the step proves
  (none with a zero point), so they are all the unit topes (regions are products of
  unit cones, SPEC §2).  ``2^n`` rows are paid for before they are built.
* ``polygon-area`` ``{row, area}`` (``d = 2``, no evidence): the area of
  ``closure(C(a)) ∩ [−1,1]²``, computed by the kernel (see ``_area``; a zero point
  empties ``C(a)``: area 0).
* ``fullrank-volume`` ``{rows, volume, box}`` (Proposition 11): the measure of the union
  of the full-rank regions in ``[−1,1]^{2 d1}``, ``Σ_A Π_i area(a_i)``: the count's sum
  with each row weighted by its area; evidence as ``fullrank-count`` over the topes.
* ``global-minimum-region`` ``{pattern, nonempty, rank}``: ``{W ∈ S^A : F(W, X) = y}``
  (zero squared loss) is non-empty (evidence ``point``) or empty (Motzkin
  ``multipliers``) and ``rank ∇_W F = rank`` (rank evidence, same object).
* ``globalmin-count`` ``{rows, count, total}`` (Theorem 8): of the ``T^{d1}`` non-empty
  regions, ``count`` have a non-empty minimiser set of codimension ``n``.  Both facts
  depend only on the row sets ``(S+, S−)`` of the units with ``v_i > 0`` / ``< 0``
  (positive combinations of points of one open cone fill that cone, and ``c_ij`` depends
  on the row only), so evidence ``regions``: per pair, in the kernel's order, a
  ``global-minimum-region`` step on its representative, weighted ``surj(d+, |S+|)
  surj(d−, |S−|)``; ``topes`` and ``witnesses`` as for ``fullrank-count``.
* ``deep-pattern-nonempty`` / ``deep-pattern-empty`` ``{pattern}`` (one list of rows per
  layer; ``f_l = σ(W_l f_{l−1})``, ``F = vᵀ f_{L−1}``): ``weights`` whose forward pass has
  every pre-activation of the pattern's strict sign; or ``unit`` with Motzkin
  ``multipliers`` on a row of ``A_1``; or (ReLU only: a leaky unit outputs ``α·s ≠ 0``)
  ``layer``/``point``: column ``j`` of ``A_l`` is zero, so ``f_l(x_j) = 0`` and layer
  ``l + 1`` sees pre-activation exactly 0 on ``x_j``.
* ``deep-jacobian-rank`` ``{pattern, weights, rank}``: ``weights ∈ S^A`` and ``∇_W F``
  there (back-propagation, ``σ' = 1`` or ``α``) has rank ``rank``.
* ``deep-pattern-count`` ``{patterns, empty, nonempty_full_rank_at_witness,
  nonempty_deficient_at_witness, undecided}`` (Theorem 10): evidence ``classes``, per
  pattern of the kernel's enumeration (``itertools.product`` of rows, of units, of
  layers) an earlier ``deep-pattern-empty`` / ``deep-jacobian-rank`` step on it, or
  ``"undecided"``; the ``2^{n Σ d_l}`` patterns are paid for or refused.
* ``relu-representation`` / ``relu-not-representable`` ``{points, target, m, signed}``
  (Proposition 13; sorted distinct 1-D points): ``y = Σ_{i ≤ m} c_i σ(w_i x + b_i)``,
  ``c_i = 1`` (``±1`` if ``signed``; ``m = null``: any number), or not.  ``w x + b`` is
  monotone, so each unit lies in the closed cone ``K(a)`` of a step row ``a``, where
  ``σ(w x_j + b) = a_j (w x_j + b)``; units with one ``(c, a)`` add up in ``K(a)`` and the
  zero row adds nothing.  So ``y`` is representable iff the LP
  ``(w_s, b_s) ∈ K(a_s)``, ``Σ_s c_s a_s ⊙ (w_s x + b_s) = y`` is feasible for some set of
  at most ``m`` choices ``(c, a)``, ``a ≠ 0`` — equivalently (adding unused choices at 0)
  for some set of exactly ``min(m, #choices)``.  Yes: ``choices`` (indices into
  ``(+1, a)`` for the sorted nonzero step rows, then ``(−1, a)``) and a ``point``; no:
  ``lps``, Farkas multipliers for every set, in ``itertools.combinations`` order.
* ``relu-cone-generators`` ``{points, vertices}``: the one-ReLU functions form the cone
  over the polyline vertices (recomputed), which are its extreme rays.  ``K(a)`` is a
  pointed 2-D cone (two independent normals ``(x_j, 1)``), generated by its extreme
  rays, which lie on its boundary lines ``w x_j + b = 0``; the kernel keeps the
  candidates ``±(1, −x_j)`` in ``K(a)`` and compares their nonzero images (as rays) with
  the vertices.  Evidence ``separators`` ``c`` with ``c·v_k = 0 < c·v_t`` make each
  vertex a 1-dimensional face of the hull, an extreme ray.
* ``proposition-13`` ``{points, target, m, sum, signed_sum, cone, linear}``: the
  instance's sorted points, targets and width; evidence names the ``generators`` step
  and one representation step per answer (``m`` or any number, unsigned or signed).
"""

from fractions import Fraction
from functools import partial
from itertools import combinations, product
from math import comb, lcm
from typing import Any

from . import Context, Rule
from .model import Instance, model
from .parse import Obj, array, fmt, integer, matrix
from .regions import ANY_DATA, _empty_unit, _pattern, _signed, _witnessed
from .rules import ONE, ZERO, Matrix, agree, bits, block, cone, dot, need, rank, sign, system

_REAL = {"bias": "True False", "targets": "real"}
RANK = model(activation="relu leaky", loss="squared hinge", depth="shallow", output="fixed trainable", **_REAL)
ZERO_LOSS = model(activation="relu leaky", loss="squared", depth="shallow", output="fixed", **_REAL)
DEEP = model(activation="relu leaky", loss="squared hinge", depth="shallow deep", output="fixed", **_REAL)
PROP13 = model(activation="relu", loss="squared", depth="shallow", output="fixed trainable", bias="True",
               targets="real")  # σ(w x + b): the bias is part of the statement


def _setting(inst: Instance) -> str:
    return f"{'leaky ' * bool(inst.alpha)}ReLU (α = {fmt(inst.alpha)}), {'v fixed' if inst.output else 'all v_i ≠ 0'}"


def _jacobian(inst: Instance, pat: list[list[list[int]]], v: list[Fraction], ws: Any = (), hs: Any = None) -> Matrix:
    """``∇_W F`` at ``W`` (rows: layer, unit, input; columns: points), by back-propagation with ``σ' = 1`` on
    active and ``α`` on inactive units: ``δ_{L−1} = v ⊙ σ'``, ``δ_{l−1} = (W_lᵀ δ_l) ⊙ σ'``, ``∂F/∂W_l = δ_l ⊗
    f_{l−1}(x_j)``.  One layer: the columns ``(v ⊙ c^(j)) ⊗ x_j``, whatever ``W ∈ S^A``."""
    hs, cols = hs or [inst.points], []
    for j in range(inst.n):
        slope = [[ONE if r[j] else inst.alpha for r in layer] for layer in pat]
        delta, col = [vi * s for vi, s in zip(v, slope[-1], strict=True)], []
        for t in reversed(range(len(pat))):
            col = [dl * h for dl in delta for h in hs[t][j]] + col
            delta = [dot([w[i] for w in ws[t]], delta) * s for i, s in enumerate(slope[t - 1])] if t else delta
        cols.append(col)
    return [list(c) for c in zip(*cols, strict=True)]


def _onto(weights: list[Any], rest: Any, m: int, ctx: Context) -> Fraction:
    """``Σ_{T ⊆ S} (−1)^{|S∖T|} (a(T) + rest)^m``: the weight of the ``m``-tuples over ``S`` and rows of total
    weight ``rest`` that use every row of ``S`` (weights 1, rest 0: ``surj(m, |S|)``), as ``m!·[z^m] e^{rest·z}
    Π_{a ∈ S} (e^{a z} − 1)``, multiplying exponential generating functions (``b_k = k!·coefficient``).  In integers
    over the common denominator ``D`` (no gcd per product); a product has up to ``m·b`` bits, paid for as such."""
    qs = [Fraction(q) for q in (*weights, rest)]
    den = lcm(*(q.denominator for q in qs))
    *ints, r = [q.numerator * (den // q.denominator) for q in qs]
    ctx.spend((len(ints) + 1) * (m + 1) ** 2 * (1 + m * max(abs(x).bit_length() for x in (*ints, r, den)) // 64))
    series = [r ** k for k in range(m + 1)]
    for a in ints:
        power = [a ** j for j in range(m + 1)]
        series = [sum(comb(k, i) * series[i] * power[k - i] for i in range(k)) for k in range(m + 1)]
    return Fraction(series[m], den ** m)


def _fullrank_sets(inst: Instance, rows: list[list[int]], ev: Obj, ctx: Context) -> list[tuple[int, ...]]:
    """Replay the search over row sets (module docstring); return its full-rank sets, each a closed branch."""
    nodes, stack, out, k = ev.array("nodes"), [()], [], 0
    while stack:
        if chosen := stack.pop():  # the empty set is the root, not a node
            need(k < len(nodes), f"{ev.path}.nodes", "the search visits more sets than listed", k + 1, len(nodes))
            node, k = Obj(nodes[k], f"{ev.path}.nodes[{k}]"), k + 1
            ctx.spend(len(chosen) * inst.d * inst.n * (inst.n + 1))
            rank(_jacobian(inst, [[rows[i] for i in chosen]], [ONE] * len(chosen)), inst.n, node.integer("rank"), node)
            node.done()
            out += [chosen] * (node.value["rank"] == inst.n)
        if len(chosen) < inst.d1 and chosen not in out[-1:]:
            ctx.spend(len(rows))
            stack += [(*chosen, t) for t in range(len(rows) - 1, chosen[-1] if chosen else -1, -1)]
    need(k == len(nodes), f"{ev.path}.nodes", "the evidence lists sets the search never visits", k, len(nodes))
    return out


def _tope_rows(inst: Instance, claim: Obj, ev: Obj, ctx: Context) -> list[list[int]]:
    """The claimed rows are all the unit topes: distinct, witnessed, as many as a ``topes-complete`` step proves."""
    rows = bits(claim.raw("rows"), f"{claim.path}.rows", inst.n)
    t = ctx.step(ev.raw("topes"), f"{ev.path}.topes", "topes-complete").count("count") * all(map(any, inst.points))
    need(len({tuple(a) for a in rows}) == len(rows) == t, f"{claim.path}.rows", "all unit topes, once", t, len(rows))
    return _witnessed(inst, rows, ev, "witnesses", ctx) or rows


def jacobian_rank(inst: Instance, claim: Obj, ev: Obj, ctx: Context) -> str:
    pat, r = _pattern(inst, claim), claim.integer("rank", 0, inst.n)
    ctx.spend(inst.d1 * inst.d * inst.n * (inst.n + 1))
    rank(_jacobian(inst, [pat], inst.output or [ONE] * inst.d1), inst.n, r, ev)
    return f"rank ∇_W F = {r} (n = {inst.n}) on S^A, A = {','.join(claim.value['pattern'])}, for {_setting(inst)}"


def fullrank(volume: bool, inst: Instance, claim: Obj, ev: Obj, ctx: Context) -> str:
    if claim.raw("rows") == "all" and not volume:  # {0,1}^n: 2^n rows, paid for before they are built
        rows = ctx.spend(inst.n << inst.n) or [list(a) for a in product((0, 1), repeat=inst.n)]
    else:
        rows = _tope_rows(inst, claim, ev, ctx)
    key, total, read = ("volume", "box", claim.rational) if volume else ("count", "total", claim.count)
    agree(claim, **{total: (4 if volume else len(rows)) ** inst.d1})  # first: it bounds d1 by the digit limit
    weights = [_area(inst, a, ctx) for a in rows] if volume else [1] * len(rows)  # count: every row weighs 1
    got = sum((_onto([weights[i] for i in s], sum(weights[s[-1] + 1:]), inst.d1, ctx)
               for s in _fullrank_sets(inst, rows, ev, ctx)), ZERO)
    need(read(key) == got, f"{claim.path}.{key}", "recounted", fmt(got), claim.value[key])
    return f"the full-rank patterns (rows: {'{0,1}^n' if claim.value['rows'] == 'all' else 'unit topes'}) " \
           f"have {key} {fmt(got)} of {claim.value[total]}, for {_setting(inst)}"


def _area(inst: Instance, a: list[int], ctx: Context) -> Fraction:
    """``area(closure(C(a)) ∩ [−1,1]²)``.  With a zero point ``C(a) = ∅``: 0.  Else ``closure(C(a))`` is the weak cone
    ``{s_j <w, x_j> ≥ 0}`` if ``C(a) ≠ ∅``, and if ``C(a) = ∅`` the weak cone has no interior point (one would satisfy
    every inequality strictly): area 0 both ways.  The square is clipped by each half-plane (Sutherland–Hodgman: a
    convex polygon cut by a half-plane keeps its vertices inside and gains the edge crossings); shoelace."""
    need(inst.d == 2, "$.instance.data", "areas are for augmented dimension d = 2", 2, inst.d)
    ctx.spend(inst.n * (inst.n + 4) * 8)
    poly = [[-ONE, -ONE], [ONE, -ONE], [ONE, ONE], [-ONE, ONE]] * all(map(any, inst.points))
    for c in ([(2 * aj - 1) * t for t in x] for aj, x in zip(a, inst.points, strict=True)):
        f = [dot(c, p) for p in poly]  # edge poly[k−1] → poly[k]: its crossing (if any), then poly[k] if inside
        poly = [r for k, p in enumerate(poly) for r in ([[u + (v - u) * f[k - 1] / (f[k - 1] - f[k]) for u, v in zip(
            poly[k - 1], p, strict=True)]] if f[k - 1] * f[k] < 0 else []) + [p] * (f[k] >= 0)]
    return sum((p[0] * q[1] - q[0] * p[1] for p, q in zip(poly, poly[1:] + poly[:1], strict=True)), ZERO) / 2


def polygon_area(inst: Instance, claim: Obj, ev: Obj, ctx: Context) -> str:
    area = _area(inst, claim.signs("row", inst.n, "01"), ctx)
    need(claim.rational("area") == area, f"{claim.path}.area", "the area", fmt(area), claim.value["area"])
    return f"area(closure(C(a)) ∩ [−1,1]²) = {fmt(area)} for a = {claim.value['row']}"


def global_minimum_region(inst: Instance, claim: Obj, ev: Obj, ctx: Context) -> str:
    n, k, pat = inst.n, inst.d * inst.d1, _pattern(inst, claim)
    ctx.spend(k * n * (n + inst.d1 + 1))
    jac = _jacobian(inst, [pat], inst.output or [])  # row i·d + c, column j: the coefficient of W[i][c] in F(W, x_j)
    equal = [[*col, y] for col, y in zip(zip(*jac, strict=True), inst.targets, strict=True)]  # F(W, x_j) = y_j
    need(system(*_signed(inst, pat, k, equal)([1] * inst.d1), k, ev) == claim.boolean("nonempty"), ev.path,
         "the evidence proves the opposite")  # W in the open cell S^A (every unit's sign +) with F(W, X) = y
    rank(jac, n, r := claim.integer("rank", 0, n), ev)
    return f"{{W ∈ S^A : F(W, X) = y}} (zero squared loss), A = {','.join(claim.value['pattern'])}, is " + \
        (f"non-empty, of codimension {r}" if claim.value["nonempty"] else f"empty (rank ∇_W F = {r})") + \
        f"; {_setting(inst)}"


def _sets(size: int, units: int) -> Any:
    return (c for s in range(1, min(size, units) + 1) for c in combinations(range(size), s)) if units else [()]


def globalmin_count(inst: Instance, claim: Obj, ev: Obj, ctx: Context) -> str:
    rows, v, refs, count, k = _tope_rows(inst, claim, ev, ctx), inst.output or [], ev.array("regions"), 0, 0
    pos, neg = [i for i, x in enumerate(v) if x > 0], [i for i, x in enumerate(v) if x < 0]
    for p, q in ((p, q) for p in _sets(len(rows), len(pos)) for q in _sets(len(rows), len(neg))):
        need(k < len(refs), f"{ev.path}.regions", "a pair of row sets (S+, S−) has no region step", k + 1)
        rep = {i: s[min(t, len(s) - 1)] for us, s in ((pos, p), (neg, q)) for t, i in enumerate(us)}  # unit → row
        reg, k = ctx.step(refs[k], f"{ev.path}.regions[{k}]", "global-minimum-region", pattern=[  # the representative
            "".join(map(str, rows[rep[i]])) for i in range(inst.d1)]), k + 1
        if reg.raw("nonempty") and reg.raw("rank") == inst.n:
            count += _onto([1] * len(p), 0, len(pos), ctx) * _onto([1] * len(q), 0, len(neg), ctx)
    need(k == len(refs), f"{ev.path}.regions", "more region steps than pairs of row sets", k, len(refs))
    agree(claim, count=count, total=len(rows) ** inst.d1)
    return f"{count} of {len(rows)}^{inst.d1} non-empty regions hold zero-loss minima, codimension n; {_setting(inst)}"


def _forward(inst: Instance, pat: list[list[list[int]]], value: Any, path: str,
             ctx: Context) -> tuple[list[Matrix], list[Matrix]]:
    """Weights ``W_l`` and ``f_l(x_j)``, checking every pre-activation has the pattern's strict sign."""
    ws, hs = [], [inst.points]
    for t, (w, layer) in enumerate(zip(array(value, path, len(inst.hidden)), pat, strict=True)):
        ctx.spend(len(layer) * len(hs[-1][0]) * inst.n * 3)
        ws.append(matrix(w, f"{path}[{t}]", len(layer), len(hs[-1][0])))
        pre = [[dot(row, h) for row in ws[-1]] for h in hs[-1]]
        need(all(sign(u) == 2 * a[j] - 1 for j, p in enumerate(pre) for u, a in zip(p, layer, strict=True)), path,
             "a pre-activation does not have the pattern's strict sign")
        hs.append([[s if s > 0 else inst.alpha * s for s in p] for p in pre])
    return ws, hs


def deep_pattern(kind: str, inst: Instance, claim: Obj, ev: Obj, ctx: Context) -> str:
    pat, r = [bits(a, f"{claim.path}.pattern[{t}]", inst.n, w) for t, (a, w) in enumerate(zip(
        claim.array("pattern", len(inst.hidden)), inst.hidden, strict=True))], None
    if kind == "rank":
        ws, hs = _forward(inst, pat, claim.raw("weights"), f"{claim.path}.weights", ctx)
        r, jac = claim.integer("rank", 0, inst.n), _jacobian(inst, pat, inst.output or [], ws, hs)
        ctx.spend(len(jac) * inst.n * (inst.n + 1))
        rank(jac, inst.n, r, ev)
    elif kind == "nonempty":
        _forward(inst, pat, ev.raw("weights"), f"{ev.path}.weights", ctx)
    elif ev.has("layer"):
        need(not inst.alpha, f"{ev.path}.layer", "a zero column empties nothing under leaky ReLU (σ(s) = αs ≠ 0)")
        t, j = ev.integer("layer", 1, len(inst.hidden) - 1), ev.integer("point", 0, inst.n - 1)
        need(not any(row[j] for row in pat[t - 1]), f"{ev.path}.layer", "that column of A_l is not zero", 0, j)
    else:
        _empty_unit(inst, pat[0], ev, ctx)
    what = f"rank ∇_W F = {r} (n = {inst.n}) at the given W ∈ S^A" if r is not None else f"S^A is {kind}"
    return f"{what} for the deep pattern A = {claim.value['pattern']} ({_setting(inst)})"


def deep_pattern_count(inst: Instance, claim: Obj, ev: Obj, ctx: Context) -> str:
    ctx.spend((bits := inst.n * sum(inst.hidden)) << min(bits, 64))  # 2^{n Σ d_l} patterns, paid for or refused
    classes, rows = ev.array("classes", 2 ** bits), list(product((0, 1), repeat=inst.n))
    found = dict.fromkeys(("empty", "nonempty_full_rank_at_witness", "nonempty_deficient_at_witness", "undecided"), 0)
    for ref, pat in zip(classes, product(*[product(rows, repeat=w) for w in inst.hidden]), strict=True):
        st = None if ref == "undecided" else ctx.step(ref, ev.path, "deep-pattern-empty", "deep-jacobian-rank",
                                                       pattern=[["".join(map(str, r)) for r in a] for a in pat])
        found["undecided" if not st else "empty" if not st.has("rank") else "nonempty_full_rank_at_witness" if
              st.raw("rank") == inst.n else "nonempty_deficient_at_witness"] += 1
    agree(claim, patterns=2 ** bits, **found)
    return f"of the 2^{bits} deep patterns: " + ", ".join(f"{v} {k}" for k, v in found.items()) + f"; {_setting(inst)}"


def _points(claim: Obj, least: int) -> list[Fraction]:
    xs = claim.vector("points")
    need(len(xs) >= least and all(a < b for a, b in zip(xs, xs[1:], strict=False)), claim.path, "sorted points")
    return xs


def _step_rows(n: int, ctx: Context) -> list[tuple[int, ...]]:
    """The ``2n`` step rows (prefixes and suffixes of ones), sorted: the topes of 1-D data with bias."""
    ctx.spend(4 * n * n)
    return sorted({tuple(int((j >= k) == up) for j in range(n)) for k in range(n + 1) for up in (True, False)})


def representation(yes: bool, inst: Instance | None, claim: Obj, ev: Obj, ctx: Context) -> str:
    xs = _points(claim, 1)
    y, signed, m = claim.vector("target", len(xs)), claim.boolean("signed"), claim.raw("m")
    m, n = None if m is None else integer(m, f"{claim.path}.m"), len(xs)
    choices = [(c, a) for c in ((1, -1) if signed else (1,)) for a in _step_rows(n, ctx) if any(a)]
    if yes:  # a point of one LP: units (w_s, b_s) ∈ K(a_s) for the chosen (c_s, a_s), at most m of them
        sets, lps = [[choices[i] for i in ev.indices("choices", len(choices))]], [ev.value]
        need(m is None or len(sets[0]) <= m, f"{ev.path}.choices", "more units than m", m, len(sets[0]))
    else:  # Farkas multipliers of every LP, for every set of min(m, #choices) choices
        sets, lps = [choices] if m is None else combinations(choices, min(m, len(choices))), ev.array("lps")
    for t, chosen in enumerate(sets):
        need(t < len(lps), f"{ev.path}.lps", "a set of choices has no infeasibility proof", t + 1)
        ctx.spend(4 * len(chosen) * n * n)
        k, lp = 2 * len(chosen), ev if yes else Obj(lps[t], f"{ev.path}.lps[{t}]")
        weak = [block([(2 * a[j] - 1) * x, ONE * (2 * a[j] - 1)], 2 * s, k) for s, (_, a) in enumerate(chosen)
                for j, x in enumerate(xs)]  # (w_s, b_s) ∈ K(a_s)
        # Σ_s c_s a_s ⊙ (w_s x + b_s) = y
        equal = [[e for c, a in chosen for e in (c * a[j] * x, ONE * c * a[j])] + [y[j]] for j, x in enumerate(xs)]
        need(system([], weak, equal, k, lp) == yes, lp.path, "the evidence proves the opposite")
        lp.done()
    need(t + 1 == len(lps), f"{ev.path}.lps", "more LPs than sets of choices", t + 1, len(lps))
    return f"y = {claim.value['target']} is {'' if yes else 'not '}a {'±' * signed}sum of " \
           f"{'any number of' if m is None else f'at most {m}'} ReLUs σ(w x + b) on x = {claim.value['points']}"


def _direction(v: list[Fraction]) -> tuple[Fraction, ...]:
    return tuple(t / next(abs(s) for s in v if s) for t in v)


def cone_generators(inst: Instance | None, claim: Obj, ev: Obj, ctx: Context) -> str:
    n = len(xs := _points(claim, 2))
    verts = [[xs[j] - xs[i] if j >= i else ZERO for j in range(n)] for i in range(n - 2, -1, -1)]
    verts += [[xs[i] - xs[j] if j <= i else ZERO for j in range(n)] for i in range(n - 1, 0, -1)]
    need(claim.matrix("vertices", len(verts), n) == verts, f"{claim.path}.vertices", "not the polyline vertices")
    ctx.spend(8 * n ** 3 + len(verts) ** 2 * n)
    # K(a)'s extreme rays lie on its boundary lines w x_j + b = 0: (w, b) = g·(1, −x_j), where w x + b = g·(x − x_j)
    images = {_direction(img) for a in _step_rows(n, ctx) for x0 in xs for g in (1, -1) if min(
        (2 * aj - 1) * g * (x - x0) for x, aj in zip(xs, a, strict=True)) >= 0 for img in [[
            aj * g * (x - x0) for x, aj in zip(xs, a, strict=True)]] if any(img)}
    need(images == {_direction(v) for v in verts}, claim.path, "the images of the cones' rays are not the vertices")
    for k, c in enumerate(ev.array("separators", len(verts))):  # c·v_k = 0 < c·v_t for every other vertex v_t
        cone(verts, [int(t != k) for t in range(len(verts))], Obj({"point": c}, f"{ev.path}.separators[{k}]"))
    return f"the one-ReLU functions on x = {claim.value['points']} form the cone over the {len(verts)} polyline " \
           f"vertices, its extreme rays (Proposition 13)"


def proposition13(inst: Instance, claim: Obj, ev: Obj, ctx: Context) -> str:
    xs, order, value = _points(claim, 2), sorted(range(inst.n), key=lambda j: inst.raw[j]), claim.value
    need([inst.raw[j] for j in order] == [[x] for x in xs] and [inst.targets[j] for j in order] == claim.vector(
        "target", len(xs)) and inst.d1 == claim.integer("m", 1), claim.path, "not the instance's data and width")
    ctx.step(ev.raw("generators"), f"{ev.path}.generators", "relu-cone-generators", points=value["points"])
    for key, signed, m in (("sum", False, inst.d1), ("signed_sum", True, inst.d1), ("cone", False, None),
                           ("linear", True, None)):  # at most m units, or (None) any number
        ctx.step(ev.raw(key), f"{ev.path}.{key}", "relu-representation" if claim.boolean(key) else
                 "relu-not-representable", points=value["points"], target=value["target"], m=m, signed=signed)
    return f"Proposition 13 on the instance (m = {inst.d1}): " + ", ".join(f"{k} = {value[k]}" for k in (
        "sum", "signed_sum", "cone", "linear"))


RULES = {k: Rule(m, f) for k, m, f in (
    ("jacobian-rank", RANK, jacobian_rank), ("fullrank-count", RANK, partial(fullrank, False)),
    ("fullrank-volume", RANK, partial(fullrank, True)), ("polygon-area", ANY_DATA, polygon_area),
    ("global-minimum-region", ZERO_LOSS, global_minimum_region), ("globalmin-count", ZERO_LOSS, globalmin_count),
    ("deep-pattern-nonempty", DEEP, partial(deep_pattern, "nonempty")),
    ("deep-pattern-empty", DEEP, partial(deep_pattern, "empty")), ("deep-pattern-count", DEEP, deep_pattern_count),
    ("deep-jacobian-rank", DEEP, partial(deep_pattern, "rank")), ("relu-cone-generators", None, cone_generators),
    ("relu-representation", None, partial(representation, True)), ("proposition-13", PROP13, proposition13),
    ("relu-not-representable", None, partial(representation, False)))}
