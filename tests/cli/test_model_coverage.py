"""Issue 12: every command models the whole instance it is given, or refuses it.

The matrix below pairs every command that reads an instance with every instance feature (leaky activation,
hinge loss, a deep network, trainable / fixed output, no bias / bias).  Each pair either refuses (exit 2, one
line on stderr naming the instance key, no traceback) or computes — and then the tests further down check the
answer against an independent route: sympy differentiation of the network's forward pass (leaky Jacobians and
Liu's leaky cell matrix), exact forward passes at rational weights (deep regions), hand counts.
"""

from __future__ import annotations

import itertools
import json
import random
from fractions import Fraction as F
from pathlib import Path
from typing import Any

import pytest
import sympy

from exactrelu.arrangements.regions import decide_pattern
from exactrelu.cli.main import main
from exactrelu.core.instance import instance_from_mapping
from exactrelu.core.model import Model, Verdict, require
from exactrelu.kmtm.deep import count_regions
from exactrelu.kmtm.jacobian import count_instance, jacobian_rank, unit_rows
from exactrelu.liu.minima import cell_minimum, cells, decide_genuine

# ---------------------------------------------------------------- instances with one feature changed
BASE: dict[str, Any] = {"data": {"points": [[1], [2], [-1]], "targets": [1, 2, 0], "bias": True},
                        "network": {"hidden": [2], "output": [1, -1]}}
BINARY: dict[str, Any] = {"data": {"points": [[2, 0], [-2, 1], [1, 3]], "targets": [1, -1, 1], "bias": True},
                          "network": {"hidden": [1], "output": "trainable", "loss": "hinge"}}
ONEHOT: dict[str, Any] = {"data": {"points": [[1], [2], [3]], "onehot": [[1, 0, 0], [0, 1, 0], [0, 0, 1]]},
                          "network": {"hidden": [1], "output": "trainable", "loss": "hinge"}}


def variant(base: dict[str, Any], feature: str) -> dict[str, Any]:
    """``base`` with one feature switched on (or off)."""
    m = json.loads(json.dumps(base))
    net, data = m["network"], m["data"]
    if feature == "leaky":
        net["activation"] = "leaky:1/10"
    elif feature == "hinge":
        net["loss"] = "hinge"
        data.pop("onehot", None)
        data["targets"] = [1 if k % 2 == 0 else -1 for k in range(len(data["points"]))]
    elif feature == "squared":
        net["loss"] = "squared"
        data.pop("onehot", None)
        data["targets"] = [k + 1 for k in range(len(data["points"]))]
    elif feature == "deep":
        net["hidden"] = [*net["hidden"], 1]
        if net.get("output", "trainable") != "trainable":
            net["output"] = [1]
    elif feature == "trainable":
        net["output"] = "trainable"
    elif feature == "fixed":
        net["output"] = [1 if i % 2 == 0 else -1 for i in range(net["hidden"][-1])]
    elif feature == "nobias":
        data["bias"] = False
    elif feature == "bias":
        data["bias"] = True
    return m


