"""Medewerkers screen: the agents table with inline editing, adding an agent (a small dialog:
number, name, team, contract hours, days per week, skills from the project's queues) and removing
one with everything of theirs (after a question; undoable), and per agent a panel with leave
and the reintegration plan (restrictions and dates only) with its Wet Poortwachter timeline."""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kcroster.edits import AddAgent, RemoveAgent, SetReintegrationStep, SetSickPeriod
from kcroster.gui import fmt, theme
from kcroster.gui.i18n import language, plural, tr
from kcroster.gui.jobs import Job, run_job
from kcroster.gui.models.agents_model import AgentsModel
from kcroster.gui.views.base import Screen, card, hint
from kcroster.gui.views.common import (
    ImportNotes,
    ask_open_workbooks,
    ask_save_file,
    import_into_project,
)
from kcroster.gui.widgets.timeline import PoortwachterTimeline
from kcroster.model import Agent, Project, ReintegrationStep
from kcroster.model.poortwachter import (
    AlertLevel,
    DeadlineKind,
    SickPeriod,
    poortwachter_alerts,
    poortwachter_deadlines,
)


def sick_periods(steps: list[ReintegrationStep]) -> list[SickPeriod]:
    """The sick periods a plan implies when none were entered: each distinct first sick day
    starts one (still open); the Poortwachter rules add them up when less than four weeks apart."""
    starts = sorted({s.first_sick_day for s in steps if s.first_sick_day is not None})
    agent = steps[0].agent_id if steps else ""
    return [SickPeriod(d, None, agent) for d in starts]


def agent_sick_periods(project: Project, agent_id: str) -> list[SickPeriod]:
    """The agent's entered sick periods; without any, those implied by the reintegration plan."""
    return project.sick_periods_of(agent_id) or sick_periods(project.reintegration_plan(agent_id))


# -- reading the reintegration table's cells (Dutch input, as shown) -------------------------------
_DAY_NAMES = {
    n: i
    for names in (("ma", "di", "wo", "do", "vr", "za", "zo"), ("mon", "tue", "wed", "thu", "fri", "sat", "sun"))
    for i, n in enumerate(names)
}
_EMPTY = {"", "-", "–", "—"}


def parse_date(text: str) -> date:
    t = text.strip()
    for fmt_ in ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(t, fmt_).date()
        except ValueError:
            pass
    raise ValueError(f"'{text}' is geen datum (dd-mm-jjjj)")


def parse_hours(text: str) -> float | None:
    t = text.strip().replace(",", ".")
    if t in _EMPTY:
        return None
    try:
        v = float(t)
    except ValueError:
        raise ValueError(f"'{text}' is geen aantal uren") from None
    if not 0 <= v <= 168:
        raise ValueError(f"{text} uur ligt buiten 0–168")
    return v


def parse_days(text: str) -> frozenset[int] | None:
    t = text.strip().lower()
    if t in _EMPTY or t in ("alle", "all"):
        return None
    out = set()
    for part in t.replace(",", " ").split():
        word = part.strip(".")
        key = word[:3] if word[:3] in _DAY_NAMES else word[:2]  # "mon"/"monday", "ma"/"maandag"
        if key not in _DAY_NAMES:
            raise ValueError(f"'{part}' is geen weekdag (ma di wo do vr za zo)")
        out.add(_DAY_NAMES[key])
    return frozenset(out) or None


def parse_window(text: str) -> tuple[time, time] | None:
    t = text.strip()
    if t in _EMPTY:
        return None
    parts = t.replace("–", "-").replace("—", "-").split("-")
    try:
        a, b = (datetime.strptime(x.strip(), "%H:%M").time() for x in parts)
    except ValueError:
        raise ValueError(f"'{text}' is geen tijdvenster (uu:mm–uu:mm)") from None
    if b <= a:
        raise ValueError("het tijdvenster moet eindigen na het begin")
    return a, b


def parse_queues(text: str, known: list[str]) -> tuple[str, ...] | None:
    t = text.strip()
    if t in _EMPTY or t.lower() in ("alle", "all"):
        return None
    lower = {k.casefold(): k for k in known}
    out = []
    for part in t.split(","):
        name = lower.get(part.strip().casefold())
        if name is None:
            raise ValueError(f"onbekende wachtrij '{part.strip()}' (kies uit {', '.join(known)})")
        out.append(name)
    return tuple(out)


