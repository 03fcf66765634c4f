"""`ccaudit init`: a scaffold that validates and audits, in Russian, and never overwrites."""

from __future__ import annotations

import json
from pathlib import Path

from ccaudit.model.declaration import CONTACT_POINT_KINDS


def test_scaffold_with_every_kind_validates_and_audits_without_errors(run_cli, tmp_path: Path) -> None:
    target = tmp_path / "repo"
    result = run_cli("init", target, "--agency-name", "Министерство труда Энской области", "--kinds", ",".join(CONTACT_POINT_KINDS))
    assert result.exit_code == 0, result.stderr
    assert run_cli("validate", target).exit_code == 0
    audit = run_cli("audit", target, "--format", "json", "--fail-on", "never")
    report = json.loads(audit.stdout)
    assert audit.exit_code == 0 and report["summary"]["counts"]["error"] == 0
    assert {p["kind"] for p in report["points_of_contact"]} == set(CONTACT_POINT_KINDS)
    config = (target / "ccaudit.yaml").read_text("utf-8")
    assert config.startswith("# yaml-language-server: $schema=.schemas/config.schema.json") and "Часовой пояс" in config
    assert json.loads((target / ".schemas" / "contact_point.schema.json").read_text("utf-8"))["title"]
    assert (target / "evidence" / "calls.csv").read_text("utf-8").startswith("call_id,contact_point_id,offered_at")
    assert "agency" in (target / "declarations" / "agency.yaml").read_text("utf-8")  # no Latin in the name → "agency"


def test_refuses_to_overwrite_and_bad_kinds(run_cli, tmp_path: Path) -> None:
    target = tmp_path / "repo"
    (target / "declarations").mkdir(parents=True)
    (target / "declarations" / "agency.yaml").write_text("# своё\n", "utf-8")
    result = run_cli("init", target)
    assert result.exit_code == 2 and "would overwrite declarations/agency.yaml" in result.stderr
    assert (target / "declarations" / "agency.yaml").read_text("utf-8") == "# своё\n"
    assert not (target / "ccaudit.yaml").exists()
    bad = run_cli("init", tmp_path / "other", "--kinds", "portal,fax")
    assert bad.exit_code == 2 and "unknown kind(s) fax" in bad.stderr and not (tmp_path / "other").exists()
    file = tmp_path / "file"
    file.write_text("x", "utf-8")
    assert "is a file, not a directory" in run_cli("init", file).stderr
