"""Kernel 2, Liu's family: leaky ReLU against independent routes (sympy minimisation of the cell loss, forward-pass
gradients, one-sided slopes across Theorem-3 walls, saddle escapes), Theorem 3's honest wording (issue 16), the atlas
holes of issue 11 (an empty cell swapped in, a missing count, a dropped Theorem-3 step), and the work bound."""

from __future__ import annotations

import copy
import json
from fractions import Fraction
from itertools import islice, product

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exactrelu import kernel
from exactrelu.certify.certificates import certificate, dumps
from exactrelu.certify.liu import (
    atlas_certificate,
    cell_document,
    discrepancy_document,
    nondiff_certificate,
    nondiff_claim,
    printed_claim,
    saddle_certificate,
)
from exactrelu.core.feasibility import LinearSystem, decide
from exactrelu.core.instance import instance_from_mapping, instance_to_mapping
from exactrelu.liu.cells import Atlas, atlas, wall_verdicts
from exactrelu.liu.minima import DiscrepancySource, cell_minimum, cells, decide_genuine, decide_printed
from exactrelu.liu.nondifferentiable import decide_nondiff

F = Fraction


def _atlas_certificate(a: Atlas):  # type: ignore[no-untyped-def]
    """The ``liu-atlas`` certificate of ``a``, every wall decided as the CLI does."""
    return atlas_certificate(a, wall_verdicts(a))


def inst(points, targets, d1=1, bias=False, activation="relu"):  # type: ignore[no-untyped-def]
    return instance_from_mapping({"name": "t", "data": {"points": points, "targets": targets, "bias": bias},
                                  "network": {"hidden": [d1], "activation": activation}})


def check(doc):  # type: ignore[no-untyped-def]
    """The kernel's verdict on the certificate's text (as `exactrelu check` reads it)."""
    return kernel.check_text(dumps(doc))[0]


def rejected(doc, why: str = "") -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(kernel.Reject, match=why or None) as exc:
        check(doc)
    return str(exc.value)


def sigma(t: Fraction, alpha: Fraction) -> Fraction:
    """Leaky ReLU straight from its definition ``max(t, αt)``."""
    return max(t, alpha * t)


def _q(v) -> Fraction:  # type: ignore[no-untyped-def]
    v = sympy.sympify(v)
    # an exact Rational stays as it is: nsimplify looks for a "simpler" closed form and turned 2888/989 into a
    # product of fractional powers (the cell (0, 0, 1) of x = (1, 1), (2, −2), (−1, −2), y = (2, 0, 2), α = 2/5)
    num, den = sympy.fraction(v if v.is_Rational else sympy.nsimplify(v))
    return F(int(num), int(den))


def sympy_cell_minimum(instance, witnesses):  # type: ignore[no-untyped-def]
    """Independent route: the network loss in the cell of ``witnesses`` as a polynomial in ``R_u = z_u w_u``, each
    unit's slope on ``x_p`` read off ``σ_α`` at the witness; minimised by solving ∇L = 0 with sympy.
    Returns (minimal loss, dimension of the minimiser set)."""
    alpha, d = instance.alpha, instance.d
    rs = sympy.symbols(f"r0:{len(witnesses) * d}")
    loss = 0
    for x, y in zip(instance.points, instance.targets, strict=True):
        out = 0
        for u, w in enumerate(witnesses):
            t = sum((a * b for a, b in zip(w, x, strict=True)), F(0))
            slope = sympy.Rational(sigma(t, alpha) / t) if t else 0
            out += slope * sum(rs[u * d + i] * sympy.Rational(c) for i, c in enumerate(x))
        loss += (out - sympy.Rational(y)) ** 2
    loss = sympy.expand(loss / 2)
    grad = [sympy.diff(loss, r) for r in rs]
    (sol,) = sympy.linsolve(grad, rs)
    free = set().union(*(sympy.sympify(v).free_symbols for v in sol))
    value = loss.subs(dict(zip(rs, sol, strict=True))).subs({f: 0 for f in free})
    return _q(sympy.simplify(value)), len(free)


