"""Gaps in a forecast (issue 24 item 1): an interval inside opening hours without a value is
reported with where it is in the file and handled by the planner's choice (interpolate, zero,
stop) — never read as zero silently. An explicit 0 is a value, and outside opening hours a
missing row is simply a closed interval."""

from __future__ import annotations

import copy
from datetime import date, time
from pathlib import Path

import pytest
from forecast_helpers import LONG_HEADER, long_xlsx, quarter_times, write_csv, write_xlsx

from kcroster.io.forecast import (
    ForecastGapsError,
    apply_gap_policy,
    gap_report,
    load_forecast,
)
from kcroster.model import KcrosterInputError

MONDAY = date(2026, 3, 2)


def _k(fc, day: date, hhmm: str) -> int:
    h, m = map(int, hhmm.split(":"))
    return fc.horizon.index_at(day, time(h, m))


def _volume(i: int) -> float:
    """A morning peak: 10, 14, 18, … rising by 4 per quarter hour."""
    return 10.0 + 4 * i


def _long_lines(day: date, times: list[str], skip: set[str], queue: str = "Service") -> list[str]:
    return [
        f"{day.strftime('%d-%m-%Y')};{t};{queue};{_volume(i):g};300"
        for i, t in enumerate(times)
        if t not in skip
    ]


def test_missing_peak_row_in_a_csv_is_a_located_gap_interpolated_by_default(tmp_path: Path) -> None:
    times = quarter_times(8, 12)
    path = write_csv(
        tmp_path / "prognose.csv",
        ["datum;tijd;wachtrij;volume;aht", *_long_lines(MONDAY, times, {"10:00"})],
    )
    fc = load_forecast(path)
    report = gap_report(fc)
    assert report is not None and report.count == 1
    gap = report.gaps[0]
    assert (gap.queue, gap.day, gap.time) == ("Service", MONDAY, "10:00")
    # 09:45 is data line 8 (file row 9), 10:15 the next line in the file (row 10)
    assert (gap.file, gap.after_row, gap.before_row, gap.row) == ("prognose.csv", 9, 10, None)
    # linear between 09:45 (10 + 4·7 = 38) and 10:15 (10 + 4·9 = 46)
    assert fc.volume[0, _k(fc, MONDAY, "10:00")] == pytest.approx(42.0)
    assert fc.aht[0, _k(fc, MONDAY, "10:00")] == pytest.approx(300.0)
    note = str(report)
    assert "1 interval binnen de openingstijden" in note and "02-03-2026 10:00" in note
    assert "tussen rij 9 en 10" in note and "Geïnterpoleerd" in note
    assert fc.notes == [note]


def test_opening_hours_explicit_zero_and_outside_hours_in_xlsx(tmp_path: Path) -> None:
    rows = []
    for i, t in enumerate(quarter_times(7, 12)):
        if t in ("07:00", "07:15", "10:00", "10:15"):  # 07:xx is before opening: not a gap
            continue
        rows.append(
            [MONDAY, t, "Service", 0 if t == "09:00" else _volume(i), 200 if t < "10:00" else 400]
        )
    queues = [["queue", "opening_hours"], ["Service", "ma-vr 08:00-12:00"]]
    fc = load_forecast(long_xlsx(tmp_path / "f.xlsx", rows, queues=queues))
    report = gap_report(fc)
    assert [(g.day, g.time) for g in report.gaps] == [(MONDAY, "10:00"), (MONDAY, "10:15")]
    assert report.gaps[0].sheet == "Forecast"
    assert fc.volume[0, _k(fc, MONDAY, "09:00")] == 0  # explicit zero kept, not a gap
    # 09:45 is index 11 (10 + 44 = 54), 10:30 index 14 (66): a third and two thirds of the way
    assert fc.volume[0, _k(fc, MONDAY, "10:00")] == pytest.approx(58.0)
    assert fc.volume[0, _k(fc, MONDAY, "10:15")] == pytest.approx(62.0)
    # AHT the same way: 200 at 09:45, 400 at 10:30
    assert fc.aht[0, _k(fc, MONDAY, "10:00")] == pytest.approx(200 + 200 / 3)
    assert fc.aht[0, _k(fc, MONDAY, "10:15")] == pytest.approx(200 + 400 / 3)
    # Tuesday to Sunday (no rows at all in the file) are gaps only where the queue is open
    assert all(g.day == MONDAY for g in report.gaps)


