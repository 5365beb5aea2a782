"""The trusted kernel stays small, standard-library only, and independent of the producer (issue: kernel 2)."""

from __future__ import annotations

import ast
import io
import subprocess
import sys
import tokenize
from pathlib import Path

PACKAGE = Path(__file__).parents[2] / "exactrelu"
KERNEL = PACKAGE / "kernel"
MAX_CODE_LINES = 1200


def code_lines(path: Path) -> int:
    """Lines holding code: not blank, not only a comment, not inside a docstring."""
    text = path.read_text(encoding="utf-8")
    docstrings = set()
    for node in ast.walk(ast.parse(text)):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) and isinstance(
                getattr(body[0], "value", None), ast.Constant) and isinstance(body[0].value.value, str):
            docstrings.update(range(body[0].lineno, body[0].end_lineno + 1))
    lines = set()
    for tok in tokenize.generate_tokens(io.StringIO(text).readline):
        if tok.type in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT,
                        tokenize.ENDMARKER):
            continue
        lines.update(r for r in range(tok.start[0], tok.end[0] + 1) if r not in docstrings)
    return len(lines)


FRONT_END = {"front.py", "__main__.py"}
"""Reading files and printing the verdicts: not the parser, primitives and semantics the bound is about."""


def test_kernel_is_small() -> None:
    total = sum(code_lines(p) for p in KERNEL.glob("*.py") if p.name not in FRONT_END)
    assert total <= MAX_CODE_LINES, f"the trusted kernel has {total} lines of code (at most {MAX_CODE_LINES})"


def _imports(path: Path) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            out.add("." * node.level + (node.module or ""))
    return out


def test_kernel_imports_only_the_standard_library_and_itself() -> None:
    for path in KERNEL.glob("*.py"):
        for name in _imports(path):
            if name.startswith("."):
                assert not name.startswith(".."), f"{path.name} imports {name} from outside the kernel"
                continue
            top = name.split(".")[0]
            assert top in sys.stdlib_module_names, f"{path.name} imports {name}, not in the standard library"


def test_producer_never_imports_the_kernel() -> None:
    # they *run* it: `exactrelu check`, and the main job checking every certificate it writes
    allowed = {PACKAGE / "cli" / "main.py", PACKAGE / "cli" / "commands" / "check.py",
               PACKAGE / "sweeps" / "reproduce.py"}
    for path in PACKAGE.rglob("*.py"):
        if KERNEL in path.parents or path in allowed:
            continue
        for name in _imports(path):
            assert "kernel" not in name.split("."), f"{path.relative_to(PACKAGE)} imports {name}"


def test_check_loads_no_heavy_library(tmp_path: Path) -> None:
    code = ("import sys; from exactrelu.cli.main import main\n"
            "try:\n    main(['check', sys.argv[1]])\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('flint', 'cdd', 'sympy', 'networkx', 'numpy', 'matplotlib', 'dask', 'rich')"
            " if m in sys.modules]\nprint('HEAVY:' + ','.join(heavy))")
    cert = tmp_path / "c.json"
    cert.write_text("{}", encoding="utf-8")
    out = subprocess.run([sys.executable, "-c", code, str(cert)], capture_output=True, text=True, check=True)
    assert "FAILED" in out.stdout  # the empty object is no certificate
    heavy = out.stdout.rsplit("HEAVY:", 1)[1].strip()
    assert heavy == "", f"exactrelu check loaded {heavy}"