def net_loss(instance, w, z) -> Fraction:  # type: ignore[no-untyped-def]
    """½ Σ_p (Σ_u z_u σ_α(<w_u, x_p>) − y_p)² by the forward pass."""
    out = F(0)
    for x, y in zip(instance.points, instance.targets, strict=True):
        f = sum((zu * sigma(sum((a * b for a, b in zip(wu, x, strict=True)), F(0)), instance.alpha)
                 for wu, zu in zip(w, z, strict=True)), F(0))
        out += (f - y) ** 2
    return out / 2


def net_gradient_is_zero(instance, w, z) -> bool:  # type: ignore[no-untyped-def]
    """sympy: the forward-pass loss, with each σ_α replaced by its slope at (W, z) (smooth in the open cell),
    differentiated in every parameter of W and z, vanishes at (W, z)."""
    d1, d = len(w), instance.d
    ws = sympy.symbols(f"w0:{d1 * d}")
    zs = sympy.symbols(f"z0:{d1}")
    loss = 0
    for x, y in zip(instance.points, instance.targets, strict=True):
        out = 0
        for u in range(d1):
            t = sum((a * b for a, b in zip(w[u], x, strict=True)), F(0))
            slope = sympy.Rational(sigma(t, instance.alpha) / t)
            out += zs[u] * slope * sum(ws[u * d + i] * sympy.Rational(c) for i, c in enumerate(x))
        loss += (out - sympy.Rational(y)) ** 2
    at = {**{ws[u * d + i]: sympy.Rational(w[u][i]) for u in range(d1) for i in range(d)},
          **{zs[u]: sympy.Rational(z[u]) for u in range(d1)}}
    return all(sympy.diff(loss, v).subs(at) == 0 for v in (*ws, *zs))


# ---------------------------------------------------------------- leaky ReLU: the cell quadratic with α
LEAKY = inst([[1, 0], [0, 1], [1, 1]], [1, -1, 2], activation="leaky:1/2")


def test_leaky_cell_minimum_by_hand_and_by_sympy():
    # cell 100 (w = (1, −2)): x1 active, x2 and x3 inactive (slope 1/2): F = r1, r2/2, (r1 + r2)/2 against
    # y = 1, −1, 2.  With s = (r1 + r2)/2 − 2, ∇ = 0 reads r1 − 1 + s/2 = 0 and r2/2 + 1 + s = 0, so
    # 9s/4 = −5/2: s = −10/9, r = (14/9, 2/9), residuals 5/9, 10/9, −10/9, loss ½·225/81 = 25/18 (by hand)
    pattern = ((1, 0, 0),)
    cm = cell_minimum(LEAKY, pattern)
    assert cm.particular == (F(14, 9), F(2, 9)) and cm.loss == F(25, 18)
    wit = dict(cells(LEAKY))[pattern]
    assert sympy_cell_minimum(LEAKY, wit) == (F(25, 18), 0)
    exact = decide_genuine(LEAKY, pattern, wit)
    checked = check(cell_document(LEAKY, cm, exact))
    assert [c.kind for c in checked] == ["liu-cell-minimum", "liu-genuine"]
    assert "minimal loss 25/18" in checked[0].statement
    # the ReLU value of the same cell is another number (x2, x3 would contribute 0): the leaky slope matters
    relu = inst([[1, 0], [0, 1], [1, 1]], [1, -1, 2])
    assert cell_minimum(relu, pattern).loss == F(5, 2)  # x2, x3 contribute 0: ½(0 + 1 + 4)
    doc = cell_document(LEAKY, cm, exact)
    doc["instance"] = instance_to_mapping(relu)
    rejected(doc, "Penrose|minimizer|loss")


def _random_leaky(data):  # type: ignore[no-untyped-def]
    small = st.integers(-2, 2)
    n = data.draw(st.integers(1, 3))
    pts = data.draw(st.lists(st.tuples(small, small).filter(any), min_size=n, max_size=n, unique=True))
    y = [data.draw(small) for _ in range(n)]
    alpha = data.draw(st.sampled_from(["1/2", "1/3", "2/5"]))
    return inst([list(p) for p in pts], y, data.draw(st.integers(1, 2)), activation=f"leaky:{alpha}")


