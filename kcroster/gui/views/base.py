"""Shared screen scaffolding: a title, lazy refresh when shown, small layout helpers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kcroster.gui import fmt, theme
from kcroster.gui.document import ProjectDocument
from kcroster.gui.i18n import tr

if TYPE_CHECKING:
    from kcroster.gui.main_window import MainWindow


class Screen(QWidget):
    """A screen refreshes only while visible; changes while hidden mark it stale."""

    key = ""

    def __init__(self, doc: ProjectDocument, window: MainWindow) -> None:
        super().__init__()
        self.doc = doc
        self.window_ = window
        self._stale = True
        self.last_error: Exception | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(22, 16, 22, 16)
        outer.setSpacing(10)
        head = QHBoxLayout()
        self.title_label = QLabel(self.title())
        self.title_label.setObjectName("ScreenTitle")
        head.addWidget(self.title_label)
        head.addStretch(1)
        self.toolbar = QHBoxLayout()
        self.toolbar.setSpacing(8)
        head.addLayout(self.toolbar)
        outer.addLayout(head)
        self.subtitle = QLabel("")
        self.subtitle.setObjectName("Hint")
        self.subtitle.setWordWrap(True)
        self.subtitle.hide()
        outer.addWidget(self.subtitle)
        self.body = QVBoxLayout()
        self.body.setSpacing(10)
        outer.addLayout(self.body, 1)
        doc.projectReplaced.connect(self._project_replaced)
        doc.scenarioChanged.connect(self.mark_stale)

    def title(self) -> str:
        return ""

    def _project_replaced(self) -> None:
        self.reset()
        self.mark_stale()

    def reset(self) -> None:
        """Forget everything shown of the previous project (selection, filters, charts, tables)
        before the new one is drawn, so nothing of it can stay on screen — for instance when the
        new project has no agents, no forecast or no roster and ``refresh`` has nothing to draw.
        Each screen clears its own widgets; called whenever the project is replaced."""
        self.last_error = None
        self.set_subtitle("")

    def mark_stale(self, *args: object) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh_now()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh_now()

    def refresh_now(self) -> None:
        self._stale = False
        if self.doc.project is None:
            return
        try:
            self.refresh()
        except Exception as exc:  # noqa: BLE001 - a screen that cannot update says why, it never crashes
            self.last_error = exc
            self.set_subtitle(tr("Dit scherm kon niet worden bijgewerkt: {fout}").format(fout=exc), error=True)
        else:
            self.last_error = None
            if self.subtitle.text().startswith(tr("Dit scherm kon niet worden bijgewerkt: {fout}").split("{")[0]):
                self.set_subtitle("")

    def refresh(self) -> None:  # pragma: no cover - overridden
        pass

    def set_subtitle(self, text: str, error: bool = False) -> None:
        self.subtitle.setText(text)
        self.subtitle.setStyleSheet(f"color: {theme.SHORTAGE};" if error else "")
        self.subtitle.setVisible(bool(text))

    def status(self, text: str, ms: int = 6000) -> None:
        self.window_.statusBar().showMessage(text, ms)


def card(title: str | None = None) -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setObjectName("Card")
    lay = QVBoxLayout(frame)
    lay.setContentsMargins(14, 10, 14, 12)
    lay.setSpacing(6)
    if title:
        lab = QLabel(title)
        f = lab.font()
        f.setBold(True)
        lab.setFont(f)
        lay.addWidget(lab)
    return frame, lay


def day_ticks(horizon) -> tuple[list[float], list[str]]:
    offs = horizon.day_offsets
    return [float(o) for o in offs[:-1]], [fmt.day(d) for d in horizon.dates]


def hint(text: str) -> QLabel:
    lab = QLabel(text)
    lab.setObjectName("Hint")
    lab.setWordWrap(True)
    lab.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return lab
