"""Personal wish workbooks for self-scheduling: one file per agent, exported and imported back.

Export (:func:`export_wish_workbooks`) writes, per agent, a workbook with

* ``Wensen``: one row per day of the horizon — date, Dutch weekday, whether the agent is absent
  (leave or a reintegration appointment; shown as the neutral word ``afwezig``), a dropdown for
  the wish (``vrij``, ``vroeg``, ``laat``, ``werken``, ``venster`` and the named shift types the
  agent may work), ``venster van``/``venster tot`` for a start window, and a weight dropdown
  (1–3). Above the table the weight budget (total weight ≤ budget) and a live sum;
* ``Diensten``: the shifts to choose from with their times; ``Uitleg``: instructions in Dutch;
* a very hidden, protected ``kcroster`` sheet with the agent id, horizon and budget, so a renamed
  file still imports for the right agent.

Import (:func:`import_wish_workbooks`) reads many files in one go. Each refused row (or file)
becomes a :class:`~kcroster.model.KcrosterInputError` in :attr:`WishImportResult.refusals` naming
file, sheet, row, column and reason; one bad file never stops the others. Rows are accepted in
sheet order until the weight budget is used up; later rows are refused with the budget as reason.
Only the planner can make a wish ``moet`` (in the agents workbook), so agents cannot.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from pathlib import Path
from typing import Any

from kcroster.io.agents.values import (
    format_clock,
    parse_clock,
    parse_date,
    parse_int,
    parse_weight,
    parse_wish,
    shift_wish_label,
    wish_text,
)
from kcroster.io.cells import Loc, cell_text, is_blank
from kcroster.io.cells import normalise_header as norm
from kcroster.io.table import read_records
from kcroster.io.xlsx.reader import iter_sheet_rows, open_workbook
from kcroster.io.xlsx.writer import HEADER_FILL, save_workbook, set_cell_safe
from kcroster.model import Agent, KcrosterInputError, Project, ShiftType, Wish, WishKind
from kcroster.model.timegrid import WEEKDAYS_NL

DEFAULT_BUDGET = 10
WISH_SHEET = "Wensen"
META_SHEET = "kcroster"
FORMAT_VERSION = 1
HEADER_ROW = 4
WINDOW_WORD = "venster"
MAX_FORM_DAYS = 1_048_576 - HEADER_ROW  # one row per day below the header: all an Excel sheet holds
WISH_SHEET_COLUMNS: dict[str, tuple[str, ...]] = {
    "date": ("datum", "date"),
    "weekday": ("dag", "weekdag", "day"),
    "absent": ("afwezig", "absent"),
    "wish": ("wens", "wish"),
    "window_from": ("venster_van", "window_from", "begin_vanaf"),
    "window_to": ("venster_tot", "window_to", "begin_uiterlijk"),
    "weight": ("gewicht", "weight"),
}


@dataclass
class WishImportResult:
    """Accepted wishes and every refusal (file, sheet, row, column, reason)."""

    wishes: list[Wish] = field(default_factory=list)
    refusals: list[KcrosterInputError] = field(default_factory=list)
    files_read: list[str] = field(default_factory=list)  # files that yielded an agent's wishes
    agent_ids: list[str] = field(default_factory=list)  # agents whose wishes were imported

    @property
    def ok(self) -> bool:
        return not self.refusals

    def summary(self) -> str:
        """A Dutch summary for the planner."""
        lines = [f"{len(self.wishes)} wensen ingelezen uit {len(self.files_read)} bestand(en)."]
        if self.refusals:
            lines.append(f"{len(self.refusals)} geweigerd:")
            lines.extend(f"- {r.message}" for r in self.refusals)
        return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Export


def _file_name(agent: Agent) -> str:
    slug = re.sub(r"[^A-Za-z0-9_-]+", "_", f"{agent.id}_{agent.name}").strip("_")[:60]
    return f"wensen_{slug or 'medewerker'}.xlsx"


def _absent_days(project: Project, agent_id: str) -> set[date]:
    days: set[date] = set()
    tz = project.horizon.tz
    for lv in project.leave:
        if lv.agent_id != agent_id:
            continue
        d = lv.start.astimezone(tz).date()
        last = (lv.end.astimezone(tz) - timedelta(microseconds=1)).date()
        while d <= last:
            days.add(d)
            d += timedelta(days=1)
    return days


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def offered_shift_types(project: Project, agent: Agent) -> list[ShiftType]:
    """Named shift types this agent could work: allowed types, inside their availability."""
    out = []
    for st in project.shift_rules.shift_types:
        if agent.allowed_shift_types is not None and st.name not in agent.allowed_shift_types:
            continue
        if agent.max_shifts_per_type.get(st.name) == 0:
            continue
        overnight = st.end <= st.start
        if agent.earliest_start is not None and _minutes(st.start) < _minutes(agent.earliest_start):
            continue
        if agent.latest_end is not None and (overnight or _minutes(st.end) > _minutes(agent.latest_end)):
            continue
        out.append(st)
    return out


def export_wish_workbooks(
    folder: str | Path,
    project: Project,
    agent_ids: Sequence[str] | None = None,
    *,
    budget: int = DEFAULT_BUDGET,
) -> list[Path]:
    """Write one wish workbook per agent into ``folder``; returns the paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if agent_ids is None:
        agents = list(project.agents)
    else:
        agents = []
        for aid in agent_ids:
            try:
                agents.append(project.agent(aid))
            except KeyError:
                raise KcrosterInputError(f"onbekende medewerker '{aid}'") from None
    paths = []
    for agent in agents:
        path = folder / _file_name(agent)
        _write_wish_workbook(path, project, agent, budget)
        paths.append(path)
    return paths


