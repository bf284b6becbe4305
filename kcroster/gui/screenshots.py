"""``--screenshots DIR``: open the demo project, save a PNG of every screen, of the "Forecast
maken uit historie" dialog (on a synthetic call-by-call history that ends the day before the
demo plan, with its ACD column mapping), of the solve dialog and of the "save changes?" question
(Qt's buttons in the UI's language), then quit. Drives the real window through the event loop,
like a planner would."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QRect, QTimer
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QApplication, QWidget

from kcroster.gui.main_window import MainWindow


class ScreenshotRun:
    def __init__(self, window: MainWindow, folder: Path, *, solve_seconds: float = 8.0, suffix: str = "") -> None:
        self.window = window
        self.folder = Path(folder)
        self.solve_seconds = solve_seconds
        self.suffix = suffix
        self.saved: list[Path] = []
        self.exit_code = 1
        self._steps: list[Callable[[], bool]] = []

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.window.resize(1440, 900)
        w = self.window
        self._steps = [
            lambda: self._once("demo", w.open_demo),
            lambda: w.doc.has_project,
            self._shot_step(0, "1_forecast"),
            self._history_dialog_step,
            self._gap_dialog_step,
            self._new_project_wizard_step,
            self._shot_step(1, "2_bezetting"),
            self._fte_tab_step,
            self._shot_step(2, "3_medewerkers"),
            self._add_agent_step,
            self._scenario_without_roster_step,
            lambda: self._once("solve", self._start_solve),
            self._wait_for_roster,
            *[
                self._shot_step(i, name)
                for i, name in ((3, "4_wensen"), (4, "5_rooster"), (5, "6_dekking"), (6, "7_export"))
            ],
            self._gantt_blocks_step,
            self._print_shots,
            self._scenario_shots,
            lambda: self._dialog_shot(w.save_changes_box(), "9_opslaan_vraag", screen=4),
            self._finish,
        ]
        self._done_once: set[str] = set()
        self._t0 = time.monotonic()
        self._timer = QTimer(self.window)
        self._timer.setInterval(100)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _history_dialog_step(self) -> bool:
        """The "Forecast maken uit historie" dialog: its column mapping for an export with
        unknown column names, then the forecast (chart and backtest), then the days tab with a
        planner's +10 % and a tag. Polled until each forecast is made (or 3 minutes)."""
        from kcroster.forecasting.acd import read_header
        from kcroster.forecasting.history import load_history
        from kcroster.forecasting.synthetic import synthetic_rates, write_rate_calls_csv
        from kcroster.gui.views.forecast_history import ColumnMappingDialog
        from kcroster.model.errors import KcrosterInputError

        w = self.window
        dlg = getattr(self, "_history_dialog", None)
        if dlg is None:
            demo = w.doc.project
            weeks = 12
            first = demo.horizon.start - timedelta(weeks=weeks)
            rates = synthetic_rates(first, 7 * weeks, queues=2, daily_volume=1100.0)
            path = Path(tempfile.mkdtemp(prefix="kcroster-shots-")) / "acd_export.csv"
            write_rate_calls_csv(rates, 7 * weeks, path, queue_names=["Chat", "Telefonie"])
            # an export of another ACD: its arrival column has a name kcroster does not know
            other = path.with_name("andere_acd.csv")
            other.write_text("CallStart;Skill;QueueSec;TalkSec;Result\n"
                             "01-02-2027 08:00:01;Telefonie;12;200;ANS\n", encoding="utf-8")
            try:
                load_history(other)
                reason = ""
            except KcrosterInputError as exc:
                reason = str(exc)
            header = read_header(other)
            self._dialog_shot(ColumnMappingDialog(w, w.doc.backend, header, {}, reason), "1c_kolommen_acd_export",
                              screen=0)
            w.show_screen("forecast")
            self._history_dialog = w.forecast_screen.open_history_dialog(path)
            self._history_t0 = time.monotonic()
            return False
        waited = time.monotonic() - self._history_t0
        if (dlg.job is not None or dlg.base_result() is None) and waited < 180:
            return False
        if "history_forecast" not in self._done_once:
            self._done_once.add("history_forecast")
            dlg.tabs.setCurrentIndex(0)
            self._grab_over_window(dlg, "1a_forecast_uit_historie")
            result = dlg.base_result()
            if result is None:
                return True
            busy = [d for i, d in enumerate(result.dates) if result.volume[:, i].sum() > 0]
            dlg.set_day_percent(busy[1], 10.0)
            dlg.set_day_tag(busy[3], "mailing")  # the forecast is made again for the new tag
            return False
        dlg.tabs.setCurrentIndex(1)
        self._grab_over_window(dlg, "1b_forecast_uit_historie_dagen")
        dlg.tabs.setCurrentIndex(2)
        self._grab_over_window(dlg, "1d_forecast_uit_historie_aht_geduld")
        dlg.close()
        return True

    def _print_shots(self) -> bool:
        """Rooster afdrukken / PDF: the dialog over the Export screen, and the first team page and
        the first agent page as they come out of the printer (rendered like the PDF)."""
        from kcroster.gui.i18n import language
        from kcroster.gui.print_roster import render_page

        dialog = self.window.export_screen.ask_print()
        if dialog is None:  # no roster came out of the solve: nothing to print
            return True
        self._dialog_shot(dialog, "10_afdrukken_dialoog", screen=6)
        doc = self.window.doc
        for per, name in (("team", "11_afdruk_team"), ("agent", "12_afdruk_medewerker")):
            path = self.folder / f"{name}{self.suffix}.png"
            layout = doc.backend.print_layout(doc.project, doc.roster, per=per, language=language())
            render_page(layout, 0).save(str(path))
            self.saved.append(path)
        return True

    def _gap_dialog_step(self) -> bool:
        """The question after importing a forecast with gaps: the demo forecast with the 10:00
        rows of Tuesday's peak and a few other rows deleted, as a planner's file might be."""
        from kcroster.gui.views.forecast_gaps import ForecastGapDialog
        from kcroster.pipeline import SAMPLES

        lines = (SAMPLES / "demo_forecast.csv").read_text(encoding="utf-8").splitlines()
        deleted = ("20-04-2027;10:00;", "20-04-2027;10:15;Telefonie", "22-04-2027;14:30;Chat")
        path = Path(tempfile.mkdtemp(prefix="kcroster-shots-")) / "prognose_week16.csv"
        path.write_text("\n".join(ln for ln in lines if not ln.startswith(deleted)) + "\n", encoding="utf-8")
        backend = self.window.doc.backend
        report = backend.forecast_gaps(backend.import_forecast(None, path).forecast)
        if report is not None:
            self._dialog_shot(ForecastGapDialog(report, path.name, self.window), "1e_forecast_ontbrekende_waarden",
                              screen=0)
        return True

    def _new_project_wizard_step(self) -> bool:
        """Nieuw project uit forecast: the wizard's queues page on the demo forecast workbook."""
        from kcroster.gui.views.new_project_wizard import NewProjectWizard
        from kcroster.pipeline import SAMPLES

        path = SAMPLES / "demo_forecast.xlsx"
        backend = self.window.doc.backend
        wizard = NewProjectWizard(backend.import_forecast(None, path), path, backend, self.window)
        wizard.show()
        wizard.next()
        self._dialog_shot(wizard, "1f_nieuw_project_wizard", screen=0)
        wizard.deleteLater()
        return True

    def _scenario_without_roster_step(self) -> bool:
        """Before the solve: a scenario 'Volume +10 %' (a copy of Basis, so without a roster),
        then back to Basis, which the solve rosters."""
        from kcroster.edits import SetScenarioField

        doc = self.window.doc
        doc.add_scenario("Volume +10 %")
        doc.apply(SetScenarioField("volume_factor", 1.1))
        doc.set_active_scenario(0)
        return True

    def _scenario_shots(self) -> bool:
        """Scenario-instellingen and Scenario's vergelijken: a copy of the rostered Basis with
        35 % shrinkage on Telefonie and a Monday–Friday 09:00–10:00 team meeting (45 %), set
        in the dialog as a planner would; then Basis, 'Volume +10 %' (no roster) and the copy
        side by side. Basis is active again afterwards."""
        from datetime import time as clock

        from kcroster.model import ShrinkageBand

        w, doc = self.window, self.window.doc
        if doc.roster is None:
            return True
        doc.add_scenario("Shrinkage 35 %")
        w.show_screen("staffing")
        w.ask_scenario_settings()
        dialog = w.scenario_dialog
        names = [q.name for q in doc.project.queues]
        if "Telefonie" in names:
            dialog.queue_table.cellWidget(names.index("Telefonie"), 4).setValue(35)
        dialog.add_band_row(ShrinkageBand((0, 1, 2, 3, 4), clock(9), clock(10), 0.45,
                                          "Telefonie" if "Telefonie" in names else None))
        dialog.apply_bands()
        self._grab_over_window(dialog, "13_scenario_instellingen")
        dialog.tabs.setCurrentIndex(1)
        self._grab_over_window(dialog, "13b_scenario_shrinkage_dagdeel")
        dialog.close()
        w.ask_compare_scenarios()
        compare = w.compare_dialog
        self._grab_over_window(compare, "14_scenarios_vergelijken")
        compare.close()
        doc.set_active_scenario(0)
        return True

    def _start_solve(self) -> None:
        self.window.show_screen("roster")
        self.window.roster_screen.auto_relax = True  # an infeasible demo still gets a (soft) roster
        self.window.roster_screen.optimise(time_limit_s=self.solve_seconds)

    def _wait_for_roster(self) -> bool:
        """Grab the solve dialog once it shows a curve (or at the end of the last solve); go on
        when a roster is in place (or after 10 minutes)."""
        rs = self.window.roster_screen
        dlg = getattr(rs, "solve_dialog", None)
        if dlg is not None and "dialog" not in self._done_once and len(dlg.times) >= 3:
            self._done_once.add("dialog")
            self._grab_over_window(dlg, "8_optimaliseren_dialoog")
        if rs.job is not None:
            return False
        if self.window.doc.roster is None and time.monotonic() - self._t0 < 600:
            return False  # a relaxed re-solve is about to start
        if "dialog" not in self._done_once and dlg is not None:
            self._done_once.add("dialog")
            self._grab_over_window(dlg, "8_optimaliseren_dialoog")
        return True

    def _once(self, key: str, fn: Callable[[], object]) -> bool:
        if key not in self._done_once:
            self._done_once.add(key)
            fn()
        return True

    def _shot_step(self, index: int, name: str) -> Callable[[], bool]:
        def step() -> bool:
            self.window.show_screen(index)
            QApplication.processEvents()
            self._grab(self.window, name)
            return True
        return step

    def _add_agent_step(self) -> bool:
        """Medewerkers → + Medewerker: the dialog with a name typed, the project's queues as skills."""
        screen = self.window.screen_by_key("agents")
        dialog = screen.ask_add_agent()
        if dialog is None:
            return True
        dialog.name_edit.setText("Noor Bakker")
        if "Chat" in dialog.skill_boxes:
            dialog.skill_boxes["Chat"].setChecked(True)
        self._grab_over_window(dialog, "3b_medewerker_toevoegen")
        dialog.reject()
        dialog.deleteLater()
        return True

    def _gantt_blocks_step(self) -> bool:
        """The Gantt in the week of Hemelvaartsdag (6 May in the demo): the holiday band, a week
        of leave, reintegration days, and a multi-selection of the Wednesday shifts of five agents."""
        from datetime import date

        screen = self.window.roster_screen
        self.window.show_screen("roster")
        g, p = screen.gantt, self.window.doc.project
        if g.data is None or p is None:
            return True
        g.set_zoom("week")
        monday = date(2027, 5, 3)
        if p.horizon.start <= monday < p.horizon.end:
            g.scroll_to_day(p.horizon.day_index(monday))
            wednesday = monday + timedelta(days=2)
            g.set_selection({key for key in g.data.index if key[1] == wednesday
                             and 2 <= g.data.agent_ids.index(key[0]) <= 6})
        self._grab(self.window, "5b_rooster_verlof_selectie")
        g.set_selection(set())
        g.scroll_to_day(0)
        return True

    def _fte_tab_step(self) -> bool:
        """Bezetting's second tab: FTE per day and ISO week, on the FTE basis the planner sets."""
        screen = self.window.screen_by_key("staffing")
        screen.tabs.setCurrentIndex(1)
        self._grab(self.window, "2b_bezetting_fte")
        screen.tabs.setCurrentIndex(0)
        return True

    def _dialog_shot(self, dialog: QWidget, name: str, screen: int) -> bool:
        """Show ``dialog`` over the given screen, grab both, close the dialog."""
        self.window.show_screen(screen)
        dialog.show()
        self._grab_over_window(dialog, name)
        dialog.close()
        return True

    def _grab_over_window(self, dialog: QWidget, name: str) -> None:
        """The dialog as the planner sees it: on top of the dimmed window."""
        QApplication.processEvents()
        base = self.window.grab()
        shot = dialog.grab()
        p = QPainter(base)
        p.fillRect(base.rect(), QColor(0, 0, 0, 90))
        x = (base.width() / base.devicePixelRatio() - shot.width() / shot.devicePixelRatio()) / 2
        y = (base.height() / base.devicePixelRatio() - shot.height() / shot.devicePixelRatio()) / 2
        frame = QRect(int(x) - 1, int(y) - 1, int(shot.width() / shot.devicePixelRatio()) + 2,
                      int(shot.height() / shot.devicePixelRatio()) + 2)
        p.fillRect(frame.adjusted(3, 3, 5, 5), QColor(0, 0, 0, 60))  # a soft drop shadow
        p.fillRect(frame, self.window.palette().mid().color())
        p.drawPixmap(int(x), int(y), shot)
        p.end()
        path = self.folder / f"{name}{self.suffix}.png"
        base.save(str(path))
        self.saved.append(path)

    def _grab(self, widget: QWidget | None, name: str) -> None:
        if widget is None:
            return
        QApplication.processEvents()
        path = self.folder / f"{name}{self.suffix}.png"
        widget.grab().save(str(path))
        self.saved.append(path)

    def _tick(self) -> None:
        if time.monotonic() - self._t0 > 600:
            self._timer.stop()
            QApplication.exit(2)
            return
        while self._steps:
            if not self._steps[0]():
                return
            self._steps.pop(0)

    def _finish(self) -> bool:
        self._timer.stop()
        self.exit_code = 0
        for p in self.saved:
            print(p)
        self.window.close()
        QApplication.exit(0)
        return True
