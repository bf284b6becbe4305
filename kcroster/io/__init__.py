"""Excel/CSV import & export and the project store.

Every importer here treats its file as untrusted: it goes through
:mod:`kcroster.io.workbook` (size, zip-bomb and XML-entity checks, located cell parsing) and
reports any problem as :class:`kcroster.model.KcrosterInputError`.
"""
