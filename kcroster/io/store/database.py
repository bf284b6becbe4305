"""A project into a new database file, and a database file back into a project.

Every save is one transaction into a temporary file beside the target, moved over it by
:func:`kcroster.io.atomic.atomic_write` (:func:`_atomic_write`); loading migrates an older
file in memory and names the file in every refusal (:func:`read_project`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import sqlite3
import time as _time
import zlib
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfoNotFoundError

from kcroster.io.atomic import WriteError, atomic_write
from kcroster.io.store.codec import (
    _MAX_ARRAY_BYTES,
    _array_to_blob,
    _blob_to_array,
    _Damaged,
    _decode_datetime,
    _dt_from_us,
    _dt_to_us,
    _encode_datetime,
    _from_json,
    _hints,
    _to_json,
    _tz_token,
    decode_value,
    encode_value,
)
from kcroster.io.store.lock import _pid_alive
from kcroster.io.store.schema import (
    _SCHEMA,
    APP_ID,
    MIGRATIONS,
    SCHEMA_VERSION,
    _open_db,
    _version_of,
)
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

_TMP_MARK = ".kcroster-tmp-"
_NPY_HEADER_SLACK = 64 * 1024  # an .npy header is at most 64 KiB (format 1.0); 4 KiB in practice

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
    con.executemany(
        "INSERT INTO queue VALUES (?,?,?)", [(i, q.name, _to_json(q, Queue)) for i, q in enumerate(project.queues)]
    )
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
    con.executemany(
        "INSERT INTO agent VALUES (?,?,?)", [(i, a.id, _to_json(a, Agent)) for i, a in enumerate(project.agents)]
    )
    con.executemany(
        "INSERT INTO leave VALUES (?,?,?)", [(i, x.agent_id, _to_json(x, Leave)) for i, x in enumerate(project.leave)]
    )
    con.executemany(
        "INSERT INTO wish VALUES (?,?,?)", [(i, x.agent_id, _to_json(x, Wish)) for i, x in enumerate(project.wishes)]
    )
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
    extra = {
        f.name: encode_value(getattr(sc, f.name), hints[f.name])
        for f in dataclasses.fields(Scenario)
        if f.name not in _SCENARIO_CORE
    }
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



# ============================================================================================
# Reading
# ============================================================================================

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
    steps = [
        _from_json(d, ReintegrationStep) for (d,) in con.execute("SELECT data FROM reintegration_step ORDER BY pos")
    ]
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


def read_project(p: Path, notices: list[str] | None = None) -> Project:
    """The project in the file ``p``, an older schema migrated in memory; what was repaired on
    the way goes to ``notices`` (:func:`kcroster.io.store.load_project` checks the lock first)."""
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
        except (
            sqlite3.Error,
            ValueError,
            TypeError,
            KeyError,
            IndexError,
            AttributeError,
            zlib.error,
            json.JSONDecodeError,
            ZoneInfoNotFoundError,
            OSError,
            EOFError,
        ) as exc:
            raise KcrosterInputError(
                f"projectbestand is beschadigd of onleesbaar ({type(exc).__name__}: {exc})", file=p.name
            ) from exc
    finally:
        con.close()
