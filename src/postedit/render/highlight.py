"""Code blocks as Hugo's Chroma highlights them, produced with Pygments.

Hugo (0.168) highlights fenced code and the `highlight` shortcode with Chroma. The
preview must show the same HTML, so this module rebuilds Chroma's markup around
Pygments' tokens: the wrapper `div`, the `pre`/`code` attributes, one span per
line (with line numbers inline or in a table, highlighted lines, anchors) and a
span per token coloured as Chroma's style colours that token type (inline
`style` with `noClasses`, Chroma's class names otherwise). Lexers differ between
Chroma and Pygments, so tokens may be split differently; everything around them
is Chroma's exactly. Which language names Chroma knows decides whether a block is
highlighted at all: a name Chroma does not know gives Hugo's plain block.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pygments.lexer import Lexer
from pygments.lexers import get_lexer_by_name
from pygments.style import StyleMeta
from pygments.styles import get_style_by_name
from pygments.token import STANDARD_TYPES, Token, _TokenType
from pygments.util import ClassNotFound

# Every language name (and alias) Hugo 0.168's Chroma highlights, lower-cased, as
# `transform.CanHighlight` answers for Pygments' names, the corpus' fence languages and
# Chroma's own lexer names; `_` stands for a space.
_CHROMA_NAME_WORDS = """
    abap abl abnf aconf actionscript actionscript_3 actionscript3 ada ada2005 ada95 agda ahk
    alloy ampl angular2 antlr apache apacheconf apl applescript arduino arexx art arturo as as3
    asm asn.1 autohotkey autoit awk b3d bash bash_session basic bat batch batchfile bf bib
    bibtex blitzbasic bnf bplus bqn brainfuck bsdmake c c# c++ caddy caddyfile cap'n_proto capnp
    ceylon cf3 cfengine3 cfg cfs cfstatement chai chaiscript chapel cheetah chpl cl clj clojure
    cmake cmd cobol coffee coffee-script coffeescript common_lisp common-lisp console coq cp cpp
    cr crystal cs csh csharp css cucumber cython d dart dax desktop desktop_file devicetree diff
    django django/jinja dns docker dockerfile dosbatch dosini dtd dts duby dylan ebnf ecl elisp
    elixir elm emacs emacs-lisp emacslisp erb erl erlang ex exs f90 factor fennel fish fishshell
    fnl forth fortran fortranfixed fsharp gas gawk gd gdscript genshi genshi_text genshitext
    gherkin gleam glsl gnuplot go go-html-template go-text-template golang graphql groff groovy
    gsed handlebars hare haskell haxe hcl hexdump hlsl hs html html+erb html+genshi html+kid
    html+ruby http hx hxsl hy hylang idr idris igor igorpro ini io j janet java javascript jinja
    jl js json json5 jsonnet jsx julia kid kotlin ksh latex lean lean4 lighttpd
    lighttpd_configuration_file lighty lilypond lisp llvm lua luau m2 make makefile mako man
    markdown mason mathematica matlab mawk mcf mcfunction md meson meson.build mf mma modelica
    modula-2 modula2 mojo moon moonscript myghty mysql nasm nawk nb newspeak ng2 nginx
    nginx_configuration_file nim nimrod nix nixos no-highlight nroff nsh nsi nsis obj-c objc
    objective-c objectivec objectpascal ocaml octave odin openedge openedge_abl openscad org
    org_mode orgmode pacmanconf pas patch perl perl6 php php3 php4 php5 pig pkgconfig pl
    pl/pgsql pl6 plain plaintext plpgsql po pony posh postgres postgresql postgresql_sql_dialect
    postscr postscript pot pov povray powershell progress prolog promela promql properties proto
    protobuf protocol_buffer prql ps1 psm1 puppet pwsh py py2 py3 pyi pyrex python python2
    python3 pyx qbasic qbs qml r racket ragel raku rb react reason reasonml reg registry rego
    rest restructuredtext rexx rhtml rkt rpmspec rs rst ruby rust s sage salt sas sass sc scala
    scd scdoc scheme scilab scm scss sed sh shell shell-session sieve sls smali smalltalk smarty
    sml snbt snobol solidity sourcepawn sp sparql spec spitfire splus sql squeak squid
    squid.conf squidconf ssed st standard_ml starlark sv swift systemd systemverilog t-sql
    tablegen tal tasm tcl tcsh td termcap terminfo terraform tex text tf thrift tmpl toml
    transact-sql ts tsql tsx ttl turtle twig txt typescript typoscript typoscriptcssdata
    typoscripthtmldata typst ucode udiff uxntal v vala vapi vb.net vbnet verilog vhdl vim viml
    vue wast wat webgpu_shading_language wgsl whiley winbatch wl xml xml+genshi xml+kid xorg
    xorg.conf xslt yaml yaml+jinja yang yml zig zone zsh 🔥
    bash-session caddyfile-directives core csv env gdscript3 go-template gotmpl gql holyc
    iscdhcpd jsonc jsonl materialize microcad nu ps psl rgbasm sh-session spade stas styl stylus
    svelte svg templ tpl uc vb vtt webvtt
    """
_CHROMA_NAMES = frozenset(name.replace("_", " ") for name in _CHROMA_NAME_WORDS.split())

# Chroma names Pygments spells differently (or lacks: then plain text tokens).
_PYGMENTS_NAME = {
    "actionscript 3": "as3",
    "bash session": "console",
    "batchfile": "bat",
    "c++": "cpp",
    "cmd": "bat",
    "common lisp": "common-lisp",
    "django/jinja": "django",
    "emacslisp": "emacs-lisp",
    "go-html-template": "html",
    "go-template": "html",
    "gotmpl": "html",
    "gql": "graphql",
    "jsonc": "json",
    "jsonl": "json",
    "ps": "powershell",
    "sh-session": "console",
    "svelte": "html",
    "svg": "xml",
    "vb": "vbnet",
    "go-text-template": "text",
    "html+erb": "rhtml",
    "lighttpd configuration file": "lighttpd",
    "modula-2": "modula2",
    "nginx configuration file": "nginx",
    "no-highlight": "text",
    "patch": "diff",
    "pl/pgsql": "plpgsql",
    "plain": "text",
    "plaintext": "text",
    "postgresql sql dialect": "postgresql",
    "povray": "pov",
    "protocol buffer": "protobuf",
    "reg": "registry",
    "standard ml": "sml",
    "tmpl": "html",
    "transact-sql": "tsql",
    "txt": "text",
    "viml": "vim",
}

# Chroma's monokai (the default style), per class, as `hugo gen chromastyles` prints
# it; Pygments' own monokai differs in several colours.
_MONOKAI_BACKGROUND = "color:#f8f8f2;background-color:#272822"
_MONOKAI: Mapping[str, str] = {
    "err": "color:#960050;background-color:#1e0010",
    **dict.fromkeys(["k", "kc", "kd", "kp", "kr", "kt", "no"], "color:#66d9ef"),
    **dict.fromkeys(["kn", "nt", "o", "ow", "or", "gd"], "color:#f92672"),
    **dict.fromkeys(["na", "nc", "nd", "ne", "nx", "nf", "fm", "gi"], "color:#a6e22e"),
    **dict.fromkeys(["l", "se", "m", "mb", "mf", "mh", "mi", "il", "mo"], "color:#ae81ff"),
    **dict.fromkeys(
        ["ld", "s", "sa", "sb", "sc", "dl", "sd", "s2", "sh", "si", "sx", "sr", "s1", "ss"],
        "color:#e6db74",
    ),
    "p": "color:#f8f8f2",
    **dict.fromkeys(["c", "ch", "cm", "c1", "cs", "cp", "cpf", "gu"], "color:#75715e"),
    "ge": "font-style:italic",
    "gs": "font-weight:bold",
}
# Token classes in the order `hugo gen chromastyles` lists them, with Chroma's type names.
_CHROMA_CLASS_WORDS = """
    err:Error k:Keyword kc:KeywordConstant kd:KeywordDeclaration kn:KeywordNamespace
    kp:KeywordPseudo kr:KeywordReserved kt:KeywordType na:NameAttribute nc:NameClass
    no:NameConstant nd:NameDecorator ne:NameException nx:NameOther nt:NameTag nf:NameFunction
    fm:NameFunctionMagic l:Literal ld:LiteralDate s:LiteralString sa:LiteralStringAffix
    sb:LiteralStringBacktick sc:LiteralStringChar dl:LiteralStringDelimiter sd:LiteralStringDoc
    s2:LiteralStringDouble se:LiteralStringEscape sh:LiteralStringHeredoc si:LiteralStringInterpol
    sx:LiteralStringOther sr:LiteralStringRegex s1:LiteralStringSingle ss:LiteralStringSymbol
    m:LiteralNumber mb:LiteralNumberBin mf:LiteralNumberFloat mh:LiteralNumberHex
    mi:LiteralNumberInteger il:LiteralNumberIntegerLong mo:LiteralNumberOct o:Operator
    ow:OperatorWord or:OperatorReserved p:Punctuation c:Comment ch:CommentHashbang
    cm:CommentMultiline c1:CommentSingle cs:CommentSpecial cp:CommentPreproc
    cpf:CommentPreprocFile gd:GenericDeleted ge:GenericEmph gi:GenericInserted gs:GenericStrong
    gu:GenericSubheading ni:NameEntity nl:NameLabel nn:NameNamespace nb:NameBuiltin
    bp:NameBuiltinPseudo nv:NameVariable vc:NameVariableClass vg:NameVariableGlobal
    vi:NameVariableInstance vm:NameVariableMagic gr:GenericError gh:GenericHeading
    go:GenericOutput gp:GenericPrompt gt:GenericTraceback gl:GenericUnderline w:TextWhitespace
    x:Other n:Name py:NameProperty g:Generic
