"""Import a forecast (volume and AHT per queue × interval) and its queue settings.

Accepted input (docs/design.md §6):

* **Long format** — a sheet (preferably named ``Forecast``/``Prognose``) or a CSV with columns
  ``date, time, queue, volume, aht`` (Dutch: ``datum, tijd, wachtrij, volume|aanbod,
  aht|afhandeltijd``); ``aht`` in seconds, ``time`` the local start of the interval. Instead of
  ``date`` + ``time`` a ``datetime`` column (or ISO text in ``time``) may carry both, optionally
  with a UTC offset (``2026-10-25T02:15+01:00``) which pins the repeated autumn hour.
  Without an offset the first row for a repeated local time (02:00–02:59 on the autumn DST day)
  is the summer-time interval (fold 0), the second the winter-time one (fold 1).
* **Wide format** — one sheet per queue (sheet name = queue): first row ``tijd`` + dates, first
  column times of day, volumes in the cells (an empty cell is a missing value, not 0). AHT on a
  sheet ``<queue> AHT`` of the same shape, or one value in column ``aht`` of the Queues sheet.
  On the autumn DST day a time row may appear twice (second = winter time); cells of times that
  do not exist must be empty.
  A CSV in this layout is read as one queue named after the file.
* **Queue settings** — sheet ``Queues`` (alias ``Wachtrijen``), one row per queue; only
  ``queue`` is required (see :data:`QUEUE_COLUMNS`). Blank cells take the caller's
  ``queue_defaults`` (the CLI options), then the built-in defaults: voice, 80/20, no ASA target,
  occupancy cap 0.85 (voice/chat; none for e-mail), shrinkage 0.30, no patience (Erlang C),
  concurrency 1, response 24 h, opening hours from the forecast. Percentages may be written
  as ``80``, ``80%`` or ``0,8`` (a value ≤ 1 is a fraction); ``sl`` may be written ``80/20``.

Decisions
    * A queue in the forecast that is missing from an existing Queues sheet is an error (the
      planner must say what its targets are); a Queues row without forecast data is kept with
      zero volume and reported in ``Forecast.notes`` (the queue may simply be quiet).
    * An interval outside opening hours without a row has volume 0. One *inside* opening hours
      without a value (no row in long format; an empty cell, or a missing time or date, in wide
      format) is a gap, not a zero (an explicit 0 is kept): every gap is listed in a
      :class:`GapReport` note (queue, date, time, where in the file) and the ``gaps`` choice of
      :func:`load_forecast` fills it — ``interpolate`` (default, see
      :func:`apply_gap_policy`), ``zero`` — or stops the import (``stop``). A queue without any
      row is not a gap (it has its own note).
    * The interval length is inferred from the times (15, 30 or 60 min) unless given; a day of
      a queue with ≥ 8 rows on a coarser grid than the rest is "mixed interval lengths".
    * ``open_mask``: from the queue's opening hours when given (public holidays from the
      ``holidays`` package, NL; on a holiday the ``feestdag`` rule applies, closed by default);
      otherwise each queue-day is open from its first to its last interval with volume > 0.
      Volume outside the opening hours of a voice/chat queue is reported in the notes (e-mail
      arrives around the clock, so not for e-mail).

Opening hours text (:func:`parse_opening_hours`)
    Parts separated by ``;`` or new lines: ``<days> <windows>`` or ``<days> gesloten``.
    Days: ``ma di wo do vr za zo`` / ``mon tue wed thu fri sat sun`` (also full names), ranges
    ``ma-vr``, lists ``ma,wo,vr``, ``dagelijks``/``daily``, and ``feestdag``/``holiday`` for
    public holidays. Windows: ``08:00-20:00`` (``24:00`` allowed as end), several separated by
    commas. ``24/7`` means always open, holidays included. Days not mentioned are closed.
    Example: ``ma-vr 08:00-20:00; za 09:00-17:00; feestdag gesloten``.

Every problem raises :class:`~kcroster.model.KcrosterInputError` naming file, sheet, row and
column; nothing else escapes :func:`load_forecast`.

The package
    :mod:`~kcroster.io.forecast.load`           which sheets hold what; the entry point
    :mod:`~kcroster.io.forecast.long`           the long format
    :mod:`~kcroster.io.forecast.wide`           the wide format
    :mod:`~kcroster.io.forecast.queues`         the queue settings sheet
    :mod:`~kcroster.io.forecast.opening_hours`  opening hours text and the open intervals
    :mod:`~kcroster.io.forecast.records`        what both formats reduce to
    :mod:`~kcroster.io.forecast.grid`           the records on the horizon: the Forecast
    :mod:`~kcroster.io.forecast.gaps`           missing values inside opening hours
"""

from kcroster.io.forecast.gaps import (
    DEFAULT_GAP_POLICY,
    GAP_POLICIES,
    ForecastGap,
    ForecastGapsError,
    GapReport,
    apply_gap_policy,
    gap_report,
)
from kcroster.io.forecast.load import FORECAST_SHEETS, load_forecast
from kcroster.io.forecast.long import LONG_COLUMNS
from kcroster.io.forecast.opening_hours import holiday_dates, opening_mask, parse_opening_hours
from kcroster.io.forecast.queues import QUEUE_COLUMNS, QUEUE_SHEETS, queue_from_settings

__all__ = [
    "DEFAULT_GAP_POLICY",
    "FORECAST_SHEETS",
    "GAP_POLICIES",
    "LONG_COLUMNS",
    "QUEUE_COLUMNS",
    "QUEUE_SHEETS",
    "ForecastGap",
    "ForecastGapsError",
    "GapReport",
    "apply_gap_policy",
    "gap_report",
    "holiday_dates",
    "load_forecast",
    "opening_mask",
    "parse_opening_hours",
    "queue_from_settings",
]
