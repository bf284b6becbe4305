"""The "Optimaliseer" progress dialog: how much better the best roster so far is than the
first, how close it is proven to the best possible (only when that says something), the
roster's figures in the planner's terms, and a stop button that keeps the best roster found.

The solver's score (strafpunten) and lower bound are a detail: a bound of 3 650 under a
roster of 382 977 proves nothing a planner can use, and a "gap" of 99 % reads as failure.
"""

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
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kcroster.gui import fmt, theme
from kcroster.gui.i18n import plural, tr
from kcroster.gui.widgets.linechart import LineChart, Series
from kcroster.solver.options import Stage

#: a gap larger than this says nothing to a planner (the bound is still far from any roster)
MEANINGFUL_GAP = 0.25


def planner_figures(totals: dict[str, float]) -> str:
    """A roster's coverage totals as a planner reads them: shortfall hours, predicted SL,
    wishes granted and hours over contract (figures the totals lack are left out)."""
    parts = []
    if "shortfall_hours" in totals:
        parts.append(tr("tekort {u} uur").format(u=fmt.num(totals["shortfall_hours"], 0)))
    sl = totals.get("service_level", math.nan)
    if math.isfinite(sl):
        parts.append(tr("voorspeld SL {p}").format(p=fmt.pct(sl, 1)))
    if totals.get("wishes_total"):
        parts.append(tr("wensen {g} van {t}").format(g=int(totals.get("wishes_granted", 0)),
                                                     t=int(totals["wishes_total"])))
    if "over_contract_hours" in totals:
        parts.append(tr("{u} uur boven contract").format(u=fmt.num(totals["over_contract_hours"], 0)))
    return " · ".join(parts)


