"""Fuzzing the page parser: any text, however broken, parses into elements whose line:col lie inside the file and in
document order, and every check on pages runs on it without an exception. CCAUDIT_FUZZ_EXAMPLES sets the number."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ccaudit.html import parse_css, parse_page

EXAMPLES = int(os.environ.get("CCAUDIT_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)

PIECES = st.sampled_from(["<p>", "</p>", "<div class='a b'>", "</div>", "<table>", "<tr>", "<td>", "</table>", "<b>", "</b>",
                          "<i>", "</i>", "<input required id=x>", "<label for=x>", "<!--", "-->", "<script>", "</script>",
                          "<style>a:visited{color:red}", "</style>", "<a href='/x'>", "</a>", "\n", "\r\n", "  ", "текст", "<",
                          ">", "&amp;", "&nbsp", "<html>", "<body>", "<head>", "<br>", "<img src=a.png alt='б'>", "\"", "'",
                          "<svg><path d='M0'/></svg>", "<template><p>t</template>", "<select><option>1</select>", "<h1>"])
HTML = st.one_of(st.lists(PIECES, max_size=60).map("".join), st.text(max_size=200))


@FUZZ
@given(HTML)
def test_any_text_parses_with_positions_inside_the_file(text: str) -> None:
    page = parse_page(text, "p.html")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    assert page.elements and page.elements[0].tag == "html"
    for element in page.elements:
        assert 1 <= element.line <= len(lines), (element, len(lines))
        assert 1 <= element.col <= len(lines[element.line - 1]) + 1, element
        assert element.selector
        for child in element.children:
            assert page.elements[child].parent == element.index


@FUZZ
@given(st.text(max_size=200))
def test_any_text_is_a_stylesheet(text: str) -> None:
    for rule in parse_css(text, "s.css"):
        assert rule.line >= 1 and rule.col >= 1


PAGE_RULES = None


@settings(max_examples=min(EXAMPLES, 25), deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(HTML)
def test_every_page_rule_judges_any_page(text: str) -> None:
    import shutil
    import tempfile
    from pathlib import Path

    from ccaudit.checks import CHECKS
    from ccaudit.engine.packs import load_packs
    from ccaudit.engine.runner import run_rules
    from ccaudit.model.config import load_config
    from ccaudit.model.declaration import load_declaration
    from ccaudit.model.finding import Outcome
    from ccaudit.model.rule import RulePack
    from tests.conftest import BASE, TODAY, apply_patches

    global PAGE_RULES
    if PAGE_RULES is None:
        pack = load_packs(["standard"], CHECKS)[0]
        PAGE_RULES = RulePack(pack.name, pack.title, pack.document, pack.version, None,
                              tuple(r for r in pack.rules if "declared" in r.params or r.id == "4.6.1.11-f"))
    with tempfile.TemporaryDirectory() as tmp:
        repo = Path(tmp) / "repo"
        shutil.copytree(BASE, repo)
        types = ["home", "service_form", "search_results", "faq", "mobile"]
        apply_patches(repo, {"contact_points/portal.yaml": {"saved_pages": [{"file": f"p{i}.html", "page_type": t}
                                                                           for i, t in enumerate(types)]},
                             **{f"p{i}.html": text or " " for i in range(len(types))}})
        findings = run_rules([PAGE_RULES], load_declaration(repo), load_config(repo, today=TODAY), CHECKS)
    assert findings and not [f for f in findings if f.outcome is Outcome.ERROR], [f for f in findings if f.outcome is Outcome.ERROR]
