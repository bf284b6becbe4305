"""The ``.kcroster`` project file: the whole plan in one SQLite database.

What is stored where (schema version :data:`SCHEMA_VERSION`)
    ``meta``          key/value: ``schema_version``, ``app``, ``saved_at_ns`` (who wrote the file, when)
    ``project``       one row: name, horizon, shift rules, labour rules (JSON), active scenario,
                      FTE hours
    ``queue``         one row per queue, in order (JSON incl. opening hours)
    ``forecast``      at most one row: the forecast's own horizon and queues (JSON), source,
                      notes, and the arrays ``volume``, ``aht``, ``open_mask`` as compressed blobs
                      (numpy ``.npy`` bytes + zlib: exact dtype and shape, ~10× smaller)
    ``agent``, ``leave``, ``wish``, ``reintegration_step``
                      one row per object, in order, the object as JSON
    ``scenario``      one row per scenario (name, factors, overrides as JSON)
    ``roster``        draft (``kind='roster'``) and published (``kind='published'``) roster of a
                      scenario, with status and who/when published
    ``shift``, ``segment``
                      normalised: times as integer microseconds since the epoch plus a time-zone
                      token (``Europe/Amsterdam``, a fixed offset, or naive). Rosters are the bulk
                      of a project (10⁵ segments), and integers keep saving and loading fast.

Why JSON for the small objects: the model dataclasses grow additively (new optional fields with
defaults). The JSON codec below is driven by the dataclasses' type hints, ignores unknown keys and
leaves missing keys at their defaults, so an additive model change needs no schema migration.
Renaming or removing a field, or changing the table layout, does: bump :data:`SCHEMA_VERSION` and
append a function to :data:`MIGRATIONS`.

Reliability
    * Every save is one transaction into a temporary file in the target directory, which is
      fsynced and then moved over the target with :func:`os.replace` (atomic on POSIX and
      Windows). A process killed mid-save leaves the previous file intact.
    * Older files are migrated in memory on load (the file on disk is untouched until the next
      save); files from a newer kcroster are refused with a clear message.
    * :func:`autosave` writes ``<file>.autosave``; :func:`recovery_candidate` tells whether it is
      newer than the file (i.e. there is unsaved work to recover after a crash).
    * :class:`ProjectLock` keeps ``<file>.lock`` with pid/host/user/time so a second instance is
      warned (:class:`ProjectLockedError`) and may open the file read-only; a lock left by a dead
      process on this machine is taken over.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import getpass
import io
import json
import os
import socket
import sqlite3
import sys
import time as _time
import types
import typing
import zlib
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta, timezone
from enum import Enum
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np

from kcroster.io.atomic import WriteError, atomic_write, describe_os_error
from kcroster.model import (
    Agent,
    Forecast,
    Horizon,
    KcrosterInputError,
    LabourRules,
    Leave,
    Project,
    Queue,
    ReintegrationStep,
    Roster,
    RosterStatus,
    Scenario,
    Segment,
    Shift,
    ShiftRules,
    Wish,
)

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "STALE_LOCK_AGE",
    "LockInfo",
    "OpenedProject",
    "ProjectLock",
    "ProjectLockedError",
    "WriteError",
    "autosave",
    "autosave_path",
    "decode_value",
    "discard_autosave",
    "encode_value",
    "load_project",
    "open_project",
    "read_schema_version",
    "recovery_candidate",
    "save_project",
]

SCHEMA_VERSION = 2
APP_ID = "kcroster"
AUTOSAVE_SUFFIX = ".autosave"
LOCK_SUFFIX = ".lock"
_TMP_MARK = ".kcroster-tmp-"
_UNREADABLE_LOCK_GRACE_S = 60
STALE_LOCK_AGE = timedelta(hours=12)
"""A lock from another computer older than this may be taken over, with the planner's consent.

