"""The ``kcroster`` command line: headless entry points to the same functions the GUI calls.

Each subcommand is a pair registered in :data:`SUBCOMMANDS`: ``add_<name>_parser(sub)`` adds its
argparse sub-parser and sets ``func``; ``cmd_<name>(args) -> int`` does the work. Bad input
(:class:`~kcroster.model.KcrosterInputError`) is reported as one clear line on stderr with exit
code 2; a usage error exits with 2 as argparse does.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from kcroster import __version__
from kcroster.io.atomic import WriteError, describe_os_error
from kcroster.model.errors import KcrosterInputError

EXIT_OK = 0
EXIT_INPUT = 2
T = TypeVar("T")


def _sl(text: str) -> tuple[float, float]:
    """'80/20' → (80.0, 20.0)."""
    a, sep, b = text.replace(" ", "").partition("/")
    try:
        pct, secs = float(a.replace(",", ".")), float(b.replace(",", "."))
    except ValueError:
        pct = secs = -1.0
    if not sep or not (0 < pct < 100) or secs < 0:
        raise argparse.ArgumentTypeError(f"'{text}' is geen service level; schrijf bijvoorbeeld 80/20")
    return pct, secs


def _positive(text: str) -> float:
    try:
        v = float(text.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is geen getal") from None
    if not v > 0:
        raise argparse.ArgumentTypeError(f"'{text}' moet groter dan 0 zijn")
    return v


def _weeks(text: str) -> int:
    """A number of weeks, 1 or more: ``--weeks -1`` used to cut the horizon to a negative
    length and report 16 bogus violations (issue 23)."""
    try:
        v = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is geen geheel aantal weken") from None
    if v < 1:
        raise argparse.ArgumentTypeError(f"'{text}' moet 1 of meer weken zijn")
    return v


def _percent_text(value: float) -> str:
    """A fraction as '93.4 %', or 'n.v.t.' when the model does not compute it (NaN)."""
    import math

    return f"{100 * value:.1f} %" if math.isfinite(value) else "n.v.t."


def _fraction(text: str) -> float:
    """'0.85', '0,85' or '85%' → 0.85."""
    t = text.strip()
    pct = t.endswith("%")
    try:
        v = float(t.rstrip("%").replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is geen getal") from None
    if pct or v > 1:
        v /= 100.0
    if not 0 <= v <= 1:
        raise argparse.ArgumentTypeError(f"'{text}' moet tussen 0 en 1 (of 0 % en 100 %) liggen")
    return v


# --------------------------------------------------------------------------------------------
# kcroster staffing
# --------------------------------------------------------------------------------------------

STAFFING_EPILOG = """\
voorbeelden:
  kcroster staffing prognose.xlsx -o bezetting.xlsx
  kcroster staffing prognose.csv --sl 80/20 --aht 240 --shrinkage 30% -o bezetting.csv
  kcroster staffing prognose.xlsx --patience 180 --interval 15
  kcroster staffing plan.kcroster -o bezetting.xlsx   (het actieve scenario van een project)

