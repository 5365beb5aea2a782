"""The registry of checkable statements: a name, hypotheses, a conclusion, and a check.

A :class:`Statement` turns one instance into a :class:`Verdict`: whether the
hypotheses hold, whether the conclusion holds, a few exact details (strings and
integers), and, on request, a certificate the kernel re-checks.  A sweep
(:mod:`exactrelu.sweeps.sweep`) runs one statement over a grid.

The statement also says which symmetries of the data leave its verdict
unchanged (``permutations``, ``flips``, ``scaling``, ``coordinates``; see
:mod:`exactrelu.sweeps.grids`); a grid may quotient only by those.

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
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ..certify.certificates import hypothesis_certificate
from ..core.instance import Instance, instance_from_mapping
from ..core.model import ANY_ACTIVATION, FIXED, RELU, SQUARED, TRAINABLE, Model, violation
from ..core.model import Verdict as Outcome

__all__ = [
    "Statement",
    "Verdict",
    "StatementError",
    "register",
    "get",
    "names",
    "statements",
    "HOLDS",
    "FAILS",
    "VACUOUS",
    "UNDECIDED",
    "COUNTEREXAMPLE",
    "OUTSIDE",
    "ERROR",
    "STATUSES",
    "LEGACY_STATUS",
    "hypothesis_certificate",
    "dependent_set_certificate",
    "prop3_formula",
]

# the closed vocabulary of exactrelu.core.model.Verdict (issue 12), as plain strings in result rows
HOLDS = str(Outcome.HOLDS)
FAILS = str(Outcome.FAILS)
VACUOUS = str(Outcome.VACUOUS)
UNDECIDED = str(Outcome.UNDECIDED)
STATUSES = (FAILS, UNDECIDED, VACUOUS, HOLDS)
COUNTEREXAMPLE = FAILS  # hypotheses met, conclusion refuted
OUTSIDE = VACUOUS  # a hypothesis fails: the statement says nothing here
ERROR = UNDECIDED  # the check raised: undecided, the error is the reason
LEGACY_STATUS = {"counterexample": FAILS, "hypothesis-not-met": VACUOUS, "error": UNDECIDED}
"""The words of results files written before the closed vocabulary, read as their new names."""

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
    ``outcome`` overrides the status when the hypotheses hold but the statement is still
    ``vacuous`` (a bound ε_T ≥ 1) or ``undecided`` (a sufficient condition that did not reach it).
    """

    hypotheses: bool
    conclusion: bool | None
    detail: Mapping[str, Any] = field(default_factory=dict)
    certificate: dict[str, Any] | None = None
    outcome: str | None = None

    @property
    def status(self) -> str:
        """One of :data:`STATUSES`: ``holds``, ``fails``, ``vacuous`` or ``undecided``."""
        if self.outcome is not None:
            return self.outcome
        if not self.hypotheses:
            return VACUOUS
        if self.conclusion is None:
            return UNDECIDED
        return HOLDS if self.conclusion else FAILS


@dataclass(frozen=True)
class Statement:
    """A checkable statement.  ``check(instance, certify) -> Verdict``.

    ``model`` is the setting the statement is about: an instance outside it gets a ``vacuous``
    verdict naming the instance key (certified ``hypothesis-not-met`` when the kernel knows the
    hypothesis) before ``check`` runs, so no check ever computes a network it does not model.
    """

    name: str
    title: str
    source: str
    hypotheses: str
    conclusion: str
    check: Callable[[Instance, bool], Verdict]
    symmetries: frozenset[str] = frozenset()
    model: Model = Model(deep=True)

    def __post_init__(self) -> None:
        if not isinstance(self.check, _Modelled):
            object.__setattr__(self, "check", _Modelled(self.check, self.model))

    def describe(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "title": self.title,
            "source": self.source,
            "hypotheses": self.hypotheses,
            "conclusion": self.conclusion,
            "symmetries": sorted(self.symmetries),
            "model": self.model.describe(),
        }