Longer than a working day with a late shift (a colleague who really has the project open all day
is not offered for take-over), shorter than a night: a project left open at the office yesterday
afternoon, or a laptop that crashed or was shut with kcroster open, can be taken over the next
morning instead of blocking editing until someone finds and deletes the lock file. Taking over is
safe against the old holder: its next save is refused because the lock is no longer its own.
"""
_MAX_ARRAY_BYTES = 512 * 2**20
"""No forecast array inflates beyond this, whatever its horizon claims (two years of 5-minute
intervals for 50 queues is 84 MB)."""
_NPY_HEADER_SLACK = 64 * 1024  # an .npy header is at most 64 KiB (format 1.0); 4 KiB in practice

# ============================================================================================
# Generic, type-hint driven JSON codec for the model dataclasses
# ============================================================================================

_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    h = _HINTS.get(cls)
    if h is None:
        h = typing.get_type_hints(cls)
        _HINTS[cls] = h
    return h


def _tz_token(tz: Any) -> str:
    """A text that recreates ``tz``: a zoneinfo key, ``±HH:MM[:SS]`` for fixed offsets, ``''`` naive."""
    if tz is None:
        return ""
    if isinstance(tz, ZoneInfo) and tz.key:
        return tz.key
    off = tz.utcoffset(None)
    if off is None:  # pragma: no cover - exotic tzinfo
        raise TypeError(f"tijdzone {tz!r} kan niet worden opgeslagen")
    secs = int(off.total_seconds())
    sign = "-" if secs < 0 else "+"
    secs = abs(secs)
    tok = f"{sign}{secs // 3600:02d}:{secs // 60 % 60:02d}"
    if secs % 60:
        tok += f":{secs % 60:02d}"
    return tok


_TZ_CACHE: dict[str, Any] = {}


def _tz_from_token(tok: str) -> Any:
    tz = _TZ_CACHE.get(tok)
    if tz is not None or tok == "":
        return tz
    if tok[0] in "+-":
        parts = [int(p) for p in tok[1:].split(":")]
        secs = parts[0] * 3600 + parts[1] * 60 + (parts[2] if len(parts) > 2 else 0)
        tz = UTC if secs == 0 else timezone(timedelta(seconds=-secs if tok[0] == "-" else secs))
    else:
        tz = ZoneInfo(tok)
    _TZ_CACHE[tok] = tz
    return tz


_EPOCH_NAIVE = datetime(1970, 1, 1)


def _dt_to_us(dt: datetime) -> int:
    """Microseconds since the epoch (UTC for aware datetimes, wall clock for naive ones)."""
    if dt.tzinfo is None:
        return (dt - _EPOCH_NAIVE) // timedelta(microseconds=1)
    if dt.microsecond:
        return int(dt.replace(microsecond=0).timestamp()) * 1_000_000 + dt.microsecond
    return int(dt.timestamp()) * 1_000_000


def _dt_from_us(us: int, tok: str) -> datetime:
    if tok == "":
        return _EPOCH_NAIVE + timedelta(microseconds=us)
    secs, micro = divmod(us, 1_000_000)
    dt = datetime.fromtimestamp(secs, _tz_from_token(tok))
    return dt.replace(microsecond=micro) if micro else dt


def _encode_datetime(dt: datetime) -> str:
    # The ISO text keeps the file readable; the zone key (if any) restores the exact tzinfo.
    tok = _tz_token(dt.tzinfo)
    iso = dt.isoformat()
    return f"{iso}[{tok}]" if dt.tzinfo is not None and tok[:1] not in "+-" else iso


def _decode_datetime(text: str) -> datetime:
    if text.endswith("]"):
        iso, _, tok = text[:-1].partition("[")
        return datetime.fromisoformat(iso).astimezone(_tz_from_token(tok))
    return datetime.fromisoformat(text)


def _is_dataclass_type(tp: Any) -> bool:
    return isinstance(tp, type) and dataclasses.is_dataclass(tp)


def encode_value(value: Any, tp: Any) -> Any:
    """Turn ``value`` of (annotated) type ``tp`` into plain JSON data.

    Supported: ``None``, ``bool``, ``int``, ``float``, ``str``, ``StrEnum``/``Enum``, ``date``,
    ``time``, ``datetime``, ``X | None``, ``list[X]``, ``tuple[X, ...]``, ``tuple[X, Y]``,
    ``set[X]``/``frozenset[X]`` (sorted), ``dict[K, V]`` (JSON object for ``str`` keys, else a
    list of pairs so key types survive), nested dataclasses and ``object`` (plain JSON as is).
    Anything else raises ``TypeError`` — deliberately, so a new model field of an unsupported
    type fails the round-trip tests instead of silently losing data.
    """
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) != 1:
            raise TypeError(f"union {tp} wordt niet ondersteund")
        return encode_value(value, args[0])
    if tp is Any or tp is object:
        json.dumps(value)  # must already be plain JSON
        return value
    if _is_dataclass_type(tp):
        hints = _hints(tp)
        return {f.name: encode_value(getattr(value, f.name), hints[f.name]) for f in dataclasses.fields(tp)}
    if isinstance(tp, type) and issubclass(tp, Enum):
        return value.value
    if tp is bool:
        return bool(value)
    if tp is int:
        return int(value)
    if tp is float:
        return float(value)
    if tp is str:
        return str(value)
    if tp is datetime:
        return _encode_datetime(value)
    if tp is date:
        return value.isoformat()
    if tp is time:
        if value.tzinfo is not None:
            raise TypeError("tijd met tijdzone wordt niet ondersteund")
        return value.isoformat()
    if origin in (list, tuple, set, frozenset):
        items_t = typing.get_args(tp)
        if origin is tuple and not (len(items_t) == 2 and items_t[1] is Ellipsis):
            if len(value) != len(items_t):
                raise TypeError(f"tuple {value!r} past niet bij {tp}")
            return [encode_value(v, a) for v, a in zip(value, items_t, strict=True)]
        item = items_t[0] if items_t else Any
        out = [encode_value(v, item) for v in value]
        if origin in (set, frozenset):
            out.sort(key=lambda x: json.dumps(x, sort_keys=True))
        return out
    if origin is dict:
        kt, vt = typing.get_args(tp) or (Any, Any)
        if kt is str:
            return {str(k): encode_value(v, vt) for k, v in value.items()}
        return [[encode_value(k, kt), encode_value(v, vt)] for k, v in value.items()]
    raise TypeError(f"type {tp} wordt niet ondersteund door de projectopslag")


def decode_value(data: Any, tp: Any) -> Any:
    """Inverse of :func:`encode_value`."""
    if data is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return decode_value(data, args[0])
    if tp is Any or tp is object:
        return data
    if _is_dataclass_type(tp):
        hints = _hints(tp)
        kwargs = {}
        for f in dataclasses.fields(tp):
            if f.init and f.name in data:
                kwargs[f.name] = decode_value(data[f.name], hints[f.name])
        return tp(**kwargs)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return tp(data)
    if tp is bool:
        return bool(data)
    if tp is int:
        return int(data)
    if tp is float:
        return float(data)
    if tp is str:
        return str(data)
    if tp is datetime:
        return _decode_datetime(data)
    if tp is date:
        return date.fromisoformat(data)
    if tp is time:
        return time.fromisoformat(data)
    if origin in (list, tuple, set, frozenset):
        items_t = typing.get_args(tp)
        if origin is tuple and not (len(items_t) == 2 and items_t[1] is Ellipsis):
            return tuple(decode_value(v, a) for v, a in zip(data, items_t, strict=True))
        item = items_t[0] if items_t else Any
        items = [decode_value(v, item) for v in data]
        return origin(items) if origin is not list else items
    if origin is dict:
        kt, vt = typing.get_args(tp) or (Any, Any)
        if kt is str:
            return {k: decode_value(v, vt) for k, v in data.items()}
        return {decode_value(k, kt): decode_value(v, vt) for k, v in data}
    raise TypeError(f"type {tp} wordt niet ondersteund door de projectopslag")


def _to_json(value: Any, tp: Any) -> str:
    return json.dumps(encode_value(value, tp), ensure_ascii=False, separators=(",", ":"))


def _from_json(text: str | None, tp: Any) -> Any:
    return None if text is None else decode_value(json.loads(text), tp)


# ============================================================================================
# Arrays
# ============================================================================================


def _array_to_blob(arr: np.ndarray | None) -> bytes | None:
    if arr is None:
        return None
    buf = io.BytesIO()
    np.save(buf, np.ascontiguousarray(arr), allow_pickle=False)
    return zlib.compress(buf.getvalue(), 1)


class _Damaged(ValueError):
    """Content of a project file that cannot be right; load_project names the file."""


def _blob_to_array(blob: bytes | None, max_bytes: int = _MAX_ARRAY_BYTES,
                   what: str = "gegevens") -> np.ndarray | None:
    """Inflate a compressed ``.npy`` blob, never to more than ``max_bytes`` (issue 23 item 14).

    A decompression bomb (a few MB of zlib that claim gigabytes) is refused after at most
    ``max_bytes`` were produced, instead of after the whole inflation: streaming with a cap
    keeps memory and time bounded by what a real forecast of that size needs.
    """
    if blob is None:
        return None
    d = zlib.decompressobj()
    raw = d.decompress(blob, max_bytes + 1)
    if len(raw) > max_bytes or d.unconsumed_tail:
        mb = f"{max_bytes / 2**20:.1f}".replace(".", ",")
        raise _Damaged(f"{what} zijn uitgepakt groter dan de {mb} MB die het project kan bevatten "
                       "(mogelijk een gemanipuleerd bestand)")
    if not d.eof:
        raise _Damaged(f"{what} zijn afgekapt")
    return np.load(io.BytesIO(raw), allow_pickle=False)


# ============================================================================================
# Schema
# ============================================================================================

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE project (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL, horizon TEXT NOT NULL, shift_rules TEXT NOT NULL, labour TEXT NOT NULL,
    active_scenario INTEGER NOT NULL, fte_hours REAL NOT NULL
);
CREATE TABLE queue (pos INTEGER PRIMARY KEY, name TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE forecast (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    horizon TEXT NOT NULL, queues TEXT NOT NULL, source TEXT, notes TEXT NOT NULL,
    volume BLOB NOT NULL, aht BLOB NOT NULL, open_mask BLOB
);
CREATE TABLE agent (pos INTEGER PRIMARY KEY, id TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE leave (pos INTEGER PRIMARY KEY, agent_id TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE wish (pos INTEGER PRIMARY KEY, agent_id TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE reintegration_step (pos INTEGER PRIMARY KEY, agent_id TEXT NOT NULL, data TEXT NOT NULL);
CREATE TABLE scenario (
    pos INTEGER PRIMARY KEY, name TEXT NOT NULL, volume_factor REAL NOT NULL,
    aht_factor REAL NOT NULL, queue_overrides TEXT NOT NULL, extra TEXT
);
CREATE TABLE roster (
    id INTEGER PRIMARY KEY, scenario_pos INTEGER NOT NULL REFERENCES scenario(pos),
    kind TEXT NOT NULL CHECK (kind IN ('roster', 'published')),
    name TEXT NOT NULL, status TEXT NOT NULL, published_at TEXT, published_by TEXT,
    UNIQUE (scenario_pos, kind)
);
CREATE TABLE shift (
    id INTEGER PRIMARY KEY, roster_id INTEGER NOT NULL REFERENCES roster(id),
    agent_id TEXT NOT NULL, day TEXT NOT NULL, start_us INTEGER NOT NULL, end_us INTEGER NOT NULL,
    tz TEXT NOT NULL, shift_type TEXT, locked INTEGER NOT NULL
);
CREATE TABLE segment (
    shift_id INTEGER NOT NULL REFERENCES shift(id), start_us INTEGER NOT NULL,
    end_us INTEGER NOT NULL, activity TEXT NOT NULL, tz TEXT
);
"""
# segment.tz is NULL when equal to its shift's tz (nearly always): saves space and time.
# Rows keep insertion order via their integer keys; loads ORDER BY them.


