"""The "Forecast maken uit historie" dialog on a synthetic history with known rates.

Every figure the dialog shows is checked against the forecasting core run directly on the same
file (the function ``kcroster forecast`` runs), not against numbers written down here.
"""

from __future__ import annotations

import json
from datetime import date

import numpy as np
import pytest

from kcroster import settings as user_settings
from kcroster.forecasting import engine
from kcroster.forecasting.engine import ForecastRequest, make_forecast
from kcroster.forecasting.history import load_history
from kcroster.forecasting.synthetic import (
    synthetic_history,
    synthetic_rates,
    write_long_csv,
    write_rate_calls_csv,
)
from kcroster.gui import fmt
from kcroster.gui.views.forecast_history import ForecastHistoryDialog

START = date(2027, 1, 4)  # a Monday
DAYS = 49
UNKNOWN_HEADER = "moment;lijn;wacht;duur;einde"  # no alias of kcroster's matches these names
MAPPING = {
    "arrival": "moment",
    "queue": "lijn",
    "wait": "wacht",
    "handle": "duur",
    "outcome": "einde",
}


@pytest.fixture
def long_csv(tmp_path):
    rates = synthetic_rates(START, DAYS, daily_volume=500.0)
    return write_long_csv(synthetic_history(rates, DAYS, seed=3), tmp_path / "historie.csv")


def _calls_csv(path, seed=0):
    rates = synthetic_rates(START, DAYS, daily_volume=300.0)
    return write_rate_calls_csv(
        rates, DAYS, path, seed=seed, header=UNKNOWN_HEADER, queue_names=["Telefonie"]
    )


def _dialog(window, qtbot, path=None):
    dlg = ForecastHistoryDialog(window.doc, window)
    qtbot.addWidget(dlg)
    if path is not None:
        dlg.set_path(path)
    dlg.weeks_box.setValue(2)
    return dlg


def _run(dlg):
    job = dlg.start_run()
    assert job is not None
    job.wait()
    assert dlg.job is None or dlg.job.wait()  # a follow-up run (new tags) ends too
    return dlg.base_result()


def _engine(window, path, columns=None):
    """The core run directly, as ``kcroster forecast`` would on the project's interval."""
    interval = window.doc.project.horizon.interval_minutes
    history = load_history(path, interval_minutes=interval, columns=columns)
    request = ForecastRequest(start=history.end, weeks=2, interval_minutes=interval)
    return make_forecast(history, request)


def test_backtest_table_shows_the_engines_figures(window, qtbot, long_csv):
    dlg = _dialog(window, qtbot, long_csv)
    result = _run(dlg)
    expected = _engine(window, long_csv)
    assert result is not None and result.start == expected.start
    table = dlg.backtest
    shown = {table.item(r, 0).data(256): r for r in range(table.rowCount())}
    assert set(shown) == {row.method for row in expected.backtest.rows}
    assert {"last_week", "mean4"} <= set(shown)  # both planner baselines are in the table
    for row in expected.backtest.rows:
        r = shown[row.method]
        assert table.item(r, 4).text() == str(row.origins)
        if not np.isfinite(row.wape_interval):  # a method that needs more history than this
            assert (
                table.item(r, 1).text() == "–" and table.item(r, 5).text() == "te weinig historie"
            )
            continue
        assert table.item(r, 1).data(256) == row.wape_interval
        assert table.item(r, 2).data(256) == row.wape_day
        assert table.item(r, 1).text() == fmt.pct(row.wape_interval)
        assert table.item(r, 2).text() == fmt.pct(row.wape_day)
        marked = table.item(r, 5).text() == "voorgesteld"
        assert marked == (row.method == expected.method)
        assert table.item(r, 0).font().bold() == marked
    assert expected.method == expected.backtest.best().method  # auto proposes the best
    # the forecast itself is the engine's, and the chart shows history, forecast and band
    np.testing.assert_array_equal(result.volume, expected.volume)
    assert len(dlg.chart.series) == 2 and len(dlg.chart.ranges) == 1
    band = dlg.chart.ranges[0]
    finite = np.isfinite(band.high)
    assert finite.any() and np.all(band.low[finite] <= band.high[finite])
    assert np.nanmax(band.high) == pytest.approx(
        float(np.where(expected.open[0], expected.p90[0], 0).max())
    )


