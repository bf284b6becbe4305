"""``kcroster forecast`` end to end, and the messages for bad history."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest

from kcroster.cli import main
from kcroster.forecasting.synthetic import synthetic_history, synthetic_rates, write_long_csv
from kcroster.io.forecast import load_forecast

START = date(2026, 1, 5)  # Monday


def _history_csv(path, days=56, drop_days=(), seed=0):
    rates = synthetic_rates(START, days, daily_volume=600.0, country=None)
    h = synthetic_history(rates, days, seed=seed)
    for d in drop_days:
        h.offered[:, d] = 0.0
    return write_long_csv(h, path)


def _run(capsys, *argv):
    code = main(["forecast", *map(str, argv)])
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    return code, out.out, out.err


def test_forecast_csv_round_trips_through_the_forecast_importer(tmp_path, capsys):
    src = _history_csv(tmp_path / "historie.csv")
    dst = tmp_path / "prognose.csv"
    code, out, _ = _run(capsys, src, "-o", dst, "--from", "2026-03-02", "--weeks", "2")
    assert code == 0
    for text in (
        "WAPE interval",
        "WAPE dag",
        "zelfde interval vorige week",
        "gemiddelde laatste 4 zelfde weekdagen",
        "Gekozen methode",
    ):
        assert text in out
    f = load_forecast(dst)
    assert f.horizon.start == date(2026, 3, 2) and f.horizon.days in (13, 14)  # closed Sunday
    assert f.queue_names == ["Q1"]
    lines = dst.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "date,time,queue,volume,aht,p10,p90"
    rows = [ln.split(",") for ln in lines[1:]]
    assert f.volume.sum() == pytest.approx(sum(float(r[3]) for r in rows), abs=0.01)
    assert all(float(r[4]) == pytest.approx(240.0) for r in rows)
    # closed intervals get no row: no Sunday, nothing before 08:00 or from 20:00
    days = {date.fromisoformat(r[0]) for r in rows}
    assert all(d.weekday() != 6 for d in days) and len(days) == 12
    assert min(r[1] for r in rows) == "08:00" and max(r[1] for r in rows) == "19:45"
    assert all(float(r[5]) <= float(r[3]) <= float(r[6]) for r in rows)


def test_forecast_xlsx_is_read_back(tmp_path, capsys):
    src = _history_csv(tmp_path / "historie.csv", days=28)
    dst = tmp_path / "prognose.xlsx"
    code, _, _ = _run(
        capsys,
        src,
        "-o",
        dst,
        "--from",
        "02-02-2026",
        "--weeks",
        "1",
        "--method",
        "daymodel",
        "--quantile",
        "0.8",
    )
    assert code == 0
    f = load_forecast(dst)
    assert f.horizon.start == date(2026, 2, 2) and f.volume.sum() > 0


def test_higher_quantile_plans_more(tmp_path, capsys):
    src = _history_csv(tmp_path / "h.csv", days=42)
    totals = []
    for q in ("0.5", "0.9"):
        dst = tmp_path / f"p{q}.csv"
        assert (
            _run(capsys, src, "-o", dst, "--from", "2026-02-16", "--weeks", "1", "--quantile", q)[0]
            == 0
        )
        totals.append(load_forecast(dst).volume.sum())
    assert totals[1] > totals[0]


def test_missing_week_is_named_and_skipped(tmp_path, capsys):
    src = _history_csv(tmp_path / "gat.csv", drop_days=range(14, 21))
    code, out, _ = _run(
        capsys, src, "-o", tmp_path / "p.csv", "--from", "2026-03-02", "--weeks", "1"
    )
    assert code == 0
    assert "gat.csv: Geen gegevens van 19-01-2026 t/m 24-01-2026 (6 dag(en), een hele week)" in out


def test_short_history_falls_back_to_the_baseline(tmp_path, capsys):
    src = _history_csv(tmp_path / "kort.csv", days=10)
    code, out, _ = _run(
        capsys, src, "-o", tmp_path / "p.csv", "--from", "2026-01-15", "--weeks", "1"
    )
    assert code == 0
    assert "Gekozen methode: mean4" in out and "Te weinig historie" in out


def test_too_short_history_is_refused(tmp_path, capsys):
    src = _history_csv(tmp_path / "kort.csv", days=5)
    code, _, err = _run(
        capsys, src, "-o", tmp_path / "p.csv", "--from", "2026-01-10", "--weeks", "1"
    )
    assert code == 2 and "minstens één week" in err


@pytest.mark.parametrize(
    ("line", "expect"),
    [
        ("05-01-2026;08:00;Q1;-3;240", "rij 3, kolom 'D (aanbod)': -3 is negatief"),
        ("05-01-2026;08:15;Q1;4;240", "dubbel interval 05-01-2026 08:15 voor wachtrij 'Q1'"),
        ("05-01-2026;08:75;Q1;4;240", "rij 3"),
    ],
)
def test_bad_history_rows_are_named(tmp_path, capsys, line, expect):
    src = tmp_path / "fout.csv"
    src.write_text(
        "datum;tijd;wachtrij;aanbod;aht\n05-01-2026;08:15;Q1;2;240\n" + line + "\n",
        encoding="utf-8",
    )
    code, out, err = _run(
        capsys, src, "-o", tmp_path / "p.csv", "--from", "2026-02-02", "--weeks", "1"
    )
    assert code == 2 and out == ""
    assert err.startswith("fout: bestand fout.csv") and expect in err
    assert not (tmp_path / "p.csv").exists()


def test_usage_errors_exit_2(tmp_path, capsys):
    src = _history_csv(tmp_path / "h.csv", days=14)
    assert (
        _run(capsys, src, "-o", tmp_path / "p.txt", "--from", "2026-01-19", "--weeks", "1")[0] == 2
    )
    assert (
        _run(capsys, src, "-o", tmp_path / "p.csv", "--from", "19-13-2026", "--weeks", "1")[0] == 2
    )
    assert (
        _run(capsys, src, "-o", tmp_path / "p.csv", "--from", "2026-01-19", "--weeks", "0")[0] == 2
    )
    code, _, err = _run(
        capsys,
        tmp_path / "nee.csv",
        "-o",
        tmp_path / "p.csv",
        "--from",
        "2026-01-19",
        "--weeks",
        "1",
    )
    assert code == 2 and "nee.csv" in err


def test_without_statsmodels_ets_falls_back_with_a_notice(tmp_path, capsys, monkeypatch):
    import kcroster.forecasting.engine as engine

    monkeypatch.setattr(engine, "statsmodels_available", lambda: False)
    src = _history_csv(tmp_path / "h.csv", days=56)
    code, out, _ = _run(
        capsys,
        src,
        "-o",
        tmp_path / "p.csv",
        "--from",
        "2026-03-02",
        "--weeks",
        "1",
        "--method",
        "ets",
    )
    assert code == 0
    assert "statsmodels" in out and "Gekozen methode: daymodel" in out
    code, out, _ = _run(
        capsys, src, "-o", tmp_path / "p.csv", "--from", "2026-03-02", "--weeks", "1"
    )
    assert code == 0 and "'ets' is niet meegenomen" in out
    assert "exponential smoothing" not in out


def test_call_by_call_history_through_the_cli(tmp_path, capsys):
    rng = np.random.default_rng(1)
    rows = ["Aankomst;Wachtrij;Wachttijd;Afhandeltijd;Uitkomst"]
    for d in range(21):
        day = START + timedelta(days=d)
        if day.weekday() == 6:
            continue
        for sec in np.sort(rng.integers(9 * 3600, 17 * 3600, 120)).tolist():
            rows.append(
                f"{day:%d-%m-%Y} {sec // 3600:02d}:{sec // 60 % 60:02d}:{sec % 60:02d};"
                f"Service;{rng.integers(0, 60)};{rng.integers(100, 300)};beantwoord"
            )
    src = tmp_path / "acd.csv"
    src.write_bytes(("\n".join(rows) + "\n").encode("cp1252"))
    dst = tmp_path / "p.csv"
    code, out, _ = _run(capsys, src, "-o", dst, "--from", "2026-01-26", "--weeks", "1")
    assert code == 0 and "Service: AHT" in out
    f = load_forecast(dst)
    assert f.queue_names == ["Service"] and 180 <= f.aht[f.volume > 0].mean() <= 220
