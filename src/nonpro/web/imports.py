"""After a file import on a page: on to the register when every row was stored, else a page
with what was stored and a table of the refused rows.

The refused rows are shown on the answer to the upload itself, not carried to the next page:
a notice travels in the session cookie, which a table of a hundred rows would overflow.
"""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import Response

from nonpro.core.rejected_rows import ImportReport
from nonpro.web.notices import done
from nonpro.web.rendering import render


def import_done(
    request: Request, *, back: str, back_label: str, stored: str, report: ImportReport
) -> Response:
    """``stored`` says what went in ("12 denials imported."); ``back`` is the register's page."""
    if not report.rows_refused:
        return done(request, back, stored)
    context = {"stored": stored, "report": report, "back": back, "back_label": back_label}
    return render(request, "imports/result.html", context)
