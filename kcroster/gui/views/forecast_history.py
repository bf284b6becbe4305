"""The "Forecast maken uit historie" dialog: the planner's own history in, a forecast to check.

:class:`ForecastHistoryDialog` reads a history file (the forecast formats with past dates, or a
call-by-call ACD export), runs :func:`kcroster.forecasting.engine.make_forecast` — the function
``kcroster forecast`` runs — in the background with progress and cancel, and shows

* history and forecast of one queue on one chart with the P10–P90 band;
* the rolling-origin backtest: WAPE per interval and per day of every method and both planner
  baselines, the proposed method marked;
* the AHT and patience estimates, proposed as the queue's parameters;
* every day with its total, where the planner sets a percentage (forecast days) or a tag
  ("mailing", "storing"; any day, so past occurrences teach the model the tag's effect), both
  undoable (:class:`kcroster.forecasting.adjust.ForecastAdjustments`);

and "Gebruik deze forecast" puts the adjusted forecast into the project the way a forecast
import does (on a copy, swapped in when it worked) and goes on to Bezetting.

An ACD export whose columns are not recognised gets :class:`ColumnMappingDialog`; the mapping
is remembered in the user settings per header signature, the same store ``kcroster forecast
--columns`` uses, so the next export of the same report is read without asking.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kcroster.gui import fmt, theme
from kcroster.gui.i18n import plural, tr
from kcroster.gui.jobs import Job, run_job, show_error
from kcroster.gui.views.base import card, hint
from kcroster.gui.views.common import ask_open_file, tick_labels
from kcroster.gui.widgets.linechart import LineChart, Range, Series

HISTORY_FILTER = "Historie (*.xlsx *.csv *.txt);;Alle bestanden (*)"
SHOWN_HISTORY_DAYS = 28  # the chart shows the last four weeks of history before the forecast


def field_labels() -> dict[str, str]:
    """The call-by-call fields (:data:`kcroster.forecasting.acd.CALL_COLUMNS`) as the planner
    reads them."""
    return {
        "arrival": tr("Aankomsttijdstip (verplicht)"),
        "date": tr("Datum (als die in een eigen kolom staat)"),
        "queue": tr("Wachtrij"),
        "wait": tr("Wachttijd"),
        "handle": tr("Afhandeltijd"),
        "outcome": tr("Uitkomst (beantwoord / afgehaakt)"),
        "id": tr("Contact-id (dubbele tellen één keer)"),
    }


def method_names() -> dict[str, str]:
    """The forecasting methods (:data:`kcroster.forecasting.methods.METHODS`) in the UI language."""
    return {
        "daymodel": tr("dagmodel × dagprofiel"),
        "ets": tr("exponential smoothing (statsmodels)"),
        "last_week": tr("zelfde interval vorige week"),
        "mean4": tr("gemiddelde laatste 4 zelfde weekdagen"),
    }


class ColumnMappingDialog(QDialog):
    """Which column of the export holds which field; OK only with an arrival column."""

    def __init__(
        self, parent: QWidget | None, backend: Any, header: list[str], current: dict[str, str],
        reason: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Kolommen van de ACD-export"))
        self.header = [h for h in header if h]
        lay = QVBoxLayout(self)
        lay.addWidget(
            hint(
                tr(
                    "Geef aan welke kolom wat bevat. kcroster onthoudt deze indeling "
                    "voor bestanden met dezelfde kolomnamen."
                )
            )
        )
        if reason:
            why = hint(reason)
            why.setStyleSheet(f"color: {theme.SHORTAGE};")
            lay.addWidget(why)
        form = QFormLayout()
        self.combos: dict[str, QComboBox] = {}
        guessed = backend.guess_call_columns(self.header, current)
        for key, label in field_labels().items():
            box = QComboBox()
            box.addItem(tr("(niet in het bestand)"), None)
            for h in self.header:
                box.addItem(h, h)
            if key in guessed:
                box.setCurrentIndex(box.findData(guessed[key]))
            box.setMinimumWidth(220)
            box.currentIndexChanged.connect(self._update_ok)
            self.combos[key] = box
            form.addRow(label, box)
        lay.addLayout(form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self._update_ok()

    def set_column(self, field: str, column: str | None) -> None:
        box = self.combos[field]
        box.setCurrentIndex(box.findData(column) if column is not None else 0)

    def mapping(self) -> dict[str, str]:
        return {k: box.currentData() for k, box in self.combos.items() if box.currentData()}

    def _update_ok(self) -> None:
        ok = self.combos["arrival"].currentData() is not None
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)


def apply_to_project(project: Any, result: Any, take_patience: bool) -> Any:
    """Put ``result`` (a :class:`~kcroster.forecasting.engine.ForecastResult`, adjusted) into
    ``project`` as its forecast, as a forecast import does: horizon and queues follow the
    forecast. A queue the project already has keeps its settings (service level, channel,
    shrinkage); with ``take_patience`` its patience becomes the estimate from the history."""
    fc = result.to_forecast()
    own = {q.name: q for q in project.queues}
    queues = []
    for estimated in fc.queues:
        queue = copy.deepcopy(own.get(estimated.name, replace(estimated, patience_seconds=None)))
        if take_patience and estimated.patience_seconds is not None:
            queue.patience_seconds = float(round(estimated.patience_seconds))
        queues.append(queue)
    fc.queues = queues
    project.forecast = fc
    project.horizon = fc.horizon
    project.queues = list(queues)
    return project


class ForecastHistoryDialog(QDialog):
    """See the module docstring. ``job`` is the running background job (None when idle)."""

    def __init__(self, doc: Any, window: Any, path: Path | None = None) -> None:
        super().__init__(window)
        from kcroster.forecasting.adjust import ForecastAdjustments

        self.doc = doc
        self.window_ = window
        self.setWindowTitle(tr("Forecast maken uit historie"))
        self.resize(1240, 820)
        self.path: Path | None = None
        self.columns: dict[str, str] | None = None  # the planner's own mapping for this file
        self.header: list[str] | None = None
        self.history: Any = None
        self.results: dict[frozenset, Any] = {}  # forecast per set of tags
        self.adjustments = ForecastAdjustments()
        self.job: Job | None = None
        self.cancelled = False
        self.mapping_dialog: ColumnMappingDialog | None = None
        self.own_notes: list[str] = []
        self._filling = False
        self._start_chosen = False  # the planner set the start (else: the day after the history)

        lay = QVBoxLayout(self)
        lay.setSpacing(8)
        lay.addLayout(self._build_inputs())
        self.ets_hint = hint(
            tr(
                "ETS (exponential smoothing) is niet beschikbaar: het pakket "
                "statsmodels is niet geïnstalleerd. Installeer het extra onderdeel "
                "'forecast' (pip install \"kcroster[forecast]\") om ETS mee te "
                "nemen in de backtest."
            )
        )
        self.ets_hint.setStyleSheet(f"color: {theme.WARNING};")
        lay.addWidget(self.ets_hint)
        self.notes = QListWidget()
        self.notes.setWordWrap(True)
        self.notes.hide()
        lay.addWidget(self.notes)

        split = QSplitter(Qt.Orientation.Vertical)
        chart_card, cl = card(None)
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Wachtrij")))
        self.queue_box = QComboBox()
        self.queue_box.currentIndexChanged.connect(self.refresh_chart)
        top.addWidget(self.queue_box)
        self.summary = QLabel()
        self.summary.setObjectName("Hint")
        top.addWidget(self.summary, 1)
        cl.addLayout(top)
        self.chart = LineChart(title=tr("Historie en forecast per interval"))
        self.chart.placeholder = tr("Kies een historiebestand en klik op 'Forecast maken'.")
        cl.addWidget(self.chart, 1)
        split.addWidget(chart_card)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_backtest(), tr("Backtest"))
        self.tabs.addTab(self._build_days(), tr("Dagen: aanpassen en markeren"))
        self.tabs.addTab(self._build_estimates(), tr("AHT en geduld"))
        split.addWidget(self.tabs)
        split.setSizes([430, 250])
        lay.addWidget(split, 1)

        bottom = QHBoxLayout()
        self.undo_button = QPushButton(tr("Ongedaan maken"))
        self.undo_button.clicked.connect(self.undo)
        self.redo_button = QPushButton(tr("Opnieuw"))
        self.redo_button.clicked.connect(self.redo)
        bottom.addWidget(self.undo_button)
        bottom.addWidget(self.redo_button)
        bottom.addStretch(1)
        self.close_button = QPushButton(tr("Sluiten"))
        self.close_button.clicked.connect(self.reject)
        self.use_button = QPushButton(tr("Gebruik deze forecast"))
        self.use_button.setDefault(True)
        self.use_button.clicked.connect(self.use_forecast)
        bottom.addWidget(self.close_button)
        bottom.addWidget(self.use_button)
        lay.addLayout(bottom)
        QShortcut(QKeySequence.StandardKey.Undo, self, self.undo)
        QShortcut(QKeySequence.StandardKey.Redo, self, self.redo)
        self._update_ets_hint()
        self._update_buttons()
        self.choose_button.setFocus()  # not the date field: its day would show selected
        if path is not None:
            self.set_path(path)

    # -- building ------------------------------------------------------------------------------
    def _build_inputs(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(8)
        self.file_label = QLabel(tr("Geen bestand gekozen"))
        self.file_label.setMinimumWidth(180)
        self.choose_button = QPushButton(tr("Historie kiezen…"))
        self.choose_button.clicked.connect(self.ask_path)
        self.columns_button = QPushButton(tr("Kolommen…"))
        self.columns_button.setToolTip(tr("Kolommen van een call-by-call-export aanwijzen"))
        self.columns_button.clicked.connect(lambda: self.ask_columns(""))
        self.start_edit = QDateEdit()
        self.start_edit.setCalendarPopup(True)
        self.start_edit.setDisplayFormat("dd-MM-yyyy")
        self.weeks_box = QSpinBox()
        self.weeks_box.setRange(1, 104)
        p = self.doc.project
        self.weeks_box.setValue(max(1, min(104, p.horizon.days // 7)) if p is not None else 4)
        self.method_box = QComboBox()
        self.method_box.addItem(tr("automatisch (beste in de backtest)"), "auto")
        from kcroster.forecasting.engine import available_methods

        names = method_names()
        for m in available_methods():
            self.method_box.addItem(names[m], m)
        self.quantile_box = QDoubleSpinBox()
        self.quantile_box.setRange(0.05, 0.95)
        self.quantile_box.setSingleStep(0.05)
        self.quantile_box.setDecimals(2)
        self.quantile_box.setValue(0.5)
        self.quantile_box.setToolTip(
            tr(
                "Kwantiel van het volume waarop de bezetting rekent "
                "(0,5 = verwachting, 0,8 = voorzichtiger)"
            )
        )
        self.run_button = QPushButton(tr("Forecast maken"))
        self.run_button.clicked.connect(self.start_run)
        self.start_edit.dateChanged.connect(self._request_changed)
        self.weeks_box.valueChanged.connect(self._request_changed)
        self.method_box.currentIndexChanged.connect(self._request_changed)
        self.quantile_box.valueChanged.connect(self._request_changed)
        row.addWidget(QLabel(tr("Historie")))
        row.addWidget(self.file_label, 1)
        row.addWidget(self.choose_button)
        row.addWidget(self.columns_button)
        for label, w in (
            (tr("Vanaf"), self.start_edit),
            (tr("Weken"), self.weeks_box),
            (tr("Methode"), self.method_box),
            (tr("Kwantiel"), self.quantile_box),
        ):
            row.addSpacing(6)
            row.addWidget(QLabel(label))
            row.addWidget(w)
        row.addSpacing(6)
        row.addWidget(self.run_button)
        return row

    def _build_backtest(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        lay.setContentsMargins(6, 6, 6, 6)
        self.backtest_label = hint("")
        lay.addWidget(self.backtest_label)
        self.backtest = QTableWidget(0, 6)
        self.backtest.setHorizontalHeaderLabels(
            [
                tr("Methode"),
                tr("WAPE interval"),
                tr("WAPE dag"),
                tr("Bias"),
                tr("Startmomenten"),
                tr("Keuze"),
            ]
        )
        self.backtest.verticalHeader().hide()
        self.backtest.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.backtest.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        lay.addWidget(self.backtest)
        lay.addWidget(
            hint(
                tr(
                    "WAPE = som van |werkelijk − forecast| gedeeld door het werkelijke "
                    "volume, over alle wachtrijen en startmomenten; lager is beter. "
                    "De basislijnen zijn wat planners zelf doen."
                )
            )
        )
        return w

    def _build_days(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(
            hint(
                tr(
                    "Aanpassing: een percentage op een forecastdag (+10 = 10 % meer "
                    "contacten). Label: een bijzondere dag (campagne, mailing, storing); "
                    "markeer ook dezelfde dagen in de historie, dan leert het model "
                    "het effect ervan. Ctrl+Z maakt ongedaan."
                )
            )
        )
        self.days = QTableWidget(0, 6)
        self.days.setHorizontalHeaderLabels(
            [
                tr("Datum"),
                tr("Soort"),
                tr("Contacten (alle wachtrijen)"),
                tr("Aanpassing %"),
                tr("Label"),
                tr("Feestdag"),
            ]
        )
        self.days.verticalHeader().hide()
        self.days.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.days.setColumnWidth(4, 160)
        self.days.itemChanged.connect(self._day_edited)
        lay.addWidget(self.days)
        return w

    def _build_estimates(self) -> QWidget:
        w = QWidget()
        lay = QVBoxLayout(w)
        lay.setContentsMargins(6, 6, 6, 6)
        self.estimates = QTableWidget(0, 5)
        self.estimates.setHorizontalHeaderLabels(
            [tr("Wachtrij"), tr("AHT (s)"), tr("Geduld (s)"), tr("90 %-interval"), tr("Afhakers")]
        )
        self.estimates.verticalHeader().hide()
        self.estimates.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.estimates.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        lay.addWidget(self.estimates)
        self.take_patience = QCheckBox(
            tr("Geschat geduld overnemen als parameter van de wachtrij (Erlang A met afhakers)")
        )
        self.take_patience.setChecked(True)
        lay.addWidget(self.take_patience)
        lay.addWidget(
            hint(
                tr(
                    "AHT per wachtrij × weekdag × interval, gladgestreken naar het "
                    "gemiddelde van de wachtrij; recente weken tellen zwaarder. Geduld: "
                    "exponentieel (zoals Erlang A rekent), grootste aannemelijkheid met "
                    "censurering: de wachttijd van alle bellers, ook de beantwoorde, "
                    "gedeeld door het aantal afhakers."
                )
            )
        )
        return w

    # -- choosing the file and the columns -----------------------------------------------------
    def ask_path(self) -> None:
        path = ask_open_file(self, tr("Historie kiezen"), HISTORY_FILTER)
        if path:
            self.set_path(path)
            self.start_run()

    def set_path(self, path: Path) -> None:
        """A new history file: forget the previous file's history, mapping and forecasts."""
        self.path = Path(path)
        self.file_label.setText(self.path.name)
        self.file_label.setToolTip(str(self.path))
        self.columns = None
        self.header = None
        self.history = None
        self.results.clear()
        self._update_buttons()

    def ask_columns(self, reason: str) -> ColumnMappingDialog | None:
        """Open the column mapping (non-blocking); OK reads the file again with it."""
        if self.path is None:
            self.ask_path()
            return None
        from kcroster.forecasting.acd import read_header
        from kcroster.model.errors import KcrosterInputError

        try:
            header = self.header or read_header(self.path)
        except KcrosterInputError as exc:
            self._say([str(exc)])
            return None
        known = self.columns or self.window_.settings.columns_for(header) or {}
        dlg = ColumnMappingDialog(self, self.doc.backend, header, known, reason)
        self.mapping_dialog = dlg

        def accepted() -> None:
            self.columns = dlg.mapping()
            self.header = header
            self.history = None
            self.results.clear()
            self.start_run()

        dlg.accepted.connect(accepted)
        dlg.open()
        return dlg

    # -- running -------------------------------------------------------------------------------
    def _interval(self) -> int | None:
        p = self.doc.project
        return int(p.horizon.interval_minutes) if p is not None else None

    def _wanted(self) -> dict[str, Any]:
        """What the planner asks, read from the widgets on the main thread for the worker."""
        d = self.start_edit.date()
        return {
            "start": date(d.year(), d.month(), d.day()) if self._start_chosen else None,
            "weeks": self.weeks_box.value(),
            "interval_minutes": self._interval(),
            "method": self.method_box.currentData(),
            "quantile": round(self.quantile_box.value(), 2),
            "special_days": dict(self.adjustments.tags),
        }

    def _plan_start(self) -> date | None:
        """The first day of the project's plan: the natural start of the forecast."""
        p = self.doc.project
        return p.horizon.start if p is not None else None

    def _request_changed(self, *args: object) -> None:
        """Another start, horizon, method or quantile: the forecasts made so far are not it."""
        if self._filling:
            return
        if self.sender() is self.start_edit:
            self._start_chosen = True
        if self.results:
            self._say(
                [
                    tr(
                        "Vanaf, weken, methode of kwantiel gewijzigd: de getoonde forecast hoort "
                        "bij de vorige instellingen. Klik op 'Forecast maken'."
                    )
                ]
            )
        self.results.clear()
        self._update_buttons()

    def start_run(self) -> Job | None:
        """Read the history (first time) and make the forecast for the current tags, in the
        background; the progress dialog appears after half a second and can cancel."""
        if self.path is None:
            self.ask_path()
            return None
        if self.job is not None:
            return self.job
        from kcroster.forecasting.backtest import ForecastCancelled
        from kcroster.forecasting.engine import ForecastRequest, make_forecast
        from kcroster.forecasting.history import load_history
        from kcroster.forecasting.run import check_history_values
        from kcroster.model.errors import KcrosterInputError
        from kcroster.settings import header_signature

        path, columns, history = self.path, self.columns, self.history
        remembered_all = copy.deepcopy(self.window_.settings.column_mappings)
        wanted = self._wanted()
        plan_start = self._plan_start()
        key = self.adjustments.tag_key()
        stages = {
            "backtest": tr("Backtest op de eigen historie"),
            "prognose": tr("Forecast maken"),
            "klaar": tr("Klaar"),
        }
        reading = tr("Historie inlezen: {naam}").format(naam=path.name)

        def work(report: Any, cancel: Any) -> Any:
            from kcroster.forecasting.acd import read_header

            header, used, remembered, hist = None, columns, False, history
            if hist is None:
                report(reading)
                try:
                    header = read_header(path)
                except KcrosterInputError:
                    header = None  # load_history says what is wrong with the file
                if used is None and header is not None:
                    used = remembered_all.get(header_signature(header))
                    remembered = used is not None
                hist = load_history(path, interval_minutes=wanted["interval_minutes"], columns=used)
                check_history_values(hist, path.name)
            if cancel.is_set():
                raise ForecastCancelled()
            start = wanted["start"]
            if start is None:  # first run: the plan's first day when it is near, else the next day
                near = plan_start is not None and hist.start + timedelta(days=7) <= plan_start
                near = near and plan_start <= hist.end + timedelta(days=28)
                start = plan_start if near else hist.end
            req = ForecastRequest(**{**wanted, "start": start})

            def progress(fraction: float, stage: str) -> None:
                report(f"{stages.get(stage, stage)} · {fmt.num(100 * fraction, 0)} %")

            result = make_forecast(hist, req, on_progress=progress, cancel=cancel.is_set)
            return hist, result, header, used, remembered

        def done(value: Any) -> None:
            self.job = None
            hist, result, header, used, remembered = value
            if self.history is None:
                self.header = header
                self._first_result(result, used, remembered)
            self.history = hist
            self.results[key] = result
            self._update_buttons()
            if self.adjustments.tag_key() not in self.results:  # tagged again meanwhile
                self.start_run()
                return
            self.show_result()

        def failed(exc: BaseException) -> None:
            self.job = None
            self._update_buttons()
            if isinstance(exc, ForecastCancelled):
                self.cancelled = True
                self._say([tr("Geannuleerd: er is geen forecast gemaakt.")])
                return
            if (
                isinstance(exc, KcrosterInputError)
                and history is None
                and self._columns_might_help()
            ):
                self.ask_columns(str(exc))
                return
            show_error(self, tr("Forecast maken uit historie"), exc, job.error_traceback)

        self.cancelled = False
        job = run_job(
            self, work, title=tr("Forecast maken uit historie"), on_done=done, on_error=failed
        )
        self.job = job
        self._update_buttons()
        return job

    def cancel_run(self) -> None:
        """Stop the running job (the progress dialog's Annuleren does the same)."""
        if self.job is not None:
            self.job.cancel()

    def done(self, result: int) -> None:
        """Closing the dialog stops a forecast still being made: nobody would see it."""
        self.cancel_run()
        super().done(result)

    def _columns_might_help(self) -> bool:
        """Reading failed and no arrival column is recognised: the columns need naming."""
        from kcroster.forecasting.acd import read_header
        from kcroster.model.errors import KcrosterInputError

        assert self.path is not None
        try:
            header = read_header(self.path)
        except KcrosterInputError:
            return False
        self.header = header
        return bool(header) and "arrival" not in self.doc.backend.guess_call_columns(header, self.columns)

    def _first_result(self, result: Any, used: dict[str, str] | None, remembered: bool) -> None:
        """The history has been read: show the forecast's start in the start field, remember the
        planner's own mapping, say where a remembered one came from."""
        self.own_notes = []
        if used and not remembered and self.header is not None:
            self.window_.settings.remember_columns(self.header, used)
            if not self.window_.save_settings():
                self.own_notes.append(
                    tr("De kolomindeling kon niet worden onthouden: {fout}").format(
                        fout=self.window_.settings_error
                    )
                )
        if used and remembered:
            self.columns = dict(used)
            names = field_labels()
            text = ", ".join(f"{names[k].split(' (')[0]} = {v}" for k, v in used.items())
            self.own_notes.append(
                tr(
                    "Kolommen zoals eerder aangewezen voor deze kopregel: "
                    "{kolommen}. Wijzig ze met 'Kolommen…'."
                ).format(kolommen=text)
            )
        self._filling = True
        self.start_edit.setDate(QDate(result.start.year, result.start.month, result.start.day))
        self.start_edit.lineEdit().deselect()  # a selected day would look like a pending edit
        self._filling = False
        self._start_chosen = True

    # -- showing ---------------------------------------------------------------------------------
    def base_result(self) -> Any:
        """The forecast for the current tags before the percentages (None: not made yet)."""
        return self.results.get(self.adjustments.tag_key())

    def current_result(self) -> Any:
        """The forecast as it would go into the project: with the planner's percentages."""
        from kcroster.forecasting.adjust import adjusted

        base = self.base_result()
        return None if base is None else adjusted(base, self.adjustments)

    def show_result(self) -> None:
        result = self.current_result()
        if result is None:
            return
        self._say(self.own_notes + list(result.notes))
        self.use_button.setFocus()
        self._filling = True
        names = list(result.queues)
        if [self.queue_box.itemText(i) for i in range(self.queue_box.count())] != names:
            keep = self.queue_box.currentIndex()
            self.queue_box.clear()
            self.queue_box.addItems(names)
            own = [q.name for q in self.doc.project.queues] if self.doc.project is not None else []
            first = next((names.index(n) for n in own if n in names), 0)
            self.queue_box.setCurrentIndex(keep if 0 <= keep < len(names) else first)
        self._filling = False
        self.fill_backtest(result)
        self.fill_estimates(result)
        self.fill_days()
        self.refresh_chart()

    def _say(self, notes: list[str]) -> None:
        self.notes.clear()
        self.notes.addItems(notes)
        self.notes.setVisible(bool(notes))
        # as high as its notes (up to four lines), so that one note does not take the chart's room
        metrics = self.notes.fontMetrics()
        width = max(200, self.notes.viewport().width() - 12)
        lines = sum(1 + metrics.horizontalAdvance(n) // width for n in notes)
        self.notes.setFixedHeight(min(4, max(1, lines)) * (metrics.height() + 4) + 10)

    def refresh_chart(self, *args: object) -> None:
        result = self.current_result()
        if result is None or self._filling:
            if result is None:
                self.chart.set_series([])
            return
        q = max(0, self.queue_box.currentIndex())
        hist = result.history
        slots = hist.slots_per_day
        shown = min(SHOWN_HISTORY_DAYS, hist.days)
        first = hist.end - timedelta(days=shown)
        past = hist.offered[q, hist.days - shown :].copy()
        past[hist.missing[q, hist.days - shown :]] = np.nan
        gap = (result.start - hist.end).days
        days = shown + gap + result.days
        y_hist = np.full(days * slots, np.nan)
        y_hist[: shown * slots] = past.ravel()
        at = (shown + gap) * slots
        y_fc = np.full(days * slots, np.nan)
        y_fc[at:] = np.where(result.open[q], result.volume[q], np.nan).ravel()
        lo = np.full(days * slots, np.nan)
        hi = np.full(days * slots, np.nan)
        lo[at:] = np.where(result.open[q], result.p10[q], np.nan).ravel()
        hi[at:] = np.where(result.open[q], result.p90[q], np.nan).ravel()
        own = [x.name for x in self.doc.project.queues] if self.doc.project is not None else []
        name = result.queues[q]
        index = own.index(name) if name in own else len(own) + q
        colour = theme.queue_colour(
            index, self.doc.project.queues[index].color if name in own else None
        )
        dates = [first + timedelta(days=d) for d in range(days)]
        marked = [d for d in range(days) if days <= 21 or dates[d].weekday() == 0]  # Mondays
        ticks = [float(d * slots) for d in marked]
        labels = [fmt.day(dates[d]) for d in marked]
        self.chart.x_ticks = ticks
        self.chart.x_label = tick_labels(ticks, labels)
        self.chart.vlines = [float(at)]
        self.chart.set_series(
            [
                Series(tr("Historie"), y_hist, theme.secondary_line(), step=True, width=1.2),
                Series(tr("Forecast"), y_fc, colour, step=True),
            ],
            ranges=[Range(tr("P10–P90"), lo, hi, colour, alpha=120 if theme.is_dark() else 70)],
        )
        total = float(result.volume[q].sum())
        self.summary.setText(
            tr(
                "{queue}: {total} contacten verwacht in {dagen} dagen vanaf {start} · "
                "methode {methode}"
            ).format(
                queue=result.queues[q],
                total=fmt.num(total, 0),
                dagen=result.days,
                start=fmt.full_date(result.start),
                methode=method_names().get(result.method, result.method),
            )
        )

    def fill_backtest(self, result: Any) -> None:
        """One row per method, in the order of their interval WAPE; the chosen one in bold."""
        table = result.backtest
        self.backtest.setRowCount(0)
        if table is None:
            self.backtest_label.setText(tr("Te weinig historie voor een backtest."))
            return
        self.backtest_label.setText(
            plural(
                len(table.origins),
                tr("Backtest op {n} startmoment ({data}), {h} dagen vooruit."),
                tr("Backtest op {n} startmomenten ({data}), {h} dagen vooruit."),
                data=", ".join(table.dates),
                h=table.horizon_days,
            )
        )
        names = method_names()
        rows = sorted(
            table.rows, key=lambda r: r.wape_interval if np.isfinite(r.wape_interval) else 9e9
        )
        self.backtest.setRowCount(len(rows))
        for i, row in enumerate(rows):
            label = names.get(row.method, row.label)
            if row.baseline:
                label += " " + tr("(basislijn)")
            scored = np.isfinite(row.wape_interval)
            cells = [
                label,
                fmt.pct(row.wape_interval) if scored else "–",
                fmt.pct(row.wape_day) if scored else "–",
                (("+" if row.bias > 0 else "") + fmt.pct(row.bias)) if scored else "–",
                str(row.origins),
                tr("voorgesteld")
                if row.method == result.method
                else ("" if scored else tr("te weinig historie")),
            ]
            values = [row.method, row.wape_interval, row.wape_day, row.bias, row.origins, None]
            for c, (text, value) in enumerate(zip(cells, values, strict=True)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, value)
                if c in (1, 2, 3, 4):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if row.method == result.method:
                    f = QFont(item.font())
                    f.setBold(True)
                    item.setFont(f)
                self.backtest.setItem(i, c, item)
        self.backtest.resizeColumnsToContents()
        self.backtest.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def fill_estimates(self, result: Any) -> None:
        """AHT (weighted over the forecast) and patience per queue."""
        self.estimates.setRowCount(len(result.queues))
        by_queue = {p.queue: p for p in result.patience}
        for q, name in enumerate(result.queues):
            vol = np.where(result.open[q], result.volume[q], 0.0)
            aht = float((result.aht[q] * vol).sum() / vol.sum()) if vol.sum() > 0 else float("nan")
            est = by_queue.get(name)
            if est is None:
                patience, interval, abandons = (
                    tr("onbekend (geen wachttijden in de historie)"),
                    "",
                    "",
                )
            elif est.seconds is None:
                patience, interval, abandons = tr("onbekend (geen afhakers)"), "", "0"
            else:
                patience = fmt.num(est.seconds, 0)
                interval = f"{fmt.num(est.low, 0)}–{fmt.num(est.high, 0)}"
                abandons = fmt.num(est.abandons, 0)
            for c, text in enumerate((name, fmt.num(aht, 0), patience, interval, abandons)):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.estimates.setItem(q, c, item)
        known = any(p.seconds is not None for p in result.patience)
        self.take_patience.setEnabled(known)
        self.estimates.resizeColumnsToContents()
        self.estimates.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

    def day_dates(self) -> list[date]:
        """The days of the day table: the history, then the forecast (gap days left out)."""
        result = self.current_result()
        if result is None:
            return []
        return list(result.history.dates) + list(result.dates)

    def day_total(self, day: date) -> float:
        """Contacts on ``day`` over all queues: the history's count, or the adjusted forecast."""
        result = self.current_result()
        hist = result.history
        if day >= result.start:
            d = (day - result.start).days
            return float(np.where(result.open[:, d], result.volume[:, d], 0.0).sum())
        return float(hist.offered[:, (day - hist.start).days].sum())

    def fill_days(self) -> None:
        result = self.current_result()
        from kcroster.forecasting.calendar import holiday_names

        days = self.day_dates()
        holidays = holiday_names(days[0], days[-1] + timedelta(days=1)) if days else {}
        self._filling = True
        self.days.setRowCount(len(days))
        muted = QBrush(self.palette().placeholderText().color())
        for i, day in enumerate(days):
            future = day >= result.start
            percent = self.adjustments.percent.get(day)
            cells = [
                f"{fmt.weekday(day)} {fmt.full_date(day)}",
                tr("forecast") if future else tr("historie"),
                fmt.num(self.day_total(day), 0),
                (("+" if percent > 0 else "") + fmt.num(percent, 1)) if percent else "",
                self.adjustments.tags.get(day, ""),
                holidays.get(day, ""),
            ]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                editable = c == 4 or (c == 3 and future)
                flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                item.setFlags(flags | Qt.ItemFlag.ItemIsEditable if editable else flags)
                if c in (2, 3):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if not future and c != 4:
                    item.setForeground(muted)
                item.setData(Qt.ItemDataRole.UserRole, day)
                self.days.setItem(i, c, item)
        self._filling = False
        self.days.resizeColumnsToContents()
        self.days.setColumnWidth(4, max(160, self.days.columnWidth(4)))
        self.days.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        first = next((i for i, d in enumerate(days) if d >= result.start), 0)
        self.days.scrollToItem(self.days.item(first, 0), QTableWidget.ScrollHint.PositionAtTop)

    def day_row(self, day: date) -> int:
        return self.day_dates().index(day)

    # -- the planner's changes (undoable) ---------------------------------------------------------
    def _day_edited(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        day = item.data(Qt.ItemDataRole.UserRole)
        if item.column() == 3:
            text = item.text().replace("%", "").replace(",", ".").replace("+", "").strip()
            try:
                value = float(text) if text else 0.0
                self.set_day_percent(day, value)
            except ValueError as exc:
                reason = (
                    str(exc)
                    if "tussen" in str(exc)
                    else tr("'{tekst}' is geen percentage").format(tekst=item.text())
                )
                self._say([reason])
                self.fill_days()
        elif item.column() == 4:
            self.set_day_tag(day, item.text())

    def set_day_percent(self, day: date, percent: float) -> None:
        """``percent`` more (or fewer) contacts on forecast day ``day`` (undoable)."""
        if self.adjustments.set_percent(day, percent):
            self._changed("percent")

    def set_day_tag(self, day: date, label: str) -> None:
        """Tag ``day`` as a special day (undoable); the forecast is made again for the new tags
        (once per set of tags: undo shows the earlier forecast at once)."""
        if self.adjustments.set_tag(day, label):
            self._changed("tag")

    def undo(self) -> None:
        kind = self.adjustments.undo()
        if kind is not None:
            self._changed(kind)

    def redo(self) -> None:
        kind = self.adjustments.redo()
        if kind is not None:
            self._changed(kind)

    def _changed(self, kind: str) -> None:
        self._update_buttons()
        if kind == "tag" and self.base_result() is None and self.history is not None:
            self.fill_days_tags_only()
            self.start_run()
            return
        self.show_result()

    def fill_days_tags_only(self) -> None:
        """While the forecast for new tags is made, the label column already shows them."""
        self._filling = True
        for i, day in enumerate(self.day_dates_cached()):
            item = self.days.item(i, 4)
            if item is not None:
                item.setText(self.adjustments.tags.get(day, ""))
        self._filling = False

    def day_dates_cached(self) -> list[date]:
        """The days the table shows now (before a new forecast replaces them)."""
        return [
            self.days.item(i, 0).data(Qt.ItemDataRole.UserRole) for i in range(self.days.rowCount())
        ]

    def _update_buttons(self) -> None:
        idle = self.job is None
        self.undo_button.setEnabled(idle and self.adjustments.can_undo)
        self.redo_button.setEnabled(idle and self.adjustments.can_redo)
        self.run_button.setEnabled(idle and self.path is not None)
        self.use_button.setEnabled(idle and self.base_result() is not None)
        self.choose_button.setEnabled(idle)
        self.columns_button.setEnabled(idle and self.path is not None)

    def _update_ets_hint(self) -> None:
        from kcroster.forecasting.engine import available_methods

        self.ets_hint.setVisible("ets" not in available_methods())

    # -- into the project --------------------------------------------------------------------------
    def use_forecast(self) -> Job | None:
        """Put the adjusted forecast into the project (on a copy, swapped in when it worked, as
        a forecast import does) and go on to Bezetting."""
        from kcroster.gui.views.common import import_into_project

        result = self.current_result()
        if result is None or self.path is None:
            return None
        if self.doc.project is None:
            self._say([tr("Open eerst een project.")])
            return None
        if self.doc.busy:
            self._say([tr("Even geduld: de optimalisatie loopt nog.")])
            return None
        take = self.take_patience.isEnabled() and self.take_patience.isChecked()

        def apply(project: Any, path: Path) -> Any:
            return apply_to_project(project, result, take)

        def done(project: Any) -> None:
            self.window_.statusBar().showMessage(
                tr("Forecast uit historie gebruikt ({naam}, {methode})").format(
                    naam=self.path.name, methode=method_names().get(result.method, result.method)
                ),
                8000,
            )
            self.window_.forecast_screen.show_import_notes(self.path.name, project)
            self.accept()
            self.window_.show_screen("staffing")

        return import_into_project(
            self.window_, self.doc, tr("Gebruik deze forecast"), apply, self.path, done
        )