@settings(max_examples=15, deadline=None)
@given(st.data())
def test_leaky_cells_agree_with_sympy_and_the_forward_pass(data):
    instance = _random_leaky(data)
    for pattern, wit in islice(cells(instance), 5):
        cm = cell_minimum(instance, pattern)
        loss, dim = sympy_cell_minimum(instance, wit)
        assert (cm.loss, len(cm.basis)) == (loss, dim)
        exact = decide_genuine(instance, pattern, wit)
        checked = check(cell_document(instance, cm, exact))
        assert f"{dim}-dimensional" in checked[0].statement
        if exact.genuine:
            assert net_loss(instance, exact.weights, exact.output) == loss
            assert net_gradient_is_zero(instance, exact.weights, exact.output)


@pytest.fixture
def lift_relu_refusal(monkeypatch):  # type: ignore[no-untyped-def]
    """The producers declare Liu's printed criterion, Theorem 2 and Theorem 3 for ReLU only
    (exactrelu.liu.minima.MODEL); their code is α-aware, so the kernel's
    leaky semantics is exercised here with that refusal lifted."""
    import exactrelu.liu.minima
    import exactrelu.liu.nondifferentiable
    import exactrelu.liu.saddles

    for module in (exactrelu.liu.minima, exactrelu.liu.nondifferentiable, exactrelu.liu.saddles):
        monkeypatch.setattr(module, "require", lambda *args: None)


def test_printed_kinds_refuse_leaky(lift_relu_refusal):
    # Liu's printed criterion (16)-(18) is a statement about ReLU: the kernel refuses it, and the kinds built on it,
    # on a leaky instance (here the zero-output example of tests/liu/test_minima.py with slope 1/2)
    instance = inst([[-1, -1], [-1, 0]], [-1, 0], activation="leaky:1/2")
    pattern = ((0, 1),)
    wit = dict(cells(instance))[pattern]
    exact, printed = decide_genuine(instance, pattern, wit), decide_printed(instance, pattern)
    for doc in (certificate(*printed_claim(printed), instance),
                discrepancy_document(instance, cell_minimum(instance, pattern), wit, exact, printed,
                                     DiscrepancySource.ZERO_OUTPUT)):
        assert "network.activation" in rejected(doc, "liu-printed does not model this value")


def one_sided_slope(instance, w, z, m, direction) -> Fraction:  # type: ignore[no-untyped-def]
    """Exact right derivative of t ↦ L(w_m + t·direction) at 0 by the forward pass: L is quadratic on [0, 2h] for an
    h small enough that no other point changes side, so three exact values determine the slope."""
    def dot_(a, b):  # type: ignore[no-untyped-def]
        return sum((p * q for p, q in zip(a, b, strict=True)), F(0))

    margins = [abs(dot_(wu, x)) for wu in w for x in instance.points if dot_(wu, x)]
    h = min([*margins, F(1)]) / (4 * max([abs(dot_(direction, x)) for x in instance.points] + [F(1)]))

    def at(t):  # type: ignore[no-untyped-def]
        moved = [list(r) for r in w]
        moved[m] = [a + t * b for a, b in zip(w[m], direction, strict=True)]
        return net_loss(instance, moved, z)

    return (4 * (at(h) - at(F(0))) - (at(2 * h) - at(F(0)))) / (2 * h)


LEAKY3 = inst([[1, 0], [0, 1], [1, 1]], [-3, -3, 2], activation="leaky:1/2")


