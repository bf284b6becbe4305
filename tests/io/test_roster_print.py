"""The layout of the printed roster (issue 24 item 13): every shift once per page kind, the
team words for absences (no health data), ISO weeks across a year end, pagination, week input."""

from __future__ import annotations

import dataclasses
from collections import Counter
from datetime import date, datetime, time

import pytest
from test_project_store_sample import make_shift, sample_project

from kcroster.io.roster_export import shift_cell_text
from kcroster.io.roster_print import (
    NO_TEAM,
    AgentPage,
    CellKind,
    TeamPage,
    build_print_layout,
    default_file_name,
    parse_weeks,
    period_tag,
    print_weeks,
    queue_codes,
)
from kcroster.model import Agent, Horizon, Leave, Project, Roster, RosterStatus
from kcroster.model.agents import SickPeriod

# as in the team workbook's privacy test: words that would tell colleagues about someone's health
HEALTH_WORDS = (
    "integratie",
    "integration",
    "ziek",
    "sick",
    "poortwachter",
    "productiv",
    "tandarts",
)


def _shift_cells(pages: list) -> Counter:
    """(agent, day, text) of every shift cell on ``pages``."""
    out: Counter = Counter()
    for page in pages:
        rows = page.rows if isinstance(page, TeamPage) else (page.row,)
        for row in rows:
            for cell in row.cells:
                if cell.kind is CellKind.SHIFT:
                    out[(row.agent_id, cell.day, cell.text)] += 1
    return out


def _strings(obj: object) -> list[str]:
    """Every string anywhere in a layout (fields, nested tuples, dict keys and values)."""
    if isinstance(obj, str):
        return [obj]
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return [s for f in dataclasses.fields(obj) for s in _strings(getattr(obj, f.name))]
    if isinstance(obj, dict):
        return [s for k, v in obj.items() for s in _strings(k) + _strings(v)]
    if isinstance(obj, (list, tuple, set, frozenset)):
        return [s for x in obj for s in _strings(x)]
    return []


def test_every_shift_appears_once_on_its_team_page_and_once_on_its_agent_page() -> None:
    p = sample_project()
    roster = p.scenarios[0].roster
    tz = p.horizon.tz
    expected = Counter((s.agent_id, s.day, shift_cell_text(s, tz)) for s in roster.shifts)
    assert len(expected) == len(roster.shifts) == 4
    team = build_print_layout(p, roster, per="team")
    agent = build_print_layout(p, roster, per="agent")
    assert _shift_cells(team.pages) == expected
    assert _shift_cells(agent.pages) == expected
    teams = {a.id: a.team or NO_TEAM for a in p.agents}
    for page in team.pages:
        assert all(teams[r.agent_id] == page.team for r in page.rows)  # on its own team's page
    # 14 days from Monday 19 Oct 2026: ISO weeks 43 and 44; three teams, three agents
    assert [w.tag for w in team.weeks] == ["2026-W43", "2026-W44"]
    assert [(pg.week.iso_week, pg.team) for pg in team.pages] == [
        (43, "Team Noord"),
        (43, "Team Zuid"),
        (43, NO_TEAM),
        (44, "Team Noord"),
        (44, "Team Zuid"),
        (44, NO_TEAM),
    ]
    assert [(pg.row.agent_id, pg.week.iso_week) for pg in agent.pages] == [
        (a.id, w) for a in p.agents for w in (43, 44)
    ]


