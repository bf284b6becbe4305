"""The objective: one integer sum of penalty points (docs/design.md §5 order of importance is carried by
the weights): convex under-coverage, over-coverage, shift-type demand, wishes, fairness,
stability — and, in a relaxed solve, a dominant cost per relaxed hard rule."""

from __future__ import annotations

from ortools.sat.python import cp_model

from kcroster.solver.builder import ModelBuilder

RELAX_COST = 1_000_000  # one violated hard rule outweighs any coverage or wish


def build(b: ModelBuilder) -> None:
    if b.mode == b.DIAGNOSE:
        return
    terms = []
    for lst in b.penalties.values():
        for coef, v in lst:
            terms.append(coef * v)
    if b.mode == b.RELAXED:
        for lit in b.gates.values():
            terms.append(RELAX_COST * (1 - lit))
    if terms:
        b.model.minimize(cp_model.LinearExpr.sum(terms))


def term_values(b: ModelBuilder, value) -> dict[str, int]:
    """Value of each penalty family in a solution (``value`` evaluates a linear expression)."""
    out = {}
    for name, lst in b.penalties.items():
        out[name] = int(sum(coef * (v if isinstance(v, int) else value(v)) for coef, v in lst))
    return out
