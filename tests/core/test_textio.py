"""Decoding posts honestly and encoding them back identically."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postedit.core.textio import TextDecodeError, decode, dominant_newline, split_lines


@pytest.mark.parametrize(
    ("data", "codec", "bom"),
    [
        ("héllo".encode(), "utf-8", False),
        (codecs.BOM_UTF8 + "héllo".encode(), "utf-8", True),
        (codecs.BOM_UTF16_LE + "héllo".encode("utf-16-le"), "utf-16-le", True),
        (codecs.BOM_UTF16_BE + "héllo".encode("utf-16-be"), "utf-16-be", True),
        ("hello there".encode("utf-16-le"), "utf-16-le", False),
        ("café €".encode("cp1252"), "cp1252", False),
        (b"caf\xe9 \x81", "latin-1", False),
    ],
)
def test_decode_detects_encoding(data: bytes, codec: str, bom: bool) -> None:
    text, encoding = decode(data)
    assert (encoding.codec, encoding.bom) == (codec, bom)
    assert "\ufffd" not in text
    assert encoding.encode(text) == data


@given(st.text(st.characters(exclude_characters="\x00", codec="utf-8")))
def test_any_utf8_text_round_trips(text: str) -> None:
    data = text.encode("utf-8")
    decoded, encoding = decode(data)
    assert encoding.encode(decoded) == data


@given(st.binary(max_size=200).filter(lambda b: b"\x00" not in b))
def test_any_nul_free_bytes_round_trip_or_are_refused(data: bytes) -> None:
    try:
        text, encoding = decode(data)
    except TextDecodeError:
        return
    assert encoding.encode(text) == data


def test_newline_detection_and_line_split() -> None:
    assert dominant_newline("a\r\nb\r\nc\n") == "\r\n"
    assert dominant_newline("a\nb") == "\n"
    assert split_lines("a\x0cb\u2028c\nd") == ["a\x0cb\u2028c\n", "d"]
