"""The site index: entries, errors, the cache, per-file updates, taxonomies, search."""

from __future__ import annotations

import datetime as dt
import marshal
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future
from functools import partial
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from postedit.core import index as index_module
from postedit.core import index_entry as index_entry_module
from postedit.core.dates import NotAHugoDate, parse_date
from postedit.core.index import SiteIndex
from postedit.core.index_cache import CACHE_VERSION
from postedit.core.index_entry import IndexEntry, read_entry
from postedit.core.quickread import load_yaml, split_head
from postedit.core.shapes import ValueShape, shape_of
from postedit.core.site import ContentFile, Site
from postedit.core.split import split_post
from postedit.core.textio import TextDecodeError, decode

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def post(title: str, date: str | None = None, **fields: str) -> str:
    lines = [f"title: {title}"]
    if date is not None:
        lines.append(f"date: {date}")
    lines.extend(f"{key}: {value}" for key, value in fields.items())
    return "---\n" + "\n".join(lines) + "\n---\n\nBody text.\n"


@pytest.fixture
def site_root(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    write(root / "hugo.toml", 'title = "Test"\n')
    return root


def make_index(root: Path, **options: Any) -> SiteIndex:
    return SiteIndex(Site.open(root), cache_dir=root.parent / "cache", **options)


def built(root: Path, **options: Any) -> SiteIndex:
    index = make_index(root, **options)
    index.refresh()
    return index


def by_path(index: SiteIndex) -> dict[str, IndexEntry]:
    return {entry.path: entry for entry in index.entries}


def set_mtime(path: Path, ns: int) -> None:
    os.utime(path, ns=(ns, ns))


# --- entries --------------------------------------------------------------------------------


def test_entries_have_titles_dates_drafts_and_come_newest_first(site_root: Path) -> None:
    content = site_root / "content"
    write(content / "blog" / "old.md", post("Old", "2023-01-05"))
    write(content / "blog" / "new.md", post("New", "2024-06-01T10:00:00+02:00", draft="true"))
    write(content / "blog" / "same-day.md", post("Same day", "2024-06-01"))
    write(content / "news" / "later.md", post("Later", "2024-06-01T09:00:00Z"))
    write(content / "about.md", post("About"))
    entries = built(site_root).entries
    assert [entry.title for entry in entries] == ["Later", "New", "Same day", "Old", "About"]
    assert [entry.path for entry in entries][-1] == "content/about.md"
    new = entries[1]
    assert new.date == dt.datetime(2024, 6, 1, 10, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert new.draft is True
    assert new.section == "blog"
    assert new.format == "yaml"
    assert new.error is None
    assert entries[2].date == dt.date(2024, 6, 1)
    assert entries[-1].date is None and entries[-1].section == ""


def test_times_without_an_offset_sort_in_the_sites_time_zone(site_root: Path) -> None:
    write(site_root / "hugo.toml", 'timeZone = "America/New_York"\n')
    content = site_root / "content"
    write(content / "local.md", post("Local", "2024-07-01T10:00:00"))  # 14:00 UTC
    write(content / "utc.md", post("UTC", "2024-07-01T12:00:00Z"))
    write(content / "day.md", post("Day", "2024-07-02"))  # 04:00 UTC
    write(content / "early.md", post("Early", "2024-07-02T03:00:00Z"))
    index = built(site_root)
    assert [entry.title for entry in index.entries] == ["Day", "Early", "Local", "UTC"]
    assert index.entries[2].date == dt.datetime(2024, 7, 1, 10)  # as written
    write(site_root / "hugo.toml", "")
    assert [entry.title for entry in built(site_root).entries] == ["Early", "Day", "UTC", "Local"]


def test_toml_and_json_front_matter_and_quoted_dates(site_root: Path) -> None:
    content = site_root / "content" / "blog"
    write(content / "t.md", '+++\ntitle = "Toml"\ndate = "2017-07-23T21:28:13Z"\n+++\nBody\n')
    write(content / "j.md", '{\n  "title": "Json",\n  "date": "2018-02-03",\n  "draft": true\n}\n')
    write(content / "n.md", "+++\ntitle = 'Native'\ndate = 2019-01-01T08:00:00\n+++\n")
    entries = by_path(built(site_root))
    toml = entries["content/blog/t.md"]
    assert (toml.title, toml.format) == ("Toml", "toml")
    assert toml.date == dt.datetime(2017, 7, 23, 21, 28, 13, tzinfo=dt.UTC)
    json_entry = entries["content/blog/j.md"]
    assert (json_entry.format, json_entry.date, json_entry.draft) == (
        "json",
        dt.date(2018, 2, 3),
        True,
    )
    assert entries["content/blog/n.md"].date == dt.datetime(2019, 1, 1, 8)


def test_date_falls_back_like_hugo(site_root: Path) -> None:
    content = site_root / "content"
    write(content / "a.md", post("A", publishDate="2020-01-01", lastmod="2021-01-01"))
    write(content / "b.md", post("B", lastmod="2021-02-02"))
    write(content / "c.md", post("C", Date="2022-03-03", lastmod="2021-02-02"))
    write(content / "d.md", post("D", date='""', pubdate="2019-09-09"))
    write(content / "e.md", post("E", modified="2018-08-08", published="~"))
    entries = by_path(built(site_root))
    assert entries["content/a.md"].date == dt.date(2020, 1, 1)
    assert entries["content/b.md"].date == dt.date(2021, 2, 2)
    assert entries["content/c.md"].date == dt.date(2022, 3, 3)
    assert entries["content/d.md"].date == dt.date(2019, 9, 9)  # empty: as if not set
    assert entries["content/e.md"].date == dt.date(2018, 8, 8)
    assert all(entry.error is None for entry in entries.values())


@pytest.mark.parametrize(
    ("fields", "key"),
    [
        ({"date": '"not a date"', "pubdate": "2019-09-09"}, "date"),  # no falling back
        ({"date": "2024-01-01", "lastmod": '"soon"'}, "lastmod"),
        ({"date": "2024-01-01", "pubdate": "yesterday"}, "pubdate"),
        ({"date": "2024-01-01", "expirydate": "never"}, "expirydate"),
        ({"date": "2024-01-01", "published": "false"}, "published"),
        ({"date": '"2024-01-01 10:00"'}, "date"),  # no seconds: not a layout Hugo knows
        ({"date": '" 2024-01-01"'}, "date"),
        ({"date": "2024-02-30"}, "date"),
    ],
)
def test_a_date_hugo_refuses_is_an_error(site_root: Path, fields: dict[str, str], key: str) -> None:
    # Hugo 0.168 stops the build: `the "<key>" front matter field is not a parsable date`.
    write(site_root / "content" / "a.md", post("A", **fields))
    entry = built(site_root).entries[0]
    assert entry.error is not None and f"the {key} " in entry.error, entry.error
    assert entry.title == "A"


def test_dates_hugo_does_not_read_stop_no_build(site_root: Path) -> None:
    # The first set key of each of Hugo's date chains is read; later ones are not.
    write(site_root / "content" / "a.md", post("A", publishdate="2024-01-01", pubdate="bad"))
    write(site_root / "content" / "b.md", post("B", lastmod="2024-01-01", modified="bad"))
    write(site_root / "content" / "c.md", post("C", expirydate="2024-01-01", unpublishdate="x"))
    assert [entry.error for entry in built(site_root).entries] == [None, None, None]


@pytest.mark.parametrize(
    ("value", "expected"),
    # Measured with Hugo 0.168 (`hugo list all`, site time zone UTC).
    [
        ("2024-03-01", dt.date(2024, 3, 1)),
        ("02 Jan 2006", dt.date(2006, 1, 2)),
        ("02 jan 2006", dt.date(2006, 1, 2)),
        ("2024-03-01T10:00:00", dt.datetime(2024, 3, 1, 10)),
        ("2024-03-01 10:00:00", dt.datetime(2024, 3, 1, 10)),
        ("2024-03-01  10:00:00", dt.datetime(2024, 3, 1, 10)),
        ("2024-03-01 1:00:00", dt.datetime(2024, 3, 1, 1)),
        ("2024-03-01 10:00:00.25", dt.datetime(2024, 3, 1, 10, 0, 0, 250000)),
        ("2024-03-01T10:00:00,5Z", dt.datetime(2024, 3, 1, 10, 0, 0, 500000, tzinfo=dt.UTC)),
        ("2024-03-01T10:00:00Z", dt.datetime(2024, 3, 1, 10, tzinfo=dt.UTC)),
        (
            "2024-03-01T10:00:00+05:30",
            dt.datetime(2024, 3, 1, 10, tzinfo=dt.timezone(dt.timedelta(hours=5, minutes=30))),
        ),
        (
            "2024-03-01T10:00:00+0200",
            dt.datetime(2024, 3, 1, 10, tzinfo=dt.timezone(dt.timedelta(hours=2))),
        ),
        (
            "2024-03-01 10:00:00 +02:00",
            dt.datetime(2024, 3, 1, 10, tzinfo=dt.timezone(dt.timedelta(hours=2))),
        ),
        ("2024-03-01 10:00:00Z", dt.datetime(2024, 3, 1, 10, tzinfo=dt.UTC)),
        (
            "Mon, 02 Jan 2006 15:04:05 -0700",
            dt.datetime(2006, 1, 2, 15, 4, 5, tzinfo=dt.timezone(dt.timedelta(hours=-7))),
        ),
        (
            "mon, 02 jan 2006 15:04:05 -0700",
            dt.datetime(2006, 1, 2, 15, 4, 5, tzinfo=dt.timezone(dt.timedelta(hours=-7))),
        ),
        (
            "Mon, 02 Jan 2006 15:04:05 CEST",
            dt.datetime(2006, 1, 2, 15, 4, 5),
        ),  # zone name: site zone
        (
            "02 Jan 06 15:04 -0700",
            dt.datetime(2006, 1, 2, 15, 4, tzinfo=dt.timezone(dt.timedelta(hours=-7))),
        ),
        ("Monday, 02-Jan-06 15:04:05 MST", dt.datetime(2006, 1, 2, 15, 4, 5)),
        ("Mon Jan  2 15:04:05 2006", dt.datetime(2006, 1, 2, 15, 4, 5)),
        ("Mon Jan 2 15:04:05 MST 2006", dt.datetime(2006, 1, 2, 15, 4, 5)),
        (
            "2006-01-02 15:04:05.5 -0700 MST",
            dt.datetime(2006, 1, 2, 15, 4, 5, 500000, tzinfo=dt.timezone(dt.timedelta(hours=-7))),
        ),
        (1700000000, dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.UTC)),  # Unix seconds
        (-5, dt.datetime(1969, 12, 31, 23, 59, 55, tzinfo=dt.UTC)),
        (dt.date(2024, 3, 1), dt.date(2024, 3, 1)),  # TOML's own
        ("3:04PM", None),  # a time of day: Hugo takes it, for year 0
        ("0000-01-01", None),
        # Refused: Hugo stops the build.
        ("2024-03-01T10:00", NotAHugoDate),
        ("2024-03-01 10:00", NotAHugoDate),
        ("20240301", NotAHugoDate),
        ("2024-3-1", NotAHugoDate),
        ("2024-03-01T10:00:00+02", NotAHugoDate),
        ("2024-03-01t10:00:00z", NotAHugoDate),
        ("2024-03-01T10:00:00z", NotAHugoDate),
        ("2024-03-01T24:00:00Z", NotAHugoDate),
        ("2024-03-01T10:00:60Z", NotAHugoDate),
        ("2024-02-30", NotAHugoDate),
        ("  2024-03-01  ", NotAHugoDate),
        ("10000-01-01", NotAHugoDate),
        ("Mon, 2 Jan 2006 15:04:05 -0700", NotAHugoDate),
        ("Xyz, 02 Jan 2006 15:04:05 -0700", NotAHugoDate),
        ("Mon, 02 Jan 2006 15:04:05 +01:00", NotAHugoDate),
        ("2 Jan 2006", NotAHugoDate),
        ("02 January 2006", NotAHugoDate),
        ("January 2, 2006", NotAHugoDate),
        ("not a date", NotAHugoDate),
        (1700000000.5, NotAHugoDate),
        (True, NotAHugoDate),
        (dt.time(7, 32), NotAHugoDate),  # a TOML local time
    ],
)
def test_parse_date_reads_what_hugo_reads(value: object, expected: object) -> None:
    if expected is NotAHugoDate:
        with pytest.raises(NotAHugoDate):
            parse_date(value)
    else:
        result = parse_date(value)
        assert result == expected and type(result) is type(expected)
        if isinstance(expected, dt.datetime):
            assert result.utcoffset() == expected.utcoffset()  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("value", "draft"),
    # Measured with Hugo 0.168: Go's ParseBool on strings, exactly; numbers not 0.
    [
        ('"false"', False),
        ('"true"', True),
        ('"T"', True),
        ('"1"', True),
        ("TRUE", True),
        ("no", False),
        ("yes", False),  # a string to Hugo's YAML, and not one ParseBool knows
        ("on", False),
        ('" true"', False),
        ("2", True),
        ("0.5", True),
        ("0", False),
        ("[true]", False),
        ("~", False),
    ],
)
def test_draft_follows_hugos_cast_to_bool(site_root: Path, value: str, draft: bool) -> None:
    write(site_root / "content" / "a.md", post("A", draft=value))
    assert built(site_root).entries[0].draft is draft


