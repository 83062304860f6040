"""What the office itself records for the reports and nonpro has no register for: MTCR and
HCOC developments (plenaries' outcomes, statements) and regulatory changes (a rule amending
31 CFR 539 or 544, the EAR's missile controls).

One YAML or JSON file, reviewed like any other office document, each record with its date, its
text and its source; the file's SHA-256 goes into the report's inputs, so a changed record gives
a new input hash. With no file, or no record of a kind in the period, the report says "None
recorded by the office": nonpro never writes such a development itself.

    records:
      - kind: mtcr            # mtcr, hcoc or regulatory
        date: 2025-10-17
        text: The MTCR plenary met in ... and agreed ...
        source: https://mtcr.info/...
        marking: U            # optional: a level of the marking scheme
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from nonpro.core.errors import InvalidInput
from nonpro.reports.schemas import InputRef, OfficeRecordRow, OfficeRecords

FIELD = "records"
Kind = Literal["mtcr", "hcoc", "regulatory"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Kind
    date: date
    text: str = Field(min_length=3)
    source: str = Field(min_length=3)  # every statement names where it comes from
    marking: str | None = None


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid")

    records: list[_Record] = Field(default_factory=list)


NONE = OfficeRecords(rows=[], ref=None)


def load_records(path: Path | None) -> OfficeRecords:
    """The office's records in ``path``; none without a path. Errors name the record and field."""
    if path is None:
        return NONE
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
        data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
        parsed = _File.model_validate(data or {})
    except ValidationError as problem:
        first = problem.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InvalidInput(FIELD, f"{path}: {where}: {first['msg']}") from None
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as problem:
        raise InvalidInput(FIELD, f"{path} is not a readable records file: {problem}") from None
    rows = [OfficeRecordRow.model_validate(r.model_dump()) for r in parsed.records]
    ref = InputRef(
        name="office records (MTCR, HCOC, regulatory)",
        source=path.name,
        file_hash=hashlib.sha256(raw).hexdigest(),
        rows=len(rows),
    )
    return OfficeRecords(rows=rows, ref=ref)
