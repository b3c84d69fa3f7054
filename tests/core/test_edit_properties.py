"""Property tests: random edits of random front matter change exactly the edited lines."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from postedit.core.document import Document
from postedit.core.values import reads_as, same_value

RESERVED = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}
keys = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True).filter(lambda k: k not in RESERVED)
words = st.from_regex(r"[A-Za-z][A-Za-z0-9]{0,8}", fullmatch=True).filter(
    lambda w: w.lower() not in RESERVED
)
any_text = st.text(
    st.characters(
        codec="utf-8",
        exclude_categories=("Cs", "Cc", "Zl", "Zp"),
        exclude_characters="\ufeff\x85",
    )
    | st.sampled_from([":", "#", "'", '"', "[", "]", "{", "}", ",", "&", "*", "!", "|", "-", " "]),
    max_size=30,
)
multiline_text = st.lists(any_text.map(str.strip), min_size=2, max_size=4).map("\n".join)
dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
datetimes = st.builds(
    lambda d, h, m, offset: datetime(
        d.year, d.month, d.day, h, m, tzinfo=timezone(timedelta(hours=offset))
    ),
    dates,
    st.integers(0, 23),
    st.integers(0, 59),
    st.integers(-11, 12),
)
scalars = st.one_of(
    any_text,
    st.integers(-(10**6), 10**6),
    st.booleans(),
    dates,
    datetimes,
)
values = st.one_of(scalars, st.lists(any_text, max_size=4), multiline_text)


def _render_original(value: Any, style: int) -> list[str]:
    """YAML lines for one value in one of several styles a writer's file may use."""
    if isinstance(value, bool):
        return [("true" if value else "false") if style % 2 else ("True" if value else "False")]
    if isinstance(value, datetime):
        return [value.isoformat()]
    if isinstance(value, date | int):
        return [str(value)]
    if isinstance(value, list):
        if style % 2 and value:
            return ["", *[f"  - {json.dumps(item, ensure_ascii=False)}" for item in value]]
        return ["[" + ", ".join(json.dumps(item, ensure_ascii=False) for item in value) + "]"]
    if style % 3 == 0 and value and value.isalnum() and value.lower() not in RESERVED:
        return [value] if not value[0].isdigit() else [json.dumps(value, ensure_ascii=False)]
    if style % 3 == 1 and "\n" not in value:
        return ["'" + value.replace("'", "''") + "'"]
    return [json.dumps(value, ensure_ascii=False)]


@st.composite
def front_matters(draw: st.DrawFn) -> tuple[list[str], dict[str, Any], dict[str, list[str]]]:
    names = draw(st.lists(keys, min_size=1, max_size=8, unique=True))
    data: dict[str, Any] = {}
    blocks: dict[str, list[str]] = {}
    order: list[str] = []
    for name in names:
        value = draw(st.one_of(scalars, st.lists(any_text, max_size=4)))
        style = draw(st.integers(0, 5))
        lines = _render_original(value, style)
        first, rest = lines[0], lines[1:]
        block = [f"{name}: {first}".rstrip(" ") if first else f"{name}:", *rest]
        if draw(st.booleans()):
            block.append(f"# note about {name}")
        data[name] = value
        blocks[name] = block
        order.append(name)
    return order, data, blocks


def _unedited_blocks_intact(
    new_lines: list[str], order: list[str], blocks: dict[str, list[str]], edited: set[str]
) -> None:
    pointer = 0
    for name in order:
        if name in edited:
            continue
        block = blocks[name]
        starts = [
            i for i in range(pointer, len(new_lines)) if new_lines[i : i + len(block)] == block
        ]
        assert starts, f"lines of unedited {name!r} changed: {block!r}\n{new_lines!r}"
        for skipped in new_lines[pointer : starts[0]]:
            assert (
                not skipped
                or skipped.startswith((" ", "-"))
                or skipped.split(":")[0] in edited
                or (skipped.startswith("# note about ") and skipped[13:] in edited)
            ), f"unexpected changed line {skipped!r}"
        pointer = starts[0] + len(block)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(front_matters(), st.data())
def test_random_yaml_edits_change_exactly_the_edited_lines(
    generated: tuple[list[str], dict[str, Any], dict[str, list[str]]], data: st.DataObject
) -> None:
    order, original, blocks = generated
    text = "---\n" + "".join(line + "\n" for name in order for line in blocks[name]) + "---\nBody\n"
    document = Document(text.encode("utf-8"))
    assert document.front_matter_error is None, (document.front_matter_error, text)
    for name in order:
        assert same_value(document.front_matter[name], original[name]), (name, text)
    assert document.to_bytes() == text.encode("utf-8")

    edited = set(data.draw(st.lists(st.sampled_from(order), unique=True, max_size=len(order))))
    expected = dict(original)
    for name in edited:
        if data.draw(st.integers(0, 9)) == 0:
            del document.front_matter[name]
            del expected[name]
        else:
            new_value = data.draw(values)
            document.front_matter[name] = new_value
            expected[name] = new_value
    added = data.draw(st.dictionaries(keys.filter(lambda k: k not in original), values, max_size=2))
    for name, value in added.items():
        document.front_matter[name] = value
        expected[name] = value

    result = document.to_bytes().decode("utf-8")
    reread = Document(result.encode("utf-8"))
    assert reread.front_matter_error is None, (reread.front_matter_error, result)
    assert list(reread.front_matter) == list(expected), result
    for name, value in expected.items():
        # A date set on a field that held a quoted date string stays a quoted string.
        got = reread.front_matter[name]
        assert reads_as(value, got), (name, value, got, result)
    assert result.endswith("---\nBody\n")
    new_lines = result[4 : -len("---\nBody\n")].splitlines()
    _unedited_blocks_intact(new_lines, order, blocks, edited | set(added))


