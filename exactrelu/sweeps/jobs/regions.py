"""Catalogue job for SPEC §2: region counts, single patterns, and Prop 3 / Lemma 6 checks."""

from __future__ import annotations

from ...arrangements.regions import analyse, decide_cone, decide_pattern, unit_topes
from ...catalogue import catalogue_instances
from ...certify.regions import cone_certificate, pattern_certificate, region_count_certificate
from ...core.rationals import sign_string
from ..reproduce import Catalogue

SECTION = "Activation regions (SPEC §2)"


def run(cat: Catalogue) -> None:
    """The regions/ folder: per catalogue instance its region count, single patterns, Proposition 3 and
    Lemma 6, each certified."""
    for inst in catalogue_instances():
        rep = analyse(inst)
        gp = "general position" if rep.general_position else "not in general position"
        cat.add(f"regions/{inst.name}.count.json", region_count_certificate(inst), section=SECTION,
                instance=inst.name, claim="number of non-empty regions",
                result=f"{rep.region_count} (Prop 3 form {rep.prop3}, {gp})")
        rows = unit_topes(inst)
        if rows:
            good = decide_pattern(inst, [rows[0]] * inst.d1)
            cat.add(f"regions/{inst.name}.nonempty.json", pattern_certificate(good), section=SECTION,
                    instance=inst.name, claim=f"S^A non-empty for A = {_pattern([rows[0]] * inst.d1)}",
                    result="non-empty")
        if inst.name == "fig1-fan":  # faces of the fan: a ray (a covector with a zero) and a non-face
            for signs in ((1, 0, -1), (1, 0, 1)):
                verdict = decide_cone(inst, signs)
                text = sign_string(signs)
                cat.add(f"regions/{inst.name}.cone{text}.json", cone_certificate(verdict), section=SECTION,
                        instance=inst.name, claim=f"{text} is a covector (face)",
                        result="yes" if verdict.nonempty else "no (Motzkin)")
        bad_row = next((r for r in _all_rows(inst.n) if r not in set(rows)), None)
        if bad_row is not None:
            bad = decide_pattern(inst, [bad_row] * inst.d1)
            cat.add(f"regions/{inst.name}.empty.json", pattern_certificate(bad), section=SECTION,
                    instance=inst.name, claim=f"S^A empty for A = {_pattern([bad_row] * inst.d1)}",
                    result="empty")


def _pattern(rows: list[tuple[int, ...]]) -> str:
    """A pattern as on the command line: one 0/1 row per unit, comma-separated."""
    return ",".join("".join(map(str, r)) for r in rows)


def _all_rows(n: int):  # type: ignore[no-untyped-def]
    from itertools import product

    return product((0, 1), repeat=n)