@dataclass(frozen=True)
class _Modelled:
    """A statement's check behind its model: outside it, ``vacuous`` naming the key (picklable: sweeps send
    unregistered statements to workers by pickle)."""

    raw: Callable[[Instance, bool], Verdict]
    model: Model

    def __call__(self, inst: Instance, certify: bool) -> Verdict:
        bad = violation(inst, self.model)
        if bad is None:
            return self.raw(inst, certify)
        key, found, supported = bad
        return _outside(inst, f"{key}: the statement is about {supported}, found {found}",
                        _kernel_hypothesis(key, self.model), certify)


def _kernel_hypothesis(key: str, model: Model) -> str | None:
    """The kernel's ``hypothesis-not-met`` name (exactrelu/kernel/regions.py) for an instance key outside ``model``."""
    if key == "network.loss":
        return "squared-loss" if model.losses == SQUARED else "hinge-loss"
    if key == "network.output":
        return "trainable-output" if model.outputs == TRAINABLE else "fixed-nonzero-output"
    return {"network.activation": "relu", "network.hidden": "one-hidden-layer", "data.bias": "bias",
            "data.onehot": "binary-targets"}.get(key)


_REGISTRY: dict[str, Statement] = {}
_PROVIDERS: list[tuple[frozenset[str], Callable[[], list[Statement]]]] = []
_tried: set[int] = set()


def register(statement: Statement) -> Statement:
    """Add ``statement`` to the registry of sweepable statements (a second one under the same name is an error)."""
    if statement.name in _REGISTRY and _REGISTRY[statement.name] is not statement:
        raise StatementError(f"two statements named {statement.name!r}")
    _REGISTRY[statement.name] = statement
    return statement


def _load(which: str | None = None) -> None:
    """Run the providers that declare ``which`` (all when None), each at most once.

    A sweep worker looking up ``prop3`` imports only the region modules, not Liu's or
    the Jacobian's (cheaper workers); a provider whose module is missing or broken is skipped.
    """
    for i, (declared, provider) in enumerate(_PROVIDERS):
        if i in _tried or (which is not None and which not in declared):
            continue
        _tried.add(i)
        try:
            stmts = provider()
        except (ImportError, AttributeError, NameError):
            continue  # a module of the team that is not there (yet): its statements are absent
        for s in stmts:
            register(s)


def names() -> list[str]:
    """The names of the registered statements, sorted (``exactrelu sweep --list``).

    >>> {"prop3", "kmtm-thm7", "liu-printed"} <= set(names())
    True
    """
    _load()
    return sorted(_REGISTRY)


def statements() -> list[Statement]:
    """The registered statements, in the order of :func:`names`."""
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
    if name not in _REGISTRY:
        _load(name)
    if name not in _REGISTRY:
        raise StatementError(f"unknown statement {name!r}; known: {', '.join(names())}")
    return _REGISTRY[name]


def _provider(*declared: str) -> Callable[[Callable[[], list[Statement]]], Callable[[], list[Statement]]]:
    """Register a function returning the statements ``declared`` (imports happen when it runs)."""

    def deco(fn: Callable[[], list[Statement]]) -> Callable[[], list[Statement]]:
        _PROVIDERS.append((frozenset(declared), fn))
        return fn

    return deco


# ---------------------------------------------------------------- certified hypothesis failures
def dependent_set_certificate(inst: Instance, subset: tuple[int, ...]) -> dict[str, Any]:
    """``dependent-set``: a nonzero ``y`` with ``Σ y_k x_{j_k} = 0`` over the (≤ d) listed points (FLINT nullspace)."""
    from ..certify.certificates import certificate
    from ..core import linalg
    from ..core.rationals import format_vector

    cols = [[inst.points[j][t] for j in subset] for t in range(inst.d)]
    y = linalg.nullspace(cols)[0]
    return certificate({"kind": "dependent-set", "points": list(subset)}, {"coefficients": format_vector(y)}, inst)