"""
_CHROMA_CLASSES: Mapping[str, str] = dict(word.split(":") for word in _CHROMA_CLASS_WORDS.split())

_LINE_NUMBERS = (
    "white-space:pre;-webkit-user-select:none;user-select:none;"
    "margin-right:0.4em;padding:0 0.4em 0 0.4em;color:#7f7f7f"
)
_LINE_LINK = "outline:none;text-decoration:none;color:inherit"
_TABLE = "border-spacing:0;padding:0;margin:0;border:0;"
_TABLE_TD = "vertical-align:top;padding:0;margin:0;border:0;"


def _go_escape(text: str) -> str:
    """Escape as Go's html.EscapeString, which Chroma and Hugo use (`&#34;`, `&#39;`)."""
    return (
        text.replace("&", "&amp;")
        .replace("'", "&#39;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&#34;")
    )


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes", "on")
    return bool(value)


def _int(value: Any, default: int) -> int:
    try:
        return int(str(value).strip().strip("\"'"))
    except ValueError:
        return default


@dataclass(frozen=True)
class HighlightConfig:
    """The site's `markup.highlight` settings, with Hugo's defaults."""

    code_fences: bool = True
    no_classes: bool = True
    style: str = "monokai"
    line_nos: bool = False
    line_numbers_in_table: bool = True
    line_no_start: int = 1
    anchor_line_nos: bool = False
    line_anchors: str = ""
    hl_lines: str = ""
    guess_syntax: bool = False
    tab_width: int = 4
    wrapper_class: str = "highlight"

    @classmethod
    def from_mapping(cls, settings: Mapping[str, Any]) -> HighlightConfig:
        """Build from a `markup.highlight` table (keys lowercased, as Site keeps them)."""
        base = cls()
        get = settings.get
        line_nos = get("linenos", base.line_nos)
        in_table = _truthy(get("linenumbersintable", base.line_numbers_in_table))
        if isinstance(line_nos, str) and line_nos.lower() in ("inline", "table"):
            in_table = line_nos.lower() == "table"
        return cls(
            code_fences=_truthy(get("codefences", base.code_fences)),
            no_classes=_truthy(get("noclasses", base.no_classes)),
            style=str(get("style") or base.style),
            line_nos=line_nos is True or (isinstance(line_nos, str) and _truthy_line(line_nos)),
            line_numbers_in_table=in_table,
            line_no_start=_int(get("linenostart", base.line_no_start), base.line_no_start),
            anchor_line_nos=_truthy(get("anchorlinenos", base.anchor_line_nos)),
            line_anchors=str(get("lineanchors") or ""),
            hl_lines=_hl_text(get("hl_lines", "")),
            guess_syntax=_truthy(get("guesssyntax", base.guess_syntax)),
            tab_width=_int(get("tabwidth", base.tab_width), base.tab_width),
            wrapper_class=str(get("wrapperclass") or base.wrapper_class),
        )


