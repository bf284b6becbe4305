"""Planner and team workbooks: contents, formats, KPIs, chart, privacy, formula-injection safety."""

from __future__ import annotations

import zipfile
from datetime import date, datetime, time
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from test_project_store_sample import make_shift, sample_project

from kcroster.io.roster_export import (
    REINTEGRATION_LABEL,
    UNAVAILABLE_LABEL,
    ExportData,
    export_planner_workbook,
    export_team_workbook,
    team_workbook_omissions,
)
from kcroster.model import Agent, Forecast, Horizon, Project, Queue, Roster, Wish, WishKind

EVIL = "=cmd|' /C calc'!A0"


def _data(p: Project) -> ExportData:
    q, n = len(p.queues), p.horizon.n_intervals
    return ExportData(p, p.scenarios[0].roster, required=np.full((q, n), 2.0), service_level=np.full((q, n), 0.8),
                      asa=np.full((q, n), 20.0), abandon=np.full((q, n), 0.03), occupancy=np.full((q, n), 0.7),
                      reachability=np.full((q, n), 0.97))


@pytest.fixture(scope="module")
def planner(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Project]:
    p = sample_project()
    f = tmp_path_factory.mktemp("export") / "planner.xlsx"
    export_planner_workbook(_data(p), f)
    return f, p


def test_planner_workbook_sheets_and_grid(planner: tuple[Path, Project]) -> None:
    f, _ = planner
    wb = openpyxl.load_workbook(f)
    assert wb.sheetnames == ["Rooster", "Dagdetail", "Dekking", "KPI", "KPI per dag", "Grafiek", "Regelcontrole",
                             "Re-integratie", "Legenda"]
    ws = wb["Rooster"]
    assert [c.value for c in ws[1][:5]] == ["Medewerker", "Naam", "Team", "Contract (u/week)", "Re-integratie"]
    assert ws["F1"].value == datetime(2026, 10, 19) and ws["F1"].number_format == "[$-413]ddd d mmm"
    assert [ws.cell(2, c).value for c in range(1, 12)] == [
        "A1", "Anna de Vries", "Team Noord", 36, None, "07:00-15:30", None, "verlof", None, None, "22:00-06:00"]
    # A2: reintegration plan → "ja", days marked, the appointment shows its label
    assert ws["E3"].value == "ja"
    assert ws["G3"].value == "09:00-13:00" and ws["L3"].value == REINTEGRATION_LABEL
    assert ws["N3"].value == "tandarts"
    assert ws["F3"].border.left.color.rgb.endswith("7030A0")
    assert ws["F2"].border.left.style is None
    # colours: named type colour, class colour for others, grey for leave
    assert ws["F2"].fill.fgColor.rgb.endswith("FFCC00")
    assert ws["H2"].fill.fgColor.rgb.endswith("D9D9D9")
    assert ws["K2"].fill.fgColor.rgb.endswith("D9E1F2")  # a 22:00 start is a night shift
    # weekly hours: week 1 of A1 = 8 h (07:00–15:30 minus 30 min) + 9 h night − 30 min break
    assert ws.cell(1, 20).value == "Uren wk 43 (19–25 okt)"  # ISO week with its dates
    assert ws.cell(2, 20).value == pytest.approx(8 + 8.5)


def test_every_sheet_has_frozen_panes_filter_and_print_setup(planner: tuple[Path, Project]) -> None:
    wb = openpyxl.load_workbook(planner[0])
    for name in ("Rooster", "Dagdetail", "Dekking", "KPI per dag", "Regelcontrole", "Re-integratie"):
        ws = wb[name]
        assert ws.freeze_panes is not None, name
        assert ws.auto_filter.ref, name
    for ws in wb.worksheets:
        assert ws.page_setup.fitToWidth in (1, "1")
        assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert wb["Rooster"].page_setup.orientation == "landscape"
    assert wb["Rooster"].freeze_panes == "F2"


def test_day_detail_lists_segments_with_breaks(planner: tuple[Path, Project]) -> None:
    ws = openpyxl.load_workbook(planner[0])["Dagdetail"]
    rows = [r for r in ws.iter_rows(min_row=2, values_only=True) if r[0] == "A1" and r[2] == datetime(2026, 10, 19)]
    assert [(r[4].time(), r[5].time(), r[6], r[7]) for r in rows] == [
        (time(7), time(11, 15), "Telefonie", 255), (time(11, 15), time(11, 45), "pauze", 30),
        (time(11, 45), time(15, 30), "Telefonie", 225)]
    assert ws["C2"].number_format == "dd-mm-yyyy" and ws["E2"].number_format == "hh:mm"
    # the DST night: local wall times, 9 absolute hours
    night = [r for r in ws.iter_rows(min_row=2, values_only=True) if r[0] == "A1" and r[2] == datetime(2026, 10, 24)]
    assert sum(r[7] for r in night) == 540


