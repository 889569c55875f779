"""Structured JSON logs that never carry personal data.

Every record is one JSON line. ``scrub`` removes Finnish personal identity codes, e-mail addresses and
phone numbers from any text; log calls must pass identifiers and counts, never attribute values.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import traceback
from datetime import datetime, timezone

# Every pattern is linear-time by construction: each quantifier is bounded and, where a match could start
# inside a long run, a lookbehind lets it start only at the run's beginning. So one match attempt costs at
# most a small constant, whatever the input (tests/test_logs.py checks that no quantifier is unbounded).
_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2212"  # hyphen-minus, hyphens, figure dash, en and em dash, minus
_SEP = f"[ \u00a0{_DASHES}]"  # at most one separator between two digits of a phone number

# Identity code: DDMMYY, century sign (+, - and the 2023 signs Y X W V U / A B C D E F, typed also as an
# en dash or a space), individual number, control character. Checksums are not checked: a mistyped code
# is still personal data. A digit check character followed by more digits ("031012 1234 0") is left to
# PHONE, which takes the whole run: read as a code, its last digits would stay behind.
HETU = re.compile(r"[0-3](?<!\d[0-3])\d[01]\d\d\d"
                  f"[+ \u00a0{_DASHES}ABCDEFUVWXY]"
                  r"\d{3}(?:\d(?!" + _SEP + r"?\d)|[ABCDEFHJKLMNPRSTUVWXY])(?![0-9A-Za-z])", re.IGNORECASE)
# E-mail address, also written name(at)example.com, name [at] example.com or name{at}example(dot)com.
# A local part longer than the 64 characters addresses may have is not recognised.
_AT = r"(?:@|\s?[(\[{]\s?(?i:at|ät)\s?[)\]}]\s?)"
_DOT = r"(?:\.|\s?[(\[{](?i:dot|piste)[)\]}]\s?)"
EMAIL = re.compile(r"(?<![\w.+\-])[\w.+\-]{1,64}" + _AT + r"[\w\-]{1,63}(?:" + _DOT + r"[\w\-]{1,63}){1,8}")
_EMAIL_HINT = re.compile(r"[@(\[{]")  # text without any of these has no address: skip the pattern
# Phone number: international (+358 40 123 4567, 00358 40 ..., +358 (0)9 ...) with 8-15 digits, or
# Finnish national with an area or operator code (040 123 4567, 09-310 1691, (09) 310 1691, 0401234567)
# with 7-12 digits; at most one separator between two digits. Years, postal codes and short numbers are
# not phone numbers.
PHONE = re.compile(
    r"(?:(?:\+(?<![\d+]\+)|0(?<![\d+]0)0)[1-9](?:" + _SEP + r"?(?:\(0\)" + _SEP + r"?)?\d){7,14}"
    r"|0(?<![\d+]0)[1-9](?:" + _SEP + r"?\d){5,10}"
    r"|\(0[1-9]\d{0,3}\)" + _SEP + r"?\d(?:" + _SEP + r"?\d){4,9}"
    r")(?!\d)")
PATTERNS = {"[hetu]": HETU, "[email]": EMAIL, "[phone]": PHONE}

# Keys whose values are never written to logs, whatever the caller passes.
FORBIDDEN_KEYS = frozenset({"age", "municipality_code", "life_situation_meters", "session_attributes",
                            "attributes", "search_text", "text", "access_token", "auroraai_access_token",
                            "secret", "client_secret", "password", "authorization"})

_STD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}
MESSAGE_CHARS = 500
TRACEBACK_CHARS = 8000


def scrub(text: str) -> str:
    """Remove personal identity codes, e-mail addresses and phone numbers."""
    text = HETU.sub("[hetu]", text)
    if _EMAIL_HINT.search(text):
        text = EMAIL.sub("[email]", text)
    return PHONE.sub("[phone]", text)


def safe_message(exc: BaseException) -> str:
    """An exception's message for logs and tables: first line only, without the SQL statement and its
    bound parameters (which can hold user data), scrubbed and capped."""
    message = str(exc).split("\n", 1)[0]
    for cut in ("[SQL:", "[parameters:", "(Background on"):
        message = message.split(cut, 1)[0]
    return scrub(" ".join(message.split())[:MESSAGE_CHARS])


def safe_traceback(exc: BaseException) -> str:
    """The frames (file, line, function, source line) of ``exc`` and of the exceptions it was raised
    from, with each message as ``safe_message`` gives it: no local values, no SQL parameters."""
    chain: list[BaseException] = []
    cur: BaseException | None = exc
    while cur is not None and cur not in chain and len(chain) < 5:
        chain.append(cur)
        cur = cur.__cause__ if cur.__cause__ is not None else (None if cur.__suppress_context__ else cur.__context__)
    parts = [f"Traceback (most recent call last):\n{''.join(traceback.format_tb(e.__traceback__))}"
             f"{type(e).__module__}.{type(e).__qualname__}: {safe_message(e)}" for e in reversed(chain)]
    return scrub("\n\nDuring handling, raised:\n".join(parts)[-TRACEBACK_CHARS:])


_CLEAN: set[str] = set()  # short texts ``scrub`` left unchanged: no personal data, safe to remember
_CLEAN_MAX, _CLEAN_CHARS = 4096, 200


def _scrubbed(text: str) -> str:
    """``scrub`` for log values, remembering the short texts it left unchanged (route templates, client
    ids, messages: every access-log line repeats them). A text scrub changed is never remembered."""
    if text in _CLEAN:
        return text
    out = scrub(text)
    if out == text and len(text) <= _CLEAN_CHARS:
        if len(_CLEAN) >= _CLEAN_MAX:
            _CLEAN.clear()
        _CLEAN.add(text)
    return out


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, object] = {
            "ts": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": _scrubbed(record.getMessage()),
        }
        for key, value in vars(record).items():
            if key in _STD or key.startswith("_"):
                continue
            if key in FORBIDDEN_KEYS:
                out[key] = "[redacted]"
            elif isinstance(value, (int, float, bool)) or value is None:
                out[key] = value
            else:
                out[key] = _scrubbed(str(value))
        if record.exc_info and record.exc_info[0] is not None:
            out["exc_type"] = record.exc_info[0].__name__
            if record.exc_info[1] is not None:
                out["traceback"] = safe_traceback(record.exc_info[1])
        return json.dumps(out, ensure_ascii=False)


def configure_logging(level: int = logging.INFO, stream: object = None) -> None:
    handler = logging.StreamHandler(stream or sys.stderr)  # type: ignore[arg-type]
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("uvicorn.access",):
        logging.getLogger(noisy).disabled = True
    # httpx logs full URLs at INFO (query strings can carry tokens); keep only its warnings.
    for chatty in ("httpx", "httpcore", "alembic"):
        logging.getLogger(chatty).setLevel(logging.WARNING)
