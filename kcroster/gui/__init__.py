"""The PySide6 desktop app: main window, screens, Qt item models, charts and background jobs.

Only this package imports Qt. It shows and edits domain objects from :mod:`kcroster.model` and
calls the same :mod:`kcroster.pipeline` functions as the command line; it holds no planning logic.
"""

from __future__ import annotations

import sys


def _guard_none_refcount() -> bool:
    """Work around PySide6 builds that drop a reference to ``None`` on every void call.

    PySide6 6.12 (abi3 wheels) returns ``None`` from void methods without taking a reference.
    From CPython 3.12 ``None`` is immortal so nothing happens; on 3.11 its count drains a little
    with every ``setPen``/``fillRect``/… and the interpreter aborts ("deallocating None") after a
    few thousand calls — within seconds of painting. When we detect that, we give ``None`` a
    reference count it can never exhaust. Returns True when the guard was applied. The proper fix
    is a PySide6 without the bug (6.9.x is fine) or Python ≥ 3.12.
    """
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    from PySide6.QtCore import QTimer

    probe = QTimer()
    before = sys.getrefcount(None)
    for _ in range(64):
        probe.setInterval(1)  # a void method
    leaked = before - sys.getrefcount(None)
    if leaked <= 0:
        return False
    import ctypes

    # ob_refcnt is the first field of every object in CPython ≤ 3.11
    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 48
    return True


NONE_GUARD_APPLIED = _guard_none_refcount()
