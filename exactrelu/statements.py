"""The registry of checkable statements: a name, hypotheses, a conclusion, and a check.

A :class:`Statement` turns one instance into a :class:`Verdict`: whether the
hypotheses hold, whether the conclusion holds, a few exact details (strings and
integers), and, on request, a certificate the kernel re-checks.  A sweep
(:mod:`exactrelu.sweep`) runs one statement over a grid.

The statement also says which symmetries of the data leave its verdict
unchanged (``permutations``, ``flips``, ``scaling``, ``coordinates``; see
:mod:`exactrelu.grids`); a grid may quotient only by those.

Statements of other modules are registered lazily, on first lookup, so a
module that is missing or broken never breaks the registry.  A statement can
also be named ``package.module:attribute`` (an importable :class:`Statement`),
which is how user code sweeps its own statements.

>>> s = get("selftest")
>>> s.check(_tiny(), False).status
'holds'
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from .instance import Instance, instance_from_mapping

__all__ = [
    "Statement",
    "Verdict",
    "StatementError",
    "register",
    "get",
    "names",
    "statements",
    "HOLDS",
    "COUNTEREXAMPLE",
    "OUTSIDE",
    "ERROR",
]

HOLDS = "holds"
COUNTEREXAMPLE = "counterexample"
OUTSIDE = "hypothesis-not-met"
ERROR = "error"

LINEAR = frozenset({"permutations", "flips", "scaling", "coordinates"})
"""Symmetries that preserve the oriented matroid of the points (a region count): point
permutations, x_j → ±c x_j and signed coordinate permutations, which are linear isomorphisms."""


class StatementError(ValueError):
    """An unknown statement name or an instance the statement cannot take."""


@dataclass(frozen=True)
class Verdict:
    """What a statement says about one instance.

    ``conclusion`` may be evaluated even when the hypotheses fail (a closed form
    that differs on non-general data is then reported, but it is no counterexample).
    """

    hypotheses: bool
    conclusion: bool | None
    detail: Mapping[str, Any] = field(default_factory=dict)
    certificate: dict[str, Any] | None = None

    @property
    def status(self) -> str:
        if not self.hypotheses:
            return OUTSIDE
        return HOLDS if self.conclusion else COUNTEREXAMPLE


@dataclass(frozen=True)
class Statement:
    """A checkable statement.  ``check(instance, certify) -> Verdict``."""

    name: str
    title: str
    source: str
    hypotheses: str
    conclusion: str
    check: Callable[[Instance, bool], Verdict]
    symmetries: frozenset[str] = frozenset()

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "source": self.source,
            "hypotheses": self.hypotheses,
            "conclusion": self.conclusion,
            "symmetries": sorted(self.symmetries),
        }


_REGISTRY: dict[str, Statement] = {}
_PROVIDERS: list[Callable[[], list[Statement]]] = []
_loaded = False


def register(statement: Statement) -> Statement:
    if statement.name in _REGISTRY and _REGISTRY[statement.name] is not statement:
        raise StatementError(f"two statements named {statement.name!r}")
    _REGISTRY[statement.name] = statement
    return statement


def _ensure_loaded() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    for provider in _PROVIDERS:
        try:
            stmts = provider()
        except (ImportError, AttributeError):
            continue  # a module of the team that is not there (yet): its statements are absent
        for s in stmts:
            register(s)


def names() -> list[str]:
    _ensure_loaded()
    return sorted(_REGISTRY)


def statements() -> list[Statement]:
    return [_REGISTRY[n] for n in names()]


def get(name: str) -> Statement:
    """A registered statement, or ``module:attribute`` naming a :class:`Statement`."""
    if ":" in name:
        mod, _, attr = name.partition(":")
        try:
            obj = getattr(importlib.import_module(mod), attr)
        except (ImportError, AttributeError) as exc:
            raise StatementError(f"cannot import statement {name!r}: {exc}") from None
        if not isinstance(obj, Statement):
            raise StatementError(f"{name!r} is not a Statement")
        return obj
    _ensure_loaded()
    if name not in _REGISTRY:
        raise StatementError(f"unknown statement {name!r}; known: {', '.join(names())}")
    return _REGISTRY[name]


def _provider(fn: Callable[[], list[Statement]]) -> Callable[[], list[Statement]]:
    _PROVIDERS.append(fn)
    return fn


# ---------------------------------------------------------------- self-test
def _selftest(inst: Instance, certify: bool) -> Verdict:
    """Σ of all raw coordinates is not ≡ 1 (mod 7) — false often enough to exercise the reports."""
    total = sum((c for p in inst.raw_points for c in p), Fraction(0))
    ok = not (total.denominator == 1 and total.numerator % 7 == 1)
    return Verdict(True, ok, {"sum": str(total)})


register(
    Statement(
        "selftest",
        "Sweep machinery self-test",
        "none (not a theorem)",
        "none",
        "the sum of all raw coordinates is not 1 mod 7",
        _selftest,
        frozenset({"permutations"}),
    )
)


def _tiny() -> Instance:
    return instance_from_mapping({"data": {"points": [[1, 0], [0, 1]], "targets": [1, 1]}, "network": {"hidden": [1]}})


def prop3_formula(n: int, d: int, d1: int) -> int:
    """Proposition 3 (slides): ``(2 Σ_{k<d} C(n−1, k))^{d1}`` regions in general position."""
    return (2 * sum(math.comb(n - 1, k) for k in range(d))) ** d1


# ---------------------------------------------------------------- regions (SPEC §2)
@_provider
def _region_statements() -> list[Statement]:
    from . import regions, zonotope

    def prop3(inst: Instance, certify: bool) -> Verdict:
        rep = regions.analyse(inst)
        detail = {
            "regions": str(rep.region_count),
            "closed_form": str(rep.prop3),
            "topes": rep.tope_count,
            "general_position": rep.general_position,
            "dependent_set": list(rep.dependent_set) if rep.dependent_set else None,
        }
        cert = regions.region_count_certificate(inst) if certify else None
        return Verdict(rep.general_position, rep.prop3 == rep.region_count, detail, cert)

    def prop4(inst: Instance, certify: bool) -> Verdict:
        pts = inst.points
        ok = zonotope.applies(pts)
        if not ok:
            return Verdict(False, None, {"reason": "a zero point or two parallel points"})
        first = set(regions.unit_topes(inst))
        second = zonotope.zonotope_rows(pts)
        detail = {
            "topes": len(first),
            "zonotope_vertices": len(second),
            "only_topes": sorted("".join(map(str, r)) for r in first - second),
            "only_zonotope": sorted("".join(map(str, r)) for r in second - first),
        }
        cert = regions.region_count_certificate(inst) if certify else None
        return Verdict(True, first == second, detail, cert)

    def lemma6(inst: Instance, certify: bool) -> Verdict:
        xs = [p[0] for p in inst.raw_points]
        hyp = inst.d0 == 1 and inst.bias and len(set(xs)) == len(xs)
        if not hyp:
            return Verdict(False, None, {"reason": "needs 1-D data, bias = true and distinct points"})
        rows = set(regions.unit_topes(inst))
        steps = regions.step_vectors(xs)
        count = regions.region_count(inst)
        detail = {
            "topes": len(rows),
            "step_vectors": len(steps),
            "regions": str(count),
            "closed_form": str((2 * inst.n) ** inst.d1),
        }
        cert = regions.region_count_certificate(inst) if certify else None
        return Verdict(True, rows == steps and count == (2 * inst.n) ** inst.d1, detail, cert)

    return [
        Statement(
            "prop3",
            "Proposition 3: number of activation regions",
            "Karhadkar et al. (slides), Prop. 3",
            "the augmented points are in general position (every ≤ d of them independent)",
            "the number of non-empty regions is (2 Σ_{k<d} C(n−1, k))^{d1}",
            prop3,
            LINEAR,
        ),
        Statement(
            "prop4",
            "Proposition 4: topes are zonotope vertices",
            "Karhadkar et al. (slides), Prop. 4",
            "no zero point and no two parallel points",
            "the tope rows equal the rows whose point sums are vertices of Σ conv{0, x_j}",
            prop4,
            LINEAR,
        ),
        Statement(
            "lemma6",
            "Lemma 6: 1-D regions are step vectors",
            "Karhadkar et al. (slides), Lemma 6",
            "1-D data with bias, distinct points",
            "the topes are the 2n step vectors; (2n)^{d1} regions",
            lemma6,
            frozenset({"permutations", "coordinates"}),
        ),
    ]


# ---------------------------------------------------------------- Liu (SPEC §4)
@_provider
def _liu_statements() -> list[Statement]:
    from . import liu
    from .instance import InstanceError

    def printed(inst: Instance, certify: bool) -> Verdict:
        try:
            liu.require_liu_setting(inst)
        except InstanceError as exc:
            return Verdict(False, None, {"reason": exc.expected})
        cells = disagree = 0
        first = None
        for pattern, witnesses in liu.cells(inst):
            cells += 1
            exact = liu.decide_genuine(inst, pattern, witnesses)
            shown = liu.decide_printed(inst, pattern)
            source = liu.discrepancy_source(exact, shown)
            if source is not None:
                disagree += 1
                if first is None:
                    first = f"{'/'.join(liu.pattern_strings(pattern))}: {source}"
        return Verdict(True, disagree == 0, {"cells": cells, "disagreements": disagree, "first": first})

    return [
        Statement(
            "liu-printed",
            "Liu's printed genuine-minimum criterion is exact",
            "Liu, eqs. (15)-(18) vs SPEC §4",
            "one hidden layer, trainable output, ReLU, squared loss",
            "in every non-empty cell the printed criterion (16)-(18) and the exact condition agree",
            printed,
            frozenset({"permutations", "coordinates"}),
        ),
    ]
