"""The canonical machine format, versioned (schema_version 1; docs/json-output.md)."""

from __future__ import annotations

import json
from fractions import Fraction
from typing import Any

from ccaudit.model.privacy import mask
from ccaudit.model.result import AuditResult
from ccaudit.model.rule import show
from ccaudit.model.score import IndicatorValue, Limit, UnitScore
from ccaudit.report.base import message

SCHEMA_VERSION = 1


def _value(value: Fraction | None) -> float | None:
    return None if value is None else round(float(value), 4)


def _limits(limits: tuple[Limit, ...], lang: str) -> list[dict[str, Any]]:
    return [{"kind": lim.kind, "id": lim.id, "caps_at": lim.caps_at, "needs": lim.needs.get(lang),
             "item": lim.item.id if lim.item else None} for lim in limits]


def _score(score: UnitScore | None) -> int | None:
    return None if score is None else score.stars


class JsonReporter:
    """Everything in AuditResult, sorted, without timestamps; byte-identical for the same input."""

    name = "json"
    suffix = ".json"

    def document(self, result: AuditResult, lang: str) -> dict[str, Any]:
        """The report as plain data (what `render` serialises)."""
        cfg = result.config
        agency_score = result.agency_score
        prints = result.fingerprints()
        points = {p.ref: p for p in result.points}
        return {
            "schema_version": SCHEMA_VERSION,
            "ccaudit_version": result.version,
            "lang": lang,
            "period": {"id": str(cfg.period), "start": cfg.period.start.isoformat(), "end": cfg.period.end.isoformat(),
                       "as_of": cfg.as_of.isoformat()},
            "selection": {"clause": cfg.clause},
            "packs": [{"name": p.name, "version": p.version, "document": p.document, "base": p.base, "rules": len(p.rules)}
                      for p in result.packs],
            "agency": {"id": result.agency.ref.id, "name": result.agency.title, "stars": agency_score.stars,
                       "limited_by": _limits(agency_score.limited_by, lang), "target_level": cfg.target_level},
            "channels": [{"kind": s.unit.id, "stars": s.stars, "limited_by": _limits(s.limited_by, lang)}
                         for s in result.scores if s.unit.kind == "channel"],
            "points_of_contact": [
                {"id": p.ref.id, "kind": p.kind, "title": p.title, "path": p.location,
                 "stars": _score(result.score(p.ref)),
                 "limited_by": _limits(result.score(p.ref).limited_by, lang) if result.score(p.ref) else [],
                 "counts": dict(result.score(p.ref).counts) if result.score(p.ref) else {}}
                for p in result.points],
            "indicators": [indicator_json(v, lang) for v in result.indicators],
            "findings": [
                {"fingerprint": prints[i], "new": None if result.baseline is None else result.is_new(i, prints),
                 "rule": f.rule_id, "clause": result.rule(f.rule_id).clause, "pack": result.rule(f.rule_id).pack,
                 "document": result.pack(result.rule(f.rule_id).pack).document,
                 "concept_notes": [{"pack": r.pack, "clause": r.clause, "effect": r.effect.value, "wording": r.wording.get(lang)}
                                   for r in result.rule(f.rule_id).relaxations],
                 "status": f.outcome.value,
                 "severity": f.severity.value, "star_level": result.rule(f.rule_id).level_label,
                 "point_of_contact": f.unit.id if f.unit in points else None,
                 "item": {"kind": f.item.kind, "id": f.item.id}, "message": message(result, f, lang),
                 "location": {"path": f.location.path, "line": f.location.line, "col": f.location.col},
                 "via": f.via, "note": mask(f.note.get(lang)) if f.note else None, "args": {k: mask(show(v, lang)) for k, v in sorted(f.args.items())}}
                for i, f in enumerate(result.findings)],
            "waivers": [{"rule": w.rule, "item": w.item, "justification": w.justification, "approved_by": w.approved_by,
                         "expires": w.expires.isoformat(), "expired": w in result.expired_waivers,
                         "location": {"path": w.where.path, "line": w.where.line, "col": w.where.col}}
                        for w in result.waivers],
            "attestations": [{"rule": a.rule, "item": a.item, "attested_by": a.attested_by,
                              "attested_on": a.attested_on.isoformat(), "document_ref": a.document_ref,
                              "expires": a.expires.isoformat(), "expired": a.expires < cfg.as_of,
                              "location": {"path": a.where.path, "line": a.where.line, "col": a.where.col}}
                             for a in result.attestations],
            "disabled_rules": [{"rule": r, "justification": j} for r, j in sorted(cfg.disabled.items())],
            "summary": {"stars": agency_score.stars, "counts": result.counts(), "exit_code": result.exit_code(),
                        "baseline": None if result.baseline is None else {
                            "known": sum(1 for i, f in enumerate(result.findings) if f.failed and not result.is_new(i, prints)),
                            "new": sum(1 for i, f in enumerate(result.findings) if f.failed and result.is_new(i, prints)),
                            "fixed": len(result.fixed_in_baseline())}},
        }

    def render(self, result: AuditResult, lang: str) -> str:
        return json.dumps(self.document(result, lang), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def indicator_json(v: IndicatorValue, lang: str) -> dict[str, Any]:
    """One indicator value as the report (and `ccaudit metrics --format json`) shows it."""
    return {"id": v.indicator, "unit": v.unit.id, "unit_kind": v.unit.kind, "value": _value(v.measure.value),
            "numerator": v.measure.numerator, "n": v.measure.n, "stars": v.stars, "source": v.source,
            "basis": v.measure.basis.get(lang), "next": v.next_needs.get(lang) if v.next_needs else None,
            "interval": [round(x, 2) for x in v.measure.interval] if v.measure.interval else None,
            "too_close": v.measure.too_close}
