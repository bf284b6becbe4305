"""Service targets of one queue, in the terms the staffing maths needs.

The domain model's queues are mapped onto :class:`QueueTargets` by the caller; this module knows
nothing about the project file. Percentages that planners type (``sl_percent``) are percent;
``max_occupancy``, ``shrinkage`` and ``max_abandon`` are fractions (0.85 = 85 %).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

Channel = Literal["voice", "chat", "email"]
CHANNELS: tuple[str, ...] = ("voice", "chat", "email")
MAX_CONCURRENCY = 6


@dataclass(frozen=True)
class QueueTargets:
    """Targets and model choices for one queue.

    channel:
        ``"voice"`` and ``"chat"`` are queued live contacts (Erlang C, or Erlang A when
        ``patience_seconds`` is set); ``"email"`` is deferred work answered within
        ``response_hours``.
    sl_percent, sl_seconds:
        service level target, e.g. 80 % answered within 20 s. ``None`` = no SL target.
        For Erlang A the SL is counted over all offered contacts (abandons count as missed).
    asa_seconds:
        optional cap on the average speed of answer (of answered contacts).
    max_occupancy:
        optional cap on occupancy (Erlang C: A/N; Erlang A: carried traffic/N; chat: per
        session slot). Ignored for e-mail.
    shrinkage:
        fraction of paid time not available for contacts and not placed by the roster itself
        (sickness, meetings, training); scheduled = ceil(required / (1 − shrinkage)).
    patience_seconds:
        mean caller patience; ``None`` = Erlang C (nobody abandons), set = Erlang A.
    max_abandon:
        optional cap on the abandon fraction (Erlang A only), e.g. 0.05.
    concurrency:
        chat sessions one agent handles at once (1–6); must be 1 for voice and e-mail.
    response_hours:
        e-mail response target in hours (calendar time, see ``kcroster.staffing.channels``).
    min_agents_when_open:
        minimum staffing in every open interval, also when no contacts are forecast.
    """

    channel: Channel = "voice"
    sl_percent: float | None = 80.0
    sl_seconds: float = 20.0
    asa_seconds: float | None = None
    max_occupancy: float | None = 0.85
    shrinkage: float = 0.30
    patience_seconds: float | None = None
    max_abandon: float | None = None
    concurrency: int = 1
    response_hours: float = 24.0
    min_agents_when_open: int = 0

    def __post_init__(self) -> None:
        if self.channel not in CHANNELS:
            raise ValueError(f"channel must be one of {CHANNELS}, got {self.channel!r}")
        if self.sl_percent is not None and not (0.0 <= self.sl_percent < 100.0):
            raise ValueError(
                f"sl_percent must be at least 0 and below 100 (100 % is never reached), "
                f"got {self.sl_percent!r}"
            )
        if not (_finite(self.sl_seconds) and self.sl_seconds >= 0):
            raise ValueError(f"sl_seconds must be 0 or more, got {self.sl_seconds!r}")
        if self.asa_seconds is not None and not (
            _finite(self.asa_seconds) and self.asa_seconds > 0
        ):
            raise ValueError(f"asa_seconds must be positive, got {self.asa_seconds!r}")
        if self.max_occupancy is not None and not (0.0 < self.max_occupancy <= 1.0):
            raise ValueError(
                f"max_occupancy is a fraction in (0, 1], e.g. 0.85; got {self.max_occupancy!r}"
            )
        if not (0.0 <= self.shrinkage < 1.0):
            raise ValueError(
                f"shrinkage is a fraction in [0, 1), e.g. 0.30; got {self.shrinkage!r}"
            )
        if self.patience_seconds is not None and not (
            _finite(self.patience_seconds) and self.patience_seconds > 0
        ):
            raise ValueError(f"patience_seconds must be positive, got {self.patience_seconds!r}")
        if self.max_abandon is not None:
            if not (0.0 < self.max_abandon <= 1.0):
                raise ValueError(
                    f"max_abandon is a fraction in (0, 1], e.g. 0.05; got {self.max_abandon!r}"
                )
            if self.patience_seconds is None and self.channel != "email":
                raise ValueError("max_abandon needs patience_seconds (Erlang A models abandonment)")
        if isinstance(self.concurrency, bool) or not isinstance(self.concurrency, int):
            raise ValueError(f"concurrency must be a whole number, got {self.concurrency!r}")
        if not (1 <= self.concurrency <= MAX_CONCURRENCY):
            raise ValueError(f"concurrency must be 1 to {MAX_CONCURRENCY}, got {self.concurrency}")
        if self.channel != "chat" and self.concurrency != 1:
            raise ValueError(f"concurrency applies to chat only; {self.channel} needs 1")
        if not (_finite(self.response_hours) and self.response_hours > 0):
            raise ValueError(f"response_hours must be positive, got {self.response_hours!r}")
        if isinstance(self.min_agents_when_open, bool) or not isinstance(
            self.min_agents_when_open, int
        ):
            raise ValueError("min_agents_when_open must be a whole number")
        if self.min_agents_when_open < 0:
            raise ValueError("min_agents_when_open must be 0 or more")

    @property
    def model(self) -> Literal["erlang_c", "erlang_a", "deferred"]:
        """The queueing model used for this queue."""
        if self.channel == "email":
            return "deferred"
        return "erlang_c" if self.patience_seconds is None else "erlang_a"

    @property
    def sl_fraction(self) -> float | None:
        """The SL target as a fraction (None when there is no SL target)."""
        return None if self.sl_percent is None else self.sl_percent / 100.0


def _finite(value: float) -> bool:
    try:
        return math.isfinite(value)
    except TypeError:
        return False
