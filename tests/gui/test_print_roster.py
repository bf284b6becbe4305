"""Print / PDF of the roster (issue 24 item 13): the menu opens the dialog, the PDF is written
with one page per team per week (or per agent per week), pages are drawn, a failed write says why."""

from __future__ import annotations

import re
import zlib
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtPrintSupport import QPrinter

from kcroster.gui.print_roster import (
    CLASS_FILL,
    PrintRosterDialog,
    new_printer,
    paint_all,
    render_page,
    write_pdf,
)
from kcroster.io.roster_print import build_print_layout, print_weeks
from kcroster.model import Leave

PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def _pdf_pages(path: Path) -> int:
    data = path.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    return len(PAGE.findall(data))


def _stream(obj: bytes) -> bytes:
    raw = re.search(rb"stream\r?\n(.*)\r?\nendstream", obj, re.S).group(1)
    return zlib.decompress(raw) if b"/FlateDecode" in obj.split(b"stream")[0] else raw


def _utf16(hexdigits: bytes) -> str:
    return bytes.fromhex(hexdigits.decode()).decode("utf-16-be")


def _to_unicode(cmap: bytes) -> dict[int, str]:
    """Glyph id → text from a font's ToUnicode CMap (bfchar and bfrange entries)."""
    out: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            out[int(src, 16)] = _utf16(dst)
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.S):
        ranges = re.findall(
            rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]+>)", block
        )
        for lo, hi, dst in ranges:
            first, last = int(lo, 16), int(hi, 16)
            if dst.startswith(b"["):
                for i, d in enumerate(re.findall(rb"<([0-9A-Fa-f]+)>", dst)):
                    out[first + i] = _utf16(d)
            else:
                base = int(dst[1:-1], 16)
                out.update({first + i: chr(base + i) for i in range(last - first + 1)})
    return out


def _pdf_text(path: Path) -> list[str]:
    """The text drawn on each page, white space left out: Qt writes every glyph as a font's glyph id,
    which the font's ToUnicode map turns back into characters."""
    data = path.read_bytes()
    objs = {
        int(m.group(1)): m.group(2) for m in re.finditer(rb"(\d+) 0 obj(.*?)endobj", data, re.S)
    }

    def ref(obj: bytes, key: bytes) -> bytes:
        return objs[int(re.search(rb"/" + key + rb" (\d+) 0 R", obj).group(1))]

    pages = []
    for obj in objs.values():
        if not PAGE.search(obj):
            continue
        fonts = {
            name: _to_unicode(_stream(ref(objs[int(num)], b"ToUnicode")))
            for name, num in re.findall(rb"/(F\d+) (\d+) 0 R", ref(obj, b"Resources"))
        }
        glyphs: dict[int, str] = {}
        text = []
        for tok in re.finditer(
            rb"/(F\d+) [\d.]+ Tf|<([0-9A-Fa-f]+)> Tj", _stream(ref(obj, b"Contents"))
        ):
            if tok.group(1):
                glyphs = fonts[tok.group(1)]
            else:
                h = tok.group(2).decode()
                text += [glyphs.get(int(h[i : i + 4], 16), "?") for i in range(0, len(h), 4)]
        pages.append(re.sub(r"\s", "", "".join(text)))  # Qt maps the space glyph to a tab
    return pages


def _teams(window) -> None:
    for i, a in enumerate(window.doc.project.agents):
        a.team = "Team Noord" if i < 20 else "Team Zuid"


def _open_dialog(window, qtbot) -> PrintRosterDialog:
    window.print_action.trigger()
    dlg = window.export_screen.print_dialog
    assert isinstance(dlg, PrintRosterDialog)
    qtbot.waitUntil(dlg.isVisible)
    return dlg


def test_menu_prints_one_page_per_team_per_week_to_pdf(window, qtbot, tmp_path):
    _teams(window)
    dlg = _open_dialog(window, qtbot)
    weeks = print_weeks(window.doc.project)
    assert dlg.windowTitle() == "Rooster afdrukken / PDF"
    # the default name carries the period
    tag = weeks[0].tag if len(weeks) == 1 else f"{weeks[0].tag}-W{weeks[-1].iso_week:02d}"
    assert Path(dlg.path_edit.text()).name == f"rooster_{tag}.pdf"
    assert [dlg.who.item(i).text() for i in range(dlg.who.count())] == ["Team Noord", "Team Zuid"]
    target = tmp_path / "prikbord.pdf"
    dlg.path_edit.setText(str(target))
    dlg.pdf_button.click()
    assert _pdf_pages(target) == 2 * len(weeks)
    assert not dlg.isVisible()
    assert str(target) in window.statusBar().currentMessage()


def test_per_agent_pages_for_the_ticked_agents_only(window, qtbot, tmp_path):
    dlg = _open_dialog(window, qtbot)
    dlg.per_agent.setChecked(True)
    assert dlg.who.count() == len(window.doc.project.agents)
    for i in range(dlg.who.count()):
        dlg.who.item(i).setCheckState(
            Qt.CheckState.Checked if i in (0, 5, 7) else Qt.CheckState.Unchecked
        )
    assert dlg.summary.text() == f"{3 * len(dlg.weeks)} pagina's A4 liggend."
    target = tmp_path / "medewerkers"  # the extension is added
    dlg.path_edit.setText(str(target))
    dlg.pdf_button.click()
    assert _pdf_pages(tmp_path / "medewerkers.pdf") == 3 * len(dlg.weeks)
    # nothing ticked: nothing to print, the buttons say so by being off
    dlg2 = _open_dialog(window, qtbot)
    for i in range(dlg2.weeks_list.count()):
        dlg2.weeks_list.item(i).setCheckState(Qt.CheckState.Unchecked)
    assert not dlg2.pdf_button.isEnabled() and not dlg2.print_button.isEnabled()
    dlg2.reject()


