"""The HTTP API reference page, generated from the app's routes so it cannot drift.

``python -m nonpro.api.reference_docs > docs/reference/api.md`` (``make docs``) writes it; a test
fails when the committed page differs from what this renders.
"""

from __future__ import annotations

from collections import defaultdict

from fastapi import FastAPI

from nonpro.api.routes import api_router


def render_api_reference() -> str:
    app = FastAPI()
    app.include_router(api_router)
    by_tag: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for path, operations in app.openapi()["paths"].items():
        for method, operation in operations.items():
            tag = (operation.get("tags") or ["other"])[0]
            text = operation.get("description") or operation.get("summary") or ""
            summary = text.strip().split("\n")[0].replace("|", "/")
            by_tag[tag].append((path, method.upper(), summary))
    out = [
        "# HTTP API reference\n",
        "Generated from the code by `make docs`; do not edit by hand. The live OpenAPI "
        "description is at `/api/openapi.json` and browsable at `/docs`. Authenticate with "
        "`Authorization: Bearer <token>`; errors are "
        '`{"error": {"type", "message", "field"}}` with 401, 403, 404, 409, 422 or 429.\n',
    ]
    for tag in sorted(by_tag):
        out.append(f"## {tag}\n")
        out.append("| method | path | what |\n|---|---|---|")
        for path, method, summary in sorted(by_tag[tag]):
            out.append(f"| `{method}` | `{path}` | {summary} |")
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    print(render_api_reference(), end="")
