"""Export of the agents workbook template that planners and team leaders fill in.

The template is the agents workbook of :mod:`kcroster.io.agents` (docs/design.md §6), written with Dutch
sheet and column names, pre-filled with the project's current data (or an example row starting
with ``#`` that the importer skips), and made easy to fill in correctly:

* frozen header row and id column;
* Dutch help on every column header (a cell comment) and an ``Uitleg`` sheet listing them all;
* data-validation dropdowns: queues (and combinations of them) for skills and reintegration
  activities, agent ids (straight from the ``Medewerkers`` sheet, so new agents appear at once),
  wish kinds including the project's named shift types, weights ``1,2,3,moet``, weekday patterns,
  ``ja/nee``, shift type names; numeric columns refuse negative numbers. Long lists live on a
  hidden ``Lijsten`` sheet (Excel limits inline lists to 255 characters and items to no commas);
  dropdowns for comma-separated multi-value cells only warn, so other combinations can be typed;
* text from the project is written as string cells (formula-injection safe).

:func:`export_reintegration_template` writes only the reintegration sheet: restriction data is
health data and travels in its own file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from kcroster.io.agents import AgentsData
from kcroster.io.agents.values import (
    format_clock,
    format_type_limits,
    format_weekdays,
    queue_combinations,
    shift_wish_label,
    wish_text,
)
from kcroster.io.xlsx.writer import HEADER_FILL, save_workbook, set_cell_safe
from kcroster.model import (
    Agent,
    Leave,
    Project,
    ReintegrationStep,
    ShiftDemand,
    ShiftRules,
    ShiftType,
    Wish,
)

DATA_ROWS = 500  # rows that get validation beyond the data (room to add agents)
EXAMPLE_FONT_COLOR = "808080"
LISTS_SHEET = "Lijsten"
WEEKDAY_PATTERNS = (
    "ma", "di", "wo", "do", "vr", "za", "zo", "ma,di,wo,do,vr", "ma,di,wo,do", "di,wo,do,vr",
    "ma,wo,vr", "di,do", "ma,di,wo", "wo,do,vr", "za,zo", "ma,di,wo,do,vr,za,zo",
)
WISH_WORDS_NL = ("vrij", "vroeg", "laat", "werken")
WEIGHTS = ("1", "2", "3", "moet")


@dataclass(frozen=True)
class Column:
    """One template column: its Dutch header, help text, width and how a value is written."""

    header: str
    help: str
    width: float = 14
    get: Callable[[Any], Any] | None = None
    number_format: str | None = None
    validation: str | None = None  # key into the validation table built per workbook


def _none_limit(v: int | None) -> Any:
    return "geen" if v is None else v


def _minutes_as_hours(v: int | None) -> float | None:
    return None if v is None else round(v / 60, 4)


AGENT_COLUMNS: tuple[Column, ...] = (
    Column("ID", "Uniek nummer of code van de medewerker. Verplicht.", 10, lambda a: a.id),
    Column("Naam", "Naam zoals die in het rooster moet staan. Verplicht.", 24, lambda a: a.name),
    Column("Contracturen", "Contracturen per week, bijvoorbeeld 24, 32 of 36. Verplicht.", 13,
           lambda a: a.contract_hours, "0.##", "hours"),
    Column("Min uren", "Minimaal te roosteren uren per week. Leeg = contracturen − 10 %.", 10,
           lambda a: a.min_hours, "0.##", "hours"),
    Column("Max uren", "Maximaal te roosteren uren per week. Leeg = contracturen + 10 %.", 10,
           lambda a: a.max_hours, "0.##", "hours"),
    Column("Max dagen per week", "Maximaal aantal werkdagen per week (1–7); 'geen' = geen grens.", 12,
           lambda a: _none_limit(a.max_days_per_week), None, "days7"),
    Column("Vaardigheden", "Wachtrijen die deze medewerker mag doen, gescheiden door komma's, "
           "bijvoorbeeld 'Telefonie,Chat'. Kies uit de lijst of typ een combinatie.", 26,
           lambda a: ",".join(a.skills), None, "skills"),
    Column("Vroegste begin", "Niet eerder beginnen dan (UU:MM), bijvoorbeeld 08:30 bij schooltijden. "
           "Leeg = geen beperking.", 12,
           lambda a: a.earliest_start, "hh:mm", "time"),
    Column("Uiterlijk einde", "Uiterlijk klaar om (UU:MM). Leeg = geen beperking.", 12,
           lambda a: a.latest_end, "hh:mm", "time"),
    Column("Geboortedatum", "Alleen nodig voor medewerkers jonger dan 18 jaar (regels voor "
           "jeugdigen uit de Arbeidstijdenwet). Anders leeg laten.", 13,
           lambda a: a.birth_date, "dd-mm-yyyy", "date"),
    Column("Max dagen achtereen", "Maximaal aantal werkdagen achter elkaar (standaard 6); 'geen' = "
           "geen grens.", 12, lambda a: _none_limit(a.max_consecutive_days), None, "count"),
    Column("Min dagen achtereen", "Minimaal aantal werkdagen achter elkaar (CAO); leeg = geen.", 12,
           lambda a: a.min_consecutive_days, None, "count"),
    Column("Min vrije dagen achtereen", "Vrije dagen komen in blokken van minstens dit aantal; "
           "leeg = geen.", 12, lambda a: a.min_consecutive_days_off, None, "count"),
    Column("Max weekenden", "Maximaal aantal gewerkte weekenden in de planperiode; leeg = geen "
           "grens.", 11, lambda a: a.max_weekends, None, "count"),
    Column("Team", "Team of groep (voor overzichten).", 12, lambda a: a.team),
    Column("Diensttypen", "Alleen deze diensttypen (komma's); leeg = alle diensten.", 18,
           lambda a: ",".join(a.allowed_shift_types) if a.allowed_shift_types else None, None,
           "shift_type_hint"),
    Column("Max per diensttype", "Maximaal aantal diensten van een type in de periode, "
           "bijvoorbeeld 'Laat:2, Nacht:0'.", 18,
           lambda a: format_type_limits(a.max_shifts_per_type) or None),
    Column("Min uren periode", "Minimaal aantal uren over de hele planperiode; leeg = geen.", 12,
           lambda a: _minutes_as_hours(a.min_minutes_total), "0.##", "hours"),
    Column("Max uren periode", "Maximaal aantal uren over de hele planperiode; leeg = geen.", 12,
           lambda a: _minutes_as_hours(a.max_minutes_total), "0.##", "hours"),
)


def _leave_from(lv: Leave) -> Any:
    start = lv.start.astimezone(lv.start.tzinfo)
    if start.time() == time(0):
        return start.date()
    return start.replace(tzinfo=None)


def _leave_to(lv: Leave) -> Any:
    end = lv.end
    if end.time() == time(0):
        return end.date() - timedelta(days=1)  # whole days are inclusive
    return end.replace(tzinfo=None)


LEAVE_COLUMNS: tuple[Column, ...] = (
    Column("ID", "ID van de medewerker (uit het blad Medewerkers).", 10, lambda lv: lv.agent_id,
           None, "agent_id"),
    Column("Van", "Eerste dag (datum), of begin met tijd (dd-mm-jjjj UU:MM) voor een deel van een dag.",
           17, _leave_from, None, "date_or_datetime"),
    Column("Tot en met", "Laatste dag (datum, telt volledig mee), of einde met tijd voor een deel "
           "van een dag. Leeg = één dag.", 17, _leave_to, None, "date_or_datetime"),
    Column("Omschrijving", "Neutraal label, bijvoorbeeld 'vakantie', 'verlof', 'cursus' of "
           "'niet beschikbaar – re-integratie'. Nooit een ziekte of klacht invullen.", 30,
           lambda lv: lv.label),
)


def _weight_cell(w: Wish) -> Any:
    return "moet" if w.must else w.weight


WISH_COLUMNS: tuple[Column, ...] = (
    Column("ID", "ID van de medewerker.", 10, lambda w: w.agent_id, None, "agent_id"),
    Column("Datum", "Dag van de wens (dd-mm-jjjj).", 12, lambda w: w.day, "dd-mm-yyyy", "date"),
    Column("Wens", "vrij, vroeg, laat, werken, een diensttype, 'niet <diensttype>' of een "
           "begintijdvenster UU:MM-UU:MM (bijvoorbeeld 09:00-10:30).", 20,
           lambda w: None, None, "wish"),
    Column("Gewicht", "Hoe belangrijk: 1 (licht) tot 3 (zwaar), of 'moet' (altijd honoreren). "
           "Leeg = 1.", 9, _weight_cell, None, "weight"),
)


def _window_text(s: ReintegrationStep) -> str | None:
    if s.window is None:
        return None
    return f"{format_clock(s.window[0])}-{format_clock(s.window[1])}"


REINTEGRATION_COLUMNS: tuple[Column, ...] = (
    Column("ID", "ID van de medewerker. Meerdere rijen per medewerker: elke rij geldt vanaf zijn "
           "datum (opbouwschema).", 10, lambda s: s.agent_id, None, "agent_id"),
    Column("Vanaf", "Datum vanaf wanneer deze stap geldt.", 12, lambda s: s.from_date, "dd-mm-yyyy", "date"),
    Column("Max uren week", "Maximaal aantal uren per week in deze stap.", 10,
           lambda s: s.max_hours_week, "0.##", "hours"),
    Column("Max uren dag", "Maximaal aantal uren per dag.", 10, lambda s: s.max_hours_day, "0.##", "hours"),
    Column("Dagen", "Toegestane weekdagen, bijvoorbeeld 'ma,wo,vr'. Leeg = alle dagen.", 16,
           lambda s: format_weekdays(s.days) if s.days is not None else None, None, "weekdays"),
    Column("Max dagen week", "Maximaal aantal werkdagen per week.", 10, lambda s: s.max_days_week,
           None, "days7"),
    Column("Min rustdagen tussen", "Minimaal aantal vrije dagen tussen twee werkdagen.", 10,
           lambda s: s.min_rest_days_between, None, "count"),
    Column("Venster", "Toegestane werktijd, bijvoorbeeld 09:00-15:00 (geen avonden).", 13,
           _window_text),
    Column("Activiteiten", "Alleen deze wachtrijen, bijvoorbeeld 'E-mail'. Leeg = alle "
           "vaardigheden van de medewerker.", 20,
           lambda s: ",".join(s.queues) if s.queues else None, None, "skills"),
    Column("Eerste ziektedag", "Eerste ziektedag (voor de termijnen van de Wet verbetering "
           "poortwachter).", 12, lambda s: s.first_sick_day, "dd-mm-yyyy", "date"),
    Column("Productiviteit", "Deel van een gewerkt uur dat als productieve capaciteit telt "
           "(0–100 %); therapeutische uren tellen apart.", 11,
           lambda s: s.productivity, "0%", "fraction"),
    Column("Max aaneengesloten minuten", "Langste stuk werk zonder pauze, in minuten; leeg = "
           "normale pauzeregels.", 12, lambda s: s.max_continuous_minutes, None, "count"),
    Column("Extra pauze minuten", "Extra pauze per dienst, in minuten.", 10,
           lambda s: s.extra_break_minutes or None, None, "count"),
)

SHIFT_TYPE_COLUMNS: tuple[Column, ...] = (
    Column("Naam", "Naam van het diensttype, bijvoorbeeld Vroeg.", 14, lambda t: t.name),
    Column("Begin", "Begintijd UU:MM.", 9, lambda t: t.start, "hh:mm", "time"),
    Column("Einde", "Eindtijd UU:MM; eerder dan het begin = eindigt de volgende dag.", 9,
           lambda t: t.end, "hh:mm", "time"),
    Column("Onpopulair", "ja = een belastende dienst die eerlijk verdeeld wordt (avond, nacht).", 11,
           lambda t: "ja" if t.unpopular else "nee", None, "yes_no"),
    Column("Kleur", "Kleur in het rooster, bijvoorbeeld #4F81BD (optioneel).", 10, lambda t: t.color),
)

SHIFT_DEMAND_COLUMNS: tuple[Column, ...] = (
    Column("Datum", "Dag.", 12, lambda d: d.day, "dd-mm-yyyy", "date"),
    Column("Diensttype", "Naam uit het blad Diensttypen.", 14, lambda d: d.shift_type, None, "shift_type"),
    Column("Nodig", "Aantal medewerkers nodig op deze dienst.", 8, lambda d: d.required, None, "count"),
    Column("Gewicht tekort", "Strafpunten per ontbrekende medewerker (standaard 100).", 10,
           lambda d: d.weight_under, None, "count"),
    Column("Gewicht overschot", "Strafpunten per medewerker te veel (standaard 1).", 10,
           lambda d: d.weight_over, None, "count"),
)

SETTINGS: tuple[tuple[str, str, Callable[[ShiftRules], Any]], ...] = (
    ("starttijd_stap_minuten", "Diensten beginnen op een raster van zoveel minuten (15, 30, 60).",
     lambda r: r.start_step_minutes),
    ("min_duur_minuten", "Kortste dienst in minuten (bijvoorbeeld 240 = 4 uur).", lambda r: r.min_length_minutes),
    ("max_duur_minuten", "Langste dienst in minuten (bijvoorbeeld 540 = 9 uur).", lambda r: r.max_length_minutes),
    ("duur_stap_minuten", "Dienstduren in stappen van zoveel minuten.", lambda r: r.length_step_minutes),
    ("vrije_diensten", "ja = ook diensten bouwen uit het raster; nee = alleen de diensttypen.",
     lambda r: "ja" if r.use_templates else "nee"),
    ("vroeg_voor", "Een wens 'vroeg' = beginnen vóór deze tijd.", lambda r: format_clock(r.early_start_before)),
    ("laat_na", "Een wens 'laat' = eindigen na deze tijd.", lambda r: format_clock(r.late_end_after)),
    ("verboden_volgorde", "Diensttype B mag niet de dag na A, bijvoorbeeld 'Laat>Vroeg, Nacht>Vroeg'.",
     lambda r: ", ".join(f"{a}>{b}" for a, b in r.forbidden_sequences) or None),
    ("pauzedeel_minuten", "Lengte van een pauzedeel in minuten.", lambda r: r.break_minutes_short),
    ("max_betaalde_uren_per_dag", "Maximaal betaalde uren per dag; leeg = geen grens.",
     lambda r: r.max_paid_hours_per_day),
)

EXAMPLES: dict[str, list[Any]] = {
    "Medewerkers": ["#M001", "Voorbeeld: Sanne de Vries", 32, None, None, 4, "Telefonie,Chat",
                    "08:30", "15:00", None, 6, None, None, None, "Team A"],
    "Afwezigheid": ["#M001", "03-05-2027", "07-05-2027", "vakantie"],
    "Wensen": ["#M001", "10-05-2027", "vroeg", 2],
    "Re-integratie": ["#M001", "03-05-2027", 12, 4, "ma,wo,vr", 3, 1, "09:00-15:00", "E-mail",
                      "15-03-2027", "50%"],
    "Diensttypen": ["#Vroeg", "08:00", "16:30", "nee"],
    "Dienstbehoefte": ["#03-05-2027", "Vroeg", 5],
}


# --------------------------------------------------------------------------------------------


@dataclass
class _Parts:
    agents: list[Agent]
    leave: list[Leave]
    wishes: list[Wish]
    reintegration: list[ReintegrationStep]
    shift_rules: ShiftRules | None
    queues: list[str]
    filled: bool


def _parts(source: Project | AgentsData | None, queues: Sequence[str] | None) -> _Parts:
    if source is None:
        return _Parts([], [], [], [], None, list(queues or ("Telefonie", "Chat", "E-mail")), False)
    if isinstance(source, Project):
        qs = list(queues) if queues is not None else [q.name for q in source.queues]
        rules: ShiftRules | None = source.shift_rules
        agents, leave, wishes, reint = source.agents, source.leave, source.wishes, source.reintegration
    else:
        rules = source.shift_rules
        agents, leave, wishes, reint = source.agents, source.leave, source.wishes, source.reintegration
        qs = list(queues) if queues is not None else []
    if not qs:
        seen: dict[str, None] = {}
        for a in agents:
            seen.update(dict.fromkeys(a.skills))
        for s in reint:
            seen.update(dict.fromkeys(s.queues or ()))
        qs = list(seen)
    filled = bool(agents or leave or wishes or reint)
    return _Parts(list(agents), list(leave), list(wishes), list(reint), rules, qs, filled)


class _Writer:
    """Builds one template workbook; keeps the validation lists in one hidden sheet."""

    def __init__(self) -> None:
        from openpyxl import Workbook

        self.wb = Workbook()
        self.wb.remove(self.wb.active)
        self.lists_ws: Any = None
        self.list_ranges: dict[str, str] = {}
        self.help_rows: list[tuple[str, str, str]] = []

    def list_range(self, key: str, values: Sequence[str]) -> str:
        """A named list on the hidden sheet → an absolute range formula."""
        if key in self.list_ranges:
            return self.list_ranges[key]
        from openpyxl.utils import get_column_letter

        if self.lists_ws is None:
            self.lists_ws = self.wb.create_sheet(LISTS_SHEET)
            self.lists_ws.sheet_state = "hidden"
        col = len(self.list_ranges) + 1
        letter = get_column_letter(col)
        set_cell_safe(self.lists_ws.cell(row=1, column=col), key)
        for i, v in enumerate(values or ("",), start=2):
            set_cell_safe(self.lists_ws.cell(row=i, column=col), v)
        end = max(2, len(values) + 1)
        ref = f"{LISTS_SHEET}!${letter}$2:${letter}${end}"
        self.list_ranges[key] = ref
        return ref

    def sheet(
        self,
        title: str,
        columns: Sequence[Column],
        items: Sequence[Any],
        validations: dict[str, Any],
        *,
        example: list[Any] | None,
    ) -> Any:
        from openpyxl.comments import Comment
        from openpyxl.styles import Font, PatternFill
        from openpyxl.utils import get_column_letter

        ws = self.wb.create_sheet(title)
        bold = Font(bold=True)
        fill = PatternFill("solid", fgColor=HEADER_FILL)
        for c, col in enumerate(columns, start=1):
            cell = ws.cell(row=1, column=c, value=col.header)
            cell.font = bold
            cell.fill = fill
            comment = Comment(col.help, "kcroster")
            comment.width, comment.height = 260, 110
            cell.comment = comment
            ws.column_dimensions[get_column_letter(c)].width = col.width
            self.help_rows.append((title, col.header, col.help))
        rows: list[list[Any]] = []
        for item in items:
            rows.append([col.get(item) if col.get else None for col in columns])
        if not rows and example is not None:
            rows.append(example + [None] * (len(columns) - len(example)))
        grey = Font(italic=True, color=EXAMPLE_FONT_COLOR)
        for r, values in enumerate(rows, start=2):
            is_example = not items
            for c, (col, value) in enumerate(zip(columns, values, strict=True), start=1):
                cell = ws.cell(row=r, column=c)
                set_cell_safe(cell, _plain(value))
                if col.number_format and isinstance(value, date | time | datetime | float | int):
                    cell.number_format = col.number_format
                if isinstance(value, datetime):
                    cell.number_format = "dd-mm-yyyy hh:mm"
                if is_example:
                    cell.font = grey
        last = max(len(rows) + 1, DATA_ROWS)
        for c, col in enumerate(columns, start=1):
            if col.validation and col.validation in validations:
                dv = _copy_validation(validations[col.validation])
                letter = get_column_letter(c)
                dv.add(f"{letter}2:{letter}{last}")
                ws.add_data_validation(dv)
        ws.freeze_panes = "B2"
        return ws

    def save(self, path: Path) -> None:
        """Hidden list sheet last, first sheet active, then write."""
        if self.lists_ws is not None:
            sheets = self.wb._sheets  # openpyxl keeps the order here; move_sheet works by offset
            self.wb.move_sheet(self.lists_ws, offset=len(sheets) - 1 - sheets.index(self.lists_ws))
        self.wb.active = 0
        path.parent.mkdir(parents=True, exist_ok=True)
        save_workbook(self.wb, path)

    def help_sheet(self, intro: Sequence[str]) -> None:
        from openpyxl.styles import Font

        ws = self.wb.create_sheet("Uitleg")
        r = 1
        for line in intro:
            ws.cell(row=r, column=1, value=line)
            r += 1
        r += 1
        for c, h in enumerate(("Blad", "Kolom", "Uitleg"), start=1):
            ws.cell(row=r, column=c, value=h).font = Font(bold=True)
        for sheet, header, text in self.help_rows:
            r += 1
            set_cell_safe(ws.cell(row=r, column=1), sheet)
            set_cell_safe(ws.cell(row=r, column=2), header)
            set_cell_safe(ws.cell(row=r, column=3), text)
        ws.column_dimensions["A"].width = 16
        ws.column_dimensions["B"].width = 26
        ws.column_dimensions["C"].width = 100


def _plain(value: Any) -> Any:
    """Cell value: aware datetimes become local wall clock (Excel has no time zones)."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    return value


