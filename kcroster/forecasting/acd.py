"""Call-by-call ACD exports: one row per contact, aggregated to queue × day × slot.

A row holds when the contact arrived in the queue, which queue, how long it waited, how long it
was handled and how it ended. Column names differ per ACD (Genesys, Avaya, Cisco, a home-made
export), so every field has Dutch and English aliases (:data:`CALL_COLUMNS`) and the planner can
name the columns explicitly: ``--columns arrival=vru_exit,queue=type,wait=q_time``
(:func:`parse_column_mapping`).

Fields
    ``arrival`` (required) date and time the contact entered the queue, or only the time of day
    when a separate ``date`` column holds the date; ``queue`` (optional: one queue "alle" when
    absent); ``wait`` seconds waited (``ss``, ``m:ss`` or ``h:mm:ss``; empty = 0); ``handle``
    handle time in seconds (talk + hold + wrap-up as the ACD reports it); ``outcome`` answered /
    abandoned (words in :data:`ANSWERED_WORDS`, :data:`ABANDONED_WORDS`; the values in
    :data:`IGNORED_WORDS`, e.g. a "phantom" call that left no trace, are left out). Without an
    outcome column a contact with a handle time above 0 counts as answered, else as abandoned.
    ``id`` (only when mapped with ``--columns id=...``: some ACDs number calls per line or per
    day): a contact id; repeated ids are reported and counted once.

Aggregates per cell: offered = answered + abandoned, handled (answered with a handle time),
handle-time sum (AHT), answered within ``sl_seconds`` (service level = that / offered), the
answered contacts' wait sum (ASA) and per queue the patience data (abandons, total waiting
time) for :func:`kcroster.forecasting.estimates.patience`.

Speed: the text columns are read by pandas' C parser and every distinct text (a date, a time of
day, an outcome word) is parsed once and mapped back by code, so a file of a million rows is
mostly the time to read it. Times are local wall-clock times; the day boundary is midnight.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from kcroster.io.cells import normalise_header
from kcroster.model.errors import KcrosterInputError

__all__ = [
    "ABANDONED_WORDS",
    "ANSWERED_WORDS",
    "CALL_COLUMNS",
    "IGNORED_WORDS",
    "looks_like_call_header",
    "parse_column_mapping",
    "read_calls",
    "read_header",
]

CALL_COLUMNS: dict[str, tuple[str, ...]] = {
    "arrival": (
        "aankomst",
        "aankomsttijd",
        "arrival_time",
        "binnenkomst",
        "queue_entry",
        "queue_start",
        "start",
        "starttijd",
        "begintijd",
        "datetime",
        "timestamp",
        "datum_tijd",
        "tijdstip",
        "time",
        "tijd",
    ),
    "date": ("datum", "dag", "day", "call_date"),
    "queue": ("wachtrij", "skill", "service", "dienst", "queue_name", "split", "vdn"),
    "wait": ("wachttijd", "wait_time", "queue_time", "q_time", "wait_seconds", "wacht_sec"),
    "handle": (
        "afhandeltijd",
        "handle_time",
        "handling_time",
        "gespreksduur",
        "talk_time",
        "ser_time",
        "service_time",
        "aht",
    ),
    "outcome": ("uitkomst", "resultaat", "status", "result", "disposition", "afloop"),
    "id": ("call_id", "contact_id", "gesprek_id", "contactid", "callid"),
}
ANSWERED_WORDS = frozenset(
    {
        "answered",
        "agent",
        "served",
        "handled",
        "beantwoord",
        "aangenomen",
        "afgehandeld",
        "opgenomen",
        "geholpen",
        "ans",
        "answer",
        "connected",
        "completed",
    }
)
ABANDONED_WORDS = frozenset(
    {
        "abandoned",
        "abandon",
        "hang",
        "hangup",
        "hung_up",
        "afgehaakt",
        "afgebroken",
        "opgehangen",
        "verloren",
        "niet_beantwoord",
        "aban",
        "abn",
        "lost",
        "gemist",
        "missed",
    }
)
IGNORED_WORDS = frozenset({"phantom", "spook", "test", "ignore", "overgeslagen"})

_CALL_ONLY = {"wait", "handle", "outcome"}
_MAX_BYTES = 2 * 1024**3


def parse_column_mapping(text: str | None) -> dict[str, str]:
    """``'arrival=vru_exit,queue=type'`` → ``{'arrival': 'vru_exit', 'queue': 'type'}``."""
    if not text:
        return {}
    out: dict[str, str] = {}
    for part in text.split(","):
        if not part.strip():
            continue
        key, sep, name = part.partition("=")
        key = key.strip().lower()
        if not sep or not name.strip():
            raise KcrosterInputError(
                f"--columns: '{part.strip()}' moet VELD=KOLOM zijn, bijv. arrival=starttijd"
            )
        if key not in CALL_COLUMNS:
            raise KcrosterInputError(
                f"--columns: onbekend veld '{key}'; velden: {', '.join(CALL_COLUMNS)}"
            )
        out[key] = name.strip()
    return out


def _is_xlsx(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(4) == b"PK\x03\x04"
    except OSError:
        return False


def _sniff(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in ("\t", ";", ",")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _encoding(path: Path) -> str:
    with path.open("rb") as fh:
        head = fh.read(4096)
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1252"


def read_header(path: str | Path) -> list[str]:
    """The column names of a CSV or the first sheet of a workbook."""
    p = Path(path)
    if _is_xlsx(p):
        from kcroster.io.xlsx.reader import open_workbook_archive

        with open_workbook_archive(p) as archive:
            table = archive.table(archive.sheetnames[0])
            return (
                [str(v) if v is not None else "" for v in table.row_values(0)]
                if table.n_rows
                else []
            )
    try:
        with p.open("r", encoding=_encoding(p), errors="replace") as fh:
            line = fh.readline()
    except OSError as exc:
        raise KcrosterInputError(
            f"bestand kan niet gelezen worden ({exc.strerror})", file=p.name
        ) from exc
    return [h.strip().strip('"') for h in line.rstrip("\r\n").split(_sniff(line))]


def _resolve(header: list[str], mapping: dict[str, str], file: str) -> dict[str, str]:
    """Canonical field → the file's header text."""
    by_norm = {normalise_header(h): h for h in header if h}
    found: dict[str, str] = {}
    for key, name in mapping.items():
        if name in header:
            found[key] = name
        elif normalise_header(name) in by_norm:
            found[key] = by_norm[normalise_header(name)]
        else:
            raise KcrosterInputError(
                f"--columns {key}={name}: kolom '{name}' bestaat niet; gevonden kolommen: "
                f"{', '.join(h for h in header if h)}",
                file=file,
            )
    taken = set(found.values())
    for key, aliases in CALL_COLUMNS.items():
        if key in found or key == "id":  # ids are not always unique (per line, per day): opt in
            continue
        for alias in (key, *aliases):
            h = by_norm.get(normalise_header(alias))
            if h is not None and h not in taken:
                found[key] = h
                taken.add(h)
                break
    if "arrival" not in found:
        raise KcrosterInputError(
            "kolom met het aankomsttijdstip ontbreekt (veld 'arrival', ook herkend als: "
            f"{', '.join(CALL_COLUMNS['arrival'][:6])}, ...); geef hem aan met --columns "
            f"arrival=KOLOM. Gevonden kolommen: {', '.join(h for h in header if h)}",
            file=file,
        )
    return found


