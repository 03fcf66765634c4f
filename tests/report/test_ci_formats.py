"""The CI formats written together by the CLI, and their golden files for the minimal repository (the weak example's
are in test_sarif.py, test_junit.py and test_markdown.py)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, apply_patches

FAILED = ("fail", "error")


def outputs(run_cli, repo: Path, tmp_path: Path, lang: str = "en", *extra: str) -> dict[str, str]:
    names = {"json": "r.json", "sarif": "r.sarif", "junit": "r.xml", "markdown": "r.md"}
    args = [a for fmt, name in names.items() for a in ("-o", f"{fmt}={tmp_path / name}")]
    result = run_cli("audit", repo, "--fail-on", "never", "--lang", lang, *args, *extra)
    assert result.exit_code == 0, result.stderr
    return {fmt: (tmp_path / name).read_text("utf-8") for fmt, name in names.items()}


def test_the_cli_writes_the_formats_together(run_cli, tmp_path: Path) -> None:
    out = outputs(run_cli, EXAMPLES / "zarechensk-admin", tmp_path)
    report, sarif = json.loads(out["json"]), json.loads(out["sarif"])
    failing = {f["fingerprint"] for f in report["findings"] if f["status"] in FAILED}
    results = sarif["runs"][0]["results"]
    assert {r["partialFingerprints"]["ccauditStructural/v1"] for r in results if "suppressions" not in r} == failing
    root = ET.fromstring(out["junit"])
    assert int(root.get("failures")) + int(root.get("errors")) <= len(failing)
    errors = sum(1 for f in report["findings"] if f["status"] in FAILED and f["severity"] == "error")
    assert f"### Errors ({errors})" in out["markdown"]


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_golden_files_of_the_minimal_repository(run_cli, base_repo: Path, tmp_path: Path, golden, lang: str) -> None:
    apply_patches(base_repo, {"contact_points/call-center.yaml": {"hours": {"weekly": [
        {"days": ["mon", "tue", "wed", "thu", "fri"], "open": "09:00", "close": "18:00"}]}}})
    out = outputs(run_cli, base_repo, tmp_path, lang, "--clause", "4.6.3.*")  # the phone rules keep the files small
    assert str(tmp_path) not in "".join(out.values()) and str(base_repo) not in "".join(out.values())
    for fmt, suffix in (("sarif", "sarif"), ("junit", "xml"), ("markdown", "md"), ("json", "json")):
        golden(f"base.{lang}.{suffix}", out[fmt])
