"""The API documentation pages, ``/docs`` (Swagger UI) and ``/redoc`` (ReDoc), with their code served from
the fastapi-offline package: they work on an intranet without internet access.

FastAPI's own pages load Swagger UI and ReDoc from a CDN; these load them from ``/docs-assets``. Their
policy allows scripts from Clausier only, plus Swagger UI's one inline start-up script by its hash.
"""

import base64
import hashlib
import re
from collections.abc import Awaitable, Callable
from pathlib import Path

import fastapi_offline
from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.staticfiles import StaticFiles
from starlette.requests import Request
from starlette.responses import HTMLResponse

ASSETS = Path(fastapi_offline.__file__).resolve().parent / "static"
ASSETS_URL = "/docs-assets"
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
# ReDoc styles its elements with <style> tags it writes at run time: inline styles stay allowed here.
DOCS_CSP = (
    "default-src 'self'; script-src 'self'{hashes}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)


def docs_policy(html: str) -> str:
    """The page's Content-Security-Policy: its inline scripts allowed by their SHA-256, nothing else."""
    hashes = "".join(
        f" 'sha256-{base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()}'"
        for script in INLINE_SCRIPT.findall(html)
    )
    return DOCS_CSP.format(hashes=hashes)


def _page(html: HTMLResponse) -> Callable[[Request], Awaitable[HTMLResponse]]:
    body = bytes(html.body)
    headers = {"Content-Security-Policy": docs_policy(body.decode())}

    async def page(_request: Request) -> HTMLResponse:
        return HTMLResponse(body, headers=headers)

    return page


def install_api_docs(app: FastAPI) -> None:
    """Serve ``/docs``, ``/redoc`` and their assets (the app is built with ``docs_url=None, redoc_url=None``)."""
    assert app.openapi_url is not None
    app.mount(ASSETS_URL, StaticFiles(directory=ASSETS), name="docs-assets")
    swagger = get_swagger_ui_html(
        openapi_url=app.openapi_url, title=f"{app.title} — API (Swagger UI)",
        swagger_js_url=f"{ASSETS_URL}/swagger-ui-bundle.js", swagger_css_url=f"{ASSETS_URL}/swagger-ui.css",
        swagger_favicon_url=f"{ASSETS_URL}/favicon.png",
        swagger_ui_parameters={"validatorUrl": None},  # no call to the public validator
    )
    redoc = get_redoc_html(
        openapi_url=app.openapi_url, title=f"{app.title} — API (ReDoc)",
        redoc_js_url=f"{ASSETS_URL}/redoc.standalone.js", redoc_favicon_url=f"{ASSETS_URL}/favicon.png",
        with_google_fonts=False,
    )
    app.add_route("/docs", _page(swagger), include_in_schema=False)
    app.add_route("/redoc", _page(redoc), include_in_schema=False)
