"""The landscape (docs/spec.md §8): exact global minima and local-minimum classes, against hand computations,
Liu's worked example, Liu's cell analysis, and a brute-force active-set route."""

from __future__ import annotations

import itertools
import json
from fractions import Fraction

import pytest
from conftest import run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from exactrelu.arrangements.topes import topes
from exactrelu.core import linalg
from exactrelu.core.feasibility import LinearSystem, decide
from exactrelu.core.instance import InstanceError, instance_from_mapping
from exactrelu.landscape.minima import (
    global_minimum,
    is_local_minimum,
    landscape,
    loss,
    minimum_classes,
    nnls,
)
from exactrelu.liu.minima import cells, decide_genuine

F = Fraction


def make(points, targets, hidden=1, bias=False, output="trainable", activation="relu", loss_="squared"):
    return instance_from_mapping({"data": {"points": points, "targets": targets, "bias": bias},
                                  "network": {"hidden": [hidden], "output": output, "activation": activation,
                                              "loss": loss_}})


def test_spec_example_spurious_cell() -> None:
    # x = 1, -1, y = (2, 1): w > 0 fits x = 1 exactly and leaves ½·1² = 1/2; w < 0 fits x = -1 and
    # leaves ½·2² = 2 (a genuine minimum of that cell); w = 0 with z < 0: every nearby output is ≤ 0,
    # so the loss stays ≥ ½(2² + 1²) = 5/2 — a spurious dead-unit minimum.
    a = landscape(make([[1], [-1]], [2, 1]))
    assert a.global_min.value == F(1, 2)
    assert sorted(c.loss for c in a.spurious) == [2, F(5, 2)]
    live = [c for c in a.spurious if all(1 in f for f in c.faces)]
    assert [c.loss for c in live] == [2] and live[0].differentiable


def test_equal_targets_only_dead_unit_minima_are_spurious() -> None:
    # y = (1, 1): both cells reach ½·1² = 1/2; the only spurious class is w = 0, z < 0 (loss 1),
    # where the unit is active on no point.
    a = landscape(make([[1], [-1]], [1, 1]))
    assert a.global_min.value == F(1, 2)
    assert [(c.loss, c.faces) for c in a.spurious] == [(1, ((0, 0),))]


def test_liu_figure_2() -> None:
    # Liu, Section IV-B: cells with losses 1 (plateau), 1/2, 1/2 and 0 (global).
    a = landscape(make([[1, 0], [0, 1]], [1, 1]))
    assert a.global_min.value == 0
    assert {c.loss for c in a.spurious} == {F(1, 2), 1}
    assert {c.loss for c in a.classes if c.differentiable} == {0, F(1, 2), 1}


def test_theorem_3_misses_a_wall_minimum() -> None:
    # Issue example: at z = 1, w = (1, 1/2, 0) the unit sits on the wall of x_2 with loss 1/2, a local
    # minimum that Liu's strict conditions (29)-(30) miss; it is the global minimum.
    inst = make([[0, 2, 2], [-1, 2, 1], [1, 0, 1]], [1, -1, 1])
    w, z = [(F(1), F(1, 2), F(0))], [F(1)]
    assert loss(inst, w, z) == F(1, 2)
    assert is_local_minimum(inst, w, z)
    # inside the all-active cell the gradient Σ r_i x_i = (-2, 6, 4) is not zero
    assert not is_local_minimum(inst, [(F(1), F(1), F(0))], z)
    assert global_minimum(inst).value == F(1, 2)


def test_leaky_slope_is_modelled() -> None:
    # leaky 1/2, w > 0: F = (R, -R/2); ½((R-2)² + (R/2+1)²) is least at R = 6/5 with value 8/5.
    a = landscape(make([[1], [-1]], [2, 1], activation="leaky:1/2"))
    assert a.global_min.value == F(8, 5)


def test_fixed_output_weights() -> None:
    # v = 1 fixed: F(x) = σ(w x); w > 0 fits y_1 = 2 with loss ½; no sign choice for z.
    a = landscape(make([[1], [-1]], [2, 1], output=["1"]))
    assert a.global_min.value == F(1, 2)
    assert all(c.signs == (1,) for c in a.classes)


