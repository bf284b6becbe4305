"""Special days: public holidays and the days a planner tags (campaign, mailing, outage, ...).

Every special day gets a *label*. A public holiday's label is its name from the ``holidays``
package ("Tweede Kerstdag", "Koningsdag"), so that this year's Koningsdag learns from last
year's; a planner's tag is the tag text ("mailing"). The day model gives each label an effect
of its own, shrunk towards the common effect of all public holidays (see
:mod:`kcroster.forecasting.methods`). A tag overrides a holiday on the same day.
"""

from __future__ import annotations

from datetime import date, timedelta

__all__ = ["SpecialDays", "holiday_names", "parse_special_days"]


def holiday_names(first: date, end: date, country: str | None = "NL") -> dict[date, str]:
    """Public holidays from ``first`` up to (not including) ``end``: date → name."""
    if not country:
        return {}
    import holidays

    years = list(range(first.year, end.year + 1))
    try:
        table = holidays.country_holidays(country, years=years)
    except NotImplementedError as exc:
        from kcroster.model.errors import KcrosterInputError

        raise KcrosterInputError(f"onbekend land voor feestdagen: '{country}'") from exc
    return {d: str(name) for d, name in table.items() if first <= d < end}


class SpecialDays:
    """The labelled days of a period: public holidays of ``country`` plus the planner's tags."""

    def __init__(
        self,
        first: date,
        end: date,
        *,
        country: str | None = "NL",
        tags: dict[date, str] | None = None,
    ) -> None:
        self.holidays = holiday_names(first, end, country)
        self.tags = {d: t.strip() for d, t in (tags or {}).items() if t.strip()}

    def label(self, day: date) -> str | None:
        return self.tags.get(day) or self.holidays.get(day)

    def is_holiday(self, day: date) -> bool:
        return day in self.holidays and day not in self.tags

    def labels(self, days: list[date]) -> list[str | None]:
        return [self.label(d) for d in days]


def parse_special_days(items: list[str]) -> dict[date, str]:
    """``['2026-12-24=kerstavond', '2026-03-02:2026-03-06=campagne']`` → date → tag.

    A range ``FROM:TO`` includes both ends. Raises ``ValueError`` with a planner-facing reason.
    """
    out: dict[date, str] = {}
    for item in items:
        when, sep, tag = item.partition("=")
        if not sep or not tag.strip():
            raise ValueError(f"'{item}': schrijf DATUM=LABEL, bijv. 2026-12-24=kerstavond")
        first_text, _, last_text = when.partition(":")
        first = _parse_date(first_text)
        last = _parse_date(last_text) if last_text else first
        if last < first:
            raise ValueError(f"'{item}': de einddatum ligt voor de begindatum")
        d = first
        while d <= last:
            out[d] = tag.strip()
            d += timedelta(days=1)
    return out


def _parse_date(text: str) -> date:
    t = text.strip()
    for fmt in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            from datetime import datetime

            return datetime.strptime(t, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"'{text}' is geen datum (JJJJ-MM-DD of DD-MM-JJJJ)")
