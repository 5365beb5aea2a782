"""The instance loader: valid files, and one clear line for every kind of bad input."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
from conftest import run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from exactrelu.core.instance import InstanceError, instance_to_mapping, load_instance

GOOD = """
name = "t"
[data]
points  = [[1, "1/2"], ["0.25", -3]]
targets = [1, -1]
bias    = true
[network]
hidden     = [2]
output     = ["1", "-1/2"]
activation = "leaky:1/10"
loss       = "hinge"
"""


def write(tmp_path, text, name="inst.toml"):
    p = tmp_path / name
    p.write_text(text)
    return p


def test_good_instance(tmp_path):
    inst = load_instance(write(tmp_path, GOOD))
    assert inst.points == ((1, Fraction(1, 2), 1), (Fraction(1, 4), -3, 1))
    assert inst.d == 3 and inst.output == (1, Fraction(-1, 2)) and inst.alpha == Fraction(1, 10)
    assert inst.hinge_weights == (Fraction(1, 2),) * 2


def test_json_round_trip(tmp_path):
    inst = load_instance(write(tmp_path, GOOD))
    again = load_instance(write(tmp_path, json.dumps(instance_to_mapping(inst)), "inst.json"))
    assert again == inst


BAD = [
    ("points = [[1, 0.1]]", "data.points[0][1]", '"1/10"'),
    ("points = [[1, 0], [1]]", "data.points[1]", "ragged"),
    ("points = []", "data.points", "empty data"),
    ('points = [[1, "x"]]', "data.points[0][1]", "rational"),
    ('points = [[1, "1/0"]]', "data.points[0][1]", "zero denominator"),
]


@pytest.mark.parametrize("points,key,expect", BAD)
def test_bad_points(tmp_path, points, key, expect):
    text = GOOD.replace('points  = [[1, "1/2"], ["0.25", -3]]', points).replace("targets = [1, -1]", "targets = [1]")
    with pytest.raises(InstanceError) as err:
        load_instance(write(tmp_path, text))
    assert err.value.key == key and expect in str(err.value)


@pytest.mark.parametrize("old,new,key,expect", [
    ("targets = [1, -1]", "targets = [1]", "data.targets", "expected 2 targets"),
    ("targets = [1, -1]", "targets = [1, 2]", "data.targets[1]", "hinge loss needs targets"),
    ('activation = "leaky:1/10"', 'activation = "tanh"', "network.activation", "leaky"),
    ('activation = "leaky:1/10"', 'activation = "leaky:2"', "network.activation", "0 < p/q < 1"),
    ('output     = ["1", "-1/2"]', 'output     = ["1", "0"]', "network.output[1]", "nonzero"),
    ('output     = ["1", "-1/2"]', 'output     = ["1"]', "network.output", "expected 2"),
    ("hidden     = [2]", "hidden     = [0]", "network.hidden", "positive integers"),
    ('loss       = "hinge"', 'loss       = "l1"', "network.loss", "squared"),
    ("bias    = true", 'bias    = "yes"', "data.bias", "true or false"),
    ("bias    = true", "bias    = true\nextra = 1", "data.extra", "unknown key"),
])
def test_bad_keys(tmp_path, old, new, key, expect):
    with pytest.raises(InstanceError) as err:
        load_instance(write(tmp_path, GOOD.replace(old, new)))
    assert err.value.key == key and expect in str(err.value)
    assert str(tmp_path) in str(err.value)


def test_json_float_rejected_with_exact_string(tmp_path):
    doc = {"data": {"points": [[1, 0.25]], "targets": [1]}, "network": {"hidden": [1]}}
    with pytest.raises(InstanceError) as err:
        load_instance(write(tmp_path, json.dumps(doc), "i.json"))
    assert '"1/4"' in str(err.value)


def test_missing_file():
    with pytest.raises(InstanceError, match="file not found"):
        load_instance("/nonexistent/x.toml")


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_fuzz_never_tracebacks(tmp_path_factory, text):
    p = tmp_path_factory.mktemp("fuzz") / "f.toml"
    p.write_text(text)
    try:
        load_instance(p)
    except InstanceError:
        pass


@settings(max_examples=60, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
                    lambda c: st.lists(c, max_size=3) | st.dictionaries(
                        st.sampled_from(["data", "network", "points", "targets", "hidden", "bias", "output",
                                         "activation", "loss", "weights", "name"]), c, max_size=4),
                    max_leaves=12))
def test_fuzz_structures_never_traceback(tmp_path_factory, doc):
    p = tmp_path_factory.mktemp("fuzz") / "f.json"
    p.write_text(json.dumps(doc))
    try:
        load_instance(p)
    except InstanceError:
        pass


@pytest.mark.parametrize("text,key", [
    ("[data]\npoints = [[1, 0.5]]\ntargets = [1]\n[network]\nhidden = [1]\n", "data.points[0][1]"),
    ("[data]\npoints = [[1, 0]]\ntargets = [1, 2]\n[network]\nhidden = [1]\n", "data.targets"),
    ("not toml ===", "<file>"),
])
def test_cli_bad_input_exit_2_one_line(tmp_path, text, key):
    p = write(tmp_path, text)
    out = run_cli("regions", str(p), "--certificate", str(tmp_path / "c.json"))
    assert out.returncode == 2
    assert "Traceback" not in out.stderr and len(out.stderr.strip().splitlines()) == 1
    assert str(p) in out.stderr and key in out.stderr
    assert not (tmp_path / "c.json").exists()
