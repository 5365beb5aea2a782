"""The kernel (format 2), generic layer: strict parsing, the envelope, one-line statements and SHA-256, the
work bound, and region certificates that survive no corruption unless what they then prove is still true.

Truth is decided here independently of the kernel, by exactrelu's LP route (cdd, one exact LP per cone) and by
hand-written checks of the instance (:func:`truth`).
"""

from __future__ import annotations

import copy
import hashlib
import json
import random
import re
from fractions import Fraction
from typing import Any

import pytest
from conftest import brute_force_topes, configurations, mutated, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exactrelu import kernel
from exactrelu.arrangements.regions import decide_cone, decide_pattern
from exactrelu.catalogue import catalogue_instance
from exactrelu.certify.certificates import hypothesis_certificate, write_json
from exactrelu.certify.regions import cone_certificate, pattern_certificate, region_count_certificate
from exactrelu.core.feasibility import LinearSystem, decide
from exactrelu.core.instance import instance_from_mapping
from exactrelu.core.linalg import rank
from exactrelu.sweeps.statements import dependent_set_certificate

Doc = dict[str, Any]


# ---------------------------------------------------------------- independent truth of a claim
def _points(doc: Doc) -> list[list[Fraction]]:
    inst = instance_from_mapping(doc["instance"])
    return [list(p) for p in inst.points]


def _cone(points: list[list[Fraction]], signs: list[int]) -> bool:
    return decide(LinearSystem.open_cone(points, signs)).feasible


def truth(doc: Doc, claim: Doc) -> bool:
    """Is ``claim`` true of the certificate's instance?  Exact LPs (cdd) and direct checks, no kernel code."""
    data, net = doc["instance"]["data"], doc["instance"]["network"]
    pts, kind = _points(doc), claim.get("kind")
    n, d = len(pts), len(pts[0])
    try:
        if kind in ("cone-nonempty", "cone-empty"):
            signs = [{"+": 1, "-": -1, "0": 0}[c] for c in claim["signs"]]
            return len(signs) == n and any(signs) and _cone(pts, signs) == (kind == "cone-nonempty")
        if kind in ("region-nonempty", "region-empty"):
            rows = [[2 * int(c) - 1 for c in r] for r in claim["pattern"]]
            if len(rows) != net["hidden"][0] or any(len(r) != n or set(r) - {1, -1} for r in rows):
                return False
            return all(_cone(pts, r) for r in rows) == (kind == "region-nonempty")
        if kind == "topes-complete":
            return claim["count"] == str(len(brute_force_topes(pts)))
        if kind == "region-count":
            zero = any(not any(p) for p in pts)
            return claim["count"] == str(0 if zero else len(brute_force_topes(pts)) ** net["hidden"][0])
        if kind == "dependent-set":
            js = claim["points"]
            return 1 <= len(js) <= d and len(set(js)) == len(js) and all(0 <= j < n for j in js) and \
                rank([pts[j] for j in js]) < len(js)
        if kind == "hypothesis-not-met":
            raw = [[Fraction(c) for c in p] for p in data["points"]]
            return {"distinct-points": len({tuple(p) for p in raw}) < n,
                    "no-zero-point": any(not any(p) for p in pts),
                    "no-parallel-points": rank_two_parallel(pts),
                    "one-dimensional": len(raw[0]) != 1,
                    "bias": not data.get("bias", False),
                    "one-hidden-layer": len(net["hidden"]) != 1,
                    "trainable-output": net.get("output", "trainable") != "trainable",
                    "fixed-nonzero-output": net.get("output", "trainable") == "trainable",
                    "squared-loss": net.get("loss", "squared") != "squared",
                    "hinge-loss": net.get("loss", "squared") != "hinge",
                    "relu": net.get("activation", "relu") != "relu",
                    "binary-targets": "onehot" in data,
                    "hidden": net["hidden"] != claim.get("widths")}[claim["hypothesis"]]
    except (KeyError, ValueError, TypeError, IndexError):
        return False
    return False