def _write_wish_workbook(path: Path, project: Project, agent: Agent, budget: int) -> None:
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    horizon = project.horizon
    shifts = offered_shift_types(project, agent)
    absent = _absent_days(project, agent.id)
    own = {w.day: w for w in project.wishes if w.agent_id == agent.id and not w.must}

    wb = Workbook()
    ws = wb.active
    ws.title = WISH_SHEET
    set_cell_safe(ws.cell(row=1, column=1),
                  f"Wensen van {agent.name} ({agent.id}) — {horizon.start:%d-%m-%Y} t/m "
                  f"{horizon.end - timedelta(days=1):%d-%m-%Y}")
    ws.cell(row=1, column=1).font = Font(bold=True, size=13)
    ws.cell(row=2, column=1, value=f"Gewichtsbudget: totaal gewicht maximaal {budget}")
    ws.cell(row=2, column=4, value="Gebruikt:")
    first, last = HEADER_ROW + 1, HEADER_ROW + horizon.days
    ws.cell(row=2, column=5, value=f"=SUM(G{first}:G{last})")
    ws.cell(row=2, column=6, value=f"van {budget}")
    headers = ("Datum", "Dag", "Afwezig", "Wens", "Venster van", "Venster tot", "Gewicht")
    helps = (
        "De dag (niet wijzigen).",
        "Weekdag.",
        "'afwezig' = je bent deze dag niet beschikbaar; een wens kan dan niet.",
        "Kies: vrij, vroeg, laat, werken, een dienst uit de lijst, of 'venster' (vul dan "
        "'Venster van' en 'Venster tot' in). Leeg = geen wens.",
        "Bij 'venster': vroegste begintijd (UU:MM).",
        "Bij 'venster': laatste begintijd (UU:MM).",
        f"Hoe belangrijk: 1, 2 of 3. Samen maximaal {budget}. Leeg = 1.",
    )
    fill = PatternFill("solid", fgColor=HEADER_FILL)
    for c, (h, help_text) in enumerate(zip(headers, helps, strict=True), start=1):
        cell = ws.cell(row=HEADER_ROW, column=c, value=h)
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.comment = Comment(help_text, "kcroster")
    grey = PatternFill("solid", fgColor="E7E6E6")
    for i, day in enumerate(horizon.dates):
        r = HEADER_ROW + 1 + i
        ws.cell(row=r, column=1, value=day).number_format = "dd-mm-yyyy"
        ws.cell(row=r, column=2, value=WEEKDAYS_NL[day.weekday()])
        if day in absent:
            ws.cell(row=r, column=3, value="afwezig")
            for c in range(1, 8):
                ws.cell(row=r, column=c).fill = grey
        w = own.get(day)
        if w is not None:
            if w.kind == WishKind.WINDOW and w.window_start and w.window_end:
                ws.cell(row=r, column=4, value=WINDOW_WORD)
                ws.cell(row=r, column=5, value=format_clock(w.window_start))
                ws.cell(row=r, column=6, value=format_clock(w.window_end))
            else:
                set_cell_safe(ws.cell(row=r, column=4), wish_text(w))
            ws.cell(row=r, column=7, value=w.weight)
    choices = ["vrij", "vroeg", "laat", "werken", WINDOW_WORD] + [shift_wish_label(s.name) for s in shifts]
    lists = wb.create_sheet("Lijsten")
    lists.sheet_state = "hidden"
    for i, v in enumerate(choices, start=1):
        set_cell_safe(lists.cell(row=i, column=1), v)
    dv_wish = DataValidation(type="list", formula1=f"Lijsten!$A$1:$A${len(choices)}", allow_blank=True,
                             showErrorMessage=True, errorStyle="stop", errorTitle="Wens",
                             error="Kies een wens uit de lijst.")
    dv_wish.add(f"D{first}:D{last}")
    dv_weight = DataValidation(type="list", formula1='"1,2,3"', allow_blank=True, showErrorMessage=True,
                               errorStyle="stop", errorTitle="Gewicht", error="Gewicht is 1, 2 of 3.")
    dv_weight.add(f"G{first}:G{last}")
    dv_time = DataValidation(type="time", operator="between", formula1="0", formula2="0.999988426",
                             allow_blank=True, showErrorMessage=True, errorStyle="stop",
                             error="Vul een tijd in (UU:MM).")
    dv_time.add(f"E{first}:F{last}")
    for dv in (dv_wish, dv_weight, dv_time):
        ws.add_data_validation(dv)
    ws.freeze_panes = f"A{first}"
    for letter, width in zip("ABCDEFG", (12, 6, 10, 18, 12, 12, 9), strict=True):
        ws.column_dimensions[letter].width = width

    sh = wb.create_sheet("Diensten")
    for c, h in enumerate(("Dienst", "Begin", "Einde"), start=1):
        sh.cell(row=1, column=c, value=h).font = Font(bold=True)
    rules = project.shift_rules
    fixed = [
        ("vroeg", f"begin vóór {format_clock(rules.early_start_before)}", ""),
        ("laat", f"einde na {format_clock(rules.late_end_after)}", ""),
        ("werken", "een dienst, maakt niet uit welke", ""),
        ("vrij", "geen dienst", ""),
    ]
    r = 2
    for st in shifts:
        set_cell_safe(sh.cell(row=r, column=1), shift_wish_label(st.name))
        sh.cell(row=r, column=2, value=format_clock(st.start))
        sh.cell(row=r, column=3, value=format_clock(st.end))
        r += 1
    for name, a, b in fixed:
        sh.cell(row=r, column=1, value=name)
        sh.cell(row=r, column=2, value=a)
        sh.cell(row=r, column=3, value=b or None)
        r += 1
    sh.column_dimensions["A"].width = 18
    sh.column_dimensions["B"].width = 36

    info = wb.create_sheet("Uitleg")
    for i, line in enumerate((
        "Zo vul je je wensen in",
        "1. Kies per dag in de kolom 'Wens' wat je wilt; laat leeg als je geen wens hebt.",
        "2. 'venster': vul 'Venster van' en 'Venster tot' in — je dienst begint dan tussen die tijden.",
        f"3. Geef elke wens een gewicht 1, 2 of 3. Alle gewichten samen mogen niet meer zijn dan {budget}.",
        "   Wensen boven het budget worden niet meegenomen (van boven naar beneden geteld).",
        "4. Op dagen waarop je afwezig bent kun je geen wens opgeven.",
        "5. Wijzig de datums niet en sla het bestand op als Excel-werkmap (.xlsx).",
        "Wensen zijn geen garantie: de planner weegt ze tegen de bezetting en tegen de wensen van collega's.",
    ), start=1):
        info.cell(row=i, column=1, value=line)
    info.column_dimensions["A"].width = 110

    meta = wb.create_sheet(META_SHEET)
    meta_items: tuple[tuple[str, object], ...] = (
        ("agent_id", agent.id), ("start", horizon.start), ("days", horizon.days), ("budget", budget),
        ("shift_types", ",".join(s.name for s in shifts)), ("version", FORMAT_VERSION),
    )
    for i, (meta_key, meta_value) in enumerate(meta_items, start=1):
        meta.cell(row=i, column=1, value=meta_key)
        set_cell_safe(meta.cell(row=i, column=2), meta_value)
    meta.sheet_state = "veryHidden"
    meta.protection.sheet = True
    wb.active = 0
    save_workbook(wb, path)