def test_a_shift_carries_its_queue_blocks_breaks_and_hours() -> None:
    p = sample_project()
    layout = build_print_layout(p, p.scenarios[0].roster, per="agent", agent_ids=["A1"])
    monday = layout.pages[0].row.cells[0]
    assert (
        monday.text == "07:00-15:30"
        and monday.shift_type == "Vroeg"
        and monday.type_color == "#ffcc00"
    )
    assert [(b.start, b.end, b.activity, b.is_break) for b in monday.blocks] == [
        ("07:00", "11:15", "Telefonie", False),
        ("11:15", "11:45", "pauze", True),
        ("11:45", "15:30", "Telefonie", False),
    ]
    assert monday.hours == 8.0
    assert monday.summary() == "Telefonie · pauze 11:15"
    assert monday.summary({"Telefonie": "T"}, "break") == "T · break 11:15"
    # the Saturday night shift runs into Sunday across the DST change: 22:00 to 06:00 wall clock
    saturday = layout.pages[0].row.cells[5]
    assert saturday.text == "22:00-06:00" and saturday.shift_class == "nacht"
    assert saturday.blocks[0].start_hour == 22 and saturday.blocks[-1].end_hour == 31  # 9 h
    assert layout.pages[0].row.hours == pytest.approx(8.0 + 8.5)


def test_reintegration_and_sick_days_read_only_niet_beschikbaar() -> None:
    p = sample_project()
    tz = p.horizon.tz
    p.leave = [
        *p.leave,
        Leave("A1", datetime(2026, 10, 22, tzinfo=tz), datetime(2026, 10, 23, tzinfo=tz), "Ziek"),
        Leave(
            "A1",
            datetime(2026, 10, 27, 9, tzinfo=tz),
            datetime(2026, 10, 27, 10, tzinfo=tz),
            "gesprek Poortwachter",
        ),
        Leave(
            "A1",
            datetime(2026, 10, 28, tzinfo=tz),
            datetime(2026, 10, 29, tzinfo=tz),
            "Reïntegratie",
        ),
        # ordinary leave on the same day as a reintegration appointment: the private word wins
        Leave("A2", datetime(2026, 10, 25, 14, tzinfo=tz), datetime(2026, 10, 26, tzinfo=tz)),
    ]
    p.sick_periods = [SickPeriod(date(2026, 10, 29), date(2026, 10, 30), "A1")]
    for per in ("team", "agent"):
        layout = build_print_layout(p, p.scenarios[0].roster, per=per)
        cells = {
            (r.agent_id, c.day): c
            for pg in layout.pages
            for r in (pg.rows if isinstance(pg, TeamPage) else (pg.row,))
            for c in r.cells
        }
        for day in (
            date(2026, 10, 22),
            date(2026, 10, 27),
            date(2026, 10, 28),
            date(2026, 10, 29),
            date(2026, 10, 30),
        ):
            assert (cells[("A1", day)].kind, cells[("A1", day)].text) == (
                CellKind.UNAVAILABLE,
                "niet beschikbaar",
            )
        # the reintegration appointment
        assert cells[("A2", date(2026, 10, 25))].text == "niet beschikbaar"
        assert (cells[("A1", date(2026, 10, 21))].kind, cells[("A1", date(2026, 10, 21))].text) == (
            CellKind.LEAVE,
            "verlof",
        )
        # the dentist: the team only sees "afwezig"
        assert cells[("A2", date(2026, 10, 27))].text == "afwezig"
        assert cells[("A1", date(2026, 10, 20))].text == "vrij"
        # A2 has a reintegration plan in force: nothing on the page marks its days
        assert cells[("A2", date(2026, 10, 19))].kind is CellKind.OFF
        assert cells[("A2", date(2026, 10, 20))].kind is CellKind.SHIFT
        text = " ".join(_strings(layout)).casefold()
        for word in HEALTH_WORDS:
            assert word not in text, (per, word)


