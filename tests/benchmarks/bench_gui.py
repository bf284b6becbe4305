"""Benchmark the desktop app's responsiveness (docs/design.md §1 targets; measured, not asserted in tests).

1. cold start: a fresh interpreter until the main window is shown (target ≤ 3 s);
2. Gantt paint, 400 agents × 7 days, week and day zoom (target ≤ 50 ms per paint);
3. event-loop lateness during a solve (target: never blocked > 200 ms), measured with a 10 ms
   timer while "Optimaliseer" runs on the demo project (``--solve-seconds``, default 60);
4. switching screens on the demo project (target ≤ 200 ms), first visit and revisit.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_gui.py [--solve-seconds N]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from datetime import time as dtime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]

COLD_START = r"""
import time, os
t0 = time.perf_counter()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from kcroster import settings
settings.make_temp_basedir()
from kcroster.gui.app import make_app
app = make_app([])
from kcroster.gui.main_window import MainWindow
w = MainWindow(confirm_close=False)
w.show()
app.processEvents()
print(time.perf_counter() - t0)
"""


def cold_start(runs: int = 3) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        res = subprocess.run([sys.executable, "-c", COLD_START], capture_output=True, text=True, cwd=ROOT, check=True)
        wall = time.perf_counter() - t0
        out.append(wall)
        print(f"  cold start: {wall:.2f} s wall (in-process {float(res.stdout.strip()):.2f} s)")
    return out


def big_roster_project(n_agents: int = 400, days: int = 7):
    from kcroster.model import (
        BREAK,
        Agent,
        Horizon,
        Project,
        Queue,
        Roster,
        Scenario,
        Segment,
        Shift,
    )

    hz = Horizon(date(2027, 5, 3), days)
    queues = [Queue("Telefonie"), Queue("Chat"), Queue("E-mail")]
    agents = [Agent(f"A{i:03d}", f"Medewerker {i:03d}") for i in range(n_agents)]
    shifts = []
    for i, a in enumerate(agents):
        for d in hz.dates:
            if (i + d.day) % 7 in (0, 1):
                continue
            s = datetime.combine(d, dtime(7 + (i % 9)), tzinfo=hz.tz)
            b1, b2 = s + timedelta(hours=2), s + timedelta(hours=4, minutes=30)
            e = s + timedelta(hours=8, minutes=30)
            q1, q2 = queues[i % 3].name, queues[(i + 1) % 3].name
            shifts.append(Shift(a.id, d, s, e, [Segment(s, b1, q1), Segment(b1, b1 + timedelta(minutes=15), BREAK),
                                                Segment(b1 + timedelta(minutes=15), b2, q2),
                                                Segment(b2, b2 + timedelta(minutes=30), BREAK),
                                                Segment(b2 + timedelta(minutes=30), e, q1)]))
    return Project("bench", hz, queues, None, agents, scenarios=[Scenario("Basis", roster=Roster(shifts))])


def gantt_paint(app) -> dict[str, float]:
    from PySide6.QtGui import QPixmap

    from kcroster.gui import theme
    from kcroster.gui.widgets.gantt import GanttData, GanttView

    p = big_roster_project()
    t0 = time.perf_counter()
    data = GanttData.build(p.scenario.roster, [a.id for a in p.agents], [a.name for a in p.agents],
                           [q.name for q in p.queues], p.horizon)
    build_ms = (time.perf_counter() - t0) * 1000
    view = GanttView()
    view.resize(1440, 900)
    view.set_data(data, p.horizon, [theme.queue_colour(i) for i in range(3)])
    view.show()
    app.processEvents()
    pm = QPixmap(view.viewport().size())
    results = {"build_ms": build_ms}
    for zoom in ("week", "day"):
        view.set_zoom(zoom)
        times = []
        for k in range(30):
            view.verticalScrollBar().setValue(int(k / 29 * view.verticalScrollBar().maximum()))
            view.horizontalScrollBar().setValue(int((k % 7) / 6 * view.horizontalScrollBar().maximum()))
            t0 = time.perf_counter()
            view.viewport().render(pm)
            times.append((time.perf_counter() - t0) * 1000)
        results[f"{zoom}_median_ms"] = statistics.median(times)
        results[f"{zoom}_max_ms"] = max(times)
    print(f"  Gantt 400 × 7: build {build_ms:.1f} ms; paint week median {results['week_median_ms']:.1f} ms "
          f"(max {results['week_max_ms']:.1f}); day median {results['day_median_ms']:.1f} ms "
          f"(max {results['day_max_ms']:.1f}); "
          f"rows painted {view.last_paint_rows}")
    view.close()
    return results


def demo_window(app):
    from kcroster import pipeline
    from kcroster.gui.document import ProjectDocument
    from kcroster.gui.main_window import MainWindow

    doc = ProjectDocument()
    w = MainWindow(doc, confirm_close=False)
    w.resize(1440, 900)
    w.show()
    doc.set_project(pipeline.load_demo_project())
    try:
        import kcroster.staffing  # noqa: F401
    except ImportError:
        # the staffing engine has not landed yet: stand in a simple requirement so the solve and
        # event-loop measurements still run against the real solver (stated in the output)
        sys.path.insert(0, str(ROOT / "tests" / "gui"))
        import gui_fake_pipeline

        doc.set_requirement(gui_fake_pipeline.compute_requirement(doc.project))
        print("  NOTE: kcroster.staffing missing — requirement is a stand-in (traffic / 0.85 + 1)")
    app.processEvents()
    return w


def switching(app, w) -> dict[str, list[float]]:
    first, again = [], []
    for bucket in (first, again):
        for i in range(len(w.screens)):
            t0 = time.perf_counter()
            w.show_screen(i)
            app.processEvents()
            bucket.append((time.perf_counter() - t0) * 1000)
    names = [s.key for s in w.screens]
    print("  switch (first visit): " + ", ".join(f"{n} {t:.0f} ms" for n, t in zip(names, first, strict=True)))
    print("  switch (revisit):     " + ", ".join(f"{n} {t:.0f} ms" for n, t in zip(names, again, strict=True)))
    return {"first": first, "again": again}


def solve_lateness(app, w, seconds: float) -> dict[str, float]:
    from PySide6.QtCore import QElapsedTimer, QTimer

    screen = w.roster_screen
    w.show_screen("roster")
    app.processEvents()
    lateness: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]
    period = 10

    stamps: list[float] = []

    def tick() -> None:
        now = clock.elapsed()
        lateness.append(now - last[0] - period)
        stamps.append(now)
        last[0] = now

    timer = QTimer()
    timer.setInterval(period)
    timer.timeout.connect(tick)
    timer.start()
    t0 = time.perf_counter()
    job = screen.optimise(time_limit_s=seconds)
    worker_done_at = None
    while job is not None and not job.finished:
        if worker_done_at is None and job._thread is not None and not job._thread.is_alive():
            worker_done_at = clock.elapsed()  # the solve itself is over; delivery follows
        app.processEvents()
        time.sleep(0.001)
    wall = time.perf_counter() - t0
    timer.stop()
    res = screen.last_result
    cut = worker_done_at if worker_done_at is not None else float("inf")
    during = [x for x, t in zip(lateness, stamps, strict=True) if t <= cut]
    after = [x for x, t in zip(lateness, stamps, strict=True) if t > cut]
    worst = max(during) if during else float("nan")
    p99 = sorted(during)[int(0.99 * (len(during) - 1))] if during else float("nan")
    print(f"  solve {seconds:.0f} s limit: wall {wall:.1f} s, status {getattr(res, 'status', '?')}, "
          f"objective {getattr(res, 'objective', None)}, gap {getattr(res, 'gap', None)}")
    print(f"  event loop lateness while solving: max {worst:.0f} ms, p99 {p99:.0f} ms over {len(during)} ticks; "
          f"while delivering the result (accept roster, rule check, coverage): max {max(after) if after else 0:.0f} ms")
    return {"max_ms": worst, "p99_ms": p99, "wall_s": wall}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--solve-seconds", type=float, default=60.0)
    ap.add_argument("--skip-solve", action="store_true")
    args = ap.parse_args()
    print("cold start")
    cold_start()
    from kcroster import settings

    settings.make_temp_basedir()
    from kcroster.gui.app import make_app

    app = make_app([], dark=False)
    print("gantt")
    gantt_paint(app)
    print("demo project")
    w = demo_window(app)
    switching(app, w)
    if not args.skip_solve:
        solve_lateness(app, w, args.solve_seconds)
        switching(app, w)
    w.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
