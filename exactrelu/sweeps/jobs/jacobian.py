"""Catalogue entries for SPEC §3 (Karhadkar et al.): ranks, Theorems 2/5/7–10, Propositions 11/13, Figures 3/4."""

from __future__ import annotations

from typing import Any

from ...certify.kmtm import jacobian_rank_certificate, theorem_certificates
from ...core.instance import Instance, instance_from_mapping
from ...kmtm.figures import fullrank_table, globalmin_table, grid_instance
from ...kmtm.jacobian import jacobian_rank
from ...kmtm.theorems import (
    Theorem10Numbers,
    TheoremReport,
    corollary5,
    proposition11,
    proposition13,
    theorem2,
    theorem7,
    theorem8,
    theorem9,
    theorem10,
)
from ...render.kmtm import render_fullrank, render_globalmin
from ...render.theorems import approx, number_lines, yes_no
from ..reproduce import Catalogue

SECTION = "Jacobian rank (Karhadkar–Murray–Tseran–Montúfar)"


def _nonempty(x: Theorem10Numbers) -> str:
    lo, hi = x.nonempty_patterns_bounds
    return str(lo) if lo == hi else f"[{lo}, {hi}] ({x.undecided} undecided)"


def _add(cat: Catalogue, path: str, instance: Instance, document: dict[str, Any], claim: str, result: str) -> None:
    """Catalogue one certificate on ``instance`` under this section."""
    cat.add(path, document, section=SECTION, instance=instance.name, claim=claim, result=result)


def _add_report(
    cat: Catalogue, path: str, instance: Instance, report: TheoremReport[Any], key: str, claim: str, result: str
) -> None:
    """Catalogue the certificate ``key`` of a KMTM theorem report on ``instance`` under this section."""
    _add(cat, path, instance, theorem_certificates(instance, report)[key], claim, result)


