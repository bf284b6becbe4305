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


# -- issue 23 item 10: a damaged file is set aside, never fatal ------------------------------------

_BAD = [
    ('{"schema_version": "x", "language": "en"}', ("schema_version",)),
    ('{"schema_version": null}', ("schema_version",)),
    ('{"schema_version": 1e400}', ("schema_version",)),
    ('{"last_screen": "drie", "language": "en"}', ("last_screen",)),
    ('{"recent_files": "abc"}', ("recent_files",)),
    ('{"recent_files": [1, 2]}', ("recent_files",)),
    ('{"recent": 5}', ("recent_files",)),
    ('{"language": 5, "solve_workers": 99999999999999999999}', ("language", "solve_workers")),
    ('{"window_geometry": 5, "solve_time_limit_s": true}',
     ("window_geometry", "solve_time_limit_s")),
    ("geen json", ()),
    ("[1, 2]", ()),
    ("[" * 100_000, ()),
]


@pytest.mark.parametrize(("text", "reset"), _BAD)
def test_damaged_settings_are_set_aside_with_a_problem(temp_base: Path, text: str,
                                                       reset: tuple[str, ...]) -> None:
    st.settings_path().write_text(text)
    problems: list[st.SettingsProblem] = []
    s = st.load_settings(problems)
    defaults = st.Settings()
    for name in st.Settings.__dataclass_fields__:
        if name in reset or not reset:
            assert getattr(s, name) == getattr(defaults, name), name
    if '"language": "en"' in text:
        assert s.language == "en"  # a valid value next to a bad one is kept
    assert len(problems) == 1 and problems[0].reset == reset
    aside = problems[0].moved_to
    assert aside is not None and aside.read_text() == text and aside.parent == temp_base
    assert aside.name.startswith("settings.beschadigd-") and not st.settings_path().exists()
    assert str(aside) in problems[0].message_nl
    st.save_settings(s)  # and the next save writes a good file again
    assert st.load_settings() == s


def test_a_second_damaged_file_does_not_overwrite_the_first(temp_base: Path) -> None:
    moved = []
    for text in ("{", "}"):
        st.settings_path().write_text(text)
        problems: list[st.SettingsProblem] = []
        st.load_settings(problems)
        moved.append(problems[0].moved_to)
    assert moved[0] != moved[1] and moved[0].read_text() == "{" and moved[1].read_text() == "}"


def test_good_and_newer_files_are_not_problems(temp_base: Path) -> None:
    newer = {"schema_version": 9, "language": "en", "toekomst": 1}
    st.settings_path().write_text(json.dumps(newer))
    problems: list[st.SettingsProblem] = []
    assert st.load_settings(problems).language == "en" and problems == []
    assert st.settings_path().exists()


def test_a_settings_save_that_fails_is_a_write_error(temp_base: Path) -> None:
    blocker = temp_base / "bestand"
    blocker.write_text("x")
    st.set_basedir(blocker / "kcroster")
    with pytest.raises(st.WriteError, match="niet schrijven"):
        st.save_settings(st.Settings())
