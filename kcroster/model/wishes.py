"""Whether a roster grants a wish, and how fairly granted wishes are spread.

One definition shared by the coverage screen, the KPI sheet of the planner workbook and the
pipeline (the rule checker keeps its own, independent reading of ``wish_must``).
"""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from kcroster.model.agents import Wish, WishKind
from kcroster.model.roster import Roster, Shift
from kcroster.model.shifts import ShiftRules


def wish_granted(wish: Wish, shift: Shift | None, rules: ShiftRules, tz: ZoneInfo) -> bool:
    """``shift`` is the agent's shift on ``wish.day`` (None = day off).

    Early = starts strictly before ``rules.early_start_before``; late = ends strictly after
    ``rules.late_end_after`` on its day (or after midnight); a start window is inclusive.
    """
    if wish.kind == WishKind.OFF:
        return shift is None
    if wish.kind == WishKind.NOT_SHIFT:
        return shift is None or shift.shift_type != wish.shift_type
    if shift is None:
        return False
    start, end = shift.start.astimezone(tz), shift.end.astimezone(tz)
    if wish.kind == WishKind.WORK:
        return True
    if wish.kind == WishKind.SHIFT:
        return shift.shift_type == wish.shift_type
    if wish.kind == WishKind.EARLY:
        return start.time() < rules.early_start_before
    if wish.kind == WishKind.LATE:
        return end.date() > shift.day or end.time() > rules.late_end_after
    if wish.kind == WishKind.WINDOW:
        return (wish.window_start is not None and wish.window_end is not None
                and wish.window_start <= start.time() <= wish.window_end)
    return False


def wish_results(wishes: list[Wish], roster: Roster, rules: ShiftRules, tz: ZoneInfo) -> list[bool]:
    """Granted or not, for every wish in order."""
    shifts: dict[tuple[str, date], Shift] = {(s.agent_id, s.day): s for s in roster.shifts}
    return [wish_granted(w, shifts.get((w.agent_id, w.day)), rules, tz) for w in wishes]


def granted_share_per_agent(wishes: list[Wish], granted: list[bool]) -> dict[str, float]:
    """Per agent with wishes: granted wish weight / total wish weight."""
    acc: dict[str, list[int]] = {}
    for w, g in zip(wishes, granted, strict=True):
        a = acc.setdefault(w.agent_id, [0, 0])
        a[0] += w.weight if g else 0
        a[1] += w.weight
    return {agent: g / t for agent, (g, t) in acc.items() if t > 0}


def fairness(wishes: list[Wish], granted: list[bool]) -> float:
    """Granted-weight share of the worst-off agent with wishes (1 = everyone fully)."""
    shares = granted_share_per_agent(wishes, granted)
    return float(min(shares.values())) if shares else 1.0
