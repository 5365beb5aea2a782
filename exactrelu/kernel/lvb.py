"""Semantics of the Laurent–von Brecht claims (SPEC §5): Hessians, separability, Definition 1, Clarke criticality.

Trusted: rules 1 (mixed linear systems, Motzkin) and 2 (rank) of :mod:`.rules`,
one exact forward pass, and three theorems: a local minimum is Clarke critical,
the strong maximum principle for harmonic functions, and that a convex
function's local minima are where 0 is in its subdifferential.  The network is LvB's eq. (4) on the raw points,
``x^(i,ℓ) = σ_α(W^(ℓ) x^(i,ℓ−1) + b^(ℓ))``, ``ŷ^(i) = V x^(i,L) + c`` (``b``,
``c`` iff the instance has ``bias``), with the hinge loss
``L = Σ_i μ_i Σ_{r ≠ r0(i)} max(0, arg_{i,r})`` where ``arg = 1 − y_i ŷ^(i)``
(binary ±1 targets, one output) or ``1 + ŷ_r − ŷ_{r0}`` (one-hot targets, R
outputs), weights ``μ = inst.weights``, ReLU (α = 0) or leaky ReLU (slope α).
A point ω is ``{"layers": [{"W", "b"}], "output": {"V", "c"}}``; the flat
order is W, b per layer, then V, c.  The signature ``S(ω)`` lists, point by
point, the signs of every pre-activation and every hinge argument.

The forward pass runs over truncated power series ``c0 + c1 t + c2 t²`` along a
ray ``ω + tδ``.  On a fixed cell ``u`` (each nonlinearity the identity or a
scaling, as ``u`` says) every operation is a ring operation, so the
coefficients are exact: ``c0 = L_u(ω)``, ``c1 = ∇L_u(ω)·δ``, ``c2 = ½ δᵀ∇²L_u(ω)δ``.
With the nonlinearities following the entries' own signs, the sign of an entry
for all small ``t > 0`` is that of its lowest nonzero coefficient (an entry
whose three coefficients vanish counts as 0, never as a sign), so a ray whose
signs have no zero enters the open cell of those signs: the cell is adjacent
to ω.  Every forward pass is paid for with ``ctx.spend``.

Null and affine entries (issue 16).  Without biases an entry whose inputs are
≡ 0 on the region the ray enters (a zero data point, or every unit of the
previous layer has sign − with ReLU, or is null) is ≡ 0 there: the pass gives it
sign 2 ("null"; σ_α(0) = 0, so either sign gives the same ``L_u``), and a ray
with no zero sign still enters an open region on which ``L = L_u``.  With
``δ = 0`` the region is a neighbourhood of ω: null entries of ``S(ω)`` are not
zeros to enumerate (Laurent–von Brecht's Lemma 1, N a null set, needs biases).
An entry is affine near ω if it is a first-layer entry or its inputs are ≡ 0
near ω (e.g. the hinge argument ``1 − y c`` of a point whose last hidden layer is
dead); the pass returns its ``c1 = ∇e(ω)·δ``, so ``P`` passes along the unit
vectors give its row ``∇e(ω)``.

Claims (all on hinge instances with a trainable output unless said):

* ``separable`` / ``not-separable`` ``{}``: the ±1-labelled points are (not)
  affinely separable: ``{(w, b) : y_i(<w, x_i> + b) > 0}`` non-empty (evidence
  ``point``) or empty (Motzkin ``multipliers``).  Any network, any loss.
* ``rare-data`` / ``generic-data`` ``{alpha, depth}``: Definition 1 for the
  claim's α and L, with biases (so ``bias = true`` is required): system (7)
  ``M_λ ε = 0`` in ``ε^(i,r) ∈ {0,1}``, ``r ≠ r0(i)`` (binary: classes +1 → 0,
  −1 → 1), rows (class, coordinate of ``(x, 1)``), entries ``λ_i μ_i (x_i,1)``.
  Rare: the offending ``lambda_exponents`` and ``epsilon`` are substituted.
  Generic: ``M_λ = M_1·diag(λ)``, so a rank certificate of ``M_1`` gives its
  kernel basis K (identity on ``kernel_rows`` F) and every solution is fixed by
  ``t = ε_F ∈ {0,1}^F`` and the λ of the points t touches; the kernel replays
  that finite search (paid per combination) and finds nothing.
* ``clarke-critical`` / ``not-clarke-critical`` ``{point, loss}``: ``0 ∈ ∂L(ω)
  = conv{∇L_u(ω) : Ω_u adjacent to ω}`` (Definition 2).  Critical: ``cells``
  ``[{ray, weight}]``, each ray proving its cell adjacent, convex weights with
  ``Σ θ ∇L_u(ω) = 0``.  Not critical: a ``direction`` g with ``∇L_u(ω)·g < 0`` on
  every cell ``u`` = ``S(ω)`` with its zeros replaced by signs τ, except the τ
  keyed in ``excluded`` (sign string → ``{strict, weak, equal}``), empty by
  Motzkin multipliers on the τ-signed zero entries affine near ω.  All
  ``2^{#zeros}`` τ (over the non-null zeros) are enumerated.  Why this is Clarke's ∂L: near ω every
  limiting gradient is ``∇L_u(ω)`` for a ``u`` agreeing with ``S(ω)`` off its
  zeros (entries vanishing on an open set give the same ``L_u`` for both
  signs), and an excluded τ is realised by no point at all.
* ``exact-penalty`` (one-hot targets) ``{replicates, gamma, loss,
  equal_replicates, penalised, two_class}``: Theorem 7 at replicates ``ω^(r)``
  of the binary one-versus-all losses ``L^(r)`` (targets ±1 for class r, same
  μ): ``E_γ = Σ_r L^(r)(ω^(r)) + γ R/(R−1) Σ_r ‖ω̌^(r) − ω̌̄‖²`` over the hidden
  parameters ω̌.  The ``L^(r)`` have disjoint variables and the penalty is
  smooth, so ``∂E_γ = Π_r (∂L^(r) + 2γR/(R−1)(ω̌^(r) − ω̌̄))``: ``penalised[r]``
  is the Clarke claim above with that shift, ``two_class[r]`` without (ii);
  each true / false with Clarke evidence, or null (undecided) without.
  ``E_γ`` is critical iff every ``penalised[r]`` is true.  ``equal_replicates``
  is (i).
* ``lvb-analysis`` ``{point, signature, loss, hessian, clarke, minimum, type,
  theorem6_violations}``: what ``exactrelu lvb`` prints, re-derived: the
  signature and the loss at ω; inside a cell, the Hessian ``∇²L_u(ω)`` (all
  entries, by polarisation), which must vanish where Theorem 1 forces it, and
  then is ``"indefinite"`` if nonzero (zero diagonal, Corollary 2) or
  ``"zero"`` (``null`` on the boundary set N); ``clarke`` critical /
  not-critical (evidence ``clarke`` as above) or undecided; Theorem 6's pairs
  (unsolved point i, unit k active on it with ``v_k ≠ 0``) for one hidden
  layer and binary targets, else ``null``.  ``minimum`` (local minimality):
  true if ``L(ω) = 0`` (``L ≥ 0``), or ω is inside a cell (no zero sign) and
  ``L_u`` is constant (harmonic, strong maximum principle: Corollary 1), or
  ``clarke`` is critical and every hinge entry ``≥ 0`` is affine near ω (then
  near ω ``L`` is a convex function of ``c``: critical iff a minimum); false if
  ``clarke`` is not-critical, or ω is inside a cell whose ``L_u`` is not
  constant, or evidence ``descent`` is a ray entering an open cell with loss
  series ``(c1, c2) <_lex (0, 0)``; null otherwise.  ``type`` ("I" / "II" /
  null), only at ``minimum: true`` with ``bias`` (Laurent–von Brecht's flat and
  sharp minima): "I" if ω is inside a flat cell or evidence ``flat`` is a ray
  entering one; "II" if every cell ``u`` (zeros ← τ) is not flat or is keyed
  in evidence ``sharp`` (Motzkin, as ``excluded``).  Flat (``L_u`` constant):
  ``L_u − const = Σ_{i,r} κ_ir ŷ_ir``, and path by path through the units its
  monomials are distinct, so it vanishes iff every path's weights
  ``κ_ir Π λ_i`` sum to 0 at every bias and ``Σ a_i x_i = 0`` at the input.
* ``lvb-multilinear-cells`` ``{points, cells, indefinite_hessians,
  failures}``: at the listed *distinct* points (the claim is about that set),
  ``cells`` lie in an open cell, at ``failures`` of them the Hessian of the
  cell loss is nonzero somewhere Theorem 1 forces a zero (within one block of
  ``W_ℓ, b_ℓ, V = W_{L+1}, c = b_{L+1}``; two biases; ``b_k`` with ``W_j``,
  ``j ≤ k``), and ``indefinite_hessians`` are nonzero with Theorem 1's zeros.
"""

