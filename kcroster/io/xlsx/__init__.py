"""Excel workbooks, in and out: the reading path's first two stages and the writing path.

    :mod:`~kcroster.io.xlsx.safety`       refuse a file before anything parses it
    :mod:`~kcroster.io.xlsx.reader`       a validated workbook's sheets as rows (openpyxl) or
                                           as whole tables (:class:`WorkbookArchive`)
    :mod:`~kcroster.io.xlsx.fast_reader`  a sheet's XML, streamed, into a table
    :mod:`~kcroster.io.xlsx.tokenizer`    the fast reader's two tokenizers (array and regex)
    :mod:`~kcroster.io.xlsx.writer`       the formula-injection guard, styles, big sheets and
                                           the atomic save of every export

The reading path ends in :mod:`kcroster.io.cells` and :mod:`kcroster.io.table` (typed cells
that know where they stand); see :mod:`kcroster.io`.
"""

from kcroster.io.xlsx.reader import (
    WorkbookArchive,
    find_sheet,
    iter_sheet_rows,
    open_workbook,
    open_workbook_archive,
    read_workbook_rows,
)
from kcroster.io.xlsx.safety import defusedxml_active
from kcroster.io.xlsx.writer import safe_cell_text, save_workbook, set_cell_safe

__all__ = [
    "WorkbookArchive",
    "defusedxml_active",
    "find_sheet",
    "iter_sheet_rows",
    "open_workbook",
    "open_workbook_archive",
    "read_workbook_rows",
    "safe_cell_text",
    "save_workbook",
    "set_cell_safe",
]
