"""Certificates of the results of Karhadkar–Murray–Tseran–Montúfar (:mod:`exactrelu.kmtm`), one function per
result type; the analyses return values, these turn them into certificate documents (SPEC §6).

* :func:`jacobian_rank_certificate` (``jacobian-rank``), :func:`fullrank_count_certificate` (``fullrank-count``,
  Theorem 2 / Corollary 5 / Theorem 7), :func:`topes_step` (``topes-complete`` for an instance);
* :func:`region_minimum_certificate` (``global-minimum-region``) and :func:`global_min_certificate`
  (``globalmin-count``, Theorem 8);
* :func:`polygon_certificate` (``polygon-area``) and :func:`volume_certificate` (``fullrank-volume``,
  Proposition 11);
* :func:`deep_verdict_certificate` and :func:`deep_count_certificate` (Theorem 10);
* :func:`generators_certificate`, :func:`representation_certificate` and :func:`proposition13_certificate`
  (Proposition 13);
* :func:`theorem_certificates`: the documents of a :class:`~exactrelu.kmtm.theorems.TheoremReport`;
* :func:`fullrank_certificates`, :func:`globalmin_certificates`: one per row of the figure tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from fractions import Fraction
from typing import Any

from ..arrangements.regions import topes_of, unit_witnesses
from ..core.instance import Instance
from ..core.linalg import RankEvidence
from ..core.model import require
from ..core.progress import NO_PROGRESS, Ticker
from ..core.rationals import format_matrix, format_rational, format_vector
from ..kmtm.deep import DeepCount, DeepVerdict, Layer, NotATope, RegionStatus, ZeroColumn, witness_rank_evidence
from ..kmtm.figures import FullRankRow, GlobalMinRow, grid_instance
from ..kmtm.globalmin import GlobalMinCount, RegionMinimum, count_global_minima
from ..kmtm.jacobian import (
    CERTIFICATE_MODEL,
    FullRankCount,
    JacobianRank,
    count_instance,
    output_weights,
    pattern_string,
    search_rank_evidence,
)
from ..kmtm.relucone import (
    Representation,
    RepresentationPoint,
    cone_generators,
    non_representation_multipliers,
    representation_point,
)
from ..kmtm.theorems import Proposition13Answers, TheoremReport
from ..kmtm.volume import Polygon, VolumeReport, fullrank_volume
from .certificates import certificate, hypothesis_certificate, rank_evidence, step, system_evidence
from .regions import topes_evidence

__all__ = [
    "jacobian_rank_claim",
    "jacobian_rank_certificate",
    "topes_step",
    "search_evidence",
    "fullrank_count_certificate",
    "count_certificate",
    "region_minimum_claim",
    "region_minimum_evidence",
    "region_minimum_certificate",
    "global_min_certificate",
    "polygon_claim",
    "polygon_certificate",
    "volume_certificate",
    "deep_pattern",
    "deep_empty_evidence",
    "deep_verdict_claim",
    "deep_nonempty_claim",
    "deep_verdict_certificate",
    "deep_count_claim",
    "deep_count_certificate",
    "generators_certificate",
    "representation_evidence",
    "representation_certificate",
    "non_representation_certificate",
    "proposition13_certificate",
    "theorem_certificates",
    "fullrank_certificates",
    "globalmin_certificates",
]


# ------------------------------------------------------------------ Jacobian ranks and counts
def jacobian_rank_claim(rank: JacobianRank) -> dict[str, Any]:
    """The ``jacobian-rank`` claim: the pattern (one 0/1 string per unit) and the rank of ``∇_W F`` on ``S^A``.

    >>> from exactrelu.core.linalg import rank_evidence
    >>> jacobian_rank_claim(JacobianRank(((1, 0), (1, 1)), 2, rank_evidence([[1, 0], [1, 1]], 2)))
    {'kind': 'jacobian-rank', 'pattern': ['10', '11'], 'rank': 2}
    """
    return {"kind": "jacobian-rank", "pattern": pattern_string(rank.pattern), "rank": rank.rank}


def jacobian_rank_certificate(instance: Instance, rank: JacobianRank) -> dict[str, Any]:
    """``jacobian-rank``: the rank of ``∇_W F`` on ``S^A`` with its rank evidence (SPEC §6)."""
    require(instance, CERTIFICATE_MODEL, "a jacobian-rank certificate")
    return certificate(jacobian_rank_claim(rank), rank_evidence(rank.evidence), instance)


def topes_step(instance: Instance, sid: str = "topes") -> dict[str, Any]:
    """A ``topes-complete`` step (SPEC §6) whose evidence is :func:`exactrelu.certify.regions.topes_evidence`."""
    ts = topes_of(tuple(instance.points))
    return step(sid, {"kind": "topes-complete", "count": str(len(ts))}, topes_evidence(instance.points))


def search_evidence(evidence: Sequence[RankEvidence]) -> list[dict[str, Any]]:
    """Format 2 ``nodes`` of a ``fullrank-count`` (and ``fullrank-volume``) certificate: per set visited by the
    search (:func:`exactrelu.kmtm.jacobian.search_rank_evidence`, in its order) its ``rank`` and rank evidence.

    >>> from exactrelu.core.linalg import rank_evidence
    >>> search_evidence([rank_evidence([[0, 1], [0, 1]], 2)])  # pivot A[0][1]; kernel (1, 0), column 0 free
    [{'rank': 1, 'rows': [0], 'columns': [1], 'inverse': [['1']], 'kernel': [['1'], ['0']], 'kernel_rows': [0]}]
    """
    return [{"rank": ev.rank, **rank_evidence(ev)} for ev in evidence]


def fullrank_count_certificate(instance: Instance, result: FullRankCount, rows: str = "topes",
                               progress: Ticker = NO_PROGRESS) -> dict[str, Any]:
    """``fullrank-count`` of a count over all rows (``rows="all"``, Theorem 2) or over the unit topes
    (``"topes"``, Corollary 5 / Theorem 7: the tope list as a step and a witness per row); ``progress`` shows
    the rank evidence of every visited set of rows."""
    require(instance, CERTIFICATE_MODEL, "a fullrank-count certificate")
    steps: list[dict[str, Any]] = []
    evidence: dict[str, Any] = {}
    if rows == "all":
        claim_rows: Any = "all"
    else:
        steps.append(topes_step(instance))
        wit = {tuple(int(s > 0) for s in t.signs): t.witness for t in topes_of(tuple(instance.points))}
        evidence = {"topes": "topes", "witnesses": [format_vector(wit[a]) for a in result.rows]}
        claim_rows = pattern_string(result.rows)
    evidence["nodes"] = search_evidence(search_rank_evidence(instance.points, result, instance.alpha, progress))
    claim = {"kind": "fullrank-count", "rows": claim_rows, "count": str(result.count), "total": str(result.total)}
    return certificate(claim, evidence, instance, steps=steps)


def count_certificate(instance: Instance, rows: str = "topes",
                      progress: Ticker = NO_PROGRESS) -> tuple[FullRankCount, dict[str, Any]]:
    """Count full-rank patterns (:func:`exactrelu.kmtm.jacobian.count_instance`) and certify the count."""
    require(instance, CERTIFICATE_MODEL, "a fullrank-count certificate")
    result = count_instance(instance, rows, progress)
    return result, fullrank_count_certificate(instance, result, rows, progress)


# ------------------------------------------------------------------ Theorem 8: global minima per region
def region_minimum_claim(region: RegionMinimum) -> dict[str, Any]:
    """The ``global-minimum-region`` claim: the pattern, whether ``G ∩ S^A`` is non-empty and the rank of
    ``∇_W F`` on ``S^A`` (the codimension of ``G ∩ S^A`` when non-empty)."""
    return {"kind": "global-minimum-region", "pattern": pattern_string(region.pattern), "nonempty": region.nonempty,
            "rank": region.rank.rank}


def region_minimum_evidence(region: RegionMinimum) -> dict[str, Any]:
    """Format 2: the system's point or Motzkin multipliers and the rank evidence, side by side."""
    return {**system_evidence(region.answer), **rank_evidence(region.rank)}


