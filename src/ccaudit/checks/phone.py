"""Checks for 4.6.3: call-centre scripts and robotic voice assistants."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ccaudit.engine.registry import CheckContext, check
from ccaudit.model.declaration import Declaration, Item
from ccaudit.model.rule import Text
from ccaudit.model.finding import Outcome, Problem

QUESTION_STEPS = ("clarify", "needs_clarify", "purpose")
_TIME = re.compile(r"\b([01]?[0-9]|2[0-4])[:.]([0-5][0-9])\b")


def step_text(declaration: Declaration, step: dict[str, Any]) -> str:
    return declaration.text_of(step) or ""


@check("call_center.scripts_both_directions")
def scripts_both_directions(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.3.6: scripts exist for incoming and for outgoing calls."""
    directions = {s.get("direction") for s in item.get("scripts") or []}
    missing = [d for d in ("inbound", "outbound") if d not in directions]
    if missing:
        yield Problem(item.at("scripts"), {"missing": missing})


@check("call_center.scripts_have_step", params={"properties": {"kinds": {"type": "array", "minItems": 1, "items": {"type": "string"}}},
                                                "required": ["kinds"]})
def scripts_have_step(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """Every script has a step of one of the given kinds (4.6.3.9: actions on insults and obscene language)."""
    kinds = set(ctx.params["kinds"])
    scripts = item.get("scripts") or []
    if not scripts:
        yield Problem(item.at(), {"scripts": "—"})
        return
    missing = [(i, s.get("id")) for i, s in enumerate(scripts) if not any(st.get("kind") in kinds for st in s.get("steps") or [])]
    if missing:
        yield Problem(item.at(f"scripts/{missing[0][0]}"), {"scripts": [sid for _, sid in missing]})


@check("call_center.clarifying_questions")
def clarifying_questions(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.3.5: every script finds out the need with leading questions: a clarifying step that asks a question."""
    scripts = item.get("scripts") or []
    if not scripts:
        yield Problem(item.at(), {"reason": Text("скрипты не заявлены", "no scripts are declared")}, Outcome.NO_DATA)
        return
    for i, script in enumerate(scripts):
        asks = any(st.get("kind") in QUESTION_STEPS and "?" in step_text(ctx.declaration, st) for st in script.get("steps") or [])
        if not asks:
            yield Problem(item.at(f"scripts/{i}"), {"script": script.get("id")})


@check("call_center.answers_from_faq")
def answers_from_faq(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.3.4: answers in scripts rest on prepared typical questions and answers (each answer step names its FAQ)."""
    missing = []
    first = None
    for i, script in enumerate(item.get("scripts") or []):
        for j, step in enumerate(script.get("steps") or []):
            if step.get("kind") == "answer" and not step.get("faq_id"):
                missing.append(f"{script.get('id')}#{j + 1}")
                first = first or f"scripts/{i}/steps/{j}"
    if missing:
        yield Problem(item.at(first or "scripts"), {"steps": missing})


def _times(hours: Any) -> list[str]:
    if not isinstance(hours, dict):
        return []
    found = []
    for period in hours.get("weekly") or []:
        for key in ("open", "close"):
            value = period.get(key)
            if isinstance(value, str) and value not in found:
                found.append(value)
    return found


@check("voice_assistant.prompt_states_hours")
def prompt_states_hours(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.3.11: a prompt tells the working hours of the staff, matching the hours of the line it serves."""
    prompts = [p for p in item.get("prompts") or [] if p.get("kind") == "staff_hours"]
    if not prompts:
        yield Problem(item.at("prompts"), {"missing": "staff_hours"})
        return
    text = " ".join(ctx.declaration.text_of(p) or "" for p in prompts)
    said = {f"{int(h):02d}:{m}" for h, m in _TIME.findall(text)}
    lines = [ctx.declaration.find("contact_point", ref) for ref in item.get("serves") or []]
    expected = [t for line in lines if line is not None and line.contact_kind == "call_center" for t in _times(line.get("hours"))]
    if not said:
        yield Problem(item.at("prompts"), {"missing": "HH:MM"})
        return
    missing = [t for t in expected if t not in said and not (t == "24:00" and "00:00" in said)]
    if missing:
        yield Problem(item.at("prompts"), {"missing": missing})
