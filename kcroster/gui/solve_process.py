"""Run the optimiser in a child process, so the window never waits for it.

CP-SAT releases the GIL while it searches, but building the model is Python and C-extension
work in the solver's thread; a single long C call there holds the GIL and freezes the event loop
for hundreds of milliseconds. In a separate process the GUI keeps its interpreter to itself.
Progress snapshots and the result come back over a queue; cancelling sets an event that the child
turns into the solver's own :class:`~kcroster.solver.CancelToken` (which keeps the best roster).
If the child does not stop within a grace period (e.g. it is still building the model) it is
terminated, and the planner is told no roster was found yet.
"""

from __future__ import annotations

import multiprocessing as mp
import queue
import threading
import time
from collections.abc import Callable
from typing import Any

CANCEL_GRACE_S = 15.0


def _child(project: Any, requirement: Any, options: Any, out: Any, stop: Any) -> None:
    from kcroster import pipeline
    from kcroster.solver import CancelToken

    token = CancelToken()

    def watch() -> None:
        stop.wait()
        token.cancel()

    threading.Thread(target=watch, daemon=True).start()
    try:
        result = pipeline.solve_roster(project, requirement, on_progress=lambda s: out.put(("progress", s)),
                                       cancel=token, options=options)
        out.put(("result", result))
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the GUI
        try:
            out.put(("error", exc))
        except Exception:  # noqa: BLE001 - an exception that does not pickle
            out.put(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))


class SolveCancelledEarly(RuntimeError):
    """Cancelled before the optimiser had any roster."""


def solve_in_process(project: Any, requirement: Any, options: Any, report: Callable[[object], None],
                     cancel: Any) -> Any:
    """Blocking (call it from a worker thread): the solver's ``RosterResult`` from a child process."""
    ctx = mp.get_context("spawn")
    out = ctx.Queue()
    stop = ctx.Event()
    req = getattr(requirement, "scheduled", requirement)
    proc = ctx.Process(target=_child, args=(project, req, options, out, stop), daemon=True, name="kcroster-solve")
    proc.start()
    cancelled_at: float | None = None
    try:
        while True:
            if cancelled_at is None and getattr(cancel, "cancelled", False):
                stop.set()
                cancelled_at = time.monotonic()
            try:
                kind, payload = out.get(timeout=0.1)
            except queue.Empty:
                if not proc.is_alive():
                    raise RuntimeError(
                        f"het optimalisatieproces stopte onverwacht (code {proc.exitcode})") from None
                if cancelled_at is not None and time.monotonic() - cancelled_at > CANCEL_GRACE_S:
                    proc.terminate()
                    raise SolveCancelledEarly("gestopt voordat er een rooster gevonden was") from None
                continue
            if kind == "progress":
                report(payload)
            elif kind == "result":
                return payload
            else:
                raise payload
    finally:
        if proc.is_alive():
            proc.join(2)
        if proc.is_alive():
            proc.terminate()
        out.close()