def region_minimum_certificate(instance: Instance, region: RegionMinimum) -> dict[str, Any]:
    """``global-minimum-region``: whether ``G ∩ S^A`` is non-empty, and its codimension."""
    return certificate(region_minimum_claim(region), region_minimum_evidence(region), instance)


def _tope_rows_certificate(
    instance: Instance,
    kind: str,
    rows: Sequence[Any],
    claim: dict[str, Any],
    evidence: dict[str, Any],
    steps: Sequence[dict[str, Any]] = (),
) -> dict[str, Any]:
    """A certificate over the unit topes of ``instance``: the tope list as the first step (then ``steps``), the
    claim ``{kind, rows, **claim}`` and the evidence ``{topes, witnesses (one per row), **evidence}``."""
    wit = unit_witnesses(instance)
    full_claim = {"kind": kind, "rows": pattern_string(rows), **claim}
    full_evidence = {"topes": "topes", "witnesses": [format_vector(wit[a]) for a in rows], **evidence}
    return certificate(full_claim, full_evidence, instance, steps=[topes_step(instance), *steps])


def global_min_certificate(instance: Instance, result: GlobalMinCount | None = None) -> dict[str, Any]:
    """A ``globalmin-count`` certificate: the tope list, then one ``global-minimum-region`` step per pair of sets."""
    result = result or count_global_minima(instance)
    steps = [step(f"r{k}", region_minimum_claim(reg), region_minimum_evidence(reg))
             for k, reg in enumerate(result.regions)]
    return _tope_rows_certificate(
        instance,
        "globalmin-count",
        result.rows,
        {"count": str(result.count), "total": str(result.total)},
        {"regions": [f"r{k}" for k in range(len(result.regions))]},
        steps,
    )


