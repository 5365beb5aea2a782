"""Semantics of Liu's claims (SPEC §4; Bo Liu, *Understanding Global Loss Landscape of One-hidden-layer ReLU
Networks, Part 1*): one hidden layer of ``d1`` units, trainable output ``z``, squared loss, bias either way,
ReLU or leaky ReLU (the slope enters only through ``M`` below; Liu's arguments hold verbatim), except for the
kinds about Liu's printed criterion (16)–(18), a statement about ReLU: ``liu-printed``, ``liu-discrepancy`` and
``liu-printed-agreement`` model ReLU only.

Trusted: rules 1 (mixed systems, Motzkin) and 3 (Penrose) of :mod:`.rules`, the checked steps
``region-nonempty`` and ``region-count`` of :mod:`.regions`, its cell systems and witness rule, and the one-layer
Jacobian of :mod:`.kmtm` (``M`` below is its transpose with ``v = 1``).  Every matrix is rebuilt here from the
instance and the claimed pattern ``A`` (``A[u][p] = 1``: unit ``u`` active on ``x_p``), never read from the evidence.

The cell quadratic.  With ``R_u = z_u w_u`` and slope ``c_up = 1`` (active) or ``α`` (inactive; ``α = 0``
for ReLU), the network output on ``x_p`` in the open cell ``S^A`` is ``Σ_u c_up <R_u, x_p>``, so the loss
is ``L_A(R) = ½ ||M R − y||²`` with row ``p`` of ``M`` equal to ``(c_1p x_pᵀ, …, c_{d1}p x_pᵀ)`` (Liu's
eq. 11, his ``A``, scaled by ``α`` on inactive points for leaky ReLU).  ``G_u = Σ_p c_up e_p x_p`` with
``e = M R − y`` is ``∂L_A/∂R_u``; ``G = 0`` are the normal equations.

* ``liu-cell-minimum`` ``{pattern, minimizer, basis, loss}``: ``M⁺`` (evidence ``pinv``, Penrose) gives the
  minimiser set ``M⁺y + span(basis)`` of ``L_A`` (Theorem 1, eqs. 12–14): ``minimizer = M⁺y``, ``loss`` its
  value, ``basis`` independent (identity rows ``basis_rows``), in ``ker M``, ``trace(I − M⁺M)`` of them.
* ``liu-genuine`` ``{pattern, genuine, loss?}``: true: a point ``(W, z)`` of the open cell with ``G = 0`` at
  ``R = z ⊙ W``: it minimises ``L_A`` on the cell, a local minimum of loss ``loss``.  False: for every sign
  choice ``s ∈ {+, −, 0}^{d1}`` Motzkin multipliers refute ``G = 0``, ``s_u (2A_up − 1)<R_u, x_p> > 0``
  (``s_u ≠ 0``), ``R_u = 0`` (``s_u = 0``): no minimiser is realised in the cell, and every local minimum in
  the open cell (where the loss is smooth) has ``G = 0`` (a unit with ``z_u = 0`` and ``G_u ≠ 0`` descends
  along ``z_u = t², w_u −= t G_u``), so the open cell holds no local minimum (SPEC §4, exact form of 15–18).
* ``liu-printed`` ``{pattern, holds}``: Liu's printed criterion (16)–(18): ``s ∈ {±}^{d1}``, ``G = 0``,
  ``s_u<R_u, x_p> > 0`` on active and ``≤ 0`` on inactive points: a point, or all ``2^{d1}`` refuted.
* ``liu-discrepancy`` ``{pattern, exact, printed, source}``: earlier ``region-nonempty``, ``liu-genuine`` and
  ``liu-printed`` steps on one pattern disagree; ``zero-output`` (only ``z_u = 0`` branches are genuine) if
  the exact verdict is yes, ``boundary`` (the printed point lies on a wall) if no.
* ``liu-printed-agreement`` ``{cells, disagreements}`` / ``liu-atlas`` ``{cells, min_loss,
  best_genuine_loss, walls, liu_walls}``: over the list of all non-empty cells, proved complete: an earlier
  ``region-count`` step (``T^{d1}`` by the kernel from a ``topes-complete`` step) and exactly that many
  entries, pairwise distinct, each a ``region-nonempty`` step; every step of an entry is about its pattern.
  The atlas adds per cell a ``liu-cell-minimum``, a ``liu-genuine`` and one ``liu-theorem3`` step for every
  ``(m, n)`` with ``A_mn = 0`` (all single-point walls), recounting each number.
* ``liu-theorem3`` ``{pattern, unit m, point n, holds, loss?}`` (``A_mn = 0``; Theorem 3, eqs. 27–30): ``D R
  = d`` (``G_j = 0`` for ``j ≠ m``, ``G_m ∥ x_n``, ``R_m·x_n = 0``), (29) ``z_m G_m·x_n < 0``, (30) ``z_m (G_m·x_n
  + (1 − α) e_n|x_n|²) > 0`` and the cell conditions off ``(m, n)``.  True: a point ``(W, z)`` meeting them,
  which is a non-differentiable local minimum (both one-sided quadratics are convex, their gradients vanish
  off block ``m`` and are ``∥ x_n`` on it, and (29)–(30) make both one-sided slopes across the wall positive).
  False: every ``s`` (``s_m ≠ 0``) refuted, i.e. *no point satisfies Liu's strict conditions on this wall*;
  degenerate local minima with a zero one-sided slope are NOT excluded (issue 16).
* ``liu-nondiff-system`` ``{pattern, unit, point, soluble}``: ``D R = d`` alone (a solution, or multipliers).
* ``liu-saddle`` ``{pattern, subset J, saddle}`` (Theorem 2, eqs. 19–21): true: ``(W, z)`` in the open cell,
  stationary, ``G_u = 0`` exactly for ``u ∈ J ≠`` all units (then ``z_u = t²``, ``w_u −= tG_u`` descends).  False:
  ``solution`` of ``J``'s normal equations fixes ``e``, then ``reason``: ``zero-gradient`` (some ``G_u = 0``,
  ``u ∉ J``), ``cone`` (``G_u·w = 0`` misses ``C(a_u)``) or ``signs`` (``J``'s minimisers never in its cells).
"""

