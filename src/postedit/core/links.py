"""Which post Hugo publishes at a URL, so that a link in the preview can open it.

Hugo decides each page's URL from its content path and a few settings, and
`page_url` follows its rules (measured with Hugo 0.168, tests/core/test_links.py):

- A page is published at its folders plus its file name (a leaf bundle: its
  folder's name), a branch (`_index.md`) at its folder; each part is lower-cased
  (unless `disablePathToLower`), spaces become hyphens, and characters other than
  letters, digits, marks and `. _ - ~ + # @ /` are dropped (`removePathAccents`
  drops accents too).
- `slug` replaces the file or bundle name, and a section's `slug` replaces its
  folder's name in the URL of the section and of every page below it.
- `url` replaces the whole path, kept as written (upper case too); one with a
  dot and no trailing slash names a file (`/feed.xml`); one without a leading
  slash gets the language prefix.
- `[permalinks]` patterns (the per-section map, the per-kind tables and the list
  of targets with path globs) with every token Hugo knows, and any Go date layout
  as a token (`:2006`, `:Jan`).
- `uglyURLs` (globally or per section): pages at `/blog/post.html`, branches at
  `/blog/index.html`.
- Languages: a `.nl.` in the file name or a language's `contentDir` puts a page in
  that language, published under `/nl/` unless it is the default language (and
  `defaultContentLanguageInSubdir` is off); sections are per language.

`post_for_url` turns this around: the URL table of a site is built from its
index once per change of the index, and a link's path is looked up in it.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import re
import unicodedata
import weakref
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, unquote_plus, urljoin, urlsplit

from postedit.core.index import SiteIndex
from postedit.core.index_entry import IndexEntry, go_lower
from postedit.core.site import Site

PAGE_KINDS = ("page", "section", "taxonomy", "term")  # the kinds [permalinks] applies to
_ZERO_DATE = dt.datetime(1, 1, 1)  # Go's zero time: the date of a page without one
_MONTHS = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_TOKEN = re.compile(r":\w+(\[.+?\])?", re.ASCII)  # Hugo's attributeRegexp (Go's \w is ASCII)
_ESCAPED_COLON = "\x00"


# --- Hugo's path helpers --------------------------------------------------------------------


def _sanitize(text: str, *, lower: bool, remove_accents: bool) -> str:
    """Hugo's MakePathSanitized: UnicodeSanitize (runs of spaces become one hyphen,
    characters outside its allowed set are dropped), then lower-cased unless
    `disablePathToLower`.
    """
    if remove_accents:
        decomposed = unicodedata.normalize("NFD", text)
        text = unicodedata.normalize(
            "NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
        )
    target: list[str] = []
    prepend_hyphen = was_hyphen = False
    for i, char in enumerate(text):
        allowed = (
            char in "./\\_#+~-@"
            or char.isalpha()
            or char.isdigit()
            or unicodedata.category(char).startswith("M")
            or (char == "%" and _is_hex(text[i + 1 : i + 3]))
        )
        if allowed:
            was_hyphen = char == "-"
            if prepend_hyphen:
                if not was_hyphen:
                    target.append("-")
                prepend_hyphen = False
            target.append(char)
        elif target and not was_hyphen and char.isspace():
            prepend_hyphen = True
    result = "".join(target)
    return go_lower(result) if lower else result


def _is_hex(pair: str) -> bool:
    return len(pair) == 2 and all(c in "0123456789abcdefABCDEF" for c in pair)


def _go_join(*elements: str) -> str:
    """Go's path.Join: the non-empty elements joined by "/" and cleaned."""
    joined = "/".join(element for element in elements if element)
    if not joined:
        return ""
    cleaned = posixpath.normpath(joined)
    return "/" + cleaned.lstrip("/") if cleaned.startswith("/") else cleaned


def _glob(pattern: str) -> re.Pattern[str]:
    """A path glob as Hugo matches page paths: `*` within a segment, `**` across, `{a,b}`."""
    out = []
    depth = 0
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "{":
            depth += 1
            out.append("(?:")
        elif char == "}" and depth:
            depth -= 1
            out.append(")")
        elif char == "," and depth:
            out.append("|")
        else:
            out.append(re.escape(char))
        i += 1
    return re.compile("".join(out))


