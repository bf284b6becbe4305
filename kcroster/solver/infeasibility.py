"""Explaining infeasibility in planner terms.

Every hard rule is per agent (coverage is soft), so a problem without legal roster comes down
to agents whose own settings contradict each other. For such an agent
:mod:`kcroster.solver.conflict_set` finds the smallest set of the planner's settings that
conflict (window, contract hours, days per week, leave, must-wishes, reintegration plan, the
legal rules…) and a fix per member with its number (:mod:`kcroster.solver.fixes`);
:mod:`kcroster.solver.conflict_text` words it. The result is an :class:`Explanation`: the Dutch
lines (what ``RosterResult.conflicts`` holds and the command line prints) with the English
lines and the structured conflicts beside, so the GUI shows its own language and never a mix.
"""

from __future__ import annotations

import time as _time

import numpy as np
from ortools.sat.python import cp_model

from kcroster.model import Project
from kcroster.rules.catalogue import RULES_BY_ID
from kcroster.solver.builder import Gate, ModelBuilder
from kcroster.solver.conflict_set import AgentConflict, conflict_for
from kcroster.solver.options import SolveOptions
from kcroster.solver.plan import EXPLAIN_CORE_MAX, EXPLAIN_MAX_AGENTS, EXPLAIN_STEP_MIN_S, EXPLAIN_STEP_SHARE


class Explanation(list):
    """The Dutch lines of an explanation (a ``list[str]``), with ``en`` (the same in English)
    and ``conflicts`` (the :class:`AgentConflict` behind them) beside."""

    def __init__(
        self, nl: list[str], en: list[str], conflicts: list[AgentConflict] | None = None
    ) -> None:
        super().__init__(nl)
        self.nl = list(nl)
        self.en = list(en)
        self.conflicts = list(conflicts or [])

    def lines(self, lang: str) -> list[str]:
        """The lines in ``lang`` ("nl" or "en")."""
        return list(self.en if lang == "en" else self.nl)


TIP = (
    "Tip: versoepeld oplossen levert een rooster met zo min mogelijk overtredingen.",
    "Tip: a relaxed solve gives the roster with the fewest violations.",
)


def describe_gate(project: Project, g: Gate) -> str:
    """A gate (rule, agent, period) in words, both rule names (the relaxed solve's violations)."""
    r = RULES_BY_ID.get(g.rule)
    name = f"{r.name_nl} / {r.name_en}" if r else g.rule
    who = ""
    if g.agent is not None:
        try:
            a = project.agent(g.agent)
            who = f"{a.name} ({a.id})"
        except KeyError:
            who = g.agent
    parts = [p for p in (who, g.period) if p]
    return f"{name}: {', '.join(parts)}" if parts else name


def _from_conflicts(conflicts: list[AgentConflict]) -> Explanation:
    from kcroster.solver.conflict_text import conflict_lines

    nl = [line for c in conflicts for line in conflict_lines(c, "nl")]
    en = [line for c in conflicts for line in conflict_lines(c, "en")]
    return Explanation([*nl, TIP[0]], [*en, TIP[1]], conflicts)


def explain_agent(b: ModelBuilder, ai: int, time_limit_s: float = 20.0) -> Explanation:
    """Why one agent's own settings admit no schedule: the minimal conflict set with fixes."""
    agent = b.agents[ai]
    c = conflict_for(b.p, b.req, b.opts, agent.id, time_limit_s)
    if c is None:
        return Explanation(
            [
                f"Geen geldig rooster gevonden voor {agent.name} ({agent.id}) binnen de rekentijd; "
                "de oorzaak kon niet worden vastgesteld."
            ],
            [
                f"No legal schedule found for {agent.name} ({agent.id}) in time; the cause "
                "could not be determined."
            ],
        )
    return _from_conflicts([c])


