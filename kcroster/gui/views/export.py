"""Export screen: the planner workbook, the team workbook with a preview of what it leaves out,
and the printed roster (PDF or paper, per team or per agent)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QListWidget, QPushButton

from kcroster.gui.i18n import tr
from kcroster.gui.jobs import Job, run_job
from kcroster.gui.print_roster import PrintRosterDialog
from kcroster.gui.views.base import Screen, card, hint
from kcroster.gui.views.common import ask_save_file
from kcroster.model.weeks import period_tag

XLSX = "Excel (*.xlsx)"


class ExportScreen(Screen):
    key = "export"

    def title(self) -> str:
        return tr("Export")

    def __init__(self, doc, window) -> None:
        super().__init__(doc, window)
        row = QHBoxLayout()
        row.setSpacing(14)
        planner, pl = card(tr("Plannerwerkmap"))
        pl.addWidget(
            hint(
                tr(
                    "Alles voor de planner: roostergrid, dagdetails met pauzes per medewerker, dekking per "
                    "interval, KPI's en een grafiek. Bevat re-integratiebeperkingen: niet delen met het team."
                )
            )
        )
        contents = QListWidget()
        for item in (
            tr("Roostergrid: medewerkers × dagen"),
            tr("Dagdetail met pauzes en activiteiten"),
            tr("Dekking per wachtrij en interval, met voorspeld serviceniveau"),
            tr("KPI's en een Excel-grafiek"),
            tr("Regelcontrole: alle meldingen van de checker"),
            tr("Re-integratiebeperkingen (gezondheidsgegevens)"),
        ):
            contents.addItem("•  " + item)
        contents.setMinimumHeight(150)
        pl.addWidget(contents, 1)
        self.planner_button = QPushButton(tr("Plannerwerkmap exporteren…"))
        self.planner_button.setObjectName("Primary")
        self.planner_button.clicked.connect(self.ask_planner)
        pl.addWidget(self.planner_button)
        team, tl = card(tr("Teamwerkmap"))
        tl.addWidget(hint(tr("Het rooster om te delen met het team. Deze gegevens blijven eruit:")))
        self.omissions = QListWidget()
        self.omissions.setWordWrap(True)
        tl.addWidget(self.omissions, 1)
        self.include_restrictions = QCheckBox(
            tr("Toch re-integratiebeperkingen meenemen (gezondheidsgegevens — alleen met toestemming)")
        )
        self.include_restrictions.toggled.connect(self.refresh_omissions)
        tl.addWidget(self.include_restrictions)
        self.team_button = QPushButton(tr("Teamwerkmap exporteren…"))
        self.team_button.setObjectName("Primary")
        self.team_button.clicked.connect(self.ask_team)
        tl.addWidget(self.team_button)
        row.addWidget(planner, 1)
        row.addWidget(team, 1)
        self.body.addLayout(row)
        paper, rl = card(tr("Afdrukken / PDF"))
        paper_row = QHBoxLayout()
        paper_row.addWidget(hint(tr("Het rooster op papier of als PDF: per team voor het prikbord (A4 liggend, een "
                                    "pagina per team per week) of per medewerker een weekoverzicht met wachtrijen en "
                                    "pauzes. Zonder gezondheidsgegevens: re-integratie en ziekte tonen alleen "
                                    "'niet beschikbaar'.")), 1)
        self.print_button = QPushButton(tr("Rooster afdrukken / PDF…"))
        self.print_button.setObjectName("Primary")
        self.print_button.clicked.connect(self.ask_print)
        paper_row.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignBottom)
        rl.addLayout(paper_row)
        self.body.addWidget(paper)
        self.body.addStretch(1)
        self.omissions.setMinimumHeight(150)
        self.print_dialog: PrintRosterDialog | None = None
        doc.rosterChanged.connect(self.mark_stale)

    def reset(self) -> None:
        """The consent to include health data is given per project: it never carries over."""
        super().reset()
        self.include_restrictions.setChecked(False)
        self.omissions.clear()
        self._close_print_dialog()  # it shows the previous project's teams and weeks

    def refresh(self) -> None:
        has = self.doc.roster is not None and bool(self.doc.roster.shifts)
        self.planner_button.setEnabled(has)
        self.team_button.setEnabled(has)
        self.print_button.setEnabled(has)
        self.set_subtitle("" if has else tr("Nog geen rooster om te exporteren."))
        self.refresh_omissions()

    def refresh_omissions(self) -> None:
        self.omissions.clear()
        p = self.doc.project
        if p is None:
            return
        items = list(self.doc.backend.team_workbook_omissions(p))
        if self.include_restrictions.isChecked():
            items = [tr("Let op: re-integratiebeperkingen worden meegenomen")] + [
                i for i in items if "re-integratie" not in i.lower() and "beperking" not in i.lower()]
        for i in items or [tr("Niets: er zijn geen gevoelige gegevens in dit project")]:
            self.omissions.addItem("•  " + i)

    def ask_print(self) -> PrintRosterDialog | None:
        """The print dialog for the active scenario's roster; the PDF goes next to the project."""
        if self.doc.project is None or self.doc.roster is None or not self.doc.roster.shifts:
            self.status(tr("Nog geen rooster om af te drukken."))
            return None
        self._close_print_dialog()
        folder = self.doc.path.parent if self.doc.path is not None else None
        self.print_dialog = PrintRosterDialog(
            self.doc.project, self.doc.roster, self.doc.backend, self.window_, folder=folder,
            on_saved=lambda path: self.status(tr("PDF opgeslagen: {pad}").format(pad=str(path))))
        self.print_dialog.open()
        return self.print_dialog

    def _close_print_dialog(self) -> None:
        if self.print_dialog is not None:
            self.print_dialog.close()
            self.print_dialog.deleteLater()
            self.print_dialog = None

    def file_name(self, stem: str) -> str:
        """``rooster_2027-W19-W20.xlsx``: the suggested name carries the horizon's ISO weeks, so
        the workbooks of two periods never overwrite each other."""
        p = self.doc.project
        tag = period_tag(p.horizon.dates) if p is not None else ""
        return f"{stem}_{tag}.xlsx" if tag else f"{stem}.xlsx"

    def _ask_path(self, suggestion: str) -> Path | None:
        path = ask_save_file(self, tr("Exporteren"), suggestion, XLSX)
        if not path:
            return None
        return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")

    def ask_planner(self) -> None:
        path = self._ask_path(self.file_name("rooster"))
        if path:
            self.export_planner(path)

    def ask_team(self) -> None:
        path = self._ask_path(self.file_name("rooster_team"))
        if path:
            self.export_team(path)

    def export_planner(self, path: Path) -> Job:
        assert self.doc.project is not None
        p = copy.deepcopy(self.doc.project)
        req = self.doc.requirement()
        backend = self.doc.backend

        def work(report, cancel) -> Any:
            report(tr("Werkmap schrijven…"))
            return backend.export_planner_workbook(p, p.scenario.roster, req, path)

        return run_job(self.window_, work, title=tr("Plannerwerkmap exporteren"), cancellable=False,
                       on_done=lambda _r: self.status(tr("Geëxporteerd naar {pad}").format(pad=str(path))))

    def export_team(self, path: Path) -> Job:
        assert self.doc.project is not None
        p = copy.deepcopy(self.doc.project)
        include = self.include_restrictions.isChecked()
        backend = self.doc.backend

        def work(report, cancel) -> Any:
            report(tr("Werkmap schrijven…"))
            return backend.export_team_workbook(p, p.scenario.roster, path, include_restrictions=include)

        return run_job(self.window_, work, title=tr("Teamwerkmap exporteren"), cancellable=False,
                       on_done=lambda _r: self.status(tr("Geëxporteerd naar {pad}").format(pad=str(path))))
