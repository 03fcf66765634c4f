"""The bad-input corpus (issue 9): every broken repository or file gives its exact message (`path:line:col: error:`
and a hint) and exit 2, never a traceback, and writes nothing."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import BASE
from tests.hardening.cases import CASES

EXPECTED_FILE = Path(__file__).parent / "expected.yaml"
EXPECTED = yaml.safe_load(EXPECTED_FILE.read_text("utf-8")) if EXPECTED_FILE.exists() else {}
SEEN: dict[str, dict[str, object]] = {}


def build(root: Path, files: dict[str, object]) -> Path:
    repo = root / "repo"
    shutil.copytree(BASE, repo)
    for rel, content in files.items():
        path = repo / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()
        if content is None:
            continue
        if isinstance(content, tuple) and content[0] == "dir":
            path.mkdir()
        elif isinstance(content, tuple) and content[0] == "symlink":
            os.symlink(content[1], path)
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(str(content), "utf-8")
    return repo


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 60


@pytest.mark.parametrize(("case", "command", "files"), CASES, ids=[c[0] for c in CASES])
def test_bad_input(run_cli, tmp_path: Path, request: pytest.FixtureRequest, case: str, command: str, files: dict) -> None:
    repo = build(tmp_path, files)
    out = tmp_path / "out" / "report.json"
    args = ["audit", repo, "--baseline", repo / "baseline.json", "-o", f"json={out}"] if command == "audit" else [command, repo]
    result = run_cli(*args)
    stderr = result.stderr.replace(str(repo), "REPO").replace(str(tmp_path), "TMP")
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    assert result.exit_code == 2, (result.exit_code, stderr)
    assert not out.exists() and not (tmp_path / "out").exists()
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert lines and (": error:" in lines[0] or lines[0].startswith("Usage")), lines[0]
    if request.config.getoption("--update-golden"):
        SEEN[case] = {"exit": result.exit_code, "stderr": stderr}
        EXPECTED.update(SEEN)
        EXPECTED_FILE.write_text(yaml.safe_dump(dict(sorted(EXPECTED.items())), allow_unicode=True, sort_keys=False, width=200), "utf-8")
        return
    assert case in EXPECTED, f"no expected message for {case}: run pytest tests/hardening --update-golden and review"
    assert stderr == EXPECTED[case]["stderr"]
