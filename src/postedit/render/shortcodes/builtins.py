"""Hugo's built-in shortcodes, written in Python to produce the HTML Hugo 0.168 emits.

figure, details, highlight, param, ref, relref, qr and comment render exactly as
Hugo's. The embeds (youtube, vimeo, x/twitter, instagram, gist) become offline cards
that show what will be embedded, since a preview must not call the network; with
`allow_remote` they render the embed markup instead (YouTube and Vimeo exactly as
Hugo's; X and Instagram as their standard embed snippet, which Hugo builds from
remote data or a long inline placeholder).
"""

from __future__ import annotations

import base64
import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlencode, urlsplit

from postedit.render.gotemplate.values import MISSING, SafeHTML
from postedit.render.shortcodes import escape
from postedit.render.shortcodes.context import ShortcodeContext
from postedit.render.shortcodes.problems import ShortcodeProblem


class BuiltinEnv(Protocol):
    """What the built-ins need from the renderer around them."""

    allow_remote: bool
    site_config: Mapping[str, Any]

    def markdownify(self, text: str) -> str: ...
    def render_block(self, text: str) -> str: ...
    def highlight(self, code: str, lang: str, options: str) -> str: ...
    def ref_url(self, target: str, *, absolute: bool) -> str: ...
    def resource_url(self, path: str) -> str | None: ...


Render = Callable[[ShortcodeContext, BuiltinEnv], str]


@dataclass(frozen=True)
class Builtin:
    render: Render
    takes_inner: bool
    listed: bool = True  # offered in the editor's insert menu
    params: tuple[str, ...] = ()  # the named parameters the menu's snippet offers


def _get(ctx: ShortcodeContext, key: str | int) -> Any:
    """A parameter, None when absent or empty (Go's nil and "" are both "not given")."""
    value = ctx.Get(key)
    return None if value is MISSING or value == "" else value


def _truthy_flag(value: Any) -> bool | None:
    """Hugo's `in (slice "true" true 1)` / `in (slice "false" false 0)` checks."""
    if value in ("true", True, 1) and value is not False:
        return True
    if value in ("false", False, 0):
        return False
    return None


def _plainify(html_text: str) -> str:
    return re.sub(r"<[^>]*>", "", html_text)


def render_figure(ctx: ShortcodeContext, env: BuiltinEnv) -> str:
    link, caption, attr, title = (_get(ctx, key) for key in ("link", "caption", "attr", "title"))
    out = ["<figure"]
    if (css := _get(ctx, "class")) is not None:
        out.append(f' class="{escape.attr(css)}"')
    out.append(">")
    if link:
        out.append(f'<a href="{escape.url(link)}"')
        if (target := _get(ctx, "target")) is not None:
            out.append(f' target="{escape.attr(target)}"')
        if (rel := _get(ctx, "rel")) is not None:
            out.append(f' rel="{escape.attr(rel)}"')
        out.append(">")
    src = escape.go_string(ctx.Get("src") or "")
    if not urlsplit(src).scheme:
        src = env.resource_url(urlsplit(src).path) or src
    out.append(f'<img src="{escape.url(src)}"')
    if _get(ctx, "alt") or caption:
        alt = _get(ctx, "alt")
        alt_text: str = (
            escape.go_string(alt)
            if alt
            else SafeHTML(_plainify(env.markdownify(escape.go_string(caption))))
        )
        out.append(f'\n\t\t\talt="{escape.attr(alt_text)}"')
    for key in ("width", "height", "loading"):
        if (value := _get(ctx, key)) is not None:
            out.append(f' {key}="{escape.attr(value)}"')
    out.append(">")
    if link:
        out.append("</a>")
    if title or caption or attr:
        out.append("<figcaption>\n\t\t\t")
        if title:
            out.append(f"<h4>{escape.text(title)}</h4>")
        if caption or attr:
            out.append("<p>")
            out.append(env.markdownify(escape.go_string(caption or "")))
            attrlink = _get(ctx, "attrlink")
            if attrlink:
                out.append(f'\n\t\t\t\t\t\t<a href="{escape.url(attrlink)}">')
            out.append(env.markdownify(escape.go_string(attr or "")))
            if attrlink:
                out.append("</a>")
            out.append("</p>")
        out.append("\n\t\t</figcaption>")
    out.append("\n</figure>\n")
    return "".join(out)


