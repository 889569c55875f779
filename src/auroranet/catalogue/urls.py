"""Which links from catalogue data may become a link: the one check, used at import, in ``/redirect`` and
whenever a page or an API answer builds a link from catalogue data.

    safe_web_url("https://www.kela.fi/asumistuki")  # -> the same string
    safe_web_url("javascript:alert(1)//")            # -> None (and data:, vbscript:, //host, user:pw@ …)
    tel_href("+358 29 123 4567")                      # -> "tel:+358291234567"
    mailto_href("neuvonta@kunta.fi")                  # -> "mailto:neuvonta@kunta.fi"

Catalogue data comes from PTV and from files anyone can write; it is never trusted to pick a scheme.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit

log = logging.getLogger(__name__)

MAX_URL_CHARS = 2000
WEB_SCHEMES = ("http", "https")
_UNSAFE_CHAR = re.compile(r"[\x00-\x20\x7f-\x9f\\\s]")  # control characters, whitespace, backslash
_PHONE = re.compile(r"\+?[0-9][0-9 \-]{2,30}")
_EMAIL = re.compile(r"[A-Za-z0-9.!#$%*+\-/=^_{|}~']{1,64}@[A-Za-z0-9](?:[A-Za-z0-9.\-]{0,251}[A-Za-z0-9])?")


def safe_web_url(url: object) -> str | None:
    """``url`` unchanged when it is an absolute ``http``/``https`` address of a host, without credentials,
    control characters, whitespace or backslashes and at most ``MAX_URL_CHARS`` long; otherwise None."""
    if not isinstance(url, str) or not url or len(url) > MAX_URL_CHARS or _UNSAFE_CHAR.search(url):
        return None
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number in range
    except ValueError:
        return None
    if parts.scheme.lower() not in WEB_SCHEMES or not parts.hostname or "@" in parts.netloc:
        return None
    return url


def safe_href(url: object) -> str | None:
    """For templates: a safe web URL (``safe_web_url``) or a path on this site (``/…``, not ``//…``)."""
    if isinstance(url, str) and url.startswith("/") and not url.startswith("//"):
        return None if len(url) > MAX_URL_CHARS or _UNSAFE_CHAR.search(url) else url
    return safe_web_url(url)


def unsafe_reason(url: object) -> str:
    """Why ``safe_web_url`` refused ``url`` (for import warnings), in a few words."""
    if not isinstance(url, str) or not url:
        return "empty"
    if len(url) > MAX_URL_CHARS:
        return f"longer than {MAX_URL_CHARS} characters"
    if _UNSAFE_CHAR.search(url):
        return "contains whitespace, control characters or backslashes"
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme not in WEB_SCHEMES:
        return f"scheme {scheme!r} is not http or https" if scheme and scheme.isalnum() else "not an absolute http(s) URL"
    return "no host, credentials in it, or a bad port"


def checked_web_url(url: str, where: str, warnings: list[str] | None) -> bool:
    """True for a safe web page URL. For another, a warning naming the record (``where``) goes to the log and
    to ``warnings`` (an importer's list, counted in the import summary), and the caller drops the link."""
    if safe_web_url(url) is not None:
        return True
    message = f"{where}: dropped web page link ({unsafe_reason(url)}): {url[:80]!r}"
    log.warning("unsafe catalogue link dropped", extra={"record": where[:200], "reason": unsafe_reason(url)})
    if warnings is not None:
        warnings.append(message)
    return False


def tel_href(number: object) -> str | None:
    """A ``tel:`` link for a phone number made of digits, spaces, hyphens and a leading ``+``; else None."""
    if not isinstance(number, str) or not _PHONE.fullmatch(number.strip()):
        return None
    n = number.strip()
    return "tel:" + ("+" if n.startswith("+") else "") + re.sub(r"[^0-9]", "", n)


def mailto_href(address: object) -> str | None:
    """A ``mailto:`` link for a plain e-mail address (no query, no second address); else None."""
    if not isinstance(address, str) or not _EMAIL.fullmatch(address.strip()):
        return None
    return "mailto:" + address.strip()
