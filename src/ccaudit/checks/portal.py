"""Checks for 4.6.1 (portals) and 4.6.2 (mobile apps)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from ccaudit.checks.common import is_24x7
from ccaudit.engine.registry import CheckContext, check
from ccaudit.model.declaration import OFFLINE_KINDS, Item
from ccaudit.model.finding import Outcome, Problem
from ccaudit.model.rule import Text

ASSISTANT_KINDS = ("chatbot", "voice_assistant")
_CODE_WORDS = re.compile(r"(?i)\b(ошибка|error|код|code|err|exception|исключение|статус|status)\b")
_WORD = re.compile(r"[A-Za-zА-Яа-яЁё]{3,}")


def only_code(text: str, code: str | None) -> bool:
    """True when a message says nothing beyond a system code (4.6.1.8: «Недопустимо указание только системных кодов»)."""
    rest = text.replace(code, " ") if code else text
    rest = _CODE_WORDS.sub(" ", rest)
    rest = re.sub(r"\b(?=\w*\d)\w+\b", " ", rest)  # tokens containing digits are codes: 0x80070005, E-1024
    return len(_WORD.findall(rest)) < 2


@check("portal.assistant_declared")
def assistant_declared(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.4: the portal offers a personal virtual assistant, declared as a chatbot or voice_assistant point."""
    ref = item.get("virtual_assistant_id")
    target = ctx.declaration.find("contact_point", ref) if ref else None
    if target is None or target.contact_kind not in ASSISTANT_KINDS:
        yield Problem(item.at("virtual_assistant_id"),
                      {"assistant": ref or "—", "kind": target.contact_kind if target else "—"})


