"""Lower bounds (LP relaxation, Lagrangian), per-agent wish fairness and the reported objective,
against brute force and hand-computed costs on instances small enough to enumerate."""

from __future__ import annotations

import itertools
import time as clock
from datetime import time, timedelta

from lp_bound_kit import lp_bound
from solver_kit import MON, errors, hourly_requirement, opts, project, research_weights
from test_optimality import cell

from kcroster.model import LabourRules, ShiftDemand, ShiftRules, ShiftType, Wish, WishKind
from kcroster.solver import Weights, solve
from kcroster.solver import plan as solve_plan
from kcroster.solver.builder import ModelBuilder
from kcroster.solver.lagrange import lagrangian_bound


def _interval_instance():
    p = project(3, 3, max_days_per_week=2)
    demand = {8: 1.5, 9: 2.0, 10: 2.6, 11: 1.0}
    req = hourly_requirement(p, demand)
    p.wishes = [Wish("a1", MON + timedelta(days=1), WishKind.OFF, weight=2),
                Wish("a2", MON, WishKind.EARLY, weight=1)]
    return p, req, demand


def _brute_force_interval(demand) -> int:
    """Same enumeration as test_optimality: off, 08–11 or 09–12 per agent-day, ≤ 2 days each."""
    spans = {0: set(), 1: {8, 9, 10}, 2: {9, 10, 11}}
    best = None
    for combo in itertools.product(range(3), repeat=9):
        plan = [combo[i * 3:(i + 1) * 3] for i in range(3)]
        if any(sum(1 for o in row if o) > 2 for row in plan):
            continue
        cost = sum(cell(sum(1 for a in range(3) if h in spans[plan[a][d]]), r)
                   for d in range(3) for h, r in demand.items())
        cost += 200 * (plan[1][1] != 0) + 100 * (plan[2][0] != 1)
        best = cost if best is None else min(best, cost)
    return best


def test_bounds_never_exceed_the_brute_force_optimum_and_meet_it_where_the_lp_is_integral() -> None:
    p, req, demand = _interval_instance()
    optimum = _brute_force_interval(demand)
    b = ModelBuilder(p, req, opts())
    b.build()
    lp = lp_bound(b.model, 10.0)
    lag = lagrangian_bound(b, clock.perf_counter() + 10.0)
    assert lp.bound is not None and lag is not None
    assert lp.bound <= optimum and lag <= optimum
    # here the relaxation has an integral optimum: both bounds close the gap completely
    assert lp.bound == optimum
    assert lag == optimum
    res = solve(p, req, options=opts())
    assert res.objective == optimum and res.best_bound == optimum and res.gap == 0.0


def test_bounds_on_the_shift_type_model_stay_below_the_brute_force_optimum() -> None:
    lab = LabourRules(disabled={"atw_shift_length", "atw_week_hours", "atw_avg_hours", "atw_daily_rest",
                                "atw_weekly_rest", "atw_breaks", "atw_night_rest", "atw_sundays",
                                "contract_week_hours", "contract_days_per_week"})
    p = project(2, 3, labour=lab, max_shifts_per_type={"E": 1})
    p.shift_rules = ShiftRules(use_templates=False, shift_types=[ShiftType("E", time(6), time(14)),
                                                                 ShiftType("L", time(14), time(22))],
                               forbidden_sequences=[("L", "E")])
    days = [MON + timedelta(days=i) for i in range(3)]
    need = {("E", 0): 2, ("L", 0): 0, ("E", 1): 1, ("L", 1): 1, ("E", 2): 1, ("L", 2): 1}
    p.shift_rules.type_demand = [ShiftDemand(days[d], t, n, weight_under=5, weight_over=2)
                                 for (t, d), n in need.items()]
    p.wishes = [Wish("a0", days[1], WishKind.OFF, weight=4)]
    w8 = research_weights()
    best = None
    for r0, r1 in itertools.product(itertools.product("-EL", repeat=3), repeat=2):
        if r0.count("E") > 1 or r1.count("E") > 1:
            continue
        if any(r[i] == "L" and r[i + 1] == "E" for r in (r0, r1) for i in range(2)):
            continue
        cost = 0
        for (t, d), n in need.items():
            x = (r0[d] == t) + (r1[d] == t)
            cost += (n - x) * 5 if x < n else (x - n) * 2
        cost += 4 * (r0[1] != "-")
        best = cost if best is None else min(best, cost)
    b = ModelBuilder(p, None, opts(weights=w8))
    b.build()
    lp = lp_bound(b.model, 10.0)
    lag = lagrangian_bound(b, clock.perf_counter() + 10.0)
    assert lp.bound is not None and lp.bound <= best
    assert lag is not None and lag <= best
    res = solve(p, None, options=opts(weights=w8))
    assert res.objective == best
    assert res.best_bound is not None and res.best_bound <= best
    assert errors(res, p) == []


