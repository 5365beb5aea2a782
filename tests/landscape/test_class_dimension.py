"""The dimension of each local-minimum class (exactrelu.landscape.minima.class_dimension) against hand computations and
an independent route (implicit equalities by LPs instead of cdd's V-representation), and the saddle classes of
Liu's Theorem 2 beside the minima (exactrelu.liu.saddles.saddle_classes)."""

from __future__ import annotations

import json
from fractions import Fraction

from conftest import run_cli
from hypothesis import given, settings
from hypothesis import strategies as st
from test_landscape_minima import brute_force_global_minimum

from exactrelu.arrangements.topes import topes
from exactrelu.core import linalg
from exactrelu.core.feasibility import LinearSystem, decide
from exactrelu.core.instance import instance_from_mapping
from exactrelu.landscape.minima import (
    cell_loss,
    face_dimension,
    global_minimum,
    is_local_minimum,
    loss,
    minimum_classes,
    projected_dimension,
    stratum_system,
)
from exactrelu.liu.saddles import saddle_classes

F = Fraction


def make(points, targets, hidden=1, bias=False, output="trainable", activation="relu"):
    return instance_from_mapping({"data": {"points": points, "targets": targets, "bias": bias},
                                  "network": {"hidden": [hidden], "output": output, "activation": activation}})


def dims(inst) -> dict:
    return {(c.faces, c.signs): (c.loss, c.dimension) for c in minimum_classes(inst)}


def test_module_example_dimensions() -> None:
    # x = 1, -1 (no bias), y = (2, 1), one unit.  w > 0, z > 0: F = (zw, 0), the minima are z·w = 2 — a curve
    # (dimension 1).  w < 0, z > 0: F = (0, -zw), fit -zw = 1 — the curve z·w = -1.  w = 0, z < 0: every nearby
    # output is ≤ 0, a local minimum for every z < 0 — the open half-line (dimension 1).
    assert dims(make([[1], [-1]], [2, 1])) == {
        (((1, -1),), (1,)): (F(1, 2), 1),
        (((-1, 1),), (1,)): (2, 1),
        (((0, 0),), (-1,)): (F(5, 2), 1),
    }


def test_liu_figure_2_dimensions() -> None:
    # x = (1,0), (0,1), y = (1,1), one unit.  Worked by hand:
    # ++, z > 0: R = (1, 1) fixed, z free: the curve w = R/z (1).
    # +-, z > 0: R_1 = 1, R_2 < 0 free, z free (2); -+ likewise.
    # --, z ≠ 0: the unit is dead, R any point of the open quadrant (2) and z (1): 3.
    # --, z = 0: w ranges over the open quadrant, a 2-dimensional cone (2).
    # -0 and 0-, z < 0: R on a half-axis (1) and z (1): 2 (z > 0 fails: moving onto the other point's side with
    # z > 0 lowers the loss).  00, z < 0: R = 0, only z moves (1).
    assert dims(make([[1, 0], [0, 1]], [1, 1])) == {
        (((1, 1),), (1,)): (0, 1),
        (((1, -1),), (1,)): (F(1, 2), 2),
        (((-1, 1),), (1,)): (F(1, 2), 2),
        (((-1, -1),), (1,)): (1, 3),
        (((-1, -1),), (-1,)): (1, 3),
        (((-1, -1),), (0,)): (1, 2),
        (((-1, 0),), (-1,)): (1, 2),
        (((0, -1),), (-1,)): (1, 2),
        (((0, 0),), (-1,)): (1, 1),
    }


def test_wall_class_and_fixed_output_dimensions() -> None:
    # y = (1, -1): w on the wall of x_1 with w_2 > 0 and z < 0 fits x_2 by z·w_2 = -1, a curve (1).
    got = dims(make([[1, 0], [0, 1]], [1, -1]))
    assert got[(((0, 1),), (-1,))] == (F(1, 2), 1)
    # fixed output v = 1: no z to move; the dead quadrant of w is 2-dimensional, the fit w = (1, 1) a point
    got = dims(make([[1, 0], [0, 1]], [1, 1], output=["1"]))
    assert got[(((-1, -1),), (1,))] == (1, 2) and got[(((1, 1),), (1,))] == (0, 0)


