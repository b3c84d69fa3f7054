"""Hugo's summary divider: the first `<!--more-->` of a body, cut out after rendering.

Hugo's page lexer (not Goldmark) finds the first `<!--more-->`, wherever it is, even in
a code block, and puts `HUGOMORE42` in its place; after rendering,
`ExtractSummaryFromHTMLWithDivider` removes it together with the paragraph around it
when that paragraph holds nothing else. This is that second step, rule for rule.
"""

from __future__ import annotations

import re

SUMMARY_DIVIDER = "<!--more-->"
SUMMARY_TOKEN = "HUGOMORE42"
# What Hugo puts in the Markdown in the divider's place.
SUMMARY_REPLACEMENT = f"\n\n{SUMMARY_TOKEN}\n\n"


def cut_summary_divider(html: str) -> str:
    """Hugo's ExtractSummaryFromHTMLWithDivider(...).Content(): the divider cut out."""
    low = html.find(SUMMARY_TOKEN)
    if low < 0:
        return html
    high = low + len(SUMMARY_TOKEN)
    lo, hi = low, high
    preserve_end = False
    i = lo - 1
    while i >= 0:
        if html[i] == ">":
            opening = re.search(r"<p[^>]*?>\Z", html[: i + 1])
            if opening:
                lo = i - len(opening.group()) + 1
                break
            quirk = re.search(r"<p[^>]?>|<div[^>]?>\Z", html[: i + 1])
            if quirk:
                i -= len(quirk.group()) - 1
                i -= 1
                continue
        if not html[i].isspace():
            preserve_end = True
            break
        i -= 1
    low = lo
    while hi < len(html):
        if html[hi] == ">" and html[: hi + 1].endswith("</p>"):
            hi += 1
            break
        hi += 1
    if not preserve_end:
        high = hi
    if high < len(html) and html[high] == "\n":
        high += 1
    return (html[:low] + html[high:]).strip()
