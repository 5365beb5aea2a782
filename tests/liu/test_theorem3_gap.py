"""Liu's Theorem 3 "only if" against the exact landscape (issue 16): the missed wall minima, the statements, and
the catalogue's certificates."""

from __future__ import annotations

import json
from fractions import Fraction

from exactrelu import kernel
from exactrelu.core.instance import instance_from_mapping
from exactrelu.landscape.minima import global_minimum, is_local_minimum, loss, minimum_classes
from exactrelu.liu.nondifferentiable import decide_nondiff
from exactrelu.liu.theorem3_gap import least_genuine_loss, theorem3_misses
from exactrelu.sweeps.reproduce import Catalogue
from exactrelu.sweeps.statements import get

F = Fraction


def make(points, targets, bias=False):
    return instance_from_mapping({"data": {"points": points, "targets": targets, "bias": bias},
                                  "network": {"hidden": [1]}})


ISSUE = make([[0, 2, 2], [-1, 2, 1], [1, 0, 1]], [1, -1, 1])


def test_issue_example_by_hand() -> None:
    # at z = 1, w = (1, 1/2, 0): <w, x> = 1, 0, 1, so F = (1, 0, 1) against y = (1, −1, 1): loss ½·1² = 1/2, with
    # x_2 on the wall.  Nearby z ≥ 0 gives F(x_2) ≥ 0, so (F(x_2) + 1)² ≥ 1 and L ≥ 1/2: a local minimum
    w, z = (F(1), F(1, 2), F(0)), (F(1),)
    assert loss(ISSUE, [w], z) == F(1, 2)
    assert is_local_minimum(ISSUE, [w], z)
    # Liu's cell 1 is A = 101 (x_2 inactive) with unit 0 on the wall of x_2: at this point g = Σ_{i≠2} A_i e_i x_i
    # = 0 (x_1 and x_3 are fitted), so (29) z g·x_2 < 0 fails; and no other point of the wall meets (27)-(30)
    assert not decide_nondiff(ISSUE, ((1, 0, 1),), 0, 1, [w]).minimum
    first = theorem3_misses(ISSUE)[0]
    assert (first.unit, first.point, first.pattern, first.cls.loss) == (0, 1, ((1, 0, 1),), F(1, 2))
    assert first.cls.weights == (w,) and first.cls.output == z
    # issue 16: Liu's atlas prints "least loss of a genuine minimum: 1"; the missed minimum is the global one
    assert least_genuine_loss(minimum_classes(ISSUE)) == 1
    assert global_minimum(ISSUE).value == F(1, 2)


def test_smallest_one_dimensional_miss_below_every_genuine_minimum() -> None:
    # x = −1, 0, 1 with bias, y = (−1, 1, 2): w = (1, 1), z = 1 gives relu(x + 1) = (0, 1, 2), loss ½·1² = 1/2,
    # with x = −1 on the wall; z ≥ 0 nearby keeps F(−1) ≥ 0, so L ≥ 1/2.  Genuine minima (by hand, cells are
    # step vectors): 001 fits y_3 = 2 (loss ½(1 + 1) = 1, realised by w = (3, −1)); 011 would fit y_2, y_3 with
    # w = (1, 1), which lies on the wall, not in the open cell; 111 needs F of one sign, but the line fit is
    # (−5/6, 2/3, 13/6).  So the least genuine loss is 1 > 1/2
    inst = make([[-1], [0], [1]], [-1, 1, 2], bias=True)
    w, z = (F(1), F(1)), (F(1),)
    assert loss(inst, [w], z) == F(1, 2) and is_local_minimum(inst, [w], z)
    assert least_genuine_loss(minimum_classes(inst)) == 1
    misses = theorem3_misses(inst)
    assert misses and misses[0].cls.loss == F(1, 2) and misses[0].point == 0
    assert get("liu-theorem3-only-if-below-genuine").check(inst, False).status == "fails"


def test_smallest_planar_miss_is_the_zero_loss_global_minimum() -> None:
    # x = (−1,−1), (−1,0), (0,−1), y = (−1,−1,0), no bias: F = y forces −R_1 − R_2 = −1, −R_1 = −1 with x_1, x_2
    # active, and x_3 contributes 0, so R = z w = (1, 0): w_2 = 0 puts w on the wall of x_3.  The zero-loss global
    # minimum is on a wall only, and Liu's conditions miss it; the best genuine minimum (x_2 alone active,
    # w = (−1, 2), z = −1) leaves y_1 unfitted: loss ½
    inst = make([[-1, -1], [-1, 0], [0, -1]], [-1, -1, 0])
    w, z = (F(-1), F(0)), (F(-1),)
    assert loss(inst, [w], z) == 0 and is_local_minimum(inst, [w], z)
    assert global_minimum(inst).value == 0
    assert least_genuine_loss(minimum_classes(inst)) == F(1, 2)
    v = theorem3_misses(inst)[0]
    assert (v.point, v.cls.loss) == (2, 0)


