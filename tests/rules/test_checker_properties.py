"""Property tests on random small rosters.

* Moving every shift a whole number of weeks later (within a DST-free horizon, staying inside
  it) keeps the verdict of every week-local rule.
* Removing a shift never makes a maximum-type rule broken that was not broken before.
"""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rule_kit import MON, agent, project, shift

from kcroster.model import Roster, Shift
from kcroster.rules import check, summarise

WEEK_LOCAL = (
    "one_shift_per_day", "segments_partition", "atw_shift_length", "atw_week_hours",
    "atw_daily_rest", "atw_weekly_rest", "atw_breaks", "atw_night_rest", "contract_days_per_week",
)
# atw_night_rest is deliberately absent: removing the 4th of five nights ends a series of three
# early, and the next night then comes less than 46 h later — a real new violation (hypothesis
# found it; see test_removing_a_night_can_end_a_series_early in test_checker_cases.py).
MAX_TYPE = (
    "atw_shift_length", "atw_week_hours", "atw_avg_hours", "atw_daily_rest", "atw_weekly_rest",
    "atw_breaks", "contract_days_per_week", "contract_weekends", "contract_consecutive_days",
    "one_shift_per_day",
)


@st.composite
def rosters(draw: st.DrawFn) -> list[Shift]:
    """Up to 12 shifts of one agent on days 0–13 of a 28-day horizon (May 2027, no DST)."""
    day_list = draw(st.lists(st.integers(0, 13), min_size=1, max_size=12, unique=True))
    out = []
    for d in sorted(day_list):
        start = draw(st.integers(0, 95)) * 15  # minute of day
        length = draw(st.integers(12, 52)) * 15  # 3–13 h
        end = (start + length) % 1440
        brk = draw(st.sampled_from(["none", "one", "two_short"]))
        day = MON + timedelta(days=d)
        s_txt = f"{start // 60:02d}:{start % 60:02d}"
        e_txt = f"{end // 60:02d}:{end % 60:02d}"
        if brk == "none":
            out.append(shift("a1", day, s_txt, e_txt, breaks=()))
        elif brk == "one":
            b0 = (start + 120) % 1440
            b1 = (b0 + 30) % 1440
            out.append(shift("a1", day, s_txt, e_txt, breaks=((f"{b0 // 60:02d}:{b0 % 60:02d}",
                                                               f"{b1 // 60:02d}:{b1 % 60:02d}"),)))
        else:
            b0 = (start + 60) % 1440
            b1 = (b0 + 10) % 1440
            out.append(shift("a1", day, s_txt, e_txt, breaks=((f"{b0 // 60:02d}:{b0 % 60:02d}",
                                                               f"{b1 // 60:02d}:{b1 % 60:02d}"),)))
    return out


def _project():
    p = project(agent(max_days_per_week=4, max_weekends=1, max_consecutive_days=3), days=28)
    p.labour.max_week_hours = 40  # make the weekly maximum bite on small rosters
    p.labour.max_avg_hours_4w = 12
    return p


def _moved(shifts: list[Shift], weeks: int) -> list[Shift]:
    delta = timedelta(days=7 * weeks)
    out = []
    for s in shifts:
        segs = [type(g)(g.start + delta, g.end + delta, g.activity) for g in s.segments]
        out.append(Shift(s.agent_id, s.day + delta, s.start + delta, s.end + delta, segs))
    return out


def _counts(shifts: list[Shift], rules: tuple[str, ...]) -> dict[str, int]:
    summary = summarise(check(Roster(shifts), _project()))
    return {r: summary.get(r, 0) for r in rules}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rosters(), st.integers(1, 2))
def test_moving_by_whole_weeks_keeps_week_local_verdicts(shifts: list[Shift], weeks: int) -> None:
    # the moved roster stays inside the 28-day horizon (last shift starts on day ≤ 13 + 14)
    assert _counts(shifts, WEEK_LOCAL) == _counts(_moved(shifts, weeks), WEEK_LOCAL)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rosters(), st.data())
def test_removing_a_shift_never_breaks_a_maximum_rule(shifts: list[Shift], data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(shifts) - 1))
    before = _counts(shifts, MAX_TYPE)
    after = _counts(shifts[:i] + shifts[i + 1:], MAX_TYPE)
    # verdicts, not counts: splitting one over-long run of working days in two can give two
    # violations where there was one — still no rule newly broken
    for rule_id in MAX_TYPE:
        assert not after[rule_id] or before[rule_id], rule_id
