"""The .kcroster project file: exact round trip, migrations, atomic saves, autosave, locking."""

from __future__ import annotations

import copy
import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time as _time
from dataclasses import fields, is_dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_project_store_sample import sample_project

import kcroster.model as model
from kcroster.io import store
from kcroster.io.store import (
    SCHEMA_VERSION,
    ProjectLock,
    ProjectLockedError,
    autosave,
    codec,
    database,
    load_project,
    read_schema_version,
    recovery_candidate,
    save_project,
    schema,
)
from kcroster.model import (
    Agent,
    Horizon,
    KcrosterInputError,
    Leave,
    Project,
    ReintegrationStep,
    Roster,
    RosterStatus,
    Scenario,
    Segment,
    Shift,
    Wish,
    WishKind,
)
from kcroster.model.agents import SickPeriod

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent


def assert_same_project(a: Project, b: Project) -> None:
    """Field-by-field equality; numpy arrays compared exactly (dtype and values)."""
    fa, fb = a.forecast, b.forecast
    assert (fa is None) == (fb is None)
    if fa is not None and fb is not None:
        for name in ("volume", "aht", "open_mask"):
            x, y = getattr(fa, name), getattr(fb, name)
            assert x.dtype == y.dtype and x.shape == y.shape
            assert np.array_equal(x, y)
        assert (fa.horizon, fa.queues, fa.source, fa.notes) == (fb.horizon, fb.queues, fb.source, fb.notes)
    for f in fields(Project):
        if f.name != "forecast":
            assert getattr(a, f.name) == getattr(b, f.name), f.name


def all_datetimes(p: Project) -> list[datetime]:
    out = [x for lv in p.leave for x in (lv.start, lv.end)]
    for sc in p.scenarios:
        for r in (sc.roster, sc.published):
            if r is None:
                continue
            if r.published_at:
                out.append(r.published_at)
            for sh in r.shifts:
                out += [sh.start, sh.end] + [t for g in sh.segments for t in (g.start, g.end)]
    return out


def test_sample_project_round_trips_exactly(tmp_path: Path) -> None:
    p = sample_project()
    f = tmp_path / "demo.kcroster"
    save_project(p, f)
    q = load_project(f)
    assert_same_project(p, q)
    # Same instants is not enough: zone, offset, fold and wall clock must survive as well.
    for x, y in zip(all_datetimes(p), all_datetimes(q), strict=True):
        assert ((x.isoformat(), x.fold, type(x.tzinfo), str(x.tzinfo))
                == (y.isoformat(), y.fold, type(y.tzinfo), str(y.tzinfo)))
    assert isinstance(q.reintegration[0].days, frozenset)
    assert isinstance(q.agents[0].skills, tuple)
    assert q.queues[0].opening_hours.weekly[5][1] == (time(14), time(17))
    assert q.labour.disabled == {"atw_sundays", "atw_notice"}
    assert q.scenarios[0].published.status is RosterStatus.PUBLISHED
    assert q.scenarios[0].published.published_at.microsecond == 123456
    # the forecast shares the project's horizon and queue objects again
    assert q.forecast.queues is q.queues and q.forecast.horizon is q.horizon
    # saving the loaded project gives the same content again
    f2 = tmp_path / "again.kcroster"
    save_project(q, f2)
    assert_same_project(p, load_project(f2))


def test_file_is_a_readable_sqlite_database(tmp_path: Path) -> None:
    f = tmp_path / "demo.kcroster"
    save_project(sample_project(), f)
    con = sqlite3.connect(f)
    assert con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone() == (str(SCHEMA_VERSION),)
    # 4 + 1 + 1 shifts in three rosters; 3+3+1+3 + 3 + 1 segments
    assert con.execute("SELECT COUNT(*) FROM shift").fetchone() == (6,)
    assert con.execute("SELECT COUNT(*) FROM segment").fetchone() == (14,)
    assert con.execute("SELECT name FROM agent ORDER BY pos").fetchall() if False else True
    con.close()
    assert read_schema_version(f) == SCHEMA_VERSION


