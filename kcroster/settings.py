"""User settings (recent files, language, window layout, remembered ACD column mappings, the
folder of the last file dialog) in the platform's standard place.

Windows: ``%APPDATA%\\kcroster``; macOS: ``~/Library/Application Support/kcroster``; Linux:
``$XDG_CONFIG_HOME/kcroster`` (default ``~/.config/kcroster``). A ``--temp-basedir`` run points
:func:`set_basedir` at a throw-away folder so tests and self-tests never touch a planner's real
settings. The file is JSON with a schema version and is written atomically.

A damaged settings file must never stop kcroster from starting (issue 23 item 10): a file that is
not JSON, not an object, has an unusable ``schema_version`` or values of the wrong type or range
is renamed aside (``settings.beschadigd-<tijd>.json``, so nothing the planner had is destroyed),
the values that are still valid are kept, the others get their defaults, and
:func:`load_settings` reports a :class:`SettingsProblem` that the GUI shows at start-up.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from pathlib import Path
from typing import Any

from kcroster.io.atomic import WriteError, atomic_write

__all__ = [
    "SCHEMA_VERSION", "Settings", "SettingsProblem", "WriteError", "basedir", "header_signature",
    "load_settings", "recovery_dir", "save_settings", "set_basedir", "settings_path",
]

SCHEMA_VERSION = 1
APP = "kcroster"
LANGUAGES = ("nl", "en")  # as kcroster.gui.i18n.LANGUAGES (the core does not import Qt)
_basedir: Path | None = None


def default_basedir() -> Path:
    if sys.platform == "win32":
        root = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        root = Path.home() / "Library" / "Application Support"
    else:
        root = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return root / APP


def set_basedir(path: str | Path | None) -> Path:
    """Use ``path`` for settings and recovery files; ``None`` → the platform default."""
    global _basedir
    _basedir = Path(path) if path is not None else None
    return basedir()


def make_temp_basedir() -> Path:
    return set_basedir(tempfile.mkdtemp(prefix="kcroster-"))


def basedir() -> Path:
    return _basedir or default_basedir()


def recovery_dir() -> Path:
    d = basedir() / "recovery"
    d.mkdir(parents=True, exist_ok=True)
    return d


@dataclass
class Settings:
    schema_version: int = SCHEMA_VERSION
    language: str = "nl"
    recent_files: list[str] = field(default_factory=list)
    window_geometry: str | None = None  # base64 of QWidget.saveGeometry()
    window_state: str | None = None
    last_screen: int = 0
    solve_time_limit_s: int = 60
    solve_workers: int = 0  # 0 = all cores
    # call-by-call ACD exports: header signature → the planner's column mapping (field → column)
    column_mappings: dict[str, dict[str, str]] = field(default_factory=dict)
    # the folder the planner last picked a file in: every file dialog opens there next time
    last_folder: str | None = None

    def add_recent(self, path: str | Path, limit: int = 10) -> None:
        p = str(Path(path).resolve())
        self.recent_files = [p] + [r for r in self.recent_files if r != p]
        del self.recent_files[limit:]

    def columns_for(self, header: Sequence[str]) -> dict[str, str] | None:
        """The column mapping the planner gave for a file with this header before, if any."""
        found = self.column_mappings.get(header_signature(header))
        return dict(found) if found else None

    def remember_columns(
        self, header: Sequence[str], mapping: dict[str, str], limit: int = 20
    ) -> None:
        """Remember ``mapping`` for files with this header (the newest ``limit`` headers), so
        the next export of the same ACD report needs no mapping (GUI dialog and ``--columns``)."""
        key = header_signature(header)
        rest = {k: v for k, v in self.column_mappings.items() if k != key}
        self.column_mappings = {key: dict(mapping), **dict(list(rest.items())[: limit - 1])}


def header_signature(header: Sequence[str]) -> str:
    """A file's column names as one key: trimmed, case-folded, in order, ``|``-separated.

    The same ACD report exported again (other dates, other rows) has the same signature; a
    report with a column more or less is another layout and gets its own mapping.
    """
    return "|".join(str(h).strip().casefold() for h in header)


def settings_path() -> Path:
    return basedir() / "settings.json"


@dataclass(frozen=True)
class SettingsProblem:
    """What was wrong with the settings file and what :func:`load_settings` did about it."""

    reason: str  # Dutch, e.g. "geen geldige JSON"
    moved_to: Path | None  # where the damaged file now is (None: it could not be renamed)
    reset: tuple[str, ...] = ()  # settings that got their default value; () = all of them

    @property
    def message_nl(self) -> str:
        if len(self.reset) == 1:
            what = f"de instelling {self.reset[0]} staat"
        elif self.reset:
            what = f"de instellingen {', '.join(self.reset)} staan"
        else:
            what = "alle instellingen staan"
        where = (f"het oude bestand is bewaard als {self.moved_to}" if self.moved_to is not None
                 else "het oude bestand kon niet opzij worden gezet")
        return (f"Het instellingenbestand was beschadigd ({self.reason}); {what} weer op de "
                f"standaardwaarde en {where}.")


def _is_int(v: object, lo: int, hi: int) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and lo <= v <= hi


def _is_opt_str(v: object) -> bool:
    return v is None or isinstance(v, str)


# Each setting's test: a value that fails it is replaced by the default. The ranges are those
# the window accepts (a spin box raises on an int beyond 32 bits; the screens are a short list).
_VALID: dict[str, Callable[[Any], bool]] = {
    "schema_version": lambda v: _is_int(v, 0, 10**6),
    "language": lambda v: v in LANGUAGES,
    "recent_files": lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
    "window_geometry": _is_opt_str,
    "window_state": _is_opt_str,
    "last_folder": _is_opt_str,
    "last_screen": lambda v: _is_int(v, 0, 999),
    "solve_time_limit_s": lambda v: _is_int(v, 1, 86_400),
    "solve_workers": lambda v: _is_int(v, 0, 4096),
    "column_mappings": lambda v: (
        isinstance(v, dict)
        and all(
            isinstance(k, str)
            and isinstance(m, dict)
            and all(isinstance(a, str) and isinstance(b, str) for a, b in m.items())
            for k, m in v.items()
        )
    ),
}
assert set(_VALID) == {f.name for f in fields(Settings)}


def _migrate(raw: dict) -> dict:
    """Version 0 called the recent files ``recent``; the caller has checked the version."""
    version = raw.get("schema_version", 0)
    if version < 1:
        raw.setdefault("recent_files", raw.pop("recent", []))
        raw["schema_version"] = 1
    return raw


def _set_aside(path: Path) -> Path | None:
    """Rename a damaged settings file to ``settings.beschadigd-<tijd>.json`` beside it."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    for n in range(100):
        target = path.with_name(f"settings.beschadigd-{stamp}{'' if n == 0 else f'-{n}'}.json")
        if target.exists():
            continue
        try:
            path.replace(target)
        except OSError:
            return None
        return target
    return None