def explain(
    project: Project,
    requirement: np.ndarray | None,
    options: SolveOptions,
    time_limit_s: float = 20.0,
) -> Explanation:
    """Why the whole problem has no legal roster: the agents without a legal schedule of their
    own (each with its minimal conflict set); when none is found, the full model's gates."""
    t0 = _time.perf_counter()
    found: list[AgentConflict] = []
    for a in project.agents:
        left = time_limit_s - (_time.perf_counter() - t0)
        if left <= 0 or len(found) >= EXPLAIN_MAX_AGENTS:
            break
        c = conflict_for(project, requirement, options, a.id, max(EXPLAIN_STEP_MIN_S, left * EXPLAIN_STEP_SHARE))
        if c is not None:
            found.append(c)
    if found:
        return _from_conflicts(found)
    return _explain_gates(
        project, requirement, options, max(EXPLAIN_STEP_MIN_S, time_limit_s - (_time.perf_counter() - t0))
    )


def _explain_gates(
    project: Project, requirement: np.ndarray | None, options: SolveOptions, time_limit_s: float
) -> Explanation:
    """The full model's gates as assumptions, the core shrunk by deletion (no agent alone was
    found infeasible: e.g. the time ran out on the one-agent tests)."""
    t0 = _time.perf_counter()
    b = ModelBuilder(project, requirement, options, mode=ModelBuilder.DIAGNOSE)
    b.build()
    gates = list(b.gates.items())
    if not gates:
        return Explanation(
            ["Geen geldig rooster mogelijk, maar geen enkele regel kon worden aangewezen."],
            ["No legal roster, but no single rule could be identified."],
        )
    lits = [lit for _g, lit in gates]
    by_index = {lit.index: g for g, lit in gates}

    def infeasible(subset: list) -> bool | None:
        """The full model with these gates on: True infeasible, False feasible, None unknown."""
        s = cp_model.CpSolver()
        s.parameters.num_workers = 1
        s.parameters.max_time_in_seconds = (max(EXPLAIN_STEP_MIN_S, time_limit_s - (_time.perf_counter() - t0))
                                            * EXPLAIN_STEP_SHARE)
        b.model.clear_assumptions()
        b.model.add_assumptions(subset)
        st = s.solve(b.model)
        if st == cp_model.INFEASIBLE:
            return True
        if st in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return False
        return None

    s = cp_model.CpSolver()
    s.parameters.num_workers = 1
    s.parameters.max_time_in_seconds = time_limit_s
    b.model.add_assumptions(lits)
    st = s.solve(b.model)
    if st != cp_model.INFEASIBLE:
        return Explanation(
            [
                "Geen geldig rooster gevonden binnen de rekentijd; de oorzaak kon niet worden "
                "vastgesteld."
            ],
            ["No legal roster found in time; the cause could not be determined."],
        )
    core_idx = list(s.sufficient_assumptions_for_infeasibility())
    core = [next(lit for lit in lits if lit.index == i) for i in core_idx]
    # shrink by deletion while time allows
    i = 0
    while i < len(core) and len(core) <= EXPLAIN_CORE_MAX and _time.perf_counter() - t0 < time_limit_s:
        trial = core[:i] + core[i + 1 :]
        if trial and infeasible(trial):
            core = trial
        else:
            i += 1
    gates_core = [by_index[lit.index] for lit in core]
    nl = ["Geen geldig rooster mogelijk: deze regels zijn samen niet te halen:"]
    en = ["No legal roster: these rules cannot all hold:"]
    for g in gates_core:
        r = RULES_BY_ID.get(g.rule)
        for lines, name in ((nl, r.name_nl if r else g.rule), (en, r.name_en if r else g.rule)):
            who = next(
                (f"{a.name} ({a.id})" for a in project.agents if a.id == g.agent), g.agent or ""
            )
            lines.append(
                "- " + ": ".join(x for x in (name, ", ".join(y for y in (who, g.period) if y)) if x)
            )
    return Explanation([*nl, TIP[0]], [*en, TIP[1]])
