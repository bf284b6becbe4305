"""Every bad forecast input gives a KcrosterInputError naming file, sheet, row and column."""

from __future__ import annotations

from pathlib import Path

import pytest
from forecast_helpers import day_rows, long_xlsx, quarter_times, write_csv, write_xlsx

from kcroster.io.forecast import load_forecast
from kcroster.model import KcrosterInputError

GOOD = ["2026-06-01", "08:00", "A", 10, 180]


def _error(path: Path, **kwargs) -> KcrosterInputError:
    with pytest.raises(KcrosterInputError) as e:
        load_forecast(path, **kwargs)
    err = e.value
    # The full message always carries the location it names.
    msg = str(err)
    for part in (err.file, err.sheet, err.column):
        if part:
            assert part in msg
    if err.row is not None:
        assert f"rij {err.row}" in msg
    return err


def _where(err: KcrosterInputError) -> tuple:
    return err.file, err.sheet, err.row, err.column


def test_missing_column(tmp_path: Path) -> None:
    err = _error(long_xlsx(tmp_path / "m.xlsx", [["2026-06-01", "08:00", "A", 180]],
                           header=["date", "time", "queue", "aht"]))
    assert _where(err) == ("m.xlsx", "Forecast", 1, "volume")
    assert "kolom 'volume'" in err.reason and "ontbreekt" in err.reason


def test_missing_column_in_csv(tmp_path: Path) -> None:
    err = _error(write_csv(tmp_path / "m.csv", ["datum;tijd;aanbod", "01-06-2026;08:00;1"]))
    assert err.file == "m.csv" and err.row == 1 and "ontbreekt" in err.reason


def test_text_in_a_number_column(tmp_path: Path) -> None:
    err = _error(long_xlsx(tmp_path / "t.xlsx", [GOOD, ["2026-06-01", "08:15", "A", "tien", 180]]))
    assert _where(err) == ("t.xlsx", "Forecast", 3, "D (volume)")
    assert "'tien' is geen getal" in err.reason


def test_negative_volume(tmp_path: Path) -> None:
    err = _error(long_xlsx(tmp_path / "n.xlsx", [GOOD, ["2026-06-01", "08:15", "A", -3, 180]]))
    assert _where(err) == ("n.xlsx", "Forecast", 3, "D (volume)") and "negatief" in err.reason


@pytest.mark.parametrize("nan", ["NaN", "nan", "#N/A", "inf"])
def test_nan_volume(tmp_path: Path, nan: str) -> None:
    err = _error(long_xlsx(tmp_path / "nan.xlsx", [["2026-06-01", "08:15", "A", nan, 180]]))
    assert _where(err) == ("nan.xlsx", "Forecast", 2, "D (volume)")


def test_nan_volume_in_csv(tmp_path: Path) -> None:
    err = _error(write_csv(tmp_path / "nan.csv", ["date;time;queue;volume;aht", "2026-06-01;08:00;A;NaN;180"]))
    assert (err.file, err.sheet, err.row, err.column) == ("nan.csv", None, 2, "D (volume)")


@pytest.mark.parametrize("aht", [0, -5, None])
def test_aht_not_positive_with_volume(tmp_path: Path, aht) -> None:
    err = _error(long_xlsx(tmp_path / "a.xlsx", [GOOD, ["2026-06-01", "08:15", "A", 4, aht]]))
    assert _where(err) == ("a.xlsx", "Forecast", 3, "E (aht)")


def test_aht_zero_with_zero_volume_is_fine(tmp_path: Path) -> None:
    fc = load_forecast(long_xlsx(tmp_path / "ok.xlsx", [GOOD, ["2026-06-01", "08:15", "A", 0, 0]]))
    assert fc.volume.sum() == 10


def test_duplicate_interval_names_both_rows(tmp_path: Path) -> None:
    rows = [GOOD, ["2026-06-01", "08:15", "A", 1, 180], ["2026-06-01", "08:00", "A", 2, 180]]
    err = _error(long_xlsx(tmp_path / "d.xlsx", rows))
    assert _where(err) == ("d.xlsx", "Forecast", 4, "B (time)")
    assert "dubbel interval" in err.reason and "rij 2" in err.reason


def test_time_off_the_interval_grid(tmp_path: Path) -> None:
    err = _error(long_xlsx(tmp_path / "g.xlsx", [GOOD, ["2026-06-01", "08:05", "A", 1, 180]]))
    assert _where(err) == ("g.xlsx", "Forecast", 3, "B (time)") and "08:05" in err.reason


def test_time_off_an_explicit_interval_grid(tmp_path: Path) -> None:
    err = _error(long_xlsx(tmp_path / "g.xlsx", [GOOD, ["2026-06-01", "08:15", "A", 1, 180]]), interval_minutes=30)
    assert _where(err) == ("g.xlsx", "Forecast", 3, "B (time)") and "30 minuten" in err.reason


