"""Turn a post's bytes into text and back without losing a byte.

Writers' files come from many editors: UTF-8 with or without a BOM, UTF-16 from
Windows tools, cp1252 from old ones, CRLF line endings. We decode honestly (never
with replacement characters), remember how, and encode back the same way.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

MAX_POST_BYTES = 20 * 1024 * 1024

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class TextDecodeError(ValueError):
    """The bytes are not text we can edit safely (binary, too large)."""


@dataclass(frozen=True)
class TextEncoding:
    """How a file's text was stored: the codec, whether it had a BOM, its newline."""

    codec: str = "utf-8"
    bom: bool = False
    newline: str = "\n"

    def encode(self, text: str) -> bytes:
        """Encode text that uses this encoding's own newlines, adding the BOM if any."""
        prefix = b""
        if self.bom:
            prefix = next(bom for bom, codec in _BOMS if codec == self.codec)
        return prefix + text.encode(self.codec)


def dominant_newline(text: str) -> str:
    """The newline most lines of `text` end with; LF when there are none."""
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    return "\r\n" if crlf > lf else "\n"


def split_lines(text: str) -> list[str]:
    """Split after each LF, keeping line ends; unlike str.splitlines, only LF splits.

    str.splitlines also breaks on form feeds, U+2028 and friends, which would make
    our line numbers disagree with YAML's and Hugo's.
    """
    return re.split(r"(?<=\n)", text) if text else []


def _looks_like_utf16(data: bytes) -> str | None:
    """Guess BOM-less UTF-16 from the zero bytes that ASCII text leaves behind."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2 or b"\x00" not in sample:
        return None
    even_zeros = sample[0::2].count(0)
    odd_zeros = sample[1::2].count(0)
    half = len(sample) // 2
    # Mostly-ASCII text leaves a zero in every other byte; characters like U+4E00
    # put a few zeros on the other side too, so the test is lopsidedness.
    if odd_zeros > half * 0.3 and even_zeros < odd_zeros * 0.1:
        return "utf-16-le"
    if even_zeros > half * 0.3 and odd_zeros < even_zeros * 0.1:
        return "utf-16-be"
    return None


def too_large() -> str:
    """What to tell the writer about a file over the size limit."""
    return f"postedit opens posts of up to {MAX_POST_BYTES // 1_048_576} MB; this file is larger."


def decode(data: bytes) -> tuple[str, TextEncoding]:
    """Decode a post's bytes; raise TextDecodeError for binary or oversized input.

    The order matters: a BOM is authoritative, then strict UTF-8 (by far the most
    common), then BOM-less UTF-16, then cp1252 for the legacy Windows files that
    are not valid UTF-8, falling back to Latin-1 for the five bytes cp1252 leaves
    undefined, so decoding never invents U+FFFD.
    """
    if len(data) > MAX_POST_BYTES:
        raise TextDecodeError(too_large())
    codec, bom = None, False
    for mark, name in _BOMS:
        if data.startswith(mark):
            codec, bom = name, True
            data = data[len(mark) :]
            break
    if codec is None:
        codec = _looks_like_utf16(data)
    if codec is not None:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as error:
            raise TextDecodeError(f"The file is not valid {codec.upper()} text.") from error
    else:
        if b"\x00" in data:
            raise TextDecodeError("The file contains NUL bytes: it looks like a binary file.")
        try:
            text, codec = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                text, codec = data.decode("cp1252"), "cp1252"
            except UnicodeDecodeError:
                text, codec = data.decode("latin-1"), "latin-1"
    if "\x00" in text:
        raise TextDecodeError("The file contains NUL characters: it looks like a binary file.")
    return text, TextEncoding(codec=codec, bom=bom, newline=dominant_newline(text))


def to_lf(text: str) -> str:
    """Text with CRLF turned into LF: what editors and parsers get to see."""
    return text.replace("\r\n", "\n")


def from_lf(text: str, newline: str) -> str:
    """Text with LF turned into `newline` again (no-op for LF files)."""
    return text if newline == "\n" else text.replace("\n", newline)
