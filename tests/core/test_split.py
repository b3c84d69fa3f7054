"""Where front matter begins and ends, as Hugo's page lexer decides."""

from __future__ import annotations

import pytest

from postedit.core.split import FrontMatterFormat, split_post


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: a\n---\nbody\n",
        "\n\n  ---\ntitle: a\n---\r\nbody",
        "+++\ntitle = 'a'\n+++\n",
        '{"title": "}"}\nbody\n',
        "no front matter\n---\n",
        "--- x\ntitle: a\n---\n",
        "---\ntitle: a\n--- trailing\nbody\n",
        "",
    ],
)
def test_parts_join_back_to_the_text(text: str) -> None:
    split = split_post(text)
    assert split.text == text


def test_text_after_the_closing_delimiter_is_body_as_in_hugo() -> None:
    split = split_post("---\ntitle: a\n--- trailing\nbody\n")
    assert split.front_matter == "title: a\n"
    assert split.closing == "---"
    assert split.body == " trailing\nbody\n"


@pytest.mark.parametrize("first", ["--- x", "----", "+++ toml", "---title: a"])
def test_text_after_the_opening_delimiter_is_an_error(first: str) -> None:
    split = split_post(f"{first}\ntitle: a\n---\nbody\n")
    assert split.format in (FrontMatterFormat.YAML, FrontMatterFormat.TOML)
    assert split.error is not None
    assert f"“{first}”" in split.error
    assert split.body == f"{first}\ntitle: a\n---\nbody\n"


def test_trailing_spaces_after_the_opening_delimiter_are_fine() -> None:
    split = split_post("---   \ntitle: a\n---\n")
    assert split.error is None
    assert split.front_matter == "title: a\n"