# --------------------------------------------------------------------------------------------
# Import


@dataclass
class _Meta:
    agent_id: str
    start: date
    days: int
    budget: int
    shift_types: list[str]


def _read_meta(rows: list[tuple[Any, ...]], file: str) -> _Meta:
    """The hidden sheet's key/value rows, each bad value refused with its row.

    The sheet can be tampered with like any cell: its dates bound the plan when the import runs
    without a project, so a day count beyond what a form can hold (one row per day) or a period
    past the last date Python knows is refused instead of building millions of days or
    overflowing.
    """
    cells: dict[str, tuple[Any, int]] = {}
    for number, r in enumerate(rows, start=1):
        if r and not is_blank(r[0]):
            cells.setdefault(norm(r[0]), (r[1] if len(r) > 1 else None, number))
    missing = [key for key in ("agent_id", "start", "days") if key not in cells]
    if missing:
        raise KcrosterInputError(
            f"het verborgen blad 'kcroster' is onvolledig (ontbreekt: {', '.join(missing)})",
            file=file, sheet=META_SHEET)

    def loc(key: str) -> Loc:
        return Loc(file, META_SHEET, cells[key][1], "B")

    aid = cell_text(cells["agent_id"][0])
    start = parse_date(cells["start"][0], loc("start"))
    days = parse_int(cells["days"][0], loc("days"), minimum=1)
    if days > MAX_FORM_DAYS:
        raise loc("days").error(f"{days} dagen past niet in een wensenbestand (maximaal {MAX_FORM_DAYS})")
    if (date.max - start).days < days:
        raise loc("start").error(f"een periode van {days} dagen vanaf {start:%d-%m-%Y} loopt voorbij het jaar 9999")
    budget = parse_int(cells["budget"][0], loc("budget"), minimum=0) if "budget" in cells else DEFAULT_BUDGET
    if not aid:
        raise KcrosterInputError("het bestand noemt geen medewerker", file=file, sheet=META_SHEET,
                                 row=cells["agent_id"][1], column="B")
    types = [t.strip() for t in cell_text(cells["shift_types"][0] if "shift_types" in cells else None).split(",")
             if t.strip()]
    return _Meta(aid, start, days, budget, types)


