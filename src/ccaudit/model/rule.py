"""Rules and rule packs: `Rule`, `RulePack`, `Text` and the enums spelled as in the rule YAML."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from ccaudit.model.location import Location

Lang = str
"""A report language: "ru" or "en"."""
LANGS: tuple[str, ...] = ("ru", "en")


@dataclass(frozen=True, slots=True)
class Text:
    """A human string in Russian and English; reports pick one by --lang."""

    ru: str
    en: str

    def get(self, lang: Lang) -> str:
        """The text in `lang` (Russian when unknown)."""
        return self.en if lang == "en" else self.ru

    def format(self, lang: Lang, args: Mapping[str, object]) -> str:
        """The text in `lang` with {placeholders} filled from args (lists joined with ", ")."""
        return fill(self.get(lang), args, lang)


def show(value: object, lang: Lang) -> str:
    """An argument value as text: Text by language, lists joined with ", "."""
    if isinstance(value, Text):
        return value.get(lang)
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(show(x, lang) for x in value)
    if value is True or value is False:
        return "true" if value else "false"
    return str(value)


def fill(template: str, args: Mapping[str, object], lang: Lang = "ru") -> str:
    """Fill {name} placeholders; a missing name stays visible as {name} rather than failing."""

    class _Args(dict):  # type: ignore[type-arg]
        def __missing__(self, key: str) -> str:
            return "{" + key + "}"

    shown = {k: show(v, lang) for k, v in args.items()}
    try:
        return template.format_map(_Args(shown))
    except (ValueError, IndexError):
        return template


class Modality(StrEnum):
    """How binding the clause is (matrix §0.3)."""

    MUST = "must"
    SHOULD = "should"
    RECOMMENDED = "recommended"
    MAY = "may"


class Severity(StrEnum):
    """How a failing finding is reported; ordered error > warning > info."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 3, "warning": 2, "info": 1}[self.value]


DEFAULT_SEVERITY: Mapping[Modality, Severity] = {
    Modality.MUST: Severity.ERROR,
    Modality.SHOULD: Severity.WARNING,
    Modality.RECOMMENDED: Severity.INFO,
    Modality.MAY: Severity.INFO,
}


class CheckKind(StrEnum):
    """What a rule's check looks at (matrix §0.4/§0.5)."""

    DECLARED = "declared"
    EVIDENCE = "evidence"
    DECLARED_EVIDENCE = "declared_evidence"
    TEXT = "text"
    HTML = "html"
    NOT_CHECKABLE = "not_checkable"


@dataclass(frozen=True, slots=True)
class Inheritance:
    """A rule written for one kind of point of contact that also runs on another (matrix §0.2)."""

    kind: str
    """The inheriting kind ("mobile_app")."""
    via: str
    """The clause that makes it inherit ("4.6.2.1")."""


class Effect(StrEnum):
    """What an overlay's wording does to a Standard requirement (requirements-process.md §5.0)."""

    LOWERED = "lowered"
    """A weaker modality («целесообразно», «рекомендуется», «может»)."""
    CONDITIONAL = "conditional"
    """Binding only under a condition («при наличии технической возможности»)."""
    NARROWED = "narrowed"
    """Binding on a narrower object (a segment profile instead of a client, the agency's competence)."""
    VAGUER = "vaguer"
    """An aspiration instead of a measurable limit."""
    DEFINITION = "definition"
    """A term defined differently (client scenario, satisfaction)."""
    SCHEMA = "schema"
    """A different structure of a document (journey map parts)."""
    OMISSION = "omission"
    """Not restated by the concept: the Standard's rule applies unchanged (listed for completeness)."""


@dataclass(frozen=True, slots=True)
class Relaxation:
    """An overlay's weaker wording of Standard rules: a report note, or with --concept-wording a lower modality."""

    id: str
    """"<pack>.relaxes.<standard clause>" ("yanao.relaxes.4.3.3")."""
    pack: str
    """The overlay pack."""
    standard: str
    """The Standard clauses concerned, as the matrix lists them ("4.3.3, 4.3.3.3, 4.3.4, 4.3.5")."""
    rules: tuple[str, ...]
    """Standard rule ids the note attaches to (empty for a definition without a rule)."""
    clause: str
    """The concept's clause ("3.2", "6(3)")."""
    wording: Text
    """How the concept words it."""
    effect: Effect
    modality: Modality | None
    """The concept's modality: what --concept-wording lowers the rules to (None: a note only)."""
    source: Location
    pointers: tuple[Location, ...] = ()
    """Where each of `rules` is written in pack.yaml."""


