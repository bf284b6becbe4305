"""Parameters of the Arbeidstijdenwet and related legal rules (docs/design.md §5).

Defaults are the statutory adult norms; a project may override them where a CAO allows, or
switch a rule off (e.g. for a research benchmark whose own rules replace them). The rule
catalogue in :mod:`kcroster.rules` gives each parameter its planner-readable name.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class LabourRules:
    max_shift_hours: float = 12.0
    max_night_shift_hours: float = 10.0
    night_window: tuple[int, int] = (0, 6)  # hours; a night shift works > 1 h in it
    night_min_hours_in_window: float = 1.0
    max_week_hours: float = 60.0
    max_avg_hours_4w: float = 55.0
    max_avg_hours_16w: float = 48.0
    min_daily_rest_hours: float = 11.0
    reduced_daily_rest_hours: float = 8.0  # allowed once per 7×24 h
    min_weekly_rest_hours: float = 36.0
    break_after_hours: float = 5.5
    break_minutes: int = 30
    long_break_after_hours: float = 10.0
    long_break_minutes: int = 45
    min_break_part_minutes: int = 15
    rest_after_late_night_hours: float = 14.0  # after a night shift ending after 02:00
    late_night_end_hour: int = 2
    rest_after_night_series_hours: float = 46.0
    night_series_length: int = 3
    min_free_sundays_per_52w: int = 13
    youth_max_shift_hours: float = 9.0
    youth_max_week_hours: float = 45.0
    youth_min_daily_rest_hours: float = 12.0
    youth_break_after_hours: float = 4.5
    youth_break_minutes: int = 30
    roster_notice_days: int = 28
    disabled: set[str] = field(default_factory=set)  # rule ids switched off for this project

    def enabled(self, rule_id: str) -> bool:
        return rule_id not in self.disabled
