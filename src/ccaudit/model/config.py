"""Audit configuration in three layers: defaults → <repo>/ccaudit.yaml (or --config) → CLI flags.

Each effective value records where it came from (`default`, `ccaudit.yaml:7:3`, `--fail-on`);
`ccaudit config` shows them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ccaudit.model.errors import InputError, InputErrors
from ccaudit.model.location import Location, SourceMap
from ccaudit.model.period import Period
from ccaudit.model.rule import Severity
from ccaudit.model.schema import load_schema, validate
from ccaudit.model.yamlio import MAX_FILE_BYTES, load_yaml

CONFIG_FILE = "ccaudit.yaml"
DEFAULT_WAIVERS = "waivers.yaml"
DEFAULT_ATTESTATIONS = "attestations.yaml"


@dataclass(frozen=True, slots=True)
class AuditConfig:
    """The effective settings of one audit run."""

    packs: tuple[str, ...] = ("standard",)
    """Rule packs applied, in order (an overlay brings its base)."""
    pack_dirs: tuple[str, ...] = ()
    """Repository directories with the agency's own packs."""
    concept_wording: bool = False
    """Standard rules an overlay words more weakly take the overlay's modality."""
    period: Period = field(default_factory=lambda: Period.containing(date.today()))
    """The audited quarter."""
    today: date = field(default_factory=date.today)
    """The run date (injected in tests)."""
    timezone: str = "Europe/Moscow"
    """The agency's IANA time zone (evidence periods are computed in it)."""
    target_level: int | None = None
    """Star level the agency targets; 5 makes «maximum level» rules errors (A16, B29)."""
    fail_on: Severity | None = Severity.ERROR
    """Lowest severity of a failure that gives exit code 1; None never fails on findings."""
    fail_under: int | None = None
    """Exit 1 when the agency's stars are below this (n/a counts as below)."""
    fail_under_unit: int | None = None
    """Exit 1 when a point of contact's stars are below this (points with n/a are left out)."""
    lang: str = "ru"
    include_additional: bool = False
    """Table 2 indicators join the agency minimum (A3)."""
    freshness_days: int = 365
    """«Актуальный» = updated within this many days before the reference date (A10, B21)."""
    waivers_file: str | None = None
    attestations_file: str | None = None
    phone_offhours: str = "chatbot"
    """T2.3 2★–3★ off-hours channel: "chatbot" (the table's words) or "chatbot_or_voice" (4.6.3.10's design, B4)."""
    clause: str | None = None
    """Only rules of clauses matching this glob run (`--clause`); None runs every rule."""
    render: bool = False
    """Saved pages are also measured in headless Chromium (`--render`): layout at 320 px, computed contrast, animations."""
    ladders: str = "cumulative"
    """Reading of the qualitative Table 2 ladders: "cumulative" (R8, default) or "literal" (A4)."""
    disabled: Mapping[str, str] = field(default_factory=dict)
    """Rule id → justification of switching it off."""
    severity: Mapping[str, Severity] = field(default_factory=dict)
    """Rule id → severity override."""
    params: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    """Rule id → refined params merged over the rule's own."""
    max_file_bytes: int = MAX_FILE_BYTES
    evidence_dir: str = "evidence"
    """Directory of the evidence CSV files."""
    skip_bad_rows: bool = False
    """Bad evidence rows are left out and counted instead of failing the run."""
    personal_data: str = "refuse"
    """Evidence id columns that look like personal data: "refuse" or "hash"."""
    min_sample: int = 30
    """Survey answers below which a share is no_data."""
    sources: Mapping[str, str] = field(default_factory=dict)
    """Setting name → where its value came from."""
    smap: SourceMap | None = field(default=None, compare=False, repr=False)
    """Source map of ccaudit.yaml, to locate errors about its contents."""
    config_file: str | None = None
    """Repository-relative path of the configuration file read, if any."""

    @property
    def as_of(self) -> date:
        """Reference date for freshness, approvals and waivers: the period end, or today if earlier."""
        return min(self.period.end, self.today)

    def where(self, pointer: str) -> Location:
        """Location of a value of ccaudit.yaml (the file itself when unknown)."""
        if self.smap is None:
            return Location(self.config_file or CONFIG_FILE)
        return self.smap.value(pointer)


Override = tuple[Any, str]
"""A CLI value and the flag that set it: ("warning", "--fail-on")."""


