"""The one exception type bad planner input turns into.

Importers never let anything else escape: every problem with a file is reported as a
:class:`KcrosterInputError` that names the file, sheet, row and column and says what is wrong,
in words a planner understands.
"""

from __future__ import annotations


class KcrosterInputError(ValueError):
    """Bad input, located as precisely as we can (file, sheet, row, column)."""

    def __init__(
        self,
        reason: str,
        *,
        file: str | None = None,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.reason = reason
        self.file = file
        self.sheet = sheet
        self.row = row
        self.column = column
        super().__init__(self.message)

    @property
    def location(self) -> str:
        parts = []
        if self.file:
            parts.append(f"bestand {self.file}")
        if self.sheet:
            parts.append(f"blad '{self.sheet}'")
        if self.row is not None:
            parts.append(f"rij {self.row}")
        if self.column:
            parts.append(f"kolom '{self.column}'")
        return ", ".join(parts)

    @property
    def message(self) -> str:
        loc = self.location
        return f"{loc}: {self.reason}" if loc else self.reason

    def __str__(self) -> str:
        return self.message