import itertools
from collections.abc import Callable
from dataclasses import replace
from fractions import Fraction

from . import Context, Rule
from .model import Instance, model
from .parse import MAX_DIGITS, Obj, boolean, fmt
from .rules import ZERO, Vector, agree, cone, dot, need, rank, sign, sign_string, system

ONE, ANY = [Fraction(1), ZERO, ZERO], {"activation": "relu leaky", "depth": "shallow deep"}  # σ_α and L are read
LVB = model(**ANY, loss="hinge", output="trainable", bias="True False", targets="real onehot")
DATA = model(**ANY, loss="squared hinge", output="fixed trainable", bias="True False", targets="real")
DEF1 = model(**ANY, loss="hinge", output="fixed trainable", bias="True", targets="real onehot")
PENALTY = model(**ANY, loss="hinge", output="trainable", bias="True False", targets="onehot")


# ---------------------------------------------------------------- the network over Q[t]/(t³)
def _add(*xs: Vector) -> Vector:
    return [sum(c, ZERO) for c in zip(*xs, strict=True)]


def _mul(a: Vector, b: Vector) -> Vector:
    return [a[0] * b[0], a[0] * b[1] + a[1] * b[0], a[0] * b[2] + a[1] * b[1] + a[2] * b[0]]


def _dims(inst: Instance) -> list[int]:
    return [len(inst.raw[0]), *inst.hidden, len(inst.onehot[0]) if inst.onehot else 1]


