"""The wheel ships rules/ and the JSON Schemas; an installed ccaudit works outside the checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.mark.slow
def test_wheel_contains_rules_and_schemas_and_runs_from_elsewhere(tmp_path: Path) -> None:
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
                            "--disable-pip-version-check", "-w", str(tmp_path / "dist"), str(ROOT)],
                           capture_output=True, text=True, check=False)
    assert built.returncode == 0, built.stderr
    wheel = next((tmp_path / "dist").glob("ccaudit-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "ccaudit/rules/standard/pack.yaml" in names and "ccaudit/rules/standard/scale.yaml" in names
    assert "ccaudit/model/schemas/contact_point.schema.json" in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = ("import sys; sys.path.insert(0, sys.argv[1]); "
            "from ccaudit.engine.packs import rules_dir; from ccaudit.cli import main; "
            "assert rules_dir().is_relative_to(sys.argv[1]), rules_dir(); "
            "sys.argv = ['ccaudit', 'rules', 'show', '4.6.3.9']; main()")
    ran = subprocess.run([sys.executable, "-I", "-c", code, str(site)], cwd=elsewhere, capture_output=True, text=True,
                         check=False)
    assert ran.returncode == 0, ran.stderr
    assert "clause:     4.6.3.9 (standard)" in ran.stdout
