"""Every sub-command's ``--help`` has a description and at least two runnable examples, and they run (issue 13).

The examples are the lines under ``Examples:`` in each help text that start with ``exactrelu``; a comment
follows after two or more spaces.  Each runs in a fresh temporary directory holding a copy of ``examples/``,
so every ``--certificate``/``--plot``/``--out`` path lands there; ``exactrelu`` is a shim for this checkout.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from exactrelu.cli.main import build_parser

ROOT = Path(__file__).resolve().parents[2]
COMMANDS = ["regions", "check", "reproduce", "jacobian", "theorem", "table", "liu", "lvb", "generic", "separable",
            "penalty", "landscape", "sweep", "report"]


def help_text(command: str) -> str:
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    return sub.choices[command].format_help()  # type: ignore[attr-defined]


def examples(text: str) -> list[str]:
    """The example command lines of one help text (``Examples:`` up to the next blank line)."""
    out, inside = [], False
    for line in text.splitlines():
        if line.startswith("Examples"):
            inside = True
        elif inside and not line.strip():
            inside = False
        elif inside and line.strip().startswith("exactrelu "):
            out.append(re.split(r"\s{3,}|\s{2,}(?=[a-z(])", line.strip())[0])
    return out


def test_example_extraction() -> None:
    text = "x\n\nExamples:\n  exactrelu a b   a comment\n  exactrelu c && exactrelu d\n\n  exactrelu e\n"
    assert examples(text) == ["exactrelu a b", "exactrelu c && exactrelu d"]


def test_every_command_is_covered() -> None:
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert sorted(sub.choices) == sorted(COMMANDS)  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", COMMANDS)
def test_help_has_description_and_two_examples(command: str) -> None:
    text = help_text(command)
    description = text.split("\n\n")[1]
    assert len(description.split()) >= 15, description  # a paragraph, not a phrase
    assert len(examples(text)) >= 2
    assert "SPEC" not in text and "../shared" not in text


def test_theorem_numbers_are_named() -> None:
    text = help_text("theorem")
    for label in ("2 = Theorem 2", "5 = Corollary 5", "11 = Proposition 11", "13 = Proposition 13"):
        assert label in " ".join(text.split())
    assert "Theorem 11" not in text and "Theorem 13" not in text


def test_top_level_help_names_whose_theorem_7() -> None:
    text = " ".join(build_parser().format_help().split())
    assert "KMTM's Theorem 7" in text and "LvB's Theorem 7" in text


@pytest.fixture(scope="module")
def shim(tmp_path_factory: pytest.TempPathFactory) -> Path:
    bin_dir = tmp_path_factory.mktemp("bin")
    exe = bin_dir / "exactrelu"
    exe.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m exactrelu "$@"\n')
    exe.chmod(0o755)
    return bin_dir


@pytest.mark.parametrize("command", COMMANDS)
def test_examples_run(command: str, shim: Path, tmp_path: Path) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    env = {**os.environ, "PATH": f"{shim}{os.pathsep}{os.environ['PATH']}",
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    for line in examples(help_text(command)):
        r = subprocess.run(["bash", "-c", "set -e -o pipefail; " + line], cwd=tmp_path, env=env,
                           capture_output=True, text=True, timeout=600)
        assert r.returncode == 0, f"{line}\n{r.stderr[-2000:]}"


@pytest.mark.parametrize(("number", "label"), [("11", "Proposition 11"), ("13", "Proposition 13"),
                                               ("5", "Corollary 5"), ("7", "Theorem 7")])
def test_theorem_output_names_the_result(number: str, label: str, capsys: pytest.CaptureFixture[str]) -> None:
    from exactrelu.cli.main import main

    assert main(["theorem", number, "@oned-bias"]) == 0
    assert capsys.readouterr().out.startswith(f"{label} (KMTM): ")
