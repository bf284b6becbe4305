"""Reading an agents workbook: its sheets through the rows parsers into :class:`AgentsData`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from kcroster.io.agents.columns import (
    AGENT_COLUMNS,
    LEAVE_COLUMNS,
    MAX_LISTED_ERRORS,
    PRIVACY_WARNING,
    REINTEGRATION_COLUMNS,
    SETTING_COLUMNS,
    SHEET_NAMES,
    SHIFT_DEMAND_COLUMNS,
    SHIFT_TYPE_COLUMNS,
    WISH_COLUMNS,
)
from kcroster.io.agents.rows import (
    _Collector,
    _parse_agent,
    _parse_demand,
    _parse_leave,
    _parse_reintegration,
    _parse_settings,
    _parse_shift_type,
    _parse_wish,
)
from kcroster.io.cells import cell_text, is_blank
from kcroster.io.table import Records, read_records
from kcroster.io.xlsx.reader import match_sheet, read_workbook_rows
from kcroster.model import (
    Agent,
    Horizon,
    KcrosterInputError,
    Leave,
    Project,
    ReintegrationStep,
    ShiftRules,
    Wish,
)
from kcroster.model.timegrid import AMSTERDAM


@dataclass
class AgentsData:
    """Everything an agents workbook holds, as model objects."""

    agents: list[Agent] = field(default_factory=list)
    leave: list[Leave] = field(default_factory=list)
    wishes: list[Wish] = field(default_factory=list)
    reintegration: list[ReintegrationStep] = field(default_factory=list)
    shift_rules: ShiftRules | None = None
    warnings: list[str] = field(default_factory=list)


class AgentsWorkbookError(KcrosterInputError):
    """All problems of one workbook; ``errors`` holds each one with its own location."""

    def __init__(self, errors: Sequence[KcrosterInputError], *, file: str | None = None) -> None:
        self.errors = list(errors)
        if len(self.errors) == 1:
            e = self.errors[0]
            super().__init__(e.reason, file=e.file, sheet=e.sheet, row=e.row, column=e.column)
            return
        lines = [f"{len(self.errors)} fouten gevonden:"]
        for e in self.errors[:MAX_LISTED_ERRORS]:
            e_loc = KcrosterInputError(e.reason, sheet=e.sheet, row=e.row, column=e.column)
            lines.append(f"- {e_loc.message}")
        if len(self.errors) > MAX_LISTED_ERRORS:
            lines.append(f"… en nog {len(self.errors) - MAX_LISTED_ERRORS} fouten")
        first = self.errors[0]
        super().__init__("\n".join(lines), file=file or first.file)


def load_agents_workbook(
    path: str | Path,
    *,
    horizon: Horizon | None = None,
    known_queues: set[str] | None = None,
) -> AgentsData:
    """Read an agents workbook; raise :class:`AgentsWorkbookError` listing every problem."""
    path = Path(path)
    notes: list[str] = []
    names, sheets = read_workbook_rows(path, SHEET_NAMES.values(), notes=notes)
    data = parse_agents_sheets(path.name, names, sheets, horizon=horizon, known_queues=known_queues)
    data.warnings[:0] = notes
    return data


def parse_agents_sheets(
    file: str,
    sheet_names: Sequence[str],
    sheets: dict[str, list[tuple[Any, ...]]],
    *,
    horizon: Horizon | None = None,
    known_queues: set[str] | None = None,
    require_agents: bool = True,
    known_agent_ids: set[str] | None = None,
) -> AgentsData:
    """The format logic of :func:`load_agents_workbook`, on already-read rows.

    ``require_agents=False`` reads a workbook without an agents sheet (e.g. only reintegration
    plans); agent ids on other sheets are then checked against ``known_agent_ids`` when given.
    """
    data = AgentsData()
    col = _Collector()
    known = {q.lower(): q for q in known_queues} if known_queues is not None else None
    tz = horizon.tz if horizon is not None else ZoneInfo(AMSTERDAM)

    def table(kind: str, spec: dict[str, tuple[str, ...]], required: Sequence[str],
              unknown_fmt: str | None = None) -> Records | None:
        name = match_sheet(sheet_names, SHEET_NAMES[kind])
        if name is None:
            return None
        return read_records(sheets.get(name, []), spec, required, file=file, sheet=name,
                          unknown_column_warning=unknown_fmt, warnings=data.warnings, errors=col.errors)

    agents_t = table("agents", AGENT_COLUMNS, ("id", "name", "contract_hours"))
    if require_agents and match_sheet(sheet_names, SHEET_NAMES["agents"]) is None:
        col.errors.append(KcrosterInputError(
            "blad 'Medewerkers' (of 'Agents') ontbreekt", file=file))
    ids: set[str] | None = set(known_agent_ids) if known_agent_ids is not None else None
    first_row: dict[str, int] = {}
    if agents_t is not None:
        for row in agents_t.rows:
            agent = col.run(_parse_agent, agents_t, row, known,
                            horizon.start if horizon is not None else None)
            if agent is None:
                # keep the id so rows on other sheets do not also report it as unknown
                v = row.cells.get("id")
                if not is_blank(v):
                    first_row.setdefault(cell_text(v), row.number)
                continue
            if agent.id in first_row:
                col.errors.append(agents_t.loc(row, "id").error(
                    f"medewerker '{agent.id}' staat ook al op rij {first_row[agent.id]}"))
                continue
            first_row[agent.id] = row.number
            data.agents.append(agent)
        ids = set(first_row)

    # shift rules first: wishes may name shift types
    shift_rules: ShiftRules | None = None
    settings_t = table("shifts", SETTING_COLUMNS, ("setting", "value"))
    types_t = table("shift_types", SHIFT_TYPE_COLUMNS, ("name", "start", "end"))
    demand_t = table("shift_demand", SHIFT_DEMAND_COLUMNS, ("date", "shift_type", "required"))
    if settings_t is not None or types_t is not None or demand_t is not None:
        shift_rules = ShiftRules()
        if settings_t is not None:
            _parse_settings(settings_t, shift_rules, col)
        if types_t is not None:
            for row in types_t.rows:
                st = col.run(_parse_shift_type, types_t, row)
                if st is not None:
                    shift_rules.shift_types.append(st)
        seen_types: dict[str, str] = {}
        for st in shift_rules.shift_types:
            if st.name.lower() in seen_types:
                col.errors.append(KcrosterInputError(
                    f"diensttype '{st.name}' is dubbel gedefinieerd", file=file,
                    sheet=types_t.sheet if types_t else (settings_t.sheet if settings_t else None)))
            seen_types[st.name.lower()] = st.name
        for a, b in shift_rules.forbidden_sequences:
            for n in (a, b):
                if n.lower() not in seen_types:
                    col.errors.append(KcrosterInputError(
                        f"verboden volgorde noemt onbekend diensttype '{n[:30]}'", file=file,
                        sheet=settings_t.sheet if settings_t else None))
        if demand_t is not None:
            for row in demand_t.rows:
                dem = col.run(_parse_demand, demand_t, row, seen_types)
                if dem is not None:
                    shift_rules.type_demand.append(dem)
        def unknown_type(agent: Agent, names: Iterable[str], column: str) -> bool:
            """Report the first of ``names`` that is no shift type; True when there is one."""
            bad = [n for n in names if n.lower() not in seen_types]
            if bad:
                col.errors.append(KcrosterInputError(
                    f"medewerker '{agent.id}': onbekend diensttype '{bad[0][:30]}'", file=file,
                    sheet=agents_t.sheet if agents_t else None, row=first_row.get(agent.id),
                    column=agents_t.headers.get(column) if agents_t else None))
            return bool(bad)

        for agent in data.agents:
            if not unknown_type(agent, agent.max_shifts_per_type, "max_shifts_per_type"):
                agent.max_shifts_per_type = {
                    seen_types[n.lower()]: v for n, v in agent.max_shifts_per_type.items()}
            if agent.allowed_shift_types and not unknown_type(agent, agent.allowed_shift_types, "shift_types"):
                agent.allowed_shift_types = tuple(seen_types[n.lower()] for n in agent.allowed_shift_types)
    data.shift_rules = shift_rules
    shift_names = [t.name for t in shift_rules.shift_types] if shift_rules is not None else None

    leave_t = table("leave", LEAVE_COLUMNS, ("id", "from"))
    if leave_t is not None:
        for row in leave_t.rows:
            lv = col.run(_parse_leave, leave_t, row, ids, tz)
            if lv is not None:
                data.leave.append(lv)

    wishes_t = table("wishes", WISH_COLUMNS, ("id", "date", "wish"))
    if wishes_t is not None:
        for row in wishes_t.rows:
            w = col.run(_parse_wish, wishes_t, row, ids, shift_names)
            if w is None:
                continue
            if horizon is not None and not horizon.start <= w.day < horizon.end:
                data.warnings.append(KcrosterInputError(
                    f"wens op {w.day.isoformat()} valt buiten de planningshorizon "
                    f"({horizon.start.isoformat()} t/m {(horizon.end - timedelta(days=1)).isoformat()})",
                    file=file, sheet=wishes_t.sheet, row=row.number,
                    column=wishes_t.headers.get("date")).message)
            data.wishes.append(w)

    reint_t = table("reintegration", REINTEGRATION_COLUMNS, ("id", "from"), PRIVACY_WARNING)
    if reint_t is not None:
        first_step: dict[tuple[str, date], int] = {}
        skills = {a.id: set(a.skills) for a in data.agents}
        for row in reint_t.rows:
            step = col.run(_parse_reintegration, reint_t, row, ids, known)
            if step is None:
                continue
            key = (step.agent_id, step.from_date)
            if key in first_step:
                col.errors.append(reint_t.loc(row, "from").error(
                    f"medewerker '{step.agent_id}' heeft al een stap per {step.from_date.isoformat()} "
                    f"(rij {first_step[key]})"))
                continue
            first_step[key] = row.number
            if step.queues and step.agent_id in skills and skills[step.agent_id]:
                outside = [q for q in step.queues if q not in skills[step.agent_id]]
                if outside:
                    data.warnings.append(reint_t.loc(row, "queues").error(
                        f"medewerker '{step.agent_id}' heeft geen vaardigheid voor {', '.join(outside)}").message)
            data.reintegration.append(step)

    if col.errors:
        raise AgentsWorkbookError(col.errors, file=file)
    return data


def apply_to_project(project: Project, data: AgentsData) -> dict[str, int]:
    """Replace the project's agents, leave, wishes and reintegration plans with ``data``.

    The workbook is the whole picture (templates are exported pre-filled), so this replaces
    rather than merges. Shift rules are replaced only when the workbook had them. Returns how
    many of each the project now holds.
    """
    project.agents = list(data.agents)
    project.leave = list(data.leave)
    project.wishes = list(data.wishes)
    project.reintegration = list(data.reintegration)
    if data.shift_rules is not None:
        project.shift_rules = data.shift_rules
    return {
        "agents": len(project.agents),
        "leave": len(project.leave),
        "wishes": len(project.wishes),
        "reintegration": len(project.reintegration),
        "shift_types": len(project.shift_rules.shift_types),
    }
