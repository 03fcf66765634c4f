"""Reading the text-analysis data of rules/text/ (coefficients, profiles, lexicons), validated at load time."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from ccaudit.model.bundled import rules_dir
from ccaudit.model.errors import InputErrors
from ccaudit.model.schema import load_schema, validate
from ccaudit.model.yamlio import load_yaml

TEXT_DIR = "text"


def text_dir() -> Path:
    return rules_dir() / TEXT_DIR


@cache
def load(rel: str, schema: str = "text_data") -> Any:
    """A data file of rules/text/, checked against its schema; a broken file is an InputErrors at path:line:col."""
    base = text_dir()
    doc = load_yaml(base, rel)
    errors = list(validate(doc.data, load_schema(schema), doc.smap))
    if errors:
        raise InputErrors(errors)
    return doc.data


def lexicon_files() -> list[str]:
    return sorted(f"lexicons/{p.name}" for p in (text_dir() / "lexicons").glob("*.yaml"))