def rank_two_parallel(pts: list[list[Fraction]]) -> bool:
    nonzero = [p for p in pts if any(p)]
    return any(rank([p, q]) == 1 for i, p in enumerate(nonzero) for q in nonzero[i + 1:])


def all_true(doc: Doc) -> bool:
    return all(truth(doc, s["claim"]) for s in doc.get("steps", [])) and truth(doc, doc["claim"])


# ---------------------------------------------------------------- real certificates
def _inst(points, bias=False, hidden=(1,), **net):
    return instance_from_mapping({"data": {"points": points, "targets": [1] * len(points), "bias": bias},
                                  "network": {"hidden": list(hidden), **net}})


CERTS = {
    "count-parallel": lambda: region_count_certificate(catalogue_instance("parallel")),
    "count-zero": lambda: region_count_certificate(catalogue_instance("zero-point")),
    "count-1d": lambda: region_count_certificate(catalogue_instance("oned-bias")),
    "count-points-1-2": lambda: region_count_certificate(_inst([[1], [2]])),
    "nonempty": lambda: pattern_certificate(decide_pattern(catalogue_instance("fig2-zonotope"),
                                                           [[1, 1, 0], [0, 1, 1]])),
    "empty": lambda: pattern_certificate(decide_pattern(catalogue_instance("fig2-zonotope"),
                                                        [[1, 0, 1], [0, 1, 1]])),
    "face": lambda: cone_certificate(decide_cone(catalogue_instance("fig1-fan"), (1, 0, -1))),
    "no-face": lambda: cone_certificate(decide_cone(catalogue_instance("fig1-fan"), (1, 0, 1))),
    "dependent": lambda: dependent_set_certificate(_inst([[1, 0], [2, 0], [0, 1]]), (0, 1)),
    "parallel-points": lambda: hypothesis_certificate(_inst([[1, 0], [-2, 0], [0, 1]]), "no-parallel-points"),
    "equal-points": lambda: hypothesis_certificate(_inst([[0], [0], [1]], bias=True), "distinct-points"),
    "widths": lambda: hypothesis_certificate(_inst([[1], [2]], bias=True, hidden=(3,)), "hidden", widths=[2]),
}


def test_the_examples_are_true_and_accepted() -> None:
    for name, make in CERTS.items():
        doc = make()
        assert all_true(doc), name
        checked = kernel.check_document(doc)
        assert checked[-1].kind == doc["claim"]["kind"], name


def test_points_1_and_2_have_two_regions_not_one() -> None:
    """Issue 11, attack 1: [1] and [2] are one hyperplane, whose two sides are the two regions."""
    doc = CERTS["count-points-1-2"]()
    assert kernel.check_document(doc)[-1].statement.startswith("exactly 2 ")
    forged = copy.deepcopy(doc)
    forged["steps"][0]["claim"]["count"] = forged["claim"]["count"] = "1"
    forged["steps"][0]["evidence"]["topes"].pop()
    with pytest.raises(kernel.Reject, match="not closed"):
        kernel.check_document(forged)


def leaves(obj: Any, path: tuple = ()) -> list[tuple[tuple, Any]]:
    """Every (path, value) of strings and integers in a JSON tree."""
    if isinstance(obj, dict):
        return [x for k, v in obj.items() for x in leaves(v, (*path, k))]
    if isinstance(obj, list):
        return [x for i, v in enumerate(obj) for x in leaves(v, (*path, i))]
    return [(path, obj)] if isinstance(obj, (str, int)) and not isinstance(obj, bool) else []


