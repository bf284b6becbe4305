"""Column generation over whole agent schedules (shift-type demand) against a second method:
the Dantzig–Wolfe master LP over *every* legal schedule, enumerated by hand, solved by GLOP."""

from __future__ import annotations

import itertools
import math

from ortools.linear_solver import pywraplp
from ortools.sat.python import cp_model
from solver_kit import opts, research_weights
from test_optimality import NEED, shift_type_brute_force, shift_type_project

from kcroster.solver.builder import ModelBuilder
from kcroster.solver.columns import HorizonColumns
from kcroster.solver.plan import columns_applicable


def legal_rows() -> list[tuple[str, ...]]:
    """The rules of :func:`shift_type_project`, restated: 2–4 shifts of 8 h, at most two E, no E
    the day after L, work runs ≤ 3 and inner runs of work or rest ≥ 2."""
    out = []
    for row in itertools.product("-EL", repeat=4):
        work = [s != "-" for s in row]
        if not 2 <= sum(work) <= 4 or row.count("E") > 2:
            continue
        if any(row[i] == "L" and row[i + 1] == "E" for i in range(3)):
            continue
        runs = [(w, len(list(g))) for w, g in itertools.groupby(work)]
        ok, pos = True, 0
        for w, n in runs:
            inner = pos > 0 and pos + n < 4
            if (w and n > 3) or (inner and n < 2):
                ok = False
            pos += n
        if ok:
            out.append(row)
    return out


def own_cost(agent: int, row: tuple[str, ...]) -> int:
    if agent == 0:
        return 3 * (row[2] != "L")  # wants L on day 2 (weight 3)
    return 2 * (row[1] == "E") + 1 * (row[3] != "-")  # no E on day 1 (2), day 3 off (1)


def dantzig_wolfe_value() -> float:
    """The master LP with all legal schedules of both agents: convexity per agent, the demand
    cells' cost under·(need − x)⁺ + over·(x − need)⁺ as two slacks."""
    rows = legal_rows()
    s = pywraplp.Solver.CreateSolver("GLOP")
    z = {(a, i): s.NumVar(0, 1, "") for a in range(2) for i in range(len(rows))}
    for a in range(2):
        s.Add(sum(z[a, i] for i in range(len(rows))) == 1)
    obj = [own_cost(a, r) * z[a, i] for a in range(2) for i, r in enumerate(rows)]
    for (t, d), n in NEED.items():
        under, over = s.NumVar(0, s.infinity(), ""), s.NumVar(0, s.infinity(), "")
        s.Add(sum(z[a, i] for a in range(2) for i, r in enumerate(rows) if r[d] == t) + under - over == n)
        obj += [7 * under, 3 * over]
    s.Minimize(sum(obj))
    assert s.Solve() == pywraplp.Solver.OPTIMAL
    return s.Objective().Value()


def built():
    p = shift_type_project()
    b = ModelBuilder(p, None, opts(weights=research_weights()))
    b.build()
    return b


def legal_start(b: ModelBuilder) -> list[int]:
    """Any legal roster (the worst one CP-SAT finds first is fine)."""
    m = b.model.clone()
    m.clear_objective()
    s = cp_model.CpSolver()
    s.parameters.num_workers = 1
    assert s.solve(m) in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    return list(s.response_proto.solution)


def test_column_generation_reaches_the_dantzig_wolfe_bound() -> None:
    b = built()
    assert columns_applicable(b)
    dw = dantzig_wolfe_value()
    optimum = shift_type_brute_force()
    assert dw <= optimum + 1e-9
    hc = HorizonColumns(b)
    seen: list[int] = []
    bound = hc.run(legal_start(b), math.inf, on_bound=seen.append)
    assert hc.converged
    assert abs(hc.master_value - dw) < 1e-6  # the restricted master reached the full master's optimum
    assert bound == math.ceil(dw - 1e-6)
    assert bound <= optimum
    assert seen == sorted(seen) and seen[-1] == bound  # reported as it rises


