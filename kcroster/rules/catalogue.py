"""The rule catalogue: every hard rule declared once, with its parameters and a name a planner
understands (docs/design.md §5).

The solver (:mod:`kcroster.solver`) encodes these rules; the checker (:mod:`kcroster.rules.checker`)
verifies them independently. Both follow the *semantics* written here, which is the contract
between them. Parameters live in :class:`kcroster.model.LabourRules` (legal norms), on
:class:`kcroster.model.Agent` (contract), :class:`kcroster.model.ReintegrationStep` (reintegration)
and :class:`kcroster.model.ShiftRules`.

Common definitions
------------------
* Time is absolute: durations are measured between aware datetimes, so a shift across the autumn
  DST change lasts an hour longer than its wall-clock times suggest.
* *Work time* of a shift = its duration minus its ``break`` segments.
* A *week* is a fixed 7×24 h period starting at local 00:00 on ``Horizon.week_start`` (Monday);
  weeks cut by the horizon are *partial weeks*: week limits are scaled by (days in horizon)/7,
  rounded down to whole minutes, for maxima only when ``scale_partial`` says so (the contract
  minimum by its contract days instead: see ``contract_week_hours``).
* Outside the horizon an agent is assumed off (no shifts before day 0 or after the last day),
  unless a previous roster is given.
* A *night shift* works more than ``night_min_hours_in_window`` inside local 00:00–06:00.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from kcroster.model import Agent


class Severity(StrEnum):
    ERROR = "error"  # a hard rule: the roster is not legal / not acceptable
    WARNING = "warning"  # worth a look, not illegal


class Family(StrEnum):
    ATW = "Arbeidstijdenwet"
    CONTRACT = "Contract"
    OPERATION = "Operatie"
    REINTEGRATION = "Re-integratie"
    WISH = "Wens"


@dataclass(frozen=True)
class Rule:
    id: str
    family: Family
    name_nl: str
    name_en: str
    semantics: str
    params: tuple[str, ...] = ()
    severity: Severity = Severity.ERROR


RULES: tuple[Rule, ...] = (
    # --- structure ---------------------------------------------------------------------------
    Rule("one_shift_per_day", Family.OPERATION, "Eén dienst per dag", "One shift per day",
         "At most one shift per agent per local day (the day a shift starts); shifts of one agent "
         "never overlap."),
    Rule("segments_partition", Family.OPERATION, "Dienst volledig ingedeeld", "Shift fully assigned",
         "Segments partition [start, end) without gaps or overlaps; a break is never the first or "
         "last segment."),
    # --- Arbeidstijdenwet ----------------------------------------------------------------------
    Rule("atw_shift_length", Family.ATW, "Maximale dienstduur", "Maximum shift length",
         "Work time of a shift ≤ max_shift_hours (12 h); of a night shift ≤ max_night_shift_hours (10 h).",
         ("max_shift_hours", "max_night_shift_hours")),
    Rule("atw_week_hours", Family.ATW, "Maximale arbeidstijd per week", "Maximum hours per week",
         "Work time starting in each week ≤ max_week_hours (60 h).", ("max_week_hours",)),
    Rule("atw_avg_hours", Family.ATW, "Gemiddelde arbeidstijd", "Average working hours",
         "Over every 4 consecutive whole weeks inside the horizon the average ≤ max_avg_hours_4w "
         "(55 h); over every 16 consecutive whole weeks ≤ max_avg_hours_16w (48 h). Windows "
         "that do not fit in the horizon are not judged.", ("max_avg_hours_4w", "max_avg_hours_16w")),
    Rule("atw_daily_rest", Family.ATW, "Dagelijkse rust", "Daily rest",
         "Between the end of a shift and the start of the agent's next shift ≥ min_daily_rest_hours "
         "(11 h). Once per week (counted in the week in which the rest begins) it may be "
         "≥ reduced_daily_rest_hours (8 h).", ("min_daily_rest_hours", "reduced_daily_rest_hours")),
    Rule("atw_weekly_rest", Family.ATW, "Wekelijkse rust", "Weekly rest",
         "Each whole week (fixed 7×24 h from week_start 00:00) contains an uninterrupted period "
         "without work of ≥ min_weekly_rest_hours (36 h) lying entirely inside that week. Time "
         "outside the horizon counts as rest. Partial weeks at the horizon's edges are judged "
         "with outside time as rest.", ("min_weekly_rest_hours",)),
    Rule("atw_breaks", Family.ATW, "Pauze", "Breaks",
         "Work time > break_after_hours (5.5 h) → breaks totalling ≥ break_minutes (30), "
         "> long_break_after_hours (10 h) → ≥ long_break_minutes (45); every break segment "
         "counted lasts ≥ min_break_part_minutes (15).",
         ("break_after_hours", "break_minutes", "long_break_after_hours", "long_break_minutes",
          "min_break_part_minutes")),
    Rule("atw_night_rest", Family.ATW, "Rust na nachtdienst", "Rest after night shifts",
         "After a night shift ending after late_night_end_hour (02:00) local: ≥ "
         "rest_after_late_night_hours (14 h) before the next shift; after a series of ≥ "
         "night_series_length (3) night shifts on consecutive days: ≥ rest_after_night_series_hours (46 h).",
         ("rest_after_late_night_hours", "rest_after_night_series_hours", "night_series_length")),
    Rule("atw_sundays", Family.ATW, "Vrije zondagen", "Free Sundays",
         "Free Sundays ≥ floor(min_free_sundays_per_52w × S / 52) where S is the number of "
         "Sundays in the horizon (pro rata of 13 per 52 weeks).", ("min_free_sundays_per_52w",)),
    Rule("atw_youth", Family.ATW, "Jeugdige werknemer", "Young worker",
         "Agents under 18 on the day: work time ≤ youth_max_shift_hours (9 h) per shift, ≤ "
         "youth_max_week_hours (45 h) per week, rest between shifts ≥ youth_min_daily_rest_hours "
         "(12 h) and that rest includes 23:00–06:00 local, breaks ≥ youth_break_minutes (30) when "
         "work > youth_break_after_hours (4.5 h).",
         ("youth_max_shift_hours", "youth_max_week_hours", "youth_min_daily_rest_hours",
          "youth_break_after_hours", "youth_break_minutes")),
    Rule("atw_notice", Family.ATW, "Bekendmaking rooster", "Roster notice",
         "A published roster changed within roster_notice_days (28) of the changed shift.",
         ("roster_notice_days",), Severity.WARNING),
    # --- contract ------------------------------------------------------------------------------
    Rule("contract_week_hours", Family.CONTRACT, "Contracturen per week", "Contract hours per week",
         "Work time per week within [minimum, week_max_hours] of the agent. The minimum is "
         "week_min_contract_minutes(): week_min_hours scaled by (contract days)/7 for a partial "
         "week — its days in the horizon on which one of the agent's queues is open (a queue the "
         "forecast does not know counts as open; without a forecast every day counts), so a plan "
         "starting on a Saturday does not ask the share of a closed Sunday — less "
         "week_min_hours/max_days_per_week (5 when unset) per full-day leave day in the "
         "horizon (a leave day counts as a contract day), floored to the minute and at 0; in a "
         "week in which a reintegration step is in force on any day the reintegration plan "
         "replaces the contract and the minimum is 0. The maximum is reduced only for partial "
         "weeks.",
         ("min_hours", "max_hours")),
    Rule("contract_over_hours", Family.CONTRACT, "Uren boven contract", "Hours over contract",
         "Work time per whole week ≤ the agent's contract_hours less contract_hours/"
         "max_days_per_week (5 when unset) per full-day leave day (week_contract_minutes()); "
         "above it up to week_max_hours is allowed but is over contract (meeruren), worth a look "
         "while the plan is short elsewhere. Not judged in partial weeks (the rest of the week "
         "belongs to the neighbouring plan), in a week in which a reintegration step is in force, "
         "nor for an agent without contract hours (contract_hours 0: an on-call contract).",
         ("contract_hours",), Severity.WARNING),
    Rule("contract_days_per_week", Family.CONTRACT, "Werkdagen per week", "Working days per week",
         "Days with a shift per week ≤ max_days_per_week.", ("max_days_per_week",)),
    Rule("contract_consecutive_days", Family.CONTRACT, "Aaneengesloten werkdagen", "Consecutive working days",
         "Runs of consecutive days with a shift ≤ max_consecutive_days; each run ≥ "
         "min_consecutive_days unless it touches the first or last day of the horizon.",
         ("max_consecutive_days", "min_consecutive_days")),
    Rule("contract_days_off", Family.CONTRACT, "Aaneengesloten vrije dagen", "Consecutive days off",
         "Each run of days off ≥ min_consecutive_days_off unless it touches the first or last "
         "day of the horizon.", ("min_consecutive_days_off",)),
    Rule("contract_weekends", Family.CONTRACT, "Gewerkte weekenden", "Weekends worked",
         "Weekends (Saturday+Sunday of a week) with any shift ≤ max_weekends over the horizon.",
         ("max_weekends",)),
    Rule("contract_total_minutes", Family.CONTRACT, "Uren over de periode", "Hours over the period",
         "Work time over the horizon within [min_minutes_total, max_minutes_total].",
         ("min_minutes_total", "max_minutes_total")),
    Rule("contract_shift_types", Family.CONTRACT, "Diensttypen", "Shift types",
         "Shifts of type t ≤ max_shifts_per_type[t] (0 = never); only allowed_shift_types when set.",
         ("max_shifts_per_type", "allowed_shift_types")),
    Rule("shift_sequence", Family.OPERATION, "Verboden dienstvolgorde", "Forbidden shift sequence",
         "For each (a, b) in ShiftRules.forbidden_sequences: no shift of type b on the day after a "
         "shift of type a.", ("forbidden_sequences",)),
    Rule("shift_form", Family.OPERATION, "Dienstvorm", "Shift form",
         "A shift that is not a named type lasts between min_length_minutes and "
         "max_length_minutes (absolute) when ShiftRules.use_templates; with use_templates=False "
         "every shift is one of the named types.", ("min_length_minutes", "max_length_minutes")),
    Rule("availability", Family.CONTRACT, "Beschikbaarheid", "Availability",
         "Shift starts at or after earliest_start and ends at or before latest_end (local wall "
         "clock of its day).", ("earliest_start", "latest_end")),
    Rule("leave", Family.CONTRACT, "Afwezigheid", "Leave",
         "No shift overlaps a leave period of the agent (including reintegration appointments)."),
    Rule("skills", Family.OPERATION, "Vaardigheden", "Skills",
         "Every work segment whose activity is a queue is a queue in the agent's skills."),
    Rule("locked", Family.OPERATION, "Vastgezette dienst", "Locked shift",
         "Every locked shift of the reference roster is present unchanged (agent, start, end)."),
    Rule("wish_must", Family.WISH, "Verplichte wens", "Mandatory wish",
         "A wish marked must is granted (off: no shift; early/late/window/shift: a shift of that kind; "
         "not_shift: no shift of that type)."),
    Rule("closed_queue", Family.OPERATION, "Werk op een gesloten wachtrij",
         "Work on a closed queue",
         "Every work segment on a queue lies in intervals in which that queue is open: by the "
         "queue's opening_hours (public holidays NL: the holiday windows) where the project's "
         "queue has them, else by the forecast's open_mask. An interval with forecast volume for "
         "the queue counts as open (that demand still needs somebody). Not judged without a "
         "forecast, nor for queues the forecast does not know.", ("opening_hours",)),
    Rule("min_staffing", Family.OPERATION, "Minimale bezetting", "Minimum staffing",
         "While a queue is open at least Queue.min_agents_when_open agents serve it.",
         ("min_agents_when_open",), Severity.WARNING),
    Rule("queue_block_length", Family.OPERATION, "Minimale bloklengte per wachtrij",
         "Minimum block per queue",
         "A block is a run of work on one queue within a shift (a break does not end it); in a "
         "shift with more than one block every block lasts ≥ ShiftRules.min_queue_block_minutes "
         "(0: not judged). Agents who hop between queues every quarter of an hour are no roster a "
         "planner publishes.", ("min_queue_block_minutes",), Severity.WARNING),
    # --- Wet Poortwachter reintegration ---------------------------------------------------------
    Rule("reint_hours", Family.REINTEGRATION, "Re-integratie: uren", "Reintegration: hours",
         "Under the step in force: work time per day ≤ max_hours_day, per week ≤ max_hours_week "
         "(a week uses the step in force on each day; the limit of the week's first working "
         "day applies).", ("max_hours_day", "max_hours_week")),
    Rule("reint_days", Family.REINTEGRATION, "Re-integratie: dagen", "Reintegration: days",
         "Shifts only on allowed weekdays (days), ≤ max_days_week per week, and ≥ "
         "min_rest_days_between days off between two working days.",
         ("days", "max_days_week", "min_rest_days_between")),
    Rule("reint_window", Family.REINTEGRATION, "Re-integratie: tijdvenster", "Reintegration: time window",
         "Shift lies within the window (local wall clock).", ("window",)),
    Rule("reint_activities", Family.REINTEGRATION, "Re-integratie: activiteiten", "Reintegration: activities",
         "Work segments only on the allowed queues.", ("queues",)),
    Rule("reint_continuous", Family.REINTEGRATION, "Re-integratie: aaneengesloten werk",
         "Reintegration: continuous work",
         "No stretch of work without a break longer than max_continuous_minutes.",
         ("max_continuous_minutes",)),
)

RULES_BY_ID: dict[str, Rule] = {r.id: r for r in RULES}


def week_min_contract_minutes(agent: Agent, days_in_horizon: int, leave_days: int,
                              in_reintegration: bool) -> int:
    """The contract minimum of ``contract_week_hours`` for one week, in whole minutes.

    A parameter derivation, shared by solver and checker so that both judge the same number.
    ``days_in_horizon``: 7 for a whole week; for a partial week the days it counts (both count
    its days in the horizon on which one of the agent's queues is open, see the rule's text).
    """
    if in_reintegration:
        return 0
    return _pro_rated(agent.week_min_hours, agent, days_in_horizon, leave_days)


def week_contract_minutes(agent: Agent, days_counted: int, leave_days: int) -> int:
    """The contract hours of one week in whole minutes, pro-rated as the minimum is (days
    counted as in :func:`week_min_contract_minutes`, a contract day less per leave day): work
    above them is over contract (``contract_over_hours``). Shared by solver and checker."""
    return _pro_rated(agent.contract_hours, agent, days_counted, leave_days)


def _pro_rated(hours: float, agent: Agent, days_counted: int, leave_days: int) -> int:
    """``hours`` a week scaled by (days counted)/7, less ``hours``/(contract days) per leave day."""
    base = hours * 60.0
    per_leave_day = base / max(1, agent.max_days_per_week or 5)
    value = base * days_counted / 7.0 - per_leave_day * leave_days
    return max(0, math.floor(value + 1e-9))


def rule(rule_id: str) -> Rule:
    return RULES_BY_ID[rule_id]
