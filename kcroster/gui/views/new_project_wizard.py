"""Nieuw project uit forecast as a wizard (issue 24 item 12).

The forecast file is read first (in the background, as before); the wizard then shows what it
holds so the planner can check and correct it before the project exists: the project name (the
file name), the interval it is written in, per queue its name, channel and opening hours per weekday and on
public holidays, and its service target. Every field starts with the file's value, so Voltooien
without edits gives the project the direct import gave. The wizard only collects choices;
:meth:`NewProjectWizard.apply_to` writes them into the imported project, and the window opens
it through the same guarded path (unsaved edits asked about first, forecast gaps, lock, reset).
"""

from __future__ import annotations

from datetime import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from kcroster.edits import RenameProject
from kcroster.gui.i18n import tr
from kcroster.model.queues import Channel, OpeningHours, TimeWindow
from kcroster.model.weeks import iso_weeks

DAYS = ("ma", "di", "wo", "do", "vr", "za", "zo")  # the forecast file's own day words
HOLIDAY = "feestdag"
CHANNELS = (Channel.VOICE, Channel.CHAT, Channel.EMAIL)


def channel_text(channel: Channel) -> str:
    return {Channel.VOICE: tr("Telefonie"), Channel.CHAT: tr("Chat"), Channel.EMAIL: tr("E-mail")}[channel]


def windows_text(windows: list[TimeWindow] | None) -> str:
    """``08:00-12:00,13:00-20:00`` as the forecast file writes it; no windows → ``gesloten``."""
    if not windows:
        return tr("gesloten")  # the reader also takes "closed" (English UI)

    def hhmm(t: time) -> str:
        return "24:00" if t >= time(23, 59, 59) else f"{t:%H:%M}"

    return ",".join(f"{hhmm(a)}-{hhmm(b)}" for a, b in windows)


def hours_cells(hours: OpeningHours | None) -> list[str]:
    """The seven weekday cells and the holiday cell of a queue; all blank when the file gave
    no opening hours (then the forecast's own open intervals stay in use)."""
    if hours is None:
        return [""] * (len(DAYS) + 1)
    return [windows_text(hours.weekly.get(d)) for d in range(len(DAYS))] + [windows_text(hours.holiday)]


def parse_cells(backend: Any, cells: list[str]) -> OpeningHours:
    """The cells back to opening hours, with the forecast reader's grammar (the backend's
    ``parse_opening_hours``: ``ValueError`` with a Dutch message when a cell cannot be read); an
    empty cell is closed."""
    text = "; ".join(f"{day} {cell.strip() or 'gesloten'}" for day, cell in zip((*DAYS, HOLIDAY), cells, strict=True))
    return backend.parse_opening_hours(text)


