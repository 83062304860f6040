"""The office's text in a report draft: a small, documented markup, never HTML.

    A blank line starts a new paragraph.
    - a line starting with "- " is a bullet
    **bold** and *italic* inside a line

Everything else is text: a ``<`` stays a ``<`` (the renderers escape it), so no markup typed into
a draft can reach a reader as HTML. Each paragraph and each bullet is one portion of the report
and carries its own portion mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# **bold** before *italic*: the longer delimiter is tried first at each position.
_EMPHASIS = re.compile(r"\*\*(?P<bold>[^*\n]+?)\*\*|\*(?P<italic>[^*\n]+?)\*")
BULLET = "- "


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class RichParagraph:
    runs: tuple[Run, ...]
    bullet: bool = False

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


def runs(line: str) -> tuple[Run, ...]:
    """``line`` split into plain, bold and italic runs."""
    found: list[Run] = []
    at = 0
    for match in _EMPHASIS.finditer(line):
        if match.start() > at:
            found.append(Run(line[at : match.start()]))
        if match.group("bold") is not None:
            found.append(Run(match.group("bold"), bold=True))
        else:
            found.append(Run(match.group("italic"), italic=True))
        at = match.end()
    if at < len(line):
        found.append(Run(line[at:]))
    return tuple(found)


def parse(markup: str) -> list[RichParagraph]:
    """The paragraphs and bullets of ``markup``; lines of one paragraph are joined by a space."""
    parsed: list[RichParagraph] = []
    lines: list[str] = []

    def close() -> None:
        if lines:
            parsed.append(RichParagraph(runs(" ".join(lines))))
            lines.clear()

    for raw in markup.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            close()
        elif line.startswith(BULLET):
            close()
            parsed.append(RichParagraph(runs(line[len(BULLET) :].strip()), bullet=True))
        else:
            lines.append(line)
    close()
    return parsed