def test_leaky_theorem3_minimum_by_hand_and_by_slopes(lift_relu_refusal):
    # cell 010, w = (−6/5, 6/5) on the wall of x_3, z = −1 (found by a search): outputs z·σ(w·x) = 3/5 (x_1 inactive,
    # slope 1/2), −6/5, 0 against y = −3, −3, 2: residuals 18/5, 9/5, −2, loss ½(324 + 81 + 100)/25 = 101/10
    pattern = ((0, 1, 0),)
    v = decide_nondiff(LEAKY3, pattern, 0, 2, dict(cells(LEAKY3))[pattern])
    assert v.minimum and v.weights == ((F(-6, 5), F(6, 5)),) and v.output == (F(-1),) and v.loss == F(101, 10)
    assert net_loss(LEAKY3, v.weights, v.output) == F(101, 10)
    x3 = LEAKY3.points[2]
    assert one_sided_slope(LEAKY3, v.weights, v.output, 0, x3) > 0
    assert one_sided_slope(LEAKY3, v.weights, v.output, 0, [-c for c in x3]) > 0
    statement = check(certificate(*nondiff_claim(v), LEAKY3))[-1].statement
    assert "non-differentiable local minimum of loss 101/10" in statement
    # the ReLU certificate of the same point is not valid with slope 1/2 (and vice versa)
    relu = inst([[1, 0], [0, 1], [1, 1]], [-3, -3, 2])
    doc = certificate(*nondiff_claim(v), relu)
    rejected(doc)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_leaky_theorem3_and_saddles_against_the_forward_pass(lift_relu_refusal, data):
    """Every leaky Theorem-3 point found has two positive one-sided slopes across its wall, and every leaky saddle
    is stationary (sympy) with a descent direction (forward pass); the kernel accepts all their certificates."""
    from exactrelu.liu.saddles import nondiff_system, saddles, wall_faces

    instance = _random_leaky(data)
    for pattern, wit in islice(cells(instance), 6):
        for m, n in wall_faces(instance, pattern):
            assert nondiff_system(instance, pattern, m, n).soluble
            check(nondiff_certificate(instance, nondiff_system(instance, pattern, m, n)))
            v = decide_nondiff(instance, pattern, m, n, wit)
            check(certificate(*nondiff_claim(v), instance))
            if v.minimum:
                xn = instance.points[n]
                assert net_loss(instance, v.weights, v.output) == v.loss
                assert one_sided_slope(instance, v.weights, v.output, m, xn) > 0
                assert one_sided_slope(instance, v.weights, v.output, m, [-c for c in xn]) > 0
        for sd in saddles(instance, pattern, wit):
            check(saddle_certificate(instance, sd))
            if sd.genuine:
                assert net_gradient_is_zero(instance, sd.weights, sd.output)
                assert has_descent(instance, sd.weights, sd.output, sd.subset)


def has_descent(instance, w, z, subset) -> bool:  # type: ignore[no-untyped-def]
    """Theorem 2's escape: for a unit u ∉ J (z_u = 0, G_u ≠ 0), z_u = t² and w_u − tG_u lower the loss for a
    small t; G_u = ∂²L/∂z_u∂w_u is computed here by sympy from the forward pass."""
    d = instance.d
    u = next(j for j in range(len(w)) if j not in subset)
    ws = sympy.symbols(f"v0:{d}")
    zz = sympy.Symbol("zz")
    moved = [list(r) for r in w]
    loss = 0
    for x, y in zip(instance.points, instance.targets, strict=True):
        t = sum((a * b for a, b in zip(w[u], x, strict=True)), F(0))
        slope = sympy.Rational(sigma(t, instance.alpha) / t)
        out = sum((zj * sigma(sum((a * b for a, b in zip(wj, x, strict=True)), F(0)), instance.alpha)
                   for j, (wj, zj) in enumerate(zip(w, z, strict=True)) if j != u), F(0))
        loss += (sympy.Rational(out) + zz * slope * sum(ws[i] * sympy.Rational(c) for i, c in enumerate(x))
                 - sympy.Rational(y)) ** 2
    at = {zz: 0, **dict(zip(ws, map(sympy.Rational, w[u]), strict=True))}
    g = [_q(sympy.diff(sympy.diff(loss / 2, zz), v).subs(at)) for v in ws]  # ∂²L/∂z_u∂w_u at the point, = G_u
    base = net_loss(instance, w, z)
    for k in range(1, 40):  # w_u − tG_u and z_u = t²: ΔL = −t³|G_u|² + O(t⁴) (G_u·w_u = 0 kills the order t²)
        t = F(1, 2 ** k)
        moved[u] = [a - t * b for a, b in zip(w[u], g, strict=True)]
        zs = [t * t if j == u else zj for j, zj in enumerate(z)]
        if net_loss(instance, moved, zs) < base:
            return True
    return False


def test_leaky_atlas_against_sympy(lift_relu_refusal):
    from exactrelu.liu.cells import analyse_cell

    a = Atlas(LEAKY3, tuple(analyse_cell(LEAKY3, p, w) for p, w in cells(LEAKY3)), 0)
    statement = check(_atlas_certificate(a))[-1].statement
    least = min(sympy_cell_minimum(LEAKY3, w)[0] for _, w in cells(LEAKY3))
    assert f"least cell-minimal loss {least}" in statement
    # both walls meeting Liu's conditions carry points with two positive one-sided slopes (forward pass)
    found = [v for c in a.cells for v in c.nondiff_minima]
    assert len(found) == 2 and "2 satisfy Liu's Theorem-3 conditions" in statement
    for v in found:
        xn = LEAKY3.points[v.point]
        assert min(one_sided_slope(LEAKY3, v.weights, v.output, v.unit, xn),
                   one_sided_slope(LEAKY3, v.weights, v.output, v.unit, [-c for c in xn])) > 0


