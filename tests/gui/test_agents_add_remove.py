"""Adding and removing agents in Medewerkers (issue 24 item 10): the dialog proposes a free
number and offers the project's own queues as skills; a removal asks first, names what goes
with the agent, takes their shifts, wishes and leave with them, and one undo brings it all back."""

from __future__ import annotations

import copy

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from kcroster import pipeline
from kcroster.model import Wish, WishKind


@pytest.fixture
def agents_window(real_window, qtbot):
    """The real window on the demo project (60 agents M001–M060, a roster), Medewerkers shown."""
    win = real_window()
    win.show()
    win.doc.set_project(pipeline.open_project(pipeline.SAMPLES / "demo.kcroster", read_only=True))
    win.show_screen("agents")
    screen = win.screen_by_key("agents")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 60, timeout=10000)
    return win, screen


def _ids(screen) -> list[str]:
    return [screen.model.agent_at(r).id for r in range(screen.model.rowCount())]


def test_the_dialog_adds_an_agent_with_the_projects_queues_as_skills_and_undo_removes_it(agents_window) -> None:
    win, screen = agents_window
    dialog = screen.ask_add_agent()
    assert dialog.id_edit.text() == "M061"  # the demo's numbers end at M060
    assert list(dialog.skill_boxes) == [q.name for q in win.doc.project.queues] == ["Telefonie", "Chat", "E-mail"]
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # no name yet
    dialog.name_edit.setText("Noor Bakker")
    dialog.hours.setValue(24)
    dialog.days.setValue(3)
    dialog.skill_boxes["Telefonie"].setChecked(False)
    dialog.skill_boxes["Chat"].setChecked(True)
    dialog.team_box.setCurrentText("Team B")
    ok.click()
    agent = win.doc.project.agent("M061")
    assert (agent.name, agent.contract_hours, agent.max_days_per_week, agent.skills, agent.team) == (
        "Noor Bakker", 24.0, 3, ("Chat",), "Team B")
    assert "M061" in _ids(screen) and screen.selected_agent().id == "M061"
    assert win.doc.history.undo_label == "medewerker toevoegen"
    # the Gantt gets a row for the new agent
    win.show_screen("roster")
    assert "M061" in win.roster_screen.gantt.data.agent_ids
    win.show_screen("agents")
    win.doc.undo()
    assert "M061" not in _ids(screen) and len(win.doc.project.agents) == 60


def test_removing_an_agent_asks_first_and_takes_their_shifts_wishes_and_leave(agents_window) -> None:
    win, screen = agents_window
    p = win.doc.project
    aid = "M002"  # leave 3–8 May in the demo
    p.wishes.append(Wish(aid, p.horizon.dates[2], WishKind.OFF))
    before = copy.deepcopy((p.agents, p.leave, p.wishes, p.scenario.roster.shifts))
    n_shifts = sum(1 for s in p.scenario.roster.shifts if s.agent_id == aid)
    assert n_shifts > 0
    screen.select_agent(aid)
    assert screen.selected_agent().id == aid and screen.remove_button.isEnabled()
    box = screen.ask_remove_agent()
    name = p.agent(aid).name
    assert box.text() == f"{name} ({aid}) verwijderen?"
    n_wishes = sum(1 for w in p.wishes if w.agent_id == aid)
    assert box.informativeText() == (f"Ook weg: {n_shifts} diensten, {n_wishes} wensen, 1 verlofregel. "
                                     "Ongedaan maken (Ctrl+Z) zet alles terug.")
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert aid in _ids(screen)  # cancelled: nothing gone

    box = screen.ask_remove_agent()
    next(b for b in box.buttons() if b.text() == "Verwijderen").click()
    assert aid not in _ids(screen) and all(a.id != aid for a in p.agents)
    assert not any(s.agent_id == aid for s in p.scenario.roster.shifts)
    assert not any(x.agent_id == aid for x in (*p.wishes, *p.leave))
    win.show_screen("roster")
    g = win.roster_screen.gantt
    assert aid not in g.data.agent_ids and not any(s.agent_id == aid for s in g.data.shifts)
    assert not any(b.agent_id == aid for b in g.data.blocks)

    win.doc.undo()  # one step brings it all back, exactly
    assert (p.agents, p.leave, p.wishes, p.scenario.roster.shifts) == before
    assert aid in g.data.agent_ids
    win.show_screen("agents")
    assert aid in _ids(screen)