def test_day_edge_takes_the_same_weekday_in_the_neighbouring_weeks(tmp_path: Path) -> None:
    mondays = [date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 16)]
    times = ["08:00", "08:15", "08:30", "08:45"]
    value = {0: [12, 30, 31, 40], 1: [None, 33, 34, 42], 2: [20, 36, 37, None]}
    rows = [
        [d, t, "Service", value[w][i], 180]
        for w, d in enumerate(mondays)
        for i, t in enumerate(times)
        if value[w][i] is not None
    ]
    queues = [["queue", "opening_hours"], ["Service", "ma 08:00-09:00"]]
    fc = load_forecast(long_xlsx(tmp_path / "w.xlsx", rows, queues=queues))
    assert gap_report(fc).count == 2
    # week 2 08:00: the first interval of the day, so the mean of weeks 1 and 3 at 08:00
    assert fc.volume[0, _k(fc, mondays[1], "08:00")] == pytest.approx((12 + 20) / 2)
    # week 3 08:45: the last interval; week 4 is outside the file, week 2 has 42
    assert fc.volume[0, _k(fc, mondays[2], "08:45")] == pytest.approx(42.0)


def test_day_edge_without_other_weeks_takes_the_nearest_value_of_the_day(tmp_path: Path) -> None:
    rows = [[MONDAY, t, "Service", v, 180] for t, v in (("08:15", 7), ("08:30", 9))]
    queues = [["queue", "opening_hours"], ["Service", "ma 08:00-09:00"]]
    fc = load_forecast(long_xlsx(tmp_path / "e.xlsx", rows, queues=queues))
    assert [g.time for g in gap_report(fc).gaps] == ["08:00", "08:45"]
    assert fc.volume[0, _k(fc, MONDAY, "08:00")] == 7
    assert fc.volume[0, _k(fc, MONDAY, "08:45")] == 9


def test_zero_policy_sets_the_gap_to_zero_and_says_so(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "p.csv",
        ["date;time;queue;volume;aht", *_long_lines(MONDAY, quarter_times(8, 12), {"10:00"})],
    )
    fc = load_forecast(path, gaps="zero")
    assert fc.volume[0, _k(fc, MONDAY, "10:00")] == 0
    assert fc.volume[0, _k(fc, MONDAY, "10:15")] == 46
    assert len(fc.notes) == 1 and "Op 0 gezet" in fc.notes[0] and "02-03-2026 10:00" in fc.notes[0]


def test_stop_is_a_located_error_with_the_first_gaps_and_the_count(tmp_path: Path) -> None:
    missing = {"08:30", "09:00", "09:15", "09:30", "10:00", "10:30", "11:00"}
    path = write_csv(
        tmp_path / "p.csv",
        ["date;time;queue;volume;aht", *_long_lines(MONDAY, quarter_times(8, 12), missing)],
    )
    with pytest.raises(ForecastGapsError) as info:
        load_forecast(path, gaps="stop")
    exc = info.value
    assert isinstance(exc, KcrosterInputError) and exc.file == "p.csv"
    assert len(exc.gaps) == 7
    text = str(exc)
    assert text.startswith(
        "bestand p.csv: 7 intervallen binnen de openingstijden hebben geen waarde"
    )
    assert "wachtrij 'Service' 02-03-2026 08:30: geen regel, hoort tussen rij 3 en 4" in text
    assert "02-03-2026 10:00" in text and "02-03-2026 10:30" not in text  # the first five only
    assert "en nog 2" in text


def test_unknown_policy_is_an_input_error(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "p.csv", ["date;time;queue;volume;aht", "02-03-2026;08:00;A;1;60"])
    with pytest.raises(KcrosterInputError, match="interpolate, zero of stop"):
        load_forecast(path, gaps="guess")


def _wide(days: list[date], times: list[str], value) -> list[list]:
    return [
        ["tijd", *days],
        *[[t, *[value(i, j) for j in range(len(days))]] for i, t in enumerate(times)],
    ]


