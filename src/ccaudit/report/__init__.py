"""L5: pure renderers of AuditResult. REPORTERS is the one registry of output formats."""

from ccaudit.report.base import Reporter
from ccaudit.report.codequality import CodeQualityReporter
from ccaudit.report.html import HtmlReporter
from ccaudit.report.json import JsonReporter
from ccaudit.report.junit import JunitReporter
from ccaudit.report.markdown import MarkdownReporter
from ccaudit.report.sarif import SarifReporter
from ccaudit.report.terminal import TerminalReporter

REPORTERS: dict[str, Reporter] = {
    "terminal": TerminalReporter(),
    "json": JsonReporter(),
    "markdown": MarkdownReporter(),
    "sarif": SarifReporter(),
    "junit": JunitReporter(),
    "codequality": CodeQualityReporter(),
    "html": HtmlReporter(),
}

__all__ = ["REPORTERS", "Reporter"]
