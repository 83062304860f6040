"""The library of standard provisos (``data/provisos.yaml``), validated when first read."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml
from pydantic import ValidationError

from nonpro.cases.schemas import Proviso
from nonpro.core.errors import InvalidInput

# Suggested with every approval of an Annex item: the para 5 assurances and end-user undertakings.
STANDARD_FOR_ANNEX_ITEMS = ("END-USE-ONLY", "NO-RETRANSFER", "NO-WMD-DELIVERY")


@lru_cache(maxsize=1)
def library() -> dict[str, Proviso]:
    """Every proviso by id; a malformed file fails loudly, naming the record."""
    text = resources.files("nonpro.cases").joinpath("data/provisos.yaml").read_text("utf-8")
    raw = yaml.safe_load(text)
    found: dict[str, Proviso] = {}
    for index, record in enumerate(raw["provisos"]):
        try:
            proviso = Proviso.model_validate(record)
        except ValidationError as exc:
            raise ValueError(f"provisos.yaml record {index}: {exc.errors()[0]['msg']}") from None
        if proviso.id in found:
            raise ValueError(f"provisos.yaml: duplicate id {proviso.id}")
        found[proviso.id] = proviso
    return found


def resolve(ids: list[str], field: str = "provisos") -> list[Proviso]:
    """The provisos named, in order; an unknown id names the ids there are."""
    known = library()
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise InvalidInput(
            field, f"unknown proviso {', '.join(unknown)}; known: {', '.join(sorted(known))}"
        )
    return [known[i] for i in ids]
