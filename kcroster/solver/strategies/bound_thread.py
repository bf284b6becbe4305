"""The Lagrangian bound (:mod:`kcroster.solver.lagrange`) or, on shift-type models, the column
generation (:mod:`kcroster.solver.columns`) beside the search, in a thread: GLOP and CP-SAT
release the GIL, so it uses the otherwise idle core. Its bound reaches the incumbent through
``best`` (the incumbent's outside bound); it never steers a deterministic search."""

from __future__ import annotations

import threading
from collections.abc import Callable

from kcroster.solver.builder import ModelBuilder
from kcroster.solver.options import CancelToken
from kcroster.solver.strategy import failure


class BoundThread:
    """The bound's thread, its best bound and, for the dives, the Lagrangian master's last
    snapshot (see the module docstring)."""

    def __init__(self, t0: float) -> None:
        self.t0 = t0
        self.on_found: Callable[[], None] = lambda: None  # a better bound is in ``best``
        self.best: float | None = None
        self.thread: threading.Thread | None = None
        self._stop = CancelToken()
        self.outer: CancelToken | None = None  # the solve's cancel token
        self.master = None  # (relaxation, column pool) of the Lagrangian master's last solve
        self.master_rounds = 0
        self.kind = ""  # "lagrange" or "kolomgeneratie": which bound runs, for the notes
        self.failure: str | None = None  # why the bound failed: then it proves nothing

    def start(self, b: ModelBuilder, picks: dict, deadline: float, cancel: CancelToken | None,
              dives: bool = False) -> None:
        """``dives``: keep a snapshot of the master after each of its solves (big models dive
        into it, :mod:`kcroster.solver.strategies.dive`; small ones never read it, so they do
        not pay for it)."""
        from kcroster.solver.lagrange import lagrangian_bound

        srch = b.agent_search
        resid = None if srch is None or srch.resid is None else srch.resid.copy()

        found = self._found

        def run() -> None:
            try:
                lagrangian_bound(b, deadline, on_bound=found, cancel=self, picks=picks, resid=resid,
                                 on_master=self._seen_master if dives else None)
            except Exception as exc:  # noqa: BLE001 - the thread's end: said in the result's notes
                self._failed(exc)

        self._launch(run, cancel, "lagrange")

    def start_columns(self, b: ModelBuilder, values: list[int], deadline: float, cancel: CancelToken | None,
                      upper: Callable[[], float | None], on_lp: Callable[[list[float]], None],
                      incumbent: Callable[[], list[int] | None] | None = None) -> None:
        """Shift-type models: column generation over whole agent schedules
        (:mod:`kcroster.solver.columns`); the bound as it rises, the master's solution once the
        master is solved (it steers the neighbourhood search)."""
        from kcroster.solver.columns import HorizonColumns

        def run() -> None:
            try:
                hc = HorizonColumns(b)
                hc.run(values, deadline, upper=upper, on_bound=self._found, stop=lambda: self.cancelled,
                       incumbent=incumbent)
                if hc.guides() and not self.cancelled:
                    on_lp(hc.lp_point(len(b.model.proto.variables)))
            except Exception as exc:  # noqa: BLE001 - the thread's end: said in the result's notes
                self._failed(exc)

        self._launch(run, cancel, "kolomgeneratie")

    def _seen_master(self, master) -> None:
        # a snapshot (the master goes on changing in this thread): its columns with their values
        # and reduced costs, for the dive
        self.master = (master.R, master.pool())
        self.master_rounds += 1

    def _found(self, v: int) -> None:
        # every objective term is ≥ 0, so a bound ≤ 0 says nothing; report none instead
        if v > 0 and (self.best is None or v > self.best):
            self.best = float(v)
            self.on_found()

    def _failed(self, exc: Exception) -> None:
        """The bound broke off: what it reported so far came from code that failed, so it proves
        nothing — forget it (the result shows no figure for it, only CP-SAT's own bound if any)
        and keep why, for the result's notes. The roster never depended on it."""
        self.best = None
        self.failure = failure(exc)

    def _launch(self, run: Callable[[], None], cancel: CancelToken | None, kind: str) -> None:
        self.kind = kind
        self.outer = cancel
        self.thread = threading.Thread(target=run, name="kcroster-bound", daemon=True)
        self.thread.start()

    @property
    def cancelled(self) -> bool:
        return self._stop.cancelled or (self.outer is not None and self.outer.cancelled)

    def stop(self) -> None:
        self._stop.cancel()
        if self.thread is not None:
            self.thread.join(timeout=5.0)
