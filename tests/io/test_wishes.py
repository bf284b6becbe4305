"""Personal wish workbooks: export per agent, bulk import with per-row refusals and a budget."""

from __future__ import annotations

import shutil
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from kcroster.io.wishes import (
    HEADER_ROW,
    apply_wish_import,
    export_wish_workbooks,
    import_wish_workbooks,
)
from kcroster.model import (
    Agent,
    Horizon,
    KcrosterInputError,
    Leave,
    Project,
    ShiftRules,
    ShiftType,
    Wish,
    WishKind,
)

HORIZON = Horizon(date(2027, 5, 3), 14)  # Monday 3 May – Sunday 16 May 2027
TZ = HORIZON.tz


def project() -> Project:
    rules = ShiftRules(shift_types=[
        ShiftType("Vroeg", time(7), time(15, 30)),
        ShiftType("Midden", time(10), time(18, 30)),
        ShiftType("Avond", time(14), time(22, 30), unpopular=True),
    ])
    agents = [
        Agent("A1", "Anna de Vries", 36, skills=("Telefonie",)),
        Agent("A2", "Bram Jansen", 24, skills=("Chat",), earliest_start=time(8, 30), latest_end=time(19)),
        Agent("A3", "Cem Yilmaz", 32, skills=("Telefonie",), allowed_shift_types=("Avond",)),
    ]
    leave = [
        Leave("A1", datetime(2027, 5, 5, tzinfo=TZ), datetime(2027, 5, 7, tzinfo=TZ), "vakantie"),  # 5–6 May
        Leave("A1", datetime(2027, 5, 12, 13, tzinfo=TZ), datetime(2027, 5, 12, 15, tzinfo=TZ), "afspraak"),
    ]
    wishes = [Wish("A1", date(2027, 5, 3), WishKind.OFF, 3, must=True),
              Wish("A1", date(2027, 5, 4), WishKind.EARLY, 2),
              Wish("A2", date(2027, 5, 4), WishKind.LATE, 1)]
    return Project("p", HORIZON, agents=agents, leave=leave, wishes=wishes, shift_rules=rules)


def row_of(day: date) -> int:
    return HEADER_ROW + 1 + (day - HORIZON.start).days