def _truthy_line(value: str) -> bool:
    return value.strip().lower() in ("true", "inline", "table", "1", "yes")


def _hl_text(value: Any) -> str:
    if isinstance(value, list | tuple):
        return " ".join(str(item) for item in value)
    return str(value or "")


# ------------------------------------------------------------------------ options

_FENCE_OPTION = re.compile(
    r"""([.#][\w-]+)|([\w-]+)\s*=\s*("(?:[^"\\]|\\.)*"|'[^']*'|\[[^\]]*\]|[^\s,}]+)"""
)


# The fence attributes Hugo reads as highlight options; any other becomes an HTML
# attribute of the wrapper (even `codeFences` and `wrapperClass`).
_OPTION_KEYS = frozenset(
    {
        "linenos",
        "linenostart",
        "hl_lines",
        "hl_inline",
        "anchorlinenos",
        "lineanchors",
        "linenumbersintable",
        "style",
        "noclasses",
        "guesssyntax",
        "tabwidth",
    }
)


def parse_options(options: str) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Highlight options and HTML attributes (names lower-cased) from an options string.

    Two spellings reach us: a fence's attribute block `{linenos=table,hl_lines=[2,"4-5"]
    .class #id file="x"}`, where what is not an option is an attribute, and the highlight
    shortcode's `linenos=table,hl_lines=8 15-17`.
    """
    text = options.strip()
    found: dict[str, str] = {}
    attrs: list[tuple[str, str]] = []
    if text.startswith("{"):
        for match in _FENCE_OPTION.finditer(text.strip("{}")):
            shorthand, key, value = match.groups()
            if shorthand:
                name = "class" if shorthand[0] == "." else "id"
                attrs.append((name, shorthand[1:]))
            elif key.lower() in _OPTION_KEYS:
                found[key.lower()] = value.strip("\"'")
            else:
                attrs.append((key.lower(), value.strip("\"'")))
        return found, attrs
    for part in text.split(","):
        key, sep, value = part.partition("=")
        if sep and key.strip():
            found[key.strip().lower()] = value.strip().strip("\"'")
    return found, attrs


def _ranges(text: str) -> list[tuple[int, int]]:
    """`hl_lines` as (first, last) pairs: `[2,"4-5"]`, `2-3` and `8 15-17` alike."""
    pairs = []
    for first, last in re.findall(r"(\d+)(?:\s*-\s*(\d+))?", text):
        pairs.append((int(first), int(last or first)))
    return sorted(pairs)


@dataclass(frozen=True)
class _Settings:
    """The settings of one block: the site's, overridden by the block's options."""

    no_classes: bool
    style: str
    line_nos: str  # "", "inline" or "table"
    line_no_start: int
    anchors: bool  # line numbers link to themselves
    anchor_prefix: str  # "" for the shortcode without `lineanchors`: ids are bare numbers
    hl_lines: tuple[tuple[int, int], ...]
    guess_syntax: bool
    tab_width: int
    wrapper_class: str
    inline_code: bool  # hl_inline: a bare `code` element, no wrapper or lines


def _settings(
    config: HighlightConfig, options: Mapping[str, str], ordinal: int | None
) -> _Settings:
    """`ordinal` is the fence's index among the page's fences; None for the shortcode."""
    in_table = _truthy(options.get("linenumbersintable", config.line_numbers_in_table))
    line_nos = ""
    if config.line_nos:
        line_nos = "table" if in_table else "inline"
    if "linenos" in options:
        value = options["linenos"].lower()
        if value in ("inline", "table"):
            line_nos = value
        elif _truthy(value):
            line_nos = "table" if in_table else "inline"
        else:
            line_nos = ""
    anchor = _truthy(options.get("anchorlinenos", config.anchor_line_nos))
    prefix = options.get("lineanchors", config.line_anchors)
    if not prefix and ordinal is not None:
        prefix = f"hl-{ordinal}"
    return _Settings(
        no_classes=_truthy(options.get("noclasses", config.no_classes)),
        style=options.get("style", config.style),
        line_nos=line_nos,
        line_no_start=_int(options.get("linenostart", config.line_no_start), 1),
        anchors=anchor,
        anchor_prefix=prefix,
        hl_lines=tuple(_ranges(options.get("hl_lines", config.hl_lines))),
        guess_syntax=_truthy(options.get("guesssyntax", config.guess_syntax)),
        tab_width=_int(options.get("tabwidth", config.tab_width), config.tab_width),
        wrapper_class=config.wrapper_class,
        inline_code=_truthy(options.get("hl_inline", False)),
    )


# ------------------------------------------------------------------------- lexers


@lru_cache(maxsize=256)
def _lexer(lang: str) -> Lexer | None:
    """The Pygments lexer for a language Chroma knows; None when Chroma does not."""
    name = lang.lower()
    if name not in _CHROMA_NAMES:
        return None
    try:
        return get_lexer_by_name(_PYGMENTS_NAME.get(name, name), stripnl=False, ensurenl=False)
    except ClassNotFound:
        return get_lexer_by_name("text", stripnl=False, ensurenl=False)


# Pygments' standard types Chroma does not have: their tokens take the parent's class.
_PYGMENTS_ONLY_CLASSES = frozenset({"esc", "ges"})


def _class(ttype: _TokenType) -> str:
    """Chroma's class for a token type: the nearest standard type's short name."""
    while ttype.parent is not None and (
        ttype not in STANDARD_TYPES or STANDARD_TYPES[ttype] in _PYGMENTS_ONLY_CLASSES
    ):
        ttype = ttype.parent
    return str(STANDARD_TYPES.get(ttype, ""))


# ------------------------------------------------------------------------- styles


def _compress(css: str) -> str:
    """Chroma's compressStyle: lower-case six-digit colours, pairs written as three."""
    css = re.sub(r"#[0-9A-Fa-f]{6}\b", lambda m: m.group(0).lower(), css)
    return re.sub(
        r"#([0-9a-fA-F])\1([0-9a-fA-F])\2([0-9a-fA-F])\3\b",
        lambda m: "#" + "".join(m.groups()),
        css,
    )


