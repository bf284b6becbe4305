"""The tables of the project file, the migrations from older versions, a file's version.

Renaming or removing a model field, or changing the table layout, needs a migration: bump
:data:`SCHEMA_VERSION` and append a function to :data:`MIGRATIONS`. Files are opened read-only
and copied into memory (:func:`_open_db`), so migrations run on the copy.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np

from kcroster.io.store.codec import _array_to_blob, _dt_to_us
from kcroster.model import KcrosterInputError

__all__ = ["APP_ID", "MIGRATIONS", "SCHEMA_VERSION", "read_schema_version"]

SCHEMA_VERSION = 2
APP_ID = "kcroster"

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

