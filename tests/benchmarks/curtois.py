"""Curtois & Qu shift scheduling benchmark run through kcroster's own engine.

    python tests/benchmarks/curtois.py INSTANCE [--time-limit S] [--workers N] [-o SOLUTION.csv]

INSTANCE is a path or a number (``5`` → ``../shared/bench/curtois/Instance5.txt``). The
instance is read into kcroster's domain (:mod:`kcroster.io.curtois`), solved with
:func:`kcroster.solver.solve` using :meth:`Weights.research` (the instance objective, nothing
else), written as ``employee,day,shift`` rows, and re-evaluated by the independent evaluator
``curtois_eval.py`` (objective and every hard rule). Prints::

    objective,best_bound,seconds,hard_violations
    607,607,2.31,0

Details (status, the solver's own objective, kcroster's rule checker) go to stderr. Several
instances and/or several time limits (``1-10 --time-limit 10 60``) run one after another and end
with a Markdown table: instance, best known, ours per limit, bound, gap.

Measured seconds are wall-clock time of the whole solve (model build included); on a shared
machine they are noisy.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
BENCH_DIR = REPO.parent / "shared" / "bench" / "curtois"
sys.path.insert(0, str(HERE))

import curtois_eval  # noqa: E402  (sibling module of this script)

# Best known values and the best published 10-minute results, from shared/bench/curtois/README.md
# (Curtois & Qu 2014; schedulingbenchmarks.org).
BEST_KNOWN = {1: 607, 2: 828, 3: 1001, 4: 1716, 5: 1143, 6: 1950, 7: 1056, 8: 1300, 9: 439, 10: 4631}
PUBLISHED_10_MIN = {5: 1143, 8: 1341, 10: 4631}


@dataclass
class Run:
    instance: str
    number: int | None
    time_limit: float
    objective: int | None
    solver_objective: float | None
    best_bound: float | None
    seconds: float
    hard_violations: int
    checker_violations: int | None
    status: str


def instance_file(arg: str) -> tuple[Path, int | None]:
    if arg.isdigit():
        return BENCH_DIR / f"Instance{int(arg)}.txt", int(arg)
    path = Path(arg)
    stem = path.stem
    number = int(stem[len("Instance"):]) if stem.startswith("Instance") and stem[len("Instance"):].isdigit() else None
    return path, number


def expand(args: list[str]) -> list[str]:
    out: list[str] = []
    for a in args:
        if "-" in a and all(p.isdigit() for p in a.split("-", 1)):
            lo, hi = (int(p) for p in a.split("-", 1))
            out.extend(str(i) for i in range(lo, hi + 1))
        else:
            out.append(a)
    return out


def run_one(arg: str, time_limit: float, workers: int, seed: int, output: Path | None) -> Run:
    from kcroster.io.curtois import (
        curtois_project,
        read_curtois,
        roster_rows,
        write_curtois_solution,
    )
    from kcroster.solver import solve
    from kcroster.solver.options import SolveOptions, Weights

    path, number = instance_file(arg)
    inst = read_curtois(path)
    project = curtois_project(inst)
    options = SolveOptions(time_limit_s=time_limit, workers=workers, seed=seed, weights=Weights.research())
    t0 = time.perf_counter()
    result = solve(project, None, options=options)
    seconds = time.perf_counter() - t0

    rows = roster_rows(result.roster, project)
    if output is not None:
        write_curtois_solution(output, rows)
    evaluation = curtois_evaluate(path, rows)
    checker = product_checker(result.roster, project)
    run = Run(
        instance=path.stem, number=number, time_limit=time_limit,
        objective=evaluation.objective if rows or result.status in ("optimal", "feasible") else None,
        solver_objective=result.objective, best_bound=result.best_bound, seconds=seconds,
        hard_violations=evaluation.hard_violations, checker_violations=checker, status=result.status,
    )
    print(
        f"# {run.instance} limit {time_limit:g}s: status {result.status}, solver objective "
        f"{result.objective}, evaluator {evaluation.objective} (on {evaluation.on_request_penalty}, "
        f"off {evaluation.off_request_penalty}, cover {evaluation.cover_penalty}), "
        f"kcroster checker errors {checker}, solve {result.elapsed_s:.2f}s",
        file=sys.stderr,
    )
    for v in evaluation.violations[:20]:
        print(f"#   hard violation: {v}", file=sys.stderr)
    if result.objective is not None and result.objective > evaluation.objective:
        # The solver's penalty variables are only bounded from below (u >= req - x), so a
        # non-optimal solution may carry slack; the minimum (and so the bound) is unaffected.
        print(
            f"#   note: solver objective overstates the roster's true cost by "
            f"{result.objective - evaluation.objective:g} (slack in its penalty variables)",
            file=sys.stderr,
        )
    elif result.objective is not None and result.objective < evaluation.objective:
        print(
            "#   WARNING: solver objective below the roster's true cost — the solver does not "
            "optimise the instance objective, so its bound is not on the instance scale",
            file=sys.stderr,
        )
    return run


def curtois_evaluate(path: Path, rows: list[tuple[str, int, str]]) -> curtois_eval.Evaluation:
    return curtois_eval.evaluate(curtois_eval.load(path), rows)


def product_checker(roster: object, project: object) -> int | None:
    """Errors kcroster's own rule checker finds (None when the checker is not available)."""
    try:
        from kcroster.rules.checker import check
    except ImportError:
        return None
    violations = check(roster, project)  # type: ignore[arg-type]
    return sum(1 for v in violations if str(getattr(v, "severity", "error")) == "error")


