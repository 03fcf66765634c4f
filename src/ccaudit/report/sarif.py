"""SARIF 2.1.0 for code scanning: one run, the packs' rules as `tool.driver.rules`, one result per failing or waived
finding with its region and a structural partial fingerprint (docs/ci-formats.md)."""

from __future__ import annotations

import json
import re
from typing import Any

from ccaudit.model.finding import Outcome
from ccaudit.model.privacy import mask
from ccaudit.model.result import AuditResult
from ccaudit.model.rule import Rule
from ccaudit.report.base import message

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
HELP = "https://ccaudit.dev/rules#{id}"
"""Where a rule is explained (docs/rules.md is the same text in the repository)."""
LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _name(rule: Rule) -> str:
    """A PascalCase name from the English title, as SARIF viewers show it next to the id."""
    words = re.findall(r"[A-Za-z0-9]+", rule.title.en)[:8]
    return "".join(w[:1].upper() + w[1:] for w in words) or rule.id


class SarifReporter:
    name = "sarif"
    suffix = ".sarif"

    def document(self, result: AuditResult, lang: str) -> dict[str, Any]:
        rules = [r for p in result.packs for r in p.rules]
        index = {r.id: i for i, r in enumerate(rules)}
        packs = {r.id: p for p in result.packs for r in p.rules}
        driver_rules = []
        for rule in rules:
            notes = " ".join(n.get(lang) for n in rule.notes)
            driver_rules.append({
                "id": rule.id, "name": _name(rule),
                "shortDescription": {"text": rule.title.get(lang)},
                "fullDescription": {"text": f"{rule.title.get(lang)} ({packs[rule.id].document}, п. {rule.clause})"
                                            + (f" {notes}" if notes else "")},
                "helpUri": HELP.format(id=rule.id),
                "defaultConfiguration": {"level": LEVEL[rule.severity.value]},
                "properties": {"clause": rule.clause, "star_level": rule.level_label, "pack": packs[rule.id].name,
                               "modality": rule.modality.value, "tags": ["client-centricity", f"clause-{rule.clause}"]},
            })
        results = []
        for finding, fingerprint in zip(result.findings, result.fingerprints(), strict=True):
            if finding.outcome not in (Outcome.FAIL, Outcome.ERROR, Outcome.WAIVED):
                continue
            region: dict[str, int] = {"startLine": finding.location.line or 1}
            if finding.location.col:
                region["startColumn"] = finding.location.col
            entry: dict[str, Any] = {
                "ruleId": finding.rule_id, "ruleIndex": index[finding.rule_id], "level": LEVEL[finding.severity.value],
                "message": {"text": message(result, finding, lang)},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": finding.location.path, "uriBaseId": "SRCROOT"}, "region": region}}],
                "partialFingerprints": {"ccauditStructural/v1": fingerprint},
                "properties": {"item": str(finding.item), "point_of_contact": finding.unit.id, "via": finding.via,
                               "status": finding.outcome.value},
            }
            if finding.outcome is Outcome.WAIVED:
                entry["suppressions"] = [{"kind": "external", "status": "accepted",
                                          "justification": mask(finding.note.get(lang)) if finding.note else ""}]
            results.append(entry)
        return {
            "$schema": SCHEMA, "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {"name": "ccaudit", "version": result.version, "informationUri": "https://ccaudit.dev",
                                    "semanticVersion": result.version, "rules": driver_rules}},
                "originalUriBaseIds": {"SRCROOT": {"description": {"text": "The audited agency repository."}}},
                "language": lang, "columnKind": "unicodeCodePoints",
                "results": results,
                "properties": {"agency": result.agency.ref.id, "period": str(result.config.period),
                               "stars": result.agency_score.stars},
            }],
        }

    def render(self, result: AuditResult, lang: str) -> str:
        return json.dumps(self.document(result, lang), ensure_ascii=False, indent=2) + "\n"
