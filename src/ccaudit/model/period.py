"""The audited period: a calendar quarter (section 6 asks for an assessment at least once a quarter)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

_PERIOD = re.compile(r"^([0-9]{4})-Q([1-4])$")


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """A calendar quarter, e.g. 2026-Q3 (1 July – 30 September 2026)."""

    year: int
    quarter: int

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read "YYYY-Qn"; raises ValueError on anything else."""
        match = _PERIOD.match(text)
        if not match:
            raise ValueError(f"not a quarter: {text!r} (expected YYYY-Qn, e.g. 2026-Q3)")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def containing(cls, day: date) -> Period:
        """The quarter a day falls in."""
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def start(self) -> date:
        """First day of the quarter."""
        return date(self.year, 3 * (self.quarter - 1) + 1, 1)

    @property
    def end(self) -> date:
        """Last day of the quarter."""
        if self.quarter == 4:
            return date(self.year, 12, 31)
        return date(self.year, 3 * self.quarter + 1, 1) - timedelta(days=1)

    def __str__(self) -> str:
        return f"{self.year}-Q{self.quarter}"
