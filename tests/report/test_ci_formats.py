"""SARIF, JUnit and Markdown: valid, consistent with the JSON report, escaped, stable, and as their golden files."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import EXAMPLES, apply_patches

SCHEMA = json.loads((Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json").read_text("utf-8"))
FAILED = ("fail", "error")


def outputs(run_cli, repo: Path, tmp_path: Path, lang: str = "en", *extra: str) -> dict[str, str]:
    names = {"json": "r.json", "sarif": "r.sarif", "junit": "r.xml", "markdown": "r.md"}
    args = [a for fmt, name in names.items() for a in ("-o", f"{fmt}={tmp_path / name}")]
    result = run_cli("audit", repo, "--fail-on", "never", "--lang", lang, *args, *extra)
    assert result.exit_code == 0, result.stderr
    return {fmt: (tmp_path / name).read_text("utf-8") for fmt, name in names.items()}


def test_weak_example_formats_agree(run_cli, tmp_path: Path) -> None:
    out = outputs(run_cli, EXAMPLES / "zarechensk-admin", tmp_path)
    report, sarif = json.loads(out["json"]), json.loads(out["sarif"])
    jsonschema.Draft202012Validator(SCHEMA).validate(sarif)
    findings = report["findings"]
    results = sarif["runs"][0]["results"]
    assert len([r for r in results if "suppressions" not in r]) == sum(1 for f in findings if f["status"] in FAILED)
    assert len([r for r in results if "suppressions" in r]) == sum(1 for f in findings if f["status"] == "waived")
    assert {r["partialFingerprints"]["ccauditStructural/v1"] for r in results} == \
        {f["fingerprint"] for f in findings if f["status"] in (*FAILED, "waived")}
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    assert {r["level"] for r in results} <= {"error", "warning", "note"}
    # JUnit: a case per (rule, item, via); failures are the cases with a failing finding
    root = ET.fromstring(out["junit"])
    cases = {(f["rule"], f["item"]["kind"] + ":" + f["item"]["id"], f["via"] or "", f["point_of_contact"] or report["agency"]["id"])
             for f in findings}
    failing = {(f["rule"], f["item"]["kind"] + ":" + f["item"]["id"], f["via"] or "", f["point_of_contact"] or report["agency"]["id"])
               for f in findings if f["status"] in FAILED}
    assert int(root.get("tests")) == len(cases) == sum(int(s.get("tests")) for s in root)
    assert int(root.get("failures")) + int(root.get("errors")) == len(failing)
    assert len(root.findall(".//failure")) + len(root.findall(".//error")) == len(failing)
    # Markdown: the error count and the stars table
    errors = sum(1 for f in findings if f["status"] in FAILED and f["severity"] == "error")
    assert f"### Errors ({errors})" in out["markdown"] and out["markdown"].count("\n| ") == len(report["points_of_contact"]) + 2


def test_sarif_fingerprints_survive_shifted_lines(run_cli, example_repo, tmp_path: Path) -> None:
    repo = example_repo("zarechensk-admin")
    (tmp_path / "a").mkdir()
    before = json.loads(outputs(run_cli, repo, tmp_path / "a")["sarif"])
    path = repo / "contact_points" / "call-center.yaml"
    path.write_text("# новая строка сверху\n" + path.read_text("utf-8"), "utf-8")
    (tmp_path / "b").mkdir()
    after = json.loads(outputs(run_cli, repo, tmp_path / "b")["sarif"])

    def by_print(doc: dict) -> dict[str, int]:
        return {r["partialFingerprints"]["ccauditStructural/v1"]: r["locations"][0]["physicalLocation"]["region"]["startLine"]
                for r in doc["runs"][0]["results"]
                if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "contact_points/call-center.yaml"}

    old, new = by_print(before), by_print(after)
    assert old and old.keys() == new.keys()
    assert all(new[k] == old[k] + 1 for k in old)


def test_hostile_titles_are_escaped_in_markdown_and_junit(run_cli, base_repo: Path, tmp_path: Path) -> None:
    apply_patches(base_repo, {"contact_points/portal.yaml": {"title": "| *x* <script>alert(1)</script> [a](http://e)"}})
    out = outputs(run_cli, base_repo, tmp_path)
    assert "<script>" not in out["markdown"] and "\\<script\\>" in out["markdown"] and "\\| \\*x\\*" in out["markdown"]
    assert "<script>" not in out["junit"] and ET.fromstring(out["junit"]) is not None


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_golden_files_of_the_minimal_repository(run_cli, base_repo: Path, tmp_path: Path, golden, lang: str) -> None:
    apply_patches(base_repo, {"contact_points/call-center.yaml": {"hours": {"weekly": [
        {"days": ["mon", "tue", "wed", "thu", "fri"], "open": "09:00", "close": "18:00"}]}}})
    out = outputs(run_cli, base_repo, tmp_path, lang, "--clause", "4.6.3.*")  # the phone rules keep the files small
    assert str(tmp_path) not in "".join(out.values()) and str(base_repo) not in "".join(out.values())
    for fmt, suffix in (("sarif", "sarif"), ("junit", "xml"), ("markdown", "md"), ("json", "json")):
        golden(f"base.{lang}.{suffix}", out[fmt])
