"""The entry point: which sheets of a workbook (or which layout of a CSV) hold the forecast,
the AHT and the queue settings, read through :class:`~kcroster.io.xlsx.reader.WorkbookArchive`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kcroster.io.cells import (
    normalise_header,
    resolve_columns,
)
from kcroster.io.csv_reader import csv_table
from kcroster.io.forecast.gaps import DEFAULT_GAP_POLICY, _check_gap_policy
from kcroster.io.forecast.grid import _build
from kcroster.io.forecast.long import LONG_COLUMNS, _is_long_header, _long_records
from kcroster.io.forecast.queues import QUEUE_SHEETS, _normalise_defaults, _read_queue_sheet
from kcroster.io.forecast.wide import _wide_header_dates, _wide_records
from kcroster.io.table import (
    SheetTable,
)
from kcroster.io.xlsx.reader import open_workbook_archive, sheet_choice_notes
from kcroster.model.errors import KcrosterInputError
from kcroster.model.forecast import Forecast
from kcroster.model.timegrid import AMSTERDAM

FORECAST_SHEETS = ("Forecast", "Prognose", "Voorspelling", "Data")


def _aht_sheet_for(archive: Any, queue: str) -> str | None:
    wanted = {normalise_header(name) for name in (f"{queue} AHT", f"AHT {queue}", f"{queue} afhandeltijd")}
    for title in archive.sheetnames:
        if normalise_header(title) in wanted:
            return title
    return None


def _is_aht_sheet(title: str) -> bool:
    n = normalise_header(title)
    return n.endswith("_aht") or n.startswith("aht_") or n.endswith("_afhandeltijd")


def _load_xlsx(path: Path, defaults: dict[str, Any], interval_minutes: int | None, tz: str, gaps: str) -> Forecast:
    with open_workbook_archive(path) as archive:
        file = archive.file
        queue_sheet = archive.find_sheet(QUEUE_SHEETS)
        specs = _read_queue_sheet(archive.table(queue_sheet), defaults) if queue_sheet else None
        queue_aht = {n: s.aht if s.aht is not None else defaults.get("aht") for n, s in (specs or {}).items()}
        named = archive.find_sheet(FORECAST_SHEETS)
        others = [t for t in archive.sheetnames if t not in (queue_sheet, named)]
        # a hidden sheet (old data, often) only when no visible one is a forecast (issue 23 item 3)
        candidates = archive.visible_first(([named] if named else []) + others)
        wide: list[tuple[str, SheetTable, list[tuple[int, int]]]] = []
        first_with_data: SheetTable | None = None
        for title in candidates:
            if _is_aht_sheet(title):
                continue
            table = archive.table(title)
            if first_with_data is None and table.n_rows:
                first_with_data = table
            cols = _is_long_header(table)
            if cols is not None:
                rec = _long_records(table, cols, queue_aht)
                if not rec.queue_names:
                    raise KcrosterInputError("bevat geen prognoseregels", file=file, sheet=title)
                fc = _build(rec, specs, defaults, interval_minutes=interval_minutes, tz_name=tz,
                            source=file, queue_sheet_label=queue_sheet, gaps=gaps)
                fc.notes[:0] = _sheet_notes(archive, [title], candidates, by_name=title == named)
                return fc
            dates = _wide_header_dates(table)
            if dates is not None:
                wide.append((title.strip(), table, dates))
            elif title == named and table.n_rows:
                # A sheet called 'Forecast' that is neither format: say which column is missing.
                resolve_columns(table.row_values(0), LONG_COLUMNS, {"date", "time", "queue", "volume", "aht"},
                                file=file, sheet=title, row=int(table.row_numbers[0]))
        if not wide:
            if first_with_data is not None and len([t for t in candidates if not _is_aht_sheet(t)]) == 1:
                # One sheet that is neither format: name the missing column.
                resolve_columns(first_with_data.row_values(0), LONG_COLUMNS, {"date", "time", "queue", "volume", "aht"},
                                file=file, sheet=first_with_data.sheet, row=int(first_with_data.row_numbers[0]))
            raise KcrosterInputError(
                "geen prognose gevonden: verwacht een blad 'Forecast' met kolommen date, time, queue, volume, aht "
                "(lang formaat) of per wachtrij een blad met tijden onder elkaar en datums naast elkaar "
                "(breed formaat)",
                file=file,
            )
        read = [t for t in candidates if t.strip() in {w[0] for w in wide}]
        if not all(archive.is_hidden(t) for t in read):
            read = [t for t in read if not archive.is_hidden(t)]
            wide = [w for w in wide if w[0] in {t.strip() for t in read}]
        notes = _sheet_notes(archive, read, candidates, by_name=False)
        aht_tables = {}
        for name, _t, _d in wide:
            aht_title = _aht_sheet_for(archive, name)
            if aht_title is not None:
                aht_tables[name] = archive.table(aht_title)
        wide_aht = {n: queue_aht.get(n, defaults.get("aht")) for n, _t, _d in wide}
        rec = _wide_records(wide, aht_tables, {**queue_aht, **wide_aht})
        fc = _build(rec, specs, defaults, interval_minutes=interval_minutes, tz_name=tz,
                    source=file, queue_sheet_label=queue_sheet, gaps=gaps)
        fc.notes[:0] = notes
        return fc


def _sheet_notes(archive: Any, read: list[str], candidates: list[str], *, by_name: bool) -> list[str]:
    """Which sheets were read as the forecast when others would have done too, and whether a
    hidden one was read or passed over (issue 23 item 3). Only the others' first rows are read."""
    also = [
        t for t in candidates
        if t not in read and not _is_aht_sheet(t) and _is_forecast_header(archive.header_table(t))
    ]
    reason = "de bladnaam zegt het" if by_name else "het eerste zichtbare blad met een prognose"
    hidden = {t for t in candidates if archive.is_hidden(t)}
    return sheet_choice_notes(read, also, hidden, what="de prognose", reason=reason)


