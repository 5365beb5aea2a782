"""Liu's landscape (SPEC §4): Fig. 2, Penrose vs sympy, exact vs printed, brute force, kernel rejections."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from fractions import Fraction
from itertools import islice, product

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from exactrelu import kernel
from exactrelu.certify.liu import atlas_certificate, cell_document, discrepancy_certificates
from exactrelu.core import linalg
from exactrelu.core.feasibility import LinearSystem, decide
from exactrelu.core.instance import instance_from_mapping
from exactrelu.kernel import Reject as CheckFailure
from exactrelu.liu.cells import atlas, leaky_cells, wall_verdicts
from exactrelu.liu.minima import cell_minimum, cells, decide_genuine, decide_printed, liu_matrix, unit_rows

F = Fraction


def inst(points, targets, d1=1, bias=False):  # type: ignore[no-untyped-def]
    return instance_from_mapping(
        {"name": "t", "data": {"points": points, "targets": targets, "bias": bias}, "network": {"hidden": [d1]}}
    )


def atlas_doc(a):  # type: ignore[no-untyped-def]
    """The ``liu-atlas`` certificate of ``a``, every wall decided as the CLI does."""
    return atlas_certificate(a, wall_verdicts(a))


def kinds(doc):  # type: ignore[no-untyped-def]
    """The kinds the kernel accepted, steps first (it raises Reject otherwise)."""
    return [c.kind for c in kernel.check_document(doc)]


FIG2 = inst([[1, 0], [0, 1]], [1, 1])
FIG2NEG = inst([[1, 0], [0, 1]], [1, -1])


# ---------------------------------------------------------------- Fig. 2 (Liu, Section IV-B)
def test_fig2_four_cells_losses_and_shapes():
    a = atlas(FIG2)
    got = {c.pattern[0]: (c.minimum.loss, len(c.minimum.basis)) for c in a.cells}
    # r1 plateau (A = 0), r2/r3 lines, r4 the point R* = y
    assert got == {(0, 0): (F(1), 2), (0, 1): (F(1, 2), 1), (1, 0): (F(1, 2), 1), (1, 1): (F(0), 0)}
    r3 = cell_minimum(FIG2, ((1, 0),))
    assert r3.pinv == ((F(1), F(0)), (F(0), F(0)))  # Liu prints A+ = diag(1, 0)
    assert r3.particular == (F(1), F(0)) and r3.basis == ((F(0), F(1)),)  # R* = (1, c2)
    assert all(c.exact.genuine for c in a.cells) and a.min_loss == 0 == a.best_genuine_loss


def test_fig2_negative_target_both_active_cell_has_no_genuine_minimum():
    a = atlas(FIG2NEG)
    both = next(c for c in a.cells if c.pattern == ((1, 1),))
    assert both.minimum.particular == (F(1), F(-1)) and both.minimum.unique
    assert not both.exact.genuine and not both.printed.holds
    assert {"".join("+-0"[[1, -1, 0].index(v)] for v in s) for s, _ in both.exact.refutations} == {"+", "-", "0"}
    assert a.best_genuine_loss == F(1, 2)
    doc = cell_document(FIG2NEG, both.minimum, both.exact)
    assert kinds(doc) == ["liu-cell-minimum", "liu-genuine"] and doc["claim"]["genuine"] is False


def test_fig2_certificates_check_and_corruptions_fail():
    for instance in (FIG2, FIG2NEG):
        doc = atlas_doc(atlas(instance))
        assert kinds(doc)[-1] == "liu-atlas"
    doc = atlas_doc(atlas(FIG2))
    bad = copy.deepcopy(doc)
    bad["claim"]["min_loss"] = "1/2"
    with pytest.raises(CheckFailure):
        kernel.check_document(bad)
    bad = copy.deepcopy(doc)
    mini = next(s for s in bad["steps"] if s["claim"]["kind"] == "liu-cell-minimum")
    mini["claim"]["loss"] = "3/4"
    with pytest.raises(CheckFailure, match="loss"):
        kernel.check_document(bad)


def _steps(doc, kind, **claim):  # type: ignore[no-untyped-def]
    return [s for s in doc["steps"] if s["claim"]["kind"] == kind and all(s["claim"].get(k) == v
                                                                          for k, v in claim.items())]


def test_corrupted_genuine_and_refutation_rejected():
    doc = atlas_doc(atlas(FIG2NEG))
    for kind, genuine, mutate in (
        ("liu-genuine", True, lambda s: s["evidence"]["weights"][0].__setitem__(0, "-5")),
        ("liu-genuine", True, lambda s: s["evidence"]["output"].__setitem__(0, "2")),
        ("liu-genuine", False, lambda s: s["evidence"]["refutations"][0]["multipliers"]["strict"].__setitem__(0, "7")),
        ("liu-genuine", False, lambda s: s["evidence"]["refutations"].pop()),
        ("liu-genuine", False, lambda s: s["evidence"]["refutations"].append(s["evidence"]["refutations"][0])),
        ("liu-cell-minimum", None, lambda s: s["evidence"]["pinv"][0].__setitem__(0, "2")),
        ("liu-theorem3", None, lambda s: s["claim"].__setitem__("holds", True)),
    ):
        bad = copy.deepcopy(doc)
        mutate(_steps(bad, kind, **({} if genuine is None else {"genuine": genuine}))[-1])
        with pytest.raises(CheckFailure):
            kernel.check_document(bad)


def test_kernel_rebuilds_matrix_from_instance():
    doc = atlas_doc(atlas(FIG2))
    bad = copy.deepcopy(doc)
    bad["instance"]["data"]["targets"] = ["1", "2"]
    with pytest.raises(CheckFailure):
        kernel.check_document(bad)


# ---------------------------------------------------------------- Penrose vs sympy
rat = st.fractions(min_value=-3, max_value=3, max_denominator=3)


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 4), st.integers(1, 4), st.data())
def test_pinv_matches_sympy_and_penrose(m, k, data):
    a = [[data.draw(rat) for _ in range(k)] for _ in range(m)]
    if data.draw(st.booleans()) and m > 1:  # force rank deficiency sometimes
        a[-1] = [2 * v for v in a[0]]
    x = linalg.pseudo_inverse(a, k)
    ref = sympy.Matrix([[sympy.Rational(v.numerator, v.denominator) for v in r] for r in a]).pinv()
    assert [[F(int(sympy.fraction(v)[0]), int(sympy.fraction(v)[1])) for v in ref.row(i)] for i in range(k)] == [
        list(r) for r in x
    ]
    kernel.rules.penrose([list(map(F, r)) for r in a], [list(r) for r in x], m, k, "x")


# ---------------------------------------------------------------- exact verdict vs an independent route
def _brute_genuine(instance, pattern, wit):  # type: ignore[no-untyped-def]
    """Independent route: parametrise R = M⁺y + (I − M⁺M)c with sympy's pinv, one LP per sign vector."""
    m = liu_matrix(instance.points, pattern)
    k = instance.d1 * instance.d
    sm = sympy.Matrix([[sympy.Rational(v.numerator, v.denominator) for v in r] for r in m])
    pinv = sm.pinv()
    y = sympy.Matrix([sympy.Rational(t.numerator, t.denominator) for t in instance.targets])
    r0 = pinv * y
    proj = sympy.eye(k) - pinv * sm

    def q(v):  # type: ignore[no-untyped-def]
        n, dd = sympy.fraction(sympy.nsimplify(v))
        return F(int(n), int(dd))

    for s in product((1, -1, 0), repeat=instance.d1):
        strict, equal = [], []
        for u, su in enumerate(s):
            for i in range(instance.d):
                row = u * instance.d + i
                if su == 0:
                    equal.append(([q(v) for v in proj.row(row)], -q(r0[row])))
            if su:
                for p, x in enumerate(instance.points):
                    coef = [F(0)] * k
                    const = F(0)
                    for i, xi in enumerate(x):
                        row = u * instance.d + i
                        sg = su * (2 * pattern[u][p] - 1) * xi
                        coef = [c + sg * q(v) for c, v in zip(coef, proj.row(row), strict=True)]
                        const += sg * q(r0[row])
                    strict.append((coef, -const))
        if decide(LinearSystem.build(k, strict=strict, equal=equal)).feasible:
            return True
    return False


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 3), st.integers(1, 2), st.data())
def test_exact_verdict_matches_parametrised_brute_force(n, d1, data):
    small = st.integers(-2, 2)
    pts = [[data.draw(small) for _ in range(2)] for _ in range(n)]
    if any(not any(p) for p in pts):
        pts = [[p[0] or 1, p[1]] for p in pts]
    ys = [data.draw(small) for _ in range(n)]
    instance = inst(pts, ys, d1)
    for pattern, wit in list(cells(instance))[:6]:
        exact = decide_genuine(instance, pattern, wit)
        assert exact.genuine == _brute_genuine(instance, pattern, wit)
        printed = decide_printed(instance, pattern)
        if exact.genuine and 0 not in exact.signs:
            assert printed.holds  # strict conditions imply the printed ones