def _run(ctx: Context, inst: Instance, flat: Vector, delta: Vector | None = None,
         cell: list[int] | None = None) -> tuple[list[int], Vector, list[Fraction | None]]:
    """The signs of all entries for small ``t > 0``, the loss series along ``ω + tδ``, and each entry's ``c1`` where
    it is affine on the region the ray enters (else None); the nonlinearities follow ``cell`` (a full signature: the
    polynomial ``L_u``) or, without it, the entries' own signs.  Sign 2 marks an entry null on that region.  The
    region of ``δ = 0`` is a neighbourhood of ω, and an entry affine near ω is affine on every ray's region, with
    ``c1 = ∇e(ω)·δ`` (its inputs are ≡ 0 there, or the data)."""
    ctx.spend(24 * inst.n * (len(flat) + 2))  # about the number of Fraction operations of one pass
    dims, signs, loss, lin = _dims(inst), [], [ZERO] * 3, []
    it = iter([[w, d, ZERO] for w, d in zip(flat, delta or [ZERO] * len(flat), strict=True)])  # δ = 0: at ω
    layers = [([[next(it) for _ in range(a)] for _ in range(b)], [next(it) for _ in range(b * inst.bias)])
              for a, b in zip(dims, dims[1:], strict=False)]

    def act(pre: Vector, slope: Fraction, null: bool, affine: bool) -> Vector:
        lin.append(pre[1] if affine else None)
        signs.append(2 if null else next((sign(c) for c in pre if c), 0))  # the lowest nonzero coefficient decides
        return pre if (signs[-1] if cell is None else cell[len(signs) - 1]) > 0 else [slope * c for c in pre]

    for i, x in enumerate(inst.raw):
        h, zero, first = [[v, ZERO, ZERO] for v in x], not any(x), True  # zero: the inputs are ≡ 0 on the region
        for W, b in layers[:-1]:
            h = [act(_add(*map(_mul, row, h), *b[k:k + 1]), inst.alpha, zero and not inst.bias, first or zero)
                 for k, row in enumerate(W)]
            zero, first = all((not inst.alpha and s < 0) or (zero and not inst.bias) for s in signs[-len(W):]), False
        y = [_add(*map(_mul, row, h), *layers[-1][1][r:r + 1]) for r, row in enumerate(layers[-1][0])]
        r0 = inst.onehot[i].index(1) if inst.onehot else -1
        args = [_add(ONE, [-inst.targets[i] * v for v in y[0]])] if r0 < 0 else \
            [_add(ONE, y[r], [-v for v in y[r0]]) for r in range(len(y))]
        for r, a in enumerate(args):  # the hinge max(0, ·) of every argument but r0's (which is 1)
            loss = _add(loss, [inst.weights[i] * (r != r0) * v for v in act(a, ZERO, False, zero or r == r0)])
    return signs, loss, lin


