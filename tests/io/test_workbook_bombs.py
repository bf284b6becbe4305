"""Zip bombs of one repeated row (issue 23 item 13).

Deflate on a repeated row reaches only ~260-295:1, under the 300:1 ratio check; a 2 MB xlsx of
that kind unpacked to 490 MB and was accepted after 30 s and 4.5 GB (187 s as an agents file).
The total uncompressed size is now capped below that, and a worksheet's rows are counted while
it is decompressed in chunks, so such a file is refused in well under a second of reading.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from kcroster.io.agents import load_agents_workbook
from kcroster.io.forecast import load_forecast
from kcroster.io.xlsx.reader import open_workbook
from kcroster.io.xlsx.safety import DEFAULT_MAX_UNCOMPRESSED, MAX_SHEET_ROWS, MB
from kcroster.model.errors import KcrosterInputError

ROW = (b'<row><c t="inlineStr"><is><t>A1</t></is></c><c t="inlineStr"><is><t>Anna</t></is></c>'
       b"<c><v>36</v></c></row>")


def write_row_bomb(path: Path, rows: int, sheet: str = "Medewerkers") -> Path:
    """A real workbook whose sheet XML (no <dimension>) repeats one row ``rows`` times."""
    wb = openpyxl.Workbook()
    wb.active.title = sheet
    wb.active.append(["id", "naam", "contracturen"])
    buf = io.BytesIO()
    wb.save(buf)
    src = zipfile.ZipFile(buf)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename != "xl/worksheets/sheet1.xml":
                z.writestr(info.filename, data)
                continue
            head, _, tail = re.sub(rb"<dimension[^>]*/>", b"", data).partition(b"</sheetData>")
            with z.open(info.filename, "w", force_zip64=True) as fh:
                fh.write(head)
                block = ROW * 10_000
                for _ in range(rows // 10_000):
                    fh.write(block)
                fh.write(b"</sheetData>" + tail)
    return path


@pytest.fixture(scope="module")
def row_bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = write_row_bomb(tmp_path_factory.mktemp("bomb") / "bom.xlsx", MAX_SHEET_ROWS + 20_000)
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    assert info.file_size < 300 * info.compress_size  # the ratio check alone lets it pass
    assert info.file_size < DEFAULT_MAX_UNCOMPRESSED  # and so does the size cap
    return path


@pytest.mark.parametrize("reader", [load_agents_workbook, load_forecast, open_workbook])
def test_a_repeated_row_bomb_is_refused_by_its_row_count(row_bomb: Path, reader) -> None:
    with pytest.raises(KcrosterInputError, match=r"meer dan 1\.048\.576 rijen.*zip-bom"):
        reader(row_bomb)


def test_total_uncompressed_size_is_capped_below_the_490_mb_bomb() -> None:
    assert DEFAULT_MAX_UNCOMPRESSED < 490 * MB


def test_a_sheet_at_excels_row_limit_is_read(tmp_path: Path) -> None:
    """A file within Excel's limit is not refused by the row count."""
    path = write_row_bomb(tmp_path / "ok.xlsx", 20_000)
    wb = open_workbook(path)
    try:
        assert sum(1 for _ in wb["Medewerkers"].iter_rows(values_only=True)) == 20_001
    finally:
        wb.close()
