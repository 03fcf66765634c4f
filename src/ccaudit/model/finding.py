"""What checks report and what the engine makes of it: `Problem`, `Outcome`, `Finding`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from ccaudit.model.declaration import ItemRef
from ccaudit.model.location import Location
from ccaudit.model.rule import Severity, Text


class Outcome(StrEnum):
    """The status of one (rule, item) pair."""

    PASS = "pass"
    FAIL = "fail"
    NOT_APPLICABLE = "not_applicable"
    MANUAL = "manual"
    NO_DATA = "no_data"
    WAIVED = "waived"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class Problem:
    """A fact a check yields: where, and the values the rule's message needs.

    A check normally yields failures; it may yield `outcome=NOT_APPLICABLE` or `NO_DATA` instead
    (with the reason, a Text, in args["reason"]) when the item cannot be judged.
    """

    at: Location
    args: Mapping[str, object] = field(default_factory=dict)
    outcome: Outcome = Outcome.FAIL


@dataclass(frozen=True, slots=True)
class Finding:
    """The engine's verdict on one rule for one item (one per problem; a single `pass` when none)."""

    rule_id: str
    item: ItemRef
    """The item examined."""
    unit: ItemRef
    """The scoring unit the finding counts for: the point of contact, or the agency."""
    outcome: Outcome
    severity: Severity
    """Effective severity after tailoring and the «maximum level» adjustment."""
    location: Location
    args: Mapping[str, object] = field(default_factory=dict)
    via: str | None = None
    """Clause through which an inherited rule applies ("4.6.2.1"), else None."""
    note: Text | None = None
    """Why the outcome is what it is: the waiver, the error, why the rule is manual or does not apply."""

    @property
    def failed(self) -> bool:
        """A failure that counts for CI (waived ones do not)."""
        return self.outcome in (Outcome.FAIL, Outcome.ERROR)

    def sort_key(self) -> tuple[str, int, int, str, str, str]:
        return (*self.location.sort_key()[:3], self.rule_id, str(self.item), self.location.pointer)
