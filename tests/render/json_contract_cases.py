"""The representative ``--json`` runs of tests/render/test_json_contract.py (catalogue @NAMEs and examples/), one
``(schema, variant, argv)`` per run; tests/render/gen_json_schemas.py drafts exactrelu/schemas/ from the same runs."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
E = ROOT / "examples"
LINE3, BOX3 = str(E / "jacobian" / "line3.toml"), str(E / "jacobian" / "box3.toml")
DEEP2 = str(E / "jacobian" / "deep2.toml")
FIG4, MULTI = str(E / "lvb" / "fig4.toml"), str(E / "lvb" / "multiclass.toml")

CASES: list[tuple[str, str, list[str]]] = [
    ("regions", "count", ["regions", "@fig1-fan"]),
    ("regions", "count", ["regions", "@parallel", "--list"]),
    ("regions", "count", ["regions", "@zero-point"]),
    ("regions", "count", ["regions", "@fig2-zonotope", "--zonotope"]),
    ("regions", "pattern", ["regions", "@fig1-fan", "--pattern", "110"]),
    ("regions", "pattern", ["regions", "@fig1-fan", "--pattern", "101"]),
    ("regions", "pattern", ["regions", "@fig2-zonotope", "--pattern", "110,011"]),
    ("regions", "cone", ["regions", "@fig1-fan", "--cone", "+0-"]),
    ("regions", "cone", ["regions", "@fig1-fan", "--cone", "+-+"]),
    ("regions", "covectors", ["regions", "@fig1-fan", "--covectors"]),
    ("regions", "deep", ["regions", DEEP2]),
    ("jacobian", "count", ["jacobian", BOX3]),
    ("jacobian", "count", ["jacobian", "@fig2-zonotope"]),
    ("jacobian", "pattern", ["jacobian", LINE3, "--pattern", "110,011,111,001"]),
    ("jacobian", "pattern", ["jacobian", "@fig1-fan", "--pattern", "000"]),
    *[("theorem", t, ["theorem", t, LINE3]) for t in ("2", "5", "7", "8", "9", "10", "11", "13")],
    ("theorem", "12", ["theorem", "12", str(E / "liu" / "fig2.toml")]),
    ("theorem", "12", ["theorem", "12", str(E / "liu" / "line-bias.toml")]),  # measured: γ, P(a) per row
    ("table", "fullrank", ["table", "fullrank", "--n", "2", "--d1", "1,2"]),
    ("table", "globalmin", ["table", "globalmin", "--n", "2", "--d1", "1"]),
    *[("liu", "atlas", ["liu", str(E / "liu" / f)])
      for f in ("fig2.toml", "fig2-y2neg.toml", "line-bias.toml", "theorem3-misses.toml", "nondiff.toml",
                "two-units.toml")],
    ("lvb", "point", ["lvb", FIG4, "--point", str(E / "lvb" / "fig4_point.toml")]),
    ("lvb", "point", ["lvb", FIG4, "--point", str(E / "lvb" / "fig4_sharp_point.toml")]),
    ("generic", "rarity", ["generic", FIG4, "--alpha", "1/2", "--depth", "1"]),
    ("generic", "rarity", ["generic", FIG4, "--alpha", "1/3", "--depth", "2"]),
    ("separable", "lp", ["separable", FIG4]),
    ("penalty", "replicates", ["penalty", MULTI, "--point", str(E / "lvb" / "multiclass_unequal.toml"),
                               "--gamma", "1/2"]),
    ("landscape", "minima", ["landscape", str(E / "landscape" / "spurious.toml")]),
    ("landscape", "minima", ["landscape", str(E / "liu" / "fig2.toml")]),
    ("landscape", "minima", ["landscape", str(E / "liu" / "fig2-y2neg.toml")]),  # a Theorem-2 saddle
    ("landscape", "minima", ["landscape", str(E / "liu" / "fixed-output.toml")]),  # outside Theorem 2
    ("sweep_list", "statements", ["sweep", "--list"]),
]


def sweep_cases(tmp: Path) -> list[tuple[str, str, list[str]]]:
    """``sweep --json`` on a small grid into ``tmp``, then ``report --json`` of its results (all, summary, curve)."""
    grid, res = str(E / "grids" / "prop3-n4-box2-d2.toml"), str(tmp / "prop3.jsonl")
    fr_grid, fr_res = str(E / "grids" / "kmtm-fullrank-n3-d1-1.toml"), str(tmp / "fr.jsonl")
    return [
        ("sweep", "summary", ["sweep", "prop3", "--grid", grid, "--out", res, "--workers", "1"]),
        ("report", "rows", ["report", res]),
        ("report", "summary", ["report", res, "--summary"]),
        ("sweep", "summary", ["sweep", "kmtm-fullrank-count", "--grid", fr_grid, "--out", fr_res, "--workers", "1"]),
        ("report", "curve", ["report", fr_res, "--curve", "fraction", "--by", "n"]),
    ]
