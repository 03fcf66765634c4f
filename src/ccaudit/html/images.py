"""Images of a saved page that the checks read: the frame delays of an animated GIF, from its bytes (no imaging library)."""

from __future__ import annotations

import posixpath
from pathlib import Path

from ccaudit.model.yamlio import inside

MAX_GIF_BYTES = 20_000_000


def local_image(root: Path, page_rel: str, src: str) -> Path | None:
    """The repository file an image's src names (relative to the page, or to the root for "/…"), or None."""
    src = src.split("#")[0].split("?")[0].strip()
    if not src or "://" in src or src.startswith(("//", "data:")):
        return None
    rel = posixpath.normpath(src.lstrip("/") if src.startswith("/") else posixpath.join(posixpath.dirname(page_rel), src))
    path = root / rel
    if rel.startswith("..") or not inside(root, path) or not path.is_file():
        return None
    return path


def gif_delays(path: Path) -> tuple[int, ...]:
    """Frame delays of a GIF in hundredths of a second, as browsers play them (0 and 1 become 10); () if not a GIF."""
    data = path.read_bytes()[:MAX_GIF_BYTES] if path.stat().st_size <= MAX_GIF_BYTES else b""
    if not data.startswith((b"GIF87a", b"GIF89a")) or len(data) < 13:
        return ()
    pos = 13
    if data[10] & 0x80:  # global colour table
        pos += 3 * (2 ** ((data[10] & 0x07) + 1))
    delays: list[int] = []
    pending = 10
    while pos < len(data):
        block = data[pos]
        if block == 0x3B:  # trailer
            break
        if block == 0x21 and pos + 1 < len(data):  # extension
            label = data[pos + 1]
            pos += 2
            if label == 0xF9 and pos + 5 < len(data):  # graphic control: the next frame's delay
                delay = data[pos + 2] | (data[pos + 3] << 8)
                pending = 10 if delay <= 1 else delay
            while pos < len(data) and data[pos] != 0:
                pos += data[pos] + 1
            pos += 1
        elif block == 0x2C and pos + 10 <= len(data):  # image descriptor
            packed = data[pos + 9]
            pos += 10
            if packed & 0x80:
                pos += 3 * (2 ** ((packed & 0x07) + 1))
            pos += 1  # LZW minimum code size
            while pos < len(data) and data[pos] != 0:
                pos += data[pos] + 1
            pos += 1
            delays.append(pending)
            pending = 10
        else:
            break
    return tuple(delays)