De instellingen op het blad 'Queues' van de werkmap gaan voor; deze opties vullen lege cellen
en gelden voor alle wachtrijen van een CSV.
Uitvoer per wachtrij × interval: date, time, queue, volume, aht, traffic, agents, scheduled,
service_level, asa, occupancy, abandon, reachability. CSV: komma-gescheiden, punt als decimaal-
teken; xlsx: een blad per wachtrij plus 'Dagoverzicht' (FTE op de basis van het project,
voor een prognosebestand 36 uur per week).
Exitcode 0 = gelukt, 2 = fout in de invoer (de melding noemt bestand, blad, rij en kolom).
"""


def add_staffing_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "staffing",
        help="bezetting per wachtrij × interval berekenen uit een prognose (Erlang C/A, chat, e-mail)",
        description=(
            "Leest een prognose (xlsx of CSV, lang of breed formaat, met het blad Queues) en schrijft "
            "per wachtrij en interval hoeveel agents nodig en in te roosteren zijn, met het verwachte "
            "service level, ASA, bezettingsgraad, afhaakpercentage en bereikbaarheid."
        ),
        epilog=STAFFING_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("forecast", metavar="FORECAST", type=Path,
                   help="prognose: .xlsx-werkmap of .csv-bestand, of een project (.kcroster: het actieve scenario, "
                        "met zijn volume- en AHT-factoren en servicedoelen)")
    p.add_argument(
        "-o", "--output", metavar="OUT", type=Path,
        help="uitvoerbestand, .xlsx (opgemaakt) of .csv (voor andere software); "
        "standaard <FORECAST>-bezetting.xlsx naast de prognose",
    )
    p.add_argument(
        "--interval", type=int, choices=(15, 30, 60), metavar="MIN",
        help="intervallengte in minuten (15, 30 of 60); standaard afgeleid uit de tijden in het bestand",
    )
    p.add_argument("--sl", type=_sl, metavar="PCT/SEC",
                   help="service-level-doel, bijv. 80/20 = 80%% binnen 20 seconden (standaard 80/20)")
    p.add_argument("--asa", type=_positive, metavar="S",
                   help="doel voor de gemiddelde wachttijd (ASA) in seconden (standaard: geen)")
    p.add_argument("--max-occupancy", type=_fraction, metavar="F",
                   help="maximale bezettingsgraad, bijv. 0.85 of 85%% (standaard 0.85 voor telefonie en chat)")
    p.add_argument("--shrinkage", type=_fraction, metavar="F",
                   help="shrinkage (ziekte, overleg, training), bijv. 0.30 of 30%% (standaard 0.30)")
    p.add_argument("--patience", type=_positive, metavar="S",
                   help="gemiddeld geduld van bellers in seconden: rekent met Erlang A (afhakers); "
                   "zonder deze optie Erlang C")
    p.add_argument("--aht", type=_positive, metavar="S",
                   help="gemiddelde afhandeltijd in seconden voor een prognose zonder aht-kolom")
    p.add_argument("--channel", choices=("voice", "chat", "email"),
                   help="kanaal voor wachtrijen zonder instelling (standaard voice)")
    p.add_argument("--concurrency", type=int, metavar="N",
                   help="chat: gelijktijdige gesprekken per agent (1-6, standaard 1)")
    p.add_argument("--response-hours", type=_positive, metavar="H",
                   help="e-mail: antwoordtermijn in uren (standaard 24)")
    p.add_argument("--opening-hours", metavar="TEKST",
                   help="openingstijden, bijv. 'ma-vr 08:00-20:00; za 09:00-17:00; feestdag gesloten'")
    _add_gaps_option(p)
    p.set_defaults(func=cmd_staffing)


def staffing_defaults(args: argparse.Namespace) -> dict[str, object]:
    """The queue_defaults that ``load_forecast`` takes, from the command-line options."""
    out: dict[str, object] = {}
    if args.sl is not None:
        out["sl_percent"], out["sl_seconds"] = args.sl
    mapping = {
        "asa": "asa_seconds", "max_occupancy": "max_occupancy", "shrinkage": "shrinkage",
        "patience": "patience_seconds", "aht": "aht", "channel": "channel", "concurrency": "concurrency",
        "response_hours": "response_hours", "opening_hours": "opening_hours",
    }
    for attr, key in mapping.items():
        value = getattr(args, attr, None)
        if value is not None:
            out[key] = value
    return out


def _add_gaps_option(p: argparse.ArgumentParser) -> None:
    """``--gaps``: what to do with intervals inside opening hours that the forecast has no value
    for (issue 24 item 1); the choices are kcroster.io.forecast.GAP_POLICIES."""
    p.add_argument("--gaps", choices=("interpolate", "zero", "stop"), default=None,
                   help="intervallen binnen de openingstijden zonder waarde in de prognose: "
                        "interpolate = interpoleren (standaard), zero = op 0 zetten, stop = niet "
                        "inlezen; de melding noemt ze met datum, tijd en rij")


def _read_forecast(read: Callable[[str], T], args: argparse.Namespace) -> T:
    """``read(policy)`` with the ``--gaps`` choice (interpolate when not given); the 'stop'
    error also says which option reads the file anyway."""
    from kcroster.io.forecast import DEFAULT_GAP_POLICY, ForecastGapsError

    try:
        return read(getattr(args, "gaps", None) or DEFAULT_GAP_POLICY)
    except ForecastGapsError as exc:
        raise KcrosterInputError(f"{exc.reason} (--gaps interpolate of --gaps zero)", file=exc.file) from exc


def _tell_forecast_notes(forecast: object, args: argparse.Namespace) -> None:
    """Every note of the forecast import on stderr, and which gap choice was made by default."""
    from kcroster.io.forecast import gap_report

    for note in forecast.notes:  # type: ignore[attr-defined]
        print(f"let op: {note}", file=sys.stderr)
    if gap_report(forecast) is not None and getattr(args, "gaps", None) is None:  # type: ignore[arg-type]
        print("let op: ontbrekende intervallen zijn standaard geïnterpoleerd (--gaps interpolate); "
              "--gaps zero zet ze op 0, --gaps stop weigert de prognose", file=sys.stderr)


_QUEUE_OPTIONS = ("interval", "sl", "asa", "max_occupancy", "shrinkage", "patience", "aht", "channel",
                  "concurrency", "response_hours", "opening_hours", "gaps")


def _staffing_project(args: argparse.Namespace) -> object:
    """The project whose requirement ``kcroster staffing`` writes: a saved project (its active
    scenario, with its what-ifs), or a new project from a forecast file and the queue options."""
    from kcroster import pipeline

    if args.forecast.suffix.lower() == ".kcroster":
        given = [f"--{o.replace('_', '-')}" for o in _QUEUE_OPTIONS if getattr(args, o, None) is not None]
        if given:
            raise KcrosterInputError(f"{', '.join(given)} geldt voor een prognosebestand; een project heeft "
                                     "zijn eigen instellingen per wachtrij", file=args.forecast.name)
        return pipeline.open_project(args.forecast, read_only=True)
    project = _read_forecast(lambda gaps: pipeline.import_forecast(
        None, args.forecast, interval_minutes=args.interval, queue_defaults=staffing_defaults(args), gaps=gaps), args)
    _tell_forecast_notes(project.forecast, args)
    return project


def cmd_staffing(args: argparse.Namespace) -> int:
    from kcroster import pipeline

    output = args.output or args.forecast.with_name(args.forecast.stem + "-bezetting.xlsx")
    if output.suffix.lower() not in (".xlsx", ".csv"):
        raise KcrosterInputError("uitvoer moet eindigen op .xlsx of .csv", file=output.name)
    project = _staffing_project(args)
    requirement = pipeline.compute_requirement(project)  # type: ignore[arg-type]
    pipeline.export_staffing(project, output, requirement)  # type: ignore[arg-type]
    h = project.horizon  # type: ignore[attr-defined]
    print(f"{project.forecast.source}: {len(project.forecast.queues)} wachtrij(en), {h.days} dagen vanaf "  # type: ignore[attr-defined]
          f"{h.start.strftime('%d-%m-%Y')}, intervallen van {h.interval_minutes} minuten")
    for q in pipeline.staffing_summary(project, requirement):  # type: ignore[arg-type]
        print(f"  {q.queue}: piek {q.peak_agents:.0f} agents, gemiddeld {q.fte_per_week:.1f} FTE per week")
    print(f"geschreven: {output}")
    return EXIT_OK


# --------------------------------------------------------------------------------------------
# roster, check, plan, demo
# --------------------------------------------------------------------------------------------


def _add_solve_options(p: argparse.ArgumentParser, default_limit: float) -> None:
    p.add_argument("--weeks", type=_weeks, default=None, metavar="N",
                   help="alleen de eerste N weken van de prognose inroosteren (standaard: alles)")
    p.add_argument("--time-limit", type=_positive, default=default_limit, metavar="S",
                   help=f"rekentijd van de optimalisatie in seconden (standaard {default_limit:g})")
    p.add_argument("--workers", type=int, default=0, metavar="N",
                   help="aantal rekenkernen (0 = alle)")
    p.add_argument("--seed", type=int, default=0, metavar="N", help="startgetal van de zoektocht")
    _add_gaps_option(p)
    p.add_argument("--explain-plan", action="store_true",
                   help="toon welke strategieën de optimalisatie zou gebruiken, zonder te rekenen")
    p.add_argument("--wall-clock", action="store_true",
                   help="de rekentijd als kloktijd: de strategieën naast elkaar (zoals in de app); "
                        "het rooster hangt dan af van wat de computer verder doet. Standaard is de "
                        "rekentijd vast rekenwerk: dezelfde invoer en --seed geven hetzelfde rooster")


def _load_plan_inputs(args: argparse.Namespace) -> object:
    from kcroster import pipeline

    agent_warnings: list[str] = []
    project = _read_forecast(lambda gaps: pipeline.load_inputs(args.forecast, args.agents, gaps=gaps,
                                                               agent_warnings=agent_warnings), args)
    _tell_forecast_notes(project.forecast, args)
    for warning in agent_warnings:
        print(f"let op: {warning}", file=sys.stderr)
    if getattr(args, "weeks", None):
        project = pipeline.restrict_horizon(project, 7 * args.weeks)
    return project


def _solve_options(args: argparse.Namespace) -> object:
    import os

    from kcroster.solver import SolveOptions

    return SolveOptions(time_limit_s=args.time_limit, workers=args.workers or os.cpu_count() or 1,
                        seed=args.seed, deterministic=not getattr(args, "wall_clock", False))


def _explain_plan(project: object, args: argparse.Namespace) -> int:
    """``--explain-plan``: print the strategies the solve would run, and stop."""
    from kcroster import pipeline
    from kcroster.solver import explain_plan

    requirement = pipeline.compute_requirement(project)  # type: ignore[arg-type]
    for line in explain_plan(project, requirement.scheduled, options=_solve_options(args)):
        print(line)
    return EXIT_OK


def _solve(project: object, args: argparse.Namespace) -> tuple[object, object]:
    from kcroster import pipeline

    requirement = pipeline.compute_requirement(project)  # type: ignore[arg-type]

    shown: list[tuple[object, object]] = []

    def progress(p: object) -> None:
        # a line when the best roster or the bound moves (the solve reports more often)
        obj = getattr(p, "objective", None)
        bound = getattr(p, "best_bound", None)
        if obj is not None and (not shown or shown[-1] != (obj, bound)):
            shown.append((obj, bound))
            told = f"{bound:,.0f}" if bound is not None else "nog geen"
            print(f"  {p.elapsed_s:6.1f} s  doel {obj:,.0f}  ondergrens {told}", file=sys.stderr)

    result = pipeline.solve_roster(project, requirement, on_progress=progress,  # type: ignore[arg-type]
                                   options=_solve_options(args))  # type: ignore[arg-type]
    return requirement, result


def _report_result(project: object, requirement: object, result: object) -> int:
    from kcroster import pipeline

    r = result
    print(f"status: {r.status}, {len(r.roster.shifts)} diensten in {r.elapsed_s:.1f} s"
          + (f" (eerste rooster na {r.time_to_first_s:.1f} s)" if r.time_to_first_s is not None else ""))
    if r.objective is not None:
        gap = f"{100 * r.gap:.2f} %" if r.gap is not None else "?"
        bound = f"{r.best_bound:,.0f}" if r.best_bound is not None else "geen bewezen"
        print(f"doelfunctie {r.objective:,.0f}, ondergrens {bound}, gat {gap}")
    for line in r.conflicts:
        print(f"conflict: {line}")
    for note in r.notes:  # what the solve must tell: a partial week, a failed bound
        print(f"let op: {note}", file=sys.stderr)
    if not r.roster.shifts:
        return EXIT_INPUT if r.status == "infeasible" else 1
    cov = pipeline.coverage(project, r.roster, requirement)  # type: ignore[arg-type]
    t = cov.totals
    req_h = float(cov.required.sum()) * project.horizon.interval_minutes / 60  # type: ignore[attr-defined]
    short = t["shortfall_hours"]
    share = 100 * short / req_h if req_h else 0
    print(f"tekort: {short:,.1f} agent-uur ({share:.1f} % van {req_h:,.0f} benodigde uren)")
    print(f"wensen gehonoreerd: {int(t['wishes_granted'])} van {int(t['wishes_total'])}; "
          f"eerlijkheid (slechtst bediende medewerker) {100 * t['fairness']:.0f} %")
    k = pipeline.kpis(cov)  # the figures the screen and the workbook show
    # Erlang C does not model abandonment: its reachability is NaN ('bereikbaarheid nan %').
    print(f"voorspeld: servicelevel {_percent_text(k['service_level'])}, ASA {k['asa']:.0f} s, "
          f"bereikbaarheid {_percent_text(k['reachability'])}, bezettingsgraad {_percent_text(k['occupancy'])}")
    print(f"FTE: ingepland {k['fte_scheduled']:.2f}, vereist {k['fte_required']:.2f} "
          f"({project.fte_hours:g} uur per week)")  # type: ignore[attr-defined]
    errors = [v for v in r.violations if str(v.severity) == "error"]
    print("regelcontrole: " + ("geen overtredingen" if not errors else f"{len(errors)} overtredingen"))
    for v in errors[:20]:
        print(f"  {v.agent_id or '-'}: {v.message_nl}")
    return 0 if not errors else 1


def add_roster_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("roster", help="rooster maken met de optimalisatie",
                       description="Bereken de bezetting uit de prognose en maak een rooster voor de "
                                   "medewerkers. Schrijft één rij per activiteit: agent, start, end, activity.")
    p.add_argument("forecast", type=Path, metavar="FORECAST", help="prognose (.xlsx of .csv)")
    p.add_argument("agents", type=Path, metavar="AGENTS", help="medewerkerswerkmap (.xlsx)")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="ROSTER.csv", help="roosterbestand")
    _add_solve_options(p, 60.0)
    p.set_defaults(func=cmd_roster)


def cmd_roster(args: argparse.Namespace) -> int:
    from kcroster.io.roster_csv import write_roster_csv

    project = _load_plan_inputs(args)
    if args.explain_plan:
        return _explain_plan(project, args)
    requirement, result = _solve(project, args)
    if result.roster.shifts:  # type: ignore[attr-defined]
        write_roster_csv(result.roster, args.output)  # type: ignore[attr-defined]
        print(f"geschreven: {args.output}")
    return _report_result(project, requirement, result)


def add_check_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="rooster toetsen aan alle regels",
                       description="Toets een roosterbestand aan de Arbeidstijdenwet, contracten, "
                                   "re-integratie en wensen. Exitcode 1 bij overtredingen.")
    p.add_argument("forecast", type=Path, metavar="FORECAST")
    p.add_argument("agents", type=Path, metavar="AGENTS")
    p.add_argument("roster", type=Path, metavar="ROSTER.csv")
    p.add_argument("--warnings", action="store_true", help="ook waarschuwingen tonen")
    _add_gaps_option(p)
    p.add_argument("--weeks", type=_weeks, default=None, metavar="N",
                   help="alleen de eerste N weken toetsen (zoals bij 'roster --weeks')")
    p.set_defaults(func=cmd_check)


def cmd_check(args: argparse.Namespace) -> int:
    from kcroster import pipeline
    from kcroster.io.roster_csv import read_roster_csv

    project = _load_plan_inputs(args)
    roster = read_roster_csv(args.roster, project)
    violations = pipeline.check_roster(project, roster)
    shown = [v for v in violations if args.warnings or str(v.severity) == "error"]
    for v in shown:
        when = v.when.isoformat() if hasattr(v.when, "isoformat") else ""
        print(f"{v.severity}\t{v.agent_id or '-'}\t{when}\t{v.rule_name_nl}\t{v.message_nl}")
    errors = sum(1 for v in violations if str(v.severity) == "error")
    print(f"{len(roster.shifts)} diensten getoetst: {errors} overtredingen, "
          f"{len(violations) - errors} waarschuwingen", file=sys.stderr)
    return 1 if errors else 0


def add_plan_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("plan", help="hele keten: bezetting → rooster → controle → planner-werkmap",
                       description="Voert de hele planningsketen uit en schrijft de planner-werkmap.")
    p.add_argument("forecast", type=Path, metavar="FORECAST")
    p.add_argument("agents", type=Path, metavar="AGENTS")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="PLAN.xlsx")
    p.add_argument("--project", type=Path, default=None, metavar="OUT.kcroster",
                   help="ook het projectbestand opslaan")
    p.add_argument("--take-over-lock", action="store_true",
                   help="een verlaten vergrendeling van het projectbestand overnemen (van "
                        "een andere computer en ouder dan 12 uur; alleen als kcroster daar "
                        "niet meer open is)")
    _add_solve_options(p, 60.0)
    p.set_defaults(func=cmd_plan)


def _lock_project(args: argparse.Namespace) -> object:
    """Take the lock on ``--project`` before any work (issue 23 item 7): a project another
    instance holds used to fail with a traceback after the solve and the workbook. Returns the
    lock (None without ``--project``); raises ProjectLockedError, or WriteError when the lock
    file cannot be made (read-only or missing folder) — also before the work."""
    if not getattr(args, "project", None):
        return None
    from kcroster.io.store import ProjectLock

    lock = ProjectLock(args.project)
    lock.acquire(take_over=getattr(args, "take_over_lock", False))
    return lock


def _locked_message(exc: object) -> str:
    """The CLI's text for a ProjectLockedError: the message and, where it applies, the option."""
    text = f"fout: {exc}"
    if getattr(exc, "can_take_over", False):
        text += "\nGebruik --take-over-lock om de vergrendeling over te nemen."
    return text


