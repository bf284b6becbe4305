"""Forecast import: long and wide formats, Dutch aliases, CSV dialects, DST days, queue settings."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import numpy as np
import pytest
from forecast_helpers import day_rows, long_xlsx, quarter_times, write_csv, write_xlsx

from kcroster.io.forecast import load_forecast, parse_opening_hours
from kcroster.model import Channel, KcrosterInputError

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _k(fc, day: date, hhmm: str, fold: int = 0) -> int:
    h, m = map(int, hhmm.split(":"))
    return fc.horizon.index_at(day, time(h, m), fold)


# ---------------------------------------------------------------------------- long format


def test_long_xlsx_places_volume_and_aht_on_the_grid(tmp_path: Path) -> None:
    rows = [
        [date(2026, 6, 1), time(8, 0), "Telefonie", 12, 180],
        [date(2026, 6, 1), time(8, 15), "Telefonie", 15.5, 200],
        [date(2026, 6, 1), time(8, 0), "Chat", 4, 400],
        [date(2026, 6, 2), time(19, 45), "Telefonie", 3, 150],
    ]
    fc = load_forecast(long_xlsx(tmp_path / "f.xlsx", rows))
    assert fc.horizon.start == date(2026, 6, 1) and fc.horizon.days == 2
    assert fc.horizon.interval_minutes == 15 and fc.horizon.n_intervals == 192
    assert fc.queue_names == ["Telefonie", "Chat"]
    t, c = fc.queue_index("Telefonie"), fc.queue_index("Chat")
    assert fc.volume[t, _k(fc, date(2026, 6, 1), "08:15")] == 15.5
    assert fc.aht[t, _k(fc, date(2026, 6, 1), "08:15")] == 200
    assert fc.volume[c, _k(fc, date(2026, 6, 1), "08:00")] == 4
    assert fc.volume[t, _k(fc, date(2026, 6, 2), "19:45")] == 3
    # Missing intervals are zero; the totals are exactly the file's.
    assert fc.volume.sum() == pytest.approx(12 + 15.5 + 4 + 3)
    # Queue defaults from the spec.
    q = fc.queues[t]
    assert (q.channel, q.sl_percent, q.sl_seconds, q.asa_seconds) == (Channel.VOICE, 80.0, 20.0, None)
    assert (q.max_occupancy, q.shrinkage, q.patience_seconds, q.concurrency) == (0.85, 0.30, None, 1)
    # Open mask without opening hours: first to last interval with volume that day.
    day1 = fc.horizon.day_slice(0)
    assert fc.open_mask[t, day1].sum() == 2
    assert fc.source == "f.xlsx"


def test_dutch_headers_text_numbers_and_30_minute_grid(tmp_path: Path) -> None:
    rows = [
        ["01-06-2026", "08:00", "Verkoop", "1.234,5", "180,5"],
        ["01-06-2026", "08:30", "Verkoop", "7,25", "200"],
        ["02-06-2026", "09:00", "Verkoop", "0", ""],
    ] + [["01-06-2026", f"{h:02d}:{m:02d}", "Verkoop", "1", "100"] for h in (9, 10, 11) for m in (0, 30)]
    fc = load_forecast(
        long_xlsx(tmp_path / "nl.xlsx", rows, header=["Datum", "Tijd", "Wachtrij", "Aanbod", "Afhandeltijd"],
                  sheet="Prognose")
    )
    assert fc.horizon.interval_minutes == 30
    q = fc.queue_index("Verkoop")
    assert fc.volume[q, _k(fc, date(2026, 6, 1), "08:00")] == pytest.approx(1234.5)
    assert fc.aht[q, _k(fc, date(2026, 6, 1), "08:00")] == pytest.approx(180.5)
    assert fc.volume[q, _k(fc, date(2026, 6, 1), "08:30")] == pytest.approx(7.25)


def test_datetime_column_and_iso_time(tmp_path: Path) -> None:
    rows = [
        ["2026-06-01T08:00", "A", 5, 100],
        ["2026-06-01 08:15", "A", 6, 100],
    ]
    fc = load_forecast(
        long_xlsx(tmp_path / "dt.xlsx", rows, header=["datetime", "queue", "volume", "aht"])
    )
    assert fc.volume[0, _k(fc, date(2026, 6, 1), "08:15")] == 6
    rows2 = [[datetime(2026, 6, 1, 8, 0), "A", 5, 100], [datetime(2026, 6, 1, 8, 15), "A", 6, 100]]
    fc2 = load_forecast(long_xlsx(tmp_path / "dt2.xlsx", rows2, header=["tijdstip", "wachtrij", "aanbod", "aht"]))
    assert np.array_equal(fc.volume, fc2.volume)


def test_semicolon_csv_with_decimal_commas_equals_the_xlsx(tmp_path: Path) -> None:
    csv = write_csv(
        tmp_path / "f.csv",
        ["datum;tijd;wachtrij;aanbod;afhandeltijd", "01-06-2026;08:00;Sales;12,5;180",
         "01-06-2026;08:15;Sales;1.234,5;190,5"],
        newline="\r\n",
    )
    xlsx = long_xlsx(
        tmp_path / "f.xlsx",
        [[date(2026, 6, 1), "08:00", "Sales", 12.5, 180], [date(2026, 6, 1), "08:15", "Sales", 1234.5, 190.5]],
    )
    a, b = load_forecast(csv), load_forecast(xlsx)
    assert np.array_equal(a.volume, b.volume) and np.array_equal(a.aht, b.aht)
    assert a.volume.sum() == pytest.approx(1247.0)


def test_cp1252_csv_and_csv_settings_from_defaults(tmp_path: Path) -> None:
    csv = write_csv(
        tmp_path / "cafe.csv",
        ["datum;tijd;wachtrij;aanbod;afhandeltijd", "01-06-2026;08:00;Café;3;120"],
        encoding="cp1252",
    )
    fc = load_forecast(
        csv, queue_defaults={"sl_percent": 90, "sl_seconds": 30, "shrinkage": "35%", "patience_seconds": 120,
                             "channel": "chat", "concurrency": 2, "opening_hours": "ma-vr 08:00-18:00"},
    )
    q = fc.queues[0]
    assert q.name == "Café"
    assert (q.sl_percent, q.sl_seconds, q.shrinkage, q.patience_seconds) == (90.0, 30.0, 0.35, 120.0)
    assert q.channel == Channel.CHAT and q.concurrency == 2
    # 2026-06-01 is a Monday: open 08:00–18:00 = 40 quarters.
    assert fc.open_mask[0].sum() == 40


def test_comma_csv_with_dots(tmp_path: Path) -> None:
    csv = write_csv(tmp_path / "en.csv", ["date,time,queue,volume,aht", "2026-06-01,08:00,Sales,12.5,180"])
    assert load_forecast(csv).volume.sum() == 12.5


# ---------------------------------------------------------------------------- wide format


def _wide_sheet(days: list[date], times: list[str], value) -> list[list]:
    rows = [["tijd", *days]]
    for i, t in enumerate(times):
        rows.append([t, *[value(i, j) for j in range(len(days))]])
    return rows


def test_wide_format_with_aht_sheet(tmp_path: Path) -> None:
    days = [date(2026, 6, 1), date(2026, 6, 2)]
    times = ["08:00", "08:15", "08:30"]
    path = write_xlsx(
        tmp_path / "wide.xlsx",
        {
            "Telefonie": _wide_sheet(days, times, lambda i, j: 10 * (j + 1) + i),
            "Telefonie AHT": _wide_sheet(days, times, lambda i, j: 200 + i),
            "Queues": [["queue", "channel"], ["Telefonie", "telefonie"]],
        },
    )
    fc = load_forecast(path)
    assert fc.queue_names == ["Telefonie"]
    assert fc.volume[0, _k(fc, date(2026, 6, 2), "08:30")] == 22
    assert fc.aht[0, _k(fc, date(2026, 6, 2), "08:30")] == 202
    assert fc.volume.sum() == sum(10 * (j + 1) + i for i in range(3) for j in range(2))


def test_wide_format_with_aht_from_queue_settings_and_blank_cells(tmp_path: Path) -> None:
    days = ["01-06-2026", "02-06-2026"]
    times = ["08:00", "08:15"]
    path = write_xlsx(
        tmp_path / "wide2.xlsx",
        {
            "Chat": _wide_sheet(days, times, lambda i, j: None if (i, j) == (0, 0) else "2,5"),
            "Wachtrijen": [["Wachtrij", "Kanaal", "AHT", "Gelijktijdig"], ["Chat", "chat", 420, 2]],
        },
    )
    fc = load_forecast(path)
    assert fc.volume.sum() == pytest.approx(7.5)
    assert fc.aht[0, _k(fc, date(2026, 6, 1), "08:15")] == 420
    assert fc.queues[0].concurrency == 2


def test_wide_format_without_aht_is_a_clear_error(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "w.xlsx", {"Chat": _wide_sheet([date(2026, 6, 1)], ["08:00"], lambda i, j: 1)})
    with pytest.raises(KcrosterInputError, match="geen AHT") as e:
        load_forecast(path)
    assert e.value.file == "w.xlsx" and e.value.sheet == "Chat"


def test_wide_csv_is_one_queue_named_after_the_file(tmp_path: Path) -> None:
    csv = write_csv(tmp_path / "Telefonie.csv", ["tijd;01-06-2026;02-06-2026", "08:00;1;2", "08:15;3,5;"])
    fc = load_forecast(csv, queue_defaults={"aht": 300})
    assert fc.queue_names == ["Telefonie"] and fc.volume.sum() == pytest.approx(6.5)


# ---------------------------------------------------------------------------- DST


def test_spring_dst_day_has_92_intervals(tmp_path: Path) -> None:
    day = date(2026, 3, 29)
    times = [t for t in quarter_times(0, 24) if not t.startswith("02:")]
    assert len(times) == 92
    fc = load_forecast(long_xlsx(tmp_path / "spring.xlsx", day_rows(day.isoformat(), "A", times, 1)))
    assert fc.horizon.n_intervals == 92
    assert fc.volume.sum() == 92


def test_spring_dst_gap_time_is_an_error_naming_the_row(tmp_path: Path) -> None:
    rows = day_rows("2026-03-29", "A", ["01:45", "02:30", "03:00"])
    with pytest.raises(KcrosterInputError) as e:
        load_forecast(long_xlsx(tmp_path / "gap.xlsx", rows))
    err = e.value
    assert (err.file, err.sheet, err.row) == ("gap.xlsx", "Forecast", 3)
    assert err.column == "B (time)"
    assert "02:30" in err.reason and "bestaat niet" in err.reason


def test_autumn_dst_day_has_100_intervals_and_repeated_hour_by_order(tmp_path: Path) -> None:
    day = date(2026, 10, 25)
    times = quarter_times(0, 3) + quarter_times(2, 24)  # 02:00–02:45 twice, in file order
    assert len(times) == 100
    rows = [[day.isoformat(), t, "A", i + 1, 100] for i, t in enumerate(times)]
    fc = load_forecast(long_xlsx(tmp_path / "autumn.xlsx", rows))
    assert fc.horizon.n_intervals == 100
    # The first 02:15 (row value 10) is summer time (fold 0), the second (value 14) winter time.
    assert fc.volume[0, _k(fc, day, "02:15", 0)] == 10
    assert fc.volume[0, _k(fc, day, "02:15", 1)] == 14
    assert np.array_equal(fc.volume[0], np.arange(1, 101))


def test_explicit_utc_offset_pins_the_repeated_hour(tmp_path: Path) -> None:
    rows = [
        ["2026-10-25T02:15+01:00", "A", 7, 100],  # winter time: the second 02:15
        ["2026-10-25T02:15+02:00", "A", 3, 100],  # summer time: the first
        ["2026-10-25T05:00", "A", 1, 100],
    ]
    fc = load_forecast(long_xlsx(tmp_path / "iso.xlsx", rows, header=["datetime", "queue", "volume", "aht"]))
    day = date(2026, 10, 25)
    assert fc.volume[0, _k(fc, day, "02:15", 1)] == 7
    assert fc.volume[0, _k(fc, day, "02:15", 0)] == 3


def test_wide_format_autumn_day_with_repeated_time_row(tmp_path: Path) -> None:
    days = [date(2026, 10, 24), date(2026, 10, 25)]
    times = ["01:45", "02:00", "02:00", "03:00"]
    sheet = _wide_sheet(days, times, lambda i, j: (None if (i == 2 and j == 0) else 10 * j + i + 1))
    aht = _wide_sheet(days, times, lambda i, j: 100)
    fc = load_forecast(write_xlsx(tmp_path / "wa.xlsx", {"A": sheet, "A AHT": aht}))
    assert fc.volume[0, _k(fc, date(2026, 10, 25), "02:00", 0)] == 12
    assert fc.volume[0, _k(fc, date(2026, 10, 25), "02:00", 1)] == 13


# ---------------------------------------------------------------------------- queues & opening hours


QUEUES_HEADER = [
    "queue", "channel", "sl_percent", "sl_seconds", "asa_seconds", "max_occupancy", "shrinkage",
    "patience_seconds", "concurrency", "response_hours", "opening_hours",
]


def test_queue_sheet_settings_and_percent_forms(tmp_path: Path) -> None:
    queues = [
        QUEUES_HEADER,
        ["Telefonie", "voice", "80%", 20, 15, 0.9, "30%", 180, None, None, "ma-vr 08:00-20:00; za 09:00-17:00"],
        ["Chat", "chat", 0.8, 60, None, 85, 25, None, 2, None, None],
        ["E-mail", "e-mail", None, None, None, None, None, None, None, 24, None],
    ]
    rows = [[date(2026, 6, 1), "08:00", q, 1, 100] for q in ("Telefonie", "Chat", "E-mail")]
    fc = load_forecast(long_xlsx(tmp_path / "q.xlsx", rows, queues=queues))
    t, c, e = fc.queues
    assert (t.sl_percent, t.sl_seconds, t.asa_seconds, t.max_occupancy, t.shrinkage, t.patience_seconds) == (
        80.0, 20.0, 15.0, 0.9, 0.30, 180.0)
    assert (c.channel, c.sl_percent, c.max_occupancy, c.shrinkage, c.concurrency) == (Channel.CHAT, 80.0, 0.85, 0.25, 2)
    assert (e.channel, e.response_hours, e.max_occupancy) == (Channel.EMAIL, 24.0, None)
    assert t.opening_hours is not None and c.opening_hours is None


def test_sl_as_80_slash_20_and_cli_defaults_fill_blanks(tmp_path: Path) -> None:
    queues = [["wachtrij", "sl", "shrinkage"], ["A", "90/15", None]]
    fc = load_forecast(
        long_xlsx(tmp_path / "q.xlsx", [["2026-06-01", "08:00", "A", 1, 100]], queues=queues),
        queue_defaults={"shrinkage": 0.4, "sl_percent": 70},
    )
    q = fc.queues[0]
    assert (q.sl_percent, q.sl_seconds, q.shrinkage) == (90.0, 15.0, 0.4)


def test_queue_without_data_is_kept_with_a_note(tmp_path: Path) -> None:
    queues = [["queue"], ["A"], ["Stil"]]
    fc = load_forecast(long_xlsx(tmp_path / "q.xlsx", [["2026-06-01", "08:00", "A", 1, 100]], queues=queues))
    assert fc.queue_names == ["A", "Stil"]
    assert fc.volume[1].sum() == 0
    assert any("Stil" in n for n in fc.notes)


def test_opening_hours_and_public_holiday_build_the_open_mask(tmp_path: Path) -> None:
    # 2026-04-27 (Monday) is Koningsdag; 2026-04-25 a Saturday, 2026-04-26 a Sunday.
    queues = [["queue", "opening_hours"], ["A", "ma-vr 08:00-20:00; za 09:00-17:00; feestdag gesloten"],
              ["B", "mon-fri 08:00-12:00, 13:00-17:00; holiday 10:00-16:00"]]
    rows = [[d, "10:00", q, 1, 100] for d in ("2026-04-24", "2026-04-28") for q in ("A", "B")]
    fc = load_forecast(long_xlsx(tmp_path / "h.xlsx", rows, queues=queues))
    h = fc.horizon
    assert h.days == 5
    per_day = [[int(fc.open_mask[q, h.day_slice(d)].sum()) for d in range(h.days)] for q in range(2)]
    assert per_day[0] == [48, 32, 0, 0, 48]  # Fri, Sat, Sun, Koningsdag closed, Tue
    assert per_day[1] == [32, 0, 0, 24, 32]  # holiday rule 10–16 on Koningsdag
    k = _k(fc, date(2026, 4, 24), "12:15")
    assert fc.open_mask[0, k] and not fc.open_mask[1, k]  # B has a lunch break


def test_volume_outside_opening_hours_is_noted(tmp_path: Path) -> None:
    queues = [["queue", "opening_hours"], ["A", "ma-vr 09:00-17:00"]]
    fc = load_forecast(long_xlsx(tmp_path / "o.xlsx", [["2026-06-01", "08:00", "A", 5, 100]], queues=queues))
    assert any("buiten de openingstijden" in n for n in fc.notes)


@pytest.mark.parametrize(
    ("text", "weekday", "expected"),
    [
        ("ma-vr 08:00-20:00; za 09:00-17:00; feestdag gesloten", 0, [(time(8), time(20))]),
        ("ma-vr 08:00-20:00; za 09:00-17:00; feestdag gesloten", 5, [(time(9), time(17))]),
        ("ma-vr 08:00-20:00; za 09:00-17:00; feestdag gesloten", 6, []),
        ("mon,wed 8:00-12:00, 13:00-17:00", 2, [(time(8), time(12)), (time(13), time(17))]),
        ("za-ma 10:00-14:00", 0, [(time(10), time(14))]),
        ("dagelijks 07:00-23:00", 6, [(time(7), time(23))]),
        ("zondag gesloten\nmaandag 9.00-17.30", 0, [(time(9), time(17, 30))]),
    ],
)
def test_parse_opening_hours(text: str, weekday: int, expected: list) -> None:
    assert parse_opening_hours(text).windows(weekday, False) == expected


def test_parse_opening_hours_holiday_rules_and_errors() -> None:
    oh = parse_opening_hours("ma-vr 08:00-20:00; feestdag 10:00-16:00")
    assert oh.windows(0, True) == [(time(10), time(16))]
    assert parse_opening_hours("ma-vr 08:00-20:00").windows(0, True) == []
    always = parse_opening_hours("24/7")
    assert len(always.windows(3, True)) == 1 and always.windows(6, False)[0][0] == time(0)
    for bad in ("ma-vr", "xx 08:00-10:00", "ma 10:00-08:00", "ma 08:00-25:00", "08:00-10:00", ""):
        with pytest.raises(ValueError):
            parse_opening_hours(bad)


# ---------------------------------------------------------------------------- demo data


def test_demo_forecast_xlsx_and_csv_agree() -> None:
    x = load_forecast(SAMPLES / "demo_forecast.xlsx")
    c = load_forecast(SAMPLES / "demo_forecast.csv")
    assert x.horizon.start == date(2027, 4, 19) and x.horizon.start.weekday() == 0 and x.horizon.days == 28
    assert x.queue_names == ["Telefonie", "Chat", "E-mail"]
    order = [c.queue_index(n) for n in x.queue_names]
    assert np.allclose(x.volume, c.volume[order]) and np.allclose(x.aht, c.aht[order])
    tel, chat, mail = x.queues
    assert tel.patience_seconds == 180 and chat.concurrency == 2 and chat.sl_seconds == 60
    assert mail.channel == Channel.EMAIL and mail.response_hours == 24
    # Koningsdag (27-04) and Hemelvaart (06-05) are closed for the phone.
    for d in (date(2027, 4, 27), date(2027, 5, 6)):
        sl = x.horizon.day_slice(x.horizon.day_index(d))
        assert not x.open_mask[0, sl].any() and x.volume[0, sl].sum() == 0
    # A Monday peak: Monday volume exceeds every other weekday's in week 1.
    week = [x.volume[0, x.horizon.day_slice(d)].sum() for d in range(5)]
    assert week[0] == max(week)


def test_demo_forecast_has_morning_peak_lunch_dip_and_varying_aht() -> None:
    fc = load_forecast(SAMPLES / "demo_forecast.xlsx")
    h = fc.horizon
    weekdays = [d for d in range(h.days) if h.dates[d].weekday() < 5 and fc.volume[0, h.day_slice(d)].sum() > 0]
    profile = np.mean([fc.volume[0, h.day_slice(d)] for d in weekdays], axis=0)  # 96 quarters
    aht = np.mean([fc.aht[0, h.day_slice(d)] for d in weekdays], axis=0)
    q = {f"{k // 4:02d}:{k % 4 * 15:02d}": k for k in range(96)}
    assert 9 * 4 <= int(np.argmax(profile)) <= 11 * 4  # morning peak
    assert profile[q["12:30"]] < profile[q["11:30"]] and profile[q["12:30"]] < profile[q["14:00"]]  # lunch dip
    assert profile[: q["08:00"]].sum() == 0 and profile[q["20:00"]:].sum() == 0  # closed at night
    assert aht[q["19:00"]] > aht[q["08:30"]] + 20  # AHT varies through the day
