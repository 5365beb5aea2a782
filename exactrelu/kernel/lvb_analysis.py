"""Kernel claim ``lvb-analysis``: every verdict ``exactrelu lvb INSTANCE --point P`` prints, replayed.

Standard library only.  The cell loss ``L_u`` (Theorem 1 of Laurent–von
Brecht) is rebuilt from the instance and the signature ``u`` by a forward pass
whose entries are multivariate polynomials in the parameters (a ``dict``
monomial → ``Fraction``; a monomial is a sorted tuple of ``(parameter,
exponent)``).  On the fixed cell each nonlinearity is the identity or ``α·``,
so this is exact polynomial arithmetic, nothing else.

Claim ``{point, signature, loss, cell, hessian, clarke, type,
theorem6_violations}``; the kernel re-derives each field:

- ``signature`` (``+ - 0`` per entry) and ``loss``: exact forward pass at ω.
- ``cell`` (``null`` on the boundary set ``N``): ``terms`` (the polynomial
  itself), ``multilinear`` (every monomial's set of blocks is the block set of
  one form ``φ_0 … φ_{L+2}`` of Theorem 1 and its degree in each of those
  blocks is 1), ``harmonic`` (the Laplacian ``Σ_p ∂²L_u/∂ω_p²`` is the zero
  polynomial) and ``constant`` (no monomial of positive degree; Corollary 1).
- ``hessian``: ``"zero"`` — every second partial derivative of ``L_u`` at ω is 0;
  ``"indefinite"`` — evidence ``hessian`` names an earlier ``hessian-indefinite``
  step at the same point; ``null`` on ``N``.
- ``clarke``: ``"critical"`` / ``"not-critical"`` — evidence ``clarke`` names an
  earlier ``clarke-critical`` / ``not-clarke-critical`` step at the same point;
  ``"undecided"`` is not a yes/no verdict and needs nothing.
- ``type`` (Theorems 2–3 vocabulary, only for a critical point; ``"-"``
  otherwise): ``"type I"`` — evidence ``type {signs, ray}``: the ray ``ω + tδ``
  enters the cell ``τ`` for small ``t > 0`` (so it is adjacent) and ``L_τ`` is
  constant; ``"type II"`` — evidence ``type {excluded: [{signs, multipliers}]}``:
  for every ``τ`` on the zero entries, either ``L_τ`` is not constant or the cell
  is empty near ω by Motzkin multipliers on zero entries that are affine near ω
  (see :func:`affine_zero_rows`), so no cell adjacent to ω is flat; ``"undecided"`` needs nothing.
- ``theorem6_violations``: the pairs ``(i, k)`` (point ``i`` unsolved — hinge
  argument ``> 0`` — and unit ``k`` active on it with ``v_k ≠ 0``), recomputed
  (binary data, one hidden layer; otherwise the list must be empty).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from .base import Context, array, field, indices, integer, need, rational, sign, signs, vector
from .lvb import MAX_ZEROS, ZERO, Net, _cell, _psign

Monomial = tuple[tuple[int, int], ...]
MPoly = dict[Monomial, Fraction]


# ---------------------------------------------------------------- multivariate polynomials over Q
def _const(c: Fraction) -> MPoly:
    return {(): Fraction(c)} if c else {}


def _var(p: int) -> MPoly:
    return {((p, 1),): Fraction(1)}


def _add(*ps: MPoly) -> MPoly:
    out: MPoly = {}
    for p in ps:
        for m, c in p.items():
            v = out.get(m, ZERO) + c
            if v:
                out[m] = v
            else:
                out.pop(m, None)
    return out


def _scale(p: MPoly, s: Fraction) -> MPoly:
    return {m: s * c for m, c in p.items()} if s else {}


def _mono_mul(a: Monomial, b: Monomial) -> Monomial:
    exps = dict(a)
    for v, e in b:
        exps[v] = exps.get(v, 0) + e
    return tuple(sorted(exps.items()))


def _mul(a: MPoly, b: MPoly) -> MPoly:
    out: MPoly = {}
    for ma, ca in a.items():
        for mb, cb in b.items():
            m = _mono_mul(ma, mb)
            v = out.get(m, ZERO) + ca * cb
            if v:
                out[m] = v
            else:
                out.pop(m, None)
    return out


def _evaluate(p: MPoly, at: Sequence[Fraction]) -> Fraction:
    total = ZERO
    for m, c in p.items():
        term = c
        for v, e in m:
            term *= at[v] ** e
        total += term
    return total


def _derivative(p: MPoly, var: int) -> MPoly:
    out: MPoly = {}
    for m, c in p.items():
        exps = dict(m)
        e = exps.get(var, 0)
        if e:
            if e == 1:
                del exps[var]
            else:
                exps[var] = e - 1
            out = _add(out, {tuple(sorted(exps.items())): c * e})
    return out


# ---------------------------------------------------------------- the cell polynomial
def cell_polynomial(net: Net, cell: Sequence[int]) -> MPoly:
    """``L_u`` as a polynomial in the flat parameters (order of :meth:`Net.flat_point`)."""
    return forward(net, cell)[1]


def forward(net: Net, cell: Sequence[int]) -> tuple[list[MPoly], MPoly]:
    """Every signature entry and the loss as polynomials, each nonlinearity following ``cell`` (``+`` = identity)."""
    layers, V, c = net.unflatten([_var(p) for p in range(net.nparams())])  # type: ignore[list-item]
    alpha = net.alpha
    loss: MPoly = {}
    entries: list[MPoly] = []
    for i, x in enumerate(net.points):
        h: list[MPoly] = [_const(v) for v in x]
        for W, b in layers:
            new = []
            for k, row in enumerate(W):
                pre = _add(*[_mul(w, v) for w, v in zip(row, h, strict=True)], *([b[k]] if b else []))
                new.append(pre if cell[len(entries)] > 0 else _scale(pre, alpha))
                entries.append(pre)
            h = new
        yhat = [_add(*[_mul(w, v) for w, v in zip(row, h, strict=True)], *([c[r]] if c else []))
                for r, row in enumerate(V)]
        r0 = net.target_class(i)
        if net.onehot is None:
            args = [_add(_const(Fraction(1)), _scale(yhat[0], -net.y[i]))]
        else:
            args = [_add(_const(Fraction(1)), yhat[r], _scale(yhat[r0], Fraction(-1))) for r in range(net.out)]
        for r, a in enumerate(args):
            if cell[len(entries)] > 0 and (net.onehot is None or r != r0):
                loss = _add(loss, _scale(a, net.mu[i]))
            entries.append(a)
    return entries, loss


def affine_zero_rows(net: Net, sig: Sequence[int], zeros: Sequence[int]) -> list[list[Fraction] | None]:
    """For each zero entry: its gradient if the entry is affine in ω near ω, else None.

    Near ω every nonzero entry keeps its sign, so a zero entry of point ``i``
    whose earlier-layer entries (same point) are all nonzero equals, on a
    neighbourhood of ω, the polynomial of the forward pass with those signs.  If
    that polynomial has degree ≤ 1 the entry is affine there (first-layer
    entries always are; so is a hinge argument whose units are all dead, e.g.
    ``1 − y c``), and Motzkin multipliers on such rows prove a cell empty near ω.
    """
    entries, _ = forward(net, sig)
    widths = [*net.hidden, net.out]
    starts = [sum(widths[:k]) for k in range(len(widths))]
    P = net.nparams()
    rows: list[list[Fraction] | None] = []
    for z in zeros:
        i, off = divmod(z, net.D)
        layer = max(k for k in range(len(widths)) if starts[k] <= off)
        if any(sig[i * net.D + e] == 0 for e in range(starts[layer])) or any(sum(e for _, e in m) > 1
                                                                             for m in entries[z]):
            rows.append(None)
            continue
        row = [ZERO] * P
        for m, coef in entries[z].items():
            if m:
                row[m[0][0]] = coef
        rows.append(row)
    return rows


def parameter_blocks(net: Net) -> list[str]:
    """The block of each flat parameter: ``W1 … WL``, ``b1 … bL``, ``V``, ``c`` (Theorem 1's ω^(ℓ), b^(ℓ), V, c)."""
    out: list[str] = []
    for e in range(1, len(net.dims)):
        out += [f"W{e}"] * (net.dims[e] * net.dims[e - 1])
        out += [f"b{e}"] * (net.dims[e] if net.bias else 0)
    out += ["V"] * (net.out * net.dims[-1])
    out += ["c"] * (net.out if net.bias else 0)
    return out


def form_blocks(net: Net) -> list[frozenset[str]]:
    """``φ_0(W1..WL, V)``, ``φ_k(b_k, W_{k+1}..W_L, V)``, ``φ_{L+1}(c)``, ``φ_{L+2}`` (constant)."""
    L = len(net.hidden)
    ws = [f"W{e}" for e in range(1, L + 1)]
    return [frozenset([*ws, "V"]), *(frozenset([f"b{k}", *ws[k:], "V"]) for k in range(1, L + 1)),
            frozenset(["c"]), frozenset()]


def is_multilinear(net: Net, poly: MPoly) -> bool:
    blocks, forms = parameter_blocks(net), form_blocks(net)
    for m in poly:
        degree: dict[str, int] = {}
        for v, e in m:
            degree[blocks[v]] = degree.get(blocks[v], 0) + e
        if frozenset(degree) not in forms or any(k != 1 for k in degree.values()):
            return False
    return True


def is_harmonic(poly: MPoly, nparams: int) -> bool:
    return not _add(*[_derivative(_derivative(poly, v), v) for v in range(nparams)])


def _parse_terms(raw: Any, path: str, nparams: int) -> MPoly:
    out: MPoly = {}
    for t, item in enumerate(array(raw, path)):
        q = f"{path}[{t}]"
        mono = []
        for k, pair in enumerate(array(field(item, "monomial", q), f"{q}.monomial")):
            v, e = array(pair, f"{q}.monomial[{k}]", 2)
            v = integer(v, f"{q}.monomial[{k}][0]", 0, nparams - 1)
            e = integer(e, f"{q}.monomial[{k}][1]", 1)
            mono.append((v, e))
        key = tuple(sorted(mono))
        need(len({v for v, _ in key}) == len(key) and key not in out, "repeated parameter or monomial", q)
        c = rational(field(item, "coefficient", q), f"{q}.coefficient")
        need(c != 0, "coefficients are nonzero", f"{q}.coefficient")
        out[key] = c
    return out


def _same_point(ctx: Context, ref: Any, kind: str, net: Net, flat: list[Fraction], path: str) -> None:
    other = ctx.step(ref, kind, path)
    need(net.flat_point(field(other, "point", path), f"{path} (point)") == flat,
         "the referenced step is about another point", path)


def _flag(claim: Mapping[str, Any], key: str, path: str, got: bool) -> None:
    need(claim.get(key) is got, f"{key} misreported", f"{path}.{key}", got, claim.get(key))


# ---------------------------------------------------------------- the claim
def lvb_analysis(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    net = Net(ctx.instance)
    flat = net.flat_point(field(claim, "point", "claim"), "claim.point")
    P = len(flat)
    entries, loss = net.run(net.at(flat))
    sig = [_psign(e) for e in entries]
    word = "".join("+" if s > 0 else "-" if s < 0 else "0" for s in sig)
    need(claim.get("signature") == word, "signature misreported", "claim.signature", word, claim.get("signature"))
    got_loss = loss[0] if loss else ZERO
    need(rational(field(claim, "loss", "claim"), "claim.loss") == got_loss, "loss misreported", "claim.loss",
         str(got_loss), claim.get("loss"))
    zeros = [e for e, s in enumerate(sig) if s == 0]
    cell, hess = claim.get("cell"), claim.get("hessian")
    if zeros:
        need(cell is None and hess is None, "a boundary point (zeros in S(ω)) has no cell polynomial or Hessian",
             "claim.cell", None, cell)
    else:
        need(isinstance(cell, Mapping), "an interior point needs its cell facts", "claim.cell", "object", cell)
        poly = cell_polynomial(net, sig)
        need(_parse_terms(field(cell, "terms", "claim.cell"), "claim.cell.terms", P) == poly,
             "the cell polynomial differs from L_u rebuilt from the instance", "claim.cell.terms")
        _flag(cell, "multilinear", "claim.cell", is_multilinear(net, poly))
        _flag(cell, "harmonic", "claim.cell", is_harmonic(poly, P))
        _flag(cell, "constant", "claim.cell", all(not m for m in poly))
        if hess == "zero":
            for a in range(P):
                da = _derivative(poly, a)
                for b in range(a, P):
                    need(_evaluate(_derivative(da, b), flat) == 0, "a second derivative at ω is nonzero",
                         "claim.hessian", "0", f"H[{a}][{b}]")
        else:
            need(hess == "indefinite", "hessian is zero, indefinite or null", "claim.hessian", "zero|indefinite", hess)
            _same_point(ctx, field(ev, "hessian", "evidence"), "hessian-indefinite", net, flat, "evidence.hessian")
    verdict = claim.get("clarke")
    if verdict in ("critical", "not-critical"):
        kind = "clarke-critical" if verdict == "critical" else "not-clarke-critical"
        _same_point(ctx, field(ev, "clarke", "evidence"), kind, net, flat, "evidence.clarke")
    else:
        need(verdict == "undecided", "clarke is critical, not-critical or undecided", "claim.clarke", "", verdict)
    kind_ = claim.get("type")
    if verdict != "critical":
        need(kind_ == "-", "only a critical point has a type", "claim.type", "-", kind_)
    elif kind_ == "type I":
        _type_one(net, flat, sig, zeros, field(ev, "type", "evidence"))
    elif kind_ == "type II":
        _type_two(net, flat, sig, zeros, field(ev, "type", "evidence"))
    else:
        need(kind_ == "undecided", "type is type I, type II or undecided", "claim.type", "type I|type II", kind_)
    _theorem6(net, flat, entries, claim)


def _type_one(net: Net, flat: list[Fraction], sig: list[int], zeros: list[int], ev: Any) -> None:
    tau = signs(field(ev, "signs", "evidence.type"), "evidence.type.signs", len(zeros))
    need(all(tau), "cell signs are ±", "evidence.type.signs")
    u = _cell(sig, zeros, tau)
    delta = vector(field(ev, "ray", "evidence.type"), "evidence.type.ray", len(flat))
    need([_psign(e) for e in net.run(net.at(flat, delta))[0]] == u,
         "the ray does not enter this cell for small t > 0 (adjacency unproved)", "evidence.type.ray")
    need(all(not m for m in cell_polynomial(net, u)), "the cell polynomial is not constant (not a flat cell)",
         "evidence.type.signs")


def _type_two(net: Net, flat: list[Fraction], sig: list[int], zeros: list[int], ev: Any) -> None:
    need(len(zeros) <= MAX_ZEROS, "too many zero entries for the kernel", "claim.point", MAX_ZEROS, len(zeros))
    excluded = {}
    for c, item in enumerate(array(ev.get("excluded", []), "evidence.type.excluded")):
        path = f"evidence.type.excluded[{c}]"
        tau = tuple(signs(field(item, "signs", path), f"{path}.signs", len(zeros)))
        excluded[tau] = (vector(field(item, "multipliers", path), f"{path}.multipliers", len(zeros)), path)
    first = affine_zero_rows(net, sig, zeros)
    for tau in itertools.product((1, -1), repeat=len(zeros)):
        if tau in excluded:
            y, path = excluded[tau]
            need(all(v >= 0 for v in y) and any(y), "Motzkin multipliers must be ≥ 0, not all 0", path)
            for z, v in enumerate(y):
                need(v == 0 or first[z] is not None, "multipliers only on zero entries affine near ω", path)
            for p in range(len(flat)):
                need(sum((y[z] * tau[z] * first[z][p] for z in range(len(zeros)) if y[z]), ZERO) == 0,  # type: ignore[index]
                     "Σ y_z τ_z ∇(entry z) ≠ 0", f"{path} (parameter {p})")
            continue
        poly = cell_polynomial(net, _cell(sig, zeros, tau))
        need(any(m for m in poly), "a possibly adjacent cell is flat: the type is not II", "claim.type",
             "type I", "".join("+" if s > 0 else "-" for s in tau))


def _theorem6(net: Net, flat: list[Fraction], entries: list[list[Fraction]], claim: Mapping[str, Any]) -> None:
    raw = array(field(claim, "theorem6_violations", "claim"), "claim.theorem6_violations")
    found = [tuple(indices(v, f"claim.theorem6_violations[{k}]", max(net.n, net.D))) for k, v in enumerate(raw)]
    want: list[tuple[int, ...]] = []
    if net.onehot is None and len(net.hidden) == 1:
        d1 = net.hidden[0]
        _, V, _ = net.unflatten(net.at(flat))
        for i in range(net.n):
            pre = [entries[i * net.D + k] for k in range(d1)]
            if sign(entries[i * net.D + d1][0]) > 0:
                want += [(i, k) for k in range(d1) if sign(pre[k][0]) > 0 and V[0][k][0] != 0]
    need(found == want, "Theorem 6 blind-side violations misreported", "claim.theorem6_violations",
         [list(v) for v in want], [list(v) for v in found])


CLAIMS = {"lvb-analysis": lvb_analysis}