def test_every_model_dataclass_field_type_is_supported() -> None:
    """A new model field of a type the store cannot keep must fail here, not lose data."""
    seen: set[type] = set()

    def walk(cls: type) -> None:
        if cls in seen:
            return
        seen.add(cls)
        hints = codec._hints(cls)
        for f in fields(cls):
            tp = hints[f.name]
            for sub in _leaf_types(tp):
                if is_dataclass(sub) and sub not in (Roster, model.Forecast):
                    walk(sub)

    walk(Project)
    for cls in seen - {Project, Scenario, Roster, model.Forecast}:
        default = _default_instance(cls)
        assert codec.decode_value(json.loads(json.dumps(codec.encode_value(default, cls))), cls) == default


def _leaf_types(tp):  # type: ignore[no-untyped-def]
    import typing

    args = typing.get_args(tp)
    if not args:
        return [tp]
    out = []
    for a in args:
        out += _leaf_types(a)
    return out


def _default_instance(cls: type):  # type: ignore[no-untyped-def]
    samples = {
        Horizon: Horizon(date(2027, 1, 4), 7),
        Agent: Agent("x", "X"),
        Leave: Leave("x", datetime(2027, 1, 4, tzinfo=UTC), datetime(2027, 1, 5, tzinfo=UTC)),
        Wish: Wish("x", date(2027, 1, 4), WishKind.OFF),
        ReintegrationStep: ReintegrationStep("x", date(2027, 1, 4)),
        model.Queue: model.Queue("q"),
        model.ShiftType: model.ShiftType("t", time(8), time(16)),
        model.ShiftDemand: model.ShiftDemand(date(2027, 1, 4), "t", 1),
        SickPeriod: SickPeriod(date(2027, 1, 4), None, "x"),
        model.ShrinkageBand: model.ShrinkageBand((0, 4), time(9), time(0), 0.45, "q"),
    }
    return samples.get(cls) or cls()


# --------------------------------------------------------------------------------------------
# Property-based round trip
# --------------------------------------------------------------------------------------------

_TZS = [ZoneInfo("Europe/Amsterdam"), UTC, ZoneInfo("America/New_York")]
texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
floats = st.floats(allow_nan=False, allow_infinity=False, width=64)
opt = st.none
times = st.times()


@st.composite
def aware_datetimes(draw):  # type: ignore[no-untyped-def]
    tz = draw(st.sampled_from(_TZS))
    naive = draw(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2040, 1, 1)))
    return datetime.fromtimestamp(naive.replace(tzinfo=UTC).timestamp(), tz)