# ---------------------------------------------------------------- discrepancies
def test_both_discrepancy_sources_certified():
    zero = inst([[-1, -1], [-1, 0]], [-1, 0])  # the search's first zero-output case
    boundary = inst([[-1, -1], [-1, 0], [0, -1]], [-1, -1, -1])  # R* = (0, 1) lies on the wall of x2
    found = {}
    for instance in (zero, boundary):
        for doc in discrepancy_certificates(atlas(instance)).values():
            assert kinds(doc)[-1] == "liu-discrepancy"
            found.setdefault(doc["claim"]["source"], doc)
    assert set(found) == {"zero-output", "boundary"}
    assert found["zero-output"]["claim"]["pattern"] == ["01"]
    assert found["boundary"]["claim"]["pattern"] == ["101"]
    bad = copy.deepcopy(found["boundary"])
    bad["claim"]["source"] = "zero-output"
    with pytest.raises(CheckFailure):
        kernel.check_document(bad)
    bad = copy.deepcopy(found["zero-output"])
    bad["claim"]["printed"] = True
    with pytest.raises(CheckFailure):
        kernel.check_document(bad)


def test_hand_boundary_case():
    """x1=(1,0), x2=(0,1) active, x3=(1,−1) inactive, y=(1,1,·): R* = (1,1) is on the wall of x3."""
    instance = inst([[1, 0], [0, 1], [1, -1]], [1, 1, 5])
    pattern = ((1, 1, 0),)
    wit = dict(unit_rows(instance))[(1, 1, 0)]
    assert decide_printed(instance, pattern).holds
    assert not decide_genuine(instance, pattern, (wit,)).genuine
    assert cell_minimum(instance, pattern).loss == F(25, 2)