def test_weeks_split_on_iso_weeks_across_the_year_end() -> None:
    h = Horizon(date(2026, 12, 24), 14, 15)  # Thursday 24 Dec 2026 to Wednesday 6 Jan 2027
    p = Project("Jaarwisseling", h, agents=[Agent("B1", "Bo", team="Team X")])
    roster = Roster(
        [
            make_shift(h, "B1", date(2026, 12, 31), time(22), 8, "Telefonie"),
            make_shift(h, "B1", date(2027, 1, 1), time(9), 8, "Telefonie"),
            make_shift(h, "B1", date(2027, 1, 4), time(9), 8, "Telefonie"),
        ]
    )
    weeks = print_weeks(p)
    assert [(w.iso_year, w.iso_week) for w in weeks] == [(2026, 52), (2026, 53), (2027, 1)]
    assert weeks[0].days[0] == date(2026, 12, 21) and weeks[1].days == tuple(
        date(2026, 12, 28 + i) if i < 4 else date(2027, 1, i - 3) for i in range(7)
    )
    assert weeks[0].in_horizon == (False, False, False, True, True, True, True)
    assert weeks[2].in_horizon == (True, True, True, False, False, False, False)
    assert period_tag(weeks) == "2026-W52-2027-W01"
    assert default_file_name(weeks) == "rooster_2026-W52-2027-W01.pdf"
    assert period_tag(weeks[1:2]) == "2026-W53" and default_file_name([]) == "rooster.pdf"
    layout = build_print_layout(p, roster, printed_on=date(2026, 12, 20))
    assert [pg.week.tag for pg in layout.pages] == ["2026-W52", "2026-W53", "2027-W01"]
    by_week = {pg.week.tag: [c for c in pg.rows[0].cells] for pg in layout.pages}
    assert [c.kind for c in by_week["2026-W52"][:3]] == [CellKind.OUTSIDE] * 3
    assert [c.kind for c in by_week["2027-W01"][3:]] == [CellKind.OUTSIDE] * 4
    # New Year's Eve night shift and 1 January both belong to ISO week 2026-53; 4 January to 2027-1
    assert [(c.day, c.text) for c in by_week["2026-W53"] if c.kind is CellKind.SHIFT] == [
        (date(2026, 12, 31), "22:00-06:00"),
        (date(2027, 1, 1), "09:00-17:00"),
    ]
    assert [c.day for c in by_week["2027-W01"] if c.kind is CellKind.SHIFT] == [date(2027, 1, 4)]
    assert layout.pages[1].holidays[date(2027, 1, 1)] == "Nieuwjaarsdag"
    assert layout.pages[0].holidays[date(2026, 12, 25)] == "Eerste kerstdag"
    english = build_print_layout(p, roster, language="en")
    assert english.pages[1].holidays[date(2027, 1, 1)] == "New Year's Day"
    assert layout.header.period == "wk 52 (21–27 dec) 2026 – wk 1 (4–10 jan) 2027"
    assert layout.header.status == "Concept" and layout.header.printed_on == date(2026, 12, 20)


def test_a_large_team_continues_on_a_next_page_and_selections_narrow_the_pages() -> None:
    p = sample_project(days=7)
    p.agents = [Agent(f"X{i}", f"Agent {i:02d}", team="Groot") for i in range(45)] + p.agents[:1]
    layout = build_print_layout(p, p.scenarios[0].roster, rows_per_page=20)
    big = [pg for pg in layout.pages if pg.team == "Groot"]
    assert [(pg.part, pg.parts, len(pg.rows)) for pg in big] == [(1, 3, 20), (2, 3, 20), (3, 3, 5)]
    assert [r.name for pg in big for r in pg.rows] == [f"Agent {i:02d}" for i in range(45)]
    only = build_print_layout(p, p.scenarios[0].roster, teams=["Team Noord"])
    assert [(pg.team, [r.agent_id for r in pg.rows]) for pg in only.pages] == [
        ("Team Noord", ["A1"])
    ]
    one = build_print_layout(p, p.scenarios[0].roster, per="agent", agent_ids=["X3"])
    assert [pg.row.name for pg in one.pages] == ["Agent 03"] and isinstance(one.pages[0], AgentPage)
    none = build_print_layout(p, p.scenarios[0].roster, weeks=[])
    assert none.pages == [] and none.header.period == ""
    with pytest.raises(ValueError, match="onbekende indeling"):
        build_print_layout(p, p.scenarios[0].roster, per="dag")


