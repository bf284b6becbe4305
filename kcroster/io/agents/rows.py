"""The agents workbook's rows, one parser a sheet: each turns a :class:`~kcroster.io.table.Record`
into a model object or raises a located error, which :class:`_Collector` collects."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from kcroster.io.agents.columns import NONE_WORDS, SETTING_KEYS
from kcroster.io.agents.values import (
    parse_bool,
    parse_clock,
    parse_date,
    parse_date_or_datetime,
    parse_float,
    parse_int,
    parse_productivity,
    parse_weekdays,
    parse_weight,
    parse_window,
    parse_wish,
    split_list,
)
from kcroster.io.cells import Loc, cell_text, is_blank
from kcroster.io.cells import normalise_header as norm
from kcroster.io.table import Record, Records
from kcroster.model import (
    Agent,
    KcrosterInputError,
    Leave,
    ReintegrationStep,
    ShiftDemand,
    ShiftRules,
    ShiftType,
    Wish,
)


class _Collector:
    """Runs row parsers, collecting located errors instead of stopping at the first."""

    def __init__(self) -> None:
        self.errors: list[KcrosterInputError] = []

    def run(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except KcrosterInputError as exc:
            self.errors.append(exc)
            return None
        except (ValueError, TypeError, OverflowError, ArithmeticError) as exc:
            # a value no parser above foresaw: still a located refusal, never a traceback
            table = next((a for a in args if isinstance(a, Records)), None)
            row = next((a for a in args if isinstance(a, Record)), None)
            self.errors.append(KcrosterInputError(
                f"onleesbare waarde ({type(exc).__name__})",
                file=table.file if table else None, sheet=table.sheet if table else None,
                row=row.number if row else None))
            return None


def _optional(table: Records, row: Record, key: str) -> Any:
    v = row.cells.get(key)
    return None if is_blank(v) else v


def _unless_none(table: Records, row: Record, key: str, default: Any, parse: Any) -> Any:
    """An optional limit: empty → ``default``, 'geen' → None, else ``parse`` at its cell."""
    v = _optional(table, row, key)
    if v is None:
        return default
    if isinstance(v, str) and v.strip().lower() in NONE_WORDS:
        return None
    return parse(v, table.loc(row, key))


def _limit(table: Records, row: Record, key: str, default: int | None) -> int | None:
    """An optional integer limit: empty → default, 'geen' → None."""
    return _unless_none(table, row, key, default, parse_int)


def _hours(table: Records, row: Record, key: str) -> float | None:
    return _unless_none(table, row, key, None, parse_float)


def _agent_id(table: Records, row: Record, ids: set[str] | None = None) -> str:
    """The row's agent id; with ``ids`` (the agents known) it must be one of them."""
    v = row.cells.get("id")
    if is_blank(v):
        raise table.loc(row, "id").error("id ontbreekt")
    aid = cell_text(v)
    if ids is not None and aid not in ids:
        raise table.loc(row, "id").error(f"onbekende medewerker '{aid[:30]}'")
    return aid


def _known_queue(name: str, known: dict[str, str] | None, loc: Loc) -> str:
    if known is None:
        return name
    hit = known.get(name.lower())
    if hit is None:
        raise loc.error(f"onbekende wachtrij '{name[:30]}' (bekend: {', '.join(sorted(known.values()))})")
    return hit


# The Dutch Arbeidstijdenwet lets children work from 13 (light work only): a younger agent is a
# typing error in the birth date, not someone to schedule (issue 23: a 7-year-old was rostered).
MIN_WORKING_AGE = 13


def _age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _check_birth_date(born: date, reference: date | None, loc: Loc) -> None:
    """Refuse a birth date in the future or one that makes the agent younger than 13 at the
    start of the plan (``reference``; today without a plan)."""
    today = date.today()
    if born > today:
        raise loc.error(f"geboortedatum {born:%d-%m-%Y} ligt in de toekomst")
    ref = reference or today
    age = _age_on(born, ref)
    if age < MIN_WORKING_AGE:
        raise loc.error(
            f"geboortedatum {born:%d-%m-%Y}: op {ref:%d-%m-%Y} is de medewerker {max(age, 0)} jaar; "
            f"werken mag vanaf {MIN_WORKING_AGE} jaar (klopt het jaartal?)"
        )


