#!/usr/bin/env python3
"""Build the English UI catalogue: collect every ``tr("…")`` string in ``kcroster/gui``, write
``resources/i18n/kcroster_en.ts`` with the translations from ``resources/i18n/en.tsv`` and
compile ``kcroster_en.qm`` with ``pyside6-lrelease``.

    python resources/make_translations.py          # regenerate .ts and .qm
    python resources/make_translations.py --check  # exit 1 if any string lacks a translation

Dutch is the source language; a string missing from ``en.tsv`` is listed and stays Dutch.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
GUI = ROOT / "kcroster" / "gui"
I18N = ROOT / "resources" / "i18n"
TSV = I18N / "en.tsv"
CONTEXT = "kcroster"


def source_strings() -> dict[str, list[str]]:
    """Every literal passed to ``tr()`` → the files that use it."""
    found: dict[str, list[str]] = {}
    for path in sorted(GUI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "tr"
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found.setdefault(node.args[0].value, []).append(str(path.relative_to(ROOT)))
    return found


def load_tsv() -> dict[str, str]:
    out: dict[str, str] = {}
    if TSV.exists():
        for line in TSV.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            nl, _, en = line.partition("\t")
            out[nl.replace("\\n", "\n")] = en.replace("\\n", "\n")
    return out


def write_ts(strings: dict[str, list[str]], translations: dict[str, str]) -> Path:
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>",
             '<TS version="2.1" language="en_GB" sourcelanguage="nl_NL">', "<context>", f"    <name>{CONTEXT}</name>"]
    for text in sorted(strings):
        lines.append("    <message>")
        for loc in sorted(set(strings[text])):
            lines.append(f'        <location filename="../../{loc}"/>')
        lines.append(f"        <source>{escape(text)}</source>")
        en = translations.get(text)
        if en is None:
            lines.append('        <translation type="unfinished"></translation>')
        else:
            lines.append(f"        <translation>{escape(en)}</translation>")
        lines.append("    </message>")
    lines += ["</context>", "</TS>", ""]
    path = I18N / "kcroster_en.ts"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def lrelease() -> str | None:
    here = Path(sys.executable).parent
    for name in ("pyside6-lrelease", "lrelease"):
        cand = here / name
        if cand.exists():
            return str(cand)
        found = shutil.which(name)
        if found:
            return found
    return None


def main(argv: list[str]) -> int:
    strings = source_strings()
    translations = load_tsv()
    missing = sorted(s for s in strings if s not in translations)
    if "--check" in argv:
        for s in missing:
            print(f"zonder vertaling: {s!r}")
        return 1 if missing else 0
    ts = write_ts(strings, translations)
    tool = lrelease()
    if tool is None:
        print("lrelease niet gevonden: alleen", ts, "geschreven")
        return 1
    subprocess.check_call([tool, "-silent", str(ts), "-qm", str(I18N / "kcroster_en.qm")])
    print(f"{len(strings)} teksten, {len(missing)} zonder vertaling → {ts.name}, kcroster_en.qm")
    for s in missing:
        print(f"  zonder vertaling: {s!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
