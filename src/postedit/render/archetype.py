"""New posts as `hugo new content` makes them: archetype lookup, rendering, file names.

Hugo 0.168, read in its source (`create/content.go`, `hugolib/content_factory.go`)
and checked against the binary (`tests/render/test_archetype.py`):

- `hugo new content blog/my-post.md` looks for `archetypes/blog.md`, then
  `archetypes/default.md`. The site's `archetypes/` and each theme's are one
  folder to it, the site's file first, so a theme's `blog.md` beats the site's
  `default.md` (its documentation lists them the other way round). With neither,
  it uses its built-in archetype (`DEFAULT_ARCHETYPE`, YAML front matter).
- `hugo new content blog/my-post` (a page bundle) wants a folder archetype,
  `archetypes/blog/` or `archetypes/default/`: its content files are rendered into
  the new folder, its other files copied. Without one postedit does what
  `hugo new content blog/my-post/index.md` does: the file archetype, in a folder.
- The archetype is a Go text template. Its dot has `.Date` (the time now, RFC 3339
  to the second, in the computer's own time zone, not the site's `timeZone`),
  `.Type` (the section, "page" for a top-level page), `.Name` and `.File` (the new
  file; a bundle's `index.md` is named after its folder), `.Page` and `.Site`.
  Shortcodes in the archetype (`{{< toc >}}`) are left as written.

`create_post(site, section, title, bundle)` writes the new post, never over an
existing file, and sets its `title` to exactly what the writer typed.
"""

from __future__ import annotations

import contextlib
import os
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from postedit.core.atomic import SaveError, atomic_create
from postedit.core.codecs.base import FrontMatterWriteError
from postedit.core.document import Document
from postedit.core.site import MARKDOWN_EXTENSIONS, Site
from postedit.render.gotemplate import DefaultHost, TemplateError, Time, parse
from postedit.render.shortcodes.context import FileInfo, PageContext
from postedit.render.shortcodes.pages import page_context

__all__ = [
    "DEFAULT_ARCHETYPE",
    "NewPostError",
    "NewPostFile",
    "archetype_for",
    "create_post",
    "existing_post",
    "new_content_dir",
    "new_post_files",
    "new_post_path",
    "new_post_text",
    "sections",
    "slugify",
]

# Hugo's built-in archetype (`create.DefaultArchetypeTemplateTemplate`), used when
# neither the site nor a theme has one for the new post.
DEFAULT_ARCHETYPE = """\
---
title: "{{ replace .File.ContentBaseName "-" " " | title }}"
date: {{ .Date }}
draft: true
---

"""

# The front matter of the file Hugo writes first and renders the archetype for
# (`ContentFactory.CreateContentPlaceHolder`): what `.Page` answers from.
_PLACEHOLDER: dict[str, Any] = {
    "title": "Content Placeholder",
    "_build": {"render": "never", "list": "never", "publishResources": False},
}

# Go's time.RFC3339, as Hugo formats `.Date`.
_RFC3339 = "2006-01-02T15:04:05Z07:00"

# Hugo hides shortcodes from the template parser and puts them back afterwards.
_SHORTCODE_HIDE = (("{{<", "{x{<"), ("{{%", "{x{%"), (">}}", ">}x}"), ("%}}", "%}x}"))

# Characters Hugo's urlize keeps but a file name should not: they separate words.
_SEPARATORS = frozenset("./\\#+~@%")
# Go's unicode.IsSpace; Python's isspace also counts the ASCII separators 0x1c-0x1f.
_NOT_GO_SPACE = frozenset("\x1c\x1d\x1e\x1f")
_MAX_SLUG_BYTES = 100
# Names a post cannot have: `index` would make its section folder a page bundle
# (the section's other posts its resources); Windows refuses the others for a file,
# whatever its extension.
_RESERVED_NAMES = frozenset(
    {"index", "con", "prn", "aux", "nul"}
    | {f"com{n}" for n in range(1, 10)}
    | {f"lpt{n}" for n in range(1, 10)}
)


class NewPostError(Exception):
    """A post that cannot be created; `str(error)` is a message for the writer."""


