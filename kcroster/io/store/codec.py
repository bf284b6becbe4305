"""The JSON codec of the project file, its times as integers and its arrays as blobs.

Why JSON for the small objects: the model dataclasses grow additively (new optional fields with
defaults). The codec is driven by the dataclasses' type hints, ignores unknown keys and leaves
missing keys at their defaults, so an additive model change needs no schema migration.
Roster times are integer microseconds since the epoch plus a time-zone token
(:func:`_dt_to_us`, :func:`_tz_token`); forecast arrays are ``.npy`` bytes + zlib, inflated
never beyond what the forecast can need (:func:`_blob_to_array`).
"""

from __future__ import annotations

import dataclasses
import io
import json
import types
import typing
import zlib
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta, timezone
from enum import Enum
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np

__all__ = ["decode_value", "encode_value"]

_MAX_ARRAY_BYTES = 512 * 2**20
"""No forecast array inflates beyond this, whatever its horizon claims (two years of 5-minute
intervals for 50 queues is 84 MB)."""

# ============================================================================================
# Generic, type-hint driven JSON codec for the model dataclasses
# ============================================================================================

_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    h = _HINTS.get(cls)
    if h is None:
        h = typing.get_type_hints(cls)
        _HINTS[cls] = h
    return h


def _tz_token(tz: Any) -> str:
    """A text that recreates ``tz``: a zoneinfo key, ``±HH:MM[:SS]`` for fixed offsets, ``''`` naive."""
    if tz is None:
        return ""
    if isinstance(tz, ZoneInfo) and tz.key:
        return tz.key
    off = tz.utcoffset(None)
    if off is None:  # pragma: no cover - exotic tzinfo
        raise TypeError(f"tijdzone {tz!r} kan niet worden opgeslagen")
    secs = int(off.total_seconds())
    sign = "-" if secs < 0 else "+"
    secs = abs(secs)
    tok = f"{sign}{secs // 3600:02d}:{secs // 60 % 60:02d}"
    if secs % 60:
        tok += f":{secs % 60:02d}"
    return tok


_TZ_CACHE: dict[str, Any] = {}


def _tz_from_token(tok: str) -> Any:
    tz = _TZ_CACHE.get(tok)
    if tz is not None or tok == "":
        return tz
    if tok[0] in "+-":
        parts = [int(p) for p in tok[1:].split(":")]
        secs = parts[0] * 3600 + parts[1] * 60 + (parts[2] if len(parts) > 2 else 0)
        tz = UTC if secs == 0 else timezone(timedelta(seconds=-secs if tok[0] == "-" else secs))
    else:
        tz = ZoneInfo(tok)
    _TZ_CACHE[tok] = tz
    return tz


_EPOCH_NAIVE = datetime(1970, 1, 1)


def _dt_to_us(dt: datetime) -> int:
    """Microseconds since the epoch (UTC for aware datetimes, wall clock for naive ones)."""
    if dt.tzinfo is None:
        return (dt - _EPOCH_NAIVE) // timedelta(microseconds=1)
    if dt.microsecond:
        return int(dt.replace(microsecond=0).timestamp()) * 1_000_000 + dt.microsecond
    return int(dt.timestamp()) * 1_000_000


def _dt_from_us(us: int, tok: str) -> datetime:
    if tok == "":
        return _EPOCH_NAIVE + timedelta(microseconds=us)
    secs, micro = divmod(us, 1_000_000)
    dt = datetime.fromtimestamp(secs, _tz_from_token(tok))
    return dt.replace(microsecond=micro) if micro else dt


def _encode_datetime(dt: datetime) -> str:
    # The ISO text keeps the file readable; the zone key (if any) restores the exact tzinfo.
    tok = _tz_token(dt.tzinfo)
    iso = dt.isoformat()
    return f"{iso}[{tok}]" if dt.tzinfo is not None and tok[:1] not in "+-" else iso


def _decode_datetime(text: str) -> datetime:
    if text.endswith("]"):
        iso, _, tok = text[:-1].partition("[")
        return datetime.fromisoformat(iso).astimezone(_tz_from_token(tok))
    return datetime.fromisoformat(text)


def _is_dataclass_type(tp: Any) -> bool:
    return isinstance(tp, type) and dataclasses.is_dataclass(tp)


def _encode_time(value: time) -> str:
    if value.tzinfo is not None:
        raise TypeError("tijd met tijdzone wordt niet ondersteund")
    return value.isoformat()


# The plain types: how each is written to JSON and read back.
_SCALARS: dict[Any, tuple[Callable[[Any], Any], Callable[[Any], Any]]] = {
    bool: (bool, bool),
    int: (int, int),
    float: (float, float),
    str: (str, str),
    datetime: (_encode_datetime, _decode_datetime),
    date: (lambda v: v.isoformat(), date.fromisoformat),
    time: (_encode_time, time.fromisoformat),
}


