"""Semantics of the landscape claims (SPEC §8): one hidden layer, squared loss ``L = ½ Σ_i (F(x_i) − y_i)²``
(the ``½`` convention of SPEC §1 and of ``exactrelu landscape``), ReLU or leaky ReLU of slope α, output ``z``
trainable or fixed, with or without bias (the augmented points ``x_i ∈ Q^d``, as in :mod:`.regions`).

Trusted: rules 1 (mixed systems, Motzkin) and 4 (complete tope lists) of :mod:`.rules`, and the elementary
facts quoted below.  Write ``R_j = z_j w_j``, ``r = F(X) − y``; a tope ``t`` (a sign vector, ``0`` exactly on the
zero points) has the closed cone ``K(t) = {w : t_i<w, x_i> ≥ 0}`` on which ``σ(<w, x_i>) = c_i(t)<w, x_i>``
(``c_i = 1`` if ``t_i = +``, else α).  Every tope list below is the evidence ``topes`` of rule 4, checked in
place (not a referenced ``topes-complete`` step: the kernel needs the list itself, and keeps only a step's claim).

* ``landscape-global-minimum`` ``{value}``.  *Upper bound*: ``attained`` (weights, and output if trainable)
  whose loss, by a forward pass, is ``value``.  *Lower bound*: the closed tope cones cover ``Q^d``, so every
  parameter point lies in a *piece* (a tope ``t_j`` and a sign ``s_j`` of ``z_j`` per unit; ``s_j = sign v_j`` for
  fixed output) where ``R_j ∈ s_j K(t_j)`` and ``L = L_t(R) = ½||Σ_j c(t_j) ⊙ X R_j − y||²``, convex.  Evidence
  ``pieces``: per piece any ``R`` and multipliers ``μ_j ≥ 0`` (one per point) with ``∇_{R_j} L_t(R) = Σ_i μ_ji
  a_ji``, ``a_ji = s_j t_ji x_i``; then for ``R'`` in the piece, by convexity and ``a_ji·R'_j ≥ 0``, ``L_t(R') ≥
  L_t(R) + Σ μ_ji a_ji·(R'_j − R_j) ≥ L_t(R) − Σ μ_ji a_ji·R_j``, which must be ``≥ value`` (weak duality: no
  feasibility or complementarity needed).  ``L`` is symmetric under permuting interchangeable units (all, or
  those with equal fixed ``v_j``), so the pieces are listed up to that symmetry: pairwise distinct multisets,
  exactly as many as there are (``C(2T + d1 − 1, d1)``, or ``Π_groups C(T + g − 1, g)``; ``T`` topes).
* ``landscape-local-minimum`` ``{weights, output?, loss, spurious}``: the point is a local minimum of loss
  ``loss``.  Its *stratum* is its faces ``f_j = sign(X w_j)`` and signs ``s_j = sign z_j``; the topes adjacent to
  ``w_j`` are those ``t ≥ f_j`` (agreeing off the walls ``W_j = {i : f_ji = 0, x_i ≠ 0}``), ``g_j(t) = Σ_i c_i(t)
  r_i x_i``.  The point is a local minimum iff per unit (``exactrelu/landscape/minima.py``): ``s_j ≠ 0``: ``g_j(t) =
  Σ_{i ∈ W_j} μ s_j t_i x_i`` with ``μ ≥ 0`` for every adjacent ``t`` (KKT of the convex piece; conversely a
  Farkas direction descends moving ``w_j`` alone); ``s_j = 0``: ``g_j(t) = 0`` for every adjacent ``t`` (else
  ``z_j = ∓ε`` with ``w_j`` moved into the open cone of ``t`` descends at first order).  Sufficiency: a nearby
  point changes the output by ``Σ_j δ_j`` with ``<r, δ_j> ≥ 0`` each, and ``ΔL = <r, Σδ_j> + ½||Σδ_j||²``.  On a
  stratum ``r`` is affine in ``R``, so these conditions are one mixed linear system in ``(R, μ)``
  (:func:`stratum`); evidence ``point``: a solution with ``R = z ⊙ W``.  ``spurious`` true: evidence ``lower``, a
  point of strictly smaller loss (forward pass), so this local minimum is not global.
* ``landscape-no-spurious`` ``{}``: every local minimum has loss ``q``, the value of an earlier
  ``landscape-global-minimum`` step (evidence ``global``).  *Faces*: every covector ``X`` is the meet of two
  topes, ``X = (X∘T) ∧ (X∘(−T))`` (composition and negation of covectors), so the kernel forms all meets; a meet
  is a face if ``faces[X]`` is a point of it, and otherwise must be refuted by a tope ``T`` with ``X∘T`` no tope
  (a covector's composition with a tope always is one: ``w_X + εw_T``).  *Strata* (a face and a sign in
  ``{+, −, 0}`` per unit, or ``sign v_j``), complete up to symmetry as above: each stratum's system is infeasible
  (Motzkin multipliers: no local minimum there) or has a solution of loss ``q``.  The solutions of one stratum
  form a convex set of local minima, and along a segment of it ``L`` is a convex quadratic each of whose
  points is a local minimum, hence constant: every local minimum of the stratum has loss ``q``.
"""

