"""Rounds: big models, once the descent has settled and CP-SAT has completed its shift choice,
go on descending from the completed roster — its real breaks and queues in the residual — and
complete again, as long as that pays and the budget lasts; in between, dives into the
Lagrangian master (:mod:`kcroster.solver.strategies.dive`)."""

from __future__ import annotations

import time
from dataclasses import dataclass

from kcroster.solver.costing import lookup, picks_cost, price, roster_of
from kcroster.solver.options import Stage
from kcroster.solver.plan import DIVE_FIRST, ROUND_MIN_S, complete_budget, finish_margin
from kcroster.solver.strategies.bound_thread import BoundThread
from kcroster.solver.strategies.completion import complete
from kcroster.solver.strategies.dive import dive
from kcroster.solver.strategy import DIVE_FAILED, Budget, Hand, StrategyRun, failure
from kcroster.solver.warmstart import descend
from kcroster.solver.work import READBACK_WORK_PER_AGENT_DAY


@dataclass
class Rounds:
    """Descent and completion in turn from the hand's completed roster (``hand.search`` must
    hold it: :meth:`AgentSearch.load`); ``sweeps``: the descent's sweeps before, so the rounds'
    reports go on counting. The budget's deadline is the solve's (the rounds keep the finish
    margin and a completion's time); in a deterministic solve they stop by its work.

    At DIVE_FIRST of the time, and again whenever the descent has settled and the Lagrangian
    master (``lag``) has moved on since, the master's week schedules are dived into a roster; a
    better one replaces the roster and the descent goes on from it. The result's stats count the
    dives and the better rosters they gave; a dive that fails adds a line to its notes.
    ``rounds`` counts the completions that improved the roster."""

    lag: BoundThread
    sweeps: int = 0
    rounds: int = 0

    def run(self, run: StrategyRun, budget: Budget, hand: Hand) -> Hand:
        b, inc, srch, cancel, deadline = run.b, run.inc, hand.search, budget.cancel, budget.deadline
        values, roster = hand.values, hand.roster
        cost = price(b, roster, lookup(values))
        work_until = None if budget.work is None else srch.work + budget.work
        sweeps, lag = self.sweeps, self.lag
        due = inc.t0 + DIVE_FIRST * (deadline - inc.t0)  # the first dive: the master has had time to learn
        dived = 0  # the master round of the last dive
        while not budget.cancelled():
            stop = deadline - finish_margin(b) - complete_budget(b)
            if (stop - time.perf_counter() < ROUND_MIN_S) if work_until is None else srch.work >= work_until:
                break
            if lag.master is not None and lag.master_rounds > dived and time.perf_counter() >= due:
                dived = lag.master_rounds
                got = self._dive(run, srch.picks, stop, deadline - finish_margin(b), cancel)
                if got is not None and got[2] < cost:
                    values, roster, cost, srch.picks = got
                    srch.load(roster)
                    self.rounds += 1
                    run.stats["dive_wins"] = run.stats.get("dive_wins", 0) + 1
                    inc.offer(Stage.DIVE, roster, lookup(values))
                continue  # (time may have run out meanwhile)
            kept = dict(srch.picks)

            def sweep(n: int, _coverage: int, base: int = sweeps) -> None:
                inc.report(Stage.ROUND, round=base + n, estimate=picks_cost(b, srch))

            pending = work_until is None and dived == 0 and time.perf_counter() < due
            n = descend(b, srch, min(stop, due) if pending else stop, cancel, sweep,
                        work=None if work_until is None else work_until - srch.work)
            sweeps += n
            new = None
            if srch.picks != kept and not budget.cancelled():
                vals = complete(b, srch.picks, deadline - finish_margin(b))
                if vals is not None:
                    look = lookup(vals)
                    r = roster_of(b, look)
                    c = price(b, r, look)
                    # the roster read back and priced here, and loaded into the residual below
                    b.work += READBACK_WORK_PER_AGENT_DAY * len(b.agents) * b.D
                    if c < cost:
                        new = (vals, r, c)
                        inc.offer(Stage.COMPLETED, r, look)
            if new is None:
                srch.picks = kept
                srch.load(roster)
                if pending:
                    due = time.perf_counter()  # settled before the first dive was due: dive now
                    continue
                if lag.master is not None and lag.master_rounds > dived:
                    continue  # settled: dive into what the master has learnt since
                break
            values, roster, cost = new
            srch.load(roster)
            self.rounds += 1  # reported by the next round's sweeps (from the completed roster) or the caller
        return Hand(values=values, roster=roster, picks=srch.picks, search=srch)

    def _dive(self, run: StrategyRun, picks: dict, stop: float, deadline: float, cancel):
        """One dive into the master's last snapshot (counted in the stats), or None."""
        try:
            got = dive(run.b, self.lag.master, picks, stop, deadline, cancel)
        except Exception as exc:  # noqa: BLE001 - told in the result's notes, never dropped
            # a dive only offers another roster: the one held stays, and the failure (a bug
            # included) reaches the planner and the developer through the notes
            got = None
            run.notes.append(DIVE_FAILED.format(fout=failure(exc)))
        run.stats["dives"] = run.stats.get("dives", 0) + 1
        return got