def _outside(inst: Instance, reason: str, hypothesis: str | None, certify: bool, **claim: Any) -> Verdict:
    """A failed hypothesis, certified when the kernel knows it."""
    cert = hypothesis_certificate(inst, hypothesis, **claim) if certify and hypothesis else None
    return Verdict(False, None, {"reason": reason}, cert)


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
    """Proposition 3 (slides): ``(2 Σ_{k<d} C(n−1, k))^{d1}`` regions in general position.

    >>> prop3_formula(3, 2, 2), prop3_formula(4, 1, 3)  # (2·(1 + 2))² and (2·1)³
    (36, 8)
    """
    return (2 * sum(math.comb(n - 1, k) for k in range(d))) ** d1


# ---------------------------------------------------------------- regions (SPEC §2)
@_provider("prop3", "prop4", "lemma6")
def _region_statements() -> list[Statement]:
    from ..arrangements import regions, zonotope
    from ..certify.regions import region_count_certificate

    REGIONS = regions.MODEL

    def prop3(inst: Instance, certify: bool) -> Verdict:
        rep = regions.analyse(inst)
        detail = {
            "regions": str(rep.region_count),
            "closed_form": str(rep.prop3),
            "topes": rep.tope_count,
            "general_position": rep.general_position,
            "dependent_set": list(rep.dependent_set) if rep.dependent_set else None,
        }
        cert = region_count_certificate(inst) if certify else None
        if cert is not None and rep.dependent_set:
            # hypothesis-not-met: the region count the closed form is compared with stays the top claim; the
            # dependent set is one more step (the kernel checks every step, referenced or not)
            dep = dependent_set_certificate(inst, rep.dependent_set)
            cert["steps"].insert(0, {"id": "dependent", "claim": dep["claim"], "evidence": dep["evidence"]})
        return Verdict(rep.general_position, rep.prop3 == rep.region_count, detail, cert)

    def prop4(inst: Instance, certify: bool) -> Verdict:
        pts = inst.points
        ok = zonotope.applies(pts)
        if not ok:
            zero = any(not any(p) for p in pts)
            return _outside(inst, "a zero point or two parallel points",
                            "no-zero-point" if zero else "no-parallel-points", certify)
        first = set(regions.unit_topes(inst))
        second = zonotope.zonotope_rows(pts)
        detail = {
            "topes": len(first),
            "zonotope_vertices": len(second),
            "only_topes": sorted("".join(map(str, r)) for r in first - second),
            "only_zonotope": sorted("".join(map(str, r)) for r in second - first),
        }
        cert = region_count_certificate(inst) if certify else None
        return Verdict(True, first == second, detail, cert)

    def lemma6(inst: Instance, certify: bool) -> Verdict:
        xs = [p[0] for p in inst.raw_points]
        hyp = inst.d0 == 1 and inst.bias and len(set(xs)) == len(xs)
        if not hyp:
            failed = "one-dimensional" if inst.d0 != 1 else "bias" if not inst.bias else "distinct-points"
            return _outside(inst, "needs 1-D data, bias = true and distinct points", failed, certify)
        rows = set(regions.unit_topes(inst))
        steps = regions.step_vectors(xs)
        count = regions.region_count(inst)
        detail = {
            "topes": len(rows),
            "step_vectors": len(steps),
            "regions": str(count),
            "closed_form": str((2 * inst.n) ** inst.d1),
        }
        cert = region_count_certificate(inst) if certify else None
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
            REGIONS,
        ),
        Statement(
            "prop4",
            "Proposition 4: topes are zonotope vertices",
            "Karhadkar et al. (slides), Prop. 4",
            "no zero point and no two parallel points",
            "the tope rows equal the rows whose point sums are vertices of Σ conv{0, x_j}",
            prop4,
            LINEAR,
            REGIONS,
        ),
        Statement(
            "lemma6",
            "Lemma 6: 1-D regions are step vectors",
            "Karhadkar et al. (slides), Lemma 6",
            "1-D data with bias, distinct points",
            "the topes are the 2n step vectors; (2n)^{d1} regions",
            lemma6,
            frozenset({"permutations", "coordinates"}),
            REGIONS,
        ),
    ]


