"""Damage done to a valid workbook by the importers' fuzz tests (pytest puts this folder on
``sys.path``): one zip member replaced, or a few bytes overwritten."""

from __future__ import annotations

import io
import zipfile


def with_member(workbook: bytes, member: str, content: bytes) -> bytes:
    """The workbook with ``member`` (a part such as ``xl/sharedStrings.xml``) replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(workbook)) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, content if info.filename == member else zin.read(info.filename))
    return out.getvalue()


def corrupted(workbook: bytes, patch: bytes, where: int) -> bytes:
    """The workbook with ``patch`` written over its bytes from ``where`` (modulo its length)."""
    data = bytearray(workbook)
    pos = where % len(data)
    data[pos : pos + len(patch)] = patch
    return bytes(data)
