"""The outcome of one audit: `AuditResult`, the single input of every reporter."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from ccaudit.model.config import AuditConfig
from ccaudit.model.declaration import ItemRef
from ccaudit.model.finding import Finding, Outcome
from ccaudit.model.rule import Rule, RulePack
from ccaudit.model.score import IndicatorValue, UnitScore
from ccaudit.model.waivers import Attestation, Waiver


def _plain(value: object) -> str:
    """An argument as fingerprint text: a Text by its Russian form, anything else as str, absent as ""."""
    if value is None:
        return ""
    ru = getattr(value, "ru", None)
    return ru if isinstance(ru, str) else str(value)


@dataclass(frozen=True, slots=True)
class Unit:
    """A scoring unit's identity as reports show it."""

    ref: ItemRef
    title: str
    kind: str
    """"agency", a contact-point kind, or "channel"."""
    location: str = ""


@dataclass(frozen=True, slots=True)
class AuditResult:
    """Everything an audit found, sorted and deterministic; reporters are pure functions of it."""

    version: str
    """ccaudit version."""
    config: AuditConfig
    packs: tuple[RulePack, ...]
    agency: Unit
    points: tuple[Unit, ...]
    """Points of contact, sorted by kind order then id."""
    findings: tuple[Finding, ...]
    """All findings, including passes, sorted by location then rule."""
    scores: tuple[UnitScore, ...]
    """Agency first, then channels, then points of contact."""
    indicators: tuple[IndicatorValue, ...]
    waivers: tuple[Waiver, ...] = field(default=())
    expired_waivers: tuple[Waiver, ...] = field(default=())
    attestations: tuple[Attestation, ...] = field(default=())
    evidence_files: tuple[tuple[str, int, int], ...] = field(default=())
    """(path, rows used, bad rows skipped) of each evidence file read."""
    baseline: frozenset[str] | None = None
    """Fingerprints of accepted failures (--baseline): they are reported as known and never fail the run."""

    def rule(self, rule_id: str) -> Rule:
        for pack in self.packs:
            found = pack.rule(rule_id)
            if found:
                return found
        raise KeyError(rule_id)

    def pack(self, name: str) -> RulePack:
        """A selected pack by name."""
        return next(p for p in self.packs if p.name == name)

    @property
    def rules(self) -> Mapping[str, Rule]:
        return {r.id: r for p in self.packs for r in p.rules}

    def score(self, unit: ItemRef) -> UnitScore | None:
        return next((s for s in self.scores if s.unit == unit), None)

    @property
    def agency_score(self) -> UnitScore:
        return self.scores[0]

    def counts(self) -> dict[str, int]:
        """Findings by outcome, every outcome listed."""
        out = {o.value: 0 for o in Outcome}
        for f in self.findings:
            out[f.outcome.value] += 1
        return out

    def fingerprints(self) -> tuple[str, ...]:
        """A structural fingerprint per finding, aligned with `findings`: rule, item, inheriting clause, the place
        inside the file (its JSON pointer, else the file) and, for text findings, the template and the words found;
        never a line number, so lines shifting elsewhere in the file keep it. Repeats of a key are numbered."""
        seen: Counter[str] = Counter()
        out = []
        for f in self.findings:
            key = "\x1f".join((f.rule_id, str(f.item), f.via or "", f.location.pointer or f.location.path,
                               _plain(f.args.get("template")), _plain(f.args.get("found"))))
            out.append(hashlib.sha256(f"{key}\x1f{seen[key]}".encode()).hexdigest()[:20])
            seen[key] += 1
        return tuple(out)

    def is_new(self, index: int, fingerprints: tuple[str, ...] | None = None) -> bool:
        """True unless a baseline is in use and lists the finding at `index`."""
        if self.baseline is None:
            return True
        return (fingerprints or self.fingerprints())[index] not in self.baseline

    def fixed_in_baseline(self) -> tuple[str, ...]:
        """Baseline fingerprints with no failure now: fixed since the baseline was written."""
        if self.baseline is None:
            return ()
        return tuple(sorted(self.baseline - self.failing_fingerprints()))

    def failing_fingerprints(self) -> frozenset[str]:
        """The fingerprints of the current failures: what a baseline written now would accept."""
        return frozenset(fp for f, fp in zip(self.findings, self.fingerprints(), strict=True) if f.failed)

    def exit_code(self) -> int:
        """0 clean, 1 when a failure not in the baseline reaches --fail-on, or the agency is below --fail-under,
        or a point of contact is below --fail-under-unit."""
        threshold = self.config.fail_on
        prints = self.fingerprints()
        if threshold is not None and any(f.failed and f.severity.rank >= threshold.rank and self.is_new(i, prints)
                                         for i, f in enumerate(self.findings)):
            return 1
        if self.config.fail_under is not None:
            stars = self.agency_score.stars
            if stars is None or stars < self.config.fail_under:
                return 1
        if self.config.fail_under_unit is not None:
            points = {p.ref for p in self.points}
            if any(s.unit in points and s.stars is not None and s.stars < self.config.fail_under_unit for s in self.scores):
                return 1
        return 0