# ---------------------------------------------------------------- Liu (SPEC §4)
@_provider("liu-printed")
def _liu_statements() -> list[Statement]:
    from ..core.instance import InstanceError
    from ..liu import minima as liu

    def printed(inst: Instance, certify: bool) -> Verdict:
        try:
            liu.require_liu_setting(inst)
        except InstanceError as exc:
            failed = {"network.loss": "squared-loss", "network.output": "trainable-output",
                      "network.hidden": "one-hidden-layer", "network.activation": "relu"}.get(exc.key)
            return _outside(inst, exc.expected, failed, certify)
        cells = disagree = 0
        first = None
        cert = None
        steps: list[dict[str, Any]] = []
        for pattern, witnesses in liu.cells(inst):
            cells += 1
            exact = liu.decide_genuine(inst, pattern, witnesses)
            shown = liu.decide_printed(inst, pattern)
            if certify:
                steps += _liu_cell_steps(inst, cells - 1, pattern, witnesses, exact, shown)
            source = liu.discrepancy_source(exact, shown)
            if source is not None:
                disagree += 1
                if first is None:
                    first = f"{'/'.join(liu.pattern_strings(pattern))}: {source}"
                    if certify:
                        from ..certify.liu import discrepancy_document

                        cm = liu.cell_minimum(inst, pattern)
                        cert = discrepancy_document(inst, cm, witnesses, exact, shown, source)
        if certify and disagree == 0:
            cert = _liu_agreement_certificate(inst, cells, steps)
        return Verdict(True, disagree == 0, {"cells": cells, "disagreements": disagree, "first": first}, cert)

    return [
        Statement(
            "liu-printed",
            "Liu's printed genuine-minimum criterion is exact",
            "Liu, eqs. (15)-(18) vs docs/spec.md §4",
            "one hidden layer, trainable output, ReLU, squared loss",
            "in every non-empty cell the printed criterion (16)-(18) and the exact condition agree",
            printed,
            frozenset({"permutations", "coordinates"}),
            liu.MODEL,
        ),
    ]


def _liu_cell_steps(inst: Instance, k: int, pattern: Any, witnesses: Any, exact: Any, shown: Any) -> list[Any]:
    """Cell ``k``'s exact and printed verdicts for ``liu-printed-agreement`` (its non-emptiness is ``cell{k}``)."""
    from ..certify.certificates import step
    from ..certify.liu import genuine_claim, printed_claim
    from ..liu import minima as liu

    loss = liu.cell_minimum(inst, pattern).loss
    return [step(f"c{k}.exact", *genuine_claim(exact, loss)), step(f"c{k}.printed", *printed_claim(shown))]


def _liu_agreement_certificate(inst: Instance, cells: int, steps: list[Any]) -> dict[str, Any]:
    """Claim ``liu-printed-agreement``: the complete cell list (unit topes, ``region-count``, one ``region-nonempty``
    per cell), then every cell's exact and printed verdict."""
    from ..certify.certificates import certificate
    from ..certify.liu import cell_list_steps
    from ..liu import minima as liu

    head = cell_list_steps(inst, list(liu.cells(inst)))
    refs = [{"cell": f"cell{k}", "exact": f"c{k}.exact", "printed": f"c{k}.printed"} for k in range(cells)]
    claim = {"kind": "liu-printed-agreement", "cells": str(cells), "disagreements": "0"}
    return certificate(claim, {"regions": "regions", "cells": refs}, inst, steps=[*head, *steps])


# ---------------------------------------------------------------- Jacobian / KMTM (SPEC §3)
def _kmtm_hypothesis(inst: Instance) -> str:
    """The kernel's name of the first SPEC §3 / 1-D hypothesis ``inst`` fails (see ``_kmtm_setting``, ``_one_d``)."""
    if len(inst.hidden) != 1:
        return "one-hidden-layer"
    if inst.output == "trainable" or any(v == 0 for v in inst.output):
        return "fixed-nonzero-output"
    if any(not any(p) for p in inst.points):
        return "no-zero-point"
    return "one-dimensional" if inst.d0 != 1 else "bias" if not inst.bias else "distinct-points"


