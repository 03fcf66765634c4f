"""Reading repository files: UTF-8 text with clear errors, and safe YAML with a SourceMap.

ccaudit reads YAML 1.2 (the core schema: true/false, null, decimal numbers); dates stay strings. Plain
scalars whose meaning differs between YAML 1.1 and 1.2 (`18:00`, `no`, `on`, `0123`, `1_000`) are
errors with a hint, because an editor, a YAML 1.1 tool and ccaudit would read them differently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ccaudit.model.errors import InputError, InputErrors
from ccaudit.model.location import Location, SourceMap, join_pointer

MAX_FILE_BYTES = 5 * 1024 * 1024
"""Default ceiling for one YAML or text file; larger files are refused before parsing."""
MAX_NODES = 1_000_000
"""Default ceiling for values built from one YAML file, counting every alias expansion."""
MAX_DEPTH = 100
"""Default ceiling for nesting of one YAML file."""

_STR_TAG = "tag:yaml.org,2002:str"
_PLAIN = "ccaudit:plain"
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_INT_OCT = re.compile(r"^0o[0-7]+$")
_INT_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_INF = re.compile(r"^[-+]?\.(?:inf|Inf|INF)$")
_NAN = re.compile(r"^\.(?:nan|NaN|NAN)$")
_TRAP_BOOL = re.compile(r"^(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N)$")
# YAML 1.1 base-60: ints need a leading 1-9 ("09:00" stays text), floats need a fractional part.
_TRAP_SEXAGESIMAL = re.compile(r"^[-+]?(?:[1-9][0-9_]*(?::[0-5]?[0-9])+|[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*)$")
_TRAP_LEADING_ZERO = re.compile(r"^[-+]?0[0-9_]+$")
_TRAP_UNDERSCORE = re.compile(r"^[-+]?[0-9][0-9_]*_[0-9_]*(?:\.[0-9_]*)?$")
_TRAP_BINARY = re.compile(r"^[-+]?0b[01_]+$")


@dataclass(frozen=True, slots=True)
class YamlDocument:
    """One parsed YAML file: plain Python data (dict, list, str, int, float, bool, None) and its SourceMap."""

    data: Any
    smap: SourceMap
    errors: tuple[InputError, ...] = ()
    """Problems that did not stop parsing (duplicate keys, YAML 1.1 traps, tags); the data keeps the raw text."""


class _Resolver(yaml.resolver.BaseResolver):
    """Tags plain scalars with a private tag so that ccaudit resolves them itself (YAML 1.2 core)."""

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:  # noqa: D102
        if kind is ScalarNode and implicit[0]:
            return _PLAIN
        return super().resolve(kind, value, implicit)


class _Loader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    _Resolver,
):
    """A composer only: it builds nodes and never constructs Python objects, so no tag can run code."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _Resolver.__init__(self)


try:  # libyaml's C parser is ~10x faster; the node tree, marks and errors are the same.
    from yaml._yaml import CParser as _CParser

    class _FastLoader(_CParser, _Resolver):  # type: ignore[misc, valid-type]
        """The C composer with ccaudit's resolver."""

        def __init__(self, stream: str) -> None:
            _CParser.__init__(self, stream)
            _Resolver.__init__(self)

    _LOADERS: tuple[type, ...] = (_FastLoader,)
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _LOADERS = ()


def line_col_of_offset(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters, as far as the prefix decodes) of a byte offset."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    line = data.count(b"\n", 0, offset) + 1
    col = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return line, col


def inside(root: Path, path: Path) -> bool:
    """True when `path`, with every symbolic link followed, lies inside the repository `root`."""
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def read_text(root: Path, rel: str, *, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Read a repository file as UTF-8 text (a BOM is accepted); raise InputErrors with a fix otherwise."""
    path = root / rel
    whole = Location(rel)
    if not inside(root, path):
        raise InputErrors([InputError(whole, "is a symbolic link that leads outside the repository",
                                      "copy the file into the repository instead of linking to it")])
    if path.is_dir():
        raise InputErrors([InputError(whole, "is a directory, expected a file", "give the path of a file")])
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputErrors([InputError(whole, f"cannot read the file: {exc.strerror or exc}")]) from None
    if size > max_bytes:
        raise InputErrors([InputError(
            whole,
            f"file is {size:,} bytes, more than the limit of {max_bytes:,}",
            "split it into smaller files, or raise limits.max_file_bytes in ccaudit.yaml if it is really meant",
        )])
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputErrors([InputError(whole, f"cannot read the file: {exc.strerror or exc}")]) from None
    return decode_utf8(raw, rel)


def decode_utf8(raw: bytes, rel: str) -> str:
    """Decode bytes as UTF-8 with a clear InputError for UTF-16, NUL bytes and legacy code pages."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputErrors([InputError(
            Location(rel, 1, 1),
            "file is encoded as UTF-16, expected UTF-8",
            "re-save the file as UTF-8 (in most editors: Save As → Encoding → UTF-8)",
        )])
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, col = line_col_of_offset(raw, nul)
        raise InputErrors([InputError(
            Location(rel, line, col),
            "file contains a NUL byte; it is binary or not UTF-8 text",
            "re-save the file as UTF-8 text",
        )])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = line_col_of_offset(raw, exc.start)
        legacy = ""
        try:
            raw.decode("cp1251")
            legacy = " (it looks like Windows-1251, a common export from office tools)"
        except UnicodeDecodeError:
            pass
        raise InputErrors([InputError(
            Location(rel, line, col),
            f"file is not valid UTF-8{legacy}",
            "re-save the file as UTF-8 (in most editors: Save As → Encoding → UTF-8)",
        )]) from None