@pytest.mark.parametrize(
    ("value", "title"),
    # Measured with Hugo 0.168; a missing or empty title stays the file name on purpose.
    [
        ("2024", "2024"),
        ("1.0", "1"),
        ("12.50", "12.5"),
        ("1.5e+20", "150000000000000000000"),
        ("0755", "493"),
        ("1_000", "1000"),
        ("1:30", "1:30"),
        ("yes", "yes"),
        ("true", "true"),
        ("2024-03-01", "2024-03-01"),
        (".inf", "+Inf"),
        ("[a, b]", "a"),  # Hugo: "", so the file name
        ("''", "a"),
    ],
)
def test_titles_are_the_strings_hugo_makes(site_root: Path, value: str, title: str) -> None:
    write(site_root / "content" / "a.md", "---\ntitle: " + value + "\n---\n")
    assert built(site_root).entries[0].title == title


def test_taxonomies_tags_and_description_are_collected(site_root: Path) -> None:
    write(site_root / "hugo.toml", '[taxonomies]\ntag = "tags"\nseries = "series"\n')
    write(
        site_root / "content" / "a.md",
        post(
            "A",
            tags='["x", "y", ""]',
            categories="Solo",
            series="[Intro]",
            Description='"Short text"',
        ),
    )
    entry = built(site_root).entries[0]
    assert entry.tags == ("x", "y")
    assert entry.categories == ("Solo",)
    assert entry.taxonomies == {"series": ("Intro",), "tags": ("x", "y")}
    assert entry.description == "Short text"


