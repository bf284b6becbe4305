"""A proven lower bound for large models by Lagrangian relaxation of the coverage rows.

Why not the plain LP (:mod:`kcroster.solver.bound`): on a large model (a hundred agents or more
over weeks of 15-minute intervals) neither GLOP (primal or dual simplex) nor PDLP reaches an
optimal basis in the time a solve has. The coupling between agents is only the coverage (queue ×
interval) and shift-type demand rows, so we dualise exactly those: for multipliers λ (per
queue × interval, per tenth of an agent) and μ (per day × shift type)

    L(λ, μ) = Σ_cells min_c [cost_cell(c) + λ·c]  +  Σ_type-cells min_n [cost(n) + μ·n]
            + Σ_agents Σ_weeks min over the agent's week schedules [own costs − λ·coverage − μ·types]

is a lower bound of the CP-SAT objective for every λ, μ (weak duality). The cell costs are *the
functions the CP-SAT model charges* (recorded by :mod:`kcroster.solver.coverage` in
``b.cells``); the agent's week problem is solved exactly by a dynamic programme over (days
worked, work minutes) with the model's candidates, weekly hour bounds and days-per-week limits —
rules linking weeks or consecutive days (rest, runs, weekends, period totals, shift-type caps)
are left out, which only weakens the bound. Per-agent wish costs, stability and must-wishes are
exact, and so is the per-agent convex wish-fairness term: an agent's weeks are solved once per
granted/refused pattern of the wishes in them and combined by refused weight, so an agent whose
wishes cannot all be granted pays its fairness cost in the bound too (e.g. an agent whose only
wish falls on a day no shift can grant it). The fairness of a maximum over
agents (unpopular shifts, the legacy wish maximum) is under-estimated by the mean. Because the
week problems are solved in integers, the best L is at least the LP bound over the same rows.

The multipliers come from column generation with dual smoothing (see :func:`lagrangian_bound`).
All arithmetic is float64 on integer data; the result is rounded up only after a safety margin
(the objective is an integer).
"""

from __future__ import annotations

import itertools
import math
import time
from collections import defaultdict
from collections.abc import Callable
from datetime import timedelta

import numpy as np

from kcroster.solver.breaks import flex_window
from kcroster.solver.builder import ModelBuilder
from kcroster.solver.coverage import SCALE, master_cell_row, type_cell_costs
from kcroster.solver.plan import LAGRANGE_MAX_WEEK_WISHES, LAGRANGE_SMOOTHING, MASTER_MIN_S
from kcroster.solver.wishes import FAIR_FREE, stability_targets

_BIG = 1e12
_REST_DONE = -1  # the DP state "the week's rest is there" (or the rule left out)


def _cell_tables(b: ModelBuilder):
    """Breakpoints (tenths), costs and final slopes of the coverage cells, padded to a matrix."""
    keys = list(b.cells)
    if not keys:
        return keys, np.zeros((0, 1)), np.zeros((0, 1)), np.zeros(0)
    width = max(len(pts) for pts, _c in b.cells.values()) + 1
    X = np.zeros((len(keys), width))
    F = np.full((len(keys), width), _BIG)
    slope = np.zeros(len(keys))
    for i, key in enumerate(keys):
        pts, const = b.cells[key]
        xs = [c for c, _f in pts]
        fs = [f for _c, f in pts]
        slope[i] = (fs[-1] - fs[-2]) / (xs[-1] - xs[-2]) if len(xs) > 1 else 0.0
        # the cost function is piecewise linear between the points: the value at ``const``
        # (coverage from locked shifts, the least possible) by interpolation
        cf = float(np.interp(const, xs, fs)) if const <= xs[-1] else fs[-1] + slope[i] * (const - xs[-1])
        row = [(float(const), cf)] + [(float(c), float(f)) for c, f in pts if c > const]
        # points inside a straight piece add nothing (the whole-agent cells list every agent
        # count from 0, the lowest ones all on the steepest chord): without them the master has
        # far fewer segment columns, GLOP's rounds are faster and the bound climbs higher in the
        # same time
        row = [pt for j, pt in enumerate(row) if j in (0, len(row) - 1) or not _collinear(row[j - 1], pt, row[j + 1])]
        for j, (c, f) in enumerate(row):
            X[i, j] = c
            F[i, j] = f
    return keys, X, F, slope


def _collinear(a: tuple[float, float], m: tuple[float, float], c: tuple[float, float]) -> bool:
    """``m`` lies on the straight line from ``a`` to ``c`` (the integer costs make this exact)."""
    return abs((m[1] - a[1]) * (c[0] - m[0]) - (c[1] - m[1]) * (m[0] - a[0])) <= 1e-9 * max(1.0, abs(c[1] - a[1]))


