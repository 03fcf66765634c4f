"""Reading a saved page from the repository: the HTML (already read by the declaration loader) and its local stylesheets."""

from __future__ import annotations

import dataclasses
import posixpath
from pathlib import Path

from ccaudit.html.document import Page, parse_page
from ccaudit.html.styles import StyleRule, parse_css
from ccaudit.model.errors import InputErrors
from ccaudit.model.yamlio import MAX_FILE_BYTES, read_text


def _local(page_rel: str, href: str) -> str | None:
    """The repository-relative path a stylesheet link names, or None when it is remote or leaves the repository."""
    href = href.split("#")[0].split("?")[0].strip()
    if not href or "://" in href or href.startswith(("//", "data:")):
        return None
    joined = posixpath.normpath(href.lstrip("/") if href.startswith("/") else posixpath.join(posixpath.dirname(page_rel), href))
    if joined.startswith("../") or joined == "..":
        return None
    return joined


def load_page(root: Path, rel: str, text: str, *, max_bytes: int = MAX_FILE_BYTES) -> Page:
    """Parse the page text of `rel` and add the rules of its linked local stylesheets in document order.

    A stylesheet that is remote, absent, outside the repository or unreadable is listed in `missing_styles` and
    otherwise ignored, as a browser ignores a stylesheet it cannot load. A root-relative link ("/css/site.css")
    is read relative to the repository root, where a mirroring tool saves it.
    """
    page = parse_page(text, rel)
    linked: list[StyleRule] = []
    missing: list[str] = []
    for link in page.find("link"):
        if "stylesheet" not in link.attrs.get("rel", "").lower().split():
            continue
        href = link.attrs.get("href", "")
        css_rel = _local(rel, href)
        if css_rel is None or not (root / css_rel).is_file():
            missing.append(href)
            continue
        try:
            css = read_text(root, css_rel, max_bytes=max_bytes)
        except InputErrors:
            missing.append(href)
            continue
        linked.extend(parse_css(css, css_rel, media=link.attrs.get("media", "").strip().lower() if link.attrs.get("media", "").strip().lower() != "all" else ""))
    return dataclasses.replace(page, styles=tuple(linked) + page.styles, missing_styles=tuple(missing))
