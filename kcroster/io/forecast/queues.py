"""The queue settings sheet (``Queues``/``Wachtrijen``): one row per queue, blank cells from the
caller's defaults, then the built-in ones (see :mod:`kcroster.io.forecast`)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from kcroster.io.cells import (
    column_label,
    is_blank,
    normalise_header,
    number_from_text,
    resolve_columns,
)
from kcroster.io.forecast.opening_hours import parse_opening_hours
from kcroster.io.table import (
    SheetTable,
)
from kcroster.model.errors import KcrosterInputError
from kcroster.model.queues import Channel, OpeningHours, Queue

QUEUE_SHEETS = ("Queues", "Wachtrijen", "Queue settings", "Wachtrij-instellingen")

QUEUE_COLUMNS: dict[str, tuple[str, ...]] = {
    "queue": ("wachtrij", "naam", "name"),
    "channel": ("kanaal", "type"),
    "sl_percent": ("sl", "sl_%", "sl_pct", "service_level", "servicelevel", "sl_percentage"),
    "sl_seconds": ("sl_sec", "sl_seconden", "service_level_seconds", "binnen_seconden"),
    "asa_seconds": ("asa", "asa_sec", "asa_seconden"),
    "max_occupancy": ("occupancy", "max_occ", "bezettingsgraad", "max_bezettingsgraad"),
    "shrinkage": ("uitval", "derving"),
    "patience_seconds": ("patience", "geduld", "geduld_seconden"),
    "concurrency": ("gelijktijdig", "gelijktijdigheid", "sessies", "sessions"),
    "response_hours": ("response_time", "responstijd", "reactietermijn", "antwoordtermijn"),
    "opening_hours": ("openingstijden", "openingsuren"),
    "aht": ("afhandeltijd", "aht_seconds"),
    "max_abandon": ("max_afhaak", "max_afhaakpercentage", "max_abandon_percent"),
    "min_agents_when_open": ("min_agents", "min_bezetting", "minimale_bezetting"),
}

_SETTING_KEYS = set(QUEUE_COLUMNS) - {"queue"}
_CHANNELS = {
    "voice": Channel.VOICE, "telefonie": Channel.VOICE, "telefoon": Channel.VOICE,
    "phone": Channel.VOICE, "spraak": Channel.VOICE, "inbound": Channel.VOICE,
    "chat": Channel.CHAT, "webchat": Channel.CHAT, "messaging": Channel.CHAT,
    "email": Channel.EMAIL, "e_mail": Channel.EMAIL, "mail": Channel.EMAIL,
}


@dataclass
class _QueueSpec:
    queue: Queue
    aht: float | None = None
    row: int | None = None
    explicit: set[str] = field(default_factory=set)


def _channel(value: Any) -> Channel:
    key = normalise_header(value)
    if key in _CHANNELS:
        return _CHANNELS[key]
    raise ValueError(f"'{value}' is geen kanaal (voice/telefonie, chat of email)")


def _number(value: Any) -> float:
    if isinstance(value, bool):
        raise ValueError(f"'{value}' is geen getal")
    if isinstance(value, (int, float)):
        v = float(value)
    else:
        text = str(value).strip()
        if text.endswith("%"):
            text = text[:-1]
        parsed = number_from_text(text)
        if parsed is None:
            raise ValueError(f"'{value}' is geen getal")
        v = parsed
    if not math.isfinite(v):
        raise ValueError(f"'{value}' is geen eindig getal")
    return v


def _fraction(value: Any, *, what: str, allow_one: bool) -> float:
    """0.30, '30%', 30 → 0.30 (a value above 1 is a percentage)."""
    v = _number(value)
    if v > 1:
        v /= 100.0
    if v < 0 or v > 1 or (v == 1 and not allow_one):
        raise ValueError(f"{what} '{value}' moet tussen 0 en {'100' if allow_one else '<100'} % liggen")
    return v


def _setting_value(key: str, value: Any) -> tuple[str, Any] | list[tuple[str, Any]]:
    """Normalise one queue setting; raises ValueError with a planner-facing reason."""
    if key == "channel":
        return key, value if isinstance(value, Channel) else _channel(value)
    if key == "sl_percent":
        if isinstance(value, str) and "/" in value:
            a, _, b = value.partition("/")
            pct = _number(a)
            secs = _number(b)
            if not (0 < pct < 100) or secs < 0:
                raise ValueError(f"service level '{value}' is ongeldig (bijv. 80/20)")
            return [("sl_percent", pct), ("sl_seconds", secs)]
        v = _number(value)
        if 0 < v <= 1:
            v *= 100.0
        if not (0 < v < 100):
            raise ValueError(f"service level {value} moet tussen 0 en 100 % liggen (100 % is onhaalbaar)")
        return key, v
    if key in ("sl_seconds", "asa_seconds", "patience_seconds", "response_hours", "aht"):
        v = _number(value)
        if v < 0 or (v == 0 and key in ("asa_seconds", "patience_seconds", "response_hours", "aht")):
            raise ValueError(f"{value} moet groter dan 0 zijn")
        return key, v
    if key == "max_occupancy":
        v = _fraction(value, what="maximale bezettingsgraad", allow_one=True)
        if v == 0:
            raise ValueError("maximale bezettingsgraad 0 is onmogelijk")
        return key, v
    if key == "shrinkage":
        return key, _fraction(value, what="shrinkage", allow_one=False)
    if key == "max_abandon":
        return key, _fraction(value, what="maximaal afhaakpercentage", allow_one=False)
    if key in ("concurrency", "min_agents_when_open"):
        v = _number(value)
        if not float(v).is_integer():
            raise ValueError(f"{value} moet een geheel getal zijn")
        iv = int(v)
        if key == "concurrency" and not (1 <= iv <= 6):
            raise ValueError(f"gelijktijdigheid {iv} moet tussen 1 en 6 liggen")
        if iv < 0:
            raise ValueError(f"{iv} is negatief")
        return key, iv
    if key == "opening_hours":
        if isinstance(value, OpeningHours):
            return key, value
        return key, parse_opening_hours(str(value))
    raise ValueError(f"onbekende wachtrij-instelling '{key}'")


def queue_from_settings(name: str, settings: dict[str, Any]) -> tuple[Queue, float | None, set[str]]:
    """Build a :class:`Queue` from already normalised settings; returns (queue, aht, keys set)."""
    values = {k: v for k, v in settings.items() if v is not None}
    channel = values.get("channel", Channel.VOICE)
    kwargs: dict[str, Any] = {"name": name, "channel": channel}
    for k in (
        "sl_percent", "sl_seconds", "asa_seconds", "max_occupancy", "shrinkage", "patience_seconds",
        "concurrency", "response_hours", "opening_hours", "max_abandon", "min_agents_when_open",
    ):
        if k in values:
            kwargs[k] = values[k]
    if channel == Channel.EMAIL and "max_occupancy" not in values:
        kwargs["max_occupancy"] = None  # deferred work: no occupancy cap unless asked
    return Queue(**kwargs), values.get("aht"), set(values)


def _normalise_defaults(queue_defaults: dict[str, Any] | None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in (queue_defaults or {}).items():
        if value is None:
            continue
        if key not in _SETTING_KEYS:
            raise KcrosterInputError(f"onbekende wachtrij-instelling '{key}'")
        try:
            norm = _setting_value(key, value)
        except ValueError as exc:
            raise KcrosterInputError(f"instelling {key}: {exc}") from exc
        for k, v in norm if isinstance(norm, list) else [norm]:
            out[k] = v
    return out


def _read_queue_sheet(table: SheetTable, defaults: dict[str, Any]) -> dict[str, _QueueSpec]:
    if table.n_rows == 0:
        raise KcrosterInputError("blad met wachtrijen is leeg", file=table.file, sheet=table.sheet)
    headers = table.row_values(0)
    cols = resolve_columns(
        headers, QUEUE_COLUMNS, {"queue"}, file=table.file, sheet=table.sheet, row=int(table.row_numbers[0])
    )
    specs: dict[str, _QueueSpec] = {}
    for i in range(1, table.n_rows):
        row_no = int(table.row_numbers[i])
        qcol = cols["queue"]
        name_value = table.value(i, qcol)
        if is_blank(name_value):
            if any(not is_blank(table.value(i, j)) for j in cols.values()):
                raise KcrosterInputError(
                    "naam van de wachtrij ontbreekt", file=table.file, sheet=table.sheet, row=row_no,
                    column=column_label(qcol, headers[qcol]),
                )
            continue
        name = _name_text(name_value)
        if name in specs:
            raise KcrosterInputError(
                f"wachtrij '{name}' staat twee keer op het blad (ook rij {specs[name].row})",
                file=table.file, sheet=table.sheet, row=row_no, column=column_label(qcol, headers[qcol]),
            )
        settings = dict(defaults)
        for key, j in cols.items():
            if key == "queue":
                continue
            value = table.value(i, j)
            if is_blank(value):
                continue
            try:
                norm = _setting_value(key, value)
            except ValueError as exc:
                raise KcrosterInputError(
                    str(exc), file=table.file, sheet=table.sheet, row=row_no, column=column_label(j, headers[j])
                ) from exc
            for k, v in norm if isinstance(norm, list) else [norm]:
                settings[k] = v
        queue, aht, keys = queue_from_settings(name, settings)
        specs[name] = _QueueSpec(queue, aht, row_no, keys)
    if not specs:
        raise KcrosterInputError("blad met wachtrijen bevat geen wachtrijen", file=table.file, sheet=table.sheet)
    return specs


def _name_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
