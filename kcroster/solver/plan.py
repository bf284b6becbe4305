"""Which strategies a solve runs, decided in one place before it starts.

:func:`plan_for` looks at the model (interval demand or shift-type demand, its size, strict or
relaxed), the options (workers, the clock) and whether a previous roster is there, and returns a
:class:`SolvePlan`; :func:`kcroster.solver.api.solve` follows it and ``kcroster roster
--explain-plan`` prints it. The tuning constants of the orchestration live here, each with
what it decides.
"""

from __future__ import annotations

from dataclasses import dataclass

from kcroster.solver.builder import ModelBuilder
from kcroster.solver.columns import applicable as columns_applicable

#: above this many variables a model is *big*: completing a shift choice with CP-SAT costs more
#: than the full search would give, so the agent-by-agent descent is the search
COMPLETE_MAX_VARS = 60_000

#: the greedy start's share of the time limit (at least GREEDY_MIN_S)
GREEDY_SHARE = 0.2
GREEDY_MIN_S = 5.0

#: neighbourhood searches beside the full search on shift-type models with two or more
#: workers: two of them plus a one-worker full search use two cores better than one plus one
#: (the full search's LP proves bounds; two neighbourhood searches try twice the moves).
#: Interval-demand models run one: there the unhinted full search needs a core of its own.
#: Deterministic solves run one per worker (at most this many), in lockstep after the full search
NEIGHBOURHOOD_SEARCHES = 2

#: share of the time the second neighbourhood search leaves to the column generation at most
WAIT_FOR_COLUMNS = 0.5

#: beside the column generation the full search has this share of the time limit (at least
#: FULL_FIRST_MIN_S) before it makes way for the columns, when its own bound is then more than
#: PAUSE_GAP below the best roster
FULL_FIRST = 0.1
FULL_FIRST_MIN_S = 3.0
PAUSE_GAP = 0.12

#: after the columns, a paused full search starts again once the neighbourhood searches have
#: gone this many steps without improving the roster
STALL_STEPS = 4

#: share of the time limit the LP relaxation of a small interval-demand model may take (it
#: starts with the solve and runs beside the greedy start and the full search)
LP_SHARE = 0.5

#: big models: share of the time limit after which the Lagrangian master's columns are first
#: dived into a roster (before that its columns are still those of the heading-in)
DIVE_FIRST = 0.5

#: deterministic solves run the strategies one after the other, each until its share of the
#: time limit in work (counted from the start): the descent of a small model until
#: DESCENT_SHARE, then the full search for FULL_SEARCH_SHARE of what is left and the
#: neighbourhood search for the rest; on a big model the descent until BIG_DESCENT_SHARE and
#: the rounds from completed rosters until BIG_WORK_SHARE, the rest kept for the last completion
DESCENT_SHARE = 0.3
#: ... and at least this share of the time limit after the greedy start, however long that took
#: (a hard start leaves the planner a roster improved by the descent, a little past the limit)
DESCENT_MIN_SHARE = 0.25
FULL_SEARCH_SHARE = 0.5
#: ... where the column generation runs (shift-type demand) the full search has FULL_FIRST of
#: the budget, the columns at most COLUMNS_SHARE (less when their master is solved sooner) and
#: the neighbourhood search the rest, steered by the master's solution
COLUMNS_SHARE = 0.4
BIG_DESCENT_SHARE = 0.75
BIG_WORK_SHARE = 0.9


