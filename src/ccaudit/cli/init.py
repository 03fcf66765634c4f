"""`ccaudit init`: scaffold a valid agency repository (commented Russian YAML, a sample script and template, empty
evidence files with their headers) that validates and audits; existing files are never overwritten."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from ccaudit.cli.base import EXIT_INPUT, EXIT_OK, app, err, write_all
from ccaudit.evidence.contracts import CONTRACTS
from ccaudit.model.declaration import CONTACT_POINT_KINDS
from ccaudit.model.period import Period
from ccaudit.model.schema import schema_text

EDITOR_SCHEMAS = ("config", "declaration", "contact_point", "waivers", "attestations")
TITLES = {
    "portal": "Официальный портал", "mobile_app": "Мобильное приложение", "call_center": "Контакт-центр",
    "voice_assistant": "Голосовой помощник", "written": "Письменные обращения", "social": "Официальное сообщество в соцсети",
    "chatbot": "Чат-бот на портале", "in_person": "Приёмная", "one_window": "Многофункциональный центр",
    "long_stay": "Учреждение с круглосуточным пребыванием",
}
FILE_NAMES = {k: k.replace("_", "-") for k in CONTACT_POINT_KINDS}


def _slug(name: str) -> str:
    """A short Latin id from the agency's name, e.g. «Министерство труда» → "agency" when nothing Latin is left."""
    latin = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return latin[:40] or "agency"


def _schema_line(name: str, depth: int) -> str:
    """The editor's schema line, pointing at the copy of the schema the scaffold writes to .schemas/."""
    return f"# yaml-language-server: $schema={'../' * depth}.schemas/{name}.schema.json\n"


def scaffold(agency_name: str, agency_id: str, kinds: list[str], today: date) -> dict[str, str]:
    """Relative path → text of every file of a new repository."""
    period = Period.containing(today)
    files: dict[str, str] = {}
    files["ccaudit.yaml"] = _schema_line("config", 0) + f"""\
# Настройки самооценки по Стандарту «Государство для людей» (ccaudit).
# Схемы для подсказок редактора лежат в .schemas/ (обновить: ccaudit schema config > .schemas/config.schema.json
# и так для declaration, contact_point, waivers, attestations).
packs: [standard]
# Оцениваемый период: квартал (2026-Q3), год (2026) или даты (2026-07-01..2026-08-31).
period: {period}
# Часовой пояс органа власти: по нему считаются периоды в журналах evidence/.
timezone: Europe/Moscow
# Целевой уровень клиентоцентричности (1–5): при 5 требования «максимального уровня» становятся ошибками.
target_level: 3
# Код возврата 1 при замечаниях этой важности и выше (error, warning, info, never).
fail_on: error
lang: ru
"""
    files["declarations/agency.yaml"] = _schema_line("declaration", 1) + f"""\
# Орган власти. Полный перечень полей: docs/declaration-reference.md.
agency:
  id: {agency_id}
  name: {agency_name}
  short_name: {agency_name[:30]}
"""
    files["declarations/registry.yaml"] = _schema_line("declaration", 1) + """\
# Реестр жизненных ситуаций, профилей сегментов клиентов и услуг. Замените примеры своими.
life_situations:
  - id: ls-birth
    title: Рождение ребёнка
    responsible_bodies: [Министерство социальной защиты]
segment_profiles:
  - id: sp-young-parents
    title: Молодые родители
    life_situation_ids: [ls-birth]
services:
  - id: svc-birth-payment
    title: Назначение единовременной выплаты при рождении ребёнка
client_scenarios: []
journey_maps: []
faq:
  - id: faq-apply
    question: Как подать заявление на выплату?
    answer: Заявление можно подать на портале Госуслуг, в МФЦ или в приёмной. Решение — в течение 10 рабочих дней.
"""
    for kind in kinds:
        body = f"id: {FILE_NAMES[kind]}\nkind: {kind}\ntitle: {TITLES[kind]}\n"
        if kind == "call_center":
            body += """\
# Скрипты разговоров (п. 4.6.3): шаги по порядку, текст — в строке или в файле texts/.
scripts:
  - id: in-general
    title: Входящий звонок — общий скрипт
    direction: inbound
    call_type: general
    steps:
      - kind: greeting
        file: texts/call-center/greeting.md
      - kind: clarify
        text: "Подскажите, пожалуйста, по какому вопросу вы звоните?"
      - kind: answer
        faq_id: faq-apply
        text: "Заявление можно подать на портале Госуслуг, в МФЦ или в приёмной. Решение придёт за 10 рабочих дней."
      - kind: farewell_satisfied
        text: "Спасибо за звонок! Если появятся вопросы, звоните. Всего доброго."
"""
            files["texts/call-center/greeting.md"] = "Здравствуйте! Контакт-центр министерства, меня зовут {имя}. Чем могу помочь?\n"
        if kind == "written":
            body += """\
# Шаблоны письменных ответов (п. 4.6.4): текст в файле, формат markdown или text.
answer_templates:
  - id: wt-ack
    category: acknowledgement
    title: Уведомление о получении обращения
    format: markdown
    file: texts/written/acknowledgement.md
"""
            files["texts/written/acknowledgement.md"] = (
                "Здравствуйте, {имя отчество}!\n\nМы получили ваше обращение {дата} и зарегистрировали его под номером {номер}. "
                "Ответим не позднее {срок ответа}.\n\nЕсли появятся вопросы, позвоните нам: {телефон}.\n")
        files[f"contact_points/{FILE_NAMES[kind]}.yaml"] = _schema_line("contact_point", 1) + \
            f"# Точка взаимодействия: {TITLES[kind].lower()}. Поля вида {kind}: docs/declaration-reference.md.\n" + body
    for name in EDITOR_SCHEMAS:
        files[f".schemas/{name}.schema.json"] = schema_text(name)
    for contract in CONTRACTS.values():
        files[contract.file] = ",".join(c.name for c in contract.columns) + "\n"
    files["README.md"] = f"""\
# Самооценка клиентоцентричности: {agency_name}

Репозиторий деклараций для ccaudit: точки взаимодействия (`contact_points/`), жизненные ситуации и услуги
(`declarations/`), тексты скриптов и шаблонов (`texts/`) и журналы (`evidence/`: пока только заголовки столбцов).

```
ccaudit validate .      # проверить файлы
ccaudit audit .         # самооценка: звёзды и замечания
ccaudit metrics .       # показатели раздела 6
```
"""
    return files