def _fairness_instance():
    # one agent needed on day 0 (08–11), nobody on day 1; each agent may work one day
    p = project(2, 2, max_days_per_week=1)
    req = hourly_requirement(p, {8: 1.0, 9: 1.0, 10: 1.0})
    req[:, p.horizon.day_slice(1)] = 0.0
    p.wishes = [Wish("a0", MON, WishKind.OFF, weight=1),
                Wish("a1", MON, WishKind.OFF, weight=2),
                Wish("a1", MON + timedelta(days=1), WishKind.OFF, weight=1)]
    return p, req


def test_fairness_protects_the_agent_whose_only_wish_would_be_refused() -> None:
    """By hand: nobody on day 0 costs 3 h × 10 tenths × 200 = 6000. a0 works day 0 → refused
    weight 1 (wish cost 100) but a0 gets 0 % of their wishes: fairness 50 × 50 points = 2500.
    a1 works day 0 → refused weight 2 (200), a1 keeps 1 of 3 weight: ceil(100·2/3 − 50) = 17
    points × 50 = 850. 2600 > 1050: a1 works."""
    p, req = _fairness_instance()
    w8 = Weights(under_tiers=(200, 300, 400), over=1, wish=100, fairness_wishes=50, fairness_unpopular=0, stability=0)
    res = solve(p, req, options=opts(weights=w8))
    assert res.status == "optimal"
    assert res.wishes_per_agent["a0"] == (1, 1)
    assert res.objective == 200 + 850
    assert res.objective_terms.get("fairness") == 850
    # without the fairness term the cheaper refusal (a0's single wish) wins
    plain = solve(p, req, options=opts(weights=Weights(under_tiers=(200, 300, 400), over=1, wish=100,
                                                       fairness_wishes=0, fairness_unpopular=0, stability=0)))
    assert plain.wishes_per_agent["a0"] == (0, 1)
    assert plain.objective == 100


def test_last_progress_report_is_the_returned_roster() -> None:
    p, req, _demand = _interval_instance()
    seen = []
    res = solve(p, req, options=opts(), on_progress=seen.append)
    assert seen[-1].objective == res.objective
    assert seen[-1].best_bound == res.best_bound


def test_lp_values_is_a_feasible_optimum_of_the_same_relaxation() -> None:
    """The LP point that steers the neighbourhood search: within every variable's domain, every
    linear row of the model holds at it, and it costs the LP optimum the bound is proven from."""
    from kcroster.solver.bound import lp_values

    p, req, _demand = _interval_instance()
    b = ModelBuilder(p, req, opts())
    b.build()
    v = lp_values(b.model)
    assert v is not None and len(v) == len(b.model.proto.variables)
    pr = b.model.proto
    for j, var in enumerate(pr.variables):
        assert var.domain[0] - 1e-6 <= v[j] <= var.domain[len(var.domain) - 1] + 1e-6
    for c in pr.constraints:
        if c.has_linear() and not len(c.enforcement_literal):
            lin = c.linear
            act = sum(a * (v[r] if r >= 0 else 1 - v[-r - 1]) for r, a in zip(lin.vars, lin.coeffs, strict=True))
            assert lin.domain[0] - 1e-6 <= act <= lin.domain[len(lin.domain) - 1] + 1e-6
    obj = pr.objective
    value = obj.offset + sum(a * (v[r] if r >= 0 else 1 - v[-r - 1]) for r, a in zip(obj.vars, obj.coeffs, strict=True))
    lb = lp_bound(b.model)
    assert abs(value - lb.lp_value) < 1e-6
    assert lb.bound <= value + 1e-6


