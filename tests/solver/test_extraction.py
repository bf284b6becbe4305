"""From shift choice to segments: queue assignment for multi-skilled agents, reintegration
breaks, and the segments every roster must have."""

from __future__ import annotations

from datetime import time, timedelta

import numpy as np
from solver_kit import MON, errors, hourly_requirement, opts, project, queue

from kcroster.model import BREAK, ReintegrationStep
from kcroster.solver import Weights, solve
from kcroster.solver import plan as solve_plan
from kcroster.solver.builder import ModelBuilder
from kcroster.solver.extract import extract, fewer_switches, keep_queues


def test_python_queue_assignment_moves_agents_along_a_chain() -> None:
    # a0 can do A or B, a1 can do B or C; need A 0.9, B 1, C 0. Taking the biggest need first
    # sends a0 to B and a1 nowhere useful; the chain move must end with a0 on A and a1 on B.
    p = project(2, 1, queues=[queue("A"), queue("B"), queue("C")])
    p.agents[0].skills = ("A", "B")
    p.agents[1].skills = ("B", "C")
    req = hourly_requirement(p, {h: 0.9 for h in range(8, 12)}, 0) + hourly_requirement(
        p, {h: 1.0 for h in range(8, 12)}, 1)
    b = ModelBuilder(p, req, opts())
    b.build()
    pick = {}
    for ai in range(2):
        pick[(ai, 0)] = next(i for i, c in enumerate(b.cands[ai][0]) if b.hz.interval_start(c.k0).hour == 8)
    roster = extract(b, None, pick=pick)
    acts = {s.agent_id: {g.activity for g in s.segments} for s in roster.shifts}
    assert acts == {"a0": {"A"}, "a1": {"B"}}


def test_reintegration_agent_gets_breaks_window_and_queue() -> None:
    p = project(2, 5, lengths=(180, 300), interval=15, step=30, queues=[queue("Tel", 8, 18), queue("Mail", 8, 18)])
    p.agents[0].skills = ("Tel", "Mail")
    p.agents[1].skills = ("Tel", "Mail")
    p.reintegration = [ReintegrationStep("a1", MON - timedelta(days=10), max_hours_day=4, max_hours_week=12,
                                         days=frozenset({0, 2, 4}), window=(time(9), time(15)), queues=("Mail",),
                                         productivity=0.5, max_continuous_minutes=90)]
    day = {h: 1 for h in range(8, 18)}
    req = hourly_requirement(p, day, 0) + hourly_requirement(p, day, 1)
    res = solve(p, req, options=opts(time_limit_s=3, workers=2))
    assert res.status in ("optimal", "feasible")
    assert errors(res, p) == []
    mine = [s for s in res.roster.shifts if s.agent_id == "a1"]
    assert mine, "the reintegration agent works within the plan"
    for s in mine:
        assert s.day.weekday() in (0, 2, 4)
        assert s.start.time() >= time(9) and s.end.time() <= time(15)
        assert {g.activity for g in s.segments} <= {"Mail", BREAK}
        run = 0.0
        for g in s.segments:  # no stretch of work longer than 90 minutes
            run = 0.0 if g.activity == BREAK else run + (g.end.timestamp() - g.start.timestamp()) / 60
            assert run <= 90


def test_requirement_of_the_wrong_shape_is_an_input_error() -> None:
    import numpy as np
    import pytest

    from kcroster.model import KcrosterInputError

    p = project(1, 1)
    with pytest.raises(KcrosterInputError, match="verwacht"):
        solve(p, np.zeros((2, 5)), options=opts())


# --- fewer queue changes ------------------------------------------------------------------------
TCE = (("T", "C", "E"), 10)  # a skill group key: queues, productivity unit


def _deal(plan: dict[str, tuple[tuple, str]]) -> tuple[dict, dict]:
    """``{"x": (group, "T C . T")}`` → (onduty, activity); ``.`` is a break."""
    onduty: dict = {}
    activity: dict = {}
    for i, (_name, (gk, line)) in enumerate(sorted(plan.items())):
        acts = [BREAK if a == "." else a for a in line.split()]
        activity[(i, 0)] = acts
        for k, a in enumerate(acts):
            if a != BREAK:
                onduty.setdefault((gk, k), []).append((i, 0, k))
    return onduty, activity


def _staff(activity: dict, units: dict) -> dict:
    """Staff per (interval, queue), in productivity units."""
    out: dict = {}
    for key, acts in activity.items():
        for k, a in enumerate(acts):
            if a != BREAK:
                out[(k, a)] = out.get((k, a), 0) + units[key]
    return out


