"""``kcroster --self-test``: prove that an installation (above all a frozen one) works.

Offscreen and in a temporary base dir it opens the demo project, computes the requirement,
solves a small roster for a few seconds, checks it, exports the planner workbook to a temporary
folder and reads that back. A build that lost a native library (OR-Tools, Qt) or a data file
(demo project, translations) fails here with a non-zero exit code.
"""

from __future__ import annotations

import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

Step = tuple[str, Callable[[dict], object]]


def _steps(with_gui: bool) -> list[Step]:
    def demo(ctx: dict) -> object:
        from kcroster import pipeline

        ctx["project"] = pipeline.load_demo_project()
        return f"{len(ctx['project'].agents)} medewerkers, {ctx['project'].horizon.days} dagen"

    def requirement(ctx: dict) -> object:
        from kcroster import pipeline

        ctx["small"] = pipeline.restrict_horizon(ctx["project"], 7, agent_limit=30)
        ctx["req"] = pipeline.compute_requirement(ctx["small"])
        return f"piek {int(ctx['req'].scheduled.max())} ingeroosterde medewerkers per interval"

    def solve(ctx: dict) -> object:
        from kcroster import pipeline
        from kcroster.solver import SolveOptions

        res = pipeline.solve_roster(ctx["small"], ctx["req"], options=SolveOptions(time_limit_s=5, workers=1, seed=1))
        if not res.roster.shifts:
            raise RuntimeError(f"geen rooster gevonden (status {res.status})")
        ctx["roster"] = res.roster
        return f"{len(res.roster.shifts)} diensten, status {res.status}"

    def check(ctx: dict) -> object:
        from kcroster import pipeline

        errors = [v for v in pipeline.check_roster(ctx["small"], ctx["roster"]) if v.severity == "error"]
        if errors:
            raise RuntimeError(f"{len(errors)} regelovertredingen, bv. {errors[0].message_nl}")
        return "geen overtredingen"

    def export(ctx: dict) -> object:
        import openpyxl

        from kcroster import pipeline

        out = Path(ctx["tmp"]) / "selftest.xlsx"
        pipeline.export_planner_workbook(ctx["small"], ctx["roster"], ctx["req"], out)
        wb = openpyxl.load_workbook(out, read_only=True)
        sheets = wb.sheetnames
        wb.close()
        if len(sheets) < 3:
            raise RuntimeError(f"werkmap heeft te weinig bladen: {sheets}")
        return f"{out.stat().st_size // 1024} kB, bladen: {', '.join(sheets)}"

    def gui(ctx: dict) -> object:
        import os

        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from kcroster.gui.app import selftest_window

        return selftest_window(ctx["project"])

    steps: list[Step] = [("demo-project", demo), ("bezetting", requirement), ("optimaliseren", solve),
                         ("regelcontrole", check), ("export", export)]
    if with_gui:
        steps.append(("venster", gui))
    return steps


def run_selftest(with_gui: bool = True, out=sys.stdout) -> int:
    from kcroster import settings

    settings.make_temp_basedir()
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kcroster-selftest-") as tmp:
        ctx: dict = {"tmp": tmp}
        for name, step in _steps(with_gui):
            t = time.perf_counter()
            try:
                detail = step(ctx)
            except Exception as exc:  # report every failure, never a bare traceback only
                print(f"FOUT  {name}: {exc}", file=out)
                traceback.print_exc(file=out)
                return 1
            print(f"OK    {name} ({time.perf_counter() - t:.1f} s): {detail}", file=out)
    print(f"zelftest geslaagd in {time.perf_counter() - t0:.1f} s", file=out)
    return 0


if __name__ == "__main__":
    sys.exit(run_selftest(with_gui="--no-gui" not in sys.argv))