def _migrate_1_to_2(con: sqlite3.Connection) -> None:
    """Version 1 stored roster times as ISO text, forecast arrays as JSON lists and had no
    ``fte_hours``. Version 2: integer microseconds + zone token, compressed ``.npy`` blobs."""
    con.execute("ALTER TABLE project ADD COLUMN fte_hours REAL NOT NULL DEFAULT 36.0")
    con.execute("ALTER TABLE scenario ADD COLUMN extra TEXT")
    # forecast: JSON lists → blobs
    rows = con.execute("SELECT id, horizon, queues, source, notes, volume, aht, open_mask FROM forecast").fetchall()
    con.execute("DROP TABLE forecast")
    con.execute(
        "CREATE TABLE forecast (id INTEGER PRIMARY KEY CHECK (id = 1), horizon TEXT NOT NULL, "
        "queues TEXT NOT NULL, source TEXT, notes TEXT NOT NULL, volume BLOB NOT NULL, "
        "aht BLOB NOT NULL, open_mask BLOB)"
    )
    for fid, hz, qs, src, notes, vol, aht, mask in rows:
        con.execute(
            "INSERT INTO forecast VALUES (?,?,?,?,?,?,?,?)",
            (
                fid, hz, qs, src, notes,
                _array_to_blob(np.asarray(json.loads(vol), dtype=float)),
                _array_to_blob(np.asarray(json.loads(aht), dtype=float)),
                None if mask is None else _array_to_blob(np.asarray(json.loads(mask), dtype=bool)),
            ),
        )
    # shifts and segments: ISO text → microseconds + zone token (v1 kept the zone in the project)
    tz_tok = json.loads(con.execute("SELECT horizon FROM project").fetchone()[0]).get("tz_name", "Europe/Amsterdam")
    old_shifts = con.execute(
        "SELECT id, roster_id, agent_id, day, start, end, shift_type, locked FROM shift ORDER BY id"
    ).fetchall()
    old_segs = con.execute("SELECT shift_id, start, end, activity FROM segment ORDER BY rowid").fetchall()
    con.execute("DROP TABLE segment")
    con.execute("DROP TABLE shift")
    con.execute(
        "CREATE TABLE shift (id INTEGER PRIMARY KEY, roster_id INTEGER NOT NULL REFERENCES roster(id), "
        "agent_id TEXT NOT NULL, day TEXT NOT NULL, start_us INTEGER NOT NULL, end_us INTEGER NOT NULL, "
        "tz TEXT NOT NULL, shift_type TEXT, locked INTEGER NOT NULL)"
    )
    con.execute(
        "CREATE TABLE segment (shift_id INTEGER NOT NULL REFERENCES shift(id), start_us INTEGER NOT NULL, "
        "end_us INTEGER NOT NULL, activity TEXT NOT NULL, tz TEXT)"
    )

    def us(text: str) -> int:
        dt = datetime.fromisoformat(text)
        if dt.tzinfo is None:
            dt = dt.replace(tzinfo=ZoneInfo(tz_tok))
        return _dt_to_us(dt)

    con.executemany(
        "INSERT INTO shift VALUES (?,?,?,?,?,?,?,?,?)",
        [(i, r, a, d, us(s), us(e), tz_tok, st, lk) for i, r, a, d, s, e, st, lk in old_shifts],
    )
    con.executemany(
        "INSERT INTO segment VALUES (?,?,?,?,NULL)", [(i, us(s), us(e), act) for i, s, e, act in old_segs]
    )


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_migrate_1_to_2]
"""``MIGRATIONS[n - 1]`` turns a version-``n`` database into version ``n + 1`` (in place)."""

assert len(MIGRATIONS) == SCHEMA_VERSION - 1


# ============================================================================================
# Writing
# ============================================================================================


