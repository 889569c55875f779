"""The web app's request context: the runtime, the signed session, the settled language and a renderer
that adds the session cookie and the security headers to every response."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from auroranet.catalogue.reference import ReferenceData
from auroranet.engine.contract import Explanation
from auroranet.i18n import LANGS, is_lang, negotiate, pick
from auroranet.runtime import Runtime
from auroranet.search.explain_text import render_explanation
from auroranet.vocab import meter_name
from auroranet.web import session as sess
from auroranet.web.messages import translate
from auroranet.web.questionnaires import Questionnaire

HERE = Path(__file__).parent
env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]),
                  trim_blocks=True, lstrip_blocks=True)

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "geolocation=(), camera=(), microphone=()",
    "Cache-Control": "no-store",
}
LANG_NAMES = {"fi": "Suomeksi", "sv": "På svenska", "en": "In English"}


class Page:
    """Everything a handler needs: runtime, session, language and a renderer that adds cookie and headers."""

    def __init__(self, request: Request) -> None:
        self.request = request
        rt = request.app.state.runtime
        assert isinstance(rt, Runtime)
        self.runtime: Runtime = rt
        self.settings = self.runtime.settings
        self.session = sess.load(request, self.settings.session_secret)
        asked = request.query_params.get("lang")
        if is_lang(asked):
            if self.session.get("lang") != asked:
                self.session["lang"] = asked
            self.lang: str = asked  # type: ignore[assignment]
        elif is_lang(self.session.get("lang")):
            self.lang = self.session["lang"]
        else:
            self.lang = negotiate(request.headers.get("accept-language"))

    @property
    def reference(self) -> ReferenceData:
        """The code lists of the current catalogue snapshot."""
        return self.runtime.catalogue().reference

    def reasons(self, expl: Explanation) -> list[str]:
        return render_explanation(expl, self.lang, self.reference.municipalities)

    def t(self, key: str, **kw: object) -> str:
        return translate(key, self.lang, **kw)

    @property
    def questionnaires(self) -> dict[str, Questionnaire]:
        return self.request.app.state.questionnaires  # type: ignore[no-any-return]

    def finish(self, response: Response) -> Response:
        sess.save(response, self.session, self.settings.session_secret,
                  secure=self.settings.public_base_url.startswith("https"))
        response.headers.update(SECURITY_HEADERS)
        return response

    def render(self, template: str, status: int = 200, **ctx: Any) -> Response:
        path = self.request.url.path
        base = dict(lang=self.lang, t=self.t, pick=lambda d: pick(d, self.lang), csrf=self.session.csrf_token(),
                    path=path, langs=LANGS, meter_name=lambda k: meter_name(k, self.lang),
                    reasons=lambda e: self.reasons(e), lang_names=LANG_NAMES)
        html = env.get_template(template).render(**base, **ctx)
        return self.finish(HTMLResponse(html, status_code=status))

    def redirect(self, url: str) -> Response:
        return self.finish(RedirectResponse(url, status_code=303))

    def error(self, status: int, message_key: str) -> Response:
        return self.render("error.html", status=status, message=self.t(message_key))

    async def form(self) -> dict[str, str] | None:
        """The posted form, or None when the CSRF token is missing or wrong."""
        data = await self.request.form()
        fields = {k: v for k, v in data.multi_items() if isinstance(v, str)}
        if not self.session.check_csrf(fields.get("csrf_token")):
            return None
        return fields

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


def municipality_code(ref: ReferenceData, text: str) -> str | None:
    """A municipality typed as a code or a name in any language."""
    value = text.strip().casefold()
    if not value:
        return None
    for code, names in ref.municipalities.items():
        if value == code or value in (n.casefold() for n in names.values() if n):
            return code
    return None
