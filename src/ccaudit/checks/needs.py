"""Checks for section 4.3: data on clients, typical needs, scenarios for needs, FAQ."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
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






