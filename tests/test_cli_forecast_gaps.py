"""``--gaps`` on the commands that read a forecast (issue 24 item 1): a missing interval inside
opening hours is told on stderr with where it is and what was done (interpolated by default,
and the default is said), set to 0 or refused as the planner chooses."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from kcroster.cli import main

SAMPLES = Path(__file__).resolve().parents[1] / "samples"

# A morning on one queue; the 10:00 row (the peak) is missing.
PEAK = {"09:00": 40, "09:15": 44, "09:30": 52, "09:45": 60, "10:15": 64, "10:30": 50}


def _forecast(tmp_path: Path) -> Path:
    lines = ["datum;tijd;wachtrij;volume;aht"]
    lines += [f"01-06-2026;{t};Sales;{v};180" for t, v in PEAK.items()]
    path = tmp_path / "prognose.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _volume_at(path: Path, hhmm: str) -> float:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["time"] == hhmm]
    assert len(rows) == 1
    return float(rows[0]["volume"])


def test_staffing_interpolates_by_default_and_says_so(tmp_path: Path, capsys) -> None:
    out = tmp_path / "bezetting.csv"
    assert main(["staffing", str(_forecast(tmp_path)), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "let op: 1 interval binnen de openingstijden heeft geen waarde" in err
    assert "wachtrij 'Sales' 01-06-2026 10:00: geen regel, hoort tussen rij 5 en 6" in err
    assert "standaard geïnterpoleerd (--gaps interpolate)" in err
    assert _volume_at(out, "10:00") == pytest.approx((60 + 64) / 2)


def test_staffing_gaps_zero(tmp_path: Path, capsys) -> None:
    out = tmp_path / "bezetting.csv"
    assert main(["staffing", str(_forecast(tmp_path)), "-o", str(out), "--gaps", "zero"]) == 0
    err = capsys.readouterr().err
    assert "01-06-2026 10:00" in err and "Op 0 gezet" in err
    assert "standaard" not in err  # the planner chose: no reminder of the default
    assert _volume_at(out, "10:00") == 0
    assert _volume_at(out, "10:15") == 64


def test_staffing_gaps_stop_is_an_input_error_naming_the_gap(tmp_path: Path, capsys) -> None:
    out = tmp_path / "bezetting.csv"
    assert main(["staffing", str(_forecast(tmp_path)), "-o", str(out), "--gaps", "stop"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(
        "fout: bestand prognose.csv: 1 interval binnen de openingstijden heeft geen waarde"
    )
    assert (
        "01-06-2026 10:00" in err
        and "rij 5 en 6" in err
        and "--gaps interpolate of --gaps zero" in err
    )
    assert not out.exists()


def test_plan_commands_take_the_option_and_tell_the_note(tmp_path: Path, capsys) -> None:
    """roster/check/plan read the forecast with the same choice; the note reaches stderr."""
    lines = (SAMPLES / "demo_forecast.csv").read_text(encoding="utf-8").splitlines()
    gap = next(i for i, line in enumerate(lines) if line.startswith("20-04-2027;10:00;"))
    queue = lines[gap].split(";")[2]
    forecast = tmp_path / "demo_gat.csv"
    forecast.write_text("\n".join(lines[:gap] + lines[gap + 1 :]) + "\n", encoding="utf-8")
    agents = SAMPLES / "demo_agents.xlsx"
    roster = tmp_path / "r.csv"
    code = main(
        [
            "roster",
            str(forecast),
            str(agents),
            "-o",
            str(roster),
            "--explain-plan",
            "--gaps",
            "zero",
        ]
    )
    err = capsys.readouterr().err
    assert code == 0
    assert f"wachtrij '{queue}' 20-04-2027 10:00" in err and "Op 0 gezet" in err
    for command in (
        ["check", str(forecast), str(agents), str(roster)],
        ["plan", str(forecast), str(agents), "-o", str(tmp_path / "p.xlsx")],
    ):
        assert main([*command, "--gaps", "stop"]) == 2
        assert f"wachtrij '{queue}' 20-04-2027 10:00" in capsys.readouterr().err