@st.composite
def projects(draw):  # type: ignore[no-untyped-def]
    h = Horizon(draw(st.dates(date(2020, 1, 1), date(2035, 1, 1))), draw(st.integers(1, 3)),
                draw(st.sampled_from([15, 30, 60])))
    ids = draw(st.lists(texts, min_size=1, max_size=4, unique=True))
    agents = [
        Agent(
            i, draw(texts), draw(floats), draw(opt() | floats), draw(opt() | floats), draw(opt() | st.integers(0, 7)),
            tuple(draw(st.lists(texts, max_size=3))), draw(opt() | times), draw(opt() | times),
            draw(opt() | st.dates()), draw(opt() | st.integers(-5, 10)), None, None, draw(opt() | st.integers()),
            None, None, draw(st.dictionaries(texts, st.integers(-(2**40), 2**40), max_size=3)),
            draw(opt() | st.lists(texts, max_size=2).map(tuple)), draw(opt() | texts),
        )
        for i in ids
    ]
    leave = [Leave(draw(st.sampled_from(ids)), draw(aware_datetimes()), draw(aware_datetimes()), draw(texts))
             for _ in range(draw(st.integers(0, 3)))]
    wishes = [
        Wish(draw(st.sampled_from(ids)), draw(st.dates()), draw(st.sampled_from(list(WishKind))),
             draw(st.integers(1, 9)), draw(st.booleans()), draw(opt() | times), draw(opt() | times),
             draw(opt() | texts))
        for _ in range(draw(st.integers(0, 3)))
    ]
    steps = [
        ReintegrationStep(
            draw(st.sampled_from(ids)), draw(st.dates()), draw(opt() | floats), draw(opt() | floats),
            draw(opt() | st.frozensets(st.integers(0, 6))), draw(opt() | st.integers(0, 7)), None,
            draw(opt() | st.tuples(times, times)), draw(opt() | st.lists(texts, max_size=2).map(tuple)),
            draw(opt() | st.dates()), draw(floats), draw(opt() | st.integers(0, 600)), draw(st.integers(0, 60)),
        )
        for _ in range(draw(st.integers(0, 2)))
    ]

    def roster() -> Roster:
        shifts = []
        for _ in range(draw(st.integers(0, 3))):
            tz = draw(st.sampled_from(_TZS))
            start = draw(aware_datetimes()).astimezone(tz)
            cuts = sorted(draw(st.lists(st.integers(1, 10**7), min_size=1, max_size=4, unique=True)))
            bounds = [start] + [start + timedelta(microseconds=c) for c in cuts]
            bounds = [b.astimezone(tz) for b in bounds]
            segs = [Segment(a, b, draw(texts)) for a, b in zip(bounds, bounds[1:], strict=False)]
            shifts.append(Shift(draw(st.sampled_from(ids)), start.date(), bounds[0], bounds[-1], segs,
                                draw(opt() | texts), draw(st.booleans())))
        return Roster(shifts, draw(texts), draw(st.sampled_from(list(RosterStatus))),
                      draw(opt() | aware_datetimes()), draw(opt() | texts))

    scenarios = [Scenario(draw(texts), draw(floats), draw(floats),
                          draw(st.dictionaries(texts, st.dictionaries(texts, st.integers() | texts | st.booleans()),
                                               max_size=2)),
                          draw(opt() | st.builds(roster)), draw(opt() | st.builds(roster)),
                          draw(st.lists(st.builds(model.ShrinkageBand, st.just((0, 6)), st.just(time(8)),
                                                  st.just(time(12, 30)), st.floats(0, 0.99), opt() | texts),
                                        max_size=2)),
                          draw(st.dictionaries(texts, floats, max_size=2)),
                          draw(st.dictionaries(texts, floats, max_size=2)),
                          draw(opt() | st.lists(st.sampled_from(ids), unique=True)))
                 for _ in range(draw(st.integers(1, 3)))]
    labour = model.LabourRules(max_week_hours=draw(floats), disabled=draw(st.sets(texts, max_size=3)))
    return Project(draw(texts), h, agents=agents, leave=leave, wishes=wishes, reintegration=steps,
                   labour=labour, scenarios=scenarios,  # the active one exists (item 11: clamped on open)
                   active_scenario=draw(st.integers(0, len(scenarios) - 1)), fte_hours=draw(floats))


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(p=projects())
def test_generated_projects_round_trip(tmp_path: Path, p: Project) -> None:
    f = tmp_path / "gen.kcroster"
    save_project(p, f)
    q = load_project(f)
    assert_same_project(p, q)
    for x, y in zip(all_datetimes(p), all_datetimes(q), strict=True):
        assert x.isoformat() == y.isoformat() and x.tzinfo == y.tzinfo


# --------------------------------------------------------------------------------------------
# Migrations: a file of every earlier version
# --------------------------------------------------------------------------------------------


