#!/usr/bin/env python3
"""Developer tasks for kcroster — standard library only, works on Linux, macOS and Windows.

    python3 tasks.py run           open the app on the demo project
    python3 tasks.py test          ruff + import-linter contracts + the whole pytest suite
    python3 tasks.py screenshots   PNG of every screen into docs/screenshots/
    python3 tasks.py bench NAME    run tests/benchmarks/bench_NAME.py (or 'all')
    python3 tasks.py package       build the frozen app for this platform (PyInstaller)

Each task creates ``.venv`` when needed and (re)installs the project into it when
``pyproject.toml`` changed since the last install.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
IS_WINDOWS = os.name == "nt"


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if IS_WINDOWS else "bin/python")


def venv_script(name: str) -> Path:
    return VENV / ("Scripts" if IS_WINDOWS else "bin") / (name + (".exe" if IS_WINDOWS else ""))


def run(cmd: list[str], env: dict[str, str] | None = None) -> int:
    print("+ " + " ".join(str(c) for c in cmd), flush=True)
    return subprocess.call([str(c) for c in cmd], cwd=ROOT, env=env)


def ensure_venv(extras: str = "") -> Path:
    """Create .venv and install the project (with ``extras``) if pyproject changed."""
    py = venv_python()
    if not py.exists():
        print(f"creating virtual environment in {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True, clear=False).create(VENV)
    stamp_src = (ROOT / "pyproject.toml").read_bytes() + extras.encode()
    digest = hashlib.sha256(stamp_src).hexdigest()
    stamp = VENV / f".kcroster-installed{('-' + extras) if extras else ''}"
    if not stamp.exists() or stamp.read_text().strip() != digest:
        target = f".[{extras}]" if extras else "."
        if run([py, "-m", "pip", "install", "--disable-pip-version-check", "-q", "--upgrade", "pip"]) != 0:
            sys.exit("pip upgrade failed")
        if run([py, "-m", "pip", "install", "--disable-pip-version-check", "-q", "-e", target]) != 0:
            sys.exit("installing the project failed (see pip output above)")
        stamp.write_text(digest)
    return py


def qt_env(offscreen: bool) -> dict[str, str]:
    env = dict(os.environ)
    if offscreen:
        env["QT_QPA_PLATFORM"] = "offscreen"
    env.setdefault("PYTHONUTF8", "1")
    return env


def task_run(args: list[str]) -> int:
    py = ensure_venv()
    demo = ROOT / "samples" / "demo.kcroster"
    gui = ROOT / "kcroster" / "gui" / "app.py"
    if gui.exists():
        extra = ["--project", str(demo)] if demo.exists() else ["--demo"]
        code = run([py, "-m", "kcroster.gui.app", *extra, *args], env=qt_env(offscreen=False))
        if code != 0 and sys.platform.startswith("linux"):
            print("Qt could not open a window. On Debian/Ubuntu install the X11 libraries Qt needs:\n"
                  "  sudo apt-get install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0",
                  file=sys.stderr)
        return code
    out = ROOT / "build" / "demo"
    return run([py, "-m", "kcroster.cli", "demo", "-o", str(out), *args])


def task_test(args: list[str]) -> int:
    py = ensure_venv("dev")
    env = qt_env(offscreen=True)
    steps = [
        [py, "-m", "ruff", "check", "kcroster", "tests", "tools", "samples", "tasks.py"],
        [venv_script("lint-imports"), "--no-cache"],
        [py, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
    ]
    for step in steps:
        code = run(step, env=env)
        if code != 0:
            return code
    return 0


def task_screenshots(args: list[str]) -> int:
    py = ensure_venv("dev")
    return run([py, "tools/screenshots.py", *args], env=qt_env(offscreen=True))


def task_bench(args: list[str]) -> int:
    py = ensure_venv("dev")
    names = args or ["all"]
    bench_dir = ROOT / "tests" / "benchmarks"
    scripts = sorted(bench_dir.glob("bench_*.py")) if names == ["all"] else [
        bench_dir / f"bench_{n}.py" for n in names
    ]
    code = 0
    for s in scripts:
        code |= run([py, s], env=qt_env(offscreen=True))
    return code


def task_package(args: list[str]) -> int:
    py = ensure_venv("dev")
    if run([py, "-m", "pip", "install", "-q", "pyinstaller>=6.5"]) != 0:
        return 1
    return run([py, "packaging/build.py", *args], env=qt_env(offscreen=True))


TASKS = {
    "run": task_run,
    "test": task_test,
    "screenshots": task_screenshots,
    "bench": task_bench,
    "package": task_package,
}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in TASKS:
        print(__doc__)
        return 2
    return TASKS[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