def cmd_plan(args: argparse.Namespace) -> int:
    from kcroster.io.store import ProjectLockedError

    try:
        lock = _lock_project(args)
    except ProjectLockedError as exc:
        print(_locked_message(exc), file=sys.stderr)
        return EXIT_INPUT
    try:
        return _plan(args)
    except ProjectLockedError as exc:  # taken over by someone else while we solved
        print(_locked_message(exc), file=sys.stderr)
        return EXIT_INPUT
    finally:
        if lock is not None:
            lock.release()  # type: ignore[attr-defined]


def _plan(args: argparse.Namespace) -> int:
    from kcroster import pipeline

    project = _load_plan_inputs(args)
    if args.explain_plan:
        return _explain_plan(project, args)
    requirement, result = _solve(project, args)
    code = _report_result(project, requirement, result)
    if result.roster.shifts:  # type: ignore[attr-defined]
        project.scenario.roster = result.roster  # type: ignore[attr-defined]
        pipeline.export_planner_workbook(project, result.roster, requirement, args.output)  # type: ignore[arg-type]
        print(f"geschreven: {args.output}")
        if args.project:
            pipeline.save_project(project, args.project)  # type: ignore[arg-type]
            print(f"geschreven: {args.project}")
    return code


def add_import_roster_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import-roster", help="bewerkte planner-werkmap terug in het project lezen",
        description="Leest het blad 'Rooster' van een planner-werkmap die in Excel is bewerkt, "
                    "vergelijkt het met het rooster in het project, toont de wijzigingen en de "
                    "regelcontrole en slaat het project op. Cellen die niet te lezen zijn houden "
                    "hun dienst. Exitcode 0 = gelukt, 1 = overtredingen of onleesbare cellen, "
                    "2 = fout in de invoer.")
    p.add_argument("workbook", type=Path, metavar="PLAN.xlsx", help="bewerkte planner-werkmap")
    p.add_argument("--project", type=Path, required=True, metavar="P.kcroster",
                   help="projectbestand waarin het rooster wordt vervangen")
    p.add_argument("--dry-run", action="store_true",
                   help="alleen wijzigingen en regelcontrole tonen, het project niet opslaan")
    p.add_argument("--take-over-lock", action="store_true",
                   help="een verlaten vergrendeling van het projectbestand overnemen")
    p.set_defaults(func=cmd_import_roster)