def _write_roster(con: sqlite3.Connection, roster: Roster, scenario_pos: int, kind: str, ids: list[int]) -> None:
    cur = con.execute(
        "INSERT INTO roster (scenario_pos, kind, name, status, published_at, published_by) VALUES (?,?,?,?,?,?)",
        (
            scenario_pos, kind, roster.name, RosterStatus(roster.status).value,
            None if roster.published_at is None else _encode_datetime(roster.published_at),
            roster.published_by,
        ),
    )
    roster_id = cur.lastrowid
    shift_rows = []
    seg_rows = []
    tok_cache: dict[int, str] = {}

    def tok(tz: Any) -> str:
        key = id(tz)
        t = tok_cache.get(key)
        if t is None:
            t = tok_cache[key] = _tz_token(tz)
        return t

    # Roster times repeat a lot (a few thousand distinct instants); an aware datetime caches its
    # hash, so a dict lookup is ~10× cheaper than .timestamp(). The key carries ``fold``: within
    # one zone, 02:30 before and after the autumn change compare equal but are different instants.
    us_cache: dict[tuple[datetime, int], int] = {}

    def us(dt: datetime) -> int:
        key = (dt, dt.fold)
        v = us_cache.get(key)
        if v is None:
            v = us_cache[key] = _dt_to_us(dt)
        return v

    day_cache: dict[date, str] = {}
    next_id = ids[0]
    for sh in roster.shifts:
        next_id += 1
        stz = tok(sh.start.tzinfo)
        if tok(sh.end.tzinfo) != stz:
            raise ValueError(f"dienst van {sh.agent_id}: begin en einde in verschillende tijdzones")
        day = day_cache.get(sh.day)
        if day is None:
            day = day_cache[sh.day] = sh.day.isoformat()
        shift_rows.append(
            (next_id, roster_id, sh.agent_id, day, us(sh.start), us(sh.end), stz, sh.shift_type, 1 if sh.locked else 0)
        )
        for sg in sh.segments:
            gtz = tok(sg.start.tzinfo)
            if tok(sg.end.tzinfo) != gtz:
                raise ValueError(f"segment van {sh.agent_id}: begin en einde in verschillende tijdzones")
            seg_rows.append((next_id, us(sg.start), us(sg.end), sg.activity, None if gtz == stz else gtz))
    ids[0] = next_id
    con.executemany("INSERT INTO shift VALUES (?,?,?,?,?,?,?,?,?)", shift_rows)
    con.executemany("INSERT INTO segment VALUES (?,?,?,?,?)", seg_rows)


def _write_all(con: sqlite3.Connection, project: Project, checkpoint: Callable[[str], None] | None) -> None:
    # executescript() would commit first; statement by statement keeps the save one transaction
    for statement in _SCHEMA.split(";"):
        if statement.strip():
            con.execute(statement)
    if checkpoint:
        checkpoint("schema")
    meta = {"schema_version": str(SCHEMA_VERSION), "app": APP_ID, "saved_at_ns": str(_time.time_ns())}
    extra = _project_extra(project)
    if extra is not None:
        meta["project_extra"] = extra
    con.executemany("INSERT INTO meta VALUES (?,?)", list(meta.items()))
    con.execute(
        "INSERT INTO project VALUES (1,?,?,?,?,?,?)",
        (
            project.name, _to_json(project.horizon, Horizon), _to_json(project.shift_rules, ShiftRules),
            _to_json(project.labour, LabourRules), int(project.active_scenario), float(project.fte_hours),
        ),
    )
    con.executemany("INSERT INTO queue VALUES (?,?,?)", [(i, q.name, _to_json(q, Queue)) for i, q in enumerate(project.queues)])
    fc = project.forecast
    if fc is not None:
        con.execute(
            "INSERT INTO forecast VALUES (1,?,?,?,?,?,?,?)",
            (
                _to_json(fc.horizon, Horizon), _to_json(fc.queues, list[Queue]), fc.source,
                _to_json(fc.notes, list[str]), _array_to_blob(fc.volume), _array_to_blob(fc.aht),
                _array_to_blob(fc.open_mask),
            ),
        )
    con.executemany("INSERT INTO agent VALUES (?,?,?)", [(i, a.id, _to_json(a, Agent)) for i, a in enumerate(project.agents)])
    con.executemany("INSERT INTO leave VALUES (?,?,?)", [(i, x.agent_id, _to_json(x, Leave)) for i, x in enumerate(project.leave)])
    con.executemany("INSERT INTO wish VALUES (?,?,?)", [(i, x.agent_id, _to_json(x, Wish)) for i, x in enumerate(project.wishes)])
    con.executemany(
        "INSERT INTO reintegration_step VALUES (?,?,?)",
        [(i, x.agent_id, _to_json(x, ReintegrationStep)) for i, x in enumerate(project.reintegration)],
    )
    if checkpoint:
        checkpoint("plan")
    ids = [0]
    for pos, sc in enumerate(project.scenarios):
        extra = _scenario_extra(sc)
        con.execute(
            "INSERT INTO scenario VALUES (?,?,?,?,?,?)",
            (pos, sc.name, float(sc.volume_factor), float(sc.aht_factor),
             _to_json(sc.queue_overrides, dict[str, dict[str, object]]), extra),
        )
        if sc.roster is not None:
            _write_roster(con, sc.roster, pos, "roster", ids)
        if sc.published is not None:
            _write_roster(con, sc.published, pos, "published", ids)
    if checkpoint:
        checkpoint("rosters")


_SCENARIO_CORE = {"name", "volume_factor", "aht_factor", "queue_overrides", "roster", "published"}
_PROJECT_CORE = {"name", "horizon", "queues", "forecast", "agents", "leave", "wishes", "reintegration",
                 "shift_rules", "labour", "scenarios", "active_scenario", "fte_hours"}


def _project_extra(project: Project) -> str | None:
    """Project fields added after the table layout (e.g. sick periods), as JSON in ``meta``."""
    hints = _hints(Project)
    extra = {f.name: encode_value(getattr(project, f.name), hints[f.name])
             for f in dataclasses.fields(Project) if f.name not in _PROJECT_CORE}
    return json.dumps(extra, ensure_ascii=False) if extra else None


def _read_project_extra(con: sqlite3.Connection) -> dict[str, Any]:
    row = con.execute("SELECT value FROM meta WHERE key = 'project_extra'").fetchone()
    if not row:
        return {}
    hints = _hints(Project)
    known = {f.name for f in dataclasses.fields(Project)} - _PROJECT_CORE
    return {k: decode_value(v, hints[k]) for k, v in json.loads(row[0]).items() if k in known}


def _scenario_extra(sc: Scenario) -> str | None:
    """Fields added to :class:`Scenario` after this module was written, as JSON (additive growth)."""
    hints = _hints(Scenario)
    extra = {f.name: encode_value(getattr(sc, f.name), hints[f.name]) for f in dataclasses.fields(Scenario) if f.name not in _SCENARIO_CORE}
    return json.dumps(extra, ensure_ascii=False) if extra else None


