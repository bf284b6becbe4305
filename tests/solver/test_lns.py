"""The neighbourhood search: its neighbourhoods, that it only ever moves between legal rosters
that do not get worse, and that it reaches the brute-force optimum from the worst legal roster."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from ortools.sat.python import cp_model
from solver_kit import MON, errors, opts, project, research_weights
from test_optimality import shift_type_brute_force, shift_type_project

from kcroster.model import LabourRules, Roster, ShiftDemand, ShiftRules, ShiftType
from kcroster.solver import solve
from kcroster.solver.builder import ModelBuilder
from kcroster.solver.costing import lookup as _lookup
from kcroster.solver.costing import objective_of as _objective_of
from kcroster.solver.costing import roster_cost
from kcroster.solver.extract import extract
from kcroster.solver.lns import KINDS, NeighbourhoodSearch
from kcroster.solver.plan import LNS_SHRINK


def built(p, **kw) -> ModelBuilder:
    b = ModelBuilder(p, None, opts(weights=research_weights(), **kw))
    b.build()
    return b


def worst_legal(b: ModelBuilder) -> list[int]:
    """The most expensive legal roster: every hard rule holds, the objective is maximised."""
    m = b.model.clone()
    obj = m.proto.objective
    expr = sum(c * m.get_int_var_from_proto_index(v) for v, c in zip(obj.vars, obj.coeffs, strict=True))
    m.clear_objective()
    m.maximize(expr)
    s = cp_model.CpSolver()
    s.parameters.num_workers = 1
    s.parameters.max_time_in_seconds = 10
    assert s.solve(m) == cp_model.OPTIMAL
    return list(s.response_proto.solution)


def test_reaches_the_brute_force_optimum_from_the_worst_roster() -> None:
    p = shift_type_project()
    b = built(p)
    start = worst_legal(b)
    best = shift_type_brute_force()
    ns = NeighbourhoodSearch(b, start, _objective_of(b, start), seed=3)
    assert ns.objective > best  # something to do
    trail = [ns.objective]
    for _ in range(200):
        ns.step(2.0)
        trail.append(ns.objective)
        # every step's roster is legal and costs what the search says
        roster = extract(b, _lookup(ns.values))
        assert errors(_Result(roster), p) == []
        assert roster_cost(b, roster, _lookup(ns.values))[0] == ns.objective
        if ns.objective == best:
            break
    assert ns.objective == best
    assert all(a >= z for a, z in zip(trail, trail[1:], strict=False))  # never worse
    assert ns.improvements >= 1


class _Result:
    def __init__(self, roster: Roster) -> None:
        self.roster = roster


def _six_agents_week(seed: int) -> tuple[NeighbourhoodSearch, list[int]]:
    """A neighbourhood search on six agents over a week, started from a feasible roster."""
    b = built(project(6, 7, max_days_per_week=5))
    s = cp_model.CpSolver()
    s.parameters.num_workers = 1
    assert s.solve(b.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    values = list(s.response_proto.solution)
    return NeighbourhoodSearch(b, values, _objective_of(b, values), seed=seed), values


@pytest.mark.parametrize("kind", KINDS)
def test_neighbourhoods_free_cells_and_fix_the_rest(kind: str) -> None:
    ns, values = _six_agents_week(seed=1)
    ns.size[kind] = 0.3
    free = ns.neighbourhood(kind)
    assert free and free < set(ns.cells)
    agents = {a for a, _ in free}
    days = {d for _, d in free}
    if kind == "agents":  # whole agents
        assert free == {(a, d) for a in agents for d in range(7)}
    if kind == "days":  # every agent over consecutive days
        assert agents == set(range(6)) and max(days) - min(days) + 1 == len(days)
    if kind == "block":  # a rectangle of agents × consecutive days
        assert free == {(a, d) for a in agents for d in days} and max(days) - min(days) + 1 == len(days)
    ns._fix(free)
    var = ns.proto.variables
    for cell, idxs in ns.cells.items():
        for i in idxs:
            dom = list(var[i].domain)
            assert dom == ([0, 1] if cell in free else [values[i], values[i]])
    # freeing everything again restores every domain
    ns._fix(set(ns.cells))
    assert all(list(var[i].domain) == [0, 1] for idxs in ns.cells.values() for i in idxs)


def test_sizes_adapt_to_how_the_sub_solves_end() -> None:
    p = shift_type_project()
    b = built(p)
    start = worst_legal(b)
    ns = NeighbourhoodSearch(b, start, _objective_of(b, start), seed=5)
    before = dict(ns.size)
    ns.step(5.0)  # tiny model: every neighbourhood is solved to optimality → it grows
    assert sum(ns.size[k] > before[k] for k in KINDS) == 1
    grown = ns.size["days"]
    ns.adapt("days", cp_model.FEASIBLE, False)  # ran out of time: smaller
    assert ns.size["days"] < grown
    share, size = ns.gains["agents"], ns.size["agents"]
    ns.adapt("agents", cp_model.OPTIMAL, True)  # improved: chosen more often
    assert ns.gains["agents"] > share and ns.size["agents"] > size


def test_two_workers_search_beside_and_still_optimal() -> None:
    """With two workers the full search runs in a thread beside the neighbourhood search; the
    result is still the brute-force optimum, legal, and its cost recomputed from the roster."""
    p = shift_type_project()
    res = solve(p, None, options=opts(weights=research_weights(), workers=2, time_limit_s=20))
    assert res.status == "optimal"
    assert res.objective == shift_type_brute_force()
    assert errors(res, p) == []


def test_lp_neighbourhood_frees_the_cells_that_disagree_with_the_lp() -> None:
    ns, values = _six_agents_week(seed=2)
    assert "lp" not in {ns._pick_kind() for _ in range(50)}  # no LP yet: never chosen
    lp = [float(v) for v in values]
    cells = sorted(ns.cells)
    far, near = cells[5], cells[17]
    for i in ns.cells[far]:
        lp[i] = 0.5  # disagrees by a half on every candidate
    i = ns.cells[near][0]
    lp[i] = abs(values[i] - 0.2)  # disagrees a little
    ns.lp = lp
    ns.size["lp"] = 2 / len(ns.cells)
    assert ns.neighbourhood("lp") == {far, near}
    ns.size["lp"] = 1 / len(ns.cells)
    assert ns.neighbourhood("lp") == {far}


def test_rens_dive_reaches_the_optimum_where_the_lp_is_integral() -> None:
    """On the interval instance of test_bounds the LP optimum is integral and equals the
    brute-force optimum: fixing the LP's integral literals leaves exactly that roster, and the
    dive finds it from the worst legal roster in one solve."""
    from test_bounds import _brute_force_interval, _interval_instance

    from kcroster.solver.bound import lp_values

    p, req, demand = _interval_instance()
    b = ModelBuilder(p, req, opts())
    b.build()
    start = worst_legal(b)
    ns = NeighbourhoodSearch(b, start, _objective_of(b, start), seed=1)
    best = _brute_force_interval(demand)
    assert ns.objective > best
    ns.lp = lp_values(b.model)
    ns.rens_pending = True
    assert ns.rens(5.0)
    assert ns.objective == best and not ns.rens_pending and ns.wins["rens"] == 1
    roster = extract(b, _lookup(ns.values))
    assert errors(_Result(roster), p) == []
    assert roster_cost(b, roster, _lookup(ns.values))[0] == best
    # a dive that cannot improve changes nothing
    before = list(ns.values)
    ns.lp = [float(v) for v in start]
    assert not ns.rens(5.0) and ns.values == before and ns.objective == best


def test_searches_in_lockstep_reach_the_optimum_the_same_way_every_time() -> None:
    """Deterministic solves run one neighbourhood search per worker in lockstep: from the worst
    legal roster they reach the brute-force optimum, every improvement reported is legal and
    never worse than the one before, and a second run retraces the first exactly."""
    from kcroster.solver.lns import run_together

    p = shift_type_project()
    b = built(p, deterministic=True)
    start = worst_legal(b)
    best = shift_type_brute_force()

    def run() -> list[float]:
        team = [NeighbourhoodSearch(b, start, _objective_of(b, start), seed=s) for s in (11, 12)]
        trail: list[float] = []

        def improved(obj: float, values: list[int]) -> None:
            assert errors(_Result(extract(b, _lookup(values))), p) == []
            trail.append(obj)

        run_together(team, lambda: team[0].objective <= best, improved, step_limit=2.0, work=200.0)
        assert all(ns.objective == team[0].objective for ns in team)  # all go on from the best
        return trail

    first = run()
    assert first and first[-1] == best and first == sorted(first, reverse=True)
    assert run() == first


def _short_handed() -> tuple[ModelBuilder, list[int]]:
    """Eight agents over a week of early and late shifts; a late-shift demand on Thursday that
    the roster (the worst legal one) misses, and only agents a0–a2 may work late shifts."""
    lab = LabourRules(disabled={"atw_shift_length", "atw_week_hours", "atw_avg_hours", "atw_daily_rest",
                                "atw_weekly_rest", "atw_breaks", "atw_night_rest", "atw_sundays",
                                "contract_week_hours", "contract_days_per_week"})
    p = project(8, 7, labour=lab, max_consecutive_days=5, max_shifts_per_type={"L": 0})
    for a in p.agents[:3]:
        a.max_shifts_per_type = {}
    p.shift_rules = ShiftRules(use_templates=False, shift_types=[ShiftType("E", time(6), time(14)),
                                                                 ShiftType("L", time(14), time(22))])
    p.shift_rules.type_demand = [ShiftDemand(MON + timedelta(days=d), "E", 3, weight_under=5, weight_over=1)
                                 for d in range(7)]
    p.shift_rules.type_demand.append(ShiftDemand(MON + timedelta(days=3), "L", 2, weight_under=50, weight_over=1))
    b = built(p)
    return b, worst_legal(b)


def test_short_neighbourhood_re_plans_around_a_missed_demand() -> None:
    """The "short" neighbourhood is a block around a day whose shift-type demand the roster
    misses or exceeds, drawn by what that costs, and it takes first the agents who could work
    a missed shift that day."""
    b, start = _short_handed()
    ns = NeighbourhoodSearch(b, start, _objective_of(b, start), seed=4)
    missed = ns._missed()
    late = [c for d, idxs, c in missed if d == 3 and c >= 50]
    assert late, "the worst roster misses Thursday's late shifts"
    costly_days = {d for d, _i, _c in missed}
    late_agents = {0, 1, 2}
    ns.size["short"] = 0.1  # blocks of about three agents over a day or two
    thursday = 0
    for _ in range(40):
        free = ns.neighbourhood("short")
        days = {d for _, d in free}
        agents = {a for a, _ in free}
        assert free == {(a, d) for a in agents for d in days} and max(days) - min(days) + 1 == len(days)
        assert days & costly_days  # around a day that costs
        if 3 in days and late_agents <= agents:
            thursday += 1
    # Thursday's late shifts cost most of all: most blocks are there, with the late agents
    assert thursday >= 20
    # and the search, taking only such neighbourhoods, covers Thursday's late demand
    ns._pick_kind = lambda: "short"
    for _ in range(30):
        ns.step(2.0)
    assert not [c for d, _i, c in ns._missed() if d == 3 and c >= 50]


def test_short_neighbourhood_is_not_drawn_without_shift_type_demand() -> None:
    ns, _values = _six_agents_week(seed=3)  # interval demand
    assert not ns.demand
    assert "short" not in {ns._pick_kind() for _ in range(100)}


def test_a_size_that_ran_out_of_time_caps_every_kind_drawn_at_random() -> None:
    ns, _values = _six_agents_week(seed=4)
    ns.size = dict.fromkeys(KINDS, 0.3)
    ns.size["agents"] = 0.1
    ns.adapt("days", cp_model.FEASIBLE, False)  # out of time at 0.3: no random kind tries 0.3 again
    assert all(ns.size[k] <= 0.3 * LNS_SHRINK + 1e-12 for k in KINDS if k != "lp")
    assert ns.size["agents"] == 0.1  # a smaller one stays
    assert ns.size["lp"] == 0.3  # the LP's kind frees other cells: it keeps its own size
    ns.adapt("lp", cp_model.FEASIBLE, False)  # ... and caps only itself
    assert ns.size["lp"] == 0.3 * LNS_SHRINK and ns.size["block"] == 0.3 * LNS_SHRINK
