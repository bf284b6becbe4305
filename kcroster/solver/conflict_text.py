"""Sentences for a minimal conflict set and its fixes, in Dutch and in English.

Each sentence is written whole in one language (never "Dutch / English" side by side): the
GUI shows the lines of its own language, the command line the Dutch ones. Weeks are ISO weeks
with their dates ("week 20 (17–23 mei 2027)"), days carry their weekday.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from types import SimpleNamespace
from typing import Any

from kcroster.model import Project, WishKind
from kcroster.rules.catalogue import RULES_BY_ID, week_min_contract_minutes
from kcroster.solver.conflict_set import AgentConflict, Fix, Member, week_days

MONTHS = {
    "nl": ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}
DAYS = {
    "nl": ("ma", "di", "wo", "do", "vr", "za", "zo"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}


def num(x: float, lang: str) -> str:
    """16.5 → "16,5" in Dutch, "16.5" in English; whole numbers without decimals."""
    s = f"{x:.0f}" if abs(x - round(x)) < 1e-9 else f"{x:.1f}"
    return s.replace(".", ",") if lang == "nl" else s


def hours(minutes: float, lang: str) -> str:
    """Minutes as "4 u 17 min" / "4 h 17 min" (whole hours: "18 u")."""
    h, m = divmod(int(round(minutes)), 60)
    unit = "u" if lang == "nl" else "h"
    return f"{h} {unit}" + (f" {m} min" if m else "")


def hm(t: time) -> str:
    return f"{t:%H:%M}"


def day_text(d: date, lang: str, weekday: bool = True) -> str:
    s = f"{d.day} {MONTHS[lang][d.month - 1]} {d.year}"
    return f"{DAYS[lang][d.weekday()]} {s}" if weekday else s


def moment(dt: datetime, tz: Any, lang: str) -> str:
    local = dt.astimezone(tz)
    return f"{day_text(local.date(), lang)} {local:%H:%M}"


def week_text(dates: list[date], week: int, lang: str) -> str:
    """ "week 20 (17–23 mei 2027)", across a month "week 22 (31 mei – 6 jun 2027)"."""
    mon, sun = week_days(dates, week)
    if mon.month == sun.month:
        span = f"{mon.day}–{sun.day} {MONTHS[lang][sun.month - 1]} {sun.year}"
    else:
        span = f"{day_text(mon, lang, False).rsplit(' ', 1)[0]} – {day_text(sun, lang, False)}"
        if mon.year != sun.year:
            span = f"{day_text(mon, lang, False)} – {day_text(sun, lang, False)}"
    return f"week {week} ({span})"


def period_text(p: Project, period: str, lang: str) -> str:
    """A gate's period ("week 20", an ISO date, "weken vanaf …") in planner words."""
    if period.startswith("week "):
        return week_text(p.horizon.dates, int(period.split()[1]), lang)
    try:
        return day_text(date.fromisoformat(period), lang)
    except ValueError:
        pass
    if period.startswith("weken vanaf "):
        d = date.fromisoformat(period.split()[-1])
        return ("weken vanaf " if lang == "nl" else "weeks from ") + day_text(d, lang)
    return period


# --- the members -------------------------------------------------------------------------------

WISH_KINDS = {
    WishKind.OFF: ("vrij", "a day off"),
    WishKind.EARLY: ("een vroege dienst", "an early shift"),
    WishKind.LATE: ("een late dienst", "a late shift"),
    WishKind.WORK: ("werken", "to work"),
}


def wish_text(w, lang: str) -> str:
    """A must-wish with its day and what it asks for."""
    nl = lang == "nl"
    if w.kind in WISH_KINDS:
        what = WISH_KINDS[w.kind][0 if nl else 1]
    elif w.kind == WishKind.WINDOW:
        lo, hi = hm(w.window_start or time(0)), hm(w.window_end or time(23, 59))
        what = f"beginnen tussen {lo} en {hi}" if nl else f"to start between {lo} and {hi}"
    elif w.kind == WishKind.SHIFT:
        what = f"dienst {w.shift_type}" if nl else f"shift {w.shift_type}"
    else:
        what = f"geen dienst {w.shift_type}" if nl else f"no shift {w.shift_type}"
    return (
        f"Moet-wens op {day_text(w.day, lang)}: {what}"
        if nl
        else f"Must-wish on {day_text(w.day, lang)}: {what}"
    )


def _window(a, lang: str) -> str:
    nl = lang == "nl"
    if a.earliest_start and a.latest_end:
        word = "Beschikbaarheid" if nl else "Availability"
        return f"{word} {hm(a.earliest_start)}–{hm(a.latest_end)}"
    if a.earliest_start:
        return f"{'Beschikbaar vanaf' if nl else 'Available from'} {hm(a.earliest_start)}"
    return f"{'Beschikbaar tot' if nl else 'Available until'} {hm(a.latest_end)}"


