"""Plain domain dataclasses: calendar, queues, forecast, agents, shifts, rosters, projects.

No I/O and no Qt here; every other layer builds on these types.
"""

from kcroster.model.agents import Agent, Leave, ReintegrationStep, Wish, WishKind, step_in_force
from kcroster.model.errors import KcrosterInputError
from kcroster.model.forecast import Forecast
from kcroster.model.labour import LabourRules
from kcroster.model.project import Project, Scenario, ShrinkageBand
from kcroster.model.queues import Channel, OpeningHours, Queue
from kcroster.model.roster import BREAK, WORK, Roster, RosterStatus, Segment, Shift
from kcroster.model.shifts import ShiftDemand, ShiftRules, ShiftType
from kcroster.model.timegrid import Horizon

__all__ = [
    "BREAK", "WORK", "Agent", "Channel", "Forecast", "Horizon", "KcrosterInputError",
    "LabourRules", "Leave", "OpeningHours", "Project", "Queue", "ReintegrationStep", "Roster",
    "RosterStatus", "Scenario", "Segment", "ShrinkageBand", "Shift", "ShiftDemand", "ShiftRules", "ShiftType", "Wish",
    "WishKind", "step_in_force",
]