def _changes(activity: dict) -> int:
    return sum(1 for acts in activity.values() for a, z in zip(acts, acts[1:], strict=False)
               if BREAK not in (a, z) and a != z)


def test_queues_are_re_dealt_so_agents_keep_their_queue() -> None:
    """Three agents each change queue in the second interval, around a cycle T → C → E → T
    (no pair of them can swap to help): the re-deal keeps all three, and every queue keeps its
    staff in every interval."""
    onduty, activity = _deal({"x": (TCE, "T C C"), "y": (TCE, "C E E"), "z": (TCE, "E T T")})
    units = dict.fromkeys(activity, 10)
    staff = _staff(activity, units)
    assert _changes(activity) == 3
    assert keep_queues(onduty, activity) == 3
    assert activity == {(0, 0): ["T", "T", "T"], (1, 0): ["C", "C", "C"], (2, 0): ["E", "E", "E"]}
    assert _staff(activity, units) == staff


def test_re_deal_respects_skills_productivity_and_breaks() -> None:
    # x wants T back, but the one on T (z) may not serve C: nothing changes
    onduty, activity = _deal({"x": (TCE, "T C"), "z": ((("T",), 10), "T T")})
    before = {k: list(v) for k, v in activity.items()}
    assert keep_queues(onduty, activity) == 0 and activity == before
    # a reintegration agent at 80 % is never exchanged with one at 100 %: the staff would change
    onduty, activity = _deal({"x": (TCE, "T C"), "y": ((TCE[0], 8), "C T")})
    before = {k: list(v) for k, v in activity.items()}
    assert keep_queues(onduty, activity) == 0 and activity == before
    # after a break the agent goes back to the queue it served before it
    onduty, activity = _deal({"x": (TCE, "T . C"), "y": (TCE, "C . T")})
    assert keep_queues(onduty, activity) == 2
    assert activity == {(0, 0): ["T", BREAK, "T"], (1, 0): ["C", BREAK, "C"]}


def _cells(activity: dict, units: dict, need: dict[str, list[int]], tiers=(10, 14, 20)) -> tuple:
    """QueueCells over the dealt plan: staff from the plan, ``need`` in tenths per queue."""
    from kcroster.solver.extract import QueueCells

    queues = sorted(need)
    n = len(next(iter(activity.values())))
    req = np.asarray([need[q] for q in queues], dtype=np.int64)
    staff = np.zeros((len(queues), n), dtype=np.int64)
    for key, acts in activity.items():
        for k, a in enumerate(acts):
            if a != BREAK:
                staff[queues.index(a), k] += units[key]
    return QueueCells(queues, req, staff, list(tiers), 1), queues


def _coverage_cost(cells, queues) -> int:
    return sum(cells._cost(q, k, int(cells.staff[q, k]))
               for q in range(len(queues)) for k in range(cells.staff.shape[1]))


def test_an_agent_at_other_productivity_stops_hopping_where_that_costs_little() -> None:
    """x counts 8 tenths (reintegration at 80 %), y a whole agent; T and C each need 0.9 agent.
    The solver's split has them trade queues every interval; every split of {0.8, 1.0} over two
    queues costs the same here (1 tenth short at 10, 1 over at 1), so they stop trading. With
    no queue-change weight (or no cells) the old rule holds: no exchange between different
    productivities."""
    plan = {"x": (((("T", "C"), 8)), "T C T C"), "y": (((("T", "C"), 10)), "C T C T")}
    units = {(0, 0): 8, (1, 0): 10}
    onduty, activity = _deal(plan)
    assert fewer_switches(onduty, activity) == 0 and _changes(activity) == 6
    onduty, activity = _deal(plan)
    cells, queues = _cells(activity, units, {"T": [9] * 4, "C": [9] * 4})
    cost = _coverage_cost(cells, queues)
    assert cost == 4 * 11
    assert fewer_switches(onduty, activity, cells=cells, change_weight=25) == 6
    assert _changes(activity) == 0
    assert _coverage_cost(cells, queues) == cost  # the cells followed the swaps
    # and from scratch, the staff of the final plan costs the same
    again, _q = _cells(activity, units, {"T": [9] * 4, "C": [9] * 4})
    assert _coverage_cost(again, queues) == cost


