"""Nieuw project uit forecast through the wizard (issue 24 item 12), on the real pipeline.

The wizard's fields must show what the forecast file says (read here independently with
``load_forecast``), and what the planner changes must be in the project that opens.
"""

from __future__ import annotations

import shutil
from datetime import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QWizard

from kcroster.io.forecast import load_forecast
from kcroster.model.queues import Channel

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "demo_forecast.xlsx"
WEEKDAYS_8_20 = ["08:00-20:00"] * 5 + ["09:00-17:00", "gesloten", "gesloten"]  # as in the file


@pytest.fixture
def forecast_file(tmp_path):
    path = tmp_path / "Prognose mei.xlsx"
    shutil.copy(SAMPLE, path)
    return path


def _open_wizard(win, qtbot, monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    before = win.doc.project
    job = win.ask_new_from_forecast()
    assert job is not None and job.wait(60) and job.error is None
    wizard = win.new_project_wizard
    assert wizard is not None and wizard.isVisible()
    assert win.doc.project is before  # nothing replaced until Voltooien
    return wizard


def _cells(wizard, row):
    t = wizard.queue_table
    return [t.item(row, c).text() for c in range(2, t.columnCount())]


def _finish(wizard):
    while wizard.currentId() != wizard.pageIds()[-1]:
        wizard.next()
    wizard.button(QWizard.WizardButton.FinishButton).click()


def test_the_fields_show_the_forecast_file(real_window, qtbot, monkeypatch, forecast_file):
    fc = load_forecast(forecast_file)
    win = real_window()
    wizard = _open_wizard(win, qtbot, monkeypatch, forecast_file)
    assert wizard.name_edit.text() == "Prognose mei"
    assert wizard.interval_label.text().startswith(f"{fc.horizon.interval_minutes} minuten")
    assert wizard.queue_table.rowCount() == len(fc.queues) == wizard.target_table.rowCount()
    for r, q in enumerate(fc.queues):
        assert wizard.queue_table.item(r, 0).text() == q.name
        assert wizard.queue_table.cellWidget(r, 1).currentData() == q.channel
        assert q.opening_hours.weekly[0] == [(time(8), time(20))] and 6 not in q.opening_hours.weekly
        assert _cells(wizard, r) == WEEKDAYS_8_20
        assert wizard.target_table.cellWidget(r, 1).value() == q.sl_percent
        assert wizard.target_table.cellWidget(r, 2).value() == q.sl_seconds
    assert {wizard.queue_table.cellWidget(r, 1).currentData() for r in range(len(fc.queues))} == {
        Channel.VOICE, Channel.CHAT, Channel.EMAIL}


def test_edited_values_land_in_the_new_project(real_window, qtbot, monkeypatch, forecast_file):
    fc = load_forecast(forecast_file)
    row = next(i for i, q in enumerate(fc.queues) if q.channel == Channel.VOICE)
    win = real_window()
    wizard = _open_wizard(win, qtbot, monkeypatch, forecast_file)
    wizard.name_edit.setText("Klantenservice mei")
    wizard.queue_table.item(row, 0).setText("Telefoon NL")
    wizard.next()
    wizard.next()
    assert wizard.target_table.item(row, 0).text() == "Telefoon NL"  # the targets page follows
    wizard.back()
    wizard.queue_table.item(row, 2 + 5).setText("gesloten")  # no Saturday
    wizard.queue_table.item(row, 2 + 7).setText("10:00-14:00")  # open on public holidays
    wizard.target_table.cellWidget(row, 1).setValue(90)
    wizard.target_table.cellWidget(row, 2).setValue(15)
    _finish(wizard)
    qtbot.waitUntil(lambda: win.doc.project is not None and win.doc.project.name == "Klantenservice mei",
                    timeout=10000)
    p = win.doc.project
    assert win.doc.path is None and win.doc.dirty  # a new, untitled project
    q = p.queues[row]
    assert q.name == "Telefoon NL" and p.forecast.queues[row].name == "Telefoon NL"
    assert (q.sl_percent, q.sl_seconds) == (90, 15)
    assert 5 not in q.opening_hours.weekly and q.opening_hours.holiday == [(time(10), time(14))]
    assert q.opening_hours.weekly[0] == [(time(8), time(20))]
    mask = p.forecast.open_mask[row]
    saturdays = [d for d, day in enumerate(p.horizon.dates) if day.weekday() == 5]
    assert saturdays and not any(mask[p.horizon.day_slice(d)].any() for d in saturdays)
    assert fc.open_mask[row][p.horizon.day_slice(saturdays[0])].any()  # the file had it open
    # the King's Day (27 April 2027, in the demo horizon) is a holiday: open 10–14 only
    kings_day = p.horizon.day_index(next(d for d in p.horizon.dates if (d.month, d.day) == (4, 27)))
    open_minutes = p.horizon.local_minute_of_day[p.horizon.day_slice(kings_day)][mask[p.horizon.day_slice(kings_day)]]
    assert open_minutes.min() == 10 * 60 and open_minutes.max() == 14 * 60 - p.horizon.interval_minutes
    other = next(i for i in range(len(p.queues)) if i != row)
    assert p.queues[other].sl_percent == fc.queues[other].sl_percent  # untouched rows as in the file


def test_unreadable_hours_or_a_bad_name_stop_the_page(real_window, qtbot, monkeypatch, forecast_file):
    win = real_window()
    wizard = _open_wizard(win, qtbot, monkeypatch, forecast_file)
    wizard.name_edit.setText("mei/juni")
    assert not wizard.validateCurrentPage() and wizard.error_label.text()
    wizard.name_edit.setText("Mei")
    wizard.next()
    wizard.queue_table.item(0, 2).setText("acht uur")
    assert not wizard.validateCurrentPage()
    assert _queue_name(wizard, 0) in wizard.hours_error.text()
    wizard.queue_table.item(0, 2).setText("08:00-17:00")
    assert wizard.validateCurrentPage() and not wizard.hours_error.text()


def _queue_name(wizard, row):
    return wizard.queue_table.item(row, 0).text()


def test_cancel_keeps_the_open_project(real_window, qtbot, monkeypatch, forecast_file):
    win = real_window()
    win.doc.set_project(win.doc.backend.load_demo_project())
    before = win.doc.project
    wizard = _open_wizard(win, qtbot, monkeypatch, forecast_file)
    wizard.reject()
    qtbot.wait(50)
    assert win.doc.project is before
