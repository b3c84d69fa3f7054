"""The Hugo site a post belongs to: where its root is and what its config says.

The editor is opened on a file or folder somewhere inside a site; everything else
(which files are posts, which section a post is in, which taxonomies exist, how
Goldmark is set up for the preview) comes from the site's configuration. We read
that configuration the way Hugo merges it, read-only and with fast parsers: the
root config file first, then `config/_default/`, whose files override it. Hugo
treats config keys case-insensitively, so all keys are lower-cased here; values
are kept as written.
"""

from __future__ import annotations

import json
import os
import re
import threading
import tomllib
from collections.abc import Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from stat import S_ISREG
from typing import TYPE_CHECKING, Any, NamedTuple

import yaml

if TYPE_CHECKING:
    from postedit.core.index import SiteIndex

_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

CONFIG_EXTENSIONS = ("toml", "yaml", "yml", "json")
ROOT_CONFIG_NAMES = tuple(
    f"{base}.{ext}" for base in ("hugo", "config") for ext in CONFIG_EXTENSIONS
)
# The suffixes Hugo's `text/markdown` media type has (`.mkd` and `.mkdn` are not
# content to Hugo 0.168: it lists no page for them).
MARKDOWN_EXTENSIONS = frozenset({".md", ".markdown", ".mdown"})
# The suffixes of every content format Hugo knows: an `index` file with any of them
# makes its folder a leaf bundle, whose other files are resources, not pages.
_CONTENT_SUFFIXES = MARKDOWN_EXTENSIONS | {
    *(".html", ".htm", ".adoc", ".asciidoc", ".ad", ".pandoc", ".pdc", ".rst", ".org")
}
DEFAULT_TAXONOMIES: Mapping[str, str] = {"category": "categories", "tag": "tags"}

# Folders that only a Hugo site has side by side with a `config.*` file. `config.json`
# alone is common in other projects (and as a page resource), so unlike `hugo.*` it
# marks a site root only together with one of these, unless nothing better is found.
_SITE_FOLDERS = ("content", "layouts", "themes", "archetypes", "assets", "data", "i18n")


class SiteNotFoundError(LookupError):
    """No Hugo site contains the given path."""


class SiteConfigError(ValueError):
    """A config file of the site cannot be read; the message names the file."""


class ContentFile(NamedTuple):
    """A content file found by a scan, with the stat data the index keys its cache on.

    Plain strings rather than Path objects: a scan of 10,000 posts has to stay cheap.
    """

    path: str  # absolute, in the platform's form
    relative: str  # posix, relative to the site root (absolute when outside it)
    section: str
    mtime_ns: int
    size: int


def is_bundle_index(name: str, languages: Collection[str] = ()) -> bool:
    """Whether a file name is a leaf bundle's index (`index.md`, `index.html`, ...).

    With `languages` (lower-case codes, as `Site.content_languages` has them), a
    translation's index (`index.nl.md`) is one too, in any letter case, as to Hugo;
    a suffix that is no such language is part of the name (`index.fr.md` is then a
    page called "index.fr"). Without, only `index.<ext>` is: use
    `Site.is_bundle_index` where the site is known.
    """
    stem, _, suffix = name.lower().rpartition(".")
    if "." + suffix not in _CONTENT_SUFFIXES:
        return False
    if stem == "index":
        return True
    base, _, language = stem.rpartition(".")
    return base == "index" and language in languages


# .seen / .real: per-folder answers, while cached; .seen is keyed by (folder, the
# site's languages), as those decide which names are bundle indexes.
_listings = threading.local()


@contextmanager
def folder_listings_cached() -> Iterator[None]:
    """Read each folder's listing and real location once for the calls in this block.

    Checking 1,000 new posts of one folder (a git checkout) listed that folder and
    resolved the site's folders once per post; within one update of the index the
    disk is taken as it is at its start. Per thread; blocks may nest.
    """
    outer = getattr(_listings, "seen", None), getattr(_listings, "real", None)
    if outer[0] is None:
        _listings.seen, _listings.real = {}, {}
    try:
        yield
    finally:
        _listings.seen, _listings.real = outer


