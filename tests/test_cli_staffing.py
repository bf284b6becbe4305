"""``kcroster staffing``: help, exit codes, CSV/xlsx output checked against published Erlang values."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import openpyxl
import pytest

from kcroster.cli import build_parser, main

SAMPLES = Path(__file__).resolve().parents[1] / "samples"

# docs/design.md §9: 100 calls per 30 min, AHT 180 s, 80 % in 20 s → N = 14, P(wait) 0.17413,
# SL 0.88835, ASA 7.84 s, occupancy 0.71429; with 30 % shrinkage 20 scheduled.
REFERENCE_CSV = "date;time;queue;volume;aht\n2026-06-01;08:00;Sales;100;180\n2026-06-01;08:30;Sales;0;180\n"


def _forecast(tmp_path: Path, text: str = REFERENCE_CSV, name: str = "prognose.csv") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_help_lists_the_command_and_every_option(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "staffing" in out
    assert main(["staffing", "--help"]) == 0
    out = capsys.readouterr().out
    for option in ("FORECAST", "-o", "--interval", "--sl", "--asa", "--max-occupancy", "--shrinkage", "--patience"):
        assert option in out
    assert "Erlang A" in out and "80/20" in out


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "staffing" in capsys.readouterr().err


def test_parser_registers_subcommands_in_one_place() -> None:
    from kcroster import cli

    sub = next(a for a in build_parser()._actions if a.__class__.__name__ == "_SubParsersAction")
    assert "staffing" in sub.choices
    assert cli.add_staffing_parser in cli.SUBCOMMANDS


def test_csv_output_matches_published_erlang_c_values(tmp_path: Path) -> None:
    out = tmp_path / "bezetting.csv"
    assert main(["staffing", str(_forecast(tmp_path)), "-o", str(out), "--interval", "30",
                 "--sl", "80/20", "--shrinkage", "0.30"]) == 0
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0].keys()) == [
        "date", "time", "queue", "volume", "aht", "traffic", "agents", "scheduled",
        "service_level", "asa", "occupancy", "abandon", "reachability",
    ]
    assert len(rows) == 48  # one queue × one day of 30-minute intervals
    r = next(r for r in rows if r["time"] == "08:00")
    assert (r["date"], r["queue"]) == ("2026-06-01", "Sales")
    assert float(r["volume"]) == 100 and float(r["aht"]) == 180
    assert float(r["traffic"]) == pytest.approx(10.0)
    assert int(r["agents"]) == 14
    assert float(r["scheduled"]) == pytest.approx(20.0)
    assert float(r["service_level"]) == pytest.approx(0.88835, abs=5e-5)
    assert float(r["asa"]) == pytest.approx(7.84, abs=0.01)
    assert float(r["occupancy"]) == pytest.approx(0.71429, abs=5e-5)
    assert "," not in r["traffic"] and "," not in r["service_level"]  # '.' decimals
    quiet = next(r for r in rows if r["time"] == "10:00")
    assert int(quiet["agents"]) == 0


def test_max_occupancy_option_changes_the_requirement(tmp_path: Path) -> None:
    out = tmp_path / "b.csv"
    assert main(["staffing", str(_forecast(tmp_path)), "-o", str(out), "--interval", "30",
                 "--max-occupancy", "0.70"]) == 0
    with out.open(encoding="utf-8") as fh:
        r = next(r for r in csv.DictReader(fh) if r["time"] == "08:00")
    assert int(r["agents"]) == 15  # docs/design.md §9: occupancy cap 0.70 → N = 15, SL 0.941
    assert float(r["service_level"]) == pytest.approx(0.941, abs=5e-4)


def test_xlsx_output_is_formatted_with_a_daily_summary(tmp_path: Path) -> None:
    out = tmp_path / "bezetting.xlsx"
    assert main(["staffing", str(_forecast(tmp_path)), "-o", str(out), "--interval", "30",
                 "--shrinkage", "30%"]) == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Dagoverzicht", "Sales"]
    ws = wb["Sales"]
    assert ws.freeze_panes == "C2" and ws.auto_filter.ref.startswith("A1:")
    header = [c.value for c in ws[1]]
    assert header[:2] == ["datum", "tijd"] and "agents nodig" in header
    row = next(r for r in ws.iter_rows(min_row=2) if r[1].value == "08:00")
    values = {h: c for h, c in zip(header, row, strict=False)}
    assert values["agents nodig"].value == 14
    assert values["service level"].number_format == "0.0%"
    assert values["datum"].number_format == "DD-MM-YYYY"
    day = wb["Dagoverzicht"]
    assert day.freeze_panes == "A2"
    s = [c.value for c in day[2]]
    # volume 100, workload 100×180 s = 5 h, required 14 × ½ h = 7, scheduled 20 × ½ h = 10,
    # FTE 10 / 7.2, SL weighted by volume = the one interval's.
    assert s[1] == "Sales" and s[2] == pytest.approx(100)
    assert s[3] == pytest.approx(5.0) and s[4] == pytest.approx(7.0) and s[5] == pytest.approx(10.0)
    assert s[6] == pytest.approx(10 / 7.2) and s[7] == pytest.approx(0.88835, abs=5e-5)


def test_formula_like_queue_names_are_inert(tmp_path: Path) -> None:
    text = REFERENCE_CSV.replace("Sales", "=HYPERLINK(\"http://x\")")
    f = _forecast(tmp_path, text.replace(";", "\t"))
    out_csv = tmp_path / "b.csv"
    assert main(["staffing", str(f), "-o", str(out_csv), "--interval", "30"]) == 0
    with out_csv.open(encoding="utf-8") as fh:
        r = next(csv.DictReader(fh))
    assert r["queue"].startswith("'=")
    out_x = tmp_path / "b.xlsx"
    assert main(["staffing", str(f), "-o", str(out_x), "--interval", "30"]) == 0
    with zipfile.ZipFile(out_x) as zf:
        assert not any(b"<f>" in zf.read(n) for n in zf.namelist() if n.startswith("xl/worksheets/"))


def test_bad_input_exits_2_with_a_located_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = _forecast(tmp_path, REFERENCE_CSV.replace(";100;", ";honderd;"), "kapot.csv")
    assert main(["staffing", str(bad), "-o", str(tmp_path / "x.csv")]) == 2
    err = capsys.readouterr().err
    assert "kapot.csv" in err and "rij 2" in err and "volume" in err and "Traceback" not in err
    assert not (tmp_path / "x.csv").exists()
    assert main(["staffing", str(tmp_path / "weg.xlsx")]) == 2
    assert "weg.xlsx" in capsys.readouterr().err
    assert main(["staffing", str(_forecast(tmp_path)), "-o", str(tmp_path / "x.pdf")]) == 2
    assert ".xlsx of .csv" in capsys.readouterr().err


@pytest.mark.parametrize("option", [["--sl", "80"], ["--sl", "120/20"], ["--shrinkage", "veel"], ["--interval", "20"]])
def test_bad_options_exit_2(tmp_path: Path, option: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["staffing", str(_forecast(tmp_path)), *option]) == 2
    assert capsys.readouterr().err


def test_default_output_next_to_the_forecast(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = _forecast(tmp_path)
    assert main(["staffing", str(f), "--interval", "30"]) == 0
    assert (tmp_path / "prognose-bezetting.xlsx").exists()
    assert "Sales" in capsys.readouterr().out


def test_demo_forecast_end_to_end(tmp_path: Path) -> None:
    from kcroster import pipeline
    from kcroster.io.staffing_export import daily_summary

    project = pipeline.import_forecast(None, SAMPLES / "demo_forecast.xlsx")
    fc = project.forecast
    req = pipeline.compute_requirement(project)
    peaks = {q.name: int(req.agents[i].max()) for i, q in enumerate(fc.queues)}
    # Sized for a team of ~60 (see samples/make_demo_forecast.py).
    assert 24 <= peaks["Telefonie"] <= 34
    assert 5 <= peaks["Chat"] <= 12
    # Closed on Koningsdag: no agents needed for the phone.
    k = fc.horizon.day_slice(fc.horizon.day_index(__import__("datetime").date(2027, 4, 27)))
    assert req.agents[0, k].sum() == 0
    summary = daily_summary(fc, req)
    assert len(summary) == 28 * 3
    out = tmp_path / "demo.xlsx"
    assert main(["staffing", str(SAMPLES / "demo_forecast.xlsx"), "-o", str(out)]) == 0
    assert openpyxl.load_workbook(out, read_only=True).sheetnames == ["Dagoverzicht", "Telefonie", "Chat", "E-mail"]


# ---------------------------------------------------------------------------- export without the engine


def _hand_forecast():
    from datetime import date as _date

    import numpy as np

    from kcroster.model import Forecast, Horizon, Queue

    h = Horizon(start=_date(2026, 6, 1), days=2, interval_minutes=60)
    vol = np.zeros((2, 48))
    vol[0, 8] = 30  # day 1, 08:00
    vol[0, 9] = 10
    vol[1, 24 + 10] = 6  # day 2, 10:00
    aht = np.full((2, 48), 240.0)
    return Forecast(horizon=h, queues=[Queue("Tel"), Queue("=Mail")], volume=vol, aht=aht)


def _hand_requirement(fc):
    from types import SimpleNamespace

    import numpy as np

    shape = fc.volume.shape
    agents = np.zeros(shape)
    agents[0, 8], agents[0, 9], agents[1, 34] = 4, 2, 3
    sl = np.full(shape, np.nan)
    sl[0, 8], sl[0, 9], sl[1, 34] = 0.9, 0.7, 0.8
    return SimpleNamespace(
        traffic=fc.volume * fc.aht / 3600, agents=agents, scheduled=agents / 0.7, service_level=sl,
        asa=np.full(shape, np.nan), occupancy=np.zeros(shape), abandon=None, reachability=None,
    )


def test_daily_summary_by_hand() -> None:
    from kcroster.io.staffing_export import daily_summary

    fc = _hand_forecast()
    s = daily_summary(fc, _hand_requirement(fc))
    assert [(x.day.day, x.queue) for x in s] == [(1, "Tel"), (1, "=Mail"), (2, "Tel"), (2, "=Mail")]
    tel1 = s[0]
    assert tel1.volume == 40
    assert tel1.workload_hours == pytest.approx(40 * 240 / 3600)
    assert tel1.required_hours == pytest.approx(6.0)  # 4 + 2 agents × 1 h
    assert tel1.scheduled_hours == pytest.approx(6 / 0.7)
    assert tel1.fte == pytest.approx(6 / 0.7 / 7.2)
    assert tel1.service_level == pytest.approx((0.9 * 30 + 0.7 * 10) / 40)  # weighted by volume
    assert s[2].volume == 0 and s[2].service_level is None


def test_csv_export_formats_and_blanks(tmp_path: Path) -> None:
    from kcroster.io.staffing_export import write_staffing

    fc = _hand_forecast()
    out = write_staffing(fc, _hand_requirement(fc), tmp_path / "b.csv")
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 2 * 48
    r = rows[8]
    assert (r["date"], r["time"], r["queue"], r["agents"]) == ("2026-06-01", "08:00", "Tel", "4")
    assert r["service_level"] == "0.9" and r["asa"] == "" and r["abandon"] == ""
    assert rows[48]["queue"] == "'=Mail"  # formula injection neutralised


def test_xlsx_export_sanitises_sheet_titles(tmp_path: Path) -> None:
    from kcroster.io.staffing_export import write_staffing

    fc = _hand_forecast()
    fc.queues[1].name = "E/mail: [NL]?"
    out = write_staffing(fc, _hand_requirement(fc), tmp_path / "b.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Dagoverzicht", "Tel", "E_mail_ _NL__"]
    assert wb["Dagoverzicht"].max_row == 1 + 4


def test_a_project_is_staffed_for_its_active_scenario(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``kcroster staffing plan.kcroster`` goes through pipeline.compute_requirement: the active
    scenario's volume factor and service target reach the export, and FTE follow the project's
    basis (``fte_hours``), as on the Bezetting and Dekking screens."""
    from kcroster import pipeline

    project = pipeline.import_forecast(None, _forecast(tmp_path), interval_minutes=30,
                                       queue_defaults={"shrinkage": 0.30})
    project.scenario.volume_factor = 2.0
    project.fte_hours = 40.0
    saved = tmp_path / "plan.kcroster"
    pipeline.save_project(project, saved)
    out = tmp_path / "plan.csv"
    assert main(["staffing", str(saved), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    with out.open(encoding="utf-8") as fh:
        r = next(r for r in csv.DictReader(fh) if r["time"] == "08:00")
    assert float(r["volume"]) == 200  # the scenario's volume, and its requirement
    expected = pipeline.compute_requirement(project)
    assert int(r["agents"]) == int(expected.agents[0, 16]) > 14
    # FTE per week: scheduled hours over one day ÷ (1/7 week) ÷ 40 h
    fte = float(expected.scheduled[0].sum()) * 0.5 * 7 / 40.0
    assert f"gemiddeld {fte:.1f} FTE per week" in printed
    # the queue options belong to a forecast file: a project has its own settings
    assert main(["staffing", str(saved), "--sl", "90/10", "-o", str(out)]) == 2
    assert "--sl geldt voor een prognosebestand" in capsys.readouterr().err