def _go_format(moment: dt.datetime, layout: str) -> str:
    """`moment` formatted by a Go time layout made of word characters (`2006`, `Jan`, `_2`).

    Zone and fraction elements cannot occur in a permalink token (they are not
    word characters), except `MST`, written as the zone's abbreviation.
    """
    out: list[str] = []
    hour12 = moment.hour % 12 or 12
    yday = moment.timetuple().tm_yday
    i = 0
    while i < len(layout):
        rest = layout[i:]
        after3 = rest[3:4]
        if rest.startswith("January"):
            out.append(_MONTHS[moment.month - 1])
            i += 7
        elif rest.startswith("Jan") and not after3.islower():
            out.append(_MONTHS[moment.month - 1][:3])
            i += 3
        elif rest.startswith("Monday"):
            out.append(_WEEKDAYS[moment.weekday()])
            i += 6
        elif rest.startswith("Mon") and not after3.islower():
            out.append(_WEEKDAYS[moment.weekday()][:3])
            i += 3
        elif rest.startswith("MST"):
            out.append(moment.tzname() or "UTC")
            i += 3
        elif rest.startswith("2006"):
            out.append(f"{moment.year:04d}")
            i += 4
        elif rest.startswith("002"):
            out.append(f"{yday:03d}")
            i += 3
        elif rest[:2] in ("01", "02", "03", "04", "05", "06"):
            value = (moment.month, moment.day, hour12, moment.minute, moment.second)
            number = value[int(rest[1]) - 1] if rest[1] != "6" else moment.year % 100
            out.append(f"{number:02d}")
            i += 2
        elif rest.startswith("15"):
            out.append(f"{moment.hour:02d}")
            i += 2
        elif rest.startswith("__2"):
            out.append(f"{yday:3d}")
            i += 3
        elif rest.startswith("_2") and not rest.startswith("_2006"):
            out.append(f"{moment.day:2d}")
            i += 2
        elif rest[0] in "12345":
            out.append(
                str(
                    (moment.month, moment.day, hour12, moment.minute, moment.second)[
                        int(rest[0]) - 1
                    ]
                )
            )
            i += 1
        elif rest.startswith(("PM", "pm")):
            marker = "PM" if moment.hour >= 12 else "AM"
            out.append(marker if rest[0] == "P" else marker.lower())
            i += 2
        else:
            out.append(rest[0])
            i += 1
    return "".join(out)


_REFERENCE_TIME = dt.datetime(2019, 11, 9, 23, 1, 42)  # differs from Go's layout in every field


def _slice_of(spec: str) -> Callable[[list[str]], list[str]]:
    """Hugo's toSliceFunc: `[2]`, `[1:]`, `[:2]`, `[last]` on a list of sections, leniently."""
    spec = spec.strip().lower()
    if not spec:
        return lambda items: items
    if len(spec) < 3 or spec[0] != "[" or spec[-1] != "]":
        return lambda items: []

    def index(text: str, low: bool, items: list[str]) -> int:
        if text == "":
            return 0 if low else len(items)
        if text == "last":
            return len(items) - 1
        try:
            number = max(int(text), 0)
        except ValueError:
            number = 0
        if number >= len(items):
            return -1 if low else len(items)
        return number

    inner = spec[1:-1]
    if ":" not in inner:

        def one(items: list[str]) -> list[str]:
            if not items:
                return []
            n = index(inner, True, items)
            return [items[n]] if n >= 0 and items[n] else []

        return one
    low_text, high_text = inner.split(":", 1)

    def many(items: list[str]) -> list[str]:
        if not items:
            return []
        low, high = index(low_text, True, items), index(high_text, False, items)
        return [] if low < 0 or high < 0 else items[low:high]

    return many


# --- the pages of a site --------------------------------------------------------------------


@dataclass(frozen=True)
class _Page:
    """One content file as Hugo sees its path."""

    entry: IndexEntry
    lang: str
    folders: tuple[str, ...]  # the content-relative folders of its path, as written
    name: str  # file name without extension and language; a bundle's: its folder
    kind: str  # home, section, taxonomy, term or page
    bundle: bool  # a leaf bundle's index

    @property
    def parts(self) -> tuple[str, ...]:
        """The page's path parts: a branch's are its folder's, a bundle's its own folder's."""
        return self.folders if self.kind != "page" or self.bundle else (*self.folders, self.name)

    @property
    def container(self) -> tuple[str, ...]:
        """The folders above the page's own path part."""
        return self.parts[:-1]


@dataclass(frozen=True)
class _Rule:
    kind: str  # "" for any kind
    path: re.Pattern[str] | None
    pattern: str


