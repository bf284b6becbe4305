"""Medewerkers screen: the agents table with inline editing, and per agent a panel with leave
and the reintegration plan (restrictions and dates only) with its Wet Poortwachter timeline."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kcroster.gui import fmt, theme
from kcroster.gui.i18n import language, tr
from kcroster.gui.models.agents_model import AgentsModel
from kcroster.gui.views.base import Screen, card, hint
from kcroster.gui.views.common import ask_open_workbooks, import_into_project
from kcroster.gui.widgets.timeline import PoortwachterTimeline
from kcroster.model import ReintegrationStep
from kcroster.model.poortwachter import (
    AlertLevel,
    DeadlineKind,
    SickPeriod,
    poortwachter_alerts,
    poortwachter_deadlines,
)


def sick_periods(steps: list[ReintegrationStep]) -> list[SickPeriod]:
    """The sick periods a plan implies: each distinct first sick day starts one (still open).

    The model keeps only ``first_sick_day`` per step; with several, the later ones are separate
    periods that the Poortwachter rules add up when less than four weeks apart.
    """
    starts = sorted({s.first_sick_day for s in steps if s.first_sick_day is not None})
    return [SickPeriod(d) for d in starts]


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
        self.search.setMinimumWidth(240)
        self.import_button = QPushButton(tr("Medewerkers importeren…"))
        self.import_button.clicked.connect(self.ask_import)
        self.toolbar.addWidget(self.search)
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
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

        panel = QWidget()
        pl = QVBoxLayout(panel)
        pl.setContentsMargins(0, 0, 0, 0)
        info, il = card(None)
        self.agent_title = QLabel()
        f = self.agent_title.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.2)
        self.agent_title.setFont(f)
        self.agent_info = QLabel()
        self.agent_info.setWordWrap(True)
        il.addWidget(self.agent_title)
        il.addWidget(self.agent_info)
        leave_card, ll = card(tr("Verlof en afwezigheid"))
        self.leave_list = QListWidget()
        self.leave_list.setMaximumHeight(90)
        ll.addWidget(self.leave_list)
        reint, rl = card(tr("Re-integratie (Wet verbetering poortwachter)"))
        rl.addWidget(hint(tr("Alleen beperkingen en data — nooit een diagnose of klacht (AVG).")))
        self.steps = QTableWidget(0, 6)
        self.steps.setHorizontalHeaderLabels([tr("Vanaf"), tr("Max. u/week"), tr("Max. u/dag"), tr("Dagen"), tr("Venster"),
                                              tr("Taken")])
        self.steps.verticalHeader().setVisible(False)
        self.steps.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.steps.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.steps.verticalHeader().setDefaultSectionSize(26)
        rl.addWidget(self.steps)
        self.timeline = PoortwachterTimeline()
        rl.addWidget(self.timeline)
        self.alerts = QListWidget()
        self.alerts.setMaximumHeight(150)
        rl.addWidget(self.alerts)
        pl.addWidget(info)
        pl.addWidget(leave_card)
        pl.addWidget(reint, 1)
        rl.addStretch(1)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(panel)
        split.setSizes([720, 520])
        self.body.addWidget(split, 1)
        doc.edited.connect(self._on_edited)

    def _apply(self, edit) -> None:
        try:
            self.doc.apply(edit)
        except (ValueError, KeyError) as exc:
            self.status(str(exc))

    def _on_edited(self, changed) -> None:
        if changed.kind == "agents":
            if self.isVisible():
                self.model.refresh_agents(set(changed.agent_ids))
                self._row_changed()
            else:
                self._stale = True

    def ask_import(self) -> None:
        paths = ask_open_workbooks(self, tr("Medewerkers importeren"))
        if paths:
            self.import_file(paths[0])

    def import_file(self, path: Path):
        return import_into_project(self.window_, self.doc, tr("Medewerkers importeren"), self.doc.backend.import_agents, path,
                                   lambda _p: self.status(tr("Medewerkers ingelezen uit {naam}").format(naam=path.name)))

    def refresh(self) -> None:
        p = self.doc.project
        assert p is not None
        extra: dict[str, list[str]] = {}
        for lv in p.leave:
            extra.setdefault(lv.agent_id, [])
            if tr("verlof") not in extra[lv.agent_id]:
                extra[lv.agent_id].append(tr("verlof"))
        for aid in {s.agent_id for s in p.reintegration}:
            extra.setdefault(aid, []).append(tr("re-integratie"))
            alerts = self._alerts_for(aid)
            if any(a.level is AlertLevel.PASSED for a in alerts):
                extra[aid].append("⚠ " + tr("termijn verlopen"))
            elif alerts:
                extra[aid].append("⏰ " + tr("termijn nadert"))
        self.model.set_agents(p.agents, {k: ", ".join(v) for k, v in extra.items()})
        self.table.resizeColumnsToContents()
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            # open on the first agent with a reintegration plan: that panel needs attention most
            ids = [a.id for a in p.agents]
            first = next((ids.index(s.agent_id) for s in p.reintegration if s.agent_id in ids), 0)
            self.table.selectRow(self.proxy.mapFromSource(self.model.index(first, 0)).row())
        self._row_changed()

    def _alerts_for(self, agent_id: str):
        p = self.doc.project
        assert p is not None
        periods = sick_periods(p.reintegration_plan(agent_id))
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
            self.agent_title.setText(tr("Geen medewerker gekozen"))
            return
        self.agent_title.setText(f"{a.name} ({a.id})")
        self.agent_info.setText(tr("{uren} uur per week · max. {dagen} dagen · vaardigheden: {skills}").format(
            uren=fmt.num(a.contract_hours, 1), dagen=a.max_days_per_week or "–", skills=", ".join(a.skills) or "–"))
        self.leave_list.clear()
        for lv in sorted((x for x in p.leave if x.agent_id == a.id), key=lambda x: x.start):
            self.leave_list.addItem(f"{fmt.full_date(lv.start)} {fmt.clock(lv.start)} – {fmt.full_date(lv.end)} {fmt.clock(lv.end)} · {lv.label}")
        if self.leave_list.count() == 0:
            self.leave_list.addItem(tr("Geen verlof in deze periode"))
        steps = p.reintegration_plan(a.id)
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
        periods = sick_periods(steps)
        deadlines = poortwachter_deadlines(periods)
        first = periods[0].start if periods else None
        self.timeline.set_deadlines(first, deadlines, self.today)
        self.alerts.clear()
        if not steps:
            self.alerts.addItem(tr("Geen re-integratieplan"))
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
