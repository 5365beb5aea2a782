"""exactrelu.render.lvb: the text and ``--json`` bodies of Laurent–von Brecht's results, on hand-worked points.

Every expected value is worked out in the comments: the one-unit examples of :mod:`exactrelu.lvb.multilinear`,
two coincident points of opposite classes (rare by Definition 1), and the unequal replicates of Theorem 7 from
tests/lvb/test_penalty.py.
"""

from __future__ import annotations

import ast
import inspect
from fractions import Fraction as F

from exactrelu.core.instance import instance_from_mapping
from exactrelu.core.point import point_from_mapping
from exactrelu.lvb import theorems
from exactrelu.lvb.clarke import Adjacency, CellGradient, ClarkeVerdict, Criticality
from exactrelu.lvb.generic import rarity
from exactrelu.lvb.penalty import check_penalty, replicates_from_mapping
from exactrelu.lvb.separability import separability
from exactrelu.lvb.theorems import point_verdicts
from exactrelu.render.lvb import (
    CASES,
    clarke_json,
    minimality_line,
    penalty_json,
    penalty_text,
    point_json,
    point_text,
    rarity_json,
    rarity_text,
    separability_json,
    separability_text,
)


def one_unit(targets: list[int], bias: bool):  # type: ignore[no-untyped-def]
    return instance_from_mapping({"data": {"points": [[1], [-1]], "targets": targets, "bias": bias},
                                  "network": {"hidden": [1], "loss": "hinge"}})


# ω = (w, v) = (½, ½) without bias: pre-activations (½, −½), ŷ = (¼, 0), hinge arguments 1 − yŷ = (¾, 1), so
# S(ω) = ++-+ and L = ½·¾ + ½·1 = 7/8 = 1 − vw/2 on the cell: gradient (−v/2, −w/2) = (−¼, −¼) ≠ 0, Hessian
# [[0, −½], [−½, 0]] indefinite; not Clarke critical, so not a minimum; point 0 is unsolved (¾ > 0) with its unit
# active (½ > 0) and v ≠ 0: Theorem 6's pair (0, 0).
INSIDE = one_unit([1, -1], bias=False)
INSIDE_POINT = point_from_mapping({"layers": [{"W": [["1/2"]]}], "output": {"V": [["1/2"]]}}, INSIDE)
# ω = (w, b, v, c) = (1, 0, 2, −1) with bias: ŷ = 2σ(x) − 1 = (1, −1), both hinge arguments 1 − yŷ = 0, L = 0;
# the cell where both arguments are negative has L ≡ 0 (flat) and touches ω: a global minimum of type I.
KINK = one_unit([1, -1], bias=True)
KINK_POINT = point_from_mapping({"layers": [{"W": [["1"]], "b": ["0"]}], "output": {"V": [["2"]], "c": ["-1"]}},
                                KINK)


def test_point_json_inside_a_cell_by_hand() -> None:
    js = point_json(point_verdicts(INSIDE, INSIDE_POINT), INSIDE.bias)
    assert {k: js[k] for k in ("signature", "zero_entries", "hessian", "loss", "clarke_critical", "local_minimum",
                               "minimality_case", "type", "theorem6_violations", "minimality_certified")} == {
        "signature": "++-+", "zero_entries": [], "hessian": "indefinite", "loss": "7/8", "clarke_critical": False,
        "local_minimum": False, "minimality_case": "not-critical", "type": None, "theorem6_violations": [[0, 0]],
        "minimality_certified": True}
    cell = js["cell"]
    assert (cell["cell"], cell["multilinear"], cell["harmonic"], cell["constant"]) == ("++-+", True, True, False)
    detail = js["clarke_detail"]
    assert detail["critical"] is False and detail["cells"] == [{"signs": "", "status": "adjacent",
                                                                "gradient": ["-1/4", "-1/4"]}]
    # the direction descends: −g·δ > 0 for the only gradient g
    assert -sum(F(g) * F(d) for g, d in zip(detail["cells"][0]["gradient"], detail["direction"], strict=True)) > 0
    assert list(js) == ["signature", "zero_entries", "cell", "hessian", "loss", "clarke_critical", "local_minimum",
                        "minimality_case", "type", "theorem6_violations", "minimality_certified", "clarke_detail"]


