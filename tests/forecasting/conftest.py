"""Forecasting test fixtures: ``kcroster forecast`` reads and writes the user settings (the
remembered ACD column mappings), so every test gets a settings folder of its own and never
touches the planner's real one."""

from __future__ import annotations

import pytest

from kcroster import settings as user_settings


@pytest.fixture(autouse=True)
def _temp_basedir(tmp_path_factory):
    user_settings.set_basedir(tmp_path_factory.mktemp("basedir"))
    yield
    user_settings.set_basedir(None)
