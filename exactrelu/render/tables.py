"""Exact tables rendered as Markdown, CSV or LaTeX (booktabs).

Cells are strings; exact fractions should be formatted with
:func:`exactrelu.core.rationals.format_rational` before they get here, and a
decimal column, if wanted, is added by :func:`decimal` (display only).

>>> print(render(["n", "count"], [["3", "8"]], "markdown"))
| n | count |
|---|---|
| 3 | 8 |
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from fractions import Fraction

__all__ = ["render", "decimal", "FORMATS"]

FORMATS = ("markdown", "csv", "latex")


_LATEX = {
    "\\": "\\textbackslash{}", "&": "\\&", "%": "\\%", "_": "\\_", "#": "\\#", "$": "\\$", "{": "\\{",
    "}": "\\}", "^": "\\textasciicircum{}", "~": "\\textasciitilde{}", "<": "\\textless{}",
    ">": "\\textgreater{}", "≥": "$\\geq$", "≤": "$\\leq$", "−": "$-$", "≠": "$\\neq$", "∂": "$\\partial$",
    "ε": "$\\varepsilon$", "α": "$\\alpha$", "γ": "$\\gamma$", "λ": "$\\lambda$", "·": "$\\cdot$",
    "≈": "$\\approx$", "∈": "$\\in$", "–": "--", "—": "---",
}
"""LaTeX for the characters that are special in text mode or outside pdflatex's default input encoding: each
character is replaced once (a character-by-character map, so no replacement is escaped twice)."""


def decimal(q: Fraction, digits: int = 6) -> str:
    """A rounded decimal string for display (exact integer arithmetic, no float).

    >>> decimal(Fraction(2, 3)), decimal(Fraction(-1, 8), 2)
    ('0.666667', '-0.13')
    """
    scale = 10**digits
    scaled = (abs(q.numerator) * scale * 2 + q.denominator) // (2 * q.denominator)
    sign = "-" if q < 0 and scaled else ""
    whole, frac = divmod(scaled, scale)
    return f"{sign}{whole}.{frac:0{digits}d}"


def render(header: Sequence[str], rows: Sequence[Sequence[str]], fmt: str = "markdown") -> str:
    """``header`` and ``rows`` as a markdown, CSV or LaTeX table (``fmt`` in :data:`FORMATS`).

    >>> print(render(["n", "fraction"], [["2", "3/8"]]))
    | n | fraction |
    |---|---|
    | 2 | 3/8 |
    """
    if fmt == "markdown":
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
        return "\n".join(lines)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
        return buf.getvalue().rstrip("\n")
    if fmt == "latex":
        def esc(s: str) -> str:
            return "".join(_LATEX.get(c, c) for c in s)

        lines = ["\\begin{tabular}{" + "l" * len(header) + "}", "\\toprule",
                 " & ".join(esc(h) for h in header) + " \\\\", "\\midrule"]
        lines += [" & ".join(esc(c) for c in r) + " \\\\" for r in rows]
        lines += ["\\bottomrule", "\\end{tabular}"]
        return "\n".join(lines)
    raise ValueError(f"unknown table format {fmt!r}; use one of {', '.join(FORMATS)}")
