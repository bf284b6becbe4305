"""The whole plan: everything a ``.kcroster`` file holds."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import time

from kcroster.model.agents import Agent, Leave, ReintegrationStep, SickPeriod, Wish
from kcroster.model.forecast import Forecast
from kcroster.model.labour import LabourRules
from kcroster.model.queues import Queue
from kcroster.model.roster import Roster
from kcroster.model.shifts import ShiftRules
from kcroster.model.timegrid import Horizon


@dataclass(frozen=True)
class ShrinkageBand:
    """Shrinkage for part of the week in one scenario: on ``weekdays`` (0 = Monday … 6 = Sunday),
    for the intervals that start at or after ``start`` and before ``end`` (local clock; an
    ``end`` of 00:00 means midnight), on queue ``queue`` or on every queue (None). A Monday
    09:00–10:00 team meeting is ``ShrinkageBand((0,), time(9), time(10), 0.45)``."""

    weekdays: tuple[int, ...]
    start: time
    end: time
    shrinkage: float
    queue: str | None = None

    def __post_init__(self) -> None:
        if not 0.0 <= self.shrinkage < 1.0:
            raise ValueError(f"shrinkage is een fractie van 0 tot 1 (bijv. 0,30), niet {self.shrinkage!r}")
        if not self.weekdays or any(not 0 <= d <= 6 for d in self.weekdays):
            raise ValueError("een shrinkageblok heeft een of meer weekdagen (0 = maandag … 6 = zondag)")
        if self.end != time(0) and self.end <= self.start:
            raise ValueError(f"een shrinkageblok eindigt na zijn begin ({self.start:%H:%M}–{self.end:%H:%M})")


@dataclass
class Scenario:
    """A named variant of the plan, with its own requirement and roster.

    Everything here belongs to this scenario only, so a change in one scenario never changes
    another (``pipeline`` reads the active one):

    * ``queue_overrides``: a queue's settings in this scenario, by queue name and field of
      :class:`~kcroster.model.queues.Queue` (service targets ``sl_percent``, ``sl_seconds``,
      ``asa_seconds``, ``max_occupancy``, ``patience_seconds``, ``concurrency``, and the
      queue's ``shrinkage``); a field not named keeps the queue's own value;
    * ``shrinkage_profile``: :class:`ShrinkageBand` s that set the shrinkage of parts of the
      week (a later band wins where two overlap); ``pipeline.shrinkage_matrix`` decides;
    * ``volume_factor`` / ``aht_factor`` for every queue, times ``queue_volume_factors`` /
      ``queue_aht_factors`` for the queues named there;
    * ``agent_ids``: the agents that take part (None = every agent of the project); the
      solver, the roster and the coverage see only these.
    """

    name: str
    volume_factor: float = 1.0
    aht_factor: float = 1.0
    queue_overrides: dict[str, dict[str, object]] = field(default_factory=dict)
    roster: Roster | None = None
    published: Roster | None = None
    shrinkage_profile: list[ShrinkageBand] = field(default_factory=list)
    queue_volume_factors: dict[str, float] = field(default_factory=dict)
    queue_aht_factors: dict[str, float] = field(default_factory=dict)
    agent_ids: list[str] | None = None

    def queue_settings(self, queue: Queue) -> Queue:
        """``queue`` as this scenario sets it: its ``queue_overrides`` applied (a copy when there
        are any, else ``queue`` itself)."""
        changes = self.queue_overrides.get(queue.name)
        return replace(queue, **changes) if changes else queue

    def takes_part(self, agent_id: str) -> bool:
        """Whether agent ``agent_id`` is in this scenario's agent set."""
        return self.agent_ids is None or agent_id in self.agent_ids


@dataclass
class Project:
    name: str
    horizon: Horizon
    queues: list[Queue] = field(default_factory=list)
    forecast: Forecast | None = None
    agents: list[Agent] = field(default_factory=list)
    leave: list[Leave] = field(default_factory=list)
    wishes: list[Wish] = field(default_factory=list)
    reintegration: list[ReintegrationStep] = field(default_factory=list)
    shift_rules: ShiftRules = field(default_factory=ShiftRules)
    labour: LabourRules = field(default_factory=LabourRules)
    scenarios: list[Scenario] = field(default_factory=lambda: [Scenario("Basis")])
    active_scenario: int = 0
    fte_hours: float = 36.0  # hours per week that make one FTE
    # dates only, never a diagnosis (AVG); drive the Wet Poortwachter deadlines
    sick_periods: list[SickPeriod] = field(default_factory=list)

    @property
    def scenario(self) -> Scenario:
        return self.scenarios[self.active_scenario]

    def agent(self, agent_id: str) -> Agent:
        for a in self.agents:
            if a.id == agent_id:
                return a
        raise KeyError(agent_id)

    def queue(self, name: str) -> Queue:
        for q in self.queues:
            if q.name == name:
                return q
        raise KeyError(name)

    def sick_periods_of(self, agent_id: str) -> list[SickPeriod]:
        return sorted((p for p in self.sick_periods if p.agent_id == agent_id), key=lambda p: p.start)

    def reintegration_plan(self, agent_id: str) -> list[ReintegrationStep]:
        return sorted((s for s in self.reintegration if s.agent_id == agent_id), key=lambda s: s.from_date)
