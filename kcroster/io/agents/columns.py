"""The agents workbook's vocabulary: sheet and column names (canonical name first, then the
aliases; matching normalises both sides), settings, and the words cells may hold."""

from __future__ import annotations

from kcroster.model import WishKind
from kcroster.model.timegrid import WEEKDAYS_EN, WEEKDAYS_NL

MAX_LISTED_ERRORS = 20
PRIVACY_WARNING = "kolom '{column}' genegeerd: kcroster slaat geen medische gegevens op"

SHEET_NAMES: dict[str, tuple[str, ...]] = {
    "agents": ("Agents", "Medewerkers", "Agenten"),
    "leave": ("Leave", "Afwezigheid", "Verlof"),
    "wishes": ("Wishes", "Wensen"),
    "reintegration": ("Reintegration", "Re-integratie", "Reintegratie"),
    "shifts": ("Shifts", "Diensten", "Dienstregels"),
    "shift_types": ("ShiftTypes", "Shift types", "Diensttypen", "Diensttypes"),
    "shift_demand": ("ShiftDemand", "Shift demand", "Dienstbehoefte", "Diensten per dag"),
}

AGENT_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "agent_id", "medewerker_id", "personeelsnummer", "nr"),
    "name": ("name", "naam"),
    "contract_hours": ("contract_hours", "contracturen", "contract", "uren_per_week"),
    "min_hours": ("min_hours", "min_uren", "minimum_uren"),
    "max_hours": ("max_hours", "max_uren", "maximum_uren"),
    "max_days_per_week": ("max_days_per_week", "max_dagen_per_week", "max_dagen", "max_days"),
    "skills": ("skills", "vaardigheden", "wachtrijen", "queues"),
    "earliest_start": ("earliest_start", "vroegste_begin", "vroegste_start", "beschikbaar_vanaf"),
    "latest_end": ("latest_end", "uiterlijk_einde", "laatste_einde", "beschikbaar_tot"),
    "birth_date": ("birth_date", "geboortedatum", "date_of_birth"),
    "max_consecutive_days": ("max_consecutive_days", "max_dagen_achtereen", "max_aaneengesloten_dagen"),
    "min_consecutive_days": ("min_consecutive_days", "min_dagen_achtereen", "min_aaneengesloten_dagen"),
    "min_consecutive_days_off": (
        "min_consecutive_days_off", "min_vrije_dagen_achtereen", "min_aaneengesloten_vrije_dagen",
    ),
    "max_weekends": ("max_weekends", "max_weekenden", "max_weekends_worked"),
    "team": ("team",),
    "max_shifts_per_type": ("max_shifts_per_type", "max_per_diensttype", "max_diensten_per_type"),
    "shift_types": ("shift_types", "allowed_shift_types", "diensttypen", "toegestane_diensten"),
    "min_hours_total": ("min_hours_total", "min_uren_periode", "min_uren_totaal"),
    "max_hours_total": ("max_hours_total", "max_uren_periode", "max_uren_totaal"),
}
LEAVE_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": AGENT_COLUMNS["id"],
    "from": ("from", "van", "vanaf", "begin", "start"),
    "to": ("to", "tot", "tot_en_met", "t_m", "tm", "einde", "end", "until"),
    "label": ("label", "omschrijving", "soort", "type"),
}
WISH_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": AGENT_COLUMNS["id"],
    "date": ("date", "datum", "dag", "day"),
    "wish": ("wish", "wens"),
    "weight": ("weight", "gewicht", "prioriteit", "priority"),
}
REINTEGRATION_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": AGENT_COLUMNS["id"],
    "from": ("from", "van", "vanaf", "per", "ingangsdatum", "from_date"),
    "max_hours_week": ("max_hours_week", "max_uren_week", "max_uren_per_week"),
    "max_hours_day": ("max_hours_day", "max_uren_dag", "max_uren_per_dag"),
    "days": ("days", "dagen", "werkdagen", "weekdays"),
    "max_days_week": ("max_days_week", "max_dagen_week", "max_dagen_per_week"),
    "min_rest_days_between": ("min_rest_days_between", "min_rustdagen_tussen", "rustdagen_tussen"),
    "window": ("window", "venster", "tijdvenster"),
    "queues": ("queues", "activiteiten", "wachtrijen", "activities"),
    "first_sick_day": ("first_sick_day", "eerste_ziektedag"),
    "productivity": ("productivity", "productiviteit"),
    "max_continuous_minutes": ("max_continuous_minutes", "max_aaneengesloten_minuten"),
    "extra_break_minutes": ("extra_break_minutes", "extra_pauze_minuten"),
}
SETTING_COLUMNS: dict[str, tuple[str, ...]] = {
    "setting": ("setting", "instelling", "key", "naam", "name"),
    "value": ("value", "waarde"),
    "help": ("help", "uitleg", "toelichting"),  # read past, never used
}
SETTING_KEYS: dict[str, tuple[str, ...]] = {
    "start_step_minutes": ("start_step_minutes", "starttijd_stap_minuten", "start_stap_minuten"),
    "min_length_minutes": ("min_length_minutes", "min_duur_minuten", "minimale_duur_minuten"),
    "max_length_minutes": ("max_length_minutes", "max_duur_minuten", "maximale_duur_minuten"),
    "length_step_minutes": ("length_step_minutes", "duur_stap_minuten"),
    "use_templates": ("free_shifts", "use_templates", "vrije_diensten"),
    "early_start_before": ("early_start_before", "vroeg_voor"),
    "late_end_after": ("late_end_after", "laat_na"),
    "forbidden_sequences": ("forbidden_sequences", "verboden_volgorde", "verboden_volgordes"),
    "break_minutes_short": ("break_part_minutes", "pauzedeel_minuten", "break_minutes_short"),
    "max_paid_hours_per_day": ("max_paid_hours_per_day", "max_betaalde_uren_per_dag"),
    "shift_type": ("shift_type", "diensttype", "dienst"),
}
SHIFT_TYPE_COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("name", "naam", "dienst", "diensttype"),
    "start": ("start", "begin", "van"),
    "end": ("end", "einde", "eind", "tot"),
    "unpopular": ("unpopular", "onpopulair", "impopulair"),
    "color": ("color", "colour", "kleur"),
}
SHIFT_DEMAND_COLUMNS: dict[str, tuple[str, ...]] = {
    "date": ("date", "datum"),
    "shift_type": ("shift_type", "diensttype", "dienst"),
    "required": ("required", "nodig", "aantal", "bezetting"),
    "weight_under": ("weight_under", "gewicht_tekort", "boete_tekort"),
    "weight_over": ("weight_over", "gewicht_overschot", "boete_overschot"),
}

WISH_WORDS: dict[str, WishKind] = {
    "off": WishKind.OFF, "vrij": WishKind.OFF, "day off": WishKind.OFF, "vrije dag": WishKind.OFF,
    "early": WishKind.EARLY, "vroeg": WishKind.EARLY, "vroege dienst": WishKind.EARLY,
    "late": WishKind.LATE, "laat": WishKind.LATE, "late dienst": WishKind.LATE,
    "work": WishKind.WORK, "werken": WishKind.WORK, "werk": WishKind.WORK,
}
MUST_WORDS = {"must", "moet", "verplicht"}
NONE_WORDS = {"geen", "none", "nee", "no", "-", "onbeperkt", "unlimited"}
WEEKDAY_WORDS: dict[str, int] = {}
for _i, (_nl, _en) in enumerate(zip(WEEKDAYS_NL, WEEKDAYS_EN, strict=True)):
    WEEKDAY_WORDS[_nl] = _i
    WEEKDAY_WORDS[_en] = _i
for _i, _full in enumerate(
    ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
):
    WEEKDAY_WORDS[_full] = _i
for _i, _full in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
):
    WEEKDAY_WORDS[_full] = _i

