"""Build ``samples/demo.kcroster``: the demo workbooks, their requirement and a solved roster.

    .venv/bin/python samples/make_demo_project.py [--time-limit 60]

Seeded and single-threaded, so the same code gives the same roster. ``python3 tasks.py run`` opens
this file; without it the app builds the demo from the workbooks on start.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--time-limit", type=float, default=60.0)
    ap.add_argument("-o", "--output", type=Path, default=HERE / "demo.kcroster")
    args = ap.parse_args(argv)

    from kcroster import pipeline
    from kcroster.solver import SolveOptions

    project = pipeline.load_demo_project()
    requirement = pipeline.compute_requirement(project)
    result = pipeline.solve_roster(project, requirement,
                                   options=SolveOptions(time_limit_s=args.time_limit, workers=1, seed=1))
    if not result.roster.shifts:
        print(f"geen rooster: {result.status}; {'; '.join(result.conflicts)}", file=sys.stderr)
        return 1
    errors = [v for v in result.violations if str(v.severity) == "error"]
    if errors:
        print(f"{len(errors)} regelovertredingen, bv. {errors[0].message_nl}", file=sys.stderr)
        return 1
    project.scenario.roster = result.roster
    if args.output.exists():
        args.output.unlink()
    pipeline.save_project(project, args.output)
    cov = pipeline.coverage(project, result.roster, requirement)
    print(f"{args.output}: {len(result.roster.shifts)} diensten, status {result.status}, "
          f"tekort {cov.totals['shortfall_hours']:.0f} agent-uur, "
          f"wensen {int(cov.totals['wishes_granted'])}/{int(cov.totals['wishes_total'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