# ---------------------------------------------------------------- CLI
def _cli(*args):  # type: ignore[no-untyped-def]
    return subprocess.run([sys.executable, "-m", "exactrelu", "liu", *args], capture_output=True, text=True)


def test_cli_json_and_errors(tmp_path):
    r = _cli("examples/liu/fig2-y2neg.toml", "--json")
    assert r.returncode == 0
    out = json.loads(r.stdout)
    assert [c["min_loss"] for c in out["cells"]] == ["1", "1/2", "1/2", "0"]
    assert [c["genuine"] for c in out["cells"]] == [True, True, True, False]
    for bad, key in (("hinge", "network.loss"), ("fixed-output", "network.output")):
        r = _cli(f"examples/liu/{bad}.toml")
        assert r.returncode == 2 and key in r.stderr and "Traceback" not in r.stderr
        assert len(r.stderr.strip().splitlines()) == 1
    r = _cli("examples/liu/two-units.toml", "--certificate", str(tmp_path), "--format", "latex")
    assert r.returncode == 0 and "\\toprule" in r.stdout
    files = sorted(p.name for p in tmp_path.iterdir())
    assert "atlas.json" in files and any(f.startswith("discrepancy-") for f in files)
    for f in tmp_path.iterdir():
        kernel.check_file(str(f))


# ---------------------------------------------------------------- saddles (Theorem 2) and Theorem 3
def test_fig2_negative_saddle_at_zero_output_and_corruption():
    from exactrelu.certify.liu import saddle_certificate
    from exactrelu.liu.saddles import saddles

    wit = dict(unit_rows(FIG2NEG))[(1, 1)]
    (sd,) = saddles(FIG2NEG, ((1, 1),), (wit,))
    # J = {}: e = −y = (−1, 1), g = (−1, 1), w on g·w = 0 inside the cell: w ∥ (1, 1), z = 0
    assert sd.genuine and sd.output == (F(0),) and sd.weights[0][0] == sd.weights[0][1] > 0
    doc = saddle_certificate(FIG2NEG, sd)
    assert kinds(doc) == ["liu-saddle"] and doc["claim"]["saddle"] is True
    bad = copy.deepcopy(doc)
    bad["evidence"]["weights"][0] = ["2", "1"]
    with pytest.raises(CheckFailure):
        kernel.check_document(bad)
    # in the plateau cell 00 the gradient vanishes: no saddle, certified
    (flat,) = saddles(FIG2NEG, ((0, 0),), (dict(unit_rows(FIG2NEG))[(0, 0)],))
    assert not flat.genuine and flat.reason == "zero-gradient"
    doc = saddle_certificate(FIG2NEG, flat)
    assert kinds(doc) == ["liu-saddle"] and doc["claim"]["saddle"] is False
    bad = copy.deepcopy(doc)
    bad["claim"]["saddle"] = True
    with pytest.raises(CheckFailure):
        kernel.check_document(bad)


