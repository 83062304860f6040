"""A state as nonpro names it."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Country(BaseModel):
    model_config = ConfigDict(frozen=True)

    alpha_2: str
    alpha_3: str
    name: str
    historic: bool = False  # dissolved states (USSR, Yugoslavia, ...): ISO 3166-3
    matched_by: str = ""  # how the query resolved: "code", "alias", "name", "region", "flag"
