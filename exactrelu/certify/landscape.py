"""Certificates of the landscape (SPEC §8, docs/certificates-landscape.md): the global minimum, a (spurious) local
minimum, and the absence of spurious local minima, written for the kernel's ``landscape-*`` claim kinds.

The producer side only: it never imports :mod:`exactrelu.kernel`.  The unknowns, rows and their order of every
linear system match the kernel's (``exactrelu/kernel/landscape.py``), because Motzkin multipliers are per row:
adjacent topes are taken in the order of their sign strings.

>>> from exactrelu.core.instance import instance_from_mapping
>>> inst = instance_from_mapping({"data": {"points": [[1], [-1]], "targets": [2, 1]}, "network": {"hidden": [1]}})
>>> doc = landscape_certificate(inst)
>>> [s["claim"]["kind"] for s in doc["steps"]], doc["claim"]["kind"], doc["claim"]["loss"]
(['landscape-global-minimum', 'landscape-local-minimum'], 'landscape-local-minimum', '5/2')
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from fractions import Fraction
from itertools import combinations_with_replacement, product
from typing import Any

from ..arrangements.topes import Tope, covectors, topes
from ..core.feasibility import FeasiblePoint, LinearSystem, decide
from ..core.instance import Instance, InstanceError
from ..core.rationals import format_matrix, format_rational, format_vector
from ..landscape.minima import (
    GlobalMinimum,
    Landscape,
    _stratum_system,
    global_minimum,
    landscape,
    loss,
    require_landscape_setting,
)
from .certificates import certificate, sign_string, step
from .regions import topes_evidence

__all__ = ["global_minimum_claim", "local_minimum_claim", "no_spurious_claim", "landscape_certificate",
           "local_minimum_certificate"]

Claim = tuple[dict[str, Any], dict[str, Any]]


def _sorted_topes(inst: Instance) -> list[Tope]:
    """The topes in the kernel's order (their sign strings, sorted)."""
    return sorted(topes(inst.points), key=lambda t: sign_string(t.signs))


def _point(inst: Instance, weights: Sequence[Sequence[Fraction]], output: Sequence[Fraction]) -> dict[str, Any]:
    out: dict[str, Any] = {"weights": format_matrix(weights)}
    if inst.output == "trainable":
        out["output"] = format_vector(output)
    return out


def global_minimum_claim(inst: Instance, g: GlobalMinimum | None = None,
                         topes_ev: dict[str, Any] | None = None) -> Claim:
    """``landscape-global-minimum``: the value, a point attaining it, and per piece ``R`` with KKT multipliers."""
    g = g or global_minimum(inst)
    fixed = inst.output != "trainable"
    pieces = []
    for p in g.pieces:
        e: dict[str, Any] = {"faces": [sign_string(t) for t in p.topes]}
        if not fixed:
            e["signs"] = sign_string(p.signs)
        pieces.append({**e, "R": format_matrix(p.R), "multipliers": format_matrix(p.multipliers)})
    return ({"kind": "landscape-global-minimum", "value": format_rational(g.value)},
            {"topes": topes_ev or topes_evidence(inst.points), "attained": _point(inst, g.weights, g.output),
             "pieces": pieces})


def _pinned(inst: Instance, weights: Sequence[Sequence[Fraction]], output: Sequence[Fraction],
            ts: Sequence[Tope]) -> FeasiblePoint | None:
    """A solution ``(R, μ)`` of the point's stratum system with ``R = z ⊙ W``, or None: not a local minimum."""
    faces = tuple(tuple((v > 0) - (v < 0) for v in (sum(a * b for a, b in zip(w, x, strict=True))
                                                     for x in inst.points)) for w in weights)
    system, _ = _stratum_system(inst, faces, tuple((z > 0) - (z < 0) for z in output), ts)
    pins = [(tuple(Fraction(int(a == b)) for a in range(system.k)), v)
            for b, v in enumerate(z * c for w, z in zip(weights, output, strict=True) for c in w)]
    ans = decide(LinearSystem(system.k, system.strict, system.weak,
                              system.equal + LinearSystem.build(system.k, equal=pins).equal))
    return ans if isinstance(ans, FeasiblePoint) else None


