"""Build the frozen kcroster app for this platform and self-test it.

    python3 tasks.py package        (creates .venv, installs PyInstaller, runs this)

Steps: app icons (.ico/.icns) from the PNG sources, a Windows version resource from the package
version, PyInstaller with ``packaging/kcroster.spec``, then the frozen app's ``--self-test``
offscreen. Prints the bundle size and the self-test time; exits non-zero when either step fails.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kcroster import __version__  # noqa: E402

sys.path.insert(0, str(ROOT / "packaging"))
from icons import build_icons  # noqa: E402


def version_resource(path: Path) -> Path:
    parts = ([int(p) for p in __version__.split(".") if p.isdigit()] + [0, 0, 0, 0])[:4]
    tup = tuple(parts)
    path.write_text(f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={tup}, prodvers={tup}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[StringFileInfo([StringTable('041304B0', [
      StringStruct('CompanyName', 'kcroster'),
      StringStruct('FileDescription', 'kcroster personeelsplanning'),
      StringStruct('FileVersion', '{__version__}'),
      StringStruct('InternalName', 'kcroster'),
      StringStruct('LegalCopyright', 'Apache-2.0'),
      StringStruct('OriginalFilename', 'kcroster.exe'),
      StringStruct('ProductName', 'kcroster'),
      StringStruct('ProductVersion', '{__version__}')])]),
    VarFileInfo([VarStruct('Translation', [0x0413, 1200])])]
)
""", encoding="utf-8")
    return path


def dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def main() -> int:
    build = ROOT / "build" / "pyinstaller"
    build.mkdir(parents=True, exist_ok=True)
    build_icons()
    env = dict(os.environ, KCROSTER_VERSION_FILE=str(version_resource(build / "version_info.txt")))
    t0 = time.perf_counter()
    code = subprocess.call([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
                            "--workpath", str(build), "--distpath", str(ROOT / "dist"),
                            str(ROOT / "packaging" / "kcroster.spec")], cwd=ROOT, env=env)
    if code != 0:
        print("PyInstaller failed", file=sys.stderr)
        return code
    built = time.perf_counter() - t0
    bundle = ROOT / "dist" / ("kcroster.app" if sys.platform == "darwin" else "kcroster")
    exe = {"win32": bundle / "kcroster.exe", "darwin": bundle / "Contents" / "MacOS" / "kcroster"}.get(
        sys.platform, bundle / "kcroster")
    print(f"bundle: {bundle} ({dir_size(bundle) / 2**20:.0f} MiB), built in {built:.0f} s")
    t1 = time.perf_counter()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    code = subprocess.call([str(exe), "--self-test"], env=env)
    print(f"self-test: exit {code} in {time.perf_counter() - t1:.1f} s")
    return code


if __name__ == "__main__":
    sys.exit(main())
