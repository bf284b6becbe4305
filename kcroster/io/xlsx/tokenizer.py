"""Sheet XML → cell arrays: the two tokenizers of the fast reader.

:func:`_vector_cells` finds the cells of a piece of sheet XML with array operations on its
bytes; it knows only the plainest layout (Excel's and openpyxl's usual cells) and returns
``None`` on anything else, which :func:`_regex_cells` then reads with one regex. Where both
answer they give the same :class:`_Cells` (``tests/io/test_workbook_speed_parse.py``).
Neither expands anything: entities are decoded later, as text (:mod:`kcroster.io.xlsx.fast_reader`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

import numpy as np

_TYPE_CODES = {"n": 0, "s": 1, "inlineStr": 2, "b": 3, "e": 4, "str": 5, "d": 6}


@dataclass
class _Cells:
    """The cells of one piece of sheet XML in document order, as flat arrays.

    ``values`` holds the number of an ``n`` cell, the shared-string index of an ``s`` cell and
    0/1 of a ``b`` cell; ``raw`` the ``<is>`` content of an ``inlineStr`` cell and the ``<v>``
    text of any other type. ``bad_number``/``bad_index``: a value ``float()``/``int()`` refuses.
    """

    rows: np.ndarray
    cols: np.ndarray
    types: np.ndarray
    has_v: np.ndarray
    values: np.ndarray
    raw: np.ndarray
    bad_number: bool = False
    bad_index: bool = False


def _column_index(letters: np.ndarray) -> np.ndarray:
    """(n, 3) uint8 column letters, NUL-padded on the right → 0-based column indexes."""
    codes = letters.astype(np.int32)
    present = codes > 0
    digits = np.where(present, codes - 64, 0)
    width = present.sum(axis=1)
    one, two = digits[:, 0], digits[:, 0] * 26 + digits[:, 1]
    return np.where(width == 1, one, np.where(width == 2, two, two * 26 + digits[:, 2])) - 1


def _type_codes(types: np.ndarray) -> np.ndarray:
    """``t`` attributes as an S9 array → :data:`_TYPE_CODES` (absent: number; unknown: text)."""
    code = np.full(types.size, _TYPE_CODES["str"], dtype=np.int8)
    code[types == b""] = _TYPE_CODES["n"]
    for name, c in _TYPE_CODES.items():
        code[types == name.encode("ascii")] = c
    return code


def _object_array(items: list[Any]) -> np.ndarray:
    out = np.empty(len(items), dtype=object)
    out[:] = items
    return out


def _float_values(texts: list[bytes]) -> np.ndarray | None:
    try:
        return np.fromiter(map(float, texts), dtype=np.float64, count=len(texts))
    except ValueError:
        return None


def _index_values(texts: list[bytes]) -> np.ndarray | None:
    try:
        return np.fromiter(map(int, texts), dtype=np.int64, count=len(texts)).astype(np.float64)
    except (ValueError, OverflowError):
        return None


# One regex over the sheet XML recognises the cell layout Excel, LibreOffice and openpyxl write:
# <c r="B7" s=".." t=".."> [<f>..</f>] [<v>..</v> | <is>..</is>] </c>. Any cell it cannot match
# makes the match count differ from the number of cell tags, and we fall back to openpyxl.
_CELL_RE = re.compile(
    rb'<c r="([A-Z]{1,3})([0-9]{1,7})"(?: s="[0-9]+")?(?: t="([a-zA-Z]{1,9})")?(?: (?:cm|vm|ph)="[^"]*")*'
    rb"(?:/>|>(?:<f\b[^>/]*(?:/>|>[^<]*</f>))?"
    rb"(?:<v>([^<]*)</v>)?(?:<is>([^<]*(?:<(?!/is>)[^<]*)*)</is>)?</c>)",
)


def _cell_tags(piece: bytes) -> int:
    """How many cell tags ``piece`` holds (``<c>`` too: a cell without attributes must not be
    passed over unseen — the regex does not match it, so the count tells)."""
    return piece.count(b"<c ") + piece.count(b"<c>")


def _regex_cells(piece: bytes) -> _Cells | None:
    """Every cell of ``piece`` by :data:`_CELL_RE`; ``None`` when a cell tag does not match."""
    cells = _CELL_RE.findall(piece)
    if len(cells) != _cell_tags(piece):
        return None
    n = len(cells)
    col_b, row_b, type_b, v_b, is_b = (list(map(itemgetter(k), cells)) for k in range(5))
    del cells
    types = _type_codes(np.asarray(type_b, dtype="S9"))
    has_v = np.fromiter(map(len, v_b), dtype=np.int64, count=n) > 0
    values = np.zeros(n, dtype=np.float64)
    raw = np.empty(n, dtype=object)
    out = _Cells(
        np.asarray(row_b, dtype="S7").astype(np.int32),
        _column_index(np.asarray(col_b, dtype="S3").view(np.uint8).reshape(n, 3)),
        types,
        has_v,
        values,
        raw,
    )
    for code in np.unique(types).tolist():
        sel = types == code
        if code == _TYPE_CODES["inlineStr"]:
            idx = np.flatnonzero(sel)
            raw[idx] = _object_array([is_b[i] for i in idx.tolist()])
            continue
        idx = np.flatnonzero(sel & has_v)
        texts = [v_b[i] for i in idx.tolist()]
        if code == _TYPE_CODES["n"]:
            nums = _float_values(texts)
            out.bad_number = nums is None
            if nums is not None:
                values[idx] = nums
        elif code == _TYPE_CODES["s"]:
            sidx = _index_values(texts)
            out.bad_index = sidx is None
            if sidx is not None:
                values[idx] = sidx
        elif code == _TYPE_CODES["b"]:
            values[idx] = [x.strip() == b"1" for x in texts]
        else:
            raw[idx] = _object_array(texts)
    return out


_AR = np.arange(32)
_AR64 = np.arange(64)
_PAD = b"\0" * 64  # past the end of a piece: every read below sees zeros there and never matches
_DIGIT = np.zeros(256, dtype=bool)
_DIGIT[48:58] = True
_UPPER = np.zeros(256, dtype=bool)
_UPPER[65:91] = True
_LETTER = _UPPER.copy()
_LETTER[97:123] = True
_POW10 = 10.0 ** np.arange(19)
_POW10_INT = 10 ** np.arange(8, dtype=np.int64)
_EXACT = 2**53  # integers up to this are exact doubles


class _Bytes:
    """A piece of sheet XML as arrays: its bytes, and the 8-byte word at every byte offset (an
    unaligned view, no copy), so a tag test is one comparison per position."""

    def __init__(self, piece: bytes) -> None:
        self.n = len(piece)
        self.data = piece + _PAD
        self.a = np.frombuffer(self.data, dtype=np.uint8)
        self.words = np.ndarray((len(self.data) - 7,), dtype="<u8", buffer=self.data, strides=(1,))

    def at(self, pos: np.ndarray, pattern: bytes) -> np.ndarray:
        """For each position, whether ``pattern`` (at most 8 bytes) starts there."""
        value = int.from_bytes(pattern.ljust(8, b"\0"), "little")
        w = self.words[pos]
        if len(pattern) < 8:
            w = w & np.uint64((1 << (8 * len(pattern))) - 1)
        return w == np.uint64(value)

    def window(self, start: np.ndarray, width: int) -> np.ndarray:
        """The ``width`` bytes from each start, one row per start."""
        return np.lib.stride_tricks.sliding_window_view(self.a, width)[start]

    def until(self, start: np.ndarray, stop: int, width: int) -> tuple[np.ndarray, np.ndarray] | None:
        """The bytes from each start up to the first ``stop`` byte within ``width``, as a
        window and the lengths; ``None`` when some start has no ``stop`` that near."""
        win = self.window(start, width)
        hit = win == stop
        length = np.argmax(hit, axis=1)
        if not hit[np.arange(length.size), length].all():
            return None
        return win, length

    def slices(self, start: np.ndarray, end: np.ndarray) -> list[bytes]:
        data = self.data
        return [data[i:j] for i, j in zip(start.tolist(), end.tolist(), strict=True)]


def _attribute(
    b: _Bytes, p: np.ndarray, name: bytes, allowed: np.ndarray, longest: int
) -> tuple[np.ndarray, np.ndarray] | None:
    """The cells (at positions ``p``, just after the previous attribute) that have
    `` name="…"`` next: their indexes and values (NUL-padded to 9 bytes); ``p`` moves past the
    attribute. ``None`` when a value is empty, longer than ``longest`` or holds a byte not
    ``allowed``."""
    has = b.at(p, b" " + name + b'="')
    if not has.any():
        return has, np.zeros((0, 9), dtype=np.uint8)
    start = p[has] + len(name) + 3
    found = b.until(start, 34, 10)
    if found is None:
        return None
    win, length = found
    inside = _AR[:10] < length[:, None]
    if length.min() < 1 or length.max() > longest or not (allowed[win] | ~inside).all():
        return None
    p[has] = start + length + 1
    return has, np.where(inside, win, 0)[:, :9].astype(np.uint8)


def _vector_cells(piece: bytes) -> _Cells | None:
    """The cells of ``piece`` found with array operations on its bytes, several times faster
    than the regex.

    It knows only the plainest layout (Excel's and openpyxl's usual cells): ``<c r="B7"
    [s="3"] [t="n"]`` then ``/>``, ``></c>``, ``><v>…</v></c>`` (a value of at most 40 bytes)
    or ``><is><t>…</t></is></c>``. On anything else — a formula, rich text, another attribute —
    it returns ``None`` and the piece goes to :func:`_regex_cells`; where it answers, it gives
    what the regex gives.
    """
    b = _Bytes(piece)
    lts = np.flatnonzero(b.a[: b.n] == 60)
    tag = b.words[lts] & np.uint64(0xFFFFFF)
    if (tag == np.uint64(int.from_bytes(b"<c>", "little"))).any():
        return None  # a cell without attributes: the regex counts it and gives up
    cs = lts[tag == np.uint64(int.from_bytes(b"<c ", "little"))]
    m = cs.size
    if m == 0 or not b.at(cs + 3, b'r="').all():
        return None
    # r="B7": 1-3 capitals, 1-7 digits, the closing quote
    found = b.until(cs + 6, 34, 12)
    if found is None:
        return None
    ref, length = found
    n_letters = np.argmin(_UPPER[ref], axis=1)
    if n_letters.min() < 1 or n_letters.max() > 3 or (length - n_letters).min() < 1:
        return None
    digits_only = _DIGIT[ref] | (_AR[:12] < n_letters[:, None]) | (_AR[:12] >= length[:, None])
    if (length - n_letters).max() > 7 or not digits_only.all():
        return None
    rows = np.zeros(m, dtype=np.int64)
    cols = np.zeros(m, dtype=np.int64)
    groups = np.unique(n_letters).tolist() if n_letters.min() != n_letters.max() else [int(n_letters[0])]
    for g in groups:
        sel = slice(None) if len(groups) == 1 else np.flatnonzero(n_letters == g)
        # the digits as a 7-digit number (zeros after the last), then shifted right
        n_digits = length[sel] - g
        digits = np.where(_AR[:7] < n_digits[:, None], ref[sel, g : g + 7], 48).astype(np.int64) - 48
        number = digits[:, 0]
        for k in range(1, 7):  # no matrix product: BLAS would spin up threads for this
            number = number * 10 + digits[:, k]
        rows[sel] = number // _POW10_INT[7 - n_digits]
        letter = ref[sel, :g].astype(np.int64) - 64
        index = letter[:, 0]
        for k in range(1, g):
            index = index * 26 + letter[:, k]
        cols[sel] = index - 1
    p = cs + 6 + length + 1
    if _attribute(b, p, b"s", _DIGIT, 8) is None:
        return None
    typed = _attribute(b, p, b"t", _LETTER, 9)
    if typed is None:
        return None
    closed = b.at(p, b"/>")
    if not (closed | b.at(p, b">")).all():
        return None
    at = np.flatnonzero(~closed)
    content = p[at] + 1
    value = b.at(content, b"<v>")
    inline = b.at(content, b"<is><t>")
    if not (value | inline | b.at(content, b"</c>")).all():
        return None
    v_at = at[value]
    found = b.until(content[value] + 3, 60, 41)
    if found is None:
        return None
    v_win, v_len = found
    if not b.at(content[value] + 3 + v_len, b"</v></c>").all():
        return None
    lts = np.append(lts, b.n)  # a sentinel: a text without its end tag lands on the padding
    text_end = lts[np.searchsorted(lts, content[inline] + 7)]
    if not (b.at(text_end, b"</t></is") & b.at(text_end + 8, b"></c>")).all():
        return None
    types = np.full(m, _TYPE_CODES["n"], dtype=np.int8)
    types[typed[0]] = _type_codes(np.ascontiguousarray(typed[1]).view("S9").ravel())
    has_v = np.zeros(m, dtype=bool)
    has_v[v_at] = v_len > 0
    values = np.zeros(m, dtype=np.float64)
    raw = np.empty(m, dtype=object)
    out = _Cells(rows.astype(np.int32), cols.astype(np.int32), types, has_v, values, raw)
    # the <is> content is '<t>…</t>', as the regex captures it; '' for an inlineStr without one
    is_start = np.zeros(m, dtype=np.int64)
    is_end = np.zeros(m, dtype=np.int64)
    is_start[at[inline]] = content[inline] + 4
    is_end[at[inline]] = text_end + 4
    # row in v_win of each cell with a value
    v_row = np.full(m, -1, dtype=np.int64)
    v_row[v_at] = np.arange(v_at.size)
    for code in np.unique(types).tolist():
        sel = types == code
        if code == _TYPE_CODES["inlineStr"]:
            idx = np.flatnonzero(sel)
            raw[idx] = _inline_texts(b, is_start[idx], is_end[idx])
            continue
        idx = np.flatnonzero(sel & has_v)
        if idx.size == 0:
            continue
        n = v_len[v_row[idx]]
        width = int(n.max())
        win = np.where(_AR[:width] < n[:, None], v_win[v_row[idx], :width], 0).astype(np.uint8)
        start = content[value][v_row[idx]] + 3
        if code == _TYPE_CODES["n"]:
            # a column repeats its values (dates, AHTs): each distinct text is converted once
            same, first = _distinct_rows(win)
            nums = _decimal_values(win[first], n[first])
            slow = np.flatnonzero(np.isnan(nums))
            if slow.size:
                rest = _float_values(b.slices(start[first[slow]], start[first[slow]] + n[first[slow]]))
                if rest is None:
                    out.bad_number = True
                    continue
                nums[slow] = rest
            values[idx] = nums[same]
        elif code == _TYPE_CODES["s"]:
            sidx = _decimal_values(win, n, integers=True)
            if np.isnan(sidx).any():
                sidx = _index_values(b.slices(start, start + n))
            out.bad_index = sidx is None
            if sidx is not None:
                values[idx] = sidx
        elif code == _TYPE_CODES["b"]:
            values[idx] = [x.strip() == b"1" for x in b.slices(start, start + n)]
        else:
            raw[idx] = _object_array(b.slices(start, start + n))
    return out


def _inline_texts(b: _Bytes, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """The ``<is>`` contents as bytes objects; a column repeats its texts (queue names), so
    short ones are cut out once per distinct text."""
    length = end - start
    width = int(length.max())
    if width == 0 or width > 64:
        return _object_array(b.slices(start, end))
    win = np.where(_AR64[:width] < length[:, None], b.window(start, width), 0).astype(np.uint8)
    same, first = _distinct_rows(win)
    return _object_array(b.slices(start[first], end[first]))[same]


def _distinct_rows(win: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows of a byte window as (code of each row, one row index per code): equal rows get
    one code. Exact: the rows are compared as 8-byte words, each word column factorised."""
    import pandas as pd

    m, width = win.shape
    padded = np.zeros((m, -(-width // 8) * 8), dtype=np.uint8)
    padded[:, :width] = win
    words = padded.view("<u8")
    same = np.zeros(m, dtype=np.int64)
    for k in range(words.shape[1]):
        codes, uniques = pd.factorize(words[:, k])
        same, _ = pd.factorize(same * len(uniques) + codes)
    first = np.empty(int(same.max()) + 1, dtype=np.int64)
    first[same] = np.arange(m)
    return same, first


def _decimal_values(win: np.ndarray, length: np.ndarray, *, integers: bool = False) -> np.ndarray:
    """Plain decimals (``-12.5``, ``46023``, ``.25``: an optional minus, 1-18 digits and at
    most one point) whose digits make at most 2**53, converted exactly as ``float()`` does: an
    exact integer divided by an exact power of ten is rounded once, correctly. NaN for any
    other text (``float()`` decides those). ``integers``: no point either."""
    width = int(length.max())
    win = win[:, :width]
    inside = _AR[:width] < length[:, None]
    digit = _DIGIT[win] & inside
    point = (win == 46) & inside
    minus = win[:, 0] == 45
    n_digits = digit.sum(axis=1)
    n_points = point.sum(axis=1)
    plain = (n_digits >= 1) & (n_digits <= 18) & (n_points <= (0 if integers else 1))
    plain &= n_digits + n_points + minus == length
    at_point = np.where(n_points > 0, np.argmax(point, axis=1), width)
    # the text without its point, for numpy's integer parser: '-12.5' -> '-125'
    here = np.where(inside, win, 0)
    after = np.zeros_like(here)
    after[:, :-1] = here[:, 1:]
    text = np.where(_AR[:width] < at_point[:, None], here, after).astype(np.uint8)
    text[~plain] = 0
    text[~plain, 0] = 48
    mantissa = np.abs(text.view(f"S{width}").ravel().astype(np.int64))
    plain &= mantissa <= _EXACT
    scale = np.where(n_points > 0, length - 1 - at_point, 0)
    out = mantissa.astype(np.float64) / _POW10[np.where(plain, scale, 0)]
    out = np.copysign(out, np.where(minus, -1.0, 1.0))
    out[~plain] = np.nan
    return out


def _joined(parts: list[_Cells]) -> _Cells:
    if len(parts) == 1:
        return parts[0]
    fields = ("rows", "cols", "types", "has_v", "values", "raw")
    joined = {f: np.concatenate([getattr(p, f) for p in parts]) for f in fields}
    return _Cells(
        **joined,
        bad_number=any(p.bad_number for p in parts),
        bad_index=any(p.bad_index for p in parts),
    )