def _cleanup_stale_temps(target: Path) -> None:
    """Remove temp files left by killed saves (their pid is no longer running)."""
    prefix = f".{target.name}{_TMP_MARK}"
    try:
        siblings = list(target.parent.iterdir())
    except OSError:
        return
    for p in siblings:
        if not p.name.startswith(prefix):
            continue
        pid_text = p.name[len(prefix):].split("-", 1)[0]
        if pid_text.isdigit() and not _pid_alive(int(pid_text)):
            with contextlib.suppress(OSError):
                p.unlink()


_SQLITE_REASONS = {
    13: "de schijf is vol",  # SQLITE_FULL
    8: "de map is alleen-lezen",  # SQLITE_READONLY
    10: "de schijf meldde een schrijffout",  # SQLITE_IOERR
    14: "het tijdelijke bestand kan niet worden geopend",  # SQLITE_CANTOPEN
}


def _sqlite_reason(exc: sqlite3.Error) -> str:
    """Dutch reason for an SQLite failure while writing (by its primary result code)."""
    code = getattr(exc, "sqlite_errorcode", None)
    return _SQLITE_REASONS.get((code or 0) & 0xFF) or str(exc)


def _atomic_write(project: Project, target: Path, checkpoint: Callable[[str], None] | None = None) -> None:
    """Write ``project`` into a temporary file beside ``target`` and move it over ``target``.

    The temp file, its fsync, the rename and the folder fsync are :func:`kcroster.io.atomic.
    atomic_write`'s (one helper for every file kcroster writes); the temp name carries our pid
    so :func:`_cleanup_stale_temps` can remove those of killed saves. A read-only folder, a full
    disk or any SQLite failure while writing is a :class:`WriteError` (issue 23 item 8: SQLite
    raised ``OperationalError`` before); the previous file stays as it was.
    """
    target = Path(target)

    def write(tmp: Path) -> None:
        con = sqlite3.connect(tmp, isolation_level=None)
        try:
            # A fresh file needs no rollback journal: if we die, the temp file is simply discarded.
            con.execute("PRAGMA journal_mode=OFF")
            con.execute("PRAGMA synchronous=OFF")
            con.execute("BEGIN")
            _write_all(con, project, checkpoint)
            con.execute("COMMIT")
        finally:
            con.close()
        if checkpoint:
            checkpoint("committed")

    try:
        atomic_write(target, write, prefix=f".{target.name}{_TMP_MARK}{os.getpid()}-")
    except sqlite3.Error as exc:
        raise WriteError(target, _sqlite_reason(exc)) from exc


def save_project(
    project: Project,
    path: str | os.PathLike[str],
    *,
    _checkpoint: Callable[[str], None] | None = None,
) -> None:
    """Save ``project`` to ``path`` atomically (one transaction, temp file, fsync, replace).

    Refuses (:class:`ProjectLockedError`) when another live kcroster instance holds the lock on
    ``path``. A file that cannot be written (read-only folder, full disk, missing folder) is a
    :class:`WriteError` naming the file and the reason; a project holding a value the file cannot
    store is a :class:`KcrosterInputError`. A successful save removes the now outdated autosave.
    ``_checkpoint`` is a test hook called with a stage name while writing (``schema``, ``plan``,
    ``rosters``, ``committed``).
    """
    target = Path(path)
    holder = ProjectLock(target).holder()
    if holder is not None and not holder.is_ours:
        raise ProjectLockedError(target, holder)
    _cleanup_stale_temps(target)
    try:
        _atomic_write(project, target, _checkpoint)
    except (TypeError, ValueError) as exc:
        raise KcrosterInputError(f"project kan niet worden opgeslagen: {exc}", file=target.name) from exc
    with contextlib.suppress(OSError):
        autosave_path(target).unlink(missing_ok=True)


# ============================================================================================
# Reading
# ============================================================================================


def _open_db(path: Path) -> sqlite3.Connection:
    """Open read-only and copy into memory: nothing is ever written to the file while loading,
    and migrations can run on the copy."""
    name = path.name
    if not path.exists():
        raise KcrosterInputError("bestand bestaat niet", file=name)
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise KcrosterInputError(f"bestand kan niet gelezen worden ({exc.strerror or exc})", file=name) from exc
    if head != b"SQLite format 3\x00":
        raise KcrosterInputError("is geen kcroster-projectbestand", file=name)
    uri = path.resolve().as_uri()  # percent-encodes '?', '#' and spaces; works on Windows too
    try:
        src = sqlite3.connect(f"{uri}?mode=ro", uri=True)
        mem = sqlite3.connect(":memory:", isolation_level=None)
        try:
            src.backup(mem)
        finally:
            src.close()
    except sqlite3.Error as exc:
        raise KcrosterInputError(f"projectbestand is beschadigd of onleesbaar ({exc})", file=name) from exc
    return mem


