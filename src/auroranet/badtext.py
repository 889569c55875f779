"""Text no request may carry, defined once: control characters (C0 and DEL; tab, line feed and carriage
return are layout and stay), lone surrogates (they cannot be written as UTF-8) and, in JSON, numbers
that are not numbers (NaN, Infinity, 1e400) or that no store holds (integers beyond 64 bits).

PostgreSQL refuses NUL in text and psycopg and sqlite3 cannot encode a lone surrogate, so such input is
refused at the edge (network/robustness.NetworkMiddleware: the address, urlencoded forms and JSON bodies)
with a 400, never stored on one backend and a 500 on the other. The services that clean text they keep
(curation reasons, usage texts) use the same classes:

    CONTROL_RUN.sub(" ", reason)   # one line: every control character, layout too, becomes a space
    NOT_LAYOUT.sub("", text)       # free text: control characters go, tab and line breaks stay
"""

from __future__ import annotations

import json
import math
import re
from typing import Any
from urllib.parse import unquote_to_bytes

from starlette.exceptions import HTTPException

CONTROL = "".join(map(chr, [*range(0x20), 0x7F]))  # C0 and DEL
LAYOUT = "\t\n\r"
_NOT_LAYOUT = re.escape("".join(c for c in CONTROL if c not in LAYOUT))
CONTROL_RUN = re.compile(f"[{re.escape(CONTROL)}]+")
NOT_LAYOUT = re.compile(f"[{_NOT_LAYOUT}]")
_REFUSED = re.compile(f"[{_NOT_LAYOUT}\ud800-\udfff]")  # in a str every surrogate code point is a lone one
# A JSON body needs a closer look only if it has an escaped control character or surrogate (a pair of
# surrogates is an emoji: the parsed text tells), a raw DEL, NaN / Infinity, a three-digit exponent or an
# integer of 19 digits or more. Substring tests on the body with its digits folded to 0: about a third of
# the cost of one regular expression over it (and below one json.loads of a v1 body).
_ESCAPE = re.compile(rb"\\u(?:00[01]|007[fF]|[dD][89a-fA-F])")
_FOLD = bytes.maketrans(b"123456789E", b"000000000e")
_NUMBERS = (b"0" * 19, b"e000", b"e+000", b"e-000")
INT_LIMIT = 2**63
TEXT = "Invalid characters in request. Control characters and unpaired surrogates are not accepted."
NUMBER = "Malformed JSON in request body."


class BadText(HTTPException):
    """Refused input (400). An HTTPException so that FastAPI's own body reading passes it on unchanged;
    the application's handler for it answers in each part's style (v1 text, JSON, the web's page)."""

    def __init__(self, message: str = TEXT, kind: str = "invalid_characters") -> None:
        super().__init__(400, message)
        self.message, self.kind = message, kind


def refused(text: str) -> bool:
    return _REFUSED.search(text) is not None


def check_encoded(raw: bytes) -> None:
    """A percent-encoded address part or urlencoded form: UTF-8 with nothing refused, or BadText."""
    if b"%" not in raw and raw.isascii() and not _REFUSED.search(raw.decode("ascii")):
        return
    try:
        text = unquote_to_bytes(raw.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        raise BadText("Invalid encoding in request. Only UTF-8 is supported.", "invalid_encoding") from None
    if refused(text):
        raise BadText()


def _constant(name: str) -> Any:
    raise BadText(NUMBER, "malformed_json")


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise BadText(NUMBER, "malformed_json")
    return value


def _int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:  # over Python's digit limit
        raise BadText(NUMBER, "malformed_json") from None
    if not -INT_LIMIT <= value < INT_LIMIT:
        raise BadText(NUMBER, "malformed_json")
    return value


def _suspect(raw: bytes) -> bool:
    if b"\\u" in raw and _ESCAPE.search(raw):
        return True
    if b"\x7f" in raw or b"NaN" in raw or b"Infinity" in raw:
        return True
    folded = raw.translate(_FOLD)
    return any(n in folded for n in _NUMBERS)


def check_json(raw: bytes) -> None:
    """A JSON body with a refused number or text raises BadText. A body that is not JSON at all passes:
    its handler answers that in its own words."""
    if not _suspect(raw):
        return
    try:
        value = json.loads(raw, parse_constant=_constant, parse_float=_float, parse_int=_int)
    except (ValueError, RecursionError):  # malformed (JSONDecodeError, bad UTF-8) or too deep: the handler's
        return
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if refused(item):
                raise BadText()
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
