"""Build the frozen kcroster app for this platform, self-test it and wrap it in an installer.

    python3 tasks.py package                  (creates .venv, installs PyInstaller, runs this)
    python packaging/build.py [--no-installer] [--installer-only] [--skip-self-test]

Steps: app icons (.ico/.icns) from the PNG sources, a Windows version resource from the package
version, PyInstaller with ``packaging/kcroster.spec`` (one folder, windowed), the frozen app's
``--self-test`` offscreen, then the installer: Windows ``dist/kcroster-<version>-setup.exe``
(Inno Setup, ``packaging/kcroster.iss``, when ``iscc`` is installed), macOS
``dist/kcroster-<version>.dmg`` (``hdiutil``). Linux gets the folder only. Prints the bundle size
with its biggest parts, the build time and the self-test time; exits non-zero when a step fails.

``--installer-only`` lets CI sign the app between building and packing it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
sys.path.insert(0, str(ROOT))

from kcroster import __version__  # noqa: E402

sys.path.insert(0, str(ROOT / "packaging"))
from icons import build_icons  # noqa: E402


def version_tuple(version: str = __version__) -> tuple[int, int, int, int]:
    """``0.1.0`` → ``(0, 1, 0, 0)``; pre-release suffixes (``1.2.0rc1``) keep their number part."""
    parts: list[int] = []
    for p in version.split(".")[:4]:
        lead = p[: len(p) - len(p.lstrip("0123456789"))]
        parts.append(int(lead or 0))
    a, b, c, d = (parts + [0, 0, 0, 0])[:4]
    return a, b, c, d


def version_resource(path: Path, version: str = __version__) -> Path:
    """The Windows version resource (PyInstaller's text format), Dutch string table."""
    tup = version_tuple(version)
    path.write_text(f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={tup}, prodvers={tup}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[StringFileInfo([StringTable('041304B0', [
      StringStruct('CompanyName', 'kcroster'),
      StringStruct('FileDescription', 'kcroster personeelsplanning'),
      StringStruct('FileVersion', '{version}'),
      StringStruct('InternalName', 'kcroster'),
      StringStruct('LegalCopyright', 'Apache-2.0'),
      StringStruct('OriginalFilename', 'kcroster.exe'),
      StringStruct('ProductName', 'kcroster'),
      StringStruct('ProductVersion', '{version}')])]),
    VarFileInfo([VarStruct('Translation', [0x0413, 1200])])]
)
""", encoding="utf-8")
    return path


def dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def size_report(bundle: Path, top: int = 8) -> str:
    """Total size and the biggest parts (first two folder levels below the app's library folder)."""
    internal = next((p for p in (bundle / "_internal", bundle / "Contents" / "Frameworks") if p.is_dir()), bundle)
    parts: dict[str, int] = {}
    for f in internal.rglob("*"):
        if f.is_file() and not f.is_symlink():
            rel = f.relative_to(internal).parts
            key = "/".join(rel[:2]) if len(rel) > 2 else (rel[0] if len(rel) > 1 else "(losse bibliotheken)")
            parts[key] = parts.get(key, 0) + f.stat().st_size
    lines = [f"bundle: {bundle} = {dir_size(bundle) / 2**20:.1f} MiB"]
    for key, size in sorted(parts.items(), key=lambda kv: -kv[1])[:top]:
        lines.append(f"  {size / 2**20:7.1f} MiB  {key}")
    return "\n".join(lines)


def bundle_paths() -> tuple[Path, Path]:
    bundle = DIST / ("kcroster.app" if sys.platform == "darwin" else "kcroster")
    exe = {"win32": bundle / "kcroster.exe", "darwin": bundle / "Contents" / "MacOS" / "kcroster"}.get(
        sys.platform, bundle / "kcroster")
    return bundle, exe


def pyinstaller() -> int:
    WORK.mkdir(parents=True, exist_ok=True)
    build_icons()
    env = dict(os.environ, KCROSTER_VERSION_FILE=str(version_resource(WORK / "version_info.txt")))
    return subprocess.call([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
                            "--workpath", str(WORK), "--distpath", str(DIST),
                            str(ROOT / "packaging" / "kcroster.spec")], cwd=ROOT, env=env)


def self_test(exe: Path) -> int:
    """Run the frozen app's self-test offscreen; its report file also works for a windowed .exe."""
    report = WORK / "selftest.txt"
    report.unlink(missing_ok=True)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    code = subprocess.call([str(exe), "--self-test", "--self-test-report", str(report)], env=env,
                           stdout=subprocess.DEVNULL if sys.platform == "win32" else None)
    if sys.platform == "win32" and report.exists():
        print(report.read_text(encoding="utf-8"), end="")
    if code == 0 and not report.exists():
        print("self-test: no report written", file=sys.stderr)
        return 1
    return code


def installer(bundle: Path) -> Path | None:
    """The platform's installer around ``bundle``; None when this platform has none (Linux)."""
    if sys.platform == "win32":
        iscc = shutil.which("iscc") or next(
            (str(p) for p in (Path(os.environ.get("ProgramFiles(x86)", "C:/Program Files (x86)")) / "Inno Setup 6"
                              / "ISCC.exe",) if p.exists()), None)
        if iscc is None:
            raise RuntimeError("Inno Setup (iscc) niet gevonden: installeer Inno Setup 6 of gebruik --no-installer")
        subprocess.run([iscc, f"/DAppVersion={__version__}", f"/DSourceDir={bundle}", f"/DOutputDir={DIST}",
                        str(ROOT / "packaging" / "kcroster.iss")], check=True)
        return DIST / f"kcroster-{__version__}-setup.exe"
    if sys.platform == "darwin":
        dmg = DIST / f"kcroster-{__version__}.dmg"
        dmg.unlink(missing_ok=True)
        stage = WORK / "dmg"
        shutil.rmtree(stage, ignore_errors=True)
        stage.mkdir(parents=True)
        shutil.copytree(bundle, stage / bundle.name, symlinks=True)
        (stage / "Applications").symlink_to("/Applications")  # drag-to-install
        subprocess.run(["hdiutil", "create", "-volname", f"kcroster {__version__}", "-srcfolder", str(stage),
                        "-format", "UDZO", "-ov", str(dmg)], check=True)
        return dmg
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-installer", action="store_true", help="build and self-test only")
    ap.add_argument("--installer-only", action="store_true", help="wrap an existing (signed) bundle")
    ap.add_argument("--skip-self-test", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    bundle, exe = bundle_paths()
    if not args.installer_only:
        t0 = time.perf_counter()
        code = pyinstaller()
        if code != 0:
            print("PyInstaller failed", file=sys.stderr)
            return code
        print(size_report(bundle))
        print(f"build: {time.perf_counter() - t0:.0f} s")
        if not args.skip_self_test:
            t1 = time.perf_counter()
            code = self_test(exe)
            print(f"self-test: exit {code} in {time.perf_counter() - t1:.1f} s")
            if code != 0:
                return code
    if not args.no_installer:
        try:
            out = installer(bundle)
        except (RuntimeError, subprocess.CalledProcessError, OSError) as exc:
            print(f"installer: {exc}", file=sys.stderr)
            return 1
        if out is not None:
            print(f"installer: {out} = {out.stat().st_size / 2**20:.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
