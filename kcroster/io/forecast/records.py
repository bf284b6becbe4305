"""What the long and the wide format both reduce to before they are put on the horizon."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from kcroster.io.cells import (
    EXCEL_EPOCH,
)
from kcroster.model.errors import KcrosterInputError

_EPOCH_ORD = EXCEL_EPOCH.toordinal()


@dataclass
class _Records:
    """One entry per forecast value; ``where(i, field)`` locates entry ``i`` for messages."""

    queue_names: list[str]
    queue_codes: np.ndarray  # int, index into queue_names
    day_ord: np.ndarray  # int64 proleptic ordinal of the local date
    seconds: np.ndarray  # int64 local seconds since midnight
    fold: np.ndarray  # int8: -1 = by order of appearance, 0/1 explicit
    instant: np.ndarray  # float64 POSIX seconds when the file gave a UTC offset, else NaN
    volume: np.ndarray
    aht: np.ndarray  # NaN = not given
    where: Any  # callable (i, field) -> dict(file, sheet, row, column)
    lenient_zero: bool = False  # wide format: empty cells at non-existent times are ignored
    blank: np.ndarray | None = None  # wide format: the volume cell is empty (volume reads 0)


def _err(records: _Records, i: int, fld: str, reason: str) -> KcrosterInputError:
    return KcrosterInputError(reason, **records.where(int(i), fld))


def _hhmm(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{(seconds // 60) % 60:02d}"