def local_minimum_claim(inst: Instance, weights: Sequence[Sequence[Fraction]], output: Sequence[Fraction] | None,
                        lower: tuple[Sequence[Sequence[Fraction]], Sequence[Fraction]] | None = None,
                        topes_ev: dict[str, Any] | None = None) -> Claim:
    """``landscape-local-minimum`` at ``(weights, output)`` (``output`` ignored for fixed output weights); with
    ``lower`` (a point of smaller loss, e.g. the global minimum's) the claim says *spurious*.  Raises
    :class:`InstanceError` if the point is not a local minimum, or ``lower`` is not lower."""
    require_landscape_setting(inst)
    weights = [tuple(Fraction(c) for c in w) for w in weights]
    z = list(inst.output) if inst.output != "trainable" else [Fraction(v) for v in output or ()]
    if len(weights) != inst.d1 or len(z) != inst.d1 or any(len(w) != inst.d for w in weights):
        raise InstanceError(inst.source, "weights", f"{inst.d1} weight vectors of length {inst.d} and as many outputs")
    ans = _pinned(inst, weights, z, _sorted_topes(inst))
    if ans is None:
        raise InstanceError(inst.source, "weights", "a local minimum (this point is not one)")
    value = loss(inst, weights, z)
    claim = {"kind": "landscape-local-minimum", **_point(inst, weights, z), "loss": format_rational(value),
             "spurious": lower is not None}
    ev: dict[str, Any] = {"topes": topes_ev or topes_evidence(inst.points), "point": format_vector(ans.point)}
    if lower is not None:
        lw, lz = [tuple(Fraction(c) for c in w) for w in lower[0]], list(inst.output) \
            if inst.output != "trainable" else [Fraction(v) for v in lower[1]]
        if not loss(inst, lw, lz) < value:
            raise InstanceError(inst.source, "lower", f"a point of loss below {format_rational(value)}")
        ev["lower"] = _point(inst, lw, lz)
    return claim, ev


def _multisets(inst: Instance, items: Sequence[Any], signs: Sequence[int]) -> Iterator[tuple[tuple, tuple]]:
    """Per unit an item and a sign, up to permuting interchangeable units (as the kernel counts them)."""
    if inst.output == "trainable":
        for combo in combinations_with_replacement([(f, s) for f in items for s in signs], inst.d1):
            yield tuple(f for f, _ in combo), tuple(s for _, s in combo)
        return
    groups: dict[Fraction, list[int]] = {}
    for j, v in enumerate(inst.output):
        groups.setdefault(v, []).append(j)
    for choice in product(*(combinations_with_replacement(items, len(g)) for g in groups.values())):
        assigned = {j: f for g, fs in zip(groups.values(), choice, strict=True) for j, f in zip(g, fs, strict=True)}
        yield tuple(assigned[j] for j in range(inst.d1)), tuple((v > 0) - (v < 0) for v in inst.output)


