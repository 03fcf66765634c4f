"""Text analysis speed: words per second for counts+indices and for full analysis (defects), cold and warm cache,
on ≥ 1 M words cut from the Russian documents of ../shared/standard/seeds/, and ruts side by side when installed.

    make bench-text            # or: python benchmarks/text.py [--words 1000000]
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

from ccaudit.text import analyse, count, readability
from ccaudit.text.counts import analyse_counts
from ccaudit.text.morph import parse

SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "standard" / "seeds"


def corpus(words: int, size: int = 300) -> list[str]:
    """Texts of about `size` words cut from the seeds, repeated until `words` words."""
    files = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if not files:
        sys.exit(f"benchmarks/text.py: no seed documents in {SEEDS.resolve()} (the shared/ folder of the project)")
    tokens = " ".join(f.read_text("utf-8", errors="replace") for f in files).split()
    pieces = [" ".join(tokens[i:i + size]) for i in range(0, len(tokens), size)]
    out, total = [], 0
    while total < words:
        for piece in pieces:
            out.append(piece)
            total += len(piece.split())
            if total >= words:
                break
    return out


def timed(fn, texts: list[str]) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    words = 0
    for t in texts:
        words += fn(t)
    return time.perf_counter() - start, words


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=1_000_000)
    args = ap.parse_args()
    texts = corpus(args.words)
    n_words = sum(len(analyse_counts(t)[2]) for t in texts[:50])  # warm razdel's own caches a little
    print(f"corpus: {len(texts)} texts, ~{args.words:,} whitespace words (contract words per text ≈ {n_words // 50})")

    def counts_only(t: str) -> int:
        c = count(t)
        readability(c)
        return c.words

    secs, words = timed(counts_only, texts)
    print(f"counts + six indices      {words / secs:>10,.0f} words/s   ({words:,} words in {secs:.1f} s)")
    parse.cache_clear()
    secs, words = timed(lambda t: analyse(t).counts.words, texts)
    print(f"full analysis, cold cache {words / secs:>10,.0f} words/s   ({words:,} words in {secs:.1f} s)")
    secs, words = timed(lambda t: analyse(t).counts.words, texts)
    print(f"full analysis, warm cache {words / secs:>10,.0f} words/s")
    answer = texts[len(texts) // 2]
    runs = 200
    start = time.perf_counter()
    for _ in range(runs):
        analyse(answer)
    per = (time.perf_counter() - start) / runs * 1000
    print(f"one ~300-word answer, full analysis, warm: {per:.2f} ms")
    if importlib.util.find_spec("ruts") is None:
        print("ruts not installed, skipped (pip install ruts to compare; it is not a ccaudit dependency)")
    else:  # pragma: no cover - optional comparison
        from ruts import ReadabilityStats

        start = time.perf_counter()
        for t in texts:
            ReadabilityStats(t).get_stats()
        secs_r = time.perf_counter() - start
        print(f"ruts ReadabilityStats     {words / secs_r:>10,.0f} words/s   (ccaudit counts+indices is "
              f"{secs_r / max(secs, 1e-9):.1f}× its speed)")


if __name__ == "__main__":
    main()
