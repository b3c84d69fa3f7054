"""The one exception a template raises, worded like Go's so writers recognise it."""

from __future__ import annotations


class TemplateError(Exception):
    """A template could not be parsed or executed.

    The message reads like Go's: ``template: name:3: function "foo" not defined``, so a
    placeholder in the preview says what `hugo` would say for the same template.
    """

    def __init__(self, message: str, *, name: str = "", line: int = 0) -> None:
        self.name = name
        self.line = line
        self.reason = message
        super().__init__(f"template: {name}:{line}: {message}" if name or line else message)


def located(error: TemplateError, name: str, line: int) -> TemplateError:
    """`error` with a location, unless it already names one (the innermost wins)."""
    if error.name or error.line:
        return error
    return TemplateError(error.reason, name=name, line=line)
