"""The stdlib checker kernel: accepts the producer's certificates, rejects every corruption."""

from __future__ import annotations

import ast
import copy
import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest
from conftest import brute_force_topes, run_cli

from exactrelu import kernel
from exactrelu.catalogue import catalogue_instance
from exactrelu.certificates import write_json
from exactrelu.regions import decide_cone, decide_pattern, region_count_certificate
from exactrelu.topes import sign_vector

KERNEL_DIR = Path(kernel.__file__).parent


def test_kernel_imports_only_the_standard_library():
    allowed = set(sys.stdlib_module_names) | {"__future__"}
    for path in KERNEL_DIR.glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:  # relative: must stay inside the kernel package
                    assert node.level == 1, f"{path.name} imports outside the kernel"
                    continue
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert name.split(".")[0] in allowed, f"{path.name} imports {name}"


def test_kernel_loads_no_heavy_module():
    code = ("import sys, exactrelu.kernel; heavy = {'flint', 'cdd', 'sympy', 'networkx', 'numpy', 'rich'}; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def leaves(obj, path=()):
    """Every (path, value) of strings and integers in a JSON tree."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from leaves(v, (*path, k))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from leaves(v, (*path, i))
    elif isinstance(obj, (str, int)) and not isinstance(obj, bool):
        yield path, obj


def mutated(doc, path, value):
    new = copy.deepcopy(doc)
    target = new
    for k in path[:-1]:
        target = target[k]
    target[path[-1]] = value
    return new


def corruptions(value):
    if isinstance(value, int):
        return [value + 1]
    if set(value) <= set("+-0") and value:
        flip = {"+": "-", "-": "+", "0": "+"}
        return [flip[value[0]] + value[1:]]
    try:
        q = Fraction(value)
    except ValueError:
        return []
    nxt = q + 1
    return [str(nxt.numerator) if nxt.denominator == 1 else f"{nxt.numerator}/{nxt.denominator}"]


def still_true(doc, path) -> bool:
    """An accepted corruption must still be a true certificate: only a witness may move and stay inside."""
    pts = [[Fraction(c) for c in p] for p in doc["instance"]["data"]["points"]]
    if doc["instance"]["data"].get("bias"):
        pts = [p + [Fraction(1)] for p in pts]
    if "point" in path:  # a tope witness that moved but stayed in its open cone
        entry = doc
        for k in path[:-2]:
            entry = entry[k]
        signs = tuple({"+": 1, "-": -1, "0": 0}[c] for c in entry["signs"])
        return sign_vector([Fraction(x) for x in entry["point"]], pts) == signs
    if "weights" in path:
        row = doc["evidence"]["weights"][path[2]]
        pattern = doc["claim"]["pattern"][path[2]]
        return sign_vector([Fraction(x) for x in row], pts) == tuple(2 * int(c) - 1 for c in pattern)
    return False


CERTS = {
    "count-parallel": lambda: region_count_certificate(catalogue_instance("parallel")),
    "count-zero": lambda: region_count_certificate(catalogue_instance("zero-point")),
    "count-1d": lambda: region_count_certificate(catalogue_instance("oned-bias")),
    "nonempty": lambda: decide_pattern(catalogue_instance("fig2-zonotope"), [[1, 1, 0], [0, 1, 1]]).certificate(),
    "empty": lambda: decide_pattern(catalogue_instance("fig2-zonotope"), [[1, 0, 1], [0, 1, 1]]).certificate(),
    "face": lambda: decide_cone(catalogue_instance("fig1-fan"), (1, 0, -1)).certificate(),
    "no-face": lambda: decide_cone(catalogue_instance("fig1-fan"), (1, 0, 1)).certificate(),
}


@pytest.mark.parametrize("name", sorted(CERTS))
def test_every_corruption_of_claim_or_evidence_is_rejected(name):
    doc = CERTS[name]()
    kernel.check_document(doc)
    tried = 0
    for path, value in leaves({"claim": doc["claim"], "evidence": doc["evidence"]}):
        for bad in corruptions(value):
            tried += 1
            corrupt = mutated(doc, path, bad)
            try:
                kernel.check_document(corrupt)
            except kernel.CheckFailure:
                continue
            assert still_true(corrupt, path), f"kernel accepted a false certificate: {path} -> {bad}"
    assert tried >= 3


@pytest.mark.parametrize("name", ["count-parallel", "count-1d"])
def test_corrupted_instance_is_rejected_or_still_true(name):
    doc = CERTS[name]()
    for path, value in leaves({"instance": doc["instance"]["data"]["points"]}):
        corrupt = copy.deepcopy(doc)
        bad = corruptions(value)[0]
        corrupt["instance"]["data"]["points"][path[1]][path[2]] = bad
        try:
            kernel.check_document(corrupt)
        except kernel.CheckFailure:
            continue
        pts = [[Fraction(c) for c in p] + ([Fraction(1)] if corrupt["instance"]["data"]["bias"] else [])
               for p in corrupt["instance"]["data"]["points"]]
        assert len(brute_force_topes(pts)) == corrupt["evidence"]["steps"][0]["claim"]["count"]


def test_dropping_a_tope_is_rejected():
    doc = CERTS["count-1d"]()
    doc["evidence"]["steps"][0]["evidence"]["topes"].pop()
    doc["evidence"]["steps"][0]["claim"]["count"] -= 1
    doc["claim"]["count"] = str(doc["evidence"]["steps"][0]["claim"]["count"] ** 2)
    with pytest.raises(kernel.CheckFailure, match="not closed under crossing a wall"):
        kernel.check_document(doc)


@pytest.mark.parametrize("edit,kind,what", [
    (lambda d: d.update(version="2.0"), "version", "unsupported major version"),
    (lambda d: d.update(format="other"), "schema", "not an exactrelu-certificate"),
    (lambda d: d["claim"].update(kind="nonsense"), "schema", "unknown claim kind"),
    (lambda d: d["evidence"]["multipliers"].__setitem__(0, "2/4"), "schema", "lowest terms"),
    (lambda d: d["evidence"]["multipliers"].__setitem__(0, 1), "schema", "JSON strings"),
])
def test_schema_and_version_failures(edit, kind, what):
    doc = CERTS["empty"]()
    edit(doc)
    with pytest.raises(kernel.CheckFailure) as err:
        kernel.check_document(doc)
    assert err.value.kind == kind and what in str(err.value)


def test_steps_must_be_earlier():
    doc = CERTS["count-parallel"]()
    doc["evidence"]["topes"] = "later"
    with pytest.raises(kernel.CheckFailure, match="not earlier"):
        kernel.check_document(doc)


def test_float_number_in_file_is_a_parse_error(tmp_path):
    p = tmp_path / "c.json"
    p.write_text(json.dumps(CERTS["empty"]()).replace('"multipliers": ["', '"multipliers": [0.5, "', 1))
    with pytest.raises(kernel.CheckFailure) as err:
        kernel.check_file(str(p))
    assert err.value.kind == "parse"


def test_cli_check_exit_codes(tmp_path):
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    doc = CERTS["count-parallel"]()
    write_json(good, doc)
    doc["claim"]["count"] = "37"
    write_json(bad, doc)
    ok = run_cli("check", str(good))
    assert ok.returncode == 0 and "ok" in ok.stdout
    fail = run_cli("check", str(good), str(bad))
    assert fail.returncode == 1
    assert "region count is not (number of topes)^d1" in fail.stdout and "claim.count" in fail.stdout
    assert "expected '36', found '37'" in fail.stdout