@pytest.mark.parametrize("field, value", [("hidden", [1, 1]), ("loss", "hinge")])
def test_refuses_what_it_does_not_model(field: str, value: object) -> None:
    net = {"hidden": [1], "output": "trainable", field: value}
    inst = instance_from_mapping({"data": {"points": [[1], [-1]], "targets": [1, -1]}, "network": net})
    with pytest.raises(InstanceError, match=f"network.{field}"):
        landscape(inst)


def test_nnls_against_enumeration() -> None:
    cols = [(F(1), F(0), F(1)), (F(0), F(1), F(1)), (F(1), F(1), F(0))]
    f = (F(2), F(-1), F(3))
    lam = nnls(cols, f)
    best = min(_ls_value(cols, f, list(s)) for k in range(4) for s in itertools.combinations(range(3), k)
               if _ls_feasible(cols, f, list(s)))
    assert all(v >= 0 for v in lam)
    assert _value(cols, f, lam) == best


def _value(cols, f, lam):
    return sum((fi - sum((lam[k] * c[i] for k, c in enumerate(cols)), F(0))) ** 2 for i, fi in enumerate(f))


def _ls(cols, f, sub):
    if not sub:
        return [F(0)] * len(cols)
    gram = [[sum(a * b for a, b in zip(cols[p], cols[q], strict=True)) for q in sub] for p in sub]
    sol = linalg.solve(gram, [sum(a * b for a, b in zip(cols[p], f, strict=True)) for p in sub])
    lam = [F(0)] * len(cols)
    for p, v in zip(sub, sol, strict=True):
        lam[p] = v
    return lam


def _ls_value(cols, f, sub):
    return _value(cols, f, _ls(cols, f, sub))


def _ls_feasible(cols, f, sub):
    return all(v >= 0 for v in _ls(cols, f, sub))


def brute_force_global_minimum(inst) -> Fraction:
    """Independent route: for each piece and each set S of its constraint rows, the least squares minimum over
    {G_S R = 0}; a set counts when that affine minimiser set meets the cone (exact LP). No NNLS, no KKT."""
    d, d1, pts = inst.d, inst.d1, inst.points
    ts = [t.signs for t in topes(pts)]
    signs = [(1,)] * d1 if inst.output != "trainable" else [(1, -1)] * d1
    best = None
    for choice in itertools.product(*[[(t, s) for t in ts for s in sg] for sg in signs]):
        if inst.output != "trainable":
            choice = tuple((t, 1 if v > 0 else -1) for (t, _), v in zip(choice, inst.output, strict=True))
        rows = [(j, i) for j, (t, _) in enumerate(choice) for i in range(len(pts)) if t[i]]
        M = [[(F(1) if t[i] > 0 else inst.alpha) * x[k] for (t, _) in choice for k in range(d)]
             for i, x in enumerate(pts)]

        def g(j, i, choice=choice):
            t, s = choice[j]
            return [s * t[i] * pts[i][k] if jj == j else F(0) for jj in range(d1) for k in range(d)]

        for size in range(len(rows) + 1):
            for S in itertools.combinations(rows, size):
                eq = [g(j, i) for j, i in S]
                basis = linalg.nullspace(eq, ncols=d1 * d) if eq else [
                    tuple(F(int(a == b)) for a in range(d1 * d)) for b in range(d1 * d)]
                if not basis:
                    value = sum(y * y for y in inst.targets) / 2
                    if best is None or value < best:
                        best = value
                    continue
                B = [[sum(M[i][c] * b[c] for c in range(d1 * d)) for b in basis] for i in range(len(pts))]
                BtB = [[sum(B[i][p] * B[i][q] for i in range(len(pts))) for q in range(len(basis))]
                       for p in range(len(basis))]
                Bty = [sum(B[i][p] * inst.targets[i] for i in range(len(pts))) for p in range(len(basis))]
                # minimisers: BᵀB c = Bᵀy; they must meet the cone G R ≥ 0 (R = Σ c_p basis_p)
                k = len(basis)
                weak = [([sum(gi[c] * b[c] for c in range(d1 * d)) for b in basis], 0)
                        for gi in (g(j, i) for j, i in rows)]
                ans = decide(LinearSystem.build(k, weak=weak, equal=list(zip(BtB, Bty, strict=True))))
                if not ans.feasible:
                    continue
                c = ans.point
                R = [sum(c[p] * basis[p][q] for p in range(k)) for q in range(d1 * d)]
                value = sum((sum(M[i][q] * R[q] for q in range(d1 * d)) - inst.targets[i]) ** 2
                            for i in range(len(pts))) / 2
                if best is None or value < best:
                    best = value
    return best