def test_field_shapes_record_keys_as_written_in_order(site_root: Path) -> None:
    write(
        site_root / "content" / "a.md",
        "---\ntitle: T\ndate: 2024-02-05\nfeatured_image: img/a.jpg\ntags: [a]\n"
        "seo: {title: x}\nweight: 3\nDraft: false\n---\n",
    )
    entry = built(site_root).entries[0]
    assert entry.field_shapes == (
        ("title", "string"),
        ("date", "date"),
        ("featured_image", "image"),
        ("tags", "string_list"),
        ("seo", "raw"),
        ("weight", "number"),
        ("Draft", "bool"),
    )


@pytest.mark.parametrize(
    ("value", "shape"),
    [
        (None, ValueShape.EMPTY),
        ("", ValueShape.EMPTY),
        (True, ValueShape.BOOL),
        (3, ValueShape.NUMBER),
        (2.5, ValueShape.NUMBER),
        (dt.date(2024, 1, 1), ValueShape.DATE),
        (dt.datetime(2024, 1, 1, 8), ValueShape.DATETIME),
        ("2024-01-01", ValueShape.DATE),
        ("2024-01-01T08:00:00Z", ValueShape.DATETIME),
        ("Short title", ValueShape.STRING),
        ("x" * 81, ValueShape.LONG_STRING),
        ("two\nlines", ValueShape.LONG_STRING),
        ("images/Cover.JPG", ValueShape.IMAGE),
        ([], ValueShape.EMPTY_LIST),
        (["a", "b"], ValueShape.STRING_LIST),
        (["a", 1], ValueShape.RAW),
        ([{"a": 1}], ValueShape.RAW),
        ({"a": 1}, ValueShape.RAW),
    ],
)
def test_shape_of(value: object, shape: ValueShape) -> None:
    assert shape_of(value) is shape


# --- bad files --------------------------------------------------------------------------------


