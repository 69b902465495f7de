"""Dates: the one date policy, the one parser for a day the user gives, the one way a day is written, periods.

The record's span runs from EARLIEST (the year the Convention was negotiated and signed) to the end of the tenth
year after today: every date a user asks for (the CLI's --on, the app's date, a link) and every treaty date in
the facts file must fall in it.
"""

from __future__ import annotations

import datetime as dt
import re

from geo.errors import AtlasError

EARLIEST = dt.date(1997, 1, 1)  # the atlas covers the treaty from its signature year on
YEARS_AHEAD = 10  # the span ends with the tenth year after today
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def latest_day(on: dt.date | None = None) -> dt.date:
    """The last day of the record's span: the end of the tenth year after `on` (default today)."""
    return dt.date((on or dt.date.today()).year + YEARS_AHEAD, 12, 31)


def outside_span(day: dt.date, on: dt.date | None = None) -> str | None:
    """Why a day is outside the record's span, or None when it is inside."""
    if day < EARLIEST:
        return f"before {EARLIEST.isoformat()}; the atlas covers the treaty from 1997 on"
    if day > latest_day(on):
        return (
            f"after {latest_day(on).isoformat()}; the atlas looks at most to the end of the {YEARS_AHEAD}th year ahead"
        )
    return None


_WRITTEN = re.compile(r"(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{4})", re.ASCII)  # '1 Jun 2025', '1 June 2025'
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)


def _day_of(text: str) -> dt.date | None:
    """The day a text names, as the atlas writes it ('1 Jun 2025') or in ISO ('2025-06-01'); None for anything else.
    The map page's parseDay (layers/web/static/timecontrol.js) takes the same texts.
    """
    text = text.strip()
    iso, written = _ISO.fullmatch(text), _WRITTEN.fullmatch(text)
    try:
        if iso:
            return dt.date(int(iso[1]), int(iso[2]), int(iso[3]))
        months = [m.lower() for m in MONTHS]
        if written and written[2].lower() in months:
            return dt.date(int(written[3]), months.index(written[2].lower()) + 1, int(written[1]))
    except ValueError:  # 30 Feb
        return None
    return None


def parse_day(value: str | dt.date, field: str = "date", on: dt.date | None = None) -> dt.date:
    """A day within the record's span, from a text ('1 Jun 2025' or '2025-06-01') or a date (AtlasError naming the
    field otherwise).
    """
    if isinstance(value, str):
        day = _day_of(value)
        if day is None:
            raise AtlasError(None, field, value, "not a date; write it as 1 Jun 2025 or 2025-06-01")
        value = day
    problem = outside_span(value, on)
    if problem:
        raise AtlasError(None, field, value.isoformat(), problem)
    return value


def day_text(day: dt.date) -> str:
    """A day as the atlas writes it: '27 Dec 2025'."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def period(stated: str) -> tuple[dt.date, dt.date]:
    """First and last day of a YYYY, YYYY-MM or YYYY-MM-DD date."""
    parts = [int(p) for p in stated.split("-")]
    if len(parts) == 3:
        day = dt.date(*parts)
        return day, day
    if len(parts) == 2:
        first = dt.date(parts[0], parts[1], 1)
        following = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return first, following - dt.timedelta(days=1)
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)


def period_text(stated: str) -> str:
    """A YYYY, YYYY-MM or YYYY-MM-DD date as the atlas writes it: '2025', 'Dec 2025', '5 Dec 2025'."""
    parts = [int(p) for p in stated.split("-")]
    if len(parts) == 3:
        return day_text(dt.date(*parts))
    return f"{MONTHS[parts[1] - 1]} {parts[0]}" if len(parts) == 2 else str(parts[0])


def year_before(day: dt.date) -> dt.date:
    """The same day a year earlier (28 Feb for 29 Feb), not before the record's span: the default start of a window
    of changes.
    """
    earlier = day.replace(year=day.year - 1, day=min(day.day, 28) if day.month == 2 else day.day)
    return max(earlier, EARLIEST)