def _parse_agent(
    table: Records, row: Record, known: dict[str, str] | None, reference: date | None = None
) -> Agent:
    aid = _agent_id(table, row)
    name_v = row.cells.get("name")
    if is_blank(name_v):
        raise table.loc(row, "name").error("naam ontbreekt")
    ch_v = row.cells.get("contract_hours")
    if is_blank(ch_v):
        raise table.loc(row, "contract_hours").error("contracturen ontbreken")
    contract = parse_float(ch_v, table.loc(row, "contract_hours"))
    if contract > 168:
        raise table.loc(row, "contract_hours").error(f"{contract:g} uur per week is meer dan een week heeft")
    min_h = _hours(table, row, "min_hours")
    max_h = _hours(table, row, "max_hours")
    agent = Agent(id=aid, name=cell_text(name_v), contract_hours=contract, min_hours=min_h, max_hours=max_h)
    if agent.week_min_hours > agent.week_max_hours:
        raise table.loc(row, "min_hours" if min_h is not None else "max_hours").error(
            f"minimum {agent.week_min_hours:g} uur is groter dan maximum {agent.week_max_hours:g} uur")
    agent.max_days_per_week = _limit(table, row, "max_days_per_week", agent.max_days_per_week)
    if agent.max_days_per_week is not None and agent.max_days_per_week > 7:
        raise table.loc(row, "max_days_per_week").error("een week heeft maar 7 dagen")
    skills_v = _optional(table, row, "skills")
    if skills_v is not None:
        loc = table.loc(row, "skills")
        agent.skills = tuple(dict.fromkeys(_known_queue(s, known, loc) for s in split_list(skills_v)))
    es, le = _optional(table, row, "earliest_start"), _optional(table, row, "latest_end")
    if es is not None:
        agent.earliest_start = parse_clock(es, table.loc(row, "earliest_start"))
    if le is not None:
        agent.latest_end = parse_clock(le, table.loc(row, "latest_end"))
        if agent.latest_end == time(0):
            agent.latest_end = time(23, 59)
    if agent.earliest_start is not None and agent.latest_end is not None and agent.latest_end <= agent.earliest_start:
        raise table.loc(row, "latest_end").error("uiterlijk einde moet na het vroegste begin liggen")
    bd = _optional(table, row, "birth_date")
    if bd is not None:
        agent.birth_date = parse_date(bd, table.loc(row, "birth_date"))
        _check_birth_date(agent.birth_date, reference, table.loc(row, "birth_date"))
    agent.max_consecutive_days = _limit(table, row, "max_consecutive_days", agent.max_consecutive_days)
    agent.min_consecutive_days = _limit(table, row, "min_consecutive_days", agent.min_consecutive_days)
    agent.min_consecutive_days_off = _limit(table, row, "min_consecutive_days_off", agent.min_consecutive_days_off)
    agent.max_weekends = _limit(table, row, "max_weekends", agent.max_weekends)
    if (agent.min_consecutive_days is not None and agent.max_consecutive_days is not None
            and agent.min_consecutive_days > agent.max_consecutive_days):
        raise table.loc(row, "min_consecutive_days").error(
            "minimum aaneengesloten dagen is groter dan het maximum")
    team = _optional(table, row, "team")
    agent.team = cell_text(team) if team is not None else None
    st = _optional(table, row, "shift_types")
    if st is not None:
        agent.allowed_shift_types = tuple(split_list(st))
    mv = _optional(table, row, "max_shifts_per_type")
    if mv is not None:
        agent.max_shifts_per_type = _parse_type_limits(mv, table.loc(row, "max_shifts_per_type"))
    for key, attr in (("min_hours_total", "min_minutes_total"), ("max_hours_total", "max_minutes_total")):
        h = _hours(table, row, key)
        setattr(agent, attr, None if h is None else int(round(h * 60)))
    if (agent.min_minutes_total is not None and agent.max_minutes_total is not None
            and agent.min_minutes_total > agent.max_minutes_total):
        raise table.loc(row, "min_hours_total").error("minimum uren over de periode is groter dan het maximum")
    return agent