def test_bad_files_get_an_error_and_a_title_from_their_name(site_root: Path) -> None:
    content = site_root / "content" / "blog"
    write(content / "broken-yaml.md", "---\ntitle: Fine\ntags: [a, b\ndate: 2024-01-01\n---\n")
    write(content / "binary.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write(content / "unclosed.md", "---\ntitle: Never closed\n\nBody\n")
    write(content / "bad-toml.md", '+++\ntitle = "x"\ndate = \n+++\n')
    write(content / "bad-json.md", '{\n  "title": "x",\n  "draft": tru\n}\n')
    write(content / "a-list.md", "---\n- one\n- two\n---\n")
    write(content / "cp1252.md", "---\ntitle: Café crème\n---\nBody\n".encode("cp1252"))
    write(content / "my_bundle" / "index.md", "---\ntitle: [unclosed\n---\n")
    entries = by_path(built(site_root))
    assert len(entries) == 8

    def error(name: str) -> str:
        found = entries[f"content/blog/{name}"].error
        assert found is not None, name
        return found

    assert "Line 4: A list in [ ] is not closed" in error("broken-yaml.md") and "YAML" in error(
        "broken-yaml.md"
    )
    assert "NUL" in error("binary.md")
    assert "closing" in error("unclosed.md")
    assert "TOML" in error("bad-toml.md") and "line 3" in error("bad-toml.md")
    assert "JSON" in error("bad-json.md") and "line 3" in error("bad-json.md")
    assert "not a list of fields" in error("a-list.md")
    assert entries["content/blog/broken-yaml.md"].title == "broken yaml"
    assert entries["content/blog/my_bundle/index.md"].title == "my bundle"
    cp1252 = entries["content/blog/cp1252.md"]
    assert (cp1252.title, cp1252.error) == ("Café crème", None)


def test_a_file_over_the_size_limit_is_not_read(site_root: Path, monkeypatch: Any) -> None:
    write(site_root / "content" / "huge.md", post("Huge") + "x" * 2000)
    monkeypatch.setattr(index_entry_module, "MAX_POST_BYTES", 1000)
    entry = built(site_root).entries[0]
    assert entry.error is not None and "MB" in entry.error
    assert entry.title == "huge"


def test_a_file_gone_since_the_scan_gets_an_error(site_root: Path) -> None:
    missing = site_root / "content" / "gone.md"
    entry = read_entry(ContentFile(str(missing), "content/gone.md", "", 0, 10))
    assert entry.error is not None and entry.error.startswith("Cannot read the file")
    assert entry.title == "gone"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_is_not_read(site_root: Path) -> None:
    content = site_root / "content"
    write(content / "a.md", post("A"))
    pipe = content / "pipe.md"
    os.mkfifo(pipe)
    index = built(site_root)  # the scan skips it
    assert [entry.path for entry in index.entries] == ["content/a.md"]
    results: list[IndexEntry | None] = []
    worker = threading.Thread(target=lambda: results.append(index.update_path(pipe)))
    worker.start()
    worker.join(timeout=60)  # a failsafe only: it returns at once, or blocks for good
    if worker.is_alive():  # let the blocked reader go (a writer opening and closing)
        os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
        worker.join()
        pytest.fail("update_path blocked on a named pipe")
    assert results == [None]
    assert [entry.path for entry in index.entries] == ["content/a.md"]
    # A file that turned into a pipe after the scan gets an error, never a blocked read.
    entry = read_entry(ContentFile(str(pipe), "content/pipe.md", "", 0, 10))
    assert entry.error is not None and "not a regular file" in entry.error


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_device_is_not_read(site_root: Path) -> None:
    entry = read_entry(ContentFile("/dev/zero", "/dev/zero", "", 0, 10))
    assert entry.error is not None and "not a regular file" in entry.error


def test_a_file_that_grew_past_the_limit_since_the_scan_is_not_read(
    site_root: Path, monkeypatch: Any
) -> None:
    path = write(site_root / "content" / "a.md", post("A") + "x" * 3000)
    monkeypatch.setattr(index_entry_module, "MAX_POST_BYTES", 1000)
    entry = read_entry(ContentFile(str(path), "content/a.md", "", 0, 100))
    assert entry.error is not None and "MB" in entry.error
    assert entry.title == "a"


# --- reading only the head of a post --------------------------------------------------------


HEADS = [
    b"---\ntitle: Plain\n---\nBody\n",
    b"---\r\ntitle: CRLF\r\n---\r\nBody\r\n",
    b"\xef\xbb\xbf---\ntitle: BOM\n---\nBody\n",
    b"+++\ntitle = 'Toml'\n+++\nBody\n",
    b"----\ntitle: four dashes\n---\n",
    b"---\ntitle: no body\n---",
    b"---\ntitle: Caf\xc3\xa9\n---\nBody caf\xe9 in cp1252\n",  # UTF-8 head, cp1252 body
    b"---\ntitle: Caf\xe9\n---\nBody\n",  # cp1252 head
    b"---\ntitle: \xc3\xa9\n---\nUTF-8 body \xe2\x82\xac\n",
    b"---\ntitle: unclosed\n\nBody\n",
    b"  \n---\ntitle: leading blank line\n---\n",
    b'{"title": "json"}\nBody\n',
    b"No front matter\n---\nnot: this\n---\n",
    b"---\n---\n",
    b"",
    b"---\ntitle: x\n---\nBody with a NUL \x00 byte\n",  # binary: an error, as when opened
]


def assert_head_split_agrees(data: bytes) -> None:
    """split_head gives the front matter (and errors) that a full decode and split give."""
    try:
        full = split_post(decode(data)[0])
    except TextDecodeError:
        with pytest.raises(TextDecodeError):
            split_head(data)
        return
    head = split_head(data)
    assert (head.format, head.front_matter, head.error) == (
        full.format,
        full.front_matter,
        full.error,
    )
    assert head.front_matter_first_line == full.front_matter_first_line


@pytest.mark.parametrize("data", HEADS)
def test_split_head_gives_the_front_matter_a_full_split_gives(data: bytes) -> None:
    assert_head_split_agrees(data)


@given(
    st.lists(
        st.sampled_from(
            ["---\n", "+++\n", "title: x\n", "é", "\r\n", "\n", "---", " ", "{", "}", "\x00"]
        ),
        max_size=12,
    ),
    st.sampled_from(["utf-8", "cp1252", "utf-8-sig"]),
    st.binary(max_size=4),
)
def test_split_head_agrees_with_a_full_decode_and_split(
    parts: list[str], codec: str, tail: bytes
) -> None:
    assert_head_split_agrees("".join(parts).encode(codec) + tail)


def test_a_file_that_grew_since_the_scan_is_read_to_its_end(site_root: Path) -> None:
    path = write(site_root / "content" / "a.md", post("Grown title", "2024-01-01"))
    entry = read_entry(ContentFile(str(path), "content/a.md", "", 0, 5))
    assert (entry.title, entry.error) == ("Grown title", None)


# --- the fast YAML loader ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "title: x\ntags: [a, b]\nn: 3\nf: 1.5\nb: true\nz: ~\nd: '2024-01-01'\n",
        "base: &b {a: 1, b: [x, y]}\nchild:\n  <<: *b\n  b: z\n",
        "list: &l [1, 2]\nagain: *l\n",
        "? [complex, key]\n: value\n",
        "s: !!set {a, b}\nbin: !!binary aGVsbG8=\no: !!omap [{a: 1}, {b: 2}]\n",
        "nested:\n  - {name: a, items: [1, {deep: true}]}\n  - plain\n",
        "1: int key\nfalse: bool key\n",
        "",
        "just a string\n",
    ],
)
def test_load_yaml_equals_safe_load(text: str) -> None:
    try:
        expected = yaml.safe_load(text)
    except yaml.YAMLError:
        with pytest.raises(yaml.YAMLError):
            load_yaml(text)
        return
    assert load_yaml(text) == expected


