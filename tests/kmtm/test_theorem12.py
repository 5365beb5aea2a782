"""Theorem 12 (KMTM slides): exact anticoncentration and full-rank probability against hand computations and
brute-force routes."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exactrelu.core import linalg
from exactrelu.core.instance import InstanceError, instance_from_mapping
from exactrelu.kmtm.theorem12 import anticoncentration, theorem12
from exactrelu.kmtm.volume import weighted_full_rank_bruteforce

F = Fraction


def line(ts, d1=2, **net):
    return instance_from_mapping({"data": {"points": [[t] for t in ts], "targets": [0] * len(ts), "bias": True},
                                  "network": {"hidden": [d1], **net}})


def test_two_points_by_hand() -> None:
    # x = 0, 1 with bias: P(00) = P(11) = 3/8 (area 3/2 of 4), P(10) = P(01) = 1/8.  The heaviest line
    # through 0 is span(11), holding 00 and 11: mass 3/4, so γ = 1/4.
    gamma, heaviest, probs = anticoncentration(line([0, 1]))
    assert dict(probs) == {(0, 0): F(3, 8), (1, 1): F(3, 8), (1, 0): F(1, 8), (0, 1): F(1, 8)}
    assert gamma == F(1, 4) and set(heaviest) == {(0, 0), (1, 1)}


def brute_gamma(probs) -> Fraction:
    """Every subset of the rows lying in one hyperplane (rank < n): the heaviest one's complement."""
    rows = [a for a, _ in probs]
    n = len(rows[0])
    best = F(0)
    for k in range(len(rows) + 1):
        for sub in itertools.combinations(range(len(rows)), k):
            if linalg.rank([rows[i] for i in sub] or [[0] * n]) < n:
                best = max(best, sum((probs[i][1] for i in sub), F(0)))
    return 1 - best


@settings(max_examples=15, deadline=None)
@given(st.lists(st.builds(F, st.integers(-3, 3), st.integers(1, 3)), min_size=2, max_size=4, unique=True),
       st.integers(1, 3))
def test_against_brute_force(ts, d1) -> None:
    inst = line(ts, d1)
    r = theorem12(inst)
    assert sum((p for _, p in r.probabilities), F(0)) == 1
    assert r.gamma == brute_gamma(list(r.probabilities))
    rows = [a for a, _ in r.probabilities]
    assert r.fullrank == weighted_full_rank_bruteforce(inst.points, rows, [p for _, p in r.probabilities], d1)
    assert r.verdict in ("holds", "fails", "vacuous")
    assert r.hypotheses == {"d0 = 1": True, "bias": True, "n ≥ 2 distinct (generic) points": True}


def test_verdicts() -> None:
    # γ = 1/4, n = 2: t = (1/128)(d1 − 24); d1 = 2 is vacuous, d1 = 40 makes ε_T = e^(−1/8) < 1 and the
    # full-rank probability 1 − (3/4)^40·… is far above 1 − ε_T.
    assert theorem12(line([0, 1], 2)).verdict == "vacuous"
    r = theorem12(line([0, 1], 40))
    assert r.t == F(1, 8) and r.verdict == "holds"


@pytest.mark.parametrize("net, key", [({"activation": "leaky:1/2"}, "network.activation"),
                                      ({"output": ["1", "1"]}, "network.output")])
def test_refusals(net, key) -> None:
    with pytest.raises(InstanceError, match=key):
        theorem12(line([0, 1], 2, **net))


def test_hypotheses_first() -> None:
    # repeated points are not generic: the theorem says nothing (vacuous), no measurement
    r = theorem12(line([0, 0, 1], 3))
    assert r.verdict == "vacuous" and "distinct" in r.reason and r.probabilities == ()


def test_cli_theorem_12(tmp_path) -> None:
    import json

    from conftest import run_cli

    path = tmp_path / "two.toml"
    path.write_text('[data]\npoints = [[0], [1]]\ntargets = [0, 0]\nbias = true\n[network]\nhidden = [40]\n')
    doc = json.loads(run_cli("theorem", "12", str(path), "--json").stdout)
    assert doc["verdict"] == "holds" and doc["numbers"]["gamma"] == "1/4"
