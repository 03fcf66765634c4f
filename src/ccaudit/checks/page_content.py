"""Checks on saved pages for content and style (4.6.1.11–4.6.1.13): media, images, markup, links, files and stylesheets."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from ccaudit.checks.saved_pages import Found, SavedPage, element_at, judge_pages, measured, page_params
from ccaudit.engine.registry import CheckContext, check
from ccaudit.html import Element, Page, StyleRule
from ccaudit.html.images import gif_delays, local_image
from ccaudit.model.declaration import Item
from ccaudit.model.finding import Outcome, Problem
from ccaudit.model.rule import Text

PLAYER_HOSTS = re.compile(r"(?i)youtube\.com|youtu\.be|rutube\.ru|vk\.com/video|vkvideo\.ru|player|dzen\.ru/embed|vimeo\.com")
"""Embedded players among iframes."""
FILE_NAME = re.compile(r"(?i)^[\w.-]+\.(mp4|webm|ogg|ogv|mp3|wav|avi|mov|mkv|m4a|flv)$")
CONVERSION_FORMATS = ("zip", "rar", "7z", "tar", "gz", "tgz", "bz2", "arj", "tif", "tiff", "djvu", "djv", "xps", "cdr", "dwg",
                      "psd", "odg", "sig", "p7s", "exe")
"""Linked file types that need unpacking or special software to read (4.6.1.11, B20); params.extensions replaces it."""
VAGUE_LINKS = ("здесь", "тут", "подробнее", "далее", "по ссылке", "ссылка", "перейти", "читать далее", "читать", "узнать больше",
               "нажмите здесь", "нажмите", "кликните", "жмите", "больше", "ещё", "еще", "click here", "here", "more", "read more",
               "link", "»", ">>", "→")
"""Link texts that do not say where the link leads (4.6.1.12); params.phrases replaces the list."""
TEXT_IMAGE_NAME = re.compile(r"(?i)(banner|баннер|text|tekst|текст|obyavlen|объявлен|scan|скан|prikaz|приказ|zayavlen|заявлен|"
                             r"instrukc|инструкц|raspisan|расписан|tablic|таблиц|memo|памятк)")
"""Image file names that suggest a picture of text: banners, notices, scans, timetables."""


def _name(page: Page, element: Element) -> str:
    """The accessible name of a media element or player: title, aria-label(ledby), figcaption or a caption track label."""
    pieces = [element.attrs.get("title", ""), element.attrs.get("aria-label", "")]
    pieces += [t.text for r in element.attrs.get("aria-labelledby", "").split() if (t := page.by_id(r)) is not None]
    for ancestor in page.ancestors(element):
        if ancestor.tag == "figure":
            pieces += [d.text for d in page.descendants(ancestor) if d.tag == "figcaption"]
            break
    return " ".join(p for p in pieces if p).strip()


def media(page: Page) -> list[Element]:
    """Video and audio elements and embedded players (iframes of video hosts, objects, embeds)."""
    found = page.find("video", "audio", "object", "embed")
    return found + [e for e in page.find("iframe") if PLAYER_HOSTS.search(e.attrs.get("src", ""))]


@check("page.media_titled", params=page_params())
def media_titled(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.11: every video, audio and embedded player has a meaningful title (not empty, not a file name)."""

    def judge(saved: SavedPage) -> Found:
        for e in media(saved.page):
            name = _name(saved.page, e)
            if not name or FILE_NAME.match(name) or len(name) < 3:
                yield e, {"element": e.tag, "title": name or "—"}

    yield from judge_pages(ctx, item, judge)