def _version_of(con: sqlite3.Connection, name: str) -> int:
    try:
        rows = dict(con.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.Error as exc:
        raise KcrosterInputError("is geen kcroster-projectbestand (geen versie-informatie)", file=name) from exc
    if rows.get("app", APP_ID) != APP_ID or "schema_version" not in rows:
        raise KcrosterInputError("is geen kcroster-projectbestand", file=name)
    try:
        return int(rows["schema_version"])
    except ValueError as exc:
        raise KcrosterInputError("projectbestand heeft een ongeldige versie", file=name) from exc


def read_schema_version(path: str | os.PathLike[str]) -> int:
    """The schema version stored in a project file."""
    p = Path(path)
    con = _open_db(p)
    try:
        return _version_of(con, p.name)
    finally:
        con.close()


def _read_rosters(con: sqlite3.Connection) -> dict[tuple[int, str], Roster]:
    """All rosters, keyed by (scenario position, kind); one pass over shifts and segments."""
    dt_cache: dict[tuple[int, str], datetime] = {}

    def dt(us: int, tok: str) -> datetime:
        key = (us, tok)
        v = dt_cache.get(key)
        if v is None:
            v = dt_cache[key] = _dt_from_us(us, tok)
        return v

    rosters: dict[int, Roster] = {}
    keys: dict[tuple[int, str], Roster] = {}
    for rid, pos, kind, name, status, published_at, published_by in con.execute(
        "SELECT id, scenario_pos, kind, name, status, published_at, published_by FROM roster ORDER BY id"
    ).fetchall():
        r = Roster(shifts=[], name=name, status=RosterStatus(status),
                   published_at=None if published_at is None else _decode_datetime(published_at),
                   published_by=published_by)
        rosters[rid] = keys[(pos, kind)] = r
    segs_by_shift: dict[int, list[Segment]] = {}
    shift_tz: dict[int, str] = {}
    day_cache: dict[str, date] = {}
    for sid, roster_id, agent_id, day, s_us, e_us, tok, stype, locked in con.execute(
        "SELECT id, roster_id, agent_id, day, start_us, end_us, tz, shift_type, locked FROM shift ORDER BY id"
    ):
        d = day_cache.get(day)
        if d is None:
            d = day_cache[day] = date.fromisoformat(day)
        segs: list[Segment] = []
        segs_by_shift[sid] = segs
        shift_tz[sid] = tok
        rosters[roster_id].shifts.append(Shift(agent_id, d, dt(s_us, tok), dt(e_us, tok), segs, stype, bool(locked)))
    for sid, s_us, e_us, act, tok in con.execute(
        "SELECT shift_id, start_us, end_us, activity, tz FROM segment ORDER BY rowid"
    ):
        t = shift_tz[sid] if tok is None else tok
        segs_by_shift[sid].append(Segment(dt(s_us, t), dt(e_us, t), act))
    return keys


def _array_budget(horizon: Horizon, queues: list[Queue]) -> int:
    """Bytes a forecast array of ``horizon`` × ``queues`` takes as ``.npy`` (float64), capped."""
    try:
        cells = len(queues) * horizon.n_intervals
    except (OverflowError, ValueError):
        return _MAX_ARRAY_BYTES
    return min(_MAX_ARRAY_BYTES, 8 * cells + _NPY_HEADER_SLACK)


def _checked_active_scenario(active: int, scenarios: list[Scenario], notices: list[str]) -> int:
    """The active scenario's index, clamped to the scenarios there are (issue 23 item 11).

    An index out of range (a damaged or hand-edited file) is only a pointer to which scenario
    is shown: every scenario, roster and agent is intact. Refusing the file would lock the
    planner out of the whole plan for that, so the first scenario is shown and a notice says so.
    """
    if 0 <= active < len(scenarios):
        return active
    notices.append(
        f"het actieve scenario ({active}) bestaat niet in dit bestand (er zijn {len(scenarios)} "
        f"scenario's); scenario '{scenarios[0].name}' wordt getoond"
    )
    return 0


def _read_all(con: sqlite3.Connection, notices: list[str] | None = None) -> Project:
    notices = [] if notices is None else notices
    name, horizon_j, rules_j, labour_j, active, fte = con.execute(
        "SELECT name, horizon, shift_rules, labour, active_scenario, fte_hours FROM project"
    ).fetchone()
    horizon = _from_json(horizon_j, Horizon)
    queues = [_from_json(d, Queue) for (d,) in con.execute("SELECT data FROM queue ORDER BY pos")]
    forecast = None
    row = con.execute("SELECT horizon, queues, source, notes, volume, aht, open_mask FROM forecast").fetchone()
    if row is not None:
        fh = _from_json(row[0], Horizon)
        fq = _from_json(row[1], list[Queue])
        # Keep the sharing the planner had: the forecast normally refers to the project's own
        # horizon and queue objects, so edits to one show in the other.
        if fh == horizon:
            fh = horizon
        if fq == queues:
            fq = queues
        budget = _array_budget(fh, fq)
        forecast = Forecast(
            horizon=fh, queues=fq,
            volume=_blob_to_array(row[4], budget, "de forecast-volumes"),  # type: ignore[arg-type]
            aht=_blob_to_array(row[5], budget, "de forecast-AHT's"),  # type: ignore[arg-type]
            open_mask=_blob_to_array(row[6], budget, "de openingstijden van de forecast"),
            source=row[2], notes=_from_json(row[3], list[str]),
        )
    agents = [_from_json(d, Agent) for (d,) in con.execute("SELECT data FROM agent ORDER BY pos")]
    leave = [_from_json(d, Leave) for (d,) in con.execute("SELECT data FROM leave ORDER BY pos")]
    wishes = [_from_json(d, Wish) for (d,) in con.execute("SELECT data FROM wish ORDER BY pos")]
    steps = [_from_json(d, ReintegrationStep) for (d,) in con.execute("SELECT data FROM reintegration_step ORDER BY pos")]
    rosters = _read_rosters(con)
    scenarios = []
    hints = _hints(Scenario)
    for pos, sname, vf, af, qo, extra in con.execute(
        "SELECT pos, name, volume_factor, aht_factor, queue_overrides, extra FROM scenario ORDER BY pos"
    ).fetchall():
        kwargs: dict[str, Any] = {}
        if extra:
            known = {f.name for f in dataclasses.fields(Scenario)}
            kwargs = {k: decode_value(v, hints[k]) for k, v in json.loads(extra).items() if k in known}
        scenarios.append(
            Scenario(
                name=sname, volume_factor=vf, aht_factor=af,
                queue_overrides=_from_json(qo, dict[str, dict[str, object]]),
                roster=rosters.get((pos, "roster")), published=rosters.get((pos, "published")), **kwargs,
            )
        )
    if not scenarios:
        scenarios = [Scenario("Basis")]
        notices.append("dit bestand bevat geen scenario's; een leeg scenario 'Basis' is toegevoegd")
    active = _checked_active_scenario(int(active), scenarios, notices)
    return Project(
        name=name, horizon=horizon, queues=queues, forecast=forecast, agents=agents, leave=leave,
        wishes=wishes, reintegration=steps, shift_rules=_from_json(rules_j, ShiftRules),
        labour=_from_json(labour_j, LabourRules), scenarios=scenarios, active_scenario=active,
        fte_hours=float(fte), **_read_project_extra(con),
    )


def load_project(path: str | os.PathLike[str], *, read_only: bool = False,
                 notices: list[str] | None = None) -> Project:
    """Load a project file, migrating an older schema in memory.

    Unless ``read_only``, refuses with :class:`ProjectLockedError` when another live kcroster
    instance has the file open (the GUI then offers to open it read-only). Loading never writes
    to the file. Any problem with the file is a :class:`KcrosterInputError` — also data nested
    too deeply to decode (issue 23 item 9) and compressed arrays that would inflate beyond what
    the forecast needs (item 14). What was repaired on the way (an active scenario out of range)
    is appended to ``notices`` in Dutch.
    """
    p = Path(path)
    if not read_only:
        holder = ProjectLock(p).holder()
        if holder is not None and not holder.is_ours:
            raise ProjectLockedError(p, holder)
    con = _open_db(p)
    try:
        try:
            version = _version_of(con, p.name)
        except (sqlite3.Error, ValueError) as exc:  # incl. text that is not UTF-8
            raise KcrosterInputError(f"projectbestand is beschadigd of onleesbaar ({exc})", file=p.name) from exc
        if version > SCHEMA_VERSION:
            raise KcrosterInputError(
                f"projectbestand is gemaakt met een nieuwere kcroster (schemaversie {version}; "
                f"deze versie kent t/m {SCHEMA_VERSION}) — werk kcroster bij",
                file=p.name,
            )
        if version < 1:
            raise KcrosterInputError(f"projectbestand heeft een ongeldige versie ({version})", file=p.name)
        try:
            for v in range(version, SCHEMA_VERSION):
                con.execute("BEGIN")
                MIGRATIONS[v - 1](con)
                con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(v + 1),))
                con.execute("COMMIT")
            return _read_all(con, notices)
        except KcrosterInputError:
            raise
        except _Damaged as exc:
            raise KcrosterInputError(f"projectbestand is beschadigd: {exc}", file=p.name) from exc
        except RecursionError as exc:  # e.g. '[[[[…' a hundred thousand deep in a JSON column
            raise KcrosterInputError(
                "projectbestand is beschadigd of onleesbaar (gegevens zijn te diep genest)",
                file=p.name,
            ) from exc
        except (sqlite3.Error, ValueError, TypeError, KeyError, IndexError, AttributeError, zlib.error,
                json.JSONDecodeError, ZoneInfoNotFoundError, OSError, EOFError) as exc:
            raise KcrosterInputError(f"projectbestand is beschadigd of onleesbaar ({type(exc).__name__}: {exc})", file=p.name) from exc
    finally:
        con.close()


