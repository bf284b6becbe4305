"""One atomic-write helper for every file kcroster writes (issue 23 item 6).

A write goes to a temporary file in the target's folder, is fsynced and then moved over the
target with :func:`os.replace`, so a reader never sees half a file. On any failure the temporary
file is removed and one error type, :class:`WriteError`, is raised with a Dutch sentence that
names the path and the reason (read-only, disk full, folder missing), so the CLI and the GUI can
report it without a traceback.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

__all__ = ["WriteError", "atomic_write", "describe_os_error"]

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


def atomic_write(path: str | os.PathLike[str], writer: Callable[[Path], object]) -> Path:
    """Call ``writer(tmp_path)`` and move the result over ``path`` atomically.

    The temporary file lives in the same folder (a rename across file systems is not atomic).
    Any OSError on the way becomes a :class:`WriteError`; other exceptions propagate unchanged.
    The temporary file never stays behind.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise WriteError(target, "de map bestaat niet", errno.ENOENT)
    tmp: Path | None = None
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        os.close(fd)
        tmp = Path(name)
        writer(tmp)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        tmp = None
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
