"""The command line: exit codes 0/1/2/3, error text, nothing written on failure, help with examples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ccaudit import __version__
from ccaudit.model.schema import SCHEMA_NAMES


def test_version(run_cli) -> None:
    result = run_cli("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"ccaudit {__version__}"


def test_audit_base_fails_on_errors_and_passes_with_never(run_cli, base_repo: Path) -> None:
    assert run_cli("audit", base_repo).exit_code == 1
    assert run_cli("audit", base_repo, "--fail-on", "never").exit_code == 0


def test_fail_under(run_cli, base_repo: Path) -> None:
    result = run_cli("audit", base_repo, "--fail-on", "never", "--fail-under", "1")
    assert result.exit_code == 1  # the minimal repository is below 1★


def test_json_to_stdout_is_the_canonical_report(run_cli, base_repo: Path) -> None:
    result = run_cli("audit", base_repo, "--format", "json", "--fail-on", "never")
    report = json.loads(result.stdout)
    assert report["schema_version"] == 1 and report["agency"]["id"] == "base"
    assert {p["kind"] for p in report["points_of_contact"]} == {
        "portal", "mobile_app", "call_center", "voice_assistant", "written", "social", "chatbot", "in_person",
        "one_window", "long_stay"}


def test_output_file_is_written_atomically(run_cli, base_repo: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.json"
    result = run_cli("audit", base_repo, "--format", "json", "--output", target, "--fail-on", "never")
    assert result.exit_code == 0 and json.loads(target.read_text("utf-8"))["schema_version"] == 1
    assert [p.name for p in target.parent.iterdir()] == ["report.json"]  # no temporary file left behind


def test_bad_input_exits_2_with_location_and_writes_nothing(run_cli, base_repo: Path, tmp_path: Path) -> None:
    (base_repo / "contact_points" / "in-person.yaml").write_text(
        "id: in-person\nkind: in_person\ntitle: Приёмная\nhours:\n  weekly:\n    - {days: [mon], open: '09:00', close: 18:00}\n",
        encoding="utf-8")
    target = tmp_path / "report.json"
    result = run_cli("audit", base_repo, "--format", "json", "--output", target)
    assert result.exit_code == 2
    assert "contact_points/in-person.yaml:6:43: error: unquoted '18:00'" in result.stderr
    assert '  hint: quote times and durations: "18:00"' in result.stderr
    assert "Traceback" not in result.output and not target.exists()


def test_missing_path_is_bad_input(run_cli, tmp_path: Path) -> None:
    result = run_cli("audit", tmp_path / "nowhere")
    assert result.exit_code == 2 and "does not exist" in result.stderr


def test_usage_error_is_exit_2(run_cli, base_repo: Path) -> None:
    assert run_cli("audit", base_repo, "--format", "pdf").exit_code == 2
    assert run_cli("audit", base_repo, "--period", "2026-5").exit_code == 2


def test_internal_error_is_exit_3_without_traceback_unless_debug(run_cli, base_repo: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import ccaudit.audit as cli

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("bug")

    monkeypatch.setattr(cli, "run_audit", broken)
    result = run_cli("audit", base_repo)
    assert result.exit_code == 3 and "internal error, please report" in result.stderr
    assert "Traceback" not in result.stderr
    debug = run_cli("--debug", "audit", base_repo)
    assert debug.exit_code == 3 and "RuntimeError: bug" in debug.stderr


def test_validate(run_cli, base_repo: Path) -> None:
    result = run_cli("validate", base_repo)
    assert result.exit_code == 0 and result.stdout.startswith("ok: 3 declaration files, 10 points of contact")


@pytest.mark.parametrize("kind", SCHEMA_NAMES)
def test_schema_prints_valid_json(run_cli, kind: str) -> None:
    result = run_cli("schema", kind)
    assert result.exit_code == 0 and json.loads(result.stdout)["$schema"].endswith("2020-12/schema")


def test_unknown_schema_kind(run_cli) -> None:
    assert run_cli("schema", "agency").exit_code == 2


def test_rules_show_and_list(run_cli) -> None:
    shown = run_cli("rules", "show", "4.6.3.9", "--lang", "en")
    assert shown.exit_code == 0 and "clause:     4.6.3.9 (standard)" in shown.stdout and "example (fail):" in shown.stdout
    missing = run_cli("rules", "show", "4.6.3.99")
    assert missing.exit_code == 2 and "did you mean" in missing.stderr
    listed = run_cli("rules", "list", "--format", "json")
    assert listed.exit_code == 0 and any(r["id"] == "4.6.1.3-a" for r in json.loads(listed.stdout))


def test_config_shows_sources(run_cli, base_repo: Path) -> None:
    result = run_cli("config", base_repo)
    assert result.exit_code == 0 and "ccaudit.yaml:2:9" in result.stdout and "period" in result.stdout


@pytest.mark.parametrize("command", [["audit"], ["validate"], ["schema"], ["config"], ["metrics"], ["text"], ["init"], ["diff"], ["snapshot"], ["rules", "list"], ["rules", "show"]])
def test_every_command_has_help_with_an_example(run_cli, command: list[str]) -> None:
    result = run_cli(*command, "--help")
    assert result.exit_code == 0 and "Example" in result.stdout


def test_importing_the_cli_does_not_import_pandas() -> None:
    import subprocess
    import sys

    code = "import sys, ccaudit.cli, ccaudit.audit; sys.exit('pandas' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_waiver_on_a_gate_rule_is_an_error(run_cli, base_repo: Path) -> None:
    (base_repo / "waivers.yaml").write_text(
        "waivers:\n  - rule: 4.5.3.3\n    justification: Отзыв согласия появится в следующем релизе\n"
        "    approved_by: Зам. министра\n    expires: 2026-12-31\n", encoding="utf-8")
    result = run_cli("audit", base_repo)
    assert result.exit_code == 2
    assert "waivers.yaml:2:5: error: rule '4.5.3.3' is a gate and cannot be waived" in result.stderr


def test_unknown_rule_in_a_waiver_and_attestation_of_a_checked_rule(run_cli, base_repo: Path) -> None:
    (base_repo / "waivers.yaml").write_text(
        "waivers:\n  - rule: 4.6.9.22\n    justification: Решение будет принято после ремонта\n"
        "    approved_by: Зам. министра\n    expires: 2026-12-31\n", encoding="utf-8")
    (base_repo / "attestations.yaml").write_text(
        "attestations:\n  - rule: 4.6.9.2\n    attested_by: И. И. Петров\n    attested_on: 2026-09-01\n"
        "    document_ref: Протокол № 7\n    expires: 2027-09-01\n", encoding="utf-8")
    result = run_cli("audit", base_repo)
    assert result.exit_code == 2
    assert ("attestations.yaml:2:5: error: rule '4.6.9.2' is checked by ccaudit and cannot be attested" in result.stderr)
    assert "waivers.yaml:2:5: error: waiver names unknown rule '4.6.9.22'\n  hint: did you mean '4.6.9.2'?" in result.stderr


def test_rules_coverage_and_selection(run_cli) -> None:
    text = run_cli("rules", "coverage", "--clause", "4.6.3.*")
    assert text.exit_code == 0 and "4.6.3.9" in text.stdout and "42 rows:" in text.stdout
    data = json.loads(run_cli("rules", "coverage", "--format", "json").stdout)
    assert data["summary"]["rows"] == 467
    listed = json.loads(run_cli("rules", "list", "--kind", "voice_assistant", "--format", "json").stdout)
    assert {r["id"] for r in listed} >= {"4.6.3.10-a", "4.6.6.1"}
    assert run_cli("rules", "list", "--kind", "voice").exit_code == 2


def test_audit_with_clause_runs_only_those_rules(run_cli, base_repo: Path) -> None:
    result = run_cli("audit", base_repo, "--clause", "4.6.3.*", "--format", "json", "--fail-on", "never")
    report = json.loads(result.stdout)
    assert report["selection"]["clause"] == "4.6.3.*"
    assert {f["rule"] for f in report["findings"]} <= {r for r in report_rules(run_cli) if r.startswith("4.6.3.")}


def report_rules(run_cli) -> set[str]:
    return {r["id"] for r in json.loads(run_cli("rules", "list", "--format", "json").stdout)}


def test_several_outputs_in_one_run_and_the_terminal_table_on_stdout(run_cli, base_repo: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a" / "report.json", tmp_path / "report.txt"
    result = run_cli("audit", base_repo, "--fail-on", "never", "-o", f"json={first}", "--output", f"terminal={second}")
    assert result.exit_code == 0 and "ccaudit" in result.stdout  # stdout still shows the table
    assert json.loads(first.read_text("utf-8"))["schema_version"] == 1
    assert second.read_text("utf-8").startswith("ccaudit ")
    assert f"wrote {first}" in result.stderr and f"wrote {second}" in result.stderr


@pytest.mark.parametrize(("value", "message"), [
    ("pdf=report.pdf", "unknown format 'pdf'"),
    ("json=", "no file name"),
])
def test_bad_output_values_are_usage_errors(run_cli, base_repo: Path, value: str, message: str) -> None:
    result = run_cli("audit", base_repo, "-o", value)
    assert result.exit_code == 2 and message in result.stderr


def test_two_outputs_to_one_file_and_a_failing_renderer_write_nothing(run_cli, base_repo: Path, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "r.json"
    assert run_cli("audit", base_repo, "-o", f"json={target}", "-o", f"terminal={target}").exit_code == 2
    from ccaudit.report import REPORTERS

    keep = tmp_path / "old.json"
    keep.write_text("earlier report", "utf-8")

    def broken(result, lang):  # type: ignore[no-untyped-def]
        raise RuntimeError("renderer bug")

    monkeypatch.setattr(REPORTERS["terminal"], "render", broken)
    result = run_cli("audit", base_repo, "--fail-on", "never", "-o", f"json={keep}", "-o", f"terminal={tmp_path / 'new.txt'}")
    assert result.exit_code == 3 and keep.read_text("utf-8") == "earlier report" and not (tmp_path / "new.txt").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