def _flat(ctx: Context, inst: Instance, u: list[int]) -> bool:
    """``L_u`` is constant.  ``L_u − const = Σ_{i,r} κ_ir ŷ_ir``, and path by path through the units its monomials
    are distinct, so it vanishes iff for every path the weights ``a_i = κ_ir Π λ_i`` (λ = 1 or α as ``u`` says)
    have ``Σ a_i = 0`` at every bias and ``Σ a_i x_i = 0`` at the input."""
    dims, D = _dims(inst), sum(_dims(inst)[1:])

    def zero(a: Vector, ell: int) -> bool:  # Σ_i a_i x^(i,ℓ) ≡ 0 as polynomials (ℓ = 0: the data)
        ctx.spend(inst.n * (dims[ell] + 1))
        if not ell:
            return all(dot(a, [x[j] for x in inst.raw]) == 0 for j in range(dims[0]))
        lam = [[q * (inst.alpha if u[i * D + sum(dims[1:ell]) + k] < 0 else 1) for i, q in enumerate(a)]
               for k in range(dims[ell])]
        return all((not inst.bias or sum(b) == 0) and zero(b, ell - 1) for b in lam)
    # κ_ir = μ_i Σ_q [arg_iq active] ∂arg_iq/∂ŷ_r: −y_i (binary), [r = q] − [r = r0] (one-hot, q ≠ r0)
    kappa = [[inst.weights[i] * sum((u[i * D + D - dims[-1] + q] > 0 and q != r0) * (-inst.targets[i] if r0 < 0 else
              (r == q) - (r == r0)) for q in range(dims[-1])) for i, r0 in enumerate(
              [row.index(1) for row in inst.onehot] if inst.onehot else [-1] * inst.n)] for r in range(dims[-1])]
    return all((not inst.bias or sum(a) == 0) and zero(a, len(dims) - 2) for a in kappa)


def _point(inst: Instance, obj: Obj) -> Vector:
    """ω in the flat order, every block read with its shape (``b``, ``c`` iff ``bias``)."""
    dims, flat, L = _dims(inst), [], len(inst.hidden)
    for ell, raw in enumerate([*obj.array("layers", L), obj.raw("output")]):
        (w, b), lay = "Vc" if ell == L else "Wb", Obj(raw, f"{obj.path}.{'output' if ell == L else f'layers[{ell}]'}")
        flat += [q for row in lay.matrix(w, dims[ell + 1], dims[ell]) for q in row]
        flat += lay.vector(b, dims[ell + 1]) if inst.bias else []
        lay.done()
    return obj.done() or flat


def _tag(flat: Vector) -> str:
    return "ω = (" + ", ".join(map(fmt, flat)) + ")"


def _unit(p: int, P: int, q: int = -1) -> Vector:
    return [Fraction(k in (p, q)) for k in range(P)]


