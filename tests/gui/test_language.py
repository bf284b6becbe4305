"""Qt's own buttons and dialogs speak the UI's language, and counts read right at 1
(issue 24 item 14)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QMessageBox

from kcroster.edits import MoveShift


def _buttons(box: QMessageBox) -> list[str]:
    return [b.text().replace("&", "") for b in box.buttons()]


def test_save_question_has_dutch_buttons_in_the_dutch_ui(app):
    from kcroster.gui import i18n

    buttons = (QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
               | QMessageBox.StandardButton.Cancel)
    try:
        assert i18n.install_language("nl")
        box = QMessageBox(QMessageBox.Icon.Question, "t", "x", buttons)
        dutch = _buttons(box)
        assert "Opslaan" in dutch and "Annuleren" in dutch and "Save" not in dutch
        assert i18n.install_language("en")
        box = QMessageBox(QMessageBox.Icon.Question, "t", "x", buttons)
        assert "Save" in _buttons(box) and "Cancel" in _buttons(box)
    finally:
        i18n.install_language("nl")


def test_plural_picks_the_singular_only_for_one(app):
    from kcroster.gui.i18n import plural

    assert plural(1, "{n} melding", "{n} meldingen") == "1 melding"
    many = [plural(n, "{n} melding", "{n} meldingen") for n in (0, 2)]
    assert many == ["0 meldingen", "2 meldingen"]
    assert plural(1, "{n} wensformulier naar {map}", "-", map="x") == "1 wensformulier naar x"


def test_one_finding_and_one_hard_wish_read_right_in_english(window, qtbot):
    from kcroster.gui import i18n

    p = window.doc.project
    p.wishes[0].must = True
    s = p.scenario.roster.shift_on("A000", p.horizon.start)
    try:
        assert i18n.install_language("en")
        window.show_screen("roster")
        window.doc.apply(MoveShift(s.agent_id, s.day, s.start, s.end + timedelta(hours=2)))
        roster = window.screen_by_key("roster")
        assert roster.violations_label.text() == "1 finding (1 violation, 0 warnings)"
        window.show_screen("wishes")
        wishes = window.screen_by_key("wishes")
        wishes.refresh_now()
        assert wishes.stats.text().startswith("2 wishes from 2 agents · 1 hard wish")
    finally:
        i18n.install_language("nl")