def render_details(ctx: ShortcodeContext, env: BuiltinEnv) -> str:
    summary = _get(ctx, "summary") or "Details"
    out = ["\n<details"]
    for key in ("class", "name"):
        if (value := _get(ctx, key)) is not None:
            out.append(f' {key}="{escape.attr(value)}"')
    if _truthy_flag(ctx.Get("open")):
        out.append(" open")
    if (value := _get(ctx, "title")) is not None:
        out.append(f' title="{escape.attr(value)}"')
    out.append(">\n\t<summary>")
    out.append(env.markdownify(escape.go_string(summary)))
    out.append("</summary>\n\t")
    out.append(env.render_block(str(ctx.Inner)).rstrip(" \t\r\n"))
    out.append("\n</details>\n")
    return "".join(out)


def render_highlight(ctx: ShortcodeContext, env: BuiltinEnv) -> str:
    code = str(ctx.InnerDeindent).strip("\n\r")
    lang = escape.go_string(ctx.Get(0) or "")
    options = escape.go_string(ctx.Get(1) or "") if isinstance(ctx.Params, list) else ""
    return env.highlight(code, lang, options)


def render_param(ctx: ShortcodeContext, env: BuiltinEnv) -> str:
    name = ctx.Get(0)
    if not name:
        raise ShortcodeProblem("missing param key")
    value = ctx.Page.Param(name)
    if value is None or value == "" or value is False:
        raise ShortcodeProblem(f'param "{escape.go_string(name)}" not found')
    return escape.text(value)


def _ref_target(ctx: ShortcodeContext) -> str:
    target = ctx.Get(0) if isinstance(ctx.Params, list) else ctx.Get("path")
    if not target:
        raise ShortcodeProblem("needs the path of a page")
    return escape.go_string(target)


def render_ref(ctx: ShortcodeContext, env: BuiltinEnv) -> str:
    return escape.text(env.ref_url(_ref_target(ctx), absolute=True))


def render_relref(ctx: ShortcodeContext, env: BuiltinEnv) -> str:
    return escape.text(env.ref_url(_ref_target(ctx), absolute=False))


_QR_LEVELS = {"low": "l", "medium": "m", "quartile": "q", "high": "h"}


def render_qr(ctx: ShortcodeContext, env: BuiltinEnv) -> str:
    """A data: URI PNG; Hugo writes a file instead, with the same size and attributes."""
    import segno

    text = escape.go_string(_get(ctx, "text") or str(ctx.Inner).strip())
    level = escape.go_string(_get(ctx, "level") or "medium")
    scale = _get(ctx, "scale") or 4
    if not text:
        raise ShortcodeProblem('needs a "text" argument')
    if level not in _QR_LEVELS:
        raise ShortcodeProblem('"level" must be one of low, medium, quartile, or high')
    if not isinstance(scale, int) or isinstance(scale, bool) or scale < 2:
        raise ShortcodeProblem('"scale" must be an integer greater than or equal to 2')
    code = segno.make_qr(text, error=_QR_LEVELS[level], boost_error=False)
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=scale, border=4)
    width, height = code.symbol_size(scale=scale, border=4)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    out = [f'<img src="data:image/png;base64,{data}" width="{width}" height="{height}"']
    for key in ("alt", "class", "id", "title", "loading"):
        if (value := _get(ctx, key)) is not None:
            out.append(f' {key}="{escape.attr(value)}"')
    out.append(">")
    return "".join(out)


def render_comment(ctx: ShortcodeContext, env: BuiltinEnv) -> str:
    return ""


# --- embeds ---------------------------------------------------------------------------


def card(kind: str, label: str, url: str, details: str = "") -> str:
    """The offline stand-in for an embed: what it is, where it points, no network."""
    extra = f'<span class="postedit-embed-details">{escape.text(details)}</span>' if details else ""
    return (
        f'<div class="postedit-embed postedit-embed-{kind}" data-embed="{kind}">'
        f'<span class="postedit-embed-kind">{escape.text(label)}</span>'
        f'<a class="postedit-embed-link" href="{escape.url(url)}">{escape.text(url)}</a>'
        f"{extra}</div>"
    )


