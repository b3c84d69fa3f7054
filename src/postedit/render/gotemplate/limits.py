"""Bounds on what running a site's templates may cost: the preview must never hang.

A post is re-rendered on every keystroke, and its shortcode templates come from the
site (a theme downloaded from anywhere). Go's templates cannot hang the way ours
could: RE2 matches in linear time and Go's ints wrap at 64 bits. So a run gets a
time budget shared by everything it calls (partials, nested templates), values that
grow past any real page are refused, and regexes that Python would backtrack on
for ever are refused before they run. Each refusal is a TemplateError, which the
shortcode layer shows as a problem in place; real templates stay far below these.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from .errors import TemplateError

SECONDS = 2.0  # per post: shortcodes that need longer show as problems
MAX_STRING = 4_000_000  # characters in one value or one template's output
MAX_ITEMS = 250_000  # elements of one list
MAX_DEPTH = 40  # templates and partials inside one another (self-calls stop here)
_CHECK_EVERY = 256  # steps between clock reads (a read costs about as much as a step)


class Budget:
    """A deadline, read every few hundred steps of the interpreter."""

    __slots__ = ("_steps", "deadline", "depth", "seconds")

    def __init__(self, seconds: float | None = None) -> None:
        self.seconds = SECONDS if seconds is None else seconds
        self.deadline = time.monotonic() + self.seconds
        self._steps = 0
        self.depth = 0  # templates and partials running inside one another

    @contextmanager
    def nested(self) -> Iterator[None]:
        """One more template or partial running inside another; refused past MAX_DEPTH."""
        if self.depth >= MAX_DEPTH:
            raise TemplateError(
                f"templates and partials call each other more than {MAX_DEPTH} levels deep"
            )
        self.depth += 1
        try:
            yield
        finally:
            self.depth -= 1

    def step(self) -> None:
        """Count one step; raise once the deadline has passed."""
        self._steps += 1
        if not self._steps % _CHECK_EVERY and time.monotonic() > self.deadline:
            raise TemplateError(
                f"the templates took longer than {self.seconds:g} s, so the preview stopped them"
            )


_ACTIVE: ContextVar[Budget | None] = ContextVar("postedit_template_budget", default=None)


def active() -> Budget:
    """The budget of the run in progress (a fresh one outside any `budget` block)."""
    return _ACTIVE.get() or Budget()


@contextmanager
def budget(seconds: float | None = None, *, reuse: bool = False) -> Iterator[Budget]:
    """Everything run inside shares one deadline; with `reuse`, an enclosing one wins."""
    current = _ACTIVE.get()
    if reuse and current is not None:
        yield current
        return
    fresh = Budget(seconds)
    token = _ACTIVE.set(fresh)
    try:
        yield fresh
    finally:
        _ACTIVE.reset(token)


def check_size(value: Any) -> Any:
    """`value`, unless it is a string or list too large for any real page."""
    if isinstance(value, str):
        check_length(len(value))
    elif isinstance(value, (list, tuple)) and len(value) > MAX_ITEMS:
        raise TemplateError(f"a list of {len(value):,} elements is too large to preview")
    return value


def check_length(length: int) -> int:
    """`length` (of a string about to be built), unless it exceeds MAX_STRING."""
    if length > MAX_STRING:
        raise TemplateError(f"a value of {length:,} characters is too large to preview")
    return length


def wrap_int64(value: int) -> int:
    """Go's int arithmetic: two's complement at 64 bits (Python's ints never overflow)."""
    return (value + (1 << 63)) % (1 << 64) - (1 << 63)


# --- regular expressions ----------------------------------------------------------

_parser: Any = importlib.import_module("re._parser")
_constants: Any = importlib.import_module("re._constants")
_REPEATS = frozenset({_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT})
_MAXREPEAT = _constants.MAXREPEAT


def check_regexp(pattern: str) -> None:
    """Refuse what RE2 refuses and what would make Python's regex engine backtrack for ever.

    Go rejects backreferences and lookaround (they need backtracking); a repetition
    that contains another unbounded repetition, like `(a+)+`, matches in linear time
    in RE2 but can take exponential time in Python, so the preview declines it.
    """
    try:
        parsed = _parser.parse(pattern)
    except Exception:
        return  # compiling reports the syntax error as Go would
    _walk(parsed, pattern)


def _walk(items: Any, pattern: str) -> bool:
    """Check a parsed pattern; whether it holds an unbounded repetition."""
    unbounded = False
    for op, av in items:
        if op in (_constants.GROUPREF, _constants.GROUPREF_EXISTS):
            raise ValueError("error parsing regexp: invalid escape sequence (a backreference)")
        if op in (_constants.ASSERT, _constants.ASSERT_NOT):
            raise ValueError(
                "error parsing regexp: invalid or unsupported Perl syntax (lookaround)"
            )
        if op in _REPEATS:
            _low, high, sub = av
            inner = _walk(sub, pattern)
            if high > 1 and _ambiguous_branch(sub):
                inner = True  # `(x|x)*`: two ways to match each step backtrack like `(x+)*`
            if inner and high > 1 and not _delimited(sub):
                raise ValueError(
                    f"the regexp {pattern!r} repeats a repetition: Go's RE2 matches it in "
                    "linear time, Python's engine may take for ever, so the preview does not run it"
                )
            unbounded = unbounded or inner or high == _MAXREPEAT or high > 1000
        elif op is _constants.SUBPATTERN:
            unbounded = _walk(av[-1], pattern) or unbounded
        elif op is _constants.BRANCH:
            for branch in av[1]:
                unbounded = _walk(branch, pattern) or unbounded
        elif op is _constants.ATOMIC_GROUP:
            unbounded = _walk(av, pattern) or unbounded
    return unbounded


def _ambiguous_branch(items: Any) -> bool:
    """Whether an alternation (at any depth) has an empty or a repeated alternative."""
    for op, av in items:
        if op is _constants.BRANCH:
            branches = [list(branch) for branch in av[1]]
            if any(not branch for branch in branches) or any(
                branch in branches[:i] for i, branch in enumerate(branches)
            ):
                return True
            if any(_ambiguous_branch(branch) for branch in branches):
                return True
        elif op is _constants.SUBPATTERN and _ambiguous_branch(av[-1]):
            return True
    return False


def _delimited(items: Any) -> bool:
    """Whether each step of a repeated body ends in a character its repetitions can't match.

    `([a-z]+-)*` is safe: every step must end at a `-` that `[a-z]+` cannot eat, so
    there is only one way to split the text into steps.
    """
    body = list(items)
    while len(body) == 1 and body[0][0] is _constants.SUBPATTERN:
        body = list(body[0][1][-1])
    if not body or body[-1][0] is not _constants.LITERAL:
        return False
    end = chr(body[-1][1])
    for op, av in body[:-1]:
        if op in _REPEATS:
            inner = list(av[2])
            if len(inner) != 1 or _may_match(inner[0], end):
                return False
        elif op not in (_constants.LITERAL, _constants.IN, _constants.NOT_LITERAL):
            return False
    return True


_CATEGORIES: dict[Any, Any] = {
    _constants.CATEGORY_DIGIT: str.isdigit,
    _constants.CATEGORY_NOT_DIGIT: lambda c: not c.isdigit(),
    _constants.CATEGORY_SPACE: str.isspace,
    _constants.CATEGORY_NOT_SPACE: lambda c: not c.isspace(),
    _constants.CATEGORY_WORD: lambda c: c.isalnum() or c == "_",
    _constants.CATEGORY_NOT_WORD: lambda c: not (c.isalnum() or c == "_"),
}


def _may_match(item: Any, char: str) -> bool:
    """Whether a one-character item of a parsed pattern may match `char` (True if unsure)."""
    op, av = item
    if op is _constants.LITERAL:
        return bool(av == ord(char))
    if op is _constants.NOT_LITERAL:
        return bool(av != ord(char))
    if op is not _constants.IN:
        return True
    negate, found = False, False
    for member_op, member in av:
        if member_op is _constants.NEGATE:
            negate = True
        elif member_op is _constants.LITERAL:
            found = found or member == ord(char)
        elif member_op is _constants.RANGE:
            found = found or member[0] <= ord(char) <= member[1]
        elif member_op is _constants.CATEGORY and member in _CATEGORIES:
            found = found or bool(_CATEGORIES[member](char))
        else:
            return True
    return found != negate
