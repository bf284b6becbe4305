"""Which strategies a solve runs, decided in one place before it starts.

:func:`plan_for` looks at the model (interval demand or shift-type demand, its size, strict or
relaxed), the options (workers, the clock) and whether a previous roster is there, and returns a
:class:`SolvePlan`; :func:`kcroster.solver.api.solve` follows it and ``kcroster roster
--explain-plan`` prints it. Every tuning constant of the solve lives here, each with what it
decides: those of the orchestration (which strategy runs, for what share of the time) and those
inside the strategies (the neighbourhood search's adaptation, the column generation's and the
Lagrangian bound's smoothing, the least time of a sub-solve, the explanation's limits).
"""

from __future__ import annotations

from dataclasses import dataclass

from kcroster.solver.builder import ModelBuilder

#: above this many variables a model is *big*: completing a shift choice with CP-SAT costs more
#: than the full search would give, so the agent-by-agent descent is the search
COMPLETE_MAX_VARS = 60_000

#: the greedy start's share of the time limit (at least GREEDY_MIN_S)
GREEDY_SHARE = 0.2
GREEDY_MIN_S = 5.0
#: an agent's first try in the greedy start: its part of the time left, within these bounds
GREEDY_AGENT_MIN_S = 0.25
GREEDY_AGENT_MAX_S = 1.0
#: an agent of a hard shape gets this many times its part (at least FIRST_TRY_MIN_S) per try
HARD_AGENT_LIMIT_FACTOR = 2.0
#: the least time the descent gives one agent's re-plan (a hard agent: what found its schedule)
DESCENT_AGENT_MIN_S = 0.5
#: an agent whose schedule is hard to find first tries shifts that start on these grids (minutes
#: of the local day): a fraction of the candidates, found in a fraction of the time
FIRST_TRY_GRIDS = (120, 60)
#: the least time such a try gets (presolving one agent's model alone can take a second)
FIRST_TRY_MIN_S = 5.0

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

#: on the clock, the short descent of a small model before CP-SAT completes its shift choice
#: takes this share of the time left
SMALL_DESCENT_SHARE = 0.1

#: the CP-SAT completion of a shift choice stops at its first solution, after at most this many
#: seconds (of work, in a deterministic solve; at least COMPLETE_MIN_S on the clock)
COMPLETE_MAX_S = 30.0
COMPLETE_MIN_S = 1.0
#: big models keep COMPLETE_BASE_S plus COMPLETE_PER_VARIABLE_S per model variable for the
#: completion of the descent's shift choice (a margin above what it takes), and complete it
#: after the descent only while at least COMPLETE_LEFT_SHARE of that is left on the clock
COMPLETE_BASE_S = 2.0
COMPLETE_PER_VARIABLE_S = 6e-5
COMPLETE_LEFT_SHARE = 0.5

#: seconds every solve keeps for extraction, metrics and the checker after the search:
#: FINISH_BASE_S plus FINISH_PER_AGENT_WEEK_S per agent-week
FINISH_BASE_S = 2.0
FINISH_PER_AGENT_WEEK_S = 0.01

#: the early LP relaxation's time limit: LP_SHARE of the time limit within these bounds; an LP
#: started late (when first waited for) gets LATE_LP_SHARE of the time left, at most
#: LATE_LP_MAX_S
LP_MIN_S = 1.0
LP_MAX_S = 30.0
LATE_LP_SHARE = 0.1
LATE_LP_MAX_S = 10.0
#: a deterministic solve's LP for the dive into its integral part (RENS) stops at as many GLOP
#: work units as the search has nominal seconds; its clock limit is only a safety net, far above
RENS_LP_BASE_S = 60.0
RENS_LP_PER_WORK_S = 20.0

#: a neighbourhood search's step (one sub-solve) takes this share of the time (or work) left,
#: between STEP_MIN_S and STEP_MAX_S: on interval-demand models every sub-solve re-places the
#: breaks and queue flows of the whole horizon and needs the larger share, on shift-type models
#: about a second does best (shorter and longer steps both do worse)
STEP_SHARE_INTERVAL = 0.2
STEP_SHARE_TYPES = 0.02
STEP_MIN_S = 1.0
STEP_MAX_S = 5.0
#: on the clock, the searches beside each other stop this much before the solve's deadline
BESIDE_MARGIN_S = 0.05
#: the neighbourhood searches' seeds: the solve's seed plus this stride per search
SEED_STRIDE = 7919

