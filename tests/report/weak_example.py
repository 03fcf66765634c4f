"""The weak example (examples/zarechensk-admin) audited with the tests' clock, shared by the CI-format tests."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from ccaudit.audit import run_audit
from ccaudit.model.result import AuditResult
from ccaudit.report import REPORTERS
from tests.conftest import EXAMPLES, TODAY

NAME = "zarechensk-admin"
GOLDEN_CLAUSES = "4.6.[357].*"
"""The golden files cover the call centre (text defects), social media (a manual rule) and the offices (the waiver),
which keeps them small while every kind of result appears."""


def audit_copy(target: Path, clause: str | None = None) -> AuditResult:
    """Copy the weak example to `target` and audit it on the tests' fixed date."""
    if not target.exists():
        shutil.copytree(EXAMPLES / NAME, target)
    overrides = {"clause": (clause, "--clause")} if clause else None
    return run_audit(target, overrides, today=TODAY)


def json_report(result: AuditResult, lang: str = "en") -> dict[str, Any]:
    """The canonical JSON report of the same result, the reference the other formats are checked against."""
    return json.loads(REPORTERS["json"].render(result, lang))
