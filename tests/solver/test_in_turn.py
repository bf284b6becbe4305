"""A deterministic solve's search in turn: when the neighbourhood searches stall, the full search
takes over from their best roster, and they go on from its better one."""

from __future__ import annotations

from types import SimpleNamespace

from ortools.sat.python import cp_model
from test_lns import built, worst_legal
from test_optimality import shift_type_brute_force, shift_type_project

from kcroster.solver.costing import objective_of
from kcroster.solver.lns import NeighbourhoodSearch
from kcroster.solver.plan import STALL_STEPS
from kcroster.solver.strategies.in_turn import SearchInTurn


class _Kept(cp_model.CpSolverSolutionCallback):
    """The full search's callback as far as the search in turn reads it: the best values."""

    def __init__(self) -> None:
        super().__init__()
        self.values: tuple[float, list[int]] | None = None

    def on_solution_callback(self) -> None:
        if self.values is None or self.objective_value < self.values[0]:
            self.values = (self.objective_value, list(self.response_proto.solution))


def test_a_stalled_team_hands_over_to_the_full_search_and_adopts_its_roster(monkeypatch) -> None:
    b = built(shift_type_project(), deterministic=True)
    start = worst_legal(b)
    team = [NeighbourhoodSearch(b, start, objective_of(b, start), seed=s) for s in (1, 2)]
    steps: list[int] = []

    def no_gain(ns: NeighbourhoodSearch, left: float, step_limit: float) -> bool:
        ns.work += 0.1  # a step that finds nothing: the team stalls
        steps.append(id(ns))
        return False

    monkeypatch.setattr(NeighbourhoodSearch, "next_step", no_gain)
    hints: list[list[int]] = []
    solve = cp_model.CpSolver.solve

    def seen(solver: cp_model.CpSolver, model: cp_model.CpModel, cb=None):
        hints.append(list(model.proto.solution_hint.values))
        return solve(solver, model, cb)

    monkeypatch.setattr(cp_model.CpSolver, "solve", seen)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    full = SimpleNamespace(solver=solver, cb=_Kept(), status=None)
    search = SearchInTurn(plan=None, full=full, objective=team[0].objective)
    found: list[float] = []
    search._search_and_restart(SimpleNamespace(b=b), team, lambda: False, lambda o, _v: found.append(o),
                               step=1.0, rest=20.0, full_work=5.0)
    # the team went STALL_STEPS rounds without gain before the full search came, from its roster
    assert len(steps) == 2 * (STALL_STEPS)
    assert hints == [start]
    # the full search solved it; every search of the team holds its optimum
    assert full.status == cp_model.OPTIMAL
    assert all(ns.objective == shift_type_brute_force() for ns in team)
    assert all(ns.values == full.cb.values[1] for ns in team)