small = st.builds(F, st.integers(-2, 2), st.integers(1, 2))


@settings(max_examples=12, deadline=None)
@given(st.integers(1, 2).flatmap(lambda d0: st.tuples(
    st.lists(st.lists(small, min_size=d0, max_size=d0), min_size=1, max_size=3),
    st.booleans(), st.sampled_from(["relu", "leaky:1/3"]), st.sampled_from(["trainable", ["1"], ["-2"]]))),
    st.data())
def test_global_minimum_agrees_with_brute_force(case, data) -> None:
    pts, bias, act, out = case
    ys = data.draw(st.lists(small, min_size=len(pts), max_size=len(pts)))
    inst = make(pts, ys, bias=bias, activation=act, output=out)
    g = global_minimum(inst)
    assert g.value == brute_force_global_minimum(inst)
    assert loss(inst, g.weights, g.output) == g.value
    classes = minimum_classes(inst, g.value)
    assert min(c.loss for c in classes) == g.value  # the global minimum is a local minimum of some stratum
    for c in classes:  # every witness is a local minimum: no small rational step descends
        assert loss(inst, c.weights, c.output) == c.loss
        assert is_local_minimum(inst, c.weights, c.output)
        for step in itertools.product((F(-1, 1000), F(0), F(1, 1000)), repeat=inst.d + 1):
            w = [tuple(a + b for a, b in zip(c.weights[0], step[:-1], strict=True))]
            z = [c.output[0] + step[-1]] if inst.output == "trainable" else list(c.output)
            assert loss(inst, w, z) >= c.loss


@settings(max_examples=10, deadline=None)
@given(st.lists(st.lists(small, min_size=2, max_size=2), min_size=2, max_size=3), st.data())
def test_differentiable_classes_are_liu_genuine_minima(pts, data) -> None:
    ys = data.draw(st.lists(small, min_size=len(pts), max_size=len(pts)))
    inst = make(pts, ys)
    classes = minimum_classes(inst)
    found = {(c.faces[0], c.loss) for c in classes if c.differentiable}
    for pattern, wits in cells(inst):
        v = decide_genuine(inst, pattern, wits)
        face = tuple(1 if a else -1 for a in pattern[0])
        if any(not any(x) for x in inst.points):
            continue  # a zero point: no open cell
        has = any(f == face for f, _ in found)
        assert has == v.genuine


def test_cli_text_and_json(tmp_path) -> None:
    out = run_cli("landscape", "examples/landscape/spurious.toml")
    assert out.returncode == 0, out.stderr
    assert "global minimum of the loss: 1/2" in out.stdout and "verdict: fails" in out.stdout
    doc = json.loads(run_cli("landscape", "examples/landscape/spurious.toml", "--json").stdout)
    assert doc["global_minimum"] == "1/2" and doc["spurious"] is True and doc["verdict"] == "fails"
    assert doc["spurious_with_all_units_active"] is True
    csv = run_cli("landscape", "examples/landscape/spurious.toml", "--format", "csv")
    assert csv.stdout.splitlines()[0].startswith("w faces,") and "global minimum" in csv.stderr


