"""Renderers: a report's document to HTML or PDF (``reports/report.html``) or DOCX, all through
``nonpro.documents``; the figures themselves to JSON.

Each renderer is one object behind the ``Renderer`` protocol, chosen by format name.
"""

from __future__ import annotations

import json
from typing import Protocol

from nonpro.core.errors import InvalidInput
from nonpro.documents.docx import write_docx
from nonpro.documents.render import render_html, render_pdf
from nonpro.reports.document import Document
from nonpro.reports.docx_layout import word_document
from nonpro.reports.schemas import Report

_TEMPLATE = "reports/report.html"


def _marked(document: Document) -> Document:
    """Every format refuses a document whose portions are not all marked."""
    if not document.marked:
        raise InvalidInput("marking", "no marking set: a report is exported only with its markings")
    return document


class Renderer(Protocol):
    media_type: str
    suffix: str

    def render(self, report: Report, document: Document) -> bytes:
        """``document`` is marked (``Document.mark``); the services refuse it otherwise."""
        ...


class HtmlRenderer:
    media_type = "text/html; charset=utf-8"
    suffix = "html"

    def render(self, report: Report, document: Document) -> bytes:
        return render_html(_TEMPLATE, doc=_marked(document)).encode("utf-8")


class PdfRenderer:
    media_type = "application/pdf"
    suffix = "pdf"

    def render(self, report: Report, document: Document) -> bytes:
        return render_pdf(_TEMPLATE, doc=_marked(document))


class DocxRenderer:
    media_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    suffix = "docx"

    def render(self, report: Report, document: Document) -> bytes:
        return write_docx(word_document(_marked(document)))


class JsonRenderer:
    media_type = "application/json"
    suffix = "json"

    def render(self, report: Report, document: Document) -> bytes:
        # The figures, then how they were marked: the marking is not part of the figures, so it
        # does not change the input hash.
        scheme = _marked(document).scheme
        marking: dict[str, object] = {"scheme": scheme.name if scheme else None}
        marking |= {"banner": document.banner, "draft": document.draft}
        body = {**report.model_dump(mode="json"), "marking": marking}
        text = json.dumps(body, indent=2, ensure_ascii=False)
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
