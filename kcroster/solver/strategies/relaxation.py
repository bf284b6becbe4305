"""The LP relaxation of the model in a thread of its own (GLOP lets go of the GIL meanwhile):
on the clock it steers the neighbourhood searches of a small interval-demand model (one dive
into its integral part, RENS)."""

from __future__ import annotations

import threading
import time

from kcroster.solver.bound import lp_values
from kcroster.solver.builder import ModelBuilder
from kcroster.solver.plan import LATE_LP_MAX_S, LATE_LP_SHARE, LP_MIN_S
from kcroster.solver.strategy import failure


class Relaxation:
    """The LP relaxation of ``b``'s model (of a copy, so the caller may go on changing hints).
    A time limit of 0 means "start it when first waited for", with LATE_LP_SHARE of the time
    left then."""

    def __init__(self, b: ModelBuilder, time_limit_s: float) -> None:
        self.b = b
        self.model = b.model.clone()
        self.values: list[float] | None = None
        self.failure: str | None = None  # why the LP failed (then it steers nothing)
        self.thread: threading.Thread | None = None
        if time_limit_s > 0:
            self._start(time_limit_s)

    def _start(self, time_limit_s: float) -> None:
        self.thread = threading.Thread(target=self._run, args=(time_limit_s,), name="kcroster-lp", daemon=True)
        self.thread.start()

    def _run(self, time_limit_s: float) -> None:
        try:
            self.values = lp_values(self.model, time_limit_s)
        except Exception as exc:  # noqa: BLE001 - the thread's end: said in the result's notes
            # the LP only steers one kind of neighbourhood: the roster does not need it, but a
            # failure (a bug included) is told, not dropped (the solve's notes)
            self.values, self.failure = None, failure(exc)

    def wait(self, deadline: float) -> list[float] | None:
        if self.thread is None:
            self._start(max(LP_MIN_S, min(LATE_LP_MAX_S, LATE_LP_SHARE * (deadline - time.perf_counter()))))
        self.thread.join(timeout=max(0.0, deadline - time.perf_counter()))
        return self.values
