"""Bezetting's FTE tab (issue 24 item 15): ISO weeks with their dates, an editable and undoable
FTE basis, and date headers that are not cut off."""

from __future__ import annotations

import re
from datetime import date

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics

from kcroster.gui import fmt
from kcroster.model import Agent, Forecast, Horizon, Project, Queue


def _new_year_project(start: date = date(2026, 12, 24), days: int = 28) -> Project:
    """Four weeks from Thursday 24 December 2026: ISO weeks 52, 53 (of 2026), 1, 2 and 3."""
    hz = Horizon(start, days)
    minute = hz.local_minute_of_day
    open_ = (minute >= 480) & (minute < 1080)
    vol = np.where(open_, 20.0, 0.0)[None, :]
    fc = Forecast(hz, [Queue("Telefonie")], vol, np.full((1, hz.n_intervals), 300.0))
    return Project("Jaarwisseling", hz, [Queue("Telefonie")], fc, [Agent("A1", "Anna", 36.0)])


def _fte_columns(screen) -> list[str]:
    m = screen.fte_model
    return [m.headerData(c, Qt.Orientation.Horizontal) for c in range(m.columnCount())]


def test_fte_tab_names_iso_weeks_with_dates_across_new_year(window) -> None:
    p = _new_year_project()
    window.doc.set_project(p)
    window.show_screen("staffing")
    screen = window.screen_by_key("staffing")
    cols = _fte_columns(screen)
    m = screen.fte_model
    values = [m.data(m.index(0, c), Qt.ItemDataRole.UserRole) for c in range(len(cols))]
    weeks = [c for c in cols if c.startswith("wk ")]
    days = [c for c in cols if not c.startswith("wk ")]
    assert days == [f"{fmt.weekday(d)}\n{d.day:02d}-{d.month:02d}" for d in p.horizon.dates]
    # one column per ISO week the horizon touches, numbered as date.isocalendar() numbers them
    expected = list(dict.fromkeys(d.isocalendar()[1] for d in p.horizon.dates))
    assert expected == [52, 53, 1, 2, 3]
    assert [int(re.match(r"wk (\d+)\n", w).group(1)) for w in weeks] == expected
    assert weeks[1] == "wk 53\n(28 dec 2026–3 jan 2027)"
    assert weeks[0] == "wk 52\n(24–27 dec)" and weeks[-1] == "wk 3\n(18–20 jan)"
    # each week column follows its own days; its FTE is theirs over five (FTE-week = 5 FTE-days)
    dates = iter(p.horizon.dates)
    since: list[tuple] = []
    for c, label in enumerate(cols):
        if label.startswith("wk "):
            n = int(re.match(r"wk (\d+)", label).group(1))
            assert since and all(d.isocalendar()[1] == n for d, _ in since), label
            assert values[c] == pytest.approx(sum(v for _, v in since) / 5)
            since = []
        else:
            since.append((next(dates), values[c]))
    assert since == []


def test_fte_basis_edit_scales_the_fte_figures_and_undo_restores(window) -> None:
    window.show_screen("staffing")
    screen = window.screen_by_key("staffing")
    p = window.doc.project
    assert screen.fte_hours.value() == pytest.approx(p.fte_hours) == pytest.approx(36.0)

    def table() -> np.ndarray:
        m = screen.fte_model
        return np.array(
            [
                [m.data(m.index(r, c), Qt.ItemDataRole.UserRole) for c in range(m.columnCount())]
                for r in range(m.rowCount())
            ]
        )

    before = table()
    assert before.sum() > 0
    screen.fte_hours.setValue(40.0)
    assert p.fte_hours == pytest.approx(40.0)
    np.testing.assert_allclose(table(), before * 36.0 / 40.0)
    assert "40" in screen.totals_label.text()
    assert window.doc.history.undo_label
    window.undo_action.trigger()
    assert p.fte_hours == pytest.approx(36.0)
    assert screen.fte_hours.value() == pytest.approx(36.0)
    np.testing.assert_allclose(table(), before)
    window.redo_action.trigger()
    assert p.fte_hours == pytest.approx(40.0)


def test_fte_date_headers_are_not_cut_off(window, app) -> None:
    window.doc.set_project(_new_year_project())
    window.show_screen("staffing")
    screen = window.screen_by_key("staffing")
    screen.tabs.setCurrentWidget(screen.fte_table.parentWidget())
    app.processEvents()
    assert screen.fte_table.isVisible()
    header = screen.fte_table.horizontalHeader()
    fm = header.fontMetrics()
    cols = _fte_columns(screen)
    m = screen.fte_model
    for c, text in enumerate(cols):
        font = m.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.FontRole)
        # the weeks are totals: in bold, so a wider text
        assert (font is not None and font.bold()) == text.startswith("wk "), text
        metrics = QFontMetrics(font) if font is not None else fm
        need = max(metrics.horizontalAdvance(line) for line in text.split("\n"))
        assert header.sectionSize(c) >= need, text
    assert header.height() >= 2 * fm.height()


