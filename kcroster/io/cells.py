"""Cells: what a value read from a sheet means, and where it stands.

:class:`Loc` is where a cell is (file, sheet, row, column) and makes the located
:class:`~kcroster.model.KcrosterInputError` for it; :func:`cell_text` is a cell's text as the
planner typed it (an id typed as a number loses its ``.0``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from kcroster.model.errors import KcrosterInputError

__all__ = ["Loc", "cell_text"]


def cell_text(value: object) -> str:
    """Text of a cell; whole floats lose their ``.0`` (ids typed as numbers)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    return str(value).strip()


@dataclass
class Loc:
    """Where a cell is, for messages."""

    file: str | None
    sheet: str | None
    row: int | None
    column: str | None

    @property
    def kw(self) -> dict[str, Any]:
        return {"file": self.file, "sheet": self.sheet, "row": self.row, "column": self.column}

    def error(self, reason: str) -> KcrosterInputError:
        return KcrosterInputError(reason, **self.kw)

