"""Go's fmt for template values: how `{{ . }}`, print, printf and println spell things.

Python values stand in for Go's: int, float (float64), bool, str, None (nil), list
(slice), dict (map, printed with sorted keys), datetime (time.Time).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from . import limits
from .limits import check_length
from .values import Missing


def format_float(value: float, verb: str = "g", precision: int = -1) -> str:
    """strconv.FormatFloat(value, verb, precision, 64) for the verbs templates use."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    if verb == "f":
        return f"{value:.{6 if precision < 0 else precision}f}"
    if verb == "e":
        if precision < 0:
            digits, exp = _shortest(value)
            mantissa = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
            return _sign(value) + mantissa + _exponent(exp)
        text = f"{abs(value):.{precision}e}"
        mantissa, _, exp_text = text.partition("e")
        return _sign(value) + mantissa + _exponent(int(exp_text))
    # 'g': shortest digits; %e form when the exponent is < -4 or >= the precision.
    if value == 0:
        return "-0" if math.copysign(1, value) < 0 else "0"
    if precision < 0:
        digits, exp = _shortest(value)
        limit = 6
    else:
        precision = precision or 1
        text = f"{abs(value):.{precision - 1}e}"
        mantissa, _, exp_text = text.partition("e")
        digits, exp = mantissa.replace(".", "").rstrip("0") or "0", int(exp_text)
        limit = precision
    if exp < -4 or exp >= limit:
        mantissa = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
        return _sign(value) + mantissa + _exponent(exp)
    if exp < 0:
        return _sign(value) + "0." + "0" * (-exp - 1) + digits
    if len(digits) <= exp + 1:
        return _sign(value) + digits + "0" * (exp + 1 - len(digits))
    return _sign(value) + digits[: exp + 1] + "." + digits[exp + 1 :]


def _sign(value: float) -> str:
    return "-" if value < 0 else ""


def _exponent(exp: int) -> str:
    return f"e{'-' if exp < 0 else '+'}{abs(exp):02d}"


def _shortest(value: float) -> tuple[str, int]:
    """The shortest round-trip digits of |value| and the decimal exponent of the first."""
    _, digit_tuple, exponent = Decimal(repr(abs(value))).as_tuple()
    digits = "".join(map(str, digit_tuple)).lstrip("0") or "0"
    trailing = len(digits) - len(digits.rstrip("0"))
    digits = digits.rstrip("0") or "0"
    assert isinstance(exponent, int)
    exp = exponent + trailing + len(digits) - 1
    return digits, exp


def format_time(value: dt.datetime | dt.date) -> str:
    """time.Time.String(): `2006-01-02 15:04:05.999999999 -0700 MST`."""
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    # strftime leaves years before 1000 unpadded on glibc; Go pads to four digits.
    text = f"{value.year:04d}-" + value.strftime("%m-%d %H:%M:%S")
    if value.microsecond:
        text += f".{value.microsecond:06d}".rstrip("0")
    offset = value.utcoffset() or dt.timedelta()
    minutes = int(offset.total_seconds()) // 60
    zone = value.tzname() or ""
    sign = "-" if minutes < 0 else "+"
    numeric = f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"
    if zone in ("", "UTC+00:00") or (zone.startswith("UTC") and zone != "UTC"):
        zone = "UTC" if minutes == 0 else numeric
    return f"{text} {numeric} {zone}"


def sprint_value(value: Any) -> str:
    """fmt's %v of one value."""
    if isinstance(value, str):
        return str.__str__(value)
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format_float(value, "v")
    if value is None:
        return "<nil>"
    if isinstance(value, Missing):
        return "<no value>"
    if isinstance(value, (dt.datetime, dt.date)):
        return format_time(value)
    if isinstance(value, Mapping):
        limits.active().step()  # shared data may nest (YAML aliases) far beyond its size
        items = sorted(value.items(), key=lambda kv: sort_key(kv[0]))
        return "map[" + " ".join(f"{sprint_value(k)}:{sprint_value(v)}" for k, v in items) + "]"
    if isinstance(value, (list, tuple)):
        limits.active().step()
        return "[" + " ".join(sprint_value(v) for v in value) + "]"
    stringer = getattr(value, "String", None)
    if callable(stringer):
        return str(stringer())
    return str(value)