def test_a_short_solve_never_returns_worse_than_its_first_legal_roster() -> None:
    """The full search on interval demand runs without the first roster as hint, so within a few
    seconds on the 25-agent week it has nothing better yet: the returned roster is never worse
    than the first legal one, and it is what the last progress report says. (Deterministic: a
    3-second limit on the clock ends before the first roster is completed on a busy machine.)"""
    from scenario_kit import scenario

    from kcroster.rules.checker import check

    p, req = scenario("S", 1)
    seen = []
    res = solve(p, req, options=opts(time_limit_s=3.0, deterministic=True), on_progress=seen.append)
    first = [s.objective for s in seen if s.message == "rooster aangevuld (pauzes, wachtrijen)"]
    assert first and first[0] is not None and res.objective is not None
    assert res.objective <= first[0]
    assert seen[-1].objective == res.objective
    # the progress curve never runs backwards in time
    times = [s.elapsed_s for s in seen]
    assert times == sorted(times)
    assert [v for v in check(res.roster, p) if v.severity == "error"] == []


def test_big_models_complete_the_shift_choice_with_cp_sat_when_that_is_cheaper(monkeypatch) -> None:
    """Above COMPLETE_MAX_VARS the full search is skipped; the descent's shift choice still gets
    its breaks and queues from CP-SAT, kept only when it costs less than Python's placement."""
    from scenario_kit import scenario

    from kcroster.rules.checker import check
    from kcroster.solver.strategies import completion, dive, rounds

    p, req = scenario("S", 1)
    monkeypatch.setattr(solve_plan, "COMPLETE_MAX_VARS", 0)  # treat the 25-agent week as big
    completed = solve(p, req, options=opts(time_limit_s=8.0))
    assert "complete_s" in completed.stats and completed.status == "feasible"
    assert [v for v in check(completed.roster, p) if v.severity == "error"] == []
    for module in (completion, dive, rounds):  # every CP-SAT completion fails
        monkeypatch.setattr(module, "complete", lambda *_a, **_k: None)
    python_only = solve(p, req, options=opts(time_limit_s=8.0))
    assert completed.objective <= python_only.objective


def test_queue_split_of_a_solution_is_the_cheaper_of_flows_and_water_filling() -> None:
    """Both ways of naming the queue each on-duty agent serves give a legal roster with the
    solver's shifts and breaks; the one returned costs the least of the two (cost recomputed from
    the roster's own segments)."""
    from scenario_kit import scenario

    from kcroster.rules.checker import check
    from kcroster.solver.costing import lookup as _lookup
    from kcroster.solver.costing import roster_cost
    from kcroster.solver.costing import roster_of as _extract
    from kcroster.solver.extract import extract
    from kcroster.solver.strategies.completion import complete as _complete
    from kcroster.solver.warmstart import greedy

    p, req = scenario("S", 1)
    b = ModelBuilder(p, req, opts())
    b.build()
    picks, bad = greedy(b, clock.perf_counter() + 20)
    assert bad is None
    look = _lookup(_complete(b, picks, clock.perf_counter() + 20))
    flows, need, best = extract(b, look), extract(b, look, queues_by_need=True), _extract(b, look)
    costs = [roster_cost(b, r, look)[0] for r in (flows, need, best)]
    assert costs[2] == min(costs[0], costs[1])
    for r in (flows, need, best):
        assert [v for v in check(r, p) if v.severity == "error"] == []
        # same shifts and breaks, only the queue names differ
        assert [(s.agent_id, s.start, s.end) for s in r.shifts] == [(s.agent_id, s.start, s.end) for s in flows.shifts]
        assert [[(g.start, g.end) for g in s.segments if g.activity == "break"] for s in r.shifts] == \
            [[(g.start, g.end) for g in s.segments if g.activity == "break"] for s in flows.shifts]