def test_coverage_day_table_has_iso_week_rows_after_their_days(window, fake) -> None:
    """The Dekking table shows the backend's rows (coverage_periods: each day, then its ISO
    week in bold), labelled by date and week; the figures are the backend's (the real ones are
    held to the one KPI definition in test_kpis_one_definition)."""
    from kcroster.model import Roster

    p = _new_year_project()
    p.scenario.roster = Roster([])
    window.doc.set_project(p)
    window.show_screen("coverage")
    screen = window.screen_by_key("coverage")
    screen.day_box.setCurrentIndex(0)
    m = screen.daily_model
    labels = [m.headerData(r, Qt.Orientation.Vertical) for r in range(m.rowCount())]
    weeks = [lab for lab in labels if lab.startswith("wk ")]
    for r, lab in enumerate(labels):  # week rows in bold among the days
        font = m.data(m.index(r, 0), Qt.ItemDataRole.FontRole)
        assert (font is not None and font.bold()) == lab.startswith("wk "), lab
    assert weeks == [
        "wk 52 (24–27 dec)",
        "wk 53 (28 dec 2026–3 jan 2027)",
        "wk 1 (4–10 jan)",
        "wk 2 (11–17 jan)",
        "wk 3 (18–20 jan)",
    ]
    r53 = labels.index(weeks[1])
    assert labels[r53 - 7 : r53] == [fmt.day(d) for d in p.horizon.dates[4:11]]  # 28 Dec … 3 Jan
    value = lambda r, c: m.data(m.index(r, c), Qt.ItemDataRole.UserRole)  # noqa: E731
    rows = fake.coverage_periods(p, window.doc.coverage(), 0)
    assert len(rows) == m.rowCount()
    header = [m.headerData(c, Qt.Orientation.Horizontal) for c in range(m.columnCount())]
    assert header == ["SL %", "ASA s", "Verlies %", "Bereikb. %", "Bezet. %", "FTE nodig", "FTE rooster"]
    for r, row in enumerate(rows):
        assert value(r, 0) == pytest.approx(100 * row.kpis["service_level"])
        assert value(r, 4) == pytest.approx(100 * row.kpis["occupancy"])
        assert value(r, 6) == pytest.approx(row.kpis["fte_scheduled"])


def test_fte_basis_of_a_project_without_forecast_is_shown(window) -> None:
    window.doc.set_project(Project("leeg", Horizon(date(2027, 5, 3), 7), fte_hours=38.0))
    window.show_screen("staffing")
    assert window.screen_by_key("staffing").fte_hours.value() == pytest.approx(38.0)


def test_rooster_picker_and_gantt_header_name_iso_weeks_with_dates(window) -> None:
    """The Rooster screen's "Ga naar" picker lists each ISO week with its dates before its days
    (a week goes to its first day); the Gantt header puts the ISO week number before the date
    on Mondays, on the horizon's first day and on the leftmost day in view."""
    p = _new_year_project()
    window.doc.set_project(p)
    window.show_screen("roster")
    screen = window.screen_by_key("roster")
    box = screen.day_box
    items = [(box.itemText(i), box.itemData(i)) for i in range(box.count())]
    weeks = [(text, data) for text, data in items if text.startswith("wk ")]
    assert weeks == [("wk 52 (24–27 dec)", 0), ("wk 53 (28 dec 2026–3 jan 2027)", 4),
                     ("wk 1 (4–10 jan)", 11), ("wk 2 (11–17 jan)", 18), ("wk 3 (18–20 jan)", 25)]
    days = [(text.strip(), data) for text, data in items if not text.startswith("wk ")]
    assert days == [(f"{fmt.weekday(d)} {fmt.full_date(d)}", i) for i, d in enumerate(p.horizon.dates)]
    # picking a week scrolls the Gantt to its Monday (28 December is day 4)
    box.setCurrentIndex(items.index(weeks[1]))
    gantt = screen.gantt
    gantt.horizontalScrollBar().setValue(0)
    box.activated.emit(box.currentIndex())
    assert gantt.horizontalScrollBar().value() > 0
    box.setCurrentIndex(items.index(weeks[0]))
    box.activated.emit(box.currentIndex())
    assert gantt.horizontalScrollBar().value() == 0
    assert gantt.day_header(0) == "wk 52 · do 24-12-2026"
    assert gantt.day_header(1) == "vr 25-12-2026"
    assert gantt.day_header(4) == "wk 53 · ma 28-12-2026"
    assert gantt.day_header(11) == "wk 1 · ma 04-01-2027"
    assert gantt.day_header(13, first_shown=13) == "wk 1 · wo 06-01-2027"
    assert gantt.day_header(4, short=True) == "wk 53 · ma 28-12"
