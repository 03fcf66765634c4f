"""Loading rule packs from rules/<pack>/: pack.yaml, rule files and scale.yaml; errors at line:col."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ccaudit.engine.registry import Registry
from ccaudit.model.bundled import rules_dir
from ccaudit.model.errors import ErrorSink, InputError, InputErrors
from ccaudit.model.location import Location
from ccaudit.model.rule import DEFAULT_SEVERITY, CheckKind, Inheritance, Modality, Rule, RulePack, Severity, Text
from ccaudit.model.schema import load_schema, suggest, validate
from ccaudit.model.yamlio import YamlDocument, load_yaml

PACK_FILE = "pack.yaml"
SCALE_FILE = "scale.yaml"
CLAUSES_FILE = "clauses.yaml"
DATA_FILES = (PACK_FILE, SCALE_FILE, CLAUSES_FILE)
"""Files of a pack directory that are not rule files."""


def available_packs(directory: Path | None = None) -> tuple[str, ...]:
    """Names of the packs in the rules directory."""
    base = directory or rules_dir()
    return tuple(sorted(p.name for p in base.iterdir() if (p / PACK_FILE).is_file())) if base.is_dir() else ()


@dataclass(frozen=True, slots=True)
class Scale:
    """Star bands of section 6 by indicator, as data (values are preliminary, A20)."""

    version: str
    indicators: dict[str, Any]
    source: Location


def load_packs(names: Iterable[str], registry: Registry, directory: Path | None = None,
               where: Location | None = None) -> tuple[RulePack, ...]:
    """Load the named packs; every malformed rule, unknown check or duplicate id is an InputError."""
    base = directory or rules_dir()
    sink = ErrorSink()
    packs: list[RulePack] = []
    known = available_packs(base)
    seen_ids: dict[str, Location] = {}
    for name in names:
        if name not in known:
            sink.add(where or Location("ccaudit.yaml"), f"unknown rule pack '{name}'", suggest(name, known))
            continue
        pack = _load_pack(base, name, registry, sink)
        if pack is None:
            continue
        for rule in pack.rules:
            if rule.id in seen_ids:
                sink.add(rule.source, f"duplicate rule id '{rule.id}' (first at {seen_ids[rule.id]})",
                         "every rule id must be unique across the selected packs")
            else:
                seen_ids[rule.id] = rule.source
        packs.append(pack)
    sink.raise_if_any()
    return tuple(packs)


def load_scale(directory: Path | None = None, pack: str = "standard") -> Scale:
    """The star scale of a pack (rules/<pack>/scale.yaml)."""
    base = directory or rules_dir()
    rel = f"{base.name}/{pack}/{SCALE_FILE}"
    doc = _read(base.parent, rel, ErrorSink(), raise_now=True)
    assert doc is not None
    errors = validate(doc.data, load_schema("scale"), doc.smap)
    if errors:
        raise InputErrors(errors)
    return Scale(doc.data["version"], doc.data["indicators"], Location(rel))


def _read(base: Path, rel: str, sink: ErrorSink, raise_now: bool = False) -> YamlDocument | None:
    try:
        return load_yaml(base, rel)
    except InputErrors as exc:
        if raise_now:
            raise
        sink.extend(exc.errors)
        return None


def _load_pack(base: Path, name: str, registry: Registry, sink: ErrorSink) -> RulePack | None:
    pack_dir = base / name
    meta = _read(base.parent, f"{base.name}/{name}/{PACK_FILE}", sink)
    if meta is None:
        return None
    errors = validate(meta.data, load_schema("pack"), meta.smap)
    if errors:
        sink.extend(errors)
        return None
    rules: list[Rule] = []
    for path in sorted(pack_dir.glob("*.yaml")):
        if path.name in DATA_FILES:
            continue
        shown = f"{base.name}/{name}/{path.name}"
        doc = _read(base.parent, shown, sink)
        if doc is None:
            continue
        problems = validate(doc.data, load_schema("rules"), doc.smap)
        if problems:
            sink.extend(problems)
            continue
        for i, raw in enumerate(doc.data["rules"]):
            rule = _rule(name, raw, doc, i, shown, registry, sink)
            if rule is not None:
                rules.append(rule)
    data = meta.data
    return RulePack(name=data["name"], title=Text(**data["title"]), document=data["document"], version=str(data["version"]),
                    base=data.get("base"), rules=tuple(sorted(rules, key=lambda r: _id_key(r.id))))


def _id_key(rule_id: str) -> tuple[Any, ...]:
    """Natural order of rule ids: 4.6.1.10 after 4.6.1.9."""
    head, _, suffix = rule_id.partition("-")
    parts = tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in head.split("."))
    return (parts, suffix)


def _rule(pack: str, raw: dict[str, Any], doc: YamlDocument, i: int, shown: str, registry: Registry,
          sink: ErrorSink) -> Rule | None:
    pointer = f"/rules/{i}"

    def at(field: str = "") -> Location:
        return doc.smap.value(pointer + ("/" + field if field else ""))

    ok = True
    kind = CheckKind(raw["kind"])
    check = raw.get("check")
    if kind is CheckKind.NOT_CHECKABLE:
        if check:
            sink.add(at("check"), "a not_checkable rule has no check", "remove 'check' or change 'kind'")
            ok = False
    elif not check and "placeholder" not in raw:
        sink.add(at(), f"rule '{raw['id']}' has no check", "name a registered check, or give a 'placeholder' saying why it is manual for now")
        ok = False
    elif check and check not in registry:
        sink.add(at("check"), f"unknown check '{check}'", suggest(check, registry.names()))
        ok = False
    elif check:
        spec = registry.get(check)
        assert spec is not None
        for err in validate(raw.get("params", {}), spec.params, doc.smap, base=pointer + "/params"):
            sink.add(err.at, f"params of '{check}': {err.message}", err.hint)
            ok = False
    subject = raw["subject"]
    if (subject == "contact_point") != ("kinds" in raw):
        sink.add(at("subject"), "'kinds' is required for subject contact_point and only for it",
                 "list the kinds of points of contact the rule is written for")
        ok = False
    if check and "examples" not in raw:
        sink.add(at(), f"rule '{raw['id']}' has no examples", "add examples: {fail: …, pass: …} (house style, habit 7)")
        ok = False
    if not ok:
        return None
    modality = Modality(raw["modality"])
    star = raw["star_level"]
    return Rule(
        id=raw["id"], pack=pack, clause=str(raw["clause"]), title=Text(**raw["title"]), message=Text(**raw["message"]),
        modality=modality, severity=Severity(raw["severity"]) if "severity" in raw else DEFAULT_SEVERITY[modality],
        star_level=None if star == "base" else int(star), subject=subject, kinds=tuple(raw.get("kinds", ())),
        inherits=tuple(Inheritance(**h) for h in raw.get("inherits", ())), kind=kind, check=check,
        params=MappingProxyType(dict(raw.get("params", {}))), when=MappingProxyType(dict(raw.get("when", {}))),
        notes=tuple(Text(**n) for n in raw.get("notes", ())), examples=MappingProxyType(dict(raw.get("examples", {}))),
        source=at(), placeholder=Text(**raw["placeholder"]) if "placeholder" in raw else None,
        covers=tuple(raw.get("covers", ())), gate=bool(raw.get("gate", False)),
        heuristic=bool(raw.get("heuristic", False)),
    )


def check_rule_ids(packs: Iterable[RulePack], ids: Iterable[tuple[str, Location]], what: str) -> list[InputError]:
    """Errors for rule ids (from tailoring or waivers) that no selected pack defines."""
    known = {r.id for p in packs for r in p.rules}
    return [InputError(where, f"{what} names unknown rule '{rule_id}'", suggest(rule_id, known))
            for rule_id, where in ids if rule_id not in known]