def encode_value(value: Any, tp: Any) -> Any:
    """Turn ``value`` of (annotated) type ``tp`` into plain JSON data.

    Supported: ``None``, ``bool``, ``int``, ``float``, ``str``, ``StrEnum``/``Enum``, ``date``,
    ``time``, ``datetime``, ``X | None``, ``list[X]``, ``tuple[X, ...]``, ``tuple[X, Y]``,
    ``set[X]``/``frozenset[X]`` (sorted), ``dict[K, V]`` (JSON object for ``str`` keys, else a
    list of pairs so key types survive), nested dataclasses and ``object`` (plain JSON as is).
    Anything else raises ``TypeError`` — deliberately, so a new model field of an unsupported
    type fails the round-trip tests instead of silently losing data.
    """
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) != 1:
            raise TypeError(f"union {tp} wordt niet ondersteund")
        return encode_value(value, args[0])
    if tp is Any or tp is object:
        json.dumps(value)  # must already be plain JSON
        return value
    if _is_dataclass_type(tp):
        hints = _hints(tp)
        return {f.name: encode_value(getattr(value, f.name), hints[f.name]) for f in dataclasses.fields(tp)}
    if isinstance(tp, type) and issubclass(tp, Enum):
        return value.value
    scalar = _SCALARS.get(tp) if tp.__class__ is type else None  # a plain class, not list[X]
    if scalar is not None:
        return scalar[0](value)
    if origin in (list, tuple, set, frozenset):
        items_t = typing.get_args(tp)
        if origin is tuple and not (len(items_t) == 2 and items_t[1] is Ellipsis):
            if len(value) != len(items_t):
                raise TypeError(f"tuple {value!r} past niet bij {tp}")
            return [encode_value(v, a) for v, a in zip(value, items_t, strict=True)]
        item = items_t[0] if items_t else Any
        out = [encode_value(v, item) for v in value]
        if origin in (set, frozenset):
            out.sort(key=lambda x: json.dumps(x, sort_keys=True))
        return out
    if origin is dict:
        kt, vt = typing.get_args(tp) or (Any, Any)
        if kt is str:
            return {str(k): encode_value(v, vt) for k, v in value.items()}
        return [[encode_value(k, kt), encode_value(v, vt)] for k, v in value.items()]
    raise TypeError(f"type {tp} wordt niet ondersteund door de projectopslag")


def decode_value(data: Any, tp: Any) -> Any:
    """Inverse of :func:`encode_value`."""
    if data is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return decode_value(data, args[0])
    if tp is Any or tp is object:
        return data
    if _is_dataclass_type(tp):
        hints = _hints(tp)
        kwargs = {}
        for f in dataclasses.fields(tp):
            if f.init and f.name in data:
                kwargs[f.name] = decode_value(data[f.name], hints[f.name])
        return tp(**kwargs)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return tp(data)
    scalar = _SCALARS.get(tp) if tp.__class__ is type else None  # a plain class, not list[X]
    if scalar is not None:
        return scalar[1](data)
    if origin in (list, tuple, set, frozenset):
        items_t = typing.get_args(tp)
        if origin is tuple and not (len(items_t) == 2 and items_t[1] is Ellipsis):
            return tuple(decode_value(v, a) for v, a in zip(data, items_t, strict=True))
        item = items_t[0] if items_t else Any
        items = [decode_value(v, item) for v in data]
        return origin(items) if origin is not list else items
    if origin is dict:
        kt, vt = typing.get_args(tp) or (Any, Any)
        if kt is str:
            return {k: decode_value(v, vt) for k, v in data.items()}
        return {decode_value(k, kt): decode_value(v, vt) for k, v in data}
    raise TypeError(f"type {tp} wordt niet ondersteund door de projectopslag")


def _to_json(value: Any, tp: Any) -> str:
    return json.dumps(encode_value(value, tp), ensure_ascii=False, separators=(",", ":"))


def _from_json(text: str | None, tp: Any) -> Any:
    return None if text is None else decode_value(json.loads(text), tp)


# ============================================================================================
# Arrays
# ============================================================================================


def _array_to_blob(arr: np.ndarray | None) -> bytes | None:
    if arr is None:
        return None
    buf = io.BytesIO()
    np.save(buf, np.ascontiguousarray(arr), allow_pickle=False)
    return zlib.compress(buf.getvalue(), 1)


class _Damaged(ValueError):
    """Content of a project file that cannot be right; load_project names the file."""


def _blob_to_array(blob: bytes | None, max_bytes: int = _MAX_ARRAY_BYTES,
                   what: str = "gegevens") -> np.ndarray | None:
    """Inflate a compressed ``.npy`` blob, never to more than ``max_bytes`` (issue 23 item 14).

    A decompression bomb (a few MB of zlib that claim gigabytes) is refused after at most
    ``max_bytes`` were produced, instead of after the whole inflation: streaming with a cap
    keeps memory and time bounded by what a real forecast of that size needs.
    """
    if blob is None:
        return None
    d = zlib.decompressobj()
    raw = d.decompress(blob, max_bytes + 1)
    if len(raw) > max_bytes or d.unconsumed_tail:
        mb = f"{max_bytes / 2**20:.1f}".replace(".", ",")
        raise _Damaged(f"{what} zijn uitgepakt groter dan de {mb} MB die het project kan bevatten "
                       "(mogelijk een gemanipuleerd bestand)")
    if not d.eof:
        raise _Damaged(f"{what} zijn afgekapt")
    return np.load(io.BytesIO(raw), allow_pickle=False)