json_scalars = st.one_of(any_text, st.integers(-(10**6), 10**6), st.booleans(), st.none())
json_values = st.one_of(json_scalars, st.lists(json_scalars, max_size=3))


@settings()
@given(
    st.dictionaries(keys, json_values, min_size=1, max_size=6),
    st.sampled_from(["  ", "    ", "\t"]),
    st.data(),
)
def test_random_json_edits_change_exactly_the_edited_lines(
    original: dict[str, Any], indent: str, data: st.DataObject
) -> None:
    blocks = {
        key: indent
        + json.dumps(key)
        + ": "
        + json.dumps(value, ensure_ascii=False, indent=indent).replace("\n", "\n" + indent)
        for key, value in original.items()
    }
    text = "{\n" + ",\n".join(blocks.values()) + "\n}\n\nBody\n"
    document = Document(text.encode("utf-8"))
    assert document.front_matter.to_dict() == original
    assert document.to_bytes() == text.encode("utf-8")
    edited = data.draw(st.lists(st.sampled_from(list(original)), unique=True))
    expected = dict(original)
    for name in edited:
        expected[name] = document.front_matter[name] = data.draw(json_values)
    result = document.to_bytes().decode("utf-8")
    assert json.loads(result[: result.rindex("}") + 1]) == expected
    assert result.endswith("}\n\nBody\n")
    for name, block in blocks.items():
        if name not in edited:
            assert block in result, (block, result)


@settings()
@given(
    st.dictionaries(keys, st.one_of(any_text, st.integers(), st.booleans(), dates), min_size=1),
    st.data(),
)
def test_random_toml_edits_change_exactly_the_edited_lines(
    original: dict[str, Any], data: st.DataObject
) -> None:
    import tomlkit

    head = tomlkit.dumps(original)
    text = f"+++\n{head}+++\nBody\n"
    document = Document(text.encode("utf-8"))
    assert document.front_matter_error is None
    assert document.to_bytes() == text.encode("utf-8")
    edited = data.draw(st.lists(st.sampled_from(list(original)), unique=True))
    expected = dict(original)
    for name in edited:
        expected[name] = document.front_matter[name] = data.draw(
            st.one_of(any_text, st.integers(), st.booleans(), dates)
        )
    result = document.to_bytes().decode("utf-8")
    reread = Document(result.encode("utf-8"))
    assert reread.front_matter.to_dict() == expected
    old_lines = head.splitlines()
    new_lines = result.splitlines()
    for line in old_lines:
        name = line.split(" = ")[0].strip('"')
        if name not in edited:
            assert line in new_lines
    assert len(new_lines) == len(old_lines) + 3


nested_scalars = st.one_of(words, st.integers(-1000, 1000), st.booleans(), dates)


@st.composite
def nested_front_matters(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    """YAML with a `params` block map two levels deep, written as writers write it."""
    names = draw(st.lists(keys, min_size=1, max_size=5, unique=True))
    inner = draw(st.lists(keys, min_size=1, max_size=3, unique=True))
    indent = draw(st.sampled_from(["  ", "    "]))
    lines = ["title: Post", "params:"]
    params: dict[str, Any] = {}
    for name in names:
        if draw(st.booleans()):
            value = draw(nested_scalars)
            params[name] = value
            lines.append(f"{indent}{name}: {_render_original(value, 3)[0]}")
            if draw(st.booleans()):
                lines.append(f"{indent}# about {name}")
        else:
            params[name] = {}
            lines.append(f"{indent}{name}:")
            for child in inner:
                value = draw(nested_scalars)
                params[name][child] = value
                lines.append(f"{indent * 2}{child}: {_render_original(value, 3)[0]}")
    lines.append("draft: false")
    return "".join(line + "\n" for line in lines), {
        "title": "Post",
        "params": params,
        "draft": False,
    }


@given(nested_front_matters(), st.data())
def test_random_nested_yaml_edits_change_exactly_the_edited_lines(
    generated: tuple[str, dict[str, Any]], data: st.DataObject
) -> None:
    front, values = generated
    text = f"---\n{front}---\nBody\n"
    document = Document(text.encode("utf-8"))
    assert document.front_matter_error is None, (document.front_matter_error, text)
    assert same_value(document.front_matter.to_dict(), values)
    params = document.front_matter["params"]
    name = data.draw(st.sampled_from(sorted(params)))
    if isinstance(params[name], dict):
        child = data.draw(st.sampled_from(sorted(params[name])))
        old_line_start = f"{child}: "
        params[name][child] = data.draw(nested_scalars)
    else:
        old_line_start = f"{name}: "
        params[name] = data.draw(nested_scalars)
    result = document.to_bytes().decode("utf-8")
    reread = Document(result.encode("utf-8"))
    assert reads_as(document.front_matter.to_dict(), reread.front_matter.to_dict()), result
    old_lines, new_lines = text.splitlines(), result.splitlines()
    assert len(old_lines) == len(new_lines), result
    changed = [(a, b) for a, b in zip(old_lines, new_lines, strict=True) if a != b]
    assert len(changed) <= 1, changed
    if changed:
        assert changed[0][0].strip().startswith(old_line_start), changed
        assert changed[0][1].strip().startswith(old_line_start), changed
