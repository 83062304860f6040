"""HTML → PDF with WeasyPrint.

WeasyPrint is imported when a PDF is made, not at start-up: it loads Pango, which most commands
never need. It writes no creation date unless the HTML asks for one, so the same HTML gives the
same bytes (reports rely on that).
"""

from __future__ import annotations


def html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    # WeasyPrint publishes no type stubs.
    from weasyprint import HTML  # type: ignore[import-untyped]

    pdf: bytes = HTML(string=html, base_url=base_url).write_pdf()
    return pdf
