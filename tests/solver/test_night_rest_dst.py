"""The rest the solver demands after a night shift agrees with the rule checker on the nights of
both clock changes, where "ends after 02:00" is a question of instants, not of wall-clock
minutes (a night that ends at the second 02:00 of the autumn change ends an hour after the
first)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from solver_kit import opts, project

from kcroster.model import OpeningHours, Queue, Roster, Segment, Shift
from kcroster.rules import check
from kcroster.solver.builder import ModelBuilder


def _shift(agent_id: str, day: date, start_ts: int, end_ts: int, tz) -> Shift:
    s, e = datetime.fromtimestamp(start_ts, tz), datetime.fromtimestamp(end_ts, tz)
    return Shift(agent_id, day, s, e, [Segment(s, e, "Q")])


@pytest.mark.parametrize("saturday", [date(2026, 3, 28), date(2026, 10, 24)], ids=["spring", "autumn"])
def test_every_night_candidate_needs_the_rest_the_checker_asks(saturday: date) -> None:
    day_and_night = Queue("Q", opening_hours=OpeningHours(weekly={d: [(time(0), time(23, 59))] for d in range(7)}))
    p = project(1, days=4, start=saturday - timedelta(days=1), interval=60, lengths=(360, 480), step=60,
                queues=[day_and_night], contract_hours=0.0, min_hours=0.0, max_hours=200.0)
    b = ModelBuilder(p, None, opts())
    b.build_variables()
    tz = p.horizon.tz
    nights = [(d, c) for d in range(b.D) for c in b.cands[0][d] if c.night]
    assert any(p.horizon.dates[d] == saturday for d, _c in nights)
    late_rest = 3600 * p.labour.rest_after_late_night_hours
    both = set()
    for d, c in nights:
        day = p.horizon.dates[d]
        night = _shift("a0", day, c.start_ts, c.end_ts, tz)
        # the next shift 12 h after this one ends: enough after an early-ending night, too
        # little after one ending after 02:00
        nxt_start = c.end_ts + 12 * 3600
        nxt_day = datetime.fromtimestamp(nxt_start, tz).date()
        nxt = _shift("a0", nxt_day, nxt_start, nxt_start + 6 * 3600, tz)
        found = [v for v in check(Roster([night, nxt]), p) if v.rule_id == "atw_night_rest"]
        assert bool(found) == (c.rest_after_s >= late_rest), (
            f"{night.start:%a %d %b %H:%M}–{night.end:%H:%M} (fold {night.end.fold}): solver rest "
            f"{c.rest_after_s / 3600} h, checker {[v.message_en for v in found]}")
        both.add(bool(found))
    assert both == {True, False}  # both kinds of night occur, so the comparison means something
