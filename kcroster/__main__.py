"""Entry point of the frozen app and of ``python -m kcroster``.

``--self-test`` runs :mod:`kcroster.selftest` (``--no-gui`` skips the Qt steps,
``--self-test-report FILE`` also writes the step lines to FILE, which is how a build script reads
them from a windowed Windows app that has no stdout); ``--cli ...`` runs the command line;
anything else opens the desktop app.
"""

from __future__ import annotations

import sys
from typing import TextIO


class _Tee:
    """Write to several text streams; a windowed Windows app has ``sys.stdout is None``."""

    def __init__(self, *streams: TextIO | None) -> None:
        self.streams = [s for s in streams if s is not None]

    def write(self, text: str) -> int:
        for s in self.streams:
            s.write(text)
        return len(text)

    def flush(self) -> None:
        for s in self.streams:
            s.flush()


def _option(args: list[str], name: str) -> str | None:
    if name in args:
        i = args.index(name)
        if i + 1 < len(args):
            return args[i + 1]
    return None


def _self_test(args: list[str]) -> int:
    from kcroster.selftest import SelftestOptions, run_selftest

    seconds = _option(args, "--self-test-seconds")
    opts = SelftestOptions(solve_seconds=float(seconds)) if seconds else SelftestOptions()
    report = _option(args, "--self-test-report")
    if report is None:
        return run_selftest(with_gui="--no-gui" not in args, options=opts)
    with open(report, "w", encoding="utf-8") as fh:
        return run_selftest(with_gui="--no-gui" not in args, out=_Tee(sys.stdout, fh), options=opts)  # type: ignore[arg-type]


def _project_argument(args: list[str]) -> list[str]:
    """A bare ``*.kcroster`` path (Explorer "Open with", a file dropped on the app) → ``--project``."""
    if len(args) == 1 and not args[0].startswith("-") and args[0].lower().endswith(".kcroster"):
        return ["--project", args[0]]
    return args


def main(argv: list[str] | None = None) -> int:
    import multiprocessing

    multiprocessing.freeze_support()  # the frozen app starts the solver in a child process
    args = list(sys.argv[1:] if argv is None else argv)
    if "--self-test" in args:
        return _self_test(args)
    if args and args[0] == "--cli":
        from kcroster.cli import main as cli_main

        return cli_main(args[1:])
    from kcroster.gui.app import main as gui_main

    return gui_main(_project_argument(args))


if __name__ == "__main__":
    sys.exit(main())
