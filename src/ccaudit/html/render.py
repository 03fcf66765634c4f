"""Measuring a saved page in headless Chromium (`ccaudit audit --render`): horizontal overflow at a small screen and
the computed contrast of text against the background it is drawn on.

The page is copied to a temporary file with a `<base>` pointing at its folder in the repository (so its stylesheets
load) and a script that measures after the load event; it runs in an iframe of the wanted size (Chromium's window is
at least 500 px wide) and posts its JSON to the frame around it, which writes it into the DOM that `--dump-dom`
prints; no browser driver is needed. Elements are named by their index in document order, the same order `parse_page` gives,
so a measurement maps back to the element's line:col in the saved file. Nothing in the repository is written.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_SCRIPT = """
<script data-ccaudit="1">
window.addEventListener("load", function () {
  function rgba(text) {
    var m = /rgba?\\(([^)]+)\\)/.exec(text || ""); if (!m) return null;
    var p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(parseFloat); if (p.length < 3) return null;
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  }
  function lum(c) {
    var v = c.slice(0, 3).map(function (x) { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
  }
  function hex(c) { return "#" + c.slice(0, 3).map(function (x) { return ("0" + Math.round(x).toString(16)).slice(-2); }).join(""); }
  var all = Array.prototype.filter.call(document.getElementsByTagName("*"), function (e) { return !e.hasAttribute("data-ccaudit"); });
  var root = document.documentElement, out = {width: window.innerWidth, scroll: root.scrollWidth, wide: [], text: []};
  all.forEach(function (e, i) {
    var box = e.getBoundingClientRect();
    if (box.width > 0 && box.right > window.innerWidth + 1 && out.wide.length < 20) out.wide.push([i, e.tagName.toLowerCase(), Math.round(box.right)]);
    var own = Array.prototype.some.call(e.childNodes, function (n) { return n.nodeType === 3 && n.textContent.trim(); });
    if (!own) return;
    var cs = getComputedStyle(e);
    if (cs.display === "none" || cs.visibility === "hidden" || parseFloat(cs.opacity) === 0) return;
    var fg = rgba(cs.color), bg = null;
    for (var p = e; p && !bg; p = p.parentElement) { var c = rgba(getComputedStyle(p).backgroundColor); if (c && c[3] > 0) bg = c; }
    bg = bg || [255, 255, 255, 1];
    if (!fg || getComputedStyle(e).backgroundImage !== "none") return;
    var a = lum(fg), b = lum(bg), ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    var size = parseFloat(cs.fontSize), large = size >= 24 || (size >= 18.66 && parseInt(cs.fontWeight, 10) >= 700);
    out.text.push([i, e.tagName.toLowerCase(), hex(fg), hex(bg), Math.round(ratio * 100) / 100, large]);
  });
  out.animations = (document.getAnimations ? document.getAnimations() : []).map(function (a) {
    var t = a.effect && a.effect.getComputedTiming ? a.effect.getComputedTiming() : {}, e = a.effect && a.effect.target;
    return [e ? all.indexOf(e) : -1, e ? e.tagName.toLowerCase() : "", Number(t.duration) || 0,
            t.iterations === Infinity ? -1 : (t.iterations || 1)];
  });
  parent.postMessage(JSON.stringify(out), "*");
});
</script>
"""
_HARNESS = """<!DOCTYPE html><html><body style="margin:0">
<iframe src="page.html" style="width:{width}px;height:{height}px;border:0"></iframe>
<script>
window.addEventListener("message", function (event) {{
  var pre = document.createElement("pre"); pre.id = "ccaudit-measure"; pre.textContent = event.data; document.body.appendChild(pre);
}});
</script></body></html>
"""
"""Chromium's window is at least 500 px wide, so the page is measured in an iframe of the wanted size."""


@dataclass(frozen=True, slots=True)
class Measurements:
    """What the browser measured on one page at one window size."""

    width: int
    """The viewport width in CSS pixels."""
    scroll_width: int
    """The document's width: more than `width` means a horizontal scroll bar."""
    wide: tuple[tuple[int, str, int], ...]
    """(element index, tag, right edge in px) of elements reaching past the viewport, in document order (first 20)."""
    text: tuple[tuple[int, str, str, str, float, bool], ...]
    """(element index, tag, text colour, background colour, contrast ratio, large text) of every element with its own
    visible text; large is WCAG's 18 pt, or 14 pt bold (24 px, 18.66 px bold)."""
    animations: tuple[tuple[int, str, float, float], ...] = ()
    """(element index, tag, duration of one iteration in ms, iterations, -1 for infinite) of every running animation."""


class RenderError(Exception):
    """Chromium could not measure the page; the message says why."""


def _instrument(text: str, folder: Path) -> str:
    base = f'<base data-ccaudit="1" href="{html.escape(folder.as_uri())}/">'
    head = re.search(r"(?i)<head\b[^>]*>", text)
    text = text[:head.end()] + base + text[head.end():] if head else base + text
    body_end = text.lower().rfind("</body>")
    return text[:body_end] + _SCRIPT + text[body_end:] if body_end >= 0 else text + _SCRIPT


@lru_cache(maxsize=128)
def measure(root: str, rel: str, text: str, browser: str, width: int = 320, height: int = 240) -> Measurements:
    """Measure the saved page `rel` of the repository at `root` in a window of width×height CSS pixels."""
    folder = (Path(root) / rel).parent.resolve()
    with tempfile.TemporaryDirectory(prefix="ccaudit-render-") as tmp:
        (Path(tmp) / "page.html").write_text(_instrument(text, folder), "utf-8")
        page = Path(tmp) / "harness.html"
        page.write_text(_HARNESS.format(width=width, height=height), "utf-8")
        flags = ["--headless=new", "--disable-gpu", "--no-sandbox", "--disable-dev-shm-usage", "--no-first-run",
                 "--hide-scrollbars", "--allow-file-access-from-files", f"--user-data-dir={Path(tmp) / 'profile'}",
                 f"--window-size={max(width, 800)},{max(height, 600)}", "--virtual-time-budget=3000", "--dump-dom"]
        try:
            run = subprocess.run([browser, *flags, page.as_uri()], capture_output=True, text=True, timeout=120)
        except subprocess.TimeoutExpired:
            raise RenderError(f"{rel}: Chromium did not finish in 120 s") from None
    found = re.search(r'<pre id="ccaudit-measure"[^>]*>(.*?)</pre>', run.stdout, re.S)
    if run.returncode != 0 or not found:
        raise RenderError(f"{rel}: Chromium measured nothing ({run.stderr.strip()[-200:] or 'no output'})")
    data = json.loads(html.unescape(found.group(1)))
    wide = tuple((int(i), str(tag), int(right)) for i, tag, right in data["wide"])
    coloured = tuple((int(i), str(tag), str(fg), str(bg), float(ratio), bool(large)) for i, tag, fg, bg, ratio, large in data["text"])
    animations = tuple((int(i), str(tag), float(ms), float(n)) for i, tag, ms, n in data.get("animations", []))
    return Measurements(int(data["width"]), int(data["scroll"]), wide, coloured, animations)