def test_point_text_inside_a_cell_by_hand() -> None:
    lines = point_text(point_verdicts(INSIDE, INSIDE_POINT), INSIDE.bias)
    assert lines[0] == "signature S(ω) = ++-+  (zero entries: none)"
    assert lines[1].startswith("cell loss = ") and "constant (Corollary 1): no" in lines[2]
    assert lines[3:] == ["Hessian: indefinite", "loss = 7/8; Clarke: not-critical ",
                         f"local minimum: no ({CASES['not-critical']})",
                         "Theorem 6 blind-side violations (point, unit): (0, 0)"]


def test_point_json_and_text_at_a_flat_kink_by_hand() -> None:
    r = point_verdicts(KINK, KINK_POINT)
    js = point_json(r, KINK.bias)
    assert (js["signature"], js["zero_entries"], js["cell"], js["hessian"], js["loss"]) == \
        ("+0-0", [1, 3], None, None, "0")
    assert (js["clarke_critical"], js["local_minimum"], js["minimality_case"], js["type"]) == (True, True, "zero", "I")
    # the flat cell (both hinge arguments negative) has gradient 0 and carries the whole convex weight
    assert js["clarke_detail"]["weights"] == [{"signs": "--", "weight": "1"}]
    assert next(c for c in js["clarke_detail"]["cells"] if c["signs"] == "--")["gradient"] == ["0"] * 4
    # without bias Laurent–von Brecht's types are not defined: the same verdict has no type
    assert point_json(r, False)["type"] is None
    assert point_text(r, KINK.bias)[:3] == ["signature S(ω) = +0-0  (zero entries: 1, 3)",
                                            "Hessian: none (boundary point)", "loss = 0; Clarke: critical "]
    assert minimality_line(r.analysis, True).endswith("type I (flat: ω is in or on the boundary of a flat cell)")
    assert "type I/II not applicable" in minimality_line(r.analysis, False)


def test_clarke_json_orders_keys_and_lists_weights() -> None:
    # a kink in one parameter: gradients +1 and −1 on the two sides, ½·1 + ½·(−1) = 0
    v = ClarkeVerdict(Criticality.CRITICAL, (1, 0), (1,), (CellGradient((1,), Adjacency.ADJACENT, (F(1),)),
                                                           CellGradient((-1,), Adjacency.ADJACENT, (F(-1),))),
                      (((1,), F(1, 2)), ((-1,), F(1, 2))), loss=F(3, 2))
    assert clarke_json(v) == {"critical": True, "signature": "+0", "zero_entries": [1], "null_entries": [],
                              "loss": "3/2", "cells": [{"signs": "+", "status": "adjacent", "gradient": ["1"]},
                                                       {"signs": "-", "status": "adjacent", "gradient": ["-1"]}],
                              "weights": [{"signs": "+", "weight": "1/2"}, {"signs": "-", "weight": "1/2"}]}
    undecided = ClarkeVerdict(Criticality.UNDECIDED, (0,), (0,), reason="why")
    assert clarke_json(undecided)["critical"] is None and clarke_json(undecided)["reason"] == "why"