from collections import Counter
from math import comb, prod

from . import Context, Rule
from .kmtm import _REAL, _jacobian
from .model import Instance, model
from .parse import Obj, fmt, signs
from .rules import ONE, ZERO, Matrix, Vector, block, cone, dot, identity, matmul, need, sign, system, topes, transpose

MODEL = model(activation="relu leaky", loss="squared", depth="shallow", output="fixed trainable", **_REAL)


def _slopes(inst: Instance, faces: list[list[int]]) -> Matrix:
    """``∂r/∂R`` on the cones of ``faces`` (a sign vector per unit): row ``(j, m)``, column ``i``: ``c_i(f_j) x_im``
    (:func:`.kmtm._jacobian` of the 0/1 pattern ``f_j > 0`` with every output weight 1)."""
    return _jacobian(inst, [[[int(c > 0) for c in f] for f in faces]], [ONE] * len(faces))


def _at(w: list, z: list) -> str:
    return "W = " + ", ".join("(" + ", ".join(map(fmt, v)) + ")" for v in w) + f", z = ({', '.join(map(fmt, z))})"


def _params(inst: Instance, o: Obj, ctx: Context) -> tuple[Matrix, Vector, object]:
    """``(W, z)`` of ``o`` (read last: ``o`` is done; ``z`` is the instance's fixed output, or read if trainable)
    and their loss ``½ Σ_i (Σ_j z_j σ(<w_j, x_i>) − y_i)²`` by a forward pass (``σ(s) = max(s, αs)``, ``0 ≤ α < 1``).
    Paid for twice: ``d1·n`` products per pass is not paid by the point's size, and a local minimum's faces are the
    same products again."""
    ctx.spend(2 * inst.d1 * inst.n * inst.d)
    w, z = o.matrix("weights", inst.d1, inst.d), inst.output or o.vector("output", inst.d1)
    return o.done() or w, z, sum(((sum((zj * max(s, inst.alpha * s) for wj, zj in zip(w, z, strict=True) for s in [
        dot(wj, x)]), ZERO) - y) ** 2 for x, y in zip(inst.points, inst.targets, strict=True)), ZERO) / 2


def _topes(inst: Instance, ev: Obj, ctx: Context) -> dict[str, list[int]]:
    """The topes of rule 4 (evidence ``topes``), sign string → sign vector, sorted: the order of the μ blocks."""
    found = topes(inst.points, o := ev.obj("topes"), ctx.spend)
    return o.done() or {t: signs(t, o.path, inst.n) for t in sorted(found)}


def _entries(inst: Instance, ev: Obj, key: str, allowed: dict[str, list[int]], alphabet: str):
    """The pieces (or strata) of ``ev[key]``: per unit a sign vector ``faces[j]`` from ``allowed`` and, for
    trainable output, a sign from ``alphabet``; distinct up to permuting interchangeable units, all of them.
    Each entry is done once the caller has read the rest of it."""
    m, c, seen = len(allowed), len(alphabet), set()
    total = comb(c * m + inst.d1 - 1, inst.d1) if inst.output is None else \
        prod(comb(m + g - 1, g) for g in Counter(inst.output).values())
    for i, raw in enumerate(ev.array(key, total)):
        e = Obj(raw, f"{ev.path}.{key}[{i}]")
        fs = e.array("faces", inst.d1)
        need(all(f in allowed for f in fs), f"{e.path}.faces", "every unit's sign vector must be in the list")
        s = [sign(v) for v in inst.output] if inst.output else e.signs("signs", inst.d1, alphabet)
        label = tuple(sorted(zip(inst.output or s, fs, strict=True)))
        need(label not in seen, e.path, "listed twice (up to permuting interchangeable units)")
        seen.add(label)
        yield e, [allowed[f] for f in fs], s
        e.done()


