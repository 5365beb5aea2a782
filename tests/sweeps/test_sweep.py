"""Sweeps: equal to a plain loop, on a process pool and on Dask; region statements; CLI and reports."""

from __future__ import annotations

import json

import pytest

from exactrelu import kernel
from exactrelu.cli.main import main
from exactrelu.core.instance import instance_from_mapping
from exactrelu.sweeps.grids import grid_from_mapping, instance_key, instances
from exactrelu.sweeps.statements import COUNTEREXAMPLE, HOLDS, OUTSIDE, get, names
from exactrelu.sweeps.sweep import SweepError, _chunks, read_results, run_one, sweep

ALL = {"permutations": True, "flips": True, "scaling": True, "coordinates": True}


def _grid(n=4, dim=2, box=(-1, 1), sym=ALL, hidden=(1,), distinct=False, bias=False):
    return grid_from_mapping(
        {
            "name": "g",
            "kind": "exhaustive",
            "data": {"n": n, "dim": dim, "box": list(box), "distinct": distinct, "bias": bias},
            "network": {"hidden": list(hidden)},
            "symmetry": sym,
        }
    )


def _plain(stmt, grid):
    """The reference: a plain sequential loop over the grid."""
    return [run_one(stmt, gi) for gi in instances(grid)]


def _strip(rows):
    return [{k: r[k] for k in ("key", "index", "weight", "status", "hypotheses", "conclusion", "detail")} for r in rows]


def test_registry_has_region_statements():
    assert {"prop3", "prop4", "lemma6", "selftest"} <= set(names())
    with pytest.raises(ValueError, match="unknown statement"):
        get("no-such-theorem")


def test_sweep_equals_plain_loop_sequential_and_pool():
    g = _grid(hidden=(2,))
    ref = _plain("prop3", g)
    assert _strip(sweep("prop3", g, workers=1).rows) == _strip(ref)
    assert _strip(sweep("prop3", g, workers=2, batch=3).rows) == _strip(ref)


def test_prop3_values_worked_by_hand():
    # four pairwise independent vectors in the plane: 4 lines through 0 cut 8 sectors = 2(C(3,0)+C(3,1))
    res = sweep("prop3", _grid(distinct=True), workers=1)
    general = [r for r in res.rows if r["status"] == HOLDS]
    assert len(general) == 1 and general[0]["detail"]["regions"] == "8"
    assert res.count(COUNTEREXAMPLE) == 0
    # (1,0), (2,0) are parallel: one line, 2 regions, while the closed form says 4 -- outside the hypothesis
    g = _grid(n=2, box=(0, 2), sym={})
    rows = {tuple(tuple(p) for p in r["instance"]["data"]["points"]): r for r in sweep("prop3", g).rows}
    r = rows[(("1", "0"), ("2", "0"))]
    assert r["status"] == OUTSIDE and r["conclusion"] is False
    assert (r["detail"]["regions"], r["detail"]["closed_form"]) == ("2", "4")


def test_lemma6_and_prop4_hold_on_small_grids():
    g = _grid(
        n=3, dim=1, box=(-3, 3), sym={"permutations": True, "coordinates": True}, hidden=(2,), distinct=True, bias=True
    )
    res = sweep("lemma6", g)
    assert res.count(HOLDS) == len(res.rows) > 0
    assert all(r["detail"]["regions"] == "36" for r in res.rows)  # (2n)^{d1} = 6^2
    res = sweep("prop4", _grid(n=4, box=(-2, 2), distinct=True))
    assert res.count(COUNTEREXAMPLE) == 0 and res.count(HOLDS) > 0


def test_symmetry_not_allowed_by_statement_is_refused():
    with pytest.raises(SweepError, match="does not allow"):
        sweep("selftest", _grid())


def test_resume_skips_done_rows_and_drops_torn_line(tmp_path):
    g = _grid(n=3, sym={"permutations": True})
    out = tmp_path / "r.jsonl"
    first = sweep("selftest", g, out, limit=10)
    assert first.computed == 10
    with open(out, "a") as fh:
        fh.write('{"type": "result", "key": "tor')  # a kill in the middle of a write
    second = sweep("selftest", g, out)
    assert second.computed == len(second.rows) - 10
    header, rows = read_results(out)
    keys = [r["key"] for r in rows]
    assert len(keys) == len(set(keys)) == len(list(instances(g)))
    assert _strip(second.rows) == _strip(_plain("selftest", g))
    assert sweep("selftest", g, out).computed == 0


def test_results_file_of_another_sweep_is_refused(tmp_path):
    out = tmp_path / "r.jsonl"
    sweep("selftest", _grid(n=2, sym={"permutations": True}), out)
    with pytest.raises(SweepError, match="another sweep"):
        sweep("selftest", _grid(n=3, sym={"permutations": True}), out)