def _parse_type_limits(value: object, loc: Loc) -> dict[str, int]:
    """'Laat:2, Nacht:0' → {'Laat': 2, 'Nacht': 0}."""
    out: dict[str, int] = {}
    for part in split_list(value):
        name, sep, num = part.rpartition(":")
        if not sep or not name.strip():
            raise loc.error(f"'{part[:30]}' is geen limiet (verwacht bijvoorbeeld Laat:2)")
        out[name.strip()] = parse_int(num.strip(), loc)
    return out



def _instant(value: date | datetime, tz: ZoneInfo, loc: Loc, *, end: bool) -> datetime:
    """The moment a leave cell means: a date-time as is (local time when naive), a date as the
    start of that day, or as an end the start of the next day (dates are inclusive).

    A moment the calendar cannot hold in every zone — the day after 31-12-9999, or an offset
    that pushes it past year 1 or 9999 — is refused at its cell: the solver and the store work
    in UTC, and the conversion used to escape as an OverflowError without a column.
    """
    try:
        if isinstance(value, datetime):
            moment = value.astimezone(tz) if value.tzinfo is not None else value.replace(tzinfo=tz)
        else:
            moment = datetime.combine(value + timedelta(days=1) if end else value, time(0), tzinfo=tz)
        moment.astimezone(UTC)
    except OverflowError:
        raise loc.error(f"{value.isoformat()} ligt buiten de kalender (jaar 1 t/m 9999)") from None
    return moment


def _parse_leave(table: Records, row: Record, ids: set[str] | None, tz: ZoneInfo) -> Leave:
    aid = _agent_id(table, row, ids)
    fv, tv = row.cells.get("from"), row.cells.get("to")
    if is_blank(fv):
        raise table.loc(row, "from").error("begindatum ontbreekt")
    start_v = parse_date_or_datetime(fv, table.loc(row, "from"))
    end_v = start_v if is_blank(tv) else parse_date_or_datetime(tv, table.loc(row, "to"))
    if isinstance(start_v, datetime) and is_blank(tv):
        raise table.loc(row, "to").error("einde ontbreekt (nodig bij een begintijd)")
    start = _instant(start_v, tz, table.loc(row, "from"), end=False)
    end = _instant(end_v, tz, table.loc(row, "from" if is_blank(tv) else "to"), end=True)
    if end <= start:
        raise table.loc(row, "to").error("einde ligt niet na het begin")
    label_v = row.cells.get("label")
    label = cell_text(label_v) if not is_blank(label_v) else "verlof"
    return Leave(agent_id=aid, start=start, end=end, label=label)


def _parse_wish(
    table: Records,
    row: Record,
    ids: set[str] | None,
    shift_names: Sequence[str] | None,
) -> Wish:
    aid = _agent_id(table, row, ids)
    dv = row.cells.get("date")
    if is_blank(dv):
        raise table.loc(row, "date").error("datum ontbreekt")
    day = parse_date(dv, table.loc(row, "date"))
    parsed = parse_wish(row.cells.get("wish"), table.loc(row, "wish"), shift_names)
    weight, must = parse_weight(row.cells.get("weight"), table.loc(row, "weight"))
    return Wish(agent_id=aid, day=day, kind=parsed.kind, weight=weight, must=must,
                window_start=parsed.window[0] if parsed.window else None,
                window_end=parsed.window[1] if parsed.window else None,
                shift_type=parsed.shift_type)


