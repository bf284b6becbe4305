"""A kill -9 at a random moment after edits loses none older than the autosave delay (issue 23
item 2): a child process edits a saved project every 0.3 s and is killed without warning; every
edit made more than KEEP_S before the kill must be in the recovery copy."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
KEEP_S = 2.0  # 0.8 s delay + the job poll + the write, with room for a loaded machine

CHILD = textwrap.dedent("""
    import os, sys, time
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    sys.path.insert(0, sys.argv[1])
    from kcroster import settings, pipeline
    settings.set_basedir(sys.argv[2])
    from kcroster.gui.app import make_app
    app = make_app([])
    import gui_fake_pipeline as fake
    from PySide6.QtCore import QTimer
    from kcroster.edits import LockShift
    from kcroster.gui.document import ProjectDocument
    from kcroster.gui.main_window import MainWindow
    doc = ProjectDocument(pipeline)
    win = MainWindow(doc, confirm_close=False)
    doc.set_project(fake.load_demo_project())
    assert win._save_to(__import__("pathlib").Path(sys.argv[3]))
    shifts = iter(doc.project.scenario.roster.shifts)
    def edit():
        s = next(shifts)
        doc.apply(LockShift(s.agent_id, s.day, True))
        print(f"{time.time()} {s.agent_id} {s.day.isoformat()}", flush=True)
    timer = QTimer()
    timer.timeout.connect(edit)
    timer.start(300)
    print("ready", flush=True)
    app.exec()
""")


@pytest.mark.parametrize("seed", [1, 2])
def test_kill_at_a_random_moment_keeps_every_older_edit(tmp_path, seed):
    from datetime import date

    from kcroster.io.store import autosave_path, load_project

    rng = random.Random(seed)
    path = tmp_path / "plan.kcroster"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(HERE), str(tmp_path / "base"), str(path)],
        stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "ready"
        edits: list[tuple[float, str, date]] = []
        kill_after = rng.uniform(2.2, 3.2)  # seconds after the first edit
        while True:
            line = child.stdout.readline()
            assert line, "the child stopped"
            t, agent, day = line.split()
            edits.append((float(t), agent, date.fromisoformat(day)))
            if time.time() - edits[0][0] >= kill_after:
                break
        time.sleep(rng.uniform(0.0, 0.3))  # between two edits
        killed_at = time.time()
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(10)
    old = [(a, d) for t, a, d in edits if t < killed_at - KEEP_S]
    assert old, "the child made no edit early enough"
    recovered = load_project(autosave_path(path)).scenario.roster
    missing = [(a, d) for a, d in old if not recovered.shift_on(a, d).locked]
    assert missing == [], f"{len(missing)} of {len(old)} edits older than {KEEP_S} s lost"
