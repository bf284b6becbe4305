"""The planner's changes to a forecast made from history: a percentage per day and day tags.

A planner knows things the history does not: next Tuesday's mailing, a campaign, a planned
outage. Two kinds of change, both undoable (docs/design.md §2: undo lives in the domain, the dialog's
buttons only call :meth:`ForecastAdjustments.undo`):

* a **percentage** on a forecast day (``+10`` = 10 % more contacts that day in every interval
  and queue, the P10–P90 band scaled with it): :func:`adjusted` applies it to a result;
* a **tag** on any day, in the history or in the forecast ("mailing", "storing"): the day model
  gives every label an effect of its own, learned from the tagged days in the history
  (:mod:`kcroster.forecasting.calendar`), so a tag changes the forecast only after it is made
  again with :attr:`ForecastAdjustments.tags` as the request's ``special_days``.

The history of changes holds ``(kind, day, before, after)`` steps; a step that changes nothing
is not recorded, so undo never has to be pressed twice for one visible change.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import numpy as np

from kcroster.forecasting.engine import ForecastResult

__all__ = ["ForecastAdjustments", "adjusted"]

PERCENT_RANGE = (-100.0, 500.0)  # -100 % closes a day; more than 6× is a typo, not a campaign


@dataclass(frozen=True)
class _Step:
    kind: str  # "percent" or "tag"
    day: date
    before: float | str | None
    after: float | str | None


class ForecastAdjustments:
    """Per-day percentages and day tags with undo and redo."""

    def __init__(self) -> None:
        self.percent: dict[date, float] = {}
        self.tags: dict[date, str] = {}
        self._done: list[_Step] = []
        self._undone: list[_Step] = []

    # -- changes ------------------------------------------------------------------------------
    def set_percent(self, day: date, percent: float) -> bool:
        """Set ``day``'s adjustment in percent (0 removes it); False when nothing changed.

        Raises ``ValueError`` (Dutch) outside -100 … +500 %.
        """
        lo, hi = PERCENT_RANGE
        if not lo <= percent <= hi:
            raise ValueError(f"een aanpassing moet tussen {lo:.0f} % en +{hi:.0f} % liggen")
        before = self.percent.get(day)
        after = float(percent) if percent else None
        return self._record(_Step("percent", day, before, after))

    def set_tag(self, day: date, label: str) -> bool:
        """Tag ``day`` (an empty label removes the tag); False when nothing changed."""
        before = self.tags.get(day)
        after = label.strip() or None
        return self._record(_Step("tag", day, before, after))

    def _record(self, step: _Step) -> bool:
        if step.before == step.after:
            return False
        self._put(step, step.after)
        self._done.append(step)
        self._undone.clear()
        return True

    def _put(self, step: _Step, value: float | str | None) -> None:
        table: dict = self.percent if step.kind == "percent" else self.tags
        if value is None:
            table.pop(step.day, None)
        else:
            table[step.day] = value

    # -- undo ---------------------------------------------------------------------------------
    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    def undo(self) -> str | None:
        """Revert the last change; returns its kind ("percent" or "tag"), None if none."""
        if not self._done:
            return None
        step = self._done.pop()
        self._put(step, step.before)
        self._undone.append(step)
        return step.kind

    def redo(self) -> str | None:
        """Apply the last undone change again; returns its kind, None if none."""
        if not self._undone:
            return None
        step = self._undone.pop()
        self._put(step, step.after)
        self._done.append(step)
        return step.kind

    def tag_key(self) -> frozenset[tuple[date, str]]:
        """The tags as a hashable key: forecasts already made for a set of tags are reused."""
        return frozenset(self.tags.items())

    def factors(self, days: list[date]) -> np.ndarray:
        """The multiplier of every day in ``days`` (1.0 where there is no adjustment)."""
        return np.asarray([1.0 + self.percent.get(d, 0.0) / 100.0 for d in days])


def adjusted(result: ForecastResult, adjustments: ForecastAdjustments) -> ForecastResult:
    """``result`` with every forecast day's volume, planned volume and band multiplied by its
    adjustment (a copy; ``result`` itself is left alone)."""
    f = adjustments.factors(result.dates)[None, :, None]
    if np.all(f == 1.0):
        return result
    return replace(
        result,
        volume=result.volume * f,
        planned=result.planned * f,
        p10=result.p10 * f,
        p90=result.p90 * f,
        notes=list(result.notes),
    )
