"""Explaining infeasibility in planner terms.

Every hard rule is guarded by one assumption literal per (rule, agent, period); CP-SAT returns a
set of assumptions that is already infeasible, which we shrink by deletion (drop a rule, re-solve:
still infeasible → it was not needed) and translate into Dutch (and English) sentences that name
the rule, the agent and the days — plus what limited that agent on those days (leave,
reintegration plan, availability).
"""

from __future__ import annotations

import time as _time

import numpy as np
from ortools.sat.python import cp_model

from kcroster.model import Project
from kcroster.rules.catalogue import RULES_BY_ID
from kcroster.solver.builder import Gate, ModelBuilder
from kcroster.solver.options import SolveOptions


def describe_gate(project: Project, g: Gate) -> str:
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


def _limits(b: ModelBuilder, agent_id: str) -> list[str]:
    """Why an agent cannot work on some days (context for a conflict)."""
    out = []
    ai = next(i for i, a in enumerate(b.agents) if a.id == agent_id)
    for lv in b.p.leave:
        if lv.agent_id == agent_id and lv.end.date() >= b.hz.start and lv.start.date() < b.hz.end:
            out.append(f"  afwezig ({lv.label}) {lv.start:%Y-%m-%d %H:%M} – {lv.end:%Y-%m-%d %H:%M}")
    blocked = [b.hz.dates[d].isoformat() for d in range(b.D) if not b.cands[ai][d]]
    if blocked and len(blocked) < b.D:
        out.append("  geen mogelijke dienst op / no possible shift on: " + ", ".join(blocked))
    elif blocked:
        out.append("  geen enkele mogelijke dienst in de hele periode / no possible shift at all")
    if b.p.reintegration_plan(agent_id):
        out.append("  re-integratieplan beperkt dagen, uren en tijden / reintegration plan restricts days, hours, times")
    return out


def explain(project: Project, requirement: np.ndarray | None, options: SolveOptions,
            time_limit_s: float = 20.0) -> list[str]:
    t0 = _time.perf_counter()
    b = ModelBuilder(project, requirement, options, mode=ModelBuilder.DIAGNOSE)
    b.build()
    gates = list(b.gates.items())
    if not gates:
        return ["Geen geldig rooster mogelijk, maar geen enkele regel kon worden aangewezen "
                "(No legal roster; no single rule could be identified)."]
    lits = [lit for _g, lit in gates]
    by_index = {lit.index: g for g, lit in gates}

    def infeasible(subset: list) -> bool | None:
        s = cp_model.CpSolver()
        s.parameters.num_workers = 1
        s.parameters.max_time_in_seconds = max(1.0, time_limit_s - (_time.perf_counter() - t0)) / 2
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
        return ["Geen geldig rooster gevonden binnen de tijdslimiet; de oorzaak kon niet worden "
                "vastgesteld (No legal roster found in time; the cause could not be determined)."]
    core_idx = list(s.sufficient_assumptions_for_infeasibility())
    core = [next(lit for lit in lits if lit.index == i) for i in core_idx]
    # shrink by deletion while time allows
    i = 0
    while i < len(core) and len(core) <= 40 and _time.perf_counter() - t0 < time_limit_s:
        trial = core[:i] + core[i + 1:]
        if trial and infeasible(trial):
            core = trial
        else:
            i += 1
    msgs = ["Geen geldig rooster mogelijk: deze regels zijn samen niet te halen "
            "(No legal roster: these rules cannot all hold):"]
    agents_seen: list[str] = []
    for lit in core:
        g = by_index[lit.index]
        msgs.append("- " + describe_gate(project, g))
        if g.agent is not None and g.agent not in agents_seen:
            agents_seen.append(g.agent)
    for aid in agents_seen:
        lim = _limits(b, aid)
        if lim:
            msgs.append(f"Beperkingen van {aid} / limits of {aid}:")
            msgs.extend(lim)
    msgs.append("Tip: een soepele berekening (relaxed) levert een rooster met zo min mogelijk "
                "overtredingen (a relaxed solve returns the roster with the fewest violations).")
    return msgs


def explain_agent(b: ModelBuilder, ai: int, time_limit_s: float = 20.0) -> list[str]:
    """Explain why one agent's own rules admit no schedule (every hard rule is per agent)."""
    from kcroster.solver.warmstart import add_rules, sub_builder

    t0 = _time.perf_counter()
    s = sub_builder(b, ai, mode=ModelBuilder.DIAGNOSE)
    add_rules(s)
    gates = list(s.gates.items())
    agent = b.agents[ai]
    head = (f"Geen geldig rooster mogelijk voor {agent.name} ({agent.id}): deze regels zijn samen niet te "
            f"halen (No legal schedule for {agent.name}: these rules cannot all hold):")
    if not gates:
        return [head, *(_limits(b, agent.id))]
    lits = [lit for _g, lit in gates]
    by_index = {lit.index: g for g, lit in gates}

    def infeasible(subset: list) -> bool:
        sol = cp_model.CpSolver()
        sol.parameters.num_workers = 1
        sol.parameters.max_time_in_seconds = max(0.5, time_limit_s - (_time.perf_counter() - t0)) / 4
        s.model.clear_assumptions()
        s.model.add_assumptions(subset)
        return sol.solve(s.model) == cp_model.INFEASIBLE

    sol = cp_model.CpSolver()
    sol.parameters.num_workers = 1
    sol.parameters.max_time_in_seconds = time_limit_s
    s.model.add_assumptions(lits)
    if sol.solve(s.model) != cp_model.INFEASIBLE:
        return [head, *(_limits(b, agent.id))]
    core = [lit for lit in lits if lit.index in set(sol.sufficient_assumptions_for_infeasibility())]
    i = 0
    while i < len(core) and _time.perf_counter() - t0 < time_limit_s:
        trial = core[:i] + core[i + 1:]
        if trial and infeasible(trial):
            core = trial
        else:
            i += 1
    msgs = [head]
    msgs.extend("- " + describe_gate(b.p, by_index[lit.index]) for lit in core)
    lim = _limits(b, agent.id)
    if lim:
        msgs.append(f"Beperkingen van {agent.name} / limits of {agent.name}:")
        msgs.extend(lim)
    msgs.append("Tip: een soepele berekening (relaxed) levert een rooster met zo min mogelijk "
                "overtredingen (a relaxed solve returns the roster with the fewest violations).")
    return msgs