@dataclass(frozen=True)
class NewPostFile:
    """One file of a new post: where it goes and what it holds."""

    path: Path
    data: bytes


def slugify(title: str) -> str:
    """The file name (without `.md`) postedit gives a post with this title.

    Hugo's urlize rules (`PathSpec.UnicodeSanitize`, then lower case): letters
    (accents kept, "Eén" -> "eén"), digits, combining marks, `_` and `-` stay; a run
    of spaces becomes one hyphen between words; everything else (punctuation,
    emoji) is dropped. Unlike urlize, the characters it keeps that do not belong in
    a file name (`. / \\ # + ~ @ %`) separate words like a space, runs of hyphens
    become one, hyphens and underscores at either end go, and the name stays within 100 bytes.
    Names a post cannot have (`index`, which would turn its section into a page
    bundle, and Windows's `con`, `nul`...) get `-post` added. "" when the title has
    no letter or digit.
    """
    words: list[str] = []
    current: list[str] = []
    for char in unicodedata.normalize("NFC", title):
        category = unicodedata.category(char)
        if category[0] in "LM" or category == "Nd" or char == "_":
            current.append(char.lower()[:1] if category[0] == "L" else char)
        elif char == "-" or char in _SEPARATORS or (char.isspace() and char not in _NOT_GO_SPACE):
            words.append("".join(current))
            current = []
    words.append("".join(current))
    slug = "-".join(word for word in words if word.strip("_")).strip("_")
    while len(slug.encode("utf-8")) > _MAX_SLUG_BYTES:
        cut = slug.rfind("-")
        slug = slug[:cut] if cut > 0 else slug[:-1]
    if slug in _RESERVED_NAMES:
        slug += "-post"
    return slug


def sections(site: Site, known: Iterable[str] = ()) -> list[str]:
    """The site's sections: the folders in its content folders, and `known` ones.

    Hidden folders, top-level leaf bundles (a folder with an `index.md`, a page of
    the home section) and a language's content folder inside the main one are not
    sections. Sorted, without duplicates.
    """
    found = {name for name in known if name}
    content_dirs = {os.path.normcase(str(folder)) for folder in site.content_dirs}
    for folder in site.content_dirs:
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.name[0] in ".#" or not entry.is_dir(follow_symlinks=True):
                continue
            if os.path.normcase(entry.path) in content_dirs:
                continue  # a language's content folder inside the main one
            try:
                if any(site.is_bundle_index(name) for name in os.listdir(entry.path)):
                    continue
            except OSError:
                continue
            found.add(entry.name)
    return sorted(found, key=str.casefold)


def new_post_path(site: Site, section: str, slug: str, *, bundle: bool = False) -> Path:
    """Where `hugo new content <section>/<slug>.md` (or the bundle's index.md) writes."""
    _check_name(section, "section")
    _check_name(slug, "file name")
    content = new_content_dir(site)
    folder = content / section if section else content
    return folder / slug / "index.md" if bundle else folder / f"{slug}.md"


def new_content_dir(site: Site) -> Path:
    """The content folder `hugo new content` writes to.

    The first language's (by `weight`, unweighted ones last, then by name) own
    `contentDir`, else the site's; the default language plays no part.
    """
    languages = [
        (str(key), settings)
        for key, settings in site.languages.items()
        if isinstance(settings, Mapping)
    ]
    if not languages:
        return site.content_dir

    def order(language: tuple[str, Mapping[str, Any]]) -> tuple[bool, int, str]:
        weight = language[1].get("weight")
        number = weight if isinstance(weight, int) and not isinstance(weight, bool) else 0
        return (number == 0, number, language[0])

    _key, settings = min(languages, key=order)
    folder = settings.get("contentdir")
    if not folder:
        return site.content_dir
    return Path(os.path.normpath(site.root / str(folder)))


