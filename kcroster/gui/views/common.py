"""Helpers the screens share: reshaping interval arrays, queue pickers, import jobs."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kcroster import settings as user_settings
from kcroster.gui import fmt
from kcroster.gui.document import ProjectDocument
from kcroster.gui.i18n import plural, tr
from kcroster.gui.jobs import run_job
from kcroster.model.timegrid import Horizon
from kcroster.model.weeks import iso_weeks

WORKBOOK_FILTER = "Excel (*.xlsx *.xlsm);;CSV (*.csv);;" + "* (*)"


def by_day_and_time(horizon: Horizon, values: np.ndarray) -> tuple[np.ndarray, list[int]]:
    """``values[k]`` per interval → ``[day, slot of the day]`` by local clock label.

    The autumn DST day's repeated hour is summed into its clock slot; the spring day's missing
    hour stays NaN (blank), so the heatmap shows the day as the planner lives it.
    """
    im = horizon.interval_minutes
    slots = 1440 // im
    out = np.full((horizon.days, slots), np.nan)
    minute = horizon.local_minute_of_day
    for d in range(horizon.days):
        sl = horizon.day_slice(d)
        idx = minute[sl] // im
        row = np.full(slots, np.nan)
        row[idx] = 0.0
        np.add.at(row, idx, np.asarray(values[sl], dtype=float))
        out[d] = row
    return out, [i * im for i in range(slots)]


def clock_labels(minutes: np.ndarray) -> Callable[[float], str]:
    """x-axis labels for one day's intervals: the local clock time of interval ``x``."""
    def label(x: float) -> str:
        return fmt.hhmm(int(minutes[min(int(x), len(minutes) - 1)]))
    return label


def tick_labels(ticks: list[float], labels: list[str]) -> Callable[[float], str]:
    """x-axis labels that name the given tick positions and leave other positions blank."""
    lookup = dict(zip(ticks, labels, strict=True))

    def label(x: float) -> str:
        return lookup.get(x, "")
    return label


def spin_box(lo: float, hi: float, step: float, decimals: int, suffix: str,
             special: str | None = None) -> QDoubleSpinBox:
    """A number field that commits on Enter or focus-out (not on every keystroke); ``special``
    is shown at the minimum (e.g. "geen")."""
    s = QDoubleSpinBox()
    s.setRange(lo, hi)
    s.setSingleStep(step)
    s.setDecimals(decimals)
    s.setSuffix(suffix)
    s.setKeyboardTracking(False)
    if special:
        s.setSpecialValueText(special)
    return s


def queue_combo(doc: ProjectDocument) -> QComboBox:
    box = QComboBox()
    box.setMinimumWidth(160)
    return box


def fill_queue_combo(box: QComboBox, names: list[str]) -> None:
    current = box.currentText()
    box.blockSignals(True)
    box.clear()
    box.addItems(names)
    if current in names:
        box.setCurrentText(current)
    box.blockSignals(False)


def fill_day_combo(box: QComboBox, horizon: Horizon, with_all: bool = False, with_weeks: bool = False) -> None:
    """The horizon's days (item data: the day's index; "Hele periode" is -1). ``with_weeks``
    puts each ISO week, named with its dates (``wk 17 (19–25 apr)``), before its days; its
    data is its first day's index, so picking it goes to the start of the week."""
    current = box.currentIndex()
    box.blockSignals(True)
    box.clear()
    if with_all:
        box.addItem(tr("Hele periode"), -1)
    weeks = {w.days[0]: w for w in iso_weeks(horizon.dates)} if with_weeks else {}
    for i, d in enumerate(horizon.dates):
        if d in weeks:
            box.addItem(fmt.week(weeks[d]), i)
        box.addItem(f"{'   ' if with_weeks else ''}{fmt.weekday(d)} {fmt.full_date(d)}", i)
    box.setCurrentIndex(max(0, min(current, box.count() - 1)))
    box.blockSignals(False)


def _settings_window(parent: QWidget | None) -> Any:
    """The main window that owns the planner's settings (``settings`` and ``save_settings()``),
    or ``None`` for a widget outside one (a screen built on its own in a test)."""
    win = parent.window() if parent is not None else None
    return win if isinstance(getattr(win, "settings", None), user_settings.Settings) else None


def start_folder(parent: QWidget | None) -> str:
    """The folder every file dialog opens in: the one the planner last picked a file in, as long
    as it still exists; otherwise ``""`` (Qt's own default, the working folder)."""
    win = _settings_window(parent)
    folder = win.settings.last_folder if win is not None else None
    return folder if folder and Path(folder).is_dir() else ""


def remember_folder(parent: QWidget | None, path: str | Path) -> None:
    """Remember the folder of a picked file (or the picked folder itself) in the settings, so
    the next dialog opens there, also after a restart. Not saved: an unchanged folder."""
    win = _settings_window(parent)
    if win is None:
        return
    p = Path(path)
    folder = str(p if p.is_dir() else p.parent)
    if win.settings.last_folder != folder:
        win.settings.last_folder = folder
        win.save_settings()  # a read-only settings folder is reported by the window itself


