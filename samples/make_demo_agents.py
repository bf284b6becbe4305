"""Generate ``samples/demo_agents.xlsx``: 60 agents for the demo contact centre (seeded).

Queues Telefonie, Chat and E-mail over the four weeks of the demo forecast. The horizon start is
read from ``samples/make_demo_forecast.py`` when that script defines it (a ``START``-like
constant ``date(YYYY, M, D)``); otherwise it is :data:`DEFAULT_START`.

Mix: contracts 16–40 h (mostly 24/32/36/38), four skill profiles (Telefonie; Telefonie+Chat;
Chat+E-mail; all three), two school-hours agents, one 17-year-old weekend agent, leave for ten
agents, wishes for half of them (a few ``moet``), two reintegration plans, and shift rules with the
named shift types Vroeg, Midden, Laat and Zaterdag. Run: ``python samples/make_demo_agents.py``.
"""

from __future__ import annotations

import random
import re
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from kcroster.io.agents import AgentsData, load_agents_workbook
from kcroster.io.templates import export_agents_template
from kcroster.model import Agent, Leave, ReintegrationStep, ShiftRules, ShiftType, Wish, WishKind

DEFAULT_START = date(2027, 5, 3)  # a Monday
DAYS = 28
SEED = 20270503
QUEUES = ("Telefonie", "Chat", "E-mail")
TZ = ZoneInfo("Europe/Amsterdam")
HERE = Path(__file__).resolve().parent
OUT = HERE / "demo_agents.xlsx"

FIRST_NAMES = (
    "Sanne", "Daan", "Emma", "Lucas", "Julia", "Sem", "Lotte", "Milan", "Anouk", "Thijs", "Fleur",
    "Bram", "Lisa", "Jesse", "Eva", "Ruben", "Noa", "Tim", "Sophie", "Lars", "Iris", "Niels",
    "Femke", "Joris", "Maud", "Stijn", "Roos", "Koen", "Esther", "Gijs", "Marieke", "Pieter",
    "Naima", "Youssef", "Priya", "Kevin", "Ilse", "Wouter", "Yara", "Mohamed", "Linda", "Sander",
    "Annelies", "Jeroen", "Charlotte", "Hamza", "Petra", "Rik", "Mirjam", "Bas", "Demi", "Tom",
    "Inge", "Mark", "Ayşe", "Dennis", "Nicole", "Erik", "Kim", "Vincent",
)
LAST_NAMES = (
    "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser",
    "Smit", "Meijer", "de Boer", "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks",
    "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra", "Smits", "de Graaf", "van der Meer",
    "van der Linden", "Kok", "Jacobs", "de Haan", "Vermeulen", "van den Heuvel", "van der Veen",
    "van den Broek", "de Bruijn", "de Bruin", "van der Heijden", "Schouten", "van Beek",
    "Willems", "van Vliet", "van de Ven", "Hoekstra", "Maas", "Verhoeven", "Koster", "van Dam",
    "van der Wal", "Prins", "Blom", "Huisman", "Peeters", "de Lange", "Kuipers", "Bosman",
    "El Amrani", "Yilmaz", "Postma", "Wijnands", "Kramer", "Veenstra",
)


def horizon_start() -> date:
    """The demo forecast's first day, when its generator says so; else DEFAULT_START."""
    script = HERE / "make_demo_forecast.py"
    if script.exists():
        text = script.read_text(encoding="utf-8")
        m = re.search(r"^\s*[A-Z_]*START[A-Z_]*\s*(?::[^=]*)?=\s*(?:datetime\.)?"
                      r"date\((\d{4}),\s*(\d{1,2}),\s*(\d{1,2})\)", text, flags=re.MULTILINE)
        if m:
            return date(int(m[1]), int(m[2]), int(m[3]))
    return DEFAULT_START


