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


def scalar_position(source: str, line: int, col: int, offset: int, value: str) -> tuple[int, int]:
    """Line and column in a YAML file of the character at `offset` of the string scalar `value` that starts at
    (line, col).

    Exact for block literal scalars (`|`) and for single-line plain and quoted scalars without escapes. For folded
    (`>`) and multi-line flow scalars the word at `offset` is searched in the scalar's source lines (first match
    from the line the preceding text ends on); failing that the scalar's own position is returned.
    """
    lines = source.splitlines()
    if not 1 <= line <= len(lines):
        return line, col
    head = lines[line - 1][col - 1:]
    if head[:1] in ("|", ">"):
        body: list[tuple[int, str]] = []
        indent = None
        for n in range(line, len(lines)):
            text = lines[n]
            if text.strip():
                lead = len(text) - len(text.lstrip(" "))
                if indent is None:
                    indent = lead
                if lead < indent:
                    break
            body.append((n + 1, text))
        if indent is None:
            return line, col
        if head[0] == "|":
            row = value.count("\n", 0, offset)
            at = offset - (value.rfind("\n", 0, offset) + 1)
            if row < len(body):
                return body[row][0], indent + at + 1
            return line, col
        return _search(body, value, offset, indent, (line, col))
    if "\n" not in value and head[:1] in ("'", '"'):
        return line, col + 1 + offset
    if "\n" not in value and value and head.startswith(value[: min(len(value), 20)]):
        return line, col + offset
    rows = [(n + 1, lines[n]) for n in range(line - 1, min(len(lines), line + 200))]
    return _search(rows, value, offset, 0, (line, col))


def _search(rows: list[tuple[int, str]], value: str, offset: int, indent: int, fallback: tuple[int, int]) -> tuple[int, int]:
    """The k-th occurrence in the source rows of the word at `offset`, k being its occurrences in `value` before it."""
    rest = value[offset:].split()
    if not rest:
        return fallback
    word = rest[0]
    k = value.count(word, 0, offset)
    for n, text in rows:
        start = fallback[1] - 1 if n == fallback[0] and indent == 0 else 0
        while (at := text.find(word, start)) >= 0:
            if k == 0:
                return n, at + 1
            k -= 1
            start = at + 1
    return fallback
