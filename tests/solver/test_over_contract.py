"""Hours over contract cost ``Weights.over_contract`` per quarter of an hour begun, so agents sit
at their contract unless the plan needs them above it — expected values worked out by hand."""

from __future__ import annotations

from solver_kit import errors, hourly_requirement, opts, project, queue

from kcroster.rules.checker import check
from kcroster.solver import Weights, solve


def _one_agent_week(weight: int):
    """One agent (contract 12 h, allowed up to 40 h) and one queue needing one agent 08:00–12:00
    Monday to Friday: 20 agent-hours, in shifts of exactly 4 hours. An uncovered hour costs 100
    (10 tenths at 10 points); a day worked beyond the contract's three costs 16 quarters."""
    p = project(1, 7, lengths=(240, 240), queues=[queue(start=8, end=12, days=range(5))],
                contract_hours=12.0, min_hours=0.0, max_hours=40.0)
    req = hourly_requirement(p, {8: 1, 9: 1, 10: 1, 11: 1})
    req[:, 5 * 24:] = 0  # the weekend is closed
    w8 = Weights(under_tiers=(10,), over=1, wish=100, fairness_wishes=0, fairness_unpopular=0, stability=0,
                 over_contract=weight)
    res = solve(p, req, options=opts(weights=w8))
    return p, res


def test_a_cheap_over_contract_hour_is_worked_where_the_plan_needs_it() -> None:
    p, res = _one_agent_week(5)
    # five days: no shortage, 8 h over contract = 32 quarters at 5
    assert res.status == "optimal" and res.objective == 160
    assert res.objective_terms.get("over_contract") == 160
    assert len(res.roster.shifts) == 5 and errors(res, p) == []
    over = [v for v in check(res.roster, p) if v.rule_id == "contract_over_hours"]
    assert len(over) == 1 and over[0].message_nl.startswith("8 u boven contract")


def test_a_dear_over_contract_hour_is_not_worked_to_cover_a_cheaper_shortage() -> None:
    p, res = _one_agent_week(30)
    # a fourth day costs 16 x 30 = 480 over contract and saves 400 of shortage: three days,
    # two uncovered, 8 hours at 100
    assert res.status == "optimal" and res.objective == 800
    assert len(res.roster.shifts) == 3 and errors(res, p) == []
    assert not [v for v in check(res.roster, p) if v.rule_id == "contract_over_hours"]