def _copy_validation(dv: Any) -> Any:
    from openpyxl.worksheet.datavalidation import DataValidation

    return DataValidation(
        type=dv.type, formula1=dv.formula1, formula2=dv.formula2, operator=dv.operator,
        allow_blank=True, showErrorMessage=dv.showErrorMessage, errorStyle=dv.errorStyle,
        errorTitle=dv.errorTitle, error=dv.error, promptTitle=dv.promptTitle, prompt=dv.prompt,
        showInputMessage=dv.showInputMessage,
    )


def _validations(w: _Writer, parts: _Parts, *, agent_sheet: str | None) -> dict[str, Any]:
    from openpyxl.worksheet.datavalidation import DataValidation

    def lst(formula: str, *, strict: bool, error: str) -> DataValidation:
        return DataValidation(
            type="list", formula1=formula, allow_blank=True, showErrorMessage=True,
            errorStyle="stop" if strict else "warning", errorTitle="Controleer de invoer", error=error,
        )

    shift_names = [t.name for t in parts.shift_rules.shift_types] if parts.shift_rules else []
    wishes = list(WISH_WORDS_NL) + [shift_wish_label(n) for n in shift_names] + [
        f"niet {n}" for n in shift_names]
    out: dict[str, Any] = {
        "skills": lst(w.list_range("wachtrijen", queue_combinations(parts.queues)), strict=False,
                      error="Kies wachtrijen uit de lijst (meerdere gescheiden door komma's)."),
        "weekdays": lst(w.list_range("dagen", WEEKDAY_PATTERNS), strict=False,
                        error="Gebruik ma, di, wo, do, vr, za, zo gescheiden door komma's."),
        "wish": lst(w.list_range("wensen", wishes), strict=False,
                    error="Kies een wens uit de lijst, of typ een begintijdvenster UU:MM-UU:MM."),
        "weight": lst('"' + ",".join(WEIGHTS) + '"', strict=True, error="Gewicht is 1, 2, 3 of moet."),
        "yes_no": lst('"ja,nee"', strict=True, error="Kies ja of nee."),
        "hours": DataValidation(type="decimal", operator="between", formula1="0", formula2="168",
                                allow_blank=True, showErrorMessage=True, errorStyle="stop",
                                error="Vul een aantal uren in (0 of meer)."),
        "count": DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0",
                                allow_blank=True, showErrorMessage=True, errorStyle="stop",
                                error="Vul een geheel getal van 0 of meer in."),
        "days7": DataValidation(type="whole", operator="between", formula1="0", formula2="7",
                                allow_blank=True, showErrorMessage=True, errorStyle="warning",
                                error="Een week heeft 7 dagen ('geen' = geen grens)."),
        "fraction": DataValidation(type="decimal", operator="between", formula1="0", formula2="1",
                                   allow_blank=True, showErrorMessage=True, errorStyle="warning",
                                   error="Productiviteit ligt tussen 0 % en 100 %."),
        "date": DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True,
                               showErrorMessage=True, errorStyle="warning",
                               error="Vul een datum in (dd-mm-jjjj)."),
        "time": DataValidation(type="time", operator="between", formula1="0", formula2="0.999988426",
                               allow_blank=True, showErrorMessage=True, errorStyle="warning",
                               error="Vul een tijd in (UU:MM)."),
    }
    if shift_names:
        out["shift_type"] = lst(w.list_range("diensttypen", shift_names), strict=True,
                                error="Kies een diensttype uit het blad Diensttypen.")
        out["shift_type_hint"] = lst(w.list_range("diensttypen", shift_names), strict=False,
                                     error="Diensttypen uit het blad Diensttypen, gescheiden door komma's.")
    if agent_sheet is not None:
        out["agent_id"] = lst(f"{agent_sheet}!$A$2:$A${DATA_ROWS}", strict=True,
                              error="Deze ID staat niet op het blad Medewerkers.")
    return out