#: the time limit of the explanation of an infeasible model: the solve's, within these bounds
EXPLAIN_MIN_S = 5.0
EXPLAIN_MAX_S = 30.0

#: a dive into the Lagrangian master (:mod:`kcroster.solver.restricted`) offers its programme
#: per agent-week the master's support, the roster's own column and this many more of the
#: lowest reduced cost, and fixes this share of the still undecided agent-weeks after each LP
#: solve (a smaller share takes more solves and ends on a better roster)
DIVE_EXTRA_COLUMNS = 6
DIVE_FIX_SHARE = 0.1
#: ... and each LP solve of the dive gets at least this many seconds, however little is left
DIVE_LP_MIN_S = 0.1

#: the least limit of the full search's CP-SAT solve on the clock, however little time is left
FULL_SEARCH_MIN_S = 0.1
#: on the clock, a full search paused for the columns starts again only while at least this
#: many seconds are left
RESTART_MIN_S = 1.0
#: deterministic solves: the neighbourhood searches follow the full search only when at least
#: this much work is left for them
NEIGHBOURHOOD_MIN_WORK = 0.5
#: big models on the clock: another round of descent and completion starts only while at least
#: this many seconds are left before the rounds' stop
ROUND_MIN_S = 1.0

#: the least limit of one small CP-SAT sub-solve (a neighbourhood, an agent's pricing solve), in
#: seconds (or work); a loop of such solves stops when less than this is left
SUB_SOLVE_MIN_S = 0.05

#: the neighbourhood search's adaptation (:mod:`kcroster.solver.lns`): each kind of neighbourhood
#: first frees LNS_START_SIZE of the cells; solved to optimality the next one of its kind grows
#: by LNS_GROW (up to LNS_MAX_SIZE), out of time it shrinks by LNS_SHRINK (down to LNS_MIN_SIZE),
#: and every kind drawn at random with it. On shift-type models the kinds drawn at random start
#: at LNS_START_SIZE_TYPES: there a sub-solve's cost grows with the cells freed, so a
#: neighbourhood too small costs a short solve and grows, one too big a whole step's limit. On
#: interval models every sub-solve re-places the breaks and queue flows of the whole horizon,
#: whatever it frees: a small one saves little and finds less
LNS_START_SIZE = 0.15
LNS_START_SIZE_TYPES = 0.05
LNS_GROW = 1.15
LNS_MAX_SIZE = 0.9
LNS_SHRINK = 0.8
LNS_MIN_SIZE = 0.02
#: a kind is chosen in proportion to its gain: after each of its steps the gain keeps
#: LNS_GAIN_MEMORY of itself and adds LNS_GAIN_HIT when the step improved the roster, else
#: LNS_GAIN_MISS; every kind starts with LNS_GAIN_HIT
LNS_GAIN_MEMORY = 0.8
LNS_GAIN_HIT = 1.0
LNS_GAIN_MISS = 0.05
#: a block neighbourhood frees this factor times √(its size) of the agents (about half of them at
#: the start size) over as many days as its size asks for
LNS_BLOCK_AGENTS = 1.4
#: the dive into the LP's integral part (RENS) takes RENS_SHARE of the time (or work) left, at most
#: RENS_MAX_S and at least a neighbourhood step
RENS_SHARE = 0.4
RENS_MAX_S = 20.0

#: the column generation (:mod:`kcroster.solver.columns`) prices at this weight of the best
#: multipliers so far and the rest of the master's duals (Wentges smoothing: damps the
#: oscillation of plain column generation)
COLUMNS_SMOOTHING = 0.5
#: the master's solution steers the neighbourhood search once the master is solved, or once its
#: value is within this share of the proven bound (and so of the Dantzig–Wolfe optimum)
COLUMNS_GUIDE_GAP = 0.01
#: columns an agent's pricing solve may add: its last improving solutions (the early ones are far
#: from the multipliers' optimum)
PRICE_COLUMNS = 5

#: the Lagrangian bound (:mod:`kcroster.solver.lagrange`) prices at this weight of the best
#: multipliers so far and the rest of the master's duals (Wentges smoothing)
LAGRANGE_SMOOTHING = 0.6
#: an agent-week with at most this many fairness wishes is solved once per granted/refused pattern
#: (2^n week problems: its fairness cost exact in the bound); one with more counts as refusing none
LAGRANGE_MAX_WEEK_WISHES = 6
#: each solve of the Lagrangian master LP gets at least this many seconds, however little is left
MASTER_MIN_S = 0.5
#: an LP relaxation of the model (:mod:`kcroster.solver.bound`) gets at least this many seconds
LP_SOLVE_MIN_S = 0.5