def existing_post(site: Site, section: str, slug: str) -> Path | None:
    """A file or folder that holds a post by this name in `section` already.

    Both `<slug>.md` (or another Markdown suffix) and a bundle folder `<slug>/` give
    the post the same address, so either one takes the name.
    """
    folder = new_post_path(site, section, slug).parent
    bundle = folder / slug
    if bundle.exists():
        return bundle
    for suffix in (*sorted(MARKDOWN_EXTENSIONS), ".html", ".htm"):
        candidate = folder / f"{slug}{suffix}"
        if candidate.exists():
            return candidate
    return None


def archetype_for(site: Site, section: str, *, bundle: bool = False) -> Path | None:
    """The archetype Hugo uses for a new post in `section`; None for the built-in one.

    For a bundle, a folder archetype (`archetypes/<section>/`, `archetypes/default/`)
    when there is one; otherwise the file archetype (`<section>.md`, `default.md`).
    Each name is looked for in the site's folder, then in each theme's.
    """
    kinds = [section] if section else []
    kinds.append("default")
    if bundle:
        for kind in kinds:
            for folder in site.archetype_dirs:
                if (folder / kind).is_dir():
                    return folder / kind
    for kind in kinds:
        for folder in site.archetype_dirs:
            if (folder / f"{kind}.md").is_file():
                return folder / f"{kind}.md"
    return None


def new_post_text(
    site: Site,
    section: str,
    slug: str,
    *,
    title: str | None = None,
    bundle: bool = False,
    now: datetime | None = None,
) -> str:
    """The text of the new post's Markdown file, as Hugo's archetype renders it.

    `now` (default: the time now, in this computer's time zone) is `.Date`; a naive
    value is taken as local time. With `title`, the front matter's `title` is set to
    it exactly afterwards; the rest of the text stays as rendered. Raises
    NewPostError.
    """
    main = new_post_path(site, section, slug, bundle=bundle)
    for file in new_post_files(site, section, slug, title=title, bundle=bundle, now=now):
        if file.path == main:
            return file.data.decode("utf-8")
    raise NewPostError(
        f"The archetype for “{section or 'top-level pages'}” makes no index.md for a page bundle."
    )


def new_post_files(
    site: Site,
    section: str,
    slug: str,
    *,
    title: str | None = None,
    bundle: bool = False,
    now: datetime | None = None,
) -> list[NewPostFile]:
    """Every file the new post consists of: one, or a folder archetype's files.

    Content files (Markdown) are rendered, with the title set in the post's own
    file (the bundle's `index.md`); other files are copied as they are.
    """
    main = new_post_path(site, section, slug, bundle=bundle)
    date = _rfc3339(now)
    archetype = archetype_for(site, section, bundle=bundle)
    if archetype is None or archetype.is_file():
        source = _read_archetype(archetype) if archetype is not None else DEFAULT_ARCHETYPE
        text = _render(site, section, main, source, archetype, date)
        return [NewPostFile(main, _with_title(text, title).encode("utf-8"))]
    files: list[NewPostFile] = []
    for file in sorted(path for path in archetype.rglob("*") if path.is_file()):
        target = main.parent.joinpath(*file.relative_to(archetype).parts)
        if file.suffix.lower() not in MARKDOWN_EXTENSIONS:
            files.append(NewPostFile(target, _read_bytes(file)))
            continue
        text = _render(site, section, target, _read_archetype(file), file, date)
        if target == main:
            text = _with_title(text, title)
        files.append(NewPostFile(target, text.encode("utf-8")))
    return files


def create_post(
    site: Site,
    section: str,
    title: str,
    bundle: bool = False,
    *,
    now: datetime | None = None,
) -> Path:
    """Write a new post titled `title` in `section`; return the file to open.

    The file name comes from the title (`slugify`). Nothing existing is ever
    replaced: a taken name raises NewPostError, and so do template errors and
    folders that cannot be written.
    """
    if not title.strip():
        raise NewPostError("Give the post a title first.")
    slug = slugify(title)
    if not slug:
        raise NewPostError(
            "The title needs at least one letter or digit: postedit names the file after it."
        )
    taken = existing_post(site, section, slug)
    if taken is not None:
        raise NewPostError(f"There is already a post called “{site.relative(taken)}”.")
    files = new_post_files(site, section, slug, title=title, bundle=bundle, now=now)
    made: list[Path] = []  # files and folders this call created, in order
    try:
        for file in files:
            _make_folders(file.path.parent, made)
            atomic_create(file.path, file.data)
            made.append(file.path)
    except FileExistsError:
        _remove(made)
        raise NewPostError(
            f"There is already a file “{site.relative(file.path)}”; postedit did not replace it."
        ) from None
    except (OSError, SaveError) as error:
        _remove(made)
        raise NewPostError(f"The new post could not be written: {error}") from error
    main = new_post_path(site, section, slug, bundle=bundle)
    if any(file.path == main for file in files):
        return main
    markdown = [file.path for file in files if file.path.suffix.lower() in MARKDOWN_EXTENSIONS]
    return markdown[0] if markdown else main.parent


