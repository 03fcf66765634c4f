"""`ccaudit snapshot`: save portal pages with their stylesheets into the repository as saved_pages evidence."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from ccaudit.cli.base import EXIT_INPUT, EXIT_OK, app, err, guard


@app.command(epilog="Example:  ccaudit snapshot https://minsoc.priokskaya-obl.ru/ "
                    "https://minsoc.priokskaya-obl.ru/poisk?q=пособие --out evidence/pages")
def snapshot(
    urls: Annotated[list[str], typer.Argument(help="Addresses of the pages to save (http or https).")],
    out: Annotated[Path, typer.Option("--out", help="Folder inside the repository to save the pages in.")],
    root: Annotated[Path, typer.Option("--root", help="The repository root; printed paths are relative to it.")] = Path("."),
    raw: Annotated[bool, typer.Option("--raw", help="Save the server's HTML as it is, without rendering it in Chromium.")] = False,
) -> None:
    """Save pages (rendered by headless Chromium, or --raw) with their stylesheets, and print the saved_pages
    entries to paste into the point of contact, each with a guessed page_type to check."""

    def body() -> int:
        from ccaudit.html.capture import CaptureError, capture, find_browser

        base = root.resolve()
        target = out if out.is_absolute() else Path.cwd() / out
        if not target.resolve().is_relative_to(base):
            err(f"{out}: error: the folder is outside the repository {root}\n"
                "  hint: save pages inside the repository (e.g. --out evidence/pages), or give --root")
            return EXIT_INPUT
        try:
            pages = capture(list(urls), target, rendered=not raw, browser=None if raw else find_browser())
        except CaptureError as exc:
            err(str(exc))
            return EXIT_INPUT
        lines = ["# Add to the point of contact's YAML (contact_points/…) and check each page_type:", "saved_pages:"]
        for page in pages:
            rel = page.file.resolve().relative_to(base).as_posix()
            lines.append(f"  - {{file: {rel}, url: {json.dumps(page.url, ensure_ascii=False)}, page_type: {page.page_type}}}")
            for missed in page.skipped:
                err(f"{rel}: warning: {missed} could not be fetched; the page still links to its address")
        typer.echo("\n".join(lines))
        return EXIT_OK

    raise typer.Exit(guard(body))
