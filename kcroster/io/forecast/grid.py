"""Putting the records on the horizon: the interval length, every record's interval (DST
folds included), duplicates, the open mask, and the :class:`~kcroster.model.Forecast` itself."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np

from kcroster.io.forecast.gaps import ForecastGapsError, _handle_gaps, _locate_gaps
from kcroster.io.forecast.opening_hours import holiday_dates, opening_mask
from kcroster.io.forecast.queues import _QueueSpec, queue_from_settings
from kcroster.io.forecast.records import _err, _hhmm, _Records
from kcroster.model.errors import KcrosterInputError
from kcroster.model.forecast import Forecast
from kcroster.model.queues import Channel, Queue
from kcroster.model.timegrid import Horizon
from kcroster.staffing.requirement import first_volume_too_large, volume_limit_reason

MIN_ROWS_FOR_GRID_CHECK = 8


def _group_gcds(rec: _Records, naive: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per (queue, day) group of naive records: (record indexes, order, group starts, sizes, gcds)."""
    idx = np.flatnonzero(naive)
    key = rec.queue_codes[idx] * 10_000_000 + rec.day_ord[idx]
    order = np.argsort(key, kind="stable")
    k_sorted = key[order]
    starts = np.flatnonzero(np.r_[True, k_sorted[1:] != k_sorted[:-1]]) if idx.size else np.zeros(0, np.int64)
    sizes = np.diff(np.r_[starts, k_sorted.size])
    secs = rec.seconds[idx][order]
    gcds = np.gcd(np.gcd.reduceat(secs, starts), 86400) if idx.size else np.zeros(0, np.int64)
    return idx, order, starts, np.stack([sizes, gcds]) if idx.size else np.zeros((2, 0), np.int64)


def _infer_interval(rec: _Records, naive: np.ndarray) -> int:
    """15 minutes unless the data is clearly coarser.

    Every time must sit on a 15-minute grid. The file is read as 30- or 60-minute data only when
    each queue-day with at least ``MIN_ROWS_FOR_GRID_CHECK`` rows uses that coarser grid (a few
    scattered rows at whole hours say nothing about the interval length).
    """
    off = np.flatnonzero(naive & (rec.seconds % 900 != 0))
    if off.size:
        i = int(off[0])
        raise _err(
            rec, i, "time",
            f"tijd {_hhmm(int(rec.seconds[i]))} ligt niet op een raster van 15, 30 of 60 minuten",
        )
    if not naive.any():
        return 15
    _idx, _order, _starts, stats = _group_gcds(rec, naive)
    sizes, gcds = stats
    big = sizes >= MIN_ROWS_FOR_GRID_CHECK
    if not big.any():
        return 15
    overall = int(np.gcd.reduce(gcds[big]))
    for minutes in (60, 30):
        if overall % (minutes * 60) == 0:
            secs = np.unique(rec.seconds[naive])
            if (secs % (minutes * 60) == 0).all():
                return minutes
    return 15


def _check_mixed_lengths(rec: _Records, naive: np.ndarray, grid: int, interval_given: bool) -> None:
    """A queue-day with enough rows on a coarser grid than ``grid`` means mixed interval lengths."""
    if not naive.any():
        return
    idx, order, starts, stats = _group_gcds(rec, naive)
    sizes, group_gcd = stats
    coarse = (sizes >= MIN_ROWS_FOR_GRID_CHECK) & (group_gcd > grid) & (group_gcd % grid == 0)
    if not coarse.any():
        return
    fine = (sizes >= MIN_ROWS_FOR_GRID_CHECK) & (group_gcd == grid)
    g = int(np.flatnonzero(coarse)[0])
    first = int(idx[order[starts[g]]])
    coarse_min = int(group_gcd[g]) // 60
    if fine.any() or not interval_given:
        raise _err(
            rec, first, "time",
            f"wisselende intervallengte: deze dag van wachtrij '{rec.queue_names[int(rec.queue_codes[first])]}' "
            f"gebruikt intervallen van {coarse_min} minuten, de rest van het bestand {grid // 60} minuten",
        )
    raise _err(
        rec, first, "time",
        f"het bestand gebruikt intervallen van {coarse_min} minuten, gevraagd is {grid // 60} minuten "
        f"(gebruik --interval {coarse_min})",
    )


