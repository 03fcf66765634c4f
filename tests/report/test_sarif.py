"""SARIF: valid against the official OASIS schema, the same failures as the JSON report, levels, suppressions for
waivers, fingerprints that survive shifted lines, help links into docs/rules.md, and the golden file."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for

from ccaudit.model.result import AuditResult
from ccaudit.report import REPORTERS
from ccaudit.report.sarif import FINGERPRINT, RULES_DOC, SCHEMA
from tests.conftest import ROOT
from tests.report.weak_example import GOLDEN_CLAUSES, audit_copy, json_report

SCHEMA_FILE = Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


@pytest.fixture(scope="module")
def weak(tmp_path_factory: pytest.TempPathFactory) -> AuditResult:
    return audit_copy(tmp_path_factory.mktemp("sarif") / "weak")


def sarif(result: AuditResult, lang: str = "en") -> dict[str, Any]:
    return json.loads(REPORTERS["sarif"].render(result, lang))


def validator() -> Validator:
    schema = json.loads(SCHEMA_FILE.read_text("utf-8"))
    assert schema["id"] == SCHEMA  # the OASIS file, and the one the output names
    cls = validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_weak_example_is_valid_against_the_oasis_schema(weak: AuditResult, lang: str) -> None:
    document = sarif(weak, lang)
    errors = sorted(validator().iter_errors(document), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message[:200]}" for e in errors[:10])
    assert document["$schema"] == SCHEMA and document["version"] == "2.1.0" and len(document["runs"]) == 1


def test_results_are_the_failing_and_waived_findings(weak: AuditResult) -> None:
    run, report = sarif(weak)["runs"][0], json_report(weak)
    reported = {f["fingerprint"]: f for f in report["findings"] if f["status"] in ("fail", "error", "waived")}
    results = run["results"]
    assert len(results) == len(reported) > 500
    assert [r["partialFingerprints"][FINGERPRINT] for r in results] == list(reported)  # same order: sorted findings
    rules = run["tool"]["driver"]["rules"]
    assert len({r["id"] for r in rules}) == len(rules) == sum(len(p.rules) for p in weak.packs)
    for r in results:
        finding = reported[r["partialFingerprints"][FINGERPRINT]]
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"] == finding["rule"]
        assert r["message"]["text"] == finding["message"]
        place = r["locations"][0]["physicalLocation"]
        assert place["artifactLocation"] == {"uri": finding["location"]["path"], "uriBaseId": "SRCROOT"}
        assert place["region"]["startLine"] == (finding["location"]["line"] or 1)
        assert place["region"].get("startColumn") == (finding["location"]["col"] if finding["location"]["line"] else None)
        assert r["properties"]["point_of_contact"] == finding["point_of_contact"]
        assert r["properties"]["stars_cap"] in (None, 0, 1, 2, 3, 4)
    assert "SRCROOT" in run["originalUriBaseIds"]
    assert not any(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("/") for r in results)


def test_levels_follow_severity(weak: AuditResult) -> None:
    run, report = sarif(weak)["runs"][0], json_report(weak)
    severity = {f["fingerprint"]: f["severity"] for f in report["findings"]}
    assert {r["level"] for r in run["results"]} == {"error", "warning", "note"}
    assert all(r["level"] == LEVELS[severity[r["partialFingerprints"][FINGERPRINT]]] for r in run["results"])
    by_id = {r.id: r for p in weak.packs for r in p.rules}
    for descriptor in run["tool"]["driver"]["rules"]:
        rule = by_id[descriptor["id"]]
        assert descriptor["defaultConfiguration"]["level"] == LEVELS[rule.severity.value]
        assert descriptor["properties"]["clause"] == rule.clause and descriptor["properties"]["pack"] == rule.pack


def test_waived_findings_are_suppressed_results(weak: AuditResult) -> None:
    run = sarif(weak, "ru")["runs"][0]
    suppressed = [r for r in run["results"] if "suppressions" in r]
    assert [(r["ruleId"], r["properties"]["item"]) for r in suppressed] == \
        [(w.rule, f"contact_point:{w.item}") for w in weak.waivers] == [("4.6.7.1-e", "contact_point:priemnaya-adm")]
    (suppression,) = suppressed[0]["suppressions"]
    assert suppression["kind"] == "external" and suppression["status"] == "accepted"
    assert suppression["justification"].startswith(weak.waivers[0].justification)
    assert suppressed[0]["properties"]["status"] == "waived"
    assert all(r["properties"]["status"] in ("fail", "error") for r in run["results"] if "suppressions" not in r)


def test_fingerprints_survive_a_line_inserted_at_the_top(tmp_path: Path) -> None:
    repo = tmp_path / "weak"
    before = sarif(audit_copy(repo))["runs"][0]["results"]
    path = repo / "contact_points" / "call-center.yaml"
    path.write_text("# новая строка сверху\n" + path.read_text("utf-8"), "utf-8")
    after = sarif(audit_copy(repo))["runs"][0]["results"]

    def lines(results: list[dict[str, Any]], uri: str | None = None) -> dict[str, int]:
        return {r["partialFingerprints"][FINGERPRINT]: r["locations"][0]["physicalLocation"]["region"]["startLine"]
                for r in results
                if uri is None or r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == uri}

    old, new = lines(before, "contact_points/call-center.yaml"), lines(after, "contact_points/call-center.yaml")
    assert len(old) >= 20 and old.keys() == new.keys()
    assert all(new[k] == old[k] + 1 for k in old)  # every finding of the file moved down a line ...
    assert lines(before).keys() == lines(after).keys()  # ... and no fingerprint anywhere changed


def _github_slug(heading: str) -> str:
    """GitHub's heading anchor: lower case, punctuation other than - and _ removed, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_help_links_point_at_a_section_of_docs_rules_md(weak: AuditResult) -> None:
    anchors = {_github_slug(line.lstrip("#")) for line in (ROOT / "docs" / "rules.md").read_text("utf-8").splitlines()
               if line.startswith("#")}
    links = {d["helpUri"] for d in sarif(weak)["runs"][0]["tool"]["driver"]["rules"]}
    assert links and all(link.startswith(f"{RULES_DOC}#") for link in links)
    assert {link.partition("#")[2] for link in links} <= anchors
    assert all(d["help"]["text"].endswith(f"`ccaudit rules show {d['id']}`.")
               for d in sarif(weak)["runs"][0]["tool"]["driver"]["rules"])


def test_golden_file_of_the_weak_example(tmp_path: Path, golden) -> None:
    result = audit_copy(tmp_path / "weak", GOLDEN_CLAUSES)
    text = REPORTERS["sarif"].render(result, "en")
    assert str(tmp_path) not in text and str(ROOT) not in text
    assert {r["properties"]["status"] for r in json.loads(text)["runs"][0]["results"]} == {"fail", "waived"}
    golden("weak.en.sarif", text)