def _kmtm_setting(inst: Instance) -> str | None:
    """Why an instance is outside SPEC §3 (fixed nonzero output weights, one hidden layer, no zero point)."""
    if len(inst.hidden) != 1:
        return "needs one hidden layer"
    if inst.output == "trainable" or any(v == 0 for v in inst.output):
        return "needs fixed output weights, all nonzero (network.output = [...])"
    if any(not any(p) for p in inst.points):
        return "a zero (augmented) point: no open regions"
    return None


def _one_d(inst: Instance) -> str | None:
    reason = _kmtm_setting(inst)
    if reason is None and not (inst.d0 == 1 and inst.bias and len(set(inst.raw_points)) == inst.n):
        reason = "needs 1-D data with bias = true and distinct points"
    return reason


@_provider("kmtm-fullrank-count", "kmtm-globalmin-count", "kmtm-thm7", "kmtm-thm8")
def _kmtm_statements() -> list[Statement]:
    import itertools

    from ..certify.kmtm import count_certificate, global_min_certificate, theorem_certificates
    from ..kmtm import globalmin, jacobian
    from ..kmtm import theorems as kmtm

    def fullrank_count(inst: Instance, certify: bool) -> Verdict:
        reason = _kmtm_setting(inst)
        if reason:
            return _outside(inst, reason, _kmtm_hypothesis(inst), certify)
        rows = jacobian.unit_rows(inst)
        fast = jacobian.count_full_rank(inst.points, rows, inst.d1, inst.alpha)
        # the independent route: every d1-tuple of region rows, the whole Jacobian (with v), one rank each
        brute = sum(jacobian.jacobian_rank(inst, p).full for p in itertools.product(rows, repeat=inst.d1))
        detail = {
            "regions": str(fast.total),
            "full_rank": str(fast.count),
            "brute_force": str(brute),
            "fraction": str(fast.fraction),
        }
        # the kernel's fullrank-count recomputes ReLU blocks: a leaky count has no certificate
        cert = count_certificate(inst, "topes")[1] if certify and inst.alpha == 0 else None
        return Verdict(True, fast.count == brute, detail, cert)

    def globalmin_count(inst: Instance, certify: bool) -> Verdict:
        reason = _kmtm_setting(inst)
        if reason:
            return _outside(inst, reason, _kmtm_hypothesis(inst), certify)
        fast = globalmin.count_global_minima(inst)
        brute = sum(
            globalmin.region_minimum(inst, p).good for p in itertools.product(fast.rows, repeat=inst.d1)
        )
        detail = {
            "regions": str(fast.total),
            "good": str(fast.count),
            "brute_force": str(brute),
            "fraction": str(fast.fraction),
            "lps": len(fast.regions),
        }
        cert = global_min_certificate(inst, fast) if certify else None
        return Verdict(True, fast.count == brute, detail, cert)

    def bound(theorem: Callable[[Instance], Any], key: str) -> Callable[[Instance, bool], Verdict]:
        def check(inst: Instance, certify: bool) -> Verdict:
            reason = _one_d(inst)
            if reason:
                return _outside(inst, reason, _kmtm_hypothesis(inst), certify)
            rep = theorem(inst)
            detail = {
                "regions": str(rep.numbers.nonempty_regions),
                "fraction": str(getattr(rep.numbers, key)),  # p/q, as format_rational
                "epsilon_T": str(rep.numbers.epsilon_t),
                "vacuous": rep.verdict == Outcome.VACUOUS,
            }
            cert = next(iter(theorem_certificates(inst, rep).values())) if certify and rep.results else None
            conclusion = {Outcome.HOLDS: True, Outcome.FAILS: False}.get(rep.verdict)
            return Verdict(True, conclusion, detail, cert, outcome=str(rep.verdict))

        return check

    count_syms = frozenset({"permutations", "scaling", "coordinates"})
    one_d_syms = frozenset({"permutations", "coordinates"})
    return [
        Statement(
            "kmtm-fullrank-count",
            "Full-rank regions: counting by row sets equals brute force",
            "Karhadkar et al. (slides), Lemma 1 / Cor. 5 / Thm 7 counts; docs/spec.md §3",
            "one hidden layer, fixed nonzero output weights, no zero point",
            "#{d1-tuples of non-empty-region rows with rank ∇_W F = n}, counted over sets of distinct rows "
            "(jacobian.count_full_rank), equals one rank of the whole Jacobian per tuple",
            fullrank_count,
            count_syms,
            Model(activations=ANY_ACTIVATION, deep=False, outputs=FIXED),
        ),
        Statement(
            "kmtm-globalmin-count",
            "Theorem 8 regions: counting by (S+, S−) pairs equals brute force",
            "Karhadkar et al. (slides), Thm 8; docs/spec.md §3",
            "one hidden layer, fixed nonzero output weights, no zero point",
            "#{non-empty regions where G ∩ S^A is non-empty of codimension n}, one LP per pair of row sets "
            "(globalmin.count_global_minima), equals one LP + one rank per pattern",
            globalmin_count,
            count_syms,
            globalmin.MODEL,
        ),
        Statement(
            "kmtm-thm7",
            "Theorem 7: few rank-deficient regions on 1-D data",
            "Karhadkar et al. (slides), Thm 7",
            "d0 = 1, bias, distinct points, fixed nonzero output weights",
            "the rank-deficient fraction of the non-empty regions is ≤ ε_T = n·e^(−d1/(2n)) "
            "(decided exactly with rational bounds on e^t; vacuous when ε_T > 1)",
            bound(kmtm.theorem7, "fraction_full_rank"),
            one_d_syms,
            Model(activations=RELU, deep=False, outputs=FIXED),
        ),
        Statement(
            "kmtm-thm8",
            "Theorem 8: most regions contain global minimisers of codimension n (1-D data)",
            "Karhadkar et al. (slides), Thm 8",
            "d0 = 1, bias, distinct points, fixed nonzero output weights",
            "the fraction of non-empty regions without a non-empty G ∩ S^A of codimension n is "
            "≤ ε_T = 2n·e^(−min(d+, d−)/(2n)) (exact; vacuous when ε_T > 1)",
            bound(kmtm.theorem8, "fraction_good"),
            one_d_syms,
            globalmin.MODEL,
        ),
    ]


