"""Measure what the editor does on every keystroke and every save, on a big post.

Usage: `python benchmarks/document_ops.py [KB]` (default 1024). Builds a post
shaped like the seed (YAML front matter, a long Dutch body) of about KB kilobytes
and prints, as medians over repeated runs: load, the dirty check the title bar
makes on every keystroke (`is_modified` after a body edit), and the bytes a save
writes after a title edit (`to_bytes`, which reads its front matter back first).
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable

from postedit.core.document import Document

_FRONT = """---
title: "De Toekomst van AI: Trends en Verwachtingen"
date: 2024-02-05
author: "Team"
description: "Ontdek de belangrijkste trends en hoe u zich voorbereidt."
categories: ["AI-Trends"]
tags: ["ai-trends", "nederlandse-bedrijven", "toekomst", "digitalisering"]
featured_image: "images/blog/blog-5.jpg"
params:
  toc: true
  series: trends
---

{{< toc >}}
"""

_SECTION = """
## Sectoren die Voorop Lopen

**Financiële Dienstverlening**
- Fraude detectie en preventie
- Kredietbeoordeling

Nederland ontwikkelt zich tot een van de leidende landen in Europa, met sterke
universiteiten, innovatieve startups en vooruitstrevende bedrijven.
"""


def _median_ms(action: Callable[[], object], runs: int = 25) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main(argv: list[str]) -> int:
    kilobytes = int(argv[1]) if len(argv) > 1 else 1024
    body = _SECTION * max(1, kilobytes * 1024 // len(_SECTION.encode()))
    data = (_FRONT + body).encode("utf-8")
    print(f"post: {len(data) / 1024:.0f} KB")
    print(f"load: {_median_ms(lambda: Document(data)):.2f} ms")

    typed = Document(data)
    typed.body = typed.body + "x"
    print(f"dirty check after typing (is_modified): {_median_ms(lambda: typed.is_modified):.3f} ms")

    edited = Document(data)
    edited.front_matter["title"] = "Een nieuwe titel"
    edited.front_matter["tags"].append("nieuw")

    def fresh_save_bytes() -> bytes:
        edited._written = None  # measure the splice and read-back, not the memo
        return edited.to_bytes()

    save_ms = _median_ms(fresh_save_bytes)
    print(f"bytes for a save after two field edits (to_bytes): {save_ms:.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