def _hex(colour: str) -> tuple[int, int, int] | None:
    colour = colour.lstrip("#")
    if len(colour) == 3:
        colour = "".join(char * 2 for char in colour)
    try:
        return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)
    except ValueError:
        return None


def _line_highlight(background: str) -> str:
    """Chroma's line highlight: the background 10% brighter (dark) or darker (light)."""
    rgb = _hex(background) or (0, 0, 0)
    brightness = sum(rgb) / 255 / 3
    if brightness < 0.5:
        rgb = tuple(int(c + (255 - c) * 0.1) for c in rgb)  # type: ignore[assignment]
    else:
        rgb = tuple(int(c * 0.9) for c in rgb)  # type: ignore[assignment]
    return "#{:02x}{:02x}{:02x}".format(*rgb)


@dataclass(frozen=True)
class _Style:
    """What a Chroma style contributes to the markup."""

    background: str  # css of the background entry (colour and background colour)
    highlight: str  # background colour of highlighted lines
    classes: Mapping[str, str]  # class -> css, for the styled token classes


def _css(style: StyleMeta, ttype: _TokenType, base: Mapping[str, Any]) -> str:
    entry = style.style_for_token(ttype)
    parts = []
    if entry["color"] and entry["color"] != base["color"]:
        parts.append(f"color:#{entry['color']}")
    if entry["bgcolor"] and entry["bgcolor"] != base["bgcolor"]:
        parts.append(f"background-color:#{entry['bgcolor']}")
    if entry["bold"] and not base["bold"]:
        parts.append("font-weight:bold")
    if entry["italic"] and not base["italic"]:
        parts.append("font-style:italic")
    if entry["underline"] and not base["underline"]:
        parts.append("text-decoration:underline")
    return _compress(";".join(parts))