@pytest.mark.parametrize(
    ("text", "value"),
    # Plain scalars as Hugo 0.168's YAML library types them (measured through titles,
    # drafts and dates), where PyYAML's YAML 1.1 differs or might.
    [
        ("yes", "yes"),
        ("On", "On"),
        ("NO", "NO"),
        ("True", True),
        ("FALSE", False),
        ("2024-01-01", "2024-01-01"),
        ("2024-01-01 10:00:00+02", "2024-01-01 10:00:00+02"),
        ("2024-01-01T10:00:00Z", "2024-01-01T10:00:00Z"),
        ("1:30", "1:30"),
        ("1:30.5", "1:30.5"),
        ("0755", 493),
        ("0b101", 5),
        ("0x1F", 31),
        ("1_000", 1000),
        ("+12", 12),
        ("1e3", "1e3"),
        ("1.5", 1.5),
        ("~", None),
    ],
)
def test_load_yaml_types_plain_scalars_like_hugo(text: str, value: object) -> None:
    loaded = load_yaml(f"v: {text}\n")["v"]
    assert loaded == value and type(loaded) is type(value)


# --- the cache ------------------------------------------------------------------------------------


def count_reads(monkeypatch: Any) -> list[str]:
    """Record every file the index reads, through the module's reader."""
    reads: list[str] = []
    original: Callable[..., IndexEntry] = index_module.read_entry

    def counting(file: Any, *args: Any) -> IndexEntry:
        reads.append(file.relative)
        return original(file, *args)

    monkeypatch.setattr(index_module, "read_entry", counting)
    return reads


def test_a_second_build_reads_nothing_and_a_modified_file_is_read_again(
    site_root: Path, monkeypatch: Any
) -> None:
    content = site_root / "content" / "blog"
    for number in range(5):
        write(content / f"p{number}.md", post(f"Post {number}", f"2024-01-0{number + 1}"))
    reads = count_reads(monkeypatch)
    first = built(site_root)
    assert len(reads) == 5 and first.last_stats is not None and first.last_stats.read == 5

    reads.clear()
    second = built(site_root)
    assert reads == []
    assert second.last_stats is not None
    assert (second.last_stats.reused, second.last_stats.cache_loaded) == (5, True)
    assert second.entries == first.entries

    touched = content / "p1.md"
    stat = touched.stat()
    set_mtime(touched, stat.st_mtime_ns + 1_000_000_000)
    grown = content / "p2.md"
    mtime = grown.stat().st_mtime_ns
    write(grown, post("Post 2 renamed", "2024-01-03"))
    set_mtime(grown, mtime)  # same mtime, other size: still re-read
    third = built(site_root)
    assert sorted(reads) == ["content/blog/p1.md", "content/blog/p2.md"]
    assert by_path(third)["content/blog/p2.md"].title == "Post 2 renamed"

    (content / "p3.md").unlink()
    reads.clear()
    fourth = built(site_root)
    assert reads == [] and fourth.last_stats is not None
    assert fourth.last_stats.removed == 1
    assert "content/blog/p3.md" not in by_path(fourth)
    assert "content/blog/p3.md" not in by_path(built(site_root))  # the cache forgot it too


def test_refresh_of_a_built_index_rereads_only_changes(site_root: Path, monkeypatch: Any) -> None:
    write(site_root / "content" / "a.md", post("A", "2024-01-01"))
    write(site_root / "content" / "b.md", post("B", "2024-01-02"))
    index = built(site_root, use_cache=False)
    reads = count_reads(monkeypatch)
    write(site_root / "content" / "c.md", post("C", "2024-01-03"))
    stats = index.refresh()
    assert reads == ["content/c.md"]
    assert (stats.read, stats.reused) == (1, 2)
    assert [entry.title for entry in index.entries] == ["C", "B", "A"]
    assert not (site_root.parent / "cache").exists()


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"not marshal at all",
        b"\xe3\x00\x00\x00garbage",
    ],
)
def test_a_corrupt_cache_is_ignored_and_rewritten(
    site_root: Path, monkeypatch: Any, damage: bytes
) -> None:
    write(site_root / "content" / "a.md", post("A", "2024-01-01"))
    index = built(site_root)
    index.cache_path.write_bytes(damage)
    reads = count_reads(monkeypatch)
    again = built(site_root)
    assert reads == ["content/a.md"]
    assert again.entries[0].title == "A"
    reads.clear()
    built(site_root)
    assert reads == []  # rewritten and valid again


def test_a_cache_of_another_version_is_ignored(site_root: Path, monkeypatch: Any) -> None:
    write(site_root / "content" / "a.md", post("A", "2024-01-01"))
    built(site_root)
    monkeypatch.setattr(index_module, "CACHE_VERSION", CACHE_VERSION + 1)
    reads = count_reads(monkeypatch)
    built(site_root)
    assert reads == ["content/a.md"]


def damage_records(index: SiteIndex, damage: Callable[[list[Any]], None]) -> None:
    """Rewrite the cache file with its records changed by `damage`, key and version intact."""
    magic, version, key, records = marshal.loads(index.cache_path.read_bytes())
    records = [list(record) for record in records]
    damage(records)
    records = [tuple(record) if isinstance(record, list) else record for record in records]
    index.cache_path.write_bytes(marshal.dumps((magic, version, key, records)))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        (2, "2024-13-45"),  # a date that is no date
        (2, 20240101),
        (1, 42),  # a title that is no string
        (3, "yes"),
        (4, ["a", 1]),
        (4, ("a", None)),
        (6, {"tags": ["a"]}),
        (6, ["tags"]),
        (11, 3),
        (13, (("title", 1),)),
        (13, ["title"]),
        (13, ((["unhashable"], "string"),)),
    ],
)
def test_a_damaged_cache_record_is_a_cache_miss_for_its_file(
    site_root: Path, monkeypatch: Any, field: int, value: Any
) -> None:
    content = site_root / "content"
    write(content / "a.md", post("A", "2024-01-01", tags="[x]"))
    write(content / "b.md", post("B", "2024-01-02", tags="[y]"))
    first = built(site_root)

    def damage(records: list[Any]) -> None:
        for record in records:
            if record[0] == "content/a.md":
                record[field] = value

    damage_records(first, damage)
    reads = count_reads(monkeypatch)
    again = built(site_root)
    assert reads == ["content/a.md"]
    assert again.entries == first.entries
    assert again.search("a") and again.taxonomy_values("tags") == [("x", 1), ("y", 1)]


