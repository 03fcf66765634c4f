"""Loading rule packs from rules/<pack>/: pack.yaml, rule files and scale.yaml; errors at line:col."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ccaudit.engine.registry import Registry
from ccaudit.engine.scope import scope_problems
from ccaudit.model.bundled import rules_dir
from ccaudit.model.errors import ErrorSink, InputError, InputErrors
from ccaudit.model.location import Location
from ccaudit.model.rule import (
    DEFAULT_SEVERITY,
    CheckKind,
    Effect,
    Inheritance,
    Modality,
    Relaxation,
    Rule,
    RulePack,
    Scope,
    Severity,
    Text,
)
from ccaudit.model.schema import load_schema, suggest, validate
from ccaudit.model.yamlio import YamlDocument, load_yaml

PACK_FILE = "pack.yaml"
SCALE_FILE = "scale.yaml"
CLAUSES_FILE = "clauses.yaml"
DATA_FILES = (PACK_FILE, SCALE_FILE, CLAUSES_FILE)
"""Files of a pack directory that are not rule files."""


@dataclass(frozen=True, slots=True)
class PackDir:
    """Where a pack lives: `root / rel` is its directory; errors name files as `rel/…`."""

    root: Path
    rel: str


def available_packs(directory: Path | None = None) -> tuple[str, ...]:
    """Names of the packs in the rules directory."""
    base = directory or rules_dir()
    return tuple(sorted(p.name for p in base.iterdir() if (p / PACK_FILE).is_file())) if base.is_dir() else ()


def pack_dirs(directory: Path | None = None, local: Iterable[tuple[Path, str]] = ()) -> dict[str, PackDir]:
    """Every pack by name: the bundled ones (or those of `directory`), then the repository's own pack directories
    (`pack_dirs` of ccaudit.yaml, given as (repository root, relative directory))."""
    base = directory or rules_dir()
    found = {name: PackDir(base.parent, f"{base.name}/{name}") for name in available_packs(base)}
    for root, rel in local:
        folder = root / rel
        if folder.is_dir():
            for name in available_packs(folder):
                found.setdefault(name, PackDir(root, f"{rel.rstrip('/')}/{name}"))
    return found


@dataclass(frozen=True, slots=True)
class Scale:
    """Star bands of section 6 by indicator, as data (values are preliminary, A20)."""

    version: str
    indicators: dict[str, Any]
    source: Location


def load_packs(names: Iterable[str], registry: Registry, directory: Path | None = None,
               where: Location | None = None, *, local: Iterable[tuple[Path, str]] = (),
               concept_wording: bool = False) -> tuple[RulePack, ...]:
    """Load the named packs, each overlay after its base (added when not named); every malformed rule, unknown
    check or base, duplicate id or pointer to a missing rule is an InputError at its line:col.

    With `concept_wording`, the Standard rules an overlay words more weakly get the overlay's modality."""
    found = pack_dirs(directory, tuple(local))
    sink = ErrorSink()
    loaded: dict[str, RulePack] = {}
    order: list[str] = []

    def visit(name: str, asked_at: Location, chain: tuple[str, ...]) -> None:
        if name in loaded or name in chain:
            if name in chain:
                sink.add(asked_at, f"rule pack '{name}' is its own base (through {' → '.join((*chain, name))})",
                         "an overlay's 'base' must lead to the Standard without a cycle")
            return
        if name not in found:
            sink.add(asked_at, f"unknown rule pack '{name}'", suggest(name, tuple(found)))
            return
        pack = _load_pack(found[name], name, registry, sink)
        if pack is None:
            return
        if pack.base is not None:
            assert pack.source is not None
            visit(pack.base, pack.source, (*chain, name))
            if pack.base not in loaded:
                return
        loaded[name] = pack
        order.append(name)

    for name in names:
        visit(name, where or Location("ccaudit.yaml"), ())
    packs = [loaded[n] for n in order]
    _check_ids(packs, sink)
    packs = _annotate(packs, sink, concept_wording)
    sink.raise_if_any()
    return tuple(packs)


def pack_scopes(directory: Path | None = None, local: Iterable[tuple[Path, str]] = (),
                loaded: Iterable[RulePack] = ()) -> dict[str, Scope]:
    """The scope of every pack ccaudit can find: those of the `loaded` packs as they are, the others read from their
    pack.yaml alone (a broken pack.yaml gives none)."""
    out = {p.name: p.scope for p in loaded}
    for name, where in pack_dirs(directory, tuple(local)).items():
        if name in out:
            continue
        meta = _read(where.root, f"{where.rel}/{PACK_FILE}", ErrorSink())
        if meta is not None and isinstance(meta.data, dict) and not validate(meta.data, load_schema("pack"), meta.smap):
            out[name] = _scope(meta.data.get("scope", {}), meta)
    return out


def _check_ids(packs: list[RulePack], sink: ErrorSink) -> None:
    seen_ids: dict[str, Location] = {}
    for pack in packs:
        for rule in pack.rules:
            if pack.base is not None and not rule.id.startswith(pack.name + "."):
                sink.add(rule.source, f"rule '{rule.id}' of overlay '{pack.name}' must start with '{pack.name}.'",
                         f"name overlay rules '<pack>.<clause>', e.g. '{pack.name}.{rule.clause}'; the Standard's ids "
                         "stay the Standard's")
            if rule.id in seen_ids:
                sink.add(rule.source, f"duplicate rule id '{rule.id}' (first at {seen_ids[rule.id]})",
                         "every rule id must be unique across the selected packs")
            else:
                seen_ids[rule.id] = rule.source


_MODALITY_RANK = {Modality.MUST: 4, Modality.SHOULD: 3, Modality.RECOMMENDED: 2, Modality.MAY: 1}