def stratum(inst: Instance, faces: list, s: list, ts: dict[str, list[int]], ctx: Context) -> tuple:
    """The local-minimum conditions of the stratum of ``faces`` (a sign vector per unit) and ``s`` (the signs
    ``s_j`` of ``z_j``) as rows ``[a…, b]`` (strict, weak, equal: ``a·x (>, ≥, =) b``) in the unknowns
    ``x = (R_1 … R_d1, μ)``, ``μ`` per unit ``s_j ≠ 0``, adjacent tope (sorted), wall point; and the residuals
    as rows ``[a…, y_i]`` (``r_i = a·x − y_i``).  Row order as ``exactrelu.landscape``'s."""
    d, d1, pts = inst.d, inst.d1, inst.points
    ctx.spend(d1 * (len(ts) + 1) * inst.n)  # the walls and the adjacency scan, before the rows are paid for below
    walls = [[i for i, c in enumerate(f) if not c and any(pts[i])] for f in faces]
    adj = [[t for t in ts.values() if all(c in (0, u) for c, u in zip(f, t, strict=True))] for f in faces]
    blocks = [(j, t) for j in range(d1) if s[j] for t in adj[j]]
    k = d1 * d + sum(len(walls[j]) for j, _ in blocks)
    ctx.spend((k + 1) * inst.n * (d1 * inst.n + d * sum(map(len, adj)) + k))
    res = [[*col, *[ZERO] * (k - d1 * d), y]
           for col, y in zip(transpose(_slopes(inst, faces), inst.n), inst.targets, strict=True)]
    strict = [block([sj * c * v for v in x], j * d, k) for j, (f, sj) in enumerate(zip(faces, s, strict=True)) if sj
              for x, c in zip(pts, f, strict=True) if c]  # s_j f_ji <R_j, x_i> > 0
    # <R_j, x_i> = 0 on the walls, or R_j = 0
    equal = [block(r, j * d, k) for j, sj in enumerate(s) for r in ([pts[i] for i in walls[j]] if sj else identity(d))]
    weak, col = [block(r, d1 * d, k) for r in identity(k - d1 * d)], d1 * d  # μ ≥ 0
    for j, t in blocks:  # g_j(t) = Σ_i c_i(t) r_i x_i (one row per coordinate m) = Σ_{i ∈ W_j} μ s_j t_i x_i
        equal += [[a - b for a, b in zip(g, block([s[j] * t[i] * pts[i][m] for i in walls[j]], col, k),
                                         strict=True)] for m, g in enumerate(matmul(_slopes(inst, [t]), res, k + 1))]
        col += len(walls[j])
    equal += [g for j in range(d1) if not s[j] for t in adj[j] for g in matmul(_slopes(inst, [t]), res, k + 1)]
    return strict, weak, equal, k, res


