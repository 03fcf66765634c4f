"""Docs that are generated from the code are current, and the README keeps its promises."""

from __future__ import annotations

import importlib.util

import pytest

from tests.conftest import ROOT

spec = importlib.util.spec_from_file_location("gen_docs", ROOT / "tools" / "gen_docs.py")
gen_docs = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
spec.loader.exec_module(gen_docs)  # type: ignore[union-attr]


@pytest.mark.parametrize("name", sorted(gen_docs.PAGES))
def test_generated_page_is_current(name: str) -> None:
    assert (ROOT / "docs" / name).read_text("utf-8") == gen_docs.PAGES[name](), f"run `make docs` to refresh docs/{name}"


def test_readme_starts_with_the_two_commands() -> None:
    head = (ROOT / "README.md").read_text("utf-8")[:1500]
    assert "make demo" in head and "make test" in head


def test_ci_runs_the_readme_test_command() -> None:
    assert "make test" in (ROOT / ".ci" / "run").read_text("utf-8")
