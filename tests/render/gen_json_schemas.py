"""Draft exactrelu/schemas/*.json from the representative runs of tests/render/json_contract_cases.py.

``python tests/render/gen_json_schemas.py`` (PYTHONPATH = the checkout) runs every case, infers one JSON Schema per
(command, variant) from the outputs — rationals and counts as ``$ref`` to common.json, the instance reference
and the verdict likewise, keys present in every run required, a key seen only as ``null`` left open — and
writes ``exactrelu/schemas/COMMAND.json`` (``anyOf`` its variants).  Review the diff: the schemas are the
contract, this script only saves typing them.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from json_contract_cases import CASES, ROOT, sweep_cases  # noqa: E402

from exactrelu.cli.main import main  # noqa: E402

COUNT, RATIONAL = re.compile(r"^(0|[1-9]\d*)$"), re.compile(r"^-?(0|[1-9]\d*)(/[1-9]\d*)?$")
# 0/1 rows and sign strings that may look like numbers in a small sample ("110"): strings, never counts
WORDS = {"row", "rows", "pattern", "signs", "signature", "z_signs", "w_faces", "cell", "genuine_signs", "theorem",
         "unit_areas"}
COMMON = "common.json#/$defs/"
# rationals that happen to be integers in the sample runs ("1"): rationals, never counts
RATIONALS = {"phi", "global_minimum", "gamma", "t", "probability_full_rank", "fraction_full_rank", "fraction_bad",
             "fraction_good", "fullrank_volume", "exponent"}
# objects keyed by 0/1 activation row ("000": "1/2"): any rows, each a rational
ROW_MAPS = {"unit_areas", "row_probabilities"}


def run(argv: list[str]) -> dict[str, Any]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main([*argv, "--json"])
    if code:
        raise SystemExit(f"{argv}: exit {code}")
    return json.loads(out.getvalue())


def infer(values: list[Any], key: str = "") -> dict[str, Any]:
    if key == "instance" and all(isinstance(v, dict) for v in values):
        return {"$ref": COMMON + "instance"}
    if key == "verdict" and all(isinstance(v, str) for v in values):
        return {"$ref": COMMON + "verdict"}
    if key == "command":
        return {"const": values[0]}
    if key in ROW_MAPS and all(isinstance(v, dict) for v in values):
        return {"type": "object", "propertyNames": {"pattern": "^[01]+$"},
                "additionalProperties": {"$ref": COMMON + "rational"}}
    if key in RATIONALS and all(isinstance(v, str) and RATIONAL.match(v) for v in values):
        return {"$ref": COMMON + "rational"}
    kinds = {type(v).__name__ for v in values}
    nullable = "NoneType" in kinds
    vals = [v for v in values if v is not None]
    kinds.discard("NoneType")
    if not kinds:
        return {}
    if len(kinds) > 1:
        return {}
    kind = kinds.pop()
    if kind == "str":
        if key in WORDS:
            s: dict[str, Any] = {"type": "string"}
        elif all(COUNT.match(v) for v in vals):
            s = {"$ref": COMMON + "count"}
        elif all(RATIONAL.match(v) for v in vals):
            s = {"$ref": COMMON + "rational"}
        else:
            s = {"type": "string"}
    elif kind == "bool":
        s = {"type": "boolean"}
    elif kind == "list":
        items = [x for v in vals for x in v]
        s = {"type": "array"}
        if items:
            s["items"] = infer(items, key)
    elif kind == "dict":
        keys = list(dict.fromkeys(k for v in vals for k in v))
        s = {"type": "object", "properties": {k: infer([v[k] for v in vals if k in v], k) for k in keys},
             "required": [k for k in keys if all(k in v for v in vals)]}
    else:
        raise TypeError(kind)
    return {"anyOf": [s, {"type": "null"}]} if nullable else s


def main_() -> None:
    groups: dict[str, dict[str, list[Any]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for schema, variant, argv in [*CASES, *sweep_cases(Path(tmp))]:
            groups.setdefault(schema, {}).setdefault(variant, []).append(run(argv))
    out = ROOT / "exactrelu" / "schemas"
    for schema, variants in groups.items():
        docs = [infer(v) for v in variants.values()]
        for d in docs:
            d["additionalProperties"] = False  # the top level of each variant is closed: a new key is a change
        body = docs[0] if len(docs) == 1 else {"anyOf": docs}
        doc = {"$schema": "https://json-schema.org/draft/2020-12/schema",
               "$id": f"https://exactrelu.invalid/schemas/{schema}.json",
               "title": f"exactrelu {schema.replace('_', ' --')} --json", **body}
        (out / f"{schema}.json").write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
        print(f"{schema}.json: {len(variants)} variant(s)")


if __name__ == "__main__":
    main_()