def test_rarity_json_and_text_by_hand() -> None:
    # x_1 = x_2 = 1 with opposite classes and equal weights: λ = (1, 1), ε = 1 on both slots solves system (7)
    r = rarity(instance_from_mapping({"data": {"points": [[1], [1]], "targets": [1, -1], "bias": True},
                                      "network": {"hidden": [1], "loss": "hinge"}}), F(1, 2), 1)
    assert rarity_json(r) == {"rare": True, "examined": 1, "lambda_exponents": [0, 0], "epsilon": [[0, 1], [1, 0]]}
    assert rarity_text(r, "1/2", 1) == ["rare (Definition 1, α = 1/2, L = 1); combinations examined: 1",
                                        "λ exponents (0, 0), ε rows: 0 1; 1 0"]
    # x = 1, 2: the columns ½(1, 1, −1, −1), ½(−2, −1, 2, 1) of M_1 are independent, ε = 0 only: generic
    g = rarity(instance_from_mapping({"data": {"points": [[1], [2]], "targets": [1, -1], "bias": True},
                                      "network": {"hidden": [1], "loss": "hinge"}}), F(1, 2), 1)
    assert rarity_json(g) == {"rare": False, "examined": 0}
    assert rarity_text(g, "0.5", 1) == ["generic (Definition 1, α = 0.5, L = 1); combinations examined: 0"]


def test_separability_json_and_text() -> None:
    line = instance_from_mapping({"data": {"points": [[1], [2], [3]], "targets": [1, -1, 1]},
                                  "network": {"hidden": [1], "loss": "hinge"}})
    # +, −, + on a line: ¼(1, 1) − ½(2, 1) + ¼(3, 1) = 0 (Motzkin)
    assert separability_json(separability(line)) == {"separable": False, "multipliers": ["1/4", "1/2", "1/4"]}
    assert separability_text(separability(line)) == \
        "not separable: Motzkin multipliers (1/4, 1/2, 1/4) prove no (w, b) exists"
    two = one_unit([1, -1], bias=False)
    js = separability_json(separability(two))
    w, b = F(js["w"][0]), F(js["b"])
    assert js["separable"] is True and 1 * (w + b) > 0 and -1 * (-w + b) > 0  # a second route: the inequalities
    assert separability_text(separability(two)).startswith(f"separable: y_i(<w, x_i> + b) > 0 for w = ({js['w'][0]})")


def test_penalty_json_and_text_by_hand() -> None:
    # tests/lvb/test_penalty.py: γ = ½, w = (1, 0, 0), v = 0: E_γ = 3 + ½·(3/2)·((2/3)² + 2(1/3)²) = 7/2, class 0's
    # shifted gradient (1, 4/3) ≠ 0 so E_γ is not critical and Theorem 7 holds vacuously
    inst = instance_from_mapping({"data": {"points": [[1], [2], [3]], "onehot": [[1, 0, 0], [0, 1, 0], [0, 0, 1]]},
                                  "network": {"hidden": [1], "loss": "hinge", "output": "trainable"}})
    reps = replicates_from_mapping({"classes": [{"layers": [{"W": [[w]]}], "output": {"V": [["0"]]}}
                                                for w in ("1", "0", "0")]}, inst)
    c = check_penalty(inst, reps, F(1, 2))
    js = penalty_json(c)
    assert {k: js[k] for k in ("gamma", "loss", "critical", "equal_replicates", "two_class", "verdict")} == {
        "gamma": "1/2", "loss": "7/2", "critical": False, "equal_replicates": False, "two_class": [False, True, True],
        "verdict": "vacuous"}
    assert js["classes"][0]["penalised"]["cells"][0]["gradient"] == ["1", "4/3"]
    assert penalty_text(c) == ["E_γ = 7/2 (γ = 1/2); Clarke critical: not-critical",
                               "(i) replicates equal: no; (ii) 0 ∈ ∂L^(r) per class: (not-critical, critical, "
                               "critical)",
                               "Theorem 7 (Laurent–von Brecht): vacuous"]


def test_every_case_of_classify_has_its_sentence() -> None:
    # the cases classify's minimality verdict returns (the MinimalityCase members named in its source) and every
    # other member all have a sentence
    named = {getattr(theorems.MinimalityCase, n.attr) for n in ast.walk(ast.parse(inspect.getsource(theorems._minimum)))
             if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == "MinimalityCase"}
    assert {"zero", "not-critical", "cell", "convex", "descent", "undecided", "undecided-clarke"} == named
    assert set(CASES) == set(theorems.MinimalityCase)