def test_non_existent_local_time(tmp_path: Path) -> None:
    err = _error(long_xlsx(tmp_path / "s.xlsx", day_rows("29-03-2026", "A", ["01:45", "02:15"])))
    assert _where(err) == ("s.xlsx", "Forecast", 3, "B (time)") and "bestaat niet" in err.reason


def test_mixed_interval_lengths(tmp_path: Path) -> None:
    rows = day_rows("2026-06-01", "A", quarter_times(8, 12))
    rows += day_rows("2026-06-02", "A", [f"{h:02d}:{m:02d}" for h in range(8, 13) for m in (0, 30)])
    err = _error(long_xlsx(tmp_path / "x.xlsx", rows))
    assert _where(err) == ("x.xlsx", "Forecast", 18, "B (time)")
    assert "wisselende intervallengte" in err.reason and "30 minuten" in err.reason


def test_coarser_file_than_requested_interval(tmp_path: Path) -> None:
    rows = day_rows("2026-06-01", "A", [f"{h:02d}:{m:02d}" for h in range(8, 13) for m in (0, 30)])
    err = _error(long_xlsx(tmp_path / "c.xlsx", rows), interval_minutes=15)
    assert "--interval 30" in err.reason


def test_unknown_queue(tmp_path: Path) -> None:
    rows = [GOOD, ["2026-06-01", "08:00", "Onbekend", 1, 180]]
    err = _error(long_xlsx(tmp_path / "u.xlsx", rows, queues=[["queue"], ["A"]]))
    assert _where(err) == ("u.xlsx", "Forecast", 3, "C (queue)")
    assert "onbekende wachtrij 'Onbekend'" in err.reason and "Queues" in err.reason


def test_empty_queue_name(tmp_path: Path) -> None:
    err = _error(long_xlsx(tmp_path / "e.xlsx", [GOOD, ["2026-06-01", "08:15", None, 1, 180]]))
    assert _where(err) == ("e.xlsx", "Forecast", 3, "C (queue)")


def test_bad_date(tmp_path: Path) -> None:
    err = _error(long_xlsx(tmp_path / "bd.xlsx", [GOOD, ["31-02-2026", "08:15", "A", 1, 180]]))
    assert _where(err) == ("bd.xlsx", "Forecast", 3, "A (date)") and "geen datum" in err.reason


def test_bad_queue_setting(tmp_path: Path) -> None:
    queues = [["queue", "shrinkage", "opening_hours"], ["A", "veel", None]]
    err = _error(long_xlsx(tmp_path / "qs.xlsx", [GOOD], queues=queues))
    assert _where(err) == ("qs.xlsx", "Queues", 2, "B (shrinkage)")
    queues = [["queue", "shrinkage", "opening_hours"], ["A", 0.3, "ma-vr 20:00-08:00"]]
    err = _error(long_xlsx(tmp_path / "qs2.xlsx", [GOOD], queues=queues))
    assert _where(err) == ("qs2.xlsx", "Queues", 2, "C (opening_hours)") and "eindtijd" in err.reason


def test_bad_cli_default() -> None:
    with pytest.raises(KcrosterInputError, match="shrinkage"):
        load_forecast("nergens.csv", queue_defaults={"shrinkage": "veel"})


@pytest.mark.parametrize("name", ["leeg.xlsx", "leeg.csv"])
def test_empty_file(tmp_path: Path, name: str) -> None:
    p = tmp_path / name
    p.write_bytes(b"")
    err = _error(p)
    assert err.file == name and "leeg" in err.reason


def test_header_only_files(tmp_path: Path) -> None:
    err = _error(write_csv(tmp_path / "h.csv", ["date;time;queue;volume;aht"]))
    assert err.file == "h.csv"
    err = _error(long_xlsx(tmp_path / "h.xlsx", []))
    assert err.file == "h.xlsx"


def test_not_a_workbook(tmp_path: Path) -> None:
    p = tmp_path / "nep.xlsx"
    p.write_text("dit is geen werkmap", encoding="utf-8")
    err = _error(p)
    assert err.file == "nep.xlsx" and "is geen Excel-werkmap (.xlsx)" in err.reason


def test_missing_file(tmp_path: Path) -> None:
    err = _error(tmp_path / "weg.csv")
    assert err.file == "weg.csv" and "bestaat niet" in err.reason


def test_workbook_without_any_forecast(tmp_path: Path) -> None:
    err = _error(write_xlsx(tmp_path / "niks.xlsx", {"Blad1": [["hallo"]], "Blad2": [["wereld"]]}))
    assert err.file == "niks.xlsx" and "geen prognose gevonden" in err.reason
    # With a single sheet the message names the first missing column instead.
    err = _error(write_xlsx(tmp_path / "een.xlsx", {"Blad1": [["datum", "tijd", "wachtrij", "volumes"]]}))
    assert _where(err) == ("een.xlsx", "Blad1", 1, "volume") and "ontbreekt" in err.reason
