"""The scenario dialogs: the active scenario's own settings, and 2–4 scenarios side by side.

*Scenario-instellingen* edits what belongs to one scenario only (issue 24 item 9): each queue's
service targets, shrinkage and forecast factors, shrinkage for parts of the week (a Monday
morning training), and which agents take part. Every change is an undoable edit of
:mod:`kcroster.edits` on the active scenario; Basis and the other scenarios keep theirs.

*Scenario's vergelijken* shows the figures of :func:`kcroster.pipeline.compare_scenarios` (the
same coverage and Dekking-row functions as the other screens) for the chosen scenarios: a
table of the horizon's figures, a chart of one figure per day and the days in a table. A
scenario without a roster shows the requirement side only and says so.
"""

from __future__ import annotations

import math
from datetime import time
from typing import Any

import numpy as np
from PySide6.QtCore import Qt, QTime
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from kcroster.edits import SetScenarioAgents, SetScenarioField, SetScenarioQueueSetting
from kcroster.gui import fmt, theme
from kcroster.gui.document import ProjectDocument
from kcroster.gui.i18n import plural, tr
from kcroster.gui.views.base import hint
from kcroster.gui.views.common import spin_box
from kcroster.gui.widgets.linechart import LineChart, Series
from kcroster.model import ShrinkageBand

# day names a planner types, Dutch and English; any start of two letters or more counts
# ("ma", "maa", "maandag", "mon"): the first two letters of all fourteen differ
_DAY_NAMES = (("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
              ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))


def _day_number(word: str) -> int | None:
    word = word.strip().casefold()
    if len(word) < 2:
        return None
    return next((i for names in _DAY_NAMES for i, name in enumerate(names) if name.startswith(word)), None)


def parse_weekdays(text: str) -> tuple[int, ...]:
    """``ma-vr``, ``ma,wo,vr``, ``za zo`` (or ``mon-fri``) → weekday numbers, 0 = Monday.

    A range runs forward through the week (``vr-ma`` is Friday to Monday). ``ValueError``
    names what could not be read."""
    days: set[int] = set()
    for part in text.replace(",", " ").replace(";", " ").split():
        ends = [_day_number(w) for w in part.replace("–", "-").split("-")]
        if len(ends) > 2 or None in ends:
            raise ValueError(tr("'{tekst}' is geen dag of reeks dagen (bijv. ma-vr of za, zo)").format(tekst=part))
        first, last = ends[0], ends[-1]
        days.update((first + k) % 7 for k in range((last - first) % 7 + 1))
    if not days:
        raise ValueError(tr("kies een of meer dagen (bijv. ma-vr)"))
    return tuple(sorted(days))


def weekdays_text(days: tuple[int, ...]) -> str:
    """Weekday numbers → ``ma-vr`` / ``ma, wo`` in the UI language (runs of three or more as a range)."""
    out, run = [], []
    for d in [*sorted(days), None]:
        if d is not None and run and d == run[-1] + 1:
            run.append(d)
            continue
        if run:
            out.append(f"{fmt.weekday_name(run[0])}-{fmt.weekday_name(run[-1])}" if len(run) >= 3
                       else ", ".join(fmt.weekday_name(x) for x in run))
        run = [] if d is None else [d]
    return ", ".join(out)


def _to_qtime(t: time) -> QTime:
    return QTime(t.hour, t.minute)


def _from_qtime(t: QTime) -> time:
    return time(t.hour(), t.minute())


