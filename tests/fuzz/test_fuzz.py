"""Fuzzing: generated declarations (valid and nearly valid), evidence rows and texts end in a result or a clean input
error (InputErrors, exit 2), never another exception. `make fuzz` runs 10,000 examples of each; `make test` runs a few
hundred (CCAUDIT_FUZZ_EXAMPLES sets the number)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccaudit.evidence import load_evidence
from ccaudit.model.declaration import CONTACT_POINT_KINDS, load_declaration
from ccaudit.model.errors import InputErrors
from ccaudit.text import analyse
from tests.conftest import BASE

EXAMPLES = int(os.environ.get("CCAUDIT_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
WORK = Path(tempfile.mkdtemp(prefix="ccaudit-fuzz-"))
REPO = WORK / "repo"
shutil.copytree(BASE, REPO)

TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
SCALAR = st.one_of(TEXT, st.integers(-10**6, 10**6), st.booleans(), st.none(), st.floats(allow_nan=False),
                   st.sampled_from(["no", "on", "9:30", "0123", "2026-13-01", "ls-1", "svc-1", "24x7", "mon", ""]))
VALUE = st.recursive(SCALAR, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                     st.dictionaries(st.sampled_from(["id", "kind", "title", "days", "open", "close", "weekly",
                                                                                      "steps", "text", "file", "url"]), inner, max_size=4)),
                     max_leaves=12)
FIELDS = st.sampled_from(["title", "url", "hours", "scripts", "life_situation_ids", "segment_profile_ids", "callback", "phone",
                          "answer_templates", "description", "capabilities", "offhours_channel_id", "knowledge_base", "unknown_field"])


@st.composite
def contact_point(draw: st.DrawFn) -> str:
    data = {"id": draw(st.one_of(st.just("fuzz"), TEXT)), "kind": draw(st.one_of(st.sampled_from(CONTACT_POINT_KINDS), TEXT)),
            "title": draw(st.one_of(st.just("Точка"), SCALAR))}
    data.update(draw(st.dictionaries(FIELDS, VALUE, max_size=5)))
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    for _ in range(draw(st.integers(0, 3))):  # nearly valid: a character inserted or removed somewhere
        pos = draw(st.integers(0, max(len(text) - 1, 0)))
        if draw(st.booleans()):
            text = text[:pos] + draw(st.sampled_from(["\t", ":", "'", '"', "[", "{", "-", "&a", "*a", "!!python/name:x", "\x00", "\n  "])) + text[pos:]
        else:
            text = text[:pos] + text[pos + 1:]
    return text


@FUZZ
@given(contact_point())
def test_declarations_load_or_fail_cleanly(text: str) -> None:
    (REPO / "contact_points" / "fuzz.yaml").write_text(text, "utf-8")
    try:
        load_declaration(REPO)
    except InputErrors as exc:
        assert exc.errors and all(e.message for e in exc.errors)


CELLS = st.one_of(st.sampled_from(["", "2026-08-01", "2026-08-01T10:00:00+03:00", "2026-07-01T00:30", "31.02.2026", "ease", "csat",
                                   "nps", "Легко", "УДОВЛЕТВОРЁН", "Затрудняюсь ответить", "11", "-1", "svc-1", "portal",
                                   "+7 912 345-67-89", '"', "a,b", "\n"]), TEXT.filter(lambda s: "\x00" not in s))
HEADER = "answer_id,answered_at,question,value,service_id,life_situation_id,contact_point_id,request_id"


@FUZZ
@given(st.lists(st.lists(CELLS, min_size=6, max_size=10), max_size=8), st.booleans())
def test_evidence_rows_load_or_fail_cleanly(rows: list[list[str]], skip: bool) -> None:
    evidence = REPO / "evidence"
    evidence.mkdir(exist_ok=True)
    body = "\n".join(",".join(cells) for cells in rows)
    (evidence / "survey_answers.csv").write_text(HEADER + "\n" + body + "\n", "utf-8")
    loaded, errors = load_evidence(REPO, "Europe/Moscow", skip_bad_rows=skip)
    assert errors or "survey_answers" in loaded.files
    for error in errors:
        assert error.at.path.startswith("evidence/") and error.message


@FUZZ
@given(st.text(max_size=400), st.sampled_from(["plain", "markdown", "html"]))
def test_text_analysis_never_fails(text: str, fmt: str) -> None:
    result = analyse(text, fmt=fmt)
    for defect in result.defects:
        assert 0 <= defect.start <= defect.end <= len(text)
