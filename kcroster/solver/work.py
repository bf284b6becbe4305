"""How a solve measures the time it may use: wall-clock seconds, or deterministic work.

In wall-clock mode (the app) every CP-SAT call stops at a wall-clock limit and the strategies
race each other in threads: the best use of an idle machine, but the roster depends on what
else the machine does. In deterministic mode (the command line, ``SolveOptions.deterministic``)
a limit of ``s`` seconds is ``s`` nominal seconds of work: CP-SAT's deterministic time scaled
by :data:`WORK_PER_SECOND`, plus a count of the Python-side work it does not see. Multi-worker
searches interleave their workers in fixed batches (CP-SAT's ``interleave_search``) and the
strategies run one after the other, each until its share of the work: the same input and seed
give the same roster and objective on an idle and on a busy machine. A busy machine takes longer
instead of giving a worse roster. Only the Lagrangian bound still runs beside on the clock: it
never steers the search, so at most the proven bound (and with it "optimal") may differ.
"""

from __future__ import annotations

from typing import Any

#: CP-SAT's deterministic time per nominal second: a deterministic solve's time limit of ``s``
#: seconds is ``s * WORK_PER_SECOND`` units of it, so that on an ordinary laptop core, idle,
#: it takes about ``s`` seconds (a unit is work, not time: how long it takes varies with the
#: model and the machine; a busy machine takes longer for the same roster)
WORK_PER_SECOND = 0.3


#: Python-side work of a solve that CP-SAT's count does not see, in nominal seconds: one agent
#: visited by the descent (its schedule taken out, compared, put back) and one variable of the
#: model cloned and fixed for a completion. Counted so that a deterministic solve's phases end
#: near their share of the time limit; they never depend on the clock
VISIT_WORK = 0.0004
CLONE_WORK_PER_VARIABLE = 1e-5
#: ... one variable of a one-agent model (the greedy start's, the descent's and the column
#: generation's pricing), per solve: each solve sets up the objective and hint over its
#: variables in Python, and CP-SAT loads and presolves the model, none of which its
#: deterministic time counts (most of a short one-agent solve's time, so a descent counted by
#: CP-SAT alone runs far past its share); the setup grows with the one-agent model (its days
#: and candidates)
ONE_AGENT_SOLVE_WORK_PER_VARIABLE = 1.2e-5
#: ... one agent-day of the model, per completed roster read back (breaks and queues extracted
#: twice, the cheaper kept), priced and loaded into the descent's residual: Python that grows
#: with the shifts to extract and load, and on a big model takes about as long as the
#: completion's own CP-SAT solve
READBACK_WORK_PER_AGENT_DAY = 6e-4


def set_limit(prm: Any, seconds: float, deterministic: bool) -> None:
    """Limit a CP-SAT solve (``prm``: its parameters) to ``seconds`` of its mode's time (in a
    deterministic solve: nominal seconds of work)."""
    if deterministic:
        prm.max_deterministic_time = max(0.01, seconds) * WORK_PER_SECOND
    else:
        prm.max_time_in_seconds = max(0.01, seconds)


def spent(solver: Any, deterministic: bool) -> float:
    """The time a finished CP-SAT solve used, in its mode's units (nominal seconds of work in a
    deterministic solve)."""
    resp = solver.response_proto
    return float(resp.deterministic_time / WORK_PER_SECOND if deterministic else resp.wall_time)

