"""The agents workbook importer: every sheet, aliases, validation with locations, privacy."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kcroster.io.agents import (
    AgentsWorkbookError,
    apply_to_project,
    load_agents_workbook,
    parse_agents_sheets,
)
from kcroster.model import Horizon, KcrosterInputError, Project, WishKind

QUEUES = {"Telefonie", "Chat", "E-mail"}
HORIZON = Horizon(date(2027, 5, 3), 28)


def write_wb(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
    wb.save(path)
    return path


AGENTS_EN = [
    ["id", "name", "contract_hours", "min_hours", "max_hours", "max_days_per_week", "skills",
     "earliest_start", "latest_end", "birth_date"],
    ["A1", "Anna de Vries", 36, None, None, 5, "Telefonie, Chat", None, None, None],
    ["A2", "Bram Jansen", 24, 20, 28, 4, "E-mail", "08:30", "14:30", None],
    [103, "Cem Yilmaz", "32,5", None, None, None, "telefonie", time(9, 0), time(18, 0),
     date(2010, 1, 15)],
]


def agents_only(tmp_path: Path, rows: list[list[Any]], name: str = "Agents") -> Path:
    return write_wb(tmp_path / "a.xlsx", {name: rows})


def errors_of(exc: pytest.ExceptionInfo[KcrosterInputError]) -> list[KcrosterInputError]:
    err = exc.value
    assert isinstance(err, AgentsWorkbookError)
    return err.errors


def single_error(tmp_path: Path, sheets: dict[str, list[list[Any]]], **kw: Any) -> KcrosterInputError:
    path = write_wb(tmp_path / "bad.xlsx", sheets)
    with pytest.raises(KcrosterInputError) as exc:
        load_agents_workbook(path, **kw)
    errs = errors_of(exc)
    assert len(errs) == 1, [e.message for e in errs]
    assert errs[0].file == "bad.xlsx"
    return errs[0]


# --- agents ----------------------------------------------------------------------------------


def test_agents_sheet_english(tmp_path: Path) -> None:
    data = load_agents_workbook(agents_only(tmp_path, AGENTS_EN), known_queues=QUEUES)
    a1, a2, a3 = data.agents
    assert (a1.id, a1.name, a1.contract_hours, a1.skills) == ("A1", "Anna de Vries", 36.0, ("Telefonie", "Chat"))
    # default min/max are contract ∓ 10 %
    assert (a1.week_min_hours, a1.week_max_hours) == (32.4, 39.6)
    assert (a2.min_hours, a2.max_hours, a2.max_days_per_week) == (20.0, 28.0, 4)
    assert (a2.earliest_start, a2.latest_end) == (time(8, 30), time(14, 30))
    # numeric id loses '.0', decimal comma, skills matched case-insensitively to the known name
    assert (a3.id, a3.contract_hours, a3.skills) == ("103", 32.5, ("Telefonie",))
    assert a3.max_days_per_week == 5  # empty cell keeps the default
    assert a3.birth_date == date(2010, 1, 15)
    assert a3.is_youth_on(date(2027, 5, 3)) and not a1.is_youth_on(date(2027, 5, 3))
    assert data.shift_rules is None and data.leave == [] and data.warnings == []


def test_agents_sheet_dutch_aliases_and_extra_columns(tmp_path: Path) -> None:
    rows = [
        ["ID", "Naam", "Contracturen", "Min uren", "Max uren", "Max dagen per week", "Vaardigheden",
         "Vroegste begin", "Uiterlijk einde", "Geboortedatum", "Max dagen achtereen",
         "Min dagen achtereen", "Min vrije dagen achtereen", "Max weekenden", "Team"],
        ["M1", "Sanne Bakker", 32, 30, 34, "geen", "Chat;E-mail", "8:00", "1700", "01-02-1990",
         5, 2, 2, 2, "Team A"],
    ]
    data = load_agents_workbook(agents_only(tmp_path, rows, "Medewerkers"), known_queues=QUEUES)
    (a,) = data.agents
    assert a.max_days_per_week is None  # 'geen' switches the limit off
    assert a.skills == ("Chat", "E-mail")
    assert (a.earliest_start, a.latest_end) == (time(8), time(17))
    assert a.birth_date == date(1990, 2, 1)
    assert (a.max_consecutive_days, a.min_consecutive_days, a.min_consecutive_days_off, a.max_weekends) == (5, 2, 2, 2)
    assert a.team == "Team A"


def test_missing_agents_sheet(tmp_path: Path) -> None:
    err = single_error(tmp_path, {"Leave": [["id", "from", "to"]]})
    assert "Medewerkers" in err.reason and err.sheet is None


def test_missing_required_column(tmp_path: Path) -> None:
    err = single_error(tmp_path, {"Agents": [["id", "name"], ["A1", "x"]]})
    assert err.sheet == "Agents" and err.row == 1 and err.column == "contract_hours"
    assert "ontbreekt" in err.reason


@pytest.mark.parametrize(
    ("row", "column", "words"),
    [
        (["A1", "x", -36, None, None], "C (contract_hours)", "negatief"),
        (["A1", "x", "veel", None, None], "C (contract_hours)", "geen getal"),
        (["A1", "x", 36, 40, 30], "D (min_hours)", "groter dan maximum"),
        (["A1", "x", 36, None, -1], "E (max_hours)", "negatief"),
        (["A1", None, 36, None, None], "B (name)", "naam ontbreekt"),
        ([None, "x", 36, None, None], "A (id)", "id ontbreekt"),
    ],
)
def test_agent_value_errors_are_located(tmp_path: Path, row: list[Any], column: str, words: str) -> None:
    err = single_error(tmp_path, {"Agents": [["id", "name", "contract_hours", "min_hours", "max_hours"], row]})
    assert (err.sheet, err.row, err.column) == ("Agents", 2, column)
    assert words in err.reason


def test_unknown_skill_and_bad_times(tmp_path: Path) -> None:
    rows = [["id", "name", "contract_hours", "skills", "earliest_start", "latest_end"],
            ["A1", "x", 36, "Telefonie,Fax", None, None],
            ["A2", "y", 36, "Chat", "25:00", None],
            ["A3", "z", 36, "Chat", "15:00", "09:00"]]
    path = agents_only(tmp_path, rows)
    with pytest.raises(KcrosterInputError) as exc:
        load_agents_workbook(path, known_queues=QUEUES)
    errs = errors_of(exc)
    assert [(e.row, e.column) for e in errs] == [
        (2, "D (skills)"), (3, "E (earliest_start)"), (4, "F (latest_end)")]
    assert "onbekende wachtrij 'Fax'" in errs[0].reason
    assert "geen tijd" in errs[1].reason
    # the combined message lists every problem with its place
    msg = str(exc.value)
    assert msg.startswith("bestand a.xlsx: 3 fouten gevonden:")
    assert "rij 3, kolom 'E (earliest_start)'" in msg
    # without known queues any skill is accepted
    assert load_agents_workbook(agents_only(tmp_path, rows[:2])).agents[0].skills == ("Telefonie", "Fax")


def test_duplicate_agent_id(tmp_path: Path) -> None:
    err = single_error(tmp_path, {"Agents": [["id", "name", "contract_hours"], ["A1", "x", 36], ["A1", "y", 24]]})
    assert (err.row, err.column) == (3, "A (id)") and "rij 2" in err.reason


def test_error_list_capped_at_twenty(tmp_path: Path) -> None:
    rows = [["id", "name", "contract_hours"]] + [[f"A{i}", "x", -1] for i in range(30)]
    with pytest.raises(KcrosterInputError) as exc:
        load_agents_workbook(agents_only(tmp_path, rows))
    assert len(errors_of(exc)) == 30
    msg = str(exc.value)
    assert msg.count("\n- ") == 20 and "nog 10 fouten" in msg


# --- leave -------------------------------------------------------------------------------------


def test_leave_whole_days_and_exact_times(tmp_path: Path) -> None:
    path = write_wb(tmp_path / "l.xlsx", {
        "Agents": AGENTS_EN,
        "Afwezigheid": [
            ["ID", "Van", "Tot en met", "Omschrijving"],
            ["A1", date(2027, 5, 3), date(2027, 5, 7), "vakantie"],
            ["A2", "2027-05-04 08:00", "04-05-2027 12:30", None],
            ["A2", datetime(2027, 3, 27), datetime(2027, 3, 28), "verlof"],  # spans spring DST
            ["A1", "10-05-2027", None, "verlof"],  # one day
        ],
    })
    lv = load_agents_workbook(path).leave
    ams = HORIZON.tz
    assert lv[0].start == datetime(2027, 5, 3, tzinfo=ams)
    assert lv[0].end == datetime(2027, 5, 8, tzinfo=ams)  # inclusive 'to' → next midnight
    assert lv[0].start.utcoffset() == timedelta(hours=2)
    assert (lv[0].end - lv[0].start) == timedelta(days=5)
    assert lv[1].label == "verlof"
    assert lv[1].start.astimezone(UTC) == datetime(2027, 5, 4, 6, 0, tzinfo=UTC)
    assert lv[1].end.astimezone(UTC) == datetime(2027, 5, 4, 10, 30, tzinfo=UTC)
    # 27–28 March 2027 holds the spring change: two local days are 47 absolute hours
    assert lv[2].end.astimezone(UTC) - lv[2].start.astimezone(UTC) == timedelta(hours=47)
    assert (lv[3].start.date(), lv[3].end.date()) == (date(2027, 5, 10), date(2027, 5, 11))


@pytest.mark.parametrize(
    ("row", "column", "words"),
    [
        (["ZZ", "03-05-2027", "04-05-2027"], "A (id)", "onbekende medewerker 'ZZ'"),
        (["A1", "04-05-2027", "03-05-2027"], "C (to)", "niet na het begin"),
        (["A1", "31-02-2027", None], "B (from)", "geen datum"),
        (["A1", None, "03-05-2027"], "B (from)", "ontbreekt"),
    ],
)
def test_leave_errors(tmp_path: Path, row: list[Any], column: str, words: str) -> None:
    err = single_error(tmp_path, {"Agents": AGENTS_EN, "Leave": [["id", "from", "to"], row]})
    assert (err.sheet, err.row, err.column) == ("Leave", 2, column)
    assert words in err.reason


# --- wishes ------------------------------------------------------------------------------------

SHIFT_TYPES = [["name", "start", "end", "unpopular"], ["Vroeg", "07:00", "15:30", "nee"],
               ["Midden", "10:00", "18:30", None], ["Nacht", "22:00", "07:00", "ja"]]


def test_wishes_all_kinds(tmp_path: Path) -> None:
    path = write_wb(tmp_path / "w.xlsx", {
        "Agents": AGENTS_EN,
        "ShiftTypes": SHIFT_TYPES,
        "Wensen": [
            ["ID", "Datum", "Wens", "Gewicht"],
            ["A1", date(2027, 5, 3), "vrij", "moet"],
            ["A1", "04-05-2027", "Early", 2],
            ["A1", "05-05-2027", "laat", 3],
            ["A2", "06-05-2027", "09:00-10:30", None],
            ["A2", "07-05-2027", "Midden", 1],
            ["A2", "08-05-2027", "dienst Vroeg", "must"],  # 'Vroeg' alone would mean early
            ["A2", "09-05-2027", "niet Nacht", 1],
            [103, "10-05-2027", "werken", 1],
            [103, "11-05-2027", "off", 2],
        ],
    })
    w = load_agents_workbook(path, horizon=HORIZON).wishes
    assert [(x.kind, x.weight, x.must) for x in w] == [
        (WishKind.OFF, 3, True), (WishKind.EARLY, 2, False), (WishKind.LATE, 3, False),
        (WishKind.WINDOW, 1, False), (WishKind.SHIFT, 1, False), (WishKind.SHIFT, 3, True),
        (WishKind.NOT_SHIFT, 1, False), (WishKind.WORK, 1, False), (WishKind.OFF, 2, False)]
    assert (w[3].window_start, w[3].window_end) == (time(9), time(10, 30))
    assert [w[4].shift_type, w[5].shift_type, w[6].shift_type] == ["Midden", "Vroeg", "Nacht"]
    assert w[7].agent_id == "103"


@pytest.mark.parametrize(
    ("row", "column", "words"),
    [
        (["ZZ", "03-05-2027", "vrij", 1], "A (id)", "onbekende medewerker"),
        (["A1", "03-05-2027", "vrij", 4], "D (weight)", "1, 2 of 3"),
        (["A1", "03-05-2027", "vrij", 0], "D (weight)", "1, 2 of 3"),
        (["A1", "03-05-2027", "vrij", "heel graag"], "D (weight)", "1, 2 of 3"),
        (["A1", "03-05-2027", "10:00-09:00", 1], "C (wish)", "einde moet na het begin"),
        (["A1", "03-05-2027", "09:00-09:00", 1], "C (wish)", "einde moet na het begin"),
        (["A1", "03-05-2027", "9:77-10:00", 1], "C (wish)", "geen tijd"),
        (["A1", "03-05-2027", "lekker uitslapen", 1], "C (wish)", "onbekende wens"),
        (["A1", "03-05-2027", None, 1], "C (wish)", "wens ontbreekt"),
        (["A1", "03-05-2027", "dienst Avond", 1], "C (wish)", "onbekend diensttype"),
        (["A1", "gisteren", "vrij", 1], "B (date)", "geen datum"),
    ],
)
def test_wish_errors(tmp_path: Path, row: list[Any], column: str, words: str) -> None:
    err = single_error(tmp_path, {"Agents": AGENTS_EN, "ShiftTypes": SHIFT_TYPES,
                                  "Wishes": [["id", "date", "wish", "weight"], row]})
    assert (err.sheet, err.row, err.column) == ("Wishes", 2, column)
    assert words in err.reason


def test_wish_outside_horizon_is_a_warning(tmp_path: Path) -> None:
    path = write_wb(tmp_path / "w.xlsx", {"Agents": AGENTS_EN, "Wishes": [
        ["id", "date", "wish"], ["A1", "03-05-2027", "vrij"], ["A1", "31-05-2027", "vrij"]]})
    data = load_agents_workbook(path, horizon=HORIZON)
    assert len(data.wishes) == 2  # kept: the horizon may still move
    (warning,) = data.warnings
    assert "rij 3" in warning and "buiten de planningshorizon" in warning and "2027-05-30" in warning
    assert load_agents_workbook(path).warnings == []  # no horizon, nothing to compare


# --- reintegration -----------------------------------------------------------------------------

REINT_HEADER = ["id", "from", "max_hours_week", "max_hours_day", "days", "max_days_week",
                "min_rest_days_between", "window", "queues", "first_sick_day", "productivity"]


def test_reintegration_steps(tmp_path: Path) -> None:
    path = write_wb(tmp_path / "r.xlsx", {
        "Medewerkers": AGENTS_EN,
        "Re-integratie": [
            ["ID", "Vanaf", "Max uren week", "Max uren dag", "Dagen", "Max dagen week",
             "Min rustdagen tussen", "Venster", "Activiteiten", "Eerste ziektedag", "Productiviteit"],
            ["A2", "03-05-2027", 12, 4, "ma,wo,vr", 3, 1, "09:00-15:00", "e-mail", "01-03-2027", "50%"],
            ["A2", "17-05-2027", 18, 6, "ma-vr", 3, None, "9:00 - 15:00", "E-mail", "01-03-2027", 0.75],
            ["A1", "03-05-2027", None, None, None, None, None, None, None, None, 100],
        ],
    })
    steps = load_agents_workbook(path, known_queues=QUEUES).reintegration
    s1, s2, s3 = steps
    assert (s1.from_date, s1.max_hours_week, s1.max_hours_day) == (date(2027, 5, 3), 12.0, 4.0)
    assert s1.days == frozenset({0, 2, 4}) and s1.max_days_week == 3 and s1.min_rest_days_between == 1
    assert s1.window == (time(9), time(15)) and s1.queues == ("E-mail",)
    assert s1.first_sick_day == date(2027, 3, 1) and s1.productivity == 0.5
    assert s2.days == frozenset(range(5)) and s2.productivity == 0.75
    assert s3.productivity == 1.0 and s3.window is None and s3.queues is None


@pytest.mark.parametrize(
    ("values", "column", "words"),
    [
        ({"id": "ZZ"}, "A (id)", "onbekende medewerker"),
        ({"productivity": 150}, "K (productivity)", "tussen 0 en 100"),
        ({"productivity": -5}, "K (productivity)", "tussen 0 en 100"),
        ({"window": "15:00-09:00"}, "H (window)", "einde moet na het begin"),
        ({"window": "ochtend"}, "H (window)", "geen tijdvenster"),
        ({"days": "ma,xx"}, "E (days)", "geen weekdag"),
        ({"max_hours_day": -2}, "D (max_hours_day)", "negatief"),
        ({"max_hours_day": 10, "max_hours_week": 8}, "D (max_hours_day)", "groter dan max uren per week"),
        ({"queues": "Fax"}, "I (queues)", "onbekende wachtrij"),
        ({"from": None}, "B (from)", "ontbreekt"),
    ],
)
def test_reintegration_errors(tmp_path: Path, values: dict[str, Any], column: str, words: str) -> None:
    base = {"id": "A2", "from": "03-05-2027", "max_hours_week": 12, "max_hours_day": 4, "days": "ma,wo",
            "max_days_week": 2, "min_rest_days_between": 1, "window": "09:00-15:00", "queues": "E-mail",
            "first_sick_day": None, "productivity": 50}
    base.update(values)
    err = single_error(tmp_path, {"Agents": AGENTS_EN,
                                  "Reintegration": [REINT_HEADER, [base[k] for k in REINT_HEADER]]},
                       known_queues=QUEUES)
    assert (err.sheet, err.row, err.column) == ("Reintegration", 2, column)
    assert words in err.reason


def test_medical_columns_are_never_stored(tmp_path: Path) -> None:
    secret_1, secret_2 = "hernia L4-L5 na val", "burn-out klachten"
    path = write_wb(tmp_path / "r.xlsx", {
        "Agents": AGENTS_EN,
        "Re-integratie": [
            ["diagnose", "id", "vanaf", "max uren dag", "klacht", "productiviteit"],
            [secret_1, "A2", "03-05-2027", 4, secret_2, 50],
        ],
    })
    data = load_agents_workbook(path)
    assert data.warnings == [
        "kolom 'diagnose' genegeerd: kcroster slaat geen medische gegevens op",
        "kolom 'klacht' genegeerd: kcroster slaat geen medische gegevens op",
    ]
    (step,) = data.reintegration
    assert step.max_hours_day == 4 and step.productivity == 0.5
    # the text appears nowhere in what the import returns
    dump = repr(data)
    assert secret_1 not in dump and secret_2 not in dump and "hernia" not in dump
    # and a '#' in a medical column does not turn the row into a skipped comment row
    path2 = write_wb(tmp_path / "r2.xlsx", {"Agents": AGENTS_EN, "Re-integratie": [
        ["diagnose", "id", "vanaf"], ["#1 rug", "A2", "03-05-2027"]]})
    assert len(load_agents_workbook(path2).reintegration) == 1


def test_duplicate_reintegration_step_date(tmp_path: Path) -> None:
    err = single_error(tmp_path, {"Agents": AGENTS_EN, "Reintegration": [
        ["id", "from"], ["A2", "03-05-2027"], ["A2", date(2027, 5, 3)]]})
    assert (err.row, err.column) == (3, "B (from)") and "rij 2" in err.reason


# --- shift rules -------------------------------------------------------------------------------


def test_shift_rules_sheets(tmp_path: Path) -> None:
    path = write_wb(tmp_path / "s.xlsx", {
        "Agents": AGENTS_EN + [],
        "Diensten": [
            ["Instelling", "Waarde"],
            ["starttijd_stap_minuten", 15],
            ["min_duur_minuten", 240],
            ["max_duur_minuten", "540"],
            ["vrije_diensten", "nee"],
            ["vroeg_voor", "08:30"],
            ["verboden_volgorde", "Nacht>Vroeg"],
            ["diensttype", "Zaterdag 09:00-17:00"],
        ],
        "Diensttypen": SHIFT_TYPES,
        "Dienstbehoefte": [["Datum", "Diensttype", "Nodig", "Gewicht tekort"],
                           ["03-05-2027", "vroeg", 5, 50], [date(2027, 5, 4), "Nacht", 2, None]],
    })
    rules = load_agents_workbook(path).shift_rules
    assert rules is not None
    assert (rules.start_step_minutes, rules.min_length_minutes, rules.max_length_minutes) == (15, 240, 540)
    assert rules.use_templates is False and rules.early_start_before == time(8, 30)
    assert rules.forbidden_sequences == [("Nacht", "Vroeg")]
    names = [t.name for t in rules.shift_types]
    assert names == ["Zaterdag", "Vroeg", "Midden", "Nacht"]
    nacht = rules.type_by_name("Nacht")
    assert nacht.unpopular and nacht.length_minutes == 9 * 60  # 22:00 → 07:00 the next day
    assert rules.type_by_name("Vroeg").length_minutes == 510
    d1, d2 = rules.type_demand
    assert (d1.day, d1.shift_type, d1.required, d1.weight_under, d1.weight_over) == (
        date(2027, 5, 3), "Vroeg", 5, 50, 1)
    assert (d2.shift_type, d2.required, d2.weight_under) == ("Nacht", 2, 100)


@pytest.mark.parametrize(
    ("sheets", "sheet", "row", "words"),
    [
        ({"Shifts": [["setting", "value"], ["start_step_minutes", 7]]}, "Shifts", 2, "gelijke delen"),
        ({"Shifts": [["setting", "value"], ["kleur_van_de_lucht", 7]]}, "Shifts", 2, "onbekende instelling"),
        ({"Shifts": [["setting", "value"], ["min_length_minutes", 600], ["max_length_minutes", 540]]},
         "Shifts", 2, "minimale dienstduur"),
        ({"ShiftTypes": [["name", "start", "end"], ["Vroeg", "07:00", "7:00"]]}, "ShiftTypes", 2, "gelijk"),
        ({"ShiftTypes": [["name", "start", "end"], ["Vroeg", "07:00", "half vier"]]}, "ShiftTypes", 2, "geen tijd"),
        ({"ShiftTypes": SHIFT_TYPES, "ShiftDemand": [["date", "shift_type", "required"],
                                                     ["03-05-2027", "Avond", 2]]},
         "ShiftDemand", 2, "onbekend diensttype"),
        ({"ShiftTypes": SHIFT_TYPES, "ShiftDemand": [["date", "shift_type", "required"],
                                                     ["03-05-2027", "Vroeg", -2]]}, "ShiftDemand", 2, "negatief"),
    ],
)
def test_shift_rule_errors(tmp_path: Path, sheets: dict[str, Any], sheet: str, row: int, words: str) -> None:
    err = single_error(tmp_path, {"Agents": AGENTS_EN, **sheets})
    assert (err.sheet, err.row) == (sheet, row)
    assert words in err.reason


def test_agent_shift_type_columns_checked_against_types(tmp_path: Path) -> None:
    rows = [["id", "name", "contract_hours", "shift_types", "max_per_diensttype"],
            ["A1", "x", 36, "vroeg, Midden", "nacht:0"]]
    data = load_agents_workbook(write_wb(tmp_path / "a.xlsx", {"Agents": rows, "ShiftTypes": SHIFT_TYPES}))
    assert data.agents[0].allowed_shift_types == ("Vroeg", "Midden")
    assert data.agents[0].max_shifts_per_type == {"Nacht": 0}
    rows[1][3] = "Avond"
    err = single_error(tmp_path, {"Agents": rows, "ShiftTypes": SHIFT_TYPES})
    assert (err.sheet, err.row) == ("Agents", 2) and "Avond" in err.reason


# --- general -----------------------------------------------------------------------------------


def test_comment_rows_blank_rows_and_unknown_columns(tmp_path: Path) -> None:
    rows = [["id", "name", "contract_hours", "favoriete kleur"],
            ["#voorbeeld", "Voorbeeld", 32, None], [None, None, None, None],
            ["A1", "x", 36, "blauw"]]
    data = load_agents_workbook(agents_only(tmp_path, rows))
    assert [a.id for a in data.agents] == ["A1"]
    assert data.warnings == ["blad 'Agents': kolom 'favoriete kleur' onbekend en genegeerd"]


def test_unknown_id_reported_once_when_agent_row_is_bad(tmp_path: Path) -> None:
    # a bad agent row must not make every leave row of that agent an 'unknown id' as well
    path = write_wb(tmp_path / "a.xlsx", {"Agents": [["id", "name", "contract_hours"], ["A1", "x", "?"]],
                                          "Leave": [["id", "from"], ["A1", "03-05-2027"]]})
    with pytest.raises(KcrosterInputError) as exc:
        load_agents_workbook(path)
    assert [(e.sheet, e.row) for e in errors_of(exc)] == [("Agents", 2)]


def test_not_an_excel_file(tmp_path: Path) -> None:
    p = tmp_path / "agents.xlsx"
    p.write_text("id;name\n1;x\n")
    with pytest.raises(KcrosterInputError) as exc:
        load_agents_workbook(p)
    assert exc.value.file == "agents.xlsx"


def test_apply_to_project_replaces_everything(tmp_path: Path) -> None:
    path = write_wb(tmp_path / "a.xlsx", {"Agents": AGENTS_EN,
                                          "Wishes": [["id", "date", "wish"], ["A1", "03-05-2027", "vrij"]],
                                          "ShiftTypes": SHIFT_TYPES})
    project = Project("p", HORIZON)
    counts = apply_to_project(project, load_agents_workbook(path))
    assert counts == {"agents": 3, "leave": 0, "wishes": 1, "reintegration": 0, "shift_types": 3}
    assert project.agent("A2").name == "Bram Jansen"
    assert project.shift_rules.type_by_name("Nacht").start == time(22)
    # a workbook without shift sheets keeps the project's shift rules
    apply_to_project(project, load_agents_workbook(agents_only(tmp_path, AGENTS_EN)))
    assert len(project.shift_rules.shift_types) == 3 and project.wishes == []


# --- fuzz --------------------------------------------------------------------------------------

cell_values = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.integers(min_value=-10**6, max_value=10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=date(1900, 3, 1), max_value=date(2100, 1, 1)),
    st.times(),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2100, 1, 1)),
    st.sampled_from(["vrij", "moet", "09:00-15:00", "ma,wo", "geen", "50%", "24:00", "1,5", "Telefonie"]),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    agent=st.lists(cell_values, min_size=10, max_size=10),
    leave=st.lists(cell_values, min_size=4, max_size=4),
    wish=st.lists(cell_values, min_size=4, max_size=4),
    reint=st.lists(cell_values, min_size=11, max_size=11),
)
def test_fuzzed_cells_give_success_or_located_error(
    agent: list[Any], leave: list[Any], wish: list[Any], reint: list[Any]
) -> None:
    # the format logic on raw cell values (what openpyxl hands over), without file I/O for speed
    sheets = {
        "Agents": [AGENTS_EN[0], ["A1", "x", 36] + [None] * 7, agent],
        "Leave": [["id", "from", "to", "label"], leave],
        "Wishes": [["id", "date", "wish", "weight"], wish],
        "Reintegration": [REINT_HEADER, reint],
    }
    try:
        data = parse_agents_sheets("fuzz.xlsx", list(sheets), {k: [tuple(r) for r in v] for k, v in sheets.items()},
                                   horizon=HORIZON, known_queues=QUEUES)
    except KcrosterInputError as exc:
        for e in getattr(exc, "errors", [exc]):
            assert e.file == "fuzz.xlsx" and e.sheet in sheets and e.reason
        return
    assert data.agents[0].id == "A1"
    for s in data.reintegration:
        assert 0.0 <= s.productivity <= 1.0
        if s.window is not None:
            assert s.window[0] < s.window[1]
    for lv in data.leave:
        assert lv.start < lv.end and lv.start.tzinfo is not None
    for w in data.wishes:
        assert 1 <= w.weight <= 3


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(row=st.lists(cell_values, min_size=10, max_size=10))
def test_fuzzed_workbook_file(tmp_path: Path, row: list[Any]) -> None:
    # the same through a real xlsx (what openpyxl writes and reads back)
    clean = [v.replace(tzinfo=None) if isinstance(v, datetime) else v for v in row]
    clean = [None if isinstance(v, float) and (v != v or v in (float("inf"), float("-inf"))) else v for v in clean]
    clean = [v if not isinstance(v, str) else "".join(c for c in v if c.isprintable()) for v in clean]
    path = write_wb(tmp_path / "f.xlsx", {"Agents": [AGENTS_EN[0], clean]})
    try:
        load_agents_workbook(path, known_queues=QUEUES)
    except KcrosterInputError as exc:
        assert exc.file == "f.xlsx"


@settings(max_examples=60, deadline=None)
@given(headers=st.lists(st.one_of(st.none(), st.text(max_size=15), st.integers(), st.sampled_from(
    ["id", "naam", "contracturen", "ID", "Naam", "vanaf", "diagnose", "window"])), min_size=1, max_size=8),
       row=st.lists(cell_values, min_size=1, max_size=8))
def test_fuzzed_headers(headers: list[Any], row: list[Any]) -> None:
    sheets = {"Agents": [tuple(headers), tuple(row)], "Re-integratie": [tuple(headers), tuple(row)]}
    try:
        parse_agents_sheets("h.xlsx", list(sheets), sheets)
    except KcrosterInputError as exc:
        assert all(e.file == "h.xlsx" for e in getattr(exc, "errors", [exc]))