STEP_COLUMNS = ("from_date", "max_hours_week", "max_hours_day", "days", "window", "queues")


def step_with_cell(step: ReintegrationStep, column: int, text: str, known_queues: list[str]) -> ReintegrationStep:
    """A copy of ``step`` with one table cell changed (raises ``ValueError`` with a Dutch reason)."""
    name = STEP_COLUMNS[column]
    value: object
    if name == "from_date":
        value = parse_date(text)
    elif name in ("max_hours_week", "max_hours_day"):
        value = parse_hours(text)
    elif name == "days":
        value = parse_days(text)
    elif name == "window":
        value = parse_window(text)
    else:
        value = parse_queues(text, known_queues)
    return replace(step, **{name: value})


def next_agent_id(project: Project) -> str:
    """A free agent number in the project's own style: the longest letter prefix with the
    highest number + 1, zero-padded like the others (M060 → M061); ``M001`` in an empty project."""
    best: tuple[str, int, int] | None = None
    for a in project.agents:
        head = a.id.rstrip("0123456789")
        digits = a.id[len(head):]
        if digits and (best is None or int(digits) > best[1]):
            best = (head, int(digits), len(digits))
    head, number, width = best or ("M", 0, 3)
    taken = {a.id for a in project.agents}
    while True:
        number += 1
        candidate = f"{head}{number:0{width}d}"
        if candidate not in taken:
            return candidate


class AddAgentDialog(QDialog):
    """A new agent: number (a free one proposed), name, team (the project's teams, or a new
    one), contract hours, at most days per week, and the skills as one tick per queue of the
    project. :meth:`agent` is what the planner entered."""

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Medewerker toevoegen"))
        self.setMinimumWidth(380)
        form = QFormLayout(self)
        self.id_edit = QLineEdit(next_agent_id(project))
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(tr("Voor- en achternaam"))
        self.team_box = QComboBox()
        self.team_box.setEditable(True)
        self.team_box.addItems(["", *sorted({a.team for a in project.agents if a.team})])
        self.hours = QDoubleSpinBox()
        self.hours.setRange(0, 80)
        self.hours.setDecimals(1)
        self.hours.setSingleStep(2)
        self.hours.setSuffix(" " + tr("uur per week"))
        self.hours.setValue(project.fte_hours)
        self.days = QSpinBox()
        self.days.setRange(1, 7)
        self.days.setValue(5)
        self.skill_boxes: dict[str, QCheckBox] = {}
        skills = QWidget()
        sl = QVBoxLayout(skills)
        sl.setContentsMargins(0, 0, 0, 0)
        for q in project.queues:
            box = QCheckBox(q.name)
            self.skill_boxes[q.name] = box
            sl.addWidget(box)
        if project.queues:
            self.skill_boxes[project.queues[0].name].setChecked(True)
        form.addRow(tr("Nummer"), self.id_edit)
        form.addRow(tr("Naam"), self.name_edit)
        form.addRow(tr("Team"), self.team_box)
        form.addRow(tr("Contract"), self.hours)
        form.addRow(tr("Max. dagen/week"), self.days)
        form.addRow(tr("Vaardigheden"), skills)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Toevoegen"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.name_edit.textChanged.connect(self._enable_ok)
        self.id_edit.textChanged.connect(self._enable_ok)
        self._enable_ok()
        self.name_edit.setFocus()

    def _enable_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            bool(self.name_edit.text().strip() and self.id_edit.text().strip()))

    def agent(self) -> Agent:
        return Agent(self.id_edit.text().strip(), self.name_edit.text().strip(), float(self.hours.value()),
                     max_days_per_week=self.days.value(),
                     skills=tuple(q for q, box in self.skill_boxes.items() if box.isChecked()),
                     team=self.team_box.currentText().strip() or None)