from collections.abc import Callable
from fractions import Fraction

from . import Context, Rule
from .kmtm import ONE, _jacobian
from .model import Instance, model
from .parse import Obj, fmt
from .regions import _pattern, _signed, _witnessed
from .rules import ZERO, Matrix, Vector, agree, block, dot, identity, matmul, need, penrose, sign, system, transpose

_SETTING = {"loss": "squared", "depth": "shallow", "output": "trainable", "bias": "True False", "targets": "real"}
LIU, LIU_RELU = model(activation="relu leaky", **_SETTING), model(activation="relu", **_SETTING)


def _forms(inst: Instance, pat: list[list[int]], ctx: Context) -> tuple[Matrix, Matrix, int]:
    """Residual rows ``[M_p | y_p]`` (``e_p = M_p·R − y_p``; ``Mᵀ`` is the one-layer ``∇_W F`` of :mod:`.kmtm` with
    ``v = 1``) and gradient rows ``G_u[r] = Σ_p c_up x_p[r] e_p`` (``G = Mᵀe``), ``k = |pat|·d``."""
    k = len(pat) * inst.d
    ctx.spend((k + 1) * (k + 1) * inst.n)
    jac = _jacobian(inst, [pat], [ONE] * len(pat))
    e = [[*col, y] for col, y in zip(transpose(jac, inst.n), inst.targets, strict=True)]
    return e, matmul(jac, e, k + 1), k


def _val(row: Vector, r: Vector, k: int) -> Fraction:
    return dot(row[:k], r) - row[k]


