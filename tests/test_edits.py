"""Domain edits: each applies, undoes to the exact previous state, and redoes."""

from __future__ import annotations

import copy
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from kcroster.edits import (
    AddLeave,
    AddScenario,
    AddShift,
    DeleteShift,
    EditHistory,
    LockShift,
    MoveShift,
    PublishRoster,
    RemoveLeave,
    RemoveScenario,
    RenameScenario,
    ReplaceRoster,
    SetAgentField,
    SetQueueSetting,
    SetReintegrationStep,
    SetScenarioField,
    SetSickPeriod,
    SetWish,
    SwapShifts,
    retime_segments,
)
from kcroster.model import (
    BREAK,
    Agent,
    Horizon,
    Leave,
    Project,
    Queue,
    ReintegrationStep,
    Roster,
    RosterStatus,
    Scenario,
    Segment,
    Shift,
    Wish,
    WishKind,
)
from kcroster.model.agents import SickPeriod

TZ = ZoneInfo("Europe/Amsterdam")
D0 = date(2027, 5, 3)


def at(day: date, h: int, m: int = 0) -> datetime:
    return datetime.combine(day, time(h, m), tzinfo=TZ)


def shift(agent: str, day: date, h0: int, h1: int) -> Shift:
    mid = at(day, (h0 + h1) // 2)
    return Shift(agent, day, at(day, h0), at(day, h1), [
        Segment(at(day, h0), mid, "Telefonie"),
        Segment(mid, mid + timedelta(minutes=30), BREAK),
        Segment(mid + timedelta(minutes=30), at(day, h1), "Telefonie"),
    ])


PUBLISHED_AT = datetime(2027, 4, 30, 12, 0, tzinfo=TZ)
LEAVE = Leave("a2", at(D0 + timedelta(days=3), 0), at(D0 + timedelta(days=4), 0))
STEP = ReintegrationStep("a1", D0 - timedelta(days=14), max_hours_week=12.0, max_hours_day=4.0,
                         first_sick_day=D0 - timedelta(days=40))
SICK = SickPeriod(D0 - timedelta(days=40), None, "a1")


@pytest.fixture
def project() -> Project:
    p = Project("t", Horizon(D0, 7), queues=[Queue("Telefonie")],
                agents=[Agent("a1", "Anna"), Agent("a2", "Bram")],
                leave=[LEAVE], reintegration=[STEP], sick_periods=[SICK])
    p.scenario.roster = Roster([shift("a1", D0, 8, 16), shift("a2", D0, 12, 20)])
    p.scenarios.append(Scenario("Druk", volume_factor=1.2))
    return p


def snapshot(p: Project):
    return copy.deepcopy((p.scenarios, p.active_scenario, p.agents, p.queues, p.wishes, p.leave,
                          p.reintegration, p.sick_periods))


@pytest.mark.parametrize("make", [
    lambda: MoveShift("a1", D0, at(D0, 9), at(D0, 17)),
    lambda: MoveShift("a1", D0, at(D0, 8), at(D0, 18)),
    lambda: MoveShift("a1", D0, at(D0 + timedelta(days=1), 8), at(D0 + timedelta(days=1), 16), "a2"),
    lambda: DeleteShift("a2", D0),
    lambda: AddShift(shift("a2", D0 + timedelta(days=2), 10, 18)),
    lambda: SwapShifts("a1", "a2", D0),
    lambda: LockShift("a1", D0),
    lambda: ReplaceRoster(Roster([shift("a1", D0, 10, 14)])),
    lambda: SetAgentField("a1", "contract_hours", 24.0),
    lambda: SetQueueSetting("Telefonie", "sl_percent", 90.0),
    lambda: SetWish("a1", D0, Wish("a1", D0, WishKind.OFF, weight=2)),
    lambda: SetScenarioField("volume_factor", 1.1),
    lambda: PublishRoster("planner", at=PUBLISHED_AT),
    lambda: AddScenario("Kopie"),
    lambda: RenameScenario(1, "Zomer"),
    lambda: RemoveScenario(0),
    lambda: RemoveScenario(1),
    lambda: AddLeave(Leave("a1", at(D0 + timedelta(days=5), 0), at(D0 + timedelta(days=6), 0), "bijzonder verlof")),
    lambda: RemoveLeave(LEAVE),
    lambda: SetReintegrationStep(None, ReintegrationStep("a1", D0 + timedelta(days=7), max_hours_week=16.0)),
    lambda: SetReintegrationStep(STEP, ReintegrationStep("a1", D0 - timedelta(days=10), max_hours_week=20.0,
                                                         window=(time(9), time(13)), queues=("Telefonie",))),
    lambda: SetReintegrationStep(STEP, None),
    lambda: SetSickPeriod(None, SickPeriod(D0 - timedelta(days=100), D0 - timedelta(days=90), "a2")),
    lambda: SetSickPeriod(SICK, SickPeriod(SICK.start, D0 - timedelta(days=1), "a1")),
    lambda: SetSickPeriod(SICK, None),
])
def test_apply_undo_redo_round_trip(project: Project, make) -> None:
    hist = EditHistory(project)
    before = snapshot(project)
    hist.apply(make())
    after = snapshot(project)
    assert after != before
    hist.undo()
    assert snapshot(project) == before
    hist.redo()
    assert snapshot(project) == after


def test_move_keeps_segment_offsets(project: Project) -> None:
    EditHistory(project).apply(MoveShift("a1", D0, at(D0, 9), at(D0, 17)))
    s = project.scenario.roster.shift_on("a1", D0)
    assert [(g.start.hour, g.end.hour, g.activity) for g in s.segments][1] == (13, 13, BREAK)
    assert s.segments[0].start == at(D0, 9) and s.segments[-1].end == at(D0, 17)


def test_resize_stretches_work_and_keeps_partition(project: Project) -> None:
    old = project.scenario.roster.shift_on("a1", D0)
    segs = retime_segments(old, at(D0, 7), at(D0, 17))
    assert segs[0].start == at(D0, 7) and segs[-1].end == at(D0, 17)
    assert all(a.end == b.start for a, b in zip(segs, segs[1:], strict=False))
    assert segs[0].activity != BREAK and segs[-1].activity != BREAK


def test_locked_shift_refuses_move(project: Project) -> None:
    hist = EditHistory(project)
    hist.apply(LockShift("a1", D0))
    with pytest.raises(ValueError, match="vastgezet"):
        hist.apply(MoveShift("a1", D0, at(D0, 9), at(D0, 17)))
    assert hist.undo_label == "dienst vastzetten"


def test_new_edit_clears_redo_and_listeners_hear_changes(project: Project) -> None:
    hist = EditHistory(project)
    heard = []
    hist.subscribe(heard.append)
    hist.apply(DeleteShift("a2", D0))
    hist.undo()
    assert hist.can_redo
    hist.apply(LockShift("a1", D0))
    assert not hist.can_redo
    assert [c.kind for c in heard] == ["roster", "roster", "roster"]
    assert heard[0].agent_ids == {"a2"} and heard[0].days == {D0}


# -- scenarios, publishing, leave, reintegration and sick periods ----------------------------------

def test_add_scenario_copies_active_as_draft_and_activates_it(project: Project) -> None:
    hist = EditHistory(project)
    hist.apply(PublishRoster("p", at=PUBLISHED_AT))
    hist.apply(AddScenario("Kopie"))
    assert [s.name for s in project.scenarios] == ["Basis", "Druk", "Kopie"]
    assert project.active_scenario == 2
    new = project.scenario
    assert new.published is None and new.roster.status is RosterStatus.DRAFT and new.roster.published_at is None
    assert new.roster.shifts == project.scenarios[0].roster.shifts
    assert new.roster is not project.scenarios[0].roster  # an independent copy
    hist.undo()
    assert project.active_scenario == 0 and len(project.scenarios) == 2


def test_scenario_names_must_be_unique_and_non_empty(project: Project) -> None:
    hist = EditHistory(project)
    with pytest.raises(ValueError, match="al een scenario"):
        hist.apply(AddScenario("druk"))
    with pytest.raises(ValueError, match="naam"):
        hist.apply(RenameScenario(0, "  "))
    hist.apply(RenameScenario(1, "druk"))  # its own name in another case does not clash with itself
    assert project.scenarios[1].name == "druk" and hist.undo_label == "scenario hernoemen"


def test_remove_scenario_keeps_the_active_one_and_refuses_the_last(project: Project) -> None:
    hist = EditHistory(project)
    project.active_scenario = 1
    hist.apply(RemoveScenario(0))
    assert [s.name for s in project.scenarios] == ["Druk"] and project.active_scenario == 0
    with pytest.raises(ValueError, match="laatste scenario"):
        hist.apply(RemoveScenario(0))
    hist.undo()
    assert [s.name for s in project.scenarios] == ["Basis", "Druk"] and project.active_scenario == 1


def test_roster_edit_undo_targets_its_own_scenario_after_a_switch(project: Project) -> None:
    """Switching scenarios is not an edit: undo must revert the scenario the edit changed."""
    project.scenarios[1].roster = copy.deepcopy(project.scenarios[0].roster)
    hist = EditHistory(project)
    hist.apply(DeleteShift("a2", D0))
    project.active_scenario = 1
    hist.undo()
    assert project.scenarios[0].roster.shift_on("a2", D0) is not None
    assert project.scenarios[1].roster.shifts == project.scenarios[0].roster.shifts


def test_publish_sets_reference_and_undo_restores_draft(project: Project) -> None:
    hist = EditHistory(project)
    hist.apply(PublishRoster("jan", at=PUBLISHED_AT))
    sc = project.scenario
    assert sc.published.shifts == sc.roster.shifts and sc.published is not sc.roster
    assert ((sc.roster.status, sc.roster.published_by, sc.roster.published_at)
            == (RosterStatus.PUBLISHED, "jan", PUBLISHED_AT))
    hist.undo()
    assert sc.published is None and sc.roster.status is RosterStatus.DRAFT and sc.roster.published_by is None


def test_publish_without_roster_is_refused() -> None:
    p = Project("t", Horizon(D0, 7))
    with pytest.raises(ValueError, match="nog geen rooster"):
        EditHistory(p).apply(PublishRoster())


def test_scenario_field_rejects_roster_fields(project: Project) -> None:
    with pytest.raises(AttributeError):
        EditHistory(project).apply(SetScenarioField("roster", None))


def test_reintegration_step_key_is_agent_and_date(project: Project) -> None:
    hist = EditHistory(project)
    with pytest.raises(ValueError, match="al een stap"):
        hist.apply(SetReintegrationStep(None, ReintegrationStep("a1", STEP.from_date, max_hours_week=8.0)))
    # the same date for another agent is fine
    hist.apply(SetReintegrationStep(None, ReintegrationStep("a2", STEP.from_date, max_hours_week=8.0)))
    assert [s.agent_id for s in project.reintegration] == ["a1", "a2"]
    with pytest.raises(ValueError, match="tijdvenster"):
        SetReintegrationStep(None, ReintegrationStep("a1", D0, window=(time(13), time(9))))
    with pytest.raises(KeyError):
        hist.apply(SetReintegrationStep(ReintegrationStep("a1", D0), None))


def test_leave_must_end_after_it_starts() -> None:
    with pytest.raises(ValueError, match="eindigen"):
        AddLeave(Leave("a1", at(D0, 12), at(D0, 12)))


def test_list_edits_report_the_agent(project: Project) -> None:
    hist = EditHistory(project)
    assert hist.apply(RemoveLeave(LEAVE)).agent_ids == {"a2"}
    assert hist.apply(SetSickPeriod(SICK, None)).agent_ids == {"a1"}
    assert hist.apply(SetReintegrationStep(STEP, None)).kind == "agents"