@pytest.mark.parametrize(
    ("damage", "read"),
    [
        (lambda records: records.append(None), []),
        (lambda records: records.append(("content/a.md",)), []),  # too short: left out
        (lambda records: records.append(7), []),
        (lambda records: records.append([["content/a.md"], 1]), []),
        (lambda records: records.__setitem__(0, records[0][:5]), ["content/b.md"]),
    ],
)
def test_records_of_the_wrong_shape_cost_only_their_file(
    site_root: Path, monkeypatch: Any, damage: Callable[[list[Any]], None], read: list[str]
) -> None:
    content = site_root / "content"
    write(content / "a.md", post("A", "2024-01-01"))
    write(content / "b.md", post("B", "2024-01-02"))
    first = built(site_root)
    damage_records(first, damage)
    reads = count_reads(monkeypatch)
    again = built(site_root)
    assert reads == read
    assert again.entries == first.entries


def test_a_changed_taxonomy_config_drops_the_cache(site_root: Path, monkeypatch: Any) -> None:
    write(site_root / "content" / "a.md", post("A", series="[One]"))
    assert built(site_root).entries[0].taxonomies == {"categories": (), "tags": ()}
    write(site_root / "hugo.toml", '[taxonomies]\nseries = "series"\n')
    reads = count_reads(monkeypatch)
    assert built(site_root).entries[0].taxonomies == {"series": ("One",)}
    assert reads == ["content/a.md"]


def test_each_site_has_its_own_cache_file_and_no_temp_files_remain(tmp_path: Path) -> None:
    for name in ("one", "two"):
        write(tmp_path / name / "hugo.toml", "")
        write(tmp_path / name / "content" / "a.md", post(name))
    one, two = built(tmp_path / "one"), built(tmp_path / "two")
    assert one.cache_path != two.cache_path
    assert sorted(path.name for path in (tmp_path / "cache").iterdir()) == sorted(
        [one.cache_path.name, two.cache_path.name]
    )


def test_an_unwritable_cache_folder_only_costs_the_cache(site_root: Path) -> None:
    write(site_root / "content" / "a.md", post("A"))
    blocker = write(site_root.parent / "not-a-folder", "")
    index = SiteIndex(Site.open(site_root), cache_dir=blocker)
    assert index.refresh().read == 1
    assert index.entries[0].title == "A"


# --- building off the calling thread -----------------------------------------------------------


class ImmediateExecutor(Executor):
    """Runs submitted work at once, in the caller's thread, like Picard's FakeThreadPool."""

    def __init__(self) -> None:
        self.submitted = 0

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.submitted += 1
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as error:
            future.set_exception(error)
        return future


def test_build_runs_through_the_injected_executor(site_root: Path) -> None:
    write(site_root / "content" / "a.md", post("A"))
    index = make_index(site_root)
    executor = ImmediateExecutor()
    future = index.build(executor)
    assert executor.submitted == 1
    assert future.done() and future.result() is index
    assert [entry.title for entry in index.entries] == ["A"]


def test_build_without_an_executor_uses_a_worker_thread(site_root: Path) -> None:
    write(site_root / "content" / "a.md", post("A"))
    index = make_index(site_root)
    assert index.build().result(timeout=30) is index
    assert len(index) == 1


def many_posts(content: Path, count: int) -> None:
    for number in range(count):
        tags = f"[t{number % 7}, shared]"
        write(content / f"s{number % 3}" / f"p{number:03}.md", post(f"P {number}", tags=tags))
    write(content / "s0" / "broken.md", "---\ntitle: [\n---\n")


def test_helper_processes_read_the_same_entries(site_root: Path, monkeypatch: Any) -> None:
    pools: list[int] = []

    class CountedPool(index_module.ProcessPoolExecutor):
        def __init__(self, workers: int, **kwargs: Any) -> None:
            pools.append(workers)
            super().__init__(workers, **kwargs)

    monkeypatch.setattr(index_module, "ProcessPoolExecutor", CountedPool)
    many_posts(site_root / "content", 600)
    serial = built(site_root, use_cache=False, helpers=0)
    assert pools == []
    shared = built(site_root, use_cache=False, helpers=1)
    assert pools == [1]
    assert shared.entries == serial.entries
    assert shared.last_stats is not None and shared.last_stats.read == 601
    # Terms that came back from a helper process are shared strings again.
    tagged = [entry for entry in shared.entries if entry.tags]
    assert len(tagged) == 600
    assert all(entry.tags[-1] is tagged[0].tags[-1] for entry in tagged)


def test_a_broken_helper_pool_costs_time_not_entries(site_root: Path, monkeypatch: Any) -> None:
    class BrokenPool(Executor):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            pass

        def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
            future: Future[Any] = Future()
            future.set_running_or_notify_cancel()  # "started": this thread cannot take it
            future.set_exception(OSError("spawn failed"))
            return future

    monkeypatch.setattr(index_module, "ProcessPoolExecutor", BrokenPool)
    many_posts(site_root / "content", 300)
    index = built(site_root, use_cache=False, helpers=1)
    assert len(index.entries) == 301
    assert [entry.title for entry in index.entries[:2]] == ["broken", "P 0"]


@pytest.mark.parametrize(
    ("files", "cpus", "helpers"),
    [
        (500, 8, 0),  # too few files to pay for a process start
        (1_999, 8, 0),
        (2_000, 8, 7),
        (2_000, 16, 7),  # at least a chunk of 250 files each
        (10_000, 2, 1),
        (10_000, 1, 0),
    ],
)
def test_helper_processes_depend_on_files_and_cpus(
    monkeypatch: Any, files: int, cpus: int, helpers: int
) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(cpus)), raising=False)
    assert index_module.helper_processes(files) == helpers


