"""A register import's upload goes to disk a chunk at a time, counted against its limit."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from starlette.datastructures import UploadFile

from nonpro.core.errors import InvalidInput
from nonpro.http import uploads


def test_an_upload_over_its_limit_is_refused_before_it_is_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(uploads, "MAX_UPLOAD_BYTES", 5)
    monkeypatch.setattr(uploads, "_CHUNK_BYTES", 2)
    used: list[Path] = []
    too_big = UploadFile(io.BytesIO(b"a,b\n1,2\n"), filename="register.csv")
    with pytest.raises(InvalidInput, match="file: larger than"):
        uploads.with_upload(too_big, used.append)
    assert used == []


def test_an_upload_within_its_limit_is_copied_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(uploads, "_CHUNK_BYTES", 3)
    upload = UploadFile(io.BytesIO(b"a,b\n1,2\n"), filename="register.csv")
    assert uploads.with_upload(upload, lambda path: path.read_bytes()) == b"a,b\n1,2\n"