def looks_like_call_header(header: list[str]) -> bool:
    """True when at least one per-contact field (wait, handle, outcome) is in ``header``."""
    norms = {normalise_header(h) for h in header if h}
    for key in _CALL_ONLY:
        if any(normalise_header(a) in norms for a in (key, *CALL_COLUMNS[key])):
            return True
    return False


# --------------------------------------------------------------------------------------------
# Reading the raw columns
# --------------------------------------------------------------------------------------------


def _read_csv_columns(path: Path, cols: dict[str, str]) -> tuple[dict[str, np.ndarray], int]:
    import pandas as pd

    if path.stat().st_size > _MAX_BYTES:
        raise KcrosterInputError("bestand is groter dan 2 GB", file=path.name)
    encoding = _encoding(path)
    with path.open("r", encoding=encoding, errors="replace") as fh:
        first = fh.readline()
    sep = _sniff(first)
    try:
        frame = pd.read_csv(
            path,
            sep=sep,
            usecols=list(dict.fromkeys(cols.values())),
            dtype=str,
            keep_default_na=False,
            encoding=encoding,
            encoding_errors="replace",
            engine="c",
            skipinitialspace=True,
        )
    except (ValueError, pd.errors.ParserError) as exc:
        raise KcrosterInputError(
            f"CSV kan niet gelezen worden: {str(exc)[:160]}", file=path.name
        ) from exc
    return {key: frame[name].to_numpy(dtype=object) for key, name in cols.items()}, 2


