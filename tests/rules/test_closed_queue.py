"""Work on a closed queue is a checker finding (issue 24 item 2): a shift dragged past closing
time must not pass the rule check."""

from __future__ import annotations

from datetime import date, time

import numpy as np
from rule_kit import MON, agent, project, shift, violations

from kcroster.model import BREAK, Forecast, OpeningHours, Project, Queue
from kcroster.rules import RULES_BY_ID, Severity


def _project(volume_at: tuple[int, int] | None = None, *, start: date = MON,
             days: int = 1) -> Project:
    """Queue ``tel`` open Mon–Fri 08:00–20:00 (closed on public holidays), no forecast volume
    unless ``volume_at`` = (hour, minute) puts some in that interval of the first day."""
    p = project(agent("a1"), start=start, days=days)
    hours = OpeningHours({d: [(time(8), time(20))] for d in range(5)})
    q = Queue("tel", opening_hours=hours)
    hz = p.horizon
    volume = np.zeros((1, hz.n_intervals))
    if volume_at is not None:
        volume[0, (volume_at[0] * 60 + volume_at[1]) // hz.interval_minutes] = 5.0
    p.queues = [q]
    p.forecast = Forecast(hz, [q], volume, np.full((1, hz.n_intervals), 180.0),
                          open_mask=np.zeros((1, hz.n_intervals), dtype=bool))
    return p


def test_shift_past_closing_time_is_an_error_naming_the_closed_stretch():
    found = violations([shift("a1", MON, "13:00", "22:00")], _project(), "closed_queue")
    assert [v.message_nl for v in found] == [
        "Ingedeeld op tel op ma 3 mei 2027 van 20:00 tot 22:00 terwijl de wachtrij gesloten is"]
    assert found[0].severity == Severity.ERROR == RULES_BY_ID["closed_queue"].severity
    assert "while the queue is closed" in found[0].message_en


def test_shift_within_opening_hours_passes():
    assert violations([shift("a1", MON, "08:00", "20:00")], _project(), "closed_queue") == []


def test_a_break_or_other_activity_after_closing_is_not_work_on_the_queue():
    s = shift("a1", MON, "12:00", "20:00")
    s.segments[-1].activity = "Overleg"  # not a queue
    assert violations([s], _project(), "closed_queue") == []
    s.segments[-1].activity = BREAK
    assert violations([s], _project(), "closed_queue") == []


def test_volume_outside_opening_hours_still_needs_somebody():
    found = violations([shift("a1", MON, "13:00", "20:15")], _project(volume_at=(20, 0)),
                       "closed_queue")
    assert found == []


def test_public_holiday_without_holiday_hours_is_closed():
    kings_day = date(2027, 4, 27)  # Koningsdag, a Tuesday
    found = violations([shift("a1", kings_day, "09:00", "13:00")], _project(start=kings_day),
                       "closed_queue")
    assert len(found) == 1 and "van 09:00 tot 13:00" in found[0].message_nl


def test_without_forecast_the_rule_is_not_judged():
    p = _project()
    p.forecast = None
    assert violations([shift("a1", MON, "13:00", "23:00")], p, "closed_queue") == []
