"""First roster: from a previous roster (its shift choice, completed by CP-SAT) or agent by
agent (:func:`kcroster.solver.warmstart.greedy`: every agent's one-agent model in turn, so the
shift choice is legal for every agent)."""

from __future__ import annotations

from dataclasses import dataclass

from kcroster.model import Roster
from kcroster.solver.builder import ModelBuilder
from kcroster.solver.strategies.completion import complete
from kcroster.solver.strategy import Budget, Hand, StrategyRun
from kcroster.solver.warmstart import greedy


def warm_picks(b: ModelBuilder, roster: Roster) -> dict[tuple[int, int], int]:
    """The shift choice of ``roster`` in ``b``'s candidates (agent-days without a matching
    candidate left out)."""
    by = {(s.agent_id, s.day): s for s in roster.shifts}
    picks: dict[tuple[int, int], int] = {}
    for ai, agent in enumerate(b.agents):
        for d, day in enumerate(b.hz.dates):
            s = by.get((agent.id, day))
            if s is None:
                continue
            for ci, c in enumerate(b.cands[ai][d]):
                if c.matches(s):
                    picks[(ai, d)] = ci
                    break
    return picks


@dataclass
class FromPrevious:
    """The strategy from ``previous``: its shift choice, completed by CP-SAT by the budget's
    deadline (the hand's ``values`` are None when it cannot be completed)."""

    previous: Roster

    def run(self, run: StrategyRun, budget: Budget, hand: Hand) -> Hand:
        picks = warm_picks(run.b, self.previous)
        return Hand(values=complete(run.b, picks, budget.deadline) if picks else None, picks=picks)


@dataclass
class Greedy:
    """The strategy agent by agent, by the budget's deadline (a deterministic solve's greedy
    start counts its own share of the work). ``relaxed``: a set to fill with the agents that
    have no legal schedule (a relaxed solve), else None. ``bad``: the agent without any legal
    schedule of a strict solve, else None; the hand's shift choice is None then, or cancelled."""

    relaxed: set[str] | None
    bad: int | None = None

    def run(self, run: StrategyRun, budget: Budget, hand: Hand) -> Hand:
        picks, self.bad = greedy(run.b, budget.deadline, budget.cancel, self.relaxed)
        return Hand(picks=picks, search=run.b.agent_search)
