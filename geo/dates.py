"""Dates: the one parser for a day the user gives, the one way a day is written, and stated periods."""

from __future__ import annotations

import datetime as dt

from geo.errors import AtlasError

EARLIEST = dt.date(1997, 1, 1)  # the atlas covers the treaty from its signature year on
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def parse_day(value: str | dt.date, field: str = "date") -> dt.date:
    """A day from 1997 on, from text YYYY-MM-DD or a date (AtlasError naming the field otherwise)."""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            raise AtlasError(None, field, value, "not a date; use YYYY-MM-DD, e.g. 2026-03-01") from None
    if value < EARLIEST:
        raise AtlasError(
            None, field, value.isoformat(), f"before {EARLIEST.isoformat()}; the atlas covers the treaty from 1997 on"
        )
    return value


def day_text(day: dt.date) -> str:
    """A day as the atlas writes it: '27 Dec 2025'."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


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
