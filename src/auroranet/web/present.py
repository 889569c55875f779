"""How the web app presents services: names, texts, provider and area in the person's language,
channels with phones, e-mails, addresses, opening hours and their (tracked) links. Every href built from
catalogue data goes through ``catalogue.urls`` (safe http(s) pages, validated phone numbers and e-mail
addresses); the templates check links again with the ``safe_href`` filter."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from auroranet.catalogue.hours import OpenStatus, open_status
from auroranet.catalogue.models import Address, ChannelRecord, Phone, ServiceRecord
from auroranet.catalogue.urls import mailto_href, tel_href
from auroranet.engine.contract import ServiceFilters
from auroranet.i18n import pick
from auroranet.network.clients import ClientInfo
from auroranet.usecases.links import link_targets, tracking_url

Translate = Callable[[str], str]


@dataclass(frozen=True)
class Contact:
    """A phone number or e-mail address as shown, and its link (None when it is not a valid one);
    ``number`` is the phone number alone, grouped for reading."""

    text: str
    href: str | None
    number: str = ""


@dataclass
class ChannelView:
    id: str
    type: str
    name: str
    summary: str
    pages: list[str]
    phones: list[Contact]
    emails: list[Contact]
    addresses: list[str]
    hours: list[str]
    open_now: str = ""  # "Open now, until 16:00", "Closed today" ... ("" when the hours are not known)
    link: str | None = None  # the first link target, tracked when the service came from a recommendation
    receiver: ClientInfo | None = None


@dataclass
class ServiceView:
    id: str
    name: str
    summary: str
    description: str
    instructions: str
    charge: str
    provider: str
    area: str
    channels: list[ChannelView] = field(default_factory=list)
    # The language each text is in (a Finnish-only service inside a sv/en page is marked lang="fi").
    name_lang: str = ""
    summary_lang: str = ""
    description_lang: str = ""
    instructions_lang: str = ""
    provider_lang: str = ""

    @property
    def only_finnish(self) -> bool:
        """The service's own texts fell back to Finnish."""
        return (self.description_lang or self.summary_lang) == "fi"


def lang_of(text: dict[str, str] | None, lang: str) -> str:
    """The language ``pick`` takes a text in ('' when there is none)."""
    for key in (lang, "fi", "en", "sv"):
        if text and text.get(key):
            return key
    return ""


_AREA_3 = ("04", "050", "013", "014", "015", "016", "017", "019", "020", "029", "030", "010", "075")


def format_phone(raw: str) -> str:
    """A Finnish number grouped for reading: 0401234567 → 040 123 4567, +358401234567 → +358 40 123
    4567, 0800123456 → 0800 123 456. Anything else is returned as written."""
    digits = raw.replace(" ", "").replace("-", "").replace("(0)", "")
    intl = digits.startswith("+358")
    national = "0" + digits[4:] if intl else digits
    if not national.isdigit() or not 5 <= len(national) <= 12 or not national.startswith("0"):
        return raw.strip()
    if national.startswith(("0800", "0700", "0600")):
        head = national[:4]
    elif national.startswith(_AREA_3):
        head = national[:3]
    else:
        head = national[:2]
    rest = national[len(head):]
    groups = [rest] if len(rest) <= 5 else [rest[:3], rest[3:]]
    if intl:
        head = "+358 " + head[1:]
    return " ".join([head, *groups])


def format_hours(channel: ChannelRecord, lang: str, t: Translate) -> list[str]:
    out: list[str] = []
    for sh in channel.service_hours:
        info = pick(sh.info, lang)
        if sh.always_open:
            out.append(t("always_open") + (f" ({info})" if info else ""))
            continue
        spans = []
        for oh in sh.opening_hours:
            days = t(oh.day_from) + (f"–{t(oh.day_to)}" if oh.day_to and oh.day_to != oh.day_from else "")
            times = f"{(oh.time_from or '')[:5]}–{(oh.time_to or '')[:5]}" if oh.time_from else ""
            spans.append(f"{days} {times}".strip())
        text = ", ".join(spans)
        if sh.type == "Exception" or sh.is_closed:
            when = " – ".join(d[:10] for d in (sh.valid_from, sh.valid_to) if d)
            text = f"{t('exception')} {when}: " + (t("closed") if sh.is_closed else text)
        if info:
            text = f"{text} ({info})" if text else info
        if text:
            out.append(text)
    return out


