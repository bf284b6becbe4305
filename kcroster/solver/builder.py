"""Orchestrates the CP-SAT model: variables per agent × day × candidate, then one module per
constraint family (contract, ATW, coverage, wishes) and the objective.

Hard rules go through :meth:`ModelBuilder.hard`, which in the normal mode adds them as they are
and in the diagnose/relaxed modes guards them with one assumption literal per
(rule, agent, period) — the infeasible core and the relaxed solve both work on those literals.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from ortools.sat.python import cp_model

from kcroster.model import KcrosterInputError, Project
from kcroster.solver.candidates import Candidate, CandidateFactory, queue_open_mask
from kcroster.solver.options import SolveOptions

if TYPE_CHECKING:
    from kcroster.solver.warmstart import AgentSearch


def hint_assignment(model: cp_model.CpModel, values: list[int]) -> None:
    """Make the complete assignment ``values`` (one value per model variable) the model's only
    solution hint."""
    model.clear_hints()
    model.proto.solution_hint.vars.extend(range(len(values)))
    model.proto.solution_hint.values.extend(values)


@dataclass(frozen=True)
class Gate:
    rule: str
    agent: str | None
    period: str


class ModelBuilder:
    STRICT, DIAGNOSE, RELAXED = "strict", "diagnose", "relaxed"

    def __init__(self, project: Project, requirement: np.ndarray | None, options: SolveOptions,
                 mode: str = "strict", relax_agents: set[str] | None = None) -> None:
        self.p = project
        self.relax_agents = relax_agents  # relaxed mode: only these agents' rules become soft
        self.hz = project.horizon
        self.opts = options
        self.mode = mode
        self.w8 = options.weights
        self.req = None if requirement is None else np.asarray(requirement, dtype=float)
        if self.req is not None and self.req.shape != (len(project.queues), self.hz.n_intervals):
            raise KcrosterInputError(
                f"de bezetting heeft vorm {self.req.shape}, verwacht {(len(project.queues), self.hz.n_intervals)} "
                "(wachtrijen × intervallen) / requirement has the wrong shape")
        self.model = cp_model.CpModel()
        self.agents = list(project.agents)
        self.D = self.hz.days
        self.open = queue_open_mask(project, self.req)
        self.factory = CandidateFactory(project, self.req, self.open)
        self.gates: dict[Gate, cp_model.IntVar] = {}
        self.penalties: dict[str, list[tuple[int, object]]] = defaultdict(list)
        # the penalty terms that belong to one agent alone (wishes, the agent's wish fairness,
        # stability): what an agent's own schedule costs, for the horizon column generation
        self.agent_terms: dict[int, list[tuple[int, object]]] = defaultdict(list)
        self.type_rows: list[int] = []  # proto indices of the shift-type demand rows (coupling)
        # per (agent, week index) the contract minutes above which work costs over_contract
        self.contract_minutes: dict[tuple[int, int], int] = {}
        self.cands: list[list[list[Candidate]]] = []
        self.x: list[list[list[cp_model.IntVar]]] = []
        self.w: list[list[object]] = []
        # weeks: list of (week index, [day indices], whole)
        by_week: dict[int, list[int]] = defaultdict(list)
        for d, day in enumerate(self.hz.dates):
            by_week[self.hz.week_index(day)].append(d)
        self.weeks = [(wi, ds, len(ds) == 7) for wi, ds in sorted(by_week.items())]
        self.locked_days: set[tuple[int, int]] = set()
        # what this solve's CP-SAT calls have used so far (in a deterministic solve nominal
        # seconds of work, by which it spends its time limit: :mod:`kcroster.solver.work`)
        self.work = 0.0
        self.agent_search: AgentSearch | None = None  # the greedy start's one-agent search (warmstart.AgentSearch)
        # filled by the constraint families while they build (declared here, read everywhere):
        # coverage.py — the shift classes, queue flows, coverage expressions per (queue,
        # interval), coverage locked by fixed shifts, the piecewise cost per cell for the bounds,
        # and for shift-type demand the literals counted per (day, shift type)
        self.classes: list[Any] = []
        self.flows: dict[Any, Any] = {}
        self.cov_expr: dict[tuple[int, int], Any] = {}
        self.locked_cover: dict[tuple[int, int], int] = defaultdict(int)
        self.cells: dict[tuple[int, int], Any] = {}
        self.type_counts: dict[tuple[int, str], Any] = {}
        # wishes.py — (wish, agent, day, granting literals, positive), the per-agent wish
        # fairness terms (agent → (total weight, its wishes)) and the unpopular-shift lists
        self.wish_exprs: list[tuple[Any, int, int, list[Any], bool]] = []
        self.fair_wish_agents: dict[int, tuple[int, list[Any]]] = {}
        self.unpopular_lists: list[Any] = []

    # --- gating ----------------------------------------------------------------------------
    def hard(self, ct, rule: str, agent: int | None = None, period: str = "") -> None:
        if self.mode == self.STRICT:
            return
        if (self.mode == self.RELAXED and self.relax_agents is not None
                and (agent is None or self.agents[agent].id not in self.relax_agents)):
            return
        g = Gate(rule, None if agent is None else self.agents[agent].id, period)
        lit = self.gates.get(g)
        if lit is None:
            lit = self.model.new_bool_var(f"gate[{rule},{g.agent},{period}]")
            self.gates[g] = lit
        ct.only_enforce_if(lit)

    def penalise(self, term: str, coef: int, var, agent: int | None = None) -> None:
        if coef:
            self.penalties[term].append((int(coef), var))
            if agent is not None:
                self.agent_terms[agent].append((int(coef), var))

    # --- variables -------------------------------------------------------------------------
    def build_variables(self) -> None:
        ref = self.opts.reference
        locked: dict[tuple[str, int], object] = {}
        if ref is not None:
            for s in ref.shifts:
                if s.locked and self.hz.start <= s.day < self.hz.end:
                    locked[(s.agent_id, self.hz.day_index(s.day))] = s
        m = self.model
        shapes = [self.factory.raw_shapes(d) for d in range(self.D)]
        for ai, agent in enumerate(self.agents):
            rows_c, rows_x, rows_w = [], [], []
            for d in range(self.D):
                if (agent.id, d) in locked:
                    cs = [self.factory.locked_candidate(agent, locked[(agent.id, d)])]
                    self.locked_days.add((ai, d))
                else:
                    cs = self.factory.for_agent_day(agent, d, shapes[d])
                xs = [m.new_bool_var(f"x{ai}_{d}_{i}") for i in range(len(cs))]
                if not xs:
                    wv: object = 0
                elif len(xs) == 1:
                    wv = xs[0]
                else:
                    wv = m.new_bool_var(f"w{ai}_{d}")
                    m.add(sum(xs) == wv)
                if (ai, d) in self.locked_days:
                    self.hard(m.add(xs[0] == 1), "locked", ai, self.hz.dates[d].isoformat())
                rows_c.append(cs)
                rows_x.append(xs)
                rows_w.append(wv)
            self.cands.append(rows_c)
            self.x.append(rows_x)
            self.w.append(rows_w)

    # --- expressions -----------------------------------------------------------------------
    def works(self, a: int, d: int):
        if d < 0 or d >= self.D:
            return 0
        return self.w[a][d]

    def work_minutes(self, a: int, d: int):
        cs, xs = self.cands[a][d], self.x[a][d]
        if not xs:
            return 0
        return cp_model.LinearExpr.weighted_sum(xs, [c.work_min for c in cs])

    def type_lits(self, a: int, d: int, tname: str) -> list:
        if d < 0 or d >= self.D:
            return []
        return [x for c, x in zip(self.cands[a][d], self.x[a][d], strict=True) if c.shift_type == tname]

    def is_var(self, v) -> bool:
        return not isinstance(v, int)

    # --- the whole model -------------------------------------------------------------------
    def build(self) -> None:
        self.build_variables()
        self.build_constraints()

    def build_constraints(self) -> None:
        """Every rule, the coverage and the objective over the variables (after
        :meth:`build_variables`). The one-agent models of the greedy start need only the
        candidates, so a solve builds these beside it."""
        from kcroster.solver import atw, contract, coverage, objective, wishes

        contract.add(self)
        atw.add(self)
        coverage.add(self)
        wishes.add(self)
        objective.build(self)
