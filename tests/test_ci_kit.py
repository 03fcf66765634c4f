"""The CI kit is consistent with the tool: hooks and the action call commands and formats that exist."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ccaudit.cli import app
from ccaudit.report import REPORTERS

ROOT = Path(__file__).resolve().parents[1]


def test_pre_commit_hooks_call_existing_commands() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    commands = {c.name or c.callback.__name__ for c in app.registered_commands}  # type: ignore[union-attr]
    assert {h["id"] for h in hooks} == {"ccaudit-validate", "ccaudit-audit"}
    for hook in hooks:
        program, command, *_ = hook["entry"].split()
        assert program == "ccaudit" and command in commands and re.compile(hook["files"])


def test_action_and_ci_docs_use_existing_formats() -> None:
    action = (ROOT / "action.yml").read_text("utf-8")
    yaml.safe_load(action)
    docs = (ROOT / "docs" / "ci.md").read_text("utf-8")
    used = set(re.findall(r"-o ([a-z]+)=", action + docs))
    assert used and used <= set(REPORTERS), used - set(REPORTERS)