def load_config(
    root: Path,
    overrides: Mapping[str, Override] | None = None,
    *,
    config_file: str | None = None,
    today: date | None = None,
) -> AuditConfig:
    """Effective configuration for the repository at `root`; InputErrors at line:col on bad input."""
    overrides = overrides or {}
    today = today or date.today()
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    rel = config_file or CONFIG_FILE
    smap: SourceMap | None = None
    errors: list[InputError] = []
    if config_file is not None or (root / CONFIG_FILE).exists():
        try:
            doc = load_yaml(root, rel)
        except InputErrors as exc:
            raise InputErrors(exc.errors) from None
        smap = doc.smap
        data = doc.data if doc.data is not None else {}
        errors.extend(validate(data, load_schema("config"), smap))
        if not errors and isinstance(data, dict):
            values, sources = _from_file(data, smap, errors)
    for name, (value, flag) in overrides.items():
        if value is not None:
            values[name] = _fail_on(value) if name == "fail_on" else value
            sources[name] = flag
    if "timezone" in values:
        try:
            ZoneInfo(values["timezone"])
        except (ZoneInfoNotFoundError, ValueError):
            where = smap.value("/timezone") if smap and sources.get("timezone", "").startswith(rel) else Location(rel)
            errors.append(InputError(where, f"unknown time zone '{values['timezone']}'",
                                     "use an IANA name such as Europe/Moscow, Asia/Yekaterinburg or Europe/Kaliningrad"))
    if errors:
        raise InputErrors(errors)
    for name, default in (("waivers_file", DEFAULT_WAIVERS), ("attestations_file", DEFAULT_ATTESTATIONS)):
        if name not in values and (root / default).exists():
            values[name] = default
            sources[name] = f"default ({default} found)"
    defaults = AuditConfig(today=today)
    for name in ("packs", "pack_dirs", "concept_wording", "period", "timezone", "target_level", "fail_on", "fail_under", "fail_under_unit", "lang",
                 "include_additional", "freshness_days", "waivers_file", "attestations_file", "ladders", "phone_offhours", "max_file_bytes",
                 "evidence_dir", "skip_bad_rows", "personal_data", "min_sample"):
        sources.setdefault(name, "default")
    return AuditConfig(
        packs=tuple(values.get("packs", defaults.packs)),
        pack_dirs=tuple(values.get("pack_dirs", ())),
        concept_wording=bool(values.get("concept_wording", False)),
        period=values.get("period", Period.containing(today)),
        today=today,
        timezone=values.get("timezone", defaults.timezone),
        target_level=values.get("target_level"),
        fail_on=values.get("fail_on", defaults.fail_on),
        fail_under=values.get("fail_under"),
        fail_under_unit=values.get("fail_under_unit"),
        lang=values.get("lang", defaults.lang),
        include_additional=bool(values.get("include_additional", False)),
        freshness_days=int(values.get("freshness_days", defaults.freshness_days)),
        waivers_file=values.get("waivers_file"),
        attestations_file=values.get("attestations_file"),
        ladders=values.get("ladders", defaults.ladders),
        clause=values.get("clause"),
        render=bool(values.get("render", False)),
        phone_offhours=values.get("phone_offhours", defaults.phone_offhours),
        disabled=MappingProxyType(values.get("disabled", {})),
        severity=MappingProxyType(values.get("severity", {})),
        params=MappingProxyType(values.get("params", {})),
        max_file_bytes=int(values.get("max_file_bytes", defaults.max_file_bytes)),
        evidence_dir=str(values.get("evidence_dir", defaults.evidence_dir)),
        skip_bad_rows=bool(values.get("skip_bad_rows", False)),
        personal_data=str(values.get("personal_data", defaults.personal_data)),
        min_sample=int(values.get("min_sample", defaults.min_sample)),
        sources=MappingProxyType(dict(sorted(sources.items()))),
        smap=smap,
        config_file=rel if smap is not None else None,
    )


def _fail_on(value: Any) -> Severity | None:
    """"never" → None (no finding fails the run); a severity name → Severity."""
    if value is None or value == "never":
        return None
    return Severity(value)


def _from_file(data: Mapping[str, Any], smap: SourceMap, errors: list[InputError]) -> tuple[dict[str, Any], dict[str, str]]:
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}

    def put(name: str, value: Any, pointer: str) -> None:
        values[name] = value
        sources[name] = str(smap.value(pointer))

    simple = {"packs": "packs", "timezone": "timezone", "target_level": "target_level", "fail_under": "fail_under", "fail_under_unit": "fail_under_unit",
              "lang": "lang", "include_additional": "include_additional", "freshness_days": "freshness_days",
              "waivers": "waivers_file", "attestations": "attestations_file", "ladders": "ladders",
              "phone_offhours": "phone_offhours", "pack_dirs": "pack_dirs", "concept_wording": "concept_wording"}
    for key, name in simple.items():
        if key in data:
            put(name, tuple(data[key]) if key in ("packs", "pack_dirs") else data[key], "/" + key)
    if "period" in data:
        try:
            put("period", Period.parse(data["period"]), "/period")
        except ValueError as exc:
            errors.append(InputError(smap.value("/period"), str(exc), "write the quarter as 2026-Q3, a year as 2026, "
                                     "or a range of days as 2026-07-01..2026-08-31"))
    if "fail_on" in data:
        put("fail_on", _fail_on(data["fail_on"]), "/fail_on")
    for key, name in (("dir", "evidence_dir"), ("skip_bad_rows", "skip_bad_rows"), ("personal_data", "personal_data"),
                      ("min_sample", "min_sample")):
        if key in (data.get("evidence") or {}):
            put(name, data["evidence"][key], f"/evidence/{key}")
    if "limits" in data and "max_file_bytes" in data["limits"]:
        put("max_file_bytes", data["limits"]["max_file_bytes"], "/limits/max_file_bytes")
    tailoring = data.get("tailoring", {})
    disabled: dict[str, str] = {}
    for i, entry in enumerate(tailoring.get("disabled", [])):
        if entry["rule"] in disabled:
            errors.append(InputError(smap.value(f"/tailoring/disabled/{i}/rule"), f"rule '{entry['rule']}' is disabled twice",
                                     "keep one entry per rule"))
        disabled[entry["rule"]] = entry["justification"]
    if disabled:
        put("disabled", disabled, "/tailoring/disabled")
    if tailoring.get("severity"):
        put("severity", {k: Severity(v) for k, v in tailoring["severity"].items()}, "/tailoring/severity")
    if tailoring.get("params"):
        put("params", dict(tailoring["params"]), "/tailoring/params")
    return values, sources
