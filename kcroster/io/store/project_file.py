"""Save, load and open a project: the database, the lock and the recovery copy together."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

from kcroster.io.atomic import WriteError
from kcroster.io.store.database import _atomic_write, _cleanup_stale_temps, read_project
from kcroster.io.store.lock import ProjectLock, ProjectLockedError
from kcroster.io.store.recovery import autosave_path
from kcroster.model import KcrosterInputError, Project

__all__ = ["OpenedProject", "load_project", "open_project", "save_project"]


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
    return read_project(p, notices)


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
