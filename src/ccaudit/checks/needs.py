"""Checks for section 4.3: data on clients, typical needs, scenarios for needs, FAQ."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from typing import Any

from ccaudit.checks.common import present
from ccaudit.engine.registry import CheckContext, check
from ccaudit.model.declaration import Item
from ccaudit.model.finding import Outcome, Problem
from ccaudit.model.rule import Text


@check("life_situation.data_sources_present")
def data_sources_present(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.3: at least one source of data on clients is declared for the life situation."""
    research = ctx.declaration.of("research")[0]
    sources = [s for s in research.get("data_sources") or [] if s.get("life_situation_id") == item.ref.id]
    if not sources:
        yield Problem(item.at(), {"life_situation": item.ref.id})


@check("life_situation.needs_classified")
def needs_classified(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.5.4: typical needs are declared, each with its kind and a date of the last update."""
    needs = item.get("typical_needs") or []
    if not needs:
        yield Problem(item.at(), {"needs": Text("типовые потребности не заданы", "no typical needs declared")})
        return
    undated = [n["id"] for n in needs if not present(n.get("updated_on")) or not ctx.is_fresh(n.get("updated_on"))]
    if undated:
        yield Problem(item.at("typical_needs"), {"needs": undated})


@check("life_situation.satisfiable_needs_have_scenarios")
def satisfiable_needs_have_scenarios(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.5.5: every need that services can meet has a client scenario of the same life situation."""
    missing = []
    for i, need in enumerate(item.get("typical_needs") or []):
        if need.get("category") != "satisfiable":
            continue
        scenario = ctx.declaration.find("client_scenario", need.get("client_scenario_id") or "")
        if scenario is None or scenario.get("life_situation_id") != item.ref.id:
            missing.append((i, need["id"]))
    if missing:
        yield Problem(item.at(f"typical_needs/{missing[0][0]}"), {"needs": [n for _, n in missing]})


@check("life_situation.unsatisfiable_needs_explained")
def unsatisfiable_needs_explained(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.5.7: every need that cannot be met has an FAQ answer that states the reason."""
    explained = {f.get("unsatisfiable_need_id") for f in ctx.declaration.of("faq") if present(f.get("reason"))}
    missing = [(i, n["id"]) for i, n in enumerate(item.get("typical_needs") or [])
               if n.get("category") == "unsatisfiable" and n["id"] not in explained]
    if missing:
        yield Problem(item.at(f"typical_needs/{missing[0][0]}"), {"needs": [n for _, n in missing]})


@check("faq.accessible_to_responsible_bodies")
def accessible_to_responsible_bodies(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.5.7: the answer is available to every body that provides services in its life situation."""
    situation = ctx.declaration.find("life_situation", item.get("life_situation_id") or "")
    if situation is None:
        yield Problem(item.at(), {"reason": Text("вопрос не отнесён к жизненной ситуации", "the FAQ entry names no life situation")}, Outcome.NOT_APPLICABLE)
        return
    bodies = situation.get("responsible_bodies") or []
    if not bodies:
        yield Problem(situation.at(), {"reason": Text("у жизненной ситуации не указаны ответственные органы", "the life situation names no responsible bodies")}, Outcome.NO_DATA)
        return
    granted = set(item.get("accessible_to_bodies") or [])
    missing = [b for b in bodies if b not in granted]
    if missing:
        yield Problem(item.at("accessible_to_bodies"), {"missing": missing})


# --- shared helpers -----------------------------------------------------------------------------------------------

SOURCE_KINDS: dict[str, Text] = {
    "open_data": Text("open_data (открытые данные, статистика, отчёты)", "open_data (open data, statistics, reports)"),
    "complaints_reviews": Text("complaints_reviews (жалобы, обращения, отзывы)", "complaints_reviews (complaints, requests, reviews)"),
    "public_associations": Text("public_associations (данные общественных объединений)",
                                "public_associations (data of public associations)"),
    "ombudsman_reports": Text("ombudsman_reports (доклады уполномоченных по правам человека и ребёнка)",
                              "ombudsman_reports (reports of the human-rights and children's-rights commissioners)"),
    "service_history": Text("service_history (обезличенная история предоставления услуг)",
                            "service_history (anonymised history of service provision)"),
}
"""The five kinds of data of 4.3.3.1, in the order of the text."""

HYPOTHESIS_KINDS: dict[str, Text] = {
    "segmentation": Text("о сегментации клиентов (segmentation)", "on client segmentation (segmentation)"),
    "experience": Text("о клиентском опыте (experience)", "on client experience (experience)"),
}


def day(value: Any) -> date | None:
    """An ISO date string as a date; anything else None."""
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def latest(values: Iterable[Any]) -> date | None:
    """The latest of the ISO dates among values (others ignored), or None."""
    days = [d for d in (day(v) for v in values) if d is not None]
    return max(days) if days else None


def last_change(data: Any) -> date | None:
    """When an item was last approved or updated: the later of `updated_on` and `approved_on`."""
    return latest([data.get("updated_on"), data.get("approved_on")])


def research_block(ctx: CheckContext) -> Item:
    return ctx.declaration.of("research")[0]


def research_of(ctx: CheckContext, block: str, situation_id: str) -> list[tuple[int, Any]]:
    """(index, entry) of research.<block> that concern the life situation."""
    return [(i, e) for i, e in enumerate(research_block(ctx).get(block) or []) if e.get("life_situation_id") == situation_id]


def maps_of(ctx: CheckContext, situation_id: str) -> list[Item]:
    return [m for m in ctx.declaration.of("journey_map") if m.get("life_situation_id") == situation_id]


def latest_map_change(ctx: CheckContext, situation_id: str) -> date | None:
    """The last approval or update of a journey map of the life situation, up to the reference date."""
    days = [d for d in (last_change(m.data) for m in maps_of(ctx, situation_id)) if d is not None and d <= ctx.as_of]
    return max(days) if days else None


def profiles_of(ctx: CheckContext, situation: Item) -> list[str]:
    """Segment profiles of a life situation, from either side of the link, in id order."""
    named = set(situation.get("segment_profile_ids") or [])
    listing = {p.ref.id for p in ctx.declaration.of("segment_profile") if situation.ref.id in (p.get("life_situation_ids") or [])}
    return sorted(named | listing)


UNDER_DESIGN = Text("целевой сценарий проекта, который ещё не введён в эксплуатацию",
                    "the target scenario of a design project not yet in production")


def under_design(ctx: CheckContext, scenario: Item) -> bool:
    """A scenario not yet approved whose services are in a design project that has not reached production."""
    if ctx.approved_by_period_end(scenario.get("approved_on")):
        return False
    services = set(scenario.get("service_ids") or [])
    for project in ctx.declaration.of("design_project"):
        produced = day(project.get("launch/production_on"))
        if services & set(project.get("service_ids") or []) and (produced is None or produced > ctx.as_of):
            return True
    return False


def _publication_problems(ctx: CheckContext, since: date | None, since_what: Text) -> list[Text]:
    """What is wrong with research.publication: no url, no date, a date after the reference date or before `since`."""
    publication = research_block(ctx).get("publication") or {}
    problems = []
    if not present(publication.get("url")):
        problems.append(Text("не указан адрес публикации (research.publication.url)", "no publication address (research.publication.url)"))
    published = day(publication.get("published_on"))
    if published is None or published > ctx.as_of:
        problems.append(Text("не указана дата публикации не позднее отчётной даты (research.publication.published_on)",
                             "no publication date on or before the reference date (research.publication.published_on)"))
    elif since is not None and published < since:
        problems.append(Text(f"опубликовано {published.isoformat()}, раньше чем {since_what.ru} ({since.isoformat()})",
                             f"published on {published.isoformat()}, before {since_what.en} ({since.isoformat()})"))
    return problems


# --- 4.3.1 --------------------------------------------------------------------------------------------------------

@check("life_situation.data_objective")
def data_objective(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.1: needs are studied on objective data: the life situation's data sources each cite a verifiable source."""
    sources = research_of(ctx, "data_sources", item.ref.id)
    if not sources:
        yield Problem(item.at(), {"life_situation": item.ref.id,
                                  "problem": Text("источники данных не заявлены (research.data_sources)",
                                                  "no data sources are declared (research.data_sources)")})
        return
    unverifiable = [(i, s) for i, s in sources if not present(s.get("ref"))]
    if unverifiable:
        kinds = ", ".join(str(s.get("kind")) for _, s in unverifiable)
        yield Problem(research_block(ctx).at(f"data_sources/{unverifiable[0][0]}"), {
            "life_situation": item.ref.id,
            "problem": Text(f"у источников {kinds} нет ссылки на документ, статистику или исследование (ref)",
                            f"the sources {kinds} cite no document, statistics or study (ref)")})


@check("feedback.encourages_clients")
def encourages_clients(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.1: feedback from clients is encouraged: feedback tools exist and each lets a client answer."""
    tools = item.get("tools") or []
    if not tools:
        yield Problem(item.at("tools"), {"problem": Text("инструменты обратной связи не заявлены (feedback.tools)",
                                                         "no feedback tools are declared (feedback.tools)")})
        return
    mute = [t.get("id") for t in tools if not present(t.get("scales")) and t.get("free_text") is not True]
    if mute:
        yield Problem(item.at("tools"), {"problem": Text(f"инструменты без шкалы оценки и без поля для текста: {', '.join(mute)}",
                                                         f"tools with neither a rating scale nor a free-text field: {', '.join(mute)}")})


@check("life_situation.results_explained")
def results_explained(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.1: results are explained to clients: the publication is dated after the last completed study of the situation."""
    done = latest(s.get("completed_on") for _, s in research_of(ctx, "studies", item.ref.id)
                  if (day(s.get("completed_on")) or date.max) <= ctx.as_of)
    problems = _publication_problems(ctx, done, Text("завершения последнего исследования", "the last study was completed"))
    if problems:
        yield Problem(research_block(ctx).at("publication"), {"life_situation": item.ref.id, "problems": problems})


# --- 4.3.2 --------------------------------------------------------------------------------------------------------

@check("life_situation.needs_study_stages")
def needs_study_stages(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.2: all three stages for the life situation: studies of experience, journey maps, decisions on the results."""
    missing = []
    if not research_of(ctx, "studies", item.ref.id):
        missing.append(Text("исследования клиентского опыта (research.studies)", "studies of client experience (research.studies)"))
    if not maps_of(ctx, item.ref.id):
        missing.append(Text("карты клиентского пути (journey_maps)", "journey maps (journey_maps)"))
    if not [d for _, d in research_of(ctx, "decisions", item.ref.id) if present(d.get("decision"))]:
        missing.append(Text("решения по итогам изучения (research.decisions)", "decisions on the results (research.decisions)"))
    if missing:
        yield Problem(item.at(), {"life_situation": item.ref.id, "missing": missing})


def find_need(ctx: CheckContext, need_id: str) -> tuple[Item, Any] | None:
    """The life situation and the typical need with this id."""
    for situation in ctx.declaration.of("life_situation"):
        for need in situation.get("typical_needs") or []:
            if need.get("id") == need_id:
                return situation, need
    return None


@check("faq.grounded_in_needs")
def grounded_in_needs(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.2: an answer about a need that cannot be met rests on the needs study: it names such a need of its situation."""
    need_id, reason = item.get("unsatisfiable_need_id"), item.get("reason")
    if not present(need_id) and not present(reason):
        yield Problem(item.at(), {"reason": Text("ответ не касается неудовлетворимой потребности",
                                                 "the answer is not about a need that cannot be met")}, Outcome.NOT_APPLICABLE)
        return
    if not present(need_id):
        yield Problem(item.at("reason"), {"problem": Text("указана причина, но не названа потребность (unsatisfiable_need_id)",
                                                          "a reason is given but no need is named (unsatisfiable_need_id)")})
        return
    found = find_need(ctx, need_id)
    if found is None:
        return  # an unknown id is an input error, reported when the declarations load
    situation, need = found
    problems = []
    if present(item.get("life_situation_id")) and situation.ref.id != item.get("life_situation_id"):
        problems.append(Text(f"потребность {need_id} относится к другой жизненной ситуации ({situation.ref.id})",
                             f"need {need_id} belongs to another life situation ({situation.ref.id})"))
    if need.get("category") != "unsatisfiable":
        problems.append(Text(f"потребность {need_id} по итогам изучения отнесена к виду {need.get('category')}, а не unsatisfiable",
                             f"the needs study classifies need {need_id} as {need.get('category')}, not unsatisfiable"))
    if not present(reason):
        problems.append(Text("не указана причина (reason)", "no reason is given (reason)"))
    if problems:
        yield Problem(item.at("unsatisfiable_need_id"), {"problem": problems})


# --- 4.3.3 --------------------------------------------------------------------------------------------------------

@check("life_situation.data_source_kinds", params={"properties": {"kinds": {
    "type": "array", "minItems": 1, "uniqueItems": True, "items": {"enum": list(SOURCE_KINDS)}}}})
def data_source_kinds(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.3.1: data of every kind the clause lists is collected for the life situation (params.kinds: which kinds)."""
    required = list(ctx.params.get("kinds", list(SOURCE_KINDS)))
    declared = {s.get("kind") for _, s in research_of(ctx, "data_sources", item.ref.id)}
    missing = [SOURCE_KINDS[k] for k in required if k not in declared]
    if missing:
        yield Problem(item.at(), {"life_situation": item.ref.id, "missing": missing})


NO_SITUATION = Text("профиль не отнесён к жизненной ситуации (см. 4.3.3.3)", "the profile names no life situation (see 4.3.3.3)")


def _profile_situations(item: Item) -> list[str]:
    return list(item.get("life_situation_ids") or [])


@check("segment_profile.hypotheses_formulated")
def hypotheses_formulated(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.3.2: hypotheses on segmentation and on client experience are formulated for the profile's life situations."""
    situations = _profile_situations(item)
    if not situations:
        yield Problem(item.at(), {"reason": NO_SITUATION}, Outcome.NOT_APPLICABLE)
        return
    kinds = {h.get("kind") for h in research_block(ctx).get("hypotheses") or [] if h.get("life_situation_id") in situations}
    missing = [text for kind, text in HYPOTHESIS_KINDS.items() if kind not in kinds]
    if missing:
        yield Problem(item.at("life_situation_ids"), {"life_situations": situations, "missing": missing})


@check("life_situation.studies_planned")
def studies_planned(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.3.2: in-depth studies of the life situation have their methods and a research plan."""
    studies = research_of(ctx, "studies", item.ref.id)
    if not studies:
        yield Problem(item.at(), {"life_situation": item.ref.id,
                                  "problems": Text("исследования не заявлены (research.studies)", "no studies are declared (research.studies)")})
        return
    lacking = [(i, f"{s.get('id')}: {', '.join(f for f in ('methods', 'plan_ref') if not present(s.get(f)))}")
               for i, s in studies if not present(s.get("methods")) or not present(s.get("plan_ref"))]
    if lacking:
        yield Problem(research_block(ctx).at(f"studies/{lacking[0][0]}"),
                      {"life_situation": item.ref.id, "problems": [text for _, text in lacking]})


@check("consent.research_participants_consented")
def research_participants_consented(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.3.2: clients' consent to the study of their experience is obtained for every study."""
    research = research_block(ctx)
    studies = list(enumerate(research.get("studies") or []))
    if not studies:
        yield Problem(item.at(), {"reason": Text("исследования не заявлены", "no studies are declared")}, Outcome.NOT_APPLICABLE)
        return
    without = [(i, s.get("id")) for i, s in studies if s.get("participant_consent") is not True]
    if without:
        yield Problem(research.at(f"studies/{without[0][0]}"), {"studies": [s for _, s in without]})


@check("segment_profile.hypotheses_tested")
def hypotheses_tested(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.3.2: hypotheses of the profile's situations are tested by studies of the same situation, with results."""
    situations = _profile_situations(item)
    if not situations:
        yield Problem(item.at(), {"reason": NO_SITUATION}, Outcome.NOT_APPLICABLE)
        return
    research = research_block(ctx)
    studies = {s.get("id"): s for s in research.get("studies") or []}
    hypotheses = [h for h in research.get("hypotheses") or [] if h.get("life_situation_id") in situations]
    if not hypotheses:
        yield Problem(item.at("life_situation_ids"), {"problems": Text("гипотез по жизненным ситуациям профиля нет",
                                                                       "no hypotheses for the profile's life situations")})
        return
    problems: list[Text] = []
    resolved = 0
    for h in hypotheses:
        hid, study = h.get("id"), studies.get(h.get("study_id"))
        if study is None:
            problems.append(Text(f"{hid}: не указано исследование, которым гипотеза проверяется (study_id)",
                                 f"{hid}: no study tests it (study_id)"))
            continue
        if present(study.get("life_situation_id")) and study["life_situation_id"] != h.get("life_situation_id"):
            problems.append(Text(f"{hid}: исследование {study.get('id')} относится к другой жизненной ситуации ({study['life_situation_id']})",
                                 f"{hid}: study {study.get('id')} concerns another life situation ({study['life_situation_id']})"))
        if h.get("status") in ("confirmed", "rejected"):
            if present(study.get("results_ref")):
                resolved += 1
            else:
                problems.append(Text(f"{hid}: статус {h.get('status')}, но у исследования {study.get('id')} нет результатов (results_ref)",
                                     f"{hid}: status {h.get('status')}, but study {study.get('id')} has no results (results_ref)"))
    if not resolved:
        problems.append(Text("ни одна гипотеза не подтверждена и не опровергнута исследованием с результатами",
                             "no hypothesis has been confirmed or rejected by a study with results"))
    if problems:
        yield Problem(research.at("hypotheses"), {"problems": problems})


# --- 4.3.4 --------------------------------------------------------------------------------------------------------

@check("journey_map.developed_and_current")
def developed_and_current(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.4: the map is for a profile of its life situation, approved by the reference date and kept current."""
    problems: list[Text] = []
    situation = item.get("life_situation_id")
    profile = ctx.declaration.find("segment_profile", item.get("segment_profile_id") or "")
    if profile is None:
        problems.append(Text("не указан профиль клиентского сегмента (segment_profile_id)", "no segment profile (segment_profile_id)"))
    elif situation not in (profile.get("life_situation_ids") or []):
        problems.append(Text(f"профиль {profile.ref.id} не отнесён к жизненной ситуации {situation}",
                             f"profile {profile.ref.id} is not assigned to life situation {situation}"))
    approved, updated = day(item.get("approved_on")), day(item.get("updated_on"))
    if approved is None or approved > ctx.as_of:
        problems.append(Text("карта не утверждена к отчётной дате (approved_on)", "the map is not approved by the reference date (approved_on)"))
    if approved and updated and updated < approved:
        problems.append(Text(f"дата актуализации {updated} раньше даты утверждения {approved}",
                             f"updated on {updated}, before it was approved on {approved}"))
    last = last_change(item.data)
    if approved and approved <= ctx.as_of and not ctx.is_fresh(last.isoformat() if last else None):
        days = ctx.config.freshness_days
        problems.append(Text(f"не актуализирована за {days} дн. до отчётной даты (последнее изменение: {last})",
                             f"not updated within {days} days before the reference date (last change: {last})"))
    if problems:
        yield Problem(item.at(), {"problems": problems})


def monitors_situation(ctx: CheckContext, situation_id: str) -> bool:
    """A feedback tool rates the life situation or a service of one of its client scenarios."""
    services = {s for sc in ctx.declaration.of("client_scenario") if sc.get("life_situation_id") == situation_id
                for s in sc.get("service_ids") or []}
    for tool in ctx.declaration.of("feedback")[0].get("tools") or []:
        targets = set(tool.get("target_ids") or [])
        if (tool.get("scope") == "life_situation" and situation_id in targets) or (tool.get("scope") == "service" and targets & services):
            return True
    return False


@check("journey_map.based_on_segmentation_and_monitoring")
def based_on_segmentation_and_monitoring(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.4: the map cites the segmentation data and the satisfaction monitoring it is built on, and that monitoring exists."""
    problems: list[Text] = []
    if not present(item.get("inputs/segmentation_ref")):
        problems.append(Text("не указаны данные сегментации (inputs.segmentation_ref)", "no segmentation data cited (inputs.segmentation_ref)"))
    if not present(item.get("inputs/satisfaction_monitoring_ref")):
        problems.append(Text("не указаны результаты мониторинга удовлетворённости (inputs.satisfaction_monitoring_ref)",
                             "no satisfaction-monitoring results cited (inputs.satisfaction_monitoring_ref)"))
    if not monitors_situation(ctx, item.get("life_situation_id") or ""):
        problems.append(Text("ни один инструмент обратной связи не оценивает жизненную ситуацию или услуги её сценариев",
                             "no feedback tool rates the life situation or the services of its scenarios"))
    if problems:
        yield Problem(item.at("inputs"), {"problems": problems})


def _priority_situations(ctx: CheckContext, entry: Any) -> set[str]:
    if present(entry.get("life_situation_id")):
        return {entry["life_situation_id"]}
    profile = ctx.declaration.find("segment_profile", entry.get("segment_profile_id") or "")
    return set(profile.get("life_situation_ids") or []) if profile else set()


PRIORITY_GROUNDS: dict[str, Text] = {
    "size_estimate": Text("оценка численности (size_estimate)", "estimated size (size_estimate)"),
    "social_significance": Text("социальная значимость проблем (social_significance)", "social significance of the problems (social_significance)"),
    "resources_note": Text("ограниченность ресурсов (resources_note)", "limited resources (resources_note)"),
}


@check("segment_profile.priority_groups_justified")
def priority_groups_justified(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.4.2: priority groups are determined for the situations; a priority profile states size, significance, resources."""
    situations = set(_profile_situations(item))
    if not situations:
        yield Problem(item.at(), {"reason": NO_SITUATION}, Outcome.NOT_APPLICABLE)
        return
    research = research_block(ctx)
    groups = list(enumerate(research.get("priority_groups") or []))
    own = [(i, g) for i, g in groups if g.get("segment_profile_id") == item.ref.id]
    if not own:
        if any(_priority_situations(ctx, g) & situations for _, g in groups):
            yield Problem(item.at(), {"reason": Text("профиль не выбран приоритетной группой", "the profile is not chosen as a priority group")},
                          Outcome.NOT_APPLICABLE)
        else:
            yield Problem(item.at(), {"problems": Text(f"для жизненных ситуаций {', '.join(sorted(situations))} приоритетные группы не определены (research.priority_groups)",
                                                       f"no priority groups are determined for life situations {', '.join(sorted(situations))} (research.priority_groups)")})
        return
    for i, group in own:
        problems: list[Text] = [text for field, text in PRIORITY_GROUNDS.items() if not present(group.get(field))]
        other = group.get("life_situation_id")
        if present(other) and other not in situations:
            problems.append(Text(f"жизненная ситуация {other} не относится к профилю", f"life situation {other} is not one of the profile's"))
        if problems:
            yield Problem(research.at(f"priority_groups/{i}"), {"problems": problems})


@check("life_situation.recommendations_developed")
def recommendations_developed(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.4.2: recommendations for improving client experience are developed for the life situation."""
    if not [r for _, r in research_of(ctx, "recommendations", item.ref.id) if present(r.get("text"))]:
        yield Problem(item.at(), {"life_situation": item.ref.id})


@check("life_situation.results_published")
def results_published(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.4.2: the results are published, currently, and after the last update of the situation's journey maps."""
    problems = _publication_problems(ctx, latest_map_change(ctx, item.ref.id),
                                     Text("последней актуализации карты клиентского пути", "the last update of a journey map"))
    published = research_block(ctx).get("publication/published_on")
    if day(published) is not None and day(published) <= ctx.as_of and not ctx.is_fresh(published):
        days = ctx.config.freshness_days
        problems.append(Text(f"публикация {published} старше {days} дн.", f"the publication of {published} is older than {days} days"))
    if problems:
        yield Problem(research_block(ctx).at("publication"), {"life_situation": item.ref.id, "problems": problems})


@check("life_situation.best_practices_studied")
def best_practices_studied(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.4.2: every recommendation of the life situation cites the best practices studied for it."""
    recommendations = research_of(ctx, "recommendations", item.ref.id)
    if not recommendations:
        yield Problem(item.at(), {"reason": Text("рекомендаций нет (см. 4.3.4.2-b)", "no recommendations (see 4.3.4.2-b)")}, Outcome.NOT_APPLICABLE)
        return
    without = [(i, r.get("id")) for i, r in recommendations if not present(r.get("best_practices_ref"))]
    if without:
        yield Problem(research_block(ctx).at(f"recommendations/{without[0][0]}"), {"recommendations": [r for _, r in without]})


@check("journey_map.results_complete")
def results_complete(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.4.3: the map comes with recommendations for its situation and results published after its last update."""
    problems: list[Text] = []
    situation = item.get("life_situation_id") or ""
    if not [r for _, r in research_of(ctx, "recommendations", situation) if present(r.get("text"))]:
        problems.append(Text(f"нет рекомендаций по повышению качества клиентского опыта для {situation}",
                             f"no recommendations for improving client experience in {situation}"))
    problems += _publication_problems(ctx, last_change(item.data), Text("последнего изменения карты", "the map's last change"))
    if problems:
        yield Problem(item.at(), {"problems": problems})


# --- 4.3.5 --------------------------------------------------------------------------------------------------------

@check("life_situation.register_and_profiles_kept")
def register_and_profiles_kept(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.5: the situation's segment profiles are linked both ways, current, and updated after its journey maps."""
    profiles = profiles_of(ctx, item)
    if not profiles:
        yield Problem(item.at(), {"problems": Text("нет профилей клиентских сегментов", "no segment profiles")})
        return
    named = set(item.get("segment_profile_ids") or [])
    since = latest_map_change(ctx, item.ref.id)
    problems: list[Text] = []
    for pid in profiles:
        profile = ctx.declaration.find("segment_profile", pid)
        assert profile is not None
        if pid not in named or item.ref.id not in (profile.get("life_situation_ids") or []):
            problems.append(Text(f"{pid}: связь с жизненной ситуацией указана только с одной стороны "
                                 "(segment_profile_ids / life_situation_ids)",
                                 f"{pid}: the link to the life situation is declared on one side only "
                                 "(segment_profile_ids / life_situation_ids)"))
        updated = profile.get("updated_on")
        if not ctx.is_fresh(updated):
            problems.append(Text(f"{pid}: профиль не актуализирован за {ctx.config.freshness_days} дн. (updated_on: {updated or '—'})",
                                 f"{pid}: not updated within {ctx.config.freshness_days} days (updated_on: {updated or '—'})"))
        elif since is not None and (day(updated) or date.min) < since:
            problems.append(Text(f"{pid}: профиль обновлён {updated}, раньше последней актуализации карты ({since})",
                                 f"{pid}: updated on {updated}, before the last journey-map update ({since})"))
    if problems:
        yield Problem(item.at("segment_profile_ids"), {"problems": problems})


@check("life_situation.needs_studied_from_maps")
def needs_studied_from_maps(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.5: needs are studied for every client group of the situation, after the last update of its journey maps."""
    needs = item.get("typical_needs") or []
    if not needs:
        yield Problem(item.at(), {"problems": Text("типовые потребности не заданы", "no typical needs declared")})
        return
    problems: list[Text] = []
    covered = {n.get("segment_profile_id") for n in needs}
    groups = [p for p in profiles_of(ctx, item) if p not in covered]
    if groups:
        problems.append(Text(f"нет потребностей групп клиентов: {', '.join(groups)}", f"no needs of the client groups: {', '.join(groups)}"))
    since = latest_map_change(ctx, item.ref.id)
    studied = latest(n.get("updated_on") for n in needs)
    if since is not None and (studied is None or studied < since):
        problems.append(Text(f"потребности последний раз обновлены {studied or '—'}, раньше актуализации карты ({since})",
                             f"needs were last updated on {studied or '—'}, before the journey map was updated ({since})"))
    if problems:
        yield Problem(item.at("typical_needs"), {"problems": problems})


@check("client_scenario.approved_and_current")
def approved_and_current(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.5: the scenario is approved by the reference date and kept current (a scenario still being designed is n/a)."""
    approved, updated = day(item.get("approved_on")), day(item.get("updated_on"))
    if approved is None or approved > ctx.as_of:
        if under_design(ctx, item):
            yield Problem(item.at(), {"reason": UNDER_DESIGN}, Outcome.NOT_APPLICABLE)
        else:
            yield Problem(item.at("approved_on"), {"problems": Text("сценарий не утверждён к отчётной дате (approved_on)",
                                                                    "the scenario is not approved by the reference date (approved_on)")})
        return
    problems: list[Text] = []
    if updated and updated < approved:
        problems.append(Text(f"дата актуализации {updated} раньше даты утверждения {approved}", f"updated on {updated}, before approval on {approved}"))
    last = last_change(item.data)
    if not ctx.is_fresh(last.isoformat() if last else None):
        days = ctx.config.freshness_days
        problems.append(Text(f"не актуализирован за {days} дн. (последнее изменение: {last})", f"not updated within {days} days (last change: {last})"))
    if problems:
        yield Problem(item.at("updated_on"), {"problems": problems})


@check("life_situation.registry_proposal")
def registry_proposal(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.5.1: the agency proposes life situations to the register; a proposal is dated by the reference date and cites its letter."""
    agency = ctx.declaration.agency
    proposals = list(enumerate(agency.get("registry_proposals") or []))
    if not proposals:
        yield Problem(agency.at(), {"problems": Text("ведомство не направляло предложений в реестр жизненных ситуаций (agency.registry_proposals)",
                                                     "the agency has sent no proposals to the register of life situations (agency.registry_proposals)")})
        return
    own = [(i, p) for i, p in proposals if p.get("life_situation_id") == item.ref.id]
    if not own:
        yield Problem(item.at(), {"reason": Text("предложение по этой ситуации направляло другое ведомство или Проектный офис",
                                                 "this situation was proposed by another body or by the Project Office")}, Outcome.NOT_APPLICABLE)
        return
    for i, proposal in own:
        problems = []
        if not ctx.approved_by_period_end(proposal.get("submitted_on")):
            problems.append(Text("не указана дата направления не позднее отчётной даты (submitted_on)",
                                 "no date of sending on or before the reference date (submitted_on)"))
        if not present(proposal.get("ref")):
            problems.append(Text("не указано письмо (ref)", "no letter cited (ref)"))
        if problems:
            yield Problem(agency.at(f"registry_proposals/{i}"), {"problems": problems})


@check("life_situation.register_complete")
def register_complete(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.5.1: the register entry has its sphere, segment profiles, client scenarios and the services of each scenario."""
    missing: list[Text] = []
    if not present(item.get("sphere")):
        missing.append(Text("сфера жизни (sphere)", "sphere of life (sphere)"))
    if not profiles_of(ctx, item):
        missing.append(Text("профили клиентских сегментов", "segment profiles"))
    scenarios = [s for s in ctx.declaration.of("client_scenario") if s.get("life_situation_id") == item.ref.id]
    if not scenarios:
        missing.append(Text("клиентские сценарии", "client scenarios"))
    empty = [s.ref.id for s in scenarios if not present(s.get("service_ids"))]
    if empty:
        missing.append(Text(f"услуги сценариев {', '.join(empty)}", f"the services of scenarios {', '.join(empty)}"))
    if missing:
        yield Problem(item.at(), {"life_situation": item.ref.id, "missing": missing})


_CAP = r"[А-ЯЁ][а-яё]+"
_PATRONYMIC = r"[А-ЯЁ][а-яё]+(?:ович|евич|ьич|овна|евна|ична|инична)"
IDENTIFIERS: tuple[tuple[Text, re.Pattern[str]], ...] = (
    (Text("адрес электронной почты", "e-mail address"), re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    (Text("СНИЛС", "SNILS"), re.compile(r"(?<!\d)\d{3}-\d{3}-\d{3}[ -]\d{2}(?!\d)|СНИЛС\D{0,5}\d{11}(?!\d)")),
    (Text("номер телефона", "phone number"),
     re.compile(r"(?<![\d\w])(?:\+7|8)[ -]?(?:\(\d{3,5}\)|\d{3,5})[ -]?\d{1,3}[ -]?\d{2}[ -]?\d{2}(?!\d)")),
    (Text("паспорт или ИНН", "passport or taxpayer number"),
     re.compile(r"(?:паспорт\w*|ИНН)\D{0,12}\d{2} ?\d{2} ?\d{6}(?:\d{2})?(?!\d)", re.IGNORECASE)),
    (Text("фамилия, имя и отчество", "full name"),
     re.compile(rf"\b{_CAP}(?:-{_CAP})? {_CAP} {_PATRONYMIC}\b|\b{_CAP} {_PATRONYMIC} {_CAP}\b")),
    (Text("фамилия с инициалами", "surname with initials"),
     re.compile(r"\b[А-ЯЁ]\. ?[А-ЯЁ]\. ?[А-ЯЁ][а-яё]{2,}|\b[А-ЯЁ][а-яё]{2,} [А-ЯЁ]\. ?[А-ЯЁ]\.")),
)
"""Personal identifiers a segment profile must not contain (4.3.5.3), with what each pattern finds."""

_NOT_TEXT = frozenset({"id", "life_situation_ids", "preferred_channels", "digital_skills", "client_kind", "updated_on"})


def _is_toll_free(match: str) -> bool:
    digits = re.sub(r"\D", "", match)
    return len(digits) != 11 or digits[1:4] == "800"


def personal_identifiers(data: Any, path: str = "") -> Iterator[tuple[str, Text]]:
    """(field path, kind) of every personal identifier found in the strings of a declaration mapping."""
    if isinstance(data, Mapping):
        for key, value in data.items():
            if key not in _NOT_TEXT:
                yield from personal_identifiers(value, f"{path}/{key}" if path else str(key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from personal_identifiers(value, f"{path}/{i}")
    elif isinstance(data, str):
        for kind, pattern in IDENTIFIERS:
            for match in pattern.finditer(data):
                if kind.en == "phone number" and _is_toll_free(match.group()):
                    continue
                yield path, kind
                break


@check("segment_profile.not_reidentifiable")
def not_reidentifiable(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.5.3: no client can be identified from a profile: anonymised, controls declared, no personal identifiers in it."""
    problems: list[Text] = []
    if item.get("anonymised") is not True:
        problems.append(Text("профиль не отмечен как обезличенный (anonymised: true)", "the profile is not marked anonymised (anonymised: true)"))
    if not present(item.get("reidentification_controls")):
        problems.append(Text("не описаны меры против идентификации клиентов (reidentification_controls)",
                             "no controls against re-identification are described (reidentification_controls)"))
    found = list(personal_identifiers(item.data))
    for path, kind in found:
        problems.append(Text(f"в поле {path} найден персональный идентификатор: {kind.ru}",
                             f"a personal identifier in {path}: {kind.en}"))
    if problems:
        yield Problem(item.at(found[0][0] if found else ""), {"problems": problems})


@check("client_scenario.updated_after_launches")
def updated_after_launches(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.5.5: the scenario was updated after the launch of each of its services (new, or reengineered by a project)."""
    if under_design(ctx, item):
        yield Problem(item.at(), {"reason": UNDER_DESIGN}, Outcome.NOT_APPLICABLE)
        return
    launches: dict[str, date] = {}
    for sid in item.get("service_ids") or []:
        service = ctx.declaration.find("service", sid)
        dates = [service.get("launched_on")] if service else []
        dates += [p.get("launch/production_on") for p in ctx.declaration.of("design_project") if sid in (p.get("service_ids") or [])]
        launched = latest(d for d in dates if (day(d) or date.max) <= ctx.as_of)
        if launched is not None:
            launches[sid] = launched
    if not launches:
        yield Problem(item.at(), {"reason": Text("у услуг сценария не указаны даты запуска", "no launch dates of the scenario's services")},
                      Outcome.NOT_APPLICABLE)
        return
    updated = last_change(item.data)
    later = [f"{sid} ({when})" for sid, when in launches.items() if updated is None or updated < when]
    if later:
        yield Problem(item.at("updated_on"), {"updated": updated or "—", "services": later})


@check("faq.kept_in_system")
def kept_in_system(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.5.7: the answer is kept in an information system and kept current."""
    problems: list[Text] = []
    if not present(item.get("system")):
        problems.append(Text("не указана информационная система (system)", "no information system (system)"))
    if not ctx.is_fresh(item.get("updated_on")):
        days = ctx.config.freshness_days
        problems.append(Text(f"не актуализирован за {days} дн. (updated_on: {item.get('updated_on') or '—'})",
                             f"not updated within {days} days (updated_on: {item.get('updated_on') or '—'})"))
    if problems:
        yield Problem(item.at(), {"problems": problems})


@check("client_scenario.meets_needs")
def meets_needs(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.5.8: the scenario meets needs that services can meet, has services, and is updated after those needs."""
    situation = ctx.declaration.find("life_situation", item.get("life_situation_id") or "")
    needs = [n for n in (situation.get("typical_needs") or [] if situation else [])
             if n.get("category") == "satisfiable" and n.get("client_scenario_id") == item.ref.id]
    if not needs and under_design(ctx, item):
        yield Problem(item.at(), {"reason": UNDER_DESIGN}, Outcome.NOT_APPLICABLE)
        return
    problems: list[Text] = []
    if not needs:
        problems.append(Text("ни одна удовлетворимая потребность жизненной ситуации не ссылается на сценарий (client_scenario_id)",
                             "no need of the life situation that services can meet names the scenario (client_scenario_id)"))
    if not present(item.get("service_ids")):
        problems.append(Text("в сценарии нет услуг (service_ids)", "the scenario has no services (service_ids)"))
    studied = latest(n.get("updated_on") for n in needs)
    updated = last_change(item.data)
    if studied is not None and studied <= ctx.as_of and (updated is None or updated < studied):
        problems.append(Text(f"сценарий изменён {updated or '—'}, раньше последнего изучения его потребностей ({studied})",
                             f"the scenario changed on {updated or '—'}, before its needs were last studied ({studied})"))
    if problems:
        yield Problem(item.at(), {"problems": problems})


@check("life_situation.in_design_needs_have_projects")
def in_design_needs_have_projects(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.5.8: every need that existing services cannot meet is worked on by a design project of the same life situation."""
    needs = [(i, n) for i, n in enumerate(item.get("typical_needs") or []) if n.get("category") == "in_design"]
    if not needs:
        yield Problem(item.at(), {"reason": Text("нет потребностей вида in_design", "no needs of kind in_design")}, Outcome.NOT_APPLICABLE)
        return
    problems = []
    for i, need in needs:
        project = ctx.declaration.find("design_project", need.get("design_project_id") or "")
        if project is None:
            problems.append((i, Text(f"{need.get('id')}: не указан проект (design_project_id)", f"{need.get('id')}: no project (design_project_id)")))
        elif present(project.get("life_situation_id")) and project.get("life_situation_id") != item.ref.id:
            problems.append((i, Text(f"{need.get('id')}: проект {project.ref.id} относится к другой жизненной ситуации",
                                     f"{need.get('id')}: project {project.ref.id} belongs to another life situation")))
    if problems:
        yield Problem(item.at(f"typical_needs/{problems[0][0]}"), {"needs": [t for _, t in problems]})


@check("faq.updated_after_needs")
def updated_after_needs(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.3.5.8: the answer was updated on or after the latest update of the typical needs of its life situation."""
    situation = ctx.declaration.find("life_situation", item.get("life_situation_id") or "")
    if situation is None:
        yield Problem(item.at(), {"reason": Text("вопрос не отнесён к жизненной ситуации", "the FAQ entry names no life situation")},
                      Outcome.NOT_APPLICABLE)
        return
    studied = latest(n.get("updated_on") for n in situation.get("typical_needs") or [] if (day(n.get("updated_on")) or date.max) <= ctx.as_of)
    if studied is None:
        yield Problem(situation.at(), {"reason": Text("у потребностей жизненной ситуации нет дат обновления",
                                                      "the needs of the life situation have no update dates")}, Outcome.NO_DATA)
        return
    updated = day(item.get("updated_on"))
    if updated is None or updated < studied:
        yield Problem(item.at("updated_on"), {"updated": item.get("updated_on") or "—", "needs_updated": studied.isoformat(),
                                              "life_situation": situation.ref.id})
