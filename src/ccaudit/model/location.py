"""Where something is in the audited repository: `Location`, and `SourceMap` from JSON pointers to line:col."""

from __future__ import annotations

from dataclasses import dataclass, field


def escape_token(token: str | int) -> str:
    """Escape one JSON-pointer token (RFC 6901)."""
    return str(token).replace("~", "~0").replace("/", "~1")


def join_pointer(base: str, *tokens: str | int) -> str:
    """Append tokens to a JSON pointer: join_pointer("/a", 0, "b") == "/a/0/b"."""
    return base + "".join("/" + escape_token(t) for t in tokens)


@dataclass(frozen=True, slots=True, order=True)
class Location:
    """A place in the audited repository; ordering is (path, line, col, pointer)."""

    path: str
    """Repository-relative POSIX path ("contact_points/portal.yaml"); a directory ends with "/"."""
    line: int | None = None
    """1-based line, or None when the place is a whole file or something absent."""
    col: int | None = None
    """1-based column, or None."""
    pointer: str = ""
    """JSON pointer of the value inside the file ("/journey_maps/2/approved_on"); "" for the whole document."""

    def __str__(self) -> str:
        if self.line is None:
            return self.path
        if self.col is None:
            return f"{self.path}:{self.line}"
        return f"{self.path}:{self.line}:{self.col}"

    def sort_key(self) -> tuple[str, int, int, str]:
        """A total order that puts locations without line numbers first."""
        return (self.path, self.line or 0, self.col or 0, self.pointer)


@dataclass(frozen=True, slots=True)
class SourceMap:
    """Line and column of every value (and of every mapping key) of one YAML file, by JSON pointer."""

    path: str
    """Repository-relative path of the file the map describes."""
    values: dict[str, tuple[int, int]] = field(default_factory=dict)
    """pointer → (line, col) of the value node."""
    keys: dict[str, tuple[int, int]] = field(default_factory=dict)
    """pointer → (line, col) of the mapping key that introduces the value (absent for list items and the root)."""

    def value(self, pointer: str) -> Location:
        """The location of the value at `pointer`, or of its nearest ancestor that exists."""
        return self._nearest(pointer, self.values)

    def key(self, pointer: str) -> Location:
        """The location of the key naming `pointer`; falls back to the value's location."""
        if pointer in self.keys:
            line, col = self.keys[pointer]
            return Location(self.path, line, col, pointer)
        return self.value(pointer)

    def has(self, pointer: str) -> bool:
        """True when a value exists at exactly this pointer."""
        return pointer in self.values

    def _nearest(self, pointer: str, table: dict[str, tuple[int, int]]) -> Location:
        probe = pointer
        while True:
            if probe in table:
                line, col = table[probe]
                return Location(self.path, line, col, pointer)
            if not probe:
                return Location(self.path, None, None, pointer)
            probe = probe.rsplit("/", 1)[0]
