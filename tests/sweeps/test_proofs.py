"""The shipped catalogue: every certificate in proofs/ re-checks with the kernel."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, run_cli

from exactrelu import kernel

PROOFS = sorted((ROOT / "proofs").rglob("*.json"))


def test_catalogue_is_not_empty():
    assert len(PROOFS) >= 20, "run ./dev reproduce to regenerate proofs/"
    assert (ROOT / "proofs" / "SUMMARY.md").exists()


@pytest.mark.parametrize("path", PROOFS, ids=lambda p: str(p.relative_to(ROOT / "proofs")))
def test_certificate_checks(path: Path):
    kernel.check_file(str(path))


def test_reproduce_regions_is_atomic_and_checked(tmp_path):
    out = tmp_path / "proofs"
    res = run_cli("reproduce", "--out", str(out), "--only", "regions")
    assert res.returncode == 0, res.stderr
    summary = (out / "SUMMARY.md").read_text()
    assert "| parallel | number of non-empty regions | 36 (Prop 3 form 100, not in general position)" in summary
    assert kernel.main([str(p) for p in out.rglob("*.json")]) == 0
    assert not list(out.glob(".reproduce.*"))  # no staging directory left behind
    # the shipped catalogue proves what the code proves now (regenerate with ./dev reproduce): the same claims
    # about the same instances; evidence may differ (another witness proves the same), and info is a label
    for fresh in (out / "regions").glob("*.json"):
        shipped = ROOT / "proofs" / "regions" / fresh.name
        assert shipped.exists(), f"proofs/regions/{fresh.name} is missing: regenerate proofs/"
        assert _proved(fresh) == _proved(shipped), f"proofs/regions/{fresh.name} is stale: regenerate proofs/"


def _proved(path: Path) -> list[tuple[str, str, str | None]]:
    """What a certificate proves, read by the kernel: (kind, one-line statement, instance sha256) per claim."""
    checked, sha = kernel.check_file(str(path))
    return [(c.kind, c.statement, sha) for c in checked]
