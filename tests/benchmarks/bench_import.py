"""Benchmark: import a one-year long-format forecast (96 intervals × 10 queues ≈ 350 000 rows).

Run: ``.venv/bin/python tests/benchmarks/bench_import.py [--keep DIR]``. The workbook is written
once (openpyxl write-only; real date and time cells, queue names as text; DST-correct: 92 rows on the spring day, 100 on the autumn day, the
repeated hour as two rows in order) into a temporary directory, then the import is timed.
Target (issue): ≤ 5 s on the development machine. Not collected by pytest.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import tempfile
import time
from datetime import date
from datetime import time as dt_time
from pathlib import Path

N_QUEUES = 10
YEAR_START = date(2026, 1, 1)
DAYS = 365


def write_year_workbook(path: Path) -> int:
    import openpyxl

    from kcroster.model.timegrid import Horizon

    horizon = Horizon(start=YEAR_START, days=DAYS, interval_minutes=15)
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Forecast")
    ws.append(["date", "time", "queue", "volume", "aht"])
    queues = [f"Wachtrij {i + 1}" for i in range(N_QUEUES)]
    rows = 0
    minute = horizon.local_minute_of_day
    day_of = horizon.day_of_interval
    dates = horizon.dates
    for k in range(horizon.n_intervals):
        d = dates[int(day_of[k])]
        m = int(minute[k])
        t = dt_time(m // 60, m % 60)  # a real time cell, as forecasting tools export it
        shape = max(0.0, math.sin(math.pi * (m - 420) / 840)) if 420 <= m < 1260 else 0.0
        for qi, q in enumerate(queues):
            ws.append([d, t, q, round(40 * shape * (1 + qi / 10), 2), 180 + 10 * qi])
            rows += 1
    wb.save(path)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--keep", type=Path, help="write the workbook here and keep it")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    from kcroster.io.forecast import load_forecast

    with tempfile.TemporaryDirectory() as tmp:
        target = (args.keep or Path(tmp)) / "forecast_year.xlsx"
        if not target.exists():
            t0 = time.perf_counter()
            rows = write_year_workbook(target)
            print(f"wrote {rows} rows in {time.perf_counter() - t0:.1f} s ({target.stat().st_size / 1e6:.1f} MB)")
        timings = []
        cpu = []
        for _ in range(args.repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            forecast = load_forecast(target)
            timings.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(
            f"import: best {min(timings):.2f} s wall ({min(cpu):.2f} s CPU), worst {max(timings):.2f} s "
            f"over {args.repeat} runs, load average {load:.1f} on {os.cpu_count()} CPUs; "
            f"{len(forecast.queues)} queues × {forecast.horizon.n_intervals} intervals, "
            f"total volume {forecast.volume.sum():.0f}"
        )
        return 0 if min(timings) <= 5.0 else 1


if __name__ == "__main__":
    sys.exit(main())
