"""``/docs``: Swagger UI served from this server, under the same Content-Security-Policy as
every page.

FastAPI's own page loads Swagger UI from a CDN and starts it with an inline script; a strict
policy refuses both. Here the assets are vendored under web/static/vendor (Swagger UI 5, which
reads the OpenAPI 3.1 that FastAPI writes; 4.x cannot) and the page starts it with a static
script that reads the OpenAPI address from the page, so nothing leaves the server and no script
is inline.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from html import escape

from starlette.requests import Request
from starlette.responses import HTMLResponse

SWAGGER_UI_URL = "/static/vendor/swagger-ui-5.35.0"
STARTER_URL = "/static/swagger-start.js"


def swagger_ui_page(openapi_url: str, title: str) -> HTMLResponse:
    """The page that loads Swagger UI for ``openapi_url``."""
    return HTMLResponse(
        f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{escape(title)} – API docs</title>
<link rel="stylesheet" href="{SWAGGER_UI_URL}/swagger-ui.css">
</head>
<body>
<main id="swagger-ui" data-openapi-url="{escape(openapi_url)}"></main>
<script src="{SWAGGER_UI_URL}/swagger-ui-bundle.js"></script>
<script src="{STARTER_URL}"></script>
</body>
</html>
"""
    )


def api_docs_endpoint(openapi_url: str, title: str) -> Callable[[Request], Awaitable[HTMLResponse]]:
    """The ``/docs`` endpoint for an app whose OpenAPI description is at ``openapi_url``."""

    async def api_docs(_request: Request) -> HTMLResponse:
        return swagger_ui_page(openapi_url, title)

    return api_docs