# ============================================================================================
# Autosave and recovery
# ============================================================================================


def autosave_path(path: str | os.PathLike[str], recovery_dir: str | os.PathLike[str] | None = None) -> Path:
    p = Path(path)
    if recovery_dir is not None:
        return Path(recovery_dir) / (p.name + AUTOSAVE_SUFFIX)
    return p.with_name(p.name + AUTOSAVE_SUFFIX)


def autosave(
    project: Project, path: str | os.PathLike[str], *, recovery_dir: str | os.PathLike[str] | None = None
) -> Path:
    """Write the recovery copy of ``path`` (atomically, like a save); returns where it went.

    The project file itself is not touched. ``recovery_dir`` keeps recovery copies elsewhere
    (e.g. for a project that has no file yet: pass any name as ``path``). A copy that cannot be
    written is a :class:`WriteError`, as for :func:`save_project`.
    """
    target = autosave_path(path, recovery_dir)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError as exc:  # a file stands where the folder should be
        raise WriteError(target, "de map bestaat niet", errno.ENOTDIR) from exc
    except OSError as exc:
        raise WriteError(target, describe_os_error(exc), exc.errno) from exc
    _cleanup_stale_temps(target)
    _atomic_write(project, target)
    return target


def _saved_at_ns(path: Path) -> int | None:
    try:
        con = _open_db(path)
    except KcrosterInputError:
        return None
    try:
        value = dict(con.execute("SELECT key, value FROM meta").fetchall()).get("saved_at_ns")
        return int(value) if value is not None else None
    except (sqlite3.Error, ValueError):
        return None
    finally:
        con.close()


def recovery_candidate(
    path: str | os.PathLike[str], *, recovery_dir: str | os.PathLike[str] | None = None
) -> Path | None:
    """The autosave to offer after a crash: it exists, is readable and is newer than ``path``.

    "Newer" compares the save times written inside the files (a copied file keeps them), falling
    back to modification times.
    """
    auto = autosave_path(path, recovery_dir)
    auto_at = _saved_at_ns(auto) if auto.exists() else None
    if auto_at is None:
        return None
    p = Path(path)
    if not p.exists():
        return auto
    file_at = _saved_at_ns(p)
    if file_at is None:
        file_at = p.stat().st_mtime_ns
    return auto if auto_at > file_at else None


def discard_autosave(path: str | os.PathLike[str], *, recovery_dir: str | os.PathLike[str] | None = None) -> None:
    with contextlib.suppress(OSError):
        autosave_path(path, recovery_dir).unlink(missing_ok=True)


# ============================================================================================
# Lock: warn when another instance has the file open
# ============================================================================================


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        ok = kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return bool(ok) and code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    except OSError:
        return False
    return True


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name available (e.g. a service account without a login)
        return "onbekend"


