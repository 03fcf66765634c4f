"""The bad-input corpus: broken repositories and files, each applied to a copy of tests/rules/base.

A case is (id, command, files) where files maps a repository path to its new content: str (UTF-8 text), bytes
(written as is), None (deleted), ("dir",) (a directory in its place) or ("symlink", target). The expected message
of each case is in expected.yaml (reviewed; `pytest tests/hardening --update-golden` rewrites it).
"""

from __future__ import annotations

CP = "contact_points/portal.yaml"
CC = "contact_points/call-center.yaml"
AG = "declarations/agency.yaml"
CFG = "ccaudit.yaml"
REG = "declarations/registry.yaml"
SURVEY = "evidence/survey_answers.csv"
CALLS = "evidence/calls.csv"
HEAD = "answer_id,answered_at,question,value,service_id,life_situation_id,contact_point_id,request_id\n"
PORTAL = "id: portal\nkind: portal\ntitle: Тестовая точка (portal)\n"
LOCAL_CFG = "period: 2026-Q3\ntimezone: Europe/Moscow\npacks: [standard, local]\npack_dirs: [packs]\n"
OVERLAY = "packs/local/pack.yaml"
OVERLAY_RULES = "packs/local/rules.yaml"
OVERLAY_PACK = ("name: local\ntitle: {ru: Ведомственный стандарт, en: Departmental standard}\n"
                "document: Ведомственный стандарт (приказ № 1 от 01.02.2026)\nversion: '1'\nbase: standard\n")
RELAX = "relaxes:\n  - standard: '4.4.1'\n    rules: ['{rule}']\n    clause: '2'\n    wording: {{ru: «целесообразно», en: advisable}}\n    effect: lowered\n"
OVERLAY_RULE = ("rules:\n  - id: local.1-1\n    clause: '1(1)'\n    title: {ru: Т, en: T}\n    message: {ru: М, en: M}\n"
                "    modality: must\n    star_level: base\n    subject: agency\n    kind: not_checkable\n")

