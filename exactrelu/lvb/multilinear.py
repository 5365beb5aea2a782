"""Signatures, cells and the multilinear cell losses of Laurent–von Brecht (Theorem 1, Corollaries 1–2).

The signature ``S(ω)`` (eq. 6) lists, point by point, the signs of the
pre-activations of every layer and of every hinge argument: binary
``1 − y ŷ`` (loss 9) or multiclass ``1 + ŷ_r − ŷ_{r0}`` for ``r = 1..R``
(eq. 5; the entry ``r = r0`` is always ``+``).  On a cell ``Ω_u`` (a
signature without zeros) every nonlinearity is a fixed linear map, so the loss

    L_u = Σ_i μ_i Σ_{hinge entries e of i with u_e = +1, e ≠ r0} arg_e(ω)

is a polynomial.  Theorem 1: ``L_u = φ_0(ω^(1..L), V) + Σ_k φ_k(b^(k), ω^(k+1..L), V)
+ φ_{L+1}(c) + φ_{L+2}`` with multilinear ``φ``; multilinear polynomials are
harmonic, so a nonzero Hessian has zero diagonal, trace 0, and is indefinite
(Corollary 2): with ``H_ab ≠ 0``, ``u = e_a + e_b``, ``v = e_a − e_b`` give
``uᵀHu = 2H_ab = −vᵀHv``.

>>> from exactrelu.core.instance import instance_from_mapping
>>> from exactrelu.core.point import point_from_mapping
>>> inst = instance_from_mapping({"data": {"points": [[1], [-1]], "targets": [1, -1]},
...        "network": {"hidden": [1], "loss": "hinge"}})
>>> p = point_from_mapping({"layers": [{"W": [["1/2"]]}], "output": {"V": [["1/2"]]}}, inst)
>>> signature(inst, p)
(1, 1, -1, 1)
>>> str(cell_polynomial(inst, signature(inst, p)).expr)
'-V_0_0*W1_0_0/2 + 1'
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import sympy

from ..core.instance import Instance
from ..core.point import Point, flatten, out_dim, parameter_names, sigma

__all__ = ["Signature", "signature", "entry_labels", "zero_entries", "CellPolynomial", "cell_polynomial",
           "symbols", "gradient_at", "hessian_at", "Indefinite", "hessian_verdict",
           "pre_activations", "form_blocks"]

Signature = tuple[int, ...]


def _sgn(q: Fraction) -> int:
    return (q > 0) - (q < 0)


def entry_labels(inst: Instance) -> tuple[str, ...]:
    """``i:ℓ:k`` for unit ``k`` of layer ``ℓ`` on point ``i`` (``ℓ = L+1`` is the hinge layer)."""
    widths = [*inst.hidden, out_dim(inst)]
    return tuple(f"{i}:{ell + 1}:{k}" for i in range(inst.n) for ell, w in enumerate(widths) for k in range(w))


def pre_activations(inst: Instance, p: Point) -> tuple[tuple[tuple[Fraction, ...], ...], ...]:
    """Per point, per layer ``1..L+1``: the arguments of the nonlinearities (the hinge last)."""
    res = []
    for i, x in enumerate(inst.raw_points):
        h, per = tuple(x), []
        for layer in p.layers:
            pre = tuple(sum((w * v for w, v in zip(row, h, strict=True)), Fraction(0)) + (layer.b[k] if layer.b else 0)
                        for k, row in enumerate(layer.W))
            per.append(pre)
            h = tuple(sigma(s, inst.alpha) for s in pre)
        yhat = tuple(sum((w * v for w, v in zip(row, h, strict=True)), Fraction(0)) + (p.c[r] if p.c else 0)
                     for r, row in enumerate(p.V))
        per.append(_hinge_arguments(inst, i, yhat))
        res.append(tuple(per))
    return tuple(res)


def _hinge_arguments(inst: Instance, i: int, yhat: Sequence[Any]) -> tuple[Any, ...]:
    if inst.onehot is None:
        return (1 - inst.targets[i] * yhat[0],)
    r0 = inst.onehot[i].index(1)
    return tuple(1 + yhat[r] - yhat[r0] for r in range(len(yhat)))


def signature(inst: Instance, p: Point) -> Signature:
    """``S(ω) ∈ {−1, 0, 1}^{N·D}`` (eq. 6), point-major, in the order of :func:`entry_labels`."""
    return tuple(_sgn(s) for per in pre_activations(inst, p) for layer in per for s in layer)


def zero_entries(sig: Signature) -> tuple[int, ...]:
    """The boundary entries: ``ω ∈ N`` iff this is non-empty."""
    return tuple(e for e, s in enumerate(sig) if s == 0)


# ---------------------------------------------------------------- the cell polynomial
def symbols(inst: Instance) -> tuple[sympy.Symbol, ...]:
    """One sympy symbol per parameter, in the flat order of :mod:`exactrelu.core.point`."""
    names = [n.replace("[", "_").replace(",", "_").replace("]", "") for n in parameter_names(inst)]
    return tuple(sympy.Symbol(n, real=True) for n in names)


def _block(name: str) -> str:
    return name.split("_", 1)[0]


def form_blocks(inst: Instance) -> tuple[frozenset[str], ...]:
    """The blocks of ``φ_0 … φ_{L+2}`` in Theorem 1 (ω^(ℓ) is ``Wℓ``)."""
    L = len(inst.hidden)
    ws = [f"W{ell}" for ell in range(1, L + 1)]
    forms = [frozenset([*ws, "V"])]
    forms += [frozenset([f"b{k}", *ws[k:], "V"]) for k in range(1, L + 1)]
    forms += [frozenset(["c"]), frozenset()]
    return tuple(forms)


@dataclass(frozen=True)
class CellPolynomial:
    """The loss on ``Ω_u`` (Theorem 1), its forms and the checks of Theorem 1 / Corollary 1."""

    cell: Signature
    expr: sympy.Expr
    forms: tuple[sympy.Expr, ...]          # φ_0 … φ_{L+2}
    multilinear: bool                      # every monomial is in one form, degree 1 in each of its blocks
    harmonic: bool                         # Laplacian identically 0
    constant: bool                         # Corollary 1: the only cells with differentiable extrema


def cell_polynomial(inst: Instance, cell: Signature) -> CellPolynomial:
    """The exact polynomial ``L|_{Ω_u}`` for a signature ``u`` without zeros (Theorem 1)."""
    if any(s == 0 for s in cell) or len(cell) != len(entry_labels(inst)):
        raise ValueError("a cell is a full signature with entries ±1")
    syms = symbols(inst)
    alpha = sympy.Rational(inst.alpha.numerator, inst.alpha.denominator)
    dims = [inst.d0, *inst.hidden]
    pos, params = 0, {}
    for ell in range(1, len(dims)):
        cols = dims[ell - 1]
        params[f"W{ell}"] = [[syms[pos + k * cols + j] for j in range(cols)] for k in range(dims[ell])]
        pos += dims[ell] * dims[ell - 1]
        if inst.bias:
            params[f"b{ell}"] = list(syms[pos:pos + dims[ell]])
            pos += dims[ell]
    R = out_dim(inst)
    params["V"] = [list(syms[pos + r * dims[-1]:pos + (r + 1) * dims[-1]]) for r in range(R)]
    pos += R * dims[-1]
    params["c"] = list(syms[pos:pos + R]) if inst.bias else [0] * R
    mu = inst.hinge_weights
    widths = [*inst.hidden, R]
    loss = sympy.Integer(0)
    e = 0
    for i, x in enumerate(inst.raw_points):
        h = [sympy.Rational(v.numerator, v.denominator) for v in x]
        for ell in range(1, len(dims)):
            b = params.get(f"b{ell}", [0] * dims[ell])
            pre = [sum((w * v for w, v in zip(row, h, strict=True)), sympy.Integer(0)) + b[k]
                   for k, row in enumerate(params[f"W{ell}"])]
            h = [s if cell[e + k] > 0 else alpha * s for k, s in enumerate(pre)]
            e += dims[ell]
        yhat = [sum((w * v for w, v in zip(row, h, strict=True)), sympy.Integer(0)) + params["c"][r]
                for r, row in enumerate(params["V"])]
        args = _hinge_arguments(inst, i, yhat)
        r0 = inst.onehot[i].index(1) if inst.onehot is not None else -1
        m = sympy.Rational(mu[i].numerator, mu[i].denominator)
        for r, a in enumerate(args):
            if cell[e + r] > 0 and r != r0:
                loss += m * a
        e += widths[-1]
    expr = sympy.expand(loss)
    forms, ok = _split_forms(inst, expr, syms)
    lap = sympy.expand(sum(sympy.diff(expr, s, 2) for s in syms))
    return CellPolynomial(tuple(cell), expr, forms, ok, lap == 0, not expr.free_symbols)


def _split_forms(inst: Instance, expr: sympy.Expr, syms: Sequence[sympy.Symbol]) -> tuple[tuple[sympy.Expr, ...], bool]:
    blocks = form_blocks(inst)
    forms = [sympy.Integer(0)] * len(blocks)
    ok = True
    if expr == 0:
        return tuple(forms), True
    poly = sympy.Poly(expr, *syms)
    for monom, coeff in poly.terms():
        degree: dict[str, int] = {}
        term = sympy.Rational(coeff)
        for s, k in zip(syms, monom, strict=True):
            if k:
                degree[_block(s.name)] = degree.get(_block(s.name), 0) + k
                term *= s ** k
        where = [f for f, bl in enumerate(blocks) if bl == frozenset(degree)]
        if not where or any(k != 1 for k in degree.values()):
            ok = False
            where = [len(blocks) - 1] if not degree else where or [0]
        forms[where[0]] += term
    return tuple(forms), ok


# ---------------------------------------------------------------- derivatives at a rational point
def _subs(inst: Instance, p: Point) -> dict[sympy.Symbol, sympy.Rational]:
    return {s: sympy.Rational(v.numerator, v.denominator) for s, v in zip(symbols(inst), flatten(p), strict=True)}


def _fraction(q: Any) -> Fraction:
    q = sympy.Rational(q)
    return Fraction(int(q.p), int(q.q))


def gradient_at(inst: Instance, poly: CellPolynomial, p: Point) -> tuple[Fraction, ...]:
    """``∇L_u(ω)`` of the cell polynomial (also at boundary points: the limit of the cell's gradients)."""
    sub = _subs(inst, p)
    return tuple(_fraction(sympy.diff(poly.expr, s).subs(sub)) for s in symbols(inst))


def hessian_at(inst: Instance, poly: CellPolynomial, p: Point) -> tuple[tuple[Fraction, ...], ...]:
    """The Hessian of the cell polynomial (Laurent–von Brecht Theorem 4's multilinear form) at the point ``p``,
    exactly (sympy differentiation, Fractions).
    """
    sub, syms = _subs(inst, p), symbols(inst)
    return tuple(tuple(_fraction(sympy.diff(poly.expr, a, b).subs(sub)) for b in syms) for a in syms)


@dataclass(frozen=True)
class Indefinite:
    """Corollary 2 at ω: ``uᵀHu > 0 > vᵀHv`` (or ``zero`` when H = 0)."""

    zero: bool
    u: tuple[Fraction, ...] = ()
    v: tuple[Fraction, ...] = ()
    uHu: Fraction = Fraction(0)
    vHv: Fraction = Fraction(0)


def hessian_verdict(inst: Instance, p: Point) -> tuple[CellPolynomial, Indefinite]:
    """At a point inside a cell: the cell polynomial and the Hessian's verdict (Corollary 2).  Inside means every
    zero entry of ``S(ω)`` is null (vanishes identically near ω, :func:`exactrelu.lvb.clarke.open_cell`): ``L = L_u``
    near ω."""
    from .clarke import open_cell

    cell = open_cell(inst, p)
    if cell is None:
        raise ValueError("the point lies on the boundary set N (its signature has zeros): no Hessian")
    poly = cell_polynomial(inst, cell)
    H = hessian_at(inst, poly, p)
    P = len(H)
    for a in range(P):
        for b in range(a + 1, P):
            if H[a][b]:
                s = 1 if H[a][b] > 0 else -1
                u = tuple(Fraction(int(k == a) + s * int(k == b)) for k in range(P))
                v = tuple(Fraction(int(k == a) - s * int(k == b)) for k in range(P))
                quad = [sum((x * H[r][c] * y for r, x in enumerate(w) for c, y in enumerate(w)), Fraction(0))
                        for w in (u, v)]
                return poly, Indefinite(False, u, v, quad[0], quad[1])
    if any(H[a][a] for a in range(P)):  # pragma: no cover - excluded by multilinearity (Theorem 1)
        raise ArithmeticError("nonzero diagonal Hessian entry: the cell loss is not multilinear")
    return poly, Indefinite(True)
