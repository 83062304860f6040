"""Renderers: a document to HTML (Jinja2), PDF (WeasyPrint) or DOCX (python-docx); figures to JSON.

Each renderer is one object behind the ``Renderer`` protocol, chosen by format name. WeasyPrint is
imported when a PDF is made: it loads Pango, which most commands never need.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Protocol

from jinja2 import Environment, FileSystemLoader, select_autoescape

from nonpro.core.errors import InvalidInput
from nonpro.reports.document import Document
from nonpro.reports.docx_render import document_docx
from nonpro.reports.schemas import Report

_TEMPLATES = Path(__file__).resolve().parent / "templates"
_env = Environment(
    loader=FileSystemLoader(_TEMPLATES), autoescape=select_autoescape(["html"]), trim_blocks=True
)
_env.filters["b64"] = lambda data: base64.b64encode(data).decode("ascii")


class Renderer(Protocol):
    media_type: str
    suffix: str

    def render(self, report: Report, document: Document) -> bytes: ...


def report_html(document: Document) -> str:
    return _env.get_template("report.html").render(doc=document)


class HtmlRenderer:
    media_type = "text/html; charset=utf-8"
    suffix = "html"

    def render(self, report: Report, document: Document) -> bytes:
        return report_html(document).encode("utf-8")


class PdfRenderer:
    media_type = "application/pdf"
    suffix = "pdf"

    def render(self, report: Report, document: Document) -> bytes:
        # WeasyPrint publishes no type stubs.
        from weasyprint import HTML  # type: ignore[import-untyped]

        # No creation date in the file: the same figures give the same PDF.
        pdf: bytes = HTML(string=report_html(document), base_url=str(_TEMPLATES)).write_pdf(
            uncompressed_pdf=False
        )
        return pdf


class DocxRenderer:
    media_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    suffix = "docx"

    def render(self, report: Report, document: Document) -> bytes:
        return document_docx(document)


class JsonRenderer:
    media_type = "application/json"
    suffix = "json"

    def render(self, report: Report, document: Document) -> bytes:
        text = json.dumps(report.model_dump(mode="json"), indent=2, ensure_ascii=False)
        return (text + "\n").encode("utf-8")


RENDERERS: dict[str, Renderer] = {
    "html": HtmlRenderer(),
    "pdf": PdfRenderer(),
    "docx": DocxRenderer(),
    "json": JsonRenderer(),
}


def renderer(file_format: str) -> Renderer:
    try:
        return RENDERERS[file_format]
    except KeyError:
        raise InvalidInput("format", f"one of {', '.join(RENDERERS)}") from None
