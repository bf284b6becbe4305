"""``kcroster --self-test``: prove that an installation (above all a frozen one) works.

With settings in a throw-away base dir (a planner's real settings are never touched) it opens the
demo project, computes the requirement, solves a small roster for a few seconds, checks it,
exports the planner workbook to a temporary folder and reads it back, and (``with_gui``) loads
the English catalogue and opens the main window offscreen on every screen. A build that lost a
native library (OR-Tools, Qt, the ``offscreen`` platform plugin) or a data file (demo workbooks,
translations) fails here with exit code 1 and a line ``FOUT <step>: <reason>``.

Every step prints ``OK    <step> (<seconds> s): <detail>``; the last line is
``zelftest geslaagd in <seconds> s``.
"""

from __future__ import annotations

import copy
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any, TextIO

from kcroster import settings

STEP_NAMES = ("demo-project", "bezetting", "optimaliseren", "regelcontrole", "export")
GUI_STEP_NAMES = ("optimaliseren-proces", "vertalingen", "venster")


@dataclass(frozen=True)
class SelftestOptions:
    """Size of the solve slice: small enough for a few seconds, big enough to exercise CP-SAT."""

    days: int = 7
    agents: int = 30
    solve_seconds: float = 6.0
    child_solve_seconds: float = 2.0


Step = tuple[str, Callable[[dict[str, Any]], str]]


def _plain_agents_first(project: Any, days: int) -> Any:
    """A shallow copy of ``project`` whose agents without leave or a reintegration plan in the
    first ``days`` days come first.

    The self-test proves the installation, not the demo's planning puzzle: agents whose leave or
    build-up plan leaves too few hours for their contract can make the strict solve infeasible,
    which says nothing about a missing native library.
    """
    h = project.horizon
    first = h.start
    last = h.start + timedelta(days=max(1, min(days, h.days)) - 1)
    busy = {r.agent_id for r in project.reintegration if r.from_date <= last}
    # Leave is [start, end): it touches the slice when it starts by its last day and ends after its start.
    busy |= {x.agent_id for x in project.leave if x.start.date() <= last and x.end.date() > first}
    out = copy.copy(project)
    out.agents = [a for a in project.agents if a.id not in busy] + [a for a in project.agents if a.id in busy]
    return out


