"""Application start-up: ``main(argv)`` parses the flags, sets up Qt, shows the window first
and loads the project afterwards so the window is on screen fast (heavy modules load lazily).

Flags: ``--project PATH`` (open a ``.kcroster``), ``--demo`` (the demo project; also the default
when nothing else is given and no recent file exists), ``--lang nl|en``, ``--temp-basedir``
(settings and recovery files in a throw-away folder), ``--dark`` / ``--light``, and
``--screenshots DIR`` (open the demo, save a PNG of every screen and of the solve dialog, quit).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from kcroster import settings as user_settings


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="kcroster", description="kcroster — personeelsplanning voor klantcontactcentra")
    ap.add_argument("--project", type=Path, help="projectbestand (.kcroster) om te openen")
    ap.add_argument("--demo", action="store_true", help="open het demo-project")
    ap.add_argument("--lang", choices=("nl", "en"), help="taal van de gebruikersinterface")
    ap.add_argument("--temp-basedir", action="store_true", help="instellingen in een tijdelijke map (tests)")
    ap.add_argument("--read-only", action="store_true", help="project alleen-lezen openen")
    theme_group = ap.add_mutually_exclusive_group()
    theme_group.add_argument("--dark", action="store_true", help="donkere weergave")
    theme_group.add_argument("--light", action="store_true", help="lichte weergave")
    ap.add_argument("--screenshots", type=Path, metavar="DIR", help="sla van elk scherm een PNG op en stop")
    ap.add_argument("--solve-seconds", type=float, default=8.0, help=argparse.SUPPRESS)
    ap.add_argument("--screenshot-suffix", default="", help=argparse.SUPPRESS)
    return ap


def make_app(argv: list[str] | None = None, *, lang: str = "nl", dark: bool | None = None) -> Any:
    """The QApplication (created once), themed and translated."""
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from kcroster.gui import i18n, icons, theme

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        QCoreApplication.setOrganizationName("kcroster")
        QCoreApplication.setApplicationName("kcroster")
        app = QApplication([sys.argv[0] if sys.argv else "kcroster", *(argv or [])])
    theme.apply(app, dark)
    i18n.install_language(lang)
    app.setWindowIcon(icons.app_icon())
    return app


def main(argv: list[str] | None = None) -> int:
    import multiprocessing

    multiprocessing.freeze_support()  # the frozen app re-enters here for the solver's child process
    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    if args.temp_basedir:
        user_settings.make_temp_basedir()
    if args.screenshots is not None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    problems: list[user_settings.SettingsProblem] = []
    cfg = user_settings.load_settings(problems)  # a damaged file is set aside, never fatal
    lang = args.lang or cfg.language or "nl"
    dark = True if args.dark else (False if args.light else None)
    if args.screenshots is not None and dark is None:
        dark = False
    app = make_app([], lang=lang, dark=dark)

    from PySide6.QtCore import QTimer

    from kcroster.gui.main_window import FileOpenFilter, MainWindow

    # installed before the window exists: macOS delivers the double-clicked file right at launch
    file_open = FileOpenFilter(app)
    if args.screenshots is None:
        app.installEventFilter(file_open)
    window = MainWindow(settings=cfg, confirm_close=args.screenshots is None)
    if args.screenshots is None:
        window.restore_layout()
    window.show()

    if problems and args.screenshots is not None:
        for problem in problems:  # no one to click a message box away
            print(problem.message_nl, file=sys.stderr)
    elif problems:
        QTimer.singleShot(0, lambda: show_settings_problems(window, problems))

    if args.screenshots is not None:
        from kcroster.gui.screenshots import ScreenshotRun

        run = ScreenshotRun(window, args.screenshots, solve_seconds=args.solve_seconds, suffix=args.screenshot_suffix)
        QTimer.singleShot(0, run.start)
        app.exec()
        return run.exit_code

    file_open.attach(window)

    def start() -> None:
        if not file_open.received:  # else the system already asked for a file (macOS Finder)
            load_initial(window, args, cfg)

    QTimer.singleShot(0, start)
    return int(app.exec())


def show_settings_problems(window: Any, problems: list[user_settings.SettingsProblem]) -> Any:
    """Tell the planner at start-up that the settings file was damaged, where the old file went
    and which settings are back at their defaults (issue 23 item 10). Returns the message box."""
    from kcroster.gui.i18n import tr

    lines = []
    for p in problems:
        fields = ", ".join(p.reset) if p.reset else tr("alle instellingen")
        if p.moved_to is not None:
            text = tr("Het instellingenbestand was beschadigd en is bewaard als {pad}. "
                      "Op de standaardwaarde gezet: {velden}.")
            text = text.format(pad=p.moved_to, velden=fields)
        else:
            text = tr("Het instellingenbestand was beschadigd en kon niet opzij worden gezet. "
                      "Op de standaardwaarde gezet: {velden}.").format(velden=fields)
        lines.append(text)
    return window.show_notices(tr("Instellingen"), lines)


def load_initial(window: Any, args: argparse.Namespace, cfg: user_settings.Settings) -> Any:
    """What the window shows first: an untitled project's recovery copy when the planner takes
    it (the edits of a crashed ``--demo`` or new project), else ``--project``, the demo, or the
    most recent file. Returns the loading job (None when nothing loads)."""
    recovered = window.recover_untitled()
    if recovered is not None:
        return recovered
    if args.project is not None:
        return window.open_path(args.project, read_only=args.read_only)
    if args.demo or not cfg.recent_files or not Path(cfg.recent_files[0]).exists():
        return window.open_demo()
    return window.open_path(Path(cfg.recent_files[0]))


def selftest_window(project: Any) -> str:
    """Open the main window offscreen on ``project``, visit every screen; used by ``--self-test``."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = make_app([], dark=False)
    from kcroster.gui.document import ProjectDocument
    from kcroster.gui.main_window import MainWindow

    doc = ProjectDocument()
    window = MainWindow(doc, confirm_close=False)
    window.show()
    doc.set_project(project)
    failed = []
    for i, screen in enumerate(window.screens):
        window.show_screen(i)
        app.processEvents()
        if screen.last_error is not None:
            failed.append(f"{screen.title()}: {screen.last_error}")
    titles = [s.title() for s in window.screens]
    window.close()
    if failed:
        raise RuntimeError("schermen met fouten: " + "; ".join(failed))
    return f"{len(titles)} schermen: {', '.join(titles)}"


if __name__ == "__main__":
    sys.exit(main())