def test_coverage_sheet_matches_the_roster(planner: tuple[Path, Project]) -> None:
    f, p = planner
    ws = openpyxl.load_workbook(f)["Dekking"]
    header = [c.value for c in ws[1]]
    assert header[:8] == ["Datum", "Tijd", "Telefonie vereist", "Telefonie ingepland", "Telefonie verschil",
                          "Telefonie SL", "Telefonie ASA (s)", "Telefonie abandon"]
    assert ws.max_row == p.horizon.n_intervals + 1
    rows = {(r[0].date(), r[1]): r for r in ws.iter_rows(min_row=2, values_only=True)}
    # A1 works Telefonie 07:00–11:15 and 11:45–15:30 on 19 Oct; break 11:15–11:45
    for t, expect in (("06:45", 0), ("07:00", 1), ("11:00", 1), ("11:15", 0), ("11:30", 0), ("11:45", 1),
                      ("15:15", 1), ("15:30", 0)):
        r = rows[(date(2026, 10, 19), t)]
        assert (r[2], r[3], r[4]) == (2, expect, expect - 2), t
        assert (r[5], r[6], r[7]) == (0.8, 20, 0.03)
    assert ws["F2"].number_format == "0.0%"


def test_native_chart_references_the_coverage_sheet(planner: tuple[Path, Project]) -> None:
    f, p = planner
    with zipfile.ZipFile(f) as z:
        charts = sorted(n for n in z.namelist() if n.startswith("xl/charts/chart"))
        assert len(charts) == len(p.queues)
        xml = z.read(charts[0]).decode()
    assert "<lineChart>" in xml
    n = p.horizon.n_intervals + 1
    # series titles from the header row, values = required and scheduled, categories = the
    # "Dag en tijd" column after the three queues' six fields (column U)
    for ref in ("'Dekking'!C1", "'Dekking'!D1", f"'Dekking'!$C$2:$C${n}", f"'Dekking'!$D$2:$D${n}",
                f"'Dekking'!$U$2:$U${n}"):
        assert f"<f>{ref}</f>" in xml, ref


def test_text_that_looks_like_a_formula_stays_text(planner: tuple[Path, Project]) -> None:
    f, _ = planner
    with zipfile.ZipFile(f) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert "<f>" not in z.read(name).decode(), name
    wb = openpyxl.load_workbook(f)
    ws = wb["Rooster"]
    assert (ws["A4"].value, ws["A4"].data_type) == (EVIL, "s")
    assert (ws["B4"].value, ws["B4"].data_type) == ("-Eve", "s")
    detail = [c for c in wb["Dagdetail"]["A"] if c.value == EVIL]
    assert detail and all(c.data_type == "s" for c in detail)


def _tiny_project() -> tuple[Project, ExportData]:
    h = Horizon(date(2027, 5, 3), 8, 60)  # Monday + next Monday: two weeks
    q = [Queue("Tel", shrinkage=0.25), Queue("Mail", shrinkage=0.5)]
    vol = np.zeros((2, h.n_intervals))
    vol[0, 8], vol[0, 9] = 10, 30  # day 0, 08:00 and 09:00
    vol[1, 8] = 20
    fc = Forecast(h, q, vol, np.full_like(vol, 300))
    agents = [Agent("a", "A", skills=("Tel",)), Agent("b", "B", skills=("Tel", "Mail"))]
    roster = Roster([make_shift(h, "a", date(2027, 5, 3), time(8), 2, "Tel"),
                     make_shift(h, "b", date(2027, 5, 3), time(8), 1, "Mail")])
    wishes = [Wish("a", date(2027, 5, 3), WishKind.WORK, 2), Wish("a", date(2027, 5, 4), WishKind.OFF, 1),
              Wish("b", date(2027, 5, 3), WishKind.OFF, 3, must=True)]
    p = Project("klein", h, q, fc, agents, wishes=wishes, fte_hours=40.0)
    n = h.n_intervals
    sl = np.full((2, n), np.nan)
    sl[0, 8], sl[0, 9], sl[1, 8] = 0.5, 0.9, 1.0
    asa = np.zeros((2, n))
    asa[0, 8], asa[0, 9] = 40.0, 8.0
    occ = np.zeros((2, n))
    occ[0, 8], occ[0, 9], occ[1, 8] = 0.6, 0.9, 0.3
    req = np.zeros((2, n))
    req[0, 8], req[0, 9], req[1, 8] = 2, 3, 1
    data = ExportData(p, roster, required=req, service_level=sl, asa=asa, abandon=np.zeros((2, n)),
                      occupancy=occ, reachability=np.ones((2, n)))
    return p, data