def _place(rec: _Records, horizon: Horizon) -> np.ndarray:
    """Interval index of every record, or -1 for records to drop (empty wide cells at
    non-existent times). Raises for anything else that does not fit the grid."""
    n = rec.volume.size
    isec = horizon.interval_seconds
    slots = 86400 // isec
    days = horizon.days
    k_of = np.full(n, -1, dtype=np.int64)
    # Lookup (day, slot, fold) → interval, from the horizon's own labels.
    lut = np.full((days, slots, 2), -1, dtype=np.int64)
    lmod = horizon.local_minute_of_day.astype(np.int64) * 60 // isec
    dayi = horizon.day_of_interval.astype(np.int64)
    seen = np.zeros((days, slots), dtype=np.int8)
    for interval in range(horizon.n_intervals):  # ≤ 35 000 for a year; cheap
        kd, kslot = int(dayi[interval]), int(lmod[interval])
        f = int(seen[kd, kslot])
        if f < 2:
            lut[kd, kslot, f] = interval
        seen[kd, kslot] = f + 1
    start_ord = horizon.start.toordinal()
    explicit = ~np.isnan(rec.instant)
    naive = ~explicit
    if explicit.any():
        starts = horizon.starts_utc
        ts = rec.instant[explicit]
        pos = np.searchsorted(starts, ts, side="right") - 1
        ok = (pos >= 0) & (np.abs(starts[np.clip(pos, 0, None)] - ts) < 0.5)
        idx = np.flatnonzero(explicit)
        if not ok.all():
            i = int(idx[int(np.flatnonzero(~ok)[0])])
            raise _err(rec, i, "time", f"tijdstip ligt niet op het raster van {horizon.interval_minutes} minuten")
        k_of[idx] = pos
    if naive.any():
        idx = np.flatnonzero(naive)
        secs = rec.seconds[idx]
        d = rec.day_ord[idx] - start_ord
        off = secs % isec != 0
        if off.any():
            i = int(idx[int(np.flatnonzero(off)[0])])
            raise _err(
                rec, i, "time",
                f"tijd {_hhmm(int(rec.seconds[i]))} ligt niet op het raster van {horizon.interval_minutes} minuten",
            )
        slot = secs // isec
        first = lut[d, slot, 0]
        second = lut[d, slot, 1]
        fold = rec.fold[idx].astype(np.int64)
        auto = fold < 0
        if auto.any():
            # Order of appearance per (queue, day, slot): first = fold 0, second = fold 1.
            key = (rec.queue_codes[idx] * days + d) * slots + slot
            order = np.argsort(key, kind="stable")
            ks = key[order]
            run_start = np.r_[True, ks[1:] != ks[:-1]]
            pos_in_run = np.arange(ks.size) - np.maximum.accumulate(np.where(run_start, np.arange(ks.size), 0))
            rank = np.empty_like(pos_in_run)
            rank[order] = pos_in_run
            fold = np.where(auto, rank, fold)
        missing = first < 0
        if missing.any():
            bad = missing
            if rec.lenient_zero:
                bad = missing & (rec.volume[idx] != 0)
            if bad.any():
                i = int(idx[int(np.flatnonzero(bad)[0])])
                day_text = date.fromordinal(int(rec.day_ord[i])).strftime("%d-%m-%Y")
                raise _err(
                    rec, i, "time",
                    f"{day_text} {_hhmm(int(rec.seconds[i]))} bestaat niet "
                    "(zomertijd: de klok springt van 02:00 naar 03:00)",
                )
        k = np.where(fold == 0, first, np.where(fold == 1, second, -1))
        dup = ~missing & (k < 0)
        if rec.lenient_zero:
            dup &= rec.volume[idx] != 0
        if dup.any():
            i = int(idx[int(np.flatnonzero(dup)[0])])
            raise _err(rec, i, "time", _duplicate_reason(rec, i, idx, d, slot))
        k_of[idx] = np.where(missing, -1, k)
    # Every (queue, interval) at most once.
    placed = np.flatnonzero(k_of >= 0)
    key = rec.queue_codes[placed] * horizon.n_intervals + k_of[placed]
    order = np.argsort(key, kind="stable")
    ks = key[order]
    dup_pos = np.flatnonzero(ks[1:] == ks[:-1])
    if dup_pos.size:
        a = int(placed[order[dup_pos[0]]])
        b = int(placed[order[dup_pos[0] + 1]])
        other = rec.where(a, "time")
        raise _err(rec, b, "time", f"dubbel interval: dit interval staat ook op rij {other['row']}")
    return k_of