def _ago(delta: timedelta) -> str:
    """'5 weken', '3 dagen', '14 uur', '20 minuten': how old a lock is, in Dutch."""
    minutes = max(0, int(delta.total_seconds() // 60))
    if minutes < 120:
        return f"{minutes} {'minuut' if minutes == 1 else 'minuten'}"
    hours = minutes // 60
    if hours < 48:
        return f"{hours} uur"
    days = hours // 24
    if days < 14:
        return f"{days} dagen"
    return f"{days // 7} weken"


@dataclasses.dataclass(frozen=True)
class LockInfo:
    pid: int
    host: str
    user: str
    since: datetime

    @property
    def is_ours(self) -> bool:
        return self.host == socket.gethostname() and self.pid == os.getpid()

    @property
    def is_stale(self) -> bool:
        """Left by a process on this machine that no longer runs. (On another machine we cannot
        tell, so such a lock counts as live.)"""
        return self.host == socket.gethostname() and not _pid_alive(self.pid)

    @property
    def age(self) -> timedelta:
        since = self.since if self.since.tzinfo is not None else self.since.replace(tzinfo=UTC)
        return datetime.now(UTC) - since

    @property
    def abandoned(self) -> bool:
        """Held on another computer for longer than :data:`STALE_LOCK_AGE`: most likely kcroster
        was not closed there (crash, laptop shut). We cannot see that process, so the lock is
        not taken over silently; the planner may take it over (GUI question, CLI option)."""
        return self.pid != -1 and self.host != socket.gethostname() and self.age > STALE_LOCK_AGE


class ProjectLockedError(RuntimeError):
    """Another kcroster instance has the project open.

    The message names the lock file, who holds it (user, computer, process, since when) and how
    to clear it; ``can_take_over`` tells whether :meth:`ProjectLock.acquire` with
    ``take_over=True`` would take it (a lock abandoned on another computer).
    """

    def __init__(self, path: Path, holder: LockInfo, lock_path: Path | None = None) -> None:
        self.path = Path(path)
        self.holder = holder
        default_lock = self.path.with_name(self.path.name + LOCK_SUFFIX)
        self.lock_path = Path(lock_path) if lock_path else default_lock
        self.can_take_over = holder.abandoned
        since = holder.since.astimezone().strftime("%d-%m-%Y %H:%M")
        lock = str(self.lock_path)
        if holder.pid == -1:
            text = (
                f"Project '{self.path.name}' is vergrendeld door een ander programma: het "
                f"vergrendelbestand {lock} is onleesbaar of wordt net geschreven. Probeer het over "
                f"een minuut opnieuw of open het alleen-lezen."
            )
        else:
            text = (
                f"Project '{self.path.name}' is al geopend door {holder.user} op {holder.host} "
                f"sinds {since} ({_ago(holder.age)} geleden, proces {holder.pid}). "
                f"Vergrendelbestand: {lock}. "
            )
            hours = STALE_LOCK_AGE.total_seconds() / 3600
            if self.can_take_over:
                text += (
                    f"Die vergrendeling is ouder dan {hours:.0f} uur en komt van een andere "
                    f"computer: waarschijnlijk is kcroster daar niet afgesloten. Is kcroster op "
                    f"{holder.host} niet meer open, neem de vergrendeling dan over (of verwijder "
                    f"het vergrendelbestand); anders alleen-lezen openen."
                )
            else:
                text += (
                    f"Sluit het project op {holder.host} of open het alleen-lezen. Is kcroster "
                    f"daar niet meer open, verwijder dan het vergrendelbestand."
                )
        super().__init__(
            f"{text} / Project is already open by {holder.user} on {holder.host} since {since}; "
            f"lock file {lock}."
        )


class ProjectLock:
    """``<project>.lock`` holding pid/host/user/time of the instance that has the file open."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.lock_path = self.path.with_name(self.path.name + LOCK_SUFFIX)
        self.held = False

    def _read(self) -> LockInfo | None:
        try:
            data = json.loads(self.lock_path.read_text(encoding="utf-8"))
            return LockInfo(int(data["pid"]), str(data["host"]), str(data["user"]), datetime.fromisoformat(data["since"]))
        except (FileNotFoundError, NotADirectoryError):
            return None  # no lock (or no folder, so there cannot be one)
        except (OSError, ValueError, KeyError, TypeError, RecursionError):
            # Unreadable or half-written lock: held by an unknown process since the file's time.
            # A process writes its lock in one go, so one that stays unreadable for a minute is
            # debris (see _UNREADABLE_LOCK_GRACE_S) and counts as stale.
            try:
                since = datetime.fromtimestamp(self.lock_path.stat().st_mtime, UTC)
            except OSError:
                since = datetime.now(UTC)
            return LockInfo(-1, "?", "onbekend", since)

    @staticmethod
    def _dead(info: LockInfo) -> bool:
        if info.pid == -1:
            return (datetime.now(UTC) - info.since).total_seconds() > _UNREADABLE_LOCK_GRACE_S
        return info.is_stale

    def holder(self) -> LockInfo | None:
        """Who holds the lock, or ``None`` when nobody (live) does."""
        info = self._read()
        if info is None or self._dead(info):
            return None
        return info

    def acquire(self, *, take_over: bool = False) -> LockInfo:
        """Take the lock; raises :class:`ProjectLockedError` when another live instance has it.

        A lock left by a dead process on this machine is taken over without asking (we know
        that process is gone). ``take_over`` also takes a lock abandoned on another computer
        (:attr:`LockInfo.abandoned`) — only after the planner agreed. A lock file that cannot be
        created (read-only folder, full disk) is a :class:`WriteError`.
        """
        me = LockInfo(os.getpid(), socket.gethostname(), _user(), datetime.now(UTC).replace(microsecond=0))
        payload = json.dumps({"pid": me.pid, "host": me.host, "user": me.user, "since": me.since.isoformat()})
        for _attempt in range(3):
            try:
                fd = os.open(self.lock_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                info = self._read()
                if info is None:
                    continue  # vanished meanwhile: retry
                if info.is_ours:
                    self.held = True
                    return info
                if self._dead(info) or (take_over and info.abandoned):
                    with contextlib.suppress(FileNotFoundError):
                        self.lock_path.unlink()
                    continue
                raise ProjectLockedError(self.path, info, self.lock_path) from None
            except OSError as exc:
                raise WriteError(self.lock_path, describe_os_error(exc), exc.errno) from exc
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    fh.write(payload)
            except OSError as exc:  # e.g. a full disk: no half-written lock stays behind
                with contextlib.suppress(OSError):
                    self.lock_path.unlink()
                raise WriteError(self.lock_path, describe_os_error(exc), exc.errno) from exc
            self.held = True
            return me
        info = self._read()
        raise ProjectLockedError(self.path, info or me, self.lock_path)

    def release(self) -> None:
        if not self.held:
            return
        info = self._read()
        if info is not None and info.is_ours:
            with contextlib.suppress(FileNotFoundError):
                self.lock_path.unlink()
        self.held = False

    def __enter__(self) -> ProjectLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


class OpenedProject(tuple):
    """What :func:`open_project` returns: unpacks as ``(project, lock)`` like before, and tells
    ``read_only`` (asked for, or forced because the folder is read-only) and ``notices`` (Dutch
    sentences the planner should see: why it opened read-only, what was repaired)."""

    read_only: bool
    notices: list[str]

    def __new__(cls, project: Project, lock: ProjectLock | None, read_only: bool,
                notices: list[str]) -> OpenedProject:
        self = super().__new__(cls, (project, lock))
        self.read_only = read_only
        self.notices = notices
        return self

    @property
    def project(self) -> Project:
        return self[0]

    @property
    def lock(self) -> ProjectLock | None:
        return self[1]


def open_project(path: str | os.PathLike[str], *, read_only: bool = False,
                 take_over: bool = False) -> OpenedProject:
    """Open for editing: take the lock, then load. Read-only opens take no lock.

    Raises :class:`ProjectLockedError` when another instance holds the file (then offer
    ``read_only=True``, or ``take_over=True`` when the error's ``can_take_over``). A folder in
    which the lock file cannot be created (read-only share, full disk) opens the project
    read-only with a notice instead of failing (issue 23 item 8): the planner can still read
    the plan and save a copy elsewhere. The caller releases the returned lock when closing.
    """
    notices: list[str] = []
    if read_only:
        project = load_project(path, read_only=True, notices=notices)
        return OpenedProject(project, None, True, notices)
    lock = ProjectLock(path)
    try:
        lock.acquire(take_over=take_over)
    except WriteError as exc:
        project = load_project(path, read_only=True, notices=notices)
        notices.insert(0, f"{Path(path).name} is alleen-lezen geopend: kcroster kan geen "
                          f"vergrendelbestand maken in {lock.lock_path.parent} ({exc.reason}). "
                          f"Bewaar wijzigingen met 'Opslaan als' op een andere plek.")
        return OpenedProject(project, None, True, notices)
    try:
        return OpenedProject(load_project(path, notices=notices), lock, False, notices)
    except BaseException:
        lock.release()
        raise