# ---------------------------------------------------------------- Laurent–von Brecht (SPEC §5)
def _seeded_points(inst: Instance, count: int) -> list[Any]:
    """``count`` rational parameter points drawn from a generator seeded by the instance's content."""
    import random

    from ..core.point import parameter_names, unflatten
    from .grids import instance_key

    rng = random.Random(instance_key(inst))
    size = len(parameter_names(inst))
    return [
        unflatten(inst, [Fraction(rng.randint(-5, 5), rng.randint(1, 3)) for _ in range(size)])
        for _ in range(count)
    ]


def _lvb_cells_certificate(inst: Instance, points: list[Any], detail: Mapping[str, Any]) -> dict[str, Any]:
    """Claim ``lvb-multilinear-cells`` about the listed (seeded, distinct) points; the kernel recounts everything."""
    from ..certify.certificates import certificate
    from ..core.point import point_to_mapping

    claim = {"kind": "lvb-multilinear-cells", "points": [point_to_mapping(p) for p in points],
             **{k: str(detail[k]) for k in ("cells", "indefinite_hessians", "failures")}}
    return certificate(claim, {}, inst)


@_provider("lvb-multilinear", "lvb-thm6")
def _lvb_statements() -> list[Statement]:
    from ..certify.lvb import clarke_certificate, separability_certificate
    from ..core.instance import InstanceError
    from ..core.point import LVB_MODEL, check_lvb_instance
    from ..lvb import multilinear, separability
    from ..lvb import theorems as lvb
    from ..lvb.clarke import Criticality

    def cells(inst: Instance, certify: bool) -> Verdict:
        try:
            check_lvb_instance(inst)
        except InstanceError as exc:
            cert = None
            if certify:
                cert = hypothesis_certificate(inst, "hinge-loss" if inst.loss != "hinge" else "trainable-output")
            return Verdict(False, None, {"reason": exc.expected}, cert)
        checked = bad = indefinite = 0
        points = list(dict.fromkeys(_seeded_points(inst, 3)))  # distinct: the certificate lists a set
        for p in points:
            if multilinear.zero_entries(multilinear.signature(inst, p)):
                continue  # on the boundary set N: no cell
            poly, ind = multilinear.hessian_verdict(inst, p)
            checked += 1
            ok = poly.multilinear and poly.harmonic and (ind.zero or ind.uHu > 0 > ind.vHv)
            bad += not ok
            indefinite += ok and not ind.zero
        detail = {"cells": checked, "indefinite_hessians": indefinite, "failures": bad}
        cert = _lvb_cells_certificate(inst, points, detail) if certify else None
        return Verdict(True, bad == 0, detail, cert)

    def theorem6(inst: Instance, certify: bool) -> Verdict:
        import itertools

        failed = [h for h, bad in (("hidden", inst.hidden != (2,)), ("bias", not inst.bias),
                                   ("hinge-loss", inst.loss != "hinge"), ("binary-targets", inst.onehot is not None))
                  if bad]
        if failed:
            cert = None
            if certify:
                cert = hypothesis_certificate(inst, failed[0], **({"widths": [2]} if failed[0] == "hidden" else {}))
            return Verdict(False, None, {"reason": "needs hidden = [2], bias = true, hinge loss, targets ±1"}, cert)
        sep = separability.separability(inst)
        if not sep.separable:
            cert = separability_certificate(sep, inst) if certify else None
            return Verdict(False, None, {"reason": "not linearly separable"}, cert)
        built = critical = 0
        violations: list[str] = []
        cert = None
        for k in range(inst.n + 1):
            for dead in itertools.combinations(range(inst.n), k):
                try:
                    p = lvb.blind_minimum(inst, set(dead))
                except ValueError:
                    continue  # no unit fires exactly on that live class
                built += 1
                a = lvb.classify(inst, p)
                if a.clarke.verdict != Criticality.CRITICAL:
                    continue
                critical += 1
                if a.violations:
                    violations.append(f"dead {list(dead)}: {list(a.violations)}")
                if certify and (cert is None or a.violations):
                    cert = clarke_certificate(a.clarke, inst, p)
        detail = {"constructions": built, "critical": critical, "violations": len(violations),
                  "first": violations[0] if violations else None}
        return Verdict(critical > 0, not violations, detail, cert)

    return [
        Statement(
            "lvb-multilinear",
            "Theorem 1 / Corollary 2: cell losses are multilinear and harmonic",
            "Laurent–von Brecht, Thm 1, Cor. 2",
            "hinge loss, trainable output (any depth, ReLU or leaky)",
            "at 3 rational parameter points seeded by the instance: the loss polynomial of the cell is "
            "multilinear in Theorem 1's blocks, has zero Laplacian, and its Hessian is 0 or indefinite "
            "(uᵀHu > 0 > vᵀHv exactly); the certificate lists the points and the kernel re-derives, at each, "
            "the Hessian's zeros forced by Theorem 1 and its verdict",
            cells,
            frozenset({"permutations"}),
            LVB_MODEL,
        ),
        Statement(
            "lvb-thm6",
            "Theorem 6: unsolved points lie on every active unit's blind side",
            "Laurent–von Brecht, Thm 6 (Figure 4 constructions)",
            "hidden = [2], bias, hinge loss, targets ±1, the data linearly separable (exact LP), and at least "
            "one Figure-4 point (lvb.blind_minimum, every dead set) Clarke critical (exact)",
            "at every Clarke-critical Figure-4 point, no unsolved point activates a unit with v_k ≠ 0",
            theorem6,
            frozenset({"permutations"}),
            LVB_MODEL,
        ),
    ]


