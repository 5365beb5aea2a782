"""Writing certificates: the JSON envelope of SPEC §6, written atomically (:mod:`exactrelu.core.files`).

The producer side only.  Checking is the kernel's job (:mod:`exactrelu.kernel`),
which shares no code with this module.

>>> doc = certificate({"kind": "rank", "rows": 1, "cols": 1, "matrix": [["2"]], "rank": 1},
...                   {"rows": [0], "columns": [0], "inverse": [["1/2"]], "kernel": [], "kernel_rows": []})
>>> doc["format"], doc["version"]
('exactrelu-certificate', '2.0')
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

from ..core.feasibility import FeasiblePoint, Infeasibility, LinearSystem
from ..core.files import atomic_write_bytes, atomic_write_text
from ..core.instance import Instance, instance_to_mapping
from ..core.linalg import RankEvidence
from ..core.rationals import format_matrix, format_rational, format_vector, sign_string

__all__ = [
    "FORMAT",
    "VERSION",
    "certificate",
    "step",
    "sign_string",
    "system_claim",
    "system_evidence",
    "rank_evidence",
    "hypothesis_certificate",
    "atomic_write_text",
    "atomic_write_bytes",
    "write_json",
    "dumps",
]

FORMAT = "exactrelu-certificate"
VERSION = "2.0"
COMPACT_ABOVE = 2**20  # bytes: larger certificates are written without indentation


def _tool_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("exactrelu")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "unknown"


def certificate(claim: Mapping[str, Any], evidence: Mapping[str, Any], instance: Instance | None = None,
                steps: Sequence[Mapping[str, Any]] = (), info: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The envelope ``{format, version, instance, claim, evidence, steps, info}`` (format 2)."""
    doc: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    if instance is not None:
        doc["instance"] = instance_to_mapping(instance)
    doc["claim"], doc["evidence"] = dict(claim), dict(evidence)
    if steps:
        doc["steps"] = list(steps)
    doc["info"] = {"tool": "exactrelu", "tool_version": _tool_version(), **(info or {})}
    return doc


def step(sid: str, claim: Mapping[str, Any], evidence: Mapping[str, Any]) -> dict[str, Any]:
    """A sub-certificate of a composite claim; later claims refer to it by ``sid``."""
    return {"id": sid, "claim": dict(claim), "evidence": dict(evidence)}


def system_claim(system: LinearSystem, feasible: bool) -> dict[str, Any]:
    """A self-contained ``system`` claim: rows ``[a…, b]`` for ``a·x (>, ≥, =) b``."""
    def rows(rs: Sequence[Any]) -> list[list[str]]:
        return format_matrix([(*r.a, r.b) for r in rs])

    return {"kind": "system", "unknowns": system.k, "strict": rows(system.strict),
            "weak": rows(system.weak), "equal": rows(system.equal), "feasible": feasible}


def system_evidence(answer: FeasiblePoint | Infeasibility) -> dict[str, Any]:
    """The evidence of a ``system`` claim: the feasible point, or the Motzkin multipliers of an infeasible
    system (strict, weak and equality rows), as ``p/q`` strings (:mod:`exactrelu.core.feasibility`).
    """
    if isinstance(answer, FeasiblePoint):
        return {"point": format_vector(answer.point)}
    return {"multipliers": {"strict": format_vector(answer.strict), "weak": format_vector(answer.weak),
                            "equal": format_vector(answer.equal)}}


def rank_evidence(ev: RankEvidence) -> dict[str, Any]:
    """The rank evidence of SPEC §6: ``inverse · A[rows, columns] = I_r`` and ``A · kernel = 0`` (the rank itself is
    the claim's).

    >>> from exactrelu.core import linalg
    >>> rank_evidence(linalg.rank_evidence([[1, 2], [2, 4]], 2))
    {'rows': [0], 'columns': [0], 'inverse': [['1']], 'kernel': [['-2'], ['1']], 'kernel_rows': [1]}
    """
    return {"rows": list(ev.rows), "columns": list(ev.columns), "inverse": format_matrix(ev.inverse),
            "kernel": format_matrix(ev.kernel), "kernel_rows": list(ev.kernel_rows)}


def hypothesis_certificate(inst: Instance, hypothesis: str, **claim: Any) -> dict[str, Any]:
    """``hypothesis-not-met``: the instance fails ``hypothesis`` (the kernel's list in kernel/regions.py), with
    the offending indices as evidence.  Raises ``StopIteration`` if the instance in fact meets an
    index-evidenced hypothesis.  (Fixed output weights are nonzero in every instance, so
    ``fixed-nonzero-output`` fails only on a trainable output and needs no evidence.)"""
    ev: dict[str, Any] = {}
    pts, raw = inst.points, inst.raw_points
    n = len(pts)
    if hypothesis == "distinct-points":
        ev["points"] = next([j, k] for j in range(n) for k in range(j + 1, n) if raw[j] == raw[k])
    elif hypothesis == "no-zero-point":
        ev["point"] = next(j for j in range(n) if not any(pts[j]))
    elif hypothesis == "no-parallel-points":
        def factor(j: int, k: int) -> Fraction | None:
            t = next((i for i, c in enumerate(pts[k]) if c), None)
            if t is None or not any(pts[j]):
                return None
            c = pts[j][t] / pts[k][t]
            return c if all(a == c * b for a, b in zip(pts[j], pts[k], strict=True)) else None

        j, k, c = next((j, k, c) for j in range(n) for k in range(j + 1, n) if (c := factor(j, k)) is not None)
        ev.update({"points": [j, k], "factor": format_rational(c)})
    return certificate({"kind": "hypothesis-not-met", "hypothesis": hypothesis, **claim}, ev, inst)


def dumps(doc: Any) -> str:
    """A certificate as JSON text: indented for the reader, compact above :data:`COMPACT_ABOVE` bytes.  A Fraction
    is refused (rationals are ``p/q`` strings, :func:`~exactrelu.core.rationals.format_rational`).

    >>> print(dumps({"claim": {"value": "1/2"}}), end="")
    {
     "claim": {
      "value": "1/2"
     }
    }
    """
    def default(o: object) -> object:
        if isinstance(o, Fraction):
            raise TypeError("a Fraction reached the JSON encoder: format it with format_rational")
        raise TypeError(f"cannot encode {type(o).__name__}")

    compact = json.dumps(doc, separators=(",", ":"), default=default)
    if len(compact) > COMPACT_ABOVE:  # a large certificate is read by the kernel, not by eye: no indentation
        return compact + "\n"
    return json.dumps(doc, indent=1, default=default) + "\n"


def write_json(path: str | Path, doc: Any) -> None:
    """Write the certificate ``doc`` to ``path`` as :func:`dumps` text, atomically (:func:`atomic_write_text`)."""
    atomic_write_text(path, dumps(doc))
