"""Roster rules: the catalogue every rule is declared in, and the independent checker.

``RULES`` (in :mod:`kcroster.rules.catalogue`) is the contract between the optimiser and
:func:`check`, which verifies any roster — solver output, planner edits, imports — against it
without using the solver's encoding.
"""

from kcroster.rules.catalogue import RULES, RULES_BY_ID, Family, Rule, Severity, rule
from kcroster.rules.checker import CHECKED_RULES, Violation, check, roster_is_legal, summarise

__all__ = [
    "CHECKED_RULES", "RULES", "RULES_BY_ID", "Family", "Rule", "Severity", "Violation", "check",
    "roster_is_legal", "rule", "summarise",
]
