"""html/template's escaping for the few contexts the built-in shortcodes write into.

The built-ins are Python, not Go templates, so they escape their values themselves,
the way html/template would for the same template: each helper asks the template
escaper for the context the value lands in (text, a quoted attribute, a URL
attribute), so both always agree.
"""

from __future__ import annotations

from typing import Any

from postedit.render.gotemplate import context as cx
from postedit.render.gotemplate.escape import escape_value, stringify

_TEXT = cx.Context()
_ATTR = cx.Context(state=cx.ATTR, delim=cx.DELIM_DOUBLE)
_URL = cx.Context(state=cx.URL, delim=cx.DELIM_DOUBLE, attr=cx.ATTR_URL)


def go_string(value: Any) -> str:
    """A value printed the way Go's `{{ . }}` prints it (bools lower-case, nil empty)."""
    return stringify(value)


def text(value: Any) -> str:
    """Escape for HTML text; trusted HTML passes through."""
    return escape_value(_TEXT, value)[0]


def attr(value: Any) -> str:
    """Escape for a quoted attribute value (trusted HTML loses its tags, keeps entities)."""
    return escape_value(_ATTR, value)[0]


def url(value: Any) -> str:
    """Escape for a quoted URL attribute: scheme check, normalisation, attribute escape."""
    return escape_value(_URL, value)[0]
