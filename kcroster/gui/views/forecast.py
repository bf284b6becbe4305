"""Forecast screen: per queue a heatmap (days × time of day) and a volume curve, import, a
forecast made from the planner's own history (:mod:`kcroster.gui.views.forecast_history`), and
what-if sliders for volume and handle time."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QSlider, QSplitter

from kcroster.gui import fmt, theme
from kcroster.gui.document import SetScenarioField
from kcroster.gui.i18n import tr
from kcroster.gui.views.base import Screen, card, day_ticks
from kcroster.gui.views.common import (
    ImportNotes,
    ask_open_workbooks,
    by_day_and_time,
    fill_queue_combo,
    import_into_project,
    queue_combo,
    tick_labels,
)
from kcroster.gui.widgets.heatmap import Heatmap
from kcroster.gui.widgets.linechart import LineChart, Series


class ForecastScreen(Screen):
    key = "forecast"

    def title(self) -> str:
        return tr("Forecast")

    def __init__(self, doc, window) -> None:
        super().__init__(doc, window)
        self.queue_box = queue_combo(doc)
        self.queue_box.currentIndexChanged.connect(self.refresh_charts)
        self.toolbar.addWidget(QLabel(tr("Wachtrij")))
        self.toolbar.addWidget(self.queue_box)
        self.import_button = QPushButton(tr("Forecast importeren…"))
        self.import_button.clicked.connect(self.ask_import)
        self.toolbar.addWidget(self.import_button)
        self.history_button = QPushButton(tr("Forecast maken uit historie…"))
        self.history_button.setToolTip(tr("Uit een eigen historie (forecastbestand met datums in het "
                                          "verleden, of een call-by-call-export van de ACD)"))
        self.history_button.clicked.connect(lambda: self.open_history_dialog())
        self.toolbar.addWidget(self.history_button)

        whatif, wl = card(tr("Wat-als"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        self.volume_slider = self._slider()
        self.aht_slider = self._slider()
        self.volume_value = QLabel()
        self.aht_value = QLabel()
        for lab in (self.volume_value, self.aht_value):
            lab.setMinimumWidth(56)
        grid.addWidget(QLabel(tr("Volume")), 0, 0)
        grid.addWidget(self.volume_slider, 0, 1)
        grid.addWidget(self.volume_value, 0, 2)
        grid.addWidget(QLabel(tr("Gespreksduur (AHT)")), 1, 0)
        grid.addWidget(self.aht_slider, 1, 1)
        grid.addWidget(self.aht_value, 1, 2)
        self.reset_button = QPushButton(tr("Herstel 100 %"))
        self.reset_button.clicked.connect(self.reset_whatif)
        grid.addWidget(self.reset_button, 0, 3, 2, 1)
        wl.addLayout(grid)
        self.summary = QLabel()
        self.summary.setObjectName("Hint")
        wl.addWidget(self.summary)
        self._commit = QTimer(self)
        self._commit.setSingleShot(True)
        self._commit.setInterval(350)  # apply once the planner stops dragging
        self._commit.timeout.connect(self.commit_whatif)
        self.volume_slider.valueChanged.connect(self._slider_moved)
        self.aht_slider.valueChanged.connect(self._slider_moved)

        self.import_notes = ImportNotes()
        self.body.addWidget(self.import_notes)
        top = QHBoxLayout()
        top.addWidget(whatif, 1)
        self.body.addLayout(top)
        split = QSplitter(Qt.Orientation.Vertical)
        hm_card, hl = card(tr("Volume per dag en tijdstip"))
        self.heatmap = Heatmap()
        hl.addWidget(self.heatmap)
        ch_card, cl = card(None)
        self.chart = LineChart(title=tr("Aangeboden contacten per interval"))
        cl.addWidget(self.chart)
        split.addWidget(hm_card)
        split.addWidget(ch_card)
        split.setSizes([300, 260])
        self.body.addWidget(split, 1)
        doc.requirementChanged.connect(self.mark_stale)

    def reset(self) -> None:
        """No heatmap, curve, queue list or what-if value of the previous project."""
        super().reset()
        self._commit.stop()  # a slider still moving belongs to the previous project
        self.import_notes.clear()
        self.queue_box.clear()
        self.heatmap.set_data(np.zeros((0, 0)), [], [])
        self.chart.set_series([])
        self.summary.setText("")

    def _slider(self) -> QSlider:
        s = QSlider(Qt.Orientation.Horizontal)
        s.setRange(50, 150)
        s.setSingleStep(1)
        s.setPageStep(5)
        s.setTickInterval(10)
        s.setTickPosition(QSlider.TickPosition.TicksBelow)
        return s

    def _slider_moved(self) -> None:
        self.volume_value.setText(f"{self.volume_slider.value()} %")
        self.aht_value.setText(f"{self.aht_slider.value()} %")
        self._commit.start()

    def commit_whatif(self) -> None:
        p = self.doc.project
        if p is None:
            return
        vol = self.volume_slider.value() / 100.0
        aht = self.aht_slider.value() / 100.0
        if abs(vol - p.scenario.volume_factor) > 1e-9:
            self.doc.apply(SetScenarioField("volume_factor", vol))
        if abs(aht - p.scenario.aht_factor) > 1e-9:
            self.doc.apply(SetScenarioField("aht_factor", aht))

    def reset_whatif(self) -> None:
        self.volume_slider.setValue(100)
        self.aht_slider.setValue(100)
        self._commit.stop()
        self.commit_whatif()

    def ask_import(self) -> None:
        paths = ask_open_workbooks(self, tr("Forecast importeren"))
        if paths:
            self.import_file(paths[0])

    def open_history_dialog(self, path: Path | None = None):
        """The "Forecast maken uit historie" dialog (non-blocking); with ``path`` it starts at
        once on that file."""
        from kcroster.gui.views.forecast_history import ForecastHistoryDialog

        if self.doc.project is None:
            self.status(tr("Open eerst een project."))
            return None
        dialog = ForecastHistoryDialog(self.doc, self.window_)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.history_dialog = dialog
        dialog.open()
        if path is not None:
            dialog.set_path(path)
            dialog.start_run()
        return dialog

    def import_file(self, path: Path):
        def done(project) -> None:
            self.status(tr("Forecast ingelezen uit {naam}").format(naam=path.name))
            self.show_import_notes(path.name, project)

        return import_into_project(self.window_, self.doc, tr("Forecast importeren"),
                                   self.doc.backend.import_forecast, path, done)

    def show_import_notes(self, file_name: str, project) -> None:
        """What the forecast importer noted (volume outside opening hours, quiet queues, …)."""
        fc = getattr(project, "forecast", None)
        self.import_notes.show_notes(file_name, list(getattr(fc, "notes", None) or []))

    def refresh(self) -> None:
        p = self.doc.project
        assert p is not None
        if not self._commit.isActive():  # never overwrite a slider the planner is still moving
            for s, v in ((self.volume_slider, p.scenario.volume_factor), (self.aht_slider, p.scenario.aht_factor)):
                s.blockSignals(True)
                s.setValue(round(v * 100))
                s.blockSignals(False)
        self.volume_value.setText(f"{self.volume_slider.value()} %")
        self.aht_value.setText(f"{self.aht_slider.value()} %")
        fill_queue_combo(self.queue_box, [q.name for q in p.forecast.queues] if p.forecast else [])
        self.refresh_charts()

    def refresh_charts(self) -> None:
        p = self.doc.project
        if p is None or p.forecast is None:
            self.heatmap.set_data(np.zeros((0, 0)), [], [])
            self.chart.set_series([])
            self.summary.setText(tr("Nog geen forecast: importeer een werkmap of CSV, of sleep hem op het venster."))
            return
        fc = p.forecast
        q = max(0, self.queue_box.currentIndex())
        sc = p.scenario
        vol = fc.volume[q] * sc.volume_factor
        hz = fc.horizon
        matrix, minutes = by_day_and_time(hz, vol)
        self.heatmap.set_data(matrix, [fmt.day(d) for d in hz.dates], minutes, tr("contacten"))
        ticks, labels = day_ticks(hz)
        self.chart.x_ticks = ticks
        self.chart.x_label = tick_labels(ticks, labels)
        colour = theme.queue_colour(q, fc.queues[q].color)
        series = [Series(tr("Forecast × wat-als"), vol, colour, step=True, fill=True)]
        if abs(sc.volume_factor - 1) > 1e-9:
            series.append(Series(tr("Oorspronkelijk"), fc.volume[q], theme.secondary_line(), step=True,
                                 dashed=True, width=1.2))
        self.chart.set_series(series)
        total = float(vol.sum())
        weights = fc.volume[q]
        aht = float((fc.aht[q] * weights).sum() / weights.sum()) * sc.aht_factor if weights.sum() > 0 else float("nan")
        peak = float(vol.max()) if vol.size else 0.0
        self.summary.setText(
            tr(
                "{queue}: {total} contacten in {dagen} dagen · gemiddelde AHT {aht} s · piek {piek} per interval"
            ).format(
                queue=fc.queues[q].name,
                total=fmt.num(total, 0),
                dagen=hz.days,
                aht=fmt.num(aht, 0),
                piek=fmt.num(peak, 1),
            )
        )