# ---------------------------------------------------------------- Theorem 3: what a refutation says (issue 16)
ISSUE16 = inst([[0, 2, 2], [-1, 2, 1], [1, 0, 1]], [1, -1, 1])


def test_issue16_degenerate_minimum_is_not_denied():
    # w = (1, 1/2, 0), z = 1 lies on the wall of x_2 (index 1) in cell 101, loss ½(0 + 1 + 0) = 1/2 … (by hand)
    w, z = ((F(1), F(1, 2), F(0)),), (F(1),)
    assert [sum((a * b for a, b in zip(w[0], x, strict=True)), F(0)) for x in ISSUE16.points] == [1, 0, 1]
    assert net_loss(ISSUE16, w, z) == F(1, 2)
    # … a local minimum Liu's strict (29)-(30) miss: the certified refutation may only say so
    pattern = ((1, 0, 1),)
    v = decide_nondiff(ISSUE16, pattern, 0, 1, (dict(cells(ISSUE16))[pattern][0],))
    assert not v.minimum
    statement = check(certificate(*nondiff_claim(v), ISSUE16))[-1].statement
    assert "no point satisfies Liu's printed Theorem-3 conditions" in statement and "not excluded" in statement
    a = atlas(ISSUE16)
    top = check(_atlas_certificate(a))[-1].statement
    assert "0 satisfy Liu's Theorem-3 conditions" in top and "local minimum" not in top
    # the point is a local minimum by a second route: every cell around it has loss ≥ 1/2 near it, since the
    # x_1 and x_3 terms vanish only to first order and the x_2 term is ½(z·σ(w·x_2) + 1)² ≥ ½ for z ≥ 0
    assert a.best_genuine_loss is not None and a.best_genuine_loss > F(1, 2)


# ---------------------------------------------------------------- the atlas holes of issue 11
NONDIFF = inst([[1, 0], [1, 1], [-1, 1]], [-3, 2, 0])


def _atlas_doc():  # type: ignore[no-untyped-def]
    return _atlas_certificate(atlas(NONDIFF))


def test_atlas_counts_walls_and_cells():
    doc = _atlas_doc()
    assert doc["claim"]["cells"] == "6" and doc["claim"]["walls"] == "9" and doc["claim"]["liu_walls"] == "1"
    # 6 cells: 6 = T^1 unit topes of 3 points in the plane in general position (2·(1 + 2) = 6, Prop. 3); walls:
    # one per zero of each pattern, and the 6 topes of 3 points have 3·6/2 = 9 zeros
    assert "of the 9 single-point walls (A_mn = 0) 1 satisfy" in check(doc)[-1].statement


def test_atlas_rejects_a_dropped_theorem3_step():
    doc = _atlas_doc()
    entry = next(e for e in doc["evidence"]["cells"] if any(
        s["id"] in e["walls"] and s["claim"]["holds"] for s in doc["steps"] if s["claim"]["kind"] == "liu-theorem3"))
    entry["walls"] = [r for r in entry["walls"] if not next(s for s in doc["steps"] if s["id"] == r)["claim"]["holds"]]
    doc["claim"]["liu_walls"] = "0"
    rejected(doc, "one liu-theorem3 step per")


def test_atlas_rejects_a_missing_cell_and_a_duplicate():
    doc = _atlas_doc()
    bad = copy.deepcopy(doc)
    bad["evidence"]["cells"].pop()
    bad["claim"]["cells"] = "5"
    rejected(bad, "region-count")
    bad = copy.deepcopy(doc)
    bad["evidence"]["cells"][1] = bad["evidence"]["cells"][0]
    rejected(bad, "listed twice")