# --- per-file updates ----------------------------------------------------------------------------


def test_update_and_remove_paths(site_root: Path) -> None:
    content = site_root / "content"
    write(content / "blog" / "a.md", post("A", "2024-01-01"))
    write(content / "blog" / "b.md", post("B", "2024-01-02"))
    index = built(site_root)
    snapshot = index.entries

    new = write(content / "blog" / "c.md", post("C", "2024-01-03"))
    entry = index.update_path(new)
    assert entry is not None and entry.title == "C" and entry.section == "blog"
    assert [e.title for e in index.entries] == ["C", "B", "A"]
    assert [e.title for e in snapshot] == ["B", "A"]  # readers' snapshots stay intact

    write(content / "blog" / "a.md", post("A edited", "2025-01-01"))
    assert index.update_path("content/blog/a.md") is not None
    assert index.entries[0].title == "A edited"

    assert index.update_path(content / "blog" / "photo.jpg") is None
    assert index.update_path(site_root / "layouts" / "x.md") is None
    assert len(index) == 3

    (content / "blog" / "b.md").unlink()
    assert index.update_path(content / "blog" / "b.md") is None  # gone: removed
    assert [e.title for e in index.entries] == ["A edited", "C"]

    assert index.remove_path(content / "blog" / "c.md") == 1
    assert index.remove_path("content/blog/never.md") == 0
    assert [e.title for e in index.entries] == ["A edited"]


def test_folders_are_updated_and_removed_as_a_whole(site_root: Path) -> None:
    content = site_root / "content"
    write(content / "blog" / "a.md", post("A"))
    index = built(site_root)
    moved_in = content / "news"
    write(moved_in / "x.md", post("X"))
    write(moved_in / "deep" / "y.md", post("Y"))
    assert index.update_path(moved_in) is None
    assert sorted(e.path for e in index.entries) == [
        "content/blog/a.md",
        "content/news/deep/y.md",
        "content/news/x.md",
    ]
    assert index.remove_path(moved_in) == 2
    assert [e.path for e in index.entries] == ["content/blog/a.md"]


def test_a_bundle_index_coming_and_going_turns_its_neighbours_into_resources_and_back(
    site_root: Path,
) -> None:
    content = site_root / "content"
    write(content / "about" / "team.md", post("Team"))
    write(content / "about" / "notes.md", post("Notes"))
    index = built(site_root)
    assert {e.path: e.section for e in index.entries} == {
        "content/about/notes.md": "about",
        "content/about/team.md": "about",
    }
    bundle_index = write(content / "about" / "index.md", post("About"))
    entry = index.update_path(bundle_index)
    assert entry is not None and (entry.title, entry.section) == ("About", "")  # a top-level leaf
    assert [e.path for e in index.entries] == ["content/about/index.md"]
    assert index.update_path(content / "about" / "team.md") is None  # a resource now
    assert len(index) == 1

    bundle_index.unlink()
    assert index.update_path(bundle_index) is None
    assert sorted(e.path for e in index.entries) == [
        "content/about/notes.md",
        "content/about/team.md",
    ]


def test_paths_through_a_symlinked_site_root_find_their_entries(tmp_path: Path) -> None:
    root = tmp_path / "site"
    write(root / "hugo.toml", "")
    write(root / "content" / "blog" / "a.md", post("A"))
    link = tmp_path / "link"
    link.symlink_to(root, target_is_directory=True)
    through = link / "content" / "blog" / "a.md"
    index = SiteIndex(Site.open(through), cache_dir=tmp_path / "cache")
    index.refresh()
    found = index.get(through)
    assert found is not None and found.path == "content/blog/a.md"
    write(through, post("A edited"))
    updated = index.update_path(through)
    assert updated is not None and (updated.path, updated.title) == (
        "content/blog/a.md",
        "A edited",
    )
    assert [entry.path for entry in index.entries] == ["content/blog/a.md"]
    new = write(link / "content" / "blog" / "b.md", post("B"))
    assert index.update_path(new) is not None
    new.unlink()
    assert index.update_path(new) is None
    assert [entry.path for entry in index.entries] == ["content/blog/a.md"]


@pytest.mark.parametrize("folder", [".hidden", "#scratch", "blog/.drafts", ".git/objects"])
def test_files_in_hidden_folders_are_not_indexed_by_an_update(site_root: Path, folder: str) -> None:
    content = site_root / "content"
    write(content / "blog" / "a.md", post("A"))
    index = built(site_root)
    hidden = write(content / folder / "h.md", post("Hidden"))
    assert index.update_path(hidden) is None
    assert index.update_path(hidden.parent) is None  # the folder, as a watcher reports it
    assert [entry.path for entry in index.entries] == ["content/blog/a.md"]
    assert sorted(entry.path for entry in built(site_root).entries) == ["content/blog/a.md"]


def search_while_updating(index: SiteIndex, update: Callable[[], None]) -> int:
    """Run `update` here while another thread searches `index` until it is done.

    Both start together, so the first search (which folds the text of every entry)
    runs during the updates. Returns how many searches ran; re-raises their errors.
    """
    together = threading.Barrier(2)
    done = threading.Event()
    errors: list[BaseException] = []
    searches = 0

    def search_until_done() -> None:
        nonlocal searches
        try:
            together.wait()
            for _ in range(100_000):  # bounded; ends as soon as the updates are done
                index.search("post")
                searches += 1
                if done.is_set():
                    return
        except BaseException as error:
            errors.append(error)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible: races show up
    reader = threading.Thread(target=search_until_done)
    try:
        reader.start()
        together.wait()
        update()
    finally:
        done.set()
        reader.join()
        sys.setswitchinterval(interval)
    if errors:
        raise errors[0]
    return searches