def cmd_import_roster(args: argparse.Namespace) -> int:
    """``import-roster``: the GUI's Bestand → Rooster importeren uit Excel on the command line
    (issue 23 item 17). The project is opened under its lock, saved by the store (atomic)."""
    from kcroster import pipeline
    from kcroster.io.roster_import import import_planner_workbook
    from kcroster.io.store import ProjectLockedError, open_project, save_project
    from kcroster.model import Roster

    try:
        opened = open_project(args.project, read_only=args.dry_run,
                              take_over=args.take_over_lock)
    except ProjectLockedError as exc:
        print(_locked_message(exc), file=sys.stderr)
        return EXIT_INPUT
    try:
        for notice in opened.notices:
            print(f"let op: {notice}", file=sys.stderr)
        project = opened.project
        exported = project.scenario.roster or Roster([])
        result = import_planner_workbook(args.workbook, project, exported)
        tz = project.horizon.tz
        print(f"{len(result.changes)} wijziging(en) in {args.workbook.name}")
        for change in result.changes:
            print(f"  {change.describe(tz)}")
        for err in result.errors:
            print(f"onleesbaar (dienst ongewijzigd): {err}", file=sys.stderr)
        violations = pipeline.check_roster(project, result.roster)
        errors = [v for v in violations if str(v.severity) == "error"]
        print("regelcontrole: " + ("geen overtredingen" if not errors
                                   else f"{len(errors)} overtredingen")
              + f", {len(violations) - len(errors)} waarschuwingen")
        for v in errors[:20]:
            print(f"  {v.agent_id or '-'}: {v.message_nl}")
        if result.changes and not args.dry_run:
            if opened.read_only:
                print(f"fout: {args.project.name} is alleen-lezen geopend; niet opgeslagen",
                      file=sys.stderr)
                return EXIT_INPUT
            project.scenario.roster = result.roster
            save_project(project, args.project)
            print(f"geschreven: {args.project}")
        return 1 if errors or result.errors else EXIT_OK
    finally:
        if opened.lock is not None:
            opened.lock.release()