def test_lagrangian_bound_prices_the_per_agent_wish_fairness_exactly() -> None:
    """The instance of the fairness test above: the optimum is 200 + 850 = 1050 (a1 works day
    0). A relaxation that ignored the fairness term would stop at 100 (a0 works: one refused
    wish of weight 1); pricing each agent's refusal patterns with their fairness cost closes the
    gap — a0 working costs 100 + 2500, a1 working 200 + 850, nobody 6000."""
    p, req = _fairness_instance()
    w8 = Weights(under_tiers=(200, 300, 400), over=1, wish=100, fairness_wishes=50, fairness_unpopular=0, stability=0)
    b = ModelBuilder(p, req, opts(weights=w8))
    b.build()
    lag = lagrangian_bound(b, clock.perf_counter() + 10.0)
    assert lag == 1050
    lp = lp_bound(b.model, 10.0)
    assert lp.bound is not None and lp.bound <= 1050


def test_glop_and_pdlp_agree_on_the_lp_bound() -> None:
    """Two LP methods (simplex and first-order) on the same relaxation: the same optimum."""
    p, req, _demand = _interval_instance()
    b = ModelBuilder(p, req, opts())
    b.build()
    glop, pdlp = lp_bound(b.model, 10.0), lp_bound(b.model, 10.0, method="pdlp")
    assert glop.status == pdlp.status == "MPSOLVER_OPTIMAL"
    assert abs(glop.lp_value - pdlp.lp_value) <= 1e-4 * max(1.0, abs(glop.lp_value))


def test_the_lp_lets_other_python_threads_run_meanwhile() -> None:
    """The LP that steers the neighbourhood search runs beside the greedy start and the search:
    while GLOP works on bench S's relaxation (seconds), a Python thread keeps ticking. (pywraplp's
    SolveWithProto held the GIL: the ticker stood still for the whole LP.)"""
    import threading

    from scenario_kit import scenario

    from kcroster.solver.bound import lp_values

    sp, sreq = scenario("S", 1)
    b = ModelBuilder(sp, sreq, opts())
    b.build()
    ticks: list[float] = []
    running = threading.Event()
    done = threading.Event()

    def ticker() -> None:
        running.set()
        while not done.is_set():
            ticks.append(clock.perf_counter())
            clock.sleep(0.002)

    th = threading.Thread(target=ticker)
    th.start()
    running.wait()
    t0 = clock.perf_counter()
    values = lp_values(b.model, 60.0)
    t1 = clock.perf_counter()
    done.set()
    th.join()
    assert values is not None and len(values) == len(b.model.proto.variables)
    during = [t for t in ticks if t0 <= t <= t1]
    marks = [t0, *during, t1]
    longest = max(y - x for x, y in zip(marks, marks[1:], strict=False))
    # the LP takes seconds; the ticker never stood still for more than a third of it
    assert t1 - t0 > 0.3
    assert longest < (t1 - t0) / 3


def _week_instance(weekly_rest: bool):
    """One agent, one Monday–Sunday week, six working days at most, 8-hour shifts from 06, 09, 12
    or 15 h: a single day off between a late and an early shift leaves 31–34 h of rest."""
    from solver_kit import queue

    lab = LabourRules(disabled={"atw_daily_rest", "atw_sundays"} | (set() if weekly_rest else {"atw_weekly_rest"}))
    p = project(1, 7, lengths=(480, 480), step=180, queues=[queue(start=6, end=23)], labour=lab,
                max_days_per_week=6, min_hours=24.0, max_hours=48.0)
    req = hourly_requirement(p, {h: 1.0 for h in range(6, 23)})
    b = ModelBuilder(p, req, opts())
    b.build()
    from kcroster.solver.lagrange import _Relaxation

    return p, b, _Relaxation(b)


def _longest_rest_in_week(b, shifts: list[tuple[int, int]]) -> int:
    """Written apart from the solver: the longest time without work inside the calendar week."""
    from datetime import datetime

    tz = b.hz.tz
    ws = int(datetime.combine(MON, time(0), tzinfo=tz).timestamp())
    we = int(datetime.combine(MON + timedelta(days=7), time(0), tzinfo=tz).timestamp())
    edge, longest = ws, 0
    for s, e in sorted(shifts):
        longest = max(longest, s - edge)
        edge = max(edge, e)
    return max(longest, we - edge)