def _read_xlsx_columns(path: Path, cols: dict[str, str]) -> tuple[dict[str, np.ndarray], int]:
    from kcroster.io.table import KIND_EMPTY, KIND_TEXT
    from kcroster.io.xlsx.reader import open_workbook_archive

    with open_workbook_archive(path) as archive:
        table = archive.table(archive.sheetnames[0])
    header = [str(v) if v is not None else "" for v in table.row_values(0)]
    out: dict[str, np.ndarray] = {}
    for key, name in cols.items():
        j = header.index(name)
        kinds = table.kinds[1:, j]
        values = np.empty(kinds.size, dtype=object)
        values[:] = table.numbers[1:, j]
        text = kinds == KIND_TEXT
        values[text] = table.texts[1:, j][text]
        values[kinds == KIND_EMPTY] = ""
        out[key] = values
    return out, 2


# --------------------------------------------------------------------------------------------
# Parsing (once per distinct value)
# --------------------------------------------------------------------------------------------


def _codes(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    import pandas as pd

    codes, uniques = pd.factorize(values, sort=False)
    return codes.astype(np.int64), np.asarray(uniques, dtype=object)


def _bad(file: str, row: int, column: str, reason: str) -> KcrosterInputError:
    return KcrosterInputError(reason, file=file, row=row, column=column)


_DATE_FORMATS = (
    "%Y-%m-%d",
    "%d-%m-%Y",
    "%d/%m/%Y",
    "%Y/%m/%d",
    "%d.%m.%Y",
    "%Y%m%d",
    "%y%m%d",
    "%d-%m-%y",
)
_DATETIME_FORMATS = (
    "ISO8601",
    "%d-%m-%Y %H:%M:%S",
    "%d-%m-%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%Y%m%d %H:%M:%S",
)
_EPOCH_DAY = np.datetime64("1970-01-01", "D")


def _try_formats(texts: list[str], formats: tuple[str, ...]) -> Any:
    """First format that parses every text (pandas), or None."""
    import pandas as pd

    for fmt in formats:
        try:
            return pd.to_datetime(pd.Series(texts, dtype=object), format=fmt)
        except (ValueError, TypeError):
            continue
    return None


def _first_unparsed(texts: list[str], formats: tuple[str, ...]) -> int:
    import pandas as pd

    parsed = pd.to_datetime(pd.Series(texts, dtype=object), format=formats[0], errors="coerce")
    bad = np.flatnonzero(parsed.isna().to_numpy())
    return int(bad[0]) if bad.size else 0


def _excel_serials(uniques: np.ndarray) -> np.ndarray | None:
    """Float uniques (Excel serial day numbers) → seconds since the epoch, or None."""
    if not all(isinstance(v, float) for v in uniques.tolist()):
        return None
    serial = np.asarray(uniques, dtype=float)
    return np.round((serial - 25569.0) * 86400.0)


def _moments(
    values: np.ndarray,
    *,
    what: str,
    formats: tuple[str, ...],
    file: str,
    column: str,
    first_row: int,
    time_of_day: bool = False,
) -> np.ndarray:
    """Parse a date, datetime or time-of-day column → seconds (since the epoch or midnight)."""
    codes, uniques = _codes(values)
    serial = _excel_serials(uniques)
    if serial is not None:
        secs = serial % 86400 if time_of_day else serial
        return secs[codes]
    texts = [str(u).strip() for u in uniques.tolist()]
    empty = [i for i, t in enumerate(texts) if not t]
    if empty:
        row = int(np.flatnonzero(codes == empty[0])[0]) + first_row
        raise _bad(file, row, column, f"cel is leeg; {what} verwacht")
    if time_of_day:
        import pandas as pd

        td = pd.to_timedelta(pd.Series(texts, dtype=object), errors="coerce")
        bad = np.flatnonzero(td.isna().to_numpy())
        if bad.size:
            row = int(np.flatnonzero(codes == int(bad[0]))[0]) + first_row
            raise _bad(file, row, column, f"'{texts[int(bad[0])]}' is geen {what} (UU:MM:SS)")
        secs = td.dt.total_seconds().to_numpy()
        return secs[codes]
    parsed = _try_formats(texts, formats)
    if parsed is None:
        i = _first_unparsed(texts, formats)
        row = int(np.flatnonzero(codes == i)[0]) + first_row
        raise _bad(file, row, column, f"'{texts[i]}' is geen {what}")
    if getattr(parsed.dt, "tz", None) is not None:
        parsed = parsed.dt.tz_localize(None)
    secs = (parsed.to_numpy().astype("datetime64[s]").astype(np.int64)).astype(float)
    return secs[codes]


def _durations(values: np.ndarray, *, file: str, column: str, first_row: int) -> np.ndarray:
    """Seconds from numbers, ``'12'``, ``'12,5'``, ``'1:05'`` or ``'0:01:05'``; empty = 0.

    In a workbook a duration below one in a column whose values are all below one is a time cell
    (a fraction of a day) and is turned into seconds.
    """
    import pandas as pd

    codes, uniques = _codes(values)
    out = np.empty(uniques.size, dtype=float)
    numeric = np.asarray([isinstance(u, float) for u in uniques.tolist()], dtype=bool)
    if numeric.any():
        nums = np.asarray([u for u in uniques.tolist() if isinstance(u, float)], dtype=float)
        if nums.size and nums.max() < 1.0 and nums.max() > 0:
            nums = nums * 86400.0
        out[numeric] = nums
    text_idx = np.flatnonzero(~numeric)
    if text_idx.size:
        texts = pd.Series(
            [str(uniques[i]).strip().replace(",", ".") for i in text_idx], dtype=object
        )
        texts = texts.where(texts != "", "0")
        nums = pd.to_numeric(texts, errors="coerce").to_numpy(dtype=float, copy=True)
        clock = np.isnan(nums)
        if clock.any():
            parts = texts[clock].map(lambda t: t if t.count(":") == 2 else f"0:{t}")
            td = pd.to_timedelta(parts, errors="coerce")
            nums[clock] = td.dt.total_seconds().to_numpy()
        out[text_idx] = nums
    bad = np.flatnonzero(np.isnan(out) | (out < 0))
    if bad.size:
        row = int(np.flatnonzero(codes == int(bad[0]))[0]) + first_row
        reason = "is negatief" if out[int(bad[0])] < 0 else "is geen duur (seconden of UU:MM:SS)"
        raise _bad(file, row, column, f"'{uniques[int(bad[0])]}' {reason}")
    return out[codes]


def _outcomes(values: np.ndarray, *, file: str, column: str, first_row: int) -> np.ndarray:
    """1 = answered, 0 = abandoned, -1 = ignored; an unknown word is an error."""
    codes, uniques = _codes(values)
    kind = np.empty(uniques.size, dtype=np.int8)
    for i, u in enumerate(uniques.tolist()):
        word = normalise_header(u)
        if word in ANSWERED_WORDS:
            kind[i] = 1
        elif word in ABANDONED_WORDS:
            kind[i] = 0
        elif word in IGNORED_WORDS:
            kind[i] = -1
        else:
            row = int(np.flatnonzero(codes == i)[0]) + first_row
            raise _bad(
                file,
                row,
                column,
                f"onbekende uitkomst '{u}'; verwacht beantwoord "
                f"({', '.join(sorted(ANSWERED_WORDS)[:5])}, ...) "
                f"of afgehaakt ({', '.join(sorted(ABANDONED_WORDS)[:5])}, ...)",
            )
    return kind[codes]


def _queue_text(value: Any) -> str:
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else str(value)
    return str(value).strip() or "(leeg)"


# --------------------------------------------------------------------------------------------
# Aggregation
# --------------------------------------------------------------------------------------------


def read_calls(
    path: str | Path,
    *,
    columns: dict[str, str] | None = None,
    interval_minutes: int = 15,
    sl_seconds: float = 20.0,
) -> Any:
    """Read a call-by-call export and aggregate it to a :class:`~kcroster.forecasting.History`.

    ``columns`` maps fields (:data:`CALL_COLUMNS`) to the file's column names; fields not given
    are looked up by their aliases. Raises only :class:`~kcroster.model.KcrosterInputError`.
    """
    from kcroster.forecasting.history import History

    p = Path(path)
    if interval_minutes not in (15, 30, 60):
        raise KcrosterInputError(
            f"intervallengte {interval_minutes} min wordt niet ondersteund (15, 30 of 60)"
        )
    header = read_header(p)
    cols = _resolve(header, columns or {}, p.name)
    raw, first_row = (_read_xlsx_columns if _is_xlsx(p) else _read_csv_columns)(p, cols)
    n = raw["arrival"].size
    if n == 0:
        raise KcrosterInputError("bevat geen contacten onder de kopregel", file=p.name)
    notes: list[str] = []
    if "date" in raw:
        day_secs = _moments(
            raw["date"],
            what="datum",
            formats=_DATE_FORMATS,
            file=p.name,
            column=cols["date"],
            first_row=first_row,
        )
        tod = _moments(
            raw["arrival"],
            what="tijd",
            formats=(),
            file=p.name,
            column=cols["arrival"],
            first_row=first_row,
            time_of_day=True,
        )
        day = np.floor(day_secs / 86400).astype(np.int64)
        tod = np.clip(tod, 0, 86399)
    else:
        moment = _moments(
            raw["arrival"],
            what="datum met tijd",
            formats=_DATETIME_FORMATS,
            file=p.name,
            column=cols["arrival"],
            first_row=first_row,
        )
        day = np.floor(moment / 86400).astype(np.int64)
        tod = moment - day * 86400
    wait = (
        _durations(raw["wait"], file=p.name, column=cols["wait"], first_row=first_row)
        if "wait" in raw
        else np.zeros(n)
    )
    handle = (
        _durations(raw["handle"], file=p.name, column=cols["handle"], first_row=first_row)
        if "handle" in raw
        else None
    )
    if "outcome" in raw:
        outcome = _outcomes(
            raw["outcome"], file=p.name, column=cols["outcome"], first_row=first_row
        )
    elif handle is not None:
        outcome = (handle > 0).astype(np.int8)
    else:
        raise KcrosterInputError(
            "kolom met de uitkomst (beantwoord/afgehaakt) of de afhandeltijd ontbreekt; "
            "geef hem aan "
            "met --columns outcome=KOLOM of handle=KOLOM",
            file=p.name,
        )
    keep = outcome >= 0
    if "id" in raw:
        _, first_idx = np.unique(raw["id"].astype(str), return_index=True)
        unique = np.zeros(n, dtype=bool)
        unique[first_idx] = True
        dups = int(n - first_idx.size)
        if dups:
            notes.append(
                f"{dups} contacten met een id dat al eerder voorkwam zijn één keer geteld."
            )
        keep &= unique
    ignored = int((outcome < 0).sum())
    if ignored:
        notes.append(f"{ignored} contacten zonder spoor (bijv. 'phantom') zijn niet meegeteld.")
    if "queue" in raw:
        raw_codes, raw_names = _codes(raw["queue"])
        names = [_queue_text(v) for v in raw_names.tolist()]
        queues = sorted(set(names))
        rank = np.asarray([queues.index(nm) for nm in names], dtype=np.int64)
        qcodes = rank[raw_codes]
    else:
        qcodes, queues = np.zeros(n, dtype=np.int64), ["alle"]
    sel = np.flatnonzero(keep)
    if sel.size == 0:
        raise KcrosterInputError("bevat geen beantwoorde of afgehaakte contacten", file=p.name)
    first_day, last_day = int(day[sel].min()), int(day[sel].max())
    n_days = last_day - first_day + 1
    if n_days > 3 * 366:
        raise KcrosterInputError(
            f"de historie beslaat {n_days} dagen; maximaal drie jaar", file=p.name
        )
    slots = 1440 // interval_minutes
    slot = np.minimum((tod[sel] // (interval_minutes * 60)).astype(np.int64), slots - 1)
    flat = (qcodes[sel] * n_days + (day[sel] - first_day)) * slots + slot
    size = len(queues) * n_days * slots
    shape = (len(queues), n_days, slots)
    answered_mask = outcome[sel] == 1
    w = wait[sel]

    def count(weights: np.ndarray | None = None) -> np.ndarray:
        return np.bincount(flat, weights=weights, minlength=size).reshape(shape).astype(float)

    offered = count()
    answered = count(answered_mask.astype(float))
    abandoned = offered - answered
    if handle is not None:
        h = handle[sel]
        with_handle = answered_mask & (h > 0)
        handled = count(with_handle.astype(float))
        handle_sum = count(np.where(with_handle, h, 0.0))
    else:
        handled = np.zeros(shape)
        handle_sum = np.zeros(shape)
        notes.append("De historie heeft geen afhandeltijd; de AHT komt uit --aht.")
    answered_wait = count(np.where(answered_mask, w, 0.0))
    in_sl = count((answered_mask & (w <= sl_seconds)).astype(float))
    abandons = np.bincount(
        qcodes[sel], weights=(~answered_mask).astype(float), minlength=len(queues)
    )
    exposure = np.bincount(qcodes[sel], weights=w, minlength=len(queues))
    start = (_EPOCH_DAY + np.timedelta64(first_day, "D")).astype(object)
    return History(
        queues=queues,
        start=start,
        interval_minutes=interval_minutes,
        offered=offered,
        handle_sum=handle_sum,
        handled=handled,
        answered=answered,
        abandoned=abandoned,
        answered_wait_sum=answered_wait,
        answered_in_sl=in_sl,
        sl_seconds=float(sl_seconds),
        abandons=abandons,
        exposure=exposure,
        aht_known=handle is not None,
        source=p.name,
        notes=notes,
    )
