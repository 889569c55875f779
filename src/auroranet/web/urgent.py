"""Urgent help in the web app: the "Need help now?" page (/help, every public crisis service in the
reader's language) and the footer's emergency number and crisis phone, shown on every page. The footer
list reaches the templates as the Jinja global ``footer_help(lang)``, set when this module is imported
(web.views imports it to mount the route). The block on the results and search pages is
``partials/urgent_help.html``, fed from the use case's ``Answer.urgent_help``."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from auroranet.safety.contacts import all_help, footer_help
from auroranet.web.page import Page, env

router = APIRouter(include_in_schema=False)
env.globals["footer_help"] = footer_help


@router.get("/help")
async def help_page(request: Request) -> Response:
    page = await Page.open(request)
    return await page.render("help.html", urgent=all_help(page.lang))
