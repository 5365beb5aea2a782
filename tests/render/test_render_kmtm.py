"""The KMTM renderers (:mod:`exactrelu.render.kmtm`): the figure tables, their ``--json`` bodies and the deep
region count, on hand-made rows (the decimals are display only, rounded to six places)."""

from __future__ import annotations

from fractions import Fraction as F

from exactrelu.core.instance import load_instance
from exactrelu.kmtm.deep import DeepRegions, count_regions
from exactrelu.kmtm.figures import FullRankRow, GlobalMinRow, fullrank_table, points
from exactrelu.render.jsoncontract import normalize
from exactrelu.render.kmtm import (
    deep_regions_count,
    deep_regions_json,
    fullrank_json,
    globalmin_json,
    render_fullrank,
    render_globalmin,
)

LINE = ((-4,), (-3,))
PLANE = ((1, -2), (0, 9))


def test_fullrank_table_rows_and_least_d1() -> None:
    # n = 2: 1/3 < 1/2 at d1 = 1, 5/9 ≥ 1/2 at d1 = 2, so the least d1 reaching one half is 2 on both rows
    rows = [FullRankRow(2, 1, 1, F(1, 3), LINE), FullRankRow(2, 1, 2, F(5, 9), LINE)]
    assert render_fullrank(rows, "csv").splitlines() == [
        "n,d0,d1,fraction full rank,decimal,min d1 with fraction ≥ 1/2,points",
        "2,1,1,1/3,0.333333,2,(-4) (-3)",
        "2,1,2,5/9,0.555556,2,(-4) (-3)",
    ]
    # no d1 reaches one half: a dash
    assert render_fullrank([FullRankRow(3, 2, 1, F(1, 5), PLANE)], "markdown").splitlines()[-1] == (
        "| 3 | 2 | 1 | 1/5 | 0.200000 | - | (1, -2) (0, 9) |")


def test_globalmin_table_row() -> None:
    assert render_globalmin([GlobalMinRow(2, 1, F(1, 4), PLANE)], "csv").splitlines() == [
        "n,d+,d-,fraction with global min,decimal,points",
        '2,1,1,1/4,0.250000,"(1, -2) (0, 9)"',
    ]


def test_table_json_bodies_in_the_contract() -> None:
    assert normalize(fullrank_json([FullRankRow(2, 1, 1, F(1, 3), LINE)], 0, "relu")) == {
        "table": "fullrank", "seed": "0", "activation": "relu",
        "rows": [{"n": "2", "d0": "1", "d1": "1", "fraction": "1/3", "points": "[[-4], [-3]]"}]}
    assert normalize(globalmin_json([GlobalMinRow(3, 2, F(7, 8), PLANE)], 5, 2)) == {
        "table": "globalmin", "seed": "5", "d0": "2",
        "rows": [{"n": "3", "d_plus": "2", "d_minus": "2", "fraction": "7/8", "points": "[[1, -2], [0, 9]]"}]}


def test_points_json_is_the_text_of_the_generated_list() -> None:
    # the --json of `table` has always carried the points as the text of the generator's list of lists
    (row,) = fullrank_table([3], [2], [1])
    assert fullrank_json([row], 0, "relu")["rows"][0]["points"] == str(points(3, 2, 0))


def test_deep_region_count_exact_and_interval() -> None:
    exact = DeepRegions(16, 5, 11, 0)
    assert deep_regions_count(exact) == "5"
    assert deep_regions_json(exact)["regions"] == "5" and deep_regions_json(exact)["regions_interval"] == ["5", "5"]
    loose = DeepRegions(16, 5, 9, 2)
    assert deep_regions_count(loose) == "[5, 7] (2 undecided)"
    assert deep_regions_json(loose)["regions"] is None and deep_regions_json(loose)["exact"] is False


def test_deep_regions_of_the_example_add_up() -> None:
    rep = count_regions(load_instance("examples/jacobian/deep2.toml"))  # 2 points, widths (2, 2): 2^(2·4) patterns
    body = deep_regions_json(rep)
    assert body["patterns"] == "256"
    assert int(body["nonempty_proved"]) + int(body["empty_proved"]) + int(body["undecided"]) == 256
