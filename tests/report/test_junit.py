"""JUnit XML: parsed back, its counts equal those computed from the JSON report; escaping; the golden file."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from ccaudit.audit import run_audit
from ccaudit.model.result import AuditResult
from ccaudit.report import REPORTERS
from tests.conftest import ROOT, TODAY, apply_patches
from tests.report.weak_example import GOLDEN_CLAUSES, audit_copy, json_report

COUNTS = ("tests", "failures", "errors", "skipped")
SKIPPED = {"not_applicable", "manual", "waived", "no_data"}


@pytest.fixture(scope="module")
def weak(tmp_path_factory: pytest.TempPathFactory) -> AuditResult:
    return audit_copy(tmp_path_factory.mktemp("junit") / "weak")


def expected_counts(report: dict[str, Any]) -> dict[str, dict[str, int]]:
    """Per unit (point id or agency id): a case per (rule, item, via); a failure or error when one of its findings
    fails (error when a check crashed), skipped when none passed and one is n/a, manual, waived or no data."""
    cases: dict[str, dict[tuple[str, str, str], list[str]]] = defaultdict(lambda: defaultdict(list))
    for f in report["findings"]:
        unit = f["point_of_contact"] or report["agency"]["id"]
        cases[unit][(f["rule"], f"{f['item']['kind']}:{f['item']['id']}", f["via"] or "")].append(f["status"])
    out = {}
    for unit, by_case in cases.items():
        counts = dict.fromkeys(COUNTS, 0)
        for statuses in by_case.values():
            counts["tests"] += 1
            if "error" in statuses:
                counts["errors"] += 1
            elif "fail" in statuses:
                counts["failures"] += 1
            elif "pass" not in statuses and SKIPPED & set(statuses):
                counts["skipped"] += 1
        out[unit] = counts
    return out


def test_counts_equal_those_of_the_json_report(weak: AuditResult) -> None:
    root = ET.fromstring(REPORTERS["junit"].render(weak, "en"))
    expected = expected_counts(json_report(weak))
    assert root.tag == "testsuites"
    suites = {}
    for suite in root.findall("testsuite"):
        (unit,) = {case.get("classname") for case in suite.findall("testcase")}
        suites[unit] = {key: int(suite.get(key)) for key in COUNTS}
        children = [case[0].tag if len(case) else "pass" for case in suite.findall("testcase")]
        assert (len(children), children.count("failure"), children.count("error"), children.count("skipped")) == \
            tuple(suites[unit][key] for key in COUNTS)
    assert suites == expected
    assert {key: int(root.get(key)) for key in COUNTS} == {key: sum(c[key] for c in expected.values()) for key in COUNTS}
    assert int(root.get("failures")) > 300 and int(root.get("skipped")) > 50
    assert [s.findall("testcase")[0].get("classname") for s in root][0] == weak.agency.ref.id  # the agency's suite first


def test_failures_carry_severity_message_and_place(weak: AuditResult) -> None:
    root = ET.fromstring(REPORTERS["junit"].render(weak, "en"))
    failures = root.findall(".//failure")
    assert {f.get("type") for f in failures} == {"error", "warning", "info"}
    lines = [line for f in failures for line in (f.text or "").splitlines()]
    assert all(f.get("message") for f in failures) and len(lines) >= len(failures)
    assert all(re.match(r"[^\s:]+(:\d+){0,2}: \S", line) for line in lines)  # path:line:col: message
    assert any(re.match(r"contact_points/call-center\.yaml:\d+:\d+: ", line) for line in lines)
    waived = [s for s in root.findall(".//skipped") if s.get("message", "").startswith("waived: ")]
    assert len(waived) == 1 and weak.waivers[0].justification in waived[0].get("message")
    names = [c.get("name") for c in root.iter("testcase")]
    assert all(": " in n for n in names) and len(names) == int(root.get("tests"))


def test_values_from_the_files_cannot_break_the_xml(base_repo: Path) -> None:
    hostile = 'a <b> & "c" ]]> \x01\x0b end'
    apply_patches(base_repo, {"contact_points/portal.yaml": {"title": hostile}})
    text = REPORTERS["junit"].render(run_audit(base_repo, today=TODAY), "en")
    root = ET.fromstring(text)  # parses: escaped, and no character XML 1.0 forbids
    assert "\x01" not in text and "<b>" not in text
    assert any(s.get("name", "").endswith('a <b> & "c" ]]> \ufffd\ufffd end') for s in root)


def test_golden_file_of_the_weak_example(tmp_path: Path, golden) -> None:
    result = audit_copy(tmp_path / "weak", GOLDEN_CLAUSES)
    text = REPORTERS["junit"].render(result, "en")
    assert str(tmp_path) not in text and str(ROOT) not in text
    golden("weak.en.xml", text)