def _contract(p: Project, m: Member, lang: str) -> str:
    """The contract hours with, per week of the conflict, the minimum that week asks for
    (lowered by full leave days: the number the planner can check on the agent's card)."""
    from kcroster.solver.contract import contract_days, full_leave_days, open_dates

    a, nl = p.agents[0], lang == "nl"
    c, lo, hi = (num(x, lang) for x in (a.contract_hours, a.week_min_hours, a.week_max_hours))
    head = (
        f"Contracturen per week: {c} u (minimaal {lo} u, maximaal {hi} u)"
        if nl
        else f"Contract hours per week: {c} h (at least {lo} h, at most {hi} h)"
    )
    leave = full_leave_days(SimpleNamespace(hz=p.horizon, p=p), a.id)
    opened = open_dates(p)
    parts = []
    for period in m.periods:
        if not period.startswith("week "):
            continue
        wk = int(period.split()[1])
        days = [d for d, day in enumerate(p.horizon.dates) if day.isocalendar().week == wk]
        n_leave = sum(1 for d in days if d in leave)
        reint = any(_in_reint(p, p.horizon.dates[d]) for d in days)
        dates = [p.horizon.dates[d] for d in days]
        counted = len(days) if len(days) >= 7 else contract_days(a, dates, opened)  # as the model
        mn = week_min_contract_minutes(a, counted, n_leave, reint)
        text = f"in {week_text(p.horizon.dates, wk, lang)} "
        text += f"minimaal {hours(mn, lang)}" if nl else f"at least {hours(mn, lang)}"
        if n_leave:
            text += (
                f" na {n_leave} verlofdag{'en' if n_leave > 1 else ''}"
                if nl
                else f" after {n_leave} day{'s' if n_leave > 1 else ''} of leave"
            )
        parts.append(text)
    return head + ("; " + "; ".join(parts) if parts else "")


def _in_reint(p: Project, day: date) -> bool:
    from kcroster.model import step_in_force

    return step_in_force(p.reintegration_plan(p.agents[0].id), day) is not None


def _reint(p: Project, i: int, f: str, lang: str) -> str:
    """One restriction of a reintegration step, with the step's first day."""
    s, nl = p.reintegration[i], lang == "nl"
    v = getattr(s, f)
    days = ", ".join(DAYS[lang][d] for d in sorted(v)) if f == "days" else ""
    what = {
        "window": (
            f"werktijden {hm(v[0])}–{hm(v[1])}" if v else "",
            f"working times {hm(v[0])}–{hm(v[1])}" if v else "",
        ),
        "days": (f"alleen op {days}", f"only on {days}"),
        "max_hours_day": (
            f"hoogstens {num(v or 0, lang)} u per dag",
            f"at most {num(v or 0, lang)} h a day",
        ),
        "max_hours_week": (
            f"hoogstens {num(v or 0, lang)} u per week",
            f"at most {num(v or 0, lang)} h a week",
        ),
        "max_days_week": (f"hoogstens {v} dagen per week", f"at most {v} days a week"),
        "min_rest_days_between": (
            f"{v} rustdag(en) tussen werkdagen",
            f"{v} rest day(s) between working days",
        ),
        "queues": (f"alleen {', '.join(v or ())}", f"only {', '.join(v or ())}"),
        "max_continuous_minutes": (
            f"hoogstens {v} min aaneengesloten werk",
            f"at most {v} min of continuous work",
        ),
        "extra_break_minutes": (f"{v} min extra pauze", f"{v} min extra break"),
    }[f][0 if nl else 1]
    return (
        f"Re-integratieplan (vanaf {day_text(s.from_date, lang)}): {what}"
        if nl
        else f"Reintegration plan (from {day_text(s.from_date, lang)}): {what}"
    )


