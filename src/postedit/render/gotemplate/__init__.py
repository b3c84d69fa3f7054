"""Go's template language for Hugo shortcode and partial templates.

`parse(text, name)` gives a `Template` (parse cached by text); `Template.execute(data,
host, html=True)` runs it with html/template's contextual escaping. A `TemplateSet`
resolves `template` and `partial` names through a loader. The host (`TemplateHost`)
does what needs the site: Markdown, URLs, files, translations, partials.

Data is plain Python: dicts are Go maps (wrap Hugo's params in `Params` for its
case-insensitive keys), lists are slices, datetimes are `time.Time` (`Time` adds Go's
methods), and attributes named like Go's fields and methods (`.Get`, `.Page.Title`)
are looked up and, when callable, called with the template's arguments. Values
wrapped in `SafeHTML` and friends are trusted in their own escaping context.

Site templates are not trusted to be cheap: `limits` gives every run a deadline
(`with limits.budget(): ...` shares one across many runs), bounds nesting and the
size of values, and refuses regexes Python would backtrack on for ever.
"""

from __future__ import annotations

from .errors import TemplateError
from .gotime import Time
from .host import DefaultHost, TemplateHost
from .template import Template, TemplateSet, parse
from .values import Params, SafeCSS, SafeHTML, SafeHTMLAttr, SafeJS, SafeURL

__all__ = [
    "DefaultHost",
    "Params",
    "SafeCSS",
    "SafeHTML",
    "SafeHTMLAttr",
    "SafeJS",
    "SafeURL",
    "Template",
    "TemplateError",
    "TemplateHost",
    "TemplateSet",
    "Time",
    "parse",
]