class _Agents:
    """Flattened candidates with their static costs and the per-week DP structure."""

    def __init__(self, b: ModelBuilder, type_index: dict[tuple[int, str], int]) -> None:
        self.b = b
        static, banned = _static_costs(b)
        # classes: candidate → (class index) for the coverage value
        self.cls_of: dict[tuple[int, int, int], int] = {}
        for i, cl in enumerate(b.classes):
            for ai, d, ci in cl.members:
                self.cls_of[(ai, d, ci)] = i
        self.g = _minutes_unit(b)
        # per agent-day option arrays: option (candidate index, −1 off), minutes unit, class id
        # (−1 none), type cell (−1), static cost
        self.days: dict[tuple[int, int], tuple[np.ndarray, ...]] = {
            (ai, d): self._options(ai, d, static, banned, type_index)
            for ai in range(len(b.agents)) for d in range(b.D)}
        # per-agent wish fairness: ai → (total weight, [(day, weight, mask of the day's options
        # granting the wish)]); the week problems are then solved per refusal pattern
        self.fair_wishes: dict[int, tuple[int, list]] = {
            ai: (total, [(d, wt, np.isin(self.days[(ai, d)][0], list(g))) for d, wt, g in wl])
            for ai, (total, wl) in _fair_wishes(b).items()}
        # week limits per agent-week: (agent, days, min units, max units, max days)
        self.weeks: list[tuple[int, list[int], int, int, int]] = [
            (ai, days, *self._week_limits(ai, days)) for ai in range(len(b.agents))
            for _wi, days, _whole in b.weeks]
        # weekly rest (≥ 36 h inside each calendar week) is kept in the week problems: without it
        # the relaxation's cheapest weeks break it (e.g. a Saturday shift with Monday as the only
        # day off), which weakens the bound and leaves the master's schedules unusable as a
        # roster. Per agent-day the options' start and end instants (an off day: 0, 0); per agent
        # and first day of a week its (start, end, rest needed).
        self.times: dict[tuple[int, int], tuple[np.ndarray, np.ndarray]] = {}
        self.rest: dict[tuple[int, int], tuple[int, int, int]] = {}
        lab = b.p.labour
        if lab.enabled("atw_weekly_rest") and lab.min_weekly_rest_hours > 0:
            self._weekly_rest(int(round(lab.min_weekly_rest_hours * 3600)))

    def _options(self, ai: int, d: int, static: dict[tuple[int, int, int], float],
                 banned: set[tuple[int, int, int]], type_index: dict[tuple[int, str], int]
                 ) -> tuple[np.ndarray, ...]:
        """The option arrays of one agent-day: the day off (unless locked or banned by a
        must-wish) and every candidate not banned."""
        b = self.b
        opts_ci, mins, cls, tcell, stc = [], [], [], [], []
        if (ai, d) not in b.locked_days and (ai, d, -1) not in banned:
            opts_ci.append(-1)
            mins.append(0)
            cls.append(-1)
            tcell.append(-1)
            stc.append(static.get((ai, d, -1), 0.0))
        for ci, c in enumerate(b.cands[ai][d]):
            if (ai, d, ci) in banned:
                continue
            opts_ci.append(ci)
            mins.append(int(c.work_min) // self.g)
            cls.append(self.cls_of.get((ai, d, ci), -1))
            tcell.append(type_index.get((d, c.shift_type), -1) if c.shift_type else -1)
            stc.append(static.get((ai, d, ci), 0.0))
        return (np.asarray(opts_ci, dtype=np.int64), np.asarray(mins, dtype=np.int64),
                np.asarray(cls, dtype=np.int64), np.asarray(tcell, dtype=np.int64),
                np.asarray(stc, dtype=float))

    def _week_limits(self, ai: int, days: list[int]) -> tuple[int, int, int]:
        """(min units, max units, max days) of one agent-week: contract hours, days per week
        and a reintegration step's hours and days."""
        from kcroster.model import step_in_force
        from kcroster.solver.contract import full_leave_days, week_min_max

        b = self.b
        lab, agent = b.p.labour, b.agents[ai]
        plan = b.p.reintegration_plan(agent.id)
        mn, mx = 0, 10**9
        if lab.enabled("contract_week_hours"):
            mn, mx = week_min_max(b, ai, days, full_leave_days(b, agent.id))
        maxd = len(days)
        if agent.max_days_per_week is not None and lab.enabled("contract_days_per_week"):
            maxd = min(maxd, agent.max_days_per_week)
        if plan:
            steps = [s for s in (step_in_force(plan, b.hz.dates[d]) for d in days) if s is not None]
            hrs = [s.max_hours_week for s in steps if s.max_hours_week is not None]
            if hrs:
                mx = min(mx, math.floor(min(hrs) * 60))
            mdw = [s.max_days_week for s in steps if s.max_days_week is not None]
            if mdw:
                maxd = min(maxd, min(mdw))
        top = sum(int(self.days[(ai, d)][1].max(initial=0)) for d in days)
        return max(0, -(-mn // self.g)), min(top, mx // self.g), maxd

    def _weekly_rest(self, need: int) -> None:
        """The options' start and end instants per agent-day and each agent-week's window."""
        from kcroster.solver.atw import _midnight_ts

        b, hz = self.b, self.b.hz
        for ai in range(len(b.agents)):
            for d in range(b.D):
                oci = self.days[(ai, d)][0]
                cands = b.cands[ai][d]
                self.times[(ai, d)] = (
                    np.asarray([cands[ci].start_ts if ci >= 0 else 0 for ci in oci.tolist()], dtype=np.int64),
                    np.asarray([cands[ci].end_ts if ci >= 0 else 0 for ci in oci.tolist()], dtype=np.int64))
        for ai, days, _mn, _mx, _maxd in self.weeks:
            first = hz.dates[days[0]]
            monday = first - timedelta(days=(first.weekday() - hz.week_start) % 7)
            self.rest[(ai, days[0])] = (_midnight_ts(b, monday), _midnight_ts(b, monday + timedelta(days=7)), need)


def _static_costs(b: ModelBuilder) -> tuple[dict[tuple[int, int, int], float], set[tuple[int, int, int]]]:
    """Costs of an option of an agent-day that depend on nothing else, keyed (agent, day,
    candidate or −1 for off): refused wishes, the unpopular shifts' share, stability; and the
    options a must-wish bans."""
    w8 = b.w8
    static: dict[tuple[int, int, int], float] = defaultdict(float)
    banned: set[tuple[int, int, int]] = set()
    # wishes: refused cost per option; must-wishes ban the options that refuse them
    for wish, ai, d, lits, positive in b.wish_exprs:
        ids = {id(x) for x in lits}
        opts = [(-1, False)] + [(ci, id(x) in ids) for ci, x in enumerate(b.x[ai][d])]
        for ci, hit in opts:
            granted = hit if positive else not hit
            if granted:
                continue
            if wish.must:
                banned.add((ai, d, ci))
            else:
                static[(ai, d, ci)] += wish.weight * w8.wish
    if w8.fairness_unpopular:
        per = [ai for ai in range(len(b.agents))
               if any(c.unpopular for d in range(b.D) for c in b.cands[ai][d])]
        if len(per) > 1:
            for ai in per:
                for d in range(b.D):
                    for ci, c in enumerate(b.cands[ai][d]):
                        if c.unpopular:
                            static[(ai, d, ci)] += w8.fairness_unpopular / len(per)
    if w8.stability:
        for ai, d, same in stability_targets(b):
            # a day off in the published roster: every shift differs; else only an equal shift
            # (or the day off, index -1) keeps the agent-day stable
            for ci in [-1, *range(len(b.cands[ai][d]))]:
                if same is None and ci < 0:
                    continue
                if same is None or ci not in same:
                    static[(ai, d, ci)] += w8.stability
    return static, banned


def _fair_wishes(b: ModelBuilder) -> dict[int, tuple[int, list]]:
    """Per agent under wish fairness: (total weight, [(day, weight, granting option indices)])."""
    out: dict[int, tuple[int, list]] = {}
    if not b.w8.fairness_wishes:
        return out
    for wish, ai, d, lits, positive in b.wish_exprs:
        if wish.must or ai not in b.fair_wish_agents:
            continue
        ids = {id(x) for x in lits}
        hits = {ci for ci, x in enumerate(b.x[ai][d]) if id(x) in ids}
        granting = hits if positive else ({-1} | set(range(len(b.x[ai][d]))) - hits)
        total = b.fair_wish_agents[ai][0]
        out.setdefault(ai, (total, []))[1].append((d, wish.weight, granting))
    return out


def _minutes_unit(b: ModelBuilder) -> int:
    """The largest unit dividing the interval and every candidate's work minutes: the week
    DP counts work in it."""
    g = b.hz.interval_minutes
    for ai in range(len(b.agents)):
        for d in range(b.D):
            for c in b.cands[ai][d]:
                g = math.gcd(g, int(c.work_min))
    return max(1, g)


class _Relaxation:
    """The dualised model: cell and type-cell cost tables, agents' week problems, groups."""

    def __init__(self, b: ModelBuilder) -> None:
        self.b = b
        self.keys, self.X, self.F, self.slope = _cell_tables(b)
        qk = {key: i for i, key in enumerate(self.keys)}
        # type demand cells: n ∈ [0, len(lits)], cost under·max(0, req − n) + over·max(0, n − req)
        tkeys, tpts, tcost = [], [], []
        for key, _lits, pts, costs in type_cell_costs(b):
            tkeys.append(key)
            tpts.append(pts)
            tcost.append(costs)
        self.tkeys = tkeys
        tindex = {k: i for i, k in enumerate(tkeys)}
        tw = max((len(p) for p in tpts), default=1)
        self.TX = np.zeros((len(tkeys), tw))
        self.TF = np.full((len(tkeys), tw), _BIG)
        for i, (p, c) in enumerate(zip(tpts, tcost, strict=True)):
            self.TX[i, :len(p)] = p
            self.TF[i, :len(c)] = c
        self.tpts, self.tcost = tpts, tcost
        self.A = _Agents(b, tindex)
        self.agent_weeks: dict[int, list[int]] = defaultdict(list)
        for wi, week in enumerate(self.A.weeks):
            self.agent_weeks[week[0]].append(wi)
        self.const = float(sum(coef * v for coef, v in b.penalties.get("under_const", []) if isinstance(v, int)))
        # groups: per group key the open queues per interval (as cell indices, −1 none)
        self.nk = nk = b.hz.n_intervals
        qidx = {q.name: i for i, q in enumerate(b.p.queues)}
        self.classes = classes = list(b.classes)
        gkeys = sorted({cl.gkey for cl in classes}, key=repr)
        gi = {g: i for i, g in enumerate(gkeys)}
        self.ng = ng = len(gkeys)
        nq = len(b.p.queues)
        self.gcell = np.full((ng, nq, nk), -1, dtype=np.int64)  # cell of (q, k) for group g, if open
        self.multi = np.zeros((ng, nk), dtype=bool)  # flows with an idle slack (over-coverage)
        self.unit = np.zeros(ng)
        for g, (queues, u) in enumerate(gkeys):
            self.unit[g] = u
            for qn in queues:
                q = qidx[qn]
                for k in range(nk):
                    if b.open[q, k]:
                        self.gcell[g, q, k] = qk.get((q, k), -1)
            self.multi[g] = (self.gcell[g] >= 0).sum(axis=0) > 1
        self.nocell = (self.gcell < 0).all(axis=1)  # no open queue: nobody of the group on duty
        self.cl_g = np.asarray([gi[cl.gkey] for cl in classes], dtype=np.int64)
        self.cl_win = []
        for cl in classes:
            work = np.ones(cl.n, dtype=bool)
            for off in cl.fixed:
                if off < cl.n:
                    work[off] = False
            win = list(flex_window(cl.n, cl.brk, b.hz.interval_minutes)) if cl.brk else []
            ks = cl.k0 + np.nonzero(work)[0]
            self.cl_win.append((ks[ks < nk], win))

    def _fair_agent(self, ai: int, wis: list[int], fw, cl_val: np.ndarray, mu: np.ndarray):
        """The agent's cheapest weeks together with its wish-fairness cost (exact within the
        relaxation): per week the cheapest schedule for every granted/refused pattern of the
        week's wishes, combined over the weeks by refused weight, plus the fairness cost of that
        weight. Returns (value, picks per week, value without the fairness cost) or None when a
        week has no schedule at all."""
        total_w, wl = fw
        A = self.A
        comb: dict[int, tuple[float, list]] = {0: (0.0, [])}
        for wi in wis:
            _ai, days, mn, mx, maxd = A.weeks[wi]
            ws = [(d, wt, g) for d, wt, g in wl if d in days]
            tab: dict[int, tuple[float, list]] = {}
            if len(ws) > LAGRANGE_MAX_WEEK_WISHES:
                # too many patterns: the unrestricted week counted as refusing nothing (the
                # fairness cost only grows with the refused weight, so this stays a lower bound)
                sched = _week(A, ai, days, mn, mx, maxd, cl_val, mu)
                if sched is not None:
                    tab[0] = sched
            else:
                for pattern in itertools.product((True, False), repeat=len(ws)):
                    allowed: dict[int, np.ndarray] = {}
                    refused = 0
                    for (d, wt, hit), granted in zip(ws, pattern, strict=True):
                        allowed[d] = allowed.get(d, True) & (hit if granted else ~hit)
                        refused += 0 if granted else wt
                    sched = _week(A, ai, days, mn, mx, maxd, cl_val, mu, allowed)
                    if sched is not None and (refused not in tab or sched[0] < tab[refused][0]):
                        tab[refused] = sched
            if not tab:
                return None
            nxt: dict[int, tuple[float, list]] = {}
            for r1, (c1, p1) in comb.items():
                for r2, (c2, p2) in tab.items():
                    r, c = r1 + r2, c1 + c2
                    if r not in nxt or c < nxt[r][0]:
                        nxt[r] = (c, [*p1, p2])
            comb = nxt
        w = self.b.w8.fairness_wishes

        def fair(r: int) -> int:
            return w * max(0, -(-(100 * r - FAIR_FREE * total_w) // total_w))

        r = min(comb, key=lambda r: comb[r][0] + fair(r))
        return comb[r][0] + fair(r), comb[r][1], min(c for c, _p in comb.values())

    def _column(self, wi: int, picks: list[tuple[int, int, float, int, int]], cl_brk) -> tuple:
        """(week index, cost, {(g, k): duty}, {type cell: count}, ((day, candidate or -1), …))."""
        cost = 0.0
        duty: dict[tuple[int, int], int] = defaultdict(int)
        types: dict[int, int] = defaultdict(int)
        for cls, tc, stc, _d, _ci in picks:
            cost += stc
            if tc >= 0:
                types[tc] += 1
            if cls >= 0:
                cl = self.classes[cls]
                g = int(self.cl_g[cls])
                ks, win = self.cl_win[cls]
                j = int(cl_brk[cls]) if cl_brk is not None else (win[len(win) // 2] if win else -1)
                brk = set(range(cl.k0 + j, cl.k0 + j + cl.brk)) if j >= 0 else set()
                for k in ks.tolist():
                    if k not in brk:
                        duty[(g, k)] += 1
        return (wi, cost, dict(duty), dict(types), tuple(sorted((d, ci) for *_x, d, ci in picks)))

    def columns_of(self, picks: dict[tuple[int, int], int]) -> list[tuple]:
        """Columns of a roster's shift choice (per agent-week), breaks mid-window."""
        out = []
        for wi, (ai, days, _mn, _mx, _maxd) in enumerate(self.A.weeks):
            chosen = []
            for d in days:
                oci, _mins, cls, tcell, stc = self.A.days[(ai, d)]
                hit = np.nonzero(oci == picks.get((ai, d), -1))[0]
                if not len(hit):
                    break
                o = int(hit[0])
                chosen.append((int(cls[o]), int(tcell[o]), float(stc[o]), d, int(oci[o])))
            else:
                out.append(self._column(wi, chosen, None))
        return out

    def evaluate(self, lam: np.ndarray, mu: np.ndarray):
        """L(λ, μ) and the minimising week schedules: (value, columns) with a column per
        agent-week = (week index, cost, {(g, k): duty}, {type cell: count}); value None when a
        week problem is infeasible (the model itself is then infeasible)."""
        w8 = self.b.w8
        F, X, nk, ng = self.F, self.X, self.nk, self.ng
        n = len(self.keys)
        # beyond its last point a cell's cost grows by ``slope``: a smaller λ sends min to −∞,
        # so λ is projected (every λ gives a valid bound; this one a finite one)
        lam = np.maximum(lam, -self.slope)
        vals = F + lam[:, None] * X
        cell_val = vals.min(axis=1) if n else np.zeros(0)
        tvals = self.TF + mu[:, None] * self.TX
        tval = tvals.min(axis=1) if len(self.tkeys) else np.zeros(0)
        total = self.const + float(cell_val.sum()) + float(tval.sum())
        lam_ext = np.concatenate([lam, [0.0]])
        lg = np.where(self.gcell >= 0, lam_ext[self.gcell], -np.inf)  # g × q × k
        bestlam = np.max(lg, axis=1) if ng else np.zeros((0, nk))
        unit = self.unit[:, None]
        h = -unit * bestlam  # cost of one agent of group g on duty in interval k
        idle = self.multi & (h > w8.over * unit)
        h = np.where(idle, w8.over * unit, h)
        h = np.where(self.nocell, _BIG, h)
        pref = np.concatenate([np.zeros((ng, 1)), np.cumsum(h, axis=1)], axis=1)
        cl_val = np.empty(len(self.classes))
        cl_brk = np.full(len(self.classes), -1, dtype=np.int64)
        for i, cl in enumerate(self.classes):
            g = self.cl_g[i]
            ks, win = self.cl_win[i]
            v = float(h[g, ks].sum())
            if win:
                blocks = [float(pref[g, min(nk, cl.k0 + j + cl.brk)] - pref[g, min(nk, cl.k0 + j)]) for j in win]
                jb = int(np.argmax(blocks))
                v -= blocks[jb]
                cl_brk[i] = win[jb]
            cl_val[i] = v
        columns = []
        fair_extra = 0.0  # what the fairness of the agents' wishes adds (the master leaves it out)
        for ai, wis in self.agent_weeks.items():
            fw = self.A.fair_wishes.get(ai)
            if fw is None:
                for wi in wis:
                    _ai, days, mn, mx, maxd = self.A.weeks[wi]
                    sched = _week(self.A, ai, days, mn, mx, maxd, cl_val, mu)
                    if sched is None:
                        return None, []
                    total += sched[0]
                    columns.append(self._column(wi, sched[1], cl_brk))
                continue
            both = self._fair_agent(ai, wis, fw, cl_val, mu)
            if both is None:
                return None, []
            total += both[0]
            fair_extra += both[0] - both[2]
            for wi, picks in zip(wis, both[1], strict=True):
                columns.append(self._column(wi, picks, cl_brk))
        if total > _BIG / 10:
            total = -math.inf  # a forced on-duty interval without an open queue: no information
        self.fair_extra = fair_extra
        return total, columns


def _safe(total: float) -> float:
    return total - (1e-9 * abs(total) + 1e-6)


def lagrangian_bound(b: ModelBuilder, deadline: float, upper: float | None = None,
                     on_bound: Callable[[int], None] | None = None, cancel=None,
                     picks: dict[tuple[int, int], int] | None = None,
                     resid: np.ndarray | None = None,
                     on_master: Callable[[_Master], None] | None = None) -> int | None:
    """Best proven lower bound found before ``deadline`` (None: nothing proven, e.g. the
    relaxation is infeasible or the model is in relaxed/diagnose mode).

    Multipliers come from column generation: the restricted master LP over the week schedules
    found so far (convexity per agent-week, flows of on-duty agents onto open queues, the
    convex cell costs as bounded segments) is solved with GLOP; its row duals are the next
    multipliers, and the week problems priced with them are both the next columns and a valid
    bound L(λ, μ). Any multipliers give a valid bound, so an inexact master only slows down.
    """
    if b.mode != ModelBuilder.STRICT:
        return None
    R = _Relaxation(b)
    lam = _start_multipliers(R, resid)
    mu = np.zeros(len(R.tkeys))
    best: float | None = None
    master: _Master | None = None
    seen: set = set()
    if picks is not None:
        master = _Master(R)
        for col in R.columns_of(picks):
            master.add(col)
    best_plain = -math.inf
    center = (lam, mu)
    lam_m, mu_m = lam, mu  # the master's multipliers (at first: the start values)
    alpha = 0.0  # first round: the start multipliers themselves
    while True:
        # dual smoothing (Wentges): price at a point between the best multipliers so far and
        # the master's, which damps the oscillation of plain column generation
        lam = alpha * center[0] + (1 - alpha) * lam_m
        mu = alpha * center[1] + (1 - alpha) * mu_m
        total, new = R.evaluate(lam, mu)
        if total is None:
            return None if best is None else int(math.ceil(best))
        if math.isfinite(total):
            # the same without the wish fairness: what the master (which leaves it out) is met by
            best_plain = max(best_plain, total - R.fair_extra)
        if math.isfinite(total) and (best is None or _safe(total) > best):
            best = _safe(total)
            center = (np.maximum(lam, -R.slope), mu)
            if on_bound is not None:
                on_bound(int(math.ceil(best)))
        fresh = _unseen(new, seen)
        if fresh and master is None:
            master = _Master(R)
        for col in fresh:
            master.add(col)
        if (time.perf_counter() >= deadline or (cancel is not None and cancel.cancelled)
                or (upper is not None and best is not None and best >= upper - 1e-9)):
            break
        if not fresh:
            if alpha == 0.0:
                break  # nothing prices out at the master's own duals: the master is optimal
            alpha = 0.0  # smoothing mispriced: try the master's duals themselves
            continue
        duals = master.solve(deadline - time.perf_counter()) if master is not None else None
        if duals is None:
            break
        lam_m, mu_m, master_value = duals
        if on_master is not None:
            on_master(master)
        alpha = LAGRANGE_SMOOTHING
        if master_value is not None and master_value - best_plain <= 1e-6 * max(1.0, abs(best_plain)):
            break  # L(λ) met the master's optimum: the Lagrangian dual is solved
    if best is None:
        return None
    return int(math.ceil(best))


def _start_multipliers(R: _Relaxation, resid: np.ndarray | None) -> np.ndarray:
    """The first λ: per cell the slope of its first cost piece, or with the incumbent's
    residual need (``resid``) the marginal cost of one more tenth at its coverage
    (complementary to the incumbent; the master's duals over few columns are degenerate)."""
    w8 = R.b.w8
    n = len(R.keys)
    lam = np.zeros(n)
    if not n:
        return lam
    second = np.where(R.F[:, 1] < _BIG, R.F[:, 1], R.F[:, 0])
    lam = np.maximum(0.0, (R.F[:, 0] - second) / np.maximum(1.0, R.X[:, 1] - R.X[:, 0]))
    if resid is not None:
        tiers = list(w8.under_tiers) or [1]
        for i, (q, k) in enumerate(R.keys):
            r = int(resid[q, k])
            lam[i] = tiers[min((r - 1) // SCALE, len(tiers) - 1)] if r > 0 else -w8.over
    return lam


def _unseen(columns: list[tuple], seen: set) -> list[tuple]:
    """The columns not met before (by week, duty, types and cost), now marked as seen."""
    out = []
    for col in columns:
        sig = (col[0], tuple(sorted(col[2].items())), tuple(sorted(col[3].items())), round(col[1], 6))
        if sig not in seen:
            seen.add(sig)
            out.append(col)
    return out


class _Master:
    """The restricted master LP, kept alive between rounds so GLOP re-solves from its last
    basis when columns are added (a from-scratch solve per round dominated the run time)."""

    def __init__(self, R: _Relaxation) -> None:
        from ortools.linear_solver import pywraplp

        self.R = R
        w8 = R.b.w8
        s = self.s = pywraplp.Solver.CreateSolver("GLOP")
        # presolve would rebuild the problem on every re-solve and lose the warm basis: without it
        # a round's master solve is far faster. The first solve starts from nothing: dual simplex
        # is faster there; the re-solves after adding columns go on with the primal simplex from
        # the basis
        s.SetSolverSpecificParametersAsString("use_preprocessing:false use_dual_simplex:true")
        self.solves = 0
        self.cols: list[tuple[object, tuple]] = []  # (variable, column)
        inf = s.infinity()
        obj = s.Objective()
        offset = 0.0
        self.cell_rows = []
        # cells: c − const = Σ segments y (convex: the LP fills them in order); the row reads
        # Σ y − Σ unit·f = 0, so its dual is minus the multiplier λ of "c − contributions"
        for i in range(len(R.keys)):
            xs = [x for x, f in zip(R.X[i], R.F[i], strict=True) if f < _BIG]
            fs = [f for f in R.F[i] if f < _BIG]
            offset += fs[0]
            ct = s.Constraint(0.0, 0.0)
            for j in range(len(xs) - 1):
                y = s.NumVar(0.0, xs[j + 1] - xs[j], "")
                obj.SetCoefficient(y, (fs[j + 1] - fs[j]) / (xs[j + 1] - xs[j]))
                ct.SetCoefficient(y, 1.0)
            y = s.NumVar(0.0, inf, "")
            obj.SetCoefficient(y, float(R.slope[i]))
            ct.SetCoefficient(y, 1.0)
            self.cell_rows.append(ct)
        self.type_rows = []
        for t in range(len(R.tkeys)):
            offset += R.tcost[t][0]
            self.type_rows.append(master_cell_row(s, obj, R.tpts[t], R.tcost[t]))
        # on-duty agents of group g in interval k flow onto its open queues (or idle)
        self.duty_rows: dict[tuple[int, int], object] = {}
        used = set()
        for i, _cl in enumerate(R.classes):
            g = int(R.cl_g[i])
            for k in R.cl_win[i][0].tolist():
                used.add((g, k))
        for g, k in sorted(used):
            ct = s.Constraint(0.0, 0.0)
            self.duty_rows[(g, k)] = ct
            if R.nocell[g, k]:
                continue
            for q in np.nonzero(R.gcell[g, :, k] >= 0)[0].tolist():
                f = s.NumVar(0.0, inf, "")
                ct.SetCoefficient(f, 1.0)
                self.cell_rows[int(R.gcell[g, q, k])].SetCoefficient(f, -float(R.unit[g]))
            if R.multi[g, k]:
                v = s.NumVar(0.0, inf, "")
                obj.SetCoefficient(v, w8.over * float(R.unit[g]))
                ct.SetCoefficient(v, 1.0)
        self.week_rows = [s.Constraint(1.0, 1.0) for _w in R.A.weeks]
        obj.SetOffset(offset)
        obj.SetMinimization()

    def add(self, col):
        """Add a column; returns its variable."""
        wi, cost, duty, types, _choice = col
        z = self.s.NumVar(0.0, self.s.infinity(), "")
        self.cols.append((z, col))
        self.s.Objective().SetCoefficient(z, cost)
        self.week_rows[wi].SetCoefficient(z, 1.0)
        for gk, cnt in duty.items():
            self.duty_rows[gk].SetCoefficient(z, -float(cnt))
        for t, cnt in types.items():
            self.type_rows[t].SetCoefficient(z, -float(cnt))
        return z

    def solve(self, time_limit: float):
        """(λ, μ, LP value or None) from the current columns, or None."""
        from ortools.linear_solver import pywraplp

        self.solves += 1
        if self.solves == 2:
            self.s.SetSolverSpecificParametersAsString("use_preprocessing:false use_dual_simplex:false")

        self.s.SetTimeLimit(int(max(MASTER_MIN_S, time_limit) * 1000))
        st = self.s.Solve()
        if st not in (pywraplp.Solver.OPTIMAL, pywraplp.Solver.FEASIBLE):
            return None
        lam = np.asarray([-ct.dual_value() for ct in self.cell_rows], dtype=float)
        mu = np.asarray([-ct.dual_value() for ct in self.type_rows], dtype=float)
        value = self.s.Objective().Value() if st == pywraplp.Solver.OPTIMAL else None
        return lam, mu, value

    def pool(self) -> list[tuple[tuple, float, float]]:
        """Every column with its value and reduced cost in the last master solution."""
        return [(col, z.solution_value(), z.reduced_cost()) for z, col in self.cols]


def _week(A: _Agents, ai: int, days: list[int], mn: int, mx: int, maxd: int, cl_val: np.ndarray,
          mu: np.ndarray, allowed: dict[int, np.ndarray] | None = None
          ) -> tuple[float, list[tuple[int, int, float, int, int]]] | None:
    """Cheapest legal week (within the relaxation) of one agent (see :func:`_week_dp`). The
    weekly rest multiplies the DP's states, so the week is first solved without it: when that
    week has its rest anyway (most do), it is the answer."""
    rest = A.rest.get((ai, days[0]))
    plain = _week_dp(A, ai, days, mn, mx, maxd, cl_val, mu, allowed, None)
    if rest is None or plain is None:
        return plain
    ws, we, need = rest
    edge, cands = ws, A.b.cands[ai]
    for s, e in sorted((cands[d][ci].start_ts, cands[d][ci].end_ts) for *_x, d, ci in plain[1] if ci >= 0):
        if s - edge >= need:
            return plain
        edge = max(edge, e)
    if we - edge >= need:
        return plain
    return _week_dp(A, ai, days, mn, mx, maxd, cl_val, mu, allowed, rest)


def _week_dp(A: _Agents, ai: int, days: list[int], mn: int, mx: int, maxd: int, cl_val: np.ndarray,
             mu: np.ndarray, allowed: dict[int, np.ndarray] | None, rest: tuple[int, int, int] | None
             ) -> tuple[float, list[tuple[int, int, float, int, int]]] | None:
    """Cheapest legal week (within the relaxation) of one agent: DP over (days worked, units)
    and, where weekly rest applies, the state of the week's rest; returns (value, [(class, type
    cell, static cost, day, candidate or -1 for off) per day]). ``allowed`` restricts the options
    of some days (a mask over the day's option array).

    Weekly rest: until a rest of ``need`` seconds has been seen, what matters of the past is only
    when the last shift ended (T; the week's start before any shift). A later shift starting at s
    completes the rest when s − T ≥ need, the week's end when we − T ≥ need. T is kept as its
    class among the thresholds s − need of every start in the week and we − need — instants in one
    class compare alike with all of them — so the states stay few."""
    mx = max(0, mx)
    track_days = maxd < len(days)
    nd = (maxd + 1) if track_days else 1
    key0, end_ok, H = _rest_classes(A, ai, days, rest)
    V0 = np.full((nd, mx + 1), np.inf)
    V0[0, 0] = 0.0
    states: dict[int, np.ndarray] = {key0: V0}
    back: list[tuple[dict, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, int]] = []
    for d in days:
        oci, mins, cls, tcell, stc = A.days[(ai, d)]
        cost = _option_costs(A, ai, d, cl_val, mu, allowed)
        target_of = _rest_targets(A, ai, d, H, rest)
        usable = np.nonzero(np.isfinite(cost) & (mins <= mx))[0]
        new: dict[int, np.ndarray] = {}
        steps: dict[int, tuple[np.ndarray, np.ndarray]] = {}  # target state → (option, source state)
        for key, V in states.items():
            target = target_of(key)
            # the cheapest option per (target state, minutes)
            order = usable[np.lexsort((cost[usable], mins[usable], target[usable]))]
            tk, mm = target[order], mins[order]
            first = np.ones(len(order), dtype=bool)
            first[1:] = (tk[1:] != tk[:-1]) | (mm[1:] != mm[:-1])
            for oi in order[first].tolist():
                t = int(target[oi])
                if t not in new:
                    new[t] = np.full((nd, mx + 1), np.inf)
                    steps[t] = (np.full((nd, mx + 1), -1, dtype=np.int64),
                                np.full((nd, mx + 1), _REST_DONE, dtype=np.int64))
                w = int(mins[oi])
                choice, source = steps[t]
                up = 1 if track_days and oci[oi] >= 0 else 0  # a working day counts one more day
                src = V[:nd - up, :mx + 1 - w] + cost[oi]
                tgt = new[t][up:, w:]
                better = src < tgt
                tgt[better] = src[better]
                choice[up:, w:][better] = oi
                source[up:, w:][better] = key
        back.append((steps, cls, tcell, oci, mins, stc, d))
        states = new
    best = _cheapest_end(states, mn, mx, end_ok)
    if best is None:
        return None
    return best[0], _trace_back(back, best, track_days)


def _rest_classes(A: _Agents, ai: int, days: list[int], rest: tuple[int, int, int] | None
                  ) -> tuple[int, int, np.ndarray | None]:
    """(start state, the highest state whose rest to the week's end suffices, the thresholds
    classifying T) of the weekly-rest DP; without ``rest`` every state is :data:`_REST_DONE`."""
    if rest is None:
        return _REST_DONE, _REST_DONE, None
    ws, we, need = rest
    H = np.unique(np.concatenate([A.times[(ai, d)][0][A.days[(ai, d)][0] >= 0] for d in days]
                                 + [np.asarray([we], dtype=np.int64)]) - need)
    key0 = int(np.searchsorted(H, ws))  # T = ws: the rest runs from the week's start
    end_ok = int(np.searchsorted(H, we - need))  # T's class is ≤ this: the rest to the end suffices
    return key0, end_ok, H


def _option_costs(A: _Agents, ai: int, d: int, cl_val: np.ndarray, mu: np.ndarray,
                  allowed: dict[int, np.ndarray] | None) -> np.ndarray:
    """The priced cost of each of the agent-day's options (inf: not allowed)."""
    _oci, _mins, cls, tcell, stc = A.days[(ai, d)]
    cost = stc.copy()
    if len(cl_val):
        cost += np.where(cls >= 0, cl_val[np.maximum(cls, 0)], 0.0)
    if len(mu):
        cost -= np.where(tcell >= 0, mu[np.maximum(tcell, 0)], 0.0)
    if allowed is not None and d in allowed:
        cost = np.where(allowed[d], cost, np.inf)
    return cost


def _rest_targets(A: _Agents, ai: int, d: int, H: np.ndarray | None,
                  rest: tuple[int, int, int] | None) -> Callable[[int], np.ndarray]:
    """For a rest state before day ``d``, the state after each of the day's options."""
    oci = A.days[(ai, d)][0]
    work = oci >= 0
    if H is not None:
        need = rest[2]
        st, en = A.times[(ai, d)]
        closes = np.searchsorted(H, st - need)  # a shift completes the rest from a T of class ≤ this
        after = np.searchsorted(H, en)  # T's class after the shift

    def target(key: int) -> np.ndarray:
        if key == _REST_DONE:
            return np.full(len(oci), _REST_DONE, dtype=np.int64)
        return np.where(work, np.where(key <= closes, _REST_DONE, after), key)
    return target


def _cheapest_end(states: dict[int, np.ndarray], mn: int, mx: int, end_ok: int
                  ) -> tuple[float, int, int, int] | None:
    """(value, state, days, units) of the cheapest end of the week with at least ``mn`` units
    and its rest; None when there is none."""
    best: tuple[float, int, int, int] | None = None
    for key, V in states.items():
        if key != _REST_DONE and key > end_ok:
            continue  # the week would end without its rest
        region = V[:, mn:] if mn <= mx else np.full((1, 1), np.inf)
        if not np.isfinite(region).any():
            continue
        flat = int(np.argmin(region))
        r, c = divmod(flat, region.shape[1])
        if best is None or region[r, c] < best[0]:
            best = (float(region[r, c]), key, r, c + mn)
    return best


def _trace_back(back: list, best: tuple[float, int, int, int], track_days: bool
                ) -> list[tuple[int, int, float, int, int]]:
    """The options the DP chose, from the week's end back to its start."""
    _val, key, r, c = best
    out = []
    for steps, cls, tcell, oci, mins, stcs, d in reversed(back):
        choice, source = steps[key]
        oi = int(choice[r, c])
        key = int(source[r, c])
        out.append((int(cls[oi]), int(tcell[oi]), float(stcs[oi]), d, int(oci[oi])))
        if track_days and oci[oi] >= 0:
            r -= 1
        c -= int(mins[oi])
    return out
