"""Wet verbetering poortwachter: the reintegration deadlines that follow from sick periods.

Pure date arithmetic, no Qt and no I/O. The planner enters sick periods (dates only — never a
diagnosis, docs/design.md §5); this module says when the problem analysis, the plan of action, the
evaluations, the UWV notification, the first-year evaluation, the WIA application and the end of
the wage obligation fall due, and which of those are near or past on a given day.

Conventions (documented because the law counts in "weeks of incapacity"):

* The first sick day is sick day 1; "week N" ends on accumulated sick day ``7 * N``. A deadline
  "in week N" is due on the date of that day.
* Sick periods less than four weeks apart add up (art. 7:629 lid 10 BW): a gap shorter than 28
  days does not start a new count, and the gap days themselves do not count. A gap of 28 days or
  more starts a fresh chain from the next first sick day.
* Deadlines are projected as if the latest period of the chain continues: the planner wants to
  see what comes due if the agent does not recover.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

# SickPeriod lives with the other agent data; re-exported here so existing imports keep working
from kcroster.model.agents import SickPeriod

#: periods separated by fewer days than this add up (art. 7:629 lid 10 BW: "minder dan 4 weken")
ADD_UP_GAP_DAYS = 28
#: maximum time between two evaluations of the plan of action
EVALUATION_INTERVAL_WEEKS = 6


class DeadlineKind(StrEnum):
    PROBLEM_ANALYSIS = "probleemanalyse"
    ACTION_PLAN = "plan_van_aanpak"
    EVALUATION = "evaluatie"
    UWV_NOTIFICATION = "uwv_melding"
    FIRST_YEAR_EVALUATION = "eerstejaarsevaluatie"
    WIA_APPLICATION = "wia_aanvraag"
    END_OF_WAGE_OBLIGATION = "einde_loondoorbetaling"


#: (kind, week, Dutch label, English label) of the fixed milestones
MILESTONES: tuple[tuple[DeadlineKind, int, str, str], ...] = (
    (DeadlineKind.PROBLEM_ANALYSIS, 6, "Probleemanalyse", "Problem analysis"),
    (DeadlineKind.ACTION_PLAN, 8, "Plan van aanpak", "Plan of action"),
    (DeadlineKind.UWV_NOTIFICATION, 42, "Ziekmelding bij UWV", "Sickness notification to UWV"),
    (DeadlineKind.FIRST_YEAR_EVALUATION, 52, "Eerstejaarsevaluatie", "First-year evaluation"),
    (DeadlineKind.WIA_APPLICATION, 93, "WIA-aanvraag", "WIA application"),
    (DeadlineKind.END_OF_WAGE_OBLIGATION, 104, "Einde loondoorbetaling", "End of wage obligation"),
)


@dataclass(frozen=True)
class Deadline:
    kind: DeadlineKind
    week: int  # accumulated sick week in which it falls due
    due: date
    label_nl: str
    label_en: str


class AlertLevel(StrEnum):
    PASSED = "passed"
    NEAR = "near"


@dataclass(frozen=True)
class Alert:
    deadline: Deadline
    level: AlertLevel
    days_left: int  # negative when passed

    @property
    def message_nl(self) -> str:
        d = self.deadline
        when = d.due.strftime("%d-%m-%Y")
        if self.level is AlertLevel.PASSED:
            return f"{d.label_nl} (week {d.week}) was uiterlijk {when} — {-self.days_left} dagen geleden"
        return f"{d.label_nl} (week {d.week}) uiterlijk {when} — over {self.days_left} dagen"

    @property
    def message_en(self) -> str:
        d = self.deadline
        when = d.due.isoformat()
        if self.level is AlertLevel.PASSED:
            return f"{d.label_en} (week {d.week}) was due {when} — {-self.days_left} days ago"
        return f"{d.label_en} (week {d.week}) due {when} — in {self.days_left} days"


def current_chain(periods: Iterable[SickPeriod]) -> list[SickPeriod]:
    """The latest run of periods that add up (each gap shorter than four weeks), oldest first."""
    ordered = sorted(periods, key=lambda p: p.start)
    if not ordered:
        return []
    chain = [ordered[0]]
    for p in ordered[1:]:
        prev = chain[-1]
        if prev.end is None:
            # an open period swallows anything that starts later (it is the same sickness)
            continue
        gap_days = (p.start - prev.end).days - 1
        if gap_days < ADD_UP_GAP_DAYS:
            if gap_days < 0:  # overlapping entries: merge them
                end = None if p.end is None else max(prev.end, p.end)
                chain[-1] = replace(prev, end=end)
            else:
                chain.append(p)
        else:
            chain = [p]
    return chain


def date_of_sick_day(chain: Sequence[SickPeriod], n: int) -> date:
    """Calendar date of accumulated sick day ``n`` (1-based) in a chain.

    The last period is projected onward as if the agent stays sick.
    """
    if not chain:
        raise ValueError("geen ziekteperiode opgegeven")
    if n < 1:
        raise ValueError("ziektedagen tellen vanaf 1")
    remaining = n
    for i, p in enumerate(chain):
        last = i == len(chain) - 1
        length = None if (p.end is None or last) else (p.end - p.start).days + 1
        if length is None or remaining <= length:
            return p.start + timedelta(days=remaining - 1)
        remaining -= length
    raise AssertionError("unreachable")  # the last period is open-ended


def poortwachter_deadlines(
    periods: Iterable[SickPeriod],
    *,
    evaluations_held: Iterable[date] = (),
) -> list[Deadline]:
    """All deadlines of the current chain, sorted by due date.

    Evaluations of the plan of action are due at most every six weeks: the first six weeks after
    the plan's deadline (or after the last evaluation actually held, ``evaluations_held``), then
    every six weeks, up to the end of the wage obligation.
    """
    chain = current_chain(periods)
    if not chain:
        return []
    out = [
        Deadline(kind, week, date_of_sick_day(chain, 7 * week), nl, en)
        for kind, week, nl, en in MILESTONES
    ]
    plan_due = next(d.due for d in out if d.kind is DeadlineKind.ACTION_PLAN)
    end_due = next(d.due for d in out if d.kind is DeadlineKind.END_OF_WAGE_OBLIGATION)
    held = sorted(d for d in evaluations_held if d >= chain[0].start)
    anchor = max([plan_due, *held]) if held else plan_due
    step = timedelta(weeks=EVALUATION_INTERVAL_WEEKS)
    due = anchor + step
    while due < end_due:
        week = _sick_week_of(chain, due)
        out.append(Deadline(DeadlineKind.EVALUATION, week, due, "Evaluatie plan van aanpak",
                            "Evaluation of the plan of action"))
        due += step
    out.sort(key=lambda d: (d.due, d.week))
    return out


def _sick_week_of(chain: Sequence[SickPeriod], day: date) -> int:
    """Accumulated sick week (1-based) that contains calendar ``day`` (projected)."""
    count = 0
    for i, p in enumerate(chain):
        last = i == len(chain) - 1
        end = None if (p.end is None or last) else p.end
        if day < p.start:
            break
        if end is None or day <= end:
            count += (day - p.start).days + 1
            break
        count += (end - p.start).days + 1
    return max(1, (count + 6) // 7)


def poortwachter_alerts(
    deadlines: Iterable[Deadline], today: date, *, warn_days: int = 14, done: Iterable[DeadlineKind] = ()
) -> list[Alert]:
    """Deadlines that are past (and not done) or due within ``warn_days`` of ``today``.

    Only the most recent past evaluation is reported, so a long-running case does not flood the
    planner with every evaluation ever due.
    """
    done_set = set(done)
    alerts: list[Alert] = []
    last_past_eval: Alert | None = None
    for d in sorted(deadlines, key=lambda d: d.due):
        if d.kind in done_set:
            continue
        left = (d.due - today).days
        if left < 0:
            alert = Alert(d, AlertLevel.PASSED, left)
            if d.kind is DeadlineKind.EVALUATION:
                last_past_eval = alert
            else:
                alerts.append(alert)
        elif left <= warn_days:
            alerts.append(Alert(d, AlertLevel.NEAR, left))
    if last_past_eval is not None:
        alerts.append(last_past_eval)
    alerts.sort(key=lambda a: a.deadline.due)
    return alerts