def test_a_failed_write_is_a_sentence_and_the_dialog_stays(window, qtbot, tmp_path):
    dlg = _open_dialog(window, qtbot)
    dlg.path_edit.setText(str(tmp_path / "bestaat-niet" / "rooster.pdf"))
    dlg.pdf_button.click()
    box = dlg.error_box
    assert box is not None and box.isVisible()
    assert box.text().startswith("De PDF is niet geschreven: kan ")
    assert "de map bestaat niet" in box.text() and "Traceback" not in box.text()
    assert dlg.isVisible() and not (tmp_path / "bestaat-niet").exists()
    box.close()
    dlg.reject()


def _ink(img, colour: QColor | None = None) -> int:
    """Pixels that are not white (or, with ``colour``, of that colour), on a 4-pixel grid."""
    n = 0
    for y in range(0, img.height(), 4):
        for x in range(0, img.width(), 4):
            c = img.pixelColor(x, y)
            if (colour is None and c != QColor("#ffffff")) or (colour is not None and c == colour):
                n += 1
    return n


def test_pages_are_drawn_team_grid_and_agent_timeline(window, tmp_path):
    _teams(window)
    p = window.doc.project
    roster = window.doc.roster
    a0 = p.agents[0]
    day = p.horizon.dates[5]  # a Saturday: the fake roster has no weekend shifts
    start = datetime.combine(day, datetime.min.time(), tzinfo=p.horizon.tz)
    p.leave = [Leave(a0.id, start, start + timedelta(days=1), "Ziek")]
    full = build_print_layout(p, roster, teams=["Team Noord"])
    one = build_print_layout(p, roster, teams=["Team Noord"], agent_ids=[a0.id])
    img = render_page(full, 0, width_px=842)
    assert (img.width(), img.height()) == (842, 595)
    ink_full, ink_one = _ink(img), _ink(render_page(one, 0, width_px=842))
    assert ink_full > 0.08 * (842 // 4) * (595 // 4)  # a grid of 20 agents is far from blank
    assert ink_full > 2 * ink_one  # ... and its rows are drawn: one agent's page holds much less
    # shift cells are filled in the team workbook's colours (08:00–11:00 starts: vroeg and dag)
    assert _ink(img, QColor(CLASS_FILL["vroeg"])) + _ink(img, QColor(CLASS_FILL["dag"])) > 200
    agent = build_print_layout(p, roster, per="agent", agent_ids=[p.agents[1].id])
    timeline = render_page(agent, 0, width_px=842)
    assert _ink(timeline) > 0.03 * (842 // 4) * (595 // 4)
    # the PDF of the same layout has as many pages as the layout, A4 landscape, and its text
    # holds every agent of the team, and for the sick day only "niet beschikbaar"
    pdf = write_pdf(full, tmp_path / "noord.pdf", window.doc.backend)
    assert _pdf_pages(pdf) == len(full.pages) == len(full.weeks)
    assert re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf.read_bytes()) == [
        (b"842.000000", b"595.000000")
    ] * len(full.pages)
    text = _pdf_text(pdf)
    assert len(text) == len(full.pages)
    names = [a.name.replace(" ", "") for a in p.agents if a.team == "Team Noord"]
    assert len(names) == 20 and all(n in text[0] for n in names)
    assert "TeamNoord" in text[0] and "nietbeschikbaar" in text[0] and "08:00-16:00" in text[0]
    assert not any(
        n in text[0] for a in p.agents if a.team == "Team Zuid" for n in [a.name.replace(" ", "")]
    )
    assert "ziek" not in " ".join(text).casefold()


def test_export_screen_offers_print_only_with_a_roster(window, qtbot, fake):
    screen = window.screen_by_key("export")
    window.show_screen("export")
    assert (
        screen.print_button.isEnabled() and screen.print_button.text() == "Rooster afdrukken / PDF…"
    )
    screen.print_button.click()
    dlg = screen.print_dialog
    qtbot.waitUntil(lambda: dlg is not None and dlg.isVisible())
    # a new project closes the dialog: it showed the previous project's teams and weeks
    window.doc.set_project(fake.load_demo_project(n_agents=3))
    assert screen.print_dialog is None and not dlg.isVisible()
    window.doc.project.scenario.roster = None
    screen.mark_stale()
    screen.refresh_now()
    assert not screen.print_button.isEnabled()
    assert screen.ask_print() is None


def test_the_printer_path_prints_every_page_a4_landscape(window, tmp_path):
    """What "Afdrukken…" does after Qt's print dialog, on a printer that writes to a file."""
    _teams(window)
    layout = build_print_layout(window.doc.project, window.doc.roster, per="agent")
    printer = new_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printer.pdf"))
    paint_all(printer, layout)
    pdf = tmp_path / "printer.pdf"
    assert _pdf_pages(pdf) == len(layout.pages) == len(window.doc.project.agents)
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf.read_bytes())
    assert {(round(float(w)), round(float(h))) for w, h in boxes} == {(842, 595)}
    text = _pdf_text(pdf)
    assert all(
        a.name.replace(" ", "") in page
        for a, page in zip(window.doc.project.agents, text, strict=True)
    )