def test_the_week_problem_keeps_the_weekly_rest_exactly_as_brute_force_does() -> None:
    """The Lagrangian's week problem (a DP over days worked, hours and the rest so far) against
    every schedule of the week, under random prices: the same least cost, and a legal week. The
    relaxation used to leave weekly rest out (on bench S 14 % of the master's weight sat on weeks
    without 36 h of rest)."""
    import numpy as np

    from kcroster.solver.lagrange import _week

    bites = 0
    for weekly_rest in (True, False):
        _p, b, R = _week_instance(weekly_rest)
        A = R.A
        ai, days, mn, mx, maxd = A.weeks[0]
        assert len(days) == 7 and maxd == 6
        # every week within the day and hour limits, and whether it has its rest (prices aside)
        day_opts = [A.days[(ai, d)] for d in days]
        assert all(len(o[0]) == 5 for o in day_opts)  # off and four shifts a day
        legal, rested = [], []
        for combo in itertools.product(range(5), repeat=7):
            cis = [int(day_opts[i][0][o]) for i, o in enumerate(combo)]
            units = sum(int(day_opts[i][1][o]) for i, o in enumerate(combo))
            if sum(ci >= 0 for ci in cis) > maxd or not mn <= units <= mx:
                continue
            shifts = [(b.cands[ai][d][ci].start_ts, b.cands[ai][d][ci].end_ts)
                      for d, ci in zip(days, cis, strict=True) if ci >= 0]
            legal.append(combo)
            rested.append(_longest_rest_in_week(b, shifts) >= 36 * 3600)
        legal_arr, rested_arr = np.asarray(legal), np.asarray(rested)
        assert 0 < rested_arr.sum() < len(rested_arr)
        rng = np.random.default_rng(5)
        for _trial in range(10):
            cl_val = rng.uniform(-300.0, 200.0, len(R.classes))
            costs = np.stack([stc + np.where(cls >= 0, cl_val[np.maximum(cls, 0)], 0.0)
                              for _oci, _m, cls, _t, stc in day_opts])
            total = costs[np.arange(7), legal_arr].sum(axis=1)
            plain = total.min()
            best = total[rested_arr].min() if weekly_rest else plain
            val, out = _week(A, ai, days, mn, mx, maxd, cl_val, np.zeros(0))
            assert abs(val - best) < 1e-6
            chosen = [(b.cands[ai][d][ci].start_ts, b.cands[ai][d][ci].end_ts) for _c, _t, _s, d, ci in out if ci >= 0]
            if weekly_rest:
                assert _longest_rest_in_week(b, chosen) >= 36 * 3600
                bites += best > plain + 1e-6
    assert bites >= 3  # the rule changed the cheapest week in several trials


def test_dropping_points_inside_straight_pieces_leaves_the_relaxation_as_it_was(monkeypatch) -> None:
    """The cell tables drop breakpoints that lie on a straight piece (a third of the master's
    segment columns remain on bench M); the Lagrangian function must not notice: at random multipliers
    L(λ) and the week schedules it picks are those of the full tables, and the cell cost at
    every tenth is the same piecewise-linear function."""
    import numpy as np
    from scenario_kit import scenario

    from kcroster.solver import lagrange

    p, req = scenario("S", 1)
    b = ModelBuilder(p, req, opts())
    b.build()
    lean = lagrange._Relaxation(b)
    monkeypatch.setattr(lagrange, "_collinear", lambda *_a: False)
    full = lagrange._Relaxation(b)
    assert (lean.F < 1e11).sum() < (full.F < 1e11).sum()
    for i in range(len(full.keys)):
        xs_f, fs_f = full.X[i][full.F[i] < 1e11], full.F[i][full.F[i] < 1e11]
        xs_l, fs_l = lean.X[i][lean.F[i] < 1e11], lean.F[i][lean.F[i] < 1e11]
        grid = np.arange(xs_f[0], xs_f[-1] + 1)
        assert np.allclose(np.interp(grid, xs_f, fs_f), np.interp(grid, xs_l, fs_l))
    rng = np.random.default_rng(3)
    for _ in range(5):
        lam = rng.uniform(-1.0, 30.0, len(full.keys))
        mu = np.zeros(len(full.tkeys))
        (t_full, c_full), (t_lean, c_lean) = full.evaluate(lam, mu), lean.evaluate(lam, mu)
        assert abs(t_full - t_lean) <= 1e-6 * max(1.0, abs(t_full))
        assert [c[4] for c in c_full] == [c[4] for c in c_lean]
