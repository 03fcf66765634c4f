"""User-facing errors: `InputError` (one mistake at a place, with a hint) and `InputErrors` (a batch)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ccaudit.model.location import Location


class CcauditError(Exception):
    """Base of every error ccaudit raises on purpose."""


@dataclass(frozen=True, slots=True)
class InputError:
    """One mistake in the user's input: where it is, what is wrong and how to fix it."""

    at: Location
    """The file, line and column of the mistake."""
    message: str
    """What is wrong, in one sentence (English; no trailing period)."""
    hint: str = ""
    """How to fix it; empty when the message says it all."""

    def render(self) -> str:
        """`path:line:col: error: message` plus an indented hint line."""
        text = f"{self.at}: error: {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (*self.at.sort_key()[:3], self.at.pointer, self.message)


class InputErrors(CcauditError):
    """A batch of user mistakes, collected and then raised once (exit code 2)."""

    def __init__(self, errors: Iterable[InputError]) -> None:
        unique = {(e.at, e.message, e.hint): e for e in errors}
        self.errors: tuple[InputError, ...] = tuple(sorted(unique.values(), key=InputError.sort_key))
        super().__init__(f"{len(self.errors)} input error(s)")

    def render(self) -> str:
        return "\n".join(e.render() for e in self.errors)

    def __str__(self) -> str:
        return self.render()


class ErrorSink:
    """Collects InputErrors from several loaders so that one run reports them all."""

    def __init__(self) -> None:
        self.errors: list[InputError] = []

    def add(self, at: Location, message: str, hint: str = "") -> None:
        self.errors.append(InputError(at, message, hint))

    def extend(self, errors: Iterable[InputError]) -> None:
        self.errors.extend(errors)

    def raise_if_any(self) -> None:
        if self.errors:
            raise InputErrors(self.errors)
