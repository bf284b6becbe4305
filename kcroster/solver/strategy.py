"""The one interface of a solve's strategies (first roster, descent, completion, rounds, dive,
full search, neighbourhood searches, Lagrangian bound, column generation).

A strategy is an object with ``run(run, budget, hand) -> hand``: it gets the solve's
:class:`StrategyRun` (the builder, the one :class:`~kcroster.solver.incumbent.Incumbent`, the
result's stats and notes), its :class:`Budget` (its share of the time limit, as
:func:`kcroster.solver.api.solve` reads it from the plan) and the :class:`Hand` — the roster it
starts from — and returns the hand it leaves. Every roster it finds it offers to the incumbent
and every bound it proves it raises there, so the best reported is what the solve returns.
What a strategy has to say beyond that (a status, a count) it keeps on itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from kcroster.model import Roster
from kcroster.solver.builder import ModelBuilder
from kcroster.solver.incumbent import Incumbent
from kcroster.solver.options import CancelToken
from kcroster.solver.warmstart import AgentSearch

#: the conflict of a relaxed solve that still has no roster (the solver speaks Dutch, as the core does)
RELAXED_INFEASIBLE = ("Ook met versoepelde regels geen rooster: afwezigheid, beschikbaarheid of het "
                      "re-integratieplan laten geen enkele dienst toe.")

#: the notes of a strategy that failed beside the search (``fout``: the exception); the roster
#: never depends on them, so the solve goes on, and the planner is told
BOUND_FAILED = "De ondergrens ({wat}) kon niet worden berekend ({fout}) en telt niet mee: {rest}"
BOUND_REST_OWN = "de getoonde ondergrens is die van CP-SAT zelf."
BOUND_REST_NONE = "er is geen bewezen ondergrens."
DIVE_FAILED = ("Een duik in de weekroosters van de ondergrens is mislukt ({fout}); het rooster komt "
               "van de andere strategieën.")
LP_FAILED = "De LP-relaxatie is mislukt ({fout}); het buurtzoeken liep zonder haar sturing."


@dataclass(frozen=True)
class Budget:
    """What a strategy may spend: the clock until ``deadline`` and, in a deterministic solve,
    ``work`` nominal seconds of work (:mod:`kcroster.solver.work`) counted from its start (None:
    by the clock alone); ``cancel`` stops it with what it found."""

    deadline: float
    work: float | None = None
    cancel: CancelToken | None = None

    def cancelled(self) -> bool:
        return self.cancel is not None and self.cancel.cancelled


@dataclass
class Hand:
    """The roster in hand between strategies, in the forms known: a full assignment of the
    model (``values``), the roster itself, the shift choice (``picks``) and the one-agent search
    that holds it (``search``: the descent goes on from there)."""

    values: list[int] | None = None
    roster: Roster | None = None
    picks: dict[tuple[int, int], int] | None = None
    search: AgentSearch | None = None


@dataclass
class StrategyRun:
    """What every strategy of one solve shares: the built model, the incumbent it offers rosters
    and bounds to, and the result's stats and notes it adds to."""

    b: ModelBuilder
    inc: Incumbent
    stats: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


class Strategy(Protocol):
    """One strategy of the solve (see the module docstring)."""

    def run(self, run: StrategyRun, budget: Budget, hand: Hand) -> Hand: ...


def failure(exc: BaseException) -> str:
    """An exception in a line of a note: its type (what a developer looks for) and message."""
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def max_bound(*bounds: float | None) -> float | None:
    """The strongest of the bounds that are known (None when none is)."""
    known = [v for v in bounds if v is not None]
    return max(known) if known else None


__all__ = ["Budget", "Hand", "Strategy", "StrategyRun", "failure", "max_bound"]