def _realpath(path: str) -> str:
    """`os.path.realpath`, remembered inside `folder_listings_cached`."""
    real: dict[str, str] | None = getattr(_listings, "real", None)
    if real is None:
        return os.path.realpath(path)
    found = real.get(path)
    if found is None:
        found = real[path] = os.path.realpath(path)
    return found


def _has_bundle_index(folder: Path, languages: frozenset[str] = frozenset()) -> bool:
    """Whether `folder` holds a leaf bundle's index, for a site of these `languages`."""
    seen: dict[tuple[Path, frozenset[str]], bool] | None = getattr(_listings, "seen", None)
    key = (folder, languages)
    if seen is not None and key in seen:
        return seen[key]
    try:
        found = any(is_bundle_index(name, languages) for name in os.listdir(folder))
    except OSError:
        found = False
    if seen is not None:
        seen[key] = found
    return found


def _is_site_root(folder: Path) -> bool | None:
    """True for a certain root, None for a `config.*`-only maybe, False otherwise."""
    if (folder / "config" / "_default").is_dir():
        return True
    names = [name for name in ROOT_CONFIG_NAMES if (folder / name).is_file()]
    if not names:
        return False
    if any(name.startswith("hugo.") for name in names):
        return True
    return True if any((folder / sub).is_dir() for sub in _SITE_FOLDERS) else None


def find_site_root(path: str | os.PathLike[str]) -> Path | None:
    """The nearest folder at or above `path` that holds a Hugo site config."""
    start = Path(path).expanduser().resolve()
    if not start.is_dir():
        start = start.parent
    maybe: Path | None = None
    for folder in (start, *start.parents):
        verdict = _is_site_root(folder)
        if verdict:
            return folder
        if verdict is None and maybe is None:
            maybe = folder
    return maybe


