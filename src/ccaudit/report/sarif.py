"""SARIF 2.1.0 for code scanning: one run, the packs' rules as `tool.driver.rules`, one result per failing or waived
finding with its region and a structural partial fingerprint (docs/ci-formats.md)."""

from __future__ import annotations

import json
import re
from typing import Any

from ccaudit.model.finding import Finding, Outcome
from ccaudit.model.privacy import mask
from ccaudit.model.result import AuditResult
from ccaudit.model.rule import Rule, RulePack, Text
from ccaudit.report.base import message

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
"""The OASIS schema the output is tested against (tests/report/schemas/)."""
PROJECT_URL = "https://ccaudit.dev"
"""The project's home; rule help links go to its copy of docs/rules.md."""
RULES_DOC = f"{PROJECT_URL}/docs/rules.md"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT = "ccauditStructural/v1"
"""The partialFingerprints key; the suffix changes whenever the fingerprint's definition does."""
RESULTS = (Outcome.FAIL, Outcome.ERROR, Outcome.WAIVED)

WORDS: dict[str, Text] = {
    "clause": Text("{document}, п. {clause}.", "{document}, clause {clause}."),
    "help": Text("Правило подробно, с примерами: `ccaudit rules show {id}`.",
                 "The rule in full, with examples: `ccaudit rules show {id}`."),
    "srcroot": Text("Корень проверенного репозитория органа власти.", "The root of the audited agency repository."),
}


def _w(key: str, lang: str, **args: object) -> str:
    return WORDS[key].format(lang, args)


def rule_name(rule: Rule) -> str:
    """A PascalCase name from the English title, as SARIF viewers show it next to the id."""
    words = re.findall(r"[A-Za-z0-9]+", rule.title.en)[:8]
    return "".join(w[:1].upper() + w[1:] for w in words) or rule.id


def pack_anchor(pack: RulePack) -> str:
    """The anchor of the pack's section in docs/rules.md (heading "Pack `name` version", slugged as GitHub does:
    lower case, punctuation dropped, spaces to hyphens). The rules are rows of that section's table."""
    heading = f"pack `{pack.name}` {pack.version}".lower()
    return re.sub(r"[^\w\- ]", "", heading).replace(" ", "-")


def _descriptor(rule: Rule, pack: RulePack, lang: str) -> dict[str, Any]:
    """A reportingDescriptor for one rule."""
    title = rule.title.get(lang)
    notes = " ".join(n.get(lang) for n in rule.notes)
    where = _w("clause", lang, document=pack.document, clause=rule.clause)
    full = f"{title}. {where}" + (f" {notes}" if notes else "")
    return {
        "id": rule.id,
        "name": rule_name(rule),
        "shortDescription": {"text": title},
        "fullDescription": {"text": full},
        "help": {"text": f"{full}\n{_w('help', lang, id=rule.id)}"},
        "helpUri": f"{RULES_DOC}#{pack_anchor(pack)}",
        "defaultConfiguration": {"level": LEVEL[rule.severity.value]},
        "properties": {
            "clause": rule.clause, "star_level": rule.level_label, "pack": pack.name, "document": pack.document,
            "modality": rule.modality.value, "tags": ["client-centricity", f"clause-{rule.clause}"],
        },
    }


def stars_cap(result: AuditResult, finding: Finding) -> int | None:
    """The highest star level the finding's unit can have while this failure stands; None when it does not limit
    the stars (heuristic or non-mandatory rules, or an outcome that is not counted)."""
    score = result.score(finding.unit)
    if score is None:
        return None
    caps = [lim.caps_at for lim in score.limited_by
            if lim.kind == "rule" and lim.id == finding.rule_id and lim.item == finding.item]
    return min(caps, default=None)


def _result(result: AuditResult, finding: Finding, fingerprint: str, index: int, lang: str) -> dict[str, Any]:
    """A SARIF result for one failing or waived finding."""
    where = finding.location
    region: dict[str, int] = {"startLine": where.line or 1}  # a whole-file finding points at the file's first line
    if where.line and where.col:
        region["startColumn"] = where.col
    entry: dict[str, Any] = {
        "ruleId": finding.rule_id,
        "ruleIndex": index,
        "level": LEVEL[finding.severity.value],
        "message": {"text": message(result, finding, lang)},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": where.path, "uriBaseId": "SRCROOT"}, "region": region}}],
        "partialFingerprints": {FINGERPRINT: fingerprint},
        "properties": {
            "item": str(finding.item),
            "point_of_contact": finding.unit.id if finding.unit.kind == "contact_point" else None,
            "unit": str(finding.unit),
            "via": finding.via,
            "status": finding.outcome.value,
            "star_level": result.rule(finding.rule_id).level_label,
            "stars_cap": stars_cap(result, finding),
            **({"pointer": where.pointer} if where.pointer else {}),
        },
    }
    if finding.outcome is Outcome.WAIVED:
        entry["suppressions"] = [{"kind": "external", "status": "accepted",
                                  "justification": mask(finding.note.get(lang)) if finding.note else ""}]
    return entry


class SarifReporter:
    name = "sarif"
    suffix = ".sarif"

    def document(self, result: AuditResult, lang: str) -> dict[str, Any]:
        """The SARIF log as a JSON-ready mapping."""
        pairs = [(r, p) for p in result.packs for r in p.rules]
        index = {r.id: i for i, (r, _) in enumerate(pairs)}
        results = [_result(result, f, fp, index[f.rule_id], lang)
                   for f, fp in zip(result.findings, result.fingerprints(), strict=True) if f.outcome in RESULTS]
        agency = result.agency_score
        return {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": "ccaudit", "version": result.version, "semanticVersion": result.version,
                    "informationUri": PROJECT_URL,
                    "rules": [_descriptor(r, p, lang) for r, p in pairs],
                }},
                "originalUriBaseIds": {"SRCROOT": {"description": {"text": _w("srcroot", lang)}}},
                "language": lang,
                "columnKind": "unicodeCodePoints",
                "results": results,
                "properties": {"agency": result.agency.ref.id, "period": str(result.config.period),
                               "stars": agency.stars,
                               "packs": [f"{p.name} {p.version}" for p in result.packs]},
            }],
        }

    def render(self, result: AuditResult, lang: str) -> str:
        return json.dumps(self.document(result, lang), ensure_ascii=False, indent=2) + "\n"
