"""The staffing workbook's day overview names each day's ISO week with its dates (issue 24 item
15), as the screens and the roster workbooks do, also across New Year."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import numpy as np
import openpyxl

from kcroster import pipeline
from kcroster.io.staffing_export import daily_summary, write_staffing_xlsx
from kcroster.model import Forecast, Horizon, Queue


def test_day_overview_carries_the_iso_week_across_new_year(tmp_path: Path) -> None:
    h = Horizon(date(2026, 12, 30), 8, 60)  # Wednesday 30 Dec 2026 … Wednesday 6 Jan 2027
    fc = Forecast(
        h, [Queue("Tel")], np.full((1, h.n_intervals), 10.0), np.full((1, h.n_intervals), 240.0)
    )
    req = pipeline.compute_requirement(pipeline.new_project_from_forecast(fc))
    assert [s.week for s in daily_summary(fc, req)] == ["wk 53 (30 dec 2026–3 jan 2027)"] * 5 + [
        "wk 1 (4–6 jan)"
    ] * 3
    f = tmp_path / "bezetting.xlsx"
    write_staffing_xlsx(fc, req, f)
    ws = openpyxl.load_workbook(f)["Dagoverzicht"]
    header = [c.value for c in ws[1]]
    assert header[-1] == "week" and ws.auto_filter.ref == f"A1:I{h.days + 1}"
    for row in ws.iter_rows(min_row=2, values_only=True):
        day = row[0].date() if isinstance(row[0], datetime) else row[0]
        assert int(re.match(r"wk (\d+) \(", row[-1]).group(1)) == day.isocalendar()[1]
