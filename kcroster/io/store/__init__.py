"""The ``.kcroster`` project file: the whole plan in one SQLite database.

What is stored where (schema version :data:`~kcroster.io.store.schema.SCHEMA_VERSION`)
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
defaults). The JSON codec (:mod:`~kcroster.io.store.codec`) is driven by the dataclasses' type
hints, ignores unknown keys and leaves missing keys at their defaults, so an additive model change
needs no schema migration. Renaming or removing a field, or changing the table layout, does: bump
``SCHEMA_VERSION`` and append a function to ``MIGRATIONS`` (:mod:`~kcroster.io.store.schema`).

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

The package, one module a job
    :mod:`~kcroster.io.store.codec`        the type-hint driven JSON codec, times as integers,
                                            arrays as capped compressed blobs
    :mod:`~kcroster.io.store.schema`       the tables, the migrations, the version of a file
    :mod:`~kcroster.io.store.database`     a project into a new database file and out of one
    :mod:`~kcroster.io.store.lock`         ``<file>.lock``: who has the project open
    :mod:`~kcroster.io.store.recovery`     ``<file>.autosave`` and whether to offer it
    :mod:`~kcroster.io.store.project_file` save, load and open: the three together
"""

from kcroster.io.atomic import WriteError
from kcroster.io.store.codec import decode_value, encode_value
from kcroster.io.store.lock import STALE_LOCK_AGE, LockInfo, ProjectLock, ProjectLockedError
from kcroster.io.store.project_file import OpenedProject, load_project, open_project, save_project
from kcroster.io.store.recovery import autosave, autosave_path, discard_autosave, recovery_candidate
from kcroster.io.store.schema import MIGRATIONS, SCHEMA_VERSION, read_schema_version

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