def test_sweep_statements() -> None:
    from exactrelu.sweeps.statements import get

    # x = -1, 1 with y = (-1, 2): one unit fits one side only; the x = 1 side leaves ½·1² = 1/2 (global), the
    # x = -1 side leaves ½·2² = 2 with the unit active there: a live spurious minimum.
    inst = make([[-1], [1]], [-1, 2])
    assert get("landscape-no-spurious-live").check(inst, False).status == "fails"
    # y = (1, 1) with x = 1, -1: only the dead w = 0, z < 0 class is spurious (loss 1 > 1/2)
    inst = make([[1], [-1]], [1, 1])
    assert get("landscape-no-spurious-live").check(inst, False).status == "holds"
    assert get("landscape-no-spurious").check(inst, False).status == "fails"
    assert get("landscape-no-spurious").check(make([[1]], [1], loss_="hinge"), False).status == "vacuous"


@settings(max_examples=8, deadline=None)
@given(st.lists(st.integers(-2, 2), min_size=2, max_size=3, unique=True), st.integers(1, 2), st.data())
def test_theorem9_exact_against_every_stratum(xs, d1, data) -> None:
    """Theorem 9's bad regions (kmtm.theorem9, grouped units and the cell-loss shortcut) against every ordered
    region and every sign choice z ∈ {+,−,0}^{d1} of the stratum systems, with the global minimum by pieces."""
    from exactrelu.kmtm.theorems import theorem9
    from exactrelu.landscape.minima import stratum_system

    ys = data.draw(st.lists(st.integers(-2, 2), min_size=len(xs), max_size=len(xs)))
    inst = make([[x] for x in xs], ys, hidden=d1, bias=True, output=["1"] * d1)
    trainable = make([[x] for x in xs], ys, hidden=d1, bias=True)
    gmin = global_minimum(trainable).value
    ts = topes(inst.points)
    bad = 0
    for rows in itertools.product([t.signs for t in ts], repeat=d1):
        for signs in itertools.product((1, -1, 0), repeat=d1):
            system, _ = stratum_system(trainable, rows, signs, ts)
            ans = decide(system)
            if ans.feasible:
                R = [ans.point[j * inst.d:(j + 1) * inst.d] for j in range(d1)]
                w = [tuple(s * c for c in r) if s else t_.witness for r, s, t_ in
                     zip(R, signs, [next(t for t in ts if t.signs == row) for row in rows], strict=True)]
                if loss(trainable, w, [F(s) for s in signs]) > gmin:
                    bad += 1
                    break
    rep = theorem9(inst)
    assert rep.numbers.global_minimum == gmin
    assert rep.numbers.bad_regions == bad
    assert bad <= rep.numbers.nonempty_regions - rep.numbers.proved_good_by_rank


def test_smallest_live_counterexample() -> None:
    # With one point every live local minimum fits it (normal equations r·x = 0 force r = 0), so the search
    # passes the n = 1 grids; x = -1, 1 with y = (-1, 0): w = 1, z = 0 is active on x = 1 (residual 0 there)
    # and stuck at loss ½ on x = -1, while w = -1, z = -1 fits both (global minimum 0).
    from exactrelu.sweeps.jobs.landscape import smallest

    inst, verdict, searched = smallest("landscape-no-spurious-live", 1, False, 1)
    assert [p[0] for p in inst.raw_points] == [-1, 1] and list(inst.targets) == [-1, 0]
    assert verdict.detail["global_minimum"] == "0" and searched == ["n1-box1 (8 orbits)", "n1-box2 (12 orbits)"]


def test_liu_reports_the_exact_wall_minima_beside_theorem_3() -> None:
    out = run_cli("liu", "examples/liu/theorem3-misses.toml")
    assert out.returncode == 0, out.stderr
    assert "Liu's conditions (27)-(30) hold on 0 wall(s)" in out.stdout
    assert "exact (exactrelu landscape): 4 class(es) of local minima with a unit on a wall (losses 1/2, 1, 3/2); " \
           "global minimum 1/2" in out.stdout
    # all four are in Liu's one-wall setting and missed by his strict conditions (tests/liu/test_theorem3_gap.py)
    assert "exact: 4 of them in Liu's Theorem-3 setting (one unit on one wall) that his strict conditions miss " \
           "(losses 1/2, 1, 3/2)" in out.stdout
