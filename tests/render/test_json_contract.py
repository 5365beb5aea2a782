"""The one JSON contract (docs/json.md): every command's ``--json`` output validates against its schema in
exactrelu/schemas/ and keeps the shared vocabulary; the producer's fingerprint is the kernel's."""

from __future__ import annotations

import json
import sys
from fractions import Fraction
from importlib import resources
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource

sys.path.insert(0, str(Path(__file__).parent))
from json_contract_cases import CASES, E, sweep_cases  # noqa: E402

from exactrelu.catalogue import catalogue_instance, catalogue_names  # noqa: E402
from exactrelu.certify.certificates import instance_to_mapping  # noqa: E402
from exactrelu.cli.main import main  # noqa: E402
from exactrelu.core.fingerprint import fingerprint  # noqa: E402
from exactrelu.core.instance import Instance, load_instance  # noqa: E402
from exactrelu.kernel.front import fingerprint as kernel_fingerprint  # noqa: E402
from exactrelu.render.jsoncontract import normalize, snake, violations  # noqa: E402

SCHEMAS = resources.files("exactrelu") / "schemas"


def _schemas() -> dict[str, dict]:
    return {p.name.removesuffix(".json"): json.loads(p.read_text(encoding="utf-8"))
            for p in SCHEMAS.iterdir() if p.name.endswith(".json")}


def _validator(name: str) -> Draft202012Validator:
    docs = _schemas()
    registry = Registry().with_resources(
        (f"https://exactrelu.invalid/schemas/{k}.json", Resource.from_contents(v)) for k, v in docs.items())
    Draft202012Validator.check_schema(docs[name])
    return Draft202012Validator(docs[name], registry=registry)


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> dict:
    capsys.readouterr()
    assert main([*argv, "--json"]) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


def _check(schema: str, doc: dict) -> None:
    assert doc["command"] == schema
    assert violations(doc) == []
    _validator(schema).validate(doc)


@pytest.mark.parametrize("schema, variant, argv", CASES, ids=[" ".join(c[2][:2]) + f"-{i}" for i, c in
                                                               enumerate(CASES)])
def test_json_output_validates(schema: str, variant: str, argv: list[str], capsys) -> None:
    doc = _run(argv, capsys)
    _check(schema, doc)
    if "instance" in doc:  # the document names its instance by the kernel's fingerprint
        src = argv[2] if argv[0] == "theorem" else argv[1]
        inst = catalogue_instance(src[1:]) if src.startswith("@") else load_instance(src)
        assert doc["instance"] == {"name": inst.name, "fingerprint": fingerprint(inst)}


def test_sweep_and_report_json_validate(tmp_path: Path, capsys) -> None:
    for schema, _, argv in sweep_cases(tmp_path):
        _check(schema, _run(argv, capsys))


def test_every_schema_is_used_and_every_command_has_one() -> None:
    used = {c[0] for c in CASES} | {c[0] for c in sweep_cases(Path("."))}
    assert set(_schemas()) == used | {"common"}


def test_known_offenders_are_fixed(capsys) -> None:
    """The shapes issue 13 names, worked out by hand on examples/jacobian/line3.toml (n = 3, d1 = 4)."""
    line3 = str(E / "jacobian" / "line3.toml")
    t7 = _run(["theorem", "7", line3], capsys)
    # ε_T = n·e^(−d1/(2n)) = 3·e^(−4/6)
    assert t7["numbers"]["epsilon_t"] == {"factor": "3", "exponent": "-2/3"}
    assert t7["verdict"] == "vacuous"
    t5 = _run(["theorem", "5", line3], capsys)
    assert t5["numbers"]["d_ge_n"] is False and t5["hypotheses"]["d_ge_n"] is False  # d = 2 < n = 3
    assert Fraction(t5["numbers"]["fraction_full_rank"]) == Fraction(int(t5["numbers"]["full_rank_count"]),
                                                                     int(t5["numbers"]["nonempty_regions"]))
    t13 = _run(["theorem", "13", line3], capsys)
    assert all(len(row) == 3 for row in t13["numbers"]["polyline_vertices"])  # one value per data point
    t11 = _run(["theorem", "11", line3], capsys)
    assert isinstance(t11["numbers"]["unit_areas"], dict)
    t10 = _run(["theorem", "10", line3], capsys)
    assert "fraction_refuted_witness_rank_lt_n" in t10["numbers"]
    jac = _run(["jacobian", line3, "--pattern", "110,011,111,001"], capsys)
    assert jac["full_rank"] is True and jac["rank"] == jac["n"] == "3"
    # fig1-fan: the empty pattern 101 carries its Motzkin proof
    pat = _run(["regions", "@fig1-fan", "--pattern", "101"], capsys)
    assert pat["nonempty"] is False and pat["multipliers"] and pat["weights"] is None
    lvb = _run(["lvb", str(E / "lvb" / "fig4.toml"), "--point", str(E / "lvb" / "fig4_sharp_point.toml")], capsys)
    assert lvb["hessian"] is None and lvb["type"] in ("I", "II", "undecided")  # a boundary point: no Hessian
    pen = _run(["penalty", str(E / "lvb" / "multiclass.toml"), "--point", str(E / "lvb" / "multiclass_unequal.toml"),
                "--gamma", "1/2"], capsys)
    assert pen["critical"] is False  # as its certificate says (tests/lvb/test_penalty.py: not critical)


def test_table_index_uses_the_vocabulary(tmp_path: Path, capsys) -> None:
    assert main(["table", "globalmin", "--n", "2", "--d1", "1", "--certificate", str(tmp_path)]) == 0
    index = json.loads((tmp_path / "index.json").read_text())
    assert violations(index) == [] and index["rows"][0]["d_plus"] == "1"


def _kernel_fingerprint(inst: Instance) -> str:
    fp = kernel_fingerprint({"instance": instance_to_mapping(inst)})
    assert fp is not None
    return fp


@pytest.mark.parametrize("name", catalogue_names())
def test_fingerprint_agrees_with_the_kernel_catalogue(name: str) -> None:
    inst = catalogue_instance(name)
    assert fingerprint(inst) == _kernel_fingerprint(inst)


@pytest.mark.parametrize("path", sorted(p for p in E.glob("*/*.toml") if p.parent.name != "grids"
                                        and "point" not in p.name and "unequal" not in p.name),
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_fingerprint_agrees_with_the_kernel_examples(path: Path) -> None:
    inst = load_instance(path)
    assert fingerprint(inst) == _kernel_fingerprint(inst)


def test_fingerprint_ignores_the_name_and_sees_the_data() -> None:
    from dataclasses import replace

    inst = catalogue_instance("fig1-fan")
    assert fingerprint(replace(inst, name="other")) == fingerprint(inst)
    assert fingerprint(replace(inst, targets=tuple(t + 1 for t in inst.targets))) != fingerprint(inst)


def test_vocabulary_helpers() -> None:
    assert normalize({"d>=n": "False", "x": Fraction(6, 4), "k": 3, "f": "3/8 ≈ 0.375000",
                      "n": "True (2 exact LPs)"}) == {"d_ge_n": False, "x": "3/2", "k": "3", "f": "3/8", "n": True,
                                                      "n_note": "2 exact LPs"}
    assert snake("fraction_proved_good(empty)") == "fraction_proved_good_empty"
    bad = {"a b": 1, "c": "True", "d": "1/2 ≈ 0.5", "verdict": "maybe"}
    assert len(violations(bad)) == 5
    with pytest.raises(TypeError):
        normalize(0.5)
    with pytest.raises(ValidationError):
        _validator("penalty").validate({"command": "penalty"})
