"""The agency's declarations: `Item`, `ItemRef`, `Declaration`, and `load_declaration(root)`.

Repository layout (docs/declaration-format.md):
    declarations/**/*.yaml   top-level blocks (agency, life_situations, services, …); list blocks may be
                             split across files, mapping blocks appear once
    contact_points/**/*.yaml one point of contact per file
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ccaudit.model.errors import ErrorSink, InputErrors
from ccaudit.model.location import Location, SourceMap
from ccaudit.model.schema import describe, load_schema, subschema, suggest, validate
from ccaudit.model.yamlio import MAX_FILE_BYTES, YamlDocument, decode_utf8, load_yaml

DECLARATIONS_DIR = "declarations"
CONTACT_POINTS_DIR = "contact_points"

LIST_BLOCKS: Mapping[str, str] = MappingProxyType({
    "life_situations": "life_situation",
    "segment_profiles": "segment_profile",
    "journey_maps": "journey_map",
    "client_scenarios": "client_scenario",
    "services": "service",
    "design_projects": "design_project",
    "faq": "faq",
})
"""List blocks of declarations/ and the item kind of each element."""
SINGLETON_BLOCKS: tuple[str, ...] = (
    "agency", "research", "consent", "feedback", "documents", "motivation", "training", "implementation_plan",
    "internal_client", "supervision",
)
"""Mapping blocks; each becomes one item whose kind is the block name (an empty one when not declared)."""
CONTACT_POINT = "contact_point"
ITEM_KINDS: tuple[str, ...] = (*SINGLETON_BLOCKS, *LIST_BLOCKS.values(), CONTACT_POINT)
"""Every kind a rule's `subject` may name."""
CONTACT_POINT_KINDS: tuple[str, ...] = (
    "portal", "mobile_app", "call_center", "voice_assistant", "written", "social", "chatbot",
    "in_person", "one_window", "long_stay",
)
"""The ten kinds of points of contact of section 4.6."""
OVERLAY_CONTACT_POINT_KINDS: tuple[str, ...] = ("official_reception", "hotline", "corporate_portal", "state_information_system")
"""Kinds that agency concepts add (a pack's scope.contact_point_kinds allows them)."""
ALL_CONTACT_POINT_KINDS: tuple[str, ...] = (*CONTACT_POINT_KINDS, *OVERLAY_CONTACT_POINT_KINDS)
"""Every kind the schema knows, in report order."""
DIGITAL_KINDS = frozenset({"portal", "mobile_app", "call_center", "voice_assistant", "social", "chatbot", "written",
                           "hotline", "corporate_portal", "state_information_system"})
OFFLINE_KINDS = frozenset({"in_person", "one_window", "long_stay", "official_reception"})


@dataclass(frozen=True, slots=True, order=True)
class ItemRef:
    """Identity of an item: ("contact_point", "cc-hotline"), ("agency", "minsoc")."""

    kind: str
    id: str

    def __str__(self) -> str:
        return f"{self.kind}:{self.id}"


@dataclass(frozen=True, slots=True)
class Item:
    """One declared thing a rule can examine: a point of contact, a life situation, the consent block, …"""

    ref: ItemRef
    """Its kind and id."""
    data: Mapping[str, Any]
    """The schema-validated YAML mapping, read-only by convention."""
    where: Location
    """Where the item starts (an absent singleton block points at the declarations directory)."""
    smap: SourceMap = field(repr=False, compare=False)
    """Source map of the file the item lives in."""

    @property
    def title(self) -> str:
        """The human name of the item (title, name or id)."""
        return str(self.data.get("title") or self.data.get("name") or self.ref.id)

    @property
    def contact_kind(self) -> str | None:
        """For a point of contact, its kind (portal, call_center, …); else None."""
        return str(self.data.get("kind")) if self.ref.kind == CONTACT_POINT else None

    def at(self, path: str = "") -> Location:
        """Location of a field ("booking/reminders_hours_before"), or of its nearest declared ancestor."""
        if not path:
            return self.where
        if not self.smap.values:
            return self.where
        return self.smap.value(self.where.pointer + "/" + path)

    def get(self, path: str, default: Any = None) -> Any:
        """The value at a slash-separated path ("booking/methods/0/channel"), or `default`."""
        node: Any = self.data
        for token in path.split("/"):
            if isinstance(node, Mapping) and token in node:
                node = node[token]
            elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
                node = node[int(token)]
            else:
                return default
        return node

    def values(self, path: str) -> Iterator[tuple[str, Any]]:
        """Every (relative path, value) matching a path whose tokens may be `*` for "every list element"."""
        yield from _walk(self.data, path.split("/"), "")