def _lower_keys(value: Any) -> Any:
    """A copy of a parsed config value with every mapping key lower-cased, as Hugo does."""
    if isinstance(value, Mapping):
        return {str(key).lower(): _lower_keys(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_lower_keys(item) for item in value]
    return value


def _merge(base: dict[str, Any], overlay: Mapping[str, Any]) -> None:
    """Deep-merge `overlay` into `base`: tables merge, anything else is replaced."""
    for key, value in overlay.items():
        current = base.get(key)
        if isinstance(current, dict) and isinstance(value, Mapping):
            _merge(current, value)
        else:
            base[key] = value


def read_config_file(path: Path) -> dict[str, Any]:
    """Parse one TOML, YAML or JSON config file into a dict with lower-cased keys."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
        suffix = path.suffix.lower()
        if suffix == ".toml":
            data: Any = tomllib.loads(text)
        elif suffix == ".json":
            data = json.loads(text)
        else:
            data = yaml.load(text, Loader=_YAML_LOADER)
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as error:
        raise SiteConfigError(f"Cannot read the site config {path}: {error}") from error
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise SiteConfigError(f"The site config {path} does not hold a table of settings.")
    result: dict[str, Any] = _lower_keys(data)
    return result


def _config_dir_overlay(path: Path) -> dict[str, Any]:
    """Where a `config/_default/` file's settings go, from its name.

    `hugo.toml` and `config.toml` hold top-level settings; `params.toml` goes under
    `params`; `menus.en.toml` or `params.nl.toml` go under that language.
    """
    data = read_config_file(path)
    parts = path.name.lower().split(".")[:-1]
    if parts[0] in ("hugo", "config"):
        return data
    if len(parts) == 2:
        key, language = parts
        return {"languages": {language: {key: data}}}
    return {parts[0]: data}


def load_config(root: Path) -> tuple[dict[str, Any], tuple[Path, ...]]:
    """The merged config of the site at `root` and the files it came from, in order."""
    config: dict[str, Any] = {}
    files: list[Path] = []
    root_file = next((root / n for n in ROOT_CONFIG_NAMES if (root / n).is_file()), None)
    if root_file is not None:
        _merge(config, read_config_file(root_file))
        files.append(root_file)
    config_dir = root / "config" / "_default"
    if config_dir.is_dir():
        for path in sorted(config_dir.iterdir()):
            if path.suffix.lower().lstrip(".") in CONFIG_EXTENSIONS and path.is_file():
                _merge(config, _config_dir_overlay(path))
                files.append(path)
    return config, tuple(files)


def _string_list(value: Any, default: Iterable[str]) -> tuple[str, ...]:
    """A config value that may be one string or a list of strings, as a tuple."""
    if value is None or value == "" or value == []:
        return tuple(default)
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(str(item) for item in value if item not in (None, ""))
    return (str(value),)


def _table(config: Mapping[str, Any], *keys: str) -> dict[str, Any]:
    """The table at a dotted path of lower-case keys, or {} when absent or not a table."""
    value: Any = config
    for key in keys:
        value = value.get(key) if isinstance(value, Mapping) else None
    return dict(value) if isinstance(value, Mapping) else {}


def _taxonomies(config: Mapping[str, Any]) -> dict[str, str]:
    """singular -> plural; Hugo's defaults only when the site configures none at all."""
    configured = config.get("taxonomies")
    if not isinstance(configured, Mapping):
        return dict(DEFAULT_TAXONOMIES)
    return {str(singular): str(plural) for singular, plural in configured.items() if plural}


def _ignore_patterns(config: Mapping[str, Any]) -> tuple[re.Pattern[str], ...]:
    """`ignoreFiles` regexes; Go syntax mostly matches Python's, others are skipped."""
    patterns = []
    for source in _string_list(config.get("ignorefiles"), ()):
        try:
            patterns.append(re.compile(source))
        except re.error:
            continue
    return tuple(patterns)


def _is_ignored_name(name: str) -> bool:
    """Hidden files and editor leftovers (`#x#`, `x~`) that Hugo skips as well."""
    return name.startswith((".", "#")) or name.endswith("~")


@dataclass(frozen=True, eq=False)
class Site:
    """A Hugo site: its root folder and the settings of its merged configuration.

    Create it with `Site.open(path)` from any path inside the site. Paths are
    absolute. Mapping fields hold the parsed config (keys lower-cased) and are
    shared, so treat them as read-only.
    """

    root: Path
    config: Mapping[str, Any]
    config_files: tuple[Path, ...]
    title: str
    base_url: str
    language_code: str
    content_dir: Path
    static_dirs: tuple[Path, ...]
    archetype_dir: Path
    layouts_dir: Path
    themes_dir: Path
    themes: tuple[str, ...]
    params: Mapping[str, Any]
    taxonomies: Mapping[str, str]
    languages: Mapping[str, Any]
    goldmark: Mapping[str, Any]
    highlight: Mapping[str, Any]
    table_of_contents: Mapping[str, Any]
    permalinks: Mapping[str, Any]
    ignore_files: tuple[re.Pattern[str], ...] = ()
    time_zone: str = ""  # `timeZone`: where Hugo places dates and times without an offset

    @classmethod
    def open(cls, path: str | os.PathLike[str]) -> Site:
        """The site containing `path` (a file or folder, at any depth).

        Raises SiteNotFoundError when no folder at or above `path` has a Hugo config
        (hugo.toml|yaml|yml|json, config.toml|yaml|yml|json or config/_default/), and
        SiteConfigError when a config file is unreadable.
        """
        root = find_site_root(path)
        if root is None:
            raise SiteNotFoundError(
                f"{path} is not inside a Hugo site: no folder above it has a hugo.toml, "
                "hugo.yaml, hugo.json, config.toml, config.yaml, config.json or "
                "config/_default/ folder."
            )
        return cls.from_root(root)

    @classmethod
    def from_root(cls, root: Path) -> Site:
        """Read the config of the site whose root folder is exactly `root`."""
        root = root.resolve()
        config, files = load_config(root)

        def folder(key: str, default: str) -> Path:
            return _join(root, str(config.get(key) or default))

        static = list(_string_list(config.get("staticdir"), ("static",)))
        for number in range(11):
            static.extend(_string_list(config.get(f"staticdir{number}"), ()))
        language_code = config.get("locale") or config.get("languagecode") or ""
        return cls(
            root=root,
            config=config,
            config_files=files,
            title=str(config.get("title") or ""),
            base_url=str(config.get("baseurl") or ""),
            language_code=str(language_code),
            content_dir=folder("contentdir", "content"),
            static_dirs=tuple(_join(root, name) for name in static),
            archetype_dir=folder("archetypedir", "archetypes"),
            layouts_dir=folder("layoutdir", "layouts"),
            themes_dir=folder("themesdir", "themes"),
            themes=_string_list(config.get("theme"), ()),
            params=_table(config, "params"),
            taxonomies=_taxonomies(config),
            languages=_table(config, "languages"),
            goldmark=_table(config, "markup", "goldmark"),
            highlight=_table(config, "markup", "highlight"),
            table_of_contents=_table(config, "markup", "tableofcontents"),
            permalinks=_table(config, "permalinks"),
            ignore_files=_ignore_patterns(config),
            time_zone=str(config.get("timezone") or ""),
        )

    @property
    def theme_dirs(self) -> tuple[Path, ...]:
        """The folder of each configured theme, in lookup order."""
        return tuple(self.themes_dir / name for name in self.themes)

    @property
    def archetype_dirs(self) -> tuple[Path, ...]:
        """Where Hugo looks for archetypes: the site's folder, then each theme's."""
        return (self.archetype_dir, *(theme / "archetypes" for theme in self.theme_dirs))

    @property
    def content_dirs(self) -> tuple[Path, ...]:
        """The main content folder plus any per-language `contentDir` (multilingual sites)."""
        dirs = [self.content_dir]
        for settings in self.languages.values():
            if isinstance(settings, Mapping) and settings.get("contentdir"):
                extra = _join(self.root, str(settings["contentdir"]))
                if extra not in dirs:
                    dirs.append(extra)
        return tuple(dirs)

    @cached_property
    def content_languages(self) -> frozenset[str]:
        """The codes of the site's languages, lower-cased, as content file names carry them.

        Those of `[languages]`, or else the one `defaultContentLanguage` ("en"
        unless set): a site without languages still has that one to Hugo.
        """
        configured = frozenset(str(name).lower() for name in self.languages)
        default = str(self.config.get("defaultcontentlanguage") or "en").lower()
        return configured or frozenset({default})

    def is_bundle_index(self, name: str) -> bool:
        """Whether a file name is a leaf bundle's index in this site.

        `index.md`, `index.html`..., and a translation's `index.nl.md` when `nl` is
        one of the site's languages (`index.fr.md` is a page when `fr` is not).
        """
        return is_bundle_index(name, self.content_languages)

    def is_content_file(self, path: str | os.PathLike[str]) -> bool:
        """Whether `path` is a Markdown page the index and editor handle.

        The same verdict as `scan_content` gives, from the path alone (whether the
        file exists, or is a regular file, is not checked): hidden names and editor
        leftovers are skipped, and so is everything below a folder whose name
        starts with "." or "#". Markdown files inside a leaf bundle, besides its
        index files (`index.md`, `index.nl.md`...), are the bundle's resources, not
        pages (Hugo lists no page for them).
        `path` is absolute or root-relative, and may run through symlinks.
        """
        path = self.absolute(path)
        if path.suffix.lower() not in MARKDOWN_EXTENSIONS or _is_ignored_name(path.name):
            return False
        folder = self._content_dir_of(path)
        if folder is None:
            return False
        if any(name[0] in ".#" for name in path.parent.relative_to(folder).parts):
            return False
        if any(pattern.search(path.as_posix()) for pattern in self.ignore_files):
            return False
        return not self._in_leaf_bundle(path, folder)

    def _content_dir_of(self, path: Path) -> Path | None:
        """The most specific content folder holding `path` (a language's inside `content`)."""
        holding = [folder for folder in self.content_dirs if path.is_relative_to(folder)]
        return max(holding, key=lambda folder: len(folder.parts)) if holding else None

    def _in_leaf_bundle(self, path: Path, content_dir: Path) -> bool:
        """Whether a folder between `path` and its content folder is a leaf bundle.

        A bundle's own index file is not inside it in this sense. The content folder
        itself never counts: an `index.md` there would, to Hugo, turn every other
        file of the site into a resource of the home page (it warns that this is
        "usually incorrect"); the index keeps listing the posts instead.
        """
        languages = self.content_languages
        folder = path.parent
        if is_bundle_index(path.name, languages):
            folder = folder.parent
        while folder != content_dir and folder.is_relative_to(content_dir):
            if _has_bundle_index(folder, languages):
                return True
            folder = folder.parent
        return False

    def scan_content(self) -> list[ContentFile]:
        """Every Markdown content file with its stat data, in no particular order.

        Uses os.scandir, whose entries carry the stat data cheaply; symlinked folders
        are not followed, so a link loop cannot hang the scan.
        """
        found: dict[str, ContentFile] = {}
        # Shallow folders first, so a language's `content/nl` inside `content` has the
        # last word on the sections of its files.
        for folder in sorted(self.content_dirs, key=lambda f: len(f.parts)):
            _scan_folder(
                folder, self.relative(folder), self.ignore_files, found, self.content_languages
            )
        return list(found.values())

    def content_files(self) -> list[Path]:
        """Every Markdown content file (.md .markdown .mdown .mkd .mkdn), sorted."""
        return sorted(Path(item.path) for item in self.scan_content())

    def relative(self, path: str | os.PathLike[str]) -> str:
        """The posix path of `path` relative to the site root (absolute when outside it).

        A relative `path` is taken as relative to the root already. Paths are named
        as `absolute` names them, so as the scan does, symlinks or not.
        """
        absolute = self.absolute(path)
        try:
            return absolute.relative_to(self.root).as_posix()
        except ValueError:
            return absolute.as_posix()

    def absolute(self, path: str | os.PathLike[str]) -> Path:
        """The absolute path for a root-relative (or absolute) path, as the scan names it.

        The root is resolved, so a path through a symlink to the site (or through
        `..`) would name no file the scan lists. So the folders of `path` are
        resolved (realpath) and the result is placed under the most specific of
        the root and the content folders whose real location holds it: a content
        folder that is a symlink keeps its own name, as it does in the scan. The
        last name is kept as it is: a symlinked post is listed under its own name.
        """
        head, name = os.path.split(os.path.join(self.root, path))
        if name in ("", ".", ".."):
            head, name = _realpath(os.path.join(head, name)), ""
        else:
            head = _realpath(head)
        real = os.path.join(head, name) if name else head
        for anchor, anchor_real in self._anchors():
            if real == anchor_real:
                return Path(anchor)
            prefix = anchor_real.rstrip(os.sep) + os.sep
            if real.startswith(prefix):
                return Path(anchor, real[len(prefix) :])
        return Path(real)

    def _anchors(self) -> list[tuple[str, str]]:
        """(folder, its real location) for the content folders and the root, deepest first."""
        folders = [str(self.root), *(str(folder) for folder in self.content_dirs)]
        anchors = [(folder, _realpath(folder)) for folder in folders]
        anchors.sort(key=lambda anchor: len(anchor[1]), reverse=True)
        return anchors

    def section_of(self, path: str | os.PathLike[str]) -> str:
        """The first folder under the content folder ("" for pages at its top level).

        `path` is absolute or relative to the site root. A leaf bundle at the top
        level (`content/about/index.md`) is a page of the home section, so "" too.
        Files outside every content folder have no section either.
        """
        absolute = self.absolute(path)
        # The most specific folder counts: `content/nl` of a language inside `content`.
        folder = self._content_dir_of(absolute)
        if folder is None:
            return ""
        parts = absolute.relative_to(folder).parts
        if len(parts) < 2 or (len(parts) == 2 and self.is_bundle_index(parts[1])):
            return ""
        return parts[0]

    def summary(self, index: SiteIndex) -> list[str]:
        """A few human-readable lines about the site and its indexed posts."""
        entries = index.entries
        sections: dict[str, int] = {}
        for entry in entries:
            sections[entry.section] = sections.get(entry.section, 0) + 1
        drafts = sum(1 for entry in entries if entry.draft)
        errors = sum(1 for entry in entries if entry.error)
        by_count = sorted(sections.items(), key=lambda item: (-item[1], item[0]))
        section_text = ", ".join(f"{name or '(top level)'} {count}" for name, count in by_count)
        languages = ", ".join(self.languages) or self.language_code or "(not set)"
        lines = [
            self.title or "(untitled site)",
            f"root: {self.root}",
            f"posts: {len(entries)} ({drafts} {'draft' if drafts == 1 else 'drafts'})",
            f"sections: {section_text or '(none)'}",
            f"languages: {languages}",
        ]
        if errors:
            lines.append(f"posts with problems: {errors}")
        return lines


def _join(root: Path, setting: str) -> Path:
    """A folder setting resolved against the root; absolute settings stand as they are."""
    return Path(os.path.normpath(root / setting))


def _posix(path: str) -> str:
    return path if os.sep == "/" else path.replace(os.sep, "/")


_new_tuple = tuple.__new__
_SCANDIR_TAKES_FD = os.scandir in os.supports_fd


def _scan_folder(
    folder: Path,
    relative: str,
    ignore: tuple[re.Pattern[str], ...],
    found: dict[str, ContentFile],
    languages: frozenset[str] = frozenset(),
) -> None:
    """Add the Markdown pages below `folder` to `found`, keyed by absolute path.

    Walks folder by folder so each file's relative path and section are a string
    concatenation away: this loop runs once per post on every start-up, so the
    cheapest tests come first. Hidden names, editor leftovers (`#x#`, `x~`, which
    never end in a Markdown extension) and symlinked folders (loops) are skipped.
    A folder below `folder` with an index file (`index.md`, `index.html`, or for one
    of the site's `languages` `index.nl.md`...) is a leaf bundle: its index files
    are pages, its other files and folders are resources.
    A leaf bundle at the top level is a page of the home section (section "").
    """
    top = "" if relative in ("", ".") else relative.rstrip("/") + "/"
    # (folder, its relative path + "/", its section, its depth: 0, 1 top level, 2 deeper)
    stack: list[tuple[str, str, str, int]] = [(str(folder), top, "", 0)]
    extensions = MARKDOWN_EXTENSIONS
    while stack:
        directory, prefix, section, depth = stack.pop()
        # Listing through an open folder lets each stat skip resolving the whole path
        # again (about an eighth of a warm start); Windows cannot, so it uses paths.
        handle = None
        try:
            if _SCANDIR_TAKES_FD:
                handle = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
            listing = os.scandir(directory if handle is None else handle)
        except OSError:
            if handle is not None:
                os.close(handle)
            continue
        folders = []
        added = []
        leaf = False
        try:
            with listing:
                for entry in listing:
                    name = entry.name
                    try:
                        if entry.is_dir(follow_symlinks=False):
                            if name[0] not in ".#":
                                folders.append(name)
                            continue
                        if name[0] in "iI" and depth and is_bundle_index(name, languages):
                            leaf = True
                        extension = name[name.rfind(".") :]
                        if extension not in extensions and extension.lower() not in extensions:
                            continue
                        if name[0] in ".#":
                            continue
                        path = directory + os.sep + name
                        if ignore and any(pattern.search(_posix(path)) for pattern in ignore):
                            continue
                        stat = entry.stat()
                    except OSError:
                        continue
                    if S_ISREG(stat.st_mode):
                        # tuple.__new__ skips NamedTuple's argument handling: half the cost.
                        found[path] = _new_tuple(
                            ContentFile,
                            (path, prefix + name, section, stat.st_mtime_ns, stat.st_size),
                        )
                        added.append(path)
        finally:
            if handle is not None:
                os.close(handle)
        if leaf:  # keep the index files only; its subfolders are not even listed
            for path in added:
                if not is_bundle_index(path[len(directory) + 1 :], languages):
                    del found[path]
                elif depth == 1:
                    found[path] = found[path]._replace(section="")
            continue
        for name in folders:
            path = directory + os.sep + name
            stack.append((path, prefix + name + "/", section or name, min(depth + 1, 2)))