class ScenarioSettingsDialog(QDialog):
    """The active scenario's targets, shrinkage, forecast factors and agents (see the module)."""

    # queue fields of the first tab: (field, scale to the editor); the headers in _queues_tab
    QUEUE_COLUMNS = (("sl_percent", 1.0), ("sl_seconds", 1.0), ("asa_seconds", 1.0), ("max_occupancy", 100.0),
                     ("shrinkage", 100.0), ("volume", 1.0), ("aht", 1.0))

    def __init__(self, doc: ProjectDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        p = doc.project
        assert p is not None
        self.setWindowTitle(tr("Scenario-instellingen: {naam}").format(naam=p.scenario.name))
        self.resize(900, 480)
        lay = QVBoxLayout(self)
        lay.addWidget(hint(tr("Alles op deze tabbladen geldt alleen voor scenario '{naam}'; Basis en de andere "
                              "scenario's houden hun eigen waarden. Elke wijziging is ongedaan te maken (Ctrl+Z).")
                           .format(naam=p.scenario.name)))
        self.tabs = QTabWidget()
        lay.addWidget(self.tabs, 1)
        self.tabs.addTab(self._queues_tab(), tr("Wachtrijen"))
        self.tabs.addTab(self._profile_tab(), tr("Shrinkage per dagdeel"))
        self.tabs.addTab(self._agents_tab(), tr("Medewerkers"))
        self.message = QLabel("")
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("Sluiten"))
        lay.addWidget(buttons)
        self.load()
        doc.edited.connect(self._after_edit)

    def _after_edit(self, *args: object) -> None:
        if self.doc.project is not None:
            self._fill_queues()

    # -- tab 1: per queue --------------------------------------------------------------------
    def _queues_tab(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        self.queue_table = QTableWidget(0, len(self.QUEUE_COLUMNS))
        self.queue_table.setHorizontalHeaderLabels([tr("Serviceniveau"), tr("binnen (s)"), tr("ASA max. (s)"),
                                                    tr("Bezetting max."), tr("Shrinkage"), tr("Volume ×"),
                                                    tr("AHT ×")])
        self.queue_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.queue_table.verticalHeader().setDefaultSectionSize(30)
        self.queue_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        lay.addWidget(self.queue_table, 1)
        lay.addWidget(hint(tr("Vet: anders dan de wachtrij zelf. Shrinkage is het deel van de ingeroosterde tijd "
                              "dat niet aan contacten besteed wordt (ziekte, overleg, training); een blok op "
                              "'Shrinkage per dagdeel' gaat er in zijn uren voor. Volume × en AHT × komen bovenop "
                              "de factoren van het Forecast-scherm.")))
        return w

    def _queue_editor(self, name: str) -> QDoubleSpinBox:
        return {
            "sl_percent": lambda: spin_box(1, 100, 1, 0, " %"),
            "sl_seconds": lambda: spin_box(1, 3600, 5, 0, " s"),
            "asa_seconds": lambda: spin_box(0, 3600, 5, 0, " s", tr("geen")),
            "max_occupancy": lambda: spin_box(0, 100, 1, 0, " %", tr("geen")),
            "shrinkage": lambda: spin_box(0, 90, 1, 0, " %"),
            "volume": lambda: spin_box(0.1, 5, 0.05, 2, " ×"),
            "aht": lambda: spin_box(0.1, 5, 0.05, 2, " ×"),
        }[name]()

    def _fill_queues(self) -> None:
        p = self.doc.project
        assert p is not None
        sc = p.scenario
        self.queue_table.setRowCount(len(p.queues))
        self.queue_table.setVerticalHeaderLabels([q.name for q in p.queues])
        for r, q in enumerate(p.queues):
            eff = sc.queue_settings(q)
            own = sc.queue_overrides.get(q.name, {})
            for c, (name, scale) in enumerate(self.QUEUE_COLUMNS):
                spin = self.queue_table.cellWidget(r, c)
                if not isinstance(spin, QDoubleSpinBox):
                    spin = self._queue_editor(name)
                    spin.valueChanged.connect(lambda _v, row=r, col=c: self.commit_queue(row, col))
                    self.queue_table.setCellWidget(r, c, spin)
                if name == "volume":
                    value, changed = sc.queue_volume_factors.get(q.name, 1.0), q.name in sc.queue_volume_factors
                elif name == "aht":
                    value, changed = sc.queue_aht_factors.get(q.name, 1.0), q.name in sc.queue_aht_factors
                else:
                    raw = getattr(eff, name)
                    value, changed = (0.0 if raw is None else raw * scale), name in own
                spin.blockSignals(True)
                spin.setValue(value)
                spin.blockSignals(False)
                f = spin.font()
                f.setBold(changed)
                spin.setFont(f)
                spin.setEnabled(not (str(q.channel) == "email" and name in ("sl_percent", "sl_seconds", "asa_seconds",
                                                                              "max_occupancy")))

    def commit_queue(self, row: int, col: int) -> None:
        """One cell of the queue table as an edit of the active scenario."""
        p = self.doc.project
        assert p is not None
        q = p.queues[row]
        name, scale = self.QUEUE_COLUMNS[col]
        raw = self.queue_table.cellWidget(row, col).value()
        if name in ("volume", "aht"):
            field = "queue_volume_factors" if name == "volume" else "queue_aht_factors"
            factors = dict(getattr(p.scenario, field))
            if abs(raw - 1.0) < 1e-9:
                factors.pop(q.name, None)
            else:
                factors[q.name] = float(raw)
            self._apply(SetScenarioField(field, factors))
            return
        value: object = None if name in ("asa_seconds", "max_occupancy") and raw == 0 else float(raw) / scale
        if value != getattr(p.scenario.queue_settings(q), name):
            self._apply(SetScenarioQueueSetting(q.name, name, value))

    # -- tab 2: shrinkage bands --------------------------------------------------------------
    def _profile_tab(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        lay.addWidget(hint(tr("Een blok zet de shrinkage van zijn dagen en uren, bijvoorbeeld 'ma 09:00–10:00 45 %' "
                              "voor het teamoverleg. Waar blokken elkaar overlappen telt het onderste.")))
        self.band_table = QTableWidget(0, 5)
        self.band_table.setHorizontalHeaderLabels([tr("Dagen"), tr("Van"), tr("Tot"), tr("Wachtrij"), tr("Shrinkage")])
        self.band_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.band_table.verticalHeader().setDefaultSectionSize(30)
        self.band_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        lay.addWidget(self.band_table, 1)
        row = QHBoxLayout()
        self.add_band_button = QPushButton(tr("+ Blok"))
        self.add_band_button.clicked.connect(lambda: self.add_band_row(ShrinkageBand((0,), time(9), time(10), 0.4)))
        self.remove_band_button = QPushButton(tr("Blok verwijderen"))
        self.remove_band_button.clicked.connect(self.remove_band_row)
        self.apply_bands_button = QPushButton(tr("Profiel toepassen"))
        self.apply_bands_button.setDefault(True)
        self.apply_bands_button.clicked.connect(self.apply_bands)
        for b in (self.add_band_button, self.remove_band_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.apply_bands_button)
        lay.addLayout(row)
        return w

    def add_band_row(self, band: ShrinkageBand) -> None:
        p = self.doc.project
        assert p is not None
        r = self.band_table.rowCount()
        self.band_table.insertRow(r)
        days = QLineEdit(weekdays_text(band.weekdays))
        days.setPlaceholderText(tr("bijv. ma-vr"))
        start, end = QTimeEdit(_to_qtime(band.start)), QTimeEdit(_to_qtime(band.end))
        for t in (start, end):
            t.setDisplayFormat("HH:mm")
        queue = QComboBox()
        queue.addItem(tr("Alle wachtrijen"), None)
        for q in p.queues:
            queue.addItem(q.name, q.name)
        queue.setCurrentIndex(max(0, queue.findData(band.queue)) if band.queue else 0)
        shrink = spin_box(0, 95, 1, 0, " %")
        shrink.setValue(band.shrinkage * 100)
        for c, widget in enumerate((days, start, end, queue, shrink)):
            self.band_table.setCellWidget(r, c, widget)

    def remove_band_row(self) -> None:
        rows = sorted({i.row() for i in self.band_table.selectionModel().selectedRows()}, reverse=True)
        for r in rows or ([self.band_table.rowCount() - 1] if self.band_table.rowCount() else []):
            self.band_table.removeRow(r)

    def bands(self) -> list[ShrinkageBand]:
        """The table's rows as bands; ``ValueError`` names the row that cannot be one."""
        out = []
        for r in range(self.band_table.rowCount()):
            cell = self.band_table.cellWidget
            try:
                out.append(ShrinkageBand(parse_weekdays(cell(r, 0).text()), _from_qtime(cell(r, 1).time()),
                                         _from_qtime(cell(r, 2).time()), cell(r, 4).value() / 100.0,
                                         cell(r, 3).currentData()))
            except ValueError as exc:
                raise ValueError(tr("Blok {n}: {fout}").format(n=r + 1, fout=exc)) from None
        return out

    def apply_bands(self) -> None:
        p = self.doc.project
        assert p is not None
        try:
            bands = self.bands()
        except ValueError as exc:
            self.say(str(exc), error=True)
            return
        if bands != p.scenario.shrinkage_profile:
            self._apply(SetScenarioField("shrinkage_profile", bands))
        self.say(plural(len(bands), tr("Shrinkageprofiel met {n} blok toegepast."),
                        tr("Shrinkageprofiel met {n} blokken toegepast.")))

    # -- tab 3: agents -----------------------------------------------------------------------
    def _agents_tab(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        lay.addWidget(
            hint(
                tr(
                    "Alleen de aangevinkte medewerkers doen mee in dit scenario: de optimalisatie, het rooster "
                    "en de dekking zien alleen hen. Wie uitgevinkt wordt, verdwijnt uit het rooster van dit "
                    "scenario (ongedaan te maken)."
                )
            )
        )
        self.agent_list = QListWidget()
        self.agent_list.itemChanged.connect(self._count_agents)
        lay.addWidget(self.agent_list, 1)
        row = QHBoxLayout()
        everyone = QPushButton(tr("Alle"))
        everyone.clicked.connect(lambda: self._check_all(True))
        nobody = QPushButton(tr("Geen"))
        nobody.clicked.connect(lambda: self._check_all(False))
        self.agent_count = QLabel("")
        self.apply_agents_button = QPushButton(tr("Medewerkers toepassen"))
        self.apply_agents_button.clicked.connect(self.apply_agents)
        for b in (everyone, nobody, self.agent_count):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.apply_agents_button)
        lay.addLayout(row)
        return w

    def _fill_agents(self) -> None:
        p = self.doc.project
        assert p is not None
        self.agent_list.blockSignals(True)
        self.agent_list.clear()
        for a in p.agents:
            item = QListWidgetItem(f"{a.name} ({a.id})" + (f" · {a.team}" if a.team else ""))
            item.setData(Qt.ItemDataRole.UserRole, a.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if p.scenario.takes_part(a.id) else Qt.CheckState.Unchecked)
            self.agent_list.addItem(item)
        self.agent_list.blockSignals(False)
        self._count_agents()

    def _check_all(self, on: bool) -> None:
        self.agent_list.blockSignals(True)
        for i in range(self.agent_list.count()):
            self.agent_list.item(i).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.agent_list.blockSignals(False)
        self._count_agents()

    def checked_agents(self) -> list[str]:
        return [self.agent_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.agent_list.count())
                if self.agent_list.item(i).checkState() == Qt.CheckState.Checked]

    def _count_agents(self, *args: object) -> None:
        self.agent_count.setText(tr("{n} van {t} medewerkers").format(n=len(self.checked_agents()),
                                                                     t=self.agent_list.count()))

    def apply_agents(self) -> None:
        p = self.doc.project
        assert p is not None
        ids = self.checked_agents()
        value = None if len(ids) == len(p.agents) else ids
        if value != p.scenario.agent_ids:
            self._apply(SetScenarioAgents(value))
        self.say(tr("{n} van {t} medewerkers doen mee in dit scenario.").format(n=len(ids), t=len(p.agents)))

    # -- common ------------------------------------------------------------------------------
    def load(self) -> None:
        """Show the active scenario's values (after an edit or its undo)."""
        p = self.doc.project
        assert p is not None
        self._fill_queues()
        self.band_table.setRowCount(0)
        for band in p.scenario.shrinkage_profile:
            self.add_band_row(band)
        self._fill_agents()

    def _apply(self, edit: Any) -> None:
        try:
            self.doc.apply(edit)
        except (ValueError, KeyError) as exc:
            self.say(str(exc), error=True)
        else:
            self.say("")

    def say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {theme.SHORTAGE};" if error else "")


# --- the comparison -----------------------------------------------------------------------------

def _seconds(v: float) -> str:
    return f"{fmt.num(v, 0)} s" if math.isfinite(v) else "–"


def comparison_rows() -> list[tuple[str, str, Any, bool]]:
    """Rows of the comparison table: (totals key, label, formatter, needs a roster)."""
    return [
        ("agents", tr("Medewerkers in het scenario"), lambda v: fmt.num(v, 0), False),
        ("fte_required", tr("FTE nodig (na shrinkage)"), lambda v: fmt.num(v, 1), False),
        ("required_hours", tr("Uren nodig (na shrinkage)"), lambda v: fmt.num(v, 0), False),
        ("fte_scheduled", tr("FTE ingeroosterd"), lambda v: fmt.num(v, 1), True),
        ("scheduled_hours", tr("Ingeroosterde uren"), lambda v: fmt.num(v, 0), True),
        ("shortfall_hours", tr("Tekort (uur)"), lambda v: fmt.num(v, 1), True),
        ("over_contract_hours", tr("Uren boven contract"), lambda v: fmt.num(v, 1), True),
        ("service_level", tr("Serviceniveau"), lambda v: fmt.pct(v, 1), True),
        ("asa", tr("Gem. wachttijd (ASA)"), _seconds, True),
        ("abandon", tr("Verlaten"), lambda v: fmt.pct(v, 1), True),
        ("wishes", tr("Wensen toegekend"), None, True),
    ]


def day_figures() -> list[tuple[str, str, str, Any, float, bool]]:
    """Per-day figures of the chart and the day table: (kpi key, column header, chart name,
    formatter, chart scale, needs a roster)."""
    return [
        ("service_level", tr("SL"), tr("Serviceniveau"), lambda v: fmt.pct(v, 1), 100.0, True),
        ("asa", tr("ASA (s)"), tr("Gem. wachttijd (ASA)"), lambda v: fmt.num(v, 0), 1.0, True),
        ("abandon", tr("Verl."), tr("Verlaten"), lambda v: fmt.pct(v, 1), 100.0, True),
        ("fte_required", tr("FTE nodig"), tr("FTE nodig"), lambda v: fmt.num(v, 1), 1.0, False),
    ]

MAX_COMPARED = 4


class ScenarioCompareDialog(QDialog):
    """2–4 scenarios side by side (see the module docstring)."""

    def __init__(self, doc: ProjectDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        p = doc.project
        assert p is not None
        self.figures: list[Any] = []
        self.setWindowTitle(tr("Scenario's vergelijken"))
        self.resize(1240, 780)
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        pick = QVBoxLayout()
        pick.addWidget(QLabel(tr("Vergelijk (2 tot 4):")))
        self.scenario_list = QListWidget()
        self.scenario_list.setMaximumWidth(220)
        for i, sc in enumerate(p.scenarios):
            item = QListWidgetItem(sc.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if i < MAX_COMPARED else Qt.CheckState.Unchecked)
            self.scenario_list.addItem(item)
        self.scenario_list.itemChanged.connect(lambda _item: self.compare())
        pick.addWidget(self.scenario_list, 1)
        top.addLayout(pick)
        self.table = QTableWidget(0, 0)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setDefaultSectionSize(24)
        top.addWidget(self.table, 1)
        self.note = hint("")
        upper = QWidget()
        ul = QVBoxLayout(upper)
        ul.setContentsMargins(0, 0, 0, 0)
        ul.addLayout(top, 1)
        ul.addWidget(self.note)

        chart_box = QWidget()
        cl = QVBoxLayout(chart_box)
        cl.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("Per dag:")))
        self.day_figure = QComboBox()
        for key, _header, name, *_ in day_figures():
            self.day_figure.addItem(name, key)
        self.day_figure.currentIndexChanged.connect(self.fill_days)
        self.day_figure.currentIndexChanged.connect(self.draw_chart)
        row.addWidget(self.day_figure)
        row.addStretch(1)
        cl.addLayout(row)
        self.chart = LineChart()
        self.chart.setMinimumHeight(220)
        cl.addWidget(self.chart, 1)
        self.day_table = QTableWidget(0, 0)
        self.day_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.day_table.verticalHeader().setDefaultSectionSize(22)
        self.day_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(chart_box)
        lower.addWidget(self.day_table)
        lower.setSizes([620, 600])
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(upper)
        split.addWidget(lower)
        split.setSizes([330, 420])
        lay.addWidget(split, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("Sluiten"))
        lay.addWidget(buttons)
        self.compare()

    def chosen(self) -> list[int]:
        return [i for i in range(self.scenario_list.count())
                if self.scenario_list.item(i).checkState() == Qt.CheckState.Checked]

    def compare(self) -> None:
        """Compute the chosen scenarios' figures (through the backend) and show them."""
        p = self.doc.project
        assert p is not None
        indices = self.chosen()
        if not 2 <= len(indices) <= MAX_COMPARED:
            self.figures = []
            self.note.setText(tr("Kies 2 tot 4 scenario's om te vergelijken.") if len(p.scenarios) > 1 else
                              tr("Dit project heeft één scenario. Maak er een bij (+ Scenario) om te vergelijken."))
            self.table.setRowCount(0)
            self.table.setColumnCount(0)
            self.day_table.setRowCount(0)
            self.day_table.setColumnCount(0)
            self.chart.set_series([])
            return
        self.figures = self.doc.backend.compare_scenarios(p, indices)
        self.fill_table()
        self.fill_days()
        self.draw_chart()
        without = [f.name for f in self.figures if not f.has_roster]
        self.note.setText(plural(
            len(without), tr("Scenario {namen} heeft nog geen rooster: alleen de bezetting (FTE en uren nodig)."),
            tr("De scenario's {namen} hebben nog geen rooster: alleen de bezetting (FTE en uren nodig)."),
            namen=", ".join(f"'{n}'" for n in without)) if without else
            tr("Alle cijfers komen uit dezelfde berekening als de schermen Bezetting en Dekking."))

    def value_text(self, figure: Any, key: str) -> str:
        """One cell of the comparison table: the figure, or 'geen rooster' where it needs one."""
        spec = next(s for s in comparison_rows() if s[0] == key)
        if spec[3] and not figure.has_roster:
            return tr("geen rooster")
        if key == "agents":
            return spec[2](figure.agents)
        if key == "wishes":
            t = figure.totals
            return tr("{g} van {n}").format(g=fmt.num(t.get("wishes_granted", math.nan), 0),
                                             n=fmt.num(t.get("wishes_total", math.nan), 0))
        return spec[2](float(figure.totals.get(key, math.nan)))

    def fill_table(self) -> None:
        rows = comparison_rows()
        self.table.setRowCount(len(rows))
        self.table.setColumnCount(len(self.figures))
        self.table.setVerticalHeaderLabels([label for _, label, _, _ in rows])
        self.table.setHorizontalHeaderLabels([f.name for f in self.figures])
        for c, fig in enumerate(self.figures):
            for r, (key, _label, _show, needs_roster) in enumerate(rows):
                item = QTableWidgetItem(self.value_text(fig, key))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if needs_roster and not fig.has_roster:
                    item.setForeground(theme.secondary_line())
                self.table.setItem(r, c, item)

    def fill_days(self) -> None:
        """The chosen per-day figure (the chart's) of each scenario, one row per day."""
        if not self.figures:
            return
        key = self.day_figure.currentData()
        _, _header, _name, show, _scale, needs_roster = next(s for s in day_figures() if s[0] == key)
        days = [row.day for row in self.figures[0].days]
        self.day_table.setRowCount(len(days))
        self.day_table.setColumnCount(len(self.figures))
        self.day_table.setVerticalHeaderLabels([fmt.day(d) for d in days])
        self.day_table.setHorizontalHeaderLabels([fig.name for fig in self.figures])
        for c, fig in enumerate(self.figures):
            for r, row in enumerate(fig.days):
                text = tr("geen rooster") if needs_roster and not fig.has_roster else \
                    show(float(row.kpis.get(key, math.nan)))
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if needs_roster and not fig.has_roster:
                    item.setForeground(theme.secondary_line())
                self.day_table.setItem(r, c, item)

    def draw_chart(self) -> None:
        if not self.figures:
            self.chart.set_series([])
            return
        key = self.day_figure.currentData()
        _, _header, _name, _show, scale, needs_roster = next(s for s in day_figures() if s[0] == key)
        series, missing = [], []
        for n, fig in enumerate(self.figures):
            if needs_roster and not fig.has_roster:
                missing.append(fig.name)
                continue
            y = np.array([float(r.kpis.get(key, math.nan)) for r in fig.days]) * scale
            series.append(Series(fig.name, y, QColor(theme.queue_colour(n)), width=2.2))
        title = self.day_figure.currentText() + (" (%)" if scale == 100.0 else "")
        if missing:
            title += " — " + tr("zonder rooster: {namen}").format(namen=", ".join(missing))
        self.chart.title = title
        days = [r.day for r in self.figures[0].days]
        step = max(1, len(days) // 14)
        self.chart.x_ticks = [float(i) for i in range(0, len(days), step)]
        self.chart.x_label = lambda x: fmt.day(days[min(max(int(round(x)), 0), len(days) - 1)])
        self.chart.set_series(series)
