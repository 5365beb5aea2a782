"""Kernel claims for Laurent–von Brecht (SPEC §5): Hessians, separability, rare data, Clarke criticality.

Standard library only.  Everything is replayed from the instance mapping and
a parameter point (``{"layers": [{"W", "b"}], "output": {"V", "c"}}``) by an
exact forward pass whose entries are polynomials in one variable ``t``
(lists of Fractions): along a ray ``ω + tδ`` the signs for small ``t > 0`` are
the signs of the lowest-order nonzero coefficients, and on a fixed cell ``u``
the loss ``L_u(ω + tδ)`` is a polynomial whose ``t``- and ``t²``-coefficients
are ``∇L_u(ω)·δ`` and ``½ δᵀ∇²L_u(ω)δ``.

Claims:

- ``hessian-indefinite`` {point, u, v}: ω lies in an open cell and
  ``uᵀHu > 0 > vᵀHv`` (Corollary 2).
- ``separable`` / ``not-separable`` {}: binary data are (not) affinely
  separable; evidence ``w, b`` with ``y_i(<w, x_i> + b) > 0`` or Motzkin
  multipliers ``m ≥ 0, m ≠ 0`` with ``Σ m_i y_i (x_i, 1) = 0``.
- ``rare-data`` {alpha, depth}: the offending ``(λ, ε)`` of Definition 1.
- ``generic-data`` {alpha, depth}: a rank certificate of the matrix ``M_1`` of
  system (7) at λ = 1 (every ``M_λ`` is ``M_1`` with scaled columns) and a
  replay of the finite search over the free 0/1 coordinates of its kernel
  basis and the λ of the points they touch.
- ``clarke-critical`` {point, loss?}: cells ``τ`` on the zero entries of
  ``S(ω)``, each with a ray ``δ`` (so ``Ω_u`` is adjacent to ω) and a convex
  weight, ``Σ θ_τ ∇L_τ(ω) = 0``.
- ``not-clarke-critical`` {point}: a direction ``g`` with ``∇L_τ(ω)·g < 0``
  for every ``τ`` not excluded; a ``τ`` is excluded by Motzkin multipliers on
  its first-layer zero entries (those are affine in ω, so the cell is empty).
- ``exact-penalty`` {point (one replicate per class), gamma, loss, critical,
  equal_replicates, two_class}: Theorem 7 at a point of the penalised loss
  (13): criticality of ``E_γ`` (per class, the Clarke replay above shifted by
  the penalty gradient), the equalities (i), and each claimed relation (ii).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from .base import (
    Context,
    array,
    check_rank,
    dot,
    fail,
    field,
    integer,
    matrix,
    need,
    rational,
    sign,
    signs,
    vector,
)

Poly = list[Fraction]
MAX_ZEROS = 16
ZERO = Fraction(0)


# ---------------------------------------------------------------- the network
class Net:
    """The instance mapping, parsed for the hinge-loss network of Laurent–von Brecht eq. (4)."""

    def __init__(self, inst: Any) -> None:
        data, net = field(inst, "data", "instance"), field(inst, "network", "instance")
        self.points = matrix(field(data, "points", "instance.data"), "instance.data.points")
        self.n = len(self.points)
        need(self.n > 0, "no points", "instance.data.points")
        self.d0 = len(self.points[0])
        self.bias = data.get("bias", False) is True
        self.hidden = [integer(h, f"instance.network.hidden[{i}]", 1) for i, h in
                       enumerate(array(field(net, "hidden", "instance.network"), "instance.network.hidden"))]
        need(bool(self.hidden), "no hidden layer", "instance.network.hidden")
        need(net.get("loss") == "hinge", "Laurent–von Brecht claims need the hinge loss", "instance.network.loss",
             "hinge", net.get("loss"))
        need(net.get("output") == "trainable", "a trainable output layer is needed", "instance.network.output",
             "trainable", net.get("output"))
        act = net.get("activation", "relu")
        if act == "relu":
            self.alpha = ZERO
        elif isinstance(act, str) and act.startswith("leaky:"):
            self.alpha = rational(act[6:], "instance.network.activation")
            need(0 < self.alpha < 1, "leaky slope must lie in (0, 1)", "instance.network.activation")
        else:
            raise fail("unknown activation", "instance.network.activation", "relu or leaky:p/q", act)
        if "onehot" in data:
            rows = array(data["onehot"], "instance.data.onehot", self.n)
            self.onehot: list[list[int]] | None = []
            for i, r in enumerate(rows):
                row = [integer(c, f"instance.data.onehot[{i}]", 0, 1) for c in array(r, f"instance.data.onehot[{i}]")]
                need(sum(row) == 1 and len(row) == len(rows[0]) >= 2, "one-hot rows need exactly one 1",
                     f"instance.data.onehot[{i}]")
                self.onehot.append(row)
            self.R = len(self.onehot[0])
            self.out = self.R
            self.y: list[Fraction] = []
        else:
            self.onehot = None
            self.R, self.out = 2, 1
            self.y = vector(field(data, "targets", "instance.data"), "instance.data.targets", self.n)
            need(all(v in (1, -1) for v in self.y), "binary hinge targets are ±1", "instance.data.targets")
        if "weights" in data:
            self.mu = vector(data["weights"], "instance.data.weights", self.n)
            need(all(m > 0 for m in self.mu), "weights must be positive", "instance.data.weights")
        else:
            self.mu = [Fraction(1, self.n)] * self.n
        self.dims = [self.d0, *self.hidden]
        self.widths = [*self.hidden, self.out]
        self.D = sum(self.widths)

    def target_class(self, i: int) -> int:
        """``r0`` of point ``i``: the one-hot index, or 0 for ``y = +1`` and 1 for ``y = −1``."""
        if self.onehot is not None:
            return self.onehot[i].index(1)
        return 0 if self.y[i] == 1 else 1

    # -------------------------------------------------------- parameters
    def nparams(self) -> int:
        k = sum(self.dims[e] * self.dims[e - 1] + (self.dims[e] if self.bias else 0) for e in range(1, len(self.dims)))
        return k + self.out * self.dims[-1] + (self.out if self.bias else 0)

    def flat_point(self, p: Any, path: str) -> list[Fraction]:
        layers = array(field(p, "layers", path), f"{path}.layers", len(self.hidden))
        flat: list[Fraction] = []
        for e, lay in enumerate(layers):
            q = f"{path}.layers[{e}]"
            for row in matrix(field(lay, "W", q), f"{q}.W", self.dims[e + 1], self.dims[e]):
                flat += row
            if self.bias:
                flat += vector(field(lay, "b", q), f"{q}.b", self.dims[e + 1])
            else:
                need("b" not in lay, "no bias parameters without bias = true", f"{q}.b")
        out = field(p, "output", path)
        for row in matrix(field(out, "V", f"{path}.output"), f"{path}.output.V", self.out, self.dims[-1]):
            flat += row
        if self.bias:
            flat += vector(field(out, "c", f"{path}.output"), f"{path}.output.c", self.out)
        else:
            need("c" not in out, "no bias parameters without bias = true", f"{path}.output.c")
        return flat

    def unflatten(self, flat: Sequence[Poly]) -> tuple[list[Any], list[list[Poly]], list[Poly] | None]:
        pos = 0

        def take(k: int) -> list[Poly]:
            nonlocal pos
            pos += k
            return list(flat[pos - k:pos])

        layers = []
        for e in range(1, len(self.dims)):
            W = [take(self.dims[e - 1]) for _ in range(self.dims[e])]
            layers.append((W, take(self.dims[e]) if self.bias else None))
        V = [take(self.dims[-1]) for _ in range(self.out)]
        c = take(self.out) if self.bias else None
        return layers, V, c

    # -------------------------------------------------------- forward pass over Q[t]
    def run(self, flat: Sequence[Poly], forced: Sequence[int] | None = None) -> tuple[list[Poly], Poly]:
        """All signature entries as polynomials in ``t``, and the loss.

        With ``forced`` (a full ±1 signature) the nonlinearities follow it (the
        cell's polynomial ``L_u``); otherwise each follows the sign of its
        entry for small ``t > 0`` and the loss is the true hinge loss (only
        meaningful for constant inputs).
        """
        layers, V, c = self.unflatten(flat)
        entries: list[Poly] = []
        loss: Poly = [ZERO]
        for i, x in enumerate(self.points):
            h: list[Poly] = [[v] for v in x]
            for W, b in layers:
                new = []
                for k, row in enumerate(W):
                    pre = _psum([_pmul(w, v) for w, v in zip(row, h, strict=True)] + ([b[k]] if b else []))
                    e = len(entries)
                    entries.append(pre)
                    s = forced[e] if forced is not None else _psign(pre)
                    new.append(pre if s > 0 else _pscale(pre, self.alpha))
                h = new
            yhat = [_psum([_pmul(w, v) for w, v in zip(row, h, strict=True)] + ([c[r]] if c else []))
                    for r, row in enumerate(V)]
            r0 = self.target_class(i)
            if self.onehot is None:
                args = [_psum([[Fraction(1)], _pscale(yhat[0], -self.y[i])])]
            else:
                args = [_psum([[Fraction(1)], yhat[r], _pscale(yhat[r0], Fraction(-1))]) if r != r0 else [Fraction(1)]
                        for r in range(self.out)]
            for r, a in enumerate(args):
                e = len(entries)
                entries.append(a)
                if self.onehot is not None and r == r0:
                    continue
                s = forced[e] if forced is not None else _psign(a)
                if s > 0:
                    loss = _psum([loss, _pscale(a, self.mu[i])])
        return entries, loss

    def at(self, flat: Sequence[Fraction], direction: Sequence[Fraction] | None = None) -> list[Poly]:
        if direction is None:
            return [[v] for v in flat]
        return [[v, dv] for v, dv in zip(flat, direction, strict=True)]

    def signature(self, flat: Sequence[Fraction]) -> list[int]:
        return [_psign(e) for e in self.run(self.at(flat))[0]]

    def gradient(self, flat: Sequence[Fraction], cell: Sequence[int]) -> list[Fraction]:
        P = len(flat)
        return [_coef(self.run(self.at(flat, [Fraction(int(q == p)) for q in range(P)]), cell)[1], 1)
                for p in range(P)]


def _coef(p: Poly, k: int) -> Fraction:
    return p[k] if k < len(p) else ZERO


def _psum(ps: Sequence[Poly]) -> Poly:
    out = [ZERO] * max((len(p) for p in ps), default=1)
    for p in ps:
        for k, v in enumerate(p):
            out[k] += v
    return out


def _pmul(a: Poly, b: Poly) -> Poly:
    out = [ZERO] * (len(a) + len(b) - 1)
    for i, x in enumerate(a):
        if x:
            for j, y in enumerate(b):
                out[i + j] += x * y
    return out


def _pscale(a: Poly, s: Fraction) -> Poly:
    return [s * v for v in a]


def _psign(p: Poly) -> int:
    """The sign of ``p(t)`` for all small ``t > 0`` (0 only if ``p ≡ 0``)."""
    for v in p:
        if v:
            return sign(v)
    return 0


# ---------------------------------------------------------------- claims
def hessian_indefinite(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    net = Net(ctx.instance)
    flat = net.flat_point(field(claim, "point", "claim"), "claim.point")
    cell = net.signature(flat)
    need(all(cell), "the point lies on the boundary set N (a zero in its signature)", "claim.point",
         "no zero entries", "".join("0" if s == 0 else "+" if s > 0 else "-" for s in cell))
    for name, want in (("u", 1), ("v", -1)):
        d = vector(field(claim, name, "claim"), f"claim.{name}", len(flat))
        second = 2 * _coef(net.run(net.at(flat, d), cell)[1], 2)
        need(sign(second) == want, f"{name}ᵀ H {name} has the wrong sign", f"claim.{name}",
             ">0" if want > 0 else "<0", str(second))


def _separation_rows(net: Net) -> list[list[Fraction]]:
    need(net.onehot is None, "separability claims are for binary targets", "instance.data.onehot")
    return [[net.y[i] * v for v in (*x, Fraction(1))] for i, x in enumerate(net.points)]


def separable(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    rows = _separation_rows(Net(ctx.instance))
    w = vector(field(ev, "w", "evidence"), "evidence.w", len(rows[0]) - 1)
    b = rational(field(ev, "b", "evidence"), "evidence.b")
    for i, r in enumerate(rows):
        need(dot(r, [*w, b]) > 0, "point not strictly on its side: y_i(<w, x_i> + b) ≤ 0", f"evidence.w (point {i})")


def not_separable(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    rows = _separation_rows(Net(ctx.instance))
    m = vector(field(ev, "multipliers", "evidence"), "evidence.multipliers", len(rows))
    need(all(v >= 0 for v in m) and any(m), "multipliers must be ≥ 0 and not all 0", "evidence.multipliers")
    for c in range(len(rows[0])):
        need(sum((m[i] * rows[i][c] for i in range(len(rows))), ZERO) == 0, "Σ m_i y_i (x_i, 1) ≠ 0",
             f"evidence.multipliers (coordinate {c})")


# ---------------------------------------------------------------- Definition 1
def _slots(net: Net) -> list[tuple[int, int]]:
    """The unknowns ``ε^(i,r)`` with ``r ≠ r0(i)``: only these enter system (7)."""
    return [(i, r) for i in range(net.n) for r in range(net.R) if r != net.target_class(i)]


def rare_matrix(net: Net, lam: Sequence[Fraction]) -> list[list[Fraction]]:
    """``M_λ ε = 0`` is system (7): for each class r and coordinate of ``(x, 1)``."""
    slots = _slots(net)
    ext = [[*x, Fraction(1)] for x in net.points]
    rows = []
    for r in range(net.R):
        for coord in range(net.d0 + 1):
            row = []
            for i, rr in slots:
                c = lam[i] * net.mu[i] * ext[i][coord]
                if net.target_class(i) == r:      # ε^(i) = Σ_{r' ≠ r0} ε^(i,r') on the left side
                    row.append(c)
                elif rr == r:
                    row.append(-c)
                else:
                    row.append(ZERO)
            rows.append(row)
    return rows


def _alpha_depth(claim: Mapping[str, Any]) -> tuple[Fraction, int]:
    alpha = rational(field(claim, "alpha", "claim"), "claim.alpha")
    need(0 < alpha < 1, "Definition 1 fixes α in (0, 1)", "claim.alpha", "(0, 1)", str(alpha))
    return alpha, integer(field(claim, "depth", "claim"), "claim.depth", 1, 64)


def rare_data(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    net = Net(ctx.instance)
    alpha, depth = _alpha_depth(claim)
    ks = [integer(k, f"evidence.lambda_exponents[{i}]", 0, depth)
          for i, k in enumerate(array(field(ev, "lambda_exponents", "evidence"), "evidence.lambda_exponents", net.n))]
    eps = array(field(ev, "epsilon", "evidence"), "evidence.epsilon", net.n)
    slots, flat = _slots(net), []
    for i, r in slots:
        row = array(eps[i], f"evidence.epsilon[{i}]", net.R)
        flat.append(Fraction(integer(row[r], f"evidence.epsilon[{i}][{r}]", 0, 1)))
    need(any(flat), "ε must be non-zero on the entries r ≠ r0 that enter system (7)", "evidence.epsilon")
    M = rare_matrix(net, [alpha ** k for k in ks])
    for j, row in enumerate(M):
        need(dot(row, flat) == 0, "system (7) fails", f"evidence.epsilon (equation {j})", "0", str(dot(row, flat)))


def generic_data(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    """No ``(λ, ε)`` solves system (7).

    ``M_λ = M_1 D_λ`` (columns scaled by the slots' λ), so ``M_λ ε = 0`` iff
    ``D_λ ε = K τ`` for the certified kernel basis ``K`` of ``M_1`` (identity on
    rows ``L``), and then ``τ = ε_L`` is 0/1.  For every non-zero 0/1 ``t`` on
    ``L`` and every λ on the points of its 1s, each other slot needs
    ``s_p = Σ_j K[p, j] λ_j t_j ∈ {0} ∪ {α^k}`` with ``α^k`` its point's λ; the
    kernel replays that finite search and finds nothing.
    """
    net = Net(ctx.instance)
    alpha, depth = _alpha_depth(claim)
    slots = _slots(net)
    m = len(slots)
    M = rare_matrix(net, [Fraction(1)] * net.n)
    r = integer(field(ev, "rank", "evidence"), "evidence.rank", 0, m)
    check_rank(M, m, r, ev, "evidence")
    if r == m:
        return
    K = matrix(ev["kernel"], "evidence.kernel", m, m - r)
    free = [integer(v, f"evidence.kernel_rows[{c}]", 0, m - 1) for c, v in enumerate(ev["kernel_rows"])]
    need(m - r <= 16, "kernel too large to enumerate", "evidence.rank", "m - r <= 16", m - r)
    power = {alpha ** k: k for k in range(depth + 1)}
    pivots = [p for p in range(m) if p not in free]
    for t in itertools.product((0, 1), repeat=m - r):
        on = [c for c in range(m - r) if t[c]]
        pts = sorted({slots[free[c]][0] for c in on})
        for ks in itertools.product(range(depth + 1), repeat=len(pts)) if on else ():
            lam = dict(zip(pts, ks, strict=True))
            consistent = True
            for p in pivots:
                s = sum((K[p][c] * alpha ** lam[slots[free[c]][0]] for c in on), ZERO)
                if s:
                    k = power.get(s)
                    consistent = k is not None and lam.setdefault(slots[p][0], k) == k
                    if not consistent:
                        break
            need(not consistent, "a 0/1 solution of system (7) exists: the data are rare", "evidence.kernel",
                 "no 0/1 kernel vector", {"t": list(t), "lambda_exponents": [lam.get(i, 0) for i in range(net.n)]})


# ---------------------------------------------------------------- Clarke criticality
def _zeros_and_cells(net: Net, flat: list[Fraction]) -> tuple[list[int], list[int]]:  # (S(ω), its zero entries)
    sig = net.signature(flat)
    zeros = [e for e, s in enumerate(sig) if s == 0]
    need(len(zeros) <= MAX_ZEROS, "too many zero entries for the kernel", "claim.point", MAX_ZEROS, len(zeros))
    return sig, zeros


def _cell(sig: list[int], zeros: list[int], tau: Sequence[int]) -> list[int]:
    u = list(sig)
    for e, s in zip(zeros, tau, strict=True):
        u[e] = s
    return u


def _check_loss(net: Net, flat: list[Fraction], claim: Mapping[str, Any]) -> None:
    if "loss" in claim:
        want = rational(claim["loss"], "claim.loss")
        got = _coef(net.run(net.at(flat))[1], 0)
        need(got == want, "the loss at the point differs", "claim.loss", str(got), str(want))


def clarke_critical(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    net = Net(ctx.instance)
    flat = net.flat_point(field(claim, "point", "claim"), "claim.point")
    _check_loss(net, flat, claim)
    _critical(net, flat, ev, "evidence")


def _critical(net: Net, flat: list[Fraction], ev: Any, where: str, shift: Sequence[Fraction] | None = None) -> None:
    """Replay ``0 ∈ conv{∇L_u(ω) + s}`` over cells proved adjacent by rays (``s = shift``, default 0)."""
    sig, zeros = _zeros_and_cells(net, flat)
    cells = array(field(ev, "cells", where), f"{where}.cells")
    need(len(cells) > 0, "at least one adjacent cell", f"{where}.cells")
    total, combo = ZERO, [ZERO] * len(flat)
    for c, item in enumerate(cells):
        path = f"{where}.cells[{c}]"
        tau = signs(field(item, "signs", path), f"{path}.signs", len(zeros))
        need(all(tau), "cell signs are ±", f"{path}.signs")
        u = _cell(sig, zeros, tau)
        delta = vector(field(item, "ray", path), f"{path}.ray", len(flat))
        along = [_psign(e) for e in net.run(net.at(flat, delta))[0]]
        need(along == u, "the ray ω + tδ does not enter this cell for small t > 0 (adjacency unproved)", f"{path}.ray")
        theta = rational(field(item, "weight", path), f"{path}.weight")
        need(theta >= 0, "convex weights are ≥ 0", f"{path}.weight")
        total += theta
        for p, g in enumerate(net.gradient(flat, u)):
            combo[p] += theta * (g + (shift[p] if shift is not None else ZERO))
    need(total == 1, "convex weights must sum to 1", f"{where}.cells", "1", str(total))
    need(not any(combo), "Σ θ ∇L_u(ω) ≠ 0", f"{where}.cells", "0", [str(v) for v in combo])


def not_clarke_critical(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    net = Net(ctx.instance)
    flat = net.flat_point(field(claim, "point", "claim"), "claim.point")
    _check_loss(net, flat, claim)
    _not_critical(net, flat, ev, "evidence")


def _not_critical(net: Net, flat: list[Fraction], ev: Any, where: str,
                  shift: Sequence[Fraction] | None = None) -> None:
    """Replay a direction ``g`` with ``(∇L_τ(ω) + s)·g < 0`` on every cell not excluded by Motzkin multipliers."""
    sig, zeros = _zeros_and_cells(net, flat)
    g = vector(field(ev, "direction", where), f"{where}.direction", len(flat))
    lift = dot(shift, g) if shift is not None else ZERO
    excluded = {}
    for c, item in enumerate(array(ev.get("excluded", []), f"{where}.excluded")):
        path = f"{where}.excluded[{c}]"
        tau = tuple(signs(field(item, "signs", path), f"{path}.signs", len(zeros)))
        excluded[tau] = (vector(field(item, "multipliers", path), f"{path}.multipliers", len(zeros)), path)
    first = _first_layer_rows(net, zeros, len(flat))
    for tau in itertools.product((1, -1), repeat=len(zeros)):
        if tau in excluded:
            y, path = excluded[tau]
            need(all(v >= 0 for v in y) and any(y), "Motzkin multipliers must be ≥ 0, not all 0", path)
            for z, v in enumerate(y):
                need(v == 0 or first[z] is not None, "multipliers only on first-layer zero entries (affine in ω)", path)
            for p in range(len(flat)):
                need(sum((y[z] * tau[z] * first[z][p] for z in range(len(zeros)) if y[z]), ZERO) == 0,
                     "Σ y_z τ_z ∇(entry z) ≠ 0", f"{path} (parameter {p})")
            continue
        u = _cell(sig, zeros, tau)
        slope = _coef(net.run(net.at(flat, g), u)[1], 1) + lift
        need(slope < 0, "∇L_u(ω)·g is not negative for a possibly adjacent cell", f"{where}.direction",
             "<0", f"{slope} on cell {''.join('+' if s > 0 else '-' for s in tau)}")


def _first_layer_rows(net: Net, zeros: list[int], P: int) -> list[list[Fraction] | None]:
    """The (constant) gradient of each first-layer zero entry ``<w_k, x_i> + b_k``; None for deeper entries."""
    d1, per = net.hidden[0], net.D
    rows: list[list[Fraction] | None] = []
    for e in zeros:
        i, off = divmod(e, per)
        if off >= d1:
            rows.append(None)
            continue
        row = [ZERO] * P
        for j in range(net.d0):
            row[off * net.d0 + j] = net.points[i][j]
        if net.bias:
            row[d1 * net.d0 + off] = Fraction(1)
        rows.append(row)
    return rows


# ---------------------------------------------------------------- Theorem 7 (exact penalty)
def _class_net(inst: Any, multi: Net, r: int) -> Net:
    """The binary network of the one-versus-all loss ``L^(r)`` (12): targets ±1 for class r, same weights."""
    data = dict(field(inst, "data", "instance"))
    data.pop("onehot", None)
    data["targets"] = ["1" if row[r] == 1 else "-1" for row in multi.onehot or []]
    data["weights"] = [str(m) for m in multi.mu]
    return Net({"data": data, "network": field(inst, "network", "instance")})


def exact_penalty(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    """Theorem 7 at a point of ``E_γ`` (13): its criticality, the equalities (i), and the relations (ii).

    ``∂_0 E_γ = Π_r (∂_0 L^(r)(ω^(r)) + s_r)`` with ``s_r = 2γR/(R−1)(ω̌^(r) − ω̌̄)`` on the hidden
    parameters (0 on ``v_r, c_r``): the ``L^(r)`` have disjoint variables and the penalty is smooth.
    """
    multi = Net(ctx.instance)
    need(multi.onehot is not None, "the penalised loss (13) needs one-hot targets", "instance.data.onehot")
    R = multi.R
    gamma = rational(field(claim, "gamma", "claim"), "claim.gamma")
    need(gamma > 0, "Theorem 7 needs γ > 0", "claim.gamma", ">0", str(gamma))
    reps = array(field(field(claim, "point", "claim"), "classes", "claim.point"), "claim.point.classes", R)
    nets = [_class_net(ctx.instance, multi, r) for r in range(R)]
    flats = [nets[r].flat_point(reps[r], f"claim.point.classes[{r}]") for r in range(R)]
    k = len(flats[0]) - multi.dims[-1] - (1 if multi.bias else 0)
    hid = [f[:k] for f in flats]
    mean = [sum(col, ZERO) / R for col in zip(*hid, strict=True)]
    scale = 2 * gamma * R / (R - 1)
    shifts = [[scale * (a - m) for a, m in zip(h, mean, strict=True)] + [ZERO] * (len(flats[0]) - k) for h in hid]
    pen = Fraction(R, R - 1) * sum((sum(((a - m) ** 2 for a, m in zip(h, mean, strict=True)), ZERO) for h in hid),
                                   ZERO)
    loss = sum((_coef(nets[r].run(nets[r].at(flats[r]))[1], 0) for r in range(R)), ZERO) + gamma * pen
    want = rational(field(claim, "loss", "claim"), "claim.loss")
    need(loss == want, "E_γ at the point differs", "claim.loss", str(loss), str(want))
    equal = all(h == hid[0] for h in hid)
    need(claim.get("equal_replicates") is equal, "equalities (i) misreported", "claim.equal_replicates", equal,
         claim.get("equal_replicates"))
    critical = claim.get("critical")
    need(isinstance(critical, bool), "critical must be true or false", "claim.critical", "bool", critical)
    pev = field(ev, "penalised", "evidence")
    if critical:
        per = array(field(pev, "classes", "evidence.penalised"), "evidence.penalised.classes", R)
        for r in range(R):
            _critical(nets[r], flats[r], per[r], f"evidence.penalised.classes[{r}]", shifts[r])
    else:
        r = integer(field(pev, "class", "evidence.penalised"), "evidence.penalised.class", 0, R - 1)
        _not_critical(nets[r], flats[r], pev, "evidence.penalised", shifts[r])
    two = array(field(claim, "two_class", "claim"), "claim.two_class", R)
    tev = array(field(ev, "two_class", "evidence"), "evidence.two_class", R)
    for r in range(R):
        path = f"evidence.two_class[{r}]"
        if two[r] is True:
            _critical(nets[r], flats[r], tev[r], path)
        elif two[r] is False:
            _not_critical(nets[r], flats[r], tev[r], path)
        else:
            need(two[r] is None, "two_class entries are true, false or null (undecided)", f"claim.two_class[{r}]")


CLAIMS = {
    "hessian-indefinite": hessian_indefinite,
    "separable": separable,
    "not-separable": not_separable,
    "rare-data": rare_data,
    "generic-data": generic_data,
    "clarke-critical": clarke_critical,
    "not-clarke-critical": not_clarke_critical,
    "exact-penalty": exact_penalty,
}