# ------------------------------------------------------------------ Proposition 11: volumes
def polygon_claim(polygon: Polygon) -> dict[str, Any]:
    """The ``polygon-area`` claim: the row ``a`` and the area of ``closure(C(a)) ∩ [−1,1]^2``.

    >>> from fractions import Fraction as F
    >>> polygon_claim(Polygon((1, 0), ((F(0), F(0)), (F(1), F(0)), (F(1), F(1))), (0, 1, 2)))
    {'kind': 'polygon-area', 'row': '10', 'area': '1/2'}
    """
    return {"kind": "polygon-area", "row": "".join(map(str, polygon.row)), "area": format_rational(polygon.area)}


def polygon_certificate(instance: Instance, polygon: Polygon) -> dict[str, Any]:
    """``polygon-area``: the area of ``closure(C(a)) ∩ [−1,1]^2``; no evidence (format 2), the kernel clips the
    square by the row's half-planes itself."""
    return certificate(polygon_claim(polygon), {}, instance)


def volume_certificate(instance: Instance, report: VolumeReport | None = None) -> dict[str, Any]:
    """A ``fullrank-volume`` certificate: the tope list (a step), witnesses, the search over row sets."""
    report = report or fullrank_volume(instance)
    # only the tope list is a step: the kernel recomputes each tope's area itself
    return _tope_rows_certificate(
        instance,
        "fullrank-volume",
        report.rows,
        {"volume": format_rational(report.volume), "box": str(report.box)},
        {"nodes": search_evidence(search_rank_evidence(instance.points, report.count))},
    )