def test_statements() -> None:
    only_if = get("liu-theorem3-only-if").check
    assert only_if(ISSUE, False).status == "fails"
    # one point x = −1, y = −1: w = 0, z = 1 predicts 0; w < 0 makes F > 0 (worse), w > 0 keeps F = 0: a local
    # minimum of loss 1/2 on the wall, but g = 0 (no other point) so (29) z g·x < 0 never holds
    v = only_if(make([[-1]], [-1]), False)
    assert v.status == "fails" and v.detail["first"].startswith("unit 1 on the wall of x_1, loss 1/2")
    # 1-D without bias: w = 0 lies on every wall at once, so no local minimum is in Liu's one-wall setting
    assert only_if(make([[1], [-1]], [2, 1]), False).status == "holds"
    # a zero point lies on every wall: Liu's strict cell conditions never hold, the statement says nothing
    assert only_if(make([[0, 0], [1, 0]], [1, 1]), False).status == "vacuous"
    # below every genuine minimum: the one-point instance has a genuine minimum of loss 0 (w < 0, z = −1)
    assert get("liu-theorem3-only-if-below-genuine").check(make([[-1]], [-1]), False).status == "holds"


def test_catalogue_certificate_proves_both_halves() -> None:
    from exactrelu.sweeps.jobs.landscape import ISSUE_EXAMPLE, theorem3_certificate

    cat = Catalogue(folder="landscape")
    what, path = theorem3_certificate(cat, instance_from_mapping(ISSUE_EXAMPLE), "issue 16's example",
                                      "landscape/theorem3-issue16-example.json")
    assert "loss 1/2 (global) at w = (1, 1/2, 0), z = (1)" in what
    checked = kernel.check_document(json.loads(cat.files[path]))
    kinds = [c.kind for c in checked]
    assert kinds[0] == "liu-theorem3" and kinds[-1] == "landscape-local-minimum"
    assert "no point satisfies Liu's printed Theorem-3 conditions" in checked[0].statement


def test_catalogue_spurious_certificate() -> None:
    from exactrelu.sweeps.jobs.landscape import spurious_certificate

    # one unit, x = −1, y = −1 (the catalogue's smallest): w = 1 keeps the unit inactive for every nearby w, so
    # F = 0 and the loss is 1/2 on a neighbourhood: a local minimum, spurious since w = −1, z = −1 fits (loss 0)
    cat = Catalogue(folder="landscape")
    inst = make([[-1]], [-1])
    path = spurious_certificate(cat, "landscape-no-spurious", inst)
    checked = kernel.check_document(json.loads(cat.files[path]))
    assert [c.kind for c in checked] == ["landscape-global-minimum", "landscape-local-minimum"]
    doc = json.loads(cat.files[path])
    assert doc["claim"]["spurious"] is True and doc["claim"]["loss"] == "1/2"


def test_statement_shortcuts_agree_with_every_stratum() -> None:
    # the statements decide only the strata they need (open ones, one-wall ones) and skip the wall strata when
    # the least genuine loss is the global minimum; the slow route decides every stratum
    from exactrelu.sweeps.grids import grid_from_mapping, instances

    grid = grid_from_mapping({"name": "g", "kind": "exhaustive",
                              "data": {"n": 2, "dim": 2, "box": [-1, 1], "targets": {"values": [-1, 0, 1, 2]}},
                              "network": {"hidden": [1], "output": "trainable"},
                              "symmetry": {"permutations": True, "coordinates": True}})
    seen = set()
    examples = [ISSUE, make([[-1], [0], [1]], [-1, 1, 2], bias=True), make([[-1, -1], [-1, 0], [0, -1]], [-1, -1, 0])]
    for inst in examples + [gi.instance for gi in list(instances(grid))[::3]]:
        if any(not any(x) for x in inst.points):
            continue
        classes = minimum_classes(inst)
        genuine = least_genuine_loss(classes)
        misses = theorem3_misses(inst, classes)
        below = [m for m in misses if genuine is None or m.cls.loss < genuine]
        assert get("liu-theorem3-only-if").check(inst, False).status == ("fails" if misses else "holds")
        got = get("liu-theorem3-only-if-below-genuine").check(inst, False).status
        assert got == ("fails" if below else "holds")
        seen.add((bool(misses), bool(below)))
    assert {(True, False), (False, False), (True, True)} <= seen  # every verdict pair occurs
