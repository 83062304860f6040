"""Text files uploaded through a form (CSV imports): present, bounded, UTF-8, or a clear error."""

from __future__ import annotations

from fastapi import Request
from starlette.datastructures import UploadFile

from nonpro.core.errors import InvalidInput

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


async def uploaded_text(request: Request, field: str = "file") -> tuple[str, str]:
    """The uploaded file's text and its name; the error names ``field``."""
    upload = (await request.form()).get(field)
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise InvalidInput(field, "choose a CSV file to import")
    content = await upload.read(MAX_UPLOAD_BYTES + 1)
    if len(content) > MAX_UPLOAD_BYTES:
        raise InvalidInput(field, f"the file is larger than {MAX_UPLOAD_BYTES // 2**20} MiB")
    try:
        return content.decode("utf-8-sig"), upload.filename
    except UnicodeDecodeError:
        raise InvalidInput(field, "the file is not UTF-8 text") from None