def test_an_agent_at_other_productivity_keeps_hopping_where_staying_costs_too_much() -> None:
    """Same pair, but the need alternates with them (T 1.0/C 0.8, then T 0.8/C 1.0): their
    trading covers it exactly. Staying put leaves 2 tenths short in every other interval — at a
    shortage tier of 100 per tenth that is 200 + 2 over, far above 25 per change spared."""
    plan = {"x": (((("T", "C"), 8)), "C T C T"), "y": (((("T", "C"), 10)), "T C T C")}
    units = {(0, 0): 8, (1, 0): 10}
    onduty, activity = _deal(plan)
    before = {k: list(v) for k, v in activity.items()}
    cells, queues = _cells(activity, units, {"T": [10, 8, 10, 8], "C": [8, 10, 8, 10]}, tiers=(100,))
    assert _coverage_cost(cells, queues) == 0
    assert fewer_switches(onduty, activity, cells=cells, change_weight=25) == 0
    assert activity == before
    # at the default tiers staying costs 20 + 2 per interval: below 25 per change, so they stay
    cells, queues = _cells(activity, units, {"T": [10, 8, 10, 8], "C": [8, 10, 8, 10]})
    assert fewer_switches(onduty, activity, cells=cells, change_weight=25) > 0
    assert _changes(activity) < 6
    assert _coverage_cost(cells, queues) <= 25 * 6


def test_pairwise_swaps_look_at_the_next_interval_too() -> None:
    """x serves C for one interval between two T's while y does the opposite: swaps remove all
    four changes at the same staffing."""
    onduty, activity = _deal({"x": (TCE, "T C T"), "y": (TCE, "C T C")})
    staff = _staff(activity, dict.fromkeys(activity, 10))
    assert fewer_switches(onduty, activity) == 4
    assert _changes(activity) == 0 and _staff(activity, dict.fromkeys(activity, 10)) == staff


def test_solved_roster_changes_queue_less_at_the_same_staffing(monkeypatch) -> None:
    """One solution of bench scenario S (greedy shift choice, CP-SAT completion) turned into a
    roster with and without the three passes that only exchange queues between agents who count
    the same (no coverage traded for short blocks: ``short_block=0``), both ways of splitting
    queues: the same cost and the same staff per queue and interval, fewer queue changes, legal."""
    import time as _time

    from scenario_kit import scenario

    import kcroster.solver.extract as ex
    from kcroster.pipeline import productivity_of
    from kcroster.solver.costing import lookup as _lookup
    from kcroster.solver.costing import roster_cost
    from kcroster.solver.strategies.completion import complete as _complete
    from kcroster.solver.warmstart import greedy

    p, req = scenario("S", 1)
    b = ModelBuilder(p, req, opts(weights=Weights(under_tiers=(10, 20, 40), over=1, wish=100, fairness_wishes=0,
                                                  fairness_unpopular=0, stability=0, short_block=0)))
    b.build()
    picks, bad = greedy(b, _time.perf_counter() + 20, None, None)
    assert bad is None
    values = _complete(b, picks, _time.perf_counter() + 20)
    assert values is not None
    value = _lookup(values)
    prod = productivity_of(p)

    def measure(roster):
        staff: dict = {}
        for sh in roster.shifts:
            for g in sh.segments:
                t = g.start
                while t < g.end:
                    if g.activity != BREAK:
                        key = (t, g.activity)
                        staff[key] = round(staff.get(key, 0) + prod(sh.agent_id, sh.day), 6)
                    t += timedelta(minutes=p.horizon.interval_minutes)
        acts = {(sh.agent_id, sh.day): [g.activity for g in sh.segments] for sh in roster.shifts}
        changes = sum(1 for a in acts.values() for x, z in zip(a, a[1:], strict=False)
                      if BREAK not in (x, z) and x != z)
        return roster_cost(b, roster, value)[0], staff, changes

    rosters = [extract(b, value), extract(b, value, queues_by_need=True)]
    monkeypatch.setattr(ex, "keep_queues", lambda *a, **k: 0)
    monkeypatch.setattr(ex, "fewer_switches", lambda *a, **k: 0)
    monkeypatch.setattr(ex, "longer_blocks", lambda *a, **k: 0)
    plain = [extract(b, value), extract(b, value, queues_by_need=True)]
    for roster, before in zip(rosters, plain, strict=True):
        assert errors(_Res(roster), p) == []
        cost, staff, changes = measure(roster)
        cost0, staff0, changes0 = measure(before)
        assert cost == cost0
        assert staff == staff0
        assert changes < changes0


class _Res:
    def __init__(self, roster) -> None:
        self.roster = roster


