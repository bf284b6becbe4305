<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="nl_NL">
<context>
    <name>kcroster</name>
    <message>
        <location filename="../../kcroster/gui/views/forecast_gaps.py"/>
        <source> (wintertijd)</source>
        <translation> (winter time)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/staffing.py"/>
        <source> uur per week</source>
        <translation> hours per week</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>&amp;Beeld</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>&amp;Bestand</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>&amp;Demo-project openen</source>
        <translation>Open &amp;demo project</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>&amp;Exporteren…</source>
        <translation>&amp;Export…</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>&amp;Instellingen van dit scenario…</source>
        <translation>Scenario &amp;settings…</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>&amp;Medewerkers importeren…</source>
        <translation>Import &amp;agents…</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>&amp;Nieuw project uit forecast…</source>
        <translation>&amp;New project from forecast…</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>&amp;Nieuw scenario (kopie van het actieve)…</source>
        <translation>&amp;New scenario (copy of the active one)…</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>&amp;Ongedaan maken</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>&amp;Openen…</source>
        <translation>&amp;Open…</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>&amp;Optimaliseer</source>
        <translation>&amp;Optimise</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>&amp;Over kcroster</source>
        <translation>&amp;About kcroster</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>&amp;Publiceren</source>
        <translation>&amp;Publish</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>&amp;Recente bestanden</source>
        <translation>&amp;Recent files</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>&amp;Rooster</source>
        <translation>&amp;Roster</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>&amp;Taal</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>&amp;Wensformulieren importeren…</source>
        <translation>Import &amp;wish forms…</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>'{tekst}' is geen dag of reeks dagen (bijv. ma-vr of za, zo)</source>
        <translation>'{tekst}' is not a day or range of days (e.g. mon-fri or sat, sun)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>'{tekst}' is geen percentage</source>
        <translation>'{tekst}' is not a percentage</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>(basislijn)</source>
        <translation>(baseline)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/print_roster.py"/>
        <source>(deel {n} van {totaal})</source>
        <translation>(part {n} of {totaal})</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>(die dagen houden hun dienst).</source>
        <translation>(those days keep their shift).</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>(eerste ziektedag uit het re-integratieplan)</source>
        <translation>(first sick day from the reintegration plan)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/wishes.py"/>
        <source>(geen wens)</source>
        <translation>(no wish)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>(niet in het bestand)</source>
        <translation>(not in the file)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/coverage.py"/>
        <source>({q}: {u})</source>
        <translation>({q}: {u})</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>+ Blok</source>
        <translation>+ Block</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>+ Medewerker</source>
        <translation>+ Agent</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>+ Scenario</source>
        <translation>+ Scenario</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>+ Stap</source>
        <translation>+ Step</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_gaps.py"/>
        <source>, kolom {kolom}</source>
        <translation>, column {kolom}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/staffing.py"/>
        <source>1 FTE = {u} uur per week, een FTE-dag {d} uur.</source>
        <translation>1 FTE = {u} hours per week, an FTE day {d} hours.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>1 uur eerder</source>
        <translation>1 hour earlier</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>1 uur later</source>
        <translation>1 hour later</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>90 %-interval</source>
        <translation>90 % interval</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <location filename="../../kcroster/gui/views/staffing.py"/>
        <source>AHT (s)</source>
        <translation>AHT (s)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>AHT en geduld</source>
        <translation>AHT and patience</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>AHT per wachtrij × weekdag × interval, gladgestreken naar het gemiddelde van de wachtrij; recente weken tellen zwaarder. Geduld: exponentieel (zoals Erlang A rekent), grootste aannemelijkheid met censurering: de wachttijd van alle bellers, ook de beantwoorde, gedeeld door het aantal afhakers.</source>
        <translation>AHT per queue × weekday × interval, smoothed towards the queue's average; recent weeks weigh more. Patience: exponential (as Erlang A assumes), maximum likelihood with censoring: the waiting time of all callers, answered ones included, divided by the number of abandons.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>AHT ×</source>
        <translation>AHT ×</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <location filename="../../kcroster/gui/views/staffing.py"/>
        <source>ASA (s)</source>
        <translation>ASA (s)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>ASA max. (s)</source>
        <translation>ASA max. (s)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/coverage.py"/>
        <source>ASA s</source>
        <translation>ASA s</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast.py"/>
        <source>Aangeboden contacten per interval</source>
        <translation>Offered contacts per interval</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Aankomsttijdstip (verplicht)</source>
        <translation>Arrival time (required)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/solve_dialog.py"/>
        <source>Aanpak:</source>
        <translation>Approach (in Dutch):</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Aanpassing %</source>
        <translation>Adjustment %</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Aanpassing: een percentage op een forecastdag (+10 = 10 % meer contacten). Label: een bijzondere dag (campagne, mailing, storing); markeer ook dezelfde dagen in de historie, dan leert het model het effect ervan. Ctrl+Z maakt ongedaan.</source>
        <translation>Adjustment: a percentage on a forecast day (+10 = 10 % more contacts). Label: a special day (campaign, mailing, outage); tag the same days in the history too, so the model learns their effect. Ctrl+Z undoes.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Aantal rekenkernen voor de optimalisatie (alle = {n} op deze computer)</source>
        <translation>Number of CPU cores for the optimisation (all = {n} on this computer)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/print_roster.py"/>
        <source>Afdrukken</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/export.py"/>
        <source>Afdrukken / PDF</source>
        <translation>Print / PDF</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/print_roster.py"/>
        <source>Afdrukken is mislukt: {reden}</source>
        <translation>Printing failed: {reden}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/print_roster.py"/>
        <source>Afdrukken…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/print_roster.py"/>
        <source>Afgedrukt op {datum}</source>
        <translation>Printed on {datum}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Afhakers</source>
        <translation>Abandons</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Afhandeltijd</source>
        <translation>Handle time</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Afs&amp;luiten</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>Alle</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>Alle cijfers komen uit dezelfde berekening als de schermen Bezetting en Dekking.</source>
        <translation>Every figure comes from the same calculation as the Staffing and Coverage screens.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Alle medewerkers</source>
        <translation>All agents</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Alle vrije dagen van deze week</source>
        <translation>All free days of this week</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>Alle wachtrijen</source>
        <translation>All queues</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Alleen beperkingen en data — nooit een diagnose of klacht (AVG).</source>
        <translation>Restrictions and dates only — never a diagnosis or complaint (GDPR).</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>Alleen de aangevinkte medewerkers doen mee in dit scenario: de optimalisatie, het rooster en de dekking zien alleen hen. Wie uitgevinkt wordt, verdwijnt uit het rooster van dit scenario (ongedaan te maken).</source>
        <translation>Only the ticked agents take part in this scenario: the optimiser, the roster and the coverage see only them. An agent you untick leaves this scenario's roster (undoable).</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Alleen-lezen openen</source>
        <translation>Open read-only</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>Alles op deze tabbladen geldt alleen voor scenario '{naam}'; Basis en de andere scenario's houden hun eigen waarden. Elke wijziging is ongedaan te maken (Ctrl+Z).</source>
        <translation>Everything on these tabs applies to scenario '{naam}' only; Basis and the other scenarios keep their own values. Every change can be undone (Ctrl+Z).</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/export.py"/>
        <source>Alles voor de planner: roostergrid, dagdetails met pauzes per medewerker, dekking per interval, KPI's en een grafiek. Bevat re-integratiebeperkingen: niet delen met het team.</source>
        <translation>Everything for the planner: roster grid, day details with breaks per agent, coverage per interval, KPIs and a chart. Contains reintegration restrictions: do not share with the team.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/jobs.py"/>
        <source>Annuleren</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Automatisch opslaan mislukt: {fout}</source>
        <translation>Autosave failed: {fout}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Backtest</source>
        <translation>Backtest</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Backtest op de eigen historie</source>
        <translation>Backtest on your own history</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Backtest op {n} startmoment ({data}), {h} dagen vooruit.</source>
        <translation>Backtest from {n} cut-off date ({data}), {h} days ahead.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Backtest op {n} startmomenten ({data}), {h} dagen vooruit.</source>
        <translation>Backtest from {n} cut-off dates ({data}), {h} days ahead.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Be&amp;werken</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/models/wishes_model.py"/>
        <source>Begin tussen</source>
        <translation>Start between</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/staffing.py"/>
        <source>Benodigde medewerkers per interval</source>
        <translation>Required agents per interval</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/coverage.py"/>
        <source>Bereikb. %</source>
        <translation>Reach. %</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/coverage.py"/>
        <source>Bereikbaarheid</source>
        <translation>Reachability</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/document.py"/>
        <source>Berekening</source>
        <translation>Calculation</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <location filename="../../kcroster/gui/views/common.py"/>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Bestand inlezen: {naam}</source>
        <translation>Reading file: {naam}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/print_roster.py"/>
        <source>Bestand:</source>
        <translation>File:</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/solve_dialog.py"/>
        <source>Beste rooster</source>
        <translation>Best roster</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/solve_dialog.py"/>
        <source>Beste rooster tot nu toe (strafpunten: lager is beter)</source>
        <translation>Best roster so far (penalty points: lower is better)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/solve_dialog.py"/>
        <source>Beter dan het eerste rooster</source>
        <translation>Better than the first roster</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/solve_dialog.py"/>
        <source>Beter rooster gevonden</source>
        <translation>Better roster found</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/solve_dialog.py"/>
        <source>Beter rooster gevonden (buurtzoeken)</source>
        <translation>Better roster found (neighbourhood search)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/solve_dialog.py"/>
        <source>Beter rooster gevonden (uit de weekroosters van de ondergrens)</source>
        <translation>Better roster found (from the lower bound's week schedules)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/solve_dialog.py"/>
        <source>Bewezen met de ondergrens: zo veel strafpunten kan een beter rooster hooguit schelen. Zolang de ondergrens ver weg ligt zegt dat niets, en staat hier een streepje.</source>
        <translation>Proven by the lower bound: a better roster can save at most this many penalty points. While the bound is still far off this says nothing, and a dash is shown.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/coverage.py"/>
        <source>Bezet. %</source>
        <translation>Occ. %</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/staffing.py"/>
        <source>Bezetting</source>
        <translation>Staffing</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>Bezetting max.</source>
        <translation>Occupancy max.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/coverage.py"/>
        <source>Bezettingsgraad</source>
        <translation>Occupancy</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/staffing.py"/>
        <source>Bezettingsgraad max.</source>
        <translation>Max. occupancy</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Bias</source>
        <translation>Bias</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/models/agents_model.py"/>
        <source>Bijzonderheden</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/print_roster.py"/>
        <source>Bladeren…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Blok</source>
        <translation>Block</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>Blok verwijderen</source>
        <translation>Remove block</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>Blok {n}: {fout}</source>
        <translation>Block {n}: {fout}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/new_project_wizard.py"/>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/print_roster.py"/>
        <source>Concept</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Contact-id (dubbele tellen één keer)</source>
        <translation>Contact id (duplicates count once)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Contacten (alle wachtrijen)</source>
        <translation>Contacts (all queues)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Contract</source>
        <translation>Contract</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/models/agents_model.py"/>
        <source>Contract (u/week)</source>
        <translation>Contract (h/week)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Contract en verlof</source>
        <translation>Contract and leave</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/models/violations_model.py"/>
        <location filename="../../kcroster/gui/views/coverage.py"/>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <location filename="../../kcroster/gui/views/staffing.py"/>
        <source>Dag</source>
        <translation>Day</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/export.py"/>
        <source>Dagdetail met pauzes en activiteiten</source>
        <translation>Day detail with breaks and activities</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>Dagen</source>
        <translation>Days</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Dagen: aanpassen en markeren</source>
        <translation>Days: adjust and tag</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_gaps.py"/>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Datum</source>
        <translation>Date</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Datum (als die in een eigen kolom staat)</source>
        <translation>Date (when it has a column of its own)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/print_roster.py"/>
        <source>De PDF is niet geschreven: {reden}</source>
        <translation>The PDF was not written: {reden}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_gaps.py"/>
        <source>De eerste {shown} van {n} staan in de lijst; de melding bij het inlezen telt ze allemaal.</source>
        <translation>The first {shown} of {n} are listed; the import note counts them all.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>De gekozen medewerker verwijderen, met diensten, wensen en verlof (ongedaan te maken)</source>
        <translation>Remove the chosen agent with their shifts, wishes and leave (can be undone)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>De kolomindeling kon niet worden onthouden: {fout}</source>
        <translation>The column mapping could not be remembered: {fout}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/new_project_wizard.py"/>
        <source>De naam {naam} komt twee keer voor.</source>
        <translation>The name {naam} appears twice.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/solve_dialog.py"/>
        <source>De optimalisatie zoekt een rooster dat de bezetting zo goed mogelijk dekt binnen alle regels.</source>
        <translation>The optimiser looks for a roster that covers the requirement as well as possible within all rules.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>De regelcontrole staat hieronder op het scherm Rooster; Ongedaan maken (Ctrl+Z) zet het vorige rooster terug.</source>
        <translation>The rule check is below on the Roster screen; Undo (Ctrl+Z) brings the previous roster back.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>De scenario's {namen} hebben nog geen rooster: alleen de bezetting (FTE en uren nodig).</source>
        <translation>Scenarios {namen} have no roster yet: the requirement only (FTE and hours needed).</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>De taal kon niet worden bewaard: {fout}</source>
        <translation>The language could not be saved: {fout}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>De taal wordt gewijzigd bij de volgende start van kcroster.</source>
        <translation>The language changes the next time kcroster starts.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/coverage.py"/>
        <source>Dekking</source>
        <translation>Coverage</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/export.py"/>
        <source>Dekking per wachtrij en interval, met voorspeld serviceniveau</source>
        <translation>Coverage per queue and interval, with predicted service level</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Demo-project laden</source>
        <translation>Loading demo project</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Demo-project laden…</source>
        <translation>Loading demo project…</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/solve_dialog.py"/>
        <source>Details: doelfunctie, ondergrens en aanpak</source>
        <translation>Details: objective, lower bound and approach</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/models/wishes_model.py"/>
        <source>Dienst</source>
        <translation>Shift</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Dienst verwijderen</source>
        <translation>Delete shift</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Diensten verwijderen</source>
        <translation>Delete shifts</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/print_roster.py"/>
        <source>Diensttijden zijn lokale tijden; een eindtijd vóór de begintijd valt op de volgende dag.</source>
        <translation>Shift times are local times; an end time before the start time falls on the next day.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>Dit project heeft één scenario. Maak er een bij (+ Scenario) om te vergelijken.</source>
        <translation>This project has one scenario. Add one (+ Scenario) to compare.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/base.py"/>
        <source>Dit scherm kon niet worden bijgewerkt: {fout}</source>
        <translation>This screen could not be updated: {fout}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/solve_dialog.py"/>
        <source>Doelfunctie (strafpunten)</source>
        <translation>Objective (penalty points)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/wishes.py"/>
        <source>Dubbelklik een cel om een wens te zetten. Groen: gehonoreerd in het rooster, rood: niet. ★ = gewicht, ! = harde wens (moet); beide zet u in de cel.</source>
        <translation>Double-click a cell to set a wish. Green: granted in the roster, red: not granted. ★ = weight, ! = hard wish (must); set both in the cell.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Dubbelklik om te hernoemen; rechtsklik voor meer</source>
        <translation>Double-click to rename; right-click for more</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Dubbelklik om te wijzigen. Dagen: ma di wo …; venster: 09:00–13:00; taken: alle of wachtrijen met komma's; leeg of – = geen beperking.</source>
        <translation>Double-click to edit. Days: Mon Tue Wed …; window: 09:00–13:00; tasks: all, or queues separated by commas; empty or – = no restriction.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/new_project_wizard.py"/>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/coverage.py"/>
        <source>E-mail heeft geen serviceniveau of wachttijd: het doel is antwoord binnen {u} uur, en daar houdt de benodigde bezetting al rekening mee.</source>
        <translation>E-mail has no service level or waiting time: the target is a reply within {u} hours, which the required staffing already allows for.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>ETS (exponential smoothing) is niet beschikbaar: het pakket statsmodels is niet geïnstalleerd. Installeer het extra onderdeel 'forecast' (pip install "kcroster[forecast]") om ETS mee te nemen in de backtest.</source>
        <translation>ETS (exponential smoothing) is not available: the statsmodels package is not installed. Install the optional 'forecast' extra (pip install "kcroster[forecast]") to include ETS in the backtest.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>Een blok zet de shrinkage van zijn dagen en uren, bijvoorbeeld 'ma 09:00–10:00 45 %' voor het teamoverleg. Waar blokken elkaar overlappen telt het onderste.</source>
        <translation>A block sets the shrinkage of its days and hours, for example 'mon 09:00–10:00 45 %' for the team meeting. Where blocks overlap, the lowest one counts.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Een medewerker toevoegen (ongedaan te maken)</source>
        <translation>Add an agent (can be undone)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_gaps.py"/>
        <source>Een ontbrekende regel of lege cel is geen 0: op nul zetten laat een gat in de bezetting. Interpoleren vult het lineair tussen de naburige intervallen van dezelfde dag; aan het begin of eind van een dag met hetzelfde interval op dezelfde weekdag in de naburige weken.</source>
        <translation>A missing row or empty cell is not a 0: setting it to zero leaves a hole in the staffing. Interpolating fills it linearly between the neighbouring intervals of the same day; at the start or end of a day with the same interval on the same weekday in the neighbouring weeks.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/coverage.py"/>
        <source>Eerlijkheid</source>
        <translation>Fairness</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/solve_dialog.py"/>
        <source>Eerste geldige rooster gevonden</source>
        <translation>First legal roster found</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/solve_dialog.py"/>
        <source>Eerste geldige rooster gevonden — de optimalisatie zoekt nu betere…</source>
        <translation>First valid roster found — the optimiser is now looking for better ones…</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/solve_dialog.py"/>
        <source>Eerste geldige rooster gevonden.</source>
        <translation>First legal roster found.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Eerste ziektedag invoeren (alleen de datum, nooit een reden)</source>
        <translation>Enter the first sick day (the date only, never a reason)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Eerste ziektedag van {naam} (dd-mm-jjjj):</source>
        <translation>First sick day of {naam} (dd-mm-yyyy):</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Er bestaat geen rooster dat aan alle harde regels voldoet.</source>
        <translation>No roster satisfies all hard rules.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/jobs.py"/>
        <source>Er ging iets mis.</source>
        <translation>Something went wrong.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Er is een automatisch opgeslagen versie van {naam} die nieuwer is dan het bestand. Herstellen?</source>
        <translation>There is an autosaved version of {naam} that is newer than the file. Recover it?</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Er is geen lopende ziekteperiode</source>
        <translation>There is no ongoing sick period</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/print_roster.py"/>
        <source>Er is niets om af te drukken: kies ten minste één week en één team of medewerker.</source>
        <translation>There is nothing to print: choose at least one week and one team or agent.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/jobs.py"/>
        <source>Even geduld</source>
        <translation>Please wait</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Even geduld: de optimalisatie loopt nog.</source>
        <translation>Please wait: the optimiser is still running.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Excel-sjabloon voor medewerkers, verlof, wensen en re-integratie, met de wachtrijen van dit project in de keuzelijsten</source>
        <translation>Excel template for agents, leave, wishes and reintegration, with this project's queues in the drop-down lists</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/export.py"/>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/export.py"/>
        <source>Exporteren</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>FTE ingeroosterd</source>
        <translation>FTE rostered</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/coverage.py"/>
        <source>FTE ingeroosterd / nodig</source>
        <translation>FTE scheduled / required</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/coverage.py"/>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>FTE nodig</source>
        <translation>FTE required</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>FTE nodig (na shrinkage)</source>
        <translation>FTE needed (after shrinkage)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/staffing.py"/>
        <source>FTE per dag en week</source>
        <translation>FTE per day and week</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/coverage.py"/>
        <source>FTE rooster</source>
        <translation>FTE rostered</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/staffing.py"/>
        <source>FTE-basis: 1 FTE =</source>
        <translation>FTE basis: 1 FTE =</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <location filename="../../kcroster/gui/views/new_project_wizard.py"/>
        <location filename="../../kcroster/gui/widgets/gantt.py"/>
        <source>Feestdag</source>
        <translation>Public holiday</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast.py"/>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Forecast</source>
        <translation>Forecast</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Forecast &amp;importeren…</source>
        <translation>&amp;Import forecast…</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast.py"/>
        <source>Forecast importeren</source>
        <translation>Import forecast</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast.py"/>
        <source>Forecast importeren…</source>
        <translation>Import forecast…</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast.py"/>
        <source>Forecast ingelezen uit {naam}</source>
        <translation>Forecast read from {naam}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Forecast maken</source>
        <translation>Make forecast</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Forecast maken uit historie</source>
        <translation>Forecast from history</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast.py"/>
        <source>Forecast maken uit historie…</source>
        <translation>Forecast from history…</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Forecast uit historie gebruikt ({naam}, {methode})</source>
        <translation>Forecast from history in use ({naam}, {methode})</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast.py"/>
        <source>Forecast × wat-als</source>
        <translation>Forecast × what-if</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Ga naar</source>
        <translation>Go to</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Geannuleerd: er is geen forecast gemaakt.</source>
        <translation>Cancelled: no forecast was made.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Gebruik deze forecast</source>
        <translation>Use this forecast</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/staffing.py"/>
        <source>Geduld (Erlang A)</source>
        <translation>Patience (Erlang A)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Geduld (s)</source>
        <translation>Patience (s)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Geef aan welke kolom wat bevat. kcroster onthoudt deze indeling voor bestanden met dezelfde kolomnamen.</source>
        <translation>Say which column holds what. kcroster remembers this mapping for files with the same column names.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>Geen</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Geen bestand gekozen</source>
        <translation>No file chosen</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/widgets/linechart.py"/>
        <source>Geen gegevens</source>
        <translation>No data</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Geen medewerker gekozen</source>
        <translation>No agent selected</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Geen project</source>
        <translation>No project</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Geen re-integratieplan</source>
        <translation>No reintegration plan</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Geen rooster gevonden binnen de rekentijd ({status}); het huidige rooster blijft staan.</source>
        <translation>No roster found within the time limit ({status}); the current roster stays.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Geen toegestane dienst op deze dag (verlof, venster, re-integratie of gesloten)</source>
        <translation>No allowed shift on this day (leave, window, reintegration or closed)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Geen toegestane dienst: {regels}</source>
        <translation>No allowed shift: {regels}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Geen verlof in deze periode</source>
        <translation>No leave in this period</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Geen ziekteperiode ingevoerd</source>
        <translation>No sick period entered</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/widgets/timeline.py"/>
        <source>Geen ziekteperiode: geen Poortwachter-termijnen</source>
        <translation>No sick period: no Gatekeeper deadlines</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/models/wishes_model.py"/>
        <source>Gehonoreerd in het rooster</source>
        <translation>Granted in the roster</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/new_project_wizard.py"/>
        <source>Gelezen uit {naam}. Controleer de gegevens; alles is later nog te wijzigen.</source>
        <translation>Read from {naam}. Check the details; everything can still be changed later.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/staffing.py"/>
        <source>Gelijktijdige chats</source>
        <translation>Concurrent chats</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/coverage.py"/>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>Gem. wachttijd (ASA)</source>
        <translation>Avg. speed of answer (ASA)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/staffing.py"/>
        <source>Gem. wachttijd (ASA) max.</source>
        <translation>Max. avg. speed of answer (ASA)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/staffing.py"/>
        <source>Gemiddeld {fte} FTE per dag nodig (na shrinkage), verdeeld over {n} wachtrijen.</source>
        <translation>On average {fte} FTE per day required (after shrinkage), across {n} queues.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/staffing.py"/>
        <source>Gemiddeld {fte} FTE per dag nodig (na shrinkage), voor {n} wachtrij.</source>
        <translation>On average {fte} FTE per day required (after shrinkage), for {n} queue.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/print_roster.py"/>
        <source>Gepubliceerd</source>
        <translation>Published</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Geschat geduld overnemen als parameter van de wachtrij (Erlang A met afhakers)</source>
        <translation>Use the estimated patience as the queue's parameter (Erlang A with abandons)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast.py"/>
        <source>Gespreksduur (AHT)</source>
        <translation>Handle time (AHT)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/print_roster.py"/>
        <source>Gewijzigd na publicatie</source>
        <translation>Changed after publishing</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <location filename="../../kcroster/gui/views/export.py"/>
        <source>Geëxporteerd naar {pad}</source>
        <translation>Exported to {pad}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/wishes.py"/>
        <source>Harde wens: het rooster moet eraan voldoen</source>
        <translation>Hard wish: the roster must satisfy it</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/common.py"/>
        <source>Hele periode</source>
        <translation>Whole period</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Hernoemen…</source>
        <translation>Rename…</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast.py"/>
        <source>Herstel 100 %</source>
        <translation>Reset to 100 %</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Hersteld</source>
        <translation>Recovered</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Hersteld…</source>
        <translation>Recovered…</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Herstelkopie mislukt</source>
        <translation>Recovery copy failed</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Herstellen</source>
        <translation>Recover</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/jobs.py"/>
        <source>Het bestand kon niet worden ingelezen.</source>
        <translation>The file could not be read.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/solve_dialog.py"/>
        <source>Het beste rooster tot nu toe is bewezen het best mogelijke.</source>
        <translation>The best roster so far is proven to be the best possible.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/solve_dialog.py"/>
        <source>Het beste rooster tot nu toe is {p} beter dan het eerste.</source>
        <translation>The best roster so far is {p} better than the first.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/app.py"/>
        <source>Het instellingenbestand was beschadigd en is bewaard als {pad}. Op de standaardwaarde gezet: {velden}.</source>
        <translation>The settings file was damaged and has been kept as {pad}. Reset to the default: {velden}.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/app.py"/>
        <source>Het instellingenbestand was beschadigd en kon niet opzij worden gezet. Op de standaardwaarde gezet: {velden}.</source>
        <translation>The settings file was damaged and could not be set aside. Reset to the default: {velden}.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/solve_dialog.py"/>
        <source>Het kan hooguit nog {g} beter.</source>
        <translation>It can improve by at most {g}.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/export.py"/>
        <source>Het rooster om te delen met het team. Deze gegevens blijven eruit:</source>
        <translation>The roster to share with the team. These data are left out:</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/export.py"/>
        <source>Het rooster op papier of als PDF: per team voor het prikbord (A4 liggend, een pagina per team per week) of per medewerker een weekoverzicht met wachtrijen en pauzes. Zonder gezondheidsgegevens: re-integratie en ziekte tonen alleen 'niet beschikbaar'.</source>
        <translation>The roster on paper or as a PDF: per team for the notice board (A4 landscape, one page per team per week) or per agent a week view with queues and breaks. Without health data: reintegration and sickness show only 'not available'.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Het rooster voldoet aan alle regels.</source>
        <translation>The roster satisfies every rule.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/new_project_wizard.py"/>
        <source>Het serviceniveau per wachtrij: dit percentage binnen zoveel seconden opgenomen.</source>
        <translation>The service level per queue: this percentage answered within so many seconds.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/coverage.py"/>
        <source>Het voorspelde serviceniveau rekent met de beschikbare uren: verzuim, pauzes en overleg nemen een deel van de ingeroosterde tijd.</source>
        <translation>The predicted service level uses the available hours: absence, breaks and meetings take a share of the rostered time.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Historie</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Historie en forecast per interval</source>
        <translation>History and forecast per interval</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Historie inlezen: {naam}</source>
        <translation>Reading history: {naam}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Historie kiezen</source>
        <translation>Choose history</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Historie kiezen…</source>
        <translation>Choose history…</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/wishes.py"/>
        <source>Hoe zwaar de wens telt: 1 gewoon, 3 heel belangrijk</source>
        <translation>How much the wish counts: 1 normal, 3 very important</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/staffing.py"/>
        <source>Hoeveel uur per week één FTE is; een FTE-dag is een vijfde daarvan.</source>
        <translation>How many hours per week make one FTE; an FTE day is a fifth of that.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/solve_dialog.py"/>
        <source>Hooguit nog te verbeteren</source>
        <translation>Room for improvement at most</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/solve_dialog.py"/>
        <source>Huidig rooster: {f}. Na afloop staan dezelfde cijfers van het nieuwe rooster in de statusbalk en op Dekking.</source>
        <translation>Current roster: {f}. Afterwards the same figures of the new roster are in the status bar and on Coverage.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_gaps.py"/>
        <source>Import afbreken</source>
        <translation>Abort import</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_gaps.py"/>
        <source>Import afgebroken: {naam} is niet ingelezen</source>
        <translation>Import aborted: {naam} was not read</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/staffing.py"/>
        <source>In te roosteren</source>
        <translation>To schedule</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/staffing.py"/>
        <source>In te roosteren (na shrinkage)</source>
        <translation>To schedule (after shrinkage)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_gaps.py"/>
        <source>In {bestand} hebben {n} intervallen binnen de openingstijden geen waarde.</source>
        <translation>In {bestand}, {n} intervals within opening hours have no value.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_gaps.py"/>
        <source>In {bestand} heeft 1 interval binnen de openingstijden geen waarde.</source>
        <translation>In {bestand}, 1 interval within opening hours has no value.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/print_roster.py"/>
        <source>Indeling:</source>
        <translation>Layout:</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/coverage.py"/>
        <source>Ingeroosterd</source>
        <translation>Scheduled</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/coverage.py"/>
        <source>Ingeroosterd tegenover nodig</source>
        <translation>Scheduled versus required</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>Ingeroosterde uren</source>
        <translation>Rostered hours</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/app.py"/>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Instellingen</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Instellingen niet opgeslagen: {fout}</source>
        <translation>Settings not saved: {fout}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Instellingen van dit scenario…</source>
        <translation>Scenario settings…</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_gaps.py"/>
        <source>Interpoleren</source>
        <translation>Interpolate</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/new_project_wizard.py"/>
        <source>Interval</source>
        <translation>Interval</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/export.py"/>
        <source>KPI's en een Excel-grafiek</source>
        <translation>KPIs and an Excel chart</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/new_project_wizard.py"/>
        <source>Kanaal</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Kernen</source>
        <translation>Cores</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Keuze</source>
        <translation>Choice</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>Kies 2 tot 4 scenario's om te vergelijken.</source>
        <translation>Choose 2 to 4 scenarios to compare.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Kies een historiebestand en klik op 'Forecast maken'.</source>
        <translation>Choose a history file and click 'Make forecast'.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/print_roster.py"/>
        <source>Kies ten minste één week en één team of medewerker.</source>
        <translation>Choose at least one week and one team or agent.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <location filename="../../kcroster/gui/views/solve_dialog.py"/>
        <source>Klaar</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Kolommen van de ACD-export</source>
        <translation>Columns of the ACD export</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Kolommen van een call-by-call-export aanwijzen</source>
        <translation>Name the columns of a call-by-call export</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Kolommen zoals eerder aangewezen voor deze kopregel: {kolommen}. Wijzig ze met 'Kolommen…'.</source>
        <translation>Columns as named before for this header: {kolommen}. Change them with 'Columns…'.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Kolommen…</source>
        <translation>Columns…</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Kopiëren naar</source>
        <translation>Copy to</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Kwantiel</source>
        <translation>Quantile</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Kwantiel van het volume waarop de bezetting rekent (0,5 = verwachting, 0,8 = voorzichtiger)</source>
        <translation>Quantile of the volume the requirement is computed on (0.5 = expected, 0.8 = more cautious)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/models/wishes_model.py"/>
        <source>Laat</source>
        <translation>Late</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/models/agents_model.py"/>
        <source>Laatste einde</source>
        <translation>Latest end</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Laatste ziektedag van de lopende ziekteperiode invoeren</source>
        <translation>Enter the last sick day of the ongoing sick period</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Laatste ziektedag van {naam} (dd-mm-jjjj):</source>
        <translation>Last sick day of {naam} (dd-mm-yyyy):</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/wishes.py"/>
        <source>Lege wensformulieren exporteren…</source>
        <translation>Export blank wish forms…</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/print_roster.py"/>
        <source>Legenda:</source>
        <translation>Legend:</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/export.py"/>
        <source>Let op: re-integratiebeperkingen worden meegenomen</source>
        <translation>Note: reintegration restrictions will be included</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Losmaken</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Maak toch een rooster: harde regels worden zachte, de overtredingen staan in de regelcontrole.</source>
        <translation>Make a roster anyway: hard rules become soft; the violations appear in the rule check.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/wishes.py"/>
        <source>Map voor de wensformulieren</source>
        <translation>Folder for the wish forms</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/models/agents_model.py"/>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Max. dagen/week</source>
        <translation>Max. days/week</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Max. u/dag</source>
        <translation>Max. h/day</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Max. u/week</source>
        <translation>Max. h/week</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Maximale rekentijd</source>
        <translation>Maximum solving time</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/models/violations_model.py"/>
        <location filename="../../kcroster/gui/print_roster.py"/>
        <location filename="../../kcroster/gui/widgets/gantt.py"/>
        <source>Medewerker</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Medewerker toevoegen</source>
        <translation>Add agent</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Medewerker verwijderen</source>
        <translation>Remove agent</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Medewerker {naam} toegevoegd</source>
        <translation>Agent {naam} added</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Medewerker {naam} verwijderd (Ctrl+Z zet terug)</source>
        <translation>Agent {naam} removed (Ctrl+Z brings them back)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>Medewerkers</source>
        <translation>Agents</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Medewerkers importeren</source>
        <translation>Import agents</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Medewerkers importeren…</source>
        <translation>Import agents…</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>Medewerkers in het scenario</source>
        <translation>Agents in the scenario</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Medewerkers ingelezen uit {naam}</source>
        <translation>Agents read from {naam}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>Medewerkers toepassen</source>
        <translation>Apply agents</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/print_roster.py"/>
        <source>Medewerkers:</source>
        <translation>Agents:</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/models/violations_model.py"/>
        <source>Melding</source>
        <translation>Message</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Methode</source>
        <translation>Method</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Minimale bloklengte per wachtrij: zo lang blijft een medewerker op één wachtrij voordat hij wisselt (geen = geen minimum)</source>
        <translation>Minimum block per queue: how long an agent stays on one queue before switching (none = no minimum)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/solve_dialog.py"/>
        <source>Model opbouwen…</source>
        <translation>Building the model…</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/solve_dialog.py"/>
        <source>Model opgebouwd</source>
        <translation>Model built</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/models/agents_model.py"/>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Naam</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Naam van het scenario (kopie van het actieve):</source>
        <translation>Name of the scenario (a copy of the active one):</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Naamloos project hersteld: sla het op om het te bewaren.</source>
        <translation>Untitled project recovered: save it to keep it.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/models/wishes_model.py"/>
        <source>Niet</source>
        <translation>Not</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/widgets/gantt.py"/>
        <source>Niet beschikbaar</source>
        <translation>Unavailable</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/models/wishes_model.py"/>
        <source>Niet gehonoreerd in het rooster</source>
        <translation>Not granted in the roster</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Niet hernoemd: {reden}</source>
        <translation>Not renamed: {reden}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Niet opgeslagen wijzigingen</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/export.py"/>
        <source>Niets: er zijn geen gevoelige gegevens in dit project</source>
        <translation>Nothing: this project holds no sensitive data</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <location filename="../../kcroster/gui/views/new_project_wizard.py"/>
        <source>Nieuw project uit forecast</source>
        <translation>New project from forecast</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Nieuw scenario</source>
        <translation>New scenario</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Nieuw scenario (kopie van het actieve)…</source>
        <translation>New scenario (copy of the active one)…</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Nieuwe dienst op {dag}</source>
        <translation>New shift on {dag}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Nieuwe naam:</source>
        <translation>New name:</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Nieuwe stap van het opbouwschema (kopie van de laatste, een week later)</source>
        <translation>New step of the build-up plan (copy of the last one, a week later)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/coverage.py"/>
        <location filename="../../kcroster/gui/views/staffing.py"/>
        <source>Nodig</source>
        <translation>Required</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/staffing.py"/>
        <source>Nodig (N)</source>
        <translation>Required (N)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast.py"/>
        <source>Nog geen forecast: importeer een werkmap of CSV, of sleep hem op het venster.</source>
        <translation>No forecast yet: import a workbook or CSV, or drop it on the window.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/widgets/gantt.py"/>
        <source>Nog geen rooster</source>
        <translation>No roster yet</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/solve_dialog.py"/>
        <source>Nog geen rooster gevonden — de optimalisatie zoekt de eerste oplossing…</source>
        <translation>No roster found yet — the optimiser is looking for a first solution…</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/solve_dialog.py"/>
        <source>Nog geen rooster gevonden.</source>
        <translation>No roster found yet.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/export.py"/>
        <source>Nog geen rooster om af te drukken.</source>
        <translation>No roster to print yet.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/export.py"/>
        <source>Nog geen rooster om te exporteren.</source>
        <translation>No roster to export yet.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Nog geen rooster — klik op Optimaliseer.</source>
        <translation>No roster yet — click Optimise.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/coverage.py"/>
        <source>Nog geen rooster: maak er een op het scherm Rooster (Optimaliseer).</source>
        <translation>No roster yet: make one on the Roster screen (Optimise).</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/models/agents_model.py"/>
        <source>Nr.</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Nummer</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Onbekend bestandstype: {naam}</source>
        <translation>Unknown file type: {naam}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/solve_dialog.py"/>
        <source>Ondergrens</source>
        <translation>Bound</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/solve_dialog.py"/>
        <source>Ondergrens verbeterd</source>
        <translation>Lower bound improved</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/solve_dialog.py"/>
        <source>Ondergrens verbeterd (Lagrange)</source>
        <translation>Lower bound improved (Lagrangian)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Ongedaan maken</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/models/agents_model.py"/>
        <source>Ongeldige waarde voor {kolom}: {waarde}</source>
        <translation>Invalid value for {kolom}: {waarde}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_gaps.py"/>
        <source>Ontbrekende waarden in de forecast</source>
        <translation>Missing values in the forecast</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Ook weg: {lijst}. Ongedaan maken (Ctrl+Z) zet alles terug.</source>
        <translation>Also removed: {lijst}. Undo (Ctrl+Z) brings it all back.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast.py"/>
        <source>Oorspronkelijk</source>
        <translation>Original</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_gaps.py"/>
        <source>Op nul zetten</source>
        <translation>Set to zero</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Op&amp;slaan</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast.py"/>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Open eerst een project.</source>
        <translation>Open a project first.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/new_project_wizard.py"/>
        <source>Openingstijden van {naam}: {fout}</source>
        <translation>Opening hours of {naam}: {fout}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Opgeslagen: {pad}</source>
        <translation>Saved: {pad}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Opn&amp;ieuw</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Opnieuw</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Opslaan</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Opslaan &amp;als…</source>
        <translation>Save &amp;as…</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Optimalisatie gestopt voordat er een rooster was; het huidige rooster is ongewijzigd.</source>
        <translation>Optimisation stopped before there was a roster; the current roster is unchanged.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Optimalisatie klaar: {status}</source>
        <translation>Optimisation finished: {status}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Optimaliseer</source>
        <translation>Optimise</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Over kcroster</source>
        <translation>About kcroster</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>P10–P90</source>
        <translation>P10–P90</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/print_roster.py"/>
        <source>PDF exporteren</source>
        <translation>Export PDF</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/export.py"/>
        <source>PDF opgeslagen: {pad}</source>
        <translation>PDF saved: {pad}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Pauze</source>
        <translation>Break</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Pauze hier ({van}, {n} min)</source>
        <translation>Break here ({van}, {n} min)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/coverage.py"/>
        <source>Per dag</source>
        <translation>Per day</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/new_project_wizard.py"/>
        <source>Per dag bijvoorbeeld 08:00-20:00 of 08:00-12:00,13:00-17:00; leeg of 'gesloten' is dicht. Feestdag geldt op de Nederlandse feestdagen.</source>
        <translation>Per day e.g. 08:00-20:00 or 08:00-12:00,13:00-17:00; empty or 'closed' means closed. Public holiday applies on Dutch public holidays.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>Per dag:</source>
        <translation>Per day:</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/staffing.py"/>
        <source>Per interval</source>
        <translation>Per interval</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/print_roster.py"/>
        <source>Per medewerker (weekoverzicht)</source>
        <translation>Per agent (week view)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/print_roster.py"/>
        <source>Per team (prikbord)</source>
        <translation>Per team (notice board)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/new_project_wizard.py"/>
        <source>Periode</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/print_roster.py"/>
        <source>Periode: {periode}</source>
        <translation>Period: {periode}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/document.py"/>
        <source>Personeelsbehoefte en dekking konden niet worden berekend: {fout}</source>
        <translation>Staffing requirement and coverage could not be calculated: {fout}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Pijltjes links/rechts schuiven de gekozen dienst een interval (met Shift een uur), pijltjes omhoog/omlaag kiezen een andere medewerker, Delete verwijdert de dienst.</source>
        <translation>Left/right arrows move the selected shift by one interval (with Shift by an hour), up/down arrows select another agent, Delete removes the shift.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_gaps.py"/>
        <source>Plaats in het bestand</source>
        <translation>Place in the file</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/export.py"/>
        <source>Plannerwerkmap</source>
        <translation>Planner workbook</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/export.py"/>
        <source>Plannerwerkmap exporteren</source>
        <translation>Export planner workbook</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/export.py"/>
        <source>Plannerwerkmap exporteren…</source>
        <translation>Export planner workbook…</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>Profiel toepassen</source>
        <translation>Apply profile</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/new_project_wizard.py"/>
        <source>Project</source>
        <translation>Project</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Project &amp;hernoemen…</source>
        <translation>&amp;Rename project…</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Project hernoemen</source>
        <translation>Rename project</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Project herstellen</source>
        <translation>Recover project</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Project herstellen…</source>
        <translation>Recovering project…</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Project is in gebruik</source>
        <translation>Project in use</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Project openen</source>
        <translation>Open project</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Project openen…</source>
        <translation>Opening project…</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Project opslaan als</source>
        <translation>Save project as</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/new_project_wizard.py"/>
        <source>Projectnaam</source>
        <translation>Project name</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <location filename="../../kcroster/gui/widgets/gantt.py"/>
        <source>Re-integratie</source>
        <translation>Reintegration</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Re-integratie (Wet verbetering poortwachter)</source>
        <translation>Reintegration (Gatekeeper Improvement Act)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/export.py"/>
        <source>Re-integratiebeperkingen (gezondheidsgegevens)</source>
        <translation>Reintegration restrictions (health data)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Regelcontrole</source>
        <translation>Rule check</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Regelcontrole mislukt: {fout}</source>
        <translation>Rule check failed: {fout}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/export.py"/>
        <source>Regelcontrole: alle meldingen van de checker</source>
        <translation>Rule check: every finding of the checker</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Rekentijd</source>
        <translation>Solving time</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Rekentijd en rekenkernen worden niet onthouden voor de volgende keer: {fout}</source>
        <translation>Time limit and cores will not be remembered for next time: {fout}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/solve_dialog.py"/>
        <source>Rekentijd hooguit {s} s</source>
        <translation>Time limit {s} s</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Rooster</source>
        <translation>Roster</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/solve_dialog.py"/>
        <source>Rooster aangevuld met pauzes en wachtrijen</source>
        <translation>Roster completed with breaks and queues</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Rooster afdru&amp;kken / PDF…</source>
        <translation>Print roster / PD&amp;F…</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/print_roster.py"/>
        <source>Rooster afdrukken / PDF</source>
        <translation>Print roster / PDF</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/export.py"/>
        <source>Rooster afdrukken / PDF…</source>
        <translation>Print roster / PDF…</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Rooster gepubliceerd: latere wijzigingen worden gemarkeerd.</source>
        <translation>Roster published: later changes will be marked.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Rooster importeren &amp;uit Excel…</source>
        <translation>Import roster &amp;from Excel…</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Rooster importeren uit Excel</source>
        <translation>Import roster from Excel</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <location filename="../../kcroster/gui/views/solve_dialog.py"/>
        <source>Rooster optimaliseren</source>
        <translation>Optimise roster</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/export.py"/>
        <source>Roostergrid: medewerkers × dagen</source>
        <translation>Roster grid: agents × days</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/solve_dialog.py"/>
        <source>Roosters gevonden</source>
        <translation>Rosters found</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <location filename="../../kcroster/gui/views/staffing.py"/>
        <source>SL</source>
        <translation>SL</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/coverage.py"/>
        <source>SL %</source>
        <translation>SL %</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Sce&amp;nario</source>
        <translation>Sce&amp;nario</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Scenario '{naam}' met zijn rooster verwijderen? Ongedaan maken (Ctrl+Z) zet het terug.</source>
        <translation>Remove scenario '{naam}' and its roster? Undo (Ctrl+Z) brings it back.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Scenario hernoemen</source>
        <translation>Rename scenario</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Scenario verwijderen</source>
        <translation>Remove scenario</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>Scenario {namen} heeft nog geen rooster: alleen de bezetting (FTE en uren nodig).</source>
        <translation>Scenario {namen} has no roster yet: the requirement only (FTE and hours needed).</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Scenario {n}</source>
        <translation>Scenario {n}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Scenario's</source>
        <translation>Scenarios</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Scenario's &amp;vergelijken…</source>
        <translation>&amp;Compare scenarios…</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Scenario's naast elkaar: FTE, tekort, service per dag, wensen, uren</source>
        <translation>Scenarios side by side: FTE, shortfall, service per day, wishes, hours</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>Scenario's vergelijken</source>
        <translation>Compare scenarios</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Scenario's vergelijken…</source>
        <translation>Compare scenarios…</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>Scenario-instellingen: {naam}</source>
        <translation>Scenario settings: {naam}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/staffing.py"/>
        <source>Scenario-instellingen…</source>
        <translation>Scenario settings…</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Scenario: {naam}</source>
        <translation>Scenario: {naam}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/new_project_wizard.py"/>
        <source>Servicedoelen</source>
        <translation>Service targets</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/staffing.py"/>
        <source>Servicedoelen in scenario '{naam}'</source>
        <translation>Service targets in scenario '{naam}'</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/staffing.py"/>
        <source>Servicedoelen, shrinkage per wachtrij en per dagdeel, forecastfactoren en medewerkers van dit scenario</source>
        <translation>This scenario's service targets, shrinkage per queue and per part of the day, forecast factors and agents</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/coverage.py"/>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <location filename="../../kcroster/gui/views/staffing.py"/>
        <source>Serviceniveau</source>
        <translation>Service level</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/new_project_wizard.py"/>
        <source>Serviceniveau %</source>
        <translation>Service level %</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/coverage.py"/>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <location filename="../../kcroster/gui/views/staffing.py"/>
        <source>Shrinkage</source>
        <translation>Shrinkage</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>Shrinkage per dagdeel</source>
        <translation>Shrinkage by time of day</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>Shrinkageprofiel met {n} blok toegepast.</source>
        <translation>Shrinkage profile with {n} block applied.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>Shrinkageprofiel met {n} blokken toegepast.</source>
        <translation>Shrinkage profile with {n} blocks applied.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Sjabloon exporteren…</source>
        <translation>Export template…</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Sjabloon medewerkers e&amp;xporteren…</source>
        <translation>E&amp;xport agents template…</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Sjabloon medewerkers exporteren</source>
        <translation>Export agents template</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Sleep een dienst om hem te verplaatsen, sleep een rand om hem korter of langer te maken, sleep naar een andere medewerker om te ruilen; dubbelklik of L zet een dienst vast.</source>
        <translation>Drag a shift to move it, drag an edge to shorten or lengthen it, drag onto another agent to swap; double-click or L locks a shift.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Sleep over een lege dag voor een nieuwe dienst (of klik rechts); Ctrl+klik, Shift+klik of Ctrl+slepen kiest meer diensten tegelijk.</source>
        <translation>Drag across an empty day for a new shift (or right-click); Ctrl+click, Shift+click or Ctrl+drag selects several shifts at once.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>Sluiten</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Soort</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Stap verwijderen</source>
        <translation>Remove step</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Startmomenten</source>
        <translation>Cut-offs</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/solve_dialog.py"/>
        <source>Stoppen en beste rooster houden</source>
        <translation>Stop and keep the best roster</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/solve_dialog.py"/>
        <source>Stoppen… het beste rooster tot nu toe blijft behouden.</source>
        <translation>Stopping… the best roster so far is kept.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Taken</source>
        <translation>Tasks</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Te weinig historie voor een backtest.</source>
        <translation>Too little history for a backtest.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/models/agents_model.py"/>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Team: {naam}</source>
        <translation>Team: {naam}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/print_roster.py"/>
        <source>Team: {team} · {uren} gepland deze week</source>
        <translation>Team: {team} · {uren} scheduled this week</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/print_roster.py"/>
        <source>Teams:</source>
        <translation>Teams:</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/export.py"/>
        <source>Teamwerkmap</source>
        <translation>Team workbook</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/export.py"/>
        <source>Teamwerkmap exporteren</source>
        <translation>Export team workbook</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/export.py"/>
        <source>Teamwerkmap exporteren…</source>
        <translation>Export team workbook…</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>Tekort (uur)</source>
        <translation>Shortfall (hours)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/new_project_wizard.py"/>
        <source>Telefonie</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_gaps.py"/>
        <source>Tijd</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/export.py"/>
        <source>Toch re-integratiebeperkingen meenemen (gezondheidsgegevens — alleen met toestemming)</source>
        <translation>Include reintegration restrictions anyway (health data — only with consent)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Toevoegen</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Toon alleen de medewerkers van een team of met een vaardigheid</source>
        <translation>Show only the agents of a team or with a skill</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>Tot</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/staffing.py"/>
        <source>Totaal</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast.py"/>
        <source>Uit een eigen historie (forecastbestand met datums in het verleden, of een call-by-call-export van de ACD)</source>
        <translation>From your own history (a forecast file with past dates, or a call-by-call export of the ACD)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Uitkomst (beantwoord / afgehaakt)</source>
        <translation>Outcome (answered / abandoned)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/print_roster.py"/>
        <source>Uren</source>
        <translation>Hours</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>Uren boven contract</source>
        <translation>Hours over contract</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>Uren nodig (na shrinkage)</source>
        <translation>Hours needed (after shrinkage)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/models/agents_model.py"/>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Vaardigheden</source>
        <translation>Skills</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Vaardigheid: {naam}</source>
        <translation>Skill: {naam}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>Van</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Vanaf</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Vanaf, weken, methode of kwantiel gewijzigd: de getoonde forecast hoort bij de vorige instellingen. Klik op 'Forecast maken'.</source>
        <translation>Start, weeks, method or quantile changed: the forecast shown belongs to the previous settings. Click 'Make forecast'.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Vastgezette dienst: ontgrendel hem eerst (L of dubbelklik)</source>
        <translation>Locked shift: unlock it first (L or double-click)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Vastzetten</source>
        <translation>Lock</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Venster</source>
        <translation>Window</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/common.py"/>
        <source>Verbergen</source>
        <translation>Hide</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/solve_dialog.py"/>
        <source>Verbeterronde {n}</source>
        <translation>Improvement round {n}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>Vergelijk (2 tot 4):</source>
        <translation>Compare (2 to 4):</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Vergelijken</source>
        <translation>Compare</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Vergrendeling overnemen</source>
        <translation>Take over the lock</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/staffing.py"/>
        <source>Verkeer</source>
        <translation>Traffic</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/staffing.py"/>
        <source>Verkeer (Erlang)</source>
        <translation>Traffic (Erlang)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>Verl.</source>
        <translation>Aband.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>Verlaten</source>
        <translation>Abandoned</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/coverage.py"/>
        <source>Verlies %</source>
        <translation>Abandon %</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/coverage.py"/>
        <source>Verlies (abandon)</source>
        <translation>Abandonment</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/widgets/gantt.py"/>
        <source>Verlof</source>
        <translation>Leave</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Verlof en afwezigheid</source>
        <translation>Leave and absence</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Verschuiven</source>
        <translation>Move</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Versoepeld oplossen</source>
        <translation>Solve with relaxed rules</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/solve_dialog.py"/>
        <source>Verstreken</source>
        <translation>Elapsed</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Verwijderen</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Verwijderen…</source>
        <translation>Remove…</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>Vet: anders dan de wachtrij zelf. Shrinkage is het deel van de ingeroosterde tijd dat niet aan contacten besteed wordt (ziekte, overleg, training); een blok op 'Shrinkage per dagdeel' gaat er in zijn uren voor. Volume × en AHT × komen bovenop de factoren van het Forecast-scherm.</source>
        <translation>Bold: different from the queue itself. Shrinkage is the share of rostered time not spent on contacts (sickness, meetings, training); a block on 'Shrinkage by time of day' takes precedence in its hours. Volume × and AHT × come on top of the Forecast screen's factors.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast.py"/>
        <location filename="../../kcroster/gui/views/staffing.py"/>
        <source>Volume</source>
        <translation>Volume</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast.py"/>
        <source>Volume per dag en tijdstip</source>
        <translation>Volume by day and time of day</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>Volume ×</source>
        <translation>Volume ×</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Voor- en achternaam</source>
        <translation>First and last name</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/coverage.py"/>
        <source>Voorspeld serviceniveau en verlies per interval</source>
        <translation>Predicted service level and abandonment per interval</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/models/wishes_model.py"/>
        <source>Vrij</source>
        <translation>Off</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/models/wishes_model.py"/>
        <source>Vroeg</source>
        <translation>Early</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/models/agents_model.py"/>
        <source>Vroegste begin</source>
        <translation>Earliest start</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>WAPE = som van |werkelijk − forecast| gedeeld door het werkelijke volume, over alle wachtrijen en startmomenten; lager is beter. De basislijnen zijn wat planners zelf doen.</source>
        <translation>WAPE = sum of |actual − forecast| divided by the actual volume, over all queues and cut-offs; lower is better. The baselines are what planners do themselves.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>WAPE dag</source>
        <translation>WAPE day</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>WAPE interval</source>
        <translation>WAPE interval</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/coverage.py"/>
        <location filename="../../kcroster/gui/views/forecast.py"/>
        <location filename="../../kcroster/gui/views/forecast_gaps.py"/>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <location filename="../../kcroster/gui/views/new_project_wizard.py"/>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <location filename="../../kcroster/gui/views/staffing.py"/>
        <source>Wachtrij</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Wachtrij van alle blokken</source>
        <translation>Queue of all blocks</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Wachtrij van dit blok</source>
        <translation>Queue of this block</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/new_project_wizard.py"/>
        <source>Wachtrij {n} heeft geen naam.</source>
        <translation>Queue {n} has no name.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>Wachtrijen</source>
        <translation>Queues</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/new_project_wizard.py"/>
        <source>Wachtrijen en openingstijden</source>
        <translation>Queues and opening hours</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Wachttijd</source>
        <translation>Waiting time</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast.py"/>
        <source>Wat-als</source>
        <translation>What-if</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Week</source>
        <translation>Week</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>Weken</source>
        <translation>Weeks</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/print_roster.py"/>
        <source>Weken:</source>
        <translation>Weeks:</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/wishes.py"/>
        <source>Wensen</source>
        <translation>Wishes</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/coverage.py"/>
        <source>Wensen gehonoreerd</source>
        <translation>Wishes granted</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>Wensen toegekend</source>
        <translation>Wishes granted</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/wishes.py"/>
        <source>Wensformulieren exporteren</source>
        <translation>Export wish forms</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/wishes.py"/>
        <source>Wensformulieren importeren</source>
        <translation>Import wish forms</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/wishes.py"/>
        <source>Wensformulieren importeren…</source>
        <translation>Import wish forms…</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/wishes.py"/>
        <source>Wensformulieren inlezen…</source>
        <translation>Reading wish forms…</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/wishes.py"/>
        <source>Wensformulieren schrijven…</source>
        <translation>Writing wish forms…</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/models/wishes_model.py"/>
        <source>Werken</source>
        <translation>Work</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <location filename="../../kcroster/gui/views/export.py"/>
        <source>Werkmap schrijven…</source>
        <translation>Writing workbook…</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/staffing.py"/>
        <source>Wijzigingen gelden alleen voor dit scenario.</source>
        <translation>Changes apply to this scenario only.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/staffing.py"/>
        <source>Wijzigingen gelden alleen voor dit scenario. Vet: anders dan de wachtrij zelf ({velden}).</source>
        <translation>Changes apply to this scenario only. Bold: different from the queue itself ({velden}).</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>Wijzigingen in dit project opslaan?</source>
        <translation>Save changes to this project?</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Ziekmelding</source>
        <translation>Sickness report</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Ziekmelding…</source>
        <translation>Report sick…</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Ziekteperioden: {lijst}</source>
        <translation>Sick periods: {lijst}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Zoek medewerker</source>
        <translation>Search agent</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>Zoeken op naam, team of vaardigheid…</source>
        <translation>Search by name, team or skill…</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/print_roster.py"/>
        <source>Zonder team</source>
        <translation>No team</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>Zoom</source>
        <translation>Zoom</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/print_roster.py"/>
        <source>afwezig</source>
        <translation>absent</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>alle</source>
        <translation>all</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/app.py"/>
        <source>alle instellingen</source>
        <translation>all settings</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/coverage.py"/>
        <source>alle wachtrijen</source>
        <translation>all queues</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>alleen-lezen</source>
        <translation>read-only</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>automatisch (beste in de backtest)</source>
        <translation>automatic (best in the backtest)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>bijv. ma-vr</source>
        <translation>e.g. mon-fri</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/staffing.py"/>
        <source>binnen</source>
        <translation>within</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>binnen (s)</source>
        <translation>within (s)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/new_project_wizard.py"/>
        <source>binnen seconden</source>
        <translation>within seconds</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_gaps.py"/>
        <source>blad {blad}: </source>
        <translation>sheet {blad}: </translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>concept</source>
        <translation>draft</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast.py"/>
        <source>contacten</source>
        <translation>contacts</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/print_roster.py"/>
        <source>dagdienst</source>
        <translation>day shift</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>dagmodel × dagprofiel</source>
        <translation>day model × intraday profile</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/new_project_wizard.py"/>
        <source>di</source>
        <translation>Tue</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/new_project_wizard.py"/>
        <source>do</source>
        <translation>Thu</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>exponential smoothing (statsmodels)</source>
        <translation>exponential smoothing (statsmodels)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>forecast</source>
        <translation>forecast</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <location filename="../../kcroster/gui/views/staffing.py"/>
        <source>geen</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/staffing.py"/>
        <source>geen (Erlang C)</source>
        <translation>none (Erlang C)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>geen project</source>
        <translation>no project</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_gaps.py"/>
        <source>geen regel, hoort na rij {a}</source>
        <translation>no row, belongs after row {a}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_gaps.py"/>
        <source>geen regel, hoort tussen rij {a} en {b}</source>
        <translation>no row, belongs between rows {a} and {b}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_gaps.py"/>
        <source>geen regel, hoort vóór rij {b}</source>
        <translation>no row, belongs before row {b}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>geen rooster</source>
        <translation>no roster</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/coverage.py"/>
        <source>gemiddeld over de wachtrijen</source>
        <translation>average over the queues</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>gemiddelde laatste 4 zelfde weekdagen</source>
        <translation>mean of the last 4 same weekdays</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>gepubliceerd</source>
        <translation>published</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/new_project_wizard.py"/>
        <source>gesloten</source>
        <translation>closed</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>gestopt, beste rooster behouden</source>
        <translation>stopped, best roster kept</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/wishes.py"/>
        <source>gewicht</source>
        <translation>weight</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>gewijzigd na publicatie</source>
        <translation>changed after publishing</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>goed rooster gevonden</source>
        <translation>good roster found</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/print_roster.py"/>
        <source>het apparaat kon niet worden geopend</source>
        <translation>the device could not be opened</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>het re-integratieplan en de ziekteperioden</source>
        <translation>the reintegration plan and the sick periods</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>historie</source>
        <translation>history</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>kcroster werd afgesloten met een naamloos project dat niet was opgeslagen (automatisch bewaard op {tijd}). Herstellen? Nee gooit de herstelkopie weg.</source>
        <translation>kcroster was closed with an untitled project that had not been saved (autosaved at {tijd}). Recover it? No discards the recovery copy.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/main_window.py"/>
        <source>kcroster — personeelsplanning voor klantcontactcentra.</source>
        <translation>kcroster — workforce planning for contact centres.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>kies een of meer dagen (bijv. ma-vr)</source>
        <translation>choose one or more days (e.g. mon-fri)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/print_roster.py"/>
        <source>late dienst</source>
        <translation>late shift</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_gaps.py"/>
        <source>lege cel, rij {rij}, kolom {kolom}</source>
        <translation>empty cell, row {rij}, column {kolom}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/new_project_wizard.py"/>
        <source>ma</source>
        <translation>Mon</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/wishes.py"/>
        <source>moet</source>
        <translation>must</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/coverage.py"/>
        <source>n.v.t. voor e-mail: doel is de reactietijd</source>
        <translation>n/a for e-mail: the target is the response time</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/print_roster.py"/>
        <source>nachtdienst</source>
        <translation>night shift</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/print_roster.py"/>
        <source>niet beschikbaar</source>
        <translation>not available</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>nog ziek</source>
        <translation>still sick</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>onbekend (geen afhakers)</source>
        <translation>unknown (no abandons)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>onbekend (geen wachttijden in de historie)</source>
        <translation>unknown (no waiting times in the history)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>optimaal</source>
        <translation>optimal</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/coverage.py"/>
        <source>overschot {o} uur</source>
        <translation>surplus {o} h</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/print_roster.py"/>
        <source>pagina {n} van {totaal}</source>
        <translation>page {n} of {totaal}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/print_roster.py"/>
        <location filename="../../kcroster/gui/widgets/gantt.py"/>
        <source>pauze</source>
        <translation>break</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>re-integratie</source>
        <translation>reintegration</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/coverage.py"/>
        <source>slechtst bedeelde medewerker</source>
        <translation>worst-off agent</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/coverage.py"/>
        <source>spraak en chat samen</source>
        <translation>voice and chat together</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>te weinig historie</source>
        <translation>too little history</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/coverage.py"/>
        <location filename="../../kcroster/gui/views/solve_dialog.py"/>
        <source>tekort {u} uur</source>
        <translation>shortfall {u} h</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>tekort {v} uur</source>
        <translation>short {v} hours</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>termijn nadert</source>
        <translation>deadline near</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>termijn verlopen</source>
        <translation>deadline passed</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>uur per week</source>
        <translation>hours per week</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/wishes.py"/>
        <source>van {n} medewerker</source>
        <translation>from {n} agent</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/wishes.py"/>
        <source>van {n} medewerkers</source>
        <translation>from {n} agents</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>van {t}</source>
        <translation>of {t}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/widgets/timeline.py"/>
        <source>vandaag</source>
        <translation>today</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/widgets/gantt.py"/>
        <source>vastgezet</source>
        <translation>locked</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/print_roster.py"/>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>verlof</source>
        <translation>leave</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>voorgesteld</source>
        <translation>proposed</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/solve_dialog.py"/>
        <source>voorspeld SL {p}</source>
        <translation>predicted SL {p}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>voorspeld SL {v}</source>
        <translation>predicted SL {v}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/new_project_wizard.py"/>
        <source>vr</source>
        <translation>Fri</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/print_roster.py"/>
        <source>vrij</source>
        <translation>off</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/print_roster.py"/>
        <source>vroege dienst</source>
        <translation>early shift</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>wachtrij wijzigen</source>
        <translation>change queue</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>week</source>
        <translation>week</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/solve_dialog.py"/>
        <source>wensen {g} van {t}</source>
        <translation>wishes {g} of {t}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>wensen {v}</source>
        <translation>wishes {v}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/widgets/timeline.py"/>
        <source>wk</source>
        <translation>wk</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/new_project_wizard.py"/>
        <source>wo</source>
        <translation>Wed</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/new_project_wizard.py"/>
        <source>za</source>
        <translation>Sat</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>zelfde interval vorige week</source>
        <translation>same interval last week</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/new_project_wizard.py"/>
        <source>zo</source>
        <translation>Sun</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>zonder rooster: {namen}</source>
        <translation>without a roster: {namen}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/coverage.py"/>
        <source>zonder shrinkage: {p}</source>
        <translation>without shrinkage: {p}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>{g} van {n}</source>
        <translation>{g} of {n}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/coverage.py"/>
        <source>{g} van {t}</source>
        <translation>{g} of {t}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>{naam} ({nr}) verwijderen?</source>
        <translation>Remove {naam} ({nr})?</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/print_roster.py"/>
        <source>{naam} · {week}</source>
        <translation>{naam} · {week}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>{n} cel kon niet worden gelezen</source>
        <translation>{n} cell could not be read</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>{n} cellen konden niet worden gelezen</source>
        <translation>{n} cells could not be read</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>{n} dienst</source>
        <translation>{n} shift</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>{n} dienst gekozen</source>
        <translation>{n} shift selected</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>{n} dienst losmaken</source>
        <translation>unlock {n} shift</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>{n} dienst overgeslagen: medewerker zonder vaardigheid {q}</source>
        <translation>{n} shift skipped: agent without skill {q}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>{n} dienst vastzetten</source>
        <translation>lock {n} shift</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>{n} dienst verschuiven</source>
        <translation>move {n} shift</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>{n} dienst verwijderen</source>
        <translation>delete {n} shift</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>{n} diensten</source>
        <translation>{n} shifts</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>{n} diensten gekozen</source>
        <translation>{n} shifts selected</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>{n} diensten losmaken</source>
        <translation>unlock {n} shifts</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>{n} diensten overgeslagen: medewerkers zonder vaardigheid {q}</source>
        <translation>{n} shifts skipped: agents without skill {q}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>{n} diensten vastzetten</source>
        <translation>lock {n} shifts</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>{n} diensten verschuiven</source>
        <translation>move {n} shifts</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>{n} diensten verwijderen</source>
        <translation>delete {n} shifts</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/wishes.py"/>
        <source>{n} harde wens</source>
        <translation>{n} hard wish</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/wishes.py"/>
        <source>{n} harde wensen</source>
        <translation>{n} hard wishes</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>{n} melding</source>
        <translation>{n} finding</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/common.py"/>
        <source>{n} melding bij het inlezen van {bestand}</source>
        <translation>{n} note on reading {bestand}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>{n} meldingen</source>
        <translation>{n} findings</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/common.py"/>
        <source>{n} meldingen bij het inlezen van {bestand}</source>
        <translation>{n} notes on reading {bestand}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>{n} min eerder</source>
        <translation>{n} min earlier</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>{n} min later</source>
        <translation>{n} min later</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/new_project_wizard.py"/>
        <source>{n} minuten (uit het bestand)</source>
        <translation>{n} minutes (from the file)</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>{n} overtreding</source>
        <translation>{n} violation</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>{n} overtredingen</source>
        <translation>{n} violations</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/print_roster.py"/>
        <source>{n} pagina A4 liggend.</source>
        <translation>{n} page, A4 landscape.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/print_roster.py"/>
        <source>{n} pagina's A4 liggend.</source>
        <translation>{n} pages, A4 landscape.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/solve_dialog.py"/>
        <source>{n} rekenkern</source>
        <translation>{n} CPU core</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/solve_dialog.py"/>
        <source>{n} rekenkernen</source>
        <translation>{n} CPU cores</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>{n} van {t} medewerkers</source>
        <translation>{n} of {t} agents</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/scenarios.py"/>
        <source>{n} van {t} medewerkers doen mee in dit scenario.</source>
        <translation>{n} of {t} agents take part in this scenario.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>{n} verlofregel</source>
        <translation>{n} leave entry</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>{n} verlofregels</source>
        <translation>{n} leave entries</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>{n} waarschuwing</source>
        <translation>{n} warning</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>{n} waarschuwingen</source>
        <translation>{n} warnings</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <location filename="../../kcroster/gui/views/wishes.py"/>
        <source>{n} wens</source>
        <translation>{n} wish</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/wishes.py"/>
        <source>{n} wens ingelezen</source>
        <translation>{n} wish read</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <location filename="../../kcroster/gui/views/wishes.py"/>
        <source>{n} wensen</source>
        <translation>{n} wishes</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/wishes.py"/>
        <source>{n} wensen ingelezen</source>
        <translation>{n} wishes read</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/wishes.py"/>
        <source>{n} wensformulier geschreven naar {map}</source>
        <translation>{n} wish form written to {map}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/wishes.py"/>
        <source>{n} wensformulieren geschreven naar {map}</source>
        <translation>{n} wish forms written to {map}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>{n} wijziging ingelezen uit {bestand}.</source>
        <translation>{n} change read from {bestand}.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>{n} wijzigingen ingelezen uit {bestand}.</source>
        <translation>{n} changes read from {bestand}.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/wishes.py"/>
        <source>{ok} van {n} gehonoreerd ({pct})</source>
        <translation>{ok} of {n} granted ({pct})</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/staffing.py"/>
        <source>{queue}: piek {n} medewerker op {dag} {tijd}</source>
        <translation>{queue}: peak of {n} agent on {dag} {tijd}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/staffing.py"/>
        <source>{queue}: piek {n} medewerkers op {dag} {tijd}</source>
        <translation>{queue}: peak of {n} agents on {dag} {tijd}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast.py"/>
        <source>{queue}: {total} contacten in {dagen} dagen · gemiddelde AHT {aht} s · piek {piek} per interval</source>
        <translation>{queue}: {total} contacts in {dagen} days · average AHT {aht} s · peak {piek} per interval</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/forecast_history.py"/>
        <source>{queue}: {total} contacten verwacht in {dagen} dagen vanaf {start} · methode {methode}</source>
        <translation>{queue}: {total} contacts expected in {dagen} days from {start} · method {methode}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/coverage.py"/>
        <source>{q}: ingeroosterd {r} uur / verwacht beschikbaar na {s} shrinkage {a} uur / nodig {n} uur.</source>
        <translation>{q}: rostered {r} hours / expected available after {s} shrinkage {a} hours / needed {n} hours.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/wishes.py"/>
        <source>{r} geweigerd.</source>
        <translation>{r} refused.</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/print_roster.py"/>
        <source>{team} · {week}</source>
        <translation>{team} · {week}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/print_roster.py"/>
        <source>{uren} u</source>
        <translation>{uren} h</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>{uren} uur</source>
        <translation>{uren} hours</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/agents.py"/>
        <source>{uren} uur per week · max. {dagen} dagen · vaardigheden: {skills}</source>
        <translation>{uren} hours per week · max. {dagen} days · skills: {skills}</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/solve_dialog.py"/>
        <source>{u} uur boven contract</source>
        <translation>{u} hours over contract</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/roster.py"/>
        <source>{v} uur boven contract</source>
        <translation>{v} hours over contract</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/coverage.py"/>
        <source>{w} · beantwoord / aangeboden</source>
        <translation>{w} · answered / offered</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/coverage.py"/>
        <source>{w} · doel {d} in {s} s</source>
        <translation>{w} · target {d} in {s} s</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/coverage.py"/>
        <source>{w} · gewogen naar volume</source>
        <translation>{w} · weighted by volume</translation>
    </message>
    <message>
        <location filename="../../kcroster/gui/views/coverage.py"/>
        <source>{w} · tijd in gesprek</source>
        <translation>{w} · time in contact</translation>
    </message>
</context>
</TS>