def global_minimum(inst: Instance, claim: Obj, ev: Obj, ctx: Context) -> str:
    q, ts = claim.rational("value"), _topes(inst, ev, ctx)
    w, z, got = _params(inst, ev.obj("attained"), ctx)
    need(got == q, f"{ev.path}.attained", "the point's loss (forward pass) is not the value", fmt(q), fmt(got))
    coords = transpose(inst.points, inst.d)  # coordinate m of every point
    for e, tj, s in _entries(inst, ev, "pieces", ts, "+-"):
        ctx.spend(inst.d1 * inst.n * inst.d)
        R, mu = e.matrix("R", inst.d1, inst.d), e.matrix("multipliers", inst.d1, inst.n)
        need(all(v >= 0 for row in mu for v in row), f"{e.path}.multipliers", "multipliers must be ≥ 0")
        jac, flat = _slopes(inst, tj), [v for Rj in R for v in Rj]
        r = [dot(a, flat) - y for a, y in zip(transpose(jac, inst.n), inst.targets, strict=True)]  # F(X) − y
        grad = [dot(row, r) for row in jac]  # ∇_{R_j} L_t = Σ_i c_i(t_j) r_i x_i
        need(grad == [s[j] * dot([u * c for u, c in zip(mu[j], t, strict=True)], x) for j, t in enumerate(tj)
                      for x in coords], f"{e.path}.multipliers", "∇_{R_j} L_t is not Σ_i μ_ji s_j t_ji x_i")
        bound = sum((v * v for v in r), ZERO) / 2 - dot(grad, flat)  # L_t(R) − Σ μ_ji a_ji·R_j
        need(bound >= q, e.path, "the piece's lower bound is below the value", f"≥ {fmt(q)}", fmt(bound))
    return f"the global minimum of the loss ½Σ(F(x_i) − y_i)² is {fmt(q)}, attained at {_at(w, z)} " \
           f"({len(ev.array('pieces'))} pieces bounded below)"


def local_minimum(inst: Instance, claim: Obj, ev: Obj, ctx: Context) -> str:
    q, spurious, note = claim.rational("loss"), claim.boolean("spurious"), ""
    w, z, got = _params(inst, claim, ctx)
    need(got == q, f"{claim.path}.loss", "not the point's loss (forward pass)", fmt(got), fmt(q))
    faces = [[sign(dot(wj, x)) for x in inst.points] for wj in w]
    strict, weak, equal, k, _ = stratum(inst, faces, [sign(v) for v in z], _topes(inst, ev, ctx), ctx)
    R = [zj * v for wj, zj in zip(w, z, strict=True) for v in wj]
    pins = [[*row, r] for row, r in zip(identity(k), R, strict=False)]  # R = z ⊙ W
    need(system(strict, weak, equal + pins, k, ev), f"{ev.path}.point", "the evidence must be a solution")
    if spurious:  # a point of lower loss: this local minimum is not global
        lw, lz, low = _params(inst, ev.obj("lower"), ctx)
        need(low < q, f"{ev.path}.lower", "the lower point's loss is not below", f"< {fmt(q)}", fmt(low))
        note = f" (spurious: loss {fmt(low)} at {_at(lw, lz)})"
    return f"{_at(w, z)} is a local minimum with loss {fmt(q)}{note}"


def no_spurious(inst: Instance, claim: Obj, ev: Obj, ctx: Context) -> str:
    q = ctx.step(ev.raw("global"), f"{ev.path}.global", "landscape-global-minimum").rational("value")
    ts, fo = _topes(inst, ev, ctx), ev.obj("faces")
    ctx.spend(len(ts) ** 2 * inst.n)
    meets = sorted({"".join(a if a == b else "0" for a, b in zip(s, t, strict=True)) for s in ts for t in ts})
    for x in meets:
        if fo.has(x):  # a covector: its witness
            cone(inst.points, signs(x, fo.path, inst.n), Obj({"point": fo.raw(x)}, f"{fo.path}.{x}"))
        else:  # no covector: X∘T is no tope for some tope T
            need(any(ctx.spend(inst.n) or "".join(a if a != "0" else b for a, b in zip(x, t, strict=True)) not in
                     ts for t in ts), fo.path, "a meet of two topes is a face: it must be listed", x, None)
    faces = fo.done() or {x: signs(x, fo.path, inst.n) for x in meets if fo.has(x)}
    for e, fs, s in _entries(inst, ev, "strata", faces, "+-0"):
        strict, weak, equal, k, res = stratum(inst, fs, s, ts, ctx)
        if system(strict, weak, equal, k, e):
            loss = sum(((dot(a[:k], e.vector("point", k)) - a[k]) ** 2 for a in res), ZERO) / 2
            need(loss == q, f"{e.path}.point", "a local minimum whose loss is not the global one", fmt(q), fmt(loss))
    return f"every local minimum has loss {fmt(q)}, the global minimum: no spurious local minimum " \
           f"({len(ev.array('strata'))} strata over {len(faces)} faces per unit)"


RULES = {f"landscape-{k}": Rule(MODEL, f) for k, f in (
    ("global-minimum", global_minimum), ("local-minimum", local_minimum), ("no-spurious", no_spurious))}