def _section_glob(section: str) -> str:
    """Hugo's sectionToPathGlob: a `[permalinks]` key as the page paths it applies to."""
    section = section.strip(" /")
    return "/*" if not section else "/{" + section + "," + section + "/**}"


def _permalink_rules(config: Any) -> list[_Rule]:
    """The `permalinks` setting as ordered rules: a list of targets, or the older maps.

    Go ranges over the map forms in no fixed order; here a longer (more specific)
    section key comes first, so `blog/news` wins over `blog` where both match.
    """
    rules: list[_Rule] = []
    if isinstance(config, list):
        for item in config:
            if not isinstance(item, Mapping) or not isinstance(item.get("pattern"), str):
                continue
            target = item.get("target") if isinstance(item.get("target"), Mapping) else {}
            assert isinstance(target, Mapping)
            glob = str(target.get("path") or "").lower()
            rules.append(
                _Rule(
                    str(target.get("kind") or "").lower(),
                    _glob(glob) if glob else None,
                    item["pattern"],
                )
            )
        return rules
    if not isinstance(config, Mapping):
        return rules
    keyed: list[tuple[str, _Rule]] = []
    for key, value in config.items():
        key = str(key)
        if isinstance(value, str):
            for kind in ("page", "term"):
                keyed.append((key, _Rule(kind, _glob(_section_glob(key.lower())), value)))
        elif isinstance(value, Mapping) and key in PAGE_KINDS:
            for section, pattern in value.items():
                if isinstance(pattern, str):
                    matcher = _glob(_section_glob(str(section).lower()))
                    keyed.append((str(section), _Rule(key, matcher, pattern)))
    keyed.sort(key=lambda item: -len(item[0].strip(" /")))
    return [rule for _, rule in keyed]


