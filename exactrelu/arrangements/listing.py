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
(:mod:`exactrelu.arrangements.topes`) and the characteristic polynomial (:mod:`exactrelu.arrangements.counting`).
Cost: ``Σ_k r(A_k)`` sign tests plus the recursive listings, with restrictions that
repeat (symmetric data) listed once; no LP, no cocircuit enumeration.

Streaming (:func:`list_topes`): the topes inside one region ``R`` of the first ``j``
lines are consecutive in the order of
    :func:`~exactrelu.arrangements.topes.topes`.  The regions of
``A_j`` are cut into runs of consecutive ones holding about :data:`BLOCK` topes, and
each run is swept by the remaining lines with the same algorithm restricted to it
(:func:`sweep_topes` with ``starts``: the regions that ``H`` meets inside ``R`` are the
regions of ``A_k^H`` inside ``R ∩ H``, again regions of a prefix arrangement), yielded
and dropped before the next (:func:`sweep_blocks`).  Masks are ``uint64`` words up to
64 lines (Python integers beyond) and witnesses rows of an integer array, so a block
is a few arrays, not one Python object per tope.

>>> [t.signs for t in list_topes([[1, 0], [0, 1], [1, 1]])]
[(-1, -1, -1), (-1, 1, -1), (-1, 1, 1), (1, -1, -1), (1, -1, 1), (1, 1, 1)]
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Sequence
from fractions import Fraction
from math import comb, gcd

import numpy as np

from ..core.rationals import integer_scaling
from .topes import Tope

__all__ = ["list_topes", "list_topes_batch", "sweep_blocks", "sweep_topes"]

IntVector = tuple[int, ...]
_SAFE = 2**62
#: About this many topes are swept at a time by :func:`list_topes` (one block).
BLOCK = 2**21
#: Restrictions with at most this many topes (general-position bound) are listed whole, once for all blocks.
SMALL = 4096


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


def _classes(keys: Sequence[Hashable]) -> tuple[list[int], list[int]]:
    """Equal keys grouped: the first index of each class (classes numbered by it) and each class's bitmask.

    >>> _classes(["a", "b", "a"])
    ([0, 1], [5, 2])
    """
    index: dict[Hashable, int] = {}
    firsts: list[int] = []
    classes: list[int] = []
    for i, q in enumerate(keys):
        c = index.get(q)
        if c is None:
            c = index[q] = len(firsts)
            firsts.append(i)
            classes.append(0)
        classes[c] |= 1 << i
    return firsts, classes


def _restrict(lines: Sequence[IntVector], k: int, d: int) -> tuple[list[IntVector], list[int], int]:
    """The restriction of ``A_k = lines[:k]`` to ``H = lines[k]^⊥``, in the integer basis ``b_j`` of ``H``.

    Returns the restricted lines (ordered by their first member), the bitmask of
    the ``A_k`` lines in each class, and the bitmask of the lines whose sign flips
    (the restricted line is the negative of their image).
    """
    h = lines[k]
    p = next(i for i, a in enumerate(h) if a)
    others = [j for j in range(d) if j != p]
    images: list[IntVector] = []
    flipped = 0
    for i in range(k):
        line = lines[i]
        q, sign = _oriented([h[p] * line[j] - h[j] * line[p] for j in others])
        images.append(q)
        if sign < 0:
            flipped |= 1 << i
    firsts, classes = _classes(images)
    return [images[i] for i in firsts], classes, flipped


def _restrict_fast(lines: Sequence[IntVector], matrix: np.ndarray | None, k: int,
                   d: int) -> tuple[list[IntVector], list[int], int]:
    """:func:`_restrict` on machine integers (``matrix``: the lines as an ``int64`` array, ``None`` when its
    entries are too large for a checked ``2^62`` bound on the elimination step, then :func:`_restrict`)."""
    if matrix is None or k == 0 or d < 2:
        return _restrict(lines, k, d)
    h = matrix[k]
    p = next(i for i, a in enumerate(lines[k]) if a)
    y = np.delete(h[p] * matrix[:k] - np.outer(matrix[:k, p], h), p, axis=1)
    lead = y[np.arange(k), (y != 0).argmax(axis=1)]
    y //= (np.gcd.reduce(y, axis=1) * np.sign(lead))[:, None]  # primitive, first nonzero entry positive
    flipped = 0
    for i in np.flatnonzero(lead < 0).tolist():
        flipped |= 1 << i
    bound = int(np.abs(y).max())
    if (2 * bound + 1) ** (d - 1) < _SAFE:  # each row one integer (digits base 2·bound + 1)
        rows = ((y + bound) @ ((2 * bound + 1) ** np.arange(d - 1, dtype=np.int64))).tolist()
    else:
        rows = list(map(tuple, y.tolist()))
    firsts, classes = _classes(rows)  # numbered by their first member, as in _restrict
    return [tuple(q) for q in y[firsts].tolist()], classes, flipped