# command -> (base instance, extra arguments, {feature: None (computes) or the refused key})
MATRIX: dict[str, tuple[dict[str, Any], list[str], dict[str, str | None]]] = {
    "regions": (BASE, [], {"leaky": None, "hinge": None, "deep": None, "trainable": None, "nobias": None}),
    "jacobian": (BASE, [], {"leaky": None, "hinge": None, "deep": "network.hidden", "trainable": None,
                            "nobias": None}),
    "theorem 2": (BASE, [], {"leaky": None, "hinge": None, "deep": "network.hidden", "trainable": None,
                             "nobias": None}),
    "theorem 5": (BASE, [], {"leaky": None, "hinge": None, "deep": "network.hidden", "trainable": None,
                             "nobias": None}),
    "theorem 7": (BASE, [], {"leaky": None, "hinge": None, "deep": "network.hidden", "trainable": None,
                             "nobias": None}),
    "theorem 8": (BASE, [], {"leaky": "network.activation", "hinge": "network.loss", "deep": "network.hidden",
                             "trainable": "network.output", "nobias": None}),
    "theorem 9": (BASE, [], {"leaky": "network.activation", "hinge": "network.loss", "deep": "network.hidden",
                             "trainable": None, "nobias": None}),
    "theorem 10": (BASE, [], {"leaky": "network.activation", "hinge": None, "deep": None,
                              "trainable": "network.output", "nobias": None}),
    "theorem 11": (BASE, [], {"leaky": "network.activation", "hinge": None, "deep": "network.hidden",
                              "trainable": None, "nobias": None}),
    "theorem 13": (BASE, [], {"leaky": "network.activation", "hinge": None, "deep": "network.hidden",
                              "trainable": None, "nobias": None}),
    "liu": (variant(BASE, "trainable"), [], {"leaky": None, "hinge": "network.loss",
                                             "deep": "network.hidden", "fixed": "network.output", "nobias": None}),
    "lvb": (BINARY, ["--point", "POINT"], {"leaky": None, "squared": "network.loss", "deep": None,
                                           "fixed": "network.output", "nobias": None}),
    "generic": (BINARY, ["--alpha", "1/2", "--depth", "1"], {"leaky": None, "squared": "data.targets",
                                                            "deep": None, "fixed": "network.output",
                                                            "nobias": "data.bias"}),
    "separable": (BINARY, [], {"leaky": None, "squared": "data.targets", "deep": None, "fixed": None,
                               "nobias": None}),
    "penalty": (ONEHOT, ["--point", "PENALTY", "--gamma", "1"], {"leaky": None, "squared": "network.loss",
                                                                "deep": None, "fixed": "network.output",
                                                                "bias": None}),
}
PAIRS = [(cmd, feat) for cmd, (_, _, feats) in MATRIX.items() for feat in feats]
# features the analysis's mathematics does not see: the answer must equal the base instance's (a second route)
UNSEEN = {("regions", "hinge"), ("regions", "trainable"), ("regions", "leaky"), ("jacobian", "hinge"),
          ("jacobian", "trainable"), ("theorem 2", "hinge"), ("theorem 2", "trainable"), ("theorem 5", "hinge"),
          ("theorem 5", "trainable"), ("theorem 7", "hinge"), ("theorem 7", "trainable"), ("theorem 9", "trainable"),
          ("theorem 10", "hinge"), ("theorem 11", "hinge"), ("separable", "leaky"), ("separable", "deep"),
          ("separable", "fixed"), ("generic", "leaky"), ("generic", "deep")}


def _write(tmp_path: Path, name: str, doc: dict[str, Any]) -> str:
    tmp_path.mkdir(exist_ok=True)
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(doc))
    return str(path)


def _point_for(inst_doc: dict[str, Any], feature: str) -> dict[str, Any]:
    """A POINT matching the instance's shape (biases only with bias, one layer per hidden layer)."""
    net, bias = inst_doc["network"], inst_doc["data"].get("bias", False)
    d0 = len(inst_doc["data"]["points"][0])
    dims = [d0, *net["hidden"]]
    layers = []
    for k in range(1, len(dims)):
        layer: dict[str, Any] = {"W": [[1 if j == i else 0 for j in range(dims[k - 1])] for i in range(dims[k])]}
        if bias:
            layer["b"] = [0] * dims[k]
        layers.append(layer)
    out: dict[str, Any] = {"V": [[1] * dims[-1]]}
    if bias:
        out["c"] = [0]
    return {"layers": layers, "output": out}


@pytest.mark.parametrize(("command", "feature"), PAIRS, ids=[f"{c}-{f}" for c, f in PAIRS])
def test_every_pair_computes_or_refuses(command, feature, tmp_path, capsys):
    base, extra, feats = MATRIX[command]
    doc = variant(base, feature)
    inst = _write(tmp_path, "inst", doc)
    args = []
    for a in extra:
        if a == "POINT":
            a = _write(tmp_path, "point", _point_for(doc, feature))
        elif a == "PENALTY":  # one binary replicate per class, its output weight ±1
            reps = [_point_for(doc, feature) for _ in range(3)]
            for r, v in zip(reps, (1, -1, 1), strict=True):
                r["output"]["V"] = [[v * c for c in r["output"]["V"][0]]]
            a = _write(tmp_path, "penalty", {"classes": reps})
        args.append(a)
    code = main([*command.split(), inst, *args, "--json"])
    out, err = capsys.readouterr()
    key = feats[feature]
    if key is None:
        assert code == 0, err
        answer = json.loads(out)  # a complete JSON answer
        if (command, feature) in UNSEEN:
            assert main([*command.split(), _write(tmp_path / "b", "inst", base), *args, "--json"]) == 0
            other = json.loads(capsys.readouterr().out)
            # the same answer; only the instance reference (its fingerprint sees the unused feature) differs
            assert {k: v for k, v in answer.items() if k != "instance"} == {
                k: v for k, v in other.items() if k != "instance"}
    else:
        assert code == 2, out
        lines = err.strip().splitlines()
        assert len(lines) == 1 and f"key '{key}'" in lines[0] and "Traceback" not in err, err
        assert out == ""  # refused before any work: nothing printed