def test_master_solution_is_a_convex_mix_of_legal_schedules() -> None:
    b = built()
    hc = HorizonColumns(b)
    hc.run(legal_start(b), math.inf)
    point = hc.lp_point(len(b.model.proto.variables))
    for ai in range(len(b.agents)):
        for d in range(b.D):
            day = sum(point[x.index] for x in b.x[ai][d])
            assert -1e-9 <= day <= 1 + 1e-9  # at most one shift a day, also fractionally
    # every schedule generated is one of the hand-enumerated legal ones, at its own cost
    legal = set(legal_rows())
    for ai, cost, chosen in hc.columns:
        picked = set(chosen.tolist())
        row = tuple(next((c.shift_type for c, x in zip(b.cands[ai][d], b.x[ai][d], strict=True)
                          if x.index in picked), "-") for d in range(b.D))
        assert row in legal
        assert cost == own_cost(ai, row)


def test_not_used_on_interval_demand() -> None:
    from solver_kit import hourly_requirement, project

    p = project(2, 2)
    b = ModelBuilder(p, hourly_requirement(p, {8: 1.0, 9: 1.0}), opts())
    b.build()
    assert not columns_applicable(b)



def test_the_incumbents_schedules_join_the_master() -> None:
    """A roster found elsewhere while the columns are generated (the neighbourhood search's best)
    enters the master with every agent's schedule, also when it improves mid-run: the master then
    always holds a roster at least that good. The roster used is one with a schedule the column
    generation on its own never generates."""
    b = built()
    start = legal_start(b)
    alone = HorizonColumns(b)
    alone.run(start, math.inf)
    pool = {(ai, tuple(sorted(chosen.tolist()))) for ai, _cost, chosen in alone.columns}

    def schedules(values: list[int]) -> set:
        return {(ai, tuple(sorted(HorizonColumns(b).column_of(ai, values)[2].tolist())))
                for ai in range(len(b.agents))}

    late = next(v for v in every_legal_roster(b) if not schedules(v) <= pool)
    hc = HorizonColumns(b)
    calls = {"n": 0}

    def incumbent() -> list[int]:
        calls["n"] += 1
        return start if calls["n"] == 1 else late  # a new list: the roster improved

    hc.run(start, math.inf, incumbent=incumbent)
    assert calls["n"] >= 2
    have = {(ai, tuple(sorted(chosen.tolist()))) for ai, _cost, chosen in hc.columns}
    assert schedules(late) <= have
    assert abs(hc.master_value - dantzig_wolfe_value()) < 1e-6  # the bound is the same


def every_legal_roster(b: ModelBuilder) -> list[list[int]]:
    m = b.model.clone()
    m.clear_objective()
    m.clear_hints()

    class Keep(cp_model.CpSolverSolutionCallback):
        def __init__(self) -> None:
            super().__init__()
            self.found: list[list[int]] = []

        def on_solution_callback(self) -> None:
            self.found.append(list(self.response_proto.solution))

    s = cp_model.CpSolver()
    s.parameters.num_workers = 1
    s.parameters.enumerate_all_solutions = True
    keep = Keep()
    s.solve(m, keep)
    return keep.found


def test_deterministic_column_generation_counts_its_work_and_repeats_itself() -> None:
    """With a work budget (a deterministic solve) the column generation reaches the same
    Dantzig–Wolfe bound as on the clock, twice the same columns, and a budget too small for one
    round of pricing proves nothing instead of overrunning."""
    p = shift_type_project()
    b = ModelBuilder(p, None, opts(weights=research_weights(), deterministic=True))
    b.build()
    start = legal_start(b)
    runs = []
    for _ in range(2):
        hc = HorizonColumns(b)
        bound = hc.run(start, math.inf, work=60.0)
        runs.append((bound, [(ai, chosen.tolist()) for ai, _c, chosen in hc.columns], hc.work))
    assert runs[0] == runs[1]
    assert runs[0][0] == math.ceil(dantzig_wolfe_value() - 1e-6)
    assert 0 < runs[0][2] <= 60.0 + 1.0  # (the last pricing solve may end a little past the budget)
    tiny = HorizonColumns(b)
    assert tiny.run(start, math.inf, work=0.01) is None


