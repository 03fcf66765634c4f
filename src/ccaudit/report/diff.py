"""Progress between two runs (`ccaudit diff OLD.json NEW.json`): new, fixed and still-failing findings by structural
fingerprint, and the star changes of the agency and each point of contact. Works on the canonical JSON reports, so
any two saved reports compare, whatever ccaudit version audited them since schema_version 1 with fingerprints."""

from __future__ import annotations

import json
from dataclasses import dataclass
from io import StringIO
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table

from ccaudit.model.rule import Text
from ccaudit.report.i18n import stars_text

FAILED = ("fail", "error")
WORDS = {
    "title": Text("Изменения между запусками", "Changes between runs"),
    "agency": Text("Орган власти", "Agency"),
    "unit": Text("Единица", "Unit"),
    "before": Text("Было", "Before"),
    "after": Text("Стало", "After"),
    "new": Text("Новые замечания", "New findings"),
    "fixed": Text("Исправлено", "Fixed"),
    "still": Text("Остались", "Still failing"),
    "none": Text("нет", "none"),
    "stars": Text("Звёзды", "Stars"),
    "absent": Text("нет в отчёте", "not in the report"),
    "still_hint": Text("список — в --format markdown или json", "listed by --format markdown or json"),
}


def w(key: str, lang: str) -> str:
    return WORDS[key].get(lang)


@dataclass(frozen=True, slots=True)
class ReportDiff:
    """What changed: findings as they appear in the JSON reports, and stars (None = n/a, "absent" = no such unit)."""

    new: tuple[dict[str, Any], ...]
    fixed: tuple[dict[str, Any], ...]
    still: tuple[dict[str, Any], ...]
    stars: tuple[tuple[str, str, object, object], ...]
    """(unit id, kind, stars before, stars after) for the agency first, then every point in either report."""

    def document(self) -> dict[str, Any]:
        def short(f: dict[str, Any]) -> dict[str, Any]:
            return {k: f.get(k) for k in ("fingerprint", "rule", "status", "severity", "point_of_contact", "message", "location")}

        return {"new": [short(f) for f in self.new], "fixed": [short(f) for f in self.fixed],
                "still_failing": [short(f) for f in self.still],
                "stars": [{"unit": u, "kind": k, "before": b, "after": a, "changed": b != a} for u, k, b, a in self.stars],
                "summary": {"new": len(self.new), "fixed": len(self.fixed), "still_failing": len(self.still)}}


def compare(old: dict[str, Any], new: dict[str, Any]) -> ReportDiff:
    """Compare two canonical JSON reports (already checked to have fingerprints)."""
    def failing(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
        return {f["fingerprint"]: f for f in report["findings"] if f["status"] in FAILED}

    before, after = failing(old), failing(new)
    order = _order
    added = tuple(sorted((after[k] for k in after.keys() - before.keys()), key=order))
    fixed = tuple(sorted((before[k] for k in before.keys() - after.keys()), key=order))
    still = tuple(sorted((after[k] for k in after.keys() & before.keys()), key=order))
    points_before = {p["id"]: p for p in old.get("points_of_contact", [])}
    points_after = {p["id"]: p for p in new.get("points_of_contact", [])}
    stars: list[tuple[str, str, object, object]] = [
        (new["agency"]["id"], "agency", old["agency"].get("stars"), new["agency"].get("stars"))]
    for pid in sorted(points_before.keys() | points_after.keys()):
        b, a = points_before.get(pid), points_after.get(pid)
        kind = (a or b or {}).get("kind", "")
        stars.append((pid, kind, b["stars"] if b else "absent", a["stars"] if a else "absent"))
    return ReportDiff(added, fixed, still, tuple(stars))


def _order(f: dict[str, Any]) -> tuple[Any, ...]:
    rank = {"error": 0, "warning": 1, "info": 2}
    loc = f.get("location") or {}
    return (rank.get(f.get("severity", ""), 3), loc.get("path") or "", loc.get("line") or 0, f.get("rule", ""), f["fingerprint"])


def _stars(value: object, lang: str) -> str:
    if value == "absent":
        return w("absent", lang)
    return stars_text(value if isinstance(value, int) else None, lang)


def _where(f: dict[str, Any]) -> str:
    loc = f.get("location") or {}
    return f"{loc.get('path')}:{loc.get('line')}" if loc.get("line") else str(loc.get("path"))


def render_json(diff: ReportDiff) -> str:
    return json.dumps(diff.document(), ensure_ascii=False, indent=2) + "\n"


def render_terminal(diff: ReportDiff, lang: str, width: int = 100) -> str:
    buffer = StringIO()
    console = Console(file=buffer, width=width, no_color=True, force_terminal=False, color_system=None, emoji=False,
                      highlight=False)
    console.print(f"{w('title', lang)}: {w('new', lang).lower()} {len(diff.new)} · {w('fixed', lang).lower()} "
                  f"{len(diff.fixed)} · {w('still', lang).lower()} {len(diff.still)}")
    table = Table(title=w("stars", lang), box=box.SIMPLE_HEAD, title_justify="left", pad_edge=False)
    for column in ("unit", "before", "after"):
        table.add_column(w(column, lang), no_wrap=True)
    for unit, kind, before, after in diff.stars:
        mark = "" if before == after else ("  ▲" if _rank(after) > _rank(before) else "  ▼")
        table.add_row(f"{unit} ({kind})", _stars(before, lang), _stars(after, lang) + mark)
    console.print(table)
    for key, items in (("new", diff.new), ("fixed", diff.fixed)):
        console.print(f"{w(key, lang)} ({len(items)})" + ("" if items else f": {w('none', lang)}"), markup=False)
        for f in items:
            console.print(f"  {'+' if key == 'new' else '-'} {f['rule']} [{f['severity']}] {f['message']}  ({_where(f)})",
                          markup=False, overflow="fold")
    console.print(f"{w('still', lang)}: {len(diff.still)} ({w('still_hint', lang)})", markup=False)
    return buffer.getvalue()


def _rank(value: object) -> int:
    return value if isinstance(value, int) else -1


def _md(text: object) -> str:
    out = str(text)
    for ch in "\\|*_`<>[]":
        out = out.replace(ch, "\\" + ch)
    return out.replace("\n", " ")


def render_markdown(diff: ReportDiff, lang: str) -> str:
    lines = [f"### {w('title', lang)}", "",
             f"**{w('new', lang)}: {len(diff.new)}** · {w('fixed', lang)}: {len(diff.fixed)} · {w('still', lang)}: {len(diff.still)}",
             "", f"| {w('unit', lang)} | {w('before', lang)} | {w('after', lang)} |", "| --- | --- | --- |"]
    for unit, kind, before, after in diff.stars:
        changed = "**" if before != after else ""
        lines.append(f"| {_md(unit)} ({_md(kind)}) | {_stars(before, lang)} | {changed}{_stars(after, lang)}{changed} |")
    for key, items, open_ in (("new", diff.new, True), ("fixed", diff.fixed, False), ("still", diff.still, False)):
        lines += ["", f"<details{' open' if open_ else ''}><summary>{w(key, lang)} ({len(items)})</summary>", ""]
        lines += [f"- **{_md(f['rule'])}** ({_md(f['severity'])}): {_md(f['message'])} — {_md(_where(f))}" for f in items] \
            or [f"- {w('none', lang)}"]
        lines += ["", "</details>"]
    return "\n".join(lines) + "\n"
