"""The one helper that runs a core function in the background.

:func:`run_job` starts ``fn(report, cancel)`` in a worker thread. The core function reports
progress snapshots through ``report`` and checks ``cancel`` (it knows nothing of Qt); the main
thread polls the latest snapshot every ~150 ms (docs/design.md §2), shows a progress dialog only when the
job is still running after ~0.5 s, delivers the result on the main thread, and turns an exception
into a dialog a planner can read.
"""

from __future__ import annotations

import threading
import time
import traceback
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from kcroster.gui.i18n import tr
from kcroster.solver.options import CancelToken

POLL_MS = 150
SHOW_AFTER_MS = 500


class CancelFlag(CancelToken):
    """The solver's cancel token, also for jobs whose core function takes no solver token."""

    def is_set(self) -> bool:
        return self.cancelled


class ProgressView(Protocol):
    """What a custom progress dialog offers (see ``views.solve_dialog.SolveDialog``)."""

    cancel_requested: Any  # a Signal

    def update_progress(self, snapshot: object) -> None: ...
    def show(self) -> None: ...
    def close(self) -> bool: ...


class _BusyDialog(QProgressDialog):
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None, title: str, cancellable: bool) -> None:
        super().__init__(title, tr("Annuleren") if cancellable else "", 0, 0, parent)
        self.setWindowTitle(tr("Even geduld"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(0)
        self.setAutoClose(False)
        self.setAutoReset(False)
        if not cancellable:
            self.setCancelButton(None)
        self.canceled.connect(self.cancel_requested)
        self._title = title

    def update_progress(self, snapshot: object) -> None:
        message = getattr(snapshot, "message", None) or (snapshot if isinstance(snapshot, str) else None)
        if message:
            self.setLabelText(f"{self._title}\n{message}")


class Job(QObject):
    """A running background job. Signals fire on the main thread."""

    progressed = Signal(object)
    succeeded = Signal(object)
    failed = Signal(object)
    done = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cancel_token: Any = None
        self.result: Any = None
        self.error: BaseException | None = None
        self.error_traceback = ""
        self.started_at = time.perf_counter()
        self.finished = False
        self._latest: object = None
        self._latest_seen: object = None
        self._thread: threading.Thread | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._poll)
        self.dialog: Any = None

    # called from the worker thread: a plain attribute store is atomic under the GIL
    def _report(self, snapshot: object) -> None:
        self._latest = snapshot

    def cancel(self) -> None:
        if self.cancel_token is not None:
            self.cancel_token.cancel()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the worker ends (tests, shutdown); then deliver on this thread."""
        if self._thread is not None:
            self._thread.join(timeout)
        self._poll()
        return self.finished

    def _poll(self) -> None:
        latest = self._latest
        if latest is not None and latest is not self._latest_seen:
            self._latest_seen = latest
            if self.dialog is not None:
                self.dialog.update_progress(latest)
            self.progressed.emit(latest)
        if self._thread is not None and not self._thread.is_alive() and not self.finished:
            self._finish()

    def _finish(self) -> None:
        self.finished = True
        self._timer.stop()
        if self.dialog is not None:
            getattr(self.dialog, "finish", self.dialog.close)()
        if self.error is not None:
            self.failed.emit(self.error)
        else:
            self.succeeded.emit(self.result)
        self.done.emit()


_running: set[Job] = set()


def run_job(
    parent: QWidget | None,
    fn: Callable[[Callable[[object], None], Any], Any],
    *,
    title: str,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    cancel_token: Any = None,
    cancellable: bool = True,
    dialog: ProgressView | None = None,
    show_after_ms: int = SHOW_AFTER_MS,
) -> Job:
    """Run ``fn(report, cancel_token)`` in a worker thread; see the module docstring.

    ``dialog`` replaces the default busy dialog (it must offer ``update_progress`` and a
    ``cancel_requested`` signal). Errors go to ``on_error`` or, by default, to an error dialog.
    """
    job = Job(parent)
    job.cancel_token = cancel_token if cancel_token is not None else CancelFlag()

    def worker() -> None:
        try:
            job.result = fn(job._report, job.cancel_token)
        except BaseException as exc:  # noqa: BLE001 - every failure becomes a dialog
            job.error = exc
            job.error_traceback = traceback.format_exc()

    if on_done is not None:
        job.succeeded.connect(on_done)
    job.failed.connect(
        on_error if on_error is not None else (lambda exc: show_error(parent, title, exc, job.error_traceback))
    )
    _running.add(job)
    job.done.connect(lambda: _running.discard(job))

    def show_dialog() -> None:
        if job.finished:
            return
        if job.dialog is None:
            job.dialog = _BusyDialog(parent, title, cancellable)
            job.dialog.cancel_requested.connect(job.cancel)
        if job._latest is not None:
            job.dialog.update_progress(job._latest)
        job.dialog.show()

    job.dialog = None
    if dialog is not None:
        job.dialog = dialog
        dialog.cancel_requested.connect(job.cancel)
    job._thread = threading.Thread(target=worker, name=f"kcroster-job:{title}", daemon=True)
    job._thread.start()
    job._timer.start()
    QTimer.singleShot(show_after_ms, job, show_dialog)
    return job


def show_error(parent: QWidget | None, title: str, exc: BaseException, details: str = "") -> None:
    """A planner-readable dialog for a failed job: input errors say where, others say what."""
    from kcroster.model import KcrosterInputError

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    if isinstance(exc, KcrosterInputError):
        box.setText(tr("Het bestand kon niet worden ingelezen."))
        box.setInformativeText(str(exc))
    else:
        box.setText(tr("Er ging iets mis."))
        box.setInformativeText(str(exc) or type(exc).__name__)
        if details:
            box.setDetailedText(details)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setModal(True)
    box.open()
