"""Settings live in the base dir, survive a round trip, migrate old files, shrug off bad ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kcroster import settings as st


@pytest.fixture(autouse=True)
def temp_base(tmp_path: Path):
    st.set_basedir(tmp_path)
    yield tmp_path
    st.set_basedir(None)


def test_round_trip_and_recent_order(temp_base: Path) -> None:
    s = st.Settings(language="en")
    for name in ("a", "b", "a"):
        s.add_recent(temp_base / f"{name}.kcroster")
    st.save_settings(s)
    back = st.load_settings()
    assert back.language == "en"
    assert [Path(p).name for p in back.recent_files] == ["a.kcroster", "b.kcroster"]
    assert st.settings_path().parent == temp_base


def test_version_0_file_is_migrated(temp_base: Path) -> None:
    st.settings_path().write_text(json.dumps({"recent": ["/x/y.kcroster"], "language": "nl"}))
    s = st.load_settings()
    assert s.schema_version == st.SCHEMA_VERSION and s.recent_files == ["/x/y.kcroster"]


@pytest.mark.parametrize("text", ["{", "[]", '{"language": 5, "bogus": 1}', ""])
def test_corrupt_file_gives_defaults_not_a_crash(temp_base: Path, text: str) -> None:
    st.settings_path().write_text(text)
    s = st.load_settings()
    assert isinstance(s, st.Settings)


def test_default_basedir_is_per_platform(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    st.set_basedir(None)
    monkeypatch.setattr(st.sys, "platform", "linux")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    assert st.default_basedir() == tmp_path / "cfg" / "kcroster"
    monkeypatch.setattr(st.sys, "platform", "win32")
    monkeypatch.setenv("APPDATA", str(tmp_path / "roaming"))
    assert st.default_basedir() == tmp_path / "roaming" / "kcroster"
