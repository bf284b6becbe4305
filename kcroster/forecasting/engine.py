"""Make a forecast from a history: backtest, choose the method, forecast, bands, AHT, patience.

:func:`make_forecast` is what the CLI and the GUI call. It takes a progress callback
(``on_progress(fraction, text)``) and a cancel flag (any callable returning True, e.g.
``threading.Event().is_set``), knows nothing of Qt and returns a :class:`ForecastResult` with
everything a screen shows: the history, the forecast with its band, the volume at the chosen
quantile, the AHT, the backtest table, the patience estimates and the notes.

Decisions
    * History on or after the forecast's first day is not used (so a past date gives an honest
      "what would it have said" forecast); days between the end of the history and the first
      day are forecast too and dropped.
    * ``method="auto"`` takes the method with the lowest interval WAPE in the backtest among the
      methods that could run at every cut-off, baselines included: if the planner's spreadsheet
      method does best, that is said, not hidden. A history too short for any cut-off gives
      the "mean of the last 4 same weekdays" baseline, with a notice.
    * When the history is shorter than the requested horizon plus two weeks, the backtest
      uses the longest whole-week horizon that fits (at least one week) and says so.
    * Closed cells (a slot without contacts on that weekday in the last eight weeks, a closed
      weekday or a closed special day) are marked in ``open``; the writer leaves them out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from kcroster.forecasting.backtest import BacktestTable, ForecastCancelled, run_backtest
from kcroster.forecasting.bands import DEFAULT_PHI, count_quantile, overdispersion, rate_quantile
from kcroster.forecasting.calendar import SpecialDays
from kcroster.forecasting.estimates import PatienceEstimate, aht_table, patience
from kcroster.forecasting.history import History
from kcroster.forecasting.methods import METHODS, open_slots, statsmodels_available
from kcroster.model.errors import KcrosterInputError

__all__ = [
    "ForecastCancelled",
    "ForecastRequest",
    "ForecastResult",
    "available_methods",
    "make_forecast",
]

ProgressCallback = Callable[[float, str], None]


def available_methods() -> list[str]:
    """Method names usable here (``ets`` only with statsmodels installed)."""
    return [m for m in METHODS if m != "ets" or statsmodels_available()]


@dataclass
class ForecastRequest:
    """What the planner asks: ``weeks`` weeks from ``start``, on ``interval_minutes``."""

    start: date
    weeks: int
    interval_minutes: int | None = None  # None: the history's own
    method: str = "auto"
    quantile: float = 0.5
    special_days: dict[date, str] = field(default_factory=dict)
    holidays_country: str | None = "NL"
    aht_seconds: float | None = None  # AHT when the history has none
    backtest_origins: int = 4


@dataclass
class ForecastResult:
    """A forecast per queue × day × slot (arrays ``(queues, days, slots)``)."""

    queues: list[str]
    start: date
    interval_minutes: int
    volume: np.ndarray  # expected contacts (the point forecast)
    planned: np.ndarray  # volume at the requested quantile: what the requirement uses
    p10: np.ndarray
    p90: np.ndarray
    aht: np.ndarray
    open: np.ndarray
    method: str
    quantile: float
    backtest: BacktestTable | None
    patience: list[PatienceEstimate]
    history: History
    phi: np.ndarray
    notes: list[str] = field(default_factory=list)

    @property
    def days(self) -> int:
        return int(self.volume.shape[1])

    @property
    def dates(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range(self.days)]

    @property
    def method_label(self) -> str:
        return METHODS[self.method].label_nl

    def to_forecast(self) -> object:
        """A :class:`~kcroster.model.Forecast` on the absolute intervals (DST-aware) holding the
        planned volume and AHT, closed cells with volume 0."""
        from kcroster.model.forecast import Forecast
        from kcroster.model.queues import Queue
        from kcroster.model.timegrid import Horizon

        horizon = Horizon(start=self.start, days=self.days, interval_minutes=self.interval_minutes)
        day = horizon.day_of_interval
        slot = horizon.local_minute_of_day // self.interval_minutes
        volume = np.where(self.open, self.planned, 0.0)[:, day, slot]
        aht = np.where(self.open, self.aht, 0.0)[:, day, slot]
        queues = []
        for name in self.queues:
            est = next((p for p in self.patience if p.queue == name), None)
            queues.append(Queue(name=name, patience_seconds=est.seconds if est else None))
        return Forecast(
            horizon=horizon,
            queues=queues,
            volume=volume,
            aht=aht,
            open_mask=self.open[:, day, slot],
            source="forecast uit historie",
            notes=list(self.notes),
        )


def _report(
    on_progress: ProgressCallback | None,
    cancel: Callable[[], bool] | None,
    fraction: float,
    text: str,
) -> None:
    if cancel is not None and cancel():
        raise ForecastCancelled()
    if on_progress is not None:
        on_progress(min(1.0, max(0.0, fraction)), text)


def make_forecast(
    history: History,
    request: ForecastRequest,
    *,
    on_progress: ProgressCallback | None = None,
    cancel: Callable[[], bool] | None = None,
) -> ForecastResult:
    """Backtest, choose and forecast (see the module docstring).

    Raises :class:`~kcroster.model.KcrosterInputError` for a request the history cannot serve
    and :class:`ForecastCancelled` when ``cancel()`` turns true.
    """
    notes = list(history.notes)
    if request.weeks < 1 or request.weeks > 104:
        raise KcrosterInputError("het aantal weken moet tussen 1 en 104 liggen")
    if not 0.0 < request.quantile < 1.0:
        raise KcrosterInputError("het kwantiel moet tussen 0 en 1 liggen, bijv. 0.5 of 0.8")
    choices = available_methods()
    if request.method != "auto" and request.method not in METHODS:
        raise KcrosterInputError(
            f"onbekende methode '{request.method}'; kies auto, {', '.join(METHODS)}"
        )
    requested = request.method
    if "ets" not in choices:
        if requested == "ets":
            requested = "daymodel"
            notes.append(
                "Methode 'ets' vraagt het pakket statsmodels, dat niet is geïnstalleerd; "
                "het dagmodel is gebruikt."
            )
        elif requested == "auto":
            notes.append(
                "Het pakket statsmodels is niet geïnstalleerd: 'ets' is niet meegenomen "
                "in de backtest."
            )
    if request.interval_minutes and request.interval_minutes != history.interval_minutes:
        history = history.resampled(request.interval_minutes)
    cut = (request.start - history.start).days
    if cut < 7:
        raise KcrosterInputError(
            f"te weinig historie voor {request.start.strftime('%d-%m-%Y')}: de historie begint op "
            f"{history.start.strftime('%d-%m-%Y')}; minstens één week nodig"
        )
    if cut < history.days:
        notes.append(
            f"Historie vanaf {request.start.strftime('%d-%m-%Y')} is niet gebruikt "
            "(de prognose begint eerder dan de historie eindigt)."
        )
        history = history.window(0, cut)
    usable = int((~history.missing.all(axis=0)).sum())
    if usable < 7:
        raise KcrosterInputError(
            f"te korte historie: {usable} dag(en) met gegevens; minstens één week nodig"
        )
    gap = cut - history.days
    n_days = 7 * request.weeks
    special = SpecialDays(
        history.start,
        request.start + timedelta(days=n_days),
        country=request.holidays_country,
        tags=request.special_days,
    )
    # Backtest.
    horizon = n_days + gap
    if history.days - horizon < 14:
        shorter = max(7, ((history.days - 14) // 7) * 7)
        if shorter < horizon:
            notes.append(
                f"De historie is te kort voor een backtest over {horizon} dagen; "
                f"de backtest kijkt {shorter} dagen vooruit."
            )
            horizon = shorter
    methods = [m for m in choices if requested == "auto" or m == requested or METHODS[m].baseline]
    origins_needed = max(1, request.backtest_origins)
    total_steps = origins_needed * len(methods) + 2
    done = [0]

    def step() -> None:
        done[0] += 1
        _report(on_progress, cancel, done[0] / total_steps, "backtest")

    _report(on_progress, cancel, 0.0, "backtest")
    table = run_backtest(history, special, methods, horizon, n_origins=origins_needed, on_step=step)
    if not table.origins:
        table = None
    # Choice.
    method = requested
    if method == "auto":
        best = table.best() if table is not None else None
        if best is None:
            method = "mean4"
            notes.append(
                "Te weinig historie voor een backtest: de prognose is het gemiddelde van de "
                "laatste 4 zelfde weekdagen (basislijn)."
            )
        else:
            method = best.method
            if METHODS[method].baseline:
                notes.append(
                    f"De basislijn '{METHODS[method].label_nl}' deed het in de backtest het best "
                    "en is gekozen."
                )
    elif history.days < METHODS[method].min_days:
        notes.append(
            f"De historie is te kort voor '{METHODS[method].label_nl}' (minstens "
            f"{METHODS[method].min_days} dagen); de basislijn 'gemiddelde laatste 4 zelfde "
            "weekdagen' is gebruikt."
        )
        method = "mean4"
    _report(on_progress, cancel, (total_steps - 1) / total_steps, "prognose")
    out = METHODS[method].run(history, special, cut, n_days)
    volume = out.volume
    notes.extend(n for n in out.notes if n not in notes)
    # Open cells.
    opened = open_slots(history)
    wds = np.asarray([(request.start + timedelta(days=i)).weekday() for i in range(n_days)])
    open_cells = opened[:, wds, :]
    if out.closed_days is not None:
        open_cells &= ~out.closed_days[:, :, None]
    volume = np.where(open_cells, volume, 0.0)
    # Bands.
    row = table.row(method) if table is not None else None
    if row is not None and row.origins > 0:
        phi = overdispersion(row.queue_sums)
    else:
        phi = np.full(len(history.queues), DEFAULT_PHI)
        notes.append("Zonder backtest is de band alleen een schatting (toevalsvariatie plus 14 %).")
    phi3 = phi[:, None, None]
    p10 = count_quantile(volume, phi3, 0.10)
    p90 = count_quantile(volume, phi3, 0.90)
    planned = rate_quantile(volume, phi3, request.quantile)
    # AHT.
    if history.aht_known and history.handled.sum() > 0:
        table_aht = aht_table(history, default=request.aht_seconds)
        aht = table_aht[:, wds, :]
        lacking = np.isnan(aht) & open_cells
        if lacking.any():
            if request.aht_seconds is None:
                q = int(np.flatnonzero(lacking.any(axis=(1, 2)))[0])
                raise KcrosterInputError(
                    f"wachtrij '{history.queues[q]}' heeft geen afhandeltijd in de "
                    "historie; geef een AHT met --aht"
                )
            aht = np.where(np.isnan(aht), request.aht_seconds, aht)
    elif request.aht_seconds is not None:
        aht = np.full(volume.shape, float(request.aht_seconds))
    else:
        raise KcrosterInputError(
            "de historie bevat geen afhandeltijd (AHT); geef een AHT met --aht"
        )
    aht = np.nan_to_num(aht, nan=0.0)
    _report(on_progress, cancel, 1.0, "klaar")
    return ForecastResult(
        queues=list(history.queues),
        start=request.start,
        interval_minutes=history.interval_minutes,
        volume=volume,
        planned=np.where(open_cells, planned, 0.0),
        p10=p10,
        p90=p90,
        aht=aht,
        open=open_cells,
        method=method,
        quantile=request.quantile,
        backtest=table,
        patience=patience(history),
        history=history,
        phi=phi,
        notes=notes,
    )