def test_a_shift_of_an_agent_the_project_no_longer_has_is_still_printed() -> None:
    p = sample_project()
    p.agents = [a for a in p.agents if a.id != "A2"]
    layout = build_print_layout(p, p.scenarios[0].roster)
    rows = [r for pg in layout.pages for r in pg.rows if r.agent_id == "A2"]
    assert rows and all(r.team == NO_TEAM and r.name == "A2" for r in rows)
    assert sum(c.kind is CellKind.SHIFT for r in rows for c in r.cells) == 1


def test_legend_lists_only_what_the_pages_show() -> None:
    p = sample_project()
    team = build_print_layout(p, p.scenarios[0].roster, per="team")
    groups = {(e.group, e.key) for e in team.legend}
    assert ("type", "Vroeg") in groups and ("class", "nacht") in groups
    assert ("absence", "unavailable") in groups and ("absence", "leave") in groups
    assert not any(g == "queue" for g, _k in groups)  # queue colours belong to the agent timeline
    agent = build_print_layout(p, p.scenarios[0].roster, per="agent", agent_ids=["A2"])
    keys = [(e.group, e.key) for e in agent.legend]
    assert ("queue", "E-mail") in keys and ("queue", "Chat") not in keys
    assert team.queue_codes == {"Telefonie": "T", "Chat": "C", "E-mail": "E"}


def test_parse_weeks_reads_what_a_planner_types() -> None:
    p = sample_project(days=21)  # ISO weeks 43, 44, 45 of 2026
    weeks = print_weeks(p)
    tags = lambda ws: [w.tag for w in ws]  # noqa: E731
    assert tags(parse_weeks("", weeks)) == ["2026-W43", "2026-W44", "2026-W45"]
    assert tags(parse_weeks("44", weeks)) == ["2026-W44"]
    assert tags(parse_weeks("45, 43", weeks)) == ["2026-W43", "2026-W45"]
    assert tags(parse_weeks("43-44", weeks)) == ["2026-W43", "2026-W44"]
    assert tags(parse_weeks("2026-W44-W45", weeks)) == ["2026-W44", "2026-W45"]
    assert tags(parse_weeks("2026-w45", weeks)) == ["2026-W45"]
    with pytest.raises(ValueError, match="week 46 valt niet in de roosterperiode"):
        parse_weeks("45-46", weeks)
    with pytest.raises(ValueError, match="onbekende week"):
        parse_weeks("volgende week", weeks)


def test_queue_codes_are_short_and_unique() -> None:
    assert queue_codes(["Telefonie", "Chat", "E-mail"]) == {
        "Telefonie": "T",
        "Chat": "C",
        "E-mail": "E",
    }
    codes = queue_codes(["Telefonie zakelijk", "Telefonie particulier", "Chat"])
    assert codes == {
        "Telefonie zakelijk": "Telefoniez",
        "Telefonie particulier": "Telefoniep",
        "Chat": "C",
    }
    assert len(set(queue_codes(["Chat", "Chat NL", "chat BE"]).values())) == 3


def test_the_header_carries_project_period_and_the_roster_status() -> None:
    p = sample_project(days=7)
    roster = p.scenarios[0].roster
    layout = build_print_layout(p, roster, printed_on=date(2026, 10, 1))
    assert (layout.header.project_name, layout.header.period) == (p.name, "wk 43 (19–25 okt) 2026")
    assert layout.header.status == "Concept"
    roster.status = RosterStatus.PUBLISHED
    assert build_print_layout(p, roster).header.status == "Gepubliceerd"
    roster.status = RosterStatus.CHANGED
    assert build_print_layout(p, roster).header.status == "Gewijzigd na publicatie"
    empty = build_print_layout(p, None)
    assert empty.header.status is None
    assert {c.kind for pg in empty.pages for r in pg.rows for c in r.cells} <= {
        CellKind.OFF,
        CellKind.LEAVE,
        CellKind.UNAVAILABLE,
        CellKind.ABSENT,
    }
