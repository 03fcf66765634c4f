"""Checks for section 4.5: consent, scenarios, services in scenarios, forms, feedback."""

from __future__ import annotations

from collections.abc import Iterator

from ccaudit.checks.common import present
from ccaudit.engine.registry import CheckContext, check
from ccaudit.model.declaration import OFFLINE_KINDS, Declaration, Item
from ccaudit.model.finding import Outcome, Problem
from ccaudit.model.rule import Text


@check("consent.forms_cover_proactive")
def forms_cover_proactive(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.5.3: a consent form exists for every life situation with an approved proactive scenario."""
    proactive = sorted({s.get("life_situation_id") for s in ctx.declaration.of("client_scenario")
                        if s.get("proactive_possible") is True and ctx.approved_by_period_end(s.get("approved_on"))})
    covered = {f.get("life_situation_id") for f in item.get("forms") or []}
    missing = [ls for ls in proactive if ls not in covered]
    if missing:
        yield Problem(item.at("forms"), {"missing": missing})


# --- helpers for the rest of section 4.5 -------------------------------------------------------------------------


NOT_APPROVED = Text("сценарий не утверждён к отчётной дате (черновик)", "the scenario is not approved by the reference date (draft)")


def approved(ctx: CheckContext, scenario: Item) -> bool:
    """The scenario is approved on or before the reference date."""
    return ctx.approved_by_period_end(scenario.get("approved_on"))


def approved_scenarios(ctx: CheckContext) -> list[Item]:
    """Client scenarios approved by the reference date (drafts are not offered to clients)."""
    return [s for s in ctx.declaration.of("client_scenario") if approved(ctx, s)]


def situation_profiles(declaration: Declaration, situation_id: str) -> list[str]:
    """Segment profiles of a life situation, linked from either side, in declaration order."""
    situation = declaration.find("life_situation", situation_id)
    ids = list(situation.get("segment_profile_ids") or []) if situation else []
    ids += [p.ref.id for p in declaration.of("segment_profile")
            if situation_id in (p.get("life_situation_ids") or []) and p.ref.id not in ids]
    return ids


def preferred_kinds(declaration: Declaration, profile_ids: list[str]) -> set[str]:
    """Kinds of points of contact the given segment profiles prefer."""
    return {c for pid in profile_ids for p in [declaration.find("segment_profile", pid)] if p
            for c in p.get("preferred_channels") or []}


def scenario_profiles(declaration: Declaration, scenario: Item) -> list[str]:
    """The scenario's segment profiles, or all profiles of its life situation when it names none."""
    return list(scenario.get("segment_profile_ids") or []) or situation_profiles(declaration, scenario.get("life_situation_id") or "")


def point_kinds(declaration: Declaration, point_ids: list[str]) -> set[str]:
    """Kinds of the named points of contact."""
    return {p.contact_kind or "" for p in declaration.contact_points() if p.ref.id in point_ids}


def covered_by_consent(declaration: Declaration, service_id: str) -> bool:
    """A consent form covers the service: one for all services of a life situation whose scenario includes it, or one
    that names it."""
    situations = {s.get("life_situation_id") for s in declaration.of("client_scenario")
                  if service_id in (s.get("service_ids") or [])}
    for form in declaration.of("consent")[0].get("forms") or []:
        if form.get("scope") == "life_situation_all" and form.get("life_situation_id") in situations:
            return True
        if form.get("scope") == "selected_services" and service_id in (form.get("service_ids") or []):
            return True
    return False


def _no_proactive(item: Item) -> Problem:
    return Problem(item.at(), {"reason": Text("нет утверждённых сценариев с проактивным предоставлением",
                                              "no approved scenario provides services proactively")}, Outcome.NOT_APPLICABLE)


# --- 4.5.1 ------------------------------------------------------------------------------------------------------------

@check("client_scenario.based_on_research")
def based_on_research(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.5.1: the scenario rests on a study of its life situation that has results."""
    refs = list(item.get("research_refs") or [])
    research = ctx.declaration.of("research")[0]
    studies = {s.get("id"): s for s in research.get("studies") or []}
    situation = item.get("life_situation_id")
    fitting = [r for r in refs if r in studies and studies[r].get("life_situation_id") == situation
               and present(studies[r].get("results_ref"))]
    if not fitting:
        yield Problem(item.at("research_refs"), {"refs": refs or "—", "situation": situation})


@check("client_scenario.needs_covered")
def needs_covered(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.5.1: every satisfiable typical need of the scenario's clients in the life situation is met by an approved scenario."""
    if not approved(ctx, item):
        yield Problem(item.at(), {"reason": NOT_APPROVED}, Outcome.NOT_APPLICABLE)
        return
    situation = ctx.declaration.find("life_situation", item.get("life_situation_id") or "")
    needs = situation.get("typical_needs") or [] if situation else []
    if not needs:
        yield Problem(item.at("life_situation_id"), {"reason": Text("у жизненной ситуации не заданы типовые потребности",
                                                                     "the life situation declares no typical needs")}, Outcome.NO_DATA)
        return
    profiles = set(item.get("segment_profile_ids") or [])
    ready = {s.ref.id for s in approved_scenarios(ctx) if s.get("life_situation_id") == item.get("life_situation_id")}
    uncovered = [n.get("id") for n in needs if n.get("category") == "satisfiable"
                 and (not profiles or not n.get("segment_profile_id") or n.get("segment_profile_id") in profiles)
                 and n.get("client_scenario_id") not in ready]
    if uncovered:
        yield Problem(situation.at("typical_needs") if situation else item.at(), {"needs": uncovered})


@check("client_scenario.proactive_declared")
def proactive_declared(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.5.1: the scenario says whether it is proactive, and its life situation has an approved proactive scenario."""
    if not approved(ctx, item):
        yield Problem(item.at(), {"reason": NOT_APPROVED}, Outcome.NOT_APPLICABLE)
        return
    ready = approved_scenarios(ctx)
    proactive = [s for s in ready if s.get("proactive_possible") is True]
    share = f"{100 * len(proactive) / len(ready):.1f}".rstrip("0").rstrip(".")
    situation = item.get("life_situation_id")
    problems: list[Text] = []
    if not isinstance(item.get("proactive_possible"), bool):
        problems.append(Text("в сценарии не указано, возможно ли проактивное предоставление (proactive_possible)",
                             "the scenario does not say whether proactive provision is possible (proactive_possible)"))
    if not any(s.get("life_situation_id") == situation for s in proactive):
        problems.append(Text(f"в жизненной ситуации {situation} нет ни одного утверждённого проактивного сценария",
                             f"life situation {situation} has no approved proactive scenario"))
    if problems:
        yield Problem(item.at("proactive_possible"), {"problem": problems, "share": share})


# --- 4.5.3 consent ----------------------------------------------------------------------------------------------------

@check("consent.forms_well_formed")
def forms_well_formed(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.5.3.1: consent is for all services of a life situation or for named services of that life situation."""
    forms = item.get("forms") or []
    if not forms:
        yield Problem(item.at(), {"reason": Text("формы согласия не заявлены", "no consent forms declared")}, Outcome.NOT_APPLICABLE)
        return
    for i, form in enumerate(forms):
        if form.get("scope") != "selected_services":
            continue
        services = list(form.get("service_ids") or [])
        situation = form.get("life_situation_id")
        own = {sid for s in ctx.declaration.of("client_scenario") if s.get("life_situation_id") == situation
               for sid in s.get("service_ids") or []}
        foreign = [s for s in services if s not in own]
        if not services or foreign:
            yield Problem(item.at(f"forms/{i}"), {"situation": situation, "services": foreign or "—"})


@check("consent.convenient_channels")
def consent_convenient_channels(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.5.3.2: consent can be given at a kind of point the clients of each life situation with a consent form prefer."""
    situations = list(dict.fromkeys(f.get("life_situation_id") for f in item.get("forms") or []))
    if not situations:
        yield Problem(item.at(), {"reason": Text("формы согласия не заявлены", "no consent forms declared")}, Outcome.NOT_APPLICABLE)
        return
    kinds = point_kinds(ctx.declaration, list(item.get("channels") or []))
    judged = [(ls, preferred_kinds(ctx.declaration, situation_profiles(ctx.declaration, ls))) for ls in situations]
    judged = [(ls, pref) for ls, pref in judged if pref]
    if not judged and kinds:
        yield Problem(item.at("channels"), {"reason": Text("у сегментов не заявлены предпочтительные каналы",
                                                           "no preferred channels are declared for the segments")}, Outcome.NO_DATA)
        return
    missing = [ls for ls, pref in judged if not kinds & pref]
    if not kinds or missing:
        yield Problem(item.at("channels"), {"channels": sorted(kinds) or "—", "situations": missing or situations})


@check("consent.confirmation_at_convenient_points")
def confirmation_at_convenient_points(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.5.5.1: with consent, needs are confirmed at a kind of point the scenario's clients prefer."""
    proactive = [s for s in approved_scenarios(ctx) if s.get("proactive_possible") is True]
    if not proactive:
        yield _no_proactive(item)
        return
    judged = 0
    failing: list[str] = []
    for scenario in proactive:
        preferred = preferred_kinds(ctx.declaration, scenario_profiles(ctx.declaration, scenario))
        if not preferred:
            continue
        judged += 1
        if not point_kinds(ctx.declaration, list(scenario.get("confirmation_contact_points") or [])) & preferred:
            failing.append(scenario.ref.id)
    if not judged:
        yield Problem(item.at(), {"reason": Text("у сегментов проактивных сценариев не заявлены предпочтительные каналы",
                                                 "no preferred channels are declared for the segments of proactive scenarios")}, Outcome.NO_DATA)
    elif failing:
        yield Problem(item.at(), {"scenarios": failing})


@check("consent.proactive_waits_for_consent")
def proactive_waits_for_consent(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.5.5.3: without consent the client starts the interaction, so proactive scenarios wait for consent."""
    proactive = [s for s in approved_scenarios(ctx) if s.get("proactive_possible") is True]
    if not proactive:
        yield _no_proactive(item)
        return
    failing = [s.ref.id for s in proactive if s.get("proactive_requires_consent") is not True]
    if failing:
        yield Problem(item.at(), {"scenarios": failing})


@check("consent.proactive_contact_rules", params={"properties": {
    "flags": {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}},
    "fields": {"type": "array", "items": {"type": "string", "minLength": 1}}}, "required": ["flags"]})
def proactive_contact_rules(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.5.5.6, 4.5.5.7: rules of proactive contact (consent basis told, withdrawal offered) hold where it happens."""
    if not any(s.get("proactive_possible") is True for s in approved_scenarios(ctx)):
        yield _no_proactive(item)
        return
    missing = [f for f in ctx.params["flags"] if item.get(f) is not True]
    missing += [f for f in ctx.params.get("fields", []) if not present(item.get(f))]
    if missing:
        yield Problem(item.at(missing[0]), {"missing": missing})


# --- 4.5.4–4.5.6 scenarios --------------------------------------------------------------------------------------------

@check("life_situation.preliminary_scenarios")
def preliminary_scenarios(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.5.4: an approved client scenario exists for every segment profile of the life situation."""
    profiles = situation_profiles(ctx.declaration, item.ref.id)
    if not profiles:
        yield Problem(item.at(), {"reason": Text("у жизненной ситуации нет профилей сегментов",
                                                 "the life situation has no segment profiles")}, Outcome.NO_DATA)
        return
    ready = [s for s in approved_scenarios(ctx) if s.get("life_situation_id") == item.ref.id]
    missing = [p for p in profiles if not any(not s.get("segment_profile_ids") or p in s.get("segment_profile_ids")
                                              for s in ready)]
    if missing:
        yield Problem(item.at(), {"profiles": missing})


@check("client_scenario.approved_declares", params={"properties": {
    "fields": {"type": "array", "items": {"type": "string", "minLength": 1}},
    "flags": {"type": "array", "items": {"type": "string", "minLength": 1}},
    "contains": {"type": "object", "additionalProperties": False, "required": ["field", "values"], "properties": {
        "field": {"type": "string", "minLength": 1}, "values": {"type": "array", "minItems": 1}}}}})
def approved_declares(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.5.5–4.5.6: an approved scenario declares the listed fields, sets the listed flags and lists the listed values."""
    if not approved(ctx, item):
        yield Problem(item.at(), {"reason": NOT_APPROVED}, Outcome.NOT_APPLICABLE)
        return
    missing = [f for f in ctx.params.get("fields", []) if not present(item.get(f))]
    missing += [f for f in ctx.params.get("flags", []) if item.get(f) is not True]
    contains = ctx.params.get("contains")
    if contains:
        declared = item.get(contains["field"]) or []
        missing += [f"{contains['field']}: {v}" for v in contains["values"] if v not in declared]
    if missing:
        yield Problem(item.at(missing[0].split(":")[0]), {"missing": missing})


@check("client_scenario.confirmation_points")
def confirmation_points(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.5.5: needs are confirmed at named points; a proactive scenario needs a remote one to reach the client first."""
    if not approved(ctx, item):
        yield Problem(item.at(), {"reason": NOT_APPROVED}, Outcome.NOT_APPLICABLE)
        return
    kinds = point_kinds(ctx.declaration, list(item.get("confirmation_contact_points") or []))
    if not kinds or (item.get("proactive_possible") is True and not kinds - OFFLINE_KINDS):
        yield Problem(item.at("confirmation_contact_points"), {"kinds": sorted(kinds) or "—",
                                                               "proactive": item.get("proactive_possible") is True})


@check("client_scenario.path_position_shown")
def path_position_shown(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.5.6.2: when a service of the scenario needs an eligibility visit, the client is told where they are on the path."""
    if not approved(ctx, item):
        yield Problem(item.at(), {"reason": NOT_APPROVED}, Outcome.NOT_APPLICABLE)
        return
    visits = [sid for sid in item.get("service_ids") or []
              for s in [ctx.declaration.find("service", sid)] if s and s.get("eligibility_visit/required") is True]
    if not visits:
        yield Problem(item.at(), {"reason": Text("ни одна услуга сценария не требует визита для определения правомочности",
                                                 "no service of the scenario needs an eligibility visit")}, Outcome.NOT_APPLICABLE)
        return
    if item.get("path_position_shown") is not True:
        yield Problem(item.at("path_position_shown"), {"services": visits})


@check("client_scenario.results_recorded")
def results_recorded(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.5.6.11: the results of meeting needs are recorded: statuses, reasons, follow-up, needs under consideration."""
    if not approved(ctx, item):
        yield Problem(item.at(), {"reason": NOT_APPROVED}, Outcome.NOT_APPLICABLE)
        return
    missing: list[str] = [f for f in ("needs_status_system", "paths/not_satisfiable") if not present(item.get(f))]
    if item.get("follow_up_subscription") is not True:
        missing.append("follow_up_subscription")
    missing += [f"{sid}: refusal_reasons_on_request" for sid in item.get("service_ids") or []
                for s in [ctx.declaration.find("service", sid)] if s and s.get("refusal_reasons_on_request") is not True]
    situation = ctx.declaration.find("life_situation", item.get("life_situation_id") or "")
    if situation:
        missing += [f"{n}: design_project_id / design_decision_ref" for n in unconsidered_needs(ctx, situation)]
    if missing:
        yield Problem(item.at(), {"missing": missing})


# --- 4.5.6 services ---------------------------------------------------------------------------------------------------


# --- 4.5.6.10 needs that cannot be met --------------------------------------------------------------------------------

def unconsidered_needs(ctx: CheckContext, situation: Item) -> list[str]:
    """Needs in design or unmet whose consideration under 4.4 is not on record (a project of the situation, or a decision)."""
    out = []
    for need in situation.get("typical_needs") or []:
        if need.get("category") not in ("in_design", "unsatisfiable"):
            continue
        project = ctx.declaration.find("design_project", need.get("design_project_id") or "")
        in_project = project is not None and project.get("life_situation_id") in (None, situation.ref.id)
        decided = need.get("category") == "unsatisfiable" and present(need.get("design_decision_ref"))
        if not in_project and not decided:
            out.append(need.get("id"))
    return out


@check("life_situation.reasons_for_unmet_needs")
def reasons_for_unmet_needs(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.5.6.10: the reasons a need cannot be met are on record, and services give refusal reasons on request."""
    explained = {f.get("unsatisfiable_need_id") for f in ctx.declaration.of("faq") if present(f.get("reason"))}
    needs = [n.get("id") for n in item.get("typical_needs") or [] if n.get("category") == "unsatisfiable"
             and not present(n.get("reason")) and n.get("id") not in explained]
    service_ids = {sid for s in approved_scenarios(ctx) if s.get("life_situation_id") == item.ref.id
                   for sid in s.get("service_ids") or []}
    services = [s.ref.id for s in ctx.declaration.of("service")
                if s.ref.id in service_ids and s.get("refusal_reasons_on_request") is not True]
    if not service_ids and not any(n.get("category") == "unsatisfiable" for n in item.get("typical_needs") or []):
        yield Problem(item.at(), {"reason": Text("нет неудовлетворимых потребностей и услуг в утверждённых сценариях",
                                                 "no unmet needs and no services in approved scenarios")}, Outcome.NOT_APPLICABLE)
        return
    if needs or services:
        yield Problem(item.at("typical_needs"), {"needs": needs or "—", "services": services or "—"})


@check("life_situation.unmet_needs_considered")
def unmet_needs_considered(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.5.6.10: needs that cannot be met now are considered for new services, reengineering or a scenario update (4.4)."""
    if not any(n.get("category") in ("in_design", "unsatisfiable") for n in item.get("typical_needs") or []):
        yield Problem(item.at(), {"reason": Text("нет потребностей, которые нельзя удовлетворить сейчас",
                                                 "no needs that cannot be met now")}, Outcome.NOT_APPLICABLE)
        return
    needs = unconsidered_needs(ctx, item)
    if needs:
        yield Problem(item.at("typical_needs"), {"needs": needs})


# --- 4.5.7 feedback ---------------------------------------------------------------------------------------------------


