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

>>> [t.signs for t in list_topes([[1, 0], [0, 1], [1, 1]])]
[(-1, -1, -1), (-1, 1, -1), (-1, 1, 1), (1, -1, -1), (1, -1, 1), (1, 1, 1)]
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from fractions import Fraction
from math import gcd

import numpy as np

from .rationals import integer_scaling
from .topes import Tope

__all__ = ["list_topes", "sweep_topes"]

IntVector = tuple[int, ...]
_SAFE = 2**62


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


def sweep_topes(lines: list[IntVector], d: int, cache: dict | None = None) -> tuple[list[int], np.ndarray]:
    """Topes of distinct primitive integer ``lines`` in ``Q^d``: positive bitmasks and integer witnesses (rows).

    Bit ``i`` of a mask is set when ``<w, lines[i]> > 0``.  ``cache`` maps a
    tuple of restricted lines to its result (restrictions repeat on symmetric data).
    """
    cache = {} if cache is None else cache
    if not lines:
        return [0], np.zeros((1, d), dtype=np.int64)
    h0 = np.array(lines[0], dtype=np.int64 if max(map(abs, lines[0])) < 2**31 else object)
    masks, wit = [1, 0], np.vstack([h0, -h0])
    for k in range(1, len(lines)):
        h = lines[k]
        p = next(i for i, a in enumerate(h) if a)
        others = [j for j in range(d) if j != p]
        # the restriction of A_k to h^⊥: lines h_i ↦ (h_p h_i − (h_i)_p h) without coordinate p
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
        key = tuple(restricted)
        if key not in cache:
            cache[key] = sweep_topes(restricted, d - 1, cache)
        rmasks, rwit = cache[key]
        # restricted topes → the topes of A_k that H meets (mask) and a point of H inside each (u)
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
        hv = np.array(h, dtype=object)
        scale = 1 + max(abs(sum(a * b for a, b in zip(h, lines[i], strict=True))) for i in range(k))
        big = int(np.abs(wit).max()) * max(map(abs, h)) * d
        bound = max(int(np.abs(rwit).max()) if rwit.size else 0, 1) * max(map(abs, h)) * d * scale + max(map(abs, h))
        dtype = np.int64 if wit.dtype != object and big < _SAFE and bound < _SAFE else object
        w = wit.astype(dtype, copy=False)
        hv = hv.astype(dtype)
        u = np.zeros((len(rmasks), d), dtype=dtype)
        rw = rwit.astype(dtype, copy=False)
        if len(others):
            u[:, others] = rw * h[p]
            u[:, p] = -(rw @ hv[others])
        rows = np.fromiter((met.get(m, -1) for m in masks), dtype=np.int64, count=len(masks))
        keep = rows < 0
        kept = [m for m, x in zip(masks, keep.tolist(), strict=True) if x]
        side = (w[keep] @ hv > 0).tolist()
        bit = 1 << k
        split = [m for m, x in zip(masks, keep.tolist(), strict=True) if not x]
        hit = u[rows[~keep]] * scale
        masks = [m | bit if s else m for m, s in zip(kept, side, strict=True)] + [m | bit for m in split] + split
        wit = np.vstack([w[keep], hit + hv, hit - hv])
    return masks, wit


def list_topes(points: Sequence[Sequence[Fraction | int]]) -> Iterator[Tope]:
    """Every tope of the configuration with an integer witness, in the order of :func:`exactrelu.topes.topes`.

    Zero points get sign 0; parallel points share a line (equal or opposite
    signs).  The sweep holds one mask and one integer witness row per tope; the
    :class:`Tope` objects are built one at a time as they are consumed.
    """
    n = len(points)
    d = len(points[0]) if n else 0
    index: dict[IntVector, int] = {}
    of_point: list[tuple[int, int]] = []  # (line, orientation) per point; line −1 for a zero point
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
    masks, wit = sweep_topes(lines, d)
    # sign vectors compare at their first differing point, − before +: read a mask as the integer whose
    # bit n − 1 − j says "point j is positive", built from per-line tables
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

    for i in sorted(range(len(masks)), key=lambda i: order_key(masks[i])):
        mask = masks[i]
        signs = tuple(0 if line < 0 else (o if mask >> line & 1 else -o) for line, o in of_point)
        yield Tope(signs, tuple(Fraction(int(x)) for x in wit[i]))