def sort_key(value: Any) -> tuple[int, Any]:
    """Orders map keys as Go's fmt and text/template do: numbers, then strings."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (0, value)
    return (1, str(value))


def sprint(*args: Any) -> str:
    """fmt.Sprint: a space between operands when neither is a string."""
    parts: list[str] = []
    previous_string = True
    for index, arg in enumerate(args):
        is_string = isinstance(arg, str)
        if index and not is_string and not previous_string:
            parts.append(" ")
        parts.append(sprint_value(arg))
        previous_string = is_string
    return "".join(parts)


def sprintln(*args: Any) -> str:
    """fmt.Sprintln: spaces between all operands and a newline."""
    return " ".join(sprint_value(a) for a in args) + "\n"


_VERB = re.compile(r"%([-+# 0]*)(\*|\d+)?(?:\.(\*|\d*))?([a-zA-Z%])")


_SAFE_TYPE_NAMES = {
    "SafeHTML": "template.HTML",
    "SafeHTMLAttr": "template.HTMLAttr",
    "SafeURL": "template.URL",
    "SafeCSS": "template.CSS",
    "SafeJS": "template.JS",
    "SafeJSStr": "template.JSStr",
}


def go_type_name(value: Any, nil: str = "<nil>") -> str:
    """The Go type a template value stands for: `%T`, and error messages (`nil`
    is what a nil value is called there: `<nil>` for fmt, `interface {}` for a
    field lookup)."""
    go_type = getattr(value, "__go_type__", None)
    if isinstance(go_type, str):
        return go_type
    if type(value).__name__ in _SAFE_TYPE_NAMES:
        return _SAFE_TYPE_NAMES[type(value).__name__]
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float64"
    if isinstance(value, str):
        return "string"
    if value is None:
        return nil
    if isinstance(value, Mapping):
        return "map[string]interface {}"
    if isinstance(value, Sequence):
        return "[]interface {}"
    if isinstance(value, dt.datetime):
        return "time.Time"
    return type(value).__name__


def _bad(verb: str, value: Any) -> str:
    if value is None:
        return f"%!{verb}(<nil>)"
    return f"%!{verb}({go_type_name(value)}={sprint_value(value)})"


def quote(text: str) -> str:
    """strconv.Quote: Go's double-quoted literal."""
    out = ['"']
    for char in text:
        code = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif char == "\r":
            out.append("\\r")
        elif char in "\a\b\f\v":
            out.append({"\a": "\\a", "\b": "\\b", "\f": "\\f", "\v": "\\v"}[char])
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\x{code:02x}")
        elif not char.isprintable() and code > 0x7F:
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def _too_large(digits: str | None) -> bool:
    """Go's parsenum overflow: a number that passes 1e6 before its last digit."""
    if not digits or digits == "*":
        return False
    return int(digits[:-1] or "0") > 1_000_000


def _pad(text: str, flags: str, width: int | None, numeric: bool = False) -> str:
    if width is None or len(text) >= check_length(width):
        return text
    if "-" in flags:
        return text + " " * (width - len(text))
    if "0" in flags and numeric:
        sign = text[0] if text[:1] in "+-" else ""
        return sign + "0" * (width - len(text)) + text[len(sign) :]
    return " " * (width - len(text)) + text


