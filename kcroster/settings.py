"""User settings (recent files, language, window layout) in the platform's standard place.

Windows: ``%APPDATA%\\kcroster``; macOS: ``~/Library/Application Support/kcroster``; Linux:
``$XDG_CONFIG_HOME/kcroster`` (default ``~/.config/kcroster``). A ``--temp-basedir`` run points
:func:`set_basedir` at a throw-away folder so tests and self-tests never touch a planner's real
settings. The file is JSON with a schema version and is written atomically.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

SCHEMA_VERSION = 1
APP = "kcroster"
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

    def add_recent(self, path: str | Path, limit: int = 10) -> None:
        p = str(Path(path).resolve())
        self.recent_files = [p] + [r for r in self.recent_files if r != p]
        del self.recent_files[limit:]


def settings_path() -> Path:
    return basedir() / "settings.json"


def _migrate(raw: dict) -> dict:
    version = int(raw.get("schema_version", 0))
    if version < 1:
        raw.setdefault("recent_files", raw.pop("recent", []))
        raw["schema_version"] = 1
    return raw


def load_settings() -> Settings:
    path = settings_path()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(raw, dict):
        return Settings()
    raw = _migrate(raw)
    known = {k: v for k, v in raw.items() if k in Settings.__dataclass_fields__}
    try:
        return Settings(**known)
    except TypeError:
        return Settings()


def save_settings(settings: Settings) -> Path:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".settings-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(asdict(settings), fh, indent=2)
    os.replace(tmp, path)
    return path