def _hessian(ctx: Context, inst: Instance, flat: Vector, cell: list[int]) -> str | None:
    """``H = ∇²L_u(ω)`` on the cell ``u`` of signature ``cell``: ``None`` if ``cell`` has a zero (ω on N),
    ``"broken"`` if ``H`` is nonzero where Theorem 1 forces a zero, else ``"indefinite"`` (``H ≠ 0``) or ``"zero"``.
    ``H_aa = 2 c2(e_a)``, ``H_ab = c2(e_a + e_b) − c2(e_a) − c2(e_b)``; V and c are the blocks ``W_{L+1}``,
    ``b_{L+1}``."""
    if not all(cell):
        return None
    dims, P = _dims(inst), len(flat)
    blocks = [(bias, ell) for ell in range(1, len(dims)) for bias, k in
              ((False, dims[ell] * dims[ell - 1]), (True, dims[ell] * inst.bias)) for _ in range(k)]
    d = [_run(ctx, inst, flat, _unit(a, P), cell)[1][2] for a in range(P)]
    # H_ab off the diagonal with the blocks of a and b, sorted: a W block (False) before a bias block
    off = [(_run(ctx, inst, flat, _unit(a, P, b), cell)[1][2] - d[a] - d[b], *sorted([blocks[a], blocks[b]]))
           for a, b in itertools.combinations(range(P), 2)]
    ok = not any(d) and all(not h or (not ba and (la > lb if bb else la != lb)) for h, (ba, la), (bb, lb) in off)
    return ("indefinite" if any(h for h, _, _ in off) else "zero") if ok else "broken"  # ok: the diagonal is zero


def separable(inst: Instance, claim: Obj, ev: Obj, ctx: Context) -> str:
    """``separable`` (want a point) or ``not-separable`` (want multipliers)."""
    want = claim.value["kind"] == "separable"
    need(all(t in (1, -1) for t in inst.targets), "$.instance.data.targets", "separability needs targets ±1")
    ctx.spend(inst.n * inst.d)
    need(cone([[*x, 1] for x in inst.raw], inst.targets, ev) == want, ev.path, "the evidence proves the opposite")
    return f"the {inst.n} points with targets ±1 are {'' if want else 'not '}affinely separable"


# ---------------------------------------------------------------- Definition 1
def _system7(inst: Instance, claim: Obj, ctx: Context) -> tuple[Fraction, int, list[int], list[Vector]]:
    """α, L, the point of each slot ``(i, r)`` (``r ≠ r0``) and ``M_1``: ``R²·d·n`` entries for ``n·(R + d)`` of
    instance, so paid for (twice: rare data evaluates it once) before it is built."""
    alpha, depth, R = claim.rational("alpha"), claim.integer("depth", 1, 64), _dims(inst)[-1] + (not inst.onehot)
    need(0 < alpha < 1, f"{claim.path}.alpha", "Definition 1 takes 0 < α < 1", None, fmt(alpha))
    need(depth * alpha.denominator.bit_length() <= 3 * MAX_DIGITS, claim.path, "α^L within the digit limit")
    r0 = [row.index(1) for row in inst.onehot] if inst.onehot else [int(t < 0) for t in inst.targets]
    slots = [(i, r) for i in range(inst.n) for r in range(R) if r != r0[i]]
    ctx.spend(2 * R * inst.d * len(slots))
    M = [[inst.weights[i] * inst.points[i][c] * ((r0[i] == cls) - (r == cls)) for i, r in slots]
         for cls in range(R) for c in range(inst.d)]
    return alpha, depth, [i for i, _ in slots], M


def rare_data(inst: Instance, claim: Obj, ev: Obj, ctx: Context) -> str:
    alpha, depth, pt, M = _system7(inst, claim, ctx)
    ks, eps = ev.indices("lambda_exponents", depth + 1), ev.signs("epsilon", len(pt), "01")
    need(len(ks) == inst.n and any(eps), ev.path, "one exponent per point and a non-zero ε")
    v = [alpha ** ks[i] * e for i, e in zip(pt, eps, strict=True)]
    need(all(dot(row, v) == 0 for row in M), ev.path, "M_λ ε ≠ 0: system (7) fails")
    return f"the weighted data are rare for α = {fmt(alpha)}, L = {depth} (Definition 1): λ = α^{ks}, ε ≠ 0 solve (7)"


