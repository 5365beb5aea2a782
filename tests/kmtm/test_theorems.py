"""Theorems 2/5/7–10 of Karhadkar et al. (:mod:`exactrelu.kmtm.theorems`) and the exact global-minimum decision
(SPEC §3)."""

from __future__ import annotations

import copy
import itertools
import json
from fractions import Fraction

import pytest
from conftest import kernel_kinds as kinds
from conftest import mutated

from exactrelu import kernel
from exactrelu.certify.kmtm import global_min_certificate, region_minimum_certificate, theorem_certificates
from exactrelu.cli.main import main
from exactrelu.core.instance import instance_from_mapping
from exactrelu.kmtm.globalmin import count_global_minima, region_minimum
from exactrelu.kmtm.jacobian import unit_rows
from exactrelu.kmtm.theorems import EpsilonBound, exceeds_exp, exp_bounds, theorem2, theorem7, theorem9, theorem10


def file_kinds(path):
    return [c.kind for c in kernel.check_file(str(path))[0]]


def inst(points, out, targets, bias=True):
    return instance_from_mapping(
        {"data": {"points": points, "targets": targets, "bias": bias}, "network": {"hidden": [len(out)], "output": out}}
    )


def test_region_minimum_hand_worked():
    # One unit, v = 1, points 0 and 1 with bias, both active: F = (b, w + b) = y has the
    # unique solution b = y1, w = y2 − y1; it lies in the region iff b > 0 and w + b > 0.
    good = region_minimum(inst([[0], [1]], [1], [2, 3]), ((1, 1),))
    assert good.nonempty and good.codimension == 2 and good.good
    assert good.answer.point == (Fraction(1), Fraction(2))
    bad = region_minimum(inst([[0], [1]], [1], [-1, 3]), ((1, 1),))
    assert not bad.nonempty and not bad.good
    for reg, i in ((good, [2, 3]), (bad, [-1, 3])):
        doc = region_minimum_certificate(inst([[0], [1]], [1], i), reg)
        assert kinds(doc) == ["global-minimum-region"]
    doc = region_minimum_certificate(inst([[0], [1]], [1], [-1, 3]), bad)
    for path, value in ((("claim", "nonempty"), True), (("instance", "data", "targets", 0), "1")):
        corrupted = copy.deepcopy(doc)
        obj = corrupted
        for k in path[:-1]:
            obj = obj[k]
        obj[path[-1]] = value
        with pytest.raises(kernel.Reject):
            kinds(corrupted)


def test_global_minimum_count_equals_tuple_enumeration():
    i = inst([[0], [1], [3]], [1, -2], [1, -1, 1])
    fast = count_global_minima(i)
    rows = unit_rows(i)
    slow = sum(region_minimum(i, t).good for t in itertools.product(rows, repeat=2))
    assert fast.count == slow
    assert fast.total == len(rows) ** 2 == 36
    doc = global_min_certificate(i, fast)
    assert kinds(doc)[-1] == "globalmin-count"
    bad = mutated(doc, ("claim", "count"), str(fast.count + 1))
    with pytest.raises(kernel.Reject):
        kinds(bad)
    bad = copy.deepcopy(doc)
    bad["evidence"]["regions"] = bad["evidence"]["regions"][:-1]
    with pytest.raises(kernel.Reject):
        kinds(bad)


def test_exp_bounds_and_exact_comparison():
    lo, hi = exp_bounds(Fraction(2), 12)
    assert lo < Fraction(7389057, 1000000) and hi > Fraction(7389056, 1000000)  # e^2 = 7.3890561
    assert exceeds_exp(Fraction(7389057, 1000000), Fraction(2))
    assert not exceeds_exp(Fraction(7389056, 1000000), Fraction(2))


def test_theorem7_closed_form_two_points():
    # n = 2, topes 00, 01, 10, 11: deficient tuples avoid 11 and miss 01 or 10: 2·2^d1 − 1.
    i = inst([[0], [1]], [1] * 8, [0, 0])
    rep = theorem7(i)
    assert rep.numbers.fraction_bad == Fraction(511, 65536) and rep.numbers.epsilon_t == EpsilonBound(2, Fraction(-2))
    assert rep.verdict == "holds"  # 511/65536 ≤ 2e^{-2}