@lru_cache(maxsize=32)
def _style(name: str) -> _Style:
    """Chroma's monokai as Chroma has it; other styles from Pygments' same-named style."""
    if name.lower() != "monokai":
        try:
            pygments_style = get_style_by_name(name.lower())
        except ClassNotFound:
            pygments_style = None
        if pygments_style is not None:
            base: dict[str, Any] = dict(pygments_style.style_for_token(Token))
            base["bgcolor"] = (pygments_style.background_color or "").lstrip("#")
            background = []
            if base["color"]:
                background.append(f"color:#{base['color']}")
            if base["bgcolor"]:
                background.append(f"background-color:#{base['bgcolor']}")
            classes: dict[str, str] = {}
            for ttype, short in STANDARD_TYPES.items():
                chroma_class = short and short not in _PYGMENTS_ONLY_CLASSES
                css = _css(pygments_style, ttype, base) if chroma_class else ""
                if css and short not in classes:
                    classes[short] = css
            return _Style(
                _compress(";".join(background)),
                _line_highlight(base["bgcolor"] or "000000"),
                classes,
            )
    return _Style(_MONOKAI_BACKGROUND, "#3c3d38", _MONOKAI)


def stylesheet(style: str = "monokai") -> str:
    """The CSS a site needs for `noClasses = false`, as `hugo gen chromastyles` prints it."""
    chosen = _style(style)
    lines = [
        f"/* Generated using: hugo gen chromastyles --style={style} */",
        "",
        f"/* Background */ .bg {{ {chosen.background}; }}",
        f"/* PreWrapper */ .chroma {{ {chosen.background};-webkit-text-size-adjust:none; }}",
    ]
    if "err" in chosen.classes:
        lines.append(f"/* Error */ .chroma .err {{ {chosen.classes['err']} }}")
    lines += [
        f"/* LineLink */ .chroma .lnlinks {{ {_LINE_LINK} }}",
        f"/* LineTableTD */ .chroma .lntd {{ {_TABLE_TD} }}",
        f"/* LineTable */ .chroma .lntable {{ {_TABLE} }}",
        f"/* LineHighlight */ .chroma .hl {{ background-color:{chosen.highlight} }}",
        f"/* LineNumbersTable */ .chroma .lnt {{ {_LINE_NUMBERS} }}",
        f"/* LineNumbers */ .chroma .ln {{ {_LINE_NUMBERS} }}",
        "/* Line */ .chroma .line { display:flex; }",
    ]
    order = [short for short in _CHROMA_CLASSES if short in chosen.classes]
    order += sorted(short for short in chosen.classes if short not in _CHROMA_CLASSES)
    for short in order:
        if short != "err":
            name = _CHROMA_CLASSES.get(short, short)
            lines.append(f"/* {name} */ .chroma .{short} {{ {chosen.classes[short]} }}")
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------- output