def test_the_master_grown_round_by_round_is_the_master_built_at_once() -> None:
    """The master LP is kept between rounds and grows by the new columns (GLOP warm from its
    basis); over the same columns a master built afresh has the same optimum and duals' value."""
    b = built()
    grown = HorizonColumns(b)
    grown.run(legal_start(b), math.inf)
    assert len(grown.columns) > len(b.agents)  # it grew over several rounds
    fresh = HorizonColumns(b)
    for col in grown.columns:
        fresh.add(col)
    mu_g, sig_g, value_g, z_g = grown.solve_master()
    mu_f, sig_f, value_f, z_f = fresh.solve_master()
    assert abs(value_g - value_f) < 1e-6
    # both dual solutions prove the same value (degenerate duals may differ, their bound may not)
    assert abs(grown.cell_part(mu_g) + sig_g.sum() - (fresh.cell_part(mu_f) + sig_f.sum())) < 1e-6


def test_reduced_costs_are_the_masters_own() -> None:
    """The reduced cost the loop uses to tell a misprice (columns of the smoothed duals that
    cannot improve the master) is GLOP's: own cost − duals' rewards − the agent's convexity
    dual, for every column of a solved master, basic (0) or not (≥ 0)."""
    b = built()
    hc = HorizonColumns(b)
    hc.run(legal_start(b), math.inf)
    mu, sig, _value, _z = hc.solve_master()
    zs = hc._lp[3]
    assert len(zs) == len(hc.columns) > len(b.agents)
    for col, z in zip(hc.columns, zs, strict=True):
        assert abs(hc.reduced_cost(col, mu, sig) - z.reduced_cost()) < 1e-6
    assert not hc._prices_out(hc.columns, mu, sig)  # solved: nothing prices out
    # at duals that overpay a demand cell, a schedule working it prices out
    worked = next(col for col in hc.columns if hc.types_of(col))
    t = next(iter(hc.types_of(worked)))
    richer = mu.copy()
    richer[t] += 1.0 + abs(hc.reduced_cost(worked, mu, sig))
    assert hc._prices_out([worked], richer, sig)


def test_pricing_in_two_threads_gives_what_one_thread_gives() -> None:
    """A deterministic column generation priced in two threads: each agent's solve is the one
    the sequential pricing makes, so the same bound, master and columns, in the same order; a
    round costs its busier thread's work, so no more than the sequential run's."""
    p = shift_type_project()
    b = ModelBuilder(p, None, opts(weights=research_weights(), deterministic=True))
    b.build()
    start = legal_start(b)
    runs = []
    for threads in (1, 2):
        hc = HorizonColumns(b, threads)
        bound = hc.run(start, math.inf, work=60.0)
        runs.append((bound, hc.master_value, [(ai, cost, chosen.tolist()) for ai, cost, chosen in hc.columns],
                     hc.work))
    assert runs[0][:3] == runs[1][:3]
    assert runs[0][0] == math.ceil(dantzig_wolfe_value() - 1e-6)
    assert 0 < runs[1][3] <= runs[0][3]


def test_a_master_guides_once_solved_or_within_the_gap_of_its_bound() -> None:
    """The master's solution steers the search once the master is solved, or once its value is
    within COLUMNS_GUIDE_GAP of the proven bound (a budget ending a round before the master is
    solved); never before a master exists or while it is far above the bound."""
    from kcroster.solver.plan import COLUMNS_GUIDE_GAP

    b = built()
    hc = HorizonColumns(b)
    assert not hc.guides()  # no master yet
    hc.run(legal_start(b), math.inf)
    assert hc.converged and hc.guides()
    assert hc.bound_value <= hc.master_value + 1e-6
    hc.converged = False  # as if the budget had ended the loop: the gap decides
    low = hc.master_value / (1 + COLUMNS_GUIDE_GAP / 2)
    hc.bound_value = low
    assert hc.guides()
    hc.bound_value = hc.master_value * (1 - 2 * COLUMNS_GUIDE_GAP)
    assert not hc.guides()
