"""The web app's request context: the runtime, the server-side session, the settled language, the limits
on engine calls and a renderer that stores the session and adds its cookie and the security headers.

    page = await Page.open(request)
    answer = await page.engine_call(lambda: ...)     # raises Refused when rate-limited or busy
    return await page.render("results.html", ...)
"""

from __future__ import annotations

import re
import secrets
from datetime import datetime, timezone
from urllib.parse import quote, urlencode
from pathlib import Path
from typing import Any, Awaitable, Callable, TypeVar

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape
from starlette.concurrency import run_in_threadpool

from auroranet.api.deps import client_ip
from auroranet.catalogue.hours import HELSINKI
from auroranet.catalogue.reference import ReferenceData
from auroranet.catalogue.urls import safe_href
from auroranet.engine.contract import Explanation
from auroranet.i18n import LANGS, is_lang, negotiate, pick
from auroranet.identity.principal import Principal, principal_of
from auroranet.runtime import Runtime
from auroranet.search.explain_text import render_explanation
from auroranet.vocab import meter_name
from auroranet.web import session as sess
from auroranet.web.messages import MESSAGES, translate
from auroranet.web.questionnaires import Questionnaire

HERE = Path(__file__).parent
env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]),
                  trim_blocks=True, lstrip_blocks=True)
env.filters["safe_href"] = safe_href  # every href built from catalogue data passes it


def wrap_points(text: str) -> Markup:
    """An e-mail address or long web address with line-break opportunities after @, dots and slashes."""
    return Markup("").join(Markup(escape(part)) + (Markup("<wbr>") if part[-1:] in "@./" else Markup(""))
                           for part in re.split(r"(?<=[@./])", text) if part)


env.filters["wrap_points"] = wrap_points


def local_time(value: datetime) -> str:
    """A stored time (UTC, naive on SQLite) as people in Finland read it: Helsinki time, no "UTC"."""
    aware = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    return aware.astimezone(HELSINKI).strftime("%d.%m.%Y %H:%M")


def local_date(value: datetime) -> str:
    """A stored time's day in Helsinki, written as people in Finland write dates (01.12.2026)."""
    return local_time(value)[:10]


env.filters["local_time"] = local_time
env.filters["local_date"] = local_date

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "geolocation=(self), camera=(), microphone=()",  # location: only on a tap (near.js),
    "Cache-Control": "no-store",
}
LANG_NAMES = {"fi": "Suomeksi", "sv": "På svenska", "en": "In English"}


T = TypeVar("T")
R = TypeVar("R")


class Refused(Exception):
    """An engine call refused by the per-IP rate limit (429) or the shared concurrency limit (503)."""

    def __init__(self, status: int, message_key: str, retry_after: int) -> None:
        super().__init__(message_key)
        self.status, self.message_key, self.retry_after = status, message_key, retry_after