def generic_data(inst: Instance, claim: Obj, ev: Obj, ctx: Context) -> str:
    alpha, depth, pt, M = _system7(inst, claim, ctx)
    m, r = len(pt), ev.integer("rank", 0, len(pt))
    ctx.spend(len(M) * m * m)
    rank(M, m, r, ev)
    K, free = ev.matrix("kernel", m if m - r else 0, m - r), ev.indices("kernel_rows", m)
    pw, pivots = [alpha ** k for k in range(depth + 1)], [p for p in range(m) if p not in free]
    power = {q: k for k, q in enumerate(pw)}
    for t in itertools.product((0, 1), repeat=m - r):
        on = [c for c in range(m - r) if t[c]]
        touched = sorted({pt[free[c]] for c in on})
        for ks in itertools.product(range(depth + 1), repeat=len(touched)) if on else ():
            ctx.spend(4 * len(pivots) * len(on) + 4)
            lam = dict(zip(touched, ks, strict=True))
            sums = ((p, sum((K[p][c] * pw[lam[pt[free[c]]]] for c in on), ZERO)) for p in pivots)
            # ε_p = 0 (s = 0) or ε_p = 1 with s = λ of p's point, a power of α (the first pivot fixes it)
            need(not all(not s or lam.setdefault(pt[p], power.get(s, -1)) == power.get(s, -2) for p, s in sums),
                 ev.path, "a 0/1 solution of system (7) exists: the data are rare", None, [t, lam])
    return f"the weighted data are generic for α = {fmt(alpha)}, L = {depth} (Definition 1): rank M_1 = {r}, " \
           f"no (λ, ε) solves (7)"


# ---------------------------------------------------------------- Clarke criticality
def _critical(ctx: Context, inst: Instance, flat: Vector, ev: Obj, shift: Vector) -> bool:
    """Replay evidence that ``0 ∈ conv{∇L_u(ω) + s : Ω_u adjacent}`` (True) or not (False)."""
    if ev.has("cells"):
        total, combo, P = ZERO, [ZERO] * len(flat), len(flat)
        for k, raw in enumerate(ev.array("cells")):
            item = Obj(raw, f"{ev.path}.cells[{k}]")
            u, theta = _run(ctx, inst, flat, item.vector("ray", P))[0], item.rational("weight")
            need(all(u) and theta >= 0 and not item.done(), item.path, "the ray must enter an open cell, weight ≥ 0")
            total, combo = total + theta, [g + theta * (_run(ctx, inst, flat, _unit(p, P), u)[1][1] + s)
                                           for p, (g, s) in enumerate(zip(combo, shift, strict=True))]
        need(total == 1 and not any(combo), ev.path, "the weights sum to 1 and Σ θ ∇L_u(ω) = 0")
        return ev.done() or True
    g, lift = ev.vector("direction", len(flat)), dot(shift, ev.vector("direction", len(flat)))
    _cells(ctx, inst, flat, ev.obj("excluded"), lambda u: _run(ctx, inst, flat, g, u)[1][1] + lift < 0,
           "∇L_u(ω)·g is not negative on a cell that may be adjacent")
    return ev.done() or False


def _cells(ctx: Context, inst: Instance, flat: Vector, exc: Obj, ok: Callable[[list[int]], bool], check: str) -> None:
    """Every cell ``u`` = S(ω) with its zeros ← τ satisfies ``ok(u)``, but the τ keyed in ``exc`` (sign string →
    ``{strict, weak, equal}``): those are empty near ω by Motzkin multipliers on the τ-signed zero entries that are
    affine near ω (rows ``∇e(ω)``, by P passes)."""
    (sig, _, lin), P = _run(ctx, inst, flat), len(flat)
    zeros = [e for e, s in enumerate(sig) if not s]
    grads = [_run(ctx, inst, flat, _unit(p, P))[2] for p in range(P)] if zeros else []
    for tau in itertools.product((1, -1), repeat=len(zeros)):
        key, u = sign_string(tau), [s or next(it) for it in [iter(tau)] for s in sig]  # S(ω), zeros ← τ
        rows = [[t * d[e] for d in grads] + [ZERO] for t, e in zip(tau, zeros, strict=True) if lin[e] is not None]
        need(not system(rows, [], [], P, Obj({"multipliers": exc.raw(key)}, f"{exc.path}.{key}")) if exc.has(key)
             else ok(u), exc.path, check, None, key)
    exc.done()


