"""Benchmarks of ``kcroster forecast`` (a script, not collected by pytest).

    .venv/bin/python tests/benchmarks/bench_forecast.py            # all three parts
    .venv/bin/python tests/benchmarks/bench_forecast.py --part a   # one part

a. 2 years × 96 intervals × 10 queues of synthetic history → 8-week forecast with the backtest
   (target: 15 s on 2 cores).
b. Import of a generated call-by-call CSV of 1 million rows (Dutch dialect) to 15-minute
   history (target: 10 s and 2 GB peak RSS). The file is written to a temporary directory first;
   the writing is not timed.
c. The Anonymous Bank data (``../shared/realdata/anonymous_bank/``, read in place, never copied):
   aggregated to 15 minutes, the last week forecast from the three before; WAPE of the automatic
   choice and of both baselines against what happened, and the patience and AHT estimates.

Every part runs in a process of its own, so that its peak RSS is its own.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
BANK = ROOT.parent / "shared" / "realdata" / "anonymous_bank" / "data_anonymous_bank_february.txt"
BANK_COLUMNS = "arrival=vru_exit,queue=type,wait=q_time,handle=ser_time"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def part_a() -> None:
    from kcroster.forecasting.engine import ForecastRequest, make_forecast
    from kcroster.forecasting.history import check_history
    from kcroster.forecasting.methods import statsmodels_available
    from kcroster.forecasting.synthetic import synthetic_history, synthetic_rates

    start, days = date(2024, 1, 1), 728
    rates = synthetic_rates(start, days, queues=10, holiday_factor=0.3)
    history = check_history(synthetic_history(rates, days, seed=1), set(rates.holidays))
    t0 = time.perf_counter()
    result = make_forecast(history, ForecastRequest(start=start + timedelta(days=days), weeks=8))
    elapsed = time.perf_counter() - t0
    print(f"a. 2 jaar x 96 intervallen x 10 wachtrijen -> 8 weken met backtest: {elapsed:.1f} s "
          f"(doel <= 15 s), methode {result.method}, statsmodels "
          f"{'aanwezig' if statsmodels_available() else 'afwezig'}, piek {_peak_mb():.0f} MB")
    print(result.backtest.text(result.method))


def part_b() -> None:
    from kcroster.forecasting.acd import read_calls
    from kcroster.forecasting.synthetic import write_calls_csv

    with tempfile.TemporaryDirectory() as tmp:
        path = write_calls_csv(Path(tmp) / "acd_1m.csv", 1_000_000)
        size = path.stat().st_size / 1e6
        base = _peak_mb()
        t0 = time.perf_counter()
        history = read_calls(path)
        elapsed = time.perf_counter() - t0
    print(f"b. call-by-call CSV, 1 000 000 regels ({size:.0f} MB): {elapsed:.1f} s (doel <= 10 s), "
          f"piek RSS {_peak_mb():.0f} MB (voor het lezen {base:.0f} MB; doel <= 2048 MB); "
          f"{int(history.offered.sum())} contacten, {len(history.queues)} wachtrijen, "
          f"{history.days} dagen")


def _wape(actual: np.ndarray, forecast: np.ndarray) -> float:
    return float(np.abs(actual - forecast).sum() / actual.sum())


def _day_wape(actual: np.ndarray, forecast: np.ndarray) -> float:
    return float(np.abs(actual.sum(axis=2) - forecast.sum(axis=2)).sum() / actual.sum())


def part_c() -> None:
    from kcroster.forecasting.acd import parse_column_mapping
    from kcroster.forecasting.calendar import SpecialDays
    from kcroster.forecasting.engine import ForecastRequest, make_forecast
    from kcroster.forecasting.history import load_history
    from kcroster.forecasting.methods import METHODS

    if not BANK.exists():
        print(f"c. overgeslagen: {BANK} niet gevonden")
        return
    t0 = time.perf_counter()
    full = load_history(BANK, columns=parse_column_mapping(BANK_COLUMNS), holidays_country=None)
    read_s = time.perf_counter() - t0
    cut = full.days - 7
    first = full.start + timedelta(days=cut)
    actual = full.offered[:, cut:]
    # holidays_country=None: an Israeli bank in February 1999 has no Dutch public holidays
    result = make_forecast(full, ForecastRequest(start=first, weeks=1, holidays_country=None))
    train = full.window(0, cut)
    special = SpecialDays(full.start, full.end, country=None)
    print(f"c. Anonymous Bank: {int(full.offered.sum())} contacten, {len(full.queues)} wachtrijen, "
          f"{full.start:%d-%m-%Y} t/m {(full.end - timedelta(days=1)):%d-%m-%Y} "
          f"(ingelezen in {read_s:.1f} s); prognose {first:%d-%m-%Y} t/m "
          f"{first + timedelta(days=6):%d-%m-%Y} uit de drie weken ervoor")
    print(f"   {'methode':<44} {'WAPE 15 min':>11} {'WAPE dag':>9}")
    label = f"automatische keuze: {result.method}"
    print(f"   {label:<44} {100 * _wape(actual, result.volume):10.1f}% "
          f"{100 * _day_wape(actual, result.volume):8.1f}%")
    for name in ("last_week", "mean4"):
        f = METHODS[name].run(train, special, cut, 7).volume
        print(f"   {METHODS[name].label_nl:<44} {100 * _wape(actual, f):10.1f}% "
              f"{100 * _day_wape(actual, f):8.1f}%")
    if result.backtest is not None:
        print("   " + result.backtest.text(result.method).replace("\n", "\n   "))
    print("   Geduld (exponentieel, MLE met censurering: afhakers / totale wachttijd), "
          "uit de drie weken:")
    for p in result.patience:
        print(f"     {p.text()}")
    print("   AHT per wachtrij (afhandeltijd van de beantwoorde gesprekken, drie weken):")
    for q, name in enumerate(train.queues):
        n = train.handled[q].sum()
        if n:
            print(f"     {name}: {train.handle_sum[q].sum() / n:.0f} s over {int(n)} gesprekken")


PARTS = {"a": part_a, "b": part_b, "c": part_c}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=sorted(PARTS), default=None)
    args = parser.parse_args()
    if args.part:
        PARTS[args.part]()
        return 0
    code = 0
    for name in PARTS:
        code |= subprocess.call([sys.executable, __file__, "--part", name], cwd=ROOT)
    return code


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