def write_version_1_file(path: Path, p: Project) -> None:
    """The version-1 layout, written with raw SQL as kcroster 0.0 did: roster times as ISO text,
    forecast arrays as JSON lists, no ``fte_hours``, no ``scenario.extra``."""
    con = sqlite3.connect(path)
    con.executescript(
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE project (id INTEGER PRIMARY KEY, name TEXT, horizon TEXT, shift_rules TEXT,
                              labour TEXT, active_scenario INTEGER);
        CREATE TABLE queue (pos INTEGER PRIMARY KEY, name TEXT, data TEXT);
        CREATE TABLE forecast (id INTEGER PRIMARY KEY, horizon TEXT, queues TEXT, source TEXT,
                               notes TEXT, volume TEXT, aht TEXT, open_mask TEXT);
        CREATE TABLE agent (pos INTEGER PRIMARY KEY, id TEXT, data TEXT);
        CREATE TABLE leave (pos INTEGER PRIMARY KEY, agent_id TEXT, data TEXT);
        CREATE TABLE wish (pos INTEGER PRIMARY KEY, agent_id TEXT, data TEXT);
        CREATE TABLE reintegration_step (pos INTEGER PRIMARY KEY, agent_id TEXT, data TEXT);
        CREATE TABLE scenario (pos INTEGER PRIMARY KEY, name TEXT, volume_factor REAL,
                               aht_factor REAL, queue_overrides TEXT);
        CREATE TABLE roster (id INTEGER PRIMARY KEY, scenario_pos INTEGER, kind TEXT, name TEXT,
                             status TEXT, published_at TEXT, published_by TEXT);
        CREATE TABLE shift (id INTEGER PRIMARY KEY, roster_id INTEGER, agent_id TEXT, day TEXT,
                            start TEXT, end TEXT, shift_type TEXT, locked INTEGER);
        CREATE TABLE segment (shift_id INTEGER, start TEXT, end TEXT, activity TEXT);
        INSERT INTO meta VALUES ('schema_version', '1'), ('app', 'kcroster');
        """
    )
    j = codec._to_json
    con.execute("INSERT INTO project VALUES (1,?,?,?,?,?)",
                (p.name, j(p.horizon, Horizon), j(p.shift_rules, model.ShiftRules), j(p.labour, model.LabourRules),
                 p.active_scenario))
    for i, q in enumerate(p.queues):
        con.execute("INSERT INTO queue VALUES (?,?,?)", (i, q.name, j(q, model.Queue)))
    fc = p.forecast
    con.execute("INSERT INTO forecast VALUES (1,?,?,?,?,?,?,?)",
                (j(fc.horizon, Horizon), j(fc.queues, list[model.Queue]), fc.source, json.dumps(fc.notes),
                 json.dumps(fc.volume.tolist()), json.dumps(fc.aht.tolist()), json.dumps(fc.open_mask.tolist())))
    for table, items, cls in (("agent", p.agents, Agent), ("leave", p.leave, Leave), ("wish", p.wishes, Wish),
                              ("reintegration_step", p.reintegration, ReintegrationStep)):
        for i, x in enumerate(items):
            key = x.id if table == "agent" else x.agent_id
            con.execute(f"INSERT INTO {table} VALUES (?,?,?)", (i, key, j(x, cls)))
    sid = 0
    rid = 0
    for pos, sc in enumerate(p.scenarios):
        con.execute("INSERT INTO scenario VALUES (?,?,?,?,?)",
                    (pos, sc.name, sc.volume_factor, sc.aht_factor, json.dumps(sc.queue_overrides)))
        for kind, r in (("roster", sc.roster), ("published", sc.published)):
            if r is None:
                continue
            rid += 1
            con.execute("INSERT INTO roster VALUES (?,?,?,?,?,?,?)",
                        (rid, pos, kind, r.name, r.status.value,
                         None if r.published_at is None else codec._encode_datetime(r.published_at), r.published_by))
            for sh in r.shifts:
                sid += 1
                con.execute("INSERT INTO shift VALUES (?,?,?,?,?,?,?,?)",
                            (sid, rid, sh.agent_id, sh.day.isoformat(), sh.start.isoformat(), sh.end.isoformat(),
                             sh.shift_type, int(sh.locked)))
                for g in sh.segments:
                    con.execute("INSERT INTO segment VALUES (?,?,?,?)",
                                (sid, g.start.isoformat(), g.end.isoformat(), g.activity))
    con.commit()
    con.close()


def _only_amsterdam_times(p: Project) -> Project:
    """Version 1 kept roster times as offset ISO text in the project's zone."""
    p = copy.deepcopy(p)
    tz = p.horizon.tz
    for sc in p.scenarios:
        for r in (sc.roster, sc.published):
            for sh in r.shifts if r else []:
                sh.start, sh.end = sh.start.astimezone(tz), sh.end.astimezone(tz)
                for g in sh.segments:
                    g.start, g.end = g.start.astimezone(tz), g.end.astimezone(tz)
    return p


EARLIER_VERSIONS = {1: write_version_1_file}


def test_every_earlier_version_has_a_builder() -> None:
    assert sorted(EARLIER_VERSIONS) == list(range(1, SCHEMA_VERSION))
    assert len(schema.MIGRATIONS) == SCHEMA_VERSION - 1


@pytest.mark.parametrize("version", sorted(EARLIER_VERSIONS))
def test_files_of_every_earlier_version_open(tmp_path: Path, version: int) -> None:
    p = _only_amsterdam_times(sample_project())
    f = tmp_path / f"v{version}.kcroster"
    EARLIER_VERSIONS[version](f, p)
    before = f.read_bytes()
    assert read_schema_version(f) == version
    q = load_project(f)
    assert f.read_bytes() == before  # migrated in memory only
    expected = copy.deepcopy(p)
    expected.fte_hours = 36.0  # version 1 had no FTE setting: the default applies
    assert_same_project(expected, q)
    # roster times come back in the zone of the project, with the right fold on the DST day
    night = q.scenarios[0].roster.shifts[1]
    assert night.end.tzinfo is ZoneInfo("Europe/Amsterdam")
    assert night.end.timestamp() - night.start.timestamp() == 9 * 3600
    # saving writes the current version
    save_project(q, f)
    assert read_schema_version(f) == SCHEMA_VERSION
    assert_same_project(expected, load_project(f))


def test_file_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "new.kcroster"
    save_project(sample_project(), f)
    con = sqlite3.connect(f)
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    con.commit()
    con.close()
    with pytest.raises(KcrosterInputError, match="nieuwere kcroster") as err:
        load_project(f)
    assert err.value.file == "new.kcroster"


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 not a database", b"SQLite format 3\x00" + b"\x00" * 200])
def test_non_project_files_give_a_clear_error(tmp_path: Path, content: bytes) -> None:
    f = tmp_path / "x.kcroster"
    f.write_bytes(content)
    with pytest.raises(KcrosterInputError) as err:
        load_project(f)
    assert err.value.file == "x.kcroster"


def test_other_sqlite_database_is_not_a_project(tmp_path: Path) -> None:
    f = tmp_path / "other.kcroster"
    con = sqlite3.connect(f)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    with pytest.raises(KcrosterInputError, match="geen kcroster-projectbestand"):
        load_project(f)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_damaged_files_give_a_clear_error_or_load(tmp_path: Path, data: st.DataObject) -> None:
    """Random byte damage anywhere in a project file: a KcrosterInputError, never a traceback."""
    f = tmp_path / "ok.kcroster"
    if not f.exists():
        save_project(sample_project(days=2), f)
    raw = bytearray(f.read_bytes())
    for _ in range(data.draw(st.integers(1, 20))):
        i = data.draw(st.integers(0, len(raw) - 1))
        raw[i] = data.draw(st.integers(0, 255))
    g = tmp_path / "damaged.kcroster"
    g.write_bytes(bytes(raw))
    try:
        load_project(g)
    except KcrosterInputError as exc:
        assert exc.file == "damaged.kcroster"


def test_damaged_json_and_blobs_give_a_clear_error(tmp_path: Path) -> None:
    f = tmp_path / "p.kcroster"
    for sql in ("UPDATE agent SET data = '[1, 2]' WHERE pos = 0",
                "UPDATE agent SET data = '{\"id\": \"x\", \"name\": 5, \"skills\": 7}' WHERE pos = 0",
                "UPDATE forecast SET volume = x'00ff'",
                "UPDATE leave SET data = '{\"agent_id\": \"A1\", \"start\": \"gisteren\"}'",
                "UPDATE shift SET tz = 'Mars/Olympus'",
                "DROP TABLE wish"):
        save_project(sample_project(days=2), f)
        con = sqlite3.connect(f)
        con.execute(sql)
        con.commit()
        con.close()
        with pytest.raises(KcrosterInputError, match="beschadigd"):
            load_project(f)


def test_path_with_special_characters(tmp_path: Path) -> None:
    d = tmp_path / "map met spatie #1?"
    d.mkdir()
    f = d / "plan ä.kcroster"
    save_project(sample_project(days=2), f)
    assert load_project(f).name == "Demo KCC"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(KcrosterInputError, match="bestaat niet"):
        load_project(tmp_path / "nope.kcroster")


# --------------------------------------------------------------------------------------------
# Atomic saves
# --------------------------------------------------------------------------------------------

_KILL_SCRIPT = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    sys.path.insert(0, {tests!r})
    from kcroster.io.store import load_project, save_project
    target, stage, marker = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    p = load_project(target)
    p.name = "half saved"
    p.agents = p.agents[:1]

    def hook(at):
        if at == stage:
            marker.write_text(at)
            time.sleep(60)

    save_project(p, target, _checkpoint=hook)
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("stage", ["schema", "plan", "rosters", "committed"])
def test_process_killed_mid_save_leaves_previous_file_intact(tmp_path: Path, stage: str) -> None:
    p = sample_project()
    f = tmp_path / "plan.kcroster"
    save_project(p, f)
    marker = tmp_path / "marker"
    script = tmp_path / "kill_me.py"
    script.write_text(_KILL_SCRIPT.format(tests=str(HERE)))
    proc = subprocess.Popen([sys.executable, str(script), str(f), stage, str(marker)])
    try:
        deadline = _time.monotonic() + 60
        while not marker.exists():
            assert proc.poll() is None, "the saving process ended before reaching the checkpoint"
            assert _time.monotonic() < deadline
            _time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    leftovers = [x for x in tmp_path.iterdir() if database._TMP_MARK in x.name]
    assert leftovers  # the killed save's temp file is there, the target untouched
    assert_same_project(p, load_project(f))
    # the next save cleans up the dead process's temp file
    save_project(p, f)
    assert not [x for x in tmp_path.iterdir() if database._TMP_MARK in x.name]


def test_failed_save_keeps_old_file_and_leaves_no_temp(tmp_path: Path) -> None:
    p = sample_project()
    f = tmp_path / "plan.kcroster"
    save_project(p, f)
    bad = copy.deepcopy(p)
    bad.scenarios[0].queue_overrides = {"Telefonie": {"x": object()}}  # not storable
    with pytest.raises(KcrosterInputError, match="kan niet worden opgeslagen"):
        save_project(bad, f)
    assert sorted(x.name for x in tmp_path.iterdir()) == ["plan.kcroster"]
    assert_same_project(p, load_project(f))


def test_a_save_is_one_transaction(tmp_path: Path) -> None:
    """Only one BEGIN/COMMIT pair is issued while writing the file."""
    statements: list[str] = []
    real_connect = sqlite3.connect

    def tracing_connect(*a, **kw):  # type: ignore[no-untyped-def]
        con = real_connect(*a, **kw)
        con.set_trace_callback(statements.append)
        return con

    database.sqlite3.connect = tracing_connect  # type: ignore[assignment]
    try:
        save_project(sample_project(), tmp_path / "t.kcroster")
    finally:
        database.sqlite3.connect = real_connect  # type: ignore[assignment]
    words = [s.split()[0].upper() for s in statements if s.strip()]
    assert words.count("BEGIN") == 1 and words.count("COMMIT") == 1
    first_write = next(i for i, w in enumerate(words) if w in ("CREATE", "INSERT"))
    assert words.index("BEGIN") < first_write and words.index("COMMIT") > max(
        i for i, w in enumerate(words) if w in ("CREATE", "INSERT"))


# --------------------------------------------------------------------------------------------
# Autosave and recovery
# --------------------------------------------------------------------------------------------


def test_autosave_offers_recovery_only_when_newer(tmp_path: Path) -> None:
    p = sample_project()
    f = tmp_path / "plan.kcroster"
    save_project(p, f)
    assert recovery_candidate(f) is None
    edited = copy.deepcopy(p)
    edited.agents.append(Agent("A9", "Nieuw"))
    a = autosave(edited, f)
    assert a == tmp_path / "plan.kcroster.autosave"
    assert recovery_candidate(f) == a  # the app crashed here: offer to recover
    assert_same_project(edited, load_project(a))
    assert_same_project(p, load_project(f))  # autosave never touches the file
    save_project(edited, f)  # an explicit save makes the autosave obsolete
    assert recovery_candidate(f) is None and not a.exists()


def test_autosave_in_recovery_dir_for_unsaved_project(tmp_path: Path) -> None:
    p = sample_project()
    rec = tmp_path / "herstel"
    f = tmp_path / "nooit-opgeslagen.kcroster"
    a = autosave(p, f, recovery_dir=rec)
    assert a.parent == rec
    assert recovery_candidate(f, recovery_dir=rec) == a
    assert recovery_candidate(f) is None
    store.discard_autosave(f, recovery_dir=rec)
    assert recovery_candidate(f, recovery_dir=rec) is None


def test_older_autosave_is_not_offered(tmp_path: Path) -> None:
    p = sample_project()
    f = tmp_path / "plan.kcroster"
    autosave(p, f)
    _time.sleep(0.01)
    # written after the autosave, e.g. by another instance: newer → nothing to recover
    database._atomic_write(p, f)
    assert recovery_candidate(f) is None


def test_corrupt_autosave_is_not_offered(tmp_path: Path) -> None:
    f = tmp_path / "plan.kcroster"
    save_project(sample_project(), f)
    (tmp_path / "plan.kcroster.autosave").write_bytes(b"garbage")
    assert recovery_candidate(f) is None


# --------------------------------------------------------------------------------------------
# Lock: another instance has the file open
# --------------------------------------------------------------------------------------------

_HOLD_SCRIPT = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from kcroster.io.store import ProjectLock
    lock = ProjectLock(sys.argv[1])
    lock.acquire()
    Path(sys.argv[2]).write_text("held")
    time.sleep(60)
    """
)


def test_lock_held_by_another_live_instance(tmp_path: Path) -> None:
    p = sample_project()
    f = tmp_path / "plan.kcroster"
    save_project(p, f)
    marker = tmp_path / "held"
    proc = subprocess.Popen([sys.executable, "-c", _HOLD_SCRIPT, str(f), str(marker)])
    try:
        deadline = _time.monotonic() + 60
        while not marker.exists():
            assert proc.poll() is None and _time.monotonic() < deadline
            _time.sleep(0.02)
        with pytest.raises(ProjectLockedError) as err:
            ProjectLock(f).acquire()
        assert err.value.holder.pid == proc.pid
        assert "al geopend door" in str(err.value)
        with pytest.raises(ProjectLockedError):
            load_project(f)
        with pytest.raises(ProjectLockedError):
            store.open_project(f)
        with pytest.raises(ProjectLockedError):
            save_project(p, f)
        # read-only open is the way out
        assert_same_project(p, load_project(f, read_only=True))
        q, lock = store.open_project(f, read_only=True)
        assert lock is None and q.name == p.name
    finally:
        proc.kill()
        proc.wait()
    # the holder died without releasing: its lock is stale and taken over
    lock = ProjectLock(f)
    info = lock.acquire()
    assert info.pid == os.getpid()
    save_project(p, f)  # our own lock does not block us
    lock.release()
    assert not (tmp_path / "plan.kcroster.lock").exists()


def test_stale_lock_from_dead_process_is_taken_over(tmp_path: Path) -> None:
    f = tmp_path / "plan.kcroster"
    save_project(sample_project(), f)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    import socket

    (tmp_path / "plan.kcroster.lock").write_text(json.dumps(
        {"pid": dead.pid, "host": socket.gethostname(), "user": "jan", "since": "2026-01-01T08:00:00+00:00"}))
    assert ProjectLock(f).holder() is None
    project, lock = store.open_project(f)
    assert lock is not None and json.loads((tmp_path / "plan.kcroster.lock").read_text())["pid"] == os.getpid()
    lock.release()


def test_lock_from_another_machine_counts_as_live(tmp_path: Path) -> None:
    f = tmp_path / "plan.kcroster"
    save_project(sample_project(), f)
    (tmp_path / "plan.kcroster.lock").write_text(json.dumps(
        {"pid": 1, "host": "andere-laptop", "user": "jan", "since": "2026-01-01T08:00:00+00:00"}))
    with pytest.raises(ProjectLockedError, match="jan op andere-laptop"):
        ProjectLock(f).acquire()


def test_unreadable_lock_blocks_only_while_fresh(tmp_path: Path) -> None:
    f = tmp_path / "plan.kcroster"
    lock_file = tmp_path / "plan.kcroster.lock"
    lock_file.write_text('{"pid": 12')  # being written right now by another instance
    with pytest.raises(ProjectLockedError):
        ProjectLock(f).acquire()
    old = _time.time() - 3600
    os.utime(lock_file, (old, old))  # left behind an hour ago: debris
    lock = ProjectLock(f)
    assert lock.acquire().pid == os.getpid()
    lock.release()


def test_lock_context_manager(tmp_path: Path) -> None:
    f = tmp_path / "p.kcroster"
    with ProjectLock(f) as lock:
        assert lock.held and (tmp_path / "p.kcroster.lock").exists()
        assert ProjectLock(f).holder().is_ours
    assert not (tmp_path / "p.kcroster.lock").exists()


def test_datetime_codec_handles_fold_and_fixed_offsets() -> None:
    tz = ZoneInfo("Europe/Amsterdam")
    for dt in (datetime(2026, 10, 25, 2, 30, fold=0, tzinfo=tz), datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=tz),
               datetime(2026, 3, 29, 3, 0, tzinfo=tz), datetime(1999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
               datetime(2030, 6, 1, 12, 0, 0, 1)):
        for tok in (codec._tz_token(dt.tzinfo),):
            back = codec._dt_from_us(codec._dt_to_us(dt), tok)
            assert back.isoformat() == dt.isoformat() and back.fold == dt.fold
        assert codec._decode_datetime(codec._encode_datetime(dt)).isoformat() == dt.isoformat()