def _agent_member(p: Project, key: str, lang: str) -> str | None:
    """Sentences of the agent's own contract and availability settings."""
    a, sr, nl = p.agents[0], p.shift_rules, lang == "nl"
    texts = {
        "window": lambda: _window(a, lang),
        "days_per_week": lambda: (
            f"Hoogstens {a.max_days_per_week} werkdagen per week"
            if nl
            else f"At most {a.max_days_per_week} working days per week"
        ),
        "max_consecutive": lambda: (
            f"Hoogstens {a.max_consecutive_days} werkdagen achter elkaar"
            if nl
            else f"At most {a.max_consecutive_days} consecutive working days"
        ),
        "min_consecutive": lambda: (
            f"Minstens {a.min_consecutive_days} werkdagen achter elkaar"
            if nl
            else f"At least {a.min_consecutive_days} consecutive working days"
        ),
        "min_days_off": lambda: (
            f"Minstens {a.min_consecutive_days_off} vrije dagen achter elkaar"
            if nl
            else f"At least {a.min_consecutive_days_off} consecutive days off"
        ),
        "weekends": lambda: (
            f"Hoogstens {a.max_weekends} weekenden met werk"
            if nl
            else f"At most {a.max_weekends} working weekends"
        ),
        "total_minutes": lambda: _total(a, lang),
        "type_caps": lambda: (
            ("Hoogstens per diensttype: " if nl else "At most per shift type: ")
            + ", ".join(f"{t} {n}×" for t, n in a.max_shifts_per_type.items())
        ),
        "allowed_types": lambda: (
            ("Alleen de diensten " if nl else "Only the shifts ")
            + ", ".join(a.allowed_shift_types or ())
        ),
        "skills": lambda: (
            f"Vaardigheden {', '.join(a.skills) or '(geen)'} en de openingstijden daarvan"
            if nl
            else f"Skills {', '.join(a.skills) or '(none)'} and their opening hours"
        ),
        "max_length": lambda: (
            f"Diensten duren hoogstens {hours(sr.max_length_minutes, lang)} (dienstvormen)"
            if nl
            else f"Shifts last at most {hours(sr.max_length_minutes, lang)} (shift rules)"
        ),
        "min_length": lambda: (
            f"Diensten duren minstens {hours(sr.min_length_minutes, lang)} (dienstvormen)"
            if nl
            else f"Shifts last at least {hours(sr.min_length_minutes, lang)} (shift rules)"
        ),
    }
    f = texts.get(key)
    return f() if f is not None else None


def _total(a, lang: str) -> str:
    nl = lang == "nl"
    parts = []
    if a.min_minutes_total is not None:
        parts.append(("minstens " if nl else "at least ") + hours(a.min_minutes_total, lang))
    if a.max_minutes_total is not None:
        parts.append(("hoogstens " if nl else "at most ") + hours(a.max_minutes_total, lang))
    return ("Uren over de periode: " if nl else "Hours over the period: ") + ", ".join(parts)


def _youth(p: Project, lang: str) -> str:
    """The youth rules with this project's numbers (the law, not a planner's setting)."""
    lab = p.labour
    if lang == "nl":
        return (
            "Jeugdregels van de Arbeidstijdenwet (jonger dan 18): geen werk tussen 23:00 en 06:00, "
            f"hoogstens {num(lab.youth_max_shift_hours, lang)} u per dienst en "
            f"{num(lab.youth_max_week_hours, lang)} u per week"
        )
    return (
        "Youth rules of the Working Hours Act (under 18): no work between 23:00 and 06:00, "
        f"at most {num(lab.youth_max_shift_hours, lang)} h a shift and "
        f"{num(lab.youth_max_week_hours, lang)} h a week"
    )


def member_text(p: Project, m: Member, lang: str) -> str:
    """One member of the set as a sentence, with the weeks or days its rule bites."""
    nl, key = lang == "nl", m.key
    if key.startswith("wish:"):
        return wish_text(p.wishes[int(key.split(":")[1])], lang)
    if key.startswith("leave:"):
        lv = p.leave[int(key.split(":")[1])]
        tz = p.horizon.tz
        return (
            f"{'Afwezig' if nl else 'Absent'} ({lv.label}) {moment(lv.start, tz, lang)} – "
            f"{moment(lv.end, tz, lang)}"
        )
    if key.startswith("reint:"):
        _r, i, f = key.split(":")
        text = _reint(p, int(i), f, lang)
    elif key == "contract_hours":
        return _contract(p, m, lang)
    elif key == "youth":
        text = _youth(p, lang)
    elif key in RULES_BY_ID:
        r = RULES_BY_ID[key]
        law = (
            " (Arbeidstijdenwet)"
            if key.startswith("atw_") and nl
            else (" (Working Hours Act)" if key.startswith("atw_") else "")
        )
        text = (r.name_nl if nl else r.name_en) + law
    else:
        text = _agent_member(p, key, lang) or key
    spans = [period_text(p, x, lang) for x in m.periods if x]
    return text + (" — " + ", ".join(spans) if spans else "")


# --- the fixes ---------------------------------------------------------------------------------


