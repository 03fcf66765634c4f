"""The audited period: a calendar quarter by default (section 6 asks for an assessment at least once a quarter),
or a calendar year, or any range of whole days."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

_QUARTER = re.compile(r"^([0-9]{4})-?Q([1-4])$", re.IGNORECASE)
_YEAR = re.compile(r"^([0-9]{4})$")
_RANGE = re.compile(r"^([0-9]{4}-[0-9]{2}-[0-9]{2})\.\.([0-9]{4}-[0-9]{2}-[0-9]{2})$")
FORMS = "YYYY-Qn (2026-Q3 or 2026Q3), YYYY (2026) or FROM..TO (2026-07-01..2026-08-31)"


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """Whole days from `start` to `end`, both included; `label` is how reports and metrics.yaml name it."""

    start: date
    end: date
    label: str

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        """A calendar quarter, e.g. 2026-Q3 (1 July – 30 September 2026)."""
        start = date(year, 3 * (quarter - 1) + 1, 1)
        end = date(year, 12, 31) if quarter == 4 else date(year, 3 * quarter + 1, 1) - timedelta(days=1)
        return cls(start, end, f"{year}-Q{quarter}")

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read one of FORMS; raises ValueError (with the forms) on anything else."""
        text = str(text).strip()
        if match := _QUARTER.match(text):
            return cls.quarter(int(match.group(1)), int(match.group(2)))
        if match := _YEAR.match(text):
            year = int(match.group(1))
            return cls(date(year, 1, 1), date(year, 12, 31), str(year))
        if match := _RANGE.match(text):
            try:
                start, end = date.fromisoformat(match.group(1)), date.fromisoformat(match.group(2))
            except ValueError as exc:
                raise ValueError(f"not a period: {text!r} ({exc}); expected {FORMS}") from None
            if end < start:
                raise ValueError(f"not a period: {text!r} ends before it starts; expected {FORMS}")
            return cls(start, end, f"{start.isoformat()}..{end.isoformat()}")
        raise ValueError(f"not a period: {text!r}; expected {FORMS}")

    @classmethod
    def containing(cls, day: date) -> Period:
        """The quarter a day falls in."""
        return cls.quarter(day.year, (day.month - 1) // 3 + 1)

    @property
    def year(self) -> int:
        """The calendar year the period ends in (the year whose plans and reports apply)."""
        return self.end.year

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def bounds(self, timezone: str) -> tuple[datetime, datetime]:
        """The period as [start, end) instants in the agency's time zone: midnight of the first day up to
        midnight after the last."""
        zone = ZoneInfo(timezone)
        return (datetime.combine(self.start, time(0), zone), datetime.combine(self.end + timedelta(days=1), time(0), zone))

    def __str__(self) -> str:
        return self.label
