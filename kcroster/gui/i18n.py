"""Translation and locale set-up: Dutch source strings, English via a compiled Qt catalogue.

Every visible string goes through :func:`tr` with Dutch text; ``resources/make_translations.py``
collects them into ``resources/i18n/kcroster_en.ts`` and compiles the ``.qm`` the app loads
when the planner picks English.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

CONTEXT = "kcroster"
LANGUAGES = ("nl", "en")

_translator: QTranslator | None = None
_language = "nl"


def tr(text: str) -> str:
    """Translate a Dutch source string into the active language."""
    return QCoreApplication.translate(CONTEXT, text)


def resources_dir() -> Path:
    """``resources/`` of the source tree, or of the frozen bundle (PyInstaller)."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def language() -> str:
    return _language


def install_language(lang: str) -> bool:
    """Switch the UI language; returns False when the catalogue is missing (Dutch stays)."""
    global _translator, _language
    app = QCoreApplication.instance()
    if _translator is not None and app is not None:
        app.removeTranslator(_translator)
        _translator = None
    _language = "nl"
    # Dutch number and date formats either way: planners in NL/BE read 1.234,5 and 31-12-2027.
    QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
    if lang == "nl" or app is None:
        return lang == "nl"
    translator = QTranslator()
    qm = resources_dir() / "i18n" / f"kcroster_{lang}.qm"
    if not translator.load(str(qm)):
        return False
    app.installTranslator(translator)
    _translator = translator
    _language = lang
    return True
