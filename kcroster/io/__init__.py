"""Excel/CSV import & export and the project store.

Every importer treats its file as untrusted and reports any problem as a
:class:`kcroster.model.KcrosterInputError` naming file, sheet, row and column. There is one
reading path and one writing path.

Reading: safety → rows → typed cells with locations
    :mod:`kcroster.io.xlsx.safety`       the file refused before anything parses it: size,
                                          not an xlsx, encrypted, zip bomb, DTD/entities
    :mod:`kcroster.io.xlsx.reader`       a validated workbook as rows (openpyxl: the small
                                          planner workbooks) or as whole tables
                                          (``WorkbookArchive``: the bulk importers)
    :mod:`kcroster.io.xlsx.fast_reader`  a sheet's XML streamed into a table
                                          (:mod:`~kcroster.io.xlsx.tokenizer` finds the cells)
    :mod:`kcroster.io.csv_reader`        a CSV's rows (encoding and delimiter recognised)
    :mod:`kcroster.io.table`             ``SheetTable`` (column arrays, converted column-wise)
                                          and ``Records`` (rows keyed by column name)
    :mod:`kcroster.io.cells`             cell parsers and ``Loc``: every refusal at its cell

Writing: safety, styles, atomic write
    :mod:`kcroster.io.xlsx.writer`       the formula-injection guard (xlsx and CSV), the shared
                                          header style, styled cells, big sheets straight as
                                          XML, the atomic save of every workbook
    :mod:`kcroster.io.atomic`            temp file beside the target, fsync, replace: every
                                          file kcroster writes

The formats
    :mod:`kcroster.io.forecast`          forecast and queue settings (long, wide, gaps)
    :mod:`kcroster.io.agents`            the agents workbook (agents, leave, wishes,
                                          reintegration, shift rules)
    :mod:`kcroster.io.templates`         the agents and reintegration templates
    :mod:`kcroster.io.wishes`            personal wish workbooks, out and back
    :mod:`kcroster.io.roster_export`     the planner and team workbooks
    :mod:`kcroster.io.roster_import`     an edited planner workbook back
    :mod:`kcroster.io.roster_csv`        the roster as CSV, out and back
    :mod:`kcroster.io.roster_print`      the printed roster's layout (drawn by the GUI)
    :mod:`kcroster.io.staffing_export`   the staffing requirement as CSV or workbook
    :mod:`kcroster.io.store`             the ``.kcroster`` project file (SQLite), autosave, lock
"""
