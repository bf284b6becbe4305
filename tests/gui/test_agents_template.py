"""Bestand → Sjabloon medewerkers exporteren (issue 24 item 8): the template carries the
project's own queues in its drop-down lists, and the file imports back."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog


def _list_values(path) -> set[str]:
    """Every value of the hidden sheet that feeds the drop-down lists."""
    from openpyxl import load_workbook

    wb = load_workbook(path)
    lists = next(ws for ws in wb.worksheets if ws.sheet_state == "hidden")
    return {str(c.value) for row in lists.iter_rows() for c in row if c.value is not None}


def test_menu_item_writes_the_template_with_the_projects_queues(window, qtbot, tmp_path,
                                                                monkeypatch):
    p = window.doc.project
    own = {"Telefonie": "Débiteuren", "Chat": "Webchat", "E-mail": "Post"}
    for q in p.queues:  # a project's own queue names, not the demo's default list
        q.name = own[q.name]
    for a in p.agents:
        a.skills = tuple(own[s] for s in a.skills)
    p.reintegration = []
    target = tmp_path / "sjabloon"  # without extension: .xlsx is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    jobs = []
    real = window.agents_screen.export_template
    monkeypatch.setattr(window.agents_screen, "export_template",
                        lambda path: jobs.append(real(path)) or jobs[-1])
    window.template_action.trigger()
    qtbot.waitUntil(lambda: jobs and jobs[0].finished, timeout=20000)
    assert jobs[0].error is None, jobs[0].error_traceback
    written = tmp_path / "sjabloon.xlsx"
    values = _list_values(written)
    assert {"Débiteuren", "Webchat", "Post"} <= values
    assert not {"Telefonie", "Chat", "E-mail"} & values  # not the built-in default queues
    from kcroster.io.agents import load_agents_workbook

    data = load_agents_workbook(written, horizon=p.horizon, known_queues={q.name for q in p.queues})
    assert [a.id for a in data.agents] == [a.id for a in p.agents]