def test_atlas_rejects_an_empty_cell_swapped_in():
    # x_2 = 2x_1 + x_3, so the pattern 010 (only x_2 active) is empty; valid steps about it (its quadratic's
    # minimum, and "no genuine minimum", true of an empty cell) swapped into a real cell's entry are refused
    assert not decide(LinearSystem.open_cone(NONDIFF.points, [-1, 1, -1])).feasible
    empty = ((0, 1, 0),)
    cm = cell_minimum(NONDIFF, empty)
    exact = decide_genuine(NONDIFF, empty, ((F(0), F(1)),))  # any witness: only z = 0 branches use it
    assert not exact.genuine
    doc = _atlas_doc()
    extra = cell_document(NONDIFF, cm, exact)
    doc["steps"] += [{"id": "min.empty", **{k: extra["steps"][0][k] for k in ("claim", "evidence")}},
                     {"id": "exact.empty", "claim": extra["claim"], "evidence": extra["evidence"]}]
    doc["evidence"]["cells"][0].update(minimum="min.empty", exact="exact.empty")
    rejected(doc, "about another pattern")


def test_agreement_rejects_a_cell_list_without_its_count():
    from exactrelu.sweeps.statements import get

    v = get("liu-printed").check(inst([[1, 0], [0, 1]], [1, -1]), True)
    doc = v.certificate
    doc["evidence"]["regions"] = "topes"
    rejected(doc, "another kind")


# ---------------------------------------------------------------- bounded work
def test_wide_claim_is_refused_not_run():
    d1 = 3000
    doc = {"format": "exactrelu-certificate", "version": "2.0",
           "instance": {"data": {"points": [["1"]], "targets": ["1"]}, "network": {"hidden": [d1]}},
           "claim": {"kind": "liu-genuine", "pattern": ["1"] * d1, "genuine": False},
           "evidence": {"refutations": []}}
    with pytest.raises(kernel.Reject, match="work bound"):
        kernel.check_text(json.dumps(doc))


@pytest.mark.parametrize("d1", [1, 2])
def test_refutation_lists_are_complete(d1):
    """Every sign choice of {+, −, 0}^{d1} appears once in a not-genuine certificate (3^{d1} of them)."""
    instance = inst([[1, 0], [0, 1]], [1, -1], d1)
    # unit 0 active on both points, the others on none: R_0 = (1, −1) is forced and lies in no sign of the quadrant
    pattern = ((1, 1),) + ((0, 0),) * (d1 - 1)
    wit = dict(cells(instance))[pattern]
    exact = decide_genuine(instance, pattern, wit)
    doc = cell_document(instance, cell_minimum(instance, pattern), exact)
    assert not exact.genuine
    assert {r["signs"] for r in doc["evidence"]["refutations"]} == {"".join(t) for t in product("+-0", repeat=d1)}
    check(doc)


# ---------------------------------------------------------------- every changed number or sign of a claim
def _leaves(obj, path=()):  # type: ignore[no-untyped-def]
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _leaves(v, (*path, k))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _leaves(v, (*path, i))
    else:
        yield path, obj


def _changed(where, value):  # type: ignore[no-untyped-def]
    """One wrong value per leaf: a boolean flipped, an index + 1, a pattern bit flipped, a rational or count + 1."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if "pattern" in where:
        return {"0": "1", "1": "0"}[value[0]] + value[1:]
    try:
        q = Fraction(value) + 1
    except (TypeError, ValueError):
        return None
    return str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"


def _liu_examples():  # type: ignore[no-untyped-def]
    from pathlib import Path

    return sorted((Path(__file__).parents[2] / "docs" / "examples").glob("liu-*.json"))


@pytest.mark.parametrize("path", _liu_examples(), ids=lambda p: p.stem)
def test_every_changed_claim_value_is_rejected(path):
    """The worked examples (docs/examples/liu-*.json): changing any single value of the claim makes it false (or
    about another object the evidence does not fit), and the kernel rejects it."""
    doc = json.loads(path.read_text())
    check(doc)
    tried = 0
    for where, value in _leaves(doc["claim"]):
        bad = _changed(where, value)
        if where == ("kind",) or bad is None:
            continue
        corrupt = copy.deepcopy(doc)
        target = corrupt["claim"]
        for k in where[:-1]:
            target = target[k]
        target[where[-1]] = bad
        tried += 1
        with pytest.raises(kernel.Reject):
            kernel.check_text(json.dumps(corrupt))
    assert tried >= 1
