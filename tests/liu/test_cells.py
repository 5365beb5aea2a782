"""exactrelu.liu.cells: the atlas of Liu's Part 1 on Fig. 2 (Section IV-B), its certificate and kernel
rejections, the CLI, every wall's Theorem-3 verdict, and the leaky atlas."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from fractions import Fraction

import pytest
from conftest import kernel_kinds as kinds
from conftest import liu_net as inst
from conftest import mutated

from exactrelu import kernel
from exactrelu.certify.liu import atlas_certificate, cell_document
from exactrelu.core.instance import instance_from_mapping
from exactrelu.kernel import Reject as CheckFailure
from exactrelu.liu.cells import atlas, leaky_cells, wall_verdicts
from exactrelu.liu.minima import cell_minimum

F = Fraction


def atlas_doc(a):  # type: ignore[no-untyped-def]
    """The ``liu-atlas`` certificate of ``a``, every wall decided as the CLI does."""
    return atlas_certificate(a, wall_verdicts(a))


FIG2 = inst([[1, 0], [0, 1]], [1, 1])
FIG2NEG = inst([[1, 0], [0, 1]], [1, -1])
# the wall example of tests/liu/test_nondifferentiable.py: a Theorem-3 minimum in cell 011 (y_1 = −3), none for y_1 = −1
NONDIFF = inst([[1, 0], [1, 1], [-1, 1]], [-3, 2, 0])
NONDIFF_NO = inst([[1, 0], [1, 1], [-1, 1]], [-1, 2, 0])


# ---------------------------------------------------------------- Fig. 2 (Liu, Section IV-B)
def test_fig2_four_cells_losses_and_shapes():
    a = atlas(FIG2)
    got = {c.pattern[0]: (c.minimum.loss, len(c.minimum.basis)) for c in a.cells}
    # r1 plateau (A = 0), r2/r3 lines, r4 the point R* = y
    assert got == {(0, 0): (F(1), 2), (0, 1): (F(1, 2), 1), (1, 0): (F(1, 2), 1), (1, 1): (F(0), 0)}
    r3 = cell_minimum(FIG2, ((1, 0),))
    assert r3.pinv == ((F(1), F(0)), (F(0), F(0)))  # Liu prints A+ = diag(1, 0)
    assert r3.particular == (F(1), F(0)) and r3.basis == ((F(0), F(1)),)  # R* = (1, c2)
    assert all(c.exact.genuine for c in a.cells) and a.min_loss == 0 == a.best_genuine_loss


def test_fig2_negative_target_both_active_cell_has_no_genuine_minimum():
    a = atlas(FIG2NEG)
    both = next(c for c in a.cells if c.pattern == ((1, 1),))
    assert both.minimum.particular == (F(1), F(-1)) and both.minimum.unique
    assert not both.exact.genuine and not both.printed.holds
    assert {"".join("+-0"[[1, -1, 0].index(v)] for v in s) for s, _ in both.exact.refutations} == {"+", "-", "0"}
    assert a.best_genuine_loss == F(1, 2)
    doc = cell_document(FIG2NEG, both.minimum, both.exact)
    assert kinds(doc) == ["liu-cell-minimum", "liu-genuine"] and doc["claim"]["genuine"] is False


def test_fig2_certificates_check_and_corruptions_fail():
    for instance in (FIG2, FIG2NEG):
        doc = atlas_doc(atlas(instance))
        assert kinds(doc)[-1] == "liu-atlas"
    doc = atlas_doc(atlas(FIG2))
    bad = mutated(doc, ("claim", "min_loss"), "1/2")
    with pytest.raises(CheckFailure):
        kernel.check_document(bad)
    bad = copy.deepcopy(doc)
    mini = next(s for s in bad["steps"] if s["claim"]["kind"] == "liu-cell-minimum")
    mini["claim"]["loss"] = "3/4"
    with pytest.raises(CheckFailure, match="loss"):
        kernel.check_document(bad)


def _steps(doc, kind, **claim):  # type: ignore[no-untyped-def]
    return [s for s in doc["steps"] if s["claim"]["kind"] == kind and all(s["claim"].get(k) == v
                                                                          for k, v in claim.items())]


def test_corrupted_genuine_and_refutation_rejected():
    doc = atlas_doc(atlas(FIG2NEG))
    for kind, genuine, mutate in (
        ("liu-genuine", True, lambda s: s["evidence"]["weights"][0].__setitem__(0, "-5")),
        ("liu-genuine", True, lambda s: s["evidence"]["output"].__setitem__(0, "2")),
        ("liu-genuine", False, lambda s: s["evidence"]["refutations"][0]["multipliers"]["strict"].__setitem__(0, "7")),
        ("liu-genuine", False, lambda s: s["evidence"]["refutations"].pop()),
        ("liu-genuine", False, lambda s: s["evidence"]["refutations"].append(s["evidence"]["refutations"][0])),
        ("liu-cell-minimum", None, lambda s: s["evidence"]["pinv"][0].__setitem__(0, "2")),
        ("liu-theorem3", None, lambda s: s["claim"].__setitem__("holds", True)),
    ):
        bad = copy.deepcopy(doc)
        mutate(_steps(bad, kind, **({} if genuine is None else {"genuine": genuine}))[-1])
        with pytest.raises(CheckFailure):
            kernel.check_document(bad)


def test_kernel_rebuilds_matrix_from_instance():
    doc = atlas_doc(atlas(FIG2))
    bad = mutated(doc, ("instance", "data", "targets"), ["1", "2"])
    with pytest.raises(CheckFailure):
        kernel.check_document(bad)


# ---------------------------------------------------------------- CLI
def _cli(*args):  # type: ignore[no-untyped-def]
    return subprocess.run([sys.executable, "-m", "exactrelu", "liu", *args], capture_output=True, text=True)


def test_cli_json_and_errors(tmp_path):
    r = _cli("examples/liu/fig2-y2neg.toml", "--json")
    assert r.returncode == 0
    out = json.loads(r.stdout)
    assert [c["min_loss"] for c in out["cells"]] == ["1", "1/2", "1/2", "0"]
    assert [c["genuine"] for c in out["cells"]] == [True, True, True, False]
    for bad, key in (("hinge", "network.loss"), ("fixed-output", "network.output")):
        r = _cli(f"examples/liu/{bad}.toml")
        assert r.returncode == 2 and key in r.stderr and "Traceback" not in r.stderr
        assert len(r.stderr.strip().splitlines()) == 1
    r = _cli("examples/liu/two-units.toml", "--certificate", str(tmp_path), "--format", "latex")
    assert r.returncode == 0 and "\\toprule" in r.stdout
    files = sorted(p.name for p in tmp_path.iterdir())
    assert "atlas.json" in files and any(f.startswith("discrepancy-") for f in files)
    for f in tmp_path.iterdir():
        kernel.check_file(str(f))


def test_theorem3_in_atlas_certificate_and_json():
    a = atlas(NONDIFF)
    (cell,) = [c for c in a.cells if c.nondiff_minima]
    assert cell.pattern == ((0, 1, 1),) and a.nondiff_count == 1
    doc = atlas_doc(a)
    assert doc["claim"]["liu_walls"] == "1" and kinds(doc)[-1] == "liu-atlas"
    bad = mutated(doc, ("claim", "liu_walls"), "0")
    with pytest.raises(CheckFailure):
        kernel.check_document(bad)
    from exactrelu.render.liu import atlas_json

    js = atlas_json(a)
    assert js["nondiff_minima"] == 1
    (entry,) = [c for c in js["cells"] if c["nondiff_minima"]]
    assert entry["nondiff_minima"] == [
        {"unit": 0, "point": 0, "signs": "+", "weights": [["0", "1"]], "output": ["1"], "loss": "11/2"}
    ]
    assert atlas(NONDIFF_NO).nondiff_count == 0


def test_wall_verdicts_cover_every_inactive_entry_and_reuse_the_atlas():
    # every (m, n) with A_mn = 0, in order; the walls the atlas decided (non-empty face) are its very verdicts,
    # and the others are refuted (an empty face carries no point at all)
    a = atlas(inst([[1, 0], [1, 1], [-1, 1]], [-3, 2, 0]))
    walls = wall_verdicts(a)
    for c, vs in zip(a.cells, walls, strict=True):
        assert [(v.unit, v.point) for v in vs] == [(m, n) for m, row in enumerate(c.pattern)
                                                   for n, active in enumerate(row) if not active]
        mine = {(v.unit, v.point): v for v in c.nondiff_verdicts}
        assert all(v is mine[(v.unit, v.point)] for v in vs if (v.unit, v.point) in mine)
        assert all(not v.minimum and v.refutations for v in vs if (v.unit, v.point) not in mine)
    assert sum(v.minimum for vs in walls for v in vs) == a.nondiff_count == 1


def test_leaky_atlas_least_losses_by_hand():
    # slope ½ on Fig. 2 with y = (1, −1): M = diag(a_1, a_2) is invertible in every cell (loss 0), and the genuine
    # minima are in cells 01 and 10 (R* = z w with z < 0, z > 0)
    la = leaky_cells(instance_from_mapping({"data": {"points": [[1, 0], [0, 1]], "targets": [1, -1]},
                                            "network": {"hidden": [1], "activation": "leaky:1/2"}}))
    assert [c.exact.genuine for c in la.cells] == [False, True, True, False]
    assert la.min_loss == 0 == la.best_genuine_loss and la.instance.alpha == F(1, 2)
