"""An optional language model that may only rephrase what the network retrieved.

Off by default: ``AURORA_ASSISTANT_LLM_URL`` names an OpenAI-compatible endpoint (``POST
{url}/chat/completions``). The model gets the template reply and the retrieved facts (service names,
summaries, links) and is asked to say the same more smoothly. Its text is used only when ``valid``: it
names no service and no link that the facts do not hold, adds no phone number, and is not too long.
Anything else (a timeout, an error status, invented facts) gives the template text back.

    rephrased(rt, "I found these services:", [Fact("Asumistuki", "Tukea asumiseen", "/service/..")], "en")
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Protocol, Sequence

import httpx

from auroranet.i18n import pick
from auroranet.runtime import Runtime

log = logging.getLogger(__name__)
URL = re.compile(r"(https?://[^\s)\"'<>]+|/service/[0-9a-f-]+(\?lang=\w+)?)", re.IGNORECASE)
PHONE = re.compile(r"(?<!\d)(\+?\d[\d \-]{5,}\d)")
MAX_FACTOR = 4  # a rephrasing may be at most this many times the template and facts together


@dataclass(frozen=True)
class Fact:
    name: str
    summary: str
    url: str


class Rephraser(Protocol):
    def rephrase(self, template: str, facts: Sequence[Fact], lang: str) -> str | None: ...


class OpenAICompatible:
    """A chat-completions endpoint over httpx (sync; called off the event loop, never under a lock)."""

    def __init__(self, url: str, model: str, api_key: str | None, timeout: float) -> None:
        self.url, self.model, self.api_key, self.timeout = url.rstrip("/"), model, api_key, timeout

    def rephrase(self, template: str, facts: Sequence[Fact], lang: str) -> str | None:
        listing = "\n".join(f"- {f.name}: {f.summary} ({f.url})" for f in facts)
        messages = [
            {"role": "system", "content": f"Rephrase the assistant's reply in language '{lang}'. Use only the "
                                          "facts given. Do not add services, links or phone numbers."},
            {"role": "user", "content": f"Reply: {template}\nFacts:\n{listing}"},
        ]
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        try:
            r = httpx.post(f"{self.url}/chat/completions", json={"model": self.model, "messages": messages},
                           headers=headers, timeout=self.timeout)
            r.raise_for_status()
            content = r.json()["choices"][0]["message"]["content"]
        except (httpx.HTTPError, ValueError, KeyError, IndexError, TypeError) as exc:
            log.warning("assistant rephrasing failed", extra={"error_type": type(exc).__name__})
            return None
        return content.strip() if isinstance(content, str) else None


def known_names(rt: Runtime, lang: str) -> set[str]:
    """Every service name in the catalogue snapshot (in ``lang`` and Finnish), for the check."""
    out: set[str] = set()
    for svc in rt.catalogue().services:
        for name in (pick(svc.names, lang), svc.names.get("fi", "")):
            if len(name) >= 4:
                out.add(name.casefold())
    return out


def valid(text: str, template: str, facts: Sequence[Fact], catalogue_names: set[str]) -> bool:
    """True when ``text`` states nothing the facts do not: no other service's name, no other link, no
    phone number that is not in the facts, and a sane length."""
    if not text.strip():
        return False
    source = template + " " + " ".join(f"{f.name} {f.summary} {f.url}" for f in facts)
    if len(text) > MAX_FACTOR * max(len(source), 200):
        return False
    allowed_urls = {u.casefold() for f in facts for u in [f.url, *[m.group(0) for m in URL.finditer(f.summary)]]}
    if any(m.group(0).casefold().rstrip(".,;") not in allowed_urls for m in URL.finditer(text)):
        return False
    digits_in_source = {re.sub(r"\D", "", m.group(0)) for m in PHONE.finditer(source)}
    if any(re.sub(r"\D", "", m.group(0)) not in digits_in_source for m in PHONE.finditer(text)):
        return False
    folded, allowed = text.casefold(), {f.name.casefold() for f in facts}
    return not any(name in folded for name in catalogue_names - allowed
                   if not any(name in a for a in allowed))


def backend(rt: Runtime) -> Rephraser | None:
    st = rt.settings
    if not st.assistant_llm_url:
        return None
    return OpenAICompatible(st.assistant_llm_url, st.assistant_llm_model, st.assistant_llm_api_key,
                            st.assistant_llm_timeout_seconds)


def rephrased(rt: Runtime, template: str, facts: Sequence[Fact], lang: str,
              rephraser: Rephraser | None = None) -> str:
    """The model's rephrasing when it is on and passes ``valid``, else ``template``."""
    model = rephraser or backend(rt)
    if model is None or not facts:
        return template
    text = model.rephrase(template, facts, lang)
    if text is None or not valid(text, template, facts, known_names(rt, lang)):
        return template
    return text