def _matrix(lines: Sequence[IntVector], d: int) -> np.ndarray | None:
    """The lines as an ``int64`` array when every product of :func:`_restrict_fast` stays below ``2^62``."""
    big = max((abs(x) for line in lines for x in line), default=0)
    return np.array(lines, dtype=np.int64).reshape(len(lines), d) if 2 * big * big < _SAFE else None


def _mask_dtype(nlines: int) -> type:
    """Masks of up to 64 lines are machine words (``uint64``); beyond, Python integers (``dtype=object``)."""
    return np.uint64 if nlines <= 64 else object


def _met(classes: list[int], flipped: int, rmasks: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Restricted topes lifted to ``A_k``: the sorted masks of the regions ``H`` meets, and for each the row of
    its point of ``H`` (a region of ``A_k`` is met iff its mask is among them: :func:`_add_hyperplane`)."""
    dtype = _mask_dtype(k)
    if dtype is object or len(rmasks) <= 32:  # few masks (or wide ones): bit by bit
        out = []
        for tau in rmasks.tolist():
            m = 0
            while tau:
                low = tau & -tau
                m |= classes[low.bit_length() - 1]
                tau ^= low
            out.append(m ^ flipped)
        lifted = np.array(out, dtype=dtype)
    else:  # one vectorised pass per restricted line, or per byte of them (tables of 256 unions of classes)
        rm = rmasks.astype(np.uint64, copy=False)
        lifted = np.zeros(len(rm), dtype=np.uint64)
        if len(rm) > 4096:
            for b, tab in enumerate(_lift_tables(classes)):
                lifted |= np.array(tab, dtype=np.uint64)[((rm >> np.uint64(8 * b)) & np.uint64(255)).astype(np.intp)]
        else:
            for c, cls in enumerate(classes):
                lifted |= ((rm >> np.uint64(c)) & np.uint64(1)) * np.uint64(cls)
        lifted ^= np.uint64(flipped)
    order = np.argsort(lifted, kind="stable")
    return lifted[order], order


def _scale(lines: Sequence[IntVector], k: int, matrix: np.ndarray | None = None) -> int:
    """``N = 1 + max_{i<k} |<h, h_i>|`` for ``h = lines[k]`` (module docstring)."""
    h = lines[k]
    if matrix is not None and k and len(h) * int(np.abs(matrix).max()) ** 2 < _SAFE:
        return 1 + int(np.abs(matrix[:k] @ matrix[k]).max())
    return 1 + max((abs(sum(a * b for a, b in zip(h, lines[i], strict=True))) for i in range(k)), default=0)


def _add_hyperplane(lines: Sequence[IntVector], k: int, d: int, masks: np.ndarray, wit: np.ndarray,
                    met: tuple[np.ndarray, np.ndarray], rwit: np.ndarray,
                    scale: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Topes of ``lines[:k+1]`` from those of ``lines[:k]`` (``masks``, ``wit``) and the restricted ones.

    ``met`` (:func:`_met`) holds the sorted masks of the regions that ``H = lines[k]^⊥``
    meets and the rows of ``rwit`` (a point of ``H`` inside each, in the basis ``b_j``,
    module docstring); ``scale`` is :func:`_scale` when already known.
    """
    h = lines[k]
    dtype = _mask_dtype(k + 1)
    masks = masks.astype(dtype, copy=False)
    bit = np.uint64(1) << np.uint64(k) if dtype is not object else 1 << k
    hmax = max(map(abs, h))
    big = max(int(wit.max()), -int(wit.min())) * hmax * d if wit.size else 0
    lifted, order = met
    if len(lifted) and len(masks):
        pos = np.searchsorted(lifted, masks)
        pos[pos == len(lifted)] = 0
        hit = lifted[pos] == masks
    else:
        pos, hit = np.zeros(len(masks), dtype=np.intp), np.zeros(len(masks), dtype=bool)
    if not hit.any() and wit.dtype != object and big < _SAFE:  # H misses every region: each keeps its side
        side = wit @ np.array(h, dtype=np.int64) > 0
        return np.where(side, masks | bit, masks), wit
    at = np.flatnonzero(hit)
    rw = rwit[order[pos[at]]]
    p = next(i for i, a in enumerate(h) if a)
    others = [j for j in range(d) if j != p]
    scale = _scale(lines, k) if scale is None else scale
    bound = max(int(np.abs(rw).max()) if rw.size else 0, 1) * hmax * d * scale + hmax
    wtype = np.int64 if wit.dtype != object and big < _SAFE and bound < _SAFE else object
    w = wit.astype(wtype, copy=False)
    hv = np.array(h, dtype=object).astype(wtype)
    rw = rw.astype(wtype, copy=False)
    u = np.zeros((len(rw), d), dtype=wtype)
    if len(others) and len(rw):
        u[:, others] = rw * (h[p] * scale)
        u[:, p] = -(rw @ hv[others]) * scale
    # a region H misses keeps its row and its side; a met one becomes N·u + h in its row and N·u − h appended
    if wtype is object:  # Python integers: test only the regions H misses
        side = hit.copy()
        side[~hit] = w[~hit] @ hv > 0
    else:
        side = (w @ hv > 0) | hit
    n = len(masks)
    new = np.empty((n + len(at), d), dtype=wtype)
    new[:n] = w
    new[at] = u + hv
    new[n:] = u - hv
    return np.concatenate([np.where(side, masks | bit, masks), masks[at]]), new


def sweep_topes(lines: list[IntVector], d: int, cache: dict | None = None, j: int = 0,
                starts: tuple[list[int], np.ndarray] | None = None, tables: dict | None = None,
                shared: dict | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Topes of distinct primitive integer ``lines`` in ``Q^d``: positive bitmasks and integer witnesses (rows).

    Bit ``i`` of a mask is set when ``<w, lines[i]> > 0``.  ``cache`` maps a
    restricted arrangement (and its starting cones) to its result: restrictions
    repeat on symmetric data.  Every tope is held at once (about 500 bytes each).

    With ``starts = (masks, witnesses)``, regions of the first ``j`` lines, only
    the topes inside them are swept (the block of :func:`list_topes`): adding
    ``h = lines[k]`` (``k ≥ j``) splits the regions inside a start ``R`` that
    ``H = h^⊥`` meets, which are the regions of ``A_k^H`` inside ``R ∩ H``.
    The restricted lines are numbered by their first member, so the classes of
    the first ``j`` lines come first (``jr`` of them) and ``R ∩ H`` is one region
    of those — or empty: two prefix lines of one class with inconsistent signs,
    or a sign pattern that the restricted prefix arrangement does not have
    (looked up in ``tables``, its topes listed once).  The recursion is the same
    sweep, started from those regions — except for a restriction with at most
    :data:`SMALL` topes (general-position bound): its whole list, kept in
    ``shared`` across blocks, serves every block (a region outside the starts
    matches no mask of the block, so it is never used).
    """
    cache = {} if cache is None else cache
    if starts is None:
        if not lines:
            return np.zeros(1, dtype=np.uint64), np.zeros((1, d), dtype=np.int64)
        h0 = np.array(lines[0], dtype=np.int64 if max(map(abs, lines[0])) < 2**31 else object)
        masks, wit, j = np.array([1, 0], dtype=_mask_dtype(1)), np.vstack([h0, -h0]), 1
        prefix = None
    else:
        masks, wit = np.array(starts[0], dtype=_mask_dtype(j)), starts[1]
        prefix = masks.tolist()
        tables = {} if tables is None else tables
    low = (1 << j) - 1
    matrix = _matrix(lines, d)
    for k in range(j, len(lines)):
        restricted, classes, flipped = _restrict_fast(lines, matrix, k, d)
        if prefix is None:  # the whole space: the restriction's own topes
            key: tuple = tuple(restricted)
            if key not in cache:
                cache[key] = sweep_topes(restricted, d - 1, cache)
        elif shared is not None and _most_topes(len(restricted), d - 1) <= SMALL:  # all of a small one
            key = tuple(restricted)
            if key not in shared:
                shared[key] = sweep_topes(restricted, d - 1, shared)
            cache[key] = shared[key]
        else:  # inside the starting regions: the restriction inside their traces on H
            jr = sum(1 for c in classes if c & low)
            rstarts = _traces(prefix, classes, flipped, low, jr, restricted, d - 1, cache, tables)
            key = (tuple(restricted), jr, tuple(rstarts))
            if key not in cache:
                cache[key] = (sweep_topes(restricted, d - 1, cache, jr,
                                          (list(rstarts), np.array(list(rstarts.values()))), tables, shared)
                              if rstarts else (np.zeros(0, dtype=np.uint64), np.zeros((0, d - 1), dtype=np.int64)))
        rmasks, rwit = cache[key]
        masks, wit = _add_hyperplane(lines, k, d, masks, wit, _met(classes, flipped, rmasks, k), rwit,
                                     _scale(lines, k, matrix))
    return masks, wit


def _most_topes(m: int, d: int) -> int:
    """The most topes ``m`` distinct hyperplanes through 0 in ``Q^d`` can have (general position):
    ``2·Σ_{i<d} C(m−1, i)`` (Proposition 3 of KMTM; Cover 1965)."""
    return 2 * sum(comb(m - 1, i) for i in range(d)) if m else 1


def _traces(prefix: list[int], classes: list[int], flipped: int, low: int, jr: int,
            restricted: list[IntVector], d: int, cache: dict, tables: dict) -> dict[int, np.ndarray]:
    """The regions ``R ∩ H`` of the restricted prefix (its first ``jr`` lines) for the prefix regions ``R``.

    Returns restricted mask ↦ a point of ``R ∩ H`` (basis ``b_j``), for the ``R`` that ``H`` meets.
    """
    key = (d, tuple(restricted[:jr]))
    if key not in tables:
        tmasks, twit = sweep_topes(restricted[:jr], d, cache)
        tables[key] = ({m: i for i, m in enumerate(tmasks.tolist())}, twit)
    rows, twit = tables[key]
    out: dict[int, np.ndarray] = {}
    for r in prefix:
        rmask = 0
        for c in range(jr):
            bits = classes[c] & low
            lifted = (r ^ flipped) & bits  # all set or none: one side of the restricted line
            if lifted == bits:
                rmask |= 1 << c
            elif lifted:
                break
        else:
            row = rows.get(rmask)
            if row is not None:
                out[rmask] = twit[row]
    return out


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
    """The order of :func:`exactrelu.arrangements.topes.topes` on masks: a larger key is a later sign vector.

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


def _topes_of(masks: np.ndarray, wit: np.ndarray, of_point: list[tuple[int, int]],
              order_key: Callable[[int], int], piece: int = 4096) -> Iterator[Tope]:
    """The topes of one block as :class:`Tope` objects (sign vectors over the points), in the order of ``order_key``.

    Built ``piece`` at a time, so a block's Python objects never exist all at once.
    """
    wide = masks.dtype != np.uint64
    values = masks.tolist() if wide else []
    if wide or len(of_point) > 64:
        keys = [order_key(m) for m in (values or masks.tolist())]
        order = np.array(sorted(range(len(keys)), key=keys.__getitem__), dtype=np.intp)
        del keys
    else:  # the key of _order_key on machine words: bit n − 1 − p says "point p is positive"
        key = np.zeros(len(masks), dtype=np.uint64)
        n = len(of_point)
        for p, (li, o) in enumerate(of_point):
            if li >= 0:
                positive = (masks >> np.uint64(li)) & np.uint64(1)
                key |= (positive if o > 0 else positive ^ np.uint64(1)) << np.uint64(n - 1 - p)
        order = np.argsort(key, kind="stable")
    line = np.array([max(li, 0) for li, _ in of_point], dtype=np.uint64)
    orient = np.array([o for _, o in of_point], dtype=np.int8)  # 0 for a zero point
    for start in range(0, len(order), piece):
        part = order[start:start + piece]
        if wide:
            signs = [[0 if li < 0 else (o if values[i] >> li & 1 else -o) for li, o in of_point]
                     for i in part.tolist()]
        else:  # sign vectors from the bits of the masks, a piece at a time
            bits = ((masks[part][:, None] >> line[None, :]) & np.uint64(1)).astype(np.int8)
            signs = ((2 * bits - 1) * orient).tolist()
        for sv, row in zip(signs, wit[part].tolist(), strict=True):
            yield Tope(tuple(sv), tuple(map(Fraction, row)))


def list_topes_batch(points: Sequence[Sequence[Fraction | int]]) -> Iterator[Tope]:
    """:func:`list_topes` with every tope held at once (the sweep before streaming; benchmarks only)."""
    n = len(points)
    d = len(points[0]) if n else 0
    lines, of_point = _lines_of(points)
    masks, wit = sweep_topes(lines, d)
    yield from _topes_of(masks, wit, of_point, _order_key(n, lines, of_point))


def sweep_blocks(lines: list[IntVector], d: int, total: int, order_key: Callable[[int], int],
                 block: int = BLOCK) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """The topes of ``lines`` (``total`` of them) in blocks of about ``block``, each a union of regions of a prefix.

    With ``total ≤ block`` the only block is the whole sweep (:func:`sweep_topes`).
    Otherwise ``j`` is the first prefix with at least ``16·⌈total / block⌉``
    regions; they are ordered by ``order_key`` (the order of their topes) and
    cut into runs of consecutive regions, each swept by the remaining lines
    (:func:`sweep_topes` with ``starts``) with its own cache, yielded and
    dropped before the next.  A run has ``block / t`` regions, ``t`` the topes
    per prefix region of the run before (``total`` spread evenly at first):
    the sizes are estimates, and neither ``total`` nor ``block`` changes what
    is listed, only how much is held at once.
    """
    if total <= block:
        yield sweep_topes(lines, d)
        return
    want = 16 * -(-total // block)
    cache: dict = {}
    j = 0
    masks, wit = sweep_topes([], d)
    while j < len(lines) and len(masks) < want:
        j += 1
        masks, wit = sweep_topes(lines[:j], d, cache)
    del cache
    prefix = masks.tolist()
    order = sorted(range(len(prefix)), key=lambda i: order_key(prefix[i]))
    topes, regions = total, len(prefix)  # the topes per region of the last run: block / that = next run
    start, first = 0, 4  # the first run a quarter of a block: the even spread is only a guess
    shared: dict = {}  # the small restrictions, whole, for every block
    while start < len(order):
        part = order[start:start + max(1, block * regions // (topes * first))]
        first = 1
        start += len(part)
        result = sweep_topes(lines, d, {}, j, ([prefix[i] for i in part], wit[part]), {}, shared)
        topes, regions = max(len(result[0]), 1), len(part)
        yield result


def list_topes(points: Sequence[Sequence[Fraction | int]], block: int = BLOCK,
               total: int | None = None) -> Iterator[Tope]:
    """Every tope of the configuration with an integer witness, in the order of
    :func:`~exactrelu.arrangements.topes.topes`.

    Zero points get sign 0; parallel points share a line (equal or opposite
    signs).  Streaming: the topes are swept in blocks of about ``block``
    (:func:`sweep_blocks`), each the topes inside consecutive regions of a prefix
    arrangement ``A_j``, sorted and yielded before the next block is swept.
    ``total`` (the number of topes; by default the general-position bound
    ``2·Σ_{i<d} C(m−1, i)`` for ``m`` lines, and when that exceeds ``block`` the count of
    :func:`exactrelu.arrangements.counting.count_regions`) only sizes the blocks.  Sign
    vectors are ordered at their first differing point and the lines are
    numbered by first occurrence, so the topes inside one region of ``A_j`` are
    consecutive in that order.
    """
    n = len(points)
    d = len(points[0]) if n else 0
    lines, of_point = _lines_of(points)
    order_key = _order_key(n, lines, of_point)
    if total is None:  # Proposition 3 of KMTM bounds the topes of m lines in Q^d (general position is the most)
        total = _most_topes(len(lines), d)
        if total > block:
            from .counting import count_regions  # sizes the blocks only

            total = count_regions(points).regions
    for masks, wit in sweep_blocks(lines, d, total, order_key, block):
        yield from _topes_of(masks, wit, of_point, order_key)
