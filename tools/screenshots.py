#!/usr/bin/env python3
"""Open the demo project and save a PNG of every screen and of the solve dialog.

    python tools/screenshots.py [OUT_DIR] [--dark] [--english] [--solve-seconds N]

Runs the real app (``kcroster.gui.app --screenshots``) under the offscreen platform unless a
display is set, with a throw-away settings folder. Light mode by default; ``--dark`` adds a
second set with the suffix ``_donker``, ``--english`` one in the English UI with the suffix ``_en``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out", nargs="?", type=Path, default=ROOT / "docs" / "screenshots")
    ap.add_argument("--dark", action="store_true", help="also save the screens in dark mode")
    ap.add_argument("--english", action="store_true", help="also save the screens in the English UI")
    # 40 s: on the demo (222 000 variables) the solve then gets past the greedy start and the
    # descent, so the dialog shows a curve and the roster is the one a planner would get
    ap.add_argument("--solve-seconds", type=float, default=40.0)
    args = ap.parse_args()
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    runs = [("--light", "nl", "")] + ([("--dark", "nl", "_donker")] if args.dark else [])
    runs += [("--light", "en", "_en")] if args.english else []
    for flag, lang, suffix in runs:
        cmd = [sys.executable, "-m", "kcroster.gui.app", "--temp-basedir", flag, "--lang", lang,
               "--screenshots", str(args.out), "--solve-seconds", str(args.solve_seconds),
               "--screenshot-suffix", suffix]
        code = subprocess.call(cmd, cwd=ROOT, env=env)
        if code != 0:
            return code
    return 0


if __name__ == "__main__":
    sys.exit(main())
