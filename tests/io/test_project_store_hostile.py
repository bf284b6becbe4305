"""The project store against unlucky and hostile conditions (issue 23 items 8, 9, 11, 14, the
stale lock and the swallowed fsync error).

Write failures are simulated without a special file system, because the tests may run as root
(for whom a ``chmod``-ed folder is still writable): a folder that is really a file (ENOTDIR),
SQLite's own page limit (a real "database or disk is full"), and ``os.fsync``/``mkstemp``/
``os.open`` patched to fail with ENOSPC/EROFS. A real read-only folder is used where the tests do
not run as root. The fixes were also checked by hand on a 256 kB tmpfs and a read-only tmpfs.
"""

from __future__ import annotations

import errno
import io
import json
import os
import socket
import sqlite3
import tracemalloc
import zlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from test_project_store_sample import sample_project

from kcroster.io import atomic
from kcroster.io.atomic import WriteError
from kcroster.io.store import (
    ProjectLock,
    ProjectLockedError,
    autosave,
    database,
    load_project,
    open_project,
    save_project,
)
from kcroster.io.store import lock as store_lock
from kcroster.model import KcrosterInputError


def _saved(tmp_path: Path, name: str = "plan.kcroster", **kw: object) -> Path:
    f = tmp_path / name
    save_project(sample_project(**kw), f)
    return f


def _edit(f: Path, sql: str, *args: object) -> None:
    con = sqlite3.connect(f)
    con.execute(sql, args)
    con.commit()
    con.close()


# -- item 8: write failures are one error type, the old file stays --------------------------------


