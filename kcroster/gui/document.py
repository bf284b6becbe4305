"""The open project as seen by the window: the project, its edit history and derived results.

:class:`ProjectDocument` wraps a :class:`kcroster.model.Project` with the domain
:class:`kcroster.edits.EditHistory`, caches what the pipeline derives from it (requirement,
coverage, rule violations) and tells the screens through Qt signals what to repaint. Every
computation, file and lock goes through the backend (:class:`kcroster.pipeline.Backend`: the
pipeline module, the same functions the CLI calls); it is injectable so tests can run the
screens against a small fake that implements the same protocol.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from kcroster.edits import AddScenario, Changed, Edit, EditHistory, PublishRoster, SetScenarioField
from kcroster.gui.i18n import tr
from kcroster.model import Project, Roster, RosterStatus

if TYPE_CHECKING:
    from kcroster.pipeline import Backend

# the scenario edits moved to kcroster.edits; re-exported for code that imports them from here
__all__ = ["ProjectDocument", "PublishRoster", "SetScenarioField"]


class ProjectDocument(QObject):
    projectReplaced = Signal()
    edited = Signal(object)  # Changed
    requirementChanged = Signal()
    rosterChanged = Signal()
    historyChanged = Signal()
    dirtyChanged = Signal(bool)
    modified = Signal()  # the project's content changed (every edit, undo, import): autosave soon
    pathChanged = Signal(object)
    scenarioChanged = Signal()
    # something the planner must know but need not answer (title, lines): the window shows it
    noticed = Signal(str, list)

    def __init__(self, backend: Backend | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._backend = backend
        self.project: Project | None = None
        self.history: EditHistory | None = None
        self.path: Path | None = None
        self.read_only = False
        self.lock: Any = None
        self._pending_lock: Any = None
        self._pending_read_only = False  # the store opened read-only by itself (read-only folder)
        self.open_notices: list[str] = []  # what the store said while opening the current file
        self._pending_notices: list[str] = []
        self.busy = False  # a background job (solve) works on the project: edits wait
        self._dirty = False
        self._requirement: Any = None
        self._coverage: Any = None
        self._violations: list[Any] | None = None
        self._generation = 0  # bumps whenever derived results go stale

    # -- backend -------------------------------------------------------------------------------
    @property
    def backend(self) -> Backend:
        """The backend; by default the pipeline module, imported on first use so the window
        opens fast."""
        if self._backend is None:
            self._backend = importlib.import_module("kcroster.pipeline")
        return self._backend

    # -- project lifecycle ---------------------------------------------------------------------
    def set_project(self, project: Project, path: Path | None = None, *, dirty: bool = False) -> None:
        self.project = project
        self.history = EditHistory(project)
        self.history.subscribe(self._on_changed)
        self.path = Path(path) if path else None
        self._invalidate("all")
        self._set_dirty(dirty)
        self.projectReplaced.emit()
        self.historyChanged.emit()
        self.pathChanged.emit(self.path)

    @property
    def has_project(self) -> bool:
        return self.project is not None

    @property
    def dirty(self) -> bool:
        return self._dirty

    def _set_dirty(self, value: bool) -> None:
        """Mark the project changed (every edit calls this) or saved; ``modified`` fires on
        every change, ``dirtyChanged`` only when the state flips."""
        if value != self._dirty:
            self._dirty = value
            self.dirtyChanged.emit(value)
        if value:
            self.modified.emit()

    def load(self, path: Path, read_only: bool = False, take_over: bool = False) -> Project:
        """Open a project file (taking its lock unless read-only; ``take_over`` takes a lock
        abandoned on another computer, after the planner agreed); call on a worker thread.
        The store may open read-only by itself (a read-only folder) and may have notices:
        :meth:`adopt` applies both."""
        self._pending_read_only, self._pending_notices = False, []
        opened = self.backend.open_for_editing(path, read_only=read_only, take_over=take_over)
        self._pending_lock = opened.lock
        self._pending_read_only, self._pending_notices = opened.read_only, list(opened.notices)
        return opened.project

    def adopt(self, project: Project, path: Path, read_only: bool = False) -> None:
        """Make a freshly loaded project current (main thread), releasing the previous lock."""
        self.release_lock()
        self.lock = getattr(self, "_pending_lock", None)
        self._pending_lock = None
        self.read_only = read_only or self._pending_read_only
        self.open_notices, self._pending_notices = self._pending_notices, []
        self._pending_read_only = False
        self.set_project(project, path)

    def release_lock(self) -> None:
        lock = getattr(self, "lock", None)
        if lock is not None:
            try:
                lock.release()
            except OSError:
                pass
        self.lock = None

    def save(self, path: Path | None = None) -> Path:
        target = Path(path) if path else self.path
        if target is None:
            raise ValueError("geen bestandsnaam")
        if self.read_only and (path is None or Path(path) == self.path):
            raise ValueError("dit project is alleen-lezen geopend; kies 'Opslaan als'")
        assert self.project is not None
        self.backend.save_project(self.project, target)
        if path is not None:
            self.path = target
            self.pathChanged.emit(self.path)
        self._set_dirty(False)
        return target

    # -- edits ---------------------------------------------------------------------------------
    def apply(self, edit: Edit) -> Changed:
        """Apply a domain edit (undoable). Raises ``ValueError`` with a Dutch message if refused."""
        assert self.history is not None
        if self.busy:
            raise ValueError("even geduld: de optimalisatie loopt nog")
        changed = self.history.apply(edit)
        self.historyChanged.emit()
        return changed

    def undo(self) -> None:
        if self.busy:  # the solver reads the project: undo waits like every other edit
            return
        if self.history is not None and self.history.can_undo:
            self.history.undo()
            self.historyChanged.emit()

    def redo(self) -> None:
        if self.busy:
            return
        if self.history is not None and self.history.can_redo:
            self.history.redo()
            self.historyChanged.emit()

    def _on_changed(self, changed: Changed) -> None:
        if changed.kind == "scenario_name":
            self._set_dirty(True)
            self.edited.emit(changed)
            self.scenarioChanged.emit()
            return
        if changed.kind == "scenarios":  # the active scenario may be another one now
            changed = Changed("all", changed.agent_ids, changed.days)
            self._invalidate("all")
            self._set_dirty(True)
            self.edited.emit(changed)
            self.scenarioChanged.emit()
            self.requirementChanged.emit()
            self.rosterChanged.emit()
            return
        self._invalidate(changed.kind)
        self._set_dirty(True)
        self.edited.emit(changed)
        if changed.kind in ("queues", "all"):
            self.requirementChanged.emit()
        if changed.kind in ("roster", "agents", "queues", "wishes", "all"):
            self.rosterChanged.emit()

    def _invalidate(self, kind: str) -> None:
        self._generation += 1
        if kind in ("queues", "all", "forecast"):
            self._requirement = None
        self._coverage = None
        self._violations = None

    def replace_project_data(self, project: Project, label: str = "import") -> None:
        """After an import the pipeline returns a new project: keep path, drop derived caches.

        Imports are not undoable through the edit history (they replace the project); the
        history restarts so undo never mixes objects of two different projects.
        """
        self.set_project(project, self.path, dirty=True)

    # -- scenarios -----------------------------------------------------------------------------
    def set_active_scenario(self, index: int) -> None:
        """Look at another scenario. Not a change of the project: the planner compared, edited
        nothing, and is not asked to save (the next save stores which scenario was active)."""
        assert self.project is not None
        if index == self.project.active_scenario or not 0 <= index < len(self.project.scenarios):
            return
        self.project.active_scenario = index
        self._invalidate("all")
        self.scenarioChanged.emit()
        self.requirementChanged.emit()
        self.rosterChanged.emit()

    def add_scenario(self, name: str) -> int:
        """Copy the active scenario (settings and roster) under a new name and activate it (undoable).

        Raises ``ValueError`` (Dutch) for an empty or duplicate name.
        """
        assert self.project is not None
        self.apply(AddScenario(name))
        return self.project.active_scenario

    # -- derived results -----------------------------------------------------------------------
    @property
    def roster(self) -> Roster | None:
        return None if self.project is None else self.project.scenario.roster

    def requirement(self) -> Any:
        if self._requirement is None and self.project is not None and self.project.forecast is not None:
            self._requirement = self.backend.compute_requirement(self.project)
        return self._requirement

    def set_requirement(self, requirement: Any) -> None:
        self._requirement = requirement

    def prefetch(self, parent: Any = None) -> Any:
        """Compute requirement and coverage in the background so the first visit of a screen
        does not wait for the Erlang maths. A result that went stale meanwhile is dropped; a
        failure is told through ``noticed``."""
        from kcroster.gui.jobs import run_job

        project = self.project
        if project is None or project.forecast is None or (self._requirement is not None and
                                                           (self.roster is None or self._coverage is not None)):
            return None
        gen = self._generation
        backend = self.backend
        known = self._requirement
        roster = self.roster

        def work(report: Any, cancel: Any) -> Any:
            req = known if known is not None else backend.compute_requirement(project)
            cov = backend.coverage(project, roster, req) if roster is not None else None
            return req, cov

        def done(value: Any) -> None:
            if gen != self._generation or self.project is not project:
                return
            self._requirement, cov = value
            if cov is not None:
                self._coverage = cov
            self.requirementChanged.emit()
            self.rosterChanged.emit()

        def failed(exc: BaseException) -> None:
            # no progress dialog, so no error dialog either; but the planner must know that the
            # figures are missing (after a solve its outcome line waits for them): a notice.
            # Nothing is cached, so a screen that needs the numbers computes them again
            if gen != self._generation or self.project is not project:
                return  # the project changed meanwhile: the failure concerns data no longer shown
            self.noticed.emit(tr("Berekening"), [
                tr("Personeelsbehoefte en dekking konden niet worden berekend: {fout}").format(
                    fout=str(exc) or type(exc).__name__)])

        return run_job(parent, work, title="prefetch", on_done=done, on_error=failed,
                       show_after_ms=10**9, cancellable=False)

    def known_coverage(self) -> Any:
        """The coverage report when it is already computed (never computes it: None then)."""
        return self._coverage

    def coverage(self) -> Any:
        if self._coverage is None and self.roster is not None and self.requirement() is not None:
            self._coverage = self.backend.coverage(self.project, self.roster, self.requirement())
        return self._coverage

    def violations(self) -> list[Any]:
        if self._violations is None:
            if self.roster is None or self.project is None:
                self._violations = []
            else:
                reference = self.project.scenario.published
                self._violations = list(self.backend.check_roster(self.project, self.roster, reference))
        return self._violations

    def roster_state(self) -> RosterStatus | None:
        """Draft / published / changed after publishing, as the status bar shows it."""
        sc = None if self.project is None else self.project.scenario
        if sc is None or sc.roster is None:
            return None
        if sc.published is not None:
            return RosterStatus.PUBLISHED if sc.published.shifts == sc.roster.shifts else RosterStatus.CHANGED
        return sc.roster.status
