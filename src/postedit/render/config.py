"""The site's `markup` settings as one frozen, hashable value.

Parsers are built once per configuration and cached (see `markdown.markdown_parser`),
so the configuration must be hashable: every field is immutable. Field defaults are
Hugo 0.168's defaults; `MarkupConfig.from_site` reads a site's `markup.goldmark`,
`markup.highlight` and `markup.tableOfContents` tables (keys lower-cased by `Site`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from postedit.render.highlight import HighlightConfig

if TYPE_CHECKING:
    from postedit.core.site import Site

AUTO_ID_TYPES = ("github", "github-ascii", "blackfriday")


@dataclass(frozen=True)
class TypographerConfig:
    """Goldmark's typographer: each substitution, or "" to leave that punctuation alone."""

    enabled: bool = True
    left_single_quote: str = "&lsquo;"
    right_single_quote: str = "&rsquo;"
    left_double_quote: str = "&ldquo;"
    right_double_quote: str = "&rdquo;"
    en_dash: str = "&ndash;"
    em_dash: str = "&mdash;"
    ellipsis: str = "&hellip;"
    left_angle_quote: str = "&laquo;"
    right_angle_quote: str = "&raquo;"
    apostrophe: str = "&rsquo;"


@dataclass(frozen=True)
class PassthroughConfig:
    """Hugo's passthrough extension: delimited text (usually maths) kept verbatim."""

    enabled: bool = False
    inline: tuple[tuple[str, str], ...] = ()
    block: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ExtrasConfig:
    """Hugo's `extensions.extras`: `~~delete~~`, `++insert++`, `==mark==`, `~sub~`, `^sup^`."""

    delete: bool = False
    insert: bool = False
    mark: bool = False
    subscript: bool = False
    superscript: bool = False


@dataclass(frozen=True)
class TocConfig:
    """`markup.tableOfContents`: which heading levels `.TableOfContents` lists."""

    start_level: int = 2
    end_level: int = 3
    ordered: bool = False


@dataclass(frozen=True)
class MarkupConfig:
    """Every `markup.goldmark` switch postedit honours, plus highlight and toc settings."""

    # extensions
    table: bool = True
    strikethrough: bool = True
    linkify: bool = True
    linkify_protocol: str = "https"
    task_list: bool = True
    footnote: bool = True
    definition_list: bool = True
    typographer: TypographerConfig = field(default_factory=TypographerConfig)
    passthrough: PassthroughConfig = field(default_factory=PassthroughConfig)
    extras: ExtrasConfig = field(default_factory=ExtrasConfig)
    # parser
    auto_heading_id: bool = True
    auto_heading_id_type: str = "github"
    attribute_title: bool = True
    attribute_block: bool = False
    wrap_standalone_image: bool = True
    auto_definition_term_id: bool = False
    # renderer
    unsafe: bool = False
    hard_wraps: bool = False
    xhtml: bool = False
    highlight: HighlightConfig = field(default_factory=HighlightConfig)
    toc: TocConfig = field(default_factory=TocConfig)

    @classmethod
    def from_mappings(
        cls,
        goldmark: Mapping[str, Any],
        highlight: Mapping[str, Any] | None = None,
        table_of_contents: Mapping[str, Any] | None = None,
    ) -> MarkupConfig:
        """Build from the three config tables (keys lower-cased, values as parsed)."""
        extensions = _table(goldmark, "extensions")
        parser = _table(goldmark, "parser")
        renderer = _table(goldmark, "renderer")
        attribute = _table(parser, "attribute")
        default = cls()
        id_type = str(parser.get("autoheadingidtype", default.auto_heading_id_type)).lower()
        return cls(
            table=_flag(extensions, "table", default.table),
            strikethrough=_flag(extensions, "strikethrough", default.strikethrough),
            linkify=_flag(extensions, "linkify", default.linkify),
            linkify_protocol=str(extensions.get("linkifyprotocol") or default.linkify_protocol),
            task_list=_flag(extensions, "tasklist", default.task_list),
            footnote=_flag(extensions, "footnote", default.footnote),
            definition_list=_flag(extensions, "definitionlist", default.definition_list),
            typographer=_typographer(_table(extensions, "typographer")),
            passthrough=_passthrough(_table(extensions, "passthrough")),
            extras=_extras(_table(extensions, "extras")),
            auto_heading_id=_flag(parser, "autoheadingid", default.auto_heading_id),
            auto_heading_id_type=id_type if id_type in AUTO_ID_TYPES else "github",
            attribute_title=_flag(attribute, "title", default.attribute_title),
            attribute_block=_flag(attribute, "block", default.attribute_block),
            wrap_standalone_image=_flag(
                parser, "wrapstandaloneimagewithinparagraph", default.wrap_standalone_image
            ),
            auto_definition_term_id=_flag(
                parser, "autodefinitiontermid", default.auto_definition_term_id
            ),
            unsafe=_flag(renderer, "unsafe", default.unsafe),
            hard_wraps=_flag(renderer, "hardwraps", default.hard_wraps),
            xhtml=_flag(renderer, "xhtml", default.xhtml),
            highlight=HighlightConfig.from_mapping(highlight or {}),
            toc=_toc(table_of_contents or {}),
        )

    @classmethod
    def from_site(cls, site: Site) -> MarkupConfig:
        """The markup settings of `site`'s merged configuration."""
        return cls.from_mappings(site.goldmark, site.highlight, site.table_of_contents)


