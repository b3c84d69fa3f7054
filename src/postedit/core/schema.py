"""Which front-matter fields a section's posts have, and how to edit each one.

The form above the editor shows one widget per field: a line for a title, a date
picker, a check box for `draft`, a tag list with completion from the site's
taxonomy. Hugo itself has no schema, so we build one per section, in layers, each
overriding the one before:

1. inference: the section's archetype (`archetypes/<section>.md`, else
   `archetypes/default.md`, then the themes' ones, as Hugo looks them up), then the
   shapes of the values its existing posts hold (recorded by the index), then what
   Hugo's own fields are known to be;
2. Front Matter CMS: the content type for the section's folder in a
   `frontmatter.json` at the site root, for sites already set up for that tool;
3. `.postedit.yaml` at the site root, written by hand (format below).

`.postedit.yaml` format::

    sections:
      default:                  # applies to every section, top-level pages too
        fields:
          - name: title         # the front-matter key, as written in the posts
            label: Titel        # what the form shows (default: from the name)
            required: true
          - name: featured_image
            kind: image         # string, text, date, datetime, bool, number,
                                # string_list, image or raw
      blog:                     # refines `default` for content/blog/
        fields:
          - name: series
            kind: string_list
            taxonomy: series    # complete from this taxonomy's terms
          - name: status
            choices: [concept, review, klaar]
        hidden: [toc, weight]   # keys the form does not show (the file keeps them)
      /:                        # pages directly in content/ (section "")
        hidden: [date]

Each field entry changes only the attributes it names; fields listed come first,
in the order listed, then the others in inferred order. A problem in either file
is reported in `SectionSchema.warnings` and that file (or field) is skipped: a typo
in a config file must not keep the editor from opening posts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from postedit.core.quickread import FrontMatterError, parse_front_matter
from postedit.core.shapes import ValueShape, shape_of
from postedit.core.site import MARKDOWN_EXTENSIONS, Site
from postedit.core.split import split_post
from postedit.core.textio import TextDecodeError, decode

if TYPE_CHECKING:
    from postedit.core.index import SiteIndex

OVERRIDES_FILE = ".postedit.yaml"
FRONT_MATTER_CMS_FILE = "frontmatter.json"

_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class FieldKind(StrEnum):
    """The editing widget a field needs."""

    STRING = "string"  # one line
    TEXT = "text"  # several lines (descriptions, summaries)
    DATE = "date"
    DATETIME = "datetime"
    BOOL = "bool"
    NUMBER = "number"
    STRING_LIST = "string_list"  # tags-like; see Field.taxonomy
    IMAGE = "image"  # a path or URL, with a file picker
    RAW = "raw"  # nested or mixed values: a small YAML editor


@dataclass(frozen=True)
class Field:
    """One front-matter field of a section's form.

    `name` is the key as written in the posts (Hugo reads keys case-insensitively,
    so lookups here do too). `taxonomy` names the site taxonomy (plural) whose
    terms complete a string list; `choices`, when given, are the allowed values.
    """

    name: str
    kind: FieldKind
    label: str
    required: bool = False
    taxonomy: str | None = None
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class SectionSchema:
    """The ordered fields of a section's form, and where they came from."""

    section: str
    fields: tuple[Field, ...]
    sources: tuple[str, ...] = ()  # human-readable, e.g. "archetype archetypes/blog.md"
    warnings: tuple[str, ...] = ()

    def field(self, name: str) -> Field | None:
        """The field for a front-matter key, compared case-insensitively as Hugo does."""
        wanted = name.lower()
        return next((item for item in self.fields if item.name.lower() == wanted), None)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(item.name for item in self.fields)


# --- what Hugo's own fields are -----------------------------------------------------