def _id(ctx: ShortcodeContext, name: str) -> str:
    value = ctx.Get("id") if isinstance(ctx.Params, dict) else ctx.Get(0)
    if not value:
        raise ShortcodeProblem(f'the "{name}" shortcode requires an id argument')
    return escape.go_string(value)


def _privacy(env: BuiltinEnv, service: str) -> Mapping[str, Any]:
    privacy = env.site_config.get("privacy")
    settings = privacy.get(service) if isinstance(privacy, Mapping) else None
    return settings if isinstance(settings, Mapping) else {}


def render_youtube(ctx: ShortcodeContext, env: BuiltinEnv) -> str:
    privacy = _privacy(env, "youtube")
    if privacy.get("disable") is True:
        return ""
    video = _id(ctx, "youtube")
    title = escape.go_string(_get(ctx, "title") or "YouTube video")
    if not env.allow_remote:
        return card("youtube", "YouTube", f"https://www.youtube.com/watch?v={video}", title)
    flags = {}
    for key, default in (("autoplay", 0), ("controls", 1), ("loop", 0), ("mute", 0)):
        flag = _truthy_flag(ctx.Get(key))
        flags[key] = default if flag is None else int(flag)
    if flags["autoplay"]:
        flags["mute"] = 1
    full_screen = _truthy_flag(ctx.Get("allowFullScreen"))
    allow = (
        "accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; "
        "picture-in-picture; web-share"
    )
    if full_screen is not False:
        allow += "; fullscreen"
    query: dict[str, Any] = {
        "autoplay": flags["autoplay"],
        "controls": flags["controls"],
        "end": _get(ctx, "end") or 0,
        "loop": flags["loop"],
        "mute": flags["mute"],
        "start": _get(ctx, "start") or 0,
    }
    if flags["loop"]:
        query["playlist"] = video
    host = (
        "www.youtube-nocookie.com" if privacy.get("privacyenhanced") is True else "www.youtube.com"
    )
    src = f"https://{host}/embed/{video}?" + urlencode(
        sorted((k, escape.go_string(v)) for k, v in query.items())
    )
    css = _get(ctx, "class")
    loading = _get(ctx, "loading") or "eager"
    div = (
        f' class="{escape.attr(css)}"'
        if css
        else (' style="position: relative; padding-bottom: 56.25%; height: 0; overflow: hidden;"')
    )
    iframe_style = (
        ""
        if css
        else (' style="position: absolute; top: 0; left: 0; width: 100%; height: 100%; border:0;"')
    )
    return (
        f'<div{div}>\n\t\t\t<iframe allow="{allow}" loading="{escape.attr(loading)}" '
        f'referrerpolicy="strict-origin-when-cross-origin" src="{escape.url(src)}"'
        f'{iframe_style} title="{escape.attr(title)}"></iframe>\n\t\t</div>\n'
    )


def render_vimeo(ctx: ShortcodeContext, env: BuiltinEnv) -> str:
    privacy = _privacy(env, "vimeo")
    if privacy.get("disable") is True:
        return ""
    video = _id(ctx, "vimeo")
    title = escape.go_string(_get(ctx, "title") or "")
    if not env.allow_remote:
        return card("vimeo", "Vimeo", f"https://vimeo.com/{video}", title)
    dnt = 1 if privacy.get("enablednt") is True else 0
    src = f"https://player.vimeo.com/video/{video}?dnt={dnt}"
    css = _get(ctx, "class")
    if css:
        opening = f'class="{escape.attr(css)}"'
        style = ""
    else:
        opening = 'style="position: relative; padding-bottom: 56.25%; height: 0; overflow: hidden;"'
        style = (
            '\n\t\t\t\t\t\tstyle="position: absolute; top: 0; left: 0; width: 100%; '
            'height: 100%; border:0;"'
        )
    title_attr = f' title="{escape.attr(title)}"' if title else ""
    return (
        f"\n\t\t\t<div\n\t\t\t\t\t{opening}>\n\t\t\t\t<iframe\n\t\t\t\t\t"
        f'src="{escape.url(src)}"{style} allow="fullscreen"{title_attr}>'
        "\n\t\t\t\t</iframe>\n\t\t\t</div>\n"
    )