def add_demo_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="de keten op het demoproject uit samples/",
                       description="Draait 'plan' op het demoproject (samples/) en schrijft de uitvoer "
                                   "in de opgegeven map.")
    p.add_argument("-o", "--output", type=Path, default=Path("build/demo"), metavar="MAP")
    _add_solve_options(p, 60.0)
    p.set_defaults(func=cmd_demo)


def cmd_demo(args: argparse.Namespace) -> int:
    from kcroster.pipeline import SAMPLES

    args.output.mkdir(parents=True, exist_ok=True)
    args.forecast = SAMPLES / "demo_forecast.xlsx"
    args.agents = SAMPLES / "demo_agents.xlsx"
    out_dir = args.output
    args.output = out_dir / "demo-plan.xlsx"
    args.project = out_dir / "demo.kcroster"
    return cmd_plan(args)


# --------------------------------------------------------------------------------------------
# kcroster forecast
# --------------------------------------------------------------------------------------------

FORECAST_EPILOG = """\
voorbeelden:
  kcroster forecast acd_export.csv -o prognose.csv --from 2026-03-02 --weeks 8
  kcroster forecast historie.xlsx -o prognose.xlsx --from 02-03-2026 --weeks 4 --quantile 0.8
  kcroster forecast calls.txt -o prognose.csv --from 2026-03-02 --weeks 2 \\
      --columns arrival=vru_exit,queue=type,wait=q_time,handle=ser_time

HISTORY is een prognosebestand met datums in het verleden (lang of breed, xlsx of csv) of een
call-by-call-export van de ACD (een regel per contact). De uitvoer (date, time, queue, volume,
aht, p10, p90) lezen 'staffing', 'roster' en 'plan'. Gesloten intervallen krijgen geen regel.
Exitcode 0 = gelukt, 2 = fout in de invoer (de melding noemt bestand, rij en kolom).
"""