def corruptions(value: Any) -> list[Any]:
    """Another number, another sign, another digit: every corruption of a leaf worth trying."""
    if isinstance(value, int):
        return [value + 1, value - 1]
    if value and set(value) <= set("+-0"):
        flip = {"+": "-", "-": "+", "0": "+"}
        return [flip[value[0]] + value[1:], value[:-1] + flip[value[-1]]]
    if value and set(value) <= set("01") and len(value) > 1:
        return [("1" if value[0] == "0" else "0") + value[1:]]
    try:
        q = Fraction(value)
    except (ValueError, ZeroDivisionError):
        return []
    out = []
    for r in (q + 1, -q, q * 2):
        out.append(str(r.numerator) if r.denominator == 1 else f"{r.numerator}/{r.denominator}")
    return [v for v in out if v != value]


@pytest.mark.parametrize("name", sorted(CERTS))
def test_every_corruption_is_rejected_unless_still_true(name: str) -> None:
    """Every number and sign of the claim, the evidence and the steps, changed: the kernel rejects, or the
    corrupted certificate proves only true claims (re-derived by LPs)."""
    doc = CERTS[name]()
    tried = 0
    for path, value in leaves({k: doc[k] for k in ("claim", "evidence", "steps") if k in doc}):
        for bad in corruptions(value):
            tried += 1
            corrupt = mutated(doc, path, bad)
            try:
                kernel.check_document(corrupt)
            except kernel.Reject:
                continue
            assert all_true(corrupt), f"kernel accepted a false certificate: {path} -> {bad!r}"
    assert tried >= 2


@pytest.mark.parametrize("name", ["count-parallel", "count-1d", "nonempty", "no-face"])
def test_corrupted_instance_is_rejected_or_still_true(name: str) -> None:
    doc = CERTS[name]()
    for path, value in leaves({"instance": doc["instance"]["data"]["points"]}):
        for bad in corruptions(value):
            corrupt = copy.deepcopy(doc)
            corrupt["instance"]["data"]["points"][path[1]][path[2]] = bad
            try:
                kernel.check_document(corrupt)
            except kernel.Reject:
                continue
            assert all_true(corrupt), f"accepted a false claim about a changed instance: {path} -> {bad}"


@st.composite
def instances(draw: st.DrawFn) -> Any:
    pts = draw(configurations(max_n=5, max_d=3, bound=2))
    bias = draw(st.booleans()) and len(pts[0]) <= 2
    return _inst([[str(c) for c in p] for p in pts], bias=bias, hidden=(draw(st.integers(1, 2)),))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(), st.integers(0, 2**32 - 1))
def test_random_certificates_and_mutations(inst: Any, seed: int) -> None:
    """Random small instances: every certificate the tool writes is true and accepted; after a random
    mutation (a leaf anywhere in claim, evidence or steps) the kernel accepts only true claims, and a
    mutated count is always rejected (it is false)."""
    rng = random.Random(seed)
    n = inst.n
    signs = tuple(rng.choice((1, -1, 0)) for _ in range(n))
    if not any(signs):
        signs = (1, *signs[1:])
    pattern = [[rng.randint(0, 1) for _ in range(n)] for _ in range(inst.d1)]
    for doc in (region_count_certificate(inst), cone_certificate(decide_cone(inst, signs)),
                pattern_certificate(decide_pattern(inst, pattern))):
        assert all_true(doc)
        kernel.check_document(doc)
        spots = leaves({k: doc[k] for k in ("claim", "evidence", "steps") if k in doc})
        for _ in range(4):
            path, value = rng.choice(spots)
            options = corruptions(value)
            if not options:
                continue
            corrupt = mutated(doc, path, rng.choice(options))
            try:
                kernel.check_document(corrupt)
            except kernel.Reject:
                continue
            assert path[-1] != "count", "a changed count was accepted"
            assert all_true(corrupt), f"kernel accepted a false certificate: {path}"


# ---------------------------------------------------------------- the parser
def _envelope(**over: Any) -> Doc:
    doc = CERTS["face"]()
    doc.update(over)
    return doc


