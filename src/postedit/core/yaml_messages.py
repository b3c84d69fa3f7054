"""YAML errors told in plain words, the same in the post list and the open post.

ruamel.yaml (which the editor reads posts with) and PyYAML (which the index uses
for speed) word their errors alike, as "while parsing a flow sequence; expected
',' or ']'". Writers need to know what to fix, so we lead with that.
"""

from __future__ import annotations

_PLAIN_WORDS: tuple[tuple[str, str], ...] = (
    ("cannot start any token", "A tab or special character starts a value; YAML indents "
     "with spaces only, and a value starting with @ or ` needs double quotes."),
    ("mapping values are not allowed", "A “:” appears where YAML does not expect one; "
     "put the value in double quotes."),
    ("expected ',' or ']'", "A list in [ ] is not closed with “]”, or an item needs quotes."),
    ("expected ',' or '}'", "A map in { } is not closed with “}”."),
    ("while scanning a quoted scalar", "A quoted value is never closed: a quote is missing."),
    ("could not find expected ':'", "A line is not in “name: value” form."),
    ("expected <block end>", "A line is not in “name: value” form, text follows a closing "
     "quote, or the indentation is off."),
)  # fmt: skip


def yaml_problem_message(context: str | None, problem: str | None) -> str:
    """A YAML error in plain words first, with the parser's own words after it."""
    parts = [part for part in (context, problem) if part]
    technical = "; ".join(parts) if parts else "the YAML cannot be read"
    for needle, words in _PLAIN_WORDS:
        if needle in technical:
            return f"{words} (YAML: {technical}.)"
    return technical[:1].upper() + technical[1:] + "."
