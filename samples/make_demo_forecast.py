"""Generate the demo forecast: ``samples/demo_forecast.xlsx`` and ``samples/demo_forecast.csv``.

A realistic Dutch contact centre, seeded so the files are reproducible:

* queues **Telefonie** (voice, 80 % in 20 s, mean patience 180 s → Erlang A), **Chat**
  (2 sessions per agent, 80 % in 60 s) and **E-mail** (answered within 24 h);
* 4 weeks from Monday 2027-04-19 to Sunday 2027-05-16, 15-minute intervals. The horizon holds
  two Dutch public holidays: Koningsdag (Tuesday 27 April) and Hemelvaartsdag (Thursday
  6 May) — the queues are closed then (``feestdag gesloten``);
* opening hours Mon–Fri 08:00–20:00, Sat 09:00–17:00, closed on Sunday; e-mail arrives around
  the clock (fewer at night and at weekends) and is handled in opening hours;
* a Monday peak (and a catch-up day after each holiday), a morning peak around 10:00, a lunch
  dip around 12:30, a smaller afternoon bump, AHT varying through the day;
* sized for a team of about 60: Telefonie needs about 25–30 agents at its peak, Chat about 8,
  E-mail about 6 FTE.

The workbook has a long-format sheet ``Forecast`` (date, time, queue, volume, aht) and the
``Queues`` sheet; the CSV has the same forecast rows as Dutch Excel saves them: ``;``-separated,
decimal commas, ``dd-mm-jjjj`` dates, Dutch headers, Windows-1252, CRLF.

Run: ``.venv/bin/python samples/make_demo_forecast.py``.
"""

from __future__ import annotations

import math
from datetime import date, datetime, time, timedelta
from pathlib import Path

import numpy as np

SEED = 20270419
START = date(2027, 4, 19)  # a Monday
DAYS = 28
HOLIDAYS = {date(2027, 4, 27): "Koningsdag", date(2027, 5, 6): "Hemelvaartsdag"}
OPENING = "ma-vr 08:00-20:00; za 09:00-17:00; feestdag gesloten"
HERE = Path(__file__).resolve().parent

QUEUES = [
    # name, channel, sl %, sl s, asa, max occ, shrinkage, patience, concurrency, response h
    ("Telefonie", "voice", 80, 20, None, 0.85, 0.30, 180, 1, None),
    ("Chat", "chat", 80, 60, None, 0.85, 0.30, None, 2, None),
    ("E-mail", "email", None, None, None, None, 0.25, None, 1, 24),
]
DAY_FACTOR = {0: 1.22, 1: 1.06, 2: 1.0, 3: 0.97, 4: 0.9, 5: 0.42, 6: 0.0}
PEAK_PER_QUARTER = {"Telefonie": 60.0, "Chat": 14.5}
EMAIL_PER_DAY = 430.0


def open_window(day: date) -> tuple[int, int] | None:
    """(start minute, end minute) the voice/chat queues are open, or None."""
    if day in HOLIDAYS:
        return None
    wd = day.weekday()
    if wd < 5:
        return 8 * 60, 20 * 60
    if wd == 5:
        return 9 * 60, 17 * 60
    return None


def intraday_shape(minute: float) -> float:
    """Relative arrival rate through an open day: morning peak, lunch dip, afternoon bump."""
    h = minute / 60.0
    morning = 1.0 * math.exp(-((h - 10.0) ** 2) / (2 * 1.1**2))
    afternoon = 0.72 * math.exp(-((h - 14.5) ** 2) / (2 * 1.4**2))
    evening = 0.35 * math.exp(-((h - 18.0) ** 2) / (2 * 1.6**2))
    dip = 0.28 * math.exp(-((h - 12.5) ** 2) / (2 * 0.45**2))
    return max(0.08, morning + afternoon + evening - dip)


def aht_at(queue: str, minute: float, rng: np.random.Generator) -> float:
    h = minute / 60.0
    if queue == "Telefonie":  # short morning calls, longer complex calls late in the day
        base = 285 + 45 * (h - 8) / 12 + 15 * math.exp(-((h - 13) ** 2) / 2)
    elif queue == "Chat":  # per session; agents handle two at once
        base = 540 + 90 * (h - 8) / 12
    else:  # e-mail handle time, the night queue is longer mails
        base = 420 + (40 if h < 7 or h >= 21 else 0)
    return round(base * float(rng.normal(1.0, 0.03)), 1)