def _point_text(weights: Sequence[Sequence[Fraction]], output: Sequence[Fraction]) -> str:
    """A landscape point ``(W, z)`` as the sweeps report it: ``w = w_1; …; w_m z = z_1,…,z_m`` (exact rationals)."""
    from ..core.rationals import format_rational

    return ("w = " + "; ".join(",".join(format_rational(x) for x in w) for w in weights)
            + " z = " + ",".join(format_rational(z) for z in output))


@_provider("landscape-no-spurious", "landscape-no-spurious-live")
def _landscape_statements() -> list[Statement]:
    from ..core.rationals import format_rational
    from ..landscape import minima as landscape

    def make(live_only: bool) -> Callable[[Instance, bool], Verdict]:
        def check(inst: Instance, certify: bool) -> Verdict:
            a = landscape.landscape(inst)
            bad = [c for c in a.spurious if not live_only or all(1 in f for f in c.faces)]
            first = None
            if bad:
                c = min(bad, key=lambda c: (c.loss, c.faces, c.signs))
                first = (f"loss {format_rational(c.loss)} > {format_rational(a.global_min.value)} at "
                         + _point_text(c.weights, c.output))
            detail = {"global_minimum": format_rational(a.global_min.value), "classes": len(a.classes),
                      "spurious": len(bad), "first": first}
            return Verdict(True, not bad, detail)

        return check

    common = ("docs/spec.md §8 (the landscape question of Liu and of Karhadkar et al.)",
              "one hidden layer, squared loss, ReLU or leaky ReLU, fixed or trainable output")
    symmetries = frozenset({"permutations", "coordinates"})
    return [
        Statement("landscape-no-spurious", "No spurious local minimum", *common,
                  "every local minimum of L is global (classes decided exactly, exactrelu.landscape.minima)",
                  make(False), symmetries, landscape.MODEL),
        Statement("landscape-no-spurious-live", "No spurious local minimum with every unit active", *common,
                  "every local minimum at which every hidden unit is active on some point is global "
                  "(dead-unit plateaus set apart)", make(True), symmetries, landscape.MODEL),
    ]


