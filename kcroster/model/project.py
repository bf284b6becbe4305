"""The whole plan: everything a ``.kcroster`` file holds."""

from __future__ import annotations

from dataclasses import dataclass, field

from kcroster.model.agents import Agent, Leave, ReintegrationStep, SickPeriod, Wish
from kcroster.model.forecast import Forecast
from kcroster.model.labour import LabourRules
from kcroster.model.queues import Queue
from kcroster.model.roster import Roster
from kcroster.model.shifts import ShiftRules
from kcroster.model.timegrid import Horizon


@dataclass
class Scenario:
    """A named variant: its own settings/what-ifs, with its own requirement and roster."""

    name: str
    volume_factor: float = 1.0
    aht_factor: float = 1.0
    queue_overrides: dict[str, dict[str, object]] = field(default_factory=dict)
    roster: Roster | None = None
    published: Roster | None = None


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