def _forecast_day(text: str) -> object:
    from datetime import datetime

    for fmt in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"'{text}' is geen datum; schrijf JJJJ-MM-DD of DD-MM-JJJJ")


def _forecast_weeks(text: str) -> int:
    try:
        v = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is geen geheel aantal weken") from None
    if not 1 <= v <= 104:
        raise argparse.ArgumentTypeError(f"'{text}': het aantal weken moet tussen 1 en 104 liggen")
    return v


def add_forecast_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "forecast", help="prognose maken uit de historie (met backtest)",
        description="Maakt een prognose per wachtrij × interval uit de historie, kiest de methode "
                    "met een backtest op die historie en toont de tabel.",
        epilog=FORECAST_EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("history", type=Path, metavar="HISTORY")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="FORECAST.csv|.xlsx")
    p.add_argument("--from", dest="start", type=_forecast_day, required=True, metavar="DATUM",
                   help="eerste dag van de prognose")
    p.add_argument("--weeks", type=_forecast_weeks, required=True, metavar="N")
    p.add_argument("--interval", type=int, choices=(15, 30, 60), default=None,
                   help="intervallengte in minuten (standaard die van de historie)")
    p.add_argument("--method", default="auto",
                   choices=("auto", "daymodel", "ets", "last_week", "mean4"),
                   help="auto = de beste in de backtest")
    p.add_argument("--quantile", type=_positive, default=0.5,
                   help="kwantiel van het volume waarop de bezetting rekent (standaard 0.5)")
    p.add_argument("--columns", default=None, metavar="VELD=KOLOM,...",
                   help="kolommen van een call-by-call-export, bijv. arrival=vru_exit,queue=type")
    p.add_argument("--aht", type=_positive, default=None, metavar="S",
                   help="AHT in seconden als de historie er geen heeft")
    p.add_argument("--special", action="append", default=[], metavar="DATUM[:TOT]=LABEL",
                   help="bijzondere dag(en), bijv. 2026-03-05=mailing (herhaalbaar)")
    p.set_defaults(func=cmd_forecast)