def _format_one(verb: str, flags: str, width: int | None, precision: int | None, value: Any) -> str:
    if verb == "v" or (verb == "s" and not isinstance(value, (bool, int, float))):
        if verb == "s" and value is None:
            return _pad("%!s(<nil>)", flags, width)
        if verb == "v" and isinstance(value, float) and precision is not None:
            return _pad(format_float(value, "g", precision), flags, width, True)
        text = sprint_value(value)
        if precision is not None and isinstance(value, str):
            text = text[:precision]
        if verb == "v" and "+" in flags and isinstance(value, (int, float)) and value >= 0:
            text = "+" + text
        return _pad(text, flags, width, isinstance(value, (int, float)))
    if verb == "s":
        return _bad(verb, value)
    if verb == "d":
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, (list, tuple)):
                return (
                    "["
                    + " ".join(_format_one(verb, flags, None, precision, v) for v in value)
                    + "]"
                )
            return _bad(verb, value)
        text = str(value)
        if "+" in flags and value >= 0:
            text = "+" + text
        elif " " in flags and value >= 0:
            text = " " + text
        return _pad(text, flags, width, True)
    if verb in "fFeEgG":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return _bad(verb, value)
        if isinstance(value, int):
            return _bad(verb, value)
        if verb in "fF":
            text = format_float(value, "f", 6 if precision is None else precision)
        elif verb in "eE":
            text = format_float(value, "e", 6 if precision is None else precision)
        else:
            text = format_float(value, "g", -1 if precision is None else precision)
        if verb.isupper():
            text = text.upper()
        if "+" in flags and value >= 0:
            text = "+" + text
        elif " " in flags and value >= 0:
            text = " " + text
        return _pad(text, flags, width, True)
    if verb == "t":
        if not isinstance(value, bool):
            return _bad(verb, value)
        return _pad("true" if value else "false", flags, width)
    if verb == "q":
        if isinstance(value, str):
            return _pad(quote(value), flags, width)
        if isinstance(value, int) and not isinstance(value, bool):
            return _pad("'" + quote(chr(value))[1:-1].replace("'", "\\'") + "'", flags, width)
        return _bad(verb, value)
    if verb in "xX":
        if isinstance(value, str):
            text = value.encode("utf-8").hex()
        elif isinstance(value, int) and not isinstance(value, bool):
            text = format(value, "x")
        elif isinstance(value, float):
            return _bad(verb, value)
        else:
            return _bad(verb, value)
        if "#" in flags:
            text = "0x" + text
        if verb == "X":
            text = text.upper()
        return _pad(text, flags, width, True)
    if verb in "obc":
        if isinstance(value, bool) or not isinstance(value, int):
            return _bad(verb, value)
        if verb == "c":
            return _pad(chr(value), flags, width)
        return _pad(format(value, verb), flags, width, True)
    if verb == "U":
        if isinstance(value, bool) or not isinstance(value, int):
            return _bad(verb, value)
        return _pad(f"U+{value:04X}", flags, width)
    if verb == "T":
        return _pad(go_type_name(value), flags, width)
    return f"%!{verb}({go_type_name(value)}={sprint_value(value)})"


def sprintf(template: str, *args: Any) -> str:
    """fmt.Sprintf for the verbs, flags, widths and precisions templates use."""
    out: list[str] = []
    arg_index = 0
    pos = 0
    while True:
        start = template.find("%", pos)
        if start < 0:
            out.append(template[pos:])
            break
        out.append(template[pos:start])
        match = _VERB.match(template, start)
        if match is None:
            out.append("%!(NOVERB)")
            pos = len(template)
            break
        flags, width_text, precision_text, verb = match.groups()
        pos = match.end()
        if verb == "%":
            out.append("%")
            continue
        width: int | None = None
        precision: int | None = None
        if _too_large(width_text) or _too_large(precision_text):
            out.append("%!(NOVERB)")  # Go's parsenum gives up on the rest of the format
            pos = len(template)
            break
        if width_text == "*":
            width = int(args[arg_index]) if arg_index < len(args) else None
            arg_index += 1
        elif width_text:
            width = int(width_text)
        if precision_text == "*":
            precision = int(args[arg_index]) if arg_index < len(args) else None
            arg_index += 1
        elif precision_text is not None:
            precision = int(precision_text or 0)
        if arg_index >= len(args):
            out.append(f"%!{verb}(MISSING)")
            continue
        value = args[arg_index]
        arg_index += 1
        if isinstance(value, Missing):
            value = None
        out.append(_format_one(verb, flags, width, precision, value))
    if arg_index < len(args):
        extra = ", ".join(f"{go_type_name(a)}={sprint_value(a)}" for a in args[arg_index:])
        out.append(f"%!(EXTRA {extra})")
    return "".join(out)
