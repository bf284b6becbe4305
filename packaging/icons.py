"""Build the Windows ``.ico`` and macOS ``.icns`` app icons from the PNG sources in resources/.

Both formats may embed PNG images directly, so no imaging library is needed: an ICO is a small
directory of PNG entries, an ICNS a list of typed PNG chunks.
"""

from __future__ import annotations

import struct
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"

# PNG-capable ICNS element types per pixel size; the second type of a size is the Retina (@2x)
# variant of half that size, so one 32-pixel PNG serves both 32×32 and 16×16@2x.
ICNS_TYPES: dict[int, tuple[bytes, ...]] = {
    16: (b"icp4",), 32: (b"icp5", b"ic11"), 64: (b"icp6", b"ic12"), 128: (b"ic07",),
    256: (b"ic08", b"ic13"), 512: (b"ic09", b"ic14"), 1024: (b"ic10",),
}
ICO_MAX = 256  # the ICO directory stores sizes in one byte (0 means 256)


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    if data[:8] != PNG_SIGNATURE or data[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    w, h = struct.unpack(">II", data[16:24])
    return int(w), int(h)


def sources(folder: Path = ICONS) -> dict[int, bytes]:
    """The square ``kcroster*.png`` sources in ``folder`` by size."""
    out = {}
    for p in sorted(folder.glob("kcroster*.png")):
        data = p.read_bytes()
        w, h = png_size(data)
        if w == h:
            out[w] = data
    if not out:
        raise SystemExit(f"no square kcroster*.png icon sources in {folder}")
    return out


def write_ico(images: dict[int, bytes], path: Path) -> Path:
    """An ICO with one PNG-compressed entry per size up to 256 (Windows Vista and later)."""
    sizes = [s for s in sorted(images) if s <= ICO_MAX]
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
    """An ICNS file: the magic, the total length, then (type, length, PNG) elements."""
    chunks = b""
    for s, data in sorted(images.items()):
        for kind in ICNS_TYPES.get(s, ()):
            chunks += kind + struct.pack(">I", len(data) + 8) + data
    path.write_bytes(b"icns" + struct.pack(">I", len(chunks) + 8) + chunks)
    return path


def build_icons(folder: Path = ICONS) -> tuple[Path, Path]:
    """Write ``kcroster.ico`` and ``kcroster.icns`` next to the PNG sources in ``folder``."""
    images = sources(folder)
    return write_ico(images, folder / "kcroster.ico"), write_icns(images, folder / "kcroster.icns")


if __name__ == "__main__":
    for p in build_icons():
        print(p)
