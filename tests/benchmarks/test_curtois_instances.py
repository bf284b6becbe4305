"""Curtois & Qu benchmark adapter on the real instances (moved from ``tests/io/test_curtois.py``).

These tests need the Curtois & Qu instances in ``../shared/bench/curtois/`` beside the
repository (``InstanceN.txt``, see ``shared/bench/curtois/README.md``) and fail when they are
missing; they are therefore not part of the unit suite (``addopts`` ignores ``tests/benchmarks``).
The importer is checked against the evaluator's own parser (``curtois_eval.py``) on instances
1–10, the whole chain (import → solve with kcroster's engine → rows → evaluate) on instance 1,
the column-generation bound on instance 4 and the full search beside it on instance 8.
They take a minute or two. Run them from the repository root with::

    .venv/bin/python -m pytest tests/benchmarks/test_curtois_instances.py -p no:cacheprovider -o addopts=""

(``-o addopts=""`` drops the ``--ignore=tests/benchmarks`` of ``pyproject.toml``.)
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from curtois_format import curtois_project, read_curtois, roster_rows

from kcroster.rules.catalogue import Severity
from kcroster.rules.checker import check

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "solver"))  # the solver tests' kit
from solver_kit import research_weights  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
BENCH_DIR = REPO.parent / "shared" / "bench" / "curtois"


def _load_evaluator() -> ModuleType:
    """The independent evaluator beside this file (the one ``tests/io/test_curtois.py`` loads)."""
    loaded = sys.modules.get("curtois_eval")
    if loaded is not None:
        return loaded
    path = Path(__file__).with_name("curtois_eval.py")
    spec = importlib.util.spec_from_file_location("curtois_eval", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["curtois_eval"] = module
    spec.loader.exec_module(module)
    return module


ev = _load_evaluator()


def instance_path(number: int) -> Path:
    path = BENCH_DIR / f"Instance{number}.txt"
    if not path.is_file():
        pytest.fail(
            f"benchmark instance missing: {path} — the Curtois instances must be in "
            f"shared/bench/curtois/ beside the repository (see shared/bench/curtois/README.md)"
        )
    return path


@pytest.mark.parametrize("number", range(1, 11))
def test_importer_agrees_with_the_evaluator_parser(number: int) -> None:
    path = instance_path(number)
    inst = read_curtois(path)
    ref = ev.load(path)
    assert inst.horizon_days == ref.horizon
    assert {s.id: s.length_minutes for s in inst.shifts} == ref.lengths
    assert {s.id: set(s.cannot_follow) for s in inst.shifts} == ref.cannot_follow
    assert {
        s.id: (s.max_shifts, s.max_total_minutes, s.min_total_minutes, s.max_consecutive_shifts,
               s.min_consecutive_shifts, s.min_consecutive_days_off, s.max_weekends)
        for s in inst.staff
    } == {
        k: (v.max_shifts, v.max_minutes, v.min_minutes, v.max_consecutive, v.min_consecutive,
            v.min_days_off, v.max_weekends)
        for k, v in ref.staff.items()
    }
    assert {k: set(v) for k, v in inst.days_off.items()} == ref.days_off
    assert [(r.employee, r.day, r.shift, r.weight) for r in inst.on_requests] == ref.on_requests
    assert [(r.employee, r.day, r.shift, r.weight) for r in inst.off_requests] == ref.off_requests
    assert [(c.day, c.shift, c.requirement, c.weight_under, c.weight_over) for c in inst.cover] == ref.cover
    project = curtois_project(inst)
    assert len(project.agents) == len(ref.staff)
    assert len(project.leave) == sum(len(v) for v in ref.days_off.values())
    assert len(project.shift_rules.type_demand) == ref.horizon * len(ref.lengths)


def test_instance_1_figures() -> None:
    inst = read_curtois(instance_path(1))
    assert (inst.horizon_days, len(inst.staff), len(inst.shifts)) == (14, 8, 1)
    assert (len(inst.on_requests), len(inst.off_requests), len(inst.cover)) == (21, 5, 14)
    assert inst.staff[0].max_shifts == {"D": 14} and inst.staff[0].max_weekends == 1


def test_instance_1_end_to_end_through_the_engine() -> None:
    """Import → kcroster.solver (research weights) → rows → independent evaluation.

    Instance 1 is proven optimal at 607 (Curtois & Qu); whatever the solver reaches in its time
    limit must be legal, must score the same under the evaluator as in the solver (the solver
    optimises exactly the instance objective), and its bound must not exceed the optimum.
    """
    from kcroster.solver import SolveOptions, solve

    path = instance_path(1)
    project = curtois_project(read_curtois(path))
    result = solve(project, None, options=SolveOptions(time_limit_s=8.0, workers=2, seed=1, weights=research_weights()))
    assert result.status in ("optimal", "feasible")
    rows = roster_rows(result.roster, project)
    evaluation = ev.evaluate(ev.load(path), rows)
    assert evaluation.violations == []
    assert evaluation.objective == result.objective
    assert evaluation.objective >= 607
    assert result.best_bound is not None and result.best_bound <= 607
    if result.status == "optimal":
        assert evaluation.objective == 607
    errors = [v for v in check(result.roster, project) if v.severity == Severity.ERROR]
    assert errors == []


def test_column_generation_bound_on_instance_4() -> None:
    """The Dantzig–Wolfe bound of :mod:`kcroster.solver.columns` on instance 4 (10 staff, 28
    days): never above the published optimum 1716 (Curtois & Qu), and on this instance the
    relaxation is tight, so column generation proves it — CP-SAT's own bound was 1603 after 60 s.
    Every schedule it generates must be legal for its agent under the independent evaluator."""
    import math

    from ortools.sat.python import cp_model

    from kcroster.solver import SolveOptions
    from kcroster.solver.builder import ModelBuilder
    from kcroster.solver.columns import HorizonColumns

    path = instance_path(4)
    project = curtois_project(read_curtois(path))
    b = ModelBuilder(project, None, SolveOptions(weights=research_weights()))
    b.build()
    m = b.model.clone()
    m.clear_objective()
    s = cp_model.CpSolver()
    s.parameters.num_workers = 1
    assert s.solve(m) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    hc = HorizonColumns(b)
    bound = hc.run(list(s.response_proto.solution), math.inf)
    assert hc.converged
    assert bound == 1716
    # each generated schedule, as a one-agent roster, breaks none of the instance's hard rules
    inst = ev.load(path)
    for ai, _cost, chosen in hc.columns[:: max(1, len(hc.columns) // 40)]:
        on = {int(i) for i in chosen.tolist()}
        agent = b.agents[ai].id
        rows = [(agent, d, c.shift_type) for d in range(b.D)
                for c, x in zip(b.cands[ai][d], b.x[ai][d], strict=True) if x.index in on]
        hard = [v for v in ev.evaluate(inst, rows).violations if v.startswith(f"{agent}:") or f"({agent}," in v]
        assert hard == [], (agent, rows, hard)


@pytest.mark.parametrize("case", ["far, stalled", "far, improving", "close"])
def test_full_search_makes_way_for_the_columns_and_resumes(case: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Beside the column generation, a full search whose own bound is still far below the best
    roster stops at ``pause_at``; once the column thread is done it starts again as soon as the
    neighbourhood searches have gone STALL_STEPS steps without a better roster (never while they
    still improve it). One whose bound is close runs on. Its bound as reported never falls back."""
    import threading
    import time as clock

    from ortools.sat.python import cp_model

    from kcroster.solver import SolveOptions
    from kcroster.solver.builder import ModelBuilder
    from kcroster.solver.costing import objective_of, price, rosterize
    from kcroster.solver.incumbent import Incumbent
    from kcroster.solver.lns import NeighbourhoodSearch
    from kcroster.solver.options import Stage
    from kcroster.solver.strategies import beside
    from kcroster.solver.strategies.completion import complete
    from kcroster.solver.strategies.full_search import Callback
    from kcroster.solver.warmstart import greedy

    far = case != "close"
    if not far:
        monkeypatch.setattr(beside, "PAUSE_GAP", 10.0)  # any bound counts as close
    monkeypatch.setattr(beside, "STALL_STEPS", 0 if case == "far, stalled" else 1)
    project = curtois_project(read_curtois(instance_path(8)))
    b = ModelBuilder(project, None, SolveOptions(workers=2, seed=1, weights=research_weights()))
    b.build()
    picks, bad = greedy(b, clock.perf_counter() + 5)
    assert bad is None
    values = complete(b, picks, clock.perf_counter() + 5)
    team = [NeighbourhoodSearch(b, values, objective_of(b, values), 1)]
    b.model.proto.solution_hint.vars.extend(range(len(values)))  # as solve() hints it
    b.model.proto.solution_hint.values.extend(values)
    starts: list[float] = []

    class Counting(cp_model.CpSolver):
        def solve(self, model, solution_callback=None):  # type: ignore[override]
            starts.append(clock.perf_counter())
            return super().solve(model, solution_callback)

    solver = Counting()
    solver.parameters.num_workers = 1
    t = clock.perf_counter()
    limit = 4.0 if case == "far, stalled" else 8.0
    solver.parameters.max_time_in_seconds = limit
    reports: list[float] = []
    inc = Incumbent(t, lambda snap: snap.best_bound is not None and reports.append(snap.best_bound),
                    lambda roster, look: price(b, roster, look))
    cb = Callback(inc, lambda vals: rosterize(b, vals), None)
    gains: list[float] = []  # when the neighbourhood search improved the roster
    offer = inc.offer

    def counted(stage, roster, look):
        if stage == Stage.FOUND_NEIGHBOURHOOD:
            gains.append(clock.perf_counter())
        return offer(stage, roster, look)

    monkeypatch.setattr(inc, "offer", counted)
    if not far:
        cb.bound = 0.0  # a bound known from the start (every term is ≥ 0), within PAUSE_GAP
    columns = threading.Thread(target=clock.sleep, args=(1.5,))
    columns.start()
    st = beside.solve_beside(b, solver, cb, team, t + limit, lambda: False, compact_lp=None, wait_for=columns,
                           pause_at=t + 0.5)
    assert team[0].objective <= objective_of(b, values)
    step = 1.0  # (the step of a short solve)
    if case == "far, stalled":
        # (the resumed search is unhinted: in 2.5 s it may find nothing, the roster is the team's)
        assert st in (cp_model.OPTIMAL, cp_model.FEASIBLE, cp_model.UNKNOWN)
        assert len(starts) == 2
        assert starts[1] >= t + 1.5  # after the column thread
        assert clock.perf_counter() - starts[1] > 1.0  # and with the time that was left
    elif case == "far, improving":
        assert gains, "the neighbourhood search improves the greedy roster"
        if len(starts) == 2:
            before = [g for g in gains if g < starts[1]]
            assert starts[1] >= t + 1.5
            assert starts[1] - max([t + 1.5, *before]) >= step - 0.2  # a whole step without a gain
        else:
            # it stayed down: then the search never went a step without a gain until the end
            marks = [t + 1.5, *[g for g in gains if g > t + 1.5], t + limit - 1.0]
            assert len(starts) == 1
            assert max(b2 - a2 for a2, b2 in zip(marks[:-1], marks[1:], strict=True)) < step + 0.3
    else:
        assert st in (cp_model.OPTIMAL, cp_model.FEASIBLE)  # hinted with the first roster
        assert len(starts) == 1
    assert cb.bound is not None and cb.bound <= 1300  # the published optimum
    assert reports == sorted(reports)
