"""The best roster of a solve, and every progress report that names an objective.

Strategies of the solve find rosters in several forms: CP-SAT solutions (a full assignment),
the neighbourhood searches' solutions, the descent's shift choice with breaks and queues placed
in Python, dives into the Lagrangian master. Each is *offered* here as a roster with its value
function; the incumbent prices it by one definition of cost (the caller's ``price``, the cost of
the roster itself) and keeps it when it is cheaper than the one it holds. Progress reports carry
the incumbent's cost, never a figure of something not held, so the best reported is what the
solve returns and it never rises. The descent's cheap figure for a shift choice that is not yet
a roster travels as :attr:`SolveProgress.estimate`.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kcroster.model import Roster
from kcroster.solver.options import SolveProgress

#: value function of a roster's solution: model expression or variable -> int
Lookup = Callable[[Any], int]


@dataclass
class Held:
    """A roster the incumbent holds: its cost, the roster and the value function it came with."""

    cost: int
    roster: Roster
    look: Lookup


def gap(objective: float | None, bound: float | None) -> float | None:
    """Relative gap between a roster's cost and a lower bound (None unless both are known)."""
    if objective is None or bound is None:
        return None
    if abs(objective) < 1e-9:
        return 0.0
    return max(0.0, (objective - bound) / abs(objective))


class Incumbent:
    """Thread-safe best roster and progress reporter of one solve (see the module docstring).

    ``price(roster, look)`` is the one definition of a roster's cost; ``outside_bound()`` gives
    a bound proven elsewhere (the Lagrangian thread), combined with the bounds reported here.
    """

    def __init__(self, t0: float, on_progress: Callable[[SolveProgress], None] | None,
                 price: Callable[[Roster, Lookup], int],
                 outside_bound: Callable[[], float | None] = lambda: None) -> None:
        self.t0 = t0
        self.on_progress = on_progress
        self.price = price
        self.outside_bound = outside_bound
        self.held: Held | None = None
        self.found = 0  # rosters offered (the "rosters found" count of the reports)
        self.first_s: float | None = None  # seconds to the first roster held
        self._bound: float | None = None
        self._lock = threading.Lock()

    @property
    def cost(self) -> int | None:
        return None if self.held is None else self.held.cost

    @property
    def bound(self) -> float | None:
        known = [v for v in (self._bound, self.outside_bound()) if v is not None]
        return max(known) if known else None

    def offer(self, stage: str, roster: Roster, look: Lookup) -> bool:
        """Price ``roster``; keep and report it when it beats the one held. True when kept."""
        cost = int(self.price(roster, look))
        with self._lock:
            self.found += 1
            if self.held is not None and cost >= self.held.cost:
                return False
            self.held = Held(cost, roster, look)
            if self.first_s is None:
                self.first_s = time.perf_counter() - self.t0
        self.report(stage)
        return True

    def raise_bound(self, stage: str, bound: float | None) -> None:
        """A lower bound proven by a strategy; reported when it is stronger than the known one."""
        if bound is None:
            return
        with self._lock:
            if self._bound is not None and bound <= self._bound:
                return
            self._bound = float(bound)
        self.report(stage)

    def report(self, stage: str, round: int = 0, estimate: float | None = None) -> None:
        """A progress report of ``stage`` with the incumbent's cost and the best bound."""
        if self.on_progress is None:
            return
        cost, bound = self.cost, self.bound
        snap = SolveProgress.at(stage, time.perf_counter() - self.t0, cost, bound, gap(cost, bound),
                                self.found, round=round)
        snap.estimate = estimate
        self.on_progress(snap)


__all__ = ["Held", "Incumbent", "Lookup", "gap"]