def import_wish_workbooks(
    paths: Iterable[str | Path],
    *,
    project: Project | None = None,
    budget: int | None = None,
) -> WishImportResult:
    """Read many personal wish workbooks; refusals are collected per file and row.

    With ``project`` the agent must exist, shift types come from the project and leave is
    checked against the project; otherwise the file's own (hidden) information is used.
    ``budget`` overrides the budget written into each file.
    """
    result = WishImportResult()
    owner_file: dict[str, str] = {}
    for p in paths:
        path = Path(p)
        try:
            meta, wishes, refusals = _import_one(path, project, budget)
        except KcrosterInputError as exc:
            result.refusals.append(exc if exc.file else KcrosterInputError(exc.reason, file=path.name))
            continue
        if meta.agent_id in owner_file:
            result.refusals.append(KcrosterInputError(
                f"medewerker '{meta.agent_id}' heeft al een wensenbestand ({owner_file[meta.agent_id]}); "
                "dit bestand is niet ingelezen", file=path.name))
            continue
        owner_file[meta.agent_id] = path.name
        result.files_read.append(path.name)
        result.agent_ids.append(meta.agent_id)
        result.wishes.extend(wishes)
        result.refusals.extend(refusals)
    return result


def _import_one(
    path: Path, project: Project | None, budget_override: int | None
) -> tuple[_Meta, list[Wish], list[KcrosterInputError]]:
    file = path.name
    wb = open_workbook(path)
    try:
        names = list(wb.sheetnames)
        if META_SHEET not in names or WISH_SHEET not in names:
            raise KcrosterInputError(
                "is geen wensenbestand van kcroster (blad 'Wensen' of de verborgen gegevens ontbreken)",
                file=file)
        meta_rows = [tuple(r) for r in iter_sheet_rows(wb[META_SHEET], file=file)]
        rows = [tuple(r) for r in iter_sheet_rows(wb[WISH_SHEET], file=file)]
    finally:
        wb.close()
    meta = _read_meta(meta_rows, file)
    budget = budget_override if budget_override is not None else meta.budget
    period = (meta.start, meta.start + timedelta(days=meta.days))
    if project is not None:
        try:
            agent = project.agent(meta.agent_id)
        except KeyError:
            raise KcrosterInputError(
                f"medewerker '{meta.agent_id}' bestaat niet (meer) in het project", file=file) from None
        shift_names = [s.name for s in offered_shift_types(project, agent)]
        absent = _absent_days(project, agent.id)
        period = (project.horizon.start, project.horizon.end)
    else:
        shift_names = meta.shift_types
        absent = set()
    # the header is not on row 1: blank the title block so the table reader finds it
    header_at = next((i for i, r in enumerate(rows)
                      if {"datum", "wens"} <= {norm(v) for v in r if not is_blank(v)}), None)
    if header_at is None:
        raise KcrosterInputError("kolommen 'Datum' en 'Wens' niet gevonden", file=file, sheet=WISH_SHEET)
    rows = [() for _ in range(header_at)] + rows[header_at:]
    errors: list[KcrosterInputError] = []
    table = read_records(rows, WISH_SHEET_COLUMNS, ("date", "wish"), file=file, sheet=WISH_SHEET,
                       unknown_column_warning="{column}", warnings=[], errors=errors)
    if table is None:
        raise errors[0] if errors else KcrosterInputError("blad 'Wensen' is leeg", file=file, sheet=WISH_SHEET)
    wishes: list[Wish] = []
    refusals: list[KcrosterInputError] = []
    used = 0
    seen_days: dict[date, int] = {}
    for row in table.rows:
        if is_blank(row.cells.get("wish")):
            continue  # no wish that day (a weight alone means nothing)
        try:
            wish = _parse_row(table, row, meta.agent_id, shift_names, period, absent)
        except KcrosterInputError as exc:
            refusals.append(exc)
            continue
        if wish.day in seen_days:
            refusals.append(table.loc(row, "date").error(
                f"er staat al een wens op {wish.day:%d-%m-%Y} (rij {seen_days[wish.day]})"))
            continue
        if used + wish.weight > budget:
            refusals.append(table.loc(row, "weight").error(
                f"gewichtsbudget van {budget} overschreden (al {used} gebruikt, deze wens {wish.weight})"))
            continue
        used += wish.weight
        seen_days[wish.day] = row.number
        wishes.append(wish)
    return meta, wishes, refusals


