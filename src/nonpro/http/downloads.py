"""Files sent to a browser: a download is always saved, never rendered in place; a document
shown in place (a letter, minutes) is a PDF.

A file name may come from whoever uploaded the file, or from a query; quotes, control characters
and non-ASCII letters are carried in the RFC 6266 ``filename*`` form so they cannot break the
header.
"""

from __future__ import annotations

from typing import Literal
from urllib.parse import quote

from fastapi.responses import Response

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _disposition(kind: Literal["attachment", "inline"], filename: str) -> str:
    printable = "".join(ch for ch in filename if ch.isprintable())
    fallback = "".join(ch if ch.isascii() and ch not in '"\\;' else "_" for ch in printable)
    disposition = f'{kind}; filename="{fallback or "download"}"'
    if fallback != printable:
        disposition += f"; filename*=UTF-8''{quote(printable, safe='')}"
    return disposition


def attachment_headers(filename: str) -> dict[str, str]:
    return {
        "Content-Disposition": _disposition("attachment", filename),
        "X-Content-Type-Options": "nosniff",
    }


def download(content: bytes | str, filename: str, media_type: str) -> Response:
    """``content`` as a file the browser saves as ``filename``."""
    return Response(content, media_type=media_type, headers=attachment_headers(filename))


def pdf_in_place(content: bytes, filename: str) -> Response:
    """A PDF the browser shows; saved, it is ``filename``."""
    headers = {"Content-Disposition": _disposition("inline", filename)}
    return Response(content, media_type="application/pdf", headers=headers)
