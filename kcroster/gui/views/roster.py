"""Rooster screen: the Gantt (edit by dragging, lock), the live rule-violation panel, and
"Optimaliseer", which solves in the background and keeps the best roster on cancel."""

from __future__ import annotations

import copy
import os
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QWidget,
)

from kcroster.edits import (
    Bulk,
    CopyShift,
    CreateShift,
    DeleteShift,
    LockShift,
    MoveShift,
    ReplaceRoster,
    SetActivity,
    SetMinQueueBlock,
    SwapShifts,
    allowed_shifts,
)
from kcroster.gui import fmt, theme
from kcroster.gui.i18n import language, plural, tr
from kcroster.gui.jobs import Job, run_job
from kcroster.gui.models.gantt_blocks import absences, public_holidays
from kcroster.gui.models.violations_model import ViolationsModel
from kcroster.gui.views.base import Screen, card
from kcroster.gui.views.common import ask_open_file, fill_day_combo
from kcroster.gui.views.solve_dialog import SolveDialog
from kcroster.gui.widgets.gantt import GanttData, GanttView
from kcroster.model import BREAK, Roster
from kcroster.rules.catalogue import rule


class Legend(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.lay = QHBoxLayout(self)
        self.lay.setContentsMargins(0, 0, 0, 0)
        self.lay.setSpacing(12)

    def set_items(self, items: list[tuple[str, Any]]) -> None:
        while self.lay.count():
            item = self.lay.takeAt(0)
            w = item.widget() if item is not None else None
            if w is not None:
                w.deleteLater()
        for name, colour in items:
            lab = QLabel(f"<span style='color:{colour.name()}; font-size:14pt'>■</span> {name}")
            self.lay.addWidget(lab)
        self.lay.addStretch(1)


class RosterScreen(Screen):
    key = "roster"

    def title(self) -> str:
        return tr("Rooster")

    def __init__(self, doc, window) -> None:
        super().__init__(doc, window)
        self.job: Job | None = None
        self.last_result: Any = None
        self._start_totals: dict[str, float] | None = None  # coverage of the roster a solve began with
        self._solved_status = ""
        self.outcome = ""  # the last solve's outcome in the planner's terms (status bar)
        self.use_subprocess = True  # the solver runs in a child process (backend.solve_in_child)
        self.auto_relax = False  # screenshots/self-test: on "infeasible" solve again with soft rules
        self._last_limit = 60.0
        self.gantt = GanttView()
        self.day_zoom = QPushButton(tr("Dag"))
        self.week_zoom = QPushButton(tr("Week"))
        group = QButtonGroup(self)
        for b in (self.day_zoom, self.week_zoom):
            b.setCheckable(True)
            group.addButton(b)
        self.week_zoom.setChecked(True)
        self.day_zoom.clicked.connect(lambda: self.gantt.set_zoom("day"))
        self.week_zoom.clicked.connect(lambda: self.gantt.set_zoom("week"))
        self.day_box = QComboBox()
        self.day_box.activated.connect(lambda _i: self.gantt.scroll_to_day(self.day_box.currentData() or 0))
        cfg = getattr(window, "settings", None)
        self.time_limit = QSpinBox()
        self.time_limit.setRange(5, 3600)
        self.time_limit.setValue(int(getattr(cfg, "solve_time_limit_s", 60) or 60))
        self.time_limit.setSuffix(" s")
        self.time_limit.setToolTip(tr("Maximale rekentijd"))
        self.workers = QSpinBox()
        self.workers.setRange(0, max(64, os.cpu_count() or 1))
        self.workers.setSpecialValueText(tr("alle"))  # 0 = every core of this computer
        self.workers.setValue(max(0, int(getattr(cfg, "solve_workers", 0) or 0)))
        self.workers.setToolTip(tr("Aantal rekenkernen voor de optimalisatie (alle = {n} op deze computer)").format(
            n=os.cpu_count() or 1))
        self.min_block = QSpinBox()
        self.min_block.setRange(0, 240)
        self.min_block.setSingleStep(15)
        self.min_block.setSuffix(" min")
        self.min_block.setSpecialValueText(tr("geen"))
        self.min_block.setToolTip(tr("Minimale bloklengte per wachtrij: zo lang blijft een medewerker op één "
                                     "wachtrij voordat hij wisselt (geen = geen minimum)"))
        self.min_block.editingFinished.connect(self._min_block_changed)
        self.solve_button = QPushButton(tr("Optimaliseer"))
        self.solve_button.setObjectName("Primary")
        self.solve_button.clicked.connect(self.optimise)
        for w in (QLabel(tr("Zoom")), self.day_zoom, self.week_zoom, QLabel(tr("Ga naar")), self.day_box,
                  QLabel(tr("Rekentijd")), self.time_limit, QLabel(tr("Kernen")), self.workers,
                  QLabel(tr("Blok")), self.min_block, self.solve_button):
            self.toolbar.addWidget(w)

        # which agents the Gantt shows: a name search and a team or skill
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Zoek medewerker"))
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(260)
        self.search.textChanged.connect(lambda _t: self.refresh_now())
        self.group_box = QComboBox()
        self.group_box.setToolTip(tr("Toon alleen de medewerkers van een team of met een vaardigheid"))
        self.group_box.activated.connect(lambda _i: self.refresh_now())
        self.shown_label = QLabel()
        self.shown_label.setObjectName("Hint")
        filters = QHBoxLayout()
        for w in (self.search, self.group_box, self.shown_label):
            filters.addWidget(w)
        filters.addStretch(1)
        self.body.addLayout(filters)
        self.legend = Legend()
        self.body.addWidget(self.legend)
        self.gantt.moveRequested.connect(self.on_move)
        self.gantt.swapRequested.connect(self.on_swap)
        self.gantt.lockRequested.connect(self.on_lock)
        self.gantt.contextRequested.connect(self.on_context)
        self.gantt.selectionChanged.connect(self._selection_changed)
        self.gantt.deleteRequested.connect(lambda aid, day: self._apply(DeleteShift(aid, day)))
        self.gantt.lockedRefused.connect(self._locked_refused)
        self.gantt.createRequested.connect(self.on_create)
        self.gantt.bulkRequested.connect(self.on_bulk)
        self.gantt.bulkContextRequested.connect(self.on_bulk_context)

        panel, pl = card(tr("Regelcontrole"))
        self.violations_label = QLabel()
        pl.addWidget(self.violations_label)
        self.violations = ViolationsModel(self)
        self.violations_view = QTableView()
        self.violations_view.setModel(self.violations)
        self.violations_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.violations_view.verticalHeader().setVisible(False)
        self.violations_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.violations_view.horizontalHeader().setStretchLastSection(True)
        self.violations_view.setWordWrap(False)
        self.violations_view.verticalHeader().setDefaultSectionSize(22)
        self.violations_view.clicked.connect(self._goto_violation)
        pl.addWidget(self.violations_view)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.gantt)
        split.addWidget(panel)
        split.setSizes([520, 170])
        self.body.addWidget(split, 1)
        self.hint = QLabel(
            tr(
                "Sleep een dienst om hem te verplaatsen, sleep een rand om hem korter of langer te maken, "
                "sleep naar een andere medewerker om te ruilen; dubbelklik of L zet een dienst vast."
            )
            + " "
            + tr(
                "Pijltjes links/rechts schuiven de gekozen dienst een interval (met Shift een uur), "
                "pijltjes omhoog/omlaag kiezen een andere medewerker, Delete verwijdert de dienst."
            )
            + " "
            + tr(
                "Sleep over een lege dag voor een nieuwe dienst (of klik rechts); Ctrl+klik, "
                "Shift+klik of Ctrl+slepen kiest meer diensten tegelijk."
            )
        )
        self.hint.setObjectName("Hint")
        self.hint.setWordWrap(True)
        self.body.addWidget(self.hint)
        doc.rosterChanged.connect(self.mark_stale)

    # -- refresh -------------------------------------------------------------------------------
    def reset(self) -> None:
        """No Gantt rows, selection, scroll position, findings or solve result of the previous
        project."""
        super().reset()
        self.gantt.data = None
        self.gantt.selected = None
        self.gantt.selection = set()
        self.gantt.flagged_agents = set()
        self.gantt.verticalScrollBar().setValue(0)
        self.gantt.horizontalScrollBar().setValue(0)
        self.gantt.viewport().update()
        self.legend.set_items([])
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.group_box.clear()
        self.shown_label.setText("")
        self.day_box.clear()
        self.violations.set_violations([], {})
        self.violations_label.setText("")
        self.last_result = None
        self.outcome = ""

    def refresh(self) -> None:
        p = self.doc.project
        assert p is not None
        names = [q.name for q in p.queues]
        colours = [theme.queue_colour(i, q.color) for i, q in enumerate(p.queues)]
        self._fill_group_box(p)
        agents = self.shown_agents()
        members = len(self.scenario_agents())
        self.shown_label.setText(tr("{n} van {t} medewerkers").format(n=len(agents), t=members)
                                 if len(agents) != members else "")
        data = GanttData.build(self.doc.roster, [a.id for a in agents], [a.name for a in agents], names, p.horizon,
                               absences(p), public_holidays(p.horizon.dates, language()))
        v = self.gantt.verticalScrollBar().value()
        h = self.gantt.horizontalScrollBar().value()
        self.gantt.set_data(data, p.horizon, colours)
        self.gantt.verticalScrollBar().setValue(v)
        self.gantt.horizontalScrollBar().setValue(h)
        self.legend.set_items([*zip(names, colours, strict=True), (tr("Pauze"), theme.break_colour())])
        fill_day_combo(self.day_box, p.horizon, with_weeks=True)
        self.min_block.blockSignals(True)
        self.min_block.setValue(p.shift_rules.min_queue_block_minutes)
        self.min_block.blockSignals(False)
        self.refresh_violations()

    def _fill_group_box(self, p) -> None:
        """"Alle medewerkers", then every team and every skill of the project; the choice stays
        when it still exists (a refresh after an edit must not drop the planner's filter)."""
        choices = [(tr("Alle medewerkers"), "")]  # item data: "" or "team:<name>" / "skill:<name>"
        choices += [(tr("Team: {naam}").format(naam=t), f"team:{t}")
                    for t in sorted({a.team for a in p.agents if getattr(a, "team", None)})]
        choices += [(tr("Vaardigheid: {naam}").format(naam=sk), f"skill:{sk}")
                    for sk in sorted({sk for a in p.agents for sk in a.skills})]
        current = self.group_box.currentData()
        if [self.group_box.itemData(i) for i in range(self.group_box.count())] != [c[1] for c in choices]:
            self.group_box.clear()
            for text, data in choices:
                self.group_box.addItem(text, data)
        i = self.group_box.findData(current)
        self.group_box.setCurrentIndex(max(0, i))

    def scenario_agents(self) -> list:
        """The agents of the active scenario's agent set (every agent unless the scenario says)."""
        p = self.doc.project
        assert p is not None
        return [a for a in p.agents if p.scenario.takes_part(a.id)]

    def shown_agents(self) -> list:
        """The scenario's agents the Gantt shows: the name (or id) contains the search text, case
        ignored, and the agent is in the chosen team or has the chosen skill."""
        p = self.doc.project
        assert p is not None
        needle = self.search.text().strip().casefold()
        kind, _, value = (self.group_box.currentData() or "").partition(":")
        out = []
        for a in self.scenario_agents():
            if needle and needle not in a.name.casefold() and needle not in a.id.casefold():
                continue
            if (kind == "team" and getattr(a, "team", None) != value) or (kind == "skill" and value not in a.skills):
                continue
            out.append(a)
        return out

    def _min_block_changed(self) -> None:
        p = self.doc.project
        if p is not None and self.min_block.value() != p.shift_rules.min_queue_block_minutes:
            self._apply(SetMinQueueBlock(self.min_block.value()))

    def refresh_violations(self) -> None:
        p = self.doc.project
        assert p is not None
        try:
            items = self.doc.violations()
        except Exception as exc:  # noqa: BLE001 - the checker must never take the screen down
            items = []
            self.violations_label.setText(tr("Regelcontrole mislukt: {fout}").format(fout=exc))
            return
        self.violations.set_violations(items, {a.id: a.name for a in p.agents})
        self.gantt.flagged_agents = {str(v.agent_id) for v in items if getattr(v, "agent_id", None)}
        self.gantt.viewport().update()
        if self.doc.roster is None:
            self.violations_label.setText(tr("Nog geen rooster — klik op Optimaliseer."))
        elif not items:
            self.violations_label.setText("✔ " + tr("Het rooster voldoet aan alle regels."))
        else:
            errors = sum(1 for v in items if str(getattr(v, "severity", "error")).endswith("error"))
            self.violations_label.setText(
                plural(len(items), tr("{n} melding"), tr("{n} meldingen"))
                + " (" + plural(errors, tr("{n} overtreding"), tr("{n} overtredingen")) + ", "
                + plural(len(items) - errors, tr("{n} waarschuwing"), tr("{n} waarschuwingen"))
                + ")")

    # -- edits ---------------------------------------------------------------------------------
    def _apply(self, edit) -> bool:
        try:
            self.doc.apply(edit)
            return True
        except (ValueError, KeyError) as exc:
            self.status(str(exc))
            return False

    def on_move(self, agent_id: str, day: date, new_start, new_end, new_agent) -> None:
        """Move the shift; a selected shift stays selected where it went (another agent, or the
        next day when a key press carried it over midnight), so the next key press moves it on."""
        moved = self._apply(MoveShift(agent_id, day, new_start, new_end, new_agent))
        if moved and self.gantt.selected == (agent_id, day):
            tz = self.doc.project.horizon.tz if self.doc.project else new_start.tzinfo
            self.gantt.selected = (new_agent or agent_id, new_start.astimezone(tz).date())
            self.gantt.viewport().update()

    def _locked_refused(self, agent_id: str, day: date) -> None:
        """A locked shift was dragged or key-moved: say why nothing happens."""
        self.status(tr("Vastgezette dienst: ontgrendel hem eerst (L of dubbelklik)"), 8000)

    def on_swap(self, a: str, b: str, day: date) -> None:
        self._apply(SwapShifts(a, b, day))

    def on_lock(self, agent_id: str, day: date, locked: bool) -> None:
        self._apply(LockShift(agent_id, day, locked))

    def on_context(self, agent_id: str, day: date, pos: QPoint) -> None:
        """The menu of the right-clicked shift, or of the agent's empty day."""
        p = self.doc.project
        if p is None:
            return
        shift = self.doc.roster.shift_on(agent_id, day) if self.doc.roster is not None else None
        if shift is None:
            menu = self.empty_day_menu(agent_id, day)
        else:
            hz = p.horizon
            at = datetime.fromtimestamp(float(hz.starts_utc[0]) + self.gantt.context_minute * 60.0, hz.tz)
            menu = self.context_menu(agent_id, day, at)
        menu.exec(pos)
        menu.deleteLater()  # one menu per right-click: not kept by the screen

    def on_create(
        self, agent_id: str, day: date, start: datetime, end: datetime, shift_type: str | None = None
    ) -> None:
        """A new shift drawn (or chosen from the empty day's menu): one undoable edit, then the
        new shift is the selected one, so the keys move it on."""
        if self._apply(CreateShift(agent_id, day, start, end, shift_type)):
            self.gantt.set_selection({(agent_id, day)}, (agent_id, day))

    def empty_day_menu(self, agent_id: str, day: date) -> QMenu:
        """The menu of an agent's day without a shift: the shifts the agent may work that day
        (:func:`kcroster.edits.allowed_shifts` — the solver's candidates the checker accepts
        beside the rest of the roster), named shift types first, the other times grouped by
        length. Without any, a line says which rules rule them out."""
        p = self.doc.project
        assert p is not None
        tz = p.horizon.tz
        choices = allowed_shifts(p, agent_id, day)
        menu = QMenu(self)
        title = menu.addAction(tr("Nieuwe dienst op {dag}").format(dag=f"{fmt.weekday(day)} {fmt.full_date(day)}"))
        title.setEnabled(False)

        def label(s) -> str:
            return f"{fmt.clock(s.start.astimezone(tz))}–{fmt.clock(s.end.astimezone(tz))}"

        def add(target: QMenu, s, text: str) -> None:
            target.addAction(text, lambda s=s: self.on_create(agent_id, day, s.start, s.end, s.shift_type))

        for s in (s for s in choices.shifts if s.shift_type):
            add(menu, s, f"{s.shift_type} {label(s)}")
        by_length: dict[float, list] = {}
        for s in (s for s in choices.shifts if not s.shift_type):
            by_length.setdefault(s.duration_minutes, []).append(s)
        if by_length:
            menu.addSeparator()
        for minutes, shifts in sorted(by_length.items()):
            sub = menu.addMenu(tr("{uren} uur").format(uren=fmt.num(minutes / 60, 0 if minutes % 60 == 0 else 1)))
            for s in shifts:
                add(sub, s, label(s))
        if not choices.shifts:
            if choices.candidates:
                names = [rule(r).name_nl if language() == "nl" else rule(r).name_en
                         for r, _n in choices.refused.most_common(3)]
                why = tr("Geen toegestane dienst: {regels}").format(regels=", ".join(names))
            else:
                why = tr("Geen toegestane dienst op deze dag (verlof, venster, re-integratie of gesloten)")
            menu.addAction(why).setEnabled(False)
        return menu

    # -- several shifts at once ----------------------------------------------------------------
    def on_bulk(self, action: str, keys: list, value: object) -> None:
        """The Gantt's keys on a multi-selection: delete, lock/unlock or move them all by
        ``value`` minutes, as one undo step (all or nothing: a locked shift refuses a move)."""
        roster = self.doc.roster
        if roster is None or not keys:
            return
        n = len(keys)
        if action == "delete":
            self._apply(Bulk([DeleteShift(a, d) for a, d in keys],
                             plural(n, tr("{n} dienst verwijderen"), tr("{n} diensten verwijderen"))))
        elif action == "lock":
            locked = bool(value)
            self._apply(Bulk([LockShift(a, d, locked) for a, d in keys],
                             plural(n, tr("{n} dienst vastzetten"), tr("{n} diensten vastzetten")) if locked
                             else plural(n, tr("{n} dienst losmaken"), tr("{n} diensten losmaken"))))
        elif action == "move":
            self.bulk_move(keys, int(value))  # type: ignore[call-overload]

    def bulk_move(self, keys: list, minutes: int) -> None:
        """Move every selected shift by ``minutes`` (one undo step); the selection follows them,
        also over midnight."""
        p, roster = self.doc.project, self.doc.roster
        assert p is not None and roster is not None
        delta = timedelta(minutes=minutes)
        shifts = [s for s in (roster.shift_on(a, d) for a, d in keys) if s is not None]
        edits = [MoveShift(s.agent_id, s.day, s.start + delta, s.end + delta) for s in shifts]
        moved = {(s.agent_id, (s.start + delta).astimezone(p.horizon.tz).date()) for s in shifts}
        if edits and self._apply(Bulk(edits, plural(len(edits), tr("{n} dienst verschuiven"),
                                                     tr("{n} diensten verschuiven")))):
            self.gantt.set_selection(moved)

    def bulk_queue(self, keys: list, queue: str) -> None:
        """Every work block of the selected shifts on ``queue`` (one undo step); shifts of agents
        without that skill are left as they are, and the status bar says how many."""
        p, roster = self.doc.project, self.doc.roster
        assert p is not None and roster is not None
        skilled = {a.id for a in p.agents if queue in a.skills}
        edits: list = []
        skipped = 0
        for a, d in keys:
            s = roster.shift_on(a, d)
            if s is None:
                continue
            if a not in skilled:
                skipped += 1
                continue
            edits += [SetActivity(a, d, g.start, g.end, queue) for g in s.segments
                      if g.activity not in (BREAK, queue)]
        if edits:
            self._apply(Bulk(edits, tr("wachtrij wijzigen")))
        if skipped:
            self.status(plural(skipped, tr("{n} dienst overgeslagen: medewerker zonder vaardigheid {q}"),
                               tr("{n} diensten overgeslagen: medewerkers zonder vaardigheid {q}"), q=queue), 8000)

    def on_bulk_context(self, keys: list, pos: QPoint) -> None:
        menu = self.bulk_menu(keys)
        menu.exec(pos)
        menu.deleteLater()

    def bulk_menu(self, keys: list) -> QMenu:
        """The menu of a multi-selection: lock, unlock, every work block to one queue, move by
        an interval or an hour, delete — each one undo step for all selected shifts."""
        p = self.doc.project
        assert p is not None
        n = len(keys)
        menu = QMenu(self)
        menu.addAction(plural(n, tr("{n} dienst gekozen"), tr("{n} diensten gekozen"))).setEnabled(False)
        menu.addAction(tr("Vastzetten"), lambda: self.on_bulk("lock", keys, True))
        menu.addAction(tr("Losmaken"), lambda: self.on_bulk("lock", keys, False))
        to_queue = menu.addMenu(tr("Wachtrij van alle blokken"))
        for q in p.queues:
            to_queue.addAction(q.name, lambda q=q.name: self.bulk_queue(keys, q))
        step = p.horizon.interval_minutes
        move = menu.addMenu(tr("Verschuiven"))
        for minutes, text in ((-60, tr("1 uur eerder")), (-step, tr("{n} min eerder").format(n=step)),
                              (step, tr("{n} min later").format(n=step)), (60, tr("1 uur later"))):
            move.addAction(text, lambda m=minutes: self.bulk_move(keys, m))
        menu.addSeparator()
        menu.addAction(tr("Diensten verwijderen"), lambda: self.on_bulk("delete", keys, None))
        return menu

    def context_menu(self, agent_id: str, day: date, at: datetime) -> QMenu:
        """The menu of one shift, right-clicked at ``at``: lock or unlock, delete, move the block
        under the pointer to another queue the agent is skilled for, a break here (the project's
        break part, from the interval under the pointer), copy the shift to the agent's free days
        of that week. Each choice is one undoable edit; a locked shift can only be unlocked or copied."""
        p = self.doc.project
        assert p is not None and self.doc.roster is not None
        shift = self.doc.roster.shift_on(agent_id, day)
        assert shift is not None
        menu = QMenu(self)
        menu.addAction(tr("Losmaken") if shift.locked else tr("Vastzetten"),
                       lambda: self.on_lock(agent_id, day, not shift.locked))
        block = next((g for g in shift.segments if g.start <= at < g.end), None)
        agent = next((a for a in p.agents if a.id == agent_id), None)
        queues = [q.name for q in p.queues if agent is not None and q.name in agent.skills]
        to_queue = menu.addMenu(tr("Wachtrij van dit blok"))
        for q in queues:
            if block is not None and q != block.activity:
                to_queue.addAction(q, lambda q=q: self._apply(SetActivity(agent_id, day, block.start, block.end, q)))
        to_queue.setEnabled(not shift.locked and not to_queue.isEmpty())
        step = p.horizon.interval_minutes
        local = at.astimezone(p.horizon.tz)
        b0 = local.replace(minute=local.minute - local.minute % step, second=0, microsecond=0)
        length = p.shift_rules.break_minutes_short
        brk = menu.addAction(tr("Pauze hier ({van}, {n} min)").format(van=fmt.clock(b0), n=length),
                             lambda: self._apply(SetActivity(agent_id, day, b0, b0 + timedelta(minutes=length), BREAK)))
        brk.setEnabled(not shift.locked and block is not None and block.activity != BREAK)
        week = day.isocalendar()[:2]
        free = [d for d in p.horizon.dates
                if d != day and d.isocalendar()[:2] == week and self.doc.roster.shift_on(agent_id, d) is None]
        copy_to = menu.addMenu(tr("Kopiëren naar"))
        for d in free:
            copy_to.addAction(f"{fmt.weekday(d)} {fmt.full_date(d)}",
                              lambda d=d: self._apply(CopyShift(agent_id, day, [d])))
        if len(free) > 1:
            copy_to.addSeparator()
            copy_to.addAction(tr("Alle vrije dagen van deze week"), lambda: self._apply(CopyShift(agent_id, day, free)))
        copy_to.setEnabled(bool(free))
        menu.addSeparator()
        delete = menu.addAction(tr("Dienst verwijderen"), lambda: self._apply(DeleteShift(agent_id, day)))
        delete.setEnabled(not shift.locked)
        return menu

    def _selection_changed(self, key) -> None:
        if key and self.doc.roster is not None and self.doc.project is not None:
            s = self.doc.roster.shift_on(*key)
            if s is not None:
                self.status(f"{key[0]} · {fmt.day(s.day)} {fmt.clock(s.start.astimezone(self.doc.project.horizon.tz))}–"
                            f"{fmt.clock(s.end.astimezone(self.doc.project.horizon.tz))}", 4000)

    def _goto_violation(self, index) -> None:
        v = self.violations.item(index.row())
        p = self.doc.project
        if v is None or p is None:
            return
        aid = getattr(v, "agent_id", None)
        ids = self.gantt.data.agent_ids if self.gantt.data is not None else []
        if aid in ids:
            self.gantt.verticalScrollBar().setValue(max(0, ids.index(aid) * self.gantt.ROW_H - 2 * self.gantt.ROW_H))
        when = getattr(v, "when", None)
        if isinstance(when, date):
            day = when.date() if isinstance(when, datetime) else when
            if p.horizon.start <= day < p.horizon.end:
                self.gantt.scroll_to_day(p.horizon.day_index(day))

    # -- an edited planner workbook back in -----------------------------------------------------
    def ask_import_workbook(self) -> None:
        if self.doc.project is None:
            return
        path = ask_open_file(self, tr("Rooster importeren uit Excel"), "Excel (*.xlsx *.xlsm)")
        if path:
            self.import_workbook(path)

    def import_workbook(self, path: Path) -> Job | None:
        """Read the Rooster grid of a planner workbook the planner edited in Excel (in the
        background), compared with the current roster; the new roster replaces it as one
        undoable edit, the rule check runs on it, and a dialog lists what changed and which
        cells could not be read (those days keep their shift)."""
        p = self.doc.project
        if p is None:
            return None
        if self.doc.busy:
            self.status(tr("Even geduld: de optimalisatie loopt nog."))
            return None
        snapshot = copy.deepcopy(p)
        exported = snapshot.scenario.roster or Roster([])

        backend = self.doc.backend

        def work(report, cancel) -> Any:
            report(tr("Bestand inlezen: {naam}").format(naam=path.name))
            return backend.import_roster_workbook(snapshot, path, exported)

        def done(result: Any) -> None:
            if result.changes and self._apply(ReplaceRoster(result.roster)):
                self.window_.show_screen("roster")
            self._show_import_result(path, result)

        return run_job(self.window_, work, title=tr("Rooster importeren uit Excel"), on_done=done,
                       cancellable=False)

    def _show_import_result(self, path: Path, result: Any) -> None:
        tz = self.doc.project.horizon.tz if self.doc.project else None
        box = QMessageBox(self)
        box.setWindowTitle(tr("Rooster importeren uit Excel"))
        n = len(result.changes)
        text = plural(n, tr("{n} wijziging ingelezen uit {bestand}."),
                      tr("{n} wijzigingen ingelezen uit {bestand}."), bestand=path.name)
        if n:
            text += " " + tr("De regelcontrole staat hieronder op het scherm Rooster; Ongedaan "
                             "maken (Ctrl+Z) zet het vorige rooster terug.")
        if result.errors:
            text += "\n\n" + plural(len(result.errors), tr("{n} cel kon niet worden gelezen"),
                                      tr("{n} cellen konden niet worden gelezen"))
            text += " " + tr("(die dagen houden hun dienst).")
        box.setIcon(QMessageBox.Icon.Warning if result.errors else QMessageBox.Icon.Information)
        box.setText(text)
        lines = [c.describe(tz) for c in result.changes] + [str(e) for e in result.errors]
        if lines:
            box.setDetailedText("\n".join(lines))
        self.import_box = box
        box.open()

    # -- optimise ------------------------------------------------------------------------------
    def optimise(self, *, time_limit_s: float | None = None, relaxed: bool = False) -> Job | None:
        p = self.doc.project
        if p is None or self.job is not None:
            return None
        try:
            requirement = self.doc.requirement()
        except Exception as exc:  # noqa: BLE001 - shown as a dialog
            from kcroster.gui.jobs import show_error

            show_error(self, tr("Rooster optimaliseren"), exc)
            return None
        from kcroster.solver.options import CancelToken, SolveOptions

        limit = float(time_limit_s if time_limit_s is not None else self.time_limit.value())
        if time_limit_s is None:
            self._remember_solve_choice()
        workers = self.workers.value() or (os.cpu_count() or 1)
        options = SolveOptions(time_limit_s=limit, workers=workers, warm_start=self.doc.roster,
                               reference=p.scenario.published, relaxed=relaxed)
        self._last_limit = limit
        token = CancelToken()
        known = self.doc.known_coverage()
        self._start_totals = dict(known.totals) if known is not None else None
        dialog = SolveDialog(self.window_, limit, workers, self._start_totals)
        backend = self.doc.backend
        self.doc.busy = True
        self.solve_button.setEnabled(False)

        solve = backend.solve_in_child if self.use_subprocess else backend.solve_roster

        def work(report, cancel) -> Any:
            return solve(p, requirement, on_progress=report, cancel=cancel, options=options)

        def finished() -> None:
            self.doc.busy = False
            self.solve_button.setEnabled(True)
            self.job = None

        def failed(exc: BaseException) -> None:
            self.doc.busy = False
            if backend.is_cancelled_early(exc):
                self.status(
                    tr("Optimalisatie gestopt voordat er een rooster was; het huidige rooster is ongewijzigd."), 10000
                )
                return
            from kcroster.gui.jobs import show_error

            show_error(self, tr("Rooster optimaliseren"), exc, getattr(self.job, "error_traceback", ""))

        self.job = run_job(self.window_, work, title=tr("Rooster optimaliseren"), on_done=self._solved,
                           on_error=failed, cancel_token=token, dialog=dialog)
        self.job.done.connect(finished)
        self.solve_dialog = dialog
        return self.job

    def _remember_solve_choice(self) -> None:
        """The planner's time limit and core count are the default next time (settings file)."""
        cfg = getattr(self.window_, "settings", None)
        if cfg is None:
            return
        if (cfg.solve_time_limit_s, cfg.solve_workers) == (self.time_limit.value(), self.workers.value()):
            return
        cfg.solve_time_limit_s = self.time_limit.value()
        cfg.solve_workers = self.workers.value()
        # the window's save keeps the failure (``settings_error``); the solve goes on, but the
        # planner is told in a notice that stays until read (the solve dialog would cover a
        # status bar message) that the choice will not be the default next time
        if not self.window_.save_settings():
            self.window_.show_notices(tr("Instellingen"), [
                tr("Rekentijd en rekenkernen worden niet onthouden voor de volgende keer: {fout}").format(
                    fout=self.window_.settings_error)])

    def _solved(self, result: Any) -> None:
        self.doc.busy = False
        self.last_result = result
        status = str(getattr(result, "status", ""))
        roster = getattr(result, "roster", None)
        # what the solve tells besides its roster (a partial first week, a bound that failed)
        notes = list(getattr(result, "notes", None) or [])
        if status == "infeasible" or roster is None or (not roster.shifts and getattr(result, "conflicts", None)):
            raw = getattr(result, "conflicts", [])  # an Explanation carries both languages
            conflicts = raw.lines(language()) if hasattr(raw, "lines") else list(raw)
            conflicts = conflicts[:15] + notes
            if self.auto_relax:
                QTimer.singleShot(0, lambda: self.optimise(time_limit_s=self._last_limit, relaxed=True))
                return
            box = QMessageBox(self)
            box.setIcon(QMessageBox.Icon.Warning)
            box.setWindowTitle(tr("Rooster optimaliseren"))
            box.setText(tr("Er bestaat geen rooster dat aan alle harde regels voldoet."))
            box.setInformativeText("\n".join(conflicts))
            relax = box.addButton(tr("Versoepeld oplossen"), QMessageBox.ButtonRole.AcceptRole)
            relax.setToolTip(
                tr("Maak toch een rooster: harde regels worden zachte, de overtredingen staan in de regelcontrole.")
            )
            box.addButton(QMessageBox.StandardButton.Close)
            box.buttonClicked.connect(lambda b: QTimer.singleShot(
                0, lambda: self.optimise(time_limit_s=self._last_limit, relaxed=True)) if b is relax else None)
            self.infeasible_box = box
            box.open()
            return
        self.window_.show_notices(tr("Rooster optimaliseren"), notes)
        if not roster.shifts:
            # nothing found within the time limit: keep what the planner has
            self.status(
                tr("Geen rooster gevonden binnen de rekentijd ({status}); het huidige rooster blijft staan.").format(
                    status=status
                ),
                15000,
            )
            return
        self.doc.apply(ReplaceRoster(roster))
        labels = {"optimal": tr("optimaal"), "feasible": tr("goed rooster gevonden"),
                  "cancelled": tr("gestopt, beste rooster behouden")}
        self._solved_status = labels.get(status.lower(), status)
        job = self.doc.prefetch(self.window_)  # the new roster's coverage, off the GUI thread
        if job is None:
            self._report_outcome()
        else:
            job.succeeded.connect(lambda _value: self._report_outcome())

    def _report_outcome(self) -> None:
        """The solve's outcome in the planner's terms, against the roster it started from:
        "tekort 566 → 420 uur · voorspeld SL 81,8 % → 86,0 % · …"."""
        cov = self.doc.known_coverage()
        if cov is None:
            return
        after, before = cov.totals, self._start_totals or {}
        parts = []
        for key, text, digits in (("shortfall_hours", tr("tekort {v} uur"), 0),
                                  ("service_level", tr("voorspeld SL {v}"), 1),
                                  ("wishes_granted", tr("wensen {v}"), 0),
                                  ("over_contract_hours", tr("{v} uur boven contract"), 0)):
            if key not in after:
                continue
            show = (lambda v, d=digits: fmt.pct(v, d)) if key == "service_level" else (
                lambda v, d=digits: fmt.num(v, d))
            value = show(after[key])
            if key in before:
                value = f"{show(before[key])} → {value}"
            if key == "wishes_granted":
                value += " " + tr("van {t}").format(t=int(after.get("wishes_total", 0)))
            parts.append(text.format(v=value))
        self.outcome = " · ".join([tr("Optimalisatie klaar: {status}").format(status=self._solved_status),
                                   *parts])
        self.status(self.outcome, 30000)
