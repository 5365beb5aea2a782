"""Reports of sweep results: the table (Markdown, CSV, LaTeX) and the plots of ``exactrelu report`` and of the
main job's shipped sweep tables (``proofs/sweeps/``)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..render.tables import render
from .sweep import STATUS_ORDER, describe_instance

__all__ = ["ReportError", "detail_cell", "report_table", "plot", "bars_figure", "curve", "plot_curves",
           "curves_figure"]


class ReportError(ValueError):
    """A report asked for a detail key the results do not have (the command line turns it into exit 2)."""


def detail_cell(v: Any) -> str:
    """A detail value as table text: yes/no, "-" for none, {i,j} for an index set; never a Python repr."""
    if v is None:
        return "-"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, list):
        return "{" + ",".join(map(str, v)) + "}"
    return str(v)


def report_table(rows: list[dict[str, Any]], fmt: str = "markdown", decimal: bool = False) -> str:
    """All rows, counterexamples first, one column per detail key (exact p/q strings as written)."""
    from fractions import Fraction

    from ..render.tables import decimal as dec

    order = {s: i for i, s in enumerate(STATUS_ORDER)}
    rows = sorted(rows, key=lambda r: (order.get(r["status"], 9), r["index"]))
    keys: list[str] = []
    for r in rows:
        for k in r.get("detail") or {}:
            if k not in keys:
                keys.append(k)
    fractional = set()
    if decimal:
        for k in keys:
            vals = [r["detail"].get(k) for r in rows if r.get("detail")]
            if vals and all(isinstance(v, str) and _is_rational(v) for v in vals if v is not None):
                fractional.add(k)
    header = ["#", "status", "weight", "data"]
    for k in keys:
        header += [k, f"{k} (decimal)"] if k in fractional else [k]
    header.append("certificate")
    body = []
    for r in rows:
        line = [
            str(r["index"]),
            r["status"],
            str(r.get("weight", 1)),
            describe_instance(r["instance"]),
        ]
        for k in keys:
            v = (r.get("detail") or {}).get(k)
            line.append(
                detail_cell(v) if not r.get("error") or k != keys[0] else r.get("error") or ""
            )
            if k in fractional:
                line.append(dec(Fraction(v)) if v is not None else "-")  # display-only
        line.append(r.get("certificate") or "")
        body.append(line)
    return render(header, body, fmt)


def _is_rational(s: str) -> bool:
    from fractions import Fraction

    try:
        Fraction(s)
    except (ValueError, ZeroDivisionError):
        return False
    return True


def plot(rows: list[dict[str, Any]], path: str, by: str = "n", title: str = "") -> None:
    """Stacked bars of weighted status counts against ``by`` (n, d or a numeric detail), one colour per verdict
    with a legend, a tick at each value of ``by`` only; ``title`` (default: what is counted against what)."""
    from ..render.plotting import save_figure

    save_figure(bars_figure(rows, by, title), path)


def bars_figure(rows: list[dict[str, Any]], by: str = "n", title: str = "") -> Any:
    """The figure of :func:`plot`."""
    from ..render.plotting import pyplot

    plt = pyplot()

    xof = [str(_xvalue(r, by, rows)) for r in rows]  # one instance rebuild per row, not per bar
    xs = sorted(set(xof), key=lambda s: (len(s), s))
    fig, ax = plt.subplots(figsize=(6, 3.5), layout="constrained")
    bottom = [0] * len(xs)
    colours = {
        "fails": "#c0392b",
        "undecided": "#8e44ad",
        "vacuous": "#95a5a6",
        "holds": "#27ae60",
    }
    for status in reversed(STATUS_ORDER):
        h = [
            sum(int(r.get("weight", 1)) for r, xr in zip(rows, xof, strict=True) if r["status"] == status and xr == x)
            for x in xs
        ]
        if any(h):
            ax.bar(xs, h, bottom=bottom, label=status, color=colours[status])
            bottom = [b + v for b, v in zip(bottom, h, strict=True)]
    ax.set_xlabel(by)
    ax.set_ylabel("data sets (weighted by orbit size)")
    handles, labels = ax.get_legend_handles_labels()  # listed top to bottom, as the bars are stacked
    ax.legend(handles[::-1], labels[::-1], title="verdict", fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    ax.set_title(_wrapped(title or f"verdicts against {by}"), fontsize=10)
    return fig


def _xvalue(r: dict[str, Any], by: str, rows: list[dict[str, Any]]) -> Any:
    from ..core.instance import instance_from_mapping

    if by in ("n", "d", "d1", "d0"):
        return getattr(instance_from_mapping(r["instance"]), by)
    v = (r.get("detail") or {}).get(by)
    if v is None:
        raise ReportError(
            f"--by {by}: not a detail key of these results (keys: "
            f"{', '.join(sorted({k for x in rows for k in (x.get('detail') or {})}))})"
        )
    return v


def curve(rows: list[dict[str, Any]], key: str, by: str = "d1") -> dict[str, list[tuple[Any, Fraction, int]]]:
    """Per ``n``: ``(x, mean, instances)`` with the exact orbit-weighted mean of the rational detail ``key``.

    Rows without the key (outside the hypotheses, errors) are left out.

    >>> rows = [{"instance": {"data": {"points": [["1"], ["2"]], "targets": ["1", "1"]},
    ...          "network": {"hidden": [h], "output": ["1"] * h}}, "weight": w, "detail": {"fraction": f}}
    ...         for h, w, f in [(1, 1, "1/4"), (2, 1, "1/2"), (2, 3, "1")]]
    >>> curve(rows, "fraction")
    {'n=2': [(1, Fraction(1, 4), 1), (2, Fraction(7, 8), 2)]}
    """
    groups: dict[tuple[int, Any], list[tuple[Fraction, int]]] = {}
    for r in rows:
        v = (r.get("detail") or {}).get(key)
        if v is None or not _is_rational(str(v)):
            continue
        n = len(r["instance"]["data"]["points"])
        groups.setdefault((n, _xvalue(r, by, rows)), []).append((Fraction(str(v)), int(r.get("weight", 1))))
    if not groups:
        raise ReportError(f"--curve {key}: no row has a rational detail {key!r}")
    out: dict[str, list[tuple[Any, Fraction, int]]] = {}
    for (n, x), vals in sorted(groups.items(), key=lambda kv: (kv[0][0], _sortable(kv[0][1]))):
        mean = sum((q * w for q, w in vals), Fraction(0)) / sum(w for _, w in vals)
        out.setdefault(f"n={n}", []).append((x, mean, len(vals)))
    return out


def _sortable(x: Any) -> Any:
    try:
        return (0, Fraction(str(x)))
    except (ValueError, ZeroDivisionError):
        return (1, str(x))


def plot_curves(series: dict[str, list[tuple[Any, Fraction, int]]], path: str, by: str, key: str,
                title: str = "") -> None:
    """Lines of the exact means (floats only for drawing), one style per curve, with a legend and a title."""
    from ..render.plotting import save_figure

    save_figure(curves_figure(series, by, key, title), path)


def _wrapped(title: str, width: int = 55) -> str:
    """A title in lines short enough to stay inside the canvas above the axes."""
    import textwrap

    return "\n".join(textwrap.wrap(title, width))


def curves_figure(series: dict[str, list[tuple[Any, Fraction, int]]], by: str, key: str, title: str = "") -> Any:
    """The figure of :func:`plot_curves`; integer ticks when ``by`` takes integer values only."""
    from ..render.plotting import STYLES, pyplot

    plt = pyplot()

    fig, ax = plt.subplots(figsize=(6, 4), layout="constrained")
    for i, (label, pts) in enumerate(series.items()):
        xs = [float(Fraction(str(x))) for x, _, _ in pts]  # display-only
        ax.plot(xs, [float(m) for _, m, _ in pts], label=label, **STYLES[i % len(STYLES)])  # display-only
    values = {Fraction(str(x)) for pts in series.values() for x, _, _ in pts}
    if all(v.denominator == 1 for v in values):  # an integer parameter (n, d1, ...): a tick at each value only
        ax.set_xticks(sorted(int(v) for v in values))
    ax.set_xlabel(by)
    ax.set_ylabel(f"mean {key} (weighted by orbit size)")
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    ax.set_title(_wrapped(title or f"exact mean {key} against {by}"), fontsize=10)
    return fig
