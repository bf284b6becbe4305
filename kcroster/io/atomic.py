"""One atomic-write helper for every file kcroster writes (issue 23 item 6).

A write goes to a temporary file in the target's folder, is fsynced and then moved over the
target with :func:`os.replace`, so a reader never sees half a file; the folder is fsynced after
the rename so the new name survives a power cut. On any failure the temporary file is removed and
one error type, :class:`WriteError`, is raised with a Dutch sentence that names the path and the
reason (read-only, disk full, folder missing), so the CLI and the GUI can report it without a
traceback. A failed fsync of the file is a failure too: the target is then left as it was (it
used to be swallowed in the project store, which replaced the file anyway).
"""

from __future__ import annotations

import errno
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

__all__ = ["WriteError", "atomic_write", "describe_os_error", "fsync_folder"]

_REASONS = {
    errno.ENOSPC: "de schijf is vol",
    errno.EDQUOT: "de schijf is vol (quotum bereikt)",
    errno.EROFS: "de map is alleen-lezen",
    errno.EACCES: "geen schrijfrechten (of het bestand is geopend in een ander programma)",
    errno.EPERM: "geen schrijfrechten (of het bestand is geopend in een ander programma)",
    errno.ENOENT: "de map bestaat niet",
    errno.ENOTDIR: "de map bestaat niet",
    errno.EISDIR: "het doel is een map",
}


class WriteError(OSError):
    """A file could not be written; ``str()`` is a Dutch sentence naming path and reason."""

    def __init__(self, path: str | os.PathLike[str], reason: str, err: int | None = None):
        self.path = Path(path)
        self.reason = reason
        super().__init__(err, f"kan {self.path} niet schrijven: {reason}")

    def __str__(self) -> str:
        return f"kan {self.path} niet schrijven: {self.reason}"


def describe_os_error(exc: OSError) -> str:
    """Dutch reason for an OSError, by errno where known, else its own text."""
    return _REASONS.get(exc.errno or -1) or (exc.strerror or str(exc))


# fsync of a folder is not supported everywhere (some network and FUSE file systems): the
# rename is then as durable as that file system makes it, which is no reason to fail the write.
_DIR_FSYNC_UNSUPPORTED = {errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EBADF, errno.EROFS}


def fsync_folder(folder: Path, target: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows has no folder fsync and needs none).

    A folder we may not open for reading cannot be synced, and a file system without folder
    fsync cannot either; both leave the rename as durable as the system makes it. A real I/O
    error is a :class:`WriteError`: the planner must not believe the file is safely stored.
    """
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in _DIR_FSYNC_UNSUPPORTED:
            raise WriteError(target, "het bestand is vervangen, maar de schijf bevestigde het "
                             f"vastleggen niet ({describe_os_error(exc)})", exc.errno) from exc
    finally:
        os.close(fd)


def atomic_write(path: str | os.PathLike[str], writer: Callable[[Path], object], *,
                 prefix: str | None = None) -> Path:
    """Call ``writer(tmp_path)`` and move the result over ``path`` atomically.

    The temporary file lives in the same folder (a rename across file systems is not atomic);
    its name starts with ``prefix`` (default ``.<name>.``), so a caller can recognise the
    temporary files of its own killed writes. Any OSError on the way becomes a
    :class:`WriteError`; other exceptions propagate unchanged. The temporary file never stays
    behind.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise WriteError(target, "de map bestaat niet", errno.ENOENT)
    tmp: Path | None = None
    try:
        fd, name = tempfile.mkstemp(prefix=prefix or f".{target.name}.", suffix=".tmp", dir=folder)
        os.close(fd)
        tmp = Path(name)
        writer(tmp)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        tmp = None
        fsync_folder(folder, target)
    except WriteError:
        raise
    except OSError as exc:
        raise WriteError(target, describe_os_error(exc), exc.errno) from exc
    finally:
        if tmp is not None:
            try:
                tmp.unlink(missing_ok=True)
            except OSError:
                pass
    return target