def _make_folders(folder: Path, made: list[Path]) -> None:
    """Create `folder` and its missing parents, adding each one made to `made`."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        path.mkdir()
        made.append(path)


def _remove(made: list[Path]) -> None:
    """Undo a half-made post: what this call created goes, newest first."""
    for path in reversed(made):
        with contextlib.suppress(OSError):
            if path.is_dir():
                path.rmdir()
            else:
                path.unlink()


# --- Rendering --------------------------------------------------------------------


@dataclass(frozen=True)
class _ArchetypeData:
    """The dot of an archetype template: Hugo's `archetypeFileData`.

    `.File`'s fields are also the dot's own (`.ContentBaseName`, `.Path`), as Go's
    embedded `source.File` makes them.
    """

    Type: str
    Date: str
    Page: PageContext
    File: FileInfo
    Section: str

    @property
    def Site(self) -> Any:
        return self.Page.Site

    @property
    def Name(self) -> str:
        return self.File.ContentBaseName

    @property
    def TranslationBaseName(self) -> str:
        return self.File.BaseFileName

    def __getattr__(self, name: str) -> Any:
        return getattr(self.File, name)


def _render(
    site: Site, section: str, target: Path, source: str, archetype: Path | None, date: str
) -> str:
    """Run one archetype template for the new file `target`."""
    page = page_context(site, target, _PLACEHOLDER, render_string=lambda text, _options: text)
    file = page.File
    if file is None:
        raise NewPostError(f"“{target}” is not inside the site's content folder.")
    data = _ArchetypeData(Type=section or "page", Date=date, Page=page, File=file, Section=section)
    name = archetype.name if archetype is not None else "archetype.md"
    for shortcode, hidden in _SHORTCODE_HIDE:
        source = source.replace(shortcode, hidden)
    host = DefaultHost(site.base_url or "/", site_root=site.root)
    try:
        text = parse(source, name).execute(data, host, html=False)
    except TemplateError as error:
        where = site.relative(archetype) if archetype is not None else "the built-in archetype"
        raise NewPostError(f"The archetype {where} could not be used: {error}") from error
    for shortcode, hidden in _SHORTCODE_HIDE:
        text = text.replace(hidden, shortcode)
    return text


def _with_title(text: str, title: str | None) -> str:
    """`text` with its front matter's `title` set to exactly `title` (when given).

    A rendered archetype whose front matter does not read is kept as Hugo writes
    it: the writer sees it in the editor, with the problem named.
    """
    if title is None:
        return text
    document = Document.from_text(text)
    if document.front_matter_error is not None:
        return text
    document.front_matter["title"] = title
    try:
        return document.text
    except (SaveError, FrontMatterWriteError) as error:
        raise NewPostError(f"postedit could not set the title of the new post: {error}") from error


def _rfc3339(now: datetime | None) -> str:
    moment = datetime.now().astimezone() if now is None else now
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return Time.wrap(moment).Format(_RFC3339)


def _read_archetype(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise NewPostError(f"The archetype {path.name} could not be read: {error}") from error


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise NewPostError(f"The archetype file {path.name} could not be read: {error}") from error


def _check_name(name: str, what: str) -> None:
    if name in (".", "..") or "/" in name or "\\" in name or "\0" in name:
        raise NewPostError(f"“{name}” cannot be a {what}.")
