"""The optimiser's objective against brute force on instances small enough to enumerate."""

from __future__ import annotations

import itertools
from datetime import time, timedelta

from solver_kit import MON, errors, hourly_requirement, opts, project, research_weights

from kcroster.model import LabourRules, ShiftDemand, ShiftRules, ShiftType, Wish, WishKind
from kcroster.solver import solve

TIERS = (10, 20, 40)


def cell(cov: int, req: float) -> int:
    """Independent restatement of the convex interval cost (tenths of an agent)."""
    r = round(req * 10)
    have = cov * 10
    if have >= r:
        return have - r
    short, cost, t = r - have, 0, 0
    while short > 0:
        take = min(10, short)
        cost += take * TIERS[min(t, len(TIERS) - 1)]
        short -= take
        t += 1
    return cost


def test_three_agents_three_days_matches_brute_force() -> None:
    p = project(3, 3, max_days_per_week=2)
    demand = {8: 1.5, 9: 2.0, 10: 2.6, 11: 1.0}
    req = hourly_requirement(p, demand)
    p.wishes = [Wish("a1", MON + timedelta(days=1), WishKind.OFF, weight=2),
                Wish("a2", MON, WishKind.EARLY, weight=1)]
    res = solve(p, req, options=opts())
    assert res.status == "optimal"
    # options per agent-day: off, 08-11, 09-12
    spans = {0: set(), 1: {8, 9, 10}, 2: {9, 10, 11}}
    best = None
    for combo in itertools.product(range(3), repeat=9):
        plan = [combo[i * 3:(i + 1) * 3] for i in range(3)]  # per agent, per day
        if any(sum(1 for o in row if o) > 2 for row in plan):
            continue
        cost = 0
        for d in range(3):
            for h, r in demand.items():
                cost += cell(sum(1 for a in range(3) if h in spans[plan[a][d]]), r)
        if plan[1][1] != 0:
            cost += 2 * 100
        if plan[2][0] != 1:
            cost += 1 * 100
        best = cost if best is None else min(best, cost)
    assert res.objective == best
    assert errors(res, p) == []


NEED = {("E", 0): 1, ("L", 0): 1, ("E", 1): 2, ("L", 1): 0, ("E", 2): 1, ("L", 2): 1, ("E", 3): 0, ("L", 3): 1}


def shift_type_project():
    """Curtois-style rules: types, forbidden sequence, runs, per-day type demand, requests."""
    lab = LabourRules(disabled={"atw_shift_length", "atw_week_hours", "atw_avg_hours", "atw_daily_rest",
                                "atw_weekly_rest", "atw_breaks", "atw_night_rest", "atw_sundays",
                                "contract_week_hours", "contract_days_per_week"})
    p = project(2, 4, labour=lab, max_consecutive_days=3, min_consecutive_days=2, min_consecutive_days_off=2,
                min_minutes_total=960, max_minutes_total=1920, max_shifts_per_type={"E": 2})
    p.shift_rules = ShiftRules(use_templates=False, shift_types=[ShiftType("E", time(6), time(14)),
                                                                 ShiftType("L", time(14), time(22))],
                               forbidden_sequences=[("L", "E")])
    days = [MON + timedelta(days=i) for i in range(4)]
    need = NEED
    p.shift_rules.type_demand = [ShiftDemand(days[d], t, n, weight_under=7, weight_over=3)
                                 for (t, d), n in need.items()]
    p.wishes = [Wish("a0", days[2], WishKind.SHIFT, weight=3, shift_type="L"),
                Wish("a1", days[1], WishKind.NOT_SHIFT, weight=2, shift_type="E"),
                Wish("a1", days[3], WishKind.OFF, weight=1)]
    return p


def shift_type_brute_force() -> int:
    """The optimum of :func:`shift_type_project` by enumerating every pair of legal rows."""
    need = NEED
    def legal(row: tuple[str, ...]) -> bool:
        work = [s != "-" for s in row]
        if sum(work) * 480 < 960 or sum(work) * 480 > 1920 or row.count("E") > 2:
            return False
        if any(row[i] == "L" and row[i + 1] == "E" for i in range(3)):
            return False
        runs, cur = [], None
        for i, w in enumerate(work):
            if cur and cur[0] == w:
                cur[2] = i
            else:
                cur = [w, i, i]
                runs.append(cur)
        for w, a, z in runs:
            n = z - a + 1
            if w and n > 3:
                return False
            if 0 < a and z < 3 and n < 2:  # both kinds of run need ≥ 2 unless touching an edge
                return False
        return True

    rows = [r for r in itertools.product("-EL", repeat=4) if legal(r)]
    best = None
    for r0, r1 in itertools.product(rows, rows):
        cost = 0
        for (t, d), n in need.items():
            x = (r0[d] == t) + (r1[d] == t)
            cost += (n - x) * 7 if x < n else (x - n) * 3
        cost += 3 * (r0[2] != "L") + 2 * (r1[1] == "E") + 1 * (r1[3] != "-")
        best = cost if best is None else min(best, cost)
    assert best is not None
    return best


def test_shift_type_model_matches_brute_force() -> None:
    p = shift_type_project()
    res = solve(p, None, options=opts(weights=research_weights()))
    assert res.status == "optimal"
    best = shift_type_brute_force()
    assert res.objective == best
    assert errors(res, p) == []
