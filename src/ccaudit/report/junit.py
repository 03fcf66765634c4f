"""JUnit XML for CI test tabs: a testsuite per point of contact (and one for the agency's own items), a testcase per
(rule, item); failures and errors with message and location; n/a, manual, waived and no data as skipped."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable

from ccaudit.model.finding import Finding, Outcome
from ccaudit.model.privacy import mask
from ccaudit.model.result import AuditResult
from ccaudit.report.base import message
from ccaudit.report.i18n import t

SKIPPED = (Outcome.NOT_APPLICABLE, Outcome.MANUAL, Outcome.WAIVED, Outcome.NO_DATA)
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""Characters XML 1.0 cannot hold, not even escaped; a YAML "\\x01" would otherwise make the file unreadable."""


def xml_text(value: str) -> str:
    """Text made safe for XML: ElementTree escapes <, & and quotes but writes these characters as they are."""
    return _NOT_XML.sub("\ufffd", value)


class JunitReporter:
    name = "junit"
    suffix = ".xml"

    def render(self, result: AuditResult, lang: str) -> str:
        groups: dict[str, list[Finding]] = {}
        for f in result.findings:
            groups.setdefault(f.unit.id, []).append(f)
        order = [result.agency.ref.id, *(p.ref.id for p in result.points)]
        titles = {p.ref.id: p.title for p in result.points} | {result.agency.ref.id: result.agency.title}
        root = ET.Element("testsuites", name=f"ccaudit {result.agency.ref.id} {result.config.period}")
        totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        for unit in order + sorted(set(groups) - set(order)):
            if unit not in groups:
                continue
            suite = ET.SubElement(root, "testsuite", name=f"{unit}: {titles.get(unit, unit)}")
            counts = self._cases(suite, result, groups[unit], lang, unit)
            for key, value in counts.items():
                suite.set(key, str(value))
                totals[key] += value
        for key, value in totals.items():
            root.set(key, str(value))
        ET.indent(root)
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml_text(ET.tostring(root, encoding="unicode")) + "\n"

    def _cases(self, suite: ET.Element, result: AuditResult, findings: Iterable[Finding], lang: str, unit: str) -> dict[str, int]:
        cases: dict[tuple[str, str, str], list[Finding]] = {}
        for f in findings:
            cases.setdefault((f.rule_id, str(f.item), f.via or ""), []).append(f)
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        for (rule_id, item, via), members in cases.items():
            rule = result.rule(rule_id)
            other = item != str(members[0].unit)  # an item of the unit other than the unit itself is named
            name = f"{rule_id}: {rule.title.get(lang)}" + (f" [{item}]" if other else "") + (f" ({t('via', lang)} {via})" if via else "")
            case = ET.SubElement(suite, "testcase", classname=unit, name=name)
            counts["tests"] += 1
            failed = [f for f in members if f.outcome in (Outcome.FAIL, Outcome.ERROR)]
            if failed:
                kind = "error" if any(f.outcome is Outcome.ERROR for f in failed) else "failure"
                counts["errors" if kind == "error" else "failures"] += 1
                text = "\n".join(f"{f.location}: {message(result, f, lang)}" for f in failed)
                ET.SubElement(case, kind, message=message(result, failed[0], lang), type=failed[0].severity.value).text = text
            elif any(f.outcome in SKIPPED for f in members) and not any(f.outcome is Outcome.PASS for f in members):
                counts["skipped"] += 1
                first = next(f for f in members if f.outcome in SKIPPED)
                why = mask(first.note.get(lang)) if first.note else first.outcome.value
                ET.SubElement(case, "skipped", message=f"{first.outcome.value}: {why}")
        return counts
