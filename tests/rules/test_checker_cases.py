"""The tricky cases of the checker: DST, week boundaries, night series, youth, partial leave,
reintegration steps changing mid-week, malformed segments, and the public helpers."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from rule_kit import MON, TZ, agent, at, days, project, shift, violations

from kcroster.model import (
    Horizon,
    Leave,
    ReintegrationStep,
    Roster,
    Segment,
    Shift,
    ShiftRules,
    ShiftType,
    Wish,
    WishKind,
)
from kcroster.rules import Severity, check, roster_is_legal, summarise
from kcroster.rules.text import date_en, date_nl, duration_en, duration_nl

TUE, WED, THU, FRI, SAT, SUN = days(7)[1:]
NEXT_MON = MON + timedelta(days=7)


def msgs(vs) -> list[str]:
    return [v.message_nl for v in vs]


# --- daily rest: the once-per-week 8 h and the week boundary ----------------------------------

def test_one_reduced_rest_per_week_is_allowed_and_a_second_is_not() -> None:
    p = project()
    one = [shift("a1", MON, "13:30", "22:00"), shift("a1", TUE, "06:00", "14:30")]
    assert violations(one, p, "atw_daily_rest") == []
    two = one + [shift("a1", THU, "13:30", "22:00"), shift("a1", FRI, "06:30", "15:00")]
    found = violations(two, p, "atw_daily_rest")
    assert len(found) == 1
    assert found[0].when == at(THU, "22:00")
    assert found[0].message_nl.startswith(
        "Rust tussen diensten 8 u 30 min, minimaal 11 u (eenmaal per week 8 u toegestaan, al gebruikt op ma 3 mei)")
    assert found[0].message_en.startswith(
        "Rest between shifts 8 h 30 min, minimum 11 h (8 h allowed once a week, already used on Mon 3 May)")


def test_rest_below_eight_hours_is_always_a_violation() -> None:
    found = violations([shift("a1", MON, "13:30", "22:00"), shift("a1", TUE, "05:45", "14:15")],
                       project(), "atw_daily_rest")
    assert msgs(found) == [
        "Rust tussen diensten 7 u 45 min, minimaal 11 u (eenmaal per week minimaal 8 u); "
        "na dienst ma 3 mei 2027 13:30–22:00"]


def test_reduced_rest_is_counted_in_the_week_in_which_it_begins() -> None:
    p = project(days=14)
    # Sunday 22:00 → Monday 06:00 begins in week 1; Tuesday's reduced rest is week 2's one
    ok = [shift("a1", SUN, "13:30", "22:00"), shift("a1", NEXT_MON, "06:00", "14:30"),
          shift("a1", NEXT_MON + timedelta(days=1), "06:00", "14:30")]
    # Mon 14:30 → Tue 06:00 is 15 h 30 min: fine. Add a reduced rest in week 2:
    ok.append(shift("a1", NEXT_MON + timedelta(days=2), "01:00", "05:00"))  # after Tue 14:30: 10 h 30
    assert violations(ok, p, "atw_daily_rest") == []
    # a second reduced rest in week 1 (Friday) makes the Sunday one illegal, although it ends
    # in week 2
    bad = ok + [shift("a1", FRI, "13:30", "22:00"), shift("a1", SAT, "07:00", "11:00")]
    found = violations(bad, p, "atw_daily_rest")
    assert [v.when for v in found] == [at(SUN, "22:00")]
    assert "al gebruikt op vr 7 mei" in found[0].message_nl


def test_rest_across_the_autumn_dst_change_is_measured_in_absolute_hours() -> None:
    sat = date(2026, 10, 24)
    p = project(start=date(2026, 10, 19), days=7)
    # Sat 22:00 → Sun 08:00 is 10 h on the wall clock but 11 h absolute (clocks go back)
    shifts = [shift("a1", sat, "13:30", "22:00"), shift("a1", sat + timedelta(days=1), "08:00", "16:30")]
    assert violations(shifts, p, "atw_daily_rest") == []
    # and in spring an hour is lost: Sat 22:00 → Sun 09:00 is 10 h absolute
    spring_sat = date(2027, 3, 27)
    p2 = project(start=date(2027, 3, 22), days=7)
    shifts2 = [shift("a1", spring_sat, "13:30", "22:00"), shift("a1", spring_sat + timedelta(days=1), "09:00", "17:30"),
               shift("a1", spring_sat - timedelta(days=2), "13:30", "22:00"),
               shift("a1", spring_sat - timedelta(days=1), "07:00", "11:00")]
    found = violations(shifts2, p2, "atw_daily_rest")
    assert len(found) == 1 and "Rust tussen diensten 10 u," in found[0].message_nl


# --- the autumn DST night shift ----------------------------------------------------------------

def test_night_shift_across_autumn_dst_lasts_ten_absolute_hours() -> None:
    sat = date(2026, 10, 24)
    p = project(start=date(2026, 10, 19), days=14)
    s = shift("a1", sat, "22:00", "07:00", breaks=())
    assert (s.end.timestamp() - s.start.timestamp()) / 3600 == 10  # independent: POSIX seconds
    assert violations([s], p, "atw_shift_length") == []  # 10 h work, night maximum 10 h
    longer = shift("a1", sat, "22:00", "07:15", breaks=())  # 9 h 15 on the wall clock
    found = violations([longer], p, "atw_shift_length")
    assert msgs(found) == ["Nachtdienst za 24 oktober 2026 22:00–07:15 met 10 u 15 min werk, maximaal 10 u"]


def test_night_rest_after_the_autumn_dst_night_uses_absolute_time() -> None:
    sat = date(2026, 10, 24)
    p = project(start=date(2026, 10, 19), days=14)
    night = shift("a1", sat, "22:00", "07:00")
    # Sun 07:00 → Sun 21:00 is 14 h either way; → Sun 20:30 is 13 h 30 min
    assert violations([night, shift("a1", sat + timedelta(days=1), "21:00", "23:00")], p, "atw_night_rest") == []
    found = violations([night, shift("a1", sat + timedelta(days=1), "20:30", "23:00")], p, "atw_night_rest")
    assert len(found) == 1 and "Rust 13 u 30 min" in found[0].message_nl


def test_weekly_hours_in_a_dst_week_count_absolute_hours() -> None:
    # week 19–25 Oct 2026: six night shifts 22:00–07:00 with a 30-min break; the one from
    # Saturday to Sunday is an hour longer → 6 × 8 h 30 + 1 h = 52 h
    p = project(agent(), start=date(2026, 10, 19), days=7)
    p.labour.max_week_hours = 51.5
    shifts = [shift("a1", d, "22:00", "07:00") for d in days(6, date(2026, 10, 19))]
    found = violations(shifts, p, "atw_week_hours")
    assert msgs(found) == ["52 u werk in de week van ma 19 oktober 2026, maximaal 51 u 30 min"]


# --- weekly rest -------------------------------------------------------------------------------

def test_weekly_rest_split_over_a_week_boundary_does_not_count() -> None:
    p = project(days=14)
    # week 1: Mon–Sat 08:00–16:30 → Sat 16:30 → Mon 00:00 is 31 h 30 min;
    # week 2 starts with a day off and then works Tue–Fri. Together 63 h 30 min off in a row,
    # but it lies across the boundary
    shifts = [shift("a1", d, "08:00", "16:30") for d in days(6)]
    shifts += [shift("a1", d, "08:00", "16:30") for d in days(4, NEXT_MON + timedelta(days=1))]
    found = violations(shifts, p, "atw_weekly_rest")
    assert [v.when for v in found] == [MON]
    assert "is 31 u 30 min, minimaal 36 u" in found[0].message_nl


def test_weekly_rest_partial_weeks_count_time_outside_the_horizon_as_rest() -> None:
    # horizon Wed 5 May – Tue 11 May: the first partial week has Mon–Tue outside the horizon
    p = project(start=WED, days=7)
    shifts = [shift("a1", d, "08:00", "16:30") for d in (WED, THU, FRI, SAT, SUN)]
    shifts += [shift("a1", NEXT_MON, "08:00", "16:30"), shift("a1", NEXT_MON + timedelta(days=1), "08:00", "16:30")]
    # week 1: Mon 00:00 → Wed 08:00 = 56 h off; week 2: Tue 16:30 → Mon 00:00 outside = rest
    assert violations(shifts, p, "atw_weekly_rest") == []


def test_weekly_rest_broken_by_a_single_short_shift() -> None:
    p = project()
    shifts = [shift("a1", d, "08:00", "16:30") for d in days(5)]
    ok = shifts + [shift("a1", SUN, "12:00", "16:00")]
    # Fri 16:30 → Sun 12:00 = 43 h 30 min: fine
    assert violations(ok, p, "atw_weekly_rest") == []
    bad = shifts + [shift("a1", SAT, "18:00", "22:00")]
    # Fri 16:30 → Sat 18:00 = 25 h 30, Sat 22:00 → Mon 00:00 = 26 h
    found = violations(bad, p, "atw_weekly_rest")
    assert "is 26 u, minimaal 36 u" in found[0].message_nl


# --- night shifts -------------------------------------------------------------------------------

def test_night_series_of_three_needs_46_hours_rest() -> None:
    p = project(days=14)
    nights = [shift("a1", d, "22:00", "07:00") for d in (MON, TUE, WED)]
    # Thu 07:00 + 46 h = Sat 05:00
    assert violations(nights + [shift("a1", SAT, "05:00", "13:30")], p, "atw_night_rest") == []
    found = violations(nights + [shift("a1", SAT, "04:45", "13:15")], p, "atw_night_rest")
    assert msgs(found) == ["Rust 45 u 45 min na 3 nachtdiensten op rij, de laatste wo 5 mei 2027 22:00–07:00, "
                           "minimaal 46 u"]


def test_two_nights_need_only_fourteen_hours_and_a_series_continues() -> None:
    p = project(days=14)
    two = [shift("a1", d, "22:00", "07:00") for d in (MON, TUE)]
    # Thu 07:00 (after Tue night... Wed 07:00) + 14 h = Wed 21:00: a day shift after 24 h is fine
    assert violations(two + [shift("a1", THU, "08:00", "16:30")], p, "atw_night_rest") == []
    # rest between nights of a series is not judged by the 46 h rule (series continues)
    four = [shift("a1", d, "22:00", "07:00") for d in (MON, TUE, WED, THU)]
    assert violations(four + [shift("a1", SUN, "07:00", "15:30")], p, "atw_night_rest") == []
    found = violations(four + [shift("a1", SAT, "08:00", "16:30")], p, "atw_night_rest")
    assert len(found) == 1 and "na 4 nachtdiensten op rij" in found[0].message_nl


def test_night_ending_at_two_needs_no_fourteen_hours_but_after_two_does() -> None:
    p = project()
    ends_at_two = shift("a1", MON, "18:00", "02:00")  # 2 h in 00:00–06:00: a night shift
    nxt = shift("a1", TUE, "13:00", "21:00")  # 11 h later
    assert violations([ends_at_two, nxt], p, "atw_night_rest") == []
    later = shift("a1", MON, "18:00", "02:30")
    found = violations([later, nxt], p, "atw_night_rest")
    assert len(found) == 1 and "minimaal 14 u" in found[0].message_nl


def test_one_hour_of_night_work_is_not_a_night_shift() -> None:
    p = project()
    # 14:00–01:00: exactly 1 h in 00:00–06:00 → not a night shift → 12 h limit applies (10 h 30 work)
    s = shift("a1", MON, "14:00", "01:00", breaks=(("18:00", "18:30"),))
    assert violations([s], p, "atw_shift_length") == []
    s2 = shift("a1", MON, "14:30", "01:30", breaks=(("18:00", "18:30"),))  # 1 h 30 at night, 10 h 30 work
    found = violations([s2], p, "atw_shift_length")
    assert msgs(found) == ["Nachtdienst ma 3 mei 2027 14:30–01:30 met 10 u 30 min werk, maximaal 10 u"]


# --- midnight and week boundaries ---------------------------------------------------------------

def test_shift_crossing_the_week_boundary_counts_in_the_week_it_starts() -> None:
    p = project(days=14)
    p.labour.max_week_hours = 48
    week = [shift("a1", d, "08:00", "16:30") for d in days(5)]  # 40 h
    sunday_night = shift("a1", SUN, "20:00", "04:30")  # 8 h, mostly in week 2
    found = violations(week + [sunday_night], p, "atw_week_hours")
    assert found == []
    found = violations(week + [shift("a1", SUN, "20:00", "05:00")], p, "atw_week_hours")
    assert [v.when for v in found] == [MON]
    assert "48 u 30 min werk in de week van ma 3 mei 2027" in found[0].message_nl


def test_a_shift_crossing_midnight_belongs_to_its_start_day() -> None:
    p = project(agent(max_days_per_week=1))
    s = shift("a1", MON, "20:00", "04:30")
    assert violations([s], p) == [v for v in violations([s], p) if v.rule_id == "contract_week_hours"]
    mislabelled = shift("a1", MON, "20:00", "04:30")
    mislabelled.day = TUE
    found = violations([mislabelled], p, "one_shift_per_day")
    assert msgs(found) == ["Dienst 20:00–04:30 begint op ma 3 mei 2027 maar staat op di 4 mei 2027"]


def test_overlapping_shifts_on_different_days() -> None:
    p = project()
    found = violations([shift("a1", MON, "20:00", "06:00"), shift("a1", TUE, "05:00", "09:00")], p,
                       "one_shift_per_day")
    assert len(found) == 1 and found[0].message_nl.startswith("Diensten overlappen")


# --- segments -----------------------------------------------------------------------------------

def test_break_as_first_or_last_segment_is_not_a_break() -> None:
    p = project()
    first = shift("a1", MON, "08:00", "16:30", breaks=(("08:00", "08:30"),))
    last = shift("a1", TUE, "08:00", "16:30", breaks=(("16:00", "16:30"),))
    found = violations([first, last], p, "segments_partition")
    assert sorted(msgs(found)) == sorted([
        "Dienst begint met een pauze (dienst ma 3 mei 2027 08:00–16:30)",
        "Dienst eindigt met een pauze (dienst di 4 mei 2027 08:00–16:30)",
    ])
    # neither counts as a break: 8 h of work without a real break
    assert len(violations([first, last], p, "atw_breaks")) == 2


def test_segments_with_overlap_outside_and_empty() -> None:
    p = project()
    s = Shift("a1", MON, at(MON, "08:00"), at(MON, "12:00"), [
        Segment(at(MON, "08:00"), at(MON, "10:00"), "tel"),
        Segment(at(MON, "09:30"), at(MON, "12:30"), "chat"),
    ])
    found = msgs(violations([s], p, "segments_partition"))
    assert any(m.startswith("Segmenten overlappen van 09:30 tot 10:00") for m in found)
    assert any("valt buiten de dienst" in m for m in found)
    empty = Shift("a1", TUE, at(TUE, "08:00"), at(TUE, "12:00"), [])
    assert msgs(violations([empty], p, "segments_partition")) == [
        "Dienst is niet ingedeeld (geen segmenten) (dienst di 4 mei 2027 08:00–12:00)"]


def test_contiguous_break_segments_form_one_break_and_short_parts_do_not_count() -> None:
    p = project()
    split = shift("a1", MON, "08:00", "16:30", breaks=(("12:00", "12:15"), ("12:15", "12:30")))
    assert violations([split], p, "atw_breaks") == []
    tiny = shift("a1", TUE, "08:00", "16:30", breaks=(("10:00", "10:10"), ("12:00", "12:10"), ("14:00", "14:10")))
    found = violations([tiny], p, "atw_breaks")
    assert msgs(found) == ["Pauze 0 min bij 8 u werk op di 4 mei 2027 08:00–16:30, minimaal 30 min "
                           "(delen van minimaal 15 min)"]


def test_long_shift_needs_45_minutes_of_break() -> None:
    p = project()
    ok = shift("a1", MON, "08:00", "18:45", breaks=(("12:00", "12:30"), ("15:00", "15:15")))  # 10 h work
    assert violations([ok], p, "atw_breaks") == []
    bad = shift("a1", TUE, "08:00", "19:00", breaks=(("12:00", "12:30"), ("15:00", "15:10")))  # 10 h 20 work
    found = violations([bad], p, "atw_breaks")
    assert len(found) == 1 and "Pauze 30 min bij 10 u 20 min werk" in found[0].message_nl
    assert "minimaal 45 min" in found[0].message_nl


# --- youth --------------------------------------------------------------------------------------

def test_youth_rest_must_include_the_night_23_to_6() -> None:
    young = project(agent(birth_date=date(2010, 1, 1)))
    # Mon ends 23:30, Tue starts 12:00: 12 h 30 rest, but 23:00–06:00 is not wholly inside it
    shifts = [shift("a1", MON, "15:30", "23:30", breaks=(("19:00", "19:30"),)),
              shift("a1", TUE, "12:00", "16:00")]
    found = violations(shifts, young, "atw_youth")
    assert msgs(found) == ["Jeugdige: rust na dienst ma 3 mei 2027 15:30–23:30 omvat niet 23:00–06:00"]
    ok = [shift("a1", MON, "14:30", "22:30", breaks=(("18:00", "18:30"),)), shift("a1", TUE, "11:00", "15:00")]
    assert violations(ok, young, "atw_youth") == []
    # the same shifts are fine for an adult
    assert violations(shifts, project(agent()), "atw_youth") == []


def test_youth_rest_twelve_hours_week_and_break() -> None:
    young = project(agent(birth_date=date(2010, 1, 1)))
    rest_11 = [shift("a1", MON, "10:00", "18:00", breaks=(("13:00", "13:30"),)),
               shift("a1", TUE, "05:00", "09:00")]
    found = msgs(violations(rest_11, young, "atw_youth"))
    assert "Jeugdige: rust tussen diensten 11 u, minimaal 12 u (na dienst ma 3 mei 2027 10:00–18:00)" in found
    no_break = [shift("a1", MON, "09:00", "14:00", breaks=())]  # 5 h: fine for adults, not for youth
    assert msgs(violations(no_break, young, "atw_youth")) == [
        "Jeugdige: pauze 0 min bij 5 u werk op ma 3 mei 2027, minimaal 30 min"]
    assert violations(no_break, project(), "atw_breaks") == []
    week = [shift("a1", d, "08:00", "17:30") for d in days(5)]  # 5 × 9 h = 45 h
    assert violations(week, young, "atw_youth") == []
    week[0] = shift("a1", MON, "08:00", "17:45", breaks=(("12:00", "12:30"),))
    found = msgs(violations(week, young, "atw_youth"))
    assert "Jeugdige: 45 u 15 min werk in de week van ma 3 mei 2027, maximaal 45 u" in found


def test_youth_rules_stop_on_the_eighteenth_birthday() -> None:
    p = project(agent(birth_date=date(2009, 5, 5)))  # 18 on Wed 5 May 2027
    tue = shift("a1", TUE, "08:00", "18:00")  # 9 h 30 work on Tue: still 17
    wed = shift("a1", WED + timedelta(days=1), "08:00", "18:00")
    found = violations([tue, wed], p, "atw_youth")
    assert [v.when for v in found] == [at(TUE, "08:00")]


# --- leave, availability ------------------------------------------------------------------------

def test_leave_overlapping_partially() -> None:
    p = project(leave=[Leave("a1", at(TUE, "12:00"), at(TUE, "17:00"), "tandarts")])
    assert violations([shift("a1", TUE, "08:00", "12:00")], p, "leave") == []
    assert violations([shift("a1", TUE, "17:00", "21:00")], p, "leave") == []
    found = violations([shift("a1", TUE, "16:45", "21:00")], p, "leave")
    assert len(found) == 1 and "tandarts" in found[0].message_nl


def test_availability_latest_end_for_shift_crossing_midnight() -> None:
    p = project(agent(latest_end=time(23, 59, 59, 999999)))  # "24:00"
    assert violations([shift("a1", MON, "16:00", "00:00")], p, "availability") == []
    found = violations([shift("a1", MON, "16:00", "00:30")], p, "availability")
    assert msgs(found) == ["Dienst ma 3 mei 2027 eindigt om 00:30 (di 4 mei 2027), beschikbaar tot 24:00"]


# --- contract ------------------------------------------------------------------------------------

def test_contract_hours_partial_week_and_leave_day_scale_the_minimum() -> None:
    a = agent(contract_hours=35.0, min_hours=35.0, max_hours=42.0)
    p = project(a, start=THU, days=4)  # Thu–Sun: 4 of 7 days → min 20 h, max 24 h
    ok = [shift("a1", d, "08:00", "18:30") for d in (THU, FRI)]  # 2 × 10 h = 20 h
    assert violations(ok, p, "contract_week_hours") == []
    short = [shift("a1", THU, "08:00", "18:30"), shift("a1", FRI, "08:00", "18:15")]
    assert msgs(violations(short, p, "contract_week_hours")) == [
        "19 u 45 min werk in de week van ma 3 mei 2027, minimaal 20 u (naar rato: 4 van 7 dagen)"]
    long_ = ok + [shift("a1", SAT, "08:00", "12:15", breaks=())]
    assert msgs(violations(long_, p, "contract_week_hours")) == [
        "24 u 15 min werk in de week van ma 3 mei 2027, maximaal 24 u (naar rato: 4 van 7 dagen)"]
    # a whole week with one full leave day: a leave day counts as a contract day (35 h / 5 days),
    # so the minimum is 28 h; the maximum stays 42 h
    p2 = project(agent(contract_hours=35.0, min_hours=35.0, max_hours=42.0),
                 leave=[Leave("a1", at(WED, "00:00"), at(THU, "00:00"))])
    three = [shift("a1", d, "08:00", "18:30") for d in (MON, TUE, THU)]  # 30 h
    assert violations(three, p2, "contract_week_hours") == []
    assert msgs(violations(three[:2], p2, "contract_week_hours")) == [
        "20 u werk in de week van ma 3 mei 2027, minimaal 28 u (naar rato: 7 van 7 dagen, 1 verlofdag(en))"]


def test_contract_minimum_gives_way_to_a_reintegration_plan() -> None:
    a = agent(contract_hours=35.0, min_hours=35.0, max_hours=42.0)
    two = [shift("a1", d, "08:00", "12:00", breaks=()) for d in (MON, WED)]  # 8 h
    assert len(violations(two, project(a), "contract_week_hours")) == 1
    plan = [ReintegrationStep("a1", WED, max_hours_week=12)]  # in force from Wednesday on
    assert violations(two, project(a, reintegration=plan), "contract_week_hours") == []


def test_consecutive_days_minimum_except_at_horizon_edges() -> None:
    p = project(agent(min_consecutive_days=2, max_consecutive_days=None), days=7)
    edge = [shift("a1", MON, "08:00", "16:30"), shift("a1", SUN, "08:00", "16:30")]
    assert violations(edge, p, "contract_consecutive_days") == []
    middle = [shift("a1", WED, "08:00", "16:30")]
    assert msgs(violations(middle, p, "contract_consecutive_days")) == [
        "1 werkdag(en) op rij vanaf wo 5 mei 2027, minimaal 2"]


def test_allowed_shift_types() -> None:
    p = project(agent(allowed_shift_types=("V",)))
    assert violations([shift("a1", MON, "07:00", "15:30", shift_type="V")], p, "contract_shift_types") == []
    found = violations([shift("a1", MON, "14:00", "22:30", shift_type="L")], p, "contract_shift_types")
    assert msgs(found) == ["Dienst ma 3 mei 2027 14:00–22:30 is L; toegestaan: V"]


def test_shift_form_without_templates_and_wrong_times() -> None:
    rules = ShiftRules(use_templates=False, shift_types=[ShiftType("V", time(7), time(15, 30)),
                                                          ShiftType("N", time(22), time(7))])
    p = project(shift_rules=rules)
    good = [shift("a1", MON, "07:00", "15:30", shift_type="V"), shift("a1", TUE, "22:00", "07:00", shift_type="N")]
    assert violations(good, p, "shift_form") == []
    bad = [shift("a1", MON, "08:00", "16:30", shift_type="V"), shift("a1", TUE, "08:00", "16:30")]
    found = msgs(violations(bad, p, "shift_form"))
    assert found == ["Dienst ma 3 mei 2027 08:00–16:30 heet V maar dat is 07:00–15:30",
                     "Dienst di 4 mei 2027 08:00–16:30 is geen van de diensttypen (V, N)"]
    # a named night shift across the autumn change still matches its type
    sat = date(2026, 10, 24)
    p2 = project(start=date(2026, 10, 19), shift_rules=rules)
    assert violations([shift("a1", sat, "22:00", "07:00", shift_type="N")], p2, "shift_form") == []


# --- wishes --------------------------------------------------------------------------------------

def test_mandatory_wishes_of_every_kind() -> None:
    wishes = [
        Wish("a1", MON, WishKind.EARLY, must=True),
        Wish("a1", TUE, WishKind.LATE, must=True),
        Wish("a1", WED, WishKind.WINDOW, must=True, window_start=time(10), window_end=time(11)),
        Wish("a1", THU, WishKind.SHIFT, must=True, shift_type="V"),
        Wish("a1", FRI, WishKind.NOT_SHIFT, must=True, shift_type="V"),
        Wish("a1", SAT, WishKind.WORK, must=True),
        Wish("a1", SUN, WishKind.OFF, must=False),  # not a must: never reported
    ]
    p = project(wishes=wishes)
    granted = [shift("a1", MON, "07:00", "15:30"), shift("a1", TUE, "11:00", "19:30"),
               shift("a1", WED, "11:00", "19:30"), shift("a1", THU, "07:00", "15:30", shift_type="V"),
               shift("a1", FRI, "07:00", "15:30", shift_type="W"), shift("a1", SAT, "07:00", "15:30"),
               shift("a1", SUN, "07:00", "15:30")]
    assert violations(granted, p, "wish_must") == []
    refused = [shift("a1", MON, "09:00", "17:30"), shift("a1", TUE, "09:00", "17:30"),
               shift("a1", WED, "11:15", "19:30"), shift("a1", THU, "07:00", "15:30", shift_type="W"),
               shift("a1", FRI, "07:00", "15:30", shift_type="V")]
    found = violations(refused, p, "wish_must")
    assert [v.when for v in found] == [MON, TUE, WED, THU, FRI, SAT]


# --- reintegration -------------------------------------------------------------------------------

def test_reintegration_step_changing_mid_week_uses_the_first_working_day() -> None:
    plan = [ReintegrationStep("a1", MON - timedelta(days=14), max_hours_week=8.0),
            ReintegrationStep("a1", WED, max_hours_week=16.0)]
    p = project(reintegration=plan)
    # Mon 4 h + Wed 4 h + Thu 4 h = 12 h; first working day Mon → the 8 h step applies
    shifts = [shift("a1", d, "09:00", "13:00") for d in (MON, WED, THU)]
    found = violations(shifts, p, "reint_hours")
    assert msgs(found) == ["Re-integratie: 12 u werk in de week van ma 3 mei 2027, maximaal 8 u "
                           "(stap vanaf ma 19 april 2027)"]
    # starting the week on Wednesday → the 16 h step applies
    later = [shift("a1", d, "09:00", "13:00") for d in (WED, THU, FRI)]
    assert violations(later, p, "reint_hours") == []


def test_reintegration_days_per_week_and_rest_days() -> None:
    p = project(reintegration=[ReintegrationStep("a1", MON, max_days_week=2, min_rest_days_between=1)])
    assert violations([shift("a1", d, "09:00", "13:00") for d in (MON, WED)], p, "reint_days") == []
    found = msgs(violations([shift("a1", d, "09:00", "13:00") for d in (MON, TUE, THU)], p, "reint_days"))
    assert found == ["Re-integratie: 3 werkdagen in de week van ma 3 mei 2027, maximaal 2",
                     "Re-integratie: 0 rustdag(en) tussen ma 3 mei 2027 en di 4 mei 2027, minimaal 1"]


def test_reintegration_before_the_plan_starts_is_not_judged() -> None:
    p = project(reintegration=[ReintegrationStep("a1", WED, max_hours_day=2.0, window=(time(9), time(12)))])
    assert violations([shift("a1", MON, "08:00", "16:30")], p, "reint_hours") == []
    assert violations([shift("a1", MON, "08:00", "16:30")], p, "reint_window") == []
    assert len(violations([shift("a1", WED, "08:00", "16:30")], p, "reint_window")) == 1


# --- public helpers -----------------------------------------------------------------------------

def test_sorted_by_agent_then_time_and_summary() -> None:
    p = project(agent("a1"), agent("b2"))
    shifts = [shift("b2", MON, "08:00", "21:00"), shift("a1", TUE, "04:30", "17:30"),
              shift("a1", MON, "08:00", "21:00")]
    found = [v for v in check(Roster(shifts), p) if v.rule_id in ("atw_shift_length", "atw_daily_rest")]
    assert [(v.agent_id, v.rule_id) for v in found] == [
        ("a1", "atw_shift_length"), ("a1", "atw_daily_rest"), ("a1", "atw_shift_length"),
        ("b2", "atw_shift_length")]
    summary = summarise(found)
    assert summary == {"atw_shift_length": 3, "atw_daily_rest": 1}


def test_roster_is_legal_ignores_warnings() -> None:
    p = project(agent(), start=MON, days=1)
    good = Roster([shift("a1", MON, "08:00", "16:30")])
    assert roster_is_legal(good, p)
    ref = Roster([shift("a1", MON, "09:00", "17:30")])
    warn = check(good, p, reference=ref, today=MON)
    assert [v.severity for v in warn] == [Severity.WARNING]
    assert roster_is_legal(good, p, reference=ref, today=MON)
    assert not roster_is_legal(Roster([shift("a1", MON, "08:00", "21:00")]), p)


def test_naive_datetimes_are_read_as_planning_time() -> None:
    p = project()
    s = shift("a1", MON, "08:00", "21:00")
    naive = Shift("a1", MON, s.start.replace(tzinfo=None), s.end.replace(tzinfo=None),
                  [Segment(g.start.replace(tzinfo=None), g.end.replace(tzinfo=None), g.activity) for g in s.segments])
    assert msgs(violations([naive], p, "atw_shift_length")) == msgs(violations([s], p, "atw_shift_length"))


def test_empty_roster_reports_only_contract_minimums() -> None:
    p = project(agent(contract_hours=36.0, min_hours=None, max_hours=None), days=7)
    found = check(Roster([]), p)
    assert [v.rule_id for v in found] == ["contract_week_hours"]


def test_dutch_and_english_formatting() -> None:
    assert date_nl(date(2027, 5, 4)) == "di 4 mei 2027"
    assert date_nl(date(2027, 5, 4), year=False) == "di 4 mei"
    assert date_en(date(2027, 5, 4)) == "Tue 4 May 2027"
    assert date_nl(date(2026, 10, 25)) == "zo 25 oktober 2026"
    assert duration_nl(570) == "9 u 30 min" and duration_en(570) == "9 h 30 min"
    assert duration_nl(660) == "11 u" and duration_nl(45) == "45 min"


def test_horizon_helper_agrees_on_the_autumn_day() -> None:
    # independent check of the test's own DST premise: the autumn day has 25 hours
    hz = Horizon(date(2026, 10, 25), 1)
    assert hz.n_intervals == 100
    a = datetime(2026, 10, 24, 22, tzinfo=TZ)
    b = datetime(2026, 10, 25, 7, tzinfo=TZ)
    assert (b - a) == timedelta(hours=9)  # Python's wall-clock subtraction: the classic trap
    assert b.timestamp() - a.timestamp() == 10 * 3600


# --- reference roster: notice and locked shifts --------------------------------------------------

def test_notice_reports_added_removed_and_moved_shifts_only_inside_the_notice_period() -> None:
    p = project(agent("a1"), agent("b2"), days=28)
    far = MON + timedelta(days=27)
    ref = Roster([shift("a1", MON, "08:00", "16:30"), shift("a1", TUE, "08:00", "16:30"),
                  shift("b2", WED, "08:00", "16:30"), shift("b2", far, "08:00", "16:30")])
    new = [shift("a1", MON, "08:00", "16:30"),  # unchanged
           shift("a1", TUE, "08:00", "17:00"),  # moved end
           shift("b2", THU, "08:00", "16:30"),  # Wed removed, Thu added
           shift("b2", far, "09:00", "17:30")]  # changed, but 28 days ahead: in time
    today = MON - timedelta(days=1)
    found = violations(new, p, "atw_notice", reference=ref, today=today)
    assert [(v.agent_id, v.when) for v in found] == [("a1", TUE), ("b2", WED), ("b2", THU)]
    assert found[1].message_nl == ("Dienst op wo 5 mei 2027 gewijzigd (08:00–16:30 → vrij) 3 dag(en) vooraf, "
                                   "bekendmaking minimaal 28 dagen vooraf")
    assert found[1].message_en.startswith("Shift on Wed 5 May 2027 changed (08:00–16:30 → off)")
    # three days later Tuesday has passed (not a notice matter) and the last day is 25 days ahead
    later = violations(new, p, "atw_notice", reference=ref, today=WED)
    assert [(v.agent_id, v.when) for v in later] == [("b2", WED), ("b2", THU), ("b2", far)]


def test_locked_shift_kept_moved_or_removed() -> None:
    p = project(agent("a1"), agent("b2"))
    ref = Roster([shift("a1", MON, "08:00", "16:30", locked=True), shift("b2", MON, "08:00", "16:30", locked=True)])
    kept = [shift("a1", MON, "08:00", "16:30"), shift("b2", MON, "08:00", "16:30")]
    assert violations(kept, p, "locked", reference=ref) == []
    wrong_agent = [shift("a1", MON, "08:00", "16:30"), shift("a1", TUE, "08:00", "16:30")]
    found = violations(wrong_agent, p, "locked", reference=ref)
    assert [(v.agent_id, v.when) for v in found] == [("b2", at(MON, "08:00"))]
    assert violations(kept, p, "locked") == []  # without a reference nothing is locked


def test_none_fields_switch_contract_rules_off() -> None:
    a = agent(max_days_per_week=None, max_consecutive_days=None, earliest_start=None, latest_end=None)
    p = project(a, days=14)
    shifts = [shift("a1", d, "05:00", "13:30") for d in days(10)]
    found = {v.rule_id for v in check(Roster(shifts), p)}
    assert not found & {"contract_days_per_week", "contract_consecutive_days", "availability",
                        "contract_days_off", "contract_weekends", "contract_total_minutes", "atw_youth",
                        "reint_hours"}
    assert "atw_weekly_rest" in found  # the law still applies


def test_min_staffing_counts_only_whole_intervals_and_open_time() -> None:
    from test_rule_table import _staffing_project

    p = _staffing_project(agent("a1"), agent("a2"))
    # a1 covers 09:00–13:00; a2 from 12:50: the 12:45 interval is not wholly covered by a2, but
    # a1 covers it; 13:00–17:00 is a2's; after 17:00 the queue is closed
    a1 = shift("a1", MON, "09:00", "13:00", breaks=())
    a2 = Shift("a2", MON, at(MON, "12:50"), at(MON, "18:00"),
               [Segment(at(MON, "12:50"), at(MON, "18:00"), "tel")])
    assert violations([a1, a2], p, "min_staffing") == []
    a2_late = Shift("a2", MON, at(MON, "13:10"), at(MON, "18:00"),
                    [Segment(at(MON, "13:10"), at(MON, "18:00"), "tel")])
    found = violations([a1, a2_late], p, "min_staffing")
    assert [m.split(" op ")[0] for m in msgs(found)] == ["Wachtrij tel: 0 medewerker(s) van 13:00 tot 13:15"]
    found = violations([a1], p, "min_staffing")
    assert [m.split(" op ")[0] for m in msgs(found)] == ["Wachtrij tel: 0 medewerker(s) van 13:00 tot 17:00"]
    assert found[0].agent_id is None and found[0].severity == Severity.WARNING


def test_sixteen_week_average() -> None:
    p = project(days=112)
    p.labour.max_avg_hours_4w = 60  # isolate the 16-week limit
    six_days = [shift("a1", MON + timedelta(days=7 * w + i), "08:00", "16:30") for w in range(16) for i in range(6)]
    assert violations(six_days, p, "atw_avg_hours") == []  # 48 h every week
    extra = six_days + [shift("a1", SUN + timedelta(days=7 * 15), "08:00", "09:00", breaks=())]
    found = violations(extra, p, "atw_avg_hours")
    assert msgs(found) == ["Gemiddeld 48 u 4 min per week over 16 weken vanaf ma 3 mei 2027, maximaal 48 u"]


def test_spring_dst_night_is_an_hour_shorter() -> None:
    sat = date(2027, 3, 27)
    p = project(start=date(2027, 3, 22), days=7)
    p.labour.max_night_shift_hours = 8
    # 22:00–07:00 on the night the clocks go forward: 8 h absolute
    assert violations([shift("a1", sat, "22:00", "07:00", breaks=())], p, "atw_shift_length") == []
    found = violations([shift("a1", sat, "22:00", "07:15", breaks=())], p, "atw_shift_length")
    assert msgs(found) == ["Nachtdienst za 27 maart 2027 22:00–07:15 met 8 u 15 min werk, maximaal 8 u"]


def test_weekly_rest_in_the_autumn_week_has_an_extra_hour() -> None:
    # week Mon 19 – Sun 25 Oct 2026 lasts 169 h. Mon–Fri 08:00–16:30 and Sat until 13:00:
    # Sat 13:00 → Mon 00:00 is 35 h on the wall clock but 36 h absolute
    p = project(start=date(2026, 10, 19), days=7)
    shifts = [shift("a1", d, "08:00", "16:30") for d in days(5, date(2026, 10, 19))]
    shifts.append(shift("a1", date(2026, 10, 24), "07:00", "13:00", breaks=(("10:00", "10:15"),)))
    assert violations(shifts, p, "atw_weekly_rest") == []
    shifts[-1] = shift("a1", date(2026, 10, 24), "07:00", "13:15", breaks=(("10:00", "10:15"),))
    assert len(violations(shifts, p, "atw_weekly_rest")) == 1


def test_removing_a_night_can_end_a_series_early() -> None:
    # found by the property test: nights 00:00–03:00 Mon–Fri are one series (rest 21 h between
    # them, fine); without Thursday, Mon–Wed is a series of three and Friday's night follows
    # after 45 h < 46 h
    p = project()
    nights = [shift("a1", d, "00:00", "03:00", breaks=()) for d in days(5)]
    assert violations(nights, p, "atw_night_rest") == []
    found = violations(nights[:3] + nights[4:], p, "atw_night_rest")
    assert msgs(found) == ["Rust 45 u na 3 nachtdiensten op rij, de laatste wo 5 mei 2027 00:00–03:00, "
                           "minimaal 46 u"]
