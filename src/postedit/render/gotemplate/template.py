"""Parsed templates and named sets of them: the entry points callers use.

Parsing is cached by text, so a shortcode template used a hundred times in a post is
parsed once; a `TemplateSet` finds `template`/`partial` targets through the caller's
loader and parses each once.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from . import limits
from .context import TEXT
from .errors import TemplateError
from .escape import HTMLWriter
from .exec import Executor, ReturnValue, Runtime, TextWriter
from .funcs import FUNCS
from .host import DefaultHost, TemplateHost
from .parser import Parsed, parse_tree
from .values import SafeHTML

Loader = Callable[[str], str | None]


class Template:
    """A parsed template, ready to execute any number of times (also concurrently)."""

    def __init__(self, parsed: Parsed) -> None:
        self._parsed = parsed

    @property
    def name(self) -> str:
        return self._parsed.name

    @property
    def defines(self) -> frozenset[str]:
        """Names of the templates this one defines with `define` or `block`."""
        return frozenset(self._parsed.defines)

    def execute(
        self,
        data: Any,
        host: TemplateHost | None = None,
        *,
        html: bool = True,
        templates: TemplateSet | None = None,
    ) -> str:
        """Run with dot = `data`; `html` applies html/template's contextual escaping.

        `templates` is where `{{ template "x" }}` looks after this template's own
        `define`s. Raises TemplateError (also for a `return` outside a partial).
        """
        try:
            with limits.budget(reuse=True):
                return _run(self._parsed, data, host, html, templates)
        except ReturnValue:
            raise TemplateError(
                "return is only allowed in partials", name=self._parsed.name
            ) from None

    def __repr__(self) -> str:
        return f"<Template {self._parsed.name!r}>"


def _run(
    parsed: Parsed,
    data: Any,
    host: TemplateHost | None,
    html: bool,
    templates: TemplateSet | None,
) -> str:
    writer: HTMLWriter | TextWriter = HTMLWriter() if html else TextWriter()

    def lookup(name: str) -> Parsed | None:
        if name in parsed.defines:
            return parsed
        return templates.lookup(name) if templates is not None else None

    budget = limits.active()
    runtime = Runtime(
        host=host if host is not None else DefaultHost(templates=templates),
        html=html,
        lookup=lookup,
        root=data,
        budget=budget,
    )
    with budget.nested():
        Executor(parsed, writer, runtime, FUNCS).run(data)
    if isinstance(writer, HTMLWriter) and writer.context.state != TEXT:
        # html/template refuses a template whose text leaves a tag or attribute open.
        raise TemplateError(
            f'html/template:{parsed.name}: "{parsed.name}" ends in a non-text context'
        )
    return writer.result()


@lru_cache(maxsize=1024)
def _parse_cached(text: str, name: str) -> Template:
    try:
        return Template(parse_tree(text, name, FUNCS))
    except RecursionError:
        raise TemplateError("the template nests its actions too deeply", name=name) from None


def parse(text: str, name: str = "") -> Template:
    """Parse `text` (cached by text and name); raises TemplateError like Go's parser."""
    return _parse_cached(text, name)


class TemplateSet:
    """Templates found by name through `loader` (name -> text, or None when absent).

    Serves `{{ template "name" }}`, templates `define`d in any template it loaded,
    and `partial` (a name with or without `.html`).
    """

    def __init__(self, loader: Loader) -> None:
        self._loader = loader
        self._templates: dict[str, Template | None] = {}
        self._defined: dict[str, Parsed] = {}

    def get(self, name: str) -> Template:
        """The template `name`; TemplateError when the loader has no such template."""
        template = self._load(name)
        if template is None:
            raise TemplateError(f'no such template "{name}"')
        return template

    def _load(self, name: str) -> Template | None:
        if name not in self._templates:
            text = self._loader(name)
            template = parse(text, name) if text is not None else None
            self._templates[name] = template
            if template is not None:
                for define in template._parsed.defines:
                    self._defined.setdefault(define, template._parsed)
        return self._templates[name]

    def lookup(self, name: str) -> Parsed | None:
        """The parse tree that holds template `name` (its own file or a `define`)."""
        if name in self._defined:
            return self._defined[name]
        template = self._load(name)
        return template._parsed if template is not None else None

    def execute(
        self, name: str, data: Any, host: TemplateHost | None = None, *, html: bool = True
    ) -> str:
        """Run template `name` with dot = `data`."""
        return self.get(name).execute(data, host, html=html, templates=self)

    def partial(self, name: str, context: Any, host: TemplateHost | None = None) -> Any:
        """Hugo's `partial`: the output as trusted HTML, or the value it `return`s."""
        for prefix in ("partials/", "_partials/"):
            name = name.removeprefix(prefix)
        candidates = [name] if "." in name.rsplit("/", 1)[-1] else [name, name + ".html"]
        for candidate in candidates:
            template = self._load(candidate)
            if template is not None:
                try:
                    with limits.budget(reuse=True):
                        return SafeHTML(_run(template._parsed, context, host, True, self))
                except ReturnValue as returned:
                    return returned.value
        raise TemplateError(f'partial "{name}" not found')