def parse_yaml(
    text: str,
    rel: str,
    *,
    max_nodes: int = MAX_NODES,
    max_depth: int = MAX_DEPTH,
) -> YamlDocument:
    """Parse one YAML document into plain data, a SourceMap and the recoverable errors found on the way."""
    try:
        loader = (_LOADERS[0] if _LOADERS and not _needs_python_parser(text) else _Loader)(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        raise InputErrors([_syntax_error(exc, rel, text)]) from None
    except yaml.YAMLError as exc:  # errors without a mark (rare: reader errors)
        raise InputErrors([InputError(Location(rel), f"YAML error: {exc}")]) from None
    except RecursionError:  # the parser itself recursed too deep on a crafted document
        raise InputErrors([_too_deep(rel, None, max_depth)]) from None
    smap = SourceMap(rel)
    if node is None:
        return YamlDocument(None, smap)
    try:
        size = _expanded_size(node, {}, set(), 0, max_depth)
    except _TooDeep as deep:
        raise InputErrors([_too_deep(rel, deep.node, max_depth)]) from None
    if size > max_nodes:
        raise InputErrors([InputError(
            Location(rel, node.start_mark.line + 1, node.start_mark.column + 1),
            f"document has more than {max_nodes:,} values once its aliases are expanded ({size:,})",
            "simplify the file; YAML anchors that repeat large blocks multiply its size",
        )])
    builder = _Builder(rel, smap, max_nodes, max_depth)
    data = builder.build(node, "", 0)
    if builder.stopped:
        raise InputErrors(builder.errors)
    return YamlDocument(data, smap, tuple(builder.errors))


class _TooDeep(Exception):
    def __init__(self, node: Node) -> None:
        self.node = node


def _too_deep(rel: str, node: Node | None, max_depth: int) -> InputError:
    where = Location(rel, node.start_mark.line + 1, node.start_mark.column + 1) if node is not None else Location(rel)
    return InputError(where, f"values are nested more than {max_depth} levels deep",
                      "flatten the structure; declarations need only a few levels")


def _expanded_size(node: Node, memo: dict[int, int], active: set[int], depth: int = 0, max_depth: int = MAX_DEPTH) -> int:
    """Number of values the document has with every alias expanded, computed without expanding them; raises
    _TooDeep past max_depth levels (before Python's own recursion limit)."""
    if depth > max_depth:
        raise _TooDeep(node)
    key = id(node)
    if key in memo:
        return memo[key]
    if key in active or isinstance(node, ScalarNode):
        return 1  # a recursive alias is reported by the builder
    active.add(key)
    children = node.value if isinstance(node, SequenceNode) else [n for pair in node.value for n in pair]
    total = 1 + sum(_expanded_size(child, memo, active, depth + 1, max_depth) for child in children)
    active.discard(key)
    memo[key] = total
    return total


def _needs_python_parser(text: str) -> bool:
    """The pure-Python parser reports columns in characters; libyaml too, but it rejects some inputs
    (NUL, lone surrogates) with less precise messages. Such text is rare and routed to the Python parser."""
    return "\x00" in text


def load_yaml(root: Path, rel: str, *, max_bytes: int = MAX_FILE_BYTES, strict: bool = True) -> YamlDocument:
    """Read and parse a repository YAML file; raises InputErrors naming `rel` with line and column.

    With strict=False, recoverable problems (traps, duplicate keys) come back in `errors` with the data,
    so that a loader can keep reading the file's ids and report everything at once.
    """
    doc = parse_yaml(read_text(root, rel, max_bytes=max_bytes), rel)
    if strict and doc.errors:
        raise InputErrors(doc.errors)
    return doc


class _Builder:
    """Turns composed nodes into plain data, recording locations, duplicate keys and YAML 1.1 traps."""

    def __init__(self, rel: str, smap: SourceMap, max_nodes: int, max_depth: int) -> None:
        self.rel = rel
        self.smap = smap
        self.errors: list[InputError] = []
        self.count = 0
        self.max_nodes = max_nodes
        self.max_depth = max_depth
        self.active: set[int] = set()
        self.stopped = False

    def at(self, node: Node, pointer: str) -> Location:
        return Location(self.rel, node.start_mark.line + 1, node.start_mark.column + 1, pointer)

    def fail(self, node: Node, pointer: str, message: str, hint: str = "") -> None:
        self.errors.append(InputError(self.at(node, pointer), message, hint))

    def build(self, node: Node, pointer: str, depth: int) -> Any:
        if self.stopped:
            return None
        self.count += 1
        if self.count > self.max_nodes or depth > self.max_depth:
            what = f"more than {self.max_nodes:,} values" if self.count > self.max_nodes else (
                f"nesting deeper than {self.max_depth} levels")
            self.fail(node, pointer, f"document has {what} (alias expansion counted)",
                      "simplify the file; YAML anchors that repeat large blocks multiply its size")
            self.stopped = True
            return None
        self.smap.values.setdefault(pointer, (node.start_mark.line + 1, node.start_mark.column + 1))
        if id(node) in self.active:
            self.fail(node, pointer, "recursive YAML alias", "an anchor may not contain an alias to itself")
            return None
        if isinstance(node, ScalarNode):
            return self.scalar(node, pointer)
        self.active.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                self.check_tag(node, pointer, "tag:yaml.org,2002:seq")
                return [self.build(child, join_pointer(pointer, i), depth + 1)
                        for i, child in enumerate(node.value)]
            assert isinstance(node, MappingNode)
            self.check_tag(node, pointer, "tag:yaml.org,2002:map")
            return self.mapping(node, pointer, depth)
        finally:
            self.active.discard(id(node))

    def check_tag(self, node: Node, pointer: str, expected: str) -> None:
        if node.tag != expected:
            self.fail(node, pointer, f"YAML tag '{node.tag}' is not allowed",
                      "remove the tag; ccaudit reads plain YAML data only")

    def mapping(self, node: MappingNode, pointer: str, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Node] = {}
        merged: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.fail(key_node, pointer, "a mapping key must be a plain name, not a list or mapping")
                continue
            key = key_node.value
            if key == "<<" and key_node.tag == _PLAIN:
                self.merge(value_node, pointer, depth, merged)
                continue
            child = join_pointer(pointer, key)
            if key in first_seen:
                line = first_seen[key].start_mark.line + 1
                self.fail(key_node, child, f"duplicate key '{key}' (first defined at line {line})",
                          "remove one of them; YAML would silently keep only the last one")
                continue
            first_seen[key] = key_node
            self.smap.keys.setdefault(child, (key_node.start_mark.line + 1, key_node.start_mark.column + 1))
            result[key] = self.build(value_node, child, depth + 1)
        for key, value in merged.items():
            result.setdefault(key, value)
        return result

    def merge(self, node: Node, pointer: str, depth: int, into: dict[str, Any]) -> None:
        sources = node.value if isinstance(node, SequenceNode) else [node]
        for source in sources:
            if not isinstance(source, MappingNode):
                self.fail(source, pointer, "a merge key '<<' must point at a mapping")
                continue
            data = self.build(source, pointer, depth + 1)
            if isinstance(data, dict):
                for key, value in data.items():
                    into.setdefault(key, value)

    def scalar(self, node: ScalarNode, pointer: str) -> Any:
        text = node.value
        if node.tag == _STR_TAG:
            return text
        if node.tag != _PLAIN:
            self.fail(node, pointer, f"YAML tag '{node.tag}' is not allowed",
                      "remove the tag; quote the value if it is text")
            return text
        trap = _trap(text)
        if trap:
            self.fail(node, pointer, *trap)
            return text
        if _NULL.match(text):
            return None
        if text in _BOOL:
            return _BOOL[text]
        if _INT.match(text):
            return int(text)
        if _INT_OCT.match(text):
            return int(text[2:], 8)
        if _INT_HEX.match(text):
            return int(text[2:], 16)
        if _FLOAT.match(text):
            return float(text)
        if _INF.match(text):
            return float("-inf") if text.startswith("-") else float("inf")
        if _NAN.match(text):
            return float("nan")
        return text


def _trap(text: str) -> tuple[str, str] | None:
    """A (message, hint) when a plain scalar reads differently under YAML 1.1 and YAML 1.2."""
    if _TRAP_BOOL.match(text):
        meaning = "true" if text.lower() in {"yes", "on", "y"} else "false"
        return (
            f"unquoted '{text}' is read as the boolean {meaning} by YAML 1.1 tools and as text by YAML 1.2",
            f'write {meaning} for a yes/no field, or quote it ("{text}") if it is text',
        )
    if _TRAP_SEXAGESIMAL.match(text):
        return (
            f"unquoted '{text}' is read as a base-60 number by YAML 1.1 tools"
            + (f" ({_sexagesimal(text)})" if _sexagesimal(text) is not None else ""),
            f'quote times and durations: "{text}"',
        )
    if _TRAP_LEADING_ZERO.match(text):
        octal = ""
        digits = text.lstrip("+-").replace("_", "")
        if all(c in "01234567" for c in digits):
            octal = f" as the octal number {int(digits, 8)} by YAML 1.1 tools and"
        return (
            f"unquoted '{text}' has a leading zero: it is read{octal} as {int(digits)} by YAML 1.2",
            f'quote it ("{text}") if it is an identifier or a code, or drop the leading zero if it is a number',
        )
    if _TRAP_UNDERSCORE.match(text) or _TRAP_BINARY.match(text):
        return (
            f"unquoted '{text}' is a number for YAML 1.1 tools and text for YAML 1.2",
            f'write the number without underscores, or quote it ("{text}") if it is text',
        )
    return None


def _sexagesimal(text: str) -> int | None:
    if "." in text:
        return None
    sign = -1 if text.startswith("-") else 1
    value = 0
    for part in text.lstrip("+-").replace("_", "").split(":"):
        value = value * 60 + int(part)
    return sign * value


_SYNTAX_HINTS: tuple[tuple[str, str, str], ...] = (
    ("found character '\\t'", "tab character where YAML expects spaces",
     "YAML indentation must use spaces; replace the tab with spaces"),
    ("found a tab character", "tab character where YAML expects spaces",
     "YAML indentation must use spaces; replace the tab with spaces"),
    ("mapping values are not allowed", "unexpected ':' (mapping value not allowed here)",
     "check the indentation of this line and the line above, and quote text that contains ': '"),
    ("did not find expected key", "bad indentation: a key was expected here",
     "align keys of one mapping at the same column, using spaces"),
    ("expected <block end>", "bad indentation: this line does not fit the block above",
     "align items of one list or mapping at the same column"),
    ("did not find expected '-' indicator", "bad indentation inside a list",
     "start every list item with '- ' at the same column"),
    ("found unexpected end of stream", "unexpected end of file: a quote or bracket is not closed",
     "close the quote or bracket that starts at the place shown in the message"),
    ("found unknown escape character", "unknown escape sequence in a double-quoted string",
     "use single quotes for text with backslashes, or write \\\\ for one backslash"),
    ("expected a single document", "file holds more than one YAML document ('---')",
     "keep one document per file"),
    ("while parsing a flow", "inside [ ] or { }: a bracket is not closed, or text needs quotes",
     "inside [ ] or { }, quote text that contains , : ? # [ ] { } (e.g. question: \"Как оформить пособие?\")"),
    ("found undefined alias", "alias refers to an anchor that is not defined",
     "define the anchor (&name) before using the alias (*name)"),
    ("found duplicate anchor", "anchor is defined twice", "give each anchor a unique name"),
)


def _syntax_error(exc: yaml.MarkedYAMLError, rel: str, text: str) -> InputError:
    mark = exc.problem_mark or exc.context_mark
    at = Location(rel, mark.line + 1, mark.column + 1) if mark else Location(rel)
    problem = (exc.problem or "").strip()
    full = f"{exc.context or ''} {problem}"
    if mark is not None:
        lines = text.splitlines()
        line = lines[mark.line] if mark.line < len(lines) else ""
        if "\t" in line[: mark.column + 1]:
            tab = line.index("\t")
            return InputError(Location(rel, mark.line + 1, tab + 1), "YAML syntax error: tab character where YAML expects spaces",
                              "YAML indentation must use spaces; replace the tab with spaces")
    for needle, message, hint in _SYNTAX_HINTS:
        if needle in full:
            if "quoted scalar" in (exc.context or "") and exc.context_mark is not None:
                start = exc.context_mark
                message = f"quoted text is never closed (it starts at line {start.line + 1}, column {start.column + 1})"
                hint = "add the closing quote, or escape quotes inside the text"
            return InputError(at, f"YAML syntax error: {message}", hint)
    context = f" {exc.context}" if exc.context else ""
    return InputError(at, f"YAML syntax error:{context} {problem}".rstrip(),
                      "check the YAML syntax near this place")
