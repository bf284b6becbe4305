"""The streamed sheet reader (issue 23 item 15) gives exactly what one parse of the whole
document gives: pieces cut at '</row>' in any chunk size, and the array tokenizer where it
answers, agree cell for cell with the regex over the whole sheet XML."""

from __future__ import annotations

import io

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kcroster.io.table import SheetTable
from kcroster.io.xlsx.fast_reader import (
    _cells_to_table,
)
from kcroster.io.xlsx.fast_reader import (
    table_from_sheet_xml as _table_from_sheet_xml,
)
from kcroster.io.xlsx.tokenizer import _regex_cells, _vector_cells

HEAD = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
TAIL = b"</sheetData></worksheet>"
SHARED = ["Débiteuren", "Sales", "", "  ", "A&B"]


def streamed(xml: bytes, chunk: int) -> SheetTable | None:
    return _table_from_sheet_xml(
        io.BytesIO(xml), SHARED, file="f.xlsx", sheet="S", max_cells=10**6, chunk_bytes=chunk
    )


def whole_document(xml: bytes) -> SheetTable | None:
    """The reference: the cell regex over the whole document at once, as before streaming."""
    cells = _regex_cells(xml)
    if cells is None:
        return None
    return _cells_to_table(
        [cells] if cells.rows.size else [], SHARED, file="f.xlsx", sheet="S", max_cells=10**6
    )


def assert_same_table(a: SheetTable | None, b: SheetTable | None) -> None:
    assert (a is None) == (b is None)
    if a is None or b is None:
        return
    assert np.array_equal(a.row_numbers, b.row_numbers)
    assert np.array_equal(a.kinds, b.kinds)
    assert np.array_equal(
        a.numbers.view(np.int64), b.numbers.view(np.int64)
    )  # bit for bit, -0.0 too
    assert a.texts.tolist() == b.texts.tolist()


def assert_same_cells(xml: bytes) -> bool:
    """Where the array tokenizer answers, it gives the regex's cells; returns whether it did."""
    fast, slow = _vector_cells(xml), _regex_cells(xml)
    if fast is None:
        return False
    assert slow is not None
    for name in ("rows", "cols", "types", "has_v"):
        assert np.array_equal(getattr(fast, name), getattr(slow, name)), name
    assert np.array_equal(fast.values.view(np.int64), slow.values.view(np.int64))
    assert fast.raw.tolist() == slow.raw.tolist()
    assert (fast.bad_number, fast.bad_index) == (slow.bad_number, slow.bad_index)
    return True


NUMBER_TEXT = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.integers(-(10**20), 10**20).map(str),
    st.sampled_from(
        [
            "-0",
            "0.010416666666666666",
            "46023",
            ".5",
            "1.",
            "1e5",
            "+3",
            " 7 ",
            "1_0",
            "x",
            "-",
            "",
            "9007199254740993",
            "12.340",
        ]
    ),
)
TEXT = st.text(alphabet="abcé &<>\"'\n", max_size=8).map(
    lambda s: s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
)


@st.composite
def cell(draw: st.DrawFn, row: int, plain: bool = False) -> bytes:
    """One cell; ``plain``: only the layouts the array tokenizer knows."""
    column = draw(st.sampled_from(["A", "B", "C", "Z", "AA", "AZ", "XFD"]))
    ref = b"" if not plain and draw(st.integers(0, 40)) == 0 else f' r="{column}{row}"'.encode()
    style = draw(st.sampled_from([b"", b' s="1"', b' s="12"']))
    kind = draw(st.sampled_from(["", "n", "s", "inlineStr", "b", "e", "str", "d", "weird"]))
    attrs = ref + style + (f' t="{kind}"'.encode() if kind else b"")
    shapes = ["closed", "empty", "value", "inline", "blank_v"] + (
        [] if plain else ["rich", "formula"]
    )
    shape = draw(st.sampled_from(shapes))
    if kind == "s":
        value = str(draw(st.integers(0, len(SHARED) - 1)))
    elif kind == "b":
        value = draw(st.sampled_from(["0", "1", " 1"]))
    elif kind == "d":
        value = draw(st.sampled_from(["2026-06-01T08:15:00", "2026-13-01", ""]))
    elif kind in ("e", "str", "weird"):
        value = draw(TEXT)
    else:
        value = draw(NUMBER_TEXT)
    text = draw(TEXT)
    body = {
        "closed": b"/>",
        "empty": b"></c>",
        "value": b"><v>" + value.encode() + b"</v></c>",
        "inline": b"><is><t>" + text.encode() + b"</t></is></c>",
        "rich": b"><is><r><t>" + text.encode() + b"</t></r><r><t>x</t></r></is></c>",
        "formula": b"><f>SUM(A1:A2)</f><v>" + value.encode() + b"</v></c>",
        "blank_v": b"><v></v></c>",
    }[shape]
    return b"<c" + attrs + body