def test_theorem3_system_rebuilt_and_certified():
    from exactrelu.certify.liu import nondiff_certificate
    from exactrelu.liu.saddles import nondiff_matrix, nondiff_system

    d, rhs = nondiff_matrix(FIG2NEG, ((0, 1),), 0, 0)
    # block m: Σ_{i≠n} I_im y_i ((x_i·x_n) x_n − |x_n|² x_i) = −1·(0 − (0, 1)) = (0, 1); last row x_1ᵀ
    assert rhs == (F(0), F(1), F(0)) and d[-1] == (F(1), F(0))
    s = nondiff_system(FIG2NEG, ((0, 1),), 0, 0)
    assert s.soluble and kernel.check_document(nondiff_certificate(FIG2NEG, s))
    doc = nondiff_certificate(FIG2NEG, s)
    bad = copy.deepcopy(doc)
    bad["evidence"]["point"][1] = "5"
    with pytest.raises(CheckFailure):
        kernel.check_document(bad)


# ---------------------------------------------------------------- Theorem 3 in full (eqs. 27–30)
# Hand case: x_1 = (1,0) (the wall), x_2 = (1,1), x_3 = (−1,1), one unit, cell 011, w on x_1's wall.
# D R = d gives R = (0, r) with e_2 + e_3 = 0, so r = (y_2 + y_3)/2 = 1; g·x_1 = e_2 − e_3 = −2 and
# (30) needs −2 − y_1 > 0: a minimum for y_1 = −3 (loss ½(9 + 1 + 1) = 11/2), none for y_1 = −1.
NONDIFF = inst([[1, 0], [1, 1], [-1, 1]], [-3, 2, 0])
NONDIFF_NO = inst([[1, 0], [1, 1], [-1, 1]], [-1, 2, 0])


def _net_loss(instance, w, z):  # type: ignore[no-untyped-def]
    """½ Σ (Σ_u z_u relu(w_u·x) − y)², straight from the network (an independent route)."""
    out = F(0)
    for x, y in zip(instance.points, instance.targets, strict=True):
        f = sum(
            (
                zu * max(F(0), sum((a * b for a, b in zip(wu, x, strict=True)), F(0)))
                for wu, zu in zip(w, z, strict=True)
            ),
            F(0),
        )
        out += (f - y) ** 2
    return out / 2


def _one_sided_slope(instance, w, z, m, direction):  # type: ignore[no-untyped-def]
    """Exact right derivative of t ↦ L(w_m + t·direction) at 0: L is quadratic on [0, 2h] for an h
    small enough that no other point changes side (so three exact values determine the slope)."""

    def dot_(a, b):  # type: ignore[no-untyped-def]
        return sum((p * q for p, q in zip(a, b, strict=True)), F(0))

    margins = [abs(dot_(wu, x)) for wu in w for x in instance.points if dot_(wu, x)]
    speed = max([abs(dot_(direction, x)) for x in instance.points] + [F(1)])
    h = min(margins + [F(1)]) / (4 * speed)

    def at(t):  # type: ignore[no-untyped-def]
        moved = [list(r) for r in w]
        moved[m] = [a + t * b for a, b in zip(w[m], direction, strict=True)]
        return _net_loss(instance, moved, z)

    l0 = at(F(0))
    return (4 * (at(h) - l0) - (at(2 * h) - l0)) / (2 * h)