def test_two_units_dimensions() -> None:
    # x = 1, -1, y = (1, 1), two units: unit 1 with w > 0, z > 0 fits x = 1 (z_1 w_1 = 1: a curve, 1) and unit 2
    # with w < 0, z > 0 fits x = -1 (another curve): the global minimum 0 is a 2-dimensional class.
    got = dims(make([[1], [-1]], [1, 1], hidden=2))
    assert got[(((-1, 1), (1, -1)), (1, 1))] == (0, 2)
    # two units with w > 0 and z > 0 both: z_1 w_1 + z_2 w_2 = 1 is one equation in (R_1, R_2) > 0 (1), plus
    # both z (2): 3, loss ½·1² from x = -1
    assert got[(((1, -1), (1, -1)), (1, 1))] == (F(1, 2), 3)


def test_face_dimension() -> None:
    inst = make([[1, 0, 1], [0, 1, 1], [1, 1, 2]], [0, 0, 0])  # x_3 = x_1 + x_2
    assert face_dimension(inst, (0, 0, 0)) == 1 and face_dimension(inst, (0, 1, 1)) == 2
    assert face_dimension(inst, (1, 1, 1)) == 3


def implicit_dimension(system: LinearSystem, k_r: int) -> int:
    """Second route to dim proj_R: the affine hull of the closed system is cut out by its equations and the
    inequalities tight on all of it (those with no point satisfying them strictly: one LP each)."""
    closed = (*system.strict, *system.weak)
    equal = list(system.equal)
    for row in closed:
        probe = LinearSystem(system.k, (row,), closed, system.equal)
        if not decide(probe).feasible:
            equal.append(row)
    basis = linalg.nullspace([r.a for r in equal], ncols=system.k) if equal else \
        [tuple(F(int(i == j)) for j in range(system.k)) for i in range(system.k)]
    return linalg.rank([b[:k_r] for b in basis]) if basis else 0


small = st.builds(F, st.integers(-2, 2), st.integers(1, 2))


@settings(max_examples=15, deadline=None)
@given(st.integers(1, 2).flatmap(lambda d0: st.tuples(
    st.lists(st.lists(small, min_size=d0, max_size=d0), min_size=1, max_size=3),
    st.booleans(), st.sampled_from(["relu", "leaky:1/3"]), st.sampled_from(["trainable", ["1"]]),
    st.integers(1, 2 if d0 == 1 else 1))), st.data())
def test_dimension_agrees_with_implicit_equalities(case, data) -> None:
    pts, bias, act, out, d1 = case
    ys = data.draw(st.lists(small, min_size=len(pts), max_size=len(pts)))
    inst = make(pts, ys, hidden=d1, bias=bias, activation=act, output=out if out == "trainable" else ["1"] * d1)
    ts = topes(inst.points)
    for c in minimum_classes(inst):
        system, k_r = stratum_system(inst, c.faces, c.signs, ts)
        route2 = implicit_dimension(system, k_r)
        assert projected_dimension(system, k_r) == route2
        fibres = 0 if out != "trainable" else sum(1 if s else face_dimension(inst, f)
                                                  for f, s in zip(c.faces, c.signs, strict=True))
        assert c.dimension == route2 + fibres
        assert 0 <= c.dimension <= inst.d1 * (inst.d + (out == "trainable"))


# ---------------------------------------------------------------- Liu's Theorem 2 saddles
def test_saddle_of_liu_section_iv_c() -> None:
    # x = (1,0), (0,1), y = (1, -1): J = {} in the cell 11 leaves e = -y, g = Σ e_p x_p = (-1, 1), and w = (1, 1)
    # lies on g·w = 0 inside the open cell: z = 0 there is stationary, loss ½(1 + 1) = 1; no other cell has one
    # (cell 10: g = (-1, 0) asks w_1 = 0, off the cell; cell 01 likewise; cell 00: g = 0).
    inst = make([[1, 0], [0, 1]], [1, -1])
    sc = saddle_classes(inst)
    assert sc.computed and sc.cells == 4
    assert [(c.pattern, c.subset, c.loss, c.output) for c in sc.classes] == [(((1, 1),), (), 1, (0,))]
    w = sc.classes[0].weights[0]
    assert w[0] == w[1] > 0


