"""Gaps: intervals inside opening hours that the file gives no value for — listed in a
:class:`GapReport` and filled (``interpolate``, ``zero``) or refused (``stop``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from kcroster.io.forecast.records import _Records
from kcroster.model.errors import KcrosterInputError
from kcroster.model.forecast import Forecast
from kcroster.model.timegrid import Horizon

GAP_POLICIES = ("interpolate", "zero", "stop")
DEFAULT_GAP_POLICY = "interpolate"
GAPS_NAMED = 5  # gaps a note or error names one by one; the count covers the rest
_GAP_ACTIONS = {
    "interpolate": (
        "Geïnterpoleerd: lineair tussen de naburige intervallen van dezelfde dag; aan het begin of "
        "eind van een dag hetzelfde interval op dezelfde weekdag in de naburige weken, anders de "
        "dichtstbijzijnde waarde van die dag"
    ),
    "zero": "Op 0 gezet",
}


@dataclass(frozen=True)
class ForecastGap:
    """One interval inside a queue's opening hours that the file has no value for.

    Long format: no row (``after_row``/``before_row`` are the rows of the same queue around
    where it would be). Wide format: an empty cell (``row`` and ``column`` name it) or a time or
    date that is missing from the sheet (the rows around it, and the date's column if it has one).
    """

    queue: str
    day: date
    time: str  # local clock label HH:MM
    winter: bool  # the second (winter-time) occurrence of a repeated autumn hour
    file: str | None
    sheet: str | None
    row: int | None = None
    column: str | None = None
    after_row: int | None = None
    before_row: int | None = None

    def location(self) -> str:
        """Where in the file the value is missing, in the planner's words (Dutch)."""
        sheet = f" op blad '{self.sheet}'" if self.sheet else ""
        if self.row is not None:
            return f"lege cel{sheet}, rij {self.row}, kolom {self.column}"
        column = f", kolom {self.column}" if self.column else ""
        if self.after_row is not None and self.before_row is not None:
            where = f"hoort tussen rij {self.after_row} en {self.before_row}"
        elif self.after_row is not None:
            where = f"hoort na rij {self.after_row}"
        elif self.before_row is not None:
            where = f"hoort vóór rij {self.before_row}"
        else:
            where = "geen gegevens voor deze wachtrij"
        return f"geen regel{sheet}, {where}{column}"

    def describe(self) -> str:
        when = f"{self.day.strftime('%d-%m-%Y')} {self.time}" + (" (wintertijd)" if self.winter else "")
        return f"wachtrij '{self.queue}' {when}: {self.location()}"


class GapReport(str):
    """The import note about gaps: its text is the note, its fields say which cells.

    It is a ``str`` so it travels in ``Forecast.notes`` like every other note (CLI stderr, the
    GUI's import list, the project file as plain text), while the GUI can still read the gaps
    from it to ask the planner and re-apply another choice (:func:`apply_gap_policy`).
    """

    gaps: tuple[ForecastGap, ...]
    queue_index: np.ndarray
    interval: np.ndarray
    policy: str

    def __new__(
        cls,
        text: str = "",
        gaps: tuple[ForecastGap, ...] = (),
        queue_index: np.ndarray | None = None,
        interval: np.ndarray | None = None,
        policy: str = DEFAULT_GAP_POLICY,
    ) -> GapReport:
        self = super().__new__(cls, text)
        self.gaps = tuple(gaps)
        self.queue_index = np.zeros(0, np.int64) if queue_index is None else np.asarray(queue_index, np.int64)
        self.interval = np.zeros(0, np.int64) if interval is None else np.asarray(interval, np.int64)
        self.policy = policy
        return self

    @classmethod
    def build(cls, gaps: list[ForecastGap], queue_index: np.ndarray, interval: np.ndarray, policy: str) -> GapReport:
        return cls(_gap_text(gaps, policy), tuple(gaps), queue_index, interval, policy)

    @property
    def count(self) -> int:
        return len(self.gaps)

    def with_policy(self, policy: str) -> GapReport:
        """The same gaps, noted as handled by ``policy``."""
        if policy == self.policy:
            return self
        return GapReport.build(list(self.gaps), self.queue_index, self.interval, policy)


def _gap_list(gaps: list[ForecastGap] | tuple[ForecastGap, ...]) -> str:
    named = "; ".join(g.describe() for g in gaps[:GAPS_NAMED])
    rest = len(gaps) - GAPS_NAMED
    return named + (f"; en nog {rest}" if rest > 0 else "")


def _gap_count(n: int) -> str:
    return "1 interval binnen de openingstijden heeft" if n == 1 else f"{n} intervallen binnen de openingstijden hebben"


def _gap_text(gaps: list[ForecastGap], policy: str) -> str:
    if policy == "stop":
        return (f"{_gap_count(len(gaps))} geen waarde — {_gap_list(gaps)}. Vul de ontbrekende waarden "
                "aan in het bestand, of lees het in met interpoleren of op nul zetten")
    return f"{_gap_count(len(gaps))} geen waarde in het bestand — {_gap_list(gaps)}. {_GAP_ACTIONS[policy]}."


class ForecastGapsError(KcrosterInputError):
    """The 'stop' choice: the file has gaps inside opening hours; ``report`` lists them all."""

    def __init__(self, report: GapReport, *, file: str | None) -> None:
        self.report = report.with_policy("stop")
        super().__init__(str(self.report), file=file)

    @property
    def gaps(self) -> tuple[ForecastGap, ...]:
        return self.report.gaps


def gap_report(forecast: Forecast) -> GapReport | None:
    """The gap note of a freshly imported forecast, or None when it had no gaps."""
    return next((n for n in forecast.notes if isinstance(n, GapReport)), None)


def _check_gap_policy(policy: str) -> None:
    if policy not in GAP_POLICIES:
        raise KcrosterInputError(
            f"onbekende keuze voor ontbrekende intervallen '{policy}' (interpolate, zero of stop)"
        )


def _locate_gaps(rec: _Records, forecast: Forecast, gap_mask: np.ndarray, record_at: np.ndarray) -> GapReport:
    """Every gap, in time order, with the file position it has (an empty cell) or would have."""
    horizon = forecast.horizon
    q_idx, k_idx = np.nonzero(gap_mask)
    order = np.lexsort((q_idx, k_idx))
    q_idx, k_idx = q_idx[order], k_idx[order]
    rows_of = {int(q): np.flatnonzero(record_at[q] >= 0) for q in np.unique(q_idx)}
    day_of = horizon.day_of_interval
    out: list[ForecastGap] = []
    for q, k in zip(q_idx.tolist(), k_idx.tolist(), strict=True):
        start = horizon.interval_start(k)
        base = {"queue": forecast.queues[q].name, "day": start.date(), "time": start.strftime("%H:%M"),
                "winter": bool(start.fold)}
        i = int(record_at[q, k])
        if i >= 0:  # wide format: the cell is there but empty
            w = rec.where(i, "volume")
            out.append(ForecastGap(**base, file=w["file"], sheet=w["sheet"], row=w["row"], column=_letter(w["column"])))
            continue
        ks = rows_of[q]
        pos = int(np.searchsorted(ks, k))
        prev = rec.where(int(record_at[q, ks[pos - 1]]), "volume") if pos > 0 else None
        nxt = rec.where(int(record_at[q, ks[pos]]), "volume") if pos < ks.size else None
        near = prev or nxt or {}
        column = None
        if rec.lenient_zero:  # wide: a missing time row still has its date's column
            same_day = [w for w, kk in ((prev, ks[pos - 1] if pos > 0 else -1), (nxt, ks[pos] if pos < ks.size else -1))
                        if w is not None and day_of[kk] == day_of[k]]
            column = _letter(same_day[0]["column"]) if same_day else None
        out.append(ForecastGap(
            **base, file=near.get("file"), sheet=near.get("sheet"), column=column,
            after_row=prev["row"] if prev else None, before_row=nxt["row"] if nxt else None,
        ))
    return GapReport.build(out, q_idx, k_idx, DEFAULT_GAP_POLICY)


def _letter(label: str) -> str:
    """'C (2026-03-02 00:00:00)' → 'C': a wide sheet's header is the date the gap already names."""
    return label.partition(" (")[0]


def apply_gap_policy(forecast: Forecast, policy: str) -> Forecast:
    """``forecast`` with the gaps of its :class:`GapReport` filled by ``policy``.

    ``zero`` sets volume and AHT of each gap to 0. ``interpolate`` (what a planner would do by
    hand) fills from the same queue's values that the file does give inside opening hours:
    linearly between the nearest ones before and after on the same day; a gap at the start or
    end of a day (nothing on one side) takes the mean of the same clock interval on the same
    weekday in the nearest weeks that have it, else the nearest value of that day, else the same
    clock interval on the nearest day that has it. AHT is filled the same way from intervals with
    an AHT, and takes the queue's volume-weighted AHT when none is near. ``stop`` raises
    :class:`ForecastGapsError`. A forecast without gaps, or already handled by ``policy``, is
    returned as it is.
    """
    _check_gap_policy(policy)
    report = gap_report(forecast)
    if report is None or report.policy == policy:
        return forecast
    if policy == "stop":
        raise ForecastGapsError(report, file=forecast.source)
    return _handle_gaps(forecast, report, policy)


def _handle_gaps(forecast: Forecast, report: GapReport, policy: str) -> Forecast:
    """The values of ``report``'s gaps filled by ``policy`` (interpolate or zero), the note
    saying so in place of ``report``: what :func:`apply_gap_policy` and the import do."""
    volume, aht = forecast.volume.copy(), forecast.aht.copy()
    q_idx, k_idx = report.queue_index, report.interval
    if policy == "zero":
        volume[q_idx, k_idx] = 0.0
        aht[q_idx, k_idx] = 0.0
    else:
        gap_mask = np.zeros(volume.shape, dtype=bool)
        gap_mask[q_idx, k_idx] = True
        assert forecast.open_mask is not None  # set by Forecast.__post_init__
        clock = _ClockIndex(forecast.horizon)
        for q in np.unique(q_idx).tolist():
            known = forecast.open_mask[q] & ~gap_mask[q]
            ks = np.flatnonzero(gap_mask[q])
            volume[q, ks] = _fill(volume[q], known, ks, clock)
            with_aht = known & (aht[q] > 0)
            weights = volume[q, with_aht]
            mean_aht = float(np.average(aht[q, with_aht], weights=weights)) if weights.sum() > 0 else 0.0
            aht[q, ks] = _fill(aht[q], with_aht, ks, clock, fallback=mean_aht)
    notes = [report.with_policy(policy) if n is report else n for n in forecast.notes]
    return Forecast(horizon=forecast.horizon, queues=forecast.queues, volume=volume, aht=aht,
                    open_mask=forecast.open_mask, source=forecast.source, notes=notes)


class _ClockIndex:
    """Interval of (day, local clock minute, occurrence) — the same clock time on another day."""

    def __init__(self, horizon: Horizon) -> None:
        self.days = horizon.days
        self.day_of = horizon.day_of_interval
        self.day_offsets = horizon.day_offsets
        self.minute = horizon.local_minute_of_day
        self.occurrence = np.zeros(horizon.n_intervals, dtype=np.int64)
        self.index: dict[tuple[int, int, int], int] = {}
        for k, (d, m) in enumerate(zip(self.day_of.tolist(), self.minute.tolist(), strict=True)):
            occ = 1 if (d, m, 0) in self.index else 0  # the repeated autumn hour
            self.occurrence[k] = occ
            self.index[(d, m, occ)] = k

    def same_clock(self, k: int, day: int) -> int | None:
        return self.index.get((day, int(self.minute[k]), int(self.occurrence[k])))


def _fill(values: np.ndarray, known: np.ndarray, gaps: np.ndarray, clock: _ClockIndex,
          fallback: float = 0.0) -> np.ndarray:
    """Interpolated values at interval indexes ``gaps`` from ``values[known]`` (see
    :func:`apply_gap_policy`); ``fallback`` when the queue has no known value at all."""
    out = np.full(gaps.size, fallback)
    known_k = np.flatnonzero(known)
    if known_k.size == 0:
        return out
    for n, k in enumerate(gaps.tolist()):
        d = int(clock.day_of[k])
        lo, pos, hi = np.searchsorted(known_k, (clock.day_offsets[d], k, clock.day_offsets[d + 1]))
        before = int(known_k[pos - 1]) if pos > lo else None  # nearest known on the same day
        after = int(known_k[pos]) if pos < hi else None
        if before is not None and after is not None:
            out[n] = values[before] + (values[after] - values[before]) * (k - before) / (after - before)
            continue
        value = _same_clock_mean(values, known, k, d, clock, step=7)
        if value is None and (before is not None or after is not None):
            value = float(values[before if before is not None else after])
        if value is None:
            value = _same_clock_mean(values, known, k, d, clock, step=1)
        if value is not None:
            out[n] = value
    return out


def _same_clock_mean(values: np.ndarray, known: np.ndarray, k: int, d: int, clock: _ClockIndex,
                     step: int) -> float | None:
    """Mean of the known values at the same clock time ``step`` days apart (nearest first)."""
    for distance in range(step, clock.days, step):
        found = [values[j] for j in (clock.same_clock(k, d - distance), clock.same_clock(k, d + distance))
                 if j is not None and known[j]]
        if found:
            return float(np.mean(found))
    return None