def _table(mapping: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = mapping.get(key)
    return value if isinstance(value, Mapping) else {}


def _flag(mapping: Mapping[str, Any], key: str, default: bool) -> bool:
    value = mapping.get(key, default)
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes", "on")
    return bool(value)


def _int(mapping: Mapping[str, Any], key: str, default: int) -> int:
    try:
        return int(mapping.get(key, default))
    except (TypeError, ValueError):
        return default


_TYPOGRAPHER_KEYS = {
    "leftsinglequote": "left_single_quote",
    "rightsinglequote": "right_single_quote",
    "leftdoublequote": "left_double_quote",
    "rightdoublequote": "right_double_quote",
    "endash": "en_dash",
    "emdash": "em_dash",
    "ellipsis": "ellipsis",
    "leftanglequote": "left_angle_quote",
    "rightanglequote": "right_angle_quote",
    "apostrophe": "apostrophe",
}


def _typographer(settings: Mapping[str, Any]) -> TypographerConfig:
    values = {
        name: str(settings[key]) for key, name in _TYPOGRAPHER_KEYS.items() if key in settings
    }
    return TypographerConfig(enabled=not _flag(settings, "disable", False), **values)


def _delimiter_pairs(value: Any) -> tuple[tuple[str, str], ...]:
    pairs: list[tuple[str, str]] = []
    for pair in value if isinstance(value, list | tuple) else ():
        if isinstance(pair, list | tuple) and len(pair) == 2 and all(pair):
            pairs.append((str(pair[0]), str(pair[1])))
    return tuple(pairs)


def _passthrough(settings: Mapping[str, Any]) -> PassthroughConfig:
    delimiters = _table(settings, "delimiters")
    return PassthroughConfig(
        enabled=_flag(settings, "enable", False),
        inline=_delimiter_pairs(delimiters.get("inline")),
        block=_delimiter_pairs(delimiters.get("block")),
    )


def _extras(settings: Mapping[str, Any]) -> ExtrasConfig:
    def enabled(name: str) -> bool:
        return _flag(_table(settings, name), "enable", False)

    return ExtrasConfig(
        delete=enabled("delete"),
        insert=enabled("insert"),
        mark=enabled("mark"),
        subscript=enabled("subscript"),
        superscript=enabled("superscript"),
    )


def _toc(settings: Mapping[str, Any]) -> TocConfig:
    default = TocConfig()
    return TocConfig(
        start_level=_int(settings, "startlevel", default.start_level),
        end_level=_int(settings, "endlevel", default.end_level),
        ordered=_flag(settings, "ordered", default.ordered),
    )


DEFAULT_MARKUP = MarkupConfig()