_KNOWN_KINDS: Mapping[str, FieldKind] = {
    "title": FieldKind.STRING,
    "linktitle": FieldKind.STRING,
    "description": FieldKind.TEXT,
    "summary": FieldKind.TEXT,
    "draft": FieldKind.BOOL,
    "headless": FieldKind.BOOL,
    "iscjklanguage": FieldKind.BOOL,
    "weight": FieldKind.NUMBER,
    "slug": FieldKind.STRING,
    "url": FieldKind.STRING,
    "type": FieldKind.STRING,
    "layout": FieldKind.STRING,
    "translationkey": FieldKind.STRING,
    "markup": FieldKind.STRING,
    "tags": FieldKind.STRING_LIST,
    "categories": FieldKind.STRING_LIST,
    "keywords": FieldKind.STRING_LIST,
    "aliases": FieldKind.STRING_LIST,
    "images": FieldKind.STRING_LIST,
    "outputs": FieldKind.STRING_LIST,
    "menu": FieldKind.RAW,
    "menus": FieldKind.RAW,
    "cascade": FieldKind.RAW,
    "build": FieldKind.RAW,
    "params": FieldKind.RAW,
    "resources": FieldKind.RAW,
    "sitemap": FieldKind.RAW,
}
# Hugo's date fields: a date or a datetime, whichever the posts use (datetime if unseen).
_DATE_FIELDS = frozenset({"date", "publishdate", "pubdate", "published", "lastmod", "expirydate"})
_TEXT_NAMES = frozenset({"description", "summary", "excerpt", "abstract"})
_IMAGE_NAMES = frozenset({"image", "cover", "thumbnail", "thumb", "banner", "hero", "avatar"})
_IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg", ".avif")
# Fields every post form offers, seen or not: what a writer needs to publish.
_ESSENTIAL_FIELDS = ("title", "date", "draft")

_SHAPE_KINDS: Mapping[str, FieldKind] = {
    ValueShape.BOOL: FieldKind.BOOL,
    ValueShape.NUMBER: FieldKind.NUMBER,
    ValueShape.DATE: FieldKind.DATE,
    ValueShape.DATETIME: FieldKind.DATETIME,
    ValueShape.STRING: FieldKind.STRING,
    ValueShape.LONG_STRING: FieldKind.TEXT,
    ValueShape.IMAGE: FieldKind.IMAGE,
    ValueShape.STRING_LIST: FieldKind.STRING_LIST,
    ValueShape.RAW: FieldKind.RAW,
}
_STRINGY = frozenset({ValueShape.STRING, ValueShape.LONG_STRING, ValueShape.IMAGE})


