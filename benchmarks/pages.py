"""Saved-page parsing speed: pages of about 75 KB and 750 KB (forms, tables, misnested tags), parsed as the audit
parses them (html5lib tree, positions, selectors, styles), next to BeautifulSoup's html.parser and html5lib alone.

    python benchmarks/pages.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import time

from bs4 import BeautifulSoup

from ccaudit.html import parse_page


def synthetic(cards: int) -> str:
    """A portal-like page: a menu, `cards` blocks with a form field, a misnested bold/italic pair and a table each."""
    parts = ["<!DOCTYPE html><html lang=ru><head><meta charset=utf-8><title>Госуслуги</title>",
             "<style>a:visited{color:purple} @media print{nav{display:none}}</style></head><body><header><nav><ul>"]
    parts += [f"<li><a href='/s{i}'>Раздел {i}</a>" for i in range(40)]
    parts.append("</ul></nav></header><main><h1>Заголовок</h1>")
    for i in range(cards):
        parts.append(f"<div class='card'><p>Абзац {i} <b>жирный <i>и курсив</b> текст</i><label for=f{i}>Поле <span>*</span></label>"
                     f"<input id=f{i} name=f{i} required pattern='\\d+'><table><tr><td>ячейка<td>ещё</table></div>\n")
    parts.append("<form><p>незакрытый<p>ещё</form></main></body></html>")
    return "".join(parts)


def best(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"{'page':>10} {'elements':>9} {'ccaudit':>10} {'bs4+html5lib':>13} {'bs4+html.parser':>16}")
    for cards in (300, 3000):
        text = synthetic(cards)
        page = parse_page(text, "bench.html")
        ours = best(lambda: parse_page(text, "bench.html"), args.repeat)  # noqa: B023 - evaluated at once
        html5 = best(lambda: BeautifulSoup(text, "html5lib"), args.repeat)  # noqa: B023
        stdlib = best(lambda: BeautifulSoup(text, "html.parser"), args.repeat)  # noqa: B023
        print(f"{len(text.encode()) // 1024:>7} KB {len(page.elements):>9} {ours * 1000:>8.0f} ms {html5 * 1000:>10.0f} ms "
              f"{stdlib * 1000:>13.0f} ms")


if __name__ == "__main__":
    main()
