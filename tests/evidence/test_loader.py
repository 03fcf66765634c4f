"""Evidence files: contracts, the agency's time zone, label folding, bad rows at their line, personal data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ccaudit.evidence import load_evidence
from ccaudit.evidence.labels import grade
from ccaudit.model.errors import InputErrors

HEADER = "answer_id,answered_at,question,value,service_id,life_situation_id,contact_point_id,request_id\n"


def write(root: Path, name: str, text: str | bytes) -> Path:
    path = root / "evidence" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, "utf-8")
    return path


def quarter(ts) -> str:  # type: ignore[no-untyped-def]
    return f"{ts.year}Q{(ts.month - 1) // 3 + 1}"


@pytest.mark.parametrize(("zone", "raw", "expected"), [
    ("Europe/Moscow", "2026-04-01T01:00:00+03:00", "2026Q2"),
    ("Europe/Moscow", "2026-03-31T23:30:00+00:00", "2026Q2"),   # 02:30 in Moscow on 1 April
    ("Europe/Moscow", "2026-03-31T20:59:59Z", "2026Q1"),        # 23:59:59 in Moscow
    ("Europe/Moscow", "2026-01-01T00:05:00", "2026Q1"),         # no offset: local time
    ("Europe/Moscow", "2026-07-01", "2026Q3"),                  # a date alone: local midnight
    ("Europe/Moscow", "2026-09-30T21:30:00+00:00", "2026Q4"),   # 00:30 on 1 October in Moscow
    ("Asia/Yekaterinburg", "2026-09-30T19:30:00Z", "2026Q4"),   # YaNAO, UTC+5: 00:30 on 1 October
    ("Asia/Yekaterinburg", "2026-09-30T19:30:00+03:00", "2026Q3"),
])
def test_timestamps_land_in_the_agencys_quarter(tmp_path: Path, zone: str, raw: str, expected: str) -> None:
    write(tmp_path, "survey_answers.csv", HEADER + f"a1,{raw},ease,4,,,,\n")
    evidence, errors = load_evidence(tmp_path, zone)
    assert errors == []
    ts = evidence.frame("survey_answers")["answered_at"][0]
    assert str(ts.tz) == zone and quarter(ts) == expected


def test_labels_fold_exactly() -> None:
    assert grade("УДОВЛЕТВОРЁН", "csat") == 4 and grade("Удовлетворен", "csat") == 4
    assert grade("«Скорее не удовлетворён»", "csat") == 2 and grade("Не удовлетворен", "phone_csat") == 1
    assert grade("Скорее легко", "ease") == 3 and grade("Затрудняюсь ответить", "ease") is None and grade("", "nps") is None
    assert grade("10", "nps") == 10 and isinstance(grade("7", "ease"), str)
    assert isinstance(grade("Скорее легко", "csat"), str) and isinstance(grade("Удовлетворён", "ease"), str)


def test_survey_grades_come_out_per_row(tmp_path: Path) -> None:
    rows = ["a1,2026-08-01,ease,Легко,,,,", "a2,2026-08-01,csat,УДОВЛЕТВОРЁН,,,,", "a3,2026-08-01,csat,Затрудняюсь ответить,,,,",
            "a4,2026-08-01,nps,0,,,,", "a5,2026-08-01,ease,Легко,,,,", "a6,2026-08-01,ease,,,,,"]
    write(tmp_path, "survey_answers.csv", HEADER + "\n".join(rows) + "\n")
    evidence, errors = load_evidence(tmp_path, "Europe/Moscow")
    assert errors == []  # an empty answer is «no answer», as «Затрудняюсь ответить» is
    grades = evidence.frame("survey_answers")["grade"]
    assert [None if g is None or str(g) == "<NA>" else int(g) for g in grades] == [4, 4, None, 0, 4, None]


def test_bad_rows_are_reported_at_their_physical_line(tmp_path: Path) -> None:
    text = HEADER + 'a1,2026-08-01,ease,4,,,,"a request\nwith a line break"\n' + "a2,31.02.2026,ease,4,,,,\n" + "a3,2026-08-01,mood,4,,,,\n"
    write(tmp_path, "survey_answers.csv", text)
    _, errors = load_evidence(tmp_path, "Europe/Moscow")
    rendered = [f"{e.at}: {e.message}" for e in errors]
    assert rendered[0] == ("evidence/survey_answers.csv:4: column 'answered_at': '31.02.2026' is not a date "
                           "(expected YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss][±hh:mm])")
    assert rendered[1].startswith("evidence/survey_answers.csv:5: column 'question': 'mood' is not one of ease")


def test_only_twenty_bad_rows_are_listed_and_skip_bad_rows_counts_them(tmp_path: Path) -> None:
    rows = [f"a{i},2026-13-01,ease,4,,,," for i in range(25)] + ["ok,2026-08-01,ease,4,,,,"]
    write(tmp_path, "survey_answers.csv", HEADER + "\n".join(rows) + "\n")
    _, errors = load_evidence(tmp_path, "Europe/Moscow")
    assert len(errors) == 21 and errors[-1].message == "and 5 more bad rows (up to line 26)"
    assert str(errors[-1].at) == "evidence/survey_answers.csv:22"
    assert str(InputErrors(errors).errors[-1].at) == "evidence/survey_answers.csv:22"  # the note sorts after the rows
    evidence, errors = load_evidence(tmp_path, "Europe/Moscow", skip_bad_rows=True)
    assert errors == [] and evidence.files["survey_answers"].skipped == 25 and evidence.files["survey_answers"].rows == 1


@pytest.mark.parametrize(("content", "message"), [
    ("answer_id;answered_at;question;value\n", "uses ; as the delimiter"),
    (HEADER.replace("question", "questoin"), "unknown column 'questoin'"),
    ("answer_id,answered_at,value\n", "required column 'question' is missing"),
    ("", "empty evidence file"),
    (HEADER.replace("request_id", "phone"), "column 'phone' looks like personal data"),
    (HEADER + "a1,2026-08-01,ease,4,,,,\na2,2026-08-01,ease,4,,,,,x,y\n", "malformed CSV"),
])
def test_malformed_files(tmp_path: Path, content: str, message: str) -> None:
    write(tmp_path, "survey_answers.csv", content)
    _, errors = load_evidence(tmp_path, "Europe/Moscow")
    assert errors and message in errors[0].message


@pytest.mark.parametrize(("data", "message"), [
    (HEADER.encode("utf-16"), "UTF-16"),
    ((HEADER + "a1,2026-08-01,ease,Легко,,,,\n").encode("cp1251"), "not UTF-8"),
    (b"\xef\xbb\xbf" + (HEADER + "a1,2026-08-01,ease,4,,,,\n").encode(), None),
])
def test_encodings(tmp_path: Path, data: bytes, message: str | None) -> None:
    write(tmp_path, "survey_answers.csv", data)
    evidence, errors = load_evidence(tmp_path, "Europe/Moscow")
    if message is None:
        assert errors == [] and evidence.files["survey_answers"].rows == 1
    else:
        assert errors and message in errors[0].message


def test_personal_data_is_refused_or_hashed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    header = "request_id,user_id,service_id,channel,requested_at,success_at\n"
    write(tmp_path, "service_requests.csv", header + "r1,+7 912 345-67-89,s1,portal,2026-08-01,\nr2,u-2,s1,portal,2026-08-01,\n")
    _, errors = load_evidence(tmp_path, "Europe/Moscow")
    assert errors and "user_id" in errors[0].message and "pseudonymise" in errors[0].hint
    monkeypatch.setenv("CCAUDIT_PD_SALT", "test-salt")
    evidence, errors = load_evidence(tmp_path, "Europe/Moscow", personal_data="hash")
    users = [str(u) for u in evidence.frame("service_requests")["user_id"]]
    assert errors == [] and "+7 912 345-67-89" not in users and all(len(u) == 16 for u in users)


def test_unknown_evidence_file_is_named(tmp_path: Path) -> None:
    write(tmp_path, "survey.csv", HEADER)
    _, errors = load_evidence(tmp_path, "Europe/Moscow")
    assert "unknown evidence file 'survey.csv'" in errors[0].message and "survey_answers" in errors[0].hint


def test_cli_bad_row_is_exit_2_and_skip_bad_rows_continues(run_cli, base_repo: Path) -> None:
    write(base_repo, "survey_answers.csv", HEADER + "a1,2026-08-01,ease,4,,,,\na2,31.02.2026,ease,4,,,,\n")
    failed = run_cli("validate", base_repo)
    assert failed.exit_code == 2 and "evidence/survey_answers.csv:3: error: column 'answered_at'" in failed.stderr
    ok = run_cli("validate", base_repo, "--skip-bad-rows")
    assert ok.exit_code == 0 and "evidence/survey_answers.csv: 1 rows, 1 bad rows skipped" in ok.stdout
    audited = run_cli("audit", base_repo, "--skip-bad-rows", "--format", "json", "--fail-on", "never")
    assert audited.exit_code == 0 and "1 bad rows skipped" in audited.stderr


def test_schema_evidence_exports_the_contracts(run_cli) -> None:
    result = run_cli("schema", "evidence")
    data = json.loads(result.stdout)
    assert result.exit_code == 0 and "survey_answers" in data["files"]
    columns = {c["name"]: c for c in data["files"]["survey_answers"]["columns"]}
    assert columns["question"]["allowed"] == ["ease", "csat", "nps", "nps_digital", "phone_csat"]


def test_non_ascii_digits_are_not_grades() -> None:
    assert grade("²", "ease") == "'²' is not a grade of 'ease' (expected 1–4 or its label)"
    assert isinstance(grade("٣", "nps"), str)
