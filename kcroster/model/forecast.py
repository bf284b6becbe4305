"""The forecast: offered volume and average handle time per queue × interval."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from kcroster.model.queues import Queue
from kcroster.model.timegrid import Horizon


@dataclass
class Forecast:
    """``volume[q, k]`` contacts offered and ``aht[q, k]`` seconds per contact.

    Queue ``q`` is ``queues[q]``; interval ``k`` is ``horizon``'s k-th interval. ``open_mask`` marks
    intervals in which the queue is open (from opening hours, or where the forecast has a row).
    """

    horizon: Horizon
    queues: list[Queue]
    volume: np.ndarray
    aht: np.ndarray
    open_mask: np.ndarray | None = None
    source: str | None = None
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        shape = (len(self.queues), self.horizon.n_intervals)
        self.volume = np.asarray(self.volume, dtype=float)
        self.aht = np.asarray(self.aht, dtype=float)
        if self.volume.shape != shape or self.aht.shape != shape:
            raise ValueError(f"forecast arrays must have shape {shape}")
        if self.open_mask is None:
            self.open_mask = self.volume > 0
        else:
            self.open_mask = np.asarray(self.open_mask, dtype=bool)

    @property
    def queue_names(self) -> list[str]:
        return [q.name for q in self.queues]

    def queue_index(self, name: str) -> int:
        return self.queue_names.index(name)

    def scaled(self, volume_factor: float = 1.0, aht_factor: float = 1.0) -> Forecast:
        """What-if copy (volume %, AHT %)."""
        return Forecast(
            horizon=self.horizon,
            queues=self.queues,
            volume=self.volume * volume_factor,
            aht=self.aht * aht_factor,
            open_mask=self.open_mask,
            source=self.source,
        )