def load_settings(problems: list[SettingsProblem] | None = None) -> Settings:
    """The planner's settings; defaults when there is no file yet.

    Never raises for a damaged file: it is set aside, the valid values are kept, and what was
    wrong is appended to ``problems`` (the GUI shows it at start-up).
    """
    problems = [] if problems is None else problems
    path = settings_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings()
    except UnicodeDecodeError:
        text = None
    except OSError as exc:  # not readable (rights, I/O): leave the file alone, start with defaults
        problems.append(SettingsProblem(f"niet leesbaar: {exc.strerror or exc}", None))
        return Settings()
    raw: Any = None
    reason = "geen tekst (UTF-8)"
    if text is not None:
        try:
            raw = json.loads(text)
            reason = "geen object met instellingen"
        except (ValueError, RecursionError):
            reason = "geen geldige JSON"
    if not isinstance(raw, dict):
        problems.append(SettingsProblem(reason, _set_aside(path)))
        return Settings()
    bad = [k for k, test in _VALID.items() if k in raw and not test(raw[k])]
    if "schema_version" in bad:
        raw["schema_version"] = SCHEMA_VERSION  # unknown layout: read what fits today's
    raw = _migrate(raw)
    bad += [k for k, test in _VALID.items() if k in raw and not test(raw[k]) and k not in bad]
    kept = {k: v for k, v in raw.items() if k in _VALID and k not in bad}
    if bad:
        problems.append(SettingsProblem("onjuiste waarden", _set_aside(path), tuple(bad)))
    return Settings(**kept)


def save_settings(settings: Settings) -> Path:
    """Write the settings atomically; a failure is a :class:`WriteError` the caller reports."""
    path = settings_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(path, "de map bestaat niet of is alleen-lezen", exc.errno) from exc
    text = json.dumps(asdict(settings), indent=2)
    atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    return path
