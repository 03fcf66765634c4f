"""`ccaudit metrics`: the indicator table per unit, its periods, formats and errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

HEADER = "answer_id,answered_at,question,value,service_id,life_situation_id,contact_point_id,request_id\n"


@pytest.fixture
def measured_repo(base_repo: Path) -> Path:
    """50 ease answers in August 2026 (45 easy) and 40 in February 2026 (10 easy), all Moscow time."""
    rows = [f"a{i},2026-08-0{1 + i % 9}T10:00:00+03:00,ease,{'Легко' if i < 45 else 'Сложно'},,,," for i in range(50)]
    rows += [f"b{i},2026-02-1{i % 9}T10:00:00,ease,{'Скорее легко' if i < 10 else 'Сложно'},,,," for i in range(40)]
    (base_repo / "evidence").mkdir()
    (base_repo / "evidence" / "survey_answers.csv").write_text(HEADER + "\n".join(rows) + "\n", "utf-8")
    return base_repo


def _ease(stdout: str) -> dict:
    data = json.loads(stdout)
    return next(v for v in data["indicators"] if v["id"] == "T1.2" and v["unit_kind"] == "agency")


def test_quarter_year_and_range_periods_select_the_rows(run_cli, measured_repo: Path) -> None:
    q3 = run_cli("metrics", measured_repo, "--format", "json", "--period", "2026Q3")
    assert q3.exit_code == 0, q3.stderr
    assert json.loads(q3.stdout)["period"] == "2026-Q3"
    assert (_ease(q3.stdout)["n"], _ease(q3.stdout)["numerator"], _ease(q3.stdout)["source"]) == (50, 45, "evidence")
    year = run_cli("metrics", measured_repo, "--format", "json", "--period", "2026")
    assert (_ease(year.stdout)["n"], _ease(year.stdout)["numerator"]) == (90, 55)
    days = run_cli("metrics", measured_repo, "--format", "json", "--period", "2026-02-01..2026-02-28")
    data = json.loads(days.stdout)
    assert (data["period_start"], data["period_end"]) == ("2026-02-01", "2026-02-28")
    assert (_ease(days.stdout)["n"], _ease(days.stdout)["numerator"]) == (40, 10)


def test_terminal_table_groups_by_unit_and_shows_sample_interval_and_source(run_cli, measured_repo: Path) -> None:
    result = run_cli("metrics", measured_repo, "--period", "2026-Q3", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith("Section 6 indicators") and "Agency:" in out
    row = next(line for line in out.splitlines() if line.lstrip().startswith("T1.2"))
    assert "90.0" in row and " 50 " in row and "measured" in row
    low, high = row.split("–")[0].split()[-1], row.split("–")[1].split()[0]
    assert float(low) < 90.0 < float(high)


def test_indicators_are_ordered_agency_first(run_cli, measured_repo: Path) -> None:
    data = json.loads(run_cli("metrics", measured_repo, "--format", "json").stdout)
    kinds = [v["unit_kind"] for v in data["indicators"]]
    assert kinds == sorted(kinds, key=["agency", "life_situation", "contact_point"].index)


def test_output_file_and_json_matches_the_audit_report(run_cli, measured_repo: Path, tmp_path: Path) -> None:
    target = tmp_path / "metrics.json"
    result = run_cli("metrics", measured_repo, "--format", "json", "--period", "2026-Q3", "--output", target)
    assert result.exit_code == 0 and f"wrote {target}" in result.stderr and result.stdout == ""
    metrics = json.loads(target.read_text("utf-8"))["indicators"]
    audit = json.loads(run_cli("audit", measured_repo, "--format", "json", "--fail-on", "never", "--period", "2026-Q3").stdout)
    key = lambda v: (v["unit"], v["id"])  # noqa: E731
    assert sorted(metrics, key=key) == sorted(audit["indicators"], key=key)


def test_bad_period_and_bad_row_exit_2(run_cli, measured_repo: Path) -> None:
    bad = run_cli("metrics", measured_repo, "--period", "2026-Q5")
    assert bad.exit_code == 2 and "expected YYYY-Qn" in bad.stderr
    path = measured_repo / "evidence" / "survey_answers.csv"
    path.write_text(path.read_text("utf-8") + "c1,31.02.2026,ease,Легко,,,,\n", "utf-8")
    result = run_cli("metrics", measured_repo)
    assert result.exit_code == 2 and result.stdout == ""
    assert "evidence/survey_answers.csv:92: error: column 'answered_at': '31.02.2026' is not a date" in result.stderr
    skipped = run_cli("metrics", measured_repo, "--skip-bad-rows", "--format", "json")
    assert skipped.exit_code == 0 and "1 bad rows skipped, 90 rows used" in skipped.stderr


def test_help_has_examples(run_cli) -> None:
    result = run_cli("metrics", "--help")
    assert result.exit_code == 0 and "Examples:" in result.stdout and "--period" in result.stdout