def test_wide_xlsx_empty_cell_is_a_gap_at_its_cell_an_explicit_zero_is_not(tmp_path: Path) -> None:
    days = [date(2026, 6, 1), date(2026, 6, 2)]
    times = quarter_times(8, 10)
    grid = {(3, 1): None, (5, 1): 0}  # 08:45 on 2 June empty, 09:15 on 2 June an explicit 0

    def value(i: int, j: int):
        return grid.get((i, j), 10 + i)

    sheets = {"Chat": _wide(days, times, value), "Queues": [["queue", "aht"], ["Chat", 240]]}
    fc = load_forecast(write_xlsx(tmp_path / "wide.xlsx", sheets))
    report = gap_report(fc)
    assert report.count == 1
    gap = report.gaps[0]
    # row 1 is the header, 08:45 the fourth time: row 5; 2 June the second date: column C
    assert (gap.queue, gap.day, gap.time, gap.sheet, gap.row, gap.column) == (
        "Chat",
        date(2026, 6, 2),
        "08:45",
        "Chat",
        5,
        "C",
    )
    assert "lege cel op blad 'Chat', rij 5, kolom C" in str(report)
    assert fc.volume[0, _k(fc, date(2026, 6, 2), "08:45")] == pytest.approx(13.0)  # (12 + 14) / 2
    assert fc.volume[0, _k(fc, date(2026, 6, 2), "09:15")] == 0


def test_wide_csv_missing_time_row_and_empty_cell(tmp_path: Path) -> None:
    lines = ["tijd;01-06-2026;02-06-2026"]
    for i, t in enumerate(quarter_times(8, 10)):
        if t == "09:00":
            continue  # the whole 09:00 row deleted: a gap on both days
        second = "" if t == "08:30" else str(20 + i)
        lines.append(f"{t};{10 + i};{second}")
    fc = load_forecast(write_csv(tmp_path / "Chat.csv", lines), queue_defaults={"aht": 200})
    report = gap_report(fc)
    assert [(g.day, g.time) for g in report.gaps] == [
        (date(2026, 6, 1), "09:00"),
        (date(2026, 6, 2), "08:30"),
        (date(2026, 6, 2), "09:00"),
    ]
    first = report.gaps[0]
    # 08:45 is on file row 5, 09:15 on row 6; the 1 June column is B
    assert (first.row, first.after_row, first.before_row, first.column) == (None, 5, 6, "B")
    assert report.gaps[1].row == 4 and report.gaps[1].column == "C"
    assert fc.volume[0, _k(fc, date(2026, 6, 1), "09:00")] == pytest.approx(14.0)  # (13 + 15) / 2
    assert fc.volume[0, _k(fc, date(2026, 6, 2), "08:30")] == pytest.approx(22.0)  # (21 + 23) / 2
    assert fc.volume[0, _k(fc, date(2026, 6, 2), "09:00")] == pytest.approx(24.0)  # (23 + 25) / 2


def test_queue_without_rows_is_not_a_gap(tmp_path: Path) -> None:
    rows = [[MONDAY, t, "A", 5, 100] for t in quarter_times(8, 9)]
    queues = [["queue", "opening_hours"], ["A", "ma 08:00-09:00"], ["B", "ma 08:00-09:00"]]
    fc = load_forecast(long_xlsx(tmp_path / "q.xlsx", rows, queues=queues))
    assert gap_report(fc) is None
    assert any("'B'" in n and "geen prognose" in n for n in fc.notes)


def test_apply_gap_policy_switches_a_loaded_forecast_and_its_note(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "p.csv",
        ["date;time;queue;volume;aht", *_long_lines(MONDAY, quarter_times(8, 12), {"10:00"})],
    )
    interpolated = load_forecast(path)
    zeroed = apply_gap_policy(copy.deepcopy(interpolated), "zero")  # as the GUI does on its copy
    k = _k(zeroed, MONDAY, "10:00")
    assert zeroed.volume[0, k] == 0 and interpolated.volume[0, k] == pytest.approx(42.0)
    assert gap_report(zeroed).policy == "zero" and "Op 0 gezet" in zeroed.notes[0]
    back = apply_gap_policy(zeroed, "interpolate")
    assert back.volume[0, k] == pytest.approx(42.0)
    assert (back.volume == interpolated.volume).all()
    with pytest.raises(ForecastGapsError):
        apply_gap_policy(back, "stop")


def test_full_file_without_gaps_has_no_gap_note(tmp_path: Path) -> None:
    rows = [[MONDAY, t, "Service", 3, 100] for t in quarter_times(8, 12)]
    fc = load_forecast(long_xlsx(tmp_path / "ok.xlsx", rows, header=LONG_HEADER), gaps="stop")
    assert gap_report(fc) is None and fc.notes == []