def cmd_forecast(args: argparse.Namespace) -> int:
    from kcroster.forecasting.acd import parse_column_mapping
    from kcroster.forecasting.calendar import parse_special_days
    from kcroster.forecasting.run import run_forecast

    try:
        special = parse_special_days(args.special)
    except ValueError as exc:
        raise KcrosterInputError(f"--special: {exc}") from exc
    given = parse_column_mapping(args.columns)
    header, columns = _forecast_columns(args.history, given)
    run = run_forecast(
        args.history, args.output, start=args.start, weeks=args.weeks,
        interval_minutes=args.interval, method=args.method, quantile=args.quantile,
        columns=columns, aht_seconds=args.aht, special_days=special,
    )
    if given and header:
        _remember_forecast_columns(header, given)
    print(run.text)
    return EXIT_OK


def _forecast_columns(
    history: Path, given: dict[str, str]
) -> tuple[list[str] | None, dict[str, str]]:
    """The history file's header and the column mapping to read it with: ``--columns`` when
    given, else the mapping remembered for this header (said on stderr, so the planner knows
    where the columns came from), else none (the readers recognise the columns themselves)."""
    from kcroster import settings as user_settings
    from kcroster.forecasting.acd import read_header

    try:
        header = read_header(history)
    except KcrosterInputError:
        return None, given  # the reader says what is wrong with the file
    if given:
        return header, given
    problems: list[user_settings.SettingsProblem] = []
    remembered = user_settings.load_settings(problems).columns_for(header)
    for problem in problems:
        print(f"let op: {problem.message_nl}", file=sys.stderr)
    if remembered:
        text = ",".join(f"{k}={v}" for k, v in remembered.items())
        print(
            f"kolommen zoals eerder opgegeven voor deze kopregel: --columns {text} "
            "(geef --columns om ze te wijzigen)",
            file=sys.stderr,
        )
        return header, remembered
    return header, {}


