"""One Jinja2 environment for every document, and the HTML → PDF step after it.

A template is named ``<package>/<file>`` and found in that package's ``templates/`` folder
(``cases/letter.html`` is ``nonpro/cases/templates/letter.html``), so each capability keeps its
templates beside its code while all of them share one configuration: autoescape on, block tags
trimmed. The folders are found by path, not by importing the packages: ``documents`` sits below
them in the layers and must not pull them in.
"""

from __future__ import annotations

import base64
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, PrefixLoader, select_autoescape
from markupsafe import Markup

from nonpro.documents.pdf import html_to_pdf

_PACKAGES = Path(__file__).resolve().parents[1]
# The web's templates are pages, rendered by the web's own environment with request globals.
_PAGES = "web"


def _b64(data: bytes) -> str:
    """For images inlined as data URIs: a document file carries its pictures with it."""
    return base64.b64encode(data).decode("ascii")


def _css_string(text: str) -> Markup:
    """``text`` inside a CSS string in a ``<style>`` element (a page margin's ``content``):
    HTML entities are not decoded there, so quotes, backslashes and ``<`` are CSS-escaped."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ")
    # Safe: every character that could end the CSS string or the style element is escaped above.
    return Markup(escaped.replace("\n", " "))  # noqa: S704


@cache
def environment() -> Environment:
    folders = {
        folder.parent.name: FileSystemLoader(folder)
        for folder in sorted(_PACKAGES.glob("*/templates"))
        if folder.parent.name != _PAGES
    }
    env = Environment(
        loader=PrefixLoader(folders), autoescape=select_autoescape(["html"]), trim_blocks=True
    )
    env.filters["b64"] = _b64
    env.filters["css_string"] = _css_string
    return env


def render_html(template: str, /, **context: object) -> str:
    """``template`` (``<package>/<file>``) rendered with ``context``."""
    return environment().get_template(template).render(**context)


def render_pdf(template: str, /, **context: object) -> bytes:
    """``template`` rendered and printed; relative URLs in it resolve in its own folder."""
    found = environment().get_template(template)
    folder = str(Path(found.filename).parent) if found.filename else None
    return html_to_pdf(found.render(**context), base_url=folder)
