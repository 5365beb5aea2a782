"""Kernel claims about explicit matrices and linear systems (SPEC §6).

These claims carry their matrix in the claim itself; claims that derive the
matrix from the instance (Jacobians, Liu's ``M``) live in their own modules and
reuse the replays of :mod:`.base`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .base import (
    Context,
    check_insoluble,
    check_penrose,
    check_rank,
    check_solution,
    check_system,
    field,
    integer,
    matrix,
    need,
    vector,
)


def _shape(claim: Mapping[str, Any]) -> tuple[list, int, int]:
    rows = integer(field(claim, "rows", "claim"), "claim.rows", 0)
    cols = integer(field(claim, "cols", "claim"), "claim.cols", 0)
    return matrix(field(claim, "matrix", "claim"), "claim.matrix", rows, cols), rows, cols


def rank(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    a, _, cols = _shape(claim)
    r = integer(field(claim, "rank", "claim"), "claim.rank", 0)
    check_rank(a, cols, r, ev, "evidence")


def linear_system(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    a, rows, cols = _shape(claim)
    b = vector(field(claim, "rhs", "claim"), "claim.rhs", rows)
    soluble = field(claim, "soluble", "claim")
    need(isinstance(soluble, bool), "soluble must be true or false", "claim.soluble")
    if soluble:
        check_solution(a, b, vector(field(ev, "solution", "evidence"), "evidence.solution", cols), "evidence.solution")
    else:
        check_insoluble(a, b, vector(field(ev, "u", "evidence"), "evidence.u", rows), cols, "evidence.u")


def pseudo_inverse(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    a, rows, cols = _shape(claim)
    x = matrix(field(claim, "pinv", "claim"), "claim.pinv", cols, rows)
    check_penrose(a, x, rows, cols, "claim.pinv")


def system(claim: Mapping[str, Any], ev: Any, ctx: Context) -> None:
    k = integer(field(claim, "unknowns", "claim"), "claim.unknowns", 0)
    parts = [matrix(claim.get(name, []), f"claim.{name}", None, k + 1) for name in ("strict", "weak", "equal")]
    feasible = field(claim, "feasible", "claim")
    need(isinstance(feasible, bool), "feasible must be true or false", "claim.feasible")
    got = check_system(*parts, k, ev, "evidence")
    need(got == feasible, "evidence proves the opposite verdict", "claim.feasible", got, feasible)


CLAIMS = {"rank": rank, "linear-system": linear_system, "pseudo-inverse": pseudo_inverse, "system": system}
