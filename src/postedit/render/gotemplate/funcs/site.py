"""Functions that need the caller's site (host) or the running template."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..errors import TemplateError
from ..exec import ReturnValue, Runtime
from ..gofmt import sprintf
from ..values import SafeHTML
from .cast import to_string


def markdownify(runtime: Runtime, text: Any) -> SafeHTML:
    return SafeHTML(runtime.host.markdownify(to_string(text)))


def rel_url(runtime: Runtime, url: Any) -> str:
    return runtime.host.rel_url(to_string(url))


def abs_url(runtime: Runtime, url: Any) -> str:
    return runtime.host.abs_url(to_string(url))


def partial(runtime: Runtime, name: Any, *context: Any) -> Any:
    result = runtime.host.partial(to_string(name), context[0] if context else None)
    if isinstance(result, str) and type(result) is str:
        return SafeHTML(result)
    return result


def partial_cached(runtime: Runtime, name: Any, *args: Any) -> Any:
    key = ("partialCached", to_string(name), *(to_string(a) for a in args[1:]))
    if key not in runtime.scratch:
        runtime.scratch[key] = partial(runtime, name, *args[:1])
    return runtime.scratch[key]


def read_file(runtime: Runtime, path: Any) -> str:
    return runtime.host.read_file(to_string(path))


def i18n(runtime: Runtime, key: Any, *count: Any) -> str:
    return runtime.host.i18n(to_string(key), count[0] if count else None)


def ref(runtime: Runtime, page: Any, target: Any) -> str:
    if isinstance(target, dict):
        target = target.get("path", "")
    return runtime.host.ref(page, to_string(target))


def relref(runtime: Runtime, page: Any, target: Any) -> str:
    if isinstance(target, dict):
        target = target.get("path", "")
    return runtime.host.relref(page, to_string(target))


def errorf(runtime: Runtime, fmt: Any, *args: Any) -> str:
    raise ValueError(sprintf(to_string(fmt), *args))


def warnf(runtime: Runtime, fmt: Any, *args: Any) -> str:
    return ""


def return_(runtime: Runtime, *value: Any) -> str:
    raise ReturnValue(value[0] if value else None)


class HugoInfo:
    """`hugo`: what the running Hugo says about itself."""

    Version = "0.168.0"
    Environment = "development"
    IsProduction = False
    IsServer = True
    IsDevelopment = True
    IsExtended = True
    GoVersion = "go1.25"

    def Generator(self) -> SafeHTML:
        return SafeHTML(f'<meta name="generator" content="Hugo {self.Version}">')


def hugo(runtime: Runtime) -> HugoInfo:
    return HugoInfo()


def file_exists(runtime: Runtime, path: Any) -> bool:
    return runtime.host.file_exists(to_string(path))


def site_function(runtime: Runtime) -> Any:
    """`site`: the host's site object, else the `.Site` of the data the template got."""
    provider = getattr(runtime.host, "site_context", None)
    found = provider() if callable(provider) else None
    if found is not None:
        return found
    root = runtime.root
    for path in (("Site",), ("Page", "Site")):
        value = root
        for name in path:
            value = value.get(name) if isinstance(value, Mapping) else getattr(value, name, None)
            if callable(value):
                value = value()
        if value is not None:
            return value
    raise ValueError("no site is available to this template")


def highlight(runtime: Runtime, code: Any, lang: Any = "", options: Any = "") -> SafeHTML:
    """`highlight`: the host's highlighter (the site's settings), else Hugo's defaults."""
    text, language = to_string(code), to_string(lang)
    opts = options if isinstance(options, str) else _options_text(options)
    host_highlight = getattr(runtime.host, "highlight", None)
    if callable(host_highlight):
        return SafeHTML(host_highlight(text, language, opts))
    from ...highlight import HighlightConfig, highlight_block

    return SafeHTML(highlight_block(text, language, HighlightConfig(), opts, fence=False))


def _options_text(options: Any) -> str:
    if isinstance(options, dict):
        return ",".join(f"{k}={to_string(v)}" for k, v in options.items())
    return to_string(options)


def resource_get(runtime: Runtime, path: Any, *rest: Any) -> Any:
    """`resources.Get`: the host's resource, or nil as Hugo gives for a missing one."""
    getter = getattr(runtime.host, "resource", None)
    return getter(to_string(path)) if callable(getter) else None


def resource_passthrough(runtime: Runtime, *args: Any) -> Any:
    """minify, fingerprint, toCSS ...: the resource itself in the preview."""
    return args[-1] if args else None


def template_exists(runtime: Runtime, name: Any) -> bool:
    text = to_string(name)
    candidates = [text]
    for prefix in ("partials/", "_partials/"):
        if text.startswith(prefix):
            candidates.append(text[len(prefix) :])
    for candidate in candidates:
        try:
            if runtime.lookup(candidate) is not None:
                return True
        except TemplateError:
            continue
    return False


def apply(runtime: Runtime, collection: Any, name: Any, *args: Any) -> list[Any]:
    """`apply SEQ "fn" "." ...`: the function called for each element (at ".")."""
    from . import FUNCS

    function = FUNCS.get(to_string(name))
    if function is None or name in ("apply", "and", "or"):
        raise ValueError(f"can't find function {to_string(name)}")
    results = []
    for item in collection or []:
        call_args = [item if arg == "." else arg for arg in args]
        results.append(
            function.call(runtime, *call_args) if function.runtime else function.call(*call_args)
        )
    return results


RUNTIME_FUNCTIONS: dict[str, Callable[..., Any]] = {
    "markdownify": markdownify,
    "relURL": rel_url,
    "absURL": abs_url,
    "relLangURL": rel_url,
    "absLangURL": abs_url,
    "partial": partial,
    "partialCached": partial_cached,
    "readFile": read_file,
    "fileExists": file_exists,
    "i18n": i18n,
    "T": i18n,
    "ref": ref,
    "relref": relref,
    "errorf": errorf,
    "erroridf": lambda runtime, _id, fmt, *args: errorf(runtime, fmt, *args),
    "warnf": warnf,
    "warnidf": warnf,
    "return": return_,
    "hugo": hugo,
    "site": site_function,
    "highlight": highlight,
    "apply": apply,
    "minify": resource_passthrough,
    "fingerprint": resource_passthrough,
    "toCSS": resource_passthrough,
    "postCSS": resource_passthrough,
}
RUNTIME_NAMESPACES: dict[str, dict[str, Callable[..., Any]]] = {
    "transform": {"Markdownify": markdownify, "Highlight": highlight},
    "resources": {
        "Get": resource_get,
        "GetMatch": resource_get,
        "GetRemote": lambda runtime, *args: None,
        "Minify": resource_passthrough,
        "Fingerprint": resource_passthrough,
        "ToCSS": resource_passthrough,
        "PostCSS": resource_passthrough,
        "Babel": resource_passthrough,
    },
    "templates": {"Exists": template_exists},
    "collections": {"Apply": apply},
    "urls": {
        "RelURL": rel_url,
        "AbsURL": abs_url,
        "RelLangURL": rel_url,
        "AbsLangURL": abs_url,
        "Ref": ref,
        "RelRef": relref,
    },
    "partials": {"Include": partial, "IncludeCached": partial_cached},
    "os": {"ReadFile": read_file, "FileExists": file_exists},
    "lang": {"Translate": i18n},
    "fmt": {"Errorf": errorf, "Warnf": warnf, "Erroridf": RUNTIME_FUNCTIONS["erroridf"]},
}