class SiteUrls:
    """Every indexed page's URL, as Hugo would publish the site, and the way back."""

    def __init__(self, site: Site, entries: Iterable[IndexEntry]) -> None:
        config = site.config
        self.site = site
        self._lower = not config.get("disablepathtolower")
        self._remove_accents = bool(config.get("removepathaccents"))
        self._ugly = config.get("uglyurls")
        self._default_lang = str(config.get("defaultcontentlanguage") or "en").lower()
        self._in_subdir = bool(config.get("defaultcontentlanguageinsubdir"))
        self._languages = {str(name).lower() for name in site.languages} or {self._default_lang}
        self._taxonomies = {go_lower(plural) for plural in site.taxonomies.values()}
        self._rules = _permalink_rules(config.get("permalinks"))
        self._base_path = urlsplit(site.base_url).path.rstrip("/")
        self._content_dirs = self._content_dir_languages(site)
        self._branches: dict[tuple[str, tuple[str, ...]], _Page] = {}
        pages = [page for page in map(self._page, entries) if page is not None]
        for page in pages:
            if page.kind != "page":
                self._branches.setdefault((page.lang, page.folders), page)
        self._urls: dict[str, str] = {}  # entry path -> URL path (baseURL's path first)
        self._pages: dict[str, str] = {}  # the same, decoded and canonical -> entry path
        for page in sorted(pages, key=lambda page: page.entry.path):
            link = self._link(page)
            if link is None:
                continue
            self._urls[page.entry.path] = link
            self._pages.setdefault(_canonical(link), page.entry.path)

    def url_of(self, relative: str) -> str | None:
        """The URL path of the indexed post at `relative` (root-relative, posix)."""
        return self._urls.get(relative)

    def post_at(self, url_path: str) -> str | None:
        """The root-relative path of the post published at a URL path (decoded or not)."""
        path = _canonical(url_path)
        candidates = [path]
        if self._base_path and not path.startswith(self._base_path + "/"):
            # Written without the baseURL's path: wrong on the published site, but
            # the writer still means that post.
            candidates.append(_canonical(self._base_path + path))
        for candidate in candidates:
            found = self._pages.get(candidate)
            last = candidate.rsplit("/", 1)[-1]
            if found is None and last and "." not in last:
                found = self._pages.get(candidate + "/")  # `/contact` for `/contact/`
            if found is not None:
                return found
        return None

    # -- reading paths -----------------------------------------------------------------

    def _content_dir_languages(self, site: Site) -> list[tuple[str, str]]:
        """(content folder relative to the root + "/", its language), deepest first."""
        folders = {site.relative(site.content_dir): self._default_lang}
        for name, settings in site.languages.items():
            if isinstance(settings, Mapping) and settings.get("contentdir"):
                relative = site.relative(site.root / str(settings["contentdir"]))
                folders[relative] = str(name).lower()
        ordered = sorted(folders.items(), key=lambda item: -len(item[0]))
        return [(folder.rstrip("/") + "/", lang) for folder, lang in ordered]

    def _page(self, entry: IndexEntry) -> _Page | None:
        found = next((item for item in self._content_dirs if entry.path.startswith(item[0])), None)
        if found is None:  # outside every content folder
            return None
        folder, lang = found
        parts = tuple(entry.path[len(folder) :].split("/"))
        folders, file_name = parts[:-1], parts[-1]
        stem = file_name.rsplit(".", 1)[0]
        base, dot, identifier = stem.rpartition(".")
        if dot and identifier.lower() in self._languages:
            stem, lang = base, identifier.lower()
        if stem == "_index":
            top = go_lower(folders[0]) if folders else ""
            if not folders:
                kind = "home"
            elif top in self._taxonomies and len(folders) <= 2:
                kind = "taxonomy" if len(folders) == 1 else "term"
            else:
                kind = "section"
            return _Page(entry, lang, folders, folders[-1] if folders else "", kind, False)
        if stem == "index" and folders:  # a leaf bundle: its folder is the page
            return _Page(entry, lang, folders, folders[-1], "page", True)
        return _Page(entry, lang, folders, stem, "page", False)

    def _normal(self, part: str) -> str:
        """A path part as Hugo's page path holds it (normalized unless disablePathToLower)."""
        return go_lower(part).replace(" ", "-") if self._lower else part

    def _sanitize(self, text: str) -> str:
        return _sanitize(text, lower=self._lower, remove_accents=self._remove_accents)

    def _is_section(self, lang: str, folders: tuple[str, ...]) -> bool:
        """Top-level folders are sections; deeper ones need an `_index` in the language."""
        return len(folders) == 1 or (lang, folders) in self._branches

    def _current_section(self, lang: str, folders: tuple[str, ...]) -> tuple[str, ...]:
        """The nearest section at or above `folders`; () for the home page."""
        for end in range(len(folders), 0, -1):
            if self._is_section(lang, folders[:end]):
                return folders[:end]
        return ()

    def _branch_dir(self, lang: str, folders: tuple[str, ...]) -> str:
        """Hugo's writeBranchDir: the section's path with the slugs of it and its parents."""
        if not folders:
            return ""
        parent = self._current_section(lang, folders[:-1])
        relative = "/" + "/".join(self._normal(part) for part in folders[len(parent) :])
        branch = self._branches.get((lang, folders))
        if branch is not None and branch.entry.slug:
            relative = relative[: relative.rfind("/") + 1] + branch.entry.slug
        return self._branch_dir(lang, parent) + relative

    def _prefix(self, lang: str) -> str:
        return lang if lang != self._default_lang or self._in_subdir else ""

    def _is_ugly(self, section: str) -> bool:
        if isinstance(self._ugly, Mapping):
            return bool(self._ugly.get(section))
        return bool(self._ugly)

    # -- the URL of a page -------------------------------------------------------------

    def _link(self, page: _Page) -> str | None:
        """Hugo's relative permalink of `page` (decoded); None when it has none."""
        prefix = self._prefix(page.lang)
        url = page.entry.url if page.kind != "home" else ""
        if url:
            link = self._url_link(page, url)
            if link is None:
                return None
        elif page.kind == "page":
            link = self._page_link(page)
            if link is None:
                return None
            if prefix:
                link = "/" + prefix + link
        else:
            directory = ""
            if page.kind != "home":
                expanded = self._expanded_permalink(page)
                if expanded is None:
                    return None
                directory = expanded or self._branch_dir(page.lang, page.folders)
            link = _go_join("/", self._sanitize(directory)).rstrip("/") + "/"
            if prefix:
                link = "/" + prefix + link
            if self._is_ugly(self._section(page)):
                link += "index.html"
        return self._base_path + link

    def _url_link(self, page: _Page, url: str) -> str | None:
        """The link of a page whose front matter sets `url`."""
        if ":" in url:
            expanded = self._expand(url, page)
            if expanded is None:
                return None
            url = unquote_plus(expanded) if expanded else url
        if ".." in url:
            url = _go_join("/", url)
        fields = [field for field in url.split("/") if field]
        is_index = url.endswith("/") or "." not in url
        link = _go_join("/", *fields) or "/"
        if is_index and not link.endswith("/"):
            link += "/"
        link = unquote(link)  # written as a URL: "%20" is a space
        prefix = self._prefix(page.lang)
        if prefix and not url.startswith("/"):  # a relative url is in its language's tree
            link = "/" + prefix + link
        return link

    def _page_link(self, page: _Page) -> str | None:
        """The link of a regular page or leaf bundle (no `url`), without language prefix."""
        expanded = self._expanded_permalink(page)
        if expanded is None:
            return None
        base_name = page.entry.slug or self._normal(page.name)
        if expanded:
            elements = [self._sanitize(expanded)]
        else:
            section = self._current_section(page.lang, page.container)
            rest = "/".join(self._normal(part) for part in page.container[len(section) :])
            directory = self._branch_dir(page.lang, section) + "/" + rest
            elements = [self._sanitize(directory), self._sanitize(base_name)]
        path = _go_join("/", *elements)
        if not expanded and not page.bundle and base_name == "index":
            return path[: -len("index")] or "/"  # Hugo's baseNameSameAsType
        if self._is_ugly(self._section(page)):
            return path.rstrip("/") + ".html"
        return path.rstrip("/") + "/"

    # -- permalinks --------------------------------------------------------------------

    def _section(self, page: _Page) -> str:
        """Hugo's .Section: the first folder of the page's path (lower-cased)."""
        return (
            go_lower(page.container[0] if page.container else "")
            if page.kind == "page"
            else (go_lower(page.folders[0]) if page.folders else "")
        )

    def _page_path(self, page: _Page) -> str:
        """Hugo's .Path: what permalink targets match (lower-cased, hyphens for spaces)."""
        return "/" + "/".join(go_lower(part).replace(" ", "-") for part in page.parts)

    def _expanded_permalink(self, page: _Page) -> str | None:
        """The page's `[permalinks]` pattern expanded; "" when none applies, None on error."""
        if page.kind not in PAGE_KINDS:
            return ""
        path = self._page_path(page)
        for rule in self._rules:
            if rule.kind and rule.kind != page.kind:
                continue
            if rule.path is not None and not rule.path.fullmatch(path):
                continue
            expanded = self._expand(rule.pattern, page)
            if expanded is None:
                return None
            return posixpath.normpath(unquote_plus(expanded)) if expanded else ""
        return ""

    def _expand(self, pattern: str, page: _Page) -> str | None:
        """A permalink pattern with its `:tokens` replaced; None for an unknown token."""
        escaped = pattern.replace("\\:", _ESCAPED_COLON)
        result = escaped
        for match in _TOKEN.finditer(escaped):
            value = self._token(match[0][1:], page)
            if value is None:
                return None
            result = result.replace(match[0], value, 1)
        return result.replace(_ESCAPED_COLON, ":")

    def _token(self, name: str, page: _Page) -> str | None:
        entry = page.entry
        moment = _moment(entry.date)
        urlize = self._sanitize
        if name == "year":
            return str(moment.year)
        if name in ("month", "day"):
            return f"{moment.month if name == 'month' else moment.day:02d}"
        if name == "monthname":
            return _MONTHS[moment.month - 1]
        if name == "weekday":
            return str((moment.weekday() + 1) % 7)
        if name == "weekdayname":
            return _WEEKDAYS[moment.weekday()]
        if name == "yearday":
            return str(moment.timetuple().tm_yday)
        if name == "section":
            return self._section(page)
        if name == "sectionslug":
            first = self._sections_above(page)[:1]
            return self._slug_else_title(first[0]) if first else ""
        if name == "sections":
            return "/".join(self._section_entries(page))
        if name == "sectionslugs":
            return _go_join(*(self._slug_else_title(s) for s in self._sections_above(page)))
        if name.startswith("sections["):
            return _go_join(*_slice_of(name[len("sections") :])(self._section_entries(page)))
        if name.startswith("sectionslugs["):
            slugs = [self._slug_else_title(s) for s in self._sections_above(page)]
            return _go_join(*_slice_of(name[len("sectionslugs") :])(slugs))
        if name == "title":
            return urlize(_hugo_title(entry))
        if name == "slug":
            return urlize(entry.slug or _hugo_title(entry))
        if name == "filename":
            return self._filename(page)
        if name == "slugorfilename":
            return urlize(entry.slug) if entry.slug else self._filename(page)
        if name == "contentbasename":
            return urlize(page.name)
        if name == "slugorcontentbasename":
            return urlize(entry.slug or page.name)
        if _go_format(_REFERENCE_TIME, name) != name:
            return _go_format(moment, name)
        return None

    def _filename(self, page: _Page) -> str:
        """`:filename`: a bundle's folder name; nothing for a branch."""
        return "" if page.kind != "page" else self._sanitize(page.name)

    def _section_entries(self, page: _Page) -> list[str]:
        """Hugo's .CurrentSection.SectionsEntries: its path's parts, lower-cased."""
        section = (
            page.folders
            if page.kind != "page"
            else (self._current_section(page.lang, page.container))
        )
        return [go_lower(part).replace(" ", "-") for part in section]

    def _sections_above(self, page: _Page) -> list[tuple[str, tuple[str, ...]]]:
        """(language, folders) of each section from the top down to the page's own."""
        current = (
            page.folders
            if page.kind != "page"
            else (self._current_section(page.lang, page.container))
        )
        chain = []
        while current:
            chain.append((page.lang, current))
            current = self._current_section(page.lang, current[:-1])
        return chain[::-1]

    def _slug_else_title(self, section: tuple[str, tuple[str, ...]]) -> str:
        branch = self._branches.get(section)
        if branch is None:  # a section without `_index`: Hugo titles it after its folder
            name = section[1][-1]
            return self._sanitize(name[:1].upper() + name[1:])
        entry = branch.entry
        return self._sanitize(entry.slug or _hugo_title(entry))