def clarke(inst: Instance, claim: Obj, ev: Obj, ctx: Context) -> str:
    """``clarke-critical`` (want True) or ``not-clarke-critical``."""
    want, flat = claim.value["kind"] == "clarke-critical", _point(inst, claim.obj("point"))
    loss = _run(ctx, inst, flat)[1][0]
    need(claim.rational("loss") == loss, f"{claim.path}.loss", "L(ω) differs", fmt(loss), claim.value["loss"])
    need(_critical(ctx, inst, flat, ev, [ZERO] * len(flat)) == want, ev.path, "the evidence proves the opposite")
    return f"{_tag(flat)} with L(ω) = {fmt(loss)} is {'' if want else 'not '}Clarke critical (Definition 2)"


def exact_penalty(inst: Instance, claim: Obj, ev: Obj, ctx: Context) -> str:
    R, gamma = _dims(inst)[-1], claim.rational("gamma")
    need(gamma > 0, f"{claim.path}.gamma", "Theorem 7 needs γ > 0")
    nets = [replace(inst, onehot=None, targets=[Fraction(2 * row[r] - 1) for row in inst.onehot]) for r in range(R)]
    flats = [_point(n, Obj(p, f"{claim.path}.replicates[{r}]")) for r, (n, p) in enumerate(zip(
        nets, claim.array("replicates", R), strict=True))]
    k, c = len(flats[0]) - inst.hidden[-1] - inst.bias, gamma * R / (R - 1)  # the hidden parameters ω̌ come first
    mean = [sum(col, ZERO) / R for col in zip(*(f[:k] for f in flats), strict=True)]
    dev = [[a - m for a, m in zip(f[:k], mean, strict=True)] for f in flats]  # ω̌^(r) − ω̌̄
    shifts = [[2 * c * v for v in d] + [ZERO] * (len(f) - k) for d, f in zip(dev, flats, strict=True)]
    loss = sum(_run(ctx, n, f)[1][0] for n, f in zip(nets, flats, strict=True)) + c * sum(v * v for d in dev for v in d)
    need(claim.rational("loss") == loss, f"{claim.path}.loss", "E_γ differs", fmt(loss), claim.value["loss"])
    agree(claim, boolean, equal_replicates=(equal := not any(map(any, dev))))  # (i)
    for key, sh in (("penalised", shifts), ("two_class", [[ZERO] * len(f) for f in flats])):
        says, proofs = claim.array(key, R), ev.array(key, R)
        for r in range(R):
            ok = says[r] is None and proofs[r] is None or isinstance(says[r], bool) and proofs[r] is not None and \
                _critical(ctx, nets[r], flats[r], Obj(proofs[r], f"{ev.path}.{key}[{r}]"), sh[r]) == says[r]
            need(ok, f"{ev.path}.{key}[{r}]", "the evidence proves the opposite (true/false need evidence, null none)")
    crit = "critical" if all(pen := claim.value["penalised"]) else "not critical" if False in pen else "undecided"
    return f"E_γ (γ = {fmt(gamma)}, R = {R}) = {fmt(loss)} at the replicates: {crit} (0 ∈ ∂L^(r) + ∇_r(γ𝓡): " \
           f"{pen}); replicates equal: {equal}; 0 ∈ ∂L^(r)(ω^(r)): {claim.value['two_class']} (Theorem 7)"