def _remember_forecast_columns(header: list[str], columns: dict[str, str]) -> None:
    """Remember ``--columns`` for files with this header (the GUI's store): a failed save is
    said on stderr and does not fail the forecast that was written."""
    from kcroster import settings as user_settings

    problems: list[user_settings.SettingsProblem] = []
    settings = user_settings.load_settings(problems)
    for problem in problems:
        print(f"let op: {problem.message_nl}", file=sys.stderr)
    settings.remember_columns(header, columns)
    try:
        user_settings.save_settings(settings)
    except WriteError as exc:
        print(f"let op: de kolommen zijn niet onthouden: {exc}", file=sys.stderr)


# --------------------------------------------------------------------------------------------
# Registration and entry point
# --------------------------------------------------------------------------------------------

SUBCOMMANDS: list[Callable[[argparse._SubParsersAction], None]] = [
    add_staffing_parser, add_roster_parser, add_check_parser, add_plan_parser, add_demo_parser,
    add_forecast_parser,
    add_import_roster_parser,
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kcroster",
        description=(
            "kcroster — personeelsplanning voor klantcontactcentra: prognose → bezetting (Erlang) → "
            "rooster (CP-SAT) → controle en dekking → Excel. Gebruik 'kcroster <opdracht> --help' "
            "voor de opties van een opdracht."
        ),
    )
    parser.add_argument("--version", action="version", version=f"kcroster {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="<opdracht>", title="opdrachten")
    for register in SUBCOMMANDS:
        register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    except SystemExit as exc:  # --help, --version and usage errors
        return int(exc.code) if isinstance(exc.code, int) else EXIT_INPUT
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help(sys.stderr)
        return EXIT_INPUT
    try:
        return int(func(args))
    except KcrosterInputError as exc:
        print(f"fout: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except WriteError as exc:
        print(f"fout: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except OSError as exc:  # a read or write the commands did not wrap themselves
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"fout: {where}{describe_os_error(exc)}", file=sys.stderr)
        return EXIT_INPUT
    except ImportError as exc:  # a declared dependency missing or broken (e.g. holidays)
        print(f"fout: de installatie is onvolledig ({exc}); installeer kcroster opnieuw", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
