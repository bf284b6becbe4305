"""A one-agent model (the greedy start, the descent, column pricing) is built beside the full
model: building it must leave the full model's terms and contract weeks as they were."""

from __future__ import annotations

from solver_kit import hourly_requirement, opts, project

from kcroster.solver.builder import ModelBuilder
from kcroster.solver.warmstart import add_rules, sub_builder


def test_one_agent_models_leave_the_full_model_untouched() -> None:
    # agents with contract hours that differ, a whole week, and wishes so agent terms exist
    p = project(3, 7, contract_hours=10.0)
    for i, a in enumerate(p.agents):
        a.contract_hours = 8.0 + 2 * i
    req = hourly_requirement(p, {8: 1, 9: 2, 10: 2, 11: 1})
    b = ModelBuilder(p, req, opts())
    b.build()
    terms = {ai: list(t) for ai, t in b.agent_terms.items()}
    contract = dict(b.contract_minutes)
    assert contract  # every agent-week has its contract minutes
    for ai in range(len(p.agents)):
        add_rules(sub_builder(b, ai))
    assert b.contract_minutes == contract
    assert {ai: t for ai, t in b.agent_terms.items() if t} == {ai: t for ai, t in terms.items() if t}
