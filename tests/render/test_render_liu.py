"""exactrelu.render.liu: the table rows and ``--json`` bodies of Liu's atlas, on hand-worked cells.

The instances are small enough to solve by hand: Liu's Fig. 2 with ``y = (1, −1)`` (``M`` of cell ``A`` is
``diag(A_1, A_2)``), the wall example of :mod:`exactrelu.liu.nondifferentiable` and its leaky variant.
"""

from __future__ import annotations

from exactrelu.core.instance import instance_from_mapping
from exactrelu.liu.cells import atlas, leaky_cells
from exactrelu.liu.minima import cell_minimum
from exactrelu.render.liu import CELL_HEADER, HEADER, atlas_json, atlas_rows, leaky_json, leaky_rows, minimiser_set


def fig2neg(activation: str = "relu"):  # type: ignore[no-untyped-def]
    return instance_from_mapping({"name": "fig2neg", "data": {"points": [[1, 0], [0, 1]], "targets": [1, -1]},
                                  "network": {"hidden": [1], "activation": activation}})


FIG2NEG = fig2neg()
NONDIFF = instance_from_mapping({"name": "nondiff", "data": {"points": [[1, 0], [1, 1], [-1, 1]],
                                                             "targets": [-3, 2, 0]}, "network": {"hidden": [1]}})


def test_minimiser_set_is_the_kernel_dimension() -> None:
    # M = diag(A_1, A_2): ker M has dimension 2 − |A|
    assert [minimiser_set(cell_minimum(FIG2NEG, (p,))) for p in ((0, 0), (0, 1), (1, 1))] == \
        ["flat (dim 2)", "flat (dim 1)", "point"]


def test_atlas_rows_fig2_by_hand() -> None:
    rows = {r[0]: r for r in atlas_rows(atlas(FIG2NEG))}
    assert all(len(r) == len(HEADER) for r in rows.values())
    # cell 00: M = 0, loss ½(1² + 1²) = 1, every R minimal; z = 1, w = (−1, −1) is in the cell: genuine, sign +;
    # both walls (0,0), (0,1) border the cell, and D R = d is always soluble
    assert rows["00"][:6] == ["00", "1", "flat (dim 2)", "yes", "+", "yes"] and rows["00"][8] == "(0,0) (0,1)"
    # cell 01: R_2 = −1, R_1 free, loss ½; z = −1, w = (−1, 1): genuine with sign −
    assert rows["01"][:6] == ["01", "1/2", "flat (dim 1)", "yes", "-", "yes"]
    # cell 11: M = I, R* = (1, −1) would need w ∥ ±(1, −1), outside the cell: no genuine minimum, no walls
    assert rows["11"][:7] == ["11", "0", "point", "no", "n/a", "no", ""] and rows["11"][8:] == ["", ""]


def test_atlas_json_fig2_by_hand() -> None:
    a = atlas(FIG2NEG)
    js = atlas_json(a)
    assert (js["instance"], js["cell_count"], js["min_loss"], js["best_genuine_loss"]) == ("fig2neg", 4, "0", "1/2")
    assert (js["discrepancies"], js["nondiff_minima"], js["lps"]) == (0, 0, a.lps)
    c00, c01, _, c11 = js["cells"]
    assert c00 | {"nondiff_soluble": None} == {
        "pattern": ["00"], "min_loss": "1", "unique": False, "flat_dimension": 2, "minimizer": ["0", "0"],
        "genuine": True, "genuine_signs": "+", "genuine_weights": [["-1", "-1"]], "genuine_output": ["1"],
        "printed": True, "discrepancy": None, "saddle_subsets": [], "nondiff_soluble": None, "nondiff_minima": []}
    assert c00["nondiff_soluble"] == [[0, 0], [0, 1]]
    # R = z w = (1, −1): R_2 = −1 as required, R_1 = 1 on the free coordinate
    assert (c01["minimizer"], c01["genuine_weights"], c01["genuine_output"]) == (["0", "-1"], [["-1", "1"]], ["-1"])
    assert (c11["minimizer"], c11["unique"], c11["genuine"], c11["genuine_signs"], c11["genuine_weights"]) == \
        (["1", "-1"], True, False, None, None)


def test_nondifferentiable_minimum_in_row_and_json() -> None:
    # w = (0, 1), z = 1 on the wall of x_1 in cell 011: outputs (0, 1, 1), residuals (3, −1, 1), loss 11/2
    a = atlas(NONDIFF)
    row = next(r for r in atlas_rows(a) if r[0] == "011")
    assert row[9] == "(0,0)+"
    cell = next(c for c in atlas_json(a)["cells"] if c["pattern"] == ["011"])
    assert cell["nondiff_minima"] == [{"unit": 0, "point": 0, "signs": "+", "weights": [["0", "1"]],
                                       "output": ["1"], "loss": "11/2"}]
    assert atlas_json(a)["nondiff_minima"] == 1


def test_leaky_rows_and_json_by_hand() -> None:
    # slope ½: M = diag(a_1, a_2), a_p ∈ {½, 1}, invertible, R* = (1/a_1, −1/a_2), loss 0 everywhere; R* = z w
    # is in the open cell only for cells 10 (z > 0) and 01 (z < 0)
    la = leaky_cells(fig2neg("leaky:1/2"))
    assert leaky_rows(la) == [["00", "0", "point", "no", "n/a"], ["01", "0", "point", "yes", "-"],
                              ["10", "0", "point", "yes", "+"], ["11", "0", "point", "no", "n/a"]]
    assert len(CELL_HEADER) == 5
    js = leaky_json(la)
    assert (js["instance"], js["activation"], js["cell_count"], js["min_loss"], js["best_genuine_loss"]) == \
        ("fig2neg", "leaky:1/2", 4, "0", "0")
    assert [c["minimizer"] for c in js["cells"]] == [["2", "-2"], ["2", "-1"], ["1", "-2"], ["1", "-1"]]
    # R = z w: z = −1, w = (−2, 1) gives (2, −1), with <w, x_1> < 0 < <w, x_2>
    assert (js["cells"][1]["genuine_weights"], js["cells"][1]["genuine_output"]) == ([["-2", "1"]], ["-1"])
    # the ReLU-only keys are null, not missing
    assert all(c[k] is None for c in js["cells"] for k in ("printed", "discrepancy", "saddle_subsets",
                                                            "nondiff_soluble", "nondiff_minima"))
    assert js["discrepancies"] is None and js["nondiff_minima"] is None and "ReLU" in js["not_modelled"]
