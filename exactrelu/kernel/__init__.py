"""The certificate kernel (format 2): re-verifies an exactrelu certificate from scratch.

It imports only the Python standard library and nothing else of exactrelu, and
nothing of exactrelu imports it but ``exactrelu check``: a bug shared by the
producer and the checker cannot make them agree on a false claim.  Three layers:

1. :mod:`.parse`: strict JSON and a schema reader (duplicate keys, non-ASCII
   digits, digit and nesting bounds, unknown keys: all rejected);
2. :mod:`.rules`: the primitive rules (mixed linear systems with Motzkin
   multipliers, rank, Penrose, complete tope lists) and :mod:`.model`: the
   instance and what a claim kind models of it;
3. the semantics, one short function per claim kind in :mod:`.regions`,
   :mod:`.kmtm`, :mod:`.liu`, :mod:`.lvb` and :mod:`.landscape`: (instance, claim,
   evidence) → the obligations the primitives discharge, returning the claim in
   one line.

Envelope::

    {"format": "exactrelu-certificate", "version": "2.0",
     "instance": {...}, "claim": {"kind": ..., ...}, "evidence": {...},
     "steps": [{"id": ..., "claim": ..., "evidence": ...}, ...],   # optional, checked first, in order
     "info": {...}}                                                # ignored

A step or the claim may refer only to earlier step ids.  Work is bounded: a
rule spends from a budget linear in the certificate's size (``WORK_PER_BYTE``)
and a replay that would exceed it is refused, never run.

>>> doc = {"format": "exactrelu-certificate", "version": "2.0",
...        "instance": {"data": {"points": [["1"], ["2"]], "targets": ["0", "0"]}, "network": {"hidden": [1]}},
...        "claim": {"kind": "cone-nonempty", "signs": "++"}, "evidence": {"point": ["1"]}}
>>> check_document(doc)[-1].statement
'the open cone {w : s_j<w, x_j> > 0, s = ++} is non-empty'
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, NamedTuple

from .model import Instance, Model, read_instance
from .parse import Obj, Reject, expect, loads
from .rules import need

__all__ = ["Reject", "Rule", "Context", "Checked", "RULES", "check_document", "check_text", "check_file", "main",
           "fingerprint", "canonical", "read_instance"]

FORMAT, VERSION = "exactrelu-certificate", "2.0"
WORK_PER_BYTE, WORK_BASE = 64, 10**6  # the work budget: WORK_BASE + WORK_PER_BYTE · (the certificate's size)


class Rule(NamedTuple):
    """A claim kind: what it models of the instance (``None``: a claim about explicit matrices, no instance) and
    its semantics ``check(instance, claim, evidence, context) -> the claim in one line``."""

    model: Model | None
    check: Callable[[Instance | None, Obj, Obj, Context], str]


class Checked(NamedTuple):
    kind: str
    statement: str


class Context:
    """What a rule may use besides its own claim: the instance, earlier proved steps, the work budget."""

    def __init__(self, instance: Instance | None, budget: int):
        self.instance, self.budget, self.proved = instance, budget, {}  # proved: step id → (kind, claim)

    def spend(self, units: int) -> None:
        """Refuse a replay whose work would exceed what the certificate's size pays for."""
        self.budget -= units
        expect(self.budget >= 0, "$", "the replay would exceed the kernel's work bound (linear in the certificate's "
               "size): the claim needs evidence that keeps checking linear", kind="refused")

    def step(self, ref: Any, path: str, *kinds: str, **same: Any) -> Obj:
        """The (already checked) claim of an earlier step, of one of ``kinds``, with the values ``same`` (a composite's
        steps must be about its own objects: ``pattern=…``, ``points=…``)."""
        earlier = isinstance(ref, str) and ref in self.proved
        need(earlier, path, "reference to a step that is not earlier in the certificate", None, ref)
        kind, claim = self.proved[ref]
        need(kind in kinds, path, "the referenced step has another kind", list(kinds), kind)
        for key, value in same.items():
            need(claim.get(key, ...) == value, path, f"the step is about another {key}", value, claim.get(key))
        return Obj(claim, f"{path}→{ref}")


from . import kmtm, landscape, liu, lvb, regions  # noqa: E402 - the families import Rule and Context from here

RULES: dict[str, Rule] = {**regions.RULES, **kmtm.RULES, **liu.RULES, **lvb.RULES, **landscape.RULES}


def check_document(doc: Any, size: int | None = None) -> list[Checked]:
    """Check a parsed certificate; return what was proved, steps first, the claim last."""
    top = Obj(doc, "$")
    expect(top.raw("format", None) == FORMAT, "$.format", f"not an {FORMAT}", FORMAT, doc.get("format"))
    version, _ = top.raw("version", None), top.raw("info", None)  # info: ignored
    retired = isinstance(version, str) and version.startswith("1.")
    expect(not retired, "$.version", "format 1 is retired: regenerate it with exactrelu ≥ 0.2", kind="version")
    expect(version == VERSION, "$.version", "unsupported version", VERSION, version, "version")
    inst = read_instance(top.raw("instance")) if top.has("instance") else None
    ctx = Context(inst, WORK_BASE + WORK_PER_BYTE * (len(json.dumps(doc)) if size is None else size))
    steps, out = [Obj(raw, f"$.steps[{i}]") for i, raw in enumerate(top.array("steps") if top.has("steps") else [])], []
    for step in [*steps, top]:  # the steps in order, then the claim
        sid = None if step is top else step.string("id")
        expect(sid not in ctx.proved, f"{step.path}.id", "step ids are unique", None, sid)
        claim = Obj(step.raw("claim"), f"{step.path}.claim")
        rule = RULES.get(kind := claim.string("kind"))
        expect(rule, f"{claim.path}.kind", "unknown claim kind", "a kind in docs/certificates.md", kind)
        expect(rule.model or not inst or step is not top, "$.instance", f"{kind} is about explicit data, no instance")
        if rule.model:  # a Model (a one-field tuple) is true
            rule.model.admit(inst, kind)
        ev = Obj(step.raw("evidence"), f"{step.path}.evidence")
        out.append(Checked(kind, rule.check(inst, claim, ev, ctx)))
        for obj in (claim, ev, step):
            obj.done()
        ctx.proved[sid] = (kind, claim.value)
    return out


def check_text(text: str) -> tuple[list[Checked], str | None]:
    """Parse and check; every failure, including an unexpected one inside a rule, is a :class:`Reject`."""
    try:
        doc = loads(text)
        return check_document(doc, len(text)), fingerprint(doc)
    except Reject:
        raise
    except (RecursionError, MemoryError):
        raise Reject("malformed", "$", "the certificate exhausts the kernel's resources") from None
    except Exception as exc:  # noqa: BLE001 - a rule met data its schema reads let through: still a clean rejection
        raise Reject("malformed", "$", f"malformed certificate ({type(exc).__name__})") from None


from .front import canonical, check_file, fingerprint, main  # noqa: E402 - the front end: files, verdicts, SHA-256
