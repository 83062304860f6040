"""Markings: the banner a document carries on every page and the mark before every portion.

A scheme orders its levels from lowest to highest; a portion (paragraph, table, chart) carries
one level, the document's banner is the highest level any portion carries. Two schemes are built
in (``unclassified`` and ``cui``); an office with another scheme names a YAML or JSON file of the
same shape (see docs/reports.md). No report leaves without a scheme chosen: the choice is the
caller's (``--marking``, the form, the API) or the setting ``NONPRO_MARKING_SCHEME``, and with
neither the export is refused, naming the field.

Unverified: the CUI banner "CUI" and portion mark "(CUI)" follow the NARA CUI marking handbook
as we read it; the designation indicator (controlled by, category, limited dissemination, POC) is
the office's to supply in a scheme file, so the built-in ``cui`` scheme prints it as missing.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from nonpro.core.errors import ConfigurationError, InvalidInput

FIELD = "marking"


class MarkingLevel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(min_length=1, max_length=40)  # what a section or record names: "U", "CUI"
    portion: str = Field(min_length=1, max_length=40)  # before each portion: "(U)"
    banner: str = Field(min_length=1, max_length=200)  # top and bottom of each page


class MarkingScheme(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1, max_length=60)
    levels: list[MarkingLevel] = Field(min_length=1)  # lowest first
    default: str  # the level of a portion that names none
    # Lines printed on the title page under the banner (a CUI designation indicator, a
    # dissemination or handling line).
    handling: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _default_is_a_level(self) -> MarkingScheme:
        codes = [level.code for level in self.levels]
        if len(set(codes)) != len(codes):
            raise ValueError("each level's code must be unique")
        if self.default not in codes:
            raise ValueError(f"default {self.default!r} is not one of the levels {codes}")
        return self

    def level(self, code: str | None) -> MarkingLevel:
        wanted = code or self.default
        for level in self.levels:
            if level.code == wanted:
                return level
        known = ", ".join(level.code for level in self.levels)
        raise InvalidInput(FIELD, f"{wanted!r} is not a level of the {self.name} scheme ({known})")

    def rank(self, code: str) -> int:
        return [level.code for level in self.levels].index(self.level(code).code)

    def banner(self, codes: set[str]) -> str:
        """The banner of the highest level among ``codes`` (the default when there are none)."""
        highest = max(codes or {self.default}, key=self.rank)
        return self.level(highest).banner


_UNCLASSIFIED = MarkingLevel(code="U", portion="(U)", banner="UNCLASSIFIED")
BUILT_IN: dict[str, MarkingScheme] = {
    "unclassified": MarkingScheme(name="unclassified", levels=[_UNCLASSIFIED], default="U"),
    "cui": MarkingScheme(
        name="cui",
        levels=[_UNCLASSIFIED, MarkingLevel(code="CUI", portion="(CUI)", banner="CUI")],
        default="CUI",
        handling=[
            "Controlled by: to be supplied by the office (CUI designation indicator)",
            "CUI Category: to be supplied · POC: to be supplied",
        ],
    ),
}


def _from_file(path: Path) -> MarkingScheme:
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
        return MarkingScheme.model_validate(data)
    except (OSError, UnicodeDecodeError, ValueError, yaml.YAMLError) as problem:
        if isinstance(problem, ValidationError):
            first = problem.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "scheme"
            raise InvalidInput(FIELD, f"{path}: {where}: {first['msg']}") from None
        raise InvalidInput(FIELD, f"{path} is not a readable marking scheme: {problem}") from None


def choices(configured: str | None) -> dict[str, MarkingScheme]:
    """The schemes a form or the API may name: the built-in ones and the configured file's."""
    found = dict(BUILT_IN)
    if configured and configured.lower() not in BUILT_IN:
        try:
            scheme = _from_file(Path(configured))
        except InvalidInput as problem:
            raise ConfigurationError("NONPRO_MARKING_SCHEME", problem.problem) from None
        found[scheme.name] = scheme
    return found


def resolve(
    choice: str | None, *, configured: str | None, allow_files: bool = False
) -> MarkingScheme:
    """The scheme ``choice`` names, else the configured one; refused when neither is set.

    ``allow_files``: the CLI may name a scheme file; a form or the API only names a scheme the
    server already knows, so no request can make the server read a path it chose.
    """
    wanted = (choice or "").strip() or (configured or "").strip()
    if not wanted:
        raise InvalidInput(
            FIELD,
            "no marking set: a report is exported only with its markings; choose "
            "unclassified, cui or a scheme file (--marking, or NONPRO_MARKING_SCHEME)",
        )
    known = choices(configured)
    if wanted.lower() in known:
        return known[wanted.lower()]
    if wanted in known:
        return known[wanted]
    if allow_files and Path(wanted).is_file():
        return _from_file(Path(wanted))
    raise InvalidInput(
        FIELD, f"{wanted!r} is not a marking scheme here; one of {', '.join(sorted(known))}"
    )