def open_text(status: OpenStatus | None, t: Translate) -> str:
    if status is None:
        return ""
    return t(f"open_{status.state}").format(until=status.until, opens=status.opens)


def _address(a: Address, lang: str) -> str:
    street = " ".join(x for x in (pick(a.street, lang), a.street_number or "") if x)
    town = " ".join(x for x in (a.postal_code or "", pick(a.post_office, lang) or pick(a.municipality_names, lang)) if x)
    return ", ".join(x for x in (street, town) if x)


def _phone(p: Phone, *, with_info: bool) -> Contact:
    number = (p.prefix or "") + p.number
    shown = format_phone(number)
    return Contact(f"{shown} ({p.info})" if with_info and p.info else shown, tel_href(number), shown)


def service_view(svc: ServiceRecord, channels: dict[str, ChannelRecord], lang: str, t: Translate,
                 municipality_names: dict[str, dict[str, str]], *, recommendation_id: int | None = None,
                 link_key: bytes | None = None,
                 receivers: Callable[[str], ClientInfo | None] | None = None) -> ServiceView:
    """A service as the web app shows it. Links are tracked through the v1 redirect when the service
    was part of a logged recommendation (signed with ``link_key``, ``links.tracking_key``), so web clicks
    feed the same log as the API's."""
    org = svc.responsible_organisation
    if svc.is_national:
        area = t("nationwide")
    else:
        names = [pick(a.names, lang) for a in svc.areas if a.names]
        if not names:
            names = [pick(municipality_names.get(c, {}), lang) or c for c in svc.municipality_codes]
        area = ", ".join(dict.fromkeys(n for n in names if n))
    view = ServiceView(id=svc.id, name=pick(svc.names, lang), summary=pick(svc.summary, lang),
                       description=pick(svc.description, lang), instructions=pick(svc.user_instruction, lang),
                       charge=pick(svc.charge_info, lang), provider=pick(org.names, lang) if org else "", area=area,
                       name_lang=lang_of(svc.names, lang), summary_lang=lang_of(svc.summary, lang),
                       description_lang=lang_of(svc.description, lang),
                       instructions_lang=lang_of(svc.user_instruction, lang),
                       provider_lang=lang_of(org.names, lang) if org else "")
    for cid in svc.channel_ids:
        ch = channels.get(cid)
        if ch is None:
            continue
        view.channels.append(ChannelView(
            id=ch.id, type=ch.type, name=pick(ch.names, lang), summary=pick(ch.summary, lang),
            pages=link_targets(ch),
            phones=[_phone(p, with_info=True) for p in ch.phones if p.type != "Fax" and p.language in (lang, "fi")][:2]
            or [_phone(p, with_info=False) for p in ch.phones if p.type != "Fax"][:1],
            emails=[Contact(e, mailto_href(e)) for e in dict.fromkeys(e.value for e in ch.emails)][:2],
            addresses=list(dict.fromkeys(a for a in (_address(a, lang) for a in ch.addresses) if a))[:2],
            hours=format_hours(ch, lang, t), open_now=open_text(open_status(ch.service_hours), t)))
    for cv in view.channels:
        if cv.pages:
            cv.link = cv.pages[0] if recommendation_id is None or link_key is None else tracking_url(
                "", key=link_key, service_id=svc.id, channel_id=cv.id, link_id=0, recommendation_id=recommendation_id)
        cv.receiver = receivers(cv.id) if receivers is not None else None
    return view


def filters_for(*, municipality_code: str | None = None, service_class: str | None = None,
                target_group: str | None = None) -> ServiceFilters:
    return ServiceFilters(municipality_codes=(municipality_code,) if municipality_code else (),
                          service_classes=(service_class,) if service_class else (),
                          target_groups=(target_group,) if target_group else ())