def _is_forecast_header(table: SheetTable) -> bool:
    return _is_long_header(table) is not None or _wide_header_dates(table) is not None


def _load_csv(path: Path, defaults: dict[str, Any], interval_minutes: int | None, tz: str, gaps: str) -> Forecast:
    table = csv_table(path)
    if table.n_rows == 0:
        raise KcrosterInputError("bestand is leeg", file=table.file)
    cols = _is_long_header(table)
    queue_aht = {}
    if cols is not None:
        names = set()
        if "queue" in cols and table.n_rows > 1:
            names = {str(t).strip() for t in table.texts[1:, cols["queue"]].tolist() if t is not None}
        queue_aht = {n: defaults.get("aht") for n in names}
        rec = _long_records(table, cols, queue_aht)
        return _build(rec, None, defaults, interval_minutes=interval_minutes, tz_name=tz,
                      source=table.file, queue_sheet_label=None, gaps=gaps)
    dates = _wide_header_dates(table)
    if dates is None:
        resolve_columns(table.row_values(0), LONG_COLUMNS, {"date", "time", "queue", "volume", "aht"},
                        file=table.file, sheet=None, row=int(table.row_numbers[0]))
        raise KcrosterInputError(  # pragma: no cover - resolve_columns raised above
            "geen prognose gevonden", file=table.file
        )
    name = Path(path).stem
    rec = _wide_records([(name, table, dates)], {}, {name: defaults.get("aht")})
    return _build(rec, None, defaults, interval_minutes=interval_minutes, tz_name=tz,
                  source=table.file, queue_sheet_label=None, gaps=gaps)


def load_forecast(
    path: str | Path,
    *,
    interval_minutes: int | None = None,
    queue_defaults: dict[str, Any] | None = None,
    tz: str = AMSTERDAM,
    gaps: str = DEFAULT_GAP_POLICY,
) -> Forecast:
    """Read a forecast workbook (``.xlsx``) or CSV into a :class:`~kcroster.model.Forecast`.

    ``queue_defaults`` holds queue settings (keys as in :data:`QUEUE_COLUMNS`, e.g.
    ``{"sl_percent": 80, "sl_seconds": 20, "shrinkage": 0.3, "aht": 300}``) used for blank cells
    of the Queues sheet and for every queue of a CSV. ``gaps`` says what to do with intervals
    inside opening hours that have no value (no row, an empty wide cell): ``interpolate``,
    ``zero`` (both leave a :class:`GapReport` in the notes) or ``stop``
    (:class:`ForecastGapsError`). Raises only :class:`~kcroster.model.KcrosterInputError`.
    """
    p = Path(path)
    _check_gap_policy(gaps)
    try:
        defaults = _normalise_defaults(queue_defaults)
        head = b""
        try:
            with p.open("rb") as fh:
                head = fh.read(8)
        except OSError:
            head = b""  # the readers below report missing/unreadable files with the name
        suffix = p.suffix.lower()
        if head[:4] == b"PK\x03\x04" or suffix in (".xlsx", ".xlsm") or head[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            return _load_xlsx(p, defaults, interval_minutes, tz, gaps)
        return _load_csv(p, defaults, interval_minutes, tz, gaps)
    except KcrosterInputError:
        raise
    except (MemoryError, RecursionError) as exc:
        raise KcrosterInputError(f"bestand is te groot of te diep genest om te lezen ({type(exc).__name__})",
                                 file=p.name) from exc
    except Exception as exc:  # last line of defence: bad input must never give a traceback
        raise KcrosterInputError(
            f"bestand kan niet gelezen worden ({type(exc).__name__}: {str(exc)[:120]})", file=p.name
        ) from exc