def run(cat: Catalogue) -> None:
    """The jacobian/ folder: rank certificates, Theorems 2/5/7–10 and Propositions 11/13 as reports, and the
    slides' Figures 3–5 as exact tables."""
    line3 = instance_from_mapping(
        {
            "name": "kmtm-line3",
            "data": {"points": [[0], [1], [2]], "targets": [1, -1, 2], "bias": True},
            "network": {"hidden": [4], "output": [1, 1, -1, -1]},
        }
    )
    jr = jacobian_rank(line3, ((1, 1, 1), (0, 1, 1), (0, 0, 1), (1, 0, 0)))
    _add(cat, "jacobian/line3-rank.json", line3, jacobian_rank_certificate(line3, jr),
         "rank ∇_W F on pattern 111,011,001,100", f"{jr.rank} (full)")
    dup = instance_from_mapping(
        {
            "name": "kmtm-duplicate",
            "data": {"points": [[1, 2], [1, 2], [0, 1]], "targets": [1, 1, 1]},
            "network": {"hidden": [2], "output": [1, 1]},
        }
    )
    rep = corollary5(dup)
    _add_report(cat, "jacobian/duplicate-fullrank.json", dup, rep, "fullrank-topes",
                "full-rank non-empty regions with a repeated point",
                f"{rep.numbers.full_rank_count} of {rep.numbers.nonempty_regions}")
    small = grid_instance(3, 1, 2)
    for name, fn, key in (
        ("theorem2", theorem2, "fullrank-all"),
        ("corollary5", corollary5, "fullrank-topes"),
        ("theorem7", theorem7, "fullrank-topes"),
    ):
        r = fn(small)
        frac = approx(r.numbers.fraction_full_rank)
        _add_report(cat, f"jacobian/{name}-n3-d1-2.json", small, r, key,
                    f"{'Corollary' if r.theorem == '5' else 'Theorem'} {r.theorem}: fraction with rank n",
                    f"{frac}; {r.verdict}: {r.reason}")
    wide = grid_instance(2, 1, 8)  # d1 = 8 ≥ 2n ln(n/ε) for ε = 2e^{-2}: Theorem 7 is not vacuous
    r7 = theorem7(wide)
    _add_report(cat, "jacobian/theorem7-n2-d1-8.json", wide, r7, "fullrank-topes", "Theorem 7 with a non-vacuous ε_T",
                f"{approx(r7.numbers.fraction_bad)} bad; {r7.verdict}: {r7.reason}")
    r8 = theorem8(line3)
    _add_report(cat, "jacobian/theorem8-line3.json", line3, r8, "globalmin-topes",
                "Theorem 8: regions with codim-n global minima",
                f"{approx(r8.numbers.fraction_good)}; {r8.verdict}: {r8.reason}")
    rows = fullrank_table([2, 3, 4], [1, 2], [1, 2, 3, 4])
    cat.add_file("jacobian/figure3-fullrank.md", render_fullrank(rows, "markdown") + "\n")
    cat.add_file("jacobian/figure3-fullrank.csv", render_fullrank(rows, "csv") + "\n")
    grows = globalmin_table([2, 3], [1, 2])
    cat.add_file("jacobian/figure4-globalmin.md", render_globalmin(grows, "markdown") + "\n")
    # Figure 5 of the slides: the same fraction for two-dimensional inputs
    grows2 = globalmin_table([2, 3], [1, 2], d0=2)
    cat.add_file("jacobian/figure5-globalmin-d0-2.md", render_globalmin(grows2, "markdown") + "\n")
    r9 = theorem9(wide)
    _add_report(cat, "jacobian/theorem9-n2-d1-8.json", wide, r9, "fullrank-topes",
                "Theorem 9 decided exactly per region (certificate: the full-rank sufficient condition)",
                f"bad fraction {approx(r9.numbers.fraction_bad)}; {r9.verdict}: {r9.reason}")
    box = instance_from_mapping(
        {
            "name": "kmtm-prop11",
            "data": {"points": [[-1], [0], [1]], "targets": [0, 0, 0], "bias": True},
            "network": {"hidden": [12], "output": [1] * 12},
        }
    )
    r11 = proposition11(box)
    _add_report(cat, "jacobian/prop11-volume.json", box, r11, "fullrank-volume",
                "Proposition 11: measure of full-rank regions in [−1,1]^(2·12)",
                f"{approx(r11.numbers.fraction_full_rank)} of 4^12; {r11.verdict}: {r11.reason}")
    hat = instance_from_mapping(
        {
            "name": "kmtm-hat",
            "data": {"points": [[0], [1], [2]], "targets": [0, 1, 0], "bias": True},
            "network": {"hidden": [2], "output": [1, -1]},
        }
    )
    r13 = proposition13(hat)
    docs13 = theorem_certificates(hat, r13)
    _add(cat, "jacobian/prop13-hat.json", hat, docs13["signed"],
         "Proposition 13: hat (0,1,0) = σ(x) − σ(2x − 2); generators = polyline vertices",
         f"{r13.verdict}: {r13.reason}")
    deep = instance_from_mapping(
        {
            "name": "kmtm-deep",
            "data": {"points": [[0], [1]], "targets": [0, 0], "bias": True},
            "network": {"hidden": [2, 2], "output": [1, -1]},
        }
    )
    r10 = theorem10(deep)
    cat.add_file(
        "jacobian/theorem10-deep.md",
        "# Theorem 10, points 0, 1 with bias, widths (2, 2), v = (1, −1)\n\n"
        + "\n".join(f"- {line.label}: {line.text}" for line in number_lines(r10.numbers))
        + f"\n\nverdict: {r10.verdict} ({r10.reason})\n",
    )
    _add_report(cat, "jacobian/theorem10-deep.json", deep, r10, "deep-count",
                "Theorem 10: every pattern empty (Motzkin / zero column), non-empty with rank at a witness, "
                "or undecided",
                f"{r10.verdict}: {_nonempty(r10.numbers)} non-empty patterns")
    _add(cat, "jacobian/prop13-hat-not-sum.json", hat, docs13["sum"],
         "Proposition 13: the hat (0,1,0) is not a sum of 2 ReLUs (Farkas multipliers of every LP)",
         f"{yes_no(r13.numbers.sum_of_m_relus)} ({r13.numbers.sum_lps} exact LPs)")
