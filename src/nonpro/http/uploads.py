"""Files uploaded to the API or through a form: present, bounded, and read as the service needs.

A form's CSV import arrives as text (``uploaded_text``), an API one too (``csv_text``); a register
import goes to a scratch file, since those services read paths (``with_upload``).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, TypeVar

from fastapi import Request
from sqlalchemy.orm import Session
from starlette.datastructures import UploadFile

from nonpro.accounts.schemas import Principal
from nonpro.core.errors import InvalidInput
from nonpro.core.rejected_rows import RejectedRows
from nonpro.registers.errors import UnreadableRegisterFile

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
_CHUNK_BYTES = 1024 * 1024
T = TypeVar("T")


def _copy_within_limit(source: BinaryIO, target: BinaryIO) -> None:
    copied = 0
    while chunk := source.read(_CHUNK_BYTES):
        copied += len(chunk)
        if copied > MAX_UPLOAD_BYTES:
            raise InvalidInput("file", f"larger than {MAX_UPLOAD_BYTES // 1024 // 1024} MiB")
        target.write(chunk)


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


async def import_upload(
    request: Request, importer: Callable[..., T], *, session: Session, actor: Principal
) -> T:
    """An import sent through a page's form: the uploaded file's text and origin
    (``upload:<name>``), handed to the capability's ``importer`` as ``import_csv`` does; the
    form's ``strict`` box checked, a file with any bad row stores nothing."""
    text, filename = await uploaded_text(request)
    strict = strict_chosen((await request.form()).get("strict"))
    return importer(text, origin=f"upload:{filename}", session=session, actor=actor, strict=strict)


def strict_chosen(value: object) -> bool:
    """A form's ``strict`` checkbox: sent as "on" when checked, absent when not."""
    return isinstance(value, str) and value.strip().lower() in {"on", "yes", "true", "1"}


def csv_text(file: UploadFile) -> tuple[str, str]:
    """A CSV file sent to the API as text, and the origin to record for it (``upload:<name>``)."""
    name = file.filename or "upload.csv"
    content = file.file.read(MAX_UPLOAD_BYTES + 1)
    if len(content) > MAX_UPLOAD_BYTES:
        raise InvalidInput("file", f"larger than {MAX_UPLOAD_BYTES // 1024 // 1024} MiB")
    try:
        return content.decode("utf-8-sig"), f"upload:{name}"
    except UnicodeDecodeError:
        raise InvalidInput("file", "send a UTF-8 CSV file") from None


def with_upload(file: UploadFile, use: Callable[[Path], T]) -> T:
    """Run ``use`` on a scratch copy of an uploaded CSV file; its errors name the file sent.

    The upload is copied to disk a chunk at a time and counted against ``MAX_UPLOAD_BYTES`` as it
    goes, never held in memory whole (Starlette has already spooled it to a temporary file)."""
    if Path(file.filename or "").suffix.lower() != ".csv":
        raise InvalidInput("file", "send a .csv file")
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "upload.csv"
        with path.open("wb") as copy:
            _copy_within_limit(file.file, copy)
        try:
            return use(path)
        except UnreadableRegisterFile as problem:  # name the file sent, not the scratch copy
            raise UnreadableRegisterFile(_sent(file), problem.problem, problem.line) from None
        except RejectedRows as problem:
            raise RejectedRows(_sent(file), problem.rows) from None


def _sent(file: UploadFile) -> str:
    return Path(file.filename or "upload.csv").name


def import_csv(
    file: UploadFile,
    importer: Callable[..., T],
    *,
    session: Session,
    actor: Principal,
    strict: bool = False,
) -> T:
    """An import sent to the API: the file's text and origin, handed to the capability's
    ``importer`` (``import_csv(text, *, origin, session, actor, strict)``)."""
    text, origin = csv_text(file)
    return importer(text, origin=origin, session=session, actor=actor, strict=strict)