def label_for(name: str) -> str:
    """A form label from a key: `featured_image` and `featuredImage` -> "Featured image"."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name)
    words = re.sub(r"[_\-.]+", " ", spaced).split()
    if not words:
        return name
    text = " ".join(word if word.isupper() and len(word) > 1 else word.lower() for word in words)
    return text[0].upper() + text[1:]


def _is_image_name(name: str) -> bool:
    lower = name.lower()
    return (
        lower in _IMAGE_NAMES
        or "image" in lower
        or lower.endswith(("_img", "-img", "img"))
        or lower.startswith(("cover", "thumbnail"))
    )


def kind_for(
    name: str, shapes: Mapping[str, int], taxonomies: Iterable[str] = ()
) -> tuple[FieldKind, str | None]:
    """The kind of a field (and its taxonomy) from its name and observed value shapes.

    `shapes` counts ValueShape values seen for the field. Configured taxonomies are
    string lists completed from their terms; Hugo's own fields keep their known
    kind; otherwise the most common shape wins, refined by the name (a string
    field named like an image is an image; a description is long text).
    """
    lower = name.lower()
    if lower in set(taxonomies):
        return FieldKind.STRING_LIST, lower
    votes = {shape: count for shape, count in shapes.items() if count > 0}
    filled = {s: c for s, c in votes.items() if s not in (ValueShape.EMPTY, ValueShape.EMPTY_LIST)}
    if lower in _DATE_FIELDS:
        date_only = filled.get(ValueShape.DATE, 0) > filled.get(ValueShape.DATETIME, 0)
        return (FieldKind.DATE if date_only else FieldKind.DATETIME), None
    if lower in _KNOWN_KINDS:
        return _KNOWN_KINDS[lower], None
    if not filled:
        if ValueShape.EMPTY_LIST in votes:
            return FieldKind.STRING_LIST, None
        kind = FieldKind.STRING
    elif set(filled) <= _STRINGY:
        # Strings of mixed length: a multi-line editor fits them all.
        if ValueShape.LONG_STRING in filled:
            kind = FieldKind.TEXT
        elif ValueShape.IMAGE in filled and filled[ValueShape.IMAGE] >= filled.get("string", 0):
            kind = FieldKind.IMAGE
        else:
            kind = FieldKind.STRING
    else:
        top = max(filled, key=lambda shape: (filled[shape], shape))
        kind = _SHAPE_KINDS.get(top, FieldKind.RAW)
    if kind in (FieldKind.STRING, FieldKind.TEXT):
        if _is_image_name(lower):
            return FieldKind.IMAGE, None
        if lower in _TEXT_NAMES:
            return FieldKind.TEXT, None
    return kind, None


# --- archetypes ----------------------------------------------------------------------

_ACTION = re.compile(r"\{\{.*?\}\}", re.DOTALL)
_ACTION_LINE = re.compile(r"^[ \t]*(?:\{\{.*?\}\}[ \t]*)+\r?\n", re.MULTILINE)
_DATE_ACTION = re.compile(r"\.Date\b|\bnow\b|\.Lastmod\b|\.PublishDate\b")
_TIME_LAYOUT = re.compile(r"15|03|3:04|04")
_SAMPLE_DATETIME = "2006-01-02T15:04:05+00:00"
_SAMPLE_DATE = "2006-01-02"
_SAMPLE_TEXT = "text"
_ARCHETYPE_EXTENSIONS = (".md", *sorted(MARKDOWN_EXTENSIONS - {".md"}))


def _action_value(action: str) -> str:
    """A sample value with the same shape as what a template action would print."""
    if not _DATE_ACTION.search(action):
        return _SAMPLE_TEXT
    layouts = re.findall(r'"([^"]*)"', action)
    if any("2006" in layout or "01" in layout for layout in layouts) and not any(
        _TIME_LAYOUT.search(layout) for layout in layouts
    ):
        return _SAMPLE_DATE
    return _SAMPLE_DATETIME


def neutralize_template(text: str) -> str:
    """Archetype text with Go template actions replaced so YAML/TOML/JSON can parse it.

    Lines holding only actions (`{{ if … }}`, `{{ end }}`, comments) are dropped;
    other actions become a sample value of the same shape (`{{ .Date }}` a datetime,
    `{{ now.Format "2006-01-02" }}` a date, anything else a word). An action inside
    quotes becomes plain text; a bare one becomes a double-quoted string, which all
    three formats accept (and which the index reads as a date when it is one).
    """
    return _ACTION.sub(_replace_action, _ACTION_LINE.sub("", text))


def _replace_action(match: re.Match[str]) -> str:
    text, start = match.string, match.start()
    line_start = text.rfind("\n", 0, start) + 1
    # Quotes inside earlier actions on the line (`"-" " "`) must not count.
    before = _ACTION.sub("", text[line_start:start])
    inside_quotes = before.count('"') % 2 == 1 or before.count("'") % 2 == 1
    value = _action_value(match.group(0))
    return value if inside_quotes else f'"{value}"'


def find_archetype(site: Site, section: str) -> Path | None:
    """The archetype `hugo new` would use for a post in `section`, if any.

    Hugo's lookup: `<section>.md` then `default.md` in the site's archetypes folder,
    then in each theme's; a folder `<section>/` with an index file is a bundle
    archetype. Any Markdown extension counts.
    """
    names = [section, "default"] if section else ["default"]
    for folder in site.archetype_dirs:
        for name in names:
            for extension in _ARCHETYPE_EXTENSIONS:
                for candidate in (
                    folder / f"{name}{extension}",
                    folder / name / f"index{extension}",
                ):
                    if candidate.is_file():
                        return candidate
    return None


def read_archetype(path: Path) -> dict[str, Any]:
    """The front matter of an archetype, template actions neutralized first.

    Raises FrontMatterError (or TextDecodeError/OSError) when it cannot be read.
    """
    text, _ = decode(path.read_bytes())
    return parse_front_matter(split_post(neutralize_template(text)))


# --- layer 1: inference -------------------------------------------------------------


@dataclass
class _Observed:
    """What was seen of one field across the archetype and the section's posts."""

    name: str
    spellings: dict[str, int]
    shapes: dict[str, int]
    posts: int = 0
    position_sum: float = 0.0
    archetype_position: int | None = None

    def add(self, name: str, shape: str, position: int) -> None:
        self.spellings[name] = self.spellings.get(name, 0) + 1
        self.shapes[shape] = self.shapes.get(shape, 0) + 1
        self.posts += 1
        self.position_sum += position


