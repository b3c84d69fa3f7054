"""Strings that html/template trusts in one context: Go's `template.HTML` and friends.

Each is a `str`, so functions that take strings accept them; the escaper recognises
the type and leaves a value alone only in the context its type vouches for (an
`SafeHTML` is not trusted inside a URL attribute, say), as html/template does.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class SafeHTML(str):
    """A fragment of HTML the author trusts (`safeHTML`); Go's `template.HTML`."""

    __slots__ = ()


class SafeHTMLAttr(str):
    """A whole `name="value"` attribute (`safeHTMLAttr`); Go's `template.HTMLAttr`."""

    __slots__ = ()


class SafeURL(str):
    """A URL whose scheme is trusted (`safeURL`); Go's `template.URL`."""

    __slots__ = ()


class SafeCSS(str):
    """A CSS declaration or value (`safeCSS`); Go's `template.CSS`."""

    __slots__ = ()


class SafeJS(str):
    """A JavaScript expression (`safeJS`); Go's `template.JS`."""

    __slots__ = ()


class SafeJSStr(str):
    """Text to put inside a JavaScript string literal; Go's `template.JSStr`."""

    __slots__ = ()


SAFE_TYPES = (SafeHTML, SafeHTMLAttr, SafeURL, SafeCSS, SafeJS, SafeJSStr)


class Missing:
    """The value of a map key that is not there: Go's invalid `reflect.Value`.

    text/template prints it as ``<no value>`` (html/template as nothing); it is falsy
    and becomes nil when passed to a function.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return "<no value>"

    def __bool__(self) -> bool:
        return False


MISSING = Missing()


class Params(dict[str, Any]):
    """Hugo's `maps.Params`: keys stored lowercased and looked up case-insensitively.

    Hugo lowercases front-matter and site params keys, and its templates find
    `.Params.FeaturedImage` under `featuredimage`; wrap such maps in this so the
    interpreter does the same. Nested maps are wrapped too. `in` stays exact because
    Hugo's `isset` is: `isset .Params "Color"` is false.
    """

    def __init__(self, source: Mapping[str, Any] | None = None) -> None:
        super().__init__()
        for key, value in (source or {}).items():
            self[key] = value

    def __setitem__(self, key: str, value: Any) -> None:
        if isinstance(value, Mapping) and not isinstance(value, Params):
            value = Params(value)
        super().__setitem__(key.lower() if isinstance(key, str) else key, value)

    def __getitem__(self, key: str) -> Any:
        return super().__getitem__(key.lower() if isinstance(key, str) else key)

    def get(self, key: str, default: Any = None) -> Any:
        return super().get(key.lower() if isinstance(key, str) else key, default)
