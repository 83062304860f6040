"""Headers for files sent to a browser: always a download, never rendered in place.

A stored file name comes from whoever uploaded it; quotes, control characters and non-ASCII
letters are carried in the RFC 6266 ``filename*`` form so they cannot break the header.
"""

from __future__ import annotations

from urllib.parse import quote

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def attachment_headers(filename: str) -> dict[str, str]:
    printable = "".join(ch for ch in filename if ch.isprintable())
    fallback = "".join(ch if ch.isascii() and ch not in '"\\;' else "_" for ch in printable)
    disposition = f'attachment; filename="{fallback or "download"}"'
    if fallback != printable:
        disposition += f"; filename*=UTF-8''{quote(printable, safe='')}"
    return {"Content-Disposition": disposition, "X-Content-Type-Options": "nosniff"}