def test_certificates_check_and_corruption_is_caught(tmp_path):
    res = sweep("prop3", _grid(n=3), certificates=tmp_path / "certs")
    paths = [r["certificate"] for r in res.rows]
    assert all(paths)
    for p in paths:
        kernel.check_file(p)
    doc = json.loads(open(paths[-1]).read())
    doc["claim"]["count"] = str(int(doc["claim"]["count"]) + 1)
    with pytest.raises(Exception, match="count|invalid"):
        kernel.check_document(doc)


def test_dask_local_cluster_equals_local():
    distributed = pytest.importorskip("distributed")
    g = _grid(hidden=(2,))
    local = sweep("prop3", g, workers=1)
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster,
        distributed.Client(cluster) as client,
    ):
        remote = sweep("prop3", g, scheduler=client, batch=4)
    assert _strip(remote.rows) == _strip(local.rows)


def test_dask_resume_and_results_file_equal_sequential(tmp_path):
    distributed = pytest.importorskip("distributed")
    g = _grid(n=3, sym={"permutations": True})
    seq = tmp_path / "seq.jsonl"
    sweep("selftest", g, seq, workers=1)
    out = tmp_path / "dask.jsonl"
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        with distributed.Client(cluster) as client:
            assert sweep("selftest", g, out, scheduler=client, limit=7).computed == 7
        # the --scheduler tcp://host:port path, with no default client: sweep opens and closes its own
        second = sweep("selftest", g, out, scheduler=cluster.scheduler_address)
    assert second.computed == len(second.rows) - 7
    # workers encode the lines, the parent writes them: byte-identical lines, in completion order
    assert sorted(out.read_text().splitlines()) == sorted(seq.read_text().splitlines())
    assert _strip(second.rows) == _strip(_plain("selftest", g))


@pytest.mark.parametrize("n,workers", [(1, 2), (7, 2), (100, 2), (2002, 2), (2002, 4), (5, 8)])
def test_guided_chunks_cover_the_range_once(n, workers):
    ranges = _chunks(n, workers, None)
    assert [i for a, b in ranges for i in range(a, b)] == list(range(n))
    sizes = [b - a for a, b in ranges]
    assert sizes == sorted(sizes, reverse=True)
    assert sizes[0] == -(-n // (2 * workers))  # first: half a worker's share
    assert len(ranges) <= 16 * workers
    assert _chunks(10, 2, 3) == [(0, 3), (3, 6), (6, 9), (9, 10)]


def test_guided_chunks_by_hand():
    # 100 on 2 workers: ceil(remaining / 4), at least ceil(100 / 32) = 4
    assert [b - a for a, b in _chunks(100, 2, None)] == [25, 19, 14, 11, 8, 6, 5, 4, 4, 4]


def test_error_rows_are_kept():
    from exactrelu.sweeps.statements import Statement, Verdict

    def boom(inst, certify):
        if inst.raw_points[0][0] == 1:
            raise ZeroDivisionError("x")
        return Verdict(True, True)

    s = Statement("boom", "t", "t", "none", "none", boom, frozenset({"permutations"}))
    res = sweep(s, _grid(n=1, dim=1, sym={}), workers=1)
    assert [r["status"] for r in res.rows] == ["holds", "holds", "undecided"]  # a check that raised
    assert "ZeroDivisionError" in res.rows[-1]["error"]


def test_cli_sweep_and_report(tmp_path, capsys):
    grid = tmp_path / "g.toml"
    grid.write_text(
        "name = 'small'\nkind = 'exhaustive'\n[data]\nn = 3\ndim = 2\nbox = [-1, 1]\n"
        "[network]\nhidden = [1]\n[symmetry]\npermutations = true\n"
    )
    out = tmp_path / "r.jsonl"
    assert main(["sweep", "selftest", "--grid", str(grid), "--out", str(out), "--workers", "1", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["counts"]["total"]["weighted"] == str(9**3)
    bad = int(summary["counts"]["fails"]["instances"])
    assert set(summary["counts"]) == {"holds", "fails", "vacuous", "undecided", "total"}
    assert bad == len(summary["counterexamples"]) > 0
    for fmt, marker in [("markdown", "| # |"), ("csv", "#,status"), ("latex", "\\toprule")]:
        assert main(["report", str(out), "--format", fmt]) == 0
        text = capsys.readouterr().out
        assert marker in text
        body = [ln for ln in text.splitlines() if "fails" in ln or "holds" in ln]
        assert "fails" in body[0]  # counterexamples come first
    assert main(["report", str(out), "--plot", str(tmp_path / "p.png"), "--summary"]) == 0
    assert (tmp_path / "p.png").stat().st_size > 1000
    assert main(["report", str(tmp_path / "missing.jsonl")]) == 2


def test_instance_key_ignores_name():
    a = instance_from_mapping({"name": "a", "data": {"points": [[1]], "targets": [1]}, "network": {"hidden": [1]}})
    b = instance_from_mapping({"name": "b", "data": {"points": [[1]], "targets": [1]}, "network": {"hidden": [1]}})
    assert instance_key(a) == instance_key(b)
