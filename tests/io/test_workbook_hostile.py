"""Hostile or unlucky input to the readers (issue 23): hidden sheets, UTF-16 without BOM, XML
attacks that the up-front DTD scan cannot see."""

from __future__ import annotations

import io
import zipfile
from datetime import date, time
from pathlib import Path

import openpyxl
import pytest
from forecast_helpers import LONG_HEADER, write_csv

from kcroster.io.agents import load_agents_workbook
from kcroster.io.forecast import load_forecast
from kcroster.io.wishes import import_wish_workbooks
from kcroster.model.errors import KcrosterInputError

DAY = date(2026, 6, 1)

# ------------------------------------------------------------------------------ hidden sheets


def _forecast_rows(volume: float) -> list[list]:
    return [
        list(LONG_HEADER),
        [DAY, time(8, 0), "Sales", volume, 180],
        [DAY, time(8, 15), "Sales", volume, 180],
    ]


def _workbook(path: Path, sheets: list[tuple[str, list[list], bool]]) -> Path:
    """Sheets in this order as (title, rows, hidden); the active sheet is the first visible."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows, hidden in sheets:
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(r)
        if hidden:
            ws.sheet_state = "hidden"
    wb.active = next(i for i, (_t, _r, hidden) in enumerate(sheets) if not hidden)
    wb.save(path)
    return path


@pytest.mark.parametrize("old_title", ["Forecast", "Oud"])
def test_a_hidden_first_sheet_with_old_data_loses_to_the_visible_forecast(
    tmp_path: Path, old_title: str
) -> None:
    path = _workbook(
        tmp_path / "f.xlsx",
        [(old_title, _forecast_rows(99), True), ("Blad2", _forecast_rows(7), False)],
    )
    fc = load_forecast(path)
    assert fc.volume.sum() == 14  # the visible sheet's 2 × 7, not the hidden 2 × 99
    note = next(n for n in fc.notes if old_title in n)
    assert "Verborgen blad" in note and "niet gelezen" in note and "'Blad2'" in note


def test_a_hidden_sheet_is_read_when_no_visible_sheet_is_a_forecast_and_says_so(
    tmp_path: Path,
) -> None:
    path = _workbook(
        tmp_path / "f.xlsx", [("Uitleg", [["Lees mij"]], False), ("Data", _forecast_rows(5), True)]
    )
    fc = load_forecast(path)
    assert fc.volume.sum() == 10
    assert any("Geen zichtbaar blad" in n and "'Data'" in n and "gelezen" in n for n in fc.notes)


def test_of_two_visible_forecasts_the_note_says_which_was_read_and_why(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "f.xlsx",
        [("Week 1", _forecast_rows(3), False), ("Forecast", _forecast_rows(4), False)],
    )
    fc = load_forecast(path)
    assert fc.volume.sum() == 8  # the sheet named 'Forecast'
    assert any("'Forecast' gelezen" in n and "bladnaam" in n and "'Week 1'" in n for n in fc.notes)
    plain = _workbook(
        tmp_path / "g.xlsx",
        [("Week 1", _forecast_rows(3), False), ("Week 2", _forecast_rows(4), False)],
    )
    fc = load_forecast(plain)
    assert fc.volume.sum() == 6
    assert any(
        "'Week 1' gelezen" in n and "eerste zichtbare" in n and "'Week 2'" in n for n in fc.notes
    )


def test_one_visible_forecast_gives_no_sheet_note(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "f.xlsx", [("Forecast", _forecast_rows(3), False), ("Lijsten", [["a"]], True)]
    )
    assert not [n for n in load_forecast(path).notes if "lad" in n]


def test_wide_sheets_hidden_ones_are_passed_over_when_visible_ones_exist(tmp_path: Path) -> None:
    wide_old = [["tijd", DAY], [time(8, 0), 50], [time(8, 15), 50]]
    wide_new = [["tijd", DAY], [time(8, 0), 2], [time(8, 15), 3]]
    path = _workbook(
        tmp_path / "w.xlsx", [("Sales oud", wide_old, True), ("Sales", wide_new, False)]
    )
    fc = load_forecast(path, queue_defaults={"aht": 300})
    assert fc.queue_names == ["Sales"] and fc.volume.sum() == 5
    assert any("'Sales oud'" in n and "niet gelezen" in n for n in fc.notes)


def _agents_rows(agent_id: str, name: str) -> list[list]:
    return [["id", "naam", "contracturen"], [agent_id, name, 36]]


def test_agents_import_reads_the_visible_agents_sheet_not_the_hidden_old_one(
    tmp_path: Path,
) -> None:
    path = _workbook(
        tmp_path / "a.xlsx",
        [
            ("Medewerkers", _agents_rows("OUD1", "Oud"), True),
            ("Agents", _agents_rows("A1", "Anna"), False),
        ],
    )
    data = load_agents_workbook(path)
    assert [(a.id, a.name) for a in data.agents] == [("A1", "Anna")]
    assert any(
        "'Medewerkers'" in w and "niet gelezen" in w and "'Agents'" in w
        for w in map(str, data.warnings)
    )


def test_agents_import_reads_a_hidden_agents_sheet_when_it_is_the_only_one_and_says_so(
    tmp_path: Path,
) -> None:
    path = _workbook(
        tmp_path / "a.xlsx",
        [("Uitleg", [["Lees mij"]], False), ("Medewerkers", _agents_rows("A1", "Anna"), True)],
    )
    data = load_agents_workbook(path)
    assert [a.id for a in data.agents] == ["A1"]
    assert any("Geen zichtbaar blad" in w and "'Medewerkers'" in w for w in map(str, data.warnings))


# ----------------------------------------------------------------------- UTF-16 without BOM


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_csv_without_bom_is_read(tmp_path: Path, encoding: str) -> None:
    lines = [
        "datum;tijd;wachtrij;aanbod;afhandeltijd",
        "01-06-2026;08:00;Débiteuren;12,5;180",
        "01-06-2026;08:15;Débiteuren;1.234,5;190,5",
    ]
    path = write_csv(tmp_path / "f.csv", lines, encoding=encoding, newline="\r\n")
    assert not path.read_bytes().startswith((b"\xff\xfe", b"\xfe\xff"))
    fc = load_forecast(path)
    assert fc.queue_names == ["Débiteuren"]
    k = fc.horizon.index_at(DAY, time(8, 15), 0)
    assert fc.volume[0, k] == 1234.5 and fc.aht[0, k] == 190.5
    assert fc.volume.sum() == pytest.approx(1247.0)


def test_binary_with_nul_bytes_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "b.csv"
    path.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(KcrosterInputError, match="binaire gegevens"):
        load_forecast(path)


# ------------------------------------------------- XML attacks past the up-front DTD scan

LAUGHS = (
    '<!DOCTYPE sst [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)
SST = (
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
    "<si><t>&lol3;</t></si></sst>"
)


def _attack(path: Path, variant: str, sheet: str) -> Path:
    """A real workbook whose cell B2 is shared string 0, defined by a billion-laughs
    sharedStrings.xml that hides its DTD from a scan of the first 64 kB (behind a long comment)
    or from a byte scan altogether (the part is UTF-16)."""
    wb = openpyxl.Workbook()
    wb.active.title = sheet
    wb.active.append(["id", "naam", "contracturen"])
    wb.active.append(["A1", "Anna", 36])
    buf = io.BytesIO()
    wb.save(buf)
    src = zipfile.ZipFile(buf)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(
                    b'<c r="B2" t="inlineStr"><is><t>Anna</t></is></c>',
                    b'<c r="B2" t="s"><v>0</v></c>',
                )
            elif info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml" '
                    b'Id="rId99" /></Relationships>',
                )
            elif info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml" /></Types>',
                )
            z.writestr(info.filename, data)
        if variant == "comment":
            sst = (
                b'<?xml version="1.0" encoding="UTF-8"?><!--'
                + b" " * 70_000
                + b"-->"
                + LAUGHS.encode()
                + SST.encode()
            )
        else:
            sst = ('<?xml version="1.0" encoding="UTF-16"?>' + LAUGHS + SST).encode("utf-16")
        z.writestr("xl/sharedStrings.xml", sst)
    return path


def _refusal(reader: str, path: Path) -> str:
    if reader == "wishes":
        result = import_wish_workbooks([path])
        assert not result.wishes and len(result.refusals) == 1
        return str(result.refusals[0])
    with pytest.raises(KcrosterInputError) as caught:
        (load_agents_workbook if reader == "agents" else load_forecast)(path)
    return str(caught.value)


@pytest.mark.parametrize("variant", ["comment", "utf16"])
@pytest.mark.parametrize("reader", ["agents", "wishes", "forecast"])
def test_an_xml_attack_in_the_shared_strings_is_named_as_such(
    tmp_path: Path, reader: str, variant: str
) -> None:
    path = _attack(
        tmp_path / f"aanval_{variant}.xlsx",
        variant,
        "Medewerkers" if reader != "wishes" else "Wensen",
    )
    message = _refusal(reader, path)
    assert path.name in message
    assert "verboden XML-entiteiten" in message and "XML-aanval" in message
    assert "could not read" not in message and "None" not in message


def test_the_attack_workbook_is_otherwise_sound(tmp_path: Path) -> None:
    """The same file with a harmless shared string reads: the refusal above is for the DTD."""
    path = _attack(tmp_path / "a.xlsx", "comment", "Medewerkers")
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    parts["xl/sharedStrings.xml"] = SST.replace("&lol3;", "Anna").encode()
    clean = tmp_path / "schoon.xlsx"
    with zipfile.ZipFile(clean, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    assert [a.name for a in load_agents_workbook(clean).agents] == ["Anna"]
