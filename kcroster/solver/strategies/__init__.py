"""The strategies of a solve, one module each, behind :class:`kcroster.solver.strategy.Strategy`."""