# ------------------------------------------------------------------ Theorem 10: deep patterns
def deep_pattern(pattern: Sequence[Layer]) -> list[list[str]]:
    """A deep pattern ``(A_1, …, A_{L−1})`` as the kernel writes it: per layer, one 0/1 string per unit.

    >>> deep_pattern((((1, 0), (0, 1)), ((1, 1),)))
    [['10', '01'], ['11']]
    """
    return [pattern_string(layer) for layer in pattern]


def deep_empty_evidence(proof: ZeroColumn | NotATope) -> dict[str, Any]:
    """The evidence of ``deep-pattern-empty``: the zero column ``{layer, point}``, or the unit of ``A_1`` whose
    open cone is empty with its Motzkin multipliers (format 2: all its rows are strict).

    >>> from fractions import Fraction as F
    >>> deep_empty_evidence(ZeroColumn(1, 0)), deep_empty_evidence(NotATope(1, (F(1), F(1, 2))))
    ({'layer': 1, 'point': 0}, {'unit': 1, 'multipliers': {'strict': ['1', '1/2'], 'weak': [], 'equal': []}})
    """
    if isinstance(proof, ZeroColumn):
        return {"layer": proof.layer, "point": proof.point}
    return {"unit": proof.unit, "multipliers": {"strict": format_vector(proof.multipliers), "weak": [], "equal": []}}


def deep_verdict_claim(points: Sequence[Sequence[Fraction]], v: Sequence[Fraction],
                       verdict: DeepVerdict) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """``(claim, evidence)`` of one pattern's verdict: ``deep-pattern-empty`` or ``deep-jacobian-rank`` (the witness
    is in the claim, so it also proves the pattern non-empty; the rank evidence is
    :func:`exactrelu.kmtm.deep.witness_rank_evidence`); ``None`` when undecided."""
    pat = deep_pattern(verdict.pattern)
    if verdict.status == RegionStatus.EMPTY:
        assert verdict.evidence is not None
        return {"kind": "deep-pattern-empty", "pattern": pat}, deep_empty_evidence(verdict.evidence)
    if verdict.status == RegionStatus.NONEMPTY:
        assert verdict.weights is not None
        ev = witness_rank_evidence(points, v, verdict)
        claim = {"kind": "deep-jacobian-rank", "pattern": pat, "weights": [format_matrix(w) for w in verdict.weights],
                 "rank": ev.rank}
        return claim, rank_evidence(ev)
    return None


def deep_nonempty_claim(verdict: DeepVerdict) -> tuple[dict[str, Any], dict[str, Any]]:
    """``(claim, evidence)`` of ``deep-pattern-nonempty``: the rational weights witness alone."""
    assert verdict.weights is not None
    return ({"kind": "deep-pattern-nonempty", "pattern": deep_pattern(verdict.pattern)},
            {"weights": [format_matrix(w) for w in verdict.weights]})


def deep_verdict_certificate(instance: Instance, verdict: DeepVerdict) -> dict[str, Any]:
    """One pattern's certificate (raises for an undecided pattern: there is nothing to certify)."""
    pair = deep_verdict_claim(instance.points, output_weights(instance), verdict)
    if pair is None:
        raise ValueError("an undecided pattern has no certificate (neither verdict is claimed)")
    return certificate(*pair, instance)


def deep_count_claim(count: DeepCount) -> dict[str, Any]:
    """The ``deep-pattern-count`` claim: the number of patterns of each class (Theorem 10), as decimal strings.

    >>> deep_count_claim(DeepCount(16, 9, 4, 2, 1))  # doctest: +NORMALIZE_WHITESPACE
    {'kind': 'deep-pattern-count', 'patterns': '16', 'empty': '9', 'nonempty_full_rank_at_witness': '4',
     'nonempty_deficient_at_witness': '2', 'undecided': '1'}
    """
    return {"kind": "deep-pattern-count", "patterns": str(count.total), "empty": str(count.empty),
            "nonempty_full_rank_at_witness": str(count.full_at_witness),
            "nonempty_deficient_at_witness": str(count.deficient_at_witness), "undecided": str(count.undecided)}


