"""Build the Windows ``.ico`` and macOS ``.icns`` app icons from the PNG sources in resources/.

Both formats may embed PNG images directly, so no imaging library is needed: an ICO is a small
directory of PNG entries, an ICNS a list of typed PNG chunks.
"""

from __future__ import annotations

import struct
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"

ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08", 512: b"ic09", 1024: b"ic10"}


def png_size(data: bytes) -> tuple[int, int]:
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    return struct.unpack(">II", data[16:24])


def sources() -> dict[int, bytes]:
    out = {}
    for p in sorted(ICONS.glob("kcroster*.png")):
        data = p.read_bytes()
        w, h = png_size(data)
        if w == h:
            out[w] = data
    if not out:
        raise SystemExit(f"no square kcroster*.png icon sources in {ICONS}")
    return out


def write_ico(images: dict[int, bytes], path: Path) -> Path:
    sizes = [s for s in sorted(images) if s <= 256]
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = 6 + 16 * len(sizes)
    entries, blobs = b"", b""
    for s in sizes:
        data = images[s]
        dim = 0 if s == 256 else s
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset + len(blobs))
        blobs += data
    path.write_bytes(header + entries + blobs)
    return path


def write_icns(images: dict[int, bytes], path: Path) -> Path:
    chunks = b""
    for s, data in sorted(images.items()):
        kind = ICNS_TYPES.get(s)
        if kind:
            chunks += kind + struct.pack(">I", len(data) + 8) + data
    path.write_bytes(b"icns" + struct.pack(">I", len(chunks) + 8) + chunks)
    return path


def build_icons() -> tuple[Path, Path]:
    images = sources()
    return write_ico(images, ICONS / "kcroster.ico"), write_icns(images, ICONS / "kcroster.icns")


if __name__ == "__main__":
    for p in build_icons():
        print(p)
