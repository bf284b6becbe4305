"""Failures the solver used to swallow are told, never turned into figures (issue 23).

* A lower bound that breaks off proves nothing: the result shows no figure of it (only CP-SAT's
  own bound, as a solve without it would) and a note says why; it used to keep the figures it
  reported before failing, so a bogus bound made a roster "optimal".
* A dive or the LP relaxation that fails leaves the roster to the other strategies and adds a
  note (both were ``except Exception`` without a word).
* The ``holidays`` package failing is an error, not holidays treated as ordinary days; the
  command line says it in one sentence.
* The solver's planner-facing messages are Dutch only.
"""

from __future__ import annotations

import sys

import pytest
from scenario_kit import zoo_scenario
from solver_kit import errors, project

from kcroster.solver import SolveOptions, lagrange, solve, strategy
from kcroster.solver import plan as solve_plan
from kcroster.solver.candidates import queue_open_mask
from kcroster.solver.strategies import bound_thread, relaxation, rounds


@pytest.fixture(scope="module")
def small():
    return zoo_scenario("een_week", 1, agents=8, weeks=1)


def _det(**kw) -> SolveOptions:
    return SolveOptions(**{"time_limit_s": 4, "workers": 2, "seed": 1, "deterministic": True, **kw})


def test_a_bound_that_fails_shows_no_figure_and_says_why(small, monkeypatch):
    p, req = small

    def quiet(b, deadline, **_kw):  # a bound that proves nothing and says nothing
        return None

    monkeypatch.setattr(lagrange, "lagrangian_bound", quiet)
    without = solve(p, req, options=_det())

    def broken(b, deadline, on_bound=None, **_kw):
        on_bound(10**9)  # a figure from code that then fails: it must not count
        raise RuntimeError("duale stap kapot")

    monkeypatch.setattr(lagrange, "lagrangian_bound", broken)
    res = solve(p, req, options=_det())
    # deterministic, and the bound never steers the search: the same roster as without it, and
    # the same bound — CP-SAT's own — not the failed one's (which made the roster "optimal")
    assert res.objective == without.objective
    assert res.best_bound == without.best_bound and res.status == without.status
    assert [n for n in res.notes if "ondergrens" in n] == [
        "De ondergrens (lagrange) kon niet worden berekend (RuntimeError: duale stap kapot) en telt "
        "niet mee: "
        + (
            "er is geen bewezen ondergrens."
            if res.best_bound is None
            else "de getoonde ondergrens is die van CP-SAT zelf."
        )
    ]
    assert not without.notes
    assert errors(res, p) == []


def test_a_dive_that_fails_leaves_the_roster_and_says_why(small, monkeypatch):
    p, req = small
    monkeypatch.setattr(solve_plan, "COMPLETE_MAX_VARS", 0)  # a big model: rounds and dives
    monkeypatch.setattr(rounds, "DIVE_FIRST", 0.0)

    def master_at_once(self, b, picks, deadline, cancel, dives=False):
        # a Lagrangian master to dive into, at once and without a thread: the deterministic
        # solve's rounds (counted in work, not seconds) then dive into it
        self.master, self.master_rounds = (None, []), 1

    def broken_dive(*_a, **_k):
        raise ZeroDivisionError("geen kolommen")

    monkeypatch.setattr(bound_thread.BoundThread, "start", master_at_once)
    monkeypatch.setattr(rounds, "dive", broken_dive)
    res = solve(p, req, options=_det())
    assert res.stats.get("dives", 0) >= 1
    assert res.notes.count(strategy.DIVE_FAILED.format(fout="ZeroDivisionError: geen kolommen")) == 1
    assert res.roster.shifts and errors(res, p) == []


def test_an_lp_relaxation_that_fails_is_told(small, monkeypatch):
    p, req = small

    def broken_lp(model, time_limit_s, work_limit=None):
        raise MemoryError

    monkeypatch.setattr(relaxation, "lp_values", broken_lp)
    res = solve(p, req, options=SolveOptions(time_limit_s=4, workers=2, seed=1))
    assert strategy.LP_FAILED.format(fout="MemoryError") in res.notes
    assert res.roster.shifts and errors(res, p) == []


def test_a_failing_holidays_package_is_an_error_not_ordinary_days(monkeypatch):
    import holidays

    p = project(days=7)  # a queue with opening hours: its holidays matter

    def no_data(*_a, **_k):
        raise NotImplementedError("geen gegevens voor NL")

    monkeypatch.setattr(holidays, "country_holidays", no_data)
    with pytest.raises(NotImplementedError):
        queue_open_mask(p, None)
    monkeypatch.setitem(sys.modules, "holidays", None)  # the package missing altogether
    with pytest.raises(ImportError):
        queue_open_mask(p, None)


def test_the_command_line_says_a_missing_package_in_a_sentence(monkeypatch, capsys):
    from kcroster import cli

    p = project(days=7)

    def roster(args):
        queue_open_mask(p, None)  # where the roster command meets the holidays table
        return 0

    monkeypatch.setattr(cli, "cmd_roster", roster)
    monkeypatch.setitem(sys.modules, "holidays", None)
    code = cli.main(["roster", "prognose.csv", "medewerkers.xlsx", "-o", "rooster.csv"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("fout: de installatie is onvolledig (") and "holidays" in err
    assert "Traceback" not in err


ENGLISH = ("even ", "relaxed", "no roster", "failed", "bound", "dive")


@pytest.mark.parametrize(
    "name",
    [
        "RELAXED_INFEASIBLE",
        "BOUND_FAILED",
        "BOUND_REST_OWN",
        "BOUND_REST_NONE",
        "DIVE_FAILED",
        "LP_FAILED",
    ],
)
def test_solver_messages_are_dutch_only(name):
    """The relaxed solve without a roster said "(even relaxed, no roster)" after its Dutch."""
    message = getattr(strategy, name)
    assert not [w for w in ENGLISH if w in message.lower()]
