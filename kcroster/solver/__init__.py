"""The roster optimiser (CP-SAT): ``solve(project, requirement) -> RosterResult``.

One module per constraint family (docs/design.md §2): :mod:`candidates` (shifts per agent-day),
:mod:`contract`, :mod:`atw`, :mod:`coverage`, :mod:`breaks`, :mod:`wishes`, :mod:`objective`,
orchestrated by :mod:`builder`; :mod:`warmstart` builds a first legal roster agent by agent and
improves it by coordinate descent; :mod:`lns` re-plans sets of agents and days (neighbourhood
search) beside the full search; :mod:`bound`, :mod:`lagrange` and :mod:`columns` prove lower
bounds, and :mod:`restricted` dives into the Lagrangian master's week schedules for a roster
(price and branch);
:mod:`extract` turns a solution into a roster (breaks, queues) and :mod:`infeasibility` explains
a problem without legal roster; :mod:`plan` decides which strategies a solve runs and :mod:`api`
runs them with progress and cancel (:mod:`work`: on the clock or in deterministic work units,
:mod:`incumbent`: the best roster by one cost). ``ortools`` is imported lazily so importing this
package stays cheap. (The seeded test and benchmark projects are test code:
``tests/solver/scenario_kit.py``.)

How a solve runs: build the model (aggregated coverage, implicit breaks) → one small CP-SAT model
per agent (all hard rules are per agent, coverage is soft) gives a legal roster within seconds or
pinpoints the agent whose rules conflict → coordinate descent → CP-SAT completes the shift
choice (breaks, queues) → for models up to ~60k variables the full CP-SAT search proves bounds
and improves (hinted with the first roster on shift-type demand, unhinted on interval demand,
where its LP-guided dive does better), with two or more workers beside neighbourhood searches
that re-plan a few agents, every agent over a few days, or where the roster disagrees with the LP
optimum, after one dive into the LP's integral part on interval demand (that LP starts with the
solve, beside the greedy start, and GLOP leaves the GIL meanwhile; each search adopts the others'
better rosters); bigger models go on alternating descent (from the completed roster's real
breaks and queues) and completion while that pays, and from half the time on, whenever the
descent settles, pick one week schedule per agent-week from the Lagrangian master's columns by
diving on its LP, complete that and keep it when it is cheaper. Interval-demand models run the Lagrangian
bound beside it all, until it converges or the time is up; shift-type models run
column generation over whole agent schedules instead (Dantzig–Wolfe bound, every agent rule
exact), whose master solution then steers the neighbourhoods and one dive, and the second
neighbourhood search starts once it is done. Every returned roster goes through the independent
checker.
"""

from kcroster.solver.options import (
    CancelToken,
    RosterResult,
    SolveOptions,
    SolveProgress,
    Stage,
    Weights,
)


def solve(*args, **kwargs) -> RosterResult:
    from kcroster.solver.api import solve as _solve

    return _solve(*args, **kwargs)


def explain_plan(*args, **kwargs) -> list[str]:
    """The strategies ``solve`` would run on these inputs, in Dutch (:mod:`kcroster.solver.plan`)."""
    from kcroster.solver.api import explain_plan as _explain

    return _explain(*args, **kwargs)


__all__ = ["CancelToken", "RosterResult", "SolveOptions", "SolveProgress", "Stage", "Weights", "explain_plan",
           "solve"]