@dataclass(frozen=True, slots=True)
class Scope:
    """What an overlay widens: client kinds, point-of-contact kinds and declaration fields beyond the Standard."""

    client_kinds: tuple[str, ...] = ()
    """Client kinds besides natural persons (`segment_profiles[].client_kind`): business, internal."""
    contact_point_kinds: tuple[str, ...] = ()
    """Kinds of points of contact the concept adds (official_reception, hotline, …)."""
    fields: tuple[str, ...] = ()
    """Declaration fields the concept's rules read: "<item kind>.<field>" or a whole block ("internal_client")."""
    client_scenario: str | None = None
    """"per_service" when the concept defines a client scenario within one service (A18)."""
    notes: tuple[Text, ...] = ()
    source: Location | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    """One checkable requirement of a rule pack, as written in rules/<pack>/*.yaml."""

    id: str
    """Matrix row id ("4.6.3.9", "4.3.4.1-a"); overlay rows carry their pack prefix."""
    pack: str
    """Name of the pack that defines it."""
    clause: str
    """Clause number of the source document."""
    title: Text
    """Short statement of the requirement."""
    message: Text
    """What a failure says; {placeholders} are filled from the check's args."""
    modality: Modality
    severity: Severity
    """Severity of a failure before tailoring and the «maximum level» adjustment."""
    star_level: int | None
    """None for `base` (binds at every level), else the lowest star level 1–5 that needs it."""
    subject: str
    """Item kind the rule examines (see declaration.ITEM_KINDS)."""
    kinds: tuple[str, ...]
    """For subject contact_point: the kinds it is written for."""
    inherits: tuple[Inheritance, ...]
    """Further kinds it runs on, with the clause that extends it."""
    kind: CheckKind
    check: str | None
    """Registered check name; None for not_checkable rules."""
    params: Mapping[str, Any]
    when: Mapping[str, Any]
    """Applicability conditions on the item's fields ({"institution_type": [school, …]})."""
    notes: tuple[Text, ...]
    examples: Mapping[str, Any]
    """{"fail": patch, "pass": patch}: merge patches over the minimal repository of the tests."""
    source: Location
    """Where the rule is defined (for errors about the rule itself)."""
    placeholder: Text | None = None
    """Why the rule is reported as `manual` for now (text or evidence analysis not yet available)."""
    covers: tuple[str, ...] = ()
    """Further matrix rows the rule checks besides its own id (e.g. a requirement repeated in two clauses, B3)."""
    gate: bool = False
    """A gate cannot be waived: its failure concerns clients' rights (consent, personal data, identification)."""
    heuristic: bool = False
    """Judged by a threshold or text pattern of ccaudit's own: reported, but never limits the stars."""
    relaxations: tuple[Relaxation, ...] = ()
    """How selected overlay packs word this (Standard) rule; shown as a report note."""
    standard_modality: Modality | None = None
    """Set when `--concept-wording` lowered the rule: the modality the Standard gives it."""
    overlay: bool = False
    """Defined by an overlay pack (an agency concept): reported, but outside the Standard's star scale."""

    @property
    def manual(self) -> bool:
        """True when ccaudit cannot check the rule from files (not_checkable, or waiting for an analysis)."""
        return self.kind is CheckKind.NOT_CHECKABLE or self.check is None

    @property
    def rows(self) -> tuple[str, ...]:
        """Every matrix row the rule checks: its own id first."""
        return (self.id, *self.covers)

    def applies_to_kind(self, contact_kind: str | None) -> bool:
        """True when the rule runs on points of this kind (directly or through inheritance)."""
        return contact_kind in self.kinds or any(i.kind == contact_kind for i in self.inherits)

    def via(self, contact_kind: str | None) -> str | None:
        """The inheriting clause for this kind, or None when the rule is written for it."""
        if contact_kind in self.kinds:
            return None
        return next((i.via for i in self.inherits if i.kind == contact_kind), None)

    @property
    def level_label(self) -> str:
        return "base" if self.star_level is None else str(self.star_level)


@dataclass(frozen=True, slots=True)
class RulePack:
    """A named set of rules derived from one document (the Standard, or an agency concept)."""

    name: str
    title: Text
    document: str
    """The source document: title, order number and date."""
    version: str
    base: str | None
    """The pack an overlay extends ("standard"); None for the Standard itself."""
    rules: tuple[Rule, ...] = field(default=())
    relaxes: tuple[Relaxation, ...] = ()
    scope: Scope = field(default_factory=Scope)
    source: Location | None = None
    """Where the pack is declared (its pack.yaml)."""
    _by_id: Mapping[str, Rule] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {r.id: r for r in self.rules})

    def rule(self, rule_id: str) -> Rule | None:
        """The rule with this id (a dict lookup: reporters ask once or more per finding)."""
        return self._by_id.get(rule_id)