def _observe(
    archetype: Mapping[Any, Any] | None, shape_lists: Iterable[Sequence[tuple[str, str]]]
) -> list[_Observed]:
    """Group fields case-insensitively, archetype first, each with its shape votes."""
    observed: dict[str, _Observed] = {}
    for position, (key, value) in enumerate((archetype or {}).items()):
        name = str(key)
        item = observed.setdefault(name.lower(), _Observed(name, {}, {}))
        item.archetype_position = position
        shape = shape_of(value).value
        item.shapes[shape] = item.shapes.get(shape, 0) + 1
    for shapes in shape_lists:
        for position, (name, shape) in enumerate(shapes):
            item = observed.setdefault(name.lower(), _Observed(name, {}, {}))
            item.add(name, shape, position)
    for item in observed.values():
        if item.archetype_position is None and item.spellings:
            item.name = max(item.spellings, key=lambda n: (item.spellings[n], n))
    return list(observed.values())


def _inferred_order(item: _Observed) -> tuple[int, float, float, str]:
    """Archetype fields in archetype order, then the most used, earliest placed first."""
    if item.archetype_position is not None:
        return (0, item.archetype_position, 0.0, "")
    mean_position = item.position_sum / item.posts if item.posts else 0.0
    return (1, -item.posts, mean_position, item.name.lower())


def infer_fields(
    site: Site, section: str, index: SiteIndex | None
) -> tuple[list[Field], list[str], list[str]]:
    """Fields inferred from the archetype and the posts: (fields, sources, warnings)."""
    sources, warnings = [], []
    archetype = None
    path = find_archetype(site, section)
    if path is not None:
        try:
            archetype = read_archetype(path)
            sources.append(f"archetype {_shown(site, path)}")
        except (OSError, TextDecodeError, FrontMatterError) as error:
            warnings.append(f"The archetype {_shown(site, path)} cannot be read: {error}")
    # Section list pages (`_index.md`) have a front matter of their own kind.
    entries = [
        entry
        for entry in (index.entries if index is not None else ())
        if entry.section == section and entry.error is None and not _is_list_page(entry.path)
    ]
    if entries:
        sources.append(f"{len(entries)} {'post' if len(entries) == 1 else 'posts'}")
    observed = _observe(archetype, (entry.field_shapes for entry in entries))
    observed.sort(key=_inferred_order)
    taxonomies = tuple(site.taxonomies.values())
    fields = []
    for item in observed:
        kind, taxonomy = kind_for(item.name, item.shapes, taxonomies)
        fields.append(Field(item.name, kind, label_for(item.name), taxonomy=taxonomy))
    seen = {item.name.lower() for item in observed}
    for name in _ESSENTIAL_FIELDS:
        if name not in seen:
            kind, taxonomy = kind_for(name, {}, taxonomies)
            fields.append(Field(name, kind, label_for(name), taxonomy=taxonomy))
    return fields, sources, warnings


def _is_list_page(path: str) -> bool:
    return path.rsplit("/", 1)[-1].startswith("_index.")


def _shown(site: Site, path: Path) -> str:
    return site.relative(path)


# --- applying override layers ----------------------------------------------------------


@dataclass(frozen=True)
class FieldOverride:
    """Attributes one override layer sets on a field; None leaves the attribute alone."""

    name: str
    kind: FieldKind | None = None
    label: str | None = None
    required: bool | None = None
    taxonomy: str | None = None
    choices: tuple[str, ...] | None = None