def export_agents_template(
    path: str | Path,
    project_or_parts: Project | AgentsData | None = None,
    *,
    include_reintegration: bool = True,
    queues: Sequence[str] | None = None,
) -> Path:
    """Write the agents workbook template, pre-filled when data is given.

    Sheets: Medewerkers, Afwezigheid, Wensen, Re-integratie (unless ``include_reintegration`` is
    False), Diensten, Diensttypen, Dienstbehoefte, Uitleg and the hidden Lijsten. Importing the
    file with :func:`kcroster.io.agents.load_agents_workbook` gives the same data back.
    """
    path = Path(path)
    parts = _parts(project_or_parts, queues)
    w = _Writer()
    val = _validations(w, parts, agent_sheet="Medewerkers")

    def ex(sheet: str) -> list[Any] | None:
        return None if parts.filled else EXAMPLES[sheet]

    shift_names = [t.name for t in parts.shift_rules.shift_types] if parts.shift_rules else []

    w.sheet("Medewerkers", AGENT_COLUMNS, parts.agents, val, example=ex("Medewerkers"))
    w.sheet("Afwezigheid", LEAVE_COLUMNS, sorted(parts.leave, key=lambda lv: (lv.agent_id, lv.start)),
            val, example=ex("Afwezigheid"))
    ws = w.sheet("Wensen", WISH_COLUMNS, parts.wishes, val, example=ex("Wensen"))
    for r, wish in enumerate(parts.wishes, start=2):
        set_cell_safe(ws.cell(row=r, column=3), wish_text(wish, shift_names))
    if include_reintegration:
        w.sheet("Re-integratie", REINTEGRATION_COLUMNS,
                sorted(parts.reintegration, key=lambda s: (s.agent_id, s.from_date)), val,
                example=ex("Re-integratie"))
    _settings_sheet(w, parts.shift_rules or ShiftRules())
    types: list[ShiftType] = list(parts.shift_rules.shift_types) if parts.shift_rules else []
    w.sheet("Diensttypen", SHIFT_TYPE_COLUMNS, types, val,
            example=EXAMPLES["Diensttypen"] if not types else None)
    demand: list[ShiftDemand] = list(parts.shift_rules.type_demand) if parts.shift_rules else []
    w.sheet("Dienstbehoefte", SHIFT_DEMAND_COLUMNS, demand, val,
            example=EXAMPLES["Dienstbehoefte"] if not demand and not types else None)
    w.help_sheet(_INTRO)
    w.save(path)
    return path