def _loss(claim: Obj, e: Matrix, r: Vector, k: int, what: str = "the loss at the point") -> str:
    """``½ Σ_p e_p²`` at ``R = r``, which must be the claim's ``loss`` (returned as ``"p/q"``)."""
    loss = sum((_val(row, r, k) ** 2 for row in e), ZERO) / 2
    need(claim.rational("loss") == loss, f"{claim.path}.loss", f"not {what}", fmt(loss), claim.value["loss"])
    return fmt(loss)


def _sys(ctx: Context, strict: Matrix, weak: Matrix, equal: Matrix, k: int, ev: Obj) -> bool:
    return ctx.spend((len(strict) + len(weak) + len(equal) + 1) * (k + 1)) or system(strict, weak, equal, k, ev)


def _refuted(ev: Obj, width: int, alphabet: str, total: int, rows: Callable, k: int, ctx: Context,
             ok: Callable[[list[int]], bool] = lambda s: True) -> None:
    """Every sign choice (``total`` of them, each ``ok``, pairwise distinct) refuted by Motzkin multipliers."""
    refs = [Obj(raw, f"{ev.path}.refutations[{i}]") for i, raw in enumerate(ev.array("refutations"))]
    signs = [r.signs("signs", width, alphabet) for r in refs]
    allowed = {tuple(s) for s in signs if ok(s)}
    need(len(refs) == total == len(allowed), f"{ev.path}.refutations", "one refutation per allowed sign choice, "
         "none repeated", total, f"{len(refs)} refutations, {len(allowed)} distinct allowed sign choices")
    for r, s in zip(refs, signs, strict=True):
        need(not _sys(ctx, *rows(s), k, r), r.path, "a refutation carries Motzkin multipliers")
        r.done()


def _point(inst: Instance, pat: list[list[int]], ev: Obj, ctx: Context, wall=None) -> tuple[Matrix, Vector, Vector]:
    """``(W, z)`` from the evidence, ``W`` strictly inside the cell (on the wall ``<w_m, x_n> = 0`` if given),
    and ``R = z ⊙ W``."""
    _witnessed(inst, pat, ev, "weights", ctx, wall)
    w, z = ev.matrix("weights", inst.d1, inst.d), ev.vector("output", inst.d1)
    return w, z, [z[u] * v for u in range(inst.d1) for v in w[u]]


def _name(claim: Obj) -> str:
    return ",".join(claim.value["pattern"])


def cell_minimum(inst: Instance, claim: Obj, ev: Obj, ctx: Context) -> str:
    e, _, k = _forms(inst, _pattern(inst, claim), ctx)
    m, x = [row[:k] for row in e], ev.matrix("pinv", k, inst.n)  # M and the claimed M⁺
    ctx.spend(4 * k * inst.n * (k + inst.n))
    penrose(m, x, inst.n, k, f"{ev.path}.pinv")
    r0 = claim.vector("minimizer", k)
    need(r0 == [dot(row, inst.targets) for row in x], f"{claim.path}.minimizer", "the minimizer is not M⁺y")
    basis, rows = claim.matrix("basis", None, k), ev.indices("basis_rows", k)
    dim = k - sum((row[i] for i, row in enumerate(matmul(x, m, k))), ZERO)  # rank M = trace(M⁺M)
    need(len(basis) == dim and [[b[i] for b in basis] for i in rows] == identity(len(basis)), f"{claim.path}.basis",
         "not dim ker M = trace(I − M⁺M) vectors with an identity block at basis_rows", fmt(dim), len(basis))
    need(all(not any(dot(row, b) for row in m) for b in basis), f"{claim.path}.basis", "a vector not in ker M")
    return (f"in the cell {_name(claim)} the minimisers of L_A form M⁺y + a {len(basis)}-dimensional subspace "
            f"(Liu, Theorem 1), minimal loss {_loss(claim, e, r0, k, '½||M M⁺y − y||²')}")


