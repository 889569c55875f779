"""``/docs``: Swagger UI over ``/openapi.json``, served from this server (no CDN).

The Swagger UI bundle and stylesheet come from the npm package ``swagger-ui-dist`` (pinned in
package.json; ``make install`` copies them to ``web/static/vendor``, served under ``/static/vendor``).
FastAPI's own docs page loads them from a CDN and starts them with an inline script; this page starts
them with ``/docs/init.js`` instead, so the strict CSP below needs neither a CDN nor 'unsafe-inline'.
Without the vendor files (``make install`` not run) the page links to ``/openapi.json`` instead.
"""

from __future__ import annotations

from html import escape
from importlib.resources import files

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

router = APIRouter(include_in_schema=False)

VENDOR_URL = "/static/vendor"
VENDOR_FILES = ("swagger-ui-bundle.js", "swagger-ui.css")
OPENAPI_URL = "/openapi.json"
DOCS_CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
HEADERS = {"Content-Security-Policy": DOCS_CSP, "X-Content-Type-Options": "nosniff",
           "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY"}

INIT_JS = """window.addEventListener("DOMContentLoaded", function () {
  var root = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: root.dataset.openapiUrl,
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
    layout: "BaseLayout",
    showExtensions: true,
    showCommonExtensions: true
  });
});
"""

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="icon" href="data:,">
{head}
</head>
<body>
{body}
</body>
</html>
"""


def vendored() -> bool:
    vendor = files("auroranet.web").joinpath("static", "vendor")
    return all(vendor.joinpath(name).is_file() for name in VENDOR_FILES)


def docs_page(title: str) -> str:
    if not vendored():
        body = (f'<h1>{escape(title)}</h1>\n<p>The API is described in <a href="{OPENAPI_URL}">{OPENAPI_URL}</a> '
                "(OpenAPI 3). The interactive page needs the Swagger UI files: run <code>make install</code>.</p>")
        return PAGE.format(title=escape(title), head="", body=body)
    head = (f'<link rel="stylesheet" href="{VENDOR_URL}/swagger-ui.css">\n'
            f'<script src="{VENDOR_URL}/swagger-ui-bundle.js" defer></script>\n'
            '<script src="/docs/init.js" defer></script>')
    body = (f'<noscript><p>The API is described in <a href="{OPENAPI_URL}">{OPENAPI_URL}</a>.</p></noscript>\n'
            f'<div id="swagger-ui" data-openapi-url="{OPENAPI_URL}"></div>')
    return PAGE.format(title=escape(title), head=head, body=body)


@router.get("/docs")
async def docs() -> Response:
    return HTMLResponse(docs_page("auroranet API"), headers=HEADERS)


@router.get("/docs/init.js")
async def docs_init() -> Response:
    return Response(INIT_JS, media_type="text/javascript", headers={**HEADERS, "Cache-Control": "no-cache"})
