"""Benchmark: import a one-year long-format forecast (96 intervals × 29 queues ≈ 1 million rows).

Run: ``.venv/bin/python tests/benchmarks/bench_import.py [--keep DIR] [--queues N]``. The
workbook is written once (openpyxl write-only; real date and time cells, queue names as text;
DST-correct: 92 rows on the spring day, 100 on the autumn day, the repeated hour as two rows in
order) into a temporary directory, then each import runs in a fresh Python process so its peak
memory (maximum resident set) is its own. Issue 23 item 15: the realistic 27 MB, 1-million-row
forecast (the default, 29 queues) must import in ≤ 5 s and ≤ 1 GB. Figures are recorded in
docs/benchmarks.md. Not collected by pytest.
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

N_QUEUES = 29  # 29 × 35 040 quarter hours = 1 016 160 rows (issue 23 item 15)
TARGET_SECONDS = 5.0
TARGET_PEAK_MB = 1024.0
YEAR_START = date(2026, 1, 1)
DAYS = 365


def write_year_workbook(path: Path, n_queues: int = N_QUEUES) -> int:
    import openpyxl

    from kcroster.model.timegrid import Horizon

    horizon = Horizon(start=YEAR_START, days=DAYS, interval_minutes=15)
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Forecast")
    ws.append(["date", "time", "queue", "volume", "aht"])
    queues = [f"Wachtrij {i + 1}" for i in range(n_queues)]
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


# '-c' puts the working directory first on sys.path; dropping it lets PYTHONPATH choose the code
# measured (PYTHONPATH=/tmp/bench_old for the code of a worktree, as docs/benchmarks.md does).
_CHILD = """
import resource, sys, time
if sys.path and sys.path[0] == "":
    del sys.path[0]
t0, c0 = time.perf_counter(), time.process_time()
import kcroster
from kcroster.io.forecast import load_forecast
f = load_forecast(sys.argv[1])
wall, cpu = time.perf_counter() - t0, time.process_time() - c0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(wall, cpu, peak, len(f.queues), f.horizon.n_intervals, float(f.volume.sum()), kcroster.__file__)
"""


def _import_in_child(path: Path) -> tuple[float, float, float, str]:
    """Import in a fresh interpreter: (wall s, CPU s, peak RSS MB, what was read and by which code)."""
    import subprocess

    out = subprocess.run([sys.executable, "-c", _CHILD, str(path)], check=True,
                         capture_output=True, text=True).stdout.split()
    wall, cpu, peak = (float(x) for x in out[:3])
    code = Path(out[6]).parent.parent
    what = f"{out[3]} queues × {out[4]} intervals, total volume {float(out[5]):.0f}; code in {code}"
    return wall, cpu, peak, what


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--keep", type=Path, help="write the workbook here and keep it")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--queues", type=int, default=N_QUEUES,
                        help=f"queues in the workbook (default {N_QUEUES}: ~1 million rows)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        target = (args.keep or Path(tmp)) / "forecast_year.xlsx"
        if not target.exists():
            t0 = time.perf_counter()
            rows = write_year_workbook(target, args.queues)
            print(f"wrote {rows} rows in {time.perf_counter() - t0:.1f} s ({target.stat().st_size / 1e6:.1f} MB)")
        runs = [_import_in_child(target) for _ in range(args.repeat)]
        timings = [r[0] for r in runs]
        cpu = [r[1] for r in runs]
        peak = max(r[2] for r in runs)
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(
            f"import of {target.stat().st_size / 1e6:.1f} MB: best {min(timings):.2f} s wall "
            f"({min(cpu):.2f} s CPU), worst {max(timings):.2f} s over {args.repeat} runs, "
            f"peak memory {peak:.0f} MB (target <= {TARGET_SECONDS:g} s, <= {TARGET_PEAK_MB:.0f} MB); "
            f"load average {load:.1f} on {os.cpu_count()} CPUs; {runs[0][3]}"
        )
        return 0 if min(timings) <= TARGET_SECONDS and peak <= TARGET_PEAK_MB else 1


if __name__ == "__main__":
    sys.exit(main())