@dataclass(frozen=True)
class SolvePlan:
    """The strategies of one solve (see the module docstring)."""

    variables: int
    interval_demand: bool  # a requirement per interval (contact centre) or per shift type (nurses)
    big: bool  # more than COMPLETE_MAX_VARS variables: the descent is the search
    strict: bool  # every rule hard (relaxed: the agents that have no legal schedule get soft rules)
    deterministic: bool  # the time limit in work units, strategies one after the other
    warm_start: bool  # from a previous roster instead of the greedy start
    early_lp: bool  # the LP relaxation from the start, beside the greedy start (for RENS)
    lagrangian: bool  # the Lagrangian bound beside the search
    dives: bool  # big models: dives into the Lagrangian master's week schedules
    full_search: bool  # CP-SAT over the whole model
    neighbourhood_searches: int  # our neighbourhood searches (beside it; after it when deterministic)
    rens: bool  # one neighbourhood search first dives into the LP's integral part
    columns: bool  # column generation over whole schedules (shift-type models, beside the search)
    hint_full_search: bool  # the full search starts from the first roster

    def lines(self) -> list[str]:
        """The plan in the planner's words (Dutch), one step per line."""
        kind = "bezetting per interval" if self.interval_demand else "bezetting per diensttype"
        size = f"groot (meer dan {_count(COMPLETE_MAX_VARS)} variabelen)" if self.big else "klein"
        out = [f"model: {_count(self.variables)} variabelen, {kind}, {size}",
               "tijd: " + ("vast rekenwerk — dezelfde invoer en seed geven hetzelfde rooster, hoe druk de "
                           "computer ook is" if self.deterministic
                           else "kloktijd — de strategieën lopen naast elkaar")]
        if not self.strict:
            out.append("versoepeld: de regels van medewerkers zonder geldig rooster tellen als strafpunten")
        steps: list[str] = []
        if self.warm_start:
            steps.append("start uit het vorige rooster (diensten vastgehouden, pauzes en wachtrijen opnieuw)")
        else:
            steps.append(f"startrooster medewerker voor medewerker (tot {_pct(GREEDY_SHARE)} van de tijd; "
                         "wie meer tijd nodig heeft krijgt die)")
        if self.early_lp:
            steps.append("LP-relaxatie vanaf de start ernaast (stuurt het buurtzoeken)")
        if self.lagrangian:
            steps.append("ondergrens uit de Lagrange-relaxatie ernaast")
        if self.big:
            share = f" tot {_pct(BIG_DESCENT_SHARE)} van de tijd" if self.deterministic else ""
            steps.append(f"medewerker voor medewerker verbeteren{share}, dan CP-SAT pauzes en wachtrijen "
                         "laten plaatsen, en zo verder zolang het loont")
            if self.dives:
                steps.append(f"vanaf {_pct(DIVE_FIRST)} van de tijd: rooster uit de weekroosters van de "
                             "Lagrange-master")
        else:
            if not self.warm_start:
                steps.append("korte verbeterronde medewerker voor medewerker, dan CP-SAT het rooster laten "
                             "afmaken")
            if self.full_search:
                hint = ", vanuit het eerste rooster" if self.hint_full_search else ""
                first = FULL_FIRST if self.columns else FULL_SEARCH_SHARE
                share = f" ({_pct(first)} van de resterende tijd)" if self.deterministic else ""
                steps.append(f"volledige CP-SAT-zoektocht{hint}{share}")
            columns = ("kolomgeneratie over hele roosters per medewerker" +
                       (f" (tot {_pct(COLUMNS_SHARE)} van de resterende tijd; ondergrens, stuurt het "
                        "buurtzoeken)" if self.deterministic else " ernaast (ondergrens, stuurt het buurtzoeken)"))
            if self.columns and self.deterministic:
                steps.append("daarna " + columns)
            if self.neighbourhood_searches:
                where = "daarna" if self.deterministic else "ernaast"
                n = self.neighbourhood_searches
                rens = " (eerst een duik in het LP-optimum)" if self.rens else ""
                together = " — tegelijk, in vaste rondes" if self.deterministic and n > 1 else ""
                steps.append(f"{where} {n} buurtzoek{'tocht' if n == 1 else 'tochten'} over "
                             f"medewerkers en dagen{rens}{together}")
            if self.columns and not self.deterministic:
                steps.append(columns)
        out += [f"{i}. {s}" for i, s in enumerate(steps, 1)]
        return out


def _count(n: int) -> str:
    return f"{n:,}".replace(",", ".")  # Dutch thousands separator


def _pct(share: float) -> str:
    return f"{100 * share:.0f} %"


def plan_for(b: ModelBuilder, workers: int, deterministic: bool, warm_start: bool) -> SolvePlan:
    """The plan for the built model ``b`` (see :class:`SolvePlan`)."""
    interval = b.req is not None
    nvars = len(b.model.proto.variables)
    big = nvars > COMPLETE_MAX_VARS
    strict = b.mode == ModelBuilder.STRICT
    relaxed_opt = bool(b.opts.relaxed)
    parallel = workers >= 2 or deterministic  # deterministic: the searches take turns
    if big or not parallel:
        n_lns = 0
    elif deterministic:  # one per worker, in lockstep after the full search
        n_lns = max(1, min(int(workers), NEIGHBOURHOOD_SEARCHES))
    else:
        n_lns = 1 if interval else NEIGHBOURHOOD_SEARCHES
    return SolvePlan(
        variables=nvars, interval_demand=interval, big=big, strict=strict,
        deterministic=deterministic, warm_start=warm_start,
        early_lp=interval and workers >= 2 and not relaxed_opt and not deterministic and not big,
        lagrangian=strict and not relaxed_opt and (big or interval),
        dives=strict and big and not deterministic,
        full_search=not big,
        neighbourhood_searches=n_lns,
        rens=interval and n_lns > 0,
        columns=(not interval and n_lns > 0 and columns_applicable(b)),
        hint_full_search=not interval,
    )


__all__ = ["SolvePlan", "plan_for"]