def genuine(inst: Instance, claim: Obj, ev: Obj, ctx: Context) -> str:
    e, g, k = _forms(inst, pat := _pattern(inst, claim), ctx)
    if claim.boolean("genuine"):
        *_, r = _point(inst, pat, ev, ctx)
        need(not any(_val(row, r, k) for row in g), ev.path, "∂L_A/∂R ≠ 0 at R = z ⊙ W")
        return (f"the open cell {_name(claim)} holds a genuine differentiable local minimum of loss "
                f"{_loss(claim, e, r, k)}")
    _refuted(ev, inst.d1, "+-0", 3 ** inst.d1, _signed(inst, pat, k, g), k, ctx)
    return f"the open cell {_name(claim)} holds no local minimum: no minimiser of L_A is realised in it"


def printed(inst: Instance, claim: Obj, ev: Obj, ctx: Context) -> str:
    _, g, k = _forms(inst, pat := _pattern(inst, claim), ctx)
    rows = _signed(inst, pat, k, g, weak=True)
    if claim.boolean("holds"):
        need(_sys(ctx, *rows(ev.signs("signs", inst.d1, "+-")), k, ev), ev.path, "the evidence must be a point")
        return f"Liu's printed criterion (16)-(18) holds in the cell {_name(claim)}"
    _refuted(ev, inst.d1, "+-", 2 ** inst.d1, rows, k, ctx)
    return f"Liu's printed criterion (16)-(18) fails in the cell {_name(claim)}"


def discrepancy(inst: Instance, claim: Obj, ev: Obj, ctx: Context) -> str:
    exact, shown = claim.boolean("exact"), claim.boolean("printed")
    steps = [ctx.step(ev.raw(key), f"{ev.path}.{key}", kind, pattern=claim.raw("pattern")) for key, kind in
             (("cell", "region-nonempty"), ("exact", "liu-genuine"), ("printed", "liu-printed"))]
    need(steps[1].value["genuine"] == exact != shown == steps[2].value["holds"], claim.path,
         "the verdicts are not the steps' verdicts, or they agree")
    source = claim.string("source", ("zero-output", "boundary"))
    need(source == ("zero-output" if exact else "boundary"), f"{claim.path}.source", "wrong source")
    return (f"in the non-empty cell {_name(claim)} Liu's printed criterion says {'yes' if shown else 'no'}, the exact "
            f"condition {'yes' if exact else 'no'} ({source})")


def _cells(claim: Obj, ev: Obj, ctx: Context, kinds: dict[str, str], walls: bool = False) -> list[tuple[dict, list]]:
    """The complete list of non-empty cells: ``region-count`` entries, distinct, each ``region-nonempty``; per cell
    its steps of ``kinds`` and (with ``walls``) one ``liu-theorem3`` step per ``(m, n)`` with
    ``A_mn = 0``."""
    total = ctx.step(ev.raw("regions"), f"{ev.path}.regions", "region-count").count("count")
    need(claim.count("cells") == total, f"{claim.path}.cells", "not the region-count step's count", str(total),
         claim.value["cells"])
    out, seen = [], set()
    for i, raw in enumerate(ev.array("cells", total)):
        entry = Obj(raw, f"{ev.path}.cells[{i}]")
        pat = ctx.step(entry.raw("cell"), f"{entry.path}.cell", "region-nonempty").value["pattern"]
        need(tuple(pat) not in seen, entry.path, "a cell listed twice")
        seen.add(tuple(pat))
        steps = {key: ctx.step(entry.raw(key), f"{entry.path}.{key}", kind, pattern=pat) for key, kind in kinds.items()}
        got = [ctx.step(r, f"{entry.path}.walls[{j}]", "liu-theorem3", pattern=pat)
               for j, r in enumerate(entry.array("walls") if walls else [])]
        need(not walls or len(got) == sum(row.count("0") for row in pat) == len({(w.value["unit"], w.value["point"])
             for w in got}), f"{entry.path}.walls", "one liu-theorem3 step per (m, n) with A_mn = 0 of this cell")
        out.append((steps, got))
        entry.done()
    return out