CASES: list[tuple[str, str, dict[str, object]]] = [
    # --- YAML syntax --------------------------------------------------------------------------------------------
    ("yaml-tab-indent", "validate", {CP: "id: portal\nkind: portal\n\ttitle: Портал\n"}),
    ("yaml-unclosed-double-quote", "validate", {CP: 'id: portal\nkind: portal\ntitle: "Портал\n'}),
    ("yaml-unclosed-single-quote", "validate", {CP: "id: portal\nkind: portal\ntitle: 'Портал\n"}),
    ("yaml-bad-indentation", "validate", {CP: "id: portal\nkind: portal\ntitle: Портал\n  url: https://x.ru\n"}),
    ("yaml-unclosed-flow", "validate", {CP: "id: portal\nkind: portal\ntitle: Портал\nlife_situation_ids: [ls-1\n"}),
    ("yaml-duplicate-key", "validate", {CP: "id: portal\nkind: portal\ntitle: Портал\ntitle: Ещё раз\n"}),
    ("yaml-duplicate-key-nested", "validate", {AG: "agency:\n  id: base\n  name: Ведомство\n  name: Снова\n"}),
    ("yaml-several-documents", "validate", {CP: PORTAL + "---\nid: other\n"}),
    ("yaml-python-tag", "validate", {CP: PORTAL + "description: !!python/object/apply:os.system ['echo pwned']\n"}),
    ("yaml-unknown-tag", "validate", {CP: PORTAL + "description: !include other.yaml\n"}),
    ("yaml-alias-bomb", "validate", {"declarations/bomb.yaml": "".join(
        f"{c}: &{c} [{', '.join([f'*{p}'] * 9) if p else ', '.join(['lol'] * 9)}]\n"
        for p, c in zip(["", "a", "b", "c", "d", "e", "f", "g", "h"], "abcdefghi", strict=True))}),
    ("yaml-deep-nesting", "validate", {CP: PORTAL + "note: " + "[" * 600 + "]" * 600 + "\n"}),
    ("yaml-top-level-list", "validate", {CP: "- id: portal\n- kind: portal\n"}),
    ("yaml-top-level-scalar", "validate", {CP: "просто текст\n"}),
    ("yaml-empty-file", "validate", {CP: ""}),
    ("yaml-only-comment", "validate", {CP: "# пусто\n"}),
    # --- YAML 1.1 traps -------------------------------------------------------------------------------------------
    ("trap-no-as-id", "validate", {CP: "id: no\nkind: portal\ntitle: Портал\n"}),
    ("trap-on-as-title", "validate", {CP: "id: portal\nkind: portal\ntitle: on\n"}),
    ("trap-time-sexagesimal", "validate", {CC: "id: call-center\nkind: call_center\ntitle: Линия\nhours:\n  weekly:\n"
                                                "    - {days: [mon], open: 9:30, close: 18:00}\n"}),
    ("trap-time-1-30-00", "validate", {CC: "id: call-center\nkind: call_center\ntitle: Линия\nhours:\n  weekly:\n"
                                            "    - {days: [mon], open: \"09:00\", close: 1:30:00}\n"}),
    ("trap-octal-id", "validate", {CP: "id: 0123\nkind: portal\ntitle: Портал\n"}),
    ("trap-period-number", "validate", {CFG: "period: 2026\ntimezone: Europe/Moscow\n"}),
    ("trap-yes-as-boolean", "validate", {CC: "id: call-center\nkind: call_center\ntitle: Линия\ncallback: {offered: yes}\n"}),
    # --- schema: types, enums, required, unknown fields ------------------------------------------------------------
    ("schema-unknown-kind", "validate", {CP: "id: portal\nkind: portall\ntitle: Портал\n"}),
    ("schema-missing-kind", "validate", {CP: "id: portal\ntitle: Портал\n"}),
    ("schema-missing-title", "validate", {CP: "id: portal\nkind: portal\n"}),
    ("schema-unknown-field", "validate", {CP: PORTAL + "titel: Опечатка\n"}),
    ("schema-wrong-type-list", "validate", {CP: PORTAL + "life_situation_ids: ls-1\n"}),
    ("schema-wrong-type-bool", "validate", {CC: "id: call-center\nkind: call_center\ntitle: Линия\ncallback: {offered: да}\n"}),
    ("schema-bad-enum-day", "validate", {CC: "id: call-center\nkind: call_center\ntitle: Линия\nhours:\n  weekly:\n"
                                              "    - {days: [пн], open: \"09:00\", close: \"18:00\"}\n"}),
    ("schema-bad-id-pattern", "validate", {CP: "id: Портал 1\nkind: portal\ntitle: Портал\n"}),
    ("schema-bad-date", "validate", {"declarations/maps.yaml": "journey_maps:\n  - {id: jm-2, life_situation_id: ls-1, approved_on: 31.02.2026}\n"}),
    ("config-bad-fail-on", "validate", {CFG: "period: 2026-Q3\ntimezone: Europe/Moscow\nfail_on: errors\n"}),
    ("config-bad-timezone", "validate", {CFG: "period: 2026-Q3\ntimezone: Moscow\n"}),
    ("config-bad-period", "validate", {CFG: "period: 2026-Q5\ntimezone: Europe/Moscow\n"}),
    ("config-impossible-range", "validate", {CFG: "period: '2026-02-30..2026-03-31'\ntimezone: Europe/Moscow\n"}),
    ("config-unknown-field", "validate", {CFG: "period: 2026-Q3\ntimezone: Europe/Moscow\npack: [standard]\n"}),
    ("config-unknown-pack", "validate", {CFG: "period: 2026-Q3\ntimezone: Europe/Moscow\npacks: [standart]\n"}),
    # --- overlay packs (the agency's own, in pack_dirs) --------------------------------------------------------------
    ("overlay-unknown-base", "validate", {CFG: LOCAL_CFG, OVERLAY: OVERLAY_PACK.replace("base: standard", "base: standart")}),
    ("overlay-relaxes-missing-rule", "validate", {CFG: LOCAL_CFG, OVERLAY: OVERLAY_PACK + RELAX.format(rule="4.4.1-z")}),
    ("overlay-duplicate-id", "validate", {CFG: LOCAL_CFG, OVERLAY: OVERLAY_PACK, OVERLAY_RULES: OVERLAY_RULE + OVERLAY_RULE.replace("rules:\n", "")}),
    ("overlay-id-without-prefix", "validate", {CFG: LOCAL_CFG, OVERLAY: OVERLAY_PACK,
                                               OVERLAY_RULES: OVERLAY_RULE.replace("id: local.1-1", "id: '1.1'")}),
    ("overlay-scope-unknown-field", "validate", {CFG: LOCAL_CFG, OVERLAY: OVERLAY_PACK + "scope:\n  fields: [service.electronik]\n"}),
    ("overlay-pack-name-differs", "validate", {CFG: LOCAL_CFG, OVERLAY: OVERLAY_PACK.replace("name: local", "name: localx")}),
    ("overlay-field-without-pack", "validate", {CC: "id: call-center\nkind: call_center\ntitle: Линия\ntrust_line: true\n"}),
    ("overlay-kind-without-pack", "validate", {"contact_points/reception.yaml": "id: reception\nkind: official_reception\ntitle: Личный приём\n"}),
    ("overlay-client-kind-without-pack", "validate", {REG: "segment_profiles:\n  - {id: sp-2, title: Перевозчики, client_kind: business}\n"}),
    ("config-pack-dir-outside", "validate", {CFG: "period: 2026-Q3\ntimezone: Europe/Moscow\npack_dirs: [../elsewhere]\n"}),
    # --- references and ids -----------------------------------------------------------------------------------------
    ("ref-unknown-life-situation", "validate", {CP: PORTAL + "life_situation_ids: [ls-404]\n"}),
    ("ref-duplicate-point-id", "validate", {"contact_points/portal-2.yaml": PORTAL}),
    ("ref-unknown-offhours-channel", "validate", {CC: "id: call-center\nkind: call_center\ntitle: Линия\noffhours_channel_id: bot-404\n"}),
    # --- encodings and file kinds -------------------------------------------------------------------------------
    ("enc-cp1251", "validate", {CP: PORTAL.encode("cp1251")}),
    ("enc-utf16", "validate", {CP: PORTAL.encode("utf-16")}),
    ("enc-bom-ok-but-bad-field", "validate", {CP: ("\ufeff" + PORTAL + "titel: x\n").encode("utf-8")}),
    ("enc-nul-bytes", "validate", {CP: b"id: portal\x00\nkind: portal\n"}),
    ("file-directory-instead", "validate", {CFG: ("dir",)}),
    ("file-symlink-outside", "validate", {CP: ("symlink", "/etc/hostname")}),
    ("csv-symlink-outside", "validate", {SURVEY: ("symlink", "/etc/passwd")}),
    ("file-missing-declarations", "validate", {AG: None, REG: None, "declarations/process.yaml": None}),
    ("file-missing-agency", "validate", {AG: None}),
    ("file-very-long-line", "validate", {CP: PORTAL + "description: " + "очень длинная строка " * 150000 + "\n"}),
    ("text-file-outside-repo", "validate", {CC: "id: call-center\nkind: call_center\ntitle: Линия\nscripts:\n"
                                                 "  - {id: s, title: S, direction: inbound, call_type: general,"
                                                 " steps: [{kind: greeting, file: ../../etc/passwd}]}\n"}),
    ("text-file-missing", "validate", {CC: "id: call-center\nkind: call_center\ntitle: Линия\nscripts:\n"
                                            "  - {id: s, title: S, direction: inbound, call_type: general,"
                                            " steps: [{kind: greeting, file: texts/нет.md}]}\n"}),
    # --- evidence CSV -------------------------------------------------------------------------------------------
    ("csv-wrong-column-count", "validate", {SURVEY: HEAD + "a1,2026-08-01,ease,Легко,,,,,extra,more\n"}),
    ("csv-bad-quoting", "validate", {SURVEY: HEAD + 'a1,2026-08-01,ease,"Легко,,,,\n'}),
    ("csv-bad-date", "validate", {SURVEY: HEAD + "a1,31.02.2026,ease,Легко,,,,\n"}),
    ("csv-semicolon-delimiter", "validate", {SURVEY: HEAD.replace(",", ";") + "a1;2026-08-01;ease;Легко;;;;\n"}),
    ("csv-unknown-file", "validate", {"evidence/opros.csv": "a,b\n1,2\n"}),
    ("csv-missing-required-column", "validate", {SURVEY: "answer_id,question,value\na1,ease,4\n"}),
    ("csv-unknown-column", "validate", {SURVEY: HEAD.strip() + ",phone\na1,2026-08-01,ease,4,,,,,x\n"}),
    ("csv-bad-grade", "validate", {SURVEY: HEAD + "a1,2026-08-01,ease,Удовлетворён,,,,\n"}),
    ("csv-personal-data", "validate", {"evidence/service_requests.csv": "request_id,user_id,service_id,requested_at\n"
                                                                          "r1,+7 (912) 345-67-89,svc-1,2026-08-01\n"}),
    ("csv-empty-file", "validate", {CALLS: ""}),
    ("csv-negative-int", "validate", {CALLS: "call_id,contact_point_id,offered_at,transfers\nc1,call-center,2026-08-01,-1\n"}),
    ("csv-bad-enum", "validate", {CALLS: "call_id,contact_point_id,offered_at,handled_by\nc1,call-center,2026-08-01,bot\n"}),
    # --- waivers and tailoring ------------------------------------------------------------------------------------
    ("waiver-unknown-rule", "validate", {CFG: "period: 2026-Q3\ntimezone: Europe/Moscow\nwaivers: waivers.yaml\n",
                                         "waivers.yaml": "waivers:\n  - {rule: 9.9.9, item: portal, justification: Временно до запуска,"
                                                         " approved_by: Иванов И.И., expires: 2026-12-31}\n"}),
    ("waiver-malformed-expiry", "validate", {CFG: "period: 2026-Q3\ntimezone: Europe/Moscow\nwaivers: waivers.yaml\n",
                                             "waivers.yaml": "waivers:\n  - {rule: 4.6.3.1, item: call-center, justification: Временно до "
                                                             "запуска, approved_by: Иванов И.И., expires: скоро}\n"}),
    ("waiver-missing-justification", "validate", {CFG: "period: 2026-Q3\ntimezone: Europe/Moscow\nwaivers: waivers.yaml\n",
                                                  "waivers.yaml": "waivers:\n  - {rule: 4.6.3.1, item: call-center, approved_by: Иванов,"
                                                                  " expires: 2026-12-31}\n"}),
    ("tailoring-unknown-rule", "validate", {CFG: "period: 2026-Q3\ntimezone: Europe/Moscow\ntailoring:\n  disabled:\n"
                                                 "    - {rule: 4.6.3.99, justification: Не применяется к нашему ведомству}\n"}),
    ("tailoring-bad-severity", "validate", {CFG: "period: 2026-Q3\ntimezone: Europe/Moscow\ntailoring:\n  severity: {4.6.3.1: fatal}\n"}),
    # --- command-line mistakes ------------------------------------------------------------------------------------
    ("cli-baseline-not-json", "audit", {"baseline.json": "{oops"}),
]