def _walk(node: Any, tokens: list[str], prefix: str) -> Iterator[tuple[str, Any]]:
    if not tokens:
        yield prefix.lstrip("/"), node
        return
    head, rest = tokens[0], tokens[1:]
    if head == "*":
        if isinstance(node, list):
            for i, child in enumerate(node):
                yield from _walk(child, rest, f"{prefix}/{i}")
        return
    if isinstance(node, Mapping) and head in node:
        yield from _walk(node[head], rest, f"{prefix}/{head}")


@dataclass(frozen=True, slots=True)
class Declaration:
    """Everything an agency declared, as items by kind, with the texts its templates reference."""

    root: Path
    """Absolute path of the audited repository."""
    items: Mapping[str, tuple[Item, ...]]
    """Items by kind (every kind of ITEM_KINDS is present, possibly empty), each sorted by id."""
    texts: Mapping[str, str]
    """Contents of the text files referenced by `file:` fields, by repository-relative path."""
    metrics: tuple[Item, ...]
    """Declared indicator values (metrics block), as items of kind "metric"."""
    files: tuple[str, ...]
    """Every declaration file read, repository-relative."""

    def of(self, kind: str) -> tuple[Item, ...]:
        """Items of one kind ("life_situation", "contact_point", …)."""
        return self.items.get(kind, ())

    def get(self, ref: ItemRef) -> Item | None:
        """The item with this identity, or None."""
        return next((i for i in self.of(ref.kind) if i.ref.id == ref.id), None)

    def find(self, kind: str, item_id: str) -> Item | None:
        """The item of `kind` with `item_id`, or None."""
        return self.get(ItemRef(kind, item_id))

    @property
    def agency(self) -> Item:
        """The agency item (always present after a successful load)."""
        return self.of("agency")[0]

    def contact_points(self, *kinds: str) -> tuple[Item, ...]:
        """Points of contact, optionally only of the given kinds."""
        points = self.of(CONTACT_POINT)
        return tuple(p for p in points if not kinds or p.contact_kind in kinds)

    def text_of(self, source: Mapping[str, Any]) -> str | None:
        """The text of a template-like mapping with `text:` or `file:`."""
        if isinstance(source.get("text"), str):
            return source["text"]
        if isinstance(source.get("file"), str):
            return self.texts.get(_normal(source["file"]))
        return None


def _normal(rel: str) -> str:
    """A repository-relative path in one spelling: "./texts/a.md" and "texts//a.md" are "texts/a.md"."""
    return Path(rel).as_posix()


def discover(root: Path, directory: str) -> list[str]:
    """YAML files under root/directory, repository-relative, sorted (independent of file-system order)."""
    base = root / directory
    if not base.is_dir():
        return []
    found = []
    for dirpath, dirnames, filenames in os.walk(base):
        dirnames.sort()
        for name in filenames:
            if name.endswith((".yaml", ".yml")) and not name.startswith("."):
                found.append((Path(dirpath) / name).relative_to(root).as_posix())
    return sorted(found)


@dataclass
class _Parsed:
    rel: str
    doc: YamlDocument


class _Loader:
    def __init__(self, root: Path, max_bytes: int) -> None:
        self.root = root.resolve()
        self.max_bytes = max_bytes
        self.sink = ErrorSink()
        self.texts: dict[str, str] = {}
        self.unreadable: list[str] = []
        """Files that could not be parsed at all; what they declare is unknown."""
        self.flagged: set[tuple[str, int | None, int | None]] = set()
        """Places already reported by the YAML reader; schema errors there would only repeat them."""

    def validate(self, data: Any, schema: Mapping[str, Any], smap: SourceMap, ids: Mapping[str, frozenset[str]]) -> None:
        for error in validate(data, schema, smap, ids=ids, check_file=self.check_file):
            if (error.at.path, error.at.line, error.at.col) not in self.flagged:
                self.sink.extend([error])

    def parse(self, rel: str) -> _Parsed | None:
        try:
            doc = load_yaml(self.root, rel, max_bytes=self.max_bytes, strict=False)
        except InputErrors as exc:
            self.sink.extend(exc.errors)
            self.unreadable.append(rel)
            return None
        self.sink.extend(doc.errors)
        self.flagged.update((e.at.path, e.at.line, e.at.col) for e in doc.errors)
        if doc.data is None:
            self.sink.add(Location(rel, 1, 1), "file is empty", "add what it should declare, or delete the file")
            return None
        if not isinstance(doc.data, dict):
            self.sink.add(doc.smap.value(""), f"file must hold a mapping (key: value lines), not {type(doc.data).__name__}",
                          "start the file with the top-level keys, e.g. 'life_situations:'")
            return None
        return _Parsed(rel, doc)

    def check_file(self, rel: str) -> str | None:
        """Validate a `file:` reference; cache its text."""
        norm = _normal(rel)
        if norm in self.texts:
            return None
        if Path(rel).is_absolute():
            return f"'{rel}' is an absolute path"
        target = (self.root / rel).resolve()
        if not target.is_relative_to(self.root):
            return f"'{rel}' points outside the repository"
        if not target.exists():
            return f"file '{rel}' does not exist"
        if not target.is_file():
            return f"'{rel}' is not a file"
        size = target.stat().st_size
        if size > self.max_bytes:
            return f"file '{rel}' is {size:,} bytes, more than the limit of {self.max_bytes:,}"
        try:
            self.texts[norm] = decode_utf8(target.read_bytes(), norm)
        except InputErrors as exc:
            return f"file '{rel}' cannot be read: {exc.errors[0].message}"
        return None


