"""The recovery copy ``<file>.autosave``, and whether to offer it after a crash.

:func:`autosave` writes it (atomically, like a save); :func:`recovery_candidate` tells whether
it is newer than the file, i.e. there is unsaved work to recover.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from pathlib import Path

from kcroster.io.atomic import WriteError, describe_os_error
from kcroster.io.store.database import _atomic_write, _cleanup_stale_temps
from kcroster.io.store.schema import _open_db
from kcroster.model import KcrosterInputError, Project

__all__ = ["AUTOSAVE_SUFFIX", "autosave", "autosave_path", "discard_autosave", "recovery_candidate"]

AUTOSAVE_SUFFIX = ".autosave"


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
