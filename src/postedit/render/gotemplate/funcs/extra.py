"""Less common pure Hugo functions real shortcodes use: path, reflect, inflect,
urls.Parse, debug, lang.FormatNumber, crypto hashes and transform.Unmarshal."""

from __future__ import annotations

import hashlib
import hmac as pyhmac
import html
import json
import os
import posixpath
import random
import re
import tomllib
import urllib.parse
from collections.abc import Callable, Mapping
from typing import Any

import yaml

from ..escape import to_json
from ..exec import Function, function_table
from .cast import to_float, to_int, to_string


def go_clean(path: str) -> str:
    """Go's path.Clean."""
    if not path:
        return "."
    cleaned = posixpath.normpath(path)
    if cleaned.startswith("//"):
        cleaned = "/" + cleaned.lstrip("/")
    return cleaned


def path_base(path: Any) -> str:
    text = to_string(path).rstrip("/")
    if not text:
        return "/" if to_string(path) else "."
    return text.rsplit("/", 1)[-1]


def path_dir(path: Any) -> str:
    text = to_string(path)
    return go_clean(text[: text.rfind("/") + 1]) if "/" in text else "."


def path_ext(path: Any) -> str:
    base = to_string(path).rsplit("/", 1)[-1]
    dot = base.rfind(".")
    return base[dot:] if dot >= 0 else ""


def path_base_name(path: Any) -> str:
    base = path_base(path)
    ext = path_ext(base)
    return base[: len(base) - len(ext)] if ext else base


class PathParts:
    """path.Split's result: `.Dir` and `.File`."""

    def __init__(self, directory: str, file: str) -> None:
        self.Dir = directory
        self.File = file


def path_split(path: Any) -> PathParts:
    text = to_string(path)
    index = text.rfind("/") + 1
    return PathParts(text[:index], text[index:])


def path_join(*parts: Any) -> str:
    flat = [to_string(p) for part in parts for p in (part if isinstance(part, list) else [part])]
    joined = "/".join(p for p in flat if p)
    return go_clean(joined) if joined else ""


def is_map(value: Any) -> bool:
    return isinstance(value, Mapping)


def is_slice(value: Any) -> bool:
    return isinstance(value, (list, tuple))


_IRREGULAR = {"person": "people", "man": "men", "child": "children", "mouse": "mice"}


def pluralize(word: Any) -> str:
    text = to_string(word)
    lowered = text.lower()
    if lowered in _IRREGULAR:
        return _IRREGULAR[lowered]
    if re.search(r"(s|x|z|ch|sh)$", lowered):
        return text + "es"
    if re.search(r"[^aeiou]y$", lowered):
        return text[:-1] + "ies"
    return text + "s"


def singularize(word: Any) -> str:
    text = to_string(word)
    lowered = text.lower()
    for single, plural in _IRREGULAR.items():
        if lowered == plural:
            return single
    if lowered.endswith("ies") and len(text) > 3:
        return text[:-3] + "y"
    if re.search(r"(s|x|z|ch|sh)es$", lowered):
        return text[:-2]
    if lowered.endswith("s") and not lowered.endswith("ss"):
        return text[:-1]
    return text


class URL:
    """urls.Parse's result: Go's url.URL fields and methods."""

    def __init__(self, raw: str) -> None:
        parts = urllib.parse.urlsplit(raw)
        self.Scheme = parts.scheme
        self.Host = parts.netloc.rsplit("@", 1)[-1]
        self.Path = urllib.parse.unquote(parts.path)
        self.RawQuery = parts.query
        self.Fragment = parts.fragment
        self._raw = raw

    def Hostname(self) -> str:
        return self.Host.rsplit("@", 1)[-1].split(":", 1)[0]

    def Port(self) -> str:
        host = self.Host.rsplit("@", 1)[-1]
        return host.split(":", 1)[1] if ":" in host else ""

    def Query(self) -> dict[str, list[str]]:
        return urllib.parse.parse_qs(self.RawQuery, keep_blank_values=True)

    def IsAbs(self) -> bool:
        return bool(self.Scheme)

    def String(self) -> str:
        return self._raw

    def __str__(self) -> str:
        return self._raw


def parse_url(raw: Any) -> URL:
    return URL(to_string(raw))


def join_url(base: Any, *parts: Any) -> str:
    text = to_string(base).rstrip("/")
    for part in parts:
        text += "/" + to_string(part).strip("/")
    return text


def dump(value: Any) -> str:
    return json.dumps(json.loads(to_json(value)), indent=2)


def getenv(name: Any) -> str:
    key = to_string(name)
    if not (key.startswith("HUGO_") or key == "CI"):
        raise PermissionError(
            f'access denied: "{key}" is not whitelisted in policy "security.funcs.getenv"'
        )
    return os.environ.get(key, "")


def format_number(precision: Any, number: Any) -> str:
    return f"{to_float(number):,.{to_int(precision)}f}"


def format_percent(precision: Any, number: Any) -> str:
    return f"{to_float(number):,.{to_int(precision)}f}%"