def load_declaration(root: Path, *, max_file_bytes: int = MAX_FILE_BYTES) -> Declaration:
    """Load and validate declarations/ and contact_points/ of the repository at `root`.

    Every problem (YAML, schema, unknown reference, duplicate id, missing file) is collected and raised
    once as InputErrors.
    """
    loader = _Loader(root, max_file_bytes)
    sink = loader.sink
    decl_files = discover(root, DECLARATIONS_DIR)
    cp_files = discover(root, CONTACT_POINTS_DIR)
    if not decl_files:
        sink.add(Location(DECLARATIONS_DIR + "/"), "no declaration files found (declarations/*.yaml)",
                 "create declarations/agency.yaml with the 'agency' block; see docs/declaration-format.md")
    parsed_decl = [p for p in (loader.parse(f) for f in decl_files) if p]
    parsed_cp = [p for p in (loader.parse(f) for f in cp_files) if p]

    # Merge blocks, remembering where each piece came from.
    decl_schema = load_schema("declaration")
    block_names = set(decl_schema["properties"])
    singles: dict[str, tuple[_Parsed, dict[str, Any]]] = {}
    lists: dict[str, list[tuple[_Parsed, int, Any]]] = {name: [] for name in (*LIST_BLOCKS, "metrics")}
    for p in parsed_decl:
        for key, value in p.doc.data.items():
            if key not in block_names:
                continue  # reported by the schema with a "did you mean"
            if key in lists:
                if isinstance(value, list):
                    lists[key].extend((p, i, v) for i, v in enumerate(value))
            elif key in singles:
                first = singles[key][0]
                sink.add(p.doc.smap.key("/" + key), f"block '{key}' is declared twice (also in {first.rel})",
                         f"keep the '{key}' block in one file; only list blocks may be split across files")
            else:
                singles[key] = (p, value)

    ids = _index_ids(singles, lists, parsed_cp)
    # A file that could not be parsed may define ids: references to the kinds it could define are not judged,
    # so one syntax error does not turn into "unknown reference" errors all over the repository.
    if any(f.startswith(DECLARATIONS_DIR) for f in loader.unreadable):
        ids = {k: v for k, v in ids.items() if k == CONTACT_POINT}
    if any(f.startswith(CONTACT_POINTS_DIR) for f in loader.unreadable):
        ids = {k: v for k, v in ids.items() if k != CONTACT_POINT}
    for p in parsed_decl:
        loader.validate(p.doc.data, decl_schema, p.doc.smap, ids)
    cp_schema = load_schema("contact_point")
    for p in parsed_cp:
        _validate_contact_point(p, cp_schema, ids, loader)
    if "agency" not in singles and decl_files and not any(f.startswith(DECLARATIONS_DIR) for f in loader.unreadable):
        sink.add(Location(DECLARATIONS_DIR + "/"), "no file declares the 'agency' block",
                 "add an 'agency:' block with at least 'id' and 'name' (declarations/agency.yaml)")

    items: dict[str, list[Item]] = {kind: [] for kind in ITEM_KINDS}
    for block in SINGLETON_BLOCKS:
        if block in singles:
            p, value = singles[block]
            item_id = str(value.get("id", block)) if block == "agency" and isinstance(value, dict) else block
            items[block].append(Item(ItemRef(block, item_id), value if isinstance(value, dict) else {},
                                     p.doc.smap.value("/" + block), p.doc.smap))
        elif block != "agency":
            items[block].append(Item(ItemRef(block, block), {}, Location(DECLARATIONS_DIR + "/", pointer="/" + block),
                                     SourceMap(DECLARATIONS_DIR + "/")))
    for block, kind in LIST_BLOCKS.items():
        for p, i, value in lists[block]:
            if isinstance(value, dict) and isinstance(value.get("id"), str):
                items[kind].append(Item(ItemRef(kind, value["id"]), value, p.doc.smap.value(f"/{block}/{i}"), p.doc.smap))
    for p in parsed_cp:
        if isinstance(p.doc.data.get("id"), str):
            items[CONTACT_POINT].append(Item(ItemRef(CONTACT_POINT, p.doc.data["id"]), p.doc.data, p.doc.smap.value(""), p.doc.smap))
    for kind, group in items.items():
        _check_unique(kind, group, sink)
    metrics = tuple(Item(ItemRef("metric", f"{i}"), v, p.doc.smap.value(f"/metrics/{i}"), p.doc.smap)
                    for p, i, v in lists["metrics"] if isinstance(v, dict))
    _check_metric_units(metrics, items, sink)
    sink.raise_if_any()
    return Declaration(
        root=root.resolve(),
        items=MappingProxyType({k: tuple(sorted(v, key=lambda it: it.ref.id)) for k, v in items.items()}),
        texts=MappingProxyType(dict(sorted(loader.texts.items()))),
        metrics=metrics,
        files=tuple(decl_files + cp_files),
    )


