"""The door into the core (issue 25): the GUI calls only the backend protocol, which the
pipeline module and the screens' test fake both implement, member for member and parameter for
parameter; the GUI imports no ``kcroster.io`` module and from the solver only its plain types."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import gui_fake_pipeline as fake
import pytest

from kcroster import pipeline
from kcroster.pipeline import Backend

GUI = Path(__file__).resolve().parents[2] / "kcroster" / "gui"
MEMBERS = sorted(name for name, value in vars(Backend).items()
                 if callable(value) and not name.startswith("_"))


def _parameters(fn) -> list[tuple[str, object, bool]]:
    """(name, kind, has a default) of each parameter but ``self``."""
    params = [p for p in inspect.signature(fn).parameters.values() if p.name != "self"]
    return [(p.name, p.kind, p.default is not p.empty) for p in params]


def test_the_protocol_names_what_the_window_needs():
    for needed in ("open_for_editing", "autosave", "recovery_candidate", "discard_autosave",
                   "is_project_locked", "solve_in_child", "import_forecast", "import_agents",
                   "import_wishes", "import_roster_workbook", "export_planner_workbook",
                   "export_team_workbook", "export_agents_template", "export_wish_forms",
                   "print_layout", "compute_requirement", "coverage", "coverage_periods",
                   "check_roster"):
        assert needed in MEMBERS


@pytest.mark.parametrize("backend", [pipeline, fake], ids=["pipeline", "fake"])
def test_the_backend_implements_every_member_with_its_parameters(backend):
    assert isinstance(backend, Backend)
    for name in MEMBERS:
        wanted, given = _parameters(getattr(Backend, name)), _parameters(getattr(backend, name))
        # the protocol's parameters in order; more only when optional (the fake's demo size)
        assert given[: len(wanted)] == wanted, name
        assert all(default for _n, _k, default in given[len(wanted):]), name


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.append(node.module)
        elif isinstance(node, ast.Import):
            out += [a.name for a in node.names]
    return out


def test_the_gui_imports_no_io_and_only_plain_solver_types():
    for path in GUI.rglob("*.py"):
        for module in _imports(path):
            assert not module.startswith("kcroster.io"), (path.name, module)
            assert not module.startswith("kcroster.solver") or module == "kcroster.solver.options", (
                path.name, module)
        assert "__name__ ==" not in path.read_text(encoding="utf-8").replace(
            'if __name__ == "__main__"', ""), path.name


def test_the_print_renderer_speaks_the_layout_vocabulary():
    """The renderer matches the layout's words by value: they are the layout module's."""
    from kcroster.gui import print_roster
    from kcroster.io import roster_print

    assert print_roster.NO_TEAM == roster_print.NO_TEAM
    assert {print_roster.SHIFT, print_roster.LEAVE, print_roster.UNAVAILABLE, print_roster.ABSENT,
            print_roster.OFF, print_roster.OUTSIDE} == {k.value for k in roster_print.CellKind}
