"""Listing topes by sweeping in one hyperplane at a time (deletion–restriction, with witnesses).

For distinct lines ``h_1 … h_m`` (primitive integer normals of the hyperplanes
``<w, h> = 0``) let ``A_k = {h_1 … h_k}``.  Adding ``h = h_{k+1}`` splits exactly
the regions of ``A_k`` that meet the hyperplane ``H = h^⊥``, and those are the
regions of the restriction ``A_k^H`` (Zaslavsky's deletion–restriction
``r(A_{k+1}) = r(A_k) + r(A_k^H)``).  So:

* a region of ``A_k`` not met by ``H`` keeps its witness ``w`` and gets the sign of ``<w, h>``
  (never 0: a witness on ``H`` would make ``H`` meet the region);
* a region met by ``H`` has a point ``u ∈ H`` inside it, a witness of the restricted region
  (listed recursively in ``H ≅ Q^{d−1}``); it becomes two regions with witnesses
  ``N·u ± h``, where ``N = 1 + max_i |<h, h_i>|``: ``u`` and the ``h_i`` are integer vectors,
  so ``|<u, h_i>| ≥ 1`` and the sign of ``<N·u ± h, h_i>`` is that of ``<u, h_i>``, while
  ``<N·u ± h, h> = ±|h|²``.

Coordinates on ``H``: with ``p`` the first index where ``h_p ≠ 0``, the vectors
``b_j = h_p e_j − h_j e_p`` (``j ≠ p``) are an integer basis of ``H``; the restricted
line of ``h_i`` is the primitive form of ``(<b_j, h_i>)_j`` (scaling a line never changes
a sign), lines that become parallel form one restricted line, and ``u = Σ_j v_j b_j``.

Every witness is an integer vector checked by construction; the tests check each
against its sign vector and the whole list against the cocircuit enumeration
(:mod:`exactrelu.topes`) and the characteristic polynomial (:mod:`exactrelu.counting`).
Cost: ``Σ_k r(A_k)`` sign tests plus the recursive listings, with restrictions that
repeat (symmetric data) listed once; no LP, no cocircuit enumeration.

Streaming (:func:`list_topes`): the topes inside one region ``R`` of the first ``j``
lines are consecutive in the order of :func:`exactrelu.topes.topes`, and inside ``R``
the same sweep runs on cones (:func:`cone_topes`: the regions that ``H`` meets inside
``R`` are the regions of ``A_k^H`` inside ``R ∩ H``, again one region of a prefix
arrangement); one ``R`` at a time, so about :data:`CHUNK` topes are held, not all.

>>> [t.signs for t in list_topes([[1, 0], [0, 1], [1, 1]])]
[(-1, -1, -1), (-1, 1, -1), (-1, 1, 1), (1, -1, -1), (1, -1, 1), (1, 1, 1)]
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from fractions import Fraction
from math import gcd

import numpy as np

from .rationals import integer_scaling
from .topes import Tope

__all__ = ["cone_topes", "list_topes", "list_topes_batch", "sweep_topes"]

IntVector = tuple[int, ...]
_SAFE = 2**62
#: About this many topes are held at a time by :func:`list_topes`.
CHUNK = 16384


def _oriented(v: Sequence[int]) -> tuple[IntVector, int]:
    """The primitive vector on the line of ``v`` with first nonzero entry positive, and the sign it took."""
    g = gcd(*v)
    lead = next(x for x in v if x)
    if lead < 0:
        g = -g
    return tuple(x // g for x in v), (1 if lead > 0 else -1)


def _lift_tables(classes: list[int]) -> list[list[int]]:
    """Byte tables: ``tables[b][byte]`` = the union of the class masks of the set bits of ``byte`` (block ``b``)."""
    tables = []
    for start in range(0, len(classes), 8):
        tab = [0] * 256
        for t in range(min(8, len(classes) - start)):
            bits, step = classes[start + t], 1 << t
            for block in range(step, 256, 2 * step):
                for b in range(block, block + step):
                    tab[b] |= bits
        tables.append(tab)
    return tables


def _restrict(lines: Sequence[IntVector], k: int, d: int) -> tuple[list[IntVector], list[int], int]:
    """The restriction of ``A_k = lines[:k]`` to ``H = lines[k]^⊥``, in the integer basis ``b_j`` of ``H``.

    Returns the restricted lines (ordered by their first member), the bitmask of
    the ``A_k`` lines in each class, and the bitmask of the lines whose sign flips
    (the restricted line is the negative of their image).
    """
    h = lines[k]
    p = next(i for i, a in enumerate(h) if a)
    others = [j for j in range(d) if j != p]
    index: dict[IntVector, int] = {}
    restricted: list[IntVector] = []
    classes: list[int] = []
    flipped = 0
    for i in range(k):
        line = lines[i]
        q, sign = _oriented([h[p] * line[j] - h[j] * line[p] for j in others])
        c = index.get(q)
        if c is None:
            c = index[q] = len(restricted)
            restricted.append(q)
            classes.append(0)
        classes[c] |= 1 << i
        if sign < 0:
            flipped |= 1 << i
    return restricted, classes, flipped


def _met(classes: list[int], flipped: int, rmasks: list[int]) -> dict[int, int]:
    """Restricted topes lifted to ``A_k``: mask of the region ``H`` meets ↦ row of its point of ``H``."""
    tables = _lift_tables(classes) if len(rmasks) > 64 * len(classes) else None
    met: dict[int, int] = {}
    for row, tau in enumerate(rmasks):
        m = 0
        if tables is not None:
            for tab in tables:
                m |= tab[tau & 255]
                tau >>= 8
        else:
            while tau:
                low = tau & -tau
                m |= classes[low.bit_length() - 1]
                tau ^= low
        met[m ^ flipped] = row
    return met


def _scale(lines: Sequence[IntVector], k: int) -> int:
    """``N = 1 + max_{i<k} |<h, h_i>|`` for ``h = lines[k]`` (module docstring)."""
    h = lines[k]
    return 1 + max((abs(sum(a * b for a, b in zip(h, lines[i], strict=True))) for i in range(k)), default=0)


def _add_hyperplane(lines: Sequence[IntVector], k: int, d: int, masks: list[int], wit: np.ndarray,
                    met: dict[int, int], rwit: np.ndarray, scale: int | None = None) -> tuple[list[int], np.ndarray]:
    """Topes of ``lines[:k+1]`` from those of ``lines[:k]`` (``masks``, ``wit``) and the restricted ones.

    ``met`` maps the masks of the regions that ``H = lines[k]^⊥`` meets to rows of
    ``rwit``, a point of ``H`` inside each in the basis ``b_j`` (module docstring);
    ``scale`` is :func:`_scale` when already known.
    """
    h = lines[k]
    bit = 1 << k
    hmax = max(map(abs, h))
    big = (int(np.abs(wit).max()) if wit.size else 0) * hmax * d
    if not met and wit.dtype != object and big < _SAFE:  # H misses every region: each keeps its side
        side = (wit @ np.array(h, dtype=np.int64) > 0).tolist()
        return [m | bit if s else m for m, s in zip(masks, side, strict=True)], wit
    p = next(i for i, a in enumerate(h) if a)
    others = [j for j in range(d) if j != p]
    hv = np.array(h, dtype=object)
    scale = _scale(lines, k) if scale is None else scale
    bound = max(int(np.abs(rwit).max()) if rwit.size else 0, 1) * hmax * d * scale + hmax
    dtype = np.int64 if wit.dtype != object and big < _SAFE and bound < _SAFE else object
    w = wit.astype(dtype, copy=False)
    hv = hv.astype(dtype)
    u = np.zeros((len(rwit), d), dtype=dtype)
    rw = rwit.astype(dtype, copy=False)
    if len(others) and len(rwit):
        u[:, others] = rw * h[p]
        u[:, p] = -(rw @ hv[others])
    rows = np.fromiter((met.get(m, -1) for m in masks), dtype=np.int64, count=len(masks))
    keep = rows < 0
    kept = [m for m, x in zip(masks, keep.tolist(), strict=True) if x]
    side = (w[keep] @ hv > 0).tolist() if len(kept) else []
    split = [m for m, x in zip(masks, keep.tolist(), strict=True) if not x]
    hit = u[rows[~keep]] * scale
    masks = [m | bit if s else m for m, s in zip(kept, side, strict=True)] + [m | bit for m in split] + split
    return masks, np.vstack([w[keep], hit + hv, hit - hv])


def sweep_topes(lines: list[IntVector], d: int, cache: dict | None = None) -> tuple[list[int], np.ndarray]:
    """Topes of distinct primitive integer ``lines`` in ``Q^d``: positive bitmasks and integer witnesses (rows).

    Bit ``i`` of a mask is set when ``<w, lines[i]> > 0``.  ``cache`` maps a
    tuple of restricted lines to its result (restrictions repeat on symmetric data).
    All topes are held at once (about 500 bytes each); :func:`list_topes` streams.
    """
    cache = {} if cache is None else cache
    if not lines:
        return [0], np.zeros((1, d), dtype=np.int64)
    h0 = np.array(lines[0], dtype=np.int64 if max(map(abs, lines[0])) < 2**31 else object)
    masks, wit = [1, 0], np.vstack([h0, -h0])
    for k in range(1, len(lines)):
        restricted, classes, flipped = _restrict(lines, k, d)
        key = tuple(restricted)
        if key not in cache:
            cache[key] = sweep_topes(restricted, d - 1, cache)
        rmasks, rwit = cache[key]
        masks, wit = _add_hyperplane(lines, k, d, masks, wit, _met(classes, flipped, rmasks), rwit)
    return masks, wit


class _Prefixes:
    """What :func:`cone_topes` shares between regions: the restrictions of each step, and the topes of
    small arrangements (at most the prefix length of lines), listed once as mask ↦ witness row.

    Its size depends on the arrangement's restrictions, not on the number of regions listed.
    """

    def __init__(self) -> None:
        self.sweeps: dict = {}
        self.restrictions: dict[tuple[IntVector, ...], list] = {}
        self.tables: dict[tuple[int, tuple[IntVector, ...]], tuple[dict[int, int], np.ndarray]] = {}

    def restriction(self, lines: tuple[IntVector, ...], k: int,
                    d: int) -> tuple[tuple[IntVector, ...], list[int], int, int]:
        """:func:`_restrict`, computed once per arrangement and step (the same for every region swept)."""
        steps = self.restrictions.setdefault(lines, [None] * len(lines))
        if steps[k] is None:
            restricted, classes, flipped = _restrict(lines, k, d)
            steps[k] = (tuple(restricted), classes, flipped, _scale(lines, k))
        return steps[k]

    def region(self, lines: tuple[IntVector, ...], d: int, mask: int) -> np.ndarray | None:
        """The witness of the region of ``lines`` with positive set ``mask``, or ``None`` if it is empty."""
        key = (d, lines)
        if key not in self.tables:
            masks, wit = sweep_topes(list(lines), d, self.sweeps)
            self.tables[key] = ({m: i for i, m in enumerate(masks)}, wit)
        rows, wit = self.tables[key]
        row = rows.get(mask)
        return None if row is None else wit[row]


def cone_topes(lines: tuple[IntVector, ...], d: int, j: int, prefix: int, witness: np.ndarray,
               prefixes: _Prefixes, cones: dict | None = None) -> tuple[list[int], np.ndarray]:
    """The topes of ``lines`` inside one region ``R`` of its first ``j`` lines (positive set ``prefix``).

    The same sweep as :func:`sweep_topes`, started from ``R`` (witness ``witness``)
    instead of the whole space: adding ``h = lines[k]`` splits the regions inside
    ``R`` that ``H = h^⊥`` meets, which are the regions of the restriction ``A_k^H``
    inside ``R ∩ H`` — again a region of a prefix (the classes of the first ``j``
    lines come first among the restricted lines), listed recursively.  ``R ∩ H``
    is empty when two prefix lines of one class have inconsistent signs or the
    prefix region of the restriction is empty (looked up in ``prefixes``, the
    topes of arrangements of at most ``j`` lines).  ``cones`` shares restricted
    cones that repeat within one call.
    """
    cones = {} if cones is None else cones
    masks, wit = [prefix], np.array([witness], dtype=witness.dtype)
    low = (1 << j) - 1
    for k in range(j, len(lines)):
        restricted, classes, flipped, scale = prefixes.restriction(lines, k, d)
        jr = sum(1 for c in classes if c & low)  # classes with a prefix line: a prefix of the restricted lines
        rprefix, inside = 0, True
        for c in range(jr):
            bits = classes[c] & low
            lifted = (prefix ^ flipped) & bits  # all set or none: one side of the restricted line
            if lifted == bits:
                rprefix |= 1 << c
            elif lifted:
                inside = False
                break
        rwitness = prefixes.region(restricted[:jr], d - 1, rprefix) if inside else None
        if rwitness is None:  # H misses R: every region keeps its side
            rmasks, rwit = [], np.zeros((0, d - 1), dtype=np.int64)
        else:
            key = (d - 1, restricted, jr, rprefix)
            if key not in cones:
                cones[key] = cone_topes(restricted, d - 1, jr, rprefix, rwitness, prefixes, cones)
            rmasks, rwit = cones[key]
        masks, wit = _add_hyperplane(lines, k, d, masks, wit, _met(classes, flipped, rmasks), rwit, scale)
    return masks, wit


def _lines_of(points: Sequence[Sequence[Fraction | int]]) -> tuple[list[IntVector], list[tuple[int, int]]]:
    """Distinct primitive lines in order of first occurrence, and (line, orientation) per point (−1 if zero)."""
    index: dict[IntVector, int] = {}
    of_point: list[tuple[int, int]] = []
    lines: list[IntVector] = []
    for p in points:
        v = integer_scaling(p)
        if not any(v):
            of_point.append((-1, 0))
            continue
        q, sign = _oriented(v)
        if q not in index:
            index[q] = len(lines)
            lines.append(q)
        of_point.append((index[q], sign))
    return lines, of_point


def _order_key(n: int, lines: list[IntVector], of_point: list[tuple[int, int]]) -> Callable[[int], int]:
    """The order of :func:`exactrelu.topes.topes` on masks: a larger key is a later sign vector.

    Sign vectors compare at their first differing point, − before +: read a mask
    as the integer whose bit ``n − 1 − j`` says "point ``j`` is positive", built from per-line tables.
    """
    plus = [0] * len(lines)
    minus = [0] * len(lines)
    for j, (line, o) in enumerate(of_point):
        if line >= 0:
            (plus if o > 0 else minus)[line] |= 1 << (n - 1 - j)
    on, off = _lift_tables(plus), _lift_tables(minus)
    full = (1 << len(lines)) - 1

    def order_key(mask: int) -> int:
        key, rest = 0, full ^ mask
        for tab_on, tab_off in zip(on, off, strict=True):
            key |= tab_on[mask & 255] | tab_off[rest & 255]
            mask >>= 8
            rest >>= 8
        return key

    return order_key


def _topes_of(masks: list[int], wit: np.ndarray, of_point: list[tuple[int, int]],
              order_key: Callable[[int], int]) -> Iterator[Tope]:
    for i in sorted(range(len(masks)), key=lambda i: order_key(masks[i])):
        mask = masks[i]
        signs = tuple(0 if line < 0 else (o if mask >> line & 1 else -o) for line, o in of_point)
        yield Tope(signs, tuple(Fraction(int(x)) for x in wit[i]))


def list_topes_batch(points: Sequence[Sequence[Fraction | int]]) -> Iterator[Tope]:
    """:func:`list_topes` with every tope held at once (the sweep before streaming; benchmarks only)."""
    n = len(points)
    d = len(points[0]) if n else 0
    lines, of_point = _lines_of(points)
    masks, wit = sweep_topes(lines, d)
    yield from _topes_of(masks, wit, of_point, _order_key(n, lines, of_point))


def list_topes(points: Sequence[Sequence[Fraction | int]], chunk: int = CHUNK) -> Iterator[Tope]:
    """Every tope of the configuration with an integer witness, in the order of :func:`exactrelu.topes.topes`.

    Zero points get sign 0; parallel points share a line (equal or opposite
    signs).  Streaming: the regions of the first ``j`` lines (``A_j``) are
    listed, and the topes inside each, one region at a time
    (:func:`cone_topes`), sorted and yielded before the next region is swept.
    ``j`` is the first prefix with at least ``#regions / chunk`` regions (the
    count from :func:`exactrelu.counting.count_regions` only sizes the pieces;
    the listing does not depend on it), so about ``chunk`` topes are held at a
    time.  Sign vectors are ordered at their first differing point and the
    lines are numbered by first occurrence, so the topes inside one region of
    ``A_j`` are consecutive in that order.
    """
    from .counting import count_regions  # sizes the pieces only

    n = len(points)
    d = len(points[0]) if n else 0
    lines, of_point = _lines_of(points)
    order_key = _order_key(n, lines, of_point)
    prefixes = _Prefixes()
    total = count_regions(points).regions if lines else 1
    j = 0
    for j in range(len(lines) + 1):
        _, wit = sweep_topes(lines[:j], d, prefixes.sweeps)
        if len(wit) * chunk >= total:
            break
    masks, wit = sweep_topes(lines[:j], d, prefixes.sweeps)
    # order the regions of A_j as their topes will be: by the key of the mask with lines ≥ j negative
    top = tuple(lines)
    for i in sorted(range(len(masks)), key=lambda i: order_key(masks[i])):
        cmasks, cwit = cone_topes(top, d, j, masks[i], wit[i], prefixes)
        # the restrictions of the lines themselves serve every piece; those of deeper arrangements are
        # dropped with the piece (kept, they would grow with the number of arrangements met)
        prefixes.restrictions = {top: prefixes.restrictions[top]} if top in prefixes.restrictions else {}
        yield from _topes_of(cmasks, cwit, of_point, order_key)