def export_reintegration_template(
    path: str | Path,
    project_or_parts: Project | AgentsData | None = None,
    *,
    agent_ids: Sequence[str] | None = None,
    queues: Sequence[str] | None = None,
) -> Path:
    """Write only the reintegration sheet (restriction data is health data: its own file).

    The ``ID`` column offers the project's agent ids; it imports with
    :func:`kcroster.io.agents.load_agents_workbook` (a workbook without a Medewerkers sheet is
    refused there, so use :func:`kcroster.io.agents.parse_agents_sheets` via
    :func:`load_reintegration_workbook`).
    """
    path = Path(path)
    parts = _parts(project_or_parts, queues)
    steps = parts.reintegration
    if agent_ids is not None:
        wanted = set(agent_ids)
        steps = [s for s in steps if s.agent_id in wanted]
    w = _Writer()
    val = _validations(w, parts, agent_sheet=None)
    ids = list(agent_ids) if agent_ids is not None else [a.id for a in parts.agents]
    if ids:
        from openpyxl.worksheet.datavalidation import DataValidation

        val["agent_id"] = DataValidation(
            type="list", formula1=w.list_range("medewerkers", ids), allow_blank=True,
            showErrorMessage=True, errorStyle="stop", error="Onbekende medewerker.")
    w.sheet("Re-integratie", REINTEGRATION_COLUMNS, sorted(steps, key=lambda s: (s.agent_id, s.from_date)),
            val, example=None if steps else EXAMPLES["Re-integratie"])
    w.help_sheet(_INTRO_REINTEGRATION)
    w.save(path)
    return path