@dataclass(frozen=True)
class SchemaLayer:
    """One override layer for a section: field changes in order, and hidden keys."""

    fields: tuple[FieldOverride, ...] = ()
    hidden: frozenset[str] = frozenset()  # lower-case names


def apply_layer(
    fields: Sequence[Field], layer: SchemaLayer, taxonomies: Iterable[str]
) -> list[Field]:
    """Fields with a layer applied: listed fields first, in its order, then the rest."""
    taxonomies = tuple(taxonomies)
    remaining = {item.name.lower(): item for item in fields}
    listed: dict[str, Field] = {}
    for override in layer.fields:
        key = override.name.lower()
        if key in listed:
            continue  # listed twice: the first entry counts
        base = remaining.pop(key, None)
        if base is None:
            kind, taxonomy = kind_for(override.name, {}, taxonomies)
            base = Field(override.name, kind, label_for(override.name), taxonomy=taxonomy)
        changes: dict[str, Any] = {
            attribute: getattr(override, attribute)
            for attribute in ("kind", "label", "required", "taxonomy", "choices")
            if getattr(override, attribute) is not None
        }
        if override.kind not in (None, FieldKind.STRING_LIST) and override.taxonomy is None:
            changes["taxonomy"] = None  # only string lists complete from a taxonomy
        listed[key] = replace(base, **changes)
    ordered = [*listed.values(), *(item for item in fields if item.name.lower() in remaining)]
    return [item for item in ordered if item.name.lower() not in layer.hidden]


# --- layer 3: .postedit.yaml ------------------------------------------------------------

_OVERRIDE_KEYS = frozenset({"name", "kind", "label", "required", "taxonomy", "choices"})


def _override_from(entry: Any, where: str, warnings: list[str]) -> FieldOverride | None:
    if not isinstance(entry, Mapping) or not isinstance(entry.get("name"), str):
        warnings.append(f"{where}: each field needs a `name`; skipped {entry!r}.")
        return None
    unknown = set(map(str, entry)) - _OVERRIDE_KEYS
    if unknown:
        warnings.append(f"{where}: unknown field setting(s) {', '.join(sorted(unknown))} ignored.")
    kind = None
    if entry.get("kind") is not None:
        try:
            kind = FieldKind(str(entry["kind"]).lower())
        except ValueError:
            known = ", ".join(kind.value for kind in FieldKind)
            warnings.append(
                f"{where}: field {entry['name']!r} has unknown kind {entry['kind']!r} "
                f"(use one of {known}); kind left as inferred."
            )
    choices = entry.get("choices")
    if choices is not None and not isinstance(choices, list):
        warnings.append(f"{where}: `choices` of {entry['name']!r} must be a list; ignored.")
        choices = None
    required = entry.get("required")
    return FieldOverride(
        name=entry["name"],
        kind=kind,
        label=str(entry["label"]) if entry.get("label") is not None else None,
        required=bool(required) if required is not None else None,
        taxonomy=str(entry["taxonomy"]).lower() if entry.get("taxonomy") else None,
        choices=tuple(str(choice) for choice in choices) if choices is not None else None,
    )


def _layer_from(settings: Any, where: str, warnings: list[str]) -> SchemaLayer:
    if not isinstance(settings, Mapping):
        warnings.append(f"{where} must be a table with `fields` and/or `hidden`; ignored.")
        return SchemaLayer()
    unknown = set(map(str, settings)) - {"fields", "hidden"}
    if unknown:
        warnings.append(f"{where}: unknown setting(s) {', '.join(sorted(unknown))} ignored.")
    entries = settings.get("fields") or []
    if not isinstance(entries, list):
        warnings.append(f"{where}: `fields` must be a list; ignored.")
        entries = []
    overrides = []
    for entry in entries:
        override = _override_from(entry, where, warnings)
        if override is not None:
            overrides.append(override)
    hidden = settings.get("hidden") or []
    if not isinstance(hidden, list):
        warnings.append(f"{where}: `hidden` must be a list of field names; ignored.")
        hidden = []
    return SchemaLayer(tuple(overrides), frozenset(str(name).lower() for name in hidden))