def no_spurious_claim(inst: Instance, value: Fraction, global_ref: str = "global",
                      topes_ev: dict[str, Any] | None = None, advance: Callable[[], None] | None = None) -> Claim:
    """``landscape-no-spurious``: every stratum infeasible (multipliers) or a solution of loss ``value`` (the
    global minimum, proved by the step ``global_ref``).  Raises :class:`InstanceError` if some stratum carries a
    local minimum of another loss (a spurious one)."""
    require_landscape_setting(inst)
    ts = _sorted_topes(inst)
    faces = covectors(inst.points)
    strata = []
    for fs, ss in _multisets(inst, [f.signs for f in faces], (1, -1, 0)):
        if advance is not None:
            advance()
        system, k_r = _stratum_system(inst, fs, ss, ts)
        ans = decide(system)
        e: dict[str, Any] = {"faces": [sign_string(f) for f in fs]}
        if inst.output == "trainable":
            e["signs"] = sign_string(ss)
        if isinstance(ans, FeasiblePoint):
            R = [ans.point[j * inst.d:(j + 1) * inst.d] for j in range(inst.d1)]
            got = _stratum_loss(inst, fs, R)
            if got != value:
                raise InstanceError(inst.source, "data", f"no spurious local minimum (the stratum "
                                    f"{' '.join(e['faces'])} has local minima of loss {format_rational(got)})")
            e["point"] = format_vector(ans.point)
        else:
            e["multipliers"] = {"strict": format_vector(ans.strict), "weak": format_vector(ans.weak),
                                "equal": format_vector(ans.equal)}
        strata.append(e)
    return ({"kind": "landscape-no-spurious"},
            {"global": global_ref, "topes": topes_ev or topes_evidence(inst.points),
             "faces": {sign_string(f.signs): format_vector(f.witness) for f in faces}, "strata": strata})


def _stratum_loss(inst: Instance, faces: Sequence[Sequence[int]], R: Sequence[Sequence[Fraction]]) -> Fraction:
    """``½ Σ_i (Σ_j c_i(f_j) <R_j, x_i> − y_i)²`` (a wall point's slope does not matter: ``<R_j, x_i> = 0``)."""
    total = Fraction(0)
    for i, (x, y) in enumerate(zip(inst.points, inst.targets, strict=True)):
        f = sum(((1 if face[i] > 0 else inst.alpha) * sum(a * b for a, b in zip(r, x, strict=True))
                 for face, r in zip(faces, R, strict=True)), Fraction(0))
        total += (f - y) ** 2
    return total / 2


def landscape_certificate(inst: Instance, a: Landscape | None = None,
                          advance: Callable[[], None] | None = None) -> dict[str, Any]:
    """One certificate of the whole answer: a ``landscape-global-minimum`` step, one ``landscape-local-minimum``
    step (spurious, with the global minimum's point as the lower one) per spurious class, the last of them the
    certificate's claim; when there is none, the claim is ``landscape-no-spurious``."""
    require_landscape_setting(inst)
    a = a or landscape(inst, advance)
    g = a.global_min
    tev = topes_evidence(inst.points)
    steps = [step("global", *global_minimum_claim(inst, g, tev))]
    for i, c in enumerate(sorted(a.spurious, key=lambda c: (c.loss, c.faces, c.signs))):
        steps.append(step(f"spurious-{i + 1}", *local_minimum_claim(inst, c.weights, c.output,
                                                                     (g.weights, g.output), tev)))
    info = {"instance_name": inst.name, "spurious_classes": str(len(a.spurious))}
    if a.spurious:
        last = steps.pop()
        return certificate(last["claim"], last["evidence"], inst, steps, info)
    claim, ev = no_spurious_claim(inst, g.value, "global", tev, advance)
    return certificate(claim, ev, inst, steps, info)


def local_minimum_certificate(inst: Instance, weights: Sequence[Sequence[Fraction]],
                              output: Sequence[Fraction] | None, spurious: bool = True) -> dict[str, Any]:
    """A certificate that ``(weights, output)`` is a local minimum, and (``spurious``) not a global one: the lower
    point is the global minimum's, proved by a ``landscape-global-minimum`` step."""
    tev = topes_evidence(inst.points)
    if not spurious:
        return certificate(*local_minimum_claim(inst, weights, output, None, tev), inst)
    g = global_minimum(inst)
    claim, ev = local_minimum_claim(inst, weights, output, (g.weights, g.output), tev)
    return certificate(claim, ev, inst, [step("global", *global_minimum_claim(inst, g, tev))])
