"""`ccaudit diff` and `--baseline`: structural fingerprints survive moved lines, fixed findings and star changes
are shown, only new failures fail the run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import apply_patches


def report(run_cli, repo: Path, target: Path, *extra: str) -> dict:
    result = run_cli("audit", repo, "--fail-on", "never", "-o", f"json={target}", *extra)
    assert result.exit_code == 0, result.stderr
    return json.loads(target.read_text("utf-8"))


def test_weak_example_fixed_copy_shows_the_fixed_findings(run_cli, example_repo, tmp_path: Path) -> None:
    repo = example_repo("zarechensk-admin")
    before = report(run_cli, repo, tmp_path / "before.json")
    calls = repo / "evidence" / "calls.csv"
    lines = calls.read_text("utf-8").splitlines()
    head = lines[0].split(",")
    col = head.index("transfers")
    fixed_rows = []
    for line in lines[1:]:
        cells = line.split(",")
        if cells[col] and int(cells[col]) > 2:
            cells[col] = "2"
        fixed_rows.append(",".join(cells))
    calls.write_text("\n".join([lines[0], *fixed_rows]) + "\n", "utf-8")
    path = repo / "contact_points" / "call-center.yaml"
    path.write_text("# перенесено\n# ещё строка\n" + path.read_text("utf-8"), "utf-8")  # every line moves by two
    after = report(run_cli, repo, tmp_path / "after.json")
    result = run_cli("diff", tmp_path / "before.json", tmp_path / "after.json", "--format", "json")
    data = json.loads(result.stdout)
    assert [f["rule"] for f in data["fixed"]] == ["4.6.3.2"] and data["new"] == []
    assert data["summary"]["still_failing"] == sum(1 for f in before["findings"] if f["status"] in ("fail", "error")) - 1
    assert sum(1 for f in after["findings"] if f["status"] == "fail") == data["summary"]["still_failing"]
    text = run_cli("diff", tmp_path / "before.json", tmp_path / "after.json", "--lang", "en").stdout
    assert "Fixed (1)" in text and "- 4.6.3.2 [error]" in text and "New findings (0): none" in text


def test_star_change_and_new_failures(run_cli, example_repo, tmp_path: Path) -> None:
    repo = example_repo("minsoc-priokskaya")
    report(run_cli, repo, tmp_path / "q2.json")
    apply_patches(repo, {"contact_points/call-center.yaml": {"scripts": None}})
    report(run_cli, repo, tmp_path / "q3.json")
    result = run_cli("diff", tmp_path / "q2.json", tmp_path / "q3.json", "--format", "json", "--fail-on-new")
    data = json.loads(result.stdout)
    assert result.exit_code == 1 and data["new"]
    changed = {s["unit"]: (s["before"], s["after"]) for s in data["stars"] if s["changed"]}
    assert "cc-hotline" in changed and changed["cc-hotline"][1] < changed["cc-hotline"][0]
    markdown = run_cli("diff", tmp_path / "q2.json", tmp_path / "q3.json", "--format", "markdown", "--lang", "en").stdout
    assert markdown.startswith("### Changes between runs") and "| cc-hotline (call\\_center) |" in markdown
    assert "<details open><summary>New findings" in markdown


@pytest.mark.parametrize(("content", "message"), [
    ("{oops", "before.json:1:2: error: not JSON"),
    ('{"schema_version": 2}', "not a ccaudit JSON report"),
    ('{"schema_version": 1, "findings": [{"rule": "x"}]}', "have no fingerprints"),
])
def test_bad_reports_are_input_errors(run_cli, tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "before.json").write_text(content, "utf-8")
    (tmp_path / "after.json").write_text('{"schema_version": 1, "findings": []}', "utf-8")
    result = run_cli("diff", tmp_path / "before.json", tmp_path / "after.json")
    assert result.exit_code == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_baseline_fails_only_on_new_findings_and_reports_fixed(run_cli, base_repo: Path, tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    assert run_cli("audit", base_repo).exit_code == 1  # the minimal repository has errors
    written = run_cli("audit", base_repo, "--baseline", baseline, "--update-baseline")
    assert written.exit_code == 0 and json.loads(baseline.read_text("utf-8"))["ccaudit_baseline"] == 1
    assert run_cli("audit", base_repo, "--baseline", baseline).exit_code == 0
    # a line shift does not make known findings new
    path = base_repo / "contact_points" / "call-center.yaml"
    path.write_text("# комментарий\n" + path.read_text("utf-8"), "utf-8")
    shifted = run_cli("audit", base_repo, "--baseline", baseline, "--format", "json")
    summary = json.loads(shifted.stdout)["summary"]
    assert shifted.exit_code == 0 and summary["baseline"]["new"] == 0 and summary["baseline"]["fixed"] == 0
    # a new failure fails; a fixed one is reported, never failed
    (base_repo / "evidence").mkdir()
    (base_repo / "evidence" / "calls.csv").write_text(
        "call_id,contact_point_id,offered_at,transfers\nc-1,call-center,2026-08-03T10:00:00,3\n", "utf-8")
    result = run_cli("audit", base_repo, "--baseline", baseline, "--format", "json")
    data = json.loads(result.stdout)
    assert result.exit_code == 1 and data["summary"]["baseline"]["new"] == 1
    assert [f["rule"] for f in data["findings"] if f["new"] and f["status"] == "fail"] == ["4.6.3.2"]
    # a report works as a baseline too
    report_file = tmp_path / "report.json"
    run_cli("audit", base_repo, "--fail-on", "never", "-o", f"json={report_file}")
    assert run_cli("audit", base_repo, "--baseline", report_file).exit_code == 0
    # fixed since the baseline: reported on stderr, exit 0
    (base_repo / "evidence" / "calls.csv").unlink()
    fixed = run_cli("audit", base_repo, "--baseline", report_file)
    assert fixed.exit_code == 0 and "1 baseline findings fixed since" in fixed.stderr


def test_baseline_errors(run_cli, base_repo: Path, tmp_path: Path) -> None:
    missing = run_cli("audit", base_repo, "--baseline", tmp_path / "none.json")
    assert missing.exit_code == 2 and "baseline file not found" in missing.stderr
    usage = run_cli("audit", base_repo, "--update-baseline")
    assert usage.exit_code == 2 and "--update-baseline needs --baseline" in usage.stderr


def test_fail_under_unit(run_cli, example_repo) -> None:
    repo = example_repo("minsoc-priokskaya")
    assert run_cli("audit", repo, "--fail-under-unit", "3").exit_code == 0
    assert run_cli("audit", repo, "--fail-under-unit", "4").exit_code == 1  # the call centre has 3★
