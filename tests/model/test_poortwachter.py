"""Wet Poortwachter deadlines, checked against dates counted by hand on a calendar."""

from datetime import date, timedelta

import pytest

from kcroster.model.poortwachter import (
    AlertLevel,
    DeadlineKind,
    SickPeriod,
    current_chain,
    date_of_sick_day,
    poortwachter_alerts,
    poortwachter_deadlines,
)


def _due(deadlines, kind):
    return [d.due for d in deadlines if d.kind is kind]


def test_single_period_milestones_hand_counted():
    # Monday 5 Jan 2026 is sick day 1; week 6 ends on day 42 = Sunday 15 Feb 2026.
    dl = poortwachter_deadlines([SickPeriod(date(2026, 1, 5))])
    assert _due(dl, DeadlineKind.PROBLEM_ANALYSIS) == [date(2026, 2, 15)]
    assert _due(dl, DeadlineKind.ACTION_PLAN) == [date(2026, 3, 1)]  # day 56
    assert _due(dl, DeadlineKind.UWV_NOTIFICATION) == [date(2026, 10, 25)]  # day 294
    assert _due(dl, DeadlineKind.FIRST_YEAR_EVALUATION) == [date(2027, 1, 3)]  # day 364
    # day 651
    assert _due(dl, DeadlineKind.WIA_APPLICATION) == [date(2027, 1, 3) + timedelta(weeks=41)] == [date(2027, 10, 17)]
    # day 728: two years minus the 2 days of 2 × 364-day years → Sunday 2 Jan 2028
    assert _due(dl, DeadlineKind.END_OF_WAGE_OBLIGATION) == [date(2028, 1, 2)]
    # every deadline ends a week on the same weekday as the day before the first sick day
    assert all(d.due.weekday() == 6 for d in dl if d.kind is not DeadlineKind.EVALUATION)


def test_evaluations_every_six_weeks_after_plan_until_end():
    dl = poortwachter_deadlines([SickPeriod(date(2026, 1, 5))])
    evals = _due(dl, DeadlineKind.EVALUATION)
    assert evals[0] == date(2026, 3, 1) + timedelta(weeks=6)
    assert all((b - a).days == 42 for a, b in zip(evals, evals[1:], strict=False))
    assert evals[-1] < date(2028, 1, 2) <= evals[-1] + timedelta(weeks=6)
    # weeks 8 + 6k for k = 1 … 15 (week 98 is the last before week 104)
    assert [d.week for d in dl if d.kind is DeadlineKind.EVALUATION] == list(range(14, 104, 6))


def test_evaluation_held_moves_the_next_one():
    held = date(2026, 3, 20)
    dl = poortwachter_deadlines([SickPeriod(date(2026, 1, 5))], evaluations_held=[held])
    assert _due(dl, DeadlineKind.EVALUATION)[0] == held + timedelta(weeks=6)


def test_periods_less_than_four_weeks_apart_add_up():
    # 14 sick days, 10 days back at work, then sick again: the gap does not count.
    periods = [SickPeriod(date(2026, 1, 5), date(2026, 1, 18)), SickPeriod(date(2026, 1, 29))]
    dl = poortwachter_deadlines(periods)
    # day 42 = 14 days in the first period + 28th day of the second (29 Jan + 27)
    assert _due(dl, DeadlineKind.PROBLEM_ANALYSIS) == [date(2026, 2, 25)]
    # equivalently: the single-period deadline shifted by the 10 gap days
    single = poortwachter_deadlines([SickPeriod(date(2026, 1, 5))])
    for a, b in zip(
        [d for d in dl if d.kind is not DeadlineKind.EVALUATION],
        [d for d in single if d.kind is not DeadlineKind.EVALUATION],
        strict=True,
    ):
        assert (a.due - b.due).days == 10


def test_gap_of_four_weeks_starts_a_new_count():
    first = SickPeriod(date(2026, 1, 5), date(2026, 1, 18))
    # gap of exactly 28 days: 19 Jan … 15 Feb
    second = SickPeriod(date(2026, 2, 16))
    assert current_chain([first, second]) == [second]
    dl = poortwachter_deadlines([second, first])
    assert _due(dl, DeadlineKind.PROBLEM_ANALYSIS) == [date(2026, 2, 16) + timedelta(days=41)]
    # 27 days apart still adds up
    second_close = SickPeriod(date(2026, 2, 15))
    assert current_chain([first, second_close]) == [first, second_close]


def test_date_of_sick_day_brute_force():
    periods = [
        SickPeriod(date(2026, 1, 5), date(2026, 1, 9)),
        SickPeriod(date(2026, 1, 20), date(2026, 1, 22)),
        SickPeriod(date(2026, 2, 2)),
    ]
    chain = current_chain(periods)
    # enumerate calendar days and count the sick ones
    sick_days = []
    d = date(2026, 1, 1)
    while len(sick_days) < 400:
        if any(p.start <= d and (p.end is None or d <= p.end) for p in periods):
            sick_days.append(d)
        d += timedelta(days=1)
    for n in (1, 5, 6, 8, 9, 42, 56, 400):
        assert date_of_sick_day(chain, n) == sick_days[n - 1]


def test_alerts_near_and_passed():
    dl = poortwachter_deadlines([SickPeriod(date(2026, 1, 5))])
    alerts = poortwachter_alerts(dl, date(2026, 2, 20), warn_days=14)
    kinds = [(a.deadline.kind, a.level) for a in alerts]
    assert kinds == [
        (DeadlineKind.PROBLEM_ANALYSIS, AlertLevel.PASSED),
        (DeadlineKind.ACTION_PLAN, AlertLevel.NEAR),
    ]
    assert alerts[0].days_left == -5 and alerts[1].days_left == 9
    assert "Probleemanalyse" in alerts[0].message_nl and "5 dagen geleden" in alerts[0].message_nl
    done = poortwachter_alerts(dl, date(2026, 2, 20), done=[DeadlineKind.PROBLEM_ANALYSIS])
    assert [a.deadline.kind for a in done] == [DeadlineKind.ACTION_PLAN]


def test_alerts_report_only_latest_missed_evaluation():
    dl = poortwachter_deadlines([SickPeriod(date(2026, 1, 5))])
    alerts = poortwachter_alerts(dl, date(2026, 9, 1), done=[DeadlineKind.PROBLEM_ANALYSIS, DeadlineKind.ACTION_PLAN])
    evals = [a for a in alerts if a.deadline.kind is DeadlineKind.EVALUATION]
    assert len(evals) == 1 and evals[0].level is AlertLevel.PASSED
    assert evals[0].deadline.due == date(2026, 8, 16)  # week 32 (8 + 4×6): day 224


def test_no_periods_and_bad_period():
    assert poortwachter_deadlines([]) == []
    with pytest.raises(ValueError):
        SickPeriod(date(2026, 2, 1), date(2026, 1, 1))