#: an explanation of an infeasible model (:mod:`kcroster.solver.infeasibility`) names at most this
#: many agents without a legal schedule (the first few are what a planner fixes first)
EXPLAIN_MAX_AGENTS = 3
#: ... each agent's conflict search gets EXPLAIN_STEP_SHARE of the explanation's time left (at
#: least EXPLAIN_STEP_MIN_S); when no agent alone is found, the full model's rules get what is left
#: (at least EXPLAIN_STEP_MIN_S), each test while their core is shrunk EXPLAIN_STEP_SHARE of that
EXPLAIN_STEP_SHARE = 0.5
EXPLAIN_STEP_MIN_S = 1.0
#: the full model's core of rules is shrunk by deletion only while it holds at most this many rules
EXPLAIN_CORE_MAX = 40
#: an agent's conflict search (:mod:`kcroster.solver.conflict_set`) tests each set of settings with
#: a one-agent CP-SAT solve of the time left, within CONFLICT_TEST_MIN_S and CONFLICT_TEST_MAX_S;
#: each test that places the conflict in weeks or days at most CONFLICT_GATE_TEST_MAX_S
CONFLICT_TEST_MIN_S = 0.2
CONFLICT_TEST_MAX_S = 5.0
CONFLICT_GATE_TEST_MAX_S = 2.0


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
    # the column generation's pricing threads: deterministic solves run it in turn, with the
    # cores to itself; on the clock it runs beside the neighbourhood searches, on one
    pricing_threads: int
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
                       (f" (tot {_pct(COLUMNS_SHARE)} van de resterende tijd, {self.pricing_threads} "
                        f"{'kern' if self.pricing_threads == 1 else 'kernen'}; ondergrens, stuurt het "
                        "buurtzoeken" if self.deterministic else " ernaast (ondergrens, stuurt het buurtzoeken") +
                       "; eenmaal opgelost eerst een duik in de master)")
            if self.columns and self.deterministic:
                steps.append("daarna " + columns)
            if self.neighbourhood_searches:
                where = "daarna" if self.deterministic else "ernaast"
                n = self.neighbourhood_searches
                rens = " (eerst een duik in het LP-optimum)" if self.rens else ""
                together = " — tegelijk, in vaste rondes" if self.deterministic and n > 1 else ""
                if self.deterministic and self.full_search:
                    together += "; lopen ze vast, dan zoekt CP-SAT verder vanuit hun beste rooster"
                steps.append(f"{where} {n} buurtzoek{'tocht' if n == 1 else 'tochten'} over "
                             f"medewerkers en dagen{rens}{together}")
            if self.columns and not self.deterministic:
                steps.append(columns)
        out += [f"{i}. {s}" for i, s in enumerate(steps, 1)]
        return out


def complete_budget(b: ModelBuilder) -> float:
    """Seconds a big model keeps for completing its shift choice with CP-SAT."""
    return COMPLETE_BASE_S + COMPLETE_PER_VARIABLE_S * len(b.model.proto.variables)


def finish_margin(b: ModelBuilder) -> float:
    """Seconds to keep for extraction, metrics and the checker after the search."""
    return FINISH_BASE_S + FINISH_PER_AGENT_WEEK_S * len(b.agents) * b.D / 7


def neighbourhood_step(b: ModelBuilder, left: float) -> float:
    """The limit of one neighbourhood step with ``left`` seconds (or work) to go."""
    return max(STEP_MIN_S, min(STEP_MAX_S, (STEP_SHARE_INTERVAL if b.req is not None else STEP_SHARE_TYPES) * left))


def explain_limit(time_limit_s: float) -> float:
    """Seconds the explanation of a model without a roster may take."""
    return max(EXPLAIN_MIN_S, min(EXPLAIN_MAX_S, time_limit_s))


def columns_applicable(b: ModelBuilder) -> bool:
    """Whether the column generation (:mod:`kcroster.solver.columns`) can run on ``b``:
    shift-type demand only (no interval demand), strict mode, and every demand row recorded."""
    return (b.mode == ModelBuilder.STRICT and b.req is None and bool(b.type_rows)
            and bool(b.type_counts))


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
        pricing_threads=max(1, int(workers)) if deterministic else 1,
        hint_full_search=not interval,
    )


__all__ = ["SolvePlan", "columns_applicable", "complete_budget", "explain_limit", "finish_margin",
           "neighbourhood_step", "plan_for"]