def _parse_reintegration(
    table: Records, row: Record, ids: set[str] | None, known: dict[str, str] | None
) -> ReintegrationStep:
    aid = _agent_id(table, row, ids)
    fv = row.cells.get("from")
    if is_blank(fv):
        raise table.loc(row, "from").error("ingangsdatum ontbreekt")
    step = ReintegrationStep(agent_id=aid, from_date=parse_date(fv, table.loc(row, "from")))
    step.max_hours_week = _hours(table, row, "max_hours_week")
    step.max_hours_day = _hours(table, row, "max_hours_day")
    if step.max_hours_day is not None and step.max_hours_day > 24:
        raise table.loc(row, "max_hours_day").error("een dag heeft maar 24 uur")
    if (step.max_hours_day is not None and step.max_hours_week is not None
            and step.max_hours_day > step.max_hours_week):
        raise table.loc(row, "max_hours_day").error("max uren per dag is groter dan max uren per week")
    dv = _optional(table, row, "days")
    if dv is not None:
        step.days = parse_weekdays(dv, table.loc(row, "days"))
    step.max_days_week = _limit(table, row, "max_days_week", None)
    if step.max_days_week is not None and step.max_days_week > 7:
        raise table.loc(row, "max_days_week").error("een week heeft maar 7 dagen")
    step.min_rest_days_between = _limit(table, row, "min_rest_days_between", None)
    wv = _optional(table, row, "window")
    if wv is not None:
        step.window = parse_window(wv, table.loc(row, "window"))
    qv = _optional(table, row, "queues")
    if qv is not None:
        loc = table.loc(row, "queues")
        step.queues = tuple(dict.fromkeys(_known_queue(q, known, loc) for q in split_list(qv))) or None
    sv = _optional(table, row, "first_sick_day")
    if sv is not None:
        step.first_sick_day = parse_date(sv, table.loc(row, "first_sick_day"))
        if step.first_sick_day > step.from_date:  # reintegration follows the sickness
            raise table.loc(row, "first_sick_day").error(
                f"eerste ziektedag {step.first_sick_day:%d-%m-%Y} ligt na de ingangsdatum "
                f"{step.from_date:%d-%m-%Y} van de re-integratie; re-integratie volgt op de "
                "ziekmelding"
            )
    pv = _optional(table, row, "productivity")
    if pv is not None:
        step.productivity = parse_productivity(pv, table.loc(row, "productivity"))
    step.max_continuous_minutes = _limit(table, row, "max_continuous_minutes", None)
    eb = _limit(table, row, "extra_break_minutes", 0)
    step.extra_break_minutes = eb or 0
    return step


def _parse_settings(table: Records, rules: ShiftRules, errors: _Collector) -> None:
    key_of: dict[str, str] = {}
    for key, aliases in SETTING_KEYS.items():
        for a in (key, *aliases):
            key_of.setdefault(norm(a), key)
    seen: dict[str, int] = {}
    for row in table.rows:
        raw_key = row.cells.get("setting")
        skey = key_of.get(norm(cell_text(raw_key)))
        loc = table.loc(row, "value")
        if skey is None:
            errors.errors.append(table.loc(row, "setting").error(
                f"onbekende instelling '{cell_text(raw_key)[:40]}' (bekend: "
                + ", ".join(SETTING_KEYS[k][1] for k in SETTING_KEYS) + ")"))
            continue
        if skey != "shift_type":
            if skey in seen:
                errors.errors.append(table.loc(row, "setting").error(
                    f"instelling '{cell_text(raw_key)}' staat ook al op rij {seen[skey]}"))
                continue
            seen[skey] = row.number
        value = row.cells.get("value")
        if is_blank(value):
            continue  # an empty value keeps the default
        errors.run(_apply_setting, rules, skey, value, loc)
    if rules.min_length_minutes > rules.max_length_minutes:
        errors.errors.append(KcrosterInputError(
            "minimale dienstduur is groter dan de maximale", file=table.file, sheet=table.sheet,
            row=seen.get("min_length_minutes"), column=table.headers.get("value")))