def _annotate(packs: list[RulePack], sink: ErrorSink, concept_wording: bool) -> list[RulePack]:
    """Attach each overlay's relaxations to its base's rules (a pointer to a missing rule is an error); with
    concept_wording, lower those rules to the overlay's modality (never raise one)."""
    by_name = {p.name: p for p in packs}
    notes: dict[str, list[Relaxation]] = {}
    for pack in packs:
        if pack.base is None or pack.base not in by_name:
            continue
        base_ids = [r.id for r in by_name[pack.base].rules]
        known = set(base_ids)
        for relax in pack.relaxes:
            for j, rule_id in enumerate(relax.rules):
                if rule_id not in known:
                    sink.add(relax.pointers[j],
                             f"'relaxes' names rule '{rule_id}', which pack '{pack.base}' does not define",
                             suggest(rule_id, base_ids))
                else:
                    notes.setdefault(rule_id, []).append(relax)
    if not notes:
        return packs
    out = []
    for pack in packs:
        rules = []
        for rule in pack.rules:
            mine = notes.get(rule.id)
            if mine:
                rule = replace(rule, relaxations=tuple(mine))
                lower = [r.modality for r in mine if r.modality is not None] if concept_wording else []
                weakest = min(lower, key=_MODALITY_RANK.__getitem__, default=None)
                if weakest is not None and _MODALITY_RANK[weakest] < _MODALITY_RANK[rule.modality]:
                    severity = min(rule.severity, DEFAULT_SEVERITY[weakest], key=lambda s: s.rank)
                    rule = replace(rule, modality=weakest, severity=severity, standard_modality=rule.modality)
            rules.append(rule)
        out.append(replace(pack, rules=tuple(rules)))
    return out


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


def _load_pack(where: PackDir, name: str, registry: Registry, sink: ErrorSink) -> RulePack | None:
    pack_dir = where.root / where.rel
    meta = _read(where.root, f"{where.rel}/{PACK_FILE}", sink)
    if meta is None:
        return None
    errors = validate(meta.data, load_schema("pack"), meta.smap)
    if errors:
        sink.extend(errors)
        return None
    data = meta.data
    if data["name"] != name:
        sink.add(meta.smap.value("/name"), f"pack name '{data['name']}' differs from its directory '{name}'",
                 f"write name: {name}, or rename the directory")
        return None
    rules: list[Rule] = []
    for path in sorted(pack_dir.glob("*.yaml")):
        if path.name in DATA_FILES:
            continue
        shown = f"{where.rel}/{path.name}"
        doc = _read(where.root, shown, sink)
        if doc is None:
            continue
        problems = validate(doc.data, load_schema("rules"), doc.smap)
        if problems:
            sink.extend(problems)
            continue
        for i, raw in enumerate(doc.data["rules"]):
            rule = _rule(name, raw, doc, i, shown, registry, sink, overlay=data.get("base") is not None)
            if rule is not None:
                rules.append(rule)
    base = data.get("base")
    scope = _scope(data.get("scope", {}), meta)
    if scope.source is not None:
        sink.extend(scope_problems(scope, meta.smap.value))
    return RulePack(name=data["name"], title=Text(**data["title"]), document=data["document"], version=str(data["version"]),
                    base=base, rules=tuple(sorted(rules, key=lambda r: _id_key(r.id))),
                    relaxes=tuple(_relaxation(name, raw, meta, i) for i, raw in enumerate(data.get("relaxes", ()))),
                    scope=scope,
                    source=meta.smap.value("/base") if base else meta.smap.value(""))


def _relaxation(pack: str, raw: dict[str, Any], meta: YamlDocument, i: int) -> Relaxation:
    pointer = f"/relaxes/{i}"
    return Relaxation(
        id=f"{pack}.relaxes-{i + 1}", pack=pack, standard=raw["standard"], rules=tuple(raw.get("rules", ())),
        clause=raw["clause"], wording=Text(**raw["wording"]), effect=Effect(raw["effect"]),
        modality=Modality(raw["modality"]) if "modality" in raw else None, source=meta.smap.value(pointer),
        pointers=tuple(meta.smap.value(f"{pointer}/rules/{j}") for j in range(len(raw.get("rules", ())))))


def _scope(raw: dict[str, Any], meta: YamlDocument) -> Scope:
    if not raw:
        return Scope()
    return Scope(client_kinds=tuple(raw.get("client_kinds", ())), contact_point_kinds=tuple(raw.get("contact_point_kinds", ())),
                 fields=tuple(raw.get("fields", ())), client_scenario=raw.get("client_scenario"),
                 notes=tuple(Text(**n) for n in raw.get("notes", ())), source=meta.smap.value("/scope"))


def _id_key(rule_id: str) -> tuple[Any, ...]:
    """Natural order of rule ids: 4.6.1.10 after 4.6.1.9."""
    head, _, suffix = rule_id.partition("-")
    parts = tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in head.split("."))
    return (parts, suffix)


def _rule(pack: str, raw: dict[str, Any], doc: YamlDocument, i: int, shown: str, registry: Registry,
          sink: ErrorSink, *, overlay: bool = False) -> Rule | None:
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
        heuristic=bool(raw.get("heuristic", False)), overlay=overlay,
    )


def check_rule_ids(packs: Iterable[RulePack], ids: Iterable[tuple[str, Location]], what: str) -> list[InputError]:
    """Errors for rule ids (from tailoring or waivers) that no selected pack defines."""
    known = {r.id for p in packs for r in p.rules}
    return [InputError(where, f"{what} names unknown rule '{rule_id}'", suggest(rule_id, known))
            for rule_id, where in ids if rule_id not in known]