def load_overrides(site: Site, section: str) -> tuple[list[SchemaLayer], list[str]]:
    """The `.postedit.yaml` layers for a section (`default`, then its own) and warnings."""
    path = site.root / OVERRIDES_FILE
    if not path.is_file():
        return [], []
    warnings: list[str] = []
    try:
        data = yaml.load(path.read_bytes().decode("utf-8-sig"), Loader=_YAML_LOADER)
    except (OSError, ValueError, yaml.YAMLError) as error:  # ValueError: bad dates too
        return [], [f"{OVERRIDES_FILE} cannot be read and is ignored: {error}"]
    if data is None:
        return [], []
    if not isinstance(data, Mapping) or not isinstance(data.get("sections") or {}, Mapping):
        return [], [f"{OVERRIDES_FILE} must hold a `sections:` table; it is ignored."]
    unknown = set(map(str, data)) - {"sections"}
    if unknown:
        warnings.append(f"{OVERRIDES_FILE}: unknown setting(s) {', '.join(sorted(unknown))}.")
    sections = {str(key): value for key, value in (data.get("sections") or {}).items()}
    layers = []
    if "default" in sections:
        layers.append(_layer_from(sections["default"], f"{OVERRIDES_FILE} default", warnings))
    own_key = section if section else "/"
    if own_key in sections and own_key != "default":
        where = f"{OVERRIDES_FILE} section {own_key}"
        layers.append(_layer_from(sections[own_key], where, warnings))
    return layers, warnings


# --- layer 2: Front Matter CMS ------------------------------------------------------------

_CMS_KINDS: Mapping[str, FieldKind] = {
    "string": FieldKind.STRING,
    "slug": FieldKind.STRING,
    "datetime": FieldKind.DATETIME,
    "boolean": FieldKind.BOOL,
    "draft": FieldKind.BOOL,
    "number": FieldKind.NUMBER,
    "tags": FieldKind.STRING_LIST,
    "categories": FieldKind.STRING_LIST,
    "taxonomy": FieldKind.STRING_LIST,
    "list": FieldKind.STRING_LIST,
    "image": FieldKind.IMAGE,
    "choice": FieldKind.STRING,
    "fields": FieldKind.RAW,
    "block": FieldKind.RAW,
    "json": FieldKind.RAW,
}
# Front Matter CMS field types that only decorate its form; they hold no value.
_CMS_DECORATIONS = frozenset({"divider", "heading"})


def _cms_setting(data: Mapping[str, Any], dotted: str) -> Any:
    """A setting stored flat (`"frontMatter.taxonomy.contentTypes": …`) or nested."""
    if dotted in data:
        return data[dotted]
    value: Any = data
    for part in dotted.split("."):
        value = value.get(part) if isinstance(value, Mapping) else None
    return value


def _cms_field(entry: Mapping[str, Any], taxonomies: tuple[str, ...]) -> FieldOverride | None:
    """Our field for a Front Matter CMS field definition (None for decorations)."""
    cms_type = str(entry.get("type", "string"))
    name = entry.get("name")
    if cms_type in _CMS_DECORATIONS or not isinstance(name, str) or not name:
        return None
    kind = _CMS_KINDS.get(cms_type, FieldKind.STRING)
    taxonomy = None
    multiple = bool(entry.get("multiple"))
    if cms_type == "string" and entry.get("multiline"):
        kind = FieldKind.TEXT
    elif cms_type in ("tags", "categories"):
        taxonomy = cms_type
    elif cms_type == "taxonomy":
        wanted = str(entry.get("taxonomyId", "")).lower()
        taxonomy = wanted if wanted in taxonomies else None
    elif cms_type == "file":
        extensions = [str(e).lower().lstrip(".") for e in entry.get("fileExtensions") or []]
        images = {ext.lstrip(".") for ext in _IMAGE_EXTENSIONS}
        is_image = bool(extensions) and all(ext in images for ext in extensions)
        kind = FieldKind.IMAGE if is_image else FieldKind.STRING
    if multiple and kind in (FieldKind.STRING, FieldKind.IMAGE):
        kind = FieldKind.STRING_LIST
    choices = None
    if cms_type == "choice":
        choices = tuple(_cms_choice(choice) for choice in entry.get("choices") or [])
    title = entry.get("title")
    return FieldOverride(
        name=name,
        kind=kind,
        label=str(title) if title else None,
        required=bool(entry.get("required")) if "required" in entry else None,
        taxonomy=taxonomy,
        choices=choices,
    )


