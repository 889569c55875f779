"""URL rules for the registry: a client's browser origins and its privacy-notice link. One validator for
the CLI and the admin API, so both accept and refuse the same values.

    normalise_origin("https://Chat.Example:443/")  -> "https://chat.example"
    normalise_origin("http://localhost:5173")      -> "http://localhost:5173"
    normalise_origin("http://chat.example")        -> InputError (http only for loopback hosts)

An origin is exactly ``scheme://host[:port]`` as a browser sends it in ``Origin``: lower-case, no user
or password, path, query or fragment, no wildcard, the default port dropped. Attribute reads from a
browser carry personal data, so plain ``http`` is allowed only for loopback hosts (local development).
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

from auroranet.errors import InputError

LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "[::1]"})
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_DEFAULT_PORTS = {"http": 80, "https": 443}
MAX_URL_LENGTH = 500  # clients.privacy_notice_url is String(500)


def _host(netloc_host: str, raw: str, what: str) -> str:
    host = netloc_host.lower()
    if host.startswith("[") and host.endswith("]"):
        try:
            ipaddress.IPv6Address(host[1:-1])
        except ValueError:
            raise InputError(f"{what} {raw!r}: {host} is not an IPv6 address") from None
        return host
    if not host.isascii():
        raise InputError(f"{what} {raw!r}: write the host name in its ASCII (xn--) form")
    labels = host.split(".")
    if len(host) > 253 or not all(_LABEL.match(label) for label in labels):
        raise InputError(f"{what} {raw!r}: {host!r} is not a host name")
    return host


def _split(raw: str, *, what: str) -> tuple[str, str, int | None, str]:
    """(scheme, host, port, rest) of an absolute http(s) URL, with the checks every registry URL needs."""
    if not raw or raw != raw.strip() or any(c.isspace() or ord(c) < 32 for c in raw):
        raise InputError(f"{what} {raw!r} must not be empty or contain spaces")
    if len(raw) > MAX_URL_LENGTH:
        raise InputError(f"{what} is longer than {MAX_URL_LENGTH} characters")
    try:
        parts = urlsplit(raw)
        port = parts.port
    except ValueError as exc:
        raise InputError(f"{what} {raw!r} is not a valid URL ({exc})") from None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.netloc:
        raise InputError(f"{what} {raw!r} must start with https:// (or http:// for localhost)")
    if "@" in parts.netloc:
        raise InputError(f"{what} {raw!r} must not contain a user name or password")
    if not parts.hostname:
        raise InputError(f"{what} {raw!r} has no host")
    if port == 0:
        raise InputError(f"{what} {raw!r}: port 0 is not a port")
    netloc_host = parts.netloc.rsplit(":", 1)[0] if port is not None or parts.netloc.endswith(":") else parts.netloc
    host = _host(netloc_host, raw, what)
    if scheme == "http" and host not in LOOPBACK_HOSTS:
        raise InputError(f"{what} {raw!r} must use https:// (http:// only for localhost, 127.0.0.1 and [::1])")
    rest = raw[len(parts.scheme) + 3 + len(parts.netloc):]
    return scheme, host, port, rest


def normalise_origin(raw: str) -> str:
    """The origin as a browser sends it (``scheme://host[:port]``), or InputError saying what is wrong."""
    scheme, host, port, rest = _split(raw, what="origin")
    if rest not in ("", "/"):
        raise InputError(f"origin {raw!r} must be scheme://host[:port] (no path, query or fragment)")
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        return f"{scheme}://{host}:{port}"
    return f"{scheme}://{host}"


def check_redirect_uri(raw: str) -> str:
    """An OAuth2 redirect URI as registered: absolute, https (http only for loopback hosts), no fragment
    (RFC 6749 3.1.2), compared later character for character. Scheme and host are lower-cased."""
    if "#" in raw:
        raise InputError(f"redirect URI {raw!r} must not contain a fragment")
    return check_web_url(raw, what="redirect URI")


def check_web_url(raw: str, *, what: str = "privacy notice URL") -> str:
    """An absolute https URL of a page (http only for loopback hosts); scheme and host lower-cased."""
    scheme, host, port, rest = _split(raw, what=what)
    if rest and not rest.startswith(("/", "?", "#")):
        raise InputError(f"{what} {raw!r} is not a valid URL")
    shown_port = f":{port}" if port is not None and port != _DEFAULT_PORTS[scheme] else ""
    return f"{scheme}://{host}{shown_port}{rest}"