def fill(path: Path, entries: dict[date, tuple[Any, ...]]) -> None:
    """Fill a wish file like an agent would: wish, window from, window to, weight."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Wensen"]
    for day, (wish, wfrom, wto, weight) in entries.items():
        r = row_of(day)
        for col, value in zip((4, 5, 6, 7), (wish, wfrom, wto, weight), strict=True):
            ws.cell(row=r, column=col).value = value  # also clears: cell(value=None) would not
    wb.save(path)


def test_export_one_file_per_agent_with_days_leave_and_lists(tmp_path: Path) -> None:
    paths = export_wish_workbooks(tmp_path, project())
    assert [p.name for p in paths] == ["wensen_A1_Anna_de_Vries.xlsx", "wensen_A2_Bram_Jansen.xlsx",
                                       "wensen_A3_Cem_Yilmaz.xlsx"]
    wb = openpyxl.load_workbook(paths[0])
    assert wb.sheetnames[0] == "Wensen" and wb["kcroster"].sheet_state == "veryHidden"
    ws = wb["Wensen"]
    assert ws.freeze_panes == f"A{HEADER_ROW + 1}"
    assert "maximaal 10" in ws["A2"].value and ws["E2"].value == f"=SUM(G5:G{4 + 14})"
    rows = list(ws.iter_rows(min_row=HEADER_ROW + 1, max_col=4, values_only=True))
    assert len(rows) == 14
    assert [r[0].date() for r in rows] == [date(2027, 5, 3) + timedelta(days=i) for i in range(14)]
    assert [r[1] for r in rows[:7]] == ["ma", "di", "wo", "do", "vr", "za", "zo"]
    # absent on 5 and 6 May (whole days) and on 12 May (an afternoon appointment)
    assert [r[0].day for r in rows if r[2] == "afwezig"] == [5, 6, 12]
    # the planner's own non-must wish is pre-filled; the must wish is not the agent's to edit
    assert rows[1][3] == "vroeg" and rows[0][3] is None
    dvs = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    wish_dv = dvs[f"D5:D{4 + 14}"]
    lists = wb["Lijsten"]
    sheet, rng = wish_dv.formula1.split("!")
    choices = [c[0].value for c in lists[rng.replace("$", "")]]
    assert choices == ["vrij", "vroeg", "laat", "werken", "venster", "dienst Vroeg", "Midden", "Avond"]
    assert dvs[f"G5:G{4 + 14}"].formula1 == '"1,2,3"'
    # agents only see the shifts they can work: A2 is available 08:30–19:00 (no Vroeg 07:00,
    # no Avond until 22:30), A3 may only work Avond
    for path, expected in ((paths[1], ["Midden"]), (paths[2], ["Avond"])):
        wb2 = openpyxl.load_workbook(path)
        offered = [c[0].value for c in wb2["Lijsten"]["A1:A20"] if c[0].value][5:]
        assert offered == expected


def test_import_filled_file(tmp_path: Path) -> None:
    p = project()
    path = export_wish_workbooks(tmp_path, p, ["A2"])[0]
    fill(path, {
        date(2027, 5, 4): (None, None, None, None),  # the agent removed the pre-filled wish
        date(2027, 5, 3): ("vrij", None, None, 3),
        date(2027, 5, 7): ("venster", time(9), "10:30", 2),
        date(2027, 5, 8): ("Midden", None, None, None),
        date(2027, 5, 10): ("werken", None, None, 1),
        date(2027, 5, 11): (None, None, None, 3),  # weight without a wish: nothing
    })
    res = import_wish_workbooks([path], project=p)
    assert res.ok and res.files_read == [path.name] and res.agent_ids == ["A2"]
    assert res.wishes == [
        Wish("A2", date(2027, 5, 3), WishKind.OFF, 3),
        Wish("A2", date(2027, 5, 7), WishKind.WINDOW, 2, window_start=time(9), window_end=time(10, 30)),
        Wish("A2", date(2027, 5, 8), WishKind.SHIFT, 1, shift_type="Midden"),
        Wish("A2", date(2027, 5, 10), WishKind.WORK, 1),
    ]
    added = apply_wish_import(p, res)
    assert added == 4
    # A2's old wish is replaced, A1's wishes (incl. the planner's must) stay
    assert [w for w in p.wishes if w.agent_id == "A2"] == res.wishes
    assert len([w for w in p.wishes if w.agent_id == "A1"]) == 2


def test_weight_budget_enforced_in_row_order(tmp_path: Path) -> None:
    p = project()
    path = export_wish_workbooks(tmp_path, p, ["A3"], budget=10)[0]
    fill(path, {date(2027, 5, 3): ("vrij", None, None, 3), date(2027, 5, 4): ("vrij", None, None, 3),
                date(2027, 5, 5): ("Avond", None, None, 3), date(2027, 5, 6): ("laat", None, None, 2),
                date(2027, 5, 7): ("vroeg", None, None, 1)})
    res = import_wish_workbooks([path], project=p)
    # 3 + 3 + 3 = 9; the 2 would make 11 > 10 and is refused; the 1 still fits (10)
    assert [w.day.day for w in res.wishes] == [3, 4, 5, 7]
    (ref,) = res.refusals
    assert (ref.file, ref.sheet, ref.row, ref.column) == (path.name, "Wensen", row_of(date(2027, 5, 6)), "G (Gewicht)")
    assert "budget van 10" in ref.reason
    # the planner can set another budget at import
    assert len(import_wish_workbooks([path], project=p, budget=6).wishes) == 2


@pytest.mark.parametrize(
    ("entry", "column", "words"),
    [
        (("vrij", None, None, "moet"), "G (Gewicht)", "1, 2 of 3"),
        (("vrij", None, None, 5), "G (Gewicht)", "1, 2 of 3"),
        (("venster", None, "10:00", 1), "E (Venster van)", "begintijd"),
        (("venster", "11:00", "10:00", 1), "F (Venster tot)", "na 'Venster van'"),
        (("venster", "11:00", "elf uur", 1), "F (Venster tot)", "geen tijd"),
        (("dienst Vroeg", None, None, 1), "D (Wens)", "onbekend diensttype"),  # not offered to A3
        (("Midden", None, None, 1), "D (Wens)", "onbekende wens"),
        (("niet Avond", None, None, 1), "D (Wens)", "uit de lijst"),
    ],
)
def test_row_refusals_are_located(tmp_path: Path, entry: tuple[Any, ...], column: str, words: str) -> None:
    p = project()
    path = export_wish_workbooks(tmp_path, p, ["A3"])[0]
    day = date(2027, 5, 10)
    fill(path, {day: entry, date(2027, 5, 11): ("vrij", None, None, 1)})
    res = import_wish_workbooks([path], project=p)
    assert [w.day for w in res.wishes] == [date(2027, 5, 11)]  # the other row still counts
    (ref,) = res.refusals
    assert (ref.file, ref.sheet, ref.row, ref.column) == (path.name, "Wensen", row_of(day), column)
    assert words in ref.reason


def test_wish_on_absent_day_or_changed_date_refused(tmp_path: Path) -> None:
    p = project()
    path = export_wish_workbooks(tmp_path, p, ["A1"])[0]
    fill(path, {date(2027, 5, 5): ("vroeg", None, None, 1), date(2027, 5, 12): ("laat", None, None, 1)})
    wb = openpyxl.load_workbook(path)
    wb["Wensen"].cell(row=row_of(date(2027, 5, 16)), column=1, value=date(2027, 6, 1))
    wb["Wensen"].cell(row=row_of(date(2027, 5, 16)), column=4, value="vrij")
    # the agent also cleared the 'afwezig' marker of 5 May: the project's leave still counts
    wb["Wensen"].cell(row=row_of(date(2027, 5, 5)), column=3).value = None
    wb.save(path)
    res = import_wish_workbooks([path], project=p)
    assert [(r.row, r.column) for r in res.refusals] == [
        (row_of(date(2027, 5, 5)), "D (Wens)"), (row_of(date(2027, 5, 12)), "D (Wens)"),
        (row_of(date(2027, 5, 16)), "A (Datum)")]
    assert "afwezig" in res.refusals[0].reason and "buiten de planperiode" in res.refusals[2].reason
    # the pre-filled 'vroeg' of 4 May is the only wish left
    assert [(w.day, w.kind) for w in res.wishes] == [(date(2027, 5, 4), WishKind.EARLY)]


def test_many_files_one_bad(tmp_path: Path) -> None:
    p = project()
    paths = export_wish_workbooks(tmp_path / "uit", p)
    fill(paths[0], {date(2027, 5, 10): ("vrij", None, None, 2)})
    fill(paths[2], {date(2027, 5, 10): ("Avond", None, None, 2)})
    garbage = tmp_path / "kapot.xlsx"
    garbage.write_bytes(b"PK\x03\x04 niet echt een zip")
    foreign = tmp_path / "ander.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Wensen"
    wb.save(foreign)
    renamed = tmp_path / "mijn wensen.xlsx"  # a renamed copy of A1's file: still A1's
    shutil.copy(paths[0], renamed)
    res = import_wish_workbooks([paths[0], garbage, paths[1], foreign, paths[2], renamed, tmp_path / "weg.xlsx"],
                                project=p)
    assert res.agent_ids == ["A1", "A2", "A3"]
    assert [(w.agent_id, w.day, w.kind) for w in res.wishes if w.day == date(2027, 5, 10)] == [
        ("A1", date(2027, 5, 10), WishKind.OFF), ("A3", date(2027, 5, 10), WishKind.SHIFT)]
    by_file = {r.file: r for r in res.refusals}
    assert set(by_file) == {"kapot.xlsx", "ander.xlsx", "mijn wensen.xlsx", "weg.xlsx"}
    assert "al een wensenbestand" in by_file["mijn wensen.xlsx"].reason
    assert "geen wensenbestand" in by_file["ander.xlsx"].reason
    assert all(r.row is None for r in by_file.values())
    summary = res.summary()
    assert "geweigerd" in summary and "kapot.xlsx" in summary


def test_import_without_project_uses_file_information(tmp_path: Path) -> None:
    p = project()
    path = export_wish_workbooks(tmp_path, p, ["A3"], budget=4)[0]
    fill(path, {date(2027, 5, 10): ("Avond", None, None, 3), date(2027, 5, 11): ("vrij", None, None, 2)})
    res = import_wish_workbooks([path])
    assert [(w.agent_id, w.shift_type) for w in res.wishes] == [("A3", "Avond")]
    assert "budget van 4" in res.refusals[0].reason
    # an agent who left the project: the whole file is refused
    p.agents = p.agents[:2]
    res2 = import_wish_workbooks([path], project=p)
    assert res2.wishes == [] and "bestaat niet" in res2.refusals[0].reason


def test_export_unknown_agent(tmp_path: Path) -> None:
    with pytest.raises(KcrosterInputError):
        export_wish_workbooks(tmp_path, project(), ["ZZ"])


def test_formula_like_name_is_text(tmp_path: Path) -> None:
    p = project()
    p.agents[0].name = "=1+1"
    path = export_wish_workbooks(tmp_path, p, ["A1"])[0]
    cell = openpyxl.load_workbook(path)["Wensen"]["A1"]
    assert cell.data_type == "s" and "=1+1" in cell.value