def _lines(tokens: Iterable[tuple[_TokenType, str]]) -> list[list[tuple[_TokenType, str]]]:
    """Tokens cut into lines, each line's last token ending in its newline."""
    lines: list[list[tuple[_TokenType, str]]] = [[]]
    for ttype, value in tokens:
        while "\n" in value:
            head, value = value.split("\n", 1)
            lines[-1].append((ttype, head + "\n"))
            lines.append([])
        if value:
            lines[-1].append((ttype, value))
    if not lines[-1]:
        lines.pop()
    return lines


def _token_html(line: list[tuple[_TokenType, str]], settings: _Settings, style: _Style) -> str:
    out = []
    for ttype, value in line:
        text = _go_escape(value)
        short = _class(ttype)
        if settings.no_classes:
            css = style.classes.get(short, "") if short else ""
            out.append(f'<span style="{css}">{text}</span>' if css else text)
        else:
            out.append(f'<span class="{short}">{text}</span>' if short else text)
    return "".join(out)


def _is_highlighted(number: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(first <= number <= last for first, last in ranges)


def _line_number(number: int, width: int, settings: _Settings, table: bool) -> str:
    """One line number (inline `ln` or table `lnt`), linked when anchors are on."""
    text = str(number).rjust(width)
    if settings.anchors:
        prefix = settings.anchor_prefix
        anchor = f"{prefix}-{number}" if prefix else str(number)
        link = f' style="{_LINE_LINK}"' if settings.no_classes else ' class="lnlinks"'
        text = f'<a{link} href="#{_go_escape(anchor)}">{text}</a>'
        anchor_attr = f' id="{_go_escape(anchor)}"'
    else:
        anchor_attr = ""
    end = "\n" if table else ""
    if settings.no_classes:
        return f'<span style="{_LINE_NUMBERS}"{anchor_attr}>{text}{end}</span>'
    return f'<span class="{"lnt" if table else "ln"}"{anchor_attr}>{text}{end}</span>'


def _pre_style(settings: _Settings, style: _Style) -> str:
    """The inline style of Chroma's `pre` (and the table's outer `div`)."""
    parts = [style.background] if style.background else []
    if settings.tab_width not in (0, 8):  # Chroma leaves the browser's 8 alone
        width = settings.tab_width
        parts += [f"-moz-tab-size:{width}", f"-o-tab-size:{width}", f"tab-size:{width}"]
    parts.append("-webkit-text-size-adjust:none")
    if settings.hl_lines:
        parts.append("display:grid")
    return ";".join(parts) + ";"


def _code_lines(
    lines: list[list[tuple[_TokenType, str]]], width: int, settings: _Settings, style: _Style
) -> str:
    """The code's lines: a line span (marked when highlighted), inline number, code span."""
    inline = settings.no_classes
    out = []
    for index, line in enumerate(lines):
        marked = _is_highlighted(index + 1, settings.hl_lines)
        if inline:
            extra = f" background-color:{style.highlight}" if marked else ""
            opener = f'<span style="display:flex;{extra}">'
        else:
            opener = '<span class="line hl">' if marked else '<span class="line">'
        number = settings.line_no_start + index
        number_html = (
            _line_number(number, width, settings, False) if settings.line_nos == "inline" else ""
        )
        code_line = "<span>" if inline else '<span class="cl">'
        tokens = _token_html(line, settings, style)
        out.append(f"{opener}{number_html}{code_line}{tokens}</span></span>")
    return "".join(out)


def _number_column(count: int, width: int, settings: _Settings, style: _Style) -> str:
    """The table's line numbers, each highlighted line's number wrapped in a marker."""
    out = []
    for index in range(count):
        number = _line_number(settings.line_no_start + index, width, settings, True)
        if _is_highlighted(index + 1, settings.hl_lines):
            marker = (
                f'<span style="background-color:{style.highlight}">'
                if settings.no_classes
                else '<span class="hl">'
            )
            number = f"{marker}{number}</span>"
        out.append(number)
    return "".join(out)


def _format(
    code: str, lexer: Lexer, lang: str, settings: _Settings, attrs: list[tuple[str, str]]
) -> str:
    """Chroma's HTML for highlighted code: wrapper, `pre`, lines, and the number table."""
    style = _style(settings.style)
    lines = _lines(lexer.get_tokens(code)) if code else []
    if settings.inline_code:
        tokens = "".join(_token_html(line, settings, style) for line in lines)
        return f'<code class="code-inline language-{_go_escape(lang)}">{tokens}</code>'
    width = len(str(settings.line_no_start + max(len(lines), 1) - 1))
    inline = settings.no_classes
    pre_style = _pre_style(settings, style) if inline else ""
    pre = (
        f'<pre tabindex="0" style="{pre_style}">' if inline else '<pre tabindex="0" class="chroma">'
    )
    language = _go_escape(lang)
    code_html = (
        f'{pre}<code class="language-{language}" data-lang="{language}">'
        f"{_code_lines(lines, width, settings, style)}</code></pre>"
    )
    div_attrs = _wrapper_attrs(settings.wrapper_class, attrs)
    if settings.line_nos != "table":
        return f"<div{div_attrs}>{code_html}</div>"
    if inline:
        outer = f'<div style="{pre_style}">'
        table_open = f'<table style="{_TABLE}">'
        td_numbers = f'<td style="{_TABLE_TD}">'
        td_code = f'<td style="{_TABLE_TD};width:100%">'
    else:
        outer, table_open = '<div class="chroma">', '<table class="lntable">'
        td_numbers = td_code = '<td class="lntd">'
    numbers = _number_column(len(lines), width, settings, style)
    return (
        f"<div{div_attrs}>{outer}\n{table_open}<tr>{td_numbers}\n"
        f"{pre}<code>{numbers}</code></pre></td>\n{td_code}\n{code_html}"
        "</td></tr></table>\n</div>\n</div>"
    )


def _wrapper_attrs(wrapper_class: str, attrs: list[tuple[str, str]]) -> str:
    classes = [wrapper_class] + [value for name, value in attrs if name == "class"]
    out = f' class="{_go_escape(" ".join(classes))}"'
    for name, value in attrs:
        if name != "class":
            out += f' {name}="{_go_escape(value)}"'
    return out


def _plain(code: str, lang: str, settings: _Settings) -> str:
    """Hugo's block for code it does not highlight (no language, or one Chroma lacks).

    Fence attributes are dropped here, as Hugo drops them.
    """
    escaped = _go_escape(lang)
    if settings.inline_code:
        language = f" language-{escaped}" if lang else ""
        return f'<code class="code-inline{language}">{_go_escape(code)}</code>'
    if not lang:
        return f'<pre tabindex="0"><code>{_go_escape(code)}</code></pre>'
    return (
        f'<pre tabindex="0"><code class="language-{escaped}" data-lang="{escaped}">'
        f"{_go_escape(code)}</code></pre>"
    )


def _goldmark_plain(code: str, lang: str) -> str:
    """Goldmark's own fenced block, used when `codeFences = false`."""
    escaped = html.escape(code, quote=True).replace("&#x27;", "'")
    language = f' class="language-{html.escape(lang, quote=True)}"' if lang else ""
    return f"<pre><code{language}>{escaped}</code></pre>\n"


_SHEBANG = re.compile(r"\A#!.*/bin/(?:env )?(?:bash|zsh|sh|ksh)\b")


def _guess(code: str) -> str:
    """The language `guessSyntax` finds: Chroma's analysers are its own (they take Go
    for GDScript), so only its sure case, a shell shebang, is copied; else "fallback"."""
    return "bash" if _SHEBANG.match(code) else "fallback"


def highlight_block(
    code: str,
    lang: str,
    config: HighlightConfig,
    options: str = "",
    *,
    fence: bool = True,
    ordinal: int = 0,
) -> str:
    """The HTML Hugo emits for a fenced code block (or the highlight shortcode).

    `lang` is the fence's language ("" for none); `options` the rest of the fence
    info string or the shortcode's options, e.g. `{linenos=table,hl_lines=[2]}`.
    `fence=False` is the highlight shortcode, which `codeFences = false` does not
    switch off; `ordinal` is the block's place among the page's code blocks
    (0-based), which names line anchors (`hl-0-1`) when no `lineanchors` is set.
    Like Hugo, trailing blank lines are dropped and no newline follows the block.
    """
    lang = lang.strip(" \t\r\n")  # not U+00A0: Hugo keeps it in the class
    if fence and not config.code_fences:
        # Goldmark's language is the info string's first word, braces and all.
        info = f"{lang} {options}".split()
        return _goldmark_plain(code, info[0] if info else "")
    if code.endswith("\n"):
        code = code.rstrip("\n") + "\n"
    parsed, attrs = parse_options(options)
    settings = _settings(config, parsed, ordinal if fence else None)
    lexer = _lexer(lang) if lang else None
    if lexer is None and settings.guess_syntax:
        lang = _guess(code)
        lexer = _lexer("bash" if lang == "bash" else "text")
    if lexer is None:
        return _plain(code, lang, settings)
    return _format(code, lexer, lang, settings, attrs)
