"""KMTM theorem reports carry result values; :func:`exactrelu.certify.kmtm.theorem_certificates` encodes them."""

from __future__ import annotations

import dataclasses
from fractions import Fraction

from exactrelu import kernel
from exactrelu.certify.kmtm import theorem_certificates
from exactrelu.core.instance import instance_from_mapping
from exactrelu.kmtm.theorems import Proposition13Answers, proposition11, proposition13, theorem2


def _inst(points, targets, hidden, output, bias=True):
    return instance_from_mapping({"data": {"points": points, "targets": targets, "bias": bias},
                                  "network": {"hidden": [hidden], "output": output}})


def _values_only(value) -> bool:
    """A result value: dataclasses, tuples, Fractions, ints, bools, strings; never a JSON document (a dict)."""
    if isinstance(value, dict):
        return False
    if dataclasses.is_dataclass(value):
        return all(_values_only(getattr(value, f.name)) for f in dataclasses.fields(value))
    if isinstance(value, (tuple, list)):
        return all(_values_only(v) for v in value)
    return value is None or isinstance(value, (Fraction, int, str))


def test_proposition13_report_holds_answers_and_encodes_five_certificates() -> None:
    # the hat (0, 1, 0) on 0, 1, 2 with m = 2: a signed sum σ(x) − σ(2x − 2), no sum (each ReLU is convex)
    hat = _inst([[0], [1], [2]], [0, 1, 0], 2, [1, -1])
    rep = proposition13(hat)
    assert list(rep.results) == ["proposition-13", "sum", "signed", "cone", "linear"]
    assert isinstance(rep.results["proposition-13"], Proposition13Answers)
    assert all(_values_only(v) for v in rep.results.values())
    docs = theorem_certificates(hat, rep)
    assert list(docs) == list(rep.results)
    proved = {k: kernel.check_document(d)[-1].kind for k, d in docs.items()}
    assert proved == {"proposition-13": "proposition-13", "sum": "relu-not-representable",
                      "signed": "relu-representation", "cone": "relu-not-representable",
                      "linear": "relu-representation"}
    assert docs["proposition-13"]["claim"]["sum"] is False and docs["proposition-13"]["claim"]["signed_sum"] is True


def test_failed_hypothesis_is_a_name_then_a_hypothesis_certificate() -> None:
    # Proposition 11 on 2-D data: "d0 = 1" fails, which the kernel re-checks as "one-dimensional"
    flat = _inst([[0, 1], [1, 0]], [0, 0], 1, [1])
    rep = proposition11(flat)
    assert rep.results == {"hypothesis-not-met": "one-dimensional"}
    doc = theorem_certificates(flat, rep)["hypothesis-not-met"]
    assert kernel.check_document(doc)[-1].kind == "hypothesis-not-met"


def test_theorem2_count_is_certified_from_the_value() -> None:
    # points 1, 3 without bias, d1 = 2: 6 of the 16 patterns are invertible 2 × 2 matrices
    i = _inst([[1], [3]], [0, 1], 2, [1, 1], bias=False)
    rep = theorem2(i)
    count = rep.results["fullrank-all"]
    assert (count.count, count.total) == (6, 16)
    doc = theorem_certificates(i, rep)["fullrank-all"]
    assert doc["claim"] == {"kind": "fullrank-count", "rows": "all", "count": "6", "total": "16"}
    assert kernel.check_document(doc)[-1].kind == "fullrank-count"
