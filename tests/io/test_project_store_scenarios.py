"""Scenario fields in the project file (issue 24 item 9): every per-scenario setting survives
save and open, and a file written before these fields existed opens with each scenario at its
defaults (queue targets as in the queues, no shrinkage profile, every agent)."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import time
from pathlib import Path

from kcroster import pipeline
from kcroster.io import store
from kcroster.model import Scenario, ShrinkageBand

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def test_every_scenario_field_survives_save_and_open(tmp_path: Path) -> None:
    p = pipeline.load_demo_project()
    ids = [a.id for a in p.agents[:5]]
    band = ShrinkageBand((0, 2), time(9), time(10, 30), 0.45, "Telefonie")
    p.scenarios.append(Scenario("Druk", 1.2, 0.9, {"Telefonie": {"sl_percent": 90.0, "shrinkage": 0.35}},
                                shrinkage_profile=[band, ShrinkageBand((5, 6), time(20), time(0), 0.1)],
                                queue_volume_factors={"Chat": 1.5}, queue_aht_factors={"E-mail": 0.8},
                                agent_ids=ids))
    p.active_scenario = 1
    f = tmp_path / "s.kcroster"
    store.save_project(p, f)
    back = store.load_project(f)
    assert back.scenarios == p.scenarios
    assert back.active_scenario == 1
    assert back.scenarios[1].shrinkage_profile[0] == band
    assert back.scenarios[1].agent_ids == ids
    assert back.scenarios[0].agent_ids is None and back.scenarios[0].shrinkage_profile == []
    assert (pipeline.shrinkage_matrix(back) == pipeline.shrinkage_matrix(p)).all()


def test_the_committed_demo_file_from_before_the_scenario_fields_opens_at_the_defaults(tmp_path: Path) -> None:
    f = tmp_path / "demo.kcroster"
    shutil.copy(SAMPLES / "demo.kcroster", f)
    with sqlite3.connect(f) as con:
        extras = [e for (e,) in con.execute("SELECT extra FROM scenario")]
    assert all(e is None or "agent_ids" not in e for e in extras)  # written before the fields existed
    p = store.load_project(f)
    for sc in p.scenarios:
        assert sc.shrinkage_profile == [] and sc.agent_ids is None
        assert sc.queue_volume_factors == {} and sc.queue_aht_factors == {}
    assert (pipeline.shrinkage_matrix(p) == [[q.shrinkage] for q in p.queues]).all()


def test_a_file_whose_scenarios_have_no_extra_fields_opens(tmp_path: Path) -> None:
    p = pipeline.load_demo_project()
    p.scenarios[0].agent_ids = [p.agents[0].id]
    f = tmp_path / "old.kcroster"
    store.save_project(p, f)
    with sqlite3.connect(f) as con:  # as an older kcroster wrote it: no JSON for later fields
        con.execute("UPDATE scenario SET extra = NULL")
    back = store.load_project(f)
    assert back.scenarios[0].agent_ids is None
    assert len(pipeline.scenario_project(back).agents) == len(p.agents)