def test_agent_search_takes_the_break_where_the_agent_is_missed_least() -> None:
    """One agent, one 6-hour shift 08:00–14:00 at 15 minutes: its 30-minute break may start
    anywhere from 10:15 to 11:15. One agent is needed all day except 10:15–10:45, so the only
    perfect roster breaks exactly then (coverage cost 0). A break fixed mid-window (10:45) would
    leave 10:45–11:15 short and 10:15–10:45 over-staffed."""
    import time as _time

    from kcroster.solver.warmstart import greedy

    p = project(1, 1, interval=15, lengths=(360, 360), queues=[queue(start=8, end=14)])
    hz = p.horizon
    req = np.zeros((1, hz.n_intervals))
    mins = hz.local_minute_of_day
    req[0] = np.where((mins >= 8 * 60) & (mins < 14 * 60), 1.0, 0.0)
    req[0, (mins >= 10 * 60 + 15) & (mins < 10 * 60 + 45)] = 0.0
    b = ModelBuilder(p, req, opts())
    b.build()
    picks, bad = greedy(b, _time.perf_counter() + 20)
    assert bad is None and picks == {(0, 0): 0}
    srch = b.agent_search
    assert srch.coverage_cost() == 0
    assert (srch.resid == 0).all()
    # the full search agrees: the optimum is 0
    res = solve(p, req, options=opts())
    assert res.objective == 0 and res.status == "optimal"
    brk = [g for s in res.roster.shifts for g in s.segments if g.activity == BREAK]
    assert [(g.start.strftime("%H:%M"), g.end.strftime("%H:%M")) for g in brk] == [("10:15", "10:45")]


def test_agent_search_loaded_from_a_completed_roster_prices_its_coverage_exactly() -> None:
    """After CP-SAT completes the search's shift choice (breaks, queues), the search reloads
    its residual from that roster's own segments: its coverage cost is then the roster's, as
    computed from the segments by ``roster_cost``; one more descent from there never ends above
    it (each agent's move is priced against the real residual)."""
    import time as _time

    from scenario_kit import scenario

    from kcroster.solver.costing import lookup as _lookup
    from kcroster.solver.costing import picks_cost as _picks_cost
    from kcroster.solver.costing import roster_cost
    from kcroster.solver.costing import roster_of as _extract
    from kcroster.solver.strategies.completion import complete as _complete
    from kcroster.solver.warmstart import descend, greedy

    p, req = scenario("S", 1)
    b = ModelBuilder(p, req, opts())
    b.build()
    picks, bad = greedy(b, _time.perf_counter() + 20)
    assert bad is None
    srch = b.agent_search
    look = _lookup(_complete(b, picks, _time.perf_counter() + 20))
    roster = _extract(b, look)
    cost, terms = roster_cost(b, roster, look)
    estimate_before = srch.coverage_cost()
    srch.load(roster)
    assert srch.coverage_cost() == terms["coverage"]
    assert estimate_before != terms["coverage"]  # the guess of breaks and queues was not it
    assert _picks_cost(b, srch) == cost
    descend(b, srch, _time.perf_counter() + 20)
    assert _picks_cost(b, srch) <= cost


def test_a_big_model_started_from_a_previous_roster_goes_on_improving_it(monkeypatch) -> None:
    """Re-optimising a big model from the roster on screen: the agent-by-agent rounds continue
    from it (the full search is skipped on big models and would return it unchanged). Scenario S
    counts as big here; the previous roster is the greedy one without any descent."""
    import time as _time

    from scenario_kit import scenario

    from kcroster.solver.costing import pick_lookup as _pick_lookup
    from kcroster.solver.costing import roster_cost
    from kcroster.solver.warmstart import greedy

    monkeypatch.setattr(solve_plan, "COMPLETE_MAX_VARS", 1000)
    p, req = scenario("S", 1)
    b = ModelBuilder(p, req, opts())
    b.build()
    picks, bad = greedy(b, _time.perf_counter() + 20)
    assert bad is None
    start = extract(b, None, pick=picks)
    start_cost = roster_cost(b, start, _pick_lookup(b, picks))[0]
    res = solve(p, req, options=opts(time_limit_s=15.0, warm_start=start))
    assert res.stats.get("completions", 0) >= 1
    assert res.objective < start_cost
    assert errors(res, p) == []


def test_with_a_published_roster_and_nothing_on_screen_the_solve_starts_from_the_published_one() -> None:
    """No roster to warm-start from, but a published one: the solve starts from it, as if it
    had been handed over as the warm start (within 5 %: both runs stop on a time limit). A
    fresh greedy start ended 40 % above (9 715 against 6 918)."""
    from scenario_kit import scenario

    p, req = scenario("S", 1)
    published = solve(p, req, options=opts(time_limit_s=10.0)).roster
    w8 = Weights(under_tiers=(10, 20, 40), over=1, wish=100, fairness_wishes=0, fairness_unpopular=0, stability=30)
    keep = solve(p, req, options=opts(time_limit_s=3.0, weights=w8, reference=published, warm_start=published))
    res = solve(p, req, options=opts(time_limit_s=3.0, weights=w8, reference=published))
    assert res.objective <= 1.05 * keep.objective
    assert errors(res, p, reference=published) == []