# ---------------------------------------------------------------- lvb-analysis, lvb-multilinear-cells
def analysis(inst: Instance, claim: Obj, ev: Obj, ctx: Context) -> str:
    flat = _point(inst, claim.obj("point"))
    (sig, loss, lin), P, D = _run(ctx, inst, flat), len(flat), sum(_dims(inst)[1:])
    word, hess = sign_string([s * (s < 2) for s in sig]), _hessian(ctx, inst, flat, sig)
    need(claim.string("signature") == word and claim.rational("loss") == loss[0], claim.path,
         "signature or loss misreported", [word, fmt(loss[0])], [claim.value["signature"], claim.value["loss"]])
    need(hess != "broken", f"{claim.path}.hessian", "the Hessian breaks Theorem 1's zeros: no verdict is derivable")
    need(claim.raw("hessian") == hess, f"{claim.path}.hessian", "Hessian verdict wrong", hess, claim.value["hessian"])
    verdict = claim.string("clarke", ("critical", "not-critical", "undecided"))
    need(verdict == "undecided" or _critical(ctx, inst, flat, ev.obj("clarke"), [ZERO] * len(flat)) ==
         (verdict == "critical"), f"{ev.path}.clarke", "the evidence proves the opposite")
    m, kind, inside, D = claim.raw("minimum"), claim.raw("type"), all(sig), sum(_dims(inst)[1:])
    d = _run(ctx, inst, flat, ev.vector("descent", P)) if m is False and ev.has("descent") else ([0], [ZERO] * 3)
    # a minimum: L ≥ 0; inside a cell, L_u harmonic; or critical with every hinge entry ≥ 0 affine near ω (L convex)
    need(m is None or ((loss[0] == 0 or (_flat(ctx, inst, sig) if inside else verdict == "critical" and all(
        lin[e] is not None or sig[e] < 0 for e in range(len(sig)) if e % D >= D - _dims(inst)[-1]))) if m else (
        verdict == "not-critical" or (inside and not _flat(ctx, inst, sig)) or all(d[0]) and d[1][1:] < [0, 0])),
         f"{claim.path}.minimum", "unproved: none of the cases of a local minimum / of a descent ray applies")
    need(isinstance(m, bool | type(None)) and kind in ("I", "II", None) and (kind is None or m is True and inst.bias),
         claim.path, "minimum true / false / null; type I / II only at a minimum, with bias", None, [m, kind])
    u = _run(ctx, inst, flat, ev.vector("flat", P))[0] if kind == "I" and not inside else sig
    need(kind != "I" or all(u) and _flat(ctx, inst, u), claim.path, "no flat cell at ω or entered by the ray")
    if kind == "II":  # every cell near ω not flat, or empty
        _cells(ctx, inst, flat, ev.obj("sharp"), lambda u: not _flat(ctx, inst, u), "a flat cell is not excluded")
    d1, v0 = inst.hidden[0], inst.hidden[0] * (len(inst.raw[0]) + inst.bias)  # v_k is flat[v0 + k]
    pairs = [[i, k] for i in range(inst.n) for k in range(d1) if sig[i * (d1 + 1) + d1] > 0 and sig[i * (d1 + 1) + k]
             == 1 and flat[v0 + k]] if len(inst.hidden) == 1 and not inst.onehot else None
    need(repr(claim.raw("theorem6_violations")) == repr(pairs), f"{claim.path}.theorem6_violations",
         "Theorem 6's pairs (unsolved point, active unit with v ≠ 0) wrong", pairs, claim.value["theorem6_violations"])
    return f"at {_tag(flat)}: S(ω) = {word}, L(ω) = {fmt(loss[0])}, Hessian {hess or 'none (boundary)'}, " \
           f"Clarke {verdict}, local minimum {m}, type {kind}, Theorem 6 pairs {pairs}"


def multilinear_cells(inst: Instance, claim: Obj, ev: Obj, ctx: Context) -> str:
    flats = [_point(inst, Obj(p, f"{claim.path}.points[{k}]")) for k, p in enumerate(claim.array("points"))]
    need(len({tuple(f) for f in flats}) == len(flats) > 0, f"{claim.path}.points", "distinct points, at least one")
    found = [_hessian(ctx, inst, flat, _run(ctx, inst, flat)[0]) for flat in flats]
    cells, indefinite, failures = len(flats) - found.count(None), found.count("indefinite"), found.count("broken")
    agree(claim, cells=cells, indefinite_hessians=indefinite, failures=failures)
    return f"of the {len(flats)} listed distinct points ({'; '.join(map(_tag, flats))}), {cells} are in cells; " \
           f"∇²L_u has Theorem 1's zeros at all but {failures}, is indefinite at {indefinite}, zero at the others"


RULES = {"separable": Rule(DATA, separable), "not-separable": Rule(DATA, separable), "rare-data": Rule(DEF1, rare_data),
         "generic-data": Rule(DEF1, generic_data), "clarke-critical": Rule(LVB, clarke),
         "not-clarke-critical": Rule(LVB, clarke), "exact-penalty": Rule(PENALTY, exact_penalty),
         "lvb-analysis": Rule(LVB, analysis), "lvb-multilinear-cells": Rule(LVB, multilinear_cells)}
