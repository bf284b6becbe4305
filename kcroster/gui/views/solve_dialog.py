"""The "Optimaliseer" progress dialog: objective and bound over time, gap, and a stop button
that keeps the best roster found so far."""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QElapsedTimer, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kcroster.gui import fmt, theme
from kcroster.gui.i18n import plural, tr
from kcroster.gui.widgets.linechart import LineChart, Series
from kcroster.solver.options import Stage


def stage_text(snap: object) -> str:
    """The progress report's line in the planner's language: the solver reports a stage code;
    its ``message`` (Dutch) is only shown for reports without one."""
    stage = getattr(snap, "stage", "")
    texts = {
        Stage.BUILT: tr("Model opgebouwd"),
        Stage.FIRST: tr("Eerste geldige rooster gevonden"),
        Stage.ROUND: tr("Verbeterronde {n}"),
        Stage.COMPLETED: tr("Rooster aangevuld met pauzes en wachtrijen"),
        Stage.FOUND: tr("Beter rooster gevonden"),
        Stage.FOUND_NEIGHBOURHOOD: tr("Beter rooster gevonden (buurtzoeken)"),
        Stage.DIVE: tr("Beter rooster gevonden (uit de weekroosters van de ondergrens)"),
        Stage.BOUND: tr("Ondergrens verbeterd"),
        Stage.BOUND_LAGRANGE: tr("Ondergrens verbeterd (Lagrange)"),
        Stage.DONE: tr("Klaar"),
    }
    if stage in texts:
        return texts[stage].format(n=getattr(snap, "round", 0))
    return str(getattr(snap, "message", "") or "")


class SolveDialog(QDialog):
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None, time_limit_s: float, workers: int | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Rooster optimaliseren"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumSize(620, 420)
        self.time_limit_s = time_limit_s
        self._finished = False
        self.times: list[float] = []
        self.objectives: list[float] = []
        self.bounds: list[float] = []
        self._objective: float | None = None  # the best roster's score so far
        self._bound: float | None = None
        self._solutions = 0
        lay = QVBoxLayout(self)
        lay.setContentsMargins(18, 16, 18, 16)
        limits = tr("Rekentijd hooguit {s} s").format(s=fmt.num(time_limit_s, 0))
        if workers:
            limits += " · " + plural(workers, tr("{n} rekenkern"), tr("{n} rekenkernen"))
        self.workers = workers
        head = QLabel(tr("De optimalisatie zoekt een rooster dat de bezetting zo goed mogelijk dekt binnen alle regels.")
                      + "\n" + limits + ".")
        head.setWordWrap(True)
        lay.addWidget(head)
        self.chart = LineChart(title=tr("Doelfunctie en ondergrens"))
        self.chart.placeholder = tr("Nog geen rooster gevonden — de optimalisatie zoekt de eerste oplossing…")
        self.chart.y_min = None
        # whole seconds once the curve spans ten of them; a shorter span (the first seconds
        # after the first roster) in tenths, or its ticks would read "11 s, 11 s, 12 s, …"
        self.chart.x_label = lambda x: f"{fmt.num(x, 0 if self._time_span() >= 10 else 1)} s"
        lay.addWidget(self.chart, 1)
        grid = QGridLayout()
        self.values: dict[str, QLabel] = {}
        for i, (key, caption) in enumerate((("elapsed", tr("Verstreken")), ("objective", tr("Beste rooster (strafpunten)")),
                                            ("bound", tr("Ondergrens")), ("gap", tr("Verschil")),
                                            ("solutions", tr("Oplossingen gevonden")))):
            cap = QLabel(caption)
            cap.setObjectName("Hint")
            val = QLabel("–")
            f = val.font()
            f.setBold(True)
            val.setFont(f)
            grid.addWidget(cap, 0, i)
            grid.addWidget(val, 1, i)
            self.values[key] = val
        lay.addLayout(grid)
        self.progress = QProgressBar()
        self.progress.setRange(0, max(1, int(time_limit_s)))
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        lay.addWidget(self.progress)
        self._clock = QElapsedTimer()
        self._clock.start()
        self._ticker = QTimer(self)
        self._ticker.setInterval(250)  # elapsed time moves on even while the solver is quiet
        self._ticker.timeout.connect(self._tick)
        self._ticker.start()
        self.message = QLabel(tr("Model opbouwen…"))
        self.message.setObjectName("Hint")
        lay.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.stop_button = QPushButton(tr("Stoppen en beste rooster houden"))
        self.stop_button.setObjectName("Primary")
        self.stop_button.clicked.connect(self._stop)
        buttons.addWidget(self.stop_button)
        lay.addLayout(buttons)

    def _time_span(self) -> float:
        return max(self.times) - min(self.times) if self.times else 0.0

    def _tick(self) -> None:
        elapsed = self._clock.elapsed() / 1000.0
        self.values["elapsed"].setText(f"{fmt.num(elapsed, 1)} s")
        self.progress.setValue(min(self.progress.maximum(), int(elapsed)))

    def _stop(self) -> None:
        self.stop_button.setEnabled(False)
        self.message.setText(tr("Stoppen… het beste rooster tot nu toe blijft behouden."))
        self.cancel_requested.emit()

    def reject(self) -> None:  # Esc / window close = stop, never lose the roster
        if self._finished:
            super().reject()
        else:
            self._stop()

    def finish(self) -> None:
        """The job ended: close for real."""
        self._finished = True
        self._ticker.stop()
        self.done(QDialog.DialogCode.Accepted)

    def update_progress(self, snap: object) -> None:
        elapsed = float(getattr(snap, "elapsed_s", 0.0) or 0.0)
        # a report of a better bound alone (the Lagrangian thread) carries no roster and no count:
        # the best roster and the number of rosters found stay what they were
        new_obj = getattr(snap, "objective", None)
        obj = new_obj if new_obj is not None else self._objective
        bound = getattr(snap, "best_bound", None)
        if bound is None:
            bound = self._bound
        self._objective, self._bound = obj, bound
        self._solutions = max(self._solutions, int(getattr(snap, "solutions_found", 0) or 0))
        gap = getattr(snap, "gap", None) if new_obj is not None else None
        if gap is None and obj is not None and bound is not None:
            gap = 0.0 if abs(obj) < 1e-9 else max(0.0, (obj - bound) / abs(obj))
        self.values["objective"].setText(fmt.num(obj, 0) if obj is not None else "–")
        self.values["bound"].setText(fmt.num(bound, 0) if bound is not None else "–")
        self.values["gap"].setText(fmt.pct(gap, 1) if gap is not None and math.isfinite(gap) else "–")
        self.values["solutions"].setText(str(self._solutions))
        if obj is None and self._solutions > 0 and not self.objectives:
            # a first valid roster (e.g. from the warm start) before the optimiser reports a score
            self.chart.placeholder = tr("Eerste geldige rooster gevonden — de optimalisatie zoekt nu betere…")
            self.chart.update()
        msg = stage_text(snap)
        if msg and self.stop_button.isEnabled():
            self.message.setText(msg)
        if obj is not None:
            self.times.append(elapsed)
            self.objectives.append(float(obj))
            self.bounds.append(float(bound) if bound is not None else float("nan"))
            t = np.asarray(self.times)
            self.chart.set_series([
                Series(tr("Beste rooster"), np.asarray(self.objectives), theme.accent(), x=t, width=2.2),
                Series(tr("Ondergrens"), np.asarray(self.bounds), theme.secondary_line(), x=t, dashed=True),
            ])