def fix_text(p: Project, f: Fix, lang: str) -> str:
    """The change a planner makes, in the imperative: "verruim het venster tot 15:30"."""
    a, nl, v = p.agents[0], lang == "nl", f.value
    if f.target == "agent.latest_end":
        return f"verruim het venster tot {hm(v)}" if nl else f"widen the window to {hm(v)}"
    if f.target == "agent.earliest_start":
        return f"verruim het venster vanaf {hm(v)}" if nl else f"widen the window from {hm(v)}"
    if f.target in ("agent.contract_hours", "agent.min_hours", "agent.max_hours"):
        cur = getattr(a, f.target.split(".")[1])
        down = cur is not None and v < cur
        what = {
            "agent.contract_hours": ("de contracturen", "the contract hours"),
            "agent.min_hours": ("de minimale uren per week", "the minimum hours per week"),
            "agent.max_hours": ("de maximale uren per week", "the maximum hours per week"),
        }[f.target]
        verb = ("verlaag" if down else "verhoog") if nl else ("lower" if down else "raise")
        return (
            f"{verb} {what[0 if nl else 1]} tot {num(v, lang)}"
            if nl
            else f"{verb} {what[1]} to {num(v, lang)}"
        )
    counts = {
        "agent.max_days_per_week": (
            "sta {v} werkdagen per week toe",
            "allow {v} working days per week",
        ),
        "agent.max_consecutive_days": (
            "sta {v} werkdagen achter elkaar toe",
            "allow {v} consecutive working days",
        ),
        "agent.min_consecutive_days": (
            "verlaag het minimum aaneengesloten werkdagen tot {v}",
            "lower the minimum run of working days to {v}",
        ),
        "agent.min_consecutive_days_off": (
            "verlaag het minimum aaneengesloten vrije dagen tot {v}",
            "lower the minimum run of days off to {v}",
        ),
        "agent.max_weekends": ("sta {v} weekenden met werk toe", "allow {v} working weekends"),
    }
    if f.target in counts:
        return counts[f.target][0 if nl else 1].format(v=v)
    return _other_fix(p, f, lang)


def _other_fix(p: Project, f: Fix, lang: str) -> str:
    """The fixes that add or change an item (shift type, skill, shift form, leave, wish)."""
    a, nl, v = p.agents[0], lang == "nl", f.value
    if f.target == "agent.max_shifts_per_type":
        name = next(t for t, n in v.items() if a.max_shifts_per_type.get(t) != n)
        return f"sta {v[name]}× dienst {name} toe" if nl else f"allow shift {name} {v[name]} times"
    if f.target == "agent.allowed_shift_types":
        return f"sta ook dienst {v[-1]} toe" if nl else f"also allow shift {v[-1]}"
    if f.target == "agent.skills":
        return f"voeg vaardigheid {v[-1]} toe" if nl else f"add skill {v[-1]}"
    if f.target == "shift_rules.max_length_minutes":
        return (
            f"sta diensten tot {hours(v, lang)} toe"
            if nl
            else f"allow shifts of up to {hours(v, lang)}"
        )
    if f.target == "shift_rules.min_length_minutes":
        return (
            f"sta diensten vanaf {hours(v, lang)} toe"
            if nl
            else f"allow shifts from {hours(v, lang)}"
        )
    if f.target == "leave.span":
        first, last = v[0].date(), (v[1] - timedelta(days=1)).date()
        span = f"{day_text(first, lang)} {'t/m' if nl else 'to'} {day_text(last, lang)}"
        return (
            f"maak van het verlof hele dagen ({span})"
            if nl
            else f"make the leave whole days ({span})"
        )
    if f.target == "wish.must":
        d = day_text(p.wishes[f.index].day, lang)
        return (
            f"maak de moet-wens van {d} een gewone wens"
            if nl
            else f"make the must-wish of {d} an ordinary wish"
        )
    return f"{f.target} = {v}"


def conflict_lines(c: AgentConflict, lang: str) -> list[str]:
    """The whole explanation of one agent in one language."""
    p, nl = c.solo, lang == "nl"
    a = p.agents[0]
    if c.frame:
        return [
            f"Geen geldig rooster mogelijk voor {a.name} ({a.id}): zelfs zonder beschikbaarheid, "
            "verlof, contract- en wettelijke regels past geen enkele dienst (vastgezette diensten "
            "of dienstvormen)."
            if nl
            else f"No legal schedule for {a.name} ({a.id}): even without availability, leave, "
            "contract and legal rules no shift fits (locked shifts or shift rules)."
        ]
    out = [
        f"Geen geldig rooster mogelijk voor {a.name} ({a.id}): "
        "deze instellingen zijn samen niet te halen:"
        if nl
        else f"No legal schedule for {a.name} ({a.id}): these settings cannot all hold:"
    ]
    out += ["- " + member_text(p, m, lang) for m in c.members]
    fixes = [fix_text(p, m.fix, lang) for m in c.members if m.fix is not None]
    if fixes:
        joint = (", of " if nl else ", or ").join(fixes)
        out.append(("Oplossing: " if nl else "Fix: ") + joint + ".")
    else:
        out.append(
            "Geen aanpassing van één instelling is genoeg: pas er meer tegelijk aan."
            if nl
            else "No change to a single setting is enough: change several together."
        )
    if not c.complete:
        out.append(
            "(De rekentijd was op: misschien is niet elke genoemde instelling nodig.)"
            if nl
            else "(Time ran out: perhaps not every setting named is needed.)"
        )
    return out