def test_theorem2_counts_all_patterns():
    i = inst([[1], [3]], [1, 1], [0, 0], bias=False)
    rep = theorem2(i)
    assert rep.numbers.patterns == 16 and rep.numbers.full_rank_count == 6  # (2^2 − 1)(2^2 − 2)
    assert kinds(theorem_certificates(i, rep)["fullrank-all"])[-1] == "fullrank-count"


def test_cli_jacobian_theorem_table(tmp_path, capsys):
    f = tmp_path / "i.json"
    f.write_text(
        json.dumps(
            {
                "data": {"points": [[0], [1]], "targets": [1, 2], "bias": True},
                "network": {"hidden": [2], "output": [1, -1]},
            }
        )
    )
    cert = tmp_path / "c.json"
    assert main(["jacobian", str(f), "--pattern", "11,01", "--json", "--certificate", str(cert)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["rank"] == "2" and out["full_rank"] is True and out["nonempty"]
    assert file_kinds(str(cert)) == ["jacobian-rank"]
    assert main(["theorem", "8", str(f), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["theorem"] == "8"
    assert main(["jacobian", str(f), "--pattern", "1,01"]) == 2
    assert "--pattern" in capsys.readouterr().err
    assert main(["table", "fullrank", "--n", "2", "--d0", "1", "--d1", "1,2", "--format", "csv"]) == 0
    assert "2,1,2,9/16" in capsys.readouterr().out  # x1 < x2 with bias, d1 = 2: 9/16


def test_catalogue_job_runs():
    from exactrelu.sweeps.jobs import jacobian as job
    from exactrelu.sweeps.reproduce import Catalogue

    cat = Catalogue()
    job.run(cat)
    assert any(r.result.startswith("holds") or "; holds" in r.result for r in cat.rows)
    assert "jacobian/figure3-fullrank.md" in cat.extra


def line(xs, d1, targets=None):
    """``xs`` on a line with bias, ``d1`` units of output weight 1."""
    return inst([[x] for x in xs], [1] * d1, targets or [0] * len(xs))


def test_theorem9_and_10_reports():
    i = line([0, 1], 8)
    rep = theorem9(i)
    # y = 0: every local minimum fits it; the rank condition alone proves 65536 − 511 regions good
    assert rep.numbers.bad_regions == 0 and rep.numbers.proved_good_by_rank == 65025
    assert rep.verdict == "holds"
    # y = (1, -1): exactly the 511 regions the rank condition misses carry a spurious minimum
    rep = theorem9(line([0, 1], 8, targets=[1, -1]))
    assert (rep.numbers.bad_regions, rep.numbers.global_minimum, rep.verdict) == (511, 0, "holds")
    deep = instance_from_mapping(
        {
            "data": {"points": [[0], [1]], "targets": [0, 0], "bias": True},
            "network": {"hidden": [2, 2], "output": [1, -1]},
        }
    )
    r10 = theorem10(deep)
    n = r10.numbers
    assert n.patterns == 256
    assert n.empty + n.nonempty_full_rank_at_witness + n.nonempty_deficient_at_witness + n.undecided == 256
    lo, hi = n.nonempty_patterns_bounds
    assert hi - lo == n.undecided and (n.nonempty_patterns is None) == (n.undecided > 0)


def test_cli_theorems_9_10_11_13(tmp_path, capsys):
    f = tmp_path / "i.json"
    f.write_text(
        json.dumps(
            {
                "data": {"points": [[1], [-1], [0]], "targets": [1, 1, 0], "bias": True},
                "network": {"hidden": [2], "output": [1, -1]},
            }
        )
    )
    for t in ("9", "10", "11", "13"):
        assert main(["theorem", t, str(f), "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["theorem"] == t
    cert = tmp_path / "c.json"
    assert main(["theorem", "11", str(f), "--certificate", str(cert)]) == 0
    assert file_kinds(str(cert))[-1] == "fullrank-volume"
    g = tmp_path / "g.json"
    g.write_text(
        json.dumps(
            {"data": {"points": [[3], [0]], "targets": [1, 1], "bias": True}, "network": {"hidden": [1], "output": [1]}}
        )
    )
    assert main(["theorem", "11", str(g)]) == 0
    assert "verdict: vacuous (hypothesis not met: |x_j| ≤ 1" in capsys.readouterr().out
