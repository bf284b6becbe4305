"""Forecasting methods: expected volume per queue × day × slot for the days after a history.

Every method is a function ``(history, special, first_day, n_days) -> MethodOutput`` where
``first_day`` is the index (counted from ``history.start``) of the first day to forecast; it may
lie beyond ``history.end`` when the forecast starts some days after the last data.

``last_week``, ``mean4``
    The planner's spreadsheet baselines: the same interval on the last available same weekday,
    and the mean of the last four available same weekdays. No holidays, no trend.

``daymodel``
    Day totals from a log-linear model — level, linear trend (from eight weeks of history on),
    weekday effects, a common public-holiday effect and one effect per special-day label shrunk
    towards it (a planner's tag has its own effect, shrunk towards none) — fitted per queue as a
    negative-binomial regression (IRLS) in which recent days weigh more (half-life
    ``DAY_HALF_LIFE_WEEKS``). The dispersion comes from the Poisson-GLM residuals first, so that
    one very busy day cannot pin an effect on its own. Outlier days (Pearson residual beyond 4)
    are dropped and the model refitted. A label whose past occurrences had no contacts at all is
    a closed day. The day total is spread over the slots by the intraday profile of the
    weekday (or of the label, when it has past occurrences: "a day of its own profile").

``ets``
    statsmodels' Holt–Winters exponential smoothing (additive damped trend, additive weekly
    season, on log(1 + day total)) of the day totals, the special and outlier days replaced by
    the day model's normal-day value first; special days in the forecast get the day model's
    label effect and every day the same intraday profile. Requires ``statsmodels`` (imported
    only here, lazily); without it the method is unavailable.

Intraday profile (:func:`intraday_profile`)
    The share of a day's contacts per slot, per weekday, from the normal days of the last
    ``PROFILE_WEEKS`` weeks (recent weeks weigh more), shrunk towards the shape of all
    weekdays *within the slots where this weekday is open*, so that a Saturday morning the
    centre is closed stays closed. Slots whose count is far beyond the preliminary profile
    (more than 5 standard deviations) are capped first: an interval-level outlier (a
    malfunction, a test run) does not become next week's forecast.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np

from kcroster.forecasting.calendar import SpecialDays
from kcroster.forecasting.history import History

__all__ = [
    "METHODS",
    "MethodOutput",
    "MethodSpec",
    "intraday_profile",
    "open_slots",
    "statsmodels_available",
]

DAY_HALF_LIFE_WEEKS = 12.0
DAY_WINDOW_DAYS = 364
TREND_MIN_DAYS = 56
PROFILE_WEEKS = 26
PROFILE_HALF_LIFE_WEEKS = 10.0
LABEL_PRIOR_SD = 0.3  # how far a label's effect is expected to stray from the common one (log)
OUTLIER_Z = 4.0


@dataclass
class MethodOutput:
    """``volume[q, day, slot]`` for the forecast days, plus what the method wants said."""

    volume: np.ndarray
    closed_days: np.ndarray | None = None  # (queues, days) bool: a closed special day
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class MethodSpec:
    name: str
    label_nl: str
    min_days: int
    run: Callable[[History, SpecialDays, int, int], MethodOutput]
    baseline: bool = False


# --------------------------------------------------------------------------------------------
# Helpers shared by the methods
# --------------------------------------------------------------------------------------------


def _day_dates(history: History, first_day: int, n_days: int) -> list[date]:
    return [history.start + timedelta(days=first_day + i) for i in range(n_days)]


def _weekday(history: History, day_index: int) -> int:
    return (history.start.weekday() + day_index) % 7


def _latest_same_weekday(history: History, q: int, target_day: int, count: int) -> list[int]:
    """Up to ``count`` most recent non-missing history days with the weekday of ``target_day``."""
    wd = _weekday(history, target_day)
    out = []
    d = history.days - 1 - ((_weekday(history, history.days - 1) - wd) % 7)
    while d >= 0 and len(out) < count:
        if not history.missing[q, d]:
            out.append(d)
        d -= 7
    return out


def open_slots(history: History, weeks: int = 8) -> np.ndarray:
    """``(queues, 7, slots)`` bool: the slots that had contacts on the same weekday within the
    last ``weeks`` weeks of the history (the queue's opening hours as the data show them)."""
    start = max(0, history.days - 7 * weeks)
    recent = history.offered[:, start:] > 0
    out = np.zeros((len(history.queues), 7, history.slots_per_day), dtype=bool)
    wds = history.weekdays[start:]
    for wd in range(7):
        sel = wds == wd
        if sel.any():
            out[:, wd] = recent[:, sel].any(axis=1)
    return out


def intraday_profile(history: History, normal: np.ndarray) -> np.ndarray:
    """Share per slot, ``(queues, 7, slots)``, each weekday's row summing to 1 where the
    weekday has any contacts (else 0). ``normal[q, d]`` says which days may shape it."""
    n_q, n_d, slots = history.offered.shape
    first = max(0, n_d - 7 * PROFILE_WEEKS)
    age = (n_d - 1 - np.arange(n_d)) / 7.0
    w = np.where(np.arange(n_d) >= first, 0.5 ** (age / PROFILE_HALF_LIFE_WEEKS), 0.0)
    wds = history.weekdays
    counts = history.offered
    totals = counts.sum(axis=2)
    opened = open_slots(history)
    profile = np.zeros((n_q, 7, slots))
    for q in range(n_q):
        use_w = np.where(normal[q], w, 0.0)
        # preliminary profile per weekday, then cap interval-level outliers and redo
        x = counts[q]
        for rnd in range(2):
            wc = np.zeros((7, slots))
            wt = np.zeros(7)
            for wd in range(7):
                sel = (wds == wd) & (use_w > 0)
                if sel.any():
                    wc[wd] = (use_w[sel, None] * x[sel]).sum(axis=0)
                    wt[wd] = float((use_w[sel] * x[sel].sum(axis=1)).sum())
            pooled = wc.sum(axis=0)
            for wd in range(7):
                mask = opened[q, wd]
                if wt[wd] <= 0 or not mask.any():
                    profile[q, wd] = 0.0
                    continue
                shape = np.where(mask, pooled, 0.0)
                shape = shape / shape.sum() if shape.sum() > 0 else mask / mask.sum()
                strength = 0.5 * wt[wd] / max(1.0, float(use_w[(wds == wd)].sum()))
                p = (wc[wd] + strength * shape) / (wt[wd] + strength)
                profile[q, wd] = np.where(mask, p, 0.0) / np.where(mask, p, 0.0).sum()
            if rnd == 0:
                expected = profile[q, wds] * totals[q][:, None]
                limit = expected + 5.0 * np.sqrt(expected) + 5.0
                x = np.minimum(counts[q], limit)
    return profile


def _label_profiles(
    history: History, labels: list[str | None], wanted: set[str], profile: np.ndarray
) -> dict[tuple[int, str], np.ndarray]:
    """Own intraday profile of every wanted label with past occurrences, shrunk towards the
    weekday profile of those occurrences by one average day's worth of contacts."""
    out: dict[tuple[int, str], np.ndarray] = {}
    wds = history.weekdays
    for label in wanted:
        days = [
            d
            for d, lb in enumerate(labels[: history.days])
            if lb == label and not history.missing[:, d].all()
        ]
        if not days:
            continue
        for q in range(len(history.queues)):
            ds = [d for d in days if not history.missing[q, d]]
            if not ds:
                continue
            c = history.offered[q, ds].sum(axis=0)
            total = float(c.sum())
            if total <= 0:
                continue
            prior = profile[q, wds[ds]].mean(axis=0)
            strength = total / len(ds)
            p = (c + strength * prior) / (total + strength)
            out[(q, label)] = p / p.sum()
    return out


# --------------------------------------------------------------------------------------------
# Baselines
# --------------------------------------------------------------------------------------------


def _baseline(history: History, first_day: int, n_days: int, count: int) -> MethodOutput:
    n_q, _, slots = history.offered.shape
    out = np.zeros((n_q, n_days, slots))
    for q in range(n_q):
        for i in range(n_days):
            days = _latest_same_weekday(history, q, first_day + i, count)
            if days:
                out[q, i] = history.offered[q, days].mean(axis=0)
    return MethodOutput(out)


def last_week(history: History, special: SpecialDays, first_day: int, n_days: int) -> MethodOutput:
    """Same interval on the last available same weekday."""
    return _baseline(history, first_day, n_days, 1)


def mean_of_four(
    history: History, special: SpecialDays, first_day: int, n_days: int
) -> MethodOutput:
    """Mean of the same interval on the last four available same weekdays."""
    return _baseline(history, first_day, n_days, 4)


# --------------------------------------------------------------------------------------------
# The day model
# --------------------------------------------------------------------------------------------


def _fit_glm(
    x: np.ndarray, y: np.ndarray, w: np.ndarray, alpha: float, ridge: np.ndarray, beta0: np.ndarray
) -> np.ndarray:
    """Negative-binomial (NB2, fixed ``alpha``) log-link regression by IRLS with a ridge.

    ``alpha = 0`` is Poisson. ``ridge[j]`` is the prior precision of coefficient ``j`` (prior
    mean 0). Returns the coefficients.
    """
    beta = beta0.copy()
    for _ in range(50):
        eta = np.clip(x @ beta, -30.0, 30.0)
        mu = np.exp(eta)
        wk = w * mu / (1.0 + alpha * mu)
        z = eta + (y - mu) / np.maximum(mu, 1e-12)
        a = x.T @ (wk[:, None] * x) + np.diag(ridge)
        b = x.T @ (wk * z)
        try:
            new = np.linalg.solve(a, b)
        except np.linalg.LinAlgError:
            new = np.linalg.lstsq(a, b, rcond=None)[0]
        if np.max(np.abs(new - beta)) < 1e-7:
            return new
        beta = new
    return beta


@dataclass
class DayFit:
    """The day model of one queue: predicted normal-day totals and label effects."""

    predict_normal: Callable[[np.ndarray], np.ndarray]  # day indexes → expected total
    label_effect: dict[str, float]  # label → log effect (common holiday effect included)
    holiday_effect: float | None  # common public-holiday effect (log), None when never seen
    closed_labels: set[str]
    outliers: np.ndarray  # day indexes dropped as outliers
    closed_weekdays: set[int]


def _fit_day_model(
    history: History, q: int, labels: list[str | None], is_holiday: np.ndarray
) -> DayFit:
    n_d = history.days
    totals = history.offered[q].sum(axis=1)
    wds = history.weekdays
    valid = ~history.missing[q]
    first = max(0, n_d - DAY_WINDOW_DAYS)
    in_window = np.arange(n_d) >= first
    # Weekdays closed in their last four occurrences are closed.
    closed_wd: set[int] = set()
    for wd in range(7):
        recent = [d for d in range(n_d - 1, -1, -1) if wds[d] == wd and valid[d]][:4]
        if not recent or all(totals[d] == 0 for d in recent):
            closed_wd.add(wd)
    # Labels whose every past occurrence had no contacts are closed days.
    label_days: dict[str, list[int]] = {}
    for d in range(n_d):
        lb = labels[d]
        if lb is not None and valid[d] and wds[d] not in closed_wd:
            label_days.setdefault(lb, []).append(d)
    closed_labels = {lb for lb, ds in label_days.items() if all(totals[d] == 0 for d in ds)}
    use = valid & in_window & np.isin(wds, sorted(set(range(7)) - closed_wd))
    use &= np.asarray([lb is None or lb not in closed_labels for lb in labels[:n_d]], dtype=bool)
    open_wd = sorted(set(range(7)) - closed_wd)
    fit_labels = sorted({lb for lb in (labels[d] for d in np.flatnonzero(use)) if lb is not None})
    has_holiday = bool((is_holiday[:n_d] & use).any())
    with_trend = int(use.sum()) >= TREND_MIN_DAYS
    origin = n_d

    def design(days: np.ndarray, lab: list[str | None], hol: np.ndarray) -> np.ndarray:
        cols = [(wds_of(days) == wd).astype(float) for wd in open_wd]
        if with_trend:
            cols.append((days - origin) / 365.25)
        if has_holiday:
            cols.append(hol.astype(float))
        for lb in fit_labels:
            cols.append(np.asarray([x == lb for x in lab], dtype=float))
        return np.column_stack(cols) if cols else np.zeros((days.size, 0))

    def wds_of(days: np.ndarray) -> np.ndarray:
        return (history.start.weekday() + days) % 7

    outliers = np.zeros(0, dtype=np.int64)
    beta = np.zeros(0)
    if not open_wd or not use.any():

        def predict_none(days: np.ndarray) -> np.ndarray:
            return np.zeros(days.size)

        return DayFit(predict_none, {}, None, closed_labels, outliers, closed_wd)
    n_fixed = len(open_wd) + int(with_trend) + int(has_holiday)
    ridge = np.full(n_fixed + len(fit_labels), 1e-6)
    ridge[n_fixed:] = 1.0 / LABEL_PRIOR_SD**2
    age = (n_d - 1 - np.arange(n_d)) / 7.0
    weight = 0.5 ** (age / DAY_HALF_LIFE_WEEKS)
    special = np.asarray([lb is not None for lb in labels[:n_d]], dtype=bool)
    weight = np.where(special, 1.0, weight)  # a label's few occurrences keep their say
    for _round in range(2):
        days = np.flatnonzero(use)
        lab = [labels[d] for d in days]
        x = design(days, lab, is_holiday[days])
        y = totals[days]
        w = weight[days]
        beta0 = np.zeros(x.shape[1])
        for j, wd in enumerate(open_wd):
            sel = wds[days] == wd
            beta0[j] = math.log(max(float(y[sel].mean()) if sel.any() else 1.0, 0.5))
        beta = _fit_glm(x, y, w, 0.0, ridge, beta0)
        mu = np.exp(np.clip(x @ beta, -30, 30))
        dof = max(1, days.size - x.shape[1])
        alpha = max(0.0, float((((y - mu) ** 2 - mu) / np.maximum(mu, 1e-9) ** 2).sum() / dof))
        alpha = min(alpha, 1.0)
        beta = _fit_glm(x, y, w, alpha, ridge, beta)
        mu = np.exp(np.clip(x @ beta, -30, 30))
        pearson = (y - mu) / np.sqrt(mu * (1.0 + alpha * mu) + 1e-9)
        bad = (np.abs(pearson) > OUTLIER_Z) & ~special[days]
        if _round == 0 and bad.any():
            outliers = days[bad]
            use[outliers] = False
            continue
        break
    n_wd = len(open_wd)
    coef = dict(zip(open_wd, beta[:n_wd].tolist(), strict=True))
    trend = float(beta[n_wd]) if with_trend else 0.0
    hol_effect = float(beta[n_wd + int(with_trend)]) if has_holiday else None
    label_effect: dict[str, float] = {}
    for j, lb in enumerate(fit_labels):
        base = (
            hol_effect
            if (hol_effect is not None and _is_holiday_label(lb, labels, is_holiday))
            else 0.0
        )
        label_effect[lb] = base + float(beta[n_fixed + j])

    def predict(days: np.ndarray) -> np.ndarray:
        wd = wds_of(days)
        out = np.zeros(days.size)
        for i, (d, k) in enumerate(zip(days.tolist(), wd.tolist(), strict=True)):
            if k in coef:
                out[i] = math.exp(coef[k] + trend * (d - origin) / 365.25)
        return out

    return DayFit(predict, label_effect, hol_effect, closed_labels, outliers, closed_wd)


def _is_holiday_label(label: str, labels: list[str | None], is_holiday: np.ndarray) -> bool:
    for d, lb in enumerate(labels):
        if lb == label:
            return bool(is_holiday[d])
    return False


@dataclass
class DayModelParts:
    """What the day model knows about the forecast days, shared with the ETS method."""

    fits: list[DayFit]
    normal_total: np.ndarray  # (queues, n_days) expected total on a normal day
    effect: np.ndarray  # (queues, n_days) multiplicative special-day effect
    closed: np.ndarray  # (queues, n_days) bool
    shares: np.ndarray  # (queues, n_days, slots) intraday profile of each forecast day
    notes: list[str]


def day_model_parts(
    history: History, special: SpecialDays, first_day: int, n_days: int
) -> DayModelParts:
    """Fit the day model and the profiles; predict the forecast days' parts."""
    n_q, n_d, slots = history.offered.shape
    all_dates = _day_dates(history, 0, first_day + n_days)
    labels = special.labels(all_dates)
    is_holiday = np.asarray([special.is_holiday(d) for d in all_dates], dtype=bool)
    fits = [_fit_day_model(history, q, labels, is_holiday) for q in range(n_q)]
    normal = ~history.missing.copy()
    for q, fit in enumerate(fits):
        normal[q, fit.outliers] = False
    special_hist = np.asarray([lb is not None for lb in labels[:n_d]], dtype=bool)
    profile = intraday_profile(history, normal & ~special_hist[None, :])
    target = np.arange(first_day, first_day + n_days)
    target_labels = labels[first_day:]
    target_wd = (history.start.weekday() + target) % 7
    wanted = {lb for lb in target_labels if lb is not None}
    own = _label_profiles(history, labels, wanted, profile)
    normal_total = np.zeros((n_q, n_days))
    effect = np.ones((n_q, n_days))
    closed = np.zeros((n_q, n_days), dtype=bool)
    shares = np.zeros((n_q, n_days, slots))
    notes: list[str] = []
    unseen: set[str] = set()
    for q, fit in enumerate(fits):
        normal_total[q] = fit.predict_normal(target)
        for i, lb in enumerate(target_labels):
            shares[q, i] = (
                own.get((q, lb), profile[q, target_wd[i]]) if lb else profile[q, target_wd[i]]
            )
            if lb is None:
                continue
            if lb in fit.closed_labels:
                closed[q, i] = True
            elif lb in fit.label_effect:
                effect[q, i] = math.exp(fit.label_effect[lb])
            elif is_holiday[first_day + i] and fit.holiday_effect is not None:
                effect[q, i] = math.exp(fit.holiday_effect)
            elif is_holiday[first_day + i] and fit.closed_labels and not fit.label_effect:
                closed[q, i] = True  # the centre closed on every public holiday it has seen
            else:
                unseen.add(lb)
        closed[q] |= np.isin(target_wd, sorted(fit.closed_weekdays))
    if unseen:
        notes.append(
            "Geen eerdere dagen in de historie voor: "
            + ", ".join(sorted(unseen))
            + "; die dagen zijn als gewone dag voorspeld."
        )
    n_out = sum(int(f.outliers.size) for f in fits)
    if n_out:
        notes.append(f"{n_out} uitschieters (wachtrij-dagen) niet meegenomen in het dagmodel.")
    return DayModelParts(fits, normal_total, effect, closed, shares, notes)


def day_model(history: History, special: SpecialDays, first_day: int, n_days: int) -> MethodOutput:
    parts = day_model_parts(history, special, first_day, n_days)
    totals = np.where(parts.closed, 0.0, parts.normal_total * parts.effect)
    return MethodOutput(totals[:, :, None] * parts.shares, parts.closed, parts.notes)


# --------------------------------------------------------------------------------------------
# statsmodels exponential smoothing on the day totals
# --------------------------------------------------------------------------------------------


def statsmodels_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("statsmodels") is not None


def ets(history: History, special: SpecialDays, first_day: int, n_days: int) -> MethodOutput:
    import warnings

    from statsmodels.tsa.holtwinters import ExponentialSmoothing

    parts = day_model_parts(history, special, first_day, n_days)
    n_q, n_d, _ = history.offered.shape
    all_dates = _day_dates(history, 0, n_d)
    labels = special.labels(all_dates)
    special_hist = np.asarray([lb is not None for lb in labels], dtype=bool)
    first = max(0, n_d - DAY_WINDOW_DAYS)
    days = np.arange(first, n_d)
    steps = first_day + n_days - n_d
    totals = np.zeros((n_q, n_days))
    for q, fit in enumerate(parts.fits):
        y = history.offered[q, first:].sum(axis=1)
        replace = history.missing[q, first:] | special_hist[first:] | np.isin(days, fit.outliers)
        y = np.where(replace, fit.predict_normal(days), y)
        series = np.log1p(y)
        if np.allclose(series, series[0]):
            level = np.full(steps, series[0])
        else:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                model = ExponentialSmoothing(
                    series,
                    trend="add",
                    damped_trend=True,
                    seasonal="add",
                    seasonal_periods=7,
                    initialization_method="estimated",
                )
                result = model.fit(optimized=True)
                level = np.asarray(result.forecast(steps))
        totals[q] = np.expm1(level[-n_days:]).clip(min=0.0)
    totals = np.where(parts.closed, 0.0, totals * parts.effect)
    return MethodOutput(totals[:, :, None] * parts.shares, parts.closed, parts.notes)


METHODS: dict[str, MethodSpec] = {
    "daymodel": MethodSpec("daymodel", "dagmodel × dagprofiel", 14, day_model),
    "ets": MethodSpec("ets", "exponential smoothing (statsmodels)", 35, ets),
    "last_week": MethodSpec(
        "last_week", "zelfde interval vorige week", 7, last_week, baseline=True
    ),
    "mean4": MethodSpec(
        "mean4", "gemiddelde laatste 4 zelfde weekdagen", 7, mean_of_four, baseline=True
    ),
}
