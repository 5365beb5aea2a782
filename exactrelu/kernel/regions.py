"""Kernel claims about cones, topes and activation regions (SPEC §2, §6)."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from .base import (
    Context,
    array,
    augmented_points,
    dot,
    fail,
    field,
    indices,
    integer,
    need,
    sign,
    sign_string,
    signs,
    vector,
)


def _check_point(points: list[list[Fraction]], s: list[int], w: list[Fraction], path: str) -> None:
    for j, x in enumerate(points):
        got = sign(dot(w, x))
        need(got == s[j], f"<w, x_{j}> has the wrong sign", path, sign_string([s[j]]), sign_string([got]))


def _check_motzkin(points: list[list[Fraction]], s: list[int], y: list[Fraction], path: str) -> None:
    """``y ≥ 0`` on signed rows (free on zero rows), ``Σ y_j s_j x_j = 0``, some signed ``y_j > 0``."""
    d = len(points[0])
    for j, v in enumerate(y):
        if s[j]:
            need(v >= 0, "Motzkin multiplier on a strict row must be ≥ 0", f"{path}[{j}]", ">= 0", str(v))
    need(any(v > 0 for j, v in enumerate(y) if s[j]), "Motzkin multipliers on strict rows are all zero", path)
    for c in range(d):
        total = sum(((y[j] * (s[j] or 1)) * points[j][c] for j in range(len(points))), Fraction(0))
        need(total == 0, "Σ y_j s_j x_j ≠ 0", path, "0", f"coordinate {c} = {total}")


def cone_nonempty(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    pts = augmented_points(ctx.instance)
    s = signs(field(claim, "signs", "claim"), "claim.signs", len(pts))
    need(any(s), "the empty sign vector is not an open cone claim", "claim.signs")
    w = vector(field(ev, "point", "evidence"), "evidence.point", len(pts[0]))
    _check_point(pts, s, w, "evidence.point")


def cone_empty(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    pts = augmented_points(ctx.instance)
    s = signs(field(claim, "signs", "claim"), "claim.signs", len(pts))
    y = vector(field(ev, "multipliers", "evidence"), "evidence.multipliers", len(pts))
    _check_motzkin(pts, s, y, "evidence.multipliers")


def topes_complete(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    """Every listed tope is witnessed and the list is closed under crossing every wall.

    Points on one line are merged into one hyperplane (each merge checked), zero
    points carry sign 0 throughout.  The tope graph of a central arrangement is
    connected, so a witnessed, wall-closed, non-empty list is the set of all topes.
    """
    pts = augmented_points(ctx.instance)
    n, d = len(pts), len(pts[0])
    zeros = indices(field(ev, "zero_points", "evidence"), "evidence.zero_points", n)
    need(sorted(zeros) == sorted(indices(field(claim, "zero_points", "claim"), "claim.zero_points", n)),
         "zero points in claim and evidence differ", "claim.zero_points")
    for j in range(n):
        is_zero = not any(pts[j])
        need(is_zero == (j in zeros), "zero_points must list exactly the zero points", "evidence.zero_points",
             f"x_{j} {'zero' if is_zero else 'nonzero'}", "listed" if j in zeros else "not listed")
    raw_classes = array(field(ev, "classes", "evidence"), "evidence.classes")
    classes = [indices(c, f"evidence.classes[{i}]", n) for i, c in enumerate(raw_classes)]
    members = sorted(j for c in classes for j in c)
    need(members == sorted(set(range(n)) - set(zeros)), "classes must partition the nonzero points", "evidence.classes")
    for i, cls in enumerate(classes):
        need(len(cls) > 0, "empty class", f"evidence.classes[{i}]")
        rep = pts[cls[0]]
        k = next(c for c in range(d) if rep[c] != 0)
        for m in cls[1:]:
            ratio = pts[m][k] / rep[k]
            need(ratio != 0 and all(pts[m][c] == ratio * rep[c] for c in range(d)),
                 "merged points are not proportional", f"evidence.classes[{i}]", f"x_{m} ∥ x_{cls[0]}")
    topes = array(field(ev, "topes", "evidence"), "evidence.topes")
    need(len(topes) > 0, "a tope list is never empty", "evidence.topes")
    listed: set[str] = set()
    for t, entry in enumerate(topes):
        path = f"evidence.topes[{t}]"
        s = signs(field(entry, "signs", path), f"{path}.signs", n)
        need(sign_string(s) not in listed, "tope listed twice", f"{path}.signs")
        need(all((s[j] == 0) == (j in zeros) for j in range(n)), "a tope is zero exactly on the zero points",
             f"{path}.signs")
        _check_point(pts, s, vector(field(entry, "point", path), f"{path}.point", d), f"{path}.point")
        listed.add(sign_string(s))
    empty: set[str] = set()
    for t, entry in enumerate(array(ev.get("empty", []), "evidence.empty")):
        path = f"evidence.empty[{t}]"
        s = signs(field(entry, "signs", path), f"{path}.signs", n)
        y = vector(field(entry, "multipliers", path), f"{path}.multipliers", n)
        _check_motzkin(pts, s, y, f"{path}.multipliers")
        empty.add(sign_string(s))
    flip = {"+": "-", "-": "+", "0": "0"}
    for t in listed:
        for i, cls in enumerate(classes):
            chars = list(t)
            for j in cls:
                chars[j] = flip[chars[j]]
            neighbour = "".join(chars)
            if neighbour not in listed and neighbour not in empty:
                raise fail("the tope list is not closed under crossing a wall", "evidence",
                           f"{neighbour} listed or certified empty", f"missing (flip of class {i} in {t})")
    count = integer(field(claim, "count", "claim"), "claim.count", 0)
    need(count == len(listed), "claimed tope count differs from the certified list", "claim.count", len(listed), count)


def region_count(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    """Open activation regions of a one-hidden-layer net: ``T^{d1}``, or 0 with a zero point."""
    topes = ctx.step(field(ev, "topes", "evidence"), "topes-complete", "evidence.topes")
    network = field(ctx.instance, "network", "instance")
    hidden = array(field(network, "hidden", "instance.network"), "instance.network.hidden")
    need(len(hidden) == 1, "region counts are for one hidden layer", "instance.network.hidden", 1, len(hidden))
    d1 = integer(hidden[0], "instance.network.hidden[0]", 1)
    expected = 0 if topes["zero_points"] else topes["count"] ** d1
    found = field(claim, "count", "claim")
    need(found == str(expected), "region count is not (number of topes)^d1", "claim.count", str(expected), found)


def _pattern(claim: Mapping[str, Any], n: int) -> list[list[int]]:
    rows = array(field(claim, "pattern", "claim"), "claim.pattern")
    out = []
    for i, r in enumerate(rows):
        if not isinstance(r, str) or len(r) != n or set(r) - {"0", "1"}:
            raise fail("a pattern row is a 0/1 string with one entry per point", f"claim.pattern[{i}]", n, r)
        out.append([2 * int(c) - 1 for c in r])
    return out


def region_nonempty(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    pts = augmented_points(ctx.instance)
    pat = _pattern(claim, len(pts))
    ws = array(field(ev, "weights", "evidence"), "evidence.weights", len(pat))
    for i, s in enumerate(pat):
        _check_point(pts, s, vector(ws[i], f"evidence.weights[{i}]", len(pts[0])), f"evidence.weights[{i}]")


def region_empty(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    pts = augmented_points(ctx.instance)
    pat = _pattern(claim, len(pts))
    unit = integer(field(ev, "unit", "evidence"), "evidence.unit", 0, len(pat) - 1)
    y = vector(field(ev, "multipliers", "evidence"), "evidence.multipliers", len(pts))
    _check_motzkin(pts, pat[unit], y, "evidence.multipliers")


CLAIMS = {
    "cone-nonempty": cone_nonempty,
    "cone-empty": cone_empty,
    "topes-complete": topes_complete,
    "region-count": region_count,
    "region-nonempty": region_nonempty,
    "region-empty": region_empty,
}