def _steps(with_gui: bool, opts: SelftestOptions) -> list[Step]:
    def demo(ctx: dict[str, Any]) -> str:
        from kcroster import pipeline

        ctx["project"] = pipeline.load_demo_project()
        p = ctx["project"]
        if not p.agents or p.forecast is None:
            raise RuntimeError("demo-project zonder medewerkers of forecast")
        return f"{len(p.agents)} medewerkers, {p.horizon.days} dagen"

    def requirement(ctx: dict[str, Any]) -> str:
        from kcroster import pipeline

        ordered = _plain_agents_first(ctx["project"], opts.days)
        ctx["small"] = pipeline.restrict_horizon(ordered, opts.days, agent_limit=opts.agents)
        ctx["req"] = pipeline.compute_requirement(ctx["small"])
        peak = int(ctx["req"].scheduled.max())
        if peak <= 0:
            raise RuntimeError("bezetting is overal nul")
        return (f"{len(ctx['small'].agents)} medewerkers × {ctx['small'].horizon.days} dagen, "
                f"piek {peak} ingeroosterde medewerkers per interval")

    def solve(ctx: dict[str, Any]) -> str:
        from kcroster import pipeline
        from kcroster.solver import SolveOptions

        base = SolveOptions(time_limit_s=opts.solve_seconds, workers=1, seed=1)
        res = pipeline.solve_roster(ctx["small"], ctx["req"], options=base)
        ctx["relaxed"] = False
        note = ""
        if not res.roster.shifts and res.status in ("infeasible", "unknown"):
            # The strict rules have no solution on this slice (a data question, not an installation
            # one): a relaxed solve still runs the whole native solver, which is what is tested here.
            note = f"; strikt: {res.status}, daarom soepele berekening"
            res = pipeline.solve_roster(ctx["small"], ctx["req"],
                                        options=SolveOptions(time_limit_s=opts.solve_seconds, workers=1, seed=1,
                                                             relaxed=True))
            ctx["relaxed"] = True
        if not res.roster.shifts:
            raise RuntimeError(f"geen rooster gevonden (status {res.status})")
        ctx["roster"] = res.roster
        return f"{len(res.roster.shifts)} diensten, status {res.status}{note}"

    def check(ctx: dict[str, Any]) -> str:
        from kcroster import pipeline
        from kcroster.rules.catalogue import Severity

        violations = pipeline.check_roster(ctx["small"], ctx["roster"])
        errors = [v for v in violations if v.severity == Severity.ERROR]
        if errors and not ctx["relaxed"]:
            raise RuntimeError(f"{len(errors)} regelovertredingen, bv. {errors[0].message_nl}")
        if errors:
            return f"{len(errors)} overtredingen (soepele berekening staat die toe)"
        return f"geen overtredingen ({len(violations)} waarschuwingen)"

    def export(ctx: dict[str, Any]) -> str:
        import openpyxl

        from kcroster import pipeline
        from kcroster.io.roster_import import import_planner_workbook

        out = Path(ctx["tmp"]) / "selftest.xlsx"
        pipeline.export_planner_workbook(ctx["small"], ctx["roster"], ctx["req"], out)
        wb = openpyxl.load_workbook(out, read_only=True)
        sheets = list(wb.sheetnames)
        wb.close()
        if len(sheets) < 3:
            raise RuntimeError(f"werkmap heeft te weinig bladen: {sheets}")
        # Reading the grid back must give the same roster: no changes, no cell errors.
        back = import_planner_workbook(out, ctx["small"], ctx["roster"])
        if back.errors:
            raise RuntimeError(f"werkmap teruglezen: {back.errors[0]}")
        if back.changes:
            raise RuntimeError(f"werkmap teruglezen gaf {len(back.changes)} wijzigingen, bv. "
                               f"{back.changes[0].describe(ctx['small'].horizon.tz)}")
        return f"{out.stat().st_size // 1024} kB, bladen: {', '.join(sheets)}; teruggelezen zonder verschillen"

    def translations(ctx: dict[str, Any]) -> str:
        import os

        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from kcroster.gui import i18n
        from kcroster.gui.app import make_app

        app = make_app([], dark=False)
        platform = app.platformName()
        ok = i18n.install_language("en")
        english = i18n.tr("Rooster")
        i18n.install_language("nl")
        if not ok:
            raise RuntimeError(f"Engelse vertaling niet gevonden in {i18n.resources_dir() / 'i18n'}")
        return f"Qt-platform {platform}, 'Rooster' → '{english}'"

    def child_process(ctx: dict[str, Any]) -> str:
        # The desktop app solves in a spawned child process; in a frozen app that only works when
        # the bundle re-enters through multiprocessing.freeze_support().
        from kcroster import pipeline
        from kcroster.solver import SolveOptions

        tiny = pipeline.restrict_horizon(ctx["small"], 2, agent_limit=6)
        req = pipeline.compute_requirement(tiny)
        seen: list[object] = []
        res = pipeline.solve_in_child(tiny, req, on_progress=seen.append,
                                      options=SolveOptions(time_limit_s=opts.child_solve_seconds, workers=1, seed=1))
        if not res.roster.shifts:
            raise RuntimeError(f"geen rooster uit het optimalisatieproces (status {res.status})")
        return f"{len(res.roster.shifts)} diensten, status {res.status}, {len(seen)} voortgangsberichten"

    def gui(ctx: dict[str, Any]) -> str:
        from kcroster.gui.app import selftest_window

        return selftest_window(ctx["project"])

    steps: list[Step] = [("demo-project", demo), ("bezetting", requirement), ("optimaliseren", solve),
                         ("regelcontrole", check), ("export", export)]
    if with_gui:
        steps += [("optimaliseren-proces", child_process), ("vertalingen", translations), ("venster", gui)]
    return steps


def run_selftest(with_gui: bool = True, out: TextIO | None = None, *,
                 options: SelftestOptions | None = None) -> int:
    """Run every step, print one line per step to ``out`` (default stdout); 0 = all passed."""
    out = out if out is not None else sys.stdout
    opts = options or SelftestOptions()
    previous = settings._basedir  # restored afterwards: an in-process run (tests) must not leak it
    t0 = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory(prefix="kcroster-selftest-") as tmp:
            settings.set_basedir(Path(tmp) / "settings")
            ctx: dict[str, Any] = {"tmp": tmp}
            for name, step in _steps(with_gui, opts):
                t = time.perf_counter()
                try:
                    detail = step(ctx)
                except Exception as exc:  # report every failure with its step, then the traceback
                    print(f"FOUT  {name}: {exc}", file=out, flush=True)
                    traceback.print_exc(file=out)
                    return 1
                print(f"OK    {name} ({time.perf_counter() - t:.1f} s): {detail}", file=out, flush=True)
    finally:
        settings.set_basedir(previous)
    print(f"zelftest geslaagd in {time.perf_counter() - t0:.1f} s", file=out, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(run_selftest(with_gui="--no-gui" not in sys.argv))
