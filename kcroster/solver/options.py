"""Parameters, progress snapshots and results of a solve (the solver's public data types).

Kept free of OR-Tools so the GUI and the CLI can import them without loading the solver.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from kcroster.model import Roster


class CancelToken:
    """Thread-safe cancel flag: the GUI calls :meth:`cancel` from its thread, the solver polls it.
    A token with a ``parent`` is cancelled with it too (the solver's own stop of a strategy
    beside the build, which the planner's cancel also stops)."""

    def __init__(self, parent: CancelToken | None = None) -> None:
        self._event = threading.Event()
        self._parent = parent

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set() or (self._parent is not None and self._parent.cancelled)


@dataclass
class Weights:
    """Objective weights (all integers; the objective is an integer sum of penalty points).

    ``under_tiers[i]`` is the cost per tenth of a missing agent per interval for the i-th missing
    agent in that queue × interval (increasing: convex, so spreading a shortage beats stacking
    it); the last tier applies to every further agent. ``wish`` multiplies a wish's own weight,
    ``type_demand`` multiplies the per-person weights of :class:`ShiftDemand`.
    """

    under_tiers: tuple[int, ...] = (10, 14, 20, 30, 45)
    over: int = 1
    wish: int = 100
    type_demand: int = 100
    fairness_wishes: int = 50  # per percentage point of an agent's wish weight refused beyond half
    fairness_unpopular: int = 50  # per unpopular shift of the agent with the most of them
    stability: int = 30  # per agent-day that differs from the reference roster
    # coverage cost the queue split may add to spare one queue change of an agent whom nobody can
    # replace exactly (other productivity); equal-productivity exchanges are free and always made
    queue_change: int = 25
    # coverage cost the queue split may add to spare one block shorter than the shift rules'
    # minimum, again only for agents whom nobody can replace exactly
    short_block: int = 20
    # per quarter of an hour begun above an agent's contract hours in a week (up to the maximum
    # it is allowed): a shortage still outweighs it many times, over-coverage does not
    over_contract: int = 5


@dataclass
class SolveOptions:
    time_limit_s: float = 60.0
    workers: int = 8
    seed: int = 0
    warm_start: Roster | None = None
    reference: Roster | None = None  # published roster: stability and locked shifts
    weights: Weights = field(default_factory=Weights)
    relaxed: bool = False  # hard rules become soft; report the fewest violations
    log: bool = False  # CP-SAT search log to stdout (diagnostics)
    # time limit in deterministic work, strategies one after the other: the same roster whatever
    # else the machine does (:mod:`kcroster.solver.work`); the GUI races them on the clock
    deterministic: bool = False


class Stage:
    """What a progress report is about: stable codes, so a front end can show the report in the
    planner's language (``message`` is the Dutch text, for the command line and logs)."""

    BUILT = "built"  # model built
    FIRST = "first"  # a first legal roster
    ROUND = "round"  # an improvement round of the descent (``round`` holds its number)
    COMPLETED = "completed"  # the descent's shift choice completed with breaks and queues
    FOUND = "found"  # a better roster from the full search
    FOUND_NEIGHBOURHOOD = "found_neighbourhood"  # a better roster from the neighbourhood search
    DIVE = "dive"  # a better roster from the Lagrangian master's week schedules (price and branch)
    BOUND = "bound"  # a better lower bound
    BOUND_LAGRANGE = "bound_lagrange"  # a better Lagrangian lower bound
    DONE = "done"  # the returned roster


#: the Dutch message of each stage ("{n}": the round)
STAGE_MESSAGES = {
    Stage.BUILT: "model opgebouwd",
    Stage.FIRST: "eerste geldig rooster",
    Stage.ROUND: "verbeterronde {n}",
    Stage.COMPLETED: "rooster aangevuld (pauzes, wachtrijen)",
    Stage.FOUND: "oplossing gevonden",
    Stage.FOUND_NEIGHBOURHOOD: "oplossing gevonden (buurtzoeken)",
    Stage.DIVE: "oplossing gevonden (uit de weekroosters van de ondergrens)",
    Stage.BOUND: "ondergrens verbeterd",
    Stage.BOUND_LAGRANGE: "ondergrens verbeterd (lagrange)",
    Stage.DONE: "klaar",
}


@dataclass
class SolveProgress:
    elapsed_s: float
    objective: float | None
    best_bound: float | None
    gap: float | None
    solutions_found: int
    message: str = ""
    stage: str = ""  # a :class:`Stage` code ("" for reports from elsewhere)
    round: int = 0  # Stage.ROUND: the round's number
    # Stage.ROUND: the descent's cheap figure for its shift choice, not yet a roster (``objective``
    # is always the cost of the best roster held, the one the solve returns if it ends now)
    estimate: float | None = None
    # Stage.BUILT: the solve plan in the planner's words (:meth:`kcroster.solver.plan.SolvePlan.lines`)
    plan: tuple[str, ...] = ()

    @classmethod
    def at(cls, stage: str, elapsed_s: float, objective: float | None, best_bound: float | None,
           gap: float | None, solutions_found: int, round: int = 0) -> SolveProgress:
        """A report of a :class:`Stage`, with its Dutch message."""
        return cls(elapsed_s, objective, best_bound, gap, solutions_found,
                   STAGE_MESSAGES[stage].format(n=round), stage, round)


@dataclass
class RosterResult:
    roster: Roster
    status: str  # 'optimal' | 'feasible' | 'infeasible' | 'cancelled' | 'unknown'
    objective: float | None = None
    best_bound: float | None = None
    gap: float | None = None
    elapsed_s: float = 0.0
    time_to_first_s: float | None = None
    shortfall_agent_hours: float = 0.0
    required_agent_hours: float = 0.0
    wishes_granted: int = 0
    wishes_total: int = 0
    wishes_per_agent: dict[str, tuple[int, int]] = field(default_factory=dict)  # granted, total
    violations: list = field(default_factory=list)  # kcroster.rules.checker.Violation
    conflicts: list[str] = field(default_factory=list)
    relaxed_violations: list[str] = field(default_factory=list)
    objective_terms: dict[str, int] = field(default_factory=dict)
    stats: dict[str, float] = field(default_factory=dict)
    # what the planner must know about this solve, in Dutch (a partial first week, a lower bound
    # that could not be computed): the CLI prints them on stderr, the GUI shows them
    notes: list[str] = field(default_factory=list)
