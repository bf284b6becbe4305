"""Entry point of the frozen app and of ``python -m kcroster``.

``--self-test`` runs :mod:`kcroster.selftest`; ``--cli ...`` runs the command line; anything else
opens the desktop app.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    import multiprocessing

    multiprocessing.freeze_support()  # the frozen app starts the solver in a child process
    args = list(sys.argv[1:] if argv is None else argv)
    if "--self-test" in args:
        from kcroster.selftest import run_selftest

        return run_selftest(with_gui="--no-gui" not in args)
    if args and args[0] == "--cli":
        from kcroster.cli import main as cli_main

        return cli_main(args[1:])
    from kcroster.gui.app import main as gui_main

    return gui_main(args)


if __name__ == "__main__":
    sys.exit(main())
