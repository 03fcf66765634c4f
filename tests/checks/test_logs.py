"""Checks over evidence logs: no data without the log or its columns, the period in the agency's zone, findings at
the log's line, the grace before an open message counts, waits from the appointment time."""

from __future__ import annotations

import json
from pathlib import Path

CALLS = "call_id,contact_point_id,offered_at,answered_at,transfers\n"


def findings(run_cli, repo: Path, rule: str, *extra: str) -> list[dict]:
    result = run_cli("audit", repo, "--format", "json", "--fail-on", "never", "--lang", "en", "--clause", rule.split("-")[0], *extra)
    assert result.exit_code == 0, result.stderr
    return [f for f in json.loads(result.stdout)["findings"] if f["rule"] == rule and f["point_of_contact"] is not None]


def write(repo: Path, name: str, text: str) -> None:
    (repo / "evidence").mkdir(exist_ok=True)
    (repo / "evidence" / name).write_text(text, "utf-8")


def test_without_the_log_or_its_column_the_rule_has_no_data(run_cli, base_repo: Path) -> None:
    [finding] = findings(run_cli, base_repo, "4.6.3.2")
    assert finding["status"] == "no_data" and "no log evidence/calls.csv" in finding["message"]
    write(base_repo, "calls.csv", "call_id,contact_point_id,offered_at\nc-1,call-center,2026-07-01T10:00:00\n")
    [finding] = findings(run_cli, base_repo, "4.6.3.2")
    assert finding["status"] == "no_data" and "has no columns: transfers" in finding["message"]
    assert finding["location"] == {"path": "evidence/calls.csv", "line": 1, "col": None}


def test_period_is_taken_in_the_agency_zone_and_the_finding_points_at_the_row(run_cli, base_repo: Path) -> None:
    rows = [
        "c-0,call-center,2026-06-30T23:59:00+03:00,,5",          # Q2 in Moscow: not counted
        "c-1,call-center,2026-06-30T21:30:00Z,,4",               # 00:30 on 1 July in Moscow: counted
        '"c-2",call-center,"2026-07-02T10:00:00",,1',
        "c-3,call-center,2026-09-30T21:00:00Z,,7",               # 00:00 on 1 October in Moscow: Q4
        "c-4,other-line,2026-08-01T10:00:00,,9",                 # another point
    ]
    write(base_repo, "calls.csv", CALLS + "\n".join(rows) + "\n")
    [finding] = findings(run_cli, base_repo, "4.6.3.2")
    assert finding["status"] == "fail"
    assert finding["message"] == "Calls with more than two transfers: 1 of 2 calls: c-1"
    assert finding["location"] == {"path": "evidence/calls.csv", "line": 3, "col": None}


def test_line_of_a_row_after_a_multi_line_field(run_cli, base_repo: Path) -> None:
    text = ("assessment_id,call_id,contact_point_id,assessed_at,criterion,result\n"
            'qa-1,"c-1\nпродолжение",call-center,2026-07-20T15:00:00,tone,pass\n'
            "qa-2,c-2,call-center,2026-07-20T15:00:00,tone,fail\n")
    write(base_repo, "call_qa.csv", text)
    [finding] = findings(run_cli, base_repo, "4.6.3.3-b")
    assert finding["location"]["line"] == 4 and finding["message"].endswith("1 of 2 assessed calls: c-2")


def test_an_open_message_counts_only_after_its_grace(run_cli, base_repo: Path) -> None:
    head = "message_id,contact_point_id,kind,received_at,first_response_at\n"
    write(base_repo, "social_responses.csv", head + "m-1,social,mention,2026-09-30T10:00:00+03:00,\n")
    [finding] = findings(run_cli, base_repo, "4.6.5.2")
    assert finding["status"] == "pass"  # 14 hours before the period's end: still within 24 hours
    write(base_repo, "social_responses.csv", head + "m-1,social,mention,2026-09-29T10:00:00+03:00,\n")
    [finding] = findings(run_cli, base_repo, "4.6.5.2")
    assert finding["status"] == "fail" and "1 of 1 messages: m-1" in finding["message"]


def test_slowest_answer_is_reported(run_cli, base_repo: Path) -> None:
    head = "message_id,contact_point_id,kind,received_at,first_response_at\n"
    write(base_repo, "social_responses.csv", head + "m-1,social,official,2026-08-10T10:00:00,2026-08-10T13:15:00\n"
                                                  "m-2,social,official,2026-08-10T10:00:00,2026-08-10T10:30:00\n")
    [finding] = findings(run_cli, base_repo, "4.6.5.3-b")
    assert finding["message"].endswith("1 of 2 messages: m-1; the slowest answer took 3.2 h")


def test_queue_wait_counts_from_the_appointment_when_the_client_came_early(run_cli, base_repo: Path) -> None:
    head = "visit_id,contact_point_id,booked_at,appointment_at,arrived_at,called_at,served_at\n"
    rows = ["v-1,one-window,2026-07-01T09:00:00,2026-07-07T10:30:00,2026-07-07T10:00:00,2026-07-07T10:40:00,",
            "v-2,one-window,,,2026-07-07T10:00:00,2026-07-07T10:20:00,",
            "v-3,one-window,,,2026-07-07T10:00:00,,"]
    write(base_repo, "visits.csv", head + "\n".join(rows) + "\n")
    [finding] = findings(run_cli, base_repo, "4.6.8.5")
    assert finding["message"] == "Waiting longer than 15 minutes: 1 of 2 visits: v-2; 50.0 % of visits, longest 20 min"
    assert finding["location"]["line"] == 3


def test_one_assignee_looks_at_the_whole_chain(run_cli, base_repo: Path) -> None:
    head = "request_id,contact_point_id,received_at,thread_id,assignee_id\n"
    rows = ["w-1,written,2026-05-10T10:00:00,t-1,e-1", "w-2,written,2026-07-10T10:00:00,t-1,e-2",
            "w-3,written,2026-05-10T10:00:00,t-2,e-1", "w-4,written,2026-05-11T10:00:00,t-2,e-3"]
    write(base_repo, "written_requests.csv", head + "\n".join(rows) + "\n")
    [finding] = findings(run_cli, base_repo, "4.6.4.4-a")
    assert finding["status"] == "fail" and finding["message"].endswith("1 of 1 chains: t-1")  # t-2 is not in the period


def test_design_project_before_launch_is_not_applicable(run_cli, base_repo: Path) -> None:
    from tests.conftest import apply_patches

    apply_patches(base_repo, {"declarations/registry.yaml": {"design_projects": [
        {"id": "dp-1", "kind": "new", "life_situation_id": "ls-1", "service_ids": ["svc-1"], "stage": "launch",
         "launch": {"production_on": "2026-11-01"}}]}})
    found = [f for f in findings(run_cli, base_repo, "4.4.1-f") if True]
    assert found == []  # a design project is not a point of contact
    result = json.loads(run_cli("audit", base_repo, "--format", "json", "--fail-on", "never", "--clause", "4.4.1").stdout)
    [finding] = [f for f in result["findings"] if f["rule"] == "4.4.1-f"]
    assert finding["status"] == "not_applicable"