@st.composite
def sheet_xml(draw: st.DrawFn, plain: bool = False) -> bytes:
    rows = []
    number = 0
    for _ in range(draw(st.integers(0, 12))):
        number = draw(
            st.sampled_from([number + 1, number + 1, number + 3, max(1, number - 1), number or 1])
        )
        cells = b"".join(draw(st.lists(cell(number, plain), max_size=5)))
        rows.append(f'<row r="{number}">'.encode() + cells + b"</row>")
    return HEAD + b"".join(rows) + TAIL


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sheet_xml(), st.integers(1, 400))
def test_streamed_pieces_give_the_whole_document_parse(xml: bytes, chunk: int) -> None:
    reference = whole_document(xml)
    assert_same_table(streamed(xml, chunk), reference)
    assert_same_table(streamed(xml, len(xml) + 1), reference)
    assert_same_cells(xml)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sheet_xml(plain=True))
def test_the_array_tokenizer_answers_for_plain_layouts_and_agrees(xml: bytes) -> None:
    if b"<c " in xml:
        assert assert_same_cells(xml)


def _plain_sheet(n_rows: int) -> bytes:
    """The layout openpyxl and Excel write for a long forecast: dates, times, text, numbers."""
    rows = [
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>date</t></is></c><c r="B1" t="s"><v>1</v></c></row>'
    ]
    for r in range(2, n_rows + 2):
        rows.append(
            f'<row r="{r}"><c r="A{r}" s="1" t="n"><v>{46023 + r // 96}</v></c>'
            f'<c r="B{r}" s="2" t="n"><v>{(r % 96) / 96!r}</v></c>'
            f'<c r="C{r}" t="inlineStr"><is><t>Wachtrij {r % 29}</t></is></c>'
            f'<c r="D{r}"><v>{-1.25 * (r % 7)}</v></c><c r="E{r}" t="s"><v>{r % len(SHARED)}</v></c>'
            f'<c r="AB{r}"/><c r="AC{r}"></c></row>'.encode()
        )
    return HEAD + b"".join(rows) + TAIL


def test_the_array_tokenizer_reads_the_common_layout_as_the_regex_does() -> None:
    xml = _plain_sheet(500)
    assert assert_same_cells(xml)  # it answers here (no fall back to the regex)
    table = streamed(xml, 1000)
    assert table is not None and table.n_rows == 501 and table.n_cols == 29
    assert table.value(0, 0) == "date" and table.value(0, 1) == "Sales"
    assert table.value(1, 2) == "Wachtrij 2" and table.value(1, 1) == 2 / 96
    assert table.value(3, 3) == -5.0 and table.value(3, 4) == "A&B"
    assert table.value(1, 4) is None  # shared string 2 is empty


def test_rows_cut_by_any_chunk_size_are_read_whole() -> None:
    xml = _plain_sheet(60)
    reference = whole_document(xml)
    for chunk in (1, 2, 7, 31, 64, 100, 257, 1024, 4096):
        assert_same_table(streamed(xml, chunk), reference)


def test_cells_without_r_attribute_make_both_readers_give_up() -> None:
    """openpyxl then reads the sheet (it places such a cell after the previous one); a bare
    ``<c>`` was passed over unseen before, its value lost."""
    for cell in (b"<c><v>2</v></c>", b'<c t="n"><v>2</v></c>', b'<c s="1"/>'):
        xml = HEAD + b'<row r="1"><c r="A1"><v>1</v></c>' + cell + b"</row>" + TAIL
        assert whole_document(xml) is None
        for chunk in (5, 50, len(xml)):
            assert streamed(xml, chunk) is None


class _CountingStream(io.BytesIO):
    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.reads: list[int] = []

    def read(self, size: int | None = -1) -> bytes:
        out = super().read(size)
        self.reads.append(len(out))
        return out


def test_the_sheet_is_read_in_chunks_never_whole() -> None:
    xml = _plain_sheet(2000)
    stream = _CountingStream(xml)
    table = _table_from_sheet_xml(
        stream, SHARED, file="f.xlsx", sheet="S", max_cells=10**6, chunk_bytes=4096
    )
    assert table is not None and table.n_rows == 2001
    assert max(stream.reads) <= 4096 and sum(stream.reads) == len(xml)