GOOD = json.dumps(_envelope())
_ARABIC = _envelope()
_ARABIC["evidence"]["point"][0] = "-1١"  # ١ is ARABIC-INDIC DIGIT ONE: int() would read "-11"
ARABIC_STRING = json.dumps(_ARABIC, ensure_ascii=False)
ARABIC_NUMBER = ARABIC_STRING.replace('"-1١"', "-1١")


@pytest.mark.parametrize("text,needle", [
    ('{"a": 1, "a": 2}', "duplicate key 'a'"),
    (GOOD.replace('"claim": {', '"claim": {"kind": "cone-empty", ', 1), "duplicate key 'kind'"),
    (ARABIC_STRING, "malformed rational"),
    (ARABIC_NUMBER, "invalid JSON"),
    (GOOD.replace('"version": "2.0"', '"version": "01.0"', 1), "unsupported version"),
    (GOOD.replace('"version": "2.0"', '"version": "2.0.1"', 1), "unsupported version"),
    (GOOD.replace('"version": "2.0"', '"version": "1.x-junk"', 1), "format 1 is retired"),
    (GOOD.replace('"version": "2.0"', '"version": 2.0', 1), "not allowed"),
    ('{"n": ' + "7" * 5000 + "}", "more than 400 digits"),
    ("[" * 100_000 + "]" * 100_000, "nesting deeper"),
    ('{"format": NaN}', "not allowed"),
    ('{"format": Infinity}', "not allowed"),
    ('{"format": 1.5}', "not allowed"),
    ('{"format": 1e3}', "not allowed"),
    ("", "invalid JSON"),
    ("[]", "expected an object"),
    ('"just a string"', "expected an object"),
])
def test_parser_attacks_are_rejected(text: str, needle: str) -> None:
    with pytest.raises(kernel.Reject) as err:
        kernel.check_text(text)
    assert needle in str(err.value)


@pytest.mark.parametrize("depth", [32, 1000, 100_000])
def test_deep_nesting_is_refused(depth: int) -> None:
    with pytest.raises(kernel.Reject, match="nesting"):
        kernel.check_text('{"x": ' + "[" * depth + "]" * depth + "}")


def test_nesting_within_the_bound_is_parsed() -> None:
    with pytest.raises(kernel.Reject, match="not an exactrelu-certificate"):
        kernel.check_text('{"x": ' + "[" * 30 + "]" * 30 + "}")


@pytest.mark.parametrize("where", ["$", "claim", "evidence", "instance", "instance.data", "instance.network",
                                   "steps0", "steps0.evidence", "tope"])
def test_unknown_keys_are_rejected(where: str) -> None:
    doc = CERTS["count-parallel"]()
    target = {"$": doc, "claim": doc["claim"], "evidence": doc["evidence"], "instance": doc["instance"],
              "instance.data": doc["instance"]["data"], "instance.network": doc["instance"]["network"],
              "steps0": doc["steps"][0], "steps0.evidence": doc["steps"][0]["evidence"],
              "tope": doc["steps"][0]["evidence"]["topes"][0]}[where]
    target["surplus"] = "1"
    with pytest.raises(kernel.Reject) as err:
        kernel.check_document(doc)
    assert err.value.kind == "schema" and err.value.path.endswith(".surplus")


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_never_a_traceback(data: st.DataObject) -> None:
    """Any value anywhere in a real certificate, and any text: the kernel returns or raises Reject."""
    doc = copy.deepcopy(CERTS[data.draw(st.sampled_from(sorted(CERTS)))]())
    junk = st.recursive(st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.text(max_size=8),
                        lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=5), c, max_size=3),
                        max_leaves=6)
    spots = [p for p, _ in leaves(doc)] + [("claim",), ("evidence",)]
    path = data.draw(st.sampled_from(spots))
    corrupt = mutated(doc, path, data.draw(junk))
    try:
        kernel.check_text(json.dumps(corrupt))
    except kernel.Reject:
        pass
    with pytest.raises(kernel.Reject):
        kernel.check_text(data.draw(st.text(max_size=60)))