def test_searching_while_another_thread_updates_sees_consistent_snapshots(
    site_root: Path,
) -> None:
    content = site_root / "content" / "blog"
    for number in range(1000):
        write(content / f"p{number:03}.md", post(f"Post {number}", "2024-01-01"))

    def delete_and_edit(index: SiteIndex, numbers: range) -> None:
        for number in numbers:
            gone = content / f"p{number:03}.md"
            gone.unlink()
            assert index.update_path(gone) is None
            edited = write(content / f"p{number + 1:03}.md", post(f"Post {number + 1} edited"))
            assert index.update_path(edited) is not None

    for start in range(0, 10, 2):  # five rounds, each with a new index: 1000, 900... posts
        index = built(site_root, use_cache=False)
        numbers = range(start, 1000, 10)
        searches = search_while_updating(index, partial(delete_and_edit, index, numbers))
        assert searches >= 1
        on_disk = sorted(file.relative for file in index.site.scan_content())
        assert len(on_disk) == 1000 - 100 * (start // 2 + 1)
        assert sorted(entry.path for entry in index.entries) == on_disk
        assert sorted(entry.path for entry in index.search("post")) == on_disk
    assert sorted(entry.path for entry in index.search("post edited")) == on_disk


# --- taxonomies and search ------------------------------------------------------------------------


def test_taxonomy_values_are_counted_and_sorted(site_root: Path) -> None:
    content = site_root / "content"
    write(content / "a.md", post("A", tags="[python, hugo, Zebra]", categories="[Tech]"))
    write(content / "b.md", post("B", tags="[Hugo, python]", categories="[tech]"))
    write(content / "c.md", post("C", tags="[hugo, apple, apple]"))
    index = built(site_root)
    assert index.taxonomy_values("tags") == [
        ("hugo", 3),
        ("python", 2),
        ("apple", 1),
        ("Zebra", 1),
    ]
    assert index.taxonomy_values("tag") == index.taxonomy_values("tags")
    assert index.taxonomy_values("categories") == [("Tech", 2)]
    assert index.taxonomy_values("series") == []


def test_taxonomy_terms_are_merged_and_counted_once_per_post_like_hugo(site_root: Path) -> None:
    # What Hugo 0.168 makes of these terms (its /tags/ page, `.Data.Terms.ByCount`): terms
    # are keyed by their lower-cased form with spaces as hyphens, so "Hugo Tips" and
    # "hugo-tips" are one term, and a post counts once per term however often it names it.
    # Go lower-cases letter by letter: "İ" is "i", "Σ" is always "σ", "ß" stays "ß".
    content = site_root / "content"
    write(content / "a.md", post("A", tags="[Go, go]"))
    write(content / "b.md", post("B", tags="[GO]"))
    write(content / "c.md", post("C", tags='["Hugo Tips"]'))
    write(content / "d.md", post("D", tags="[hugo-tips]"))
    write(content / "e.md", post("E", tags='[hugo-tips, "Hugo Tips"]'))
    write(content / "f.md", post("F", tags="[Straße, STRASSE]"))
    write(content / "g.md", post("G", tags="[İstanbul, istanbul]"))
    write(content / "h.md", post("H", tags="[ΣΑΣ, σας]"))
    write(content / "i.md", post("I", tags='["Hugo  Tips", hugo_tips]'))
    index = built(site_root)
    assert index.taxonomy_values("tags") == [
        ("Hugo Tips", 3),
        ("GO", 2),
        ("Hugo  Tips", 1),
        ("hugo_tips", 1),
        ("istanbul", 1),
        ("STRASSE", 1),
        ("Straße", 1),
        ("ΣΑΣ", 1),
        ("σας", 1),
    ]
    assert index_module.term_key("Hugo Tips") == index_module.term_key("hugo-tips") == "hugo-tips"


def test_the_most_common_spelling_names_a_term(site_root: Path) -> None:
    content = site_root / "content"
    write(content / "a.md", post("A", tags='["Static Sites"]'))
    write(content / "b.md", post("B", tags="[static-sites]"))
    write(content / "c.md", post("C", tags="[static-sites]"))
    assert built(site_root).taxonomy_values("tags") == [("static-sites", 3)]


def test_search_matches_title_tags_and_categories_ignoring_case_and_accents(
    site_root: Path,
) -> None:
    content = site_root / "content"
    write(content / "a.md", post("Één café in Zwolle", "2024-01-01", tags="[koffie]"))
    write(content / "b.md", post("Thee", "2024-01-02", categories="[Dranken]"))
    write(content / "c.md", post("Water", "2024-01-03", description='"Over bronwater"'))
    index = built(site_root)

    def titles(query: str) -> list[str]:
        return [entry.title for entry in index.search(query)]

    assert titles("cafe") == ["Één café in Zwolle"]
    assert titles("EEN zwolle") == ["Één café in Zwolle"]
    assert titles("KOFFIE") == ["Één café in Zwolle"]
    assert titles("dranken") == ["Thee"]
    assert titles("bron") == ["Water"]
    assert titles("thee koffie") == []
    assert titles("  ") == ["Water", "Thee", "Één café in Zwolle"]


# --- real content -------------------------------------------------------------------------------


@pytest.mark.parametrize("folder", ["coredns", "hugodocs", "letsencrypt"])
def test_the_shared_corpus_indexes_without_errors(tmp_path: Path, folder: str) -> None:
    source = CORPUS / folder
    if not source.is_dir():
        pytest.skip(f"{source} is not present")
    write(tmp_path / "site" / "hugo.toml", f'contentDir = "{source.as_posix()}"\n')
    site = Site.open(tmp_path / "site")
    index = SiteIndex(site, cache_dir=tmp_path / "cache")
    index.refresh()
    files = sorted(path.as_posix() for path in source.rglob("*.md"))
    assert sorted(entry.path for entry in index.entries) == files
    problems = [f"{entry.path}: {entry.error}" for entry in index.entries if entry.error]
    assert not problems, "\n".join(problems)
    # Blog posts all carry dates (quoted TOML strings in coredns); list pages need none.
    undated = [e.path for e in index.entries if e.date is None and "/_index." not in e.path]
    assert folder == "hugodocs" or not undated, undated
    assert all(entry.title for entry in index.entries)
    warm = SiteIndex(site, cache_dir=tmp_path / "cache")
    assert warm.refresh().read == 0
    assert warm.entries == index.entries
