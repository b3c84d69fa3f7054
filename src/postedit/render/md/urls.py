"""Link and image destinations as Goldmark writes them (`util.URLEscape`, `IsDangerousURL`).

markdown-it punycodes hosts and refuses `javascript:` links outright; Goldmark keeps
the host, percent-encodes what is not URL-safe and, unless `unsafe`, empties a
dangerous destination (`href=""`) while keeping the link.
"""

from __future__ import annotations

import re
from urllib.parse import quote

_SAFE = frozenset(
    "!#$&'()*+,-./0123456789:;=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz~"
)
_HEX = frozenset("0123456789abcdefABCDEF")
_NEEDS_WORK = re.compile(r"[^!#$&'()*+,\-./0-9:;=?@A-Z_a-z~]")


def url_escape(url: str) -> str:
    """Percent-encode `url` like Goldmark; existing `%XX` escapes are kept."""
    if _NEEDS_WORK.search(url) is None:
        return url
    out: list[str] = []
    index = 0
    length = len(url)
    while index < length:
        char = url[index]
        if char in _SAFE:
            out.append(char)
        elif char == "%" and index + 2 < length and url[index + 1] in _HEX:
            # Goldmark checks the first hex digit twice, never the second.
            out.append(url[index : index + 3])
            index += 3
            continue
        elif char == " ":
            out.append("%20")
        else:
            out.append(quote(char, safe="", errors="surrogatepass"))
        index += 1
    return "".join(out)


_DANGEROUS = ("javascript:", "vbscript:", "file:", "data:")
_SAFE_DATA_IMAGES = ("png", "gif", "jpeg", "webp", "svg+xml")


def is_dangerous_url(url: str) -> bool:
    """Goldmark's `IsDangerousURL`: script and data URLs other than common images."""
    lowered = url[:20].lower()
    if lowered.startswith("data:image/") and len(url) >= 11:
        return not lowered[11:].startswith(_SAFE_DATA_IMAGES)
    return lowered.startswith(_DANGEROUS)
