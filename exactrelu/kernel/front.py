"""The kernel's command-line front end: read certificate files, print one line per file with the instance's
SHA-256, set the exit status.

Not part of the trusted parser, primitives and semantics (it only reports what :func:`check_text` decides):
``ok`` with the claim in one line as the kernel re-derived it and the SHA-256 of the canonical instance, or
``FAILED`` with the layer, the JSON path, the check and the expected vs found value.
"""

from __future__ import annotations

import hashlib
import json
import sys
from typing import Any

from . import Checked, check_text
from .model import Instance, read_instance
from .parse import MAX_BYTES, Reject, fmt, printable


def canonical(inst: Instance) -> dict[str, Any]:
    """The instance with every field explicit, rationals in lowest terms: what its fingerprint hashes."""
    act = "leaky:" + fmt(inst.alpha) if inst.alpha else "relu"
    return {"data": {"points": [[fmt(c) for c in p] for p in inst.raw], "targets": [fmt(t) for t in inst.targets],
                     "bias": inst.bias, "weights": [fmt(w) for w in inst.weights], "onehot": inst.onehot},
            "network": {"hidden": inst.hidden, "activation": act, "loss": inst.loss,
                        "output": "trainable" if inst.output is None else [fmt(v) for v in inst.output]}}


def fingerprint(doc: Any) -> str | None:
    """SHA-256 of the canonical instance of an accepted certificate (names are labels, not part of it)."""
    if not (isinstance(doc, dict) and "instance" in doc):
        return None
    text = json.dumps(canonical(read_instance(doc["instance"])), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def check_file(path: str) -> tuple[list[Checked], str | None]:
    try:
        with open(path, encoding="utf-8") as fh:
            text = fh.read(MAX_BYTES + 1)  # never more than the parser accepts, whatever the file's size
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise Reject("parse", path, f"cannot read the file: {exc}") from None
    return check_text(text)


def main(argv: list[str] | None = None) -> int:
    """``python -m exactrelu.kernel FILE...``: 0 if every certificate checks, 1 otherwise."""
    files = sys.argv[1:] if argv is None else argv
    if not files:
        print("usage: python -m exactrelu.kernel CERTIFICATE.json...", file=sys.stderr)
        return 2
    bad = 0
    for f in files:
        try:
            checked, sha = check_file(f)
            print(f"ok      {f}  {checked[-1].kind}: {printable(checked[-1].statement)}  ({len(checked)} claim(s) "
                  f"checked; instance sha256:{sha or 'none'})")
        except Reject as exc:
            bad += 1
            print(f"FAILED  {f}: {exc}")
    return 1 if bad else 0