class AgentsScreen(Screen):
    key = "agents"

    def title(self) -> str:
        return tr("Medewerkers")

    def __init__(self, doc, window, today: date | None = None) -> None:
        super().__init__(doc, window)
        self.today = today or date.today()
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Zoeken op naam, team of vaardigheid…"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(300)  # the placeholder stays readable beside two buttons
        self.import_button = QPushButton(tr("Medewerkers importeren…"))
        self.import_button.clicked.connect(self.ask_import)
        self.template_button = QPushButton(tr("Sjabloon exporteren…"))
        self.template_button.setToolTip(tr(
            "Excel-sjabloon voor medewerkers, verlof, wensen en re-integratie, met de "
            "wachtrijen van dit project in de keuzelijsten"))
        self.template_button.clicked.connect(self.ask_export_template)
        self.add_button = QPushButton(tr("+ Medewerker"))
        self.add_button.setToolTip(tr("Een medewerker toevoegen (ongedaan te maken)"))
        self.add_button.clicked.connect(self.ask_add_agent)
        self.remove_button = QPushButton(tr("Verwijderen…"))
        self.remove_button.setToolTip(tr("De gekozen medewerker verwijderen, met diensten, wensen en verlof "
                                         "(ongedaan te maken)"))
        self.remove_button.clicked.connect(self.ask_remove_agent)
        self.toolbar.addWidget(self.search)
        self.toolbar.addWidget(self.add_button)
        self.toolbar.addWidget(self.remove_button)
        self.toolbar.addWidget(self.template_button)
        self.toolbar.addWidget(self.import_button)

        self.model = AgentsModel(self._apply, self.status, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

        panel = QWidget()
        pl = QVBoxLayout(panel)
        pl.setContentsMargins(0, 0, 0, 0)
        info, il = card(tr("Contract"))
        self.agent_title = QLabel()
        f = self.agent_title.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.2)
        self.agent_title.setFont(f)
        self.agent_info = QLabel()
        self.agent_info.setWordWrap(True)
        il.addWidget(self.agent_info)
        leave_card, ll = card(tr("Verlof en afwezigheid"))
        self.leave_list = QListWidget()
        self.leave_list.setMaximumHeight(90)
        ll.addWidget(self.leave_list)
        reint, rl = card(tr("Re-integratie (Wet verbetering poortwachter)"))
        rl.addWidget(hint(tr("Alleen beperkingen en data — nooit een diagnose of klacht (AVG).")))
        self.steps = QTableWidget(0, 6)
        self.steps.setHorizontalHeaderLabels(
            [tr("Vanaf"), tr("Max. u/week"), tr("Max. u/dag"), tr("Dagen"), tr("Venster"), tr("Taken")]
        )
        self.steps.verticalHeader().setVisible(False)
        self.steps.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for col in (0, 4):  # dates and time windows must stay readable; the rest shares the width
            self.steps.horizontalHeader().setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.steps.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.steps.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.steps.setToolTip(tr("Dubbelklik om te wijzigen. Dagen: ma di wo …; venster: 09:00–13:00; taken: alle of "
                                 "wachtrijen met komma's; leeg of – = geen beperking."))
        self.steps.verticalHeader().setDefaultSectionSize(26)
        self.steps.itemChanged.connect(self._step_cell_edited)
        self._shown_steps: list[ReintegrationStep] = []
        self._filling = False
        rl.addWidget(self.steps)
        step_row = QHBoxLayout()
        self.add_step_button = QPushButton(tr("+ Stap"))
        self.add_step_button.setToolTip(tr("Nieuwe stap van het opbouwschema (kopie van de laatste, een week later)"))
        self.add_step_button.clicked.connect(self.add_step)
        self.remove_step_button = QPushButton(tr("Stap verwijderen"))
        self.remove_step_button.clicked.connect(self.remove_step)
        self.sick_button = QPushButton(tr("Ziekmelding…"))
        self.sick_button.setToolTip(tr("Eerste ziektedag invoeren (alleen de datum, nooit een reden)"))
        self.sick_button.clicked.connect(self.ask_report_sick)
        self.recovered_button = QPushButton(tr("Hersteld…"))
        self.recovered_button.setToolTip(tr("Laatste ziektedag van de lopende ziekteperiode invoeren"))
        self.recovered_button.clicked.connect(self.ask_recovered)
        for b in (self.add_step_button, self.remove_step_button):
            step_row.addWidget(b)
        step_row.addStretch(1)
        for b in (self.sick_button, self.recovered_button):
            step_row.addWidget(b)
        rl.addLayout(step_row)
        self.sick_label = QLabel()
        self.sick_label.setObjectName("Hint")
        self.sick_label.setWordWrap(True)
        rl.addWidget(self.sick_label)
        self.timeline = PoortwachterTimeline()
        rl.addWidget(self.timeline)
        self.alerts = QListWidget()
        self.alerts.setMaximumHeight(150)
        rl.addWidget(self.alerts)
        rl.addStretch(1)
        # the panel opens on the contract tab: a reintegration plan is health data, shown only
        # when the planner asks for it, not to whoever looks at the screen when it opens
        contract_tab = QWidget()
        cl = QVBoxLayout(contract_tab)
        cl.setContentsMargins(0, 6, 0, 0)
        cl.addWidget(info)
        cl.addWidget(leave_card)
        cl.addStretch(1)
        self.panel_tabs = QTabWidget()
        self.contract_tab, self.reintegration_tab = contract_tab, reint
        self.panel_tabs.addTab(contract_tab, tr("Contract en verlof"))
        self.panel_tabs.addTab(reint, tr("Re-integratie"))
        pl.addWidget(self.agent_title)
        pl.addWidget(self.panel_tabs, 1)

        self.import_notes = ImportNotes()
        self.body.addWidget(self.import_notes)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(panel)
        split.setSizes([720, 520])
        self.body.addWidget(split, 1)
        doc.edited.connect(self._on_edited)

    def reset(self) -> None:
        """No agent, search filter or reintegration plan of the previous project: the panel is
        empty until an agent of the new project is chosen."""
        super().reset()
        self.import_notes.clear()
        self.search.clear()
        self.model.set_agents([])
        self.table.setCurrentIndex(QModelIndex())
        self.panel_tabs.setCurrentWidget(self.contract_tab)
        self._clear_panel()

    def _clear_panel(self) -> None:
        """The agent panel with nobody chosen: no contract, leave, plan, sick periods or alerts."""
        self.agent_title.setText(tr("Geen medewerker gekozen"))
        self.remove_button.setEnabled(False)
        self.agent_info.setText("")
        self.leave_list.clear()
        self._shown_steps = []
        self._filling = True
        self.steps.setRowCount(0)
        self._filling = False
        for b in (self.add_step_button, self.remove_step_button, self.sick_button,
                  self.recovered_button):
            b.setEnabled(False)
        self.sick_label.setText("")
        self.timeline.set_deadlines(None, [], self.today)
        self.alerts.clear()

    def _apply(self, edit) -> None:
        try:
            self.doc.apply(edit)
        except (ValueError, KeyError) as exc:
            self.status(str(exc))

    def _on_edited(self, changed) -> None:
        if changed.kind == "agents":
            p = self.doc.project
            shown = [self.model.agent_at(r) for r in range(self.model.rowCount())]
            if p is not None and [a.id for a in p.agents] != [a.id for a in shown if a is not None]:
                self.mark_stale()  # an agent added or removed (or undone): the rows themselves change
            elif self.isVisible():
                self.model.refresh_agents(set(changed.agent_ids))
                self._row_changed()
            else:
                self._stale = True

    # -- adding and removing agents ---------------------------------------------------------------
    def ask_add_agent(self) -> AddAgentDialog | None:
        """Open the add-agent dialog (kept as ``add_dialog``); Toevoegen adds the agent."""
        if self.doc.project is None:
            return None
        dialog = AddAgentDialog(self.doc.project, self)
        dialog.accepted.connect(lambda: self.add_agent(dialog.agent()))
        self.add_dialog = dialog
        dialog.open()
        return dialog

    def add_agent(self, agent: Agent) -> bool:
        """Add ``agent`` (one undoable edit) and select its row; a refusal goes to the status bar."""
        try:
            self.doc.apply(AddAgent(agent))
        except (ValueError, KeyError) as exc:
            self.status(str(exc), 8000)
            return False
        self.select_agent(agent.id)
        self.status(tr("Medewerker {naam} toegevoegd").format(naam=agent.name))
        return True

    def select_agent(self, agent_id: str) -> None:
        for r in range(self.model.rowCount()):
            a = self.model.agent_at(r)
            if a is not None and a.id == agent_id:
                self.table.selectRow(self.proxy.mapFromSource(self.model.index(r, 0)).row())
                return

    def ask_remove_agent(self) -> QMessageBox | None:
        """Ask before removing the chosen agent, naming what goes with them (kept as
        ``remove_box``); Verwijderen removes, as one undoable edit."""
        p, a = self.doc.project, self.selected_agent()
        if p is None or a is None:
            return None
        n_shifts = sum(1 for sc in p.scenarios if sc.roster for s in sc.roster.shifts if s.agent_id == a.id)
        n_wishes = sum(1 for w in p.wishes if w.agent_id == a.id)
        n_leave = sum(1 for lv in p.leave if lv.agent_id == a.id)
        box = QMessageBox(QMessageBox.Icon.Question, tr("Medewerker verwijderen"),
                          tr("{naam} ({nr}) verwijderen?").format(naam=a.name, nr=a.id), parent=self)
        gone = [plural(n_shifts, tr("{n} dienst"), tr("{n} diensten")),
                plural(n_wishes, tr("{n} wens"), tr("{n} wensen")),
                plural(n_leave, tr("{n} verlofregel"), tr("{n} verlofregels"))]
        if p.reintegration_plan(a.id) or p.sick_periods_of(a.id):
            gone.append(tr("het re-integratieplan en de ziekteperioden"))
        box.setInformativeText(tr("Ook weg: {lijst}. Ongedaan maken (Ctrl+Z) zet alles terug.").format(
            lijst=", ".join(gone)))
        remove = box.addButton(tr("Verwijderen"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.buttonClicked.connect(lambda b: self.remove_agent(a.id) if b is remove else None)
        self.remove_box = box
        box.open()
        return box

    def remove_agent(self, agent_id: str) -> None:
        """Remove the agent with their shifts, wishes, leave and plan (one undoable edit)."""
        name = self.doc.project.agent(agent_id).name if self.doc.project else agent_id
        try:
            self.doc.apply(RemoveAgent(agent_id))
        except (ValueError, KeyError) as exc:
            self.status(str(exc), 8000)
            return
        self.status(tr("Medewerker {naam} verwijderd (Ctrl+Z zet terug)").format(naam=name))

    def ask_import(self) -> None:
        paths = ask_open_workbooks(self, tr("Medewerkers importeren"))
        if paths:
            self.import_file(paths[0])

    def import_file(self, path: Path):
        warnings: list[str] = []

        def read(project, p):
            return self._read_agents(project, p, warnings)

        def done(_project) -> None:
            self.status(tr("Medewerkers ingelezen uit {naam}").format(naam=path.name))
            self.import_notes.show_notes(path.name, warnings)

        return import_into_project(self.window_, self.doc, tr("Medewerkers importeren"), read, path,
                                   done)

    def _read_agents(self, project, path: Path, warnings: list[str]):
        """The backend's agents import, keeping the reader's warnings for the planner."""
        return self.doc.backend.import_agents(project, path, warnings)

    def ask_export_template(self) -> None:
        if self.doc.project is None:
            return
        path = ask_save_file(self, tr("Sjabloon medewerkers exporteren"), "medewerkers_sjabloon.xlsx",
                             "Excel (*.xlsx)")
        if path:
            self.export_template(path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx"))

    def export_template(self, path: Path) -> Job:
        """Write the agents workbook template for this project in the background.

        The drop-down lists carry the project's own queues (skills, reintegration tasks) and,
        when the project has agents, the sheets are filled with them, so the planner can edit
        the file and import it back (Medewerkers importeren).
        """
        assert self.doc.project is not None
        snapshot = copy.deepcopy(self.doc.project)
        backend = self.doc.backend

        def work(report, cancel) -> Path:
            report(tr("Werkmap schrijven…"))
            return backend.export_agents_template(snapshot, path)

        def done(_path: object) -> None:
            self.status(tr("Geëxporteerd naar {pad}").format(pad=str(path)))

        return run_job(self.window_, work, title=tr("Sjabloon medewerkers exporteren"),
                       cancellable=False, on_done=done)

    def refresh(self) -> None:
        p = self.doc.project
        assert p is not None
        extra: dict[str, list[str]] = {}
        for lv in p.leave:
            extra.setdefault(lv.agent_id, [])
            if tr("verlof") not in extra[lv.agent_id]:
                extra[lv.agent_id].append(tr("verlof"))
        for aid in sorted({s.agent_id for s in p.reintegration} | {x.agent_id for x in p.sick_periods}):
            extra.setdefault(aid, []).append(tr("re-integratie"))
            alerts = self._alerts_for(aid)
            if any(a.level is AlertLevel.PASSED for a in alerts):
                extra[aid].append("⚠ " + tr("termijn verlopen"))
            elif alerts:
                extra[aid].append("⏰ " + tr("termijn nadert"))
        self.model.set_agents(p.agents, {k: ", ".join(v) for k, v in extra.items()})
        self.table.resizeColumnsToContents()
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            # open on the first agent as listed, on the contract tab (see __init__)
            self.table.selectRow(0)
            self.panel_tabs.setCurrentWidget(self.contract_tab)
        self._row_changed()

    def _alerts_for(self, agent_id: str):
        p = self.doc.project
        assert p is not None
        periods = agent_sick_periods(p, agent_id)
        return poortwachter_alerts(poortwachter_deadlines(periods), self.today)

    def selected_agent(self):
        idx = self.table.currentIndex()
        if not idx.isValid():
            return None
        return self.model.agent_at(self.proxy.mapToSource(idx).row())

    def _row_changed(self, *args) -> None:
        p = self.doc.project
        a = self.selected_agent()
        if p is None or a is None:
            self._clear_panel()
            return
        self.agent_title.setText(f"{a.name} ({a.id})")
        self.remove_button.setEnabled(True)
        self.add_step_button.setEnabled(True)
        self.sick_button.setEnabled(True)
        self.agent_info.setText(tr("{uren} uur per week · max. {dagen} dagen · vaardigheden: {skills}").format(
            uren=fmt.num(a.contract_hours, 1), dagen=a.max_days_per_week or "–", skills=", ".join(a.skills) or "–"))
        self.leave_list.clear()
        for lv in sorted((x for x in p.leave if x.agent_id == a.id), key=lambda x: x.start):
            self.leave_list.addItem(f"{fmt.full_date(lv.start)} {fmt.clock(lv.start)} – "
                                    f"{fmt.full_date(lv.end)} {fmt.clock(lv.end)} · {lv.label}")
        if self.leave_list.count() == 0:
            self.leave_list.addItem(tr("Geen verlof in deze periode"))
        steps = p.reintegration_plan(a.id)
        self._shown_steps = steps
        self._filling = True
        self.steps.setRowCount(len(steps))
        self.steps.setFixedHeight(self.steps.horizontalHeader().height() + 4 + 26 * max(1, len(steps)))
        for r, s in enumerate(steps):
            cells = [
                fmt.full_date(s.from_date),
                "–" if s.max_hours_week is None else fmt.num(s.max_hours_week, 1),
                "–" if s.max_hours_day is None else fmt.num(s.max_hours_day, 1),
                "–" if s.days is None else " ".join(fmt.weekday_name(d) for d in sorted(s.days)),
                "–" if s.window is None else f"{fmt.clock(s.window[0])}–{fmt.clock(s.window[1])}",
                tr("alle") if s.queues is None else ", ".join(s.queues),
            ]
            for c, text in enumerate(cells):
                self.steps.setItem(r, c, QTableWidgetItem(text))
        self._filling = False
        self.remove_step_button.setEnabled(bool(steps))
        entered = p.sick_periods_of(a.id)
        periods = agent_sick_periods(p, a.id)
        self.recovered_button.setEnabled(any(x.end is None for x in entered))
        if periods:
            parts = [
                f"{fmt.full_date(x.start)} – " + (fmt.full_date(x.end) if x.end else tr("nog ziek")) for x in periods
            ]
            src = "" if entered else " " + tr("(eerste ziektedag uit het re-integratieplan)")
            self.sick_label.setText(tr("Ziekteperioden: {lijst}").format(lijst="; ".join(parts)) + src)
        else:
            self.sick_label.setText(tr("Geen ziekteperiode ingevoerd"))
        deadlines = poortwachter_deadlines(periods)
        first = periods[0].start if periods else None
        self.timeline.set_deadlines(first, deadlines, self.today)
        self.alerts.clear()
        if not steps:
            self.alerts.addItem(tr("Geen re-integratieplan"))
        if not periods:
            return
        alerts = {a.deadline: a for a in poortwachter_alerts(deadlines, self.today)}
        upcoming_eval = next((d for d in deadlines if d.kind is DeadlineKind.EVALUATION and d.due >= self.today), None)
        shown = [d for d in deadlines if d.kind is not DeadlineKind.EVALUATION or d in alerts or d is upcoming_eval]
        nl = language() == "nl"
        for d in shown:
            al = alerts.get(d)
            label = d.label_nl if nl else d.label_en
            if al is not None:
                text = ("⚠ " if al.level is AlertLevel.PASSED else "⏰ ") + (al.message_nl if nl else al.message_en)
            else:
                text = f"{tr('week')} {d.week} · {label} · {fmt.full_date(d.due)}"
            item = QListWidgetItem(text)
            if al is not None:
                item.setForeground(QColor(theme.SHORTAGE if al.level is AlertLevel.PASSED else theme.WARNING))
            elif d.due < self.today:
                item.setForeground(self.palette().placeholderText().color())
            self.alerts.addItem(item)

    # -- editing the plan and sick periods (restrictions and dates only) ------------------------
    def _step_cell_edited(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        p = self.doc.project
        r, c = item.row(), item.column()
        if p is None or not 0 <= r < len(self._shown_steps):
            return
        old = self._shown_steps[r]
        try:
            new = step_with_cell(old, c, item.text(), [q.name for q in p.queues])
            if new != old:
                self.doc.apply(SetReintegrationStep(old, new))
        except (ValueError, KeyError) as exc:
            self.status(str(exc).strip("'\""), 8000)
        self._row_changed()  # show the stored value (normalised, or unchanged when refused)

    def add_step(self) -> None:
        a = self.selected_agent()
        p = self.doc.project
        if a is None or p is None:
            return
        steps = p.reintegration_plan(a.id)
        if steps:
            last = steps[-1]
            new = replace(last, from_date=max(last.from_date + timedelta(days=7), self.today))
        else:
            first_sick = next((x.start for x in agent_sick_periods(p, a.id)), None)
            new = ReintegrationStep(
                a.id, self.today, max_hours_week=min(a.contract_hours, 12.0), first_sick_day=first_sick
            )
        self._apply(SetReintegrationStep(None, new))
        self._row_changed()

    def remove_step(self) -> None:
        rows = sorted({i.row() for i in self.steps.selectedIndexes()}) or [len(self._shown_steps) - 1]
        r = rows[0]
        if 0 <= r < len(self._shown_steps):
            self._apply(SetReintegrationStep(self._shown_steps[r], None))
            self._row_changed()

    def _ask_date(self, title: str, label: str, default: date) -> date | None:
        text, ok = QInputDialog.getText(self, title, label, text=fmt.full_date(default))
        if not ok:
            return None
        try:
            return parse_date(text)
        except ValueError as exc:
            self.status(str(exc), 8000)
            return None

    def ask_report_sick(self) -> None:
        a = self.selected_agent()
        if a is None:
            return
        d = self._ask_date(
            tr("Ziekmelding"), tr("Eerste ziektedag van {naam} (dd-mm-jjjj):").format(naam=a.name), self.today
        )
        if d is not None:
            self.report_sick(a.id, d)

    def report_sick(self, agent_id: str, first_day: date) -> None:
        self._apply(SetSickPeriod(None, SickPeriod(first_day, None, agent_id)))
        self._row_changed()

    def ask_recovered(self) -> None:
        a = self.selected_agent()
        if a is None:
            return
        d = self._ask_date(
            tr("Hersteld"), tr("Laatste ziektedag van {naam} (dd-mm-jjjj):").format(naam=a.name), self.today
        )
        if d is not None:
            self.report_recovered(a.id, d)

    def report_recovered(self, agent_id: str, last_day: date) -> None:
        p = self.doc.project
        assert p is not None
        open_ = next((x for x in reversed(p.sick_periods_of(agent_id)) if x.end is None), None)
        if open_ is None:
            self.status(tr("Er is geen lopende ziekteperiode"), 6000)
            return
        try:
            self._apply(SetSickPeriod(open_, replace(open_, end=last_day)))
        except ValueError as exc:  # recovered before the first sick day
            self.status(str(exc), 8000)
        self._row_changed()
