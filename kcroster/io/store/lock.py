"""``<project>.lock``: warn when another kcroster instance has the project open.

:class:`ProjectLock` keeps pid/host/user/time so a second instance is warned
(:class:`ProjectLockedError`) and may open the file read-only; a lock left by a dead process on
this machine is taken over, one abandoned on another computer only with the planner's consent.
"""

from __future__ import annotations

import contextlib
import dataclasses
import getpass
import json
import os
import socket
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kcroster.io.atomic import WriteError, describe_os_error

__all__ = ["LOCK_SUFFIX", "STALE_LOCK_AGE", "LockInfo", "ProjectLock", "ProjectLockedError"]

LOCK_SUFFIX = ".lock"
_UNREADABLE_LOCK_GRACE_S = 60
STALE_LOCK_AGE = timedelta(hours=12)
"""A lock from another computer older than this may be taken over, with the planner's consent.

Longer than a working day with a late shift (a colleague who really has the project open all day
is not offered for take-over), shorter than a night: a project left open at the office yesterday
afternoon, or a laptop that crashed or was shut with kcroster open, can be taken over the next
morning instead of blocking editing until someone finds and deletes the lock file. Taking over is
safe against the old holder: its next save is refused because the lock is no longer its own.
"""


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
            return LockInfo(
                int(data["pid"]), str(data["host"]), str(data["user"]), datetime.fromisoformat(data["since"])
            )
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
