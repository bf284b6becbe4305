"""Queues (wachtrijen): channel, service targets, shrinkage and opening hours."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time
from enum import StrEnum


class Channel(StrEnum):
    VOICE = "voice"
    CHAT = "chat"
    EMAIL = "email"


TimeWindow = tuple[time, time]


@dataclass
class OpeningHours:
    """Open windows per weekday (0 = Monday) and what happens on a public holiday.

    ``holiday`` is ``None`` when the queue is closed on public holidays, or its own list of
    windows when it opens with special hours.
    """

    weekly: dict[int, list[TimeWindow]] = field(default_factory=dict)
    holiday: list[TimeWindow] | None = None

    def windows(self, weekday: int, is_holiday: bool) -> list[TimeWindow]:
        if is_holiday:
            return list(self.holiday or [])
        return list(self.weekly.get(weekday, []))


@dataclass
class Queue:
    """A queue with its service targets (defaults per the forecast importer spec)."""

    name: str
    channel: Channel = Channel.VOICE
    sl_percent: float = 80.0
    sl_seconds: float = 20.0
    asa_seconds: float | None = None
    max_occupancy: float | None = 0.85
    shrinkage: float = 0.30
    patience_seconds: float | None = None  # None → Erlang C; set → Erlang A
    max_abandon: float | None = None  # Erlang A abandonment cap (fraction)
    concurrency: int = 1  # chat sessions per agent
    response_hours: float = 24.0  # e-mail response target
    opening_hours: OpeningHours | None = None  # None → derived from the forecast
    min_agents_when_open: int = 0
    color: str | None = None
