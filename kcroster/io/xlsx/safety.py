"""The first stage of reading an untrusted file: refuse it before anything parses it.

A missing, empty, oversized or unreadable file is refused (:func:`read_file_bytes`, the CSV
reader's too); for a workbook also an old ``.xls``, a zip that is no xlsx, an encrypted one, a
zip bomb (members that unpack unreasonably far, too much in total, a worksheet of more rows than
Excel allows) and any DTD or entity declaration in an XML part ("billion laughs") — all from the
zip directory and the first bytes of each part, before openpyxl or the fast reader builds
anything (:func:`validated_xlsx_bytes`). openpyxl itself parses through ``defusedxml`` because
that package is installed (:func:`defusedxml_active` checks it). Every refusal is a
:class:`~kcroster.model.KcrosterInputError` naming the file.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from defusedxml import DefusedXmlException

from kcroster.model.errors import KcrosterInputError

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_CELLS",
    "DEFAULT_MAX_UNCOMPRESSED",
    "MAX_SHEET_ROWS",
    "MB",
    "defusedxml_active",
    "describe",
    "is_ole_file",
    "is_zip_file",
    "read_file_bytes",
    "too_many_rows",
    "validated_xlsx_bytes",
]

MB = 1024 * 1024
DEFAULT_MAX_BYTES = 50 * MB
# A year of quarter hours for 29 queues (1 016 160 rows, openpyxl's verbose XML) unpacks to
# 251 MB; 400 MB leaves room for wider sheets and refuses the 490 MB bomb of issue 23 item 13.
DEFAULT_MAX_UNCOMPRESSED = 400 * MB
# Excel's own row limit: a worksheet with more rows was not made by a spreadsheet. Deflate on a
# repeated row reaches only ~260:1, under the ratio check, so rows are counted while streaming.
MAX_SHEET_ROWS = 1_048_576
# Worksheet parts smaller than this cannot hold more than MAX_SHEET_ROWS rows (a row tag takes
# at least 12 bytes) and are not scanned; nor are parts that compress like real data (a year's
# forecast ~10:1; scanning its 251 MB would cost a second): the readers count their rows.
ROW_SCAN_MIN_BYTES = 12 * MAX_SHEET_ROWS
ROW_SCAN_MIN_RATIO = 50
ROW_SCAN_CHUNK = 4 * MB
DEFAULT_MAX_CELLS = 20_000_000
MAX_ZIP_MEMBERS = 10_000
# Real xlsx XML compresses 5–30×, very repetitive sheets up to ~150×; deflate bombs reach ~1000×.
MAX_COMPRESSION_RATIO = 300
RATIO_CHECK_MIN_BYTES = 5 * MB
# Bytes of each XML part scanned for a DTD: the DOCTYPE must precede the root element, and a
# legitimate part starts its root element within the first few hundred bytes.
DTD_SCAN_BYTES = 64 * 1024

_DEFUSED_ERRORS = (DefusedXmlException,)  # DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"


def defusedxml_active() -> bool:
    """True when openpyxl parses XML through defusedxml (it does whenever defusedxml imports)."""
    from openpyxl.xml import DEFUSEDXML

    return bool(DEFUSEDXML)


def read_file_bytes(path: str | Path, max_bytes: int) -> tuple[str, bytes]:
    """Read a whole (bounded) file; refuse a missing, unreadable, empty or oversized one."""
    p = Path(path)
    name = p.name or str(path)
    try:
        if not p.exists():
            raise KcrosterInputError("bestand bestaat niet", file=name)
        if p.is_dir():
            raise KcrosterInputError("is een map, geen bestand", file=name)
        size = p.stat().st_size
        if size == 0:
            raise KcrosterInputError("bestand is leeg", file=name)
        if size > max_bytes:
            raise KcrosterInputError(
                f"bestand is te groot ({size / MB:.1f} MB; maximaal {max_bytes / MB:.0f} MB)",
                file=name,
            )
        data = p.read_bytes()
    except KcrosterInputError:
        raise
    except OSError as exc:
        raise KcrosterInputError(f"bestand kan niet gelezen worden ({exc.strerror or exc})", file=name) from exc
    if not data:
        raise KcrosterInputError("bestand is leeg", file=name)
    return name, data


def is_zip_file(data: bytes) -> bool:
    return data[:4] == _ZIP_MAGIC



def is_ole_file(data: bytes) -> bool:
    """An old binary Office file (``.xls``), or an xlsx saved with a password (both OLE)."""
    return data[:8] == _OLE_MAGIC


def _inspect_zip(name: str, data: bytes, max_uncompressed: int) -> None:
    """Refuse zip bombs and non-xlsx zips from the central directory, before decompressing."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except Exception as exc:  # BadZipFile, NotImplementedError (zip version), struct/zlib errors
        raise KcrosterInputError("is geen Excel-werkmap (.xlsx): beschadigd zip-bestand", file=name) from exc
    infos = zf.infolist()
    with zf:
        if len(infos) > MAX_ZIP_MEMBERS:
            raise KcrosterInputError(
                f"is geen bruikbare Excel-werkmap: {len(infos)} onderdelen in het zip-bestand", file=name
            )
        names = {i.filename for i in infos}
        if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
            raise KcrosterInputError("is geen Excel-werkmap (.xlsx)", file=name)
        total = 0
        for info in infos:
            if info.flag_bits & 0x1:
                raise KcrosterInputError(
                    "is versleuteld; sla de werkmap op zonder wachtwoord", file=name
                )
            total += info.file_size
            if info.file_size > RATIO_CHECK_MIN_BYTES and (
                info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1)
            ):
                raise KcrosterInputError(
                    f"wordt geweigerd: onderdeel '{info.filename}' pakt onredelijk ver uit "
                    f"({info.file_size / MB:.0f} MB uit {info.compress_size / 1024:.0f} kB) — "
                    "mogelijk een zip-bom",
                    file=name,
                )
        if total > max_uncompressed:
            raise KcrosterInputError(
                f"wordt geweigerd: uitgepakt {total / MB:.0f} MB (maximaal {max_uncompressed / MB:.0f} MB) — "
                "mogelijk een zip-bom",
                file=name,
            )
        for info in infos:
            lower = info.filename.lower()
            if not (lower.endswith(".xml") or lower.endswith(".rels") or lower.endswith(".vml")):
                continue
            try:
                with zf.open(info) as fh:
                    head = fh.read(DTD_SCAN_BYTES)
            except Exception as exc:  # zlib.error, BadZipFile, unsupported compression, ...
                raise KcrosterInputError(
                    f"is geen leesbare Excel-werkmap: onderdeel '{info.filename}' is beschadigd",
                    file=name,
                ) from exc
            upper = head.upper()
            if b"<!DOCTYPE" in upper or b"<!ENTITY" in upper:
                raise KcrosterInputError(
                    f"wordt geweigerd: onderdeel '{info.filename}' bevat een DTD/entiteiten "
                    "(mogelijk een XML-aanval); een echte Excel-werkmap bevat die nooit",
                    file=name,
                )
        for info in infos:
            if (
                info.file_size >= ROW_SCAN_MIN_BYTES
                and info.file_size > ROW_SCAN_MIN_RATIO * max(info.compress_size, 1)
                and info.filename.lower().startswith("xl/worksheets/")
            ):
                _check_row_count(zf, info, name)


