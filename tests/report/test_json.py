"""The canonical JSON report: valid against docs/report.schema.json, deterministic, paths relative."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from jsonschema import Draft202012Validator

from ccaudit.audit import run_audit
from ccaudit.report import REPORTERS
from tests.conftest import ROOT, TODAY

SCHEMA = json.loads((ROOT / "docs" / "report.schema.json").read_text("utf-8"))


def test_report_matches_its_schema_in_both_languages(base_repo: Path) -> None:
    result = run_audit(base_repo, today=TODAY)
    for lang in ("ru", "en"):
        document = json.loads(REPORTERS["json"].render(result, lang))
        Draft202012Validator(SCHEMA).validate(document)
        assert document["lang"] == lang


def test_paths_are_repository_relative_and_findings_sorted(base_repo: Path) -> None:
    document = json.loads(REPORTERS["json"].render(run_audit(base_repo, today=TODAY), "en"))
    paths = [f["location"]["path"] for f in document["findings"]]
    assert all(not p.startswith("/") and str(base_repo) not in p for p in paths)
    keys = [(f["location"]["path"], f["location"]["line"] or 0, f["location"]["col"] or 0, f["rule"]) for f in document["findings"]]
    assert keys == sorted(keys)


def test_english_messages_come_from_the_rules(base_repo: Path) -> None:
    document = json.loads(REPORTERS["json"].render(run_audit(base_repo, today=TODAY), "en"))
    finding = next(f for f in document["findings"] if f["rule"] == "4.5.3.3")
    assert finding["message"] == "No points of contact are declared for withdrawing consent: withdrawal_channels"


def test_every_reporter_renders(base_repo: Path) -> None:
    result = run_audit(base_repo, today=TODAY)
    for name, reporter in REPORTERS.items():
        for lang in ("ru", "en"):
            text = reporter.render(result, lang)
            assert text.endswith("\n") and len(text) > 200, name


def test_output_is_byte_identical_across_hash_seeds_and_runs(base_repo: Path) -> None:
    code = ("import sys; from datetime import date; from pathlib import Path; from ccaudit.audit import run_audit; "
            "from ccaudit.report import REPORTERS; r = run_audit(Path(sys.argv[1]), today=date(2026, 11, 23)); "
            "sys.stdout.write(REPORTERS['json'].render(r, 'ru') + REPORTERS['terminal'].render(r, 'en'))")
    outputs = set()
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", code, str(base_repo)], capture_output=True, env=env, check=True)
        outputs.add(done.stdout)
    assert len(outputs) == 1
