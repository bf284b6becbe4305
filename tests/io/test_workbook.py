"""Safe workbook/CSV reading helpers: refusals, header matching, located cell parsing, export safety."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, time
from pathlib import Path

import numpy as np
import openpyxl
import pytest

from kcroster.io.cells import (
    normalise_header,
    number_from_text,
    parse_bool,
    parse_date,
    parse_datetime,
    parse_number,
    parse_time,
    resolve_columns,
)
from kcroster.io.csv_reader import read_csv_rows
from kcroster.io.table import (
    KIND_BOOL,
    KIND_ERROR,
    KIND_NUMBER,
    KIND_TEXT,
    column_numbers,
    table_from_rows,
)
from kcroster.io.xlsx import reader as wbmod
from kcroster.io.xlsx import safety as wb_safety
from kcroster.io.xlsx.reader import (
    find_sheet,
    open_workbook,
    open_workbook_archive,
    read_sheet_table,
)
from kcroster.io.xlsx.safety import defusedxml_active
from kcroster.io.xlsx.writer import safe_cell_text, set_cell_safe
from kcroster.model import KcrosterInputError

LOC = {"file": "f.xlsx", "sheet": "Blad1", "row": 7, "column": "C (volume)"}


def _simple_xlsx(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(["a", "b"])
    ws.append([1, 2])
    wb.save(path)
    return path


def _replace_member(src: Path, dst: Path, member: str, content: bytes) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = content if info.filename == member else zin.read(info.filename)
            zout.writestr(info.filename, data)
    return dst


# ---------------------------------------------------------------------------- refusals


def test_missing_empty_and_non_workbook_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(KcrosterInputError, match="bestaat niet") as e:
        open_workbook(tmp_path / "weg.xlsx")
    assert e.value.file == "weg.xlsx"
    empty = tmp_path / "leeg.xlsx"
    empty.write_bytes(b"")
    with pytest.raises(KcrosterInputError, match="leeg"):
        open_workbook(empty)
    text = tmp_path / "tekst.xlsx"
    text.write_text("datum;tijd\n", encoding="utf-8")
    with pytest.raises(KcrosterInputError, match=r"is geen Excel-werkmap \(.xlsx\)") as e:
        open_workbook(text)
    assert "tekst.xlsx" in str(e.value)
    other_zip = tmp_path / "ander.xlsx"
    with zipfile.ZipFile(other_zip, "w") as zf:
        zf.writestr("readme.txt", "hallo")
    with pytest.raises(KcrosterInputError, match=r"is geen Excel-werkmap"):
        open_workbook(other_zip)
    old = tmp_path / "oud.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(KcrosterInputError, match=r"\.xls"):
        open_workbook(old)


def test_file_size_limit(tmp_path: Path) -> None:
    p = _simple_xlsx(tmp_path / "klein.xlsx")
    with pytest.raises(KcrosterInputError, match="te groot"):
        open_workbook(p, max_bytes=100)


def test_zip_bomb_by_ratio_is_refused_before_decompression(tmp_path: Path) -> None:
    good = _simple_xlsx(tmp_path / "ok.xlsx")
    bomb = tmp_path / "bom.xlsx"
    # 64 MB of one repeated byte deflates ~1000×: far beyond any real sheet.
    _replace_member(good, bomb, "xl/worksheets/sheet1.xml", b"<" + b"a" * (64 * 1024 * 1024))
    assert bomb.stat().st_size < 1024 * 1024
    with pytest.raises(KcrosterInputError, match="zip-bom") as e:
        open_workbook(bomb)
    assert e.value.file == "bom.xlsx"


def test_zip_bomb_by_total_size_is_refused(tmp_path: Path) -> None:
    p = _simple_xlsx(tmp_path / "ok.xlsx")
    with pytest.raises(KcrosterInputError, match="uitgepakt"):
        open_workbook(p, max_uncompressed=1000)


BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
    + b"".join(
        f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'.encode()
        for i in range(1, 10)
    )
    + b']>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
)


def test_billion_laughs_is_refused_by_the_dtd_scan(tmp_path: Path) -> None:
    good = _simple_xlsx(tmp_path / "ok.xlsx")
    evil = _replace_member(good, tmp_path / "lol.xlsx", "xl/worksheets/sheet1.xml", BILLION_LAUGHS)
    with pytest.raises(KcrosterInputError, match="DTD") as e:
        open_workbook(evil)
    assert "lol.xlsx" in str(e.value)
    with pytest.raises(KcrosterInputError, match="DTD"):
        open_workbook_archive(evil)


def test_openpyxl_parses_through_defusedxml() -> None:
    from openpyxl.xml import functions

    assert defusedxml_active()
    assert functions.iterparse.__module__.startswith("defusedxml")


def test_billion_laughs_beyond_the_scan_window_is_stopped_by_defusedxml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Disable our own DTD scan: the second layer (defusedxml inside openpyxl) must still refuse.
    monkeypatch.setattr(wb_safety, "DTD_SCAN_BYTES", 16)
    good = _simple_xlsx(tmp_path / "ok.xlsx")
    evil = _replace_member(good, tmp_path / "lol2.xlsx", "xl/worksheets/sheet1.xml", BILLION_LAUGHS)
    with pytest.raises(KcrosterInputError) as e:
        wb = open_workbook(evil)
        for _ in wbmod.iter_sheet_rows(wb.worksheets[0], file="lol2.xlsx"):
            pass
    assert "lol2.xlsx" in str(e.value)
    with pytest.raises(KcrosterInputError) as e2, open_workbook_archive(evil) as archive:
        archive.table(archive.sheetnames[0])
    assert "lol2.xlsx" in str(e2.value)


# ---------------------------------------------------------------------------- headers


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (" Afhandel-tijd (sec) ", "afhandel_tijd"),
        ("Wachtrij", "wachtrij"),
        ("\ufeffdatum", "datum"),
        ("Café  Naam", "cafe_naam"),
        ("SL_Percent", "sl_percent"),
        (None, ""),
    ],
)
def test_normalise_header(raw: object, expected: str) -> None:
    assert normalise_header(raw) == expected


SPEC = {"date": ("datum",), "queue": ("wachtrij",), "volume": ("aanbod",), "aht": ("afhandeltijd",)}


def test_resolve_columns_with_dutch_aliases() -> None:
    cols = resolve_columns(
        ["Datum", "Tijd", "Wachtrij", "Aanbod", "Afhandeltijd"], SPEC, {"date", "queue"}, file="f", sheet="s"
    )
    assert cols == {"date": 0, "queue": 2, "volume": 3, "aht": 4}


def test_resolve_columns_missing_names_file_sheet_and_column() -> None:
    with pytest.raises(KcrosterInputError) as e:
        resolve_columns(["datum", "wachtrij"], SPEC, {"date", "volume"}, file="p.xlsx", sheet="Forecast")
    msg = str(e.value)
    assert "kolom 'volume'" in msg and "ontbreekt" in msg
    assert "p.xlsx" in msg and "Forecast" in msg and e.value.row == 1


def test_resolve_columns_refuses_a_column_twice() -> None:
    with pytest.raises(KcrosterInputError, match="twee keer"):
        resolve_columns(["datum", "Date"], SPEC, set(), file="f", sheet="s")


def test_find_sheet_case_insensitive_with_aliases() -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "Prognose"
    wb.create_sheet("WACHTRIJEN")
    assert find_sheet(wb, ("Queues", "Wachtrijen")).title == "WACHTRIJEN"
    assert find_sheet(wb, ("forecast",)) is None


# ---------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,5", 1.5), ("1.5", 1.5), ("1.234,5", 1234.5), ("1,234.5", 1234.5),
        ("1.234", 1.234), ("1.234.567", 1234567.0), ("1,234,567", 1234567.0),
        ("-3", -3.0), ("\u22122,5", -2.5), (" 1 234,5 ", 1234.5), ("12\u00a0500", 12500.0),
        (",5", 0.5), ("1e3", 1000.0), ("+7", 7.0), ("0", 0.0),
    ],
)
def test_number_from_text_separator_rule(text: str, value: float) -> None:
    assert number_from_text(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["nan", "NaN", "inf", "", "abc", "1,2,3", "12,34,567", "1.2.3,4", "1,,5", "--1",
                                  "1 2"])
def test_number_from_text_refuses(text: str) -> None:
    assert number_from_text(text) is None


def test_parse_number_reports_location_and_reason() -> None:
    assert parse_number("12,5", **LOC) == 12.5
    assert parse_number(7, **LOC) == 7.0
    with pytest.raises(KcrosterInputError) as e:
        parse_number("veel", **LOC)
    msg = str(e.value)
    assert "f.xlsx" in msg and "Blad1" in msg and "rij 7" in msg and "C (volume)" in msg and "geen getal" in msg
    with pytest.raises(KcrosterInputError, match="negatief"):
        parse_number(-1, **LOC)
    assert parse_number(-1, allow_negative=True, **LOC) == -1.0
    with pytest.raises(KcrosterInputError, match="leeg"):
        parse_number(None, **LOC)
    assert parse_number("  ", default=0.0, **LOC) == 0.0
    with pytest.raises(KcrosterInputError, match="WAAR"):
        parse_number(True, **LOC)
    with pytest.raises(KcrosterInputError):
        parse_number(float("nan"), **LOC)
    assert parse_number("80%", allow_percent=True, **LOC) == 80.0


def test_parse_date_formats_and_excel_serials() -> None:
    assert parse_date("29-03-2026", **LOC) == date(2026, 3, 29)
    assert parse_date("2026-03-29", **LOC) == date(2026, 3, 29)
    assert parse_date("29/3/2026", **LOC) == date(2026, 3, 29)
    assert parse_date("2026-03-29 00:00:00", **LOC) == date(2026, 3, 29)
    assert parse_date(datetime(2026, 3, 29, 0, 0), **LOC) == date(2026, 3, 29)
    # Published: Excel serial 45658 is 1 January 2025 (1900 date system).
    assert parse_date(45658, **LOC) == date(2025, 1, 1)
    assert parse_date("45658", **LOC) == date(2025, 1, 1)
    for bad in ("31-02-2026", "morgen", "2026-03-29 08:00", True):
        with pytest.raises(KcrosterInputError, match="geen datum"):
            parse_date(bad, **LOC)


def test_parse_time_and_datetime() -> None:
    assert parse_time("8:15", **LOC) == time(8, 15)
    assert parse_time("08.15", **LOC) == time(8, 15)
    assert parse_time("0815", **LOC) == time(8, 15)
    assert parse_time(0.5, **LOC) == time(12, 0)
    assert parse_time(time(7, 45), **LOC) == time(7, 45)
    for bad in ("25:00", "8", 1.5, "acht uur"):
        with pytest.raises(KcrosterInputError, match="geen tijd"):
            parse_time(bad, **LOC)
    aware = parse_datetime("2026-10-25T02:15+01:00", **LOC)
    assert aware.utcoffset().total_seconds() == 3600
    assert parse_datetime("25-10-2026 02:15", **LOC) == datetime(2026, 10, 25, 2, 15)


def test_parse_bool() -> None:
    assert parse_bool("Ja", **LOC) is True
    assert parse_bool("onwaar", **LOC) is False
    assert parse_bool(1, **LOC) is True
    assert parse_bool("", default=False, **LOC) is False
    with pytest.raises(KcrosterInputError, match="ja/nee"):
        parse_bool("misschien", **LOC)


# ---------------------------------------------------------------------------- CSV


def test_csv_semicolon_decimal_comma_cp1252(tmp_path: Path) -> None:
    p = tmp_path / "prognose.csv"
    p.write_bytes("datum;tijd;wachtrij;aanbod\r\n01-06-2026;08:00;Café;1,5\r\n".encode("cp1252"))
    headers, rows = read_csv_rows(p)
    assert headers == ["datum", "tijd", "wachtrij", "aanbod"]
    assert rows == [["01-06-2026", "08:00", "Café", "1,5"]]


def test_csv_comma_tab_bom_quotes_and_sep_line(tmp_path: Path) -> None:
    p = tmp_path / "a.csv"
    p.write_text('\ufeffdate,queue,note\n2026-06-01,"Sales, NL","twee\nregels"\n', encoding="utf-8")
    headers, rows = read_csv_rows(p)
    assert headers == ["date", "queue", "note"]
    assert rows == [["2026-06-01", "Sales, NL", "twee\nregels"]]
    t = tmp_path / "b.csv"
    t.write_text("date\tqueue\n2026-06-01\tA\n", encoding="utf-8")
    assert read_csv_rows(t) == (["date", "queue"], [["2026-06-01", "A"]])
    s = tmp_path / "c.csv"
    s.write_text("sep=;\ndate;volume\n2026-06-01;1,5\n", encoding="utf-8")
    assert read_csv_rows(s) == (["date", "volume"], [["2026-06-01", "1,5"]])
    u = tmp_path / "d.csv"
    u.write_bytes("datum\ttijd\r\n01-06-2026\t08:00\r\n".encode("utf-16"))
    assert read_csv_rows(u) == (["datum", "tijd"], [["01-06-2026", "08:00"]])


def test_csv_refuses_binary_and_workbooks(tmp_path: Path) -> None:
    b = tmp_path / "bin.csv"
    b.write_bytes(b"abc\x00def")
    with pytest.raises(KcrosterInputError, match="binaire"):
        read_csv_rows(b)
    x = _simple_xlsx(tmp_path / "werkmap.csv")
    with pytest.raises(KcrosterInputError, match="Excel-werkmap"):
        read_csv_rows(x)


# ---------------------------------------------------------------------------- sheet tables


SHEET_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    b'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>inline &amp; tekst</t></is></c>'
    b'<c r="C1" t="inlineStr"><is><r><t>rijk</t></r><r><rPr><b/></rPr><t>e tekst</t></r></is></c></row>'
    b'<row r="3"><c r="A3" s="0"><v>46023</v></c><c r="B3" t="b"><v>1</v></c><c r="C3" t="e"><v>#N/A</v></c>'
    b'<c r="D3" t="str"><f>CONCAT("a","b")</f><v>ab</v></c><c r="E3"><f>1+1</f><v>2</v></c><c r="F3" s="0"/></row>'
    b'<row r="4"><c r="B4"><v>-1.5E-2</v></c><c r="AA4" t="s"><v>1</v></c></row>'
    b"</sheetData></worksheet>"
)
SHARED_XML = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2">'
    b"<si><t>gedeeld</t></si><si><t>ver weg</t></si></sst>"
)


def _handmade(tmp_path: Path) -> Path:
    good = _simple_xlsx(tmp_path / "base.xlsx")
    out = tmp_path / "hand.xlsx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = SHEET_XML
            elif info.filename == "[Content_Types].xml" and b"sharedStrings" not in data:
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                    b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
                )
            elif info.filename == "xl/_rels/workbook.xml.rels" and b"sharedStrings" not in data:
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdSS" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
                )
            zout.writestr(info.filename, data)
        if "xl/sharedStrings.xml" not in zin.namelist():
            zout.writestr("xl/sharedStrings.xml", SHARED_XML)
    return out


def test_fast_sheet_reader_agrees_with_openpyxl(tmp_path: Path) -> None:
    path = _handmade(tmp_path)
    with open_workbook_archive(path) as archive:
        fast = archive.table("Data")
        slow = archive._openpyxl_table("Data")
    for t in (fast, slow):
        assert list(t.row_numbers) == [1, 3, 4]
        assert t.value(0, 0) == "gedeeld"
        assert t.value(0, 1) == "inline & tekst"
        assert t.value(0, 2) == "rijke tekst"
        assert t.value(1, 0) == 46023.0
        assert t.kinds[1, 1] == KIND_BOOL and t.value(1, 1) is True
        assert t.kinds[1, 2] == KIND_ERROR and t.value(1, 2) == "#N/A"
        assert t.kinds[1, 3] == KIND_TEXT and t.value(1, 3) == "ab"
        assert t.kinds[1, 4] == KIND_NUMBER and t.value(1, 4) == 2.0
        assert t.value(1, 5) is None
        assert t.value(2, 1) == pytest.approx(-0.015)
        assert t.value(2, 26) == "ver weg"
    assert fast.kinds.shape == slow.kinds.shape
    assert (fast.kinds == slow.kinds).all()
    assert np.allclose(fast.numbers, slow.numbers)


def test_fast_reader_on_openpyxl_written_workbook_matches_openpyxl_rows(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "F"
    rows = [["date", "time", "queue", "volume"], [date(2026, 6, 1), time(8, 15), "A", 1.25], [None, "x", 3, None]]
    for r in rows:
        ws.append(r)
    p = tmp_path / "w.xlsx"
    wb.save(p)
    with open_workbook_archive(p) as archive:
        fast = archive.table("F")
    wb2 = open_workbook(p)
    slow = read_sheet_table(wb2["F"], file="w.xlsx")
    wb2.close()
    manual = table_from_rows(rows, file="w.xlsx", sheet="F")
    for t in (fast, slow, manual):
        assert t.value(1, 0) == 46174.0  # 2026-06-01 as an Excel serial
        assert t.value(1, 1) == pytest.approx((8 * 60 + 15) / 1440)
        assert t.value(1, 2) == "A" and t.value(2, 2) == 3.0
    assert (fast.kinds == manual.kinds).all()


def test_column_numbers_locates_the_first_bad_cell() -> None:
    t = table_from_rows([["volume"], [1], ["2,5"], ["veel"]], file="x.csv", sheet=None)
    ok = column_numbers(t, 0, column="A (volume)", rows=np.array([1, 2]))
    assert list(ok) == [1.0, 2.5]
    with pytest.raises(KcrosterInputError) as e:
        column_numbers(t, 0, column="A (volume)", rows=np.array([1, 2, 3]))
    assert e.value.row == 4 and e.value.column == "A (volume)" and "geen getal" in str(e.value)


# ---------------------------------------------------------------------------- export safety


def test_safe_cell_text_for_csv() -> None:
    assert safe_cell_text("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    for s in ("+31", "-2", "@SUM(A1)", "\tx", "\rx"):
        assert safe_cell_text(s).startswith("'")
    assert safe_cell_text("Telefonie") == "Telefonie"
    assert safe_cell_text(-2) == -2


def test_set_cell_safe_writes_a_string_not_a_formula(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    set_cell_safe(ws["A1"], "=1+1")
    set_cell_safe(ws["A2"], "@SUM(A1)")
    set_cell_safe(ws["A3"], "bel\x07 mij")
    set_cell_safe(ws["A4"], 3.5)
    p = tmp_path / "safe.xlsx"
    wb.save(p)
    with zipfile.ZipFile(p) as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet and b"<f " not in sheet
    assert b'r="A1" t="s"' in sheet or b'r="A1" t="inlineStr"' in sheet
    back = openpyxl.load_workbook(p)
    assert back.active["A1"].value == "=1+1" and back.active["A1"].data_type == "s"
    assert back.active["A3"].value == "bel mij"
    assert back.active["A4"].value == 3.5
    # Write-only workbooks too.
    wo = openpyxl.Workbook(write_only=True)
    sh = wo.create_sheet("S")
    from openpyxl.cell import WriteOnlyCell

    sh.append([set_cell_safe(WriteOnlyCell(sh), "=2+2")])
    buf = io.BytesIO()
    wo.save(buf)
    with zipfile.ZipFile(buf) as zf:
        assert b"<f>" not in zf.read("xl/worksheets/sheet1.xml")