def _apply_setting(rules: ShiftRules, key: str, value: object, loc: Loc) -> None:
    if key in ("start_step_minutes", "length_step_minutes", "min_length_minutes", "max_length_minutes"):
        n = parse_int(value, loc, minimum=1 if key.endswith("step_minutes") else 0)
        if key == "start_step_minutes" and 1440 % n:
            raise loc.error(f"een starttijdstap van {n} minuten deelt de dag niet in gelijke delen")
        if n > 1440:
            raise loc.error(f"{n} minuten is langer dan een dag")
        setattr(rules, key, n)
    elif key == "break_minutes_short":
        rules.break_minutes_short = parse_int(value, loc, minimum=1)
    elif key == "max_paid_hours_per_day":
        rules.max_paid_hours_per_day = parse_float(value, loc)
    elif key == "use_templates":
        rules.use_templates = parse_bool(value, loc)
    elif key in ("early_start_before", "late_end_after"):
        setattr(rules, key, parse_clock(value, loc))
    elif key == "forbidden_sequences":
        for part in split_list(value):
            a, sep, b = part.replace("->", ">").partition(">")
            if not sep or not a.strip() or not b.strip():
                raise loc.error(f"'{part[:30]}' is geen volgorde (verwacht bijvoorbeeld Laat>Vroeg)")
            rules.forbidden_sequences.append((a.strip(), b.strip()))
    elif key == "shift_type":
        text = cell_text(value)
        name, _, window = text.rpartition(" ")
        if not name.strip():
            raise loc.error(f"'{text[:40]}' is geen diensttype (verwacht bijvoorbeeld Vroeg 07:00-15:30)")
        start, end = _overnight_window(window, loc)
        rules.shift_types.append(ShiftType(name=name.strip(), start=start, end=end))


def _overnight_window(text: str, loc: Loc) -> tuple[time, time]:
    s = text.replace("–", "-").replace(" ", "")
    if s.count("-") != 1:
        raise loc.error(f"'{text[:40]}' is geen tijdvenster (verwacht UU:MM-UU:MM)")
    a, b = s.split("-")
    start, end = parse_clock(a, loc), parse_clock(b, loc)
    if start == end:
        raise loc.error("begin en einde van de dienst zijn gelijk")
    return start, end


def _parse_shift_type(table: Records, row: Record) -> ShiftType:
    nv = row.cells.get("name")
    if is_blank(nv):
        raise table.loc(row, "name").error("naam van het diensttype ontbreekt")
    for key in ("start", "end"):
        if is_blank(row.cells.get(key)):
            raise table.loc(row, key).error("tijd ontbreekt")
    start = parse_clock(row.cells["start"], table.loc(row, "start"))
    end = parse_clock(row.cells["end"], table.loc(row, "end"))
    if start == end:
        raise table.loc(row, "end").error("begin en einde van de dienst zijn gelijk")
    st = ShiftType(name=cell_text(nv), start=start, end=end)
    uv = _optional(table, row, "unpopular")
    if uv is not None:
        st.unpopular = parse_bool(uv, table.loc(row, "unpopular"))
    cv = _optional(table, row, "color")
    if cv is not None:
        st.color = cell_text(cv)
    return st


def _parse_demand(table: Records, row: Record, names: dict[str, str]) -> ShiftDemand:
    dv = row.cells.get("date")
    if is_blank(dv):
        raise table.loc(row, "date").error("datum ontbreekt")
    day = parse_date(dv, table.loc(row, "date"))
    sv = row.cells.get("shift_type")
    name = names.get(cell_text(sv).lower())
    if name is None:
        raise table.loc(row, "shift_type").error(f"onbekend diensttype '{cell_text(sv)[:30]}'")
    rv = row.cells.get("required")
    if is_blank(rv):
        raise table.loc(row, "required").error("aantal ontbreekt")
    dem = ShiftDemand(day=day, shift_type=name, required=parse_int(rv, table.loc(row, "required")))
    for key in ("weight_under", "weight_over"):
        v = _optional(table, row, key)
        if v is not None:
            setattr(dem, key, parse_int(v, table.loc(row, key)))
    return dem