def agreement(inst: Instance, claim: Obj, ev: Obj, ctx: Context) -> str:
    cells = _cells(claim, ev, ctx, {"exact": "liu-genuine", "printed": "liu-printed"})
    dis = sum(s["exact"].value["genuine"] != s["printed"].value["holds"] for s, _ in cells)
    agree(claim, disagreements=dis)
    return (f"in all {len(cells)} non-empty cells Liu's printed criterion (16)-(18) and the exact genuine-minimum "
            f"condition disagree in {dis}")


def atlas(inst: Instance, claim: Obj, ev: Obj, ctx: Context) -> str:
    cells = _cells(claim, ev, ctx, {"minimum": "liu-cell-minimum", "exact": "liu-genuine"}, walls=True)
    losses = [s["minimum"].rational("loss") for s, _ in cells]
    genuine_losses = [x for x, (s, _) in zip(losses, cells, strict=True) if s["exact"].value["genuine"]]
    walls, liu_walls = sum(len(w) for _, w in cells), sum(t.value["holds"] for _, w in cells for t in w)
    for key, values in (("min_loss", losses), ("best_genuine_loss", genuine_losses)):
        want = fmt(min(values)) if values else None
        need(claim.raw(key) == want, f"{claim.path}.{key}", "not the least over the listed cells", want)
    agree(claim, walls=walls, liu_walls=liu_walls)
    return (f"all {len(cells)} non-empty cells: least cell-minimal loss {claim.raw('min_loss')}, least genuine "
            f"minimum {claim.raw('best_genuine_loss')}; of the {walls} single-point walls (A_mn = 0) {liu_walls} "
            f"satisfy Liu's Theorem-3 conditions and no point satisfies them on the other {walls - liu_walls}")


def _wall(inst: Instance, claim: Obj, ctx: Context):  # noqa: ANN202 - the wall's objects
    """Pattern, ``m``, ``n``, residual rows, ``D`` rows (eqs. 27–28), the forms of (29) and (30), ``k``."""
    pat, m, n = _pattern(inst, claim), claim.integer("unit", 0, inst.d1 - 1), claim.integer("point", 0, inst.n - 1)
    need(pat[m][n] == 0, f"{claim.path}.pattern", "Theorem 3's cell 1 has unit m inactive on x_n")
    e, g, k = _forms(inst, pat, ctx)
    xn, nn, d = inst.points[n], dot(inst.points[n], inst.points[n]), inst.d
    first = [sum((xn[r] * g[m * d + r][i] for r in range(d)), ZERO) for i in range(k + 1)]  # G_m·x_n
    dmat = [g[j * d + r] if j != m else [xn[r] * a - nn * b for a, b in zip(first, g[j * d + r], strict=True)]
            for j in range(inst.d1) for r in range(d)] + [block(xn, m * d, k)]  # G_j = 0, G_m ∥ x_n, R_m·x_n = 0
    # the last form: G_m·x_n on the active side
    return pat, m, n, e, dmat, first, [a + (1 - inst.alpha) * nn * b for a, b in zip(first, e[n], strict=True)], k


def nondiff_system(inst: Instance, claim: Obj, ev: Obj, ctx: Context) -> str:
    *_, dmat, _, _, k = _wall(inst, claim, ctx)
    need(_sys(ctx, [], [], dmat, k, ev) == claim.boolean("soluble"), ev.path, "the evidence proves the opposite")
    return (f"Liu's system D R = d (eqs. 27-28) for unit {claim.value['unit']} on the wall of x_{claim.value['point']} "
            f"in the cell {_name(claim)} is {'' if claim.value['soluble'] else 'in'}soluble")