def build(start: date) -> AgentsData:
    rng = random.Random(SEED)
    days = [start + timedelta(days=i) for i in range(DAYS)]
    names = list(zip(FIRST_NAMES, rng.sample(LAST_NAMES, len(LAST_NAMES)), strict=True))

    # 26 Telefonie, 18 Telefonie+Chat, 10 Chat+E-mail, 6 all three
    profiles = ([("Telefonie",)] * 26 + [("Telefonie", "Chat")] * 18 + [("Chat", "E-mail")] * 10
                + [QUEUES] * 6)
    rng.shuffle(profiles)
    contracts = [24] * 10 + [32] * 16 + [36] * 18 + [38] * 10 + [40] * 3 + [20] * 2 + [16]
    rng.shuffle(contracts)

    agents: list[Agent] = []
    for i in range(60):
        first, last = names[i]
        hours = contracts[i]
        days_pw = 5 if hours >= 32 else (4 if hours >= 24 else 3)
        agent = Agent(
            id=f"M{i + 1:03d}", name=f"{first} {last}", contract_hours=float(hours),
            max_days_per_week=days_pw, skills=tuple(profiles[i]),
            team=f"Team {'ABC'[i % 3]}",
        )
        agents.append(agent)

    # the 17-year-old weekend agent (youth rules): Telefonie, Saturdays and Sundays
    youth = agents[59]
    youth.name = "Tess Verbeek"
    youth.contract_hours, youth.max_days_per_week, youth.skills = 16.0, 2, ("Telefonie",)
    youth.birth_date = date(start.year - 17, start.month, start.day) - timedelta(days=40)
    youth.earliest_start, youth.latest_end = time(9, 0), time(18, 0)
    youth.max_consecutive_days = 2
    # two school-hours agents
    for a in (agents[10], agents[23]):
        a.contract_hours, a.max_days_per_week = 24.0, 5
        a.earliest_start, a.latest_end = time(8, 30), time(14, 30)
    # the reintegration agents need the e-mail skill
    r1, r2 = agents[5], agents[17]
    r1.skills = ("Chat", "E-mail")
    r2.skills = ("Telefonie", "Chat")
    r1.contract_hours, r2.contract_hours = 32.0, 36.0

    leave: list[Leave] = []

    def whole_days(aid: str, first_day: date, last_day: date, label: str) -> None:
        leave.append(Leave(aid, datetime.combine(first_day, time(0), TZ),
                           datetime.combine(last_day + timedelta(days=1), time(0), TZ), label))

    pool = [a for a in agents if a not in (youth, r1, r2)]
    on_leave = rng.sample(pool, 10)
    for k, a in enumerate(on_leave):
        if k < 4:  # a week of vacation (Monday to Friday) in one of the four weeks
            monday = start + timedelta(days=7 * (k % 4) - start.weekday())
            whole_days(a.id, monday, monday + timedelta(days=4), "vakantie")
        elif k < 8:
            d = rng.choice(days)
            whole_days(a.id, d, d, rng.choice(("verlof", "bijzonder verlof", "cursus")))
        else:  # part of a day
            d = rng.choice([x for x in days if x.weekday() < 5])
            leave.append(Leave(a.id, datetime.combine(d, time(13, 0), TZ),
                               datetime.combine(d, time(17, 0), TZ), "afspraak"))
    # the weekend agent goes to school on weekdays: unavailable Monday to Friday
    for week in range(0, DAYS, 7):
        monday = start + timedelta(days=week - start.weekday())
        whole_days(youth.id, max(monday, start), monday + timedelta(days=4), "school")
    # the reintegration appointment: a neutral label, never a reason
    d = start + timedelta(days=(1 - start.weekday()) % 7 + 7)
    leave.append(Leave(r1.id, datetime.combine(d, time(9, 0), TZ), datetime.combine(d, time(11, 0), TZ),
                       "niet beschikbaar – re-integratie"))

    rules = ShiftRules(
        use_templates=True, start_step_minutes=30, min_length_minutes=240, max_length_minutes=540,
        length_step_minutes=30,
        shift_types=[
            ShiftType("Vroeg", time(8, 0), time(16, 30)),
            ShiftType("Midden", time(10, 0), time(18, 30)),
            ShiftType("Laat", time(11, 30), time(20, 0), unpopular=True),
            ShiftType("Zaterdag", time(9, 0), time(17, 0)),
        ],
    )

    wishes: list[Wish] = []
    wishers = rng.sample([a for a in agents if a is not youth], 30)
    musts = 0
    for a in wishers:
        for d in rng.sample(days, rng.randint(1, 4)):
            roll = rng.random()
            weight = rng.choice((1, 1, 2, 2, 3))
            if roll < 0.35:
                w = Wish(a.id, d, WishKind.OFF, weight)
                if musts < 4 and rng.random() < 0.3:
                    w.must, w.weight = True, 3
                    musts += 1
            elif roll < 0.55:
                w = Wish(a.id, d, WishKind.EARLY, weight)
            elif roll < 0.72:
                w = Wish(a.id, d, WishKind.LATE, weight)
            elif roll < 0.87:
                s = rng.choice((time(8, 0), time(8, 30), time(9, 0)))
                w = Wish(a.id, d, WishKind.WINDOW, weight, window_start=s,
                         window_end=(datetime.combine(d, s) + timedelta(hours=1)).time())
            else:
                w = Wish(a.id, d, WishKind.SHIFT, weight,
                         shift_type=rng.choice(("Midden", "Laat")))
            wishes.append(w)
    wishes.sort(key=lambda w: (w.agent_id, w.day))

    sick = start - timedelta(days=9 * 7)
    reint = [
        ReintegrationStep(r1.id, start, max_hours_week=12, max_hours_day=4,
                          days=frozenset({0, 2, 4}), max_days_week=3, min_rest_days_between=1,
                          window=(time(9, 0), time(15, 0)), queues=("E-mail",), first_sick_day=sick,
                          productivity=0.5),
        ReintegrationStep(r1.id, start + timedelta(days=14), max_hours_week=18, max_hours_day=6,
                          days=frozenset({0, 2, 4}), max_days_week=3, min_rest_days_between=1,
                          window=(time(9, 0), time(15, 0)), queues=("E-mail",), first_sick_day=sick,
                          productivity=0.5),
        ReintegrationStep(r1.id, start + timedelta(days=21), max_hours_week=24, max_hours_day=8,
                          days=frozenset({0, 2, 4}), max_days_week=3,
                          window=(time(9, 0), time(17, 0)), queues=("E-mail",), first_sick_day=sick,
                          productivity=0.75),
        ReintegrationStep(r2.id, start, max_hours_week=24, max_hours_day=6, max_days_week=4,
                          window=(time(8, 0), time(18, 0)), first_sick_day=start - timedelta(days=20 * 7),
                          productivity=0.8, max_continuous_minutes=120),
    ]
    return AgentsData(agents=agents, leave=leave, wishes=wishes, reintegration=reint, shift_rules=rules)


def main(out: Path = OUT) -> Path:
    start = horizon_start()
    data = build(start)
    export_agents_template(out, data, queues=QUEUES)
    back = load_agents_workbook(out, known_queues=set(QUEUES))  # the file must import cleanly
    assert len(back.agents) == 60, len(back.agents)
    return out


if __name__ == "__main__":
    path = main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
    print(f"geschreven: {path}")