def meaningful_gap(objective: float | None, bound: float | None) -> float | None:
    """The share by which the best roster might still improve, when the bound makes that
    claim worth showing (a positive bound within :data:`MEANINGFUL_GAP`); else None."""
    if objective is None or bound is None:
        return None
    if abs(objective) < 1e-9:
        return 0.0
    if bound <= 0:
        return None
    gap = max(0.0, (objective - bound) / abs(objective))
    return gap if gap <= MEANINGFUL_GAP else None


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
    """Progress of one solve. ``start_totals`` are the coverage totals of the roster the solve
    starts from (shown as the planner's reference), None when there is none yet."""

    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None, time_limit_s: float, workers: int | None = None,
                 start_totals: dict[str, float] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Rooster optimaliseren"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumSize(640, 460)
        self.time_limit_s = time_limit_s
        self._finished = False
        self.times: list[float] = []
        self.objectives: list[float] = []  # the best roster's score at each report: never rises
        self.bounds: list[float] = []  # NaN where the bound says nothing yet
        self._objective: float | None = None  # the best roster's score so far
        self._first: float | None = None  # the first roster's score
        self._bound: float | None = None
        self._solutions = 0
        lay = QVBoxLayout(self)
        lay.setContentsMargins(18, 16, 18, 16)
        limits = tr("Rekentijd hooguit {s} s").format(s=fmt.num(time_limit_s, 0))
        if workers:
            limits += " · " + plural(workers, tr("{n} rekenkern"), tr("{n} rekenkernen"))
        self.workers = workers
        head = QLabel(
            tr("De optimalisatie zoekt een rooster dat de bezetting zo goed mogelijk dekt binnen alle regels.")
            + "\n"
            + limits
            + "."
        )
        head.setWordWrap(True)
        lay.addWidget(head)
        self.start_figures = QLabel()
        self.start_figures.setObjectName("Hint")
        self.start_figures.setWordWrap(True)
        figures = planner_figures(start_totals or {})
        self.start_figures.setText(tr("Huidig rooster: {f}. Na afloop staan dezelfde cijfers van het nieuwe "
                                      "rooster in de statusbalk en op Dekking.").format(f=figures))
        self.start_figures.setVisible(bool(figures))
        lay.addWidget(self.start_figures)
        self.verdict = QLabel(tr("Nog geen rooster gevonden."))
        f = self.verdict.font()
        f.setPointSizeF(f.pointSizeF() * 1.25)
        f.setBold(True)
        self.verdict.setFont(f)
        self.verdict.setWordWrap(True)
        lay.addWidget(self.verdict)
        self.chart = LineChart(title=tr("Beste rooster tot nu toe (strafpunten: lager is beter)"))
        self.chart.placeholder = tr("Nog geen rooster gevonden — de optimalisatie zoekt de eerste oplossing…")
        self.chart.y_min = None
        # whole seconds once the curve spans ten of them; a shorter span (the first seconds
        # after the first roster) in tenths, or its ticks would read "11 s, 11 s, 12 s, …"
        self.chart.x_label = lambda x: f"{fmt.num(x, 0 if self._time_span() >= 10 else 1)} s"
        lay.addWidget(self.chart, 1)
        self.values: dict[str, QLabel] = {}
        lay.addLayout(self._value_grid((("elapsed", tr("Verstreken")),
                                        ("solutions", tr("Roosters gevonden")),
                                        ("improvement", tr("Beter dan het eerste rooster")),
                                        ("gap", tr("Hooguit nog te verbeteren")))))
        self.values["gap"].setToolTip(tr(
            "Bewezen met de ondergrens: zo veel strafpunten kan een beter rooster hooguit schelen. "
            "Zolang de ondergrens ver weg ligt zegt dat niets, en staat hier een streepje."))
        self.details_button = QToolButton()
        self.details_button.setText(tr("Details: doelfunctie, ondergrens en aanpak"))
        self.details_button.setCheckable(True)
        self.details_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.details_button.setArrowType(Qt.ArrowType.RightArrow)
        lay.addWidget(self.details_button)
        self.details = QWidget()
        details = QVBoxLayout(self.details)
        details.setContentsMargins(0, 0, 0, 0)
        details.addLayout(self._value_grid((("objective", tr("Doelfunctie (strafpunten)")),
                                            ("bound", tr("Ondergrens")))))
        # what the optimiser runs, as it decided at the start (kcroster roster --explain-plan)
        self.plan = QLabel("")
        self.plan.setObjectName("Hint")
        self.plan.setWordWrap(True)
        self.plan.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        details.addWidget(self.plan)
        self.details.setVisible(False)
        self.details_button.toggled.connect(self._show_details)
        lay.addWidget(self.details)
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

    def _value_grid(self, specs: tuple[tuple[str, str], ...]) -> QGridLayout:
        """Captions over bold values; the value labels go into :attr:`values`."""
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        for i, (key, caption) in enumerate(specs):
            cap = QLabel(caption)
            cap.setObjectName("Hint")
            val = QLabel("–")
            f = val.font()
            f.setBold(True)
            val.setFont(f)
            grid.addWidget(cap, 0, i)
            grid.addWidget(val, 1, i)
            self.values[key] = val
        return grid

    def _show_details(self, on: bool) -> None:
        self.details.setVisible(on)
        self.details_button.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)

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
        """One progress report. The best roster shown is the cheapest reported so far: a report
        of a worse score (a strategy's own figure) never makes it rise. A report of a better
        bound alone (the Lagrangian thread) carries no roster and no count."""
        elapsed = float(getattr(snap, "elapsed_s", 0.0) or 0.0)
        plan = getattr(snap, "plan", ())
        if plan:
            self.plan.setText(tr("Aanpak:") + "\n" + "\n".join(plan))
        new_obj = getattr(snap, "objective", None)
        if new_obj is not None and (self._objective is None or new_obj < self._objective):
            self._objective = float(new_obj)
            if self._first is None:
                self._first = self._objective
        obj = self._objective
        bound = getattr(snap, "best_bound", None)
        if bound is not None and (self._bound is None or bound > self._bound):
            self._bound = float(bound)
        bound = self._bound
        self._solutions = max(self._solutions, int(getattr(snap, "solutions_found", 0) or 0))
        gap = meaningful_gap(obj, bound)
        self.values["objective"].setText(fmt.num(obj, 0) if obj is not None else "–")
        self.values["bound"].setText(fmt.num(bound, 0) if bound is not None else "–")
        self.values["gap"].setText(fmt.pct(gap, 1) if gap is not None else "–")
        self.values["solutions"].setText(str(self._solutions))
        if obj is not None and self._first is not None:
            better = 0.0 if self._first <= 0 else max(0.0, 1.0 - obj / self._first)
            self.values["improvement"].setText(fmt.pct(better, 0))
            self.verdict.setText(self._verdict(better, gap))
        elif self._solutions > 0:
            # a first valid roster (e.g. from the warm start) before the optimiser reports a score
            self.verdict.setText(tr("Eerste geldige rooster gevonden."))
            self.chart.placeholder = tr("Eerste geldige rooster gevonden — de optimalisatie zoekt nu betere…")
            self.chart.update()
        msg = stage_text(snap)
        if msg and self.stop_button.isEnabled():
            self.message.setText(msg)
        if obj is not None:
            self.times.append(elapsed)
            self.objectives.append(obj)
            self.bounds.append(float(bound) if gap is not None and bound is not None else float("nan"))
            t = np.asarray(self.times)
            self.chart.set_series([
                Series(tr("Beste rooster"), np.asarray(self.objectives), theme.accent(), x=t, width=2.2),
                Series(tr("Ondergrens"), np.asarray(self.bounds), theme.secondary_line(), x=t, dashed=True),
            ])

    @staticmethod
    def _verdict(better: float, gap: float | None) -> str:
        """The headline: how far the search came, and how far it can still go when known."""
        if gap is not None and gap < 1e-9:
            return tr("Het beste rooster tot nu toe is bewezen het best mogelijke.")
        text = tr("Het beste rooster tot nu toe is {p} beter dan het eerste.").format(p=fmt.pct(better, 0))
        if gap is not None:
            text += " " + tr("Het kan hooguit nog {g} beter.").format(g=fmt.pct(gap, 0))
        return text