def theorem3(inst: Instance, claim: Obj, ev: Obj, ctx: Context) -> str:
    pat, m, n, e, dmat, first, second, k = _wall(inst, claim, ctx)
    rows = _signed(inst, pat, k, dmat, (m, n), lambda s: [[-s[m] * v for v in first], [s[m] * v for v in second]])
    where = f"unit {m} on the wall of x_{n} (cell {_name(claim)})"
    if claim.boolean("holds"):
        _, z, r = _point(inst, pat, ev, ctx, (m, n))
        need(_sys(ctx, *rows([sign(v) for v in z]), k, Obj({"point": [fmt(v) for v in r]}, ev.path)), ev.path,
             "not a solution of Liu's conditions")
        return (f"{where}: the point meets Liu's Theorem-3 conditions (27)-(30), a non-differentiable local minimum "
                f"of loss {_loss(claim, e, r, k)}")
    _refuted(ev, inst.d1, "+-0", 2 * 3 ** (inst.d1 - 1), rows, k, ctx, lambda s: s[m] != 0)
    return (f"{where}: no point satisfies Liu's printed Theorem-3 conditions (27)-(30) (strict; degenerate minima "
            "with a zero one-sided slope are not excluded)")


def saddle(inst: Instance, claim: Obj, ev: Obj, ctx: Context) -> str:
    pat, d, sub = _pattern(inst, claim), inst.d, claim.indices("subset", inst.d1)
    need(sub == sorted(set(sub)) and len(sub) < inst.d1, f"{claim.path}.subset", "increasing units, a proper subset")
    what = f"a Theorem-2 saddle with zero-gradient units {sub} in the open cell {_name(claim)}"
    if claim.boolean("saddle"):
        w, z, r = _point(inst, pat, ev, ctx)
        _, g, k = _forms(inst, pat, ctx)
        for u in range(inst.d1):
            gu = [_val(row, r, k) for row in g[u * d:(u + 1) * d]]
            need(dot(gu, w[u]) == 0 and (z[u] == 0 or not any(gu)) and any(gu) == (u not in sub),
                 f"{ev.path}.weights[{u}]", "not stationary (G_u·w_u = 0, z_u G_u = 0) with G_u = 0 exactly on J")
        return f"there is {what}: a stationary point that is not a local minimum"
    spat = [pat[j] for j in sub]
    e, g, k = _forms(inst, spat, ctx)
    r = ev.vector("solution", k)
    need(not any(_val(row, r, k) for row in g), f"{ev.path}.solution", "not a solution of J's normal equations")
    reason = ev.string("reason", ("zero-gradient", "cone", "signs"))
    if reason == "signs":
        need(bool(sub), f"{ev.path}.reason", "the empty subset has no sign choices")
        _refuted(ev, len(sub), "+-0", 3 ** len(sub), _signed(inst, spat, k, g), k, ctx)
        return f"there is no {what}: J's minimisers are never realised in its cells"
    u = ev.integer("unit", 0, inst.d1 - 1)
    need(u not in sub, f"{ev.path}.unit", "the unit lies off J")
    gu = [dot(col, [_val(row, r, k) for row in e]) for col in _jacobian(inst, [[pat[u]]], [ONE])]  # G_u = Σ c e x
    # cone: G_u·w = 0 misses the open cone C(a_u): the cell system of unit u alone, with that equation, is empty
    need(not any(gu) if reason == "zero-gradient" else not _sys(ctx, *_signed(inst, [pat[u]], d, [[*gu, ZERO]])([1]),
         d, ev), f"{ev.path}.unit", f"{reason}: G_u ≠ 0, or no Motzkin multipliers for the cell system with G_u·w = 0")
    return f"there is no {what} (unit {u}: {reason})"


# LIU_RELU: Liu's printed criterion is a statement about ReLU
RULES = {k: Rule(m, f) for k, m, f in (
    ("liu-cell-minimum", LIU, cell_minimum), ("liu-genuine", LIU, genuine), ("liu-printed", LIU_RELU, printed),
    ("liu-discrepancy", LIU_RELU, discrepancy), ("liu-printed-agreement", LIU_RELU, agreement),
    ("liu-atlas", LIU, atlas), ("liu-nondiff-system", LIU, nondiff_system), ("liu-theorem3", LIU, theorem3),
    ("liu-saddle", LIU, saddle))}
