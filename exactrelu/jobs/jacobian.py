"""Catalogue entries for SPEC §3 (Karhadkar et al.): Jacobian ranks, Theorems 2/5/7/8, Figure 3/4 tables."""

from __future__ import annotations

from ..figures import fullrank_table, globalmin_table, grid_instance, render_fullrank, render_globalmin
from ..instance import instance_from_mapping
from ..jacobian import jacobian_rank
from ..kmtm import corollary5, theorem2, theorem7, theorem8
from ..reproduce import Catalogue

SECTION = "Jacobian rank (Karhadkar–Murray–Tseran–Montúfar)"


def run(cat: Catalogue) -> None:
    line3 = instance_from_mapping(
        {
            "name": "kmtm-line3",
            "data": {"points": [[0], [1], [2]], "targets": [1, -1, 2], "bias": True},
            "network": {"hidden": [4], "output": [1, 1, -1, -1]},
        }
    )
    jr = jacobian_rank(line3, ((1, 1, 1), (0, 1, 1), (0, 0, 1), (1, 0, 0)))
    cat.add(
        "jacobian/line3-rank.json",
        jr.certificate(line3),
        section=SECTION,
        instance=line3.name,
        claim="rank ∇_W F on pattern 111,011,001,100",
        result=f"{jr.rank} (full)",
    )
    dup = instance_from_mapping(
        {
            "name": "kmtm-duplicate",
            "data": {"points": [[1, 2], [1, 2], [0, 1]], "targets": [1, 1, 1]},
            "network": {"hidden": [2], "output": [1, 1]},
        }
    )
    rep = corollary5(dup)
    cat.add(
        "jacobian/duplicate-fullrank.json",
        rep.certificates["fullrank-topes"],
        section=SECTION,
        instance=dup.name,
        claim="full-rank non-empty regions with a repeated point",
        result=rep.numbers["full_rank"] + " of " + rep.numbers["nonempty_regions"],
    )
    small = grid_instance(3, 1, 2)
    for name, fn, key in (
        ("theorem2", theorem2, "fullrank-all"),
        ("corollary5", corollary5, "fullrank-topes"),
        ("theorem7", theorem7, "fullrank-topes"),
    ):
        r = fn(small)
        frac = r.numbers.get("fraction_full_rank", "")
        cat.add(
            f"jacobian/{name}-n3-d1-2.json",
            r.certificates[key],
            section=SECTION,
            instance=small.name,
            claim=f"Theorem {r.theorem}: fraction with rank n",
            result=f"{frac}; {r.verdict}",
        )
    wide = grid_instance(2, 1, 8)  # d1 = 8 ≥ 2n ln(n/ε) for ε = 2e^{-2}: Theorem 7 is not vacuous
    r7 = theorem7(wide)
    cat.add(
        "jacobian/theorem7-n2-d1-8.json",
        r7.certificates["fullrank-topes"],
        section=SECTION,
        instance=wide.name,
        claim="Theorem 7 with a non-vacuous ε_T",
        result=f"{r7.numbers['fraction_bad']} bad; {r7.verdict}",
    )
    r8 = theorem8(line3)
    cat.add(
        "jacobian/theorem8-line3.json",
        r8.certificates["globalmin-topes"],
        section=SECTION,
        instance=line3.name,
        claim="Theorem 8: regions with codim-n global minima",
        result=f"{r8.numbers['fraction_good']}; {r8.verdict}",
    )
    rows = fullrank_table([2, 3, 4], [1, 2], [1, 2, 3, 4])
    cat.add_file("jacobian/figure3-fullrank.md", render_fullrank(rows, "markdown") + "\n")
    cat.add_file("jacobian/figure3-fullrank.csv", render_fullrank(rows, "csv") + "\n")
    grows = globalmin_table([2, 3], [1, 2])
    cat.add_file("jacobian/figure4-globalmin.md", render_globalmin(grows, "markdown") + "\n")