@_provider("liu-theorem3-only-if", "liu-theorem3-only-if-below-genuine")
def _theorem3_statements() -> list[Statement]:
    from ..core.rationals import format_rational
    from ..landscape.minima import global_minimum, minimum_classes
    from ..liu import minima as liu
    from ..liu import theorem3_gap

    def make(below_genuine: bool) -> Callable[[Instance, bool], Verdict]:
        def check(inst: Instance, certify: bool) -> Verdict:
            if any(not any(x) for x in inst.points):  # x_p = 0 lies on every wall: Liu's cells are empty
                return Verdict(False, None, {"reason": "a zero point"})
            genuine = theorem3_gap.least_genuine_loss(minimum_classes(inst, keep=theorem3_gap.is_open))
            if below_genuine and genuine is not None and genuine == global_minimum(inst).value:
                misses = []  # every local minimum's loss is ≥ the global minimum = the least genuine loss
            else:
                walls = minimum_classes(inst, keep=theorem3_gap.in_liu_setting)
                misses = [v for v in theorem3_gap.theorem3_misses(inst, walls)
                          if not below_genuine or genuine is None or v.cls.loss < genuine]
            first = None
            if misses:
                v = misses[0]
                first = (f"unit {v.unit + 1} on the wall of x_{v.point + 1}, loss {format_rational(v.cls.loss)} at "
                         + _point_text(v.cls.weights, v.cls.output))
            detail = {"misses": len(misses), "first": first,
                      "least_genuine_loss": "none" if genuine is None else format_rational(genuine)}
            return Verdict(True, not misses, detail)

        return check

    common = ("Bo Liu, Theorem 3 (eqs. 27-30), against the exact landscape of docs/spec.md §8",
              "one hidden layer, squared loss, ReLU, trainable output, no zero point")
    symmetries = frozenset({"permutations", "coordinates"})
    return [
        Statement("liu-theorem3-only-if", "Liu's Theorem 3 finds every wall local minimum", *common,
                  "every local minimum with one unit on one wall (the others in open cells) meets Liu's strict "
                  "conditions (27)-(30) on that wall", make(False), symmetries, liu.MODEL),
        Statement("liu-theorem3-only-if-below-genuine",
                  "No wall local minimum that Liu's Theorem 3 misses lies below every genuine minimum", *common,
                  "no local minimum that Liu's Theorem 3 misses has a loss below the least loss of a "
                  "differentiable (genuine) minimum", make(True), symmetries, liu.MODEL),
    ]