@check("page.no_autoplay", params=page_params())
def no_autoplay(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.11: no media element plays by itself (autoplay attribute, or autoplay=1 in an embedded player's address)."""

    def judge(saved: SavedPage) -> Found:
        for e in media(saved.page):
            src = e.attrs.get("src", "") + " " + e.attrs.get("data", "")
            if e.has("autoplay") or re.search(r"(?i)[?&](autoplay|auto_play)=(1|true)", src):
                yield e, {"element": e.tag}

    yield from judge_pages(ctx, item, judge)


@check("page.no_text_images", params=page_params(max_alt_words={"type": "integer", "minimum": 3}))
def no_text_images(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.11 (heuristic): no image of text: an alt text longer than max_alt_words words, or a file name of a banner or scan."""
    limit = int(ctx.params.get("max_alt_words", 12))

    def judge(saved: SavedPage) -> Found:
        for e in saved.page.find("img"):
            alt = e.attrs.get("alt", "")
            name = e.attrs.get("src", "").rsplit("/", 1)[-1].split("?")[0]
            words = len(alt.split())
            if words > limit or TEXT_IMAGE_NAME.search(name):
                reason = (Text(f"текст замены из {words} слов", f"alt text of {words} words") if words > limit
                          else Text(f"имя файла «{name}»", f"file name '{name}'"))
                yield e, {"src": e.attrs.get("src", "—"), "reason": reason}

    yield from judge_pages(ctx, item, judge)


_BULLETS = re.compile(r"(?:^|\s)(?:[•·▪●◦‣*—–-]|\d{1,2}[.)])\s+\S")


@check("page.semantic_markup", params=page_params())
def semantic_markup(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.11 (heuristic): a page has an h1; lists are not typed with bullets and <br>; headings are not bold paragraphs."""

    def judge(saved: SavedPage) -> Found:
        page = saved.page
        if not page.find("h1"):
            yield page.body, {"problem": Text("нет заголовка h1", "no h1 heading")}
        for e in page.find("p", "div", "td"):
            if sum(1 for c in e.children if page.elements[c].tag == "br") >= 2 and len(_BULLETS.findall(e.text)) >= 2:
                yield e, {"problem": Text("список набран знаками и переводами строки, а не ul/ol",
                                          "a list typed with bullets and line breaks instead of ul/ol")}
            if e.tag == "p" and e.text and len(e.text) <= 80 and len(e.children) == 1:
                child = page.elements[e.children[0]]
                if child.tag in ("b", "strong") and child.text == e.text and not child.children and not e.text.endswith((".", ":")):
                    following = page.elements[e.parent].children if e.parent is not None else ()
                    position = following.index(e.index) if e.index in following else -1
                    if 0 <= position < len(following) - 1 and page.elements[following[position + 1]].tag in ("p", "ul", "ol", "table"):
                        yield e, {"problem": Text(f"заголовок «{e.text}» набран жирным абзацем, а не h2–h6",
                                                  f"the heading '{e.text}' is a bold paragraph, not h2–h6")}

    yield from judge_pages(ctx, item, judge)


@check("page.no_conversion_formats", params=page_params(
    extensions={"type": "array", "minItems": 1, "uniqueItems": True, "items": {"type": "string", "pattern": "^[a-z0-9]+$"}}))
def no_conversion_formats(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.11: pages link no files that need unpacking or special software (archives, scans, drawings; B20)."""
    extensions = tuple(ctx.params.get("extensions", CONVERSION_FORMATS))
    pattern = re.compile(r"(?i)\.(" + "|".join(map(re.escape, extensions)) + r")$")

    def judge(saved: SavedPage) -> Found:
        for e in saved.page.find("a", "embed", "object"):
            target = (e.attrs.get("href") or e.attrs.get("src") or e.attrs.get("data") or "").split("?")[0].split("#")[0]
            match = pattern.search(target)
            if match:
                yield e, {"href": target, "format": match.group(1).lower()}

    yield from judge_pages(ctx, item, judge)


def link_name(page: Page, element: Element) -> str:
    """The accessible name of a link or button: aria-label, text, alt of images inside, title, value."""
    if element.attrs.get("aria-label"):
        return element.attrs["aria-label"].strip()
    names = [element.text] + [d.attrs.get("alt", "") for d in page.descendants(element) if d.tag == "img"]
    name = " ".join(n for n in names if n).strip()
    return name or element.attrs.get("title", "").strip() or element.attrs.get("value", "").strip()


@check("page.links_descriptive", params=page_params(
    phrases={"type": "array", "minItems": 1, "uniqueItems": True, "items": {"type": "string", "minLength": 1}}))
def links_descriptive(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.12: every link and button says what it does: no empty names, no «здесь», «подробнее», «по ссылке»."""
    vague = {p.lower() for p in ctx.params.get("phrases", VAGUE_LINKS)}

    def judge(saved: SavedPage) -> Found:
        page = saved.page
        for e in page.find("a", "button", "input"):
            if e.tag == "input" and e.attrs.get("type", "").lower() not in ("submit", "button", "reset"):
                continue
            if e.tag == "a" and "href" not in e.attrs:
                continue
            name = link_name(page, e)
            folded = re.sub(r"[\s.…:!]+$", "", name.lower()).strip()
            if not folded or folded in vague:
                yield e, {"text": name or "—", "element": e.tag}

    yield from judge_pages(ctx, item, judge)


_TIME = re.compile(r"(?i)(?<![\w.-])(\d*\.?\d+)(ms|s)(?![\w-])")


def _seconds(value: str) -> list[float]:
    return [float(n) / (1000 if unit.lower() == "ms" else 1) for n, unit in _TIME.findall(value)]


def _flashing(rule: StyleRule) -> float | None:
    """Flashes per second of a rule's repeating animation when faster than 3 per second (inf for text-decoration: blink).

    One animation cycle counts as one flash; a cycle shorter than 1/3 s that repeats (an iteration count above 1, or
    infinite) flashes more than 3 times per second. «Более 3 раз» lets exactly 3 pass.
    """
    if "blink" in (rule.get("text-decoration") or "") + (rule.get("text-decoration-line") or ""):
        return math.inf
    shorthand = rule.get("animation") or ""
    durations = _seconds(rule.get("animation-duration") or "") or _seconds(shorthand)[:1]
    if not durations or durations[0] <= 0:
        return None
    count_text = re.sub(r"[\w-]+\([^)]*\)", " ", rule.get("animation-iteration-count") or shorthand)
    counts = re.findall(r"(?<![\w.#-])(\d*\.?\d+)(?![\w.%-])", _TIME.sub(" ", count_text))
    repeats = "infinite" in count_text.lower() or any(float(c) > 1 for c in counts)
    rate = 1 / durations[0]
    return rate if repeats and rate > 3 else None


@check("page.no_fast_flashing", params=page_params())
def no_fast_flashing(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.11: no repeating CSS animation with a period under 1/3 s, no blink, no <blink>/<marquee>, no animated GIF
    alternating frames faster than 3 times per second; with --render, every animation running in the browser."""
    root = ctx.declaration.root

    def judge(saved: SavedPage) -> Found:
        page = saved.page
        for e in page.find("blink", "marquee"):
            yield e, {"rate": e.tag}
        for e in page.find("img"):
            path = local_image(root, page.path, e.attrs.get("src", ""))
            delays = gif_delays(path) if path is not None and path.suffix.lower() == ".gif" else ()
            if len(delays) >= 2:
                # a flash is two frames (on and off): the fastest pair of neighbouring frames decides
                rate = max(100 / (a + b) for a, b in zip(delays, delays[1:] + delays[:1], strict=True))
                if rate > 3:
                    yield e, {"rate": f"{rate:g}"}
        if ctx.config.render:
            yield from rendered(saved)
            return
        for rule in page.styles:
            rate = _flashing(rule)
            if rate is not None:
                yield rule, {"rate": "blink" if math.isinf(rate) else f"{rate:g}"}

    def rendered(saved: SavedPage) -> Found:
        result = measured(ctx, saved)
        if isinstance(result, Text):
            no_data.append(Problem(saved.at(), {"reason": result}, Outcome.NO_DATA))
            return
        for index, tag, duration, iterations in result.animations:  # what actually runs, whatever started it
            if duration > 0 and (iterations < 0 or iterations > 1) and 1000 / duration > 3:
                yield element_at(saved.page, index, tag) or saved.page.body, {"rate": f"{1000 / duration:g}"}

    no_data: list[Problem] = []
    yield from judge_pages(ctx, item, judge)
    yield from no_data


def _links_rule(rules: list[StyleRule], pseudo: str) -> list[StyleRule]:
    return [r for r in rules if pseudo in r.selector]


_LOOK = ("color", "background-color", "background", "text-decoration", "text-decoration-color", "border-bottom", "outline")


@check("page.visited_links_marked", params=page_params())
def visited_links_marked(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.12: the stylesheets give :visited links a look (colour, decoration) that differs from unvisited ones."""

    def judge(saved: SavedPage) -> Found:
        rules = [r for r in saved.page.styles if r.media in ("", "screen", "all")]
        base: dict[str, str] = {}
        for r in rules:
            if re.search(r"(^|[\s,>])a(:link)?(\s*,|$)", r.selector) or ":link" in r.selector:
                base.update({p: v for p, v in r.declarations if p in _LOOK})
        differs = any(p in _LOOK and base.get(p) != v for r in _links_rule(rules, ":visited") for p, v in r.declarations)
        if not differs:
            head = saved.page.find("head")
            yield (head[0] if head else None), {"count": len(_links_rule(rules, ":visited"))}

    yield from judge_pages(ctx, item, judge)


_WIDTH_QUERY = re.compile(r"(?i)(min|max)-(device-)?width|width\s*[<>]")


@check("page.adaptive_layout", params=page_params())
def adaptive_layout(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.13: a viewport meta with width=device-width and width media queries; with --render, no sideways scrolling
    at a 320 px screen in headless Chromium."""

    def judge(saved: SavedPage) -> Found:
        page = saved.page
        viewport = next((m for m in page.find("meta") if m.attrs.get("name", "").lower() == "viewport"), None)
        lacking = []
        if viewport is None or "device-width" not in viewport.attrs.get("content", "").replace(" ", ""):
            lacking.append("meta viewport width=device-width")
        queries = any(_WIDTH_QUERY.search(r.media) for r in page.styles)
        if not queries:
            lacking.append("@media (max-width/min-width)")
        if lacking:
            head = page.find("head")
            yield (viewport or (head[0] if head else None)), {"missing": lacking}
        if ctx.config.render:
            result = measured(ctx, saved)
            if isinstance(result, Text):
                no_data.append(Problem(saved.at(), {"reason": result}, Outcome.NO_DATA))
            elif result.scroll_width > result.width:
                index, tag, right = result.wide[0] if result.wide else (-1, "", result.scroll_width)
                yield element_at(page, index, tag) or page.body, {"missing": [Text(
                    f"при ширине экрана {result.width} px страница шириной {result.scroll_width} px прокручивается по горизонтали",
                    f"at a {result.width} px screen the page is {result.scroll_width} px wide and scrolls sideways")]}

    no_data: list[Problem] = []
    yield from judge_pages(ctx, item, judge)
    yield from no_data


@check("page.print_styles", params=page_params())
def print_styles(ctx: CheckContext, item: Item) -> Iterator[Problem]:
    """4.6.1.13: each page has print styles (@media print or a stylesheet linked with media=print); not for apps (B1)."""
    if item.contact_kind == "mobile_app":
        yield Problem(item.at(), {"reason": Text("страницы приложения не печатаются (B1)", "an app's screens are not printed (B1)")},
                      Outcome.NOT_APPLICABLE)
        return

    def judge(saved: SavedPage) -> Found:
        page = saved.page
        # A stylesheet linked with media=print counts even when it was not saved: the page asks for print styles.
        printed = any("print" in r.media.lower() for r in page.styles) or any(
            "print" in e.attrs.get("media", "").lower() and "stylesheet" in e.attrs.get("rel", "").lower() for e in page.find("link"))
        if not printed:
            head = page.find("head")
            yield (head[0] if head else None), {}

    yield from judge_pages(ctx, item, judge)