def test_kpis_are_volume_weighted_by_hand(tmp_path: Path) -> None:
    _, data = _tiny_project()
    f = tmp_path / "kpi.xlsx"
    export_planner_workbook(data, f)
    wb = openpyxl.load_workbook(f)
    kpi = {r[0]: r[1] for r in wb["KPI"].iter_rows(min_row=2, max_row=16, values_only=True)}
    # SL: (10·0.5 + 30·0.9 + 20·1.0) / 60
    assert kpi["Service level"] == pytest.approx(52 / 60)
    assert kpi["Gemiddelde wachttijd (ASA, s)"] == pytest.approx((10 * 40 + 30 * 8) / 60)
    # occupancy = handled workload ÷ available agent time: Tel 1 agent × (1 − 25 %) at 08 and 09,
    # Mail 1 agent × (1 − 50 %) at 08
    assert kpi["Bezettingsgraad"] == pytest.approx((0.6 * 0.75 + 0.9 * 0.75 + 0.3 * 0.5) / 2.0)
    # required 6 agent-hours over 8 days → per week 6/(8/7) h ÷ 40 h
    assert kpi["Vereiste FTE"] == pytest.approx(6 / (8 / 7) / 40)
    assert kpi["Ingeplande FTE (diensten)"] == pytest.approx(3 / (8 / 7) / 40)
    # shrinkage: the app's figure as handed over (pipeline decides it; none given here: empty)
    assert kpi["Shrinkage (gepland)"] is None
    # wishes: a WORK granted, a OFF granted (no shift on 4 May), b OFF refused → 2 of 3
    assert kpi["Wensen gehonoreerd"] == pytest.approx(2 / 3)
    assert kpi["Harde wensen gehonoreerd"] == 0
    assert kpi["Eerlijkheid wensen"] == 0  # b got none of their wish weight
    day = [r for r in wb["KPI per dag"].iter_rows(min_row=2, values_only=True)]
    tel_day0 = next(r for r in day if r[0] == datetime(2027, 5, 3) and r[1] == "Tel")
    assert tel_day0[2:11] == pytest.approx([40, 0.8, 16, 0, 0.75, 1, 5, 2, -3])
    # an empty day has no SL (no volume) rather than a made-up number
    assert next(r for r in day if r[0] == datetime(2027, 5, 4) and r[1] == "Tel")[3] is None
    weeks = [r for r in wb["KPI"].iter_rows(min_row=19, values_only=True) if r[0]]
    assert [r[0] for r in weeks] == ["wk 18 (3–9 mei)"] * 3 + ["wk 19 (10 mei)"] * 3
    assert weeks[0][1] == "Alle wachtrijen" and weeks[0][11] == pytest.approx(6 / 40)  # 7 of 7 days


def test_team_workbook_leaves_out_health_data(tmp_path: Path) -> None:
    p = sample_project()
    f = tmp_path / "team.xlsx"
    export_team_workbook(_data(p), f)
    wb = openpyxl.load_workbook(f)
    assert wb.sheetnames == ["Rooster", "Dagdetail", "Legenda"]
    ws = wb["Rooster"]
    assert "Re-integratie" not in [c.value for c in ws[1]]
    texts = {str(c.value) for sheet in wb.worksheets for row in sheet.iter_rows() for c in row if c.value is not None}
    assert UNAVAILABLE_LABEL in texts and REINTEGRATION_LABEL not in texts
    assert "tandarts" not in texts and "afwezig" in texts
    for forbidden in ("09:00-15:00", "Productiviteit", "Eerste ziektedag", "re-integratieplan"):
        assert not any(forbidden in t for t in texts), forbidden
    for row in ws.iter_rows():
        for c in row:
            assert c.border.left.style is None
    # with explicit consent the restrictions come along
    f2 = tmp_path / "team_full.xlsx"
    export_team_workbook(_data(p), f2, include_restrictions=True)
    wb2 = openpyxl.load_workbook(f2)
    assert "Re-integratie" in wb2.sheetnames
    rows = list(wb2["Re-integratie"].iter_rows(min_row=2, values_only=True))
    assert rows[0][0] == "A2" and rows[0][8] == "09:00-15:00" and rows[0][10] == 0.5
    a2_row = next(r for r in wb2["Rooster"].iter_rows(values_only=True) if r[0] == "A2")
    assert "tandarts" in a2_row