def _moment(value: dt.date | None) -> dt.datetime:
    """A page's date as a wall-clock time, as Hugo's permalink tokens read it."""
    if value is None:
        return _ZERO_DATE
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime(value.year, value.month, value.day)


def _hugo_title(entry: IndexEntry) -> str:
    """The title Hugo has for a page: "" without a title field (the index shows the file name)."""
    if not any(key.lower() == "title" for key, _ in entry.field_shapes):
        return ""
    return entry.title


def _canonical(url_path: str) -> str:
    """A URL path as the table keys it: decoded, without a final `index.html`."""
    path = unquote(url_path)
    if path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return path if path.startswith("/") else "/" + path


# --- the API -----------------------------------------------------------------------------

_tables: weakref.WeakKeyDictionary[SiteIndex, tuple[tuple[IndexEntry, ...], SiteUrls]] = (
    weakref.WeakKeyDictionary()
)


def site_urls(index: SiteIndex) -> SiteUrls:
    """The URL table of the index's site, built again only when the index changed."""
    entries = index.entries
    cached = _tables.get(index)
    if cached is not None and cached[0] is entries and cached[1].site is index.site:
        return cached[1]
    table = SiteUrls(index.site, entries)
    _tables[index] = (entries, table)
    return table


def page_url(index: SiteIndex, post: str | os.PathLike[str]) -> str | None:
    """The path Hugo publishes an indexed post at (e.g. "/blog/my-post/"), decoded.

    Hugo's relative permalink: the baseURL's path first; a branch of an `uglyURLs`
    site ends in `index.html`. None when the post is not indexed, or when Hugo
    could not publish it (a permalink pattern with an unknown token).
    """
    return site_urls(index).url_of(index.site.relative(post))


def post_for_url(index: SiteIndex, url: str, base: str | None = None) -> Path | None:
    """The content file Hugo would publish at `url`, or None when no indexed post is there.

    `url` is a link as written or as the preview resolved it: an absolute path
    (`/blog/my-post/`), a path relative to `base` (the URL path of the page the
    link is on; the site root when None), a `postedit://site/...` preview URL, or
    a full URL on the site's baseURL host. Query and fragment are ignored, percent
    escapes decoded, `/contact` finds `/contact/`, and `/blog/index.html` `/blog/`.
    """
    parts = urlsplit(url.strip())
    if parts.scheme or parts.netloc:
        site_host = urlsplit(index.site.base_url).netloc.lower()
        preview = parts.scheme == "postedit" and parts.netloc == "site"
        same_site = parts.scheme in ("http", "https", "") and bool(site_host)
        if not preview and not (same_site and parts.netloc.lower() == site_host):
            return None
        path = parts.path or "/"
    else:
        root = urlsplit(index.site.base_url).path.rstrip("/") + "/"
        anchor = base if base is not None else root
        path = urlsplit(urljoin("http://site" + anchor, parts.path or anchor)).path
    relative = site_urls(index).post_at(path)
    return None if relative is None else index.site.absolute(relative)
