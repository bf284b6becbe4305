"""Import of the agents workbook: agents, leave, wishes, reintegration plans and shift rules.

The workbook is what a planner (or the template from :mod:`kcroster.io.templates`) brings in
(docs/design.md §6). Sheet and column names may be English or Dutch; matching ignores case, spaces,
hyphens and accents. The first non-empty row of a sheet is its header; empty rows and rows whose
first cell starts with ``#`` (example and comment rows) are skipped. Unknown sheets are ignored.

Sheets
------
``Agents`` / ``Medewerkers`` (required)
    ``id``, ``name``/``naam``, ``contract_hours``/``contracturen`` (per week),
    ``min_hours``/``min_uren`` and ``max_hours``/``max_uren`` (per week; empty → contract ∓ 10 %),
    ``max_days_per_week``/``max_dagen_per_week``, ``skills``/``vaardigheden`` (comma-separated
    queue names), ``earliest_start``/``vroegste_begin``, ``latest_end``/``uiterlijk_einde``,
    ``birth_date``/``geboortedatum`` (under 18 → youth rules). Optional:
    ``max_consecutive_days``/``max_dagen_achtereen``, ``min_consecutive_days``/
    ``min_dagen_achtereen``, ``min_consecutive_days_off``/``min_vrije_dagen_achtereen``,
    ``max_weekends``/``max_weekenden``, ``team``, ``shift_types``/``diensttypen`` (allowed named
    shift types, comma-separated), ``min_hours_total``/``min_uren_periode`` and
    ``max_hours_total``/``max_uren_periode`` (over the whole horizon). A limit cell holding
    ``geen``/``none`` switches that limit off; an empty cell keeps the default.
``Leave`` / ``Afwezigheid``
    ``id``, ``from``/``van``, ``to``/``tot``, ``label``/``omschrijving``. Dates are inclusive
    whole days (``to`` empty → one day); a date-time is exact (local Europe/Amsterdam time). A
    time of exactly 00:00 counts as a plain date, so ``to`` = ``2027-05-07 00:00`` still means
    "up to and including 7 May".
``Wishes`` / ``Wensen``
    ``id``, ``date``/``datum``, ``wish``/``wens``, ``weight``/``gewicht`` (1–3 or
    ``must``/``moet``; empty → 1; a must wish gets weight 3). Wishes: ``off``/``vrij``,
    ``early``/``vroeg``, ``late``/``laat``, ``work``/``werken`` (any shift), a start window
    ``HH:MM-HH:MM``, a named shift type (``dienst Vroeg`` or just ``Midden`` when the name is not
    one of the words above) or ``niet Laat`` / ``not Laat`` (not that shift type).
``Reintegration`` / ``Re-integratie`` (several rows per agent, each in force from its date)
    ``id``, ``from``/``vanaf``, ``max_hours_week``/``max_uren_week``, ``max_hours_day``/
    ``max_uren_dag``, ``days``/``dagen`` (``ma,di,wo``), ``max_days_week``/``max_dagen_week``,
    ``min_rest_days_between``/``min_rustdagen_tussen``, ``window``/``venster`` (``09:00-15:00``),
    ``queues``/``activiteiten``, ``first_sick_day``/``eerste_ziektedag``,
    ``productivity``/``productiviteit`` (0–100 %; ``50``, ``50%`` and ``0,5`` all mean half),
    optional ``max_continuous_minutes``/``max_aaneengesloten_minuten`` and
    ``extra_break_minutes``/``extra_pauze_minuten``. There is no diagnosis field: any other column
    is ignored with a warning and its contents are never read into memory beyond the cell reader.

Shift rules (all optional; any of them present gives :attr:`AgentsData.shift_rules`)
    ``Shifts`` / ``Diensten``: key/value rows with columns ``setting``/``instelling`` and
    ``value``/``waarde``. Keys: ``start_step_minutes``/``starttijd_stap_minuten``,
    ``min_length_minutes``/``min_duur_minuten``, ``max_length_minutes``/``max_duur_minuten``,
    ``length_step_minutes``/``duur_stap_minuten``, ``free_shifts``/``vrije_diensten``
    (ja/nee: build shifts from the grid besides the named types), ``early_start_before``/
    ``vroeg_voor``, ``late_end_after``/``laat_na``, ``forbidden_sequences``/
    ``verboden_volgorde`` (``Laat>Vroeg, Nacht>Vroeg``) and, one row per type,
    ``shift_type``/``diensttype`` with a value like ``Vroeg 07:00-15:30``.
    ``ShiftTypes`` / ``Diensttypen``: ``name``/``naam``, ``start``/``begin``, ``end``/``einde``,
    ``unpopular``/``onpopulair`` (ja/nee), ``color``/``kleur``.
    ``ShiftDemand`` / ``Dienstbehoefte``: ``date``/``datum``, ``shift_type``/``diensttype``,
    ``required``/``nodig``, ``weight_under``/``gewicht_tekort``, ``weight_over``/
    ``gewicht_overschot``.

Errors: every problem found in a workbook is collected; the import raises one
:class:`AgentsWorkbookError` (a :class:`~kcroster.model.KcrosterInputError`) whose message lists up
to 20 of them, each with file, sheet, row and column, and whose ``errors`` holds all of them.
Problems that do not stop the import (a wish outside the horizon, an ignored column) become
``warnings``.

The package
    :mod:`~kcroster.io.agents.columns`   sheet and column names, the words cells may hold
    :mod:`~kcroster.io.agents.values`    cell values read at their location, and written back
    :mod:`~kcroster.io.agents.rows`      one parser a sheet: a record → a model object
    :mod:`~kcroster.io.agents.importer`  the workbook → :class:`AgentsData`
"""

from kcroster.io.agents.columns import SHEET_NAMES
from kcroster.io.agents.importer import (
    AgentsData,
    AgentsWorkbookError,
    apply_to_project,
    load_agents_workbook,
    parse_agents_sheets,
)

__all__ = [
    "SHEET_NAMES",
    "AgentsData",
    "AgentsWorkbookError",
    "apply_to_project",
    "load_agents_workbook",
    "parse_agents_sheets",
]