def too_many_rows(sheet: str) -> str:
    limit = f"{MAX_SHEET_ROWS:,}".replace(",", ".")
    return (
        f"wordt geweigerd: werkblad '{sheet}' heeft meer dan {limit} rijen (het maximum van "
        "Excel) — mogelijk een zip-bom"
    )


def _check_row_count(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> None:
    """Count a worksheet's row tags while decompressing it in chunks (never whole), and refuse
    it past MAX_SHEET_ROWS: a zip bomb of one repeated row stops here after a few seconds at
    most, before openpyxl or the fast reader builds anything (issue 23 item 13)."""
    rows = 0
    tail = b""
    try:
        with zf.open(info) as fh:
            while chunk := fh.read(ROW_SCAN_CHUNK):
                block = tail + chunk
                rows += block.count(b"<row ") + block.count(b"<row>")
                tail = block[-4:]  # shorter than a tag: nothing is counted twice
                if rows > MAX_SHEET_ROWS:
                    raise KcrosterInputError(
                        too_many_rows(info.filename.rsplit("/", 1)[-1]), file=name
                    )
    except KcrosterInputError:
        raise
    except Exception as exc:  # zlib.error, BadZipFile (CRC or size mismatch), ...
        raise KcrosterInputError(
            f"is geen leesbare Excel-werkmap: onderdeel '{info.filename}' is beschadigd",
            file=name,
        ) from exc


def validated_xlsx_bytes(path: str | Path, max_bytes: int, max_uncompressed: int) -> tuple[str, bytes]:
    name, data = read_file_bytes(path, max_bytes)
    if is_ole_file(data):
        raise KcrosterInputError(
            "is geen Excel-werkmap (.xlsx): oud .xls-formaat of met wachtwoord beveiligd — "
            "sla het bestand in Excel op als 'Excel-werkmap (*.xlsx)'",
            file=name,
        )
    if not is_zip_file(data):
        raise KcrosterInputError("is geen Excel-werkmap (.xlsx)", file=name)
    _inspect_zip(name, data, max_uncompressed)
    return name, data


def describe(exc: BaseException) -> str:
    """An exception met while parsing a workbook, in words for the planner.

    defusedxml's refusals (a DTD, entity or external reference) count wherever they sit in the
    chain: openpyxl wraps one met in the shared strings in ``ValueError('Unable to read
    workbook: could not read strings from None')``, which says nothing to a planner."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, _DEFUSED_ERRORS):
            return "bevat verboden XML-entiteiten (mogelijk een XML-aanval)"
        seen = seen.__cause__ or seen.__context__
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    kind = type(exc).__name__
    return f"{kind}: {text[:120]}" if text else kind