def _settings_sheet(w: _Writer, rules: ShiftRules) -> None:
    from openpyxl.styles import Font, PatternFill

    ws = w.wb.create_sheet("Diensten")
    for c, h in enumerate(("Instelling", "Waarde", "Uitleg"), start=1):
        cell = ws.cell(row=1, column=c, value=h)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
    for r, (key, help_text, get) in enumerate(SETTINGS, start=2):
        ws.cell(row=r, column=1, value=key)
        set_cell_safe(ws.cell(row=r, column=2), get(rules))
        ws.cell(row=r, column=3, value=help_text)
        w.help_rows.append(("Diensten", key, help_text))
    ws.column_dimensions["A"].width = 28
    ws.column_dimensions["B"].width = 20
    ws.column_dimensions["C"].width = 80
    ws.freeze_panes = "A2"


_INTRO = (
    "kcroster – sjabloon medewerkers",
    "Vul per blad één rij per regel in. De eerste rij bevat de kolomnamen: niet wijzigen.",
    "Rijen waarvan de eerste cel met # begint zijn voorbeelden en worden overgeslagen.",
    "Beweeg de muis over een kolomkop voor uitleg; keuzelijsten helpen bij het invullen.",
    "Privacy: vul nooit een diagnose, klacht of behandeling in. kcroster bewaart alleen "
    "beperkingen en datums (re-integratie).",
)
_INTRO_REINTEGRATION = (
    "kcroster – re-integratieplannen (Wet verbetering poortwachter)",
    "Eén rij per stap van het opbouwschema; elke stap geldt vanaf zijn datum.",
    "Alleen beperkingen en datums: vul nooit een diagnose, klacht of behandeling in. "
    "Andere kolommen worden genegeerd.",
    "Dit bestand bevat gezondheidsgegevens: deel het alleen met wie het nodig heeft.",
)


def load_reintegration_workbook(
    path: str | Path, *, known_agents: set[str] | None = None, known_queues: set[str] | None = None
) -> AgentsData:
    """Import a file written by :func:`export_reintegration_template` (reintegration rows only).

    ``known_agents`` (the project's agent ids) makes an unknown id an error.
    """
    from kcroster.io.agents import SHEET_NAMES, parse_agents_sheets
    from kcroster.io.xlsx.reader import read_workbook_rows

    p = Path(path)
    names, rows = read_workbook_rows(p, SHEET_NAMES.values())
    return parse_agents_sheets(p.name, names, rows, known_queues=known_queues,
                               require_agents=False, known_agent_ids=known_agents)
