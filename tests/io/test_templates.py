"""Template export: round trip, data validation lists, help, frozen panes, formula safety."""

from __future__ import annotations

import importlib.util
import sys
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from kcroster.io.agents import AgentsData, load_agents_workbook
from kcroster.io.templates import (
    export_agents_template,
    export_reintegration_template,
    load_reintegration_workbook,
)
from kcroster.model import (
    Agent,
    Horizon,
    KcrosterInputError,
    Leave,
    Project,
    Queue,
    ReintegrationStep,
    ShiftDemand,
    ShiftRules,
    ShiftType,
    Wish,
    WishKind,
)

ROOT = Path(__file__).resolve().parents[2]
HORIZON = Horizon(date(2027, 5, 3), 28)
TZ = HORIZON.tz


def sample_data() -> AgentsData:
    """Hand-built data touching every field the workbook carries."""
    rules = ShiftRules(
        use_templates=False, start_step_minutes=15, min_length_minutes=180, max_length_minutes=600,
        length_step_minutes=30, early_start_before=time(8, 30), late_end_after=time(19),
        forbidden_sequences=[("Nacht", "Vroeg")], break_minutes_short=10, max_paid_hours_per_day=9.5,
        shift_types=[ShiftType("Vroeg", time(7), time(15, 30)), ShiftType("Nacht", time(22), time(7), True, "#223344"),
                     ShiftType("Midden", time(10), time(18, 30))],
        type_demand=[ShiftDemand(date(2027, 5, 3), "Vroeg", 4, 50, 2), ShiftDemand(date(2027, 5, 4), "Nacht", 1)],
    )
    agents = [
        Agent("A1", "Anna de Vries", 36.0, skills=("Telefonie", "Chat"), team="Team A"),
        Agent("A2", "=HYPERLINK(\"http://x\")", 24.0, 20.0, 28.0, 4, ("E-mail",), time(8, 30), time(14, 30),
              None, None, 2, 2, 3, 600, 6000, {"Nacht": 0}, ("Vroeg", "Midden"), "+team"),
        Agent("103", "Cem Yilmaz", 16.0, max_days_per_week=2, skills=("Telefonie",), birth_date=date(2010, 1, 15)),
    ]
    leave = [
        Leave("A1", datetime(2027, 5, 3, tzinfo=TZ), datetime(2027, 5, 8, tzinfo=TZ), "vakantie"),
        Leave("A2", datetime(2027, 5, 4, 13, tzinfo=TZ), datetime(2027, 5, 4, 17, tzinfo=TZ), "-afspraak"),
        Leave("103", datetime(2027, 5, 10, 9, tzinfo=TZ), datetime(2027, 5, 12, tzinfo=TZ), "cursus"),
    ]
    wishes = [
        Wish("A1", date(2027, 5, 10), WishKind.OFF, 3, True),
        Wish("A1", date(2027, 5, 11), WishKind.EARLY, 2),
        Wish("A2", date(2027, 5, 12), WishKind.LATE, 1),
        Wish("A2", date(2027, 5, 13), WishKind.WINDOW, 2, window_start=time(9), window_end=time(10, 30)),
        Wish("A2", date(2027, 5, 14), WishKind.SHIFT, 1, shift_type="Vroeg"),
        Wish("103", date(2027, 5, 15), WishKind.SHIFT, 3, shift_type="Midden"),
        Wish("103", date(2027, 5, 16), WishKind.NOT_SHIFT, 1, shift_type="Nacht"),
        Wish("103", date(2027, 5, 17), WishKind.WORK, 1),
    ]
    reint = [
        ReintegrationStep("A2", date(2027, 5, 3), 12, 4, frozenset({0, 2, 4}), 3, 1, (time(9), time(15)),
                          ("E-mail",), date(2027, 3, 1), 0.5, 120, 15),
        ReintegrationStep("A2", date(2027, 5, 17), 18, 6, None, None, None, None, None, date(2027, 3, 1), 1.0),
    ]
    return AgentsData(agents, leave, wishes, reint, rules)


def assert_same(a: AgentsData, b: AgentsData) -> None:
    assert b.agents == a.agents
    assert sorted(b.leave, key=repr) == sorted(a.leave, key=repr)
    assert b.wishes == a.wishes
    assert sorted(b.reintegration, key=repr) == sorted(a.reintegration, key=repr)
    assert b.shift_rules == a.shift_rules


