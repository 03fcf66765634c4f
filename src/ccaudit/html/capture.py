"""Capturing portal pages as evidence: fetch (or render in headless Chromium) a page, save it with its stylesheets,
and guess its page_type, so that an agency can refresh its saved pages each quarter (`ccaudit snapshot`)."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from ccaudit.html.document import parse_page

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
"""Executables looked for on PATH, in this order (Debian's package is `chromium`)."""
MAX_BYTES = 5_000_000
"""The largest page or stylesheet saved; a bigger response is refused."""
TIMEOUT = 30
"""Seconds for one request or one render."""


class CaptureError(Exception):
    """A page could not be captured; the message says which and why, for the CLI to print (exit 2)."""


@dataclass(frozen=True, slots=True)
class Captured:
    """One saved page."""

    url: str
    file: Path
    """Where the HTML was written."""
    page_type: str
    """The guessed page type (see `guess_type`); the agency edits it when the guess is wrong."""
    stylesheets: tuple[Path, ...]
    """Local copies of the page's stylesheets and animated-GIF candidates."""
    skipped: tuple[str, ...]
    """Stylesheets and images that could not be fetched (left linked to their address)."""


def find_browser() -> str | None:
    """The first Chromium-like browser on PATH, or None."""
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def _check_url(url: str) -> None:
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise CaptureError(f"{url}: error: not an http(s) address\n  hint: give the page's full address, e.g. https://example.ru/")


def fetch(url: str, *, max_bytes: int = MAX_BYTES) -> str:
    """The body of an http(s) address as text (charset from the response, else from its <meta>, else UTF-8)."""
    raw, charset = fetch_bytes(url, max_bytes=max_bytes)
    try:
        return raw.decode(charset or _sniffed(raw), errors="replace")
    except LookupError:
        return raw.decode("utf-8", errors="replace")


def fetch_bytes(url: str, *, max_bytes: int = MAX_BYTES) -> tuple[bytes, str | None]:
    """The body of an http(s) address and the charset its response names, if any."""
    _check_url(url)
    request = urllib.request.Request(url, headers={"User-Agent": "ccaudit-snapshot"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 - scheme checked above
            raw = response.read(max_bytes + 1)
            charset = response.headers.get_content_charset()
    except urllib.error.HTTPError as exc:
        raise CaptureError(f"{url}: error: the server answered {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise CaptureError(f"{url}: error: cannot fetch: {reason}\n  hint: check the address and the network") from None
    if len(raw) > max_bytes:
        raise CaptureError(f"{url}: error: larger than {max_bytes:,} bytes; not saved")
    return raw, charset


def _sniffed(raw: bytes) -> str:
    """The charset a page declares in its first kilobytes (`<meta charset>`), as browsers prescan; else UTF-8."""
    found = re.search(rb"""(?i)<meta\b[^>]*?charset\s*=\s*["']?([\w-]+)""", raw[:4096])
    return found.group(1).decode("ascii") if found else "utf-8"


def render(url: str, browser: str) -> str:
    """The page's DOM after its scripts ran, from headless Chromium (`--dump-dom`)."""
    _check_url(url)
    with tempfile.TemporaryDirectory(prefix="ccaudit-chromium-") as profile:
        flags = ["--headless=new", "--disable-gpu", "--no-sandbox", "--disable-dev-shm-usage", "--no-first-run",
                 "--hide-scrollbars", f"--user-data-dir={profile}", "--virtual-time-budget=5000", "--dump-dom"]
        try:
            run = subprocess.run([browser, *flags, url], capture_output=True, text=True, timeout=TIMEOUT * 4)
        except subprocess.TimeoutExpired:
            raise CaptureError(f"{url}: error: Chromium did not finish rendering in {TIMEOUT * 4} s") from None
    if run.returncode != 0 or not run.stdout.strip():
        raise CaptureError(f"{url}: error: Chromium could not render the page: {run.stderr.strip()[-300:] or 'no output'}")
    return run.stdout


_TYPES = (("search_results", re.compile(r"(?i)search|poisk|поиск|/find|[?&](q|query)=")),
          ("faq", re.compile(r"(?i)faq|vopros|вопрос|/questions|/help")),
          ("documents", re.compile(r"(?i)dokument|document|/docs|normativ")),
          ("training", re.compile(r"(?i)obuchen|instrukc|training|/howto|/guide")))


def guess_type(url: str, html: str) -> str:
    """home, mobile, search_results, faq, documents, training, service_form or section, from the address and the page."""
    parts = urllib.parse.urlsplit(url)
    if parts.hostname and (parts.hostname.startswith(("m.", "mobile.")) or "/m/" in parts.path + "/"):
        return "mobile"
    for page_type, pattern in _TYPES:
        if pattern.search(parts.path + "?" + parts.query):
            return page_type
    if parts.path in ("", "/", "/index.html", "/index.php"):
        return "home"
    page = parse_page(html, "page.html")
    fields = [e for e in page.find("input", "select", "textarea") if e.attrs.get("type", "").lower() not in
              ("hidden", "submit", "button", "search", "image", "reset")]
    return "service_form" if len(fields) >= 2 else "section"


def _slug(url: str, taken: set[str]) -> str:
    path = urllib.parse.urlsplit(url).path.strip("/")
    base = re.sub(r"[^0-9A-Za-z_-]+", "-", path.rsplit(".", 1)[0] if path.endswith((".html", ".htm", ".php")) else path)
    base = base.strip("-").lower()[:60] or "index"
    name, n = base, 2
    while name in taken:
        name, n = f"{base}-{n}", n + 1
    taken.add(name)
    return name


def capture(urls: list[str], out: Path, *, rendered: bool, browser: str | None = None) -> list[Captured]:
    """Save each page as `out/<slug>.html`, its stylesheets as `out/css/<slug>-<n>.css` and its GIF images as
    `out/img/<slug>-<n>.gif`, links rewritten to them.

    Raises CaptureError before writing anything when a page cannot be had; a stylesheet that cannot be fetched is
    skipped and stays linked to its address (the audit then ignores it, as a browser without network would).
    """
    if rendered and browser is None:
        raise CaptureError("ccaudit: error: no Chromium found on PATH (looked for " + ", ".join(BROWSERS) + ")\n"
                           "  hint: install it (apt-get install chromium) or pass --raw to save the server's HTML as it is")
    pages = [(url, render(url, browser) if rendered and browser else fetch(url)) for url in urls]
    out.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    done = []
    for url, html in pages:
        slug = _slug(url, taken)
        saved, skipped = [], []
        page = parse_page(html, f"{slug}.html")
        for n, link in enumerate(e for e in page.find("link") if "stylesheet" in e.attrs.get("rel", "").lower().split()):
            href = link.attrs.get("href", "")
            absolute = urllib.parse.urljoin(url, href)
            try:
                css = fetch(absolute)
            except CaptureError:
                skipped.append(absolute)
                continue
            target = out / "css" / f"{slug}-{n + 1}.css"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(css, "utf-8")
            saved.append(target)
            html = _rewrite(html, href, f"css/{target.name}")
        gifs = [e.attrs.get("src", "") for e in page.find("img")
                if e.attrs.get("src", "").split("?")[0].lower().endswith(".gif")]
        for n, src in enumerate(dict.fromkeys(gifs)):  # animated GIFs are read by 4.6.1.11-e; other images only by name
            try:
                data, _ = fetch_bytes(urllib.parse.urljoin(url, src))
            except CaptureError:
                skipped.append(urllib.parse.urljoin(url, src))
                continue
            target = out / "img" / f"{slug}-{n + 1}.gif"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            saved.append(target)
            html = _rewrite(html, src, f"img/{target.name}", attribute="src")
        file = out / f"{slug}.html"
        file.write_text(_utf8(html), "utf-8")
        done.append(Captured(url, file, guess_type(url, html), tuple(saved), tuple(skipped)))
    return done


_CHARSET = re.compile(r"""(?i)(<meta\b[^>]*?charset\s*=\s*["']?)([\w-]+)""")


def _utf8(html: str) -> str:
    """The page says it is UTF-8, as it is now saved (a page served as windows-1251 would otherwise be misread)."""
    return _CHARSET.sub(lambda m: m.group(1) + "utf-8", html)


def _rewrite(html: str, href: str, local: str, attribute: str = "href") -> str:
    """Point the link (or image) with this address at the local copy (the first attribute with exactly this value)."""
    pattern = re.compile(attribute + r"""(\s*=\s*)(["']?)""" + re.escape(href) + r"""\2(?=[\s>/])""")
    return pattern.sub(lambda m: attribute + m.group(1) + '"' + local + '"', html, count=1)