def _parse_row(
    table: Any,
    row: Any,
    agent_id: str,
    shift_names: list[str],
    period: tuple[date, date],
    absent: set[date],
) -> Wish:
    dv = row.cells.get("date")
    if is_blank(dv):
        raise table.loc(row, "date").error("datum ontbreekt")
    day = parse_date(dv, table.loc(row, "date"))
    if not period[0] <= day < period[1]:
        raise table.loc(row, "date").error(f"{day:%d-%m-%Y} valt buiten de planperiode")
    absent_cell = row.cells.get("absent")
    if day in absent or (not is_blank(absent_cell) and norm(absent_cell) in ("afwezig", "absent", "ja")):
        raise table.loc(row, "wish").error(f"op {day:%d-%m-%Y} ben je afwezig; een wens kan dan niet")
    raw = row.cells.get("wish")
    wish_loc = table.loc(row, "wish")
    window: tuple[time, time] | None
    if cell_text(raw).strip().lower() == WINDOW_WORD:
        fv, tv = row.cells.get("window_from"), row.cells.get("window_to")
        if is_blank(fv):
            raise table.loc(row, "window_from").error("bij 'venster' hoort een begintijd 'Venster van'")
        if is_blank(tv):
            raise table.loc(row, "window_to").error("bij 'venster' hoort een tijd 'Venster tot'")
        start = parse_clock(fv, table.loc(row, "window_from"))
        end = parse_clock(tv, table.loc(row, "window_to"))
        if end <= start:
            raise table.loc(row, "window_to").error("'Venster tot' moet na 'Venster van' liggen")
        kind, window, shift = WishKind.WINDOW, (start, end), None
    else:
        parsed = parse_wish(raw, wish_loc, shift_names)
        if parsed.kind == WishKind.NOT_SHIFT:
            raise wish_loc.error("kies een wens uit de lijst")
        kind, window, shift = parsed.kind, parsed.window, parsed.shift_type
    weight, _ = parse_weight(row.cells.get("weight"), table.loc(row, "weight"), allow_must=False)
    return Wish(agent_id=agent_id, day=day, kind=kind, weight=weight,
                window_start=window[0] if window else None, window_end=window[1] if window else None,
                shift_type=shift)


def apply_wish_import(project: Project, result: WishImportResult) -> int:
    """Replace the self-scheduled wishes of the imported agents; keeps the planner's must wishes.

    Returns the number of wishes added.
    """
    agents = set(result.agent_ids)
    project.wishes = [w for w in project.wishes if w.agent_id not in agents or w.must] + list(result.wishes)
    return len(result.wishes)
