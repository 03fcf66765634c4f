"""Building blocks of the HTML report: the stylesheet, star colours, escaping, star glyphs, tables and messages
with the agency's quoted words marked."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

from ccaudit.model.finding import Finding, Outcome
from ccaudit.model.privacy import mask
from ccaudit.model.result import AuditResult
from ccaudit.model.rule import fill, show
from ccaudit.report.base import message

STAR_COLOURS = {0: "#991b1b", 1: "#dc2626", 2: "#ea580c", 3: "#ca8a04", 4: "#65a30d", 5: "#15803d"}
"""One colour per star level (0 is below 1★), shared by the glyphs and the charts."""
NA_COLOUR = "#9ca3af"

STYLE = """
:root{--ink:#111827;--text:#1f2937;--muted:#6b7280;--line:#e5e7eb;--soft:#f3f4f6;--tint:#f9fafb;--accent:#1e40af}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;color:var(--text);background:#fff;font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",
"Noto Sans","Liberation Sans",Arial,sans-serif;font-variant-numeric:tabular-nums}
main{max-width:1080px;margin:0 auto;padding:40px 36px 64px}
h1{font-size:30px;line-height:1.2;margin:6px 0 14px;color:var(--ink)}
h2{font-size:22px;margin:48px 0 16px;padding-bottom:6px;border-bottom:2px solid var(--ink);color:var(--ink)}
h2 .no{color:var(--muted);font-weight:400;margin-right:10px}
h3{font-size:17px;margin:30px 0 8px;color:var(--ink)}
h3 .sub,.muted{color:var(--muted);font-weight:400}
.small{font-size:13px}p{margin:6px 0 12px}
.rid,.chip,.loc,code{font-family:ui-monospace,"SFMono-Regular","Cascadia Mono","DejaVu Sans Mono",Menlo,Consolas,monospace}
.loc{font-size:12px;color:var(--muted);display:block;margin-top:2px;overflow-wrap:anywhere}
.rid{font-size:13px;overflow-wrap:anywhere}
header{border-bottom:1px solid var(--line);padding-bottom:22px;display:flex;gap:32px;align-items:flex-end;justify-content:space-between}
.overline{text-transform:uppercase;letter-spacing:.08em;font-size:12px;font-weight:600;color:var(--accent)}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:0;font-size:14px}
dl.meta dt{color:var(--muted)}dl.meta dd{margin:0}
.badge-stars{text-align:center;min-width:220px}.badge-stars .num{font-size:14px;color:var(--muted);margin-top:8px}
.glyphs{font-size:34px;letter-spacing:3px;line-height:1;white-space:nowrap}.glyphs.sm{font-size:17px;letter-spacing:1px}
nav.toc{margin:24px 0 0;padding:14px 20px;background:var(--tint);border:1px solid var(--line);border-radius:8px}
nav.toc h2{border:0;font-size:13px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted);margin:0 0 6px;padding:0}
nav.toc ol{columns:2;column-gap:40px;margin:0;padding-left:22px}nav.toc li{padding:1px 0}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
.verdict{display:grid;grid-template-columns:auto 1fr;gap:28px;align-items:center;border:1px solid var(--line);border-radius:10px;padding:20px 24px}
.verdict .glyphs{font-size:44px}.verdict .label{font-size:13px;color:var(--muted);margin-top:8px}
.tiles{display:grid;grid-template-columns:repeat(4,1fr);gap:12px}
.tile{border-left:3px solid var(--line);padding:2px 0 2px 12px}.tile b{display:block;font-size:24px;line-height:1.2;color:var(--ink)}
.tile span{font-size:13px;line-height:1.4;display:block;color:var(--muted)}.tile.bad{border-color:#dc2626}
ul.limits{list-style:none;padding:0;margin:8px 0}ul.limits>li{margin:8px 0}ul.limits ul{margin:4px 0;padding-left:20px}
.chips{display:flex;flex-wrap:wrap;gap:4px;margin-top:4px}
.chip{font-size:12px;background:var(--soft);border-radius:4px;padding:1px 6px}
table{border-collapse:collapse;width:100%;table-layout:fixed;margin:8px 0 18px;font-size:14px}
th,td{text-align:left;vertical-align:top;padding:7px 10px;border-bottom:1px solid var(--line);overflow-wrap:break-word}
thead th{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);font-weight:600;border-bottom:2px solid var(--line)}
td.num,th.num{text-align:right}td.nowrap{white-space:nowrap}
tr.clause th{background:var(--tint);font-size:13px;font-weight:600;color:var(--ink);padding:5px 10px}
tfoot th{border-top:2px solid var(--line);border-bottom:0}
.sev,.out{display:inline-block;font-size:12px;font-weight:600;border-radius:4px;padding:0 6px;white-space:nowrap}
.sev-error{color:#991b1b;background:#fee2e2}.sev-warning{color:#92400e;background:#fef3c7}.sev-info{color:#1e40af;background:#dbeafe}
.out{font-weight:400;border:1px solid var(--line);color:var(--muted);margin-top:4px}.out-fail{color:#991b1b;border-color:#fecaca}
.out-error{color:#6b21a8;border-color:#e9d5ff}.out-waived{color:#92400e;border-color:#fde68a}
.ok{color:#166534}.warn{color:#991b1b;font-weight:600}
mark{background:#fef08a;color:inherit;padding:0 2px;border-radius:2px}
.value{font-size:18px;font-weight:600;color:var(--ink)}
.tag{display:inline-block;white-space:nowrap;font-size:11px;color:var(--muted);border:1px solid var(--line);border-radius:3px;padding:0 5px;margin-top:3px}
.tag.close{color:#92400e;border-color:#fde68a;background:#fffbeb}
.next{color:var(--muted);font-size:13px;margin-top:2px}.note{color:var(--muted);font-size:13px}
svg{display:block;overflow:visible}svg text{font-family:inherit}svg.stars-chart{margin:8px 0}svg.band-bar,svg.ladder-bar{margin:2px 0 6px;max-width:100%;height:auto}
footer{margin-top:56px;padding-top:12px;border-top:1px solid var(--line);font-size:12px;color:var(--muted)}
@page{size:A4;margin:14mm 12mm 16mm}
@media print{
body{font-size:10pt;background:#fff;color:#000}main{max-width:none;padding:0}
section{break-before:page}section.first{break-before:auto}
h2,h3,p.note,tr.clause{break-after:avoid}tr,.verdict,.tiles,svg{break-inside:avoid}
nav.toc,tr.clause th,.chip,.tag.close{background:#fff}
a{color:inherit}svg,mark,.sev,.glyphs{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
"""
"""The whole stylesheet, inline in the page: system fonts only, nothing fetched; light backgrounds in print."""


def e(value: object) -> str:
    """Escape a value for HTML text and attributes (quotes included)."""
    return escape(str(value), quote=True)


def glyphs(stars: int | None, size: str = "") -> str:
    """Coloured star glyphs, "★★☆☆☆" (grey dashes for n/a); `size` "sm" inside tables."""
    cls = f"glyphs {size}".strip()
    if stars is None:
        return f'<span class="{cls}" style="color:{NA_COLOUR}">–––––</span>'
    return f'<span class="{cls}" style="color:{STAR_COLOURS[stars]}">{"★" * stars}{"☆" * (5 - stars)}</span>'


QUOTED = ("found", "sentence", "text", "refs")
"""Check args that quote the agency's own words; the report marks them in the message."""
OPEN, CLOSE = "\x0e", "\x0f"
"""Sentinels around quoted words while a message is filled; they become <mark> after escaping."""
NUM = ' class="num"'
Column = tuple[str, str, bool]
"""(header, width as CSS ("110px", "30%", "" for the rest), right-aligned number)."""


def table(cls: str, columns: Sequence[Column], rows: Iterable[str], foot: str = "") -> str:
    """A table with fixed column widths, so that long values wrap inside their column instead of widening it."""
    cols = "".join(f'<col style="width:{width}">' if width else "<col>" for _, width, _ in columns)
    head = "".join(f"<th{NUM if num else ''}>{e(label)}</th>" for label, _, num in columns)
    tail = f"<tfoot>{foot}</tfoot>" if foot else ""
    return (f'<table class="{cls}"><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead><tbody>\n'
            + "\n".join(rows) + f"\n</tbody>{tail}</table>")


def clause_key(clause: str) -> tuple[Any, ...]:
    """Document order of clause numbers and rule ids: 4.6.3.10 after 4.6.3.9, letters after numbers."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in clause.replace("-", ".").split("."))


def clip(text: str, most: int) -> str:
    """At most `most` characters, an ellipsis marking a cut."""
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def quoted_message(result: AuditResult, f: Finding, lang: str) -> str:
    """The finding's message as HTML: escaped, with the agency's own words that the check quotes in <mark>.

    The result carries no file contents, so the quotes are what the check put in its args (the words a text
    defect matched, the longest sentence, an error text, references to legal acts)."""
    if f.outcome not in (Outcome.FAIL, Outcome.WAIVED) or not any(k in f.args for k in QUOTED):
        return e(message(result, f, lang))

    def plain(value: object) -> str:
        return show(value, lang).replace(OPEN, "").replace(CLOSE, "")

    def mark(value: object, key: str) -> object:
        if isinstance(value, (list, tuple)):
            return [mark(x, key) for x in value]
        text = plain(value)
        # "refs" quotes legal acts in «» (written texts) but lists research ids elsewhere; "—" stands for nothing.
        if text in ("", "—") or (key == "refs" and not text.startswith("«")):
            return text
        return OPEN + text + CLOSE

    args = {k: mark(v, k) if k in QUOTED else plain(v) for k, v in f.args.items()}
    text = mask(fill(result.rule(f.rule_id).message.get(lang), args, lang))
    return e(text).replace(OPEN, "<mark>").replace(CLOSE, "</mark>")
