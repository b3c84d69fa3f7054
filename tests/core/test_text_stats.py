"""Words and reading time as the status bar shows them."""

from __future__ import annotations

import pytest

from postedit.core.text_stats import count_words, describe, reading_minutes, text_stats


@pytest.mark.parametrize(
    ("markdown", "words"),
    [
        ("", 0),
        ("One two three.", 3),
        ("## A heading\n\nSome *emphasis* and **bold**.", 6),
        ("Don't split e-mail or it’s.", 5),
        ("A [link text](https://example.org/a-long/path) here.", 4),
        ('Before {{< figure src="x.jpg" alt="not counted" >}} after.', 2),
        ('{{% callout type="tip" %}}Inside counts.{{% /callout %}}', 2),
        ('Text <span class="x">inside</span> tags.', 3),
        ("```python\nprint(1)\n```\n", 2),  # code is read too; the fence line is not
        ("- one\n- two\n1. three", 3),
        ("Één café in Zwolle, 2024.", 5),
        ("snake_case_name and _italic_", 3),
    ],
)
def test_words_are_what_a_reader_reads(markdown: str, words: int) -> None:
    assert count_words(markdown) == words


@pytest.mark.parametrize(
    ("words", "minutes"), [(0, 0), (1, 1), (213, 1), (214, 2), (556, 3), (2130, 10)]
)
def test_reading_time_rounds_up_like_hugo(words: int, minutes: int) -> None:
    assert reading_minutes(words) == minutes


def test_status_bar_wording() -> None:
    assert describe(text_stats("word")) == ("1 word", "1 min read")
    assert describe(text_stats("")) == ("0 words", "0 min read")
    assert describe(text_stats("w " * 1500)) == ("1,500 words", "8 min read")