def test_percentage_on_a_day_changes_its_total_and_undo_restores_it(window, qtbot, long_csv):
    dlg = _dialog(window, qtbot, long_csv)
    base = _run(dlg)
    day = next(d for i, d in enumerate(base.dates) if base.volume[:, i].sum() > 0)
    other = next(d for i, d in enumerate(base.dates) if d != day and base.volume[:, i].sum() > 0)
    before, before_other = dlg.day_total(day), dlg.day_total(other)
    assert before == pytest.approx(float(base.volume[:, base.dates.index(day)].sum()))
    row = dlg.day_row(day)
    dlg.days.item(row, 3).setText("+10")  # what the planner types in the cell
    assert dlg.day_total(day) == pytest.approx(1.10 * before)
    assert dlg.day_total(other) == before_other
    assert dlg.days.item(row, 2).text() == fmt.num(1.10 * before, 0)
    adjusted = dlg.current_result()
    i = base.dates.index(day)
    np.testing.assert_allclose(adjusted.p90[:, i], 1.10 * base.p90[:, i])
    np.testing.assert_allclose(adjusted.planned[:, i], 1.10 * base.planned[:, i])
    assert dlg.undo_button.isEnabled()
    dlg.undo_button.click()
    assert dlg.day_total(day) == before
    assert dlg.days.item(dlg.day_row(day), 3).text() == ""
    dlg.redo_button.click()
    assert dlg.day_total(day) == pytest.approx(1.10 * before)

    # "Gebruik deze forecast": the adjusted planned volume goes into the project, on to Bezetting
    job = dlg.use_forecast()
    job.wait()
    fc = window.doc.project.forecast
    assert fc.horizon.start == base.start
    assert fc.volume.sum() == pytest.approx(float(np.where(base.open, adjusted.planned, 0).sum()))
    assert window.screens[window.stack.currentIndex()].key == "staffing"


def test_cancel_stops_the_job(window, qtbot, long_csv):
    dlg = _dialog(window, qtbot, long_csv)
    job = dlg.start_run()
    dlg.cancel_run()
    job.wait()
    assert dlg.cancelled and dlg.job is None
    assert dlg.base_result() is None and not dlg.use_button.isEnabled()
    assert any("Geannuleerd" in dlg.notes.item(i).text() for i in range(dlg.notes.count()))
    assert dlg.run_button.isEnabled()  # the planner can start again


def test_a_tag_makes_the_forecast_again_and_undo_brings_back_the_first(window, qtbot, long_csv):
    dlg = _dialog(window, qtbot, long_csv)
    first = _run(dlg)
    day = first.dates[2]
    dlg.days.item(dlg.day_row(day), 4).setText("mailing")
    assert dlg.job is not None  # the day model learns labels: the forecast is made again
    dlg.job.wait()
    assert dlg.adjustments.tags == {day: "mailing"}
    assert len(dlg.results) == 2 and dlg.base_result() is not first
    dlg.undo_button.click()
    assert dlg.job is None and dlg.base_result() is first  # no second run for a known set of tags
    assert dlg.days.item(dlg.day_row(day), 4).text() == ""


def test_column_mapping_is_asked_once_and_remembered(window, qtbot, tmp_path):
    src = _calls_csv(tmp_path / "export.csv")
    dlg = _dialog(window, qtbot, src)
    job = dlg.start_run()
    job.wait()
    mapping = dlg.mapping_dialog
    assert mapping is not None and mapping.isVisible()  # the columns were not recognised
    ok = mapping.buttons.button(mapping.buttons.StandardButton.Ok)
    assert not ok.isEnabled()  # no arrival column yet
    for field, column in MAPPING.items():
        mapping.set_column(field, column)
    assert ok.isEnabled()
    ok.click()
    dlg.job.wait()
    result = dlg.base_result()
    expected = _engine(window, src, columns=MAPPING)
    np.testing.assert_array_equal(result.volume, expected.volume)
    assert [p.seconds for p in result.patience] == [p.seconds for p in expected.patience]
    patience_cell = dlg.estimates.item(0, 2).text()
    assert patience_cell == fmt.num(expected.patience[0].seconds, 0)
    header = UNKNOWN_HEADER.split(";")
    assert window.settings.columns_for(header) == MAPPING
    stored = json.loads(user_settings.settings_path().read_text(encoding="utf-8"))
    assert list(stored["column_mappings"].values()) == [MAPPING]

    # another export of the same report in a new dialog: read without asking, and said so
    again = _calls_csv(tmp_path / "export-2.csv", seed=1)
    dlg2 = _dialog(window, qtbot, again)
    second = _run(dlg2)
    assert dlg2.mapping_dialog is None and second is not None
    np.testing.assert_array_equal(second.volume, _engine(window, again, columns=MAPPING).volume)
    notes = [dlg2.notes.item(i).text() for i in range(dlg2.notes.count())]
    assert any("Kolommen zoals eerder aangewezen" in n and "moment" in n for n in notes)

    # the patience estimate becomes the queue's parameter; its other settings stay the planner's
    before = next(q for q in window.doc.project.queues if q.name == "Telefonie")
    before.sl_percent, before.shrinkage = 90.0, 0.25  # the planner's own, not the defaults
    assert dlg2.take_patience.isEnabled() and dlg2.take_patience.isChecked()
    dlg2.use_forecast().wait()
    after = next(q for q in window.doc.project.queues if q.name == "Telefonie")
    assert after.patience_seconds == round(second.patience[0].seconds)
    assert (after.sl_percent, after.sl_seconds, after.shrinkage, after.channel) == (
        before.sl_percent,
        before.sl_seconds,
        before.shrinkage,
        before.channel,
    )
    assert window.doc.project.forecast.queue_names == ["Telefonie"]