@settings(max_examples=10, deadline=None)
@given(st.lists(st.lists(st.integers(-2, 2), min_size=2, max_size=2), min_size=2, max_size=3), st.integers(1, 2),
       st.data())
def test_saddle_witnesses_are_stationary_non_minima(pts, d1, data) -> None:
    ys = data.draw(st.lists(st.integers(-2, 2), min_size=len(pts), max_size=len(pts)))
    inst = make(pts, ys, hidden=d1)
    sc = saddle_classes(inst)
    if any(not any(x) for x in inst.points):
        assert not sc.computed and "x_" in (sc.note or "")
        return
    for c in sc.classes:
        assert loss(inst, c.weights, c.output) == c.loss
        assert not is_local_minimum(inst, c.weights, c.output)
        # the loss is the J-subcell's least squares value ½||M_J M_J⁺ y − y||² (a pseudo-inverse, not the witness)
        rows = [tuple(1 if a else -1 for a in c.pattern[j]) for j in c.subset]
        expect = cell_loss(inst, rows) if rows else sum(y * y for y in inst.targets) / 2
        assert c.loss == expect
        assert all(c.output[k] == 0 for k in range(d1) if k not in c.subset)


def test_saddles_outside_theorem_2_say_why() -> None:
    leaky = saddle_classes(make([[1, 0], [0, 1]], [1, -1], activation="leaky:1/2"))
    assert not leaky.computed and "network.activation" in (leaky.note or "")
    fixed = saddle_classes(make([[1, 0], [0, 1]], [1, -1], output=["1"]))
    assert not fixed.computed and "network.output" in (fixed.note or "")
    zero = saddle_classes(make([[0, 0], [0, 1]], [1, -1]))
    assert not zero.computed and "x_0 = 0" in (zero.note or "")
    big = saddle_classes(make([[1, 0], [0, 1]], [1, -1]), max_cells=3)
    assert not big.computed and "4 cells" in (big.note or "") and "more than 3" in (big.note or "")


def test_cli_dimension_column_and_saddle_table() -> None:
    out = run_cli("landscape", "examples/liu/fig2-y2neg.toml")
    assert out.returncode == 0, out.stderr
    assert "| w faces | z signs | loss | dim |" in out.stdout
    assert "| 0+ | - | 1/2 | 1 | global |" in out.stdout
    assert "| 11 | {} | 1 | (1, 1) | (0) |" in out.stdout
    assert "saddle classes (Liu's Theorem 2): 1 in 4 cells" in out.stdout
    doc = json.loads(run_cli("landscape", "examples/liu/fig2-y2neg.toml", "--json").stdout)
    assert {c["dimension"] for c in doc["classes"]} == {"1", "2", "3"}
    assert doc["saddles"]["classes"] == [{"pattern": ["11"], "subset": [], "loss": "1", "w": [["1", "1"]],
                                          "z": ["0"]}]
    fixed = run_cli("landscape", "examples/liu/fixed-output.toml")
    assert "Liu's Theorem 2 does not model this instance: network.output" in fixed.stdout
    csv = run_cli("landscape", "examples/liu/fig2-y2neg.toml", "--format", "csv")
    assert csv.stdout.splitlines()[0] == "w faces,z signs,loss,dim,kind,units all active,witness w,witness z"
    assert "cell A" not in csv.stdout and "cell A" in csv.stderr


# ---------------------------------------------------------------- brute force with two units
@settings(max_examples=6, deadline=None)
@given(st.lists(small, min_size=1, max_size=3), st.sampled_from(["trainable", ["1", "-1"], ["1", "1"]]), st.data())
def test_two_unit_global_minimum_agrees_with_active_set_enumeration(xs, out, data) -> None:
    """Issue 16's brute-force route with two units (1-D data, no bias): every active set of every piece's cone,
    an exact least-squares solve on its span and an LP for the cone (tests/landscape/test_landscape_minima.py), no
    NNLS, no KKT."""
    ys = data.draw(st.lists(small, min_size=len(xs), max_size=len(xs)))
    inst = make([[x] for x in xs], ys, hidden=2, output=out)
    value = global_minimum(inst).value
    assert value == brute_force_global_minimum(inst)
    assert min(c.loss for c in minimum_classes(inst)) == value