def test_theorem3_hand_case_minimum_and_refutation():
    from exactrelu.certify.certificates import certificate
    from exactrelu.certify.liu import nondiff_claim
    from exactrelu.liu.nondifferentiable import decide_nondiff

    pat, wit = ((0, 1, 1),), ((F(-1), F(2)),)
    v = decide_nondiff(NONDIFF, pat, 0, 0, wit)
    assert v.minimum and v.signs == (1,) and v.loss == F(11, 2)
    assert v.weights == ((F(0), F(1)),) and v.output == (F(1),)
    # independent route: both one-sided slopes across the wall are positive, and exactly
    # −z g·x_1 = 2 into cell 1 and z(g·x_1 + e_1|x_1|²) = −2 + 3 = 1 into cell 2
    assert _one_sided_slope(NONDIFF, v.weights, v.output, 0, (F(-1), F(0))) == 2
    assert _one_sided_slope(NONDIFF, v.weights, v.output, 0, (F(1), F(0))) == 1
    assert _net_loss(NONDIFF, v.weights, v.output) == F(11, 2)
    doc = certificate(*nondiff_claim(v), NONDIFF)
    assert kinds(doc) == ["liu-theorem3"] and doc["claim"]["holds"] is True
    for corrupt in (
        lambda d: d["evidence"]["weights"][0].__setitem__(0, "1/100"),  # off the wall
        lambda d: d["evidence"]["output"].__setitem__(0, "2"),  # D R = d fails
        lambda d: d["claim"].__setitem__("loss", "5"),
        lambda d: d["claim"].__setitem__("pattern", ["111"]),  # A_mn must be 0
        lambda d: d["instance"]["data"]["targets"].__setitem__(0, "-1"),  # (30) fails
    ):
        bad = copy.deepcopy(doc)
        corrupt(bad)
        with pytest.raises(CheckFailure):
            kernel.check_document(bad)
    # y_1 = −1: (30) reads −2 + 1 > 0, false; z < 0 needs r < 0 but r = 1: both branches refuted
    no = decide_nondiff(NONDIFF_NO, pat, 0, 0, wit)
    assert not no.minimum and [s for s, _ in no.refutations] == [(1,), (-1,)]
    assert _one_sided_slope(NONDIFF_NO, ((F(0), F(1)),), (F(1),), 0, (F(1), F(0))) == -1  # descent into cell 2
    doc = certificate(*nondiff_claim(no), NONDIFF_NO)
    assert kinds(doc) == ["liu-theorem3"] and doc["claim"]["holds"] is False
    bad = copy.deepcopy(doc)
    bad["evidence"]["refutations"][0]["multipliers"]["equal"][-1] = "-3"
    with pytest.raises(CheckFailure):
        kernel.check_document(bad)
    bad = copy.deepcopy(doc)
    del bad["evidence"]["refutations"][1]
    with pytest.raises(CheckFailure):
        kernel.check_document(bad)
    # the same refutations do not transfer to the instance that has a minimum
    bad = copy.deepcopy(doc)
    bad["instance"]["data"]["targets"][0] = "-3"
    with pytest.raises(CheckFailure):
        kernel.check_document(bad)


def test_theorem3_in_atlas_certificate_and_json():
    a = atlas(NONDIFF)
    (cell,) = [c for c in a.cells if c.nondiff_minima]
    assert cell.pattern == ((0, 1, 1),) and a.nondiff_count == 1
    doc = atlas_doc(a)
    assert doc["claim"]["liu_walls"] == "1" and kinds(doc)[-1] == "liu-atlas"
    bad = copy.deepcopy(doc)
    bad["claim"]["liu_walls"] = "0"
    with pytest.raises(CheckFailure):
        kernel.check_document(bad)
    from exactrelu.render.liu import atlas_json

    js = atlas_json(a)
    assert js["nondiff_minima"] == 1
    (entry,) = [c for c in js["cells"] if c["nondiff_minima"]]
    assert entry["nondiff_minima"] == [
        {"unit": 0, "point": 0, "signs": "+", "weights": [["0", "1"]], "output": ["1"], "loss": "11/2"}
    ]
    assert atlas(NONDIFF_NO).nondiff_count == 0


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_theorem3_system_always_soluble_and_matches_slopes(data):
    """D R = d is the KKT system of min L_1 on R_m·x_n = 0, so it is always soluble; and every
    Theorem-3 point found has positive one-sided slopes across its wall (network forward pass)."""
    from exactrelu.liu.nondifferentiable import decide_nondiff
    from exactrelu.liu.saddles import nondiff_system, wall_faces

    n = data.draw(st.integers(2, 4))
    d1 = data.draw(st.integers(1, 2))
    ent = st.integers(-2, 2)
    pts = data.draw(st.lists(st.tuples(ent, ent).filter(any), min_size=n, max_size=n, unique=True))
    y = data.draw(st.lists(st.integers(-3, 3), min_size=n, max_size=n))
    instance = inst([list(p) for p in pts], y, d1)
    for pattern, wit in islice(cells(instance), 12):
        for m, p in wall_faces(instance, pattern):
            assert nondiff_system(instance, pattern, m, p).soluble
            v = decide_nondiff(instance, pattern, m, p, wit)
            if v.minimum:
                xn = instance.points[p]
                assert _one_sided_slope(instance, v.weights, v.output, m, xn) > 0
                assert _one_sided_slope(instance, v.weights, v.output, m, [-c for c in xn]) > 0


