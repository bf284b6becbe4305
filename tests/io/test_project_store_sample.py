"""Hand-built sample projects shared by the project-store, roster-file and export tests.

``sample_project()`` fills every part of the model with non-default values (so a field that is
lost on a round trip shows up) and spans the autumn DST change of 2026 (25 October).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

import numpy as np

from kcroster.model import (
    BREAK,
    Agent,
    Channel,
    Forecast,
    Horizon,
    LabourRules,
    Leave,
    OpeningHours,
    Project,
    Queue,
    ReintegrationStep,
    Roster,
    RosterStatus,
    Scenario,
    Segment,
    Shift,
    ShiftDemand,
    ShiftRules,
    ShiftType,
    Wish,
    WishKind,
)

START = date(2026, 10, 19)  # a Monday; the horizon spans the autumn DST change on 25 October


def make_shift(h: Horizon, agent_id: str, day: date, start: time, hours: float, activity: str,
               *, brk: bool = True, shift_type: str | None = None, locked: bool = False) -> Shift:
    tz = h.tz
    s = datetime.combine(day, start, tzinfo=tz)
    e = (s.astimezone(UTC) + timedelta(hours=hours)).astimezone(tz)
    if brk and hours > 5.5:
        mid = (s.astimezone(UTC) + timedelta(hours=hours / 2)).astimezone(tz)
        mid = mid.replace(minute=(mid.minute // 15) * 15)
        b_end = (mid.astimezone(UTC) + timedelta(minutes=30)).astimezone(tz)
        segs = [Segment(s, mid, activity), Segment(mid, b_end, BREAK), Segment(b_end, e, activity)]
    else:
        segs = [Segment(s, e, activity)]
    return Shift(agent_id, day, s, e, segs, shift_type, locked)


def sample_project(days: int = 14) -> Project:
    h = Horizon(START, days, 15)
    q1 = Queue(
        "Telefonie", Channel.VOICE, 80.0, 20.0, asa_seconds=30.0, max_occupancy=0.85, shrinkage=0.3,
        patience_seconds=180.0, max_abandon=0.05,
        opening_hours=OpeningHours({0: [(time(8), time(20))], 5: [(time(9), time(13)), (time(14), time(17))]},
                                   holiday=[(time(10), time(14))]),
        min_agents_when_open=2, color="#3366cc",
    )
    q2 = Queue("Chat", Channel.CHAT, 70.0, 60.0, concurrency=3, opening_hours=OpeningHours({1: [(time(9), time(17))]}))
    q3 = Queue("E-mail", Channel.EMAIL, response_hours=8.0, opening_hours=None, max_occupancy=None)
    queues = [q1, q2, q3]
    rng = np.random.default_rng(7)
    n = h.n_intervals
    vol = rng.uniform(0, 50, size=(3, n))
    vol[:, :20] = 0
    aht = rng.uniform(120, 600, size=(3, n))
    fc = Forecast(h, queues, vol, aht, source="forecast.xlsx", notes=["geïmporteerd", "regel 2"])
    agents = [
        Agent("A1", "Anna de Vries", 36.0, 30.0, 40.0, 5, ("Telefonie", "Chat"), time(7), time(22),
              date(1990, 5, 17), 6, 2, 2, 3, 100, 9000, {"Nacht": 0, "Laat": 2}, ("Vroeg", "Laat"), "Team Noord"),
        Agent("A2", "Bram Jansen", 24.0, skills=("Telefonie",), birth_date=date(2009, 1, 1), team="Team Zuid"),
        Agent("=cmd|' /C calc'!A0", "-Eve", 32.0, skills=("E-mail", "Telefonie"), max_days_per_week=None,
              max_consecutive_days=None),
    ]
    tz = h.tz
    leave = [
        Leave("A1", datetime(2026, 10, 21, 0, 0, tzinfo=tz), datetime(2026, 10, 22, 0, 0, tzinfo=tz)),
        # the repeated hour on the DST day: 02:30 after the clock went back (fold=1)
        Leave("A2", datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=tz), datetime(2026, 10, 25, 12, 0, tzinfo=tz),
              "niet beschikbaar – re-integratie"),
        Leave("A2", datetime(2026, 10, 27, 9, 0, tzinfo=timezone(timedelta(hours=1))),
              datetime(2026, 10, 27, 10, 0, tzinfo=UTC), "tandarts"),
    ]
    wishes = [
        Wish("A1", date(2026, 10, 20), WishKind.OFF, 3, True),
        Wish("A1", date(2026, 10, 23), WishKind.WINDOW, 2, False, time(8), time(9, 30)),
        Wish("A2", date(2026, 10, 26), WishKind.SHIFT, shift_type="Vroeg"),
    ]
    reint = [
        ReintegrationStep("A2", date(2026, 10, 19), 12.0, 4.0, frozenset({0, 2, 4}), 3, 1, (time(9), time(15)),
                          ("E-mail",), date(2026, 8, 3), 0.5, 120, 15),
        ReintegrationStep("A2", date(2026, 10, 26), 16.0),
    ]
    rules = ShiftRules(
        use_templates=False, start_step_minutes=15, min_length_minutes=180, max_length_minutes=600,
        length_step_minutes=30,
        shift_types=[ShiftType("Vroeg", time(7), time(15, 30), color="#ffcc00"),
                     ShiftType("Nacht", time(22), time(7), unpopular=True)],
        type_demand=[ShiftDemand(date(2026, 10, 20), "Vroeg", 3, 50, 2)],
        forbidden_sequences=[("Nacht", "Vroeg")], early_start_before=time(8, 30), late_end_after=time(19),
        break_minutes_short=10, max_paid_hours_per_day=9.5,
    )
    labour = LabourRules(max_shift_hours=11.0, night_window=(0, 5), disabled={"atw_sundays", "atw_notice"})
    shifts = [
        make_shift(h, "A1", date(2026, 10, 19), time(7), 8.5, "Telefonie", shift_type="Vroeg"),
        make_shift(h, "A1", date(2026, 10, 24), time(22), 9, "Chat", locked=True),  # across the DST change
        make_shift(h, "A2", date(2026, 10, 20), time(9), 4, "E-mail"),
        make_shift(h, "=cmd|' /C calc'!A0", date(2026, 10, 26), time(12), 8, "E-mail"),
    ]
    published = Roster(
        [make_shift(h, "A1", date(2026, 10, 19), time(8), 8, "Telefonie")],
        name="gepubliceerd", status=RosterStatus.PUBLISHED,
        published_at=datetime(2026, 9, 1, 14, 3, 7, 123456, tzinfo=tz), published_by="planner@kcc",
    )
    scenarios = [
        Scenario("Basis", roster=Roster(shifts, name="concept"), published=published),
        Scenario("90/10", queue_overrides={"Telefonie": {"sl_percent": 90.0, "sl_seconds": 10}}),
        Scenario("AHT +10 %", aht_factor=1.1, volume_factor=0.95,
                 roster=Roster([make_shift(h, "A2", date(2026, 10, 21), time(10), 3, "Telefonie")],
                               status=RosterStatus.CHANGED)),
    ]
    return Project("Demo KCC", h, queues, fc, agents, leave, wishes, reint, rules, labour, scenarios, 2, 38.0)


def test_sample_project_is_consistent() -> None:
    p = sample_project()
    for sc in p.scenarios:
        for roster in (sc.roster, sc.published):
            for sh in roster.shifts if roster else []:
                assert sh.segments[0].start == sh.start and sh.segments[-1].end == sh.end
                for a, b in zip(sh.segments, sh.segments[1:], strict=False):
                    assert a.end == b.start
    # the night shift across the DST change lasts 9 absolute hours, 8 on the wall clock
    night = p.scenarios[0].roster.shifts[1]
    assert night.end.timestamp() - night.start.timestamp() == 9 * 3600
    assert (night.end.hour - night.start.hour) % 24 == 8