def _validate_contact_point(p: _Parsed, schema: dict[str, Any], ids: Mapping[str, frozenset[str]], loader: _Loader) -> None:
    data, smap = p.doc.data, p.doc.smap
    kind = data.get("kind")
    if kind is None:
        loader.sink.add(smap.value(""), "missing required field 'kind'",
                        "add 'kind:' with one of: " + ", ".join(CONTACT_POINT_KINDS))
    elif kind not in ALL_CONTACT_POINT_KINDS:
        loader.sink.add(smap.value("/kind"), f"'kind' has the value {describe(kind)}, which is not a kind of point of contact",
                        suggest(str(kind), ALL_CONTACT_POINT_KINDS))
    else:
        loader.validate(data, subschema(schema, kind), smap, ids)


def _check_metric_units(metrics: tuple[Item, ...], items: Mapping[str, list[Item]], sink: ErrorSink) -> None:
    agency_ids = {i.ref.id for i in items["agency"]}
    known = {"agency", *agency_ids, *(i.ref.id for i in items[CONTACT_POINT]), *(i.ref.id for i in items["life_situation"])}
    for metric in metrics:
        unit = metric.get("unit")
        if isinstance(unit, str) and unit not in known:
            sink.add(metric.at("unit"), f"metric unit '{unit}' is neither 'agency' nor a point of contact or life situation",
                     suggest(unit, known))


def _check_unique(kind: str, group: list[Item], sink: ErrorSink) -> None:
    seen: dict[str, Item] = {}
    for item in group:
        if item.ref.id in seen:
            first = seen[item.ref.id]
            sink.add(item.at("id"), f"duplicate {kind.replace('_', ' ')} id '{item.ref.id}' (first at {first.at('id')})",
                     "give every item of a kind its own id")
        else:
            seen[item.ref.id] = item


def _index_ids(singles: Mapping[str, tuple[_Parsed, Any]], lists: Mapping[str, list[tuple[_Parsed, int, Any]]],
               parsed_cp: list[_Parsed]) -> dict[str, frozenset[str]]:
    """Ids by kind, gathered before validation so that references can be checked in the schema pass."""

    def ids_of(values: Any) -> set[str]:
        return {v["id"] for v in values if isinstance(v, dict) and isinstance(v.get("id"), str)} if isinstance(values, list) else set()

    out: dict[str, set[str]] = {kind: set() for kind in (*LIST_BLOCKS.values(), CONTACT_POINT, "study", "recommendation",
                                                          "hypothesis", "typical_need")}
    for block, kind in LIST_BLOCKS.items():
        out[kind] |= ids_of([v for _, _, v in lists[block]])
    for _, _, ls in lists["life_situations"]:
        if isinstance(ls, dict):
            out["typical_need"] |= ids_of(ls.get("typical_needs"))
    research = singles.get("research", (None, {}))[1]
    if isinstance(research, dict):
        out["study"] |= ids_of(research.get("studies"))
        out["recommendation"] |= ids_of(research.get("recommendations"))
        out["hypothesis"] |= ids_of(research.get("hypotheses"))
    out[CONTACT_POINT] |= ids_of([p.doc.data for p in parsed_cp])
    return {k: frozenset(v) for k, v in out.items()}