def test_save_and_autosave_into_a_missing_folder_are_a_write_error(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "bestand"
    not_a_folder.write_text("x")
    target = not_a_folder / "plan.kcroster"
    for write in (save_project, autosave):
        with pytest.raises(WriteError, match="de map bestaat niet") as err:
            write(sample_project(), target)
        assert str(target) in str(err.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bestand"]


def test_a_full_disk_is_a_write_error_and_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    f = _saved(tmp_path)
    before = f.read_bytes()
    real_connect = sqlite3.connect

    def small_disk(*a, **kw):  # type: ignore[no-untyped-def]
        con = real_connect(*a, **kw)
        con.execute("PRAGMA max_page_count = 3")  # SQLite's own SQLITE_FULL after 3 pages
        return con

    monkeypatch.setattr(database.sqlite3, "connect", small_disk)
    for write in (save_project, autosave):
        with pytest.raises(WriteError, match="de schijf is vol"):
            write(sample_project(), f)
    assert f.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.kcroster"]  # no temp file left


def test_a_failed_fsync_does_not_replace_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The store used to ignore an fsync error and replace the good file with an unsynced one."""
    f = _saved(tmp_path)
    before = f.read_bytes()

    def failing_fsync(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", failing_fsync)
    p = sample_project()
    p.name = "nieuw"
    with pytest.raises(WriteError, match="de schijf is vol"):
        save_project(p, f)
    assert f.read_bytes() == before
    assert sorted(x.name for x in tmp_path.iterdir()) == ["plan.kcroster"]


def test_a_read_only_folder_is_a_write_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def read_only(*a, **kw):  # type: ignore[no-untyped-def]
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", read_only)
    with pytest.raises(WriteError, match="alleen-lezen"):
        save_project(sample_project(), tmp_path / "plan.kcroster")
    with pytest.raises(WriteError, match="alleen-lezen"):
        autosave(sample_project(), tmp_path / "plan.kcroster")


def _no_lock_file(monkeypatch: pytest.MonkeyPatch, err: int = errno.EROFS) -> None:
    """os.open of a ``.lock`` fails as in a read-only folder; everything else works."""
    real_open = os.open

    def fake_open(path, flags, *a, **kw):  # type: ignore[no-untyped-def]
        if str(path).endswith(".lock") and flags & os.O_CREAT:
            raise OSError(err, os.strerror(err), str(path))
        return real_open(path, flags, *a, **kw)

    monkeypatch.setattr(store_lock.os, "open", fake_open)


def test_open_from_a_read_only_folder_opens_read_only_with_a_notice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    f = _saved(tmp_path)
    _no_lock_file(monkeypatch)
    opened = open_project(f)
    project, lock = opened  # still unpacks as before
    assert lock is None and opened.read_only and project.name == sample_project().name
    assert len(opened.notices) == 1
    assert "alleen-lezen geopend" in opened.notices[0] and "Opslaan als" in opened.notices[0]
    assert str(tmp_path) in opened.notices[0]


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0, reason="root writes into a chmod-ed folder anyway"
)
def test_a_real_read_only_folder(tmp_path: Path) -> None:  # pragma: no cover - not as root
    f = _saved(tmp_path)
    tmp_path.chmod(0o555)
    try:
        opened = open_project(f)
        assert opened.read_only and opened.lock is None
        with pytest.raises(WriteError):
            save_project(sample_project(), tmp_path / "ander.kcroster")
    finally:
        tmp_path.chmod(0o755)


# -- item 9: deeply nested JSON --------------------------------------------------------------------


def test_deeply_nested_json_is_a_clear_error(tmp_path: Path) -> None:
    f = _saved(tmp_path)
    _edit(f, "UPDATE agent SET data = ? WHERE pos = 0", "[" * 100_000 + "]" * 100_000)
    with pytest.raises(KcrosterInputError, match="te diep genest") as err:
        load_project(f)
    assert err.value.file == "plan.kcroster"


def test_deeply_nested_lock_file_is_just_unreadable(tmp_path: Path) -> None:
    f = _saved(tmp_path)
    (tmp_path / "plan.kcroster.lock").write_text("[" * 100_000)
    assert ProjectLock(f).holder().pid == -1  # an unreadable lock, not a RecursionError


# -- item 11: the active scenario ------------------------------------------------------------------


@pytest.mark.parametrize("active", [7, 3, -1])
def test_an_active_scenario_out_of_range_opens_the_first_with_a_notice(
    tmp_path: Path, active: int
) -> None:
    f = _saved(tmp_path)
    n = len(sample_project().scenarios)
    _edit(f, "UPDATE project SET active_scenario = ?", active)
    notices: list[str] = []
    project = load_project(f, notices=notices)
    assert project.active_scenario == 0 and project.scenario is project.scenarios[0]
    assert len(project.scenarios) == n
    assert notices and f"({active})" in notices[0] and project.scenarios[0].name in notices[0]
    opened = open_project(f)
    assert opened.project.active_scenario == 0 and opened.notices == notices
    opened.lock.release()


def test_a_file_without_scenarios_gets_one(tmp_path: Path) -> None:
    f = _saved(tmp_path)
    for table in ("segment", "shift", "roster", "scenario"):
        _edit(f, f"DELETE FROM {table}")
    notices: list[str] = []
    project = load_project(f, notices=notices)
    assert [s.name for s in project.scenarios] == ["Basis"] and project.active_scenario == 0
    assert any("geen scenario" in n for n in notices)


# -- item 14: decompression bomb -------------------------------------------------------------------


def _bomb(n_bytes: int) -> bytes:
    """An .npy of ``n_bytes`` zeros (float64), deflated: some 1 000 times smaller."""
    head = io.BytesIO()
    np.lib.format.write_array_header_1_0(
        head, {"descr": "<f8", "fortran_order": False, "shape": (n_bytes // 8,)}
    )
    co = zlib.compressobj(9)
    chunk = bytes(1 << 20)
    parts = [co.compress(head.getvalue())]
    parts += [co.compress(chunk) for _ in range(n_bytes // len(chunk))]
    return b"".join(parts) + co.flush()


def test_a_decompression_bomb_is_refused_before_it_inflates(tmp_path: Path) -> None:
    f = _saved(tmp_path)
    blob = _bomb(96 * 2**20)  # 96 MB of zeros in about 100 kB
    assert len(blob) < 2**20
    _edit(f, "UPDATE forecast SET volume = ?", blob)
    tracemalloc.start()
    try:
        with pytest.raises(KcrosterInputError, match="uitgepakt groter") as err:
            load_project(f)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert err.value.file == "plan.kcroster"
    assert peak < 16 * 2**20  # inflated no further than the forecast's own size needs


def test_the_array_budget_fits_a_real_forecast(tmp_path: Path) -> None:
    p = sample_project()
    assert p.forecast is not None
    need = p.forecast.volume.nbytes
    budget = database._array_budget(p.forecast.horizon, p.forecast.queues)
    assert need < budget <= need + 65 * 1024
    assert database._array_budget(p.forecast.horizon, p.forecast.queues * 10**6) == database._MAX_ARRAY_BYTES
    f = _saved(tmp_path)
    assert np.array_equal(load_project(f).forecast.volume, p.forecast.volume)


# -- the stale lock --------------------------------------------------------------------------------


def _foreign_lock(f: Path, age: timedelta, host: str = "andere-laptop") -> Path:
    lock = f.with_name(f.name + ".lock")
    since = (datetime.now(UTC) - age).replace(microsecond=0)
    lock.write_text(
        json.dumps({"pid": 4242, "host": host, "user": "jan", "since": since.isoformat()})
    )
    return lock


def test_a_lock_abandoned_on_another_machine_says_so_and_may_be_taken_over(tmp_path: Path) -> None:
    f = _saved(tmp_path)
    lock_file = _foreign_lock(f, timedelta(weeks=5))
    with pytest.raises(ProjectLockedError) as err:
        open_project(f)
    msg = str(err.value)
    assert err.value.can_take_over and err.value.lock_path == lock_file
    for part in (
        str(lock_file),
        "jan op andere-laptop",
        "proces 4242",
        "5 weken geleden",
        "neem de vergrendeling dan over",
        "verwijder het vergrendelbestand",
    ):
        assert part in msg
    opened = open_project(f, take_over=True)
    assert opened.lock is not None and not opened.read_only
    assert json.loads(lock_file.read_text())["pid"] == os.getpid()
    opened.lock.release()
    assert not lock_file.exists()


def test_a_recent_foreign_lock_is_not_taken_over(tmp_path: Path) -> None:
    f = _saved(tmp_path)
    lock_file = _foreign_lock(f, timedelta(hours=1))
    with pytest.raises(ProjectLockedError) as err:
        ProjectLock(f).acquire(take_over=True)
    assert not err.value.can_take_over
    assert str(lock_file) in str(err.value) and "verwijder dan het vergrendelbestand" in str(
        err.value
    )
    assert json.loads(lock_file.read_text())["pid"] == 4242


def test_a_lock_taken_over_refuses_the_old_holders_save(tmp_path: Path) -> None:
    """The old holder (here: a lock written as if by another computer after we took it over)
    cannot save over the new holder's work."""
    f = _saved(tmp_path)
    _foreign_lock(f, timedelta(days=2))
    lock = ProjectLock(f)
    lock.acquire(take_over=True)
    save_project(sample_project(), f)  # ours now
    lock.release()
    _foreign_lock(f, timedelta(minutes=1), host="nieuwe-eigenaar")
    with pytest.raises(ProjectLockedError):
        save_project(sample_project(), f)


def test_a_lock_by_a_dead_process_here_is_still_taken_without_asking(tmp_path: Path) -> None:
    f = _saved(tmp_path)
    # a pid far beyond any pid_max: surely dead
    f.with_name(f.name + ".lock").write_text(
        json.dumps(
            {
                "pid": 2**30,
                "host": socket.gethostname(),
                "user": "jan",
                "since": "2026-01-01T08:00:00+00:00",
            }
        )
    )
    opened = open_project(f)
    assert opened.lock is not None
    opened.lock.release()


def test_a_lock_file_that_cannot_be_created_is_a_write_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_lock_file(monkeypatch, errno.ENOSPC)
    with pytest.raises(WriteError, match="de schijf is vol"):
        ProjectLock(tmp_path / "plan.kcroster").acquire()