def format_number_custom(precision: Any, number: Any, *options: Any) -> str:
    spec = to_string(options[0]) if options else "- . ,"
    parts = [*spec.split(" "), "", "", ""]
    minus, decimal, group = parts[0] or "-", parts[1] or ".", parts[2]
    value = to_float(number)
    text = f"{abs(value):,.{to_int(precision)}f}"
    text = text.replace(",", "\0").replace(".", decimal).replace("\0", group)
    return (minus if value < 0 else "") + text


def fnv32a(text: Any) -> int:
    value = 0x811C9DC5
    for byte in to_string(text).encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value


def hmac(method: Any, key: Any, message: Any, *encoding: Any) -> str:
    digest = pyhmac.new(
        to_string(key).encode("utf-8"), to_string(message).encode("utf-8"), to_string(method)
    ).digest()
    if encoding and to_string(encoding[0]) == "binary":
        return digest.decode("latin-1")
    return digest.hex()


def unmarshal(*args: Any) -> Any:
    """transform.Unmarshal of a JSON, TOML or YAML string (or a resource's .Content)."""
    source = args[-1]
    content = getattr(source, "Content", source)
    text = to_string(content() if callable(content) else content).strip()
    if not text:
        return {}
    if text[0] in "{[":
        return json.loads(text)
    first_line = text.splitlines()[0]
    if re.match(r"^\s*(\[[^\]]+\]|[\w\"'.-]+\s*=)", first_line):
        return tomllib.loads(text)
    return yaml.safe_load(text)


def remarshal(target: Any, data: Any) -> str:
    value = unmarshal(data) if isinstance(data, str) else data
    kind = to_string(target).lower()
    if kind == "json":
        return json.dumps(value, indent=2, sort_keys=True, default=str) + "\n"
    if kind in ("yaml", "yml"):
        return yaml.safe_dump(value, sort_keys=True, allow_unicode=True)
    if kind == "toml":
        import tomlkit

        return tomlkit.dumps(value)
    raise ValueError(f"unknown format: {kind}")


def xml_escape(text: Any) -> str:
    return html.escape(to_string(text), quote=True).replace("&#x27;", "&#39;")


def can_highlight(lang: Any) -> bool:
    from pygments.lexers import get_lexer_by_name  # type: ignore[import-untyped,unused-ignore]
    from pygments.util import ClassNotFound  # type: ignore[import-untyped,unused-ignore]

    try:
        get_lexer_by_name(to_string(lang))
    except ClassNotFound:
        return False
    return True


def rand() -> float:
    return random.random()


def _hash(name: str) -> Callable[[Any], str]:
    return lambda value: hashlib.new(name, to_string(value).encode("utf-8")).hexdigest()


def _no_image_processing(name: str) -> Callable[..., Any]:
    def refuse(*args: Any) -> Any:
        raise ValueError(
            f"the preview does not process images: Hugo would run images.{name} when it builds"
        )

    return refuse


_IMAGE_FUNCTIONS = [
    "AutoOrient",
    "Brightness",
    "ColorBalance",
    "Colorize",
    "Config",
    "Contrast",
    "Dither",
    "Filter",
    "Gamma",
    "GaussianBlur",
    "Grayscale",
    "Hue",
    "Invert",
    "Mask",
    "Opacity",
    "Overlay",
    "Padding",
    "Pixelate",
    "Process",
    "Saturation",
    "Sepia",
    "Sigmoid",
    "Text",
    "UnsharpMask",
]

_PATHS: dict[str, Callable[..., Any]] = {
    "Base": path_base,
    "BaseName": path_base_name,
    "Clean": lambda p: go_clean(to_string(p)),
    "Dir": path_dir,
    "Ext": path_ext,
    "Join": path_join,
    "Split": path_split,
}
FUNCTIONS = function_table(
    {
        "pluralize": pluralize,
        "singularize": singularize,
        "unmarshal": unmarshal,
        "getenv": getenv,
        "hmac": hmac,
        "xmlEscape": xml_escape,
    }
)
NAMESPACES: dict[str, dict[str, Function]] = {
    "path": function_table(_PATHS),
    "reflect": function_table({"IsMap": is_map, "IsSlice": is_slice}),
    "inflect": function_table({"Pluralize": pluralize, "Singularize": singularize}),
    "urls": function_table({"Parse": parse_url, "JoinPath": join_url}),
    "debug": function_table({"Dump": dump}),
    "os": function_table({"Getenv": getenv}),
    "lang": function_table(
        {
            "FormatNumber": format_number,
            "FormatPercent": format_percent,
            "FormatNumberCustom": format_number_custom,
            "FormatAccounting": format_number,
            "FormatCurrency": lambda precision, currency, number: (
                to_string(currency) + format_number(precision, number)
            ),
        }
    ),
    "crypto": function_table({"HMAC": hmac, "SHA512": _hash("sha512")}),
    "transform": function_table(
        {
            "Unmarshal": unmarshal,
            "Remarshal": remarshal,
            "XMLEscape": xml_escape,
            "CanHighlight": can_highlight,
        }
    ),
    "math": function_table({"Rand": rand}),
    "images": function_table({name: _no_image_processing(name) for name in _IMAGE_FUNCTIONS}),
    "hash": function_table({"FNV32a": fnv32a}),
}
