"""One complying and one violating hand-built roster for every rule of the catalogue.

Each case is built explicitly; the violating case also names a fragment the planner-facing
Dutch message must contain, so the numbers in the message are checked too.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time, timedelta

import numpy as np
import pytest
from rule_kit import MON, agent, at, days, project, shift, violations

from kcroster.model import (
    Forecast,
    Leave,
    Project,
    Queue,
    ReintegrationStep,
    Roster,
    Segment,
    Shift,
    ShiftRules,
    ShiftType,
    Wish,
    WishKind,
)
from kcroster.rules import RULES

Case = tuple[list[Shift], Project, dict]
TUE, WED, THU, FRI, SAT, SUN = days(7)[1:]


def week_of_days(n: int, start: str = "08:00", end: str = "16:30", first: date = MON) -> list[Shift]:
    return [shift("a1", d, start, end) for d in days(n, first)]


# --- structure ----------------------------------------------------------------------------------

def one_shift_ok() -> Case:
    return [shift("a1", MON, "08:00", "16:30"), shift("a1", TUE, "08:00", "16:30")], project(), {}


def one_shift_bad() -> Case:
    return [shift("a1", MON, "08:00", "12:00"), shift("a1", MON, "14:00", "18:00")], project(), {}


def partition_ok() -> Case:
    return [shift("a1", MON, "08:00", "16:30", breaks=(("10:00", "10:15"), ("12:30", "13:00")))], project(), {}


def partition_bad() -> Case:
    s = shift("a1", MON, "08:00", "16:30")
    del s.segments[1]  # the break segment disappears: a hole 12:00–12:30
    return [s], project(), {}


# --- Arbeidstijdenwet ---------------------------------------------------------------------------

def length_ok() -> Case:
    # 12 h 45 min with a 45-min break: exactly 12 h of work
    return [shift("a1", MON, "08:00", "20:45", breaks=(("12:00", "12:45"),))], project(), {}


def length_bad() -> Case:
    return [shift("a1", MON, "08:00", "21:00", breaks=(("12:00", "12:45"),))], project(), {}


def week_hours_ok() -> Case:
    # 5 × 12 h work = 60 h
    return [shift("a1", d, "07:00", "19:45", breaks=(("12:00", "12:45"),)) for d in days(5)], project(), {}


def week_hours_bad() -> Case:
    # 6 × 10 h 15 min = 61 h 30 min
    return [shift("a1", d, "07:00", "17:45", breaks=(("12:00", "12:30"),)) for d in days(6)], project(), {}


def _weeks_of_work(hours_per_week: list[int]) -> list[Shift]:
    """Each week: 7 shifts of 8 h work, then the week trimmed to the wanted hours."""
    out: list[Shift] = []
    for w, hours in enumerate(hours_per_week):
        first = MON + timedelta(days=7 * w)
        full, rest = divmod(hours, 8)
        for i in range(full):
            out.append(shift("a1", first + timedelta(days=i), "08:00", "16:30"))
        if rest:
            out.append(shift("a1", first + timedelta(days=full), "08:00", f"{8 + rest:02d}:00", breaks=()))
    return out


def avg_ok() -> Case:
    return _weeks_of_work([56, 56, 56, 52]), project(days=28), {}  # 220 h / 4 = 55 h


def avg_bad() -> Case:
    return _weeks_of_work([56, 56, 56, 53]), project(days=28), {}  # 221 h / 4 = 55 h 15 min


def daily_rest_ok() -> Case:
    return [shift("a1", MON, "13:30", "22:00"), shift("a1", TUE, "09:00", "17:30")], project(), {}


def daily_rest_bad() -> Case:
    # two 8-h rests in the same week: the second one is not allowed
    return [shift("a1", MON, "13:30", "22:00"), shift("a1", TUE, "06:00", "14:30"),
            shift("a1", WED, "13:30", "22:00"), shift("a1", THU, "06:00", "14:30")], project(), {}


def weekly_rest_ok() -> Case:
    # Mon–Sat, Saturday ends 12:00: Sat 12:00 → Mon 00:00 is exactly 36 h
    return (week_of_days(5) + [shift("a1", SAT, "06:00", "12:00", breaks=(("09:00", "09:15"),))],
            project(), {})


def weekly_rest_bad() -> Case:
    return (week_of_days(5) + [shift("a1", SAT, "06:00", "12:15", breaks=(("09:00", "09:15"),))],
            project(), {})


def breaks_ok() -> Case:
    return [shift("a1", MON, "08:00", "16:30", breaks=(("10:00", "10:15"), ("13:00", "13:15")))], project(), {}


def breaks_bad() -> Case:
    return [shift("a1", MON, "08:00", "16:15", breaks=(("12:00", "12:15"),))], project(), {}


def night_rest_ok() -> Case:
    return [shift("a1", MON, "22:00", "07:00"), shift("a1", TUE, "21:00", "06:00")], project(), {}


def night_rest_bad() -> Case:
    return [shift("a1", MON, "22:00", "07:00"), shift("a1", TUE, "20:00", "04:00")], project(), {}


def sundays_ok() -> Case:
    sundays = [SUN + timedelta(days=7 * i) for i in range(4)]
    return [shift("a1", d, "08:00", "16:30") for d in sundays[:3]], project(days=28), {}


def sundays_bad() -> Case:
    sundays = [SUN + timedelta(days=7 * i) for i in range(4)]
    return [shift("a1", d, "08:00", "16:30") for d in sundays], project(days=28), {}


def youth_ok() -> Case:
    young = agent(birth_date=date(2010, 1, 1))  # 17 in May 2027
    return ([shift("a1", MON, "08:00", "16:30"), shift("a1", TUE, "08:00", "16:30")],
            project(young), {})


def youth_bad() -> Case:
    young = agent(birth_date=date(2010, 1, 1))
    return [shift("a1", MON, "08:00", "18:00")], project(young), {}  # 9 h 30 min of work


def notice_ok() -> Case:
    ref = Roster([shift("a1", MON, "08:00", "16:30")])
    return [shift("a1", MON, "10:00", "18:30")], project(), {"reference": ref, "today": MON - timedelta(days=28)}


def notice_bad() -> Case:
    ref = Roster([shift("a1", MON, "08:00", "16:30")])
    return [shift("a1", MON, "10:00", "18:30")], project(), {"reference": ref, "today": MON - timedelta(days=10)}


# --- contract -----------------------------------------------------------------------------------

def _contract() -> Project:
    return project(agent(contract_hours=36.0, min_hours=None, max_hours=None))  # 32 h 24 – 39 h 36


def contract_hours_ok() -> Case:
    return [shift("a1", d, "08:00", "17:30") for d in days(4)], _contract(), {}  # 4 × 9 h = 36 h


def contract_hours_bad() -> Case:
    return [shift("a1", d, "08:00", "17:30") for d in days(3)], _contract(), {}  # 27 h


def days_week_ok() -> Case:
    return week_of_days(5), project(agent(max_days_per_week=5)), {}


def days_week_bad() -> Case:
    return week_of_days(6), project(agent(max_days_per_week=5)), {}


def consecutive_ok() -> Case:
    return week_of_days(6), project(agent(max_consecutive_days=6), days=14), {}


def consecutive_bad() -> Case:
    return week_of_days(7), project(agent(max_consecutive_days=6), days=14), {}


def days_off_ok() -> Case:
    # work Mon–Wed, off Thu–Fri, work Sat–Sun
    return ([shift("a1", d, "08:00", "16:30") for d in (MON, TUE, WED, SAT, SUN)],
            project(agent(min_consecutive_days_off=2)), {})


def days_off_bad() -> Case:
    return ([shift("a1", d, "08:00", "16:30") for d in (MON, TUE, WED, FRI, SAT, SUN)],
            project(agent(min_consecutive_days_off=2)), {})


def weekends_ok() -> Case:
    return [shift("a1", SAT, "08:00", "16:30"), shift("a1", SUN, "08:00", "16:30")], \
        project(agent(max_weekends=1), days=14), {}


def weekends_bad() -> Case:
    return [shift("a1", SAT, "08:00", "16:30"), shift("a1", SUN + timedelta(days=7), "08:00", "16:30")], \
        project(agent(max_weekends=1), days=14), {}


def total_ok() -> Case:
    return week_of_days(3), project(agent(min_minutes_total=24 * 60, max_minutes_total=24 * 60)), {}


def total_bad() -> Case:
    return week_of_days(2), project(agent(min_minutes_total=24 * 60, max_minutes_total=30 * 60)), {}


def types_ok() -> Case:
    return ([shift("a1", MON, "22:00", "07:00", shift_type="N"), shift("a1", WED, "08:00", "16:30")],
            project(agent(max_shifts_per_type={"N": 1})), {})


def types_bad() -> Case:
    return ([shift("a1", MON, "22:00", "07:00", shift_type="N"), shift("a1", THU, "22:00", "07:00", shift_type="N")],
            project(agent(max_shifts_per_type={"N": 1})), {})


def _seq_rules() -> ShiftRules:
    return ShiftRules(shift_types=[ShiftType("V", time(7), time(15, 30)), ShiftType("L", time(14), time(22, 30))],
                      forbidden_sequences=[("L", "V")])


def sequence_ok() -> Case:
    return ([shift("a1", MON, "07:00", "15:30", shift_type="V"), shift("a1", TUE, "14:00", "22:30", shift_type="L")],
            project(shift_rules=_seq_rules()), {})


def sequence_bad() -> Case:
    return ([shift("a1", MON, "14:00", "22:30", shift_type="L"), shift("a1", TUE, "07:00", "15:30", shift_type="V")],
            project(shift_rules=_seq_rules()), {})


def form_ok() -> Case:
    return [shift("a1", MON, "08:00", "17:00")], project(shift_rules=ShiftRules(max_length_minutes=540)), {}


def form_bad() -> Case:
    return [shift("a1", MON, "08:00", "17:15")], project(shift_rules=ShiftRules(max_length_minutes=540)), {}


def availability_ok() -> Case:
    return [shift("a1", MON, "08:00", "16:30")], project(agent(earliest_start=time(8), latest_end=time(17))), {}


def availability_bad() -> Case:
    return [shift("a1", MON, "07:30", "16:00")], project(agent(earliest_start=time(8), latest_end=time(17))), {}


def _leave_tue() -> list[Leave]:
    return [Leave("a1", at(TUE, "00:00"), at(WED, "00:00"), "vakantie")]


def leave_ok() -> Case:
    # Monday's evening shift ends exactly when the leave starts
    return [shift("a1", MON, "15:30", "00:00")], project(leave=_leave_tue()), {}


def leave_bad() -> Case:
    return [shift("a1", MON, "15:45", "00:15")], project(leave=_leave_tue()), {}


def _queues() -> list[Queue]:
    return [Queue("tel"), Queue("chat"), Queue("email")]


def skills_ok() -> Case:
    return [shift("a1", MON, "08:00", "16:30", queue="chat")], project(agent(skills=("chat",)), queues=_queues()), {}


def skills_bad() -> Case:
    return [shift("a1", MON, "08:00", "16:30", queue="tel")], project(agent(skills=("chat",)), queues=_queues()), {}


def locked_ok() -> Case:
    ref = Roster([shift("a1", MON, "08:00", "16:30", locked=True), shift("a1", TUE, "08:00", "16:30")])
    return [shift("a1", MON, "08:00", "16:30"), shift("a1", TUE, "09:00", "17:30")], project(), {"reference": ref}


def locked_bad() -> Case:
    ref = Roster([shift("a1", MON, "08:00", "16:30", locked=True)])
    return [shift("a1", MON, "08:30", "17:00")], project(), {"reference": ref}


def wish_ok() -> Case:
    return [shift("a1", MON, "08:00", "16:30")], project(wishes=[Wish("a1", TUE, WishKind.OFF, must=True)]), {}


def wish_bad() -> Case:
    return ([shift("a1", MON, "08:00", "16:30"), shift("a1", TUE, "08:00", "16:30")],
            project(wishes=[Wish("a1", TUE, WishKind.OFF, must=True)]), {})


def _staffing_project(*agents) -> Project:
    p = project(*agents, days=1)
    q = Queue("tel", min_agents_when_open=1)
    hz = p.horizon
    minute = hz.local_minute_of_day
    open_mask = ((minute >= 9 * 60) & (minute < 17 * 60))[None, :]
    p.queues = [q]
    p.forecast = Forecast(hz, [q], np.zeros((1, hz.n_intervals)), np.full((1, hz.n_intervals), 180.0),
                          open_mask=open_mask)
    return p


def closed_ok() -> Case:
    return ([shift("a1", MON, "09:00", "17:00", breaks=(("12:00", "12:30"),))],
            _staffing_project(agent("a1")), {})


def closed_bad() -> Case:
    return ([shift("a1", MON, "12:00", "20:30", breaks=(("15:00", "15:30"),))],
            _staffing_project(agent("a1")), {})


def staffing_ok() -> Case:
    return ([shift("a1", MON, "08:00", "17:30", breaks=(("12:00", "12:30"),)),
             shift("a2", MON, "09:00", "17:30", breaks=(("13:00", "13:30"),))],
            _staffing_project(agent("a1"), agent("a2")), {})


def staffing_bad() -> Case:
    return [shift("a1", MON, "08:00", "17:30", breaks=(("12:00", "12:30"),))], _staffing_project(agent("a1")), {}


def _blocks(*parts: tuple[str, str, str]) -> Shift:
    """A shift of consecutive (start, end, activity) parts on Monday."""
    segs = [Segment(at(MON, a), at(MON, z), act) for a, z, act in parts]
    return Shift("a1", MON, segs[0].start, segs[-1].end, segs)


def _two_queues() -> Project:
    return project(queues=[Queue("tel"), Queue("chat")])


def blocks_ok() -> Case:
    # an hour on chat after two on tel, a break and tel again: every block at least an hour
    return ([_blocks(("08:00", "10:00", "tel"), ("10:00", "11:00", "chat"), ("11:00", "11:30", "break"),
                     ("11:30", "12:30", "tel"))], _two_queues(), {})


def blocks_bad() -> Case:
    # half an hour on chat between two stretches on tel; a break does not end the first block
    return ([_blocks(("08:00", "09:00", "tel"), ("09:00", "09:30", "break"), ("09:30", "10:00", "tel"),
                     ("10:00", "10:30", "chat"), ("10:30", "12:00", "tel"))], _two_queues(), {})


def over_contract_ok() -> Case:
    return week_of_days(4), project(agent(contract_hours=36.0, min_hours=0.0, max_hours=44.0)), {}


def over_contract_bad() -> Case:
    return week_of_days(5), project(agent(contract_hours=36.0, min_hours=0.0, max_hours=44.0)), {}


# --- reintegration ------------------------------------------------------------------------------

def _reint(**kw) -> list[ReintegrationStep]:
    return [ReintegrationStep("a1", MON, **kw)]


def reint_hours_ok() -> Case:
    return [shift("a1", MON, "09:00", "13:00")], project(reintegration=_reint(max_hours_day=4.0)), {}


def reint_hours_bad() -> Case:
    return [shift("a1", MON, "09:00", "13:15")], project(reintegration=_reint(max_hours_day=4.0)), {}


def reint_days_ok() -> Case:
    return ([shift("a1", d, "09:00", "13:00") for d in (MON, WED, FRI)],
            project(reintegration=_reint(days=frozenset({0, 2, 4}))), {})


def reint_days_bad() -> Case:
    return ([shift("a1", d, "09:00", "13:00") for d in (MON, TUE, FRI)],
            project(reintegration=_reint(days=frozenset({0, 2, 4}))), {})


def reint_window_ok() -> Case:
    return [shift("a1", MON, "09:00", "15:00")], project(reintegration=_reint(window=(time(9), time(15)))), {}


def reint_window_bad() -> Case:
    return [shift("a1", MON, "09:00", "15:30")], project(reintegration=_reint(window=(time(9), time(15)))), {}


def reint_activities_ok() -> Case:
    return [shift("a1", MON, "09:00", "13:00", queue="email")], project(reintegration=_reint(queues=("email",))), {}


def reint_activities_bad() -> Case:
    return [shift("a1", MON, "09:00", "13:00", queue="tel")], project(reintegration=_reint(queues=("email",))), {}


def reint_cont_ok() -> Case:
    return ([shift("a1", MON, "09:00", "13:15", breaks=(("11:00", "11:15"),))],
            project(reintegration=_reint(max_continuous_minutes=120)), {})


def reint_cont_bad() -> Case:
    return ([shift("a1", MON, "09:00", "13:15", breaks=(("11:15", "11:30"),))],
            project(reintegration=_reint(max_continuous_minutes=120)), {})


CASES: dict[str, tuple[Callable[[], Case], Callable[[], Case], str]] = {
    "one_shift_per_day": (one_shift_ok, one_shift_bad, "2 diensten op ma 3 mei 2027"),
    "segments_partition": (partition_ok, partition_bad, "Niet ingedeeld van 12:00 tot 12:30"),
    "atw_shift_length": (length_ok, length_bad, "12 u 15 min werk, maximaal 12 u"),
    "atw_week_hours": (week_hours_ok, week_hours_bad, "61 u 30 min werk in de week van ma 3 mei 2027, maximaal 60 u"),
    "atw_avg_hours": (avg_ok, avg_bad, "Gemiddeld 55 u 15 min per week over 4 weken"),
    "atw_daily_rest": (daily_rest_ok, daily_rest_bad,
                       "Rust tussen diensten 8 u, minimaal 11 u (eenmaal per week 8 u toegestaan, al gebruikt op "
                       "ma 3 mei)"),
    "atw_weekly_rest": (weekly_rest_ok, weekly_rest_bad, "is 35 u 45 min, minimaal 36 u"),
    "atw_breaks": (breaks_ok, breaks_bad, "Pauze 15 min bij 8 u werk"),
    "atw_night_rest": (night_rest_ok, night_rest_bad,
                       "Rust 13 u na nachtdienst tot na 02:00: ma 3 mei 2027 22:00–07:00, minimaal 14 u"),
    "atw_sundays": (sundays_ok, sundays_bad, "0 vrije zondag(en) van 4, minimaal 1"),
    "atw_youth": (youth_ok, youth_bad, "9 u 30 min werk, maximaal 9 u"),
    "atw_notice": (notice_ok, notice_bad, "10 dag(en) vooraf"),
    "contract_week_hours": (contract_hours_ok, contract_hours_bad,
                            "27 u werk in de week van ma 3 mei 2027, minimaal 32 u 24 min"),
    "contract_over_hours": (over_contract_ok, over_contract_bad,
                            "4 u boven contract in de week van ma 3 mei 2027: 40 u werk, contract 36 u"),
    "contract_days_per_week": (days_week_ok, days_week_bad, "6 werkdagen"),
    "contract_consecutive_days": (consecutive_ok, consecutive_bad, "7 werkdagen op rij"),
    "contract_days_off": (days_off_ok, days_off_bad, "1 vrije dag(en) op rij vanaf do 6 mei 2027, minimaal 2"),
    "contract_weekends": (weekends_ok, weekends_bad, "2 weekenden gewerkt"),
    "contract_total_minutes": (total_ok, total_bad, "16 u werk over de periode, minimaal 24 u"),
    "contract_shift_types": (types_ok, types_bad, "2 diensten van type N, maximaal 1"),
    "shift_sequence": (sequence_ok, sequence_bad, "Dienst V op di 4 mei 2027 na dienst L"),
    "shift_form": (form_ok, form_bad, "duurt 9 u 15 min, toegestaan 4 u tot 9 u"),
    "availability": (availability_ok, availability_bad, "begint om 07:30, beschikbaar vanaf 08:00"),
    "leave": (leave_ok, leave_bad, "overlapt met vakantie"),
    "skills": (skills_ok, skills_bad, "Ingedeeld op tel"),
    "locked": (locked_ok, locked_bad, "Vastgezette dienst ma 3 mei 2027 08:00–16:30"),
    "wish_must": (wish_ok, wish_bad, "Verplichte wens op di 4 mei 2027: vrij"),
    "closed_queue": (closed_ok, closed_bad,
                     "Ingedeeld op tel op ma 3 mei 2027 van 17:00 tot 20:30"),
    "min_staffing": (staffing_ok, staffing_bad, "Wachtrij tel: 0 medewerker(s) van 12:00 tot 12:30"),
    "queue_block_length": (blocks_ok, blocks_bad, "1 blok korter dan 60 min op ma 3 mei 2027: chat 10:00–10:30"),
    "reint_hours": (reint_hours_ok, reint_hours_bad, "4 u 15 min werk op ma 3 mei 2027, maximaal 4 u per dag"),
    "reint_days": (reint_days_ok, reint_days_bad, "werken op di 4 mei 2027 niet toegestaan"),
    "reint_window": (reint_window_ok, reint_window_bad, "valt buiten 09:00–15:00"),
    "reint_activities": (reint_activities_ok, reint_activities_bad, "tel op ma 3 mei 2027; toegestaan: email"),
    "reint_continuous": (reint_cont_ok, reint_cont_bad, "2 u 15 min aaneengesloten werk van 09:00 tot 11:15"),
}


def test_every_catalogue_rule_has_a_case() -> None:
    assert set(CASES) == {r.id for r in RULES}


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_complying_roster_has_no_violation_of_the_rule(rule_id: str) -> None:
    shifts, proj, kw = CASES[rule_id][0]()
    found = violations(shifts, proj, rule_id, **kw)
    assert found == [], [v.message_nl for v in found]


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_violating_roster_is_reported_with_numbers(rule_id: str) -> None:
    shifts, proj, kw = CASES[rule_id][1]()
    found = violations(shifts, proj, rule_id, **kw)
    assert found, f"{rule_id} not reported"
    fragment = CASES[rule_id][2]
    assert any(fragment in v.message_nl for v in found), [v.message_nl for v in found]
    rule = next(r for r in RULES if r.id == rule_id)
    for v in found:
        assert v.severity == rule.severity
        assert v.rule_name_nl == rule.name_nl
        assert v.message_en and v.message_en != v.message_nl


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_disabled_rule_is_not_reported(rule_id: str) -> None:
    shifts, proj, kw = CASES[rule_id][1]()
    proj.labour.disabled.add(rule_id)
    assert violations(shifts, proj, rule_id, **kw) == []
