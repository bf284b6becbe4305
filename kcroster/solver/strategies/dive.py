"""Dive: a roster from the Lagrangian master's columns (:mod:`kcroster.solver.restricted`), for
big models whose descent has settled: one week schedule per agent-week by diving on the master
LP, completed by CP-SAT over the full model (every rule; breaks and queues placed anew)."""

from __future__ import annotations

from kcroster.model import Roster
from kcroster.solver.builder import ModelBuilder
from kcroster.solver.costing import lookup, price, roster_of
from kcroster.solver.strategies.completion import complete


def dive(b: ModelBuilder, master, picks: dict[tuple[int, int], int], stop: float, deadline: float, cancel
         ) -> tuple[list[int], Roster, int, dict[tuple[int, int], int]] | None:
    """Dive into ``master`` (the bound thread's snapshot) from the shift choice ``picks`` until
    ``stop``, complete until ``deadline``. Returns (values, roster, cost, shift choice), or None."""
    from kcroster.solver.restricted import select, solve_columns

    R, pool = master
    cancelled = lambda: cancel is not None and cancel.cancelled  # noqa: E731
    got = solve_columns(R, select(pool, R.columns_of(picks)), stop, stop=cancelled)
    if got is None or cancelled():
        return None
    vals = complete(b, got[0], deadline)
    if vals is None:
        return None
    look = lookup(vals)
    roster = roster_of(b, look)
    return vals, roster, price(b, roster, look), dict(got[0])
