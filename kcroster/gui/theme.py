"""Palette, accent and chart colours, light and dark, plus the small style sheet.

Charts and the Gantt read their colours from here and from the widget palette, never hard-coded
black, so every screen stays readable in the system's dark mode.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

ACCENT = "#2a7f95"  # calm teal: selection, primary buttons, the "required" line
ACCENT_DARK = "#5bb3c9"
SHORTAGE = "#d9534f"
SURPLUS = "#3f9c5a"
WARNING = "#e0a030"
BREAK = "#c8ccd2"
BREAK_DARK = "#5a6068"

# one colour per queue/activity, distinct and colour-blind friendly (Okabe–Ito inspired)
QUEUE_COLOURS = ("#3b7dd8", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#8c6bb1", "#b8a200")

_dark = False


def is_dark() -> bool:
    return _dark


def accent() -> QColor:
    return QColor(ACCENT_DARK if _dark else ACCENT)


def queue_colour(index: int, explicit: str | None = None) -> QColor:
    if explicit:
        c = QColor(explicit)
        if c.isValid():
            return c
    return QColor(QUEUE_COLOURS[index % len(QUEUE_COLOURS)])


def break_colour() -> QColor:
    return QColor(BREAK_DARK if _dark else BREAK)


def secondary_line() -> QColor:
    """A second curve beside the accent one (the optimiser's lower bound): a grey that stands
    out on the light and on the dark chart background (the palette's mid grey, darkened, was
    all but invisible in dark mode)."""
    return QColor("#9aa4af" if _dark else "#7b838c")


def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    try:
        return hints.colorScheme() == Qt.ColorScheme.Dark
    except AttributeError:  # Qt < 6.5
        return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def _palette(dark: bool) -> QPalette:
    p = QPalette()
    if dark:
        window, base, alt, text, button = "#23272e", "#1b1e23", "#262a31", "#e6e8eb", "#2c3139"
        mid, disabled = "#3a404a", "#7d8590"
    else:
        window, base, alt, text, button = "#f4f6f8", "#ffffff", "#f7f9fa", "#1f2328", "#ffffff"
        mid, disabled = "#d3d8de", "#8c959f"
    acc = QColor(ACCENT_DARK if dark else ACCENT)
    roles = QPalette.ColorRole
    p.setColor(roles.Window, QColor(window))
    p.setColor(roles.WindowText, QColor(text))
    p.setColor(roles.Base, QColor(base))
    p.setColor(roles.AlternateBase, QColor(alt))
    p.setColor(roles.Text, QColor(text))
    p.setColor(roles.Button, QColor(button))
    p.setColor(roles.ButtonText, QColor(text))
    p.setColor(roles.ToolTipBase, QColor(base))
    p.setColor(roles.ToolTipText, QColor(text))
    p.setColor(roles.PlaceholderText, QColor(disabled))
    p.setColor(roles.Highlight, acc)
    p.setColor(roles.HighlightedText, QColor("#ffffff" if not dark else "#0d1117"))
    p.setColor(roles.Link, acc)
    p.setColor(roles.Mid, QColor(mid))
    p.setColor(roles.Midlight, QColor(alt))
    p.setColor(roles.Dark, QColor(mid))
    p.setColor(roles.Light, QColor(base))
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(disabled))
    return p


def style_sheet(dark: bool) -> str:
    acc = ACCENT_DARK if dark else ACCENT
    side = "#1b1e23" if dark else "#e9edf1"
    side_text = "#c9d1d9" if dark else "#30363d"
    sel = "#2f3640" if dark else "#ffffff"
    border = "#3a404a" if dark else "#d3d8de"
    tile = "#262a31" if dark else "#ffffff"
    on_acc = "#0f1a1e" if dark else "#ffffff"  # text on the accent: dark on the lighter dark-mode teal
    return f"""
QWidget#Sidebar {{ background: {side}; }}
QListWidget#Navigation {{ background: transparent; border: none; outline: 0; font-size: 10.5pt; }}
QListWidget#Navigation::item {{ color: {side_text}; padding: 8px 10px; margin: 1px 6px; border-radius: 6px; }}
QListWidget#Navigation::item:selected {{ background: {sel}; color: {acc}; font-weight: bold; }}
QListWidget#Navigation::item:hover:!selected {{ background: rgba(127,127,127,0.15); }}
QLabel#SidebarTitle {{ color: {side_text}; font-weight: bold; font-size: 13pt; }}
QLabel#SidebarSection {{ color: {side_text}; font-size: 8.5pt; \
padding: 10px 14px 2px 14px; text-transform: uppercase; }}
QListWidget#Scenarios {{ background: transparent; border: none; margin: 0 6px; }}
QListWidget#Scenarios::item {{ color: {side_text}; padding: 4px 8px; border-radius: 4px; }}
QListWidget#Scenarios::item:selected {{ background: {sel}; color: {acc}; }}
QLabel#ScreenTitle {{ font-size: 15pt; font-weight: bold; padding: 2px 0 6px 0; }}
QLabel#Hint {{ color: palette(placeholder-text); }}
QFrame#Tile {{ background: {tile}; border: 1px solid {border}; border-radius: 8px; }}
QLabel#TileValue {{ font-size: 17pt; font-weight: bold; }}
QLabel#TileCaption {{ color: palette(placeholder-text); font-size: 9pt; }}
QFrame#Card {{ background: {tile}; border: 1px solid {border}; border-radius: 8px; }}
QPushButton#Primary {{ background: {acc}; color: {on_acc}; border: none; border-radius: 5px; \
padding: 6px 16px; font-weight: bold; }}
QPushButton#Primary:hover {{ background: {QColor(acc).lighter(112).name()}; }}
QPushButton#Primary:disabled {{ background: {border}; }}
QStatusBar QLabel {{ padding: 0 8px; }}
QPushButton[checkable="true"] {{ padding: 4px 16px; \
border: 1px solid {border}; border-radius: 4px; background: {tile}; }}
QPushButton[checkable="true"]:checked {{ background: {acc}; color: {on_acc}; border: 1px solid {acc}; }}
QLabel#Badge {{ border-radius: 8px; padding: 1px 8px; color: white; font-weight: bold; }}
"""


def apply(app: QApplication, dark: bool | None = None) -> None:
    """Fusion style with our palette; ``dark=None`` follows the system."""
    global _dark
    _dark = system_prefers_dark() if dark is None else dark
    app.setStyle("Fusion")
    app.setPalette(_palette(_dark))
    app.setStyleSheet(style_sheet(_dark))