def test_round_trip_hand_built(tmp_path: Path) -> None:
    data = sample_data()
    path = export_agents_template(tmp_path / "t.xlsx", data)
    back = load_agents_workbook(path, horizon=HORIZON, known_queues={"Telefonie", "Chat", "E-mail"})
    assert back.warnings == []
    assert_same(data, back)
    # leave instants are identical in absolute time as well
    assert sorted(lv.start.timestamp() for lv in back.leave) == sorted(lv.start.timestamp() for lv in data.leave)


def test_round_trip_via_project(tmp_path: Path) -> None:
    data = sample_data()
    project = Project("p", HORIZON, queues=[Queue("Telefonie"), Queue("Chat"), Queue("E-mail")],
                      agents=data.agents, leave=data.leave, wishes=data.wishes,
                      reintegration=data.reintegration, shift_rules=data.shift_rules or ShiftRules())
    back = load_agents_workbook(export_agents_template(tmp_path / "p.xlsx", project))
    assert_same(data, back)


def _load_demo_module() -> Any:
    spec = importlib.util.spec_from_file_location("make_demo_agents", ROOT / "samples" / "make_demo_agents.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["make_demo_agents"] = mod
    spec.loader.exec_module(mod)
    return mod


def test_round_trip_demo_data(tmp_path: Path) -> None:
    demo = _load_demo_module()
    data = demo.build(demo.horizon_start())
    back = load_agents_workbook(export_agents_template(tmp_path / "d.xlsx", data, queues=demo.QUEUES))
    assert_same(data, back)


def validations(ws: Any) -> dict[str, Any]:
    """Header text → the data validation covering that column's first data row."""
    out = {}
    for col in range(1, ws.max_column + 1):
        header = ws.cell(row=1, column=col).value
        coord = ws.cell(row=2, column=col).coordinate
        for dv in ws.data_validations.dataValidation:
            if coord in dv.sqref:
                out[header] = dv
    return out


def list_values(wb: Any, dv: Any) -> list[str]:
    """Resolve a list validation: inline '"a,b"' or a range on another sheet."""
    f = dv.formula1
    if f.startswith('"'):
        return f.strip('"').split(",")
    sheet, rng = f.split("!")
    cells = wb[sheet][rng.replace("$", "")]
    return [c[0].value for c in cells if c[0].value is not None]


def test_template_has_validation_lists_help_and_frozen_headers(tmp_path: Path) -> None:
    path = export_agents_template(tmp_path / "t.xlsx", sample_data(), queues=["Telefonie", "Chat", "E-mail"])
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[:4] == ["Medewerkers", "Afwezigheid", "Wensen", "Re-integratie"]
    assert wb["Lijsten"].sheet_state == "hidden"
    med = wb["Medewerkers"]
    assert med.freeze_panes == "B2"
    assert "Contracturen per week" in med["C1"].comment.text
    v = validations(med)
    skills = list_values(wb, v["Vaardigheden"])
    # every combination of the three queues (7), so multi-skill cells are a dropdown choice too
    assert len(skills) == 7
    assert {"Telefonie", "Chat", "E-mail", "Telefonie,Chat", "Telefonie,Chat,E-mail"} <= set(skills)
    assert v["Vaardigheden"].type == "list"
    assert v["Contracturen"].type == "decimal" and v["Contracturen"].formula1 == "0"
    assert validations(wb["Wensen"])["Gewicht"].formula1 == '"1,2,3,moet"'
    wish_list = list_values(wb, validations(wb["Wensen"])["Wens"])
    # 'Vroeg' clashes with the wish word 'vroeg' (early), so it is offered as 'dienst Vroeg'
    assert wish_list[:4] == ["vrij", "vroeg", "laat", "werken"]
    assert {"dienst Vroeg", "Nacht", "Midden", "niet Nacht"} <= set(wish_list)
    # agent ids come live from the Medewerkers sheet and refuse anything else
    for sheet in ("Afwezigheid", "Wensen", "Re-integratie"):
        dv = validations(wb[sheet])["ID"]
        assert dv.formula1.startswith("Medewerkers!$A$2") and dv.errorStyle == "stop"
    reint = validations(wb["Re-integratie"])
    assert "ma,wo,vr" in list_values(wb, reint["Dagen"])
    assert list_values(wb, reint["Activiteiten"]) == skills
    assert list_values(wb, validations(wb["Dienstbehoefte"])["Diensttype"]) == ["Vroeg", "Nacht", "Midden"]
    assert list_values(wb, validations(wb["Diensttypen"])["Onpopulair"]) == ["ja", "nee"]
    # the help sheet lists every column
    helps = {(r[0], r[1]) for r in wb["Uitleg"].iter_rows(values_only=True) if r[0] and r[1]}
    assert ("Re-integratie", "Productiviteit") in helps and ("Diensten", "vrije_diensten") in helps


def test_text_is_never_a_formula(tmp_path: Path) -> None:
    path = export_agents_template(tmp_path / "t.xlsx", sample_data())
    wb = openpyxl.load_workbook(path)
    name = wb["Medewerkers"]["B3"]
    assert name.value == '=HYPERLINK("http://x")' and name.data_type == "s"
    assert wb["Medewerkers"]["O3"].data_type == "s"  # team '+team'
    (label,) = [c for c in wb["Afwezigheid"]["D"] if c.value == "-afspraak"]
    assert label.data_type == "s"
    # and the raw sheet XML holds no formula element at all
    import zipfile

    with zipfile.ZipFile(path) as zf:
        for n in zf.namelist():
            if n.startswith("xl/worksheets/sheet"):
                assert b"<f>" not in zf.read(n), n


def test_empty_template_has_example_rows_that_import_as_nothing(tmp_path: Path) -> None:
    path = export_agents_template(tmp_path / "leeg.xlsx")
    wb = openpyxl.load_workbook(path)
    assert str(wb["Medewerkers"]["A2"].value).startswith("#")
    assert str(wb["Re-integratie"]["A2"].value).startswith("#")
    data = load_agents_workbook(path)
    assert data.agents == [] and data.leave == [] and data.wishes == [] and data.reintegration == []
    assert data.warnings == []


def test_team_export_without_reintegration(tmp_path: Path) -> None:
    path = export_agents_template(tmp_path / "team.xlsx", sample_data(), include_reintegration=False)
    wb = openpyxl.load_workbook(path)
    assert "Re-integratie" not in wb.sheetnames
    assert load_agents_workbook(path).reintegration == []


def test_reintegration_only_file(tmp_path: Path) -> None:
    data = sample_data()
    path = export_reintegration_template(tmp_path / "ri.xlsx", data)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[0] == "Re-integratie" and "Medewerkers" not in wb.sheetnames
    assert list_values(wb, validations(wb["Re-integratie"])["ID"]) == ["A1", "A2", "103"]
    back = load_reintegration_workbook(path, known_agents={"A1", "A2", "103"})
    assert back.agents == [] and back.reintegration == data.reintegration
    with pytest.raises(KcrosterInputError) as exc:
        load_reintegration_workbook(path, known_agents={"A1"})
    assert "onbekende medewerker 'A2'" in str(exc.value)


def test_demo_file_is_current_and_complete() -> None:
    demo = _load_demo_module()
    start = demo.horizon_start()
    horizon = Horizon(start, 28)
    data = load_agents_workbook(ROOT / "samples" / "demo_agents.xlsx", horizon=horizon,
                                known_queues=set(demo.QUEUES))
    assert_same(demo.build(start), data)  # the committed file matches the seeded generator
    assert data.warnings == []
    assert len(data.agents) == 60
    hours = sorted({a.contract_hours for a in data.agents})
    assert hours[0] >= 16 and hours[-1] <= 40 and {24, 32, 36, 38} <= set(hours)
    profiles = {a.skills for a in data.agents}
    assert {("Telefonie",), ("Telefonie", "Chat"), ("Chat", "E-mail"), ("Telefonie", "Chat", "E-mail")} <= profiles
    youth = [a for a in data.agents if a.is_youth_on(start)]
    assert len(youth) == 1 and all(a.is_youth_on(d) for a in youth for d in horizon.dates)
    assert sum(1 for a in data.agents if a.earliest_start and a.latest_end and a.latest_end <= time(15)) >= 2
    assert len({lv.agent_id for lv in data.leave if lv.label != "school"}) >= 10
    assert len({w.agent_id for w in data.wishes}) == 30 and any(w.must for w in data.wishes)
    assert {w.kind for w in data.wishes} >= {WishKind.OFF, WishKind.EARLY, WishKind.LATE, WishKind.WINDOW}
    assert len({s.agent_id for s in data.reintegration}) == 2
    assert data.shift_rules is not None
    assert [(t.name, t.start, t.end) for t in data.shift_rules.shift_types] == [
        ("Vroeg", time(8), time(16, 30)), ("Midden", time(10), time(18, 30)),
        ("Laat", time(11, 30), time(20)), ("Zaterdag", time(9), time(17))]
    assert (data.shift_rules.start_step_minutes, data.shift_rules.min_length_minutes,
            data.shift_rules.max_length_minutes) == (30, 240, 540)
    # capacity: weekly contract hours of Telefonie-skilled agents cover ~28 agents over a 12 h day
    phone_hours = sum(a.contract_hours for a in data.agents if "Telefonie" in a.skills)
    assert phone_hours >= 25 * 8 * 5