@app.command(epilog="Example:  ccaudit init minsoc-repo --agency-name 'Министерство социальной защиты' --kinds portal,call_center,written")
def init(
    directory: Annotated[Path, typer.Argument(help="Directory of the new repository (created if missing; existing files are kept).")],
    agency_name: Annotated[str, typer.Option("--agency-name", help="The agency's full name, in Russian.")] = "Министерство (укажите название)",
    agency_id: Annotated[str | None, typer.Option("--agency-id", help="A short Latin id (default: from the name, else 'agency').")] = None,
    kinds: Annotated[str, typer.Option("--kinds", help=f"Points of contact to scaffold, comma-separated: {', '.join(CONTACT_POINT_KINDS)}.")] = "portal,call_center,written",
) -> None:
    """Create a new agency repository that validates and audits: commented YAML, a sample call script and answer
    template, and evidence files with their column headers. Refuses to overwrite any existing file.
    """
    chosen = [k.strip() for k in kinds.split(",") if k.strip()]
    unknown = [k for k in chosen if k not in CONTACT_POINT_KINDS]
    if unknown or not chosen:
        err(f"ccaudit: unknown kind(s) {', '.join(unknown) or '(none given)'}; choose from {', '.join(CONTACT_POINT_KINDS)}")
        raise typer.Exit(EXIT_INPUT)
    ident = agency_id or _slug(agency_name)
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", ident):
        err(f"ccaudit: --agency-id '{ident}' must be lower-case Latin letters, digits and hyphens")
        raise typer.Exit(EXIT_INPUT)
    files = scaffold(agency_name, ident, chosen, date.today())
    if directory.exists() and not directory.is_dir():
        err(f"ccaudit: {directory}: error: is a file, not a directory\n  hint: give a new or empty directory")
        raise typer.Exit(EXIT_INPUT)
    existing = sorted(rel for rel in files if (directory / rel).exists() or (directory / rel).is_symlink())
    if existing:
        more = f" and {len(existing) - 5} more" if len(existing) > 5 else ""
        err(f"ccaudit: {directory}: error: would overwrite {', '.join(existing[:5])}{more}; nothing was written\n"
            "  hint: choose an empty directory, or move these files away")
        raise typer.Exit(EXIT_INPUT)
    try:
        write_all([(directory / rel, text) for rel, text in sorted(files.items())])
    except OSError as exc:
        err(f"ccaudit: {directory}: error: cannot write the repository: {exc.strerror or exc}\n"
            "  hint: check the path and its permissions; nothing was written")
        raise typer.Exit(EXIT_INPUT) from None
    typer.echo(f"created {len(files)} files in {directory}; next: ccaudit validate {directory}")
    raise typer.Exit(EXIT_OK)