def fmt(x: float | None) -> str:
    if x is None:
        return "—"
    return f"{x:.0f}" if float(x).is_integer() else f"{x:.1f}"


def table(runs: list[Run], limits: list[float]) -> str:
    head = ["instance", "best known"] + [f"ours {lim:g}s" for lim in limits]
    head += [f"bound {limits[-1]:g}s", f"gap to best {limits[-1]:g}s", f"proven gap {limits[-1]:g}s",
             "published 10-min", "hard viol."]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    names = list(dict.fromkeys(r.instance for r in runs))
    for name in names:
        mine = {r.time_limit: r for r in runs if r.instance == name}
        number = next(r.number for r in runs if r.instance == name)
        best = BEST_KNOWN.get(number) if number is not None else None
        last = mine.get(limits[-1])
        cells = [name, fmt(best)]
        cells += [fmt(mine[lim].objective) if lim in mine else "—" for lim in limits]
        bound = last.best_bound if last else None
        cells.append(fmt(bound))
        if last and last.objective is not None and best:
            cells.append(f"{100 * (last.objective - best) / best:.1f} %")
        else:
            cells.append("—")
        if last and last.objective is not None and bound is not None and last.objective > 0:
            cells.append(f"{100 * (last.objective - bound) / last.objective:.1f} %")
        else:
            cells.append("—")
        cells.append(fmt(PUBLISHED_10_MIN.get(number)) if number is not None else "—")
        cells.append(",".join(str(mine[lim].hard_violations) for lim in limits if lim in mine))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("instance", nargs="+", help="path, number or range (1-10)")
    parser.add_argument("--time-limit", type=float, nargs="+", default=[60.0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("-o", "--output", type=Path, help="solution CSV (single run only)")
    args = parser.parse_args(argv)

    instances = expand(args.instance)
    single = len(instances) == 1 and len(args.time_limit) == 1
    if args.output is not None and not single:
        parser.error("-o needs exactly one instance and one time limit")
    for arg in instances:
        path, _ = instance_file(arg)
        if not path.is_file():
            parser.error(f"instance file not found: {path}")

    runs: list[Run] = []
    print("instance,time_limit,objective,best_bound,seconds,hard_violations" if not single
          else "objective,best_bound,seconds,hard_violations")
    for arg in instances:
        for lim in args.time_limit:
            r = run_one(arg, lim, args.workers, args.seed, args.output)
            runs.append(r)
            values = f"{fmt(r.objective)},{fmt(r.best_bound)},{r.seconds:.2f},{r.hard_violations}"
            print(values if single else f"{r.instance},{lim:g},{values}", flush=True)
    if not single:
        print()
        print(table(runs, args.time_limit))
    return 0 if all(r.hard_violations == 0 for r in runs) else 1


if __name__ == "__main__":
    raise SystemExit(main())
