"""Structured JSON logs that never carry personal data.

Every record is one JSON line. ``scrub`` removes Finnish personal identity codes, e-mail addresses and
phone numbers from any text; log calls must pass identifiers and counts, never attribute values.
"""

from __future__ import annotations

import json
import logging
import math
import os
import re
import sys
import threading
import time
import traceback
from datetime import datetime, timezone
from json.encoder import encode_basestring

from auroranet.logstream import BufferedStreamHandler

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


class AccessRecord(logging.LogRecord):
    """The record of one access-log line (``network.robustness``), built without the caller lookup and the
    argument handling ``LogRecord`` does (the caller fields read as when ``logging`` has no source file). Its
    attributes are the ones ``log.info("request", extra=...)`` sets, in the same order, so any formatter
    sees the same record and ``JsonFormatter`` writes the same line either way."""

    method: str
    route: str
    status: int
    duration_ms: float
    client_id: str | None

    def __init__(self, name: str, method: str, route: str, status: int, duration_ms: float,
                 client_id: str | None) -> None:  # LogRecord.__init__ is skipped on purpose
        created = time.time()
        mp = sys.modules.get("multiprocessing")
        self.__dict__ = {
            **_RECORD_DEFAULTS, "name": name, "created": created, "msecs": int((created - int(created)) * 1000) + 0.0,
            "relativeCreated": (created - _START) * 1000, "thread": threading.get_ident(),
            "threadName": threading.current_thread().name, "process": _PID[0],
            "processName": "MainProcess" if mp is None else mp.current_process().name,
            "method": method, "route": route, "status": status, "duration_ms": duration_ms, "client_id": client_id}


_START = float(getattr(logging, "_startTime", time.time()))
_RECORD_DEFAULTS = dict(vars(logging.LogRecord(  # every standard attribute, in LogRecord's order
    "", logging.INFO, "(unknown file)", 0, "request", (), None, "(unknown function)")))
_RECORD_DEFAULTS["processName"] = "MainProcess"
_PID = [os.getpid()]  # os.getpid is a system call; a forked child reads its own
os.register_at_fork(after_in_child=lambda: _PID.__setitem__(0, os.getpid()))
_ACCESS_EXTRA = frozenset({"method", "route", "status", "duration_ms", "client_id"})
_ACCESS_LEN = len(_RECORD_DEFAULTS) + len(_ACCESS_EXTRA)


_second: tuple[int, str] = (-1, "")  # the last whole second formatted, and its text


def iso_ms(created: float) -> str:
    """``datetime.fromtimestamp(created, timezone.utc).isoformat(timespec="milliseconds")``, formatting
    each second once (the same rounding: half-even to the microsecond, then truncated to the ms)."""
    global _second
    frac, whole = math.modf(created)
    sec, us = int(whole), round(frac * 1e6)
    if us >= 1_000_000:
        sec, us = sec + 1, us - 1_000_000
    if us < 0 or sec != _second[0]:
        if us < 0 or created < 0:
            return datetime.fromtimestamp(created, timezone.utc).isoformat(timespec="milliseconds")
        _second = (sec, datetime.fromtimestamp(sec, timezone.utc).isoformat(timespec="seconds")[:-6])
    return f"{_second[1]}.{us // 1000:03d}+00:00"


_HEADS: dict[str, str] = {}  # logger name -> the encoded fields after "ts"
_FIELDS: dict[tuple[str, str, str | None], tuple[str, str]] = {}  # clean (method, route, client) -> encoded
_FIELDS_MAX = 4096


def _access_fields(method: str, route: str, client_id: str | None) -> tuple[str, str]:
    key = (method, route, client_id)
    hit = _FIELDS.get(key)
    if hit is not None:
        return hit
    m, r = _scrubbed(method), _scrubbed(route)
    c = None if client_id is None else _scrubbed(client_id)
    out = (f', "method": {encode_basestring(m)}, "route": {encode_basestring(r)}, "status": ',
           ', "client_id": ' + ("null" if c is None else encode_basestring(c)) + "}")
    if m is method and r is route and c is client_id:  # ``_scrubbed`` changed nothing: safe to remember
        if len(_FIELDS) >= _FIELDS_MAX:
            _FIELDS.clear()
        _FIELDS[key] = out
    return out


def access_line(record: AccessRecord) -> str | None:
    """The JSON line ``JsonFormatter`` writes for ``record``, without the generic walk over its attributes
    (None when a value is not of the usual type: the generic path then writes it)."""
    status, duration = record.status, record.duration_ms
    client = record.client_id
    if (type(status) is not int or type(duration) is not float or not math.isfinite(duration)
            or type(record.method) is not str or type(record.route) is not str
            or not (client is None or type(client) is str)
            or len(vars(record)) != _ACCESS_LEN and not vars(record).keys() - _STD <= _ACCESS_EXTRA):
        return None
    head = _HEADS.get(record.name)
    if head is None:
        head = _HEADS[record.name] = f', "level": "info", "logger": {encode_basestring(record.name)}, "msg": "request"'
    before, after = _access_fields(record.method, record.route, client)
    return f'{{"ts": "{iso_ms(record.created)}"{head}{before}{status!r}, "duration_ms": {duration!r}{after}'


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        if type(record) is AccessRecord:
            line = access_line(record)
            if line is not None:
                return line
        out: dict[str, object] = {
            "ts": iso_ms(record.created),
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
    """JSON lines on ``stream`` (stderr): INFO lines in batches (at least every 0.5 s), warnings and errors
    at once (``logstream.BufferedStreamHandler``)."""
    handler = BufferedStreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    for old in root.handlers:  # a replaced handler writes what it still holds
        try:
            old.flush()
        except (OSError, ValueError):  # its stream was closed already
            pass
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("uvicorn.access",):
        logging.getLogger(noisy).disabled = True
    # httpx logs full URLs at INFO (query strings can carry tokens); keep only its warnings.
    for chatty in ("httpx", "httpcore", "alembic"):
        logging.getLogger(chatty).setLevel(logging.WARNING)