def _in_start_folder(parent: QWidget | None, name: str) -> str:
    folder = start_folder(parent)
    return str(Path(folder) / name) if folder and name else folder or name


def ask_open_file(parent: QWidget, title: str, file_filter: str) -> Path | None:
    """One file to open, from a dialog that starts in the last folder used."""
    path, _ = QFileDialog.getOpenFileName(parent, title, start_folder(parent), file_filter)
    if not path:
        return None
    remember_folder(parent, path)
    return Path(path)


def ask_save_file(parent: QWidget, title: str, name: str, file_filter: str) -> Path | None:
    """Where to save a file, suggested as ``name`` in the last folder used."""
    path, _ = QFileDialog.getSaveFileName(parent, title, _in_start_folder(parent, name), file_filter)
    if not path:
        return None
    remember_folder(parent, path)
    return Path(path)


def ask_folder(parent: QWidget, title: str) -> Path | None:
    """A folder, from a dialog that starts in the last folder used."""
    folder = QFileDialog.getExistingDirectory(parent, title, start_folder(parent))
    if not folder:
        return None
    remember_folder(parent, folder)
    return Path(folder)


def ask_open_workbooks(parent: QWidget, title: str, many: bool = False) -> list[Path]:
    """Workbooks (or CSV files) to import, from a dialog that starts in the last folder used."""
    if many:
        paths, _ = QFileDialog.getOpenFileNames(parent, title, start_folder(parent), WORKBOOK_FILTER)
        if paths:
            remember_folder(parent, paths[0])
        return [Path(p) for p in paths]
    path = ask_open_file(parent, title, WORKBOOK_FILTER)
    return [path] if path else []


def import_into_project(parent: QWidget, doc: ProjectDocument, title: str,
                        fn: Callable[[Any, Path], Any], path: Path,
                        on_done: Callable[[Any], None] | None = None) -> Any:
    """Run an importer on a copy of the project in the background; swap it in when it succeeds.

    The importer works on a copy so a failed or half-read file never touches the open project.
    A newly read forecast with gaps inside opening hours first asks the planner what to do
    with them (:func:`~kcroster.gui.views.forecast_gaps.ask_about_forecast_gaps`); aborting
    there leaves the project as it was.
    """
    assert doc.project is not None
    snapshot = copy.deepcopy(doc.project)
    forecast_before = getattr(snapshot, "forecast", None)

    def work(report: Callable[[object], None], cancel: Any) -> Any:
        report(tr("Bestand inlezen: {naam}").format(naam=path.name))
        return fn(snapshot, path)

    def swap_in(project: Any) -> None:
        doc.replace_project_data(project)
        if on_done is not None:
            on_done(project)

    def done(project: Any) -> None:
        if getattr(project, "forecast", None) is forecast_before:  # not a forecast import
            swap_in(project)
            return
        from kcroster.gui.views.forecast_gaps import ask_about_forecast_gaps

        ask_about_forecast_gaps(parent, doc.backend, project, path.name, swap_in)

    return run_job(parent, work, title=title, on_done=done, cancellable=False)


class ImportNotes(QFrame):
    """The notes and warnings of the last import, in a list on the screen that imported.

    An importer that accepts a file may still have something to say — volume outside opening
    hours, a queue without data, a column it ignored ("kolom 'Diagnose' genegeerd"). The planner
    sees every one of them here until they hide the list, import again or open another project.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(14, 8, 14, 10)
        lay.setSpacing(4)
        head = QHBoxLayout()
        self.title = QLabel()
        f = self.title.font()
        f.setBold(True)
        self.title.setFont(f)
        head.addWidget(self.title, 1)
        self.hide_button = QPushButton(tr("Verbergen"))
        self.hide_button.setFlat(True)
        self.hide_button.clicked.connect(self.clear)
        head.addWidget(self.hide_button)
        lay.addLayout(head)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setMaximumHeight(110)
        lay.addWidget(self.list)
        self.hide()

    def show_notes(self, file_name: str, notes: list[str]) -> None:
        """Show ``notes`` for ``file_name``; with no notes the list disappears."""
        self.list.clear()
        if not notes:
            self.hide()
            return
        self.title.setText(plural(len(notes), tr("{n} melding bij het inlezen van {bestand}"),
                                  tr("{n} meldingen bij het inlezen van {bestand}"),
                                  bestand=file_name))
        for note in notes:
            self.list.addItem("•  " + str(note))
        self.show()

    def notes(self) -> list[str]:
        return [self.list.item(i).text().removeprefix("•  ") for i in range(self.list.count())]

    def clear(self) -> None:
        self.list.clear()
        self.hide()
