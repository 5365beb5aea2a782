"""Laurent–von Brecht's results at the edge: the text and ``--json`` bodies of ``exactrelu lvb`` / ``generic`` /
``separable`` / ``penalty`` (docs/json.md, docs/lvb.md), and the Figure-4-like picture.

One function per result type of :mod:`exactrelu.lvb`, each reading only the frozen result value: the Clarke verdict
of Definition 2 (:func:`clarke_json`), a cell polynomial of Theorem 1 (:func:`cell_polynomial_json`), everything
decided at a point (:func:`point_json`, :func:`point_text`, with :func:`minimality_line`), Definition 1's rare /
generic verdict (:func:`rarity_json`, :func:`rarity_text`), linear separability (:func:`separability_json`,
:func:`separability_text`) and Theorem 7's exact penalty (:func:`penalty_json`, :func:`penalty_text`).  A Clarke
verdict (``critical`` | ``not-critical`` | ``undecided``) is the JSON boolean ``critical`` (``null``: undecided), as
its certificate states it; rationals are ``p/q``, sign vectors ``+``/``-``/``0``.

The picture (:func:`figure4`): 2-D data, the units' lines, solved (green) and unsolved (red) points.  Display only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..core.instance import Instance
from ..core.point import Point
from ..core.rationals import format_rational, format_vector, sign_string
from ..lvb.clarke import ClarkeVerdict, Criticality
from ..lvb.generic import Rarity
from ..lvb.multilinear import CellPolynomial, pre_activations
from ..lvb.penalty import PenaltyCheck
from ..lvb.separability import Separability
from ..lvb.theorems import Analysis, MinimalityCase, MinimumType, PointVerdicts

__all__ = [
    "CASES",
    "clarke_json",
    "cell_polynomial_json",
    "minimality_line",
    "point_json",
    "point_text",
    "rarity_json",
    "rarity_text",
    "separability_json",
    "separability_text",
    "penalty_json",
    "penalty_text",
    "figure4",
    "figure4_png",
    "figure4_bytes",
]

CASES = {
    MinimalityCase.ZERO: "L(ω) = 0 = min L (the hinge loss is ≥ 0): a global minimum",
    MinimalityCase.NOT_CRITICAL: "not Clarke critical: a local minimum is Clarke critical (Laurent–von Brecht §3)",
    MinimalityCase.CELL: "in an open cell: L = L_u near ω, harmonic (Theorem 1); a local minimum iff L_u is constant "
                         "(strong maximum principle, Corollary 1), decided coefficient by coefficient",
    MinimalityCase.CONVEX: "every point contributing near ω is dead in the last hidden layer: near ω, L is a convex "
                           "function of the output bias alone, so it is a local minimum iff Clarke critical",
    MinimalityCase.DESCENT: "a ray entering an open cell along which L decreases (its loss series has c1 < 0, or "
                            "c1 = 0 > c2)",
    MinimalityCase.UNDECIDED_CLARKE: "Clarke criticality is undecided",
    MinimalityCase.UNDECIDED: "critical on N with a point that contributes through a live last hidden layer (L is not "
                              "piecewise linear near ω) and none of the small integer rays descends to order t²",
}
"""Why each case of :func:`exactrelu.lvb.theorems.classify`'s local-minimality verdict (``Analysis.case``) decides it
(the module docstring of :mod:`exactrelu.lvb.theorems`), in the words of ``exactrelu lvb``."""

_CRITICAL = {Criticality.CRITICAL: True, Criticality.NOT_CRITICAL: False, Criticality.UNDECIDED: None}


def _words(value: Any) -> str:
    """Text for a reader: yes/no for booleans, items joined for lists and tuples, key: value for mappings,
    never a Python repr."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None:
        return "none"
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_words(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return "(" + ", ".join(_words(v) for v in value) + ")"
    return str(value)


# ---------------------------------------------------------------- Definition 2: Clarke criticality
def clarke_json(v: ClarkeVerdict) -> dict[str, Any]:
    """The ``--json`` form of a Clarke verdict (``clarke_detail`` of ``exactrelu lvb``): criticality as a boolean
    (``null``: undecided), signature, zero and null entries, loss, every candidate cell with its status and gradient,
    and the convex weights (a list of ``{signs, weight}``: sign strings are data, not keys) or the direction.

    >>> from fractions import Fraction
    >>> from exactrelu.lvb.clarke import Adjacency, CellGradient
    >>> v = ClarkeVerdict(Criticality.CRITICAL, (1, 0), (1,), (CellGradient((1,), Adjacency.ADJACENT, (Fraction(1),)),
    ...                   CellGradient((-1,), Adjacency.ADJACENT, (Fraction(-1),))),
    ...                   (((1,), Fraction(1, 2)), ((-1,), Fraction(1, 2))), loss=Fraction(3, 2))
    >>> clarke_json(v)["critical"], clarke_json(v)["signature"], clarke_json(v)["weights"]  # ½·1 + ½·(−1) = 0
    (True, '+0', [{'signs': '+', 'weight': '1/2'}, {'signs': '-', 'weight': '1/2'}])
    """
    out: dict[str, Any] = {"critical": _CRITICAL[v.verdict], "signature": sign_string(v.signature),
                           "zero_entries": list(v.zeros), "null_entries": list(v.nulls),
                           "loss": format_rational(v.loss),
                           "cells": [{"signs": sign_string(c.tau), "status": c.status,
                                      "gradient": format_vector(c.gradient)} for c in v.cells]}
    if v.weights:
        out["weights"] = [{"signs": sign_string(t), "weight": format_rational(w)} for t, w in v.weights]
    if v.direction:
        out["direction"] = format_vector(v.direction)
    if v.reason:
        out["reason"] = v.reason
    return out


# ---------------------------------------------------------------- Theorem 1: the cell polynomials
def cell_polynomial_json(c: CellPolynomial) -> dict[str, Any]:
    """The ``--json`` form of ``L`` on one cell (Theorem 1): the polynomial, its forms ``φ_0 … φ_{L+2}`` and the
    checks of Theorem 1 / Corollary 1."""
    return {"cell": sign_string(c.cell), "polynomial": str(c.expr),
            "forms": [str(f) for f in c.forms], "multilinear": c.multilinear,
            "harmonic": c.harmonic, "constant": c.constant}


# ---------------------------------------------------------------- Theorems 2–6: everything decided at a point
def _type(a: Analysis, bias: bool) -> str | None:
    """Laurent–von Brecht's type as ``I`` | ``II`` | ``undecided``, only at a proved minimum of a biased network."""
    kind = {MinimumType.TYPE_I: "I", MinimumType.TYPE_II: "II", MinimumType.UNDECIDED: "undecided"}.get(a.kind)
    kind = kind if bias else None
    return kind if a.minimum else None


def point_json(r: PointVerdicts, bias: bool) -> dict[str, Any]:
    """The ``lvb --json`` body (docs/json.md): Clarke criticality and local minimality as booleans (``null``:
    undecided) with the case that decided minimality, the Hessian as ``zero`` | ``indefinite`` | ``null``
    (boundary point), Laurent–von Brecht's type as ``I`` | ``II`` | ``undecided`` | ``null`` (no proved minimum,
    or no bias: the types are defined for biased networks)."""
    a = r.analysis
    return {"signature": sign_string(r.signature), "zero_entries": list(r.zero_entries),
            "cell": None if r.cell is None else cell_polynomial_json(r.cell),
            "hessian": None if r.hessian is None else "zero" if r.hessian.zero else "indefinite",
            "loss": format_rational(a.loss), "clarke_critical": _CRITICAL[a.clarke.verdict],
            "local_minimum": a.minimum, "minimality_case": a.case, "type": _type(a, bias),
            "theorem6_violations": [list(v) for v in a.violations], "minimality_certified": a.minimum is not None,
            "clarke_detail": clarke_json(a.clarke)}


def minimality_line(a: Analysis, bias: bool) -> str:
    """Local minimality and the type, in words that claim no more than is proved (docs/lvb.md)."""
    why = CASES[a.case]
    if a.minimum is None:
        head = "critical, minimality undecided" if a.clarke.verdict == Criticality.CRITICAL else "minimality undecided"
        return f"local minimum: {head}: {why}"
    if a.minimum is False:
        ray = f"; δ = ({', '.join(map(format_rational, a.descent))})" if a.descent else ""
        return f"local minimum: no ({why}{ray})"
    if not bias:
        return (f"local minimum: yes ({why}); type I/II not applicable (Laurent–von Brecht's networks have biases; "
                "data.bias = false)")
    kind = {MinimumType.TYPE_I: "type I (flat: ω is in or on the boundary of a flat cell)",
            MinimumType.TYPE_II: "type II (sharp: no cell near ω is flat)"}.get(
        a.kind, "type undecided (a flat cell of unknown adjacency)")
    return f"local minimum: yes ({why}); {kind}"


def point_text(r: PointVerdicts, bias: bool) -> list[str]:
    """The lines ``exactrelu lvb`` prints: signature, the cell's polynomial and its checks (inside a cell), the
    Hessian, loss and Clarke verdict, local minimality (:func:`minimality_line`) and Theorem 6's violations."""
    a, c = r.analysis, r.cell
    zeros = ", ".join(str(k) for k in r.zero_entries) or "none"
    lines = [f"signature S(ω) = {sign_string(r.signature)}  (zero entries: {zeros})"]
    if c is not None:
        lines.append(f"cell loss = {c.expr}")
        # multilinear / harmonic are decided exactly (sympy) but not certified; "constant" is, as the local-minimum
        # verdict (inside a cell: a local minimum iff the cell's loss is constant)
        lines.append(f"multilinear: {_words(c.multilinear)}, harmonic: {_words(c.harmonic)} (exact; not in the "
                     f"certificate); constant (Corollary 1): {_words(c.constant)} (certified, as the local-minimum "
                     "verdict)")
    hessian = "none (boundary point)" if r.hessian is None else "zero" if r.hessian.zero else "indefinite"
    lines.append(f"Hessian: {hessian}")
    nulls = ", ".join(map(str, a.clarke.nulls))
    null_note = f" (null entries, ≡ 0 near ω: {nulls})" if nulls else ""
    lines.append(f"loss = {format_rational(a.loss)}; Clarke: {a.clarke.verdict} {a.clarke.reason}{null_note}")
    lines.append(minimality_line(a, bias))
    if a.violations:
        lines.append("Theorem 6 blind-side violations (point, unit): "
                     + ", ".join(f"({i}, {k})" for i, k in a.violations))
    return lines


# ---------------------------------------------------------------- Definition 1: rare vs generic data
def rarity_json(r: Rarity) -> dict[str, Any]:
    """The ``generic --json`` body: rare or not, the combinations examined and, when rare, the solution ``(λ, ε)``
    of system (7) as exponents of α and ε per point and class.

    >>> rarity_json(Rarity(True, 3, (0, 1), ((0, 1), (1, 0))))
    {'rare': True, 'examined': 3, 'lambda_exponents': [0, 1], 'epsilon': [[0, 1], [1, 0]]}
    """
    out: dict[str, Any] = {"rare": r.rare, "examined": r.examined}
    if r.rare:
        out |= {"lambda_exponents": list(r.lambda_exponents), "epsilon": [list(row) for row in r.epsilon]}
    return out


def rarity_text(r: Rarity, alpha: str, depth: int) -> list[str]:
    """The lines ``exactrelu generic`` prints (``alpha`` as the user wrote it): the verdict and, when rare,
    ``λ`` and ``ε``."""
    lines = [f"{'rare' if r.rare else 'generic'} (Definition 1, α = {alpha}, L = {depth}); combinations examined: "
             f"{r.examined}"]
    if r.rare:
        eps = "; ".join(" ".join(str(e) for e in row) for row in r.epsilon)
        lines.append(f"λ exponents ({', '.join(str(k) for k in r.lambda_exponents)}), ε rows: {eps}")
    return lines


# ---------------------------------------------------------------- Theorems 4–6's hypothesis: separability
def separability_json(s: Separability) -> dict[str, Any]:
    """The ``separable --json`` body: ``(w, b)`` or the Motzkin multipliers.

    >>> from fractions import Fraction
    >>> separability_json(Separability(False, multipliers=(Fraction(1, 4), Fraction(1, 2), Fraction(1, 4))))
    {'separable': False, 'multipliers': ['1/4', '1/2', '1/4']}
    """
    if s.separable:
        return {"separable": True, "w": format_vector(s.w), "b": format_rational(s.b)}
    return {"separable": False, "multipliers": format_vector(s.multipliers)}


def separability_text(s: Separability) -> str:
    """The line ``exactrelu separable`` prints."""
    if s.separable:
        return (f"separable: y_i(<w, x_i> + b) > 0 for w = ({', '.join(format_rational(v) for v in s.w)}), "
                f"b = {format_rational(s.b)}")
    return ("not separable: Motzkin multipliers "
            f"({', '.join(format_rational(v) for v in s.multipliers)}) prove no (w, b) exists")


# ---------------------------------------------------------------- Theorem 7: the exact penalty
def penalty_json(c: PenaltyCheck) -> dict[str, Any]:
    """The ``penalty --json`` body: γ, ``E_γ``, criticality of ``E_γ`` and each class's (ii) as booleans (``null``:
    undecided), as in the ``exact-penalty`` certificate, (i), every class's two Clarke verdicts, and ``verdict``,
    Theorem 7's."""
    return {"gamma": format_rational(c.gamma), "loss": format_rational(c.loss), "critical": _CRITICAL[c.critical],
            "equal_replicates": c.equal, "two_class": [_CRITICAL[v.verdict] for v in c.two_class],
            "verdict": c.theorem7,
            "classes": [{"penalised": clarke_json(a), "two_class": clarke_json(b)}
                        for a, b in zip(c.penalised, c.two_class, strict=True)]}


def penalty_text(c: PenaltyCheck) -> list[str]:
    """The lines ``exactrelu penalty`` prints: ``E_γ`` and its criticality, (i), (ii) per class, Theorem 7."""
    return [f"E_γ = {format_rational(c.loss)} (γ = {format_rational(c.gamma)}); Clarke critical: "
            f"{_words(c.critical)}",
            f"(i) replicates equal: {_words(c.equal)}; (ii) 0 ∈ ∂L^(r) per class: "
            f"{_words([v.verdict for v in c.two_class])}",
            f"Theorem 7 (Laurent–von Brecht): {_words(c.theorem7)}"]


# ---------------------------------------------------------------- Figure 4


def figure4_png(inst: Instance, p: Point, out: str | Path) -> None:
    """:func:`figure4` written atomically to ``out``, mode 0644."""
    from .plotting import save_figure

    save_figure(figure4(inst, p), out)


def figure4(inst: Instance, p: Point) -> Any:
    """Laurent–von Brecht's Figure 4 for one point ω: the data (circle = class +1, triangle = class −1; filled
    green when solved, red when unsolved, i.e. the hinge argument of the point is positive), and each hidden
    unit's line ``<w_k, x> + b_k = 0`` in its own colour and line style, with a legend, axis labels and a title."""
    from matplotlib.lines import Line2D

    from .plotting import COLOURS, pyplot

    if inst.d0 != 2 or inst.onehot is not None or len(inst.hidden) != 1:
        raise ValueError("the Figure-4 plot needs 2-D binary data and one hidden layer")
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(5.5, 4.5), layout="constrained")
    xs = [float(x[0]) for x in inst.raw_points]  # display-only
    ys = [float(x[1]) for x in inst.raw_points]  # display-only
    for i, per in enumerate(pre_activations(inst, p)):
        colour = "tab:red" if per[-1][0] > 0 else "tab:green"
        ax.scatter(xs[i], ys[i], c=colour, marker="o" if inst.targets[i] == 1 else "^", s=70, edgecolors="black",
                   zorder=3)
    lo, hi = min(xs + ys) - 1, max(xs + ys) + 1  # display-only
    handles = []
    for k, (w, b) in enumerate(zip(p.layers[0].W, p.layers[0].b or (0,) * len(p.layers[0].W), strict=True)):
        w0, w1, b0 = float(w[0]), float(w[1]), float(b)  # display-only
        style = {"color": COLOURS[k % len(COLOURS)], "linestyle": ("-", "--", "-.", ":")[k % 4], "lw": 2}
        if w1:
            ax.plot([lo, hi], [-(w0 * lo + b0) / w1, -(w0 * hi + b0) / w1], **style)  # display-only
        elif w0:
            ax.axvline(-b0 / w0, **style)  # display-only
        handles.append(Line2D([], [], label=f"unit {k + 1}: <w, x> + b = 0", **style))
    for label, marker, colour in (("class +1", "o", "white"), ("class −1", "^", "white"),
                                  ("solved", "s", "tab:green"), ("unsolved", "s", "tab:red")):
        handles.append(Line2D([], [], marker=marker, color="none", markerfacecolor=colour, markeredgecolor="black",
                              markersize=8, label=label))
    ax.set_xlim(lo, hi)
    ax.set_ylim(lo, hi)
    ax.set_xlabel("x₁")
    ax.set_ylabel("x₂")
    ax.legend(handles=handles, fontsize=8, loc="center left", bbox_to_anchor=(1.01, 0.5))
    ax.set_title(f"{inst.name}: hidden units and solved points\n(Figure 4 of Laurent–von Brecht)", fontsize=9)
    return fig


def figure4_bytes(inst: Instance, p: Point) -> bytes:
    """:func:`figure4` as PNG bytes (the figures of ``exactrelu reproduce``'s lvb/ folder)."""
    from .plotting import figure_bytes

    return figure_bytes(figure4(inst, p))
