"""Theorems 2–6 of Laurent–von Brecht on instances: Figure-4 minima, type I/II, Theorem 6's blind side.

:func:`blind_minimum` builds, for binary data in the plane and a chosen set of
*dead* points, an exact point ω of loss (9) with two hidden ReLUs (``bias =
true``) like Figure 4(b): unit 1 fires exactly on the live class +1 points,
unit 2 exactly on the live class −1 points (exact LPs), ``v = (s, −s)`` with
margins ``y ŷ > 1`` on live points, and ``c = 0`` when the dead points are
balanced (``Σ_dead μ_i y_i = 0``; a flat cell, type I) or ``c = ±1`` otherwise
(the majority dead class sits exactly at its hinge: a kink, type II).
:func:`theorem6_violations` lists the pairs (unsolved point, active unit)
that are *not* on the blind side; Theorem 6 says there are none at a Clarke
critical point of separable data.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .clarke import ClarkeVerdict, clarke, loss_value
from .feasibility import FeasiblePoint, LinearSystem, decide
from .instance import Instance
from .model import require
from .multilinear import cell_polynomial, pre_activations
from .point import LVB_MODEL, Layer, Point
from .rationals import format_rational, format_vector

__all__ = ["blind_minimum", "theorem6_violations", "classify", "analysis_certificate", "Analysis",
           "BlindCandidate", "equal_class_weights",
           "theorem5_search"]


def _unit(inst: Instance, on: set[int]) -> tuple[Fraction, ...]:
    rows = [([(1 if i in on else -1) * v for v in (*x, Fraction(1))], 0) for i, x in enumerate(inst.raw_points)]
    ans = decide(LinearSystem.build(inst.d0 + 1, strict=rows))
    if not isinstance(ans, FeasiblePoint):
        raise ValueError(f"no hyperplane fires exactly on points {sorted(on)}")
    return ans.point


def blind_minimum(inst: Instance, dead: set[int]) -> Point:
    """An exact Figure-4 configuration (needs ``hidden = [2]``, ``bias = true``, binary targets)."""
    if inst.hidden != (2,) or not inst.bias or inst.onehot is not None:
        raise ValueError("blind_minimum needs hidden = [2], bias = true and binary targets")
    live_pos = {i for i in range(inst.n) if i not in dead and inst.targets[i] == 1}
    live_neg = {i for i in range(inst.n) if i not in dead and inst.targets[i] == -1}
    h1, h2 = _unit(inst, live_pos), _unit(inst, live_neg)
    mu = inst.hinge_weights
    tilt = sum((mu[i] * inst.targets[i] for i in dead), Fraction(0))
    c = Fraction((tilt > 0) - (tilt < 0))
    pres = [sum((a * b for a, b in zip(h, (*inst.raw_points[i], 1), strict=True)), Fraction(0))
            for h, group in ((h1, live_pos), (h2, live_neg)) for i in group]
    s = (2 / min(pres) + 1) if pres else Fraction(1)
    W = (h1[:-1], h2[:-1])
    return Point((Layer(W, (h1[-1], h2[-1])),), ((s, -s),), (c,))


def theorem6_violations(inst: Instance, p: Point) -> list[tuple[int, int]]:
    """Pairs (i, k): point i unsolved (hinge argument > 0), unit k active on it (pre > 0) with v_k ≠ 0."""
    out = []
    for i, per in enumerate(pre_activations(inst, p)):
        if per[-1][0] > 0:
            out += [(i, k) for k, pre in enumerate(per[0]) if pre > 0 and p.V[0][k] != 0]
    return out


@dataclass(frozen=True)
class Analysis:
    clarke: ClarkeVerdict
    loss: Fraction
    kind: str                 # "type I" (a flat adjacent cell), "type II", or "-" (not critical / undecided)
    violations: tuple[tuple[int, int], ...]
    # type II evidence: each flat cell that is not adjacent, with Motzkin multipliers on zero entries affine near ω
    excluded: tuple[tuple[tuple[int, ...], tuple[Fraction, ...]], ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"clarke": self.clarke.verdict, "loss": format_rational(self.loss), "type": self.kind,
                "theorem6_violations": [list(v) for v in self.violations]}


def _full_cell(ver: ClarkeVerdict, tau: tuple[int, ...]) -> tuple[int, ...]:
    u = list(ver.signature)
    for e, s in zip(ver.zeros, tau, strict=True):
        u[e] = s
    return tuple(u)


def classify(inst: Instance, p: Point) -> Analysis:
    """Clarke verdict, loss, type I/II (Theorems 2–3 vocabulary) and Theorem 6's check at ω.

    Type I: some cell adjacent to a critical ω has a constant loss (a flat cell).
    Type II: no cell that may be adjacent (adjacent or of unknown adjacency) is
    flat.  A flat cell of unknown adjacency leaves the type ``undecided``.  Only Clarke criticality is
    decided, never minimality; the type names Laurent–von Brecht's classes for networks with biases
    (``exactrelu lvb`` reports it only when ``data.bias`` is true).
    """
    require(inst, LVB_MODEL, "the Laurent–von Brecht analysis")
    ver = clarke(inst, p)
    kind, excluded = "-", []
    if ver.verdict == "critical":
        kind = "type II"
        for c in ver.cells:
            if not cell_polynomial(inst, _full_cell(ver, c.tau)).constant:
                continue
            if c.status == "adjacent":
                kind, excluded = "type I", []
                break
            mult = c.multipliers if c.status == "not-adjacent" else _affine_exclusion(inst, p, ver, c.tau)
            if mult is None:
                kind = "undecided"
            else:
                excluded.append((c.tau, mult))
    viol = tuple(theorem6_violations(inst, p)) if inst.onehot is None and len(inst.hidden) == 1 else ()
    return Analysis(ver, loss_value(inst, p), kind, viol, tuple(excluded) if kind == "type II" else ())


def _affine_exclusion(inst: Instance, p: Point, ver: ClarkeVerdict,
                      tau: tuple[int, ...]) -> tuple[Fraction, ...] | None:
    """Motzkin multipliers proving the cell ``τ`` empty near ω from the zero entries that are affine near ω."""
    from .instance import instance_to_mapping
    from .kernel.lvb import Net
    from .kernel.lvb_analysis import affine_zero_rows
    from .point import flatten

    net = Net(instance_to_mapping(inst))
    rows = affine_zero_rows(net, ver.signature, ver.zeros)
    used = [z for z, r in enumerate(rows) if r is not None]
    if not used:
        return None
    system = LinearSystem.build(len(flatten(p)), strict=[([tau[z] * v for v in rows[z]], 0) for z in used])
    ans = decide(system)
    if isinstance(ans, FeasiblePoint):
        return None
    mult = dict(zip(used, ans.strict, strict=True))
    return tuple(mult.get(z, Fraction(0)) for z in range(len(tau)))


def _cell_facts(inst: Instance, cell: tuple[int, ...]) -> dict[str, Any]:
    import sympy

    from .multilinear import symbols

    poly = cell_polynomial(inst, cell)
    syms = symbols(inst)
    terms = []
    if poly.expr != 0:
        for monom, coeff in sympy.Poly(poly.expr, *syms).terms():
            q = sympy.Rational(coeff)
            terms.append({"monomial": [[v, e] for v, e in enumerate(monom) if e],
                          "coefficient": format_rational(Fraction(int(q.p), int(q.q)))})
    return {"terms": terms, "multilinear": poly.multilinear, "harmonic": poly.harmonic, "constant": poly.constant}


def analysis_certificate(inst: Instance, p: Point, analysis: Analysis | None = None) -> dict[str, Any]:
    """Claim ``lvb-analysis``: every verdict of ``exactrelu lvb`` (signature, cell facts, Hessian, Clarke, type,
    Theorem 6 violations), with the Hessian and Clarke certificates as steps."""
    from .certificates import certificate, sign_string, step
    from .multilinear import hessian_certificate, hessian_verdict, signature, zero_entries
    from .point import point_to_mapping

    a = analysis or classify(inst, p)
    sig = signature(inst, p)
    claim: dict[str, Any] = {"kind": "lvb-analysis", "point": point_to_mapping(p), "signature": sign_string(sig),
                             "loss": format_rational(a.loss), "cell": None, "hessian": None,
                             "clarke": a.clarke.verdict, "type": a.kind,
                             "theorem6_violations": [list(v) for v in a.violations]}
    steps, ev = [], {}
    if not zero_entries(sig):
        claim["cell"] = _cell_facts(inst, sig)
        _, ind = hessian_verdict(inst, p)
        claim["hessian"] = "zero" if ind.zero else "indefinite"
        if not ind.zero:
            h = hessian_certificate(inst, p, ind)
            steps.append(step("hessian", h["claim"], h["evidence"]))
            ev["hessian"] = "hessian"
    if a.clarke.verdict != "undecided":
        c = a.clarke.certificate(inst, p)
        steps.append(step("clarke", c["claim"], c["evidence"]))
        ev["clarke"] = "clarke"
    ver = a.clarke
    if a.kind == "type I":
        cell = next(c for c in ver.cells if c.status == "adjacent"
                    and cell_polynomial(inst, _full_cell(ver, c.tau)).constant)
        ev["type"] = {"signs": sign_string(cell.tau), "ray": format_vector(cell.ray)}
    elif a.kind == "type II":
        ev["type"] = {"excluded": [{"signs": sign_string(t), "multipliers": format_vector(m)} for t, m in a.excluded]}
    return certificate(claim, ev, inst, steps=steps)


@dataclass(frozen=True)
class BlindCandidate:
    """One Figure-4 construction in the Theorem 5 search: its dead set, point, loss and Clarke verdict."""

    dead: tuple[int, ...]
    point: Point
    verdict: ClarkeVerdict


def equal_class_weights(inst: Instance) -> Instance:
    """The same data with ``μ_i = 1/(2 N_±)``: both classes weigh 1/2 (the hypothesis of Theorem 5)."""
    from dataclasses import replace

    npos = sum(1 for y in inst.targets if y == 1)
    nneg = inst.n - npos
    return replace(inst, weights=tuple(Fraction(1, 2 * (npos if y == 1 else nneg)) for y in inst.targets))


def theorem5_search(inst: Instance, max_dead: int | None = None) -> list[BlindCandidate]:
    """Every Figure-4 (blind-side) construction over ``inst``'s data, with its exact Clarke verdict.

    Searched: each dead set ``D ⊆ [N]`` with ``|D| ≤ max_dead`` for which
    :func:`blind_minimum` exists (the live points of each class are cut off
    exactly by one hyperplane, decided by an exact LP); the point is judged
    with ``inst``'s activation and weights.  Theorem 5 (leaky, separable,
    equal class weights) predicts that no candidate with loss > 0 is critical.
    """
    import itertools

    out = []
    top = inst.n if max_dead is None else max_dead
    for k in range(top + 1):
        for dead in itertools.combinations(range(inst.n), k):
            try:
                p = blind_minimum(inst, set(dead))
            except ValueError:
                continue
            out.append(BlindCandidate(dead, p, clarke(inst, p)))
    return out
