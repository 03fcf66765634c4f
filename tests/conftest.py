"""Shared fixtures: example repositories copied to tmp_path, a CLI runner, a fixed clock."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
BASE = ROOT / "tests" / "rules" / "base"
TODAY = date(2026, 11, 23)
"""The clock every test uses; the examples audit 2026-Q3, so as_of is 2026-09-30."""


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7396 JSON merge patch: mappings merge, null deletes, anything else replaces."""
    if not isinstance(patch, Mapping):
        return patch
    result = dict(target) if isinstance(target, Mapping) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


def apply_patches(root: Path, patches: Mapping[str, Any]) -> None:
    """Merge each file's patch over the YAML file at root/<path> (created when absent); a string is the whole file."""
    for rel, patch in patches.items():
        path = root / rel
        if isinstance(patch, str):  # an evidence CSV (or any text file) is written as given
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(patch, "utf-8")
            continue
        current = yaml.safe_load(path.read_text("utf-8")) if path.exists() else {}
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(yaml.safe_dump(merge_patch(current or {}, patch), allow_unicode=True, sort_keys=False), "utf-8")


@pytest.fixture
def base_repo(tmp_path: Path) -> Path:
    """A copy of the minimal valid repository of tests/rules/base."""
    target = tmp_path / "repo"
    shutil.copytree(BASE, target)
    return target


@pytest.fixture
def example_repo(tmp_path: Path) -> Callable[[str], Path]:
    """Copy examples/<name> to tmp_path and return the copy's path."""

    def copy(name: str) -> Path:
        target = tmp_path / name
        shutil.copytree(EXAMPLES / name, target)
        return target

    return copy


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Any]:
    """Invoke the CLI in-process with a fixed width and no colour."""
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    from ccaudit.cli import app

    runner = CliRunner()

    def run(*args: str) -> Any:
        return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)

    return run


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="Rewrite tests/report/golden/ from the current output.")


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compare a rendered text with tests/report/golden/NAME byte for byte (or rewrite it with --update-golden)."""
    folder = ROOT / "tests" / "report" / "golden"

    def check(name: str, text: str) -> None:
        path = folder / name
        if request.config.getoption("--update-golden"):
            folder.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")
            return
        assert path.exists(), f"no golden file {path.name}: run pytest --update-golden"
        assert text == path.read_text("utf-8"), f"{name} differs from its golden file (pytest --update-golden after review)"

    return check