def generate_rows() -> list[tuple[date, time, str, float, float]]:
    rng = np.random.default_rng(SEED)
    rows: list[tuple[date, time, str, float, float]] = []
    for d in range(DAYS):
        day = START + timedelta(days=d)
        factor = DAY_FACTOR[day.weekday()]
        if (day - timedelta(days=1)) in HOLIDAYS:
            factor *= 1.12  # catch-up after a holiday
        window = open_window(day)
        for q in range(96):
            minute = q * 15
            mid = minute + 7.5
            at = time(minute // 60, minute % 60)
            for name, *_ in QUEUES:
                if name == "E-mail":
                    # Mail arrives all day, most during office hours, some at night and weekends.
                    weekend = 0.35 if day.weekday() >= 5 else 1.0
                    hol = 0.5 if day in HOLIDAYS else 1.0
                    daytime = 7 * 60 <= mid < 22 * 60
                    rate = (0.25 + intraday_shape(mid)) if daytime else 0.12
                    volume = EMAIL_PER_DAY / 62.0 * rate * weekend * hol * float(rng.normal(1.0, 0.12))
                else:
                    if window is None or not (window[0] <= minute < window[1]):
                        continue
                    volume = PEAK_PER_QUARTER[name] / 1.05 * factor * intraday_shape(mid)
                    volume *= float(rng.normal(1.0, 0.06))
                rows.append((day, at, name, round(max(0.0, volume), 1), aht_at(name, mid, rng)))
    return rows


def write_xlsx(rows: list[tuple[date, time, str, float, float]], path: Path) -> None:
    import openpyxl
    from openpyxl.styles import Font, PatternFill

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Forecast"
    header = ["date", "time", "queue", "volume", "aht"]
    ws.append(header)
    for day, at, queue, volume, aht in rows:
        ws.append([datetime.combine(day, time(0)), at, queue, volume, aht])
    for row in ws.iter_rows(min_row=2):
        row[0].number_format = "DD-MM-YYYY"
        row[1].number_format = "HH:MM"
        row[3].number_format = "0.0"
        row[4].number_format = "0"
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for cell in ws[1]:
        cell.font = bold
        cell.fill = fill
    for letter, width in zip("ABCDE", (12, 8, 12, 10, 8), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:E{ws.max_row}"

    qs = wb.create_sheet("Queues")
    qs.append([
        "queue", "channel", "sl_percent", "sl_seconds", "asa_seconds", "max_occupancy", "shrinkage",
        "patience_seconds", "concurrency", "response_hours", "opening_hours",
    ])
    for name, channel, slp, sls, asa, occ, shrink, patience, conc, resp in QUEUES:
        qs.append([name, channel, slp, sls, asa, occ, shrink, patience, conc, resp, OPENING])
    for cell in qs[1]:
        cell.font = bold
        cell.fill = fill
    for letter, width in zip("ABCDEFGHIJK", (12, 9, 11, 11, 12, 14, 10, 16, 12, 15, 52), strict=True):
        qs.column_dimensions[letter].width = width
    qs.freeze_panes = "A2"

    info = wb.create_sheet("Toelichting")
    for line in (
        f"Demoprognose kcroster — gegenereerd door samples/make_demo_forecast.py (seed {SEED}).",
        "Horizon: 4 weken vanaf maandag 19-04-2027, kwartierintervallen.",
        "Feestdagen in de horizon: Koningsdag di 27-04-2027 en Hemelvaartsdag do 06-05-2027 (gesloten).",
        "Telefonie: 80 % binnen 20 s, geduld 180 s (Erlang A). Chat: 2 gesprekken tegelijk, 80 % binnen 60 s.",
        "E-mail: beantwoord binnen 24 uur; mail komt ook 's avonds en in het weekend binnen.",
    ):
        info.append([line])
    info.column_dimensions["A"].width = 110
    wb.save(path)


def write_csv(rows: list[tuple[date, time, str, float, float]], path: Path) -> None:
    lines = ["datum;tijd;wachtrij;aanbod;afhandeltijd"]
    for day, at, queue, volume, aht in rows:
        lines.append(
            f"{day.strftime('%d-%m-%Y')};{at.strftime('%H:%M')};{queue};"
            f"{f'{volume:.1f}'.replace('.', ',')};{f'{aht:.1f}'.replace('.', ',')}"
        )
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))


def main() -> None:
    rows = generate_rows()
    write_xlsx(rows, HERE / "demo_forecast.xlsx")
    write_csv(rows, HERE / "demo_forecast.csv")
    print(f"{len(rows)} rows → {HERE / 'demo_forecast.xlsx'} and {HERE / 'demo_forecast.csv'}")


if __name__ == "__main__":
    main()
