"""The gap question on a forecast import in the real window (issue 24 item 1): the dialog
names the count and the first gaps, and each choice decides what reaches the project."""

from __future__ import annotations

from datetime import date, time

import numpy as np
import pytest

from kcroster import pipeline
from kcroster.gui.views.forecast_gaps import ForecastGapDialog

DAY = date(2026, 6, 1)
TIMES = [f"{h:02d}:{m:02d}" for h in range(8, 12) for m in (0, 15, 30, 45)]
MISSING = ("10:00", "10:30")


def _csv(path, volume, skip=()):
    lines = ["datum;tijd;wachtrij;volume;aht"]
    lines += [
        f"01-06-2026;{t};Service;{volume(i)};240" for i, t in enumerate(TIMES) if t not in skip
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def setup(real_window, tmp_path, qtbot):
    """A window on a complete forecast (5 everywhere) and a file whose 10:00 and 10:30 are missing."""
    win = real_window()
    win.doc.set_project(pipeline.import_forecast(None, _csv(tmp_path / "vol.csv", lambda i: 5)))
    gap_file = _csv(tmp_path / "gat.csv", lambda i: 10 + 2 * i, MISSING)
    return win, gap_file


def _import(win, path, qtbot) -> ForecastGapDialog:
    win.show_screen("forecast")
    job = win.forecast_screen.import_file(path)
    qtbot.waitUntil(lambda: job.finished, timeout=10000)
    dialog = win.findChild(ForecastGapDialog)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    return dialog


def _k(fc, hhmm):
    h, m = map(int, hhmm.split(":"))
    return fc.horizon.index_at(DAY, time(h, m))


def test_dialog_shows_the_count_and_the_gaps(setup, qtbot):
    win, gap_file = setup
    dialog = _import(win, gap_file, qtbot)
    assert dialog.summary.text() == (
        "In gat.csv hebben 2 intervallen binnen de openingstijden geen waarde."
    )
    rows = [
        [dialog.table.item(r, c).text() for c in range(4)] for r in range(dialog.table.rowCount())
    ]
    assert [r[0] for r in rows] == ["Service", "Service"]
    assert all("01-06-2026" in r[1] for r in rows)
    assert [r[2] for r in rows] == list(MISSING)
    # 09:45 is data line 8 (file row 9); 10:15 follows on row 10
    assert rows[0][3] == "geen regel, hoort tussen rij 9 en 10"
    dialog.abort_button.click()


def test_interpolate_puts_the_interpolated_forecast_in_the_project(setup, qtbot):
    win, gap_file = setup
    _import(win, gap_file, qtbot).interpolate_button.click()
    fc = win.doc.project.forecast
    # 09:45 = 10 + 2·7 = 24, 10:15 = 28 → 26; 10:15 = 28, 10:45 = 32 → 30
    assert fc.volume[0, _k(fc, "10:00")] == pytest.approx(26.0)
    assert fc.volume[0, _k(fc, "10:30")] == pytest.approx(30.0)
    notes = win.forecast_screen.import_notes.notes()
    assert any("2 intervallen" in n and "Geïnterpoleerd" in n for n in notes)
    assert win.doc.dirty


def test_zero_puts_zeros_in_the_project(setup, qtbot):
    win, gap_file = setup
    _import(win, gap_file, qtbot).zero_button.click()
    fc = win.doc.project.forecast
    assert fc.volume[0, _k(fc, "10:00")] == 0 and fc.volume[0, _k(fc, "10:30")] == 0
    assert fc.volume[0, _k(fc, "10:15")] == 28  # the file's own values stay
    assert any("Op 0 gezet" in n for n in win.forecast_screen.import_notes.notes())


def test_abort_leaves_the_project_unchanged(setup, qtbot):
    win, gap_file = setup
    project, forecast = win.doc.project, win.doc.project.forecast
    volume = forecast.volume.copy()
    _import(win, gap_file, qtbot).abort_button.click()
    assert win.doc.project is project and project.forecast is forecast
    assert np.array_equal(project.forecast.volume, volume) and (volume == 5).sum() == len(TIMES)
    assert not win.doc.dirty
    assert "niet ingelezen" in win.statusBar().currentMessage()


def test_new_project_from_a_forecast_with_gaps_asks_too(real_window, tmp_path, qtbot):
    """Bestand → Nieuw project uit forecast: the same question; abort keeps the open project."""
    win = real_window()
    win.doc.set_project(pipeline.import_forecast(None, _csv(tmp_path / "vol.csv", lambda i: 5)))
    project = win.doc.project
    gap_file = _csv(tmp_path / "gat.csv", lambda i: 10 + 2 * i, MISSING)
    for choice, expected in (("abort", None), ("zero", 0.0)):
        job = win.new_from_forecast(gap_file)
        qtbot.waitUntil(lambda job=job: job.finished, timeout=10000)
        dialog = win.findChild(ForecastGapDialog)
        qtbot.waitUntil(dialog.isVisible, timeout=5000)
        assert "2 intervallen" in dialog.summary.text()
        (dialog.abort_button if choice == "abort" else dialog.zero_button).click()
        if expected is None:
            assert win.doc.project is project
            qtbot.waitUntil(lambda: win.findChild(ForecastGapDialog) is None, timeout=5000)
        else:
            fc = win.doc.project.forecast
            assert win.doc.project is not project and fc.volume[0, _k(fc, "10:00")] == expected