def test_team_workbook_omissions_lists_what_is_left_out() -> None:
    p = sample_project()
    out = team_workbook_omissions(p)
    assert any("re-integratieplannen van 1 medewerker" in x for x in out)
    assert any(f"alleen '{UNAVAILABLE_LABEL}'" in x for x in out)
    assert any("tandarts" in x and "afwezig" in x for x in out)
    bare = Project("leeg", p.horizon)
    assert team_workbook_omissions(bare) == [
        "dekking, KPI's, grafieken en regelcontrole (alleen in het plannerswerkboek)"]


def test_export_without_kpi_arrays_and_violations(tmp_path: Path) -> None:
    p = sample_project(days=7)

    class V:  # a Violation-like object
        rule_id = "atw_breaks"
        agent_id = "A1"
        when = datetime(2026, 10, 19, 7, tzinfo=p.horizon.tz)
        message_nl = "=pauze te kort"
        severity = "error"

        @property
        def rule_name_nl(self) -> str:
            return "Pauze"

    data = ExportData(p, p.scenarios[0].roster, violations=[V()])
    f = tmp_path / "x.xlsx"
    export_planner_workbook(data, f)
    wb = openpyxl.load_workbook(f)
    r = list(wb["Regelcontrole"].iter_rows(min_row=2, values_only=True))
    assert r == [("fout", "Pauze", "A1", datetime(2026, 10, 19, 7), "=pauze te kort")]
    assert wb["Regelcontrole"]["E2"].data_type == "s"
    cov = list(wb["Dekking"].iter_rows(min_row=2, max_row=2, values_only=True))[0]
    assert cov[2] == 0 and cov[5] is None  # no requirement given → 0; no prediction → empty


# Words that would tell the team about someone's health (issue 23 item 16): reintegration in
# its Dutch and English spellings, sickness, the Wet verbetering poortwachter, productivity.
HEALTH_WORDS = ("integratie", "integration", "ziek", "sick", "poortwachter", "productiv")


def _all_xml_text(path: Path) -> dict[str, str]:
    """Every part of the xlsx zip as case-folded text: cells, shared strings, comments, defined
    names, document properties and hidden sheets all live in one of these parts."""
    import html
    import unicodedata

    out = {}
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            text = html.unescape(zf.read(name).decode("utf-8", errors="replace"))
            text = unicodedata.normalize("NFKD", text.casefold())
            out[name] = "".join(c for c in text if not unicodedata.combining(c))
    return out


def test_no_health_word_reaches_the_team_workbook_in_any_part(tmp_path: Path) -> None:
    from kcroster.model import Leave

    p = sample_project()
    tz = p.horizon.tz
    a1 = p.agents[0].id
    p.leave = [*p.leave,
               Leave(a1, datetime(2026, 10, 22, 0, 0, tzinfo=tz), datetime(2026, 10, 23, 0, 0, tzinfo=tz),
                     "Ziek"),
               Leave(a1, datetime(2026, 10, 27, 9, 0, tzinfo=tz), datetime(2026, 10, 27, 10, 0, tzinfo=tz),
                     "gesprek Poortwachter"),
               Leave(a1, datetime(2026, 10, 28, 0, 0, tzinfo=tz), datetime(2026, 10, 29, 0, 0, tzinfo=tz),
                     "Reïntegratie")]
    planner, team = tmp_path / "planner.xlsx", tmp_path / "team.xlsx"
    export_planner_workbook(_data(p), planner)
    export_team_workbook(_data(p), team)
    planner_text = " ".join(_all_xml_text(planner).values())
    assert "integratie" in planner_text and "ziek" in planner_text  # the planner keeps reasons
    for part, text in _all_xml_text(team).items():
        for word in HEALTH_WORDS:
            assert word not in text, f"'{word}' in {part}"
    grid = openpyxl.load_workbook(team)["Rooster"]
    assert UNAVAILABLE_LABEL in {c.value for row in grid.iter_rows() for c in row}