def _cms_choice(choice: Any) -> str:
    """A choice is a plain value or an `{id, title}` pair whose id is stored."""
    if isinstance(choice, Mapping):
        return str(choice.get("id", choice.get("title", "")))
    return str(choice)


def _cms_content_type(site: Site, data: Mapping[str, Any], section: str) -> str:
    """The content type of the page folder nearest to (or at) the section's folder."""
    section_dir = (site.content_dir / section if section else site.content_dir).resolve()
    best: tuple[int, str] | None = None
    for folder in _cms_setting(data, "frontMatter.content.pageFolders") or []:
        if not isinstance(folder, Mapping) or not isinstance(folder.get("path"), str):
            continue
        raw = folder["path"].replace("[[workspace]]", str(site.root))
        path = Path(site.root / raw).resolve()
        types = folder.get("contentTypes")
        if not types or not isinstance(types, list):
            continue
        if section_dir == path or section_dir.is_relative_to(path):
            depth = len(path.parts)
            if best is None or depth > best[0]:
                best = (depth, str(types[0]))
    return best[1] if best else "default"


def load_front_matter_cms(site: Site, section: str) -> tuple[list[SchemaLayer], list[str], str]:
    """The Front Matter CMS layer for a section: (layers, warnings, source description)."""
    path = site.root / FRONT_MATTER_CMS_FILE
    if not path.is_file():
        return [], [], ""
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        return [], [f"{FRONT_MATTER_CMS_FILE} cannot be read and is ignored: {error}"], ""
    if not isinstance(data, Mapping):
        return [], [f"{FRONT_MATTER_CMS_FILE} is not a JSON object; it is ignored."], ""
    wanted = _cms_content_type(site, data, section)
    types = _cms_setting(data, "frontMatter.taxonomy.contentTypes")
    if not isinstance(types, list):
        types = []
    content_type = next(
        (t for t in types if isinstance(t, Mapping) and t.get("name") == wanted), None
    )
    if content_type is None:
        return [], [], ""
    taxonomies = tuple(site.taxonomies.values())
    overrides, hidden = [], set()
    for entry in content_type.get("fields") or []:
        if not isinstance(entry, Mapping):
            continue
        override = _cms_field(entry, taxonomies)
        if override is None:
            continue
        if entry.get("hidden"):
            hidden.add(override.name.lower())
        overrides.append(override)
    source = f"{FRONT_MATTER_CMS_FILE} content type {wanted!r}"
    return [SchemaLayer(tuple(overrides), frozenset(hidden))], [], source


# --- putting it together --------------------------------------------------------------------


def schema_for(site: Site, section: str, index: SiteIndex | None = None) -> SectionSchema:
    """The form schema for posts in `section` ("" for pages directly in content/).

    Layers, later ones winning: inference from the archetype, the index's record
    of the section's posts and Hugo's known fields; then `frontmatter.json`
    (Front Matter CMS); then `.postedit.yaml`. Without an index, only the
    archetype and known fields are used. Problems become `warnings`, not errors.
    """
    fields, sources, warnings = infer_fields(site, section, index)
    taxonomies = tuple(site.taxonomies.values())
    cms_layers, cms_warnings, cms_source = load_front_matter_cms(site, section)
    own_layers, own_warnings = load_overrides(site, section)
    for layer in (*cms_layers, *own_layers):
        fields = apply_layer(fields, layer, taxonomies)
    if cms_source:
        sources.append(cms_source)
    if own_layers:
        sources.append(OVERRIDES_FILE)
    return SectionSchema(
        section=section,
        fields=tuple(fields),
        sources=tuple(sources),
        warnings=tuple([*warnings, *cms_warnings, *own_warnings]),
    )
