"""The main window: sidebar navigation and scenarios, the seven screens, menus and shortcuts,
status bar, open/save/recent/autosave, undo/redo and drag-and-drop import."""

from __future__ import annotations

import os
import pickle
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QFileOpenEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kcroster import settings as user_settings
from kcroster.edits import PublishRoster, RemoveScenario, RenameProject, RenameScenario
from kcroster.gui import icons, theme
from kcroster.gui.document import ProjectDocument
from kcroster.gui.i18n import tr
from kcroster.gui.jobs import Job, run_job, show_error
from kcroster.gui.views.agents import AgentsScreen
from kcroster.gui.views.base import Screen
from kcroster.gui.views.common import ask_open_file, ask_save_file
from kcroster.gui.views.coverage import CoverageScreen
from kcroster.gui.views.export import ExportScreen
from kcroster.gui.views.forecast import ForecastScreen
from kcroster.gui.views.roster import RosterScreen
from kcroster.gui.views.staffing import StaffingScreen
from kcroster.gui.views.wishes import WishesScreen
from kcroster.model import RosterStatus

PROJECT_FILTER = "kcroster-project (*.kcroster)"
AUTOSAVE_MS = 120_000  # safety net; every edit is autosaved on its own within EDIT_AUTOSAVE_MS
EDIT_AUTOSAVE_MS = 800  # an edit is on disk (recovery copy) within about a second
UNTITLED = "naamloos.kcroster"  # the recovery copy of a project without a file is named after this
IMPORTABLE = (".xlsx", ".xlsm", ".csv")
STATE_VERSION = 1  # bump when toolbars/docks change so an old saved state is not applied


def untitled_name() -> Path:
    """The name a project without a file is autosaved under, inside the recovery folder (a
    bare name would be compared with a file of that name in the working directory)."""
    return user_settings.recovery_dir() / UNTITLED


def autosave_delay_ms(snapshot_ms: float) -> int:
    """How long after an edit its recovery copy starts: EDIT_AUTOSAVE_MS, or five times what
    taking the last snapshot cost the window, so snapshots take at most a sixth of its time."""
    return max(EDIT_AUTOSAVE_MS, int(5 * snapshot_ms))


