"""Translation and locale set-up: Dutch source strings, English via a compiled Qt catalogue.

Every visible string goes through :func:`tr` with Dutch text; ``resources/make_translations.py``
collects them into ``resources/i18n/kcroster_en.ts`` and compiles the ``.qm`` the app loads
when the planner picks English. Qt's own texts (the Opslaan/Niet opslaan/Annuleren buttons of a
question, the file dialogs, "Details weergeven") are English in Qt's source: in the Dutch UI
Qt's Dutch catalogue (``qtbase_nl.qm``, shipped with PySide6) translates them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

CONTEXT = "kcroster"
LANGUAGES = ("nl", "en")

_translator: QTranslator | None = None
_qt_translator: QTranslator | None = None  # Qt's own dialogs and buttons (Dutch UI)
_language = "nl"


def tr(text: str) -> str:
    """Translate a Dutch source string into the active language."""
    return QCoreApplication.translate(CONTEXT, text)


def plural(n: float, one: str, many: str, **fields: object) -> str:
    """``one`` for a count of exactly 1, else ``many``, formatted with ``n`` (and ``fields``).

    Both texts come translated by the caller, as in
    ``plural(k, tr("{n} melding"), tr("{n} meldingen"))``, so the catalogue tool still finds
    them; Dutch and English both put the singular at 1 only.
    """
    return (one if n == 1 else many).format(n=n, **fields)


def qt_translations_dir() -> str:
    """Where PySide6 keeps Qt's own catalogues (also inside the frozen bundle)."""
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def _install_qt_dutch(app: QCoreApplication) -> bool:
    """Load Qt's Dutch catalogue so its standard buttons and dialogs speak Dutch."""
    global _qt_translator
    translator = QTranslator()
    if not translator.load("qtbase_nl", qt_translations_dir()):
        return False
    app.installTranslator(translator)
    _qt_translator = translator
    return True


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
    global _translator, _qt_translator, _language
    app = QCoreApplication.instance()
    if app is not None:
        for old in (_translator, _qt_translator):
            if old is not None:
                app.removeTranslator(old)
    _translator = _qt_translator = None
    _language = "nl"
    # Dutch number and date formats either way: planners in NL/BE read 1.234,5 and 31-12-2027.
    QLocale.setDefault(QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands))
    if lang == "nl" and app is not None:
        _install_qt_dutch(app)  # without it Qt's buttons simply stay English
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
