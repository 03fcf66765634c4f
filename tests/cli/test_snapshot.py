"""`ccaudit snapshot` against a local HTTP server on 127.0.0.1 (never the internet): saved pages that then audit."""

from __future__ import annotations

import functools
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from ccaudit.html.capture import find_browser, guess_type
from tests.checks.test_saved_pages import gif

SITE = {
    "index.html": """<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Портал</title>
<link rel="stylesheet" href="/css/site.css"><link rel="stylesheet" href="/css/none.css"></head>
<body><header><a href="/">Главная</a></header><main><h1>Меры поддержки</h1>
<p>Изменился порядок записи. <a href="/novosti/1">Подробнее</a></p><img src="/img/akciya.gif" alt="Акция"></main>
<script>document.querySelector("main").insertAdjacentHTML("beforeend",
  '<form role="search" action="/poisk"><input type="search" name="q" aria-label="Поиск"><button>Найти</button></form>');</script>
</body></html>""",
    "poisk.html": """<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>Поиск</title></head>
<body><main><h1>Результаты поиска</h1><p>Страница 1 из 2</p></main></body></html>""",
    "cp1251.html": "<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1251'>"
                   "<title>Документы</title></head><body><h1>Документы</h1></body></html>",
    "css/site.css": "a:link { color: #05c } a:visited { color: #639 } @media print { header { display: none } }",
}


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    root = tmp_path / "site"
    (root / "img").mkdir(parents=True)
    (root / "img" / "akciya.gif").write_bytes(gif(5, 5))
    for rel, text in SITE.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(text.encode("cp1251" if rel.startswith("cp1251") else "utf-8"))

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(root)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_raw_snapshot_saves_pages_and_styles_that_then_audit(run_cli, base_repo: Path, server: str, monkeypatch) -> None:
    monkeypatch.chdir(base_repo)
    result = run_cli("snapshot", f"{server}/", f"{server}/poisk.html", "--out", "evidence/pages", "--raw")
    assert result.exit_code == 0, result.output
    assert (base_repo / "evidence/pages/index.html").exists() and (base_repo / "evidence/pages/css/index-1.css").exists()
    saved = (base_repo / "evidence/pages/index.html").read_text("utf-8")
    assert 'href="css/index-1.css"' in saved and "/css/none.css" in saved  # the missing one stays linked
    assert "none.css could not be fetched" in result.stderr
    snippet = yaml.safe_load(result.stdout)["saved_pages"]
    assert [(p["file"], p["page_type"]) for p in snippet] == [("evidence/pages/index.html", "home"),
                                                              ("evidence/pages/poisk.html", "search_results")]
    portal = base_repo / "contact_points" / "portal.yaml"
    portal.write_text(portal.read_text("utf-8") + yaml.safe_dump({"saved_pages": snippet}, allow_unicode=True), "utf-8")
    audit = run_cli("audit", base_repo, "--format", "json", "--fail-on", "never")
    assert audit.exit_code == 0, audit.output
    findings = [f for f in json.loads(audit.stdout)["findings"] if f["location"]["path"].startswith("evidence/pages/")]
    home = {f["rule"] for f in findings if f["status"] == "fail" and f["location"]["path"] == "evidence/pages/index.html"}
    results = {f["rule"] for f in findings if f["status"] == "fail" and f["location"]["path"] == "evidence/pages/poisk.html"}
    assert "4.6.1.12-f" in home  # «Подробнее»
    assert "4.6.1.11-e" in home and (base_repo / "evidence/pages/img/index-1.gif").exists()  # the saved GIF flashes
    assert "4.6.1.12-e" not in home and "4.6.1.13-c" not in home  # the saved stylesheet was read
    assert "4.6.1.12-e" in results and "4.6.1.14-k" not in results  # no styles there; «Страница 1 из 2»


def test_a_windows_1251_page_is_saved_as_utf8(run_cli, base_repo: Path, server: str, monkeypatch) -> None:
    monkeypatch.chdir(base_repo)
    result = run_cli("snapshot", f"{server}/cp1251.html", "--out", "evidence/pages", "--raw")
    assert result.exit_code == 0, result.output
    saved = (base_repo / "evidence/pages/cp1251.html").read_text("utf-8")
    assert "<h1>Документы</h1>" in saved and "charset=utf-8" in saved and "windows-1251" not in saved


def test_bad_addresses_are_bad_input(run_cli, base_repo: Path, server: str, monkeypatch) -> None:
    monkeypatch.chdir(base_repo)
    missing = run_cli("snapshot", f"{server}/nowhere.html", "--out", "evidence/pages", "--raw")
    assert missing.exit_code == 2 and "the server answered 404" in missing.stderr
    assert not (base_repo / "evidence").exists()
    scheme = run_cli("snapshot", "file:///etc/passwd", "--out", "evidence/pages", "--raw")
    assert scheme.exit_code == 2 and "not an http(s) address" in scheme.stderr
    outside = run_cli("snapshot", f"{server}/", "--out", "../elsewhere", "--raw")
    assert outside.exit_code == 2 and "outside the repository" in outside.stderr


def test_without_chromium_a_rendered_snapshot_says_how_to_proceed(run_cli, base_repo: Path, server: str, monkeypatch) -> None:
    monkeypatch.chdir(base_repo)
    monkeypatch.setenv("PATH", str(base_repo))
    result = run_cli("snapshot", f"{server}/", "--out", "evidence/pages")
    assert result.exit_code == 2 and "no Chromium found" in result.stderr and "--raw" in result.stderr


@pytest.mark.slow
def test_rendered_snapshot_keeps_what_scripts_add(run_cli, base_repo: Path, server: str, monkeypatch) -> None:
    if find_browser() is None:
        pytest.skip("no Chromium on PATH; install it (apt-get install chromium) to run the rendered snapshot test")
    monkeypatch.chdir(base_repo)
    result = run_cli("snapshot", f"{server}/", "--out", "evidence/pages")
    assert result.exit_code == 0, result.output
    saved = (base_repo / "evidence/pages/index.html").read_text("utf-8")
    assert 'role="search"' in saved and 'href="css/index-1.css"' in saved


@pytest.mark.parametrize(("url", "expected"), [
    ("https://m.example.ru/", "mobile"), ("https://example.ru/poisk?q=x", "search_results"), ("https://example.ru/faq", "faq"),
    ("https://example.ru/", "home"), ("https://example.ru/uslugi/posobie", "section"),
])
def test_page_type_guess(url: str, expected: str) -> None:
    assert guess_type(url, "<h1>Т</h1>") == expected
    if expected == "section":
        assert guess_type(url, "<form><input name=a><input name=b></form>") == "service_form"
