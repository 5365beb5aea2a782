"""``exactrelu lvb`` / ``generic`` / ``separable`` (cli/commands/lvb.py) and the Laurent–von Brecht catalogue job."""

from __future__ import annotations

import json

from exactrelu import kernel
from exactrelu.cli.main import main
from exactrelu.sweeps.jobs import lvb as job
from exactrelu.sweeps.reproduce import Catalogue


def test_lvb_cli_flat_minimum(tmp_path, capsys):
    cert = tmp_path / "c.json"
    png = tmp_path / "f.png"
    rc = main(["lvb", "examples/lvb/fig4.toml", "--point", "examples/lvb/fig4_point.toml", "--json",
               "--certificate", str(cert), "--png", str(png)])
    assert rc == 0
    out = json.loads(capsys.readouterr().out)
    assert out["clarke_critical"] is True and out["loss"] == "2/7" and out["type"] == "I"
    assert out["local_minimum"] is True and out["minimality_case"] == "cell" and out["minimality_certified"]
    assert out["cell"]["constant"] and out["hessian"] == "zero"
    assert [c.kind for c in kernel.check_file(str(cert))[0]] == ["lvb-analysis"]
    assert png.read_bytes()[:4] == b"\x89PNG"


def test_generic_and_separable_cli(tmp_path, capsys):
    assert main(["generic", "examples/lvb/fig4.toml", "--alpha", "1/2", "--depth", "1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["rare"] is False
    assert main(["generic", "examples/lvb/fig4.toml", "--alpha", "3/2", "--depth", "1"]) == 2
    assert "--alpha" in capsys.readouterr().err
    cert = tmp_path / "s.json"
    assert main(["separable", "examples/lvb/fig4.toml", "--certificate", str(cert)]) == 0
    assert kernel.check_file(str(cert))[0][-1].kind == "separable"


def test_generic_certificate_needs_alpha_power_within_the_kernels_digits(tmp_path, capsys):
    """The kernel reads rare/generic-data only with L · bits(denominator of α) ≤ 1200; the producer refuses beyond
    (exit 2, no file) and certifies at the limit (α = 1/2^1199: 1200 bits, L = 1), which the kernel accepts."""
    cert = tmp_path / "g.json"
    beyond = ["generic", "examples/lvb/fig4.toml", "--alpha", f"1/{2 ** 1200}", "--depth", "1", "--certificate"]
    assert main([*beyond, str(cert)]) == 2
    assert "--certificate" in capsys.readouterr().err and not cert.exists()
    assert main(["generic", "examples/lvb/fig4.toml", "--alpha", f"1/{2 ** 1199}", "--depth", "1", "--certificate",
                 str(cert)]) == 0
    assert kernel.check_file(str(cert))[0][-1].kind == "generic-data"


def test_bad_point_file_is_one_line_error(tmp_path, capsys):
    bad = tmp_path / "p.toml"
    bad.write_text("[[layers]]\nW = [[1, 0]]\n[output]\nV = [[1]]\n")
    assert main(["lvb", "examples/lvb/fig4.toml", "--point", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "layers[0].W" in err and len(err.strip().splitlines()) == 1


def test_catalogue_job():
    cat = Catalogue()
    job.run(cat)
    results = {r.certificate: r.result for r in cat.rows}
    flat, sharp = results["lvb/fig4-flat-clarke.json"], results["lvb/fig4-sharp-clarke.json"]
    assert flat.startswith("Clarke critical, local minimum yes (cell), loss 2/7, flat adjacent cell, type I,")
    assert sharp.startswith("Clarke critical, local minimum yes (convex), loss 2/7, type II")
    assert results["lvb/fig4-flat-leaky.json"] == "not critical"
    assert results["lvb/lvb-rare.json"].startswith("rare")
    assert results["lvb/lvb-generic.json"].startswith("generic")
    # Theorem 5: sub-optimal Figure-4 points with equal class weights are not critical for leaky ReLU.
    t5 = {k: v for k, v in results.items() if k.startswith("lvb/theorem5/")}
    assert t5 and set(t5.values()) == {"not-critical"}
    assert "found: 0" in cat.extra["lvb/theorem5.md"].decode()
    assert results["lvb/penalty-unequal.json"].startswith("E_γ not-critical, (i) False")
    assert results["lvb/penalty-trivial.json"].endswith("Theorem 7 holds")
