"""GitLab's code-quality report (the Code Climate issue subset GitLab reads): one entry per failing finding, with
the structural fingerprint, so merge requests show what is new."""

from __future__ import annotations

import json

from ccaudit.model.result import AuditResult
from ccaudit.report.base import message

SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


class CodeQualityReporter:
    name = "codequality"
    suffix = ".json"

    def render(self, result: AuditResult, lang: str) -> str:
        issues = []
        for finding, fingerprint in zip(result.findings, result.fingerprints(), strict=True):
            if not finding.failed:
                continue
            issues.append({
                "description": f"{finding.rule_id}: {message(result, finding, lang)}",
                "check_name": finding.rule_id,
                "fingerprint": fingerprint,
                "severity": SEVERITY[finding.severity.value],
                "location": {"path": finding.location.path, "lines": {"begin": finding.location.line or 1}},
            })
        return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