def test_without_statsmodels_the_dialog_says_how_to_add_ets(window, qtbot, long_csv, monkeypatch):
    monkeypatch.setattr(engine, "statsmodels_available", lambda: False)
    dlg = _dialog(window, qtbot, long_csv)
    assert dlg.ets_hint.isVisibleTo(dlg) and "kcroster[forecast]" in dlg.ets_hint.text()
    methods = [dlg.method_box.itemData(i) for i in range(dlg.method_box.count())]
    assert "ets" not in methods
    result = _run(dlg)
    assert "ets" not in {row.method for row in result.backtest.rows}
    notes = [dlg.notes.item(i).text() for i in range(dlg.notes.count())]
    assert any("statsmodels" in n for n in notes)  # the engine's own notice reaches the planner


def test_with_statsmodels_there_is_no_hint(window, qtbot):
    dlg = _dialog(window, qtbot)
    assert ("ets" in engine.available_methods()) == (not dlg.ets_hint.isVisibleTo(dlg))


def test_the_forecast_screen_opens_the_dialog(window, qtbot, long_csv):
    window.show_screen("forecast")
    screen = window.forecast_screen
    assert screen.history_button.isVisible()
    dlg = screen.open_history_dialog(long_csv)
    qtbot.addWidget(dlg)
    assert dlg.isVisible() and dlg.path == long_csv and dlg.job is not None
    dlg.job.wait()
    assert dlg.base_result() is not None
    # the start defaults to the day after the history
    assert dlg.base_result().start == load_history(long_csv).end


def test_changed_settings_make_the_shown_forecast_stale(window, qtbot, long_csv):
    dlg = _dialog(window, qtbot, long_csv)
    assert _run(dlg) is not None and dlg.use_button.isEnabled()
    dlg.quantile_box.setValue(0.8)
    assert dlg.base_result() is None and not dlg.use_button.isEnabled()
    assert "Forecast maken" in dlg.notes.item(0).text()
    again = _run(dlg)
    assert again.quantile == 0.8 and dlg.use_button.isEnabled()


def test_closing_the_dialog_cancels_its_job(window, qtbot, long_csv):
    dlg = _dialog(window, qtbot, long_csv)
    job = dlg.start_run()
    dlg.reject()
    job.wait()
    assert job.cancel_token.is_set() and dlg.cancelled and dlg.base_result() is None


def test_ctrl_z_in_the_dialog_undoes_a_percentage(window, qtbot, long_csv):
    from PySide6.QtGui import QKeySequence, QShortcut

    dlg = _dialog(window, qtbot, long_csv)
    base = _run(dlg)
    day = next(d for i, d in enumerate(base.dates) if base.volume[:, i].sum() > 0)
    before = dlg.day_total(day)
    dlg.set_day_percent(day, -20)
    assert dlg.day_total(day) == pytest.approx(0.8 * before)
    # the dialog's own shortcuts (the offscreen platform does not activate windows, so the key
    # press itself cannot be sent): Ctrl+Z undoes in the dialog, not in the project
    keys = {s.key(): s for s in dlg.findChildren(QShortcut)}
    keys[QKeySequence(QKeySequence.StandardKey.Undo)].activated.emit()
    assert dlg.day_total(day) == before
    keys[QKeySequence(QKeySequence.StandardKey.Redo)].activated.emit()
    assert dlg.day_total(day) == pytest.approx(0.8 * before)
    assert window.doc.history.can_undo is False  # the project's own history was not touched


def test_a_history_too_short_is_said_in_a_sentence(window, qtbot, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    rates = synthetic_rates(START, 5, daily_volume=500.0)
    short = write_long_csv(synthetic_history(rates, 5), tmp_path / "kort.csv")
    dlg = _dialog(window, qtbot, short)
    dlg.start_run().wait()
    boxes = [b for b in dlg.findChildren(QMessageBox) if b.isVisible()]
    assert len(boxes) == 1 and dlg.mapping_dialog is None  # the columns were recognised
    assert "te weinig historie" in boxes[0].informativeText()
    assert "Traceback" not in boxes[0].informativeText() + (boxes[0].detailedText() or "")
    boxes[0].close()