class FileOpenFilter(QObject):
    """Catches ``QFileOpenEvent`` on the application (macOS sends one when a ``.kcroster`` file is
    double-clicked in the Finder). Events that arrive before the window exists wait for it."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.target: MainWindow | None = None
        self.pending: list[Path] = []
        self.received = False  # startup skips opening the last project when the system asked for one

    def attach(self, window: MainWindow) -> None:
        self.target = window
        pending, self.pending = self.pending, []
        for path in pending:
            window.open_requested(path)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            name = event.file() or event.url().toLocalFile()
            if name:
                self.received = True
                if self.target is None:
                    self.pending.append(Path(name))
                else:
                    self.target.open_requested(Path(name))
                return True
        return super().eventFilter(watched, event)


class MainWindow(QMainWindow):
    def __init__(self, doc: ProjectDocument | None = None, *, settings: user_settings.Settings | None = None,
                 confirm_close: bool = True) -> None:
        super().__init__()
        self.doc = doc or ProjectDocument(parent=self)
        self.settings = settings or user_settings.Settings()
        self.confirm_close = confirm_close
        self.setWindowIcon(icons.app_icon())
        self.setAcceptDrops(True)
        self.resize(1360, 860)
        self.setMinimumSize(QSize(980, 640))
        self.screens: list[Screen] = []
        self.last_switch_ms = 0.0
        self._build_ui()
        self._build_actions()
        self._build_status()
        self.doc.dirtyChanged.connect(self._update_title)
        self.doc.pathChanged.connect(self._update_title)
        self.doc.historyChanged.connect(self._show_project_name)  # a rename, its undo and redo
        self.doc.projectReplaced.connect(self._project_replaced)
        self.doc.historyChanged.connect(self._update_undo)
        self.doc.rosterChanged.connect(self._update_status)
        self.doc.scenarioChanged.connect(self._fill_scenarios)
        self.doc.scenarioChanged.connect(self._update_status)
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave_in_background)
        self.autosave_timer.start()
        # every domain edit schedules a recovery copy shortly after it (not restarted by later
        # edits, so a planner who keeps editing still has each edit on disk within a second)
        self.edit_autosave_timer = QTimer(self)
        self.edit_autosave_timer.setSingleShot(True)
        self.edit_autosave_timer.setInterval(EDIT_AUTOSAVE_MS)
        self.edit_autosave_timer.timeout.connect(self.autosave_in_background)
        self.doc.modified.connect(self._schedule_autosave)
        self.doc.noticed.connect(self.show_notices)  # e.g. a background computation that failed
        self.autosave_job: Job | None = None
        self.new_project_wizard: Any = None  # the last Nieuw project uit forecast wizard
        self._autosave_again = False
        self._update_title()
        self._update_undo()
        self._update_status()

    # -- layout --------------------------------------------------------------------------------
    def _build_ui(self) -> None:
        central = QWidget()
        lay = QHBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        side = QWidget()
        side.setObjectName("Sidebar")
        side.setFixedWidth(214)
        sl = QVBoxLayout(side)
        sl.setContentsMargins(0, 6, 0, 10)
        sl.setSpacing(2)
        brand = QHBoxLayout()
        brand.setContentsMargins(14, 10, 14, 0)
        brand.setSpacing(8)
        logo = QLabel()
        logo.setPixmap(icons.app_icon().pixmap(QSize(26, 26)))
        title = QLabel("kcroster")
        title.setObjectName("SidebarTitle")
        brand.addWidget(logo)
        brand.addWidget(title)
        brand.addStretch(1)
        sl.addLayout(brand)
        self.project_label = QLabel("")
        self.project_label.setObjectName("SidebarSection")
        self.project_label.setWordWrap(True)
        sl.addWidget(self.project_label)
        self.nav = QListWidget()
        self.nav.setObjectName("Navigation")
        self.nav.setIconSize(QSize(20, 20))
        self.nav.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        sl.addWidget(self.nav)
        sec = QLabel(tr("Scenario's"))
        sec.setObjectName("SidebarSection")
        sl.addWidget(sec)
        self.scenarios = QListWidget()
        self.scenarios.setObjectName("Scenarios")
        self.scenarios.setMaximumHeight(130)
        self.scenarios.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scenarios.currentRowChanged.connect(self._scenario_picked)
        self.scenarios.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.scenarios.customContextMenuRequested.connect(self._scenario_menu)
        self.scenarios.itemDoubleClicked.connect(lambda item: self.ask_rename_scenario(self.scenarios.row(item)))
        self.scenarios.setToolTip(tr("Dubbelklik om te hernoemen; rechtsklik voor meer"))
        sl.addWidget(self.scenarios)
        self.add_scenario_button = QPushButton(tr("+ Scenario"))
        self.add_scenario_button.setFlat(True)
        self.add_scenario_button.clicked.connect(self.ask_add_scenario)
        self.compare_button = QPushButton(tr("Vergelijken"))
        self.compare_button.setFlat(True)
        self.compare_button.setToolTip(tr("Scenario's naast elkaar: FTE, tekort, service per dag, wensen, uren"))
        self.compare_button.clicked.connect(self.ask_compare_scenarios)
        row = QHBoxLayout()
        row.setContentsMargins(12, 0, 12, 0)
        row.addWidget(self.add_scenario_button)
        row.addWidget(self.compare_button)
        row.addStretch(1)
        sl.addLayout(row)
        lay.addWidget(side)
        self.stack = QStackedWidget()
        lay.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.forecast_screen = ForecastScreen(self.doc, self)
        self.staffing_screen = StaffingScreen(self.doc, self)
        self.agents_screen = AgentsScreen(self.doc, self)
        self.wishes_screen = WishesScreen(self.doc, self)
        self.roster_screen = RosterScreen(self.doc, self)
        self.coverage_screen = CoverageScreen(self.doc, self)
        self.export_screen = ExportScreen(self.doc, self)
        screens: list[tuple[Screen, str]] = [
            (self.forecast_screen, "forecast"),
            (self.staffing_screen, "staffing"),
            (self.agents_screen, "agents"),
            (self.wishes_screen, "wishes"),
            (self.roster_screen, "roster"),
            (self.coverage_screen, "coverage"),
            (self.export_screen, "export"),
        ]
        colour = self.palette().windowText().color()
        for screen, icon in screens:
            self.screens.append(screen)
            self.stack.addWidget(screen)
            item = QListWidgetItem(icons.line_icon(icon, colour), screen.title())
            item.setSizeHint(QSize(190, 38))
            self.nav.addItem(item)
        self.nav.currentRowChanged.connect(self._switch)
        self.nav.setCurrentRow(0)

    def screen_by_key(self, key: str) -> Screen:
        return next(s for s in self.screens if s.key == key)

    def show_screen(self, key_or_index: str | int) -> None:
        i = key_or_index if isinstance(key_or_index, int) else [s.key for s in self.screens].index(key_or_index)
        self.nav.setCurrentRow(i)

    def _switch(self, row: int) -> None:
        t0 = time.perf_counter()
        self.stack.setCurrentIndex(row)
        self.last_switch_ms = (time.perf_counter() - t0) * 1000

    def _build_actions(self) -> None:
        mb = self.menuBar()
        m_file = mb.addMenu(tr("&Bestand"))

        def action(menu: Any, text: str, slot: Any, shortcut: Any = None) -> QAction:
            a = QAction(text, self)
            if shortcut is not None:
                a.setShortcut(QKeySequence(shortcut))
            a.triggered.connect(slot)
            menu.addAction(a)
            return a

        self.new_action = action(m_file, tr("&Nieuw project uit forecast…"),
                                 self.ask_new_from_forecast, QKeySequence.StandardKey.New)
        self.open_action = action(m_file, tr("&Openen…"), self.ask_open, QKeySequence.StandardKey.Open)
        self.demo_action = action(m_file, tr("&Demo-project openen"), self.open_demo)
        self.recent_menu = m_file.addMenu(tr("&Recente bestanden"))
        self._fill_recent()
        m_file.addSeparator()
        self.save_action = action(m_file, tr("Op&slaan"), self.save, QKeySequence.StandardKey.Save)
        self.save_as_action = action(m_file, tr("Opslaan &als…"), self.save_as, QKeySequence("Ctrl+Shift+S"))
        self.rename_action = action(m_file, tr("Project &hernoemen…"), self.ask_rename_project)
        m_file.addSeparator()
        action(m_file, tr("Forecast &importeren…"), lambda: self.forecast_screen.ask_import(), QKeySequence("Ctrl+I"))
        action(m_file, tr("&Medewerkers importeren…"), lambda: self.agents_screen.ask_import())
        self.template_action = action(m_file, tr("Sjabloon medewerkers e&xporteren…"),
                                      lambda: self.agents_screen.ask_export_template())
        self.import_roster_action = action(m_file, tr("Rooster importeren &uit Excel…"),
                                           lambda: self.roster_screen.ask_import_workbook())
        action(m_file, tr("&Wensformulieren importeren…"), lambda: self.wishes_screen.ask_import())
        action(m_file, tr("&Exporteren…"), lambda: self.show_screen("export"), QKeySequence("Ctrl+E"))
        self.print_action = action(m_file, tr("Rooster afdru&kken / PDF…"), lambda: self.export_screen.ask_print(),
                                   QKeySequence.StandardKey.Print)
        m_file.addSeparator()
        action(m_file, tr("Afs&luiten"), self.close, QKeySequence.StandardKey.Quit)

        m_edit = mb.addMenu(tr("Be&werken"))
        self.undo_action = action(m_edit, tr("&Ongedaan maken"), self.doc.undo, QKeySequence.StandardKey.Undo)
        self.redo_action = action(m_edit, tr("Opn&ieuw"), self.doc.redo, QKeySequence.StandardKey.Redo)

        m_view = mb.addMenu(tr("&Beeld"))
        for i, s in enumerate(self.screens):
            action(m_view, s.title(), lambda _c=False, i=i: self.show_screen(i), QKeySequence(f"Ctrl+{i + 1}"))
        m_view.addSeparator()
        m_lang = m_view.addMenu(tr("&Taal"))
        action(m_lang, "Nederlands", lambda: self.set_language("nl"))
        action(m_lang, "English", lambda: self.set_language("en"))

        m_scenario = mb.addMenu(tr("Sce&nario"))
        action(m_scenario, tr("&Nieuw scenario (kopie van het actieve)…"), self.ask_add_scenario)
        self.scenario_settings_action = action(m_scenario, tr("&Instellingen van dit scenario…"),
                                               self.ask_scenario_settings)
        self.compare_action = action(m_scenario, tr("Scenario's &vergelijken…"), self.ask_compare_scenarios,
                                     QKeySequence("Ctrl+Shift+V"))

        m_roster = mb.addMenu(tr("&Rooster"))
        action(m_roster, tr("&Optimaliseer"), self.optimise, QKeySequence("Ctrl+R"))
        action(m_roster, tr("&Publiceren"), self.publish)

        m_help = mb.addMenu(tr("&Help"))
        action(m_help, tr("&Over kcroster"), self.about)

    def _build_status(self) -> None:
        sb = self.statusBar()
        self.scenario_label = QLabel()
        self.state_label = QLabel()
        self.state_label.setObjectName("Badge")
        self.autosave_warning = QLabel("⚠ " + tr("Herstelkopie mislukt"))
        self.autosave_warning.setStyleSheet(f"color: {theme.SHORTAGE};")
        self.autosave_warning.hide()
        sb.addPermanentWidget(self.autosave_warning)
        sb.addPermanentWidget(self.scenario_label)
        sb.addPermanentWidget(self.state_label)

    # -- state updates -------------------------------------------------------------------------
    def _project_replaced(self) -> None:
        self.doc.prefetch(self)
        self._fill_scenarios()
        self._update_status()
        self._show_project_name()

    def _show_project_name(self) -> None:
        p = self.doc.project
        self.project_label.setText(p.name if p else "")
        self._update_title()

    def _fill_scenarios(self) -> None:
        p = self.doc.project
        self.scenarios.blockSignals(True)
        self.scenarios.clear()
        if p is not None:
            for sc in p.scenarios:
                self.scenarios.addItem(sc.name)
            self.scenarios.setCurrentRow(p.active_scenario)
        self.scenarios.blockSignals(False)

    def _scenario_picked(self, row: int) -> None:
        if row >= 0 and self.doc.project is not None:
            try:
                if self.doc.busy:
                    raise ValueError(tr("Even geduld: de optimalisatie loopt nog."))
                self.doc.set_active_scenario(row)
            except ValueError as exc:
                self.statusBar().showMessage(str(exc), 5000)
                self._fill_scenarios()

    def ask_add_scenario(self) -> None:
        if self.doc.project is None:
            return
        name, ok = QInputDialog.getText(
            self,
            tr("Nieuw scenario"),
            tr("Naam van het scenario (kopie van het actieve):"),
            text=tr("Scenario {n}").format(n=len(self.doc.project.scenarios) + 1),
        )
        if ok and name.strip():
            try:
                self.doc.add_scenario(name.strip())
            except ValueError as exc:
                self.statusBar().showMessage(str(exc), 6000)

    def ask_scenario_settings(self) -> None:
        """The active scenario's own targets, shrinkage, forecast factors and agents (a dialog
        over the window; each change is an undoable edit)."""
        from kcroster.gui.views.scenarios import ScenarioSettingsDialog

        if self.doc.project is None:
            return
        self._replace_dialog("scenario_dialog", ScenarioSettingsDialog(self.doc, self))

    def ask_compare_scenarios(self) -> None:
        """2–4 scenarios side by side; the active scenario stays the active one."""
        from kcroster.gui.views.scenarios import ScenarioCompareDialog

        if self.doc.project is None:
            return
        self._replace_dialog("compare_dialog", ScenarioCompareDialog(self.doc, self))

    def _replace_dialog(self, name: str, dialog: Any) -> None:
        old = getattr(self, name, None)
        if old is not None:
            old.deleteLater()
        setattr(self, name, dialog)
        dialog.open()

    def ask_rename_scenario(self, index: int) -> None:
        p = self.doc.project
        if p is None or not 0 <= index < len(p.scenarios):
            return
        name, ok = QInputDialog.getText(
            self, tr("Scenario hernoemen"), tr("Nieuwe naam:"), text=p.scenarios[index].name
        )
        if ok and name.strip() and name.strip() != p.scenarios[index].name:
            self._apply_scenario_edit(RenameScenario(index, name.strip()))

    def ask_rename_project(self) -> None:
        """Bestand → Project hernoemen: an undoable edit; the title and the side panel follow."""
        p = self.doc.project
        if p is None:
            return
        name, ok = QInputDialog.getText(self, tr("Project hernoemen"), tr("Nieuwe naam:"), text=p.name)
        if not ok or name.strip() == p.name:
            return
        try:
            self.doc.apply(RenameProject(name))
        except ValueError as exc:
            self.statusBar().showMessage(tr("Niet hernoemd: {reden}").format(reden=exc), 6000)

    def ask_remove_scenario(self, index: int) -> None:
        p = self.doc.project
        if p is None or not 0 <= index < len(p.scenarios):
            return
        answer = QMessageBox.question(
            self, tr("Scenario verwijderen"),
            tr("Scenario '{naam}' met zijn rooster verwijderen? Ongedaan maken (Ctrl+Z) zet het terug.").format(
                naam=p.scenarios[index].name))
        if answer == QMessageBox.StandardButton.Yes:
            self._apply_scenario_edit(RemoveScenario(index))

    def _apply_scenario_edit(self, edit: Any) -> None:
        try:
            self.doc.apply(edit)
        except (ValueError, KeyError) as exc:
            self.statusBar().showMessage(str(exc), 6000)

    def _scenario_menu(self, pos: Any) -> None:
        p = self.doc.project
        row = self.scenarios.indexAt(pos).row()
        if p is None:
            return
        menu = QMenu(self)
        menu.addAction(tr("Nieuw scenario (kopie van het actieve)…"), self.ask_add_scenario)
        menu.addAction(tr("Instellingen van dit scenario…"), self.ask_scenario_settings)
        menu.addAction(tr("Scenario's vergelijken…"), self.ask_compare_scenarios)
        if row >= 0:
            menu.addAction(tr("Hernoemen…"), lambda: self.ask_rename_scenario(row))
            remove = menu.addAction(tr("Verwijderen…"), lambda: self.ask_remove_scenario(row))
            remove.setEnabled(len(p.scenarios) > 1)
        menu.popup(self.scenarios.viewport().mapToGlobal(pos))
        self.scenario_menu = menu

    def state_text(self) -> tuple[str, str]:
        state = self.doc.roster_state()
        if state is None:
            return tr("geen rooster"), "#8c959f"
        return {
            RosterStatus.DRAFT: (tr("concept"), theme.ACCENT),
            RosterStatus.PUBLISHED: (tr("gepubliceerd"), theme.SURPLUS),
            RosterStatus.CHANGED: (tr("gewijzigd na publicatie"), theme.WARNING),
        }[state]

    def _update_status(self, *args: object) -> None:
        p = self.doc.project
        self.scenario_label.setText(tr("Scenario: {naam}").format(naam=p.scenario.name) if p else tr("Geen project"))
        text, colour = self.state_text()
        self.state_label.setText(text)
        self.state_label.setStyleSheet(f"background: {colour};")

    def _update_title(self, *args: object) -> None:
        p = self.doc.project
        name = p.name if p else tr("geen project")
        if self.doc.path is not None and self.doc.path.stem != name:  # renamed: say which file
            name = f"{name} ({self.doc.path.name})"
        ro = f" [{tr('alleen-lezen')}]" if self.doc.read_only else ""
        self.setWindowTitle(f"{name}{ro}[*] — kcroster")
        self.setWindowModified(self.doc.dirty)

    def _update_undo(self) -> None:
        h = self.doc.history
        self.undo_action.setEnabled(bool(h and h.can_undo))
        self.redo_action.setEnabled(bool(h and h.can_redo))
        self.undo_action.setText(tr("&Ongedaan maken") + (f": {h.undo_label}" if h and h.can_undo else ""))
        self.redo_action.setText(tr("Opn&ieuw") + (f": {h.redo_label}" if h and h.can_redo else ""))

    # -- files ---------------------------------------------------------------------------------
    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self.settings.recent_files:
            a = self.recent_menu.addAction(path)
            a.triggered.connect(lambda _c=False, p=path: self.open_path(Path(p)))
        self.recent_menu.setEnabled(bool(self.settings.recent_files))

    def _remember(self, path: Path) -> None:
        self.settings.add_recent(path)
        self._fill_recent()
        self.save_settings()

    def save_settings(self) -> bool:
        """Write the settings file. A failure (config folder read-only or full) is said in the
        status bar instead of swallowed: the recent list, language or layout is then not
        remembered, and the planner should know why. ``settings_error`` keeps the last one."""
        try:
            user_settings.save_settings(self.settings)
        except OSError as exc:
            self.settings_error: OSError | None = exc
            text = tr("Instellingen niet opgeslagen: {fout}").format(fout=exc)
            self.statusBar().showMessage(text, 15000)
            return False
        self.settings_error = None
        return True

    def show_notices(self, title: str, lines: list[str]) -> QMessageBox | None:
        """Show what the planner must know but need not answer (a project opened read-only, a
        repaired file, settings set aside) in a message box that does not block the window."""
        if not lines:
            return None
        box = QMessageBox(QMessageBox.Icon.Information, title, "\n\n".join(lines),
                          QMessageBox.StandardButton.Ok, self)
        box.setModal(False)
        box.show()  # not open(): that is window-modal and would hold the window until read
        self.last_notice = box
        return box

    # -- replacing the project: one guarded door -----------------------------------------------
    def replace_project(self, start: Callable[[], Job | None]) -> Job | None:
        """Run ``start`` (which loads another project and makes it current) only once the
        planner has saved or agreed to drop unsaved edits.

        Every way of replacing the open project goes through here — Openen, Recente bestanden,
        Nieuw project uit forecast, Demo-project openen, a project file dropped on the window or
        double-clicked in the system — so none of them can throw edits away without asking;
        closing the window asks the same question (``closeEvent``).
        """
        if not self._may_discard():
            return None
        return start()

    def _may_discard(self) -> bool:
        """True when the open project may be replaced or closed: nothing unsaved, or the planner
        saved it, or chose to discard the edits (then its recovery copy goes too, so a later
        start or open does not offer edits the planner threw away)."""
        if not self.doc.dirty or not self.confirm_close:
            return True
        answer = self.ask_save_changes()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.edit_autosave_timer.stop()
            self._discard_recovery_copy()
            return True
        return False

    def save_changes_box(self) -> QMessageBox:
        """The "save changes?" question, built but not shown (the screenshots show it too)."""
        b = QMessageBox.StandardButton
        box = QMessageBox(QMessageBox.Icon.Question, tr("Niet opgeslagen wijzigingen"),
                          tr("Wijzigingen in dit project opslaan?"), b.Save | b.Discard | b.Cancel, self)
        box.setDefaultButton(b.Save)
        return box

    def ask_save_changes(self) -> QMessageBox.StandardButton:
        """Ask "save changes?" and wait for the answer (tests replace this)."""
        return QMessageBox.StandardButton(self.save_changes_box().exec())

    def open_requested(self, path: Path) -> Job | None:
        """The system asked to open a file (macOS double-click/QFileOpenEvent, or a drop on the
        Dock icon): a project is opened after the usual "save changes?" question, a workbook is
        imported into the current project."""
        path = Path(path)
        if path.suffix.lower() in IMPORTABLE:
            return self.import_dropped([path])
        if path.suffix.lower() != ".kcroster":
            self.statusBar().showMessage(tr("Onbekend bestandstype: {naam}").format(naam=path.name), 6000)
            return None
        if self.doc.path is not None and self.doc.path.resolve() == path.resolve():
            self.raise_()
            self.activateWindow()
            return None
        return self.open_path(path)

    def ask_open(self) -> Job | None:
        def pick_and_open() -> Job | None:
            path = ask_open_file(self, tr("Project openen"), PROJECT_FILTER)
            return self._open_file(path) if path else None

        return self.replace_project(pick_and_open)

    def open_path(self, path: Path, read_only: bool = False) -> Job | None:
        """Open a project file in the background (after "save changes?" when there are unsaved
        edits); offers the autosave when it is newer."""
        return self.replace_project(lambda: self._open_file(Path(path), read_only))

    def _open_file(self, path: Path, read_only: bool = False, take_over: bool = False) -> Job:
        """Load ``path`` and make it current; the caller has already passed the guard.
        ``take_over``: the planner agreed to take over a lock abandoned on another computer."""
        chosen = path
        recovered = False
        if not read_only:
            candidate = self.doc.backend.recovery_candidate(path)
            if candidate is not None and self.ask_recover(path):
                chosen, recovered = candidate, True

        def work(report, cancel) -> Any:
            report(tr("Project openen…"))
            project = self.doc.load(path, read_only, take_over)  # takes the real file's lock
            if recovered:
                project = self.doc.backend.open_project(chosen, read_only=True)
            return project

        def done(project: Any) -> None:
            self.doc.adopt(project, path, read_only)
            if recovered:
                self.doc._set_dirty(True)
            self._remember(path)
            self.show_notices(tr("Project openen"), self.doc.open_notices)

        def failed(exc: BaseException) -> None:
            if self.doc.backend.is_project_locked(exc):
                choice = self.ask_locked(exc)
                if choice in ("take_over", "read_only"):
                    self._open_file(path, read_only=choice == "read_only",
                                    take_over=choice == "take_over")
                return
            show_error(self, tr("Project openen"), exc)

        return run_job(self, work, title=tr("Project openen"), on_done=done, on_error=failed, cancellable=False)

    def ask_locked(self, exc: Any) -> str:
        """Another instance holds the project: 'read_only', 'take_over' (offered only for a lock
        abandoned on another computer) or 'cancel'. The question names the lock file and its
        holder (tests replace this)."""
        box = QMessageBox(QMessageBox.Icon.Warning, tr("Project is in gebruik"), str(exc),
                          parent=self)
        take = (box.addButton(tr("Vergrendeling overnemen"), QMessageBox.ButtonRole.DestructiveRole)
                if exc.can_take_over else None)
        read = box.addButton(tr("Alleen-lezen openen"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(read)
        box.exec()
        clicked = box.clickedButton()
        return "take_over" if take is not None and clicked is take else (
            "read_only" if clicked is read else "cancel")

    def ask_recover(self, path: Path) -> bool:
        """Offer the autosave that is newer than ``path`` (tests replace this)."""
        if not self.confirm_close:
            return False
        answer = QMessageBox.question(
            self, tr("Herstellen"),
            tr("Er is een automatisch opgeslagen versie van {naam} die nieuwer is dan het bestand. Herstellen?").format(
                naam=path.name))
        return answer == QMessageBox.StandardButton.Yes

    def open_demo(self) -> Job | None:
        def load_demo() -> Job:
            def work(report, cancel) -> Any:
                report(tr("Demo-project laden…"))
                return self.doc.backend.load_demo_project()

            def done(project: Any) -> None:
                self.doc.release_lock()
                self.doc.read_only = False
                self.doc.set_project(project, None)

            return run_job(self, work, title=tr("Demo-project laden"), on_done=done,
                           cancellable=False)

        return self.replace_project(load_demo)

    # -- recovery of a project without a file --------------------------------------------------
    def untitled_recovery_path(self) -> Path:
        """Where the recovery copy of a project without a file goes (the settings' recovery
        folder: the project has no folder of its own)."""
        return self.doc.backend.autosave_path(untitled_name(), user_settings.recovery_dir())

    def recover_untitled(self) -> Job | None:
        """At start: offer the recovery copy an untitled project left behind (the demo or a new
        project edited, then a crash), as a named project's copy is offered when it opens.

        Yes opens it as an untitled project with unsaved changes; No removes the copy so it is
        not offered at every start. Returns the loading job, or None when nothing was restored.
        """
        backend = self.doc.backend
        candidate = backend.recovery_candidate(untitled_name(), recovery_dir=user_settings.recovery_dir())
        if candidate is None:
            return None
        if not self.ask_recover_untitled(candidate):
            backend.discard_autosave(untitled_name(), recovery_dir=user_settings.recovery_dir())
            return None

        def work(report, cancel) -> Any:
            report(tr("Project herstellen…"))
            return self.doc.backend.open_project(candidate, read_only=True)

        def done(project: Any) -> None:
            self.doc.release_lock()
            self.doc.read_only = False
            self.doc.set_project(project, None, dirty=True)
            self.statusBar().showMessage(
                tr("Naamloos project hersteld: sla het op om het te bewaren."), 10000)

        return self.replace_project(lambda: run_job(
            self, work, title=tr("Project herstellen"), on_done=done, cancellable=False))

    def ask_recover_untitled(self, candidate: Path) -> bool:
        """Ask whether to restore the untitled project's recovery copy (tests replace this)."""
        if not self.confirm_close:
            return False
        from datetime import datetime

        when = datetime.fromtimestamp(candidate.stat().st_mtime)
        answer = QMessageBox.question(
            self, tr("Herstellen"),
            tr("kcroster werd afgesloten met een naamloos project dat niet was opgeslagen "
               "(automatisch bewaard op {tijd}). Herstellen? Nee gooit de herstelkopie weg."
               ).format(tijd=when.strftime("%d-%m-%Y %H:%M")))
        return answer == QMessageBox.StandardButton.Yes

    def _discard_recovery_copy(self) -> None:
        """Remove the open project's recovery copy (after "discard" or a save)."""
        if self.doc.path is not None:
            self.doc.backend.discard_autosave(self.doc.path)
        else:
            self.doc.backend.discard_autosave(untitled_name(), recovery_dir=user_settings.recovery_dir())

    # -- saving --------------------------------------------------------------------------------
    def save(self) -> bool:
        if self.doc.project is None:
            return False
        if self.doc.path is None or self.doc.read_only:
            return self.save_as()
        return self._save_to(None)

    def save_as(self) -> bool:
        if self.doc.project is None:
            return False
        path = ask_save_file(self, tr("Project opslaan als"), f"{self.doc.project.name}.kcroster", PROJECT_FILTER)
        if not path:
            return False
        if path.suffix != ".kcroster":
            path = path.with_name(path.name + ".kcroster")
        return self._save_to(path)

    def _save_to(self, path: Path | None) -> bool:
        was_untitled = self.doc.path is None
        try:
            saved = self.doc.save(path)
        except Exception as exc:  # noqa: BLE001 - every failure becomes a dialog
            show_error(self, tr("Opslaan"), exc)
            return False
        if path is not None:
            self.doc.read_only = False
        if was_untitled:  # the untitled recovery copy is outdated now
            self.doc.backend.discard_autosave(untitled_name(), recovery_dir=user_settings.recovery_dir())
        self.edit_autosave_timer.stop()
        self._remember(saved)
        self.statusBar().showMessage(tr("Opgeslagen: {pad}").format(pad=str(saved)), 5000)
        return True

    # -- autosave ------------------------------------------------------------------------------
    def _schedule_autosave(self) -> None:
        """A domain edit happened: write a recovery copy soon (the timer is not restarted by
        further edits, so continuous editing cannot postpone it)."""
        if not self.edit_autosave_timer.isActive():
            self.edit_autosave_timer.start()

    def _autosave_target(self) -> tuple[Any, dict[str, Any]]:
        """(path, keyword arguments) for the backend's ``autosave`` of the open project."""
        if self.doc.path is not None:
            return self.doc.path, {}
        return untitled_name(), {"recovery_dir": user_settings.recovery_dir()}

    def _may_autosave(self) -> bool:
        return self.doc.project is not None and self.doc.dirty

    def autosave(self) -> Path | None:
        """Write a recovery copy now, on this thread, when there are unsaved changes (never the
        project file itself). The timers use :meth:`autosave_in_background`."""
        if not self._may_autosave() or self.doc.busy:
            return None
        target, kwargs = self._autosave_target()
        try:
            written = self.doc.backend.autosave(self.doc.project, target, **kwargs)
        except Exception as exc:  # noqa: BLE001 - autosave must never interrupt the planner
            self._show_autosave_failure(exc)
            return None
        self._show_autosave_failure(None)
        return written

    def autosave_in_background(self) -> Job | None:
        """Write a recovery copy of the project on a worker thread.

        The window thread only pickles the project (a consistent snapshot: edits also run on
        this thread); unpickling and writing happen on the worker. Pickling is the one cost the
        window pays — about 10 ms for the demo, 0.4 s for 400 agents × 4 weeks × 3 scenarios —
        so the delay after an edit is EDIT_AUTOSAVE_MS or five times the last pickling time,
        whichever is longer: a large project keeps the window responsive while edits follow
        each other, and is on disk a few seconds after an edit. While the solver works on the
        project (``busy``), or while a previous copy is still being written, it tries again
        shortly after.
        """
        if not self._may_autosave():
            return None
        if self.autosave_job is not None:  # a copy is being written: write another one after it
            self._autosave_again = True
            return None
        if self.doc.busy:  # the solver reads the project: try again shortly
            self.edit_autosave_timer.start()
            return None
        autosave = self.doc.backend.autosave
        t0 = time.perf_counter()
        blob = pickle.dumps(self.doc.project, protocol=pickle.HIGHEST_PROTOCOL)
        snapshot_ms = (time.perf_counter() - t0) * 1000
        self.edit_autosave_timer.setInterval(autosave_delay_ms(snapshot_ms))
        target, kwargs = self._autosave_target()

        def work(report, cancel) -> Any:
            return autosave(pickle.loads(blob), target, **kwargs)

        def done(_path: Any) -> None:
            self._show_autosave_failure(None)
            if not self.doc.dirty:  # saved while the copy was written: the copy is outdated
                self._discard_recovery_copy()

        def finished() -> None:
            self.autosave_job = None
            if self._autosave_again:
                self._autosave_again = False
                self._schedule_autosave()

        job = run_job(self, work, title="autosave", on_done=done,
                      on_error=self._show_autosave_failure, show_after_ms=10**9, cancellable=False)
        self.autosave_job = job
        job.done.connect(finished)
        return job

    def _show_autosave_failure(self, exc: BaseException | None) -> None:
        """A failed recovery copy stays visible in the status bar (with the reason as tooltip)
        until one succeeds again: the planner must know that a crash would now lose edits."""
        if exc is None:
            self.autosave_warning.hide()
            return
        self.autosave_warning.setToolTip(tr("Automatisch opslaan mislukt: {fout}").format(fout=exc))
        self.autosave_warning.show()

    # -- drag and drop -------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths and all(p.suffix.lower() in (*IMPORTABLE, ".kcroster") for p in paths):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        event.acceptProposedAction()
        self.import_dropped(paths)

    def import_dropped(self, paths: list[Path]) -> Job | None:
        """Dropped files: a project opens; workbooks import into what the current screen shows."""
        if not paths:
            return None
        if paths[0].suffix.lower() == ".kcroster":
            return self.open_path(paths[0])
        if self.doc.project is None:
            return None
        key = self.screens[self.stack.currentIndex()].key
        if key == "wishes":
            return self.wishes_screen.import_files(paths)
        if key == "agents":
            return self.agents_screen.import_file(paths[0])
        self.show_screen("forecast")
        return self.forecast_screen.import_file(paths[0])

    # -- roster --------------------------------------------------------------------------------
    def optimise(self) -> None:
        self.show_screen("roster")
        self.roster_screen.optimise()

    def publish(self) -> None:
        try:
            self.doc.apply(PublishRoster(os.environ.get("USERNAME") or os.environ.get("USER")))
        except ValueError as exc:
            self.statusBar().showMessage(str(exc), 6000)
            return
        self.statusBar().showMessage(tr("Rooster gepubliceerd: latere wijzigingen worden gemarkeerd."), 6000)

    def ask_new_from_forecast(self) -> Job | None:
        def pick_and_import() -> Job | None:
            path = ask_open_file(self, tr("Nieuw project uit forecast"), "Excel (*.xlsx *.xlsm);;CSV (*.csv)")
            return self._new_from_forecast(path, wizard=True) if path else None

        return self.replace_project(pick_and_import)

    def new_from_forecast(self, path: Path) -> Job | None:
        """A new, untitled project from a forecast file (after "save changes?")."""
        return self.replace_project(lambda: self._new_from_forecast(Path(path)))

    def _new_from_forecast(self, path: Path, wizard: bool = False) -> Job:
        """Read the forecast in the background, then (``wizard``: after the planner checked the
        new project wizard) handle its gaps and make it the open, untitled project."""
        def work(report, cancel) -> Any:
            report(tr("Bestand inlezen: {naam}").format(naam=path.name))
            return self.doc.backend.import_forecast(None, path)

        def open_new(project: Any) -> None:
            self.doc.release_lock()
            self.doc.read_only = False
            self.doc.set_project(project, None, dirty=True)
            self.show_screen("forecast")
            self.forecast_screen.show_import_notes(path.name, project)

        def gaps_then_open(project: Any) -> None:  # gaps in the file: the planner chooses first
            from kcroster.gui.views.forecast_gaps import ask_about_forecast_gaps

            ask_about_forecast_gaps(self, self.doc.backend, project, path.name, open_new)

        def done(project: Any) -> None:
            if wizard:
                self._ask_new_project(project, path, gaps_then_open)
            else:
                gaps_then_open(project)

        return run_job(self, work, title=tr("Nieuw project uit forecast"), on_done=done, cancellable=False)

    def _ask_new_project(self, project: Any, path: Path, proceed: Callable[[Any], None]) -> None:
        """The new project wizard on the forecast just read; Voltooien hands the project with the
        planner's choices to ``proceed``, Annuleren leaves the open project as it was."""
        from kcroster.gui.views.new_project_wizard import NewProjectWizard

        if self.new_project_wizard is not None:
            self.new_project_wizard.deleteLater()
        wizard = self.new_project_wizard = NewProjectWizard(project, path, self.doc.backend, self)
        wizard.accepted.connect(lambda: proceed(wizard.apply_to(project)))
        wizard.open()

    # -- misc ----------------------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        self.settings.language = lang
        if not self.save_settings():
            text = tr("De taal kon niet worden bewaard: {fout}")
            QMessageBox.warning(self, "kcroster", text.format(fout=self.settings_error))
            return
        QMessageBox.information(self, "kcroster", tr("De taal wordt gewijzigd bij de volgende start van kcroster."))

    def about(self) -> None:
        QMessageBox.about(self, tr("Over kcroster"), tr("kcroster — personeelsplanning voor klantcontactcentra."))

    def restore_layout(self) -> None:
        if self.settings.window_geometry:
            self.restoreGeometry(QByteArray.fromBase64(self.settings.window_geometry.encode()))
        if self.settings.window_state:
            # toolbars/docks; a state from an incompatible version is simply ignored by Qt
            self.restoreState(QByteArray.fromBase64(self.settings.window_state.encode()), STATE_VERSION)
        if 0 <= self.settings.last_screen < len(self.screens):
            self.show_screen(self.settings.last_screen)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._may_discard():
            event.ignore()
            return
        job = self.roster_screen.job
        if job is not None:
            job.cancel()
            job.wait(10)
        self.settings.window_geometry = bytes(self.saveGeometry().toBase64().data()).decode()
        self.settings.window_state = bytes(self.saveState(STATE_VERSION).toBase64().data()).decode()
        self.settings.last_screen = self.stack.currentIndex()
        if not self.save_settings() and self.confirm_close:  # the status bar closes with us
            QMessageBox.warning(self, "kcroster", tr("Instellingen niet opgeslagen: {fout}").format(
                fout=self.settings_error))
        self.doc.release_lock()
        event.accept()
