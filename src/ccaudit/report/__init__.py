"""L5: pure renderers of AuditResult. REPORTERS is the one registry of output formats."""

from ccaudit.report.base import Reporter
from ccaudit.report.codequality import CodeQualityReporter
from ccaudit.report.json import JsonReporter
from ccaudit.report.terminal import TerminalReporter

REPORTERS: dict[str, Reporter] = {
    "terminal": TerminalReporter(),
    "json": JsonReporter(),
    "codequality": CodeQualityReporter(),
}

__all__ = ["REPORTERS", "Reporter"]