def _duplicate_reason(rec: _Records, i: int, idx: np.ndarray, d: np.ndarray, slot: np.ndarray) -> str:
    pos = int(np.flatnonzero(idx == i)[0])
    same = np.flatnonzero(
        (rec.queue_codes[idx] == rec.queue_codes[i]) & (d == d[pos]) & (slot == slot[pos])
    )
    first = int(idx[int(same[0])])
    when = f"{date.fromordinal(int(rec.day_ord[i])).strftime('%d-%m-%Y')} {_hhmm(int(rec.seconds[i]))}"
    queue = rec.queue_names[int(rec.queue_codes[i])]
    return f"dubbel interval {when} voor wachtrij '{queue}' (ook op rij {rec.where(first, 'time')['row']})"


def _local_days(rec: _Records, tz: ZoneInfo) -> np.ndarray:
    day = rec.day_ord.copy()
    explicit = np.flatnonzero(~np.isnan(rec.instant))
    if explicit.size:
        cache: dict[float, int] = {}
        for i in explicit.tolist():
            ts = float(rec.instant[i])
            v = cache.get(ts)
            if v is None:
                v = datetime.fromtimestamp(ts, UTC).astimezone(tz).date().toordinal()
                cache[ts] = v
            day[i] = v
    return day


def _build(
    rec: _Records,
    specs: dict[str, _QueueSpec] | None,
    defaults: dict[str, Any],
    *,
    interval_minutes: int | None,
    tz_name: str,
    source: str,
    queue_sheet_label: str | None,
    gaps: str,
) -> Forecast:
    try:
        tz = ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise KcrosterInputError(f"onbekende tijdzone '{tz_name}'") from exc
    notes: list[str] = []
    if rec.volume.size == 0:
        raise KcrosterInputError("bevat geen prognoseregels", file=source)
    # Volume and AHT checks (vectorised; the first bad record is reported).
    bad_aht = (rec.volume > 0) & ~(rec.aht > 0)
    if bad_aht.any():
        i = int(np.flatnonzero(bad_aht)[0])
        a = rec.aht[i]
        what = "ontbreekt" if np.isnan(a) else f"is {a:g}"
        raise _err(rec, i, "aht", f"AHT {what} terwijl het volume {rec.volume[i]:g} is; AHT moet > 0 seconden zijn")
    if (rec.aht > 86400).any():
        i = int(np.flatnonzero(rec.aht > 86400)[0])
        raise _err(rec, i, "aht", f"AHT {rec.aht[i]:g} s is langer dan een dag; AHT staat in seconden")
    too_big = first_volume_too_large(rec.volume)  # issue 23 item 4: the limit lives in staffing
    if too_big is not None:
        raise _err(rec, too_big, "volume", volume_limit_reason(float(rec.volume[too_big])))
    # Queues: sheet order first; unknown forecast queues are an error when a sheet exists.
    if specs is not None:
        for qi, name in enumerate(rec.queue_names):
            if name not in specs:
                i = int(np.flatnonzero(rec.queue_codes == qi)[0])
                raise _err(
                    rec, i, "queue",
                    f"onbekende wachtrij '{name}': staat niet op blad '{queue_sheet_label}'",
                )
        queue_list = list(specs)
        for name in queue_list:
            if name not in rec.queue_names:
                notes.append(
                    f"Wachtrij '{name}' staat op blad '{queue_sheet_label}' maar heeft geen prognose; volume 0."
                )
    else:
        queue_list = list(rec.queue_names)
    remap = np.asarray([queue_list.index(n) for n in rec.queue_names], dtype=np.int64)
    q_of = remap[rec.queue_codes] if rec.queue_codes.size else rec.queue_codes
    rec = replace(rec, queue_codes=q_of, queue_names=queue_list)
    # Horizon: whole local days from the first to the last date.
    day = _local_days(rec, tz)
    naive = np.isnan(rec.instant)
    if interval_minutes is None:
        interval = _infer_interval(rec, naive)
    else:
        if interval_minutes not in (15, 30, 60):
            raise KcrosterInputError(f"intervallengte {interval_minutes} min wordt niet ondersteund (15, 30 of 60)")
        interval = int(interval_minutes)
    _check_mixed_lengths(rec, naive, interval * 60, interval_minutes is not None)
    first_day, last_day = int(day.min()), int(day.max())
    n_days = last_day - first_day + 1
    if n_days > 800:
        raise KcrosterInputError(
            f"de prognose beslaat {n_days} dagen ({date.fromordinal(first_day)} t/m {date.fromordinal(last_day)}); "
            "maximaal ruim twee jaar", file=source,
        )
    horizon = Horizon(start=date.fromordinal(first_day), days=n_days, interval_minutes=interval, tz_name=tz_name)
    rec = replace(rec, day_ord=np.where(naive, rec.day_ord, day))
    k_of = _place(rec, horizon)
    n_q, n_k = len(queue_list), horizon.n_intervals
    volume = np.zeros((n_q, n_k))
    aht = np.zeros((n_q, n_k))
    record_at = np.full((n_q, n_k), -1, dtype=np.int64)  # the record of each cell, -1 = no row
    use = k_of >= 0
    volume[rec.queue_codes[use], k_of[use]] = rec.volume[use]
    a = np.where(np.isnan(rec.aht[use]), 0.0, rec.aht[use])
    aht[rec.queue_codes[use], k_of[use]] = a
    record_at[rec.queue_codes[use], k_of[use]] = np.flatnonzero(use)
    present = record_at >= 0
    if rec.blank is not None:
        present &= ~rec.blank[np.maximum(record_at, 0)]
    # Queue objects.
    queues: list[Queue] = []
    for name in queue_list:
        if specs is not None:
            queues.append(specs[name].queue)
        else:
            queues.append(queue_from_settings(name, defaults)[0])
    open_mask = _open_mask(queues, horizon, volume, notes)
    forecast = Forecast(
        horizon=horizon, queues=queues, volume=volume, aht=aht, open_mask=open_mask, source=source, notes=notes
    )
    # A queue without a single row is already noted above ("heeft geen prognose"), not a gap.
    gap_mask = open_mask & ~present & (record_at >= 0).any(axis=1, keepdims=True)
    if not gap_mask.any():
        return forecast
    report = _locate_gaps(rec, forecast, gap_mask, record_at)
    if gaps == "stop":
        raise ForecastGapsError(report, file=source)
    forecast.notes.append(report)
    return _handle_gaps(forecast, report, gaps)


def _open_mask(queues: list[Queue], horizon: Horizon, volume: np.ndarray, notes: list[str]) -> np.ndarray:
    mask = np.zeros(volume.shape, dtype=bool)
    holidays: set[date] | None = None
    for qi, q in enumerate(queues):
        if q.opening_hours is not None:
            if holidays is None:
                holidays = holiday_dates(horizon)
            mask[qi] = opening_mask(q.opening_hours, horizon, holidays)
            outside = (volume[qi] > 0) & ~mask[qi]
            if outside.any() and q.channel != Channel.EMAIL:
                k = int(np.flatnonzero(outside)[0])
                when = horizon.interval_start(k)
                notes.append(
                    f"Wachtrij '{q.name}': volume in {int(outside.sum())} intervallen buiten de openingstijden "
                    f"(eerste: {when.strftime('%d-%m-%Y %H:%M')}); die intervallen blijven gesloten."
                )
        else:
            for d in range(horizon.days):
                sl = horizon.day_slice(d)
                nz = np.flatnonzero(volume[qi, sl] > 0)
                if nz.size:
                    mask[qi, sl.start + int(nz[0]) : sl.start + int(nz[-1]) + 1] = True
    return mask