def render_x(ctx: ShortcodeContext, env: BuiltinEnv) -> str:
    user, post = ctx.Get("user"), ctx.Get("id")
    if isinstance(ctx.Params, list):
        user, post = ctx.Get(0), ctx.Get(1)
    if not user or not post:
        raise ShortcodeProblem('needs "user" and "id" arguments')
    url = f"https://x.com/{escape.go_string(user)}/status/{escape.go_string(post)}"
    if not env.allow_remote:
        return card("x", "X post", url, f"@{escape.go_string(user)}")
    return (
        f'<blockquote class="twitter-tweet"><a href="{escape.url(url)}">{escape.text(url)}</a>'
        "</blockquote>\n"
        '<script async src="https://platform.x.com/widgets.js" charset="utf-8"></script>\n'
    )


def render_instagram(ctx: ShortcodeContext, env: BuiltinEnv) -> str:
    post = _id(ctx, "instagram")
    url = f"https://www.instagram.com/p/{post}"
    if not env.allow_remote:
        return card("instagram", "Instagram post", url)
    return (
        f'<blockquote class="instagram-media" data-instgrm-captioned '
        f'data-instgrm-permalink="{escape.url(url)}" data-instgrm-version="14">'
        f'<a href="{escape.url(url)}" target="_blank">View this post on Instagram</a>'
        '</blockquote><script async src="https://www.instagram.com/embed.js"></script>\n'
    )


def render_gist(ctx: ShortcodeContext, env: BuiltinEnv) -> str:
    user, gist = ctx.Get(0), ctx.Get(1)
    if not user or not gist:
        raise ShortcodeProblem("needs a user and a gist id")
    url = f"https://gist.github.com/{escape.go_string(user)}/{escape.go_string(gist)}"
    file = escape.go_string(ctx.Get(2) or "")
    if not env.allow_remote:
        return card("gist", "GitHub gist", url, file)
    suffix = f"?file={file}" if file else ""
    return f'<script src="{escape.url(url + ".js" + suffix)}"></script>\n'


BUILTINS: dict[str, Builtin] = {
    "comment": Builtin(render_comment, takes_inner=True),
    "details": Builtin(render_details, takes_inner=True, params=("summary",)),
    "figure": Builtin(render_figure, takes_inner=False, params=("src", "alt", "caption")),
    "gist": Builtin(render_gist, takes_inner=False, listed=False),
    "highlight": Builtin(render_highlight, takes_inner=True),
    "instagram": Builtin(render_instagram, takes_inner=False, params=("id",)),
    "param": Builtin(render_param, takes_inner=False),
    "qr": Builtin(render_qr, takes_inner=True, params=("text",)),
    "ref": Builtin(render_ref, takes_inner=False),
    "relref": Builtin(render_relref, takes_inner=False),
    "tweet": Builtin(render_x, takes_inner=False, listed=False),
    "twitter": Builtin(render_x, takes_inner=False, listed=False),
    "twitter_simple": Builtin(render_x, takes_inner=False, listed=False),
    "vimeo": Builtin(render_vimeo, takes_inner=False, params=("id",)),
    "vimeo_simple": Builtin(render_vimeo, takes_inner=False, listed=False),
    "x": Builtin(render_x, takes_inner=False, params=("user", "id")),
    "x_simple": Builtin(render_x, takes_inner=False, listed=False),
    "youtube": Builtin(render_youtube, takes_inner=False, params=("id",)),
}

# Removed from Hugo: a site using them fails to build with Hugo 0.168.
REMOVED = {
    "gist": "removed from Hugo in v0.156.0 (the preview shows it anyway)",
    "twitter": "removed from Hugo; use the x shortcode",
    "tweet": "removed from Hugo; use the x shortcode",
    "twitter_simple": "removed from Hugo; use the x_simple shortcode",
}
