"""The notice draft as a Word document, from the same blocks as the Markdown."""

from __future__ import annotations

from nonpro.documents.docx import write_docx
from nonpro.documents.elements import Block, Document, Heading, Paragraph, Text
from nonpro.sanctions.notice import Block as NoticeBlock
from nonpro.sanctions.notice import NoticeDraft


def _element(block: NoticeBlock) -> Block:
    if block.kind == "heading":
        return Heading(block.text, level=2)
    if block.kind == "field":
        return Paragraph((Text(f"{block.label}: ", bold=True), Text(block.text)))
    if block.kind in ("item", "note"):
        return Paragraph.of(block.text, style="List Bullet")
    if block.kind == "rule":
        return Paragraph.of("\u2014" * 20)  # a plain rule: the notes follow
    return Paragraph.of(block.text)


def to_docx(draft: NoticeDraft) -> bytes:
    return write_docx(Document(draft.title, [_element(block) for block in draft.blocks]))