def deep_count_certificate(instance: Instance, count: DeepCount) -> dict[str, Any]:
    """``deep-pattern-count``: one step per decided pattern, ``"undecided"`` for the rest."""
    v = output_weights(instance)
    steps, classes = [], []
    for k, ver in enumerate(count.verdicts):
        pair = deep_verdict_claim(instance.points, v, ver)
        if pair is None:
            classes.append("undecided")
            continue
        steps.append(step(f"p{k}", *pair))
        classes.append(f"p{k}")
    return certificate(deep_count_claim(count), {"classes": classes}, instance, steps=steps)


# ------------------------------------------------------------------ Proposition 13: the cone of one-ReLU functions
def generators_certificate(xs: Sequence[Fraction | int]) -> dict[str, Any]:
    """Claim ``relu-cone-generators``: the images of the tope cones' rays are the stated polyline vertices (the
    kernel recomputes them), and each vertex is extreme in the hull (evidence: a separating vector per vertex).

    Raises ``ValueError`` if cdd's answer contradicts Proposition 13 (there is then nothing to certify).
    """
    gens = cone_generators(xs)
    claim = {
        "kind": "relu-cone-generators",
        "points": [format_rational(x) for x in gens.points],
        "vertices": [format_vector(v) for v in gens.vertices],
    }
    return certificate(claim, {"separators": [format_vector(c) for c in gens.separators]})


def _representation_claim(rep: Representation, kind: str) -> dict[str, Any]:
    return {
        "kind": kind,
        "points": [format_rational(x) for x in rep.xs],
        "target": [format_rational(v) for v in rep.y],
        "m": rep.m,
        "signed": rep.signed,
    }


def non_representation_certificate(rep: Representation) -> dict[str, Any]:
    """``relu-not-representable``: Farkas multipliers of every unit LP
    (:func:`exactrelu.kmtm.relucone.non_representation_multipliers`; raises if ``y`` is representable)."""
    lps = [{"multipliers": {"strict": [], "weak": format_vector(ans.weak), "equal": format_vector(ans.equal)}}
           for ans in non_representation_multipliers(rep)]
    return certificate(_representation_claim(rep, "relu-not-representable"), {"lps": lps})


def representation_evidence(point: RepresentationPoint) -> dict[str, Any]:
    """Format 2 evidence of ``relu-representation``: the chosen LP of ``relu-not-representable`` and its point.

    >>> from fractions import Fraction as F
    >>> representation_evidence(RepresentationPoint((1, 5), (F(1), F(0), F(2), F(-2))))
    {'choices': [1, 5], 'point': ['1', '0', '2', '-2']}
    """
    return {"choices": list(point.choices), "point": format_vector(point.point)}


def representation_certificate(rep: Representation) -> dict[str, Any]:
    """A ``relu-representation`` certificate, or ``relu-not-representable`` (Farkas multipliers per LP)."""
    if rep.units is None:
        return non_representation_certificate(rep)
    return certificate(_representation_claim(rep, "relu-representation"),
                       representation_evidence(representation_point(rep.xs, rep.signed, rep.units)))


def proposition13_certificate(instance: Instance, answers: Proposition13Answers) -> dict[str, Any]:
    """Claim ``proposition-13``: the generators (``relu-cone-generators``) and the four yes/no answers as steps."""
    gens = generators_certificate(answers.xs)
    steps = [step("generators", gens["claim"], gens["evidence"])]
    claim: dict[str, Any] = {"kind": "proposition-13", "points": gens["claim"]["points"],
                             "target": [format_rational(t) for t in answers.y], "m": answers.m}
    ev = {"generators": "generators"}
    for rep, name in ((answers.sum, "sum"), (answers.signed, "signed_sum"), (answers.cone, "cone"),
                      (answers.linear, "linear")):
        doc = representation_certificate(rep)
        steps.append(step(name, doc["claim"], doc["evidence"]))
        claim[name] = doc["claim"]["kind"] == "relu-representation"
        ev[name] = name
    return certificate(claim, ev, instance, steps=steps)


