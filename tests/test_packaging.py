"""Packaging inputs: the app icons, the PyInstaller spec and the installer files.

The full PyInstaller build is ``python3 tasks.py package`` (minutes, not a unit test). Here the
icon writers are checked by parsing their output back by the published ICO/ICNS layouts, and the
spec is executed with stand-ins for PyInstaller's build classes to check what it would bundle,
trim and declare on each platform — without PyInstaller installed.
"""

from __future__ import annotations

import importlib.util
import plistlib
import runpy
import struct
import sys
import types
import zlib
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
sys.path.insert(0, str(PACKAGING))

import icons  # noqa: E402


def _load_build_script() -> types.ModuleType:
    # Under its own name: "build" is also the name of PyPA's build frontend.
    spec = importlib.util.spec_from_file_location("kcroster_packaging_build", PACKAGING / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build_script = _load_build_script()


def tiny_png(width: int, height: int, rgb: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    """A valid RGB PNG built from the specification (signature, IHDR, IDAT, IEND)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def parse_ico(data: bytes) -> dict[int, bytes]:
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert (reserved, kind) == (0, 1)
    out = {}
    for i in range(count):
        w, h, colours, res, planes, bpp, size, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        assert (w, colours, res, planes, bpp) == (h, 0, 0, 1, 32)
        assert offset + size <= len(data)
        out[w or 256] = data[offset:offset + size]
    return out


def parse_icns(data: bytes) -> dict[bytes, bytes]:
    assert data[:4] == b"icns"
    (total,) = struct.unpack_from(">I", data, 4)
    assert total == len(data)
    out, pos = {}, 8
    while pos < total:
        kind = data[pos:pos + 4]
        (length,) = struct.unpack_from(">I", data, pos + 4)
        assert length >= 8
        out[kind] = data[pos + 8:pos + length]
        pos += length
    assert pos == total
    return out


@pytest.fixture
def icon_sources(tmp_path: Path) -> dict[int, bytes]:
    pngs = {s: tiny_png(s, s, (s % 256, 40, 90)) for s in (16, 32, 48, 256, 512)}
    for s, data in pngs.items():
        (tmp_path / f"kcroster_{s}.png").write_bytes(data)
    (tmp_path / "kcroster_wide.png").write_bytes(tiny_png(64, 32))  # not square: no icon size
    return pngs


def test_ico_holds_every_size_up_to_256_as_png(tmp_path: Path, icon_sources: dict[int, bytes]) -> None:
    ico, _ = icons.build_icons(tmp_path)
    entries = parse_ico(ico.read_bytes())
    assert entries == {s: d for s, d in icon_sources.items() if s <= 256}
    for size, png in entries.items():
        assert icons.png_size(png) == (size, size)


def test_icns_holds_typed_png_elements_with_retina_variants(tmp_path: Path, icon_sources: dict[int, bytes]) -> None:
    _, icns = icons.build_icons(tmp_path)
    elements = parse_icns(icns.read_bytes())
    # Apple's element types: icp4 16, icp5 32, ic11 16@2x, ic08 256, ic13 128@2x, ic09 512, ic14 256@2x.
    assert elements == {
        b"icp4": icon_sources[16], b"icp5": icon_sources[32], b"ic11": icon_sources[32],
        b"ic08": icon_sources[256], b"ic13": icon_sources[256],
        b"ic09": icon_sources[512], b"ic14": icon_sources[512],
    }


def test_repository_icon_sources_parse_back(tmp_path: Path) -> None:
    for png in icons.ICONS.glob("kcroster*.png"):
        (tmp_path / png.name).write_bytes(png.read_bytes())
    ico, icns = icons.build_icons(tmp_path)
    sources = icons.sources()
    assert {16, 32, 256, 512} <= set(sources)
    assert set(parse_ico(ico.read_bytes())) == {s for s in sources if s <= 256}
    assert parse_icns(icns.read_bytes())[b"ic09"] == sources[512]


def test_png_size_rejects_other_files() -> None:
    assert icons.png_size(tiny_png(48, 20)) == (48, 20)
    with pytest.raises(ValueError):
        icons.png_size(b"GIF89a" + bytes(30))


def test_no_sources_is_a_clear_stop(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="kcroster\\*.png"):
        icons.build_icons(tmp_path)


# --- the spec --------------------------------------------------------------------------------------


class _Recorder:
    calls: dict[str, list[tuple[tuple, dict]]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        _Recorder.calls.setdefault(type(self).__name__, []).append((args, kwargs))
        self.__dict__.update(kwargs)


def _spec_run(monkeypatch: pytest.MonkeyPatch, platform: str, binaries: list | None = None,
              datas: list | None = None) -> tuple[dict[str, Any], dict[str, list]]:
    """Execute kcroster.spec as PyInstaller would, with recording stand-ins for its classes."""
    _Recorder.calls = {}

    class Analysis(_Recorder):
        def __init__(self, scripts: list, **kwargs: Any) -> None:
            super().__init__(scripts, **kwargs)
            self.scripts, self.pure = scripts, []
            self.binaries = list(binaries or [])
            # PyInstaller turns the spec's (source, folder) pairs into (destination, source, kind).
            self.datas = [(f"{dest}/{Path(src).name}", src, "DATA") for src, dest in kwargs["datas"]]
            self.datas += list(datas or [])

    stubs = {name: type(name, (_Recorder,), {}) for name in ("PYZ", "EXE", "COLLECT", "BUNDLE")}
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_submodules = lambda name: [f"{name}.stub"]  # type: ignore[attr-defined]
    hooks.collect_dynamic_libs = lambda name: []  # type: ignore[attr-defined]
    bindepend = types.ModuleType("PyInstaller.depend.bindepend")
    bindepend.get_imports = lambda src: {("libkept.so.1", "/x/libkept.so.1")}  # type: ignore[attr-defined]
    for name in ("PyInstaller", "PyInstaller.utils", "PyInstaller.depend"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    monkeypatch.setitem(sys.modules, "PyInstaller.depend.bindepend", bindepend)
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(sys, "path", list(sys.path))  # the spec prepends the repository root
    monkeypatch.setenv("KCROSTER_VERSION_FILE", "version_info.txt")
    ns = runpy.run_path(str(PACKAGING / "kcroster.spec"), init_globals={
        "SPECPATH": str(PACKAGING), "workpath": "/tmp/unused", "Analysis": Analysis, **stubs})
    return ns, _Recorder.calls


def test_spec_bundles_existing_data_files(monkeypatch: pytest.MonkeyPatch) -> None:
    ns, calls = _spec_run(monkeypatch, "win32")
    (scripts,), analysis = calls["Analysis"][0]
    assert [Path(s) for s in scripts] == [PACKAGING / "entry.py"] and (PACKAGING / "entry.py").is_file()
    datas = analysis["datas"]
    for src, _dest in datas:
        assert Path(src).is_file(), src
    dests = {(Path(src).name, dest) for src, dest in datas}
    assert {("demo_forecast.xlsx", "samples"), ("demo_agents.xlsx", "samples"),
            ("kcroster_en.qm", "resources/i18n"), ("kcroster_256.png", "resources/icons")} <= dests
    assert "PySide6.QtNetwork" in analysis["excludes"] and "pytest" in analysis["excludes"]
    assert "kcroster.stub" in analysis["hiddenimports"]  # every kcroster module (lazy imports)


def test_spec_windows_exe_has_icon_and_version_resource(monkeypatch: pytest.MonkeyPatch) -> None:
    _, calls = _spec_run(monkeypatch, "win32")
    (_, exe), = calls["EXE"]
    assert exe["console"] is False and exe["name"] == "kcroster"
    assert Path(exe["icon"]) == ROOT / "resources" / "icons" / "kcroster.ico"
    assert exe["version"] == "version_info.txt"
    assert "BUNDLE" not in calls


def test_spec_macos_bundle_declares_kcroster_documents(monkeypatch: pytest.MonkeyPatch) -> None:
    from kcroster import __version__

    _, calls = _spec_run(monkeypatch, "darwin")
    (_, bundle), = calls["BUNDLE"]
    assert bundle["bundle_identifier"] == "nl.kcroster.planner"
    assert Path(bundle["icon"]).suffix == ".icns"
    plist = bundle["info_plist"]
    assert plist["CFBundleShortVersionString"] == __version__
    doc, = plist["CFBundleDocumentTypes"]
    uti, = plist["UTExportedTypeDeclarations"]
    assert doc["CFBundleTypeExtensions"] == ["kcroster"]
    assert doc["LSItemContentTypes"] == [uti["UTTypeIdentifier"]]
    assert uti["UTTypeTagSpecification"]["public.filename-extension"] == ["kcroster"]
    plistlib.dumps(plist)  # every value is something an Info.plist can hold


def test_spec_trims_qt_but_keeps_what_the_app_needs(monkeypatch: pytest.MonkeyPatch) -> None:
    qt = "PySide6/Qt"
    binaries = [(f"{qt}/plugins/platforms/{n}", "/src/x", "BINARY") for n in
                ("qwindows.dll", "qoffscreen.dll", "qdirect2d.dll", "qminimal.dll")]
    binaries += [(f"{qt}/plugins/imageformats/{n}", "/src/x", "BINARY") for n in ("qico.dll", "qjpeg.dll", "qsvg.dll")]
    binaries += [(f"{qt}/plugins/generic/qtuiotouchplugin.dll", "/src/x", "BINARY"),
                 ("PySide6/Qt6Network.dll", "/src/x", "BINARY"), ("PySide6/Qt6Widgets.dll", "/src/x", "BINARY")]
    datas = [(f"PySide6/translations/{n}", "/src/x", "DATA") for n in ("qtbase_nl.qm", "qtbase_de.qm", "qt_en.qm")]
    ns, _ = _spec_run(monkeypatch, "win32", binaries, datas)
    a = ns["a"]
    kept = {Path(d).name for d, _s, _k in a.binaries} | {Path(d).name for d, _s, _k in a.datas}
    assert {"qwindows.dll", "qoffscreen.dll", "qico.dll", "qsvg.dll", "Qt6Widgets.dll",
            "qtbase_nl.qm", "qt_en.qm"} <= kept
    assert not kept & {"qdirect2d.dll", "qminimal.dll", "qjpeg.dll", "qtuiotouchplugin.dll", "Qt6Network.dll",
                       "qtbase_de.qm"}


def test_spec_linux_drops_libraries_nothing_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    binaries = [("PySide6/Qt/lib/libQt6Gui.so.6", "/src/a", "BINARY"),
                ("libkept.so.1", "/src/b", "BINARY"), ("libpango-1.0.so.0", "/src/c", "BINARY")]
    ns, _ = _spec_run(monkeypatch, "linux", binaries)
    assert [d for d, _s, _k in ns["a"].binaries] == ["PySide6/Qt/lib/libQt6Gui.so.6", "libkept.so.1"]


# --- build script and installer files --------------------------------------------------------------


def test_version_resource_reads_back(tmp_path: Path) -> None:
    text = build_script.version_resource(tmp_path / "v.txt", "1.4.2rc1").read_text(encoding="utf-8")

    def record(name: str) -> Any:
        return lambda *a, **k: (name, a, k)

    names = ("VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct",
             "VarFileInfo", "VarStruct")
    info = eval(text, {n: record(n) for n in names})  # noqa: S307 - our own generated text
    ffi = info[2]["ffi"][2]
    assert ffi["filevers"] == ffi["prodvers"] == (1, 4, 2, 0)
    string_file_info = info[2]["kids"][0]
    (table,) = string_file_info[1][0]
    assert table[1][0] == "041304B0"  # Dutch (0x0413), Unicode code page 1200 (0x04B0)
    strings = {s[1][0]: s[1][1] for s in table[1][1]}
    assert strings["ProductVersion"] == "1.4.2rc1" and strings["OriginalFilename"] == "kcroster.exe"


def test_installer_files_reference_existing_inputs() -> None:
    iss = (PACKAGING / "kcroster.iss").read_text(encoding="utf-8")
    for line in iss.splitlines():
        if line.startswith("SetupIconFile="):
            assert (PACKAGING / line.split("=", 1)[1].replace("\\", "/")).resolve().is_file()
    assert 'Software\\Classes\\.kcroster' in iss and '--project ""%1""' in iss
    ent = plistlib.loads((PACKAGING / "entitlements.plist").read_bytes())
    assert ent == {"com.apple.security.cs.allow-unsigned-executable-memory": True}
