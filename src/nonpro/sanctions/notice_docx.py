"""The notice draft as a Word document (python-docx), from the same blocks as the Markdown."""

from __future__ import annotations

import io

from docx import Document

from nonpro.sanctions.notice import NoticeDraft


def to_docx(draft: NoticeDraft) -> bytes:
    document = Document()
    document.core_properties.title = draft.title
    for block in draft.blocks:
        if block.kind == "heading":
            document.add_heading(block.text, level=2)
        elif block.kind == "field":
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{block.label}: ").bold = True
            paragraph.add_run(block.text)
        elif block.kind in ("item", "note"):
            document.add_paragraph(block.text, style="List Bullet")
        elif block.kind == "rule":
            document.add_paragraph("\u2014" * 20)  # a plain rule: the notes follow
        else:
            document.add_paragraph(block.text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
