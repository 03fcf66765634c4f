"""GitLab code-quality report: one entry per failure, fingerprints shared with the JSON report."""

from __future__ import annotations

import json
from pathlib import Path


def test_code_quality_entries_match_the_json_failures(run_cli, base_repo: Path, tmp_path: Path) -> None:
    quality, report = tmp_path / "gl.json", tmp_path / "r.json"
    run_cli("audit", base_repo, "--fail-on", "never", "-o", f"codequality={quality}", "-o", f"json={report}")
    issues = json.loads(quality.read_text("utf-8"))
    failing = [f for f in json.loads(report.read_text("utf-8"))["findings"] if f["status"] in ("fail", "error")]
    assert len(issues) == len(failing) > 0
    assert {i["fingerprint"] for i in issues} == {f["fingerprint"] for f in failing}
    assert {i["severity"] for i in issues} <= {"major", "minor", "info"}
    assert all(i["location"]["path"] and i["location"]["lines"]["begin"] >= 1 for i in issues)