class NewProjectWizard(QWizard):
    """Project name and interval, queues with channel and opening hours, service targets."""

    def __init__(self, project: Any, path: Path, backend: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backend = backend
        self.setWindowTitle(tr("Nieuw project uit forecast"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.resize(980, 560)
        self.path = Path(path)
        self.queue_names = [q.name for q in project.queues]
        self._prefilled = [hours_cells(q.opening_hours) for q in project.queues]
        self.addPage(self._project_page(project))
        self.addPage(self._queues_page(project))
        self.addPage(self._targets_page(project))

    # -- pages ---------------------------------------------------------------------------------
    def _project_page(self, project: Any) -> QWizardPage:
        page = QWizardPage()
        page.setTitle(tr("Project"))
        page.setSubTitle(tr("Gelezen uit {naam}. Controleer de gegevens; alles is later nog te wijzigen.")
                         .format(naam=self.path.name))
        form = QFormLayout(page)
        self.name_edit = QLineEdit(project.name)
        form.addRow(tr("Projectnaam"), self.name_edit)
        # the file's own grid: the reader refuses times off another grid, and summing the file's
        # intervals into longer ones would hide the peaks the requirement is computed from
        self.interval_label = QLabel(tr("{n} minuten (uit het bestand)").format(n=project.horizon.interval_minutes))
        form.addRow(tr("Interval"), self.interval_label)
        weeks = iso_weeks(project.horizon.dates)
        period = f"{weeks[0].label()} – {weeks[-1].label()}" if len(weeks) > 1 else weeks[0].label()
        form.addRow(tr("Periode"), QLabel(period))
        self.error_label = QLabel()
        form.addRow(self.error_label)
        page.validatePage = self._check_name  # type: ignore[method-assign]
        return page

    def _queues_page(self, project: Any) -> QWizardPage:
        page = QWizardPage()
        page.setTitle(tr("Wachtrijen en openingstijden"))
        page.setSubTitle(tr("Per dag bijvoorbeeld 08:00-20:00 of 08:00-12:00,13:00-17:00; leeg of 'gesloten' is dicht. "
                            "Feestdag geldt op de Nederlandse feestdagen."))
        lay = QVBoxLayout(page)
        headers = [tr("Wachtrij"), tr("Kanaal"), tr("ma"), tr("di"), tr("wo"), tr("do"), tr("vr"), tr("za"), tr("zo"),
                   tr("Feestdag")]
        self.queue_table = QTableWidget(len(project.queues), len(headers))
        self.queue_table.setHorizontalHeaderLabels(headers)
        self.queue_table.verticalHeader().setVisible(False)
        self.queue_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for r, q in enumerate(project.queues):
            self.queue_table.setItem(r, 0, QTableWidgetItem(q.name))
            combo = QComboBox()
            for ch in CHANNELS:
                combo.addItem(channel_text(ch), ch)
            combo.setCurrentIndex(CHANNELS.index(q.channel))
            self.queue_table.setCellWidget(r, 1, combo)
            for c, text in enumerate(self._prefilled[r]):
                self.queue_table.setItem(r, 2 + c, QTableWidgetItem(text))
        lay.addWidget(self.queue_table)
        self.hours_error = QLabel()
        self.hours_error.setWordWrap(True)
        lay.addWidget(self.hours_error)
        page.validatePage = self._check_queues  # type: ignore[method-assign]
        return page

    def _targets_page(self, project: Any) -> QWizardPage:
        page = QWizardPage()
        page.setTitle(tr("Servicedoelen"))
        page.setSubTitle(tr("Het serviceniveau per wachtrij: dit percentage binnen zoveel seconden opgenomen."))
        lay = QVBoxLayout(page)
        self.target_table = QTableWidget(len(project.queues), 3)
        self.target_table.setHorizontalHeaderLabels([tr("Wachtrij"), tr("Serviceniveau %"), tr("binnen seconden")])
        self.target_table.verticalHeader().setVisible(False)
        self.target_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for r, q in enumerate(project.queues):
            item = QTableWidgetItem(q.name)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)  # named on the queues page
            self.target_table.setItem(r, 0, item)
            pct = QDoubleSpinBox()
            pct.setRange(1, 100)
            pct.setDecimals(0)
            pct.setValue(q.sl_percent)
            self.target_table.setCellWidget(r, 1, pct)
            sec = QDoubleSpinBox()
            sec.setRange(1, 3600)
            sec.setDecimals(0)
            sec.setValue(q.sl_seconds)
            self.target_table.setCellWidget(r, 2, sec)
        lay.addWidget(self.target_table)
        page.initializePage = self._show_queue_names  # type: ignore[method-assign]
        return page

    def _show_queue_names(self) -> None:
        """The targets page names the queues as the planner just named them."""
        for r in range(self.target_table.rowCount()):
            self.target_table.item(r, 0).setText(self.queue_table.item(r, 0).text().strip())

    # -- reading the fields --------------------------------------------------------------------
    def project_name(self) -> str:
        return self.name_edit.text().strip()

    def _check_name(self) -> bool:
        try:
            RenameProject(self.project_name())
        except ValueError as exc:
            self.error_label.setText(str(exc))
            return False
        self.error_label.clear()
        return True

    def queue_rows(self) -> list[dict[str, Any]]:
        """Per queue (in the file's order) what the planner chose; raises ``ValueError`` with a
        message naming the queue when a name is empty or double or hours cannot be read."""
        rows: list[dict[str, Any]] = []
        seen: set[str] = set()
        for r in range(self.queue_table.rowCount()):
            name = (self.queue_table.item(r, 0).text() or "").strip()
            if not name:
                raise ValueError(tr("Wachtrij {n} heeft geen naam.").format(n=r + 1))
            if name.casefold() in seen:
                raise ValueError(tr("De naam {naam} komt twee keer voor.").format(naam=name))
            seen.add(name.casefold())
            cells = [self.queue_table.item(r, c).text() for c in range(2, 2 + len(DAYS) + 1)]
            hours = None
            if cells != self._prefilled[r]:
                try:
                    hours = parse_cells(self.backend, cells)
                except ValueError as exc:
                    raise ValueError(tr("Openingstijden van {naam}: {fout}").format(naam=name, fout=exc)) from exc
            rows.append({
                "name": name,
                "channel": self.queue_table.cellWidget(r, 1).currentData(),
                "hours": hours,  # None: as in the file
                "sl_percent": self.target_table.cellWidget(r, 1).value(),
                "sl_seconds": self.target_table.cellWidget(r, 2).value(),
            })
        return rows

    def _check_queues(self) -> bool:
        try:
            self.queue_rows()
        except ValueError as exc:
            self.hours_error.setText(str(exc))
            return False
        self.hours_error.clear()
        return True

    # -- the result ----------------------------------------------------------------------------
    def apply_to(self, project: Any) -> Any:
        """Write the planner's choices into ``project`` (the imported one). The forecast holds the same queue
        objects (``new_project_from_forecast``), so renames and targets reach it too; changed
        opening hours also set which intervals the forecast counts as open, so the requirement
        follows them."""
        project.name = self.project_name()
        for qi, (q, row) in enumerate(zip(project.queues, self.queue_rows(), strict=True)):
            q.name, q.channel = row["name"], row["channel"]
            q.sl_percent, q.sl_seconds = float(row["sl_percent"]), float(row["sl_seconds"])
            if row["hours"] is not None:
                self.backend.set_opening_hours(project, qi, row["hours"])
        return project