def test_theorem3_insoluble_claim_rejected_since_d_r_d_always_soluble():
    """No u with uᵀD = 0, uᵀd = 1 exists (D R = d is a KKT system), so `soluble: false` never checks."""
    from exactrelu.certify.liu import nondiff_certificate
    from exactrelu.liu.saddles import nondiff_matrix, nondiff_system

    s = nondiff_system(NONDIFF, ((0, 1, 1),), 0, 0)
    assert s.soluble and s.solution == (F(0), F(1))
    dm, dv = nondiff_matrix(NONDIFF, ((0, 1, 1),), 0, 0)
    doc = nondiff_certificate(NONDIFF, s)
    doc["claim"]["soluble"] = False
    del doc["evidence"]["point"]
    for u in ([F(1), F(0), F(0)], [F(0), F(-1), F(0)], [F(0), F(0), F(1)]):
        doc["evidence"]["multipliers"] = {"strict": [], "weak": [], "equal": [str(v) for v in u]}
        with pytest.raises(CheckFailure):
            kernel.check_document(doc)
    # the u a broken producer might emit for d: the column space of D contains d, so uᵀd = 0 whenever uᵀD = 0
    for u in linalg.nullspace([tuple(dm[i][c] for i in range(len(dm))) for c in range(len(dm[0]))], len(dm)):
        assert sum((a * b for a, b in zip(u, dv, strict=True)), F(0)) == 0


def test_search_finds_both_kinds_of_discrepancy_first_in_order() -> None:
    """The deterministic search of exactrelu.liu.search: the first "zero-output" cell is x = (−1,−1), (−1,0),
    y = (−1, 0), cell 01 (the minimiser on x_2 has <R, x_2> = 0 = y_2: only z = 0 realises it); the first
    "boundary" cell has three points, all targets −1, cell 101, where Liu's printed criterion holds but no
    minimiser lies in the open cell."""
    from exactrelu.liu.minima import decide_printed
    from exactrelu.liu.search import find_discrepancies

    found = find_discrepancies()
    assert sorted(found) == ["boundary", "zero-output"]
    zero, wall = found["zero-output"], found["boundary"]
    assert zero.instance.raw_points == ((-1, -1), (-1, 0)) and zero.instance.targets == (-1, 0)
    assert zero.pattern == ((0, 1),)
    assert wall.instance.raw_points == ((-1, -1), (-1, 0), (0, -1)) and set(wall.instance.targets) == {-1}
    assert wall.pattern == ((1, 0, 1),)
    assert decide_printed(wall.instance, wall.pattern).holds


def test_wall_verdicts_cover_every_inactive_entry_and_reuse_the_atlas():
    # every (m, n) with A_mn = 0, in order; the walls the atlas decided (non-empty face) are its very verdicts,
    # and the others are refuted (an empty face carries no point at all)
    a = atlas(inst([[1, 0], [1, 1], [-1, 1]], [-3, 2, 0]))
    walls = wall_verdicts(a)
    for c, vs in zip(a.cells, walls, strict=True):
        assert [(v.unit, v.point) for v in vs] == [(m, n) for m, row in enumerate(c.pattern)
                                                   for n, active in enumerate(row) if not active]
        mine = {(v.unit, v.point): v for v in c.nondiff_verdicts}
        assert all(v is mine[(v.unit, v.point)] for v in vs if (v.unit, v.point) in mine)
        assert all(not v.minimum and v.refutations for v in vs if (v.unit, v.point) not in mine)
    assert sum(v.minimum for vs in walls for v in vs) == a.nondiff_count == 1


def test_leaky_atlas_least_losses_by_hand():
    # slope ½ on Fig. 2 with y = (1, −1): M = diag(a_1, a_2) is invertible in every cell (loss 0), and the genuine
    # minima are in cells 01 and 10 (R* = z w with z < 0, z > 0)
    la = leaky_cells(instance_from_mapping({"data": {"points": [[1, 0], [0, 1]], "targets": [1, -1]},
                                            "network": {"hidden": [1], "activation": "leaky:1/2"}}))
    assert [c.exact.genuine for c in la.cells] == [False, True, True, False]
    assert la.min_loss == 0 == la.best_genuine_loss and la.instance.alpha == F(1, 2)