# ---------------------------------------------------------------- the command line and the envelope
def test_format_1_is_retired_with_exit_1(tmp_path) -> None:
    old = tmp_path / "old.json"
    old.write_text(json.dumps({"format": "exactrelu-certificate", "version": "1.1",
                               "claim": {"kind": "region-count", "count": "36"}, "evidence": {}}))
    out = run_cli("check", str(old))
    assert out.returncode == 1
    assert "format 1 is retired: regenerate it with exactrelu ≥ 0.2" in out.stdout
    assert "Traceback" not in out.stdout + out.stderr


def test_check_prints_the_claim_in_one_line_and_the_instance_sha256(tmp_path) -> None:
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    doc = CERTS["count-parallel"]()
    write_json(good, doc)
    doc["claim"]["count"] = "37"
    write_json(bad, doc)
    ok = run_cli("check", str(good))
    assert ok.returncode == 0, ok.stdout + ok.stderr
    line = ok.stdout.strip()
    assert "\n" not in line and line.startswith("ok")
    assert "region-count: exactly 36 non-empty activation regions S^A for d1 = 2 (6 topes per unit)" in line
    sha = re.search(r"instance sha256:([0-9a-f]{64})", line).group(1)
    # the fingerprint is of the instance's mathematics: a name is a label, a point is not
    renamed = copy.deepcopy(CERTS["count-parallel"]())
    renamed["instance"]["name"] = "another label"
    assert kernel.check_text(json.dumps(renamed))[1] == sha
    moved = mutated(renamed, ("instance", "data", "points", 4), ["1", "2"])
    assert kernel.fingerprint(moved) != sha
    assert sha == hashlib.sha256(json.dumps(kernel.canonical(kernel.read_instance(doc["instance"])), sort_keys=True,
                                            separators=(",", ":"), ensure_ascii=True).encode()).hexdigest()
    fail = run_cli("check", str(good), str(bad))
    assert fail.returncode == 1
    assert "the count is not T^d1" in fail.stdout and "claim.count" in fail.stdout
    assert "expected '6^2', found '37'" in fail.stdout


def test_bad_files_fail_cleanly(tmp_path) -> None:
    junk = tmp_path / "junk.json"
    junk.write_text("{not json")
    out = run_cli("check", str(junk))
    assert out.returncode == 1 and "Traceback" not in out.stdout + out.stderr
    assert out.stdout.count("FAILED") == 1 and "parse error" in out.stdout
    # a path that is no file is bad input (exit 2, one line), not a certificate that failed to check
    out = run_cli("check", str(junk), str(tmp_path / "missing.json"))
    assert out.returncode == 2 and "no such file" in out.stderr and "Traceback" not in out.stdout + out.stderr


# ---------------------------------------------------------------- the work bound
def test_work_is_paid_by_the_certificate_size(monkeypatch) -> None:
    """Real region certificates need no more work than WORK_PER_BYTE × their size (no free base)…"""
    monkeypatch.setattr(kernel, "WORK_BASE", 0)
    for name in ("count-parallel", "count-1d", "nonempty", "empty", "face"):
        kernel.check_document(CERTS[name]())
    # … and a tiny certificate asking for more is refused before the work is done
    ctx = kernel.Context(None, kernel.WORK_PER_BYTE * 1000)
    with pytest.raises(kernel.Reject) as err:
        ctx.spend(2**28)
    assert err.value.kind == "refused" and "work bound" in str(err.value)


def test_region_rules_spend_from_the_budget(monkeypatch) -> None:
    """Every region rule pays for its loops: with no budget its certificates are refused, not run."""
    monkeypatch.setattr(kernel, "WORK_BASE", 0)
    monkeypatch.setattr(kernel, "WORK_PER_BYTE", 0)
    for name in ("count-parallel", "nonempty", "empty", "face", "no-face"):
        with pytest.raises(kernel.Reject, match="work bound"):
            kernel.check_document(CERTS[name]())
