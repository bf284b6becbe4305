"""The question after a forecast import with gaps (issue 24 item 1).

A forecast file that lacks a value inside opening hours (a deleted 10:00 row, an empty cell)
used to read as zero without a word, leaving a hole at the peak. The importer now fills such
gaps by interpolation and lists them (the backend's ``forecast_gaps``); before the
import reaches the project this dialog shows the planner how many there are and where, and
lets them choose: interpolate, set to zero, or abort the import (the project stays as it was).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kcroster.gui import fmt
from kcroster.gui.i18n import plural, tr

SHOWN_GAPS = 200  # rows in the table; the count above it covers the rest
VISIBLE_ROWS = 10  # rows the table shows without scrolling


def gap_place(gap: Any) -> str:
    """Where the value is missing in the file, in the UI language."""
    sheet = tr("blad {blad}: ").format(blad=gap.sheet) if gap.sheet else ""
    if gap.row is not None:
        return sheet + tr("lege cel, rij {rij}, kolom {kolom}").format(
            rij=gap.row, kolom=gap.column
        )
    if gap.after_row is not None and gap.before_row is not None:
        text = tr("geen regel, hoort tussen rij {a} en {b}").format(
            a=gap.after_row, b=gap.before_row
        )
    elif gap.after_row is not None:
        text = tr("geen regel, hoort na rij {a}").format(a=gap.after_row)
    else:
        text = tr("geen regel, hoort vóór rij {b}").format(b=gap.before_row)
    if gap.column:
        text += tr(", kolom {kolom}").format(kolom=gap.column)
    return sheet + text


class ForecastGapDialog(QDialog):
    """Count and first gaps of an import, and the planner's choice (:attr:`choice`)."""

    def __init__(self, report: Any, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Ontbrekende waarden in de forecast"))
        self.choice: str | None = None  # "interpolate", "zero" or None (abort)
        lay = QVBoxLayout(self)
        lay.setSpacing(10)
        self.summary = QLabel(
            plural(
                report.count,
                tr("In {bestand} heeft 1 interval binnen de openingstijden geen waarde."),
                tr("In {bestand} hebben {n} intervallen binnen de openingstijden geen waarde."),
                bestand=file_name,
            )
        )
        f = self.summary.font()
        f.setBold(True)
        self.summary.setFont(f)
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)
        explain = QLabel(
            tr(
                "Een ontbrekende regel of lege cel is geen 0: op nul zetten laat een gat in de bezetting. "
                "Interpoleren vult het lineair tussen de naburige intervallen van dezelfde dag; aan het begin "
                "of eind van een dag met hetzelfde interval op dezelfde weekdag in de naburige weken."
            )
        )
        explain.setWordWrap(True)
        lay.addWidget(explain)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [tr("Wachtrij"), tr("Datum"), tr("Tijd"), tr("Plaats in het bestand")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a list to read, no current cell
        shown = report.gaps[:SHOWN_GAPS]
        self.table.setRowCount(len(shown))
        for r, gap in enumerate(shown):
            time_text = gap.time + (tr(" (wintertijd)") if gap.winter else "")
            cells = (
                gap.queue,
                f"{fmt.weekday(gap.day)} {fmt.full_date(gap.day)}",
                time_text,
                gap_place(gap),
            )
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        for c in range(3):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.resizeRowsToContents()
        # as high as its rows, up to ten (more scroll), so a few gaps leave no empty box
        visible = min(max(len(shown), 1), VISIBLE_ROWS)
        row_height = (
            self.table.rowHeight(0) if shown else self.table.verticalHeader().defaultSectionSize()
        )
        frame = 2 * self.table.frameWidth()
        self.table.setMinimumWidth(620)
        self.table.setFixedHeight(header.sizeHint().height() + visible * row_height + frame)
        lay.addWidget(self.table)
        if report.count > len(shown):
            lay.addWidget(
                QLabel(
                    tr(
                        "De eerste {shown} van {n} staan in de lijst; de melding bij het inlezen "
                        "telt ze allemaal."
                    ).format(shown=len(shown), n=report.count)
                )
            )
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.abort_button = QPushButton(tr("Import afbreken"))
        self.zero_button = QPushButton(tr("Op nul zetten"))
        self.interpolate_button = QPushButton(tr("Interpoleren"))
        self.interpolate_button.setDefault(True)
        for button, choice in (
            (self.abort_button, None),
            (self.zero_button, "zero"),
            (self.interpolate_button, "interpolate"),
        ):
            buttons.addWidget(button)
            button.clicked.connect(lambda _=False, c=choice: self._choose(c))
        lay.addLayout(buttons)
        self.resize(760, self.sizeHint().height())
        self.interpolate_button.setFocus()

    def _choose(self, choice: str | None) -> None:
        self.choice = choice
        if choice is None:
            self.reject()
        else:
            self.accept()


def ask_about_forecast_gaps(
    parent: QWidget, backend: Any, project: Any, file_name: str, proceed: Callable[[Any], None]
) -> ForecastGapDialog | None:
    """Hand ``project`` to ``proceed`` with its new forecast's gaps handled as the planner chooses.

    Without gaps ``proceed`` runs at once. With gaps the (window-modal) dialog opens and is
    returned; Interpoleren/Op nul zetten apply that choice to the forecast and proceed, Import
    afbreken drops the imported copy, so the open project stays exactly as it was.
    """
    forecast = getattr(project, "forecast", None)
    report = backend.forecast_gaps(forecast) if forecast is not None else None
    if report is None:
        proceed(project)
        return None
    dialog = ForecastGapDialog(report, file_name, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def finished(_result: int) -> None:
        if dialog.choice is None:
            status = getattr(parent, "statusBar", None)
            if callable(status):
                status().showMessage(
                    tr("Import afgebroken: {naam} is niet ingelezen").format(naam=file_name), 8000
                )
            return
        project.forecast = backend.fill_forecast_gaps(forecast, dialog.choice)
        proceed(project)

    dialog.finished.connect(finished)
    dialog.open()
    return dialog