@check("portal.assistant_around_the_clock")
def assistant_around_the_clock(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.4: the portal's virtual assistant works around the clock without breaks."""
    ref = item.get("virtual_assistant_id")
    target = ctx.declaration.find("contact_point", ref) if ref else None
    if target is None:
        yield Problem(item.at("virtual_assistant_id"), {"assistant": "—"})
    elif not is_24x7(target.get("hours")):
        yield Problem(target.at("hours"), {"assistant": target.ref.id})


def _judge_messages(item: Item, fails: Callable[[str, Any], bool]) -> Iterator[Problem]:
    """A problem for every declared error message `fails` (text, code); no data when none is declared."""
    messages = item.get("error_messages") or []
    if not messages:
        yield Problem(item.at(), {"reason": Text("сообщения об ошибках не заявлены", "no error messages are declared")}, Outcome.NO_DATA)
        return
    for i, message in enumerate(messages):
        text = str(message.get("text", ""))
        if fails(text, message.get("code")):
            yield Problem(item.at(f"error_messages/{i}/text"), {"code": message.get("code") or "—", "text": text})


@check("portal.error_messages_described")
def error_messages_described(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.8: every error message describes the error and how to fix it, not only a system code."""
    yield from _judge_messages(item, only_code)


# --- shared helpers ---------------------------------------------------------------------------------------------

RESEARCH_GROUPS = ("temporarily_incapacitated", "visual", "hearing", "musculoskeletal", "speech", "neurological")
"""Participant groups 4.6.1.1 names: temporarily incapacitated clients and the five groups of disabled clients."""
_PHONE = frozenset({"call_center", "voice_assistant"})
"""Kinds that are one phone line to a client (a voice assistant answers on a call-centre line, B18)."""
_GROUPS = {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"type": "string", "minLength": 1}}
_DAYS = {"type": "integer", "minimum": 1}


def point_services(ctx: CheckContext, item: Item) -> list[str]:
    """Services presented at a point: its service_ids and the services that list it in contact_points."""
    ids = [str(s) for s in item.get("service_ids") or []]
    for service in ctx.declaration.of("service"):
        if item.ref.id in (service.get("contact_points") or []) and service.ref.id not in ids:
            ids.append(service.ref.id)
    return ids


def point_profiles(ctx: CheckContext, item: Item) -> list[Item]:
    """Segment profiles a point serves: its segment_profile_ids, else those of its life situations, else all."""
    profiles = ctx.declaration.of("segment_profile")
    named = item.get("segment_profile_ids") or []
    if named:
        return [p for p in profiles if p.ref.id in named]
    situations = set(item.get("life_situation_ids") or [])
    if situations:
        return [p for p in profiles if situations & set(p.get("life_situation_ids") or [])]
    return list(profiles)


# --- 4.6.1.1, 4.6.1.2: research and design basis ----------------------------------------------------------------

@check("portal.research_covers_groups", params={"properties": {"groups": _GROUPS}})
def research_covers_groups(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.1: the point's studies concern it and together include temporarily incapacitated and disabled clients."""
    wanted = list(ctx.params.get("groups", RESEARCH_GROUPS))
    refs = [str(r) for r in item.get("research_refs") or []]
    by_id = {s.get("id"): s for s in ctx.declaration.of("research")[0].get("studies") or []}
    unrelated = [r for r in refs if item.ref.id not in (by_id.get(r, {}).get("contact_point_ids") or [])]
    groups = {g for r in refs if r not in unrelated for g in by_id[r].get("participant_groups") or []}
    missing = [g for g in wanted if g not in groups]
    if missing or unrelated:
        yield Problem(item.at("research_refs"), {"missing": missing or "—", "unrelated": unrelated or "—",
                                                 "studies": refs or "—"})


@check("portal.design_basis", params={"properties": {"part": {"enum": ["guides", "acts"]},
                                                     "acts": {"type": "array", "minItems": 1, "items": {"type": "string"}}},
                                      "required": ["part"]})
def design_basis(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.2: the portal follows the client-centric design guides, or, until they exist, the acts of footnote 3."""
    guides = item.get("design_basis/guides_ref")
    acts = list(ctx.params.get("acts", ["pp_236_2016", "minkomsvyaz_405_2015"]))
    missing = [a for a in acts if a not in (item.get("design_basis/legal_acts") or [])]
    if ctx.params["part"] == "guides":
        if guides:
            return
        if not missing:
            yield Problem(item.at("design_basis"), {"reason": Text(
                "руководства не заявлены; до их утверждения действует п. 4.6.1.2-b, и он выполнен",
                "no guides declared; until they are approved 4.6.1.2-b applies, and it is met")}, Outcome.NOT_APPLICABLE)
            return
        yield Problem(item.at("design_basis"), {"missing": missing})
    elif guides:
        yield Problem(item.at("design_basis/guides_ref"), {"reason": Text(
            "портал разработан по утверждённым руководствам (4.6.1.2-a)",
            "the portal follows approved guides (4.6.1.2-a)")}, Outcome.NOT_APPLICABLE)
    elif missing:
        yield Problem(item.at("design_basis"), {"missing": missing})


@check("portal.targeted_display")
def targeted_display(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.5: services are displayed with priority by the client's segment profile and life situations."""
    missing: list[object] = []
    if item.get("personalisation/targeted_display") is not True:
        missing.append("targeted_display")
    by = item.get("personalisation/by") or []
    missing += [b for b in ("segment_profile", "life_situation") if b not in by]
    if missing:
        yield Problem(item.at("personalisation"), {"missing": missing})


# --- 4.6.1.8: error messages ------------------------------------------------------------------------------------

_IMPERATIVE = re.compile(r"(?i)(?<![\w-])[а-яё]{2,}(?:ите|йте|ьте)(?:сь)?(?![\w-])")
_NOT_IMPERATIVE = frozenset({"сайте", "защите", "лимите", "визите", "кредите", "транзите", "депозите", "аппетите",
                             "элите", "орбите", "граните", "свите", "вебсайте"})
"""Nouns in the prepositional case that end like an imperative («на сайте», «о лимите»)."""
_MODAL = re.compile(r"(?i)(?<![\w-])(нужно|надо|необходимо|следует|можно|можете|должен|должна|должно|должны)(?![\w-])")


def says_how_to_fix(text: str) -> bool:
    """True when a message instructs: an imperative («введите», «попробуйте») or «нужно», «можно», «должен» (TX-01)."""
    if _MODAL.search(text):
        return True
    return any(m.group(0).lower() not in _NOT_IMPERATIVE for m in _IMPERATIVE.finditer(text))


@check("portal.error_messages_say_how_to_fix")
def error_messages_say_how_to_fix(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.8: every error message tells unambiguously how to correct the error (an instruction to the client)."""
    yield from _judge_messages(item, lambda text, code: not says_how_to_fix(text))


# --- 4.6.1.9: feedback and surveys ------------------------------------------------------------------------------

@check("portal.feedback_on_services_and_point")
def feedback_on_services_and_point(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.9: clients can rate both the services presented at the point and the point as a whole."""
    tools = ctx.declaration.of("feedback")[0].get("tools") or []
    missing: list[object] = []
    if not any(t.get("contact_point_id") == item.ref.id and t.get("scope") == "contact_point" for t in tools):
        missing.append(Text("работу точки в целом (инструмент со scope: contact_point и contact_point_id этой точки)",
                            "the point as a whole (a tool with scope: contact_point and this contact_point_id)"))
    service_tools = [t for t in tools if t.get("scope") == "service" and t.get("contact_point_id") in (None, item.ref.id)]
    if not service_tools:
        missing.append(Text("услуги (нет инструмента со scope: service для этой точки)",
                            "services (no tool with scope: service for this point)"))
    elif not any(not t.get("target_ids") for t in service_tools):
        rated = {s for t in service_tools for s in t.get("target_ids") or []}
        unrated = [s for s in point_services(ctx, item) if s not in rated]
        if unrated:
            missing.append(Text(f"услуги {', '.join(unrated)}", f"services {', '.join(unrated)}"))
    if missing:
        yield Problem(item.at(), {"missing": missing})


@check("portal.current_surveys")
def current_surveys(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.9: current surveys run at the point: at least one survey is active during the audited period."""
    start, end = ctx.config.period.start.isoformat(), ctx.as_of.isoformat()
    surveys = item.get("surveys") or []
    active = [s for s in surveys if isinstance(s.get("active_from"), str) and s["active_from"] <= end
              and (s.get("active_to") is None or s["active_to"] >= start)]
    if not active:
        yield Problem(item.at("surveys"), {"period": str(ctx.config.period),
                                           "surveys": [s.get("topic") for s in surveys] or "—"})


# --- 4.6.1.10: technical support --------------------------------------------------------------------------------

@check("portal.support_around_the_clock")
def support_around_the_clock(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.10: support answers highest-priority errors around the clock, and the priorities are defined."""
    missing = []
    if not is_24x7(item.get("tech_support/high_priority_hours")):
        missing.append("high_priority_hours: 24x7")
    if not item.get("tech_support/priority_definitions_ref"):
        missing.append("priority_definitions_ref")
    if missing:
        yield Problem(item.at("tech_support"), {"missing": missing})


@check("portal.support_working_hours")
def support_working_hours(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.10: lower-priority issues are resolved in declared working hours (a schedule with opening periods)."""
    hours = item.get("tech_support/low_priority_hours")
    if hours != "24x7" and not (isinstance(hours, dict) and hours.get("weekly")):
        yield Problem(item.at("tech_support"), {"missing": "low_priority_hours"})


@check("portal.support_contacts_on_pages")
def support_contacts_on_pages(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.10: support contacts are declared and shown on every page (every screen of an app)."""
    missing = []
    if not item.get("tech_support/contacts"):
        missing.append("tech_support.contacts")
    if item.get("page_facts/support_contacts_every_page") is not True:
        missing.append("page_facts.support_contacts_every_page")
    if missing:
        yield Problem(item.at("tech_support" if not item.get("tech_support/contacts") else "page_facts"), {"missing": missing})


@check("portal.support_channels_preferred")
def support_channels_preferred(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.10: support can be reached through every remote channel the point's segment profiles prefer."""
    channels = set(item.get("tech_support/channels") or [])
    if not channels:
        yield Problem(item.at("tech_support"), {"missing": Text("каналы СТП не заданы", "no support channels declared")})
        return
    preferred = [k for p in point_profiles(ctx, item) for k in p.get("preferred_channels") or []
                 if k not in OFFLINE_KINDS]
    if not preferred:
        yield Problem(item.at(), {"reason": Text("профили сегментов точки не называют предпочитаемых каналов",
                                                 "the point's segment profiles name no preferred channels")}, Outcome.NO_DATA)
        return
    reach = channels | (_PHONE if channels & _PHONE else set())
    missing = list(dict.fromkeys(k for k in preferred if k not in reach))
    if missing:
        yield Problem(item.at("tech_support/channels"), {"missing": missing})


# --- studies behind the search, navigation and palette (4.6.1.11, 4.6.1.14, 4.6.1.15) ---------------------------


# --- 4.6.1.11, 4.6.1.16: terminology and length of texts ------------------------------------------------------


# --- 4.6.1.13: layout, browsers, printing ----------------------------------------------------------------------


# --- 4.6.1.14, 4.6.1.15: search and navigation -----------------------------------------------------------------


# --- 4.6.1.16: training content and FAQ -------------------------------------------------------------------------


# --- 4.6.1.17: documents ---------------------------------------------------------------------------------------


# --- 4.6.1.18: mobile versions of the portal --------------------------------------------------------------------


# --- 4.6.2: mobile apps ------------------------------------------------------------------------------------------