class Page:
    """Everything a handler needs: runtime, session, language and a renderer that adds cookie and headers."""

    def __init__(self, request: Request, session: sess.WebSession) -> None:
        self.request = request
        rt = request.app.state.runtime
        assert isinstance(rt, Runtime)
        self.runtime: Runtime = rt
        self.settings = self.runtime.settings
        self.session = session
        asked = request.query_params.get("lang")
        if is_lang(asked):
            if self.session.get("lang") != asked:
                self.session["lang"] = asked
            self.lang: str = asked  # type: ignore[assignment]
        elif is_lang(self.session.get("lang")):
            self.lang = self.session["lang"]
        else:
            self.lang = negotiate(request.headers.get("accept-language"))

    @classmethod
    async def open(cls, request: Request) -> "Page":
        store = _store(request)
        if sess.cookie_id(request.cookies.get(sess.COOKIE), store.secret) is None:
            return cls(request, sess.WebSession(secret=store.secret))  # nothing to read
        return cls(request, await run_in_threadpool(sess.load, request, store))

    @property
    def principal(self) -> Principal | None:
        """Who is signed in (None: anonymous, which always works)."""
        return principal_of(self.session)

    async def signed_in(self, back: str | None = None) -> Principal | Response:
        """Who is signed in, or the redirect to the login that comes back to ``back`` (by default this
        address with its query)."""
        p = self.principal
        if p is not None:
            return p
        url = self.request.url
        target = back if back is not None else url.path + (f"?{url.query}" if url.query else "")
        return await self.redirect("/login?next=" + quote(target, safe="/"))

    async def allowed(self, rights: Callable[[Principal], R | None], forbidden: str) -> R | Response:
        """What the signed-in caller may do on a back-office page (``rights`` of the principal), the login
        redirect for an anonymous caller, or 403 with the message ``forbidden`` when ``rights`` gives None.

            scope = await page.allowed(scope_of, "bo_forbidden")
            if isinstance(scope, Response):
                return scope
        """
        p = await self.signed_in()
        if isinstance(p, Response):
            return p
        r = rights(p)
        return await self.error(403, forbidden) if r is None else r

    @classmethod
    async def opened_by(cls, request: Request, guard: Callable[["Page"], Awaitable[R | Response]]
                        ) -> "tuple[Page, R | Response]":
        """Open a back-office page: the page, and what the guard gave (rights) or the answer to send."""
        page = await cls.open(request)
        return page, await guard(page)

    @classmethod
    async def posted_by(cls, request: Request, guard: Callable[["Page"], Awaitable[R | Response]]
                        ) -> "tuple[Page, R | Response, dict[str, str]]":
        """Open a back-office POST: the guard first (login, rights), then the CSRF check. The second item is
        what the guard gave, or the answer to send (login, 403); the form is empty then.

            page, who, form = await Page.posted_by(request, guard)
            if isinstance(who, Response):
                return who
        """
        page, who = await cls.opened_by(request, guard)
        if isinstance(who, Response):
            return page, who, {}
        form = await page.checked_form()
        if isinstance(form, Response):
            return page, form, {}
        return page, who, form

    @property
    def reference(self) -> ReferenceData:
        """The code lists of the current catalogue snapshot."""
        return self.runtime.catalogue().reference

    def reasons(self, expl: Explanation) -> list[str]:
        return render_explanation(expl, self.lang, self.reference.municipalities)

    def meter_name(self, key: str) -> str:
        return meter_name(key, self.lang)

    def t(self, key: str, **kw: object) -> str:
        return translate(key, self.lang, **kw)

    def language_name(self, code: str) -> str:
        """A language named in the page's language ("englanti" on a Finnish page); an unknown code as is."""
        key = f"langname_{code}"
        return self.t(key) if key in MESSAGES else code

    @property
    def questionnaires(self) -> dict[str, Questionnaire]:
        return self.request.app.state.questionnaires  # type: ignore[no-any-return]

    async def finish(self, response: Response) -> Response:
        store = _store(self.request)
        if sess.needs_store(self.session):
            await run_in_threadpool(sess.persist, self.session, store)
        secure = self.request.url.scheme == "https" or self.settings.public_base_url.startswith("https")
        sess.set_cookie(response, self.session, store.secret, secure=secure)
        response.headers.update(SECURITY_HEADERS)
        return response

    async def engine_call(self, call: Callable[[], T]) -> T:
        """Run an engine use case off the event loop under the API's limits: this address's share of the
        rate limit and the process-wide concurrency limit on engine calls. Raises ``Refused``."""
        rt = self.runtime
        wait = rt.limits.bucket.take(client_ip(self.request))
        if wait > 0:
            rt.metrics.rate_limited.inc()
            raise Refused(429, "rate_limited", max(1, int(wait + 0.999)))
        with rt.limits.engine_calls.slot() as free:
            if not free:
                rt.metrics.busy.inc()
                raise Refused(503, "busy", 1)
            return await rt.limits.engine_calls.run(call)

    async def refused(self, exc: Refused) -> Response:
        response = await self.render("error.html", status=exc.status, message=self.t(exc.message_key),
                                     title=self.t("refused_title"))
        response.headers["Retry-After"] = str(exc.retry_after)
        return response

    async def render(self, template: str, status: int = 200, **ctx: Any) -> Response:
        path = self.request.url.path
        base = dict(lang=self.lang, t=self.t, pick=lambda d: pick(d, self.lang), csrf=self.session.csrf_token(),
                    path=path, langs=LANGS, meter_name=lambda k: meter_name(k, self.lang),
                    reasons=lambda e: self.reasons(e), lang_names=LANG_NAMES, lang_links=self.lang_links(),
                    language_name=self.language_name,
                    exit_url=self.settings.web_exit_url, principal=self.principal,
                    runtime=self.runtime)  # for the domains' partials (their Jinja globals read it)
        html = env.get_template(template).render(**base, **ctx)
        return await self.finish(HTMLResponse(html, status_code=status))

    def lang_links(self) -> dict[str, str]:
        """This address in each language, its other query parameters (a search) kept."""
        keep = [(k, v) for k, v in self.request.query_params.multi_items() if k not in ("lang", "erased")]
        path = self.request.url.path
        return {lang: f"{path}?{urlencode(keep + [('lang', lang)])}" for lang in LANGS}

    async def redirect(self, url: str) -> Response:
        return await self.finish(RedirectResponse(url, status_code=303))

    async def error(self, status: int, message_key: str) -> Response:
        return await self.render("error.html", status=status, message=self.t(message_key))

    async def form(self) -> dict[str, str] | None:
        """The posted form, or None when the CSRF token is missing or wrong."""
        data = await self.request.form()
        fields = {k: v for k, v in data.multi_items() if isinstance(v, str)}
        if not self.session.check_csrf(fields.get("csrf_token")):
            return None
        return fields

    @classmethod
    async def posted(cls, request: Request) -> "tuple[Page, dict[str, str] | Response]":
        """Open the page of a POST and read its form: the fields, or the 403 answer to send when the CSRF
        token is missing or wrong.

            page, form = await Page.posted(request)
            if isinstance(form, Response):
                return form
        """
        page = await cls.open(request)
        return page, await page.checked_form()

    async def checked_form(self) -> dict[str, str] | Response:
        """The posted form, or the 403 answer when its CSRF token is missing or wrong (for handlers that
        check something else first, e.g. staff rights)."""
        form = await self.form()
        return await self.error(403, "csrf_error") if form is None else form

    async def form_list(self, name: str) -> list[str]:
        data = await self.request.form()
        return [v for v in data.getlist(name) if isinstance(v, str)]

    def session_id(self) -> str:
        """A random id for this browser session (the usage log's session_id; never a person)."""
        sid = self.session.get("sid")
        if not sid:
            sid = secrets.token_hex(8)
            self.session["sid"] = sid
        return str(sid)

    def current(self) -> tuple[Questionnaire | None, dict[str, int], dict[str, Any]]:
        """The questionnaire in progress, its answers and the background answers (age, municipality, event)."""
        q = self.questionnaires.get(str(self.session.get("qid", "")))
        answers = {k: int(v) for k, v in (self.session.get("answers") or {}).items()}
        return q, answers, dict(self.session.get("bg") or {})


def _store(request: Request) -> sess.Store:
    rt = request.app.state.runtime
    assert isinstance(rt, Runtime)
    return sess.Store(rt.db, rt.writes, rt.session_secret())


def municipality_code(ref: ReferenceData, text: str) -> str | None:
    """A municipality typed as a code, a name in any language or a Finnish inflected form ("Oulussa")."""
    from auroranet.catalogue.municipality_names import resolve_municipality

    return resolve_municipality(ref.municipalities, text)
