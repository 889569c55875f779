"""Structured JSON logs that never carry personal data.

Every record is one JSON line. ``scrub`` removes Finnish personal identity codes, e-mail addresses and
phone numbers from any text; log calls must pass identifiers and counts, never attribute values.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from datetime import datetime, timezone

HETU = re.compile(r"\b\d{6}[-+AaBbCcDdEeFfUuVvWwXxY]\d{3}[0-9A-Ya-y]\b")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<![\w])(?:\+|00)?\d[\d \-()]{6,}\d(?![\w])")

# Keys whose values are never written to logs, whatever the caller passes.
FORBIDDEN_KEYS = frozenset({"age", "municipality_code", "life_situation_meters", "session_attributes",
                            "attributes", "search_text", "text", "access_token", "auroraai_access_token",
                            "secret", "client_secret", "password", "authorization"})

_STD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


def scrub(text: str) -> str:
    """Remove personal identity codes, e-mail addresses and phone numbers."""
    text = HETU.sub("[hetu]", text)
    text = EMAIL.sub("[email]", text)
    return PHONE.sub("[phone]", text)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, object] = {
            "ts": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": scrub(record.getMessage()),
        }
        for key, value in vars(record).items():
            if key in _STD or key.startswith("_"):
                continue
            if key in FORBIDDEN_KEYS:
                out[key] = "[redacted]"
            elif isinstance(value, (int, float, bool)) or value is None:
                out[key] = value
            else:
                out[key] = scrub(str(value))
        if record.exc_info and record.exc_info[0] is not None:
            out["exc_type"] = record.exc_info[0].__name__
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
