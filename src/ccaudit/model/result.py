"""The outcome of one audit: `AuditResult`, the single input of every reporter."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ccaudit.model.config import AuditConfig
from ccaudit.model.declaration import ItemRef
from ccaudit.model.finding import Finding, Outcome
from ccaudit.model.rule import Rule, RulePack
from ccaudit.model.score import IndicatorValue, UnitScore
from ccaudit.model.waivers import Attestation, Waiver


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

    def rule(self, rule_id: str) -> Rule:
        for pack in self.packs:
            found = pack.rule(rule_id)
            if found:
                return found
        raise KeyError(rule_id)

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

    def exit_code(self) -> int:
        """0 clean, 1 when a failure reaches --fail-on or the agency is below --fail-under."""
        threshold = self.config.fail_on
        if threshold is not None and any(f.failed and f.severity.rank >= threshold.rank for f in self.findings):
            return 1
        if self.config.fail_under is not None:
            stars = self.agency_score.stars
            if stars is None or stars < self.config.fail_under:
                return 1
        return 0
