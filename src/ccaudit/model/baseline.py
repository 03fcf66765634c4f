"""Baselines: the failures an agency has accepted for now, by structural fingerprint (AuditResult.fingerprints).

A baseline file is JSON: {"ccaudit_baseline": 1, "findings": [{"fingerprint", "rule", "item", "path"}, …]}; the rule,
item and path are there for people reading the file. A canonical JSON report (`--format json`) is accepted as a
baseline too: its failing findings are the accepted ones.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ccaudit.model.errors import InputError, InputErrors
from ccaudit.model.location import Location
from ccaudit.model.result import AuditResult

BASELINE_VERSION = 1
FAILED = ("fail", "error")


def load_baseline(path: Path) -> frozenset[str]:
    """The fingerprints of a baseline file or JSON report; InputErrors (exit 2) with file:line:col otherwise."""
    where = str(path)
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        raise InputErrors([InputError(Location(where), "baseline file not found",
                                      "write one with --update-baseline, or give the path of an earlier JSON report")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputErrors([InputError(Location(where), f"cannot read the baseline: {exc}", "save it as UTF-8 JSON")]) from None
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputErrors([InputError(Location(where, exc.lineno, exc.colno), f"not JSON: {exc.msg}",
                                      "regenerate it with --update-baseline")]) from None
    if isinstance(data, dict) and data.get("ccaudit_baseline") == BASELINE_VERSION and isinstance(data.get("findings"), list):
        prints = [e.get("fingerprint") for e in data["findings"] if isinstance(e, dict)]
    elif isinstance(data, dict) and data.get("schema_version") == 1 and isinstance(data.get("findings"), list):
        prints = [f.get("fingerprint") for f in data["findings"] if isinstance(f, dict) and f.get("status") in FAILED]
    else:
        raise InputErrors([InputError(Location(where, 1, 1), "not a ccaudit baseline or JSON report",
                                      'a baseline starts with {"ccaudit_baseline": 1, "findings": [...]}; '
                                      "write one with --update-baseline")])
    if not all(isinstance(p, str) and p for p in prints):
        raise InputErrors([InputError(Location(where, 1, 1), "an entry has no fingerprint",
                                      "regenerate the baseline with --update-baseline (reports older than ccaudit 0.2 have none)")])
    return frozenset(prints)  # type: ignore[arg-type]


def baseline_text(result: AuditResult) -> str:
    """The current failures as a baseline file, sorted, byte-identical for the same audit."""
    entries = sorted(({"fingerprint": fp, "rule": f.rule_id, "item": str(f.item), "path": f.location.path}
                      for f, fp in zip(result.findings, result.fingerprints(), strict=True) if f.failed),
                     key=lambda e: (e["path"], e["rule"], e["item"], e["fingerprint"]))
    return json.dumps({"ccaudit_baseline": BASELINE_VERSION, "findings": entries}, ensure_ascii=False, indent=2) + "\n"
