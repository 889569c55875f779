"""``GET /backoffice``: a signed-in staff member's home, listing the back-office pages their roles open.
Each page still checks its own role and area; this list only saves people from guessing addresses."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import Response

from auroranet.catalogue.reference import ReferenceData
from auroranet.identity.principal import Principal, Role, RoleName
from auroranet.insights.areas import parse as parse_area
from auroranet.web.messages import register
from auroranet.web.page import Page

router = APIRouter(include_in_schema=False)


@dataclass(frozen=True)
class Desk:
    path: str
    title_key: str
    roles: tuple[RoleName, ...]


DESKS: tuple[Desk, ...] = (
    Desk("/insights/", "sh_insights", ("analyst",)),
    Desk("/backoffice/insights", "sh_insights_budget", ("analyst",)),
    Desk("/backoffice/referrals", "sh_referrals", ("provider_staff",)),
    Desk("/backoffice/wallet", "sh_wallet", ("provider_staff",)),
    Desk("/backoffice/livechat", "sh_livechat", ("provider_staff",)),
    Desk("/backoffice/curation", "sh_curation", ("analyst", "provider_staff")),
    Desk("/backoffice/quality", "sh_quality", ("provider_staff",)),
    Desk("/backoffice/wallet/providers", "sh_wallet_providers", ("admin",)),
    Desk("/backoffice/wallet/incidents", "sh_wallet_incidents", ("admin",)),
)

MESSAGES = {
    "sh_title": {"fi": "Työtila", "sv": "Arbetsyta", "en": "Back office"},
    "sh_lead": {"fi": "Sivut, jotka roolisi avaavat. Jokainen sivu tarkistaa roolin ja alueen erikseen.",
                "sv": "Sidorna som dina roller öppnar. Varje sida kontrollerar roll och område för sig.",
                "en": "The pages your roles open. Each page checks the role and the area on its own."},
    "sh_roles": {"fi": "Roolisi", "sv": "Dina roller", "en": "Your roles"},
    "sh_none": {"fi": "Sinulla ei ole henkilöstörooleja. Pyydä ylläpitäjää lisäämään rooli.",
                "sv": "Du har inga personalroller. Be administratören lägga till en roll.",
                "en": "You have no staff roles. Ask an administrator to grant one."},
    "sh_insights": {"fi": "Tilannekuva", "sv": "Lägesbild", "en": "Situational picture"},
    "sh_insights_budget": {"fi": "Tilannekuvan yksityisyysbudjetti", "sv": "Lägesbildens integritetsbudget",
                           "en": "Situational picture: privacy budget"},
    "sh_referrals": {"fi": "Yhteydenottopyynnöt", "sv": "Kontaktförfrågningar", "en": "Contact requests"},
    "sh_wallet": {"fi": "Älyrahake", "sv": "Smart plånbok", "en": "Service wallet"},
    "sh_curation": {"fi": "Suosittelut ja piilotukset", "sv": "Rekommendationer och döljningar", "en": "Curation"},
    "sh_quality": {"fi": "Palvelutietojen laatu", "sv": "Tjänstedatans kvalitet", "en": "Catalogue quality"},
    "sh_role_admin": {"fi": "Ylläpitäjä", "sv": "Administratör", "en": "Administrator"},
    "sh_role_analyst": {"fi": "Analyytikko", "sv": "Analytiker", "en": "Analyst"},
    "sh_role_provider_staff": {"fi": "Palvelun työntekijä", "sv": "Tjänstens personal", "en": "Service staff"},
    "sh_scope_org": {"fi": "organisaatio {id}", "sv": "organisation {id}", "en": "organisation {id}"},
    "sh_wallet_providers": {"fi": "Älyrahake: palveluntuottajat", "sv": "Smart plånbok: tjänsteproducenter",
                            "en": "Service wallet: providers"},
    "sh_wallet_incidents": {"fi": "Älyrahake: poikkeamat", "sv": "Smart plånbok: incidenter",
                            "en": "Service wallet: incidents"},
    "nav_backoffice": {"fi": "Työtila", "sv": "Arbetsyta", "en": "Back office"},
}


def desks_for(principal: Principal) -> list[Desk]:
    return [d for d in DESKS if any(principal.can(r) for r in d.roles)]


def role_label(page: Page, ref: ReferenceData, role: Role) -> str:
    """A role as people read it: its name and its area or organisation in the page's language (not
    ``provider_staff · organisation:…``)."""
    area = parse_area(ref, role.scope)
    kind, _, code = role.scope.partition(":")
    where = area.name(page.lang) if area else page.t("sh_scope_org", id=code) if kind == "organisation" else role.scope
    return f"{page.t('sh_role_' + role.name)}: {where}"


def mount(app: FastAPI) -> None:
    register(MESSAGES)
    app.include_router(router)


@router.get("/backoffice")
async def home(request: Request) -> Response:
    page = await Page.open(request)
    p = await page.signed_in("/backoffice")
    if isinstance(p, Response):
        return p
    if p.kind != "staff":
        return await page.render("identity/backoffice.html", status=403, desks=[], principal_roles=[])
    return await page.render("identity/backoffice.html", desks=desks_for(p),
                             principal_roles=[role_label(page, page.reference, r) for r in p.roles])
