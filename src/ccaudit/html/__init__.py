"""Saved portal pages: HTML parsed as browsers parse it, with every element's line:col and CSS selector, and its stylesheets.

Depends only on ccaudit.model (and html5lib, beautifulsoup4, tinycss2); the checks read pages through it.
The choice of parsers is explained in docs/architecture.md ("Saved pages").
"""

from ccaudit.html.document import Element, Page, parse_page
from ccaudit.html.loader import load_page
from ccaudit.html.styles import StyleRule, parse_css, parse_inline

__all__ = ["Element", "Page", "StyleRule", "load_page", "parse_css", "parse_inline", "parse_page"]