def test_require_names_the_key_before_any_work():
    deep = instance_from_mapping(variant(BASE, "deep"))
    with pytest.raises(Exception) as exc:
        require(deep, Model(), "an analysis")
    assert exc.value.key == "network.hidden" and "one hidden layer" in str(exc.value)
    require(deep, Model(deep=True), "an analysis")  # inside the model: no error
    assert [str(v) for v in Verdict] == ["holds", "fails", "vacuous", "undecided"]


def test_help_states_every_model(capsys):
    for command in ("regions", "jacobian", "theorem", "liu", "lvb", "generic", "separable", "penalty"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        assert "models:" in capsys.readouterr().out, command


# ---------------------------------------------------------------- leaky Jacobian: sympy route
def _sympy_jacobian_rank(inst: Any, pattern: tuple[tuple[int, ...], ...]) -> int:
    """Differentiate F_j(W) = Σ_i v_i max(<w_i,x_j>, α<w_i,x_j>) with sympy at a rational point of S^A."""
    ws = [decide_pattern(inst, pattern).weights]
    assert ws[0] is not None
    witness = ws[0]
    v = [F(1)] * inst.d1 if inst.output == "trainable" else list(inst.output)
    alpha = sympy.Rational(inst.alpha.numerator, inst.alpha.denominator)
    syms = [[sympy.Symbol(f"w{i}_{k}") for k in range(inst.d)] for i in range(inst.d1)]
    rows = []
    for x in inst.points:
        f = 0
        for i in range(inst.d1):
            pre = sum(syms[i][k] * sympy.Rational(str(x[k])) for k in range(inst.d))
            f += sympy.Rational(str(v[i])) * sympy.Max(pre, alpha * pre)
        rows.append(f)
    at = {syms[i][k]: sympy.Rational(str(witness[i][k])) for i in range(inst.d1) for k in range(inst.d)}
    flat = [s for row in syms for s in row]
    jac = sympy.Matrix([[sympy.diff(f, s).subs(at) for s in flat] for f in rows])
    return jac.rank()


def test_issue_example_leaky_rank_is_two(tmp_path, capsys):
    doc = {"data": {"points": [[1, 0], [0, 1]], "targets": [1, 1]},
           "network": {"hidden": [1], "output": [1], "activation": "leaky:1/10"}}
    assert main(["jacobian", _write(tmp_path, "i", doc), "--pattern", "10", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["rank"] == "2" and out["full_rank"] is True  # rows (1, 0) and (0, 1/10)
    inst = instance_from_mapping(doc)
    assert _sympy_jacobian_rank(inst, ((1, 0),)) == 2
    relu = instance_from_mapping({**doc, "network": {"hidden": [1], "output": [1]}})
    assert jacobian_rank(relu, ((1, 0),)).rank == 1 == _sympy_jacobian_rank(relu, ((1, 0),))


@pytest.mark.parametrize("seed", range(6))
def test_leaky_rank_and_count_agree_with_sympy(seed):
    rng = random.Random(seed)
    n, d0, d1 = rng.choice([(3, 1, 2), (3, 2, 1), (4, 1, 2)])
    pts = [[rng.randint(-3, 3) for _ in range(d0)] for _ in range(n)]
    alpha = rng.choice(["1/2", "1/10", "2/3"])
    doc = {"data": {"points": pts, "targets": [0] * n, "bias": rng.random() < 0.5},
           "network": {"hidden": [d1], "output": [rng.choice([1, -2, 3]) for _ in range(d1)],
                       "activation": f"leaky:{alpha}"}}
    inst = instance_from_mapping(doc)
    rows = unit_rows(inst)
    full = 0
    for pattern in itertools.product(rows, repeat=d1):
        rank = _sympy_jacobian_rank(inst, pattern)
        assert jacobian_rank(inst, pattern).rank == rank
        full += rank == n
    count = count_instance(inst, "topes")
    assert (count.count, count.total) == (full, len(rows) ** d1)


def test_theorem5_leaky_is_measured_and_vacuous(tmp_path, capsys):
    doc = {"data": {"points": [[1, 0], [0, 1]], "targets": [1, 1]},
           "network": {"hidden": [1], "output": [1], "activation": "leaky:1/10"}}
    assert main(["theorem", "5", _write(tmp_path, "i", doc), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    # 4 regions, every leaky block has rank 2: fraction 1; but the theorem is about ReLU
    assert out["numbers"]["full_rank_count"] == "4" and out["verdict"] == "vacuous"
    assert out["hypotheses"]["relu_activation"] is False


def test_theorem5_hypotheses_decide_the_verdict(tmp_path, capsys):
    # d = 2 < n = 3: the corollary says nothing (issue 12: it used to print "holds")
    doc = {"data": {"points": [[1], [2], [3]], "targets": [0, 0, 0], "bias": True},
           "network": {"hidden": [2], "output": [1, 1]}}
    assert main(["theorem", "5", _write(tmp_path, "a", doc), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["verdict"] == "vacuous" and out["hypotheses"]["d_ge_n"] is False
    # d ≥ n, general position: the Ω constant is unspecified, so a positive bad fraction is undecided
    doc = {"data": {"points": [[1, 0], [0, 1]], "targets": [0, 0]}, "network": {"hidden": [2], "output": [1, 1]}}
    assert main(["theorem", "5", _write(tmp_path, "b", doc), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    # regions 4^2 = 16; deficient: some point inactive for both units: 16 − 9 = 7
    assert out["numbers"]["fraction_bad"].startswith("7/16") and out["verdict"] == "undecided"


def test_theorem7_vacuous_when_epsilon_t_at_least_one(tmp_path, capsys):
    doc = {"data": {"points": [[1], [2]], "targets": [0, 0], "bias": True},
           "network": {"hidden": [1], "output": [1]}}
    assert main(["theorem", "7", _write(tmp_path, "i", doc)]) == 0
    out = capsys.readouterr().out
    assert "verdict: vacuous (ε_T = 2·e^(−1/4) ≥ 1" in out  # 2e^(−1/4) ≈ 1.56


# ---------------------------------------------------------------- deep regions: hand count and forward passes
def _forward_pattern(points: list[tuple[F, ...]], weights: list[list[list[F]]]) -> tuple | None:
    """The pattern (A_1, …, A_L) at rational weights by an exact forward pass; None if a pre-activation is 0."""
    hs = [list(x) for x in points]
    layers = []
    for w in weights:
        pres = [[sum((a * b for a, b in zip(row, h, strict=True)), F(0)) for row in w] for h in hs]
        if any(p == 0 for col in pres for p in col):
            return None
        layers.append(tuple(tuple(int(pres[j][i] > 0) for j in range(len(hs))) for i in range(len(w))))
        hs = [[max(p, F(0)) for p in col] for col in pres]
    return tuple(layers)


def test_deep_regions_hand_count_is_an_interval(tmp_path, capsys):
    # points 0, 1 with bias, widths (1, 1): A_1 = 00, 01, 10 zero a column of f_1 (empty: 12 patterns); with
    # A_1 = 11 both f_1(x_j) > 0, so the second unit (no bias) has one sign on both: 11 and 00 non-empty, 01 and
    # 10 empty — but no exact proof of their emptiness exists in deep.py: undecided, so [2, 4].
    doc = {"data": {"points": [[0], [1]], "targets": [0, 0], "bias": True}, "network": {"hidden": [1, 1]}}
    assert main(["regions", _write(tmp_path, "d", doc), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert (out["patterns"], out["nonempty_proved"], out["empty_proved"], out["undecided"]) == ("16", "2", "12", "2")
    assert out["exact"] is False and out["regions"] is None and out["regions_interval"] == ["2", "4"]
    assert main(["regions", _write(tmp_path, "d", doc)]) == 0
    assert "non-empty activation regions: [2, 4] (2 undecided)" in capsys.readouterr().out


@pytest.mark.parametrize("seed", range(3))
def test_deep_regions_never_contradict_forward_passes(seed):
    rng = random.Random(seed)
    doc = {"data": {"points": [[rng.randint(-2, 2), rng.randint(-2, 2)] for _ in range(2)], "targets": [0, 0],
                    "bias": True}, "network": {"hidden": [2, 1]}}
    inst = instance_from_mapping(doc)
    rep = count_regions(inst)
    status = {v.pattern: v.status for v in rep.verdicts}
    for v in rep.verdicts:  # every witness really lies in its pattern
        if v.status == "nonempty":
            assert _forward_pattern(list(inst.points), [[list(r) for r in w] for w in v.weights]) == v.pattern
    for _ in range(300):  # a pattern met at random weights is never one proved empty
        ws = [[[F(rng.randint(-4, 4), rng.randint(1, 3)) for _ in range(k)] for _ in range(m)]
              for k, m in zip([inst.d, *inst.hidden[:-1]], inst.hidden, strict=True)]
        pat = _forward_pattern(list(inst.points), ws)
        if pat is not None:
            assert status[pat] != "empty"
    assert rep.nonempty + rep.empty + rep.undecided == rep.total == 2 ** (2 * 3)


def test_one_layer_deep_route_agrees_with_the_region_count():
    from exactrelu.arrangements.regions import analyse

    doc = {"data": {"points": [[1, 0], [0, 1], [1, 1]], "targets": [0, 0, 0]}, "network": {"hidden": [2]}}
    inst = instance_from_mapping(doc)
    rep = count_regions(inst)
    assert rep.exact and rep.nonempty == analyse(inst).region_count == 36


def test_deep_pattern_space_too_large_is_refused(tmp_path, capsys):
    doc = {"data": {"points": [[1], [2], [3]], "targets": [0, 0, 0]}, "network": {"hidden": [4, 4]}}
    assert main(["regions", _write(tmp_path, "big", doc)]) == 2
    err = capsys.readouterr().err
    assert "key 'network.hidden'" in err and "2^24" in err


def test_theorem10_reports_the_interval(tmp_path, capsys):
    doc = {"data": {"points": [[0], [1]], "targets": [0, 0], "bias": True},
           "network": {"hidden": [1, 1], "output": [1]}}
    assert main(["theorem", "10", _write(tmp_path, "d", doc), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["numbers"]["nonempty_patterns"] is None
    assert out["numbers"]["nonempty_patterns_interval"] == ["2", "4"] and out["verdict"] == "undecided"


# ---------------------------------------------------------------- Liu's leaky cells: sympy route
@pytest.mark.parametrize("seed", range(4))
def test_leaky_cell_minimum_agrees_with_sympy_least_squares(seed):
    rng = random.Random(seed)
    n, d0 = rng.choice([(2, 2), (3, 1), (3, 2)])
    doc = {"data": {"points": [[rng.randint(-2, 2) or 1 for _ in range(d0)] for _ in range(n)],
                    "targets": [rng.randint(-2, 2) for _ in range(n)], "bias": d0 == 1},
           "network": {"hidden": [1], "activation": "leaky:1/3"}}
    inst = instance_from_mapping(doc)
    alpha = sympy.Rational(1, 3)
    for pattern, wit in cells(inst):
        # the cell's matrix M_α, row p = ∂F_p/∂R at a point of the cell (F_p = max(<R,x_p>, α<R,x_p>), z = 1)
        r = [sympy.Symbol(f"r{k}") for k in range(inst.d)]
        at = {r[k]: sympy.Rational(str(wit[0][k])) for k in range(inst.d)}
        m = sympy.Matrix([[sympy.diff(sympy.Max(pre, alpha * pre), s).subs(at) for s in r]
                          for pre in (sum(r[k] * sympy.Rational(str(x[k])) for k in range(inst.d))
                                      for x in inst.points)])
        y = sympy.Matrix([sympy.Rational(str(t)) for t in inst.targets])
        fitted = m * (m.pinv() * y)
        loss = sympy.Rational(1, 2) * sum((fitted - y).applyfunc(lambda q: q**2))
        cm = cell_minimum(inst, pattern)
        assert F(str(loss)) == cm.loss
        ver = decide_genuine(inst, pattern, wit)
        if ver.genuine:  # the witness (W, z) is in the open cell and realises a minimiser
            w, z = ver.weights, ver.output
            for p, x in enumerate(inst.points):
                pre = sum((a * b for a, b in zip(w[0], x, strict=True)), F(0))
                assert (pre > 0) == bool(pattern[0][p]) and pre != 0
            prod = [z[0] * c for c in w[0]]
            grad = m.T * (m * sympy.Matrix([sympy.Rational(str(c)) for c in prod]) - y)
            assert all(g == 0 for g in grad)


def test_liu_atlas_refuses_leaky_but_the_cells_compute():
    doc = {"data": {"points": [[1, 0], [0, 1]], "targets": [1, 1]},
           "network": {"hidden": [1], "activation": "leaky:1/2"}}
    inst = instance_from_mapping(doc)
    losses = sorted(cell_minimum(inst, p).loss for p, _ in cells(inst))
    # M_α = diag(c_1, c_2) with c = 1 or 1/2 is invertible in every cell: zero loss everywhere
    assert losses == [0, 0, 0, 0]
    from exactrelu.liu.cells import atlas

    with pytest.raises(Exception) as exc:
        atlas(inst)
    assert exc.value.key == "network.activation"


# ---------------------------------------------------------------- Laurent–von Brecht outside its scope
def test_generic_refuses_bias_free_data(tmp_path, capsys):
    # issue 12: x = 2, −1, both labels +1, leaky 1/2, no bias was called "generic"
    doc = {"data": {"points": [[2], [-1]], "targets": [1, 1]},
           "network": {"hidden": [1], "loss": "hinge", "activation": "leaky:1/2"}}
    assert main(["generic", _write(tmp_path, "g", doc), "--alpha", "1/2", "--depth", "1"]) == 2
    assert "key 'data.bias'" in capsys.readouterr().err


def test_lvb_claims_a_minimum_only_with_its_proof(tmp_path, capsys):
    # leaky 1/2, W = −1, V = 1/2 on x = 2, −1 (y = 1, 1): the cell loss is 1 − VW/2 + VW/2 ≡ 1 (rare data for
    # α = 1/2): a local minimum inside a flat cell (strong maximum principle), without bias no type I/II
    doc = {"data": {"points": [[2], [-1]], "targets": [1, 1]},
           "network": {"hidden": [1], "loss": "hinge", "activation": "leaky:1/2"}}
    point = {"layers": [{"W": [["-1"]]}], "output": {"V": [["1/2"]]}}
    args = ["lvb", _write(tmp_path, "g", doc), "--point", _write(tmp_path, "p", point)]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "local minimum: yes (in an open cell" in out and "type I/II not applicable" in out
    assert main([*args, "--json"]) == 0
    js = json.loads(capsys.readouterr().out)
    assert js["type"] is None and js["local_minimum"] is True and js["minimality_case"] == "cell"
    assert js["minimality_certified"] is True
    # with bias the type is reported at a proved minimum
    fig4 = ["lvb", "examples/lvb/fig4.toml", "--point", "examples/lvb/fig4_sharp_point.toml"]
    assert main(fig4) == 0
    out = capsys.readouterr().out
    assert "local minimum: yes (every point contributing near ω is dead" in out and "type II" in out


def _always(inst: Any, certify: bool) -> Any:
    from exactrelu.sweeps.statements import Verdict as Row

    return Row(True, True)


def test_a_statement_is_vacuous_outside_its_model_and_still_pickles():
    import pickle

    from exactrelu.sweeps.statements import Statement

    s = Statement("t", "t", "t", "one layer", "true", _always, model=Model())
    deep, flat = instance_from_mapping(variant(BASE, "deep")), instance_from_mapping(BASE)
    assert s.check(flat, False).status == "holds"
    v = s.check(deep, False)
    assert v.status == "vacuous" and v.detail["reason"].startswith("network.hidden")
    assert pickle.loads(pickle.dumps(s)).check(deep, False).status == "vacuous"  # sweeps send it to workers


@pytest.mark.parametrize("number", ["11", "13"])
def test_a_failed_hypothesis_is_certified_when_nothing_is_measured(number, tmp_path, capsys):
    from exactrelu import kernel

    doc = {"data": {"points": [[1, 0], [0, 1]], "targets": [1, 1]}, "network": {"hidden": [1], "output": [1]}}
    cert = tmp_path / "h.json"
    assert main(["theorem", number, _write(tmp_path, "i", doc), "--json", "--certificate", str(cert)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["verdict"] == "vacuous" and out["hypotheses"]["d0_eq_1"] is False and out["numbers"] == {}
    assert [c.kind for c in kernel.check_file(str(cert))[0]] == ["hypothesis-not-met"]
    assert json.loads(cert.read_text())["claim"]["hypothesis"] == "one-dimensional"


def test_liu_on_leaky_units_hand_worked(tmp_path, capsys):
    # x = (1,0), (0,1), y = (1, −1), α = 1/2: in every cell M_α is diagonal with entries 1 or 1/2, so R* = y / c.
    # Cell 01: R* = (2, −1): x_1 inactive needs s·(−2) > 0, x_2 active needs s·(−1) > 0: s = − works (genuine);
    # cell 10: R* = (1, −2): s = +; cells 00 (R* = (2, −2)) and 11 (R* = (1, −1)) need opposite signs: none.
    doc = {"data": {"points": [[1, 0], [0, 1]], "targets": [1, -1]},
           "network": {"hidden": [1], "activation": "leaky:1/2"}}
    path = _write(tmp_path, "l", doc)
    assert main(["liu", path, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    got = {"".join(c["pattern"]): (c["minimizer"], c["genuine"], c["genuine_signs"]) for c in out["cells"]}
    assert got == {"00": (["2", "-2"], False, None), "01": (["2", "-1"], True, "-"),
                   "10": (["1", "-2"], True, "+"), "11": (["1", "-1"], False, None)}
    assert all(c["printed"] is None and c["saddle_subsets"] is None for c in out["cells"]) and out["not_modelled"]
    # each printed cell verdict is certified (one file per cell; the kernel's Liu cell claims model the slope)
    (tmp_path / "c").mkdir()
    assert main(["liu", path, "--certificate", str(tmp_path / "c")]) == 0
    from exactrelu import kernel

    verdicts = {p.stem: kernel.check_file(str(p))[0][-1].statement for p in (tmp_path / "c").glob("*.json")}
    assert sorted(verdicts) == ["cell-00", "cell-01", "cell-10", "cell-11"]
    assert "holds a genuine" in verdicts["cell-01"] and "holds no" in verdicts["cell-11"]
    assert main(["liu", path, "--plot", str(tmp_path / "p.png")]) == 2
    assert "network.activation" in capsys.readouterr().err and not (tmp_path / "p.png").exists()


def test_table_fullrank_with_leaky_units_against_sympy(capsys):
    from exactrelu.kmtm.figures import grid_instance

    assert main(["table", "fullrank", "--n", "3", "--d0", "1", "--d1", "1,2", "--format", "csv",
                 "--activation", "leaky:1/2"]) == 0
    got = {line.split(",")[2]: line.split(",")[3] for line in capsys.readouterr().out.splitlines()[1:]}
    # the second route: every d1-tuple of the grid instance's rows, the stacked leaky blocks' rank by sympy
    base = grid_instance(3, 1, 1, 0)
    rows = unit_rows(base)
    half = sympy.Rational(1, 2)
    for d1 in (1, 2):
        full = 0
        for t in itertools.product(rows, repeat=d1):
            m = sympy.Matrix([[(1 if a[j] else half) * sympy.Rational(str(x[k])) for j, x in enumerate(base.points)]
                              for a in t for k in range(base.d)])
            full += m.rank() == 3
        assert F(got[str(d1)]) == F(full, len(rows) ** d1)
    assert got["1"] == "0"  # d = 2 < n = 3: one block never has rank 3
    assert main(["table", "fullrank", "--n", "2", "--activation", "leaky:2", "--d1", "1"]) == 2
    assert "--activation" in capsys.readouterr().err


def test_leaky_tables_and_theorems_are_certified(tmp_path, capsys):
    """Every full-rank fraction printed for leaky units has a fullrank-count certificate the kernel accepts, and
    its count is the one printed (the kernel recomputes the Jacobian blocks with the slope)."""
    from exactrelu import kernel

    out = tmp_path / "t"
    out.mkdir()
    assert main(["table", "fullrank", "--n", "2,3", "--d0", "1", "--d1", "1,2", "--activation", "leaky:1/2",
                 "--certificate", str(out)]) == 0
    index = json.loads((out / "index.json").read_text())
    for row in index["rows"]:
        checked, _ = kernel.check_file(str(out / row["file"]))
        assert checked[-1].kind == "fullrank-count" and "leaky ReLU (α = 1/2)" in checked[-1].statement
    doc = {"data": {"points": [[0], [1], [3]], "targets": [1, 1, 1], "bias": True},
           "network": {"hidden": [2], "output": [1, 1], "activation": "leaky:1/3"}}
    cert = tmp_path / "c.json"
    assert main(["theorem", "7", _write(tmp_path, "i", doc), "--certificate", str(cert)]) == 0
    assert kernel.check_file(str(cert))[0][-1].kind == "fullrank-count"