# ------------------------------------------------------------------ a theorem's report
def theorem_certificates(instance: Instance, report: TheoremReport[Any],
                         progress: Ticker = NO_PROGRESS) -> dict[str, dict[str, Any]]:
    """The certificates of a KMTM theorem report, one per entry of ``report.results`` (same keys, same order):
    ``fullrank-all`` / ``fullrank-topes`` (a count), ``globalmin-topes``, ``fullrank-volume``, ``deep-count``,
    ``hypothesis-not-met`` (the kernel's name of the failed hypothesis), ``proposition-13`` and Proposition 13's
    four answers ``sum``, ``signed``, ``cone``, ``linear``."""
    out: dict[str, dict[str, Any]] = {}
    for key, value in report.results.items():
        if key in ("fullrank-all", "fullrank-topes"):
            out[key] = fullrank_count_certificate(instance, value, key.removeprefix("fullrank-"), progress)
        elif key == "globalmin-topes":
            out[key] = global_min_certificate(instance, value)
        elif key == "fullrank-volume":
            out[key] = volume_certificate(instance, value)
        elif key == "deep-count":
            out[key] = deep_count_certificate(instance, value)
        elif key == "hypothesis-not-met":
            out[key] = hypothesis_certificate(instance, value)
        elif key == "proposition-13":
            out[key] = proposition13_certificate(instance, value)
        else:
            out[key] = representation_certificate(value)
    return out


# ------------------------------------------------------------------ the figure tables
def fullrank_certificates(rows: list[FullRankRow], seed: int = 0, alpha: Fraction = Fraction(0),
                          progress: Ticker = NO_PROGRESS) -> list[tuple[str, dict, dict]]:
    """One ``fullrank-count`` certificate per table row of :func:`exactrelu.kmtm.figures.fullrank_table` (over
    the unit topes of the row's grid instance).

    Returns ``(file name, certificate, index entry)``; the certified ``count/total`` is the row's fraction.
    """
    out = []
    for r in rows:
        result, doc = count_certificate(replace(grid_instance(r.n, r.d0, r.d1, seed), alpha=alpha), "topes", progress)
        progress()
        if result.fraction != r.fraction:  # pragma: no cover - two routes over the same counts
            raise ArithmeticError(f"fullrank row n={r.n} d0={r.d0} d1={r.d1}: {result.fraction} != {r.fraction}")
        name = f"fullrank-n{r.n}-d0{r.d0}-d1{r.d1}.json"
        out.append((name, doc, {"file": name, "n": r.n, "d0": r.d0, "d1": r.d1, "count": result.count,
                                "total": result.total, "fraction": format_rational(r.fraction)}))
    return out


def globalmin_certificates(rows: list[GlobalMinRow], seed: int = 0,
                           d0: int = 1, progress: Ticker = NO_PROGRESS) -> list[tuple[str, dict, dict]]:
    """One ``globalmin-count`` certificate per row of :func:`exactrelu.kmtm.figures.globalmin_table`
    (``d+ = d− = k``)."""
    out = []
    for row in rows:
        n, k, frac = row.n, row.k, row.fraction
        inst = grid_instance(n, d0, 2 * k, seed, signs=(k, k))
        result = count_global_minima(inst, progress)
        progress()
        if result.fraction != frac:  # pragma: no cover - same computation twice
            raise ArithmeticError(f"globalmin row n={n} k={k}: {result.fraction} != {frac}")
        name = f"globalmin-n{n}-k{k}.json"
        out.append((name, global_min_certificate(inst, result),
                    {"file": name, "n": n, "d+": k, "d-": k, "count": result.count, "total": result.total,
                     "fraction": format_rational(frac)}))
    return out
